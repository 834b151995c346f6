//! Record → TEI P5. A chain of exhaustive matches: record → header parts → block → inline.

use super::{DOCUMENT_TYPE, INSTITUTION};
use crate::format::{Format, TEI_NS};
use crate::ledger::{Ledger, LossKind};
use crate::model::*;
use crate::xml::{El, OutNode as Node};

/// Writes a record as a TEI document. Children become nested `TEI` elements.
pub fn write(record: &Record) -> (String, Ledger) {
    let mut ledger = Ledger::new();
    let mut root = tei_element(record, "", &mut ledger);
    root.attrs.insert(0, ("xmlns".into(), TEI_NS.into()));
    (root.to_document(), ledger)
}

fn tei_element(r: &Record, field: &str, ledger: &mut Ledger) -> El {
    let frags = Fragments::new(r, field, ledger);
    // A record read from a teiCorpus goes back to one; everything else is a TEI element,
    // with children nested as TEI elements (allowed since P5 3.x).
    let corpus = r.origin.as_deref().is_some_and(|o| {
        o.rsplit('/')
            .next()
            .is_some_and(|s| s.starts_with("teiCorpus"))
    });
    let name = if corpus { "teiCorpus" } else { "TEI" };
    let level = r
        .level
        .as_ref()
        .filter(|l| !(corpus && **l == Level::Collection));
    let mut tei = El::new(name).attr_opt("type", level.map(|l| l.key()));
    tei.push(header(r, field, &frags, ledger));
    let has_text = !r.body.is_empty() || frags.has("text");
    if has_text || r.children.is_empty() {
        tei.push(text(r, &frags));
    }
    for (i, c) in r.children.iter().enumerate() {
        tei.push(tei_element(c, &format!("{field}children[{i}]."), ledger));
    }
    frags.restore(
        "",
        &mut tei,
        &[
            "teiHeader",
            "fsdDecl",
            "standOff",
            "facsimile",
            "sourceDoc",
            "text",
            "TEI",
            "teiCorpus",
        ],
    );
    frags.finish(ledger);
    tei
}

/// Unmapped TEI fragments of a record, by their path relative to the record's element.
struct Fragments<'a> {
    items: Vec<(String, &'a str)>,
    /// Which items have been written back; the rest go to the ledger.
    used: std::cell::RefCell<Vec<bool>>,
    field: String,
}

impl<'a> Fragments<'a> {
    fn new(r: &'a Record, field: &str, ledger: &mut Ledger) -> Fragments<'a> {
        let prefix = r.origin.as_deref().unwrap_or("/TEI");
        let mut items = Vec::new();
        for (i, u) in r.unmapped.iter().enumerate() {
            let rel = u
                .path
                .strip_prefix(prefix)
                .and_then(|p| p.strip_prefix('/'));
            match (u.format.as_str(), rel) {
                ("tei", Some(rel)) => items.push((strip_indices(rel), u.xml.as_str())),
                _ => ledger.push(
                    LossKind::Dropped,
                    format!("{field}unmapped[{i}]"),
                    Format::Tei,
                    format!("{} content from {} has no place in TEI", u.format, u.path),
                ),
            }
        }
        let used = std::cell::RefCell::new(vec![false; items.len()]);
        Fragments {
            items,
            used,
            field: field.to_string(),
        }
    }

    /// Records every fragment that found no place in the output.
    fn finish(&self, ledger: &mut Ledger) {
        for ((path, _), used) in self.items.iter().zip(self.used.borrow().iter()) {
            if !used {
                ledger.push(
                    LossKind::Dropped,
                    format!("{}unmapped", self.field),
                    Format::Tei,
                    format!("unmapped TEI element {path} has no place in the TEI written"),
                );
            }
        }
    }

    fn has(&self, parent: &str) -> bool {
        self.items.iter().any(|(p, _)| parent_of(p) == parent)
    }

    /// Appends the fragments whose parent is `parent` into `el`, each after the last
    /// child that the schema's `order` puts before it.
    fn restore(&self, parent: &str, el: &mut El, order: &[&str]) {
        for (i, (path, xml)) in self.items.iter().enumerate() {
            if parent_of(path) != parent {
                continue;
            }
            self.used.borrow_mut()[i] = true;
            let name = path.rsplit('/').next().unwrap_or("");
            let rank = |n: &str| order.iter().position(|o| *o == n).unwrap_or(order.len());
            let mine = rank(name);
            let at = el
                .kids
                .iter()
                .rposition(|k| rank(node_name(k)) <= mine)
                .map_or(0, |i| i + 1);
            el.kids.insert(at, Node::Raw(xml.to_string()));
        }
    }
}

fn parent_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(p, _)| p)
}

