#!/usr/bin/env bash
# Runs the runner issue's acceptance conditions (scenarios/sweeps/acceptance-*.yaml: speed x
# cadence, the arm-swing modes and the slopes, 30 s each) and prints their table
# (docs/controller.md, "Acceptance table").
# Usage: scripts/acceptance.sh OUT_DIR [--threads N]   (from the source tree, after a build)
set -euo pipefail
out=${1:?usage: scripts/acceptance.sh OUT_DIR [--threads N]}
shift
strider=${STRIDER:-./build/release/bin/strider}
dirs=()
for part in speed-cadence arms slopes; do
  "$strider" sweep "scenarios/sweeps/acceptance-$part.yaml" -o "$out/acceptance-$part" --resume "$@"
  dirs+=("$out/acceptance-$part")
done
/usr/bin/python3 scripts/acceptance_table.py "${dirs[@]}"
