//! The hub: one record model that every reader produces and every writer consumes.
//!
//! No XML types live here. Each field's doc comment names its counterpart in TEI P5,
//! Dublin Core (simple → qualified), EAD 2002 and EAD3, following the mapping table in
//! `DESIGN.md`. Collections are `Vec`s in document order so that output is stable.

mod agent;
mod attributes;
mod control;
mod date;
mod identification;
mod name;
mod note;
mod place;
mod record;
mod subject;
mod text;

pub use agent::{Agent, AgentKind, Authority, Role};
pub use attributes::Attributes;
pub use control::{Agency, ControlEvent, OaiHeader, RecordControl};
pub use date::{DateKind, DateNormal, DateRef, DateSpan};
pub use identification::{Container, DigitalObject, PhysicalLocation};
pub use name::{NameDetails, NamePart, NamePartKind, ParallelName};
pub use note::{Note, NoteKind};
pub use place::{Place, PlaceRole};
pub use record::{
    Document, Extent, Holding, Identifier, IdentifierKind, Language, Level, Record, Relation,
    RelationKind, Rights, Security, Spelling, Title, TitleKind, Unmapped, FORMAT_VERSION,
    READABLE_VERSIONS,
};
pub use subject::{Subject, SubjectKind};
pub use text::{Block, ChoiceKind, ChronEvent, DefItem, Inline, ListItem, NameKind, TableRow};

mod keys;
pub use keys::Keyed;
pub mod plain;

/// The JSON Schema of the JSON form ([`Document`]), generated from the model's types. The
/// same text is shipped as `schemas/crosswalk-record.schema.json`; a test keeps the two
/// equal.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Document);
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    s.push('\n');
    s
}
