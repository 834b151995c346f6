//! `bag create` for ingest: conversions of every record in folder inputs with their
//! ledger as a tag file, tar bags, refused `--info` labels and duplicate input names, and
//! nothing left behind by SIGINT or SIGTERM.

mod common;

use std::path::{Path, PathBuf};

use common::*;

fn tmp(name: &str) -> std::path::PathBuf {
    fresh_dir("ingest", name)
}

/// A folder of two TEI records (one nested), a text file and a broken XML file.
fn records(d: &Path) -> PathBuf {
    let r = d.join("records");
    std::fs::create_dir_all(r.join("sub")).unwrap();
    std::fs::copy(
        fixture("reference/alekseyev-castro-1963.tei.xml"),
        r.join("a.tei.xml"),
    )
    .unwrap();
    std::fs::copy(
        fixture("reference/alekseyev-castro-1963.tei.xml"),
        r.join("sub/b.xml"),
    )
    .unwrap();
    std::fs::write(r.join("readme.txt"), "scans to follow\n").unwrap();
    std::fs::write(
        r.join("sub/broken.xml"),
        "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n<oops></TEI>\n",
    )
    .unwrap();
    r
}

fn ok(o: &std::process::Output) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn folder_bags_hold_a_conversion_of_every_record_and_the_ledger() {
    let d = tmp("folder");
    let r = records(&d);
    let bag = d.join("bag");
    let o = crosswalk(&["bag", "create", "--out", s(&bag), s(&r), "--to", "ead3"]);
    ok(&o);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("broken.xml: warning: not converted"), "{err}");
    for f in [
        "a.tei.xml",
        "a.ead3.xml",
        "sub/b.xml",
        "sub/b.ead3.xml",
        "readme.txt",
        "sub/broken.xml",
    ] {
        assert!(bag.join("data/records").join(f).is_file(), "{f} not bagged");
    }
    assert!(!bag.join("data/records/readme.ead3.xml").exists());
    // The conversions are valid EAD3.
    let v = crosswalk(&["validate", s(&bag.join("data/records/a.ead3.xml"))]);
    ok(&v);
    // The ledger is a tag file, in every tag manifest, one loss a line.
    let ledger = std::fs::read_to_string(bag.join("crosswalk-ledger.jsonl")).unwrap();
    assert!(ledger.lines().count() > 0);
    for l in ledger.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert!(v["input"].as_str().unwrap().starts_with("data/records/"));
        assert!(v["output"].as_str().unwrap().ends_with(".ead3.xml"));
        assert_eq!(v["target"], "ead3");
    }
    for alg in ["sha256", "sha512"] {
        let tm = std::fs::read_to_string(bag.join(format!("tagmanifest-{alg}.txt"))).unwrap();
        assert!(tm.contains("  crosswalk-ledger.jsonl\n"), "{tm}");
    }
    let o = crosswalk(&["bag", "verify", s(&bag)]);
    ok(&o);
    match bagit_py() {
        Some(py) => {
            let o = std::process::Command::new(py)
                .args(["--validate", s(&bag)])
                .output()
                .unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
        None => eprintln!("SKIPPED bagit-python check: bagit-python is not installed"),
    }
}

fn bagit_py() -> Option<String> {
    if let Ok(p) = std::env::var("CROSSWALK_BAGIT_PY") {
        if Path::new(&p).exists() {
            return Some(p);
        }
    }
    std::process::Command::new("bagit.py")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
        .then(|| "bagit.py".to_string())
}

#[test]
fn file_inputs_that_are_not_records_are_bagged_as_they_are() {
    let d = tmp("files");
    let r = records(&d);
    let bag = d.join("bag.zip");
    let o = crosswalk(&[
        "bag",
        "create",
        "--out",
        s(&bag),
        s(&r.join("a.tei.xml")),
        s(&r.join("readme.txt")),
        "--to",
        "dc",
    ]);
    ok(&o);
    let o = crosswalk(&["bag", "verify", s(&bag)]);
    ok(&o);
    assert!(String::from_utf8_lossy(&o.stdout).contains("3 payload files"));
}

