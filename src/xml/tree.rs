//! A compact read-only XML tree built with quick-xml's pull parser.
//!
//! Readers need a tree (a mapping looks at an element's children before deciding what it
//! is), but a general DOM costs several times the size of the file. This one keeps names
//! and text as ranges into the source wherever no entity had to be expanded, stores nodes
//! in one vector linked by index, and knows each node's byte range, so that an unmapped
//! element can be kept as the exact source text it came from.

use std::borrow::Cow;
use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

use super::normalize;

mod split;
use crate::format::XML_NS;

const NONE: u32 = u32::MAX;

/// A string held by the tree: a range of the source (start, length), or, with the top bit
/// of the length set, the index of an owned copy where entities were expanded. Eight
/// bytes, as every node has one.
#[derive(Debug, Clone, Copy)]
struct Str(u32, u32);

const OWNED: u32 = 1 << 31;

impl Str {
    const EMPTY: Str = Str(0, 0);
    fn src(start: usize, len: usize) -> Str {
        Str(start as u32, len as u32)
    }
    fn owned(index: usize) -> Str {
        Str(index as u32, OWNED)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeType {
    Root,
    Element,
    Text,
    Comment,
    PI,
}

/// One node, 32 bytes: the tree of a 20 MB TEI file has some 730,000 of them, and it is
/// most of what validating such a file costs in memory (48 bytes a node took 4.5 times the
/// file's size; 32 bytes keeps it under 4). What a node does not store is derived:
/// - its first child is the node after it, since nodes are stored in document order;
/// - its previous sibling is found from the parent's first child (rarely asked for);
/// - an element's local name lies at a short offset from its start tag;
/// - namespace declarations are listed by element in `Document::decl_spans`.
#[derive(Debug, Clone)]
struct NodeData {
    parent: u32,
    next: u32,
    /// Byte range in the source (the whole element, for an element).
    start: u32,
    end: u32,
    /// Element: first attribute in `attrs`. Text and comment: the text, and PI: its target,
    /// as the two words of a `Str` (`a`, `b`); its value is in `Document::pi_values`.
    a: u32,
    /// Element: the local name, as its offset from `start` (high 16 bits) and its length.
    b: u32,
    /// Element: number of attributes.
    attrs_len: u16,
    /// Element: namespace index, or `NO_NS`.
    ns: u16,
    kind: NodeType,
}

const NO_NS: u16 = u16::MAX;

const _: () = assert!(std::mem::size_of::<NodeData>() == 32);

impl NodeData {
    fn new(kind: NodeType, start: usize, end: usize, s: Str) -> NodeData {
        NodeData {
            parent: NONE,
            next: NONE,
            start: start as u32,
            end: end as u32,
            a: s.0,
            b: s.1,
            attrs_len: 0,
            ns: NO_NS,
            kind,
        }
    }

    /// The node's string: an element's local name, or the text, comment or PI target.
    fn s(&self) -> Str {
        match self.kind {
            NodeType::Element => Str::src(
                (self.start + (self.b >> 16)) as usize,
                (self.b & 0xFFFF) as usize,
            ),
            _ => Str(self.a, self.b),
        }
    }
}

#[derive(Debug, Clone)]
struct AttrData {
    ns: u16,
    name: Str,
    value: Str,
}

#[derive(Debug, Clone)]
struct Decl {
    prefix: Option<Str>,
    uri: u16,
}

/// A parse failure: byte offset and message.
#[derive(Debug, Clone)]
pub struct ParseError {
    pub offset: usize,
    pub message: String,
}

/// A parsed document borrowing its source text.
pub struct Document<'a> {
    text: &'a str,
    nodes: Vec<NodeData>,
    attrs: Vec<AttrData>,
    decls: Vec<Decl>,
    /// Elements with namespace declarations, in document order: (node, first in `decls`,
    /// how many).
    decl_spans: Vec<(u32, u32, u16)>,
    uris: Vec<String>,
    owned: Vec<String>,
    pi_values: Vec<(u32, Str)>,
}

/// Limits on what a document may contain.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_depth: usize,
    pub max_nodes: usize,
    /// Largest total size of text produced by expanding entities declared in a DTD.
    pub max_entity_expansion: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_depth: 256,
            max_nodes: 50_000_000,
            max_entity_expansion: 1 << 20,
        }
    }
}

struct Builder<'a> {
    doc: Document<'a>,
    uri_index: HashMap<String, u16>,
    /// In-scope declarations: (prefix, uri index), innermost last.
    scope: Vec<(Option<String>, u16)>,
    /// Scope length at each open element.
    marks: Vec<usize>,
    /// Open elements (the root first) with their last child so far.
    open: Vec<(u32, u32)>,
    entities: HashMap<String, String>,
    /// Entities the internal subset declares external, with their system identifiers:
    /// never fetched, named in the error a reference to one gives.
    external: HashMap<String, String>,
    expanded: usize,
    limits: Limits,
    /// Set for a builder of one piece of a document parsed on several threads
    /// ([`split`]): its root node stands for the elements open where the piece starts.
    piece: Option<split::Piece>,
    /// End tags are checked against their start tags here rather than by quick-xml, which
    /// does not know the elements a piece starts inside.
    own_end_check: bool,
    /// The attributes of the element being read, before their prefixes are resolved.
    pending: Vec<PendingAttr<'a>>,
}

