//! EAD 2002 and EAD3: reading, same-format round trips over the corpus, migration both
//! ways checked by jing and xmllint, goldens for our own small finding aids, the DTD
//! form with and without a DOCTYPE, components c01–c12 at full depth.

mod common;

use common::*;
use crosswalk::{Format, Record};

/// What a document holds, read by an independent parser: words, attribute values
/// (local names, XLink's DTD spelling as the schema's), element counts by local name.
#[derive(Debug, PartialEq)]
struct Profile {
    words: std::collections::BTreeMap<String, usize>,
    attributes: std::collections::BTreeMap<(String, String), usize>,
    elements: std::collections::BTreeMap<String, usize>,
}

fn profile(xml: &str) -> Profile {
    let doc = roxmltree::Document::parse_with_options(
        xml,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap();
    let mut p = Profile {
        words: Default::default(),
        attributes: Default::default(),
        elements: Default::default(),
    };
    for n in doc.descendants() {
        if n.is_text() {
            for w in n.text().unwrap_or("").split_whitespace() {
                *p.words.entry(w.to_string()).or_default() += 1;
            }
        } else if n.is_element() {
            *p.elements
                .entry(n.tag_name().name().to_string())
                .or_default() += 1;
            for a in n.attributes() {
                let name = match a.name() {
                    "linktype" => "type",
                    other => other,
                };
                let mut v = a.value().split_whitespace().collect::<Vec<_>>().join(" ");
                if matches!(name, "actuate" | "show") || a.name() == "linktype" {
                    v = v.to_lowercase();
                }
                *p.attributes.entry((name.to_string(), v)).or_default() += 1;
            }
        }
    }
    p
}

fn count(xml: &str, names: &[&str]) -> usize {
    let doc = roxmltree::Document::parse_with_options(
        xml,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap();
    doc.descendants()
        .filter(|n| n.is_element() && names.contains(&n.tag_name().name()))
        .count()
}

fn corpus(sub: &str, test: &str) -> Vec<(String, String)> {
    let Some(shared) = shared(test) else {
        return Vec::new();
    };
    let files = xml_files(&shared.join("corpus").join(sub));
    assert!(!files.is_empty());
    files
        .iter()
        .map(|f| {
            let text = crosswalk::xml::decode(&std::fs::read(f).unwrap()).unwrap();
            (f.display().to_string(), text)
        })
        .collect()
}

fn read(text: &str, name: &str) -> Record {
    crosswalk::read(text, None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn same_format_round_trips_keep_every_word_attribute_and_element_and_the_model() {
    for (sub, format) in [("ead2002", Format::Ead), ("ead3", Format::Ead3)] {
        let files = corpus(sub, "same_format_round_trips");
        for (name, text) in &files {
            let first = read(text, name);
            let (out, _) = crosswalk::write(&first, format);
            let (a, b) = (profile(text), profile(&out));
            assert_eq!(a.words, b.words, "{name}: the words differ");
            assert_eq!(
                a.attributes, b.attributes,
                "{name}: the attribute values differ"
            );
            assert_eq!(a.elements, b.elements, "{name}: the element counts differ");
            let second = read(&out, name);
            assert!(
                normalised(first) == normalised(second),
                "{name}: reading the output gives another model"
            );
        }
        eprintln!("{} {sub} files round-trip", files.len());
    }
}

#[test]
fn ead2002_to_ead3_is_valid_and_carries_components_containers_objects_and_dates() {
    for (name, text) in corpus("ead2002", "ead2002_to_ead3") {
        let (out, ledger) = crosswalk::write(&read(&text, &name), Format::Ead3);
        for what in [
            &[
                "c", "c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09", "c10", "c11",
                "c12",
            ][..],
            &["container"],
            &["dao", "daoloc"],
            &["unitdate", "unitdatestructured"],
        ] {
            assert!(
                count(&out, what) >= count(&text, what),
                "{name}: fewer {what:?} in the EAD3"
            );
        }
        // Every word is in the output or in the ledger's text.
        let (a, b) = (profile(&text).words, profile(&out).words);
        let mut ledgered = std::collections::BTreeMap::<String, usize>::new();
        for l in &ledger.losses {
            for w in l.text.as_deref().unwrap_or("").split_whitespace() {
                *ledgered.entry(w.to_string()).or_default() += 1;
            }
        }
        for (w, n) in &a {
            let have = b.get(w).copied().unwrap_or(0) + ledgered.get(w).copied().unwrap_or(0);
            assert!(
                have >= *n,
                "{name}: '{w}' is neither in the EAD3 nor in the ledger"
            );
        }
        cross_check(&[(Format::Ead3, out)]);
    }
}

#[test]
fn ead3_to_ead2002_is_valid() {
    for (name, text) in corpus("ead3", "ead3_to_ead2002") {
        let (out, _) = crosswalk::write(&read(&text, &name), Format::Ead);
        cross_check(&[(Format::Ead, out)]);
    }
}

#[test]
fn finding_aids_convert_to_tei_dc_and_json() {
    for sub in ["ead2002", "ead3"] {
        for (name, text) in corpus(sub, "finding_aids_convert_to_tei_dc_and_json") {
            let r = read(&text, &name);
            for f in [Format::Tei, Format::Dc] {
                let (out, _) = crosswalk::write(&r, f);
                assert!(!out.is_empty(), "{name}: no {f}");
            }
            let json = crosswalk::json::write(&r);
            let back = crosswalk::json::read(&json).unwrap();
            assert!(
                back == r,
                "{name}: the JSON does not read back to the model"
            );
        }
    }
}

#[test]
fn our_small_finding_aids_migrate_as_the_reviewed_goldens() {
    for (src, format, out, ledger) in [
        (
            "ead/small-2002.xml",
            Format::Ead3,
            "golden/small-2002.ead3.xml",
            "golden/small-2002.ead3-ledger.json",
        ),
        (
            "ead/small-ead3.xml",
            Format::Ead,
            "golden/small-ead3.ead.xml",
            "golden/small-ead3.ead-ledger.json",
        ),
    ] {
        let r = read(&common::read(src), src);
        let (xml, l) = crosswalk::write(&r, format);
        golden(out, &xml);
        golden(ledger, &(serde_json::to_string_pretty(&l).unwrap() + "\n"));
        cross_check(&[(format, xml)]);
    }
}

/// The same finding aid namespaced, in the DTD form with a DOCTYPE, and without one.
const DTD_BODY: &str = r#"<eadheader><eadid>x-1</eadid><filedesc><titlestmt><titleproper>Pike papers</titleproper></titlestmt></filedesc></eadheader>
<archdesc level="collection"><did><unittitle>Pike papers</unittitle></did>
<scopecontent><p>See <extref linktype="simple" href="https://example.org/pike" actuate="onrequest" show="new">the exhibit</extref>.</p></scopecontent>
<dsc><c01 level="file"><did><unittitle>Letters</unittitle><container type="box">1</container></did></c01></dsc></archdesc></ead>"#;

#[test]
fn the_dtd_form_reads_with_and_without_a_doctype_and_is_written_namespaced() {
    let with = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE ead PUBLIC \"+//ISBN 1-931666-00-8//DTD ead.dtd (Encoded Archival Description (EAD) Version 2002)//EN\" \"ead.dtd\">\n<ead>{DTD_BODY}"
    );
    let without = format!("<ead>{DTD_BODY}");
    let spelled = format!(
        "<ead xmlns=\"urn:isbn:1-931666-22-9\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">{}",
        DTD_BODY
            .replace("linktype=", "xlink:type=")
            .replace(" href=", " xlink:href=")
            .replace("actuate=\"onrequest\"", "xlink:actuate=\"onRequest\"")
            .replace(" show=", " xlink:show=")
    );
    let reference = normalised(read(&spelled, "namespaced"));
    for (name, text) in [("with a DOCTYPE", &with), ("without a DOCTYPE", &without)] {
        let r = read(text, name);
        assert!(
            normalised(r.clone()) == reference,
            "{name}: another model than the namespaced form"
        );
        let (out, _) = crosswalk::write(&r, Format::Ead);
        assert!(
            out.contains("xmlns=\"urn:isbn:1-931666-22-9\""),
            "{name}: not namespaced"
        );
        assert!(
            out.contains("xlink:href=\"https://example.org/pike\""),
            "{name}: href not XLink"
        );
        cross_check(&[(Format::Ead, out)]);
        let (out3, _) = crosswalk::write(&r, Format::Ead3);
        assert!(out3.contains("href=\"https://example.org/pike\""));
        cross_check(&[(Format::Ead3, out3)]);
    }
    // The CLI ledger says the form changed.
    let dir = fresh_dir("ead", "dtd-form");
    let input = dir.join("dtd.xml");
    std::fs::write(&input, &without).unwrap();
    let out = dir.join("out.xml");
    let ledger = dir.join("ledger.json");
    let o = crosswalk(&[
        "convert",
        s(&input),
        "--to",
        "ead",
        "-o",
        s(&out),
        "--ledger",
        s(&ledger),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read_to_string(&ledger)
        .unwrap()
        .contains("DTD form"));
}

#[test]
fn components_c01_to_c12_nest_at_full_depth_both_ways() {
    let mut xml = String::from("<ead xmlns=\"urn:isbn:1-931666-22-9\"><eadheader><eadid>d</eadid><filedesc><titlestmt><titleproper>Deep</titleproper></titlestmt></filedesc></eadheader><archdesc level=\"collection\"><did><unittitle>Deep</unittitle></did><dsc>");
    for i in 1..=12 {
        xml.push_str(&format!(
            "<c{i:02} level=\"file\"><did><unittitle>Level {i}</unittitle></did>"
        ));
    }
    for i in (1..=12).rev() {
        xml.push_str(&format!("</c{i:02}>"));
    }
    xml.push_str("</dsc></archdesc></ead>");
    let r = read(&xml, "deep");
    let mut depth = 0;
    let mut at = &r;
    while let Some(c) = at.children.first() {
        depth += 1;
        assert_eq!(c.titles[0].text, format!("Level {depth}"));
        at = c;
    }
    assert_eq!(
        depth, 12,
        "twelve levels of components are twelve levels of records"
    );
    for f in [Format::Ead, Format::Ead3] {
        let (out, _) = crosswalk::write(&r, f);
        assert!(out.contains("<c12 level=\"file\">"), "{f}: c12 not written");
        cross_check(&[(f, out)]);
    }
    let (json, _) = (crosswalk::json::write(&r), ());
    assert!(json.matches("Level ").count() == 12);
}

#[test]
fn a_finding_aid_that_is_not_well_formed_exits_2_with_line_and_column() {
    let dir = fresh_dir("ead", "broken");
    let input = dir.join("broken.xml");
    std::fs::write(
        &input,
        "<ead xmlns=\"urn:isbn:1-931666-22-9\">\n<archdesc>\n</ead>\n",
    )
    .unwrap();
    let out = dir.join("out.xml");
    let o = crosswalk(&["convert", s(&input), "--to", "ead3", "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("broken.xml:3:"), "{err}");
    assert!(!out.exists());
}
