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
