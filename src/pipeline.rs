//! The one conversion pipeline: detect, decode, read, write, validate, ledger, atomic
//! write. `convert`, batch conversion ([`crate::batch`]) and `bag create` all use it.
//!
//! A [`Converter`] holds the compiled schemas, so a thread that converts many files
//! compiles each schema once. A reader may return several records from one input (an
//! OAI-PMH response, a corpus split into its records): [`Converter::convert`] gives one
//! [`Output`] per record, and the caller names them.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Result};
use crate::format::Format;
use crate::ledger::{Ledger, LossKind};
use crate::model::Record;
use crate::validate::{Schema, Validators};
use crate::xml::source_map::Mapped;

/// How to convert.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The input format; detected from the text when `None`.
    pub from: Option<Format>,
    pub to: Format,
    /// Validate each output against its bundled schema; an invalid output is an error.
    pub validate: bool,
    /// Any loss is an error.
    pub strict: bool,
    /// Resolve XIncludes in the input before reading it ([`crate::xml::xinclude`]).
    pub xinclude: bool,
}

impl Options {
    pub fn new(to: Format) -> Options {
        Options {
            from: None,
            to,
            validate: true,
            strict: false,
            xinclude: false,
        }
    }
}

/// One converted record, ready to write.
#[derive(Debug)]
pub struct Output {
    pub body: Body,
    /// What the target format could not hold.
    pub ledger: Ledger,
    /// The record's own name, for a file of its own when the input holds several: its
    /// OAI identifier, else its first identifier ([`record_name`]).
    pub name: Option<String>,
    /// What the reader noticed about the input (a namespace slip read anyway, a deleted
    /// OAI record not converted): on the input's first output.
    pub warnings: Vec<String>,
}

/// An output's content. JSON keeps the record and streams it when written, so a large
/// record is never held twice.
#[derive(Debug)]
pub enum Body {
    Text(String),
    Json(Box<Record>),
    /// Written to a temporary file as it was converted (a finding aid streamed level by
    /// level, [`crate::ead::stream`]); removed when dropped.
    Spooled(crate::spool::Spooled),
}

impl Output {
    pub fn write_to(&self, w: &mut dyn Write) -> io::Result<()> {
        match &self.body {
            Body::Text(t) => w.write_all(t.as_bytes()),
            Body::Json(r) => crate::json::write_to(r, w).map_err(io::Error::other),
            Body::Spooled(s) => io::copy(&mut std::fs::File::open(s.path())?, w).map(drop),
        }
    }

    /// Writes the output as one line of JSON Lines (a JSON body compact, with a newline).
    pub fn write_line_to(&self, w: &mut dyn Write) -> io::Result<()> {
        match &self.body {
            Body::Text(t) => w.write_all(t.as_bytes()),
            Body::Json(r) => {
                serde_json::to_writer(&mut *w, &crate::model::Document::new((**r).clone()))
                    .map_err(io::Error::other)?;
                w.write_all(b"\n")
            }
            Body::Spooled(s) => io::copy(&mut std::fs::File::open(s.path())?, w).map(drop),
        }
    }

    /// Writes the output to the file `target` atomically ([`write_atomically`]). A spooled
    /// output is moved into place instead, when its temporary file is on the same file
    /// system: copying a 30 MB finding aid cost a tenth of its conversion.
    pub fn save(&self, target: &Path) -> Result<()> {
        if let Body::Spooled(s) = &self.body {
            if std::fs::rename(s.path(), target).is_ok() {
                return Ok(());
            }
        }
        write_atomically(target, |w| self.write_to(w))
    }

    /// The output's bytes (read back from its temporary file when it was spooled).
    pub fn into_bytes(self) -> io::Result<Vec<u8>> {
        match self.body {
            Body::Text(t) => Ok(t.into_bytes()),
            Body::Json(r) => Ok(crate::json::write(&r).into_bytes()),
            Body::Spooled(s) => std::fs::read(s.path()),
        }
    }
}

