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
