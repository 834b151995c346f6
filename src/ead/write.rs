//! Record → EAD 2002 or EAD3. Chain: record → header, archdesc → did, notes, access
//! points → blocks → inlines. Children become nested `c` elements in `dsc`.

use super::lang::to_639_2b;
use crate::format::{Format, EAD2002_NS, EAD3_NS, XLINK_NS};
use crate::ledger::{Ledger, LossKind};
use crate::model::plain::{blocks_text, inlines_text};
use crate::model::*;
use crate::xml::{El, OutNode as Node};

/// Which EAD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Ead2002,
    Ead3,
}

impl Version {
    fn format(self) -> Format {
        match self {
            Version::Ead2002 => Format::Ead,
            Version::Ead3 => Format::Ead3,
        }
    }
    /// The attribute that holds a free type value.
    fn type_attr(self) -> &'static str {
        match self {
            Version::Ead2002 => "type",
            Version::Ead3 => "localtype",
        }
    }
}

/// The writer's state: version, ledger and the model path of the current record.
struct W {
    v: Version,
    ledger: Ledger,
    field: String,
    origin: Option<String>,
}

impl W {
    fn loss(&mut self, kind: LossKind, field: &str, reason: impl Into<String>) {
        let f = format!("{}{field}", self.field);
        self.ledger.push(kind, f, self.v.format(), reason);
        if let Some(l) = self.ledger.losses.last_mut() {
            l.source = self.origin.clone();
        }
    }
}

/// Writes a record as an EAD finding aid of the given version.
pub fn write(r: &Record, v: Version) -> (String, Ledger) {
    let mut w = W {
        v,
        ledger: Ledger::new(),
        field: String::new(),
        origin: r.origin.clone(),
    };
    let mut ead = El::new("ead");
    match v {
        Version::Ead2002 => {
            ead = ead.attr("xmlns", EAD2002_NS).attr("xmlns:xlink", XLINK_NS);
            ead.push(eadheader(r, &mut w));
        }
        Version::Ead3 => {
            ead = ead.attr("xmlns", EAD3_NS);
            ead.push(control(r, &mut w));
        }
    }
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
            );
            l
        }
    };
    let mut archdesc = level_attrs(El::new("archdesc"), &level);
    description(r, &mut archdesc, &mut w);
    ead.push(archdesc);
    (ead.to_document(), w.ledger)
}

fn level_attrs(el: El, level: &Level) -> El {
    match level {
        Level::Other(name) => el.attr("level", "otherlevel").attr("otherlevel", name),
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

fn record_id(r: &Record) -> Option<&Identifier> {
    r.identifiers
        .iter()
        .find(|i| i.kind == IdentifierKind::Record)
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
            );
        }
    }
    for t in r.titles.iter().filter(|t| t.kind == TitleKind::Sub) {
        ts.push(El::text("subtitle", &t.text));
    }
    for a in r.agents.iter().filter(|a| a.role == Role::Funder) {
        ts.push(El::text("sponsor", &a.name));
    }
    ts
}

fn publication_stmt(r: &Record) -> Option<El> {
    let mut ps = El::new("publicationstmt");
    for a in r.agents.iter().filter(|a| a.role == Role::Publisher) {
        ps.push(El::text("publisher", &a.name));
    }
    for d in r.dates.iter().filter(|d| d.kind == DateKind::Publication) {
        ps.push(El::text("date", &d.text).attr_opt("normal", normal(d).as_deref()));
    }
    (!ps.is_empty()).then_some(ps)
}

fn eadheader(r: &Record, w: &mut W) -> El {
    let mut fd = El::new("filedesc").child(title_stmt(r, w));
    if let Some(ps) = publication_stmt(r) {
        fd.push(ps);
    }
    let eadid = match record_id(r) {
        Some(id) => El::text("eadid", &id.value),
        None => {
            w.loss(
                LossKind::Supplied,
                "identifiers",
                "EAD 2002 requires eadheader/eadid; the record has no record id, wrote it empty",
            );
            El::new("eadid")
        }
    };
    El::new("eadheader").child(eadid).child(fd)
}