fn strip_indices(path: &str) -> String {
    path.split('/')
        .map(|seg| seg.split('[').next().unwrap_or(seg))
        .collect::<Vec<_>>()
        .join("/")
}

fn node_name(n: &Node) -> &str {
    match n {
        Node::El(e) => &e.name,
        Node::Text(_) => "",
        Node::Raw(r) => fragment_name(r),
    }
}

fn header(r: &Record, field: &str, frags: &Fragments, ledger: &mut Ledger) -> El {
    let mut file_desc = El::new("fileDesc");
    file_desc.push(title_stmt(r, field, frags, ledger));
    file_desc.push(publication_stmt(r, field, frags, ledger));
    let mut notes = notes_stmt(r);
    frags.restore("teiHeader/fileDesc/notesStmt", &mut notes, &[]);
    if !notes.is_empty() {
        file_desc.push(notes);
    }
    file_desc.push(source_desc(r, frags));
    frags.restore(
        "teiHeader/fileDesc",
        &mut file_desc,
        &[
            "titleStmt",
            "editionStmt",
            "extent",
            "publicationStmt",
            "seriesStmt",
            "notesStmt",
            "sourceDesc",
        ],
    );

    let mut h = El::new("teiHeader").child(file_desc);
    let profile = profile_desc(r, frags);
    if !profile.is_empty() {
        h.push(profile);
    }
    frags.restore(
        "teiHeader",
        &mut h,
        &[
            "fileDesc",
            "encodingDesc",
            "profileDesc",
            "xenoData",
            "revisionDesc",
        ],
    );
    h
}

fn name_el(a: &Agent) -> El {
    let tag = match a.kind {
        AgentKind::Person => "persName",
        AgentKind::Organisation => "orgName",
        AgentKind::Family => "persName",
    };
    let mut el = El::text(tag, &a.name);
    if a.kind == AgentKind::Family {
        el = el.attr("type", "family");
    }
    if let Some(auth) = &a.authority {
        el = el
            .attr("ref", &auth.id)
            .attr_opt("key", auth.source.as_deref());
    }
    el
}

fn title_stmt(r: &Record, field: &str, frags: &Fragments, ledger: &mut Ledger) -> El {
    let mut ts = El::new("titleStmt");
    for t in &r.titles {
        ts.push(
            El::text("title", &t.text)
                .attr("type", t.kind.key())
                .attr_opt("xml:lang", t.lang.as_deref()),
        );
    }
    if r.titles.is_empty() {
        // titleStmt requires a title; an empty one states nothing.
        ts.push(El::new("title"));
        ledger.push(
            LossKind::Supplied,
            format!("{field}titles"),
            Format::Tei,
            "TEI requires titleStmt/title; wrote an empty <title/>",
        );
    }
    for a in &r.agents {
        let wrapper = match a.role {
            Role::Author => Some("author"),
            Role::Editor => Some("editor"),
            Role::Funder => Some("funder"),
            Role::Publisher | Role::Repository => continue,
            Role::Creator
            | Role::Translator
            | Role::Recipient
            | Role::Obtainer
            | Role::Contributor
            | Role::Other(_) => None,
        };
        match wrapper {
            Some(tag) => {
                let mut el = El::new(tag).child(name_el(a));
                if let Some(n) = &a.note {
                    el.push(El::text("note", n).attr("type", "role"));
                }
                ts.push(el);
            }
            None => {
                let wording = a.note.as_deref().unwrap_or(a.role.relator().1);
                ts.push(
                    El::new("respStmt")
                        .child(El::text("resp", wording).attr("key", a.role.key()))
                        .child(name_el(a)),
                );
            }
        }
    }
    frags.restore("teiHeader/fileDesc/titleStmt", &mut ts, &[]);
    ts
}

