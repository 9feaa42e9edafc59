#!/usr/bin/python3
"""Derives the reference running cycle from the Hamner 2010 running data.

Run from the repository root (needs Debian's python3-numpy, /usr/bin/python3):
    /usr/bin/python3 models/tools/derive_reference_cycle.py

Source: Hamner, Seth & Delp (2010), "Muscle contributions to propulsion and support during
running", J Biomech 43:2709. Subject02 (65.9 kg, 1.83 m) at 3.96 m/s on a treadmill; the
OpenSim example files in ../shared/data/hamner2010-running/ (inverse kinematics and ground
forces at 60 Hz).

Method (notes/running-control.md): cut the kinematics into strides at right-foot contact (vertical
force crossing 50 N upward), resample each stride to phase 0-1, average, and fit 6 Fourier
harmonics per coordinate. The left side is the right side half a cycle later, so the cycle is
symmetric; for the trunk and pelvis, the side-to-side angles (bending, list, rotation) are made
antisymmetric the same way. Angles are converted to Strider's coordinates and signs (radians;
DESIGN.md Conventions): knee flexion = -knee_angle, lumbar flexion = -lumbar_extension,
abduction = -adduction, pelvis pitch (anterior) = -pelvis_tilt... see SIGNS below.

Joint torques: when replay.h5 exists (made first with
    ./build/release/bin/strider replay --ik <ik> --grf <grf> -o /tmp/hamner_replay.h5 \
        --body-mass-kg 65.9 --body-height-m 1.83 --from 0.5 --to 9.5
), the script also averages its inverse-dynamics joint torques over the same strides, per kg of
body mass, and fits them the same way: the feed-forward of the tracking controller. It does the
same with the replay's muscle activations (the controller's `replay_activation_share`).

Output: models/reference/running_cycle.yaml (committed; the raw data are not).
"""
import math
import pathlib

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
DATA = ROOT.parents[1] / "shared/data/hamner2010-running"
HARMONICS = 6
PHASE_POINTS = 200

# Strider coordinate (right side) <- (OpenSim column, sign)
SIGNS = {
    "hip_flexion": ("hip_flexion_r", 1.0),
    "hip_abduction": ("hip_adduction_r", -1.0),
    "hip_rotation": ("hip_rotation_r", 1.0),
    "knee_flexion": ("knee_angle_r", -1.0),
    "ankle_dorsiflexion": ("ankle_angle_r", 1.0),
    "ankle_inversion": ("subtalar_angle_r", 1.0),
    "shoulder_flexion": ("arm_flex_r", 1.0),
    "shoulder_abduction": ("arm_add_r", -1.0),
    "shoulder_rotation": ("arm_rot_r", 1.0),
    "elbow_flexion": ("elbow_flex_r", 1.0),
}
# Whole-body angles: symmetric ones repeat every half cycle; antisymmetric ones flip sign.
TRUNK = {
    "lumbar_flexion": ("lumbar_extension", -1.0, "symmetric"),
    "lumbar_bending": ("lumbar_bending", 1.0, "antisymmetric"),
    "lumbar_rotation": ("lumbar_rotation", 1.0, "antisymmetric"),
    "pelvis_pitch": ("pelvis_tilt", -1.0, "symmetric"),
    "pelvis_roll": ("pelvis_list", 1.0, "antisymmetric"),
    "pelvis_yaw": ("pelvis_rotation", 1.0, "antisymmetric"),
}


def read_table(path):
    lines = path.read_text().splitlines()
    start = next(i for i, l in enumerate(lines) if "endheader" in l) + 1
    while not lines[start].strip():
        start += 1
    names = lines[start].split()
    rows = [list(map(float, l.split())) for l in lines[start + 1:] if l.strip()]
    data = np.array(rows)
    keep = np.concatenate([[True], np.diff(data[:, 0]) > 0])
    return {n: data[keep, i] for i, n in enumerate(names)}


