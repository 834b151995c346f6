//! What the EAD reader maps into the model beyond titles, dates and ids: creators
//! (`origination`), extent, languages, repository, containers, locations, material
//! details, digital objects, the level's notes and `controlaccess`, each only where the
//! EAD writer writes it back as it was. Checked on a finding aid of our own
//! (`fixtures/ead/mapped-2002.xml`) and, where `../shared` is present, on the corpus.

mod common;

use common::*;
use crosswalk::model::{AgentKind, NoteKind, Role, SubjectKind};
use crosswalk::{Format, Record};

const FIXTURE: &str = "ead/mapped-2002.xml";

fn fixture_record() -> Record {
    crosswalk::read(&common::read(FIXTURE), None).unwrap()
}

/// Words, attribute values and element counts of a document, by local name.
fn profile(xml: &str) -> (Vec<String>, Vec<(String, String)>, Vec<String>) {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let (mut words, mut attrs, mut els) = (Vec::new(), Vec::new(), Vec::new());
    for n in doc.descendants() {
        if n.is_text() {
            words.extend(n.text().unwrap_or("").split_whitespace().map(String::from));
        } else if n.is_element() {
            els.push(n.tag_name().name().to_string());
            for a in n.attributes() {
                let v = a.value().split_whitespace().collect::<Vec<_>>().join(" ");
                attrs.push((a.name().to_string(), v));
            }
        }
    }
    words.sort();
    attrs.sort();
    els.sort();
    (words, attrs, els)
}

/// Asserts that each of `words` is in the text of some entry of `ledger`.
fn assert_ledgered(ledger: &crosswalk::Ledger, words: &[&str], what: &str) {
    let texts: Vec<&str> = ledger
        .losses
        .iter()
        .filter_map(|l| l.text.as_deref())
        .collect();
    for v in words {
        assert!(
            texts.iter().any(|t| t.contains(v)),
            "{what}: {v} not in {texts:?}"
        );
    }
}

/// The record's agents as name and role.
fn agent_roles(r: &Record) -> Vec<(&str, &Role)> {
    r.agents
        .iter()
        .map(|a| (a.name.as_str(), &a.role))
        .collect()
}

