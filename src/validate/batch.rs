//! Validating many files: collect them, check them on every core, report the verdicts in
//! text, JSON or JUnit form.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde::Serialize;

use super::check::{check, FileReport, Status, Validators};
use super::{compile, compile_path, Schema, Validator};
use crate::error::{Error, ErrorKind};

/// Which schema to use: detected per file, a bundled one by name, or a file.
#[derive(Debug, Clone)]
pub enum SchemaChoice {
    Detect,
    Bundled(Schema),
    File(String),
}

impl SchemaChoice {
    pub fn parse(s: &str) -> SchemaChoice {
        match Schema::from_name(s) {
            Some(b) => SchemaChoice::Bundled(b),
            None => SchemaChoice::File(s.to_string()),
        }
    }

    fn label(&self) -> String {
        match self {
            SchemaChoice::Detect => String::new(),
            SchemaChoice::Bundled(s) => s.label().to_string(),
            SchemaChoice::File(p) => p.clone(),
        }
    }

    fn compile(&self) -> crate::Result<Option<Box<dyn Validator>>> {
        match self {
            SchemaChoice::Detect => Ok(None),
            SchemaChoice::Bundled(s) => compile(*s).map(Some),
            SchemaChoice::File(p) => compile_path(p).map(Some),
        }
    }
}

/// Counts of a run.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub valid: usize,
    pub invalid: usize,
    pub unreadable: usize,
    /// XML files no bundled schema applies to.
    pub skipped: usize,
    /// Files found in folders that are not XML by their name: counted, never read.
    pub not_xml: usize,
}

/// The whole result of a run.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    pub files: Vec<FileReport>,
    pub summary: Summary,
}

impl Run {
    /// 0 all valid, 1 any invalid, 2 any unreadable.
    pub fn exit_code(&self) -> i32 {
        if self.summary.unreadable > 0 {
            2
        } else if self.summary.invalid > 0 {
            1
        } else {
            0
        }
    }
}

fn is_xml_name(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "xml" | "tei" | "ead"))
}

/// The files to check: named files as given (`-` for standard input), directories
/// recursed in name order for `.xml`, `.tei` and `.ead` files. Other files in directories
/// are returned separately, to be counted. Which schema applies is decided later, by
/// each document's content.
pub fn collect(inputs: &[String]) -> crate::Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let (mut xml, mut other) = (Vec::new(), Vec::new());
    for input in inputs {
        let p = PathBuf::from(input);
        if p.is_dir() {
            for f in crate::walk::files(&p)? {
                if is_xml_name(&f) {
                    xml.push(f);
                } else {
                    other.push(f);
                }
            }
        } else {
            xml.push(p);
        }
    }
    Ok((xml, other))
}

