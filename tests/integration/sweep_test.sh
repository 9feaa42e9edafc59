#!/usr/bin/env bash
# strider sweep / merge as a process: bad sweep files exit 2 and write nothing; 1 or 2 threads
# and 2 shards + merge give the same index; SIGKILL part-way then --resume runs every case
# exactly once with every file readable; SIGINT stops cleanly (exit 130) and resume finishes.
# Usage: sweep_test.sh STRIDER SOURCE_DIR
set -u
strider=$1
src=$2
py=/usr/bin/python3  # Debian's h5py works with this python only
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

expect() {  # expect CODE PATTERN -- command...
  local code=$1 pattern=$2
  shift 3
  local out
  out=$("$@" 2>&1)
  local got=$?
  if [[ $got -ne $code ]]; then fail "'$*' exited $got, expected $code. Output: $out"
  elif [[ -n $pattern ]] && ! grep -q -- "$pattern" <<<"$out"; then fail "'$*' output lacks '$pattern'. Output: $out"
  else echo "ok: $* -> $got"; fi
}

# --- Bad sweep files: exit 2, the file, the key and a fix; no output folder.
smoke="$src/scenarios/sweeps/smoke.yaml"
printf 'base: %s\naxes:\n  grid: {cadense_spm: [160, 170]}\n' "$src/scenarios/drop2d.yaml" >"$work/unknown.yaml"
printf 'base: %s\naxes:\n  grid: {cadence_spm: []}\n' "$src/scenarios/drop2d.yaml" >"$work/empty.yaml"
printf 'base: %s\naxes:\n  linked: {speed_mps: [3, 4], cadence_spm: [160, 170, 180]}\n' "$src/scenarios/drop2d.yaml" >"$work/linked.yaml"
expect 2 "unknown.yaml: axes.grid.cadense_spm: unknown scenario key.*did you mean 'cadence_spm'" -- \
  "$strider" sweep "$work/unknown.yaml" -o "$work/bad1"
expect 2 "empty.yaml: axes.grid.cadence_spm: empty axis" -- "$strider" sweep "$work/empty.yaml" -o "$work/bad2"
expect 2 "linked.yaml: axes.linked.cadence_spm: conflicting linked-axis lengths" -- \
  "$strider" sweep "$work/linked.yaml" -o "$work/bad3"
expect 2 "not a shard" -- "$strider" sweep "$smoke" -o "$work/bad4" --shard 3/2
expect 2 "is swept by" -- "$strider" sweep "$smoke" -o "$work/bad5" body_mass_kg=70
expect 2 "not found" -- "$strider" sweep "$work/missing.yaml" -o "$work/bad6"
for d in bad1 bad2 bad3 bad4 bad5 bad6; do [[ -e "$work/$d" ]] && fail "$d: output folder created for bad input"; done

# --- 1 thread, 2 threads, 2 shards + merge: the same index.
expect 0 "8 ok" -- "$strider" sweep "$smoke" -o "$work/t1" --threads 1
expect 0 "8 ok" -- "$strider" sweep "$smoke" -o "$work/t2" --threads 2
$py "$here/compare_index.py" "$work/t1/index.csv" "$work/t2/index.csv" || fail "1 vs 2 threads"
$py "$here/compare_case_datasets.py" "$work/t1" "$work/t2" || fail "1 vs 2 threads: recorded datasets differ"
expect 0 "shard 1/2 done" -- "$strider" sweep "$smoke" -o "$work/sh" --shard 1/2 --threads 1
expect 1 "4 case(s) have no complete file" -- "$strider" merge "$work/sh"
expect 0 "shard 2/2 done" -- "$strider" sweep "$smoke" -o "$work/sh" --shard 2/2 --threads 1
expect 0 "8 ok" -- "$strider" merge "$work/sh"
$py "$here/compare_index.py" "$work/t1/index.csv" "$work/sh/index.csv" || fail "shards + merge"
expect 2 "already holds finished cases" -- "$strider" sweep "$smoke" -o "$work/t1"
expect 2 "holds another sweep" -- "$strider" sweep "$smoke" -o "$work/t1" --resume duration_s=0.2
expect 2 "not a sweep folder\|sweep plan.*not found\|not found" -- "$strider" merge "$work/nothing"

# --- SIGKILL part-way, then --resume: every case exactly once, every file readable.
# 24 short runs of runner3d with the tracking controller (about 0.3 s each; they fall).
cat >"$work/kill.yaml" <<YAML
base: $src/scenarios/drop.yaml
set: {controller: tracking, start_clearance_m: 0.0, duration_s: 1.0, record_hz: 100}
seed: 5
axes:
  grid: {cadence_spm: [160, 170, 180, 190], speed_mps: [3.0, 3.5, 4.0], arm_swing_scale: [0.5, 1.0]}
YAML
"$strider" sweep "$work/kill.yaml" -o "$work/kill" --threads 2 2>"$work/kill1.log" &
pid=$!
# Kill once a few cases are done (or after 20 s at the latest).
for _ in $(seq 200); do
  n=$(find "$work/kill/cases" -name 'case_*.h5' 2>/dev/null | wc -l)
  (( n >= 4 )) && break
  sleep 0.1
