//! Attribute values the RELAX NG engine need not see one by one.
//!
//! relax-ng memoises every attribute derivative by the attribute's value, so its memory grows
//! with each distinct value in a document — every `xml:id`, date and pointer: 182 MiB for a
//! 20 MB TEI file, 65 MiB for 5 MB. Yet an attribute's derivative depends on its value only
//! through one question per declaration: does the declaration's value pattern accept it? When
//! every declaration of an attribute name in the schema is such a value pattern (text, data,
//! value, list, choice of these), two values that every declaration accepts lead to the same
//! derivative wherever the attribute appears. Such values are handed to the engine as one
//! representative per name, the first seen, and its memo stays small.
//!
//! Nothing else changes: a value that some declaration refuses is passed as it is, and so is
//! every value of an attribute whose declarations are not all plain value patterns (or any
//! value at all when the grammar has parts this module does not read: includes, nested
//! grammars). So the engine reports every error it would have reported, about the
//! document's own value. Acceptance is decided with the same datatype library the engine
//! uses (`xsd_types.rs`), and the rules are RELAX NG's own (§6.2.7 of the specification:
//! a value matches when the pattern accepts the string, or is nullable and the string is
//! white space).

use std::cell::RefCell;
use std::collections::HashMap;

use relax_ng::{DatatypeContext, DatatypeLibrary};

use super::xsd_types::XsdTypes;
use crate::format::XML_NS;
use crate::xml::tree::{Document, Node};

const RNG_NS: &str = "http://relaxng.org/ns/structure/1.0";
const XSD_LIBRARY: &str = "http://www.w3.org/2001/XMLSchema-datatypes";

/// A value pattern, as far as this module reads one.
#[derive(Debug, Clone)]
enum Pat {
    Text,
    Empty,
    NotAllowed,
    /// `data` without `except`, in the XSD library (`xsd`) or the built-in one.
    Data {
        xsd: bool,
        ty: String,
        params: Vec<(String, String)>,
    },
    Value {
        xsd: bool,
        ty: String,
        literal: String,
    },
    Choice(Vec<Pat>),
    /// `list` of one token pattern, with how many tokens it takes.
    List(Count, Box<Pat>),
    /// Anything else: an attribute declared with it is never canonicalised.
    Unread,
}

#[derive(Debug, Clone, Copy)]
enum Count {
    One,
    Optional,
    ZeroOrMore,
    OneOrMore,
}

/// Which attribute values may stand for each other, read from a grammar.
#[derive(Debug, Default)]
pub struct ValueClasses {
    /// Declarations by (namespace, local name).
    by_name: HashMap<(String, String), Vec<Pat>>,
    /// Declarations whose name class is a wildcard: they may apply to any attribute.
    wildcards: Vec<Pat>,
    /// Set when the grammar has parts not read here: then no value is canonicalised.
    off: bool,
}

impl ValueClasses {
    /// Reads the attribute declarations of a RELAX NG grammar in XML syntax.
    pub fn read(schema_text: &str) -> ValueClasses {
        let Ok(doc) = Document::parse(schema_text) else {
            return ValueClasses::off();
        };
        let mut classes = ValueClasses::default();
        let mut defines: HashMap<String, Vec<(Node, Option<String>)>> = HashMap::new();
        let mut attributes = Vec::new();
        let mut grammars = 0;
        for n in doc.root().descendants().filter(|n| is_rng(n)) {
            match n.tag_name().name() {
                "define" => {
                    let name = n.attribute("name").unwrap_or("").to_string();
                    let combine = n.attribute("combine").map(str::to_string);
                    defines.entry(name).or_default().push((n, combine));
                }
                "attribute" => attributes.push(n),
                "grammar" => grammars += 1,
                "include" | "externalRef" | "parentRef" => classes.off = true,
                _ => {}
            }
        }
        if grammars > 1 {
            classes.off = true;
        }
        let reader = Reader { defines };
        for a in attributes {
            let (names, content) = reader.attribute(a);
            let pat = match content {
                Some(c) => reader.pattern(c, 0),
                None => Pat::Text,
            };
            match names {
                Some(names) => {
                    for key in names {
                        classes.by_name.entry(key).or_default().push(pat.clone());
                    }
                }
                None => classes.wildcards.push(pat),
            }
        }
        classes
    }

