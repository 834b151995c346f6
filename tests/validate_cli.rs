//! `crosswalk validate`: verdicts, positions, summary, reports and exit codes.

mod common;

use common::*;

fn dir_with(tag: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("crosswalk-validate-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    for (name, text) in files {
        std::fs::write(d.join(name), text).unwrap();
    }
    d
}

const VALID_DC: &str = "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>t</dc:title></oai_dc:dc>\n";
const INVALID_DC: &str = "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n  <dc:title>t</dc:title>\n  <dc:bogus/>\n</oai_dc:dc>\n";
const BROKEN: &str =
    "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\">\n<a></b>\n";

#[test]
fn valid_files_exit_0_with_the_schema_named() {
    let o = crosswalk(&[
        "validate",
        "fixtures/reference/alekseyev-castro-1963.tei.xml",
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("valid       fixtures/reference/alekseyev-castro-1963.tei.xml [TEI P5 4.12.0 tei_all.rng]"), "{out}");
    assert!(
        out.ends_with("1 files: 1 valid, 0 invalid, 0 unreadable, 0 skipped\n"),
        "{out}"
    );
}

#[test]
fn an_invalid_file_is_reported_with_line_column_and_path_and_exits_1() {
    let d = dir_with(
        "invalid",
        &[
            ("a.xml", VALID_DC),
            ("b.xml", INVALID_DC),
            ("notes.txt", "not xml"),
        ],
    );
    let o = crosswalk(&["validate", d.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let b = d.join("b.xml").display().to_string();
    assert!(
        out.contains(&format!("{b}:3:3: ")),
        "no position for the bad element:\n{out}"
    );
    assert!(out.contains("bogus"), "{out}");
    assert!(
        out.contains("3 files: 1 valid, 1 invalid, 0 unreadable, 0 skipped, 1 not XML"),
        "{out}"
    );
}

#[test]
fn a_file_that_is_not_well_formed_is_unreadable_exit_2_and_the_batch_goes_on() {
    let d = dir_with(
        "broken",
        &[
            ("a.xml", VALID_DC),
            ("b.xml", BROKEN),
            ("c.xml", INVALID_DC),
        ],
    );
    let o = crosswalk(&["validate", d.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(2), "{out}");
    let b = d.join("b.xml").display().to_string();
    assert!(
        out.contains(&format!("{b}:2:")),
        "no position for the syntax error:\n{out}"
    );
    assert!(
        out.contains("3 files: 1 valid, 1 invalid, 1 unreadable, 0 skipped"),
        "{out}"
    );
}

#[test]
fn json_and_junit_reports_parse() {
    let d = dir_with(
        "reports",
        &[
            ("a.xml", VALID_DC),
            ("b.xml", INVALID_DC),
            ("c.xml", BROKEN),
        ],
    );
    let o = crosswalk(&["validate", d.to_str().unwrap(), "--report", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("the JSON report parses");
    assert_eq!(v["summary"]["files"], 3);
    assert_eq!(v["summary"]["invalid"], 1);
    let bad = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["status"] == "invalid")
        .unwrap();
    assert!(bad["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["line"] == 3 && d["column"] == 3));
    assert_eq!(bad["schema"], "OAI-PMH 2.0 oai_dc.xsd");

    let o = crosswalk(&["validate", d.to_str().unwrap(), "--report", "junit"]);
    let xml = String::from_utf8(o.stdout).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("the JUnit report parses");
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("tests"), Some("3"));
    assert_eq!(suite.attribute("failures"), Some("1"));
    assert_eq!(suite.attribute("errors"), Some("1"));
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .count(),
        3
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn schema_can_be_forced_by_name_or_path() {
    let d = dir_with("forced", &[("a.xml", VALID_DC)]);
    let a = d.join("a.xml");
    // oai_dc forced to EAD 2002: invalid.
    let o = crosswalk(&["validate", a.to_str().unwrap(), "--schema", "ead"]);
    assert_eq!(o.status.code(), Some(1));
    // A schema of the user's own.
    let rng = d.join("own.rng");
    std::fs::write(&rng, r#"<element name="dc" ns="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns="http://relaxng.org/ns/structure/1.0"><oneOrMore><element><anyName/><text/></element></oneOrMore></element>"#).unwrap();
    let o = crosswalk(&[
        "validate",
        a.to_str().unwrap(),
        "--schema",
        rng.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // A schema that does not exist is a usage error.
    let o = crosswalk(&["validate", a.to_str().unwrap(), "--schema", "no-such.xsd"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn ead_in_its_dtd_form_is_validated_as_its_namespaced_equivalent() {
    let ead = "<!DOCTYPE ead PUBLIC \"+//ISBN 1-931666-00-8//DTD ead.dtd (Encoded Archival Description (EAD) Version 2002)//EN\" \"ead.dtd\">\n<ead><eadheader><eadid/><filedesc><titlestmt><titleproper>T</titleproper></titlestmt></filedesc></eadheader><archdesc level=\"fonds\"><did><unittitle>U</unittitle><dao href=\"http://example.org/x\" actuate=\"onrequest\" show=\"new\"/></did></archdesc></ead>\n";
    let d = dir_with("dtd", &[("dtd.xml", ead)]);
    let o = crosswalk(&["validate", d.join("dtd.xml").to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("validated as its namespaced equivalent"),
        "{out}"
    );
}

#[test]
fn utf16_and_latin1_inputs_are_decoded() {
    let mut utf16 = vec![0xFF, 0xFE];
    for u in VALID_DC.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let latin1: Vec<u8> = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>caf"
        .bytes()
        .chain([0xE9])
        .chain("</dc:title></oai_dc:dc>\n".bytes())
        .collect();
    let d = std::env::temp_dir().join(format!("crosswalk-enc-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("utf16.xml"), utf16).unwrap();
    std::fs::write(d.join("latin1.xml"), latin1).unwrap();
    let o = crosswalk(&["validate", d.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("2 files: 2 valid"), "{out}");
}

#[test]
fn hostile_documents_are_refused_not_crashed_on() {
    let deep_ead = format!(
        "<ead xmlns=\"urn:isbn:1-931666-22-9\">{}{}</ead>",
        "<list>".repeat(400),
        "</list>".repeat(400)
    );
    let deep_tei = format!(
        "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">{}{}</TEI>",
        "<hi>".repeat(400),
        "</hi>".repeat(400)
    );
    let mut bomb = String::from("<!DOCTYPE TEI [<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">");
    bomb.push_str("]><TEI xmlns=\"http://www.tei-c.org/ns/1.0\">");
    bomb.push_str(&"&a;".repeat(40_000));
    bomb.push_str("</TEI>");
    let d = dir_with(
        "hostile",
        &[
            ("deep-ead.xml", &deep_ead),
            ("deep-tei.xml", &deep_tei),
            ("bomb.xml", &bomb),
        ],
    );
    let o = crosswalk(&["validate", d.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(
        out.contains("3 files: 0 valid, 0 invalid, 3 unreadable"),
        "{out}"
    );
}
