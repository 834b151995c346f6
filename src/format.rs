//! The closed list of formats and their detection from the root element.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorKind, Pos, Result};

pub const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";
pub const EAD2002_NS: &str = "urn:isbn:1-931666-22-9";
pub const EAD3_NS: &str = "http://ead3.archivists.org/schema/";
/// EAD3 1.1's namespace for the schema that keeps the elements EAD3 deprecated: `convert`
/// reads it as EAD3 and writes [`EAD3_NS`]; `validate` has no schema bundled for it.
pub const EAD3_UNDEPRECATED_NS: &str = "http://ead3.archivists.org/schema/undeprecated/";
pub const OAI_DC_NS: &str = "http://www.openarchives.org/OAI/2.0/oai_dc/";
pub const DC_NS: &str = "http://purl.org/dc/elements/1.1/";
pub const DCTERMS_NS: &str = "http://purl.org/dc/terms/";
pub const OAI_PMH_NS: &str = "http://www.openarchives.org/OAI/2.0/";
pub const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
pub const RDF_NS: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// A record format crosswalk reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Tei,
    /// Simple Dublin Core in the OAI-PMH `oai_dc` container.
    Dc,
    /// Qualified Dublin Core in the DCMI `qualifieddc` container (written; DC inputs of
    /// every kind are read as [`Format::Dc`]).
    Qdc,
    /// EAD 2002 (namespaced, schema form).
    Ead,
    Ead3,
    /// The record model's own JSON.
    Json,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Tei,
        Format::Dc,
        Format::Qdc,
        Format::Ead,
        Format::Ead3,
        Format::Json,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Tei => "tei",
            Format::Dc => "dc",
            Format::Qdc => "qdc",
            Format::Ead => "ead",
            Format::Ead3 => "ead3",
            Format::Json => "json",
        }
    }

    /// The file extension used for this format's output.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Tei => "tei.xml",
            Format::Dc => "dc.xml",
            Format::Qdc => "qdc.xml",
            Format::Ead => "ead.xml",
            Format::Ead3 => "ead3.xml",
            Format::Json => "json",
        }
    }

    /// Detects the format of a text from its first significant character and, for XML,
    /// its root element and namespace (see [`detect`]). EAD 2002 without a namespace (the
    /// DTD form) counts as EAD 2002; the DC containers and OAI-PMH responses as DC.
    pub fn detect(text: &str) -> Result<Format> {
        match detect(text)? {
            Detected::Known { format, .. } => Ok(format),
            Detected::Unknown { name, ns, pos } => Err(Error::at(
                ErrorKind::UnknownFormat,
                pos,
                format!(
                    "unknown root element <{name}>{}: expected TEI or teiCorpus ({TEI_NS}), \
                     ead (EAD 2002 or EAD3), a DC container, an OAI-PMH response, DSpace dublin_core or RDF/XML with DC properties",
                    ns.map(|n| format!(" in namespace {n}")).unwrap_or_default()
                ),
            )),
        }
    }
}

/// The form a document of a known format comes in: what validation must know beyond the
/// format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The format's usual form: the crosswalk JSON, a TEI or teiCorpus root, namespaced
    /// EAD 2002, EAD3, or an OAI-PMH `oai_dc:dc` container.
    Plain,
    /// EAD 2002 in its DTD form: an `ead` root in no namespace.
    EadDtd,
    /// A DCMI `simpledc` container (no namespace).
    SimpleDc,
    /// A DCMI `qualifieddc` container (no namespace).
    QualifiedDc,
    /// An OAI-PMH response (`OAI-PMH`) or a bare OAI `record`: records of any format.
    OaiPmh,
    /// Dublin Core with no bundled schema: DSpace `dublin_core`, `dc`/`dcterms` in
    /// RDF/XML, a `record` outside the OAI-PMH namespace, a provider's own container
    /// (a root declaring the DC or dcterms namespace).
    DcOther,
}

/// What a text is, from its first significant character and its root element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detected {
    Known {
        format: Format,
        form: Form,
    },
    /// Well-formed as far as the root element, which no format of crosswalk's uses.
    Unknown {
        name: String,
        ns: Option<String>,
        pos: Pos,
    },
}

