//! ISO 639-1 two-letter codes to ISO 639-2/B three-letter codes, which EAD's
//! `@langcode` expects. Covers the languages of the corpora and the most common others;
//! a code not listed is written as it is.

const ISO_639_1_TO_2B: &[(&str, &str)] = &[
    ("ar", "ara"),
    ("be", "bel"),
    ("bg", "bul"),
    ("ca", "cat"),
    ("cs", "cze"),
    ("cy", "wel"),
    ("da", "dan"),
    ("de", "ger"),
    ("el", "gre"),
    ("en", "eng"),
    ("es", "spa"),
    ("et", "est"),
    ("eu", "baq"),
    ("fa", "per"),
    ("fi", "fin"),
    ("fr", "fre"),
    ("ga", "gle"),
    ("gl", "glg"),
    ("he", "heb"),
    ("hi", "hin"),
    ("hr", "hrv"),
    ("hu", "hun"),
    ("hy", "arm"),
    ("is", "ice"),
    ("it", "ita"),
    ("ja", "jpn"),
    ("ka", "geo"),
    ("ko", "kor"),
    ("la", "lat"),
    ("lt", "lit"),
    ("lv", "lav"),
    ("mk", "mac"),
    ("nl", "dut"),
    ("no", "nor"),
    ("pl", "pol"),
    ("pt", "por"),
    ("ro", "rum"),
    ("ru", "rus"),
    ("sk", "slo"),
    ("sl", "slv"),
    ("sq", "alb"),
    ("sr", "srp"),
    ("sv", "swe"),
    ("tr", "tur"),
    ("uk", "ukr"),
    ("yi", "yid"),
    ("zh", "chi"),
];

/// The ISO 639-2/B code for a language tag such as `en`, `en-GB` or `rus`.
pub fn to_639_2b(code: &str) -> String {
    let primary = code
        .split(['-', '_'])
        .next()
        .unwrap_or(code)
        .to_ascii_lowercase();
    ISO_639_1_TO_2B
        .iter()
        .find(|(two, _)| *two == primary)
        .map(|(_, three)| three.to_string())
        .unwrap_or(primary)
}

/// True when [`to_639_2b`] gives `code` back as it is: a lower-case code of no 639-1
/// form, without a region (checked without making a copy).
pub fn is_639_2b(code: &str) -> bool {
    !code.contains(['-', '_'])
        && !code.bytes().any(|b| b.is_ascii_uppercase())
        && !ISO_639_1_TO_2B.iter().any(|(two, _)| *two == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_639_2b_says_whether_the_code_is_written_as_it_is() {
        for code in [
            "ger", "eng", "en", "EN", "en-GB", "rus", "de", "", "zh_Hant", "chi",
        ] {
            assert_eq!(is_639_2b(code), to_639_2b(code) == code, "{code}");
        }
    }
}
