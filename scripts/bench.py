#!/usr/bin/env python3
"""Benchmark harness: runs every scripts/bench/*.py under Ouro (release build) and
python3, alternating, several times; checks that the outputs are identical (a mismatch
is a failure, not a timing); prints each program's median time for both, the ratio
ouro/python3, peak RSS for both, and `geomean X.XXx python3 (N/M ok)`; then the
start-up time of `ouro -c pass` against `python3 -c pass`: median of --startup-runs
runs each, in alternating blocks of 20 consecutive runs after 3 warm-up runs (as
hyperfine does), started with posix_spawn so that the harness adds little. Blocks,
because on this shared virtual machine a process started after some 30 ms of idleness
(e.g. right after a python3 run) takes about 0.8 ms longer to start, whatever it is.

Usage: python3 scripts/bench.py [--runs N] [--startup-runs N] [--ouro PATH] [names...]

Peak RSS comes from wait4; Linux reports at least the harness's own RSS at fork time
for a child, so small programs show the same floor for both interpreters.
"""
import math
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "scripts", "bench")


def run_rss(cmd, path):
    """(seconds, output, status, peak RSS KiB) measured with wait4."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd + [path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=BENCH)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    return dt, out, os.waitstatus_to_exitcode(status), usage.ru_maxrss


def spawn_time(cmd):
    """Seconds from posix_spawn to exit of `cmd` (stdout to /dev/null); fails loudly on
    a non-zero status."""
    with open(os.devnull, "wb") as null:
        actions = [(os.POSIX_SPAWN_DUP2, null.fileno(), 1)]
        t0 = time.perf_counter()
        pid = os.posix_spawn(cmd[0], cmd, os.environ, file_actions=actions)
        _, status = os.waitpid(pid, 0)
        dt = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd} exited with {status}")
    return dt


def startup(ouro, runs):
    ot, pt = [], []
    block = 20
    for _ in range(max(1, runs // block)):
        for cmd, times in (([ouro, "-c", "pass"], ot), ([sys.executable, "-c", "pass"], pt)):
            for _ in range(3):
                spawn_time(cmd)
            times.extend(spawn_time(cmd) for _ in range(block))
    mo, mp = statistics.median(ot), statistics.median(pt)
    print(f"startup (-c pass, median of {runs}): ouro {mo * 1000:.2f} ms, python3 {mp * 1000:.2f} ms, ratio {mo / mp:.3f}")


def main():
    args = sys.argv[1:]
    runs = 3
    startup_runs = 200
    ouro = os.path.join(ROOT, "target", "release", "ouro")
    names = []
    while args:
        a = args.pop(0)
        if a == "--runs":
            runs = int(args.pop(0))
        elif a == "--startup-runs":
            startup_runs = int(args.pop(0))
        elif a == "--ouro":
            ouro = os.path.abspath(args.pop(0))
        else:
            names.append(a)
    if not os.path.exists(ouro):
        subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)
    progs = sorted(f for f in os.listdir(BENCH) if f.endswith(".py"))
    if names:
        progs = [p for p in progs if p[:-3] in names]
    print(f"{'program':<16}{'ouro s':>9}{'python3 s':>11}{'ratio':>8}{'ouro MB':>9}{'py MB':>8}  status")
    ratios = []
    ok = 0
    for prog in progs:
        ot, pt, orss, prss = [], [], 0, 0
        status = "ok"
        for _ in range(runs):
            t, oout, ocode, rss = run_rss([ouro], prog)
            ot.append(t)
            orss = max(orss, rss)
            t, pout, pcode, rss = run_rss([sys.executable], prog)
            pt.append(t)
            prss = max(prss, rss)
            if ocode != 0:
                status = f"ouro exit {ocode}"
            elif oout != pout:
                status = "OUTPUT MISMATCH"
        mo, mp = statistics.median(ot), statistics.median(pt)
        if status == "ok":
            ok += 1
            ratios.append(mo / mp)
        print(f"{prog[:-3]:<16}{mo:>9.3f}{mp:>11.3f}{mo / mp:>8.2f}{orss / 1024:>9.1f}{prss / 1024:>8.1f}  {status}")
    geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios)) if ratios else float("nan")
    print(f"geomean {geo:.2f}x python3 ({ok}/{len(progs)} ok)")
    if startup_runs > 0:
        startup(ouro, startup_runs)


if __name__ == "__main__":
    main()
