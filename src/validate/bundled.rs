//! The schemas compiled into the binary, copied unchanged from the official releases
//! (see `schemas/README.md` for sources and licences).

use crate::format::Format;

/// A bundled schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Schema {
    /// TEI P5 `tei_all.rng` (RELAX NG).
    TeiAll,
    /// EAD 2002 `ead.xsd` with the Library of Congress `xlink.xsd`.
    Ead2002,
    /// EAD3 1.1.1 `ead3.rng`.
    Ead3Rng,
    /// EAD3 1.1.1 `ead3.xsd`.
    Ead3Xsd,
    /// OAI-PMH `oai_dc.xsd` with `simpledc20021212.xsd`.
    OaiDc,
    /// DCMI `simpledc.xsd` container.
    SimpleDc,
    /// DCMI `qualifieddc.xsd` container with `dcterms.xsd`.
    QualifiedDc,
}

/// The schema language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    Xsd,
    RelaxNg,
}

/// Every bundled file, by the name imports use for it.
pub(crate) const FILES: &[(&str, &str)] = &[
    ("tei_all.rng", include_str!("../../schemas/tei/tei_all.rng")),
    ("ead.xsd", include_str!("../../schemas/ead2002/ead.xsd")),
    ("xlink.xsd", include_str!("../../schemas/ead2002/xlink.xsd")),
    ("ead3.rng", include_str!("../../schemas/ead3/ead3.rng")),
    ("ead3.xsd", include_str!("../../schemas/ead3/ead3.xsd")),
    (
        "oai_dc.xsd",
        include_str!("../../schemas/oai_dc/oai_dc.xsd"),
    ),
    (
        "simpledc20021212.xsd",
        include_str!("../../schemas/dc/simpledc20021212.xsd"),
    ),
    (
        "simpledc.xsd",
        include_str!("../../schemas/dc/simpledc.xsd"),
    ),
    (
        "qualifieddc.xsd",
        include_str!("../../schemas/dc/qualifieddc.xsd"),
    ),
    ("dc.xsd", include_str!("../../schemas/dc/dc.xsd")),
    ("dcterms.xsd", include_str!("../../schemas/dc/dcterms.xsd")),
    (
        "dcmitype.xsd",
        include_str!("../../schemas/dc/dcmitype.xsd"),
    ),
    ("xml.xsd", include_str!("../../schemas/w3c/xml.xsd")),
];

/// The bundled text of a file by name.
pub(crate) fn file(name: &str) -> Option<&'static str> {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

impl Schema {
    pub const ALL: [Schema; 7] = [
        Schema::TeiAll,
        Schema::Ead2002,
        Schema::Ead3Rng,
        Schema::Ead3Xsd,
        Schema::OaiDc,
        Schema::SimpleDc,
        Schema::QualifiedDc,
    ];

    pub fn kind(self) -> SchemaKind {
        match self {
            Schema::TeiAll | Schema::Ead3Rng => SchemaKind::RelaxNg,
            Schema::Ead2002
            | Schema::Ead3Xsd
            | Schema::OaiDc
            | Schema::SimpleDc
            | Schema::QualifiedDc => SchemaKind::Xsd,
        }
    }

    /// The main file's name.
    pub fn file_name(self) -> &'static str {
        match self {
            Schema::TeiAll => "tei_all.rng",
            Schema::Ead2002 => "ead.xsd",
            Schema::Ead3Rng => "ead3.rng",
            Schema::Ead3Xsd => "ead3.xsd",
            Schema::OaiDc => "oai_dc.xsd",
            Schema::SimpleDc => "simpledc.xsd",
            Schema::QualifiedDc => "qualifieddc.xsd",
        }
    }

    /// Name and version for reports.
    /// The same schema in its other published form, where there is one (EAD3 is
    /// published as RELAX NG and as XSD, and the two do not accept exactly the same).
    pub fn other_form(self) -> Option<Schema> {
        match self {
            Schema::Ead3Rng => Some(Schema::Ead3Xsd),
            Schema::Ead3Xsd => Some(Schema::Ead3Rng),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Schema::TeiAll => "TEI P5 4.12.0 tei_all.rng",
            Schema::Ead2002 => "EAD 2002 ead.xsd (20210412)",
            Schema::Ead3Rng => "EAD3 1.1.1 ead3.rng",
            Schema::Ead3Xsd => "EAD3 1.1.1 ead3.xsd",
            Schema::OaiDc => "OAI-PMH 2.0 oai_dc.xsd",
            Schema::SimpleDc => "DCMI simpledc.xsd (2003-04-02)",
            Schema::QualifiedDc => "DCMI qualifieddc.xsd (2003-04-02)",
        }
    }

    /// The short name accepted by `--schema`.
    pub fn name(self) -> &'static str {
        match self {
            Schema::TeiAll => "tei",
            Schema::Ead2002 => "ead",
            Schema::Ead3Rng => "ead3",
            Schema::Ead3Xsd => "ead3-xsd",
            Schema::OaiDc => "oai_dc",
            Schema::SimpleDc => "simpledc",
            Schema::QualifiedDc => "qualifieddc",
        }
    }

    pub fn from_name(name: &str) -> Option<Schema> {
        Schema::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The schema a writer's output must satisfy.
    pub fn for_format(format: Format) -> Option<Schema> {
        match format {
            Format::Tei => Some(Schema::TeiAll),
            Format::Dc => Some(Schema::OaiDc),
            Format::Qdc => Some(Schema::QualifiedDc),
            Format::Ead => Some(Schema::Ead2002),
            Format::Ead3 => Some(Schema::Ead3Rng),
            Format::Json => None,
        }
    }

    pub(crate) fn text(self) -> &'static str {
        file(self.file_name()).expect("every schema's main file is bundled")
    }
}
