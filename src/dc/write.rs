//! Record → simple Dublin Core (`oai_dc:dc`). Simple DC holds only repeatable strings in
//! fifteen elements: roles, types, date kinds, vocabularies and structure are flattened,
//! and the body, custody, acquisition and child records have no place. Each such loss
//! is written to the ledger.
//!
//! | DC element | from the model |
//! |---|---|
//! | `dc:title` | titles |
//! | `dc:creator` | agents: author, creator |
//! | `dc:subject` | subjects except places and genres |
//! | `dc:description` | abstract; notes: scope, history, arrangement, editorial, translator, general, citation |
//! | `dc:publisher` | agents: publisher |
//! | `dc:contributor` | agents: translator, editor, recipient, funder, obtainer, contributor, other (role lost) |
//! | `dc:date` | dates, normalised form when known (kind and display text lost) |
//! | `dc:type` | document types, genre/form subjects |
//! | `dc:format` | extents |
//! | `dc:identifier` | identifiers |
//! | `dc:source` | holding: repository, settlement, collection, reference; relations of kind source |
//! | `dc:language` | languages (codes) |
//! | `dc:relation` | other relations |
//! | `dc:coverage` | place subjects |
//! | `dc:rights` | rights, licence URI, access and use notes, security classification |

use crate::format::{Format, DC_NS, OAI_DC_NS, XSI_NS};
use crate::ledger::{Ledger, LossKind};
use crate::model::plain::blocks_text;
use crate::model::*;
use crate::xml::El;

const DC: Format = Format::Dc;

/// Writes the record as one `oai_dc:dc` record.
pub fn write(r: &Record) -> (String, Ledger) {
    let mut ledger = Ledger::new();
    let mut out = Out::default();
    let origin = r.origin.clone();

    for (i, t) in r.titles.iter().enumerate() {
        out.add("title", &t.text, t.lang.as_deref());
        if t.kind != TitleKind::Main {
            ledger.push(
                LossKind::Flattened,
                format!("titles[{i}].kind"),
                DC,
                "simple DC has no title types (dcterms:alternative is qualified DC)",
            );
        }
    }
    agents(r, &mut out, &mut ledger);
    for (i, s) in r.subjects.iter().enumerate() {
        let el = match s.kind {
            SubjectKind::Place => "coverage",
            SubjectKind::GenreForm => "type",
            SubjectKind::Topic
            | SubjectKind::Person
            | SubjectKind::Organisation
            | SubjectKind::Family
            | SubjectKind::Occupation
            | SubjectKind::Function => "subject",
        };
        out.add(el, &s.term, None);
        if s.vocabulary.is_some() || s.uri.is_some() {
            ledger.push(
                LossKind::Flattened,
                format!("subjects[{i}]"),
                DC,
                "simple DC has no vocabulary or URI for a subject",
            );
        }
    }
    for a in &r.abstract_ {
        out.add("description", a, None);
    }
    notes(r, &mut out, &mut ledger);
    for (i, d) in r.dates.iter().enumerate() {
        let value = match &d.normal {
            Some(DateNormal::Single { when }) => when.clone(),
            Some(DateNormal::Range { from, to }) => format!("{from}/{to}"),
            Some(DateNormal::Approximate {
                not_before,
                not_after,
            }) => format!("{not_before}/{not_after}"),
            None => d.text.clone(),
        };
        out.add("date", &value, None);
        let kept_text = d.normal.is_none() || d.text.is_empty();
        ledger.push(
            LossKind::Flattened,
            format!("dates[{i}]"),
            DC,
            if kept_text {
                format!("date kind '{}' has no place in simple DC", d.kind.key())
            } else {
                format!(
                    "date kind '{}' and display text '{}' have no place in simple DC",
                    d.kind.key(),
                    d.text
                )
            },
        );
    }
    for t in &r.document_types {
        out.add("type", t, None);
    }
    for e in &r.extents {
        out.add("format", &e.text, None);
    }
    for (i, id) in r.identifiers.iter().enumerate() {
        out.add("identifier", &id.value, None);
        if !matches!(
            id.kind,
            IdentifierKind::Record
                | IdentifierKind::Uri
                | IdentifierKind::Doi
                | IdentifierKind::Handle
        ) {
            ledger.push(
                LossKind::Flattened,
                format!("identifiers[{i}].kind"),
                DC,
                format!(
                    "identifier kind '{}' has no place in simple DC",
                    id.kind.key()
                ),
            );
        }
    }
    if let Some(h) = &r.holding {
        let repo = r
            .agents
            .iter()
            .find(|a| a.role == Role::Repository)
            .map(|a| a.name.as_str());
        let reference = h.reference.as_deref().unwrap_or("");
        let mut parts: Vec<&str> = Vec::new();
        if let Some(repo) = repo.filter(|n| !reference.contains(n)) {
            parts.push(repo);
        }
        parts.extend(h.settlement.as_deref());
        parts.extend(h.collection.as_deref());
        parts.extend(h.reference.as_deref());
        out.add("source", &parts.join(", "), None);
    }
    for l in &r.languages {
        out.add("language", &l.code, None);
    }
    for (i, rel) in r.relations.iter().enumerate() {
        let el = if rel.kind == RelationKind::Source {
            "source"
        } else {
            "relation"
        };
        out.add(el, rel.uri.as_deref().unwrap_or(&rel.text), None);
        if rel.uri.is_some() && !rel.text.is_empty() {
            out.add(el, &rel.text, None);
        }
        if !matches!(rel.kind, RelationKind::Related | RelationKind::Source) {
            ledger.push(
                LossKind::Flattened,
                format!("relations[{i}].kind"),
                DC,
                format!(
                    "relation kind '{}' has no place in simple DC",
                    rel.kind.key()
                ),
            );
        }
    }
    for (i, rt) in r.rights.iter().enumerate() {
        for p in &rt.statement {
            out.add("rights", p, None);
        }
        if let Some(l) = &rt.licence {
            out.add("rights", l, None);
        }
        if rt.status.is_some() {
            ledger.push(
                LossKind::Flattened,
                format!("rights[{i}].status"),
                DC,
                "availability status has no place in simple DC",
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
                out.add("rights", &format!("{label}: {v}"), None);
            }
        }
        ledger.push(
            LossKind::Flattened,
            "security",
            DC,
            "security markings are written as labelled dc:rights statements",
        );
    }

    if !r.body.is_empty() {
        ledger.push(
            LossKind::Dropped,
            "body",
            DC,
            "simple DC has no element for the text of a document",
        );
    }
    if let Some(level) = &r.level {
        ledger.push(
            LossKind::Dropped,
            "level",
            DC,
            format!("simple DC has no level of description ('{}')", level.key()),
        );
    }
    for (i, _) in r.children.iter().enumerate() {
        ledger.push(
            LossKind::Dropped,
            format!("children[{i}]"),
            DC,
            "one oai_dc record cannot hold child records; convert each child to its own record",
        );
    }
    for (i, u) in r.unmapped.iter().enumerate() {
        ledger.push(
            LossKind::Dropped,
            format!("unmapped[{i}]"),
            DC,
            format!("unmapped {} content from {}", u.format, u.path),
        );
    }
    for l in &mut ledger.losses {
        l.source = origin.clone();
    }

    let mut root = El::new("oai_dc:dc")
        .attr("xmlns:oai_dc", OAI_DC_NS)
        .attr("xmlns:dc", DC_NS)
        .attr("xmlns:xsi", XSI_NS)
        .attr(
            "xsi:schemaLocation",
            "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
        );
    for name in ORDER {
        for (n, el) in &out.items {
            if *n == name {
                root.push(el.clone());
            }
        }
    }
    (root.to_document(), ledger)
}

