//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crosswalk::model::Record;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A new empty folder for one test, named after the suite, the test and this process.
pub fn fresh_dir(suite: &str, name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("crosswalk-{suite}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A path as a command-line argument.
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

pub fn read(rel: &str) -> String {
    std::fs::read_to_string(fixture(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// `../shared` beside the checkout, or `None` with a visible message so a skipped test
/// is never mistaken for a passing one.
pub fn shared(test: &str) -> Option<PathBuf> {
    let p = root().join("../shared");
    if p.join("corpus").is_dir() {
        Some(p)
    } else {
        eprintln!("SKIPPED {test}: ../shared is not present beside the checkout");
        None
    }
}

/// The XML files of a directory, sorted.
pub fn xml_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    v.sort();
    v
}

pub fn crosswalk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosswalk"))
        .args(args)
        .output()
        .expect("the crosswalk binary runs")
}

pub fn reference() -> Record {
    crosswalk::tei::read(&read("reference/alekseyev-castro-1963.tei.xml"))
        .expect("the reference record reads")
}

pub fn kitchen_sink() -> Record {
    crosswalk::json::read(&read("reference/kitchen-sink.json")).expect("the kitchen sink reads")
}

/// A record with what does not count for model equality cleared: where in the source an
/// unmapped fragment stood (its line, and for fragments inside text its path: provenance,
/// not content) and the order of record-level fragments among themselves, which a writer
/// must change to put each back where its schema allows.
pub fn normalised(mut r: Record) -> Record {
    fn walk(r: &mut Record) {
        for u in &mut r.unmapped {
            u.line = None;
        }
        r.unmapped.sort_by(|a, b| a.xml.cmp(&b.xml));
        for b in &mut r.body {
            clear_block(b);
        }
        for n in &mut r.notes {
            n.content.iter_mut().for_each(clear_block);
        }
        for c in &mut r.children {
            walk(c);
        }
    }
    fn clear_block(b: &mut crosswalk::model::Block) {
        use crosswalk::model::{Block, Inline};
        fn clear_inlines(v: &mut [Inline]) {
            for i in v {
                match i {
                    Inline::Unmapped(u) => {
                        u.line = None;
                        u.path.clear();
                    }
                    Inline::Emphasis { content, .. }
                    | Inline::Supplied { content, .. }
                    | Inline::Name { content, .. }
                    | Inline::Date { content, .. }
                    | Inline::Foreign { content, .. }
                    | Inline::Link { content, .. }
                    | Inline::Note { content, .. }
                    | Inline::Title { content }
                    | Inline::InternalRef { content, .. } => clear_inlines(content),
                    Inline::Choice {
                        original, reading, ..
                    } => {
                        clear_inlines(original);
                        clear_inlines(reading);
                    }
                    Inline::Text { .. }
                    | Inline::Gap { .. }
                    | Inline::LineBreak
                    | Inline::PageBreak { .. } => {}
                }
            }
        }
        match b {
            Block::Unmapped(u) => {
                u.line = None;
                u.path.clear();
            }
            Block::Section { blocks, .. } | Block::Quote { blocks } => {
                blocks.iter_mut().for_each(clear_block)
            }
            Block::Heading { content }
            | Block::Paragraph { content, .. }
            | Block::Note { content, .. } => clear_inlines(content),
            Block::List { items, .. } => items.iter_mut().for_each(|i| {
                clear_inlines(&mut i.content);
                i.blocks.iter_mut().for_each(clear_block);
            }),
            Block::DefinitionList { items } => items.iter_mut().for_each(|i| {
                clear_inlines(&mut i.label);
                clear_inlines(&mut i.content);
            }),
            Block::Chronology { heading, events } => {
                heading.iter_mut().for_each(|h| clear_inlines(h));
                events
                    .iter_mut()
                    .flat_map(|e| e.events.iter_mut())
                    .for_each(|e| clear_inlines(e));
            }
            Block::Table { heading, rows } => {
                heading.iter_mut().for_each(|h| clear_inlines(h));
                rows.iter_mut()
                    .flat_map(|r| r.cells.iter_mut())
                    .for_each(|c| clear_inlines(c));
            }
        }
    }
    walk(&mut r);
    r
}

/// Writes `actual` over the golden file when CROSSWALK_BLESS=1, else compares.
pub fn golden(rel: &str, actual: &str) {
    let path = fixture(rel);
    if std::env::var("CROSSWALK_BLESS").as_deref() == Ok("1") {
        std::fs::write(&path, actual).unwrap();
        eprintln!("blessed {}", path.display());
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with CROSSWALK_BLESS=1 to create it, then review the diff)",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .map_or(
                expected.lines().count().min(actual.lines().count()) + 1,
                |i| i + 1,
            );
        panic!(
            "{} differs from the output at line {line}:\n  golden: {:?}\n  actual: {:?}\n(CROSSWALK_BLESS=1 regenerates; review the diff before committing)",
            path.display(),
            expected.lines().nth(line - 1).unwrap_or(""),
            actual.lines().nth(line - 1).unwrap_or("")
        );
    }
}

/// Checks with jing or xmllint when installed; `None` when the tool is absent.
pub fn external_check(tool: &str, schema: &Path, doc: &str) -> Option<bool> {
    let which = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .ok()?;
    if !which.status.success() {
        return None;
    }
    let dir = std::env::temp_dir().join(format!("crosswalk-ext-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let file = dir.join(format!("doc-{}.xml", rand_suffix()));
    std::fs::write(&file, doc).ok()?;
    let out = match tool {
        "jing" => Command::new("jing").arg(schema).arg(&file).output().ok()?,
        _ => Command::new("xmllint")
            .args(["--noout", "--nonet", "--schema"])
            .arg(schema)
            .arg(&file)
            .output()
            .ok()?,
    };
    let _ = std::fs::remove_file(&file);
    Some(out.status.success())
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

/// A copy of the bundled XSDs with remote imports rewritten to local paths, which
/// xmllint needs (it has no resolver hook); crosswalk itself resolves them in-process.
/// Made once per test process: tests running in parallel threads each rewrote the files
/// while another's xmllint was reading them, which now and then failed a valid output.
pub fn xmllint_schema_dir() -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(make_xmllint_schema_dir).clone()
}

fn make_xmllint_schema_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosswalk-xsd-{}", std::process::id()));
    let src = root().join("schemas");
    for sub in ["ead2002", "dc", "oai_dc", "w3c"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        for e in std::fs::read_dir(src.join(sub)).unwrap() {
            let p = e.unwrap().path();
            let text = std::fs::read_to_string(&p)
                .unwrap()
                .replace("http://www.loc.gov/standards/xlink/xlink.xsd", "xlink.xsd")
                .replace(
                    "schemaLocation=\"simpledc20021212.xsd\"",
                    "schemaLocation=\"../dc/simpledc20021212.xsd\"",
                )
                .replace("http://www.w3.org/2001/03/xml.xsd", "../w3c/xml.xsd");
            std::fs::write(dir.join(sub).join(p.file_name().unwrap()), text).unwrap();
        }
    }
    dir
}

/// Cross-checks each output with jing (RELAX NG) or xmllint (XSD) where installed, and
/// says SKIPPED for a tool that is not.
pub fn cross_check(outputs: &[(crosswalk::Format, String)]) {
    use crosswalk::Format;
    let schemas = root().join("schemas");
    let xsd = xmllint_schema_dir();
    for (format, out) in outputs {
        let (tool, schema) = match format {
            Format::Tei => ("jing", schemas.join("tei/tei_all.rng")),
            Format::Ead3 => ("jing", schemas.join("ead3/ead3.rng")),
            Format::Ead => ("xmllint", xsd.join("ead2002/ead.xsd")),
            Format::Dc => ("xmllint", xsd.join("oai_dc/oai_dc.xsd")),
            Format::Qdc => ("xmllint", xsd.join("dc/qualifieddc.xsd")),
            Format::Json => continue,
        };
        match external_check(tool, &schema, out) {
            Some(ok) => assert!(ok, "{tool} rejects the {format} output"),
            None => eprintln!("SKIPPED cross-check of {format}: {tool} is not installed"),
        }
    }
}
