//! The model's own exchange format: the record as JSON, with a format version.

use crate::error::{Error, ErrorKind, Pos, Result};
use serde::Serialize;

use crate::model::{Document, Record, FORMAT_VERSION, READABLE_VERSIONS};

/// The envelope of [`Document`], borrowing the record so writing does not copy it.
#[derive(Serialize)]
struct DocumentRef<'a> {
    format: &'a str,
    record: &'a Record,
}

/// Reads a JSON document written by [`write`]. The `format` field must name a version
/// this crosswalk reads ([`READABLE_VERSIONS`]).
pub fn read(text: &str) -> Result<Record> {
    let doc: Document = serde_json::from_str(text).map_err(|e| {
        Error::at(
            ErrorKind::Syntax,
            Pos {
                line: e.line() as u32,
                column: e.column() as u32,
            },
            format!(
                "not a crosswalk record: {}",
                without_position(&e.to_string())
            ),
        )
    })?;
    if !READABLE_VERSIONS.contains(&doc.format.as_str()) {
        let at = text.find("\"format\"").unwrap_or(0);
        let readable: Vec<String> = READABLE_VERSIONS.iter().map(|v| format!("'{v}'")).collect();
        return Err(Error::at(
            ErrorKind::Unmappable,
            Pos::from_offset(text, at),
            format!(
                "unsupported record format '{}': this crosswalk reads {}",
                doc.format,
                readable.join(" and ")
            ),
        ));
    }
    Ok(doc.record)
}

/// serde_json ends its messages with " at line L column C"; the position is reported
/// separately.
fn without_position(s: &str) -> String {
    match s.rsplit_once(" at line ") {
        Some((msg, _)) => msg.to_string(),
        None => s.to_string(),
    }
}

/// Streams a record as pretty-printed JSON with a trailing newline, exactly as [`write`].
pub fn write_to(
    record: &Record,
    w: &mut dyn std::io::Write,
) -> std::result::Result<(), serde_json::Error> {
    let doc = DocumentRef {
        format: FORMAT_VERSION,
        record,
    };
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    w.write_all(b"\n").map_err(serde_json::Error::io)
}

/// Writes a record as pretty-printed JSON with a trailing newline.
pub fn write(record: &Record) -> String {
    let doc = DocumentRef {
        format: FORMAT_VERSION,
        record,
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("the model always serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_1_documents_are_read_and_written_as_version_2() {
        let v1 = r#"{"format": "crosswalk-record/1", "record": {"titles": [{"text": "A", "kind": "main"}]}}"#;
        let r = read(v1).unwrap();
        assert_eq!(r.titles[0].text, "A");
        assert!(write(&r).starts_with("{\n  \"format\": \"crosswalk-record/2\""));
    }

    #[test]
    fn other_versions_are_refused_naming_the_readable_ones() {
        let e = read(r#"{"format": "crosswalk-record/3", "record": {}}"#).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("'crosswalk-record/3'"), "{msg}");
        assert!(
            msg.contains("'crosswalk-record/2' and 'crosswalk-record/1'"),
            "{msg}"
        );
    }
}
