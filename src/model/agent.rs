use serde::{Deserialize, Serialize};

/// A person, family or body, in one role.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Agent {
    /// The name as written.
    pub name: String,
    pub kind: AgentKind,
    pub role: Role,
    /// Authority record (VIAF, GND, LCNAF, Wikidata, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority: Option<Authority>,
    /// How the source qualifies the role ("from the journal of"). TEI `resp` text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Parts, parallel forms, identifiers, affiliation and contact of the name.
    #[serde(skip_serializing_if = "super::NameDetails::is_empty")]
    pub details: super::NameDetails,
    #[serde(skip_serializing_if = "super::Attributes::is_empty")]
    pub attributes: super::Attributes,
    /// The source's spelling, for its own writer: see [`Spelling`](super::Spelling).
    #[serde(skip_serializing_if = "super::Spelling::is_empty")]
    pub spelling: super::Spelling,
}

/// TEI `persName`/`orgName`; EAD `persname`/`corpname`/`famname`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgentKind {
    #[default]
    Person,
    Organisation,
    Family,
}

/// The role an agent plays. Each variant's counterparts:
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// TEI `titleStmt/author`; DC `dc:creator`; EAD `origination` (`@label` Author);
    /// EAD3 `origination` name with `@relator="author"`.
    #[default]
    Author,
    /// TEI `respStmt` resp="creator"; DC `dc:creator`; EAD `origination`.
    Creator,
    /// TEI `respStmt` resp="translator"; DC `dc:contributor` (role lost);
    /// EAD `controlaccess` name `@role`; EAD3 `@relator="translator"`.
    Translator,
    /// TEI `editor`; DC `dc:contributor` (role lost); EAD `@role`/`@relator`.
    Editor,
    /// TEI `correspAction[@type=received]`; DC `dc:contributor` (role lost);
    /// EAD `controlaccess` name `@role`.
    Recipient,
    /// TEI `funder`; DC `dc:contributor` (role lost); EAD `titlestmt/sponsor`.
    Funder,
    /// TEI `publicationStmt/publisher`; DC `dc:publisher`; EAD `publicationstmt/publisher`.
    Publisher,
    /// The holding institution. TEI `msIdentifier/repository`; DC `dc:publisher` is wrong
    /// for it, so `dc:source` carries the citation; EAD `did/repository`.
    Repository,
    /// Who obtained (found, acquired for publication) the document. TEI `respStmt`
    /// resp="obtained by"; DC `dc:contributor` (role lost); EAD `acqinfo` and a
    /// `controlaccess` name.
    Obtainer,
    /// Any other contributor. TEI `respStmt`; DC `dc:contributor`; EAD name `@role`.
    Contributor,
    /// A role named in the source that none of the above covers.
    Other(String),
}

/// An authority file entry for a name or term.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Authority {
    /// Vocabulary or authority file ("viaf", "gnd", "lcnaf"). EAD `@source`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The id or URI. TEI `@ref`/`@key`; EAD 2002 `@authfilenumber`; EAD3 `@identifier`.
    pub id: String,
    /// The rules the form of the name follows (`dacs`, `rda`). EAD `@rules`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<String>,
}
