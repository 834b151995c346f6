//! The hub: one record model that every reader produces and every writer consumes.
//!
//! No XML types live here. Each field's doc comment names its counterpart in TEI P5,
//! Dublin Core (simple → qualified), EAD 2002 and EAD3, following the mapping table in
//! `DESIGN.md`. Collections are `Vec`s in document order so that output is stable.

mod agent;
mod date;
mod note;
mod record;
mod subject;
mod text;

pub use agent::{Agent, AgentKind, Authority, Role};
pub use date::{DateKind, DateNormal, DateRef};
pub use note::{Note, NoteKind};
pub use record::{
    Document, Extent, Holding, Identifier, IdentifierKind, Language, Level, Record, Relation,
    RelationKind, Rights, Security, Spelling, Title, TitleKind, Unmapped, FORMAT_VERSION,
};
pub use subject::{Subject, SubjectKind};
pub use text::{Block, Inline, ListItem, NameKind};

mod keys;
pub use keys::Keyed;
pub mod plain;
