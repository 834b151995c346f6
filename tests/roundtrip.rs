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
