#!/usr/bin/env python3
"""Benchmark: EAD 2002 -> EAD3 migration by crosswalk beside the Society of American
Archivists' EAD2002toEAD3 stylesheet (XSLT 2.0, run in Saxon-HE), in one run on this
machine, over every finding aid in ../shared/corpus/ead2002.

usage: python3 benches/saa.py --saa DIR [--exe PATH] [--repeat N] [--xsl PATH] [--saxon JAR]

--saa DIR    a local copy of the SAA-SDT/EAD2002toEAD3 repository (at least its
             xslt/EAD2002ToEAD3schema.xsl, the namespaced / RELAX NG output form). The
             stylesheet is not bundled with crosswalk and this script never fetches it, or
             anything else.
--xsl PATH   the stylesheet, relative to --saa (default: xslt/EAD2002ToEAD3schema.xsl,
             else xslt/EAD2002ToEAD3.xsl)
--saxon JAR  Saxon-HE (default: $SAXON_JAR or /usr/share/java/Saxon-HE.jar)
--exe PATH   the crosswalk binary (default: `cargo build --release`, as the other benches)
--repeat N   runs of every case; times are medians of N (default 3)

Cases, run interleaved so that a change of load on the machine falls on all of them:
  (a) Saxon, one JVM per file (what a shell loop does: JVM start and stylesheet compilation
      every time); the total is the sum of the per-file medians;
  (b) Saxon, the whole folder in one JVM (`-s:DIR -o:DIR` on a temporary copy of the inputs);
  (c) `crosswalk convert FILE --to ead3 -o OUT`, one process per file (summed), with output
      validation and again with --no-validate.
The stylesheet runs with outputValidation=rng, outputUndeprecatedEAD3=false() and
addMigrationMessages=false(), its other parameters as published. The messages only repeat on
standard error the migration comments that stay in the output (about 430 KB for the corpus,
more than a pipe holds, which would block measure.run); leaving them out can only make the
stylesheet faster. Java runs behind an unreachable HTTP proxy, so a DOCTYPE naming its DTD
by URL fails at once instead of being fetched (as it fails for a user without an XML catalog).

Prints per file: input form, size, times, peak memory, exit codes, and whether each output is
valid by jing against ../shared/schemas-upstream/ead3/ead3.rng; then totals, peak memory and
the ratios (a)/(c) (target >= 20x) and (b)/(c) (target >= 3x). Outputs stay in
bench-out/saa/ for inspection.
"""
import argparse
import contextlib
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

from measure import build, root, run, shared, workdir

sys.path.insert(0, os.path.join(root(), "scripts"))
import reference_verdicts as rv  # noqa: E402  (jing run from its jar, without XInclude)

STYLESHEETS = ["xslt/EAD2002ToEAD3schema.xsl", "xslt/EAD2002ToEAD3.xsl"]
PARAMS = ["outputValidation=rng", "?outputUndeprecatedEAD3=false()", "?addMigrationMessages=false()"]
NO_NETWORK = [f"-D{scheme}.proxy{key}={value}" for scheme in ("http", "https")
              for key, value in (("Host", "127.0.0.1"), ("Port", "9"))]


def refuse(message):
    raise SystemExit(f"saa.py: {message}")


def stylesheet(saa, xsl):
    if not saa:
        refuse("--saa DIR is required: a local copy of SAA-SDT/EAD2002toEAD3 (the stylesheet is "
               "not bundled with crosswalk, and this script fetches nothing)")
    if not os.path.isdir(saa):
        refuse(f"--saa {saa}: no such folder")
    for rel in [xsl] if xsl else STYLESHEETS:
        path = os.path.join(saa, rel)
        if os.path.isfile(path):
            return os.path.abspath(path)
    refuse(f"--saa {saa}: none of {', '.join([xsl] if xsl else STYLESHEETS)} is there")


def saxon_jar(jar):
    jar = jar or os.environ.get("SAXON_JAR") or "/usr/share/java/Saxon-HE.jar"
    if not shutil.which("java"):
        refuse("java is not installed: Saxon needs it")
    if not os.path.isfile(jar):
        refuse(f"Saxon-HE is not installed ({jar} not found; give --saxon JAR)")
    return jar


def form(path):
    """How the input is written: with a DOCTYPE, in the DTD form without one, or namespaced."""
    with open(path, "rb") as f:
        head = f.read(4096).decode("utf-8", "replace")
    if "<!DOCTYPE" in head:
        return "DOCTYPE"
    m = re.search(r"<ead\b[^>]*>", head)
    if m and 'xmlns="urn:isbn:1-931666-22-9"' not in m.group(0):
        return "no ns"
    return "ns"


def timed(cmd, repeat_log):
    """measure.run, its failure line kept for the summary instead of printed every time."""
    buf = io.StringIO()
    with contextlib.redirect_stderr(buf):
        t, rss, code = run(cmd)
    repeat_log.append((t, rss, code))


