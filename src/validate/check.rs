//! Checking one document: choose the schema from its root element, namespace and form,
//! prepare the text where the schema needs it (EAD 2002 in its DTD form, the records of an
//! OAI-PMH response), run the validator, and report.

use std::collections::HashMap;

use serde::Serialize;

use super::{compile, Diagnostic, Schema, Validator};
use crate::error::{Error, ErrorKind, Pos};
use crate::format::{self, EAD2002_NS, EAD3_NS, OAI_DC_NS, OAI_PMH_NS, TEI_NS, XLINK_NS};
use crate::xml::tree::{Document, Node};

/// The verdict on one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Valid,
    Invalid,
    /// Not readable as XML (not well-formed, bad encoding, unreadable file).
    Unreadable,
    /// No bundled schema applies (an unknown root element, a record format with none).
    Skipped,
    /// Not an XML file by its name, found in a folder: counted, not checked.
    NotXml,
}

/// What was found in one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub file: String,
    pub status: Status,
    /// The schema and version used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// How the document was validated, where that is not simply as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// Why the file could not be read or was skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl FileReport {
    fn new(file: &str) -> FileReport {
        FileReport {
            file: file.to_string(),
            status: Status::Valid,
            schema: None,
            note: None,
            diagnostics: Vec::new(),
            error: None,
        }
    }

    pub fn unreadable(file: &str, e: &Error) -> FileReport {
        let mut r = FileReport::new(file);
        r.status = Status::Unreadable;
        r.error = Some(match e.pos {
            Some(p) => format!("{}:{}: {}", p.line, p.column, e.message),
            None => e.message.clone(),
        });
        r
    }

    pub fn skipped(file: &str, why: &str) -> FileReport {
        let mut r = FileReport::new(file);
        r.status = Status::Skipped;
        r.error = Some(why.to_string());
        r
    }

    pub fn not_xml(file: &str) -> FileReport {
        let mut r = FileReport::new(file);
        r.status = Status::NotXml;
        r.error = Some("not an XML file (by its name)".to_string());
        r
    }
}

/// Compiled validators, one per schema, made on first use. Per thread: the XSD engine's
/// schema sets are `Send` but not `Sync`.
#[derive(Default)]
pub struct Validators {
    compiled: HashMap<Schema, Box<dyn Validator>>,
}

impl Validators {
    pub fn get(&mut self, schema: Schema) -> crate::Result<&dyn Validator> {
        let v: &mut Box<dyn Validator> = match self.compiled.entry(schema) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(compile(schema)?),
        };
        Ok(&**v)
    }
}

/// How a document is to be checked.
enum Plan {
    Whole(Schema),
    EadDtdForm,
    Records,
    NoSchema(String),
}

fn plan(text: &str) -> crate::Result<Plan> {
    use crate::format::{Detected, Form, Format};
    Ok(match format::detect(text)? {
        Detected::Known { format, form } => match (format, form) {
            (_, Form::EadDtd) => Plan::EadDtdForm,
            (_, Form::OaiPmh) => Plan::Records,
            (_, Form::SimpleDc) => Plan::Whole(Schema::SimpleDc),
            (_, Form::QualifiedDc) => Plan::Whole(Schema::QualifiedDc),
            (_, Form::DcOther) => {
                // Said as for any other document without a schema: the root and its
                // namespace are what a user looking for one needs (and reports stay as
                // they were before DC in these forms could be read).
                let (name, ns, _, _) = format::root_element(text)?;
                Plan::NoSchema(format!(
                    "no bundled schema for <{name}>{}",
                    ns.map(|n| format!(" in namespace {n}")).unwrap_or_default()
                ))
            }
            (Format::Json, Form::Plain) => {
                Plan::NoSchema("a crosswalk JSON record: no schema applies".into())
            }
            (Format::Tei | Format::Dc | Format::Qdc | Format::Ead | Format::Ead3, Form::Plain) => {
                // The schema a document of the format is checked against, as a writer's
                // output of that format is.
                Plan::Whole(Schema::for_format(format).expect("every XML format has a schema"))
            }
        },
        Detected::Unknown { name, ns, .. } => Plan::NoSchema(format!(
            "no bundled schema for <{name}>{}",
            ns.map(|n| format!(" in namespace {n}")).unwrap_or_default()
        )),
    })
}

