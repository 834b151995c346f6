//! EAD 2002 (namespaced or in its DTD form) and EAD3 → record.
//!
//! `archdesc` and every component (`c`, `c01`–`c12`, at any depth) become records, the
//! components children of the level holding them. Within a level the reader maps what
//! the EAD writer writes back as it was ([`did`]); every other element, comment and
//! processing instruction is kept verbatim as a fragment with its path and its position
//! among its siblings, and the EAD writer puts it back there (or migrates it, for the
//! other EAD version). The header (`eadheader`, `control`) and `frontmatter` are kept
//! whole on the top record.

mod did;
mod notes;

use crate::error::{Error, ErrorKind, Result};
use crate::format::{EAD2002_NS, EAD3_NS, EAD3_UNDEPRECATED_NS};
use crate::model::{Attributes, Keyed, Level, Record, Unmapped};
use crate::reader::ReadContext;
use crate::xml::{index_lines, line_of, parse, path_of, pos_of, Node};

/// Which EAD a document is, as read from its root.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Source {
    pub ctx: ReadContext,
    /// EAD 2002 without a namespace: link attributes are spelled without `xlink:`.
    pub dtd: bool,
    /// Components are read as empty records naming their element and path ([`child`]).
    pub shallow: bool,
}

impl Source {
    /// The EAD version read, for the writer's functions the reader checks a mapping with.
    pub(crate) fn version(&self) -> crate::ead::write::Version {
        if self.ctx.format == "ead3" {
            crate::ead::write::Version::Ead3
        } else {
            crate::ead::write::Version::Ead2002
        }
    }
}

/// The component element names: `c` and the numbered `c01`–`c12`.
pub fn is_component(name: &str) -> bool {
    name == "c"
        || (name.len() == 3
            && name.starts_with('c')
            && matches!(name[1..].parse::<u8>(), Ok(1..=12)))
}

/// Reads an EAD 2002 or EAD3 finding aid.
pub fn read(text: &str) -> Result<Record> {
    let doc = parse(text)?;
    let _lines = index_lines(&doc);
    let root = doc.root_element();
    let src = source(root, false)?;
    top(&src, root)
}

/// Which EAD the root `ead` is. A `shallow` source reads each level without its
/// components ([`child`]), for a writer that takes them one at a time.
pub(crate) fn source(root: Node, shallow: bool) -> Result<Source> {
    let src = match root.tag_name().namespace() {
        Some(EAD2002_NS) => Source {
            ctx: ReadContext {
                format: "ead",
                ns: EAD2002_NS,
            },
            dtd: false,
            shallow,
        },
        Some(ns @ (EAD3_NS | EAD3_UNDEPRECATED_NS)) => Source {
            ctx: ReadContext {
                format: "ead3",
                ns: if ns == EAD3_NS {
                    EAD3_NS
                } else {
                    EAD3_UNDEPRECATED_NS
                },
            },
            dtd: false,
            shallow,
        },
        None => Source {
            ctx: ReadContext {
                format: "ead",
                ns: "",
            },
            dtd: true,
            shallow,
        },
        Some(other) => {
            return Err(Error::at(
                ErrorKind::Unmappable,
                pos_of(root),
                format!("expected EAD 2002 or EAD3, found <ead> in namespace {other}"),
            ))
        }
    };
    if root.tag_name().name() != "ead" {
        return Err(Error::at(
            ErrorKind::Unmappable,
            pos_of(root),
            format!(
                "expected an <ead> root element, found <{}>",
                root.tag_name().name()
            ),
        ));
    }
    Ok(src)
}

/// The top record: `archdesc`, with the header, `frontmatter` and the attributes of `ead`
/// kept whole on it.
pub(crate) fn top(src: &Source, root: Node) -> Result<Record> {
    let mut top = Record::default();
    // Attributes of `ead` itself (xsi:schemaLocation, @audience, ...): namespace
    // declarations are the writer's.
    src.ctx.keep_attributes(root, &[], &mut top.unmapped);
    let mut archdesc = None;
    for (i, c) in slots(root) {
        if c.is_element() && c.tag_name().name() == "archdesc" && archdesc.is_none() {
            archdesc = Some(c);
        } else {
            top.unmapped.push(kept(src, c, i));
        }
    }
    let Some(archdesc) = archdesc else {
        return Err(Error::at(
            ErrorKind::Unmappable,
            pos_of(root),
            "an EAD finding aid needs an archdesc",
        ));
    };
    let header_and_more = std::mem::take(&mut top.unmapped);
    level(src, archdesc, &mut top, true);
    top.unmapped.splice(0..0, header_and_more);
    Ok(top)
}

/// The children a writer puts back one by one (elements, comments, processing
/// instructions, text that is not white space), each with its position among them.
pub(crate) fn slots<'a, 'i>(n: Node<'a, 'i>) -> impl Iterator<Item = (u32, Node<'a, 'i>)> {
    n.children()
        .filter(|c| !(c.is_text() && c.text().unwrap_or("").trim().is_empty()))
        .enumerate()
        .map(|(i, c)| (i as u32, c))
}

