#!/usr/bin/env python3
"""A/B comparison of two Ouro binaries over the benchmark programs: runs every
scripts/bench/*.py (but start-up) under binary A and binary B, alternating, --runs times
each; checks that both print the same output; prints each program's median time under
both and the ratio B/A, then `geomean B/A X.XXX`.

The dispatch loop is sensitive to code layout (a change anywhere in it can move single
programs by 10-20% either way on this machine), so a change is judged by this whole
suite, not by the program it was made for.

Usage: python3 scripts/abtest.py [--runs N] A B [names...]
"""
import math
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import BENCH, run_rss  # noqa: E402


def main():
    args = sys.argv[1:]
    runs = 3
    if args[:1] == ["--runs"]:
        runs = int(args[1])
        args = args[2:]
    if len(args) < 2:
        raise SystemExit(__doc__)
    a, b = os.path.abspath(args[0]), os.path.abspath(args[1])
    names = args[2:]
    progs = sorted(f for f in os.listdir(BENCH) if f.endswith(".py") and f != "startup.py")
    if names:
        progs = [p for p in progs if p[:-3] in names]
    print(f"{'program':<16}{'A s':>9}{'B s':>9}{'B/A':>8}")
    ratios = []
    for prog in progs:
        ta, tb = [], []
        for _ in range(runs):
            for binary, times in ((a, ta), (b, tb)):
                t, out, code, _ = run_rss([binary], prog)
                times.append(t)
                if code != 0:
                    raise SystemExit(f"{binary} {prog}: exit status {code}")
                if binary == a:
                    out_a = out
                elif out != out_a:
                    raise SystemExit(f"{prog}: the two binaries print different output")
        ma, mb = statistics.median(ta), statistics.median(tb)
        ratios.append(mb / ma)
        print(f"{prog[:-3]:<16}{ma:>9.3f}{mb:>9.3f}{mb / ma:>8.3f}", flush=True)
    print(f"geomean B/A {math.exp(sum(map(math.log, ratios)) / len(ratios)):.3f}")


if __name__ == "__main__":
    main()
