//! A large document parsed on several threads: its root element's content cut into
//! pieces at start tags, each piece parsed on its own, the pieces' trees joined in order.
//!
//! A piece starts inside elements it does not see: its end tags for them are noted
//! ([`Op::Close`]), and so are the nodes it finds directly inside them ([`Op::Child`]);
//! joining replays these against the elements open at the piece's start, checking each
//! end tag's name. The result is the tree the one-thread parse builds, node for node
//! (tests below compare the two).
//!
//! The cuts are guessed (any `<` before a name), so anything unusual sends the document to
//! the one-thread parse, which also gives the errors: a piece that does not parse (a cut
//! inside a comment or CDATA section leaves the piece before it unterminated), an element
//! open across a cut that declares namespaces (the pieces read names with the root's
//! declarations only), an end tag that does not match, the limits on depth, nodes and
//! entity expansion.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::{AttrData, Builder, Document, Limits, NodeType, ParseError, Str, NONE, NO_NS, OWNED};

/// Documents from this size on are parsed on several threads: below it, starting them
/// costs more than they save.
pub const SPLIT_FROM: usize = 1 << 20;

/// Pieces per thread: smaller pieces even out what each thread is given.
const PIECES_PER_THREAD: usize = 4;

/// What a piece's builder notes about the elements open where the piece starts.
#[derive(Default)]
pub(super) struct Piece {
    /// The piece's nodes in those elements, and its end tags for them, in order.
    ops: Vec<Op>,
    /// Element depth relative to the piece's start, now and at its deepest.
    depth: i64,
    deepest: i64,
}

enum Op {
    /// A node (the piece's own number) directly inside the innermost element open.
    Child(u32),
    /// An end tag for the innermost element open: where its name starts, and the tag's end.
    Close { name: u32, end: u32 },
}

impl Piece {
    pub(super) fn child(&mut self, id: u32) {
        self.ops.push(Op::Child(id));
    }

    pub(super) fn close(&mut self, tag_start: usize, end: usize) {
        self.ops.push(Op::Close {
            name: tag_start as u32 + 2,
            end: end as u32,
        });
    }

    pub(super) fn deeper(&mut self, empty: bool) {
        self.depth += 1;
        self.deepest = self.deepest.max(self.depth);
        if empty {
            self.depth -= 1;
        }
    }

    pub(super) fn shallower(&mut self) {
        self.depth -= 1;
    }
}

impl<'a> Document<'a> {
    /// Parses `text` on up to `threads` threads (see the module's comment); the same tree
    /// and the same errors as [`Document::parse_with`].
    pub fn parse_threads(
        text: &'a str,
        limits: Limits,
        threads: usize,
    ) -> Result<Document<'a>, ParseError> {
        if threads > 1 && text.len() >= SPLIT_FROM {
            if let Some(doc) = split(text, limits, threads * PIECES_PER_THREAD, threads) {
                return Ok(doc);
            }
        }
        Document::parse_with(text, limits)
    }
}

/// The document parsed in `pieces` pieces on `threads` threads, or `None` for anything
/// the one-thread parse is to decide.
fn split(text: &str, limits: Limits, pieces: usize, threads: usize) -> Option<Document<'_>> {
    let bytes = text.as_bytes();
    if text.len() >= u32::MAX as usize || memchr::memchr(0, bytes).is_some() {
        return None;
    }
    // The prolog and the root's start tag, here.
    let mut main = Builder::new(text, limits, 0, 0);
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    reader.config_mut().check_comments = true;
    if !main.events(&mut reader, 0, true).ok()? {
        return None;
    }
    let body = reader.buffer_position() as usize;
    // The root's end tag: the last end tag of a well-formed document.
    let tail = memchr::memmem::rfind(bytes, b"</").filter(|&t| t > body)?;
    let cuts = cuts(bytes, body, tail, pieces);

    let next = AtomicUsize::new(0);
    let parsed: Vec<Mutex<Option<Builder>>> =
        (0..cuts.len() - 1).map(|_| Mutex::new(None)).collect();
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i + 1 >= cuts.len() {
            break;
        }
        let b = parse_piece(&main, cuts[i], cuts[i + 1]);
        *parsed[i].lock().unwrap_or_else(|e| e.into_inner()) = b;
    };
    std::thread::scope(|s| {
        for _ in 1..threads {
            s.spawn(work);
        }
        work();
    });
    let mut pieces: Vec<Builder> = parsed
        .into_iter()
        .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect::<Option<_>>()?;

    let uris = main.doc.uris.len();
    let places = places(&mut main, &pieces, uris);
    let rest = 2 * memchr::memchr_iter(b'<', &bytes[tail..]).count() + 2;
    let rest_attrs = memchr::memchr_iter(b'=', &bytes[tail..]).count();
    copy(&mut main, &mut pieces, &places, threads, rest, rest_attrs);
    for (p, at) in pieces.into_iter().zip(&places) {
        link(&mut main, p, at)?;
    }
    // Only the root is open: its end tag and what follows it, here.
    if main.open.len() != 2 {
        return None;
    }
    main.own_end_check = true;
    let mut reader = quick_xml::Reader::from_str(&text[tail..]);
    reader.config_mut().check_end_names = false;
    reader.config_mut().allow_unmatched_ends = true;
    reader.config_mut().check_comments = true;
    main.events(&mut reader, tail, false).ok()?;
    main.finish().ok()?;
    Some(main.doc)
}

