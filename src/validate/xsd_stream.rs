//! XSD validation of a large document on two threads: one reads the XML (well-formedness,
//! namespaces, entity and line-end handling), the other feeds what it read to
//! xsd-schema's validation runtime through its push API, in the same calls and order as
//! xsd-schema's own streaming driver (`drive_quick_xml`) makes them.
//!
//! Why: with one thread, reading the XML is about a quarter of the time to validate a
//! large finding aid (perf on benches/validate.py's 20 MB EAD), and the second core is
//! idle. The reader here is deliberately narrow: whatever it is not sure to read exactly
//! as xsd-schema's reader would (a DOCTYPE, a name outside ASCII, a control character, an
//! undeclared prefix, anything not well-formed, ...) makes it give up, and the document is
//! validated again by xsd-schema's own driver, which reports it in its own words. A test
//! checks that both ways give the same diagnostics on every reference document and on
//! thousands of damaged copies.

use std::borrow::Cow;
use std::sync::mpsc;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use xsd_schema::namespace::NamespaceContextSnapshot;
use xsd_schema::validation::{ValidationRuntime, ValidationSink};
use xsd_schema::{NameId, SchemaSet};

use crate::format::{XML_NS, XSI_NS};
use crate::xml::normalize;

const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

/// How a pipelined run ended.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Piped {
    /// The whole document went through the runtime.
    Done,
    /// The reader gave up: validate the document with xsd-schema's driver instead, on a
    /// fresh runtime.
    GaveUp,
}

/// A piece of the bytes a batch carries (`strings[from..to]`).
#[derive(Clone, Copy)]
struct Span(u32, u32);

/// A name or namespace URI numbered by the reader (see [`Ev::Name`]).
type Id = u32;

/// No namespace.
const NO_NS: Id = Id::MAX;

enum Ev {
    /// The next name or namespace URI: the runtime's own number for it is looked up
    /// once, not for every element and attribute that uses it.
    Name(Span),
    /// The namespace bindings in scope changed: `bindings[from..to]` (prefix, URI; an
    /// empty prefix is the default namespace).
    Scope(u32, u32),
    Start {
        local: Id,
        ns: Id,
        xsi_type: Option<Span>,
        xsi_nil: Option<Span>,
        /// `attrs[from..to]`.
        attrs: (u32, u32),
        empty: bool,
    },
    End,
    /// A run of character data, and whether it is white space only.
    Text(Span, bool),
}

struct Attr {
    local: Id,
    ns: Id,
    value: Span,
}

#[derive(Default)]
struct Batch {
    events: Vec<Ev>,
    attrs: Vec<Attr>,
    bindings: Vec<(Span, Span)>,
    strings: String,
}

impl Batch {
    fn put(&mut self, s: &str) -> Span {
        let from = self.strings.len() as u32;
        self.strings.push_str(s);
        Span(from, self.strings.len() as u32)
    }

    fn get(&self, s: Span) -> &str {
        &self.strings[s.0 as usize..s.1 as usize]
    }

    fn clear(&mut self) {
        self.events.clear();
        self.attrs.clear();
        self.bindings.clear();
        self.strings.clear();
    }

    fn is_full(&self) -> bool {
        self.events.len() >= 4096 || self.strings.len() >= 256 * 1024
    }
}

enum Msg {
    Batch(Batch),
    End(Piped),
}

/// Validates `text` on two threads. Diagnostics go to `runtime`'s sink as with
/// xsd-schema's driver; after [`Piped::GaveUp`] they are partial and must be discarded.
pub(super) fn validate<S: ValidationSink>(
    text: &str,
    runtime: &mut ValidationRuntime<'_, S>,
    schema_set: &SchemaSet,
    max_depth: usize,
) -> Piped {
    let (to_runtime, from_reader) = mpsc::sync_channel::<Msg>(8);
    let (to_reader, spent) = mpsc::channel::<Batch>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut reader = Producer {
                out: to_runtime,
                spent,
                batch: Batch::default(),
                max_depth,
                ids: Default::default(),
                recent: Box::new(std::array::from_fn(|_| (Box::from(""), NO_NS))),
            };
            // A panic in this reader would be a bug in it; the driver still has the last
            // word, as when the reader gives up.
            let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| reader.read(text)));
            let outcome = match read {
                Ok(Ok(())) => Piped::Done,
                _ => Piped::GaveUp,
            };
            if outcome == Piped::Done {
                reader.flush();
            }
            // The receiver lives until this message arrives.
            let _ = reader.out.send(Msg::End(outcome));
        });
        let mut ns_context = NamespaceContextSnapshot::default();
        let mut ids = Vec::new();
        for msg in from_reader.iter() {
            let batch = match msg {
                Msg::Batch(b) => b,
                Msg::End(outcome) => return outcome,
            };
            feed(&batch, runtime, schema_set, &mut ns_context, &mut ids);
            let _ = to_reader.send(batch);
        }
        // Not reached: the reader always ends with a message.
        Piped::GaveUp
    })
}

