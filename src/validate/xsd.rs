//! W3C XML Schema validation with `xsd-schema`.

use xsd_schema::validation::{
    drive_quick_xml, CollectingValidationSink, DriveError, PathStep, SchemaValidator,
    ValidationError, ValidationFlags, ValidationRuntime,
};
use xsd_schema::{SchemaLoader, SchemaResult, SchemaSet, SchemaSetBuilder};

use std::borrow::Cow;

use super::bundled::{file, Schema};
use super::xsd_flatten::inline_attribute_groups;
use super::xsd_stream;
use super::{Diagnostic, Validator};
use crate::error::{Error, ErrorKind, Pos, Result};

/// Serves the bundled files. Every location, remote or relative, is matched on its last
/// path segment; anything not bundled is refused, so nothing is ever fetched.
#[derive(Debug)]
struct BundledLoader {
    inline_groups: bool,
}

impl BundledLoader {
    /// A bundled file as the compiler gets it: attribute groups inlined (see
    /// [`inline_attribute_groups`]) unless asked for the file as published.
    fn text(&self, published: &'static str) -> Cow<'static, str> {
        match self.inline_groups {
            true => inline_attribute_groups(published).map_or(Cow::Borrowed(published), Cow::Owned),
            false => Cow::Borrowed(published),
        }
    }
}

impl SchemaLoader for BundledLoader {
    fn load(&self, location: &str) -> SchemaResult<String> {
        let name = location.rsplit('/').next().unwrap_or(location);
        file(name)
            .map(|published| self.text(published).into_owned())
            .ok_or_else(|| {
                xsd_schema::SchemaError::resolution(format!(
                    "schema '{location}' is not bundled and nothing is fetched"
                ))
            })
    }

    fn can_load(&self, _location: &str) -> bool {
        true
    }

    fn priority(&self) -> i32 {
        1000
    }
}

pub struct XsdValidator {
    set: SchemaSet,
}

impl XsdValidator {
    pub fn bundled(schema: Schema) -> Result<XsdValidator> {
        // The inlined form is the fast one; should it ever not compile, the schema as
        // published is what counts.
        XsdValidator::compile_bundled(schema, true)
            .or_else(|_| XsdValidator::compile_bundled(schema, false))
    }

    /// The bundled schema compiled exactly as published, attribute groups and all: what
    /// the tests compare the inlined form with.
    pub fn bundled_as_published(schema: Schema) -> Result<XsdValidator> {
        XsdValidator::compile_bundled(schema, false)
    }

    fn compile_bundled(schema: Schema, inline_groups: bool) -> Result<XsdValidator> {
        let base = format!("bundled:/{}", schema.file_name());
        let loader = BundledLoader { inline_groups };
        let text = loader.text(schema.text());
        let compiled = SchemaSetBuilder::with_loader(Box::new(loader))
            .add_source(&text, &base)
            .and_then(|b| b.compile())
            .map_err(|e| {
                Error::new(
                    ErrorKind::Invalid,
                    format!(
                        "bundled schema {} does not compile: {e}",
                        schema.file_name()
                    ),
                )
            })?;
        if let Some(f) = compiled.directive_failures().first() {
            return Err(Error::new(
                ErrorKind::Invalid,
                format!(
                    "bundled schema {}: import {:?} could not be resolved",
                    schema.file_name(),
                    f.schema_location()
                ),
            ));
        }
        Ok(XsdValidator {
            set: compiled.into_schema_set(),
        })
    }

    /// A user's own schema file; its imports are read relative to it from disk.
    pub fn from_path(path: &str) -> Result<XsdValidator> {
        let compiled = SchemaSetBuilder::new()
            .add("", path)
            .and_then(|b| b.compile())
            .map_err(|e| {
                Error::new(
                    ErrorKind::Usage,
                    format!("schema {path} does not compile: {e}"),
                )
                .in_file(path)
            })?;
        Ok(XsdValidator {
            set: compiled.into_schema_set(),
        })
    }
}

/// Documents from this size on are read on a second thread (`xsd_stream.rs`); below it,
/// starting the thread costs more than it saves.
const PIPELINE_FROM: usize = 256 * 1024;

/// How a document is read for the XSD runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// On a second thread from [`PIPELINE_FROM`] bytes on, else by xsd-schema's driver.
    BySize,
    /// Always by xsd-schema's own driver.
    Driver,
    /// Always on a second thread (falling back to the driver where that reader gives up).
    Pipelined,
}

