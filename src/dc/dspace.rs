//! DSpace Simple Archive Format `dublin_core` (`dublin_core.xml`, `metadata_*.xml`): one
//! `dcvalue` per value, with `element`, `qualifier` and `language`, under a `schema`
//! (`dc` when absent).
//!
//! A qualifier that names a DCMI property (`issued`, `ispartof`, `tableofcontents`,
//! `provenance`) is read as that property; one that names a DCMI encoding scheme (`lcsh`,
//! `uri` for an identifier, `mimetype` as IMT) as the scheme; any other (`author`,
//! `accessioned`, `isbn`) as the kind of the element's home, which the qdc writer writes as
//! the element and ledgers. A value of another schema (`local`, `thesis`) has no DC home:
//! it is a note named `schema.element.qualifier`.

use super::read::{add_value, Value, CTX};
use super::terms;
use crate::model::{Block, Inline, Note, NoteKind, Record};
use crate::xml::{path_of, pos_of, text_of, Node};

pub fn read(root: Node, warnings: &mut Vec<String>) -> Record {
    let schema = root
        .attribute("schema")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or("dc");
    let mut r = Record {
        origin: Some(path_of(root)),
        ..Record::default()
    };
    for n in root.children() {
        if !n.is_element() {
            continue;
        }
        if n.tag_name().name() != "dcvalue" {
            r.unmapped.push(CTX.unmapped(n));
            continue;
        }
        let text = text_of(n);
        if text.is_empty() {
            continue;
        }
        let element = n.attribute("element").unwrap_or("").trim();
        let qualifier = n
            .attribute("qualifier")
            .map(str::trim)
            .filter(|q| !q.is_empty() && !q.eq_ignore_ascii_case("none"));
        // DSpace writes `en_US`; xml:lang and the model want BCP 47 `en-US`.
        let lang = n
            .attribute("language")
            .map(|l| l.trim().replace('_', "-"))
            .filter(|l| !l.is_empty() && !l.eq_ignore_ascii_case("none") && l != "*");
        let base = terms::by_name_loose(element).filter(|t| t.is_element());
        let dc_schema = matches!(schema, "dc" | "dcterms" | "qdc");
        match base.filter(|_| dc_schema) {
            Some(base) => {
                let mut v = Value {
                    term: base,
                    spelled: format!("dc:{}", base.name),
                    kind: None,
                    text,
                    scheme: None,
                    lang,
                };
                if let Some(q) = qualifier {
                    qualify(&mut v, q, element);
                }
                add_value(&mut r, &v);
            }
            None => {
                if dc_schema {
                    warnings.push(format!(
                        "line {}: dcvalue element '{element}' is none of the fifteen DC elements: kept as a note",
                        pos_of(n).line
                    ));
                }
                let name = [Some(schema), Some(element), qualifier]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(".");
                r.notes.push(Note {
                    kind: NoteKind::Other(name),
                    content: vec![Block::Paragraph {
                        n: None,
                        content: vec![Inline::Text { text }],
                    }],
                    lang,
                    ..Note::default()
                });
            }
        }
    }
    r
}

/// Applies a DSpace qualifier: a DCMI property, an encoding scheme, or a kind.
fn qualify(v: &mut Value, q: &str, element: &str) {
    // A property that refines this element, or one that refines none (provenance under
    // description): DSpace puts those under the nearest element.
    let alias = match q.to_ascii_lowercase().as_str() {
        "citation" => Some("bibliographicCitation"),
        "tableofcontents" | "toc" => Some("tableOfContents"),
        "spatial" => Some("spatial"),
        _ => None,
    };
    let term = alias
        .and_then(terms::by_name)
        .or_else(|| terms::by_name_loose(q))
        .filter(|t| !t.is_element() && (t.element.is_none() || t.element == Some(v.term.name)));
    if let Some(t) = term {
        v.term = t;
        v.spelled = format!("dcterms:{}", t.name);
        return;
    }
    let scheme = match (element, q.to_ascii_lowercase().as_str()) {
        (_, "uri") if element != "identifier" => Some("URI"),
        ("format", "mimetype") => Some("IMT"),
        ("language", "rfc3066") => Some("RFC3066"),
        (_, other) => terms::scheme_name(other).filter(|s| *s != "URI"),
    };
    match scheme {
        Some(s) => v.scheme = Some(s.to_string()),
        None => v.kind = Some(q.to_string()),
    }
}