def summary(runs):
    """(median seconds, largest peak KiB, exit codes as one string)."""
    codes = sorted({c for _, _, c in runs})
    return (statistics.median(t for t, _, _ in runs), max(m for _, m, _ in runs),
            "/".join(map(str, codes)))


def why(cmd):
    """One untimed run of a failing command: its error lines (else its last line)."""
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                       errors="replace")
    lines = [ln.strip() for ln in r.stderr.splitlines() if ln.strip()]
    keep = [ln for ln in lines if re.search(r"error|failed|fatal|exception|not valid", ln, re.I)]
    return [ln[:240] for ln in keep or lines[-1:] or [f"exit {r.returncode}, no message"]]


def jing_verdicts(schema, paths):
    """{path: 'valid' | 'invalid (N)' | 'no output'}, with one jing JVM for all of them."""
    out = {p: "no output" for p in paths}
    present = [os.path.abspath(p) for p in paths if os.path.isfile(p) and os.path.getsize(p)]
    if not present:
        return out
    r = subprocess.run(rv.jing_command() + [schema] + present, capture_output=True, text=True,
                       errors="replace")
    errors = {}
    for line in (r.stdout + r.stderr).splitlines():
        for p in present:
            if line.startswith(p + ":"):
                errors[p] = errors.get(p, 0) + 1
                break
    for p in paths:
        a = os.path.abspath(p)
        if a in present:
            out[p] = f"invalid ({errors[a]})" if a in errors else "valid"
    if r.returncode != 0 and not errors:
        print(f"  ! jing exited {r.returncode}: {(r.stderr or r.stdout).strip()[:300]}",
              file=sys.stderr)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--saa", help="local copy of SAA-SDT/EAD2002toEAD3 (required)")
    ap.add_argument("--xsl", help="stylesheet path relative to --saa")
    ap.add_argument("--saxon", help="Saxon-HE jar")
    ap.add_argument("--exe", help="crosswalk binary (default: cargo build --release)")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    if a.repeat < 1:
        refuse("--repeat must be at least 1")
    xsl = stylesheet(a.saa, a.xsl)
    jar = saxon_jar(a.saxon)
    if not shutil.which("jing") and not os.path.exists("/usr/share/java/jing.jar"):
        refuse("jing is not installed: it checks every output against ead3.rng")
    corpus = os.path.join(shared(), "corpus", "ead2002")
    schema = os.path.join(shared(), "schemas-upstream", "ead3", "ead3.rng")
    for p in (corpus, schema):
        if not os.path.exists(p):
            refuse(f"{p} is not present")
    files = sorted(f for f in os.listdir(corpus) if f.endswith(".xml"))
    if not files:
        refuse(f"no .xml files in {corpus}")

    built = os.path.abspath(a.exe) if a.exe else build()
    if not os.access(built, os.X_OK):
        refuse(f"crosswalk binary {built} is not there or not executable")
    w = os.path.join(workdir(), "saa")
    shutil.rmtree(w, ignore_errors=True)
    dirs = {k: os.path.join(w, k) for k in ("a-saxon-per-file", "b-saxon-folder", "c-crosswalk",
                                             "c-crosswalk-no-validate")}
    for d in dirs.values():
        os.makedirs(d)

    with tempfile.TemporaryDirectory(prefix="saa-bench-") as tmp:
        # a copy, so that a rebuild of the binary during the run does not mix two builds
        exe = os.path.join(tmp, "crosswalk")
        shutil.copy2(built, exe)
        folder_in = os.path.join(tmp, "in")
        os.makedirs(folder_in)
        for f in files:
            shutil.copyfile(os.path.join(corpus, f), os.path.join(folder_in, f))

        def saxon(src, out):
            return ["java", *NO_NETWORK, "-jar", jar, f"-s:{src}", f"-xsl:{xsl}", f"-o:{out}",
                    *PARAMS]

        def crosswalk(src, out, validate):
            return [exe, "convert", src, "--to", "ead3", "-o", out] + \
                ([] if validate else ["--no-validate"])

        cmds = {}
        for f in files:
            src = os.path.join(corpus, f)
            cmds[("a", f)] = saxon(src, os.path.join(dirs["a-saxon-per-file"], f))
            cmds[("c", f)] = crosswalk(src, os.path.join(dirs["c-crosswalk"], f), True)
            cmds[("n", f)] = crosswalk(src, os.path.join(dirs["c-crosswalk-no-validate"], f), False)
        folder_cmd = saxon(folder_in, dirs["b-saxon-folder"])

        runs = {k: [] for k in cmds}
        folder_runs = []
        print(f"{len(files)} EAD 2002 finding aids from {corpus}, {a.repeat} run(s) of each case, "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start",
              flush=True)
        for r in range(a.repeat):
            for f in files:
                for case in ("a", "c", "n"):
                    timed(cmds[(case, f)], runs[(case, f)])
            timed(folder_cmd, folder_runs)
            print(f"  run {r + 1}/{a.repeat} done, load average {os.getloadavg()[0]:.1f}",
                  flush=True)

        stats = {k: summary(v) for k, v in runs.items()}
        folder_t, folder_m, folder_codes = summary(folder_runs)
        failures = [(k, why(cmds[k])) for k in cmds if stats[k][2] != "0"]
        folder_why = why(folder_cmd) if folder_codes != "0" else []

    outputs = {(k, f): os.path.join(dirs[d], f) for f in files
               for k, d in (("a", "a-saxon-per-file"), ("b", "b-saxon-folder"),
                            ("c", "c-crosswalk"), ("n", "c-crosswalk-no-validate"))}
    verdict = jing_verdicts(schema, list(outputs.values()))
    valid = {k: verdict[p] for k, p in outputs.items()}

    print(f"\nstylesheet {xsl} ({' '.join(PARAMS)}), Saxon {jar}")
    print(f"crosswalk {built}")
    print("times: median of runs; memory: peak resident of one process; exit: codes seen; "
          "valid: jing against ead3.rng")
    head = (f"{'file':45} {'form':7} {'KiB':>6} | {'saxon s':>7} {'MiB':>5} {'exit':>4} "
            f"{'saa output':13} | {'cw s':>6} {'MiB':>5} {'exit':>4} {'cw output':13} | "
            f"{'no-val s':>8} {'exit':>4} {'output':13}")
    print(head)
    print("-" * len(head))
    for f in files:
        sa, cw, nv = stats[("a", f)], stats[("c", f)], stats[("n", f)]
        kib = os.path.getsize(os.path.join(corpus, f)) / 1024
        print(f"{f[:45]:45} {form(os.path.join(corpus, f)):7} {kib:6.0f} | "
              f"{sa[0]:7.3f} {sa[1] / 1024:5.0f} {sa[2]:>4} {valid[('a', f)]:13} | "
              f"{cw[0]:6.3f} {cw[1] / 1024:5.1f} {cw[2]:>4} {valid[('c', f)]:13} | "
              f"{nv[0]:8.3f} {nv[2]:>4} {valid[('n', f)]:13}")

    def total(case):
        return sum(stats[(case, f)][0] for f in files)

    def peak(case):
        return max(stats[(case, f)][1] for f in files) / 1024

    def count(case, what):
        return sum(1 for f in files if valid[(case, f)] == what)

    def ok(case):
        return sum(1 for f in files if stats[(case, f)][2] == "0")

    n = len(files)
    ta, tc, tn = total("a"), total("c"), total("n")
    print(f"\n(a) Saxon, one JVM per file          {ta:8.2f} s  {ta / n:6.3f} s/file  "
          f"peak {peak('a'):6.0f} MiB  exit 0: {ok('a')}/{n}  valid: {count('a', 'valid')}/{n}")
    print(f"(b) Saxon, the folder in one JVM      {folder_t:8.2f} s  {folder_t / n:6.3f} s/file  "
          f"peak {folder_m / 1024:6.0f} MiB  exit {folder_codes}  "
          f"outputs: {n - count('b', 'no output')}/{n}  valid: {count('b', 'valid')}/{n}")
    print(f"(c) crosswalk, one process per file   {tc:8.2f} s  {tc / n:6.3f} s/file  "
          f"peak {peak('c'):6.1f} MiB  exit 0: {ok('c')}/{n}  valid: {count('c', 'valid')}/{n}")
    print(f"    the same with --no-validate       {tn:8.2f} s  {tn / n:6.3f} s/file  "
          f"peak {peak('n'):6.1f} MiB  exit 0: {ok('n')}/{n}  valid: {count('n', 'valid')}/{n}")
    print(f"\nratio (a)/(c) = {ta / tc:6.1f}x  (target >= 20x; with --no-validate {ta / tn:.1f}x)")
    print(f"ratio (b)/(c) = {folder_t / tc:6.1f}x  (target >= 3x;  with --no-validate "
          f"{folder_t / tn:.1f}x)")
    if ok("c") < n or count("c", "valid") < n:
        print(f"  note: crosswalk exited 0 on {ok('c')} of {n} files and wrote {count('c', 'valid')} "
              f"valid outputs: the ratios time runs that did not migrate every file, so they do "
              f"not show the target met")

    if failures or folder_why:
        print("\nfailures (the last error line of one more, untimed run):")
        names = {"a": "saxon", "c": "crosswalk", "n": "crosswalk --no-validate"}
        for (case, f), msg in failures:
            print(f"  {names[case]:23} {f}: exit {stats[(case, f)][2]}: {msg[-1]}")
        for msg in folder_why:
            print(f"  {'saxon folder':23} exit {folder_codes}: {msg}")
    print(f"\noutputs: {w}")


if __name__ == "__main__":
    main()
