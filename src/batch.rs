//! Converting many files in one run: collect the records under files and folders,
//! convert them on every core through the [pipeline](crate::pipeline) (each thread
//! compiles its schemas once), mirror their relative paths under an output folder, and
//! report every file's outcome in text, JSON or JUnit form.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde::Serialize;

use crate::error::{Error, ErrorKind};
use crate::format::{Detected, Format};
use crate::ledger::Ledger;
use crate::pipeline::{self, Converter, Options};

/// What to convert and where.
#[derive(Debug, Clone)]
pub struct Batch {
    /// Files and folders (searched recursively).
    pub inputs: Vec<PathBuf>,
    /// Outputs go here, at the input's path relative to the folder it was found in (a
    /// file given by name: its name), with the target format's extension.
    pub out_dir: PathBuf,
    pub options: Options,
    pub threads: usize,
    /// Show a progress line on standard error when it is a terminal.
    pub progress: bool,
}

/// A file's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Converted,
    /// Read, but its output was not valid, or `--strict` found a loss (exit code 1).
    Invalid,
    /// Could not be read, understood or written (exit code 2).
    Error,
    /// Not a record: not named like one, or an XML root of no format crosswalk reads.
    Skipped,
}

/// A problem, with its position in the input when known.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    pub message: String,
}

/// Loss counts of a file or a run.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct LossCounts {
    pub dropped: usize,
    pub flattened: usize,
    pub supplied: usize,
}

impl LossCounts {
    fn of(ledger: &Ledger) -> LossCounts {
        let [(_, dropped), (_, flattened), (_, supplied)] = pipeline::count_by_kind(ledger);
        LossCounts {
            dropped,
            flattened,
            supplied,
        }
    }

    fn add(&mut self, o: &LossCounts) {
        self.dropped += o.dropped;
        self.flattened += o.flattened;
        self.supplied += o.supplied;
    }

    pub fn total(&self) -> usize {
        self.dropped + self.flattened + self.supplied
    }
}

/// What happened to one input file.
#[derive(Debug, Clone, Serialize)]
pub struct FileResult {
    pub file: String,
    pub status: Status,
    /// The input's format, when detected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// The files written.
    pub outputs: Vec<String>,
    /// Records written.
    pub records: usize,
    pub losses: LossCounts,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Problem>,
    /// Every loss, for the warnings and the ledger file (not in the report).
    #[serde(skip)]
    pub ledger: Ledger,
    /// What the reader noticed (slips read anyway, deleted records not converted).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    #[serde(skip)]
    pub exit_code: i32,
}

impl FileResult {
    fn new(file: &str) -> FileResult {
        FileResult {
            file: file.to_string(),
            status: Status::Converted,
            format: None,
            outputs: Vec::new(),
            records: 0,
            losses: LossCounts::default(),
            error: None,
            ledger: Ledger::new(),
            warnings: Vec::new(),
            exit_code: 0,
        }
    }

    fn failed(mut self, e: &Error, ledger: Ledger) -> FileResult {
        let invalid = matches!(e.kind, ErrorKind::Loss | ErrorKind::Invalid);
        self.status = if invalid {
            Status::Invalid
        } else {
            Status::Error
        };
        self.exit_code = if invalid { 1 } else { 2 };
        // The file is named by the result; a position or file inside the message (an
        // output's diagnostics) stays in it.
        // An error inside another file (an XInclude target) keeps that file's position in
        // the message.
        let (message, pos) = match &e.file {
            Some(f) if *f != self.file => match e.pos {
                Some(p) => (format!("{f}:{}:{}: {}", p.line, p.column, e.message), None),
                None => (format!("{f}: {}", e.message), None),
            },
            _ => (e.message.clone(), e.pos),
        };
        self.error = Some(Problem {
            line: pos.map(|p| p.line),
            column: pos.map(|p| p.column),
            message,
        });
        self.losses = LossCounts::of(&ledger);
        self.ledger = ledger;
        self
    }

    fn skipped(mut self, why: &str) -> FileResult {
        self.status = Status::Skipped;
        self.error = Some(Problem {
            line: None,
            column: None,
            message: why.to_string(),
        });
        self
    }

