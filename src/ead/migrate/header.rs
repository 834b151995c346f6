//! `eadheader` (and `frontmatter/titlepage`) → EAD3 `control`.
//!
//! | EAD 2002 | EAD3 |
//! |---|---|
//! | `eadid` (`@url`, `@countrycode`, `@mainagencycode`) | `recordid` (`@instanceurl`); `maintenanceagency` (`@countrycode`, `agencycode`) |
//! | `filedesc` | `filedesc` (same parts) |
//! | `@findaidstatus` | `publicationstatus` where its value is EAD3's, else ledgered |
//! | `profiledesc/creation` | `maintenanceevent` of type `created` |
//! | `profiledesc/langusage/language` | `languagedeclaration` (`language`, `script`) |
//! | `profiledesc/descrules` | `conventiondeclaration/citation` |
//! | `revisiondesc/change` (`date`, `item`) | `maintenanceevent` of type `revised` |
//! | `frontmatter/titlepage` | `filedesc`: titles, authors, sponsors to `titlestmt`, publisher, date, number and address to `publicationstmt`, paragraphs to `notestmt` |
//!
//! EAD3 requires what EAD 2002 did not: `maintenancestatus` (written `derived`, this
//! being a derived record), an agency name (the publisher's, else the agency code) and a
//! maintenance event; every value supplied is ledgered.

use super::{Mig, Piece};
use crate::ledger::LossKind;
use crate::xml::{text_of, El, Node, OutNode as Out};

fn el_children<'a, 'i>(n: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(|c| c.is_element())
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    el_children(n).find(|c| c.tag_name().name() == name)
}

/// The converted children of `n` placed under EAD3 `parent`.
fn converted(m: &mut Mig, n: Node, parent: &str) -> Vec<Out> {
    let mut pieces = Vec::new();
    for k in n.children() {
        pieces.extend(m.to3(k, parent));
    }
    m.settle(pieces, parent)
}

fn one(m: &mut Mig, n: Node, parent: &str) -> Vec<Out> {
    let pieces = m.to3(n, parent);
    m.settle(pieces, parent)
}