/// A conversion that failed, with the losses found before it failed (a `--strict`
/// failure or an invalid output still owes its ledger).
#[derive(Debug)]
pub struct Failure {
    pub error: Error,
    pub ledger: Ledger,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure {
            error,
            ledger: Ledger::new(),
        }
    }
}

impl Failure {
    fn in_file(mut self, file: &str) -> Failure {
        self.error = self.error.in_file(file);
        self
    }
}

/// Converts documents, compiling each output schema once. One per thread: the schema
/// engines are `Send` but not `Sync`.
pub struct Converter {
    validators: Validators,
    /// Threads a large finding aid's components are converted on
    /// ([`crate::ead::stream`]).
    threads: usize,
}

impl Default for Converter {
    fn default() -> Converter {
        Converter {
            validators: Validators::default(),
            threads: std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
        }
    }
}

impl Converter {
    pub fn new() -> Converter {
        Converter::default()
    }

    /// A converter that keeps to one thread: for callers that already run one converter
    /// per core.
    pub fn single_threaded() -> Converter {
        Converter::with_threads(1)
    }

    /// A converter that uses at most `threads` threads (at least one).
    pub fn with_threads(threads: usize) -> Converter {
        Converter {
            threads: threads.max(1),
            ..Converter::default()
        }
    }

    /// Converts a decoded text. Errors name no file; see [`Converter::convert_file`].
    pub fn convert(
        &mut self,
        text: &str,
        opts: &Options,
    ) -> std::result::Result<Vec<Output>, Failure> {
        let streamed = match streams(text, opts) {
            Some(v) => self.convert_streamed(text, v, opts)?,
            None => None,
        };
        let mut all = Ledger::new();
        let mut written = Vec::new();
        let input = match streamed {
            // One finding aid, written level by level.
            Some(output) => {
                // Only --strict reads `all`; a large finding aid's ledger is not copied
                // for nothing.
                if opts.strict {
                    all.losses.extend(output.ledger.losses.iter().cloned());
                }
                written.push(output);
                Input::default()
            }
            None => read_input(text, opts.from)?,
        };
        let mut outputs = Vec::with_capacity(input.records.len() + written.len());
        // EAD 2002 read in its DTD form is written in the namespaced form: said once.
        let dtd_form = opts.to == Format::Ead
            && matches!(
                crate::format::detect(text),
                Ok(crate::Detected::Known {
                    form: crate::format::Form::EadDtd,
                    ..
                })
            );
        let records = input.records.into_iter();
        for next in written.into_iter().map(Ok).chain(records.map(Err)) {
            let mut output = match next {
                Ok(output) => output,
                Err(record) => self.write_one(record, opts, &mut all)?,
            };
            if dtd_form {
                let reason = "read in EAD 2002's DTD form (no namespace); written in its namespaced schema form, link attributes as XLink";
                output
                    .ledger
                    .push(LossKind::Flattened, "", Format::Ead, reason);
                all.push(LossKind::Flattened, "", Format::Ead, reason);
            }
            outputs.push(output);
        }
        if let Some(first) = outputs.first_mut() {
            first.warnings = input.warnings;
        }
        if opts.strict && !all.is_empty() {
            return Err(Failure {
                error: Error::new(
                    ErrorKind::Loss,
                    format!(
                        "--strict: converting to {} would lose {} item(s); no output written",
                        opts.to,
                        all.losses.len()
                    ),
                ),
                ledger: all,
            });
        }
        Ok(outputs)
    }

    fn write_one(
        &mut self,
        record: Record,
        opts: &Options,
        all: &mut Ledger,
    ) -> std::result::Result<Output, Failure> {
        let name = record_name(&record);
        if opts.to == Format::Json {
            return Ok(Output {
                body: Body::Json(Box::new(record)),
                ledger: Ledger::new(),
                name,
                warnings: Vec::new(),
            });
        }
        let (out, ledger) = crate::write(&record, opts.to);
        drop(record);
        all.losses.extend(ledger.losses.iter().cloned());
        self.check(&out, opts, all)?;
        Ok(Output {
            body: Body::Text(out),
            ledger,
            name,
            warnings: Vec::new(),
        })
    }