fn err<T>(offset: usize, message: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError {
        offset,
        message: message.into(),
    })
}

impl<'a> Document<'a> {
    pub fn parse(text: &'a str) -> Result<Document<'a>, ParseError> {
        Document::parse_with(text, Limits::default())
    }

    pub fn parse_with(text: &'a str, limits: Limits) -> Result<Document<'a>, ParseError> {
        if text.len() >= u32::MAX as usize {
            return err(0, "document larger than 4 GiB");
        }
        // Room for every node and attribute the text can hold, reserved once: each node but
        // a text starts with `<` and there is at most one text after each markup, and each
        // attribute has its `=`. Growing by doubling instead held the old and the new
        // vector at once, which for a 20 MB finding aid was most of the parse's memory;
        // pages of the reservation that are never written are never resident.
        // NUL is no XML character (and the EAD writer marks places in printed text with
        // it, src/xml/out.rs), so a document holding one is not well-formed.
        // (memchr's vectorised search: these passes took a sixth of the parse byte by byte.)
        if let Some(at) = memchr::memchr(0, text.as_bytes()) {
            return err(at, "the NUL character (U+0000) is not permitted in XML");
        }
        let count = |c: u8| memchr::memchr_iter(c, text.as_bytes()).count();
        let mut b = Builder::new(text, limits, 2 * count(b'<') + 2, count(b'='));
        b.run()?;
        Ok(b.doc)
    }

    pub fn input_text(&self) -> &'a str {
        self.text
    }

    pub fn root(&self) -> Node<'_, 'a> {
        Node { doc: self, id: 0 }
    }

    pub fn root_element(&self) -> Node<'_, 'a> {
        self.root()
            .children()
            .find(|n| n.is_element())
            .expect("a parsed document has a root element")
    }

    fn str(&self, s: Str) -> &str {
        if s.1 & OWNED != 0 {
            &self.owned[s.0 as usize]
        } else {
            &self.text[s.0 as usize..(s.0 + s.1) as usize]
        }
    }

    fn uri(&self, ns: u16) -> Option<&str> {
        (ns != NO_NS).then(|| self.uris[ns as usize].as_str())
    }
}

impl<'a> Builder<'a> {
    /// A builder for `text` with room for `nodes` nodes and `attrs` attributes, its root
    /// node made and the `xml` prefix bound.
    fn new(text: &'a str, limits: Limits, nodes: usize, attrs: usize) -> Builder<'a> {
        let mut b = Builder {
            doc: Document {
                text,
                nodes: Vec::with_capacity(nodes),
                attrs: Vec::with_capacity(attrs),
                decls: Vec::new(),
                decl_spans: Vec::new(),
                uris: Vec::new(),
                owned: Vec::new(),
                pi_values: Vec::new(),
            },
            uri_index: HashMap::new(),
            scope: Vec::new(),
            marks: Vec::new(),
            open: vec![(0, NONE)],
            entities: HashMap::new(),
            external: HashMap::new(),
            expanded: 0,
            limits,
            piece: None,
            own_end_check: false,
            pending: Vec::new(),
        };
        b.doc
            .nodes
            .push(NodeData::new(NodeType::Root, 0, text.len(), Str::EMPTY));
        let xml = b.intern(XML_NS);
        b.scope.push((Some("xml".into()), xml));
        b
    }

    fn intern(&mut self, uri: &str) -> u16 {
        if let Some(&i) = self.uri_index.get(uri) {
            return i;
        }
        // More than 65,000 namespaces means a hostile document; they share the last index.
        let i = self.doc.uris.len().min(NO_NS as usize - 1) as u16;
        self.doc.uris.push(uri.to_string());
        self.uri_index.insert(uri.to_string(), i);
        i
    }

    /// A string of the source at `offset..offset+len`, or an owned copy.
    fn keep(&mut self, s: Cow<'_, str>, raw: &[u8]) -> Str {
        match s {
            Cow::Borrowed(b) => {
                let start = b.as_ptr() as usize - self.doc.text.as_ptr() as usize;
                Str::src(start, b.len())
            }
            Cow::Owned(o) => {
                let _ = raw;
                self.doc.owned.push(o);
                Str::owned(self.doc.owned.len() - 1)
            }
        }
    }

    fn src(&self, b: &[u8]) -> Str {
        let start = b.as_ptr() as usize - self.doc.text.as_ptr() as usize;
        Str::src(start, b.len())
    }

    fn resolve(&self, prefix: Option<&str>, offset: usize) -> Result<u16, ParseError> {
        for (p, uri) in self.scope.iter().rev() {
            if p.as_deref() == prefix {
                // An empty default namespace undeclares it.
                return Ok(if self.doc.uris[*uri as usize].is_empty() {
                    NO_NS
                } else {
                    *uri
                });
            }
        }
        match prefix {
            None => Ok(NO_NS),
            Some(p) => err(
                offset,
                format!("the prefix '{p}' is not bound to a namespace"),
            ),
        }
    }

    fn push_node(&mut self, mut data: NodeData) -> Result<u32, ParseError> {
        if self.doc.nodes.len() >= self.limits.max_nodes {
            return err(
                data.start as usize,
                "too many nodes: the document exceeds the node limit",
            );
        }
        let (parent, last) = *self.open.last().expect("the root is always open");
        let id = self.doc.nodes.len() as u32;
        data.parent = parent;
        if let (Some(piece), 0) = (&mut self.piece, parent) {
            // A child of an element open where the piece starts: linked when the pieces
            // are joined.
            piece.child(id);
        } else if last == NONE {
            // What makes `first` derivable: a first child comes right after its parent.
            debug_assert_eq!(id, parent + 1);
        } else {
            self.doc.nodes[last as usize].next = id;
        }
        self.open.last_mut().expect("open").1 = id;
        self.doc.nodes.push(data);
        Ok(id)
    }

    fn text_node(&mut self, value: Str, start: usize, end: usize) -> Result<(), ParseError> {
        let (parent, last) = *self.open.last().expect("root");
        // Adjacent text (text then CDATA, say) is one text node.
        if last != NONE && self.doc.nodes[last as usize].kind == NodeType::Text {
            let prev = self.doc.nodes[last as usize].s();
            let joined = format!("{}{}", self.doc.str(prev), self.doc.str(value));
            self.doc.owned.push(joined);
            let node = &mut self.doc.nodes[last as usize];
            let owned = Str::owned(self.doc.owned.len() - 1);
            (node.a, node.b) = (owned.0, owned.1);
            node.end = end as u32;
            return Ok(());
        }
        if parent == 0 && self.piece.is_none() {
            if self.doc.str(value).trim().is_empty() {
                return Ok(());
            }
            return err(start, "text outside the root element");
        }
        self.push_node(NodeData::new(NodeType::Text, start, end, value))
            .map(|_| ())
    }

    /// References replaced in text already normalised; a result that is not a slice of
    /// the source is owned (`keep` locates borrowed values in the source).
    fn normalised<'s>(
        &mut self,
        text: Cow<'s, str>,
        offset: usize,
    ) -> Result<Cow<'s, str>, ParseError> {
        match text {
            Cow::Borrowed(raw) => self.unescape(raw, offset),
            Cow::Owned(o) => Ok(Cow::Owned(self.unescape(&o, offset)?.into_owned())),
        }
    }

