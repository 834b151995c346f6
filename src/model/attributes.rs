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

    /// The EAD attributes of that name that any mapped element may carry (its type
    /// aside), in the order EAD writes them: one list for the EAD reader and writer.
    pub const EAD_COMMON: [&'static str; 5] =
        ["id", "audience", "altrender", "encodinganalog", "label"];

    /// The field holding the EAD attribute `name` of [`Attributes::EAD_COMMON`].
    pub fn ead_common_mut(&mut self, name: &str) -> Option<&mut Option<String>> {
        Some(match name {
            "id" => &mut self.id,
            "audience" => &mut self.audience,
            "altrender" => &mut self.altrender,
            "encodinganalog" => &mut self.encodinganalog,
            "label" => &mut self.label,
            _ => return None,
        })
    }

    /// The EAD attributes of [`Attributes::EAD_COMMON`] with their values.
    pub fn ead_common(&self) -> [(&'static str, Option<&str>); 5] {
        [
            ("id", self.id.as_deref()),
            ("audience", self.audience.as_deref()),
            ("altrender", self.altrender.as_deref()),
            ("encodinganalog", self.encodinganalog.as_deref()),
            ("label", self.label.as_deref()),
        ]
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
