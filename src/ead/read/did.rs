//! `did`: the unit's title, dates, identifiers and abstract are mapped where the EAD
//! writer writes them back as they were; every other child is kept in place.
//!
//! The writer puts `did`'s children in its own order (titles, dates, identifiers, ...,
//! abstract); where the source had the mapped ones in another order, the order is noted
//! in the record's spelling (`did` = `unitid unittitle`) and the writer follows it.

use super::{kept, slots, Source};
use crate::ead::write::{self as w, Version, W};
use crate::model::{
    DateKind, DateNormal, DateRef, Identifier, IdentifierKind, Keyed, Record, Title,
};
use crate::xml::{text_of, Node};

/// The writer's order of the `did` children the reader maps.
pub(crate) const WRITER_ORDER: &[&str] = &["unittitle", "unitdate", "unitid", "abstract"];

pub(super) fn read(src: &Source, n: Node, _index: u32, r: &mut Record) {
    src.ctx.keep_attributes(n, &[], &mut r.unmapped);
    let v = if src.ctx.format == "ead3" {
        Version::Ead3
    } else {
        Version::Ead2002
    };
    let mut scratch = W::scratch(v);
    let mut order: Vec<&str> = Vec::new();
    for (i, c) in slots(n) {
        let name = if c.is_element() {
            c.tag_name().name()
        } else {
            ""
        };
        let mapped = match name {
            "unittitle" => title(c).is_some_and(|t| {
                let ok = src
                    .ctx
                    .writes_back(c, &w::unittitle(&t, r.titles.len(), &mut scratch));
                ok.then(|| r.titles.push(t)).is_some()
            }),
            "unitdate" => date(c).is_some_and(|d| {
                let ok = src
                    .ctx
                    .writes_back(c, &w::unitdate(&d, r.dates.len(), &mut scratch));
                ok.then(|| r.dates.push(d)).is_some()
            }),
            "unitid" => identifier(c, src).is_some_and(|id| {
                let ok = src
                    .ctx
                    .writes_back(c, &w::unitid(&id, r.identifiers.len(), &mut scratch));
                ok.then(|| r.identifiers.push(id)).is_some()
            }),
            "abstract" => {
                let plain = c.attributes().len() == 0 && c.children().all(|k| k.is_text());
                plain.then(|| r.abstract_.push(text_of(c))).is_some()
            }
            _ => false,
        };
        if mapped {
            order.push(name);
        } else {
            r.unmapped.push(kept(src, c, i));
        }
    }
    let rank = |n: &&str| WRITER_ORDER.iter().position(|w| w == n);
    if !order.windows(2).all(|p| rank(&p[0]) <= rank(&p[1])) {
        r.spelling.insert("did".into(), order.join(" "));
    }
}

/// A title of text alone, with no attributes.
fn title(n: Node) -> Option<Title> {
    (n.attributes().len() == 0 && n.children().all(|k| k.is_text())).then(|| Title {
        text: text_of(n),
        ..Title::default()
    })
}

/// A date of text alone, with `@normal` (one date or a span) and `@datechar` at most.
fn date(n: Node) -> Option<DateRef> {
    if !n.children().all(|k| k.is_text())
        || n.attributes()
            .any(|a| a.namespace().is_some() || !matches!(a.name(), "normal" | "datechar"))
    {
        return None;
    }
    let mut d = DateRef {
        text: text_of(n),
        ..DateRef::default()
    };
    if let Some(normal) = n.attribute("normal") {
        d.normal = Some(match normal.split_once('/') {
            Some((from, to)) => DateNormal::Range {
                from: from.into(),
                to: to.into(),
            },
            None => DateNormal::Single {
                when: normal.into(),
            },
        });
    }
    match n.attribute("datechar") {
        Some(c) => d.kind = DateKind::from_key(c)?,
        None => {
            d.spelling.insert("datechar".into(), String::new());
        }
    }
    Some(d)
}

/// An identifier of text alone, with `@type`/`@localtype` at most.
fn identifier(n: Node, src: &Source) -> Option<Identifier> {
    let t = if src.ctx.format == "ead3" {
        "localtype"
    } else {
        "type"
    };
    if !n.children().all(|k| k.is_text())
        || n.attributes()
            .any(|a| a.namespace().is_some() || a.name() != t)
    {
        return None;
    }
    let mut id = Identifier {
        value: text_of(n),
        ..Identifier::default()
    };
    match n.attribute(t) {
        Some(k) => id.kind = IdentifierKind::from_key(k)?,
        None => {
            id.kind = IdentifierKind::Unit;
            id.spelling.insert("type".into(), String::new());
        }
    }
    Some(id)
}