    /// Classes that canonicalise nothing (a grammar in the compact syntax).
    pub fn off() -> ValueClasses {
        ValueClasses {
            off: true,
            ..Default::default()
        }
    }

    /// Starts one document's validation. `verdicts` may be shared by every document
    /// validated against these classes and `lib`.
    pub fn session<'c>(&'c self, lib: &'c XsdTypes, verdicts: &'c Verdicts) -> Session<'c> {
        Session {
            classes: self,
            lib,
            verdicts,
            chosen: RefCell::new(HashMap::new()),
        }
    }
}

/// Whether every declaration accepts a value, by attribute name and value, kept from one
/// document to the next: deciding it runs the declarations' datatypes and walks TEI's
/// long value lists (about 50,000 instructions an attribute), and the records of a batch
/// repeat their attribute values. The verdict depends on nothing but the grammar, the
/// datatype library and the value.
#[derive(Default)]
pub struct Verdicts(RefCell<HashMap<String, bool>>);

/// Past this many values, [`Verdicts`] starts afresh, so that its memory stays bounded
/// however many distinct values a batch or a large document holds: a few hundred KiB.
/// (At 50,000 it held 4 MiB more on the 20 MB TEI of `benches/validate.py`, whose every
/// `xml:id` is distinct; a batch of small records repeats far fewer values than this.)
const VERDICTS_LIMIT: usize = 4_096;

/// The representatives chosen in one document.
pub struct Session<'c> {
    classes: &'c ValueClasses,
    lib: &'c XsdTypes,
    verdicts: &'c Verdicts,
    chosen: RefCell<HashMap<(String, String), String>>,
}

impl Session<'_> {
    /// The value to give the engine for this attribute: its representative when every
    /// declaration accepts `value`, otherwise `value` itself.
    pub fn value_for(&self, ns: &str, local: &str, value: &str) -> String {
        // White space alone is left to the engine: RELAX NG's rule for it (a nullable
        // pattern accepts it) is the one place an engine might differ from the text.
        if self.classes.off || is_space(value) {
            return value.to_string();
        }
        let key = (ns.to_string(), local.to_string());
        let Some(decls) = self.classes.by_name.get(&key) else {
            return value.to_string();
        };
        // Name and value, with separators no XML name or namespace can hold.
        let verdict_key = format!("{ns}\u{0}{local}\u{0}{value}");
        let known = self.verdicts.0.borrow().get(&verdict_key).copied();
        let accepted = match known {
            Some(accepted) => accepted,
            None => {
                let accepted = decls
                    .iter()
                    .chain(&self.classes.wildcards)
                    .all(|p| self.accepts(p, value) == Some(true));
                let mut verdicts = self.verdicts.0.borrow_mut();
                if verdicts.len() >= VERDICTS_LIMIT {
                    verdicts.clear();
                }
                verdicts.insert(verdict_key, accepted);
                accepted
            }
        };
        if !accepted {
            return value.to_string();
        }
        self.chosen
            .borrow_mut()
            .entry(key)
            .or_insert_with(|| value.to_string())
            .clone()
    }

    /// Whether the declaration's pattern accepts `v` as an attribute value; `None` when
    /// the pattern is not one this module reads.
    fn accepts(&self, p: &Pat, v: &str) -> Option<bool> {
        Some((nullable(p)? && is_space(v)) || self.matches(p, v)?)
    }

    fn matches(&self, p: &Pat, v: &str) -> Option<bool> {
        let ctx = DatatypeContext::default();
        Some(match p {
            Pat::Text => true,
            Pat::Empty | Pat::NotAllowed => false,
            Pat::Data {
                xsd: true,
                ty,
                params,
            } => {
                let params: Vec<(&str, &str)> = params
                    .iter()
                    .map(|(a, b)| (a.as_str(), b.as_str()))
                    .collect();
                self.lib.matches(ty, &params, v, &ctx)
            }
            // The built-in library: string and token accept every string.
            Pat::Data { xsd: false, ty, .. } => {
                if ty == "string" || ty == "token" {
                    true
                } else {
                    return None;
                }
            }
            Pat::Value {
                xsd: true,
                ty,
                literal,
            } => self.lib.values_equal(ty, literal, &ctx, v, &ctx),
            Pat::Value {
                xsd: false,
                ty,
                literal,
            } => match ty.as_str() {
                "string" => v == literal,
                "token" => tokens(v).eq(tokens(literal)),
                _ => return None,
            },
            Pat::Choice(ps) => {
                let mut any = false;
                for p in ps {
                    any |= self.matches(p, v)?;
                }
                any
            }
            Pat::List(count, item) => {
                let mut n = 0;
                for t in tokens(v) {
                    if !self.matches(item, t)? {
                        return Some(false);
                    }
                    n += 1;
                }
                match count {
                    Count::One => n == 1,
                    Count::Optional => n <= 1,
                    Count::ZeroOrMore => true,
                    Count::OneOrMore => n >= 1,
                }
            }
            Pat::Unread => return None,
        })
    }
}

