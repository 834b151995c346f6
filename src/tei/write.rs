//! Record → TEI P5. A chain of exhaustive matches: record → header parts → block → inline.
//!
//! Each model value has one element function here (`title_el`, `agent_el`, `date_el`, ...).
//! The reader calls the same functions to check a mapping: an element is mapped only when
//! its function writes it back as it was, so a TEI → TEI round trip loses nothing. Unmapped
//! fragments go back under the parent they came from, at their old position.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{DOCUMENT_TYPE, INSTITUTION};
use crate::format::{Format, TEI_NS};
use crate::ledger::{Ledger, LossKind};
use crate::model::*;
use crate::xml::{
    attribute_pairs, element_position, fragment_name, node_name, El, OutNode as Node,
};

/// Writes a record as a TEI document. Children become nested `TEI` elements.
pub fn write(record: &Record) -> (String, Ledger) {
    let mut ledger = Ledger::new();
    let mut root = tei_element(record, "", &mut ledger);
    into_datatypes(&mut root, &mut ledger);
    root.attrs.insert(0, ("xmlns".into(), TEI_NS.into()));
    (root.to_document(), ledger)
}

/// TEI attributes whose values are URI references (`teidata.pointer`, one or a list).
const POINTERS: &[&str] = &[
    "ref", "target", "scheme", "corresp", "source", "resp", "facs", "url", "sameAs", "who", "ana",
];

/// TEI attributes of one `teidata.enumerated` value: a token with no space or control
/// character.
const ENUMERATED: &[&str] = &["type", "subtype"];

/// Brings values the writer took from other formats into TEI's datatypes, each change
/// ledgered: pointers into URI references, percent-encoding what breaks them (a Dublin
/// Core scheme `my_voc:Kind`, [`crate::xml::uri::to_uri_reference`]); a type with spaces
/// (an EAD `unitid type="call number"`) into one token, its spaces as hyphens. Verbatim
/// fragments are the source's and are left alone.
fn into_datatypes(el: &mut El, ledger: &mut Ledger) {
    for (k, v) in &mut el.attrs {
        let fixed = if POINTERS.contains(&&**k) {
            let tokens: Vec<String> = v
                .split_whitespace()
                .map(crate::xml::uri::to_uri_reference)
                .collect();
            let same = tokens.iter().zip(v.split_whitespace()).all(|(a, b)| a == b);
            (!same).then(|| (tokens.join(" "), "takes URI references"))
        } else if ENUMERATED.contains(&&**k)
            && v.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            let token: String = v
                .split(|c: char| c.is_whitespace() || c.is_control())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join("-");
            Some((token, "is one word"))
        } else {
            None
        };
        if let Some((fixed, why)) = fixed {
            ledger.push(
                LossKind::Flattened,
                "attributes",
                Format::Tei,
                format!("TEI @{k} on <{}> {why}: written '{fixed}'", el.name),
            );
            ledger.with_text(v);
            *v = fixed;
        }
    }
    for kid in &mut el.kids {
        if let Node::El(e) = kid {
            into_datatypes(e, ledger);
        }
    }
}

/// Whether a record was read from a `teiCorpus` element.
pub(super) fn is_corpus(r: &Record) -> bool {
    r.origin.as_deref().is_some_and(|o| {
        o.rsplit('/')
            .next()
            .is_some_and(|s| s.starts_with("teiCorpus"))
    })
}

/// The parts of the model the TEI writer does not write yet, ledgered with their text.
const TEI_UNWRITTEN: [crate::unwritten::Part; 14] = {
    use crate::unwritten::Part::*;
    [
        SpelledDetails,
        AbstractAttributes,
        DcQualifiers,
        Control,
        Containers,
        DigitalObjects,
        PhysicalLocations,
        MaterialSpecs,
        AttributesButAgentIds,
        RepositoryNameDetails,
        SubjectNameDetails,
        NoteExtras,
        ExtentExtras,
        LanguageScripts,
    ]
};

fn tei_element(r: &Record, field: &str, ledger: &mut Ledger) -> El {
    crate::unwritten::account(r, Format::Tei, field, &TEI_UNWRITTEN, ledger);
    for (i, d) in r.dates.iter().enumerate() {
        // Calendar and certainty are written (@calendar, @cert, where TEI's values hold
        // it); era and scheme are not.
        let cert = d.certainty.as_deref().filter(|c| !is_tei_cert(c));
        let extras = [d.era.as_deref(), d.scheme.as_deref(), cert];
        let set = matches!(d.normal, Some(DateNormal::Set { .. }));
        if set || d.span.is_some() || extras.iter().any(Option::is_some) {
            let mut words: Vec<String> = extras.iter().flatten().map(|s| s.to_string()).collect();
            if let Some(n) = d.normal.as_ref().filter(|_| set) {
                words.push(crate::model::plain::normal_text(n));
            }
            if let Some(s) = &d.span {
                words.push(format!("{s:?}").to_lowercase());
            }
            ledger.push(
                LossKind::Dropped,
                format!("{field}dates[{i}]"),
                Format::Tei,
                "TEI dates here hold one date or span, without span kind (inclusive, bulk), era, scheme, or a certainty other than high, medium, low, unknown",
            );
            ledger.with_text(&words.join(" "));
        }
    }
    for (i, p) in r.places.iter().enumerate() {
        if action_of(&p.spelling).is_none() && !is_origin_place(p) {
            ledger.push(
                LossKind::Dropped,
                format!("{field}places[{i}]"),
                Format::Tei,
                format!(
                    "the TEI writer writes places of correspondence and of origin; a place of {} has no place yet",
                    p.role.key()
                ),
            );
            let auth = p.authority.as_ref().map_or("", |a| a.id.as_str());
            ledger.with_text(&format!("{} {auth}", p.name));
        }
    }
    let frags = Fragments::new(r, field, ledger);
    // A record read from a teiCorpus goes back to one; everything else is a TEI element,
    // with children nested as TEI elements (allowed since P5 3.x).
    let corpus = is_corpus(r);
    let name = if corpus { "teiCorpus" } else { "TEI" };
    let level = r
        .level
        .as_ref()
        .filter(|l| !(corpus && **l == Level::Collection));
    let mut tei = El::new(name).attr_opt("type", level.map(|l| l.key()));
    if !frags.replaced("", "teiHeader") {
        tei.push(header(r, field, &frags, ledger));
    }
    let text_kept = frags.replaced("", "text");
    if !r.body.is_empty()
        || frags.under("text")
        || (!corpus && r.children.iter().all(is_ms_part) && !text_kept)
    {
        tei.push(text(r, &frags));
    }
    for (i, c) in r.children.iter().enumerate() {
        if !is_ms_part(c) {
            tei.push(tei_element(c, &format!("{field}children[{i}]."), ledger));
        }
    }
    frags.restore(&mut tei);
    frags.finish(ledger);
    tei
}

