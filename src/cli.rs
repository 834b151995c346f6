//! Command-line interface: parses arguments, reads and writes files, maps errors to exit
//! codes. All conversion and validation logic lives in the library.

use std::io::Write;
use std::path::Path;

use clap::{CommandFactory, Parser, Subcommand};

use crosswalk::validate;
use crosswalk::{bagit, batch, pipeline};
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
  cat record.tei.xml | crosswalk convert - --from tei --to json
  crosswalk convert exports/ more.tei.xml --to ead3 --out-dir converted --report json
  crosswalk convert exports/ --to dc --out-dir dc -q --ledger losses.jsonl
  crosswalk convert harvest.xml --to qdc --out-dir qdc
  crosswalk convert harvest.xml --to json > records.jsonl

Exit codes: 0 converted (files that are not records are skipped), 1 an output is invalid
or --strict found a loss, 2 an input could not be read or the command line is wrong.";

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
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish) on standard
    /// output.
    #[command(after_help = "\
Examples:
  crosswalk completions bash > ~/.local/share/bash-completion/completions/crosswalk
  crosswalk completions zsh > ~/.zfunc/_crosswalk
  crosswalk completions fish > ~/.config/fish/completions/crosswalk.fish")]
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) on standard output: crosswalk(1), with every command's
    /// options.
    #[command(after_help = "\
Examples:
  crosswalk man > crosswalk.1 && man ./crosswalk.1
  crosswalk man | gzip > /usr/local/share/man/man1/crosswalk.1.gz")]
    Man,
}

const BAG_EXAMPLES: &str = "\
Examples:
  crosswalk bag create --out ref.zip fixtures/reference/alekseyev-castro-1963.tei.xml --to dc,ead,ead3
  crosswalk bag create --out deposit scans/ records/ --algorithm sha256 --info Source-Organization=Example
  crosswalk bag create --out ingest.tar.gz exports/ --to ead3
  crosswalk bag verify deposit
  crosswalk bag verify transfer.tar.gz --report json

Exit codes: 0 valid (or created), 1 invalid, 2 could not read or usage error.";

#[derive(Subcommand)]
enum BagCommand {
    /// Make a bag from files and folders: a folder, or a zip or tar file when OUT ends in
    /// .zip, .tar, .tar.gz or .tgz.
    #[command(after_help = BAG_EXAMPLES)]
    Create(BagCreateArgs),
    /// Check a bag's completeness and fixity: a folder, .zip, .tar or .tar.gz.
    #[command(after_help = BAG_EXAMPLES)]
    Verify(BagVerifyArgs),
}

