use serde::{Deserialize, Serialize};

use super::{
    Agent, Attributes, Block, Container, DateRef, DigitalObject, Note, PhysicalLocation, Place,
    RecordControl, Subject,
};

/// The version of the JSON exchange form. Bump it when a field changes meaning or a field
/// is added that an older crosswalk would refuse (the form denies unknown fields).
/// Version 2 added record control, containers, digital objects, physical locations,
/// material details, name details, EAD attributes, open note, title, subject and
/// relation kinds, date spans and sets, definition lists, chronologies, tables, titles,
/// choices and internal references in text, and the source's spelling.
pub const FORMAT_VERSION: &str = "crosswalk-record/2";

/// Every version this crosswalk reads. Version 1 is a subset of version 2 in which every
/// field has the meaning it has now, so a version-1 document is read as it is.
pub const READABLE_VERSIONS: &[&str] = &[FORMAT_VERSION, "crosswalk-record/1"];

/// The JSON envelope: a format version and one record (which may hold a hierarchy).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Always [`FORMAT_VERSION`] when written; checked when read.
    pub format: String,
    pub record: Record,
}

impl Document {
    pub fn new(record: Record) -> Self {
        Document {
            format: FORMAT_VERSION.to_string(),
            record,
        }
    }
}

/// One described thing: a document, a file, a series or a whole collection.
///
/// TEI: a `TEI` document (header + text); `teiCorpus` for a collection.
/// DC: one `oai_dc:dc` record. EAD 2002/EAD3: `archdesc` (top) or a `c`/`c01`… (child).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Record {
    /// Level of description. TEI: `teiCorpus` = collection, `TEI` = item (or `msPart`);
    /// DC: none (`dc:type` at most); EAD 2002 and EAD3: `@level` on `archdesc` and `c`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// The description's own header. See [`RecordControl`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<RecordControl>,
    /// Identifiers. TEI: `publicationStmt/idno`, `msIdentifier/idno`;
    /// DC: `dc:identifier`; EAD 2002: `did/unitid`, `eadheader/eadid`;
    /// EAD3: `did/unitid`, `control/recordid`, `control/otherrecordid`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
    /// Titles, the first main title first. TEI: `titleStmt/title`; DC: `dc:title`
    /// (`dcterms:alternative`); EAD 2002: `did/unittitle` and `titleproper`; EAD3 the same.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<Title>,
    /// People and bodies with their roles. TEI: `author`, `editor`, `respStmt`, `funder`,
    /// `publisher`, `msIdentifier/repository`; DC: `dc:creator`, `dc:contributor`,
    /// `dc:publisher`; EAD 2002: `origination`, `controlaccess` names, `sponsor`,
    /// `repository`, `publicationstmt/publisher`; EAD3: the same, names with `@relator`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub agents: Vec<Agent>,
    /// Dates, each with display text and a normalised form. TEI: `date` with `@when`,
    /// `@notBefore/@notAfter`, `@from/@to`; DC: `dc:date` (`dcterms:created`, `issued`);
    /// EAD 2002: `unitdate` + `@normal`; EAD3: `unitdate` or `unitdatestructured`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<DateRef>,
    /// Places of origin, dispatch and receipt. See [`Place`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<Place>,
    /// Languages of the material. TEI: `langUsage/language/@ident`; DC: `dc:language`;
    /// EAD 2002: `langmaterial/language/@langcode`; EAD3: `langmaterial/language`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Language>,
    /// Subjects and access points. TEI: `textClass/keywords/term`, header `persName`,
    /// `placeName`, `orgName`; DC: `dc:subject`, places `dc:coverage`; EAD 2002 and EAD3:
    /// `controlaccess/{subject,persname,corpname,famname,geogname,genreform}`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<Subject>,
    /// Physical or digital extent. TEI: `extent`, `physDesc`; DC: `dc:format`
    /// (`dcterms:extent`); EAD 2002: `did/physdesc/extent`; EAD3: `physdesc`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extents: Vec<Extent>,
    /// Housings of the material (boxes, folders). See [`Container`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub containers: Vec<Container>,
    /// Digital copies and files. See [`DigitalObject`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub digital_objects: Vec<DigitalObject>,
    /// Places in the repository. See [`PhysicalLocation`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub physical_locations: Vec<PhysicalLocation>,
    /// Details particular to a kind of material (scale of a map, a stamp's denomination).
    /// EAD `did/materialspec`; TEI `msDesc/physDesc` at most; DC none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub material_specs: Vec<String>,
    /// Summary of content, one entry a paragraph. TEI: `profileDesc/abstract`;
    /// DC: `dc:description` (`dcterms:abstract`); EAD 2002 and EAD3: `did/abstract`.
    #[serde(rename = "abstract", skip_serializing_if = "Vec::is_empty")]
    pub abstract_: Vec<String>,
    /// Typed descriptive notes (scope, history, custody, access, use, citation, ...).
    /// See [`NoteKind`](super::NoteKind) for each kind's counterparts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// Rights and licences. TEI: `availability/p`, `licence/@target`; DC: `dc:rights`
    /// (`dcterms:license`); EAD 2002 and EAD3: `userestrict`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rights: Vec<Rights>,
    /// Where the original is held and under what reference. TEI: `msIdentifier`
    /// (`repository`, `collection`, `idno`), `sourceDesc/bibl`; DC: `dc:source`;
    /// EAD 2002 and EAD3: `did/repository`, `did/unitid`, `originalsloc`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holding: Option<Holding>,
    /// Security classification of the original. TEI: `msDesc` `note[@type=classification]`;
    /// DC: `dc:rights` (`dcterms:accessRights`); EAD 2002 and EAD3: `accessrestrict`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security: Option<Security>,
    /// Kind of document ("Memorandum of Conversation"). TEI: `textClass/classCode` or
    /// `msItem/@class`; DC: `dc:type`; EAD 2002 and EAD3: `controlaccess/genreform`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub document_types: Vec<String>,
    /// Links to other resources. TEI: `relatedItem`, `seriesStmt`; DC: `dc:relation`,
    /// `dc:source` (`dcterms:isPartOf`, ...); EAD 2002 and EAD3: `relatedmaterial`,
    /// `separatedmaterial`, `otherfindaid`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    /// The text itself, as structured blocks. TEI: `text/body`; DC: none (a loss);
    /// EAD 2002 and EAD3: none at item level (a loss).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<Block>,
    /// Child records in the archival hierarchy. TEI: `teiCorpus/TEI`, `msPart`;
    /// DC: none (each child is its own record, a loss in one-record output);
    /// EAD 2002: `dsc/c` (or `c01`–`c12`); EAD3: `dsc/c`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Record>,
    /// Path of the element this record was read from (`/ead/archdesc/dsc/c[2]`), set by
    /// readers so that the loss ledger can point back into the source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// The attributes of the level's own element (EAD `archdesc`/`c` `@id`, ...).
    #[serde(skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
    /// Source content no reader mapping covers, kept verbatim with its path.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unmapped: Vec<Unmapped>,
    /// The source's spelling of the record's own layout, for its own writer: see
    /// [`Spelling`]. The TEI reader notes the order of a header container's children
    /// where it differs from the order the TEI writer would use
    /// (`teiHeader/profileDesc` = `textClass langUsage`).
    #[serde(skip_serializing_if = "Spelling::is_empty")]
    pub spelling: Spelling,
}