    /// The error as `file:line:col: message`, for standard error.
    /// The error as printed on standard error (see [`crate::error::diagnostic_line`]).
    pub fn diagnostic(&self) -> Option<String> {
        let e = self.error.as_ref()?;
        let at = e.line.zip(e.column).map(|(l, c)| (l as u64, c as u64));
        Some(crate::error::diagnostic_line(&self.file, at, &e.message))
    }

    pub fn error_line(&self) -> Option<String> {
        let e = self.error.as_ref()?;
        Some(match (e.line, e.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}: {}", self.file, e.message),
            _ => format!("{}: {}", self.file, e.message),
        })
    }
}

/// Counts of a run.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub converted: usize,
    pub invalid: usize,
    pub errors: usize,
    pub skipped: usize,
    pub records: usize,
    pub losses: LossCounts,
}

/// The result of a run, files in input order.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    pub to: Format,
    pub files: Vec<FileResult>,
    pub summary: Summary,
}

impl Run {
    /// 0 every file converted (or skipped), 1 any invalid, 2 any error.
    pub fn exit_code(&self) -> i32 {
        self.files.iter().map(|f| f.exit_code).max().unwrap_or(0)
    }
}

/// An input found, with the path its output mirrors.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: PathBuf,
    /// Relative to the folder given (for a file given by name: its name).
    pub rel: PathBuf,
    /// Named like a record (`.xml`, `.tei`, `.ead`, `.json`); other files found in
    /// folders are skipped and counted.
    pub candidate: bool,
}

/// True for names a record file may have.
pub fn is_record_name(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "xml" | "tei" | "ead" | "json"
        )
    })
}

/// Every file under the inputs, folders walked in name order without following links.
/// A file given by name is always a candidate.
pub fn collect(inputs: &[PathBuf]) -> crate::Result<Vec<Found>> {
    let mut found = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input);
        if meta.as_ref().is_ok_and(|m| m.is_dir()) {
            for p in crate::walk::files(input)? {
                let rel = p.strip_prefix(input).unwrap_or(&p).to_path_buf();
                found.push(Found {
                    candidate: is_record_name(&p),
                    path: p,
                    rel,
                });
            }
        } else {
            let rel = input
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| input.clone());
            found.push(Found {
                path: input.clone(),
                rel,
                candidate: true,
            });
        }
    }
    Ok(found)
}

/// A record file's name without its format extensions: `a.tei.xml` → `a`,
/// `v1.2-letter.xml` → `v1.2-letter`.
pub fn stem(name: &str) -> &str {
    let mut s = name;
    for exts in [
        &["xml", "json", "tei", "ead"][..],
        &["tei", "ead", "ead3", "ead2002", "dc", "oai_dc", "oai"][..],
    ] {
        if let Some((base, ext)) = s.rsplit_once('.') {
            if !base.is_empty() && exts.contains(&ext.to_ascii_lowercase().as_str()) {
                s = base;
            }
        }
    }
    s
}

/// The output path of record `index` of `count` from an input at `rel`.
pub fn output_path(out_dir: &Path, rel: &Path, to: Format, index: usize, count: usize) -> PathBuf {
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = stem(&name);
    let file = if count > 1 {
        format!("{base}-{}.{}", index + 1, to.extension())
    } else {
        format!("{base}.{}", to.extension())
    };
    match rel.parent() {
        Some(p) if !p.as_os_str().is_empty() => out_dir.join(p).join(file),
        _ => out_dir.join(file),
    }
}

