#!/usr/bin/env bash
# Set-up, build and all tests. CI runs this through .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
ctest --test-dir build/release -j "$(nproc)" --output-on-failure