    /// Validates an output against its bundled schema when asked to (an error with the
    /// ledger so far when it is invalid).
    fn check(
        &mut self,
        out: &str,
        opts: &Options,
        all: &Ledger,
    ) -> std::result::Result<(), Failure> {
        if !opts.validate {
            return Ok(());
        }
        let Some(schema) = Schema::for_format(opts.to) else {
            return Ok(());
        };
        let checked = self
            .validators
            .get(schema)
            .and_then(|v| v.validate(out))
            .map_err(|e| e.in_file("<output>"));
        let diags = match checked {
            Ok(d) => d,
            Err(error) => {
                return Err(Failure {
                    error,
                    ledger: all.clone(),
                })
            }
        };
        if let Some(first) = diags.first() {
            return Err(Failure {
                error: Error::new(
                    ErrorKind::Invalid,
                    format!(
                        "the {} output is not valid against {}: {} error(s), first <output>:{first}; no output written",
                        opts.to,
                        schema.label(),
                        diags.len()
                    ),
                ),
                ledger: all.clone(),
            });
        }
        Ok(())
    }

    /// An EAD finding aid into either EAD version, level by level ([`crate::ead::stream`]),
    /// into a temporary file; `None` when it must be converted whole.
    fn convert_streamed(
        &mut self,
        text: &str,
        v: crate::ead::Version,
        opts: &Options,
    ) -> std::result::Result<Option<Output>, Failure> {
        let io_error = |e: io::Error| {
            Failure::from(Error::new(
                ErrorKind::Io,
                io_message("writing a temporary file", &e),
            ))
        };
        // A large output goes to a temporary file as it is printed; a small one, or one
        // where no temporary file can be made (a read-only temporary folder), to memory.
        let spooled = if text.len() >= SPOOL_FROM {
            crate::spool::temp_file("output", ".xml").ok()
        } else {
            None
        };
        let (streamed, body) = match spooled {
            Some((spooled, file)) => {
                let mut sink = io::BufWriter::with_capacity(1 << 20, file);
                let streamed = crate::ead::stream::convert(text, v, self.threads, &mut sink)?;
                sink.flush().map_err(io_error)?;
                (streamed, Body::Spooled(spooled))
            }
            None => {
                let mut sink = Vec::with_capacity(text.len() + text.len() / 2);
                let streamed = crate::ead::stream::convert(text, v, self.threads, &mut sink)?;
                let out = String::from_utf8(sink).map_err(|_| {
                    Failure::from(Error::new(
                        ErrorKind::Io,
                        "the EAD writer printed bytes that are not UTF-8",
                    ))
                })?;
                (streamed, Body::Text(out))
            }
        };
        let crate::ead::stream::Streamed::Done(ledger, name) = streamed else {
            return Ok(None);
        };
        if opts.validate && Schema::for_format(opts.to).is_some() {
            match &body {
                Body::Spooled(s) => {
                    let out = std::fs::read_to_string(s.path()).map_err(io_error)?;
                    self.check(&out, opts, &ledger)?;
                }
                Body::Text(out) => self.check(out, opts, &ledger)?,
                Body::Json(_) => {}
            }
        }
        Ok(Some(Output {
            body,
            ledger,
            name,
            warnings: Vec::new(),
        }))
    }

    /// Reads, decodes and converts a file. Errors name the file as given.
    pub fn convert_file(
        &mut self,
        path: &Path,
        opts: &Options,
    ) -> std::result::Result<Vec<Output>, Failure> {
        let shown = path.display().to_string();
        let source = read_source_mapped(path, opts.xinclude)
            .map_err(|e| Failure::from(e.in_file(&shown)))?;
        self.convert(&source.text, opts).map_err(|mut f| {
            f.error = source.relocate(f.error);
            f.in_file(&shown)
        })
    }
}

