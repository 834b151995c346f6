//! Record → EAD 2002 or EAD3. Chain: record → header, archdesc → did, notes, access
//! points → blocks → inlines. Children become nested `c` elements in `dsc`.

use super::lang::{self, to_639_2b};
use super::restore::{dangling_references, is_attribute, is_ead, Fragments};
use super::values;
use crate::format::{Format, EAD2002_NS, EAD3_NS, XLINK_NS};
use crate::ledger::{Ledger, Loss, LossKind};
use crate::model::plain::{
    blocks_plain, blocks_words, fragment_plain, fragment_words, inlines_plain, Plain,
};
use crate::model::*;
use crate::xml::{fragment_name, node_name, El, OutNode as Node};

/// Which EAD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Ead2002,
    Ead3,
}

impl Version {
    pub(super) fn format(self) -> Format {
        match self {
            Version::Ead2002 => Format::Ead,
            Version::Ead3 => Format::Ead3,
        }
    }
    /// The attribute that holds a free type value.
    pub(super) fn type_attr(self) -> &'static str {
        match self {
            Version::Ead2002 => "type",
            Version::Ead3 => "localtype",
        }
    }

    /// The version's name, for messages.
    pub(super) fn label(self) -> &'static str {
        match self {
            Version::Ead2002 => "EAD 2002",
            Version::Ead3 => "EAD3",
        }
    }

    /// The attribute of `unitdate` that says whether it is inclusive or bulk.
    pub(super) fn span_attr(self) -> &'static str {
        match self {
            Version::Ead2002 => "type",
            Version::Ead3 => "unitdatetype",
        }
    }

    /// The attribute of a name that holds its role.
    pub(super) fn role_attr(self) -> &'static str {
        match self {
            Version::Ead2002 => "role",
            Version::Ead3 => "relator",
        }
    }
}

/// The writer's state: version, ledger and the model path of the current record.
pub(super) struct W {
    v: Version,
    ledger: Ledger,
    field: String,
    origin: Option<String>,
    /// Paths at or above which the reader kept fragments: an element the writer would
    /// leave out or fill with a placeholder is written there, for the fragments to go in.
    kept: super::restore::Set<String>,
    /// Components are written as holes ([`El::hole`]) for the streaming writer
    /// ([`super::stream`]) to fill one at a time.
    holes: bool,
}

impl W {
    /// A writer whose ledger nobody reads: the reader's, to see what would be written.
    pub(super) fn scratch(v: Version) -> W {
        W {
            v,
            ledger: Ledger::new(),
            field: String::new(),
            origin: None,
            kept: super::restore::Set::with_hasher(super::restore::keys()),
            holes: false,
        }
    }

    /// The writer of a finding aid whose components are written as holes.
    pub(super) fn streaming(v: Version) -> W {
        W {
            holes: true,
            ..W::scratch(v)
        }
    }

    /// The ledger written so far, taken.
    pub(super) fn take_ledger(&mut self) -> Ledger {
        std::mem::take(&mut self.ledger)
    }

    /// True when the reader kept fragments under `rel` (`did`, `dsc`) of the current
    /// record's element.
    fn kept_under(&self, rel: &str) -> bool {
        !self.kept.is_empty()
            && self
                .origin
                .as_ref()
                .is_some_and(|o| self.kept.contains(&format!("{o}/{rel}")))
    }

    /// Ledgers a loss of the current record, with the plain text of what was lost, and
    /// returns the ledger so that a source position can be added.
    fn loss(
        &mut self,
        kind: LossKind,
        field: &str,
        reason: impl Into<String>,
        text: &str,
    ) -> &mut Ledger {
        let f = format!("{}{field}", self.field);
        self.ledger.push(kind, f, self.v.format(), reason);
        let origin = self.origin.clone();
        self.ledger.at(origin.as_deref(), None).with_text(text)
    }

    /// A language code as EAD wants it (ISO 639-2b); a code written otherwise in the
    /// record (`fr` for `fre`) is ledgered as flattened with the original.
    fn lang_code(&mut self, field: &str, code: &str) -> String {
        let b = to_639_2b(code);
        if b != code {
            self.loss(
                LossKind::Flattened,
                field,
                format!("EAD language codes are ISO 639-2b: '{code}' written as '{b}'"),
                code,
            );
        }
        b
    }

    /// Ledgers as dropped the values given that are not written (`(given, written)`
    /// pairs), when there are any.
    fn left_off<const N: usize>(
        &mut self,
        field: &str,
        reason: &str,
        pairs: [(Option<&str>, Option<&str>); N],
    ) {
        let lost: Vec<&str> = pairs
            .into_iter()
            .filter_map(|(given, written)| given.filter(|_| written.is_none()))
            .collect();
        if !lost.is_empty() {
            self.loss(LossKind::Dropped, field, reason, &lost.join(" "));
        }
    }

    /// Ledgers the readings a plain-text rendering left out (see [`Plain`]).
    fn set_aside(&mut self, field: &str, p: &Plain) {
        if let Some(t) = p.set_aside_text() {
            self.loss(
                LossKind::Flattened,
                field,
                "alternative readings (TEI choice or app) written as one: the expanded, regularised or corrected form",
                &t,
            );
        }
    }

    /// An `@normal` date value in the form EAD allows (see [`values::date_normal`]); a
    /// time or time zone cut off is ledgered as flattened, a value with no date as
    /// dropped.
    fn date_attr(&mut self, field: &str, d: &DateNormal) -> Option<String> {
        let parts: Vec<&str> = match d {
            DateNormal::Single { when } => vec![when],
            DateNormal::Range { from, to } => vec![from, to],
            DateNormal::Approximate {
                not_before,
                not_after,
            } => [not_before, not_after]
                .into_iter()
                .filter(|s| !s.is_empty())
                .map(String::as_str)
                .collect(),
            // One @normal holds one span: that of the set's first and last dates.
            DateNormal::Set { dates } => {
                let first = dates.first().map(crate::model::plain::normal_text);
                let last = dates.last().map(crate::model::plain::normal_text);
                let all = crate::model::plain::normal_text(d);
                self.loss(
                    LossKind::Flattened,
                    field,
                    "EAD's @normal holds one date or span: a set of dates is written as the span from its first to its last",
                    &all,
                );
                let span = [first, last]
                    .into_iter()
                    .flatten()
                    .flat_map(|s| s.split(' ').map(str::to_string).collect::<Vec<_>>())
                    .collect::<Vec<_>>();
                return match (span.first(), span.last()) {
                    (Some(a), Some(b)) if a != b => self.date_attr(
                        field,
                        &DateNormal::Range {
                            from: a.clone(),
                            to: b.clone(),
                        },
                    ),
                    (Some(a), _) => self.date_attr(field, &DateNormal::Single { when: a.clone() }),
                    _ => None,
                };
            }
        };
        let original = parts.join("/");
        let mut out = Vec::new();
        let mut cut = false;
        for p in &parts {
            match values::date_normal(p) {
                Some((v, c)) => {
                    out.push(v);
                    cut |= c;
                }
                None => {
                    self.loss(
                        LossKind::Dropped,
                        field,
                        format!("'{original}' is not a date EAD's @normal can hold: left off"),
                        &original,
                    );
                    return None;
                }
            }
        }
        if out.is_empty() {
            return None;
        }
        let v = out.join("/");
        if cut {
            self.loss(
                LossKind::Flattened,
                field,
                format!("EAD's @normal holds a date without time or time zone: '{original}' written as '{v}'"),
                &original,
            );
        }
        Some(v)
    }

    /// A value for an attribute of type NMTOKEN in EAD 2002 (`@source`, `@otherlevel`,
    /// `@langcode`) or EAD3 (`@langcode`): brought into a name token with a flattened
    /// entry, or left off with a dropped one.
    fn token_attr(&mut self, field: &str, attr: &str, value: &str, always: bool) -> Option<String> {
        if !always && self.v == Version::Ead3 {
            return Some(value.to_string());
        }
        match values::nmtoken(value) {
            Some(t) if t == value => Some(t),
            Some(t) => {
                self.loss(
                    LossKind::Flattened,
                    field,
                    format!("@{attr} is a name token: '{value}' written as '{t}'"),
                    value,
                );
                Some(t)
            }
            None => {
                self.loss(
                    LossKind::Dropped,
                    field,
                    format!(
                        "@{attr} is a name token and '{value}' has no name characters: left off"
                    ),
                    value,
                );
                None
            }
        }
    }
}

/// Writes a record as an EAD finding aid of the given version.
pub fn write(r: &Record, v: Version) -> (String, Ledger) {
    let mut w = W::scratch(v);
    let (mut ead, restored) = document(r, &mut w);
    w.ledger.losses.extend(restored);
    dangling_references(&mut ead, v, &mut w.ledger);
    (ead.to_document(), w.ledger)
}

