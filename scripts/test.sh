#!/usr/bin/env bash
# Set-up, build and all tests. CI runs this through .ci/run.
#   1. the release build (engine, CLI, viz, benchmarks) and its full test suite;
#   2. the AddressSanitizer + UndefinedBehaviorSanitizer build of the engine and CLI, and the
#      same suite without the viz and allocation tests (STRIDER_SKIP_ASAN=1 skips this part);
#   3. each libFuzzer target for a short fixed time (scripts/fuzz.sh all 20; STRIDER_SKIP_FUZZ=1
#      skips this part).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
ctest --test-dir build/release -j "$(nproc)" --output-on-failure
if [[ "${STRIDER_SKIP_ASAN:-0}" != "1" ]]; then
  cmake --preset asan -DSTRIDER_BUILD_TESTS=ON -DSTRIDER_BUILD_VIZ=OFF >/dev/null
  cmake --build build/asan -j "$(nproc)"
  ctest --test-dir build/asan -j "$(nproc)" --output-on-failure
fi
if [[ "${STRIDER_SKIP_FUZZ:-0}" != "1" ]]; then
  bash scripts/fuzz.sh all 20
fi
