#!/usr/bin/env python3
"""Benchmark: an OAI-PMH ListRecords of 10,000 qualified DC records (benches/gen_oai_qdc.py)
converted by crosswalk to JSON and to qualified DC, one file per record (--out-dir), against
xsltproc applying an identity transform to the same file, in one run on this machine.

usage: python3 benches/oai_qdc.py [--records N] [--repeat N]

Prints each step's median wall time, records per second and peak memory. The qdc run
validates every output against qualifieddc.xsd (the default); the --no-validate run is
printed too. JSON Lines on standard output shows the conversion alone: with --out-dir most
of the time is the file system creating 10,000 files (each through a temporary file
renamed into place).
"""
import argparse
import os
import shutil
import subprocess

from measure import build, median_of, root, workdir

IDENTITY = """<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="@*|node()"><xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy></xsl:template>
</xsl:stylesheet>
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    if not shutil.which("xsltproc"):
        raise SystemExit("xsltproc is not installed (Debian: apt-get install xsltproc)")
    exe = build()
    w = workdir()
    src = os.path.join(w, f"oai-qdc-{a.records}.xml")
    if not os.path.exists(src):
        subprocess.run(["python3", os.path.join(root(), "benches", "gen_oai_qdc.py"), src,
                        str(a.records)], check=True)
    xsl = os.path.join(w, "identity.xsl")
    with open(xsl, "w") as f:
        f.write(IDENTITY)
    n = a.records
    print(f"input: {src}, {os.path.getsize(src) / 1e6:.1f} MB, {n} records")

    def out_dir(name):
        d = os.path.join(w, name)
        shutil.rmtree(d, ignore_errors=True)
        return d

    rows = []
    for label, cmd in [
        ("xsltproc identity", ["xsltproc", "-o", os.path.join(w, "oai-identity.xml"), xsl, src]),
        ("crosswalk --to json (JSON Lines)", [exe, "convert", src, "--to", "json", "-q"]),
        ("crosswalk --to json --out-dir", [exe, "convert", src, "--to", "json", "-q", "--out-dir", out_dir("oai-json")]),
        ("crosswalk --to qdc --out-dir", [exe, "convert", src, "--to", "qdc", "-q", "--out-dir", out_dir("oai-qdc")]),
        ("crosswalk --to qdc --out-dir --no-validate",
         [exe, "convert", src, "--to", "qdc", "-q", "--no-validate", "--out-dir", out_dir("oai-qdc-nv")]),
    ]:
        t, mem = median_of(cmd, a.repeat)
        rows.append((label, t, mem))
    base = rows[0][1]
    for label, t, mem in rows:
        print(f"{label:36} {t:7.2f} s  {n / t:9.0f} records/s  {mem / 1024:7.1f} MiB  x{t / base:.2f} of xsltproc")


if __name__ == "__main__":
    main()