/// A node kept verbatim, at its position `index` among its parent's slots.
pub(crate) fn kept(src: &Source, n: Node, index: u32) -> Unmapped {
    // The parent's path only for a text or comment (an element's path has its own).
    let parent = || n.parent().map(path_of).unwrap_or_default();
    let path = if n.is_element() {
        path_of(n)
    } else if n.is_text() {
        format!("{}/text()", parent())
    } else {
        format!("{}/comment()", parent())
    };
    Unmapped {
        format: src.ctx.format.into(),
        path,
        line: Some(line_of(n)),
        index: Some(index),
        xml: super::frag::fragment(n, src.ctx.ns, src.dtd),
    }
}

/// One level of description (`archdesc` or a component) into `r`.
fn level(src: &Source, n: Node, r: &mut Record, top: bool) {
    r.origin = Some(path_of(n));
    if !top {
        let name = n.tag_name().name();
        if name != "c" {
            r.spelling.insert("element".into(), name.into());
        }
    }
    // @level is mapped when the writer spells it back: one of the model's levels, or
    // otherlevel with its name.
    let level = n.attribute("level");
    let other = n.attribute("otherlevel");
    let mut mapped: Vec<&str> = Vec::new();
    match (level, other) {
        (Some("otherlevel"), Some(o)) if !o.is_empty() && Level::from_key(o).is_some() => {
            if let Some(Level::Other(_)) = Level::from_key(o) {
                r.level = Some(Level::Other(o.to_string()));
                mapped.extend(["level", "otherlevel"]);
            }
        }
        (Some(l), None) => {
            if let Some(k) = Level::from_key(l).filter(|k| k.key() == l && k.other_name().is_none())
            {
                r.level = Some(k);
                mapped.push("level");
            }
        }
        _ => {}
    }
    // The common attributes the writer writes on the level's element (`@id` above all:
    // ArchivesSpace and AtoM give every component one).
    for a in n.attributes().filter(|a| a.namespace().is_none()) {
        if let Some(slot) = level_attribute(src, n, a.name(), a.value(), &mut r.attributes) {
            *slot = Some(a.value().to_string());
            mapped.push(a.name());
        }
    }
    src.ctx.keep_attributes(n, &mapped, &mut r.unmapped);
    let mut did_seen = false;
    let mut dsc_seen = false;
    let dsc = if top { components_dsc(n) } else { None };
    // The writer writes did, the notes, controlaccess, then the components: a note or
    // controlaccess is mapped only where it stands in that order among what is mapped
    // (the fragments go back at their own positions around them).
    let mut access_mapped = false;
    for (i, c) in slots(n) {
        let name = if c.is_element() {
            c.tag_name().name()
        } else {
            ""
        };
        let notes_open = did_seen && !dsc_seen && r.children.is_empty() && !access_mapped;
        if name == "did" && !did_seen {
            did_seen = true;
            did::read(src, c, i, r);
        } else if notes_open && !name.is_empty() && notes::note(src, c, r) {
        } else if notes_open && name == "controlaccess" && notes::controlaccess(src, c, r) {
            access_mapped = true;
        } else if top && !dsc_seen && dsc.is_some_and(|d| d == c) {
            dsc_seen = true;
            src.ctx.keep_attributes(c, &[], &mut r.unmapped);
            for (j, k) in slots(c) {
                if k.is_element() && is_component(k.tag_name().name()) {
                    r.children.push(child(src, k));
                } else {
                    r.unmapped.push(kept(src, k, j));
                }
            }
        } else if !top && is_component(name) {
            r.children.push(child(src, c));
        } else {
            r.unmapped.push(kept(src, c, i));
        }
    }
}

/// The field of `attrs` that holds the level's attribute `name`, where the writer writes
/// `value` back on the element as it was: one of EAD's common attributes that the element
/// takes, an id that is an XML name, an audience of EAD's two.
fn level_attribute<'r>(
    src: &Source,
    n: Node,
    name: &str,
    value: &str,
    attrs: &'r mut Attributes,
) -> Option<&'r mut Option<String>> {
    let fits = crate::ead::values::common_value_fits(name, value);
    let element = n.tag_name().name();
    let takes = crate::ead::migrate::accepts(src.version(), element, name);
    attrs.ead_common_mut(name).filter(|_| fits && takes)
}

/// A component of the level being read: whole, or, for a shallow source, an empty record
/// with its element's spelling, which the streaming writer fills in later
/// from the same node ([`component`]).
fn child(src: &Source, n: Node) -> Record {
    if !src.shallow {
        return component(src, n);
    }
    // No origin: a shallow component is written as a hole, and its origin is read with
    // the rest of it.
    let mut r = Record::default();
    let name = n.tag_name().name();
    if name != "c" {
        r.spelling.insert("element".into(), name.into());
    }
    r
}

/// One component (for a shallow source, without its own components).
pub(crate) fn component(src: &Source, n: Node) -> Record {
    let mut r = Record::default();
    level(src, n, &mut r, false);
    r
}

/// The `dsc` of an `archdesc` whose components are read as its children: the first that
/// holds any. Another `dsc` (an empty one, say: the writer writes a dsc only around
/// components) is kept whole, where it stood.
pub(crate) fn components_dsc<'a, 'i>(archdesc: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    archdesc.children().find(|k| {
        k.is_element()
            && k.tag_name().name() == "dsc"
            && k.children()
                .any(|c| c.is_element() && is_component(c.tag_name().name()))
    })
}

/// The `archdesc` [`top`] reads.
pub(crate) fn archdesc<'a, 'i>(root: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    root.children()
        .find(|c| c.is_element() && c.tag_name().name() == "archdesc")
}