/// Where the pieces start and end: `body`, a start tag near each share of the text
/// between, and `tail`.
fn cuts(bytes: &[u8], body: usize, tail: usize, pieces: usize) -> Vec<usize> {
    let mut cuts = vec![body];
    let share = (tail - body) / pieces.max(1);
    for k in 1..pieces {
        let from = (body + k * share).max(*cuts.last().expect("a cut") + 1);
        if from >= tail {
            break;
        }
        let found = memchr::memchr_iter(b'<', &bytes[from..tail])
            .map(|i| from + i)
            .find(|&i| {
                bytes.get(i + 1).is_some_and(|&c| {
                    c.is_ascii_alphabetic() || c == b'_' || c == b':' || c >= 0x80
                })
            });
        match found {
            Some(at) => cuts.push(at),
            None => break,
        }
    }
    cuts.push(tail);
    cuts
}

/// The text from `start` to `end` parsed inside the root element that `main` has open:
/// with its namespaces, entities and limits.
fn parse_piece<'a>(main: &Builder<'a>, start: usize, end: usize) -> Option<Builder<'a>> {
    let text = main.doc.text;
    let slice = &text.as_bytes()[start..end];
    let count = |c: u8| memchr::memchr_iter(c, slice).count();
    let mut b = Builder::new(text, main.limits, 2 * count(b'<') + 2, count(b'='));
    b.doc.uris = main.doc.uris.clone();
    b.uri_index = main.uri_index.clone();
    b.scope = main.scope.clone();
    b.entities = main.entities.clone();
    b.external = main.external.clone();
    b.piece = Some(Piece::default());
    b.own_end_check = true;
    let mut reader = quick_xml::Reader::from_str(&text[start..end]);
    // The end tags of elements open before the piece are ours to match.
    reader.config_mut().check_end_names = false;
    reader.config_mut().allow_unmatched_ends = true;
    reader.config_mut().check_comments = true;
    b.events(&mut reader, start, false).ok()?;
    Some(b)
}

/// Where a piece's nodes, attributes and owned strings start among the document's (its
/// node `l`, from 1 since its node 0 stands for the elements open where it starts, is
/// the document's `l + nodes`), and its own namespaces' numbers in the document.
struct Place {
    nodes: u32,
    attrs: u32,
    owned: u32,
    decls: u32,
    ns: Vec<u16>,
    /// The number of namespaces the pieces were given: those after it are a piece's own.
    given: usize,
}

impl Place {
    fn ns(&self, n: u16) -> u16 {
        match n {
            NO_NS => NO_NS,
            n if (n as usize) < self.given => n,
            n => self.ns[n as usize - self.given],
        }
    }

    fn str(&self, s: Str) -> Str {
        match s.1 & OWNED {
            0 => s,
            _ => Str(s.0 + self.owned, s.1),
        }
    }
}

/// Each piece's [`Place`], its namespaces added to the document's.
fn places(main: &mut Builder, pieces: &[Builder], given: usize) -> Vec<Place> {
    let (mut nodes, mut attrs) = (main.doc.nodes.len() as u32 - 1, main.doc.attrs.len() as u32);
    let (mut owned, mut decls) = (main.doc.owned.len() as u32, main.doc.decls.len() as u32);
    let mut out = Vec::new();
    for p in pieces {
        let ns = p.doc.uris[given..].iter().map(|u| main.intern(u)).collect();
        out.push(Place {
            nodes,
            attrs,
            owned,
            decls,
            ns,
            given,
        });
        nodes += p.doc.nodes.len() as u32 - 1;
        attrs += p.doc.attrs.len() as u32;
        owned += p.doc.owned.len() as u32;
        decls += p.doc.decls.len() as u32;
    }
    out
}

