//! Creating a bag (RFC 8493, BagIt 1.0) as a folder or a zip file, after a portability
//! check of every payload name, hashing each payload file once for all algorithms.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use unicode_normalization::UnicodeNormalization;

use super::fourway::{hash_streams, Stream};
use super::hash::{Algorithm, MultiHasher};
use super::tags::{encode_path, is_junk};
use crate::error::{Error, ErrorKind};
use crate::format::Format;

/// What to bag and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// A folder, or a file ending in `.zip`, `.tar`, `.tar.gz` or `.tgz`.
    pub out: PathBuf,
    /// Files and folders for the payload: each goes to `data/<its name>`; two inputs with
    /// the same name are refused.
    pub inputs: Vec<PathBuf>,
    pub algorithms: Vec<Algorithm>,
    /// Extra `bag-info.txt` fields, in order.
    pub info: Vec<(String, String)>,
    /// Formats to convert every record to, given or found in a folder; each conversion
    /// joins the payload beside its record, and the losses go into the tag file
    /// `crosswalk-ledger.jsonl`.
    pub to: Vec<Format>,
    /// Leave system junk files (`.DS_Store`, `Thumbs.db`, ...) out instead of refusing.
    pub skip_junk: bool,
    /// Hard-link payload files into a folder bag instead of copying them.
    pub link: bool,
    pub threads: usize,
}

/// What was made.
#[derive(Debug, Clone)]
pub struct Created {
    pub files: usize,
    pub bytes: u64,
    pub warnings: Vec<String>,
}

enum Content {
    File(PathBuf),
    Memory(Vec<u8>),
}

struct Item {
    /// Path inside the bag, `data/...`.
    path: String,
    content: Content,
    size: u64,
}

const WINDOWS_RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];
/// Extensions of formats that are already compressed: stored in a zip, not deflated.
const COMPRESSED: &[&str] = &[
    "zip", "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "jpg", "jpeg", "png", "gif", "webp",
    "jp2", "heic", "mp3", "m4a", "aac", "ogg", "opus", "flac", "mp4", "m4v", "mov", "mkv", "webm",
    "avi", "docx", "xlsx", "pptx", "odt", "ods", "epub",
];

fn err(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::Usage, msg)
}

fn io_err(path: &Path, e: io::Error) -> Error {
    Error::new(ErrorKind::Io, format!("{e}")).in_file(&path.display().to_string())
}

/// Makes the bag. On any failure nothing is left at `out`.
pub fn create(opts: &Options) -> Result<Created, Error> {
    // An error that names no input file is about the bag being made.
    make(opts).map_err(|e| e.in_file(&opts.out.display().to_string()))
}

/// The labels of `bag-info.txt` that crosswalk computes.
pub const COMPUTED_LABELS: &[&str] = &["Payload-Oxum", "Bag-Size", "Bagging-Date"];

/// The tag file that holds the conversions' losses, one JSON object a line.
pub const LEDGER_TAG_FILE: &str = "crosswalk-ledger.jsonl";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Folder,
    Zip,
    Tar { gz: bool },
}

fn container(out: &Path) -> Container {
    let name = out.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".zip") {
        Container::Zip
    } else if name.ends_with(".tar") {
        Container::Tar { gz: false }
    } else if name.ends_with(".tar.gz") || name.ends_with(".tgz") {
        Container::Tar { gz: true }
    } else {
        Container::Folder
    }
}

