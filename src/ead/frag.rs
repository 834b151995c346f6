//! EAD fragments as text: how the reader keeps an element it does not map, and the one
//! place that knows how EAD 2002's DTD form spells XLink.
//!
//! A fragment is written in one canonical form whatever the input looked like: elements
//! unprefixed in the EAD namespace of its context (no default namespace declared, the
//! output's root declares it), attributes in source order, text as it was with only the
//! XML escapes, and XLink attributes prefixed `xlink:` with the declaration on the
//! fragment's root. So the same element read from a DTD-form file, from a namespaced file
//! or from crosswalk's own output gives the same fragment, and a same-format round trip
//! reads back to the same model.

use crate::format::{XLINK_NS, XML_NS};
use crate::xml::{escape_into, Node};

/// EAD 2002 DTD form attribute → XLink attribute of the schema form. The DTD spells the
/// link attributes without a namespace (`linktype` for `xlink:type`).
pub const DTD_LINK_ATTRIBUTES: &[(&str, &str)] = &[
    ("linktype", "type"),
    ("href", "href"),
    ("role", "role"),
    ("arcrole", "arcrole"),
    ("title", "title"),
    ("show", "show"),
    ("actuate", "actuate"),
    ("from", "from"),
    ("to", "to"),
];

/// Elements whose DTD-form `@label` is the XLink label of a locator or resource (elsewhere
/// `@label` is EAD's display label).
const LOCATORS: &[&str] = &[
    "daoloc",
    "extptrloc",
    "extrefloc",
    "ptrloc",
    "refloc",
    "resource",
];

/// DTD-form enumerated link values → the XLink spelling (`onrequest` → `onRequest`).
pub const DTD_LINK_VALUES: &[(&str, &str, &str)] = &[
    ("actuate", "onrequest", "onRequest"),
    ("actuate", "onload", "onLoad"),
    ("actuate", "actuateother", "other"),
    ("actuate", "actuatenone", "none"),
    ("show", "showother", "other"),
    ("show", "shownone", "none"),
];

/// Is the element one of the EAD 2002 link elements, whose DTD-form `href`, `show`, ...
/// are XLink attributes?
pub const LINK_ELEMENTS: &[&str] = &[
    "archref",
    "arc",
    "bibref",
    "dao",
    "daogrp",
    "daoloc",
    "extptr",
    "extptrloc",
    "extref",
    "extrefloc",
    "linkgrp",
    "ptr",
    "ptrloc",
    "ref",
    "refloc",
    "resource",
    "title",
];

/// The XLink name of a DTD-form attribute on `element`, if it is one.
pub fn dtd_link_name(element: &str, attr: &str) -> Option<&'static str> {
    if !LINK_ELEMENTS.contains(&element) {
        return None;
    }
    if attr == "label" && LOCATORS.contains(&element) {
        return Some("label");
    }
    DTD_LINK_ATTRIBUTES
        .iter()
        .find(|(d, _)| *d == attr)
        .map(|(_, x)| *x)
}

/// The XLink spelling of a DTD-form link value.
pub fn dtd_link_value(xlink: &str, value: &str) -> String {
    DTD_LINK_VALUES
        .iter()
        .find(|(a, d, _)| *a == xlink && *d == value)
        .map_or_else(|| value.to_string(), |(_, _, x)| x.to_string())
}

/// The element (or comment, processing instruction, text) as a canonical fragment.
/// `dtd`: the document is in the DTD form, whose link attributes become XLink.
/// `ns`: the document's EAD namespace (`""` in the DTD form); elements in any other
/// namespace (MARC or METS in `objectxmlwrap`) keep theirs, declared where it starts.
pub fn fragment(n: Node, ns: &str, dtd: bool) -> String {
    let mut out = String::new();
    let mut xlink = false;
    write(n, &mut Ctx { ns, dtd }, ns, &mut out, &mut xlink);
    if xlink && n.is_element() {
        // The declaration goes on the fragment's root, after its name.
        let end = out[1..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .map_or(out.len(), |i| i + 1);
        out.insert_str(end, &format!(" xmlns:xlink=\"{XLINK_NS}\""));
    }
    out
}

struct Ctx<'s> {
    ns: &'s str,
    dtd: bool,
}

/// `current`: the default namespace in scope in the output (`ctx.ns` stands for EAD's).
fn write(n: Node, ctx: &mut Ctx, current: &str, out: &mut String, xlink: &mut bool) {
    use crate::xml::tree::NodeType;
    let dtd = ctx.dtd;
    match n.node_type() {
        NodeType::Element => {
            let name = n.tag_name().name();
            let ns = n.tag_name().namespace().unwrap_or("");
            out.push('<');
            out.push_str(name);
            if ns != current {
                // Into a foreign vocabulary, or back into EAD from one.
                out.push_str(" xmlns=\"");
                escape_into(out, ns, true);
                out.push('"');
            }
            let foreign = ns != ctx.ns;
            for a in n.attributes() {
                out.push(' ');
                let mut value = a.value().to_string();
                match a.namespace() {
                    Some(XLINK_NS) => {
                        *xlink = true;
                        out.push_str("xlink:");
                    }
                    Some(XML_NS) => out.push_str("xml:"),
                    Some(uri) => {
                        // Another namespace (xsi, a local extension): declared in place.
                        let p = n.lookup_prefix(uri).unwrap_or("ns0");
                        out.push_str(&format!("xmlns:{p}=\""));
                        escape_into(out, uri, true);
                        out.push_str("\" ");
                        out.push_str(p);
                        out.push(':');
                    }
                    None if dtd && !foreign => {
                        if let Some(x) = dtd_link_name(name, a.name()) {
                            *xlink = true;
                            out.push_str("xlink:");
                            out.push_str(x);
                            value = dtd_link_value(x, &value);
                            out.push_str("=\"");
                            escape_into(out, &value, true);
                            out.push('"');
                            continue;
                        }
                    }
                    None => {}
                }
                out.push_str(a.name());
                out.push_str("=\"");
                escape_into(out, &value, true);
                out.push('"');
            }
            if n.has_children() {
                out.push('>');
                for c in n.children() {
                    write(c, ctx, ns, out, xlink);
                }
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            } else {
                out.push_str("/>");
            }
        }
        NodeType::Text => escape_into(out, n.text().unwrap_or(""), false),
        NodeType::Comment => {
            out.push_str("<!--");
            out.push_str(n.text().unwrap_or(""));
            out.push_str("-->");
        }
        NodeType::PI => {
            if let Some((target, value)) = n.pi() {
                out.push_str("<?");
                out.push_str(target);
                if !value.is_empty() {
                    out.push(' ');
                    out.push_str(value);
                }
                out.push_str("?>");
            }
        }
        NodeType::Root => {}
    }
}
