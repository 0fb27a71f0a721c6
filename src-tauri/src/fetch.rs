//! Downloading an article for "import from URL": http(s) only, a real HTTP client (ureq, rustls), a size
//! limit and errors that say whether the machine is offline.

use std::io::Read;
use std::time::Duration;

use claimtrail_core::SourceFormat;

use crate::error::{AppError, AppResult};

/// Largest page accepted (10 MiB).
const MAX_BYTES: u64 = 10 * 1024 * 1024;

/// A downloaded page.
pub struct Fetched {
    pub body: Vec<u8>,
    /// Format implied by the Content-Type, when it says.
    pub format: Option<SourceFormat>,
}

/// Accepts only absolute http(s) URLs with a host.
pub fn check_url(url: &str) -> AppResult<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or_else(|| {
            AppError::new(
                "bad_url",
                "only http:// and https:// addresses can be imported",
            )
        })?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || url.chars().any(char::is_whitespace) {
        return Err(AppError::new(
            "bad_url",
            format!("`{url}` is not a web address"),
        ));
    }
    Ok(url.to_string())
}

/// Downloads `url` (already checked). Blocking: call it off the async runtime.
pub fn fetch(url: &str) -> AppResult<Fetched> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .user_agent(concat!("claimtrail/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(classify)?;
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut body = Vec::new();
    response
        .body_mut()
        .as_reader()
        .take(MAX_BYTES + 1)
        .read_to_end(&mut body)
        .map_err(|e| AppError::new("fetch_failed", format!("download of {url} broke off: {e}")))?;
    if body.len() as u64 > MAX_BYTES {
        return Err(AppError::new(
            "fetch_failed",
            "the page is larger than 10 MiB",
        ));
    }
    let format = if content_type.contains("html") {
        Some(SourceFormat::Html)
    } else if content_type.contains("markdown") {
        Some(SourceFormat::Markdown)
    } else if content_type.starts_with("text/plain") {
        Some(SourceFormat::Text)
    } else if content_type.contains("json") {
        Some(SourceFormat::Json)
    } else {
        None
    };
    Ok(Fetched { body, format })
}

fn classify(e: ureq::Error) -> AppError {
    match e {
        ureq::Error::StatusCode(code) => {
            AppError::new("fetch_failed", format!("the server answered HTTP {code}"))
        }
        ureq::Error::HostNotFound => AppError::new(
            "offline",
            "the address could not be resolved: check the address and that this computer is online",
        ),
        ureq::Error::Io(io) => AppError::new(
            "offline",
            format!("no connection to the server ({io}): check that this computer is online"),
        ),
        ureq::Error::ConnectionFailed | ureq::Error::Timeout(_) => AppError::new(
            "offline",
            "the server could not be reached: check that this computer is online",
        ),
        other => AppError::new("fetch_failed", other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::check_url;

    #[test]
    fn only_web_addresses_are_accepted() {
        assert!(check_url("https://example.org/a").is_ok());
        assert!(check_url(" http://example.org ").is_ok());
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ftp://x.org",
            "https://",
            "example.org",
        ] {
            assert_eq!(
                check_url(bad).map_err(|e| e.code),
                Err("bad_url".to_string()),
                "{bad}"
            );
        }
    }
}
