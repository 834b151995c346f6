//! Record → qualified Dublin Core in the DCMI `qualifieddc` container, valid against the
//! bundled `qualifieddc.xsd`. Each value is written as the DCMI property of its home
//! ([`super::terms`]): the property the source named when it lives there, else the
//! first of the home's properties. Encoding schemes are written as `xsi:type` where
//! `dcterms.xsd` declares them and the value is one of theirs, languages as `xml:lang`
//! (which those types prohibit). A kind no DCMI property names (a DSpace qualifier, a
//! TEI role) is written as its element and ledgered as flattened; a scheme or language
//! the schema cannot carry is ledgered as dropped.

use super::terms::{self, Home, Term};
use crate::format::{Format, DCTERMS_NS, DC_NS, XSI_NS};
use crate::ledger::{Ledger, LossKind};
use crate::model::plain::{blocks_plain, blocks_words, fragment_words, record_text};
use crate::model::*;
use crate::xml::El;

const QDC: Format = Format::Qdc;

/// The parts of the model the qdc container cannot hold (see [`crate::unwritten`]).
const QDC_UNWRITTEN: [crate::unwritten::Part; 12] = {
    use crate::unwritten::Part::*;
    [
        SpelledDetails,
        AbstractAttributes,
        Control,
        Containers,
        DigitalObjects,
        PhysicalLocations,
        MaterialSpecs,
        Attributes,
        AgentNameDetails,
        SubjectNameDetails,
        TitleMarkup,
        ExtentExtras,
    ]
};

struct W {
    root: El,
    ledger: Ledger,
}

impl W {
    fn loss(&mut self, kind: LossKind, field: String, reason: String, text: &str) {
        self.ledger.push(kind, field, QDC, reason);
        self.ledger.with_text(text);
    }

    /// Writes one value as the property of `home` the spelling names (or the home's
    /// first), with its scheme and language; `kind_key` is the model kind, ledgered when
    /// the property does not carry it.
    #[allow(clippy::too_many_arguments)]
    fn value(
        &mut self,
        field: String,
        home: Home,
        spelling: &Spelling,
        value: &str,
        scheme: Option<&str>,
        lang: Option<&str>,
        kind_lost: Option<(&str, &'static str)>,
    ) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let spelled = spelling
            .get("dc")
            .map(|s| s.rsplit(':').next().unwrap_or(s));
        let (term, fell_back): (&Term, bool) = match terms::for_home(home, spelled) {
            Some(t) => (t, false),
            // A kind no property names: its element (the dumb-down of its home).
            None => {
                let el = kind_lost.map_or("description", |(_, el)| el);
                match terms::by_name(el) {
                    Some(t) => (t, true),
                    None => return,
                }
            }
        };
        if let (true, Some((k, _))) = (fell_back, kind_lost) {
            self.loss(
                LossKind::Flattened,
                format!("{field}.kind"),
                format!(
                    "'{k}' is no DCMI property: written as dc:{}",
                    term.element.unwrap_or(term.name)
                ),
                value,
            );
        }
        if let Some(q) = spelling.get("qualifier") {
            self.loss(
                LossKind::Flattened,
                format!("{field}.qualifier"),
                format!(
                    "the qualifier '{q}' is no DCMI property: written as dc:{}",
                    term.name
                ),
                value,
            );
        }
        let prefix = match spelling.get("dc") {
            Some(s) if s.starts_with("dcterms:") => "dcterms",
            _ if term.is_element() => "dc",
            _ => "dcterms",
        };
        let mut el = El::text(format!("{prefix}:{}", term.name), value);
        let scheme = scheme.or(spelling.get("xsi:type").map(String::as_str));
        let mut typed = false;
        if let Some(s) = scheme {
            match terms::scheme_name(s).filter(|n| terms::scheme_admits(n, value)) {
                Some(n) => {
                    el = el.attr("xsi:type", &format!("dcterms:{n}"));
                    typed = true;
                }
                None => self.loss(
                    LossKind::Dropped,
                    format!("{field}.scheme"),
                    format!(
                        "the encoding scheme '{s}' is not one dcterms.xsd declares for this value: left off"
                    ),
                    s,
                ),
            }
        }
        let lang = lang.or(spelling.get("xml:lang").map(String::as_str));
        if let Some(l) = lang {
            if typed {
                self.loss(
                    LossKind::Dropped,
                    format!("{field}.lang"),
                    format!("dcterms.xsd prohibits xml:lang on a value with an encoding scheme: '{l}' left off"),
                    l,
                );
            } else if terms::is_xs_language(l) {
                el = el.attr("xml:lang", l);
            } else {
                self.loss(
                    LossKind::Dropped,
                    format!("{field}.lang"),
                    format!("'{l}' is not a language tag xml:lang can hold: left off"),
                    l,
                );
            }
        }
        self.root.push(el);
    }
}

