#!/usr/bin/env python3
"""Benchmark: `crosswalk validate` against xmllint (XSD, streaming) and jing (RELAX NG) in
one run on this machine.

usage: python3 benches/validate.py [--repeat N]

Cases: the 20 MB EAD of shared/bench/gen-ead.py (crosswalk vs `xmllint --stream --schema
ead.xsd`), the 20 MB TEI of gen-tei.py (crosswalk vs jing), one small TEI file from the
shell (crosswalk vs jing, start-up included), a batch of 200 small records (100 TEI,
100 EAD 2002) in one invocation each (crosswalk on the folder; jing on the TEI files plus
xmllint on the EAD files), and the CI case: 1,000 copies of the 7 KB reference TEI record
in one folder, one `crosswalk validate DIR` call against jing over the 1,000 files in one
JVM. Prints medians, peak memory and ratios, all from the same run.
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys

from measure import build, median_of, root, shared, workdir

sys.path.insert(0, os.path.join(root(), "scripts"))
import reference_verdicts as rv  # noqa: E402  (jing command and xmllint schema copies)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    for tool in ("xmllint", "java"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is not installed")
    exe = build()
    w = workdir()
    ead, tei = os.path.join(w, "bench.ead.xml"), os.path.join(w, "bench.tei.xml")
    if not os.path.exists(ead):
        subprocess.run(["python3", os.path.join(shared(), "bench", "gen-ead.py"), ead], check=True)
    if not os.path.exists(tei):
        subprocess.run(["python3", os.path.join(shared(), "bench", "gen-tei.py"), tei], check=True)
    xsd = rv.xsd_dir(w)
    jing = rv.jing_command()
    tei_rng = os.path.join(root(), "schemas", "tei", "tei_all.rng")
    small = os.path.join(root(), "fixtures", "reference", "alekseyev-castro-1963.tei.xml")

    batch = os.path.join(w, "batch")
    shutil.rmtree(batch, ignore_errors=True)
    os.makedirs(batch)
    golden_ead = open(os.path.join(root(), "fixtures", "golden", "alekseyev-castro-1963.ead.xml")).read()
    small_tei = open(small).read()
    for i in range(100):
        open(os.path.join(batch, f"r{i:03}.tei.xml"), "w").write(small_tei)
        open(os.path.join(batch, f"r{i:03}.ead.xml"), "w").write(golden_ead)
    teis = sorted(glob.glob(os.path.join(batch, "*.tei.xml")))
    tei_batch = os.path.join(w, "batch-tei-1000")
    shutil.rmtree(tei_batch, ignore_errors=True)
    os.makedirs(tei_batch)
    for i in range(1000):
        open(os.path.join(tei_batch, f"r{i:04}.tei.xml"), "w").write(small_tei)
    tei_1000 = sorted(glob.glob(os.path.join(tei_batch, "*.tei.xml")))
    eads = sorted(glob.glob(os.path.join(batch, "*.ead.xml")))

    rows = []

    def case(name, ours, theirs_cmds, size):
        cw = median_of(ours, a.repeat)
        them = [median_of(c, a.repeat) for c in theirs_cmds]
        t_them = sum(t for t, _ in them)
        m_them = max(m for _, m in them)
        rows.append((name, cw, (t_them, m_them), size))

    case("20 MB EAD 2002 vs xmllint --stream", [exe, "validate", ead],
         [["xmllint", "--noout", "--nonet", "--stream", "--schema", os.path.join(xsd, "ead2002", "ead.xsd"), ead]],
         os.path.getsize(ead))
    case("20 MB TEI vs jing", [exe, "validate", tei], [jing + [tei_rng, tei]], os.path.getsize(tei))
    case("one small TEI vs jing (from the shell)", [exe, "validate", small], [jing + [tei_rng, small]], None)
    case("200 small records, one batch", [exe, "validate", "--quiet", batch],
         [jing + [tei_rng] + teis,
          ["xmllint", "--noout", "--nonet", "--schema", os.path.join(xsd, "ead2002", "ead.xsd")] + eads], None)
    case("1,000 small TEI, one call vs jing one JVM", [exe, "validate", "--quiet", tei_batch],
         [jing + [tei_rng] + tei_1000], None)

    print(f"median of {a.repeat} runs; peak RSS is the largest over the runs; 2 cores")
    print(f"{'case':42} {'crosswalk':>18} {'reference':>18}  speed-up  memory/file")
    for name, (t, m), (rt, rm), size in rows:
        mem = f"{m * 1024 / size:.1f}x" if size else "-"
        print(f"{name:42} {t:7.2f} s {m / 1024:6.0f} MiB {rt:7.2f} s {rm / 1024:6.0f} MiB  {rt / t:6.2f}x  {mem}")


if __name__ == "__main__":
    main()
