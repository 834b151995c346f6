//! Dublin Core → Record: the containers (`oai_dc:dc`, DCMI `simpledc` and `qualifieddc`,
//! a provider's own container such as OCLC `oai_qdc:qualifieddc` or `oai_dcterms:dcterms`),
//! OAI-PMH responses ([`super::oai`]), DSpace `dublin_core` ([`super::dspace`]) and RDF/XML
//! ([`super::rdf`]) all end in [`add_value`], which puts one DC or dcterms value in its one
//! home ([`super::terms`]).
//!
//! Every child of a container ends in one of two places: a DC or dcterms value, mapped
//! with its encoding scheme and language; or, for an element of another vocabulary, an
//! unmapped fragment kept verbatim (writers ledger it with its text). Values are kept as
//! written, white space collapsed; nothing is split on `;`.

use super::terms::{self, Home, Term};
use crate::error::{Error, ErrorKind, Result};
use crate::format::{DCTERMS_NS, DC_NS, OAI_DC_NS, OAI_PMH_NS, XML_NS, XSI_NS};
use crate::model::*;
use crate::reader::ReadContext;
use crate::xml::{parse, path_of, pos_of, text_of, Node};

pub(super) const CTX: ReadContext = ReadContext {
    format: "dc",
    ns: DC_NS,
};

pub use crate::format::RDF_NS;

/// What one DC input holds: its records in order, the OAI identifiers of deleted records
/// (not converted), and warnings about slips read anyway.
#[derive(Debug, Default)]
pub struct Reading {
    pub records: Vec<Record>,
    pub deleted: Vec<String>,
    pub warnings: Vec<String>,
}

/// Reads every record of a DC input.
pub fn read_all(text: &str) -> Result<Reading> {
    let doc = parse(text)?;
    let _lines = crate::xml::index_lines(&doc);
    let root = doc.root_element();
    let mut out = Reading::default();
    let local = root.tag_name().name();
    let ns = root.tag_name().namespace();
    match (local, ns) {
        ("OAI-PMH", _) => super::oai::response(root, &mut out)?,
        ("record", _) if super::oai::looks_like_record(root) => {
            super::oai::record(root, "/record", &mut out)
        }
        ("RDF", Some(RDF_NS)) => super::rdf::read(root, &mut out),
        _ => {
            let r = if local == "dublin_core" {
                super::dspace::read(root, &mut out.warnings)
            } else {
                container(root, path_of(root), &mut out.warnings)
            };
            // A record of blank fields (a template, an export of an empty form) is no
            // record to convert.
            if !holds_values(&r) {
                // DC elements deeper down (a project's own wrapper around them) are named,
                // so that the user knows what to extract.
                let deeper = root
                    .descendants()
                    .skip(1)
                    .find(|d| d.is_element() && dc_namespace(d.tag_name().namespace()).is_some());
                let why = match deeper.and_then(|d| d.parent()) {
                    Some(p) if p != root => format!(
                        "no records: <{local}> has no Dublin Core element as a child (there are some deeper, in <{}> at line {}): a DC record is an element whose children are DC elements",
                        p.tag_name().name(),
                        pos_of(p).line
                    ),
                    _ => format!(
                        "no records: <{local}> holds no Dublin Core value (every field is empty)"
                    ),
                };
                return Err(Error::at(ErrorKind::Unmappable, pos_of(root), why));
            }
            out.records.push(r)
        }
    }
    Ok(out)
}

/// True when a record read from DC holds a value (its control and the content kept
/// verbatim aside).
pub(super) fn holds_values(r: &Record) -> bool {
    let mut probe = r.clone();
    probe.origin = None;
    probe.unmapped.clear();
    probe.control = None;
    probe != Record::default()
}

/// Reads a DC input holding exactly one record.
pub fn read(text: &str) -> Result<Record> {
    let mut r = read_all(text)?;
    match r.records.len() {
        1 => Ok(r.records.remove(0)),
        0 => Err(no_records(&r)),
        n => Err(Error::new(
            ErrorKind::Unmappable,
            format!("holds {n} records: read it with read_all (the command line: --out-dir)"),
        )),
    }
}

