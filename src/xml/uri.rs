//! URI references as the schemas' `anyURI` takes them: the checks jing makes (a valid
//! scheme before a colon that comes ahead of any `/`, `?` or `#`, and something after it;
//! `%` followed by two hex digits; one `#` at most; square brackets only around an
//! address in the authority), measured against jing itself (tests below). XSD's lexical
//! space is wider, but a value jing refuses is one a TEI user's toolchain refuses.

/// True when `s` is a URI reference an `anyURI` attribute takes.
pub fn is_uri_reference(s: &str) -> bool {
    percents_ok(s) && s.matches('#').count() <= 1 && scheme_ok(s) && brackets_ok(s)
}

/// `s` made a URI reference by percent-encoding what breaks it: a colon that would make
/// an invalid scheme, a `%` that starts no escape, every `#` after the first, and square
/// brackets outside an authority. `s` itself when it is one already.
pub fn to_uri_reference(s: &str) -> String {
    if is_uri_reference(s) {
        return s.to_string();
    }
    let colon_escaped = match scheme_colon(s) {
        Some(i) if !valid_scheme(&s[..i]) || !rest_ok(&s[i + 1..]) => Some(i),
        _ => None,
    };
    let authority = authority_range(s);
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 8);
    let mut hashes = 0;
    for (i, c) in s.char_indices() {
        let escape = match c {
            ':' => colon_escaped == Some(i),
            '%' => {
                !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                    && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
            }
            '#' => {
                hashes += 1;
                hashes > 1
            }
            '[' | ']' => !authority.as_ref().is_some_and(|r| r.contains(&i)),
            _ => false,
        };
        if escape {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn percents_ok(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().all(|(i, &c)| {
        c != b'%'
            || (b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    })
}

/// Where the colon ending a scheme would be: the first colon, when no `/`, `?` or `#`
/// comes before it.
fn scheme_colon(s: &str) -> Option<usize> {
    let i = s.find(':')?;
    (!s[..i].contains(['/', '?', '#'])).then_some(i)
}

fn valid_scheme(scheme: &str) -> bool {
    let mut c = scheme.chars();
    c.next().is_some_and(|f| f.is_ascii_alphabetic())
        && c.all(|x| x.is_ascii_alphanumeric() || matches!(x, '+' | '-' | '.'))
}

/// What follows a scheme's colon: something, and not a fragment alone.
fn rest_ok(rest: &str) -> bool {
    !rest.is_empty() && !rest.starts_with('#')
}

fn scheme_ok(s: &str) -> bool {
    match scheme_colon(s) {
        Some(i) => valid_scheme(&s[..i]) && rest_ok(&s[i + 1..]),
        None => true,
    }
}

/// The byte range of the authority (`//host:port`), where `[` and `]` may stand.
fn authority_range(s: &str) -> Option<std::ops::Range<usize>> {
    let after_scheme = scheme_colon(s).map_or(0, |i| i + 1);
    let rest = s[after_scheme..].strip_prefix("//")?;
    let start = after_scheme + 2;
    let len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(start..start + len)
}

fn brackets_ok(s: &str) -> bool {
    let authority = authority_range(s);
    s.char_indices()
        .filter(|(_, c)| matches!(c, '[' | ']'))
        .all(|(i, _)| authority.as_ref().is_some_and(|r| r.contains(&i)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// jing 20091111's verdicts on each value (`data type="anyURI"`), run by hand.
    const JING: &[(&str, bool)] = &[
        ("my_voc:Kind", false),
        ("LCSH", true),
        ("dcterms:W3CDTF", true),
        ("a b", true),
        ("x%zz", false),
        ("x%20y", true),
        ("a#b#c", false),
        ("#frag", true),
        ("http://x/y z", true),
        ("foo:", false),
        (":foo", false),
        ("1abc:x", false),
        ("a/b:c", true),
        ("ab+c:x", true),
        ("é", true),
        ("[x]", false),
        ("a[", false),
        ("a]", false),
        ("http://[::1]/x", true),
        ("?a:b", true),
        ("a?b#c:d", true),
        ("", true),
        ("a%2", false),
        ("%41", true),
        ("x:y:z", true),
        ("A-b.c:d", true),
        ("a#", true),
        ("a:#b", false),
        ("mailto:x", true),
        ("a:b/c", true),
    ];

    #[test]
    fn verdicts_are_jings() {
        for (v, ok) in JING {
            assert_eq!(is_uri_reference(v), *ok, "{v}");
        }
    }

    #[test]
    fn repaired_values_are_references_and_good_ones_stay() {
        for (v, ok) in JING {
            let r = to_uri_reference(v);
            assert!(is_uri_reference(&r), "{v} -> {r}");
            if *ok {
                assert_eq!(&r, v);
            }
        }
        assert_eq!(to_uri_reference("my_voc:Kind"), "my_voc%3AKind");
        assert_eq!(to_uri_reference("a#b#c"), "a#b%23c");
        assert_eq!(to_uri_reference("50%"), "50%25");
    }
}