fn make(opts: &Options) -> Result<Created, Error> {
    if opts.algorithms.is_empty() {
        return Err(err("no checksum algorithm chosen"));
    }
    let kind = container(&opts.out);
    if opts.link && kind != Container::Folder {
        return Err(err(
            "--link makes a folder bag share its files with the originals; an archive holds copies",
        ));
    }
    for (label, _) in &opts.info {
        if let Some(c) = COMPUTED_LABELS
            .iter()
            .find(|c| c.eq_ignore_ascii_case(label.trim()))
        {
            return Err(err(format!(
                "--info {label}: crosswalk computes {c} itself; leave it out"
            )));
        }
    }
    if opts.out.exists() {
        return Err(err(format!(
            "{} exists already: choose a new name for the bag",
            opts.out.display()
        )));
    }
    let mut names: HashMap<String, &Path> = HashMap::new();
    for input in &opts.inputs {
        let name = input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| err(format!("{}: has no file name", input.display())))?;
        if let Some(other) = names.insert(name.clone(), input) {
            return Err(err(format!(
                "{} and {} are both named {name}: each input goes to data/<its name>, so rename one",
                other.display(),
                input.display()
            )));
        }
    }
    let mut items = Vec::new();
    let mut warnings = Vec::new();
    for input in &opts.inputs {
        let name = input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let meta = std::fs::symlink_metadata(input).map_err(|e| io_err(input, e))?;
        if meta.file_type().is_symlink() {
            return Err(err(format!(
                "{}: is a symbolic link; links are not bagged",
                input.display()
            )));
        } else if meta.is_dir() {
            gather(input, &format!("data/{name}"), &mut items)?;
        } else {
            items.push(Item {
                path: format!("data/{name}"),
                content: Content::File(input.clone()),
                size: meta.len(),
            });
        }
    }
    let mut ledger = String::new();
    if !opts.to.is_empty() {
        convert_records(opts, &mut items, &mut ledger, &mut warnings)?;
    }
    let extra_tags: Vec<(String, Vec<u8>)> = if opts.to.is_empty() {
        Vec::new()
    } else {
        vec![(LEDGER_TAG_FILE.to_string(), ledger.into_bytes())]
    };
    preflight(&mut items, opts.skip_junk, &mut warnings)?;
    for i in items.iter().filter(|i| i.path.contains('%')) {
        warnings.push(format!(
            "{}: '%' is written %25 in the manifests as RFC 8493 requires; bagit-python 1.9 does not decode it and will report the file missing",
            i.path
        ));
    }
    items.sort_by(|a, b| a.path.cmp(&b.path));

    let bytes: u64 = items.iter().map(|i| i.size).sum();
    let bag_info = bag_info(opts, bytes, items.len());
    let parent = opts
        .out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = opts
        .out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bag".into());
    let tmp = crate::pipeline::temp_path(parent, &file_name);
    // Removed on SIGINT or SIGTERM by the binary's handler, whatever stage it is at.
    let temp = crate::cleanup::register(tmp.clone());
    let tags = Tags {
        bag_info: &bag_info,
        algs: &opts.algorithms,
        extra: &extra_tags,
    };
    let bag_name = || {
        let lower = file_name.to_ascii_lowercase();
        let cut = [".tar.gz", ".tgz", ".tar", ".zip"]
            .iter()
            .find(|e| lower.ends_with(*e))
            .map_or(0, |e| e.len());
        file_name[..file_name.len() - cut].to_string()
    };
    let result = match kind {
        Container::Zip => write_zip(&tmp, &bag_name(), &items, &tags, opts.threads),
        Container::Tar { gz } => write_tar(&tmp, &bag_name(), &items, &tags, gz, opts.threads),
        Container::Folder => write_folder(&tmp, &items, &tags, opts, &mut warnings),
    };
    let result = result.and_then(|_| {
        if crate::cleanup::cancelled() {
            return Err(Error::new(ErrorKind::Io, "interrupted"));
        }
        std::fs::rename(&tmp, &opts.out).map_err(|e| io_err(&opts.out, e))
    });
    if result.is_err() {
        if kind == Container::Folder {
            let _ = std::fs::remove_dir_all(&tmp);
        } else {
            let _ = std::fs::remove_file(&tmp);
        }
    }
    drop(temp);
    result.map(|_| Created {
        files: items.len(),
        bytes,
        warnings,
    })
}

