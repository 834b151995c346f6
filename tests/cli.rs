//! The command line: exit codes, error messages with positions, no partial output,
//! --strict, --ledger, stdin and stdout.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::*;

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("crosswalk-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

const REFERENCE: &str = "fixtures/reference/alekseyev-castro-1963.tei.xml";

#[test]
fn reference_converts_to_every_format_with_exit_0() {
    for to in ["tei", "dc", "ead", "ead3", "json"] {
        let out = tmp(&format!("ref.{to}"));
        let o = crosswalk(&[
            "convert",
            REFERENCE,
            "--to",
            to,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "--to {to}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(std::fs::metadata(&out).unwrap().len() > 1000);
    }
}

#[test]
fn error_fixtures_give_their_exact_message_exit_2_and_no_output() {
    let dir = fixture("errors");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml" || e == "json"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 7);
    for case in cases {
        let rel = format!(
            "fixtures/errors/{}",
            case.file_name().unwrap().to_str().unwrap()
        );
        let out = tmp("should-not-exist.xml");
        let o = crosswalk(&["convert", &rel, "--to", "dc", "-o", out.to_str().unwrap()]);
        let expected = std::fs::read_to_string(case.with_extension("expected")).unwrap();
        assert_eq!(String::from_utf8_lossy(&o.stderr), expected, "{rel}");
        assert_eq!(o.status.code(), Some(2), "{rel}");
        assert!(!out.exists(), "{rel}: a partial output file was left");
    }
}

#[test]
fn strict_fails_on_a_loss_and_writes_nothing() {
    let out = tmp("strict.dc.xml");
    let o = crosswalk(&[
        "convert",
        REFERENCE,
        "--to",
        "dc",
        "--strict",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--strict") && err.contains("no output written"),
        "{err}"
    );
    assert!(!out.exists());
    // JSON loses nothing, so --strict passes.
    let o = crosswalk(&[
        "convert",
        REFERENCE,
        "--to",
        "json",
        "--strict",
        "-o",
        tmp("strict.json").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn losses_are_warnings_on_stderr_and_a_json_ledger_on_request() {
    let ledger = tmp("ledger.json");
    let o = crosswalk(&[
        "convert",
        REFERENCE,
        "--to",
        "dc",
        "--ledger",
        ledger.to_str().unwrap(),
        "-o",
        tmp("l.dc.xml").to_str().unwrap(),
        "-v",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning") && err.contains("dc dropped body"),
        "{err}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&ledger).unwrap()).unwrap();
    let losses = v["losses"].as_array().unwrap();
    assert_eq!(
        losses.len(),
        err.lines().filter(|l| l.contains("warning")).count()
    );
    let body = losses
        .iter()
        .find(|l| l["field"] == "body")
        .expect("body in the ledger");
    assert_eq!(body["kind"], "dropped");
    assert_eq!(body["target"], "dc");
    assert_eq!(body["source"], "/TEI");
    assert!(body["reason"].as_str().unwrap().contains("text"));
}

#[test]
fn stdin_and_stdout_with_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .args(["convert", "-", "--to", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(read("reference/alekseyev-castro-1963.tei.xml").as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let json = String::from_utf8(o.stdout).unwrap();
    assert!(json.starts_with("{\n  \"format\": \"crosswalk-record/2\""));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        crosswalk(&["convert", REFERENCE, "--to", "marc"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(crosswalk(&["convert", REFERENCE]).status.code(), Some(2));
    let o = crosswalk(&["convert", "no/such/file.xml", "--to", "dc"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no/such/file.xml: not found"));
}

#[test]
fn help_shows_examples() {
    let o = crosswalk(&["convert", "--help"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("Examples:") && out.contains("--to ead3"),
        "{out}"
    );
}

#[test]
fn from_overrides_detection() {
    let o = crosswalk(&["convert", REFERENCE, "--from", "json", "--to", "tei"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a crosswalk record"));
}
