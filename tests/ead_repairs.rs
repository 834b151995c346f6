//! Shapes of real exports that the migration between the EAD versions once lost words
//! from, wrote invalid, or dropped without a word: found by running finding aids from
//! other institutions (ArchivesSpace, Archivists' Toolkit, AtoM, EHRI partners) and
//! written here as small finding aids of our own. Each is converted by the CLI, which
//! validates its output against the bundled schema (exit 0 means valid).

mod common;

use common::*;

/// A finding aid: `filedesc` gets `in_filedesc` after its title, the header gets
/// `after_filedesc`, and `archdesc` gets `body` after its `did`'s title (`body` closes the
/// `did`).
fn finding_aid(in_filedesc: &str, after_filedesc: &str, body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ead xmlns="urn:isbn:1-931666-22-9" xmlns:xlink="http://www.w3.org/1999/xlink">
  <eadheader><eadid>rp-1</eadid><filedesc><titlestmt><titleproper>Repairs</titleproper></titlestmt>{in_filedesc}</filedesc>{after_filedesc}</eadheader>
  <archdesc level="collection"><did><unittitle>Repair cases</unittitle>{body}</archdesc>
</ead>
"#
    )
}

/// Converts `input` to `to` by the CLI; the output and the ledger's (kind, reason, text).
fn convert(test: &str, input: &str, to: &str) -> (String, Vec<(String, String, String)>) {
    let dir = fresh_dir("ead-repairs", test);
    let (src, out, led) = (dir.join("in.xml"), dir.join("out.xml"), dir.join("l.json"));
    std::fs::write(&src, input).unwrap();
    let run = crosswalk(&[
        "convert",
        s(&src),
        "--to",
        to,
        "-q",
        "-o",
        s(&out),
        "--ledger",
        s(&led),
    ]);
    assert!(
        run.status.success(),
        "{test}: exit {:?}: {}",
        run.status.code(),
        String::from_utf8_lossy(&run.stderr)
    );
    let ledger: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&led).unwrap()).unwrap();
    let losses = ledger["losses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let f = |k: &str| l[k].as_str().unwrap_or("").to_string();
            (f("kind"), f("reason"), f("text"))
        })
        .collect();
    let text = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    (text, losses)
}

/// The words of the text of a document.
fn words(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.is_text())
        .flat_map(|n| n.text().unwrap_or("").split_whitespace())
        .map(String::from)
        .collect()
}

fn count(xml: &str, name: &str) -> usize {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .count()
}

#[test]
fn an_empty_dsc_is_kept_in_both_versions() {
    // (The writer writes a dsc around components; one without any, and without
    // attributes, vanished.)
    let bare = finding_aid("", "", "</did><dsc/>");
    for to in ["ead", "ead3"] {
        let (out, _) = convert(&format!("empty-dsc-{to}"), &bare, to);
        assert_eq!(count(&out, "dsc"), 1, "{to}: {out}");
    }
    let input = finding_aid("", "", "</did><dsc type=\"combined\"/>");
    // Its attribute too, where it stood in the same version.
    let (out, losses) = convert("empty-dsc-same", &input, "ead");
    assert!(out.contains("<dsc type=\"combined\"/>"), "{out}");
    assert!(losses.is_empty(), "{losses:?}");
}

#[test]
fn physical_description_statements_unwrapped_into_ead3_text_keep_their_words_apart() {
    let input = finding_aid(
        "",
        "",
        "<physdesc><extent>4 plates</extent><physfacet>cyanotype</physfacet><dimensions>9 x 12 cm</dimensions></physdesc></did>",
    );
    let (out, _) = convert("statements", &input, "ead3");
    let w = words(&out);
    for word in ["plates", "cyanotype", "9", "cm"] {
        assert!(
            w.iter().any(|x| x == word),
            "'{word}' is not a word of {out}"
        );
    }
}

