//! The EAD and DC writers on a record whose values the target schemas cannot hold as
//! they stand: every output still validates, each value brought into its datatype is in
//! the ledger with its original text, and every dropped or flattened entry carries text.
// Model values are built with `..Default::default()` even where every field is given, so
// that a field added to the model does not break this file.
#![allow(clippy::needless_update)]

mod common;

use common::*;
use crosswalk::ledger::{Ledger, LossKind};
use crosswalk::model::*;
use crosswalk::validate::{self, Schema};
use crosswalk::Format;

fn unmapped(path: &str, xml: &str) -> Unmapped {
    Unmapped {
        format: "tei".into(),
        path: path.into(),
        line: Some(7),
        xml: xml.into(),
        ..Default::default()
    }
}

const CHOICE: &str = "<p xmlns=\"http://www.tei-c.org/ns/1.0\">pro <choice><abbr>detrimentu</abbr><expan>detrimentum</expan></choice> eius</p>";

/// A record with no record id, dates with times and zones, URIs where name tokens go,
/// three funders, a body that gives no block and unmapped content with a `choice`.
fn awkward() -> Record {
    let funder = |name: &str| Agent {
        name: name.into(),
        kind: AgentKind::Organisation,
        role: Role::Funder,
        ..Default::default()
    };
    let date = |normal: DateNormal| DateRef {
        text: "some day".into(),
        normal: Some(normal),
        kind: DateKind::Creation,
        ..Default::default()
    };
    Record {
        level: Some(Level::Other("sub series / part".into())),
        identifiers: vec![Identifier {
            value: "MS 1".into(),
            kind: IdentifierKind::Unit,
            ..Default::default()
        }],
        titles: vec![Title {
            text: "A title".into(),
            lang: Some("not a tag".into()),
            ..Default::default()
        }],
        agents: vec![
            funder("First Fund"),
            funder("Second Fund"),
            funder("Third Fund"),
            Agent {
                name: "Carmen Reisinger".into(),
                role: Role::Editor,
                authority: Some(Authority {
                    source: Some("https://d-nb.info/gnd/".into()),
                    id: "https://d-nb.info/gnd/118609807".into(),
                    rules: None,
                }),
                ..Default::default()
            },
        ],
        dates: vec![
            date(DateNormal::Single {
                when: "2015-12-10+01:00".into(),
            }),
            date(DateNormal::Range {
                from: "2015-12-10T10:00:00Z".into(),
                to: "2016".into(),
            }),
            date(DateNormal::Single {
                when: "ca. 1850".into(),
            }),
        ],
        languages: vec![Language {
            code: "x y".into(),
            ..Default::default()
        }],
        subjects: vec![Subject {
            term: "Letters".into(),
            vocabulary: Some("http://id.loc.gov/authorities/subjects".into()),
            ..Default::default()
        }],
        notes: vec![Note {
            kind: NoteKind::General,
            content: vec![Block::Unmapped(unmapped("/TEI/teiHeader/notesStmt/p", CHOICE))],
            ..Default::default()
        }],
        body: vec![Block::List {
            ordered: false,
            style: None,
            lang: None,
            items: vec![],
        }],
        unmapped: vec![unmapped(
            "/TEI/teiHeader/fileDesc/editionStmt",
            "<editionStmt xmlns=\"http://www.tei-c.org/ns/1.0\"><respStmt><persName>Carmen Reisinger<email>c.r@x.at</email></persName></respStmt></editionStmt>",
        )],
        ..Default::default()
    }
}

fn write(format: Format) -> (String, Ledger) {
    // The EAD3 maintenance event's time, fixed as for a reproducible build.
    std::env::set_var("SOURCE_DATE_EPOCH", "1700000000");
    crosswalk::write(&awkward(), format)
}

