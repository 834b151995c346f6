//! The DCMI terms table: every property of the fifteen DC elements and of DCMI Metadata
//! Terms, the element it refines (the dumb-down rule, written once here), and its one
//! home in the model. Readers map a property through [`by_name`]; writers find the
//! property of a model value through [`for_home`] and the element it reduces to through
//! [`Term::element`].

/// Where a property's values live in the model. The `&str` is the model vocabulary key
/// (`Keyed::key`) of the kind the value gets there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Home {
    /// `titles`, by title kind.
    Title(&'static str),
    /// `agents`, by role.
    Agent(&'static str),
    /// `subjects`, by subject kind (`dc:type` is a genre/form access point).
    Subject(&'static str),
    /// `notes`, by note kind.
    Note(&'static str),
    /// `abstract`.
    Abstract,
    /// `dates`, by date kind.
    Date(&'static str),
    /// `extents` (format, extent, medium: the property is the value's spelling).
    Extent,
    /// `identifiers`.
    Identifier,
    /// `languages`.
    Language,
    /// `relations`, by relation kind.
    Relation(&'static str),
    /// `rights[].statement`.
    Rights,
    /// `rights[].licence`.
    Licence,
}

/// One DCMI property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// Its local name (`isPartOf`).
    pub name: &'static str,
    /// The DC element it reduces to, `None` for the properties of DCMI Metadata Terms that
    /// refine none of the fifteen (audience, provenance, rightsHolder, accrual...).
    pub element: Option<&'static str>,
    pub home: Home,
}

impl Term {
    /// True for the fifteen elements themselves (written in the `dc` namespace).
    pub fn is_element(&self) -> bool {
        self.element == Some(self.name)
    }
}

const fn t(name: &'static str, element: Option<&'static str>, home: Home) -> Term {
    Term {
        name,
        element,
        home,
    }
}

use Home::*;

/// Every property, the fifteen elements first. Where several properties share a home,
/// the first listed is what a writer uses for a value whose source named none (`dc:date`
/// and `dcterms:created` both go to dates: a creation date is written `dcterms:created`).
pub const TERMS: &[Term] = &[
    t("title", Some("title"), Title("main")),
    t("creator", Some("creator"), Agent("creator")),
    t("subject", Some("subject"), Subject("topic")),
    t("description", Some("description"), Note("scope_content")),
    t("publisher", Some("publisher"), Agent("publisher")),
    t("contributor", Some("contributor"), Agent("contributor")),
    t("date", Some("date"), Date("date")),
    t("type", Some("type"), Subject("genre_form")),
    t("format", Some("format"), Extent),
    t("identifier", Some("identifier"), Identifier),
    t("source", Some("source"), Relation("source")),
    t("language", Some("language"), Language),
    t("relation", Some("relation"), Relation("related")),
    t("coverage", Some("coverage"), Subject("place")),
    t("rights", Some("rights"), Rights),
    // Refinements, by the element they refine.
    t("alternative", Some("title"), Title("alt")),
    t("abstract", Some("description"), Abstract),
    t(
        "tableOfContents",
        Some("description"),
        Note("table_of_contents"),
    ),
    t("created", Some("date"), Date("creation")),
    t("issued", Some("date"), Date("publication")),
    t("modified", Some("date"), Date("modified")),
    t("available", Some("date"), Date("available")),
    t("valid", Some("date"), Date("valid")),
    t("dateAccepted", Some("date"), Date("date_accepted")),
    t("dateCopyrighted", Some("date"), Date("date_copyrighted")),
    t("dateSubmitted", Some("date"), Date("date_submitted")),
    t("extent", Some("format"), Extent),
    t("medium", Some("format"), Extent),
    t(
        "bibliographicCitation",
        Some("identifier"),
        Note("preferred_citation"),
    ),
    t("isPartOf", Some("relation"), Relation("is_part_of")),
    t("hasPart", Some("relation"), Relation("has_part")),
    t("isVersionOf", Some("relation"), Relation("is_version_of")),
    t("hasVersion", Some("relation"), Relation("has_version")),
    t("isReplacedBy", Some("relation"), Relation("is_replaced_by")),
    t("replaces", Some("relation"), Relation("replaces")),
    t("isRequiredBy", Some("relation"), Relation("is_required_by")),
    t("requires", Some("relation"), Relation("requires")),
    t(
        "isReferencedBy",
        Some("relation"),
        Relation("is_referenced_by"),
    ),
    t("references", Some("relation"), Relation("references")),
    t("isFormatOf", Some("relation"), Relation("is_format_of")),
    t("hasFormat", Some("relation"), Relation("has_format")),
    t("conformsTo", Some("relation"), Relation("conforms_to")),
    t("spatial", Some("coverage"), Subject("place")),
    t("temporal", Some("coverage"), Subject("temporal")),
    t("accessRights", Some("rights"), Note("access_restrictions")),
    t("license", Some("rights"), Licence),
    // Properties that refine no element.
    t("provenance", None, Note("custodial_history")),
    t("rightsHolder", None, Agent("rights_holder")),
    t("audience", None, Note("audience")),
    t("mediator", None, Note("mediator")),
    t("educationLevel", None, Note("education_level")),
    t("accrualMethod", None, Note("accrual_method")),
    t("accrualPeriodicity", None, Note("accrual_periodicity")),
    t("accrualPolicy", None, Note("accrual_policy")),
    t("instructionalMethod", None, Note("instructional_method")),
];

/// The property of a local name, exactly as DCMI spells it.
pub fn by_name(name: &str) -> Option<&'static Term> {
    TERMS.iter().find(|t| t.name == name)
}

/// The property of a name spelled with another case (`ispartof`, `Title`, the DSpace
/// qualifier `tableofcontents`): a slip that is still unambiguous.
pub fn by_name_loose(name: &str) -> Option<&'static Term> {
    by_name(name).or_else(|| TERMS.iter().find(|t| t.name.eq_ignore_ascii_case(name)))
}

/// The property a value in `home` is written as: the one its source named (`spelled`)
/// when that property lives in the same home, else the first listed for the home.
pub fn for_home(home: Home, spelled: Option<&str>) -> Option<&'static Term> {
    if let Some(t) = spelled.and_then(by_name).filter(|t| t.home == home) {
        return Some(t);
    }
    TERMS.iter().find(|t| t.home == home)
}

/// The encoding schemes the DCMI `dcterms.xsd` declares as types for `xsi:type`.
pub const SCHEMES: &[&str] = &[
    "LCSH", "MESH", "DDC", "LCC", "UDC", "Period", "W3CDTF", "DCMIType", "IMT", "URI", "ISO639-2",
    "ISO639-3", "RFC1766", "RFC3066", "RFC4646", "Point", "ISO3166", "Box", "TGN",
];

/// The DCMI Type Vocabulary (`dcmitype.xsd`).
pub const DCMI_TYPES: &[&str] = &[
    "Collection",
    "Dataset",
    "Event",
    "Image",
    "MovingImage",
    "StillImage",
    "InteractiveResource",
    "Service",
    "Software",
    "Sound",
    "Text",
    "PhysicalObject",
];

/// The scheme's name as `dcterms.xsd` spells it, for a name in any case (`lcsh`, `w3cdtf`).
pub fn scheme_name(name: &str) -> Option<&'static str> {
    SCHEMES
        .iter()
        .find(|s| s.eq_ignore_ascii_case(name))
        .copied()
}