/// The `ead` element of a record, its fragments restored (components as holes for a
/// streaming writer). What restoring the fragments ledgered is returned apart: the
/// ledger has what the writer met first, then what the restoring walk met, whether the
/// finding aid is written whole or level by level.
pub(super) fn document(r: &Record, w: &mut W) -> (El, Vec<Loss>) {
    let v = w.v;
    let mut frags = Fragments::new(r);
    w.origin = r.origin.clone();
    let id = record_id(r);
    let mut ead = El::new("ead");
    // A header the reader kept whole goes back (or is migrated) in place of one written
    // from the model.
    let header_kept = frags
        .at("/ead")
        .iter()
        .any(|u| !is_attribute(u) && matches!(fragment_name(&u.xml), "eadheader" | "control"));
    match v {
        Version::Ead2002 => {
            ead = ead.attr("xmlns", EAD2002_NS).attr("xmlns:xlink", XLINK_NS);
            if !header_kept {
                ead.push(eadheader(r, id, w));
            }
        }
        Version::Ead3 => {
            ead = ead.attr("xmlns", EAD3_NS);
            if !header_kept {
                ead.push(control(r, id, w));
            }
        }
    }
    // Lent to the writer while it writes, then back for the restoring walk.
    w.kept = frags.take_paths();
    let archdesc_path = r.origin.clone().unwrap_or_else(|| "/ead/archdesc".into());
    let level_kept = frags
        .at(&archdesc_path)
        .iter()
        .any(|u| u.path.ends_with("/@level"));
    let mut archdesc = El::new("archdesc");
    if !level_kept {
        let level = match &r.level {
            Some(l) => l.clone(),
            None => {
                let l = if r.children.is_empty() {
                    Level::Item
                } else {
                    Level::Collection
                };
                w.loss(
                    LossKind::Supplied,
                    "level",
                    format!(
                        "EAD requires archdesc/@level; the record has none, wrote '{}'",
                        l.key()
                    ),
                    l.key(),
                );
                l
            }
        };
        archdesc = level_attrs(archdesc, &level, w);
    }
    let mut archdesc = own_attrs(archdesc, r, w);
    description(r, &mut archdesc, id, w);
    ead.push(archdesc);
    frags.give_paths(std::mem::take(&mut w.kept));
    let mark = w.ledger.losses.len();
    frags.restore(&mut ead, "/ead", v, &mut w.ledger);
    let restored = w.ledger.losses.split_off(mark);
    (ead, restored)
}

/// One component of a streamed finding aid, read from `path`, with the ledger field
/// `field` (`children[2].children[0].`): written, its fragments restored, its own
/// components as holes.
pub(super) fn component(c: &Record, path: &str, field: String, w: &mut W) -> (El, Vec<Loss>) {
    let v = w.v;
    let mut frags = Fragments::new(c);
    w.field = field;
    w.origin = c.origin.clone();
    w.kept = frags.take_paths();
    let mut el = component_el(c, w);
    frags.give_paths(std::mem::take(&mut w.kept));
    let mark = w.ledger.losses.len();
    frags.restore(&mut el, path, v, &mut w.ledger);
    let restored = w.ledger.losses.split_off(mark);
    (el, restored)
}

/// The common attributes of a level's own element (`@id`, `@audience`, ...).
fn own_attrs(el: El, r: &Record, w: &mut W) -> El {
    if r.attributes == Attributes::default() {
        return el;
    }
    // Lent to the ledger field's closure while the writer is borrowed.
    let prefix = std::mem::take(&mut w.field);
    let el = common_attrs(el, &r.attributes, &|| format!("{prefix}attributes"), w);
    w.field = prefix;
    el
}

fn level_attrs(el: El, level: &Level, w: &mut W) -> El {
    match level {
        Level::Other(name) => {
            let name = w.token_attr("level", "otherlevel", name, false);
            el.attr("level", "otherlevel")
                .attr_opt("otherlevel", name.as_deref())
        }
        Level::Collection
        | Level::Fonds
        | Level::Series
        | Level::Subseries
        | Level::File
        | Level::Item => el.attr("level", level.key()),
    }
}

fn main_title(r: &Record) -> Option<&Title> {
    r.titles
        .iter()
        .find(|t| t.kind == TitleKind::Main)
        .or(r.titles.first())
}

/// The index of the identifier that names the finding aid itself (`eadid`, `recordid`):
/// the first of kind record with a value.
fn record_id(r: &Record) -> Option<usize> {
    // A record control's own id names the finding aid first.
    if r.control
        .as_ref()
        .is_some_and(|c| c.ids.iter().any(|i| !i.value.trim().is_empty()))
    {
        return None;
    }
    r.identifiers
        .iter()
        .position(|i| i.kind == IdentifierKind::Record && !i.value.trim().is_empty())
}

/// The finding aid's id: the record's own, or one derived from its content (see
/// [`values::derived_id`]), ledgered as supplied.
fn header_id(r: &Record, id: Option<usize>, w: &mut W, element: &str) -> String {
    match id {
        Some(i) => {
            if let Some(a) = &r.identifiers[i].authority {
                w.loss(
                    LossKind::Dropped,
                    &format!("identifiers[{i}].authority"),
                    format!("{element} has no place for who assigned the id"),
                    a,
                );
            }
            r.identifiers[i].value.clone()
        }
        None => {
            let derived = values::derived_id(r);
            w.loss(
                LossKind::Supplied,
                "identifiers",
                format!("{element} is required and the record has no record id: wrote '{derived}', derived from the record's content"),
                &derived,
            );
            derived
        }
    }
}

fn title_stmt(r: &Record, w: &mut W) -> El {
    let mut ts = El::new("titlestmt");
    match main_title(r) {
        Some(t) => ts.push(El::text("titleproper", &t.text)),
        None => {
            ts.push(El::new("titleproper"));
            w.loss(
                LossKind::Supplied,
                "titles",
                "EAD requires titleproper; the record has no title, wrote it empty",
                "",
            );
        }
    }
    for t in r.titles.iter().filter(|t| t.kind == TitleKind::Sub) {
        ts.push(El::text("subtitle", &t.text));
    }
    let funders: Vec<&str> = r
        .agents
        .iter()
        .filter(|a| a.role == Role::Funder)
        .map(|a| &*a.name)
        .collect();
    match w.v {
        // EAD 2002 allows one sponsor: several are written as one, separated by "; ".
        Version::Ead2002 if funders.len() > 1 => {
            let all = funders.join("; ");
            ts.push(El::text("sponsor", &all));
            w.loss(
                LossKind::Flattened,
                "agents",
                "EAD 2002 allows one titlestmt/sponsor: the funders are written in one, separated by '; '",
                &all,
            );
        }
        Version::Ead2002 | Version::Ead3 => {
            for f in funders {
                ts.push(El::text("sponsor", f));
            }
        }
    }
    ts
}

fn publication_stmt(r: &Record, w: &mut W) -> Option<El> {
    let mut ps = El::new("publicationstmt");
    for a in r.agents.iter().filter(|a| a.role == Role::Publisher) {
        ps.push(El::text("publisher", &a.name));
    }
    for (i, d) in r.dates.iter().enumerate() {
        if d.kind == DateKind::Publication {
            let normal = d
                .normal
                .as_ref()
                .and_then(|n| w.date_attr(&format!("dates[{i}].normal"), n));
            ps.push(El::text("date", &d.text).attr_opt("normal", normal.as_deref()));
        }
    }
    (!ps.is_empty()).then_some(ps)
}

