//! Plain-text renderings of blocks and inlines, for targets that hold only strings
//! (Dublin Core) or that have no markup for an editorial feature. Editorial insertions
//! are printed in square brackets, the convention of printed editions.

use super::{Block, Inline};

/// The text of blocks, one paragraph per line.
pub fn blocks_text(blocks: &[Block]) -> String {
    let mut lines = Vec::new();
    for b in blocks {
        block_lines(b, &mut lines);
    }
    lines.join("\n")
}

fn block_lines(b: &Block, lines: &mut Vec<String>) {
    match b {
        Block::Section { blocks, .. } | Block::Quote { blocks } => {
            for b in blocks {
                block_lines(b, lines);
            }
        }
        Block::Heading { content } | Block::Note { content, .. } => {
            lines.push(inlines_text(content))
        }
        Block::Paragraph { n, content } => lines.push(match n {
            Some(n) => format!("{n}. {}", inlines_text(content)),
            None => inlines_text(content),
        }),
        Block::List { items, ordered, .. } => {
            for (i, it) in items.iter().enumerate() {
                let mark = match (&it.n, ordered) {
                    (Some(n), _) => format!("{n}. "),
                    (None, true) => format!("{}. ", i + 1),
                    (None, false) => "- ".to_string(),
                };
                lines.push(format!("{mark}{}", inlines_text(&it.content)));
            }
        }
        Block::Unmapped(u) => lines.push(crate::xml::strip_tags(&u.xml)),
    }
}

/// The text of inline content with white space collapsed.
pub fn inlines_text(content: &[Inline]) -> String {
    let mut s = String::new();
    push_inlines(content, &mut s);
    crate::xml::text_of_str(&s)
}

fn push_inlines(content: &[Inline], s: &mut String) {
    for i in content {
        match i {
            Inline::Text { text } => s.push_str(text),
            Inline::Emphasis { content, .. }
            | Inline::Name { content, .. }
            | Inline::Date { content, .. }
            | Inline::Foreign { content, .. }
            | Inline::Link { content, .. } => push_inlines(content, s),
            Inline::Supplied { content, .. } => {
                s.push('[');
                push_inlines(content, s);
                s.push(']');
            }
            Inline::Note { content, .. } => {
                s.push_str(" [");
                push_inlines(content, s);
                s.push_str("] ");
            }
            Inline::Gap { .. } => s.push_str(" [...] "),
            Inline::LineBreak | Inline::PageBreak { .. } => s.push(' '),
            Inline::Unmapped(u) => s.push_str(&crate::xml::strip_tags(&u.xml)),
        }
    }
}
