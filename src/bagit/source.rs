//! Where a bag's files are read from: a folder, a zip file, or a tar (optionally gzip)
//! file, all read in place. Archives are never extracted to disk.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// A file of the bag, by its path relative to the bag's top folder (`/`-separated).
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: String,
    pub size: u64,
}

/// A problem with the container itself (an entry that escapes, a link, a bomb).
#[derive(Debug, Clone)]
pub struct ContainerProblem {
    pub path: String,
    pub message: String,
}

/// Largest tag file read into memory.
const MAX_TAG_FILE: u64 = 64 << 20;
/// An archive entry that claims more than this ratio of uncompressed to compressed size,
/// past 1 GiB, is refused as a likely zip bomb.
const MAX_RATIO: u64 = 1000;

pub enum Source {
    Dir(PathBuf),
    Zip {
        path: PathBuf,
        prefix: String,
    },
    Tar {
        path: PathBuf,
        gz: bool,
        prefix: String,
        tags: Vec<(String, Vec<u8>)>,
    },
}

pub struct Opened {
    pub source: Source,
    pub entries: Vec<Entry>,
    pub problems: Vec<ContainerProblem>,
}

/// Why an archive entry name must not be used.
fn bad_entry_name(name: &str) -> Option<&'static str> {
    super::tags::unsafe_path(name.trim_end_matches('/'))
}

/// Opens a bag: a folder, `.zip`, `.tar`, `.tar.gz` or `.tgz`.
pub fn open(path: &Path) -> io::Result<Opened> {
    let name = path.to_string_lossy().to_ascii_lowercase();
    // Says "not found" for what is not there (a link to nothing included).
    std::fs::metadata(path)?;
    if path.is_dir() {
        let mut entries = Vec::new();
        let mut problems = Vec::new();
        walk(path, path, &mut entries, &mut problems)?;
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        return Ok(Opened {
            source: Source::Dir(path.to_path_buf()),
            entries,
            problems,
        });
    }
    if name.ends_with(".zip") {
        return open_zip(path);
    }
    if name.ends_with(".tar") || name.ends_with(".tar.gz") || name.ends_with(".tgz") {
        return open_tar(path, !name.ends_with(".tar"));
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        "not a folder, .zip, .tar or .tar.gz",
    ))
}

fn walk(
    root: &Path,
    dir: &Path,
    entries: &mut Vec<Entry>,
    problems: &mut Vec<ContainerProblem>,
) -> io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let p = e.path();
        let rel = p
            .strip_prefix(root)
            .unwrap_or(&p)
            .to_string_lossy()
            .replace(std::path::MAIN_SEPARATOR, "/");
        // The type comes with the directory listing and the size from a stat relative to
        // the open folder: no path lookup per file (20,000-file bags spent a tenth of
        // `verify` in full-path stats). Neither follows a symbolic link.
        let kind = e.file_type()?;
        if kind.is_symlink() {
            problems.push(ContainerProblem {
                path: rel,
                message: "is a symbolic link: links are never followed".into(),
            });
        } else if kind.is_dir() {
            walk(root, &p, entries, problems)?;
        } else if kind.is_file() {
            entries.push(Entry {
                path: rel,
                size: e.metadata()?.len(),
            });
        }
    }
    Ok(())
}

/// The folder that holds `bagit.txt`: the archive's root or its one top-level folder.
fn find_prefix(names: &[String], problems: &mut Vec<ContainerProblem>) -> String {
    let tops: Vec<&String> = names
        .iter()
        .filter(|n| n.ends_with("bagit.txt") && n.matches('/').count() <= 1)
        .collect();
    if names.iter().any(|n| n == "bagit.txt") {
        return String::new();
    }
    match tops.as_slice() {
        [one] => one.trim_end_matches("bagit.txt").to_string(),
        [] => {
            if let Some(deep) = names.iter().find(|n| n.ends_with("/bagit.txt")) {
                problems.push(ContainerProblem {
                    path: deep.clone(),
                    message: "the bag is nested more than one folder deep in the archive: expected bagit.txt at its root or in its one top-level folder".into(),
                });
            }
            String::new()
        }
        _ => {
            problems.push(ContainerProblem {
                path: String::new(),
                message: "the archive holds more than one bag".into(),
            });
            tops[0].trim_end_matches("bagit.txt").to_string()
        }
    }
}

