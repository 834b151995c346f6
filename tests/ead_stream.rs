//! A finding aid written level by level (`crosswalk::ead::stream`, what `convert` does
//! for EAD into EAD) gives the same bytes and the same ledger as the finding aid read and
//! written whole, into both versions, for our own finding aids and every corpus one.

mod common;

use common::*;
use crosswalk::ead::stream::{convert, Streamed};
use crosswalk::ead::Version;

/// Compares the two ways for one text; false when the streamed writer handed the
/// finding aid back to be written whole (a reference to an id the output lacks).
fn same_both_ways(name: &str, text: &str, v: Version) -> bool {
    // One thread, and two (a printing thread and a worker, once there are 64 components).
    let one = same_on(name, text, v, 1);
    let two = same_on(name, text, v, 2);
    assert_eq!(one, two, "{name}: one thread and two disagree on streaming");
    one
}

fn same_on(name: &str, text: &str, v: Version, threads: usize) -> bool {
    let (whole, whole_ledger) = crosswalk::ead::write(&crosswalk::ead::read(text).unwrap(), v);
    let mut streamed = Vec::new();
    match convert(text, v, threads, &mut streamed).unwrap() {
        Streamed::Done(ledger, name_found) => {
            let streamed = String::from_utf8(streamed).unwrap();
            assert!(
                whole == streamed,
                "{name} into {v:?} on {threads} thread(s): the streamed output differs from the whole one (first difference at byte {})",
                whole
                    .bytes()
                    .zip(streamed.bytes())
                    .position(|(a, b)| a != b)
                    .unwrap_or(whole.len().min(streamed.len()))
            );
            assert_eq!(
                whole_ledger, ledger,
                "{name} into {v:?} on {threads} thread(s): ledgers differ"
            );
            let record = crosswalk::ead::read(text).unwrap();
            assert_eq!(crosswalk::pipeline::record_name(&record), name_found);
            true
        }
        Streamed::NeedsWhole => {
            // The whole writer dropped a dangling reference and said so.
            assert!(
                whole_ledger
                    .losses
                    .iter()
                    .any(|l| l.reason.contains("names no id")),
                "{name} into {v:?}: streaming gave up but the whole writer dropped no reference"
            );
            false
        }
    }
}

#[test]
fn our_finding_aids_stream_as_they_are_written_whole() {
    for rel in ["ead/small-2002.xml", "ead/small-ead3.xml"] {
        let text = read(rel);
        for v in [Version::Ead2002, Version::Ead3] {
            assert!(same_both_ways(rel, &text, v));
        }
    }
}

#[test]
fn nested_components_fill_their_holes_in_order() {
    // c01–c03 nested, with siblings before and after, a comment between components and
    // a description element after the dsc: every level goes back where it was.
    let text = r#"<ead xmlns="urn:isbn:1-931666-22-9"><eadheader><eadid>x</eadid><filedesc><titlestmt><titleproper>T</titleproper></titlestmt></filedesc></eadheader>
<archdesc level="collection"><did><unittitle>Top</unittitle></did>
<dsc><head>Inventory</head>
<c01 level="series"><did><unittitle>S1</unittitle></did>
<c02 level="file"><did><unittitle>F1</unittitle></did><c03 level="item"><did><unittitle>I1</unittitle></did></c03></c02>
<!-- between -->
<c02 level="file"><did><unittitle>F2</unittitle></did></c02></c01>
<c01 level="series"><did><unittitle>S2</unittitle></did><scopecontent><p>Words</p></scopecontent></c01>
</dsc><odd><p>After the dsc</p></odd></archdesc></ead>"#;
    for v in [Version::Ead2002, Version::Ead3] {
        assert!(same_both_ways("inline", text, v));
        let mut out = Vec::new();
        convert(text, v, 1, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let order: Vec<usize> = [
            "Top",
            "S1",
            "F1",
            "I1",
            "between",
            "F2",
            "S2",
            "Words",
            "After the dsc",
        ]
        .iter()
        .map(|w| {
            out.find(w)
                .unwrap_or_else(|| panic!("{w} missing from {out}"))
        })
        .collect();
        assert!(order.windows(2).all(|p| p[0] < p[1]), "{out}");
        assert!(!out.contains('\0'), "a hole was left in {out}");
    }
}

#[test]
fn hundreds_of_components_on_two_threads_come_out_in_document_order() {
    // 300 series of two files each, one file holding an item: past the count where the
    // components are shared between threads.
    let mut text = String::from(
        r#"<ead xmlns="urn:isbn:1-931666-22-9"><eadheader><eadid>x</eadid><filedesc><titlestmt><titleproper>T</titleproper></titlestmt></filedesc></eadheader><archdesc level="collection"><did><unittitle>Top</unittitle></did><dsc>"#,
    );
    for i in 0..300 {
        text.push_str(&format!(
            r#"<c01 level="series" id="s{i}"><did><unittitle>S{i}</unittitle></did><c02 level="file"><did><unittitle>F{i}a</unittitle><container type="box">{i}</container></did><c03 level="item"><did><unittitle>I{i}</unittitle></did></c03></c02><c02 level="file"><did><unittitle>F{i}b</unittitle></did><scopecontent><p>See <ref target="s{i}">S{i}</ref>.</p></scopecontent></c02></c01>"#
        ));
    }
    text.push_str("</dsc></archdesc></ead>");
    for v in [Version::Ead2002, Version::Ead3] {
        assert!(same_on("generated", &text, v, 2));
        let mut out = Vec::new();
        convert(&text, v, 2, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let mut at = 0;
        for i in 0..300 {
            for w in [
                format!(">S{i}<"),
                format!(">F{i}a<"),
                format!(">I{i}<"),
                format!(">F{i}b<"),
            ] {
                at += out[at..]
                    .find(&w)
                    .unwrap_or_else(|| panic!("{w} missing or out of order"));
            }
        }
    }
}

#[test]
fn corpus_finding_aids_stream_as_they_are_written_whole() {
    let Some(shared) = shared("corpus_finding_aids_stream_as_they_are_written_whole") else {
        return;
    };
    let mut streamed = 0;
    for dir in ["ead2002", "ead3"] {
        for f in xml_files(&shared.join("corpus").join(dir)) {
            let text = std::fs::read_to_string(&f).unwrap();
            let name = f.display().to_string();
            for v in [Version::Ead2002, Version::Ead3] {
                streamed += usize::from(same_both_ways(&name, &text, v));
            }
        }
    }
    assert!(streamed >= 40, "only {streamed} conversions streamed");
}

#[test]
fn a_nul_character_is_refused_with_its_position_not_taken_for_a_hole() {
    // The streaming writer marks holes with NUL; XML has no NUL character, so a document
    // holding one is refused before anything is written.
    let text = "<ead xmlns=\"urn:isbn:1-931666-22-9\"><archdesc level=\"collection\"><did>\n<unittitle>a\u{0}0 3 1\u{0}b</unittitle></did></archdesc></ead>";
    for threads in [1, 2] {
        let mut out = Vec::new();
        let Err(e) = convert(text, Version::Ead3, threads, &mut out) else {
            panic!("a NUL character was accepted");
        };
        let pos = e.pos.expect("the error has a position");
        assert_eq!((pos.line, pos.column), (2, 13), "{e:?}");
        assert!(e.message.contains("NUL"), "{}", e.message);
        assert!(out.is_empty(), "something was written before the error");
    }
}
