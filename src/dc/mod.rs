//! Dublin Core: readers for the containers, OAI-PMH responses, DSpace `dublin_core` and
//! RDF/XML; writers for simple DC (`oai_dc:dc`) and qualified DC (`qualifieddc`). The
//! DCMI terms and their homes in the model are one table ([`terms`]).

mod dspace;
mod oai;
pub mod qdc;
mod rdf;
pub mod read;
pub mod terms;
mod write;

pub use read::{read, read_all, Reading};
pub use write::write;