/// The error for an input without records, saying why.
pub fn no_records(r: &Reading) -> Error {
    let why = if r.deleted.is_empty() {
        "no records: the input holds no DC record".to_string()
    } else {
        format!(
            "no records: every record in it is deleted ({})",
            r.deleted.join(", ")
        )
    };
    Error::new(ErrorKind::Unmappable, why)
}

/// The namespace a DC value element is in, slips included: `Some(true)` for the elements
/// namespace, `Some(false)` for the terms namespace.
pub(super) fn dc_namespace(ns: Option<&str>) -> Option<(bool, bool)> {
    // (is the elements namespace, is it spelled exactly)
    match ns {
        Some(DC_NS) => Some((true, true)),
        Some(DCTERMS_NS) => Some((false, true)),
        Some(n) => {
            let n = n.trim_end_matches('/').replace("https://", "http://");
            if n == DC_NS.trim_end_matches('/') {
                Some((true, false))
            } else if n == DCTERMS_NS.trim_end_matches('/') {
                Some((false, false))
            } else {
                None
            }
        }
        None => None,
    }
}

/// The property a child element of a DC container names, with a warning for a slip:
/// an element of the DC namespaces spelled in another case, a namespace without its
/// trailing slash, or a DC name in no namespace or in the OAI-PMH namespaces (a default
/// namespace mixed in). `None` for an element of another vocabulary.
pub(super) fn property_of(n: Node, warnings: &mut Vec<String>) -> Option<(&'static Term, bool)> {
    let local = n.tag_name().name();
    let ns = n.tag_name().namespace();
    let at = || format!("line {}", pos_of(n).line);
    if let Some((elements, exact)) = dc_namespace(ns) {
        let t = terms::by_name(local).or_else(|| {
            let t = terms::by_name_loose(local)?;
            warnings.push(format!(
                "{}: <{local}> read as the DC property {}",
                at(),
                t.name
            ));
            Some(t)
        })?;
        if !exact {
            warnings.push(format!(
                "{}: <{local}> is in namespace {}, read as {}",
                at(),
                ns.unwrap_or(""),
                if elements { DC_NS } else { DCTERMS_NS }
            ));
        }
        if elements && !t.is_element() {
            // `dc:created`, `dc:isPartOf`: a DCMI Metadata Terms property in the elements
            // namespace, which has only the fifteen.
            warnings.push(format!(
                "{}: <{local}> in the DC elements namespace read as dcterms:{}",
                at(),
                t.name
            ));
            return Some((t, false));
        }
        return Some((t, elements));
    }
    if matches!(ns, None | Some(OAI_DC_NS) | Some(OAI_PMH_NS)) {
        let t = terms::by_name(local)?;
        warnings.push(format!(
            "{}: <{local}>{} read as {}:{local}: the DC namespace is missing",
            at(),
            ns.map(|n| format!(" in namespace {n}")).unwrap_or_default(),
            if t.is_element() { "dc" } else { "dcterms" }
        ));
        return Some((t, t.is_element()));
    }
    None
}

/// One record from a container whose children are DC or dcterms values. `origin` is the
/// container's path (computed by the caller, who knows its position: finding it from the
/// tree costs a walk over the preceding siblings, quadratic over a large harvest).
pub(super) fn container(root: Node, origin: String, warnings: &mut Vec<String>) -> Record {
    let mut r = Record {
        origin: Some(origin),
        ..Record::default()
    };
    for c in root.children() {
        if c.is_element() {
            match property_of(c, warnings) {
                Some((t, elements)) => literal(c, t, elements, &mut r),
                None => r.unmapped.push(CTX.unmapped(c)),
            }
        } else if c.is_text() && !c.text().unwrap_or("").trim().is_empty() {
            r.unmapped.push(CTX.verbatim_other(c));
        }
    }
    r
}

