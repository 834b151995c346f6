//! EAD3 → EAD 2002: the EAD3 tag library's changes read backwards ([`tables`] right to
//! left). EAD3's `part` is unwrapped into its name's text, its link attributes become
//! XLink, `daoset` a `daogrp` of `daoloc`s, the structured dates and physical
//! descriptions their 2002 text forms, `control` an `eadheader`. What EAD 2002 has no
//! place for is unwrapped (its text kept) or ledgered with its text; what is written is
//! checked against EAD 2002's content tables, generated from its `ead.rng`.

use super::frag::LINK_ELEMENTS;
use super::migrate::tables;
use super::migrate::{Mig, Piece};
use crate::format::{XLINK_NS, XML_NS};
use crate::ledger::LossKind;
use crate::xml::{text_of, El, Node, OutNode as Out};

/// EAD3 elements with a 2002 name of their own, by context where it matters.
fn renamed2(name3: &str, parent: &str, n: Node) -> &'static str {
    let has = |a: &str| n.attribute(a).is_some();
    match name3 {
        "recordid" => "eadid",
        "descriptivenote" if matches!(parent, "dao" | "daogrp" | "daoloc") => "daodesc",
        "daoset" => "daogrp",
        "dao" if parent == "daogrp" => "daoloc",
        "ref" if has("href") => "extref",
        "ptr" if has("href") => "extptr",
        "chronitemset" => "eventgrp",
        "datesingle" | "daterange" | "dateset" => "date",
        "didnote" | "footnote" | "controlnote" => "note",
        "unitdatestructured" => "unitdate",
        "physdescstructured" | "physdescset" => "physdesc",
        "quantity" | "unittype" => "",
        _ => leak(name3),
    }
}

/// The name as a `'static` str: every name reaching here is one of the generated
/// tables' or the input's; the few input names are interned once.
fn leak(name: &str) -> &'static str {
    super::migrate::content(name).map(|c| c.name).unwrap_or("")
}

pub(super) fn fragment(m: &mut Mig, root: Node, parent: &str) -> Vec<Out> {
    let pieces = if root.tag_name().name() == "control" {
        vec![Piece::Node(Out::El(eadheader(m, root)))]
    } else {
        to2(m, root, parent)
    };
    m.settle(pieces, parent)
}

/// Attribute fragments of a container (`archdesc/@localtype`).
pub(super) fn attributes(
    m: &mut Mig,
    element: &str,
    pairs: Vec<(String, String)>,
) -> Vec<(crate::xml::Name, String)> {
    let mut out = Vec::new();
    for (k, v) in pairs {
        if k.starts_with("xmlns") {
            continue;
        }
        if k.contains(':') {
            m.loss(
                LossKind::Dropped,
                format!("EAD 2002 has no @{k} on <{element}>"),
                &v,
            );
            continue;
        }
        attr2(m, element, element, &k, &v, &mut out);
    }
    out
}