/// Checks every file on `threads` threads (each compiles the schemas it needs once) and
/// returns the reports in input order. With `xinclude`, each document's XIncludes are
/// resolved first (a failed include makes the file unreadable).
pub fn run(
    files: &[PathBuf],
    skipped: &[PathBuf],
    choice: &SchemaChoice,
    threads: usize,
    xinclude: bool,
) -> crate::Result<Run> {
    // A schema given by the user must compile before anything else happens.
    choice.compile()?;
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<FileReport>>> = Mutex::new(vec![None; files.len()]);
    let progress = std::io::stderr().is_terminal() && files.len() > 1;
    let label = choice.label();
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1).min(files.len().max(1)) {
            scope.spawn(|| {
                let mut validators = Validators::default();
                let forced = choice.compile().ok().flatten();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    let stdin = path.as_os_str() == "-";
                    let name = if stdin {
                        crate::pipeline::STDIN.to_string()
                    } else {
                        path.display().to_string()
                    };
                    let bytes = if stdin {
                        let mut b = Vec::new();
                        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b).map(|_| b)
                    } else {
                        std::fs::read(path)
                    };
                    let report = match bytes {
                        Err(e) => FileReport::unreadable(
                            &name,
                            &Error::new(
                                ErrorKind::Io,
                                crate::pipeline::io_message("cannot read", &e),
                            ),
                        ),
                        Ok(bytes) if xinclude => {
                            match crate::xml::decode_owned(bytes).and_then(|t| {
                                crate::xml::xinclude::resolve_mapped(
                                    &t,
                                    (!stdin).then_some(path),
                                    &name,
                                )
                            }) {
                                Err(e) => FileReport::unreadable(&name, &in_other_file(e, &name)),
                                Ok(mapped) => {
                                    let mut r = check(
                                        &name,
                                        &mapped.text,
                                        forced.as_deref(),
                                        &label,
                                        &mut validators,
                                    );
                                    where_written(&mut r, &mapped);
                                    r
                                }
                            }
                        }
                        Ok(bytes) => match crate::xml::decode_owned(bytes) {
                            Err(e) => FileReport::unreadable(&name, &e),
                            Ok(text) => {
                                check(&name, &text, forced.as_deref(), &label, &mut validators)
                            }
                        },
                    };
                    results.lock().expect("no thread panics holding the lock")[i] = Some(report);
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if progress {
                        eprint!("\r\x1b[2K[{n}/{}] {}", files.len(), truncate(&name, 60));
                    }
                }
            });
        }
    });
    if progress {
        eprint!("\r\x1b[2K");
    }
    let mut reports: Vec<FileReport> = results
        .into_inner()
        .expect("no thread panicked")
        .into_iter()
        .map(|r| r.expect("every file was checked"))
        .collect();
    for p in skipped {
        reports.push(FileReport::not_xml(&p.display().to_string()));
    }
    let mut summary = Summary {
        files: reports.len(),
        ..Summary::default()
    };
    for r in &reports {
        match r.status {
            Status::Valid => summary.valid += 1,
            Status::Invalid => summary.invalid += 1,
            Status::Unreadable => summary.unreadable += 1,
            Status::Skipped => summary.skipped += 1,
            Status::NotXml => summary.not_xml += 1,
        }
    }
    Ok(Run {
        files: reports,
        summary,
    })
}

/// Moves each diagnostic of a document assembled from XIncludes to the file and line
/// where the user wrote what it is about: an included file, or the document itself at
/// its own line (includes above it make the assembled text longer).
fn where_written(r: &mut FileReport, mapped: &crate::xml::source_map::Mapped) {
    for d in &mut r.diagnostics {
        let at = crate::Pos {
            line: d.line,
            column: d.column,
        };
        if let Some((file, pos)) = mapped.origin(at) {
            if *file != *r.file {
                d.file = Some(file.to_string());
            }
            d.line = pos.line;
            d.column = pos.column;
        }
    }
}

/// An error inside another file (an included one) as an error of `name` whose message
/// starts with that file and position.
fn in_other_file(e: Error, name: &str) -> Error {
    match &e.file {
        Some(f) if f != name => {
            let at = e
                .pos
                .map(|p| format!(":{}:{}", p.line, p.column))
                .unwrap_or_default();
            Error::new(e.kind.clone(), format!("{f}{at}: {}", e.message))
        }
        _ => e,
    }
}

fn truncate(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        s.to_string()
    } else {
        format!("...{}", s.chars().skip(count - n + 3).collect::<String>())
    }
}

