//! XInclude 1.0 (`xi:include`, `xi:fallback`), resolved before a document is read or
//! validated, the way `xmllint --xinclude` does it, for local files only.
//!
//! The document's text is copied with each `xi:include` element's byte range replaced by
//! what it includes, so the result is again one XML text for the normal pipeline:
//! - `parse="xml"` (the default): the target's root element, or with `xpointer` the element
//!   it names (a bare name `abc`, `element(abc)`, `element(/1/2)`, `element(abc/3)` or
//!   `xpointer(id('abc'))`, matched against `xml:id` or `id`), written with every namespace
//!   in scope in its source declared on it and, when the target is in another folder,
//!   an `xml:base` giving its path (as xmllint writes it);
//! - no `href` (or an empty one) with an `xpointer`: that element of the including
//!   document itself, with the includes inside it resolved (an element holding the
//!   include is a loop);
//! - `parse="text"`: the file's text, escaped (`encoding` UTF-8, UTF-16, ISO-8859-1 or
//!   windows-1252; UTF-8 when omitted);
//! - when the target cannot be read, parsed or the xpointer selects nothing, the children
//!   of `xi:fallback` replace the include; without a fallback it is an error.
//!
//! Targets are resolved against the including file's folder (the current folder for
//! standard input) and never fetched over a network. Includes in included documents and
//! in fallbacks are resolved too; a file that includes itself, directly or through
//! others, is an error naming it, and nesting is bounded by [`MAX_DEPTH`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::source_map::{Cursor, Mapped};
use super::tree::Node;
use crate::error::{Error, ErrorKind, Pos, Result};
use crate::format::XML_NS;

/// The XInclude namespace.
pub const XI_NS: &str = "http://www.w3.org/2001/XInclude";

/// Deepest nesting of included documents.
pub const MAX_DEPTH: usize = 50;

/// Resolves every XInclude of `text`, the content of the file `path` (`None`: standard
/// input, whose includes resolve against the current folder), named `shown` in errors.
/// A text that does not mention the XInclude namespace is returned as it is.
pub fn resolve(text: &str, path: Option<&Path>, shown: &str) -> Result<String> {
    resolve_mapped(text, path, shown).map(|m| m.text)
}

/// [`resolve`], with the origin of each part of the result, to report positions in the
/// files the user wrote.
pub fn resolve_mapped(text: &str, path: Option<&Path>, shown: &str) -> Result<Mapped> {
    let mut r = Resolver {
        stack: Vec::new(),
        included: 0,
    };
    if let Some(p) = path {
        r.stack.push(canonical(p));
    }
    r.expand(text, path, shown, 0)
}

struct Resolver {
    /// The documents being expanded, outermost first.
    stack: Vec<PathBuf>,
    /// Bytes included so far, at every level.
    included: usize,
}

/// Most text all includes may add up to, so that a few files including each other many
/// times over cannot exhaust memory.
pub const MAX_INCLUDED: usize = 1 << 30;

/// Why an include failed: a resource error gives way to the fallback, a fatal one does not.
enum Failure {
    Resource(Error),
    Fatal(Error),
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

fn at(doc_text: &str, node: Node, shown: &str, message: String) -> Error {
    Error::at(
        ErrorKind::Syntax,
        Pos::from_offset(doc_text, node.range().start),
        message,
    )
    .in_file(shown)
}

fn is_xi(node: Node, name: &str) -> bool {
    node.is_element()
        && node.tag_name().namespace() == Some(XI_NS)
        && node.tag_name().name() == name
}

impl Resolver {
    /// The whole text with its includes resolved.
    fn expand(
        &mut self,
        text: &str,
        path: Option<&Path>,
        shown: &str,
        depth: usize,
    ) -> Result<Mapped> {
        let file: Arc<str> = shown.into();
        let mut out = Mapped::default();
        if !text.contains(XI_NS) {
            out.push_source(text, 0..text.len(), &file, &mut Cursor::default());
            return Ok(out);
        }
        let doc = super::parse(text).map_err(|e| e.in_file(shown))?;
        let ctx = Ctx {
            text: doc.input_text(),
            path,
            shown,
            file: &file,
            depth,
        };
        let offset = text.len() - ctx.text.len();
        let body = self.copy(&ctx, doc.root(), 0..ctx.text.len(), &[])?;
        out.push_source(text, 0..offset, &file, &mut Cursor::default());
        out.push_mapped(body);
        Ok(out)
    }