fn eadheader(r: &Record, id: Option<usize>, w: &mut W) -> El {
    let mut fd = El::new("filedesc").child(title_stmt(r, w));
    if let Some(ps) = publication_stmt(r, w) {
        fd.push(ps);
    }
    let c = r.control.clone().unwrap_or_default();
    let eadid = El::text(
        "eadid",
        &control_id(r, &c, id, w, "EAD 2002 eadheader/eadid"),
    );
    let mut header = El::new("eadheader").child(eadid).child(fd);
    // profiledesc: the record's creation, the languages and rules of the description.
    let mut profile = El::new("profiledesc");
    let (created, changes): (Vec<&ControlEvent>, Vec<&ControlEvent>) =
        c.events.iter().partition(|e| e.kind == "created");
    if let Some(e) = created.first() {
        let mut creation = El::new("creation").mixed();
        let words: Vec<&str> = [e.description.as_deref(), e.agent.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !words.is_empty() {
            creation
                .kids
                .push(Node::Text(format!("{} ", words.join(" — "))));
        }
        creation.push(event_date(w, "control.events", e, "date", "normal"));
        profile.push(creation);
    }
    if !c.languages.is_empty() {
        let mut lu = El::new("langusage");
        for (i, l) in c.languages.iter().enumerate() {
            let f = format!("control.languages[{i}]");
            let b = w.lang_code(&f, &l.code);
            let code = w.token_attr(&f, "langcode", &b, true);
            lu.push(
                El::new("language")
                    .attr_opt("langcode", code.as_deref())
                    .attr_opt("scriptcode", l.script.as_deref())
                    .push_text(l.name.as_deref().unwrap_or("")),
            );
        }
        profile.push(lu);
    }
    if !c.rules.is_empty() {
        profile.push(El::text("descrules", &c.rules.join("; ")));
    }
    if !profile.is_empty() {
        header.push(profile);
    }
    if !changes.is_empty() {
        let mut rd = El::new("revisiondesc");
        for e in &changes {
            let item = [
                Some(e.kind.as_str()),
                e.description.as_deref(),
                e.agent.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(": ");
            rd.push(
                El::new("change")
                    .child(event_date(w, "control.events", e, "date", "normal"))
                    .child(El::text("item", &item)),
            );
        }
        header.push(rd);
    }
    let lost: Vec<&str> = [
        c.agency.as_ref().map(|a| &*a.name),
        c.agency.as_ref().and_then(|a| a.code.as_deref()),
        c.maintenance_status.as_deref(),
        c.publication_status.as_deref(),
    ]
    .into_iter()
    .flatten()
    .chain(c.events.iter().flat_map(|e| {
        [Some(e.kind.as_str()), e.agent_kind.as_deref()]
            .into_iter()
            .flatten()
    }))
    .chain(created.iter().skip(1).map(|e| e.date.as_str()))
    .chain(c.sources.iter().map(String::as_str))
    .collect();
    if !lost.is_empty() {
        w.loss(
            LossKind::Dropped,
            "control",
            "EAD 2002's header has no place here for the maintaining agency, the record's status, event types and agent kinds, sources or a second creation",
            &lost.join(" "),
        );
    }
    oai_loss(&c, w);
    header
}

/// The description's own id: the record control's first id, else the record's id of
/// kind record, else one derived from the content (ledgered as supplied).
fn control_id(
    r: &Record,
    c: &RecordControl,
    id: Option<usize>,
    w: &mut W,
    element: &str,
) -> String {
    match c.ids.first() {
        Some(i) if !i.value.trim().is_empty() => i.value.clone(),
        _ => header_id(r, id, w, element),
    }
}

/// A maintenance event's date element (`date`/`eventdatetime`) with its machine form
/// where EAD's datatype holds it.
fn event_date(
    w: &mut W,
    field: &str,
    e: &ControlEvent,
    tag: &'static str,
    attr: &'static str,
) -> El {
    let normal = e.normal.as_ref().and_then(|n| {
        w.date_attr(
            field,
            &DateNormal::Single {
                when: n.to_string(),
            },
        )
    });
    El::text(tag, &e.date).attr_opt(attr, normal.as_deref())
}

/// The OAI-PMH header has no place in EAD.
fn oai_loss(c: &RecordControl, w: &mut W) {
    if let Some(o) = &c.oai {
        let mut t = vec![o.identifier.as_str()];
        t.extend(o.datestamp.as_deref());
        t.extend(o.sets.iter().map(String::as_str));
        w.loss(
            LossKind::Dropped,
            "control.oai",
            "EAD has no place for the OAI-PMH header",
            &t.join(" "),
        );
    }
}

/// EAD3's maintenance status and event type values.
const EAD3_STATUS: [&str; 8] = [
    "revised",
    "deleted",
    "new",
    "deletedsplit",
    "deletedmerged",
    "deletedreplaced",
    "cancelled",
    "derived",
];
const EAD3_EVENT: [&str; 6] = [
    "cancelled",
    "created",
    "deleted",
    "derived",
    "revised",
    "updated",
];
const EAD3_AGENT: [&str; 3] = ["human", "machine", "unknown"];

fn control(r: &Record, id: Option<usize>, w: &mut W) -> El {
    let c = r.control.clone().unwrap_or_default();
    let mut control = El::new("control").child(El::text(
        "recordid",
        &control_id(r, &c, id, w, "EAD3 control/recordid"),
    ));
    for other in c.ids.iter().skip(1) {
        control.push(El::text("otherrecordid", &other.value));
    }
    let mut fd = El::new("filedesc").child(title_stmt(r, w));
    if let Some(ps) = publication_stmt(r, w) {
        fd.push(ps);
    }
    control.push(fd);
    let status = match c.maintenance_status.as_deref() {
        Some(s) if EAD3_STATUS.contains(&s) => s.to_string(),
        Some(s) => {
            w.loss(
                LossKind::Flattened,
                "control.maintenance_status",
                format!("'{s}' is no EAD3 maintenance status: wrote 'derived'"),
                s,
            );
            "derived".to_string()
        }
        None => "derived".to_string(),
    };
    control.push(El::new("maintenancestatus").attr("value", &status));
    match c.publication_status.as_deref() {
        Some(p @ ("approved" | "inprocess")) => {
            control.push(El::new("publicationstatus").attr("value", p))
        }
        Some(p) => {
            w.loss(
                LossKind::Dropped,
                "control.publication_status",
                "EAD3's publication status is approved or inprocess",
                p,
            );
        }
        None => {}
    }
    let (agency, code) = match (
        &c.agency,
        r.agents.iter().find(|a| a.role == Role::Publisher),
    ) {
        (Some(a), _) => (a.name.clone(), a.code.clone()),
        (None, Some(a)) => (a.name.clone(), None),
        (None, None) => {
            w.loss(
                LossKind::Supplied,
                "agents",
                "EAD3 requires maintenanceagency/agencyname; no agency or publisher in the record, wrote it empty",
                "",
            );
            (String::new(), None)
        }
    };
    let mut ma = El::new("maintenanceagency");
    if let Some(code) = code {
        ma.push(El::text("agencycode", &code));
    }
    ma.push(El::text("agencyname", &agency));
    control.push(ma);
    for (i, l) in c.languages.iter().enumerate() {
        let f = format!("control.languages[{i}]");
        let b = w.lang_code(&f, &l.code);
        // EAD3 declares a language together with its script.
        match &l.script {
            Some(script) => control.push(
                El::new("languagedeclaration")
                    .child(
                        El::new("language")
                            .attr("langcode", &b)
                            .push_text(l.name.as_deref().unwrap_or("")),
                    )
                    .child(El::new("script").attr("scriptcode", script)),
            ),
            None => {
                w.loss(
                    LossKind::Dropped,
                    &f,
                    "EAD3 declares a description's language with its script; the record gives none",
                    &format!("{} {}", l.code, l.name.as_deref().unwrap_or("")),
                );
            }
        }
    }
    for rule in &c.rules {
        control.push(El::new("conventiondeclaration").child(El::text("citation", rule)));
    }
    let mut history = El::new("maintenancehistory");
    for (i, e) in c.events.iter().enumerate() {
        let f = format!("control.events[{i}]");
        let kind = if EAD3_EVENT.contains(&e.kind.as_str()) {
            e.kind.clone()
        } else {
            w.loss(
                LossKind::Flattened,
                &f,
                format!("'{}' is no EAD3 event type: written as 'updated'", e.kind),
                &e.kind,
            );
            "updated".to_string()
        };
        let agent_kind = match e.agent_kind.as_deref() {
            Some(k) if EAD3_AGENT.contains(&k) => k,
            _ => "unknown",
        };
        let mut ev = El::new("maintenanceevent")
            .child(El::new("eventtype").attr("value", &kind))
            .child(event_date(w, &f, e, "eventdatetime", "standarddatetime"))
            .child(El::new("agenttype").attr("value", agent_kind))
            .child(El::text("agent", e.agent.as_deref().unwrap_or("")));
        if let Some(d) = &e.description {
            ev.push(El::text("eventdescription", d));
        }
        history.push(ev);
    }
    // The last event states a fact about this file: crosswalk derived it, at the time
    // SOURCE_DATE_EPOCH gives (the reproducible-builds convention) or now.
    let when = values::event_datetime();
    let datetime = El::text("eventdatetime", when.as_deref().unwrap_or(""))
        .attr_opt("standarddatetime", when.as_deref());
    history.push(
        El::new("maintenanceevent")
            .child(El::new("eventtype").attr("value", "derived"))
            .child(datetime)
            .child(El::new("agenttype").attr("value", "machine"))
            .child(El::text("agent", "crosswalk"))
            .child(El::text(
                "eventdescription",
                "Converted from the crosswalk record model.",
            )),
    );
    control.push(history);
    if !c.sources.is_empty() {
        let mut sources = El::new("sources");
        for s in &c.sources {
            sources.push(El::new("source").child(El::text("sourceentry", s)));
        }
        control.push(sources);
    }
    oai_loss(&c, w);
    control
}

/// `did`, notes, access points and the `dsc` of one level (archdesc or c). `id` is the
/// identifier already written as the finding aid's id, not repeated in `did`.
/// The parts of the model the EAD writers do not write yet, ledgered with their text.
const EAD_UNWRITTEN: [crate::unwritten::Part; 9] = {
    use crate::unwritten::Part::*;
    [
        SpelledDetails,
        DcQualifiers,
        AttributesButEadWritten,
        AgentNameDetails,
        SubjectNameDetails,
        TitleMarkup,
        NoteExtras,
        DateScheme,
        ExtentExtras,
    ]
};

fn description(r: &Record, el: &mut El, id: Option<usize>, w: &mut W) {
    crate::unwritten::account(r, w.v.format(), &w.field, &EAD_UNWRITTEN, &mut w.ledger);
    el.push(did(r, id, w));
    notes(r, el, w);
    if let Some(ca) = controlaccess(r, w) {
        el.push(ca);
    }
    for (i, u) in r.unmapped.iter().enumerate() {
        if is_ead(u) {
            // Put back (or migrated) in place by the restoring walk.
            continue;
        }
        w.loss(
            LossKind::Dropped,
            &format!("unmapped[{i}]"),
            format!(
                "unmapped {} content from {} has no place in EAD",
                u.format, u.path
            ),
            &fragment_words(u),
        )
        .at(Some(&u.path), u.line);
    }
    if !r.children.is_empty() || (el.name == "archdesc" && w.kept_under("dsc")) {
        // archdesc holds its components in dsc; a component holds its own directly.
        let mut dsc = El::new("dsc");
        let saved = w.field.clone();
        let saved_origin = w.origin.clone();
        for (i, c) in r.children.iter().enumerate() {
            if w.holes {
                dsc.push(El::hole(element_of(c), i));
                continue;
            }
            w.field = format!("{saved}children[{i}].");
            w.origin = c.origin.clone().or(saved_origin.clone());
            dsc.push(component_el(c, w));
        }
        w.field = saved;
        w.origin = saved_origin;
        if el.name == "archdesc" {
            el.push(dsc);
        } else {
            el.kids.extend(dsc.kids);
        }
    }
}

/// The element a component is written as: `c`, or the numbered one it was read from.
fn element_of(c: &Record) -> crate::xml::Name {
    match c.spelling.get("element") {
        Some(e) => e.clone().into(),
        None => "c".into(),
    }
}

/// A component and everything in it (its own components as holes for a streaming writer).
fn component_el(c: &Record, w: &mut W) -> El {
    // A component has no header of its own.
    crate::unwritten::account(
        c,
        w.v.format(),
        &w.field,
        &[crate::unwritten::Part::Control],
        &mut w.ledger,
    );
    let mut comp = El::new(element_of(c));
    if let Some(level) = &c.level {
        comp = level_attrs(comp, level, w);
    }
    let mut comp = own_attrs(comp, c, w);
    description(c, &mut comp, None, w);
    comp
}

/// A name element (`persname`, `corpname`, `famname`) in the version's form.
fn name_el(
    w: &mut W,
    field: &str,
    tag: &'static str,
    name: &str,
    role: Option<&Role>,
    auth: Option<&Authority>,
) -> El {
    let mut el = match w.v {
        Version::Ead2002 => El::text(tag, name),
        Version::Ead3 => El::new(tag).child(El::text("part", name)),
    };
    if let Some(role) = role {
        el = match w.v {
            Version::Ead2002 => el.attr("role", role.key()),
            Version::Ead3 => el.attr("relator", role.relator().0),
        };
    }
    if let Some(a) = auth {
        let id_attr = match w.v {
            Version::Ead2002 => "authfilenumber",
            Version::Ead3 => "identifier",
        };
        let source = a
            .source
            .as_deref()
            .and_then(|s| w.token_attr(&format!("{field}.authority.source"), "source", s, false));
        el = el
            .attr(id_attr, &a.id)
            .attr_opt("source", source.as_deref());
    }
    el
}

/// An agent's name element: [`name_el`], with the `@source` the reader noted in the
/// agent's spelling where the source gave a vocabulary and no id.
///
/// A role read from EAD is written as the source spelled it (`creator`, or the relator
/// code `cre`), in either version: EAD 2002's `@role` and EAD3's `@relator` both take any
/// text, and a migration keeps values as written.
fn agent_name_el(w: &mut W, i: usize, a: &Agent, role: Option<&Role>) -> El {
    let mut el = name_el(
        w,
        &format!("agents[{i}]"),
        agent_tag(&a.kind),
        &a.name,
        role,
        a.authority.as_ref(),
    );
    if let Some(spelled) = a.spelling.get("role").filter(|s| !s.is_empty()) {
        let role_attr = w.v.role_attr();
        for (k, v) in el.attrs.iter_mut() {
            if k == role_attr {
                *v = spelled.clone();
            }
        }
    }
    let el = match a.spelling.get("source") {
        Some(s) if a.authority.is_none() => el.attr("source", s),
        _ => el,
    };
    let rules = a
        .authority
        .as_ref()
        .and_then(|au| au.rules.as_deref())
        .or(a.spelling.get("rules").map(String::as_str));
    el.attr_opt("rules", rules)
        .attr_opt("encodinganalog", a.attributes.encodinganalog.as_deref())
}

/// Agent kinds and their EAD name elements, both ways (the reader's `agent_kind`).
pub(super) const AGENT_ELEMENTS: &[(AgentKind, &str)] = &[
    (AgentKind::Person, "persname"),
    (AgentKind::Organisation, "corpname"),
    (AgentKind::Family, "famname"),
];

/// Subject kinds and their EAD access-point elements, both ways (the reader's
/// `controlaccess`).
pub(super) const SUBJECT_ELEMENTS: &[(SubjectKind, &str)] = &[
    (SubjectKind::Topic, "subject"),
    (SubjectKind::Person, "persname"),
    (SubjectKind::Organisation, "corpname"),
    (SubjectKind::Family, "famname"),
    (SubjectKind::Place, "geogname"),
    (SubjectKind::GenreForm, "genreform"),
    (SubjectKind::Occupation, "occupation"),
    (SubjectKind::Function, "function"),
];

fn agent_tag(kind: &AgentKind) -> &'static str {
    AGENT_ELEMENTS
        .iter()
        .find(|(k, _)| k == kind)
        .map_or("persname", |(_, tag)| *tag)
}

fn did(r: &Record, id: Option<usize>, w: &mut W) -> El {
    let t = w.v.type_attr();
    let mut did = El::new("did");
    for (i, a) in r.agents.iter().enumerate() {
        if in_origination(a) {
            did.push(origination(a, i, w));
        }
    }
    for (i, ti) in r.titles.iter().enumerate() {
        // EAD 2002 lets a title hold dates (EAD3 does not: they stand in the did).
        let nested: Vec<(usize, &DateRef)> = r
            .dates
            .iter()
            .enumerate()
            .filter(|(_, d)| w.v == Version::Ead2002 && in_title(d) == Some(i))
            .collect();
        did.push(unittitle(ti, i, &nested, w));
    }
    for (i, d) in r.dates.iter().enumerate() {
        if d.kind == DateKind::Publication {
            continue;
        }
        match in_title(d).filter(|t| *t < r.titles.len()) {
            Some(_) if w.v == Version::Ead2002 => continue,
            Some(_) => {
                w.loss(
                    LossKind::Flattened,
                    &format!("dates[{i}]"),
                    "EAD3 has no <unitdate> in <unittitle>: written in the level's did",
                    &d.text,
                );
            }
            None => {}
        }
        did.push(unitdate(d, i, w));
    }
    // The finding aid's own id is in eadid or recordid; every other identifier, a
    // component's record ids included, describes the unit.
    for (i, ident) in r.identifiers.iter().enumerate() {
        if Some(i) == id {
            continue;
        }
        did.push(unitid(ident, i, w));
    }
    if let Some(h) = &r.holding {
        if let Some(rf) = &h.reference {
            did.push(
                El::text("unitid", rf)
                    .attr(t, "reference")
                    .attr("label", "Archival reference"),
            );
        }
        if let Some(c) = &h.collection {
            did.push(El::text("physloc", c).attr(t, "collection"));
        }
    }
    if let Some(copy) = r.security.as_ref().and_then(|s| s.copy_number.as_ref()) {
        did.push(
            El::text("unitid", copy)
                .attr(t, "copy_number")
                .attr("label", "Copy number"),
        );
    }
    for (i, e) in r.extents.iter().enumerate() {
        did.push(extent(e, i, w));
    }
    if !r.languages.is_empty() {
        did.push(langmaterial(&r.languages, w));
    }
    let settlement = r.holding.as_ref().and_then(|h| h.settlement.as_ref());
    let mut first_repository = true;
    for (i, a) in r.agents.iter().enumerate() {
        if a.role != Role::Repository {
            continue;
        }
        let mut rep = repository(a, i, w);
        if let Some(s) = settlement.filter(|_| first_repository) {
            rep.push(El::new("address").child(El::text("addressline", s)));
        }
        first_repository = false;
        did.push(rep);
    }
    if let Some(s) = settlement.filter(|_| first_repository) {
        w.loss(
            LossKind::Dropped,
            "holding.settlement",
            format!("no repository to place '{s}' under"),
            s,
        );
    }
    identification(r, &mut did, w);
    for (i, a) in r.abstract_.iter().enumerate() {
        did.push(abstract_el(a, &abstract_attributes(r, i), i, w));
    }
    if let Some(order) = r.spelling.get("did") {
        reorder(&mut did, order);
    }
    if did.is_empty() && !w.kept_under("did") {
        did.push(El::new("unittitle"));
        w.loss(
            LossKind::Supplied,
            "titles",
            "EAD requires some content in did; wrote an empty unittitle",
            "",
        );
    }
    did
}

/// Puts the `did` children the reader mapped in the order the source had them (`order`:
/// their names, space-separated); children it does not name keep their place after them.
fn reorder(el: &mut El, order: &str) {
    let wanted: Vec<&str> = order.split(' ').collect();
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    let mut keyed: Vec<(usize, Node)> = std::mem::take(&mut el.kids)
        .into_iter()
        .map(|k| {
            // A structured date holds a date's place (the reader spells it `unitdate`).
            let name = match node_name(&k) {
                "unitdatestructured" => "unitdate".to_string(),
                n => n.to_string(),
            };
            let nth = seen.entry(name.clone()).or_insert(0);
            let at = wanted
                .iter()
                .enumerate()
                .filter(|(_, w)| **w == name)
                .nth(*nth)
                .map_or(usize::MAX, |(i, _)| i);
            *nth += 1;
            (at, k)
        })
        .collect();
    keyed.sort_by_key(|(at, _)| *at);
    el.kids = keyed.into_iter().map(|(_, k)| k).collect();
}

/// The EAD attributes of abstract `i`, which the reader notes in the record's spelling
/// (`abstract[0].id`): the model's abstracts are text.
pub(crate) fn abstract_attributes(r: &Record, i: usize) -> Attributes {
    let mut a = Attributes::default();
    for name in Attributes::EAD_COMMON {
        if let Some(slot) = a.ead_common_mut(name) {
            *slot = r.spelling.get(&format!("abstract[{i}].{name}")).cloned();
        }
    }
    a
}

/// Notes abstract `i`'s attributes in the record's spelling ([`abstract_attributes`] reads
/// them back).
pub(crate) fn note_abstract_attributes(r: &mut Record, i: usize, a: &Attributes) {
    for (name, value) in a.ead_common() {
        if let Some(v) = value {
            r.spelling
                .insert(format!("abstract[{i}].{name}"), v.to_string());
        }
    }
}

/// `abstract` with its attributes.
pub(super) fn abstract_el(text: &str, a: &Attributes, i: usize, w: &mut W) -> El {
    common_attrs(
        El::text("abstract", text),
        a,
        &|| format!("abstract[{i}].attributes"),
        w,
    )
}

/// The title a date was read inside (its spelling `in` = `unittitle N`).
fn in_title(d: &DateRef) -> Option<usize> {
    d.spelling
        .get("in")?
        .strip_prefix("unittitle ")?
        .parse()
        .ok()
}

/// `unittitle`, with the dates `nested` (numbered among the record's) at its end: the EAD
/// reader maps one only when this writes it back as it was.
pub(super) fn unittitle(ti: &Title, i: usize, nested: &[(usize, &DateRef)], w: &mut W) -> El {
    let t = w.v.type_attr();
    // A space between the title and its dates, as they are read apart.
    let text = match nested.is_empty() || ti.text.is_empty() {
        true => ti.text.clone(),
        false => format!("{} ", ti.text),
    };
    let mut el = El::text("unittitle", &text);
    for (j, d) in nested {
        el.push(unitdate(d, *j, w));
    }
    if ti.kind != TitleKind::Main {
        el = el.attr(t, ti.kind.key());
    }
    if let Some(lang) = &ti.lang {
        let field = format!("titles[{i}].lang");
        match w.v {
            Version::Ead2002 => {
                w.loss(
                    LossKind::Dropped,
                    &field,
                    "EAD 2002 unittitle has no language attribute",
                    lang,
                );
            }
            Version::Ead3 => {
                let b = w.lang_code(&field, lang);
                let code = w.token_attr(&field, "lang", &b, true);
                el = el.attr_opt("lang", code.as_deref());
            }
        }
    }
    common_attrs(el, &ti.attributes, &|| format!("titles[{i}].attributes"), w)
}

/// The EAD attributes a mapped element carries besides its type: `@id` (where it is an
/// XML name), `@audience` (where it is one of EAD's two), `@altrender`, `@encodinganalog`
/// and `@label`, each where the element takes it in the version written. What is left
/// off is ledgered with its value under `field` (`titles[0].attributes`).
fn common_attrs(mut el: El, a: &Attributes, field: &dyn Fn() -> String, w: &mut W) -> El {
    let mut lost: Vec<&str> = Vec::new();
    for (name, value) in a.ead_common() {
        let Some(value) = value else { continue };
        if values::common_value_fits(name, value) && super::migrate::accepts(w.v, &el.name, name) {
            el = el.attr(name, value);
        } else {
            lost.push(value);
        }
    }
    if !lost.is_empty() {
        w.loss(
            LossKind::Dropped,
            &field(),
            format!(
                "<{}> takes no such attribute here, or an id that is no XML name, or an audience other than external or internal: left off",
                el.name
            ),
            &lost.join(" "),
        );
    }
    el
}

/// `unitdate` with `@normal` and `@datechar` (left off where the source had none), its
/// span (`@type`/`@unitdatetype`), certainty, era and calendar, and the common attributes.
pub(super) fn unitdate(d: &DateRef, i: usize, w: &mut W) -> El {
    let field = format!("dates[{i}]");
    let structured = d
        .spelling
        .get("structured")
        .filter(|_| w.v == Version::Ead3)
        .and_then(|shape| structured_date(d, shape, &field, w));
    if w.v == Version::Ead2002 && d.spelling.get("structured").is_some_and(|s| s == "range") {
        // The two texts as they stood (joined, they make one word of two).
        let texts: Vec<&str> = ["from", "to"]
            .iter()
            .filter_map(|k| d.spelling.get(*k).map(String::as_str))
            .collect();
        w.loss(
            LossKind::Flattened,
            &field,
            "EAD3 date range written as its from-to text",
            &texts.join(" "),
        );
    }
    let mut el = match structured {
        Some(el) => el,
        None => {
            let normal = d
                .normal
                .as_ref()
                .and_then(|n| w.date_attr(&format!("{field}.normal"), n));
            El::text("unitdate", &d.text).attr_opt("normal", normal.as_deref())
        }
    };
    if d.spelling.get("datechar").is_none_or(|s| !s.is_empty()) {
        el = el.attr("datechar", d.kind.key());
    }
    match (&d.certainty, &d.normal) {
        // A name token in EAD3, any text in EAD 2002.
        (Some(c), _) => {
            let c = match w.v {
                Version::Ead3 => w.token_attr(&format!("{field}.certainty"), "certainty", c, true),
                Version::Ead2002 => Some(c.clone()),
            };
            el = el.attr_opt("certainty", c.as_deref());
        }
        (None, Some(DateNormal::Approximate { .. })) => el = el.attr("certainty", "approximate"),
        _ => {}
    }
    if let Some(span) = &d.span {
        let span = match span {
            DateSpan::Inclusive => "inclusive",
            DateSpan::Bulk => "bulk",
        };
        el = el.attr(w.v.span_attr(), span);
    }
    for (attr, value) in [("era", &d.era), ("calendar", &d.calendar)] {
        if let Some(v) = value {
            let v = w.token_attr(&format!("{field}.{attr}"), attr, v, true);
            el = el.attr_opt(attr, v.as_deref());
        }
    }
    common_attrs(el, &d.attributes, &|| format!("{field}.attributes"), w)
}

/// EAD3 `unitdatestructured` as the reader found it (`shape` `single` or `range`, the
/// range's texts in the spelling), its standard dates from the normal form; `None` for a
/// range whose texts are not spelled (written as a `unitdate` then).
fn structured_date(d: &DateRef, shape: &str, field: &str, w: &mut W) -> Option<El> {
    let mut standard = |v: &str| {
        w.date_attr(
            &format!("{field}.normal"),
            &DateNormal::Single { when: v.into() },
        )
    };
    let inner = if shape == "single" {
        let when = match &d.normal {
            Some(DateNormal::Single { when }) => standard(when),
            _ => None,
        };
        El::text("datesingle", &d.text).attr_opt("standarddate", when.as_deref())
    } else {
        let (from, to) = (d.spelling.get("from"), d.spelling.get("to"));
        if from.is_none() && to.is_none() {
            return None;
        }
        let (f, t) = match &d.normal {
            Some(DateNormal::Range { from, to }) => (standard(from), standard(to)),
            _ => (None, None),
        };
        let mut range = El::new("daterange");
        if let Some(x) = from {
            range.push(El::text("fromdate", x).attr_opt("standarddate", f.as_deref()));
        }
        if let Some(x) = to {
            range.push(El::text("todate", x).attr_opt("standarddate", t.as_deref()));
        }
        range
    };
    Some(El::new("unitdatestructured").child(inner))
}

/// `unitid` with its kind as `@type`/`@localtype` (left off where the source had none).
pub(super) fn unitid(ident: &Identifier, i: usize, w: &mut W) -> El {
    let t = w.v.type_attr();
    let mut el = El::text("unitid", &ident.value);
    if ident.spelling.get("type").is_none_or(|s| !s.is_empty()) {
        el = el.attr(t, ident.kind.key());
    }
    if let Some(auth) = &ident.authority {
        w.loss(
            LossKind::Dropped,
            &format!("identifiers[{i}].authority"),
            "EAD has no free-text assigner of a unitid",
            auth,
        );
    }
    common_attrs(
        el,
        &ident.attributes,
        &|| format!("identifiers[{i}].attributes"),
        w,
    )
}

/// True for an agent the writer puts in an `origination`: an author or creator, or a name
/// of another role read from one.
fn in_origination(a: &Agent) -> bool {
    matches!(a.role, Role::Author | Role::Creator)
        || a.spelling.get("in").is_some_and(|s| s == "origination")
}

/// `origination` holding an author's or creator's name. `@label` is the agent's note, else
/// the role's wording; the reader's spelling notes a source that had no `@label` (`label`
/// = ``) or no role on the name (`role` = ``), or the role in another spelling
/// (`role` = `cre`).
pub(super) fn origination(a: &Agent, i: usize, w: &mut W) -> El {
    let mut orig = El::new("origination");
    match (&a.note, a.spelling.get("label")) {
        (Some(n), _) => orig = orig.attr("label", n),
        (None, Some(l)) if l.is_empty() => {}
        (None, _) => {
            orig = orig.attr(
                "label",
                if a.role == Role::Author {
                    "Author"
                } else {
                    "Creator"
                },
            )
        }
    }
    let role = a
        .spelling
        .get("role")
        .is_none_or(|s| !s.is_empty())
        .then_some(&a.role);
    orig.attr_opt(
        "encodinganalog",
        a.spelling
            .get("origination.encodinganalog")
            .map(String::as_str),
    )
    .child(agent_name_el(w, i, a, role))
}

/// `physdesc`: EAD 2002 with one `extent` (and its `@unit`), EAD3 the extent's text; each
/// with its `@altrender`.
pub(super) fn extent(e: &Extent, i: usize, w: &mut W) -> El {
    // EAD 2002 exports (ArchivesSpace) say what an extent measures in its @altrender,
    // and whether it is the whole in the physdesc's (the reader's spelling).
    let altrender = e.attributes.altrender.as_deref();
    let el = match w.v {
        Version::Ead2002 if e.spelling.get("extent").is_some_and(String::is_empty) => {
            El::text("physdesc", &e.text).attr_opt("altrender", altrender)
        }
        Version::Ead2002 => El::new("physdesc")
            .attr_opt(
                "altrender",
                e.spelling.get("physdesc.altrender").map(String::as_str),
            )
            .child(
                El::text("extent", &e.text)
                    .attr_opt("unit", e.unit.as_deref())
                    .attr_opt("altrender", altrender),
            ),
        Version::Ead3 => {
            if let Some(whole) = e.spelling.get("physdesc.altrender") {
                w.loss(
                    LossKind::Dropped,
                    &format!("extents[{i}]"),
                    "EAD3's physdesc has one @altrender, the extent's: EAD 2002's physdesc/@altrender is left off",
                    whole,
                );
            }
            El::text("physdesc", &e.text).attr_opt("altrender", altrender)
        }
    };
    let unit = match w.v {
        Version::Ead2002 => None,
        Version::Ead3 => e.unit.as_deref(),
    };
    let lost = e.outside_text(&[e.quantity.as_deref(), unit]);
    if !lost.is_empty() {
        w.loss(
            LossKind::Dropped,
            &format!("extents[{i}]"),
            "the extent's quantity and unit are not written apart from its text",
            &lost.join(" "),
        );
    }
    el
}

/// One `langmaterial` holding every language, each a `language` with `@langcode` and its
/// script: `@scriptcode` in EAD 2002, a `script` beside it in a `languageset` in EAD3.
pub(super) fn langmaterial(languages: &[Language], w: &mut W) -> El {
    let mut lm = El::new("langmaterial");
    for (i, l) in languages.iter().enumerate() {
        // The field names are made only for a value the writer has to change.
        let plain = values::is_nmtoken;
        let code = if plain(&l.code) && lang::is_639_2b(&l.code) {
            Some(l.code.clone())
        } else {
            let f = format!("languages[{i}].code");
            let b = w.lang_code(&f, &l.code);
            w.token_attr(&f, "langcode", &b, true)
        };
        let script = match l.script.as_deref() {
            Some(s) if plain(s) => Some(s.to_string()),
            Some(s) => w.token_attr(&format!("languages[{i}].script"), "scriptcode", s, true),
            None => None,
        };
        let mut el = El::new("language").attr_opt("langcode", code.as_deref());
        if w.v == Version::Ead2002 {
            el = el.attr_opt("scriptcode", script.as_deref());
        }
        if let Some(n) = &l.name {
            el = el.push_text(n);
        }
        lm.push(match script {
            Some(s) if w.v == Version::Ead3 => El::new("languageset")
                .child(el)
                .child(El::new("script").attr("scriptcode", &s)),
            _ => el,
        });
    }
    lm
}

/// `repository` with the holding institution's name (the settlement's `address` is added
/// by [`did`]).
pub(super) fn repository(a: &Agent, i: usize, w: &mut W) -> El {
    El::new("repository").child(agent_name_el(w, i, a, None))
}

/// Containers, locations, material details and digital objects: `did` children of both
/// versions (`dao` with XLink attributes in EAD 2002, `@href` and `@daotype` in EAD3).
fn identification(r: &Record, did: &mut El, w: &mut W) {
    for i in 0..r.containers.len() {
        did.push(container(&r.containers, i, w));
    }
    for (i, p) in r.physical_locations.iter().enumerate() {
        did.push(physloc(p, i, w));
    }
    for m in &r.material_specs {
        did.push(El::text("materialspec", m));
    }
    for (i, d) in r.digital_objects.iter().enumerate() {
        did.push(dao(d, i, w));
    }
}

/// The `i`th of a record's containers. Its @id is written only where it is a valid,
/// unique XML id among `all`, and its @parent only where every id it names is one of
/// those.
pub(super) fn container(all: &[Container], i: usize, w: &mut W) -> El {
    let t = w.v.type_attr();
    let c = &all[i];
    let ids: Vec<&str> = all
        .iter()
        .filter_map(|c| c.id.as_deref())
        .filter(|id| values::is_ncname(id))
        .collect();
    let unique = |id: &str| ids.iter().filter(|i| **i == id).count() == 1;
    let f = format!("containers[{i}]");
    let kind = c
        .kind
        .as_deref()
        .and_then(|k| w.token_attr(&f, t, k, false));
    let id =
        c.id.as_deref()
            .filter(|id| values::is_ncname(id) && unique(id));
    let parent = c
        .parent
        .as_deref()
        .filter(|p| p.split_whitespace().all(|x| ids.contains(&x) && unique(x)));
    w.left_off(
        &f,
        "a container id or parent that is no valid, unique id of the record's containers is left off",
        [(c.id.as_deref(), id), (c.parent.as_deref(), parent)],
    );
    El::text("container", &c.value)
        .attr_opt(t, kind.as_deref())
        .attr_opt("label", c.label.as_deref())
        .attr_opt("id", id)
        .attr_opt("parent", parent)
}

/// `physloc` with its kind as `@type`/`@localtype`.
pub(super) fn physloc(p: &PhysicalLocation, i: usize, w: &mut W) -> El {
    let t = w.v.type_attr();
    let kind = match (w.v, p.kind.as_deref()) {
        (_, None) => None,
        (Version::Ead2002, Some(k)) => Some(k.to_string()),
        (Version::Ead3, Some(k)) => {
            w.token_attr(&format!("physical_locations[{i}]"), "localtype", k, false)
        }
    };
    El::text("physloc", &p.text).attr_opt(t, kind.as_deref())
}

/// `dao`: XLink attributes and `daodesc` in EAD 2002, `@daotype`, `@href` and
/// `descriptivenote` in EAD3.
pub(super) fn dao(d: &DigitalObject, i: usize, w: &mut W) -> El {
    let f = format!("digital_objects[{i}]");
    let note = |name: &'static str| {
        d.description
            .as_deref()
            .map(|t| El::new(name).child(El::text("p", t)))
    };
    // The link's behaviour where the version takes the value (EAD3 spells `actuate` in
    // lower case); any other is ledgered.
    let show = d.show.as_deref().filter(|s| values::LINK_SHOW.contains(s));
    let actuate = d.actuate.as_deref().and_then(|a| {
        let (xlink, three) = values::LINK_ACTUATE.iter().find(|(x, _)| *x == a)?;
        Some(match w.v {
            Version::Ead2002 => *xlink,
            Version::Ead3 => *three,
        })
    });
    w.left_off(
        &f,
        "a link's show or actuate other than XLink's values: left off",
        [(d.show.as_deref(), show), (d.actuate.as_deref(), actuate)],
    );
    let el = match w.v {
        Version::Ead2002 => {
            let mut el = El::new("dao")
                .attr("xlink:type", "simple")
                .attr("xlink:href", &d.href)
                .attr_opt("xlink:role", d.role.as_deref())
                .attr_opt("xlink:title", d.title.as_deref())
                .attr_opt("xlink:show", show)
                .attr_opt("xlink:actuate", actuate);
            if let Some(n) = note("daodesc") {
                el.push(n);
            }
            el
        }
        Version::Ead3 => {
            const DAOTYPES: [&str; 3] = ["borndigital", "derived", "unknown"];
            let (daotype, other) = match d.role.as_deref() {
                Some(r) if DAOTYPES.contains(&r) => (r.to_string(), None),
                Some(r) => (
                    "otherdaotype".to_string(),
                    w.token_attr(&f, "otherdaotype", r, false),
                ),
                None => {
                    w.loss(
                        LossKind::Supplied,
                        &f,
                        "EAD3 dao requires @daotype, which the record does not give: wrote 'unknown'",
                        "unknown",
                    );
                    ("unknown".to_string(), None)
                }
            };
            let mut el = El::new("dao")
                .attr("daotype", &daotype)
                .attr_opt("otherdaotype", other.as_deref())
                .attr("href", &d.href)
                .attr_opt("linktitle", d.title.as_deref())
                .attr_opt("show", show)
                .attr_opt("actuate", actuate);
            if let Some(n) = note("descriptivenote") {
                el.push(n);
            }
            el
        }
    };
    if d.group.is_some() {
        w.loss(
            LossKind::Flattened,
            &f,
            "digital objects of one group are written one by one",
            &d.href,
        );
    }
    el
}

