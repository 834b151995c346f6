//! The kitchen-sink record (every field and block of the model, two levels of children)
//! through every writer.

mod common;

use std::collections::BTreeSet;

use common::*;
use crosswalk::model::{Block, Inline, Record};
use crosswalk::validate::{self, Schema};
use crosswalk::Format;

#[test]
fn kitchen_sink_uses_every_top_level_field() {
    let json: serde_json::Value =
        serde_json::from_str(&read("reference/kitchen-sink.json")).unwrap();
    let record = json["record"].as_object().unwrap();
    // Every field the model serialises must appear, so a new field cannot be left untested.
    let full = serde_json::to_value(crosswalk::model::Record {
        level: Some(crosswalk::model::Level::Item),
        holding: Some(Default::default()),
        security: Some(Default::default()),
        origin: Some(String::new()),
        ..Default::default()
    })
    .unwrap();
    let mut keys: Vec<String> = full.as_object().unwrap().keys().cloned().collect();
    keys.extend(
        [
            "identifiers",
            "titles",
            "agents",
            "dates",
            "languages",
            "subjects",
            "extents",
            "abstract",
            "notes",
            "rights",
            "document_types",
            "relations",
            "body",
            "children",
            "unmapped",
            "control",
            "containers",
            "digital_objects",
            "physical_locations",
            "material_specs",
            "attributes",
            "spelling",
            "places",
        ]
        .map(String::from),
    );
    for key in &keys {
        assert!(record.contains_key(key), "kitchen sink lacks {key}");
    }
    // Every block and inline kind the fixture uses, collected by walking the record with
    // exhaustive matches: a new variant stops this test compiling until it is handled here
    // and used in the fixture.
    let r = kitchen_sink();
    let (mut blocks, mut inlines) = (
        std::collections::BTreeSet::new(),
        std::collections::BTreeSet::new(),
    );
    fn walk_record(r: &Record, b: &mut BTreeSet<&'static str>, i: &mut BTreeSet<&'static str>) {
        for x in &r.body {
            walk_block(x, b, i);
        }
        fn walk_note(
            n: &crosswalk::model::Note,
            b: &mut BTreeSet<&'static str>,
            i: &mut BTreeSet<&'static str>,
        ) {
            n.content.iter().for_each(|x| walk_block(x, b, i));
            n.children.iter().for_each(|c| walk_note(c, b, i));
        }
        for n in &r.notes {
            walk_note(n, b, i);
        }
        r.children.iter().for_each(|c| walk_record(c, b, i));
    }
    fn walk_block(x: &Block, b: &mut BTreeSet<&'static str>, i: &mut BTreeSet<&'static str>) {
        let (tag, blocks, content): (&str, Vec<&Block>, Vec<&[Inline]>) = match x {
            Block::Section { blocks, .. } => ("section", blocks.iter().collect(), vec![]),
            Block::Heading { content } => ("heading", vec![], vec![content]),
            Block::Paragraph { content, .. } => ("paragraph", vec![], vec![content]),
            Block::List { items, .. } => (
                "list",
                items.iter().flat_map(|it| &it.blocks).collect(),
                items.iter().map(|it| it.content.as_slice()).collect(),
            ),
            Block::Quote { blocks } => ("quote", blocks.iter().collect(), vec![]),
            Block::Note { content, .. } => ("note", vec![], vec![content]),
            Block::DefinitionList { items } => (
                "definition_list",
                vec![],
                items
                    .iter()
                    .flat_map(|it| [it.label.as_slice(), it.content.as_slice()])
                    .collect(),
            ),
            Block::Chronology { heading, events } => (
                "chronology",
                vec![],
                heading
                    .iter()
                    .map(Vec::as_slice)
                    .chain(
                        events
                            .iter()
                            .flat_map(|e| e.events.iter().map(Vec::as_slice)),
                    )
                    .collect(),
            ),
            Block::Table { heading, rows } => (
                "table",
                vec![],
                heading
                    .iter()
                    .map(Vec::as_slice)
                    .chain(rows.iter().flat_map(|r| r.cells.iter().map(Vec::as_slice)))
                    .collect(),
            ),
            Block::Unmapped(_) => ("unmapped", vec![], vec![]),
        };
        b.insert(tag);
        blocks.into_iter().for_each(|x| walk_block(x, b, i));
        content
            .into_iter()
            .flatten()
            .for_each(|x| walk_inline(x, i));
    }
    fn walk_inline(x: &Inline, i: &mut BTreeSet<&'static str>) {
        let (tag, content): (&str, &[Inline]) = match x {
            Inline::Text { .. } => ("text", &[]),
            Inline::Emphasis { content, .. } => ("emphasis", content),
            Inline::Supplied { content, .. } => ("supplied", content),
            Inline::Gap { .. } => ("gap", &[]),
            Inline::Name { content, .. } => ("name", content),
            Inline::Date { content, .. } => ("date", content),
            Inline::Foreign { content, .. } => ("foreign", content),
            Inline::LineBreak => ("line_break", &[]),
            Inline::PageBreak { .. } => ("page_break", &[]),
            Inline::Link { content, .. } => ("link", content),
            Inline::Note { content, .. } => ("note", content),
            Inline::Title { content } => ("title", content),
            Inline::InternalRef { content, .. } => ("internal_ref", content),
            Inline::Choice {
                original, reading, ..
            } => {
                original.iter().for_each(|x| walk_inline(x, i));
                ("choice", reading)
            }
            Inline::Unmapped(_) => ("unmapped", &[]),
        };
        i.insert(tag);
        content.iter().for_each(|x| walk_inline(x, i));
    }
    walk_record(&r, &mut blocks, &mut inlines);
    assert_eq!(blocks.len(), 10, "block kinds used: {blocks:?}");
    assert_eq!(inlines.len(), 15, "inline kinds used: {inlines:?}");
}

