//! Fragments read from one EAD version, written into the other.
//!
//! EAD 2002 → EAD3 follows the EAD3 tag library ([`tables`]): elements and attributes
//! renamed, `@type` to `@localtype` (or the element's own type attribute), XLink to
//! EAD3's link attributes with their values as written, names into `part`, `daogrp` to
//! `daoset`, `descgrp` unwrapped, blocks out of paragraphs. What it writes is checked
//! against EAD3's own content tables ([`ead3_content`], generated from `ead3.rng`): an
//! attribute EAD3 refuses is ledgered with its value, an element EAD3 has no place for
//! is unwrapped (its text stays) or, where text cannot stand, ledgered with its text. So
//! the output is EAD3 whatever the input was, valid EAD 2002 or not.

// Generated with a binary-search `content`, which crosswalk leaves for [`lookup`].
#[allow(dead_code)]
mod ead2002_content;
pub(super) mod ead3_content;
mod header;
pub(super) mod tables;

use ead3_content::Content;

use super::write::Version;
use crate::format::{Format, XLINK_NS, XML_NS};
use crate::ledger::{Ledger, LossKind};
use crate::model::Unmapped;
use crate::xml::{parse, text_of, El, Node, OutNode as Out};

/// An EAD3 element's content, by name.
pub(super) fn content(name: &str) -> Option<&'static Content> {
    lookup(&EAD3, ead3_content::ELEMENTS, name)
}

/// True when version `v`'s `element` may hold a `child` element (by its schema); true for
/// an element the tables do not know.
pub(crate) fn holds(v: Version, element: &str, child: &str) -> bool {
    let c = match v {
        Version::Ead3 => content(element),
        Version::Ead2002 => lookup(&EAD2002, ead2002_content::ELEMENTS, element),
    };
    c.is_none_or(|c| c.holds(child))
}

/// True when version `v`'s `element` takes an attribute `attr` (by its schema).
pub(crate) fn accepts(v: Version, element: &str, attr: &str) -> bool {
    let c = match v {
        Version::Ead3 => content(element),
        Version::Ead2002 => lookup(&EAD2002, ead2002_content::ELEMENTS, element),
    };
    c.is_some_and(|c| c.attributes.iter().any(|(a, _)| *a == attr))
}

type ByName = std::collections::HashMap<&'static str, &'static Content, Fnv>;

static EAD3: std::sync::OnceLock<ByName> = std::sync::OnceLock::new();
static EAD2002: std::sync::OnceLock<ByName> = std::sync::OnceLock::new();

/// A content table by name: asked several times for every node migrated, where a binary
/// search of the names was a tenth of a large migration's time.
fn lookup(
    map: &'static std::sync::OnceLock<ByName>,
    table: &'static [Content],
    name: &str,
) -> Option<&'static Content> {
    map.get_or_init(|| table.iter().map(|c| (c.name, c)).collect())
        .get(name)
        .copied()
}

/// FNV-1a: element names are a few bytes, for which SipHash's set-up costs more than the
/// hashing; the keys are the schemas' own names, not input.
#[derive(Default, Clone, Copy)]
struct Fnv;

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl Content {
    /// May the element hold a `name` child? The generated lists are sorted (checked in
    /// the tests below), so this is a binary search: it is asked for every node migrated.
    pub fn holds(&self, name: &str) -> bool {
        self.children.binary_search(&name).is_ok()
    }
}

/// One fragment's migration: where it came from, for the ledger.
pub(super) struct Mig<'l> {
    pub ledger: &'l mut Ledger,
    pub path: String,
    pub line: Option<u32>,
    pub format: Format,
    /// Digital objects, containers and unit dates EAD3 allows only in `did`, found where
    /// EAD 2002 allowed them elsewhere: the restoring walk moves them to the level's did.
    pub strays: Vec<El>,
    /// The words next to the node being fitted (see [`Mig::settle`]).
    pub touching: String,
}

/// What EAD3 holds only in `did` (or `daoset`), never dropped where it stood.
const DID_ONLY: &[&str] = &[
    "dao",
    "daoset",
    "container",
    "unitdate",
    "unitdatestructured",
    // The other parts of did, which exports put straight in a level now and then.
    "unittitle",
    "unitid",
    "origination",
    "repository",
    "physdesc",
    "physdescstructured",
    "physdescset",
    "physloc",
    // (Not langmaterial: EAD3's holds language elements, which only the did's own
    // conversion makes from EAD 2002's text.)
    "materialspec",
    "abstract",
];

