use serde::{Deserialize, Serialize};

use super::Attributes;

/// A box, folder or other housing the material is in. EAD 2002 `did/container`
/// (`@type`, `@label`, `@id`, `@parent`); EAD3 `did/container` (`@localtype`); TEI
/// `msIdentifier/altIdentifier` at most (kept in the ledger otherwise); DC none.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Container {
    /// The kind as the source names it (`box`, `folder`, `Box`, `reel`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// A display label (`Box`, `Mixed materials`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The number or name on the container (`12`, `3-4`).
    pub value: String,
    /// The container's own id, which others name as their parent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The id of the container this one is inside (EAD `@parent`, space-separated ids).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
}

/// A digital copy or born-digital file. EAD 2002 `dao`, `daogrp/daoloc`; EAD3 `dao`,
/// `daoset`; TEI `facsimile/graphic` (kept verbatim today); DC `dc:identifier` of the
/// file or `dcterms:hasFormat`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DigitalObject {
    /// Where it is. EAD 2002 `@xlink:href` / `@href`; EAD3 `@href`.
    pub href: String,
    /// EAD 2002 `@xlink:role`; EAD3 `@daotype` (`derived`, `borndigital`, ...) with
    /// `@otherdaotype`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// EAD 2002 `@xlink:title`; EAD3 `@linktitle`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// EAD 2002 `daodesc`; EAD3 `descriptivenote`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Objects shown together (EAD 2002 `daogrp`, EAD3 `daoset`) share a group number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<u32>,
    /// How it is shown when the link is followed, in XLink's words: `embed`, `new`,
    /// `replace`, `none`, `other`. EAD 2002 `@xlink:show`; EAD3 `@show`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show: Option<String>,
    /// When the link is followed, in XLink's words: `onLoad`, `onRequest`, `none`,
    /// `other`. EAD 2002 `@xlink:actuate`; EAD3 `@actuate` (spelled in lower case).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actuate: Option<String>,
    #[serde(skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
}

/// Where the material sits in the repository (a shelf, a vault). EAD `did/physloc`
/// (`@type`/`@localtype`); TEI `msIdentifier/location` or `altIdentifier`; DC none.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PhysicalLocation {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
}
