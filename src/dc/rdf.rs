//! `dc` and `dcterms` properties in RDF/XML. Each node directly under `rdf:RDF` that has
//! a DC or dcterms property is a record: `rdf:Description`, or a typed node whose type
//! goes to the record's document types. `rdf:about` (resolved against `xml:base`) is an
//! identifier. A property's value is its text, its `rdf:resource`, or a node inside it:
//! `rdf:value` or `rdfs:label` (or the node's own `name`, else its `rdf:about`), with the
//! scheme from `dcam:memberOf` or `rdf:datatype`. What such a node says beyond its value,
//! and properties of other vocabularies, are kept verbatim.

use super::read::{add_value, dc_namespace, property_of, Reading, Value, CTX, RDF_NS};
use super::terms::{self, by_name};
use crate::format::XML_NS;
use crate::model::{Identifier, IdentifierKind, Record};
use crate::xml::{path_of, pos_of, text_of, Node};

const RDFS_NS: &str = "http://www.w3.org/2000/01/rdf-schema#";
const DCAM_NS: &str = "http://purl.org/dc/dcam/";

fn elements<'a, 'i>(n: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(|c| c.is_element())
}

fn rdf_attr<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute_ns(RDF_NS, name)
}

fn is_property(n: Node) -> bool {
    dc_namespace(n.tag_name().namespace()).is_some()
}

pub fn read(root: Node, out: &mut Reading) {
    let base = path_of(root);
    let mut seen: std::collections::HashMap<&str, usize> = Default::default();
    for d in elements(root) {
        let k = seen.entry(d.tag_name().name()).or_insert(0);
        *k += 1;
        let path = format!("{base}/{}[{k}]", d.tag_name().name());
        if !elements(d).any(is_property) {
            out.warnings.push(format!(
                "line {}: <{}>{} has no DC or dcterms property: not a record",
                pos_of(d).line,
                d.tag_name().name(),
                rdf_attr(d, "about")
                    .map(|a| format!(" about {a}"))
                    .unwrap_or_default()
            ));
            continue;
        }
        out.records.push(description(d, path, &mut out.warnings));
    }
}

/// `xml:base` in scope at `n`.
fn base_of<'a>(n: Node<'a, '_>) -> Option<&'a str> {
    n.ancestors()
        .filter(|a| a.is_element())
        .find_map(|a| a.attribute_ns(XML_NS, "base"))
}

/// A reference resolved against `xml:base` (the common cases: absolute, empty, relative
/// path).
fn resolve(n: Node, r: &str) -> String {
    let r = r.trim();
    if r.contains("://") || r.starts_with("urn:") || r.starts_with("mailto:") {
        return r.to_string();
    }
    match base_of(n) {
        Some(b) if r.is_empty() => b.to_string(),
        Some(b) if r.starts_with('/') => match b
            .find("://")
            .and_then(|i| b[i + 3..].find('/').map(|j| i + 3 + j))
        {
            Some(end) => format!("{}{r}", &b[..end]),
            None => format!("{b}{r}"),
        },
        Some(b) => match b.rfind('/') {
            Some(i) => format!("{}{r}", &b[..=i]),
            None => format!("{b}/{r}"),
        },
        None => r.to_string(),
    }
}

