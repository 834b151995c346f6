#!/usr/bin/env python3
"""Reference verdicts for `crosswalk validate`, from jing (RELAX NG) and xmllint (XSD).

usage:
  python3 scripts/reference_verdicts.py            # derive copies, run jing/xmllint, write the table
  python3 scripts/reference_verdicts.py --derive DIR   # only write the broken copies into DIR

Documents: every XML file of ../shared/corpus/{tei,ead2002,ead3,dc}, the project's golden
outputs, and broken copies derived from each document that jing/xmllint find valid: an
undeclared element, a missing required element, elements out of order, a bad enumerated
attribute value, and a value breaking a pattern (where the format has one to break).

The table (tests/data/reference-verdicts.tsv) has one line per document: its id, the
SHA-256 of the exact text checked (first 16 hex digits), the tool and schema used, and the
verdict: valid, invalid, or skipped (no bundled schema applies). The test in
tests/validate_reference.rs derives the same copies with --derive, checks each hash, and
compares crosswalk's verdicts with the table, so CI needs no Java.

Schema choice mirrors what the brief asks of crosswalk: TEI -> tei_all.rng (jing); EAD 2002
with namespace -> ead.xsd (xmllint); EAD 2002 in its DTD form -> its namespaced equivalent
(made here with ElementTree, independently of crosswalk's own rewrite) against ead.xsd;
EAD3 -> ead3.rng (jing); oai_dc:dc -> oai_dc.xsd; OAI-PMH responses -> each record's
oai_dc metadata against oai_dc.xsd (the file is valid when every record is).
"""
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
TABLE = os.path.join(ROOT, "tests", "data", "reference-verdicts.tsv")
TEI = "http://www.tei-c.org/ns/1.0"
EAD = "urn:isbn:1-931666-22-9"
EAD3 = "http://ead3.archivists.org/schema/"
OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
XLINK = "http://www.w3.org/1999/xlink"

MUTATIONS = ["undeclared", "missing", "order", "enum", "pattern"]


def sources():
    """(id, path) of every original document, in a stable order."""
    out = []
    for sub in ["tei", "ead2002", "ead3", "dc"]:
        d = os.path.join(SHARED, "corpus", sub)
        for name in sorted(os.listdir(d)):
            if name.endswith(".xml"):
                out.append((f"corpus/{sub}/{name}", os.path.join(d, name)))
    g = os.path.join(ROOT, "fixtures", "golden")
    for name in sorted(os.listdir(g)):
        if name.endswith(".xml"):
            out.append((f"golden/{name}", os.path.join(g, name)))
    return out


