//! Verifying a bag: structure, completeness and fixity (RFC 8493 §3), reporting every
//! problem found rather than the first.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::fourway::{hash_streams, Stream};
use super::hash::{Algorithm, MultiHasher};
use super::source::{self, Entry};
use super::tags::{decode, is_junk, lines, metadata, normalise_manifest_path, unsafe_path};

/// One problem that makes the bag invalid.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Problem {
    /// What kind: `missing`, `extra`, `checksum`, `bad-line`, `unsafe-path`, `bagit.txt`,
    /// `oxum`, `manifest`, `container`, `tag-file`.
    pub kind: &'static str,
    /// The file the problem is about (a bag path, or a tag file and line).
    pub path: String,
    pub message: String,
}

/// The outcome of verifying one bag.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub bag: String,
    pub version: Option<String>,
    pub valid: bool,
    /// Payload files and bytes found.
    pub files: usize,
    pub bytes: u64,
    pub algorithms: Vec<String>,
    pub problems: Vec<Problem>,
    pub warnings: Vec<String>,
    /// True when only Payload-Oxum was checked (`--fast`).
    pub fast: bool,
}

struct Manifest {
    file: String,
    alg: Algorithm,
    /// Path as listed (normalised) → digest, in order.
    entries: Vec<(String, String)>,
}

/// The digests of one file, or why it could not be read.
type Digests = Result<Vec<(Algorithm, String)>, String>;

/// Verifies the bag at `path` (folder, `.zip`, `.tar`, `.tar.gz`). `Err` means it could
/// not be read at all.
pub fn verify(path: &Path, fast: bool, threads: usize) -> std::io::Result<Report> {
    let opened = source::open(path)?;
    // Fixity starts at once, in the background, on every payload file found with every
    // payload manifest's algorithm, while this thread reads the tag files and checks
    // completeness: in a 20,000-file bag those checks took a quarter of the time when
    // they ran first. The few files this cannot cover (tag files, names found only under
    // another normalisation) are hashed afterwards.
    let payload_algs: Vec<Algorithm> = opened
        .entries
        .iter()
        .filter_map(|e| e.path.strip_prefix("manifest-")?.strip_suffix(".txt"))
        .filter_map(Algorithm::from_name)
        .collect();
    let payload_files: Vec<String> = opened
        .entries
        .iter()
        .filter(|e| e.path.starts_with("data/"))
        .map(|e| e.path.clone())
        .collect();
    let stop = AtomicBool::new(false);
    let early = Hashed::default();
    std::thread::scope(|s| {
        // A tar is one stream: it is read once, at the end, for everything.
        let seekable = !matches!(opened.source, source::Source::Tar { .. });
        let background = (!fast && seekable && !payload_algs.is_empty()).then(|| {
            s.spawn(|| {
                hash_files(
                    &opened.source,
                    &payload_files,
                    &|_| payload_algs.clone(),
                    threads,
                    &early,
                    &stop,
                )
            })
        });
        let r = check(path, &opened, fast, threads, background, &early);
        // An early verdict (no bagit.txt, say) leaves nothing for the hashing to do.
        stop.store(true, Ordering::Relaxed);
        r
    })
}

/// Digests by bag path, filled by the hashing threads.
type Hashed = Mutex<HashMap<String, Digests>>;

