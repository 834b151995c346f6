//! A minimal element tree for writers. Writers build it, then `to_xml` prints it with
//! two-space indentation wherever an element holds only elements, and verbatim wherever
//! it holds text (mixed content must not gain whitespace).

/// A name of an element or attribute: almost always a literal of the writer, which is
/// then not copied (the copies were a tenth of the allocations of writing a finding aid).
pub type Name = std::borrow::Cow<'static, str>;

/// An element under construction.
#[derive(Debug, Clone, PartialEq)]
pub struct El {
    pub name: Name,
    pub attrs: Vec<(Name, String)>,
    pub kids: Vec<Node>,
    /// Mixed content: printed exactly, never indented, even when it holds only elements.
    pub mixed: bool,
}

/// A child of an element.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    El(El),
    Text(String),
    /// Already serialised XML (an unmapped fragment carried through).
    Raw(String),
}

impl El {
    pub fn new(name: impl Into<Name>) -> El {
        El {
            name: name.into(),
            attrs: Vec::new(),
            kids: Vec::new(),
            mixed: false,
        }
    }

    /// Marks the element as holding mixed content.
    pub fn mixed(mut self) -> El {
        self.mixed = true;
        self
    }

    /// An element holding one text node.
    pub fn text(name: impl Into<Name>, text: &str) -> El {
        El::new(name).push_text(text)
    }

    pub fn attr(mut self, name: impl Into<Name>, value: &str) -> El {
        self.attrs.push((name.into(), value.to_string()));
        self
    }

    pub fn attr_opt(self, name: impl Into<Name>, value: Option<&str>) -> El {
        match value {
            Some(v) => self.attr(name, v),
            None => self,
        }
    }

    pub fn child(mut self, el: El) -> El {
        self.kids.push(Node::El(el));
        self
    }

    pub fn push(&mut self, el: El) {
        self.kids.push(Node::El(el));
    }

    pub fn push_text(mut self, text: &str) -> El {
        if !text.is_empty() {
            self.kids.push(Node::Text(text.to_string()));
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.kids.is_empty()
    }

    /// A hole where a streaming writer puts an element written later: it prints as
    /// [`HOLE`], `index`, the depth and whether the place is indented, and [`HOLE`] again
    /// (see [`holes`]). Named as the element it stands for, so that walks counting a
    /// parent's children by name see it.
    pub fn hole(name: impl Into<Name>, index: usize) -> El {
        El::new(name).attr(HOLE_ATTR, &index.to_string())
    }

    /// Prints the element at `depth`, indented when `pretty` (as inside its parent).
    pub fn write_at(&self, out: &mut String, depth: usize, pretty: bool) {
        self.write(out, depth, pretty);
    }

    /// The whole document: an XML declaration, the tree, a final newline.
    pub fn to_document(&self) -> String {
        let mut out = String::with_capacity(4096);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        self.write(&mut out, 0, true);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, depth: usize, pretty: bool) {
        if let Some((HOLE_ATTR, i)) = self.attrs.first().map(|(k, v)| (&**k, v)) {
            use std::fmt::Write;
            let _ = write!(out, "{HOLE}{i} {depth} {}{HOLE}", u8::from(pretty));
            return;
        }
        out.push('<');
        out.push_str(&self.name);
        for (k, v) in &self.attrs {
            out.push(' ');
            out.push_str(k);
            out.push_str("=\"");
            escape_into(out, v, true);
            out.push('"');
        }
        if self.kids.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        let mixed = self.mixed || self.kids.iter().any(|k| matches!(k, Node::Text(_)));
        let indent = pretty && !mixed;
        for kid in &self.kids {
            if indent {
                out.push('\n');
                push_indent(out, depth + 1);
            }
            match kid {
                Node::El(e) => e.write(out, depth + 1, indent),
                Node::Text(t) => escape_into(out, t, false),
                Node::Raw(r) => out.push_str(r),
            }
        }
        if indent {
            out.push('\n');
            push_indent(out, depth);
        }
        out.push_str("</");
        out.push_str(&self.name);
        out.push('>');
    }
}

/// Marks a hole in printed XML: NUL, which no XML document can hold.
pub const HOLE: char = '\0';
const HOLE_ATTR: &str = "\0";

/// A hole found in printed XML: the text before it, and its index, depth and indentation.
pub struct Hole<'s> {
    pub before: &'s str,
    pub index: usize,
    pub depth: usize,
    pub pretty: bool,
}

