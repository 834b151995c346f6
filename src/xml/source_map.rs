//! A text assembled from several files (XIncludes resolved) that remembers where each part
//! came from, so that a position found in the assembled text (a validation error, a
//! reader's error) can be reported in the file and at the line the user wrote.
//!
//! The text is a sequence of pieces copied verbatim from a source, with short made-up
//! insertions between them (namespace declarations, `xml:base`) that hold no line break.
//! A position maps to the piece it falls in: lines exactly, columns exactly except after
//! an insertion on the same line.

use std::ops::Range;
use std::sync::Arc;

use crate::error::{Error, Pos};

#[derive(Debug, Clone)]
struct Piece {
    /// Where the piece starts in the assembled text.
    at: usize,
    /// The file it was copied from, as shown in messages.
    file: Arc<str>,
    /// Where it starts in that file.
    src: Pos,
}

/// Assembled text with the origin of its pieces.
#[derive(Debug, Clone, Default)]
pub struct Mapped {
    pub text: String,
    pieces: Vec<Piece>,
}

/// A remembered offset and its position in one text, so that positions further on are
/// counted from there rather than from the start.
#[derive(Debug, Clone, Copy)]
pub struct Cursor {
    offset: usize,
    pos: Pos,
}

impl Default for Cursor {
    fn default() -> Cursor {
        Cursor {
            offset: 0,
            pos: Pos { line: 1, column: 1 },
        }
    }
}

impl Cursor {
    /// The position of `offset` in `text` (counted on from the cursor when it lies ahead).
    pub fn pos_of(&mut self, text: &str, offset: usize) -> Pos {
        if offset < self.offset {
            *self = Cursor::default();
        }
        let pos = advance(text, self.offset, self.pos, offset);
        *self = Cursor { offset, pos };
        pos
    }
}

/// The position of `to`, given that `from` (not after it) is at `at`.
fn advance(text: &str, from: usize, at: Pos, to: usize) -> Pos {
    let mut cut = to.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let between = &text[from.min(cut)..cut];
    match between.rfind('\n') {
        None => Pos {
            line: at.line,
            column: at.column + between.chars().count() as u32,
        },
        Some(last) => Pos {
            line: at.line + between.bytes().filter(|&b| b == b'\n').count() as u32,
            column: between[last + 1..].chars().count() as u32 + 1,
        },
    }
}

impl Mapped {
    /// Text made here, not copied from a file.
    pub fn made(text: String) -> Mapped {
        Mapped {
            text,
            pieces: Vec::new(),
        }
    }

    /// Text that stands for what starts at `src` in `file` (an escaped text include).
    pub fn from_file(text: String, file: &Arc<str>, src: Pos) -> Mapped {
        Mapped {
            text,
            pieces: vec![Piece {
                at: 0,
                file: file.clone(),
                src,
            }],
        }
    }

    /// Appends `src[range]`, a part of `file`, copied as it is (`cursor` tracks `src`).
    pub fn push_source(
        &mut self,
        src: &str,
        range: Range<usize>,
        file: &Arc<str>,
        cursor: &mut Cursor,
    ) {
        if range.is_empty() {
            return;
        }
        let pos = cursor.pos_of(src, range.start);
        self.pieces.push(Piece {
            at: self.text.len(),
            file: file.clone(),
            src: pos,
        });
        self.text.push_str(&src[range]);
    }

    /// Appends another assembled text, its pieces moved along.
    pub fn push_mapped(&mut self, other: Mapped) {
        let shift = self.text.len();
        self.pieces.extend(other.pieces.into_iter().map(|mut p| {
            p.at += shift;
            p
        }));
        self.text.push_str(&other.text);
    }

