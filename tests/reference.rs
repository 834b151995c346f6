//! The reference record (fixtures/reference/alekseyev-castro-1963.tei.xml) through every
//! writer: valid output, every fact of the seed page present, goldens unchanged.

mod common;

use common::*;
use crosswalk::ledger::LossKind;
use crosswalk::validate::{self, Schema};
use crosswalk::Format;

/// Facts of the seed page, as each appears in any output (XML text or JSON string).
const FACTS: &[&str] = &[
    "From the Journal of A.I. Alekseyev, 'Record of a Conversation with Fidel Castro Ruz, Prime Minister of the Republic of Cuba, 20 February 1963'",
    "A. I. Alekseyev",
    "from the journal of",
    "20 February 1963",
    "1963-02-20",
    "23 March 1963",
    "1963-03-23",
    "Top Secret",
    "Copy Nº 1",
    "Outgoing Nº 85",
    "Memorandum of Conversation",
    "Letter from",
    "Khrushchev",
    "Soviet troops are leaving",
    "Vatican",
    "in English",
    "the text of",
    "is presented separately under the same message number",
    "I met with",
    "at the latter’s apartment.",
    "realistic assessments close to our own predominated",
    "for processing",
    "fruit",
    "so as",
    "to give financial aid to revolutionary groups.",
    "Fidel Castro expresses concern over US efforts to isolate Cuba from other Latin America countries, including Brazil, and proposes an initiative to expand economic ties with Canada.",
    "AVP RF, f. 0104, op. 19, p. 124, d. 3, l. 72",
    "James G. Hershberg",
    "Gary Goldberg",
    "Blavatnik Family Foundation",
    "History and Public Policy Program Digital Archive",
    "welcomes reuse of Digital Archive materials for research and educational purposes",
    "To enquire about this document's rights status or request permission for commercial use",
    "Fidel Castro Ruz",
    "Kennedy",
    "Goulart",
    "F. Juliao",
    "Peasant Leagues",
    "OAS",
    "Havana",
    "Brazil",
    "Canada",
    "Mexico",
    "Chile",
    "Latin America",
];

fn output(format: Format) -> (String, crosswalk::Ledger) {
    crosswalk::write(&reference(), format)
}

#[test]
fn every_xml_output_is_valid_against_its_schema() {
    for format in [Format::Tei, Format::Dc, Format::Ead, Format::Ead3] {
        let (out, _) = output(format);
        let schema = Schema::for_format(format).unwrap();
        let errors = validate::validate(schema, &out).unwrap();
        assert!(
            errors.is_empty(),
            "{format} output invalid against {}: {errors:#?}",
            schema.label()
        );
    }
}

