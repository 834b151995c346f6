use serde::{Deserialize, Serialize};

use super::Block;

/// A descriptive note of a known kind.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Note {
    pub kind: NoteKind,
    /// Heading as written (EAD `head`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    pub content: Vec<Block>,
    /// Language of the note (`@xml:lang`, EAD `@lang`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Notes of the same kind nested in this one (EAD `bioghist` inside `bioghist`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Note>,
    /// `id` and `audience` (internal notes are not for publication), ...
    #[serde(skip_serializing_if = "super::Attributes::is_empty")]
    pub attributes: super::Attributes,
    /// The source's spelling, for its own writer: see [`Spelling`](super::Spelling).
    #[serde(skip_serializing_if = "super::Spelling::is_empty")]
    pub spelling: super::Spelling,
}

/// The kind of a descriptive note, with its counterparts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// TEI `msContents/summary`; DC `dc:description`; EAD `scopecontent`.
    #[default]
    ScopeContent,
    /// TEI `note[@type=biographical]`; DC `dc:description`; EAD `bioghist`.
    BiographicalHistorical,
    /// TEI `note[@type=arrangement]`; DC `dc:description`; EAD `arrangement`.
    Arrangement,
    /// TEI `history/provenance`; DC none (`dcterms:provenance`); EAD `custodhist`.
    CustodialHistory,
    /// TEI `history/acquisition`; DC none (`dcterms:provenance`); EAD `acqinfo`.
    Acquisition,
    /// TEI `availability[@status=restricted]`; DC `dc:rights` (`dcterms:accessRights`);
    /// EAD `accessrestrict`.
    AccessRestrictions,
    /// TEI `availability/p`; DC `dc:rights`; EAD `userestrict`.
    UseRestrictions,
    /// TEI `note[@type=citation]`; DC `dcterms:bibliographicCitation`; EAD `prefercite`.
    PreferredCitation,
    /// TEI `revisionDesc`/`encodingDesc` notes; DC none; EAD `processinfo`.
    ProcessingInformation,
    /// An editor's note. TEI `notesStmt/note[@type=editorial]`; DC `dc:description`;
    /// EAD `odd` (`@type="editorial"`) in EAD 2002, `odd` with `@localtype` in EAD3.
    Editorial,
    /// A translator's note. TEI `notesStmt/note[@type=translator]`; DC `dc:description`;
    /// EAD `odd` (`@type="translator"`).
    Translator,
    /// A general note. TEI `notesStmt/note`; DC `dc:description`; EAD `odd`.
    General,
    /// A kind the source names that none of the above covers, by its name there: EAD
    /// `appraisal`, `accruals`, `altformavail`, `originalsloc`, `otherfindaid`,
    /// `bibliography`, `fileplan`, `phystech`, `legalstatus`, `index`; TEI `note/@type`.
    Other(String),
}
