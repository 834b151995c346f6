//! Puts the reader's fragments back into the written finding aid: each under the element
//! it was read under, at its position among that element's children. For the version it
//! was read from a fragment goes back verbatim; for the other version it goes through the
//! migration ([`super::migrate`]), which may rename, restructure or ledger it.

use std::collections::{HashMap, HashSet};

/// Maps keyed by element paths and names, with a fast keyed hash (see Cargo.toml).
type Map<K, V> = HashMap<K, V, ahash::RandomState>;
pub(super) type Set<K> = HashSet<K, ahash::RandomState>;

thread_local! {
    /// One random key a thread: making a fresh one for each of the maps a component is
    /// written with was a hundredth of writing a large finding aid.
    static KEYS: ahash::RandomState = ahash::RandomState::new();
}

/// The hasher of a new [`Map`] or [`Set`]: this thread's keys.
pub(super) fn keys() -> ahash::RandomState {
    KEYS.with(Clone::clone)
}

use super::migrate;
use super::write::Version;
use crate::ledger::{Ledger, LossKind};
use crate::model::{plain::fragment_words, Record, Unmapped};
use crate::xml::{
    attribute_pairs, element_position, fragment_name, node_name, El, OutNode as Node,
};

/// Every EAD fragment of a record and its descendants, by the path of its parent.
pub(super) struct Fragments<'a> {
    by_parent: Map<String, Vec<&'a Unmapped>>,
    /// Every path at or above a fragment's parent: the restoring walk goes only there.
    above: Set<String>,
    restored: Set<String>,
}

/// True for a fragment an EAD writer puts back (either version's).
pub(super) fn is_ead(u: &Unmapped) -> bool {
    u.format == "ead" || u.format == "ead3"
}

/// The path of the element a fragment was read under.
pub(super) fn parent_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(p, _)| p)
}

/// True when the fragment is an attribute (`…/@name`).
pub(super) fn is_attribute(u: &Unmapped) -> bool {
    u.path
        .rsplit('/')
        .next()
        .is_some_and(|s| s.starts_with('@'))
}