fn to2(m: &mut Mig, n: Node, parent: &str) -> Vec<Piece> {
    if n.is_text() {
        return vec![Piece::Node(Out::Text(n.text().unwrap_or("").to_string()))];
    }
    if !n.is_element() {
        return vec![Piece::Node(Out::Raw(crate::xml::serialize_node(n)))];
    }
    let name3 = n.tag_name().name();
    let ns = n.tag_name().namespace();
    if ns.is_some_and(|u| u != crate::format::EAD3_NS && u != crate::format::EAD3_UNDEPRECATED_NS) {
        m.loss(
            LossKind::Dropped,
            format!(
                "EAD 2002 has no place for <{name3}> in namespace {}",
                ns.unwrap_or("")
            ),
            &crate::xml::text_runs(&crate::xml::serialize_node(n)),
        );
        return Vec::new();
    }
    match name3 {
        "objectxmlwrap"
        | "relations"
        | "localcontrol"
        | "rightsdeclaration"
        | "sources"
        | "localtypedeclaration" => {
            // No EAD 2002 counterpart: a note where text may stand, else the ledger.
            let t = crate::xml::text_of_str(&runs(n));
            m.loss(LossKind::Dropped, format!("EAD 2002 has no {name3}"), &t);
            return Vec::new();
        }
        "unitdatestructured" => return vec![Piece::Node(Out::El(unitdate(m, n)))],
        "physdescstructured" | "physdescset" => return vec![Piece::Node(Out::El(physdesc(m, n)))],
        "daterange" | "dateset" | "datesingle" => {
            let mut el = El::text("date", &crate::xml::text_of_str(&date_text(m, n)));
            let std: Vec<&str> = n
                .descendants()
                .filter(|d| d.is_element())
                .filter_map(|d| d.attribute("standarddate"))
                .collect();
            if let Some(v) = normal(m, &std, name3 == "daterange") {
                el = el.attr("normal", &v);
            }
            return vec![Piece::Node(Out::El(el))];
        }
        "languageset" => {
            // The languages of a set, each with the set's script as its @scriptcode where
            // the set has one; anything else is ledgered.
            let scripts: Vec<Node> = n.children().filter(|k| k.has_tag_name("script")).collect();
            let code = match scripts.as_slice() {
                [s] => s.attribute("scriptcode"),
                _ => None,
            };
            let mut out = Vec::new();
            for k in n.children().filter(|k| k.is_element()) {
                match k.tag_name().name() {
                    "language" => {
                        for mut p in to2(m, k, parent) {
                            if let (Some(sc), Piece::Node(Out::El(e))) = (code, &mut p) {
                                if e.name == "language"
                                    && !e.attrs.iter().any(|(a, _)| a == "scriptcode")
                                {
                                    e.attrs.push(("scriptcode".into(), sc.into()));
                                }
                            }
                            out.push(p);
                        }
                    }
                    "script" if code.is_some() => {
                        let name = text_of(k);
                        if !name.is_empty() {
                            m.loss(
                                LossKind::Dropped,
                                "EAD 2002 gives a language's script as @scriptcode, without its name",
                                &name,
                            );
                        }
                    }
                    other => m.loss(
                        LossKind::Dropped,
                        format!("EAD 2002 langmaterial has no {other}"),
                        &format!("{} {}", k.attribute("scriptcode").unwrap_or(""), text_of(k)),
                    ),
                }
            }
            return out;
        }
        _ => {}
    }
    let mut name2 = renamed2(name3, parent, n);
    if matches!(name2, "extref" | "extptr") && !m.model(parent).is_some_and(|c| c.holds(name2)) {
        // Where 2002 has no external link, its ref and ptr carry XLink as well.
        name2 = if name2 == "extref" { "ref" } else { "ptr" };
    }
    let Some(c) = m.model(name2).filter(|_| !name2.is_empty()) else {
        m.loss(
            LossKind::Flattened,
            format!("EAD 2002 has no <{name3}>: its content is kept without it"),
            &text_of(n),
        );
        let mut kids = Vec::new();
        for k in n.children() {
            kids.extend(to2(m, k, parent));
        }
        kids.insert(0, Piece::Node(Out::Text(" ".into())));
        kids.push(Piece::Node(Out::Text(" ".into())));
        return kids;
    };
    let mut el = El::new(name2);
    let mut attrs = Vec::new();
    for a in n.attributes() {
        match a.namespace() {
            None => attr2(m, name3, name2, a.name(), a.value(), &mut attrs),
            Some(XML_NS) | Some(XLINK_NS) | Some(_) => m.loss(
                LossKind::Dropped,
                format!("EAD 2002 has no @{} on <{name2}>", a.name()),
                a.value(),
            ),
        }
    }
    el.attrs = attrs;
    let mut kids = Vec::new();
    for k in n.children() {
        kids.extend(to2(m, k, name2));
    }
    let _ = c;
    el.kids = m.settle(kids, name2);
    if matches!(name2, "dao" | "daogrp" | "daoloc") {
        // EAD 2002 has the description first, EAD3 last.
        if let Some(i) = el
            .kids
            .iter()
            .position(|k| matches!(k, Out::El(e) if e.name == "daodesc"))
        {
            let d = el.kids.remove(i);
            el.kids.insert(0, d);
        }
    }
    let el = m.finish3(el);
    vec![Piece::Node(Out::El(el))]
}

