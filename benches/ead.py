#!/usr/bin/env python3
"""Benchmark: the 20 MB EAD 2002 finding aid of shared/bench/gen-ead.py migrated to EAD3
by crosswalk, against xsltproc applying an identity transform to the same file (the cost
floor of any XSLT migration, the SAA stylesheet included), in one run on this machine.

usage: python3 benches/ead.py [--repeat N]

Prints each step's median wall time and peak memory and the ratios: the migration without
output validation (the measure, on every core, and on one thread as xsltproc runs), and with
validation against ead3.rng (reported too).
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
    ead = os.path.join(w, "bench.ead.xml")
    if not os.path.exists(ead):
        subprocess.run(["python3", os.path.join(shared(), "bench", "gen-ead.py"), ead], check=True)
    size = os.path.getsize(ead)
    xsl = os.path.join(w, "identity.xsl")
    with open(xsl, "w") as f:
        f.write(IDENTITY)
    out = os.path.join(w, "bench.ead3.xml")

    plain = median_of([exe, "convert", ead, "--to", "ead3", "--no-validate", "-o", out], a.repeat)
    single = median_of(
        [exe, "convert", ead, "--to", "ead3", "--no-validate", "--jobs", "1", "-o", out], a.repeat
    )
    xslt = median_of(["xsltproc", "-o", os.path.join(w, "identity.ead.xml"), xsl, ead], a.repeat)
    validated = median_of([exe, "convert", ead, "--to", "ead3", "-o", out], a.repeat)

    mb = size / 1e6
    print(f"input: {ead} ({mb:.1f} MB), median of {a.repeat} runs, peak RSS over the runs")
    print(f"  crosswalk EAD 2002 -> EAD3 (no validation)    {plain[0]:6.2f} s  {plain[1] / 1024:7.1f} MiB")
    print(f"  crosswalk the same on one thread (--jobs 1)  {single[0]:6.2f} s  {single[1] / 1024:7.1f} MiB")
    print(f"  crosswalk EAD 2002 -> EAD3 (validated, rng)   {validated[0]:6.2f} s  {validated[1] / 1024:7.1f} MiB")
    print(f"  xsltproc identity transform                   {xslt[0]:6.2f} s  {xslt[1] / 1024:7.1f} MiB")
    print(f"  ratio: xsltproc / crosswalk (no validation) = {xslt[0] / plain[0]:.2f}x  (target >= 3x)")
    print(f"  ratio: xsltproc / crosswalk (one thread)    = {xslt[0] / single[0]:.2f}x")
    print(f"  ratio: xsltproc / crosswalk (validated)     = {xslt[0] / validated[0]:.2f}x")
    print(f"  peak memory / file size (no validation) = {plain[1] * 1024 / size:.2f}x  (target < 5x)")
    print(f"  peak memory / file size (one thread)    = {single[1] * 1024 / size:.2f}x")
    print(f"  peak memory / file size (validated)     = {validated[1] * 1024 / size:.2f}x")


if __name__ == "__main__":
    main()
