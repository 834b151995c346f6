//! Reading Dublin Core: every file of ../shared/corpus/dc through the reader and the
//! writers, round trips DC → model → DC, and the protocol's edge cases on small inputs.

mod common;

use std::collections::HashMap;

use common::*;
use crosswalk::model::*;
use crosswalk::pipeline::{read_input, Converter, Options};
use crosswalk::Format;

const DC: &str = "http://purl.org/dc/elements/1.1/";
const DCT: &str = "http://purl.org/dc/terms/";

/// The words of every DC or dcterms value (an element without child elements) and of
/// every DSpace `dcvalue` in a text, counted.
fn dc_words(xml: &str) -> HashMap<String, usize> {
    let doc = crosswalk::xml::parse(xml).unwrap();
    let mut out = HashMap::new();
    for n in doc.root().descendants().filter(|n| n.is_element()) {
        let ns = n.tag_name().namespace().unwrap_or("");
        let leaf = !n.children().any(|c| c.is_element());
        if leaf && (ns == DC || ns == DCT || n.tag_name().name() == "dcvalue") {
            let t = crosswalk::xml::text_of(n);
            for w in t.split_whitespace() {
                *out.entry(w.to_string()).or_insert(0) += 1;
            }
        }
    }
    out
}

/// What `a` has that `b` lacks.
fn missing(a: &HashMap<String, usize>, b: &HashMap<String, usize>) -> Vec<String> {
    a.iter()
        .filter(|(w, n)| b.get(*w).copied().unwrap_or(0) < **n)
        .map(|(w, _)| w.clone())
        .collect()
}

/// Records a source holds, counted from the XML on its own terms: OAI `record`s with
/// metadata and not deleted; RDF descriptions with a DC property; else one.
fn expected_records(xml: &str) -> usize {
    let doc = crosswalk::xml::parse(xml).unwrap();
    let root = doc.root_element();
    match root.tag_name().name() {
        "OAI-PMH" | "record" if root.descendants().any(|n| n.tag_name().name() == "header") => root
            .descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == "record")
            .filter(|r| {
                let deleted = r.children().any(|h| {
                    h.tag_name().name() == "header" && h.attribute("status") == Some("deleted")
                });
                let md = r.children().any(|m| m.tag_name().name() == "metadata");
                md && !deleted
            })
            .count(),
        "RDF" => root
            .children()
            .filter(|d| d.is_element())
            .filter(|d| {
                d.children()
                    .any(|p| matches!(p.tag_name().namespace(), Some(DC) | Some(DCT)))
            })
            .count(),
        _ => 1,
    }
}

/// A record without what the qdc container has no place for (where it came from, its
/// OAI header, foreign elements), to compare the model before and after a round trip.
fn comparable(mut r: Record) -> Record {
    r.origin = None;
    r.control = None;
    r.unmapped.clear();
    r
}

fn corpus() -> Option<Vec<std::path::PathBuf>> {
    let shared = shared("dc corpus")?;
    Some(xml_files(&shared.join("corpus/dc")))
}

#[test]
fn every_corpus_file_reads_converts_and_round_trips() {
    let Some(files) = corpus() else { return };
    assert!(!files.is_empty());
    let qdc_xsd = xmllint_schema_dir().join("dc/qualifieddc.xsd");
    let mut converter = Converter::new();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let text = crosswalk::xml::decode(&std::fs::read(&f).unwrap()).unwrap();
        let input = match read_input(&text, None) {
            Ok(i) => i,
            Err(e) => {
                // A response without records says why.
                assert!(e.message.contains("no records"), "{name}: {e}");
                assert!(
                    !text.contains("<record") || text.contains("status=\"deleted\""),
                    "{name}: refused although it holds records: {e}"
                );
                continue;
            }
        };
        assert_eq!(
            input.records.len(),
            expected_records(&text),
            "{name}: records"
        );
        let mut qdc_words = HashMap::new();
        for (i, r) in input.records.iter().enumerate() {
            let (qdc, ledger) = crosswalk::write(r, Format::Qdc);
            if let Some(ok) = external_check("xmllint", &qdc_xsd, &qdc) {
                assert!(ok, "{name}[{i}]: qdc invalid by xmllint:\n{qdc}");
            }
            for (w, n) in dc_words(&qdc) {
                *qdc_words.entry(w).or_insert(0) += n;
            }
            // DC → model → qualified DC → model: the same model. DSpace qualifiers that
            // name no DCMI term (contributor.author, date.accessioned) are flattened by
            // design, each in the ledger.
            let back = crosswalk::read(&qdc, None).unwrap_or_else(|e| panic!("{name}: {e}"));
            if text.contains("<dublin_core") {
                assert!(
                    ledger.losses.iter().any(|l| l.field.ends_with(".kind")),
                    "{name}: DSpace qualifiers flattened without a word"
                );
                continue;
            }
            assert_eq!(
                comparable(back),
                comparable(r.clone()),
                "{name}[{i}]: qdc round trip"
            );
        }
        let lost = missing(&dc_words(&text), &qdc_words);
        assert!(lost.is_empty(), "{name}: qdc lost {lost:?}");
        // Every record converts to valid TEI and EAD3 (the converter validates).
        for to in [Format::Tei, Format::Ead3, Format::Dc, Format::Json] {
            let out = converter.convert(&text, &Options::new(to));
            assert!(out.is_ok(), "{name} -> {to}: {}", out.err().unwrap().error);
        }
    }
}

