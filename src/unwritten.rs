//! The parts of the model a writer does not write yet, put in its ledger with their text.
//!
//! Each writer names the parts it leaves out ([`Part`]); this walks the record and puts
//! one `dropped` entry per value that holds something, so that what a target cannot
//! carry is never lost without a word. One list, shared by every writer, so that a part
//! a writer learns to write is taken off its list in one place.

use crate::format::Format;
use crate::ledger::{Ledger, LossKind};
use crate::model::plain::{blocks_words, name_details_text};
use crate::model::*;

/// A part of the model that a writer may leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `control`: the description's own header.
    Control,
    /// `containers`.
    Containers,
    /// `digital_objects`.
    DigitalObjects,
    /// `physical_locations`.
    PhysicalLocations,
    /// `material_specs`.
    MaterialSpecs,
    /// The EAD attributes of the record's own element and of its values (`attributes`).
    Attributes,
    /// The same, but for the ids of agents (which the TEI writer writes as `@xml:id`).
    AttributesButAgentIds,
    /// The same, but for those the EAD writer writes: the id, audience, altrender,
    /// encodinganalog and label of a note, title, identifier and date (which it ledgers
    /// itself where the element takes none), an extent's altrender.
    AttributesButEadWritten,
    /// An agent's name parts, parallel forms, identifiers, affiliation and contact.
    AgentNameDetails,
    /// The same for the holding institution alone (`Role::Repository`).
    RepositoryNameDetails,
    /// A subject's name parts, parallel forms, identifiers (`details`).
    SubjectNameDetails,
    /// A note's nested notes, language and attributes.
    NoteExtras,
    /// A note's nested notes only (for a writer that writes the note's language).
    NoteChildren,
    /// A date's span (inclusive, bulk), certainty, calendar, era and scheme.
    DateExtras,
    /// A date's scheme alone (for the EAD writer, which writes the rest).
    DateScheme,
    /// An extent's kind, facets and dimensions.
    ExtentExtras,
    /// A title's markup (written as its plain text).
    TitleMarkup,
    /// What a Dublin Core source said of a value that has no field of its own in the
    /// value's home: its `xml:lang` and `xsi:type` scheme (an agent's, a relation's, ...),
    /// a DSpace qualifier naming no DCMI term. Kept in the value's spelling for the DC
    /// writers; every other writer ledgers it.
    DcQualifiers,
    /// The EAD attributes of an abstract (`@id`, `@label`, ...), kept in the record's
    /// spelling for the EAD writers; every other writer ledgers them.
    AbstractAttributes,
    /// Details one format's reader keeps in a value's spelling for its own writers, which
    /// every other writer ledgers: EAD's vocabulary (`@source`) and rules (`@rules`) of a
    /// name, the analog of the origination it stood in; TEI's key of a name in a
    /// project's index (`@key`) and a title's bibliographic level (`@level`).
    SpelledDetails,
    /// A language's script (ISO 15924), which EAD writes with the language.
    LanguageScripts,
}