/// The pieces' nodes and attributes copied after the document's, renumbered, on up to
/// `threads` threads (a serial copy was a third of the split parse); room is left for
/// `rest` nodes and `rest_attrs` attributes after them.
fn copy(
    main: &mut Builder,
    pieces: &mut [Builder],
    places: &[Place],
    threads: usize,
    rest: usize,
    rest_attrs: usize,
) {
    let nodes: usize = pieces.iter().map(|p| p.doc.nodes.len() - 1).sum();
    let attrs: usize = pieces.iter().map(|p| p.doc.attrs.len()).sum();
    main.doc.nodes.reserve_exact(nodes + rest);
    main.doc.attrs.reserve_exact(attrs + rest_attrs);
    let (node_len, attr_len) = (main.doc.nodes.len(), main.doc.attrs.len());
    {
        let mut node_room = &mut main.doc.nodes.spare_capacity_mut()[..nodes];
        let mut attr_room = &mut main.doc.attrs.spare_capacity_mut()[..attrs];
        let mut jobs = Vec::new();
        for (p, at) in pieces.iter_mut().zip(places) {
            // Taken from the piece, to be freed as soon as they are copied.
            let from = (
                std::mem::take(&mut p.doc.nodes),
                std::mem::take(&mut p.doc.attrs),
            );
            let (n, more) = std::mem::take(&mut node_room).split_at_mut(from.0.len() - 1);
            let (a, more_attrs) = std::mem::take(&mut attr_room).split_at_mut(from.1.len());
            (node_room, attr_room) = (more, more_attrs);
            jobs.push((from, at, n, a));
        }
        let jobs = Mutex::new(jobs);
        let work = || loop {
            let Some(((from_nodes, from_attrs), at, n, a)) =
                jobs.lock().unwrap_or_else(|e| e.into_inner()).pop()
            else {
                break;
            };
            for (slot, d) in n.iter_mut().zip(&from_nodes[1..]) {
                let mut d = d.clone();
                d.parent = if d.parent == 0 {
                    NONE
                } else {
                    d.parent + at.nodes
                };
                if d.next != NONE {
                    d.next += at.nodes;
                }
                match d.kind {
                    NodeType::Element => {
                        d.a += at.attrs;
                        d.ns = at.ns(d.ns);
                    }
                    NodeType::Text | NodeType::Comment => {
                        let s = at.str(Str(d.a, d.b));
                        (d.a, d.b) = (s.0, s.1);
                    }
                    NodeType::Root | NodeType::PI => {}
                }
                slot.write(d);
            }
            for (slot, x) in a.iter_mut().zip(&from_attrs) {
                slot.write(AttrData {
                    ns: at.ns(x.ns),
                    name: at.str(x.name),
                    value: at.str(x.value),
                });
            }
        };
        std::thread::scope(|s| {
            for _ in 1..threads {
                s.spawn(work);
            }
            work();
        });
    }
    // SAFETY: the loop above wrote every one of the `nodes` and `attrs` slots after the
    // vectors' lengths: the pieces' slices cover them exactly, and each was written whole.
    unsafe {
        main.doc.nodes.set_len(node_len + nodes);
        main.doc.attrs.set_len(attr_len + attrs);
    }
}