/// The one format detection, shared by conversion and validation: JSON from its first
/// significant character; XML from its root element's name and namespace, read with a
/// pull parser that stops at the root (cheap on large files). Errors are a text that is
/// not well-formed before its root element, or that has none.
pub fn detect(text: &str) -> Result<Detected> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        return Ok(Detected::Known {
            format: Format::Json,
            form: Form::Plain,
        });
    }
    let (name, ns, pos, declares_dc) = root_element(text)?;
    let local = name.rsplit(':').next().unwrap_or(&name);
    let known = |format, form| Ok(Detected::Known { format, form });
    match (local, ns.as_deref()) {
        ("TEI" | "teiCorpus", Some(TEI_NS)) => known(Format::Tei, Form::Plain),
        ("ead", Some(EAD2002_NS)) => known(Format::Ead, Form::Plain),
        ("ead", None) => known(Format::Ead, Form::EadDtd),
        ("ead", Some(EAD3_NS)) => known(Format::Ead3, Form::Plain),
        ("dc", Some(OAI_DC_NS)) => known(Format::Dc, Form::Plain),
        ("simpledc", None) => known(Format::Dc, Form::SimpleDc),
        ("qualifieddc", None) => known(Format::Dc, Form::QualifiedDc),
        ("OAI-PMH" | "record", Some(OAI_PMH_NS)) => known(Format::Dc, Form::OaiPmh),
        ("dublin_core", None) | ("record", None) | ("OAI-PMH", None) => {
            known(Format::Dc, Form::DcOther)
        }
        ("RDF", Some(RDF_NS)) if declares_dc => known(Format::Dc, Form::DcOther),
        _ if declares_dc => known(Format::Dc, Form::DcOther),
        _ => Ok(Detected::Unknown { name, ns, pos }),
    }
}

/// The root element's qualified name, its namespace and position, read with a pull
/// parser that stops at the first element (cheap on large files).
/// The fourth value is true when the root declares the DC or dcterms namespace.
pub(crate) fn root_element(text: &str) -> Result<(String, Option<String>, Pos, bool)> {
    use quick_xml::events::Event;
    use quick_xml::name::ResolveResult;
    let mut reader = quick_xml::NsReader::from_str(text);
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_resolved_event() {
            Ok((ns, Event::Start(e) | Event::Empty(e))) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                let ns = match ns {
                    ResolveResult::Bound(n) => Some(String::from_utf8_lossy(n.as_ref()).into()),
                    _ => None,
                };
                let at = before + text[before..].find('<').unwrap_or(0);
                let declares_dc = e.attributes().flatten().any(|a| {
                    let key = a.key.as_ref();
                    (key == b"xmlns" || key.starts_with(b"xmlns:"))
                        && matches!(
                            a.value.as_ref(),
                            v if v == DC_NS.as_bytes() || v == DCTERMS_NS.as_bytes()
                        )
                });
                return Ok((name, ns, Pos::from_offset(text, at), declares_dc));
            }
            Ok((_, Event::Eof)) => {
                return Err(Error::at(
                    ErrorKind::Syntax,
                    Pos::from_offset(text, text.len()),
                    "no root element: the input is empty or holds no XML element",
                ))
            }
            Ok(_) => {}
            Err(e) => {
                return Err(Error::at(
                    ErrorKind::Syntax,
                    Pos::from_offset(text, reader.error_position() as usize),
                    format!("not well-formed XML: {e}"),
                ))
            }
        }
    }
}

impl serde::Serialize for Format {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Format, String> {
        let name = s.to_ascii_lowercase();
        // `oai_dc` is the name OAI-PMH gives the DC container `dc` writes.
        let name = match name.as_str() {
            "oai_dc" | "oai-dc" => "dc",
            "qualifieddc" | "oai_qdc" => "qdc",
            other => other,
        };
        Format::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| {
                format!(
                    "unknown format '{s}': expected one of tei, dc (or oai_dc), qdc, ead, ead3, json"
                )
            })
    }
}