/// One attribute of an EAD3 element `name3`, written as EAD 2002 on `name2`.
fn attr2(
    m: &mut Mig,
    name3: &str,
    name2: &str,
    local: &str,
    value: &str,
    out: &mut Vec<(crate::xml::Name, String)>,
) {
    let link = LINK_ELEMENTS.contains(&name2);
    let target: String = match local {
        "localtype" | "listtype" | "unitdatetype" | "dsctype" => "type".into(),
        "identifier" if name2 != "unitid" => "authfilenumber".into(),
        "relator" => "role".into(),
        "standarddate" => "normal".into(),
        "href" | "arcrole" | "actuate" | "show" if link => format!("xlink:{local}"),
        "linktitle" if link => "xlink:title".into(),
        "linkrole" if link => "xlink:role".into(),
        _ => local.into(),
    };
    let Some(c) = m.model(name2) else {
        return;
    };
    if target == "level" && !levels().contains(&value) {
        level2(m, name2, value, out);
        return;
    }
    let Some((_, values)) = c.attributes.iter().find(|(a, _)| *a == target) else {
        m.loss(
            LossKind::Dropped,
            format!("EAD 2002 has no @{target} on <{name2}> (EAD3 @{local} on <{name3}>)"),
            value,
        );
        return;
    };
    if out.iter().any(|(k, _)| *k == target) {
        m.loss(
            LossKind::Dropped,
            format!("@{local} and another attribute are both EAD 2002 @{target} on <{name2}>"),
            value,
        );
        return;
    }
    if let Some(ok) = super::migrate::datatype_fits(values, value) {
        if ok {
            out.push((target.into(), value.to_string()));
        } else {
            m.loss(
                LossKind::Dropped,
                format!("EAD 2002 @{target} on <{name2}> does not take '{value}'"),
                value,
            );
        }
        return;
    }
    let mut v = tables::VALUES
        .iter()
        .find(|(a, _, to)| {
            (*a == local || (*a == "listtype" && local == "listtype")) && *to == value
        })
        .map_or_else(|| value.to_string(), |(_, from, _)| from.to_string());
    if local == "actuate" || local == "show" {
        v = match value {
            "onload" => "onLoad".into(),
            "onrequest" => "onRequest".into(),
            other => other.to_string(),
        };
    }
    if !values.is_empty() && !values.contains(&v.as_str()) {
        match values.iter().find(|x| x.eq_ignore_ascii_case(&v)) {
            Some(x) => v = x.to_string(),
            None => {
                if target == "type" && name2 == "dsc" && values.contains(&"othertype") {
                    out.push((target.into(), "othertype".into()));
                    return;
                }
                m.loss(
                    LossKind::Dropped,
                    format!("EAD 2002 @{target} on <{name2}> does not take '{value}'"),
                    value,
                );
                return;
            }
        }
    }
    out.push((target.into(), v));
    if link && !out.iter().any(|(k, _)| k == "xlink:type") {
        if let Some((_, kinds)) = c.attributes.iter().find(|(a, _)| *a == "xlink:type") {
            if let Some(k) = kinds.first() {
                out.push(("xlink:type".into(), k.to_string()));
            }
        }
    }
}

/// EAD 2002's levels of description (`@level`, which its schema closes; the content table
/// generated from its RELAX NG has no list for it): the same as EAD3's.
fn levels() -> &'static [&'static str] {
    super::migrate::content("archdesc")
        .and_then(|c| c.attributes.iter().find(|(a, _)| *a == "level"))
        .map_or(&[], |(_, values)| values)
}

/// A `@level` EAD 2002 does not have: one of its levels spelled in other case, else
/// `otherlevel` named by the value (a name token), else, on `archdesc` (which must have a
/// level), `otherlevel` named `unspecified`; ledgered each way.
fn level2(m: &mut Mig, element: &str, value: &str, out: &mut Vec<(crate::xml::Name, String)>) {
    if let Some(l) = levels().iter().find(|l| l.eq_ignore_ascii_case(value)) {
        out.push(("level".into(), l.to_string()));
        m.loss(
            LossKind::Flattened,
            format!("EAD 2002 @level is '{l}', not '{value}'"),
            value,
        );
        return;
    }
    let name = crate::ead::values::nmtoken(value).filter(|t| !t.is_empty());
    match name {
        Some(t) => {
            m.loss(
                LossKind::Flattened,
                format!("EAD 2002 has no level '{value}': written as otherlevel '{t}'"),
                value,
            );
            out.push(("level".into(), "otherlevel".into()));
            out.push(("otherlevel".into(), t));
        }
        None if element == "archdesc" => {
            m.loss(
                LossKind::Supplied,
                format!("EAD 2002 archdesc requires a level and '{value}' is none: wrote otherlevel 'unspecified'"),
                value,
            );
            out.push(("level".into(), "otherlevel".into()));
            out.push(("otherlevel".into(), "unspecified".into()));
        }
        None => m.loss(
            LossKind::Dropped,
            format!("EAD 2002 @level does not take '{value}'"),
            value,
        ),
    }
}

