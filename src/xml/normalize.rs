//! What an XML processor hands on instead of the characters written (XML 1.0 §2.11 and
//! §3.3.3). Both apply to the text as written, before references are replaced: a `&#13;`
//! or `&#10;` is kept as the character it names.

use std::borrow::Cow;

/// Line ends: `\r\n` and a lone `\r` read as `\n` (§2.11).
pub fn line_ends(raw: &str) -> Cow<'_, str> {
    if raw.contains('\r') {
        Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(raw)
    }
}

/// An attribute value's white space (§3.3.3, CDATA attributes): after line ends are
/// normalised, each tab, newline or carriage return written as such is a space.
pub fn attribute_whitespace(raw: &str) -> Cow<'_, str> {
    if raw.contains(['\r', '\n', '\t']) {
        Cow::Owned(raw.replace("\r\n", " ").replace(['\r', '\n', '\t'], " "))
    } else {
        Cow::Borrowed(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_and_attribute_white_space() {
        assert_eq!(line_ends("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert!(matches!(line_ends("a\nb"), Cow::Borrowed(_)));
        assert_eq!(attribute_whitespace("a\r\nb\tc\nd\re"), "a b c d e");
        assert_eq!(attribute_whitespace("&#10;"), "&#10;");
    }
}
