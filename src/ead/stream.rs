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
use super::restore::{collect_ids, collect_references, each_id};
use super::write::{self, Version, W};
use crate::error::{Error, ErrorKind, Result};
use crate::ledger::{Ledger, Loss};
use crate::xml::{
    forget_paths, holes, index_lines, index_lines_from, line_starts, parse_threads, path_of, El,
    Node,
};

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
/// Components read and written ahead of the one being printed, at most. The window's
/// text is a few hundred KiB; 256 rather than 16 measured about 1% less time, at the
/// edge of the machine's noise.
const WINDOW: usize = 256;

/// Converts the EAD finding aid `text` into version `v`, writing it to `out`, on up to
/// `threads` threads.
pub fn convert(text: &str, v: Version, threads: usize, out: &mut dyn Write) -> Result<Streamed> {
    let doc = parse_threads(text, threads)?;
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
    // Where the components will be printed, for the threads that print them ahead: the
    // depth of the holes in the top level, one more for each level down, indented.
    let top_at = holes(&printed)
        .0
        .first()
        .map_or((0, true), |h| (h.depth, h.pretty));
    let job = Job {
        src: &src,
        v,
        units: &units,
        top_at,
    };
    // The printing thread is one of them.
    let workers = threads.saturating_sub(1);
    if units.len() < PARALLEL_FROM || workers == 0 {
        let mut take = |i: usize, at: (usize, bool)| Some(job.work(i, at));
        s.emit(&printed, None, &units, &mut take)
            .map_err(write_error)?;
    } else {
        parallel(&job, workers, &mut s, &printed).map_err(write_error)?;
    }
    if !s.aligned || s.next != units.len() || !s.refs.iter().all(|r| s.ids.contains(&hash(r))) {
        return Ok(Streamed::NeedsWhole);
    }
    let mut losses = s.writer;
    losses.append(&mut s.restored);
    Ok(Streamed::Done(Ledger { losses }, name))
}

/// One component to read and write: its node and where it sits (its parent's unit, `None`
/// for the components of the `dsc`, its number among the parent's components, and how many
/// components it is inside).
struct Unit<'a, 'i> {
    node: Node<'a, 'i>,
    parent: Option<usize>,
    index: usize,
    nesting: usize,
}

/// Every component in document order (each before its own components): the order its
/// hole is met in when the levels are printed.
fn units<'a, 'i>(root: Node<'a, 'i>) -> Vec<Unit<'a, 'i>> {
    let mut out: Vec<Unit> = Vec::new();
    let Some(dsc) = read::archdesc(root).and_then(read::components_dsc) else {
        return out;
    };
    // One pass over the dsc's nodes, which are stored in document order: following the
    // sibling links instead jumped across each subtree, a cache miss a component. A
    // component is a unit when it stands in the dsc or in a unit, as [`read::top`] and
    // [`read::component`] read them; the units open around the node are a stack.
    let mut open: Vec<usize> = Vec::new();
    // Components met so far in each unit, and in the dsc.
    let mut counts: Vec<usize> = Vec::new();
    let mut top = 0;
    for n in dsc.descendants().skip(1) {
        if !n.is_element() || !read::is_component(n.tag_name().name()) {
            continue;
        }
        let Some(p) = n.parent().map(|p| p.id()) else {
            continue;
        };
        let parent = if p == dsc.id() {
            open.clear();
            None
        } else {
            match open.iter().rposition(|&u| out[u].node.id() == p) {
                Some(at) => {
                    open.truncate(at + 1);
                    Some(open[at])
                }
                // In an element that is no component (a `c` in an `odd`): kept with it.
                None => continue,
            }
        };
        let counter = match parent {
            None => &mut top,
            Some(u) => &mut counts[u],
        };
        let index = *counter;
        *counter += 1;
        open.push(out.len());
        counts.push(0);
        out.push(Unit {
            node: n,
            parent,
            index,
            nesting: open.len() - 1,
        });
    }
    out
}

/// A component read, written and printed: its text (its own components as holes), the
/// depth and indentation it was printed for, the ids it holds (hashed) and the references
/// it makes, and what the writer and the restoring walk ledgered.
struct Done {
    text: String,
    at: (usize, bool),
    ids: Vec<u64>,
    refs: Vec<String>,
    writer: Vec<Loss>,
    restored: Vec<Loss>,
}

/// What every thread converting components shares.
struct Job<'j, 'a, 'i> {
    src: &'j Source,
    v: Version,
    units: &'j [Unit<'a, 'i>],
    /// Where the components of the `dsc` are printed: depth and indentation.
    top_at: (usize, bool),
}

