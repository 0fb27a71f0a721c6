//! claimtrail-app: the Tauri layer. It translates between the webview and the claimtrail crates and holds no
//! domain logic: commands parse ids, call the store on the blocking pool and return `{code, message}` errors.

pub mod commands;
pub mod dto;
pub mod error;
pub mod fetch;
pub mod jobs;
pub mod settings;
pub mod state;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use tauri::{Manager, Runtime};

pub use error::{AppError, AppResult};
pub use state::AppState;

/// Adds every command to `builder` (used by [`run`] and by the command tests).
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::settings::app_info,
        commands::settings::ui_ready,
        commands::settings::get_settings,
        commands::settings::save_settings,
        commands::settings::open_database,
        commands::backup::backup_status,
        commands::backup::set_backup_schedule,
        commands::backup::backup_now,
        commands::backup::restore_backup,
        commands::articles::list_articles,
        commands::articles::get_article,
        commands::articles::import_files,
        commands::articles::import_text,
        commands::articles::import_url,
        commands::articles::load_sample,
        commands::claims::get_claim,
        commands::claims::add_claim,
        commands::claims::edit_claim,
        commands::claims::split_claim,
        commands::claims::merge_claims,
        commands::claims::set_dismissed,
        commands::review::queue,
        commands::review::queue_facets,
        commands::review::review_claim,
        commands::review::undo_review,
        commands::review::add_evidence,
        commands::review::remove_evidence,
        commands::search::search,
        commands::links::claim_links,
        commands::links::set_link_state,
        commands::links::alerts,
        commands::links::dismiss_alert,
        commands::links::link_settings,
        commands::links::save_link_settings,
        commands::links::import_fact_checks,
        commands::links::count_fact_checks,
        commands::links::link_progress,
        commands::links::pending_links,
        commands::links::score_progress,
        commands::links::pending_scores,
        commands::links::fact_check_progress,
        commands::people::list_people,
        commands::people::merge_people,
        commands::people::split_person,
        commands::people::person_merge_suggestions,
        commands::people::dismiss_person_merge,
        commands::people::restore_person_merge,
        commands::topics::list_topics,
        commands::topics::create_topic,
        commands::topics::edit_topic,
        commands::topics::delete_topic,
        commands::topics::assign_topic_claim,
        commands::topics::unassign_topic_claim,
        commands::topics::suggest_topics,
        commands::topics::create_suggested_topic,
        commands::topics::topic_timeline,
        commands::export::export_claims,
        commands::export::claimreview_settings,
        commands::export::save_claimreview_settings,
        commands::export::reset_claimreview_settings,
    ])
}

/// Where this run's log file is (set once at start-up; `None` when the log folder cannot be written).
static LOG_FILE: OnceLock<Option<PathBuf>> = OnceLock::new();
/// When [`run`] began: start-up figures count from here.
static STARTED: OnceLock<Instant> = OnceLock::new();
/// Whether the UI has said it is ready (only its first word counts).
static READY: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Logs, once, how long the app took from [`run`] to the first screen drawn with its data: the figure for
/// "window to interactive" (`scripts/measure-startup.sh` reads it from the log). Returns the milliseconds.
/// `page_ms` is the page's own clock (from its navigation start), which tells WebKit's start from ours.
pub fn ui_ready(page_ms: Option<f64>) -> Option<u64> {
    let started = STARTED.get()?;
    if READY.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return None;
    }
    let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    tracing::info!(
        ms,
        page_ms = page_ms.map(|p| p.round() as u64),
        "window interactive"
    );
    Some(ms)
}

/// The app's log file, named in error dialogs so users can send it with a report.
pub fn log_file() -> Option<&'static Path> {
    LOG_FILE.get().and_then(|p| p.as_deref())
}

fn init_logging() {
    let path = claimtrail_log::init(claimtrail_log::LogConfig {
        file_name: "claimtrail-app.log",
        stderr: "info",
        file: "info,tao=warn,wry=warn",
    });
    let _ = LOG_FILE.set(path);
}

/// How often the scheduler thread checks whether a scheduled backup is due (cheap when it is not).
const BACKUP_CHECK_EVERY: Duration = Duration::from_secs(10 * 60);