/// Description elements EAD 2002 and EAD3 share that hold a heading and blocks: a note
/// of one of these kinds (`NoteKind::Other("appraisal")`) is written as that element.
pub(super) const OTHER_NOTE_ELEMENTS: &[&str] = &[
    "appraisal",
    "accruals",
    "altformavail",
    "originalsloc",
    "otherfindaid",
    "fileplan",
    "phystech",
    "relatedmaterial",
    "separatedmaterial",
];

/// The note kinds and the element each is written as, with its type value: the crosswalk
/// both ways (the reader, `read/notes.rs`, finds a note's kind in the same table). Other
/// kinds are [`OTHER_NOTE_ELEMENTS`] by their own name, or `odd` typed with the kind.
pub(super) const NOTE_ELEMENTS: &[(NoteKind, &str, Option<&str>)] = &[
    (NoteKind::ScopeContent, "scopecontent", None),
    (NoteKind::BiographicalHistorical, "bioghist", None),
    (NoteKind::Arrangement, "arrangement", None),
    (NoteKind::CustodialHistory, "custodhist", None),
    (NoteKind::Acquisition, "acqinfo", None),
    (NoteKind::AccessRestrictions, "accessrestrict", None),
    (NoteKind::UseRestrictions, "userestrict", None),
    (NoteKind::PreferredCitation, "prefercite", None),
    (NoteKind::ProcessingInformation, "processinfo", None),
    (NoteKind::Editorial, "odd", Some("editorial")),
    (NoteKind::Translator, "odd", Some("translator")),
    (NoteKind::General, "odd", None),
];

