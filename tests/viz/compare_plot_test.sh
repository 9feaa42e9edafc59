#!/usr/bin/env bash
# `strider compare --plot`: stance curves and metric changes of two replayed runs, as a PNG of the
# requested size (headless, own Xvfb).
set -u
strider=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data="$src/../shared/data/hamner2010-running"
for end in 3.5 4.5; do
  "$strider" replay --ik "$data/subject02_running_ik.mot" --grf "$data/subject02_running_grf.mot" --from 0.5 \
    --to $end -o "$work/r$end.h5" --body-mass-kg 65.9 --body-height-m 1.83 >/dev/null 2>&1 ||
    { echo "FAIL: replay to $end s"; exit 1; }
done
"$strider" compare "$work/r3.5.h5" "$work/r4.5.h5" --plot "$work/cmp.png" >"$work/out" 2>&1 ||
  { echo "FAIL: compare --plot exited $?"; cat "$work/out"; exit 1; }
grep -q "vgrf_active_peak_bw" "$work/out" || { echo "FAIL: no table"; exit 1; }
/usr/bin/python3 - "$work/cmp.png" <<'PY' || exit 1
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
width, height = struct.unpack('>II', data[16:24])
assert (width, height) == (1500, 900), (width, height)
# Decode the image and count coloured (non-grey) pixels: the curves and bands must be there.
chunks, pos = b'', 8
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    if kind == b'IDAT': chunks += data[pos + 8:pos + 8 + n]
    pos += 12 + n
raw, channels = zlib.decompress(chunks), data[25]
bpp = {2: 3, 6: 4}[channels]
stride = width * bpp + 1
coloured = 0
prev = bytearray(width * bpp)
for y in range(height):
    f, line = raw[y * stride], bytearray(raw[y * stride + 1:(y + 1) * stride])
    for i in range(len(line)):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    for x in range(0, width * bpp, bpp):
        r, g, bl = line[x], line[x + 1], line[x + 2]
        if max(r, g, bl) - min(r, g, bl) > 60: coloured += 1
assert coloured > 5000, f'only {coloured} coloured pixels'
print(f'ok: {width}x{height} PNG with {coloured} coloured pixels')
PY
# `strider render --colour-by`: an unknown colouring is bad input (exit 2, named, with the fix),
# and nothing is written.
out=$("$strider" render "$work/r3.5.h5" --colour-by strain -o "$work/strain.mp4" 2>&1)
code=$?
[[ $code -eq 2 ]] || { echo "FAIL: --colour-by strain exited $code: $out"; exit 1; }
grep -q "unknown muscle colouring 'strain' (fix: use activation, force or fatigue)" <<<"$out" ||
  { echo "FAIL: message: $out"; exit 1; }
[[ ! -e $work/strain.mp4 ]] || { echo "FAIL: strain.mp4 written"; exit 1; }
echo "ok: --colour-by strain -> 2"
