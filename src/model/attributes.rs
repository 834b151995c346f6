use serde::{Deserialize, Serialize};

/// The attributes EAD puts on nearly every element, carried with the value they sit on
/// so that an EAD round trip keeps them. TEI has `@xml:id` for `id` and `@rend` at most;
/// DC none (each writer that drops them says so in the ledger).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Attributes {
    /// EAD `@id`; TEI `@xml:id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// EAD `@audience`: `external` or `internal` (internal content is not for publication).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// EAD `@altrender`: a display form other than the element's usual one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub altrender: Option<String>,
    /// EAD `@encodinganalog`: the field of another standard this element answers to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encodinganalog: Option<String>,
    /// EAD3 `@localtype` (EAD 2002 `@type` on most elements): a local subtype.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub localtype: Option<String>,
    /// EAD `@label`: the caption a display puts before the element (`Title:`, `Dates`),
    /// as archival systems' exports write on the parts of `did`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl Attributes {
    pub fn is_empty(&self) -> bool {
        *self == Attributes::default()
    }

    /// The values, for ledger text.
    pub fn values(&self) -> Vec<&str> {
        [
            &self.id,
            &self.audience,
            &self.altrender,
            &self.encodinganalog,
            &self.localtype,
            &self.label,
        ]
        .into_iter()
        .filter_map(|v| v.as_deref())
        .collect()
    }
}
