//! Backups: `backup`, `restore`, and the backup schedule.

use std::path::Path;
use std::process::ExitCode;

use claimtrail_store::Store;

use crate::output::print_json;
use crate::CliError;

/// `claimtrail backup [OUT] [--force] [--every HOURS|off]`.
pub fn backup(
    store: &Store,
    out: Option<&Path>,
    force: bool,
    every: Option<&str>,
    json: bool,
) -> Result<ExitCode, CliError> {
    if let Some(every) = every {
        let hours = match every.trim() {
            "off" | "0" | "never" => None,
            h => Some(h.parse::<u32>().map_err(|_| {
                CliError::Usage(format!(
                    "--every takes a number of hours or `off`, not `{h}`"
                ))
            })?),
        };
        store.set_backup_schedule(hours)?;
        if !json && out.is_none() {
            match hours {
                Some(h) => println!(
                    "Scheduled backups every {h} hour{} into {}.",
                    if h == 1 { "" } else { "s" },
                    store.backups_dir().display()
                ),
                None => println!("Scheduled backups are off."),
            }
        }
    }
    let Some(out) = out else {
        if json {
            print_json(&serde_json::json!({
                "every_hours": store.backup_schedule()?,
                "folder": store.backups_dir(),
            }))?;
        }
        return Ok(ExitCode::SUCCESS);
    };
    let info = store.backup_to(out, force)?;
    if json {
        print_json(&info)?;
    } else {
        println!(
            "Backed up to {} ({} bytes, schema version {}).",
            info.path.display(),
            info.bytes,
            info.schema_version
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `claimtrail restore IN`.
pub fn restore(store: &mut Store, input: &Path, json: bool) -> Result<ExitCode, CliError> {
    let info = store.restore_from(input)?;
    if json {
        print_json(&info)?;
    } else {
        println!(
            "Restored from {} (schema version {}). The database as it was is saved at {}.",
            info.from.display(),
            info.from_schema_version,
            info.previous_saved_to.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
