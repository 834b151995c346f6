//! A finding aid converted between the EAD versions one level at a time, written to a
//! stream as it goes.
//!
//! Reading a 20 MB finding aid whole and writing it whole held the model and the written
//! tree of every component at once, over thirty times the file's size. Here the parsed
//! input stays (its tree is a small multiple of the file), but each level is read into
//! the model, written, printed and dropped before the next: the top record (header,
//! `archdesc`) with its components as holes ([`crate::xml::El::hole`]), then each
//! component in document order, its own components again as holes. The reader and the
//! writer are the ones [`super::read`] and [`super::write`] use for a whole record, and
//! the output and the ledger are the same (tests/ead_stream.rs).
//!
//! One thing needs the whole finding aid: a reference (`@target`, `@parent`) to an id
//! that the written finding aid does not hold, which the writer drops with a ledger
//! entry. The written ids and references are gathered on the way; when one dangles,
//! [`convert`] says so and the caller converts the finding aid whole instead.

use std::collections::HashSet;
use std::io::{self, Write};

use super::read::{self, Source};
use super::restore::{collect_ids, collect_references};
use super::write::{self, Version, W};
use crate::error::{Error, ErrorKind, Result};
use crate::ledger::{Ledger, Loss};
use crate::xml::{forget_paths, holes, index_lines, parse, path_of, El, Node};

/// How a streamed conversion ended.
pub enum Streamed {
    /// Written whole: the ledger of what changed, and the record's name
    /// ([`crate::pipeline::record_name`]).
    Done(Ledger, Option<String>),
    /// A reference names an id the output lacks: convert the finding aid whole (what was
    /// written to the sink is to be thrown away).
    NeedsWhole,
}

/// Converts the EAD finding aid `text` into version `v`, writing it to `out`.
pub fn convert(text: &str, v: Version, out: &mut dyn Write) -> Result<Streamed> {
    let doc = parse(text)?;
    let _lines = index_lines(&doc);
    let root = doc.root_element();
    let src = read::source(root, true)?;
    let top = read::top(&src, root)?;
    let mut s = Stream {
        src,
        w: W::streaming(v),
        ids: HashSet::new(),
        refs: HashSet::new(),
        restored: Vec::new(),
        out,
    };
    let (ead, restored) = write::document(&top, &mut s.w);
    s.restored = restored;
    let name = crate::pipeline::record_name(&top);
    drop(top);
    s.account(&ead);
    let mut printed = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    ead.write_at(&mut printed, 0, true);
    printed.push('\n');
    drop(ead);
    let kids = read::archdesc(root).map_or_else(Vec::new, |a| read::child_levels(a, true));
    s.emit(&printed, &kids, "").map_err(write_error)?;
    if !s.refs.iter().all(|r| s.ids.contains(&hash(r))) {
        return Ok(Streamed::NeedsWhole);
    }
    let mut ledger = s.w.take_ledger();
    ledger.losses.append(&mut s.restored);
    Ok(Streamed::Done(ledger, name))
}

fn hash(s: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(s)
}

fn write_error(e: io::Error) -> Error {
    Error::new(
        ErrorKind::Io,
        crate::pipeline::io_message("writing the output", &e),
    )
}

struct Stream<'o> {
    src: Source,
    w: W,
    /// Every id written (hashed: a finding aid has an id on each of tens of thousands of
    /// components), and every reference the writer would check.
    ids: HashSet<u64>,
    refs: HashSet<String>,
    /// What restoring the fragments ledgered, level after level: after the writer's own
    /// entries, as when the finding aid is written whole.
    restored: Vec<Loss>,
    out: &'o mut dyn Write,
}

impl Stream<'_> {
    fn account(&mut self, el: &El) {
        let mut ids = HashSet::new();
        collect_ids(el, &mut ids);
        self.ids.extend(ids.iter().map(|i| hash(i)));
        collect_references(el, &mut self.refs);
    }

    /// Writes a printed level, filling each hole with the component `kids[index]`
    /// (recursively), whose ledger fields start with `field`.
    fn emit(&mut self, printed: &str, kids: &[Node], field: &str) -> io::Result<()> {
        let (found, last) = holes(printed);
        for h in found {
            self.out.write_all(h.before.as_bytes())?;
            let Some(&n) = kids.get(h.index) else {
                continue;
            };
            let c = read::component(&self.src, n);
            let f = format!("{field}children[{}].", h.index);
            let (el, mut restored) = write::component(&c, &path_of(n), f.clone(), &mut self.w);
            self.restored.append(&mut restored);
            drop(c);
            // The paths named for this component are not asked for again.
            forget_paths();
            self.account(&el);
            let mut text = String::new();
            el.write_at(&mut text, h.depth, h.pretty);
            drop(el);
            self.emit(&text, &read::child_levels(n, false), &f)?;
        }
        self.out.write_all(last.as_bytes())
    }
}