/// The TEI fragments of one record, by the path of the parent they were read under.
struct Fragments<'a> {
    origin: String,
    by_parent: BTreeMap<String, Vec<&'a Unmapped>>,
    /// Container path → the order of its children in the source.
    orders: HashMap<String, &'a str>,
    /// Every path at or above a fragment's parent: the restoring walk goes only there.
    above: BTreeSet<String>,
    restored: RefCell<BTreeSet<String>>,
    field: String,
}

impl<'a> Fragments<'a> {
    fn new(r: &'a Record, field: &str, ledger: &mut Ledger) -> Fragments<'a> {
        let origin = r.origin.clone().unwrap_or_else(|| "/TEI".to_string());
        let mut by_parent: BTreeMap<String, Vec<&Unmapped>> = BTreeMap::new();
        let mut above = BTreeSet::new();
        for (i, u) in r.unmapped.iter().enumerate() {
            let parent = u.path.rsplit_once('/').map(|(p, _)| p.to_string());
            match parent {
                Some(p)
                    if u.format == "tei"
                        && (p == origin || p.starts_with(&format!("{origin}/"))) =>
                {
                    let mut a = p.as_str();
                    while a.len() >= origin.len() {
                        above.insert(a.to_string());
                        match a.rsplit_once('/') {
                            Some((up, _)) => a = up,
                            None => break,
                        }
                    }
                    by_parent.entry(p).or_default().push(u);
                }
                _ => {
                    ledger.push(
                        LossKind::Dropped,
                        format!("{field}unmapped[{i}]"),
                        Format::Tei,
                        format!("{} content from {} has no place in TEI", u.format, u.path),
                    );
                    ledger.with_text(&crate::model::plain::fragment_words(u));
                    ledger.at(Some(&u.path), u.line);
                }
            }
        }
        for list in by_parent.values_mut() {
            list.sort_by_key(|u| u.index.unwrap_or(u32::MAX));
        }
        // Containers whose order the source spelled: the walk goes there too.
        let mut orders = HashMap::new();
        for (rel, order) in &r.spelling {
            let path = format!("{origin}/{rel}");
            let mut a = path.as_str();
            while a.len() >= origin.len() {
                above.insert(a.to_string());
                match a.rsplit_once('/') {
                    Some((up, _)) => a = up,
                    None => break,
                }
            }
            orders.insert(path, order.as_str());
        }
        Fragments {
            origin,
            by_parent,
            orders,
            above,
            restored: RefCell::new(BTreeSet::new()),
            field: field.to_string(),
        }
    }

    /// The path of `rel` (a path below the record's element, without indices).
    fn rel_matches(&self, path: &str, rel: &str) -> bool {
        let Some(rest) = path.strip_prefix(&self.origin) else {
            return false;
        };
        let stripped: Vec<&str> = rest
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| s.split('[').next().unwrap_or(s))
            .collect();
        stripped.join("/") == rel
    }

    /// True when a fragment lies anywhere below `rel` (`teiHeader/fileDesc/sourceDesc`).
    fn under(&self, rel: &str) -> bool {
        self.by_parent.keys().any(|p| {
            self.rel_matches(p, rel)
                || rel_prefix(p, &self.origin).is_some_and(|s| s.starts_with(&format!("{rel}/")))
        })
    }

    /// True when the element `name` under `rel` was kept whole as a fragment: the writer
    /// then writes no element of its own in its place.
    fn replaced(&self, rel: &str, name: &str) -> bool {
        self.by_parent.iter().any(|(p, list)| {
            self.rel_matches(p, rel)
                && list
                    .iter()
                    .any(|u| !is_attribute(u) && local(fragment_name(&u.xml)) == name)
        })
    }

    /// Puts every fragment back under its parent, at its old position.
    fn restore(&self, root: &mut El) {
        let origin = self.origin.clone();
        self.walk(root, &origin);
    }

    fn walk(&self, el: &mut El, path: &str) {
        if !self.above.contains(path) {
            return;
        }
        if let Some(order) = self.orders.get(path) {
            reorder(el, order);
        }
        if let Some(list) = self.by_parent.get(path) {
            for u in list {
                if is_attribute(u) {
                    el.attrs.extend(
                        attribute_pairs(&u.xml)
                            .into_iter()
                            .map(|(k, v)| (k.into(), v)),
                    );
                    continue;
                }
                let at = match u.index {
                    Some(i) => element_position(&el.kids, i as usize),
                    None => el.kids.len(),
                };
                el.kids.insert(at, Node::Raw(u.xml.clone()));
            }
            self.restored.borrow_mut().insert(path.to_string());
        }
        let names: Vec<String> = el
            .kids
            .iter()
            .map(|k| local(node_name(k)).to_string())
            .collect();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (kid, name) in el.kids.iter_mut().zip(&names) {
            if name.is_empty() {
                continue;
            }
            let k = seen.entry(name).or_insert(0);
            *k += 1;
            if let Node::El(e) = kid {
                let total = names.iter().filter(|n| *n == name).count();
                let p = if total > 1 {
                    format!("{path}/{name}[{k}]")
                } else {
                    format!("{path}/{name}")
                };
                self.walk(e, &p);
            }
        }
    }

    /// Records every fragment whose parent the written tree does not have.
    fn finish(&self, ledger: &mut Ledger) {
        let restored = self.restored.borrow();
        for (parent, list) in &self.by_parent {
            if restored.contains(parent) {
                continue;
            }
            for u in list {
                ledger.push(
                    LossKind::Dropped,
                    format!("{}unmapped", self.field),
                    Format::Tei,
                    format!(
                        "unmapped TEI element {} has no place in the TEI written",
                        u.path
                    ),
                );
                ledger.with_text(&crate::model::plain::fragment_words(u));
                ledger.at(Some(&u.path), u.line);
            }
        }
    }
}

/// The order in which the writer puts a container's children, by rank; names of equal
/// rank keep the model's order. A source order that fits is not noted by the reader.
const WRITER_ORDER: &[(&str, &[&[&str]])] = &[
    ("teiHeader", &[&["fileDesc"], &["profileDesc"]]),
    (
        "teiHeader/fileDesc",
        &[
            &["titleStmt"],
            &["publicationStmt"],
            &["notesStmt"],
            &["sourceDesc"],
        ],
    ),
    ("teiHeader/fileDesc/titleStmt", &[&["title"]]),
    (
        "teiHeader/fileDesc/publicationStmt",
        &[
            &["publisher", "distributor", "authority"],
            &["date"],
            &["idno"],
            &["availability"],
        ],
    ),
    (
        "teiHeader/fileDesc/notesStmt",
        &[&["note"], &["relatedItem"]],
    ),
    (
        "teiHeader/fileDesc/sourceDesc/msDesc/physDesc",
        &[&["p"], &["objectDesc"]],
    ),
    (
        "teiHeader/fileDesc/sourceDesc/msDesc/history",
        &[&["origin"], &["provenance"], &["acquisition"]],
    ),
    (
        "teiHeader/fileDesc/sourceDesc/msDesc/history/origin",
        &[&["origDate"], &["origPlace"]],
    ),
    (
        "teiHeader/fileDesc/sourceDesc/msDesc",
        &[
            &["msIdentifier"],
            &["msContents"],
            &["physDesc"],
            &["history"],
        ],
    ),
    (
        "teiHeader/fileDesc/sourceDesc/msDesc/msContents",
        &[&["summary"], &["msItem"]],
    ),
    (
        "teiHeader/profileDesc",
        &[
            &["abstract"],
            &["creation"],
            &["langUsage"],
            &["textClass"],
            &["correspDesc"],
        ],
    ),
    ("teiHeader/profileDesc/textClass/keywords", &[&["term"]]),
    (
        "teiHeader/profileDesc/correspDesc/correspAction",
        &[&["persName", "orgName", "name"], &["placeName"], &["date"]],
    ),
];