fn note_tag(kind: &NoteKind) -> (&'static str, Option<&str>) {
    if let NoteKind::Other(name) = kind {
        return match OTHER_NOTE_ELEMENTS.iter().find(|e| *e == name) {
            Some(e) => (*e, None),
            None => ("odd", Some(name.as_str())),
        };
    }
    NOTE_ELEMENTS
        .iter()
        .find(|(k, ..)| k == kind)
        .map_or(("odd", None), |(_, tag, ty)| (*tag, *ty))
}

/// True when an element holds nothing but an optional `head`: the description elements
/// (`odd`, `scopecontent`, ...) require a block after it.
fn only_head(el: &El) -> bool {
    el.kids
        .iter()
        .all(|k| matches!(k, Node::El(e) if e.name == "head"))
}

/// One note: its element (see [`note_tag`]), its heading and its blocks.
pub(super) fn note(n: &Note, i: usize, w: &mut W) -> El {
    let t = w.v.type_attr();
    let (tag, ty) = note_tag(&n.kind);
    let ne = El::new(tag).attr_opt(t, ty);
    let mut ne = common_attrs(ne, &n.attributes, &|| format!("notes[{i}].attributes"), w);
    if let Some(h) = &n.heading {
        ne.push(El::text("head", h));
    }
    let field = format!("notes[{i}]");
    blocks_into(&mut ne, &n.content, w, &field);
    if only_head(&ne) {
        // An empty paragraph keeps a note that has only a heading, or nothing.
        ne.push(El::new("p"));
    }
    ne
}

