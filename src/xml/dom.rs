//! Parsing for readers: roxmltree gives a tree that borrows the input and keeps byte
//! offsets, which `pos_of` turns into line and column.

use roxmltree::{Node, NodeType, ParsingOptions};

use crate::error::{Error, ErrorKind, Pos, Result};

/// A parsed document.
pub type Doc<'a> = roxmltree::Document<'a>;

/// Parses XML text. DTDs are allowed (EAD 2002 files carry them) but no external entity
/// is ever fetched, and the node count is bounded so hostile input cannot exhaust memory.
pub fn parse(text: &str) -> Result<Doc<'_>> {
    let options = ParsingOptions {
        allow_dtd: true,
        nodes_limit: 50_000_000,
        ..ParsingOptions::default()
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        let p = e.pos();
        Error::at(
            ErrorKind::Syntax,
            Pos {
                line: p.row,
                column: p.col,
            },
            format!(
                "not well-formed XML: {}",
                lowercase_first(&without_position(&e.to_string()))
            ),
        )
    })?;
    check_depth(&doc)?;
    Ok(doc)
}

/// Deepest element nesting a reader accepts. Real records stay far below it (the corpora
/// peak near 30); the bound keeps the recursive mappers' stack use small.
pub const MAX_DEPTH: usize = 256;

fn check_depth(doc: &Doc) -> Result<()> {
    let mut stack = vec![(doc.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return Err(Error::at(
                ErrorKind::Unmappable,
                pos_of(node),
                format!(
                    "elements nested deeper than {MAX_DEPTH} levels: expected a shallower document"
                ),
            ));
        }
        stack.extend(
            node.children()
                .filter(|c| c.is_element())
                .map(|c| (c, depth + 1)),
        );
    }
    Ok(())
}

/// roxmltree ends its messages with " at L:C"; the position is reported separately.
fn without_position(s: &str) -> String {
    match s.rsplit_once(" at ") {
        Some((msg, pos)) if pos.split(':').all(|n| n.parse::<u32>().is_ok()) => msg.to_string(),
        _ => s.to_string(),
    }
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Line and column of a node's start.
pub fn pos_of(node: Node) -> Pos {
    let p = node.document().text_pos_at(node.range().start);
    Pos {
        line: p.row,
        column: p.col,
    }
}

/// A readable path such as `/TEI/teiHeader/fileDesc/titleStmt/title[2]`.
pub fn path_of(node: Node) -> String {
    let mut parts = Vec::new();
    let mut cur = Some(node);
    while let Some(n) = cur {
        if n.is_element() {
            let name = n.tag_name().name();
            let same: Vec<_> = n
                .parent()
                .map(|p| {
                    p.children()
                        .filter(|c| c.is_element() && c.tag_name() == n.tag_name())
                        .collect()
                })
                .unwrap_or_default();
            if same.len() > 1 {
                let idx = same.iter().position(|c| *c == n).unwrap_or(0) + 1;
                parts.push(format!("{name}[{idx}]"));
            } else {
                parts.push(name.to_string());
            }
        }
        cur = n.parent();
    }
    parts.reverse();
    format!("/{}", parts.join("/"))
}

/// The text content of a node with white space runs collapsed to single spaces.
pub fn text_of(node: Node) -> String {
    let mut s = String::new();
    for d in node.descendants().filter(|d| d.is_text()) {
        s.push_str(d.text().unwrap_or(""));
    }
    collapse(&s)
}

/// Collapses white space runs to one space and trims both ends.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Serialises an element and its subtree as XML text, declaring on it every namespace
/// in scope that it uses, so the fragment stands on its own.
pub fn serialize_node(node: Node) -> String {
    let mut out = String::new();
    write_node(node, &mut out, true);
    out
}

fn write_node(node: Node, out: &mut String, top: bool) {
    use super::out::escape_into;
    match node.node_type() {
        NodeType::Element => {
            let name = qname(node, node.tag_name().namespace(), node.tag_name().name());
            out.push('<');
            out.push_str(&name);
            if top {
                for ns in node.namespaces() {
                    out.push(' ');
                    match ns.name() {
                        Some(p) => {
                            out.push_str("xmlns:");
                            out.push_str(p);
                        }
                        None => out.push_str("xmlns"),
                    }
                    out.push_str("=\"");
                    escape_into(out, ns.uri(), true);
                    out.push('"');
                }
            } else {
                // Declarations new at this element (not inherited from the parent).
                let parent_ns: Vec<_> = node
                    .parent()
                    .map(|p| p.namespaces().map(|n| (n.name(), n.uri())).collect())
                    .unwrap_or_default();
                for ns in node.namespaces() {
                    if !parent_ns.contains(&(ns.name(), ns.uri())) {
                        out.push(' ');
                        match ns.name() {
                            Some(p) => {
                                out.push_str("xmlns:");
                                out.push_str(p);
                            }
                            None => out.push_str("xmlns"),
                        }
                        out.push_str("=\"");
                        escape_into(out, ns.uri(), true);
                        out.push('"');
                    }
                }
            }
            for a in node.attributes() {
                out.push(' ');
                out.push_str(&qname(node, a.namespace(), a.name()));
                out.push_str("=\"");
                escape_into(out, a.value(), true);
                out.push('"');
            }
            if node.has_children() {
                out.push('>');
                for c in node.children() {
                    write_node(c, out, false);
                }
                out.push_str("</");
                out.push_str(&name);
                out.push('>');
            } else {
                out.push_str("/>");
            }
        }
        NodeType::Text => escape_into(out, node.text().unwrap_or(""), false),
        NodeType::Comment => {
            out.push_str("<!--");
            out.push_str(node.text().unwrap_or(""));
            out.push_str("-->");
        }
        NodeType::PI => {
            if let Some(pi) = node.pi() {
                out.push_str("<?");
                out.push_str(pi.target);
                if let Some(v) = pi.value {
                    out.push(' ');
                    out.push_str(v);
                }
                out.push_str("?>");
            }
        }
        NodeType::Root => {
            for c in node.children() {
                write_node(c, out, top);
            }
        }
    }
}

fn qname(node: Node, ns: Option<&str>, local: &str) -> String {
    match ns {
        Some(crate::format::XML_NS) => format!("xml:{local}"),
        Some(uri) => match node.lookup_prefix(uri) {
            Some(p) if !p.is_empty() => format!("{p}:{local}"),
            _ => local.to_string(),
        },
        None => local.to_string(),
    }
}

/// The character data of a serialised fragment, entities decoded, tags removed.
pub fn strip_tags(xml: &str) -> String {
    match roxmltree::Document::parse(xml) {
        Ok(doc) => text_of(doc.root_element()),
        Err(_) => {
            let mut out = String::new();
            let mut in_tag = false;
            for c in xml.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => out.push(c),
                    _ => {}
                }
            }
            collapse(&out)
        }
    }
}