/// The output paths of an input's records. One record: [`output_path`]. Several (an
/// OAI-PMH response): each named after the record ([`pipeline::record_name`]: its OAI
/// identifier, else its first identifier) made safe as a file name, else the input's
/// name and the record's number; unique within the run, ignoring case (`taken` holds
/// every path claimed so far, lower-cased), by a `-2`, `-3` ... suffix.
pub fn record_paths(
    out_dir: &Path,
    rel: &Path,
    to: Format,
    names: &[Option<String>],
    taken: &Mutex<std::collections::HashSet<String>>,
) -> Vec<PathBuf> {
    let count = names.len();
    if count == 1 {
        return vec![output_path(out_dir, rel, to, 0, 1)];
    }
    let dir = match rel.parent() {
        Some(p) if !p.as_os_str().is_empty() => out_dir.join(p),
        _ => out_dir.to_path_buf(),
    };
    let mut taken = taken.lock().expect("no thread panics holding the lock");
    let mut out = Vec::with_capacity(count);
    for (i, name) in names.iter().enumerate() {
        let base = name
            .as_deref()
            .and_then(pipeline::safe_file_name)
            .unwrap_or_else(|| {
                let p = output_path(out_dir, rel, to, i, count);
                let f = p
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default();
                f.trim_end_matches(&format!(".{}", to.extension()))
                    .to_string()
            });
        let mut n = 1;
        loop {
            let file = if n == 1 {
                format!("{base}.{}", to.extension())
            } else {
                format!("{base}-{n}.{}", to.extension())
            };
            let path = dir.join(file);
            if taken.insert(path.to_string_lossy().to_lowercase()) {
                out.push(path);
                break;
            }
            n += 1;
        }
    }
    out
}

/// Converts every record found, in parallel, and returns each file's outcome in input
/// order. Outputs are written atomically; an input is never overwritten by its own
/// output.
pub fn run(batch: &Batch) -> crate::Result<Run> {
    let found = collect(&batch.inputs)?;
    let to = batch.options.to;
    // Two inputs that would write one output: the later one is refused.
    let mut claimed: std::collections::HashMap<PathBuf, usize> = Default::default();
    let mut clash: Vec<Option<String>> = vec![None; found.len()];
    for (i, f) in found.iter().enumerate().filter(|(_, f)| f.candidate) {
        let out = output_path(&batch.out_dir, &f.rel, to, 0, 1);
        if let Some(&j) = claimed.get(&out) {
            clash[i] = Some(format!(
                "its output {} would overwrite the conversion of {}; not converted",
                out.display(),
                found[j].path.display()
            ));
        } else {
            claimed.insert(out, i);
        }
    }
    let work: Vec<usize> = (0..found.len()).filter(|&i| found[i].candidate).collect();
    let taken: Mutex<std::collections::HashSet<String>> = Mutex::new(
        claimed
            .keys()
            .map(|p| p.to_string_lossy().to_lowercase())
            .collect(),
    );
    let results: Mutex<Vec<Option<FileResult>>> = Mutex::new(vec![None; found.len()]);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let progress = batch.progress && std::io::stderr().is_terminal() && work.len() > 1;
    let threads = batch.threads.max(1).min(work.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                // A converter per core already: each keeps to its thread.
                let mut converter = if threads > 1 {
                    Converter::single_threaded()
                } else {
                    Converter::new()
                };
                loop {
                    if crate::cleanup::cancelled() {
                        break;
                    }
                    let Some(&i) = work.get(next.fetch_add(1, Ordering::Relaxed)) else {
                        break;
                    };
                    let f = &found[i];
                    let r = match &clash[i] {
                        Some(why) => FileResult::new(&f.path.display().to_string())
                            .failed(&Error::new(ErrorKind::Usage, why.clone()), Ledger::new()),
                        None => convert_one(&mut converter, f, batch, &taken),
                    };
                    results.lock().expect("no thread panics holding the lock")[i] = Some(r);
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if progress {
                        eprint!(
                            "\r\x1b[2K{}",
                            bar(n, work.len(), &f.path.display().to_string())
                        );
                    }
                }
            });
        }
    });
    if progress {
        eprint!("\r\x1b[2K");
    }
    let mut files = Vec::with_capacity(found.len());
    for (f, r) in found
        .iter()
        .zip(results.into_inner().expect("no thread panicked"))
    {
        files.push(match r {
            Some(r) => r,
            None if !f.candidate => {
                FileResult::new(&f.path.display().to_string()).skipped(NOT_A_RECORD_NAME)
            }
            // Only when interrupted.
            None => FileResult::new(&f.path.display().to_string()).failed(
                &Error::new(ErrorKind::Io, "not converted: interrupted"),
                Ledger::new(),
            ),
        });
    }
    let mut summary = Summary {
        files: files.len(),
        ..Summary::default()
    };
    for f in &files {
        match f.status {
            Status::Converted => summary.converted += 1,
            Status::Invalid => summary.invalid += 1,
            Status::Error => summary.errors += 1,
            Status::Skipped => summary.skipped += 1,
        }
        summary.records += f.records;
        summary.losses.add(&f.losses);
    }
    Ok(Run { to, files, summary })
}