#[test]
fn a_dsc_nested_in_a_component_becomes_other_descriptive_data_in_ead3() {
    let input = finding_aid(
        "",
        "",
        "</did><dsc><c01 level=\"series\"><did><unittitle>Ledgers</unittitle></did>\
         <dsc><head>Arrangement note</head><p>Volumes are shelved by accession year.</p></dsc>\
         </c01></dsc>",
    );
    let (out, losses) = convert("nested-dsc", &input, "ead3");
    let w = words(&out).join(" ");
    assert!(w.contains("Arrangement note"), "{out}");
    assert!(
        w.contains("Volumes are shelved by accession year."),
        "{out}"
    );
    assert_eq!(count(&out, "odd"), 1, "{out}");
    assert!(
        losses
            .iter()
            .any(|(k, r, _)| k == "flattened" && r.contains("put in an <odd>")),
        "{losses:?}"
    );
    assert!(!losses.iter().any(|(k, _, _)| k == "dropped"), "{losses:?}");
}

#[test]
fn a_repository_with_only_an_address_gets_a_supplied_name_in_ead3() {
    let input = finding_aid(
        "",
        "",
        "<repository><address><addressline>12 Quay Road</addressline></address></repository></did>",
    );
    let (out, losses) = convert("repository-address", &input, "ead3");
    assert!(words(&out).iter().any(|w| w == "Quay"), "{out}");
    let doc = roxmltree::Document::parse(&out).unwrap();
    let repo = doc
        .descendants()
        .find(|n| n.has_tag_name(("http://ead3.archivists.org/schema/", "repository")))
        .unwrap();
    let kids: Vec<&str> = repo
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(kids, ["name", "address"]);
    assert!(
        losses
            .iter()
            .any(|(k, r, _)| k == "supplied" && r.contains("repository needs a name")),
        "{losses:?}"
    );
}

#[test]
fn an_address_written_as_text_becomes_an_addressline() {
    // Invalid EAD 2002 (an address holds lines), as some exports write it.
    let input = finding_aid(
        "<publicationstmt><publisher>Town Archive</publisher><address>4 Mill Lane, Harbury</address></publicationstmt>",
        "",
        "</did>",
    );
    let (out, losses) = convert("address-text", &input, "ead3");
    assert_eq!(count(&out, "addressline"), 1, "{out}");
    assert!(words(&out).iter().any(|w| w == "Harbury"), "{out}");
    assert!(
        losses
            .iter()
            .any(|(k, r, _)| k == "supplied" && r.contains("addressline")),
        "{losses:?}"
    );
}

#[test]
fn languages_named_only_in_prose_are_kept_in_a_language_declaration_note() {
    let input = finding_aid(
        "",
        "<profiledesc><langusage>Mostly Welsh, some Cornish</langusage></profiledesc>",
        "</did>",
    );
    let (out, losses) = convert("langusage-prose", &input, "ead3");
    assert!(words(&out).iter().any(|w| w == "Cornish"), "{out}");
    assert_eq!(count(&out, "languagedeclaration"), 1, "{out}");
    assert!(!losses.iter().any(|(k, _, _)| k == "dropped"), "{losses:?}");
}

/// An EAD3 finding aid with `archdesc` attributes `attrs`, `control` extra `in_control`
/// (after the maintenance status) and `did` content `did`.
fn ead3(attrs: &str, status: &str, did: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ead xmlns="http://ead3.archivists.org/schema/">
  <control><recordid>rp-3</recordid><filedesc><titlestmt><titleproper>Repairs</titleproper></titlestmt></filedesc>
    {status}<maintenanceagency><agencyname>Town Archive</agencyname></maintenanceagency>
    <maintenancehistory><maintenanceevent><eventtype value="created"/><eventdatetime>2020</eventdatetime><agenttype value="human"/><agent>J. Doe</agent></maintenanceevent></maintenancehistory>
  </control>
  <archdesc {attrs}><did><unittitle>Repair cases</unittitle>{did}</did></archdesc>
</ead>
"#
    )
}

