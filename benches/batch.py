#!/usr/bin/env python3
"""Benchmark: N small records (copies of the reference TEI record) converted to EAD3 with
validation, in one `crosswalk convert DIR --out-dir` call, against one crosswalk process
per record (what a shell loop does: process start and schema compilation every time).

usage: python3 benches/batch.py [--count N] [--repeat R] [--jobs J]

Prints both wall times and their ratio (target: batch at least 10x faster).
"""
import argparse
import os
import shutil
import subprocess
import time

from measure import build, median_of, root, workdir


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=0, help="threads for the batch (0: every core)")
    a = ap.parse_args()
    exe = build()
    w = workdir()
    src = os.path.join(root(), "fixtures", "reference", "alekseyev-castro-1963.tei.xml")
    inp = os.path.join(w, f"batch-in-{a.count}")
    if not os.path.isdir(inp) or len(os.listdir(inp)) != a.count:
        shutil.rmtree(inp, ignore_errors=True)
        os.makedirs(inp)
        for i in range(a.count):
            shutil.copyfile(src, os.path.join(inp, f"r{i:05}.tei.xml"))
    out_batch = os.path.join(w, "batch-out")
    out_single = os.path.join(w, "single-out")

    cmd = [exe, "convert", inp, "--to", "ead3", "--out-dir", out_batch, "-q"]
    if a.jobs:
        cmd += ["--jobs", str(a.jobs)]
    shutil.rmtree(out_batch, ignore_errors=True)
    batch, peak = median_of(cmd, a.repeat)
    written = sum(len(f) for _, _, f in os.walk(out_batch))
    if written != a.count:
        raise SystemExit(f"the batch wrote {written} outputs, expected {a.count}")

    shutil.rmtree(out_single, ignore_errors=True)
    os.makedirs(out_single)
    files = sorted(os.listdir(inp))
    t0 = time.perf_counter()
    for f in files:
        stem = f.split(".")[0]
        subprocess.run(
            [exe, "convert", os.path.join(inp, f), "--to", "ead3", "-q",
             "-o", os.path.join(out_single, stem + ".ead3.xml")],
            check=True, stdout=subprocess.DEVNULL)
    single = time.perf_counter() - t0

    print(f"{a.count} records ({os.path.getsize(src)} bytes each) to EAD3, validated, on {os.cpu_count()} cores")
    print(f"  one call, --out-dir (median of {a.repeat})  {batch:8.2f} s  {peak / 1024:7.1f} MiB peak")
    print(f"  one process per record (once)      {single:8.2f} s")
    print(f"  ratio: per-process / batch = {single / batch:.1f}x  (target >= 10x)")


if __name__ == "__main__":
    main()
