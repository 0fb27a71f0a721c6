//! claimtrail-app: the Tauri layer. It translates between the webview and the claimtrail crates and holds no
//! domain logic: commands parse ids, call the store on the blocking pool and return `{code, message}` errors.

pub mod commands;
pub mod dto;
pub mod error;
pub mod fetch;
pub mod link_worker;
pub mod settings;
pub mod state;

use tauri::{Manager, Runtime};

pub use error::{AppError, AppResult};
pub use state::AppState;

/// Adds every command to `builder` (used by [`run`] and by the command tests).
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::settings::app_info,
        commands::settings::get_settings,
        commands::settings::save_settings,
        commands::settings::open_database,
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
        commands::topics::list_topics,
        commands::topics::create_topic,
        commands::topics::edit_topic,
        commands::topics::delete_topic,
        commands::topics::assign_topic_claim,
        commands::topics::unassign_topic_claim,
        commands::topics::suggest_topics,
        commands::topics::create_suggested_topic,
        commands::topics::topic_timeline,
    ])
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("CLAIMTRAIL_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Starts the desktop app.
pub fn run() {
    init_tracing();
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let config_dir = app.path().app_config_dir()?;
            let (state, error) = AppState::load(&config_dir);
            if let Some(e) = error {
                tracing::error!(code = %e.code, message = %e.message, "starting without a database");
            }
            tracing::info!(db = ?state.db_path(), config = %config_dir.display(), "claimtrail started");
            app.manage(state.clone());
            // Suggests links for queued claims in the background, starting with any left from last time.
            link_worker::start(app.handle().clone(), state);
            Ok(())
        });
    if let Err(e) = with_commands(builder).run(tauri::generate_context!()) {
        tracing::error!(error = %e, "claimtrail stopped with an error");
        std::process::exit(1);
    }
}