    fn unescape<'s>(&mut self, raw: &'s str, offset: usize) -> Result<Cow<'s, str>, ParseError> {
        if !raw.contains('&') {
            return Ok(Cow::Borrowed(raw));
        }
        let entities = &self.entities;
        let mut extra = 0usize;
        let out = quick_xml::escape::unescape_with(raw, |name| {
            if let Some(v) = quick_xml::escape::resolve_predefined_entity(name) {
                return Some(v);
            }
            let v = entities.get(name).map(String::as_str);
            if let Some(v) = v {
                extra += v.len();
            }
            v
        })
        .or_else(|e| {
            use quick_xml::escape::EscapeError as E;
            // Where the reference is: in the text when `raw` is a slice of it.
            let base = (raw.as_ptr() as usize)
                .checked_sub(self.doc.text.as_ptr() as usize)
                .filter(|b| *b < self.doc.text.len())
                .unwrap_or(offset);
            match e {
                E::UnrecognizedEntity(range, name) => {
                    let at = base + range.start.saturating_sub(1);
                    match self.external.get(&name) {
                        Some(system) => err(
                            at,
                            format!("the entity '{name}' is external ({system}): crosswalk never fetches an external entity"),
                        ),
                        None => err(
                            at,
                            format!("unknown entity '{name}': only XML's five and those declared in the document's internal subset are known"),
                        ),
                    }
                }
                other => err(offset, format!("{other}")),
            }
        })?;
        self.expanded += extra;
        if self.expanded > self.limits.max_entity_expansion {
            return err(offset, "entity expansion exceeds the limit (1 MiB)");
        }
        Ok(out)
    }

    fn start(
        &mut self,
        e: &BytesStart,
        start: usize,
        end: usize,
        empty: bool,
    ) -> Result<(), ParseError> {
        if self.open.len() == 1 && self.piece.is_none() && self.doc.root_has_element() {
            return err(start, "a second root element: a document has exactly one");
        }
        if let Some(piece) = &mut self.piece {
            piece.deeper(empty);
        }
        if self.open.len() > self.limits.max_depth {
            return err(
                start,
                format!(
                    "elements nested deeper than {} levels: expected a shallower document",
                    self.limits.max_depth
                ),
            );
        }
        self.marks.push(self.scope.len());
        let decl_start = self.doc.decls.len() as u32;
        // Attributes wait until every declaration on the element is known (in a list
        // kept from element to element).
        let mut pending = std::mem::take(&mut self.pending);
        pending.clear();
        let text = self.doc.text;
        for a in e.attributes().with_checks(true) {
            let a = a.or_else(|x| {
                // quick-xml counts from the tag's name: the error is placed where it is.
                use quick_xml::events::attributes::AttrError as A;
                let at = match x {
                    A::ExpectedEq(p)
                    | A::ExpectedValue(p)
                    | A::UnquotedValue(p)
                    | A::ExpectedQuote(p, _)
                    | A::Duplicated(p, _) => start + 1 + p,
                };
                let msg = x.to_string();
                let msg = match msg.split_once(": ") {
                    Some((pos, rest)) if pos.starts_with("position") => rest.to_string(),
                    _ => msg,
                };
                err(at, format!("bad attribute: {msg}"))
            })?;
            // Names and values are slices of the source (the reader borrows it): take them
            // with the source's lifetime.
            let key: &'a [u8] = match source_slice(text, a.key.into_inner()) {
                Some(k) => k.as_bytes(),
                None => return err(start, "attribute name outside the source"),
            };
            // Attribute values come straight from the source text (the reader borrows it).
            let raw: &'a str = match &a.value {
                Cow::Borrowed(b) => match source_slice(text, b) {
                    Some(v) => v,
                    None => return err(start, "attribute value outside the source"),
                },
                Cow::Owned(_) => return err(start, "unexpected owned attribute value"),
            };
            // White space as written reads as spaces; references come after, so a
            // `&#10;` stays a newline.
            let value = self.normalised(normalize::attribute_whitespace(raw), start)?;
            if key == b"xmlns" || key.starts_with(b"xmlns:") {
                let prefix =
                    (key.len() > 5).then(|| String::from_utf8_lossy(&key[6..]).into_owned());
                let uri = self.intern(&value);
                let pstr = (key.len() > 5).then(|| self.src(&key[6..]));
                self.doc.decls.push(Decl { prefix: pstr, uri });
                self.scope.push((prefix, uri));
                continue;
            }
            let value = self.keep(value, raw.as_bytes());
            let (prefix, local) = split(key);
            pending.push((prefix, local, value));
        }
        let decls_len = self.doc.decls.len() as u32 - decl_start;
        let attr_start = self.doc.attrs.len() as u32;
        for &(prefix, local, value) in &pending {
            let ns = match prefix {
                None => NO_NS,
                Some(p) => self.resolve(Some(&String::from_utf8_lossy(p)), start)?,
            };
            let name = self.src(local);
            self.doc.attrs.push(AttrData { ns, name, value });
        }
        self.pending = pending;
        let attrs_len = self.doc.attrs.len() as u32 - attr_start;
        if attrs_len > u16::MAX as u32 || decls_len > u16::MAX as u32 {
            return err(start, "more than 65,535 attributes on one element");
        }
        let (prefix, local) = split(e.name().into_inner());
        let ns = self.resolve(prefix.map(|p| String::from_utf8_lossy(p)).as_deref(), start)?;
        let name = self.src(local);
        let offset = name.0 as usize - start;
        if offset > 0xFFFF || name.1 > 0xFFFF {
            return err(start, "element name longer than 65,535 bytes");
        }
        let mut data = NodeData::new(NodeType::Element, start, end, Str::EMPTY);
        data.ns = ns;
        data.a = attr_start;
        data.b = (offset as u32) << 16 | name.1;
        data.attrs_len = attrs_len as u16;
        let id = self.push_node(data)?;
        if decls_len > 0 {
            self.doc.decl_spans.push((id, decl_start, decls_len as u16));
        }
        self.open.push((id, NONE));
        if empty {
            self.end(end);
        }
        Ok(())
    }

    fn end(&mut self, end: usize) {
        if let Some((id, _)) = self.open.pop() {
            self.doc.nodes[id as usize].end = end as u32;
        }
        if let Some(mark) = self.marks.pop() {
            self.scope.truncate(mark);
        }
    }

    fn run(&mut self) -> Result<(), ParseError> {
        let mut reader = quick_xml::Reader::from_str(self.doc.text);
        reader.config_mut().check_end_names = true;
        reader.config_mut().check_comments = true;
        self.events(&mut reader, 0, false)?;
        self.finish()
    }

    /// Handles the events of `reader`, which reads the source from byte `base` on, to its
    /// end; with `root_open`, only until the root element's start tag is handled (then
    /// true).
    fn events(
        &mut self,
        reader: &mut quick_xml::Reader<&'a [u8]>,
        base: usize,
        root_open: bool,
    ) -> Result<bool, ParseError> {
        let text = self.doc.text;
        loop {
            let before = base + reader.buffer_position() as usize;
            let event = match reader.read_event() {
                Ok(e) => e,
                Err(e) => {
                    let msg = e.to_string();
                    let msg = msg.strip_prefix("ill-formed document: ").unwrap_or(&msg);
                    return err(base + reader.error_position() as usize, lower(msg));
                }
            };
            let after = base + reader.buffer_position() as usize;
            match event {
                Event::Start(e) => {
                    self.start(&e, before, after, false)?;
                    if root_open && self.open.len() == 2 {
                        return Ok(true);
                    }
                }
                Event::Empty(e) => self.start(&e, before, after, true)?,
                Event::End(e) => self.end_tag(e.name().into_inner(), before, after)?,
                Event::Text(t) => {
                    let Some(raw) = source_slice(text, t.as_ref()) else {
                        return err(before, "text outside the source");
                    };
                    let v = self.normalised(normalize::line_ends(raw), before)?;
                    let v = self.keep(v, t.as_ref());
                    self.text_node(v, before, after)?;
                }
                Event::CData(c) => {
                    let v = match source_slice(text, c.as_ref()).map(normalize::line_ends) {
                        Some(Cow::Owned(o)) => self.keep(Cow::Owned(o), c.as_ref()),
                        _ => self.src(c.as_ref()),
                    };
                    if self.open.len() == 1 && self.piece.is_none() {
                        return err(before, "CDATA outside the root element");
                    }
                    self.text_node(v, before, after)?;
                }
                Event::Comment(c) => {
                    let value = self.src(c.as_ref());
                    self.push_node(NodeData::new(NodeType::Comment, before, after, value))?;
                }
                Event::PI(p) => {
                    let target = p.target();
                    let name = self.src(target);
                    let content = p.content();
                    let value = self.src(content.trim_ascii_start());
                    let id = self.push_node(NodeData::new(NodeType::PI, before, after, name))?;
                    self.doc.pi_values.push((id, value));
                }
                Event::DocType(d) => {
                    if self.piece.is_some() {
                        return err(before, "a DOCTYPE inside the root element");
                    }
                    self.read_entities(&String::from_utf8_lossy(d.as_ref()))
                }
                Event::Decl(_) => {}
                Event::Eof => return Ok(false),
            }
        }
    }

    /// An end tag: the open element it closes (checked here when quick-xml does not), or,
    /// in a piece, one open where the piece starts.
    fn end_tag(&mut self, name: &[u8], before: usize, after: usize) -> Result<(), ParseError> {
        if let Some(piece) = &mut self.piece {
            piece.shallower();
            if self.open.len() == 1 {
                piece.close(before, after);
                // What follows is a child of the next element out.
                self.open[0].1 = NONE;
                return Ok(());
            }
        }
        if self.own_end_check {
            let (id, _) = *self.open.last().expect("the root is always open");
            if id == 0 || self.doc.qname(id) != name {
                return err(before, "an end tag that closes no open element");
            }
        }
        self.end(after);
        Ok(())
    }

    /// The checks at the end of the document.
    fn finish(&self) -> Result<(), ParseError> {
        let text = self.doc.text;
        if self.open.len() > 1 {
            let (id, _) = *self.open.last().expect("open");
            let name = self.doc.str(self.doc.nodes[id as usize].s()).to_string();
            return err(
                text.len(),
                format!("unexpected end of input: <{name}> is not closed"),
            );
        }
        if !self.doc.root_has_element() {
            return err(text.len(), "no root element");
        }
        Ok(())
    }

    /// Reads `<!ENTITY name "value">` declarations of an internal DTD subset. External
    /// entities (SYSTEM, PUBLIC) are never fetched and stay undeclared.
    fn read_entities(&mut self, dtd: &str) {
        let mut rest = dtd;
        while let Some(i) = rest.find("<!ENTITY") {
            rest = &rest[i + 8..];
            let mut words = rest.trim_start().splitn(2, char::is_whitespace);
            let name = words.next().unwrap_or("");
            let after = words.next().unwrap_or("").trim_start();
            if name == "%" {
                continue;
            }
            if after.starts_with("SYSTEM") || after.starts_with("PUBLIC") {
                let system = after
                    .split(['>'])
                    .next()
                    .unwrap_or("")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                self.external.insert(name.to_string(), system);
                continue;
            }
            let quote = after.chars().next();
            if let Some(q @ ('"' | '\'')) = quote {
                if let Some(end) = after[1..].find(q) {
                    let value = &after[1..1 + end];
                    if !value.contains('&') || value.contains("&#") {
                        let v = quick_xml::escape::unescape(value)
                            .map(|c| c.into_owned())
                            .unwrap_or_default();
                        self.entities.insert(name.to_string(), v);
                    }
                }
            }
        }
    }
}

