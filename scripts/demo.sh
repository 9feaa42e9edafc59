#!/usr/bin/env bash
# Set-up, build and the main job. Until the runner controller exists, the main job is the
# passive drop: runner3d released above the ground with no muscle activity. It lands,
# collapses and the run reports the fall. Output goes to demo-output/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
mkdir -p demo-output
./build/release/bin/strider run scenarios/drop.yaml -o demo-output/drop.h5
./build/release/bin/strider info demo-output/drop.h5
echo
echo "The run file is demo-output/drop.h5; read it from Python with h5py (docs/hdf5-layout.md)."
