#!/usr/bin/env python3
"""Benchmark: `crosswalk bag create` and `bag verify` against bagit-python in one run, on
payloads made by shared/bench/gen-payload.sh (B: 20,000 small files; C: 2,000 files of
1 MiB), sha256 and sha512 for both tools.

usage: python3 benches/bagit.py [--repeat N] [--small] [--zip] [--exe PATH] [--only-crosswalk]

bagit-python is installed into target/bagit-venv by .ci/run (or by this script). It bags a
folder in place, so each of its runs gets a fresh copy of the payload (the copy is not
timed); crosswalk copies the payload into a new bag, which is timed. --small uses 1/10 of
the file counts for a quick look. --zip adds zip bags (create --out X.zip, verify X.zip).
--exe times the given crosswalk binary instead of building this checkout (e.g. an older
build, for before/after figures in one session); --only-crosswalk leaves bagit-python out.
"""
import argparse
import os
import shutil
import subprocess

from measure import build, median_of, root, shared, workdir


def bagit_py():
    venv = os.path.join(root(), "target", "bagit-venv")
    exe = os.path.join(venv, "bin", "bagit.py")
    if not os.path.exists(exe):
        subprocess.run(["python3", "-m", "venv", venv], check=True)
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", "bagit==1.9.0"], check=True)
    return [os.path.join(venv, "bin", "python"), exe]


def timed_fresh(cmd_for, src, dst, repeat):
    """Median time of cmd_for(dst) with dst a fresh copy of src before each run."""
    import statistics
    from measure import run
    times, mems = [], []
    for _ in range(repeat):
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src, dst)
        os.sync()  # the set-up's writes are not charged to the timed run
        t, m, code = run(cmd_for(dst))
        if code != 0:
            raise SystemExit(f"failed: {cmd_for(dst)}")
        times.append(t)
        mems.append(m)
    return statistics.median(times), max(mems)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--small", action="store_true")
    ap.add_argument("--zip", action="store_true")
    ap.add_argument("--exe")
    ap.add_argument("--only-crosswalk", action="store_true")
    a = ap.parse_args()
    exe = os.path.abspath(a.exe) if a.exe else build()
    py = None if a.only_crosswalk else bagit_py()
    w = workdir()
    payloads = os.path.join(w, "payload-small" if a.small else "payload")
    env = dict(os.environ)
    if a.small:
        env.update(B_FILES="2000", C_FILES="200")
    for wl in ("B", "C"):
        if not os.path.isdir(os.path.join(payloads, wl)):
            subprocess.run(["bash", os.path.join(shared(), "bench", "gen-payload.sh"), wl, payloads], check=True, env=env)

    rows = []
    for wl, procs in (("B", 1), ("C", 2)):
        src = os.path.join(payloads, wl)
        ours, theirs = os.path.join(w, f"cw-{wl}"), os.path.join(w, f"py-{wl}")

        def cw_create(extra, out=ours):
            import statistics
            from measure import run
            ts, ms = [], []
            for _ in range(a.repeat):
                shutil.rmtree(out, ignore_errors=True)
                if os.path.exists(out):
                    os.remove(out)
                os.sync()
                t, m, code = run([exe, "bag", "create", "--out", out, "--algorithm", "sha256,sha512"] + extra + [src])
                if code != 0:
                    raise SystemExit("crosswalk bag create failed")
                ts.append(t)
                ms.append(m)
            return statistics.median(ts), max(ms)

        # Hard links first: the copying run then leaves its bag for verify.
        create_linked = cw_create(["--link"])
        create_ours = cw_create([])
        popt = ["--processes", str(procs)] if procs > 1 else []
        none = (float("nan"), 0)
        if py:
            create_theirs = timed_fresh(lambda d: py + ["--quiet", "--sha256", "--sha512"] + popt + [d], src, theirs, a.repeat)
        else:
            create_theirs = none
        verify_ours = median_of([exe, "bag", "verify", ours], a.repeat)
        verify_theirs = median_of(py + ["--quiet", "--validate"] + popt + [theirs], a.repeat) if py else none
        zips = None
        if a.zip:
            zip_out = ours + ".zip"
            zips = (cw_create([], zip_out), median_of([exe, "bag", "verify", zip_out], a.repeat))
            os.remove(zip_out)
        rows.append((wl, procs, create_ours, create_linked, create_theirs, verify_ours, verify_theirs, zips))

    print(f"median of {a.repeat} run(s); peak RSS the largest; sha256+sha512; 2 cores")
    print(f"{'case':44} {'crosswalk':>17} {'bagit-python':>17}  speed-up")
    for wl, procs, co, cl, ct, vo, vt, zips in rows:
        who = "bagit.py" if procs == 1 else f"bagit.py --processes {procs}"
        for what, o, t in (("create", co, ct), ("create --link", cl, ct), ("verify", vo, vt)):
            print(f"{wl} {what:13} vs {who:22} {o[0]:7.2f} s {o[1] / 1024:5.0f} MiB {t[0]:7.2f} s {t[1] / 1024:5.0f} MiB  {t[0] / o[0]:5.2f}x")
        if zips:
            for what, o in (("create .zip", zips[0]), ("verify .zip", zips[1])):
                print(f"{wl} {what:13} {'(crosswalk only)':25} {o[0]:7.2f} s {o[1] / 1024:5.0f} MiB")
    print("bagit-python bags in place and writes no payload; `create --link` writes none either "
          "(the like-for-like row), `create` copies the payload into the new bag.")


if __name__ == "__main__":
    main()
