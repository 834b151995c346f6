//! TEI P5 → Record.
//!
//! Every node ends in one of three places: mapped into the model; kept verbatim as an
//! unmapped fragment (with its path, line and position among its siblings, so the TEI
//! writer puts it back where it stood); or, for comments and processing instructions in
//! the header, nowhere (see "deliberately ignored").
//!
//! A mapping is checked before it is taken: the element is mapped only when the TEI
//! writer, given what was read, writes that element back as it was (`crate::reader`);
//! otherwise the whole element is kept verbatim. Attributes of the containers the reader
//! walks through (`teiHeader`, `fileDesc`, `msDesc`, `text`, the root, ...) that the model
//! has no field for are kept as attribute fragments (`@name` paths).
//!
//! Element checklist:
//! - mapped, header: `titleStmt/{title, author, editor, funder, sponsor, principal,
//!   respStmt}`, `publicationStmt/{publisher, distributor, authority, date, idno,
//!   availability}`, `notesStmt/{note, relatedItem}`, `sourceDesc/msDesc/{msIdentifier,
//!   msContents/{summary, msItem (classification notes)}, physDesc/p, history/{provenance,
//!   acquisition}}`, `profileDesc/{abstract, creation/date, langUsage/language,
//!   textClass/keywords/term}` — each in the shapes the model holds.
//! - mapped, text: `body` (`div`, `head`, `p`, `ab`, `list/item`, `quote`, `note`; inline
//!   `hi`, `emph`, `supplied`, `gap`, `persName`, `placeName`, `orgName`, `name`, `date`,
//!   `foreign`, `lb`, `pb`, `ref`, `note`); `TEI` and `teiCorpus` children as child records.
//! - kept verbatim: everything else, and any of the above in a shape the model cannot hold
//!   (an unknown attribute, markup inside a title, a second resp in a respStmt, ...).
//! - deliberately ignored: white space between elements; comments and processing
//!   instructions directly inside header containers (those in the text are kept).

use super::write::{self as w, Build};
use super::{DOCUMENT_TYPE, INSTITUTION};
use crate::error::{Error, ErrorKind, Result};
use crate::format::{TEI_NS, XML_NS};
use crate::model::*;
use crate::reader::{kind_of, ReadContext};
use crate::xml::{parse, path_of, pos_of, text_of, El, Node};

/// Reads a TEI document (`TEI` or `teiCorpus` root) into a record.
pub fn read(text: &str) -> Result<Record> {
    let doc = parse(text)?;
    let _lines = crate::xml::index_lines(&doc);
    let root = doc.root_element();
    if root.tag_name().namespace() != Some(TEI_NS)
        || !matches!(root.tag_name().name(), "TEI" | "teiCorpus")
    {
        return Err(Error::at(
            ErrorKind::Unmappable,
            pos_of(root),
            format!(
                "expected a TEI or teiCorpus root element in namespace {TEI_NS}, found <{}>",
                root.tag_name().name()
            ),
        ));
    }
    record(root)
}

fn is_tei(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(TEI_NS) && n.tag_name().name() == name
}

fn tei_name<'a>(n: &Node<'a, '_>) -> Option<&'a str> {
    (n.is_element() && n.tag_name().namespace() == Some(TEI_NS)).then(|| n.tag_name().name())
}

fn elements<'a, 'i>(n: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(|c| c.is_element())
}

fn attr<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute(name).map(str::trim).filter(|s| !s.is_empty())
}

fn owned(n: Node, name: &str) -> Option<String> {
    attr(n, name).map(str::to_string)
}

fn xml_lang(n: Node) -> Option<String> {
    n.attribute_ns(XML_NS, "lang").map(str::to_string)
}

/// The TEI reading context (see [`crate::reader`]).
const CX: ReadContext = ReadContext {
    format: "tei",
    ns: TEI_NS,
};

/// Takes `value` into `into` when its element was checked to write back as it was, and
/// says whether it did (a value not taken leaves its element to be kept verbatim).
fn take<T>(checked: bool, value: T, into: &mut Vec<T>) -> bool {
    if checked {
        into.push(value);
    }
    checked
}

fn writes_back(n: Node, el: &El) -> bool {
    CX.writes_back(n, el)
}

fn unmapped(n: Node) -> Unmapped {
    CX.unmapped(n)
}

fn keep_attributes(n: Node, mapped: &[&str], r: &mut Record) {
    CX.keep_attributes(n, mapped, &mut r.unmapped)
}

/// Reads one `TEI` or `teiCorpus` element.
fn record(root: Node) -> Result<Record> {
    let mut r = Record {
        origin: Some(path_of(root)),
        ..Record::default()
    };
    r.level = match (root.tag_name().name(), root.attribute("type")) {
        (_, Some(t)) => {
            let l = Level::from_key(t).filter(|l| l.key() == t);
            l.or_else(|| Some(Level::Other(t.to_string())))
        }
        ("teiCorpus", None) => Some(Level::Collection),
        _ => None,
    };
    keep_attributes(root, &["type"], &mut r);
    let header = elements(root)
        .find(|c| is_tei(c, "teiHeader"))
        .ok_or_else(|| {
            Error::at(
                ErrorKind::Unmappable,
                pos_of(root),
                format!(
                    "<{}> has no teiHeader: expected one as its first child",
                    root.tag_name().name()
                ),
            )
        })?;
    let mut text_read = false;
    for c in elements(root) {
        match tei_name(&c) {
            Some("teiHeader") if c == header => read_header(c, &mut r),
            Some("TEI" | "teiCorpus") => r.children.push(record(c)?),
            Some("text") if !text_read => {
                text_read = true;
                read_text(c, &mut r)
            }
            _ => r.unmapped.push(unmapped(c)),
        }
    }
    Ok(r)
}

/// Reads the children of a container once each: `read` returns false for a child it
/// did not take, which is then kept verbatim.
/// The order of the children taken is noted where the writer would write them otherwise.
fn each_child(n: Node, r: &mut Record, mut read: impl FnMut(Node, &mut Record) -> bool) {
    let mut taken = Vec::new();
    for c in elements(n) {
        if read(c, r) {
            taken.push(c.tag_name().name());
        } else {
            r.unmapped.push(unmapped(c));
        }
    }
    let origin = r.origin.as_deref().unwrap_or("");
    let rel = w::relative(&path_of(n), origin);
    if !w::in_writer_order(&rel, &taken) {
        r.spelling.insert(rel, taken.join(" "));
    }
}

/// Reads a container whose parts each come once (`fileDesc`, `msDesc`, `profileDesc`):
/// `read` maps a part by its name (`None`: not one of the container's parts, kept
/// verbatim, as is a second part of a name; `msPart`s may repeat).
fn each_part(
    n: Node,
    r: &mut Record,
    mut read: impl FnMut(&str, Node, &mut Record) -> Option<bool>,
) {
    keep_attributes(n, &[], r);
    let mut seen: Vec<String> = Vec::new();
    each_child(n, r, |c, r| {
        let name = tei_name(&c).unwrap_or("");
        if seen.iter().any(|s| s == name) {
            return false;
        }
        match read(name, c, r) {
            Some(took) => {
                if name != "msPart" {
                    seen.push(name.to_string());
                }
                took
            }
            None => false,
        }
    });
}