#[derive(clap::Args)]
struct BagCreateArgs {
    /// The bag to make: a folder, or a .zip, .tar, .tar.gz or .tgz file. It must not exist
    /// yet; an interrupted run (SIGINT, SIGTERM) leaves nothing behind.
    #[arg(long)]
    out: String,
    /// Files and folders for the payload; each goes to data/<its name> (two inputs with
    /// the same name are refused).
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Checksum algorithms, comma-separated (md5, sha1, sha224, sha256, sha384, sha512).
    #[arg(long, default_value = "sha512,sha256", value_delimiter = ',')]
    algorithm: Vec<String>,
    /// A bag-info.txt field, as Label=value; repeat for more. Payload-Oxum, Bag-Size and
    /// Bagging-Date are computed and refused here.
    #[arg(long, value_name = "KEY=VALUE")]
    info: Vec<String>,
    /// Convert every record, given or found in a folder, to these formats too (tei, dc,
    /// ead, ead3, json): each conversion goes beside its record, other files are bagged as
    /// they are, and the losses go into the tag file crosswalk-ledger.jsonl. A conversion
    /// that fails validation stops the bag.
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
    /// The bag: a folder, .zip, .tar or .tar.gz, or `-` for a zip, tar or tar.gz bag on
    /// standard input.
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
  crosswalk validate --xinclude corpus-root.tei.xml

Bundled schemas for --schema: tei, ead, ead3, ead3-xsd, oai_dc, simpledc, qualifieddc.
Exit codes: 0 all valid, 1 any invalid, 2 unreadable input or usage error.";

#[derive(clap::Args)]
struct ValidateArgs {
    /// Files and directories, or `-` for standard input. Directories are searched
    /// recursively for .xml, .tei and .ead files (other files are counted as not XML);
    /// the schema is chosen by each document's content.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// A bundled schema by name, or the path of your own .xsd, .rng or .rnc (`-`: read
    /// from standard input, its syntax told by its root; it cannot include other files by
    /// relative path); detected from each document's root element, namespace and form
    /// when omitted.
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
    /// Resolve XIncludes (xi:include, local files only, relative to the including file)
    /// before validating, as `xmllint --xinclude` does; a failed include without
    /// xi:fallback makes the file unreadable.
    #[arg(long)]
    xinclude: bool,
}

#[derive(clap::Args)]
struct ConvertArgs {
    /// Input files and folders (folders are searched recursively for .xml, .tei, .ead and
    /// .json files), or `-` for standard input. Folders and several inputs need --out-dir.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Output format: tei, dc (oai_dc: simple DC), qdc (qualified DC, DCMI qualifieddc),
    /// ead (EAD 2002), ead3, json.
    #[arg(long, value_parser = parse_format)]
    to: Format,
    /// Input format; detected from the root element and namespace when omitted.
    #[arg(long, value_parser = parse_format)]
    from: Option<Format>,
    /// Output file, or `-` for standard output (the default), for one input.
    #[arg(short, long, conflicts_with = "out_dir")]
    output: Option<String>,
    /// Convert every input into this folder: each output at its input's path relative to
    /// the folder it was found in, with the target format's extension (a.tei.xml ->
    /// DIR/a.ead3.xml). Files are converted on every core; a bad file is reported and the
    /// others go on. An input holding several records (an OAI-PMH response) gives one file
    /// per record, named after its OAI identifier or dc:identifier.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<String>,
    /// With --out-dir: the report on standard output, text (default), json or junit.
    #[arg(long, value_parser = ["text", "json", "junit"], requires = "out_dir")]
    report: Option<String>,
    /// Threads to convert on (default: every core): with --out-dir, files converted at
    /// once; for one finding aid converted into EAD, its components.
    #[arg(long)]
    jobs: Option<usize>,
    /// Treat any loss as an error: exit 1 and write no output for that file.
    #[arg(long)]
    strict: bool,
    /// Write every loss to this file (`-`: standard output, when the output and the
    /// report are not there): for one input a JSON ledger, with --out-dir JSON Lines, one
    /// loss a line, each naming its input.
    #[arg(long, value_name = "FILE")]
    ledger: Option<String>,
    /// Resolve XIncludes (xi:include, local files only, relative to the including file)
    /// before reading, as `xmllint --xinclude` does.
    #[arg(long)]
    xinclude: bool,
    /// Skip validating the output against its bundled schema.
    #[arg(long)]
    no_validate: bool,
    /// Print no loss warnings (the ledger still holds every loss).
    #[arg(short, long, conflicts_with = "verbose")]
    quiet: bool,
    /// Print every loss warning (by default: the first few per file, then a count of the
    /// rest by kind).
    #[arg(short, long)]
    verbose: bool,
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
    on_interrupt_remove_temporaries();
    match cli.command {
        Command::Convert(args) => convert(&args),
        Command::Validate(args) => validate_files(&args),
        Command::Bag(BagCommand::Create(args)) => bag_create(&args),
        Command::Bag(BagCommand::Verify(args)) => bag_verify(&args),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "crosswalk", &mut out);
            print_out(&out)
        }
        Command::Man => {
            let mut out = Vec::new();
            match man_page(&mut out) {
                Ok(()) => print_out(&out),
                Err(e) => usage(format!("cannot make the man page: {e}")),
            }
        }
    }
}

