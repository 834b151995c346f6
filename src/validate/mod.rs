//! Validation against the official schemas bundled in the binary. Two pure-Rust engines
//! sit behind one [`Validator`] trait: `xsd-schema` for W3C XML Schema (EAD 2002, EAD3
//! XSD, Dublin Core) and `relax-ng` for RELAX NG (TEI, EAD3). Nothing is fetched: remote
//! `schemaLocation`s resolve to the bundled files.

mod batch;
mod bundled;
mod check;
mod rng;
mod rng_values;
mod xsd;
mod xsd_flatten;
mod xsd_stream;
mod xsd_types;

use std::fmt;

pub use batch::{collect, json_report, junit_report, run, text_report, Run, SchemaChoice, Summary};
pub use bundled::{Schema, SchemaKind};
pub use check::{check, FileReport, Status, Validators};
#[doc(hidden)]
pub use xsd::{Reading, XsdValidator};

use crate::error::Result;

/// One validation problem.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The file the position is in when it is not the document itself: a file the
    /// document includes (`--xinclude`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub line: u32,
    pub column: u32,
    /// Element path (`/ead/archdesc/did/unitdate`).
    pub path: String,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)?;
        if !self.path.is_empty() {
            write!(f, " (at {})", self.path)?;
        }
        Ok(())
    }
}

/// A compiled schema that can check documents.
pub trait Validator {
    /// Checks one document. `Ok(vec![])` means valid; an `Err` means the text could not
    /// be read as XML at all.
    fn validate(&self, text: &str) -> Result<Vec<Diagnostic>>;
}

/// Compiles a bundled schema.
pub fn compile(schema: Schema) -> Result<Box<dyn Validator>> {
    match schema.kind() {
        SchemaKind::Xsd => Ok(Box::new(xsd::XsdValidator::bundled(schema)?)),
        SchemaKind::RelaxNg => Ok(Box::new(rng::RngValidator::bundled(schema)?)),
    }
}

/// Compiles a bundled XSD exactly as published, without the attribute groups inlined that
/// [`compile`] uses for speed; for checking that both give the same diagnostics.
#[doc(hidden)]
pub fn compile_as_published(schema: Schema) -> Result<Box<dyn Validator>> {
    match schema.kind() {
        SchemaKind::Xsd => Ok(Box::new(xsd::XsdValidator::bundled_as_published(schema)?)),
        SchemaKind::RelaxNg => compile(schema),
    }
}

/// Validates a document against a bundled schema, compiling it for this one call.
pub fn validate(schema: Schema, text: &str) -> Result<Vec<Diagnostic>> {
    compile(schema)?.validate(text)
}

/// Compiles a user's own schema file (`.xsd`, `.rng` or `.rnc`); its includes and
/// imports are read from beside it.
pub fn compile_path(path: &str) -> Result<Box<dyn Validator>> {
    if path.ends_with(".xsd") {
        Ok(Box::new(xsd::XsdValidator::from_path(path)?))
    } else {
        Ok(Box::new(rng::RngValidator::from_path(path)?))
    }
}
