//! Plain text, Markdown, HTML and JSON/JSONL batches into [`ArticleDraft`]s.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde_json::Value;

use super::{guess, IngestError, IngestOptions, Loaded, MetadataOverrides};
use crate::model::{ArticleDraft, SourceFormat};
use crate::text::normalize;

/// Guesses the format of content that came without a telling file name.
pub(super) fn sniff(text: &str) -> SourceFormat {
    let head = text.trim_start().get(..512).unwrap_or(text.trim_start());
    let lower = head.to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") || lower.contains("<body")
    {
        SourceFormat::Html
    } else if head.starts_with('[') {
        SourceFormat::Json
    } else if head.starts_with('{') {
        let whole_is_json = serde_json::from_str::<Value>(text).is_ok();
        if !whole_is_json && text.trim().lines().count() > 1 {
            SourceFormat::Jsonl
        } else {
            SourceFormat::Json
        }
    } else {
        SourceFormat::Text
    }
}

/// Metadata found in a document before overrides and guesses are applied.
#[derive(Default)]
struct Found {
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    authors: Vec<String>,
    date: Option<String>,
    language: Option<String>,
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
}

/// Builds a draft from normalised text and what was found, applying overrides, then guesses.
fn build(
    text: String,
    found: Found,
    format: SourceFormat,
    fallback_title: &str,
    overrides: &MetadataOverrides,
) -> Result<ArticleDraft, IngestError> {
    if text.trim().is_empty() {
        return Err(IngestError::NoText);
    }
    let dateline = guess::dateline(&text);
    let title = overrides
        .title
        .clone()
        .or(non_empty(found.title))
        .or_else(|| guess::title(&text))
        .unwrap_or_else(|| guess::title_from_name(fallback_title));
    let outlet = overrides
        .outlet
        .clone()
        .or(non_empty(found.outlet))
        .or(dateline.outlet);
    let published_at = overrides
        .date
        .or_else(|| found.date.as_deref().and_then(guess::parse_date))
        .or(dateline.date);
    let language = non_empty(found.language).or_else(|| guess::language(&text));
    Ok(ArticleDraft {
        title,
        outlet,
        url: overrides.url.clone().or(non_empty(found.url)),
        authors: found.authors,
        published_at,
        language,
        source_format: format,
        text,
        original: Vec::new(),
    })
}

/// Parses one text, Markdown or HTML document.
pub(super) fn parse_single(
    raw: &str,
    format: SourceFormat,
    fallback_title: &str,
    overrides: &MetadataOverrides,
) -> Result<ArticleDraft, IngestError> {
    match format {
        SourceFormat::Html => {
            let (text, found) = html(raw)?;
            build(text, found, format, fallback_title, overrides)
        }
        SourceFormat::Markdown => {
            let (text, title) = markdown(raw);
            let found = Found {
                title,
                ..Found::default()
            };
            build(text, found, format, fallback_title, overrides)
        }
        _ => build(
            normalize(raw),
            Found::default(),
            format,
            fallback_title,
            overrides,
        ),
    }
}

/// Main text and metadata of an HTML page (readability-style extraction).
pub fn parse_html(raw: &str) -> Result<ArticleDraft, IngestError> {
    parse_single(raw, SourceFormat::Html, "", &MetadataOverrides::default())
}

/// Text of a Markdown document.
pub fn parse_markdown(raw: &str) -> Result<ArticleDraft, IngestError> {
    parse_single(
        raw,
        SourceFormat::Markdown,
        "",
        &MetadataOverrides::default(),
    )
}

/// Deepest element nesting accepted in HTML. Readable-text extraction costs grow with the square of the depth
/// (20,000 nested `<div>`s, a 100 KB file, took minutes); real pages stay far below this.
const MAX_HTML_DEPTH: usize = 512;

/// Whether any element sits more than `limit` elements deep (an iterative walk: no recursion on hostile input).
fn nesting_exceeds(doc: &dom_query::Document, limit: usize) -> bool {
    let mut stack = vec![(doc.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > limit {
            return true;
        }
        stack.extend(
            node.children_it(false)
                .filter(|c| c.is_element())
                .map(|c| (c, depth + 1)),
        );
    }
    false
}

fn html(raw: &str) -> Result<(String, Found), IngestError> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        max_elements_to_parse: 200_000,
        ..Default::default()
    };
    let canonical = {
        let doc = dom_query::Document::from(raw);
        if nesting_exceeds(&doc, MAX_HTML_DEPTH) {
            return Err(IngestError::Html(format!(
                "markup is nested more than {MAX_HTML_DEPTH} elements deep"
            )));
        }
        let link = doc.select(r#"link[rel="canonical"]"#);
        link.attr("href").map(|h| h.to_string())
    };
    let mut reader = dom_smoothie::Readability::new(raw, None, Some(cfg))
        .map_err(|e| IngestError::Html(e.to_string()))?;
    let article = reader
        .parse()
        .map_err(|e| IngestError::Html(e.to_string()))?;
    let text = normalize(&article.text_content);
    if text.is_empty() {
        return Err(IngestError::NoText);
    }
    let authors = article
        .byline
        .iter()
        .flat_map(|b| guess::split_authors(b))
        .collect();
    let found = Found {
        title: Some(strip_site_suffix(
            &article.title,
            article.site_name.as_deref(),
        )),
        outlet: article.site_name.clone(),
        url: canonical.or(article.url.clone()),
        authors,
        date: article.published_time.clone(),
        language: article.lang.clone(),
    };
    Ok((text, found))
}