fn nullable(p: &Pat) -> Option<bool> {
    Some(match p {
        Pat::Text | Pat::Empty => true,
        Pat::NotAllowed | Pat::Data { .. } | Pat::Value { .. } | Pat::List(..) => false,
        Pat::Choice(ps) => {
            let mut any = false;
            for p in ps {
                any |= nullable(p)?;
            }
            any
        }
        Pat::Unread => return None,
    })
}

fn is_space(v: &str) -> bool {
    v.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

fn tokens(v: &str) -> impl Iterator<Item = &str> {
    v.split([' ', '\t', '\r', '\n']).filter(|t| !t.is_empty())
}

fn is_rng(n: &Node) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(RNG_NS)
}

/// RELAX NG children of a schema element (annotations in other namespaces are skipped).
fn rng_children<'d, 'a>(n: Node<'d, 'a>) -> impl Iterator<Item = Node<'d, 'a>> {
    n.children().filter(is_rng)
}

struct Reader<'d, 'a> {
    defines: HashMap<String, Vec<(Node<'d, 'a>, Option<String>)>>,
}

impl<'d, 'a> Reader<'d, 'a> {
    /// The names an `attribute` declares (`None` for a wildcard), and its content pattern.
    #[allow(clippy::type_complexity)]
    fn attribute(&self, a: Node<'d, 'a>) -> (Option<Vec<(String, String)>>, Option<Node<'d, 'a>>) {
        let mut kids = rng_children(a);
        if let Some(qname) = a.attribute("name") {
            // An unprefixed attribute name is in no namespace, whatever `ns` says (§4.8).
            let key = match qname.split_once(':') {
                Some((prefix, local)) => resolve(a, prefix).map(|ns| (ns, local.to_string())),
                None => Some((String::new(), qname.trim().to_string())),
            };
            return (key.map(|k| vec![k]), kids.next());
        }
        let Some(class) = kids.next() else {
            return (None, None);
        };
        (name_class(class), kids.next())
    }