/// The text of a structured date: its single dates and ranges as written.
fn date_text(m: &mut Mig, n: Node) -> String {
    // A range reads "from-to", as EAD 2002 dates are written.
    let ranges: Vec<Node> = n
        .descendants()
        .filter(|d| d.is_element() && d.tag_name().name() == "daterange")
        .collect();
    if !ranges.is_empty() && runs(n).split_whitespace().next().is_some() {
        let part = |r: Node, name: &str| {
            r.children()
                .find(|c| c.is_element() && c.tag_name().name() == name)
                .map(text_of)
                .unwrap_or_default()
        };
        let mut out: Vec<String> = Vec::new();
        for r in ranges {
            out.push(format!("{}-{}", part(r, "fromdate"), part(r, "todate")));
        }
        let singles: Vec<String> = n
            .descendants()
            .filter(|d| d.is_element() && d.tag_name().name() == "datesingle")
            .map(text_of)
            .collect();
        out.extend(singles);
        // Its words, as they stood apart, for the ledger.
        m.loss(
            LossKind::Flattened,
            "EAD3 date range written as its from-to text",
            &runs(n),
        );
        return out.join(", ");
    }
    let t = runs(n);
    if t.trim().is_empty() {
        // Only attributes: the standard forms.
        let mut s = String::new();
        for d in n.descendants().filter(|d| d.is_element()) {
            if let Some(v) = d.attribute("standarddate") {
                s.push_str(v);
                s.push(' ');
            }
        }
        s
    } else {
        t
    }
}

/// `unitdatestructured` → `unitdate`: the text of its dates, `@normal` from their
/// standard forms (one date or a from/to range).
fn unitdate(m: &mut Mig, n: Node) -> El {
    let mut el = El::text("unitdate", &crate::xml::text_of_str(&date_text(m, n)));
    if let Some(t) = n.attribute("unitdatetype") {
        el = el.attr("type", t);
    }
    for a in [
        "datechar",
        "certainty",
        "calendar",
        "era",
        "label",
        "id",
        "altrender",
        "audience",
        "encodinganalog",
    ] {
        if let Some(v) = n.attribute(a) {
            el = el.attr(a, v);
        }
    }
    let std: Vec<&str> = n
        .descendants()
        .filter(|d| d.is_element())
        .filter_map(|d| d.attribute("standarddate"))
        .collect();
    let range = n
        .descendants()
        .any(|d| d.is_element() && d.tag_name().name() == "daterange");
    if let Some(v) = normal(m, &std, range) {
        el = el.attr("normal", &v);
    }
    el
}

/// EAD 2002's `@normal` from EAD3 standard dates: one date, or a range's two; ledgered
/// where it is neither or not in the form 2002's `@normal` takes.
fn normal(m: &mut Mig, std: &[&str], range: bool) -> Option<String> {
    let v = match (std, range) {
        ([one], false) => one.to_string(),
        ([a, b], true) => format!("{a}/{b}"),
        ([], _) => return None,
        (many, _) => {
            m.loss(
                LossKind::Flattened,
                "EAD 2002 @normal holds one date or range: a set of dates kept as text only",
                &many.join(" "),
            );
            return None;
        }
    };
    if super::migrate::datatype_fits(&["@DATE"], &v) == Some(true) {
        Some(v)
    } else {
        m.loss(
            LossKind::Dropped,
            format!("EAD 2002 @normal does not take '{v}'"),
            &v,
        );
        None
    }
}