/// Inputs from this size on are converted into a temporary file rather than memory.
const SPOOL_FROM: usize = 1 << 20;

/// The EAD version an input is converted into level by level ([`crate::ead::stream`]):
/// a finding aid, either version, into either version. Anything else is read whole.
fn streams(text: &str, opts: &Options) -> Option<crate::ead::Version> {
    let v = match opts.to {
        Format::Ead => crate::ead::Version::Ead2002,
        Format::Ead3 => crate::ead::Version::Ead3,
        _ => return None,
    };
    let from = match opts.from {
        Some(f) => f,
        None => crate::detect_readable(text).ok()?,
    };
    matches!(from, Format::Ead | Format::Ead3).then_some(v)
}

/// The records of a text, with what the reader noticed on the way.
#[derive(Debug, Default)]
pub struct Input {
    pub records: Vec<Record>,
    pub warnings: Vec<String>,
}

/// The records of a text: one for TEI and JSON; every record of a DC input (an OAI-PMH
/// response, an RDF/XML file). Deleted OAI records are not converted: each is named in a
/// warning. An input with no record to convert is an error saying why.
pub fn read_input(text: &str, from: Option<Format>) -> Result<Input> {
    let format = match from {
        Some(f) => f,
        None => crate::detect_readable(text)?,
    };
    if !matches!(format, Format::Dc | Format::Qdc) {
        return crate::read(text, Some(format)).map(|r| Input {
            records: vec![r],
            warnings: Vec::new(),
        });
    }
    let mut reading = crate::dc::read_all(text)?;
    if reading.records.is_empty() {
        return Err(crate::dc::read::no_records(&reading));
    }
    for id in &reading.deleted {
        reading
            .warnings
            .push(format!("deleted OAI record {id}: not converted"));
    }
    Ok(Input {
        records: reading.records,
        warnings: reading.warnings,
    })
}

/// The records of a text (see [`read_input`]).
pub fn read_records(text: &str, from: Option<Format>) -> Result<Vec<Record>> {
    read_input(text, from).map(|i| i.records)
}

/// A record's own name: its OAI identifier, else its first identifier.
pub fn record_name(r: &Record) -> Option<String> {
    r.control
        .as_ref()
        .and_then(|c| c.oai.as_ref())
        .map(|o| o.identifier.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| {
            r.identifiers
                .iter()
                .map(|i| i.value.trim())
                .find(|v| !v.is_empty())
                .map(str::to_string)
        })
}

/// A record name made safe as a file name on every file system: letters, digits, `.`,
/// `-` and `_` kept, any other run of characters one `_`, at most 100 bytes, never a
/// name Windows reserves (`CON`, `NUL`, `COM1`, ...), never hidden or empty (`None`).
pub fn safe_file_name(name: &str) -> Option<String> {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let mut s = out
        .trim_matches(|c| matches!(c, '.' | '_' | '-'))
        .to_string();
    if s.len() > 100 {
        s.truncate(100);
        s = s.trim_end_matches(['.', '_', '-']).to_string();
    }
    if s.is_empty() {
        return None;
    }
    let stem = s.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        s.insert(0, '_');
    }
    Some(s)
}

/// Reads and decodes a file (UTF-8, UTF-16, or the Latin-1 its declaration names).
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = read_bytes(path).map_err(|e| {
        Error::new(ErrorKind::Io, io_message("cannot read", &e))
            .in_file(&path.display().to_string())
    })?;
    crate::xml::decode_owned(bytes)
}

/// Files from this size on are read in parts on several threads.
const READ_APART_FROM: u64 = 8 << 20;

