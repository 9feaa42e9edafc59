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
# A side-by-side video: full strength on the left, half strength on the right.
./build/release/bin/strider run scenarios/drop.yaml -o demo-output/drop_half_strength.h5 strength.all=0.5
./build/release/bin/strider render demo-output/drop.h5 --with demo-output/drop_half_strength.h5 -o demo-output/drop.mp4
echo
echo "Outputs in demo-output/: the runs (*.h5, read them with h5py, docs/hdf5-layout.md), stills (*.png) and a video (drop.mp4)."