    /// The source of `range` (inside `within`), with each `xi:include` in it replaced and
    /// `inserts` (offset, text) put in.
    fn copy(
        &mut self,
        ctx: &Ctx,
        within: Node,
        range: std::ops::Range<usize>,
        inserts: &[(usize, String)],
    ) -> Result<Mapped> {
        let mut edits: Vec<(std::ops::Range<usize>, Mapped)> = inserts
            .iter()
            .map(|(at, s)| (*at..*at, Mapped::made(s.clone())))
            .collect();
        let mut skip_to = 0;
        for n in within.descendants() {
            let r = n.range();
            if !n.is_element() || r.start < range.start || r.end > range.end || r.start < skip_to {
                continue;
            }
            if is_xi(n, "include") {
                let with = self.include(ctx, n)?;
                self.included += with.text.len();
                if self.included > MAX_INCLUDED {
                    return Err(at(
                        ctx.text,
                        n,
                        ctx.shown,
                        format!(
                            "xi:include: more than {} MiB included in all",
                            MAX_INCLUDED >> 20
                        ),
                    ));
                }
                edits.push((r.clone(), with));
                skip_to = r.end;
            } else if is_xi(n, "fallback") {
                return Err(at(
                    ctx.text,
                    n,
                    ctx.shown,
                    "xi:fallback is not a child of xi:include".into(),
                ));
            }
        }
        edits.sort_by_key(|(r, _)| (r.start, r.end));
        let mut out = Mapped::default();
        let mut cursor = Cursor::default();
        let mut pos = range.start;
        for (r, s) in edits {
            // An insert inside an include that was replaced.
            if r.start < pos {
                continue;
            }
            out.push_source(ctx.text, pos..r.start, ctx.file, &mut cursor);
            out.push_mapped(s);
            pos = r.end;
        }
        out.push_source(ctx.text, pos..range.end, ctx.file, &mut cursor);
        Ok(out)
    }

    /// What an `xi:include` element is replaced by.
    fn include(&mut self, ctx: &Ctx, node: Node) -> Result<Mapped> {
        let err = |m: String| at(ctx.text, node, ctx.shown, m);
        let mut fallback = None;
        for c in node.children().filter(|c| c.is_element()) {
            if is_xi(c, "fallback") {
                if fallback.is_some() {
                    return Err(err("xi:include has more than one xi:fallback".into()));
                }
                fallback = Some(c);
            } else if is_xi(c, "include") {
                return Err(err(
                    "xi:include inside xi:include (outside xi:fallback)".into()
                ));
            }
        }
        let loaded = self.load(ctx, node);
        match loaded {
            Ok(s) => Ok(s),
            Err(Failure::Fatal(e)) => Err(e),
            Err(Failure::Resource(mut e)) => match fallback {
                None => {
                    e.message.push_str(", and there is no xi:fallback");
                    Err(e)
                }
                Some(f) => self.fallback(ctx, node, f),
            },
        }
    }

    /// The children of `xi:fallback`, with the namespaces declared on the include or the
    /// fallback (which are dropped) declared on each child element.
    fn fallback(&mut self, ctx: &Ctx, include: Node, fallback: Node) -> Result<Mapped> {
        let (Some(first), Some(last)) = (fallback.children().next(), fallback.children().last())
        else {
            return Ok(Mapped::default());
        };
        let outer: Vec<_> = include
            .parent()
            .map(|p| p.namespaces())
            .unwrap_or_default()
            .into_iter()
            .map(|n| (n.name(), n.uri()))
            .collect();
        let mut decls = String::new();
        for ns in fallback.namespaces() {
            if outer.contains(&(ns.name(), ns.uri())) {
                continue;
            }
            match ns.name() {
                Some(p) => decls.push_str(&format!(" xmlns:{p}=\"")),
                None => decls.push_str(" xmlns=\""),
            }
            super::escape_into(&mut decls, ns.uri(), true);
            decls.push('"');
        }
        let mut inserts = Vec::new();
        if !decls.is_empty() {
            for c in fallback.children().filter(|c| c.is_element()) {
                let src = c.source();
                let name_end = src[1..]
                    .find(|ch: char| ch.is_whitespace() || ch == '>' || ch == '/')
                    .map_or(src.len(), |i| i + 1);
                inserts.push((c.range().start + name_end, decls.clone()));
            }
        }
        self.copy(
            ctx,
            fallback,
            first.range().start..last.range().end,
            &inserts,
        )
    }