    fn pattern(&self, n: Node<'d, 'a>, depth: usize) -> Pat {
        if depth > 64 {
            return Pat::Unread;
        }
        let kids: Vec<Node> = rng_children(n).collect();
        let one = |kids: &[Node<'d, 'a>]| match kids {
            [only] => self.pattern(*only, depth + 1),
            _ => Pat::Unread,
        };
        match n.tag_name().name() {
            "text" => Pat::Text,
            "empty" => Pat::Empty,
            "notAllowed" => Pat::NotAllowed,
            "data" => {
                if kids.iter().any(|k| k.tag_name().name() == "except") {
                    return Pat::Unread;
                }
                let params = kids
                    .iter()
                    .filter(|k| k.tag_name().name() == "param")
                    .map(|k| {
                        let name = k.attribute("name").unwrap_or("").trim().to_string();
                        (name, k.text_content())
                    })
                    .collect();
                match library(n) {
                    Some(xsd) => Pat::Data {
                        xsd,
                        ty: n.attribute("type").unwrap_or("").trim().to_string(),
                        params,
                    },
                    None => Pat::Unread,
                }
            }
            "value" => {
                // A value with no type is a built-in token (§4.4).
                let (xsd, ty) = match n.attribute("type") {
                    Some(t) => match library(n) {
                        Some(xsd) => (xsd, t.trim().to_string()),
                        None => return Pat::Unread,
                    },
                    None => (false, "token".to_string()),
                };
                Pat::Value {
                    xsd,
                    ty,
                    literal: n.text_content(),
                }
            }
            "choice" => Pat::Choice(kids.iter().map(|k| self.pattern(*k, depth + 1)).collect()),
            "ref" => {
                let name = n.attribute("name").unwrap_or("").trim();
                match self.defines.get(name).map(Vec::as_slice) {
                    Some([(body, _)]) => one(&rng_children(*body).collect::<Vec<_>>()),
                    // Several defines combine by choice; anything else is not read.
                    Some(parts)
                        if parts
                            .iter()
                            .all(|(_, c)| c.as_deref() != Some("interleave")) =>
                    {
                        Pat::Choice(
                            parts
                                .iter()
                                .map(|(body, _)| one(&rng_children(*body).collect::<Vec<_>>()))
                                .collect(),
                        )
                    }
                    _ => Pat::Unread,
                }
            }
            "list" => {
                let [item] = kids.as_slice() else {
                    return Pat::Unread;
                };
                let (count, inner) = match item.tag_name().name() {
                    "oneOrMore" => (Count::OneOrMore, *item),
                    "zeroOrMore" => (Count::ZeroOrMore, *item),
                    "optional" => (Count::Optional, *item),
                    _ => (Count::One, n),
                };
                let token = one(&rng_children(inner).collect::<Vec<_>>());
                match token {
                    // A list item that is itself a list or text is not read.
                    Pat::List(..) | Pat::Text | Pat::Unread => Pat::Unread,
                    t => Pat::List(count, Box::new(t)),
                }
            }
            _ => Pat::Unread,
        }
    }
}

/// The explicit names of a name class, or `None` when it is or holds a wildcard.
fn name_class(n: Node) -> Option<Vec<(String, String)>> {
    match n.tag_name().name() {
        "name" => {
            let qname = n.text_content();
            let qname = qname.trim();
            Some(vec![match qname.split_once(':') {
                Some((prefix, local)) => (resolve(n, prefix)?, local.to_string()),
                // A `name` element's unprefixed name takes the inherited `ns` (§4.10).
                None => (inherited_ns(n), qname.to_string()),
            }])
        }
        "choice" => {
            let mut all = Vec::new();
            for k in rng_children(n) {
                all.extend(name_class(k)?);
            }
            Some(all)
        }
        _ => None,
    }
}

fn resolve(n: Node, prefix: &str) -> Option<String> {
    if prefix == "xml" {
        return Some(XML_NS.to_string());
    }
    n.namespaces()
        .into_iter()
        .find(|d| d.name() == Some(prefix))
        .map(|d| d.uri().to_string())
}

fn inherited_ns(n: Node) -> String {
    std::iter::once(n)
        .chain(n.ancestors())
        .find_map(|a| a.attribute("ns"))
        .unwrap_or("")
        .to_string()
}