impl Document<'_> {
    /// The qualified name of element `id` as its start tag spells it.
    fn qname(&self, id: u32) -> &[u8] {
        let d = &self.nodes[id as usize];
        let local_end = d.start + (d.b >> 16) + (d.b & 0xFFFF);
        &self.text.as_bytes()[d.start as usize + 1..local_end as usize]
    }

    fn root_has_element(&self) -> bool {
        // The root's first child, if any, is node 1.
        let mut c = if self.nodes.len() > 1 { 1 } else { NONE };
        while c != NONE {
            if self.nodes[c as usize].kind == NodeType::Element {
                return true;
            }
            c = self.nodes[c as usize].next;
        }
        false
    }
}

/// An attribute's prefix, local name and value, before its prefix is resolved.
type PendingAttr<'s> = (Option<&'s [u8]>, &'s [u8], Str);

/// `b` as a slice of `text` with its lifetime, when `b` lies inside it on character
/// boundaries.
fn source_slice<'a>(text: &'a str, b: &[u8]) -> Option<&'a str> {
    let start = (b.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    text.get(start..start.checked_add(b.len())?)
}

fn split(qname: &[u8]) -> (Option<&[u8]>, &[u8]) {
    match qname.iter().position(|&b| b == b':') {
        Some(i) => (Some(&qname[..i]), &qname[i + 1..]),
        None => (None, qname),
    }
}

