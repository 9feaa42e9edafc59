#!/usr/bin/env bash
# How long a scenario's runner stays up (docs/controller.md, "Tuned gains for runner2d" and
# "Step size"). Two panels:
#   default:    from its own start and from nine slightly different ones (the start clearance,
#               speed and cadence moved a little, one at a time);
#   --noise N:  from N starts whose clearance differs by k nanometres (k = 1..N), a perturbation
#               of the size of rounding error. A gait that is stable stays up from all of them;
#               the spread of their fall times shows how much one run's time is chance.
# Prints one line per start and the median survival time.
# Usage: scripts/robustness.sh [--noise N] SCENARIO [key=value ...]   (from the source tree, after a build)
set -euo pipefail
noise=0
if [[ ${1:-} == --noise ]]; then
  noise=${2:?--noise needs a count}
  shift 2
fi
scenario=${1:?usage: scripts/robustness.sh [--noise N] SCENARIO [key=value ...]}
shift
strider=${STRIDER:-./build/release/bin/strider}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
starts=("" start_clearance_m=0.005 start_clearance_m=0.015 start_clearance_m=0.02 speed_mps=3.3
        speed_mps=3.45 speed_mps=3.55 cadence_spm=165 cadence_spm=168 cadence_spm=172)
if ((noise > 0)); then
  clearance=$("$strider" info "$scenario" "$@" | awk '$1 == "start_clearance_m" {print $2}')
  starts=()
  for k in $(seq "$noise"); do
    starts+=("start_clearance_m=$(/usr/bin/python3 -c "print('%.12g' % ($clearance + $k * 1e-9))")")
  done
fi
times=()
for start in "${starts[@]}"; do
  "$strider" run "$scenario" "$@" record_hz=0 $start -o "$work/run.h5" > "$work/log" 2>&1
  t=$(/usr/bin/python3 -c 'import h5py, sys; print("%.3f" % h5py.File(sys.argv[1])["summary/end_time_s"][0])' "$work/run.h5")
  printf '%-32s %7s s, %s\n' "${start:-(scenario start)}" "$t" \
    "$(grep -q FELL "$work/log" && echo "fell" || echo "did not fall")"
  times+=("$t")
done
printf '%s\n' "${times[@]}" | /usr/bin/python3 -c \
  'import statistics, sys; v = [float(x) for x in sys.stdin.read().split()]; print(f"median {statistics.median(v):.2f} s, min {min(v):.2f} s, max {max(v):.2f} s over {len(v)} starts")'