/// A file's bytes. A large one is read in parts on two threads: reading 20 MB on one
/// thread took as long as parsing a tenth of it, most of it in faulting in the fresh
/// pages the bytes are copied to, which two threads do side by side.
fn read_bytes(path: &Path) -> io::Result<Vec<u8>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        let file = std::fs::File::open(path)?;
        let len = file.metadata()?.len();
        if len >= READ_APART_FROM && usize::try_from(len).is_ok() {
            let mut bytes = vec![0u8; len as usize];
            let half = bytes.len() / 2;
            let (a, b) = bytes.split_at_mut(half);
            let (first, second) = std::thread::scope(|s| {
                let second = s.spawn(|| file.read_exact_at(b, half as u64));
                (file.read_exact_at(a, 0), second.join())
            });
            let second =
                second.unwrap_or_else(|_| Err(io::Error::other("a reading thread stopped")));
            // A file that changed size while it was read: read it again whole.
            let mut probe = [0u8; 1];
            if first.is_ok() && second.is_ok() && file.read_at(&mut probe, len)? == 0 {
                return Ok(bytes);
            }
        }
    }
    std::fs::read(path)
}

/// Reads and decodes a file, or standard input for `-`, and with `xinclude` resolves its
/// XIncludes (relative to the file's folder, or the current folder for standard input).
pub fn read_source(path: &Path, xinclude: bool) -> Result<String> {
    read_source_mapped(path, xinclude).map(|m| m.text)
}

/// [`read_source`], with where each part of the text came from: with `xinclude`, an
/// error found in the assembled text is reported in the included file, at its line
/// ([`Mapped::relocate`]).
pub fn read_source_mapped(path: &Path, xinclude: bool) -> Result<Mapped> {
    let stdin = path.as_os_str() == "-";
    let shown = if stdin {
        STDIN.to_string()
    } else {
        path.display().to_string()
    };
    let text = if stdin { read_stdin() } else { read_text(path) }.map_err(|e| e.in_file(&shown))?;
    if !xinclude {
        let start = crate::Pos { line: 1, column: 1 };
        return Ok(Mapped::from_file(text, &shown.as_str().into(), start));
    }
    crate::xml::xinclude::resolve_mapped(&text, (!stdin).then_some(path), &shown)
}

/// Reads standard input to its end and decodes it (`-` as an input).
pub fn read_stdin() -> Result<String> {
    use std::io::Read;
    let mut b = Vec::new();
    std::io::stdin()
        .read_to_end(&mut b)
        .map_err(|e| Error::new(ErrorKind::Io, io_message("cannot read", &e)).in_file(STDIN))?;
    crate::xml::decode_owned(b).map_err(|e| e.in_file(STDIN))
}

/// How standard input is named in messages and reports.
pub const STDIN: &str = "<stdin>";

/// An I/O error as a message: "not found" for a path that is not there, "permission
/// denied", else `doing: error` without the operating system's error number.
pub fn io_message(doing: &str, e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "not found".to_string(),
        std::io::ErrorKind::PermissionDenied => format!("{doing}: permission denied"),
        _ => {
            let text = e.to_string();
            let text = match text.find(" (os error ") {
                Some(i) if text.ends_with(')') => text[..i].to_string(),
                _ => text,
            };
            format!("{doing}: {}", lowercase_first(&text))
        }
    }
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if !c.as_str().starts_with(|x: char| x.is_uppercase()) => {
            f.to_lowercase().chain(c).collect()
        }
        _ => s.to_string(),
    }
}

/// True when both paths name one existing file (the same device and inode; by canonical
/// path where the platform has no inodes). Names do not matter: a hard link, a symbolic
/// link or `./x` is the file itself.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
    }
}

/// Writes a file through a temporary file beside it, renamed into place at the end, so
/// that a failed or interrupted run never leaves a partial file (the temporary file is
/// registered with [`crate::cleanup`]).
pub fn write_atomically(
    target: &Path,
    f: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = temp_path(dir, &file_name);
    let temp = crate::cleanup::register(tmp.clone());
    let result = std::fs::File::create(&tmp)
        .and_then(|file| {
            let mut w = io::BufWriter::with_capacity(1 << 16, file);
            f(&mut w)?;
            w.flush()
        })
        .and_then(|_| std::fs::rename(&tmp, target));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    drop(temp);
    result.map_err(|e| {
        Error::new(ErrorKind::Io, format!("cannot write: {e}"))
            .in_file(&target.display().to_string())
    })
}

