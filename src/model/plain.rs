//! Plain-text renderings of blocks, inlines, source fragments and whole records, for
//! targets that hold only strings (Dublin Core) or that have no markup for an editorial
//! feature, and for the loss ledger's `text`. Editorial insertions are printed in square
//! brackets, the convention of printed editions.
//!
//! Unmapped source fragments are rendered by [`crate::xml::strip_tags`]: word boundaries
//! at element edges except inside words, and one reading of each `choice` or `app`. The
//! readings it sets aside are returned with the text ([`Plain::set_aside`]) so that the
//! writer that prints the text can ledger them.

use super::{Block, DateNormal, Identifier, Inline, NameDetails, Record, Unmapped};

/// Plain text, with the alternative readings (of a TEI `choice` or `app`) that were left
/// out of it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plain {
    pub text: String,
    pub set_aside: Vec<String>,
}

impl Plain {
    /// The readings left out, as one string (`|` between readings), for a ledger entry.
    pub fn set_aside_text(&self) -> Option<String> {
        (!self.set_aside.is_empty()).then(|| self.set_aside.join(" | "))
    }
}

/// The text of blocks, one paragraph per line.
pub fn blocks_text(blocks: &[Block]) -> String {
    blocks_plain(blocks).text
}

/// The text of blocks, one paragraph per line, with the readings left out.
pub fn blocks_plain(blocks: &[Block]) -> Plain {
    let mut lines = Vec::new();
    let mut set_aside = Vec::new();
    for b in blocks {
        block_lines(b, &mut lines, &mut set_aside);
    }
    Plain {
        text: lines.join("\n"),
        set_aside,
    }
}

fn block_lines(b: &Block, lines: &mut Vec<String>, set_aside: &mut Vec<String>) {
    match b {
        Block::Section { blocks, .. } | Block::Quote { blocks } => {
            for b in blocks {
                block_lines(b, lines, set_aside);
            }
        }
        Block::Heading { content } | Block::Note { content, .. } => {
            lines.push(inlines_into(content, set_aside))
        }
        Block::Paragraph { n, content } => lines.push(match n {
            Some(n) => format!("{n}. {}", inlines_into(content, set_aside)),
            None => inlines_into(content, set_aside),
        }),
        Block::List { items, ordered, .. } => {
            for (i, it) in items.iter().enumerate() {
                let mark = match (&it.n, ordered) {
                    (Some(n), _) => format!("{n}. "),
                    (None, true) => format!("{}. ", i + 1),
                    (None, false) => "- ".to_string(),
                };
                lines.push(format!("{mark}{}", inlines_into(&it.content, set_aside)));
            }
        }
        Block::DefinitionList { items } => {
            for it in items {
                lines.push(format!(
                    "{}: {}",
                    inlines_into(&it.label, set_aside),
                    inlines_into(&it.content, set_aside)
                ));
            }
        }
        Block::Chronology { heading, events } => {
            if let Some(h) = heading {
                lines.push(inlines_into(h, set_aside));
            }
            for e in events {
                let what: Vec<String> = e
                    .events
                    .iter()
                    .map(|ev| inlines_into(ev, set_aside))
                    .collect();
                lines.push(format!("{}: {}", e.date.text, what.join("; ")));
            }
        }
        Block::Table { heading, rows } => {
            if let Some(h) = heading {
                lines.push(inlines_into(h, set_aside));
            }
            for row in rows {
                let cells: Vec<String> = row
                    .cells
                    .iter()
                    .map(|c| inlines_into(c, set_aside))
                    .collect();
                lines.push(cells.join(" | "));
            }
        }
        Block::Unmapped(u) => lines.push(crate::xml::strip_tags(&u.xml, set_aside)),
    }
    if let Block::List { items, .. } = b {
        for it in items {
            for b in &it.blocks {
                block_lines(b, lines, set_aside);
            }
        }
    }
}

/// The text of inline content with white space collapsed.
pub fn inlines_text(content: &[Inline]) -> String {
    inlines_plain(content).text
}

/// The text of inline content with white space collapsed, with the readings left out.
pub fn inlines_plain(content: &[Inline]) -> Plain {
    let mut set_aside = Vec::new();
    let text = inlines_into(content, &mut set_aside);
    Plain { text, set_aside }
}