/// Converts every record of the payload (files named like records whose root element
/// is a format crosswalk reads) to each requested format, in parallel, through the
/// pipeline. Each conversion goes beside its record as `<stem>.<format extension>`; a
/// record already in a target format is not converted to it again. A conversion that
/// does not validate stops the bag; a file that is not a record, or a record crosswalk
/// cannot read yet, is bagged as it is, with a warning for the latter.
fn convert_records(
    opts: &Options,
    items: &mut Vec<Item>,
    ledger: &mut String,
    warnings: &mut Vec<String>,
) -> Result<(), Error> {
    use crate::pipeline::{Converter, Options as ConvertOptions};
    let records: Vec<(String, PathBuf)> = items
        .iter()
        .filter_map(|i| match &i.content {
            Content::File(p) if crate::batch::is_record_name(p) => {
                Some((i.path.clone(), p.clone()))
            }
            _ => None,
        })
        .collect();
    type Converted = Result<(Vec<Item>, String, Vec<String>), Error>;
    let results: Mutex<Vec<Option<Converted>>> =
        Mutex::new((0..records.len()).map(|_| None).collect());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = opts.threads.max(1).min(records.len().max(1));
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
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some((bag_path, src)) = records.get(i) else {
                        break;
                    };
                    let r = (|| -> Converted {
                        let mut made = Vec::new();
                        let mut lines = String::new();
                        let mut warned = Vec::new();
                        let shown = src.display().to_string();
                        let text =
                            crate::pipeline::read_text(src).map_err(|e| e.in_file(&shown))?;
                        let from = match crate::format::detect(&text) {
                            Ok(crate::format::Detected::Known { format, .. }) => format,
                            Ok(crate::format::Detected::Unknown { .. }) => {
                                return Ok((made, lines, warned))
                            }
                            Err(e) => {
                                warned.push(format!(
                                    "{}: not converted, bagged as it is: {}",
                                    bag_path,
                                    e.in_file(&shown)
                                ));
                                return Ok((made, lines, warned));
                            }
                        };
                        let (dir, name) = bag_path.rsplit_once('/').unwrap_or(("data", bag_path));
                        let stem = crate::batch::stem(name);
                        for &to in opts.to.iter().filter(|&&t| t != from) {
                            let outputs = match converter.convert(&text, &ConvertOptions::new(to)) {
                                Ok(o) => o,
                                Err(f)
                                    if f.error.kind == ErrorKind::Invalid
                                        || f.error.kind == ErrorKind::Io =>
                                {
                                    return Err(Error::new(
                                        f.error.kind.clone(),
                                        format!(
                                            "its {to} conversion failed: {}; no bag written",
                                            f.error.message
                                        ),
                                    )
                                    .in_file(&shown))
                                }
                                Err(f) => {
                                    warned.push(format!(
                                        "{bag_path}: not converted to {to}, bagged as it is: {}{}",
                                        f.error
                                            .pos
                                            .map(|p| format!("{}:{}: ", p.line, p.column))
                                            .unwrap_or_default(),
                                        f.error.message
                                    ));
                                    break;
                                }
                            };
                            let count = outputs.len();
                            for (k, out) in outputs.into_iter().enumerate() {
                                let file = if count > 1 {
                                    format!("{dir}/{stem}-{}.{}", k + 1, to.extension())
                                } else {
                                    format!("{dir}/{stem}.{}", to.extension())
                                };
                                for loss in &out.ledger.losses {
                                    lines.push_str(&ledger_line(bag_path, &file, loss));
                                }
                                let bytes = out.into_bytes().map_err(|e| {
                                    Error::new(
                                        ErrorKind::Io,
                                        format!(
                                            "its {to} conversion failed: {}; no bag written",
                                            crate::pipeline::io_message("reading it back", &e)
                                        ),
                                    )
                                    .in_file(&shown)
                                })?;
                                made.push(Item {
                                    path: file,
                                    size: bytes.len() as u64,
                                    content: Content::Memory(bytes),
                                });
                            }
                        }
                        Ok((made, lines, warned))
                    })();
                    results.lock().expect("no panic holds this lock")[i] = Some(r);
                }
            });
        }
    });
    if crate::cleanup::cancelled() {
        return Err(Error::new(ErrorKind::Io, "interrupted"));
    }
    for r in results.into_inner().expect("no panic holds this lock") {
        let (made, lines, warned) = r.expect("every record was converted")?;
        items.extend(made);
        ledger.push_str(&lines);
        warnings.extend(warned);
    }
    Ok(())
}

/// One loss as a line of the ledger tag file, naming the record and its conversion by
/// their paths in the bag.
fn ledger_line(input: &str, output: &str, loss: &crate::ledger::Loss) -> String {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        input: &'a str,
        output: &'a str,
        #[serde(flatten)]
        loss: &'a crate::ledger::Loss,
    }
    serde_json::to_string(&Line {
        input,
        output,
        loss,
    })
    .expect("losses serialise")
        + "\n"
}

fn gather(dir: &Path, prefix: &str, items: &mut Vec<Item>) -> Result<(), Error> {
    let mut entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)
        .map_err(|e| io_err(dir, e))?
        .filter_map(|e| e.ok())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        // Type from the listing, size from a stat relative to the open folder: neither
        // follows a link, and neither looks the full path up again.
        let kind = e.file_type().map_err(|e| io_err(&p, e))?;
        if kind.is_symlink() {
            return Err(err(format!(
                "{}: is a symbolic link; links are not bagged",
                p.display()
            )));
        } else if kind.is_dir() {
            gather(&p, &format!("{prefix}/{name}"), items)?;
        } else {
            let size = e.metadata().map_err(|e| io_err(&p, e))?.len();
            items.push(Item {
                path: format!("{prefix}/{name}"),
                content: Content::File(p),
                size,
            });
        }
    }
    Ok(())
}

