#!/usr/bin/env bash
# Set-up, build and the main job. Until the runner controller exists, the main job is the
# passive drop: runner3d released above the ground with every muscle relaxed. It lands,
# collapses and the run reports the fall. Output (run file and pictures) goes to demo-output/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
mkdir -p demo-output
./build/release/bin/strider run scenarios/drop.yaml -o demo-output/drop.h5
./build/release/bin/strider info demo-output/drop.h5
# Stills: in the air, at landing (with the ground-force arrows) and collapsing.
for t in 0.05 0.13 0.45; do
  ./build/release/bin/strider render demo-output/drop.h5 --frame "$t" -o "demo-output/drop_${t}s.png"
done
echo
echo "Outputs in demo-output/: the run (drop.h5, read it with h5py, docs/hdf5-layout.md) and stills (*.png)."