/// `physdescstructured`/`physdescset` → `physdesc` with `extent` (quantity and unit
/// type), `dimensions` and `physfacet`.
fn physdesc(m: &mut Mig, n: Node) -> El {
    let mut el = El::new("physdesc");
    let mut extent = Vec::new();
    for k in n.descendants().filter(|d| d.is_element()) {
        match k.tag_name().name() {
            "quantity" | "unittype" => extent.push(text_of(k)),
            "dimensions" | "physfacet" => {
                el.push(El::text(k.tag_name().name().to_string(), &text_of(k)))
            }
            "descriptivenote" => {
                let t = text_of(k);
                el.kids.push(Out::Text(format!(" {t} ")));
            }
            _ => {}
        }
    }
    if !extent.is_empty() {
        el.kids
            .insert(0, Out::El(El::text("extent", &extent.join(" "))));
    }
    for a in [
        "physdescstructuredtype",
        "coverage",
        "otherphysdescstructuredtype",
    ] {
        if let Some(v) = n.attribute(a) {
            m.loss(
                LossKind::Dropped,
                format!("EAD 2002 physdesc has no @{a}"),
                v,
            );
        }
    }
    el
}

/// `control` → `eadheader`.
fn eadheader(m: &mut Mig, c: Node) -> El {
    let mut h = El::new("eadheader");
    for a in c.attributes() {
        if a.namespace().is_none() {
            attr2(m, "control", "eadheader", a.name(), a.value(), &mut h.attrs);
        }
    }
    let kids: Vec<Node> = c.children().filter(|k| k.is_element()).collect();
    let find = |name: &str| kids.iter().find(|k| k.tag_name().name() == name).copied();
    let mut eadid = El::new("eadid");
    if let Some(r) = find("recordid") {
        eadid = eadid.push_text(&text_of(r));
        if let Some(u) = r.attribute("instanceurl") {
            eadid = eadid.attr("url", u);
        }
    }
    if let Some(ag) = find("maintenanceagency") {
        if let Some(cc) = ag.attribute("countrycode") {
            eadid = eadid.attr("countrycode", cc);
        }
        for k in ag.children().filter(|k| k.is_element()) {
            match k.tag_name().name() {
                "agencycode" => {
                    eadid = eadid.attr("mainagencycode", &text_of(k));
                    m.loss(
                        LossKind::Flattened,
                        "EAD3 agencycode written as eadid/@mainagencycode",
                        &text_of(k),
                    );
                }
                _ => m.loss(
                    LossKind::Dropped,
                    format!("EAD 2002 has no maintenanceagency/{}", k.tag_name().name()),
                    &text_of(k),
                ),
            }
        }
    }
    h.push(eadid);
    match find("filedesc") {
        Some(f) => {
            for p in to2(m, f, "eadheader") {
                if let Piece::Node(Out::El(e)) = p {
                    h.push(e);
                }
            }
        }
        None => {
            h.push(El::new("filedesc").child(El::new("titlestmt").child(El::new("titleproper"))))
        }
    }
    let mut profile = El::new("profiledesc");
    let mut langusage = El::new("langusage");
    let mut revisions = El::new("revisiondesc");
    for k in &kids {
        match k.tag_name().name() {
            "recordid" | "filedesc" | "maintenanceagency" => {}
            "maintenancestatus" | "publicationstatus" => {
                // Both are empty in EAD3; text an export put in them goes to the ledger.
                let text = text_of(*k);
                match k.attribute("value") {
                    Some(v) if k.tag_name().name() == "publicationstatus" => {
                        h.attrs.push(("findaidstatus".into(), v.into()));
                        if !text.is_empty() {
                            m.loss(
                                LossKind::Dropped,
                                "EAD 2002 findaidstatus holds no text (EAD3 publicationstatus)",
                                &text,
                            );
                        }
                    }
                    value => {
                        let t = [value.unwrap_or(""), &text].join(" ");
                        if !t.trim().is_empty() {
                            m.loss(
                                LossKind::Dropped,
                                format!("EAD 2002 has no {}", k.tag_name().name()),
                                t.trim(),
                            );
                        }
                    }
                }
            }
            "languagedeclaration" => {
                for l in k.children().filter(|l| l.is_element()) {
                    match l.tag_name().name() {
                        "language" => {
                            let mut le = El::text("language", &text_of(l));
                            if let Some(code) = l.attribute("langcode") {
                                le = le.attr("langcode", code);
                            }
                            langusage.push(le);
                        }
                        "script" => {
                            if let Some(sc) = l.attribute("scriptcode") {
                                if let Some(Out::El(last)) = langusage.kids.last_mut() {
                                    last.attrs.push(("scriptcode".into(), sc.into()));
                                }
                                m.loss(
                                    LossKind::Flattened,
                                    "EAD3 script written as the language's @scriptcode",
                                    &format!("{sc} {}", text_of(l)),
                                );
                            }
                        }
                        _ => langusage.kids.push(Out::Text(format!(" {} ", text_of(l)))),
                    }
                }
            }
            "conventiondeclaration" => {
                // One descrules holds every convention.
                let t = crate::xml::text_of_str(&runs(*k));
                match profile.kids.iter_mut().find_map(|c| match c {
                    Out::El(e) if e.name == "descrules" => Some(e),
                    _ => None,
                }) {
                    Some(d) => d.kids.push(Out::Text(format!(" {t}"))),
                    None => profile.push(El::text("descrules", &t)),
                }
            }
            "maintenancehistory" => {
                for ev in k.children().filter(|e| e.is_element()) {
                    let get = |n: &str| {
                        ev.children()
                            .find(|c| c.is_element() && c.tag_name().name() == n)
                    };
                    let kind = get("eventtype")
                        .and_then(|t| t.attribute("value"))
                        .unwrap_or("");
                    let mut date = El::text(
                        "date",
                        &get("eventdatetime").map(text_of).unwrap_or_default(),
                    );
                    if let Some(sd) =
                        get("eventdatetime").and_then(|d| d.attribute("standarddatetime"))
                    {
                        // A date and time is more than 2002's @normal holds: its date.
                        let day = sd.split('T').next().unwrap_or(sd);
                        if let Some(v) = normal(m, &[day], false) {
                            date = date.attr("normal", &v);
                        }
                    }
                    let mut desc = Vec::new();
                    for part in ["eventtype", "agenttype", "agent", "eventdescription"] {
                        if let Some(p) = get(part) {
                            let t = text_of(p);
                            if !t.is_empty() {
                                desc.push(t);
                            }
                        }
                    }
                    let agent_type = get("agenttype").and_then(|t| t.attribute("value"));
                    if kind == "created"
                        && !profile
                            .kids
                            .iter()
                            .any(|k| matches!(k, Out::El(e) if e.name == "creation"))
                    {
                        let mut cr = El::new("creation").push_text(&format!("{} ", desc.join(" ")));
                        cr.push(date);
                        profile.kids.insert(0, Out::El(cr));
                    } else {
                        let mut ch = El::new("change");
                        ch.push(date);
                        ch.push(El::text("item", &format!("{kind}: {}", desc.join(" "))));
                        revisions.push(ch);
                    }
                    if let Some(t) = agent_type {
                        m.loss(LossKind::Dropped, "EAD 2002 records no agent type", t);
                    }
                }
            }
            other => {
                m.loss(
                    LossKind::Dropped,
                    format!("EAD 2002 eadheader has no place for control/{other}"),
                    &crate::xml::text_of_str(&runs(*k)),
                );
            }
        }
    }
    if !langusage.kids.is_empty() {
        profile.push(langusage);
    }
    // profiledesc order: creation, langusage, descrules
    let rank = |k: &Out| match k {
        Out::El(e) => ["creation", "langusage", "descrules"]
            .iter()
            .position(|n| *n == e.name)
            .unwrap_or(3),
        _ => 3,
    };
    profile.kids.sort_by_key(rank);
    if !profile.kids.is_empty() {
        h.push(profile);
    }
    if !revisions.kids.is_empty() {
        h.push(revisions);
    }
    h
}

/// Every text node of `n`, each its own run of words.
fn runs(n: Node) -> String {
    let mut s = String::new();
    for d in n.descendants().filter(|d| d.is_text()) {
        s.push_str(d.text().unwrap_or(""));
        s.push(' ');
    }
    s
}