#[test]
fn a_level_ead_2002_does_not_have_becomes_otherlevel() {
    let status = r#"<maintenancestatus value="new"/>"#;
    // Empty (invalid EAD3 too): archdesc must have a level in EAD 2002.
    let (out, losses) = convert("level-empty", &ead3(r#"level="""#, status, ""), "ead");
    assert!(
        out.contains(r#"<archdesc level="otherlevel" otherlevel="unspecified">"#),
        "{out}"
    );
    assert!(losses.iter().any(|(k, _, _)| k == "supplied"), "{losses:?}");
    // A name of the source's own (EAD3 allows none but its list either; read anyway).
    let (out, _) = convert("level-case", &ead3(r#"level="Series""#, status, ""), "ead");
    assert!(out.contains(r#"<archdesc level="series">"#), "{out}");
}

#[test]
fn text_in_an_ead3_maintenance_status_is_ledgered_in_ead_2002() {
    let status = r#"<maintenancestatus value="revised">Recently recatalogued</maintenancestatus>"#;
    let (_, losses) = convert("status-text", &ead3(r#"level="fonds""#, status, ""), "ead");
    assert!(
        losses.iter().any(|(_, _, t)| t.contains("recatalogued")),
        "{losses:?}"
    );
}

#[test]
fn a_number_unwrapped_from_a_title_stays_a_word_of_its_own() {
    let input = finding_aid("", "", "</did>").replace(
        "<titleproper>Repairs</titleproper>",
        "<titleproper>Harbour dues ledgers<num>HD.0099</num></titleproper>",
    );
    let (out, _) = convert("num-in-title", &input, "ead3");
    let w = words(&out);
    for word in ["ledgers", "HD.0099"] {
        assert!(
            w.iter().any(|x| x == word),
            "'{word}' is not a word of {out}"
        );
    }
}

#[test]
fn words_touching_an_unwrapped_element_are_in_the_ledger() {
    // EAD3 has no subarea: its text joins the name's part, and the comma after it runs
    // into it, so the ledger gives the touching words too.
    let input = finding_aid(
        "",
        "",
        "<repository><corpname>County Library<subarea>Map Room</subarea>, West Wing</corpname></repository></did>",
    );
    let (_, losses) = convert("subarea", &input, "ead3");
    let l = losses
        .iter()
        .find(|(_, r, _)| r.contains("<subarea>"))
        .unwrap_or_else(|| panic!("no subarea loss: {losses:?}"));
    assert!(l.2.contains("Library") && l.2.contains(','), "{l:?}");
}

#[test]
fn an_empty_address_gets_a_line_in_ead3() {
    let input = finding_aid(
        "<publicationstmt><publisher>Town Archive</publisher><address> </address></publicationstmt>",
        "",
        "</did>",
    );
    let (out, losses) = convert("empty-address", &input, "ead3");
    assert_eq!(count(&out, "addressline"), 1, "{out}");
    assert!(
        losses
            .iter()
            .any(|(k, r, _)| k == "supplied" && r.contains("address")),
        "{losses:?}"
    );
}

#[test]
fn a_did_part_standing_straight_in_a_level_moves_into_its_did_in_ead3() {
    // Invalid EAD 2002 (an origination belongs in did), as some exports write it.
    let input = finding_aid(
        "",
        "",
        "</did><origination><corpname>Quayside Rope Company</corpname></origination>",
    );
    let (out, losses) = convert("origination-in-level", &input, "ead3");
    let doc = roxmltree::Document::parse(&out).unwrap();
    let orig = doc
        .descendants()
        .find(|n| n.tag_name().name() == "origination")
        .unwrap_or_else(|| panic!("no origination: {out}"));
    assert_eq!(orig.parent().unwrap().tag_name().name(), "did");
    assert!(words(&out).iter().any(|w| w == "Quayside"), "{out}");
    assert!(
        losses
            .iter()
            .any(|(_, r, _)| r.contains("moved to the level's did")),
        "{losses:?}"
    );
}

#[test]
fn an_unwrapped_element_gives_its_attribute_values_to_the_ledger() {
    // An HTML link in a paragraph (a rich-text field exported as is): EAD3 has no <a>.
    let input = finding_aid(
        "",
        "",
        "</did><userestrict><p>Terms: <a href=\"https://terms.example.org/open\">open licence</a>.</p></userestrict>",
    );
    let (out, losses) = convert("html-link", &input, "ead3");
    assert!(
        words(&out)
            .iter()
            .any(|w| w == "licence" || w == "licence."),
        "{out}"
    );
    assert!(
        losses
            .iter()
            .any(|(_, _, t)| t.contains("https://terms.example.org/open")),
        "{losses:?}"
    );
}
