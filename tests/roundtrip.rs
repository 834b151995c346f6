//! Round trips: JSON exactly, TEI to an equal model, on our records and the TEI corpus.

mod common;

use common::*;
use crosswalk::Format;

#[test]
fn json_model_json_is_byte_identical() {
    for rel in [
        "reference/kitchen-sink.json",
        "golden/alekseyev-castro-1963.json",
    ] {
        let text = read(rel);
        let again = crosswalk::json::write(&crosswalk::json::read(&text).unwrap());
        assert!(again == text, "{rel} changes on a JSON round trip");
    }
}

fn tei_round_trip(text: &str, name: &str) {
    let first = crosswalk::tei::read(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let (tei, _) = crosswalk::write(&first, Format::Tei);
    let second = crosswalk::tei::read(&tei).unwrap_or_else(|e| panic!("{name}, written: {e}"));
    assert!(
        normalised(first.clone()) == normalised(second.clone()),
        "{name}: TEI → model → TEI → model changed the model"
    );
    let (tei2, _) = crosswalk::write(&second, Format::Tei);
    assert!(tei == tei2, "{name}: a second write differs from the first");
}

#[test]
fn tei_model_tei_model_is_equal_for_our_records() {
    tei_round_trip(
        &read("reference/alekseyev-castro-1963.tei.xml"),
        "reference",
    );
    let (ks, _) = crosswalk::write(&kitchen_sink(), Format::Tei);
    tei_round_trip(&ks, "kitchen sink (as TEI)");
}

#[test]
fn tei_model_tei_model_is_equal_for_the_tei_corpus() {
    let Some(shared) = shared("tei_model_tei_model_is_equal_for_the_tei_corpus") else {
        return;
    };
    let files = xml_files(&shared.join("corpus/tei"));
    assert!(!files.is_empty());
    for f in &files {
        let text = crosswalk::xml::decode(&std::fs::read(f).unwrap()).unwrap();
        tei_round_trip(&text, &f.display().to_string());
    }
    eprintln!("round-tripped {} corpus TEI files", files.len());
}

/// What a document holds, read by an independent parser: words of text, attribute
/// `name=value` pairs (namespace declarations aside, white space collapsed), elements by
/// local name, and the sequence of element names under `text`.
struct Profile {
    words: std::collections::BTreeMap<String, usize>,
    attributes: std::collections::BTreeMap<(String, String), usize>,
    elements: std::collections::BTreeMap<String, usize>,
    text_order: Vec<String>,
}

fn profile(xml: &str) -> Profile {
    let doc = roxmltree::Document::parse_with_options(
        xml,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap();
    let mut p = Profile {
        words: Default::default(),
        attributes: Default::default(),
        elements: Default::default(),
        text_order: Vec::new(),
    };
    for n in doc.descendants() {
        if n.is_text() {
            for w in n.text().unwrap_or("").split_whitespace() {
                *p.words.entry(w.to_string()).or_default() += 1;
            }
        } else if n.is_element() {
            *p.elements
                .entry(n.tag_name().name().to_string())
                .or_default() += 1;
            for a in n.attributes() {
                let v = a.value().split_whitespace().collect::<Vec<_>>().join(" ");
                *p.attributes.entry((a.name().to_string(), v)).or_default() += 1;
            }
        }
    }
    if let Some(t) = doc.descendants().find(|n| n.has_tag_name("text")) {
        p.text_order = t
            .descendants()
            .filter(|n| n.is_element())
            .map(|n| n.tag_name().name().to_string())
            .collect();
    }
    p
}

#[test]
fn tei_to_tei_keeps_every_word_attribute_and_element_of_the_tei_corpus() {
    let Some(shared) =
        shared("tei_to_tei_keeps_every_word_attribute_and_element_of_the_tei_corpus")
    else {
        return;
    };
    let files = xml_files(&shared.join("corpus/tei"));
    assert!(!files.is_empty());
    for f in &files {
        let text = crosswalk::xml::decode(&std::fs::read(f).unwrap()).unwrap();
        let r = crosswalk::tei::read(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let (out, _) = crosswalk::write(&r, Format::Tei);
        let (a, b) = (profile(&text), profile(&out));
        let name = f.display();
        assert_eq!(a.words, b.words, "{name}: the words differ");
        assert_eq!(
            a.attributes, b.attributes,
            "{name}: the attribute values differ"
        );
        assert_eq!(a.elements, b.elements, "{name}: the element counts differ");
        assert_eq!(
            a.text_order, b.text_order,
            "{name}: the order under <text> differs"
        );
    }
    eprintln!(
        "{} corpus TEI files keep every word, attribute and element",
        files.len()
    );
}