/// Words of a text, for comparing what a record holds with what a writer gave.
fn words(s: &str) -> std::collections::BTreeSet<String> {
    s.split(|c: char| c.is_whitespace() || matches!(c, '|' | ';' | ',' | '"' | '<' | '>' | '/'))
        .map(|w| w.trim_matches(|c: char| c.is_ascii_punctuation() && c != '#'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn every_word_of_the_kitchen_sink_reaches_each_writers_output_or_its_ledger() {
    // record_text destructures the record exhaustively: a new field fails to compile there
    // until it is given words, and then this test asks every writer to account for them.
    let r = kitchen_sink();
    let wanted = words(&crosswalk::model::plain::record_text(&r));
    assert!(wanted.len() > 150, "the sink holds {} words", wanted.len());
    let attr = regex::Regex::new(r#"="([^"]*)""#).unwrap();
    for format in Format::ALL {
        let (out, ledger) = crosswalk::write(&r, format);
        // The output's text and attribute values, and every ledger entry's text.
        let mut have = words(&crosswalk::xml::text_runs(&out));
        for c in attr.captures_iter(&out) {
            have.extend(words(&c[1].replace("&amp;", "&")));
        }
        if format == Format::Json {
            have.extend(words(&out.replace("\\\"", "\"")));
        }
        for l in &ledger.losses {
            have.extend(words(l.text.as_deref().unwrap_or("")));
        }
        let missing: Vec<&String> = wanted.iter().filter(|w| !have.contains(*w)).collect();
        assert!(
            missing.is_empty(),
            "{format}: words of the record neither in the output nor in the ledger: {missing:?}"
        );
    }
}

#[test]
fn every_writer_handles_the_kitchen_sink_and_every_xml_output_validates() {
    let r = kitchen_sink();
    for format in Format::ALL {
        let (out, ledger) = crosswalk::write(&r, format);
        assert!(!out.is_empty());
        if let Some(schema) = Schema::for_format(format) {
            let errors = validate::validate(schema, &out).unwrap();
            assert!(errors.is_empty(), "{format}: {errors:#?}");
        }
        if format != Format::Json {
            // Each lossy writer accounts for something of the sink (the EAD unmapped
            // fragment cannot go anywhere but EAD, for one).
            assert!(
                !ledger.is_empty(),
                "{format} reports no loss for the kitchen sink"
            );
        }
    }
}

#[test]
fn ead_outputs_keep_the_hierarchy_as_nested_components() {
    let r = kitchen_sink();
    for format in [Format::Ead, Format::Ead3] {
        let (out, _) = crosswalk::write(&r, format);
        let doc = roxmltree::Document::parse(&out).unwrap();
        let dsc = doc
            .descendants()
            .find(|n| n.has_tag_name("dsc"))
            .expect("a dsc");
        let series: Vec<_> = dsc.children().filter(|n| n.has_tag_name("c")).collect();
        assert_eq!(series.len(), 2, "{format}: two series");
        assert_eq!(series[0].attribute("level"), Some("series"));
        let files: Vec<_> = series[0]
            .children()
            .filter(|n| n.has_tag_name("c"))
            .collect();
        assert_eq!(files.len(), 2, "{format}: two components under series 1");
        assert_eq!(files[0].attribute("level"), Some("file"));
        assert_eq!(files[1].attribute("level"), Some("otherlevel"));
        assert_eq!(files[1].attribute("otherlevel"), Some("piece"));
        let title = files[0]
            .descendants()
            .find(|n| n.has_tag_name("unittitle"))
            .unwrap();
        assert_eq!(title.text(), Some("File 1: To Rita"));
    }
}

#[test]
fn tei_keeps_the_hierarchy_as_nested_tei() {
    let (out, _) = crosswalk::write(&kitchen_sink(), Format::Tei);
    let back = crosswalk::tei::read(&out).unwrap();
    assert_eq!(back.children.len(), 2);
    assert_eq!(back.children[0].children.len(), 2);
    assert_eq!(
        back.children[0].children[1].level,
        Some(crosswalk::model::Level::Other("piece".into()))
    );
}

#[test]
fn dc_ledgers_children_and_body() {
    let (_, ledger) = crosswalk::write(&kitchen_sink(), Format::Dc);
    for field in ["children[0]", "children[1]", "body", "unmapped[0]"] {
        assert!(
            ledger.losses.iter().any(|l| l.field == field),
            "no loss for {field}"
        );
    }
}

#[test]
fn kitchen_sink_outputs_agree_with_jing_and_xmllint_where_installed() {
    let r = kitchen_sink();
    let outputs: Vec<_> = Format::ALL
        .into_iter()
        .map(|f| (f, crosswalk::write(&r, f).0))
        .collect();
    cross_check(&outputs);
}

#[test]
fn kitchen_sink_outputs_and_ledgers_match_the_reviewed_goldens() {
    // As in tests/reference.rs: the EAD3 maintenance event's time fixed the way a
    // reproducible build fixes it. Every test of this file that writes EAD3 would see it.
    std::env::set_var("SOURCE_DATE_EPOCH", "1700000000");
    let r = kitchen_sink();
    for format in Format::ALL {
        let (out, ledger) = crosswalk::write(&r, format);
        golden(&format!("golden/kitchen-sink.{}", format.extension()), &out);
        if format != Format::Json {
            let json = serde_json::to_string_pretty(&ledger).unwrap() + "\n";
            golden(&format!("golden/kitchen-sink.{format}-ledger.json"), &json);
        }
    }
}