fn date_el(d: &DateRef) -> El {
    let el = El::text("date", &d.text);
    let el = match &d.normal {
        Some(DateNormal::Single { when }) => el.attr("when", when),
        Some(DateNormal::Range { from, to }) => el.attr("from", from).attr("to", to),
        Some(DateNormal::Approximate {
            not_before,
            not_after,
        }) => el.attr("notBefore", not_before).attr("notAfter", not_after),
        None => el,
    };
    el.attr("type", d.kind.key())
}

fn publication_stmt(r: &Record, field: &str, frags: &Fragments, ledger: &mut Ledger) -> El {
    let mut ps = El::new("publicationStmt");
    for a in r.agents.iter().filter(|a| a.role == Role::Publisher) {
        let mut el = El::new("publisher").child(name_el(a));
        if let Some(n) = &a.note {
            el.push(El::text("note", n).attr("type", "role"));
        }
        ps.push(el);
    }
    let has_agency = !ps.is_empty();
    for d in r.dates.iter().filter(|d| d.kind == DateKind::Publication) {
        ps.push(date_el(d));
    }
    for id in r.identifiers.iter().filter(|i| !in_ms_identifier(&i.kind)) {
        ps.push(
            El::text("idno", &id.value)
                .attr("type", id.kind.key())
                .attr_opt("source", id.authority.as_deref()),
        );
    }
    for rt in &r.rights {
        let mut av = El::new("availability").attr_opt("status", rt.status.as_deref());
        if let Some(l) = &rt.licence {
            av.push(El::new("licence").attr("target", l));
        }
        for p in &rt.statement {
            av.push(El::text("p", p));
        }
        if av.is_empty() {
            av.push(El::new("p"));
        }
        ps.push(av);
    }
    // TEI allows dates, identifiers and availability only after a publishing agency.
    if !has_agency && !ps.is_empty() {
        let kids = std::mem::take(&mut ps.kids);
        ps.push(El::new("authority"));
        ps.kids.extend(kids);
        ledger.push(
            LossKind::Supplied,
            format!("{field}agents"),
            Format::Tei,
            "TEI requires a publishing agency before publication details; the record names none, wrote an empty <authority/>",
        );
    }
    frags.restore("teiHeader/fileDesc/publicationStmt", &mut ps, &[]);
    if ps.is_empty() {
        ps.push(El::new("p"));
    }
    ps
}

fn in_ms_identifier(kind: &IdentifierKind) -> bool {
    match kind {
        IdentifierKind::Unit | IdentifierKind::Registry => true,
        IdentifierKind::Record
        | IdentifierKind::Uri
        | IdentifierKind::Doi
        | IdentifierKind::Handle
        | IdentifierKind::Other(_) => false,
    }
}

fn notes_stmt(r: &Record) -> El {
    let mut ns = El::new("notesStmt");
    for n in &r.notes {
        let mut el = El::new("note").attr("type", n.kind.key());
        if let Some(h) = &n.heading {
            el.push(El::text("label", h));
        }
        for b in &n.content {
            el.kids.push(Node::El(block(b)));
        }
        ns.push(el);
    }
    for rel in &r.relations {
        ns.push(
            El::new("relatedItem")
                .attr("type", rel.kind.key())
                .attr_opt("target", rel.uri.as_deref())
                .child(El::text("bibl", &rel.text)),
        );
    }
    ns
}

