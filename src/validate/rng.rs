//! RELAX NG validation with `relax-ng`, over the compact tree of `xml::tree`.

use std::cell::RefCell;
use std::fmt;
use std::sync::OnceLock;

use relax_ng::{
    Content, DatatypeRegistry, Element, ExpandedName, ResolveError, Schema as RngSchema,
    SchemaResolver, SchemaSource, SchemaSyntax, XSD_DATATYPE_LIBRARY,
};

use super::bundled::{file, Schema};
use super::rng_values::{Session, ValueClasses, Verdicts};
use super::xsd_types::XsdTypes;
use super::{Diagnostic, Validator};
use crate::error::{Error, ErrorKind, Result};

/// Serves bundled grammars to `include`/`externalRef`; nothing else.
struct Bundled;

impl SchemaResolver for Bundled {
    fn resolve(&self, href: &str, _base: &str) -> std::result::Result<SchemaSource, ResolveError> {
        let name = href.rsplit('/').next().unwrap_or(href);
        file(name)
            .map(|t| SchemaSource::new(t, name, SchemaSyntax::Xml))
            .ok_or_else(|| {
                ResolveError::new(format!("'{href}' is not bundled and nothing is fetched"))
            })
    }
}

/// Reads includes of a user's own grammar from beside it on disk.
struct FromDisk(std::path::PathBuf);

impl SchemaResolver for FromDisk {
    fn resolve(&self, href: &str, _base: &str) -> std::result::Result<SchemaSource, ResolveError> {
        let path = self.0.join(href);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| ResolveError::new(format!("{}: {e}", path.display())))?;
        Ok(SchemaSource::new(text, href, SchemaSyntax::Xml))
    }
}

/// A compiled grammar with everything a document is checked against; immutable, shared
/// by every thread.
struct Compiled {
    schema: RngSchema,
    registry: DatatypeRegistry,
    /// Attribute values that may stand for each other (see `rng_values.rs`).
    classes: ValueClasses,
    /// The datatype library `classes` decides with: the one `registry` holds.
    types: XsdTypes,
}

/// Past this many patterns and memo entries, a validator's engine session starts afresh
/// before the next document: the memo grows with the distinct names and attribute values
/// a batch holds, and a long batch must not grow without bound. Measured: copies of the
/// 7 KB reference record add nothing after the first (4,910 entries); the 20 MB TEI of
/// `benches/validate.py` makes 7,698; the 29 TEI files of the shared corpus, one after the
/// other, 36,304. At some tens of bytes an entry (an estimate from the maps' entry sizes),
/// the bound is a few MiB.
const MEMO_LIMIT: usize = 100_000;

pub struct RngValidator {
    grammar: Grammar,
    /// The engine's session over a bundled grammar, kept from one document to the next:
    /// documents against one schema meet the same content models with the same names,
    /// so most derivatives are already known after the first (a batch of 7 KB TEI
    /// records spends most of its time deriving otherwise). Made on first use.
    session: RefCell<Option<relax_ng::Session<'static>>>,
    /// Which attribute values the value classes accept, kept from one document to the
    /// next (see `rng_values.rs`).
    verdicts: Verdicts,
}

enum Grammar {
    /// A bundled grammar, compiled once per process (see [`bundled_grammar`]).
    Bundled(&'static Compiled),
    /// A user's grammar: owned, each document validated in a fresh session.
    Own(Box<Compiled>),
}

impl Grammar {
    fn get(&self) -> &Compiled {
        match self {
            Grammar::Bundled(c) => c,
            Grammar::Own(c) => c,
        }
    }
}

/// The bundled grammars, each compiled at most once per process: every thread of a batch
/// shares it (compiling TEI's `tei_all.rng` costs about 0.5 billion instructions), and a
/// `'static` grammar lets an engine session that borrows it live in the validator.
fn bundled_grammar(schema: Schema) -> Result<&'static Compiled> {
    static TEI: OnceLock<std::result::Result<Compiled, String>> = OnceLock::new();
    static EAD3: OnceLock<std::result::Result<Compiled, String>> = OnceLock::new();
    let cell = match schema {
        Schema::TeiAll => &TEI,
        Schema::Ead3Rng => &EAD3,
        _ => {
            return Err(Error::new(
                ErrorKind::Invalid,
                format!("{} is not a RELAX NG schema", schema.file_name()),
            ))
        }
    };
    cell.get_or_init(|| compile_bundled(schema))
        .as_ref()
        .map_err(|m| Error::new(ErrorKind::Invalid, m.clone()))
}

fn compile_bundled(schema: Schema) -> std::result::Result<Compiled, String> {
    let src = SchemaSource::new(schema.text(), schema.file_name(), SchemaSyntax::Xml);
    let types = XsdTypes::default();
    let compiled = RngSchema::compile(&src, &Bundled).map_err(|e| {
        format!(
            "bundled schema {} does not compile: {e:?}",
            schema.file_name()
        )
    })?;
    Ok(Compiled {
        schema: compiled,
        registry: registry(&types),
        classes: ValueClasses::read(schema.text()),
        types,
    })
}

