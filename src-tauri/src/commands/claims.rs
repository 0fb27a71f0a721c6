//! The claim panel and hand edits of claims: add from a selection, edit, split, merge, dismiss/restore.

use tauri::State;

use claimtrail_store::edit::{ClaimEdit, NewClaim};

use crate::dto::{ArticleRef, ClaimDetail, ClaimEditInput, NewClaimInput};
use crate::error::AppResult;
use crate::state::AppState;
use claimtrail_core::Claim;

/// A claim with its article, verdicts, evidence and change log.
#[tauri::command]
pub async fn get_claim(state: State<'_, AppState>, id: String) -> AppResult<ClaimDetail> {
    let id = super::parse_claim_id(&id)?;
    state
        .with_store(move |store| {
            let claim = store.get_claim(id)?;
            let article = store.get_article(claim.article_id)?;
            Ok(ClaimDetail {
                article: ArticleRef {
                    id: article.id,
                    title: article.title,
                    outlet: article.outlet,
                    date: article.date,
                },
                reviews: store.reviews(id)?,
                evidence: store.evidence(id)?,
                history: store.history(Some(&id.to_string()), 200)?,
                claim,
            })
        })
        .await
}

/// Adds a claim by hand from a span of an article.
#[tauri::command]
pub async fn add_claim(state: State<'_, AppState>, input: NewClaimInput) -> AppResult<Claim> {
    state
        .with_store(move |store| {
            Ok(store.add_manual_claim(NewClaim {
                article_id: input.article_id,
                start: input.start as usize,
                end: input.end as usize,
                kind: input.kind,
                claimant: input.claimant,
            })?)
        })
        .await
        .inspect(|_| state.wake_jobs())
}

/// Edits a claim's text/span, claimant, speaker or kind.
#[tauri::command]
pub async fn edit_claim(
    state: State<'_, AppState>,
    id: String,
    edit: ClaimEditInput,
) -> AppResult<Claim> {
    let id = super::parse_claim_id(&id)?;
    let edit = ClaimEdit {
        start: edit.start.map(|v| v as usize),
        end: edit.end.map(|v| v as usize),
        text: edit.text,
        claimant: edit.claimant.map(Some),
        speaker: edit.speaker.map(Some),
        kind: edit.kind,
    };
    state
        .with_store(move |store| Ok(store.edit_claim(id, edit)?))
        .await
        .inspect(|_| state.wake_jobs())
}

/// Splits a claim at a char offset of the article into two claims.
#[tauri::command]
pub async fn split_claim(state: State<'_, AppState>, id: String, at: u32) -> AppResult<Vec<Claim>> {
    let id = super::parse_claim_id(&id)?;
    state
        .with_store(move |store| {
            let (a, b) = store.split_claim(id, at as usize)?;
            Ok(vec![a, b])
        })
        .await
        .inspect(|_| state.wake_jobs())
}

/// Merges two adjacent claims of one article.
#[tauri::command]
pub async fn merge_claims(
    state: State<'_, AppState>,
    first: String,
    second: String,
) -> AppResult<Claim> {
    let (a, b) = (
        super::parse_claim_id(&first)?,
        super::parse_claim_id(&second)?,
    );
    state
        .with_store(move |store| Ok(store.merge_claims(a, b)?))
        .await
        .inspect(|_| state.wake_jobs())
}

/// Dismisses or restores a claim.
#[tauri::command]
pub async fn set_dismissed(
    state: State<'_, AppState>,
    id: String,
    dismissed: bool,
) -> AppResult<Claim> {
    let id = super::parse_claim_id(&id)?;
    state
        .with_store(move |store| Ok(store.set_claim_dismissed(id, dismissed)?))
        .await
}