/// `Some(true)` for the XSD library, `Some(false)` for the built-in one, `None` for others.
fn library(n: Node) -> Option<bool> {
    let lib = std::iter::once(n)
        .chain(n.ancestors())
        .find_map(|a| a.attribute("datatypeLibrary"))
        .unwrap_or("");
    match lib {
        "" => Some(false),
        XSD_LIBRARY => Some(true),
        _ => None,
    }
}

trait TextContent {
    fn text_content(&self) -> String;
}

impl TextContent for Node<'_, '_> {
    fn text_content(&self) -> String {
        self.children().filter_map(|c| c.text()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::bundled::Schema;
    use super::*;

    #[test]
    fn accepted_values_share_a_representative_and_refused_ones_stay() {
        let classes = ValueClasses::read(Schema::TeiAll.text());
        assert!(!classes.off);
        let lib = XsdTypes::default();
        let verdicts = Verdicts::default();
        let s = classes.session(&lib, &verdicts);
        // xml:id: every declaration is data type="ID".
        assert_eq!(s.value_for(XML_NS, "id", "p1"), "p1");
        assert_eq!(s.value_for(XML_NS, "id", "p2"), "p1");
        assert_eq!(s.value_for(XML_NS, "id", "1bad"), "1bad");
        // Dates: a choice of XSD date types.
        assert_eq!(s.value_for("", "when", "1963-05-01"), "1963-05-01");
        assert_eq!(s.value_for("", "when", "1963"), "1963-05-01");
        assert_eq!(s.value_for("", "when", "May 1963"), "May 1963");
        assert_eq!(s.value_for("", "when", "1963-02-30"), "1963-02-30");
        // Pointers: lists of anyURI.
        assert_eq!(s.value_for("", "corresp", "#a #b"), "#a #b");
        assert_eq!(s.value_for("", "corresp", "#c"), "#a #b");
        // White space is always the engine's to judge.
        assert_eq!(s.value_for("", "when", " "), " ");
        // @type has closed value lists on some elements: a value one of them refuses is
        // never replaced, so its error names it.
        assert_eq!(s.value_for("", "type", "x1"), "x1");
        assert_eq!(s.value_for("", "type", "x2"), "x2");
        // Not declared at all: left alone.
        assert_eq!(s.value_for("urn:x", "y", "z"), "z");
    }

    #[test]
    fn grammars_with_parts_not_read_here_change_nothing() {
        let g = r#"<grammar xmlns="http://relaxng.org/ns/structure/1.0">
            <include href="other.rng"/>
            <start><element name="a"><attribute name="n"><text/></attribute></element></start>
        </grammar>"#;
        let classes = ValueClasses::read(g);
        let lib = XsdTypes::default();
        let verdicts = Verdicts::default();
        let s = classes.session(&lib, &verdicts);
        assert_eq!(s.value_for("", "n", "one"), "one");
        assert_eq!(s.value_for("", "n", "two"), "two");
    }

    /// Through the validator: two bad values of one attribute are each reported as written.
    #[test]
    fn each_refused_value_is_reported_as_written() {
        let doc = r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
            <titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt>
            <sourceDesc><p><date when="1963-05-01">a</date><date when="1963">b</date>
            <date when="May 1963">c</date><date when="1963-13-01">d</date></p></sourceDesc>
            </fileDesc></teiHeader><text><body><p xml:id="p1">x</p><p xml:id="p2">y</p></body></text></TEI>"#;
        let diags = crate::validate::validate(Schema::TeiAll, doc).unwrap();
        let text: Vec<String> = diags.iter().map(|d| d.message.clone()).collect();
        assert_eq!(diags.len(), 2, "{text:?}");
        assert!(
            text[0].contains("May 1963") && text[1].contains("1963-13-01"),
            "{text:?}"
        );
    }
}
