//! TEI P5 → Record.
//!
//! Element checklist (anything else is kept as an unmapped fragment with its path):
//! - mapped, header: `titleStmt/{title, author, editor, funder, sponsor, principal,
//!   respStmt}`, `publicationStmt/{publisher, distributor, authority (named), date, idno,
//!   availability/{licence, p}}`, `notesStmt/{note, relatedItem}`,
//!   `sourceDesc/msDesc/{msIdentifier/{settlement, repository, collection, idno,
//!   altIdentifier}, msContents/{summary, msItem/note[@type]}, physDesc/{p,
//!   objectDesc/supportDesc/extent}, history/{provenance, acquisition}}`,
//!   `profileDesc/{abstract, creation/date, langUsage/language, textClass/keywords/term}`.
//! - mapped, text: `body` (`div`, `head`, `p`, `ab`, `list/item`, `quote`, `note`; inline
//!   `hi`, `emph`, `supplied`, `gap`, `persName`, `placeName`, `orgName`, `name`, `date`,
//!   `foreign`, `lb`, `pb`, `ref`, `note`); `TEI` and `teiCorpus` children as child records.
//! - deliberately ignored: white space between elements, comments and processing
//!   instructions in the header, empty `p` placeholders, empty `authority`.
//! - not yet done (kept unmapped): `encodingDesc`, `revisionDesc`, `correspDesc`,
//!   `particDesc`, `settingDesc`, `front`, `back`, `seriesStmt`, `editionStmt`, `msPart`,
//!   `sp`, `lg`, `table`, `figure`, `choice`, `add`, `del`, `unclear`, and other elements.

use super::{DOCUMENT_TYPE, INSTITUTION};
use crate::error::{Error, ErrorKind, Result};
use crate::format::{TEI_NS, XML_NS};
use crate::model::*;
use crate::xml::{parse, path_of, pos_of, serialize_node, text_of, Node};

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

