//! The one walk of input folders, for `validate`, batch `convert` and `bag create`'s
//! conversions: every regular file below a folder, in sorted order. Symbolic links are
//! not followed, so a link cannot lead the walk in circles.

use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind};

/// Every regular file below `dir`, sorted by path.
pub fn files(dir: &Path) -> crate::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    walk(dir, &mut out)?;
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> crate::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| {
            Error::new(ErrorKind::Io, format!("cannot read directory: {e}"))
                .in_file(&dir.display().to_string())
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        let meta = std::fs::symlink_metadata(&p);
        if meta.as_ref().is_ok_and(|m| m.is_dir()) {
            walk(&p, out)?;
        } else if meta.as_ref().is_ok_and(|m| m.is_file()) {
            out.push(p);
        }
    }
    Ok(())
}