impl XsdValidator {
    /// Validates with the given way of reading; [`Validator::validate`] reads by size.
    pub fn validate_reading(&self, text: &str, reading: Reading) -> Result<Vec<Diagnostic>> {
        let piped = match reading {
            Reading::BySize => text.len() >= PIPELINE_FROM,
            Reading::Driver => false,
            Reading::Pipelined => true,
        };
        if piped {
            let (errors, outcome) = self.run(|runtime| {
                xsd_stream::validate(text, runtime, &self.set, crate::xml::MAX_DEPTH)
            });
            if outcome == xsd_stream::Piped::Done {
                return Ok(self.diagnostics(text, &errors));
            }
        }
        let (errors, outcome) =
            self.run(|runtime| drive_quick_xml(text.as_bytes(), runtime, &self.set));
        if let Err(e) = outcome {
            let (pos, msg) = match &e {
                DriveError::NotWellFormed(n) => (
                    Pos::from_offset(text, n.position() as usize),
                    format!("not well-formed XML: {n}"),
                ),
                other => (
                    Pos { line: 1, column: 1 },
                    format!("could not read the document: {other}"),
                ),
            };
            return Err(Error::at(ErrorKind::Syntax, pos, msg));
        }
        Ok(self.diagnostics(text, &errors))
    }

    /// The diagnostics of a run that reads on a second thread, or `None` where that
    /// reader gave up (for tests that compare the two ways of reading).
    pub fn validate_pipelined_only(&self, text: &str) -> Option<Vec<Diagnostic>> {
        let (errors, outcome) = self
            .run(|runtime| xsd_stream::validate(text, runtime, &self.set, crate::xml::MAX_DEPTH));
        (outcome == xsd_stream::Piped::Done).then(|| self.diagnostics(text, &errors))
    }

    /// One validation run on a fresh runtime: the errors it reported and what `drive`
    /// returned.
    fn run<R>(
        &self,
        drive: impl FnOnce(&mut ValidationRuntime<'_, CollectingValidationSink<'_>>) -> R,
    ) -> (Vec<ValidationError>, R) {
        let validator = SchemaValidator::new(
            &self.set,
            ValidationFlags::default()
                & !ValidationFlags::BUILD_PSVI_TYPED_VALUES
                & !ValidationFlags::REPORT_WARNINGS,
        );
        let (mut errors, mut warnings) = (Vec::new(), Vec::new());
        let mut runtime = validator.start_run(CollectingValidationSink {
            errors: &mut errors,
            warnings: &mut warnings,
        });
        // The same bounds the readers apply: nesting depth and node count.
        runtime.set_parse_limits(
            xsd_schema::xml::ParseLimits::none()
                .with_max_depth(crate::xml::MAX_DEPTH)
                .with_max_nodes(50_000_000)
                .with_max_attributes(65_535),
        );
        let outcome = drive(&mut runtime);
        drop(runtime);
        (errors, outcome)
    }

