//! `--xinclude` on `validate` and `convert`: the verdicts of fixtures/xinclude (checked
//! against `xmllint --xinclude --relaxng tei_all.rng` and Debian's jing, which has
//! XInclude on) and the exact error messages.

mod common;

use std::process::{Command, Output};

use common::*;

/// Runs crosswalk in fixtures/xinclude, so that messages name files as given.
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .args(args)
        .current_dir(fixture("xinclude"))
        .output()
        .expect("the crosswalk binary runs")
}

fn validate(file: &str) -> (Option<i32>, String) {
    let o = run(&["validate", "--xinclude", file]);
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
    )
}

#[test]
fn a_missing_target_with_a_fallback_is_replaced_by_the_fallback() {
    let (code, out) = validate("01-fallback.tei.xml");
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.starts_with("valid       01-fallback.tei.xml [TEI P5 4.12.0 tei_all.rng]"),
        "{out}"
    );
    let o = run(&[
        "convert",
        "--xinclude",
        "01-fallback.tei.xml",
        "--to",
        "tei",
    ]);
    let tei = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{tei}");
    // The writer keeps `hi` as a fragment, with the namespaces in scope declared on it.
    assert!(tei.contains("<p>The fallback <hi"), "{tei}");
    assert!(
        tei.contains(">replaces</hi> the missing part.</p>"),
        "{tei}"
    );
    assert!(!tei.contains("<xi:"), "{tei}");
}

#[test]
fn a_missing_target_without_a_fallback_is_an_error_at_the_include() {
    let (code, out) = validate("02-missing.tei.xml");
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.starts_with(
            "02-missing.tei.xml:13:7: cannot include parts/missing.xml: not found, and there is no xi:fallback\nunreadable  02-missing.tei.xml\n"
        ),
        "{out}"
    );
    let o = run(&["convert", "--xinclude", "02-missing.tei.xml", "--to", "dc"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "02-missing.tei.xml:13:7: cannot include parts/missing.xml: not found, and there is no xi:fallback\n"
    );
}

#[test]
fn a_loop_is_an_error_naming_the_file() {
    let (code, out) = validate("03-loop.tei.xml");
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.starts_with(
            "03-loop.tei.xml: parts/loop.xml:4:3: inclusion loop: parts/loop.xml includes itself (through loop.xml)\n"
        ),
        "{out}"
    );
}

#[test]
fn a_text_include_is_escaped_text() {
    let (code, out) = validate("04-text.tei.xml");
    assert_eq!(code, Some(0), "{out}");
    let o = run(&["convert", "--xinclude", "04-text.tei.xml", "--to", "tei"]);
    let tei = String::from_utf8_lossy(&o.stdout);
    assert!(
        tei.contains(
            "The note reads: Smith &amp; Sons &lt;ledger&gt; 1887, \u{201c}bought\u{201d}"
        ),
        "{tei}"
    );
}

#[test]
fn xpointers_select_elements() {
    for f in ["05-xpointer.tei.xml", "08-xpointer-id.tei.xml"] {
        let (code, out) = validate(f);
        assert_eq!(code, Some(0), "{out}");
    }
    let o = run(&[
        "convert",
        "--xinclude",
        "05-xpointer.tei.xml",
        "--to",
        "tei",
    ]);
    let tei = String::from_utf8_lossy(&o.stdout);
    let order: Vec<usize> = ["Charles Babbage", "Ada Byron", "Mary Somerville"]
        .iter()
        .map(|n| tei.find(n).unwrap_or_else(|| panic!("{n} missing: {tei}")))
        .collect();
    assert!(order[0] < order[1] && order[1] < order[2], "{tei}");
}

#[test]
fn an_included_element_is_validated_where_it_lands() {
    let (code, out) = validate("06-invalid-after-include.tei.xml");
    assert_eq!(code, Some(1), "{out}");
    // Each problem is reported where it was written: the person in the included file
    // (line 3 there), the body it lands in at its own line of the including file.
    assert!(
        out.contains(
            "parts/people.xml:3:3: unexpected element `{http://www.tei-c.org/ns/1.0}person` (at /TEI/text/body)"
        ),
        "{out}"
    );
    assert!(
        out.contains("06-invalid-after-include.tei.xml:11:5: missing required content"),
        "{out}"
    );
}

