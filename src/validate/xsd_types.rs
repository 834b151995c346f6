//! The XML Schema datatypes that the bundled RELAX NG schemas use (tei_all.rng,
//! ead3.rng), as a `relax-ng` datatype library whose compiled patterns are kept.
//!
//! relax-ng 0.2.3's own XSD library compiles a `pattern` facet's regular expression every
//! time it checks a value or a schema (tei_all has 341 of them): ~115 ms before each
//! document, and again for every patterned attribute. This library compiles each pattern
//! once per process. It covers exactly the types and facets those schemas use, and refuses
//! any other at schema load, so a schema it cannot judge fails loudly instead of passing.
//! Its verdicts are checked against jing's in tests/validate_reference.rs.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use regex::Regex;
use relax_ng::{DatatypeContext, DatatypeLibrary};

/// The library, registered for `http://www.w3.org/2001/XMLSchema-datatypes`. Clones share
/// one cache of compiled patterns.
#[derive(Default, Clone)]
pub struct XsdTypes {
    patterns: Arc<Mutex<HashMap<String, Arc<Regex>>>>,
}

const TYPES: &[&str] = &[
    "string",
    "token",
    "normalizedString",
    "anyURI",
    "boolean",
    "decimal",
    "integer",
    "nonNegativeInteger",
    "positiveInteger",
    "double",
    "float",
    "date",
    "dateTime",
    "time",
    "gYearMonth",
    "gYear",
    "gMonthDay",
    "gMonth",
    "gDay",
    "duration",
    "Name",
    "NCName",
    "NMTOKEN",
    "NMTOKENS",
    "language",
    "ID",
    "IDREF",
    "IDREFS",
    "ENTITY",
];
const FACETS: &[&str] = &[
    "pattern",
    "minInclusive",
    "maxInclusive",
    "minExclusive",
    "maxExclusive",
    "length",
    "minLength",
    "maxLength",
];

const TZ: &str = r"(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))?";

fn lexical(type_name: &str) -> Option<&'static Regex> {
    static TABLE: OnceLock<HashMap<&'static str, Regex>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let name_start = r"[\p{L}_:]";
        let name_char = r"[\p{L}\p{N}\p{M}._:\-\x{B7}]";
        let ncname = r"[\p{L}_][\p{L}\p{N}\p{M}._\-\x{B7}]*";
        let year = r"-?([1-9]\d{3,}|0\d{3})";
        let md = r"(0[1-9]|1[0-2])";
        let dd = r"(0[1-9]|[12]\d|3[01])";
        let time = r"(([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?|24:00:00(\.0+)?)";
        let pairs: Vec<(&'static str, String)> = vec![
            ("boolean", "true|false|1|0".into()),
            ("decimal", r"[+-]?(\d+(\.\d*)?|\.\d+)".into()),
            ("integer", r"[+-]?\d+".into()),
            ("nonNegativeInteger", r"(\+?\d+|-0+)".into()),
            ("positiveInteger", r"\+?0*[1-9]\d*".into()),
            (
                "double",
                r"[+-]?(\d+(\.\d*)?|\.\d+)([Ee][+-]?\d+)?|[+-]?INF|NaN".into(),
            ),
            (
                "float",
                r"[+-]?(\d+(\.\d*)?|\.\d+)([Ee][+-]?\d+)?|[+-]?INF|NaN".into(),
            ),
            ("date", format!("{year}-{md}-{dd}{TZ}")),
            ("dateTime", format!("{year}-{md}-{dd}T{time}{TZ}")),
            ("time", format!("{time}{TZ}")),
            ("gYearMonth", format!("{year}-{md}{TZ}")),
            ("gYear", format!("{year}{TZ}")),
            ("gMonthDay", format!("--{md}-{dd}{TZ}")),
            ("gMonth", format!("--{md}{TZ}")),
            ("gDay", format!("---{dd}{TZ}")),
            (
                "duration",
                r"-?P((\d+Y)?(\d+M)?(\d+D)?)(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?".into(),
            ),
            ("Name", format!("{name_start}{name_char}*")),
            ("NCName", ncname.into()),
            ("ID", ncname.into()),
            ("IDREF", ncname.into()),
            ("ENTITY", ncname.into()),
            ("IDREFS", format!("{ncname}( {ncname})*")),
            ("NMTOKEN", format!("{name_char}+")),
            ("NMTOKENS", format!("{name_char}+( {name_char}+)*")),
            ("language", "[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*".into()),
        ];
        pairs
            .into_iter()
            .map(|(k, v)| {
                (
                    k,
                    Regex::new(&format!("^(?:{v})$"))
                        .expect("the built-in lexical patterns compile"),
                )
            })
            .collect()
    });
    table.get(type_name)
}

