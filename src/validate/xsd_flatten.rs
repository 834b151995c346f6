//! A bundled XSD's attribute groups written into the types that use them, before the
//! schema is compiled.
//!
//! Why: xsd-schema 0.3 gathers a type's attribute groups afresh (copying every attribute
//! use it finds) for each attribute of each element it validates, and once more per
//! element for the attributes left out. EAD 2002 and EAD3 give nearly every type its
//! attributes through nested groups, so on a 20 MB finding aid that was a fifth of the
//! validation time. XML Schema defines a type's {attribute uses} as its own uses, then
//! its groups' uses, a name counting once (Structures §3.4.2.4, §3.6.2.2), so the same
//! declarations written into the type give the same uses. Only the text handed to the
//! compiler changes; the bundled files stay as published.
//!
//! The rewrite is refused (the schema compiles as written) wherever it could change a
//! meaning: `redefine`/`override`, namespace declarations below the root (a declaration's
//! prefixes must mean the same where it is copied to), a group with an attribute wildcard
//! (wildcards of several groups intersect), or a group it cannot follow. A group of
//! another schema document (`xlink:simpleLink`) keeps its reference.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::xml::tree::{Document, Node};

const XS: &str = "http://www.w3.org/2001/XMLSchema";

/// The schema text with its own attribute groups inlined, or `None` when there is
/// nothing to inline or the rewrite is refused.
pub(crate) fn inline_attribute_groups(text: &str) -> Option<String> {
    let doc = Document::parse(text).ok()?;
    let root = doc.root_element();
    if !is_xs(root, "schema") {
        return None;
    }
    for e in root.descendants().filter(|n| n.is_element() && *n != root) {
        if is_xs(e, "redefine") || is_xs(e, "override") || !e.own_namespaces().is_empty() {
            return None;
        }
    }
    let schema = Schema {
        target: root.attribute("targetNamespace").unwrap_or(""),
        groups: root
            .children()
            .filter(|n| is_xs(*n, "attributeGroup"))
            .filter_map(|g| Some((g.attribute("name")?, g)))
            .collect(),
    };

    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for container in root.descendants().filter(|n| n.is_element()) {
        if container == root || inside_group_definition(container, root) {
            continue;
        }
        if let Some(edit) = schema.inline_into(container)? {
            edits.push(edit);
        }
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len() * 2);
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            return None;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    Some(out)
}

struct Schema<'d> {
    target: &'d str,
    groups: HashMap<&'d str, Node<'d, 'd>>,
}

/// What a declaration is known by when deciding whether a name already has a use.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Key<'d> {
    /// `<attribute name=...>`, with its `form` (which decides its namespace).
    Local(&'d str, Option<&'d str>),
    /// `<attribute ref=...>`: the expanded name of the global declaration.
    Ref(&'d str, &'d str),
    /// `<attributeGroup ref=...>` kept as a reference.
    Group(&'d str, &'d str),
}

impl<'d> Schema<'d> {
    /// For an element holding attribute declarations and references to this document's
    /// groups: the range from its first attribute child to its last, and what replaces
    /// it. `Some(None)`: nothing to do here; `None`: refuse the whole rewrite.
    #[allow(clippy::type_complexity)]
    fn inline_into(&self, container: Node<'d, 'd>) -> Option<Option<(Range<usize>, String)>> {
        let attrs: Vec<Node> = container
            .children()
            .filter(|n| {
                is_xs(*n, "attribute") || is_xs(*n, "attributeGroup") || is_xs(*n, "anyAttribute")
            })
            .collect();
        let has_own_group = attrs
            .iter()
            .any(|n| is_xs(*n, "attributeGroup") && self.own_group(*n).is_some());
        if !has_own_group {
            return Some(None);
        }
        let mut seen: HashSet<Key> = HashSet::new();
        let mut pieces: Vec<&str> = Vec::new();
        // The type's own declarations first: one of them wins over a group's of the same
        // name. A prohibition of its own does not take the name (it only stops a base
        // type's use from being inherited), as in the compiler.
        for a in attrs.iter().filter(|n| is_xs(**n, "attribute")) {
            if a.attribute("use") != Some("prohibited") {
                seen.insert(key(*a)?);
            }
            pieces.push(a.source());
        }
        for g in attrs.iter().filter(|n| is_xs(**n, "attributeGroup")) {
            self.expand(*g, &mut seen, &mut pieces, &mut Vec::new())?;
        }
        pieces.extend(
            attrs
                .iter()
                .filter(|n| is_xs(**n, "anyAttribute"))
                .map(|n| n.source()),
        );
        let range = attrs.first()?.range().start..attrs.last()?.range().end;
        let indent = line_indent(container.document().input_text(), range.start);
        Some(Some((range, pieces.join(&format!("\n{indent}")))))
    }

