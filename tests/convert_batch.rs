//! `convert` on folders and several files (--out-dir, reports, ledger lines), summarised
//! warnings (-q, -v), and the refusals that protect inputs (same file, `--ledger -`).

mod common;

use std::path::{Path, PathBuf};

use common::*;

const REFERENCE: &str = "fixtures/reference/alekseyev-castro-1963.tei.xml";

fn tmp(name: &str) -> std::path::PathBuf {
    fresh_dir("batch", name)
}

/// A nested folder: two TEI records (one deeper), an EAD 2002 record, a text file, a
/// broken record and a well-formed XML file of no known format.
fn mixed(d: &Path) -> PathBuf {
    let m = d.join("in");
    std::fs::create_dir_all(m.join("letters/deep")).unwrap();
    std::fs::create_dir_all(m.join("ead")).unwrap();
    std::fs::copy(
        fixture("reference/alekseyev-castro-1963.tei.xml"),
        m.join("letters/a.tei.xml"),
    )
    .unwrap();
    std::fs::copy(
        fixture("reference/alekseyev-castro-1963.tei.xml"),
        m.join("letters/deep/b.xml"),
    )
    .unwrap();
    std::fs::write(
        m.join("ead/c.xml"),
        "<ead xmlns=\"urn:isbn:1-931666-22-9\"><eadheader/></ead>\n",
    )
    .unwrap();
    std::fs::write(m.join("notes.txt"), "not a record\n").unwrap();
    std::fs::write(
        m.join("broken.xml"),
        "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n<teiHeader>\n</TEI>\n",
    )
    .unwrap();
    std::fs::write(m.join("other.xml"), "<catalogue xmlns=\"urn:x\"/>\n").unwrap();
    m
}