/// The runtime calls for one batch, as xsd-schema's driver makes them.
fn feed<S: ValidationSink>(
    b: &Batch,
    runtime: &mut ValidationRuntime<'_, S>,
    schema_set: &SchemaSet,
    ns_context: &mut NamespaceContextSnapshot,
    ids: &mut Vec<NameId>,
) {
    let ns = |ids: &[NameId], id: Id| (id != NO_NS).then(|| ids[id as usize]);
    for ev in &b.events {
        match *ev {
            Ev::Name(s) => ids.push(schema_set.name_table.add(b.get(s))),
            Ev::Scope(from, to) => {
                let names = &schema_set.name_table;
                *ns_context = NamespaceContextSnapshot::default();
                for &(prefix, uri) in &b.bindings[from as usize..to as usize] {
                    let (prefix, uri) = (b.get(prefix), b.get(uri));
                    if uri.is_empty() || prefix == "xml" || prefix == "xmlns" {
                        continue;
                    }
                    if prefix.is_empty() {
                        ns_context.default_ns = Some(names.add(uri));
                    } else {
                        ns_context
                            .bindings
                            .push((names.add(prefix), names.add(uri)));
                    }
                }
            }
            Ev::Start {
                local,
                ns: ns_id,
                xsi_type,
                xsi_nil,
                attrs,
                empty,
            } => {
                // The value-free variants: the same steps as the driver's calls (xsd-schema
                // documents them so), without building the `SchemaInfo`s and the list of
                // defaulted attributes that nothing here reads.
                runtime.validate_element_by_id_novalue(
                    ids[local as usize],
                    ns(ids, ns_id),
                    xsi_type.map(|s| b.get(s)),
                    xsi_nil.map(|s| b.get(s)),
                    ns_context,
                );
                for a in &b.attrs[attrs.0 as usize..attrs.1 as usize] {
                    runtime.validate_attribute_by_id(
                        ids[a.local as usize],
                        ns(ids, a.ns),
                        b.get(a.value),
                    );
                }
                runtime.validate_end_of_attributes_novalue();
                if empty {
                    runtime.validate_end_element_novalue();
                }
            }
            Ev::End => {
                runtime.validate_end_element_novalue();
            }
            Ev::Text(s, true) => runtime.validate_whitespace(b.get(s)),
            Ev::Text(s, false) => runtime.validate_text(b.get(s)),
        }
    }
}

/// The reader gives up (`Err`) on anything it does not read exactly as xsd-schema would.
struct GiveUp;

type Read<T> = Result<T, GiveUp>;

fn ensure(ok: bool) -> Read<()> {
    if ok {
        Ok(())
    } else {
        Err(GiveUp)
    }
}

struct Producer {
    out: mpsc::SyncSender<Msg>,
    spent: mpsc::Receiver<Batch>,
    batch: Batch,
    max_depth: usize,
    ids: std::collections::HashMap<String, Id>,
    /// The names met last, in front of `ids` (see [`Producer::id`]).
    recent: Box<[(Box<str>, Id); RECENT]>,
}

/// Slots of [`Producer::recent`].
const RECENT: usize = 256;

/// Which slot of [`Producer::recent`] holds `name`, if it is there: a mix of its
/// length and three of its bytes (a name is never empty here).
fn recent_slot(name: &[u8]) -> usize {
    let n = name.len();
    let mix = n.wrapping_mul(31)
        ^ usize::from(name[0])
        ^ (usize::from(name[n / 2]) << 2)
        ^ (usize::from(name[n - 1]) << 4);
    mix % RECENT
}

/// A namespace binding in scope while reading (declarations are few: owned).
struct Binding {
    prefix: String,
    uri: String,
}

impl Producer {
    fn flush(&mut self) {
        let fresh = self.spent.try_recv().unwrap_or_default();
        let full = std::mem::replace(&mut self.batch, fresh);
        self.batch.clear();
        let _ = self.out.send(Msg::Batch(full));
    }