#[test]
fn lines_after_an_include_are_the_including_files_own() {
    // An include of five lines above a problem: the problem is still reported at the
    // line the user sees in the file, not at its line in the assembled text.
    let d = fresh_dir("xinclude", "lines");
    std::fs::create_dir_all(d.join("parts")).unwrap();
    std::fs::copy(
        fixture("xinclude/parts/people.xml"),
        d.join("parts/people.xml"),
    )
    .unwrap();
    let doc = "<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n  <teiHeader>\n    <fileDesc>\n      <titleStmt><title>t</title></titleStmt>\n      <publicationStmt><p>p</p></publicationStmt>\n      <sourceDesc>\n        <xi:include href=\"parts/people.xml\"/>\n      </sourceDesc>\n    </fileDesc>\n  </teiHeader>\n  <text>\n    <body>\n      <p>fine</p>\n      <bogus/>\n    </body>\n  </text>\n</TEI>\n";
    let f = d.join("lines.tei.xml");
    std::fs::write(&f, doc).unwrap();
    let o = run(&["validate", "--xinclude", f.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains(&format!("{}:15:7: ", f.display())),
        "<bogus/> is on line 15 of the file: {out}"
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn nested_includes_and_a_failed_xpointer_with_a_fallback() {
    let (code, out) = validate("07-nested.tei.xml");
    assert_eq!(code, Some(0), "{out}");
    let o = run(&["convert", "--xinclude", "07-nested.tei.xml", "--to", "tei"]);
    let tei = String::from_utf8_lossy(&o.stdout);
    assert!(tei.contains("Nobody by that id."), "{tei}");
    assert!(
        tei.contains("A part that includes text: Smith &amp; Sons"),
        "{tei}"
    );
}

#[test]
fn without_the_flag_nothing_is_included() {
    // The xi:include element stays, and tei_all does not allow it there.
    let o = run(&["validate", "01-fallback.tei.xml"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn standard_input_resolves_against_the_current_folder() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .args(["validate", "--xinclude", "-"])
        .current_dir(fixture("xinclude"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let text = read("xinclude/05-xpointer.tei.xml");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn network_targets_are_never_fetched() {
    let d = std::env::temp_dir().join(format!("crosswalk-xinclude-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    let f = d.join("net.tei.xml");
    let text = read("xinclude/02-missing.tei.xml")
        .replace("parts/missing.xml", "https://example.org/part.xml");
    std::fs::write(&f, text).unwrap();
    let o = crosswalk(&["validate", "--xinclude", f.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(
        out.contains(":13:7: cannot include https://example.org/part.xml: crosswalk reads local files only and fetches nothing over a network (https: URI), and there is no xi:fallback"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&d);
}

/// The corpus files that use XInclude, with the verdict xmllint and jing give (their
/// targets are not in the corpus: ISicily's have fallbacks, ParlaMint's do not).
#[test]
fn corpus_files_with_xincludes_get_the_reference_verdicts() {
    let Some(shared) = shared("corpus_files_with_xincludes_get_the_reference_verdicts") else {
        return;
    };
    let tei = shared.join("corpus/tei");
    for (file, code) in [
        ("isicily_ISic001013_epidoc.xml", 0),
        ("isicily_ISic000115_epidoc.xml", 0),
        ("parlamint-es-ga_teiCorpus_root.xml", 2),
    ] {
        let o = crosswalk(&["validate", "--xinclude", tei.join(file).to_str().unwrap()]);
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(code), "{file}: {out}");
        if code == 2 {
            assert!(
                out.contains("parlamint-es-ga_teiCorpus_root.xml:169:4: cannot include ParlaMint-taxonomy-speaker_types.xml: "),
                "{out}"
            );
        }
    }
}
