//! `did`: the unit's creators (`origination`), title, dates, identifiers, extent
//! (`physdesc` of one `extent`), languages (`langmaterial`), holding repository,
//! containers, locations, material details, digital objects and abstract are mapped where
//! the EAD writer writes them back as they were; every other child (`did/note`, which the
//! model has no place for, among them) is kept in place.
//!
//! The writer puts `did`'s children in its own order ([`WRITER_ORDER`]); where the source
//! had the mapped ones in another order, the order is noted in the record's spelling
//! (`did` = `unitid unittitle`) and the writer follows it.

use super::{kept, slots, Source};
use crate::ead::values;
use crate::ead::write::{self as w, Version, W};
use crate::format::XLINK_NS;
use crate::model::{
    Agent, AgentKind, Attributes, Authority, Container, DateKind, DateNormal, DateRef, DateSpan,
    DigitalObject, Extent, Identifier, IdentifierKind, Keyed, Language, PhysicalLocation, Record,
    Role, Title, TitleKind,
};
use crate::xml::{text_of, Node};

/// The writer's order of the `did` children the reader maps.
pub(crate) const WRITER_ORDER: &[&str] = &[
    "origination",
    "unittitle",
    "unitdate",
    "unitid",
    "physdesc",
    "langmaterial",
    "repository",
    "container",
    "physloc",
    "materialspec",
    "dao",
    "abstract",
];

