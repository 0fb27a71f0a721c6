//! Human tables and JSON output.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::CliError;

/// `n` with the noun in the number it needs ("1 claim", "3 claims").
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The progress bar of a queue drain (`{label} [===>  ] done/total claims  rate  eta`) on stderr, or a hidden
/// one when `show` is false, the queue is empty or stderr is not a terminal.
pub fn queue_bar(show: bool, total: usize, label: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !(show && total > 0 && std::io::stderr().is_terminal()) {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{{spinner}} {label} [{{bar:30}}] {{pos}}/{{len}} claims  {{per_sec}}  {{eta}} left"
        ))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar
}

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