#[test]
fn a_mixed_folder_converts_every_readable_record_and_reports_the_rest() {
    let d = tmp("mixed");
    let m = mixed(&d);
    let out = d.join("out");
    let o = crosswalk(&[
        "convert",
        s(&m),
        "--to",
        "json",
        "--out-dir",
        s(&out),
        "--report",
        "json",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    // Outputs mirror the relative paths, with the target's extension.
    assert!(out.join("letters/a.json").is_file());
    assert!(out.join("letters/deep/b.json").is_file());
    assert!(!out.join("broken.json").exists());
    assert!(err.contains("broken.xml:3:1: not well-formed XML"), "{err}");
    assert!(
        err.contains("c.xml:1:1: an EAD finding aid needs an archdesc"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    let by = |end: &str| {
        files
            .iter()
            .find(|f| f["file"].as_str().unwrap().ends_with(end))
            .unwrap_or_else(|| panic!("{end} not in the report"))
    };
    assert_eq!(by("broken.xml")["status"], "error");
    assert_eq!(by("broken.xml")["error"]["line"], 3);
    assert_eq!(by("broken.xml")["error"]["column"], 1);
    assert_eq!(by("a.tei.xml")["status"], "converted");
    assert_eq!(by("a.tei.xml")["records"], 1);
    assert_eq!(by("notes.txt")["status"], "skipped");
    assert_eq!(by("other.xml")["status"], "skipped");
    assert_eq!(v["summary"]["files"], 6);
    assert_eq!(v["summary"]["converted"], 2);
    assert_eq!(v["summary"]["errors"], 2);
    assert_eq!(v["summary"]["skipped"], 2);
}

#[test]
fn batch_reports_in_text_and_junit_and_the_ledger_in_json_lines() {
    let d = tmp("reports");
    let m = mixed(&d);
    std::fs::remove_file(m.join("broken.xml")).unwrap();
    std::fs::remove_file(m.join("ead/c.xml")).unwrap();
    let ledger = d.join("losses.jsonl");
    let o = crosswalk(&[
        "convert",
        s(&m),
        "--to",
        "dc",
        "--out-dir",
        s(&d.join("dc")),
        "--ledger",
        s(&ledger),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("converted ") && text.contains("4 files: 2 converted"),
        "{text}"
    );
    let lines = std::fs::read_to_string(&ledger).unwrap();
    assert!(lines.lines().count() > 2);
    for l in lines.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert!(v["input"].as_str().unwrap().ends_with(".xml"), "{l}");
        assert_eq!(v["target"], "dc");
    }
    let o = crosswalk(&[
        "convert",
        s(&m),
        "--to",
        "ead3",
        "--out-dir",
        s(&d.join("e3")),
        "--report",
        "junit",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let junit = String::from_utf8(o.stdout).unwrap();
    let doc = roxmltree::Document::parse(&junit).unwrap();
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    // notes.txt is counted, not a test case; other.xml is skipped with its reason.
    assert_eq!(suite.attribute("tests"), Some("3"));
    assert_eq!(suite.attribute("skipped"), Some("1"));
    assert!(!junit.contains("notes.txt\""), "{junit}");
    assert!(
        junit.contains("name=\"not-record-files\" value=\"1\""),
        "{junit}"
    );
    assert!(!junit.contains("message=\"\""), "{junit}");
}

#[test]
fn an_invalid_strict_file_exits_1_and_the_batch_goes_on() {
    let d = tmp("strict");
    let m = mixed(&d);
    for f in ["broken.xml", "ead/c.xml"] {
        std::fs::remove_file(m.join(f)).unwrap();
    }
    std::fs::copy(fixture("reference/kitchen-sink.json"), m.join("k.json")).unwrap();
    let out = d.join("out");
    let o = crosswalk(&[
        "convert",
        s(&m),
        "--to",
        "dc",
        "--out-dir",
        s(&out),
        "--strict",
    ]);
    // The reference record loses content in simple DC: each such file is invalid under
    // --strict (exit 1, no output), and the batch goes on.
    let text = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{text}{err}");
    assert!(err.contains("a.tei.xml: --strict"), "{err}");
    assert!(text.contains("invalid "), "{text}");
    assert!(!out.join("letters/a.dc.xml").exists());
    assert!(text.contains("5 files:"), "{text}");
}

#[test]
fn two_inputs_with_one_output_name_are_not_merged() {
    let d = tmp("clash");
    std::fs::copy(
        fixture("reference/alekseyev-castro-1963.tei.xml"),
        d.join("r.xml"),
    )
    .unwrap();
    let json = crosswalk(&["convert", REFERENCE, "--to", "json"]).stdout;
    std::fs::write(d.join("r.json"), json).unwrap();
    let out = d.join("out");
    let o = crosswalk(&[
        "convert",
        s(&d.join("r.json")),
        s(&d.join("r.xml")),
        "--to",
        "dc",
        "--out-dir",
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("would overwrite the conversion of"), "{err}");
    assert!(out.join("r.dc.xml").is_file());
}

#[test]
fn folders_need_out_dir() {
    let d = tmp("needs");
    let o = crosswalk(&["convert", s(&d), "--to", "dc"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--out-dir"));
    let o = crosswalk(&["convert", REFERENCE, REFERENCE, "--to", "dc"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn batch_output_never_overwrites_its_input() {
    // Converting a folder of TEI to TEI into itself: each output name is its input's.
    let d = tmp("self");
    let f = d.join("r.tei.xml");
    std::fs::copy(fixture("reference/alekseyev-castro-1963.tei.xml"), &f).unwrap();
    let before = std::fs::read(&f).unwrap();
    let o = crosswalk(&["convert", s(&d), "--to", "tei", "--out-dir", s(&d)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is the input itself"));
    assert_eq!(std::fs::read(&f).unwrap(), before);
}

#[test]
fn output_that_is_the_input_is_refused_by_identity() {
    let d = tmp("same");
    let f = d.join("F.xml");
    std::fs::copy(fixture("reference/alekseyev-castro-1963.tei.xml"), &f).unwrap();
    let before = std::fs::read(&f).unwrap();
    let o = crosswalk(&["convert", s(&f), "--to", "ead3", "-o", s(&f)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is the input"));
    // Another name for the same file: a hard link, and a path through `..`.
    let link = d.join("link.xml");
    std::fs::hard_link(&f, &link).unwrap();
    let o = crosswalk(&["convert", s(&f), "--to", "ead3", "-o", s(&link)]);
    assert_eq!(o.status.code(), Some(2));
    let dotted = d.join("../").join(d.file_name().unwrap()).join("F.xml");
    let o = crosswalk(&["convert", s(&f), "--to", "tei", "-o", s(&dotted)]);
    assert_eq!(o.status.code(), Some(2));
    let o = crosswalk(&[
        "convert",
        s(&f),
        "--to",
        "dc",
        "--ledger",
        s(&f),
        "-o",
        s(&d.join("x.xml")),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&f).unwrap(), before);
    // A different file with the same content is not the input.
    let copy = d.join("copy.xml");
    std::fs::copy(&f, &copy).unwrap();
    let o = crosswalk(&["convert", s(&f), "--to", "tei", "-o", s(&copy)]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn ledger_dash_writes_standard_output_or_is_refused() {
    let d = tmp("dash");
    let o = crosswalk(&[
        "convert",
        REFERENCE,
        "--to",
        "dc",
        "--ledger",
        "-",
        "-o",
        s(&d.join("r.dc.xml")),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!v["losses"].as_array().unwrap().is_empty());
    assert!(!Path::new("-").exists());
    let o = crosswalk(&["convert", REFERENCE, "--to", "dc", "--ledger", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--ledger -"));
    // --ledger with --to json: written, and empty (JSON loses nothing).
    let l = d.join("json-ledger.json");
    let o = crosswalk(&[
        "convert",
        REFERENCE,
        "--to",
        "json",
        "--ledger",
        s(&l),
        "-o",
        s(&d.join("r.json")),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&l).unwrap()).unwrap();
    assert_eq!(v["losses"].as_array().unwrap().len(), 0);
}

/// A TEI corpus of many letters, each with a body simple DC cannot hold.
fn many_letters(n: usize) -> String {
    let mut s = String::from(
        "<teiCorpus xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>Letters</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "<TEI><teiHeader><fileDesc><titleStmt><title>Letter {i}</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body><p>Dear friend {i}</p></body></text></TEI>\n"
        ));
    }
    s.push_str("</teiCorpus>\n");
    s
}

#[test]
fn warnings_are_summarised_by_default_silenced_by_q_and_all_with_v() {
    let d = tmp("warn");
    let f = d.join("letters.tei.xml");
    std::fs::write(&f, many_letters(300)).unwrap();
    let ledger = d.join("l.json");
    let o_xml = d.join("o.xml");
    let run = |flag: Option<&str>| {
        let mut args = vec![
            "convert",
            s(&f),
            "--to",
            "dc",
            "-o",
            s(&o_xml),
            "--ledger",
            s(&ledger),
        ];
        args.extend(flag);
        let o = crosswalk(&args);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let losses = {
        run(None);
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&ledger).unwrap()).unwrap();
        v["losses"].as_array().unwrap().len()
    };
    assert!(losses >= 300, "{losses}");
    let default = run(None);
    assert!(default.lines().count() <= 10, "{default}");
    let last = default.lines().last().unwrap();
    assert!(
        last.contains(&format!("… and {} more", losses - 5)) && last.contains(" ×300"),
        "{last}"
    );
    assert_eq!(run(Some("-q")).lines().count(), 0);
    assert_eq!(run(Some("-v")).lines().count(), losses);
    // The ledger holds every loss whatever is printed.
    run(Some("-q"));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&ledger).unwrap()).unwrap();
    assert_eq!(v["losses"].as_array().unwrap().len(), losses);
}
