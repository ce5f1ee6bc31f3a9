#!/usr/bin/env bash
# Instructions per term of one Rosenbrock-terms Hessian (hessian_into) and of
# one plain f64 evaluation of the terms, counted by valgrind's cachegrind:
# the difference between 20 and 10 repetitions, so the plan building and the
# process start cancel. Deterministic, unlike times on a shared machine; on
# these loops the time ratio follows the instruction ratio (both near 30x).
#
#   N=10000 scripts/terms_instructions.sh
#
# Needs valgrind (not installed by the project: apt-get install valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind not found" >&2; exit 1; }
N=${N:-10000}
cargo build --release --example sparse_terms_loop >&2
bin=target/release/examples/sparse_terms_loop
count() { # reps [F64]
  env REPS="$1" N="$N" ${2:+F64=1} valgrind --tool=cachegrind --cache-sim=no \
    --cachegrind-out-file=/dev/null "$bin" 2>&1 | grep "I *refs" | tr -d ',' | awk '{print $NF}'
}
h10=$(count 10); h20=$(count 20); f10=$(count 10 f64); f20=$(count 20 f64)
python3 - "$N" "$h10" "$h20" "$f10" "$f20" <<'PY'
import sys
n, h10, h20, f10, f20 = map(int, sys.argv[1:])
h = (h20 - h10) / 10 / n
f = ((f20 - f10) - (h20 - h10)) / 10 / n
print(f"n = {n}: hessian_into {h:.1f} instructions a term, f64 evaluation {f:.2f}, ratio {h / f:.1f}")
PY