fn rank(container: &str, name: &str) -> usize {
    let Some((_, ranks)) = WRITER_ORDER.iter().find(|(c, _)| *c == container) else {
        return 0;
    };
    ranks
        .iter()
        .position(|names| names.contains(&name))
        .unwrap_or(ranks.len())
}

/// True when the writer would put children with these names in this order.
pub(super) fn in_writer_order(container: &str, names: &[&str]) -> bool {
    names
        .windows(2)
        .all(|p| rank(container, p[0]) <= rank(container, p[1]))
}

/// A path below a record's element, without indices (`teiHeader/profileDesc`).
pub(super) fn relative(path: &str, origin: &str) -> String {
    rel_prefix(path, origin).unwrap_or_default()
}

/// Puts a container's written children in the order the source had them.
fn reorder(el: &mut El, order: &str) {
    let wanted: Vec<&str> = order.split(' ').collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut keyed: Vec<(usize, Node)> = std::mem::take(&mut el.kids)
        .into_iter()
        .map(|k| {
            let name = node_name(&k).to_string();
            let nth = seen.entry(name.clone()).or_insert(0);
            let at = wanted
                .iter()
                .enumerate()
                .filter(|(_, w)| **w == name)
                .nth(*nth)
                .map_or(usize::MAX, |(i, _)| i);
            *nth += 1;
            (at, k)
        })
        .collect();
    keyed.sort_by_key(|(at, _)| *at);
    el.kids = keyed.into_iter().map(|(_, k)| k).collect();
}

/// An attribute kept verbatim: its path ends in `@name`.
fn is_attribute(u: &Unmapped) -> bool {
    u.path
        .rsplit('/')
        .next()
        .is_some_and(|s| s.starts_with('@'))
}

#[cfg(test)]
mod tests {
    use super::attribute_pairs;

    #[test]
    fn attribute_fragments_read_back_and_odd_ones_never_panic() {
        assert_eq!(
            attribute_pairs(r#"xmlns:x="urn:x" x:a='1 &amp; 2'"#),
            [
                ("xmlns:x".to_string(), "urn:x".to_string()),
                ("x:a".to_string(), "1 & 2".to_string())
            ]
        );
        for odd in ["", "=", "a=", "a=\"", "a=é", "a b=\"1\"", "=\"x\"", "a=\"é"] {
            let _ = attribute_pairs(odd);
        }
        assert!(attribute_pairs("a b=\"1\"").is_empty());
    }
}

fn rel_prefix(path: &str, origin: &str) -> Option<String> {
    let rest = path.strip_prefix(origin)?;
    Some(
        rest.split('/')
            .filter(|s| !s.is_empty())
            .map(|s| s.split('[').next().unwrap_or(s))
            .collect::<Vec<_>>()
            .join("/"),
    )
}

fn local(qname: &str) -> &str {
    qname.rsplit_once(':').map_or(qname, |(_, l)| l)
}

/// `@type` (or another attribute) as the source spelled it, or the model's key.
fn typed(el: El, attr: &'static str, sp: &Spelling, key: &str) -> El {
    match sp.get(attr) {
        Some(v) if v.is_empty() => el,
        Some(v) => el.attr(attr, v),
        None => el.attr(attr, key),
    }
}

/// The element name the source used for a value, or the writer's own.
fn element(sp: &Spelling, default: &'static str) -> crate::xml::Name {
    match sp.get("element") {
        Some(e) => e.clone().into(),
        None => default.into(),
    }
}

fn header(r: &Record, field: &str, frags: &Fragments, ledger: &mut Ledger) -> El {
    let mut h = El::new("teiHeader");
    if !frags.replaced("teiHeader", "fileDesc") {
        let mut fd = El::new("fileDesc");
        let fd_rel = "teiHeader/fileDesc";
        if !frags.replaced(fd_rel, "titleStmt") {
            fd.push(title_stmt(r, field, frags, ledger));
        }
        if !frags.replaced(fd_rel, "publicationStmt") {
            fd.push(publication_stmt(r, field, frags, ledger));
        }
        let notes = notes_stmt(r);
        if !notes.is_empty() || frags.under("teiHeader/fileDesc/notesStmt") {
            fd.push(notes);
        }
        if !frags.replaced(fd_rel, "sourceDesc") {
            fd.push(source_desc(r, field, frags, ledger));
        }
        h.push(fd);
    }
    let profile = profile_desc(r, frags);
    if !profile.is_empty() || frags.under("teiHeader/profileDesc") {
        h.push(profile);
    }
    h
}

/// A name element: `persName`, `orgName` (or `name`, as the source spelled it), with the
/// name's parts when it has them.
pub(super) fn name_el(a: &Agent) -> El {
    let tag = name_tag(a);
    let mut el = name_content(El::new(tag), &a.name, &a.details.parts)
        .attr_opt("xml:lang", a.details.lang.as_deref());
    if a.kind == AgentKind::Family {
        el = el.attr("type", "family");
    }
    agent_authority_attrs(el, a)
}

fn name_tag(a: &Agent) -> crate::xml::Name {
    let tag = match a.kind {
        AgentKind::Person | AgentKind::Family => "persName",
        AgentKind::Organisation => "orgName",
    };
    match a.spelling.get("name") {
        Some(t) => t.clone().into(),
        None => tag.into(),
    }
}

/// A name's text, or its parts with a space between them.
fn name_content(mut el: El, text: &str, parts: &[NamePart]) -> El {
    if parts.is_empty() {
        return el.push_text(text);
    }
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            el.kids.push(Node::Text(" ".into()));
        }
        let tag = match &p.kind {
            NamePartKind::Forename => "forename",
            NamePartKind::Surname => "surname",
            NamePartKind::RoleName => "roleName",
            NamePartKind::AddName => "addName",
            NamePartKind::GenName => "genName",
            NamePartKind::NameLink => "nameLink",
            NamePartKind::Dates | NamePartKind::Other(_) => "addName",
        };
        el.push(El::text(tag, &p.text));
    }
    el
}

