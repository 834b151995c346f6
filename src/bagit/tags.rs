//! Tag files: their text encoding, `bagit.txt`, `bag-info.txt`, manifests and `fetch.txt`,
//! and the rules for paths inside a bag (RFC 8493 §2.1.3, §2.2.3, §5).

/// System files that other platforms trip on: refused when bagging, warned about when
/// verifying.
pub const JUNK: &[&str] = &[
    ".DS_Store",
    "Thumbs.db",
    "desktop.ini",
    "Desktop.ini",
    ".Spotlight-V100",
    ".Trashes",
    ".fseventsd",
];

/// True when the last segment of `path` is a system junk file (or an AppleDouble `._` file).
pub fn is_junk(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    JUNK.contains(&name) || name.starts_with("._")
}

/// Decodes a tag file as `bagit.txt` declares (UTF-8, UTF-16 with a BOM, ISO-8859-1).
pub fn decode(bytes: &[u8], encoding: &str) -> Result<String, String> {
    let enc = encoding.trim().to_ascii_uppercase().replace('_', "-");
    let utf16 = |bytes: &[u8], le: bool| {
        crate::xml::utf16(bytes, le).ok_or_else(|| "not valid UTF-16".to_string())
    };
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return utf16(&bytes[2..], false);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return utf16(&bytes[2..], true);
    }
    match enc.as_str() {
        "UTF-16" | "UTF-16BE" => utf16(bytes, false),
        "UTF-16LE" => utf16(bytes, true),
        "ISO-8859-1" | "LATIN1" | "LATIN-1" | "ISO8859-1" => {
            Ok(bytes.iter().map(|&b| b as char).collect())
        }
        _ => {
            let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            String::from_utf8(b.to_vec())
                .map_err(|e| format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()))
        }
    }
}

/// Lines of a tag file, split on LF, CR LF or CR.
pub fn lines(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    // A file that ends with a newline has no line after it.
    if out.last() == Some(&"") {
        out.pop();
    }
    out.into_iter().flat_map(|l| l.split('\r')).collect()
}

/// A line that is not `Label: value`: its number and text.
pub type BadLine = (usize, String);

/// `bag-info.txt` style labels: `Label: value`, continuation lines start with white space.
/// Returns the pairs and the lines that are neither.
pub fn metadata(text: &str) -> (Vec<(String, String)>, Vec<BadLine>) {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in lines(text).into_iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            match pairs.last_mut() {
                Some((_, v)) => {
                    v.push(' ');
                    v.push_str(line.trim());
                }
                None => bad.push((i + 1, line.to_string())),
            }
            continue;
        }
        match line.split_once(':') {
            Some((label, value)) if !label.trim().is_empty() => {
                pairs.push((label.trim().to_string(), value.trim().to_string()))
            }
            _ => bad.push((i + 1, line.to_string())),
        }
    }
    (pairs, bad)
}

/// Decodes the percent-encoding RFC 8493 gives manifest paths: `%0A`, `%0D`, `%25` only;
/// anything else (such as a literal `%7E` in a file name) stays as written.
pub fn decode_path(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    let mut rest = p;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let code = rest.get(i + 1..i + 3).map(|c| c.to_ascii_uppercase());
        match code.as_deref() {
            Some("0A") => out.push('\n'),
            Some("0D") => out.push('\r'),
            Some("25") => out.push('%'),
            _ => {
                out.push('%');
                rest = &rest[i + 1..];
                continue;
            }
        }
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    out
}

/// Encodes a path for a manifest line: `%` as `%25`, LF as `%0A`, CR as `%0D`.
pub fn encode_path(p: &str) -> String {
    p.replace('%', "%25")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
}

/// Why a path from a manifest or fetch file must not be used, if it must not: it would
/// reach outside the bag on some platform. Checked on every platform alike.
pub fn unsafe_path(p: &str) -> Option<&'static str> {
    if p.contains('\\') {
        return Some("contains a backslash (a Windows path separator)");
    }
    if p.starts_with('/') {
        return Some("is an absolute path");
    }
    if p.starts_with('~') {
        return Some("starts with ~ (a home directory)");
    }
    let b = p.as_bytes();
    if b.len() >= 2 && b[1] == b':' && b[0].is_ascii_alphabetic() {
        return Some("starts with a drive letter");
    }
    if p.contains('%') && p.to_ascii_lowercase().contains("%homedrive%") {
        return Some("uses a Windows environment variable");
    }
    if p.split('/').any(|seg| seg == "..") {
        return Some("contains '..'");
    }
    if p.contains('\0') {
        return Some("contains a NUL character");
    }
    if p.starts_with("file:") {
        return Some("is a file: URL");
    }
    None
}

/// The path as written in a manifest, with a leading `./` and md5sum's binary-mode `*`
/// removed; the second value says whether either was there (worth a warning).
pub fn normalise_manifest_path(p: &str) -> (String, bool) {
    let mut s = p;
    let mut changed = false;
    if let Some(rest) = s.strip_prefix('*') {
        s = rest;
        changed = true;
    }
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
        changed = true;
    }
    (decode_path(s), changed)
}
