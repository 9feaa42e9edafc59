#!/usr/bin/env bash
# strider sweep --mpi on 2 ranks: the same index as one process with one thread, cases run by
# both ranks, and bad input exits 2 on every rank with one message.
# Usage: sweep_mpi_test.sh STRIDER SOURCE_DIR MPIEXEC
set -u
strider=$1
src=$2
mpiexec=${3:-mpirun}
py=/usr/bin/python3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# As root (containers, CI) OpenMPI needs --allow-run-as-root; --oversubscribe lets 2 ranks run
# on fewer free cores.
mpi=("$mpiexec" --allow-run-as-root --oversubscribe -n 2)
smoke="$src/scenarios/sweeps/smoke.yaml"

"$strider" sweep "$smoke" -o "$work/one" --threads 1 2>/dev/null || fail "1-thread sweep"
out=$("${mpi[@]}" "$strider" sweep "$smoke" -o "$work/mpi" --mpi 2>&1)
code=$?
echo "$out" | tail -2
[[ $code -eq 0 ]] || fail "mpirun exit $code: $out"
grep -q "over 2 ranks" <<<"$out" || fail "rank 0 did not report 2 ranks"
$py "$here/compare_index.py" "$work/one/index.csv" "$work/mpi/index.csv" || fail "MPI index differs from 1 thread"
procs=$($py "$here/check_case_files.py" "$work/mpi" | awk '{print $3}' | sort -u | wc -l)
[[ $procs -eq 2 ]] || fail "cases were run by $procs process(es), expected both ranks"
echo "ok: cases run by $procs ranks"

# Resume under MPI: delete two cases, the rest is kept.
rm "$work/mpi/cases/case_00000002.h5" "$work/mpi/cases/case_00000005.h5"
out=$("${mpi[@]}" "$strider" sweep "$smoke" -o "$work/mpi" --mpi --resume 2>&1)
grep -q "2 run now, 6 done before" <<<"$out" || fail "MPI resume: $out"
$py "$here/compare_index.py" "$work/one/index.csv" "$work/mpi/index.csv" || fail "MPI resume index"

printf 'base: %s\naxes:\n  grid: {cadence_spm: []}\n' "$src/scenarios/drop2d.yaml" >"$work/empty.yaml"
out=$("${mpi[@]}" "$strider" sweep "$work/empty.yaml" -o "$work/bad" --mpi 2>&1)
code=$?
[[ $code -eq 2 ]] || fail "bad input under MPI: exit $code: $out"
[[ $(grep -c "empty axis" <<<"$out") -eq 1 ]] || fail "expected one message: $out"
[[ -e "$work/bad" ]] && fail "bad input created the output folder"
echo "ok: bad input under MPI -> exit $code"

echo "$failures failure(s)"
[[ $failures -eq 0 ]]