    /// The number of a name or namespace URI, announced to the runtime's side the first
    /// time. (Announced without a flush: it may sit between an element's attributes and
    /// the element, which must travel in one batch.)
    fn id(&mut self, name: &str) -> Id {
        if name.is_empty() {
            return NO_NS;
        }
        // Why: every element looks up its name and namespace URI and every attribute
        // its name, and a document uses few distinct ones, so SipHash over the same few
        // strings was a sixth of this thread (callgrind, 20 MB EAD 2002). A direct-mapped
        // slot answers most of them with one comparison; `ids` (keyed SipHash, safe
        // against a document made of colliding names) stays the authority.
        let slot = recent_slot(name.as_bytes());
        let (seen, id) = &self.recent[slot];
        if **seen == *name {
            return *id;
        }
        let id = match self.ids.get(name) {
            Some(&id) => id,
            None => {
                let id = self.ids.len() as Id;
                self.ids.insert(name.to_string(), id);
                let span = self.batch.put(name);
                self.batch.events.push(Ev::Name(span));
                id
            }
        };
        self.recent[slot] = (Box::from(name), id);
        id
    }

    fn emit(&mut self, ev: Ev) {
        self.batch.events.push(ev);
        if self.batch.is_full() {
            self.flush();
        }
    }

    fn read(&mut self, text: &str) -> Read<()> {
        // Batches address their text with 32-bit offsets.
        ensure(text.len() < u32::MAX as usize)?;
        // Characters XML 1.0 does not allow, which this reader does not look for itself.
        ensure(
            !text
                .bytes()
                .any(|b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
                && !text.contains(['\u{FFFE}', '\u{FFFF}', '\u{FEFF}']),
        )?;
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.check_comments = true;
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text(false);

        let mut bindings: Vec<Binding> = vec![Binding {
            prefix: "xml".into(),
            uri: XML_NS.into(),
        }];
        // Where each open element's own declarations start in `bindings`.
        let mut marks: Vec<usize> = Vec::new();
        let mut pending = String::new();
        let (mut seen_root, mut first, mut nodes) = (false, true, 0u64);
        loop {
            let event = reader.read_event().map_err(|_| GiveUp)?;
            let at_start = std::mem::replace(&mut first, false);
            // xsd-schema's reader stops at 50,000,000 nodes (as crosswalk sets it).
            nodes += 1;
            ensure(nodes < 40_000_000)?;
            let depth = marks.len();
            if !matches!(event, Event::Text(_)) || depth == 0 {
                self.flush_text(&mut pending);
            }
            match event {
                Event::Start(_) | Event::Empty(_) if depth == 0 && seen_root => return Err(GiveUp),
                Event::Start(e) => {
                    ensure(depth < self.max_depth)?;
                    seen_root = true;
                    marks.push(bindings.len());
                    self.start(text, &e, &mut bindings, false)?;
                }
                Event::Empty(e) => {
                    ensure(depth < self.max_depth)?;
                    seen_root = true;
                    let mark = bindings.len();
                    self.start(text, &e, &mut bindings, true)?;
                    self.end_scope(&mut bindings, mark);
                }
                Event::End(_) => {
                    let mark = marks.pop().ok_or(GiveUp)?;
                    self.emit(Ev::End);
                    self.end_scope(&mut bindings, mark);
                }
                Event::Text(e) => {
                    let raw = as_text(text, &e)?;
                    if depth == 0 {
                        ensure(
                            raw.bytes()
                                .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')),
                        )?;
                    } else {
                        ensure(!raw.contains("]]>"))?;
                        pending.push_str(&character_data(raw)?);
                    }
                }
                Event::CData(e) => {
                    ensure(depth > 0)?;
                    let raw = std::str::from_utf8(&e).map_err(|_| GiveUp)?;
                    ensure(!raw.contains('\r'))?;
                    let s = self.batch.put(raw);
                    self.emit(Ev::Text(s, false));
                }
                Event::Comment(_) => {}
                Event::PI(e) => {
                    let target = e.target();
                    ensure(!target.eq_ignore_ascii_case(b"xml") && is_ascii_name(target))?;
                }
                Event::Decl(d) => {
                    ensure(at_start)?;
                    ensure(plain_declaration(
                        std::str::from_utf8(&d).map_err(|_| GiveUp)?,
                    ))?;
                }
                Event::DocType(_) => return Err(GiveUp),
                Event::Eof => {
                    ensure(seen_root && depth == 0)?;
                    return Ok(());
                }
            }
        }
    }

    /// A run of character data, sent as xsd-schema's driver sends it: whole, and marked
    /// white space only by the same test.
    fn flush_text(&mut self, pending: &mut String) {
        if pending.is_empty() {
            return;
        }
        let ws = pending.chars().all(char::is_whitespace);
        let s = self.batch.put(pending);
        pending.clear();
        self.emit(Ev::Text(s, ws));
    }

    fn start<'t>(
        &mut self,
        text: &'t str,
        e: &BytesStart,
        bindings: &mut Vec<Binding>,
        empty: bool,
    ) -> Read<()> {
        let name = qname(as_text(text, e.name().into_inner())?)?;
        ensure(attributes_spaced(e.attributes_raw()))?;
        let mark = bindings.len();
        let mut attributes: Vec<(&'t str, Cow<'t, str>)> = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|_| GiveUp)?;
            let key = qname(as_text(text, a.key.into_inner())?)?;
            let value = match a.value {
                Cow::Borrowed(v) => as_text(text, v)?,
                Cow::Owned(_) => return Err(GiveUp),
            };
            ensure(!value.contains('<') && attributes.len() < 65_000)?;
            let value = attribute_value(value)?;
            let key: &str = key;
            let declared = match key.split_once(':') {
                None if key == "xmlns" => Some(""),
                Some(("xmlns", prefix)) => Some(prefix),
                _ => None,
            };
            match declared {
                Some(prefix) => {
                    // Namespaces in XML 1.0 §3: `xml` keeps its namespace, `xmlns` is
                    // never declared, no other prefix takes either, and only the
                    // default namespace may be undeclared.
                    ensure(prefix != "xmlns" && value != XMLNS_NS)?;
                    ensure((prefix == "xml") == (value == XML_NS))?;
                    ensure(prefix.is_empty() || !value.is_empty())?;
                    bindings.push(Binding {
                        prefix: prefix.to_string(),
                        uri: value.into_owned(),
                    });
                }
                None => attributes.push((key, value)),
            }
        }
        if bindings.len() > mark {
            self.scope(bindings);
        }
        let (local, ns) = resolve(bindings, name, true)?;
        let (local, ns) = (self.id(local), self.id(ns));
        let from = self.batch.attrs.len() as u32;
        let (mut xsi_type, mut xsi_nil) = (None, None);
        let mut seen: Vec<(&str, &str)> = Vec::with_capacity(attributes.len());
        for (key, value) in &attributes {
            let (a_local, a_ns) = resolve(bindings, key, false)?;
            ensure(!seen.contains(&(a_local, a_ns)))?;
            seen.push((a_local, a_ns));
            let value = self.batch.put(value);
            if a_ns == XSI_NS {
                match a_local {
                    "type" => xsi_type = Some(value),
                    "nil" => xsi_nil = Some(value),
                    _ => {}
                }
            }
            let attr = Attr {
                local: self.id(a_local),
                ns: self.id(a_ns),
                value,
            };
            self.batch.attrs.push(attr);
        }
        let to = self.batch.attrs.len() as u32;
        self.emit(Ev::Start {
            local,
            ns,
            xsi_type,
            xsi_nil,
            attrs: (from, to),
            empty,
        });
        Ok(())
    }

    /// Leaves an element whose declarations start at `mark`.
    fn end_scope(&mut self, bindings: &mut Vec<Binding>, mark: usize) {
        if bindings.len() > mark {
            bindings.truncate(mark);
            self.scope(bindings);
        }
    }

    /// Sends the bindings now in scope, the innermost for each prefix.
    fn scope(&mut self, bindings: &[Binding]) {
        let from = self.batch.bindings.len() as u32;
        for (i, b) in bindings.iter().enumerate() {
            if bindings[i + 1..]
                .iter()
                .any(|later| later.prefix == b.prefix)
            {
                continue;
            }
            let pair = (self.batch.put(&b.prefix), self.batch.put(&b.uri));
            self.batch.bindings.push(pair);
        }
        let to = self.batch.bindings.len() as u32;
        self.emit(Ev::Scope(from, to));
    }
}

