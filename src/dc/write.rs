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
use crate::model::plain::{blocks_plain, blocks_words, fragment_words, record_text};
use crate::model::*;
use crate::xml::El;

const DC: Format = Format::Dc;

/// Ledgers a loss with the plain text of what was lost; returns the ledger so that a
/// source position can be added.
fn loss<'l>(
    ledger: &'l mut Ledger,
    kind: LossKind,
    field: impl Into<String>,
    reason: impl Into<String>,
    text: &str,
) -> &'l mut Ledger {
    ledger.push(kind, field, DC, reason);
    ledger.with_text(text)
}

/// True for a value of `xs:language`, the type of `xml:lang` in the DC schema.
fn is_language(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    let ok = |p: &str, alpha_only: bool| {
        (1..=8).contains(&p.len())
            && p.chars()
                .all(|c| c.is_ascii_alphabetic() || (!alpha_only && c.is_ascii_digit()))
    };
    ok(first, true) && parts.all(|p| ok(p, false))
}

/// The parts of the model simple DC cannot hold, ledgered with their text.
const DC_UNWRITTEN: [crate::unwritten::Part; 15] = {
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
        NoteChildren,
        DateExtras,
        ExtentExtras,
        LanguageScripts,
    ]
};

/// Writes the record as one `oai_dc:dc` record.
pub fn write(r: &Record) -> (String, Ledger) {
    let mut ledger = Ledger::new();
    let mut out = Out::default();
    let origin = r.origin.clone();

    out.from = "titles";
    for (i, t) in r.titles.iter().enumerate() {
        let lang = t.lang.as_deref().filter(|l| is_language(l));
        out.add("title", &t.text, lang);
        if t.kind != TitleKind::Main {
            loss(
                &mut ledger,
                LossKind::Flattened,
                format!("titles[{i}].kind"),
                format!(
                    "simple DC has no title types (dcterms:alternative is qualified DC): the {} title is a dc:title",
                    t.kind.key()
                ),
                &t.text,
            );
        }
        if let Some(l) = t.lang.as_deref().filter(|l| !is_language(l)) {
            loss(
                &mut ledger,
                LossKind::Dropped,
                format!("titles[{i}].lang"),
                format!("'{l}' is not a language tag xml:lang can hold: left off"),
                l,
            );
        }
    }
    agents(r, &mut out, &mut ledger);
    out.from = "subjects";
    for (i, s) in r.subjects.iter().enumerate() {
        let el = match s.kind {
            SubjectKind::Place => "coverage",
            SubjectKind::GenreForm => "type",
            // dcterms:temporal refines dc:coverage.
            SubjectKind::Other(ref k) if k == "temporal" => "coverage",
            SubjectKind::Topic
            | SubjectKind::Person
            | SubjectKind::Organisation
            | SubjectKind::Family
            | SubjectKind::Occupation
            | SubjectKind::Function
            | SubjectKind::Other(_) => "subject",
        };
        out.add(el, &s.term, None);
        if s.vocabulary.is_some() || s.uri.is_some() {
            let lost: Vec<&str> = [s.vocabulary.as_deref(), s.uri.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            loss(
                &mut ledger,
                LossKind::Flattened,
                format!("subjects[{i}]"),
                "simple DC has no vocabulary or URI for a subject",
                &lost.join(" "),
            );
        }
    }
    out.from = "places";
    for (i, p) in r.places.iter().enumerate() {
        out.add("coverage", &p.name, None);
        let mut lost = vec![p.role.key().to_string()];
        lost.extend(p.authority.as_ref().map(|a| a.id.clone()));
        loss(
            &mut ledger,
            LossKind::Flattened,
            format!("places[{i}]"),
            "simple DC has no role or authority for a place: written as dc:coverage",
            &lost.join(" "),
        );
    }
    out.from = "abstract";
    for a in &r.abstract_ {
        out.add("description", a, None);
    }
    notes(r, &mut out, &mut ledger);
    out.from = "dates";
    for (i, d) in r.dates.iter().enumerate() {
        let value = match &d.normal {
            Some(DateNormal::Single { when }) => when.clone(),
            Some(DateNormal::Range { from, to }) => format!("{from}/{to}"),
            Some(DateNormal::Approximate {
                not_before,
                not_after,
            }) => format!("{not_before}/{not_after}"),
            Some(n @ DateNormal::Set { .. }) => crate::model::plain::normal_text(n),
            None => d.text.clone(),
        };
        out.add("date", &value, None);
        let kept_text = d.normal.is_none() || d.text.is_empty();
        loss(
            &mut ledger,
            LossKind::Flattened,
            format!("dates[{i}]"),
            if kept_text {
                format!("date kind '{}' has no place in simple DC", d.kind.key())
            } else {
                format!(
                    "date kind '{}' and display text '{}' have no place in simple DC",
                    d.kind.key(),
                    d.text
                )
            },
            if d.text.is_empty() { &value } else { &d.text },
        );
    }
    out.from = "document_types";
    for t in &r.document_types {
        out.add("type", t, None);
    }
    out.from = "extents";
    for (i, e) in r.extents.iter().enumerate() {
        out.add("format", &e.text, None);
        let lost: Vec<&str> = [e.quantity.as_deref(), e.unit.as_deref()]
            .into_iter()
            .flatten()
            .filter(|v| !e.text.split_whitespace().any(|x| x == *v))
            .collect();
        if !lost.is_empty() {
            loss(
                &mut ledger,
                LossKind::Dropped,
                format!("extents[{i}]"),
                "simple DC has no quantity and unit apart from the extent's text",
                &lost.join(" "),
            );
        }
    }
    out.from = "identifiers";
    for (i, id) in r.identifiers.iter().enumerate() {
        out.add("identifier", &id.value, None);
        if !matches!(
            id.kind,
            IdentifierKind::Record
                | IdentifierKind::Uri
                | IdentifierKind::Doi
                | IdentifierKind::Handle
        ) {
            loss(
                &mut ledger,
                LossKind::Flattened,
                format!("identifiers[{i}].kind"),
                format!(
                    "identifier kind '{}' has no place in simple DC",
                    id.kind.key()
                ),
                &id.value,
            );
        }
        if let Some(a) = &id.authority {
            loss(
                &mut ledger,
                LossKind::Dropped,
                format!("identifiers[{i}].authority"),
                "simple DC has no assigner of an identifier",
                a,
            );
        }
    }
    out.from = "holding";
    let mut repositories = r.agents.iter().filter(|a| a.role == Role::Repository);
    if let Some(h) = &r.holding {
        let repo = repositories.next().map(|a| &*a.name);
        let reference = h.reference.as_deref().unwrap_or("");
        let mut parts: Vec<&str> = Vec::new();
        if let Some(repo) = repo.filter(|n| !reference.contains(n)) {
            parts.push(repo);
        }
        parts.extend(h.settlement.as_deref());
        parts.extend(h.collection.as_deref());
        parts.extend(h.reference.as_deref());
        out.add("source", &parts.join(", "), None);
        if parts.len() > 1 {
            loss(
                &mut ledger,
                LossKind::Flattened,
                "holding",
                "repository, place, collection and reference are written as one dc:source citation, separated by commas",
                &parts.join(" "),
            );
        }
    }
    out.from = "repositories";
    for a in repositories {
        out.add("source", &a.name, None);
    }
    out.from = "languages";
    for (i, l) in r.languages.iter().enumerate() {
        // A language DC gives as a name ("English") has no code: the name is written.
        let written = if l.code.is_empty() {
            l.name.as_deref().unwrap_or("")
        } else {
            &l.code
        };
        out.add("language", written, None);
        if let Some(n) = l.name.as_ref().filter(|_| !l.code.is_empty()) {
            loss(
                &mut ledger,
                LossKind::Dropped,
                format!("languages[{i}].name"),
                "dc:language holds the code; the language's name is not written",
                n,
            );
        }
    }
    out.from = "relations";
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
            loss(
                &mut ledger,
                LossKind::Flattened,
                format!("relations[{i}].kind"),
                format!(
                    "relation kind '{}' has no place in simple DC",
                    rel.kind.key()
                ),
                if rel.text.is_empty() {
                    rel.uri.as_deref().unwrap_or("")
                } else {
                    &rel.text
                },
            );
        }
    }
    out.from = "rights";
    for (i, rt) in r.rights.iter().enumerate() {
        for p in &rt.statement {
            out.add("rights", p, None);
        }
        if let Some(l) = &rt.licence {
            out.add("rights", l, None);
        }
        if let Some(s) = &rt.status {
            loss(
                &mut ledger,
                LossKind::Dropped,
                format!("rights[{i}].status"),
                "availability status has no place in simple DC",
                s,
            );
        }
    }
    if let Some(sec) = &r.security {
        let mut written = Vec::new();
        for (label, v) in [
            ("Security classification", &sec.classification),
            ("Original classification", &sec.original_classification),
            ("Copy number", &sec.copy_number),
        ] {
            if let Some(v) = v {
                let s = format!("{label}: {v}");
                out.add("rights", &s, None);
                written.push(s);
            }
        }
        loss(
            &mut ledger,
            LossKind::Flattened,
            "security",
            "security markings are written as labelled dc:rights statements",
            &written.join("\n"),
        );
    }

    if !r.body.is_empty() {
        loss(
            &mut ledger,
            LossKind::Dropped,
            "body",
            "simple DC has no element for the text of a document",
            &blocks_words(&r.body),
        );
    }
    if let Some(level) = &r.level {
        loss(
            &mut ledger,
            LossKind::Dropped,
            "level",
            format!("simple DC has no level of description ('{}')", level.key()),
            level.key(),
        );
    }
    for (i, c) in r.children.iter().enumerate() {
        loss(
            &mut ledger,
            LossKind::Dropped,
            format!("children[{i}]"),
            "one oai_dc record cannot hold child records; convert each child to its own record",
            &record_text(c),
        )
        .at(c.origin.as_deref(), None);
    }
    for (i, u) in r.unmapped.iter().enumerate() {
        loss(
            &mut ledger,
            LossKind::Dropped,
            format!("unmapped[{i}]"),
            format!("unmapped {} content from {}", u.format, u.path),
            &fragment_words(u),
        )
        .at(Some(&u.path), u.line);
    }
    dumb_down(r, &mut ledger);
    // Simple DC has no place for any of these.
    crate::unwritten::account(r, Format::Dc, "", &DC_UNWRITTEN, &mut ledger);
    for l in &mut ledger.losses {
        if l.source.is_none() {
            l.source = origin.clone();
        }
    }

    let mut root = El::new("oai_dc:dc")
        .attr("xmlns:oai_dc", OAI_DC_NS)
        .attr("xmlns:dc", DC_NS)
        .attr("xmlns:xsi", XSI_NS)
        .attr(
            "xsi:schemaLocation",
            "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
        );
    // In the order the model holds the values, so that a DC record read and written
    // again keeps the order of its values (oai_dc.xsd allows any order).
    for (_, el, _) in out.items {
        root.push(el);
    }
    (root.to_document(), ledger)
}

