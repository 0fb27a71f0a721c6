// Prevents an extra console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    // The same binary scores claims for the app's background worker, in a process of its own (see `jobs`).
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == claimtrail_app_lib::jobs::SCORER_FLAG)
    {
        return claimtrail_app_lib::jobs::serve_scores();
    }
    claimtrail_app_lib::run();
    std::process::ExitCode::SUCCESS
}