/// "Harbor plan approved | The Coast Ledger" → "Harbor plan approved" when the site is "The Coast Ledger".
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let title = title.trim();
    if let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) {
        for sep in [" | ", " - ", " – ", " — ", " :: "] {
            if let Some((head, tail)) = title.rsplit_once(sep) {
                if tail.trim().eq_ignore_ascii_case(site) && !head.trim().is_empty() {
                    return head.trim().to_string();
                }
            }
        }
    }
    title.to_string()
}

/// Plain text of Markdown, paragraphs separated by blank lines; the first level-1 heading is the title.
fn markdown(raw: &str) -> (String, Option<String>) {
    let mut out = String::with_capacity(raw.len());
    let mut title: Option<String> = None;
    let mut in_h1 = false;
    let mut h1 = String::new();
    for event in Parser::new(raw) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if title.is_none() => in_h1 = true,
            Event::End(TagEnd::Heading(HeadingLevel::H1)) if in_h1 => {
                in_h1 = false;
                title = Some(h1.trim().to_string());
                out.push_str("\n\n");
            }
            Event::Text(t) | Event::Code(t) => {
                if in_h1 {
                    h1.push_str(&t);
                }
                out.push_str(&t);
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::BlockQuote(_),
            ) => out.push_str("\n\n"),
            _ => {}
        }
    }
    (normalize(&out), title.filter(|t| !t.is_empty()))
}

/// Parses a JSON (object or array) or JSONL batch. Each record becomes its own item.
pub(super) fn parse_batch(
    label: &str,
    text: &str,
    format: SourceFormat,
    opts: &IngestOptions,
) -> Vec<Loaded> {
    let records: Vec<(String, Result<Value, IngestError>)> = if format == SourceFormat::Jsonl {
        text.lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(i, line)| {
                let value = serde_json::from_str::<Value>(line).map_err(|e| IngestError::Json {
                    line: i + 1,
                    column: e.column(),
                    message: e.to_string(),
                });
                (format!("{label}:{}", i + 1), value)
            })
            .collect()
    } else {
        match serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}')) {
            Ok(Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (format!("{label}#{}", i + 1), Ok(v)))
                .collect(),
            Ok(v) => vec![(label.to_string(), Ok(v))],
            Err(e) => vec![(
                label.to_string(),
                Err(IngestError::Json {
                    line: e.line(),
                    column: e.column(),
                    message: e.to_string(),
                }),
            )],
        }
    };
    if records.is_empty() {
        return vec![Loaded {
            label: label.to_string(),
            result: Err(IngestError::Empty),
        }];
    }
    records
        .into_iter()
        .map(|(item_label, value)| {
            let result = value.and_then(|v| record(&v, format, &opts.overrides));
            Loaded {
                label: item_label,
                result,
            }
        })
        .collect()
}

fn field(v: &Value, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| match v.get(*n) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    })
}

