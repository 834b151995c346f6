//! Temporary files and folders that must not outlive the process: every atomic write and
//! every bag under construction registers its temporary path here, and an interrupt
//! handler (installed by the binary) calls [`remove_all`] before the process exits.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

static TEMPS: Mutex<Vec<(u64, PathBuf)>> = Mutex::new(Vec::new());
static NEXT: AtomicU64 = AtomicU64::new(0);
static CANCELLED: AtomicBool = AtomicBool::new(false);

/// A registered temporary path; dropping it unregisters the path (it does not delete it:
/// the owner renames or removes it first).
#[derive(Debug)]
pub struct Temp {
    id: u64,
    path: PathBuf,
}

impl Temp {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if let Ok(mut v) = TEMPS.lock() {
            v.retain(|(id, _)| *id != self.id);
        }
    }
}

/// Registers a temporary file or folder to be removed on interrupt.
pub fn register(path: PathBuf) -> Temp {
    let id = NEXT.fetch_add(1, Ordering::Relaxed);
    if let Ok(mut v) = TEMPS.lock() {
        v.push((id, path.clone()));
    }
    Temp { id, path }
}

/// True once an interrupt has begun the clean-up: long work should stop.
pub fn cancelled() -> bool {
    CANCELLED.load(Ordering::Relaxed)
}

/// Removes every registered temporary path, for an interrupt handler that exits next.
/// Workers may still be writing into a folder being removed, so removal is retried
/// until each path is gone (for a bounded time). The registry stays locked, so no new
/// temporary path can be registered behind the clean-up.
pub fn remove_all() {
    CANCELLED.store(true, Ordering::SeqCst);
    let guard = match TEMPS.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    // Two passes: a worker that registered its path just before the interrupt may create
    // it just after the first.
    for pass in 0..2 {
        if pass == 1 {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        for (_, path) in guard.iter() {
            remove(path);
        }
    }
    // Held on purpose until the process exits.
    std::mem::forget(guard);
}

fn remove(path: &Path) {
    for _ in 0..200 {
        let gone = match std::fs::symlink_metadata(path) {
            Err(_) => true,
            Ok(m) if m.is_dir() => std::fs::remove_dir_all(path).is_ok(),
            Ok(_) => std::fs::remove_file(path).is_ok(),
        };
        if gone && std::fs::symlink_metadata(path).is_err() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}