/// `front_at`: where `front` was read, for the ledger entries about it.
pub(in crate::ead) fn control_from_2002(
    m: &mut Mig,
    h: Node,
    front: Option<Node>,
    front_at: Option<(String, Option<u32>)>,
) -> El {
    let mut control = El::new("control");
    for a in h.attributes() {
        if a.name() == "findaidstatus" {
            continue;
        }
        let mut attrs = std::mem::take(&mut control.attrs);
        m.attr3(
            "eadheader",
            "control",
            a.namespace(),
            a.name(),
            a.value(),
            &mut attrs,
        );
        control.attrs = attrs;
    }
    // recordid
    let eadid = child(h, "eadid");
    let mut rid = El::new("recordid");
    let mut agency_code = None;
    let mut country = None;
    match eadid {
        Some(e) => {
            rid = rid.push_text(&text_of(e));
            for a in e.attributes() {
                match a.name() {
                    "url" => rid = rid.attr("instanceurl", a.value()),
                    "mainagencycode" => agency_code = Some(a.value().to_string()),
                    "countrycode" => country = Some(a.value().to_string()),
                    "encodinganalog" | "id" | "audience" => {
                        rid = rid.attr(a.name().to_string(), a.value())
                    }
                    _ => m.loss(
                        LossKind::Dropped,
                        format!("EAD3 recordid has no @{} (eadid)", a.name()),
                        a.value(),
                    ),
                }
            }
            if text_of(e).is_empty() {
                rid.kids.push(Out::Text("unknown".into()));
                m.loss(
                    LossKind::Supplied,
                    "EAD3 recordid needs text: wrote 'unknown'",
                    "unknown",
                );
            }
        }
        None => {
            rid.kids.push(Out::Text("unknown".into()));
            m.loss(
                LossKind::Supplied,
                "EAD3 requires recordid: wrote 'unknown'",
                "unknown",
            );
        }
    }
    control.push(rid);
    // filedesc, with what the title page adds
    let mut fd = match child(h, "filedesc") {
        Some(f) => {
            let mut el = El::new("filedesc");
            for a in f.attributes() {
                let mut attrs = std::mem::take(&mut el.attrs);
                m.attr3(
                    "filedesc",
                    "filedesc",
                    a.namespace(),
                    a.name(),
                    a.value(),
                    &mut attrs,
                );
                el.attrs = attrs;
            }
            el.kids = converted(m, f, "filedesc");
            el
        }
        None => El::new("filedesc"),
    };
    if let Some(fm) = front {
        let here = (m.path.clone(), m.line);
        if let Some((p, l)) = front_at {
            (m.path, m.line) = (p, l);
        }
        titlepage(m, fm, &mut fd);
        (m.path, m.line) = here;
    }
    order_filedesc(m, &mut fd);
    let publisher = find_text(&fd, &["publicationstmt", "publisher"]);
    control.push(fd);
    control.push(El::new("maintenancestatus").attr("value", "derived"));
    m.loss(
        LossKind::Supplied,
        "EAD3 requires maintenancestatus: wrote 'derived' (migrated from EAD 2002)",
        "derived",
    );
    if let Some(st) = h.attribute("findaidstatus") {
        match st {
            "inprocess" | "approved" | "published" => {
                control.push(El::new("publicationstatus").attr("value", st));
            }
            _ => m.loss(
                LossKind::Dropped,
                format!("EAD3 publicationstatus does not take '{st}' (eadheader/@findaidstatus)"),
                st,
            ),
        }
    }
    let mut agency = El::new("maintenanceagency").attr_opt("countrycode", country.as_deref());
    if let Some(code) = &agency_code {
        agency.push(El::text("agencycode", code));
    }
    let name = publisher
        .or_else(|| agency_code.clone())
        .unwrap_or_else(|| {
            m.loss(
                LossKind::Supplied,
                "EAD3 requires an agency name: wrote 'unknown'",
                "unknown",
            );
            "unknown".into()
        });
    agency.push(El::text("agencyname", &name));
    control.push(agency);
    let mut events = Vec::new();
    if let Some(pd) = child(h, "profiledesc") {
        for k in el_children(pd) {
            match k.tag_name().name() {
                "creation" => events.push(event(m, "created", k, child(k, "date"), None)),
                "langusage" => control.kids.extend(languages(m, k)),
                "descrules" => {
                    let mut citation = El::new("citation");
                    citation.kids = converted(m, k, "citation");
                    control.push(El::new("conventiondeclaration").child(citation));
                }
                _ => {
                    m.loss(
                        LossKind::Dropped,
                        format!(
                            "EAD3 control has no place for profiledesc/{}",
                            k.tag_name().name()
                        ),
                        &text_of(k),
                    );
                }
            }
        }
    }
    if let Some(rd) = child(h, "revisiondesc") {
        for k in el_children(rd) {
            match k.tag_name().name() {
                "change" => events.push(event(m, "revised", k, child(k, "date"), Some("item"))),
                _ => events.push(event(m, "revised", k, None, None)),
            }
        }
    }
    if events.is_empty() {
        let mut ev = El::new("maintenanceevent");
        ev.push(El::new("eventtype").attr("value", "derived"));
        ev.push(El::text("eventdatetime", "unknown"));
        ev.push(El::new("agenttype").attr("value", "machine"));
        ev.push(El::text("agent", "crosswalk"));
        m.loss(
            LossKind::Supplied,
            "EAD3 requires a maintenance event: wrote one for this migration",
            "",
        );
        events.push(ev);
    }
    let mut hist = El::new("maintenancehistory");
    for e in events {
        hist.push(e);
    }
    control.push(hist);
    // Anything else the header held.
    for k in el_children(h) {
        if !matches!(
            k.tag_name().name(),
            "eadid" | "filedesc" | "profiledesc" | "revisiondesc"
        ) {
            m.loss(
                LossKind::Dropped,
                format!(
                    "EAD3 control has no place for eadheader/{}",
                    k.tag_name().name()
                ),
                &text_of(k),
            );
        }
    }
    order_control(&mut control);
    control
}

/// A maintenance event from `creation` or `change`: its text (less the date) is the
/// event's description.
fn event(m: &mut Mig, kind: &str, n: Node, date: Option<Node>, desc: Option<&str>) -> El {
    let mut ev = El::new("maintenanceevent");
    ev.push(El::new("eventtype").attr("value", kind));
    let mut dt = El::new("eventdatetime");
    match date {
        Some(d) => {
            dt = dt.push_text(&text_of(d));
            if let Some(norm) = d.attribute("normal") {
                if iso_datetime(norm) {
                    dt = dt.attr("standarddatetime", norm);
                } else {
                    m.loss(
                        LossKind::Dropped,
                        format!("EAD3 @standarddatetime takes an ISO 8601 date or time: '{norm}' is not one"),
                        norm,
                    );
                }
            }
        }
        None => {
            dt = dt.push_text("unknown");
            m.loss(
                LossKind::Supplied,
                "EAD3 maintenance events need a date: wrote 'unknown'",
                "unknown",
            );
        }
    }
    ev.push(dt);
    ev.push(El::new("agenttype").attr("value", "unknown"));
    ev.push(El::text("agent", "unknown"));
    m.loss(
        LossKind::Supplied,
        "EAD3 maintenance events need an agent: wrote 'unknown'",
        "unknown",
    );
    let mut text = String::new();
    for k in n.children() {
        if date.is_some_and(|d| d == k) {
            continue;
        }
        if desc.is_none() || k.is_text() || k.tag_name().name() == desc.unwrap_or("") {
            let t = crate::xml::text_of_str(&runs(k));
            if !t.is_empty() {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&t);
            }
        } else if k.is_element() {
            let t = crate::xml::text_of_str(&runs(k));
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&t);
        }
    }
    if !text.is_empty() {
        ev.push(El::text("eventdescription", &text));
        m.loss(
            LossKind::Flattened,
            format!(
                "EAD 2002 {} written as the text of an EAD3 eventdescription",
                n.tag_name().name()
            ),
            &runs(n),
        );
    }
    ev
}