fn bar(n: usize, total: usize, name: &str) -> String {
    const WIDTH: usize = 24;
    let filled = n * WIDTH / total.max(1);
    let count = name.chars().count();
    let name = if count > 50 {
        format!("...{}", name.chars().skip(count - 47).collect::<String>())
    } else {
        name.to_string()
    };
    format!(
        "[{}{}] {n}/{total} {name}",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled)
    )
}

fn convert_one(
    converter: &mut Converter,
    f: &Found,
    batch: &Batch,
    taken: &Mutex<std::collections::HashSet<String>>,
) -> FileResult {
    let shown = f.path.display().to_string();
    let r = FileResult::new(&shown);
    let source = match pipeline::read_source_mapped(&f.path, batch.options.xinclude) {
        Ok(t) => t,
        Err(e) => return r.failed(&e, Ledger::new()),
    };
    let text = &source.text;
    let mut r = r;
    match crate::format::detect(text) {
        // Well-formed, but no record: skipped and counted, as `validate` skips it.
        Ok(Detected::Unknown { name, ns, .. })
            if batch.options.from.is_none() && crate::detect_readable(text).is_err() =>
        {
            let why = format!(
                "not a record: <{name}>{} is no format crosswalk reads",
                ns.map(|n| format!(" in namespace {n}")).unwrap_or_default()
            );
            return r.skipped(&why);
        }
        Ok(Detected::Known { format, .. }) => r.format = Some(format),
        _ => {}
    }
    if let Some(from) = batch.options.from {
        r.format = Some(from);
    }
    let outputs = match converter.convert(text, &batch.options) {
        Ok(o) => o,
        Err(fail) => return r.failed(&source.relocate(fail.error), fail.ledger),
    };
    drop(source);
    let names: Vec<Option<String>> = outputs.iter().map(|o| o.name.clone()).collect();
    let paths = record_paths(&batch.out_dir, &f.rel, batch.options.to, &names, taken);
    let mut ledger = Ledger::new();
    for (out, path) in outputs.into_iter().zip(paths) {
        r.warnings.append(&mut out.warnings.clone());
        if pipeline::same_file(&f.path, &path) {
            return r.failed(
                &Error::new(
                    ErrorKind::Usage,
                    format!(
                        "the output {} is the input itself; not overwritten",
                        path.display()
                    ),
                ),
                ledger,
            );
        }
        if let Some(dir) = path.parent() {
            if let Err(e) = std::fs::create_dir_all(dir) {
                return r.failed(
                    &Error::new(
                        ErrorKind::Io,
                        format!("cannot create {}: {e}", dir.display()),
                    ),
                    ledger,
                );
            }
        }
        if let Err(e) = out.save(&path) {
            return r.failed(&e, ledger);
        }
        ledger.losses.extend(out.ledger.losses);
        r.outputs.push(path.display().to_string());
        r.records += 1;
    }
    r.losses = LossCounts::of(&ledger);
    r.ledger = ledger;
    r
}

/// The ledger of a run as JSON Lines: one loss a line, each naming its input.
pub fn ledger_lines(run: &Run) -> String {
    #[derive(Serialize)]
    struct Line<'a> {
        input: &'a str,
        #[serde(flatten)]
        loss: &'a crate::ledger::Loss,
    }
    let mut out = String::new();
    for f in &run.files {
        for loss in &f.ledger.losses {
            out.push_str(
                &serde_json::to_string(&Line {
                    input: &f.file,
                    loss,
                })
                .expect("losses serialise"),
            );
            out.push('\n');
        }
    }
    out
}