/// Refuses names that would break the bag on another platform, listing every one.
fn preflight(
    items: &mut Vec<Item>,
    skip_junk: bool,
    warnings: &mut Vec<String>,
) -> Result<(), Error> {
    let mut issues = Vec::new();
    items.retain(|i| {
        let name = i.path.rsplit('/').next().unwrap_or(&i.path);
        let junk = is_junk(&i.path);
        if junk && skip_junk {
            warnings.push(format!("{}: system file left out", i.path));
        } else if junk {
            issues.push(format!(
                "{}: a system file ({name}); remove it or use --skip-junk",
                i.path
            ));
        }
        !(junk && skip_junk)
    });
    // Keys are borrowed when folding or normalising changes nothing, as for most names.
    let mut by_case: HashMap<std::borrow::Cow<str>, &str> = HashMap::new();
    let mut by_nfc: HashMap<std::borrow::Cow<str>, &str> = HashMap::new();
    for i in items.iter() {
        let p = i.path.as_str();
        for seg in p.split('/').skip(1) {
            let base = seg.split('.').next().unwrap_or(seg).to_ascii_uppercase();
            if WINDOWS_RESERVED.contains(&base.as_str()) {
                issues.push(format!("{p}: '{seg}' is a reserved name on Windows"));
            }
            if seg.ends_with('.') || seg.ends_with(' ') {
                issues.push(format!(
                    "{p}: '{seg}' ends with a dot or space, which Windows drops"
                ));
            }
            if let Some(c) = seg.chars().find(|c| {
                matches!(c, '<' | '>' | ':' | '"' | '\\' | '|' | '?' | '*') || c.is_control()
            }) {
                issues.push(format!(
                    "{p}: '{seg}' contains {c:?}, which Windows or object stores refuse"
                ));
            }
        }
        if p.len() > 1024 {
            issues.push(format!(
                "{p}: longer than 1024 bytes, which common object stores refuse"
            ));
        }
        let folded = if p.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            std::borrow::Cow::Borrowed(p)
        } else {
            std::borrow::Cow::Owned(p.to_lowercase())
        };
        if let Some(other) = by_case.insert(folded, p) {
            if other != p {
                issues.push(format!("{p} and {other} differ only by case"));
            } else {
                issues.push(format!("{p}: given twice"));
            }
        }
        let n = if p.is_ascii() {
            std::borrow::Cow::Borrowed(p)
        } else {
            std::borrow::Cow::Owned(p.nfc().collect::<String>())
        };
        if let Some(other) = by_nfc.insert(n, p) {
            if other != p {
                issues.push(format!(
                    "{p} and {other} differ only by Unicode normalisation"
                ));
            }
        }
    }
    if issues.is_empty() {
        return Ok(());
    }
    Err(err(format!(
        "the payload has {} name(s) that would break the bag on other platforms; no bag written:\n  {}",
        issues.len(),
        issues.join("\n  ")
    )))
}

fn human(bytes: u64) -> String {
    let units = ["bytes", "KB", "MB", "GB", "TB"];
    let mut v = bytes as f64;
    let mut u = 0;
    while v >= 1000.0 && u < units.len() - 1 {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{v:.1} {}", units[u])
    }
}

/// Today's date as `YYYY-MM-DD` (UTC), from the civil-from-days algorithm.
fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn bag_info(opts: &Options, bytes: u64, files: usize) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "Bag-Software-Agent: crosswalk {}\n",
        env!("CARGO_PKG_VERSION")
    ));
    s.push_str(&format!("Bagging-Date: {}\n", today()));
    s.push_str(&format!("Bag-Size: {}\n", human(bytes)));
    s.push_str(&format!("Payload-Oxum: {bytes}.{files}\n"));
    for (k, v) in &opts.info {
        s.push_str(&format!("{k}: {}\n", v.replace('\n', "\n  ")));
    }
    s
}

const BAGIT_TXT: &str = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

fn manifest(digests: &BTreeMap<String, Vec<(Algorithm, String)>>, alg: Algorithm) -> String {
    let mut s = String::new();
    for (path, ds) in digests {
        if let Some((_, d)) = ds.iter().find(|(a, _)| *a == alg) {
            s.push_str(&format!("{d}  {}\n", encode_path(path)));
        }
    }
    s
}

fn hash_bytes(bytes: &[u8], algs: &[Algorithm]) -> Vec<(Algorithm, String)> {
    let mut h = MultiHasher::new(algs);
    h.update(bytes);
    h.finish().0
}

/// What goes beside the payload: `bag-info.txt`, the algorithms, and extra tag files
/// (the conversions' ledger).
struct Tags<'a> {
    bag_info: &'a str,
    algs: &'a [Algorithm],
    extra: &'a [(String, Vec<u8>)],
}

