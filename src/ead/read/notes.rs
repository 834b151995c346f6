//! The level's descriptive notes (`scopecontent`, `bioghist`, `accessrestrict`, ...,
//! `odd`) and its `controlaccess`, each mapped where the EAD writer writes it back as it
//! was ([`w::note`], [`w::controlaccess`]); otherwise the element stays a fragment. A
//! note's `@id`, `@audience`, `@altrender` and `@encodinganalog` go with it.
//!
//! A note is a heading of text alone and blocks the model holds: paragraphs of text and
//! the phrase elements the writer writes (`emph`, `lb`, names, `date`, links, EAD 2002
//! `title`), lists and block quotes. A note with other attributes, nested notes or other
//! blocks stays a fragment. `controlaccess` is mapped whole or not at all: its terms
//! become subjects, and names with a role become agents.

use super::did::{agent_authority, agent_kind, elements, name_parts, role_of};
use super::Source;
use crate::ead::write::{self as w, Version, W};
use crate::model::{Agent, Block, Inline, ListItem, NameKind, Note, NoteKind, Record, Subject};
use crate::xml::{text_of, Node};

/// The note kind of a level's child element, or `None` for one that is no note: the
/// writer's table read the other way ([`w::NOTE_ELEMENTS`]).
fn note_kind(n: Node, v: Version) -> Option<NoteKind> {
    let name = n.tag_name().name();
    // Only `odd` tells its kind by its type; the others' type is an attribute of theirs.
    let ty = (name == "odd")
        .then(|| n.attribute(v.type_attr()))
        .flatten();
    if let Some((kind, ..)) = w::NOTE_ELEMENTS
        .iter()
        .find(|(_, tag, t)| *tag == name && (name != "odd" || *t == ty))
    {
        return Some(kind.clone());
    }
    match ty {
        Some(t) if !t.is_empty() => Some(NoteKind::Other(t.to_string())),
        Some(_) => None,
        None => w::OTHER_NOTE_ELEMENTS
            .contains(&name)
            .then(|| NoteKind::Other(name.to_string())),
    }
}

/// Maps the level's note `n` into `r` when the writer writes it back as it was.
pub(super) fn note(src: &Source, n: Node, r: &mut Record) -> bool {
    let v = src.version();
    let Some(kind) = note_kind(n, v) else {
        return false;
    };
    let odd_type = n.tag_name().name() == "odd";
    let mut note = Note {
        kind,
        ..Note::default()
    };
    for a in n.attributes() {
        if a.namespace().is_some() {
            return false;
        }
        let value = Some(a.value().to_string());
        match a.name() {
            "id" => note.attributes.id = value,
            "audience" => note.attributes.audience = value,
            "altrender" => note.attributes.altrender = value,
            "encodinganalog" => note.attributes.encodinganalog = value,
            t if odd_type && t == v.type_attr() => {}
            _ => return false,
        }
    }
    let Some(kids) = elements(n) else {
        return false;
    };
    let mut rest = kids.as_slice();
    if let [h, more @ ..] = rest {
        if h.tag_name().name() == "head" {
            if h.attributes().len() != 0 || !text_only(*h) {
                return false;
            }
            note.heading = Some(text_of(*h));
            rest = more;
        }
    }
    let Some(blocks) = blocks(rest, v, src.dtd) else {
        return false;
    };
    note.content = blocks;
    let mut scratch = W::scratch(v);
    if !src
        .ctx
        .writes_back(n, &w::note(&note, r.notes.len(), &mut scratch))
    {
        return false;
    }
    r.notes.push(note);
    true
}

/// Maps `controlaccess` into subjects and agents when the writer writes it back whole.
pub(super) fn controlaccess(src: &Source, n: Node, r: &mut Record) -> bool {
    let v = src.version();
    if n.attributes().len() != 0 {
        return false;
    }
    let Some(kids) = elements(n) else {
        return false;
    };
    let mut part = Record::default();
    let role_attr = v.role_attr();
    for k in kids {
        let tag = k.tag_name().name();
        let Some((kind, _)) = w::SUBJECT_ELEMENTS.iter().find(|(_, t)| *t == tag) else {
            return false;
        };
        let kind = kind.clone();
        // A name with a role is an agent; the name elements are the agents' own.
        let agent_kind = agent_kind(tag);
        let extra: &[&str] = if agent_kind.is_some() {
            &[role_attr]
        } else {
            &[]
        };
        let Some((term, source, id)) = name_parts(k, v, extra) else {
            return false;
        };
        match (k.attribute(role_attr), agent_kind) {
            (Some(role), Some(ak)) => {
                let Some(role) = role_of(v, role) else {
                    return false;
                };
                let mut a = Agent {
                    name: term,
                    kind: ak,
                    role,
                    ..Agent::default()
                };
                // As spelled, for either version (see the writer's agent_name_el).
                if let Some(spelled) = k.attribute(role_attr) {
                    a.spelling.insert("role".into(), spelled.to_string());
                }
                agent_authority(source, id, &mut a);
                part.agents.push(a);
            }
            _ => part.subjects.push(Subject {
                term,
                kind,
                vocabulary: source,
                uri: id,
                ..Subject::default()
            }),
        }
    }
    let mut scratch = W::scratch(v);
    let ok = w::controlaccess(&part, &mut scratch).is_some_and(|el| src.ctx.writes_back(n, &el));
    if ok {
        r.subjects.append(&mut part.subjects);
        r.agents.append(&mut part.agents);
    }
    ok
}