def read_text(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    return raw.decode("utf-8")


def root_of(text):
    """Root element's (namespace, local name), from the text."""
    it = ET.iterparse(__import__("io").BytesIO(text.encode("utf-8")), events=("start",))
    for _, el in it:
        tag = el.tag
        if tag.startswith("{"):
            ns, local = tag[1:].split("}", 1)
            return ns, local
        return None, tag
    return None, None


def kind(text):
    try:
        ns, local = root_of(text)
    except ET.ParseError:
        return "unreadable"
    if ns == TEI and local in ("TEI", "teiCorpus"):
        return "tei"
    if local == "ead" and ns == EAD:
        return "ead"
    if local == "ead" and ns is None:
        return "ead-dtd"
    if local == "ead" and ns == EAD3:
        return "ead3"
    if ns == OAI_DC and local == "dc":
        return "oai_dc"
    if ns == OAI and local in ("OAI-PMH", "record"):
        return "oai-pmh"
    return "none"


# --- broken copies --------------------------------------------------------------------

START_TAG = re.compile(r"<([A-Za-z_][\w.\-]*:)?(TEI|teiCorpus|ead|dc)\b[^>]*>", re.S)


def root_start(text):
    """Span of the root element's start tag (after any prolog)."""
    m = START_TAG.search(text, text.find("<", text.find("?>") + 1 if text.lstrip().startswith("<?xml") else 0))
    while m and text[m.start() + 1] in "!?":
        m = START_TAG.search(text, m.end())
    return m


def block(text, name):
    """Span of the first <name ...>...</name> (unprefixed, not nested in itself)."""
    m = re.search(rf"<{name}(\s[^>]*)?>", text)
    if not m:
        return None
    end = text.find(f"</{name}>", m.end())
    if end < 0:
        return None
    return m.start(), end + len(f"</{name}>")


def mutate(text, k, mutation):
    """The broken copy, or None where the mutation does not apply to this document."""
    rs = root_start(text)
    if rs is None:
        return None
    root_name = rs.group(2)
    prefix = rs.group(1) or ""
    close = f"</{prefix}{root_name}>"
    if mutation == "undeclared":
        if rs.group(0).endswith("/>"):
            return None
        return text[: rs.end()] + "<crosswalkUndeclared/>" + text[rs.end():]
    if mutation == "missing":
        name = {"tei": "titleStmt", "ead": "eadheader", "ead-dtd": "eadheader", "ead3": "control"}.get(k)
        span = name and block(text, name)
        if not span:
            return None
        return text[: span[0]] + text[span[1]:]
    if mutation == "order":
        name = {"tei": "teiHeader", "ead": "eadheader", "ead-dtd": "eadheader", "ead3": "control"}.get(k)
        span = name and block(text, name)
        at = text.rfind(close)
        if not span or at < 0:
            return None
        moved = text[span[0]: span[1]]
        rest = text[: span[0]] + text[span[1]:]
        at = rest.rfind(close)
        return rest[:at] + moved + rest[at:]
    if mutation == "enum":
        if k in ("ead", "ead-dtd", "ead3"):
            m = re.search(r'(<archdesc\b[^>]*\blevel=")([^"]*)(")', text)
            if not m:
                return None
            return text[: m.start(2)] + "bogus-level" + text[m.end(2):]
        if k == "tei":
            tag = rs.group(0)
            if "xml:space=" in tag:
                return None
            new = tag[:-1] + ' xml:space="bogus">'
            return text[: rs.start()] + new + text[rs.end():]
        return None
    if mutation == "pattern":
        if k == "tei":
            tag = rs.group(0)
            if re.search(r"\bversion=", tag):
                new = re.sub(r'\bversion="[^"]*"', 'version="x.y"', tag, count=1)
            else:
                new = tag[:-1] + ' version="x.y">'
            return text[: rs.start()] + new + text[rs.end():]
        if k in ("ead", "ead-dtd", "ead3"):
            m = re.search(r'(<(unitdate|date)\b[^>]*\bnormal=")([^"]*)(")', text)
            if not m:
                return None
            return text[: m.start(3)] + "not-a-date" + text[m.end(3):]
        return None
    raise ValueError(mutation)


# --- reference tools --------------------------------------------------------------------

def xsd_dir(tmp):
    """The bundled XSDs with their remote imports pointed at local copies (xmllint has no
    resolver hook)."""
    d = os.path.join(tmp, "xsd")
    for sub in ["ead2002", "dc", "oai_dc", "w3c"]:
        os.makedirs(os.path.join(d, sub), exist_ok=True)
        for name in os.listdir(os.path.join(ROOT, "schemas", sub)):
            t = open(os.path.join(ROOT, "schemas", sub, name), encoding="utf-8").read()
            t = t.replace("http://www.loc.gov/standards/xlink/xlink.xsd", "xlink.xsd")
            t = t.replace('schemaLocation="simpledc20021212.xsd"', 'schemaLocation="../dc/simpledc20021212.xsd"')
            t = t.replace("http://www.w3.org/2001/03/xml.xsd", "../w3c/xml.xsd")
            open(os.path.join(d, sub, name), "w", encoding="utf-8").write(t)
    return d


def jing_command():
    """jing as published: Debian's `jing` wrapper turns on XInclude processing, which
    validates a different document (includes resolved or their fallbacks), so the jar is
    run directly where it is installed."""
    jar = "/usr/share/java/jing.jar"
    if os.path.exists(jar):
        return ["java", "-cp", f"{jar}:/usr/share/java/xercesImpl.jar", "com.thaiopensource.relaxng.util.Driver"]
    return ["jing"]


def jing(schema, path):
    r = subprocess.run(jing_command() + [schema, path], capture_output=True, text=True)
    return "valid" if r.returncode == 0 else "invalid"


def xmllint(schema, path):
    r = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", schema, path], capture_output=True, text=True)
    return "valid" if r.returncode == 0 else "invalid"


LINKING = {"archref", "arc", "bibref", "dao", "daogrp", "daoloc", "extptr", "extptrloc", "extref", "extrefloc",
           "linkgrp", "ptr", "ptrloc", "ref", "refloc", "resource", "title"}
XLINK_ATTRS = {"linktype": "type", "href": "href", "role": "role", "arcrole": "arcrole", "title": "title",
               "show": "show", "actuate": "actuate", "label": "label", "from": "from", "to": "to"}
XLINK_VALUES = {("actuate", "onload"): "onLoad", ("actuate", "onrequest"): "onRequest",
                ("actuate", "actuateother"): "other", ("actuate", "actuatenone"): "none",
                ("show", "showother"): "other", ("show", "shownone"): "none"}


def namespaced_ead(text):
    root = ET.fromstring(text.encode("utf-8"))
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        local = el.tag
        linking = local in LINKING
        el.tag = f"{{{EAD}}}{local}"
        for a in list(el.attrib):
            if linking and a in XLINK_ATTRS:
                v = el.attrib.pop(a)
                x = XLINK_ATTRS[a]
                el.attrib[f"{{{XLINK}}}{x}"] = XLINK_VALUES.get((x, v), v)
    ET.register_namespace("", EAD)
    ET.register_namespace("xlink", XLINK)
    return ET.tostring(root, encoding="unicode")


def verdict(text, k, tmp, xsd):
    path = os.path.join(tmp, "doc.xml")
    schemas = os.path.join(ROOT, "schemas")

    def write(t):
        open(path, "w", encoding="utf-8").write(t)
        return path

    try:
        ET.fromstring(text.encode("utf-8"))
    except ET.ParseError:
        return "-", "-", "unreadable"
    if k == "tei":
        return "jing", "tei_all.rng", jing(os.path.join(schemas, "tei", "tei_all.rng"), write(text))
    if k == "ead3":
        return "jing", "ead3.rng", jing(os.path.join(schemas, "ead3", "ead3.rng"), write(text))
    if k == "ead":
        return "xmllint", "ead.xsd", xmllint(os.path.join(xsd, "ead2002", "ead.xsd"), write(text))
    if k == "ead-dtd":
        return "xmllint", "ead.xsd (namespaced)", xmllint(os.path.join(xsd, "ead2002", "ead.xsd"), write(namespaced_ead(text)))
    if k == "oai_dc":
        return "xmllint", "oai_dc.xsd", xmllint(os.path.join(xsd, "oai_dc", "oai_dc.xsd"), write(text))
    if k == "oai-pmh":
        root = ET.fromstring(text.encode("utf-8"))
        results = []
        for rec in root.iter(f"{{{OAI}}}record"):
            meta = rec.find(f"{{{OAI}}}metadata")
            if meta is None or len(meta) == 0 or meta[0].tag != f"{{{OAI_DC}}}dc":
                continue
            ET.register_namespace("oai_dc", OAI_DC)
            ET.register_namespace("dc", "http://purl.org/dc/elements/1.1/")
            results.append(xmllint(os.path.join(xsd, "oai_dc", "oai_dc.xsd"), write(ET.tostring(meta[0], encoding="unicode"))))
        if not results:
            return "-", "-", "skipped"
        return "xmllint", "oai_dc.xsd (each record)", "valid" if all(r == "valid" for r in results) else "invalid"
    return "-", "-", "skipped"


def sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def documents(only_derived_of=None):
    """(id, text, kind) of originals and, for originals in `only_derived_of` (or all), the
    broken copies."""
    for ident, path in sources():
        text = read_text(path)
        k = kind(text)
        yield ident, text, k, None
        if only_derived_of is not None and ident not in only_derived_of:
            continue
        for m in MUTATIONS:
            if k in ("none", "oai-pmh", "unreadable"):
                continue
            broken = mutate(text, k, m)
            if broken is not None:
                yield f"{ident}#{m}", broken, k, m


def copy_name(ident):
    return ident.replace("/", "__").replace("#", "--") + ".xml"


def derive(out_dir, table_ids):
    """Writes the broken copies listed in the table into out_dir."""
    os.makedirs(out_dir, exist_ok=True)
    n = 0
    for ident, text, _, m in documents():
        if m is not None and ident in table_ids:
            with open(os.path.join(out_dir, copy_name(ident)), "w", encoding="utf-8") as f:
                f.write(text)
            n += 1
    print(f"derived {n} broken copies into {out_dir}")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--derive":
        ids = {line.split("\t")[0] for line in open(TABLE, encoding="utf-8") if not line.startswith("#")}
        derive(sys.argv[2], ids)
        return
    for tool in ("jing", "xmllint"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is not installed: it is needed to make the reference table")
    tmp = tempfile.mkdtemp()
    xsd = xsd_dir(tmp)
    rows = []
    valid_originals = set()
    for ident, text, k, m in documents(only_derived_of=set()):
        tool, schema, v = verdict(text, k, tmp, xsd)
        rows.append((ident, sha(text), tool, schema, v))
        if v == "valid":
            valid_originals.add(ident)
    for ident, text, k, m in documents(only_derived_of=valid_originals):
        if m is None or ident.split("#")[0] not in valid_originals:
            continue
        tool, schema, v = verdict(text, k, tmp, xsd)
        rows.append((ident, sha(text), tool, schema, v))
    os.makedirs(os.path.dirname(TABLE), exist_ok=True)
    with open(TABLE, "w", encoding="utf-8") as f:
        f.write("# made by scripts/reference_verdicts.py with jing and xmllint; do not edit by hand\n")
        f.write("# id\tsha256_16\ttool\tschema\tverdict\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    counts = {}
    for r in rows:
        counts[r[4]] = counts.get(r[4], 0) + 1
    print(f"{len(rows)} documents: {counts}; table written to {TABLE}")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
