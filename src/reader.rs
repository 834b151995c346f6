//! What every reader shares: the context that accounts for every node it meets.
//!
//! A reader maps an element into the model only when its format's writer, given what was
//! read, writes that element back as it was ([`ReadContext::writes_back`]); everything else
//! is kept verbatim as an [`Unmapped`] fragment with its path, line and position among its
//! siblings ([`ReadContext::unmapped`]), and the attributes of the containers a reader
//! walks through as attribute fragments ([`ReadContext::keep_attributes`]), which the
//! same-format writer puts back in place. Readers of every format use these, so the three
//! places a node can end in (mapped, kept, ledgered by a writer) are the same everywhere.

use crate::format::XML_NS;
use crate::model::{Keyed, Spelling, Unmapped};
use crate::xml::{line_of, path_of, same_element, same_head, serialize_node, Depth, El, Node};

/// One format's reading: its name in fragments and the namespace its writer writes.
#[derive(Debug, Clone, Copy)]
pub struct ReadContext {
    /// Format name recorded on fragments (`tei`, `ead`, `ead3`, `dc`).
    pub format: &'static str,
    /// The namespace of the elements the format's writer writes (unprefixed).
    pub ns: &'static str,
}

impl ReadContext {
    /// True when the writer's `el` is what `n` says, child elements included.
    pub fn writes_back(&self, n: Node, el: &El) -> bool {
        same_element(n, el, self.ns, Depth::Deep)
    }

    /// True when `el` has `n`'s name and attributes and the same children by name and
    /// text: for a mapping whose children were checked on their own.
    pub fn writes_back_shallow(&self, n: Node, el: &El) -> bool {
        same_element(n, el, self.ns, Depth::Shallow)
    }

    /// True when `el` has `n`'s name and attributes (content not compared).
    pub fn writes_head_back(&self, n: Node, el: &El) -> bool {
        same_head(n, el, self.ns)
    }

    /// The element kept verbatim, with its path, line and position among its siblings.
    pub fn unmapped(&self, n: Node) -> Unmapped {
        Unmapped {
            format: self.format.into(),
            path: path_of(n),
            line: Some(line_of(n)),
            index: Some(n.prev_siblings().filter(|s| s.is_element()).count() as u32),
            xml: serialize_node(n),
        }
    }

    /// A comment or processing instruction kept verbatim where it stood.
    pub fn verbatim_other(&self, n: Node) -> Unmapped {
        Unmapped {
            format: self.format.into(),
            path: path_of(n),
            line: Some(line_of(n)),
            index: None,
            xml: n.source().to_string(),
        }
    }

    /// The attributes of a container the reader walks through, kept as attribute
    /// fragments (`…/@name`, the value as `name="value"`), all but those in `mapped`.
    pub fn keep_attributes(&self, n: Node, mapped: &[&str], out: &mut Vec<Unmapped>) {
        let kept = |a: &crate::xml::tree::Attribute| {
            !(a.namespace().is_none() && mapped.contains(&a.name()))
        };
        // Most containers have none to keep: their path is not worth building.
        if !n.attributes().any(|a| kept(&a)) {
            return;
        }
        let path = path_of(n);
        let line = line_of(n);
        for a in n.attributes().filter(kept) {
            let mut xml = String::new();
            let qname = match a.namespace() {
                None => a.name().to_string(),
                Some(XML_NS) => format!("xml:{}", a.name()),
                Some(uri) => {
                    // The declaration travels with the attribute, so that it stands alone.
                    let prefix = n.lookup_prefix(uri).unwrap_or("ns0");
                    xml.push_str(&format!("xmlns:{prefix}=\""));
                    crate::xml::escape_into(&mut xml, uri, true);
                    xml.push_str("\" ");
                    format!("{prefix}:{}", a.name())
                }
            };
            xml.push_str(&qname);
            xml.push_str("=\"");
            crate::xml::escape_into(&mut xml, a.value(), true);
            xml.push('"');
            out.push(Unmapped {
                format: self.format.into(),
                path: format!("{path}/@{qname}"),
                line: Some(line),
                index: None,
                xml,
            });
        }
    }
}

/// A vocabulary value as the source spelled it. `absent` is the kind when no attribute
/// was written, `unknown` the kind for a name a closed vocabulary lacks; either way the
/// spelling notes what was written (`""` for nothing), so the same-format writer repeats it.
pub fn kind_of<K: Keyed>(
    raw: Option<&str>,
    absent: K,
    unknown: K,
    attr: &str,
    sp: &mut Spelling,
) -> K {
    match raw {
        None => {
            sp.insert(attr.into(), String::new());
            absent
        }
        Some(v) => {
            let k = K::from_key(v).unwrap_or(unknown);
            if k.key() != v {
                sp.insert(attr.into(), v.to_string());
            }
            k
        }
    }
}
