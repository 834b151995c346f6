//! Issue 13: command-line habits (standard input, "not found", format names, messages said
//! once), shell completions and the man page, and reports that say why.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::*;

fn tmp(tag: &str) -> std::path::PathBuf {
    fresh_dir("eco", tag)
}

/// Runs crosswalk with `stdin` on its standard input.
fn with_stdin(args: &[&str], stdin: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command refused before it reads its input closes the pipe: that is not a failure.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn validate_dash_reads_standard_input() {
    let tei = read("reference/alekseyev-castro-1963.tei.xml");
    let o = with_stdin(&["validate", "-"], tei.as_bytes());
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}{}", text(&o.stderr));
    assert!(
        out.contains("valid       <stdin> [TEI P5 4.12.0 tei_all.rng]"),
        "{out}"
    );
    // Not well-formed on standard input: unreadable, with its position.
    let o = with_stdin(&["validate", "-"], b"<TEI>\n<a></b>\n");
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(out.starts_with("<stdin>:2:"), "{out}");
}

#[test]
fn oai_dc_is_a_format_name() {
    let o = crosswalk(&[
        "convert",
        "fixtures/reference/alekseyev-castro-1963.tei.xml",
        "--to",
        "oai_dc",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("<oai_dc:dc "));
    let o = crosswalk(&["convert", "x.xml", "--to", "nonsense"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("dc (or oai_dc)"));
}

#[test]
fn what_is_not_there_is_said_to_be_not_found() {
    let d = tmp("missing");
    let missing = d.join("missing");
    let o = crosswalk(&["bag", "verify", s(&missing)]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        text(&o.stderr),
        format!("crosswalk: {}: not found\n", missing.display())
    );
    let o = crosswalk(&["validate", s(&d.join("nope.xml"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stdout).starts_with(&format!("{}: not found\n", d.join("nope.xml").display())),
        "{}",
        text(&o.stdout)
    );
    let o = crosswalk(&["convert", s(&d.join("nope.xml")), "--to", "dc"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        text(&o.stderr),
        format!("crosswalk: {}: not found\n", d.join("nope.xml").display())
    );
}

#[test]
fn a_problem_with_a_tag_file_names_it_once() {
    let d = tmp("nobagit");
    let o = crosswalk(&["bag", "verify", s(&d)]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.starts_with(&format!(
            "{}: bagit.txt: missing: every bag starts with bagit.txt\n",
            d.display()
        )),
        "{out}"
    );
    assert!(!out.contains("bagit.txt: bagit.txt"), "{out}");
}

#[test]
fn completions_are_produced_for_every_shell_and_bash_accepts_its_script() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = crosswalk(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", text(&o.stderr));
        let script = text(&o.stdout);
        assert!(script.contains("validate"), "{shell}: {script}");
        assert!(script.contains("schema"), "{shell}: {script}");
    }
    let o = crosswalk(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    // bash -n: the script parses.
    if Command::new("bash").arg("--version").output().is_ok() {
        let d = tmp("completions");
        let f = d.join("crosswalk.bash");
        std::fs::write(&f, crosswalk(&["completions", "bash"]).stdout).unwrap();
        let check = Command::new("bash").arg("-n").arg(&f).output().unwrap();
        assert!(check.status.success(), "{}", text(&check.stderr));
    } else {
        println!("SKIPPED: bash is not installed");
    }
}

#[test]
fn the_man_page_is_roff_with_every_command() {
    let o = crosswalk(&["man"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let page = text(&o.stdout);
    assert!(page.contains(".TH crosswalk 1"), "{page}");
    for section in [
        "CROSSWALK CONVERT",
        "CROSSWALK VALIDATE",
        "CROSSWALK BAG CREATE",
        "CROSSWALK BAG VERIFY",
        "CROSSWALK COMPLETIONS",
    ] {
        assert!(page.contains(&format!(".SH \"{section}\"")), "{section}");
    }
    // The same words as --help: the options' doc comments.
    assert!(page.contains("Report format: text (default), json or junit"));
}

const QDC_OAI: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
  <responseDate>2024-01-01T00:00:00Z</responseDate>
  <request verb="GetRecord">https://example.org/oai</request>
  <GetRecord><record>
    <header><identifier>oai:example.org:1</identifier><datestamp>2024-01-01</datestamp></header>
    <metadata>
      <qdc:qualifieddc xmlns:qdc="http://worldcat.org/xmlschemas/qdc-1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <dc:title>t</dc:title>
      </qdc:qualifieddc>
    </metadata>
  </record></GetRecord>
</OAI-PMH>
"#;

#[test]
fn a_skipped_file_says_why_and_files_that_are_not_xml_are_no_test_cases() {
    let d = tmp("skipped");
    std::fs::write(d.join("harvest.xml"), QDC_OAI).unwrap();
    std::fs::write(d.join("notes.txt"), "hello").unwrap();
    std::fs::write(d.join("film.mp4"), [0u8, 1, 2, 3]).unwrap();
    std::fs::copy(
        root().join("fixtures/reference/alekseyev-castro-1963.tei.xml"),
        d.join("a.tei"),
    )
    .unwrap();
    let o = crosswalk(&["validate", s(&d)]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    let why =
        "no bundled schema for `qualifieddc` in namespace http://worldcat.org/xmlschemas/qdc-1.0/";
    assert!(
        out.contains(&format!(
            "skipped     {}: OAI-PMH response: {why}",
            d.join("harvest.xml").display()
        )),
        "{out}"
    );
    assert!(
        out.ends_with("4 files: 1 valid, 0 invalid, 0 unreadable, 1 skipped, 2 not XML\n"),
        "{out}"
    );

    let o = crosswalk(&["validate", s(&d), "--report", "junit"]);
    let junit = text(&o.stdout);
    let doc = roxmltree::Document::parse(&junit).unwrap();
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("tests"), Some("2"), "{junit}");
    assert_eq!(suite.attribute("skipped"), Some("1"), "{junit}");
    let cases: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .map(|n| n.attribute("name").unwrap())
        .collect();
    assert_eq!(cases.len(), 2, "{junit}");
    assert!(cases
        .iter()
        .all(|c| !c.ends_with(".txt") && !c.ends_with(".mp4")));
    let skipped = doc
        .descendants()
        .find(|n| n.has_tag_name("skipped"))
        .unwrap();
    assert!(
        skipped.attribute("message").unwrap().contains(why),
        "{junit}"
    );
    let property = doc
        .descendants()
        .find(|n| n.has_tag_name("property"))
        .unwrap();
    assert_eq!(property.attribute("name"), Some("not-xml-files"));
    assert_eq!(property.attribute("value"), Some("2"));

    let o = crosswalk(&["validate", s(&d), "--report", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summary"]["skipped"], 1);
    assert_eq!(v["summary"]["not_xml"], 2);
}

/// The EAD 2002 golden with `bioghist` before `did` in `archdesc`, where ead.xsd does not
/// allow it. The XSD engine reports that twice (once on archdesc, once as "Element
/// 'bioghist' is not declared", which is wrong: it is declared, only not there).
#[test]
fn an_element_out_of_place_is_reported_once_at_itself() {
    let ead = read("golden/alekseyev-castro-1963.ead.xml");
    let at = ead.find("<did>").expect("archdesc has a did");
    let bad = format!(
        "{}<bioghist><p>misplaced</p></bioghist>{}",
        &ead[..at],
        &ead[at..]
    );
    let line = bad[..at].matches('\n').count() + 1;
    let d = tmp("once");
    let f = d.join("bad.ead.xml");
    std::fs::write(&f, &bad).unwrap();
    let o = crosswalk(&["validate", s(&f)]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let about: Vec<&str> = out.lines().filter(|l| l.contains("bioghist")).collect();
    assert_eq!(about.len(), 1, "{out}");
    assert!(!out.contains("is not declared"), "{out}");
    assert!(
        about[0].starts_with(&format!("{}:{line}:", f.display())),
        "not at the bioghist element (line {line}):\n{out}"
    );
    assert!(about[0].contains("/bioghist[1])"), "{out}");
    assert!(out.contains(": 1 error(s)"), "{out}");
}

#[test]
fn a_document_valid_against_the_other_ead3_schema_form_is_told_so() {
    let ead3 = read("golden/alekseyev-castro-1963.ead3.xml");
    let with_location = ead3.replacen(
        "<ead xmlns=\"http://ead3.archivists.org/schema/\"",
        "<ead xmlns=\"http://ead3.archivists.org/schema/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://ead3.archivists.org/schema/ https://www.loc.gov/ead/ead3.xsd\"",
        1,
    );
    assert_ne!(ead3, with_location, "the golden's root changed");
    let d = tmp("ead3form");
    let f = d.join("export.xml");
    std::fs::write(&f, &with_location).unwrap();
    let o = crosswalk(&["validate", s(&f)]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("(invalid against ead3.rng, but valid against ead3.xsd (--schema ead3-xsd): ead3.rng does not allow xsi:schemaLocation, ead3.xsd does)"),
        "{out}"
    );
    let o = crosswalk(&["validate", s(&f), "--schema", "ead3-xsd"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    // A document invalid against both forms gets no such note.
    let both = with_location.replacen("<control", "<bogus/><control", 1);
    std::fs::write(&f, &both).unwrap();
    let o = crosswalk(&["validate", s(&f)]);
    assert!(!text(&o.stdout).contains("but valid against"));
}

#[test]
fn a_schema_and_a_bag_are_read_from_standard_input_too() {
    let reference = fixture("reference/alekseyev-castro-1963.tei.xml");
    let rng = std::fs::read(root().join("schemas/tei/tei_all.rng")).unwrap();
    let o = with_stdin(&["validate", s(&reference), "--schema", "-"], &rng);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("[-]"), "{}", text(&o.stdout));
    // The same record against a schema it does not meet: invalid, so the schema was used.
    let ead3 = std::fs::read(root().join("schemas/ead3/ead3.rng")).unwrap();
    let o = with_stdin(&["validate", s(&reference), "--schema", "-"], &ead3);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stdout));
    let o = with_stdin(&["validate", "-", "--schema", "-"], &ead3);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("cannot both be standard input"));

    let d = tmp("stdin-bag");
    let bag = d.join("ref.zip");
    let o = crosswalk(&["bag", "create", "--out", s(&bag), s(&reference)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let zip = std::fs::read(&bag).unwrap();
    let o = with_stdin(&["bag", "verify", "-"], &zip);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).starts_with("valid -:"),
        "{}",
        text(&o.stdout)
    );
    // A tar bag (stored, not compressed) with one byte of its payload changed: the copy
    // from standard input is really verified, not only opened.
    let tar = d.join("ref.tar");
    let o = crosswalk(&["bag", "create", "--out", s(&tar), s(&reference)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let mut broken = std::fs::read(&tar).unwrap();
    let o = with_stdin(&["bag", "verify", "-"], &broken);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let at = broken
        .windows(6)
        .position(|w| w == b"Castro")
        .expect("the payload is in the tar as it is");
    broken[at] = b'K';
    let o = with_stdin(&["bag", "verify", "-"], &broken);
    assert_ne!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let o = with_stdin(&["bag", "verify", "-"], b"not a bag");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        text(&o.stderr),
        "crosswalk: -: cannot read the bag: standard input is not a zip, tar or tar.gz file: a folder bag is given by its path\n"
    );
    let o = crosswalk(&["bag", "create", "--out", s(&d.join("x.zip")), "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("cannot be bagged"));
    assert!(!d.join("x.zip").exists());
}

#[test]
fn warnings_and_errors_name_the_file_once_in_one_of_two_forms() {
    let reference = fixture("reference/alekseyev-castro-1963.tei.xml");
    let o = crosswalk(&["convert", s(&reference), "--to", "dc"]);
    assert_eq!(o.status.code(), Some(0));
    let err = text(&o.stderr);
    assert!(!err.is_empty());
    let prefix = format!("crosswalk: {}: warning: ", reference.display());
    for line in err.lines() {
        assert!(line.starts_with(&prefix), "{line}");
        assert_eq!(
            line.matches(&*reference.to_string_lossy()).count(),
            1,
            "{line}"
        );
    }
    let d = tmp("forms");
    let bad = d.join("bad.xml");
    std::fs::write(
        &bad,
        "<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n  <teiHeader>",
    )
    .unwrap();
    let o = crosswalk(&["convert", s(&bad), "--to", "dc"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.starts_with(&format!("{}:2:14: ", bad.display())),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}
