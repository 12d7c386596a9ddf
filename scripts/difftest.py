#!/usr/bin/env python3
"""Differential test: runs every .py file of a folder under Ouro and python3 and prints
the ones whose stdout or exit status differ, then `N passed, M failed`.

Usage: python3 scripts/difftest.py FOLDER [--ouro PATH]
(default Ouro: target/release/ouro, built if missing). Each script runs in its folder
with stdin closed and a 60 s limit.
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, path):
    try:
        p = subprocess.run(cmd + [os.path.basename(path)], cwd=os.path.dirname(path) or ".",
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
        return p.stdout, p.returncode
    except subprocess.TimeoutExpired:
        return b"<timeout>", -1


def main():
    args = sys.argv[1:]
    ouro = os.path.join(ROOT, "target", "release", "ouro")
    if "--ouro" in args:
        i = args.index("--ouro")
        ouro = os.path.abspath(args[i + 1])
        del args[i:i + 2]
    if not args:
        print(__doc__)
        return 2
    if not os.path.exists(ouro):
        subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)
    folder = args[0]
    files = sorted(os.path.abspath(os.path.join(dp, f)) for dp, _, fs in os.walk(folder) for f in fs if f.endswith(".py"))
    passed = failed = 0
    for f in files:
        o_out, o_code = run([ouro], f)
        p_out, p_code = run([sys.executable], f)
        if o_out == p_out and o_code == p_code:
            passed += 1
        else:
            failed += 1
            why = "exit status %d vs %d" % (o_code, p_code) if o_code != p_code else "stdout differs"
            print("DIFF %s: %s" % (f, why))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
