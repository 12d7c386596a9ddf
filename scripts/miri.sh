#!/usr/bin/env bash
# Runs the unit tests of the heap, the handles, the pool allocator, the free lists and
# the collector under Miri (undefined-behaviour checks). Installs nightly and Miri when
# missing. Usage: scripts/miri.sh [extra test filters...]
set -euo pipefail
cd "$(dirname "$0")/.."
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
rustup +nightly component add miri rust-src >/dev/null
# The interpreter keeps its permanent objects (types, singletons) for the life of the
# process on purpose, so Miri's leak report is off; Ouro's own leak check counts objects.
# Tree Borrows: an object's GC head is reached from a `&PyObject` by stepping back to the
# start of its block (container_of), which Stacked Borrows rejects and Tree Borrows
# allows; the blocks come from one allocation that covers head and object.
export MIRIFLAGS="${MIRIFLAGS:--Zmiri-ignore-leaks -Zmiri-disable-isolation -Zmiri-tree-borrows}"
filters=("$@")
if [ ${#filters[@]} -eq 0 ]; then filters=(memory:: gc::); fi
for f in "${filters[@]}"; do
    cargo +nightly miri test --lib -- "$f"
done
