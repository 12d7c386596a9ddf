#!/usr/bin/env python3
"""Allocation benchmark: Ouro against CPython 3.11 (run with python3; not a test).

Times allocating and freeing 10 million floats, small tuples and small instances, and
reports sys.getallocatedblocks() and the peak RSS of a program holding a million small
objects. Usage: python3 scripts/alloc_bench.py [path/to/ouro]   (default: the release
build, built first if missing).
"""
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PROGRAMS = {
    "floats": """
x = 0.0
for i in range(10_000_000):
    x = i * 0.5
print(x)
""",
    "tuples": """
t = None
for i in range(10_000_000):
    t = (i, i)
print(t)
""",
    "instances": """
class P:
    __slots__ = ()
class Q:
    pass
q = None
for i in range(10_000_000):
    q = Q()
print(type(q).__name__)
""",
    "hold_million": """
import sys
class Small:
    pass
before = sys.getallocatedblocks()
keep = [Small() for _ in range(1_000_000)]
floats = [float(i) for i in range(1_000_000)]
print("blocks", sys.getallocatedblocks() - before)
""",
}


def run(cmd, src):
    """(seconds, peak RSS in KiB, stdout, status) of one run; RSS via wait4."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd + ["-c", src], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    return dt, usage.ru_maxrss, out.strip(), os.waitstatus_to_exitcode(status)


def main():
    ouro = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "ouro")
    if len(sys.argv) <= 1 and not os.path.exists(ouro):
        subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)
    print(f"{'program':<14}{'ouro s':>9}{'python3 s':>11}{'ratio':>8}{'ouro RSS MB':>13}{'py RSS MB':>11}  output")
    for name, src in PROGRAMS.items():
        ot, orss, oout, ocode = run([ouro], src)
        pt, prss, pout, pcode = run([sys.executable], src)
        print(f"{name:<14}{ot:>9.2f}{pt:>11.2f}{ot / pt:>8.2f}{orss / 1024:>13.1f}{prss / 1024:>11.1f}  ouro={oout!r} python3={pout!r}")
        if ocode != 0:
            print("  ouro failed with status", ocode)


if __name__ == "__main__":
    main()