    /// The group definition a reference names, when it is one of this document's.
    fn own_group(&self, reference: Node<'d, 'd>) -> Option<Node<'d, 'd>> {
        let (ns, local) = resolve(reference, reference.attribute("ref")?)?;
        if ns != self.target {
            return None;
        }
        self.groups.get(local).copied()
    }

    /// Append the uses a group reference stands for, each name once.
    fn expand(
        &self,
        reference: Node<'d, 'd>,
        seen: &mut HashSet<Key<'d>>,
        pieces: &mut Vec<&'d str>,
        open: &mut Vec<Node<'d, 'd>>,
    ) -> Option<()> {
        let Some(group) = self.own_group(reference) else {
            let (ns, local) = resolve(reference, reference.attribute("ref")?)?;
            if seen.insert(Key::Group(ns, local)) {
                pieces.push(reference.source());
            }
            return Some(());
        };
        if open.contains(&group) {
            return None;
        }
        open.push(group);
        for child in group.children().filter(|n| n.is_element()) {
            if is_xs(child, "annotation") {
                continue;
            }
            if is_xs(child, "attribute") {
                // A prohibited use inside a group is no use at all (W3C Bugzilla #4043),
                // whereas written into a restriction it would stop an inherited one.
                if child.attribute("use") != Some("prohibited") && seen.insert(key(child)?) {
                    pieces.push(child.source());
                }
            } else if is_xs(child, "attributeGroup") {
                self.expand(child, seen, pieces, open)?;
            } else {
                return None;
            }
        }
        open.pop();
        Some(())
    }
}

fn key<'d>(attribute: Node<'d, 'd>) -> Option<Key<'d>> {
    if let Some(name) = attribute.attribute("name") {
        return Some(Key::Local(name, attribute.attribute("form")));
    }
    let (ns, local) = resolve(attribute, attribute.attribute("ref")?)?;
    Some(Key::Ref(ns, local))
}

/// A QName attribute value read with the bindings in scope at `node`.
fn resolve<'d>(node: Node<'d, 'd>, qname: &'d str) -> Option<(&'d str, &'d str)> {
    let (prefix, local) = match qname.trim().split_once(':') {
        Some((p, l)) => (Some(p), l),
        None => (None, qname.trim()),
    };
    let bound = node.namespaces().into_iter().find(|n| n.name() == prefix);
    match (prefix, bound) {
        (_, Some(ns)) => Some((ns.uri(), local)),
        (None, None) => Some(("", local)),
        (Some(_), None) => None,
    }
}

fn is_xs(node: Node, local: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(XS) && node.tag_name().name() == local
}

fn inside_group_definition(node: Node, root: Node) -> bool {
    node.ancestors()
        .take_while(|a| *a != root)
        .any(|a| is_xs(a, "attributeGroup") && a.parent() == Some(root))
}