/// The rest of piece `p` after its nodes and attributes are copied: its namespace
/// declarations, owned strings and processing instructions, then its nodes linked to
/// the elements open where it starts, and the elements it closes and leaves open.
fn link<'a>(main: &mut Builder<'a>, p: Builder<'a>, at: &Place) -> Option<()> {
    let piece = p.piece?;
    let depth = main.open.len() as i64 - 1;
    if depth + piece.deepest >= main.limits.max_depth as i64
        || main.doc.nodes.len() > main.limits.max_nodes
    {
        return None;
    }
    for mut d in p.doc.decls {
        d.uri = at.ns(d.uri);
        main.doc.decls.push(d);
    }
    let shift = at.nodes;
    main.doc.decl_spans.extend(
        p.doc
            .decl_spans
            .iter()
            .map(|&(id, first, n)| (id + shift, first + at.decls, n)),
    );
    main.doc.owned.extend(p.doc.owned);
    main.doc
        .pi_values
        .extend(p.doc.pi_values.iter().map(|&(id, v)| (id + shift, v)));
    main.expanded += p.expanded;
    if main.expanded > main.limits.max_entity_expansion {
        return None;
    }
    for op in piece.ops {
        match op {
            Op::Child(l) => {
                let g = l + shift;
                let (parent, last) = *main.open.last()?;
                main.doc.nodes[g as usize].parent = parent;
                if last == NONE {
                    // A first child comes right after its parent.
                    if g != parent + 1 {
                        return None;
                    }
                } else {
                    main.doc.nodes[last as usize].next = g;
                }
                main.open.last_mut()?.1 = g;
            }
            Op::Close { name, end } => {
                // Not the root's: its end tag is after the last piece.
                if main.open.len() <= 2 {
                    return None;
                }
                let (id, _) = main.open.pop()?;
                let q = main.doc.qname(id);
                let text = main.doc.text.as_bytes();
                let written = text.get(name as usize..name as usize + q.len())?;
                let after = text.get(name as usize + q.len())?;
                if written != q || !(after.is_ascii_whitespace() || *after == b'>') {
                    return None;
                }
                main.doc.nodes[id as usize].end = end;
            }
        }
    }
    // The elements the piece leaves open, which the next pieces go on inside: read with
    // the root's namespaces, so none may declare its own.
    for &(l, last) in &p.open[1..] {
        if p.doc.decl_spans.binary_search_by_key(&l, |s| s.0).is_ok() {
            return None;
        }
        let last = if last == NONE { NONE } else { last + shift };
        main.open.push((l + shift, last));
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::tree::Node;

    /// Every node of `a` and `b` says the same: kind, name, namespace, attributes, text,
    /// byte range, parent, previous and next sibling, first child, namespaces declared.
    fn same_tree(a: &Document, b: &Document) {
        assert_eq!(a.nodes.len(), b.nodes.len(), "node counts");
        for id in 0..a.nodes.len() as u32 {
            let (x, y) = (Node { doc: a, id }, Node { doc: b, id });
            let show = |n: Node| {
                (
                    n.node_type(),
                    n.tag_name().name().to_string(),
                    n.tag_name().namespace().map(str::to_string),
                    n.is_element()
                        .then(|| n.attributes())
                        .into_iter()
                        .flatten()
                        .map(|a| {
                            (
                                a.namespace().map(str::to_string),
                                a.name().to_string(),
                                a.value().to_string(),
                            )
                        })
                        .collect::<Vec<_>>(),
                    n.text().map(str::to_string),
                    n.range(),
                    n.parent().map(|p| p.id()),
                    n.next_siblings().next().map(|s| s.id()),
                    n.children().next().map(|c| c.id()),
                    n.own_namespaces()
                        .iter()
                        .map(|ns| (ns.name().map(str::to_string), ns.uri().to_string()))
                        .collect::<Vec<_>>(),
                    n.pi().map(|(t, v)| (t.to_string(), v.to_string())),
                )
            };
            assert_eq!(show(x), show(y), "node {id}");
        }
    }

    /// `text` parsed in `pieces` pieces on two threads, or `None` where the split gives up.
    fn split_parse(text: &str, pieces: usize) -> Option<Document<'_>> {
        split(text, Limits::default(), pieces, 2)
    }

    const DOC: &str = r#"<?xml version="1.0"?>
<!DOCTYPE ead [<!ENTITY org "Orchard and Co">]>
<!-- before -->
<ead xmlns="urn:isbn:1-931666-22-9" xmlns:xlink="http://www.w3.org/1999/xlink">
  <eadheader><eadid>x</eadid></eadheader>
  <archdesc level="collection"><did><unittitle>Papers of &org;</unittitle></did>
    <dsc>
      <c id="c1" level="series"><did><unittitle>One <![CDATA[a < b & <!]]> tail</unittitle></did>
        <c id="c2"><did><dao xlink:href="a.jpg"/></did><?pi value?></c>
        <c id="c3"><did><unittitle>Three</unittitle></did><!-- a comment --></c>
      </c>
      <c id="c4" level="series"><did><unittitle>Four</unittitle></did>
        <c id="c5"><did><unittitle xml:lang="de">Fünf</unittitle></did></c>
        <c id="c6"><did><unittitle>Six &#233;</unittitle></did></c>
      </c>
    </dsc>
  </archdesc>