/// The tag files after the payload: bagit.txt, bag-info.txt, the extra tag files, the
/// manifests, then tag manifests over all of these.
fn tag_files(
    payload: &BTreeMap<String, Vec<(Algorithm, String)>>,
    tags: &Tags,
) -> Vec<(String, Vec<u8>)> {
    let algs = tags.algs;
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("bagit.txt".into(), BAGIT_TXT.as_bytes().to_vec()),
        ("bag-info.txt".into(), tags.bag_info.as_bytes().to_vec()),
    ];
    files.extend(tags.extra.iter().cloned());
    for &a in algs {
        files.push((
            format!("manifest-{}.txt", a.name()),
            manifest(payload, a).into_bytes(),
        ));
    }
    let mut tagged: BTreeMap<String, Vec<(Algorithm, String)>> = BTreeMap::new();
    for (name, bytes) in &files {
        tagged.insert(name.clone(), hash_bytes(bytes, algs));
    }
    for &a in algs {
        files.push((
            format!("tagmanifest-{}.txt", a.name()),
            manifest(&tagged, a).into_bytes(),
        ));
    }
    files
}

fn write_folder(
    tmp: &Path,
    items: &[Item],
    tags: &Tags,
    opts: &Options,
    warnings: &mut Vec<String>,
) -> Result<(), Error> {
    let algs = &opts.algorithms;
    std::fs::create_dir_all(tmp.join("data")).map_err(|e| io_err(tmp, e))?;
    // Every folder first, once each, so the workers only write files.
    let folders: std::collections::BTreeSet<&str> = items
        .iter()
        .filter_map(|i| i.path.rsplit_once('/').map(|(dir, _)| dir))
        .collect();
    for f in folders {
        let dir = tmp.join(f);
        std::fs::create_dir_all(&dir).map_err(|e| io_err(&dir, e))?;
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let digests: Mutex<BTreeMap<String, Vec<(Algorithm, String)>>> = Mutex::new(BTreeMap::new());
    let failure: Mutex<Option<Error>> = Mutex::new(None);
    let copied_not_linked = std::sync::atomic::AtomicUsize::new(0);
    let record = |item: &Item, res: Result<Vec<(Algorithm, String)>, Error>| match res {
        Ok(d) => {
            digests
                .lock()
                .expect("no panic")
                .insert(item.path.clone(), d);
        }
        Err(e) => *failure.lock().expect("no panic") = Some(e),
    };
    // The next file for a thread to hash (four at a time, `fourway.rs`): linked, or
    // opened with its copy as the sink. Records made in memory are written here.
    let next_file = || -> Option<Stream<'_, &Item>> {
        loop {
            if crate::cleanup::cancelled() {
                return None;
            }
            let item = items.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))?;
            let dest = tmp.join(&item.path);
            let src = match &item.content {
                Content::File(src) => src,
                Content::Memory(b) => {
                    let written = std::fs::write(&dest, b).map_err(|e| io_err(&dest, e));
                    record(item, written.map(|()| hash_bytes(b, algs)));
                    continue;
                }
            };
            let opened = (|| -> Result<Stream<'_, &Item>, Error> {
                let reader = Box::new(File::open(src).map_err(|e| io_err(src, e))?);
                // The link and the original are one file: hashed through the original,
                // whose path the kernel has just looked up.
                if opts.link && std::fs::hard_link(src, &dest).is_ok() {
                    return Ok(Stream {
                        job: item,
                        algorithms: algs.clone(),
                        reader,
                        sink: None,
                    });
                }
                if opts.link {
                    copied_not_linked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                // Pieces come 64 KiB at a time, so the copy is written unbuffered.
                let mut out = File::create(&dest).map_err(|e| io_err(&dest, e))?;
                Ok(Stream {
                    job: item,
                    algorithms: algs.clone(),
                    reader,
                    sink: Some(Box::new(move |piece: &[u8]| {
                        out.write_all(piece).map_err(|e| {
                            io::Error::new(e.kind(), format!("writing {}: {e}", dest.display()))
                        })
                    })),
                })
            })();
            match opened {
                Ok(stream) => return Some(stream),
                Err(e) => record(item, Err(e)),
            }
        }
    };
    std::thread::scope(|s| {
        for _ in 0..opts.threads.max(1) {
            s.spawn(|| {
                hash_streams(&next_file, |item, res| {
                    let src = match &item.content {
                        Content::File(src) => src.as_path(),
                        Content::Memory(_) => Path::new(&item.path),
                    };
                    record(item, res.map(|d| d.0).map_err(|e| io_err(src, e)))
                })
            });
        }
    });
    let copied = copied_not_linked.into_inner();
    if copied > 0 {
        warnings.push(format!(
            "--link: {copied} payload file(s) could not be hard-linked (another file system?) and were copied"
        ));
    }
    if let Some(e) = failure.into_inner().expect("no panic") {
        return Err(e);
    }
    let digests = digests.into_inner().expect("no panic");
    if crate::cleanup::cancelled() {
        return Err(Error::new(ErrorKind::Io, "interrupted"));
    }
    for (name, bytes) in tag_files(&digests, tags) {
        std::fs::write(tmp.join(&name), bytes).map_err(|e| io_err(&tmp.join(&name), e))?;
    }
    Ok(())
}