impl RngValidator {
    pub fn bundled(schema: Schema) -> Result<RngValidator> {
        Ok(RngValidator {
            grammar: Grammar::Bundled(bundled_grammar(schema)?),
            session: RefCell::new(None),
            verdicts: Verdicts::default(),
        })
    }

    pub fn from_path(path: &str) -> Result<RngValidator> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::new(ErrorKind::Io, format!("cannot read schema: {e}")).in_file(path)
        })?;
        let dir = std::path::Path::new(path)
            .parent()
            .map(|p| p.to_path_buf())
            .unwrap_or_default();
        let syntax = if path.ends_with(".rnc") {
            SchemaSyntax::Compact
        } else {
            SchemaSyntax::Xml
        };
        let src = SchemaSource::new(text, path, syntax);
        let types = XsdTypes::default();
        let compiled = RngSchema::compile(&src, &FromDisk(dir)).map_err(|e| {
            Error::new(ErrorKind::Usage, format!("schema does not compile: {e:?}")).in_file(path)
        })?;
        Ok(RngValidator {
            grammar: Grammar::Own(Box::new(Compiled {
                schema: compiled,
                registry: registry(&types),
                classes: if path.ends_with(".rnc") {
                    ValueClasses::off()
                } else {
                    ValueClasses::read(src.text())
                },
                types,
            })),
            session: RefCell::new(None),
            verdicts: Verdicts::default(),
        })
    }
}

/// The datatype registry: relax-ng's, with XSD datatypes from our library, which keeps
/// compiled patterns (see `xsd_types.rs`); `types` shares its cache.
fn registry(types: &XsdTypes) -> DatatypeRegistry {
    let mut r = DatatypeRegistry::new();
    r.register(XSD_DATATYPE_LIBRARY, types.clone());
    r
}

/// Line and column of an element.
#[derive(Debug, Clone, Copy)]
pub struct Loc(u32, u32);

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.0, self.1)
    }
}

/// A document element as the engine sees it, with the value session of its document.
#[derive(Clone, Copy)]
struct Node<'a, 'i, 's>(crate::xml::Node<'a, 'i>, &'s Session<'s>);

impl Element for Node<'_, '_, '_> {
    type Location = Loc;

    fn name(&self) -> ExpandedName {
        ExpandedName::new(self.0.tag_name().namespace(), self.0.tag_name().name())
    }

    fn attributes(&self) -> impl Iterator<Item = (ExpandedName, String)> {
        let session = self.1;
        self.0.attributes().map(move |a| {
            (
                ExpandedName::new(a.namespace(), a.name()),
                session.value_for(a.namespace().unwrap_or(""), a.name(), a.value()),
            )
        })
    }

    fn children(&self) -> impl Iterator<Item = Content<Self>> {
        // Adjacent text nodes (split by comments or PIs) are merged, as the trait asks.
        let mut out: Vec<Content<Self>> = Vec::new();
        for c in self.0.children() {
            if c.is_element() {
                out.push(Content::Element(Node(c, self.1)));
            } else if c.is_text() {
                let t = c.text().unwrap_or("");
                if t.is_empty() {
                    continue;
                }
                match out.last_mut() {
                    Some(Content::Text(prev)) => prev.push_str(t),
                    _ => out.push(Content::Text(t.to_string())),
                }
            }
        }
        out.into_iter()
    }

    fn location(&self) -> Option<Loc> {
        let p = crate::xml::pos_of(self.0);
        Some(Loc(p.line, p.column))
    }

    fn namespace_bindings(&self) -> impl Iterator<Item = (String, String)> {
        self.0
            .namespaces()
            .into_iter()
            .map(|n| (n.name().unwrap_or("").to_string(), n.uri().to_string()))
            .collect::<Vec<_>>()
            .into_iter()
    }
}

impl Validator for RngValidator {
    fn validate(&self, text: &str) -> Result<Vec<Diagnostic>> {
        let doc = crate::xml::parse(text)?;
        let c = self.grammar.get();
        let session = c.classes.session(&c.types, &self.verdicts);
        let root = Node(doc.root_element(), &session);
        let unsupported = |e: relax_ng::DatatypeError| {
            Error::new(
                ErrorKind::Invalid,
                format!("schema uses an unsupported datatype: {e:?}"),
            )
        };
        let errors = match self.grammar {
            Grammar::Bundled(c) => {
                let mut kept = self.session.borrow_mut();
                if kept.as_ref().is_some_and(|s| s.memo_size() > MEMO_LIMIT) {
                    *kept = None;
                }
                let engine = match &mut *kept {
                    Some(s) => s,
                    none => none.insert(c.schema.session(&c.registry).map_err(unsupported)?),
                };
                engine.validate(&root)
            }
            Grammar::Own(_) => c.schema.validate(&c.registry, &root).map_err(unsupported)?,
        };
        Ok(errors
            .iter()
            .map(|e| {
                let loc = e.location().copied().unwrap_or(Loc(0, 0));
                let path: Vec<&str> = e.path().iter().map(|n| n.local.as_str()).collect();
                Diagnostic {
                    file: None,
                    line: loc.0,
                    column: loc.1,
                    path: format!("/{}", path.join("/")),
                    message: e.kind().to_string(),
                }
            })
            .collect())
    }
}