/// Human-readable report: one line per file that was converted, failed or skipped for
/// a reason other than its name, then the summary.
pub fn text_report(run: &Run, quiet: bool) -> String {
    let mut out = String::new();
    for f in &run.files {
        match f.status {
            Status::Converted if quiet => {}
            Status::Converted => {
                let l = &f.losses;
                out.push_str(&format!(
                    "converted   {} -> {} ({} record(s); losses: {} dropped, {} flattened, {} supplied)\n",
                    f.file,
                    f.outputs.join(", "),
                    f.records,
                    l.dropped,
                    l.flattened,
                    l.supplied
                ));
            }
            Status::Invalid | Status::Error => {
                let word = if f.status == Status::Invalid {
                    "invalid "
                } else {
                    "error   "
                };
                out.push_str(&format!(
                    "{word}    {}\n",
                    f.error_line().unwrap_or_else(|| f.file.clone())
                ));
            }
            Status::Skipped => {
                if !quiet {
                    out.push_str(&format!(
                        "skipped     {}: {}\n",
                        f.file,
                        f.error.as_ref().map_or("", |e| e.message.as_str())
                    ));
                }
            }
        }
    }
    let s = &run.summary;
    out.push_str(&format!(
        "{} files: {} converted ({} records to {}), {} invalid, {} errors, {} skipped; losses: {} dropped, {} flattened, {} supplied\n",
        s.files,
        s.converted,
        s.records,
        run.to,
        s.invalid,
        s.errors,
        s.skipped,
        s.losses.dropped,
        s.losses.flattened,
        s.losses.supplied
    ));
    out
}

pub fn json_report(run: &Run) -> String {
    serde_json::to_string_pretty(run).expect("reports serialise") + "\n"
}

/// Why a file found in a folder was not read: its name is not a record's.
const NOT_A_RECORD_NAME: &str = "not a record file (by its name)";

fn by_name(f: &FileResult) -> bool {
    f.status == Status::Skipped
        && f.error
            .as_ref()
            .is_some_and(|e| e.message == NOT_A_RECORD_NAME)
}

/// JUnit XML: one test case per file read; invalid files fail, errors are errors, skipped
/// files are skipped with the reason. Files not read because their name is not a record's
/// (`.txt`, `.mp4`) are no test cases: they are counted in a property of the suite.
pub fn junit_report(run: &Run) -> String {
    use crate::xml::El;
    let s = &run.summary;
    let not_records = run.files.iter().filter(|f| by_name(f)).count();
    let mut suite = El::new("testsuite")
        .attr("name", "crosswalk convert")
        .attr("tests", &(s.files - not_records).to_string())
        .attr("failures", &s.invalid.to_string())
        .attr("errors", &s.errors.to_string())
        .attr("skipped", &(s.skipped - not_records).to_string());
    if not_records > 0 {
        suite.push(
            El::new("properties").child(
                El::new("property")
                    .attr("name", "not-record-files")
                    .attr("value", &not_records.to_string()),
            ),
        );
    }
    for f in run.files.iter().filter(|f| !by_name(f)) {
        let mut case = El::new("testcase")
            .attr("classname", "crosswalk.convert")
            .attr("name", &f.file);
        let line = f.error_line().unwrap_or_default();
        let message = f.error.as_ref().map_or("", |e| e.message.as_str());
        match f.status {
            Status::Converted => {}
            Status::Invalid => case.push(
                El::text("failure", &line)
                    .attr("message", message)
                    .attr("type", "invalid"),
            ),
            Status::Error => case.push(
                El::text("error", &line)
                    .attr("message", message)
                    .attr("type", "error"),
            ),
            Status::Skipped => case.push(El::new("skipped").attr("message", message)),
        }
        suite.push(case);
    }
    El::new("testsuites").child(suite).to_document()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_lose_only_format_extensions() {
        assert_eq!(stem("a.tei.xml"), "a");
        assert_eq!(stem("a.ead3.xml"), "a");
        assert_eq!(stem("v1.2-letter.xml"), "v1.2-letter");
        assert_eq!(stem("record.json"), "record");
        assert_eq!(stem("notes.txt"), "notes.txt");
        assert_eq!(stem(".xml"), ".xml");
    }

    #[test]
    fn outputs_mirror_relative_paths() {
        let p = output_path(
            Path::new("out"),
            Path::new("sub/dir/a.tei.xml"),
            Format::Ead3,
            0,
            1,
        );
        assert_eq!(p, Path::new("out/sub/dir/a.ead3.xml"));
        let p = output_path(Path::new("out"), Path::new("a.xml"), Format::Json, 1, 3);
        assert_eq!(p, Path::new("out/a-2.json"));
    }
}
