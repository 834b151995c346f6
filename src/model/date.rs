use serde::{Deserialize, Serialize};

/// A date: the text as displayed and a normalised machine form.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DateRef {
    /// Display text ("20 February 1963", "ca. 1850-1860").
    pub text: String,
    /// ISO 8601 machine form. TEI `@when`/`@from`/`@to`/`@notBefore`/`@notAfter`;
    /// EAD 2002 `@normal`; EAD3 `@standarddate` (or `unitdatestructured`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub normal: Option<DateNormal>,
    pub kind: DateKind,
    /// Inclusive dates (the whole span) or bulk dates (most of the material). EAD
    /// `unitdate/@type` (2002), `@unitdatetype` (EAD3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<DateSpan>,
    /// `approximate`, `circa`, ... EAD `@certainty`; TEI `@cert`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certainty: Option<String>,
    /// EAD `@calendar` (default `gregorian`); TEI `@calendar`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// EAD `@era` (default `ce`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub era: Option<String>,
    /// The encoding scheme of the normal form (DC `xsi:type="dcterms:W3CDTF"`, `Period`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    #[serde(skip_serializing_if = "super::Attributes::is_empty")]
    pub attributes: super::Attributes,
    /// The source's spelling, for its own writer: see [`Spelling`](super::Spelling).
    #[serde(skip_serializing_if = "super::Spelling::is_empty")]
    pub spelling: super::Spelling,
}

/// The normalised form of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum DateNormal {
    /// One day, month or year: TEI `@when`; EAD `@normal="1963-02-20"`.
    Single { when: String },
    /// A span: TEI `@from`/`@to`; EAD `@normal="1850/1860"`.
    Range { from: String, to: String },
    /// Somewhere between two bounds: TEI `@notBefore`/`@notAfter`;
    /// EAD `@normal="a/b"` with `@certainty="approximate"`.
    Approximate {
        not_before: String,
        not_after: String,
    },
    /// Several dates or spans that together date the material. EAD3
    /// `unitdatestructured/dateset`; EAD 2002 none (one `@normal`); TEI none.
    Set { dates: Vec<DateNormal> },
}

/// Whether a date covers all of the material or most of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateSpan {
    Inclusive,
    Bulk,
}

/// What the date is the date of.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateKind {
    /// Creation of the material. TEI `creation/date`; DC `dcterms:created`;
    /// EAD `unitdate` (`@datechar="creation"` in EAD 2002, `@unitdatetype` in EAD3).
    #[default]
    Creation,
    /// The date of the event recorded (a conversation, a meeting). TEI `date[@type]`.
    Event,
    /// When the record itself was written. TEI `date[@type=record]`.
    Record,
    /// Dispatch of a letter. TEI `correspAction[@type=sent]/date`.
    Dispatch,
    /// Publication. TEI `publicationStmt/date`; DC `dcterms:issued`;
    /// EAD `publicationstmt/date`.
    Publication,
    Other(String),
}