impl Mig<'_> {
    /// The content table of the version being written.
    pub fn model(&self, name: &str) -> Option<&'static Content> {
        match self.format {
            Format::Ead3 => content(name),
            _ => lookup(&EAD2002, ead2002_content::ELEMENTS, name),
        }
    }

    /// The version being written, for messages.
    pub fn label(&self) -> &'static str {
        match self.format {
            Format::Ead3 => "EAD3",
            _ => "EAD 2002",
        }
    }

    pub fn loss(&mut self, kind: LossKind, reason: impl Into<String>, text: &str) {
        self.ledger.push(kind, "unmapped", self.format, reason);
        self.ledger.with_text(text).at(Some(&self.path), self.line);
    }
}

/// A fragment written into version `v`, under the element `parent` of the output.
pub(super) fn fragment(
    parent: &str,
    u: &Unmapped,
    v: Version,
    ledger: &mut Ledger,
    strays: &mut Vec<El>,
) -> Vec<Out> {
    let mut m = Mig {
        ledger,
        path: u.path.clone(),
        line: u.line,
        format: v.format(),
        strays: Vec::new(),
        touching: String::new(),
    };
    if !u.xml.starts_with('<') {
        // Text a container held (not valid in either version): kept, as a paragraph
        // where one may stand.
        return m.text_into(parent, &u.xml);
    }
    if u.xml.starts_with("<!--") || u.xml.starts_with("<?") {
        return vec![Out::Raw(u.xml.clone())];
    }
    let Ok(doc) = parse(&u.xml) else {
        m.loss(
            LossKind::Dropped,
            "a kept fragment that does not parse",
            &crate::xml::text_runs(&u.xml),
        );
        return Vec::new();
    };
    let root = doc.root_element();
    let out = match v {
        Version::Ead3 => {
            let out = m.to3(root, parent);
            m.settle(out, parent)
        }
        Version::Ead2002 => super::migrate_back::fragment(&mut m, root, parent),
    };
    strays.append(&mut m.strays);
    out
}

/// The EAD 2002 header as EAD3 `control`, with what `frontmatter` has a place for there.
pub(super) fn control(u: &Unmapped, front: Option<&Unmapped>, ledger: &mut Ledger) -> Vec<Out> {
    let mut m = Mig {
        ledger,
        path: u.path.clone(),
        line: u.line,
        format: Format::Ead3,
        strays: Vec::new(),
        touching: String::new(),
    };
    let (Ok(doc), front_doc) = (parse(&u.xml), front.map(|f| parse(&f.xml))) else {
        return fragment("ead", u, Version::Ead3, m.ledger, &mut Vec::new());
    };
    let front_node = match &front_doc {
        Some(Ok(d)) => Some(d.root_element()),
        _ => None,
    };
    let front_at = front.map(|f| (f.path.clone(), f.line));
    let c = header::control_from_2002(&mut m, doc.root_element(), front_node, front_at);
    vec![Out::El(c)]
}

/// Attribute fragments of a container (`archdesc/@type`), into version `v`.
pub(super) fn attributes(
    element: &str,
    pairs: Vec<(String, String)>,
    u: &Unmapped,
    v: Version,
    ledger: &mut Ledger,
) -> Vec<(crate::xml::Name, String)> {
    let mut m = Mig {
        ledger,
        path: u.path.clone(),
        line: u.line,
        format: v.format(),
        strays: Vec::new(),
        touching: String::new(),
    };
    match v {
        Version::Ead3 => {
            let mut out = Vec::new();
            for (k, val) in pairs {
                if k.starts_with("xmlns") {
                    continue;
                }
                let (ns, local) = match k.split_once(':') {
                    Some(("xlink", l)) => (Some(XLINK_NS), l.to_string()),
                    Some(("xml", l)) => (Some(XML_NS), l.to_string()),
                    Some((_, l)) => (Some(""), l.to_string()),
                    None => (None, k.clone()),
                };
                m.attr3(element, element, ns, &local, &val, &mut out);
            }
            out
        }
        Version::Ead2002 => super::migrate_back::attributes(&mut m, element, pairs),
    }
}

/// The words of the text beside `n` that touch it (no white space between): the last word
/// before it and the first after it.
fn touching(n: Node) -> String {
    let text = |t: Option<Node<'_, '_>>| {
        t.filter(|t| t.is_text())
            .and_then(|t| t.text())
            .unwrap_or("")
            .to_string()
    };
    let (before, after) = (
        text(n.prev_siblings().next()),
        text(n.next_siblings().next()),
    );
    let last = match before.ends_with(char::is_whitespace) {
        true => "",
        false => before.split_whitespace().last().unwrap_or(""),
    };
    let first = match after.starts_with(char::is_whitespace) {
        true => "",
        false => after.split_whitespace().next().unwrap_or(""),
    };
    format!("{last} {first}").trim().to_string()
}

