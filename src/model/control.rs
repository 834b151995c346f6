use serde::{Deserialize, Serialize};

use super::{Identifier, Language};

/// The description's own header: who made this record, when, under which rules.
/// TEI: none yet (`revisionDesc`, `encodingDesc` are kept verbatim); DC: the OAI-PMH
/// `header`; EAD 2002: `eadheader`; EAD3: `control`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct RecordControl {
    /// Ids of the description itself (not of the material). EAD 2002 `eadid`; EAD3
    /// `recordid` and `otherrecordid`; DC none (the OAI identifier is in `oai`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<Identifier>,
    /// Who maintains the description. EAD 2002 `eadid/@mainagencycode` and
    /// `publicationstmt/publisher`; EAD3 `maintenanceagency/{agencyname, agencycode}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<Agency>,
    /// EAD3 `maintenancestatus/@value` (`new`, `revised`, `derived`, ...); EAD 2002
    /// `eadheader/@status`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maintenance_status: Option<String>,
    /// EAD3 `publicationstatus/@value` (`inprocess`, `approved`); EAD 2002 none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publication_status: Option<String>,
    /// What was done to the description, in order. EAD3 `maintenancehistory/
    /// maintenanceevent`; EAD 2002 `revisiondesc/change` and `profiledesc/creation`;
    /// TEI `revisionDesc/change`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<ControlEvent>,
    /// Languages the description is written in (not the material's). EAD3
    /// `languagedeclaration`; EAD 2002 `profiledesc/langusage`; TEI `langUsage` of the
    /// header when it says so.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Language>,
    /// Rules and conventions followed (DACS, ISAD(G), ...). EAD3
    /// `conventiondeclaration`; EAD 2002 `profiledesc/descrules`; TEI `editorialDecl`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
    /// Sources the description was made from. EAD3 `sources/source`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The OAI-PMH record header the record arrived in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oai: Option<OaiHeader>,
}

/// The agency that maintains a description.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Agency {
    pub name: String,
    /// ISIL or MARC code. EAD3 `agencycode`; EAD 2002 `eadid/@mainagencycode`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// One maintenance event of a description.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ControlEvent {
    /// EAD3 `eventtype/@value` (`created`, `revised`, `derived`, ...); TEI `change/@type`.
    pub kind: String,
    /// The date as written. EAD3 `eventdatetime`; EAD 2002 `change/date`; TEI `change/@when`.
    pub date: String,
    /// Its machine form. EAD3 `eventdatetime/@standarddatetime`; EAD 2002 `date/@normal`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub normal: Option<String>,
    /// Who did it. EAD3 `agent`; TEI `change/@who`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    /// EAD3 `agenttype/@value`: `human`, `machine` or `unknown`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_kind: Option<String>,
    /// EAD3 `eventdescription`; EAD 2002 `change/item`; TEI `change` text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// An OAI-PMH record header.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct OaiHeader {
    /// `header/identifier` (an `oai:` URI as a rule).
    pub identifier: String,
    /// `header/datestamp`, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datestamp: Option<String>,
    /// `header/setSpec`, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sets: Vec<String>,
}
