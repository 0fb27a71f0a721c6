//! `claimtrail score FILE.tsv`: check-worthiness of sentences by the encoder whose scores claimtrail shows (the
//! same model and calibration the score queue writes onto claims).

use std::io::{BufWriter, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use claimtrail_core::checkworthy::SCORE_DECIMALS;

use crate::CliError;

/// Rows scored (and printed) at a time.
const PRINT_CHUNK: usize = 256;

/// One input row: its id and its text.
#[derive(Debug, PartialEq, Eq)]
pub struct Row<'a> {
    pub id: &'a str,
    pub text: &'a str,
}

/// Parses `id<TAB>text[<TAB>more...]` lines. The first non-empty line is a header (and skipped) when its first
/// field is `id` or its second is `text` (any case). Empty lines are skipped; any other line without a tab or
/// with an empty id is an error naming its line number.
pub fn parse_rows<'a>(name: &str, input: &'a [u8]) -> Result<Vec<Row<'a>>, CliError> {
    let mut rows = Vec::new();
    let mut seen_first = false;
    for (no, raw) in input.split(|&b| b == b'\n').enumerate() {
        let line_no = no + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let line = std::str::from_utf8(raw)
            .map_err(|_| CliError::Usage(format!("{name}:{line_no}: not valid UTF-8")))?;
        if line.trim().is_empty() {
            continue;
        }
        let line = line.strip_prefix('\u{feff}').unwrap_or(line);
        let mut fields = line.split('\t');
        let id = fields.next().unwrap_or_default().trim();
        let Some(text) = fields.next() else {
            return Err(CliError::Usage(format!(
                "{name}:{line_no}: expected `id<TAB>text`, found no tab"
            )));
        };
        if !seen_first {
            seen_first = true;
            if id.eq_ignore_ascii_case("id") || text.trim().eq_ignore_ascii_case("text") {
                continue;
            }
        }
        if id.is_empty() {
            return Err(CliError::Usage(format!("{name}:{line_no}: empty id")));
        }
        rows.push(Row { id, text });
    }
    Ok(rows)
}

/// Reads `path` (`-` for standard input), checks every line, then prints `id<TAB>score` per row in input order.
pub fn score_file(path: &Path) -> Result<ExitCode, CliError> {
    let name = path.display().to_string();
    let mut bytes = Vec::new();
    if name == "-" {
        std::io::stdin().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(path).map_err(|e| CliError::Usage(format!("{name}: {e}")))?;
    }
    let rows = parse_rows(&name, &bytes)?;
    let encoder = claimtrail_encoder::Encoder::shipped()?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let decimals = SCORE_DECIMALS as usize;
    // Printed chunk by chunk, so a long file shows its first scores early.
    for chunk in rows.chunks(PRINT_CHUNK) {
        let texts: Vec<&str> = chunk.iter().map(|r| r.text).collect();
        let scores = encoder.score(&texts)?;
        for (row, score) in chunk.iter().zip(scores) {
            writeln!(out, "{}\t{:.decimals$}", row.id, score)?;
        }
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_detection_and_extra_columns() {
        let rows = parse_rows("t", b"ID\tsentence\n1\ta b\tYes\r\n\n2\tc\n").expect("parses");
        assert_eq!(
            rows,
            [
                Row {
                    id: "1",
                    text: "a b"
                },
                Row { id: "2", text: "c" }
            ]
        );
        let rows = parse_rows("t", b"key\ttext\nk1\tx\n").expect("parses");
        assert_eq!(
            rows,
            [Row {
                id: "k1",
                text: "x"
            }]
        );
        // Without a header the first line is data.
        let rows = parse_rows("t", b"7\tx\n").expect("parses");
        assert_eq!(rows, [Row { id: "7", text: "x" }]);
        // Only the first line can be a header.
        assert_eq!(parse_rows("t", b"1\tx\nid\ty\n").expect("parses").len(), 2);
    }

    #[test]
    fn malformed_lines_name_their_number() {
        let e = parse_rows("f.tsv", b"id\ttext\n1\tok\nno tab here\n").expect_err("malformed");
        assert_eq!(
            e.to_string(),
            "f.tsv:3: expected `id<TAB>text`, found no tab"
        );
        let e = parse_rows("f.tsv", b"\tno id\n").expect_err("malformed");
        assert_eq!(e.to_string(), "f.tsv:1: empty id");
        let e = parse_rows("f.tsv", b"1\t\xff\n").expect_err("malformed");
        assert_eq!(e.to_string(), "f.tsv:1: not valid UTF-8");
    }
}
