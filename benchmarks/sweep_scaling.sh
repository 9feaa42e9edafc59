#!/usr/bin/env bash
# Sweep throughput (cases per minute) and scaling: 1 vs 2 threads, and 1 vs 2 MPI ranks of one
# thread each, on scenarios/sweeps/cadence-arms.yaml (45 cases). Repeats alternate the
# configurations so that load from other programs spreads over all of them; the load average
# is printed before and after. Results: docs/performance.md.
# Usage: benchmarks/sweep_scaling.sh [REPEATS] [key=value ...]   (run from the source tree;
# SWEEP=FILE for another sweep file)
# On a shared machine set QUIET=5: each run then waits until the CPU pressure (the share of time
# tasks wait for a CPU, /proc/pressure/cpu avg10) is below 5 %, and prints it before and after;
# only runs with a low "after" were quiet throughout.
set -euo pipefail
repeats=${1:-3}
shift || true
strider=${STRIDER:-./build/release/bin/strider}
sweep=${SWEEP:-scenarios/sweeps/cadence-arms.yaml}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# No binding: OpenMPI binds each of <= 2 ranks to one core, which on a shared machine pins a rank
# to a busy core; on an idle machine it makes no difference.
mpi=(mpirun --allow-run-as-root --oversubscribe --bind-to none)
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A best
run() {  # run NAME command...
  local name=$1
  shift
  rm -rf "$work/out"
  local start end p_before p_after
  if [[ -n ${QUIET:-} ]]; then
    for _ in $(seq 360); do awk -v q="$QUIET" '{split($2, a, "="); exit !(a[2] < q)}' /proc/pressure/cpu && break; sleep 5; done
  fi
  p_before=$(awk 'NR==1{split($2, a, "="); print a[2]}' /proc/pressure/cpu 2>/dev/null || echo "?")
  start=$(date +%s%N)
  /usr/bin/time -f "%U %S" -o "$work/cpu" "$@" -o "$work/out" --log-every 100000 "${extra[@]}" >/dev/null 2>&1
  end=$(date +%s%N)
  local s cases cpu overlap
  s=$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.3f", (b-a)/1e9}')
  cases=$(($(wc -l <"$work/out/index.csv") - 1))
  cpu=$(awk '{printf "%.2f", $1 + $2}' "$work/cpu")
  # Cases in flight on average: the cases' own wall times over the elapsed time.
  overlap=$(/usr/bin/python3 -c "import csv,sys; print('%.2f' % (sum(float(r['wall_time_s']) for r in csv.DictReader(open(sys.argv[1]))) / float(sys.argv[2])))" "$work/out/index.csv" "$s")
  p_after=$(awk 'NR==1{split($2, a, "="); print a[2]}' /proc/pressure/cpu 2>/dev/null || echo "?")
  printf '%-10s %6.2f s  %6.1f cases/min  cpu %6.2f s  cases in flight %s  cpu pressure %s%% -> %s%%\n' "$name" "$s" \
    "$(awk -v n="$cases" -v s="$s" 'BEGIN{print 60*n/s}')" "$cpu" "$overlap" "$p_before" "$p_after"
  if [[ -z ${best[$name]:-} ]] || awk -v a="$s" -v b="${best[$name]}" 'BEGIN{exit !(a<b)}'; then best[$name]=$s; fi
  ncases=$cases
}
extra=("$@")
for ((r = 1; r <= repeats; r++)); do
  run threads1 "$strider" sweep "$sweep" --threads 1
  run threads2 "$strider" sweep "$sweep" --threads 2
  run ranks1 "${mpi[@]}" -n 1 "$strider" sweep "$sweep" --mpi --threads 1
  run ranks2 "${mpi[@]}" -n 2 "$strider" sweep "$sweep" --mpi --threads 1
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v n="$ncases" -v t1="${best[threads1]}" -v t2="${best[threads2]}" -v r1="${best[ranks1]}" -v r2="${best[ranks2]}" 'BEGIN{
  printf "best of %d: 1 thread %.2f s (%.0f cases/min), 2 threads %.2f s (%.0f cases/min): %.2fx\n", '"$repeats"', t1, 60*n/t1, t2, 60*n/t2, t1/t2
  printf "best of %d: 1 rank %.2f s (%.0f cases/min), 2 ranks %.2f s (%.0f cases/min): %.2fx\n", '"$repeats"', r1, 60*n/r1, r2, 60*n/r2, r1/r2 }'
