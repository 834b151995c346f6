//! Values brought into EAD's datatypes, and the values EAD requires that a record may not
//! hold: the finding aid's id and the time of the maintenance event.
//!
//! | attribute | EAD 2002 (ead.xsd) | EAD3 (ead3.rng, ead3.sch) | here |
//! |---|---|---|---|
//! | `@normal` of `unitdate`, `date` | `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYYMMDD`, each with an optional `-`, years 0000–2999; two of them joined by `/` | the same pattern, in the schematron | [`date_normal`]: the date part kept, a time or time zone cut off |
//! | `@source`, `@otherlevel`, `@langcode` | NMTOKEN (`@langcode` NMTOKEN in both) | token | [`nmtoken`]: characters outside a name replaced by `_` |
//! | `eventdatetime/@standarddatetime` | — | `xs:dateTime` up to 2099 | [`event_datetime`] |

use sha2::{Digest, Sha256};

/// The date part of an ISO 8601 value in the form EAD's `@normal` allows, and whether
/// anything (a time, a time zone, trailing text) was cut off. `None` when the value does
/// not start with a year of four digits from 0000 to 2999.
pub fn date_normal(value: &str) -> Option<(String, bool)> {
    let v = value.trim();
    let b = v.as_bytes();
    let digits = |from: usize, n: usize| -> bool {
        b.len() >= from + n && b[from..from + n].iter().all(u8::is_ascii_digit)
    };
    let two = |at: usize| -> u32 { ((b[at] - b'0') * 10 + (b[at + 1] - b'0')) as u32 };
    let mut end = usize::from(b.first() == Some(&b'-'));
    if !digits(end, 4) || b[end] > b'2' {
        return None;
    }
    end += 4;
    let month_ok = |at: usize| digits(at, 2) && (1..=12).contains(&two(at));
    let day_ok = |at: usize| digits(at, 2) && (1..=31).contains(&two(at));
    if b.get(end) == Some(&b'-') && month_ok(end + 1) {
        end += 3;
        if b.get(end) == Some(&b'-') && day_ok(end + 1) {
            end += 3;
        }
    } else if month_ok(end) && day_ok(end + 2) && !digits(end + 4, 1) {
        end += 4;
    } else if digits(end, 1) {
        return None; // a year of five digits or more
    }
    Some((v[..end].to_string(), end < v.len()))
}

/// A character [`nmtoken`] keeps.
fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '.' | '-' | '_' | ':')
        || (('\u{C0}'..='\u{FF}').contains(&c) && c != '×' && c != '÷')
}

/// True when [`nmtoken`] gives `value` back as it is (without making a copy): name
/// characters only, and no `_` at the end (which it trims).
pub fn is_nmtoken(value: &str) -> bool {
    !value.is_empty() && !value.ends_with('_') && value.chars().all(name_char)
}

