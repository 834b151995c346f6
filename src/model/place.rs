use serde::{Deserialize, Serialize};

use super::{Authority, Spelling};

/// A place the material is tied to by how it came to be: where it was written, sent from
/// or received. (Places it is about are subjects of kind place.) TEI
/// `correspAction/placeName`, `history/origin/origPlace`; DC `dcterms:spatial` at most
/// (written as `dc:coverage`); EAD `geogname` in `controlaccess`, the role in the ledger.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Place {
    pub name: String,
    pub role: PlaceRole,
    /// TEI `@ref`/`@key`; EAD `@authfilenumber` (2002), `@identifier` (EAD3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority: Option<Authority>,
    /// The source's spelling, for its own writer: see [`Spelling`].
    #[serde(skip_serializing_if = "Spelling::is_empty")]
    pub spelling: Spelling,
}

/// What a place was for the material.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlaceRole {
    /// Where it was made. TEI `origPlace`.
    #[default]
    Origin,
    /// Where a letter was sent from. TEI `correspAction[@type=sent]/placeName`.
    Dispatch,
    /// Where a letter was received. TEI `correspAction[@type=received]/placeName`.
    Receipt,
    /// Another role the source names (TEI `correspAction/@type` `forwarded`, ...).
    Other(String),
}

impl PlaceRole {
    /// The role's name (`origin`, `dispatch`, `receipt`, or the source's own).
    pub fn key(&self) -> &str {
        match self {
            PlaceRole::Origin => "origin",
            PlaceRole::Dispatch => "dispatch",
            PlaceRole::Receipt => "receipt",
            PlaceRole::Other(o) => o,
        }
    }
}
