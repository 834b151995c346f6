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
//! Components are independent of each other, so a large finding aid's are read and
//! written on every core, a bounded window ahead of the thread that prints them in order.
//!
//! One thing needs the whole finding aid: a reference (`@target`, `@parent`) to an id
//! that the written finding aid does not hold, which the writer drops with a ledger
//! entry. The written ids and references are gathered on the way; when one dangles,
//! [`convert`] says so and the caller converts the finding aid whole instead.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

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

/// Components below which one thread does all the work.
const PARALLEL_FROM: usize = 64;
/// Element paths a thread remembers between components (see [`forget_paths`]).
const PATHS_KEPT: usize = 4096;
/// Components read and written ahead of the one being printed, at most.
const WINDOW: usize = 16;

/// Converts the EAD finding aid `text` into version `v`, writing it to `out`, on up to
/// `threads` threads.
pub fn convert(text: &str, v: Version, threads: usize, out: &mut dyn Write) -> Result<Streamed> {
    let doc = parse(text)?;
    let _lines = index_lines(&doc);
    let root = doc.root_element();
    let src = read::source(root, true)?;
    let top = read::top(&src, root)?;
    let mut w = W::streaming(v);
    let (ead, restored) = write::document(&top, &mut w);
    let name = crate::pipeline::record_name(&top);
    drop(top);
    let mut s = Printer {
        out,
        writer: w.take_ledger().losses,
        restored,
        ids: HashSet::new(),
        refs: HashSet::new(),
        next: 0,
        aligned: true,
    };
    s.account(&ead);
    let mut printed = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    ead.write_at(&mut printed, 0, true);
    printed.push('\n');
    drop(ead);
    let units = units(root);
    // The printing thread is one of them.
    let workers = threads.saturating_sub(1);
    if units.len() < PARALLEL_FROM || workers == 0 {
        let mut take = |i: usize| Some(work(&src, v, &units[i]));
        s.emit(&printed, None, &units, &mut take)
            .map_err(write_error)?;
    } else {
        parallel(&src, v, &units, workers, &mut s, &printed).map_err(write_error)?;
    }
    if !s.aligned || s.next != units.len() || !s.refs.iter().all(|r| s.ids.contains(&hash(r))) {
        return Ok(Streamed::NeedsWhole);
    }
    let mut losses = s.writer;
    losses.append(&mut s.restored);
    Ok(Streamed::Done(Ledger { losses }, name))
}

/// One component to read and write: its node, where it sits (its parent's unit, `None`
/// for the top record, and its number among the parent's components), and the ledger
/// field of its record (`children[2].children[0].`).
struct Unit<'a, 'i> {
    node: Node<'a, 'i>,
    parent: Option<usize>,
    index: usize,
    field: String,
}

/// Every component in document order (each before its own components): the order its
/// hole is met in when the levels are printed.
fn units<'a, 'i>(root: Node<'a, 'i>) -> Vec<Unit<'a, 'i>> {
    fn walk<'a, 'i>(
        kids: Vec<Node<'a, 'i>>,
        parent: Option<usize>,
        field: &str,
        out: &mut Vec<Unit<'a, 'i>>,
    ) {
        for (index, node) in kids.into_iter().enumerate() {
            let here = out.len();
            let f = format!("{field}children[{index}].");
            out.push(Unit {
                node,
                parent,
                index,
                field: f.clone(),
            });
            walk(read::child_levels(node, false), Some(here), &f, out);
        }
    }
    let mut out = Vec::new();
    if let Some(a) = read::archdesc(root) {
        walk(read::child_levels(a, true), None, "", &mut out);
    }
    out
}

/// A component read and written: its element (own components as holes), what the writer
/// and what the restoring walk ledgered.
struct Done {
    el: El,
    writer: Vec<Loss>,
    restored: Vec<Loss>,
}

fn work(src: &Source, v: Version, u: &Unit) -> Done {
    let c = read::component(src, u.node);
    let mut w = W::streaming(v);
    let (el, restored) = write::component(&c, &path_of(u.node), u.field.clone(), &mut w);
    drop(c);
    // The paths named inside this component are not asked for again; its ancestors' are,
    // by the components after it.
    forget_paths(PATHS_KEPT);
    Done {
        el,
        writer: w.take_ledger().losses,
        restored,
    }
}