/// A value as an XML name token: each run of characters a name cannot hold (white space,
/// `/`, `#`, `?`, ...) becomes one `_`, leading and trailing ones dropped. `None` when
/// nothing is left. Letters beyond Latin-1 are replaced too, as the name characters of
/// XML 1.0's fourth edition (which XSD validators use) differ from the fifth's.
pub fn nmtoken(value: &str) -> Option<String> {
    let mut out = String::new();
    for c in value.chars() {
        if name_char(c) {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_').to_string();
    (!out.is_empty()).then_some(out)
}

/// True when a value can stand as an XML id (an NCName: a letter or `_` first, then
/// letters, digits, `.`, `-`, `_`, no colon). ASCII only, for the same reason as
/// [`nmtoken`].
pub fn is_ncname(value: &str) -> bool {
    let mut chars = value.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// XLink's `show` values, which both EAD versions take.
pub const LINK_SHOW: [&str; 5] = ["embed", "new", "replace", "none", "other"];

/// XLink's `actuate` values as EAD 2002 spells them, and as EAD3 does.
pub const LINK_ACTUATE: [(&str, &str); 4] = [
    ("onLoad", "onload"),
    ("onRequest", "onrequest"),
    ("none", "none"),
    ("other", "other"),
];

/// True when `value` of EAD's common attribute `name` is written as it is: an id that is
/// an XML name, an audience of EAD's two (`external`, `internal`), any other value.
pub fn common_value_fits(name: &str, value: &str) -> bool {
    match name {
        "id" => is_ncname(value),
        "audience" => matches!(value, "external" | "internal"),
        _ => true,
    }
}

/// A stable record id for a record that has none: `crosswalk-` and the first 16 hex
/// digits of the SHA-256 of the record's JSON, so that the same record always gets the
/// same id and different records practically never share one.
pub fn derived_id(r: &crate::model::Record) -> String {
    let json = serde_json::to_string(r).expect("records serialise");
    let digest = Sha256::digest(json.as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("crosswalk-{hex}")
}

/// The time of the maintenance event as `YYYY-MM-DDThh:mm:ssZ` (UTC), following the
/// reproducible-builds convention: `SOURCE_DATE_EPOCH` (seconds since 1970) when set,
/// otherwise the current time. `None` past 2099, which EAD3's `@standarddatetime` does not
/// allow.
pub fn event_datetime() -> Option<String> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    utc_datetime(epoch)
}

/// Seconds since 1970 as `YYYY-MM-DDThh:mm:ssZ`, for the years 0000 to 2099.
pub fn utc_datetime(epoch: i64) -> Option<String> {
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    if !(0..=2099).contains(&y) {
        return None;
    }
    Some(format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    ))
}

/// Year, month and day of a count of days since 1970-01-01 in the proleptic Gregorian
/// calendar (Howard Hinnant's days-to-civil algorithm: eras of 400 years from March 1).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn is_nmtoken_says_whether_nmtoken_keeps_the_value() {
        for v in [
            "Latn", "a b", "", "x/y", "café", "a×b", "_", "ok-1.2:3", "日本",
        ] {
            assert_eq!(is_nmtoken(v), nmtoken(v).as_deref() == Some(v), "{v}");
        }
    }

    use super::*;

    #[test]
    fn dates_keep_their_date_part_only() {
        let t = |s: &str| date_normal(s);
        assert_eq!(t("1963-02-20"), Some(("1963-02-20".into(), false)));
        assert_eq!(t("1963-02"), Some(("1963-02".into(), false)));
        assert_eq!(t("1963"), Some(("1963".into(), false)));
        assert_eq!(t("19630220"), Some(("19630220".into(), false)));
        assert_eq!(t("-0044-03-15"), Some(("-0044-03-15".into(), false)));
        assert_eq!(t("2015-12-10+01:00"), Some(("2015-12-10".into(), true)));
        assert_eq!(t("2015-12-10T10:00:00Z"), Some(("2015-12-10".into(), true)));
        assert_eq!(
            t("2020-07-04T18:01:34.10-02:00"),
            Some(("2020-07-04".into(), true))
        );
        assert_eq!(t("2015-12Z"), Some(("2015-12".into(), true)));
        assert_eq!(t("1850?"), Some(("1850".into(), true)));
        // A month or day out of range is not part of the date.
        assert_eq!(t("1963-13-01"), Some(("1963".into(), true)));
        assert_eq!(t("1963-02-32"), Some(("1963-02".into(), true)));
        for bad in ["", "ca. 1850", "--05-12", "850", "3000", "12345-01-01x"] {
            assert_eq!(t(bad), None, "{bad}");
        }
    }

    #[test]
    fn non_tokens_become_name_tokens() {
        assert_eq!(nmtoken("lcsh").as_deref(), Some("lcsh"));
        assert_eq!(
            nmtoken("https://d-nb.info/gnd/").as_deref(),
            Some("https:_d-nb.info_gnd")
        );
        assert_eq!(nmtoken(" local list ").as_deref(), Some("local_list"));
        assert_eq!(nmtoken("Bibliothèque").as_deref(), Some("Bibliothèque"));
        assert_eq!(nmtoken("#?/"), None);
        assert_eq!(nmtoken(""), None);
    }

    #[test]
    fn derived_ids_are_stable_and_differ_by_content() {
        use crate::model::{Record, Title};
        let a = Record {
            titles: vec![Title {
                text: "A".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let mut b = a.clone();
        b.titles[0].text = "B".into();
        let id = derived_id(&a);
        assert_eq!(id, derived_id(&a.clone()));
        assert_ne!(id, derived_id(&b));
        assert!(id.starts_with("crosswalk-") && id.len() == "crosswalk-".len() + 16);
        assert!(id["crosswalk-".len()..]
            .chars()
            .all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn epoch_seconds_become_utc_date_times() {
        assert_eq!(utc_datetime(0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            utc_datetime(951_782_400).as_deref(),
            Some("2000-02-29T00:00:00Z")
        );
        assert_eq!(
            utc_datetime(1_700_000_000).as_deref(),
            Some("2023-11-14T22:13:20Z")
        );
        assert_eq!(utc_datetime(-1).as_deref(), Some("1969-12-31T23:59:59Z"));
        assert_eq!(
            utc_datetime(4_102_444_799).as_deref(),
            Some("2099-12-31T23:59:59Z")
        );
        assert_eq!(utc_datetime(4_102_444_800), None);
    }
}