fn source_desc(r: &Record, frags: &Fragments) -> El {
    let mut sd = El::new("sourceDesc");
    let institution = r
        .agents
        .iter()
        .find(|a| a.role == Role::Repository && a.note.as_deref() == Some(INSTITUTION));
    let repo = r
        .agents
        .iter()
        .find(|a| a.role == Role::Repository && a.note.as_deref() != Some(INSTITUTION));
    let ms_ids: Vec<&Identifier> = r
        .identifiers
        .iter()
        .filter(|i| in_ms_identifier(&i.kind))
        .collect();
    let wants_ms = repo.is_some()
        || institution.is_some()
        || r.holding.is_some()
        || r.security.is_some()
        || !r.extents.is_empty()
        || !ms_ids.is_empty()
        || frags.has("teiHeader/fileDesc/sourceDesc/msDesc");
    if wants_ms {
        let mut msid = El::new("msIdentifier");
        let h = r.holding.clone().unwrap_or_default();
        if let Some(s) = &h.settlement {
            msid.push(El::text("settlement", s));
        }
        for (tag, agent) in [("institution", institution), ("repository", repo)] {
            if let Some(a) = agent {
                let mut el = El::text(tag, &a.name);
                if let Some(auth) = &a.authority {
                    el = el
                        .attr("ref", &auth.id)
                        .attr_opt("key", auth.source.as_deref());
                }
                msid.push(el);
            }
        }
        if let Some(c) = &h.collection {
            msid.push(El::text("collection", c));
        }
        if let Some(rf) = &h.reference {
            msid.push(El::text("idno", rf).attr("type", "reference"));
        }
        frags.restore(
            "teiHeader/fileDesc/sourceDesc/msDesc/msIdentifier",
            &mut msid,
            &[
                "placeName",
                "location",
                "country",
                "region",
                "settlement",
                "district",
                "geogName",
                "institution",
                "repository",
                "collection",
                "idno",
                "msName",
                "objectName",
                "altIdentifier",
            ],
        );
        for id in ms_ids {
            msid.push(
                El::new("altIdentifier")
                    .attr("type", id.kind.key())
                    .child(El::text("idno", &id.value).attr_opt("source", id.authority.as_deref())),
            );
        }
        let mut ms = El::new("msDesc").child(msid);
        let mut contents = El::new("msContents");
        if let Some(sec) = &r.security {
            let mut item = El::new("msItem");
            for (t, v) in [
                ("classification", &sec.classification),
                ("original_classification", &sec.original_classification),
                ("copy_number", &sec.copy_number),
            ] {
                if let Some(v) = v {
                    item.push(El::text("note", v).attr("type", t));
                }
            }
            if !item.is_empty() {
                contents.push(item);
            }
        }
        frags.restore(
            "teiHeader/fileDesc/sourceDesc/msDesc/msContents",
            &mut contents,
            &[
                "locus",
                "p",
                "ab",
                "summary",
                "textLang",
                "titlePage",
                "msItem",
                "msItemStruct",
            ],
        );
        if !contents.is_empty() {
            ms.push(contents);
        }
        if !r.extents.is_empty() {
            let mut pd = El::new("physDesc");
            for e in &r.extents {
                pd.push(
                    El::text("p", &e.text)
                        .attr_opt("n", e.quantity.as_deref())
                        .attr_opt("rend", e.unit.as_deref()),
                );
            }
            ms.push(pd);
        }
        frags.restore(
            "teiHeader/fileDesc/sourceDesc/msDesc",
            &mut ms,
            &[
                "msIdentifier",
                "head",
                "msContents",
                "physDesc",
                "history",
                "additional",
                "msFrag",
                "msPart",
            ],
        );
        sd.push(ms);
    }
    frags.restore("teiHeader/fileDesc/sourceDesc", &mut sd, &[]);
    if sd.is_empty() {
        sd.push(El::new("p"));
    }
    sd
}