/// Puts every value of the listed parts into the ledger as dropped.
pub fn account(r: &Record, target: Format, field: &str, parts: &[Part], ledger: &mut Ledger) {
    // The field is formatted only for a loss: most records have nothing to drop, and
    // formatting every field name of every component was a tenth of writing a finding aid.
    let mut drop = |f: std::fmt::Arguments, what: &str, text: String| {
        if text.split_whitespace().next().is_none() {
            return;
        }
        ledger.push(
            LossKind::Dropped,
            format!("{field}{f}"),
            target,
            format!("{target} writing has no place for {what} yet"),
        );
        ledger.with_text(&text);
        ledger.at(r.origin.as_deref(), None);
    };
    for part in parts {
        match part {
            Part::Control => {
                if let Some(c) = &r.control {
                    let mut rc = Record {
                        control: Some(c.clone()),
                        ..Record::default()
                    };
                    rc.origin = None;
                    drop(
                        format_args!("control"),
                        "the record control",
                        crate::model::plain::record_text(&rc),
                    );
                }
            }
            Part::Containers => {
                for (i, c) in r.containers.iter().enumerate() {
                    let t = [
                        c.kind.as_deref(),
                        c.label.as_deref(),
                        Some(c.value.as_str()),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                    drop(format_args!("containers[{i}]"), "containers", t);
                }
            }
            Part::DigitalObjects => {
                for (i, d) in r.digital_objects.iter().enumerate() {
                    let t = [
                        Some(d.href.as_str()),
                        d.role.as_deref(),
                        d.title.as_deref(),
                        d.description.as_deref(),
                        d.show.as_deref(),
                        d.actuate.as_deref(),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                    drop(format_args!("digital_objects[{i}]"), "digital objects", t);
                }
            }
            Part::PhysicalLocations => {
                for (i, p) in r.physical_locations.iter().enumerate() {
                    drop(
                        format_args!("physical_locations[{i}]"),
                        "physical locations",
                        p.text.clone(),
                    );
                }
            }
            Part::MaterialSpecs => {
                for (i, m) in r.material_specs.iter().enumerate() {
                    drop(
                        format_args!("material_specs[{i}]"),
                        "material details",
                        m.clone(),
                    );
                }
            }
            Part::Attributes | Part::AttributesButAgentIds | Part::AttributesButEadWritten => {
                let ead = *part == Part::AttributesButEadWritten;
                // The EAD writer writes the common attributes of the record's own element
                // and of its titles, identifiers, dates and notes (it ledgers itself what
                // an element does not take): only their local type is left.
                let unwritten = |a: &Attributes| -> String {
                    if ead {
                        a.localtype.clone().unwrap_or_default()
                    } else {
                        a.values().join(" ")
                    }
                };
                // All but the fields named, for the agents and extents that writers write
                // in part.
                let but = |a: &Attributes, skip: &[&str]| -> String {
                    let fields = [
                        ("id", &a.id),
                        ("audience", &a.audience),
                        ("altrender", &a.altrender),
                        ("encodinganalog", &a.encodinganalog),
                        ("localtype", &a.localtype),
                        ("label", &a.label),
                    ];
                    fields
                        .into_iter()
                        .filter(|(name, _)| !skip.contains(name))
                        .filter_map(|(_, v)| v.as_deref())
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let what = "these attributes";
                drop(format_args!("attributes"), what, unwritten(&r.attributes));
                for (i, t) in r.titles.iter().enumerate() {
                    let f = format_args!("titles[{i}].attributes");
                    drop(f, what, unwritten(&t.attributes));
                }
                for (i, t) in r.identifiers.iter().enumerate() {
                    let f = format_args!("identifiers[{i}].attributes");
                    drop(f, what, unwritten(&t.attributes));
                }
                for (i, a) in r.agents.iter().enumerate() {
                    // The TEI writer writes an agent's id as its @xml:id; the EAD writer
                    // its encodinganalog on its name.
                    let skip = match part {
                        Part::AttributesButAgentIds => &["id"][..],
                        Part::AttributesButEadWritten => &["encodinganalog"][..],
                        _ => &[][..],
                    };
                    let f = format_args!("agents[{i}].attributes");
                    drop(f, what, but(&a.attributes, skip));
                }
                for (i, t) in r.subjects.iter().enumerate() {
                    let f = format_args!("subjects[{i}].attributes");
                    drop(f, what, t.attributes.values().join(" "));
                }
                for (i, t) in r.dates.iter().enumerate() {
                    let f = format_args!("dates[{i}].attributes");
                    drop(f, what, unwritten(&t.attributes));
                }
                for (i, e) in r.extents.iter().enumerate() {
                    // The EAD writer writes an extent's altrender.
                    let skip: &[&str] = if ead { &["altrender"] } else { &[] };
                    let f = format_args!("extents[{i}].attributes");
                    drop(f, what, but(&e.attributes, skip));
                }
                for (i, n) in r.notes.iter().enumerate() {
                    let f = format_args!("notes[{i}].attributes");
                    drop(f, what, unwritten(&n.attributes));
                }
            }
            Part::LanguageScripts => {
                for (i, l) in r.languages.iter().enumerate() {
                    if let Some(s) = &l.script {
                        let f = format_args!("languages[{i}].script");
                        drop(f, "a language's script", s.clone());
                    }
                }
            }
            Part::AgentNameDetails | Part::RepositoryNameDetails => {
                let only_repository = *part == Part::RepositoryNameDetails;
                for (i, a) in r.agents.iter().enumerate() {
                    if only_repository && a.role != Role::Repository {
                        continue;
                    }
                    drop(
                        format_args!("agents[{i}].details"),
                        "a name's parts, other forms, identifiers or contacts",
                        name_details_text(&a.details),
                    );
                }
            }
            Part::SubjectNameDetails => {
                for (i, s) in r.subjects.iter().enumerate() {
                    drop(
                        format_args!("subjects[{i}].details"),
                        "a name's parts, other forms, identifiers or contacts",
                        name_details_text(&s.details),
                    );
                }
            }
            Part::NoteExtras | Part::NoteChildren => {
                for (i, n) in r.notes.iter().enumerate() {
                    let mut t = Vec::new();
                    nested_words(&n.children, &mut t);
                    drop(
                        format_args!("notes[{i}].children"),
                        "nested notes",
                        t.join(" "),
                    );
                    if let (Part::NoteExtras, Some(l)) = (*part, &n.lang) {
                        drop(
                            format_args!("notes[{i}].lang"),
                            "a note's language",
                            l.clone(),
                        );
                    }
                }
            }
            Part::DateScheme => {
                for (i, d) in r.dates.iter().enumerate() {
                    if let Some(scheme) = &d.scheme {
                        drop(
                            format_args!("dates[{i}].scheme"),
                            "a date's scheme",
                            scheme.clone(),
                        );
                    }
                }
            }
            Part::DateExtras => {
                for (i, d) in r.dates.iter().enumerate() {
                    let span = d.span.as_ref().map(|s| match s {
                        DateSpan::Inclusive => "inclusive",
                        DateSpan::Bulk => "bulk",
                    });
                    let t = [
                        span,
                        d.certainty.as_deref(),
                        d.calendar.as_deref(),
                        d.era.as_deref(),
                        d.scheme.as_deref(),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                    drop(
                        format_args!("dates[{i}]"),
                        "a date's span, certainty, calendar or era",
                        t,
                    );
                }
            }
            // Flattened rather than dropped: see below.
            Part::TitleMarkup => {}
            Part::AbstractAttributes => {
                for (key, v) in r
                    .spelling
                    .iter()
                    .filter(|(k, _)| k.starts_with("abstract["))
                {
                    drop(
                        format_args!("{key}"),
                        "an abstract's EAD attributes",
                        v.clone(),
                    );
                }
            }
            Part::SpelledDetails => {
                let ead = matches!(target, Format::Ead | Format::Ead3);
                let tei = target == Format::Tei;
                // (where it is, its value, what it is), for what this target does not write
                let mut details: Vec<(String, String, &str)> = Vec::new();
                for (i, a) in r.agents.iter().enumerate() {
                    let no_id = |k: &str| a.spelling.get(k).filter(|_| a.authority.is_none());
                    let rules = a
                        .authority
                        .as_ref()
                        .and_then(|au| au.rules.as_ref())
                        .or(no_id("rules"));
                    for (key, value, what, own) in [
                        (
                            "source",
                            no_id("source"),
                            "a name's vocabulary given without an identifier (EAD @source)",
                            ead,
                        ),
                        (
                            "rules",
                            rules,
                            "the rules a name was formed by (EAD @rules)",
                            ead,
                        ),
                        (
                            "origination.encodinganalog",
                            a.spelling.get("origination.encodinganalog"),
                            "the analog of the origination a name stood in (EAD @encodinganalog)",
                            ead,
                        ),
                        (
                            "key",
                            no_id("key"),
                            "a name's key in a project's own index, given without a reference (TEI @key)",
                            tei,
                        ),
                    ] {
                        if let (Some(v), false) = (value, own) {
                            details.push((format!("agents[{i}].{key}"), v.clone(), what));
                        }
                    }
                }
                for (i, t) in r.titles.iter().enumerate() {
                    if let (Some(v), false) = (t.spelling.get("level"), tei) {
                        details.push((
                            format!("titles[{i}].level"),
                            v.clone(),
                            "a title's bibliographic level (TEI @level)",
                        ));
                    }
                }
                for (f, v, what) in details {
                    drop(format_args!("{f}"), what, v);
                }
            }
            Part::DcQualifiers => {
                let mut each = |what: &str, i: usize, sp: &Spelling| {
                    for (key, label) in [
                        ("xml:lang", "a DC value's language"),
                        ("xsi:type", "a DC value's encoding scheme"),
                        ("qualifier", "a DSpace qualifier"),
                    ] {
                        if let Some(v) = sp.get(key) {
                            drop(format_args!("{what}[{i}].{key}"), label, v.clone());
                        }
                    }
                };
                for (i, x) in r.titles.iter().enumerate() {
                    each("titles", i, &x.spelling);
                }
                for (i, x) in r.agents.iter().enumerate() {
                    each("agents", i, &x.spelling);
                }
                for (i, x) in r.subjects.iter().enumerate() {
                    each("subjects", i, &x.spelling);
                }
                for (i, x) in r.notes.iter().enumerate() {
                    each("notes", i, &x.spelling);
                }
                for (i, x) in r.dates.iter().enumerate() {
                    each("dates", i, &x.spelling);
                }
                for (i, x) in r.extents.iter().enumerate() {
                    each("extents", i, &x.spelling);
                }
                for (i, x) in r.identifiers.iter().enumerate() {
                    each("identifiers", i, &x.spelling);
                }
                for (i, x) in r.languages.iter().enumerate() {
                    each("languages", i, &x.spelling);
                }
                for (i, x) in r.relations.iter().enumerate() {
                    each("relations", i, &x.spelling);
                }
                for (i, x) in r.rights.iter().enumerate() {
                    each("rights", i, &x.spelling);
                }
            }
            Part::ExtentExtras => {
                for (i, e) in r.extents.iter().enumerate() {
                    let t = e
                        .kind
                        .iter()
                        .chain(&e.facets)
                        .chain(&e.dimensions)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" ");
                    drop(
                        format_args!("extents[{i}]"),
                        "an extent's kind, facets or dimensions",
                        t,
                    );
                }
            }
        }
    }
    if parts.contains(&Part::TitleMarkup) {
        for (i, t) in r.titles.iter().enumerate() {
            if t.markup.is_empty() {
                continue;
            }
            ledger.push(
                LossKind::Flattened,
                format!("{field}titles[{i}].markup"),
                target,
                format!("{target} writes the title's markup as plain text"),
            );
            let plain = crate::model::plain::inlines_plain(&t.markup);
            let mut words = plain.text.clone();
            for w in &plain.set_aside {
                words.push(' ');
                words.push_str(w);
            }
            ledger.with_text(&words);
            ledger.at(r.origin.as_deref(), None);
        }
    }
}

fn nested_words(notes: &[Note], out: &mut Vec<String>) {
    for n in notes {
        out.push(n.heading.clone().unwrap_or_default());
        out.push(blocks_words(&n.content));
        nested_words(&n.children, out);
    }
}