impl<'a> Fragments<'a> {
    pub(super) fn new(r: &'a Record) -> Fragments<'a> {
        let mut f = Fragments {
            by_parent: Map::with_hasher(keys()),
            above: Set::with_hasher(keys()),
            restored: Set::with_hasher(keys()),
        };
        f.collect(r);
        for list in f.by_parent.values_mut() {
            list.sort_by_key(|u| u.index.unwrap_or(u32::MAX));
        }
        f
    }

    fn collect(&mut self, r: &'a Record) {
        for u in r.unmapped.iter().filter(|u| is_ead(u)) {
            let parent = parent_of(&u.path);
            // Owned copies only for paths not seen yet: most fragments share their
            // parent and ancestors with the one before.
            let mut a = parent;
            while !a.is_empty() && !self.above.contains(a) {
                self.above.insert(a.to_string());
                a = parent_of(a);
            }
            match self.by_parent.get_mut(parent) {
                Some(list) => list.push(u),
                None => {
                    self.by_parent.insert(parent.to_string(), vec![u]);
                }
            }
        }
        for c in &r.children {
            self.collect(c);
        }
    }

    /// Every path at or above a fragment's parent, lent to the writer (see
    /// [`Fragments::give_paths`]).
    pub(super) fn take_paths(&mut self) -> Set<String> {
        std::mem::take(&mut self.above)
    }

    pub(super) fn give_paths(&mut self, above: Set<String>) {
        self.above = above;
    }

    /// The fragments read directly under `path`.
    pub(super) fn at(&self, path: &str) -> &[&'a Unmapped] {
        self.by_parent.get(path).map_or(&[], Vec::as_slice)
    }

    /// Puts every fragment back, walking the written tree from `root`, the element read
    /// at `path` (`ead`, or a component of a streamed finding aid).
    pub(super) fn restore(&mut self, root: &mut El, path: &str, v: Version, ledger: &mut Ledger) {
        self.walk(root, path, v, ledger);
        // What has no written parent is still accounted for.
        let mut lost: Vec<&&Unmapped> = self
            .by_parent
            .iter()
            .filter(|(p, _)| !self.restored.contains(*p))
            .flat_map(|(_, l)| l)
            .collect();
        lost.sort_by_key(|u| (u.line, u.index));
        for u in lost {
            ledger.push(
                LossKind::Dropped,
                "unmapped",
                v.format(),
                format!("{} has no place in the EAD written", u.path),
            );
            ledger.with_text(&fragment_words(u));
            ledger.at(Some(&u.path), u.line);
        }
    }

    fn walk(&mut self, el: &mut El, path: &str, v: Version, ledger: &mut Ledger) {
        if !self.above.contains(path) {
            return;
        }
        if let Some(list) = self.by_parent.get(path) {
            // The EAD 2002 header becomes EAD3's control together with the title page.
            let header = (v == Version::Ead3 && path == "/ead")
                .then(|| {
                    list.iter()
                        .find(|u| u.format == "ead" && fragment_name(&u.xml) == "eadheader")
                })
                .flatten()
                .copied();
            let front = header.and_then(|_| {
                list.iter()
                    .find(|u| u.format == "ead" && fragment_name(&u.xml) == "frontmatter")
                    .copied()
            });
            let mut strays = Vec::new();
            // Fragments that migrate into more or fewer nodes move the later ones.
            let mut shift = 0isize;
            for u in list {
                let same = match v {
                    Version::Ead2002 => u.format == "ead",
                    Version::Ead3 => u.format == "ead3",
                };
                if is_attribute(u) {
                    let pairs = attribute_pairs(&u.xml);
                    let pairs = if same {
                        pairs.into_iter().map(|(k, v)| (k.into(), v)).collect()
                    } else {
                        migrate::attributes(&el.name, pairs, u, v, ledger)
                    };
                    for (k, val) in pairs {
                        if !el.attrs.iter().any(|(n, _)| *n == k) {
                            el.attrs.push((k, val));
                        }
                    }
                    continue;
                }
                if front.is_some_and(|f| std::ptr::eq(f, *u)) {
                    // Gone into control with the header.
                    shift -= 1;
                    continue;
                }
                let nodes = if same {
                    vec![Node::Raw(u.xml.clone())]
                } else if header.is_some_and(|h| std::ptr::eq(h, *u)) {
                    migrate::control(u, front, ledger)
                } else {
                    migrate::fragment(&el.name, u, v, ledger, &mut strays)
                };
                let at = match u.index {
                    Some(i) => element_position(&el.kids, (i as isize + shift).max(0) as usize),
                    None => el.kids.len(),
                };
                shift += nodes.len() as isize - 1;
                for (k, n) in nodes.into_iter().enumerate() {
                    el.kids.insert(at + k, n);
                }
            }
            if !strays.is_empty() {
                place_strays(el, strays, ledger, v, path);
            }
            self.restored.insert(path.to_string());
            if v_changed(list, v) && (el.name == "archdesc" || crate::ead::is_component(&el.name)) {
                did_first(el, ledger, v);
            }
        }
        // The children the walk goes on into: those whose path is at or above a
        // fragment's parent. Their paths are built in one reused buffer and kept only for
        // those, since most written elements have no fragment below them.
        let mut into: Vec<(usize, String)> = Vec::new();
        {
            // Counted once, by name: a dsc of 50,000 components must not count its
            // siblings again for each. An element has few distinct child names, so a
            // list is cheaper than a map (made for every element walked).
            let mut totals: Vec<(&str, usize)> = Vec::new();
            for k in &el.kids {
                count(&mut totals, node_name(k));
            }
            let mut seen: Vec<(&str, usize)> = Vec::with_capacity(totals.len());
            let mut p = String::with_capacity(path.len() + 32);
            for (i, kid) in el.kids.iter().enumerate() {
                let name = node_name(kid);
                if name.is_empty() {
                    continue;
                }
                let k = count(&mut seen, name);
                if let Node::El(_) = kid {
                    use std::fmt::Write;
                    p.clear();
                    if count_of(&totals, name) > 1 {
                        let _ = write!(p, "{path}/{name}[{k}]");
                    } else {
                        let _ = write!(p, "{path}/{name}");
                    }
                    if self.above.contains(p.as_str()) {
                        into.push((i, p.clone()));
                    }
                }
            }
        }
        for (i, p) in into {
            if let Node::El(e) = &mut el.kids[i] {
                self.walk(e, &p, v, ledger);
            }
        }
    }
}

/// Counts one more `name` in `counts`, and gives its count.
fn count<'n>(counts: &mut Vec<(&'n str, usize)>, name: &'n str) -> usize {
    match counts.iter_mut().find(|(n, _)| *n == name) {
        Some((_, k)) => {
            *k += 1;
            *k
        }
        None => {
            counts.push((name, 1));
            1
        }
    }
}

fn count_of(counts: &[(&str, usize)], name: &str) -> usize {
    counts
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(0, |(_, k)| *k)
}