/// Hashes `files` with the algorithms `algs_of` gives each, into `into`; stops early
/// when `stop` is set. `Err` when the container itself could not be read.
fn hash_files(
    src: &source::Source,
    files: &[String],
    algs_of: &(dyn Fn(&str) -> Vec<Algorithm> + Sync),
    threads: usize,
    into: &Hashed,
    stop: &AtomicBool,
) -> Result<(), String> {
    // A folder: each thread hashes its files four at a time (`fourway.rs`).
    if let Some(root) = src.dir() {
        let next = std::sync::atomic::AtomicUsize::new(0);
        let record = |rel: &str, res: Digests| {
            into.lock()
                .expect("no panic while hashing")
                .insert(rel.to_string(), res);
        };
        std::thread::scope(|s| {
            for _ in 0..threads.max(1) {
                s.spawn(|| {
                    let files = || loop {
                        if stop.load(Ordering::Relaxed) {
                            return None;
                        }
                        let rel = files.get(next.fetch_add(1, Ordering::Relaxed))?;
                        match std::fs::File::open(root.join(rel)) {
                            Ok(f) => {
                                return Some(Stream {
                                    job: rel.as_str(),
                                    algorithms: algs_of(rel),
                                    reader: Box::new(f),
                                    sink: None,
                                })
                            }
                            Err(e) => record(rel, Err(e.to_string())),
                        }
                    };
                    hash_streams(files, |rel, res| {
                        record(rel, res.map(|d| d.0).map_err(|e| e.to_string()))
                    });
                });
            }
        });
        return Ok(());
    }
    // A zip: each thread reads its central directory once and hashes four entries at a
    // time, each read through its own handle on the file.
    if let Some((zip_path, prefix)) = src.zip() {
        let next = std::sync::atomic::AtomicUsize::new(0);
        let failed: Mutex<Option<String>> = Mutex::new(None);
        let record = |rel: &str, res: Digests| {
            into.lock()
                .expect("no panic while hashing")
                .insert(rel.to_string(), res);
        };
        std::thread::scope(|s| {
            for _ in 0..threads.max(1) {
                s.spawn(|| {
                    let mut zip = match source::zip_archive(zip_path) {
                        Ok(z) => z,
                        Err(e) => {
                            *failed.lock().expect("no panic while hashing") = Some(e.to_string());
                            return;
                        }
                    };
                    let files = || loop {
                        if stop.load(Ordering::Relaxed) {
                            return None;
                        }
                        let rel = files.get(next.fetch_add(1, Ordering::Relaxed))?;
                        match source::zip_entry(&mut zip, zip_path, &format!("{prefix}{rel}")) {
                            Ok(reader) => {
                                return Some(Stream {
                                    job: rel.as_str(),
                                    algorithms: algs_of(rel),
                                    reader,
                                    sink: None,
                                })
                            }
                            Err(e) => record(rel, Err(e.to_string())),
                        }
                    };
                    hash_streams(files, |rel, res| {
                        record(rel, res.map(|d| d.0).map_err(|e| e.to_string()))
                    });
                });
            }
        });
        return match failed.into_inner().expect("no panic while hashing") {
            Some(e) => Err(e),
            None => Ok(()),
        };
    }
    let job = |rel: &str, reader: &mut dyn Read| {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let mut h = MultiHasher::new(&algs_of(rel));
        let res = h
            .consume(reader, |_| Ok(()))
            .map(|_| h.finish().0)
            .map_err(|e| e.to_string());
        into.lock()
            .expect("no panic while hashing")
            .insert(rel.to_string(), res);
    };
    src.each_file(files, threads, &job)
        .map_err(|e| e.to_string())
}

