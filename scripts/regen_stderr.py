#!/usr/bin/env python3
"""Writes the expected stderr of each tests/stderr/*.py script as CPython 3.11 prints it
(normalized the way tests/stderr_output.rs compares it). Usage: python3 scripts/regen_stderr.py"""
import glob
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def normalize(text, folder):
    text = text.replace(folder + os.sep, "")
    text = re.sub(r"0x[0-9a-f]+", "0x?", text)
    text = re.sub(r"\d+\.\d+s elapsed", "?s elapsed", text)
    return re.sub(r"objects in each generation: .*", "objects in each generation: ?", text)


for path in sorted(glob.glob(os.path.join(ROOT, "tests", "stderr", "*.py"))):
    folder, name = os.path.split(path)
    r = subprocess.run(["python3", name], cwd=folder, capture_output=True, text=True)
    with open(path + ".stderr", "w") as f:
        f.write(normalize(r.stderr, folder))
    with open(path + ".stdout", "w") as f:
        f.write(r.stdout)
    print(name, "exit", r.returncode)
