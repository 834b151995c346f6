//! Command-line interface: parses arguments, reads and writes files, maps errors to exit
//! codes. All conversion and validation logic lives in the library.

use std::io::{Read, Write};
use std::path::Path;

use clap::{Parser, Subcommand};

use crosswalk::bagit;
use crosswalk::validate::{self, Schema};
use crosswalk::{Error, ErrorKind, Format};

/// Exit codes, as documented in README.md.
pub mod exit {
    /// Success.
    pub const OK: i32 = 0;
    /// The input or output is invalid, or `--strict` found a loss.
    pub const INVALID: i32 = 1;
    /// The input could not be read or understood, or the command line is wrong.
    pub const UNREADABLE: i32 = 2;
}

const EXAMPLES: &str = "\
Examples:
  crosswalk convert fixtures/reference/alekseyev-castro-1963.tei.xml --to ead3
  crosswalk convert record.tei.xml --to dc -o record.dc.xml --ledger losses.json
  crosswalk convert record.json --to tei --strict -o record.tei.xml
  cat record.tei.xml | crosswalk convert - --from tei --to json";

/// Convert archival records between TEI P5, Dublin Core, EAD 2002 and EAD3.
#[derive(Parser)]
#[command(name = "crosswalk", version, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert a record to another format through the record model.
    #[command(after_help = EXAMPLES)]
    Convert(ConvertArgs),
    /// Validate records against the official schemas bundled in the binary.
    #[command(after_help = VALIDATE_EXAMPLES)]
    Validate(ValidateArgs),
    /// Create and verify BagIt bags (RFC 8493).
    #[command(subcommand)]
    Bag(BagCommand),
}

const BAG_EXAMPLES: &str = "\
Examples:
  crosswalk bag create --out ref.zip fixtures/reference/alekseyev-castro-1963.tei.xml --to dc,ead,ead3
  crosswalk bag create --out deposit scans/ records/ --algorithm sha256 --info Source-Organization=Example
  crosswalk bag verify deposit
  crosswalk bag verify transfer.tar.gz --report json

Exit codes: 0 valid (or created), 1 invalid, 2 could not read or usage error.";

#[derive(Subcommand)]
enum BagCommand {
    /// Make a bag from files and folders: a folder, or a zip file when OUT ends in .zip.
    #[command(after_help = BAG_EXAMPLES)]
    Create(BagCreateArgs),
    /// Check a bag's completeness and fixity: a folder, .zip, .tar or .tar.gz.
    #[command(after_help = BAG_EXAMPLES)]
    Verify(BagVerifyArgs),
}

#[derive(clap::Args)]
struct BagCreateArgs {
    /// The bag to make: a folder, or a .zip file. It must not exist yet.
    #[arg(long)]
    out: String,
    /// Files and folders for the payload; each goes to data/<its name>.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Checksum algorithms, comma-separated (md5, sha1, sha224, sha256, sha384, sha512).
    #[arg(long, default_value = "sha512,sha256", value_delimiter = ',')]
    algorithm: Vec<String>,
    /// A bag-info.txt field, as Label=value; repeat for more.
    #[arg(long, value_name = "KEY=VALUE")]
    info: Vec<String>,
    /// Convert record inputs to these formats too (tei, dc, ead, ead3, json); a
    /// conversion that fails validation stops the bag.
    #[arg(long, value_delimiter = ',', value_parser = parse_format)]
    to: Vec<Format>,
    /// Leave system junk files (.DS_Store, Thumbs.db, ._*) out instead of refusing them.
    #[arg(long)]
    skip_junk: bool,
    /// Folder bags: hard-link payload files into data/ instead of copying them (no data is
    /// written; the bag and the originals then share their contents, so an edit to one is
    /// an edit to the other). Files on another file system are copied.
    #[arg(long)]
    link: bool,
}

#[derive(clap::Args)]
struct BagVerifyArgs {
    /// The bag: a folder, .zip, .tar or .tar.gz.
    bag: String,
    /// Check Payload-Oxum (counts and sizes) only, without checksums.
    #[arg(long)]
    fast: bool,
    /// Report format: text (default) or json.
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    report: String,
}

const VALIDATE_EXAMPLES: &str = "\
Examples:
  crosswalk validate fixtures/reference/alekseyev-castro-1963.tei.xml
  crosswalk validate exports/ --report junit > validation.xml
  crosswalk validate finding-aid.xml --schema ead3-xsd
  crosswalk validate record.xml --schema my-profile.rng