done
kill -KILL "$pid"
wait "$pid" 2>/dev/null
before=$(find "$work/kill/cases" -name 'case_*.h5' | wc -l)
echo "killed with $before complete case file(s); leftovers: $(ls "$work/kill/cases" | grep -vc '\.h5$')"
if (( before == 0 || before >= 24 )); then fail "the kill did not land part-way ($before of 24 done)"; fi
# The cases the killed process finished (by id).
ls "$work/kill/cases" | sed -n 's/^case_0*\([0-9][0-9]*\)\.h5$/\1/p' | sort -n >"$work/done_before"
resume_start=$(date +%s%N)
expect 0 "$before done before" -- "$strider" sweep "$work/kill.yaml" -o "$work/kill" --threads 2 --resume
resume_s=$(( ($(date +%s%N) - resume_start) / 1000000 ))
$py "$here/check_case_files.py" "$work/kill" >"$work/after" || fail "unreadable or leftover files after resume"
[[ $(wc -l <"$work/after") -eq 24 ]] || fail "expected 24 case files after resume, got $(wc -l <"$work/after")"
# Each case was written by one process: the killed one for what it had finished (kept, not
# redone), the resumed one for all the rest.
killed_procs=$(awk 'NR==FNR{done[$1]=1; next} ($1 in done){print $3}' "$work/done_before" "$work/after" | sort -u)
resumed_procs=$(awk 'NR==FNR{done[$1]=1; next} !($1 in done){print $3}' "$work/done_before" "$work/after" | sort -u)
[[ $(wc -l <<<"$killed_procs") -eq 1 ]] || fail "cases finished before the kill were run again: $killed_procs"
[[ $(wc -l <<<"$resumed_procs") -eq 1 && $resumed_procs != "$killed_procs" ]] ||
  fail "the remaining cases were not all run once by the resumed sweep: $resumed_procs"
# Two threads really run two cases at a time: the cases' own wall times add up to more than the
# elapsed time (true even when other programs share the cores, since both cases then run slower).
$py - "$work/kill/index.csv" "$work/after" "$resumed_procs" "$resume_s" <<'PY' || fail "2 threads did not overlap cases"
import csv, sys
index, after, proc, elapsed_ms = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
mine = {int(l.split()[0]) for l in open(after) if l.split()[2] == proc}
busy = sum(float(r["wall_time_s"]) for r in csv.DictReader(open(index)) if int(r["case_id"]) in mine)
print(f"resume: {len(mine)} cases, {busy:.2f} s of case time in {elapsed_ms / 1000:.2f} s elapsed")
if len(mine) < 10:
    print("(too few cases left after the kill to judge the overlap; not checked)")
    sys.exit(0)
sys.exit(0 if busy > 1.3 * elapsed_ms / 1000 else 1)  # 1.0 when cases run one at a time
PY
grep -q "0/0 done" <<<"$("$strider" sweep "$work/kill.yaml" -o "$work/kill" --resume 2>&1)" || fail "a third run redid cases"
$py - "$work/kill/index.csv" <<'PY' || fail "index after resume"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 24, len(rows)
assert all(r["status"] in ("ok", "fell") for r in rows), [r["status"] for r in rows]
assert sorted(int(r["case_id"]) for r in rows) == list(range(24))
print("index after resume: 24 rows, all finished")
PY

# --- SIGINT: stop within 2 s, exit 130, nothing half-written; --resume finishes.
"$strider" sweep "$work/kill.yaml" -o "$work/int" --threads 2 2>"$work/int.log" &
pid=$!
# Signal once the first case is done, so the signal handler is surely installed: a background job
# of a non-interactive shell starts with SIGINT ignored until main() installs the handler, and a
# loaded machine can take over a second to get there (or after 20 s at the latest).
for _ in $(seq 200); do
  [[ -n "$(find "$work/int/cases" -name 'case_*.h5' 2>/dev/null)" ]] && break
  sleep 0.1
done
start=$(date +%s%N)
kill -INT "$pid"
wait "$pid"
code=$?
took_ms=$((($(date +%s%N) - start) / 1000000))
[[ $code -eq 130 ]] || { fail "SIGINT exit $code"; cat "$work/int.log"; }
(( took_ms <= 2000 )) || fail "SIGINT took $took_ms ms"
$py "$here/check_case_files.py" "$work/int" >/dev/null || fail "SIGINT left a temporary or unreadable file"
[[ -e "$work/int/index.csv" ]] && fail "an interrupted sweep wrote an index"
echo "ok: SIGINT -> exit $code in $took_ms ms, $(ls "$work/int/cases" | wc -l) complete case(s), nothing half-written"
expect 0 "" -- "$strider" sweep "$work/kill.yaml" -o "$work/int" --threads 2 --resume
$py "$here/compare_index.py" "$work/kill/index.csv" "$work/int/index.csv" || fail "interrupted + resumed vs killed + resumed"

echo "$failures failure(s)"
[[ $failures -eq 0 ]]