/// `langusage` → one `languagedeclaration` a language; EAD3 wants a script with each,
/// which 2002 did not record: `Zyyy` (undetermined script), ledgered. Prose without a
/// `language` becomes one declaration's note.
fn languages(m: &mut Mig, n: Node) -> Vec<Out> {
    let mut out = Vec::new();
    let langs: Vec<Node> = el_children(n)
        .filter(|k| k.tag_name().name() == "language")
        .collect();
    let note = crate::xml::text_of_str(&runs(n));
    for (i, l) in langs.iter().enumerate() {
        let mut decl = El::new("languagedeclaration");
        let lang = one(m, *l, "languagedeclaration");
        decl.kids.extend(lang);
        let code = l.attribute("scriptcode").unwrap_or("Zyyy");
        if l.attribute("scriptcode").is_none() {
            m.loss(
                LossKind::Supplied,
                "EAD3 languagedeclaration needs a script: wrote 'Zyyy' (undetermined)",
                "Zyyy",
            );
        }
        decl.push(El::new("script").attr("scriptcode", code));
        if i == 0 && !note.is_empty() {
            decl.push(El::new("descriptivenote").child(El::text("p", &note)));
            m.loss(
                LossKind::Flattened,
                "EAD 2002 langusage written as the text of an EAD3 languagedeclaration note",
                &runs(n),
            );
        }
        out.push(Out::El(decl));
    }
    if langs.is_empty() && !note.is_empty() {
        // Languages named in prose only: the declaration says so in its note, with a
        // language and script left unnamed (EAD3 requires both elements, not their codes).
        out.push(Out::El(
            El::new("languagedeclaration")
                .child(El::new("language"))
                .child(El::new("script"))
                .child(El::new("descriptivenote").child(El::text("p", &note))),
        ));
        m.loss(
            LossKind::Flattened,
            "EAD 2002 langusage names no language element: its text written as the note of an EAD3 languagedeclaration with an empty language and script",
            &runs(n),
        );
    }
    out
}

/// Title page content into `filedesc` where EAD3 has a place for it.
fn titlepage(m: &mut Mig, fm: Node, fd: &mut El) {
    let mut title = Vec::new();
    let mut publication = Vec::new();
    let mut notes = Vec::new();
    let pages: Vec<Node> = el_children(fm).collect();
    for page in pages {
        let holder = if page.tag_name().name() == "titlepage" {
            page
        } else {
            // frontmatter/div: headings and paragraphs, as notes.
            notes.push(page);
            continue;
        };
        for k in el_children(holder) {
            match k.tag_name().name() {
                "titleproper" | "subtitle" | "author" | "sponsor" => title.push(k),
                "publisher" | "date" | "num" | "address" => publication.push(k),
                _ => notes.push(k),
            }
        }
    }
    let mut ts = take(fd, "titlestmt");
    for k in title {
        ts.kids.extend(one(m, k, "titlestmt"));
    }
    if !ts.kids.is_empty() {
        fd.push(ts);
    }
    if !publication.is_empty() {
        let mut ps = take(fd, "publicationstmt");
        for k in publication {
            ps.kids.extend(one(m, k, "publicationstmt"));
        }
        fd.push(ps);
    }
    if !notes.is_empty() {
        let mut ns = take(fd, "notestmt");
        for k in notes {
            let mut cn = El::new("controlnote");
            let pieces = m.to3(k, "controlnote");
            let mut kids: Vec<Piece> = Vec::new();
            for p in pieces {
                match p {
                    Piece::Node(Out::El(e))
                        if matches!(
                            &*e.name,
                            "p" | "list" | "table" | "chronlist" | "blockquote"
                        ) =>
                    {
                        kids.push(Piece::Node(Out::El(e)))
                    }
                    Piece::Node(Out::El(e)) => {
                        // A heading or another element: its text as a paragraph.
                        let mut p = El::new("p");
                        p.kids = m.settle(e.kids.into_iter().map(Piece::Node).collect(), "p");
                        kids.push(Piece::Node(Out::El(p)));
                    }
                    other => kids.push(other),
                }
            }
            cn.kids = m.settle(kids, "controlnote");
            if !cn.kids.is_empty() {
                ns.push(cn);
            }
        }
        if !ns.kids.is_empty() {
            fd.push(ns);
        }
    }
}