fn control(r: &Record, w: &mut W) -> El {
    let recordid = match record_id(r) {
        Some(id) => El::text("recordid", &id.value),
        None => {
            w.loss(
                LossKind::Supplied,
                "identifiers",
                "EAD3 requires control/recordid; the record has no record id, wrote it empty",
            );
            El::new("recordid")
        }
    };
    let mut fd = El::new("filedesc").child(title_stmt(r, w));
    if let Some(ps) = publication_stmt(r) {
        fd.push(ps);
    }
    let agency = match r.agents.iter().find(|a| a.role == Role::Publisher) {
        Some(a) => a.name.clone(),
        None => {
            w.loss(LossKind::Supplied, "agents", "EAD3 requires maintenanceagency/agencyname; no publisher in the record, wrote it empty");
            String::new()
        }
    };
    // The maintenance event states a fact about this file: crosswalk derived it. No date
    // is given, so that the same input always gives the same output.
    let event = El::new("maintenanceevent")
        .child(El::new("eventtype").attr("value", "derived"))
        .child(El::new("eventdatetime"))
        .child(El::new("agenttype").attr("value", "machine"))
        .child(El::text("agent", "crosswalk"))
        .child(El::text(
            "eventdescription",
            "Converted from the crosswalk record model.",
        ));
    El::new("control")
        .child(recordid)
        .child(fd)
        .child(El::new("maintenancestatus").attr("value", "derived"))
        .child(El::new("maintenanceagency").child(El::text("agencyname", &agency)))
        .child(El::new("maintenancehistory").child(event))
}