/// The white space that starts the line `at` is on, so inlined declarations line up.
fn line_indent(text: &str, at: usize) -> &str {
    let line = &text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at];
    &line[..line.len() - line.trim_start().len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(body: &str) -> String {
        format!(
            r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:t" xmlns:o="urn:other" targetNamespace="urn:t">{body}</xs:schema>"#
        )
    }

    fn attributes_of(text: &str, type_name: &str) -> Vec<String> {
        let doc = Document::parse(text).unwrap();
        let ty = doc
            .root_element()
            .children()
            .find(|n| is_xs(*n, "complexType") && n.attribute("name") == Some(type_name))
            .unwrap();
        ty.descendants()
            .filter(|n| is_xs(*n, "attribute") || is_xs(*n, "attributeGroup"))
            .map(|n| {
                let what = n.attribute("name").or(n.attribute("ref")).unwrap();
                match n.attribute("use") {
                    Some(u) => format!("{}:{what}:{u}", n.tag_name().name()),
                    None => format!("{}:{what}", n.tag_name().name()),
                }
            })
            .collect()
    }

    #[test]
    fn nested_groups_are_written_into_the_type_own_declarations_first() {
        let text = schema(
            r###"<xs:attributeGroup name="common"><xs:attribute name="id" type="xs:ID"/><xs:attribute name="audience"/></xs:attributeGroup>
            <xs:attributeGroup name="c"><xs:attributeGroup ref="common"/><xs:attribute name="level"/><xs:attributeGroup ref="o:link"/></xs:attributeGroup>
            <xs:complexType name="t"><xs:sequence/><xs:attributeGroup ref="c"/><xs:attribute name="audience" type="xs:token"/><xs:anyAttribute namespace="##other"/></xs:complexType>"###,
        );
        let out = inline_attribute_groups(&text).unwrap();
        assert_eq!(
            attributes_of(&out, "t"),
            [
                "attribute:audience",
                "attribute:id",
                "attribute:level",
                "attributeGroup:o:link"
            ]
        );
        assert!(out.contains(r#"<xs:attribute name="audience" type="xs:token"/>"#));
        assert!(out.contains(r###"<xs:anyAttribute namespace="##other"/></xs:complexType>"###));
        // The definitions stay, for references from other documents.
        assert!(out.contains(r#"<xs:attributeGroup name="c"><xs:attributeGroup ref="common"/>"#));
    }

    #[test]
    fn a_prohibition_in_a_group_is_dropped_one_in_the_type_is_kept() {
        let text = schema(
            r#"<xs:attributeGroup name="g"><xs:attribute name="a" use="prohibited"/><xs:attribute name="b"/></xs:attributeGroup>
            <xs:complexType name="t"><xs:complexContent><xs:restriction base="xs:anyType"><xs:attribute name="b" use="prohibited"/><xs:attributeGroup ref="g"/></xs:restriction></xs:complexContent></xs:complexType>"#,
        );
        let out = inline_attribute_groups(&text).unwrap();
        assert_eq!(
            attributes_of(&out, "t"),
            ["attribute:b:prohibited", "attribute:b"]
        );
    }

    #[test]
    fn refused_where_the_meaning_could_change() {
        let wildcard = schema(
            r#"<xs:attributeGroup name="g"><xs:anyAttribute/></xs:attributeGroup><xs:complexType name="t"><xs:attributeGroup ref="g"/></xs:complexType>"#,
        );
        let inner_binding = schema(
            r#"<xs:attributeGroup name="g"><xs:attribute name="a"/></xs:attributeGroup><xs:complexType name="t" xmlns:p="urn:p"><xs:attributeGroup ref="g"/></xs:complexType>"#,
        );
        let cycle = schema(
            r#"<xs:attributeGroup name="g"><xs:attributeGroup ref="g"/></xs:attributeGroup><xs:complexType name="t"><xs:attributeGroup ref="g"/></xs:complexType>"#,
        );
        let redefine = schema(
            r#"<xs:redefine schemaLocation="x.xsd"/><xs:attributeGroup name="g"><xs:attribute name="a"/></xs:attributeGroup><xs:complexType name="t"><xs:attributeGroup ref="g"/></xs:complexType>"#,
        );
        let nothing =
            schema(r#"<xs:complexType name="t"><xs:attribute name="a"/></xs:complexType>"#);
        for text in [wildcard, inner_binding, cycle, redefine, nothing] {
            assert_eq!(inline_attribute_groups(&text), None, "{text}");
        }
    }

    #[test]
    fn the_bundled_ead_schemas_keep_only_references_to_other_documents() {
        for name in ["ead.xsd", "ead3.xsd"] {
            let out = inline_attribute_groups(super::super::bundled::file(name).unwrap())
                .unwrap_or_else(|| panic!("{name} was not rewritten"));
            let doc = Document::parse(&out).unwrap();
            let root = doc.root_element();
            let left: Vec<&str> = root
                .descendants()
                .filter(|n| is_xs(*n, "attributeGroup") && !inside_group_definition(*n, root))
                .filter(|n| n.parent() != Some(root))
                .filter_map(|n| n.attribute("ref"))
                .filter(|r| !r.starts_with("xlink:"))
                .collect();
            assert!(left.is_empty(), "{name}: {left:?} not inlined");
        }
    }
}