fn lower(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A node of a [`Document`].
#[derive(Clone, Copy)]
pub struct Node<'d, 'a> {
    doc: &'d Document<'a>,
    id: u32,
}

impl PartialEq for Node<'_, '_> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && std::ptr::eq(self.doc, other.doc)
    }
}

impl std::fmt::Debug for Node<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Node({:?} {})", self.node_type(), self.tag_name().name())
    }
}

/// An element's expanded name.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct TagName<'d> {
    ns: Option<&'d str>,
    name: &'d str,
}

impl<'d> TagName<'d> {
    pub fn namespace(&self) -> Option<&'d str> {
        self.ns
    }
    pub fn name(&self) -> &'d str {
        self.name
    }
}

/// An attribute of an element.
#[derive(Clone, Copy)]
pub struct Attribute<'d> {
    ns: Option<&'d str>,
    name: &'d str,
    value: &'d str,
}

impl<'d> Attribute<'d> {
    pub fn namespace(&self) -> Option<&'d str> {
        self.ns
    }
    pub fn name(&self) -> &'d str {
        self.name
    }
    pub fn value(&self) -> &'d str {
        self.value
    }
}

/// A namespace binding in scope.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Namespace<'d> {
    prefix: Option<&'d str>,
    uri: &'d str,
}

