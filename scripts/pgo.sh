#!/usr/bin/env bash
# Builds a profile-guided release binary of Ouro: target/pgo/release/ouro.
#
# 1. An instrumented release build (target/pgo-gen) runs the training corpus: the test
#    scripts (tests/py, tests/programs), the examples and, when ../shared is beside the
#    repository, the conformance scripts. The benchmark programs (scripts/bench) are not
#    part of it, so that their timings measure the profile on code it was not made from.
# 2. The raw profiles are merged (llvm-profdata from rustup's llvm-tools component,
#    added when missing) into target/pgo-data/ouro.profdata.
# 3. The release build is made again with that profile (target/pgo), which lets the
#    compiler lay out the dispatch loop and the runtime by their measured branch and call
#    frequencies.
#
# The profile is made from the current sources each time (about five minutes on two
# cores), so it is never stale. The binary behaves exactly as `cargo build --release`'s:
# only code layout, inlining and register allocation differ.
#
# Usage: scripts/pgo.sh            (then: target/pgo/release/ouro script.py)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

SYSROOT=$(rustc --print sysroot)
HOST=$(rustc -vV | sed -n 's/^host: //p')
PROFDATA="$SYSROOT/lib/rustlib/$HOST/bin/llvm-profdata"
if [ ! -x "$PROFDATA" ]; then
    rustup component add llvm-tools
fi

RAW="$ROOT/target/pgo-data"
rm -rf "$RAW"
mkdir -p "$RAW"

# `ouro_pgo_gen` makes the process exit through the C runtime's `exit` (not `_exit`),
# so that the profiling runtime writes its counters.
RUSTFLAGS="-Cprofile-generate=$RAW --cfg ouro_pgo_gen" cargo build --release --target-dir target/pgo-gen

TRAIN=(tests/py tests/programs examples)
if [ -d ../shared/conformance ]; then
    TRAIN+=(../shared/conformance)
fi
n=0
while IFS= read -r -d '' f; do
    # Each script runs in its own folder, as the test suite runs it; scripts that end
    # with an error (the error tests) are part of the corpus too.
    (cd "$(dirname "$f")" && timeout 60 "$ROOT/target/pgo-gen/release/ouro" "$(basename "$f")" </dev/null >/dev/null 2>&1) || true
    n=$((n + 1))
done < <(find "${TRAIN[@]}" -name '*.py' -print0 | sort -z)
echo "pgo: ran $n training scripts"

"$PROFDATA" merge --sparse -o "$RAW/ouro.profdata" "$RAW"/*.profraw
RUSTFLAGS="-Cprofile-use=$RAW/ouro.profdata" cargo build --release --target-dir target/pgo
echo "pgo: built target/pgo/release/ouro"
