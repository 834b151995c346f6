//! crosswalk: convert archival records between TEI P5, Dublin Core, EAD 2002 and EAD3
//! through one record model, validate them against the official schemas, and package them
//! as BagIt bags.
//!
//! Readers and writers do no file I/O: text in, model out, and back.

pub mod bagit;
pub mod batch;
pub mod cleanup;
pub mod dc;
pub mod ead;
pub mod error;
pub mod format;
pub mod json;
pub mod ledger;
pub mod model;
pub mod pipeline;
pub mod reader;
pub mod spool;
pub mod tei;
pub mod unwritten;
pub mod validate;
pub mod walk;
pub mod xml;

pub use error::{Error, ErrorKind, Pos, Result};
pub use format::{Detected, Format};
pub use ledger::{Ledger, Loss, LossKind};
pub use model::Record;

/// The format to read a text as: [`Format::detect`], and EAD3 in its undeprecated
/// namespace, which is no format `validate` checks but is EAD3 to read.
pub fn detect_readable(text: &str) -> Result<Format> {
    match Format::detect(text) {
        Ok(f) => Ok(f),
        Err(e) => match format::detect(text) {
            Ok(Detected::Unknown {
                name, ns: Some(ns), ..
            }) if name.rsplit(':').next() == Some("ead") && ns == format::EAD3_UNDEPRECATED_NS => {
                Ok(Format::Ead3)
            }
            _ => Err(e),
        },
    }
}

/// Reads a record from text in the given format (detected from the text when `None`).
pub fn read(text: &str, format: Option<Format>) -> Result<Record> {
    let format = match format {
        Some(f) => f,
        None => detect_readable(text)?,
    };
    match format {
        Format::Tei => tei::read(text),
        Format::Json => json::read(text),
        Format::Dc | Format::Qdc => dc::read(text),
        Format::Ead | Format::Ead3 => ead::read(text),
    }
}

/// Writes a record in the given format, with the ledger of what the format could not hold.
pub fn write(record: &Record, format: Format) -> (String, Ledger) {
    match format {
        Format::Tei => tei::write(record),
        Format::Dc => dc::write(record),
        Format::Qdc => dc::qdc::write(record),
        Format::Ead => ead::write(record, ead::Version::Ead2002),
        Format::Ead3 => ead::write(record, ead::Version::Ead3),
        Format::Json => (json::write(record), Ledger::new()),
    }
}
