#!/usr/bin/env bash
# Runs Ouro's fuzz targets (fuzz/fuzz_targets: parse, run, structured) with cargo-fuzz.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default: 60 s, all targets)
# Installs the nightly toolchain and cargo-fuzz when missing. The corpus lives in
# fuzz/corpus/TARGET (with tests/py's scripts as extra seeds); crashes land in fuzz/artifacts/TARGET and
# are replayed with `cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/FILE`.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(parse run structured); fi
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t"
    # Source targets also read the project's test scripts as seeds (new finds are written
    # to fuzz/corpus/TARGET only); the hostile-program tests are too slow to be seeds.
    seeds=()
    extra=()
    if [ "$t" != structured ]; then seeds=(tests/py/lang tests/py/lib tests/py/gc tests/py/memory); fi
    # The generator needs inputs of some length from the start to build whole programs.
    if [ "$t" = structured ]; then extra=(-len_control=0); fi
    cargo +nightly fuzz run -s none "$t" "fuzz/corpus/$t" "${seeds[@]}" -- \
        -max_total_time="$secs" -dict=fuzz/python.dict -timeout=20 -rss_limit_mb=4096 -max_len=4096 -print_final_stats=1 "${extra[@]}"
done