fn text_of(ledger: &Ledger) -> String {
    ledger
        .losses
        .iter()
        .filter_map(|l| l.text.as_deref())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_output_is_valid_and_every_loss_has_its_text() {
    let mut outputs = Vec::new();
    for format in [Format::Dc, Format::Ead, Format::Ead3] {
        let (out, ledger) = write(format);
        let schema = Schema::for_format(format).unwrap();
        let errors = validate::validate(schema, &out).unwrap();
        assert!(errors.is_empty(), "{format}: {errors:#?}\n{out}");
        for l in &ledger.losses {
            // The body here is an empty list: it has no words to carry.
            if l.kind != LossKind::Supplied && l.field != "body" {
                assert!(l.text.is_some(), "{format}: no text in {l:?}");
            }
        }
        // Nothing of the unmapped header fragment is lost without a trace, and its words
        // are not glued.
        let texts = text_of(&ledger);
        assert!(
            texts.contains("Carmen Reisinger c.r@x.at"),
            "{format}: {texts}"
        );
        let fragment = ledger
            .losses
            .iter()
            .find(|l| l.field.ends_with("unmapped[0]"))
            .unwrap();
        assert_eq!(
            fragment.source.as_deref(),
            Some("/TEI/teiHeader/fileDesc/editionStmt")
        );
        assert_eq!(fragment.line, Some(7));
        outputs.push((format, out));
    }
    cross_check(&outputs);
}

#[test]
fn dates_with_a_time_or_zone_are_cut_to_the_date_and_ledgered() {
    for format in [Format::Ead, Format::Ead3] {
        let (out, ledger) = write(format);
        assert!(out.contains("normal=\"2015-12-10\""), "{format}: {out}");
        assert!(
            out.contains("normal=\"2015-12-10/2016\""),
            "{format}: {out}"
        );
        assert!(
            !out.contains("+01:00") && !out.contains("T10:00"),
            "{format}"
        );
        assert!(!out.contains("normal=\"ca. 1850\""), "{format}");
        let texts = text_of(&ledger);
        for original in ["2015-12-10+01:00", "2015-12-10T10:00:00Z/2016", "ca. 1850"] {
            assert!(
                texts.contains(original),
                "{format}: {original} not in {texts}"
            );
        }
    }
}

#[test]
fn name_token_attributes_hold_name_tokens_in_ead_2002() {
    let (out, ledger) = write(Format::Ead);
    assert!(out.contains("otherlevel=\"sub_series_part\""), "{out}");
    assert!(out.contains("source=\"https:_d-nb.info_gnd\""), "{out}");
    assert!(
        out.contains("source=\"http:_id.loc.gov_authorities_subjects\""),
        "{out}"
    );
    assert!(out.contains("langcode=\"x_y\""), "{out}");
    let texts = text_of(&ledger);
    for original in [
        "sub series / part",
        "https://d-nb.info/gnd/",
        "http://id.loc.gov/authorities/subjects",
    ] {
        assert!(texts.contains(original), "{original} not in {texts}");
    }
}

#[test]
fn ead_2002_merges_the_sponsors_ead3_keeps_them_apart() {
    let (out, ledger) = write(Format::Ead);
    assert_eq!(out.matches("<sponsor>").count(), 1, "{out}");
    assert!(out.contains("<sponsor>First Fund; Second Fund; Third Fund</sponsor>"));
    assert!(ledger.losses.iter().any(|l| l.kind == LossKind::Flattened
        && l.text.as_deref() == Some("First Fund; Second Fund; Third Fund")));
    let (out3, _) = write(Format::Ead3);
    assert_eq!(out3.matches("<sponsor>").count(), 3, "{out3}");
}

#[test]
fn a_body_that_gives_no_block_writes_no_odd() {
    for format in [Format::Ead, Format::Ead3] {
        let (out, ledger) = write(format);
        assert!(!out.contains("transcription"), "{format}: {out}");
        assert!(ledger
            .losses
            .iter()
            .any(|l| l.field == "body" && l.kind == LossKind::Dropped));
    }
}

#[test]
fn record_ids_are_derived_stably_when_the_record_has_none() {
    let id_of = |out: &str, tag: &str| {
        let start = out.find(&format!("<{tag}>")).expect(tag) + tag.len() + 2;
        let end = out[start..].find('<').unwrap() + start;
        out[start..end].to_string()
    };
    let (ead, ledger) = write(Format::Ead);
    let (ead3, ledger3) = write(Format::Ead3);
    let id = id_of(&ead, "eadid");
    assert!(id.starts_with("crosswalk-") && id.len() > "crosswalk-".len());
    assert_eq!(id, id_of(&ead3, "recordid"));
    assert_eq!(id, id_of(&write(Format::Ead).0, "eadid"), "not stable");
    for l in [&ledger, &ledger3] {
        assert!(l
            .losses
            .iter()
            .any(|e| e.kind == LossKind::Supplied && e.text.as_deref() == Some(id.as_str())));
    }
    // A record id of its own is used as it is.
    let mut r = awkward();
    r.identifiers.push(Identifier {
        value: "rec-1".into(),
        kind: IdentifierKind::Record,
        ..Default::default()
    });
    let (ead, _) = crosswalk::write(&r, Format::Ead);
    assert_eq!(id_of(&ead, "eadid"), "rec-1");
}

#[test]
fn the_maintenance_event_carries_the_source_date_epoch() {
    let (out, _) = write(Format::Ead3);
    assert!(
        out.contains("<eventdatetime standarddatetime=\"2023-11-14T22:13:20Z\">2023-11-14T22:13:20Z</eventdatetime>"),
        "{out}"
    );
}

#[test]
fn a_choice_in_unmapped_text_gives_one_reading_and_ledgers_the_other() {
    for format in [Format::Dc, Format::Ead, Format::Ead3] {
        let (out, ledger) = write(format);
        assert!(out.contains("pro detrimentum eius"), "{format}: {out}");
        assert!(!out.contains("detrimentu "), "{format}: {out}");
        assert!(
            ledger
                .losses
                .iter()
                .any(|l| l.kind == LossKind::Flattened && l.text.as_deref() == Some("detrimentu")),
            "{format}: {:#?}",
            ledger.losses
        );
    }
}

#[test]
fn dc_leaves_off_an_xml_lang_that_is_not_a_language_tag() {
    let (out, ledger) = write(Format::Dc);
    assert!(!out.contains("xml:lang"), "{out}");
    assert!(ledger
        .losses
        .iter()
        .any(|l| l.field == "titles[0].lang" && l.text.as_deref() == Some("not a tag")));
}