fn elements<'a, 'i>(n: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(|c| c.is_element())
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    elements(n).find(|c| is_tei(c, name))
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

fn unmapped(n: Node) -> Unmapped {
    Unmapped {
        format: "tei".into(),
        path: path_of(n),
        line: Some(pos_of(n).line),
        xml: serialize_node(n),
    }
}

/// Reads one `TEI` or `teiCorpus` element.
fn record(root: Node) -> Result<Record> {
    let mut r = Record {
        origin: Some(path_of(root)),
        ..Record::default()
    };
    r.level = match (root.tag_name().name(), attr(root, "type")) {
        (_, Some(t)) => Level::from_key(t),
        ("teiCorpus", None) => Some(Level::Collection),
        _ => Some(Level::Item),
    };
    let header = child(root, "teiHeader").ok_or_else(|| {
        Error::at(
            ErrorKind::Unmappable,
            pos_of(root),
            format!(
                "<{}> has no teiHeader: expected one as its first child",
                root.tag_name().name()
            ),
        )
    })?;
    read_header(header, &mut r);
    for c in elements(root) {
        match c.tag_name().name() {
            "teiHeader" if is_tei(&c, "teiHeader") => {}
            "TEI" | "teiCorpus" if c.tag_name().namespace() == Some(TEI_NS) => {
                r.children.push(record(c)?)
            }
            "text" if is_tei(&c, "text") => read_text(c, &mut r),
            _ => r.unmapped.push(unmapped(c)),
        }
    }
    Ok(r)
}

fn read_header(h: Node, r: &mut Record) {
    for part in elements(h) {
        match (
            part.tag_name().namespace() == Some(TEI_NS),
            part.tag_name().name(),
        ) {
            (true, "fileDesc") => read_file_desc(part, r),
            (true, "profileDesc") => read_profile_desc(part, r),
            _ => r.unmapped.push(unmapped(part)),
        }
    }
}

fn read_file_desc(fd: Node, r: &mut Record) {
    for part in elements(fd) {
        match (
            part.tag_name().namespace() == Some(TEI_NS),
            part.tag_name().name(),
        ) {
            (true, "titleStmt") => read_title_stmt(part, r),
            (true, "publicationStmt") => read_publication_stmt(part, r),
            (true, "notesStmt") => read_notes_stmt(part, r),
            (true, "sourceDesc") => read_source_desc(part, r),
            _ => r.unmapped.push(unmapped(part)),
        }
    }
}

/// An agent from an element that either holds a name element or is the name itself.
fn agent_from(el: Node, role: Role) -> Agent {
    let name_el = elements(el).find(|c| {
        matches!(c.tag_name().name(), "persName" | "orgName" | "name")
            && c.tag_name().namespace() == Some(TEI_NS)
    });
    let target = name_el.unwrap_or(el);
    let kind = match (target.tag_name().name(), attr(target, "type")) {
        ("orgName", _) => AgentKind::Organisation,
        ("persName", Some("family")) => AgentKind::Family,
        _ => AgentKind::Person,
    };
    let note = elements(el)
        .find(|c| is_tei(c, "note") && attr(*c, "type") == Some("role"))
        .map(text_of);
    let name = match name_el {
        Some(n) => text_of(n),
        None => own_text_without_notes(el),
    };
    let authority = owned(target, "ref").map(|id| Authority {
        id,
        source: owned(target, "key"),
    });
    Agent {
        name,
        kind,
        role,
        authority,
        note,
    }
}

fn own_text_without_notes(el: Node) -> String {
    let mut s = String::new();
    for d in el.descendants().filter(|d| d.is_text()) {
        if d.ancestors().any(|a| is_tei(&a, "note")) {
            continue;
        }
        s.push_str(d.text().unwrap_or(""));
    }
    crate::xml::text_of_str(&s)
}

fn read_title_stmt(ts: Node, r: &mut Record) {
    for c in elements(ts) {
        if c.tag_name().namespace() != Some(TEI_NS) {
            r.unmapped.push(unmapped(c));
            continue;
        }
        match c.tag_name().name() {
            "title" => {
                let text = text_of(c);
                if text.is_empty() {
                    continue;
                }
                r.titles.push(Title {
                    text,
                    kind: attr(c, "type")
                        .and_then(TitleKind::from_key)
                        .unwrap_or_default(),
                    lang: xml_lang(c),
                })
            }
            "author" => r.agents.push(agent_from(c, Role::Author)),
            "editor" => r.agents.push(agent_from(c, Role::Editor)),
            "funder" | "sponsor" => r.agents.push(agent_from(c, Role::Funder)),
            "respStmt" => {
                let resp = child(c, "resp");
                let key = resp.and_then(|x| attr(x, "key"));
                let wording = resp.map(text_of).unwrap_or_default();
                let role = key
                    .and_then(Role::from_key)
                    .or_else(|| role_from_wording(&wording))
                    .unwrap_or(Role::Contributor);
                let note = (wording != role.relator().1 && !wording.is_empty()).then_some(wording);
                for n in elements(c).filter(|n| !is_tei(n, "resp")) {
                    let mut a = agent_from(n, role.clone());
                    a.note = note.clone();
                    r.agents.push(a);
                }
            }
            _ => r.unmapped.push(unmapped(c)),
        }
    }
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

fn date_from(d: Node, default_kind: DateKind) -> DateRef {
    let normal = if let Some(w) = owned(d, "when").or_else(|| owned(d, "when-iso")) {
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
    DateRef {
        text: text_of(d),
        normal,
        kind: attr(d, "type")
            .and_then(DateKind::from_key)
            .unwrap_or(default_kind),
    }
}

fn read_publication_stmt(ps: Node, r: &mut Record) {
    for c in elements(ps) {
        if c.tag_name().namespace() != Some(TEI_NS) {
            r.unmapped.push(unmapped(c));
            continue;
        }
        match c.tag_name().name() {
            "publisher" | "distributor" => r.agents.push(agent_from(c, Role::Publisher)),
            "authority" if text_of(c).is_empty() => {}
            "authority" => r.agents.push(agent_from(c, Role::Publisher)),
            "date" => r.dates.push(date_from(c, DateKind::Publication)),
            "idno" => r.identifiers.push(Identifier {
                value: text_of(c),
                kind: attr(c, "type")
                    .and_then(IdentifierKind::from_key)
                    .unwrap_or(IdentifierKind::Record),
                authority: owned(c, "source"),
            }),
            "availability" => {
                let mut rt = Rights {
                    status: owned(c, "status"),
                    ..Rights::default()
                };
                for a in elements(c) {
                    match a.tag_name().name() {
                        "licence" => {
                            if let Some(t) = owned(a, "target") {
                                rt.licence = Some(t);
                            }
                            let t = text_of(a);
                            if !t.is_empty() {
                                rt.statement.push(t);
                            }
                        }
                        "p" | "ab" => {
                            let t = text_of(a);
                            if !t.is_empty() {
                                rt.statement.push(t);
                            }
                        }
                        _ => r.unmapped.push(unmapped(a)),
                    }
                }
                r.rights.push(rt);
            }
            "p" if text_of(c).is_empty() => {}
            _ => r.unmapped.push(unmapped(c)),
        }
    }
}

fn read_notes_stmt(ns: Node, r: &mut Record) {
    for c in elements(ns) {
        match c.tag_name().name() {
            "note" if c.tag_name().namespace() == Some(TEI_NS) => r.notes.push(note_from(c)),
            "relatedItem" if c.tag_name().namespace() == Some(TEI_NS) => {
                r.relations.push(Relation {
                    kind: attr(c, "type")
                        .and_then(RelationKind::from_key)
                        .unwrap_or_default(),
                    text: text_of(c),
                    uri: owned(c, "target"),
                })
            }
            _ => r.unmapped.push(unmapped(c)),
        }
    }
}

fn note_from(n: Node) -> Note {
    let kind = attr(n, "type")
        .and_then(NoteKind::from_key)
        .unwrap_or(NoteKind::General);
    let mut heading = None;
    let mut content = Vec::new();
    let block_children = elements(n).any(|c| is_block(&c));
    if block_children {
        for c in n.children() {
            if is_tei(&c, "label") && heading.is_none() && content.is_empty() {
                heading = Some(text_of(c));
            } else if c.is_element() {
                content.push(block(c));
            }
        }
    } else {
        let inl = inlines(n);
        if !inl.is_empty() {
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
    }
}

fn read_source_desc(sd: Node, r: &mut Record) {
    for c in elements(sd) {
        match (
            c.tag_name().namespace() == Some(TEI_NS),
            c.tag_name().name(),
        ) {
            (true, "msDesc") => read_ms_desc(c, r),
            (true, "p") if text_of(c).is_empty() => {}
            _ => r.unmapped.push(unmapped(c)),
        }
    }
}

fn read_ms_desc(ms: Node, r: &mut Record) {
    for c in elements(ms) {
        match (
            c.tag_name().namespace() == Some(TEI_NS),
            c.tag_name().name(),
        ) {
            (true, "msIdentifier") => read_ms_identifier(c, r),
            (true, "msContents") => read_ms_contents(c, r),
            (true, "physDesc") if elements(c).all(|p| is_tei(&p, "p")) => {
                for p in elements(c) {
                    r.extents.push(Extent {
                        text: text_of(p),
                        quantity: owned(p, "n"),
                        unit: owned(p, "rend"),
                    });
                }
            }
            // history maps only when it holds just provenance and acquisition: the writer
            // puts those notes in notesStmt, so anything else would lose its place.
            (true, "history")
                if elements(c).all(|h| is_tei(&h, "provenance") || is_tei(&h, "acquisition"))
                    && only(c, &[]) =>
            {
                for h in elements(c) {
                    let kind = match h.tag_name().name() {
                        "provenance" => NoteKind::CustodialHistory,
                        "acquisition" => NoteKind::Acquisition,
                        _ => {
                            r.unmapped.push(unmapped(h));
                            continue;
                        }
                    };
                    let mut note = note_from(h);
                    note.kind = kind;
                    r.notes.push(note);
                }
            }
            _ => r.unmapped.push(unmapped(c)),
        }
    }
}

fn read_ms_identifier(mi: Node, r: &mut Record) {
    let mut h = r.holding.clone().unwrap_or_default();
    for c in elements(mi) {
        match c.tag_name().name() {
            "settlement" => h.settlement = Some(text_of(c)),
            // An institution is the body a repository belongs to: kept as a repository
            // agent qualified "institution".
            "repository" | "institution" => r.agents.push(Agent {
                name: text_of(c),
                kind: AgentKind::Organisation,
                role: Role::Repository,
                authority: owned(c, "ref").map(|id| Authority {
                    id,
                    source: owned(c, "key"),
                }),
                note: (c.tag_name().name() == "institution").then(|| INSTITUTION.to_string()),
            }),
            "collection" => h.collection = Some(text_of(c)),
            "idno" => h.reference = Some(text_of(c)),
            "altIdentifier" => {
                let kind = attr(c, "type")
                    .and_then(IdentifierKind::from_key)
                    .unwrap_or(IdentifierKind::Unit);
                for i in elements(c).filter(|i| is_tei(i, "idno")) {
                    r.identifiers.push(Identifier {
                        value: text_of(i),
                        kind: kind.clone(),
                        authority: owned(i, "source"),
                    });
                }
            }
            _ => r.unmapped.push(unmapped(c)),
        }
    }
    if h != Holding::default() {
        r.holding = Some(h);
    }
}

fn read_ms_contents(mc: Node, r: &mut Record) {
    for c in elements(mc) {
        match c.tag_name().name() {
            "summary" => r.notes.push(Note {
                kind: NoteKind::ScopeContent,
                heading: None,
                content: vec![Block::Paragraph {
                    n: None,
                    content: inlines(c),
                }],
            }),
            "msItem" if elements(c).all(|n| is_tei(&n, "note") && attr(n, "type").is_some()) => {
                let mut sec = r.security.clone().unwrap_or_default();
                for n in elements(c) {
                    let v = Some(text_of(n));
                    match attr(n, "type") {
                        Some("classification") => sec.classification = v,
                        Some("original_classification") => sec.original_classification = v,
                        Some("copy_number") => sec.copy_number = v,
                        _ => r.unmapped.push(unmapped(n)),
                    }
                }
                r.security = Some(sec);
            }
            _ => r.unmapped.push(unmapped(c)),
        }
    }
}

fn read_profile_desc(pd: Node, r: &mut Record) {
    for c in elements(pd) {
        if c.tag_name().namespace() != Some(TEI_NS) {
            r.unmapped.push(unmapped(c));
            continue;
        }
        match c.tag_name().name() {
            "abstract" => {
                for p in elements(c) {
                    r.abstract_.push(text_of(p));
                }
                if elements(c).next().is_none() {
                    r.abstract_.push(text_of(c));
                }
            }
            "creation" => {
                for d in elements(c) {
                    if is_tei(&d, "date") {
                        r.dates.push(date_from(d, DateKind::Creation));
                    } else {
                        r.unmapped.push(unmapped(d));
                    }
                }
            }
            "langUsage" => {
                for l in elements(c) {
                    match attr(l, "ident") {
                        Some(code) if is_tei(&l, "language") => r.languages.push(Language {
                            code: code.to_string(),
                            name: Some(text_of(l)).filter(|s| !s.is_empty()),
                        }),
                        _ => r.unmapped.push(unmapped(l)),
                    }
                }
            }
            "textClass" => {
                for k in elements(c) {
                    if !is_tei(&k, "keywords") {
                        r.unmapped.push(unmapped(k));
                        continue;
                    }
                    let scheme = owned(k, "scheme");
                    for t in elements(k) {
                        if !is_tei(&t, "term") {
                            r.unmapped.push(unmapped(t));
                            continue;
                        }
                        match attr(t, "type") {
                            Some(DOCUMENT_TYPE) => r.document_types.push(text_of(t)),
                            ty => r.subjects.push(Subject {
                                term: text_of(t),
                                kind: ty.and_then(SubjectKind::from_key).unwrap_or_default(),
                                vocabulary: scheme.clone(),
                                uri: owned(t, "ref"),
                            }),
                        }
                    }
                }
            }
            _ => r.unmapped.push(unmapped(c)),
        }
    }
}

fn read_text(t: Node, r: &mut Record) {
    for c in elements(t) {
        if is_tei(&c, "body") {
            r.body = blocks(c);
        } else {
            r.unmapped.push(unmapped(c));
        }
    }
}

fn is_block(n: &Node) -> bool {
    n.tag_name().namespace() == Some(TEI_NS)
        && matches!(
            n.tag_name().name(),
            "div" | "head" | "p" | "ab" | "list" | "quote" | "lg" | "sp" | "table" | "figure"
        )
}

fn blocks(parent: Node) -> Vec<Block> {
    let mut out = Vec::new();
    for c in elements(parent) {
        // Empty paragraphs are the writer's placeholders for required content (a comment
        // inside one is dropped with it).
        if is_tei(&c, "p")
            && c.attributes().len() == 0
            && !c.children().any(|k| k.is_element() || k.is_text())
        {
            continue;
        }
        out.push(block(c));
    }
    out
}

fn block(c: Node) -> Block {
    if c.tag_name().namespace() != Some(TEI_NS) {
        return Block::Unmapped(unmapped(c));
    }
    match c.tag_name().name() {
        "div" if only_with_lang(c, &["type", "n"]) => Block::Section {
            kind: owned(c, "type"),
            n: owned(c, "n"),
            lang: xml_lang(c),
            blocks: blocks(c),
        },
        "head" if only(c, &[]) => Block::Heading {
            content: inlines(c),
        },
        "ab" if attr(c, "type") == Some("heading") && only(c, &["type"]) => Block::Heading {
            content: inlines(c),
        },
        "p" if only(c, &["n"]) => Block::Paragraph {
            n: owned(c, "n"),
            content: inlines(c),
        },
        "list"
            if elements(c).all(|i| is_tei(&i, "item") && only(i, &["n"]))
                && only_with_lang(c, &["rend"])
                && matches!(attr(c, "rend"), Some("numbered" | "bulleted")) =>
        {
            let ordered = matches!(attr(c, "rend"), Some("numbered"));
            Block::List {
                ordered,
                lang: xml_lang(c),
                items: elements(c)
                    .map(|i| ListItem {
                        n: owned(i, "n"),
                        content: inlines(i),
                    })
                    .collect(),
            }
        }
        "quote"
            if only(c, &[])
                && elements(c).all(|b| is_block(&b))
                && elements(c).next().is_some() =>
        {
            Block::Quote { blocks: blocks(c) }
        }
        "note" if only(c, &["type"]) && known_note_type(c) => Block::Note {
            kind: attr(c, "type")
                .and_then(NoteKind::from_key)
                .unwrap_or(NoteKind::General),
            content: inlines(c),
        },
        _ => Block::Unmapped(unmapped(c)),
    }
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
        }
    }
    out
}

fn inline(c: Node) -> Inline {
    if c.tag_name().namespace() != Some(TEI_NS) {
        return Inline::Unmapped(unmapped(c));
    }
    // An element maps only when the model can hold every attribute it has; otherwise it
    // is kept verbatim, so nothing of it is lost.
    match c.tag_name().name() {
        "hi" if attr(c, "rend").is_some() && only(c, &["rend"]) => Inline::Emphasis {
            rend: owned(c, "rend"),
            content: inlines(c),
        },
        "emph" if only(c, &[]) => Inline::Emphasis {
            rend: None,
            content: inlines(c),
        },
        "supplied" if only(c, &["reason"]) => Inline::Supplied {
            reason: owned(c, "reason"),
            content: inlines(c),
        },
        "gap" if !c.has_children() && only(c, &["reason", "extent"]) => Inline::Gap {
            reason: owned(c, "reason"),
            extent: owned(c, "extent"),
        },
        "persName" | "placeName" | "orgName" | "name" if only(c, &["ref"]) => Inline::Name {
            kind: match c.tag_name().name() {
                "persName" => NameKind::Person,
                "placeName" => NameKind::Place,
                "orgName" => NameKind::Organisation,
                _ => NameKind::Other,
            },
            reference: owned(c, "ref"),
            content: inlines(c),
        },
        "date" if only(c, &["when"]) => Inline::Date {
            when: owned(c, "when"),
            content: inlines(c),
        },
        "foreign" if xml_lang(c).is_some() && c.attributes().len() == 1 => Inline::Foreign {
            lang: xml_lang(c).unwrap_or_default(),
            content: inlines(c),
        },
        "lb" if only(c, &[]) => Inline::LineBreak,
        "pb" if only(c, &["n"]) => Inline::PageBreak { n: owned(c, "n") },
        "ref" if attr(c, "target").is_some() && only(c, &["target"]) => Inline::Link {
            target: owned(c, "target").unwrap_or_default(),
            content: inlines(c),
        },
        "note" if only(c, &["type"]) && known_note_type(c) => Inline::Note {
            kind: attr(c, "type")
                .and_then(NoteKind::from_key)
                .unwrap_or(NoteKind::General),
            content: inlines(c),
        },
        _ => Inline::Unmapped(unmapped(c)),
    }
}

/// Like [`only`], also allowing `xml:lang`.
fn only_with_lang(c: Node, allowed: &[&str]) -> bool {
    c.attributes().all(|a| {
        (a.namespace().is_none() && allowed.contains(&a.name()))
            || (a.namespace() == Some(XML_NS) && a.name() == "lang")
    })
}

/// True when every attribute of `c` is in `allowed` (and none is namespaced).
fn only(c: Node, allowed: &[&str]) -> bool {
    c.attributes()
        .all(|a| a.namespace().is_none() && allowed.contains(&a.name()))
}

/// A note maps only when its `@type` is absent or one of the model's note kinds, so that
/// no other type value is lost.
fn known_note_type(c: Node) -> bool {
    attr(c, "type").is_none_or(|t| NoteKind::from_key(t).is_some())
}
