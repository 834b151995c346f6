//! crosswalk's verdicts equal jing's and xmllint's on the shared corpus, our goldens and
//! broken copies derived from them (tests/data/reference-verdicts.tsv, made by
//! scripts/reference_verdicts.py where those tools are installed).

mod common;

use std::process::Command;

use common::*;
use crosswalk::validate::{check, Status, Validators};
use sha2::{Digest, Sha256};

struct Row {
    id: String,
    sha: String,
    tool: String,
    schema: String,
    verdict: String,
}

fn table() -> Vec<Row> {
    std::fs::read_to_string(root().join("tests/data/reference-verdicts.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Row {
                id: f[0].into(),
                sha: f[1].into(),
                tool: f[2].into(),
                schema: f[3].into(),
                verdict: f[4].into(),
            }
        })
        .collect()
}

/// The broken copies the table judges, derived afresh by the script that made it.
fn derive_copies(test: &str) -> Option<std::path::PathBuf> {
    let copies =
        std::env::temp_dir().join(format!("crosswalk-broken-{}-{test}", std::process::id()));
    let derived = Command::new("python3")
        .arg(root().join("scripts/reference_verdicts.py"))
        .arg("--derive")
        .arg(&copies)
        .output();
    match derived {
        Ok(o) if o.status.success() => Some(copies),
        Ok(o) => panic!(
            "deriving the broken copies failed: {}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) => {
            eprintln!("SKIPPED {test}: python3 is needed to derive the broken copies ({e})");
            None
        }
    }
}