#[test]
fn ead3_output_is_also_valid_against_the_ead3_xsd() {
    let (out, _) = output(Format::Ead3);
    let errors = validate::validate(Schema::Ead3Xsd, &out).unwrap();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn every_fact_is_in_the_tei_ead_ead3_and_json_outputs() {
    for format in [Format::Tei, Format::Ead, Format::Ead3, Format::Json] {
        let (out, _) = output(format);
        let missing: Vec<&&str> = FACTS.iter().filter(|f| !out.contains(**f)).collect();
        assert!(missing.is_empty(), "{format} output lacks {missing:#?}");
    }
}

#[test]
fn tei_and_json_keep_editorial_insertions_as_markup_not_brackets() {
    let (tei, _) = output(Format::Tei);
    assert!(tei.contains(r#"<supplied reason="editorial">fruit</supplied>"#));
    assert!(tei.contains(r#"<supplied reason="editorial">so as</supplied>"#));
    assert!(!tei.contains("[fruit]") && !tei.contains("[so as]"));
    let (json, _) = output(Format::Json);
    assert!(json.contains(r#""type": "supplied""#));
    assert!(!json.contains("[fruit]"));
    // EAD has no such markup: the insertion is printed in brackets and the ledger says so.
    let (ead, ledger) = output(Format::Ead);
    assert!(ead.contains("[fruit]") && ead.contains("[so as]"));
    assert!(ledger
        .losses
        .iter()
        .any(|l| l.kind == LossKind::Flattened && l.reason.contains("editorial insertion")));
}

#[test]
fn dc_carries_what_dc_can_hold_and_ledgers_the_rest() {
    let (dc, ledger) = output(Format::Dc);
    for fact in [
        FACTS[0],
        "<dc:creator>A. I. Alekseyev</dc:creator>",
        "<dc:date>1963-02-20</dc:date>",
        "<dc:date>1963-03-23</dc:date>",
        "<dc:publisher>History and Public Policy Program Digital Archive</dc:publisher>",
        "<dc:contributor>Gary Goldberg</dc:contributor>",
        "<dc:contributor>James G. Hershberg</dc:contributor>",
        "<dc:contributor>Blavatnik Family Foundation</dc:contributor>",
        "<dc:type>Memorandum of Conversation</dc:type>",
        "<dc:source>AVP RF, f. 0104, op. 19, p. 124, d. 3, l. 72</dc:source>",
        "<dc:identifier>Outgoing Nº 85</dc:identifier>",
        "<dc:language>en</dc:language>",
        "<dc:coverage>Havana</dc:coverage>",
        "<dc:subject>Peasant Leagues</dc:subject>",
        "<dc:rights>Security classification: Top Secret</dc:rights>",
        "<dc:rights>Original classification: Top Secret</dc:rights>",
        "<dc:rights>Copy number: 1</dc:rights>",
        "Fidel Castro expresses concern over US efforts",
        "welcomes reuse of Digital Archive materials",
    ] {
        assert!(dc.contains(fact), "DC lacks {fact}");
    }
    let r = reference();
    let has = |kind: LossKind, field: &str| {
        ledger
            .losses
            .iter()
            .any(|l| l.kind == kind && l.field == field)
    };
    assert!(
        has(LossKind::Dropped, "body"),
        "the body's loss is not in the ledger"
    );
    for (i, a) in r.agents.iter().enumerate() {
        if [
            "Gary Goldberg",
            "James G. Hershberg",
            "Blavatnik Family Foundation",
        ]
        .contains(&a.name.as_str())
        {
            assert!(
                has(LossKind::Flattened, &format!("agents[{i}].role")),
                "role of {} not ledgered",
                a.name
            );
        }
        if a.note.is_some() {
            assert!(
                has(LossKind::Dropped, &format!("agents[{i}].note")),
                "'{:?}' not ledgered",
                a.note
            );
        }
    }
    for (i, _) in r.dates.iter().enumerate() {
        assert!(has(LossKind::Flattened, &format!("dates[{i}]")));
    }
    assert!(!dc.contains("[fruit]") && !dc.contains("in English"));
    assert!(ledger
        .losses
        .iter()
        .all(|l| l.target == Format::Dc && l.source.as_deref() == Some("/TEI")));
}

#[test]
fn outputs_match_the_reviewed_goldens() {
    // The EAD3 maintenance event carries the time of conversion: fixed here the way a
    // reproducible build fixes it, so that the golden does not follow the clock. Every
    // test of this file that writes EAD3 sets the same value.
    std::env::set_var("SOURCE_DATE_EPOCH", "1700000000");
    for format in Format::ALL {
        let (out, _) = output(format);
        golden(
            &format!("golden/alekseyev-castro-1963.{}", format.extension()),
            &out,
        );
    }
    let (_, ledger) = output(Format::Dc);
    let json = serde_json::to_string_pretty(&ledger).unwrap() + "\n";
    golden("golden/alekseyev-castro-1963.dc-ledger.json", &json);
}

#[test]
fn outputs_agree_with_jing_and_xmllint_where_installed() {
    let outputs: Vec<_> = Format::ALL.into_iter().map(|f| (f, output(f).0)).collect();
    cross_check(&outputs);
}