    fn load(&mut self, ctx: &Ctx, node: Node) -> std::result::Result<Mapped, Failure> {
        let fatal = |m: String| Failure::Fatal(at(ctx.text, node, ctx.shown, m));
        let resource = |m: String| Failure::Resource(at(ctx.text, node, ctx.shown, m));
        let parse = node.attribute("parse").unwrap_or("xml");
        if parse != "xml" && parse != "text" {
            return Err(fatal(format!(
                "invalid value \"{parse}\" of parse on xi:include: expected \"xml\" or \"text\""
            )));
        }
        let href = node.attribute("href").unwrap_or("");
        let xpointer = node.attribute("xpointer");
        if href.contains('#') {
            return Err(fatal(format!(
                "href \"{href}\" has a fragment identifier: use the xpointer attribute"
            )));
        }
        if href.is_empty() {
            return match (parse, xpointer) {
                ("xml", Some(xp)) => self.local(ctx, node, xp),
                _ => Err(fatal(
                    "xi:include has no href: the document would include itself".into(),
                )),
            };
        }
        if parse == "text" && xpointer.is_some() {
            return Err(fatal("xpointer is not allowed with parse=\"text\"".into()));
        }
        if ctx.depth >= MAX_DEPTH {
            return Err(fatal(format!(
                "xi:include nested deeper than {MAX_DEPTH} documents"
            )));
        }
        let target = target_path(ctx.path, href).map_err(resource)?;
        let shown = target.display().to_string();
        let bytes = std::fs::read(&target).map_err(|e| {
            let why = match e.kind() {
                std::io::ErrorKind::NotFound if shown == href => "not found".to_string(),
                std::io::ErrorKind::NotFound => format!("{shown} not found"),
                _ => crate::pipeline::io_message(&format!("cannot read {}", target.display()), &e),
            };
            resource(format!("cannot include {href}: {why}"))
        })?;
        if parse == "text" {
            let text = decode_text(bytes, node.attribute("encoding"))
                .map_err(|m| resource(format!("cannot include {href} as text: {m}")))?;
            let mut out = String::with_capacity(text.len());
            super::escape_into(&mut out, &text, false);
            // Escaping adds no line break: lines of the text map one to one.
            let start = crate::error::Pos { line: 1, column: 1 };
            return Ok(Mapped::from_file(out, &shown.as_str().into(), start));
        }
        let key = canonical(&target);
        if self.stack.contains(&key) {
            return Err(fatal(format!(
                "inclusion loop: {shown} includes itself (through {href})"
            )));
        }
        let text = super::decode_owned(bytes).map_err(|e| Failure::Resource(e.in_file(&shown)))?;
        // A target that is not well-formed is a failed resource (the fallback applies); a
        // loop or a failed include inside it stays an error whatever the fallback.
        if text.contains(XI_NS) {
            super::parse(&text).map_err(|e| Failure::Resource(e.in_file(&shown)))?;
        }
        self.stack.push(key);
        let expanded = self.expand(&text, Some(&target), &shown, ctx.depth + 1);
        self.stack.pop();
        let expanded = expanded.map_err(Failure::Fatal)?;
        let doc = super::parse(&expanded.text).map_err(|e| Failure::Resource(e.in_file(&shown)))?;
        // The parsed text may lack a byte order mark the expanded text starts with.
        let skipped = expanded.text.len() - doc.input_text().len();
        let element = match xpointer {
            None => doc.root_element(),
            Some(xp) => match select(doc.root_element(), xp) {
                Err(m) => return Err(fatal(m)),
                Ok(None) => {
                    return Err(resource(format!(
                        "xpointer \"{xp}\" selects no element in {href}"
                    )))
                }
                Ok(Some(e)) => e,
            },
        };
        let mut out = super::serialize_node(element);
        let mut extra = String::new();
        // An element in no namespace must not fall into the including context's default.
        let default_here = node.namespaces().iter().any(|n| n.name().is_none());
        let has_default = element.namespaces().iter().any(|n| n.name().is_none())
            || element.own_namespaces().iter().any(|n| n.name().is_none());
        if default_here && !has_default {
            extra.push_str(" xmlns=\"\"");
        }
        if let Some(base) = base_of(href) {
            if element.attribute_ns(XML_NS, "base").is_none() {
                extra.push_str(" xml:base=\"");
                super::escape_into(&mut extra, &base, true);
                extra.push('"');
            }
        }
        if !extra.is_empty() {
            let name_end = out[1..]
                .find(|ch: char| ch.is_whitespace() || ch == '>' || ch == '/')
                .map_or(out.len(), |i| i + 1);
            out.insert_str(name_end, &extra);
        }
        // The element's source, as written, with declarations added to its start tag: the
        // parts copied keep their origin. (An element re-serialised because it uses a
        // DTD's entities is known only by where it starts.)
        let r = element.range();
        let (a, b) = (r.start + skipped, r.end + skipped);
        let src = &expanded.text[a..b];
        let name_end = src[1..]
            .find(|ch: char| ch.is_whitespace() || ch == '>' || ch == '/')
            .map_or(src.len(), |i| i + 1);
        if out.len() >= src.len()
            && out.starts_with(&src[..name_end])
            && out.ends_with(&src[name_end..])
        {
            let added = out[name_end..out.len() - (src.len() - name_end)].to_string();
            let mut mapped = expanded.slice(a..a + name_end);
            mapped.push_mapped(Mapped::made(added));
            mapped.push_mapped(expanded.slice(a + name_end..b));
            return Ok(mapped);
        }
        Ok(match expanded.origin_at(a) {
            Some((file, pos)) => Mapped::from_file(out, &file, pos),
            None => Mapped::made(out),
        })
    }
}

impl Resolver {
    /// An element of the including document itself (`href=""` with an xpointer), with
    /// the includes inside it resolved.
    fn local(&mut self, ctx: &Ctx, node: Node, xp: &str) -> std::result::Result<Mapped, Failure> {
        let fatal = |m: String| Failure::Fatal(at(ctx.text, node, ctx.shown, m));
        if ctx.depth >= MAX_DEPTH {
            return Err(fatal(format!(
                "xi:include nested deeper than {MAX_DEPTH} documents"
            )));
        }
        let element = match select(node.document().root_element(), xp) {
            Err(m) => return Err(fatal(m)),
            Ok(None) => {
                return Err(Failure::Resource(at(
                    ctx.text,
                    node,
                    ctx.shown,
                    format!("xpointer \"{xp}\" selects no element in this document"),
                )))
            }
            Ok(Some(e)) => e,
        };
        let (r, inside) = (element.range(), node.range());
        if r.start <= inside.start && inside.end <= r.end {
            return Err(fatal(format!(
                "inclusion loop: xpointer \"{xp}\" selects an element that holds this xi:include"
            )));
        }
        let own = element.own_namespaces();
        let mut decls = String::new();
        for ns in element.namespaces() {
            if own.iter().any(|o| o.name() == ns.name()) {
                continue;
            }
            match ns.name() {
                Some(p) => decls.push_str(&format!(" xmlns:{p}=\"")),
                None => decls.push_str(" xmlns=\""),
            }
            super::escape_into(&mut decls, ns.uri(), true);
            decls.push('"');
        }
        let default_here = node.namespaces().iter().any(|n| n.name().is_none());
        let has_default = element.namespaces().iter().any(|n| n.name().is_none())
            || own.iter().any(|n| n.name().is_none());
        if default_here && !has_default {
            decls.push_str(" xmlns=\"\"");
        }
        let src = element.source();
        let name_end = src[1..]
            .find(|ch: char| ch.is_whitespace() || ch == '>' || ch == '/')
            .map_or(src.len(), |i| i + 1);
        let inner = Ctx {
            depth: ctx.depth + 1,
            ..*ctx
        };
        self.copy(&inner, element, r.clone(), &[(r.start + name_end, decls)])
            .map_err(Failure::Fatal)
    }
}

#[derive(Clone, Copy)]
struct Ctx<'t> {
    text: &'t str,
    path: Option<&'t Path>,
    shown: &'t str,
    /// `shown`, shared by the pieces copied from this text.
    file: &'t Arc<str>,
    depth: usize,
}