Bundled schemas for --schema: tei, ead, ead3, ead3-xsd, oai_dc, simpledc, qualifieddc.
Exit codes: 0 all valid, 1 any invalid, 2 unreadable input or usage error.";

#[derive(clap::Args)]
struct ValidateArgs {
    /// Files and directories (directories are searched recursively for .xml files).
    #[arg(required = true)]
    inputs: Vec<String>,
    /// A bundled schema by name, or the path of your own .xsd, .rng or .rnc; detected
    /// from each document's root element, namespace and form when omitted.
    #[arg(long)]
    schema: Option<String>,
    /// Report format: text (default), json or junit.
    #[arg(long, default_value = "text", value_parser = ["text", "json", "junit"])]
    report: String,
    /// Threads to validate on (default: every core).
    #[arg(long)]
    jobs: Option<usize>,
    /// In the text report, list only files with problems.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(clap::Args)]
struct ConvertArgs {
    /// The input file, or `-` for standard input.
    input: String,
    /// Output format: tei, dc (oai_dc), ead (EAD 2002), ead3, json.
    #[arg(long, value_parser = parse_format)]
    to: Format,
    /// Input format; detected from the root element and namespace when omitted.
    #[arg(long, value_parser = parse_format)]
    from: Option<Format>,
    /// Output file, or `-` for standard output (the default).
    #[arg(short, long, default_value = "-")]
    output: String,
    /// Treat any loss as an error: exit 1 and write no output.
    #[arg(long)]
    strict: bool,
    /// Write the loss ledger as JSON to this file.
    #[arg(long, value_name = "FILE")]
    ledger: Option<String>,
    /// Skip validating the output against its bundled schema.
    #[arg(long)]
    no_validate: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::UNREADABLE
            } else {
                exit::OK
            };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Convert(args) => convert(&args),
        Command::Validate(args) => validate_files(&args),
        Command::Bag(BagCommand::Create(args)) => bag_create(&args),
        Command::Bag(BagCommand::Verify(args)) => bag_verify(&args),
    }
}

fn validate_files(args: &ValidateArgs) -> i32 {
    let choice = match &args.schema {
        Some(s) => validate::SchemaChoice::parse(s),
        None => validate::SchemaChoice::Detect,
    };
    let (files, others) = match validate::collect(&args.inputs) {
        Ok(x) => x,
        Err(e) => return report(&e),
    };
    let threads = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let run = match validate::run(&files, &others, &choice, threads) {
        Ok(r) => r,
        Err(e) => return report(&e),
    };
    let out = match args.report.as_str() {
        "json" => validate::json_report(&run),
        "junit" => validate::junit_report(&run),
        _ => validate::text_report(&run, args.quiet),
    };
    if std::io::stdout().write_all(out.as_bytes()).is_err() {
        return exit::UNREADABLE;
    }
    run.exit_code()
}

fn threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

fn bag_create(args: &BagCreateArgs) -> i32 {
    let mut algorithms = Vec::new();
    for a in &args.algorithm {
        match bagit::Algorithm::from_name(a.trim()) {
            Some(x) if !algorithms.contains(&x) => algorithms.push(x),
            Some(_) => {}
            None => {
                return report(&Error::new(
                    ErrorKind::Usage,
                    format!(
                    "unknown algorithm '{a}': expected md5, sha1, sha224, sha256, sha384 or sha512"
                ),
                ))
            }
        }
    }
    let mut info = Vec::new();
    for kv in &args.info {
        match kv.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() && !k.contains(':') => {
                info.push((k.trim().to_string(), v.to_string()))
            }
            _ => {
                return report(&Error::new(
                    ErrorKind::Usage,
                    format!("--info {kv:?}: expected LABEL=VALUE"),
                ))
            }
        }
    }
    let opts = bagit::Options {
        out: args.out.clone().into(),
        inputs: args.inputs.iter().map(Into::into).collect(),
        algorithms,
        info,
        to: args.to.clone(),
        skip_junk: args.skip_junk,
        link: args.link,
        threads: threads(),
    };
    match bagit::create(&opts) {
        Ok(c) => {
            for w in &c.warnings {
                eprintln!("crosswalk: warning: {w}");
            }
            eprintln!(
                "created {}: {} payload files, {} bytes",
                args.out, c.files, c.bytes
            );
            exit::OK
        }
        Err(e) => report(&e),
    }
}