/// What is written with a name inside its wrapper: parallel forms, identifiers,
/// affiliations, contacts.
fn name_details_into(el: &mut El, a: &Agent) {
    let tag = name_tag(a).to_string();
    for p in &a.details.parallel {
        el.push(
            name_content(El::new(tag.clone()), &p.text, &p.parts)
                .attr_opt("xml:lang", p.lang.as_deref()),
        );
    }
    for id in &a.details.identifiers {
        el.push(idno_el(id));
    }
    for f in &a.details.affiliations {
        el.push(El::text("affiliation", f));
    }
    for c in &a.details.contacts {
        el.push(El::text("email", c));
    }
}

fn authority_attrs(el: El, auth: Option<&Authority>) -> El {
    match auth {
        Some(auth) => el
            .attr("ref", &auth.id)
            .attr_opt("key", auth.source.as_deref()),
        None => el,
    }
}

/// An agent's `@ref` and `@key`; a `@key` given without a `@ref` (a project's own index
/// key) is in the agent's spelling.
fn agent_authority_attrs(el: El, a: &Agent) -> El {
    let key = a.spelling.get("key").filter(|_| a.authority.is_none());
    authority_attrs(el, a.authority.as_ref()).attr_opt("key", key.map(String::as_str))
}

/// The header element of an agent in `titleStmt` or `publicationStmt`, by role (or the
/// element the source used); `None` for roles written elsewhere (the repository).
pub(super) fn agent_el(a: &Agent) -> Option<El> {
    let tag = element(&a.spelling, default_agent_element(&a.role)?);
    if tag == "respStmt" {
        let wording = a.note.as_deref().unwrap_or(a.role.relator().1);
        let resp = typed(El::text("resp", wording), "key", &a.spelling, a.role.key());
        return Some(El::new("respStmt").child(resp).child(name_el(a)));
    }
    // A name written straight into the wrapper (`<author>A. Name</author>`) when the
    // source did so; otherwise in a name element.
    let mut el = if a.spelling.get("name").is_some_and(String::is_empty) {
        agent_authority_attrs(El::new(tag).push_text(&a.name), a)
    } else {
        El::new(tag).child(name_el(a))
    };
    el = el.attr_opt("xml:id", a.attributes.id.as_deref());
    name_details_into(&mut el, a);
    if let Some(n) = &a.note {
        el.push(El::text("note", n).attr("type", "role"));
    }
    Some(el)
}

/// The header element the writer uses for a role, unless the source spelled another.
pub(super) fn default_agent_element(role: &Role) -> Option<&'static str> {
    Some(match role {
        Role::Author => "author",
        Role::Editor => "editor",
        Role::Funder => "funder",
        Role::Publisher => "publisher",
        Role::Repository => return None,
        Role::Creator
        | Role::Translator
        | Role::Recipient
        | Role::Obtainer
        | Role::Contributor
        | Role::Other(_) => "respStmt",
    })
}

/// The correspondence action (`correspDesc/correspAction`) a value was read from: its
/// number and type.
pub(super) fn action_of(sp: &Spelling) -> Option<(u32, &str)> {
    let v = sp.get("action")?;
    let (n, kind) = v.split_once(' ').unwrap_or((v, ""));
    Some((n.parse().ok()?, kind))
}

/// `placeName` with its authority.
pub(super) fn place_el(p: &Place) -> El {
    authority_attrs(El::text("placeName", &p.name), p.authority.as_ref())
}

/// `correspDesc` from the agents, places and dates read from its actions, in their order.
fn corresp_desc(r: &Record) -> Option<El> {
    let mut actions: Vec<(u32, String, El)> = Vec::new();
    let mut slot = |sp: &Spelling| -> Option<usize> {
        let (n, kind) = action_of(sp)?;
        Some(match actions.iter().position(|(m, _, _)| *m == n) {
            Some(i) => i,
            None => {
                let el =
                    El::new("correspAction").attr_opt("type", (!kind.is_empty()).then_some(kind));
                actions.push((n, kind.to_string(), el));
                actions.len() - 1
            }
        })
    };
    let mut items: Vec<(usize, El)> = Vec::new();
    for a in &r.agents {
        if let Some(i) = slot(&a.spelling) {
            items.push((i, name_el(a)));
        }
    }
    for p in &r.places {
        if let Some(i) = slot(&p.spelling) {
            items.push((i, place_el(p)));
        }
    }
    for d in &r.dates {
        if let Some(i) = slot(&d.spelling) {
            items.push((i, date_el(d)));
        }
    }
    if actions.is_empty() {
        return None;
    }
    for (i, el) in items {
        actions[i].2.push(el);
    }
    actions.sort_by_key(|(n, _, _)| *n);
    let mut cd = El::new("correspDesc");
    for (_, _, el) in actions {
        cd.push(el);
    }
    Some(cd)
}

/// Where an agent's element goes: `titleStmt` or `publicationStmt`.
pub(super) fn in_publication_stmt(a: &Agent) -> bool {
    a.role == Role::Publisher
}

pub(super) fn title_el(t: &Title) -> El {
    let el = if t.markup.is_empty() {
        El::text("title", &t.text)
    } else {
        inlines_into(El::new("title"), &t.markup, Build::Full)
    };
    typed(el, "type", &t.spelling, t.kind.key())
        .attr_opt("xml:lang", t.lang.as_deref())
        // The bibliographic level (a, m, j, s, u) as the source gave it.
        .attr_opt("level", t.spelling.get("level").map(String::as_str))
}

fn title_stmt(r: &Record, field: &str, frags: &Fragments, ledger: &mut Ledger) -> El {
    let mut ts = El::new("titleStmt");
    for t in &r.titles {
        ts.push(title_el(t));
    }
    if r.titles.is_empty() && !frags.replaced("teiHeader/fileDesc/titleStmt", "title") {
        // titleStmt requires a title; an empty one states nothing.
        ts.push(El::new("title"));
        ledger.push(
            LossKind::Supplied,
            format!("{field}titles"),
            Format::Tei,
            "TEI requires titleStmt/title; wrote an empty <title/>",
        );
    }
    for a in r
        .agents
        .iter()
        .filter(|a| !in_publication_stmt(a) && action_of(&a.spelling).is_none())
    {
        if let Some(el) = agent_el(a) {
            ts.push(el);
        }
    }
    ts
}

pub(super) fn date_el(d: &DateRef) -> El {
    let el = El::text("date", &d.text);
    let el = match &d.normal {
        Some(DateNormal::Single { when }) => el.attr("when", when),
        Some(DateNormal::Range { from, to }) => el.attr("from", from).attr("to", to),
        Some(DateNormal::Approximate {
            not_before,
            not_after,
        }) => el.attr("notBefore", not_before).attr("notAfter", not_after),
        // TEI dates one date or span: a set is written as its text only (ledgered by
        // the record's writer).
        Some(DateNormal::Set { .. }) | None => el,
    };
    typed(el, "type", &d.spelling, d.kind.key())
        .attr_opt("calendar", d.calendar.as_deref())
        .attr_opt("cert", d.certainty.as_deref().filter(|c| is_tei_cert(c)))
}

