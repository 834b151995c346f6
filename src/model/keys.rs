//! The one table of names by which each model vocabulary is written into attribute
//! values (`@type`, `@role`, `@level`, ...) and read back. Readers and writers of every
//! format use these, so a name is spelled once.

use super::{
    DateKind, IdentifierKind, Level, NoteKind, RelationKind, Role, SubjectKind, TitleKind,
};

/// A vocabulary with a fixed table of names and, for some, a free `Other` value.
pub trait Keyed: Sized + Clone + PartialEq + 'static {
    const TABLE: &'static [(&'static str, Self)];
    /// Wraps a name not in the table, where the vocabulary is open.
    fn other(_name: &str) -> Option<Self> {
        None
    }
    /// The name of a free value, where the vocabulary is open.
    fn other_name(&self) -> Option<&str> {
        None
    }

    fn key(&self) -> &str {
        if let Some(n) = self.other_name() {
            return n;
        }
        Self::TABLE
            .iter()
            .find(|(_, v)| v == self)
            .map(|(k, _)| *k)
            .unwrap_or("other")
    }

    fn from_key(name: &str) -> Option<Self> {
        let norm = name.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Self::TABLE
            .iter()
            .find(|(k, _)| *k == norm)
            .map(|(_, v)| v.clone())
            .or_else(|| Self::other(name.trim()))
    }
}

impl Keyed for Role {
    const TABLE: &'static [(&'static str, Role)] = &[
        ("author", Role::Author),
        ("creator", Role::Creator),
        ("translator", Role::Translator),
        ("editor", Role::Editor),
        ("recipient", Role::Recipient),
        ("funder", Role::Funder),
        ("publisher", Role::Publisher),
        ("repository", Role::Repository),
        ("obtainer", Role::Obtainer),
        ("contributor", Role::Contributor),
    ];
    fn other(name: &str) -> Option<Role> {
        (!name.is_empty()).then(|| Role::Other(name.to_string()))
    }
    fn other_name(&self) -> Option<&str> {
        match self {
            Role::Other(n) => Some(n),
            _ => None,
        }
    }
}

impl Role {
    /// The MARC relator code for EAD3 `@relator` and the default TEI `resp` wording.
    pub fn relator(&self) -> (&str, &str) {
        match self {
            Role::Author => ("aut", "author"),
            Role::Creator => ("cre", "creator"),
            Role::Translator => ("trl", "translated by"),
            Role::Editor => ("edt", "edited by"),
            Role::Recipient => ("rcp", "addressee"),
            Role::Funder => ("fnd", "funded by"),
            Role::Publisher => ("pbl", "published by"),
            Role::Repository => ("rps", "held by"),
            Role::Obtainer => ("col", "obtained by"),
            Role::Contributor => ("ctb", "contributor"),
            Role::Other(n) => (n, n),
        }
    }
}

impl Keyed for NoteKind {
    const TABLE: &'static [(&'static str, NoteKind)] = &[
        ("scope_content", NoteKind::ScopeContent),
        ("biographical_historical", NoteKind::BiographicalHistorical),
        ("arrangement", NoteKind::Arrangement),
        ("custodial_history", NoteKind::CustodialHistory),
        ("acquisition", NoteKind::Acquisition),
        ("access_restrictions", NoteKind::AccessRestrictions),
        ("use_restrictions", NoteKind::UseRestrictions),
        ("preferred_citation", NoteKind::PreferredCitation),
        ("processing_information", NoteKind::ProcessingInformation),
        ("editorial", NoteKind::Editorial),
        ("translator", NoteKind::Translator),
        ("general", NoteKind::General),
    ];
    fn other(name: &str) -> Option<NoteKind> {
        (!name.is_empty()).then(|| NoteKind::Other(name.to_string()))
    }
    fn other_name(&self) -> Option<&str> {
        match self {
            NoteKind::Other(n) => Some(n),
            _ => None,
        }
    }
}

