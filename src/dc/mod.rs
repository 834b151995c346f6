//! Dublin Core: simple DC in the OAI-PMH `oai_dc` container (writer). The reader comes
//! with the DC issue.

mod write;

pub use write::write;
