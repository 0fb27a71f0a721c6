//! Downloading an article for "import from URL": http(s) only, a real HTTP client (ureq, rustls), a size
//! limit and errors that say whether the machine is offline.

use std::io::Read;
use std::net::{IpAddr, ToSocketAddrs};
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

/// True for addresses of this computer or a local network: loopback, private, link-local, unique-local,
/// unspecified, and IPv4 addresses mapped into IPv6.
pub fn is_local(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.octets()[0] == 100 && (64..128).contains(&v4.octets()[1]) // carrier-grade NAT
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_local(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
        }
    }
}

/// Refuses a URL whose host is, or resolves to, an address on this computer or the local network (an imported
/// page must not make claimtrail probe the newsroom's intranet), unless the user allowed it in Settings.
/// Blocking (name resolution): call it off the async runtime.
pub fn check_not_local(url: &str) -> AppResult<()> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = if let Some(v6) = host_port.strip_prefix('[') {
        let (h, after) = v6.split_once(']').unwrap_or((v6, ""));
        (
            h.to_string(),
            after.strip_prefix(':').and_then(|p| p.parse().ok()),
        )
    } else {
        match host_port.rsplit_once(':') {
            Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) => {
                (h.to_string(), p.parse().ok())
            }
            _ => (host_port.to_string(), None),
        }
    };
    let refuse = || {
        AppError::new(
            "local_address",
            format!("`{host}` is on this computer or the local network; allow local addresses in Settings to import from it"),
        )
    };
    let lower = host.to_ascii_lowercase();
    if lower == "localhost" || lower.ends_with(".localhost") || lower.ends_with(".local") {
        return Err(refuse());
    }
    let port = port.unwrap_or(if url.to_ascii_lowercase().starts_with("https") {
        443
    } else {
        80
    });
    // An unresolvable name is left to the download, which reports it as offline or not found.
    if let Ok(addrs) = (host.as_str(), port).to_socket_addrs() {
        if addrs.into_iter().any(|a| is_local(a.ip())) {
            return Err(refuse());
        }
    }
    Ok(())
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
    use super::{check_not_local, check_url};

    #[test]
    fn local_network_addresses_are_refused() {
        for url in [
            "http://127.0.0.1/admin",
            "http://localhost:8080/",
            "https://10.1.2.3/page",
            "http://192.168.0.1",
            "http://[::1]:9000/x",
            "http://169.254.169.254/latest/meta-data",
            "http://user@172.16.0.5/",
        ] {
            let err = check_not_local(url).err();
            assert_eq!(
                err.map(|e| e.code),
                Some("local_address".to_string()),
                "{url}"
            );
        }
        assert!(check_not_local("https://93.184.215.14/news").is_ok());
    }

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
