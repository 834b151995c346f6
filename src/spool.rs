//! Standard input saved to a temporary file, for the inputs that need a path rather than a
//! stream: a zip bag (its central directory is at the end, read first), a tar bag read
//! twice, and a schema handed to a compiler that opens its files itself. The file is named
//! with the suffix its first bytes call for, registered for removal on interrupt, and
//! removed when the [`Spooled`] is dropped. The same kind of file ([`temp_file`]) holds a
//! large finding aid's output while it is written level by level (`crate::pipeline`).

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::cleanup::{self, Temp};

/// Bytes looked at to choose the suffix: a tar header's magic sits at offset 257.
const HEAD: usize = 512;

static NEXT: AtomicU64 = AtomicU64::new(0);

/// Standard input in a temporary file.
#[derive(Debug)]
pub struct Spooled {
    temp: Temp,
}

impl Spooled {
    pub fn path(&self) -> &Path {
        self.temp.path()
    }
}

impl Drop for Spooled {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(self.temp.path());
    }
}

/// Copies `input` to a temporary file whose suffix `suffix_for` chooses from the first
/// bytes (`Err` with its message when the bytes are of no kind it takes).
pub fn spool(
    mut input: impl Read,
    suffix_for: impl Fn(&[u8]) -> Result<&'static str, String>,
) -> io::Result<Spooled> {
    let mut head = Vec::with_capacity(HEAD);
    (&mut input).take(HEAD as u64).read_to_end(&mut head)?;
    let suffix = suffix_for(&head).map_err(|m| io::Error::new(io::ErrorKind::InvalidData, m))?;
    let (spooled, file) = temp_file("stdin", suffix)?;
    let mut file = io::BufWriter::new(file);
    file.write_all(&head)?;
    io::copy(&mut input, &mut file)?;
    file.flush()?;
    Ok(spooled)
}

/// A new temporary file named for what it holds (`crosswalk-KIND-PID-N.SUFFIX`),
/// registered for removal on interrupt and removed when the [`Spooled`] is dropped.
pub fn temp_file(kind: &str, suffix: &str) -> io::Result<(Spooled, std::fs::File)> {
    let name = format!(
        "crosswalk-{kind}-{}-{}{suffix}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let path: PathBuf = std::env::temp_dir().join(name);
    let temp = cleanup::register(path.clone());
    let spooled = Spooled { temp };
    let file = std::fs::File::create(&path)?;
    Ok((spooled, file))
}

/// The suffix of a bag read from a stream: zip, gzip-compressed tar or tar, by magic.
pub fn bag_suffix(head: &[u8]) -> Result<&'static str, String> {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Ok(".zip")
    } else if head.starts_with(&[0x1f, 0x8b]) {
        Ok(".tar.gz")
    } else if head.get(257..262) == Some(b"ustar") {
        Ok(".tar")
    } else if head.is_empty() {
        Err("standard input is empty: expected a zip, tar or tar.gz bag".into())
    } else {
        Err(
            "standard input is not a zip, tar or tar.gz file: a folder bag is given by its path"
                .into(),
        )
    }
}

/// The suffix of a schema read from a stream: `.xsd` for an XML Schema, `.rng` for other
/// XML (RELAX NG's XML syntax), `.rnc` for text that is not XML (the compact syntax).
pub fn schema_suffix(head: &[u8]) -> Result<&'static str, String> {
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.is_empty() {
        return Err("standard input is empty: expected a schema".into());
    }
    if !text.starts_with('<') {
        return Ok(".rnc");
    }
    // The root element: the first start tag that is not a declaration, comment or PI.
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
            .collect();
        let local = name.rsplit(':').next().unwrap_or("");
        return Ok(if local == "schema" { ".xsd" } else { ".rng" });
    }
    Ok(".rng")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bags_are_told_by_their_magic() {
        assert_eq!(bag_suffix(b"PK\x03\x04rest"), Ok(".zip"));
        assert_eq!(bag_suffix(&[0x1f, 0x8b, 8, 0]), Ok(".tar.gz"));
        let mut tar = vec![0u8; 512];
        tar[257..262].copy_from_slice(b"ustar");
        assert_eq!(bag_suffix(&tar), Ok(".tar"));
        assert!(bag_suffix(b"bagit.txt").unwrap_err().contains("not a zip"));
        assert!(bag_suffix(b"").unwrap_err().contains("empty"));
    }

    #[test]
    fn schemas_are_told_by_their_root() {
        let xsd = "<?xml version='1.0'?>\n<!-- c --><xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'/>";
        assert_eq!(schema_suffix(xsd.as_bytes()), Ok(".xsd"));
        let rng = "<grammar xmlns='http://relaxng.org/ns/structure/1.0'/>";
        assert_eq!(schema_suffix(rng.as_bytes()), Ok(".rng"));
        assert_eq!(schema_suffix(b"start = element a { text }"), Ok(".rnc"));
        assert!(schema_suffix(b"  ").is_err());
    }

    #[test]
    fn the_spooled_file_holds_everything_and_goes_when_dropped() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
        let mut input = b"PK\x03\x04".to_vec();
        input.extend_from_slice(&data);
        let s = spool(&input[..], bag_suffix).unwrap();
        let path = s.path().to_path_buf();
        assert!(path.to_str().unwrap().ends_with(".zip"));
        assert_eq!(std::fs::read(&path).unwrap(), input);
        drop(s);
        assert!(!path.exists());
    }
}