fn check(
    path: &Path,
    opened: &source::Opened,
    fast: bool,
    threads: usize,
    background: Option<std::thread::ScopedJoinHandle<'_, Result<(), String>>>,
    early: &Hashed,
) -> std::io::Result<Report> {
    let mut r = Report {
        bag: path.display().to_string(),
        version: None,
        valid: false,
        files: 0,
        bytes: 0,
        algorithms: Vec::new(),
        problems: Vec::new(),
        warnings: Vec::new(),
        fast,
    };
    let problem = |r: &mut Report, kind: &'static str, path: &str, message: String| {
        r.problems.push(Problem {
            kind,
            path: path.to_string(),
            message,
        })
    };
    for p in &opened.problems {
        problem(&mut r, "container", &p.path, p.message.clone());
    }
    let src = &opened.source;
    let entries: BTreeMap<&str, &Entry> = opened
        .entries
        .iter()
        .map(|e| (e.path.as_str(), e))
        .collect();

    // bagit.txt: the bag declaration, read strictly.
    let encoding = match src.read("bagit.txt") {
        Err(_) => {
            problem(
                &mut r,
                "bagit.txt",
                "bagit.txt",
                "missing: every bag starts with bagit.txt".into(),
            );
            finish(&mut r);
            return Ok(r);
        }
        Ok(bytes) => declaration(&bytes, &mut r),
    };
    let version = r.version.clone().unwrap_or_default();
    let v1 = version.starts_with("1.");

    let read_tag = |name: &str| -> Option<Result<String, String>> {
        src.read(name).ok().map(|b| decode(&b, &encoding))
    };

    // Manifests and tag manifests.
    let mut manifests = Vec::new();
    let mut tag_manifests = Vec::new();
    for e in entries.keys().filter(|p| !p.contains('/')) {
        let (is_tag, alg) = if let Some(a) = e
            .strip_prefix("tagmanifest-")
            .and_then(|s| s.strip_suffix(".txt"))
        {
            (true, a)
        } else if let Some(a) = e
            .strip_prefix("manifest-")
            .and_then(|s| s.strip_suffix(".txt"))
        {
            (false, a)
        } else {
            continue;
        };
        let Some(alg) = Algorithm::from_name(alg) else {
            r.warnings.push(format!(
                "{e}: algorithm '{alg}' is not supported; its checksums were not checked"
            ));
            continue;
        };
        let text = match read_tag(e) {
            Some(Ok(t)) => t,
            Some(Err(why)) => {
                problem(
                    &mut r,
                    "tag-file",
                    e,
                    format!("cannot be decoded as {encoding}: {why}"),
                );
                continue;
            }
            None => continue,
        };
        let m = parse_manifest(e, alg, &text, is_tag, v1, &mut r);
        if is_tag {
            tag_manifests.push(m)
        } else {
            manifests.push(m)
        }
    }
    if manifests.is_empty() {
        problem(&mut r, "manifest", "manifest-<algorithm>.txt", "no payload manifest with a supported algorithm (md5, sha1, sha224, sha256, sha384, sha512)".into());
    }
    r.algorithms = manifests.iter().map(|m| m.alg.name().to_string()).collect();

    // What is on disk.
    let payload: Vec<&Entry> = opened
        .entries
        .iter()
        .filter(|e| e.path.starts_with("data/"))
        .collect();
    if !entries.keys().any(|p| p.starts_with("data/")) && !entries.contains_key("data") {
        problem(
            &mut r,
            "missing",
            "data/",
            "the payload folder data/ is missing".into(),
        );
    }
    r.files = payload.len();
    r.bytes = payload.iter().map(|e| e.size).sum();
    let on_disk: BTreeSet<&str> = payload.iter().map(|e| e.path.as_str()).collect();
    // Built only when a listed path is not found as it is spelt.
    let nfc: std::cell::OnceCell<HashMap<String, &str>> = std::cell::OnceCell::new();
    let folded: std::cell::OnceCell<HashMap<String, &str>> = std::cell::OnceCell::new();
    // A listed path found only under another Unicode normalisation, or another case, is a
    // warning: that is how the bag reads on macOS and Windows file systems.
    let resolve = |listed: &str, r: &mut Report| -> Option<&str> {
        if let Some(found) = on_disk.get(listed) {
            return Some(found);
        }
        let n: String = listed.nfc().collect();
        let nfc = nfc.get_or_init(|| {
            on_disk
                .iter()
                .map(|p| (p.nfc().collect::<String>(), *p))
                .collect()
        });
        if let Some(found) = nfc.get(&n) {
            r.warnings.push(format!("{listed}: listed under another Unicode normalisation than the file's name ({found})"));
            return Some(*found);
        }
        let folded = folded.get_or_init(|| {
            on_disk
                .iter()
                .map(|p| (p.nfc().collect::<String>().to_lowercase(), *p))
                .collect()
        });
        folded.get(&n.to_lowercase()).map(|found| {
            r.warnings.push(format!("{listed}: no file of that exact name; {found} differs only by case (one file on case-insensitive systems)"));
            *found
        })
    };
    let mut missing_junk = 0usize;
    let mut seen_case: HashMap<std::borrow::Cow<str>, &str> = HashMap::new();
    for p in &on_disk {
        let name = p.rsplit('/').next().unwrap_or(p);
        if is_junk(p) {
            r.warnings
                .push(format!("{p}: a system file ({name}) in the payload"));
        }
        // Most names are lowercase ASCII already: only the others need a folded copy.
        let folded = if p.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            std::borrow::Cow::Borrowed(*p)
        } else {
            std::borrow::Cow::Owned(p.to_lowercase())
        };
        if let Some(other) = seen_case.insert(folded, p) {
            r.warnings.push(format!(
                "{p} and {other} differ only by case: they collide on Windows and macOS"
            ));
        }
        if p.chars().any(|c| c.is_control()) {
            problem(
                &mut r,
                "unsafe-path",
                p,
                "file name contains a control character".into(),
            );
        }
    }

    // bag-info.txt (package-info.txt before 0.96) and Payload-Oxum.
    let info_name = if entries.contains_key("bag-info.txt") {
        "bag-info.txt"
    } else {
        "package-info.txt"
    };
    let mut oxum = None;
    if let Some(res) = read_tag(info_name) {
        match res {
            Err(why) => problem(
                &mut r,
                "tag-file",
                info_name,
                format!("cannot be decoded as {encoding}: {why}"),
            ),
            Ok(text) => {
                let (pairs, bad) = metadata(&text);
                for (line, l) in bad {
                    problem(
                        &mut r,
                        "bad-line",
                        &format!("{info_name}:{line}"),
                        format!("expected 'Label: value', found {l:?}"),
                    );
                }
                oxum = pairs
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case("Payload-Oxum"))
                    .map(|(_, v)| v.clone());
            }
        }
    }
    // fetch.txt: never fetched; its paths must still be safe.
    let mut fetch_listed = BTreeSet::new();
    if let Some(Ok(text)) = read_tag("fetch.txt") {
        for (i, line) in lines(&text).into_iter().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let parts: Vec<&str> = line.splitn(3, [' ', '\t']).collect();
            let at = format!("fetch.txt:{}", i + 1);
            match parts.as_slice() {
                [url, len, p] if *len == "-" || len.bytes().all(|b| b.is_ascii_digit()) => {
                    let p = p.trim();
                    if let Some(why) = unsafe_path(p) {
                        problem(&mut r, "unsafe-path", &at, format!("{p:?} {why}"));
                    } else if !p.starts_with("data/") {
                        problem(&mut r, "unsafe-path", &at, format!("{p:?} is not in data/"));
                    }
                    if url.starts_with("file:") {
                        problem(
                            &mut r,
                            "unsafe-path",
                            &at,
                            format!("{url:?} is a local file URL"),
                        );
                    }
                    fetch_listed.insert(p.to_string());
                }
                _ => problem(
                    &mut r,
                    "bad-line",
                    &at,
                    format!("expected 'URL LENGTH PATH', found {line:?}"),
                ),
            }
        }
    }

    // Completeness: every manifest lists every payload file, and every listed file exists.
    // Borrowed from the listing and the manifests: a large bag has tens of thousands.
    let mut wanted: BTreeMap<&str, BTreeSet<Algorithm>> = BTreeMap::new();
    let mut expected: Vec<(&str, Algorithm, &str, &str)> = Vec::new();
    for m in &manifests {
        let mut listed: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for (p, digest) in &m.entries {
            match resolve(p, &mut r) {
                Some(found) => {
                    listed.insert(found);
                    wanted.entry(found).or_default().insert(m.alg);
                    expected.push((found, m.alg, digest, &m.file));
                }
                None if fetch_listed.contains(p) => problem(
                    &mut r,
                    "missing",
                    p,
                    format!(
                        "listed in {} and fetch.txt but not in the bag (crosswalk never fetches)",
                        m.file
                    ),
                ),
                // System files are often dropped by copying tools; their absence is a warning.
                None if is_junk(p) => {
                    r.warnings.push(format!(
                        "{p}: a system file listed in {} is not in the bag",
                        m.file
                    ));
                    missing_junk += 1;
                }
                None => problem(
                    &mut r,
                    "missing",
                    p,
                    format!("listed in {} but not in the bag", m.file),
                ),
            }
        }
        for p in &on_disk {
            if !listed.contains(*p) {
                problem(
                    &mut r,
                    "extra",
                    p,
                    format!("in the payload but not listed in {}", m.file),
                );
            }
        }
    }
    for m in &tag_manifests {
        for (p, digest) in &m.entries {
            if entries.contains_key(p.as_str()) {
                wanted.entry(p).or_default().insert(m.alg);
                expected.push((p, m.alg, digest, &m.file));
            } else {
                problem(
                    &mut r,
                    "missing",
                    p,
                    format!("listed in {} but not in the bag", m.file),
                );
            }
        }
    }
    // Payload-Oxum, allowing for listed system files that are absent (warned above).
    if let Some(ox) = &oxum {
        let missing_junk = missing_junk / manifests.len().max(1);
        match ox.split_once('.').and_then(|(b, n)| {
            Some((
                b.trim().parse::<u64>().ok()?,
                n.trim().parse::<usize>().ok()?,
            ))
        }) {
            Some((bytes, count))
                if bytes == r.bytes && (count == r.files || count == r.files + missing_junk) => {}
            Some((bytes, count)) => {
                let msg = format!("Payload-Oxum says {bytes} bytes in {count} files; the payload has {} bytes in {} files", r.bytes, r.files);
                problem(&mut r, "oxum", info_name, msg)
            }
            None => problem(
                &mut r,
                "bad-line",
                info_name,
                format!("Payload-Oxum {ox:?} is not BYTES.COUNT"),
            ),
        }
    }
    if tag_manifests.len() > 1 {
        let sets: Vec<BTreeSet<&String>> = tag_manifests
            .iter()
            .map(|m| m.entries.iter().map(|(p, _)| p).collect())
            .collect();
        for (m, set) in tag_manifests.iter().zip(&sets).skip(1) {
            if *set != sets[0] {
                problem(
                    &mut r,
                    "manifest",
                    &m.file,
                    format!("lists other tag files than {}", tag_manifests[0].file),
                );
            }
        }
    }

    // Fixity: each file read once, every algorithm at once.
    if !fast {
        let mut failures = Vec::new();
        if let Some(h) = background {
            match h.join() {
                Ok(Err(e)) => failures.push(e),
                Ok(Ok(())) => {}
                Err(_) => failures.push("a hashing thread failed".to_string()),
            }
        }
        let mut digests = std::mem::take(&mut *early.lock().expect("no panic while hashing"));
        let algs_of = |rel: &str| -> Vec<Algorithm> {
            wanted
                .get(rel)
                .map(|s| s.iter().copied().collect())
                .unwrap_or_default()
        };
        // What the background pass did not cover: tag files, and any file a manifest
        // wants with an algorithm the early pass did not compute.
        let covered = |rel: &str| match digests.get(rel) {
            Some(Ok(got)) => algs_of(rel).iter().all(|a| got.iter().any(|(g, _)| g == a)),
            Some(Err(_)) => true,
            None => false,
        };
        let rest: Vec<String> = wanted
            .keys()
            .filter(|p| !covered(p))
            .map(|p| p.to_string())
            .collect();
        if !rest.is_empty() {
            let late = Hashed::default();
            let never = AtomicBool::new(false);
            if let Err(e) = hash_files(src, &rest, &algs_of, threads, &late, &never) {
                failures.push(e);
            }
            digests.extend(late.into_inner().expect("no panic while hashing"));
        }
        for e in failures {
            problem(
                &mut r,
                "container",
                "",
                format!("reading the bag failed: {e}"),
            );
        }
        for (p, alg, want, manifest) in &expected {
            match digests.get(*p) {
                Some(Ok(got)) => {
                    let actual = got
                        .iter()
                        .find(|(a, _)| a == alg)
                        .map(|(_, d)| d.as_str())
                        .unwrap_or("");
                    if !actual.eq_ignore_ascii_case(want) {
                        problem(
                            &mut r,
                            "checksum",
                            p,
                            format!(
                                "{} mismatch ({manifest}): expected {want}, actual {actual}",
                                alg.name()
                            ),
                        );
                    }
                }
                Some(Err(e)) => problem(&mut r, "container", p, format!("could not be read: {e}")),
                None => problem(&mut r, "container", p, "could not be read".into()),
            }
        }
    }
    finish(&mut r);
    Ok(r)
}