/// A DC value element written as XML: text, `xsi:type` scheme and `xml:lang`.
fn literal(n: Node, t: &'static Term, elements_ns: bool, r: &mut Record) {
    let value = text_of(n);
    if value.is_empty() && !n.children().any(|c| c.is_element()) {
        return;
    }
    if n.children().any(|c| c.is_element()) {
        // A DC value holds text only: markup inside it is kept whole.
        r.unmapped.push(CTX.unmapped(n));
        return;
    }
    let scheme = n.attribute_ns(XSI_NS, "type").map(|v| scheme_of(n, v));
    let lang = n
        .attribute_ns(XML_NS, "lang")
        .map(str::trim)
        .filter(|l| !l.is_empty());
    let other_attrs = n.attributes().any(|a| {
        !matches!(
            (a.namespace(), a.name()),
            (Some(XSI_NS), "type") | (Some(XML_NS), "lang")
        )
    });
    if other_attrs {
        // Attributes DC does not define (a provider's own `type`, `label`): kept as
        // fragments so that they are not lost without a word.
        CTX.keep_attributes(n, &[], &mut r.unmapped);
        r.unmapped
            .retain(|u| !u.path.ends_with("/@xsi:type") && !u.path.ends_with("/@xml:lang"));
    }
    let prefix = if elements_ns { "dc" } else { "dcterms" };
    add_value(
        r,
        &Value {
            term: t,
            spelled: format!("{prefix}:{}", t.name),
            kind: None,
            text: value,
            scheme,
            lang: lang.map(str::to_string),
        },
    );
}

/// An `xsi:type` value: the scheme's local name when it is in the dcterms namespace (a
/// DCMI scheme), else the value as written.
fn scheme_of(n: Node, v: &str) -> String {
    let v = v.trim();
    if let Some((prefix, local)) = v.split_once(':') {
        let uri = n
            .namespaces()
            .into_iter()
            .find(|x| x.name() == Some(prefix))
            .map(|x| x.uri());
        if uri.is_some_and(|u| dc_namespace(Some(u)).is_some_and(|(elements, _)| !elements)) {
            return local.to_string();
        }
        // A prefix declared nowhere (`xsi:type="dcterms:W3CDTF"` without xmlns:dcterms):
        // unambiguous when the name is a DCMI scheme's.
        if uri.is_none() {
            if let Some(s) = terms::scheme_name(local) {
                return s.to_string();
            }
        }
    }
    v.to_string()
}

/// One value as read, before it finds its home.
pub(super) struct Value {
    pub term: &'static Term,
    /// The qualified name as written (`dc:title`, `dcterms:alternative`), noted in the
    /// value's spelling when the qdc writer would write another name.
    pub spelled: String,
    /// A kind the source names that no DCMI property covers (a DSpace qualifier).
    pub kind: Option<String>,
    pub text: String,
    pub scheme: Option<String>,
    pub lang: Option<String>,
}

/// The spelling that makes the qdc writer write `v` as it was written: the qualified name
/// when it differs from the name the writer chooses for the home, `xml:lang` and
/// `xsi:type` where the home has no field for them.
fn spelling(v: &Value, keep_lang: bool, keep_scheme: bool) -> Spelling {
    let mut sp = Spelling::new();
    let written = terms::for_home(v.term.home, Some(v.term.name));
    let default = terms::for_home(v.term.home, None);
    let canonical = if v.term.is_element() { "dc" } else { "dcterms" };
    let same_name = written == default && v.spelled == format!("{canonical}:{}", v.term.name);
    if !same_name && v.kind.is_none() {
        sp.insert("dc".into(), v.spelled.clone());
    }
    if let (true, Some(l)) = (keep_lang, &v.lang) {
        sp.insert("xml:lang".into(), l.clone());
    }
    if let (true, Some(s)) = (keep_scheme, &v.scheme) {
        sp.insert("xsi:type".into(), s.clone());
    }
    sp
}

fn kind<K: Keyed>(key: &str, v: &Value) -> K {
    K::from_key(v.kind.as_deref().unwrap_or(key)).expect("every home key names a kind")
}