#[derive(Default)]
struct Out {
    /// Element name, element, and the model field it was written from.
    items: Vec<(&'static str, El, &'static str)>,
    /// The model field being written.
    from: &'static str,
}

impl Out {
    fn add(&mut self, name: &'static str, value: &str, lang: Option<&str>) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        // The same statement written again from another part of the model (a repository
        // both holding and agent) adds nothing; repeated values of one field are the
        // source's own repetitions and are kept (a DC record may name one creator twice).
        let from = self.from;
        if self
            .items
            .iter()
            .any(|(n, e, f)| *n == name && *f != from && e.kids == El::text("x", value).kids)
        {
            return;
        }
        self.items.push((
            name,
            El::text(format!("dc:{name}"), value).attr_opt("xml:lang", lang),
            from,
        ));
    }
}

fn agents(r: &Record, out: &mut Out, ledger: &mut Ledger) {
    out.from = "agents";
    for (i, a) in r.agents.iter().enumerate() {
        let el = match a.role {
            Role::Author | Role::Creator => "creator",
            Role::Publisher => "publisher",
            Role::Repository => "source", // with the holding when there is one
            Role::Translator
            | Role::Editor
            | Role::Recipient
            | Role::Funder
            | Role::Obtainer
            | Role::Contributor
            | Role::Other(_) => {
                loss(
                    ledger,
                    LossKind::Flattened,
                    format!("agents[{i}].role"),
                    format!(
                        "role '{}' of {} has no place in simple DC: written as dc:contributor",
                        a.role.key(),
                        a.name
                    ),
                    &a.name,
                );
                "contributor"
            }
        };
        if el != "source" {
            out.add(el, &a.name, None);
        }
        if let Some(au) = &a.authority {
            let lost: Vec<&str> = [au.source.as_deref(), Some(au.id.as_str())]
                .into_iter()
                .flatten()
                .collect();
            loss(
                ledger,
                LossKind::Dropped,
                format!("agents[{i}].authority"),
                "simple DC has no authority id for a name",
                &lost.join(" "),
            );
        }
        if let Some(n) = &a.note {
            loss(
                ledger,
                LossKind::Dropped,
                format!("agents[{i}].note"),
                format!("the role wording '{n}' has no place in simple DC"),
                n,
            );
        }
    }
}