fn notes(r: &Record, el: &mut El, w: &mut W) {
    let t = w.v.type_attr();
    for (i, n) in r.notes.iter().enumerate() {
        el.push(note(n, i, w));
    }
    if let Some(sec) = &r.security {
        for (kind, head, v) in [
            (
                "classification",
                "Security classification",
                &sec.classification,
            ),
            (
                "original_classification",
                "Original classification",
                &sec.original_classification,
            ),
        ] {
            if let Some(v) = v {
                el.push(
                    El::new("accessrestrict")
                        .attr(t, kind)
                        .child(El::text("head", head))
                        .child(El::text("p", v)),
                );
            }
        }
    }
    for (i, rt) in r.rights.iter().enumerate() {
        let mut ur = El::new("userestrict");
        for p in &rt.statement {
            ur.push(El::text("p", p));
        }
        if let Some(l) = &rt.licence {
            ur.push(El::new("p").mixed().child(link(w, l, l)));
        }
        if ur.is_empty() {
            ur.push(El::new("p"));
        }
        if let Some(s) = &rt.status {
            w.loss(
                LossKind::Dropped,
                &format!("rights[{i}].status"),
                format!("EAD has no availability status ('{s}')"),
                s,
            );
        }
        el.push(ur);
    }
    for rel in &r.relations {
        let tag = match rel.kind {
            RelationKind::Separated => "separatedmaterial",
            RelationKind::Source => "originalsloc",
            RelationKind::Related
            | RelationKind::IsPartOf
            | RelationKind::HasPart
            | RelationKind::IsVersionOf
            | RelationKind::References
            | RelationKind::Other(_) => "relatedmaterial",
        };
        let mut p = El::new("p").mixed().push_text(&rel.text);
        if let Some(u) = &rel.uri {
            if !rel.text.is_empty() {
                p.kids.push(Node::Text(" ".into()));
            }
            p.push(link(w, u, u));
        }
        el.push(El::new(tag).attr(t, rel.kind.key()).child(p));
    }
    if !r.body.is_empty() {
        // EAD has no element for a transcription; the text goes into an odd note so that
        // nothing of it is lost, with editorial markup flattened as the ledger says.
        let mut odd = El::new("odd")
            .attr(t, "transcription")
            .child(El::text("head", "Text"));
        blocks_into(&mut odd, &r.body, w, "body");
        if only_head(&odd) {
            // odd requires a block after its head: a body that gives no block (empty
            // lists and sections only) is not written.
            w.loss(
                LossKind::Dropped,
                "body",
                "the document's text gives no EAD block: no odd written",
                &blocks_words(&r.body),
            );
        } else {
            el.push(odd);
            let reason = format!(
                "EAD has no element for a document's text: written as odd[@{t}=transcription] with editorial markup as plain text"
            );
            w.loss(LossKind::Flattened, "body", reason, &blocks_words(&r.body));
        }
    }
}