fn finish(r: &mut Report) {
    r.problems.dedup();
    r.valid = r.problems.is_empty();
}

/// Parses `bagit.txt` strictly and returns the tag file encoding.
fn declaration(bytes: &[u8], r: &mut Report) -> String {
    let mut bad = |msg: String| {
        r.problems.push(Problem {
            kind: "bagit.txt",
            path: "bagit.txt".into(),
            message: msg,
        })
    };
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bad("starts with a byte order mark: bagit.txt must be plain UTF-8".into());
    }
    let text = String::from_utf8_lossy(bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes))
        .into_owned();
    let ls: Vec<&str> = lines(&text).into_iter().filter(|l| !l.is_empty()).collect();
    let mut version = None;
    let mut encoding = None;
    for l in &ls {
        if let Some(v) = l.strip_prefix("BagIt-Version: ") {
            version = Some(v.trim().to_string());
        } else if let Some(e) = l.strip_prefix("Tag-File-Character-Encoding: ") {
            encoding = Some(e.trim().to_string());
        } else {
            bad(format!("unexpected line {l:?}: expected 'BagIt-Version: M.N' and 'Tag-File-Character-Encoding: ENCODING'"));
        }
    }
    match &version {
        None => bad("no 'BagIt-Version: M.N' line".into()),
        Some(v) => {
            let ok = v.split_once('.').is_some_and(|(a, b)| {
                !a.is_empty()
                    && !b.is_empty()
                    && a.bytes().all(|c| c.is_ascii_digit())
                    && b.bytes().all(|c| c.is_ascii_digit())
            });
            if !ok {
                bad(format!("BagIt-Version {v:?} is not of the form M.N"));
            }
        }
    }
    if encoding.is_none() {
        bad("no 'Tag-File-Character-Encoding' line".into());
    }
    r.version = version;
    encoding.unwrap_or_else(|| "UTF-8".into())
}

