use serde::{Deserialize, Serialize};

/// A subject heading or access point.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Subject {
    pub term: String,
    pub kind: SubjectKind,
    /// Vocabulary ("lcsh", "aat", "gnd"). TEI `term/@scheme`; EAD `@source`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vocabulary: Option<String>,
    /// URI of the term. TEI `@ref`; EAD 2002 `@authfilenumber`; EAD3 `@identifier`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// The authority the term follows, when it is a name (EAD `@rules`, `@identifier`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority: Option<super::Authority>,
    /// Parts, parallel forms and identifiers when the access point is a name.
    #[serde(skip_serializing_if = "super::NameDetails::is_empty")]
    pub details: super::NameDetails,
    #[serde(skip_serializing_if = "super::Attributes::is_empty")]
    pub attributes: super::Attributes,
    /// The source's spelling, for its own writer: see [`Spelling`](super::Spelling).
    #[serde(skip_serializing_if = "super::Spelling::is_empty")]
    pub spelling: super::Spelling,
}

/// The kind of access point. EAD `controlaccess` child elements; TEI `keywords/term` with
/// `@type`, or the header's `persName`/`orgName`/`placeName`; DC `dc:subject` (places go to
/// `dc:coverage`, genre to `dc:type`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    /// EAD `subject`; TEI `term`.
    #[default]
    Topic,
    /// EAD `persname`; TEI `persName`.
    Person,
    /// EAD `corpname`; TEI `orgName`.
    Organisation,
    /// EAD `famname`; TEI `persName[@type=family]`.
    Family,
    /// EAD `geogname`; TEI `placeName`; DC `dc:coverage`.
    Place,
    /// EAD `genreform`; TEI `term[@type=genre]`; DC `dc:type`.
    GenreForm,
    /// EAD `occupation`; TEI `term[@type=occupation]`.
    Occupation,
    /// EAD `function`; TEI `term[@type=function]`.
    Function,
    /// EAD3 `subject` with a `@localtype`, or any kind the source names that none of the
    /// above covers.
    Other(String),
}
