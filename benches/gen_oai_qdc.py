#!/usr/bin/env python3
"""Writes an OAI-PMH ListRecords response of N qualified DC records (default 10,000), shaped
like a CONTENTdm/DPLA harvest: an `oai_qdc:qualifieddc` container per record holding dc and
dcterms values with xsi:type schemes, xml:lang, repeated creators and subjects, values with
`;` in them, a set per record, a deleted record after every 97th (not among the N), and a resumption token at the end.
Deterministic (seeded), so runs compare.

usage: python3 benches/gen_oai_qdc.py OUT.xml [N]
"""
import random
import sys
from xml.sax.saxutils import escape

WORDS = ("archive letter survey map river county school church railroad farm mill "
         "photograph portrait meeting society history family papers record plan street "
         "bridge harbor court election war memorial garden museum library hall").split()
PLACES = ["Muncie", "Delaware County", "Indiana", "United States", "Bloomington",
          "Richmond", "Charlottesville", "Virginia", "Ontario", "Stratford"]
TYPES = ["Text", "StillImage", "Image", "PhysicalObject", "Sound", "MovingImage"]
FORMATS = ["image/jpeg", "application/pdf", "text/html", "image/tiff", "audio/mpeg"]


def words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def name(rng):
    return f"{rng.choice(WORDS).title()}, {rng.choice(WORDS).title()} {chr(65 + rng.randrange(26))}."


def deleted(i):
    return (f'<record><header status="deleted"><identifier>oai:dpla.example.org:gone:{i}</identifier>'
            f'<datestamp>2019-03-28</datestamp><setSpec>coll{i % 40}</setSpec></header></record>\n')


def record(rng, i):
    ident = f"oai:dpla.example.org:coll{i % 40}:{100000 + i}"
    y = 1850 + rng.randrange(150)
    v = []
    v.append(f"<dc:title>{escape(words(rng, rng.randint(2, 9)).capitalize())}</dc:title>")
    if rng.random() < 0.4:
        v.append(f"<dcterms:alternative>{escape(words(rng, 4))}</dcterms:alternative>")
    v.append(f'<dc:description xml:lang="en">{escape(words(rng, rng.randint(10, 60)))}.</dc:description>')
    v.append(f'<dcterms:created xsi:type="dcterms:W3CDTF">{y}-{1 + rng.randrange(12):02d}</dcterms:created>')
    if rng.random() < 0.3:
        v.append(f"<dcterms:issued>{y}; {y + 1}</dcterms:issued>")
    v.append(f"<dc:identifier>http://cdm.example.org/cdm/ref/collection/coll{i % 40}/id/{i}</dc:identifier>")
    v.append(f"<dc:source>http://cdm.example.org/utils/getthumbnail/collection/coll{i % 40}/id/{i}</dc:source>")
    v.append(f"<dcterms:isPartOf>{escape(words(rng, 5).title())} Digital Collection</dcterms:isPartOf>")
    for _ in range(rng.randint(1, 3)):
        v.append(f"<dc:creator>{escape(name(rng))}</dc:creator>")
    if rng.random() < 0.5:
        v.append(f"<dc:contributor>{escape(name(rng))}</dc:contributor>")
    v.append(f"<dc:publisher>{escape(words(rng, 3).title())} Library</dc:publisher>")
    v.append(f"<dcterms:provenance>{escape(words(rng, 3).title())} University</dcterms:provenance>")
    v.append("<dcterms:spatial>" + "; ".join(rng.sample(PLACES, 3)) + "</dcterms:spatial>")
    if rng.random() < 0.3:
        v.append(f"<dcterms:temporal>{y}-{y + 10}</dcterms:temporal>")
    for _ in range(rng.randint(1, 4)):
        v.append(f'<dc:subject xsi:type="dcterms:LCSH">{escape(words(rng, 2).title())} -- {escape(rng.choice(PLACES))}</dc:subject>')
    v.append(f'<dc:type xsi:type="dcterms:DCMIType">{rng.choice(TYPES)}</dc:type>')
    v.append(f'<dc:format xsi:type="dcterms:IMT">{rng.choice(FORMATS)}</dc:format>')
    v.append(f"<dcterms:extent>{rng.randint(1, 400)} p. ; {rng.randint(10, 40)} cm</dcterms:extent>")
    v.append(f"<dcterms:medium>{rng.choice(['print', 'photograph', 'glass negative', 'manuscript'])}</dcterms:medium>")
    v.append('<dc:language xsi:type="dcterms:ISO639-2">eng</dc:language>')
    v.append(f"<dc:rights>{escape(words(rng, 12))}.</dc:rights>")
    v.append("<dcterms:license>http://rightsstatements.org/vocab/NoC-US/1.0/</dcterms:license>")
    body = "\n      ".join(v)
    return (f"<record><header><identifier>{ident}</identifier><datestamp>2019-03-28</datestamp>"
            f"<setSpec>coll{i % 40}</setSpec></header>\n<metadata>\n"
            f'<oai_qdc:qualifieddc xmlns:oai_qdc="http://worldcat.org/xmlschemas/qdc-1.0/" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n      {body}\n'
            f"</oai_qdc:qualifieddc>\n</metadata></record>\n")


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    rng = random.Random(11)
    with open(out, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                "<responseDate>2024-01-01T00:00:00Z</responseDate>\n"
                '<request verb="ListRecords" metadataPrefix="oai_qdc">http://oai.example.org/</request>\n'
                "<ListRecords>\n")
        for i in range(n):
            f.write(record(rng, i))
            if i % 97 == 13:
                # Harvests carry deletions between records: not counted among the N.
                f.write(deleted(i))
        f.write('<resumptionToken completeListSize="250000" cursor="0">oai_qdc:10000</resumptionToken>\n'
                "</ListRecords>\n</OAI-PMH>\n")


if __name__ == "__main__":
    main()
