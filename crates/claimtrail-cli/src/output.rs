//! Human tables and JSON output.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::CliError;

pub fn print_json<T: Serialize>(value: &T) -> Result<(), CliError> {
    let out = serde_json::to_string_pretty(value)?;
    println!("{out}");
    Ok(())
}

/// Cuts `s` to at most `max` display columns, marking the cut with `…`.
pub fn clip(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.width() <= max {
        return s;
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + 2 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Prints rows under headers with aligned columns; `widths` caps each column.
pub fn table(headers: &[&str], widths: &[usize], rows: &[Vec<String>]) {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().zip(widths).map(|(c, w)| clip(c, *w)).collect())
        .collect();
    let mut col: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in &cells {
        for (i, c) in row.iter().enumerate() {
            if let Some(w) = col.get_mut(i) {
                *w = (*w).max(c.width());
            }
        }
    }
    let line = |values: Vec<&str>| {
        let mut s = String::new();
        for (i, v) in values.iter().enumerate() {
            if i + 1 == values.len() {
                s.push_str(v);
            } else {
                s.push_str(v);
                s.push_str(&" ".repeat(col[i].saturating_sub(v.width()) + 2));
            }
        }
        println!("{}", s.trim_end());
    };
    line(headers.to_vec());
    line(
        col.iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect(),
    );
    for row in &cells {
        line(row.iter().map(String::as_str).collect());
    }
}