impl Keyed for DateKind {
    const TABLE: &'static [(&'static str, DateKind)] = &[
        ("creation", DateKind::Creation),
        ("event", DateKind::Event),
        ("record", DateKind::Record),
        ("dispatch", DateKind::Dispatch),
        ("publication", DateKind::Publication),
    ];
    fn other(name: &str) -> Option<DateKind> {
        (!name.is_empty()).then(|| DateKind::Other(name.to_string()))
    }
    fn other_name(&self) -> Option<&str> {
        match self {
            DateKind::Other(n) => Some(n),
            _ => None,
        }
    }
}

impl Keyed for IdentifierKind {
    const TABLE: &'static [(&'static str, IdentifierKind)] = &[
        ("record", IdentifierKind::Record),
        ("unit", IdentifierKind::Unit),
        ("uri", IdentifierKind::Uri),
        ("doi", IdentifierKind::Doi),
        ("handle", IdentifierKind::Handle),
        ("registry", IdentifierKind::Registry),
    ];
    fn other(name: &str) -> Option<IdentifierKind> {
        (!name.is_empty()).then(|| IdentifierKind::Other(name.to_string()))
    }
    fn other_name(&self) -> Option<&str> {
        match self {
            IdentifierKind::Other(n) => Some(n),
            _ => None,
        }
    }
}

impl Keyed for Level {
    const TABLE: &'static [(&'static str, Level)] = &[
        ("collection", Level::Collection),
        ("fonds", Level::Fonds),
        ("series", Level::Series),
        ("subseries", Level::Subseries),
        ("file", Level::File),
        ("item", Level::Item),
    ];
    fn other(name: &str) -> Option<Level> {
        (!name.is_empty()).then(|| Level::Other(name.to_string()))
    }
    fn other_name(&self) -> Option<&str> {
        match self {
            Level::Other(n) => Some(n),
            _ => None,
        }
    }
}

impl Keyed for TitleKind {
    const TABLE: &'static [(&'static str, TitleKind)] = &[
        ("main", TitleKind::Main),
        ("sub", TitleKind::Sub),
        ("alt", TitleKind::Alternative),
        ("parallel", TitleKind::Parallel),
    ];
    fn other(name: &str) -> Option<TitleKind> {
        (!name.is_empty()).then(|| TitleKind::Other(name.to_string()))
    }
    fn other_name(&self) -> Option<&str> {
        match self {
            TitleKind::Other(n) => Some(n),
            _ => None,
        }
    }
}

impl Keyed for SubjectKind {
    const TABLE: &'static [(&'static str, SubjectKind)] = &[
        ("topic", SubjectKind::Topic),
        ("person", SubjectKind::Person),
        ("organisation", SubjectKind::Organisation),
        ("family", SubjectKind::Family),
        ("place", SubjectKind::Place),
        ("genre_form", SubjectKind::GenreForm),
        ("occupation", SubjectKind::Occupation),
        ("function", SubjectKind::Function),
    ];
    fn other(name: &str) -> Option<SubjectKind> {
        (!name.is_empty()).then(|| SubjectKind::Other(name.to_string()))
    }
    fn other_name(&self) -> Option<&str> {
        match self {
            SubjectKind::Other(n) => Some(n),
            _ => None,
        }
    }
}

impl Keyed for RelationKind {
    const TABLE: &'static [(&'static str, RelationKind)] = &[
        ("related", RelationKind::Related),
        ("is_part_of", RelationKind::IsPartOf),
        ("has_part", RelationKind::HasPart),
        ("source", RelationKind::Source),
        ("is_version_of", RelationKind::IsVersionOf),
        ("references", RelationKind::References),
        ("separated", RelationKind::Separated),
    ];
    fn other(name: &str) -> Option<RelationKind> {
        (!name.is_empty()).then(|| RelationKind::Other(name.to_string()))
    }
    fn other_name(&self) -> Option<&str> {
        match self {
            RelationKind::Other(n) => Some(n),
            _ => None,
        }
    }
}