def fourier_fit(phase, values):
    cols = [np.ones_like(phase)]
    for k in range(1, HARMONICS + 1):
        cols += [np.cos(2 * math.pi * k * phase), np.sin(2 * math.pi * k * phase)]
    coef, *_ = np.linalg.lstsq(np.stack(cols, axis=1), values, rcond=None)
    return coef  # a0, a1, b1, a2, b2, ...


def main():
    ik = read_table(DATA / "subject02_running_ik.mot")
    grf = read_table(DATA / "subject02_running_grf.mot")
    t_ik = ik["time"]
    fy = np.interp(t_ik, grf["time"], grf["ground_force_vy"])
    fy_left = np.interp(t_ik, grf["time"], grf["1_ground_force_vy"])
    up = np.where((fy[:-1] < 50) & (fy[1:] >= 50))[0] + 1
    strides = [(a, b) for a, b in zip(up[:-1], up[1:])]
    periods = np.array([t_ik[b] - t_ik[a] for a, b in strides])
    contact = np.array([np.sum(fy[a:b] >= 50) * (t_ik[1] - t_ik[0]) for a, b in strides])
    phase = np.linspace(0, 1, PHASE_POINTS, endpoint=False)

    def mean_cycle(signal):
        cycles = []
        for a, b in strides:
            local = (t_ik[a:b + 1] - t_ik[a]) / (t_ik[b] - t_ik[a])
            cycles.append(np.interp(phase, local, signal[a:b + 1]))
        return np.mean(cycles, axis=0)

    deg = math.pi / 180
    out = {}
    for ours, (col, sign) in SIGNS.items():
        out[ours] = fourier_fit(phase, mean_cycle(sign * ik[col] * deg))
    for ours, (col, sign, kind) in TRUNK.items():
        cycle = mean_cycle(sign * ik[col] * deg)
        shifted = np.roll(cycle, -PHASE_POINTS // 2)
        cycle = 0.5 * (cycle + shifted) if kind == "symmetric" else 0.5 * (cycle - shifted)
        out[ours] = fourier_fit(phase, cycle)
    # Pelvis height (hip-centre midpoint proxy: pelvis origin), m, about its mean.
    height = mean_cycle(ik["pelvis_ty"])
    height = 0.5 * (height + np.roll(height, -PHASE_POINTS // 2))
    out["pelvis_height"] = fourier_fit(phase, height)

    torques = {}
    activations = {}
    replay = pathlib.Path("/tmp/hamner_replay.h5")
    if replay.exists():
        import h5py
        with h5py.File(replay, "r") as f:
            t_r = f["time"][:]
            names = [n.decode() if isinstance(n, bytes) else n for n in f["replay/inverse_dynamics_nm"].attrs["names"]]
            tau = f["replay/inverse_dynamics_nm"][:] / 65.9
            muscles = [n.decode() if isinstance(n, bytes) else n for n in f["muscles/activation"].attrs["names"]]
            act = f["muscles/activation"][:]
        inside = [(a, b) for a, b in strides if t_ik[a] >= t_r[0] and t_ik[b] <= t_r[-1]]
        for ours in SIGNS:
            column = names.index(ours + "_r_rate")
            cycles = []
            for a, b in inside:
                local_t = np.linspace(t_ik[a], t_ik[b], PHASE_POINTS, endpoint=False)
                cycles.append(np.interp(local_t, t_r, tau[:, column]))
            torques[ours] = fourier_fit(phase, np.mean(cycles, axis=0))
        for ours, (_, _, kind) in TRUNK.items():
            if not ours.startswith("lumbar"):
                continue
            column = names.index(ours + "_rate")
            cycles = []
            for a, b in inside:
                local_t = np.linspace(t_ik[a], t_ik[b], PHASE_POINTS, endpoint=False)
                cycles.append(np.interp(local_t, t_r, tau[:, column]))
            cycle = np.mean(cycles, axis=0)
            shifted = np.roll(cycle, -PHASE_POINTS // 2)
            torques[ours] = fourier_fit(phase, 0.5 * (cycle + shifted) if kind == "symmetric" else 0.5 * (cycle - shifted))
        # Muscle activations of the same strides (the replay's static optimization), per right
        # muscle and its left twin half a cycle later, averaged like the angles: the running
        # pattern the muscles can afford, for the controller's `replay_activation_share`.
        for name in muscles:
            if not name.endswith("_r") or name[:-2] + "_l" not in muscles:
                continue
            sides = []
            for column in (muscles.index(name), muscles.index(name[:-2] + "_l")):
                cycles = []
                for a, b in inside:
                    local_t = np.linspace(t_ik[a], t_ik[b], PHASE_POINTS, endpoint=False)
                    cycles.append(np.interp(local_t, t_r, act[:, column]))
                sides.append(np.mean(cycles, axis=0))
            activations[name[:-2]] = fourier_fit(phase, 0.5 * (sides[0] + np.roll(sides[1], -PHASE_POINTS // 2)))

    stride_s = float(np.mean(periods))
    lines = [
        "# Reference running cycle, derived by models/tools/derive_reference_cycle.py from",
        "# Hamner, Seth & Delp 2010 (J Biomech 43:2709), subject02 (65.9 kg, 1.83 m) at 3.96 m/s.",
        f"# {len(strides)} strides averaged; phase 0 = right-foot contact (vertical force > 50 N).",
        "# Angles in radians with Strider's signs (flexion, abduction, internal rotation,",
        "# dorsiflexion, inversion positive); right-side coordinates; the left side is the same",
        "# curve half a cycle later. pelvis_pitch/roll/yaw are the pelvis angles in the world",
        "# (anterior tilt, left side up, turn to the left); pelvis_height is the OpenSim pelvis",
        "# origin height in m. Each curve: value(phase) = a0 + sum_k a_k cos(2 pi k phase) + b_k sin(2 pi k phase).",
        "source: Hamner, Seth & Delp 2010, J Biomech 43:2709, subject02 running at 3.96 m/s",
        "speed_mps: 3.96",
        f"stride_time_s: {stride_s:.6f}",
        f"cadence_spm: {120.0 / stride_s:.3f}",
        f"contact_time_s: {float(np.mean(contact)):.6f}",
        f"duty_factor: {float(np.mean(contact / periods)):.6f}",
        f"strides_averaged: {len(strides)}",
        f"harmonics: {HARMONICS}",
        "curves:",
    ]
    def add_curves(curves):
        for name, coef in curves.items():
            pairs = ", ".join(f"[{coef[2 * k - 1]:.8f}, {coef[2 * k]:.8f}]" for k in range(1, HARMONICS + 1))
            lines.append(f"  {name}: {{mean: {coef[0]:.8f}, cos_sin: [{pairs}]}}")

    add_curves(out)
    if torques:
        lines.append("# Joint torques from inverse dynamics of the same strides (strider replay), N*m/kg,")
        lines.append("# same signs and phase: the tracking controller's feed-forward.")
        lines.append("torques_nm_per_kg:")
        add_curves(torques)
    if activations:
        lines.append("# Muscle activations of the same strides from the replay's static optimization (strider")
        lines.append("# replay on runner3d: the least sum of squared activations that produces the joint torques),")
        lines.append("# per muscle without its _r/_l suffix, right side and phase; clamped to 0-1 where used.")
        lines.append("activations:")
        add_curves(activations)
    path = ROOT / "reference/running_cycle.yaml"
    path.write_text("\n".join(lines) + "\n")
    print("wrote", path, f"({len(strides)} strides, stride {stride_s:.3f} s, cadence {120 / stride_s:.1f} spm,"
          f" contact {np.mean(contact):.3f} s, left contact detected: {int(np.sum(fy_left > 50) > 0)})")


if __name__ == "__main__":
    main()