/// Why an archive entry is not read: a name that escapes the bag, or a link.
fn refuse_entry(name: &str, link: bool) -> Option<ContainerProblem> {
    let message = match (bad_entry_name(name), link) {
        (Some(why), _) => format!("archive entry refused: {why}"),
        (None, true) => "is a link: links are never followed".to_string(),
        (None, false) => return None,
    };
    Some(ContainerProblem {
        path: name.to_string(),
        message,
    })
}

fn open_zip(path: &Path) -> io::Result<Opened> {
    let mut zip = zip::ZipArchive::new(File::open(path)?).map_err(io::Error::other)?;
    let mut raw = Vec::new();
    let mut problems = Vec::new();
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(io::Error::other)?;
        let name = f.name().to_string();
        if f.is_dir() && bad_entry_name(&name).is_none() {
            continue;
        }
        if let Some(p) = refuse_entry(&name, f.is_symlink()) {
            problems.push(p);
            continue;
        }
        if f.size() > (1 << 30) && f.size() / f.compressed_size().max(1) > MAX_RATIO {
            problems.push(ContainerProblem {
                path: name,
                message: "refused: compression ratio of a zip bomb".into(),
            });
            continue;
        }
        raw.push((name, f.size()));
    }
    let names: Vec<String> = raw.iter().map(|(n, _)| n.clone()).collect();
    let prefix = find_prefix(&names, &mut problems);
    let entries = strip(raw, &prefix, &mut problems);
    Ok(Opened {
        source: Source::Zip {
            path: path.to_path_buf(),
            prefix,
        },
        entries,
        problems,
    })
}

fn strip(
    raw: Vec<(String, u64)>,
    prefix: &str,
    problems: &mut Vec<ContainerProblem>,
) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (name, size) in raw {
        match name.strip_prefix(prefix) {
            Some(rel) if !rel.is_empty() => entries.push(Entry {
                path: rel.to_string(),
                size,
            }),
            _ => problems.push(ContainerProblem {
                path: name,
                message: "lies outside the bag's folder in the archive".into(),
            }),
        }
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    entries
}

fn tar_reader(path: &Path, gz: bool) -> io::Result<tar::Archive<Box<dyn Read>>> {
    let f = io::BufReader::new(File::open(path)?);
    let r: Box<dyn Read> = if gz {
        Box::new(flate2::read::GzDecoder::new(f))
    } else {
        Box::new(f)
    };
    Ok(tar::Archive::new(r))
}

fn open_tar(path: &Path, gz: bool) -> io::Result<Opened> {
    let mut raw = Vec::new();
    let mut problems = Vec::new();
    let mut small: Vec<(String, Vec<u8>)> = Vec::new();
    let mut ar = tar_reader(path, gz)?;
    for e in ar.entries()? {
        let mut e = e?;
        let name = String::from_utf8_lossy(&e.path_bytes()).into_owned();
        let kind = e.header().entry_type();
        if let Some(p) = refuse_entry(&name, kind.is_symlink() || kind.is_hard_link()) {
            problems.push(p);
            continue;
        }
        if kind.is_dir()
            || kind.is_pax_global_extensions()
            || kind.is_pax_local_extensions()
            || kind.is_gnu_longname()
        {
            continue;
        }
        if !kind.is_file() {
            continue;
        }
        let size = e.size();
        // Tag files (outside data/) are kept from this first pass; payload is read later.
        let in_data = name.split('/').any(|s| s == "data");
        if !in_data && size <= MAX_TAG_FILE {
            let mut b = Vec::with_capacity(size as usize);
            e.read_to_end(&mut b)?;
            small.push((name.clone(), b));
        }
        raw.push((name, size));
    }
    let names: Vec<String> = raw.iter().map(|(n, _)| n.clone()).collect();
    let prefix = find_prefix(&names, &mut problems);
    let entries = strip(raw, &prefix, &mut problems);
    let tags = small
        .into_iter()
        .filter_map(|(n, b)| n.strip_prefix(prefix.as_str()).map(|r| (r.to_string(), b)))
        .collect();
    Ok(Opened {
        source: Source::Tar {
            path: path.to_path_buf(),
            gz,
            prefix,
            tags,
        },
        entries,
        problems,
    })
}

