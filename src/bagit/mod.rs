//! BagIt (RFC 8493): create bags as folders or zip files, verify folders, zip and tar
//! files in place.
//!
//! Verification reads bags from version 0.93 to 1.0 and reports every problem with the
//! file it concerns. Paths that could reach outside a bag on any platform (`..`, absolute
//! paths, `~`, drive letters, UNC paths, backslashes) make a bag invalid everywhere;
//! links are never followed; archives are read without extracting anything.

mod create;
mod fourway;
mod hash;
mod sha512x4;
mod source;
mod tags;
mod verify;

pub use create::{create, Created, Options};
pub use hash::Algorithm;
pub use verify::{verify, Problem, Report};

/// Human-readable verification report.
pub fn text_report(r: &Report) -> String {
    let mut out = String::new();
    for p in &r.problems {
        // A problem about the tag file its kind names (`bagit.txt`) names it once.
        if p.path.is_empty() || p.path == p.kind {
            out.push_str(&format!("{}: {}: {}\n", r.bag, p.kind, p.message));
        } else {
            out.push_str(&format!(
                "{}: {}: {}: {}\n",
                r.bag, p.kind, p.path, p.message
            ));
        }
    }
    for w in &r.warnings {
        out.push_str(&format!("{}: warning: {w}\n", r.bag));
    }
    let checked = if r.fast {
        "Payload-Oxum only (--fast)"
    } else {
        "completeness and fixity"
    };
    out.push_str(&format!(
        "{} {}: BagIt {}, {} payload files, {} bytes, {} checked, {} problem(s), {} warning(s)\n",
        if r.valid { "valid" } else { "invalid" },
        r.bag,
        r.version.as_deref().unwrap_or("?"),
        r.files,
        r.bytes,
        checked,
        r.problems.len(),
        r.warnings.len()
    ));
    out
}
