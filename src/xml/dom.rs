//! Parsing for readers: the compact tree of `tree.rs`, which borrows the input and keeps
//! byte offsets that `pos_of` turns into line and column.

use super::tree::{Document, Limits, Node, NodeType};

use crate::error::{Error, ErrorKind, Pos, Result};

/// A parsed document.
pub type Doc<'a> = Document<'a>;

/// Parses XML text. DTDs are allowed (EAD 2002 files carry them) but no external entity
/// is ever fetched; nesting depth, node count and entity expansion are bounded so hostile
/// input cannot exhaust the stack or memory.
pub fn parse(text: &str) -> Result<Doc<'_>> {
    parse_threads(text, 1)
}

/// [`parse`] on up to `threads` threads for a large text (see `tree/split.rs`).
pub fn parse_threads(text: &str, threads: usize) -> Result<Doc<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let limits = Limits {
        max_depth: MAX_DEPTH,
        ..Limits::default()
    };
    Document::parse_threads(text, limits, threads).map_err(|e| {
        let deep = e.message.starts_with("elements nested deeper");
        // A reference to an external entity is well-formed; it is the reading that stops.
        let external = e.message.contains("crosswalk never fetches");
        let (kind, message) = if deep {
            (ErrorKind::Unmappable, e.message)
        } else if external {
            (ErrorKind::Syntax, format!("cannot be read: {}", e.message))
        } else {
            (
                ErrorKind::Syntax,
                format!("not well-formed XML: {}", e.message),
            )
        };
        Error::at(kind, Pos::from_offset(text, e.offset), message)
    })
}

/// Deepest element nesting a reader accepts. Real records stay far below it (the corpora
/// peak near 30); the bound keeps the recursive mappers' stack use small.
pub const MAX_DEPTH: usize = 256;

/// The offsets of line starts in a document, so that positions are found by binary
/// search rather than by rescanning the text from its start for every node.
pub struct LineIndex {
    key: (usize, usize),
    starts: std::sync::Arc<[usize]>,
    /// Paths of elements already named, by node id, so siblings share their parent's.
    paths: std::collections::HashMap<usize, String, ahash::RandomState>,
    /// For the children of parents with many element children: each child's number among
    /// its same-named siblings and how many of them there are, counted in one pass per
    /// parent, since counting each child's earlier siblings is quadratic (a `dsc` of
    /// thousands of components).
    ordinals: std::collections::HashMap<usize, (u32, u32), ahash::RandomState>,
    /// Parents whose children are in `ordinals`.
    counted: std::collections::HashSet<usize, ahash::RandomState>,
}

thread_local! {
    static LINES: std::cell::RefCell<Option<LineIndex>> = const { std::cell::RefCell::new(None) };
}

/// Keeps a line index of `doc` for [`pos_of`] while the guard lives. Readers take one for
/// the length of a read.
pub fn index_lines(doc: &Doc) -> LineGuard {
    let text = doc.input_text();
    let mut starts = vec![0];
    starts.extend(memchr_newlines(text.as_bytes()));
    index_lines_from(doc, starts.into())
}

/// The line starts of the index this thread keeps, for another thread reading the same
/// document ([`index_lines_from`]) instead of scanning it again.
pub fn line_starts() -> Option<std::sync::Arc<[usize]>> {
    LINES.with(|l| l.borrow().as_ref().map(|i| i.starts.clone()))
}

/// [`index_lines`] with the line starts already found (by [`line_starts`]).
pub fn index_lines_from(doc: &Doc, starts: std::sync::Arc<[usize]>) -> LineGuard {
    let text = doc.input_text();
    LINES.with(|l| {
        *l.borrow_mut() = Some(LineIndex {
            key: (text.as_ptr() as usize, text.len()),
            starts,
            paths: Default::default(),
            ordinals: Default::default(),
            counted: Default::default(),
        })
    });
    LineGuard
}

fn memchr_newlines(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    // memchr's vectorised search: a byte-by-byte filter took 18 ms of a 20 MB file, on the
    // path every streamed finding aid waits for.
    memchr::memchr_iter(b'\n', b).map(|i| i + 1)
}

