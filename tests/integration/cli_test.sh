#!/usr/bin/env bash
# Command-line contract: exit codes (0 ok, 2 bad input), messages naming file and key, and no
# output file left behind on bad input.  Usage: cli_test.sh STRIDER SOURCE_DIR
set -u
strider=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

expect() {  # expect CODE PATTERN -- command...
  local code=$1 pattern=$2
  shift 3
  local out
  out=$("$@" 2>&1)
  local got=$?
  if [[ $got -ne $code ]]; then
    echo "FAIL: '$*' exited $got, expected $code. Output: $out"
    failures=$((failures + 1))
  elif [[ -n $pattern ]] && ! grep -q -- "$pattern" <<<"$out"; then
    echo "FAIL: '$*' output lacks '$pattern'. Output: $out"
    failures=$((failures + 1))
  else
    echo "ok: $* -> $got"
  fi
}

expect 2 "not found" -- "$strider" run "$work/missing.yaml" -o "$work/x.h5"
printf 'duraton_s: 1\n' >"$work/typo.yaml"
expect 2 "did you mean 'duration_s'" -- "$strider" run "$work/typo.yaml" -o "$work/typo.h5"
expect 2 "out of range" -- "$strider" run "$src/scenarios/drop.yaml" -o "$work/x.h5" body_mass_kg=900
expect 2 "does not exist" -- "$strider" run "$src/scenarios/drop.yaml" -o "$work/nope/x.h5" duration_s=0.01
sed 's/mass_kg: 9.912/mass_kg: -9.912/' "$src/models/runner3d.yaml" >"$work/bad_model.yaml"
printf 'model: bad_model.yaml\nduration_s: 0.01\n' >"$work/uses_bad_model.yaml"
expect 2 "bad_model.yaml: bodies\[2\].mass_kg: mass must be positive" -- "$strider" run "$work/uses_bad_model.yaml" -o "$work/bad.h5"
expect 2 "mass must be positive" -- "$strider" info "$work/bad_model.yaml"
expect 2 "" -- "$strider" run
expect 2 "" -- "$strider" frobnicate
for f in x.h5 typo.h5 bad.h5; do
  if [[ -e "$work/$f" ]]; then echo "FAIL: $f left behind"; failures=$((failures + 1)); fi
done
if compgen -G "$work/*.tmp.*" >/dev/null; then echo "FAIL: temporary files left behind"; failures=$((failures + 1)); fi

# strider bench: the JSON contract, the running step by default, and --dt-s.
expect 0 '"model": "runner2d", "controller": "tracking", "real_time_factor": [0-9.]*, "step_us": [0-9.]*, "dt_s": 0.00025}' \
  -- "$strider" bench --model runner2d --seconds 0.02 --repeats 1 --json
expect 0 '"dt_s": 0.001}' -- "$strider" bench --model runner2d --seconds 0.02 --repeats 1 --json --dt-s 0.001
expect 2 "not in range" -- "$strider" bench --dt-s 0.1

expect 0 "" -- "$strider" run "$src/scenarios/drop.yaml" -o "$work/drop.h5" duration_s=0.1
expect 0 "layout version 1" -- "$strider" info "$work/drop.h5"
expect 0 "runner3d" -- "$strider" info "$src/models/runner3d.yaml"
expect 0 "warning: triceps's path point 2 switches off the straight path at elbow = -30.0 deg: the length jumps by 9.8 mm" -- "$strider" info "$src/tests/data/muscle_arm.yaml"
printf 'model: %s\ncontroller: none\nduration_s: 0.01\n' "$src/tests/data/muscle_arm.yaml" >"$work/arm.yaml"
expect 0 "warning.*triceps's path point 2 switches off the straight path at elbow = -30.0 deg" -- "$strider" run "$work/arm.yaml" -o "$work/arm.h5"
# The arm-swing demo on short runs: both runs, the table (0.3 s hold no analysed stride, so the
# demo says there is nothing to compare), the CSV (and, in a viz build, the plot and the video);
# bad names and postures exit 2.
expect 0 "Rotation metrics: none to compare (a run fell before its first analysed stride)" -- "$strider" demo arm-swing -o "$work/demo" --scenario "$src/scenarios/baseline.yaml" \
  duration_s=0.3
for f in arms_normal.h5 arms_held_across_chest.h5 arms_compare.csv; do
  [[ -s $work/demo/$f ]] || { echo "FAIL: demo did not write $f"; failures=$((failures + 1)); }
done
expect 2 "unknown demo 'arm-swin'" -- "$strider" demo arm-swin -o "$work/demo2"
expect 2 "'normal' is not a held arm posture" -- "$strider" demo arm-swing --held normal -o "$work/demo2" \
  --scenario "$src/scenarios/baseline.yaml"
printf 'base: arm.yaml\naxes:\n  grid:\n    duration_s: [0.01, 0.02]\n' >"$work/arm_sweep.yaml"
expect 0 "warning.*triceps's path point 2 switches off the straight path" -- "$strider" sweep "$work/arm_sweep.yaml" -o "$work/arm_sweep"
expect 0 "duration_s                         2                s                  $src/scenarios/drop.yaml" -- "$strider" info "$src/scenarios/drop.yaml"
expect 0 "duration_s                         4                s                  <command line>" -- "$strider" info "$src/scenarios/baseline.yaml" duration_s=4
expect 0 "slope_percent                      5                %                  $src/scenarios/uphill-5.yaml" -- "$strider" info "$src/scenarios/uphill-5.yaml"
expect 0 "speed_mps                          3.5              m/s                $src/scenarios/baseline.yaml" -- "$strider" info "$src/scenarios/uphill-5.yaml"
expect 0 "tracking.stance_knee_kp                       5            1            1           15  N·m/rad/kg" -- "$strider" info "$src/scenarios/optimize-smoke.yaml"
expect 0 "objective weights: cost_of_transport 1 distance 10 fall 100" -- "$strider" info "$src/scenarios/optimize-smoke.yaml"
printf "base: nothere.yaml\n" > "$work/nobase.yaml"
expect 2 "nothere.yaml" -- "$strider" run "$work/nobase.yaml" -o "$work/nobase.h5"
if [[ -e "$work/nobase.h5" ]]; then echo "FAIL: a run with a missing base left an output file"; failures=$((failures + 1)); fi
expect 0 "FELL" -- "$strider" run "$src/scenarios/drop.yaml" -o "$work/fall.h5"
expect 0 "done" -- "$strider" run "$src/tests/data/long_arm.yaml" -o "$work/arm.h5" duration_s=0.05  # no feet, no gait
expect 0 "(reference)" -- "$strider" compare "$work/drop.h5" "$work/fall.h5" --csv "$work/cmp.csv"
grep -q '^fall_time_s,' "$work/cmp.csv" || { echo "FAIL: compare --csv lacks fall_time_s"; failures=$((failures + 1)); }
expect 2 "at least two" -- "$strider" compare "$work/drop.h5"
expect 2 "missing.h5" -- "$strider" compare "$work/drop.h5" "$work/missing.h5" --csv "$work/cmp2.csv"
if [[ -e "$work/cmp2.csv" ]]; then echo "FAIL: a failed compare left its CSV"; failures=$((failures + 1)); fi

echo "$failures failure(s)"
[[ $failures -eq 0 ]]