impl<'d> Namespace<'d> {
    pub fn name(&self) -> Option<&'d str> {
        self.prefix
    }
    pub fn uri(&self) -> &'d str {
        self.uri
    }
}

impl<'d, 'a> Node<'d, 'a> {
    fn data(&self) -> &'d NodeData {
        &self.doc.nodes[self.id as usize]
    }

    fn at(&self, id: u32) -> Option<Node<'d, 'a>> {
        (id != NONE).then_some(Node { doc: self.doc, id })
    }

    pub fn document(&self) -> &'d Document<'a> {
        self.doc
    }

    pub fn id(&self) -> usize {
        self.id as usize
    }

    pub fn node_type(&self) -> NodeType {
        self.data().kind
    }

    pub fn is_element(&self) -> bool {
        self.data().kind == NodeType::Element
    }

    pub fn is_text(&self) -> bool {
        self.data().kind == NodeType::Text
    }

    /// Byte range of the node in the source.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.data().start as usize..self.data().end as usize
    }

    /// The node's source text, exactly as written.
    pub fn source(&self) -> &'a str {
        &self.doc.text[self.range()]
    }

    pub fn tag_name(&self) -> TagName<'d> {
        let d = self.data();
        match d.kind {
            NodeType::Element => TagName {
                ns: self.doc.uri(d.ns),
                name: self.doc.str(d.s()),
            },
            _ => TagName { ns: None, name: "" },
        }
    }

    pub fn has_tag_name(&self, name: &str) -> bool {
        self.is_element() && self.tag_name().name() == name
    }

    /// The value of an attribute in no namespace.
    pub fn attribute(&self, name: &str) -> Option<&'d str> {
        self.attributes()
            .find(|a| a.ns.is_none() && a.name == name)
            .map(|a| a.value)
    }

    pub fn attribute_ns(&self, ns: &str, name: &str) -> Option<&'d str> {
        self.attributes()
            .find(|a| a.ns == Some(ns) && a.name == name)
            .map(|a| a.value)
    }

    pub fn attributes(&self) -> impl ExactSizeIterator<Item = Attribute<'d>> + 'd {
        let doc = self.doc;
        let (s, n) = (self.data().a, self.data().attrs_len as u32);
        doc.attrs[s as usize..(s + n) as usize]
            .iter()
            .map(move |a| Attribute {
                ns: doc.uri(a.ns),
                name: doc.str(a.name),
                value: doc.str(a.value),
            })
    }

    /// Text of a text or comment node; for an element, its first child's text.
    pub fn text(&self) -> Option<&'d str> {
        match self.data().kind {
            NodeType::Text | NodeType::Comment => Some(self.doc.str(self.data().s())),
            NodeType::Element => self
                .children()
                .next()
                .filter(|c| c.is_text())
                .and_then(|c| c.text()),
            NodeType::Root | NodeType::PI => None,
        }
    }

    /// Target and value of a processing instruction.
    pub fn pi(&self) -> Option<(&'d str, &'d str)> {
        if self.data().kind != NodeType::PI {
            return None;
        }
        let value = self
            .doc
            .pi_values
            .iter()
            .find(|(id, _)| *id == self.id)
            .map_or("", |(_, v)| self.doc.str(*v));
        Some((self.doc.str(self.data().s()), value))
    }

    pub fn parent(&self) -> Option<Node<'d, 'a>> {
        self.at(self.data().parent)
    }

    pub fn has_children(&self) -> bool {
        self.first() != NONE
    }

    /// The first child: the next node in document order, when this is its parent.
    fn first(&self) -> u32 {
        let next = self.id + 1;
        match self.doc.nodes.get(next as usize) {
            Some(n) if n.parent == self.id => next,
            _ => NONE,
        }
    }

    pub fn children(&self) -> Siblings<'d, 'a> {
        Siblings {
            next: self.at(self.first()),
        }
    }

    /// Following siblings, not including this node.
    pub fn next_siblings(&self) -> Siblings<'d, 'a> {
        Siblings {
            next: self.at(self.data().next),
        }
    }

    /// Preceding siblings, nearest first, not including this node.
    pub fn prev_siblings(&self) -> impl Iterator<Item = Node<'d, 'a>> {
        let before: Vec<Node<'d, 'a>> = match self.parent() {
            Some(p) => p.children().take_while(|c| c.id != self.id).collect(),
            None => Vec::new(),
        };
        before.into_iter().rev()
    }

    /// This node and its ancestors, innermost first.
    pub fn ancestors(&self) -> impl Iterator<Item = Node<'d, 'a>> {
        std::iter::successors(Some(*self), |n| n.parent())
    }

    /// This node and everything below it, in document order.
    pub fn descendants(&self) -> impl Iterator<Item = Node<'d, 'a>> {
        let doc = self.doc;
        // Nodes are stored in document order and a subtree is contiguous.
        let end = self.subtree_end();
        (self.id..end).map(move |id| Node { doc, id })
    }

    fn subtree_end(&self) -> u32 {
        let mut n = *self;
        loop {
            if let Some(next) = n.at(n.data().next) {
                return next.id;
            }
            match n.parent() {
                Some(p) => n = p,
                None => return self.doc.nodes.len() as u32,
            }
        }
    }

    /// Namespace bindings in scope at this element, innermost declaration first for each
    /// prefix, `xml` excluded.
    pub fn namespaces(&self) -> Vec<Namespace<'d>> {
        let mut out: Vec<Namespace<'d>> = Vec::new();
        for n in self.ancestors().filter(|n| n.is_element()) {
            for d in n.decls() {
                let prefix = d.prefix.map(|p| self.doc.str(p));
                if !out.iter().any(|o| o.prefix == prefix) {
                    out.push(Namespace {
                        prefix,
                        uri: self.doc.uris[d.uri as usize].as_str(),
                    });
                }
            }
        }
        out.retain(|n| !n.uri.is_empty());
        out
    }

    /// Namespace declarations written on this element itself.
    pub fn own_namespaces(&self) -> Vec<Namespace<'d>> {
        self.decls()
            .iter()
            .map(|d| Namespace {
                prefix: d.prefix.map(|p| self.doc.str(p)),
                uri: self.doc.uris[d.uri as usize].as_str(),
            })
            .collect()
    }

    /// The namespace declarations written on this element.
    fn decls(&self) -> &'d [Decl] {
        let spans = &self.doc.decl_spans;
        match spans.binary_search_by_key(&self.id, |&(id, _, _)| id) {
            Ok(i) => {
                let (_, s, len) = spans[i];
                &self.doc.decls[s as usize..s as usize + len as usize]
            }
            Err(_) => &[],
        }
    }

    /// A prefix bound to `uri` here (`Some("")` for the default namespace).
    pub fn lookup_prefix(&self, uri: &str) -> Option<&'d str> {
        if uri == XML_NS {
            return Some("xml");
        }
        self.namespaces()
            .into_iter()
            .find(|n| n.uri == uri)
            .map(|n| n.prefix.unwrap_or(""))
    }
}

