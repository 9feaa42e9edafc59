#!/usr/bin/env bash
# `strider view`: refuses clearly without a display (exit 2), opens and closes under Xvfb.
set -u
strider=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"; [[ -n ${xpid:-} ]] && kill "$xpid" 2>/dev/null' EXIT
"$strider" run "$src/scenarios/drop.yaml" -o "$work/run.h5" duration_s=0.2 2>/dev/null || exit 1
env -u DISPLAY "$strider" view "$work/run.h5" 2>"$work/err"
code=$?
[[ $code -eq 2 ]] && grep -q "needs a display" "$work/err" || { echo "FAIL: no-display exit $code"; exit 1; }
exec 3< <(Xvfb -displayfd 1 -screen 0 1280x720x24 -nolisten tcp 2>/dev/null & echo "pid $!")
read -r _ xpid <&3
read -r number <&3
DISPLAY=":$number" timeout 30 "$strider" view "$work/run.h5" --exit-after 1
code=$?
[[ $code -eq 0 ]] || { echo "FAIL: view under Xvfb exited $code"; exit 1; }
echo "ok: view refuses without a display and runs under Xvfb"
