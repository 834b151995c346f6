//! The loss ledger: every field a writer could not carry, and every value a writer had
//! to supply because the target schema requires it.

use serde::Serialize;

use crate::format::Format;

/// What happened to a piece of content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LossKind {
    /// The content is not in the output.
    Dropped,
    /// The content is in the output, but part of its meaning (a role, a type) is not.
    Flattened,
    /// The target schema requires an element the record has no value for; the writer
    /// wrote the stated placeholder.
    Supplied,
}

/// One entry of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Loss {
    pub kind: LossKind,
    /// The model field, as a path (`agents[2].role`, `body`, `children[0]`).
    pub field: String,
    /// Where the content came from in the source, when the reader knew.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Line of the content in the source, when the reader knew it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    pub target: Format,
    pub reason: String,
    /// The plain text of what was dropped or flattened, so that a reader of the ledger
    /// sees every word the output lacks (whole for anything in a header or a `did`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Losses collected by one writer run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Ledger {
    pub losses: Vec<Loss>,
}

impl LossKind {
    /// The kind as the ledger and the warnings spell it.
    pub fn word(&self) -> &'static str {
        match self {
            LossKind::Dropped => "dropped",
            LossKind::Flattened => "flattened",
            LossKind::Supplied => "supplied",
        }
    }
}

impl Loss {
    /// The loss as a warning line: `ead3 dropped unmapped (from /ead/...): reason`.
    pub fn line(&self) -> String {
        let src = self
            .source
            .as_deref()
            .map(|s| format!(" (from {s})"))
            .unwrap_or_default();
        format!(
            "{} {} {}{src}: {}",
            self.target,
            self.kind.word(),
            self.field,
            self.reason
        )
    }
}

impl Ledger {
    pub fn new() -> Ledger {
        Ledger::default()
    }

    pub fn push(
        &mut self,
        kind: LossKind,
        field: impl Into<String>,
        target: Format,
        reason: impl Into<String>,
    ) {
        self.losses.push(Loss {
            kind,
            field: field.into(),
            source: None,
            line: None,
            target,
            reason: reason.into(),
            text: None,
        });
    }

    /// Attaches the plain text (white space collapsed) of what the last entry lost.
    pub fn with_text(&mut self, text: &str) -> &mut Self {
        let t = crate::xml::text_of_str(text);
        if let Some(l) = self.losses.last_mut() {
            l.text = (!t.is_empty()).then_some(t);
        }
        self
    }

    /// Attaches the source position of the last entry.
    pub fn at(&mut self, source: Option<&str>, line: Option<u32>) -> &mut Self {
        if let Some(l) = self.losses.last_mut() {
            if let Some(s) = source {
                l.source = Some(s.to_string());
            }
            l.line = line.or(l.line);
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.losses.is_empty()
    }

    /// One human-readable line per loss, for stderr.
    pub fn lines(&self) -> Vec<String> {
        self.losses.iter().map(Loss::line).collect()
    }
}