fn notes(r: &Record, out: &mut Out, ledger: &mut Ledger) {
    out.from = "notes";
    for (i, n) in r.notes.iter().enumerate() {
        let plain = blocks_plain(&n.content);
        let text = match &n.heading {
            Some(h) => format!("{h}: {}", plain.text),
            None => plain.text.clone(),
        };
        let el = match n.kind {
            NoteKind::ScopeContent => Some("description"),
            NoteKind::BiographicalHistorical
            | NoteKind::Arrangement
            | NoteKind::Editorial
            | NoteKind::Translator
            | NoteKind::General
            | NoteKind::Other(_)
            | NoteKind::PreferredCitation => {
                loss(
                    ledger,
                    LossKind::Flattened,
                    format!("notes[{i}].kind"),
                    format!(
                        "note kind '{}' is written as a plain dc:description",
                        n.kind.key()
                    ),
                    &text,
                );
                Some("description")
            }
            NoteKind::AccessRestrictions | NoteKind::UseRestrictions => Some("rights"),
            NoteKind::CustodialHistory
            | NoteKind::Acquisition
            | NoteKind::ProcessingInformation => {
                let all = match &n.heading {
                    Some(h) => format!("{h}: {}", blocks_words(&n.content)),
                    None => blocks_words(&n.content),
                };
                loss(
                    ledger,
                    LossKind::Dropped,
                    format!("notes[{i}]"),
                    format!("simple DC has no element for a '{}' note (qualified DC has dcterms:provenance)", n.kind.key()),
                    &all,
                );
                None
            }
        };
        if let Some(el) = el {
            let lang = n.lang.as_deref().filter(|l| is_language(l));
            if let Some(l) = n.lang.as_deref().filter(|l| !is_language(l)) {
                loss(
                    ledger,
                    LossKind::Dropped,
                    format!("notes[{i}].lang"),
                    format!("'{l}' is not a language tag xml:lang can hold: left off"),
                    l,
                );
            }
            for line in text.lines() {
                out.add(el, line, lang);
            }
            if let Some(t) = plain.set_aside_text() {
                loss(
                    ledger,
                    LossKind::Flattened,
                    format!("notes[{i}]"),
                    "alternative readings (TEI choice or app) written as one: the expanded, regularised or corrected form",
                    &t,
                );
            }
        }
    }
}