/// Writes the record as one `qualifieddc` container.
pub fn write(r: &Record) -> (String, Ledger) {
    let root = El::new("qualifieddc")
        .attr("xmlns:dc", DC_NS)
        .attr("xmlns:dcterms", DCTERMS_NS)
        .attr("xmlns:xsi", XSI_NS);
    let mut w = W {
        root,
        ledger: Ledger::new(),
    };
    for (i, t) in r.titles.iter().enumerate() {
        let key = t.kind.key();
        w.value(
            format!("titles[{i}]"),
            Home::Title(static_key(key, "main")),
            &t.spelling,
            &t.text,
            None,
            t.lang.as_deref(),
            Some((key, "title")),
        );
    }
    for (i, a) in r.agents.iter().enumerate() {
        let key = a.role.key();
        // The holding institution is where the original is: dc:source's meaning.
        let home = match a.role {
            Role::Author => Home::Agent("creator"),
            Role::Repository => Home::Relation("source"),
            _ => Home::Agent(static_key(key, "contributor")),
        };
        let lost =
            (!matches!(a.role, Role::Author | Role::Repository)).then_some((key, "contributor"));
        w.value(
            format!("agents[{i}]"),
            home,
            &a.spelling,
            &a.name,
            None,
            None,
            lost,
        );
        if let Some(au) = &a.authority {
            let t: Vec<&str> = [au.source.as_deref(), Some(au.id.as_str())]
                .into_iter()
                .flatten()
                .collect();
            w.loss(
                LossKind::Dropped,
                format!("agents[{i}].authority"),
                "qualified DC has no authority id for a name".into(),
                &t.join(" "),
            );
        }
        if let Some(n) = &a.note {
            w.loss(
                LossKind::Dropped,
                format!("agents[{i}].note"),
                format!("the role wording '{n}' has no place in qualified DC"),
                n,
            );
        }
    }
    for (i, s) in r.subjects.iter().enumerate() {
        let key = s.kind.key();
        let fallback = match s.kind {
            SubjectKind::Place => "coverage",
            SubjectKind::GenreForm => "type",
            _ => "subject",
        };
        // A person, body or family as subject has no DCMI property of its own: it is a
        // dc:subject, its kind ledgered.
        let home = Home::Subject(static_key(key, "topic"));
        w.value(
            format!("subjects[{i}]"),
            home,
            &s.spelling,
            &s.term,
            s.vocabulary.as_deref(),
            None,
            Some((key, fallback)),
        );
        if let Some(u) = &s.uri {
            w.loss(
                LossKind::Dropped,
                format!("subjects[{i}].uri"),
                "qualified DC has no URI for a subject term".into(),
                u,
            );
        }
    }
    for (i, p) in r.places.iter().enumerate() {
        w.value(
            format!("places[{i}]"),
            Home::Subject("place"),
            &p.spelling,
            &p.name,
            None,
            None,
            None,
        );
        let mut lost = vec![p.role.key().to_string()];
        lost.extend(p.authority.as_ref().map(|a| a.id.clone()));
        w.loss(
            LossKind::Flattened,
            format!("places[{i}]"),
            "qualified DC has no role or authority for a place: written as dcterms:spatial".into(),
            &lost.join(" "),
        );
    }
    for a in &r.abstract_ {
        w.value(
            "abstract".into(),
            Home::Abstract,
            &Spelling::new(),
            a,
            None,
            None,
            None,
        );
    }
    for (i, n) in r.notes.iter().enumerate() {
        let key = n.kind.key();
        let plain = blocks_plain(&n.content);
        let text = match &n.heading {
            Some(h) => format!("{h}: {}", plain.text),
            None => plain.text.clone(),
        };
        let fallback = match n.kind {
            NoteKind::AccessRestrictions | NoteKind::UseRestrictions => "rights",
            _ => "description",
        };
        // Paragraphs are joined: one note, one value.
        let text = text.lines().collect::<Vec<_>>().join(" ");
        w.value(
            format!("notes[{i}]"),
            Home::Note(static_key(key, "scope_content")),
            &n.spelling,
            &text,
            None,
            n.lang.as_deref(),
            Some((key, fallback)),
        );
        if let Some(t) = plain.set_aside_text() {
            w.loss(
                LossKind::Flattened,
                format!("notes[{i}]"),
                "alternative readings written as one".into(),
                &t,
            );
        }
        for (j, c) in n.children.iter().enumerate() {
            w.loss(
                LossKind::Dropped,
                format!("notes[{i}].children[{j}]"),
                "qualified DC has no nested notes".into(),
                &blocks_words(&c.content),
            );
        }
    }
    for (i, d) in r.dates.iter().enumerate() {
        let key = d.kind.key();
        // The normal form where there is one (W3CDTF, as DCMI recommends), as the simple
        // DC writer does; the display text when there is none. A DC source's normal form
        // is its text (see `read::normal_date`), so nothing changes for it.
        let normal = d.normal.as_ref().map(|n| match n {
            DateNormal::Single { when } => when.clone(),
            DateNormal::Range { from, to } => format!("{from}/{to}"),
            DateNormal::Approximate {
                not_before,
                not_after,
            } => format!("{not_before}/{not_after}"),
            n @ DateNormal::Set { .. } => crate::model::plain::normal_text(n),
        });
        let value = normal.clone().unwrap_or_else(|| d.text.clone());
        // A normal form made from another text is W3CDTF by construction; a DC value that
        // is its own normal form keeps the scheme it was written with (or none).
        let scheme = d.scheme.as_deref().or(normal
            .as_deref()
            .filter(|n| *n != d.text && terms::is_w3cdtf(n))
            .map(|_| "W3CDTF"));
        w.value(
            format!("dates[{i}]"),
            Home::Date(static_key(key, "date")),
            &d.spelling,
            &value,
            scheme,
            None,
            Some((key, "date")),
        );
        if normal.is_some() && !d.text.is_empty() && d.text != value {
            w.loss(
                LossKind::Flattened,
                format!("dates[{i}].text"),
                format!(
                    "qualified DC holds one date value: the normal form is written, the display text '{}' left off",
                    d.text
                ),
                &d.text,
            );
        }
        let extras: Vec<&str> = [
            d.certainty.as_deref(),
            d.calendar.as_deref(),
            d.era.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if d.span.is_some() || !extras.is_empty() {
            w.loss(
                LossKind::Dropped,
                format!("dates[{i}]"),
                "qualified DC has no span, certainty, calendar or era of a date".into(),
                &extras.join(" "),
            );
        }
    }
    for (i, t) in r.document_types.iter().enumerate() {
        w.value(
            format!("document_types[{i}]"),
            Home::Subject("genre_form"),
            &Spelling::new(),
            t,
            None,
            None,
            None,
        );
    }
    for (i, e) in r.extents.iter().enumerate() {
        w.value(
            format!("extents[{i}]"),
            Home::Extent,
            &e.spelling,
            &e.text,
            None,
            None,
            None,
        );
        let lost = e.outside_text(&[e.quantity.as_deref(), e.unit.as_deref()]);
        if !lost.is_empty() {
            w.loss(
                LossKind::Dropped,
                format!("extents[{i}]"),
                "qualified DC has no quantity and unit apart from the extent's text".into(),
                &lost.join(" "),
            );
        }
    }
    for (i, id) in r.identifiers.iter().enumerate() {
        w.value(
            format!("identifiers[{i}]"),
            Home::Identifier,
            &id.spelling,
            &id.value,
            id.scheme.as_deref(),
            None,
            None,
        );
        if !matches!(
            id.kind,
            IdentifierKind::Unit
                | IdentifierKind::Record
                | IdentifierKind::Uri
                | IdentifierKind::Doi
                | IdentifierKind::Handle
        ) {
            w.loss(
                LossKind::Flattened,
                format!("identifiers[{i}].kind"),
                format!("identifier kind '{}' has no DCMI property", id.kind.key()),
                &id.value,
            );
        }
        if let Some(a) = &id.authority {
            w.loss(
                LossKind::Dropped,
                format!("identifiers[{i}].authority"),
                "qualified DC has no assigner of an identifier".into(),
                a,
            );
        }
    }
    if let Some(h) = &r.holding {
        let parts: Vec<&str> = [
            h.settlement.as_deref(),
            h.collection.as_deref(),
            h.reference.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        w.value(
            "holding".into(),
            Home::Relation("source"),
            &Spelling::new(),
            &parts.join(", "),
            None,
            None,
            None,
        );
        if parts.len() > 1 {
            w.loss(
                LossKind::Flattened,
                "holding".into(),
                "place, collection and reference are written as one dc:source citation".into(),
                &parts.join(" "),
            );
        }
    }
    for (i, l) in r.languages.iter().enumerate() {
        w.value(
            format!("languages[{i}]"),
            Home::Language,
            &l.spelling,
            if l.code.is_empty() {
                l.name.as_deref().unwrap_or("")
            } else {
                &l.code
            },
            l.scheme.as_deref(),
            None,
            None,
        );
        let lost: Vec<&str> = [
            l.name.as_deref().filter(|_| !l.code.is_empty()),
            l.script.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !lost.is_empty() {
            w.loss(
                LossKind::Dropped,
                format!("languages[{i}]"),
                "dc:language holds the code; the language's name and script are not written".into(),
                &lost.join(" "),
            );
        }
    }
    for (i, rel) in r.relations.iter().enumerate() {
        let key = rel.kind.key();
        let fallback = if rel.kind == RelationKind::Source {
            "source"
        } else {
            "relation"
        };
        let home = Home::Relation(static_key(key, "related"));
        let field = format!("relations[{i}]");
        match (&rel.uri, rel.text.trim().is_empty()) {
            (Some(u), true) => w.value(
                field,
                home,
                &rel.spelling,
                u,
                Some("URI"),
                None,
                Some((key, fallback)),
            ),
            (Some(u), false) => {
                w.value(
                    field.clone(),
                    home,
                    &rel.spelling,
                    &rel.text,
                    None,
                    None,
                    Some((key, fallback)),
                );
                w.value(
                    field,
                    home,
                    &rel.spelling,
                    u,
                    Some("URI"),
                    None,
                    Some((key, fallback)),
                );
            }
            (None, _) => w.value(
                field,
                home,
                &rel.spelling,
                &rel.text,
                None,
                None,
                Some((key, fallback)),
            ),
        }
    }
    for (i, rt) in r.rights.iter().enumerate() {
        for p in &rt.statement {
            w.value(
                format!("rights[{i}]"),
                Home::Rights,
                &rt.spelling,
                p,
                None,
                None,
                None,
            );
        }
        if let Some(l) = &rt.licence {
            w.value(
                format!("rights[{i}].licence"),
                Home::Licence,
                &rt.spelling,
                l,
                None,
                None,
                None,
            );
        }
        if let Some(s) = &rt.status {
            w.loss(
                LossKind::Dropped,
                format!("rights[{i}].status"),
                "availability status has no place in qualified DC".into(),
                s,
            );
        }
    }
    if let Some(sec) = &r.security {
        for (label, v) in [
            ("Security classification", &sec.classification),
            ("Original classification", &sec.original_classification),
            ("Copy number", &sec.copy_number),
        ] {
            if let Some(v) = v {
                w.value(
                    "security".into(),
                    Home::Note("access_restrictions"),
                    &Spelling::new(),
                    &format!("{label}: {v}"),
                    None,
                    None,
                    None,
                );
            }
        }
        w.loss(
            LossKind::Flattened,
            "security".into(),
            "security markings are written as labelled dcterms:accessRights statements".into(),
            "",
        );
    }
    let mut ledger = std::mem::take(&mut w.ledger);
    if !r.body.is_empty() {
        ledger.push(
            LossKind::Dropped,
            "body",
            QDC,
            "qualified DC has no element for the text of a document",
        );
        ledger.with_text(&blocks_words(&r.body));
    }
    if let Some(level) = &r.level {
        ledger.push(
            LossKind::Dropped,
            "level",
            QDC,
            format!(
                "qualified DC has no level of description ('{}')",
                level.key()
            ),
        );
        ledger.with_text(level.key());
    }
    for (i, c) in r.children.iter().enumerate() {
        ledger.push(
            LossKind::Dropped,
            format!("children[{i}]"),
            QDC,
            "one qualifieddc record cannot hold child records; convert each child to its own record",
        );
        ledger
            .with_text(&record_text(c))
            .at(c.origin.as_deref(), None);
    }
    for (i, u) in r.unmapped.iter().enumerate() {
        ledger.push(
            LossKind::Dropped,
            format!("unmapped[{i}]"),
            QDC,
            format!("unmapped {} content from {}", u.format, u.path),
        );
        ledger
            .with_text(&fragment_words(u))
            .at(Some(&u.path), u.line);
    }
    crate::unwritten::account(r, QDC, "", &QDC_UNWRITTEN, &mut ledger);
    for l in &mut ledger.losses {
        if l.source.is_none() {
            l.source = r.origin.clone();
        }
    }
    (w.root.to_document(), ledger)
}

/// A model key as a `'static` key of the terms table (which lists every key a home has a
/// property for), or `fallback` for a key the table does not know.
fn static_key(key: &str, fallback: &'static str) -> &'static str {
    for t in terms::TERMS {
        let k = match t.home {
            Home::Title(k)
            | Home::Agent(k)
            | Home::Subject(k)
            | Home::Note(k)
            | Home::Date(k)
            | Home::Relation(k) => k,
            _ => continue,
        };
        if k == key {
            return k;
        }
    }
    // A key no property has: a home with no term, so that the writer falls back to the
    // element and ledgers the kind.
    let _ = fallback;
    "\u{0}none"
}
