"""Compares two sweep index.csv files, ignoring the timing column (wall_time_s).
Usage: compare_index.py A.csv B.csv   exit 0 when equal, 1 (with the first difference) otherwise."""
import csv
import sys

TIMING = {"wall_time_s"}


def rows(path):
    with open(path, newline="") as f:
        table = list(csv.reader(f))
    keep = [i for i, name in enumerate(table[0]) if name not in TIMING]
    return [[row[i] for i in keep] for row in table]


a, b = rows(sys.argv[1]), rows(sys.argv[2])
if len(a) != len(b):
    print(f"row counts differ: {len(a)} vs {len(b)}")
    sys.exit(1)
for n, (ra, rb) in enumerate(zip(a, b)):
    if ra != rb:
        print(f"row {n} differs:\n  {ra}\n  {rb}")
        sys.exit(1)
print(f"same index ({len(a) - 1} cases, {len(a[0])} columns compared)")
