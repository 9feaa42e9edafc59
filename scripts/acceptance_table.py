#!/usr/bin/env python3
"""Prints the runner issue's acceptance table (docs/controller.md) from finished sweeps.

Usage: scripts/acceptance_table.py SWEEP_DIR [SWEEP_DIR ...]

Each SWEEP_DIR is the output of `strider sweep` (its index.csv). One row per case: the swept
conditions, how long the body stayed up, and each acceptance measure with a mark: 'ok' inside
the issue's range, 'out' outside it, '-' when the run gave no value (too few strides).
"""
import csv
import pathlib
import sys

RUN_S = 30.0  # every acceptance case asks for 30 s
# (column, heading, low, high); speed and cadence are relative to each case's target.
MEASURES = [
    ("speed_mps", "speed m/s", -0.03, 0.03),
    ("cadence_spm", "cadence spm", -0.02, 0.02),
    ("vgrf_active_peak_bw", "vGRF peak BW", 2.2, 3.0),
    ("contact_time_s", "contact s", 0.20, 0.30),
    ("duty_factor", "duty", 0.30, 0.40),
    ("com_vertical_excursion_m", "COM excursion m", 0.04, 0.11),
    ("knee_flexion_peak_stance_deg", "stance knee deg", 30.0, 60.0),
    ("cost_of_transport_j_per_kg_m", "gross CoT J/kg/m", 3.2, 5.5),
]
TARGET = {"speed_mps": 3.5, "cadence_spm": 170.0}  # the baseline's, unless swept


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def mark(value, low, high, judged=None):
    """The value with 'ok' or 'out' by whether `judged` (default: the value) is in [low, high]."""
    if value is None:
        return "-"
    judged = value if judged is None else judged
    return f"{value:.3g} {'ok' if low <= judged <= high else 'out'}"


def rows(sweep_dir):
    path = pathlib.Path(sweep_dir) / "index.csv"
    if not path.is_file():
        sys.exit(f"{path}: no index.csv; run the sweep first (scripts/acceptance.sh)")
    with path.open(newline="") as f:
        for row in csv.DictReader(f):
            params = {k[len("param."):]: v for k, v in row.items() if k.startswith("param.")}
            yield params, row


def main(dirs):
    head = ["conditions", "up s"] + [m[1] for m in MEASURES]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for d in dirs:
        for params, row in rows(d):
            label = ", ".join(f"{k} {v}" for k, v in params.items() if k != "arm_swing_scale" or v != "1")
            fell = row["fell"] == "1"
            up = number(row["fall_time_s"]) if fell else number(row["end_time_s"])
            cells = [label, f"{up:.2f} fell" if fell else f"{up:.2f}" if up is not None else row["status"]]
            for column, _, low, high in MEASURES:
                value = number(row[column])
                if column in TARGET and value is not None:
                    target = number(params.get(column, "")) or TARGET[column]
                    cells.append(mark(value, low, high, judged=value / target - 1.0))
                else:
                    cells.append(mark(value, low, high))
            print("| " + " | ".join(cells) + " |")
    print(f"\n'ok' is inside the issue's range; every case must also stay up {RUN_S:.0f} s.")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