/// The local name and namespace URI of a QName; unprefixed attributes are in no
/// namespace, unprefixed elements in the default one.
fn resolve<'n>(bindings: &'n [Binding], name: &'n str, element: bool) -> Read<(&'n str, &'n str)> {
    let (prefix, local) = match name.split_once(':') {
        Some((p, l)) => (p, l),
        None if !element => return Ok((name, "")),
        None => ("", name),
    };
    match bindings.iter().rev().find(|b| b.prefix == prefix) {
        Some(b) if !b.uri.is_empty() || prefix.is_empty() => Ok((local, &b.uri)),
        None if prefix.is_empty() => Ok((local, "")),
        _ => Err(GiveUp),
    }
}

/// An XML declaration of version 1.0 in UTF-8, written strictly as XML 1.0 §2.8 [23] has
/// it: `xml`, then version, encoding and standalone in that order, each after white space.
fn plain_declaration(decl: &str) -> bool {
    let Some(mut rest) = decl.strip_prefix("xml") else {
        return false;
    };
    let space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    let mut expected = ["version", "encoding", "standalone"].into_iter();
    let mut seen_version = false;
    loop {
        let trimmed = rest.trim_start_matches(space);
        if trimmed.is_empty() {
            return seen_version;
        }
        if trimmed.len() == rest.len() {
            return false;
        }
        let Some((name, after)) = trimmed.split_once('=') else {
            return false;
        };
        let name = name.trim_end_matches(space);
        if !expected.by_ref().any(|e| e == name) {
            return false;
        }
        let after = after.trim_start_matches(space);
        let Some(quote) = after.chars().next().filter(|q| matches!(q, '"' | '\'')) else {
            return false;
        };
        let Some((value, tail)) = after[1..].split_once(quote) else {
            return false;
        };
        let ok = match name {
            "version" => value == "1.0",
            "encoding" => value.eq_ignore_ascii_case("utf-8"),
            _ => matches!(value, "yes" | "no"),
        };
        if !ok {
            return false;
        }
        seen_version |= name == "version";
        if !seen_version {
            return false;
        }
        rest = tail;
    }
}

