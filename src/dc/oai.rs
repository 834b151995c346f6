//! OAI-PMH responses (`GetRecord`, `ListRecords`) and bare `record` elements: each
//! record's header goes to the record control, its `about` containers are kept verbatim,
//! and its metadata is read as a DC container (TEI as TEI, EAD as EAD). A deleted record is reported by its
//! identifier and not converted. An error response, or a response of a verb that carries
//! no records (`Identify`, `ListSets`, ...), is refused with the reason.

use super::read::{container, Reading, CTX, RDF_NS};
use crate::error::{Error, ErrorKind, Result};
use crate::format::OAI_PMH_NS;
use crate::model::{OaiHeader, Record, RecordControl};
use crate::xml::{pos_of, text_of, Node};

fn elements<'a, 'i>(n: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(|c| c.is_element())
}

fn named<'a, 'i>(n: Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
    elements(n).find(|c| c.tag_name().name() == local)
}

/// A `record` element, in the OAI namespace or (a slip) outside it: it has a `header`.
pub fn looks_like_record(n: Node) -> bool {
    n.tag_name().namespace() == Some(OAI_PMH_NS) || named(n, "header").is_some()
}

/// Metadata of another format, read by that format's reader from its text; kept
/// verbatim, with a warning, where it does not read.
fn embedded(
    inner: Node,
    format: &str,
    read: fn(&str) -> Result<Record>,
    header: &OaiHeader,
    path: &str,
    out: &mut Reading,
) -> Record {
    match read(&crate::xml::serialize_node(inner)) {
        Ok(r) => r,
        Err(e) => {
            out.warnings.push(format!(
                "line {}: the {format} metadata of record {} could not be read as {format} ({}): its content is kept verbatim",
                pos_of(inner).line,
                header.identifier,
                e.message
            ));
            let name = inner.tag_name().name();
            container(inner, format!("{path}/metadata/{name}"), &mut out.warnings)
        }
    }
}

/// Reads the records of an OAI-PMH response.
pub fn response(root: Node, out: &mut Reading) -> Result<()> {
    if root.tag_name().namespace() != Some(OAI_PMH_NS) {
        out.warnings.push(format!(
            "line {}: <OAI-PMH> is not in the OAI-PMH namespace {OAI_PMH_NS}: read as an OAI-PMH response",
            pos_of(root).line
        ));
    }
    let errors: Vec<Node> = elements(root)
        .filter(|c| c.tag_name().name() == "error")
        .collect();
    if let Some(e) = errors.first() {
        let all: Vec<String> = errors
            .iter()
            .map(|e| {
                let code = e.attribute("code").unwrap_or("unknown");
                let msg = text_of(*e);
                if msg.is_empty() {
                    format!("OAI-PMH error {code}")
                } else {
                    format!("OAI-PMH error {code}: {msg}")
                }
            })
            .collect();
        return Err(Error::at(
            ErrorKind::Unmappable,
            pos_of(*e),
            format!("no records: the response is an error ({})", all.join("; ")),
        ));
    }
    let verb = elements(root).find(|c| !matches!(c.tag_name().name(), "responseDate" | "request"));
    let Some(verb) = verb else {
        return Err(Error::at(
            ErrorKind::Unmappable,
            pos_of(root),
            "no records: the OAI-PMH response holds neither records nor an error",
        ));
    };
    match verb.tag_name().name() {
        "GetRecord" | "ListRecords" => {
            // Paths as `crate::xml::path_of` writes them (an index only among several).
            let base = format!("/{}/{}", root.tag_name().name(), verb.tag_name().name());
            let records: Vec<Node> = elements(verb)
                .filter(|c| c.tag_name().name() == "record")
                .collect();
            let several = records.len() > 1;
            for (i, r) in records.into_iter().enumerate() {
                let path = if several {
                    format!("{base}/record[{}]", i + 1)
                } else {
                    format!("{base}/record")
                };
                record(r, &path, out);
            }
            if out.records.is_empty() {
                let mut e = super::read::no_records(out);
                e.pos = Some(pos_of(verb));
                return Err(e);
            }
            Ok(())
        }
        "ListIdentifiers" => Err(Error::at(
            ErrorKind::Unmappable,
            pos_of(verb),
            "no records: an OAI-PMH ListIdentifiers response lists record headers without their metadata (ListRecords or GetRecord carry it)",
        )),
        other => Err(Error::at(
            ErrorKind::Unmappable,
            pos_of(verb),
            format!(
                "no records: an OAI-PMH {other} response describes the repository, not records"
            ),
        )),
    }
}

