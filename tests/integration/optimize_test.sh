#!/usr/bin/env bash
# strider optimize from the command line: the shipped smoke optimization, its files, progress,
# replay with --params, refusals (exit 2) and a clean SIGINT stop that --resume continues.
# Usage: optimize_test.sh STRIDER SOURCE_DIR
set -u
strider=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
smoke="$src/scenarios/optimize-smoke.yaml"

start=$(date +%s)
"$strider" optimize "$smoke" -o "$work/smoke" 2>"$work/smoke.log"
code=$?
took=$(($(date +%s) - start))
[[ $code -eq 0 ]] || { fail "smoke optimization exit $code"; cat "$work/smoke.log"; }
echo "ok: smoke optimization in ${took} s"
grep -q "generation 3/3: best .* evaluations/s, ETA" "$work/smoke.log" || fail "no progress line: $(cat "$work/smoke.log")"
for f in checkpoint.yaml parameters.txt history.csv best.h5; do
  [[ -s "$work/smoke/$f" ]] || fail "smoke optimization wrote no $f"
done
[[ $(wc -l <"$work/smoke/history.csv") -eq 4 ]] || fail "history.csv should have a header and 3 rows"
grep -q "^tracking.pelvis_kp " "$work/smoke/parameters.txt" || fail "parameters.txt lacks tracking.pelvis_kp"

# The parameter file replays the best run exactly.
"$strider" run "$smoke" --params "$work/smoke/parameters.txt" -o "$work/replay.h5" 2>"$work/replay.log" ||
  fail "run --params: $(cat "$work/replay.log")"
/usr/bin/python3 - "$work/smoke/best.h5" "$work/replay.h5" <<'PY' || fail "the replay differs from best.h5"
import sys, h5py, numpy as np
a, b = h5py.File(sys.argv[1], "r"), h5py.File(sys.argv[2], "r")
for name in ["/q", "/contact/force_n", "/muscles/activation"]:
    if not np.array_equal(a[name][()], b[name][()]):
        sys.exit(f"{name} differs")
print("ok: replay with --params equals best.h5 bit for bit")
PY

# Refusals.
expect() {  # expect CODE PATTERN command...
  local code=$1 pattern=$2
  shift 2
  local out
  out=$("$@" 2>&1)
  local got=$?
  if [[ $got -ne $code ]] || ! grep -q -- "$pattern" <<<"$out"; then fail "'$*' -> $got: $out"; else echo "ok: $* -> $got"; fi
}
expect 2 "continue it with --resume" "$strider" optimize "$smoke" -o "$work/smoke"
printf 'tracking.pelvis_kp 1 2\n' >"$work/bad_params.txt"
expect 2 "bad_params.txt: line 1" "$strider" run "$smoke" --params "$work/bad_params.txt" -o "$work/bad.h5"
[[ -e "$work/bad.h5" ]] && fail "a bad parameter file left an output"
printf '# edited by hand\ncadense_spm 170 170 1\n' >"$work/typo_params.txt"
expect 2 "typo_params.txt: line 2: cadense_spm" "$strider" run "$smoke" --params "$work/typo_params.txt" -o "$work/bad.h5"
printf 'seed 3 3 1\n' >"$work/fixed_params.txt"
expect 2 "fixed_params.txt: line 1: 'seed' cannot be set from a parameter file" "$strider" run "$smoke" --params "$work/fixed_params.txt" -o "$work/bad.h5"
printf 'base: %s\noptimize:\n  parameters:\n    cadence_spm: {mean: 170, spread: 5, min: 175, max: 190}\n  objective: {fall: 1}\n' \
  "$src/scenarios/baseline.yaml" >"$work/bad_section.yaml"
expect 2 "optimize.parameters.cadence_spm.mean" "$strider" optimize "$work/bad_section.yaml" -o "$work/bad_opt"
expect 2 "no optimize section" "$strider" optimize "$src/scenarios/baseline.yaml" -o "$work/none"

# SIGINT: the optimization stops with 130 and its last complete generation checkpointed, which
# --resume continues to the end.
"$strider" optimize "$smoke" -o "$work/stop" --generations 200 --threads 1 2>"$work/stop.log" &
pid=$!
for _ in $(seq 1 100); do [[ -s "$work/stop/checkpoint.yaml" ]] && break; sleep 0.1; done
sleep 0.3  # into a generation, with candidates in flight
start=$(date +%s%N)
kill -s INT "$pid"
wait "$pid"
code=$?
took_ms=$((($(date +%s%N) - start) / 1000000))
[[ $code -eq 130 ]] || { fail "SIGINT exit $code"; cat "$work/stop.log"; }
(( took_ms <= 2000 )) || fail "SIGINT took $took_ms ms to stop the optimization"
compgen -G "$work/stop/*.tmp.*" >/dev/null && fail "SIGINT left temporary files: $(ls "$work/stop")"
[[ -e "$work/stop/best.h5" ]] && fail "an interrupted optimization wrote best.h5"
echo "ok: SIGINT stopped the optimization in $took_ms ms, nothing half-written"
grep -q "continue with --resume" "$work/stop.log" || fail "no resume hint: $(cat "$work/stop.log")"
done_before=$(grep -c '^  - \[' "$work/stop/checkpoint.yaml")
"$strider" optimize "$smoke" -o "$work/stop" --generations $((done_before + 1)) --resume 2>"$work/resume.log" ||
  fail "resume after SIGINT: $(cat "$work/resume.log")"
grep -q "generation $((done_before + 1))/$((done_before + 1))" "$work/resume.log" || fail "resume did not continue: $(cat "$work/resume.log")"
echo "ok: SIGINT after $done_before generation(s), resumed to $((done_before + 1))"

echo "$failures failure(s)"
[[ $failures -eq 0 ]]