/// A row's document, decoded, after checking it is the one jing/xmllint judged.
fn document(row: &Row, shared: &std::path::Path, copies: &std::path::Path) -> String {
    let path = if row.id.contains('#') {
        copies.join(row.id.replace('/', "__").replace('#', "--") + ".xml")
    } else if let Some(rest) = row.id.strip_prefix("corpus/") {
        shared.join("corpus").join(rest)
    } else {
        root().join("fixtures").join(&row.id)
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = crosswalk::xml::decode(&bytes).unwrap();
    let sha: String = Sha256::digest(text.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        sha, row.sha,
        "{}: the document differs from the one jing/xmllint judged",
        row.id
    );
    text
}

/// The XSDs are compiled with their attribute groups written into the types that use
/// them (for speed); every diagnostic must be what the schemas as published give. EAD3
/// documents are checked against ead3.xsd here too, though detection picks ead3.rng.
#[test]
fn inlined_attribute_groups_change_no_diagnostic() {
    use crosswalk::validate::{compile, compile_as_published, Schema};
    let Some(shared) = shared("inlined_attribute_groups_change_no_diagnostic") else {
        return;
    };
    let Some(copies) = derive_copies("inlined_attribute_groups_change_no_diagnostic") else {
        return;
    };
    let mut compared = std::collections::BTreeMap::<&str, (usize, usize)>::new();
    for schema in [Schema::Ead2002, Schema::Ead3Xsd, Schema::OaiDc] {
        let (fast, published) = (
            compile(schema).unwrap(),
            compile_as_published(schema).unwrap(),
        );
        let family = match schema {
            Schema::Ead2002 => "ead.xsd",
            Schema::Ead3Xsd => "ead3.rng",
            _ => "oai_dc.xsd",
        };
        let rows = table();
        for row in rows.iter().filter(|r| r.schema.starts_with(family)) {
            let text = document(row, &shared, &copies);
            let outcome = |v: &dyn crosswalk::validate::Validator| match v.validate(&text) {
                Ok(d) => d.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
                Err(e) => vec![format!("error: {e}")],
            };
            let ours = outcome(&*fast);
            assert_eq!(
                ours,
                outcome(&*published),
                "{}: {} inlined and as published disagree",
                row.id,
                schema.file_name()
            );
            let seen = compared.entry(schema.file_name()).or_default();
            seen.0 += 1;
            seen.1 += usize::from(!ours.is_empty());
        }
    }
    let _ = std::fs::remove_dir_all(&copies);
    eprintln!("documents compared (all, with diagnostics): {compared:?}");
    for name in ["ead.xsd", "ead3.xsd", "oai_dc.xsd"] {
        let (all, with_diagnostics) = compared.get(name).copied().unwrap_or_default();
        assert!(
            all > 0 && with_diagnostics > 0,
            "{name}: {all} documents, {with_diagnostics} with diagnostics"
        );
    }
}

#[test]
fn verdicts_equal_jing_and_xmllint() {
    let Some(shared) = shared("verdicts_equal_jing_and_xmllint") else {
        return;
    };
    let rows = table();
    assert!(rows.len() >= 150, "only {} reference documents", rows.len());
    let Some(copies) = derive_copies("verdicts_equal_jing_and_xmllint") else {
        return;
    };
    // Two workers, each with its own compiled schemas (the XSD engine's are not Sync).
    let next = std::sync::atomic::AtomicUsize::new(0);
    let outcomes: std::sync::Mutex<Vec<(usize, Result<String, String>)>> = Default::default();
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                let mut validators = Validators::default();
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(row) = rows.get(i) else { break };
                    let text = document(row, &shared, &copies);
                    let report = check(&row.id, &text, None, "", &mut validators);
                    let ours = match report.status {
                        Status::Valid => "valid",
                        Status::Invalid => "invalid",
                        Status::Unreadable => "unreadable",
                        Status::Skipped => "skipped",
                        Status::NotXml => "not xml",
                    };
                    let outcome = if ours == row.verdict {
                        Ok(row.tool.clone())
                    } else {
                        let first = report
                            .diagnostics
                            .first()
                            .map(|d| d.to_string())
                            .or(report.error)
                            .unwrap_or_default();
                        Err(format!(
                            "{}: {} says {}, crosswalk says {ours} ({first})",
                            row.id, row.tool, row.verdict
                        ))
                    };
                    outcomes.lock().unwrap().push((i, outcome));
                }
            });
        }
    });
    let mut outcomes = outcomes.into_inner().unwrap();
    outcomes.sort_by_key(|(i, _)| *i);
    assert_eq!(outcomes.len(), rows.len());
    let mut mismatches = Vec::new();
    let (mut agree, mut by_tool) = (0, std::collections::BTreeMap::<String, usize>::new());
    for (_, o) in outcomes {
        match o {
            Ok(tool) => {
                agree += 1;
                *by_tool.entry(tool).or_default() += 1;
            }
            Err(m) => mismatches.push(m),
        }
    }
    let _ = std::fs::remove_dir_all(&copies);
    eprintln!("{agree} of {} verdicts agree ({by_tool:?})", rows.len());
    assert!(
        mismatches.is_empty(),
        "{} disagreements:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

/// Damaged copies of `text`: bytes deleted, inserted (markup and white-space characters
/// above all), repeated. Deterministic.
fn damaged(text: &str, count: usize, seed: u64) -> Vec<String> {
    const INSERTS: &[&str] = &[
        "<",
        ">",
        "&",
        "\"",
        "'",
        ":",
        "\r",
        "\t",
        "\n",
        "\r\n",
        " ",
        "/",
        "=",
        ";",
        "#",
        "]]>",
        "&#10;",
        "&#x9;",
        "&amp;",
        "&bogus;",
        "<!-- c -->",
        "<![CDATA[ x ]]>",
        "xmlns:p=\"u\" ",
        "xmlns=\"\" ",
        "\u{1}",
        "é",
        "<?pi x?>",
        "p:",
        "<x/>",
        "xsi:nil=\"true\" ",
    ];
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % n.max(1)
    };
    (0..count)
        .map(|_| {
            let mut t = text.to_string();
            for _ in 0..1 + next(3) {
                let mut at = next(t.len());
                while !t.is_char_boundary(at) {
                    at -= 1;
                }
                match next(3) {
                    0 => {
                        let mut end = (at + 1 + next(12)).min(t.len());
                        while !t.is_char_boundary(end) {
                            end -= 1;
                        }
                        t.replace_range(at..end, "");
                    }
                    1 => t.insert_str(at, INSERTS[next(INSERTS.len())]),
                    _ => {
                        let mut end = (at + 1 + next(40)).min(t.len());
                        while !t.is_char_boundary(end) {
                            end -= 1;
                        }
                        let piece = t[at..end].to_string();
                        t.insert_str(end, &piece);
                    }
                }
            }
            t
        })
        .collect()
}

