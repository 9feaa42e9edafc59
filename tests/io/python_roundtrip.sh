#!/usr/bin/env bash
# Writes a short run and reads it from Python with Debian's h5py (/usr/bin/python3).
set -eu
strider=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$strider" run "$src/scenarios/drop.yaml" -o "$work/run.h5" duration_s=0.2 >/dev/null
/usr/bin/python3 "$src/tests/io/check_run_file.py" "$work/run.h5"