#[test]
fn simple_dc_round_trips_through_oai_dc() {
    let Some(files) = corpus() else { return };
    let mut checked = 0;
    for f in files {
        let text = crosswalk::xml::decode(&std::fs::read(&f).unwrap()).unwrap();
        // Simple DC only: qualified DC is reduced by the dumb-down.
        if !text.contains("oai_dc:dc") || text.contains("dcterms:") {
            continue;
        }
        let Ok(input) = read_input(&text, None) else {
            continue;
        };
        for r in input.records {
            let (dc, _) = crosswalk::write(&r, Format::Dc);
            let back = crosswalk::read(&dc, None).unwrap();
            assert_eq!(comparable(back), comparable(r), "{}", f.display());
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} simple DC records");
}

fn read_one(xml: &str) -> (Record, Vec<String>) {
    let i = read_input(xml, None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(i.records.len(), 1);
    (i.records.into_iter().next().unwrap(), i.warnings)
}

const OAI_HEAD: &str = r#"<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-01-01T00:00:00Z</responseDate><request verb="ListRecords">http://x.example/oai</request>"#;

#[test]
fn oai_headers_go_to_record_control_and_deleted_records_are_named() {
    let xml = format!(
        r#"{OAI_HEAD}<ListRecords>
<record><header status="deleted"><identifier>oai:x:gone</identifier><datestamp>2020-01-01</datestamp></header></record>
<record><header><identifier>oai:x:1</identifier><datestamp>2020-02-02</datestamp><setSpec>a</setSpec><setSpec>b:c</setSpec></header>
<metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>One; two</dc:title></oai_dc:dc></metadata>
<about><provenance xmlns="http://www.openarchives.org/OAI/2.0/provenance"><originDescription/></provenance></about></record>
</ListRecords></OAI-PMH>"#
    );
    let i = read_input(&xml, None).unwrap();
    assert_eq!(i.records.len(), 1);
    assert!(
        i.warnings.iter().any(|w| w.contains("oai:x:gone")),
        "{:?}",
        i.warnings
    );
    let r = &i.records[0];
    let oai = r.control.as_ref().unwrap().oai.as_ref().unwrap();
    assert_eq!(oai.identifier, "oai:x:1");
    assert_eq!(oai.datestamp.as_deref(), Some("2020-02-02"));
    assert_eq!(oai.sets, ["a", "b:c"]);
    // Values as written: no splitting on ';'.
    assert_eq!(r.titles[0].text, "One; two");
    assert!(
        r.unmapped.iter().any(|u| u.xml.contains("provenance")),
        "about kept"
    );
}

#[test]
fn responses_without_records_say_why() {
    let cases = [
        (
            format!(r#"{OAI_HEAD}<error code="noRecordsMatch">Nothing here</error></OAI-PMH>"#),
            "noRecordsMatch",
        ),
        (
            format!(
                r#"{OAI_HEAD}<Identify><repositoryName>X</repositoryName></Identify></OAI-PMH>"#
            ),
            "Identify",
        ),
        (
            format!(
                r#"{OAI_HEAD}<ListRecords><record><header status="deleted"><identifier>oai:x:9</identifier><datestamp>2020</datestamp></header></record></ListRecords></OAI-PMH>"#
            ),
            "oai:x:9",
        ),
    ];
    for (xml, want) in cases {
        let e = read_input(&xml, None).unwrap_err();
        assert!(e.message.contains("no records"), "{e}");
        assert!(e.message.contains(want), "{e}");
    }
}

#[test]
fn namespace_slips_are_read_with_a_warning() {
    // A record outside the OAI namespace, a DC element missing its namespace, a DC
    // namespace without its trailing slash.
    let xml = r#"<record><header><identifier>oai:x:2</identifier></header><metadata>
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1">
<dc:title>Slipped</dc:title><creator>Nobody, A.</creator><foo:bar xmlns:foo="urn:foo">kept</foo:bar></oai_dc:dc></metadata></record>"#;
    let (r, warnings) = read_one(xml);
    assert_eq!(r.titles[0].text, "Slipped");
    assert_eq!(r.agents[0].name, "Nobody, A.");
    assert_eq!(r.agents[0].role, Role::Creator);
    assert!(warnings.len() >= 3, "{warnings:?}");
    assert!(r.unmapped.iter().any(|u| u.xml.contains("kept")));
}

#[test]
fn refinements_schemes_and_languages_have_one_home_each() {
    let xml = r#"<qualifieddc xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title xml:lang="fr">Titre</dc:title>
<dcterms:alternative>Other title</dcterms:alternative>
<dcterms:created xsi:type="dcterms:W3CDTF">1881-03</dcterms:created>
<dcterms:issued>1881; 1882</dcterms:issued>
<dc:type xsi:type="dcterms:DCMIType">Text</dc:type>
<dcterms:isPartOf>A collection</dcterms:isPartOf>
<dcterms:spatial>Muncie</dcterms:spatial>
<dcterms:extent>72 p.</dcterms:extent>
<dcterms:medium>print</dcterms:medium>
<dc:language xsi:type="dcterms:ISO639-2">eng</dc:language>
<dcterms:provenance>Butler University</dcterms:provenance>
<dcterms:license>http://creativecommons.org/licenses/by/4.0/</dcterms:license>
<dcterms:audience>Teachers</dcterms:audience>
<dcterms:bibliographicCitation>Cite me</dcterms:bibliographicCitation>
</qualifieddc>"#;
    let (r, _) = read_one(xml);
    assert_eq!(r.titles[0].lang.as_deref(), Some("fr"));
    assert_eq!(r.titles[1].kind, TitleKind::Alternative);
    assert_eq!(r.dates[0].kind, DateKind::Creation);
    assert_eq!(r.dates[0].scheme.as_deref(), Some("W3CDTF"));
    assert_eq!(
        r.dates[0].normal,
        Some(DateNormal::Single {
            when: "1881-03".into()
        })
    );
    assert_eq!(r.dates[1].kind, DateKind::Publication);
    assert_eq!(r.dates[1].text, "1881; 1882");
    assert_eq!(r.dates[1].normal, None);
    let t = &r.subjects[0];
    assert_eq!(
        (&t.kind, t.vocabulary.as_deref()),
        (&SubjectKind::GenreForm, Some("DCMIType"))
    );
    assert_eq!(r.relations[0].kind, RelationKind::IsPartOf);
    assert_eq!(r.subjects[1].kind, SubjectKind::Place);
    assert_eq!(r.extents.len(), 2);
    assert_eq!(r.languages[0].scheme.as_deref(), Some("ISO639-2"));
    assert!(r.notes.iter().any(|n| n.kind == NoteKind::CustodialHistory));
    assert!(r
        .notes
        .iter()
        .any(|n| n.kind == NoteKind::PreferredCitation));
    assert!(r
        .notes
        .iter()
        .any(|n| n.kind == NoteKind::Other("audience".into())));
    assert_eq!(
        r.rights[0].licence.as_deref(),
        Some("http://creativecommons.org/licenses/by/4.0/")
    );
    // Written back as qualified DC: the same statements.
    let (qdc, _) = crosswalk::write(&r, Format::Qdc);
    for want in [
        r#"<dc:title xml:lang="fr">Titre</dc:title>"#,
        "<dcterms:alternative>Other title</dcterms:alternative>",
        r#"<dcterms:created xsi:type="dcterms:W3CDTF">1881-03</dcterms:created>"#,
        r#"<dc:type xsi:type="dcterms:DCMIType">Text</dc:type>"#,
        "<dcterms:medium>print</dcterms:medium>",
        "<dcterms:audience>Teachers</dcterms:audience>",
    ] {
        assert!(qdc.contains(want), "{want} missing from\n{qdc}");
    }
    // Simple DC: the dumb-down, each dropped refinement in the ledger.
    let (dc, ledger) = crosswalk::write(&r, Format::Dc);
    assert!(dc.contains("<dc:title>Other title</dc:title>"), "{dc}");
    assert!(dc.contains("<dc:format>print</dc:format>"), "{dc}");
    assert!(
        ledger
            .losses
            .iter()
            .any(|l| l.reason.contains("dcterms:medium")),
        "{:#?}",
        ledger.losses
    );
}

#[test]
fn dspace_qualifiers_become_properties_schemes_or_kinds() {
    let xml = r#"<dublin_core schema="dc">
<dcvalue element="contributor" qualifier="author">Herrera, M.</dcvalue>
<dcvalue element="date" qualifier="issued">2006</dcvalue>
<dcvalue element="date" qualifier="accessioned">2010-12-08T18:05:02Z</dcvalue>
<dcvalue element="identifier" qualifier="uri">http://hdl.handle.net/1928/11720</dcvalue>
<dcvalue element="subject" qualifier="lcsh">Tourism -- Environmental aspects</dcvalue>
<dcvalue element="title" qualifier="none" language="en_US">Gestión</dcvalue>
<dcvalue element="relation" qualifier="ispartof">Series 1</dcvalue>
</dublin_core>"#;
    let (r, _) = read_one(xml);
    assert_eq!(r.agents[0].role, Role::Author);
    assert_eq!(r.dates[0].kind, DateKind::Publication);
    assert_eq!(r.dates[1].kind, DateKind::Other("accessioned".into()));
    assert_eq!(r.identifiers[0].kind, IdentifierKind::Uri);
    assert_eq!(r.subjects[0].vocabulary.as_deref(), Some("LCSH"));
    assert_eq!(r.titles[0].lang.as_deref(), Some("en-US"));
    assert_eq!(r.relations[0].kind, RelationKind::IsPartOf);
    let (qdc, ledger) = crosswalk::write(&r, Format::Qdc);
    assert!(
        qdc.contains("<dc:date>2010-12-08T18:05:02Z</dc:date>"),
        "{qdc}"
    );
    assert!(ledger
        .losses
        .iter()
        .any(|l| l.reason.contains("accessioned") && l.kind == crosswalk::LossKind::Flattened));
}

#[test]
fn rdf_descriptions_blank_nodes_and_resources() {
    let xml = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcam="http://purl.org/dc/dcam/" xml:base="http://example.org/">
<rdf:Description rdf:about="items/1">
 <dcterms:title>An item</dcterms:title>
 <dcterms:subject><rdf:Description><dcam:memberOf rdf:resource="http://purl.org/dc/terms/LCSH"/><rdf:value>Maps</rdf:value></rdf:Description></dcterms:subject>
 <dcterms:isPartOf rdf:resource="collections/2"/>
</rdf:Description>
<rdf:Description rdf:about="items/2"><dcterms:title>Another</dcterms:title></rdf:Description>
</rdf:RDF>"#;
    let i = read_input(xml, None).unwrap();
    assert_eq!(i.records.len(), 2);
    let r = &i.records[0];
    assert_eq!(r.identifiers[0].value, "http://example.org/items/1");
    assert_eq!(r.subjects[0].term, "Maps");
    assert_eq!(r.subjects[0].vocabulary.as_deref(), Some("LCSH"));
    assert_eq!(r.relations[0].text, "http://example.org/collections/2");
}

#[test]
fn several_records_need_out_dir_and_get_safe_unique_names() {
    let dir = fresh_dir("dc_read", "names");
    let xml = format!(
        r#"{OAI_HEAD}<ListRecords>
<record><header><identifier>oai:x:a/b?c</identifier></header><metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>A</dc:title></oai_dc:dc></metadata></record>
<record><header><identifier>oai:x:A/B?C</identifier></header><metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>B</dc:title></oai_dc:dc></metadata></record>
<record><header><identifier>CON</identifier></header><metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>C</dc:title></oai_dc:dc></metadata></record>
</ListRecords></OAI-PMH>"#
    );
    let input = dir.join("harvest.xml");
    std::fs::write(&input, xml).unwrap();
    let out = crosswalk(&[
        "convert",
        s(&input),
        "--to",
        "dc",
        "-o",
        s(&dir.join("x.xml")),
        "--ledger",
        s(&dir.join("l.json")),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out-dir"));
    assert!(!dir.join("x.xml").exists());
    assert!(!dir.join("l.json").exists());
    let out = crosswalk(&[
        "convert",
        s(&input),
        "--to",
        "json",
        "-o",
        s(&dir.join("x.json")),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.join("x.json").exists());
    let out = crosswalk(&["convert", s(&input), "--to", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 3);
    for l in stdout.lines() {
        crosswalk::json::read(l).unwrap();
    }
    let d = dir.join("out");
    let out = crosswalk(&["convert", s(&input), "--to", "qdc", "--out-dir", s(&d)]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "_CON.qdc.xml",
            "oai_x_A_B_C-2.qdc.xml",
            "oai_x_a_b_c.qdc.xml"
        ]
    );
}

#[test]
fn an_error_response_exits_2_with_its_code_even_with_out_dir() {
    let dir = fresh_dir("dc_read", "error");
    let input = dir.join("error.xml");
    std::fs::write(
        &input,
        format!(r#"{OAI_HEAD}<error code="badArgument">Illegal argument</error></OAI-PMH>"#),
    )
    .unwrap();
    let out = crosswalk(&[
        "convert",
        s(&input),
        "--to",
        "json",
        "--out-dir",
        s(&dir.join("o")),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("badArgument") && err.contains("no records"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(dir.join("o")).unwrap().count(), 0);
}

#[test]
fn a_dc_language_or_scheme_without_a_field_is_ledgered_by_other_writers() {
    let xml = r#"<qualifieddc xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>T</dc:title><dc:creator xml:lang="fr">Auteur, Un</dc:creator>
<dcterms:isPartOf xsi:type="dcterms:URI">http://example.org/c</dcterms:isPartOf></qualifieddc>"#;
    let (r, _) = read_one(xml);
    for to in [Format::Tei, Format::Ead3, Format::Ead] {
        let (_, ledger) = crosswalk::write(&r, to);
        let fields: Vec<&str> = ledger.losses.iter().map(|l| l.field.as_str()).collect();
        assert!(fields.contains(&"agents[0].xml:lang"), "{to}: {fields:?}");
        assert!(
            fields.contains(&"relations[0].xsi:type"),
            "{to}: {fields:?}"
        );
    }
    // The DC writers carry them.
    let (qdc, ledger) = crosswalk::write(&r, Format::Qdc);
    assert!(qdc.contains(r#"<dc:creator xml:lang="fr">"#), "{qdc}");
    assert!(ledger.losses.is_empty(), "{:#?}", ledger.losses);
}

#[test]
fn refinements_in_the_elements_namespace_and_undeclared_scheme_prefixes_are_read() {
    let xml = r#"<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>T</dc:title><dc:created xsi:type="dcterms:W3CDTF">1900</dc:created></oai_dc:dc>"#;
    let (r, warnings) = read_one(xml);
    assert_eq!(r.dates[0].kind, DateKind::Creation);
    assert_eq!(r.dates[0].scheme.as_deref(), Some("W3CDTF"));
    assert!(
        warnings.iter().any(|w| w.contains("dcterms:created")),
        "{warnings:?}"
    );
    let (qdc, _) = crosswalk::write(&r, Format::Qdc);
    assert!(
        qdc.contains(r#"<dcterms:created xsi:type="dcterms:W3CDTF">1900</dcterms:created>"#),
        "{qdc}"
    );
}

#[test]
fn oai_metadata_without_dc_is_kept_with_a_warning_and_tei_is_read_as_tei() {
    let xml = format!(
        r#"{OAI_HEAD}<ListRecords>
<record><header><identifier>oai:x:m</identifier></header><metadata><mods xmlns="http://www.loc.gov/mods/v3"><titleInfo><title>Mods title</title></titleInfo></mods></metadata></record>
<record><header><identifier>oai:x:t</identifier></header><metadata><TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Tei title</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>y</p></sourceDesc></fileDesc></teiHeader><text><body><p>z</p></body></text></TEI></metadata></record>
</ListRecords></OAI-PMH>"#
    );
    let i = read_input(&xml, None).unwrap();
    assert_eq!(i.records.len(), 2);
    assert!(
        i.warnings
            .iter()
            .any(|w| w.contains("oai:x:m") && w.contains("no DC value")),
        "{:?}",
        i.warnings
    );
    assert!(i.records[0]
        .unmapped
        .iter()
        .any(|u| u.xml.contains("Mods title")));
    assert_eq!(i.records[1].titles[0].text, "Tei title");
    assert_eq!(
        i.records[1]
            .control
            .as_ref()
            .unwrap()
            .oai
            .as_ref()
            .unwrap()
            .identifier,
        "oai:x:t"
    );
}