/// Takes scheduled backups while the app runs: shortly after start, then every [`BACKUP_CHECK_EVERY`].
fn spawn_backup_scheduler(state: AppState) {
    let spawned = std::thread::Builder::new()
        .name("backup-scheduler".into())
        .spawn(move || {
            std::thread::sleep(Duration::from_secs(20));
            loop {
                commands::backup::backup_if_due(&state);
                std::thread::sleep(BACKUP_CHECK_EVERY);
            }
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the backup scheduler; scheduled backups are off");
    }
}

/// WebKit draws without accelerated compositing unless `CLAIMTRAIL_GPU` is set: the app is a calm document
/// view, and the compositing path (GL buffers, and under a software renderer all of LLVM) costs about 80 MB
/// of the web process while it sits idle all day. Measured on 100k claims: web process 226 -> 143 MB PSS.
fn lean_web_view(app: &tauri::App) {
    #[cfg(target_os = "linux")]
    if std::env::var_os("CLAIMTRAIL_GPU").is_none() {
        if let Some(window) = app.get_webview_window("main") {
            let applied = window.with_webview(|webview| {
                use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
                if let Some(settings) = WebViewExt::settings(&webview.inner()) {
                    settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
                }
            });
            if let Err(e) = applied {
                tracing::warn!(error = %e, "cannot turn off accelerated compositing");
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

/// How many Library rows the page receives before it runs; the rest follow by a call once they are drawn.
pub const FIRST_SCREEN_ROWS: u32 = 60;

/// A script that hands the page the Library's first screen of rows before the page's own code runs
/// (`window.__CLAIMTRAIL_FIRST_SCREEN__`). At start-up the page is busy drawing and its first calls wait for
/// it: measured at 100k claims, the first screen's rows took 65-150 ms to arrive by a call that the database
/// answered in 5 ms. Empty (and the page asks by a call) when there is no database or the rows cannot be read.
pub fn first_screen_script(state: &AppState) -> String {
    let rows = state.with_store_blocking(|store| {
        commands::articles::library_rows(store, Some(FIRST_SCREEN_ROWS as usize))
    });
    let screen = rows.map(|rows| dto::FirstScreen {
        limit: FIRST_SCREEN_ROWS,
        rows,
    });
    // JSON is a JavaScript expression; serde_json escapes every quote and backslash in article titles.
    match screen.map(|s| serde_json::to_string(&s)) {
        Ok(Ok(json)) => format!("window.__CLAIMTRAIL_FIRST_SCREEN__ = {json};"),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "cannot serialise the first screen; the page asks for it");
            String::new()
        }
        Err(e) => {
            tracing::debug!(code = %e.code, "no first screen to hand over; the page asks for it");
            String::new()
        }
    }
}

/// Opens the main window (`create: false` in `tauri.conf.json`: it is made here, with the first screen's rows).
fn open_main_window(app: &tauri::App, state: &AppState) -> tauri::Result<()> {
    let Some(config) = app.config().app.windows.iter().find(|w| w.label == "main") else {
        tracing::error!("tauri.conf.json has no window labelled `main`");
        return Ok(());
    };
    let config = config.clone();
    tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?
        .initialization_script(first_screen_script(state))
        .build()?;
    Ok(())
}

/// Turns off WebKit's DMA-BUF renderer unless `CLAIMTRAIL_GPU` is set (or the variable is set already). It
/// serves accelerated compositing, which [`lean_web_view`] turns off; at start-up it probes the GPU devices,
/// which without a GPU (as under Xvfb) costs about 0.1 s. Measured at 100k claims, window to interactive over
/// 6 alternating starts: median about 980 -> 890 ms, same idle memory. Must run before GTK starts and before any
/// thread does.
fn skip_gpu_probe() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("CLAIMTRAIL_GPU").is_none()
        && std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none()
    {
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
}

/// Starts the desktop app.
pub fn run() {
    STARTED.get_or_init(Instant::now);
    skip_gpu_probe();
    init_logging();
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let config_dir = app.path().app_config_dir()?;
            let (state, error) = AppState::load(&config_dir);
            if let Some(e) = error {
                tracing::error!(code = %e.code, message = %e.message, "starting without a database");
            }
            tracing::info!(
                version = env!("CARGO_PKG_VERSION"),
                ms = STARTED.get().map(|t| t.elapsed().as_millis() as u64),
                db = ?state.db_path(),
                config = %config_dir.display(),
                log = ?log_file(),
                "claimtrail started"
            );
            open_main_window(app, &state)?;
            spawn_backup_scheduler(state.clone());
            lean_web_view(app);
            app.manage(state.clone());
            // Suggests links for queued claims and scores them with the encoder in the background, starting with
            // any left from last time.
            match jobs::ScorerCommand::current_exe() {
                Ok(scorer) => jobs::start(app.handle().clone(), state, scorer),
                Err(e) => tracing::error!(error = %e, "cannot find the app's own binary; links and scores wait"),
            }
            Ok(())
        });
    if let Err(e) = with_commands(builder).run(tauri::generate_context!()) {
        tracing::error!(error = %e, "claimtrail stopped with an error");
        std::process::exit(1);
    }
}