/// TEI's `@cert` (teidata.probCert): `high`, `medium`, `low`, `unknown` or a probability.
fn is_tei_cert(c: &str) -> bool {
    matches!(c, "high" | "medium" | "low" | "unknown")
        || c.parse::<f64>().is_ok_and(|p| (0.0..=1.0).contains(&p))
}

pub(super) fn idno_el(id: &Identifier) -> El {
    typed(
        El::text("idno", &id.value),
        "type",
        &id.spelling,
        id.kind.key(),
    )
    .attr_opt("source", id.authority.as_deref())
}

pub(super) fn availability_el(rt: &Rights) -> El {
    let mut av = El::new("availability").attr_opt("status", rt.status.as_deref());
    if let Some(l) = &rt.licence {
        av.push(El::new("licence").attr("target", l));
    }
    for p in &rt.statement {
        av.push(El::text("p", p));
    }
    if av.is_empty() {
        av.push(El::new("p"));
    }
    av
}

fn publication_stmt(r: &Record, field: &str, frags: &Fragments, ledger: &mut Ledger) -> El {
    let rel = "teiHeader/fileDesc/publicationStmt";
    let mut ps = El::new("publicationStmt");
    for a in r
        .agents
        .iter()
        .filter(|a| in_publication_stmt(a) && action_of(&a.spelling).is_none())
    {
        if let Some(el) = agent_el(a) {
            ps.push(el);
        }
    }
    let has_agency = !ps.is_empty()
        || ["publisher", "distributor", "authority"]
            .iter()
            .any(|n| frags.replaced(rel, n));
    for d in r.dates.iter().filter(|d| in_publication_stmt_date(d)) {
        ps.push(date_el(d));
    }
    for id in r.identifiers.iter().filter(|i| !in_ms_identifier(i)) {
        ps.push(idno_el(id));
    }
    for rt in &r.rights {
        ps.push(availability_el(rt));
    }
    // TEI allows dates, identifiers and availability only after a publishing agency.
    if !has_agency && !ps.is_empty() {
        let kids = std::mem::take(&mut ps.kids);
        ps.push(El::new("authority"));
        ps.kids.extend(kids);
        ledger.push(
            LossKind::Supplied,
            format!("{field}agents"),
            Format::Tei,
            "TEI requires a publishing agency before publication details; the record names none, wrote an empty <authority/>",
        );
    }
    if ps.is_empty() && !frags.under(rel) {
        ps.push(El::new("p"));
    }
    ps
}

/// Publication dates go to `publicationStmt`, every other date to `profileDesc/creation`.
pub(super) fn in_publication_stmt_date(d: &DateRef) -> bool {
    d.kind == DateKind::Publication
}

/// Reference codes go to `msIdentifier/altIdentifier`, record ids to `publicationStmt`.
pub(super) fn in_ms_identifier(id: &Identifier) -> bool {
    if id
        .spelling
        .get("element")
        .is_some_and(|e| e == "altIdentifier")
    {
        return true;
    }
    match id.kind {
        IdentifierKind::Unit | IdentifierKind::Registry => true,
        IdentifierKind::Record
        | IdentifierKind::Uri
        | IdentifierKind::Doi
        | IdentifierKind::Handle
        | IdentifierKind::Other(_) => false,
    }
}

/// Notes read from `msDesc` (`summary`, `history`) go back there; the rest to `notesStmt`.
fn ms_note_element(n: &Note) -> Option<&str> {
    n.spelling
        .get("element")
        .map(String::as_str)
        .filter(|e| matches!(*e, "summary" | "provenance" | "acquisition"))
}

pub(super) fn note_el(n: &Note) -> El {
    let tag = element(&n.spelling, "note");
    let mut el = typed(El::new(tag), "type", &n.spelling, n.kind.key());
    if let Some(h) = &n.heading {
        el.push(El::text("label", h));
    }
    let inline = n.spelling.get("content").is_some_and(|c| c == "inline");
    for b in &n.content {
        match b {
            Block::Paragraph { n: None, content } if inline => {
                el = inlines_into(el, content, Build::Full);
            }
            _ => el.kids.push(block_node(b, Build::Full)),
        }
    }
    el
}

/// A `summary` holds its one paragraph's inline content directly.
pub(super) fn summary_el(n: &Note) -> El {
    let mut el = El::new("summary");
    for b in &n.content {
        match b {
            Block::Paragraph { content, .. } => el = inlines_into(el, content, Build::Full),
            _ => el.kids.push(block_node(b, Build::Full)),
        }
    }
    el
}

pub(super) fn related_el(rel: &Relation) -> El {
    typed(
        El::new("relatedItem"),
        "type",
        &rel.spelling,
        rel.kind.key(),
    )
    .attr_opt("target", rel.uri.as_deref())
    .child(El::text("bibl", &rel.text))
}

fn notes_stmt(r: &Record) -> El {
    let mut ns = El::new("notesStmt");
    for n in r.notes.iter().filter(|n| ms_note_element(n).is_none()) {
        ns.push(note_el(n));
    }
    for rel in &r.relations {
        ns.push(related_el(rel));
    }
    ns
}

pub(super) fn alt_identifier_el(id: &Identifier) -> El {
    typed(
        El::new("altIdentifier"),
        "type",
        &id.spelling,
        id.kind.key(),
    )
    .child(El::text("idno", &id.value).attr_opt("source", id.authority.as_deref()))
}

/// `msIdentifier/repository` or `institution` for a holding agent.
pub(super) fn repository_el(a: &Agent) -> El {
    let tag = if a.note.as_deref() == Some(INSTITUTION) {
        "institution"
    } else {
        "repository"
    };
    agent_authority_attrs(El::text(tag, &a.name), a)
}

pub(super) fn ms_identifier_el(r: &Record) -> El {
    let mut msid = El::new("msIdentifier");
    let h = r.holding.clone().unwrap_or_default();
    if let Some(s) = &h.settlement {
        msid.push(El::text("settlement", s));
    }
    for a in r.agents.iter().filter(|a| a.role == Role::Repository) {
        msid.push(repository_el(a));
    }
    if let Some(c) = &h.collection {
        msid.push(El::text("collection", c));
    }
    if let Some(rf) = &h.reference {
        msid.push(typed(
            El::text("idno", rf),
            "type",
            &h.spelling,
            "reference",
        ));
    }
    for id in r.identifiers.iter().filter(|i| in_ms_identifier(i)) {
        msid.push(alt_identifier_el(id));
    }
    msid
}

pub(super) fn security_el(sec: &Security) -> El {
    let mut item = El::new("msItem");
    for (t, v) in [
        ("classification", &sec.classification),
        ("original_classification", &sec.original_classification),
        ("copy_number", &sec.copy_number),
    ] {
        if let Some(v) = v {
            item.push(El::text("note", v).attr("type", t));
        }
    }
    item
}

/// An extent as the source wrote it: a `physDesc/p` (quantity and unit as `@n` and
/// `@rend`), or an `extent` statement (read from `objectDesc/supportDesc`).
pub(super) fn extent_el(e: &Extent) -> El {
    if e.spelling.get("element").is_some_and(|x| x == "extent") {
        return El::text("extent", &e.text);
    }
    El::text("p", &e.text)
        .attr_opt("n", e.quantity.as_deref())
        .attr_opt("rend", e.unit.as_deref())
}