/// Reads one `record` (at `path`): header, metadata, about.
pub fn record(n: Node, path: &str, out: &mut Reading) {
    if n.tag_name().namespace() != Some(OAI_PMH_NS) {
        out.warnings.push(format!(
            "line {}: <record> is not in the OAI-PMH namespace: read as an OAI-PMH record",
            pos_of(n).line
        ));
    }
    let mut header = OaiHeader::default();
    let mut deleted = false;
    let mut kept = Vec::new();
    if let Some(h) = named(n, "header") {
        deleted = h.attribute("status") == Some("deleted");
        for c in elements(h) {
            match c.tag_name().name() {
                "identifier" => header.identifier = text_of(c),
                "datestamp" => header.datestamp = Some(text_of(c)).filter(|s| !s.is_empty()),
                "setSpec" => header.sets.push(text_of(c)),
                _ => kept.push(CTX.unmapped(c)),
            }
        }
    }
    if deleted {
        out.deleted.push(if header.identifier.is_empty() {
            format!("the record at line {}", pos_of(n).line)
        } else {
            header.identifier.clone()
        });
        return;
    }
    let Some(md) = named(n, "metadata") else {
        out.warnings.push(format!(
            "line {}: record {} has no metadata: skipped",
            pos_of(n).line,
            header.identifier
        ));
        return;
    };
    let Some(inner) = elements(md).next() else {
        out.warnings.push(format!(
            "line {}: record {} has empty metadata: skipped",
            pos_of(n).line,
            header.identifier
        ));
        return;
    };
    let mut r: Record = match (inner.tag_name().name(), inner.tag_name().namespace()) {
        ("RDF", Some(RDF_NS)) => {
            let mut sub = Reading::default();
            super::rdf::read(inner, &mut sub);
            out.warnings.append(&mut sub.warnings);
            let mut recs = sub.records.into_iter();
            let first = recs.next().unwrap_or_default();
            // One OAI record describes one resource: a further description is its own
            // record, named by the same header.
            for extra in recs {
                let mut extra = extra;
                extra.control = Some(RecordControl {
                    oai: Some(header.clone()),
                    ..RecordControl::default()
                });
                out.records.push(extra);
            }
            first
        }
        ("dublin_core", _) => super::dspace::read(inner, &mut out.warnings),
        // An OAI-PMH response carries records of any format: TEI is read as TEI, and a
        // finding aid (an `oai_ead` harvest from an archival system) as EAD, in either
        // version, namespaced or in EAD 2002's DTD form.
        (_, Some(crate::format::TEI_NS)) => {
            embedded(inner, "TEI", crate::tei::read, &header, path, out)
        }
        (
            _,
            Some(
                crate::format::EAD2002_NS
                | crate::format::EAD3_NS
                | crate::format::EAD3_UNDEPRECATED_NS,
            ),
        )
        | ("ead", None) => embedded(inner, "EAD", crate::ead::read, &header, path, out),
        _ => container(
            inner,
            format!("{path}/metadata/{}", inner.tag_name().name()),
            &mut out.warnings,
        ),
    };
    if !super::read::holds_values(&r) {
        out.warnings.push(format!(
            "line {}: the metadata of record {} (<{}>{}) holds no DC value: its content is kept verbatim",
            pos_of(inner).line,
            header.identifier,
            inner.tag_name().name(),
            inner
                .tag_name()
                .namespace()
                .map(|n| format!(" in namespace {n}"))
                .unwrap_or_default()
        ));
    }
    for extra in elements(md).skip(1) {
        r.unmapped.push(CTX.unmapped(extra));
    }
    for c in elements(n) {
        if !matches!(c.tag_name().name(), "header" | "metadata") {
            // `about` and anything else the record carries, kept verbatim.
            r.unmapped.push(CTX.unmapped(c));
        }
    }
    r.unmapped.extend(kept);
    let control = r.control.get_or_insert_with(RecordControl::default);
    control.oai = Some(header);
    out.records.push(r);
}