/// Human-readable report: each problem as `file:line:col: message (at path)`, each file's
/// verdict, and the summary line.
pub fn text_report(run: &Run, quiet_valid: bool) -> String {
    let mut out = String::new();
    for r in &run.files {
        let schema = r
            .schema
            .as_deref()
            .map(|s| format!(" [{s}]"))
            .unwrap_or_default();
        match r.status {
            Status::Valid if quiet_valid => {}
            Status::Valid => out.push_str(&format!("valid       {}{schema}\n", r.file)),
            Status::Invalid => {
                for d in &r.diagnostics {
                    let file = d.file.as_deref().unwrap_or(&r.file);
                    out.push_str(&format!("{file}:{d}\n"));
                }
                out.push_str(&format!(
                    "invalid     {}{schema}: {} error(s)\n",
                    r.file,
                    r.diagnostics.len()
                ));
            }
            Status::Unreadable => {
                out.push_str(&located(&r.file, r.error.as_deref().unwrap_or("")));
                out.push('\n');
                out.push_str(&format!("unreadable  {}\n", r.file));
            }
            Status::NotXml => {}
            Status::Skipped => out.push_str(&format!(
                "skipped     {}: {}\n",
                r.file,
                r.error.as_deref().unwrap_or("no bundled schema")
            )),
        }
        if let (Some(note), Status::Valid | Status::Invalid) = (&r.note, r.status) {
            if !(quiet_valid && r.status == Status::Valid) {
                out.push_str(&format!("            ({note})\n"));
            }
        }
    }
    let s = &run.summary;
    out.push_str(&format!(
        "{} files: {} valid, {} invalid, {} unreadable, {} skipped{}\n",
        s.files,
        s.valid,
        s.invalid,
        s.unreadable,
        s.skipped,
        if s.not_xml > 0 {
            format!(", {} not XML", s.not_xml)
        } else {
            String::new()
        }
    ));
    out
}

/// `file:line:col: message` when the message starts with a position, else
/// `file: message`.
fn located(file: &str, message: &str) -> String {
    let positioned = message
        .split_once(':')
        .and_then(|(line, rest)| Some((line, rest.split_once(':')?.0)))
        .is_some_and(|(line, col)| {
            !line.is_empty()
                && !col.is_empty()
                && line.bytes().all(|b| b.is_ascii_digit())
                && col.bytes().all(|b| b.is_ascii_digit())
        });
    if positioned {
        format!("{file}:{message}")
    } else {
        format!("{file}: {message}")
    }
}

pub fn json_report(run: &Run) -> String {
    serde_json::to_string_pretty(run).expect("reports serialise") + "\n"
}

/// JUnit XML: one test case per XML file; invalid files fail, unreadable ones are errors,
/// skipped ones are skipped with the reason. Files that are not XML are no test cases:
/// they are counted in a property of the suite.
pub fn junit_report(run: &Run) -> String {
    use crate::xml::El;
    let s = &run.summary;
    let mut suite = El::new("testsuite")
        .attr("name", "crosswalk validate")
        .attr("tests", &(s.files - s.not_xml).to_string())
        .attr("failures", &s.invalid.to_string())
        .attr("errors", &s.unreadable.to_string())
        .attr("skipped", &s.skipped.to_string());
    if s.not_xml > 0 {
        suite.push(
            El::new("properties").child(
                El::new("property")
                    .attr("name", "not-xml-files")
                    .attr("value", &s.not_xml.to_string()),
            ),
        );
    }
    for r in &run.files {
        if r.status == Status::NotXml {
            continue;
        }
        let mut case = El::new("testcase")
            .attr("classname", "crosswalk.validate")
            .attr("name", &r.file);
        match r.status {
            Status::Valid => {}
            Status::Invalid => {
                let body: Vec<String> = r
                    .diagnostics
                    .iter()
                    .map(|d| format!("{}:{}", d.file.as_deref().unwrap_or(&r.file), d))
                    .collect();
                case.push(
                    El::text("failure", &body.join("\n"))
                        .attr(
                            "message",
                            &format!(
                                "{} error(s) against {}",
                                r.diagnostics.len(),
                                r.schema.as_deref().unwrap_or("")
                            ),
                        )
                        .attr("type", "invalid"),
                );
            }
            Status::Unreadable => {
                let line = located(&r.file, r.error.as_deref().unwrap_or(""));
                case.push(
                    El::text("error", &line)
                        .attr("message", &line)
                        .attr("type", "unreadable"),
                )
            }
            Status::Skipped => case.push(
                El::new("skipped")
                    .attr("message", r.error.as_deref().unwrap_or("no bundled schema")),
            ),
            Status::NotXml => {}
        }
        suite.push(case);
    }
    El::new("testsuites").child(suite).to_document()
}
