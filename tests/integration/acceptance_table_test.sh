#!/usr/bin/env bash
# scripts/acceptance_table.py on a hand-made sweep index: marks against the runner issue's
# ranges, speed and cadence relative to each case's own target, and '-' for missing values.
set -euo pipefail
src=${1:?usage: acceptance_table_test.sh SOURCE_DIR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/sweep"
cols="speed_mps,cadence_spm,vgrf_active_peak_bw,contact_time_s,duty_factor,com_vertical_excursion_m"
cols="$cols,knee_flexion_peak_stance_deg,cost_of_transport_j_per_kg_m"
{
  echo "case_id,param.speed_mps,status,fell,fall_time_s,end_time_s,$cols"
  # Asked 2.5 m/s (swept) and 170 spm (the baseline's): 2.55 is +2 % (ok), 175 is +2.9 % (out).
  echo "0,2.5,ok,0,,30,2.55,175,2.5,0.25,0.35,0.08,45,4.0"
  # Fell early: no gait measures.
  echo "1,4.5,fell,1,0.62,0.62,,,,,,,,"
  # Every measure just outside its range.
  echo "2,3.5,ok,0,,30,3.39,170,3.1,0.31,0.41,0.12,61,5.6"
} > "$work/sweep/index.csv"
out=$(/usr/bin/python3 "$src/scripts/acceptance_table.py" "$work/sweep")
echo "$out"
line() { echo "$out" | grep -F "| speed_mps $1 |"; }
line 2.5 | grep -qF "| 30.00 | 2.55 ok | 175 out | 2.5 ok | 0.25 ok | 0.35 ok | 0.08 ok | 45 ok | 4 ok |"
line 4.5 | grep -qF "| 0.62 fell | - | - | - | - | - | - | - | - |"
line 3.5 | grep -qF "| 30.00 | 3.39 out | 170 ok | 3.1 out | 0.31 out | 0.41 out | 0.12 out | 61 out | 5.6 out |"
# A folder without an index is an error that says what to do.
if /usr/bin/python3 "$src/scripts/acceptance_table.py" "$work/none" 2> "$work/err"; then exit 1; fi
grep -q "run the sweep first" "$work/err"
echo "acceptance table: ok"