fn record(
    v: &Value,
    format: SourceFormat,
    overrides: &MetadataOverrides,
) -> Result<ArticleDraft, IngestError> {
    if !v.is_object() {
        return Err(IngestError::Json {
            line: 1,
            column: 1,
            message: "expected an object with `title` and `text`".into(),
        });
    }
    let raw_text =
        field(v, &["text", "body", "content"]).ok_or(IngestError::MissingField("text"))?;
    let authors = match v.get("authors").or_else(|| v.get("author")) {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        Some(Value::String(s)) => guess::split_authors(s),
        _ => Vec::new(),
    };
    let found = Found {
        title: field(v, &["title", "headline"]),
        outlet: field(v, &["source", "outlet", "publisher", "site_name"]),
        url: field(v, &["url", "link"]),
        authors,
        date: field(v, &["date", "published_at", "datePublished", "published"]),
        language: field(v, &["language", "lang"]),
    };
    let mut draft = build(normalize(&raw_text), found, format, "", overrides)?;
    draft.original = serde_json::to_vec(v).unwrap_or_default();
    Ok(draft)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_title_and_plain_paragraphs() {
        let (text, title) = markdown(
            "# Big news\n\nThe **council** voted [7-2](http://x) on *Monday*.\n\n- one\n- two\n",
        );
        assert_eq!(title.as_deref(), Some("Big news"));
        assert_eq!(
            text,
            "Big news\n\nThe council voted 7-2 on Monday.\n\none\n\ntwo"
        );
    }

    const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head>
<title>Harbor plan approved | The Coast Ledger</title>
<meta property="og:site_name" content="The Coast Ledger">
<meta name="author" content="Maria Lopez">
<meta property="article:published_time" content="2023-06-14T09:30:00Z">
<link rel="canonical" href="https://ledger.example/harbor-plan">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbor plan approved","datePublished":"2023-06-14T09:30:00Z","publisher":{"@type":"Organization","name":"The Coast Ledger"}}</script>
<script>document.write("tracking")</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbor plan approved</h1>
<p>The port authority approved a $120 million plan on Tuesday to deepen the harbor, officials said, ending a dispute that lasted four years.</p>
<p>"This will double the number of container ships we can take," the authority's director, Paul Okafor, told reporters after the vote, which passed 7 to 2.</p>
<p>Environmental groups said the dredging would harm the bay's oyster beds and promised to appeal the decision in state court.</p>
</article>
<footer>Subscribe to our newsletter. Privacy policy.</footer>
</body></html>"#;

    #[test]
    fn html_main_text_and_metadata() {
        let d = parse_html(PAGE).map_err(|e| e.to_string());
        let Ok(d) = d else {
            panic!("{d:?}");
        };
        assert_eq!(d.title, "Harbor plan approved");
        assert_eq!(d.outlet.as_deref(), Some("The Coast Ledger"));
        assert_eq!(d.url.as_deref(), Some("https://ledger.example/harbor-plan"));
        assert_eq!(d.published_at, chrono::NaiveDate::from_ymd_opt(2023, 6, 14));
        assert_eq!(d.authors, vec!["Maria Lopez"]);
        assert!(
            d.text.contains("approved a $120 million plan"),
            "{}",
            d.text
        );
        assert!(d.text.contains("\n\n"), "paragraphs stay apart: {}", d.text);
        for chrome in ["Subscribe", "Sport", "tracking", "document.write"] {
            assert!(!d.text.contains(chrome), "{chrome} leaked into {}", d.text);
        }
    }

    #[test]
    fn html_without_readable_text_is_an_error() {
        assert!(parse_html("<html><body><nav></nav></body></html>").is_err());
        // Broken markup is repaired by the HTML parser, not refused: the text survives.
        let broken = parse_html("<html><body><div><p>The council voted 7 to 2 on <b>Monday to close the <i>plant, officials said")
            .map(|d| d.text)
            .unwrap_or_default();
        assert!(broken.contains("voted 7 to 2"), "{broken}");
    }

    #[test]
    fn sniffs_formats() {
        assert_eq!(sniff("<!DOCTYPE html><html>"), SourceFormat::Html);
        assert_eq!(sniff("[{\"text\":\"a\"}]"), SourceFormat::Json);
        assert_eq!(
            sniff("{\"text\":\"a\"}\n{\"text\":\"b\"}\n"),
            SourceFormat::Jsonl
        );
        assert_eq!(sniff("Plain words."), SourceFormat::Text);
    }

    #[test]
    fn jsonl_bad_line_is_reported_and_others_load() {
        let opts = IngestOptions::default();
        let items = parse_batch(
            "b.jsonl",
            "{\"title\":\"A\",\"text\":\"Alpha said it.\",\"date\":\"2019-01-02\",\"source\":\"Wire\"}\n{broken\n\n{\"title\":\"C\"}\n",
            SourceFormat::Jsonl,
            &opts,
        );
        assert_eq!(items.len(), 3);
        let first = items[0].result.as_ref().map_err(|e| e.to_string());
        let first = first.as_ref().map(|d| {
            (
                d.title.as_str(),
                d.outlet.as_deref(),
                d.published_at.map(|d| d.to_string()),
            )
        });
        assert_eq!(
            first,
            Ok(("A", Some("Wire"), Some("2019-01-02".to_string())))
        );
        assert_eq!(items[1].label, "b.jsonl:2");
        assert!(matches!(
            items[1].result,
            Err(IngestError::Json { line: 2, .. })
        ));
        assert_eq!(
            items[2].result.as_ref().err(),
            Some(&IngestError::MissingField("text"))
        );
    }
}