fn bag_verify(args: &BagVerifyArgs) -> i32 {
    match bagit::verify(std::path::Path::new(&args.bag), args.fast, threads()) {
        Ok(r) => {
            let out = if args.report == "json" {
                serde_json::to_string_pretty(&r).expect("reports serialise") + "\n"
            } else {
                bagit::text_report(&r)
            };
            let _ = std::io::stdout().write_all(out.as_bytes());
            if r.valid {
                exit::OK
            } else {
                exit::INVALID
            }
        }
        Err(e) => report(
            &Error::new(ErrorKind::Io, format!("cannot read the bag: {e}")).in_file(&args.bag),
        ),
    }
}

fn report(e: &Error) -> i32 {
    eprintln!("crosswalk: error: {e}");
    match e.kind {
        ErrorKind::Loss | ErrorKind::Invalid => exit::INVALID,
        ErrorKind::Syntax
        | ErrorKind::Unmappable
        | ErrorKind::UnknownFormat
        | ErrorKind::Io
        | ErrorKind::Usage => exit::UNREADABLE,
    }
}

fn read_input(input: &str) -> Result<String, Error> {
    let bytes = if input == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read standard input: {e}")))?;
        b
    } else {
        std::fs::read(input)
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read: {e}")).in_file(input))?
    };
    crosswalk::xml::decode_owned(bytes).map_err(|e| e.in_file(display_name(input)))
}

fn display_name(input: &str) -> &str {
    if input == "-" {
        "<stdin>"
    } else {
        input
    }
}

fn convert(args: &ConvertArgs) -> i32 {
    let name = display_name(&args.input);
    let text = match read_input(&args.input) {
        Ok(t) => t,
        Err(e) => return report(&e),
    };
    let record = match crosswalk::read(&text, args.from) {
        Ok(r) => r,
        Err(e) => return report(&e.in_file(name)),
    };
    drop(text);
    // JSON is streamed to its file (it loses nothing and has no schema); the XML formats
    // are built in memory first, since they are validated before anything is written.
    if args.to == Format::Json {
        return match write_with(&args.output, |w| {
            crosswalk::json::write_to(&record, w).map_err(std::io::Error::other)
        }) {
            Ok(()) => exit::OK,
            Err(e) => report(&e),
        };
    }
    let (out, ledger) = crosswalk::write(&record, args.to);
    drop(record);
    for line in ledger.lines() {
        eprintln!("crosswalk: warning: {name}: {line}");
    }
    if let Some(path) = &args.ledger {
        let json = serde_json::to_string_pretty(&ledger).expect("ledger serialises") + "\n";
        if let Err(e) = write_atomically(path, json.as_bytes()) {
            return report(&e);
        }
    }
    if args.strict && !ledger.is_empty() {
        return report(
            &Error::new(
                ErrorKind::Loss,
                format!(
                    "--strict: converting to {} would lose {} item(s); no output written",
                    args.to,
                    ledger.losses.len()
                ),
            )
            .in_file(name),
        );
    }
    if !args.no_validate {
        if let Some(schema) = Schema::for_format(args.to) {
            match validate::validate(schema, &out) {
                Ok(d) if d.is_empty() => {}
                Ok(d) => {
                    for x in &d {
                        eprintln!("crosswalk: error: <output>:{x}");
                    }
                    return report(&Error::new(
                        ErrorKind::Invalid,
                        format!("the {} output is not valid against {}: {} error(s); no output written", args.to, schema.label(), d.len()),
                    )
                    .in_file(name));
                }
                Err(e) => return report(&e.in_file("<output>")),
            }
        }
    }
    match write_with(&args.output, |w| w.write_all(out.as_bytes())) {
        Ok(()) => exit::OK,
        Err(e) => report(&e),
    }
}

/// Writes to standard output for `-`, else atomically to the file.
fn write_with(
    path: &str,
    f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    if path == "-" {
        let stdout = std::io::stdout();
        let mut lock = std::io::BufWriter::new(stdout.lock());
        return f(&mut lock)
            .and_then(|_| lock.flush())
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot write standard output: {e}")));
    }
    write_file_with(path, f)
}

fn write_atomically(path: &str, bytes: &[u8]) -> Result<(), Error> {
    write_file_with(path, |w| w.write_all(bytes))
}

/// Writes to a temporary file beside the target and renames it into place, so a failed
/// run never leaves a partial file.
fn write_file_with(
    path: &str,
    f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let target = Path::new(path);
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{file_name}.crosswalk-{}.tmp", std::process::id()));
    let io =
        |e: std::io::Error| Error::new(ErrorKind::Io, format!("cannot write: {e}")).in_file(path);
    let result = std::fs::File::create(&tmp)
        .and_then(|file| {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
            f(&mut w)?;
            w.flush()
        })
        .and_then(|_| std::fs::rename(&tmp, target));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)
}