impl Job<'_, '_, '_> {
    /// Where unit `i` is expected to be printed: threads print ahead of the printing
    /// thread, which converts a unit again in the rare case its hole is elsewhere.
    fn expected(&self, i: usize) -> (usize, bool) {
        match self.units[i].nesting {
            0 => self.top_at,
            n => (self.top_at.0 + n, true),
        }
    }

    /// The ledger field of unit `i`'s record: `children[2].children[0].`.
    fn field(&self, i: usize) -> String {
        let mut chain = Vec::new();
        let mut at = Some(i);
        while let Some(u) = at {
            chain.push(self.units[u].index);
            at = self.units[u].parent;
        }
        chain
            .iter()
            .rev()
            .map(|n| format!("children[{n}]."))
            .collect()
    }

    /// Reads, writes and prints unit `i` at depth and indentation `at`.
    fn work(&self, i: usize, at: (usize, bool)) -> Done {
        let u = &self.units[i];
        let c = read::component(self.src, u.node);
        let mut w = W::streaming(self.v);
        // The reader named the component's path already.
        let path = c.origin.clone().unwrap_or_else(|| path_of(u.node));
        let (el, restored) = write::component(&c, &path, self.field(i), &mut w);
        drop(c);
        // The paths named inside this component are not asked for again; its ancestors'
        // are, by the components after it.
        forget_paths(PATHS_KEPT);
        // Hashed as they are met: a component's ids are not copied.
        let mut ids = Vec::new();
        each_id(&el, &mut |id| ids.push(hash(id)));
        let mut refs = HashSet::new();
        collect_references(&el, &mut refs);
        // Printed here, on the thread that built it, so that the printing thread only
        // copies text out (and the tree is freed where it was allocated).
        let mut text = String::with_capacity(2048);
        el.write_at(&mut text, at.0, at.1);
        Done {
            text,
            at,
            ids,
            refs: refs.into_iter().collect(),
            writer: w.take_ledger().losses,
            restored,
        }
    }
}

/// The components read and written by `workers` threads and this one, which prints them
/// in order.
fn parallel(job: &Job, workers: usize, s: &mut Printer, printed: &str) -> io::Result<()> {
    let units = job.units;
    let starts = line_starts();
    let next = AtomicUsize::new(0);
    let state = Mutex::new(Window::default());
    let changed = Condvar::new();
    // A unit converted, by any thread, into the window. (Waking costs a system call
    // whether or not anyone waits: only a thread that waits is woken.)
    let deposit = |i: usize, d: Done| {
        let mut g = state.lock().unwrap_or_else(|e| e.into_inner());
        g.ready.insert(i, d);
        let wake = g.printer_waits;
        drop(g);
        if wake {
            changed.notify_all();
        }
    };
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                // Each thread has its own line index and path cache for the reader (the
                // line starts found once, here).
                let doc = units[0].node.document();
                let _lines = match &starts {
                    Some(s) => index_lines_from(doc, s.clone()),
                    None => index_lines(doc),
                };
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
                            g.workers_waiting += 1;
                            g = changed.wait(g).unwrap_or_else(|e| e.into_inner());
                            g.workers_waiting -= 1;
                        }
                        if g.stop {
                            break;
                        }
                    }
                    deposit(i, job.work(i, job.expected(i)));
                }
            });
        }
        // The printing thread works too while the component it needs is not ready.
        let mut take = |i: usize, at: (usize, bool)| loop {
            {
                let mut g = state.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(d) = g.ready.remove(&i) {
                    g.printed = i + 1;
                    let wake = g.workers_waiting > 0;
                    drop(g);
                    if wake {
                        changed.notify_all();
                    }
                    if d.at != at {
                        return Some(job.work(i, at));
                    }
                    return Some(d);
                }
                if g.stop {
                    return None;
                }
            }
            let j = next.fetch_add(1, Ordering::Relaxed);
            if j < units.len() {
                deposit(j, job.work(j, job.expected(j)));
                continue;
            }
            let mut g = state.lock().unwrap_or_else(|e| e.into_inner());
            while !g.ready.contains_key(&i) && !g.stop {
                g.printer_waits = true;
                g = changed.wait(g).unwrap_or_else(|e| e.into_inner());
            }
            g.printer_waits = false;
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
    /// Threads waiting: the printing thread for a unit, workers for room in the window.
    printer_waits: bool,
    workers_waiting: usize,
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

    /// A level's text, with its ids and references accounted for and its ledgers taken.
    fn take_done(&mut self, d: &mut Done) {
        self.ids.extend(d.ids.iter().copied());
        self.refs.extend(d.refs.drain(..));
        self.writer.append(&mut d.writer);
        self.restored.append(&mut d.restored);
    }

    /// Writes a printed level (the unit `parent`, `None` for the top), filling each hole
    /// with the next unit, which `take` gives read and written.
    fn emit(
        &mut self,
        printed: &str,
        parent: Option<usize>,
        units: &[Unit],
        take: &mut dyn FnMut(usize, (usize, bool)) -> Option<Done>,
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
            let Some(mut d) = take(i, (h.depth, h.pretty)) else {
                return Err(io::Error::other("a worker thread stopped"));
            };
            self.next += 1;
            self.take_done(&mut d);
            self.emit(&d.text, Some(i), units, take)?;
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