    fn diagnostics(&self, text: &str, errors: &[ValidationError]) -> Vec<Diagnostic> {
        if errors.is_empty() {
            return Vec::new();
        }
        // xsd-schema names each error's element by a positional path; the line and column
        // come from walking that path in a tree of the same text, built only for invalid
        // documents.
        let tree = crate::xml::tree::Document::parse(text).ok();
        let all = errors
            .iter()
            .map(|e| {
                let steps: Vec<(String, usize)> = e
                    .instance_path()
                    .map(|p| {
                        p.steps()
                            .filter_map(|s| match s {
                                PathStep::Element { name, position, .. } => {
                                    Some((name.local_name().to_string(), *position))
                                }
                                _ => None,
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let pos = tree
                    .as_ref()
                    .and_then(|t| locate_named_child(t, &steps, &e.message))
                    .or_else(|| {
                        e.location.as_ref().map(|l| Pos {
                            line: l.line as u32,
                            column: l.column as u32,
                        })
                    })
                    .unwrap_or(Pos { line: 0, column: 0 });
                let path = if steps.is_empty() {
                    e.element_path().unwrap_or("").to_string()
                } else {
                    steps.iter().map(|(n, i)| format!("/{n}[{i}]")).collect()
                };
                Diagnostic {
                    file: None,
                    line: pos.line,
                    column: pos.column,
                    path,
                    message: format!("[{}] {}", e.constraint, e.message),
                }
            })
            .collect();
        once_per_element(all)
    }
}

impl Validator for XsdValidator {
    fn validate(&self, text: &str) -> Result<Vec<Diagnostic>> {
        self.validate_reading(text, Reading::BySize)
    }
}

/// The XSD engine reports an element its parent's content model does not allow twice:
/// "Element 'x' is not allowed at this position" on the parent, then "Element 'x' is not
/// declared" on `x` itself, as it falls back to looking for a global declaration (EAD's
/// elements are all local, so this second message is wrong: `x` is declared, only not
/// there). Each such pair becomes one diagnostic: the first message, at `x`'s position and
/// path. A "not declared" with no such partner (an unknown root element) stays.
fn once_per_element(all: Vec<Diagnostic>) -> Vec<Diagnostic> {
    const NOT_ALLOWED: &str = "[cvc-complex-type.2.4] Element '";
    const NOT_DECLARED: &str = "[cvc-elt.1] Element '";
    let quoted = |m: &str, prefix: &str| -> Option<String> {
        let rest = m.strip_prefix(prefix)?;
        let name = rest.split_once('\'')?.0;
        Some(name.rsplit(':').next().unwrap_or(name).to_string())
    };
    let mut out: Vec<Diagnostic> = Vec::with_capacity(all.len());
    // Indexes in `out` of content-model errors not yet paired.
    let mut open: Vec<usize> = Vec::new();
    for d in all {
        if d.message.contains("is not declared") {
            if let Some(name) = quoted(&d.message, NOT_DECLARED) {
                let parent = d
                    .path
                    .rsplit_once('/')
                    .filter(|(_, last)| last.split('[').next() == Some(name.as_str()))
                    .map(|(parent, _)| parent.to_string());
                let partner = parent.and_then(|parent| {
                    open.iter().rposition(|&i| {
                        out[i].path == parent
                            && quoted(&out[i].message, NOT_ALLOWED).as_deref() == Some(&name)
                    })
                });
                if let Some(k) = partner {
                    let i = open.remove(k);
                    out[i].line = d.line;
                    out[i].column = d.column;
                    out[i].path = d.path;
                    continue;
                }
            }
        }
        if d.message.starts_with(NOT_ALLOWED) && d.message.contains("not allowed at this position")
        {
            open.push(out.len());
        }
        out.push(d);
    }
    out
}

/// Like [`locate`], but a content-model error reported on a parent ("Element 'x' is not
/// allowed at this position") points at its child `x` when the parent has exactly one.
fn locate_named_child(
    doc: &crate::xml::tree::Document,
    steps: &[(String, usize)],
    message: &str,
) -> Option<Pos> {
    let named = message
        .strip_prefix("Element '")
        .and_then(|rest| rest.split_once('\''))
        .map(|(name, _)| name.rsplit(':').next().unwrap_or(name));
    if let (Some(name), true) = (named, message.contains("not allowed at this position")) {
        if count_children(doc, steps, name) == 1 {
            let mut with_child = steps.to_vec();
            with_child.push((name.to_string(), 1));
            return locate(doc, &with_child);
        }
    }
    locate(doc, steps)
}

fn count_children(
    doc: &crate::xml::tree::Document,
    steps: &[(String, usize)],
    name: &str,
) -> usize {
    let mut node = doc.root();
    for (n, position) in steps {
        match node
            .children()
            .filter(|c| c.is_element() && c.tag_name().name() == n)
            .nth(position.saturating_sub(1))
        {
            Some(c) => node = c,
            None => return 0,
        }
    }
    node.children()
        .filter(|c| c.is_element() && c.tag_name().name() == name)
        .count()
}

/// The element a positional path of (local name, 1-based position) steps leads to.
/// Names are compared without namespace, so a path into a rewritten copy of a document
/// (EAD in its DTD form) finds the element in the original.
pub(crate) fn locate(doc: &crate::xml::tree::Document, steps: &[(String, usize)]) -> Option<Pos> {
    let mut node = doc.root();
    for (name, position) in steps {
        node = node
            .children()
            .filter(|c| c.is_element() && c.tag_name().name() == name)
            .nth(position.saturating_sub(1))?;
    }
    Some(crate::xml::pos_of(node))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_xsds_compile_with_their_attribute_groups_inlined() {
        for schema in Schema::ALL {
            if schema.kind() == super::super::SchemaKind::Xsd {
                if let Err(e) = XsdValidator::compile_bundled(schema, true) {
                    panic!("{}: {e}", schema.file_name());
                }
            }
        }
    }
}