/// Level of description. EAD `@level` values; TEI and DC have no such attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Collection,
    Fonds,
    Series,
    Subseries,
    File,
    Item,
    /// EAD `otherlevel` with `@otherlevel`.
    Other(String),
}

/// An identifier with its kind.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Identifier {
    pub value: String,
    pub kind: IdentifierKind,
    /// Who assigned it (EAD `@countrycode`/`@repositorycode`, TEI `idno/@source`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    /// The encoding scheme of the value (DC `xsi:type="dcterms:URI"`, EAD `@identifier`
    /// rules).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    #[serde(skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
    /// The source's spelling, for its own writer: see [`Spelling`].
    #[serde(skip_serializing_if = "Spelling::is_empty")]
    pub spelling: Spelling,
}

/// What an identifier identifies. TEI `idno/@type`; EAD `unitid/@type`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IdentifierKind {
    /// The record's own id in the publishing system (TEI `publicationStmt/idno`,
    /// EAD 2002 `eadid`, EAD3 `recordid`).
    Record,
    /// The unit's reference code (EAD `unitid`, TEI `msIdentifier/idno`).
    #[default]
    Unit,
    /// A resolvable address (TEI `idno[@type=URI]`, DC `dc:identifier` URI).
    Uri,
    Doi,
    Handle,
    /// A number written on the original ("Outgoing Nº 85").
    Registry,
    Other(String),
}

/// A title. TEI `title/@type` gives the kind.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Title {
    pub text: String,
    pub kind: TitleKind,
    /// ISO 639 code of the title's language (`@xml:lang`, EAD `@lang`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The title as inline content, when the source marks it up (TEI `hi`, `persName`,
    /// ... inside `title`); `text` is then its plain text, which targets without the
    /// markup write.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub markup: Vec<super::Inline>,
    #[serde(skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
    /// The source's spelling, for its own writer: see [`Spelling`].
    #[serde(skip_serializing_if = "Spelling::is_empty")]
    pub spelling: Spelling,
}

/// TEI `title/@type`: main, sub, alt, ...; DC `dc:title` vs `dcterms:alternative`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TitleKind {
    #[default]
    Main,
    Sub,
    Alternative,
    /// A title in another language.
    Parallel,
    /// A kind the source names that none of the above covers (TEI `@type="short"`).
    Other(String),
}

