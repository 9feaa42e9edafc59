#!/usr/bin/env bash
# Runs every canonical what-if scenario (scenarios/*.yaml that name baseline.yaml as their base,
# docs/scenarios.md) and the baseline, then writes docs/what-if-results.md: each scenario's
# summary next to the baseline's, and in words what changed, against the running literature's
# direction where one is published.
# Usage: scripts/what_if_results.sh OUT_DIR [PAGE]   (from the source tree, after a build)
#   PAGE defaults to docs/what-if-results.md. Runs already in OUT_DIR are reused (delete them to
#   re-run). Two runs at a time; about 20 s on 2 cores while the what-ifs fall early.
set -euo pipefail
out=${1:?usage: scripts/what_if_results.sh OUT_DIR [PAGE]}
page=${2:-docs/what-if-results.md}
strider=${STRIDER:-./build/release/bin/strider}
mkdir -p "$out"
names=$(/usr/bin/python3 scripts/what_if_results.py --list)
for name in $names; do
  [ -f "$out/$name.h5" ] || echo "$name"
done | xargs -r -P 2 -I{} sh -c '"$0" run "scenarios/{}.yaml" -o "$1/{}.h5" > "$1/{}.log" 2>&1' \
  "$strider" "$out"
STRIDER="$strider" /usr/bin/python3 scripts/what_if_results.py "$out" "$page"
echo "wrote $page"
