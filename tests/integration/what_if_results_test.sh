#!/usr/bin/env bash
# scripts/what_if_results.py on hand-made summaries (a stand-in `strider summary` prints them):
# the changes from the baseline, the literature's direction agreed with or not, runs that fell
# before a stride, the page written whole; and the scenario list names real scenario files.
set -euo pipefail
src=${1:?usage: what_if_results_test.sh SOURCE_DIR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
script="$src/scripts/what_if_results.py"
# Every listed what-if is a scenario file based on the baseline, and every such file is listed
# (apart from the tuned planar runners and the optimization scenarios).
listed=$(/usr/bin/python3 "$script" --list | sort)
on_disk=$( (echo baseline; grep -l '^base: baseline.yaml' "$src"/scenarios/*.yaml | xargs -n1 basename \
  | sed 's/\.yaml$//' | grep -v -e '^runner2d-tuned$' -e '^runner2d-wholebody$' -e '^optimize-smoke$' -e '^optimal-cadence') | sort)
[ "$listed" = "$on_disk" ] || { echo "listed: $listed"; echo "on disk: $on_disk"; exit 1; }

# A stand-in for `strider summary RUN --json`: each "run" file holds its summary.
printf '#!/bin/sh\ncat "$2"\n' > "$work/strider"
chmod +x "$work/strider"
fell='{"fell": true, "fall_time_s": 0.9, "strides_analyzed": 0, "speed_mps": null}'
for name in $listed; do echo "$fell" > "$work/$name.h5"; done
base='"step_length_m": 0.9, "com_vertical_excursion_m": 0.08, "braking_impulse_bw_s": 0.03,'
base="$base \"knee_flexion_peak_stance_deg\": 40, \"cadence_spm\": 170"
echo "{\"fell\": true, \"fall_time_s\": 10.5, \"strides_analyzed\": 11, \"speed_mps\": 2.5, $base}" \
  > "$work/baseline.h5"
# +10 % cadence: shorter steps and less braking (as published), more excursion and knee flexion (not).
echo '{"fell": false, "strides_analyzed": 3, "speed_mps": 2.5, "step_length_m": 0.81,
  "com_vertical_excursion_m": 0.09, "braking_impulse_bw_s": 0.02, "knee_flexion_peak_stance_deg": 44,
  "cadence_spm": 187}' > "$work/cadence-plus10.h5"
STRIDER="$work/strider" /usr/bin/python3 "$script" "$work" "$work/page.md"
page=$(cat "$work/page.md")
grep -qF "| cadence-plus10 | 187 spm (+10 %) | up 30 s | 2.50 (+0 %) | 187.0 (+10 %) | 0.81 (-10 %) |" <<<"$page"
grep -qF "fell at 10.50 s instead of running 30 s, at 2.50 m/s" <<<"$page"
grep -qF "narrow the tuned gains are: 1 of the $(wc -w <<<"$listed" | awk '{print $1 - 1}') what-ifs stay up the 30 s." <<<"$page"
grep -qF -- "- **cadence-plus10**: 187 spm (+10 %). It stayed up the 30 s, with 3 strides analysed" <<<"$page"
grep -qF "with 3 strides analysed (few: a change may be stride-to-stride spread)" <<<"$page"
grep -qF "The simulation goes the same way for step length, braking impulse." <<<"$page"
grep -qF "**It disagrees** for centre-of-mass vertical excursion, peak stance knee flexion." <<<"$page"
grep -qF -- "- **speed-4p5**: 4.5 m/s. It fell at 0.90 s, before the gait analysis had a stride" <<<"$page"
[ ! -e "$work/page.md.tmp" ]
# A baseline that stays up is described as such, with its speed and cost of transport.
echo "{\"fell\": false, \"strides_analyzed\": 39, \"speed_mps\": 2.44, \"cost_of_transport_j_per_kg_m\": 14.67, $base}" \
  > "$work/baseline.h5"
STRIDER="$work/strider" /usr/bin/python3 "$script" "$work" "$work/up.md"
grep -qF "baseline stays up its 30 s, but at 2.44 m/s of the 3.5 asked and at 14.7 J/kg/m." "$work/up.md"
echo "{\"fell\": true, \"fall_time_s\": 10.5, \"strides_analyzed\": 11, \"speed_mps\": 2.5, $base}" \
  > "$work/baseline.h5"
# A missing run is an error that says what to do, and the old page stays whole.
rm "$work/uphill-5.h5"
if STRIDER="$work/strider" /usr/bin/python3 "$script" "$work" "$work/page.md" 2> "$work/err"; then exit 1; fi
grep -q "uphill-5.h5: missing; run scripts/what_if_results.sh first" "$work/err"
[ "$(cat "$work/page.md")" = "$page" ]
echo "what-if results: ok"