fn parse_manifest(
    file: &str,
    alg: Algorithm,
    text: &str,
    is_tag: bool,
    v1: bool,
    r: &mut Report,
) -> Manifest {
    let mut entries: Vec<(String, String)> = Vec::new();
    // Path → position in `entries`.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut warned_form = false;
    for (i, line) in lines(text).into_iter().enumerate() {
        let at = || format!("{file}:{}", i + 1);
        if line.trim().is_empty() {
            continue;
        }
        let Some((digest, rest)) = line.split_once([' ', '\t']) else {
            r.problems.push(Problem {
                kind: "bad-line",
                path: at(),
                message: format!("expected 'CHECKSUM PATH', found {line:?}"),
            });
            continue;
        };
        let raw_path = rest.trim_start_matches([' ', '\t']);
        if raw_path.is_empty() {
            r.problems.push(Problem {
                kind: "bad-line",
                path: at(),
                message: format!(
                    "expected a {} checksum and a path, found {line:?}",
                    alg.name()
                ),
            });
            continue;
        }
        // A malformed checksum is reported, and the file is still checked against it, so
        // the report also names the file and its actual checksum.
        if !alg.is_digest(digest) {
            r.problems.push(Problem {
                kind: "bad-line",
                path: at(),
                message: format!("{digest:?} is not a {} checksum", alg.name()),
            });
        }
        if let Some(why) = unsafe_path(raw_path.trim_start_matches('*')) {
            r.problems.push(Problem {
                kind: "unsafe-path",
                path: at(),
                message: format!("{raw_path:?} {why}"),
            });
            continue;
        }
        let (path, changed) = normalise_manifest_path(raw_path);
        if changed && !warned_form {
            r.warnings.push(format!("{file}: paths written as './path' or '*path' (md5sum style) were read as plain paths"));
            warned_form = true;
        }
        if is_tag && path.starts_with("data/") {
            r.problems.push(Problem {
                kind: "manifest",
                path: at(),
                message: format!("{path:?}: a tag manifest lists only tag files"),
            });
            continue;
        }
        if !is_tag && !path.starts_with("data/") {
            r.problems.push(Problem {
                kind: "manifest",
                path: at(),
                message: format!("{path:?} is not in data/"),
            });
            continue;
        }
        let digest = digest.to_ascii_lowercase();
        match index.get(&path).map(|&at| &entries[at].1) {
            Some(prev) if *prev != digest => r.problems.push(Problem {
                kind: "manifest",
                path: at(),
                message: format!("{path:?} is listed twice with different checksums"),
            }),
            Some(_) if v1 => r.problems.push(Problem {
                kind: "manifest",
                path: at(),
                message: format!("{path:?} is listed twice"),
            }),
            Some(_) => r.warnings.push(format!("{file}: {path:?} is listed twice")),
            None => {
                index.insert(path.clone(), entries.len());
                entries.push((path, digest));
            }
        }
    }
    Manifest {
        file: file.to_string(),
        alg,
        entries,
    }
}