/// Forgets the element paths named so far once there are more than `keep` (the sibling
/// counts stay): a reader that takes a large document one part at a time holds a bounded
/// number, and keeps the ones the next part is likely to ask for again (its ancestors').
pub fn forget_paths(keep: usize) {
    LINES.with(|l| {
        if let Some(i) = l.borrow_mut().as_mut().filter(|i| i.paths.len() > keep) {
            i.paths.clear();
        }
    });
}

/// Drops the line index when a read ends.
pub struct LineGuard;

impl Drop for LineGuard {
    fn drop(&mut self) {
        LINES.with(|l| *l.borrow_mut() = None);
    }
}

/// Line and column of a node's start.
pub fn pos_of(node: Node) -> Pos {
    let text = node.document().input_text();
    let offset = node.range().start;
    let key = (text.as_ptr() as usize, text.len());
    let indexed = LINES.with(|l| {
        let l = l.borrow();
        let idx = l.as_ref().filter(|i| i.key == key)?;
        let line = idx.starts.partition_point(|&s| s <= offset);
        let start = idx.starts[line - 1];
        let column = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        Some(Pos {
            line: line as u32,
            column: column as u32,
        })
    });
    indexed.unwrap_or_else(|| Pos::from_offset(text, offset))
}

/// The line of a node's start: [`pos_of`] without the column, which costs a count of
/// the characters before the node on its line (quadratic on a file of long lines).
pub fn line_of(node: Node) -> u32 {
    let text = node.document().input_text();
    let offset = node.range().start;
    let key = (text.as_ptr() as usize, text.len());
    let indexed = LINES.with(|l| {
        let l = l.borrow();
        let idx = l.as_ref().filter(|i| i.key == key)?;
        Some(idx.starts.partition_point(|&s| s <= offset) as u32)
    });
    indexed.unwrap_or_else(|| Pos::from_offset(text, offset).line)
}

/// Parents with more element children than this have their children's numbers counted
/// once for all (see [`LineIndex::ordinals`]); for fewer, walking the siblings is cheaper
/// than the table.
const MANY_CHILDREN: usize = 16;

/// A node's number among its same-named element siblings (from 1) and whether it has
/// any: from the per-parent table when there is a line index and many siblings.
fn ordinal(node: Node, key: (usize, usize)) -> (usize, bool) {
    let id = node.id();
    // Whether the parent has many element children is seen from the first few.
    let many = |p: Node| {
        p.children()
            .filter(|c| c.is_element())
            .nth(MANY_CHILDREN)
            .is_some()
    };
    if let Some(parent) = node.parent().filter(|p| many(*p)) {
        let found = LINES.with(|l| {
            let mut l = l.borrow_mut();
            let idx = l.as_mut().filter(|i| i.key == key)?;
            if !idx.counted.contains(&parent.id()) {
                let kids: Vec<Node> = parent.children().filter(|c| c.is_element()).collect();
                let mut totals: std::collections::HashMap<_, u32> =
                    std::collections::HashMap::new();
                for k in &kids {
                    *totals.entry(k.tag_name()).or_insert(0) += 1;
                }
                let mut seen: std::collections::HashMap<_, u32> = std::collections::HashMap::new();
                for k in &kids {
                    let name = k.tag_name();
                    let n = seen.entry(name).or_insert(0);
                    *n += 1;
                    idx.ordinals.insert(k.id(), (*n, totals[&name]));
                }
                idx.counted.insert(parent.id());
            }
            idx.ordinals.get(&id).copied()
        });
        if let Some((n, total)) = found {
            return (n as usize, total > 1);
        }
    }
    let same = |n: &Node| n.is_element() && n.tag_name() == node.tag_name();
    let before = node.prev_siblings().filter(same).count();
    let after = node.next_siblings().any(|n| same(&n));
    (before + 1, before > 0 || after)
}

