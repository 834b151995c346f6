//! Shapes of TEI and Dublin Core records from other projects that crosswalk once wrote
//! invalid: found by converting records it had never seen (TEI Consortium test files, an
//! NSDL OAI-PMH response), written here as small records of our own.

mod common;

use common::*;
use crosswalk::Format;

/// Converts `input` (named `name`) to `to` by the CLI, which validates its output
/// against the bundled schema; the output, after exit 0.
fn convert(test: &str, name: &str, input: &str, to: &str) -> String {
    let dir = fresh_dir("tei-dc-repairs", test);
    let (src, out) = (dir.join(name), dir.join("out.xml"));
    std::fs::write(&src, input).unwrap();
    let run = crosswalk(&["convert", s(&src), "--to", to, "-q", "-o", s(&out)]);
    assert!(
        run.status.success(),
        "{test}: exit {:?}: {}",
        run.status.code(),
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    text
}

#[test]
fn a_text_of_grouped_texts_gets_no_body_beside_its_group() {
    let input = r#"<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Paired sermons</title></titleStmt>
    <publicationStmt><p>Test record</p></publicationStmt><sourceDesc><p>Written for a test</p></sourceDesc></fileDesc></teiHeader>
  <text><group>
    <text><body><p>Morning sermon.</p></body></text>
    <text><body><p>Evening sermon.</p></body></text>
  </group></text>
</TEI>
"#;
    let out = convert("group", "group.tei.xml", input, "tei");
    let doc = roxmltree::Document::parse(&out).unwrap();
    let outer = doc
        .root_element()
        .children()
        .find(|n| n.tag_name().name() == "text")
        .unwrap();
    let kids: Vec<&str> = outer
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(kids, ["group"], "{out}");
    cross_check(&[(Format::Tei, out)]);
}

#[test]
fn a_dc_scheme_that_is_no_uri_is_escaped_in_tei() {
    let input = r#"<?xml version="1.0" encoding="UTF-8"?>
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:loc_voc="http://example.org/local/">
  <dc:title>Tide tables</dc:title>
  <dc:type xsi:type="loc_voc:Genre">Tables</dc:type>
</oai_dc:dc>
"#;
    let out = convert("scheme", "scheme.dc.xml", input, "tei");
    assert!(out.contains(r#"scheme="loc_voc%3AGenre""#), "{out}");
    cross_check(&[(Format::Tei, out)]);
}

/// The validator refuses what jing refuses as a URI reference (it took any text).
#[test]
fn the_validator_refuses_a_pointer_that_is_no_uri_reference() {
    let dir = fresh_dir("tei-dc-repairs", "validator");
    let f = dir.join("bad-pointer.tei.xml");
    std::fs::write(
        &f,
        r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
  <titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt>
  <sourceDesc><p>s</p></sourceDesc></fileDesc>
  <profileDesc><textClass><keywords scheme="my_voc:Kind"><term>x</term></keywords></textClass></profileDesc>
</teiHeader><text><body><p>b</p></body></text></TEI>"#,
    )
    .unwrap();
    let run = crosswalk(&["validate", s(&f)]);
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_comment_between_divs_stays_between_them() {
    // EpiDoc editions leave editorial comments between their divs: a comment is allowed
    // after a div, so no untyped div is made to hold what follows it.
    let input = r#"<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Stamped tile</title></titleStmt>
    <publicationStmt><publisher>Test press</publisher></publicationStmt><sourceDesc><p>Written for a test</p></sourceDesc></fileDesc></teiHeader>
  <text><body>
    <div type="edition"><p>LEG VI</p></div>
    <!-- reading checked against the photograph -->
    <div type="commentary"><p>A legionary stamp.</p></div>
  </body></text>
</TEI>
"#;
    let out = convert("comment-between-divs", "tile.tei.xml", input, "tei");
    let doc = roxmltree::Document::parse(&out).unwrap();
    let body = doc
        .descendants()
        .find(|n| n.tag_name().name() == "body")
        .unwrap();
    let kids: Vec<String> = body
        .children()
        .filter(|n| n.is_element() || n.is_comment())
        .map(|n| {
            if n.is_comment() {
                "comment".to_string()
            } else {
                format!("div {}", n.attribute("type").unwrap_or(""))
            }
        })
        .collect();
    assert_eq!(kids, ["div edition", "comment", "div commentary"], "{out}");
}

#[test]
fn a_finding_aid_harvested_by_oai_pmh_is_read_as_ead() {
    let input = r#"<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
  <responseDate>2024-01-01T00:00:00Z</responseDate>
  <request verb="GetRecord" identifier="oai:example.org:fa-9" metadataPrefix="oai_ead">https://example.org/oai</request>
  <GetRecord><record>
    <header><identifier>oai:example.org:fa-9</identifier><datestamp>2024-01-01</datestamp></header>
    <metadata>
      <ead xmlns="urn:isbn:1-931666-22-9">
        <eadheader><eadid>fa-9</eadid><filedesc><titlestmt><titleproper>Ferry papers</titleproper></titlestmt></filedesc></eadheader>
        <archdesc level="collection"><did><unittitle>Ferry company papers</unittitle><unitdate normal="1890/1920">1890-1920</unitdate></did>
          <scopecontent><p>Timetables and crew lists.</p></scopecontent></archdesc>
      </ead>
    </metadata>
  </record></GetRecord>
</OAI-PMH>
"#;
    let dc = convert("oai-ead-dc", "oai-ead.xml", input, "dc");
    assert!(
        dc.contains("<dc:title>Ferry company papers</dc:title>"),
        "{dc}"
    );
    assert!(dc.contains("Timetables and crew lists."), "{dc}");
    let ead3 = convert("oai-ead-ead3", "oai-ead.xml", input, "ead3");
    assert!(ead3.contains("Timetables and crew lists."), "{ead3}");
}

#[test]
fn a_dc_record_of_blank_fields_is_refused_with_a_reason() {
    let dir = fresh_dir("tei-dc-repairs", "blank-dc");
    let f = dir.join("blank.dc.xml");
    std::fs::write(
        &f,
        r#"<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:title></dc:title><dc:creator> </dc:creator><dc:date/>
</oai_dc:dc>"#,
    )
    .unwrap();
    let run = crosswalk(&[
        "convert",
        s(&f),
        "--to",
        "qdc",
        "-o",
        s(&dir.join("out.xml")),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("holds no Dublin Core value"), "{err}");
    assert!(!dir.join("out.xml").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_empty_profile_desc_stays_in_tei() {
    let input = r#"<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Diary, 3 March</title></titleStmt>
    <publicationStmt><publisher>Test press</publisher></publicationStmt><sourceDesc><p>Written for a test</p></sourceDesc></fileDesc>
    <profileDesc/></teiHeader>
  <text><body><p>Rain all day.</p></body></text>
</TEI>
"#;
    let out = convert("empty-profile", "diary.tei.xml", input, "tei");
    assert_eq!(out.matches("profileDesc").count(), 1, "{out}");
}

#[test]
fn a_name_in_italics_is_written_as_text_where_ead_refuses_it() {
    let input = r#"<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>A journey</title></titleStmt>
    <publicationStmt><publisher>Test press</publisher></publicationStmt><sourceDesc><p>Written for a test</p></sourceDesc></fileDesc></teiHeader>
  <text><body><p>We sailed for <hi rend="italic"><placeName>Porto</placeName></hi> at dawn.</p></body></text>
</TEI>
"#;
    for to in ["ead", "ead3"] {
        let out = convert(&format!("hi-place-{to}"), "journey.tei.xml", input, to);
        assert!(out.contains("Porto"), "{out}");
        cross_check(&[(
            if to == "ead" {
                Format::Ead
            } else {
                Format::Ead3
            },
            out,
        )]);
    }
}

#[test]
fn dc_elements_under_a_wrapper_are_refused_naming_where_they_are() {
    let dir = fresh_dir("tei-dc-repairs", "nested-dc");
    let f = dir.join("nested.xml");
    std::fs::write(
        &f,
        r#"<catalogue xmlns:dc="http://purl.org/dc/elements/1.1/">
  <entry><meta><dc:title>Harbour at dawn</dc:title></meta></entry>
</catalogue>"#,
    )
    .unwrap();
    let run = crosswalk(&["convert", s(&f), "--from", "dc", "--to", "json"]);
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("in <meta> at line 2"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_titles_level_and_an_authors_key_alone_keep_title_and_author_for_other_formats() {
    // Editions give a title its bibliographic level and an author a key in their own
    // index without a @ref (the Weber edition, ÖAW editions): both were kept as
    // fragments, and DC had no title and no creator.
    let input = r#"<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title level="a">A letter about pear trees</title><author key="P0042">Marsh, Edith</author></titleStmt>
    <publicationStmt><publisher>Test press</publisher></publicationStmt><sourceDesc><p>Written for a test</p></sourceDesc></fileDesc></teiHeader>
  <text><body><p>The pears are late.</p></body></text>
</TEI>
"#;
    let dc = convert("level-key-dc", "pears.tei.xml", input, "dc");
    assert!(
        dc.contains("<dc:title>A letter about pear trees</dc:title>"),
        "{dc}"
    );
    assert!(dc.contains("<dc:creator>Marsh, Edith</dc:creator>"), "{dc}");
    let tei = convert("level-key-tei", "pears.tei.xml", input, "tei");
    assert!(
        tei.contains(r#"<title level="a">A letter about pear trees</title>"#),
        "{tei}"
    );
    assert!(tei.contains(r#"key="P0042""#), "{tei}");
}