fn description(d: Node, origin: String, warnings: &mut Vec<String>) -> Record {
    let mut r = Record {
        origin: Some(origin),
        ..Record::default()
    };
    if let Some(about) = rdf_attr(d, "about") {
        let value = resolve(d, about);
        if !value.is_empty() {
            r.identifiers.push(Identifier {
                value,
                kind: IdentifierKind::Uri,
                ..Identifier::default()
            });
        }
    }
    // A typed node's class is what kind of resource it is: a dc:type value.
    let type_term = by_name("type").expect("dc:type is a DC element");
    let add_type = |r: &mut Record, class: String| {
        add_value(
            r,
            &Value {
                term: type_term,
                spelled: "dc:type".into(),
                kind: None,
                text: class,
                scheme: None,
                lang: None,
            },
        )
    };
    if !(d.tag_name().namespace() == Some(RDF_NS) && d.tag_name().name() == "Description") {
        let class = format!(
            "{}{}",
            d.tag_name().namespace().unwrap_or(""),
            d.tag_name().name()
        );
        add_type(&mut r, class);
    }
    for p in elements(d) {
        if p.tag_name().namespace() == Some(RDF_NS) && p.tag_name().name() == "type" {
            if let Some(t) = rdf_attr(p, "resource") {
                let class = resolve(p, t);
                add_type(&mut r, class);
                continue;
            }
        }
        let Some((t, elements_ns)) = is_property(p).then(|| property_of(p, warnings)).flatten()
        else {
            r.unmapped.push(CTX.unmapped(p));
            continue;
        };
        let prefix = if elements_ns { "dc" } else { "dcterms" };
        let lang = p.attribute_ns(XML_NS, "lang").map(str::to_string);
        let mut scheme = rdf_attr(p, "datatype").map(datatype);
        let text = if let Some(res) = rdf_attr(p, "resource") {
            scheme = Some("URI".into());
            resolve(p, res)
        } else if let Some(node) = elements(p).next() {
            let (value, s, rest) = node_value(node);
            if rest {
                // What the node says beyond its value (an agent's dates, a file's size).
                r.unmapped.push(CTX.unmapped(node));
            }
            scheme = s.or(scheme);
            value
        } else {
            text_of(p)
        };
        if text.is_empty() {
            continue;
        }
        add_value(
            &mut r,
            &Value {
                term: t,
                spelled: format!("{prefix}:{}", t.name),
                kind: None,
                text,
                scheme,
                lang,
            },
        );
    }
    r
}

/// A datatype URI as a scheme: a DCMI scheme's name; the XML Schema date types, whose
/// values are W3CDTF dates, as W3CDTF; else the URI.
fn datatype(uri: &str) -> String {
    let uri = uri.trim();
    if let Some(t) = uri.strip_prefix("http://www.w3.org/2001/XMLSchema#") {
        if matches!(t, "date" | "dateTime" | "gYear" | "gYearMonth") {
            return "W3CDTF".into();
        }
    }
    match uri.rsplit_once(['/', '#']) {
        Some((ns, local)) if dc_namespace(Some(&format!("{ns}/"))) == Some((false, true)) => {
            terms::scheme_name(local).unwrap_or(local).to_string()
        }
        _ => uri.to_string(),
    }
}

/// The value of a node inside a property, its scheme, and whether the node says more
/// than that (so it must be kept whole).
fn node_value(node: Node) -> (String, Option<String>, bool) {
    let mut value = None;
    let mut scheme = None;
    let mut used = 0;
    let mut name = None;
    for c in elements(node) {
        let (ns, local) = (c.tag_name().namespace(), c.tag_name().name());
        match (ns, local) {
            (Some(RDF_NS), "value") | (Some(RDFS_NS), "label") if value.is_none() => {
                value = Some(text_of(c));
                if let Some(dt) = rdf_attr(c, "datatype") {
                    scheme = Some(datatype(dt));
                }
                used += 1;
            }
            (Some(DCAM_NS), "memberOf") => {
                if let Some(res) = rdf_attr(c, "resource") {
                    scheme = Some(datatype(res));
                }
                used += 1;
            }
            (_, "name") if name.is_none() => name = Some(text_of(c)),
            _ => {}
        }
    }
    let about = rdf_attr(node, "about").map(|a| resolve(node, a));
    // A described resource (a file of an ebook) is cited with what DC says of it, as a
    // relation's value may be a citation: its address, then its DC properties.
    let said: Vec<String> = elements(node)
        .filter(|c| is_property(*c))
        .filter_map(|c| {
            let v = match (rdf_attr(c, "resource"), elements(c).next()) {
                (Some(r), _) => resolve(c, r),
                (None, Some(inner)) => node_value(inner).0,
                (None, None) => text_of(c),
            };
            (!v.is_empty()).then(|| format!("{}: {v}", c.tag_name().name()))
        })
        .collect();
    let about = match (about, said.is_empty()) {
        (Some(a), false) if value.is_none() && name.is_none() => {
            // Separated by dashes standing alone, so that each value stays a word of its own.
            Some(format!("{a} — {}", said.join(" — ")))
        }
        (a, _) => a,
    };
    let value = value.or(name).or(about).unwrap_or_else(|| text_of(node));
    let rest = elements(node).count() > used;
    (value, scheme, rest)
}
