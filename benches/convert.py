#!/usr/bin/env python3
"""Benchmark: the 20 MB TEI of shared/bench/gen-tei.py converted to JSON and back to TEI
by crosswalk, against xsltproc applying an identity transform to the same file (the cost
floor of any XSLT crosswalk), in one run on this machine.

usage: python3 benches/convert.py [--repeat N]

Prints each step's median wall time and peak memory and the ratios. crosswalk converts
with --no-validate here (this measures conversion); the validated run is printed too.
"""
import argparse
import os
import shutil
import subprocess

from measure import build, median_of, shared, workdir

IDENTITY = """<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="@*|node()"><xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy></xsl:template>
</xsl:stylesheet>
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    if not shutil.which("xsltproc"):
        raise SystemExit("xsltproc is not installed (Debian: apt-get install xsltproc)")
    exe = build()
    w = workdir()
    tei = os.path.join(w, "bench.tei.xml")
    if not os.path.exists(tei):
        subprocess.run(["python3", os.path.join(shared(), "bench", "gen-tei.py"), tei], check=True)
    size = os.path.getsize(tei)
    xsl = os.path.join(w, "identity.xsl")
    with open(xsl, "w") as f:
        f.write(IDENTITY)
    js, back = os.path.join(w, "bench.json"), os.path.join(w, "bench.back.tei.xml")

    to_json = median_of([exe, "convert", tei, "--to", "json", "-o", js], a.repeat)
    to_tei = median_of([exe, "convert", js, "--to", "tei", "--no-validate", "-o", back], a.repeat)
    xslt = median_of(["xsltproc", "-o", os.path.join(w, "identity.out.xml"), xsl, tei], a.repeat)
    validated = median_of([exe, "convert", js, "--to", "tei", "-o", back], 1)

    mb = size / 1e6
    print(f"input: {tei} ({mb:.1f} MB), median of {a.repeat} runs, peak RSS over the runs")
    print(f"  crosswalk TEI -> JSON         {to_json[0]:6.2f} s  {to_json[1] / 1024:7.1f} MiB")
    print(f"  crosswalk JSON -> TEI         {to_tei[0]:6.2f} s  {to_tei[1] / 1024:7.1f} MiB")
    print(f"  xsltproc identity transform   {xslt[0]:6.2f} s  {xslt[1] / 1024:7.1f} MiB")
    total = to_json[0] + to_tei[0]
    peak = max(to_json[1], to_tei[1]) * 1024
    print(f"  ratio: xsltproc / crosswalk (both steps) = {xslt[0] / total:.2f}x  (target >= 3x)")
    print(f"  peak memory / file size = {peak / size:.2f}x  (target < 5x)")
    print(f"  (JSON -> TEI with output validation against tei_all: {validated[0]:.2f} s, {validated[1] / 1024:.1f} MiB)")


if __name__ == "__main__":
    main()
