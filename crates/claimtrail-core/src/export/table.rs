//! CSV export: one row per claim, UTF-8, comma-separated, a header row, fields quoted when they need it (the
//! `csv` crate's RFC 4180 quoting), lines ending in `\n`. Fields holding several items (topics, evidence,
//! links) put one item per line inside the quoted cell.
//!
//! Formula-injection guard: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written
//! with a leading `'`, so a spreadsheet opening the file shows the text instead of running it as a formula
//! (claim text is untrusted: an article can contain `=HYPERLINK(...)`). A claim that really begins with `-`
//! therefore reads `'-` in the CSV; the JSON export keeps every text as it is.

use std::borrow::Cow;
use std::io::Write;

use super::{ExportError, ExportStats, ExportedClaim, LinkEnd};

/// The header row, in column order.
pub const COLUMNS: &[&str] = &[
    "claim_id",
    "claim",
    "claimant",
    "kind",
    "status",
    "verdict_at",
    "reviewer",
    "verdict_note",
    "checkworthiness",
    "claim_date",
    "article_id",
    "article_title",
    "outlet",
    "article_date",
    "article_url",
    "topics",
    "evidence",
    "links",
];

/// Characters that make a spreadsheet read a cell as a formula when they start it.
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// The cell as written: prefixed with `'` when it would start a formula.
pub fn guard_cell(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn row(c: &ExportedClaim) -> Vec<String> {
    let verdict = c.verdict();
    let evidence: Vec<String> = c
        .evidence
        .iter()
        .map(|e| match (&e.url, &e.note) {
            (Some(u), Some(n)) => format!("{u} ({n})"),
            (Some(u), None) => u.clone(),
            (None, Some(n)) => n.clone(),
            (None, None) => String::new(),
        })
        .collect();
    let links: Vec<String> = c
        .links
        .iter()
        .map(|l| match &l.other {
            LinkEnd::Claim { id, earlier, .. } => format!(
                "{} {} {} claim {id}",
                l.kind,
                l.state,
                if *earlier { "earlier" } else { "later" }
            ),
            LinkEnd::FactCheck {
                id, url, rating, ..
            } => {
                let mut s = format!("{} {} fact-check {id}", l.kind, l.state);
                if let Some(r) = rating {
                    s.push_str(&format!(" rated {r}"));
                }
                if let Some(u) = url {
                    s.push_str(&format!(" {u}"));
                }
                s
            }
        })
        .collect();
    vec![
        c.claim.id.to_string(),
        c.claim.text.clone(),
        opt(c.claimant()),
        c.claim.kind.to_string(),
        c.claim.status.to_string(),
        if c.claim.status.is_verdict() {
            c.verdict_at()
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        } else {
            String::new()
        },
        opt(verdict.and_then(|r| r.reviewer.as_deref())),
        opt(verdict.and_then(|r| r.note.as_deref())),
        format!("{:.3}", c.claim.checkworthiness),
        opt(c.date),
        c.article.id.to_string(),
        c.article.title.clone(),
        opt(c.article.outlet.as_deref()),
        opt(c.article.date),
        opt(c.article.url.as_deref()),
        c.topics.join("\n"),
        evidence.join("\n"),
        links.join("\n"),
    ]
}

/// Writes the header, then one row per claim as it comes.
pub struct CsvWriter<W: Write> {
    out: csv::Writer<W>,
    written: usize,
}

impl<W: Write> CsvWriter<W> {
    pub fn new(w: W) -> Result<Self, ExportError> {
        let mut out = csv::Writer::from_writer(w);
        out.write_record(COLUMNS)?;
        Ok(Self { out, written: 0 })
    }

    pub fn write(&mut self, c: &ExportedClaim) -> Result<(), ExportError> {
        let cells = row(c);
        self.out
            .write_record(cells.iter().map(|cell| guard_cell(cell).into_owned()))?;
        self.written += 1;
        Ok(())
    }

    pub fn finish(mut self) -> Result<ExportStats, ExportError> {
        self.out.flush()?;
        Ok(ExportStats {
            written: self.written,
            warnings: Vec::new(),
        })
    }
}

/// Writes the header and one row per claim.
pub fn write_csv<W: Write>(w: W, claims: &[ExportedClaim]) -> Result<ExportStats, ExportError> {
    let mut out = CsvWriter::new(w)?;
    for c in claims {
        out.write(c)?;
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::claim;
    use crate::model::ClaimStatus;

    #[test]
    fn formula_starts_are_neutralised() {
        for (cell, want) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1 555", "'+1 555"),
            ("-5% growth", "'-5% growth"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("Plain = text", "Plain = text"),
            ("", ""),
        ] {
            assert_eq!(guard_cell(cell), want);
        }
    }

    #[test]
    fn rows_are_quoted_and_guarded() -> Result<(), Box<dyn std::error::Error>> {
        let mut hostile = claim(
            "=cmd|' /C calc'!A0, said \"someone\"\nover two lines",
            Some("@handle"),
            ClaimStatus::Misleading,
        );
        hostile.topics = vec!["Dams".into(), "Water".into()];
        let plain = claim(
            "The dam was finished in 1998.",
            None,
            ClaimStatus::Unreviewed,
        );
        let mut out = Vec::new();
        let stats = write_csv(&mut out, &[hostile, plain])?;
        assert_eq!(stats.written, 2);
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let headers: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
        assert_eq!(headers, COLUMNS);
        let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
        assert_eq!(rows.len(), 2);
        let col = |name: &str| {
            COLUMNS
                .iter()
                .position(|c| *c == name)
                .unwrap_or(usize::MAX)
        };
        assert_eq!(
            &rows[0][col("claim")],
            "'=cmd|' /C calc'!A0, said \"someone\"\nover two lines"
        );
        assert_eq!(&rows[0][col("claimant")], "'@handle");
        assert_eq!(&rows[0][col("status")], "misleading");
        assert_eq!(&rows[0][col("verdict_at")], "2024-03-06T10:00:00Z");
        assert_eq!(&rows[0][col("reviewer")], "dana");
        assert_eq!(&rows[0][col("topics")], "Dams\nWater");
        assert_eq!(
            &rows[0][col("evidence")],
            "https://records.example/inspections"
        );
        assert!(rows[0][col("links")].starts_with("repeats confirmed fact-check"));
        assert_eq!(&rows[1][col("claimant")], "");
        assert_eq!(&rows[1][col("verdict_at")], "");
        assert_eq!(&rows[1][col("article_url")], "https://ledger.example/dam");
        Ok(())
    }
}