/// Removes and returns `fd`'s child `name` (a new one if it has none).
fn take(fd: &mut El, name: &str) -> El {
    match fd
        .kids
        .iter()
        .position(|k| matches!(k, Out::El(e) if e.name == name))
    {
        Some(i) => match fd.kids.remove(i) {
            Out::El(e) => e,
            _ => El::new(name.to_string()),
        },
        None => El::new(name.to_string()),
    }
}

/// `filedesc` children in EAD3's order; a `titlestmt` with a `titleproper` first.
fn order_filedesc(m: &mut Mig, fd: &mut El) {
    const ORDER: &[&str] = &[
        "titlestmt",
        "editionstmt",
        "publicationstmt",
        "seriesstmt",
        "notestmt",
    ];
    sort_by(fd, ORDER);
    // One notestmt, holding every note.
    let mut ns = take(fd, "notestmt");
    while fd
        .kids
        .iter()
        .any(|k| matches!(k, Out::El(e) if e.name == "notestmt"))
    {
        ns.kids.extend(take(fd, "notestmt").kids);
    }
    if !ns.kids.is_empty() {
        fd.push(ns);
        sort_by(fd, ORDER);
    }
    let mut ts = take(fd, "titlestmt");
    if !ts
        .kids
        .iter()
        .any(|k| matches!(k, Out::El(e) if e.name == "titleproper"))
    {
        ts.kids
            .insert(0, Out::El(El::text("titleproper", "untitled")));
        m.loss(
            LossKind::Supplied,
            "EAD3 requires a titleproper: wrote 'untitled'",
            "untitled",
        );
    }
    sort_by(&mut ts, &["titleproper", "subtitle", "author", "sponsor"]);
    fd.kids.insert(0, Out::El(ts));
}

fn order_control(c: &mut El) {
    const ORDER: &[&str] = &[
        "recordid",
        "otherrecordid",
        "representation",
        "filedesc",
        "maintenancestatus",
        "publicationstatus",
        "maintenanceagency",
        "languagedeclaration",
        "conventiondeclaration",
        "rightsdeclaration",
        "localtypedeclaration",
        "localcontrol",
        "maintenancehistory",
        "sources",
    ];
    sort_by(c, ORDER);
}

fn sort_by(el: &mut El, order: &[&str]) {
    let rank = |k: &Out| match k {
        Out::El(e) => order
            .iter()
            .position(|n| *n == e.name)
            .unwrap_or(order.len()),
        _ => order.len(),
    };
    el.kids.sort_by_key(rank);
}

/// The text of the first element at `path` below `el`.
fn find_text(el: &El, path: &[&str]) -> Option<String> {
    let (first, rest) = path.split_first()?;
    el.kids.iter().find_map(|k| match k {
        Out::El(e) if e.name == *first => {
            if rest.is_empty() {
                let t = crate::xml::text_of_str(&super::plain(e));
                (!t.is_empty()).then_some(t)
            } else {
                find_text(e, rest)
            }
        }
        _ => None,
    })
}

/// An ISO 8601 date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) or date and time, as EAD3's
/// `@standarddatetime` takes (years up to 2099).
fn iso_datetime(v: &str) -> bool {
    let (date, time) = v.split_once('T').map_or((v, None), |(d, t)| (d, Some(t)));
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let date_ok = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    } && parts[0] <= "2099"
        && parts.get(1).is_none_or(|m| ("01"..="12").contains(m))
        && parts.get(2).is_none_or(|d| ("01"..="31").contains(d));
    date_ok
        && time.is_none_or(|t| {
            parts.len() == 3 && t.len() >= 8 && t.as_bytes()[2] == b':' && t.as_bytes()[5] == b':'
        })
}

/// Every text node of `n`, each its own run of words (as a ledger gives them).
pub(super) fn runs(n: Node) -> String {
    let mut s = String::new();
    for d in n.descendants().filter(|d| d.is_text()) {
        s.push_str(d.text().unwrap_or(""));
        s.push(' ');
    }
    s
}