fn read_header(h: Node, r: &mut Record) {
    keep_attributes(h, &[], r);
    let (mut fd, mut pd) = (false, false);
    each_child(h, r, |c, r| match tei_name(&c) {
        Some("fileDesc") if !fd => {
            fd = true;
            read_file_desc(c, r);
            true
        }
        // An empty profileDesc is kept as it stood: the writer writes one only around
        // what the model holds.
        Some("profileDesc") if !pd && !blank(c) => {
            pd = true;
            read_profile_desc(c, r);
            true
        }
        _ => false,
    });
}

/// An element with no attribute and nothing but white space inside.
fn blank(n: Node) -> bool {
    n.attributes().len() == 0
        && n.children()
            .all(|k| k.is_text() && k.text().unwrap_or("").trim().is_empty())
}

fn read_file_desc(fd: Node, r: &mut Record) {
    each_part(fd, r, |name, c, r| {
        Some(match name {
            "titleStmt" => read_title_stmt(c, r),
            "publicationStmt" => read_publication_stmt(c, r),
            "notesStmt" => read_notes_stmt(c, r),
            "sourceDesc" => read_source_desc(c, r),
            _ => return None,
        })
    });
}

/// An agent from a header element (`author`, `editor`, `publisher`, ...): its name as
/// text, or in name elements (the first the display form, later ones with `@xml:lang`
/// its parallel forms), each with its parts (`forename`, `surname`, ...); then `idno`s,
/// `affiliation`s and `email`s given with the name, and a role note. The wrapper's
/// `@xml:id` is the agent's id.
fn agent_from(el: Node, role: Role, spelling: Spelling) -> Option<Agent> {
    let mut a = Agent {
        role,
        spelling,
        ..Default::default()
    };
    a.attributes.id = el.attribute_ns(XML_NS, "id").map(str::to_string);
    let mut main: Option<Node> = None;
    for k in elements(el) {
        match tei_name(&k)? {
            "persName" | "orgName" | "name" if main.is_none() => main = Some(k),
            "persName" | "orgName" | "name" => {
                let (text, parts) = name_parts(k)?;
                a.details.parallel.push(ParallelName {
                    lang: xml_lang(k),
                    text,
                    parts,
                });
            }
            "idno" => a.details.identifiers.push(identifier_from(
                k,
                IdentifierKind::Other("authority".into()),
            )),
            "affiliation" => a.details.affiliations.push(text_of(k)),
            "email" => a.details.contacts.push(text_of(k)),
            "note" if attr(k, "type") == Some("role") && a.note.is_none() => {
                a.note = Some(text_of(k))
            }
            _ => return None,
        }
    }
    let target = main.unwrap_or(el);
    // A name written straight into a publisher or funder is a body's, as a rule.
    let body_role = matches!(a.role, Role::Publisher | Role::Funder);
    a.kind = match (tei_name(&target), attr(target, "type")) {
        (Some("orgName"), _) => AgentKind::Organisation,
        (Some("persName"), Some("family")) => AgentKind::Family,
        (Some("persName" | "name"), _) => AgentKind::Person,
        _ if body_role => AgentKind::Organisation,
        _ => AgentKind::Person,
    };
    match main.and_then(|n| tei_name(&n)) {
        None => {
            a.spelling.insert("name".into(), String::new());
            a.name = text_of(el);
        }
        Some(tag) => {
            if tag == "name" {
                a.spelling.insert("name".into(), tag.to_string());
            }
            let (text, parts) = name_parts(target)?;
            a.name = text;
            a.details.parts = parts;
            a.details.lang = xml_lang(target);
        }
    }
    if a.name.is_empty() {
        return None;
    }
    a.authority = owned(target, "ref").map(|id| Authority {
        id,
        source: owned(target, "key"),
        rules: None,
    });
    if a.authority.is_none() {
        if let Some(key) = owned(target, "key") {
            a.spelling.insert("key".into(), key);
        }
    }
    Some(a)
}

