//! The crosswalk between EAD 2002 and EAD3, as the EAD3 tag library describes it: what
//! was renamed, what an attribute became, which values were respelled. Read left to right
//! for 2002 → EAD3, right to left for EAD3 → 2002. What EAD3 removed without a successor
//! is in neither column: the migration unwraps it (keeping its text) or ledgers it.

/// Elements renamed from EAD 2002 to EAD3 (context-free renames).
pub const ELEMENTS: &[(&str, &str)] = &[
    ("eadid", "recordid"),
    ("daodesc", "descriptivenote"),
    ("daogrp", "daoset"),
    ("daoloc", "dao"),
    ("extref", "ref"),
    ("extptr", "ptr"),
    ("extrefloc", "ref"),
    ("refloc", "ref"),
    ("extptrloc", "ptr"),
    ("ptrloc", "ptr"),
    ("eventgrp", "chronitemset"),
    ("langusage", "languagedeclaration"),
    ("descrules", "conventiondeclaration"),
];

/// 2002 `note`: `didnote` inside `did`, `footnote` anywhere else.
/// (`controlnote` in `notestmt`).
/// At a level (`archdesc`, a component) EAD3 has no note: `odd`, its other
/// descriptive information, holds it.
pub fn note3(parent: &str) -> &'static str {
    match parent {
        "did" => "didnote",
        "notestmt" => "controlnote",
        "archdesc" => "odd",
        p if crate::ead::is_component(p) => "odd",
        _ => "footnote",
    }
}

/// Attributes renamed on every element (2002 → EAD3).
pub const ATTRIBUTES: &[(&str, &str)] = &[
    ("authfilenumber", "identifier"),
    ("role", "relator"),
    ("langcode", "langcode"),
    ("scriptcode", "scriptcode"),
];

/// EAD 2002's free `@type`, by element: where EAD3 gave it a name of its own.
pub const TYPE_ATTRIBUTE: &[(&str, &str)] = &[
    ("list", "listtype"),
    ("unitdate", "unitdatetype"),
    ("dsc", "dsctype"),
];

/// `@type` becomes `@localtype` everywhere else.
pub const LOCAL_TYPE: &str = "localtype";

/// XLink attributes (2002 schema form) → EAD3's plain link attributes.
pub const XLINK: &[(&str, &str)] = &[
    ("href", "href"),
    ("title", "linktitle"),
    ("role", "linkrole"),
    ("arcrole", "arcrole"),
    ("actuate", "actuate"),
    ("show", "show"),
];

/// Attribute values respelled (attribute in EAD3, 2002 value, EAD3 value).
pub const VALUES: &[(&str, &str, &str)] = &[
    ("actuate", "onLoad", "onload"),
    ("actuate", "onRequest", "onrequest"),
    ("listtype", "simple", "unordered"),
    ("listtype", "marked", "unordered"),
    ("dsctype", "othertype", "otherdsctype"),
];

/// Closed-list attributes whose "other" value takes the free value in a second attribute.
pub const OTHER_VALUE: &[(&str, &str, &str)] = &[
    ("level", "otherlevel", "otherlevel"),
    ("dsctype", "otherdsctype", "otherdsctype"),
    ("daotype", "otherdaotype", "otherdaotype"),
];

/// Name elements: EAD3 holds their text in `part`.
pub const NAMES: &[&str] = &[
    "persname",
    "corpname",
    "famname",
    "name",
    "geogname",
    "subject",
    "genreform",
    "function",
    "occupation",
    "title",
];

/// Blocks that EAD 2002 allowed inside a paragraph (or another block's text) and EAD3
/// does not: they move out to the enclosing block, after the text before them.
pub const BLOCKS: &[&str] = &["table", "chronlist", "list", "blockquote", "address"];

pub fn renamed(name: &str) -> &str {
    ELEMENTS
        .iter()
        .find(|(a, _)| *a == name)
        .map_or(name, |(_, b)| b)
}

/// Parts of a 2002 `physdesc` that EAD3's `physdesc` holds as text: each written apart.
pub const STATEMENTS: &[&str] = &["extent", "physfacet", "dimensions", "genreform"];

/// Elements whose content, unwrapped into the text around it, is set apart by spaces:
/// the statements of a physical description and block-level elements, which separate
/// words however they were serialised.
pub const SEPARATE: &[&str] = &[
    "extent",
    "physfacet",
    "dimensions",
    "genreform",
    "head",
    "p",
    "list",
    "item",
    "defitem",
    "label",
    "chronlist",
    "chronitem",
    "event",
    "table",
    "row",
    "entry",
    "blockquote",
    "address",
    "addressline",
    "note",
    "dsc",
    // A number unwrapped from a title (`logbooks<num>FC.0042</num>`).
    "num",
];