/// The fifteen elements in the order DCMI lists them.
const ORDER: [&str; 15] = [
    "title",
    "creator",
    "subject",
    "description",
    "publisher",
    "contributor",
    "date",
    "type",
    "format",
    "identifier",
    "source",
    "language",
    "relation",
    "coverage",
    "rights",
];

#[derive(Default)]
struct Out {
    items: Vec<(&'static str, El)>,
}

impl Out {
    fn add(&mut self, name: &'static str, value: &str, lang: Option<&str>) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        // Repeating the same statement adds nothing.
        if self
            .items
            .iter()
            .any(|(n, e)| *n == name && e.kids == El::text("x", value).kids)
        {
            return;
        }
        self.items.push((
            name,
            El::text(&format!("dc:{name}"), value).attr_opt("xml:lang", lang),
        ));
    }
}

fn agents(r: &Record, out: &mut Out, ledger: &mut Ledger) {
    for (i, a) in r.agents.iter().enumerate() {
        let el = match a.role {
            Role::Author | Role::Creator => "creator",
            Role::Publisher => "publisher",
            Role::Repository => continue, // written with the holding as dc:source
            Role::Translator
            | Role::Editor
            | Role::Recipient
            | Role::Funder
            | Role::Obtainer
            | Role::Contributor
            | Role::Other(_) => {
                ledger.push(
                    LossKind::Flattened,
                    format!("agents[{i}].role"),
                    DC,
                    format!(
                        "role '{}' of {} has no place in simple DC: written as dc:contributor",
                        a.role.key(),
                        a.name
                    ),
                );
                "contributor"
            }
        };
        out.add(el, &a.name, None);
        if a.authority.is_some() {
            ledger.push(
                LossKind::Flattened,
                format!("agents[{i}].authority"),
                DC,
                "simple DC has no authority id for a name",
            );
        }
        if let Some(n) = &a.note {
            ledger.push(
                LossKind::Dropped,
                format!("agents[{i}].note"),
                DC,
                format!("the role wording '{n}' has no place in simple DC"),
            );
        }
    }
    if r.holding.is_none() {
        for a in r.agents.iter().filter(|a| a.role == Role::Repository) {
            out.add("source", &a.name, None);
        }
    }
}

fn notes(r: &Record, out: &mut Out, ledger: &mut Ledger) {
    for (i, n) in r.notes.iter().enumerate() {
        let text = blocks_text(&n.content);
        let text = match &n.heading {
            Some(h) => format!("{h}: {text}"),
            None => text,
        };
        let el = match n.kind {
            NoteKind::ScopeContent => Some("description"),
            NoteKind::BiographicalHistorical
            | NoteKind::Arrangement
            | NoteKind::Editorial
            | NoteKind::Translator
            | NoteKind::General
            | NoteKind::PreferredCitation => {
                ledger.push(
                    LossKind::Flattened,
                    format!("notes[{i}].kind"),
                    DC,
                    format!(
                        "note kind '{}' is written as a plain dc:description",
                        n.kind.key()
                    ),
                );
                Some("description")
            }
            NoteKind::AccessRestrictions | NoteKind::UseRestrictions => Some("rights"),
            NoteKind::CustodialHistory
            | NoteKind::Acquisition
            | NoteKind::ProcessingInformation => {
                ledger.push(LossKind::Dropped, format!("notes[{i}]"), DC, format!("simple DC has no element for a '{}' note (qualified DC has dcterms:provenance)", n.kind.key()));
                None
            }
        };
        if let Some(el) = el {
            for line in text.lines() {
                out.add(el, line, None);
            }
        }
    }
}
