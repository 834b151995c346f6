//! The kitchen-sink record (every field and block of the model, two levels of children)
//! through every writer.

mod common;

use common::*;
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
        ]
        .map(String::from),
    );
    for key in &keys {
        assert!(record.contains_key(key), "kitchen sink lacks {key}");
    }
    let text = read("reference/kitchen-sink.json");
    for block in [
        "section",
        "heading",
        "paragraph",
        "list",
        "quote",
        "note",
        "unmapped",
    ] {
        assert!(
            text.contains(&format!(r#""type": "{block}""#)),
            "no {block} block"
        );
    }
    for inline in [
        "text",
        "emphasis",
        "supplied",
        "gap",
        "name",
        "date",
        "foreign",
        "line_break",
        "page_break",
        "link",
        "note",
    ] {
        assert!(
            text.contains(&format!(r#""type": "{inline}""#)),
            "no {inline} inline"
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