/// True when `value` is a valid value of the scheme's type in `dcterms.xsd`, so that an
/// `xsi:type` naming it keeps the output valid.
pub fn scheme_admits(scheme: &str, value: &str) -> bool {
    match scheme {
        "W3CDTF" => is_w3cdtf(value),
        "DCMIType" => DCMI_TYPES.contains(&value),
        "RFC1766" | "RFC3066" | "RFC4646" => is_xs_language(value),
        "URI" => !value.chars().any(|c| c.is_whitespace()) && !value.is_empty(),
        _ => SCHEMES.contains(&scheme),
    }
}

/// `xs:language`: letters, then groups of letters and digits, hyphen-separated, 1–8 each.
pub fn is_xs_language(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    let ok = |p: &str, alpha_only: bool| {
        (1..=8).contains(&p.len())
            && p.chars()
                .all(|c| c.is_ascii_alphabetic() || (!alpha_only && c.is_ascii_digit()))
    };
    ok(first, true) && parts.all(|p| ok(p, false))
}

/// A value of `xs:gYear`, `xs:gYearMonth`, `xs:date` or `xs:dateTime` (the union the
/// W3CDTF type allows), time zone optional.
pub fn is_w3cdtf(v: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let (date, time) = match v.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (v, None),
    };
    let (date, zone_on_date) = split_zone(date, time.is_none());
    let parts: Vec<&str> = date.split('-').collect();
    let month_ok = |m: &str| digits(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0));
    let day_ok = |d: &str| digits(d, 2) && (1..=31).contains(&d.parse::<u32>().unwrap_or(0));
    let date_ok = match parts.as_slice() {
        [y] => digits(y, 4) && time.is_none(),
        [y, m] => digits(y, 4) && month_ok(m) && time.is_none(),
        [y, m, d] => digits(y, 4) && month_ok(m) && day_ok(d),
        _ => false,
    };
    if !date_ok || !zone_ok(zone_on_date) {
        return false;
    }
    match time {
        None => true,
        Some(t) => {
            let (t, zone) = split_zone(t, true);
            let (hms, frac) = match t.split_once('.') {
                Some((a, f)) => (a, Some(f)),
                None => (t, None),
            };
            let p: Vec<&str> = hms.split(':').collect();
            p.len() == 3
                && p.iter().all(|x| digits(x, 2))
                && p[0] <= "24"
                && p[1] <= "59"
                && p[2] <= "60"
                && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
                && zone_ok(zone)
        }
    }
}

