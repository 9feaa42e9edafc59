#!/usr/bin/env bash
# Configures and builds the release preset (tests and benchmarks included). Used by demo.sh
# and test.sh; run it by hand after editing code.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release -DSTRIDER_BUILD_TESTS=ON -DSTRIDER_BUILD_BENCHMARKS=ON -DSTRIDER_BUILD_VIZ=ON >/dev/null
cmake --build build/release -j "$(nproc)"