/// Checks one decoded document. `forced` is a schema given on the command line.
pub fn check(
    file: &str,
    text: &str,
    forced: Option<&dyn Validator>,
    forced_label: &str,
    validators: &mut Validators,
) -> FileReport {
    let mut report = FileReport::new(file);
    let result = match forced {
        Some(v) => {
            report.schema = Some(forced_label.to_string());
            v.validate(text)
        }
        None => match plan(text) {
            Err(e) => return FileReport::unreadable(file, &e),
            Ok(Plan::NoSchema(why)) => {
                // Still report a document that is not well-formed as unreadable.
                if let Err(e) = Document::parse(text) {
                    return FileReport::unreadable(file, &syntax(text, e));
                }
                return FileReport::skipped(file, &why);
            }
            Ok(Plan::Whole(schema)) => {
                report.schema = Some(schema.label().to_string());
                let result = validators.get(schema).and_then(|v| v.validate(text));
                if let (Ok(d), Some(other)) = (&result, schema.other_form()) {
                    if !d.is_empty()
                        && validators
                            .get(other)
                            .and_then(|v| v.validate(text))
                            .is_ok_and(|d| d.is_empty())
                    {
                        report.note = Some(format!(
                            "invalid against {}, but valid against {} (--schema {}){}",
                            schema.file_name(),
                            other.file_name(),
                            other.name(),
                            if text.contains("schemaLocation") && schema == Schema::Ead3Rng {
                                ": ead3.rng does not allow xsi:schemaLocation, ead3.xsd does"
                            } else {
                                ""
                            }
                        ));
                    }
                }
                result
            }
            Ok(Plan::EadDtdForm) => {
                report.schema = Some(Schema::Ead2002.label().to_string());
                report.note = Some("EAD 2002 in its DTD form (no namespace): validated as its namespaced equivalent".into());
                ead_dtd_form(text, validators)
            }
            Ok(Plan::Records) => records(text, &mut report, validators),
        },
    };
    match result {
        Ok(d) => {
            report.status = if d.is_empty() {
                Status::Valid
            } else {
                Status::Invalid
            };
            report.diagnostics = d;
            if report.status == Status::Valid && report.schema.is_none() {
                report.status = Status::Skipped;
                report.error = report.note.take();
            }
            report
        }
        Err(e) if e.kind == ErrorKind::Syntax => {
            let mut r = FileReport::unreadable(file, &e);
            r.schema = report.schema;
            r
        }
        Err(e) => FileReport::unreadable(file, &e),
    }
}

fn syntax(text: &str, e: crate::xml::tree::ParseError) -> Error {
    Error::at(
        ErrorKind::Syntax,
        Pos::from_offset(text, e.offset),
        format!("not well-formed XML: {}", e.message),
    )
}