/// Splits a trailing time zone (`Z`, `+01:00`) off; `allowed` false leaves the text whole.
fn split_zone(s: &str, allowed: bool) -> (&str, &str) {
    if !allowed {
        return (s, "");
    }
    if let Some(x) = s.strip_suffix('Z') {
        return (x, "Z");
    }
    if s.len() > 6 {
        let (a, b) = s.split_at(s.len() - 6);
        if (b.starts_with('+') || b.starts_with('-')) && b.as_bytes()[3] == b':' {
            return (a, b);
        }
    }
    (s, "")
}

fn zone_ok(z: &str) -> bool {
    if z.is_empty() || z == "Z" {
        return true;
    }
    let b = z.as_bytes();
    b.len() == 6
        && b[1].is_ascii_digit()
        && b[2].is_ascii_digit()
        && b[4].is_ascii_digit()
        && b[5].is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refinement_reduces_to_one_of_the_fifteen() {
        for t in TERMS {
            if let Some(e) = t.element {
                assert!(by_name(e).is_some_and(|x| x.is_element()), "{}", t.name);
            }
        }
        assert_eq!(TERMS.iter().filter(|t| t.is_element()).count(), 15);
    }

    #[test]
    fn names_are_unique_and_homes_have_a_first_property() {
        for (i, t) in TERMS.iter().enumerate() {
            assert!(TERMS[..i].iter().all(|u| u.name != t.name), "{}", t.name);
        }
        assert_eq!(
            for_home(Home::Date("creation"), None).unwrap().name,
            "created"
        );
        assert_eq!(for_home(Home::Date("date"), None).unwrap().name, "date");
        assert_eq!(
            for_home(Home::Subject("place"), Some("spatial"))
                .unwrap()
                .name,
            "spatial"
        );
        assert_eq!(
            for_home(Home::Extent, Some("title")).unwrap().name,
            "format"
        );
    }

    #[test]
    fn w3cdtf_is_the_schema_union() {
        for ok in [
            "1963",
            "1963-02",
            "1963-02-20",
            "2019-08-29T15:54:50Z",
            "2021-12-01T03:30:21.837055",
            "2003-04-15T10:18:51+02:00",
        ] {
            assert!(is_w3cdtf(ok), "{ok}");
        }
        for bad in [
            "",
            "1881; 1882",
            "63",
            "1963-13",
            "1963-02-20T10",
            "c. 1900",
            "2012-06-01 -- 2016-06-01",
        ] {
            assert!(!is_w3cdtf(bad), "{bad}");
        }
    }
}