/// The `xml:base` xmllint writes on an element included from another folder: the href.
fn base_of(href: &str) -> Option<String> {
    href.contains('/').then(|| href.to_string())
}

/// The local file an href names, relative to the including file's folder.
fn target_path(including: Option<&Path>, href: &str) -> std::result::Result<PathBuf, String> {
    let lower = href.to_ascii_lowercase();
    let local = if let Some(rest) = lower.strip_prefix("file://") {
        let _ = rest;
        &href["file://".len()..]
    } else {
        let scheme = href.find(':').filter(|&i| {
            i > 1
                && href[..i]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.')
        });
        if let Some(i) = scheme {
            return Err(format!(
                "cannot include {href}: crosswalk reads local files only and fetches nothing over a network ({}: URI)",
                &href[..i]
            ));
        }
        href
    };
    let decoded = percent_decode(local);
    let p = Path::new(&decoded);
    if p.is_absolute() {
        return Ok(p.to_path_buf());
    }
    let dir = including
        .and_then(|f| f.parent())
        .map(Path::to_path_buf)
        .unwrap_or_default();
    Ok(dir.join(p))
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && b[i + 1].is_ascii_hexdigit()
            && b[i + 2].is_ascii_hexdigit()
        {
            let hex = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
            out.push(hex(b[i + 1]) * 16 + hex(b[i + 2]));
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Decodes a text include: UTF-8 unless `encoding` says otherwise; characters XML does
/// not allow are refused.
fn decode_text(bytes: Vec<u8>, encoding: Option<&str>) -> std::result::Result<String, String> {
    let enc = encoding.unwrap_or("utf-8").to_ascii_lowercase();
    let text = match enc.as_str() {
        "utf-8" | "utf8" | "us-ascii" | "ascii" => {
            let b = bytes
                .strip_prefix(&[0xEF, 0xBB, 0xBF][..])
                .unwrap_or(&bytes);
            String::from_utf8(b.to_vec()).map_err(|_| "invalid UTF-8".to_string())?
        }
        "utf-16" | "utf-16le" | "utf-16be" => {
            let (body, le) = if bytes.starts_with(&[0xFF, 0xFE]) {
                (&bytes[2..], true)
            } else if bytes.starts_with(&[0xFE, 0xFF]) {
                (&bytes[2..], false)
            } else {
                (&bytes[..], enc != "utf-16be")
            };
            super::utf16(body, le).ok_or("invalid UTF-16")?
        }
        "iso-8859-1" | "latin1" | "latin-1" | "windows-1252" | "cp1252" => {
            let mut decl = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?>".to_vec();
            let n = decl.len();
            decl.extend_from_slice(&bytes);
            let s = super::decode_owned(decl).map_err(|e| e.message)?;
            s[n..].to_string()
        }
        other => return Err(format!("unsupported encoding \"{other}\"")),
    };
    if let Some(c) = text.chars().find(|&c| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
    }) {
        return Err(format!("U+{:04X} is not allowed in XML", c as u32));
    }
    Ok(text)
}

/// The element an xpointer selects: `Ok(None)` when it names none, `Err` when crosswalk
/// does not read that xpointer.
fn select<'d, 'a>(
    root: Node<'d, 'a>,
    xpointer: &str,
) -> std::result::Result<Option<Node<'d, 'a>>, String> {
    let xp = xpointer.trim();
    if is_name(xp) {
        return Ok(by_id(root, xp));
    }
    // One or more scheme parts, tried in turn.
    let mut rest = xp;
    let mut found = None;
    while !rest.is_empty() {
        let open = rest.find('(').ok_or_else(|| unsupported(xpointer))?;
        let scheme = rest[..open].trim();
        let close = rest.find(')').ok_or_else(|| unsupported(xpointer))?;
        // `xpointer(id('a'))` closes twice.
        let close = if scheme == "xpointer" {
            rest[close + 1..]
                .find(')')
                .map(|i| close + 1 + i)
                .ok_or_else(|| unsupported(xpointer))?
        } else {
            close
        };
        let body = &rest[open + 1..close];
        if found.is_none() {
            found = match scheme {
                "element" => element_scheme(root, body).ok_or_else(|| unsupported(xpointer))?,
                "xpointer" => {
                    let id = body
                        .strip_prefix("id(")
                        .and_then(|b| b.strip_suffix(')'))
                        .map(|b| b.trim().trim_matches(|c| c == '\'' || c == '"'))
                        .filter(|id| is_name(id))
                        .ok_or_else(|| unsupported(xpointer))?;
                    by_id(root, id)
                }
                "xmlns" => None,
                _ => return Err(unsupported(xpointer)),
            };
        }
        rest = rest[close + 1..].trim_start();
    }
    Ok(found)
}

fn unsupported(xp: &str) -> String {
    format!("unsupported xpointer \"{xp}\": crosswalk reads a bare name, element() and xpointer(id('...'))")
}

/// `element(name/1/2)` or `element(/1/2)`; `None` when malformed.
fn element_scheme<'d, 'a>(root: Node<'d, 'a>, body: &str) -> Option<Option<Node<'d, 'a>>> {
    let mut steps = body.split('/');
    let first = steps.next()?;
    let mut at = if first.is_empty() {
        // `/1` is the root element.
        let one = steps.next()?;
        if one != "1" {
            return Some(None);
        }
        Some(root)
    } else {
        if !is_name(first) {
            return None;
        }
        by_id(root, first)
    };
    for s in steps {
        let n: usize = s.parse().ok().filter(|&n| n > 0)?;
        at = at.and_then(|e| e.children().filter(|c| c.is_element()).nth(n - 1));
    }
    Some(at)
}

fn by_id<'d, 'a>(root: Node<'d, 'a>, id: &str) -> Option<Node<'d, 'a>> {
    root.descendants().find(|n| {
        n.is_element()
            && (n.attribute_ns(XML_NS, "id") == Some(id) || n.attribute("id") == Some(id))
    })
}

fn is_name(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(|f| f.is_alphabetic() || f == '_')
        && c.all(|ch| ch.is_alphanumeric() || matches!(ch, '_' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xpointers() {
        let doc = super::super::parse("<a><b xml:id=\"x\"><c id=\"y\"/><d/></b></a>").unwrap();
        let root = doc.root_element();
        let name = |xp: &str| {
            select(root, xp)
                .unwrap()
                .map(|n| n.tag_name().name().to_string())
        };
        assert_eq!(name("x").as_deref(), Some("b"));
        assert_eq!(name("element(y)").as_deref(), Some("c"));
        assert_eq!(name("element(x/2)").as_deref(), Some("d"));
        assert_eq!(name("element(/1/1/1)").as_deref(), Some("c"));
        assert_eq!(name("xpointer(id('x'))").as_deref(), Some("b"));
        assert_eq!(name("element(zz) element(y)").as_deref(), Some("c"));
        assert_eq!(name("nothing"), None);
        assert!(select(root, "xpointer(//b)").is_err());
    }

    #[test]
    fn network_hrefs_are_refused() {
        assert!(target_path(None, "https://example.org/a.xml").is_err());
        assert_eq!(
            target_path(Some(Path::new("d/a.xml")), "b%20c.xml").unwrap(),
            PathBuf::from("d/b c.xml")
        );
    }
}

#[cfg(test)]
mod files {
    use super::*;

    #[test]
    fn fallbacks_keep_namespaces_and_resolve_their_own_includes() {
        let d = std::env::temp_dir().join(format!("crosswalk-xi-unit-{}", std::process::id()));
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::write(d.join("sub/b.xml"), "<b xmlns=\"urn:b\"/>").unwrap();
        std::fs::write(d.join("c.xml"), "<c/>").unwrap();
        let a = "<a xmlns=\"urn:a\"><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"nope.xml\"><xi:fallback><xi:include href=\"sub/b.xml\"/><x/></xi:fallback></xi:include><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"c.xml\"/></a>";
        let got = resolve(a, Some(&d.join("a.xml")), "a.xml").unwrap();
        assert_eq!(
            got,
            "<a xmlns=\"urn:a\"><b xml:base=\"sub/b.xml\" xmlns=\"urn:b\"/><x xmlns:xi=\"http://www.w3.org/2001/XInclude\"/><c xmlns=\"\"/></a>"
        );
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn same_document_includes() {
        let xi = "xmlns:xi=\"http://www.w3.org/2001/XInclude\"";
        let a = format!(
            "<a xmlns=\"urn:a\" {xi}><b xml:id=\"b\"><c/></b><xi:include xpointer=\"b\"/></a>"
        );
        let got = resolve(&a, None, "a.xml").unwrap();
        assert_eq!(
            got,
            format!("<a xmlns=\"urn:a\" {xi}><b xml:id=\"b\"><c/></b><b xmlns=\"urn:a\" {xi} xml:id=\"b\"><c/></b></a>")
        );
        let own = format!("<a {xi}><b xml:id=\"b\"><xi:include xpointer=\"b\"/></b></a>");
        let e = resolve(&own, None, "a.xml").unwrap_err();
        assert!(e.message.starts_with("inclusion loop"), "{e}");
        let two = format!("<a {xi}><b xml:id=\"b\"><xi:include xpointer=\"c\"/></b><c xml:id=\"c\"><xi:include xpointer=\"b\"/></c></a>");
        assert!(resolve(&two, None, "a.xml").is_err());
    }
}
