"""Reads a Strider run file with h5py and checks the documented layout (docs/hdf5-layout.md)."""
import sys

import h5py
import numpy as np


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def main(path):
    with h5py.File(path, "r") as f:
        assert f.attrs["layout_version"] == 1, f.attrs["layout_version"]
        n = f["time"].shape[0]
        assert n == 41, n
        assert text(f["time"].attrs["units"]) == "s"
        q_names = [text(s) for s in f["q"].attrs["names"]]
        assert q_names[:3] == ["pelvis_x", "pelvis_y", "pelvis_z"], q_names[:3]
        assert "knee_flexion_r" in q_names
        assert f["q"].shape == (n, len(q_names))
        assert f["qdot"].shape == (n, len(q_names) - 1)
        bodies = [text(s) for s in f["bodies/position_m"].attrs["names"]]
        assert f["bodies/position_m"].shape == (n, len(bodies), 3)
        assert f["bodies/orientation_wxyz"].shape == (n, len(bodies), 4)
        quat = f["bodies/orientation_wxyz"][:]
        assert np.allclose(np.linalg.norm(quat, axis=2), 1.0)
        assert [text(s) for s in f["contact/force_n"].attrs["names"]] == ["foot_r", "foot_l"]
        assert text(f["contact/force_n"].attrs["units"]) == "N"
        assert f["contact/free_moment_nm"].shape == (n, 2)
        assert text(f["com/position_m"].attrs["units"]) == "m"
        assert text(f["provenance"].attrs["model_name"]) == "runner3d"
        assert "duration_s: 0.2" in text(f["provenance/scenario_yaml"][()])
        assert f["summary"].attrs["fell"] == 0
        # Muscle channels: one column per muscle, with names and units.
        muscles = [text(s) for s in f["muscles/activation"].attrs["names"]]
        assert len(muscles) >= 40 and "soleus_r" in muscles, muscles
        for channel, unit in [("excitation", "1"), ("activation", "1"), ("tendon_force_n", "N"),
                              ("fiber_length_m", "m"), ("fiber_velocity_mps", "m/s"), ("fatigue_active", "1"),
                              ("fatigue_resting", "1"), ("fatigue_fatigued", "1"), ("metabolic_power_w", "W")]:
            assert f["muscles/" + channel].shape == (n, len(muscles)), channel
            assert text(f["muscles/" + channel].attrs["units"]) == unit, channel
        total = f["muscles/fatigue_active"][:] + f["muscles/fatigue_resting"][:] + f["muscles/fatigue_fatigued"][:]
        assert np.allclose(total, 1.0)
        assert f["joints/muscle_torque_nm"].shape == (n, len(q_names) - 7)
        limbs = f["angular_momentum_limbs_kgm2ps"]
        assert limbs.shape == (n, 2, 3) and [text(s) for s in limbs.attrs["names"]] == ["arms", "legs"]
        pairs = [text(s) for s in f["joints/moment_by_muscle_group_nm"].attrs["names"]]
        assert "plantarflexors:ankle_dorsiflexion_r" in pairs, pairs[:5]
        # Relaxed muscles: whole-body metabolic power is the basal 1.2 W/kg.
        assert np.allclose(f["metabolics/power_w"][:], 1.2 * 70.0)
        # Gravity acts: the COM falls during the first 0.1 s (released 5 cm above the ground).
        z = f["com/position_m"][:, 2]
        assert z[20] < z[0] - 0.03, (z[0], z[20])
    print("h5py read", path, "ok")


if __name__ == "__main__":
    main(sys.argv[1])