/// A language of the material.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Language {
    /// ISO 639 code (639-1, 639-2/B or 639-3 as the source gives it).
    pub code: String,
    /// The language's name as written (`language` text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// ISO 15924 script code (EAD3 `script/@scriptcode`, EAD 2002 `language/@scriptcode`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub script: Option<String>,
    /// The code list (DC `xsi:type="dcterms:ISO639-2"`, `RFC4646`; EAD `@langcode` is
    /// ISO 639-2b).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// The source's spelling, for its own writer: see [`Spelling`].
    #[serde(skip_serializing_if = "Spelling::is_empty")]
    pub spelling: Spelling,
}

/// An extent statement ("1 page", "3 linear feet").
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Extent {
    pub text: String,
    /// Machine quantity and unit, when known (EAD3 `physdescstructured`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// What the quantity measures. EAD3 `physdescstructured/@physdescstructuredtype`
    /// (`carrier`, `materialtype`, `spaceoccupied`, `otherphysdescstructuredtype`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Other physical characteristics. EAD `physfacet`; TEI `physDesc` parts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facets: Vec<String>,
    /// Sizes. EAD `dimensions`; TEI `dimensions`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<String>,
    #[serde(skip_serializing_if = "Attributes::is_empty")]
    pub attributes: Attributes,
    /// The source's spelling, for its own writer: see [`Spelling`].
    #[serde(skip_serializing_if = "Spelling::is_empty")]
    pub spelling: Spelling,
}

impl Extent {
    /// Those of `values` (its quantity, its unit) that its text does not state as a word:
    /// what a writer that writes only the text has to ledger.
    pub fn outside_text<'a>(&self, values: &[Option<&'a str>]) -> Vec<&'a str> {
        values
            .iter()
            .flatten()
            .copied()
            .filter(|v| !self.text.split_whitespace().any(|x| x == *v))
            .collect()
    }
}

/// A rights statement. TEI `availability`; DC `dc:rights`; EAD `userestrict`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Rights {
    /// The statement, one entry a paragraph.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub statement: Vec<String>,
    /// A licence URI (TEI `licence/@target`, DC `dcterms:license`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// Availability status (TEI `availability/@status`: free, restricted, unknown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The source's spelling, for its own writer: see [`Spelling`].
    #[serde(skip_serializing_if = "Spelling::is_empty")]
    pub spelling: Spelling,
}

/// Where the original is held. TEI `msIdentifier`; EAD `did/repository` + `unitid`.
/// The holding institution itself is an [`Agent`] with [`Role::Repository`](super::Role).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Holding {
    /// Place of the institution (TEI `settlement`, EAD `repository/address`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settlement: Option<String>,
    /// Fonds or collection within it (TEI `collection`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection: Option<String>,
    /// The archival reference as a citation (TEI `msIdentifier/idno`, EAD `unitid`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The source's spelling, for its own writer: see [`Spelling`].
    #[serde(skip_serializing_if = "Spelling::is_empty")]
    pub spelling: Spelling,
}

/// Security marking of the original document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Security {
    /// Marking as it stands on the document ("Top Secret").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
    /// The original classification, as the publisher records it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_classification: Option<String>,
    /// Copy number written on the document ("1").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_number: Option<String>,
}

/// A link to another resource.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Relation {
    pub kind: RelationKind,
    /// A citation or title of the other resource.
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// The source's spelling, for its own writer: see [`Spelling`].
    #[serde(skip_serializing_if = "Spelling::is_empty")]
    pub spelling: Spelling,
}

/// DC relation refinements; EAD `relatedmaterial`/`separatedmaterial`/`otherfindaid`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    #[default]
    Related,
    IsPartOf,
    HasPart,
    /// The resource this one was derived from (DC `dc:source`).
    Source,
    IsVersionOf,
    References,
    /// Material separated from the unit (EAD `separatedmaterial`).
    Separated,
    /// A relation the source names that none of the above covers (DC refinements such as
    /// `dcterms:replaces`, TEI `relatedItem/@type`).
    Other(String),
}

/// Source content a reader does not map, kept verbatim.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Unmapped {
    /// Source format name (`tei`, `ead`, `ead3`, `dc`).
    pub format: String,
    /// Path of the element in the source, e.g. `/TEI/teiHeader/encodingDesc`.
    pub path: String,
    /// Line of the element in the source, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Position among its parent's child elements in the source (0 = first), so that the
    /// same-format writer puts it back where it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<u32>,
    /// The element serialised as XML, namespaces declared on it.
    pub xml: String,
}

/// How the source format spelled what a value's fields mean, where it has several
/// spellings for one meaning: TEI `idno/@type` written `URI` for the kind `uri`, a `title`
/// with no `@type` (read as a main title), an `author` holding its name without a
/// `persName`. Keys and values are the format's own (`type` = `URI`, `type` = `` for
/// none written); only the same-format writer reads them, every other writer works from
/// the fields alone.
pub type Spelling = std::collections::BTreeMap<String, String>;