/// A piece of converted content: a node for the element being built, or a block that
/// has to move out to an enclosing one.
pub(super) enum Piece {
    Node(Out),
    Out(El),
}

impl Mig<'_> {
    /// Text where `parent` may or may not hold text.
    fn text_into(&mut self, parent: &str, text: &str) -> Vec<Out> {
        let t = text.to_string();
        let label = self.label();
        match self.model(parent) {
            Some(c) if c.text => vec![Out::Text(t)],
            Some(c) if t.trim().is_empty() => {
                let _ = c;
                Vec::new()
            }
            Some(c) if c.holds("p") => vec![Out::El(El::text("p", &t))],
            // An address written as text (EAD 2002 wanted lines too): one line.
            Some(c) if c.holds("addressline") => {
                self.loss(
                    LossKind::Supplied,
                    format!("{label} {parent} holds no text: wrote it as an addressline"),
                    "",
                );
                vec![Out::El(El::text("addressline", &t))]
            }
            // Text beside the names of an origination or repository: a name of its own.
            Some(c) if c.holds("name") => match self.format {
                Format::Ead3 => vec![Out::El(El::new("name").child(El::text("part", &t)))],
                _ => vec![Out::El(El::text("name", &t))],
            },
            _ => {
                if !t.trim().is_empty() {
                    self.loss(
                        LossKind::Dropped,
                        format!("text where {label} {parent} holds no text"),
                        &t,
                    );
                }
                Vec::new()
            }
        }
    }

    /// Makes `nodes` fit under `parent`: what EAD3 does not allow there is unwrapped
    /// (its content fitted in turn), text where no text may stand wrapped in `p` or
    /// ledgered.
    pub(super) fn settle(&mut self, nodes: Vec<Piece>, parent: &str) -> Vec<Out> {
        let nodes: Vec<Out> = nodes
            .into_iter()
            .map(|p| match p {
                Piece::Node(n) => n,
                Piece::Out(e) => Out::El(e),
            })
            .collect();
        // The words touching an element that may be unwrapped: they may run into its
        // own, so the ledger gives them with it. Found for every node first, so that the
        // nodes are then moved into place rather than cloned (a deep copy of each).
        let touching: Vec<String> = (0..nodes.len())
            .map(|i| {
                let before = match i.checked_sub(1).map(|j| &nodes[j]) {
                    Some(Out::Text(t)) if !t.ends_with(char::is_whitespace) => {
                        t.split_whitespace().last().unwrap_or("")
                    }
                    _ => "",
                };
                let after = match nodes.get(i + 1) {
                    Some(Out::Text(t)) if !t.starts_with(char::is_whitespace) => {
                        t.split_whitespace().next().unwrap_or("")
                    }
                    _ => "",
                };
                format!("{before} {after}")
            })
            .collect();
        let mut out = Vec::with_capacity(nodes.len());
        for (node, touching) in nodes.into_iter().zip(touching) {
            self.touching = touching;
            self.fit(node, parent, &mut out);
        }
        out
    }

    /// True for a level of description: `archdesc` or a component.
    fn is_level(&self, name: &str) -> bool {
        name == "archdesc" || crate::ead::is_component(name)
    }

    /// True when the target's `odd` may hold a `name` child.
    fn odd_holds(&self, name: &str) -> bool {
        self.model("odd").is_some_and(|c| c.holds(name))
    }

    fn fit(&mut self, n: Out, parent: &str, out: &mut Vec<Out>) {
        let allowed = self.model(parent);
        let label = self.label();
        match n {
            Out::Text(t) => out.extend(self.text_into(parent, &t)),
            Out::Raw(r) => out.push(Out::Raw(r)),
            Out::El(e) => {
                let ok = allowed.is_none_or(|c| c.holds(&e.name));
                if ok {
                    out.push(Out::El(e));
                } else if DID_ONLY.contains(&&*e.name) && self.format == Format::Ead3 {
                    self.loss(
                        LossKind::Flattened,
                        format!(
                            "EAD3 has no <{}> in <{parent}>: moved to the level's did",
                            e.name
                        ),
                        "",
                    );
                    self.strays.push(e);
                } else if self.is_level(parent) && self.odd_holds(&e.name) {
                    // A paragraph, list or table straight in a level (a 2002 dsc nested
                    // in a component, unwrapped): kept as other descriptive data.
                    self.loss(
                        LossKind::Flattened,
                        format!("{label} has no <{}> in <{parent}>: put in an <odd>", e.name),
                        "",
                    );
                    // Blocks in a row share one (a heading made a paragraph, then text).
                    match out.last_mut() {
                        Some(Out::El(o)) if o.name == "odd" => o.push(e),
                        _ => out.push(Out::El(El::new("odd").child(e))),
                    }
                } else {
                    // Its attribute values go to the ledger (an HTML link's href), its
                    // words too: unwrapped, they may run into the words beside them.
                    let values: Vec<&str> = e.attrs.iter().map(|(_, v)| v.as_str()).collect();
                    self.loss(
                        LossKind::Flattened,
                        format!(
                            "{label} has no <{}> in <{parent}>: its content is kept without it",
                            e.name
                        ),
                        format!("{} {} {}", plain(&e), self.touching, values.join(" ")).trim(),
                    );
                    // Fields and blocks unwrapped into text stay apart from the words
                    // beside them (`<extent>3 prints</extent><physfacet>albumen` is not
                    // "printsalbumen"); phrase elements (emph, a name) run on as written.
                    let apart = tables::SEPARATE.contains(&&*e.name);
                    if apart {
                        self.fit(Out::Text(" ".into()), parent, out);
                    }
                    let paragraphs = allowed.is_some_and(|c| c.holds("p"))
                        || (self.is_level(parent) && self.odd_holds("p"));
                    for k in e.kids {
                        match k {
                            // A heading inside what is unwrapped is a heading no more.
                            Out::El(mut h) if h.name == "head" && paragraphs => {
                                h.name = "p".into();
                                self.fit(Out::El(h), parent, out);
                            }
                            k => self.fit(k, parent, out),
                        }
                    }
                    if apart {
                        self.fit(Out::Text(" ".into()), parent, out);
                    }
                }
            }
        }
    }

    /// An EAD 2002 element as EAD3, to go under `parent`.
    fn to3(&mut self, n: Node, parent: &str) -> Vec<Piece> {
        if n.is_text() {
            return vec![Piece::Node(Out::Text(n.text().unwrap_or("").to_string()))];
        }
        if !n.is_element() {
            return vec![Piece::Node(Out::Raw(crate::xml::serialize_node(n)))];
        }
        let name2 = n.tag_name().name();
        if n.tag_name()
            .namespace()
            .is_some_and(|ns| ns != crate::format::EAD2002_NS)
        {
            // Foreign content (no EAD 2002 element has any): kept as written.
            return vec![Piece::Node(Out::Raw(crate::xml::serialize_node(n)))];
        }
        match name2 {
            "descgrp" => return self.descgrp(n, parent),
            "daogrp" => return self.daogrp(n, parent),
            "langmaterial" if parent == "did" => return vec![Piece::Node(self.langmaterial(n))],
            "eadheader" => {
                return vec![Piece::Node(Out::El(header::control_from_2002(
                    self, n, None, None,
                )))]
            }
            "frontmatter" | "runner" | "arc" => {
                self.loss(
                    LossKind::Dropped,
                    format!("EAD3 has no {name2}"),
                    &crate::xml::text_runs(&crate::xml::serialize_node(n)),
                );
                return Vec::new();
            }
            "origination" | "repository"
                if parent == "did" && n.children().all(|k| !k.is_element()) =>
            {
                // Text alone, which EAD 2002 allowed: EAD3 holds it as a name.
                let mut el = El::new(name2.to_string());
                let mut attrs = Vec::new();
                for a in n.attributes() {
                    self.attr3(name2, name2, a.namespace(), a.name(), a.value(), &mut attrs);
                }
                el.attrs = attrs;
                let part = El::text("part", &text_of(n));
                return vec![Piece::Node(Out::El(el.child(El::new("name").child(part))))];
            }
            "linkgrp" | "ptrgrp" if parent != "indexentry" => {
                return self.kids3(n, parent);
            }
            _ => {}
        }
        let name3 = match name2 {
            "note" => tables::note3(parent),
            "date" if parent == "chronitem" => "datesingle",
            _ => tables::renamed(name2),
        };
        let Some(c) = content(name3) else {
            // Removed from EAD3 with no successor: its content stays where it stood.
            // The words it touches go with it (unwrapped, they may run into its own), and
            // its attribute values (an HTML link's href).
            let values: Vec<&str> = n.attributes().map(|a| a.value()).collect();
            self.loss(
                LossKind::Flattened,
                format!("EAD3 has no <{name2}>: its content is kept without it"),
                format!("{} {} {}", text_of(n), touching(n), values.join(" ")).trim(),
            );
            let mut kids = self.kids3(n, parent);
            if tables::STATEMENTS.contains(&name2) {
                // Separate statements of a physical description stay apart in its text.
                kids.insert(0, Piece::Node(Out::Text(" ".into())));
                kids.push(Piece::Node(Out::Text(" ".into())));
            }
            return kids;
        };
        let mut el = El::new(name3.to_string());
        let mut attrs = Vec::new();
        for a in n.attributes() {
            self.attr3(name2, name3, a.namespace(), a.name(), a.value(), &mut attrs);
        }
        el.attrs = attrs;
        self.required3(&mut el, n);
        // A name's content goes into its part.
        let inner = if tables::NAMES.contains(&name3) {
            "part"
        } else {
            name3
        };
        let kids = self.kids3(n, inner);
        let mut pieces = Vec::new();
        let mut cur = el;
        let mut kept: Vec<Piece> = Vec::new();
        for k in kids {
            let outer = content(parent);
            let block = match k {
                Piece::Out(b) if !c.holds(&b.name) => b,
                Piece::Node(Out::El(e))
                    if tables::BLOCKS.contains(&&*e.name) && !c.holds(&e.name) =>
                {
                    e
                }
                other => {
                    kept.push(other);
                    continue;
                }
            };
            if !outer.is_some_and(|o| o.holds(&block.name)) {
                // Nowhere to move it to: its words stay here as text.
                self.loss(
                    LossKind::Flattened,
                    format!(
                        "EAD3 has no <{}> in <{name3}> nor in <{parent}>: kept as its text",
                        block.name
                    ),
                    "",
                );
                kept.push(Piece::Node(Out::Text(format!(" {} ", plain(&block)))));
                continue;
            }
            // A block EAD3 does not allow here moves out: this element is split around
            // it (the part after it keeps no @id, ids being unique).
            if !kept.is_empty() {
                let next = El {
                    attrs: cur
                        .attrs
                        .iter()
                        .filter(|(k, _)| k != "id")
                        .cloned()
                        .collect(),
                    ..El::new(name3.to_string())
                };
                let mut done = std::mem::replace(&mut cur, next);
                done.kids = self.settle(std::mem::take(&mut kept), inner);
                pieces.push(Piece::Node(Out::El(self.finish3(done))));
            }
            self.loss(
                LossKind::Flattened,
                format!(
                    "EAD3 has no <{}> in <{name3}>: moved out after the text before it",
                    block.name
                ),
                "",
            );
            pieces.push(Piece::Out(block));
        }
        if !kept.is_empty() || pieces.is_empty() {
            cur.kids = self.settle(kept, inner);
            pieces.push(Piece::Node(Out::El(self.finish3(cur))));
        }
        pieces
    }

    /// The children of `n`, converted to go under `parent`.
    fn kids3(&mut self, n: Node, parent: &str) -> Vec<Piece> {
        let mut out = Vec::new();
        for k in n.children() {
            out.extend(self.to3(k, parent));
        }
        out
    }

    /// What an element needs once its content is in: names hold their text in `part`.
    pub(super) fn finish3(&mut self, mut el: El) -> El {
        let ead3 = self.format == Format::Ead3;
        if ead3
            && tables::NAMES.contains(&&*el.name)
            && !el
                .kids
                .iter()
                .any(|k| matches!(k, Out::El(e) if e.name == "part"))
        {
            let kids = std::mem::take(&mut el.kids);
            let mut part = El::new("part");
            part.kids = kids;
            el.kids = vec![Out::El(part)];
            el.mixed = false;
        }
        // EAD3 puts a heading first (EAD 2002 exports sometimes have it later).
        if let Some(i) = el
            .kids
            .iter()
            .position(|k| matches!(k, Out::El(e) if e.name == "head"))
        {
            let before = el.kids[..i]
                .iter()
                .any(|k| matches!(k, Out::El(_) | Out::Raw(_)));
            if before {
                let h = el.kids.remove(i);
                el.kids.insert(0, h);
                self.loss(
                    LossKind::Flattened,
                    format!(
                        "EAD3 wants <head> first in <{}>: moved before the content it followed",
                        el.name
                    ),
                    "",
                );
            }
        }
        if el.name == "list"
            && !el
                .kids
                .iter()
                .any(|k| matches!(k, Out::El(e) if e.name == "item" || e.name == "defitem"))
        {
            el.push(El::new("item"));
            self.loss(
                LossKind::Supplied,
                "EAD3 list needs an item: wrote an empty one",
                "",
            );
        }
        if el.name == "address"
            && !el
                .kids
                .iter()
                .any(|k| matches!(k, Out::El(e) if e.name == "addressline"))
        {
            // An empty address (exports write one for a blank field): both versions
            // want a line.
            el.kids
                .retain(|k| !matches!(k, Out::Text(t) if t.trim().is_empty()));
            el.push(El::new("addressline"));
            self.loss(
                LossKind::Supplied,
                format!("{} address needs a line: wrote an empty one", self.label()),
                "",
            );
        }
        if ead3
            && matches!(&*el.name, "origination" | "repository")
            && !el.kids.iter().any(
                |k| matches!(k, Out::El(e) if matches!(&*e.name, "corpname" | "famname" | "name" | "persname")),
            )
        {
            // First: a repository's address follows its name.
            el.kids.insert(0, Out::El(El::new("name").child(El::new("part"))));
            self.loss(
                LossKind::Supplied,
                format!("EAD3 {} needs a name: wrote an empty one", el.name),
                "",
            );
        }
        // A description element with no content (EAD 2002 let exports write them): EAD3
        // wants a paragraph at least.
        if let Some(c) = self.model(&el.name) {
            let blocks = !c.text && c.holds("p") && el.name != "dsc";
            let has = el
                .kids
                .iter()
                .any(|k| matches!(k, Out::El(e) if e.name != "head") || matches!(k, Out::Raw(r) if r.starts_with('<') && !r.starts_with("<!") && !r.starts_with("<?")));
            if blocks && !has {
                el.push(El::new("p"));
                self.loss(
                    LossKind::Supplied,
                    format!(
                        "{} {} needs content: wrote an empty paragraph",
                        self.label(),
                        el.name
                    ),
                    "",
                );
            }
        }
        if ead3 && el.name == "chronitem" {
            // EAD3 wants a date first and an event: the 2002 chronitem had them.
            let has_date = el.kids.iter().any(
                |k| matches!(k, Out::El(e) if matches!(&*e.name, "datesingle" | "daterange" | "dateset")),
            );
            if !has_date {
                el.kids.insert(0, Out::El(El::new("datesingle")));
                self.loss(
                    LossKind::Supplied,
                    "EAD3 chronitem needs a date: wrote an empty one",
                    "",
                );
            }
        }
        el
    }

    /// Attributes EAD3 requires that EAD 2002 did not have.
    fn required3(&mut self, el: &mut El, _n: Node) {
        if el.name == "dao" && !el.attrs.iter().any(|(k, _)| k == "daotype") {
            el.attrs.push(("daotype".into(), "unknown".into()));
            self.loss(
                LossKind::Supplied,
                "EAD3 dao requires @daotype, which EAD 2002 did not have: wrote 'unknown'",
                "unknown",
            );
        }
    }

    /// One attribute of a 2002 element `name2`, written as EAD3 on `name3` into `out`.
    pub(super) fn attr3(
        &mut self,
        name2: &str,
        name3: &str,
        ns: Option<&str>,
        local: &str,
        value: &str,
        out: &mut Vec<(crate::xml::Name, String)>,
    ) {
        if name3 == "language" && local == "scriptcode" {
            // Written as the script of a languageset or languagedeclaration by the caller.
            return;
        }
        let target: Option<String> = match ns {
            Some(XLINK_NS) => tables::XLINK
                .iter()
                .find(|(x, _)| *x == local)
                .map(|(_, e)| e.to_string()),
            Some(XML_NS) if local == "lang" => Some("lang".into()),
            Some(_) => None,
            None if local == "type" => Some(
                tables::TYPE_ATTRIBUTE
                    .iter()
                    .find(|(e, _)| *e == name2)
                    .map_or(tables::LOCAL_TYPE, |(_, a)| a)
                    .to_string(),
            ),
            None if local == "normal" && name3 == "datesingle" => Some("standarddate".into()),
            None => Some(
                tables::ATTRIBUTES
                    .iter()
                    .find(|(a, _)| *a == local)
                    .map_or(local, |(_, b)| b)
                    .to_string(),
            ),
        };
        let shown = match ns {
            Some(XLINK_NS) => format!("xlink:{local}"),
            _ => local.to_string(),
        };
        let Some(target) = target else {
            self.loss(
                LossKind::Dropped,
                format!("EAD3 has no {shown} on <{name3}>"),
                value,
            );
            return;
        };
        let Some(c) = content(name3) else {
            return;
        };
        let Some((_, values)) = c.attributes.iter().find(|(a, _)| *a == target) else {
            if ns == Some(XLINK_NS) && local == "type" {
                // XLink's link kind is implied by the EAD3 element.
                return;
            }
            self.loss(
                LossKind::Dropped,
                format!("EAD3 has no @{target} on <{name3}> (EAD 2002 @{shown})"),
                value,
            );
            return;
        };
        if target == "entityref" {
            // EAD3 wants a DTD-declared unparsed entity, which a schema-valid file has not.
            self.loss(
                LossKind::Dropped,
                format!(
                    "EAD3 @entityref on <{name3}> names an entity no schema-valid file declares"
                ),
                value,
            );
            return;
        }
        if matches!(target.as_str(), "id" | "parent" | "target")
            && !value.split_whitespace().all(crate::ead::values::is_ncname)
        {
            self.loss(
                LossKind::Dropped,
                format!("EAD3 @{target} on <{name3}> must be an XML name: '{value}' is not"),
                value,
            );
            return;
        }
        if out.iter().any(|(k, _)| *k == target) {
            self.loss(
                LossKind::Dropped,
                format!("@{shown} and another attribute are both EAD3 @{target} on <{name3}>"),
                value,
            );
            return;
        }
        if let Some(ok) = datatype_fits(values, value) {
            if ok {
                out.push((target.into(), value.to_string()));
            } else {
                self.loss(
                    LossKind::Dropped,
                    format!("EAD3 @{target} on <{name3}> does not take '{value}'"),
                    value,
                );
            }
            return;
        }
        let mut v = tables::VALUES
            .iter()
            .find(|(a, from, _)| *a == target && *from == value)
            .map_or_else(|| value.to_string(), |(_, _, to)| to.to_string());
        if !values.is_empty() && !values.contains(&v.as_str()) {
            let lower = v.to_lowercase();
            if values.contains(&lower.as_str()) {
                v = lower;
            } else if let Some((_, other, other_attr)) =
                tables::OTHER_VALUE.iter().find(|(a, _, _)| *a == target)
            {
                out.push((target.clone().into(), other.to_string()));
                out.push((other_attr.to_string().into(), v));
                return;
            } else {
                self.loss(
                    LossKind::Dropped,
                    format!("EAD3 @{target} on <{name3}> does not take '{value}'"),
                    value,
                );
                return;
            }
        }
        out.push((target.into(), v));
    }

    /// `descgrp` is gone from EAD3: its description elements go to the level itself; its
    /// heading and the blocks it held outside them become an `odd` in its place.
    fn descgrp(&mut self, n: Node, parent: &str) -> Vec<Piece> {
        let level = content(parent);
        let mut odd = Vec::new();
        let mut rest = Vec::new();
        for k in n.children() {
            let name = if k.is_element() {
                k.tag_name().name()
            } else {
                ""
            };
            let description = !name.is_empty()
                && name != "head"
                && level.is_some_and(|c| c.holds(tables::renamed(name)));
            if description || name == "descgrp" {
                rest.extend(self.to3(k, parent));
            } else {
                odd.extend(self.to3(k, "odd"));
            }
        }
        let has = odd.iter().any(|p| match p {
            Piece::Node(Out::Text(t)) => !t.trim().is_empty(),
            _ => true,
        });
        let mut out = Vec::new();
        if has {
            let mut el = El::new("odd");
            el.kids = self.settle(odd, "odd");
            self.loss(
                LossKind::Flattened,
                "EAD3 has no descgrp: its heading and loose blocks written as odd, its description elements to the level",
                "",
            );
            out.push(Piece::Node(Out::El(self.finish3(el))));
        }
        out.extend(rest);
        out
    }

    /// `daogrp` → `daoset` of its `daoloc`s (as `dao`), or one `dao` where there is one.
    fn daogrp(&mut self, n: Node, parent: &str) -> Vec<Piece> {
        let mut daos = Vec::new();
        let mut note: Option<El> = None;
        let mut extra = Vec::new();
        for k in n.children().filter(|k| k.is_element()) {
            match k.tag_name().name() {
                "daoloc" => {
                    for p in self.to3(k, "daoset") {
                        if let Piece::Node(Out::El(e)) = p {
                            daos.push(e);
                        }
                    }
                }
                "daodesc" => {
                    for p in self.to3(k, "daoset") {
                        if let Piece::Node(Out::El(e)) = p {
                            note = Some(e);
                        }
                    }
                }
                _ => {
                    // resource, arc: their text joins the set's description.
                    let t = crate::xml::text_of_str(&header::runs(k));
                    if !t.is_empty() {
                        extra.push(t);
                    }
                }
            }
        }
        if !extra.is_empty() {
            let p = El::text("p", &extra.join(" "));
            self.loss(
                LossKind::Flattened,
                "EAD3 daoset has no resource or arc: their text written in its description",
                &extra.join(" "),
            );
            match note.as_mut() {
                Some(nt) => nt.push(p),
                None => note = Some(El::new("descriptivenote").child(p)),
            }
        }
        if daos.len() == 1 {
            let mut d = daos.remove(0);
            if let Some(nt) = note {
                if !d
                    .kids
                    .iter()
                    .any(|k| matches!(k, Out::El(e) if e.name == "descriptivenote"))
                {
                    d.push(nt);
                } else {
                    self.loss(
                        LossKind::Dropped,
                        "a daogrp description with no place",
                        &plain(&nt),
                    );
                }
            }
            return vec![Piece::Node(Out::El(d))];
        }
        if daos.is_empty() {
            if let Some(nt) = note {
                self.loss(LossKind::Dropped, "a daogrp with no daoloc", &plain(&nt));
            }
            return Vec::new();
        }
        let mut set = El::new("daoset");
        for a in n.attributes() {
            let mut attrs = std::mem::take(&mut set.attrs);
            self.attr3(
                "daogrp",
                "daoset",
                a.namespace(),
                a.name(),
                a.value(),
                &mut attrs,
            );
            set.attrs = attrs;
        }
        for d in daos {
            set.push(d);
        }
        if let Some(nt) = note {
            set.push(nt);
        }
        let _ = parent;
        vec![Piece::Node(Out::El(set))]
    }

    /// 2002 `langmaterial` mixes text and `language`; EAD3 holds `language` and
    /// `languageset` only, with the text in a `descriptivenote`.
    fn langmaterial(&mut self, n: Node) -> Out {
        let mut el = El::new("langmaterial");
        for a in n.attributes() {
            let mut attrs = std::mem::take(&mut el.attrs);
            self.attr3(
                "langmaterial",
                "langmaterial",
                a.namespace(),
                a.name(),
                a.value(),
                &mut attrs,
            );
            el.attrs = attrs;
        }
        let mut langs = Vec::new();
        let mut text = El::new("p");
        for k in n.children() {
            if k.is_element() && k.tag_name().name() == "language" {
                for p in self.to3(k, "langmaterial") {
                    if let Piece::Node(Out::El(e)) = p {
                        // EAD3 gives a language's script in a languageset.
                        match k.attribute("scriptcode") {
                            Some(sc) => langs.push(
                                El::new("languageset")
                                    .child(e)
                                    .child(El::new("script").attr("scriptcode", sc)),
                            ),
                            None => langs.push(e),
                        }
                    }
                }
            } else {
                for p in self.to3(k, "p") {
                    if let Piece::Node(x) = p {
                        text.kids.push(x);
                    }
                }
            }
        }
        let has_text = text.kids.iter().any(|k| match k {
            Out::Text(t) => !t.trim().is_empty(),
            _ => true,
        });
        if langs.is_empty() {
            // EAD3 requires a language: the undetermined one, with the text as its note.
            langs.push(El::text("language", "").attr("langcode", "und"));
            self.loss(
                LossKind::Supplied,
                "EAD3 langmaterial requires a language: wrote langcode 'und' (undetermined)",
                "und",
            );
        }
        for l in langs {
            el.push(l);
        }
        if has_text {
            text.kids = self.settle(
                std::mem::take(&mut text.kids)
                    .into_iter()
                    .map(Piece::Node)
                    .collect(),
                "p",
            );
            el.push(El::new("descriptivenote").child(text));
        }
        Out::El(el)
    }
}