fn inlines_into(content: &[Inline], set_aside: &mut Vec<String>) -> String {
    let mut s = String::new();
    push_inlines(content, &mut s, set_aside);
    crate::xml::text_of_str(&s)
}

fn push_inlines(content: &[Inline], s: &mut String, set_aside: &mut Vec<String>) {
    for i in content {
        match i {
            Inline::Text { text } => s.push_str(text),
            Inline::Emphasis { content, .. }
            | Inline::Name { content, .. }
            | Inline::Date { content, .. }
            | Inline::Foreign { content, .. }
            | Inline::Link { content, .. }
            | Inline::Title { content }
            | Inline::InternalRef { content, .. } => push_inlines(content, s, set_aside),
            // One reading: the expanded, regularised or corrected form; the other is set
            // aside for the ledger.
            Inline::Choice {
                original, reading, ..
            } => {
                push_inlines(reading, s, set_aside);
                let other = inlines_into(original, set_aside);
                if !other.is_empty() {
                    set_aside.push(other);
                }
            }
            Inline::Supplied { content, .. } => {
                s.push('[');
                push_inlines(content, s, set_aside);
                s.push(']');
            }
            Inline::Note { content, .. } => {
                s.push_str(" [");
                push_inlines(content, s, set_aside);
                s.push_str("] ");
            }
            Inline::Gap { .. } => s.push_str(" [...] "),
            Inline::LineBreak | Inline::PageBreak { .. } => s.push(' '),
            // The text around a fragment keeps the source's spacing: a fragment may
            // stand inside a word (`detrimen<choice>…</choice>`).
            Inline::Unmapped(u) => s.push_str(&crate::xml::strip_tags(&u.xml, set_aside)),
        }
    }
}

/// The words of a name's parts, parallel forms, identifiers, affiliations and contacts
/// (what a target that holds only the display form leaves out).
pub fn name_details_text(d: &NameDetails) -> String {
    let mut words: Vec<&str> = Vec::new();
    for p in &d.parallel {
        words.push(&p.text);
    }
    for i in &d.identifiers {
        words.push(&i.value);
    }
    for v in d.affiliations.iter().chain(&d.contacts) {
        words.push(v);
    }
    words.join(" ")
}

/// A normal date form as text (`1963-02-20`, `1850 1860`).
pub fn normal_text(n: &DateNormal) -> String {
    match n {
        DateNormal::Single { when } => when.clone(),
        DateNormal::Range { from, to } => format!("{from} {to}"),
        DateNormal::Approximate {
            not_before,
            not_after,
        } => format!("{not_before} {not_after}"),
        DateNormal::Set { dates } => dates.iter().map(normal_text).collect::<Vec<_>>().join(" "),
    }
}

/// The plain text of a source fragment with the readings left out.
pub fn fragment_plain(u: &Unmapped) -> Plain {
    let mut set_aside = Vec::new();
    let text = crate::xml::strip_tags(&u.xml, &mut set_aside);
    Plain { text, set_aside }
}

/// Every word of a source fragment, every reading included, each text node on its own
/// (`i<hi>6</hi>` gives "i 6"): what a writer loses when it drops the fragment.
pub fn fragment_words(u: &Unmapped) -> String {
    crate::xml::text_runs(&u.xml)
}

/// Every word of blocks, every reading included.
pub fn blocks_words(blocks: &[Block]) -> String {
    joined(&blocks_plain(blocks))
}

fn joined(p: &Plain) -> String {
    let mut s = p.text.clone();
    for r in &p.set_aside {
        s.push(' ');
        s.push_str(r);
    }
    crate::xml::text_of_str(&s)
}