impl Source {
    /// A small file's bytes (a tag file).
    pub fn read(&self, rel: &str) -> io::Result<Vec<u8>> {
        match self {
            Source::Dir(root) => std::fs::read(root.join(rel)),
            Source::Zip { path, prefix } => {
                let mut zip = zip::ZipArchive::new(File::open(path)?).map_err(io::Error::other)?;
                let mut f = zip
                    .by_name(&format!("{prefix}{rel}"))
                    .map_err(io::Error::other)?;
                if f.size() > MAX_TAG_FILE {
                    return Err(io::Error::other("tag file larger than 64 MiB"));
                }
                let mut b = Vec::new();
                f.read_to_end(&mut b)?;
                Ok(b)
            }
            Source::Tar { tags, .. } => tags
                .iter()
                .find(|(n, _)| n == rel)
                .map(|(_, b)| b.clone())
                .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "not in the archive")),
        }
    }

    /// The zip file and the prefix of the bag's folder in it, when the bag is a zip.
    pub fn zip(&self) -> Option<(&Path, &str)> {
        match self {
            Source::Zip { path, prefix } => Some((path, prefix)),
            _ => None,
        }
    }

    /// The folder, when the bag is one.
    pub fn dir(&self) -> Option<&Path> {
        match self {
            Source::Dir(root) => Some(root),
            _ => None,
        }
    }

    /// Streams each wanted file through `f`, on `threads` threads where the container
    /// allows random access (a folder, a zip), else in archive order.
    pub fn each_file(
        &self,
        wanted: &[String],
        threads: usize,
        f: &(dyn Fn(&str, &mut dyn Read) + Sync),
    ) -> io::Result<()> {
        match self {
            Source::Dir(root) => parallel(wanted, threads, &|rel: &str| {
                let mut file = File::open(root.join(rel))?;
                f(rel, &mut file);
                Ok(())
            }),
            Source::Zip { path, prefix } => {
                let next = std::sync::atomic::AtomicUsize::new(0);
                let err: std::sync::Mutex<Option<io::Error>> = std::sync::Mutex::new(None);
                std::thread::scope(|s| {
                    for _ in 0..threads.max(1) {
                        s.spawn(|| {
                            let mut zip = match File::open(path)
                                .map_err(io::Error::other)
                                .and_then(|fh| zip::ZipArchive::new(fh).map_err(io::Error::other))
                            {
                                Ok(z) => z,
                                Err(e) => {
                                    *err.lock().unwrap() = Some(e);
                                    return;
                                }
                            };
                            loop {
                                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                                let Some(rel) = wanted.get(i) else { break };
                                match zip.by_name(&format!("{prefix}{rel}")) {
                                    Ok(mut file) => f(rel, &mut file),
                                    Err(e) => *err.lock().unwrap() = Some(io::Error::other(e)),
                                }
                            }
                        });
                    }
                });
                match err.into_inner().unwrap() {
                    Some(e) => Err(e),
                    None => Ok(()),
                }
            }
            Source::Tar {
                path, gz, prefix, ..
            } => {
                let set: std::collections::HashSet<&str> =
                    wanted.iter().map(String::as_str).collect();
                let mut ar = tar_reader(path, *gz)?;
                for e in ar.entries()? {
                    let mut e = e?;
                    let name = String::from_utf8_lossy(&e.path_bytes()).into_owned();
                    if let Some(rel) = name.strip_prefix(prefix.as_str()) {
                        if set.contains(rel) {
                            f(rel, &mut e);
                        }
                    }
                }
                Ok(())
            }
        }
    }
}