/// The DCMI dumb-down's own losses, for the values whose kind the writer above does not
/// already ledger: a refinement written as its element (`dcterms:medium` as `dc:format`,
/// `dcterms:license` as `dc:rights`, `dcterms:abstract` and `dcterms:spatial`), an encoding
/// scheme (`xsi:type`) simple DC cannot carry, and a language on a value whose element
/// the writer writes without one. Each with the value's text.
fn dumb_down(r: &Record, ledger: &mut Ledger) {
    use super::terms::{for_home, Home};
    let mut refined = |field: String, home: Home, sp: &Spelling, text: &str| {
        let spelled = sp.get("dc").map(|s| s.rsplit(':').next().unwrap_or(s));
        if let Some(t) = for_home(home, spelled).filter(|t| !t.is_element()) {
            let el = t.element.unwrap_or("description");
            loss(
                ledger,
                LossKind::Flattened,
                field,
                format!("dcterms:{} is written as dc:{el} (DCMI dumb-down)", t.name),
                text,
            );
        }
    };
    for (i, e) in r.extents.iter().enumerate() {
        refined(format!("extents[{i}]"), Home::Extent, &e.spelling, &e.text);
    }
    for (i, rt) in r.rights.iter().enumerate() {
        if let Some(l) = &rt.licence {
            refined(
                format!("rights[{i}].licence"),
                Home::Licence,
                &rt.spelling,
                l,
            );
        }
    }
    for (i, a) in r.abstract_.iter().enumerate() {
        refined(
            format!("abstract[{i}]"),
            Home::Abstract,
            &Spelling::new(),
            a,
        );
    }
    for (i, s) in r.subjects.iter().enumerate() {
        if s.kind == SubjectKind::Place {
            refined(
                format!("subjects[{i}]"),
                Home::Subject("place"),
                &s.spelling,
                &s.term,
            );
        } else if s.kind == SubjectKind::Other("temporal".into()) {
            refined(
                format!("subjects[{i}]"),
                Home::Subject("temporal"),
                &s.spelling,
                &s.term,
            );
        }
    }
    for (i, n) in r.notes.iter().enumerate() {
        if n.kind == NoteKind::AccessRestrictions {
            refined(
                format!("notes[{i}]"),
                Home::Note("access_restrictions"),
                &n.spelling,
                &blocks_plain(&n.content).text,
            );
        }
    }
    // Schemes and languages the value's own fields do not hold, from its spelling.
    let mut qualifiers = |field: String, sp: &Spelling, scheme: Option<&str>, text: &str| {
        if let Some(s) = scheme.or(sp.get("xsi:type").map(String::as_str)) {
            loss(
                ledger,
                LossKind::Flattened,
                format!("{field}.scheme"),
                format!("simple DC has no encoding scheme ('{s}')"),
                &format!("{s} {text}"),
            );
        }
        if let Some(l) = sp.get("xml:lang") {
            loss(
                ledger,
                LossKind::Dropped,
                format!("{field}.lang"),
                format!("the value's language '{l}' is not written"),
                l,
            );
        }
        if let Some(q) = sp.get("qualifier") {
            loss(
                ledger,
                LossKind::Flattened,
                format!("{field}.qualifier"),
                format!("the DSpace qualifier '{q}' names no DCMI term: written as its element"),
                &format!("{q} {text}"),
            );
        }
    };
    for (i, a) in r.agents.iter().enumerate() {
        qualifiers(format!("agents[{i}]"), &a.spelling, None, &a.name);
    }
    for (i, s) in r.subjects.iter().enumerate() {
        // The vocabulary is ledgered with the subject above.
        qualifiers(format!("subjects[{i}]"), &s.spelling, None, &s.term);
    }
    for (i, t) in r.titles.iter().enumerate() {
        qualifiers(format!("titles[{i}]"), &t.spelling, None, &t.text);
    }
    for (i, n) in r.notes.iter().enumerate() {
        qualifiers(format!("notes[{i}]"), &n.spelling, None, "");
    }
    for (i, d) in r.dates.iter().enumerate() {
        // The date's scheme is among its extras (crate::unwritten).
        qualifiers(format!("dates[{i}]"), &d.spelling, None, &d.text);
    }
    for (i, e) in r.extents.iter().enumerate() {
        qualifiers(format!("extents[{i}]"), &e.spelling, None, &e.text);
    }
    for (i, id) in r.identifiers.iter().enumerate() {
        qualifiers(
            format!("identifiers[{i}]"),
            &id.spelling,
            id.scheme.as_deref(),
            &id.value,
        );
    }
    for (i, l) in r.languages.iter().enumerate() {
        qualifiers(
            format!("languages[{i}]"),
            &l.spelling,
            l.scheme.as_deref(),
            &l.code,
        );
    }
    for (i, rel) in r.relations.iter().enumerate() {
        qualifiers(format!("relations[{i}]"), &rel.spelling, None, &rel.text);
    }
    for (i, rt) in r.rights.iter().enumerate() {
        qualifiers(format!("rights[{i}]"), &rt.spelling, None, "");
    }
}