fn profile_desc(r: &Record, frags: &Fragments) -> El {
    let mut pd = El::new("profileDesc");
    if !r.abstract_.is_empty() {
        let mut ab = El::new("abstract");
        for p in &r.abstract_ {
            ab.push(El::text("p", p));
        }
        pd.push(ab);
    }
    let mut creation = El::new("creation");
    for d in r.dates.iter().filter(|d| d.kind != DateKind::Publication) {
        creation.push(date_el(d));
    }
    frags.restore("teiHeader/profileDesc/creation", &mut creation, &[]);
    if !creation.is_empty() {
        pd.push(creation);
    }
    if !r.languages.is_empty() || frags.has("teiHeader/profileDesc/langUsage") {
        let mut lu = El::new("langUsage");
        for l in &r.languages {
            let el = El::new("language").attr("ident", &l.code);
            lu.push(match &l.name {
                Some(n) => el.push_text(n),
                None => el,
            });
        }
        frags.restore("teiHeader/profileDesc/langUsage", &mut lu, &[]);
        pd.push(lu);
    }
    if !r.subjects.is_empty()
        || !r.document_types.is_empty()
        || frags.has("teiHeader/profileDesc/textClass")
    {
        let mut tc = El::new("textClass");
        let mut groups: Vec<(Option<&str>, El)> = Vec::new();
        for t in &r.document_types {
            group(&mut groups, None).push(El::text("term", t).attr("type", DOCUMENT_TYPE));
        }
        for s in &r.subjects {
            group(&mut groups, s.vocabulary.as_deref()).push(
                El::text("term", &s.term)
                    .attr("type", s.kind.key())
                    .attr_opt("ref", s.uri.as_deref()),
            );
        }
        for (_, k) in groups {
            tc.push(k);
        }
        frags.restore("teiHeader/profileDesc/textClass", &mut tc, &[]);
        pd.push(tc);
    }
    frags.restore("teiHeader/profileDesc", &mut pd, &[]);
    pd
}

fn group<'a, 'b>(
    groups: &'b mut Vec<(Option<&'a str>, El)>,
    scheme: Option<&'a str>,
) -> &'b mut El {
    let i = match groups.iter().position(|(s, _)| *s == scheme) {
        Some(i) => i,
        None => {
            groups.push((scheme, El::new("keywords").attr_opt("scheme", scheme)));
            groups.len() - 1
        }
    };
    &mut groups[i].1
}

fn text(r: &Record, frags: &Fragments) -> El {
    let mut body = El::new("body");
    blocks_into(&mut body, &r.body);
    if body.is_empty() {
        body.push(El::new("p"));
    }
    let mut t = El::new("text").child(body);
    frags.restore("text", &mut t, &["front", "body", "back"]);
    t
}

/// Writes blocks into a body or div. A heading is a TEI `head` only before other
/// content; a later one is an `ab[@type=heading]`, which the reader maps back.
fn blocks_into(parent: &mut El, blocks: &[Block]) {
    let mut started = false;
    let mut in_divs = false;
    for (i, b) in blocks.iter().enumerate() {
        // Once a div has begun, TEI allows only divs after it: the remaining blocks go
        // into one untyped div.
        // Closing matter (a trailer, a closer) may follow divs and stays as it is.
        let raw = match b {
            Block::Unmapped(u) => fragment_name(&u.xml),
            _ => "",
        };
        let div_like = matches!(b, Block::Section { .. })
            || raw == "div"
            || raw.starts_with("div") && raw.len() == 4;
        if in_divs && !div_like && !DIV_BOTTOM.contains(&raw) {
            let mut div = El::new("div");
            blocks_into(&mut div, &blocks[i..]);
            parent.push(div);
            return;
        }
        in_divs |= div_like;
        match b {
            Block::Heading { content } if started => {
                parent.push(inlines_into(El::new("ab").attr("type", "heading"), content))
            }
            Block::Heading { .. } | Block::Note { .. } | Block::Unmapped(_) => {
                parent.kids.push(block_node(b))
            }
            _ => {
                started = true;
                parent.kids.push(block_node(b));
            }
        }
    }
}

/// TEI's model.divBottom: elements allowed after the last div.
const DIV_BOTTOM: &[&str] = &[
    "trailer",
    "closer",
    "signed",
    "postscript",
    "byline",
    "dateline",
    "argument",
    "epigraph",
    "meeting",
    "salute",
    "docAuthor",
    "docDate",
];