    /// The part of this text in `range`, with its origins.
    pub fn slice(&self, range: Range<usize>) -> Mapped {
        let mut out = Mapped::made(self.text[range.clone()].to_string());
        if let Some((file, src)) = self.origin_at(range.start) {
            out.pieces.push(Piece { at: 0, file, src });
        }
        out.pieces.extend(
            self.pieces
                .iter()
                .filter(|p| p.at > range.start && p.at < range.end)
                .map(|p| Piece {
                    at: p.at - range.start,
                    ..p.clone()
                }),
        );
        out
    }

    /// The file and position that the byte `offset` of this text came from.
    pub fn origin_at(&self, offset: usize) -> Option<(Arc<str>, Pos)> {
        let i = self
            .pieces
            .partition_point(|p| p.at <= offset)
            .checked_sub(1)?;
        let p = &self.pieces[i];
        Some((p.file.clone(), advance(&self.text, p.at, p.src, offset)))
    }

    /// The file and position that `pos` (a line and column of this text) came from.
    pub fn origin(&self, pos: Pos) -> Option<(Arc<str>, Pos)> {
        let mut line_start = 0;
        for _ in 1..pos.line {
            line_start += self.text[line_start..].find('\n')? + 1;
        }
        let offset = self.text[line_start..]
            .char_indices()
            .nth(pos.column.saturating_sub(1) as usize)
            .map_or(self.text.len(), |(i, _)| line_start + i);
        self.origin_at(offset)
    }

    /// An error about this text, moved to the file and position it came from.
    pub fn relocate(&self, mut e: Error) -> Error {
        if let Some((file, pos)) = e.pos.and_then(|p| self.origin(p)) {
            e.file = Some(file.to_string());
            e.pos = Some(pos);
        }
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, column: u32) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn positions_map_back_through_pieces_and_insertions() {
        let outer = "<a>\n  <inc/>\n  <b/>\n</a>\n";
        let inner = "<?xml version='1.0'?>\n<part>\n  <p>x</p>\n</part>\n";
        let (fa, fb): (Arc<str>, Arc<str>) = ("outer.xml".into(), "inner.xml".into());
        let mut cur = Cursor::default();
        let mut m = Mapped::default();
        let inc = outer.find("<inc/>").unwrap();
        m.push_source(outer, 0..inc, &fa, &mut cur);
        let mut part = Mapped::default();
        let start = inner.find("<part").unwrap();
        part.push_source(inner, start..start + 5, &fb, &mut Cursor::default());
        part.push_mapped(Mapped::made(" xmlns=\"\"".into()));
        part.push_source(
            inner,
            start + 5..inner.len() - 1,
            &fb,
            &mut Cursor::default(),
        );
        m.push_mapped(part);
        m.push_source(outer, inc + 6..outer.len(), &fa, &mut cur);
        assert_eq!(
            m.text,
            "<a>\n  <part xmlns=\"\">\n  <p>x</p>\n</part>\n  <b/>\n</a>\n"
        );
        // <a> itself.
        assert_eq!(m.origin(pos(1, 1)), Some((fa.clone(), pos(1, 1))));
        // <part> starts at line 2 of inner.xml.
        assert_eq!(m.origin(pos(2, 3)), Some((fb.clone(), pos(2, 1))));
        // <p> inside the included part.
        assert_eq!(m.origin(pos(3, 3)), Some((fb.clone(), pos(3, 3))));
        // <b/> after the include: line 3 of outer.xml again.
        assert_eq!(m.origin(pos(5, 3)), Some((fa.clone(), pos(3, 3))));
        // A slice keeps the origins of what it holds.
        let b = m.text.find("<b/>").unwrap();
        let s = m.slice(b..b + 4);
        assert_eq!(s.origin(pos(1, 1)), Some((fa, pos(3, 3))));
    }

    #[test]
    fn made_text_has_no_origin_and_errors_outside_stay_as_they_are() {
        let m = Mapped::made("<x/>".into());
        assert_eq!(m.origin(pos(1, 1)), None);
        let e = Error::at(crate::ErrorKind::Syntax, pos(1, 1), "m").in_file("f");
        assert_eq!(m.relocate(e.clone()), e);
    }
}