/// `physDesc`: paragraphs of extent, then `objectDesc/supportDesc` around extent statements.
pub(super) fn physdesc_el(extents: &[Extent]) -> El {
    let mut pd = El::new("physDesc");
    let mut support = El::new("supportDesc");
    for e in extents {
        let el = extent_el(e);
        if el.name == "extent" {
            support.push(el);
        } else {
            pd.push(el);
        }
    }
    if !support.is_empty() {
        pd.push(El::new("objectDesc").child(support));
    }
    pd
}

fn source_desc(r: &Record, field: &str, frags: &Fragments, ledger: &mut Ledger) -> El {
    let rel = "teiHeader/fileDesc/sourceDesc";
    let ms_rel = "teiHeader/fileDesc/sourceDesc/msDesc";
    let mut sd = El::new("sourceDesc");
    let wants_ms = has_ms_content(r) || r.children.iter().any(is_ms_part) || frags.under(ms_rel);
    if wants_ms && !frags.replaced(rel, "msDesc") {
        let mut ms = El::new("msDesc");
        ms_body(r, &mut ms, ms_rel, frags);
        for (i, c) in r.children.iter().enumerate() {
            if is_ms_part(c) {
                ms.push(ms_part(c, &format!("{field}children[{i}]."), ledger));
            }
        }
        sd.push(ms);
    }
    if sd.is_empty() && !frags.under(rel) {
        sd.push(El::new("p"));
    }
    sd
}

/// True when a record holds something written in `msDesc` (or `msPart`).
fn has_ms_content(r: &Record) -> bool {
    r.agents.iter().any(|a| a.role == Role::Repository)
        || r.holding.is_some()
        || r.security.is_some()
        || !r.extents.is_empty()
        || r.notes.iter().any(|n| ms_note_element(n).is_some())
        || r.identifiers.iter().any(in_ms_identifier)
        || r.dates.iter().any(is_origin_date)
        || r.places.iter().any(is_origin_place)
}

/// A child record read from an `msPart`: written back as one, inside the parent's
/// `msDesc`, not as a nested `TEI`.
pub(super) fn is_ms_part(r: &Record) -> bool {
    r.origin
        .as_deref()
        .and_then(|o| o.rsplit('/').next())
        .is_some_and(|s| s.starts_with("msPart"))
}

/// A date read from `history/origin/origDate`.
pub(super) fn is_origin_date(d: &DateRef) -> bool {
    d.spelling.get("element").is_some_and(|e| e == "origDate")
}

/// A place read from `history/origin/origPlace`.
pub(super) fn is_origin_place(p: &Place) -> bool {
    p.spelling.get("element").is_some_and(|e| e == "origPlace")
}

/// `origDate`: a date of origin with its normal form.
pub(super) fn orig_date_el(d: &DateRef) -> El {
    let mut el = date_el(d);
    el.name = "origDate".into();
    el
}

/// `origPlace`: a place of origin.
pub(super) fn orig_place_el(p: &Place) -> El {
    let mut el = place_el(p);
    el.name = "origPlace".into();
    el
}

/// The content of an `msDesc` or `msPart`: identifier, contents, physical description,
/// history (origin, provenance, acquisition). `rel` is the element's path below the record.
fn ms_body(r: &Record, ms: &mut El, rel: &str, frags: &Fragments) {
    let under = |sub: &str| {
        if rel.is_empty() {
            sub.to_string()
        } else {
            format!("{rel}/{sub}")
        }
    };
    let ms_notes: Vec<&Note> = r
        .notes
        .iter()
        .filter(|n| ms_note_element(n).is_some())
        .collect();
    if !frags.replaced(rel, "msIdentifier") {
        ms.push(ms_identifier_el(r));
    }
    let mut contents = El::new("msContents");
    for n in ms_notes
        .iter()
        .filter(|n| ms_note_element(n) == Some("summary"))
    {
        contents.push(summary_el(n));
    }
    if let Some(sec) = &r.security {
        let item = security_el(sec);
        if !item.is_empty() {
            contents.push(item);
        }
    }
    if !contents.is_empty() || frags.under(&under("msContents")) {
        ms.push(contents);
    }
    if !r.extents.is_empty() {
        ms.push(physdesc_el(&r.extents));
    }
    let mut history = El::new("history");
    let mut origin = El::new("origin");
    for d in r.dates.iter().filter(|d| is_origin_date(d)) {
        origin.push(orig_date_el(d));
    }
    for p in r.places.iter().filter(|p| is_origin_place(p)) {
        origin.push(orig_place_el(p));
    }
    if !origin.is_empty() || frags.under(&under("history/origin")) {
        history.push(origin);
    }
    for n in ms_notes
        .iter()
        .filter(|n| ms_note_element(n) != Some("summary"))
    {
        history.push(note_el(n));
    }
    if !history.is_empty() || frags.under(&under("history")) {
        ms.push(history);
    }
}

/// An `msPart` from a child record, with its own fragments put back.
fn ms_part(c: &Record, field: &str, ledger: &mut Ledger) -> El {
    crate::unwritten::account(c, Format::Tei, field, &TEI_UNWRITTEN, ledger);
    let frags = Fragments::new(c, field, ledger);
    let mut part = El::new("msPart");
    ms_body(c, &mut part, "", &frags);
    for (i, g) in c.children.iter().enumerate() {
        let f = format!("{field}children[{i}].");
        if is_ms_part(g) {
            part.push(ms_part(g, &f, ledger));
        } else {
            ledger.push(
                LossKind::Dropped,
                format!("{field}children[{i}]"),
                Format::Tei,
                "a manuscript part holds only parts",
            );
            ledger.with_text(&crate::model::plain::record_text(g));
        }
    }
    // What a part record may hold that msPart cannot.
    let elsewhere = Record {
        titles: c.titles.clone(),
        body: c.body.clone(),
        agents: c
            .agents
            .iter()
            .filter(|a| a.role != Role::Repository)
            .cloned()
            .collect(),
        subjects: c.subjects.clone(),
        languages: c.languages.clone(),
        abstract_: c.abstract_.clone(),
        notes: c
            .notes
            .iter()
            .filter(|n| ms_note_element(n).is_none())
            .cloned()
            .collect(),
        dates: c
            .dates
            .iter()
            .filter(|d| !is_origin_date(d))
            .cloned()
            .collect(),
        places: c
            .places
            .iter()
            .filter(|p| !is_origin_place(p))
            .cloned()
            .collect(),
        identifiers: c
            .identifiers
            .iter()
            .filter(|i| !in_ms_identifier(i))
            .cloned()
            .collect(),
        rights: c.rights.clone(),
        relations: c.relations.clone(),
        document_types: c.document_types.clone(),
        ..Record::default()
    };
    let text = crate::model::plain::record_text(&elsewhere);
    if !text.trim().is_empty() {
        ledger.push(
            LossKind::Dropped,
            format!("{field}titles"),
            Format::Tei,
            "an msPart has no place for this part record's titles, people other than its repository, subjects, languages, abstract, notes, dates, rights, relations or text",
        );
        ledger.with_text(&text);
    }
    frags.restore(&mut part);
    frags.finish(ledger);
    part
}