/// Iterator over siblings.
pub struct Siblings<'d, 'a> {
    next: Option<Node<'d, 'a>>,
}

impl<'d, 'a> Iterator for Siblings<'d, 'a> {
    type Item = Node<'d, 'a>;
    fn next(&mut self) -> Option<Node<'d, 'a>> {
        let n = self.next?;
        self.next = n.at(n.data().next);
        Some(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_to_an_external_or_unknown_entity_names_it_where_it_stands() {
        let text = "<!DOCTYPE a [\n<!ENTITY ext SYSTEM \"part.xml\">\n]>\n<a>x &ext; y</a>";
        let e = Document::parse(text).err().expect("not read");
        assert_eq!(&text[e.offset..e.offset + 5], "&ext;", "{}", e.message);
        assert!(
            e.message.contains("external") && e.message.contains("part.xml"),
            "{}",
            e.message
        );
        let text = "<a>x &nope; y</a>";
        let e = Document::parse(text).err().expect("not read");
        assert_eq!(&text[e.offset..e.offset + 6], "&nope;", "{}", e.message);
        assert!(e.message.contains("unknown entity 'nope'"), "{}", e.message);
    }

    #[test]
    fn a_bad_attribute_is_reported_where_it_is_not_where_its_tag_starts() {
        let text = "<a>\n<b x=\"1\"\ny=\"2\"z>t</b></a>";
        let e = Document::parse(text).err().expect("not well-formed");
        // At the `>` after `z`, the key missing its `=`.
        assert_eq!(&text[e.offset..e.offset + 1], ">", "{}", e.message);
        assert!(!e.message.contains("position"), "{}", e.message);
    }

    #[test]
    fn line_ends_and_attribute_white_space_are_normalised_before_references() {
        let src = "<a x=\"1\r\n2\t3&#10;4\" y=\"&#9;\">l1\r\nl2\rl3&#13;<![CDATA[c1\r\nc2]]></a>";
        let doc = Document::parse(src).unwrap();
        let a = doc.root_element();
        assert_eq!(a.attribute("x"), Some("1 2 3\n4"));
        assert_eq!(a.attribute("y"), Some("\t"));
        assert_eq!(a.text(), Some("l1\nl2\nl3\rc1\nc2"));
    }

    #[test]
    fn names_namespaces_text_and_ranges() {
        let src = "<?xml version=\"1.0\"?>\n<a xmlns=\"urn:a\" xmlns:b=\"urn:b\" x=\"1 &amp; 2\"><b:c xml:lang=\"en\">t&lt;u<![CDATA[<v>]]></b:c><!--c--><d/></a>";
        let doc = Document::parse(src).unwrap();
        let a = doc.root_element();
        assert_eq!(a.tag_name().namespace(), Some("urn:a"));
        assert_eq!(a.attribute("x"), Some("1 & 2"));
        let c = a.children().next().unwrap();
        assert_eq!(
            c.tag_name(),
            TagName {
                ns: Some("urn:b"),
                name: "c"
            }
        );
        assert_eq!(c.attribute_ns(XML_NS, "lang"), Some("en"));
        assert_eq!(c.text(), Some("t<u<v>"));
        assert_eq!(
            c.source(),
            "<b:c xml:lang=\"en\">t&lt;u<![CDATA[<v>]]></b:c>"
        );
        assert_eq!(a.children().count(), 3);
        assert_eq!(a.descendants().count(), 5);
        assert_eq!(c.lookup_prefix("urn:b"), Some("b"));
        // Derived links: previous siblings, nearest first; declarations per element.
        let d = a.children().last().unwrap();
        let before: Vec<NodeType> = d.prev_siblings().map(|n| n.node_type()).collect();
        assert_eq!(before, [NodeType::Comment, NodeType::Element]);
        assert_eq!(c.prev_siblings().count(), 0);
        assert_eq!(a.own_namespaces().len(), 2);
        assert!(c.own_namespaces().is_empty() && !d.has_children() && c.has_children());
        let d = a.children().last().unwrap();
        assert_eq!(d.prev_siblings().count(), 2);
        assert_eq!(d.range().end, src.len() - 4);
    }

    #[test]
    fn refuses_what_is_not_well_formed() {
        for bad in [
            "<a><b></a>",
            "<a>",
            "",
            "<a/><b/>",
            "<p:a/>",
            "text<a/>",
            "<a x='1' x='2'/>",
            "<a>&unknown;</a>",
        ] {
            assert!(Document::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn internal_entities_expand_within_bounds() {
        let ok = Document::parse("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;&e;</a>").unwrap();
        assert_eq!(ok.root_element().text(), Some("xx"));
        let mut bomb = String::from("<!DOCTYPE a [<!ENTITY e \"");
        bomb.push_str(&"x".repeat(10_000));
        bomb.push_str("\">]><a>");
        for _ in 0..200 {
            bomb.push_str("&e;");
        }
        bomb.push_str("</a>");
        assert!(Document::parse(&bomb).is_err());
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "<a>".repeat(300) + &"</a>".repeat(300);
        assert!(Document::parse(&deep).is_err());
    }
}
