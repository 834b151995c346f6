"""Helpers for the benchmark scripts: run a command, return wall time and peak RSS."""
import os
import statistics
import subprocess
import sys
import threading
import time


def run(cmd, stdout=subprocess.DEVNULL):
    """Runs cmd once; returns (seconds, peak resident KiB, exit code)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE)
    # Drain stderr while the command runs: one that writes more than a pipe holds
    # (64 KiB) would otherwise block for ever on a reader that waits for it to end.
    chunks = []
    reader = threading.Thread(target=lambda: chunks.append(p.stderr.read()))
    reader.start()
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - t0
    reader.join()
    err = b"".join(chunks).decode(errors="replace")
    p.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        print(f"  ! {' '.join(map(str, cmd))} exited {code}: {err.strip()[:300]}", file=sys.stderr)
    return elapsed, usage.ru_maxrss, code


def median_of(cmd, repeat=3):
    """Median wall time and the largest peak RSS over `repeat` runs."""
    runs = [run(cmd) for _ in range(repeat)]
    if any(code != 0 for _, _, code in runs):
        raise SystemExit(f"benchmark command failed: {' '.join(map(str, cmd))}")
    return statistics.median(t for t, _, _ in runs), max(m for _, m, _ in runs)


def root():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=root(), check=True)
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(root(), "target")
    return os.path.join(target, "release", "crosswalk")


def shared():
    p = os.path.join(root(), "..", "shared")
    if not os.path.isdir(os.path.join(p, "bench")):
        raise SystemExit("../shared/bench is not present: the benchmark needs its generators")
    return os.path.abspath(p)


def workdir():
    d = os.path.join(root(), "bench-out")
    os.makedirs(d, exist_ok=True)
    return d
