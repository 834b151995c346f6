//! TEI P5: reader and writer. Both follow the same placement of model fields in the TEI
//! header, summarised here (the reader also accepts the other places listed in its
//! checklist):
//!
//! | model | TEI |
//! |---|---|
//! | level | `TEI/@type` (children are nested `TEI`; `teiCorpus` is read as a collection) |
//! | titles | `titleStmt/title[@type]` |
//! | agents: author, editor, funder | `titleStmt/author`, `editor`, `funder` |
//! | agents: other roles | `titleStmt/respStmt` (`resp/@key` = role, `resp` text = wording) |
//! | agents: publisher | `publicationStmt/publisher` |
//! | agents: repository | `msDesc/msIdentifier/repository` |
//! | identifiers: record, uri, doi, handle, other | `publicationStmt/idno[@type]` |
//! | identifiers: unit, registry | `msIdentifier/altIdentifier[@type]/idno` |
//! | dates: publication | `publicationStmt/date` |
//! | dates: other kinds | `profileDesc/creation/date[@type]` |
//! | rights | `publicationStmt/availability` (`@status`, `licence/@target`, `p`) |
//! | notes | `notesStmt/note[@type]` (heading as a leading `label`) |
//! | relations | `notesStmt/relatedItem[@type][@target]/bibl` |
//! | holding | `msIdentifier/{settlement,collection,idno[@type=reference]}` |
//! | security | `msContents/msItem/note[@type=classification|original_classification|copy_number]` |
//! | extents | `msDesc/physDesc/p` |
//! | languages | `profileDesc/langUsage/language[@ident]` |
//! | subjects, document types | `profileDesc/textClass/keywords[@scheme]/term[@type][@ref]` |
//! | abstract | `profileDesc/abstract/p` |
//! | body | `text/body` |
//! | unmapped (TEI) | written back under the same parent, in schema order |

mod read;
mod write;

pub use read::read;
pub use write::write;

/// The `@type` used on `keywords/term` for a document type.
const DOCUMENT_TYPE: &str = "document_type";

/// The note on a repository agent read from `msIdentifier/institution`.
const INSTITUTION: &str = "institution";