/// A hidden temporary name beside `name` in `dir`, unique within this process.
pub fn temp_path(dir: &Path, name: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(".{name}.crosswalk-{}-{n}.tmp", std::process::id()))
}

/// The number of losses of each kind, in the order dropped, flattened, supplied.
pub fn count_by_kind(ledger: &Ledger) -> [(LossKind, usize); 3] {
    let mut c = [
        (LossKind::Dropped, 0),
        (LossKind::Flattened, 0),
        (LossKind::Supplied, 0),
    ];
    for l in &ledger.losses {
        let i = match l.kind {
            LossKind::Dropped => 0,
            LossKind::Flattened => 1,
            LossKind::Supplied => 2,
        };
        c[i].1 += 1;
    }
    c
}

/// How many loss lines to print per file by default.
pub const SHOWN_LOSSES: usize = 5;

/// The warning lines for a ledger: every loss when `all`, else the first
/// [`SHOWN_LOSSES`] and one line counting the rest by what was lost
/// (`… and 2,430 more (dropped body ×2,435)`; the counts are over the whole ledger).
pub fn loss_lines(ledger: &Ledger, all: bool) -> Vec<String> {
    let losses = &ledger.losses;
    if all || losses.len() <= SHOWN_LOSSES {
        return ledger.lines();
    }
    // Only the lines shown are made: a large finding aid has tens of thousands of losses.
    let rest = losses.len() - SHOWN_LOSSES;
    let mut out: Vec<String> = losses
        .iter()
        .take(SHOWN_LOSSES)
        .map(crate::ledger::Loss::line)
        .collect();
    // Groups by kind and field, the field's indices removed (`children[3].body` and
    // `children[4].body` are both `body`), in order of first appearance.
    let mut groups: Vec<((&str, &str), usize)> = Vec::new();
    for l in losses {
        let last = l.field.rsplit('.').next().unwrap_or(&l.field);
        let field = last.split('[').next().unwrap_or(last);
        let key = (l.kind.word(), field);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some(g) => g.1 += 1,
            None => groups.push((key, 1)),
        }
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.1));
    let shown: Vec<String> = groups
        .iter()
        .take(6)
        .map(|((kind, field), n)| format!("{kind} {field} ×{}", thousands(*n)))
        .collect();
    let more = if groups.len() > 6 {
        format!(", {} other kinds", groups.len() - 6)
    } else {
        String::new()
    };
    out.push(format!(
        "… and {} more ({}{more})",
        thousands(rest),
        shown.join(", ")
    ));
    out
}

/// `2435` as `2,435`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_file_read_in_parts_is_the_file() {
        let dir = std::env::temp_dir().join(format!("crosswalk-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // Odd length, so that the halves differ, and bytes that tell every offset apart.
        for len in [READ_APART_FROM as usize + 7, 1000] {
            let bytes: Vec<u8> = (0..len)
                .map(|i| (i % 251) as u8 ^ (i / 251) as u8)
                .collect();
            let path = dir.join(format!("f{len}"));
            std::fs::write(&path, &bytes).unwrap();
            assert!(read_bytes(&path).unwrap() == bytes, "length {len}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(2435), "2,435");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn loss_lines_summarise_past_the_first_few() {
        let mut l = Ledger::new();
        for i in 0..100 {
            l.push(
                LossKind::Dropped,
                format!("children[{i}].body"),
                Format::Dc,
                "no text",
            );
        }
        l.push(LossKind::Flattened, "agents[0].role", Format::Dc, "role");
        let lines = loss_lines(&l, false);
        assert_eq!(lines.len(), SHOWN_LOSSES + 1);
        assert_eq!(
            lines.last().unwrap(),
            "… and 96 more (dropped body ×100, flattened role ×1)"
        );
        assert_eq!(loss_lines(&l, true).len(), 101);
    }
}
