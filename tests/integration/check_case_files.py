"""Opens every case file of a sweep folder with h5py and prints one line per case:
case_id status process. Fails when a file is unreadable, incomplete, or when temporaries remain.
Usage: check_case_files.py DIR"""
import glob
import os
import sys

import h5py

folder = sys.argv[1]
leftovers = [p for p in os.listdir(os.path.join(folder, "cases")) if not p.endswith(".h5")]
if leftovers:
    print("FAIL: temporary files left:", leftovers)
    sys.exit(1)
for path in sorted(glob.glob(os.path.join(folder, "cases", "case_*.h5"))):
    with h5py.File(path, "r") as f:
        s = f["sweep"].attrs
        if int(s["complete"]) != 1:
            print("FAIL: incomplete", path)
            sys.exit(1)
        if s["status"] in ("ok", "fell") and "summary" not in f:
            print("FAIL: no summary in", path)
            sys.exit(1)
        print(int(s["case_id"]), s["status"], s["process"])
