use serde::{Deserialize, Serialize};

use super::Identifier;

/// What a name holds besides its display form, shared by agents and subjects: its parts,
/// its forms in other languages, identifiers written with it, and the affiliation and
/// contact kept apart from the name (so that "A. Name" never becomes "A. Namea@b.org").
/// TEI: `persName/{forename, surname, roleName, addName, genName}`, parallel `persName`s
/// with `@xml:lang`, `idno` and `affiliation`/`email` beside the name; EAD3: `part`
/// (`@localtype`) and parallel names in `namegrp`; EAD 2002: the name as one string;
/// DC: the display form only.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct NameDetails {
    /// Language of the display form (`@xml:lang`, EAD `@lang`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The display form's parts, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<NamePart>,
    /// The same name in other languages or scripts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parallel: Vec<ParallelName>,
    /// Identifiers given with the name (Wikidata, VIAF, GND, ...). TEI `idno` beside or
    /// inside the name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
    /// Bodies the person belongs to, as written. TEI `affiliation`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub affiliations: Vec<String>,
    /// E-mail and other addresses. TEI `email`, `address`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<String>,
}

impl NameDetails {
    pub fn is_empty(&self) -> bool {
        *self == NameDetails::default()
    }
}

/// A part of a name. TEI `forename`, `surname`, ...; EAD3 `part/@localtype`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct NamePart {
    pub kind: NamePartKind,
    pub text: String,
}

/// The kind of a name part.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NamePartKind {
    /// TEI `forename`; EAD3 `part[@localtype=forename]`.
    #[default]
    Forename,
    /// TEI `surname`; EAD3 `part[@localtype=surname]`.
    Surname,
    /// TEI `roleName` (a title, "Dr."); EAD3 `part[@localtype=title]`.
    RoleName,
    /// TEI `addName` (an epithet); EAD3 `part[@localtype=epithet]`.
    AddName,
    /// TEI `genName` ("Jr."); EAD3 `part[@localtype=generation]`.
    GenName,
    /// TEI `nameLink` ("von", "de").
    NameLink,
    /// Life dates written with the name. EAD3 `part[@localtype=dates]`.
    Dates,
    /// Any other part, named as the source names it.
    Other(String),
}

/// The name in another language or script.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ParallelName {
    /// ISO 639 code (`@xml:lang`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<NamePart>,
}
