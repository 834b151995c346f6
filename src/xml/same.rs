//! Does a writer's element say what the source element said?
//!
//! A reader maps an element into the model only when the same-format writer, given what
//! was mapped, writes that element back: same name, same attributes and values, same
//! children and text (white space between elements, and runs of white space in text, are
//! serialisation). Otherwise the reader keeps the element verbatim. This makes a same-format
//! round trip lossless by construction, whatever the mapping tables miss.

use super::out::{El, Node as OutNode};
use super::tree::Node;
use crate::format::{XLINK_NS, XML_NS};

/// How far to compare children.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// The whole subtree.
    Deep,
    /// Child elements by name only: for mappings whose children were checked themselves.
    Shallow,
}

/// True when `src` is in namespace `ns`; `""` stands for no namespace (the EAD 2002 DTD
/// form), which the namespaced writer's elements also stand for.
fn in_ns(src: Node, ns: &str) -> bool {
    src.tag_name().namespace().unwrap_or("") == ns
}

/// True when `el`, written in namespace `ns` with unprefixed names, says what `src` says.
pub fn same_element(src: Node, el: &El, ns: &str, depth: Depth) -> bool {
    if !src.is_element() || !in_ns(src, ns) || src.tag_name().name() != el.name {
        return false;
    }
    same_attributes(src, el, ns) && same_children(src, &el.kids, ns, depth)
}

/// True when `el` has `src`'s name and attributes (content not compared): the cheap
/// check a reader makes before it maps an element's content.
pub fn same_head(src: Node, el: &El, ns: &str) -> bool {
    src.is_element()
        && in_ns(src, ns)
        && src.tag_name().name() == el.name
        && same_attributes(src, el, ns)
}

fn same_attributes(src: Node, el: &El, ns: &str) -> bool {
    if src.attributes().len() != el.attrs.len() {
        return false;
    }
    src.attributes().all(|a| {
        // EAD 2002's DTD form (no namespace) spells XLink attributes without a prefix,
        // and a few of their values otherwise (`onrequest`).
        let dtd_link = match (ns, a.namespace()) {
            ("", None) => crate::ead::frag::dtd_link_name(src.tag_name().name(), a.name()),
            _ => None,
        };
        if let Some(x) = dtd_link {
            let name = format!("xlink:{x}");
            let value = crate::ead::frag::dtd_link_value(x, a.value());
            return el
                .attrs
                .iter()
                .any(|(k, v)| *k == name && same_text(v, &value));
        }
        // The writer's name for it, as a prefix and the local name (compared in place:
        // this is asked for every attribute of every element a reader maps).
        let prefix = match a.namespace() {
            None => "",
            Some(XML_NS) => "xml:",
            // EAD 2002's links: the writers spell XLink attributes with `xlink:`.
            Some(XLINK_NS) => "xlink:",
            Some(_) => return false,
        };
        // Lengths first: most of the writer's attributes are told apart without comparing
        // their names' bytes.
        let name = a.name();
        let len = prefix.len() + name.len();
        el.attrs.iter().any(|(k, v)| {
            k.len() == len
                && same_bytes(&k.as_bytes()[prefix.len()..], name.as_bytes())
                && same_bytes(&k.as_bytes()[..prefix.len()], prefix.as_bytes())
                && same_text(v, a.value())
        })
    })
}