</ead>
<!-- after -->
"#;

    #[test]
    fn every_way_of_cutting_gives_the_one_thread_tree() {
        let serial = Document::parse(DOC).unwrap();
        let mut joined = 0;
        for pieces in 2..=DOC.len() / 4 {
            if let Some(doc) = split_parse(DOC, pieces) {
                same_tree(&serial, &doc);
                joined += 1;
            }
        }
        // Cuts fall at start tags only (not at the `<` of the CDATA section), and this
        // document declares no namespace below its root: every way of cutting it joins.
        assert_eq!(joined, DOC.len() / 4 - 1);
    }

    #[test]
    fn what_the_pieces_cannot_decide_goes_to_the_one_thread_parse() {
        // A cut inside a comment, a namespace declared below the root, a mismatched end
        // tag across pieces: the split gives up, and the one-thread parse decides.
        let comment = DOC.replace("<!-- a comment -->", "<!-- <c><d> in a comment -->");
        let declared = DOC.replace(
            r#"<c id="c4" level="series">"#,
            r#"<c id="c4" level="series" xmlns:x="urn:x">"#,
        );
        let mismatched = DOC.replace("</c>\n    </dsc>", "</d>\n    </dsc>");
        let mut gave_up = [0; 3];
        for (k, text) in [&comment, &declared, &mismatched].into_iter().enumerate() {
            let serial = Document::parse(text);
            for pieces in 2..=text.len() / 4 {
                match split_parse(text, pieces) {
                    Some(doc) => same_tree(
                        serial.as_ref().expect("split parses only what parses"),
                        &doc,
                    ),
                    None => gave_up[k] += 1,
                }
            }
        }
        assert!(gave_up.iter().all(|&n| n > 0), "{gave_up:?}");
        assert!(Document::parse(&mismatched).is_err());
        // Through the public entry: the same error as one thread gives.
        let big = mismatched.replace(
            "<dsc>",
            &format!("<dsc>{}", "<c><did/></c>\n".repeat(90_000)),
        );
        assert!(big.len() >= SPLIT_FROM);
        let one = Document::parse(&big).err().unwrap();
        let two = Document::parse_threads(&big, Limits::default(), 2)
            .err()
            .unwrap();
        assert_eq!((one.offset, one.message), (two.offset, two.message));
    }

    #[test]
    fn the_shared_records_cut_every_way_give_their_one_thread_tree() {
        // Real records of other institutions (../shared/corpus): their DOCTYPEs, entities,
        // namespaces, comments and CDATA, cut into 2 to 64 pieces.
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        if !corpus.is_dir() {
            eprintln!("SKIPPED: ../shared/corpus is absent");
            return;
        }
        let (mut files, mut joined) = (0, 0);
        for dir in ["ead2002", "ead3", "tei", "dc"] {
            let Ok(entries) = std::fs::read_dir(corpus.join(dir)) else {
                continue;
            };
            for e in entries.flatten() {
                let Ok(bytes) = std::fs::read(e.path()) else {
                    continue;
                };
                let Ok(text) = crate::xml::decode_owned(bytes) else {
                    continue;
                };
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
                let Ok(serial) = Document::parse(&text) else {
                    continue;
                };
                files += 1;
                for pieces in [2, 3, 8, 64] {
                    if let Some(doc) = split_parse(&text, pieces) {
                        same_tree(&serial, &doc);
                        joined += 1;
                    }
                }
            }
        }
        // Most cuts join (the others are sent to the one-thread parse, which is checked
        // above to give the same tree anyway).
        eprintln!(
            "{files} records, {joined} of {} ways of cutting joined",
            files * 4
        );
        assert!(
            files > 40 && joined > files * 2,
            "{files} records, {joined} joined"
        );
    }

    #[test]
    fn a_large_document_is_split_and_gives_the_same_tree() {
        let big = DOC.replace(
            "<dsc>",
            &format!(
                "<dsc>{}",
                "<c level=\"file\"><did><unittitle>T &amp; U</unittitle></did></c>\n"
                    .repeat(20_000)
            ),
        );
        assert!(big.len() >= SPLIT_FROM);
        let serial = Document::parse(&big).unwrap();
        let doc = split_parse(&big, 8).expect("splits");
        same_tree(&serial, &doc);
    }
}