/// A name element's display form and parts: text only, or parts (`forename`, `surname`,
/// `roleName`, `addName`, `genName`, `nameLink`) with nothing but white space between
/// them. The display form of parts is their texts joined by spaces.
fn name_parts(n: Node) -> Option<(String, Vec<NamePart>)> {
    let kids: Vec<Node> = elements(n).collect();
    if kids.is_empty() {
        return Some((text_of(n), Vec::new()));
    }
    if has_text(n) {
        return None;
    }
    let parts = kids
        .iter()
        .map(|k| {
            let kind = match tei_name(k)? {
                "forename" => NamePartKind::Forename,
                "surname" => NamePartKind::Surname,
                "roleName" => NamePartKind::RoleName,
                "addName" => NamePartKind::AddName,
                "genName" => NamePartKind::GenName,
                "nameLink" => NamePartKind::NameLink,
                _ => return None,
            };
            (elements(*k).next().is_none()).then(|| NamePart {
                kind,
                text: text_of(*k),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let text = parts
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Some((text, parts))
}

/// The element a role is written as by default; `sponsor`, `principal` and the like
/// keep their own name in the spelling.
fn role_of_element(name: &str) -> Option<(Role, Spelling)> {
    let mut sp = Spelling::new();
    let role = match name {
        "author" => Role::Author,
        "editor" => Role::Editor,
        "funder" => Role::Funder,
        "publisher" => Role::Publisher,
        "sponsor" => {
            sp.insert("element".into(), name.into());
            Role::Funder
        }
        "distributor" | "authority" => {
            sp.insert("element".into(), name.into());
            Role::Publisher
        }
        "principal" => {
            sp.insert("element".into(), name.into());
            Role::Other(name.into())
        }
        _ => return None,
    };
    Some((role, sp))
}

/// A header agent element, if the TEI writer gives it back as it was.
fn agent_checked(c: Node) -> Option<Agent> {
    let name = tei_name(&c)?;
    let a = if name == "respStmt" {
        resp_stmt(c)?
    } else {
        let (role, sp) = role_of_element(name)?;
        agent_from(c, role, sp)?
    };
    w::agent_el(&a).filter(|el| writes_back(c, el)).map(|_| a)
}

/// A `respStmt` with one `resp` and one name.
fn resp_stmt(c: Node) -> Option<Agent> {
    let kids: Vec<Node> = elements(c).collect();
    let [resp, name] = kids.as_slice() else {
        return None;
    };
    if !is_tei(resp, "resp") {
        return None;
    }
    let wording = text_of(*resp);
    let mut sp = Spelling::new();
    let role = match resp.attribute("key") {
        Some(k) => {
            let role = Role::from_key(k)?;
            if role.key() != k {
                sp.insert("key".into(), k.to_string());
            }
            role
        }
        None => {
            sp.insert("key".into(), String::new());
            role_from_wording(&wording).unwrap_or(Role::Contributor)
        }
    };
    if w::default_agent_element(&role) != Some("respStmt") {
        sp.insert("element".into(), "respStmt".into());
    }
    let mut a = agent_from_name(*name, role, sp)?;
    a.note = (wording != a.role.relator().1 && !wording.is_empty()).then_some(wording);
    Some(a)
}

/// An agent from a bare name element (`persName`, `orgName`, `name`).
fn agent_from_name(n: Node, role: Role, mut sp: Spelling) -> Option<Agent> {
    if elements(n).next().is_some() {
        return None;
    }
    let kind = match (tei_name(&n)?, attr(n, "type")) {
        ("orgName", _) => AgentKind::Organisation,
        ("persName", Some("family")) => AgentKind::Family,
        ("persName", _) => AgentKind::Person,
        ("name", _) => {
            sp.insert("name".into(), "name".into());
            AgentKind::Person
        }
        _ => return None,
    };
    let name = text_of(n);
    (!name.is_empty()).then(|| Agent {
        name,
        kind,
        role,
        authority: owned(n, "ref").map(|id| Authority {
            id,
            source: owned(n, "key"),
            rules: None,
        }),
        note: None,
        spelling: sp,
        ..Default::default()
    })
}

/// Recognises common `resp` wordings when no `@key` names the role.
fn role_from_wording(w: &str) -> Option<Role> {
    let w = w.to_lowercase();
    [
        ("transl", Role::Translator),
        ("edit", Role::Editor),
        ("obtain", Role::Obtainer),
        ("fund", Role::Funder),
        ("creat", Role::Creator),
        ("author", Role::Author),
    ]
    .into_iter()
    .find(|(k, _)| w.contains(k))
    .map(|(_, r)| r)
}

fn read_title_stmt(ts: Node, r: &mut Record) -> bool {
    keep_attributes(ts, &[], r);
    each_child(ts, r, |c, r| match tei_name(&c) {
        Some("title") => {
            let mut spelling = Spelling::new();
            let kind = kind_of(
                c.attribute("type"),
                TitleKind::Main,
                TitleKind::Alternative,
                "type",
                &mut spelling,
            );
            if let Some(level) = c.attribute("level") {
                spelling.insert("level".into(), level.to_string());
            }
            // A title with markup keeps it as inline content; its text is the plain reading.
            let markup = if elements(c).next().is_some() {
                inlines(c)
            } else {
                Vec::new()
            };
            let text = if markup.is_empty() {
                text_of(c)
            } else {
                crate::model::plain::inlines_text(&markup)
            };
            let t = Title {
                text,
                kind,
                lang: xml_lang(c),
                markup,
                spelling,
                ..Default::default()
            };
            take(
                !t.text.is_empty() && writes_back(c, &w::title_el(&t)),
                t,
                &mut r.titles,
            )
        }
        Some(_) => match agent_checked(c).filter(|a| !w::in_publication_stmt(a)) {
            Some(a) => take(true, a, &mut r.agents),
            None => false,
        },
        None => false,
    });
    true
}

fn date_from(d: Node, absent: DateKind) -> DateRef {
    let normal = if let Some(w) = owned(d, "when") {
        Some(DateNormal::Single { when: w })
    } else if let (Some(f), Some(t)) = (owned(d, "from"), owned(d, "to")) {
        Some(DateNormal::Range { from: f, to: t })
    } else if owned(d, "notBefore").is_some() || owned(d, "notAfter").is_some() {
        Some(DateNormal::Approximate {
            not_before: owned(d, "notBefore").unwrap_or_default(),
            not_after: owned(d, "notAfter").unwrap_or_default(),
        })
    } else {
        None
    };
    let mut spelling = Spelling::new();
    let kind = kind_of(
        d.attribute("type"),
        absent,
        DateKind::Event,
        "type",
        &mut spelling,
    );
    DateRef {
        text: text_of(d),
        normal,
        kind,
        calendar: owned(d, "calendar"),
        certainty: owned(d, "cert"),
        spelling,
        ..Default::default()
    }
}

fn identifier_from(c: Node, absent: IdentifierKind) -> Identifier {
    let mut spelling = Spelling::new();
    let kind = kind_of(
        c.attribute("type"),
        absent,
        IdentifierKind::Unit,
        "type",
        &mut spelling,
    );
    Identifier {
        value: text_of(c),
        kind,
        authority: owned(c, "source"),
        spelling,
        ..Default::default()
    }
}

fn read_publication_stmt(ps: Node, r: &mut Record) -> bool {
    keep_attributes(ps, &[], r);
    each_child(ps, r, |c, r| match tei_name(&c) {
        Some("date") => {
            let d = date_from(c, DateKind::Publication);
            take(
                w::in_publication_stmt_date(&d) && writes_back(c, &w::date_el(&d)),
                d,
                &mut r.dates,
            )
        }
        Some("idno") => {
            let id = identifier_from(c, IdentifierKind::Record);
            take(
                !id.value.is_empty()
                    && !w::in_ms_identifier(&id)
                    && writes_back(c, &w::idno_el(&id)),
                id,
                &mut r.identifiers,
            )
        }
        Some("availability") => {
            let mut rt = Rights {
                status: owned(c, "status"),
                ..Rights::default()
            };
            for a in elements(c) {
                match tei_name(&a) {
                    Some("licence") => rt.licence = owned(a, "target"),
                    _ => rt.statement.push(text_of(a)),
                }
            }
            take(writes_back(c, &w::availability_el(&rt)), rt, &mut r.rights)
        }
        Some(_) => match agent_checked(c).filter(w::in_publication_stmt) {
            Some(a) => take(true, a, &mut r.agents),
            None => false,
        },
        None => false,
    });
    true
}

fn read_notes_stmt(ns: Node, r: &mut Record) -> bool {
    keep_attributes(ns, &[], r);
    each_child(ns, r, |c, r| match tei_name(&c) {
        Some("note") => {
            let n = note_from(c);
            take(writes_back(c, &w::note_el(&n)), n, &mut r.notes)
        }
        Some("relatedItem") => {
            let mut spelling = Spelling::new();
            let kind = kind_of(
                c.attribute("type"),
                RelationKind::Related,
                RelationKind::Related,
                "type",
                &mut spelling,
            );
            let rel = Relation {
                kind,
                text: text_of(c),
                uri: owned(c, "target"),
                spelling,
            };
            take(writes_back(c, &w::related_el(&rel)), rel, &mut r.relations)
        }
        _ => false,
    });
    true
}

/// A note (`notesStmt/note`, `history/provenance`, ...): a heading `label` first, then
/// blocks, or inline content as one paragraph.
fn note_from(n: Node) -> Note {
    let mut spelling = Spelling::new();
    let kind = kind_of(
        n.attribute("type"),
        NoteKind::General,
        NoteKind::General,
        "type",
        &mut spelling,
    );
    if let Some(name) = tei_name(&n).filter(|t| *t != "note") {
        spelling.insert("element".into(), name.to_string());
    }
    let mut heading = None;
    let mut content = Vec::new();
    let block_children = elements(n).any(|c| is_block(&c));
    if block_children {
        for c in elements(n) {
            if is_tei(&c, "label") && heading.is_none() && content.is_empty() {
                heading = Some(text_of(c));
            } else {
                content.push(block(c));
            }
        }
    } else {
        // Text straight in the note (no paragraphs): one paragraph in the model, written
        // back without a `p`.
        let inl = inlines(n);
        if !inl.is_empty() {
            spelling.insert("content".into(), "inline".into());
            content.push(Block::Paragraph {
                n: None,
                content: inl,
            });
        }
    }
    Note {
        kind,
        heading,
        content,
        spelling,
        ..Default::default()
    }
}

fn read_source_desc(sd: Node, r: &mut Record) -> bool {
    keep_attributes(sd, &[], r);
    let mut ms = false;
    each_child(sd, r, |c, r| match tei_name(&c) {
        Some("msDesc") if !ms => {
            ms = true;
            read_ms_desc(c, r);
            true
        }
        _ => false,
    });
    true
}

fn read_ms_desc(ms: Node, r: &mut Record) {
    each_part(ms, r, |name, c, r| {
        Some(match name {
            "msIdentifier" => read_ms_identifier(c, r),
            "msContents" => read_ms_contents(c, r),
            "physDesc" if r.extents.is_empty() => read_phys_desc(c, r),
            "history" => read_history(c, r),
            "msPart" => {
                r.children.push(read_ms_part(c));
                true
            }
            _ => return None,
        })
    });
}

/// `physDesc`: paragraphs of extent, and `objectDesc/supportDesc/extent` statements
/// (text only: one with `dimensions` or `measure` markup stays verbatim, as does the rest
/// of the physical description: support, foliation, layout, hands, binding, ...).
fn read_phys_desc(pd: Node, r: &mut Record) -> bool {
    // One with no extent the model takes is kept whole.
    let before = r.unmapped.len();
    keep_attributes(pd, &[], r);
    each_child(pd, r, |c, r| match tei_name(&c) {
        Some("p") => {
            let e = Extent {
                text: text_of(c),
                quantity: owned(c, "n"),
                unit: owned(c, "rend"),
                ..Default::default()
            };
            take(
                !e.text.is_empty() && writes_back(c, &w::extent_el(&e)),
                e,
                &mut r.extents,
            )
        }
        Some("objectDesc") if !has_text(c) => {
            // The containers of an extent statement: written back around the extents
            // read from them, their other children and attributes kept in place.
            let before = (r.unmapped.len(), r.extents.len());
            keep_attributes(c, &[], r);
            each_child(c, r, |s, r| {
                if !is_tei(&s, "supportDesc") || has_text(s) {
                    return false;
                }
                let inner = (r.unmapped.len(), r.extents.len());
                keep_attributes(s, &[], r);
                each_child(s, r, |x, r| {
                    if !is_tei(&x, "extent") {
                        return false;
                    }
                    let mut e = Extent {
                        text: text_of(x),
                        ..Default::default()
                    };
                    e.spelling.insert("element".into(), "extent".into());
                    take(
                        !e.text.is_empty() && writes_back(x, &w::extent_el(&e)),
                        e,
                        &mut r.extents,
                    )
                });
                if r.extents.len() == inner.1 {
                    r.unmapped.truncate(inner.0);
                    return false;
                }
                true
            });
            if r.extents.len() == before.1 {
                r.unmapped.truncate(before.0);
                return false;
            }
            true
        }
        _ => false,
    });
    if r.extents.is_empty() {
        r.unmapped.truncate(before);
        return false;
    }
    true
}

/// `history` holding `provenance` and `acquisition` notes (the rest kept verbatim).
fn read_history(h: Node, r: &mut Record) -> bool {
    keep_attributes(h, &[], r);
    let mut origin = false;
    each_child(h, r, |c, r| {
        if is_tei(&c, "origin") && !origin && !has_text(c) {
            origin = true;
            read_origin(c, r);
            return true;
        }
        let kind = match tei_name(&c) {
            Some("provenance") => NoteKind::CustodialHistory,
            Some("acquisition") => NoteKind::Acquisition,
            _ => return false,
        };
        let mut n = note_from(c);
        n.kind = kind;
        if n.spelling.get("type").is_some_and(String::is_empty) {
            n.spelling.remove("type");
            n.spelling.insert("type".into(), String::new());
        }
        take(writes_back(c, &w::note_el(&n)), n, &mut r.notes)
    });
    true
}

/// `history/origin` holding `origDate`s and `origPlace`s (dates and places of origin).
fn read_origin(o: Node, r: &mut Record) {
    keep_attributes(o, &[], r);
    each_child(o, r, |c, r| match tei_name(&c) {
        Some("origDate") => {
            let mut d = date_from(c, DateKind::Creation);
            d.spelling.insert("element".into(), "origDate".into());
            let ok =
                (!d.text.is_empty() || d.normal.is_some()) && writes_back(c, &w::orig_date_el(&d));
            if ok {
                r.dates.push(d);
            }
            ok
        }
        Some("origPlace") => {
            let mut p = Place {
                name: text_of(c),
                role: PlaceRole::Origin,
                authority: owned(c, "ref").map(|id| Authority {
                    id,
                    source: owned(c, "key"),
                    rules: None,
                }),
                ..Default::default()
            };
            p.spelling.insert("element".into(), "origPlace".into());
            take(
                !p.name.is_empty() && writes_back(c, &w::orig_place_el(&p)),
                p,
                &mut r.places,
            )
        }
        _ => false,
    });
}

/// An `msPart`: a child record read like an `msDesc`.
fn read_ms_part(p: Node) -> Record {
    let mut c = Record {
        origin: Some(path_of(p)),
        ..Record::default()
    };
    read_ms_desc(p, &mut c);
    c
}

/// `msIdentifier`, mapped whole when the writer gives it back as it was.
fn read_ms_identifier(mi: Node, r: &mut Record) -> bool {
    if r.holding.is_some() || r.agents.iter().any(|a| a.role == Role::Repository) {
        return false;
    }
    let mut scratch = Record::default();
    let mut h = Holding::default();
    for c in elements(mi) {
        match tei_name(&c) {
            Some("settlement") if h.settlement.is_none() => h.settlement = Some(text_of(c)),
            // An institution is the body a repository belongs to: kept as a repository
            // agent qualified "institution".
            Some(tag @ ("repository" | "institution")) => scratch.agents.push(Agent {
                name: text_of(c),
                kind: AgentKind::Organisation,
                role: Role::Repository,
                authority: owned(c, "ref").map(|id| Authority {
                    id,
                    source: owned(c, "key"),
                    rules: None,
                }),
                note: (tag == "institution").then(|| INSTITUTION.to_string()),
                spelling: Spelling::new(),
                ..Default::default()
            }),
            Some("collection") if h.collection.is_none() => h.collection = Some(text_of(c)),
            Some("idno") if h.reference.is_none() => {
                h.reference = Some(text_of(c));
                match c.attribute("type") {
                    Some("reference") => {}
                    Some(t) => {
                        h.spelling.insert("type".into(), t.to_string());
                    }
                    None => {
                        h.spelling.insert("type".into(), String::new());
                    }
                }
            }
            Some("altIdentifier") => {
                let Some(i) = elements(c).find(|i| is_tei(i, "idno")) else {
                    return false;
                };
                let mut id = identifier_from(c, IdentifierKind::Unit);
                id.value = text_of(i);
                id.authority = owned(i, "source");
                if !w::in_ms_identifier(&id) {
                    // An alternative identifier of a kind the writer would put elsewhere.
                    id.spelling.insert("element".into(), "altIdentifier".into());
                }
                scratch.identifiers.push(id);
            }
            _ => return false,
        }
    }
    if h != Holding::default() {
        scratch.holding = Some(h);
    }
    if !writes_back(mi, &w::ms_identifier_el(&scratch)) {
        return false;
    }
    r.holding = scratch.holding;
    r.agents.extend(scratch.agents);
    r.identifiers.extend(scratch.identifiers);
    true
}

fn read_ms_contents(mc: Node, r: &mut Record) -> bool {
    keep_attributes(mc, &[], r);
    each_child(mc, r, |c, r| match tei_name(&c) {
        Some("summary") => {
            let mut spelling = Spelling::new();
            spelling.insert("element".into(), "summary".into());
            let n = Note {
                kind: NoteKind::ScopeContent,
                heading: None,
                content: vec![Block::Paragraph {
                    n: None,
                    content: inlines(c),
                }],
                spelling,
                ..Default::default()
            };
            take(writes_back(c, &w::summary_el(&n)), n, &mut r.notes)
        }
        Some("msItem") if r.security.is_none() => {
            let mut sec = Security::default();
            for n in elements(c) {
                let v = Some(text_of(n));
                match attr(n, "type") {
                    Some("classification") => sec.classification = v,
                    Some("original_classification") => sec.original_classification = v,
                    Some("copy_number") => sec.copy_number = v,
                    _ => return false,
                }
            }
            let ok = sec != Security::default() && writes_back(c, &w::security_el(&sec));
            if ok {
                r.security = Some(sec);
            }
            ok
        }
        _ => false,
    });
    true
}

fn read_profile_desc(pd: Node, r: &mut Record) {
    each_part(pd, r, |name, c, r| {
        Some(match name {
            "abstract" => {
                let paras: Vec<String> = elements(c).map(text_of).collect();
                let ok = r.abstract_.is_empty()
                    && !paras.is_empty()
                    && writes_back(c, &w::abstract_el(&paras));
                if ok {
                    r.abstract_ = paras;
                }
                ok
            }
            "creation" if !has_text(c) => {
                keep_attributes(c, &[], r);
                each_child(c, r, |d, r| {
                    if !is_tei(&d, "date") {
                        return false;
                    }
                    let d2 = date_from(d, DateKind::Creation);
                    take(
                        !w::in_publication_stmt_date(&d2) && writes_back(d, &w::date_el(&d2)),
                        d2,
                        &mut r.dates,
                    )
                });
                true
            }
            "langUsage" => {
                keep_attributes(c, &[], r);
                each_child(c, r, |l, r| {
                    let Some(code) = owned(l, "ident").filter(|_| is_tei(&l, "language")) else {
                        return false;
                    };
                    let lang = Language {
                        code,
                        name: Some(text_of(l)).filter(|s| !s.is_empty()),
                        spelling: Spelling::new(),
                        ..Default::default()
                    };
                    take(
                        writes_back(l, &w::language_el(&lang)),
                        lang,
                        &mut r.languages,
                    )
                });
                true
            }
            "textClass" => {
                read_text_class(c, r);
                true
            }
            "correspDesc" => {
                read_corresp_desc(c, r);
                true
            }
            _ => return None,
        })
    });
}

/// `correspDesc`: each `correspAction` (`@type` sent, received, ...) gives its people
/// as agents (the sender an author, the addressee a recipient), its places and its dates,
/// each noting the action it came from so that the TEI writer puts it back there.
fn read_corresp_desc(cd: Node, r: &mut Record) {
    keep_attributes(cd, &[], r);
    let mut n = 0;
    each_child(cd, r, |action, r| {
        if !is_tei(&action, "correspAction") || has_text(action) {
            return false;
        }
        n += 1;
        // An action none of whose children maps is kept whole: the writer writes an
        // action only for what it holds.
        let before = (
            r.unmapped.len(),
            r.agents.len(),
            r.places.len(),
            r.dates.len(),
        );
        let kind = action.attribute("type").unwrap_or("").to_string();
        let mark = |sp: &mut Spelling| {
            sp.insert("action".into(), format!("{n} {kind}"));
        };
        keep_attributes(action, &["type"], r);
        each_child(action, r, |c, r| match tei_name(&c) {
            Some("persName" | "orgName" | "name") => {
                let role = match kind.as_str() {
                    "sent" => Role::Author,
                    "received" => Role::Recipient,
                    other => Role::Other(other.to_string()),
                };
                let Some((text, parts)) = name_parts(c) else {
                    return false;
                };
                let mut a = Agent {
                    name: text,
                    role,
                    kind: match tei_name(&c) {
                        Some("orgName") => AgentKind::Organisation,
                        _ => AgentKind::Person,
                    },
                    authority: owned(c, "ref").map(|id| Authority {
                        id,
                        source: owned(c, "key"),
                        rules: None,
                    }),
                    ..Default::default()
                };
                a.details.parts = parts;
                a.details.lang = xml_lang(c);
                if tei_name(&c) == Some("name") {
                    a.spelling.insert("name".into(), "name".into());
                }
                mark(&mut a.spelling);
                take(
                    !a.name.is_empty() && writes_back(c, &w::name_el(&a)),
                    a,
                    &mut r.agents,
                )
            }
            Some("placeName") => {
                let mut p = Place {
                    name: text_of(c),
                    role: match kind.as_str() {
                        "sent" => PlaceRole::Dispatch,
                        "received" => PlaceRole::Receipt,
                        other => PlaceRole::Other(other.to_string()),
                    },
                    authority: owned(c, "ref").map(|id| Authority {
                        id,
                        source: owned(c, "key"),
                        rules: None,
                    }),
                    ..Default::default()
                };
                mark(&mut p.spelling);
                take(
                    !p.name.is_empty() && writes_back(c, &w::place_el(&p)),
                    p,
                    &mut r.places,
                )
            }
            Some("date") => {
                let absent = match kind.as_str() {
                    "sent" => DateKind::Dispatch,
                    other => DateKind::Other(other.to_string()),
                };
                let mut d = date_from(c, absent);
                mark(&mut d.spelling);
                let ok =
                    (!d.text.is_empty() || d.normal.is_some()) && writes_back(c, &w::date_el(&d));
                if ok {
                    r.dates.push(d);
                }
                ok
            }
            _ => false,
        });
        if (r.agents.len(), r.places.len(), r.dates.len()) == (before.1, before.2, before.3) {
            r.unmapped.truncate(before.0);
            return false;
        }
        true
    });
}

fn has_text(n: Node) -> bool {
    n.children()
        .any(|c| c.is_text() && !c.text().unwrap_or("").trim().is_empty())
}

fn read_text_class(tc: Node, r: &mut Record) {
    keep_attributes(tc, &[], r);
    let mut schemes: Vec<Option<String>> = Vec::new();
    each_child(tc, r, |k, r| {
        let scheme = owned(k, "scheme");
        if !is_tei(&k, "keywords") || schemes.contains(&scheme) || has_text(k) {
            return false;
        }
        // The writer writes a keywords element only for the terms it holds: one whose
        // terms all stay verbatim is kept whole.
        let before = (r.unmapped.len(), r.subjects.len(), r.document_types.len());
        keep_attributes(k, &["scheme"], r);
        each_child(k, r, |t, r| {
            if !is_tei(&t, "term") {
                return false;
            }
            if attr(t, "type") == Some(DOCUMENT_TYPE) && scheme.is_none() {
                let text = text_of(t);
                let ok = writes_back(t, &w::document_type_el(&text));
                if ok {
                    r.document_types.push(text);
                }
                return ok;
            }
            let mut spelling = Spelling::new();
            let kind = kind_of(
                t.attribute("type"),
                SubjectKind::Topic,
                SubjectKind::Topic,
                "type",
                &mut spelling,
            );
            let s = Subject {
                term: text_of(t),
                kind,
                vocabulary: scheme.clone(),
                uri: owned(t, "ref"),
                spelling,
                ..Default::default()
            };
            take(
                !s.term.is_empty() && writes_back(t, &w::term_el(&s)),
                s,
                &mut r.subjects,
            )
        });
        if (r.subjects.len(), r.document_types.len()) == (before.1, before.2) {
            r.unmapped.truncate(before.0);
            return false;
        }
        schemes.push(scheme);
        true
    });
}

fn read_text(t: Node, r: &mut Record) {
    keep_attributes(t, &[], r);
    let mut body = false;
    each_child(t, r, |c, r| {
        if !is_tei(&c, "body") || body {
            return false;
        }
        body = true;
        keep_attributes(c, &[], r);
        r.body = blocks(c);
        true
    });
}

fn is_block(n: &Node) -> bool {
    n.tag_name().namespace() == Some(TEI_NS)
        && matches!(
            n.tag_name().name(),
            "div" | "head" | "p" | "ab" | "list" | "quote" | "lg" | "sp" | "table" | "figure"
        )
}

fn verbatim_other(n: Node) -> Unmapped {
    CX.verbatim_other(n)
}

fn blocks(parent: Node) -> Vec<Block> {
    let kids: Vec<Node> = parent
        .children()
        .filter(|c| c.is_element() || (!c.is_text() && c.parent().is_some()))
        .collect();
    // A lone empty `p` is the writer's placeholder for required content.
    if let [only] = kids.as_slice() {
        if is_tei(only, "p") && only.attributes().len() == 0 && !only.has_children() {
            return Vec::new();
        }
    }
    kids.into_iter()
        .map(|c| {
            if c.is_element() {
                block(c)
            } else {
                Block::Unmapped(verbatim_other(c))
            }
        })
        .collect()
}

/// One block, mapped when the writer gives back this element (its children were
/// checked on their own), verbatim otherwise. Its name and attributes are checked before
/// its content is read, so that content under an element kept verbatim is read once.
fn block(c: Node) -> Block {
    let Some(mut b) = block_shell(c) else {
        return Block::Unmapped(unmapped(c));
    };
    if !CX.writes_head_back(c, &w::block(&b, Build::Stub)) {
        return Block::Unmapped(unmapped(c));
    }
    match &mut b {
        Block::Section { blocks, .. } => *blocks = section_blocks(c),
        Block::Quote { blocks } => *blocks = self::blocks(c),
        Block::Heading { content }
        | Block::Paragraph { content, .. }
        | Block::Note { content, .. } => *content = inlines(c),
        Block::List { items, .. } => {
            *items = elements(c)
                .map(|i| ListItem {
                    n: owned(i, "n"),
                    content: inlines(i),
                    ..Default::default()
                })
                .collect()
        }
        Block::DefinitionList { items } => {
            let kids: Vec<Node> = elements(c).collect();
            *items = kids
                .chunks(2)
                .map(|p| DefItem {
                    label: inlines(p[0]),
                    content: p.get(1).map(|i| inlines(*i)).unwrap_or_default(),
                })
                .collect();
        }
        Block::Chronology { heading, events } => {
            let kids: Vec<Node> = elements(c).collect();
            let (head, pairs) = match kids.first() {
                Some(h) if is_tei(h, "head") => (Some(inlines(*h)), &kids[1..]),
                _ => (None, &kids[..]),
            };
            *heading = head;
            *events = pairs
                .chunks(2)
                .map(|p| {
                    let date = elements(p[0])
                        .next()
                        .map(|d| date_from(d, DateKind::Event))
                        .unwrap_or_default();
                    let mut evs: Vec<Vec<Inline>> = vec![Vec::new()];
                    for i in p.get(1).map(|i| inlines(*i)).unwrap_or_default() {
                        match i {
                            Inline::LineBreak => evs.push(Vec::new()),
                            other => evs.last_mut().expect("one event at least").push(other),
                        }
                    }
                    ChronEvent { date, events: evs }
                })
                .collect();
        }
        Block::Table { heading, rows } => {
            for k in elements(c) {
                if is_tei(&k, "head") {
                    *heading = Some(inlines(k));
                } else {
                    rows.push(TableRow {
                        head: attr(k, "role") == Some("label"),
                        cells: elements(k).map(inlines).collect(),
                    });
                }
            }
        }
        Block::Unmapped(_) => {}
    }
    if CX.writes_back_shallow(c, &w::block(&b, Build::Shallow)) {
        b
    } else {
        Block::Unmapped(unmapped(c))
    }
}

/// The block an element would map to, with its content still empty.
fn block_shell(c: Node) -> Option<Block> {
    let name = tei_name(&c)?;
    Some(match name {
        "div" => Block::Section {
            kind: owned(c, "type"),
            n: owned(c, "n"),
            lang: xml_lang(c),
            blocks: Vec::new(),
        },
        "head" => Block::Heading {
            content: Vec::new(),
        },
        "ab" if attr(c, "type") == Some("heading") => Block::Heading {
            content: Vec::new(),
        },
        "p" => Block::Paragraph {
            n: owned(c, "n"),
            content: Vec::new(),
        },
        "list" if attr(c, "type") == Some("gloss") && is_pairs(c, false) => {
            Block::DefinitionList { items: Vec::new() }
        }
        "list" if attr(c, "type") == Some("chronology") && is_pairs(c, true) => Block::Chronology {
            heading: None,
            events: Vec::new(),
        },
        "table" if is_table(c) => Block::Table {
            heading: None,
            rows: Vec::new(),
        },
        "list" if elements(c).all(|i| is_tei(&i, "item")) => Block::List {
            // @rend is a list of words: `numbered` marks an ordered list, the other words
            // are its style (`numbered upperroman`, `dash`).
            ordered: attr(c, "rend").is_some_and(|r| r.split_whitespace().any(|w| w == "numbered")),
            style: attr(c, "rend")
                .map(|r| {
                    r.split_whitespace()
                        .filter(|w| !matches!(*w, "numbered" | "bulleted"))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .filter(|s| !s.is_empty()),
            lang: xml_lang(c),
            items: Vec::new(),
        },
        "quote" if elements(c).all(|b| is_block(&b)) && elements(c).next().is_some() => {
            Block::Quote { blocks: Vec::new() }
        }
        "note" if known_note_type(c) => Block::Note {
            kind: attr(c, "type")
                .and_then(NoteKind::from_key)
                .unwrap_or(NoteKind::General),
            content: Vec::new(),
        },
        _ => return None,
    })
}

/// A gloss list: `label`, `item` pairs (after one `head` for a chronology, whose labels
/// each hold one date and nothing else). Labels and items carry no attributes.
fn is_pairs(c: Node, dated: bool) -> bool {
    let mut kids: Vec<Node> = elements(c).collect();
    if dated && kids.first().is_some_and(|h| is_tei(h, "head")) {
        kids.remove(0);
    }
    !kids.is_empty()
        && kids.len() % 2 == 0
        && kids.chunks(2).all(|p| {
            is_tei(&p[0], "label")
                && is_tei(&p[1], "item")
                && p[0].attributes().len() == 0
                && p[1].attributes().len() == 0
                && (!dated
                    || (elements(p[0]).count() == 1
                        && elements(p[0]).all(|d| is_tei(&d, "date"))
                        && !has_text(p[0])))
        })
}

/// A table of a `head` and rows of plain cells (a row may be `role="label"`).
fn is_table(c: Node) -> bool {
    elements(c).enumerate().all(|(i, k)| {
        (i == 0 && is_tei(&k, "head") && k.attributes().len() == 0)
            || (is_tei(&k, "row")
                && k.attributes()
                    .all(|a| a.name() == "role" && a.value() == "label")
                && elements(k).all(|cell| is_tei(&cell, "cell") && cell.attributes().len() == 0)
                && !has_text(k))
    })
}

/// The blocks of a div: a trailing empty `p` after only headings and notes is the
/// writer's placeholder for required content.
fn section_blocks(c: Node) -> Vec<Block> {
    let mut out = blocks(c);
    let only_heads = |bs: &[Block]| {
        bs.iter()
            .all(|b| matches!(b, Block::Heading { .. } | Block::Note { .. }))
    };
    if let Some(Block::Paragraph { n: None, content }) = out.last() {
        if content.is_empty() && only_heads(&out[..out.len() - 1]) {
            out.pop();
        }
    }
    out
}

fn inlines(parent: Node) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for c in parent.children() {
        if c.is_text() {
            let t = c.text().unwrap_or("");
            match out.last_mut() {
                Some(Inline::Text { text }) => text.push_str(t),
                _ => out.push(Inline::Text {
                    text: t.to_string(),
                }),
            }
        } else if c.is_element() {
            out.push(inline(c));
        } else {
            out.push(Inline::Unmapped(verbatim_other(c)));
        }
    }
    out
}

/// One inline element, mapped when the writer gives it back as it was (name and
/// attributes checked before the content is read).
fn inline(c: Node) -> Inline {
    let Some(mut i) = inline_shell(c) else {
        return Inline::Unmapped(unmapped(c));
    };
    let head_ok = match w::inline(&i, Build::Stub) {
        crate::xml::OutNode::El(el) => CX.writes_head_back(c, &el),
        _ => false,
    };
    if !head_ok {
        return Inline::Unmapped(unmapped(c));
    }
    match &mut i {
        Inline::Emphasis { content, .. }
        | Inline::Supplied { content, .. }
        | Inline::Name { content, .. }
        | Inline::Date { content, .. }
        | Inline::Foreign { content, .. }
        | Inline::Link { content, .. }
        | Inline::Note { content, .. }
        | Inline::Title { content }
        | Inline::InternalRef { content, .. } => *content = inlines(c),
        Inline::Choice {
            original, reading, ..
        } => {
            let kids: Vec<Node> = elements(c).collect();
            *original = inlines(kids[0]);
            *reading = inlines(kids[1]);
        }
        Inline::Text { .. }
        | Inline::Gap { .. }
        | Inline::LineBreak
        | Inline::PageBreak { .. }
        | Inline::Unmapped(_) => {}
    }
    match w::inline(&i, Build::Shallow) {
        crate::xml::OutNode::El(el) if CX.writes_back_shallow(c, &el) => i,
        _ => Inline::Unmapped(unmapped(c)),
    }
}

/// The inline an element would map to, with its content still empty.
fn inline_shell(c: Node) -> Option<Inline> {
    let name = tei_name(&c)?;
    let content = Vec::new();
    Some(match name {
        "hi" if attr(c, "rend").is_some() => Inline::Emphasis {
            rend: owned(c, "rend"),
            content,
        },
        "emph" => Inline::Emphasis {
            rend: None,
            content,
        },
        "supplied" => Inline::Supplied {
            reason: owned(c, "reason"),
            content,
        },
        "gap" => Inline::Gap {
            reason: owned(c, "reason"),
            extent: owned(c, "extent"),
        },
        "persName" | "placeName" | "orgName" | "name" => Inline::Name {
            kind: match name {
                "persName" => NameKind::Person,
                "placeName" => NameKind::Place,
                "orgName" => NameKind::Organisation,
                _ => NameKind::Other,
            },
            reference: owned(c, "ref"),
            content,
        },
        "date" => Inline::Date {
            when: owned(c, "when"),
            content,
        },
        "foreign" if xml_lang(c).is_some() => Inline::Foreign {
            lang: xml_lang(c).unwrap_or_default(),
            content,
        },
        "lb" => Inline::LineBreak,
        "pb" => Inline::PageBreak { n: owned(c, "n") },
        "title" => Inline::Title { content },
        "choice" => {
            let kids: Vec<Node> = elements(c).collect();
            let names: Vec<&str> = kids.iter().filter_map(tei_name).collect();
            let kind = [
                ChoiceKind::Abbreviation,
                ChoiceKind::Regularisation,
                ChoiceKind::Correction,
            ]
            .into_iter()
            .find(|k| {
                let (o, r) = w::choice_names(k);
                names == [o, r]
            })?;
            // The two forms' own attributes have no place in the model.
            if has_text(c) || kids.iter().any(|k| k.attributes().len() > 0) {
                return None;
            }
            Inline::Choice {
                kind,
                original: Vec::new(),
                reading: Vec::new(),
            }
        }
        "ref" if attr(c, "target").is_some_and(|t| t.starts_with('#')) => Inline::InternalRef {
            target: owned(c, "target").unwrap_or_default()[1..].to_string(),
            content,
        },
        "ref" if attr(c, "target").is_some() => Inline::Link {
            target: owned(c, "target").unwrap_or_default(),
            content,
        },
        "note" if known_note_type(c) => Inline::Note {
            kind: attr(c, "type")
                .and_then(NoteKind::from_key)
                .unwrap_or(NoteKind::General),
            content,
        },
        _ => return None,
    })
}

/// A note maps only when its `@type` is one of the model's note kinds as the model
/// writes it, so that no other type value is lost.
fn known_note_type(c: Node) -> bool {
    attr(c, "type").is_some_and(|t| NoteKind::from_key(t).is_some_and(|k| k.key() == t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tei(header: &str, text: &str) -> String {
        format!(
            r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>{header}</teiHeader>{text}</TEI>"#
        )
    }

    /// Reads, writes and reads again: the model must be the same.
    fn round_trip(text: &str) -> (Record, String) {
        let r = read(text).unwrap();
        let (out, _) = super::super::write(&r);
        let again = read(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
        let strip = |mut r: Record| {
            r.unmapped.iter_mut().for_each(|u| u.line = None);
            for b in &mut r.body {
                if let Block::Unmapped(u) = b {
                    u.line = None;
                }
            }
            r
        };
        assert_eq!(strip(r.clone()), strip(again), "{out}");
        (r, out)
    }

    #[test]
    fn correspondence_gives_sender_addressee_places_and_dates() {
        let (r, out) = round_trip(&tei(
            r#"<profileDesc><correspDesc><correspAction type="sent"><persName ref="https://d-nb.info/gnd/118609807">Arthur Schnitzler</persName><placeName>Wien</placeName><date when="1902-01-17">17. 1. 1902</date></correspAction><correspAction type="received"><persName>Rainer Maria Rilke</persName></correspAction></correspDesc></profileDesc>"#,
            "<text><body><p>x</p></body></text>",
        ));
        let roles: Vec<(&str, &Role)> = r.agents.iter().map(|a| (&*a.name, &a.role)).collect();
        assert_eq!(
            roles,
            [
                ("Arthur Schnitzler", &Role::Author),
                ("Rainer Maria Rilke", &Role::Recipient)
            ]
        );
        assert_eq!(r.places[0].name, "Wien");
        assert_eq!(r.places[0].role, PlaceRole::Dispatch);
        assert_eq!(r.dates[0].kind, DateKind::Dispatch);
        assert!(
            r.unmapped.iter().all(|u| !u.path.contains("corresp")),
            "{:?}",
            r.unmapped
        );
        assert!(
            !out.contains("<author"),
            "a sender stays in correspDesc: {out}"
        );
        assert_eq!(out.matches("<correspAction").count(), 2);
    }

    #[test]
    fn an_action_with_nothing_mapped_is_kept_whole_in_place() {
        let (r, out) = round_trip(&tei(
            r#"<profileDesc><correspDesc><correspAction type="sent"><persName>A</persName></correspAction><correspAction type="received" subtype="cc"><persName key="K1">K1</persName></correspAction></correspDesc></profileDesc>"#,
            "<text><body><p>x</p></body></text>",
        ));
        assert_eq!(r.agents.len(), 1);
        assert!(
            out.contains(r#"subtype="cc"><persName key="K1">K1</persName></correspAction>"#),
            "{out}"
        );
    }

    #[test]
    fn names_keep_parts_parallel_forms_and_identifiers() {
        let (r, _) = round_trip(&tei(
            "",
            "<text><body><p>x</p></body></text>",
        ).replace(
            "<title>T</title>",
            r#"<title>T</title><author xml:id="s"><persName xml:lang="en"><forename>William</forename> <surname>Shakespeare</surname></persName><persName xml:lang="la">Gulielmus Shakespearius</persName><idno type="wikidata">Q692</idno><affiliation>Globe</affiliation><email>w@globe.example</email></author>"#,
        ));
        let a = &r.agents[0];
        assert_eq!(a.name, "William Shakespeare");
        assert_eq!(a.attributes.id.as_deref(), Some("s"));
        assert_eq!(a.details.parts.len(), 2);
        assert_eq!(a.details.parallel[0].lang.as_deref(), Some("la"));
        assert_eq!(a.details.identifiers[0].value, "Q692");
        assert_eq!(a.details.affiliations, ["Globe"]);
        assert_eq!(a.details.contacts, ["w@globe.example"]);
    }

    #[test]
    fn title_types_are_kept_as_written() {
        let text = tei("", "<text><body><p>x</p></body></text>").replace(
            "<title>T</title>",
            r#"<title>T</title><title type="short">S</title>"#,
        );
        let (r, out) = round_trip(&text);
        assert_eq!(r.titles[1].kind, TitleKind::Other("short".into()));
        assert!(out.contains("<title>T</title>"), "no @type is added: {out}");
        assert!(out.contains(r#"<title type="short">S</title>"#), "{out}");
    }

    #[test]
    fn verbatim_content_goes_back_where_it_stood() {
        let (r, out) = round_trip(&tei(
            "",
            r#"<text xml:lang="en"><pb n="1"/><front><p>F</p></front><body><p>x</p><p rend="odd">y</p><p>z</p></body></text>"#,
        ));
        let pb = out.find("<pb").unwrap();
        assert!(
            pb < out.find("<front").unwrap()
                && out.find("<front").unwrap() < out.find("<body").unwrap(),
            "{out}"
        );
        assert!(out.contains(r#"<text xml:lang="en">"#), "{out}");
        // The paragraph with an attribute the model lacks is kept between its siblings.
        assert!(matches!(r.body[1], Block::Unmapped(_)));
        let (x, y, z) = (
            out.find(">x<").unwrap(),
            out.find(">y<").unwrap(),
            out.find(">z<").unwrap(),
        );
        assert!(x < y && y < z, "{out}");
    }

    #[test]
    fn a_choice_is_mapped_with_both_forms() {
        let (r, _) = round_trip(&tei(
            "",
            "<text><body><p>de<choice><abbr>tri.</abbr><expan>trimentum</expan></choice></p></body></text>",
        ));
        let Block::Paragraph { content, .. } = &r.body[0] else {
            panic!("{:?}", r.body)
        };
        assert!(matches!(
            &content[1],
            Inline::Choice {
                kind: ChoiceKind::Abbreviation,
                ..
            }
        ));
        assert_eq!(crate::model::plain::inlines_text(content), "detrimentum");
    }

    #[test]
    fn manuscript_parts_are_child_records_and_origin_is_dated() {
        let ms = r#"<msDesc><msIdentifier><idno>MS 1</idno></msIdentifier><msPart><msIdentifier><idno>A</idno></msIdentifier><history><origin><origDate calendar="Gregorian" notBefore="1250" notAfter="1300">13th century</origDate><origPlace>England</origPlace></origin></history></msPart><msPart><msIdentifier><idno>B</idno></msIdentifier></msPart></msDesc>"#;
        let text = tei("", "<text><body><p>x</p></body></text>").replace(
            "<sourceDesc><p/></sourceDesc>",
            &format!("<sourceDesc>{ms}</sourceDesc>"),
        );
        let (r, out) = round_trip(&text);
        assert_eq!(r.children.len(), 2);
        let a = &r.children[0];
        assert_eq!(
            a.holding.as_ref().and_then(|h| h.reference.as_deref()),
            Some("A")
        );
        assert_eq!(a.dates[0].calendar.as_deref(), Some("Gregorian"));
        assert!(matches!(
            &a.dates[0].normal,
            Some(DateNormal::Approximate { not_before, .. }) if not_before == "1250"
        ));
        assert_eq!(a.places[0].role, PlaceRole::Origin);
        assert_eq!(out.matches("<msPart>").count(), 2, "{out}");
        assert!(!out.contains("<TEI>"), "parts are not nested TEI: {out}");
    }

    #[test]
    fn a_title_with_markup_keeps_it_and_gives_its_plain_text() {
        let text = tei("", "<text><body><p>x</p></body></text>").replace(
            "<title>T</title>",
            r##"<title>Letter to <persName ref="#m">Marie</persName> on <hi rend="italic">Faust</hi></title>"##,
        );
        let (r, out) = round_trip(&text);
        assert_eq!(r.titles[0].text, "Letter to Marie on Faust");
        assert_eq!(r.titles[0].markup.len(), 4);
        assert!(
            out.contains(r#"<hi rend="italic">Faust</hi></title>"#),
            "{out}"
        );
    }
}