/// One comparable child: an element, or a run of text (adjacent text merged).
enum Item<'s, 'e> {
    Src(Node<'s, 's>),
    Out(&'e OutNode),
    Text(String),
}

fn same_children(src: Node, kids: &[OutNode], ns: &str, depth: Depth) -> bool {
    if let Some(same) = same_text_only(src, kids) {
        return same;
    }
    let mut left: Vec<Item> = Vec::new();
    for c in src.children() {
        if c.is_element() {
            left.push(Item::Src(c));
        } else if c.is_text() {
            push_text(&mut left, c.text().unwrap_or(""));
        } else {
            // A comment or processing instruction: the model holds neither.
            return false;
        }
    }
    let mut right: Vec<Item> = Vec::new();
    for k in kids {
        match k {
            OutNode::Text(t) => push_text(&mut right, t),
            OutNode::El(_) | OutNode::Raw(_) => right.push(Item::Out(k)),
        }
    }
    let left: Vec<Item> = left.into_iter().filter(not_blank).collect();
    let right: Vec<Item> = right.into_iter().filter(not_blank).collect();
    left.len() == right.len()
        && left.iter().zip(&right).all(|(a, b)| match (a, b) {
            (Item::Text(x), Item::Text(y)) => same_text(x, y),
            (Item::Src(s), Item::Out(OutNode::El(e))) => match depth {
                Depth::Deep => same_element(*s, e, ns, depth),
                Depth::Shallow => in_ns(*s, ns) && s.tag_name().name() == e.name,
            },
            // Verbatim source kept by the reader.
            (Item::Src(s), Item::Out(OutNode::Raw(r))) => *r == super::serialize_node(*s),
            _ => false,
        })
}

/// The usual case answered without gathering the children: at most one text on each side
/// and nothing else. `None` for any other content.
fn same_text_only(src: Node, kids: &[OutNode]) -> Option<bool> {
    let mut texts = src.children();
    let left = match (texts.next(), texts.next()) {
        (None, _) => "",
        (Some(t), None) if t.is_text() => t.text().unwrap_or(""),
        _ => return None,
    };
    let right = match kids {
        [] => "",
        [OutNode::Text(t)] => t.as_str(),
        _ => return None,
    };
    Some(same_text(left, right))
}

fn push_text<'s, 'e>(items: &mut Vec<Item<'s, 'e>>, t: &str) {
    match items.last_mut() {
        Some(Item::Text(s)) => s.push_str(t),
        _ => items.push(Item::Text(t.to_string())),
    }
}

fn not_blank(i: &Item) -> bool {
    !matches!(i, Item::Text(t) if t.trim().is_empty())
}

/// Equal apart from runs of white space.
fn same_text(a: &str, b: &str) -> bool {
    // Equal as written is the usual answer, and cheaper than comparing word by word.
    same_bytes(a.as_bytes(), b.as_bytes()) || a.split_whitespace().eq(b.split_whitespace())
}

/// `a == b`, with names and values of up to 16 bytes (most of what a reader checks)
/// compared in place: the library call `==` makes cost more than the comparison, and
/// was a twentieth of reading a large finding aid.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    // Two overlapping loads from each end cover every length in a range.
    let at = |s: &[u8], i: usize, w: usize| -> u64 {
        let mut x = [0u8; 8];
        x[..w].copy_from_slice(&s[i..i + w]);
        u64::from_le_bytes(x)
    };
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=7 => at(a, 0, 4) == at(b, 0, 4) && at(a, n - 4, 4) == at(b, n - 4, 4),
        8..=16 => at(a, 0, 8) == at(b, 0, 8) && at(a, n - 8, 8) == at(b, n - 8, 8),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse;

    const NS: &str = "urn:x";

    #[test]
    fn same_bytes_is_equality_at_every_length() {
        let base: Vec<u8> = (0..40u8).map(|i| b'a' + i % 26).collect();
        for n in 0..=40 {
            let a = &base[..n];
            assert!(same_bytes(a, a));
            for i in 0..n {
                let mut b = a.to_vec();
                b[i] ^= 1;
                assert!(!same_bytes(a, &b), "length {n}, byte {i}");
            }
            assert!(!same_bytes(a, &base[..n.saturating_sub(1)]) || n == 0);
        }
    }

    fn check(src: &str, el: &El, depth: Depth) -> bool {
        let doc = parse(src).unwrap();
        same_element(doc.root_element(), el, NS, depth)
    }

    #[test]
    fn equal_apart_from_white_space() {
        let el = El::new("a")
            .attr("type", "main")
            .child(El::text("b", "one  two"));
        assert!(check(
            r#"<a xmlns="urn:x" type=" main"> <b>one
two</b> </a>"#,
            &el,
            Depth::Deep
        ));
    }

    #[test]
    fn differences_are_found() {
        let el = El::new("a")
            .attr("type", "main")
            .child(El::text("b", "one"));
        let cases = [
            r#"<a xmlns="urn:x"><b>one</b></a>"#,
            r#"<a xmlns="urn:x" type="sub"><b>one</b></a>"#,
            r#"<a xmlns="urn:x" type="main" n="1"><b>one</b></a>"#,
            r#"<a xmlns="urn:x" type="main"><c>one</c></a>"#,
            r#"<a xmlns="urn:x" type="main"><b>one</b><b/></a>"#,
            r#"<a xmlns="urn:x" type="main"><b>one two</b></a>"#,
            r#"<a xmlns="urn:x" type="main"><b>one<!-- c --></b></a>"#,
            r#"<a xmlns="urn:y" type="main"><b>one</b></a>"#,
            r#"<a xmlns="urn:x" type="main">x<b>one</b></a>"#,
        ];
        for c in cases {
            assert!(!check(c, &el, Depth::Deep), "{c}");
        }
    }

    #[test]
    fn shallow_compares_child_names_only() {
        let el = El::new("a").child(El::new("b"));
        assert!(check(
            r#"<a xmlns="urn:x"><b n="1">x</b></a>"#,
            &el,
            Depth::Shallow
        ));
        assert!(!check(
            r#"<a xmlns="urn:x"><b n="1">x</b></a>"#,
            &el,
            Depth::Deep
        ));
    }

    #[test]
    fn xml_attributes_keep_their_prefix() {
        let el = El::new("a").attr("xml:lang", "en");
        assert!(check(
            r#"<a xmlns="urn:x" xml:lang="en"/>"#,
            &el,
            Depth::Deep
        ));
        let el = El::new("a").attr("lang", "en");
        assert!(!check(
            r#"<a xmlns="urn:x" xml:lang="en"/>"#,
            &el,
            Depth::Deep
        ));
    }
}