/// Puts one value in its home.
pub(super) fn add_value(r: &mut Record, v: &Value) {
    let text = v.text.clone();
    match v.term.home {
        Home::Title(k) => r.titles.push(Title {
            text,
            kind: kind(k, v),
            lang: v.lang.clone(),
            spelling: spelling(v, false, true),
            ..Title::default()
        }),
        Home::Agent(k) => r.agents.push(Agent {
            name: text,
            role: kind(k, v),
            spelling: spelling(v, true, true),
            ..Agent::default()
        }),
        Home::Subject(k) => r.subjects.push(Subject {
            term: text,
            kind: kind(k, v),
            vocabulary: v.scheme.clone(),
            spelling: spelling(v, true, false),
            ..Subject::default()
        }),
        Home::Note(k) => r.notes.push(Note {
            kind: kind(k, v),
            content: vec![Block::Paragraph {
                n: None,
                content: vec![Inline::Text { text }],
            }],
            lang: v.lang.clone(),
            spelling: spelling(v, false, true),
            ..Note::default()
        }),
        Home::Abstract if v.lang.is_none() && v.scheme.is_none() && v.kind.is_none() => {
            r.abstract_.push(text)
        }
        Home::Abstract => r.notes.push(Note {
            kind: NoteKind::Other("abstract".into()),
            content: vec![Block::Paragraph {
                n: None,
                content: vec![Inline::Text { text }],
            }],
            lang: v.lang.clone(),
            spelling: spelling(v, false, true),
            ..Note::default()
        }),
        Home::Date(k) => r.dates.push(DateRef {
            normal: normal_date(&text),
            text,
            kind: kind(k, v),
            scheme: v.scheme.clone(),
            spelling: spelling(v, true, false),
            ..DateRef::default()
        }),
        Home::Extent => {
            let mut sp = spelling(v, true, true);
            if let Some(q) = &v.kind {
                sp.insert("qualifier".into(), q.clone());
            }
            r.extents.push(Extent {
                text,
                spelling: sp,
                ..Extent::default()
            })
        }
        Home::Identifier => r.identifiers.push(Identifier {
            kind: match &v.kind {
                Some(k) => IdentifierKind::from_key(k).unwrap_or_default(),
                None => identifier_kind(&text),
            },
            value: text,
            scheme: v.scheme.clone(),
            spelling: spelling(v, true, false),
            ..Identifier::default()
        }),
        Home::Language => {
            let mut sp = spelling(v, true, false);
            if let Some(q) = &v.kind {
                sp.insert("qualifier".into(), q.clone());
            }
            // A code (`eng`, `en-US`) is a code; anything else (`English`, a note about
            // the language) is the language's name.
            let (code, name) = if terms::is_xs_language(&text) {
                (text, None)
            } else {
                (String::new(), Some(text))
            };
            r.languages.push(Language {
                code,
                name,
                scheme: v.scheme.clone(),
                spelling: sp,
                ..Language::default()
            })
        }
        Home::Relation(k) => r.relations.push(Relation {
            kind: kind(k, v),
            text,
            spelling: spelling(v, true, true),
            ..Relation::default()
        }),
        Home::Rights | Home::Licence => {
            let mut sp = spelling(v, true, true);
            if let Some(q) = &v.kind {
                sp.insert("qualifier".into(), q.clone());
            }
            let licence = v.term.home == Home::Licence;
            r.rights.push(Rights {
                statement: if licence { vec![] } else { vec![text.clone()] },
                licence: licence.then_some(text),
                spelling: sp,
                ..Rights::default()
            })
        }
    }
}

/// What a DC identifier is, from its form.
fn identifier_kind(v: &str) -> IdentifierKind {
    let l = v.to_ascii_lowercase();
    if l.starts_with("doi:")
        || l.starts_with("https://doi.org/")
        || l.starts_with("http://dx.doi.org/")
    {
        IdentifierKind::Doi
    } else if l.starts_with("hdl:")
        || l.starts_with("http://hdl.handle.net/")
        || l.starts_with("https://hdl.handle.net/")
    {
        IdentifierKind::Handle
    } else if l.starts_with("http://") || l.starts_with("https://") || l.starts_with("urn:") {
        IdentifierKind::Uri
    } else {
        IdentifierKind::Unit
    }
}

/// The normal form of a DC date, where it is a W3CDTF date or an interval of two
/// (`1850/1860`) written exactly as the normal form writes it, so that nothing of the
/// text is lost when a writer prefers the normal form.
pub fn normal_date(text: &str) -> Option<DateNormal> {
    if terms::is_w3cdtf(text) {
        return Some(DateNormal::Single {
            when: text.to_string(),
        });
    }
    let (a, b) = text.split_once('/')?;
    (terms::is_w3cdtf(a) && terms::is_w3cdtf(b)).then(|| DateNormal::Range {
        from: a.to_string(),
        to: b.to_string(),
    })
}