pub(super) fn read(src: &Source, n: Node, _index: u32, r: &mut Record) {
    src.ctx.keep_attributes(n, &[], &mut r.unmapped);
    let v = src.version();
    let mut scratch = W::scratch(v);
    let mut order: Vec<&str> = Vec::new();
    let containers = containers(src, n, v);
    let mut next_container = 0;
    for (i, c) in slots(n) {
        let name = if c.is_element() {
            c.tag_name().name()
        } else {
            ""
        };
        let mapped = match name {
            "unittitle" => title(c, src, r.titles.len()).is_some_and(|(t, dates)| {
                let nested: Vec<(usize, &DateRef)> = dates
                    .iter()
                    .enumerate()
                    .map(|(j, d)| (r.dates.len() + j, d))
                    .collect();
                let ok = src
                    .ctx
                    .writes_back(c, &w::unittitle(&t, r.titles.len(), &nested, &mut scratch));
                if ok {
                    r.titles.push(t);
                    r.dates.extend(dates);
                }
                ok
            }),
            "unitdate" | "unitdatestructured" => match name {
                "unitdate" => date(c, src),
                _ if v == Version::Ead3 => structured_date(c, src),
                _ => None,
            }
            .is_some_and(|d| {
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
            // Text with the common attributes (ArchivesSpace gives every abstract an id),
            // noted in the record's spelling: the model's abstracts are text.
            "abstract" => (c.children().all(|k| k.is_text()))
                .then(|| common(c, &[]))
                .flatten()
                .is_some_and(|a| {
                    let i = r.abstract_.len();
                    let text = text_of(c);
                    let ok = src
                        .ctx
                        .writes_back(c, &w::abstract_el(&text, &a, i, &mut scratch));
                    if ok {
                        w::note_abstract_attributes(r, i, &a);
                        r.abstract_.push(text);
                    }
                    ok
                }),
            "origination" => origination(c, src).is_some_and(|a| {
                let ok = src
                    .ctx
                    .writes_back(c, &w::origination(&a, r.agents.len(), &mut scratch));
                ok.then(|| r.agents.push(a)).is_some()
            }),
            "physdesc" => extent(c, v).is_some_and(|e| {
                let ok = src
                    .ctx
                    .writes_back(c, &w::extent(&e, r.extents.len(), &mut scratch));
                ok.then(|| r.extents.push(e)).is_some()
            }),
            // The writer gathers every language in one langmaterial.
            "langmaterial" if r.languages.is_empty() => languages(c, v).is_some_and(|l| {
                let ok = src.ctx.writes_back(c, &w::langmaterial(&l, &mut scratch));
                ok.then(|| r.languages = l).is_some()
            }),
            "repository" => repository(c, src).is_some_and(|a| {
                let ok = src
                    .ctx
                    .writes_back(c, &w::repository(&a, r.agents.len(), &mut scratch));
                ok.then(|| r.agents.push(a)).is_some()
            }),
            "container" => match &containers {
                Some(all) => {
                    r.containers.push(all[next_container].clone());
                    next_container += 1;
                    true
                }
                None => false,
            },
            "physloc" => physloc(c, v).is_some_and(|p| {
                let ok = src
                    .ctx
                    .writes_back(c, &w::physloc(&p, r.physical_locations.len(), &mut scratch));
                ok.then(|| r.physical_locations.push(p)).is_some()
            }),
            "materialspec" => {
                let plain = c.attributes().len() == 0 && c.children().all(|k| k.is_text());
                plain.then(|| r.material_specs.push(text_of(c))).is_some()
            }
            "dao" => dao(c, v, src.dtd).is_some_and(|d| {
                let ok = src
                    .ctx
                    .writes_back(c, &w::dao(&d, r.digital_objects.len(), &mut scratch));
                ok.then(|| r.digital_objects.push(d)).is_some()
            }),
            _ => false,
        };
        if mapped {
            // A structured date holds the place of a date (either element, as written).
            order.push(if name == "unitdatestructured" {
                "unitdate"
            } else {
                name
            });
        } else {
            r.unmapped.push(kept(src, c, i));
        }
    }
    let rank = |n: &&str| WRITER_ORDER.iter().position(|w| w == n);
    if !order.windows(2).all(|p| rank(&p[0]) <= rank(&p[1])) {
        r.spelling.insert("did".into(), order.join(" "));
    }
}

/// Reads the attributes the writer writes on any mapped element (`@id`, `@audience`,
/// `@altrender`, `@encodinganalog`, `@label`) into `a`; `None` when `n` has one that is
/// neither these nor in `own` (the element's own, read by the caller).
fn common(n: Node, own: &[&str]) -> Option<Attributes> {
    let mut a = Attributes::default();
    for at in n.attributes() {
        if at.namespace().is_some() {
            return None;
        }
        match a.ead_common_mut(at.name()) {
            Some(slot) => *slot = Some(at.value().to_string()),
            None if own.contains(&at.name()) => {}
            None => return None,
        }
    }
    Some(a)
}

/// A title of text, with its type (`@type`/`@localtype`) and the common attributes, and
/// the `unitdate`s EAD 2002 exports (the Toolkit's, Archon's) put at its end, which become
/// the record's dates noted as standing in title number `k` (spelling `in` =
/// `unittitle k`).
fn title(n: Node, src: &Source, k: usize) -> Option<(Title, Vec<DateRef>)> {
    let t = src.version().type_attr();
    let mut text = String::new();
    let mut dates = Vec::new();
    for c in n.children() {
        if c.is_text() {
            let s = c.text().unwrap_or("");
            // Text after a date would not be written back where it stood.
            if !dates.is_empty() && !s.trim().is_empty() {
                return None;
            }
            text.push_str(s);
        } else if c.is_element() && c.tag_name().name() == "unitdate" {
            let mut d = date(c, src)?;
            d.spelling.insert("in".into(), format!("unittitle {k}"));
            dates.push(d);
        } else {
            return None;
        }
    }
    let attributes = common(n, &[t])?;
    let kind = match n.attribute(t) {
        Some(k) => TitleKind::from_key(k)?,
        None => TitleKind::Main,
    };
    let title = Title {
        text: crate::xml::text_of_str(&text),
        kind,
        attributes,
        ..Title::default()
    };
    Some((title, dates))
}

/// A date of text alone, with `@normal` (one date or a span), `@datechar`, its span
/// (`@type` inclusive or bulk, EAD3 `@unitdatetype`), `@certainty`, `@era`, `@calendar`
/// and the common attributes.
fn date(n: Node, src: &Source) -> Option<DateRef> {
    if !n.children().all(|k| k.is_text()) {
        return None;
    }
    let mut d = date_attributes(n, src)?;
    d.text = text_of(n);
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
    Some(d)
}

/// A date's attributes (of `unitdate` or `unitdatestructured`): `@datechar` as its kind,
/// its span, `@certainty`, `@era`, `@calendar` and the common attributes (`@normal` is
/// the caller's).
fn date_attributes(n: Node, src: &Source) -> Option<DateRef> {
    let span = src.version().span_attr();
    let attributes = common(
        n,
        &["normal", "datechar", span, "certainty", "era", "calendar"],
    )?;
    let mut d = DateRef {
        attributes,
        certainty: n.attribute("certainty").map(String::from),
        era: n.attribute("era").map(String::from),
        calendar: n.attribute("calendar").map(String::from),
        ..DateRef::default()
    };
    d.span = match n.attribute(span) {
        None => None,
        Some("inclusive") => Some(DateSpan::Inclusive),
        Some("bulk") => Some(DateSpan::Bulk),
        Some(_) => return None,
    };
    match n.attribute("datechar") {
        Some(c) => d.kind = DateKind::from_key(c)?,
        None => {
            d.spelling.insert("datechar".into(), String::new());
        }
    }
    Some(d)
}

/// EAD3 `unitdatestructured` of one `daterange` (a `fromdate`, a `todate` or both) or one
/// `datesingle`, each of text with `@standarddate` at most, and the attributes of
/// [`date`]. The display text is the range's two texts joined by a hyphen (or the one
/// date's); the texts as written and the structure go in the spelling (`structured` =
/// `range` or `single`, `from`, `to`), the standard dates in the normal form.
fn structured_date(n: Node, src: &Source) -> Option<DateRef> {
    let mut d = date_attributes(n, src)?;
    let kids = elements(n)?;
    let [inner] = kids.as_slice() else {
        return None;
    };
    let text_with_standard = |k: Node| {
        (attrs_within(k, &["standarddate"]) && text_only(k))
            .then(|| (text_of(k), k.attribute("standarddate").map(str::to_string)))
    };
    match inner.tag_name().name() {
        "datesingle" => {
            let (text, standard) = text_with_standard(*inner)?;
            d.text = text;
            d.normal = standard.map(|when| DateNormal::Single { when });
            d.spelling.insert("structured".into(), "single".into());
        }
        "daterange" => {
            if !attrs_within(*inner, &[]) {
                return None;
            }
            let parts = elements(*inner)?;
            let mut from = None;
            let mut to = None;
            for p in &parts {
                let slot = match p.tag_name().name() {
                    "fromdate" if from.is_none() && to.is_none() => &mut from,
                    "todate" if to.is_none() => &mut to,
                    _ => return None,
                };
                *slot = Some(text_with_standard(*p)?);
            }
            if from.is_none() && to.is_none() {
                return None;
            }
            d.normal = match (&from, &to) {
                (Some((_, Some(f))), Some((_, Some(t)))) => Some(DateNormal::Range {
                    from: f.clone(),
                    to: t.clone(),
                }),
                (Some((_, None)) | None, Some((_, None)) | None) => None,
                // One bound standardised and not the other: no normal form says that.
                _ => return None,
            };
            let texts: Vec<&str> = [&from, &to]
                .into_iter()
                .flatten()
                .map(|(t, _)| t.as_str())
                .collect();
            d.text = texts.join("-");
            d.spelling.insert("structured".into(), "range".into());
            for (key, part) in [("from", from), ("to", to)] {
                if let Some((t, _)) = part {
                    d.spelling.insert(key.into(), t);
                }
            }
        }
        _ => return None,
    }
    Some(d)
}

/// An identifier of text alone, with `@type`/`@localtype` and the common attributes.
fn identifier(n: Node, src: &Source) -> Option<Identifier> {
    let t = src.version().type_attr();
    if !n.children().all(|k| k.is_text()) {
        return None;
    }
    let mut id = Identifier {
        value: text_of(n),
        attributes: common(n, &[t])?,
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

/// True when `n` holds text alone (no elements, comments or processing instructions).
fn text_only(n: Node) -> bool {
    n.children().all(|k| k.is_text())
}

/// True when every attribute of `n` is unprefixed and one of `names`.
fn attrs_within(n: Node, names: &[&str]) -> bool {
    n.attributes()
        .all(|a| a.namespace().is_none() && names.contains(&a.name()))
}

/// The element children of `n`, or `None` when it has text that is not white space, a
/// comment or a processing instruction.
pub(super) fn elements<'a, 'i>(n: Node<'a, 'i>) -> Option<Vec<Node<'a, 'i>>> {
    let mut out = Vec::new();
    for k in n.children() {
        if k.is_element() {
            out.push(k);
        } else if !(k.is_text() && k.text().unwrap_or("").trim().is_empty()) {
            return None;
        }
    }
    Some(out)
}

/// The agent kind of a name element.
pub(super) fn agent_kind(tag: &str) -> Option<AgentKind> {
    w::AGENT_ELEMENTS
        .iter()
        .find(|(_, t)| *t == tag)
        .map(|(k, _)| k.clone())
}

/// A role as EAD 2002 `@role` or EAD3 `@relator` (a MARC relator code) spells it.
pub(super) fn role_of(v: Version, value: &str) -> Option<Role> {
    match v {
        Version::Ead2002 => Role::from_key(value),
        Version::Ead3 => Role::TABLE
            .iter()
            .map(|(_, r)| r)
            .find(|r| r.relator().0 == value)
            .cloned()
            .or_else(|| Role::from_key(value).filter(|r| matches!(r, Role::Other(_)))),
    }
}

/// A name element's name, `@source` and `@authfilenumber` (EAD3 `@identifier`): EAD 2002
/// text, EAD3 one `part`; no attributes but those and `extra`.
pub(super) type NameParts = (String, Option<String>, Option<String>);

pub(super) fn name_parts(n: Node, v: Version, extra: &[&str]) -> Option<NameParts> {
    let id_attr = match v {
        Version::Ead2002 => "authfilenumber",
        Version::Ead3 => "identifier",
    };
    let mut allowed = vec!["source", id_attr];
    allowed.extend_from_slice(extra);
    if !attrs_within(n, &allowed) {
        return None;
    }
    let name = match v {
        Version::Ead2002 => text_only(n).then(|| text_of(n))?,
        Version::Ead3 => match elements(n)?.as_slice() {
            [part]
                if part.tag_name().name() == "part"
                    && part.attributes().len() == 0
                    && text_only(*part) =>
            {
                text_of(*part)
            }
            _ => return None,
        },
    };
    let s = |a: &str| n.attribute(a).map(str::to_string);
    Some((name, s("source"), s(id_attr)))
}

/// An agent's authority: an id with its source; a source alone (a name from a
/// vocabulary with no id given) is the agent's spelling (`source`), for the EAD writer.
pub(super) fn agent_authority(source: Option<String>, id: Option<String>, a: &mut Agent) {
    match (id, source) {
        (Some(id), source) => {
            a.authority = Some(Authority {
                id,
                source,
                rules: None,
            })
        }
        (None, Some(source)) => {
            a.spelling.insert("source".into(), source);
        }
        (None, None) => {}
    }
}

/// `origination` holding one name: an author (`@label` Author or role author) or creator.
fn origination(n: Node, src: &Source) -> Option<Agent> {
    let v = src.version();
    if !attrs_within(n, &["label", "encodinganalog"]) {
        return None;
    }
    let kids = elements(n)?;
    let [name] = kids.as_slice() else {
        return None;
    };
    let kind = agent_kind(name.tag_name().name())?;
    let role_attr = v.role_attr();
    let (text, source, id) = name_parts(*name, v, &[role_attr, "rules", "encodinganalog"])?;
    let label = n.attribute("label");
    let mut a = Agent {
        name: text,
        kind,
        ..Agent::default()
    };
    agent_authority(source, id, &mut a);
    // The rules the name was formed by (`dacs`, as the Toolkit and ArchivesSpace write
    // them): the authority's where there is one, else noted for the EAD writer.
    if let Some(rules) = name.attribute("rules") {
        match a.authority.as_mut() {
            Some(au) => au.rules = Some(rules.to_string()),
            None => {
                a.spelling.insert("rules".into(), rules.to_string());
            }
        }
    }
    a.attributes.encodinganalog = name.attribute("encodinganalog").map(str::to_string);
    if let Some(e) = n.attribute("encodinganalog") {
        a.spelling
            .insert("origination.encodinganalog".into(), e.to_string());
    }
    a.role = match name.attribute(role_attr) {
        // The writer writes an origination for an author or creator alone; EAD 2002
        // exports spell these with relator codes too (`cre`), kept as the role's spelling.
        Some(r) => {
            // As spelled: written back so in either version (a relator code or a word).
            a.spelling.insert("role".into(), r.to_string());
            match role_of(v, r)? {
                role @ (Role::Author | Role::Creator) => role,
                Role::Other(code)
                    if v == Version::Ead2002 && matches!(code.as_str(), "aut" | "cre") =>
                {
                    if code == "aut" {
                        Role::Author
                    } else {
                        Role::Creator
                    }
                }
                // A wording with its relator code in brackets (`Author (aut)`, as the
                // Toolkit exports roles).
                Role::Other(wording) if bracketed_code(&wording) == Some("aut") => Role::Author,
                Role::Other(wording) if bracketed_code(&wording) == Some("cre") => Role::Creator,
                // Another role (a collector, former owner, donor: ArchivesSpace exports
                // them as originations too): the writer puts the name in an origination
                // because the spelling says it stood in one.
                role => {
                    a.spelling.insert("in".into(), "origination".into());
                    role
                }
            }
        }
        None => {
            a.spelling.insert("role".into(), String::new());
            if label == Some("Author") {
                Role::Author
            } else {
                Role::Creator
            }
        }
    };
    match label {
        None => {
            a.spelling.insert("label".into(), String::new());
        }
        Some("Author") if a.role == Role::Author => {}
        Some("Creator") if a.role != Role::Author => {}
        Some(l) => a.note = Some(l.to_string()),
    }
    Some(a)
}

/// The code in brackets at the end of a role's wording: `aut` of `Author (aut)`.
fn bracketed_code(wording: &str) -> Option<&str> {
    let (_, code) = wording.trim().strip_suffix(')')?.rsplit_once('(')?;
    Some(code.trim())
}

/// EAD 2002 `physdesc` holding one `extent` (with `@unit` at most); EAD3 `physdesc` of
/// text alone; each with `@altrender`.
fn extent(n: Node, v: Version) -> Option<Extent> {
    if !attrs_within(n, &["altrender"]) {
        return None;
    }
    let altrender = n.attribute("altrender").map(str::to_string);
    match v {
        // A statement of extent as the physdesc's text alone (Toolkit and Archon exports):
        // noted in the spelling, so that the EAD 2002 writer writes no extent element.
        Version::Ead2002 if text_only(n) && !text_of(n).is_empty() => {
            let mut x = Extent {
                text: text_of(n),
                ..Extent::default()
            };
            x.attributes.altrender = altrender;
            x.spelling.insert("extent".into(), String::new());
            Some(x)
        }
        Version::Ead2002 => {
            let kids = elements(n)?;
            let [e] = kids.as_slice() else {
                return None;
            };
            if e.tag_name().name() != "extent"
                || !attrs_within(*e, &["unit", "altrender"])
                || !text_only(*e)
            {
                return None;
            }
            let mut x = Extent {
                text: text_of(*e),
                unit: e.attribute("unit").map(str::to_string),
                ..Extent::default()
            };
            x.attributes.altrender = e.attribute("altrender").map(str::to_string);
            if let Some(a) = altrender {
                x.spelling.insert("physdesc.altrender".into(), a);
            }
            Some(x)
        }
        Version::Ead3 => text_only(n).then(|| {
            let mut x = Extent {
                text: text_of(n),
                ..Extent::default()
            };
            x.attributes.altrender = altrender;
            x
        }),
    }
}

/// `langmaterial` holding `language` elements alone, each with `@langcode`.
fn languages(n: Node, v: Version) -> Option<Vec<Language>> {
    if n.attributes().len() != 0 {
        return None;
    }
    let mut out = Vec::new();
    for l in elements(n)? {
        // The language and its script: EAD 2002 gives the script as `@scriptcode`, EAD3
        // pairs the language with a `script` in a `languageset`.
        let (lang, script) = match (l.tag_name().name(), v) {
            ("language", Version::Ead2002) => (l, l.attribute("scriptcode")),
            ("language", Version::Ead3) => (l, None),
            ("languageset", Version::Ead3) => {
                let [lang, script] = elements(l)?[..] else {
                    return None;
                };
                let plain_script = script.tag_name().name() == "script"
                    && attrs_within(script, &["scriptcode"])
                    && !script.has_children();
                if l.attributes().len() != 0
                    || lang.tag_name().name() != "language"
                    || !plain_script
                {
                    return None;
                }
                (lang, Some(script.attribute("scriptcode")?))
            }
            _ => return None,
        };
        let own: &[&str] = match v {
            Version::Ead2002 => &["langcode", "scriptcode"],
            Version::Ead3 => &["langcode"],
        };
        if !attrs_within(lang, own) || !text_only(lang) {
            return None;
        }
        let name = text_of(lang);
        out.push(Language {
            code: lang.attribute("langcode")?.to_string(),
            name: (!name.is_empty()).then_some(name),
            script: script.map(str::to_string),
            ..Language::default()
        });
    }
    (!out.is_empty()).then_some(out)
}

/// `repository` holding one name.
fn repository(n: Node, src: &Source) -> Option<Agent> {
    if n.attributes().len() != 0 {
        return None;
    }
    let kids = elements(n)?;
    let [name] = kids.as_slice() else {
        return None;
    };
    let kind = agent_kind(name.tag_name().name())?;
    let (text, source, id) = name_parts(*name, src.version(), &[])?;
    let mut a = Agent {
        name: text,
        kind,
        role: Role::Repository,
        ..Agent::default()
    };
    agent_authority(source, id, &mut a);
    Some(a)
}

/// Every `container` of `did`, when the writer writes each back as it was: a container's
/// `@id` and `@parent` are written only where they name the record's containers, so they
/// are mapped all together or not at all.
fn containers(src: &Source, did: Node, v: Version) -> Option<Vec<Container>> {
    let t = v.type_attr();
    let nodes: Vec<Node> = did
        .children()
        .filter(|c| c.is_element() && c.tag_name().name() == "container")
        .collect();
    if nodes.is_empty() {
        return None;
    }
    let mut all = Vec::with_capacity(nodes.len());
    for c in &nodes {
        if !attrs_within(*c, &[t, "label", "id", "parent"]) || !text_only(*c) {
            return None;
        }
        let s = |a: &str| c.attribute(a).map(str::to_string);
        all.push(Container {
            kind: s(t),
            label: s("label"),
            value: text_of(*c),
            id: s("id"),
            parent: s("parent"),
            ..Container::default()
        });
    }
    let mut scratch = W::scratch(v);
    nodes
        .iter()
        .enumerate()
        .all(|(i, c)| {
            src.ctx
                .writes_back(*c, &w::container(&all, i, &mut scratch))
        })
        .then_some(all)
}

/// `physloc` of text alone, with its kind as `@type`/`@localtype`.
fn physloc(n: Node, v: Version) -> Option<PhysicalLocation> {
    let t = v.type_attr();
    (attrs_within(n, &[t]) && text_only(n)).then(|| PhysicalLocation {
        text: text_of(n),
        kind: n.attribute(t).map(str::to_string),
        ..PhysicalLocation::default()
    })
}

/// `dao`: EAD 2002 with XLink `href`, `role`, `title` (and `type`), EAD3 with `@daotype`,
/// `@otherdaotype`, `@href`, `@linktitle`; a description of one paragraph.
fn dao(n: Node, v: Version, dtd: bool) -> Option<DigitalObject> {
    let (href, role, title, note) = match v {
        Version::Ead2002 => {
            let x = |a: &str| link_attr(n, dtd, a).map(str::to_string);
            (x("href")?, x("role"), x("title"), "daodesc")
        }
        Version::Ead3 => {
            let a = |a: &str| n.attribute(a).map(str::to_string);
            let role = match n.attribute("daotype")? {
                "otherdaotype" => a("otherdaotype"),
                d => Some(d.to_string()),
            };
            (a("href")?, role, a("linktitle"), "descriptivenote")
        }
    };
    // The link's behaviour, in XLink's spelling (the DTD form's and EAD3's turned into it).
    let (show, actuate) = match v {
        Version::Ead2002 if dtd => {
            let x = |a: &str| {
                n.attribute(a)
                    .map(|v| crate::ead::frag::dtd_link_value(a, v))
            };
            (x("show"), x("actuate"))
        }
        Version::Ead2002 => {
            let x = |a: &str| n.attribute_ns(XLINK_NS, a).map(str::to_string);
            (x("show"), x("actuate"))
        }
        Version::Ead3 => {
            let actuate = n.attribute("actuate").map(|a| {
                values::LINK_ACTUATE
                    .iter()
                    .find(|(_, three)| *three == a)
                    .map_or(a, |(xlink, _)| xlink)
                    .to_string()
            });
            (n.attribute("show").map(str::to_string), actuate)
        }
    };
    let description = match elements(n)?.as_slice() {
        [] => None,
        [d] if d.tag_name().name() == note && d.attributes().len() == 0 => {
            match elements(*d)?.as_slice() {
                [p] if p.tag_name().name() == "p" && p.attributes().len() == 0 && text_only(*p) => {
                    Some(text_of(*p))
                }
                _ => return None,
            }
        }
        _ => return None,
    };
    Some(DigitalObject {
        href,
        role,
        title,
        description,
        show,
        actuate,
        ..DigitalObject::default()
    })
}

/// An EAD 2002 XLink attribute (`href`, `role`, `title`): prefixed `xlink:`, or
/// unprefixed in the DTD form.
pub(super) fn link_attr<'a>(n: Node<'a, '_>, dtd: bool, name: &str) -> Option<&'a str> {
    if dtd {
        n.attribute(name)
    } else {
        n.attribute_ns(XLINK_NS, name)
    }
}