/// True when some of the fragments come from the other version.
fn v_changed(list: &[&Unmapped], v: Version) -> bool {
    let own = match v {
        Version::Ead2002 => "ead",
        Version::Ead3 => "ead3",
    };
    list.iter().any(|u| u.format != own)
}

/// A level's `did` goes first (after a heading), where an export of the other version
/// had it later: both schemas want it there.
fn did_first(el: &mut El, ledger: &mut Ledger, v: Version) {
    let is = |k: &Node, n: &str| node_name(k) == n;
    let Some(at) = el.kids.iter().position(|k| is(k, "did")) else {
        return;
    };
    let first = el
        .kids
        .iter()
        .position(|k| matches!(k, Node::El(_) | Node::Raw(_)) && !is(k, "head"))
        .unwrap_or(at);
    if first < at {
        let d = el.kids.remove(at);
        el.kids.insert(first, d);
        ledger.push(
            LossKind::Flattened,
            "unmapped",
            v.format(),
            format!("<did> moved before what preceded it in <{}>", el.name),
        );
    }
}

/// Digital objects, containers and dates that had to leave where they stood go to the
/// level's `did` (the element itself, when it is one).
fn place_strays(el: &mut El, strays: Vec<El>, ledger: &mut Ledger, v: Version, path: &str) {
    let did = if el.name == "did" {
        Some(el)
    } else {
        el.kids.iter_mut().find_map(|k| match k {
            Node::El(e) if e.name == "did" => Some(e),
            _ => None,
        })
    };
    match did {
        Some(d) => d.kids.extend(strays.into_iter().map(Node::El)),
        None => {
            for s in strays {
                ledger.push(
                    LossKind::Dropped,
                    "unmapped",
                    v.format(),
                    format!("<{}> has no did to go to under {path}", s.name),
                );
                ledger.with_text(&migrate::plain(&s));
            }
        }
    }
}

/// References (`@target`, `@parent`) that name no `@id` of the written finding aid: an
/// id the migration had to leave off, or one the source never had. Both schemas refuse
/// them, so they are ledgered with their value. Verbatim fragments are not touched.
pub(super) fn dangling_references(root: &mut El, v: Version, ledger: &mut Ledger) {
    let mut ids = HashSet::new();
    collect_ids(root, &mut ids);
    fix_references(root, &ids, v, ledger);
}

pub(super) fn collect_ids(el: &El, ids: &mut HashSet<String>) {
    each_id(el, &mut |id| {
        ids.insert(id.to_string());
    });
}

/// Calls `f` with every `@id` written in `el`, verbatim fragments included.
pub(super) fn each_id(el: &El, f: &mut impl FnMut(&str)) {
    for (k, val) in &el.attrs {
        if k == "id" {
            f(val);
        }
    }
    for k in &el.kids {
        match k {
            Node::El(e) => each_id(e, f),
            Node::Raw(r) => {
                // Ids in verbatim fragments: every ` id="…"` of the serialised text.
                for (i, _) in r.match_indices(" id=\"") {
                    let rest = &r[i + 5..];
                    if let Some(end) = rest.find('"') {
                        f(&rest[..end]);
                    }
                }
            }
            Node::Text(_) => {}
        }
    }
}

/// The references (`@target`, `@parent`) of written elements that [`dangling_references`]
/// would check, each id once.
pub(super) fn collect_references(el: &El, refs: &mut HashSet<String>) {
    for (k, val) in &el.attrs {
        if matches!(&**k, "target" | "parent") {
            refs.extend(val.split_whitespace().map(str::to_string));
        }
    }
    for k in &el.kids {
        if let Node::El(e) = k {
            collect_references(e, refs);
        }
    }
}

fn fix_references(el: &mut El, ids: &HashSet<String>, v: Version, ledger: &mut Ledger) {
    // Borrowed, not cloned: the closure takes the name field apart from attrs, and
    // almost no element has a reference to drop.
    let name = &el.name;
    el.attrs.retain(|(k, val)| {
        let refs = matches!(&**k, "target" | "parent");
        if !refs || val.split_whitespace().all(|r| ids.contains(r)) {
            return true;
        }
        ledger.push(
            LossKind::Dropped,
            "unmapped",
            v.format(),
            format!("@{k} on <{name}> names no id of the finding aid written"),
        );
        ledger.with_text(val);
        false
    });
    for k in &mut el.kids {
        if let Node::El(e) = k {
            fix_references(e, ids, v, ledger);
        }
    }
}