/// `did`, notes, access points and the `dsc` of one level (archdesc or c).
fn description(r: &Record, el: &mut El, w: &mut W) {
    el.push(did(r, w));
    notes(r, el, w);
    if let Some(ca) = controlaccess(r, w) {
        el.push(ca);
    }
    for (i, u) in r.unmapped.iter().enumerate() {
        w.loss(
            LossKind::Dropped,
            &format!("unmapped[{i}]"),
            format!(
                "unmapped {} content from {} has no place in EAD",
                u.format, u.path
            ),
        );
    }
    if !r.children.is_empty() {
        // archdesc holds its components in dsc; a component holds its own directly.
        let mut dsc = El::new("dsc");
        let saved = w.field.clone();
        let saved_origin = w.origin.clone();
        for (i, c) in r.children.iter().enumerate() {
            w.field = format!("{saved}children[{i}].");
            w.origin = c.origin.clone().or(saved_origin.clone());
            let level = match &c.level {
                Some(l) => l.clone(),
                None => Level::File,
            };
            let mut comp = El::new("c");
            if c.level.is_some() {
                comp = level_attrs(comp, &level);
            }
            description(c, &mut comp, w);
            dsc.push(comp);
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

fn normal(d: &DateRef) -> Option<String> {
    match &d.normal {
        Some(DateNormal::Single { when }) => Some(when.clone()),
        Some(DateNormal::Range { from, to }) => Some(format!("{from}/{to}")),
        Some(DateNormal::Approximate {
            not_before,
            not_after,
        }) if !not_before.is_empty() && !not_after.is_empty() => {
            Some(format!("{not_before}/{not_after}"))
        }
        Some(DateNormal::Approximate {
            not_before,
            not_after,
        }) => Some(if not_before.is_empty() {
            not_after.clone()
        } else {
            not_before.clone()
        }),
        None => None,
    }
}

/// A name element (`persname`, `corpname`, `famname`) in the version's form.
fn name_el(w: &W, tag: &str, name: &str, role: Option<&Role>, auth: Option<&Authority>) -> El {
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
        el = el
            .attr(id_attr, &a.id)
            .attr_opt("source", a.source.as_deref());
    }
    el
}

fn agent_tag(kind: &AgentKind) -> &'static str {
    match kind {
        AgentKind::Person => "persname",
        AgentKind::Organisation => "corpname",
        AgentKind::Family => "famname",
    }
}

fn did(r: &Record, w: &mut W) -> El {
    let t = w.v.type_attr();
    let mut did = El::new("did");
    for (i, a) in r.agents.iter().enumerate() {
        if matches!(a.role, Role::Author | Role::Creator) {
            let mut orig = El::new("origination").attr_opt("label", a.note.as_deref());
            if a.note.is_none() {
                orig = orig.attr(
                    "label",
                    if a.role == Role::Author {
                        "Author"
                    } else {
                        "Creator"
                    },
                );
            }
            orig.push(name_el(
                w,
                agent_tag(&a.kind),
                &a.name,
                Some(&a.role),
                a.authority.as_ref(),
            ));
            did.push(orig);
            let _ = i;
        }
    }
    for ti in &r.titles {
        let mut el = El::text("unittitle", &ti.text);
        if ti.kind != TitleKind::Main {
            el = el.attr(t, ti.kind.key());
        }
        did.push(el);
    }
    for d in r.dates.iter().filter(|d| d.kind != DateKind::Publication) {
        let mut el = El::text("unitdate", &d.text)
            .attr_opt("normal", normal(d).as_deref())
            .attr("datechar", d.kind.key());
        if matches!(d.normal, Some(DateNormal::Approximate { .. })) {
            el = el.attr("certainty", "approximate");
        }
        did.push(el);
    }
    // The record id is the finding aid's own (eadid, recordid); the rest describe the unit.
    for id in r
        .identifiers
        .iter()
        .filter(|i| i.kind != IdentifierKind::Record)
    {
        did.push(El::text("unitid", &id.value).attr(t, id.kind.key()));
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
    if !r.extents.is_empty() {
        for e in &r.extents {
            match w.v {
                Version::Ead2002 => did.push(
                    El::new("physdesc")
                        .child(El::text("extent", &e.text).attr_opt("unit", e.unit.as_deref())),
                ),
                Version::Ead3 => did.push(El::text("physdesc", &e.text)),
            }
        }
    }
    if !r.languages.is_empty() {
        let mut lm = El::new("langmaterial");
        for l in &r.languages {
            let el = El::new("language").attr("langcode", &to_639_2b(&l.code));
            lm.push(match &l.name {
                Some(n) => el.push_text(n),
                None => el,
            });
        }
        did.push(lm);
    }
    let repo = r.agents.iter().find(|a| a.role == Role::Repository);
    if let Some(a) = repo {
        let mut rep = El::new("repository").child(name_el(
            w,
            agent_tag(&a.kind),
            &a.name,
            None,
            a.authority.as_ref(),
        ));
        if let Some(s) = r.holding.as_ref().and_then(|h| h.settlement.as_ref()) {
            rep.push(El::new("address").child(El::text("addressline", s)));
        }
        did.push(rep);
    } else if let Some(s) = r.holding.as_ref().and_then(|h| h.settlement.as_ref()) {
        w.loss(
            LossKind::Dropped,
            "holding.settlement",
            format!("no repository to place '{s}' under"),
        );
    }
    for a in &r.abstract_ {
        did.push(El::text("abstract", a));
    }
    if did.is_empty() {
        did.push(El::new("unittitle"));
        w.loss(
            LossKind::Supplied,
            "titles",
            "EAD requires some content in did; wrote an empty unittitle",
        );
    }
    did
}

fn note_tag(kind: &NoteKind) -> (&'static str, Option<&'static str>) {
    match kind {
        NoteKind::ScopeContent => ("scopecontent", None),
        NoteKind::BiographicalHistorical => ("bioghist", None),
        NoteKind::Arrangement => ("arrangement", None),
        NoteKind::CustodialHistory => ("custodhist", None),
        NoteKind::Acquisition => ("acqinfo", None),
        NoteKind::AccessRestrictions => ("accessrestrict", None),
        NoteKind::UseRestrictions => ("userestrict", None),
        NoteKind::PreferredCitation => ("prefercite", None),
        NoteKind::ProcessingInformation => ("processinfo", None),
        NoteKind::Editorial => ("odd", Some("editorial")),
        NoteKind::Translator => ("odd", Some("translator")),
        NoteKind::General => ("odd", None),
    }
}

fn notes(r: &Record, el: &mut El, w: &mut W) {
    let t = w.v.type_attr();
    for (i, n) in r.notes.iter().enumerate() {
        let (tag, ty) = note_tag(&n.kind);
        let mut ne = El::new(tag).attr_opt(t, ty);
        if let Some(h) = &n.heading {
            ne.push(El::text("head", h));
        }
        let field = format!("notes[{i}]");
        blocks_into(&mut ne, &n.content, w, &field);
        if ne
            .kids
            .iter()
            .all(|k| matches!(k, Node::El(e) if e.name == "head"))
        {
            ne.push(El::new("p"));
        }
        el.push(ne);
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
            | RelationKind::References => "relatedmaterial",
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
        el.push(odd);
        let reason = format!(
            "EAD has no element for a document's text: written as odd[@{t}=transcription] with editorial markup as plain text"
        );
        w.loss(LossKind::Flattened, "body", reason);
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

fn controlaccess(r: &Record, w: &mut W) -> Option<El> {
    let t = w.v.type_attr();
    let mut ca = El::new("controlaccess");
    for dt in &r.document_types {
        ca.push(subject_el(w, "genreform", dt, None, None).attr(t, "document_type"));
    }
    for s in &r.subjects {
        let tag = match s.kind {
            SubjectKind::Topic => "subject",
            SubjectKind::Person => "persname",
            SubjectKind::Organisation => "corpname",
            SubjectKind::Family => "famname",
            SubjectKind::Place => "geogname",
            SubjectKind::GenreForm => "genreform",
            SubjectKind::Occupation => "occupation",
            SubjectKind::Function => "function",
        };
        ca.push(subject_el(
            w,
            tag,
            &s.term,
            s.vocabulary.as_deref(),
            s.uri.as_deref(),
        ));
    }
    for a in &r.agents {
        match a.role {
            Role::Author | Role::Creator | Role::Publisher | Role::Repository | Role::Funder => {
                continue
            }
            Role::Translator
            | Role::Editor
            | Role::Recipient
            | Role::Obtainer
            | Role::Contributor
            | Role::Other(_) => {}
        }
        let mut el = name_el(
            w,
            agent_tag(&a.kind),
            &a.name,
            Some(&a.role),
            a.authority.as_ref(),
        );
        if let Some(n) = &a.note {
            el = el.attr("altrender", n);
        }
        ca.push(el);
    }
    (!ca.is_empty()).then_some(ca)
}

fn subject_el(w: &W, tag: &str, term: &str, vocab: Option<&str>, uri: Option<&str>) -> El {
    let id_attr = match w.v {
        Version::Ead2002 => "authfilenumber",
        Version::Ead3 => "identifier",
    };
    let el = match w.v {
        Version::Ead2002 => El::text(tag, term),
        Version::Ead3 => El::new(tag).child(El::text("part", term)),
    };
    el.attr_opt("source", vocab).attr_opt(id_attr, uri)
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
                let emph = El::text("emph", &inlines_text(content)).attr("render", "bold");
                parent.push(El::new("p").mixed().child(emph));
            }
            Block::Paragraph { n, content } => {
                let mut p = El::new("p").mixed();
                if let Some(n) = n {
                    p.kids.push(Node::Text(format!("{n}. ")));
                }
                parent.push(inlines_into(p, content, w, &f));
            }
            Block::Section { blocks, .. } => blocks_into(parent, blocks, w, &f),
            Block::List { ordered, items, .. } => {
                let mut l = match (w.v, ordered) {
                    (Version::Ead2002, true) => El::new("list").attr("type", "ordered"),
                    (Version::Ead2002, false) => El::new("list").attr("type", "simple"),
                    (Version::Ead3, true) => El::new("list").attr("listtype", "ordered"),
                    (Version::Ead3, false) => El::new("list").attr("listtype", "unordered"),
                };
                for it in items {
                    let mut item = El::new("item").mixed();
                    if let Some(n) = &it.n {
                        if !ordered {
                            item.kids.push(Node::Text(format!("{n}. ")));
                        }
                    }
                    l.push(inlines_into(item, &it.content, w, &f));
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
            Block::Unmapped(u) => {
                w.loss(
                    LossKind::Flattened,
                    &f,
                    format!(
                        "unmapped {} block from {} written as plain text",
                        u.format, u.path
                    ),
                );
                parent.push(El::text("p", &blocks_text(std::slice::from_ref(b))));
            }
        }
    }
}

fn inlines_into(mut el: El, content: &[Inline], w: &mut W, field: &str) -> El {
    el.mixed = true;
    for i in content {
        inline(&mut el, i, w, field);
    }
    el
}

const RENDER: [&str; 16] = [
    "altrender",
    "bold",
    "bolddoublequote",
    "bolditalic",
    "boldsinglequote",
    "boldsmcaps",
    "boldunderline",
    "doublequote",
    "italic",
    "nonproport",
    "singlequote",
    "smcaps",
    "sub",
    "super",
    "underline",
    "quoted",
];

fn inline(el: &mut El, i: &Inline, w: &mut W, field: &str) {
    match i {
        Inline::Text { text } => el.kids.push(Node::Text(text.clone())),
        Inline::Emphasis { rend, content } => {
            let e = match rend.as_deref() {
                Some(r) if RENDER.contains(&r) => El::new("emph").attr("render", r),
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
            );
        }
        Inline::Gap { .. } => {
            el.kids.push(Node::Text("[...]".into()));
            w.loss(
                LossKind::Flattened,
                field,
                "EAD has no markup for a gap: written as [...]",
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
            let text = inlines_text(content);
            let auth = reference.as_ref().map(|r| Authority {
                id: r.clone(),
                source: None,
            });
            el.push(name_el(w, tag, &text, None, auth.as_ref()));
        }
        Inline::Date { when, content } => {
            let d = El::new("date").attr_opt("normal", when.as_deref());
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
            );
        }
        Inline::LineBreak => el.push(El::new("lb")),
        Inline::PageBreak { .. } => {
            w.loss(
                LossKind::Dropped,
                field,
                "EAD has no page break in running text",
            );
        }
        Inline::Link { target, content } => {
            let text = inlines_text(content);
            el.push(link(w, target, &text));
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
            );
        }
        Inline::Unmapped(u) => {
            el.kids.push(Node::Text(crate::xml::strip_tags(&u.xml)));
            w.loss(
                LossKind::Flattened,
                field,
                format!(
                    "unmapped {} markup from {} written as plain text",
                    u.format, u.path
                ),
            );
        }
    }
}