/// The man page: crosswalk(1) from clap_mangen, with a section per subcommand (clap_mangen
/// renders one command at a time).
fn man_page(out: &mut Vec<u8>) -> std::io::Result<()> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    fn sub_sections(cmd: &clap::Command, path: &str, out: &mut Vec<u8>) -> std::io::Result<()> {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let name = format!("{path} {}", sub.get_name());
            writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
            let sub_man = clap_mangen::Man::new(sub.clone().bin_name(name.clone()));
            let mut section = Vec::new();
            sub_man.render_synopsis_section(&mut section)?;
            sub_man.render_description_section(&mut section)?;
            sub_man.render_options_section(&mut section)?;
            // Within a section, the subcommand's own headings become subsections.
            let text = String::from_utf8_lossy(&section).replace(".SH ", ".SS ");
            out.extend_from_slice(text.as_bytes());
            if let Some(after) = sub.get_after_help() {
                writeln!(out, ".PP")?;
                for line in after.to_string().lines() {
                    writeln!(out, "{}", roff_line(line))?;
                    writeln!(out, ".br")?;
                }
            }
            sub_sections(sub, &name, out)?;
        }
        Ok(())
    }
    sub_sections(&cmd, "crosswalk", out)?;
    man.render_version_section(out)?;
    Ok(())
}

/// A line of plain text as roff: leading dots and quotes escaped, backslashes doubled.
fn roff_line(line: &str) -> String {
    let escaped = line.replace('\\', "\\e");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

fn print_out(bytes: &[u8]) -> i32 {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => exit::OK,
        Err(_) => exit::UNREADABLE,
    }
}

/// On SIGINT or SIGTERM: remove every temporary file and folder (unfinished bags and
/// outputs), then exit with 128 + the signal's number, as a shell reports it.
fn on_interrupt_remove_temporaries() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                crosswalk::cleanup::remove_all();
                eprintln!("crosswalk: interrupted: temporary files removed");
                std::process::exit(128 + sig);
            }
        });
    }
}

