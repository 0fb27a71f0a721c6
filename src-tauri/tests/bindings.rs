//! The TypeScript types in `ui/src/lib/bindings/` are generated from the Rust types with ts-rs. This test
//! regenerates them into a temporary folder and fails when the checked-in copies differ.
//! Refresh them with: `UPDATE_BINDINGS=1 cargo test -p claimtrail-app --test bindings`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

use claimtrail_app_lib::commands::backup::{BackupFile, BackupStatus, RestoreResult};
use claimtrail_app_lib::commands::export::ExportInput;
use claimtrail_app_lib::commands::topics::{TimelineQuery, TopicEditInput, TopicInput, TopicSaved};
use claimtrail_app_lib::dto::*;
use claimtrail_app_lib::settings::Settings;
use claimtrail_app_lib::AppError;
use claimtrail_core::export::{ClaimReviewSettings, ExportFilter, ExportFormat};
use claimtrail_core::topic::{Timeline, TopicSuggestion, TopicSummary};
use claimtrail_core::{ClaimKind, ClaimStatus, Evidence, HitKind, Review, SearchHit};
use claimtrail_store::{
    Alert, ClaimLinks, ExportReport, FactCheckImportReport, LinkChange, LinkSettings,
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn export_all(dir: &Path) -> Result<(), ts_rs::ExportError> {
    let cfg = Config::new().with_large_int("number").with_out_dir(dir);
    AppInfo::export_all(&cfg)?;
    AppError::export_all(&cfg)?;
    Settings::export_all(&cfg)?;
    LibraryArticle::export_all(&cfg)?;
    FirstScreen::export_all(&cfg)?;
    claimtrail_store::Person::export_all(&cfg)?;
    claimtrail_store::PersonMergeSuggestion::export_all(&cfg)?;
    ArticleView::export_all(&cfg)?;
    ClaimDetail::export_all(&cfg)?;
    ImportSummary::export_all(&cfg)?;
    ImportProgressEvent::export_all(&cfg)?;
    JobProgressEvent::export_all(&cfg)?;
    LinksDoneEvent::export_all(&cfg)?;
    ScoresDoneEvent::export_all(&cfg)?;
    FactChecksDoneEvent::export_all(&cfg)?;
    QueueQuery::export_all(&cfg)?;
    QueueResult::export_all(&cfg)?;
    QueueFacets::export_all(&cfg)?;
    NewClaimInput::export_all(&cfg)?;
    ClaimEditInput::export_all(&cfg)?;
    VerdictInput::export_all(&cfg)?;
    SearchHit::export_all(&cfg)?;
    HitKind::export_all(&cfg)?;
    Review::export_all(&cfg)?;
    Evidence::export_all(&cfg)?;
    ClaimStatus::export_all(&cfg)?;
    ClaimKind::export_all(&cfg)?;
    ClaimLinks::export_all(&cfg)?;
    LinkChange::export_all(&cfg)?;
    Alert::export_all(&cfg)?;
    LinkSettings::export_all(&cfg)?;
    FactCheckImportReport::export_all(&cfg)?;
    TopicSummary::export_all(&cfg)?;
    TopicSuggestion::export_all(&cfg)?;
    Timeline::export_all(&cfg)?;
    TopicInput::export_all(&cfg)?;
    TopicEditInput::export_all(&cfg)?;
    TopicSaved::export_all(&cfg)?;
    TimelineQuery::export_all(&cfg)?;
    BackupStatus::export_all(&cfg)?;
    BackupFile::export_all(&cfg)?;
    RestoreResult::export_all(&cfg)?;
    ExportInput::export_all(&cfg)?;
    ExportFilter::export_all(&cfg)?;
    ExportFormat::export_all(&cfg)?;
    ExportReport::export_all(&cfg)?;
    ClaimReviewSettings::export_all(&cfg)?;
    Ok(())
}

fn read_dir(dir: &Path) -> std::io::Result<BTreeMap<String, String>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else if path.extension().is_some_and(|e| e == "ts") {
                let rel = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read_to_string(&path)?);
            }
        }
        Ok(())
    }
    let mut out = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut out)?;
    }
    Ok(out)
}

fn checked_in() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings")
}

#[test]
fn typescript_bindings_are_up_to_date() -> TestResult {
    let tmp = tempfile::tempdir()?;
    export_all(tmp.path())?;
    let fresh = read_dir(tmp.path())?;
    let target = checked_in();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(&target)?;
        for (name, _) in read_dir(&target)? {
            if !fresh.contains_key(&name) {
                std::fs::remove_file(target.join(&name))?;
            }
        }
        for (name, text) in &fresh {
            let path = target.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, text)?;
        }
        return Ok(());
    }
    let current = read_dir(&target)?;
    let stale: Vec<&String> = fresh
        .iter()
        .filter(|(name, text)| current.get(*name) != Some(text))
        .map(|(name, _)| name)
        .chain(current.keys().filter(|n| !fresh.contains_key(*n)))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/lib/bindings is stale ({stale:?}); run `UPDATE_BINDINGS=1 cargo test -p claimtrail-app --test bindings`"
    );
    Ok(())
}