/// The EAD 2002 DTD form has no namespace and writes link attributes (`href`, `actuate`,
/// ...) without the XLink prefix. Its namespaced equivalent, which ead.xsd describes, puts
/// every element in the EAD namespace and the link attributes of linking elements in the
/// XLink namespace, with the XLink spellings of their values.
fn ead_dtd_form(text: &str, validators: &mut Validators) -> crate::Result<Vec<Diagnostic>> {
    let doc = Document::parse(text).map_err(|e| syntax(text, e))?;
    let mut out = String::with_capacity(text.len() + 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    write_namespaced(doc.root_element(), &mut out, true);
    let diags = validators.get(Schema::Ead2002)?.validate(&out)?;
    // Positions refer to the rewritten text; find each element in the original instead.
    Ok(diags
        .into_iter()
        .map(|mut d| {
            let steps: Vec<(String, usize)> = d
                .path
                .split('/')
                .filter(|s| !s.is_empty())
                .filter_map(|s| {
                    let (name, rest) = s.split_once('[')?;
                    Some((name.to_string(), rest.trim_end_matches(']').parse().ok()?))
                })
                .collect();
            if let Some(p) = super::xsd::locate(&doc, &steps) {
                d.line = p.line;
                d.column = p.column;
            }
            d
        })
        .collect())
}

/// The DTD's link attributes and their XLink names. Unlike the reader's table this one
/// takes `label` as `xlink:label` on every link element, as the validator always has: its
/// verdicts are pinned by the reference tables.
const XLINK_ATTRS: &[(&str, &str)] = &[
    ("linktype", "type"),
    ("href", "href"),
    ("role", "role"),
    ("arcrole", "arcrole"),
    ("title", "title"),
    ("show", "show"),
    ("actuate", "actuate"),
    ("label", "label"),
    ("from", "from"),
    ("to", "to"),
];

/// A DTD-form link value in its XLink spelling (`onrequest` → `onRequest`): the reader's
/// table, so that validation and conversion read the DTD form alike.
fn xlink_value(name: &str, v: &str) -> String {
    crate::ead::frag::DTD_LINK_VALUES
        .iter()
        .find(|(a, dtd, _)| *a == name && *dtd == v)
        .map_or_else(|| v.to_string(), |(_, _, x)| x.to_string())
}

fn write_namespaced(node: Node, out: &mut String, root: bool) {
    use crate::xml::escape_into;
    use crate::xml::tree::NodeType;
    match node.node_type() {
        NodeType::Element => {
            let name = node.tag_name().name();
            out.push('<');
            out.push_str(name);
            if root {
                out.push_str(&format!(
                    " xmlns=\"{EAD2002_NS}\" xmlns:xlink=\"{XLINK_NS}\""
                ));
            }
            let linking = crate::ead::frag::LINK_ELEMENTS.contains(&name);
            for a in node.attributes() {
                out.push(' ');
                let (attr, value) = match (
                    a.namespace(),
                    XLINK_ATTRS.iter().find(|(d, _)| *d == a.name()),
                ) {
                    (None, Some((_, x))) if linking => {
                        (format!("xlink:{x}"), xlink_value(x, a.value()))
                    }
                    (None, _) => (a.name().to_string(), a.value().to_string()),
                    (Some(crate::format::XML_NS), _) => {
                        (format!("xml:{}", a.name()), a.value().to_string())
                    }
                    (Some(XLINK_NS), _) => (format!("xlink:{}", a.name()), a.value().to_string()),
                    (Some(ns), _) => match node.lookup_prefix(ns) {
                        Some(p) if !p.is_empty() => {
                            out.push_str(&format!("xmlns:{p}=\"{ns}\" "));
                            (format!("{p}:{}", a.name()), a.value().to_string())
                        }
                        _ => (a.name().to_string(), a.value().to_string()),
                    },
                };
                out.push_str(&attr);
                out.push_str("=\"");
                escape_into(out, &value, true);
                out.push('"');
            }
            out.push('>');
            for c in node.children() {
                write_namespaced(c, out, false);
            }
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
        NodeType::Text => escape_into(out, node.text().unwrap_or(""), false),
        NodeType::Comment | NodeType::PI | NodeType::Root => {}
    }
}

/// An OAI-PMH response (or a bare OAI `record`): each record's metadata is checked
/// against the schema of its format; records of a format with no bundled schema are
/// counted in the note.
fn records(
    text: &str,
    report: &mut FileReport,
    validators: &mut Validators,
) -> crate::Result<Vec<Diagnostic>> {
    let doc = Document::parse(text).map_err(|e| syntax(text, e))?;
    let mut diags = Vec::new();
    let (mut checked, mut other, mut deleted) = (0, 0, 0);
    // The formats with no bundled schema, as `name` in namespace, each once.
    let mut unknown: Vec<String> = Vec::new();
    let mut schemas: Vec<&str> = Vec::new();
    let records = doc.root_element().descendants().filter(|n| {
        n.tag_name().namespace() == Some(OAI_PMH_NS) && n.tag_name().name() == "record"
    });
    for (i, rec) in records.enumerate() {
        let Some(meta) = rec.children().find(|c| {
            c.tag_name().namespace() == Some(OAI_PMH_NS) && c.tag_name().name() == "metadata"
        }) else {
            deleted += 1;
            continue;
        };
        let Some(payload) = meta.children().find(|c| c.is_element()) else {
            continue;
        };
        let schema = match (payload.tag_name().namespace(), payload.tag_name().name()) {
            (Some(OAI_DC_NS), "dc") => Schema::OaiDc,
            (Some(EAD2002_NS), "ead") => Schema::Ead2002,
            (Some(EAD3_NS), "ead") => Schema::Ead3Rng,
            (Some(TEI_NS), "TEI") => Schema::TeiAll,
            (ns, name) => {
                other += 1;
                let what = format!(
                    "`{name}`{}",
                    ns.map(|n| format!(" in namespace {n}")).unwrap_or_default()
                );
                if !unknown.contains(&what) {
                    unknown.push(what);
                }
                continue;
            }
        };
        checked += 1;
        if !schemas.contains(&schema.label()) {
            schemas.push(schema.label());
        }
        let fragment = crate::xml::serialize_node(payload);
        let start = crate::xml::pos_of(payload);
        for mut d in validators.get(schema)?.validate(&fragment)? {
            // Lines of the fragment are lines of the file from the payload on.
            if d.line == 1 {
                d.column += start.column - 1;
            }
            d.line += start.line - 1;
            d.message = format!("record {}: {}", i + 1, d.message);
            diags.push(d);
        }
    }
    report.schema = (!schemas.is_empty()).then(|| schemas.join(", "));
    report.note = Some(if checked == 0 && !unknown.is_empty() {
        // Nothing was checked: this note becomes the reason the file is skipped.
        format!(
            "OAI-PMH response: no bundled schema for {} ({other} record(s)){}",
            unknown.join(", "),
            if deleted > 0 {
                format!(", {deleted} without metadata")
            } else {
                String::new()
            }
        )
    } else if checked == 0 {
        format!("OAI-PMH response: no record with metadata ({deleted} without)")
    } else {
        format!(
            "OAI-PMH response: {checked} record(s) checked, {other} of a format with no bundled schema{}, {deleted} without metadata",
            if unknown.is_empty() {
                String::new()
            } else {
                format!(" ({})", unknown.join(", "))
            }
        )
    });
    Ok(diags)
}