/// Large documents are read on a second thread (src/validate/xsd_stream.rs) by a reader
/// of crosswalk's own, which gives up, for xsd-schema's driver to read the document
/// instead, wherever it is not sure to read as that driver does. Wherever it does not give
/// up, the diagnostics must be the driver's: on every reference document, on damaged
/// copies of each, and on documents written to try its corners (line ends and white space
/// in attribute values, references, CDATA, namespace declarations, xsi:type and xsi:nil).
#[test]
fn reading_on_a_second_thread_changes_no_diagnostic() {
    use crosswalk::validate::{Reading, Schema, XsdValidator};
    let Some(shared) = shared("reading_on_a_second_thread_changes_no_diagnostic") else {
        return;
    };
    let Some(copies) = derive_copies("reading_on_a_second_thread_changes_no_diagnostic") else {
        return;
    };
    let rows = table();
    let corners: &[(&str, &str)] = &[
        ("ead.xsd", "<ead xmlns='urn:isbn:1-931666-22-9' xmlns:xlink='http://www.w3.org/1999/xlink'><eadheader><eadid countrycode='U\tS'>a&#10;b\r\nc</eadid><filedesc><titlestmt><titleproper>T &amp; <![CDATA[<x>]]> <!-- c --> u</titleproper></titlestmt></filedesc></eadheader><archdesc level='fonds\r\n'><did><unittitle xmlns:e='urn:isbn:1-931666-22-9'><e:emph render='bold'>x</e:emph>&#x20;</unittitle><unitdate normal='1963/1964' era=' ce '>1963</unitdate></did><dsc><c01 level='file' id='a&#9;b'><did><unittitle>c</unittitle></did></c01><c01 level='item' xlink:type='simple'><did/></c01></dsc></archdesc></ead>"),
        ("ead.xsd", "<?xml version='1.0' encoding='UTF-8'?>\r\n<!-- before -->\r\n<e:ead xmlns:e='urn:isbn:1-931666-22-9' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'><e:eadheader xsi:nil='true'><e:eadid/></e:eadheader><e:archdesc level='fonds' xsi:type='e:archdesc'><e:did>\r\n \t</e:did></e:archdesc></e:ead>\r\n<?pi after?>\n"),
        ("ead.xsd", "<ead xmlns='urn:isbn:1-931666-22-9'><eadheader><eadid/><filedesc><titlestmt><titleproper xmlns=''>x</titleproper></titlestmt></filedesc></eadheader><archdesc level='fonds'><did><unitid>&#13;1&#xD;</unitid><unitid>\u{a0}</unitid></did><odd><p> <![CDATA[ ]]> </p></odd></archdesc></ead>"),
        ("oai_dc.xsd", "<oai_dc:dc xmlns:oai_dc='http://www.openarchives.org/OAI/2.0/oai_dc/' xmlns:dc='http://purl.org/dc/elements/1.1/' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xsi:schemaLocation='http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd'><dc:title xml:lang='en'>A\r\nB</dc:title><dc:bogus/><dc:date>1963</dc:date></oai_dc:dc>"),
    ];
    let (mut compared, mut piped) = (0usize, 0usize);
    // Well-formed documents without a DOCTYPE, and how many of them were not given up.
    let (mut well_formed, mut piped_of_well_formed) = (0usize, 0usize);
    for (schema, family) in [
        (Schema::Ead2002, "ead.xsd"),
        (Schema::Ead3Xsd, "ead3.rng"),
        (Schema::OaiDc, "oai_dc.xsd"),
    ] {
        let validator = XsdValidator::bundled(schema).unwrap();
        let mut documents: Vec<(String, String)> = corners
            .iter()
            .filter(|(f, _)| *f == family)
            .enumerate()
            .map(|(i, (_, t))| (format!("corner {i}"), t.to_string()))
            .collect();
        for (n, row) in rows
            .iter()
            .filter(|r| r.schema.starts_with(family))
            .enumerate()
        {
            let text = document(row, &shared, &copies);
            for (i, d) in damaged(&text, 6, n as u64).into_iter().enumerate() {
                documents.push((format!("{} damaged {i}", row.id), d));
            }
            documents.push((row.id.clone(), text));
        }
        let corner_texts: Vec<String> = documents
            .iter()
            .filter(|(id, _)| id.starts_with("corner"))
            .map(|(_, t)| t.clone())
            .collect();
        for (n, t) in corner_texts.iter().enumerate() {
            for (i, d) in damaged(t, 60, 1000 + n as u64).into_iter().enumerate() {
                documents.push((format!("corner {n} damaged {i}"), d));
            }
        }
        for (id, text) in &documents {
            let by_driver = validator.validate_reading(text, Reading::Driver);
            let plain = by_driver.is_ok() && !text.contains("<!DOCTYPE");
            well_formed += usize::from(plain);
            let Some(second_thread) = validator.validate_pipelined_only(text) else {
                continue;
            };
            piped_of_well_formed += usize::from(plain);
            let shown = |r: Result<Vec<crosswalk::validate::Diagnostic>, crosswalk::Error>| match r
            {
                Ok(d) => d.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
                Err(e) => vec![format!("error: {e}")],
            };
            assert_eq!(
                shown(Ok(second_thread)),
                shown(by_driver),
                "{id} ({family}): read on a second thread and by the driver, diagnostics differ\n{text}"
            );
            piped += 1;
        }
        compared += documents.len();
        // The reference documents themselves (no DOCTYPE) must not make it give up.
        for row in rows
            .iter()
            .filter(|r| r.schema.starts_with(family) && !r.schema.contains("namespaced"))
        {
            let text = document(row, &shared, &copies);
            if !text.contains("<!DOCTYPE") && row.verdict != "unreadable" {
                assert!(
                    validator.validate_pipelined_only(&text).is_some(),
                    "{}: the second-thread reader gave up",
                    row.id
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&copies);
    eprintln!(
        "{compared} documents, {piped} read on a second thread, the rest given up to the driver; \
         of {well_formed} well-formed without a DOCTYPE, {piped_of_well_formed} read on a second thread"
    );
    assert!(
        piped_of_well_formed * 10 >= well_formed * 9,
        "the second-thread reader gave up on {} of {well_formed} well-formed documents",
        well_formed - piped_of_well_formed
    );
}

/// A RELAX NG validator keeps its engine session, and the derivatives it memoised, from
/// one document to the next (src/validate/rng.rs). A document must get the same
/// diagnostics from a validator that has seen every document before it as from a fresh
/// one: on the reference documents and damaged copies of each, in one long sequence.
#[test]
fn a_kept_engine_session_changes_no_diagnostic() {
    use crosswalk::validate::{compile, Schema};
    let Some(shared) = shared("a_kept_engine_session_changes_no_diagnostic") else {
        return;
    };
    let Some(copies) = derive_copies("a_kept_engine_session_changes_no_diagnostic") else {
        return;
    };
    let rows = table();
    let shown = |r: crosswalk::Result<Vec<crosswalk::validate::Diagnostic>>| match r {
        Ok(d) => d.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
        Err(e) => vec![format!("error: {e}")],
    };
    let mut compared = 0;
    for (schema, family) in [
        (Schema::TeiAll, "tei_all.rng"),
        (Schema::Ead3Rng, "ead3.rng"),
    ] {
        let kept = compile(schema).unwrap();
        for (n, row) in rows
            .iter()
            .filter(|r| r.schema.starts_with(family))
            .enumerate()
        {
            let text = document(row, &shared, &copies);
            let mut documents = damaged(&text, 3, 7000 + n as u64);
            documents.push(text);
            for (i, d) in documents.iter().enumerate() {
                let fresh = compile(schema).unwrap();
                assert_eq!(
                    shown(kept.validate(d)),
                    shown(fresh.validate(d)),
                    "{} (copy {i}, {family}): diagnostics differ with a kept session",
                    row.id
                );
                compared += 1;
            }
        }
    }
    let _ = std::fs::remove_dir_all(&copies);
    eprintln!("{compared} documents compared with a kept and a fresh engine session");
    assert!(compared >= 100, "only {compared} documents compared");
}