fn fragment_name(xml: &str) -> &str {
    xml.get(1..)
        .unwrap_or("")
        .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .next()
        .unwrap_or("")
}

fn block_node(b: &Block) -> Node {
    match b {
        Block::Unmapped(u) => Node::Raw(u.xml.clone()),
        _ => Node::El(block(b)),
    }
}

fn block(b: &Block) -> El {
    match b {
        Block::Section {
            kind,
            n,
            lang,
            blocks,
        } => {
            let mut div = El::new("div")
                .attr_opt("type", kind.as_deref())
                .attr_opt("n", n.as_deref())
                .attr_opt("xml:lang", lang.as_deref());
            blocks_into(&mut div, blocks);
            if !blocks
                .iter()
                .any(|b| !matches!(b, Block::Heading { .. } | Block::Note { .. }))
            {
                div.push(El::new("p"));
            }
            div
        }
        Block::Heading { content } => inlines_into(El::new("head"), content),
        Block::Paragraph { n, content } => {
            inlines_into(El::new("p").attr_opt("n", n.as_deref()), content)
        }
        Block::List {
            ordered,
            lang,
            items,
        } => {
            let mut l = El::new("list")
                .attr("rend", if *ordered { "numbered" } else { "bulleted" })
                .attr_opt("xml:lang", lang.as_deref());
            for it in items {
                l.push(inlines_into(
                    El::new("item").attr_opt("n", it.n.as_deref()),
                    &it.content,
                ));
            }
            l
        }
        Block::Quote { blocks } => {
            let mut q = El::new("quote");
            for b in blocks {
                q.kids.push(block_node(b));
            }
            q
        }
        Block::Note { kind, content } => {
            inlines_into(El::new("note").attr("type", kind.key()), content)
        }
        Block::Unmapped(u) => {
            // Only reached inside a quote or note written through `block`: keep as raw.
            let mut holder = El::new("ab").attr("type", "unmapped");
            holder.kids.push(Node::Raw(u.xml.clone()));
            holder
        }
    }
}

fn inlines_into(mut el: El, content: &[Inline]) -> El {
    el.mixed = true;
    for i in content {
        el.kids.push(inline(i));
    }
    el
}

fn inline(i: &Inline) -> Node {
    let el = match i {
        Inline::Text { text } => return Node::Text(text.clone()),
        Inline::Unmapped(u) => return Node::Raw(u.xml.clone()),
        Inline::Emphasis { rend, content } => match rend {
            Some(r) => inlines_into(El::new("hi").attr("rend", r), content),
            None => inlines_into(El::new("emph"), content),
        },
        Inline::Supplied { reason, content } => inlines_into(
            El::new("supplied").attr_opt("reason", reason.as_deref()),
            content,
        ),
        Inline::Gap { reason, extent } => El::new("gap")
            .attr_opt("reason", reason.as_deref())
            .attr_opt("extent", extent.as_deref()),
        Inline::Name {
            kind,
            reference,
            content,
        } => {
            let tag = match kind {
                NameKind::Person => "persName",
                NameKind::Place => "placeName",
                NameKind::Organisation => "orgName",
                NameKind::Other => "name",
            };
            inlines_into(El::new(tag).attr_opt("ref", reference.as_deref()), content)
        }
        Inline::Date { when, content } => {
            inlines_into(El::new("date").attr_opt("when", when.as_deref()), content)
        }
        Inline::Foreign { lang, content } => {
            inlines_into(El::new("foreign").attr("xml:lang", lang), content)
        }
        Inline::LineBreak => El::new("lb"),
        Inline::PageBreak { n } => El::new("pb").attr_opt("n", n.as_deref()),
        Inline::Link { target, content } => {
            inlines_into(El::new("ref").attr("target", target), content)
        }
        Inline::Note { kind, content } => {
            inlines_into(El::new("note").attr("type", kind.key()), content)
        }
    };
    Node::El(el)
}