#[test]
fn tar_bags_are_written_and_verify() {
    let d = tmp("tar");
    let r = records(&d);
    for name in ["b.tar", "b.tar.gz", "b.tgz"] {
        let bag = d.join(name);
        ok(&crosswalk(&[
            "bag",
            "create",
            "--out",
            s(&bag),
            s(&r),
            "--to",
            "dc",
        ]));
        assert!(bag.is_file(), "{name} is not a file");
        let o = crosswalk(&["bag", "verify", s(&bag)]);
        ok(&o);
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("6 payload files"),
            "{}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
    // The entries sit in one top-level folder named after the bag.
    let mut a = tar::Archive::new(std::fs::File::open(d.join("b.tar")).unwrap());
    let names: Vec<String> = a
        .entries()
        .unwrap()
        .map(|e| e.unwrap().path().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n.starts_with("b/")), "{names:?}");
    assert!(names.contains(&"b/crosswalk-ledger.jsonl".to_string()));
}

#[test]
fn computed_info_labels_are_refused() {
    let d = tmp("info");
    let r = records(&d);
    for label in ["Payload-Oxum", "bag-size", "BAGGING-DATE"] {
        let bag = d.join("bag");
        let o = crosswalk(&[
            "bag",
            "create",
            "--out",
            s(&bag),
            s(&r),
            "--info",
            &format!("{label}=1"),
        ]);
        assert_eq!(o.status.code(), Some(2), "{label}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("computes"));
        assert!(!bag.exists());
    }
}

#[test]
fn two_inputs_with_one_name_are_refused() {
    let d = tmp("dup");
    for side in ["x", "y"] {
        std::fs::create_dir_all(d.join(side).join("scans")).unwrap();
        std::fs::write(d.join(side).join("scans").join(format!("{side}.txt")), side).unwrap();
    }
    let bag = d.join("bag");
    let o = crosswalk(&[
        "bag",
        "create",
        "--out",
        s(&bag),
        s(&d.join("x/scans")),
        s(&d.join("y/scans")),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("both named scans"));
    assert!(!bag.exists());
}

/// Starts `bag create` on a payload large enough to take a while, waits until its
/// temporary bag exists, sends the signal, and checks that nothing is left.
#[cfg(unix)]
fn interrupted(sig: &str, out: &str) {
    let d = tmp(&format!("sig-{sig}-{}", out.replace('.', "-")));
    let p = d.join("payload");
    std::fs::create_dir_all(&p).unwrap();
    let chunk: Vec<u8> = (0..(8 << 20))
        .map(|i: u32| (i.wrapping_mul(7919) >> 3) as u8)
        .collect();
    for i in 0..24 {
        std::fs::write(p.join(format!("f{i:02}.bin")), &chunk).unwrap();
    }
    let work = d.join("out");
    std::fs::create_dir_all(&work).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .args(["bag", "create", "--out", s(&work.join(out)), s(&p)])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while std::fs::read_dir(&work).unwrap().next().is_none() {
        assert!(start.elapsed().as_secs() < 30, "no temporary bag appeared");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    std::thread::sleep(std::time::Duration::from_millis(50));
    let killed = std::process::Command::new("kill")
        .args([&format!("-{sig}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    let left: Vec<_> = std::fs::read_dir(&work)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    if status.success() {
        // Finished before the signal arrived: the bag is complete, and nothing else.
        assert_eq!(left.len(), 1, "{left:?}");
        eprintln!("note: {sig} {out}: the bag was finished before the signal");
    } else {
        let expected = if sig == "INT" { 130 } else { 143 };
        assert_eq!(status.code(), Some(expected));
        assert!(left.is_empty(), "{sig} {out} left {left:?}");
    }
    // Nothing was written into the payload either.
    assert_eq!(std::fs::read_dir(&p).unwrap().count(), 24);
    // The payload is 192 MB: do not leave it in the temporary folder after each run.
    let _ = std::fs::remove_dir_all(&d);
}

#[cfg(unix)]
#[test]
fn sigint_and_sigterm_leave_nothing_behind() {
    for sig in ["INT", "TERM"] {
        for out in ["bag", "bag.zip", "bag.tar.gz"] {
            interrupted(sig, out);
        }
    }
}