/// True when `n` holds text alone.
fn text_only(n: Node) -> bool {
    n.children().all(|k| k.is_text())
}

/// Block elements into blocks, or `None` where one is not a block the model holds.
fn blocks(nodes: &[Node], v: Version, dtd: bool) -> Option<Vec<Block>> {
    let mut out = Vec::new();
    for b in nodes {
        out.push(match b.tag_name().name() {
            "p" if b.attributes().len() == 0 => Block::Paragraph {
                n: None,
                content: trimmed(inlines(*b, v, dtd)?),
            },
            "list" => list(*b, v, dtd)?,
            "blockquote" if b.attributes().len() == 0 => Block::Quote {
                blocks: blocks(&elements(*b)?, v, dtd)?,
            },
            _ => return None,
        });
    }
    Some(out)
}

/// A list of items of running text (and nested lists).
fn list(n: Node, v: Version, dtd: bool) -> Option<Block> {
    let (ordered, style) = match v {
        Version::Ead2002 => {
            if !n.attributes().all(|a| {
                a.namespace().is_none() && matches!(a.name(), "type" | "numeration" | "mark")
            }) {
                return None;
            }
            match n.attribute("type")? {
                "ordered" => (true, n.attribute("numeration")),
                "simple" | "marked" => (false, n.attribute("mark")),
                _ => return None,
            }
        }
        Version::Ead3 => {
            if !n.attributes().all(|a| {
                a.namespace().is_none() && matches!(a.name(), "listtype" | "numeration" | "mark")
            }) {
                return None;
            }
            match n.attribute("listtype")? {
                "ordered" => (true, n.attribute("numeration")),
                "unordered" => (false, n.attribute("mark")),
                _ => return None,
            }
        }
    };
    let mut items = Vec::new();
    for it in elements(n)? {
        if it.tag_name().name() != "item" || it.attributes().len() != 0 {
            return None;
        }
        let mut content = Vec::new();
        let mut nested = Vec::new();
        for k in it.children() {
            if k.is_element() && k.tag_name().name() == "list" {
                nested.push(list(k, v, dtd)?);
            } else if !nested.is_empty() {
                // Running text after a nested list: the writer puts the text first.
                if !(k.is_text() && k.text().unwrap_or("").trim().is_empty()) {
                    return None;
                }
            } else {
                content.push(inline(k, v, dtd)?);
            }
        }
        items.push(ListItem {
            n: None,
            content: trimmed(content),
            blocks: nested,
        });
    }
    Some(Block::List {
        ordered,
        style: style.map(str::to_string),
        lang: None,
        items,
    })
}

/// The running text of `n`.
fn inlines(n: Node, v: Version, dtd: bool) -> Option<Vec<Inline>> {
    n.children().map(|k| inline(k, v, dtd)).collect()
}

/// One node of running text: text with its runs of white space made one space, or a
/// phrase element the writer writes.
fn inline(k: Node, v: Version, dtd: bool) -> Option<Inline> {
    if k.is_text() {
        return Some(Inline::Text {
            text: squeeze(k.text().unwrap_or("")),
        });
    }
    if !k.is_element() {
        return None;
    }
    let text = || text_only(k).then(|| vec![Inline::Text { text: text_of(k) }]);
    Some(match k.tag_name().name() {
        "emph" => {
            let rend = match (k.attribute("render"), k.attribute("altrender")) {
                (Some(r), None) | (None, Some(r)) => Some(r.to_string()),
                (None, None) => None,
                _ => return None,
            };
            Inline::Emphasis {
                rend,
                content: inlines(k, v, dtd)?,
            }
        }
        "lb" if k.attributes().len() == 0 && k.children().count() == 0 => Inline::LineBreak,
        "title" if v == Version::Ead2002 => Inline::Title { content: text()? },
        tag @ ("persname" | "corpname" | "geogname" | "name") => {
            let (name, source, id) = name_parts(k, v, &[])?;
            if source.is_some() {
                return None;
            }
            Inline::Name {
                kind: match tag {
                    "persname" => NameKind::Person,
                    "corpname" => NameKind::Organisation,
                    "geogname" => NameKind::Place,
                    _ => NameKind::Other,
                },
                reference: id,
                content: vec![Inline::Text { text: name }],
            }
        }
        "date" => {
            if !k
                .attributes()
                .all(|a| a.namespace().is_none() && a.name() == "normal")
            {
                return None;
            }
            Inline::Date {
                when: k.attribute("normal").map(str::to_string),
                content: inlines(k, v, dtd)?,
            }
        }
        "extref" if v == Version::Ead2002 => Inline::Link {
            target: super::did::link_attr(k, dtd, "href")?.to_string(),
            content: text()?,
        },
        "ref" if v == Version::Ead3 => Inline::Link {
            target: k.attribute("href")?.to_string(),
            content: text()?,
        },
        _ => return None,
    })
}

/// Runs of white space as one space.
fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// Running text without white space at its ends, and without text that is white space
/// alone there.
fn trimmed(mut content: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text { text }) = content.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text }) = content.last_mut() {
        *text = text.trim_end().to_string();
    }
    content.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
    content
}