/// Splits printed XML at its holes, in order; the text after the last one is returned
/// with `None`.
pub fn holes(s: &str) -> (Vec<Hole<'_>>, &str) {
    let mut found = Vec::new();
    let mut rest = s;
    while let Some(a) = rest.find(HOLE) {
        let Some(len) = rest[a + 1..].find(HOLE) else {
            break;
        };
        let mut f = rest[a + 1..a + 1 + len].split(' ');
        let mut num = || f.next().and_then(|x| x.parse::<usize>().ok()).unwrap_or(0);
        let (index, depth, pretty) = (num(), num(), num() == 1);
        found.push(Hole {
            before: &rest[..a],
            index,
            depth,
            pretty,
        });
        rest = &rest[a + 2 + len..];
    }
    (found, rest)
}

fn push_indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// Escapes text for element content or a double-quoted attribute value. Runs of plain
/// text are copied as slices; only the few special bytes are looked at one by one.
pub fn escape_into(out: &mut String, text: &str, attr: bool) {
    let bytes = text.as_bytes();
    // Most text has nothing to escape: that is found without a branch a byte.
    let special = |b: &u8| *b < 0x20 || matches!(*b, b'&' | b'<' | b'>' | b'"');
    if !bytes.iter().any(special) {
        out.push_str(text);
        return;
    }
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if attr => "&quot;",
            b'\n' if attr => "&#10;",
            b'\t' if attr => "&#9;",
            b'\r' => "&#13;",
            // Characters XML 1.0 forbids are dropped rather than written invalid.
            0..=0x1f if b != b'\n' && b != b'\t' => "",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(rep);
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

// Shared by the writers that put verbatim fragments back in place (TEI, EAD).

/// The `name="value"` pairs of an attribute fragment, values unescaped.
pub fn attribute_pairs(xml: &str) -> Vec<(String, String)> {
    // Written by the reader as `name="value"`, but it may come from edited JSON: anything
    // that does not read as such pairs ends the list, it never panics.
    let mut out = Vec::new();
    let mut rest = xml.trim_start();
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim().to_string();
        let mut chars = rest[eq + 1..].chars();
        let Some(quote @ ('"' | '\'')) = chars.next() else {
            break;
        };
        let body = chars.as_str();
        let Some(end) = body.find(quote) else {
            break;
        };
        let value = &body[..end];
        let value = quick_xml::escape::unescape(value)
            .map_or_else(|_| value.to_string(), |v| v.into_owned());
        if !name.is_empty() && !name.contains(char::is_whitespace) {
            out.push((name, value));
        }
        rest = body[end + 1..].trim_start();
    }
    out
}

/// The index in `kids` before which the element child number `n` (0-based) goes.
pub fn element_position(kids: &[Node], n: usize) -> usize {
    let mut seen = 0;
    for (i, k) in kids.iter().enumerate() {
        if matches!(k, Node::El(_) | Node::Raw(_)) {
            if seen == n {
                return i;
            }
            seen += 1;
        }
    }
    kids.len()
}

/// The name of a written child: an element's, a fragment's root element's, `""` for text.
pub fn node_name(n: &Node) -> &str {
    match n {
        Node::El(e) => &e.name,
        Node::Text(_) => "",
        Node::Raw(r) => fragment_name(r),
    }
}

/// The name of a serialised fragment's root element (`""` for text, a comment or a
/// processing instruction).
pub fn fragment_name(xml: &str) -> &str {
    if !xml.starts_with('<') || xml.starts_with("<!") || xml.starts_with("<?") {
        return "";
    }
    xml.get(1..)
        .unwrap_or("")
        .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .next()
        .unwrap_or("")
}
