"""Compares every recorded dataset of two sweep folders' case files bit for bit (a SHA-256 of
each dataset's bytes, case by case). The determinism guard for 1 vs 2 threads.
Usage: compare_case_datasets.py DIR_A DIR_B   exit 0 when identical, 1 (with the first difference) otherwise."""
import glob
import hashlib
import os
import sys

import h5py


def digests(path):
    out = {}

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            value = obj[()]
            # Text (variable-length strings) by value; numbers by their bytes.
            text = obj.dtype.kind in "OSU" or obj.shape == ()
            data = repr(value.tolist() if hasattr(value, "tolist") else value).encode() if text else value.tobytes()
            out[name] = hashlib.sha256(data).hexdigest()

    with h5py.File(path, "r") as f:
        f.visititems(visit)
    return out


a_dir, b_dir = sys.argv[1], sys.argv[2]
a_files = sorted(os.path.basename(p) for p in glob.glob(os.path.join(a_dir, "cases", "case_*.h5")))
b_files = sorted(os.path.basename(p) for p in glob.glob(os.path.join(b_dir, "cases", "case_*.h5")))
if not a_files or a_files != b_files:
    print(f"case files differ: {a_files} vs {b_files}")
    sys.exit(1)
compared = 0
for name in a_files:
    a, b = digests(os.path.join(a_dir, "cases", name)), digests(os.path.join(b_dir, "cases", name))
    if a.keys() != b.keys():
        print(f"{name}: dataset names differ: {sorted(set(a) ^ set(b))}")
        sys.exit(1)
    for key in a:
        if a[key] != b[key]:
            print(f"{name}: {key} differs")
            sys.exit(1)
        compared += 1
print(f"{len(a_files)} case files, {compared} datasets, bit-identical")