/// Whether white space follows every quoted value in a tag (`a="1"b="2"` is not XML,
/// though quick-xml reads it).
fn attributes_spaced(raw: &[u8]) -> bool {
    let mut quote = None;
    let mut after_value = false;
    for &b in raw {
        match quote {
            Some(q) if b == q => {
                quote = None;
                after_value = true;
            }
            Some(_) => {}
            None => {
                if after_value && !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'/') {
                    return false;
                }
                after_value = false;
                if b == b'"' || b == b'\'' {
                    quote = Some(b);
                }
            }
        }
    }
    true
}

/// `bytes`, which quick-xml read from `text`, as the `&str` they are there.
///
/// Why: quick-xml reading a `&str` hands out slices of it, cut at ASCII delimiters, so
/// they are already UTF-8; checking them again with `from_utf8` was 7% of this thread
/// (callgrind, 20 MB EAD 2002). Slicing `text` at their offset checks only the two
/// ends. Bytes from anywhere else (never, with this reader) make the reader give up,
/// like the owned values it does not expect either.
fn as_text<'t>(text: &'t str, bytes: &[u8]) -> Read<&'t str> {
    let start = (bytes.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    match text.get(start..start.wrapping_add(bytes.len())) {
        // Same address and length: the very bytes.
        Some(s) if s.as_ptr() == bytes.as_ptr() && s.len() == bytes.len() => Ok(s),
        _ => Err(GiveUp),
    }
}

/// A name of ASCII letters, digits and `_.-`, with at most one colon inside it.
fn qname(name: &str) -> Read<&str> {
    // One pass over the bytes: the parts around the first colon are names, and a
    // name has no colon, so a second one fails.
    let b = name.as_bytes();
    let ok = match b.iter().position(|&c| c == b':') {
        None => is_ascii_name(b),
        Some(i) => is_ascii_name(&b[..i]) && is_ascii_name(&b[i + 1..]),
    };
    ensure(ok)?;
    Ok(name)
}

fn is_ascii_name(s: &[u8]) -> bool {
    match s.split_first() {
        Some((first, rest)) => {
            (first.is_ascii_alphabetic() || *first == b'_')
                && rest
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        }
        None => false,
    }
}

/// Character data as the application sees it: line ends normalised, then references
/// replaced.
fn character_data(raw: &str) -> Read<Cow<'_, str>> {
    unescape(normalize::line_ends(raw))
}

/// An attribute value as the application sees it: white space normalised, then references
/// replaced (a `&#10;` stays a newline).
fn attribute_value(raw: &str) -> Read<Cow<'_, str>> {
    unescape(normalize::attribute_whitespace(raw))
}

/// The five predefined entities and character references; anything else (a reference
/// to a declared entity, a character XML does not allow) gives up.
fn unescape(raw: Cow<'_, str>) -> Read<Cow<'_, str>> {
    if !raw.contains('&') {
        return Ok(raw);
    }
    let out = quick_xml::escape::unescape(&raw)
        .map_err(|_| GiveUp)?
        .into_owned();
    ensure(out.chars().all(|c| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
    }))?;
    Ok(Cow::Owned(out))
}
