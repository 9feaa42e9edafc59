#!/usr/bin/env bash
# Faults: SIGINT and SIGTERM stop a run within two seconds with nothing left behind; a file-size
# limit (a full disk, in effect) gives a clean error and no file.  Usage: fault_test.sh STRIDER SRC
set -u
strider=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
for sig in INT TERM; do
  "$strider" run "$src/tests/data/long_arm.yaml" -o "$work/long_$sig.h5" 2>"$work/err_$sig" &
  pid=$!
  # The signal handlers are in place before the run logs "running"; wait for that line (a busy
  # or sanitized build can take a while to load) instead of a fixed time.
  for _ in $(seq 1 300); do grep -q running "$work/err_$sig" 2>/dev/null && break; sleep 0.1; done
  sleep 0.2
  start=$(date +%s%N)
  kill -s "$sig" "$pid"
  wait "$pid"
  code=$?
  took_ms=$((($(date +%s%N) - start) / 1000000))
  if [[ $code -ne 130 ]]; then echo "FAIL: SIG$sig exit $code"; cat "$work/err_$sig"; failures=$((failures + 1)); fi
  if (( took_ms > 2000 )); then echo "FAIL: SIG$sig took $took_ms ms"; failures=$((failures + 1)); fi
  if compgen -G "$work/long_$sig.h5*" >/dev/null; then echo "FAIL: SIG$sig left a file"; failures=$((failures + 1)); fi
  echo "ok: SIG$sig -> exit $code in $took_ms ms, nothing left"
done
# A 64 KiB file-size limit: the HDF5 write fails; the temporary file is removed.
( ulimit -f 64; "$strider" run "$src/tests/data/long_arm.yaml" -o "$work/big.h5" duration_s=20 2>"$work/err_big" )
code=$?
if [[ $code -ne 1 ]]; then echo "FAIL: size limit exit $code"; cat "$work/err_big"; failures=$((failures + 1)); fi
if compgen -G "$work/big.h5*" >/dev/null; then echo "FAIL: size limit left a file"; ls "$work"; failures=$((failures + 1)); fi
echo "ok: file-size limit -> exit $code, $(head -c 200 "$work/err_big")"
echo "$failures failure(s)"
[[ $failures -eq 0 ]]