/// Every word a record holds, its children's included, one field a line: what a writer
/// loses when it drops the whole record. Kinds and roles are named by their keys.
pub fn record_text(r: &Record) -> String {
    use super::Keyed;
    let mut lines: Vec<String> = Vec::new();
    let mut add = |s: &str| {
        let s = crate::xml::text_of_str(s);
        if !s.is_empty() {
            lines.push(s);
        }
    };
    let Record {
        level,
        identifiers,
        titles,
        agents,
        dates,
        languages,
        subjects,
        extents,
        abstract_,
        notes,
        rights,
        holding,
        security,
        document_types,
        relations,
        body,
        children,
        origin: _,
        unmapped,
        spelling: _,
        control,
        places,
        containers,
        digital_objects,
        physical_locations,
        material_specs,
        attributes,
    } = r;
    let ids = |ids: &[Identifier], add: &mut dyn FnMut(&str)| {
        for i in ids {
            add(&i.value);
            add(i.authority.as_deref().unwrap_or(""));
        }
    };
    if let Some(c) = control {
        ids(&c.ids, &mut add);
        if let Some(a) = &c.agency {
            add(&a.name);
            add(a.code.as_deref().unwrap_or(""));
        }
        for v in [&c.maintenance_status, &c.publication_status] {
            add(v.as_deref().unwrap_or(""));
        }
        for e in &c.events {
            for v in [&e.kind, &e.date] {
                add(v);
            }
            for v in [&e.normal, &e.agent, &e.agent_kind, &e.description] {
                add(v.as_deref().unwrap_or(""));
            }
        }
        for l in &c.languages {
            add(&l.code);
            add(l.name.as_deref().unwrap_or(""));
            add(l.script.as_deref().unwrap_or(""));
        }
        for v in c.rules.iter().chain(&c.sources) {
            add(v);
        }
        if let Some(o) = &c.oai {
            add(&o.identifier);
            add(o.datestamp.as_deref().unwrap_or(""));
            for s in &o.sets {
                add(s);
            }
        }
    }
    for c in containers {
        for v in [&c.kind, &c.label] {
            add(v.as_deref().unwrap_or(""));
        }
        add(&c.value);
    }
    for d in digital_objects {
        add(&d.href);
        for v in [&d.role, &d.title, &d.description] {
            add(v.as_deref().unwrap_or(""));
        }
    }
    for p in physical_locations {
        add(&p.text);
    }
    for p in places {
        add(&p.name);
        if let Some(a) = &p.authority {
            add(&a.id);
        }
    }
    for m in material_specs {
        add(m);
    }
    for v in attributes.values() {
        add(v);
    }
    if let Some(l) = level {
        add(l.key());
    }
    for t in titles {
        add(&t.text);
    }
    for i in identifiers {
        add(&i.value);
        add(i.authority.as_deref().unwrap_or(""));
    }
    for a in agents {
        add(&a.name);
        add(a.note.as_deref().unwrap_or(""));
        if let Some(au) = &a.authority {
            add(&au.id);
        }
        add(&name_details_text(&a.details));
    }
    for d in dates {
        add(&d.text);
        add(&match &d.normal {
            Some(DateNormal::Single { when }) => when.clone(),
            Some(DateNormal::Range { from, to }) => format!("{from} {to}"),
            Some(DateNormal::Approximate {
                not_before,
                not_after,
            }) => format!("{not_before} {not_after}"),
            Some(n @ DateNormal::Set { .. }) => normal_text(n),
            None => String::new(),
        });
    }
    for l in languages {
        add(&l.code);
        add(l.name.as_deref().unwrap_or(""));
        add(l.script.as_deref().unwrap_or(""));
    }
    for s in subjects {
        add(&s.term);
        add(s.uri.as_deref().unwrap_or(""));
        add(&name_details_text(&s.details));
    }
    for e in extents {
        add(&e.text);
        for v in e.facets.iter().chain(&e.dimensions) {
            add(v);
        }
    }
    for a in abstract_ {
        add(a);
    }
    fn note_words(n: &super::Note, add: &mut dyn FnMut(&str)) {
        add(n.heading.as_deref().unwrap_or(""));
        add(&blocks_words(&n.content));
        for c in &n.children {
            note_words(c, add);
        }
    }
    for n in notes {
        note_words(n, &mut add);
    }
    for rt in rights {
        for p in &rt.statement {
            add(p);
        }
        add(rt.licence.as_deref().unwrap_or(""));
    }
    if let Some(h) = holding {
        for v in [&h.settlement, &h.collection, &h.reference] {
            add(v.as_deref().unwrap_or(""));
        }
    }
    if let Some(s) = security {
        for v in [
            &s.classification,
            &s.original_classification,
            &s.copy_number,
        ] {
            add(v.as_deref().unwrap_or(""));
        }
    }
    for t in document_types {
        add(t);
    }
    for rel in relations {
        add(&rel.text);
        add(rel.uri.as_deref().unwrap_or(""));
    }
    add(&blocks_words(body));
    for u in unmapped {
        add(&fragment_words(u));
    }
    for c in children {
        add(&record_text(c));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agent, Title};

    fn strip(xml: &str) -> (String, Vec<String>) {
        let mut set_aside = Vec::new();
        let text = crate::xml::strip_tags(xml, &mut set_aside);
        (text, set_aside)
    }

    #[test]
    fn element_edges_are_word_boundaries() {
        let (t, _) = strip("<persName>Carmen Reisinger<email>c.r@x.at</email></persName>");
        assert_eq!(t, "Carmen Reisinger c.r@x.at");
        let (t, _) = strip("<p>one<lb/>two<note>three</note>four</p>");
        assert_eq!(t, "one two three four");
    }

    #[test]
    fn phrase_elements_inside_a_word_do_not_split_it() {
        let (t, _) = strip(
            "<p>detrimen<supplied>tum</supplied> <hi rend=\"sup\">H</hi>ello wor<lb break=\"no\"/>ld</p>",
        );
        assert_eq!(t, "detrimentum Hello world");
        let (t, _) = strip("<p xmlns=\"urn:isbn:1-931666-22-9\">Ex<emph>ample</emph></p>");
        assert_eq!(t, "Example");
    }

    #[test]
    fn a_choice_gives_one_reading_and_sets_the_other_aside() {
        let (t, other) = strip(
            "<p>pro <choice><abbr>detrimentu</abbr><expan>detrimentum</expan></choice> eius</p>",
        );
        assert_eq!(t, "pro detrimentum eius");
        assert_eq!(other, ["detrimentu"]);
        let (t, other) = strip("<p><choice><sic>teh</sic><corr>the</corr></choice> <choice><reg>judge</reg><orig>iudge</orig></choice></p>");
        assert_eq!(t, "the judge");
        assert_eq!(other, ["teh", "iudge"]);
        // Without a preferred child the first is kept.
        let (t, other) = strip("<choice><unclear>a</unclear><unclear>o</unclear></choice>");
        assert_eq!(
            (t.as_str(), other.as_slice()),
            ("a", &["o".to_string()][..])
        );
    }

    #[test]
    fn a_fragment_that_does_not_parse_keeps_the_boundaries() {
        let (t, _) = strip("<persName>A<email>b@c</email></persName><hi>x</hi>y &amp");
        assert_eq!(t, "A b@c xy &amp");
    }

    #[test]
    fn blocks_plain_collects_the_readings_set_aside() {
        let u = Unmapped {
            format: "tei".into(),
            path: "/TEI/text/body/p".into(),
            xml: "<p xmlns=\"http://www.tei-c.org/ns/1.0\">in <choice><abbr>Xp.</abbr><expan>Christo</expan></choice></p>".into(),
            ..Default::default()
        };
        let p = blocks_plain(&[Block::Unmapped(u.clone())]);
        assert_eq!(p.text, "in Christo");
        assert_eq!(p.set_aside_text().as_deref(), Some("Xp."));
        // The ledger's form: every text node in document order, each its own words.
        assert_eq!(fragment_words(&u), "in Xp. Christo");
        let sup = Unmapped {
            xml: "<p>i<hi rend=\"sup\">6</hi> (formerly i<hi>8</hi>)</p>".into(),
            ..Default::default()
        };
        assert_eq!(fragment_words(&sup), "i 6 (formerly i 8 )");
        let p = inlines_plain(&[Inline::Text { text: "a ".into() }, Inline::Unmapped(u)]);
        assert_eq!(p.text, "a in Christo");
    }

    #[test]
    fn record_text_holds_every_word_of_children_too() {
        let child = Record {
            titles: vec![Title {
                text: "Child title".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let r = Record {
            agents: vec![Agent {
                name: "Ann Author".into(),
                note: Some("written by".into()),
                ..Default::default()
            }],
            children: vec![child],
            ..Default::default()
        };
        let t = record_text(&r);
        for w in ["Ann", "Author", "written", "Child", "title"] {
            assert!(
                t.split_whitespace().any(|x| x == w),
                "{w} missing from {t:?}"
            );
        }
    }
}