fn validate_files(args: &ValidateArgs) -> i32 {
    // `--schema -`: the schema arrives on standard input and is compiled from a temporary
    // copy (the compilers open their files themselves); it is removed when this returns.
    let mut _spooled_schema = None;
    let choice = match args.schema.as_deref() {
        Some("-") if args.inputs.iter().any(|i| i == "-") => {
            return usage("--schema - and the input - cannot both be standard input");
        }
        Some("-") => {
            match crosswalk::spool::spool(std::io::stdin().lock(), crosswalk::spool::schema_suffix)
            {
                Ok(sp) => {
                    let choice = validate::SchemaChoice::parse(&sp.path().to_string_lossy());
                    _spooled_schema = Some(sp);
                    choice
                }
                Err(e) => {
                    return report(
                        &Error::new(
                            ErrorKind::Io,
                            pipeline::io_message("cannot read the schema", &e),
                        )
                        .in_file("-"),
                    )
                }
            }
        }
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
    // A schema from standard input is named `-` in reports and messages, not by the
    // temporary copy it was compiled from.
    let shown = |text: String| match &_spooled_schema {
        Some(sp) => text.replace(&*sp.path().to_string_lossy(), "-"),
        None => text,
    };
    let run = match validate::run(&files, &others, &choice, threads, args.xinclude) {
        Ok(r) => r,
        Err(mut e) => {
            e.message = shown(e.message);
            e.file = e.file.map(shown);
            return report(&e);
        }
    };
    let out = shown(match args.report.as_str() {
        "json" => validate::json_report(&run),
        "junit" => validate::junit_report(&run),
        _ => validate::text_report(&run, args.quiet),
    });
    if std::io::stdout().write_all(out.as_bytes()).is_err() {
        return exit::UNREADABLE;
    }
    run.exit_code()
}

fn threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

fn bag_create(args: &BagCreateArgs) -> i32 {
    if args.inputs.iter().any(|i| i == "-") {
        // A payload file is known by its name in data/; a stream has none.
        return usage("standard input (-) cannot be bagged: a payload file needs a name, so save it to a file and give its path");
    }
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
                // Each warning starts with the file (or option) it is about.
                match w.split_once(": ") {
                    Some((about, what)) => eprintln!("crosswalk: {about}: warning: {what}"),
                    None => eprintln!("crosswalk: warning: {w}"),
                }
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
    // `-`: a zip, tar or tar.gz bag on standard input, verified from a temporary copy
    // (a zip's directory is at its end), which is removed when this returns.
    let spooled = if args.bag == "-" {
        match crosswalk::spool::spool(std::io::stdin().lock(), crosswalk::spool::bag_suffix) {
            Ok(sp) => Some(sp),
            Err(e) => {
                return report(
                    &Error::new(
                        ErrorKind::Io,
                        pipeline::io_message("cannot read the bag", &e),
                    )
                    .in_file("-"),
                )
            }
        }
    } else {
        None
    };
    let path = spooled.as_ref().map_or_else(
        || std::path::PathBuf::from(&args.bag),
        |sp| sp.path().to_path_buf(),
    );
    match bagit::verify(&path, args.fast, threads()) {
        Ok(mut r) => {
            if spooled.is_some() {
                r.bag = "-".into();
            }
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
            &Error::new(
                ErrorKind::Io,
                pipeline::io_message("cannot read the bag", &e),
            )
            .in_file(&args.bag),
        ),
    }
}

fn report(e: &Error) -> i32 {
    eprintln!("{}", e.diagnostic());
    match e.kind {
        ErrorKind::Loss | ErrorKind::Invalid => exit::INVALID,
        ErrorKind::Syntax
        | ErrorKind::Unmappable
        | ErrorKind::UnknownFormat
        | ErrorKind::Io
        | ErrorKind::Usage => exit::UNREADABLE,
    }
}

fn display_name(input: &str) -> &str {
    if input == "-" {
        pipeline::STDIN
    } else {
        input
    }
}

fn usage(message: impl Into<String>) -> i32 {
    report(&Error::new(ErrorKind::Usage, message))
}

/// Prints a file's loss warnings: none with -q, all with -v, else a summary.
fn warn_losses(name: &str, ledger: &crosswalk::Ledger, args: &ConvertArgs) {
    if args.quiet || ledger.is_empty() {
        return;
    }
    let mut err = std::io::stderr().lock();
    for line in pipeline::loss_lines(ledger, args.verbose) {
        let _ = writeln!(err, "crosswalk: {name}: warning: {line}");
    }
}

fn convert(args: &ConvertArgs) -> i32 {
    let batch = args.out_dir.is_some()
        || args.inputs.len() > 1
        || args.inputs.iter().any(|i| Path::new(i).is_dir());
    if batch {
        return convert_batch(args);
    }
    let input = &args.inputs[0];
    let name = display_name(input);
    let output = args.output.as_deref().unwrap_or("-");
    // Refusals before anything is read or written.
    for (flag, path) in [("-o", Some(output)), ("--ledger", args.ledger.as_deref())] {
        if let Some(path) = path.filter(|p| *p != "-" && input != "-") {
            if pipeline::same_file(Path::new(input), Path::new(path)) {
                return usage(format!(
                    "{flag} {path} is the input {input} itself: refusing to overwrite the input"
                ));
            }
        }
    }
    if args.ledger.as_deref() == Some("-") && output == "-" {
        return usage(
            "--ledger - and the output both go to standard output: give -o FILE, or a --ledger FILE",
        );
    }
    let source = match pipeline::read_source_mapped(Path::new(input), args.xinclude) {
        Ok(t) => t,
        Err(e) => return report(&e),
    };
    let opts = pipeline::Options {
        from: args.from,
        to: args.to,
        validate: !args.no_validate,
        strict: args.strict,
        xinclude: args.xinclude,
    };
    let mut converter = match args.jobs {
        Some(n) => pipeline::Converter::with_threads(n),
        None => pipeline::Converter::new(),
    };
    let result = converter.convert(&source.text, &opts);
    // With --xinclude the assembled text is kept, to report an error in the file and at
    // the line where the user wrote it; otherwise its memory goes now.
    let origins = args.xinclude.then_some(source);
    // Several records go to one file each (--out-dir), or as JSON Lines to standard
    // output: refused before anything, the ledger included, is written.
    if let Ok(outputs) = &result {
        if outputs.len() > 1 && !(args.to == Format::Json && output == "-") {
            return report(
                &Error::new(
                    ErrorKind::Usage,
                    format!(
                        "holds {} records: convert it with --out-dir DIR to write one file per record{}",
                        outputs.len(),
                        if args.to == Format::Json {
                            " (or to standard output, as JSON Lines)"
                        } else {
                            ""
                        }
                    ),
                )
                .in_file(name),
            );
        }
    }
    // One output's ledger is borrowed, not copied: a large finding aid's runs to tens of
    // thousands of entries.
    let ledger = match &result {
        Ok(outputs) if outputs.len() == 1 => std::borrow::Cow::Borrowed(&outputs[0].ledger),
        Ok(outputs) => {
            let mut l = crosswalk::Ledger::new();
            for o in outputs {
                l.losses.extend(o.ledger.losses.iter().cloned());
            }
            std::borrow::Cow::Owned(l)
        }
        Err(f) => std::borrow::Cow::Borrowed(&f.ledger),
    };
    warn_losses(name, &ledger, args);
    if let Some(path) = &args.ledger {
        let json = serde_json::to_string_pretty(&*ledger).expect("ledger serialises") + "\n";
        if let Err(e) = write_with(path, |w| w.write_all(json.as_bytes())) {
            return report(&e);
        }
    }
    let outputs = match result {
        Ok(o) => o,
        Err(f) => {
            let e = match &origins {
                Some(m) => m.relocate(f.error),
                None => f.error,
            };
            return report(&e.in_file(name));
        }
    };
    if !args.quiet {
        for o in &outputs {
            for w in &o.warnings {
                eprintln!("crosswalk: {name}: warning: {w}");
            }
        }
    }
    if outputs.len() > 1 {
        // JSON Lines on standard output (anything else was refused above).
        return match write_with(output, |w| {
            outputs.iter().try_for_each(|o| o.write_line_to(w))
        }) {
            Ok(()) => exit::OK,
            Err(e) => report(&e),
        };
    }
    let written = if output == "-" {
        write_with(output, |w| outputs[0].write_to(w))
    } else {
        outputs[0].save(Path::new(output))
    };
    match written {
        Ok(()) => exit::OK,
        Err(e) => report(&e),
    }
}

fn convert_batch(args: &ConvertArgs) -> i32 {
    let Some(out_dir) = &args.out_dir else {
        return usage("converting a folder or several inputs needs --out-dir DIR");
    };
    if args.inputs.iter().any(|i| i == "-") {
        return usage("standard input (-) cannot be converted with --out-dir: name the files");
    }
    if args.ledger.as_deref() == Some("-") {
        return usage(
            "--ledger -: standard output carries the report with --out-dir: give --ledger FILE",
        );
    }
    if let Err(e) = std::fs::create_dir_all(out_dir) {
        return report(
            &Error::new(ErrorKind::Io, format!("cannot create the folder: {e}")).in_file(out_dir),
        );
    }
    let batch = crosswalk::batch::Batch {
        inputs: args.inputs.iter().map(Into::into).collect(),
        out_dir: out_dir.into(),
        options: pipeline::Options {
            from: args.from,
            to: args.to,
            validate: !args.no_validate,
            strict: args.strict,
            xinclude: args.xinclude,
        },
        threads: args.jobs.unwrap_or_else(threads),
        progress: true,
    };
    let run = match crosswalk::batch::run(&batch) {
        Ok(r) => r,
        Err(e) => return report(&e),
    };
    {
        let mut err = std::io::stderr().lock();
        for f in &run.files {
            if !args.quiet && !f.ledger.is_empty() {
                for line in pipeline::loss_lines(&f.ledger, args.verbose) {
                    let _ = writeln!(err, "crosswalk: {}: warning: {line}", f.file);
                }
            }
            if !args.quiet {
                for w in &f.warnings {
                    let _ = writeln!(err, "crosswalk: {}: warning: {w}", f.file);
                }
            }
            if let (Some(line), batch::Status::Invalid | batch::Status::Error) =
                (f.diagnostic(), f.status)
            {
                let _ = writeln!(err, "{line}");
            }
        }
    }
    if let Some(path) = &args.ledger {
        let lines = batch::ledger_lines(&run);
        if let Err(e) = write_with(path, |w| w.write_all(lines.as_bytes())) {
            return report(&e);
        }
    }
    let out = match args.report.as_deref() {
        Some("json") => batch::json_report(&run),
        Some("junit") => batch::junit_report(&run),
        _ => batch::text_report(&run, args.quiet),
    };
    if std::io::stdout().write_all(out.as_bytes()).is_err() {
        return exit::UNREADABLE;
    }
    run.exit_code()
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
    pipeline::write_atomically(Path::new(path), f)
}