fn link(w: &W, href: &str, text: &str) -> El {
    match w.v {
        Version::Ead2002 => El::text("extref", text)
            .attr("xlink:type", "simple")
            .attr("xlink:href", href),
        Version::Ead3 => El::text("ref", text).attr("href", href),
    }
}

pub(super) fn controlaccess(r: &Record, w: &mut W) -> Option<El> {
    let t = w.v.type_attr();
    let mut ca = El::new("controlaccess");
    for dt in &r.document_types {
        ca.push(
            subject_el(w, "document_types", "genreform", dt, None, None).attr(t, "document_type"),
        );
    }
    for (i, s) in r.subjects.iter().enumerate() {
        // An Other kind is a subject (the kind is spelled in its type elsewhere).
        let tag = SUBJECT_ELEMENTS
            .iter()
            .find(|(k, _)| *k == s.kind)
            .map_or("subject", |(_, tag)| *tag);
        let el = subject_el(
            w,
            &format!("subjects[{i}].vocabulary"),
            tag,
            &s.term,
            s.vocabulary.as_deref(),
            s.uri.as_deref(),
        );
        ca.push(el);
    }
    for (i, a) in r.agents.iter().enumerate() {
        if in_origination(a) {
            continue;
        }
        match a.role {
            Role::Publisher | Role::Repository | Role::Funder => {
                // Written by name only (publisher, repository, sponsor).
                // A repository's authority id is written on its name.
                let authority = a
                    .authority
                    .as_ref()
                    .filter(|_| a.role != Role::Repository)
                    .map(|au| au.id.as_str());
                let lost: Vec<&str> = [a.note.as_deref(), authority]
                    .into_iter()
                    .flatten()
                    .collect();
                if !lost.is_empty() {
                    w.loss(
                        LossKind::Dropped,
                        &format!("agents[{i}]"),
                        format!(
                            "EAD writes a {} by name: its role wording and authority id have no place",
                            a.role.key()
                        ),
                        &lost.join(" "),
                    );
                }
                continue;
            }
            // (In an origination, above.)
            Role::Author
            | Role::Creator
            | Role::Translator
            | Role::Editor
            | Role::Recipient
            | Role::Obtainer
            | Role::Contributor
            | Role::Other(_) => {}
        }
        let mut el = agent_name_el(w, i, a, Some(&a.role));
        if let Some(n) = &a.note {
            el = el.attr("altrender", n);
            w.loss(
                LossKind::Flattened,
                &format!("agents[{i}].note"),
                "an access point has no text for the role's wording: written as @altrender",
                n,
            );
        }
        ca.push(el);
    }
    for (i, p) in r.places.iter().enumerate() {
        let f = format!("places[{i}]");
        let role = p.role.key();
        w.loss(
            LossKind::Flattened,
            &f,
            format!("a place of {role} is written as a geographic access point"),
            &format!("{role} {}", p.name),
        );
        let auth = p.authority.as_ref().map(|a| a.id.as_str());
        ca.push(subject_el(w, &f, "geogname", &p.name, None, auth));
    }
    (!ca.is_empty()).then_some(ca)
}

fn subject_el(
    w: &mut W,
    field: &str,
    tag: &'static str,
    term: &str,
    vocab: Option<&str>,
    uri: Option<&str>,
) -> El {
    let id_attr = match w.v {
        Version::Ead2002 => "authfilenumber",
        Version::Ead3 => "identifier",
    };
    let el = match w.v {
        Version::Ead2002 => El::text(tag, term),
        Version::Ead3 => El::new(tag).child(El::text("part", term)),
    };
    let source = vocab.and_then(|v| w.token_attr(field, "source", v, false));
    el.attr_opt("source", source.as_deref())
        .attr_opt(id_attr, uri)
}

/// A list numeration in the version's values: EAD 2002's names, EAD3's CSS ones, each
/// read from either spelling.
fn list_numeration(v: Version, style: &str) -> Option<&'static str> {
    const PAIRS: [(&str, &str); 7] = [
        ("arabic", "decimal"),
        ("upperroman", "upper-roman"),
        ("lowerroman", "lower-roman"),
        ("upperalpha", "upper-alpha"),
        ("loweralpha", "lower-alpha"),
        ("upperalpha", "upper-latin"),
        ("loweralpha", "lower-latin"),
    ];
    let (ead2002, ead3) = PAIRS.iter().find(|(a, b)| *a == style || *b == style)?;
    Some(match v {
        Version::Ead2002 => ead2002,
        Version::Ead3 => ead3,
    })
}

