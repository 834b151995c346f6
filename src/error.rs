//! One error type for the library. Each case maps to a documented exit code in the CLI.

use std::fmt;

/// A position in a source text, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    /// Converts a byte offset into line and column (columns count characters).
    /// The one place where offsets become positions.
    pub fn from_offset(text: &str, offset: usize) -> Pos {
        let offset = offset.min(text.len());
        let mut cut = offset;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let before = &text[..cut];
        let line = before.bytes().filter(|&b| b == b'\n').count() as u32 + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() as u32 + 1;
        Pos { line, column }
    }
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input is not well-formed XML or JSON.
    Syntax,
    /// Well-formed, but not a document this format can map (wrong root, missing part).
    Unmappable,
    /// The format could not be recognised from the root element and namespace.
    UnknownFormat,
    /// `--strict` and the conversion would lose content.
    Loss,
    /// The output does not validate against its schema.
    Invalid,
    /// Reading or writing a file failed.
    Io,
    /// Wrong use of the command line.
    Usage,
}

/// An error with the file, the position in it, and a specific lowercase message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub file: Option<String>,
    pub pos: Option<Pos>,
    pub message: String,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            file: None,
            pos: None,
            message: message.into(),
        }
    }

    pub fn at(kind: ErrorKind, pos: Pos, message: impl Into<String>) -> Error {
        Error {
            pos: Some(pos),
            ..Error::new(kind, message)
        }
    }

    /// Names the file the error is about, unless it already names one.
    pub fn in_file(mut self, file: &str) -> Error {
        if self.file.is_none() {
            self.file = Some(file.to_string());
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.as_deref().unwrap_or("<input>");
        match self.pos {
            Some(p) => write!(f, "{file}:{}:{}: {}", p.line, p.column, self.message),
            None => write!(f, "{file}: {}", self.message),
        }
    }
}

impl Error {
    /// The line printed on standard error: `file:line:col: message` when the error has a
    /// position (the form editors and CI annotators jump to), `crosswalk: file: message`
    /// when it is about a file as a whole, `crosswalk: message` otherwise.
    pub fn diagnostic(&self) -> String {
        match (&self.file, self.pos) {
            (Some(_), Some(_)) => self.to_string(),
            (Some(_), None) => format!("crosswalk: {self}"),
            (None, _) => format!("crosswalk: {}", self.message),
        }
    }
}

/// The stderr line for a diagnostic about `file` at an optional line and column, in the
/// same two forms as [`Error::diagnostic`].
pub fn diagnostic_line(file: &str, at: Option<(u64, u64)>, message: &str) -> String {
    match at {
        Some((line, column)) => format!("{file}:{line}:{column}: {message}"),
        None => format!("crosswalk: {file}: {message}"),
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
