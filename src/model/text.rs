use serde::{Deserialize, Serialize};

use super::{NoteKind, Unmapped};

/// A block of running text. TEI `text/body` content; DC and EAD have no place for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "type", deny_unknown_fields)]
pub enum Block {
    /// A section with optional kind and number. TEI `div[@type][@n]`.
    Section {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        kind: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        n: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lang: Option<String>,
        blocks: Vec<Block>,
    },
    /// A heading. TEI `head`; EAD `head`.
    Heading { content: Vec<Inline> },
    /// A paragraph, optionally numbered. TEI `p[@n]`; EAD `p`.
    Paragraph {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        n: Option<String>,
        content: Vec<Inline>,
    },
    /// A list. TEI `list[@rend=numbered]/item`; EAD `list/item`.
    List {
        ordered: bool,
        /// How the items are marked or numbered, as the source names it: EAD
        /// `@numeration` (`arabic`, `upperroman`, ...) or `@mark` (`disc`, `dash`, ...), a
        /// TEI `@rend` other than `numbered` or `bulleted`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        style: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lang: Option<String>,
        items: Vec<ListItem>,
    },
    /// A block quotation. TEI `quote`; EAD `blockquote`.
    Quote { blocks: Vec<Block> },
    /// A note between paragraphs (an editor's or translator's remark).
    /// TEI `note[@type]` at block level; EAD `note` or `odd`.
    Note {
        kind: NoteKind,
        content: Vec<Inline>,
    },
    /// Terms with their definitions. TEI `list[@type=gloss]` (`label` + `item`); EAD
    /// `list[@type=deflist]` (2002) or `list[@listtype=deflist]` (EAD3) with `defitem`.
    DefinitionList { items: Vec<DefItem> },
    /// Dated events. EAD `chronlist` with `chronitem` (`date`, `event` or `eventgrp`);
    /// TEI `listEvent` at most (kept verbatim today).
    Chronology {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        heading: Option<Vec<Inline>>,
        events: Vec<ChronEvent>,
    },
    /// A table of rows and cells. TEI `table/row/cell` (`@role=label` rows as head);
    /// EAD `table/tgroup/{thead,tbody}/row/entry`.
    Table {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        heading: Option<Vec<Inline>>,
        rows: Vec<TableRow>,
    },
    /// Source content that no reader mapping covers, kept verbatim.
    Unmapped(Unmapped),
}

/// A term and its definition. TEI `label` + `item`; EAD `defitem/{label, item}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DefItem {
    pub label: Vec<Inline>,
    pub content: Vec<Inline>,
}

/// One entry of a chronology: a date and what happened then (several events for an
/// EAD `eventgrp`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ChronEvent {
    pub date: super::DateRef,
    pub events: Vec<Vec<Inline>>,
}

/// A table row: cells of inline content; `head` for a header row (EAD `thead`, TEI
/// `row[@role=label]`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TableRow {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub head: bool,
    pub cells: Vec<Vec<Inline>>,
}

/// One item of a list. TEI `item[@n]`; EAD `item`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ListItem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    pub content: Vec<Inline>,
    /// Blocks after the item's first line (an EAD item holding a nested list).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
}

/// Inline content of a paragraph, heading or item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "type", deny_unknown_fields)]
pub enum Inline {
    Text {
        text: String,
    },
    /// Emphasis or highlighting. TEI `hi[@rend]`/`emph`; EAD `emph[@render]`.
    Emphasis {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rend: Option<String>,
        content: Vec<Inline>,
    },
    /// Text an editor inserted ("[fruit]"). TEI `supplied[@reason]`; printed in brackets
    /// where the target has no markup for it.
    Supplied {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        content: Vec<Inline>,
    },
    /// Something left out or illegible. TEI `gap[@reason][@extent]`.
    Gap {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        extent: Option<String>,
    },
    /// A name. TEI `persName`/`placeName`/`orgName`/`name`; EAD `persname`/... .
    Name {
        kind: NameKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference: Option<String>,
        content: Vec<Inline>,
    },
    /// A date in running text. TEI `date[@when]`; EAD `date[@normal]`.
    Date {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        when: Option<String>,
        content: Vec<Inline>,
    },
    /// A span in another language. TEI `foreign[@xml:lang]`.
    Foreign {
        lang: String,
        content: Vec<Inline>,
    },
    /// TEI `lb`; EAD `lb`.
    LineBreak,
    /// TEI `pb[@n]`.
    PageBreak {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        n: Option<String>,
    },
    /// A link. TEI `ref[@target]`; EAD `ref`/`extref`.
    Link {
        target: String,
        content: Vec<Inline>,
    },
    /// A footnote or marginal note. TEI `note` inside a paragraph.
    Note {
        kind: NoteKind,
        content: Vec<Inline>,
    },
    /// A title of a work cited in running text. TEI `title`; EAD `title` (with
    /// `@render`).
    Title {
        content: Vec<Inline>,
    },
    /// Two forms of one passage, of which a target without the markup shows the reading.
    /// TEI `choice` (`abbr`/`expan`, `orig`/`reg`, `sic`/`corr`); EAD `abbr`/`expan` with
    /// `@abbr`/`@expan`.
    Choice {
        kind: ChoiceKind,
        original: Vec<Inline>,
        reading: Vec<Inline>,
    },
    /// A reference to another part of the same description. TEI `ref[@target="#id"]`,
    /// `ptr`; EAD `ref`/`ptr` with `@target` (an id).
    InternalRef {
        target: String,
        content: Vec<Inline>,
    },
    /// Source content that no reader mapping covers, kept verbatim.
    Unmapped(Unmapped),
}

/// What the two forms of a [`Inline::Choice`] are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChoiceKind {
    /// `original` abbreviated, `reading` expanded. TEI `abbr`/`expan`.
    Abbreviation,
    /// `original` as written, `reading` regularised. TEI `orig`/`reg`.
    Regularisation,
    /// `original` in error, `reading` corrected. TEI `sic`/`corr`.
    Correction,
}

/// The kind of a name in running text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    Person,
    Place,
    Organisation,
    Other,
}