/// Files up to this size are read and hashed ahead of the archive writer by worker threads.
const PREREAD: u64 = 4 << 20;

/// How many entries ahead of the writer the workers may run: enough for every thread's
/// four lanes (`fourway.rs`) and a little more, at most 24 (24 x PREREAD of memory).
fn window(threads: usize) -> usize {
    (4 * threads.max(1) + 2).min(24)
}

/// A payload file made ready for the archive writer by a worker.
enum Ready {
    /// Read and hashed.
    Bytes(std::sync::Arc<Vec<u8>>, Vec<(Algorithm, String)>),
    /// Hashed (in-memory content).
    Digests(Vec<(Algorithm, String)>),
    /// Too large to hold: the writer reads and hashes it.
    Inline,
}

/// Bytes shared between a lane's reader and the writer.
struct Shared(std::sync::Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Hand-over between the workers and the archive writer, in entry order.
struct Prepared {
    state: Mutex<PreparedState>,
    changed: std::sync::Condvar,
    window: usize,
    total: usize,
}

struct PreparedState {
    ready: BTreeMap<usize, Result<Ready, Error>>,
    /// Entries given to workers.
    claimed: usize,
    /// Entries the writer has taken.
    taken: usize,
    done: bool,
}

impl Prepared {
    fn new(total: usize, window: usize) -> Prepared {
        Prepared {
            state: Mutex::new(PreparedState {
                ready: BTreeMap::new(),
                claimed: 0,
                taken: 0,
                done: false,
            }),
            changed: std::sync::Condvar::new(),
            window,
            total,
        }
    }

    /// The next entry for a worker with lanes in flight, if it is within the window of
    /// the writer; never waits (the worker has lanes to get on with).
    fn claim(&self) -> Option<usize> {
        let mut st = self.state.lock().expect("no panic holds this lock");
        if st.done || st.claimed >= self.total || st.claimed >= st.taken + self.window {
            return None;
        }
        st.claimed += 1;
        Some(st.claimed - 1)
    }

    /// Up to `n` entries for a worker with nothing in flight, all at once: it waits
    /// until there is room in the window for `n` (or for all that are left), so that its
    /// four lanes start full. A worker that took one entry at a time as room appeared
    /// would mostly hash one file in four lanes (the writer, compressing, is the slower),
    /// which costs four times the work of one: measured 15% slower zip creation of
    /// benches/bagit.py's workload C on 2 cores.
    fn claim_batch(&self, n: usize) -> Vec<usize> {
        let mut st = self.state.lock().expect("no panic holds this lock");
        loop {
            let want = n.min(self.total.saturating_sub(st.claimed));
            if st.done || want == 0 {
                return Vec::new();
            }
            if st.claimed + want <= st.taken + self.window {
                let first = st.claimed;
                st.claimed += want;
                return (first..first + want).collect();
            }
            st = self.changed.wait(st).expect("no panic holds this lock");
        }
    }

    fn put(&self, i: usize, r: Result<Ready, Error>) {
        self.state
            .lock()
            .expect("no panic holds this lock")
            .ready
            .insert(i, r);
        self.changed.notify_all();
    }

    fn take(&self, i: usize) -> Result<Ready, Error> {
        let mut st = self.state.lock().expect("no panic holds this lock");
        loop {
            if let Some(r) = st.ready.remove(&i) {
                st.taken = i + 1;
                self.changed.notify_all();
                return r;
            }
            st = self.changed.wait(st).expect("no panic holds this lock");
        }
    }

    /// Tells the workers to stop (the writer finished or failed).
    fn finish(&self) {
        self.state.lock().expect("no panic holds this lock").done = true;
        self.changed.notify_all();
    }
}

/// Calls `write` on every item in order with what a worker made ready for it, while
/// `threads` workers read and hash the following ones: each holds up to four files in
/// flight and hashes their SHA-512 in the four lanes of `fourway.rs`. Files up to PREREAD
/// bytes are read whole (the writer needs their bytes); larger ones are left to the
/// writer, so memory stays bounded (window x PREREAD) whatever the file sizes.
fn in_order(
    items: &[Item],
    algs: &[Algorithm],
    threads: usize,
    mut write: impl FnMut(&Item, Ready) -> Result<(), Error>,
) -> Result<(), Error> {
    let prepared = Prepared::new(items.len(), window(threads));
    std::thread::scope(|s| {
        for _ in 0..threads.max(1) {
            s.spawn(|| {
                // Blocks only when this worker has nothing in flight.
                loop {
                    let mut batch = prepared.claim_batch(4).into_iter();
                    if batch.len() == 0 {
                        break;
                    }
                    let next = || loop {
                        let i = batch.next().or_else(|| prepared.claim())?;
                        let item = &items[i];
                        let (job, reader): (_, Box<dyn Read>) = match &item.content {
                            Content::File(src) if item.size <= PREREAD => {
                                match std::fs::read(src) {
                                    Ok(bytes) => {
                                        let bytes = std::sync::Arc::new(bytes);
                                        let reader = io::Cursor::new(Shared(bytes.clone()));
                                        ((i, Some(bytes)), Box::new(reader))
                                    }
                                    Err(e) => {
                                        prepared.put(i, Err(io_err(src, e)));
                                        continue;
                                    }
                                }
                            }
                            Content::File(_) => {
                                prepared.put(i, Ok(Ready::Inline));
                                continue;
                            }
                            Content::Memory(b) => ((i, None), Box::new(b.as_slice())),
                        };
                        return Some(Stream {
                            job,
                            algorithms: algs.to_vec(),
                            reader,
                            sink: None,
                        });
                    };
                    hash_streams(next, |(i, bytes), res| {
                        let ready = match (res, bytes) {
                            (Ok((d, _)), Some(bytes)) => Ok(Ready::Bytes(bytes, d)),
                            (Ok((d, _)), None) => Ok(Ready::Digests(d)),
                            (Err(e), _) => Err(match &items[i].content {
                                Content::File(src) => io_err(src, e),
                                Content::Memory(_) => io_err(Path::new(&items[i].path), e),
                            }),
                        };
                        prepared.put(i, ready);
                    });
                }
            });
        }
        let out = (|| -> Result<(), Error> {
            for (i, item) in items.iter().enumerate() {
                if crate::cleanup::cancelled() {
                    return Err(Error::new(ErrorKind::Io, "interrupted"));
                }
                write(item, prepared.take(i)?)?;
            }
            Ok(())
        })();
        prepared.finish();
        out
    })
}

fn write_zip(
    tmp: &Path,
    bag: &str,
    items: &[Item],
    tags: &Tags,
    threads: usize,
) -> Result<(), Error> {
    let (bag_info, algs) = (tags.bag_info, tags.algs);
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;
    let file = File::create(tmp).map_err(|e| io_err(tmp, e))?;
    let mut z = zip::ZipWriter::new(io::BufWriter::with_capacity(1 << 20, file));
    let zerr = |e: zip::result::ZipError| {
        Error::new(ErrorKind::Io, format!("writing the zip: {e}"))
            .in_file(&tmp.display().to_string())
    };
    let opts_for = |name: &str, size: u64| {
        let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        let method = if COMPRESSED.contains(&ext.as_str()) {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        SimpleFileOptions::default()
            .compression_method(method)
            .large_file(size >= u32::MAX as u64)
            .unix_permissions(0o644)
    };
    // Entries in name order: bag-info.txt, bagit.txt, data/..., manifests, tag manifests.
    z.start_file(format!("{bag}/bag-info.txt"), opts_for("bag-info.txt", 0))
        .map_err(zerr)?;
    z.write_all(bag_info.as_bytes())
        .map_err(|e| io_err(tmp, e))?;
    z.start_file(format!("{bag}/bagit.txt"), opts_for("bagit.txt", 0))
        .map_err(zerr)?;
    z.write_all(BAGIT_TXT.as_bytes())
        .map_err(|e| io_err(tmp, e))?;
    let mut digests = BTreeMap::new();
    let written = in_order(items, algs, threads, |item, ready| {
        z.start_file(
            format!("{bag}/{}", item.path),
            opts_for(&item.path, item.size),
        )
        .map_err(zerr)?;
        let d = match (ready, &item.content) {
            (Ready::Bytes(bytes, d), _) => {
                z.write_all(&bytes).map_err(|e| io_err(tmp, e))?;
                d
            }
            (Ready::Digests(d), Content::Memory(b)) => {
                z.write_all(b).map_err(|e| io_err(tmp, e))?;
                d
            }
            (_, Content::File(src)) => {
                let mut h = MultiHasher::new(algs);
                let mut f = File::open(src).map_err(|e| io_err(src, e))?;
                h.consume(&mut f as &mut dyn Read, |chunk| z.write_all(chunk))
                    .map_err(|e| io_err(src, e))?;
                h.finish().0
            }
            (_, Content::Memory(b)) => {
                z.write_all(b).map_err(|e| io_err(tmp, e))?;
                hash_bytes(b, algs)
            }
        };
        digests.insert(item.path.clone(), d);
        Ok(())
    });
    written?;
    let mut tag_list = tag_files(&digests, tags);
    tag_list.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, bytes) in tag_list {
        if name == "bagit.txt" || name == "bag-info.txt" {
            continue;
        }
        z.start_file(format!("{bag}/{name}"), opts_for(&name, 0))
            .map_err(zerr)?;
        z.write_all(&bytes).map_err(|e| io_err(tmp, e))?;
    }
    let mut w = z.finish().map_err(zerr)?;
    w.flush().map_err(|e| io_err(tmp, e))?;
    Ok(())
}

/// Hashes what passes through it.
struct Hashing<R> {
    inner: R,
    hasher: MultiHasher,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if crate::cleanup::cancelled() {
            return Err(io::Error::other("interrupted"));
        }
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// A tar bag (gzip-compressed when `gz`), every entry under `<bag>/`, files streamed
/// from their sources and hashed as they are written, so memory does not grow with them.
fn write_tar(
    tmp: &Path,
    bag: &str,
    items: &[Item],
    tags: &Tags,
    gz: bool,
    threads: usize,
) -> Result<(), Error> {
    let terr = |e: io::Error| {
        Error::new(ErrorKind::Io, format!("writing the tar: {e}"))
            .in_file(&tmp.display().to_string())
    };
    let file = File::create(tmp).map_err(|e| io_err(tmp, e))?;
    let buffered = io::BufWriter::with_capacity(1 << 20, file);
    if gz {
        let enc = flate2::write::GzEncoder::new(buffered, flate2::Compression::default());
        let mut t = tar::Builder::new(enc);
        tar_entries(&mut t, bag, items, tags, threads)?;
        let mut w = t.into_inner().map_err(terr)?.finish().map_err(terr)?;
        w.flush().map_err(terr)
    } else {
        let mut t = tar::Builder::new(buffered);
        tar_entries(&mut t, bag, items, tags, threads)?;
        let mut w = t.into_inner().map_err(terr)?;
        w.flush().map_err(terr)
    }
}

fn tar_entries<W: Write>(
    t: &mut tar::Builder<W>,
    bag: &str,
    items: &[Item],
    tags: &Tags,
    threads: usize,
) -> Result<(), Error> {
    let terr = |e: io::Error| Error::new(ErrorKind::Io, format!("writing the tar: {e}"));
    let mtime = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let header = |size: u64| {
        let mut h = tar::Header::new_gnu();
        h.set_size(size);
        h.set_mode(0o644);
        h.set_mtime(mtime);
        h.set_entry_type(tar::EntryType::Regular);
        h
    };
    let put = |t: &mut tar::Builder<W>, name: &str, bytes: &[u8]| {
        t.append_data(
            &mut header(bytes.len() as u64),
            format!("{bag}/{name}"),
            bytes,
        )
        .map_err(terr)
    };
    put(t, "bagit.txt", BAGIT_TXT.as_bytes())?;
    put(t, "bag-info.txt", tags.bag_info.as_bytes())?;
    let mut digests = BTreeMap::new();
    in_order(items, tags.algs, threads, |item, ready| {
        let d = match (ready, &item.content) {
            (Ready::Bytes(bytes, d), _) => {
                put(t, &item.path, &bytes)?;
                d
            }
            (Ready::Digests(d), Content::Memory(b)) => {
                put(t, &item.path, b)?;
                d
            }
            (_, Content::Memory(b)) => {
                put(t, &item.path, b)?;
                hash_bytes(b, tags.algs)
            }
            (_, Content::File(src)) => {
                let f = File::open(src).map_err(|e| io_err(src, e))?;
                let mut r = Hashing {
                    inner: f.take(item.size),
                    hasher: MultiHasher::new(tags.algs),
                };
                t.append_data(
                    &mut header(item.size),
                    format!("{bag}/{}", item.path),
                    &mut r,
                )
                .map_err(|e| io_err(src, e))?;
                let (d, n) = r.hasher.finish();
                if n != item.size {
                    return Err(io_err(
                        src,
                        io::Error::other("the file changed size while it was bagged"),
                    ));
                }
                d
            }
        };
        digests.insert(item.path.clone(), d);
        Ok(())
    })?;
    for (name, bytes) in tag_files(&digests, tags) {
        if name == "bagit.txt" || name == "bag-info.txt" {
            continue;
        }
        put(t, &name, &bytes)?;
    }
    Ok(())
}
