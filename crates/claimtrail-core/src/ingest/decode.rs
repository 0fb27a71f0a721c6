//! Turning bytes into text, refusing what is not text.

use super::IngestError;

/// Decodes bytes as text: UTF-8 (with or without BOM) or UTF-16 with a BOM.
/// Refuses empty input, binary data (NUL bytes or many control characters) and invalid UTF-8.
pub fn decode_text(bytes: &[u8]) -> Result<String, IngestError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty);
    }
    if let Some(text) = decode_utf16(bytes) {
        return text;
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let sample = &body[..body.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if sample.contains(&0) || controls * 20 > sample.len().max(1) {
        return Err(IngestError::Binary);
    }
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(IngestError::NotUtf8 {
            offset: e.valid_up_to(),
        }),
    }
}

fn decode_utf16(bytes: &[u8]) -> Option<Result<String, IngestError>> {
    let little = if bytes.starts_with(&[0xFF, 0xFE]) {
        true
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        false
    } else {
        return None;
    };
    let body = &bytes[2..];
    if body.len() % 2 != 0 {
        return Some(Err(IngestError::NotUtf8 {
            offset: bytes.len() - 1,
        }));
    }
    let units = body.chunks_exact(2).map(|c| {
        if little {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    let text: Result<String, _> = char::decode_utf16(units).collect();
    Some(match text {
        Ok(t) if t.trim().is_empty() => Err(IngestError::Empty),
        Ok(t) => Ok(t),
        Err(_) => Err(IngestError::NotUtf8 { offset: 2 }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_binary_and_invalid_utf8() {
        assert_eq!(decode_text(b""), Err(IngestError::Empty));
        assert_eq!(decode_text(b" \n\t "), Err(IngestError::Empty));
        assert_eq!(
            decode_text(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(IngestError::Binary)
        );
        assert_eq!(
            decode_text(b"caf\xe9 au lait"),
            Err(IngestError::NotUtf8 { offset: 3 })
        );
    }

    #[test]
    fn reads_utf8_bom_and_utf16() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFhello").as_deref(), Ok("hello"));
        let mut le = vec![0xFF, 0xFE];
        for u in "Grüße".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_text(&le).as_deref(), Ok("Grüße"));
        let mut be = vec![0xFE, 0xFF];
        for u in "日本".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode_text(&be).as_deref(), Ok("日本"));
    }
}