pub(super) fn abstract_el(paras: &[String]) -> El {
    let mut ab = El::new("abstract");
    for p in paras {
        ab.push(El::text("p", p));
    }
    ab
}

pub(super) fn language_el(l: &Language) -> El {
    El::new("language")
        .attr("ident", &l.code)
        .push_text(l.name.as_deref().unwrap_or(""))
}

pub(super) fn term_el(s: &Subject) -> El {
    typed(El::text("term", &s.term), "type", &s.spelling, s.kind.key())
        .attr_opt("ref", s.uri.as_deref())
}

pub(super) fn document_type_el(t: &str) -> El {
    El::text("term", t).attr("type", DOCUMENT_TYPE)
}

fn profile_desc(r: &Record, frags: &Fragments) -> El {
    let rel = "teiHeader/profileDesc";
    let mut pd = El::new("profileDesc");
    if !r.abstract_.is_empty() {
        pd.push(abstract_el(&r.abstract_));
    }
    let mut creation = El::new("creation");
    for d in r.dates.iter().filter(|d| {
        !in_publication_stmt_date(d) && action_of(&d.spelling).is_none() && !is_origin_date(d)
    }) {
        creation.push(date_el(d));
    }
    if !creation.is_empty() || frags.under(&format!("{rel}/creation")) {
        pd.push(creation);
    }
    if !r.languages.is_empty() || frags.under(&format!("{rel}/langUsage")) {
        let mut lu = El::new("langUsage");
        for l in &r.languages {
            lu.push(language_el(l));
        }
        pd.push(lu);
    }
    if !r.subjects.is_empty()
        || !r.document_types.is_empty()
        || frags.under(&format!("{rel}/textClass"))
    {
        let mut tc = El::new("textClass");
        let mut groups: Vec<(Option<&str>, El)> = Vec::new();
        for t in &r.document_types {
            group(&mut groups, None).push(document_type_el(t));
        }
        for s in &r.subjects {
            group(&mut groups, s.vocabulary.as_deref()).push(term_el(s));
        }
        for (_, k) in groups {
            tc.push(k);
        }
        pd.push(tc);
    }
    if let Some(cd) = corresp_desc(r) {
        pd.push(cd);
    }
    pd
}

fn group<'a, 'b>(
    groups: &'b mut Vec<(Option<&'a str>, El)>,
    scheme: Option<&'a str>,
) -> &'b mut El {
    let i = match groups.iter().position(|(s, _)| *s == scheme) {
        Some(i) => i,
        None => {
            groups.push((scheme, El::new("keywords").attr_opt("scheme", scheme)));
            groups.len() - 1
        }
    };
    &mut groups[i].1
}

fn text(r: &Record, frags: &Fragments) -> El {
    // A group kept whole stands where a body would (TEI's text holds one or the other).
    if r.body.is_empty() && frags.replaced("text", "group") {
        return El::new("text");
    }
    let mut body = El::new("body");
    blocks_into(&mut body, &r.body, Build::Full);
    if body.is_empty() {
        body.push(El::new("p"));
    }
    El::new("text").child(body)
}

/// How much of an element to build: all of it; its children as bare elements (for the
/// reader's check of one element whose children were checked on their own); or none.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Build {
    Full,
    Shallow,
    Stub,
}

impl Build {
    fn kids(self) -> Build {
        match self {
            Build::Full => Build::Full,
            Build::Shallow | Build::Stub => Build::Stub,
        }
    }
}

/// Writes blocks into a body or div. A heading is a TEI `head` only before other
/// content; a later one is an `ab[@type=heading]`, which the reader maps back.
pub(super) fn blocks_into(parent: &mut El, blocks: &[Block], build: Build) {
    if build == Build::Stub {
        return;
    }
    let mut started = false;
    let mut in_divs = false;
    for (i, b) in blocks.iter().enumerate() {
        // Once a div has begun, TEI allows only divs (and closing matter) after it: the
        // remaining mapped blocks go into one untyped div. Verbatim source content stays
        // where it stood, as the source had it.
        let div_like = matches!(b, Block::Section { .. });
        // Verbatim source content TEI allows after a div (milestones, notes, closing
        // matter) stays where it stood, as the source had it.
        let allowed_after_divs = match b {
            Block::Unmapped(u) => {
                // (fragment_name gives no name for a comment or processing instruction.)
                let n = local(fragment_name(&u.xml));
                u.xml.starts_with("<!--")
                    || u.xml.starts_with("<?")
                    || n == "div"
                    || (n.starts_with("div") && n.len() == 4)
                    || DIV_BOTTOM.contains(&n)
                    || GLOBAL.contains(&n)
            }
            _ => false,
        };
        if in_divs && !div_like && !allowed_after_divs {
            let mut div = El::new("div");
            blocks_into(&mut div, &blocks[i..], build);
            parent.push(div);
            return;
        }
        in_divs |= div_like
            || matches!(b, Block::Unmapped(u) if {
                let n = local(fragment_name(&u.xml));
                n == "div" || (n.starts_with("div") && n.len() == 4)
            });
        match b {
            Block::Heading { content } if started => parent.push(inlines_into(
                El::new("ab").attr("type", "heading"),
                content,
                build.kids(),
            )),
            Block::Heading { .. } | Block::Note { .. } | Block::Unmapped(_) => {
                parent.kids.push(block_node(b, build.kids()))
            }
            _ => {
                started = true;
                parent.kids.push(block_node(b, build.kids()));
            }
        }
    }
}

/// TEI's model.divBottom: elements allowed after the last div.
const DIV_BOTTOM: &[&str] = &[
    "trailer",
    "closer",
    "signed",
    "postscript",
    "byline",
    "dateline",
    "argument",
    "epigraph",
    "meeting",
    "salute",
    "docAuthor",
    "docDate",
];

/// TEI's model.global (milestones, notes, editorial spans, ...): allowed anywhere.
const GLOBAL: &[&str] = &[
    "pb",
    "lb",
    "cb",
    "gb",
    "milestone",
    "anchor",
    "fw",
    "note",
    "noteGrp",
    "gap",
    "space",
    "addSpan",
    "delSpan",
    "damageSpan",
    "index",
    "link",
    "linkGrp",
    "join",
    "joinGrp",
    "alt",
    "altGrp",
    "timeline",
    "figure",
    "notatedMusic",
    "metamark",
    "span",
    "spanGrp",
    "interp",
    "interpGrp",
    "certainty",
    "precision",
    "respons",
    "incident",
    "kinesic",
    "pause",
    "shift",
    "vocal",
    "writing",
    "ellipsis",
    "substJoin",
    "listTranspose",
];