/// White space as the type's `whiteSpace` facet has it: `string` keeps it, every other type
/// here collapses it.
fn normalise<'v>(type_name: &str, value: &'v str) -> std::borrow::Cow<'v, str> {
    match type_name {
        "string" => value.into(),
        "normalizedString" => value.replace(['\t', '\n', '\r'], " ").into(),
        _ => {
            let collapsed: Vec<&str> = value.split_ascii_whitespace().collect();
            if collapsed.len() == 1 && collapsed[0].len() == value.len() {
                value.into()
            } else {
                collapsed.join(" ").into()
            }
        }
    }
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Calendar checks the patterns cannot make: the day exists in its month (a gMonthDay
/// is checked against a leap year, as XSD says).
fn calendar_ok(type_name: &str, v: &str) -> bool {
    let digits = |s: &str| s.parse::<i64>().ok();
    match type_name {
        "date" | "dateTime" => {
            let body = v.strip_prefix('-').unwrap_or(v);
            let mut parts = body.splitn(3, '-');
            let (Some(y), Some(m), Some(d)) = (
                parts.next().and_then(digits),
                parts.next().and_then(digits),
                parts.next().map(|d| &d[..2]).and_then(digits),
            ) else {
                return false;
            };
            d as u32 <= days_in_month(y, m as u32)
        }
        "gMonthDay" => {
            let (Some(m), Some(d)) = (v.get(2..4).and_then(digits), v.get(5..7).and_then(digits))
            else {
                return false;
            };
            d as u32 <= days_in_month(2000, m as u32)
        }
        _ => true,
    }
}

fn numeric(type_name: &str) -> bool {
    matches!(
        type_name,
        "decimal" | "integer" | "nonNegativeInteger" | "positiveInteger" | "double" | "float"
    )
}

/// Orders two values of a type for the range facets: numbers numerically, dates and times
/// (same form, time zones ignored) as text, which their fixed-width forms allow.
fn compare(type_name: &str, a: &str, b: &str) -> Option<std::cmp::Ordering> {
    if numeric(type_name) {
        let x: f64 = a.trim_start_matches('+').parse().ok()?;
        let y: f64 = b.trim_start_matches('+').parse().ok()?;
        return x.partial_cmp(&y);
    }
    let strip = |s: &str| {
        let s = s.trim_end_matches('Z');
        match s.rfind(['+', '-']) {
            Some(i) if i > 7 && s[i..].contains(':') && !s[i..].contains('T') => s[..i].to_string(),
            _ => s.to_string(),
        }
    };
    let (x, y) = (strip(a), strip(b));
    // The year first: a negative one is earlier, a longer one (five digits or more)
    // later; then the rest, whose fields have fixed widths, as text (fractional seconds
    // make a dateTime longer, not later).
    let split = |s: &str| {
        let (neg, body) = match s.strip_prefix('-') {
            Some(b) => (true, b.to_string()),
            None => (false, s.to_string()),
        };
        let at = body
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(body.len());
        let (year, rest) = body.split_at(at);
        (neg, year.to_string(), rest.to_string())
    };
    let ((xn, xy, xr), (yn, yy, yr)) = (split(&x), split(&y));
    let year = match (xn, yn) {
        (false, true) => std::cmp::Ordering::Greater,
        (true, false) => std::cmp::Ordering::Less,
        (neg, _) => {
            let o = xy.len().cmp(&yy.len()).then_with(|| xy.cmp(&yy));
            if neg {
                o.reverse()
            } else {
                o
            }
        }
    };
    Some(year.then_with(|| xr.cmp(&yr)))
}

impl XsdTypes {
    fn pattern(&self, p: &str) -> Result<Arc<Regex>, String> {
        let mut cache = self
            .patterns
            .lock()
            .expect("no panic holds the pattern cache");
        if let Some(r) = cache.get(p) {
            return Ok(r.clone());
        }
        let r = Arc::new(
            Regex::new(&format!("^(?:{p})$"))
                .map_err(|e| format!("pattern {p:?} does not compile: {e}"))?,
        );
        cache.insert(p.to_string(), r.clone());
        Ok(r)
    }
}

impl DatatypeLibrary for XsdTypes {
    fn validate_params(&self, type_name: &str, params: &[(&str, &str)]) -> Result<(), String> {
        if !TYPES.contains(&type_name) {
            return Err(format!(
                "XSD type '{type_name}' is not supported by crosswalk's datatype library"
            ));
        }
        for (name, value) in params {
            if !FACETS.contains(name) {
                return Err(format!(
                    "facet '{name}' is not supported by crosswalk's datatype library"
                ));
            }
            if *name == "pattern" {
                self.pattern(value)?;
            }
        }
        Ok(())
    }

    fn matches(
        &self,
        type_name: &str,
        params: &[(&str, &str)],
        value: &str,
        _: &DatatypeContext,
    ) -> bool {
        let v = normalise(type_name, value);
        let v = v.as_ref();
        if let Some(re) = lexical(type_name) {
            if !re.is_match(v) || !calendar_ok(type_name, v) {
                return false;
            }
        }
        if type_name == "anyURI" && !crate::xml::uri::is_uri_reference(v) {
            return false;
        }
        params.iter().all(|(name, p)| match *name {
            "pattern" => self.pattern(p).is_ok_and(|re| re.is_match(v)),
            "length" => p.parse::<usize>().is_ok_and(|n| v.chars().count() == n),
            "minLength" => p.parse::<usize>().is_ok_and(|n| v.chars().count() >= n),
            "maxLength" => p.parse::<usize>().is_ok_and(|n| v.chars().count() <= n),
            "minInclusive" => compare(type_name, v, p).is_some_and(|o| o.is_ge()),
            "maxInclusive" => compare(type_name, v, p).is_some_and(|o| o.is_le()),
            "minExclusive" => compare(type_name, v, p).is_some_and(|o| o.is_gt()),
            "maxExclusive" => compare(type_name, v, p).is_some_and(|o| o.is_lt()),
            _ => false,
        })
    }

    fn values_equal(
        &self,
        type_name: &str,
        expected: &str,
        _: &DatatypeContext,
        actual: &str,
        _: &DatatypeContext,
    ) -> bool {
        let (e, a) = (normalise(type_name, expected), normalise(type_name, actual));
        if numeric(type_name) {
            return compare(type_name, &e, &a) == Some(std::cmp::Ordering::Equal);
        }
        if type_name == "boolean" {
            let b = |s: &str| matches!(s, "true" | "1");
            return b(&e) == b(&a) && lexical("boolean").is_some_and(|r| r.is_match(&a));
        }
        e == a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(t: &str, params: &[(&str, &str)], v: &str) -> bool {
        let lib = XsdTypes::default();
        lib.validate_params(t, params).unwrap();
        lib.matches(t, params, v, &DatatypeContext::default())
    }

    #[test]
    fn lexical_forms_and_calendar() {
        assert!(ok("date", &[], "2024-02-29") && !ok("date", &[], "2023-02-29"));
        assert!(ok("date", &[], " 1963-02-20 ") && !ok("date", &[], "1963-2-20"));
        assert!(
            ok("dateTime", &[], "1963-02-20T10:00:00+03:00") && !ok("dateTime", &[], "1963-02-20")
        );
        assert!(ok("gYear", &[], "1963") && !ok("gYear", &[], "63"));
        assert!(ok("boolean", &[], "true") && !ok("boolean", &[], "yes"));
        assert!(ok("nonNegativeInteger", &[], "0") && !ok("nonNegativeInteger", &[], "-1"));
        assert!(ok("NCName", &[], "a-b.c") && !ok("NCName", &[], "a:b"));
        assert!(ok("language", &[], "en-GB") && !ok("language", &[], "en_GB"));
        assert!(ok("duration", &[], "P1Y2M") && !ok("duration", &[], "1Y"));
    }

    #[test]
    fn facets() {
        assert!(ok(
            "token",
            &[("pattern", r"[\d]+(\.[\d]+){0,2}")],
            "4.12.0"
        ));
        assert!(!ok("token", &[("pattern", r"[\d]+(\.[\d]+){0,2}")], "x.y"));
        assert!(ok("date", &[("maxInclusive", "2099-12-31")], "2026-11-28"));
        assert!(!ok("date", &[("maxInclusive", "2099-12-31")], "2100-01-01"));
        // Fractional seconds make a dateTime longer, not later (ead3.rng's
        // standarddatetime); a five-digit year is later, a negative one earlier.
        let max = &[("maxInclusive", "2099-12-31T23:59:59")][..];
        assert!(ok("dateTime", max, "2016-04-21T14:05:03.262-04:00"));
        assert!(!ok("dateTime", max, "2100-01-01T00:00:00.5"));
        assert!(!ok("gYear", &[("maxInclusive", "2099")], "12000"));
        assert!(ok("gYear", &[("maxInclusive", "2099")], "-12000"));
        assert!(!ok("gYear", &[("minInclusive", "-0100")], "-0200"));
        assert!(ok(
            "decimal",
            &[("minInclusive", "0"), ("maxInclusive", "1")],
            "0.5"
        ));
        assert!(!ok("decimal", &[("minInclusive", "0")], "-0.5"));
    }

    #[test]
    fn unknown_types_and_facets_are_refused_at_schema_load() {
        let lib = XsdTypes::default();
        assert!(lib.validate_params("QName", &[]).is_err());
        assert!(lib
            .validate_params("token", &[("totalDigits", "3")])
            .is_err());
        assert!(lib.validate_params("token", &[("pattern", "(")]).is_err());
    }
}