fn parallel(
    wanted: &[String],
    threads: usize,
    job: &(dyn Fn(&str) -> io::Result<()> + Sync),
) -> io::Result<()> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let err: std::sync::Mutex<Option<io::Error>> = std::sync::Mutex::new(None);
    std::thread::scope(|s| {
        for _ in 0..threads.max(1) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(rel) = wanted.get(i) else { break };
                if let Err(e) = job(rel) {
                    *err.lock().unwrap() = Some(io::Error::new(e.kind(), format!("{rel}: {e}")));
                }
            });
        }
    });
    match err.into_inner().unwrap() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// A zip bag's central directory, read once per thread that reads its entries.
pub fn zip_archive(path: &Path) -> io::Result<zip::ZipArchive<File>> {
    zip::ZipArchive::new(File::open(path)?).map_err(io::Error::other)
}

/// The content of the entry `name` of the zip at `path`, as a reader that owns its own
/// handle on the file: several entries of one archive can then be read side by side (the
/// four lanes of `fourway.rs`), which the zip crate's readers, each borrowing the archive,
/// do not allow. Stored and deflated entries (all a bag holds); the CRC-32 and the size
/// the central directory gives are checked at the end, and reading stops with an error as
/// soon as an entry inflates past its stated size.
pub fn zip_entry(
    zip: &mut zip::ZipArchive<File>,
    path: &Path,
    name: &str,
) -> io::Result<Box<dyn Read + Send>> {
    use std::io::{Seek, SeekFrom};
    let entry = zip.by_name(name).map_err(io::Error::other)?;
    if entry.encrypted() {
        return Err(io::Error::other("the entry is encrypted"));
    }
    let method = entry.compression();
    let (start, packed, size, crc) = (
        entry.data_start(),
        entry.compressed_size(),
        entry.size(),
        entry.crc32(),
    );
    drop(entry);
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(start))?;
    let raw = file.take(packed);
    let inner: Box<dyn Read + Send> = match method {
        zip::CompressionMethod::Stored => Box::new(raw),
        zip::CompressionMethod::Deflated => Box::new(flate2::read::DeflateDecoder::new(raw)),
        other => {
            return Err(io::Error::other(format!(
                "compression method {other} is not supported"
            )))
        }
    };
    Ok(Box::new(Checked {
        inner,
        crc: crc32fast::Hasher::new(),
        want_crc: crc,
        want_size: size,
        got: 0,
    }))
}

/// An entry's content, checked against its CRC-32 and size as it is read.
struct Checked {
    inner: Box<dyn Read + Send>,
    crc: crc32fast::Hasher,
    want_crc: u32,
    want_size: u64,
    got: u64,
}

impl Read for Checked {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.got += n as u64;
        if self.got > self.want_size {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "the entry holds more than the {} bytes its header states",
                    self.want_size
                ),
            ));
        }
        self.crc.update(&buf[..n]);
        if n == 0 && !buf.is_empty() {
            if self.got != self.want_size {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "the entry ends after {} of the {} bytes its header states",
                        self.got, self.want_size
                    ),
                ));
            }
            let crc = self.crc.clone().finalize();
            if crc != self.want_crc {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "CRC-32 mismatch: the zip says {:08x}, the entry's content gives {crc:08x}",
                        self.want_crc
                    ),
                ));
            }
        }
        Ok(n)
    }
}