/// The text of every element of a DC output named `name` (`creator`, `subject`, ...).
fn dc_values(xml: &str, name: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

#[test]
fn the_fixture_maps_creators_subjects_notes_extent_and_the_did_parts() {
    let r = fixture_record();
    let creators: Vec<(&str, &Role, &AgentKind)> = r
        .agents
        .iter()
        .map(|a| (a.name.as_str(), &a.role, &a.kind))
        .collect();
    assert_eq!(
        creators,
        [
            ("Wren, Hazel, 1901-1988", &Role::Creator, &AgentKind::Person),
            (
                "Crosswalk Test Archives",
                &Role::Repository,
                &AgentKind::Organisation
            ),
            (
                "Wellfleet College",
                &Role::Other("fmo".into()),
                &AgentKind::Organisation
            ),
        ]
    );
    let subjects: Vec<(&str, &SubjectKind, Option<&str>)> = r
        .subjects
        .iter()
        .map(|s| (s.term.as_str(), &s.kind, s.vocabulary.as_deref()))
        .collect();
    assert_eq!(
        subjects,
        [
            ("Botany -- Germany", &SubjectKind::Topic, Some("lcsh")),
            (
                "Humboldt, Alexander von, 1769-1859",
                &SubjectKind::Person,
                Some("lcnaf")
            ),
            ("Black Forest (Germany)", &SubjectKind::Place, Some("lcnaf")),
            ("Field notes", &SubjectKind::GenreForm, Some("aat")),
        ]
    );
    assert_eq!(r.subjects[1].uri.as_deref(), Some("n80-5555"));
    let notes: Vec<(&NoteKind, Option<&str>)> = r
        .notes
        .iter()
        .map(|n| (&n.kind, n.heading.as_deref()))
        .collect();
    assert_eq!(
        notes,
        [
            (&NoteKind::BiographicalHistorical, Some("Biographical Note")),
            (&NoteKind::ScopeContent, Some("Scope and Contents")),
            (
                &NoteKind::AccessRestrictions,
                Some("Conditions Governing Access")
            ),
            (&NoteKind::UseRestrictions, None),
            (&NoteKind::General, None),
        ]
    );
    assert_eq!(r.notes[0].attributes.id.as_deref(), Some("bio1"));
    assert_eq!(r.notes[1].attributes.encodinganalog.as_deref(), Some("520"));
    let extents: Vec<&str> = r.extents.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(extents, ["3.5 linear feet"]);
    let langs: Vec<&str> = r.languages.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(langs, ["eng", "ger"]);
    assert_eq!(r.physical_locations[0].text, "Vault 2");
    assert_eq!(r.material_specs, ["Scale 1:24,000"]);
    assert_eq!(
        r.abstract_,
        ["Field notebooks and letters of the botanist Hazel Wren."]
    );
    // What the writer cannot put back stays verbatim: the did's head and note, descgrp.
    let kept: Vec<&str> = r.unmapped.iter().map(|u| u.path.as_str()).collect();
    for p in [
        "/ead/archdesc/did/head",
        "/ead/archdesc/did/note",
        "/ead/archdesc/descgrp",
    ] {
        assert!(kept.contains(&p), "{p} is not kept: {kept:?}");
    }
    for p in [
        "/ead/archdesc/did/origination",
        "/ead/archdesc/scopecontent",
        "/ead/archdesc/controlaccess",
    ] {
        assert!(!kept.contains(&p), "{p} is still a fragment");
    }
    let c = &r.children[0];
    let boxes: Vec<(&str, Option<&str>)> = c
        .containers
        .iter()
        .map(|k| (k.value.as_str(), k.kind.as_deref()))
        .collect();
    assert_eq!(boxes, [("1", Some("box")), ("3", Some("folder"))]);
    assert_eq!(c.containers[1].parent.as_deref(), Some("box1"));
    assert_eq!(c.digital_objects[0].href, "https://example.org/iiif/ms77-1");
    assert_eq!(c.digital_objects[0].title.as_deref(), Some("Notebook 1"));
    assert_eq!(c.notes.len(), 1);
    assert!(c.unmapped.iter().all(|u| !u.path.contains("/did/")));
}

#[test]
fn the_fixture_round_trips_as_it_was_and_migrates_valid() {
    let text = common::read(FIXTURE);
    let r = fixture_record();
    let (out, _) = crosswalk::write(&r, Format::Ead);
    let (a, b) = (profile(&text), profile(&out));
    assert_eq!(a.0, b.0, "the words differ");
    assert_eq!(a.1, b.1, "the attribute values differ");
    assert_eq!(a.2, b.2, "the element counts differ");
    // The mapped did children in the source's order, the fragments where they stood.
    let did_children = |xml: &str| -> Vec<String> {
        let doc = roxmltree::Document::parse(xml).unwrap();
        let did = doc
            .descendants()
            .find(|n| n.tag_name().name() == "did")
            .unwrap();
        did.children()
            .filter(|n| n.is_element())
            .map(|n| n.tag_name().name().to_string())
            .collect()
    };
    assert_eq!(did_children(&text), did_children(&out));
    let again = crosswalk::read(&out, None).unwrap();
    assert!(
        normalised(again) == normalised(r.clone()),
        "reading the output gives another model"
    );
    let (ead3, _) = crosswalk::write(&r, Format::Ead3);
    let back = crosswalk::read(&ead3, None).unwrap();
    let (ead2002, _) = crosswalk::write(&back, Format::Ead);
    cross_check(&[
        (Format::Ead, out),
        (Format::Ead3, ead3),
        (Format::Ead, ead2002),
    ]);
}

#[test]
fn the_fixture_gives_dc_its_creator_subjects_description_extent_language_and_rights() {
    let r = fixture_record();
    let (dc, _) = crosswalk::write(&r, Format::Dc);
    assert_eq!(dc_values(&dc, "creator"), ["Wren, Hazel, 1901-1988"]);
    let subjects = dc_values(&dc, "subject");
    for s in ["Botany -- Germany", "Humboldt, Alexander von, 1769-1859"] {
        assert!(subjects.iter().any(|x| x == s), "{s} not in {subjects:?}");
    }
    let description = dc_values(&dc, "description").join(" | ");
    for d in [
        "Field notebooks and letters",
        "Field notebooks, correspondence and pressed specimens.",
        "Hazel Wren studied the flora",
    ] {
        assert!(description.contains(d), "{d} not in {description}");
    }
    assert!(dc_values(&dc, "format").contains(&"3.5 linear feet".to_string()));
    assert!(!dc_values(&dc, "language").is_empty());
    let rights = dc_values(&dc, "rights").join(" | ");
    assert!(rights.contains("Open for research."), "{rights}");
    assert!(
        rights.contains("Copyright is held by the Wren estate."),
        "{rights}"
    );
    assert!(dc_values(&dc, "coverage").contains(&"Black Forest (Germany)".to_string()));
    assert!(dc_values(&dc, "type").contains(&"Field notes".to_string()));
}

#[test]
fn the_fixture_gives_tei_and_json_the_mapped_fields() {
    let r = fixture_record();
    let (tei, _) = crosswalk::write(&r, Format::Tei);
    for s in [
        "Wren, Hazel, 1901-1988",
        "Botany -- Germany",
        "3.5 linear feet",
        "Field notebooks, correspondence and pressed specimens.",
    ] {
        assert!(tei.contains(s), "TEI lacks {s}");
    }
    let (json, _) = crosswalk::write(&r, Format::Json);
    let back = crosswalk::json::read(&json).unwrap();
    assert!(back == r, "the JSON does not read back to the model");
}

/// Corpus counts as they are now: the mapping must not fall below them.
#[test]
fn corpus_finding_aids_give_dc_creators_subjects_and_descriptions() {
    let Some(shared) = shared("corpus_finding_aids_give_dc_creators_subjects_and_descriptions")
    else {
        return;
    };
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for sub in ["ead2002", "ead3"] {
        for f in xml_files(&shared.join("corpus").join(sub)) {
            let text = crosswalk::xml::decode(&std::fs::read(&f).unwrap()).unwrap();
            let r = crosswalk::read(&text, None).unwrap();
            let (dc, _) = crosswalk::write(&r, Format::Dc);
            for name in ["creator", "subject", "description", "format", "rights"] {
                *counts.entry(name).or_default() += dc_values(&dc, name).len();
            }
        }
    }
    for (name, at_least) in [
        ("creator", 6),
        ("subject", 26),
        ("description", 100),
        ("format", 10),
        ("rights", 20),
    ] {
        assert!(
            counts[name] >= at_least,
            "dc:{name}: {} over the corpus, fewer than {at_least}",
            counts[name]
        );
    }
}

#[test]
fn a_names_vocabulary_without_an_identifier_is_ledgered_where_it_has_no_place() {
    // Wren's persname has source="lcnaf" and no authfilenumber: EAD writes it back, the
    // other targets say they dropped it.
    let r = fixture_record();
    for f in [Format::Dc, Format::Qdc, Format::Tei] {
        let (_, ledger) = crosswalk::write(&r, f);
        assert!(
            ledger.losses.iter().any(|l| l.field.ends_with(".source")
                && l.text.as_deref() == Some("lcnaf")
                && l.reason.contains("vocabulary")),
            "{f}: the vocabulary of a name without an id is not in the ledger: {:#?}",
            ledger.losses
        );
    }
    for f in [Format::Ead, Format::Ead3] {
        let (out, ledger) = crosswalk::write(&r, f);
        assert!(out.contains(r#"source="lcnaf">"#) || out.contains(r#"source="lcnaf" "#));
        assert!(!ledger
            .losses
            .iter()
            .any(|l| l.reason.contains("vocabulary given")));
    }
}

/// Archival systems' exports put a display label and a MARC analog on every part of
/// `did`, and a span on each date: those parts are mapped with them (and written back).
const LABELLED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ead xmlns="urn:isbn:1-931666-22-9" xmlns:xlink="http://www.w3.org/1999/xlink">
  <eadheader><eadid>lb-1</eadid><filedesc><titlestmt><titleproper>Labelled</titleproper></titlestmt></filedesc></eadheader>
  <archdesc level="collection">
    <did>
      <unittitle label="Title" encodinganalog="245$a">Lighthouse keepers' logs</unittitle>
      <unitdate label="Dates" encodinganalog="245$f" type="inclusive" normal="1871/1932" era="ce" calendar="gregorian">1871-1932</unitdate>
      <unitdate type="bulk" normal="1890/1910" certainty="approximate">1890-1910</unitdate>
      <unitid label="Identifier" encodinganalog="099" id="uid1">LK-7</unitid>
    </did>
  </archdesc>
</ead>
"#;

#[test]
fn labelled_did_parts_and_date_spans_are_mapped_and_written_back() {
    let r = crosswalk::read(LABELLED, None).unwrap();
    assert_eq!(r.titles[0].text, "Lighthouse keepers' logs");
    assert_eq!(r.titles[0].attributes.label.as_deref(), Some("Title"));
    assert_eq!(
        r.titles[0].attributes.encodinganalog.as_deref(),
        Some("245$a")
    );
    assert_eq!(r.dates.len(), 2);
    assert_eq!(r.dates[0].span, Some(crosswalk::model::DateSpan::Inclusive));
    assert_eq!(r.dates[0].era.as_deref(), Some("ce"));
    assert_eq!(r.dates[1].span, Some(crosswalk::model::DateSpan::Bulk));
    assert_eq!(r.dates[1].certainty.as_deref(), Some("approximate"));
    assert_eq!(r.identifiers[0].attributes.id.as_deref(), Some("uid1"));
    let kept: Vec<&str> = r.unmapped.iter().map(|u| u.path.as_str()).collect();
    assert!(
        kept.iter().all(|p| !p.contains("/did/")),
        "did parts kept as fragments: {kept:?}"
    );
    // Written back as they were, in both versions (EAD3 spells the span unitdatetype).
    let (out, _) = crosswalk::write(&r, Format::Ead);
    let (a, b) = (profile(LABELLED), profile(&out));
    assert_eq!(a, b, "the same-format output differs");
    let (ead3, _) = crosswalk::write(&r, Format::Ead3);
    assert!(ead3.contains(r#"unitdatetype="bulk""#), "{ead3}");
    assert!(ead3.contains(r#"label="Title""#), "{ead3}");
    cross_check(&[(Format::Ead, out), (Format::Ead3, ead3)]);
    // And DC gets the title and the dates.
    let (dc, _) = crosswalk::write(&r, Format::Dc);
    assert_eq!(dc_values(&dc, "title"), ["Lighthouse keepers' logs"]);
    assert!(!dc_values(&dc, "date").is_empty(), "{dc}");
}

/// ArchivesSpace exports collectors, former owners and donors as originations too, and
/// Toolkit exports give a physdesc its extent as text alone: both are mapped (DC gets a
/// contributor and a format) and written back as they stood.
const SOURCES_AND_BARE_EXTENT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ead xmlns="urn:isbn:1-931666-22-9" xmlns:xlink="http://www.w3.org/1999/xlink">
  <eadheader><eadid>sb-1</eadid><filedesc><titlestmt><titleproper>Sources</titleproper></titlestmt></filedesc></eadheader>
  <archdesc level="collection">
    <did>
      <unittitle>Rope works ledgers</unittitle>
      <origination label="Creator"><corpname role="col" source="local">Harbour Book Shop</corpname></origination>
      <origination label="Source"><persname role="fmo" source="local">Pike, Edith</persname></origination>
      <physdesc>3 volumes</physdesc>
    </did>
  </archdesc>
</ead>
"#;

#[test]
fn originations_of_other_roles_and_a_bare_extent_are_mapped_and_written_back() {
    let r = crosswalk::read(SOURCES_AND_BARE_EXTENT, None).unwrap();
    assert_eq!(
        agent_roles(&r),
        [
            ("Harbour Book Shop", &Role::Other("col".into())),
            ("Pike, Edith", &Role::Other("fmo".into())),
        ]
    );
    assert_eq!(r.extents[0].text, "3 volumes");
    assert!(
        r.unmapped.iter().all(|u| !u.path.contains("/did/")),
        "{:?}",
        r.unmapped
    );
    let (out, _) = crosswalk::write(&r, Format::Ead);
    assert_eq!(profile(SOURCES_AND_BARE_EXTENT), profile(&out), "{out}");
    let (dc, _) = crosswalk::write(&r, Format::Dc);
    assert_eq!(
        dc_values(&dc, "contributor"),
        ["Harbour Book Shop", "Pike, Edith"]
    );
    assert_eq!(dc_values(&dc, "format"), ["3 volumes"]);
    let (ead3, _) = crosswalk::write(&r, Format::Ead3);
    cross_check(&[(Format::Ead, out), (Format::Ead3, ead3)]);
}

/// EAD3 exports (ArchivesSpace's among them) give normalised dates as
/// `unitdatestructured`: a range or a single date is mapped with its standard dates and
/// written back as it stood; other targets get the dates.
const STRUCTURED_DATES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ead xmlns="http://ead3.archivists.org/schema/">
  <control><recordid>sd-1</recordid><filedesc><titlestmt><titleproper>Structured</titleproper></titlestmt></filedesc>
    <maintenancestatus value="new"/><maintenanceagency><agencyname>Mill Archive</agencyname></maintenanceagency>
    <maintenancehistory><maintenanceevent><eventtype value="created"/><eventdatetime>2020</eventdatetime><agenttype value="human"/><agent>R. Lee</agent></maintenanceevent></maintenancehistory>
  </control>
  <archdesc level="fonds"><did><unittitle>Tide mill papers</unittitle>
    <unitdatestructured unitdatetype="inclusive" label="Dates"><daterange><fromdate standarddate="1880">1880</fromdate><todate standarddate="1931">1931</todate></daterange></unitdatestructured>
    <unitdatestructured unitdatetype="bulk"><daterange><fromdate>1900</fromdate><todate>1910</todate></daterange></unitdatestructured>
    <unitdatestructured><datesingle standarddate="1925-06-01">1 June 1925</datesingle></unitdatestructured>
  </did></archdesc>
</ead>
"#;

#[test]
fn ead3_structured_dates_are_mapped_and_written_back() {
    let r = crosswalk::read(STRUCTURED_DATES, None).unwrap();
    let dates: Vec<&str> = r.dates.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(dates, ["1880-1931", "1900-1910", "1 June 1925"]);
    assert!(
        r.unmapped.iter().all(|u| !u.path.contains("/did/")),
        "{:?}",
        r.unmapped
    );
    let (out, _) = crosswalk::write(&r, Format::Ead3);
    assert_eq!(profile(STRUCTURED_DATES), profile(&out), "{out}");
    let (ead2002, _) = crosswalk::write(&r, Format::Ead);
    assert!(ead2002.contains(r#"normal="1880/1931""#), "{ead2002}");
    let (dc, _) = crosswalk::write(&r, Format::Dc);
    assert_eq!(
        dc_values(&dc, "date"),
        ["1880/1931", "1900-1910", "1925-06-01"]
    );
    cross_check(&[(Format::Ead3, out), (Format::Ead, ead2002)]);
}

/// Toolkit and Archon exports put the collection's dates at the end of its title: the
/// title and the dates are mapped (DC gets both), EAD 2002 gets them back where they
/// stood, EAD3 (whose unittitle holds no unitdate) in the did, ledgered.
const TITLE_WITH_DATES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ead xmlns="urn:isbn:1-931666-22-9" xmlns:xlink="http://www.w3.org/1999/xlink">
  <eadheader><eadid>td-1</eadid><filedesc><titlestmt><titleproper>Titles</titleproper></titlestmt></filedesc></eadheader>
  <archdesc level="collection"><did>
    <unittitle label="Title">Harbour board records,
      <unitdate type="inclusive" normal="1850/1950">1850-1950</unitdate>
    </unittitle>
  </did></archdesc>
</ead>
"#;

#[test]
fn dates_inside_a_title_are_mapped_with_it() {
    let r = crosswalk::read(TITLE_WITH_DATES, None).unwrap();
    assert_eq!(r.titles[0].text, "Harbour board records,");
    assert_eq!(r.dates[0].text, "1850-1950");
    assert!(
        r.unmapped.iter().all(|u| !u.path.contains("/did/")),
        "{:?}",
        r.unmapped
    );
    let (out, _) = crosswalk::write(&r, Format::Ead);
    assert_eq!(profile(TITLE_WITH_DATES), profile(&out), "{out}");
    let (ead3, ledger) = crosswalk::write(&r, Format::Ead3);
    assert!(
        ledger
            .losses
            .iter()
            .any(|l| l.reason.contains("no <unitdate> in <unittitle>")),
        "{ledger:?}"
    );
    let (dc, _) = crosswalk::write(&r, Format::Dc);
    assert_eq!(dc_values(&dc, "title"), ["Harbour board records,"]);
    assert_eq!(dc_values(&dc, "date"), ["1850/1950"]);
    cross_check(&[(Format::Ead, out), (Format::Ead3, ead3)]);
}

/// What Toolkit and ArchivesSpace exports put on a collection's creator and abstract: the
/// rules the name was formed by, MARC analogs, a role worded with its relator code, an
/// id on the abstract. All are mapped (DC gets the creator and the description) and
/// written back.
const EXPORT_ATTRIBUTES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ead xmlns="urn:isbn:1-931666-22-9" xmlns:xlink="http://www.w3.org/1999/xlink">
  <eadheader><eadid>ex-1</eadid><filedesc><titlestmt><titleproper>Exports</titleproper></titlestmt></filedesc></eadheader>
  <archdesc level="collection"><did>
    <unittitle>Orchard society minutes</unittitle>
    <origination label="Creator" encodinganalog="100"><persname rules="dacs" encodinganalog="600" role="Author (aut)">Pym, Hester, 1871-1949</persname></origination>
    <origination label="Creator"><corpname rules="dacs" source="local">Orchard Society</corpname></origination>
    <origination label="Creator"><famname rules="aacr2" source="lcnaf" authfilenumber="n00-0001">Pym family</famname></origination>
    <abstract id="aspace_0a1b2c" label="Abstract">Minutes and accounts of a village orchard society.</abstract>
  </did></archdesc>
</ead>
"#;

#[test]
fn export_attributes_on_creators_and_abstracts_are_mapped_and_written_back() {
    let r = crosswalk::read(EXPORT_ATTRIBUTES, None).unwrap();
    assert_eq!(
        agent_roles(&r),
        [
            ("Pym, Hester, 1871-1949", &Role::Author),
            ("Orchard Society", &Role::Creator),
            ("Pym family", &Role::Creator)
        ]
    );
    assert_eq!(
        r.abstract_,
        ["Minutes and accounts of a village orchard society."]
    );
    assert!(
        r.unmapped.iter().all(|u| !u.path.contains("/did/")),
        "{:?}",
        r.unmapped
    );
    let (out, _) = crosswalk::write(&r, Format::Ead);
    assert_eq!(profile(EXPORT_ATTRIBUTES), profile(&out), "{out}");
    let (dc, ledger) = crosswalk::write(&r, Format::Dc);
    assert_eq!(
        dc_values(&dc, "creator"),
        ["Pym, Hester, 1871-1949", "Orchard Society", "Pym family"]
    );
    assert_eq!(
        dc_values(&dc, "description"),
        ["Minutes and accounts of a village orchard society."]
    );
    // DC has no place for the rules (with an authority id or without) or the abstract's
    // id: all are in its ledger.
    assert_ledgered(&ledger, &["dacs", "aacr2", "aspace_0a1b2c"], "dc");
    let (ead3, _) = crosswalk::write(&r, Format::Ead3);
    cross_check(&[(Format::Ead, out), (Format::Ead3, ead3)]);
}

/// Components as ArchivesSpace exports them: an `@id` on every level, the language with
/// its script.
const LEVEL_IDS_AND_SCRIPTS: &str = r#"<ead xmlns="urn:isbn:1-931666-22-9">
  <eadheader><eadid>lvl-1</eadid><filedesc><titlestmt><titleproper>Ids</titleproper></titlestmt></filedesc></eadheader>
  <archdesc level="collection" id="aspace_root" audience="external">
    <did><unittitle>Papers of the Quill family</unittitle></did>
    <dsc>
      <c id="aspace_1f2e" level="file">
        <did>
          <unittitle>Letters</unittitle>
          <langmaterial><language langcode="ger" scriptcode="Latf">German</language></langmaterial>
        </did>
      </c>
      <c id="not an id" level="file"><did><unittitle>Diaries</unittitle></did></c>
    </dsc>
  </archdesc>
</ead>"#;

#[test]
fn level_ids_and_language_scripts_are_mapped_and_written_back() {
    let r = crosswalk::read(LEVEL_IDS_AND_SCRIPTS, None).unwrap();
    assert_eq!(r.attributes.id.as_deref(), Some("aspace_root"));
    assert_eq!(r.attributes.audience.as_deref(), Some("external"));
    let c = &r.children[0];
    assert_eq!(c.attributes.id.as_deref(), Some("aspace_1f2e"));
    assert_eq!(c.languages.len(), 1);
    assert_eq!(c.languages[0].code, "ger");
    assert_eq!(c.languages[0].script.as_deref(), Some("Latf"));
    assert!(c.unmapped.is_empty(), "{:?}", c.unmapped);
    // An id that is no XML name is not the writer's to write: it stays a fragment.
    let d = &r.children[1];
    assert_eq!(d.attributes.id, None);
    assert!(d.unmapped.iter().any(|u| u.path.ends_with("/@id")));

    let (out, _) = crosswalk::write(&r, Format::Ead);
    assert_eq!(profile(LEVEL_IDS_AND_SCRIPTS), profile(&out), "{out}");
    // EAD3 pairs the language with its script in a languageset, and reads it back.
    let (ead3, _) = crosswalk::write(&r, Format::Ead3);
    assert!(
        ead3.contains(r#"<languageset>"#) && ead3.contains(r#"<script scriptcode="Latf"/>"#),
        "{ead3}"
    );
    assert!(
        ead3.contains(r#"<c level="file" id="aspace_1f2e">"#),
        "{ead3}"
    );
    let back = crosswalk::read(&ead3, None).unwrap();
    assert_eq!(back.children[0].languages, c.languages);
    assert_eq!(back.children[0].attributes, c.attributes);
    // Valid both ways, once the invalid id of the input is taken out.
    let valid = LEVEL_IDS_AND_SCRIPTS.replace(r#"id="not an id" "#, "");
    let r2 = crosswalk::read(&valid, None).unwrap();
    cross_check(&[
        (Format::Ead, crosswalk::write(&r2, Format::Ead).0),
        (Format::Ead3, crosswalk::write(&r2, Format::Ead3).0),
    ]);

    // TEI and DC have no place for either: both are in their ledgers.
    for to in [Format::Tei, Format::Dc] {
        let (_, ledger) = crosswalk::write(&r, to);
        assert_ledgered(&ledger, &["aspace_root", "Latf"], &format!("{to:?}"));
    }
}

#[test]
fn an_ead3_languageset_kept_whole_gives_ead_2002_its_scriptcode() {
    // A note in the set keeps the langmaterial a fragment: the migration carries it.
    let ead3 = r#"<ead xmlns="http://ead3.archivists.org/schema/">
  <control><recordid>ls-1</recordid><filedesc><titlestmt><titleproper>Sets</titleproper></titlestmt></filedesc>
    <maintenancestatus value="derived"/><maintenanceagency><agencyname>Here</agencyname></maintenanceagency>
    <maintenancehistory><maintenanceevent><eventtype value="created"/><eventdatetime>2020</eventdatetime><agenttype value="human"/><agent>me</agent></maintenanceevent></maintenancehistory>
  </control>
  <archdesc level="collection">
    <did>
      <unittitle>Sets</unittitle>
      <langmaterial>
        <languageset><language langcode="rus">Russian</language><script scriptcode="Cyrl">Cyrillic</script><descriptivenote><p>Pre-reform spelling.</p></descriptivenote></languageset>
      </langmaterial>
    </did>
  </archdesc>
</ead>"#;
    let r = crosswalk::read(ead3, None).unwrap();
    assert!(r.unmapped.iter().any(|u| u.path.ends_with("/langmaterial")));
    let (out, ledger) = crosswalk::write(&r, Format::Ead);
    assert!(
        out.contains(r#"<language langcode="rus" scriptcode="Cyrl">Russian</language>"#),
        "{out}"
    );
    // The script's name and the set's note are in the ledger.
    assert_ledgered(&ledger, &["Cyrillic", "Pre-reform"], "ead");
}

#[test]
fn a_digital_objects_link_behaviour_is_mapped_and_written_back_in_either_version() {
    // As ArchivesSpace exports it: type, href, title, show and actuate.
    let ead2002 = r#"<ead xmlns="urn:isbn:1-931666-22-9" xmlns:xlink="http://www.w3.org/1999/xlink">
  <eadheader><eadid>dao-1</eadid><filedesc><titlestmt><titleproper>Daos</titleproper></titlestmt></filedesc></eadheader>
  <archdesc level="collection"><did><unittitle>Scans</unittitle>
    <dao xlink:type="simple" xlink:href="https://example.org/scan/1" xlink:title="Page 1" xlink:show="new" xlink:actuate="onRequest"/>
  </did></archdesc>
</ead>"#;
    let r = crosswalk::read(ead2002, None).unwrap();
    assert!(
        r.unmapped.iter().all(|u| !u.path.contains("dao")),
        "{:?}",
        r.unmapped
    );
    let d = &r.digital_objects[0];
    assert_eq!(
        (d.show.as_deref(), d.actuate.as_deref()),
        (Some("new"), Some("onRequest"))
    );
    let (out, _) = crosswalk::write(&r, Format::Ead);
    assert_eq!(profile(ead2002), profile(&out), "{out}");
    // EAD3 spells actuate in lower case, and reads back to the same object; the daotype
    // it requires is supplied and ledgered.
    let (ead3, ledger) = crosswalk::write(&r, Format::Ead3);
    assert!(ead3.contains(r#"show="new" actuate="onrequest""#), "{ead3}");
    assert!(ledger
        .losses
        .iter()
        .any(|l| l.text.as_deref() == Some("unknown")));
    let back = crosswalk::read(&ead3, None).unwrap();
    assert_eq!(back.digital_objects[0].show, d.show);
    assert_eq!(back.digital_objects[0].actuate, d.actuate);
    cross_check(&[(Format::Ead, out), (Format::Ead3, ead3)]);
    // The DTD form spells the values its own way (`onrequest`): read in XLink's.
    let dtd = ead2002
        .replace(
            r#" xmlns="urn:isbn:1-931666-22-9" xmlns:xlink="http://www.w3.org/1999/xlink""#,
            "",
        )
        .replace("xlink:type", "linktype")
        .replace("xlink:", "")
        .replace(r#"actuate="onRequest""#, r#"actuate="onrequest""#);
    let r = crosswalk::read(&dtd, None).unwrap();
    assert_eq!(r.digital_objects[0].actuate.as_deref(), Some("onRequest"));
    // A value outside XLink's (from JSON, say) is left off and ledgered, never written.
    let mut odd = r.clone();
    odd.digital_objects[0].show = Some("popup".into());
    let (out, ledger) = crosswalk::write(&odd, Format::Ead);
    assert!(!out.contains("popup"));
    assert!(ledger
        .losses
        .iter()
        .any(|l| l.text.as_deref() == Some("popup")));
    // TEI and DC have no place for digital objects: the behaviour is in their ledgers.
    for to in [Format::Tei, Format::Dc] {
        let (_, ledger) = crosswalk::write(&r, to);
        assert_ledgered(&ledger, &["onRequest"], &format!("{to:?}"));
    }
}