fn block_node(b: &Block, build: Build) -> Node {
    match b {
        Block::Unmapped(u) => Node::Raw(u.xml.clone()),
        _ => Node::El(block(b, build)),
    }
}

/// One block as an element (`build` says how much of its content).
pub(super) fn block(b: &Block, build: Build) -> El {
    match b {
        Block::Section {
            kind,
            n,
            lang,
            blocks,
        } => {
            let mut div = El::new("div")
                .attr_opt("type", kind.as_deref())
                .attr_opt("n", n.as_deref())
                .attr_opt("xml:lang", lang.as_deref());
            blocks_into(&mut div, blocks, build);
            if build != Build::Stub
                && !blocks
                    .iter()
                    .any(|b| !matches!(b, Block::Heading { .. } | Block::Note { .. }))
            {
                div.push(El::new("p"));
            }
            div
        }
        Block::Heading { content } => inlines_into(El::new("head"), content, build),
        Block::Paragraph { n, content } => {
            inlines_into(El::new("p").attr_opt("n", n.as_deref()), content, build)
        }
        Block::List {
            ordered,
            style,
            lang,
            items,
        } => {
            let rend = match (style, ordered) {
                (Some(s), true) => format!("numbered {s}"),
                (Some(s), false) => s.clone(),
                (None, true) => "numbered".to_string(),
                (None, false) => "bulleted".to_string(),
            };
            let mut l = El::new("list")
                .attr("rend", &rend)
                .attr_opt("xml:lang", lang.as_deref());
            if build != Build::Stub {
                for it in items {
                    let mut item = inlines_into(
                        El::new("item").attr_opt("n", it.n.as_deref()),
                        &it.content,
                        build.kids(),
                    );
                    for b in &it.blocks {
                        item.kids.push(block_node(b, build.kids()));
                    }
                    l.push(item);
                }
            }
            l
        }
        Block::Quote { blocks } => {
            let mut q = El::new("quote");
            if build != Build::Stub {
                for b in blocks {
                    q.kids.push(block_node(b, build.kids()));
                }
            }
            q
        }
        Block::Note { kind, content } => {
            inlines_into(El::new("note").attr("type", kind.key()), content, build)
        }
        Block::DefinitionList { items } => {
            let mut l = El::new("list").attr("type", "gloss");
            if build != Build::Stub {
                for it in items {
                    l.push(inlines_into(El::new("label"), &it.label, build.kids()));
                    l.push(inlines_into(El::new("item"), &it.content, build.kids()));
                }
            }
            l
        }
        Block::Chronology { heading, events } => {
            // A gloss list of dates and what happened then.
            let mut l = El::new("list").attr("type", "chronology");
            if build != Build::Stub {
                if let Some(h) = heading {
                    l.push(inlines_into(El::new("head"), h, build.kids()));
                }
                for e in events {
                    l.push(El::new("label").child(date_el(&e.date)));
                    let mut item = El::new("item").mixed();
                    for (k, ev) in e.events.iter().enumerate() {
                        if k > 0 {
                            item.push(El::new("lb"));
                        }
                        for i in ev {
                            item.kids.push(inline(i, build.kids()));
                        }
                    }
                    l.push(item);
                }
            }
            l
        }
        Block::Table { heading, rows } => {
            let mut t = El::new("table");
            if build != Build::Stub {
                if let Some(h) = heading {
                    t.push(inlines_into(El::new("head"), h, build.kids()));
                }
                for row in rows {
                    let mut r = El::new("row");
                    if row.head {
                        r = r.attr("role", "label");
                    }
                    for c in &row.cells {
                        r.push(inlines_into(El::new("cell"), c, build.kids()));
                    }
                    t.push(r);
                }
            }
            t
        }
        // Verbatim source content has no element of its own: it is written as it came.
        Block::Unmapped(u) => {
            let mut holder = El::new(local(fragment_name(&u.xml)).to_string());
            holder.kids.push(Node::Raw(u.xml.clone()));
            holder
        }
    }
}

fn inlines_into(mut el: El, content: &[Inline], build: Build) -> El {
    el.mixed = true;
    if build == Build::Stub {
        return el;
    }
    for i in content {
        el.kids.push(inline(i, build.kids()));
    }
    el
}

/// The TEI elements of a choice's two forms: the original's and the reading's.
pub(super) fn choice_names(kind: &ChoiceKind) -> (&'static str, &'static str) {
    match kind {
        ChoiceKind::Abbreviation => ("abbr", "expan"),
        ChoiceKind::Regularisation => ("orig", "reg"),
        ChoiceKind::Correction => ("sic", "corr"),
    }
}

/// One inline as a node (`build` says how much of its content).
pub(super) fn inline(i: &Inline, build: Build) -> Node {
    let el = match i {
        Inline::Text { text } => return Node::Text(text.clone()),
        Inline::Unmapped(u) => return Node::Raw(u.xml.clone()),
        Inline::Title { content } => inlines_into(El::new("title"), content, build),
        Inline::Choice {
            kind,
            original,
            reading,
        } => {
            let (o, r) = choice_names(kind);
            let mut c = El::new("choice");
            if build != Build::Stub {
                c.push(inlines_into(El::new(o), original, build.kids()));
                c.push(inlines_into(El::new(r), reading, build.kids()));
            }
            c
        }
        Inline::InternalRef { target, content } => inlines_into(
            El::new("ref").attr("target", &format!("#{target}")),
            content,
            build,
        ),
        Inline::Emphasis { rend, content } => match rend {
            Some(r) => inlines_into(El::new("hi").attr("rend", r), content, build),
            None => inlines_into(El::new("emph"), content, build),
        },
        Inline::Supplied { reason, content } => inlines_into(
            El::new("supplied").attr_opt("reason", reason.as_deref()),
            content,
            build,
        ),
        Inline::Gap { reason, extent } => El::new("gap")
            .attr_opt("reason", reason.as_deref())
            .attr_opt("extent", extent.as_deref()),
        Inline::Name {
            kind,
            reference,
            content,
        } => {
            let tag = match kind {
                NameKind::Person => "persName",
                NameKind::Place => "placeName",
                NameKind::Organisation => "orgName",
                NameKind::Other => "name",
            };
            inlines_into(
                El::new(tag).attr_opt("ref", reference.as_deref()),
                content,
                build,
            )
        }
        Inline::Date { when, content } => inlines_into(
            El::new("date").attr_opt("when", when.as_deref()),
            content,
            build,
        ),
        Inline::Foreign { lang, content } => {
            inlines_into(El::new("foreign").attr("xml:lang", lang), content, build)
        }
        Inline::LineBreak => El::new("lb"),
        Inline::PageBreak { n } => El::new("pb").attr_opt("n", n.as_deref()),
        Inline::Link { target, content } => {
            inlines_into(El::new("ref").attr("target", target), content, build)
        }
        Inline::Note { kind, content } => {
            inlines_into(El::new("note").attr("type", kind.key()), content, build)
        }
    };
    Node::El(el)
}