/// A readable path such as `/TEI/teiHeader/fileDesc/titleStmt/title[2]`.
pub fn path_of(node: Node) -> String {
    if !node.is_element() {
        return node
            .parent()
            .map(path_of)
            .unwrap_or_else(|| "/".to_string());
    }
    let key = (
        node.document().input_text().as_ptr() as usize,
        node.document().input_text().len(),
    );
    let id = node.id();
    let cached = LINES.with(|l| {
        l.borrow()
            .as_ref()
            .filter(|i| i.key == key)
            .and_then(|i| i.paths.get(&id).cloned())
    });
    if let Some(p) = cached {
        return p;
    }
    let parent = match node.parent() {
        Some(p) if p.is_element() => path_of(p),
        _ => String::new(),
    };
    let name = node.tag_name().name();
    let (n, several) = ordinal(node, key);
    let path = if several {
        format!("{parent}/{name}[{n}]")
    } else {
        format!("{parent}/{name}")
    };
    LINES.with(|l| {
        if let Some(i) = l.borrow_mut().as_mut().filter(|i| i.key == key) {
            i.paths.insert(id, path.clone());
        }
    });
    path
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
    let src = node.source();
    // The exact source text, with the namespaces in scope declared on it, unless it uses
    // an entity only the document's DTD declares.
    if node.is_element() && !uses_declared_entity(src) {
        let own = node.own_namespaces();
        let mut decls = String::new();
        for ns in node.namespaces() {
            if own.iter().any(|o| o.name() == ns.name()) {
                continue;
            }
            match ns.name() {
                Some(p) => decls.push_str(&format!(" xmlns:{p}=\"")),
                None => decls.push_str(" xmlns=\""),
            }
            super::out::escape_into(&mut decls, ns.uri(), true);
            decls.push('"');
        }
        let name_end = src[1..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .map_or(src.len(), |i| i + 1);
        return format!("{}{}{}", &src[..name_end], decls, &src[name_end..]);
    }
    let mut out = String::new();
    write_node(node, &mut out, true);
    out
}

/// True when `src` refers to an entity other than XML's five and character references.
fn uses_declared_entity(src: &str) -> bool {
    src.match_indices('&').any(|(i, _)| {
        let rest = &src[i + 1..];
        !["amp;", "lt;", "gt;", "quot;", "apos;", "#"]
            .iter()
            .any(|p| rest.starts_with(p))
    })
}

fn write_node(node: Node, out: &mut String, top: bool) {
    use super::out::escape_into;
    match node.node_type() {
        NodeType::Element => {
            let name = qname(node, node.tag_name().namespace(), node.tag_name().name());
            out.push('<');
            out.push_str(&name);
            // At the top, every namespace in scope; below, those new at this element.
            let inherited: Vec<_> = match (top, node.parent()) {
                (false, Some(p)) => p
                    .namespaces()
                    .into_iter()
                    .map(|n| (n.name(), n.uri()))
                    .collect(),
                _ => Vec::new(),
            };
            for ns in node.namespaces() {
                if inherited.contains(&(ns.name(), ns.uri())) {
                    continue;
                }
                match ns.name() {
                    Some(p) => {
                        out.push_str(" xmlns:");
                        out.push_str(p);
                    }
                    None => out.push_str(" xmlns"),
                }
                out.push_str("=\"");
                escape_into(out, ns.uri(), true);
                out.push('"');
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
            if let Some((target, value)) = node.pi() {
                out.push_str("<?");
                out.push_str(target);
                if !value.is_empty() {
                    out.push(' ');
                    out.push_str(value);
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

/// Every text node of a serialised fragment, each its own run of words (every element
/// edge a word boundary, every reading of an alternation included): the form a ledger
/// gives of what was lost, so that no word of it hides inside another. A fragment that
/// does not parse gives its text with the tags replaced by spaces.
pub fn text_runs(xml: &str) -> String {
    let limits = Limits {
        max_depth: MAX_DEPTH,
        ..Limits::default()
    };
    match Document::parse_with(xml, limits) {
        Ok(doc) => {
            let mut out = String::new();
            for t in doc.root().descendants().filter(|d| d.is_text()) {
                out.push(' ');
                out.push_str(t.text().unwrap_or(""));
            }
            collapse(&out)
        }
        Err(_) => {
            let mut out = String::new();
            let mut in_tag = false;
            for c in xml.chars() {
                match (in_tag, c) {
                    (false, '<') => in_tag = true,
                    (true, '>') => {
                        in_tag = false;
                        out.push(' ');
                    }
                    (false, c) => out.push(c),
                    (true, _) => {}
                }
            }
            collapse(&out)
        }
    }
}

/// The plain text of a serialised fragment: character data with entities decoded, tags
/// removed and white space collapsed.
///
/// Words are not glued across elements. The start and end of an element count as a word
/// boundary, except for elements that can stand inside a word: the highlighting and
/// editorial phrase elements of TEI and EAD listed in `INSIDE_WORD` (`hi`, `emph`, `seg`,
/// `abbr`, `expan`, `supplied`, `unclear`, `add`, `del`, `g`, `c`, ...) and `lb`, `pb` or
/// `cb` with `break="no"`. So `<persName>A B<email>a@b</email></persName>` gives
/// "A B a@b" and `detrimen<supplied>tum</supplied>` gives "detrimentum".
///
/// Of alternatives only one reading is kept: of a `choice`, the expansion, regularised or
/// corrected form (`expan`, `reg`, `corr`), else its first child; of an `app`, the `lem`,
/// else its first child. The text of each other child is pushed to `set_aside`, so that
/// a writer can account for it. A fragment that does not parse is stripped tag by tag
/// with the same boundaries, keeping every reading.
pub fn strip_tags(xml: &str, set_aside: &mut Vec<String>) -> String {
    /// Elements that can stand inside a word: no boundary at their edges.
    const INSIDE_WORD: [&str; 27] = [
        "hi", "emph", "seg", "choice", "abbr", "expan", "am", "ex", "orig", "reg", "sic", "corr",
        "app", "lem", "rdg", "supplied", "unclear", "add", "del", "subst", "mod", "restore",
        "damage", "surplus", "secl", "g", "c",
    ];
    /// The reading kept of an alternation, in order of preference.
    const PREFERRED: [&str; 4] = ["expan", "reg", "corr", "lem"];
    fn joins(name: &str, break_attr: Option<&str>) -> bool {
        INSIDE_WORD.contains(&name)
            || (matches!(name, "lb" | "pb" | "cb") && break_attr == Some("no"))
    }
    fn walk(node: Node, out: &mut String, set_aside: &mut Vec<String>) {
        for c in node.children() {
            if c.is_text() {
                out.push_str(c.text().unwrap_or(""));
                continue;
            }
            if !c.is_element() {
                continue;
            }
            let name = c.tag_name().name();
            let edge = !joins(name, c.attribute("break"));
            if edge {
                out.push(' ');
            }
            if matches!(name, "choice" | "app") {
                let kids: Vec<Node> = c.children().filter(|k| k.is_element()).collect();
                let keep = PREFERRED
                    .iter()
                    .find_map(|p| kids.iter().position(|k| k.tag_name().name() == *p))
                    .unwrap_or(0);
                for (i, k) in kids.into_iter().enumerate() {
                    if i == keep {
                        walk(k, out, set_aside);
                    } else {
                        let mut other = String::new();
                        walk(k, &mut other, set_aside);
                        let other = collapse(&other);
                        if !other.is_empty() {
                            set_aside.push(other);
                        }
                    }
                }
            } else {
                walk(c, out, set_aside);
            }
            if edge {
                out.push(' ');
            }
        }
    }
    let limits = Limits {
        max_depth: MAX_DEPTH,
        ..Limits::default()
    };
    match Document::parse_with(xml, limits) {
        Ok(doc) => {
            let mut out = String::new();
            walk(doc.root(), &mut out, set_aside);
            collapse(&out)
        }
        Err(_) => {
            let mut out = String::new();
            let mut tag: Option<String> = None;
            for c in xml.chars() {
                match (&mut tag, c) {
                    (None, '<') => tag = Some(String::new()),
                    (Some(t), '>') => {
                        let name = t
                            .trim_start_matches('/')
                            .split(|c: char| c.is_whitespace() || c == '/')
                            .next()
                            .unwrap_or("");
                        let local = name.rsplit(':').next().unwrap_or(name);
                        let no_break = t.contains("break=\"no\"") || t.contains("break='no'");
                        if !joins(local, no_break.then_some("no")) {
                            out.push(' ');
                        }
                        tag = None;
                    }
                    (Some(t), c) => t.push(c),
                    (None, c) => out.push(c),
                }
            }
            collapse(&out)
        }
    }
}