/// Whether `v` fits an attribute's datatype, when the content table gives one (`@NMTOKEN`,
/// `@ID`, `@IDREF`, `@IDREFS`, `@DATE` for EAD 2002's pattern of `@normal`); `None` for a
/// closed list of values or any value.
pub(super) fn datatype_fits(values: &[&str], v: &str) -> Option<bool> {
    use crate::ead::values::{date_normal, is_ncname, nmtoken};
    let [t] = values else {
        return None;
    };
    let t = t.strip_prefix('@')?;
    Some(match t {
        "NMTOKEN" => nmtoken(v).as_deref() == Some(v),
        "NMTOKENS" => v
            .split_whitespace()
            .all(|x| nmtoken(x).as_deref() == Some(x)),
        "ID" | "IDREF" | "NCName" => is_ncname(v),
        "IDREFS" => v.split_whitespace().all(is_ncname),
        "DATE" => v
            .split('/')
            .all(|p| date_normal(p).is_some_and(|(n, cut)| n == p && !cut)),
        _ => true,
    })
}

/// The plain text of a written element.
pub(super) fn plain(e: &El) -> String {
    let mut s = String::new();
    fn walk(e: &El, s: &mut String) {
        for k in &e.kids {
            match k {
                Out::Text(t) => {
                    s.push_str(t);
                    s.push(' ');
                }
                Out::El(c) => walk(c, s),
                Out::Raw(r) => {
                    s.push_str(&crate::xml::text_runs(r));
                    s.push(' ');
                }
            }
        }
    }
    walk(e, &mut s);
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn content_tables_are_sorted_for_binary_search() {
        for table in [
            super::ead3_content::ELEMENTS,
            super::ead2002_content::ELEMENTS,
        ] {
            assert!(table.windows(2).all(|p| p[0].name < p[1].name));
            for c in table {
                assert!(c.children.windows(2).all(|p| p[0] < p[1]), "{}", c.name);
            }
        }
    }
}