/// Writes blocks as EAD block elements. A heading leads only at the start.
fn blocks_into(parent: &mut El, blocks: &[Block], w: &mut W, field: &str) {
    for (i, b) in blocks.iter().enumerate() {
        let f = format!("{field}[{i}]");
        match b {
            Block::Heading { content } if parent.is_empty() => {
                parent.push(inlines_into(El::new("head"), content, w, &f))
            }
            Block::Heading { content } => {
                // emph holds only text and a few phrase elements: names inside a heading
                // become plain text here.
                let plain = inlines_plain(content);
                w.set_aside(&f, &plain);
                let emph = El::text("emph", &plain.text).attr("render", "bold");
                parent.push(El::new("p").mixed().child(emph));
            }
            Block::Paragraph { n, content } => {
                let mut p = El::new("p").mixed();
                if let Some(n) = n {
                    p.kids.push(Node::Text(format!("{n}. ")));
                }
                parent.push(inlines_into(p, content, w, &f));
            }
            Block::Section {
                kind,
                n,
                lang,
                blocks,
            } => {
                let lost: Vec<&str> = [kind.as_deref(), n.as_deref(), lang.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                if !lost.is_empty() {
                    w.loss(
                        LossKind::Flattened,
                        &f,
                        "EAD has no sections in running text: the blocks are written in sequence without the section's kind, number and language",
                        &lost.join(" "),
                    );
                }
                blocks_into(parent, blocks, w, &f)
            }
            Block::List {
                ordered,
                style,
                items,
                lang,
            } => {
                // An ordered list's style is its numeration, an unordered one's its mark,
                // each in the version's own values (EAD 2002 `upperroman`, EAD3 the CSS
                // `upper-roman`); a style with no such value is ledgered.
                let numeration = style
                    .as_deref()
                    .filter(|_| *ordered)
                    .and_then(|s| list_numeration(w.v, s));
                let mark = style
                    .as_deref()
                    .filter(|_| !*ordered)
                    .and_then(|s| match w.v {
                        Version::Ead2002 => Some(s.to_string()),
                        Version::Ead3 => ["disc", "circle", "square", "none"]
                            .contains(&s)
                            .then(|| s.to_string()),
                    });
                if let Some(s) = style.as_deref() {
                    let written = numeration.or(mark.as_deref());
                    match written {
                        None => {
                            w.loss(
                                LossKind::Dropped,
                                &f,
                                "the list's style has no EAD value",
                                s,
                            );
                        }
                        Some(v) if v != s => {
                            w.loss(
                                LossKind::Flattened,
                                &f,
                                format!("the list's style '{s}' is written as EAD's '{v}'"),
                                s,
                            );
                        }
                        Some(_) => {}
                    }
                }
                let mut l = match (w.v, ordered, &mark) {
                    (Version::Ead2002, true, _) => El::new("list").attr("type", "ordered"),
                    (Version::Ead2002, false, Some(_)) => El::new("list").attr("type", "marked"),
                    (Version::Ead2002, false, None) => El::new("list").attr("type", "simple"),
                    (Version::Ead3, true, _) => El::new("list").attr("listtype", "ordered"),
                    (Version::Ead3, false, _) => El::new("list").attr("listtype", "unordered"),
                };
                l = l
                    .attr_opt("numeration", numeration)
                    .attr_opt("mark", mark.as_deref());
                let mut numbers = Vec::new();
                for it in items {
                    let mut item = El::new("item").mixed();
                    if let Some(n) = &it.n {
                        if *ordered {
                            numbers.push(n.as_str());
                        } else {
                            item.kids.push(Node::Text(format!("{n}. ")));
                        }
                    }
                    let mut item = inlines_into(item, &it.content, w, &f);
                    // An item may hold a nested list; other blocks become its text.
                    let mut nested = El::new("item");
                    blocks_into(&mut nested, &it.blocks, w, &f);
                    for k in nested.kids {
                        match k {
                            Node::El(e) if e.name == "list" => item.push(e),
                            Node::El(e) => {
                                let text = crate::xml::text_runs(&e.to_document());
                                w.loss(
                                    LossKind::Flattened,
                                    &f,
                                    "a block inside a list item is written as the item's text",
                                    &text,
                                );
                                item.kids.push(Node::Text(format!(" {text}")));
                            }
                            other => item.kids.push(other),
                        }
                    }
                    l.push(item);
                }
                if !numbers.is_empty() || lang.is_some() {
                    numbers.extend(lang.as_deref());
                    w.loss(
                        LossKind::Dropped,
                        &f,
                        "an ordered EAD list numbers its items itself; the list's language has no place",
                        &numbers.join(" "),
                    );
                }
                if l.is_empty() {
                    continue;
                }
                parent.push(l);
            }
            Block::Quote { blocks } => {
                let mut q = El::new("blockquote");
                blocks_into(&mut q, blocks, w, &f);
                if q.is_empty() {
                    q.push(El::new("p"));
                }
                parent.push(q);
            }
            Block::Note { kind, content } => {
                // Printed the way editions print them: "[in English]", "[Translator’s note: …]".
                let label = match kind {
                    NoteKind::Translator => "Translator’s note: ",
                    NoteKind::Editorial => "",
                    _ => "Note: ",
                };
                let p = El::new("p").mixed().push_text("[").push_text(label);
                let mut p = inlines_into(p, content, w, &f);
                p.kids.push(Node::Text("]".into()));
                parent.push(p);
            }
            Block::DefinitionList { items } => {
                let mut l = match w.v {
                    Version::Ead2002 => El::new("list").attr("type", "deflist"),
                    Version::Ead3 => El::new("list").attr("listtype", "deflist"),
                };
                for it in items {
                    l.push(
                        El::new("defitem")
                            .child(inlines_into(El::new("label").mixed(), &it.label, w, &f))
                            .child(inlines_into(El::new("item").mixed(), &it.content, w, &f)),
                    );
                }
                if !l.is_empty() {
                    parent.push(l);
                }
            }
            Block::Chronology { heading, events } => {
                let mut cl = El::new("chronlist");
                if let Some(h) = heading {
                    cl.push(inlines_into(El::new("head").mixed(), h, w, &f));
                }
                for e in events {
                    // EAD 2002: date[@normal]; EAD3: datesingle[@standarddate] (one date;
                    // a span keeps only its text there).
                    let normal = e.date.normal.as_ref().and_then(|n| w.date_attr(&f, n));
                    let date = match w.v {
                        Version::Ead2002 => {
                            El::text("date", &e.date.text).attr_opt("normal", normal.as_deref())
                        }
                        Version::Ead3 => El::text("datesingle", &e.date.text).attr_opt(
                            "standarddate",
                            normal.as_deref().filter(|v| !v.contains('/')),
                        ),
                    };
                    let mut item = El::new("chronitem").child(date);
                    let group = match w.v {
                        Version::Ead2002 => "eventgrp",
                        Version::Ead3 => "chronitemset",
                    };
                    match e.events.as_slice() {
                        [one] => item.push(inlines_into(El::new("event").mixed(), one, w, &f)),
                        [] => item.push(El::new("event")),
                        many => {
                            let mut g = El::new(group);
                            for ev in many {
                                g.push(inlines_into(El::new("event").mixed(), ev, w, &f));
                            }
                            item.push(g);
                        }
                    }
                    cl.push(item);
                }
                if cl
                    .kids
                    .iter()
                    .any(|k| matches!(k, Node::El(e) if e.name == "chronitem"))
                {
                    parent.push(cl);
                }
            }
            Block::Table { .. } => {
                // EAD's tables need column specifications the model does not hold: each
                // row is written as a paragraph of its cells.
                let plain = blocks_plain(std::slice::from_ref(b));
                w.loss(
                    LossKind::Flattened,
                    &f,
                    "a table is written as one paragraph a row, cells separated by |",
                    &plain.text,
                );
                for line in plain.text.lines() {
                    parent.push(El::text("p", line));
                }
            }
            Block::Unmapped(u) => {
                let plain = blocks_plain(std::slice::from_ref(b));
                w.loss(
                    LossKind::Flattened,
                    &f,
                    format!(
                        "unmapped {} block from {} written as plain text",
                        u.format, u.path
                    ),
                    &plain.text,
                )
                .at(Some(&u.path), u.line);
                w.set_aside(&f, &plain);
                parent.push(El::text("p", &plain.text));
            }
        }
    }
}

fn inlines_into(mut el: El, content: &[Inline], w: &mut W, field: &str) -> El {
    el.mixed = true;
    for i in content {
        inline(&mut el, i, w, field);
    }
    // What the element may not hold in the version written (a place name inside
    // emphasis) is written as its text.
    let kids = std::mem::take(&mut el.kids);
    for k in kids {
        match k {
            Node::El(e) if !super::migrate::holds(w.v, &el.name, &e.name) => {
                let text = super::migrate::plain(&e);
                w.loss(
                    LossKind::Flattened,
                    field,
                    format!(
                        "{} has no <{}> in <{}>: written as its text",
                        w.v.label(),
                        e.name,
                        el.name
                    ),
                    &text,
                );
                el.kids.push(Node::Text(text));
            }
            k => el.kids.push(k),
        }
    }
    el
}

/// Is `r` a value of `emph/@render`? The closed list is EAD3's (generated from `ead3.rng`),
/// which EAD 2002's `ead.xsd` shares; any other rendition is written as `@altrender`.
fn is_render(r: &str) -> bool {
    super::migrate::ead3_content::content("emph")
        .and_then(|c| c.attributes.iter().find(|(a, _)| *a == "render"))
        .is_some_and(|(_, values)| values.contains(&r))
}

fn inline(el: &mut El, i: &Inline, w: &mut W, field: &str) {
    match i {
        Inline::Text { text } => el.kids.push(Node::Text(text.clone())),
        Inline::Title { content } => {
            // EAD3's title needs parts: a title in running text is italic there.
            let e = match w.v {
                Version::Ead2002 => El::new("title").attr("render", "italic"),
                Version::Ead3 => El::new("emph").attr("render", "italic"),
            };
            if w.v == Version::Ead3 {
                w.loss(
                    LossKind::Flattened,
                    field,
                    "EAD3 writes a title in running text as italic emphasis",
                    &inlines_plain(content).text,
                );
            }
            let plain = inlines_plain(content);
            w.set_aside(field, &plain);
            el.push(e.push_text(&plain.text));
        }
        Inline::Choice { .. } | Inline::InternalRef { .. } => {
            // One reading (the expansion, regular or corrected form); the other is
            // ledgered. An internal reference is written as its text: EAD's @target must
            // name an id the output has.
            let plain = inlines_plain(std::slice::from_ref(i));
            w.set_aside(field, &plain);
            if let Inline::InternalRef { target, .. } = i {
                w.loss(
                    LossKind::Dropped,
                    field,
                    "an internal reference is written as its text",
                    target,
                );
            }
            el.kids.push(Node::Text(plain.text));
        }
        Inline::Emphasis { rend, content } => {
            let e = match rend.as_deref() {
                Some(r) if is_render(r) => El::new("emph").attr("render", r),
                Some(r) => El::new("emph").attr("altrender", r),
                None => El::new("emph"),
            };
            el.push(inlines_into(e, content, w, field));
        }
        Inline::Supplied { content, .. } => {
            el.kids.push(Node::Text("[".into()));
            for c in content {
                inline(el, c, w, field);
            }
            el.kids.push(Node::Text("]".into()));
            w.loss(
                LossKind::Flattened,
                field,
                "EAD has no markup for an editorial insertion: written in square brackets",
                &inlines_plain(content).text,
            );
        }
        Inline::Gap { reason, extent } => {
            el.kids.push(Node::Text("[...]".into()));
            let what: Vec<&str> = [reason.as_deref(), extent.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            w.loss(
                LossKind::Flattened,
                field,
                "EAD has no markup for a gap: written as [...]",
                &what.join(" "),
            );
        }
        Inline::Name {
            kind,
            reference,
            content,
        } => {
            let tag = match kind {
                NameKind::Person => "persname",
                NameKind::Place => "geogname",
                NameKind::Organisation => "corpname",
                NameKind::Other => "name",
            };
            let plain = inlines_plain(content);
            w.set_aside(field, &plain);
            let auth = reference.as_ref().map(|r| Authority {
                id: r.clone(),
                source: None,
                rules: None,
            });
            el.push(name_el(w, field, tag, &plain.text, None, auth.as_ref()));
        }
        Inline::Date { when, content } => {
            let normal = when
                .as_ref()
                .and_then(|v| w.date_attr(field, &DateNormal::Single { when: v.clone() }));
            let d = El::new("date").attr_opt("normal", normal.as_deref());
            el.push(inlines_into(d, content, w, field));
        }
        Inline::Foreign { lang, content } => {
            for c in content {
                inline(el, c, w, field);
            }
            w.loss(
                LossKind::Flattened,
                field,
                format!("EAD has no inline language span: the '{lang}' passage is plain text"),
                &inlines_plain(content).text,
            );
        }
        Inline::LineBreak => el.push(El::new("lb")),
        Inline::PageBreak { n } => {
            w.loss(
                LossKind::Dropped,
                field,
                "EAD has no page break in running text",
                n.as_deref().unwrap_or(""),
            );
        }
        Inline::Link { target, content } => {
            let plain = inlines_plain(content);
            w.set_aside(field, &plain);
            el.push(link(w, target, &plain.text));
        }
        Inline::Note { content, .. } => {
            el.kids.push(Node::Text(" [".into()));
            for c in content {
                inline(el, c, w, field);
            }
            el.kids.push(Node::Text("]".into()));
            w.loss(
                LossKind::Flattened,
                field,
                "an inline note is written in square brackets",
                &inlines_plain(content).text,
            );
        }
        Inline::Unmapped(u) => {
            let plain = fragment_plain(u);
            el.kids.push(Node::Text(plain.text.clone()));
            w.loss(
                LossKind::Flattened,
                field,
                format!(
                    "unmapped {} markup from {} written as plain text",
                    u.format, u.path
                ),
                &plain.text,
            )
            .at(Some(&u.path), u.line);
            w.set_aside(field, &plain);
        }
    }
}