/// The components read and written by `workers` threads and this one, which prints them
/// in order.
fn parallel(
    src: &Source,
    v: Version,
    units: &[Unit],
    workers: usize,
    s: &mut Printer,
    printed: &str,
) -> io::Result<()> {
    let next = AtomicUsize::new(0);
    let state = Mutex::new(Window::default());
    let changed = Condvar::new();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                // Each thread has its own line index and path cache for the reader.
                let _lines = index_lines(units[0].node.document());
                let _stop_on_panic = StopOnDrop {
                    state: &state,
                    changed: &changed,
                };
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= units.len() {
                        break;
                    }
                    {
                        let mut g = state.lock().unwrap_or_else(|e| e.into_inner());
                        while i >= g.printed + WINDOW && !g.stop {
                            g = changed.wait(g).unwrap_or_else(|e| e.into_inner());
                        }
                        if g.stop {
                            break;
                        }
                    }
                    let d = work(src, v, &units[i]);
                    state
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .ready
                        .insert(i, d);
                    changed.notify_all();
                }
            });
        }
        // The printing thread works too while the component it needs is not ready.
        let mut take = |i: usize| loop {
            {
                let mut g = state.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(d) = g.ready.remove(&i) {
                    g.printed = i + 1;
                    drop(g);
                    changed.notify_all();
                    return Some(d);
                }
                if g.stop {
                    return None;
                }
            }
            let j = next.fetch_add(1, Ordering::Relaxed);
            if j < units.len() {
                let d = work(src, v, &units[j]);
                state
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .ready
                    .insert(j, d);
                continue;
            }
            let mut g = state.lock().unwrap_or_else(|e| e.into_inner());
            while !g.ready.contains_key(&i) && !g.stop {
                g = changed.wait(g).unwrap_or_else(|e| e.into_inner());
            }
        };
        let result = s.emit(printed, None, units, &mut take);
        // Done, or failed: the workers stop either way.
        state.lock().unwrap_or_else(|e| e.into_inner()).stop = true;
        changed.notify_all();
        result
    })
}

/// What the workers and the printing thread share.
#[derive(Default)]
struct Window {
    /// Components read and written, not yet printed.
    ready: BTreeMap<usize, Done>,
    /// Components printed (the next to print is this one).
    printed: usize,
    /// Stop: the printing ended, or a worker died.
    stop: bool,
}

/// Tells the others to stop when a worker ends, so that a worker that panicked does not
/// leave the printing thread waiting for it.
struct StopOnDrop<'s> {
    state: &'s Mutex<Window>,
    changed: &'s Condvar,
}

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.state.lock().unwrap_or_else(|e| e.into_inner()).stop = true;
            self.changed.notify_all();
        }
    }
}

/// Prints levels in document order and gathers their ledgers, ids and references.
struct Printer<'o> {
    out: &'o mut dyn Write,
    /// What the writer ledgered, level after level, then what restoring the fragments
    /// ledgered (the order of the whole conversion).
    writer: Vec<Loss>,
    restored: Vec<Loss>,
    /// Every id written (hashed: a finding aid has an id on each of tens of thousands of
    /// components), and every reference the writer would check.
    ids: HashSet<u64>,
    refs: HashSet<String>,
    /// The next unit to print.
    next: usize,
    /// False when a hole was not the one the next unit fills (then the whole conversion
    /// is asked for).
    aligned: bool,
}

impl Printer<'_> {
    fn account(&mut self, el: &El) {
        let mut ids = HashSet::new();
        collect_ids(el, &mut ids);
        self.ids.extend(ids.iter().map(|i| hash(i)));
        collect_references(el, &mut self.refs);
    }

    /// Writes a printed level (the unit `parent`, `None` for the top), filling each hole
    /// with the next unit, which `take` gives read and written.
    fn emit(
        &mut self,
        printed: &str,
        parent: Option<usize>,
        units: &[Unit],
        take: &mut dyn FnMut(usize) -> Option<Done>,
    ) -> io::Result<()> {
        let (found, last) = holes(printed);
        for h in found {
            self.out.write_all(h.before.as_bytes())?;
            let i = self.next;
            let fits = units
                .get(i)
                .is_some_and(|u| u.parent == parent && u.index == h.index);
            if !fits {
                self.aligned = false;
                continue;
            }
            let Some(mut d) = take(i) else {
                return Err(io::Error::other("a worker thread stopped"));
            };
            self.next += 1;
            self.account(&d.el);
            self.writer.append(&mut d.writer);
            self.restored.append(&mut d.restored);
            let mut text = String::new();
            d.el.write_at(&mut text, h.depth, h.pretty);
            drop(d);
            self.emit(&text, Some(i), units, take)?;
        }
        self.out.write_all(last.as_bytes())
    }
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
