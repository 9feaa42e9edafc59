#!/usr/bin/env python3
"""Generates models/runner3d.yaml and models/runner2d.yaml from published segment data.

Run from the repository root:  python3 models/tools/make_runner_models.py

The generated files are committed; this script is how their numbers were derived. Every number
comes from one of these sources:

  [deLeva]  de Leva P. (1996) Adjustments to Zatsiorsky-Seluyanov's segment inertia parameters.
            J Biomech 29(9):1223-1230, Table 4 (male). Lengths are for a 1.741 m male; mass
            fractions of body mass; COM as a fraction of length from the first endpoint;
            radii of gyration as fractions of length (sagittal, transverse, longitudinal).
            Trunk subsegments: UPT = CERV-XYPH, MPT = XYPH-OMPH, LPT = OMPH-MIDH; head = VERT-CERV.
  [Hamner]  Hamner, Seth & Delp (2010) J Biomech 43:2709; the generic (unscaled) OpenSim model
            FullBodyModel_Hamner2010_v2_0.osim: hip joint centre lateral offset, lumbar and
            shoulder joint locations.
  [AAOS]    American Academy of Orthopaedic Surgeons normal joint ranges of motion
            (Greene & Heckman 1994, The Clinical Measurement of Joint Motion).
  [SCONE]   SCONE H0918 / OpenSim gait models: heel contact sphere radius 0.03 m and the contact
            law constants (REFERENCES.md section 6).
  [chosen]  Picked by us where no source gives the number; the reason is in the comment.

Axis convention for the radii of gyration: r_sag is taken about the antero-posterior axis (x),
r_trans about the medio-lateral axis (y) and r_long about the segment's long axis. de Leva does
not define this in words; the mapping follows the segment shapes (wide trunk: r_sag > r_trans).
"""
from __future__ import annotations

import math
import pathlib
import sys
import xml.etree.ElementTree as ET

REFERENCE_MASS_KG = 70.0
REFERENCE_HEIGHT_M = 1.75
DELEVA_HEIGHT_M = 1.741
S = REFERENCE_HEIGHT_M / DELEVA_HEIGHT_M  # de Leva lengths -> reference body
M = REFERENCE_MASS_KG

# name: (length_m at 1.741 m, mass fraction, com fraction from first endpoint, r_sag, r_trans, r_long)
DELEVA = {
    "head": (0.2429, 0.0694, 0.5002, 0.303, 0.315, 0.261),       # VERT-CERV
    "upper_trunk": (0.2421, 0.1596, 0.5066, 0.505, 0.320, 0.465),  # CERV-XYPH
    "middle_trunk": (0.2155, 0.1633, 0.4502, 0.482, 0.383, 0.468),  # XYPH-OMPH
    "lower_trunk": (0.1457, 0.1117, 0.6115, 0.615, 0.551, 0.587),  # OMPH-MIDH
    "upper_arm": (0.2817, 0.0271, 0.5772, 0.285, 0.269, 0.158),
    "forearm": (0.2689, 0.0162, 0.4574, 0.276, 0.265, 0.121),
    "hand": (0.0862, 0.0061, 0.7900, 0.628, 0.513, 0.401),
    "thigh": (0.4222, 0.1416, 0.4095, 0.329, 0.329, 0.149),
    "shank": (0.4340, 0.0433, 0.4459, 0.255, 0.249, 0.103),
    "foot": (0.2581, 0.0137, 0.4415, 0.257, 0.245, 0.124),
}

HIP_HALF_WIDTH_M = 0.0835       # [Hamner] hip_r location z in pelvis
SHOULDER_HALF_WIDTH_M = 0.17    # [Hamner] acromial_r location z in torso
SHOULDER_ABOVE_LUMBAR_M = 0.3715  # [Hamner] acromial_r location y in torso (torso origin = back joint)
ANKLE_HEIGHT_M = 0.07           # [chosen] ankle centre above the sole; [Hamner] talus->calcn offset 0.042 m plus heel pad
HEEL_BEHIND_ANKLE_M = 0.05      # [chosen] ~[Hamner] talus->calcn x offset 0.0488 m


def seg(name):
    length, mass_frac, com_frac, r_sag, r_trans, r_long = DELEVA[name]
    length *= S
    mass = mass_frac * M
    return length, mass, com_frac, (r_sag * length, r_trans * length, r_long * length)


def principal(mass, radii):
    return [mass * r * r for r in radii]


def combine(parts):
    """parts: (mass, com[3], inertia[3] about own com, axis-aligned). Returns mass, com, inertia."""
    mass = sum(p[0] for p in parts)
    com = [sum(p[0] * p[1][i] for p in parts) / mass for i in range(3)]
    inertia = [0.0, 0.0, 0.0]
    for m, c, inn in parts:
        d = [c[i] - com[i] for i in range(3)]
        inertia[0] += inn[0] + m * (d[1] ** 2 + d[2] ** 2)
        inertia[1] += inn[1] + m * (d[0] ** 2 + d[2] ** 2)
        inertia[2] += inn[2] + m * (d[0] ** 2 + d[1] ** 2)
    return mass, com, inertia


def fmt(v):
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(fmt(x) for x in v) + "]"
    r = round(v, 6)
    return "0" if r == 0 else repr(r)


def long_axis_segment(name, down=True):
    """A limb or trunk segment along z, origin at its first (proximal) joint."""
    length, mass, com_frac, (rs, rt, rl) = seg(name)
    z = -com_frac * length if down else com_frac * length
    return length, mass, [0.0, 0.0, z], principal(mass, (rs, rt, rl))


def build_bodies(planar: bool):
    bodies = []
    lpt_len, lpt_mass, lpt_com_frac, lpt_r = seg("lower_trunk")
    # Pelvis frame at mid-hip (MIDH); the lower trunk reaches up to OMPH. COM measured from OMPH.
    bodies.append(dict(
        name="pelvis", mass=lpt_mass, com=[0.0, 0.0, (1 - lpt_com_frac) * lpt_len],
        inertia=principal(lpt_mass, lpt_r),
        source="[deLeva] lower trunk (OMPH-MIDH); frame origin at the hip joint centres' midpoint",
        joint=dict(type="planar" if planar else "free"),
        geometry=[("capsule", [0, -HIP_HALF_WIDTH_M, 0.03], [0, HIP_HALF_WIDTH_M, 0.03], 0.09)],
    ))

    # Torso = middle trunk + upper trunk + head, frame at OMPH (lumbar joint). Each part's COM is
    # measured from its upper endpoint in de Leva.
    mpt_len, mpt_mass, mpt_cf, mpt_r = seg("middle_trunk")
    upt_len, upt_mass, upt_cf, upt_r = seg("upper_trunk")
    head_len, head_mass, head_cf, head_r = seg("head")
    c7 = mpt_len + upt_len
    parts = [
        (mpt_mass, [0, 0, (1 - mpt_cf) * mpt_len], principal(mpt_mass, mpt_r)),
        (upt_mass, [0, 0, mpt_len + (1 - upt_cf) * upt_len], principal(upt_mass, upt_r)),
        (head_mass, [0, 0, c7 + (1 - head_cf) * head_len], principal(head_mass, head_r)),
    ]
    t_mass, t_com, t_inertia = combine(parts)
    lumbar_coords = [("lumbar_flexion", [0, 1, 0], [-30, 60],
                      "forward flexion +; [AAOS] thoracolumbar flexion 80, extension 25; [chosen] 60 and 30 for the lumbar joint alone")]
    if not planar:
        lumbar_coords += [
            ("lumbar_bending", [1, 0, 0], [-30, 30], "bending to the right +; [AAOS] lateral flexion 35"),
            ("lumbar_rotation", [0, 0, 1], [-40, 40], "turning to the left +; [AAOS] rotation 45"),
        ]
    bodies.append(dict(
        name="torso", parent="pelvis", mass=t_mass, com=t_com, inertia=t_inertia,
        source="[deLeva] middle trunk + upper trunk + head, combined with the parallel-axis theorem",
        joint=dict(type="hinge" if planar else "gimbal", location=[0, 0, lpt_len],
                   source="lumbar joint at OMPH, [deLeva] lower-trunk length; [Hamner] back joint is 0.148 m above the hips",
                   coords=lumbar_coords),
        geometry=[("capsule", [0, 0, 0.06], [0, 0, c7 - 0.08], 0.12),
                  ("sphere", [0, 0, c7 + 0.5 * head_len], 0.1)],
    ))

    for side, sy in (("r", -1.0), ("l", 1.0)):
        # Mirror: for the left side, abduction and internal-rotation axes flip sign.
        m = -sy  # +1 right, -1 left
        th_len, th_mass, th_com, th_I = long_axis_segment("thigh")
        hip_coords = [(f"hip_flexion_{side}", [0, -1, 0], [-30, 120], "flexion +; [AAOS] flexion 120, extension 30")]
        if not planar:
            hip_coords += [
                (f"hip_abduction_{side}", [-m, 0, 0], [-30, 45], "abduction +; [AAOS] abduction 45, adduction 30"),
                (f"hip_rotation_{side}", [0, 0, m], [-45, 45], "internal rotation +; [AAOS] 45 each way"),
            ]
        bodies.append(dict(
            name=f"thigh_{side}", parent="pelvis", mass=th_mass, com=th_com, inertia=th_I,
            source="[deLeva] thigh",
            joint=dict(type="hinge" if planar else "gimbal", location=[0, sy * HIP_HALF_WIDTH_M, 0],
                       source="[Hamner] hip joint centre lateral offset", coords=hip_coords),
            geometry=[("capsule", [0, 0, -0.03], [0, 0, -th_len + 0.05], 0.065)],
        ))
        sh_len, sh_mass, sh_com, sh_I = long_axis_segment("shank")
        bodies.append(dict(
            name=f"shank_{side}", parent=f"thigh_{side}", mass=sh_mass, com=sh_com, inertia=sh_I,
            source="[deLeva] shank (knee centre to lateral malleolus)",
            joint=dict(type="hinge", location=[0, 0, -th_len], source="[deLeva] thigh length",
                       coords=[(f"knee_flexion_{side}", [0, 1, 0], [0, 140], "flexion +; [AAOS] flexion 140")]),
            geometry=[("capsule", [0, 0, -0.03], [0, 0, -sh_len + 0.04], 0.048)],
        ))
        ft_len, ft_mass, ft_cf, ft_r = seg("foot")
        heel_x = -HEEL_BEHIND_ANKLE_M
        sole_z = -ANKLE_HEIGHT_M
        # Foot long axis is x: r_long about x, r_trans about y, r_sag about z.
        foot_I = principal(ft_mass, (ft_r[2], ft_r[1], ft_r[0]))
        ankle_coords = [(f"ankle_dorsiflexion_{side}", [0, -1, 0], [-50, 20],
                         "dorsiflexion +; [AAOS] dorsiflexion 20, plantarflexion 50")]
        if not planar:
            ankle_coords += [(f"ankle_inversion_{side}", [m, 0, 0], [-15, 35],
                              "inversion +; [AAOS] inversion 35, eversion 15")]
        med = -sy  # medial direction sign in y: right foot medial is +y
        contacts = [
            (f"heel_{side}", [heel_x + 0.03, 0.0, sole_z + 0.03], 0.03, "[SCONE] heel sphere r 0.03 m"),
            (f"met1_{side}", [heel_x + 0.72 * ft_len, med * 0.025, sole_z + 0.02], 0.02,
             "[chosen] first metatarsal head at 72 % of foot length, medial"),
            (f"met5_{side}", [heel_x + 0.65 * ft_len, -med * 0.035, sole_z + 0.02], 0.02,
             "[chosen] fifth metatarsal head at 65 % of foot length, lateral"),
            (f"toe_{side}", [heel_x + ft_len - 0.02, med * 0.01, sole_z + 0.015], 0.015,
             "[chosen] toe tip; Moco 2D_gait front sphere r 0.015 m"),
        ]
        bodies.append(dict(
            name=f"foot_{side}", parent=f"shank_{side}", mass=ft_mass,
            com=[heel_x + ft_cf * ft_len, 0.0, sole_z + 0.03], inertia=foot_I,
            source="[deLeva] foot (heel to toe tip), COM from the heel; height of COM [chosen] 3 cm above the sole",
            joint=dict(type="hinge" if planar else "universal", location=[0, 0, -sh_len],
                       source="[deLeva] shank length", coords=ankle_coords),
            geometry=[("capsule", [heel_x + 0.035, 0, sole_z + 0.035], [heel_x + ft_len - 0.035, 0, sole_z + 0.03], 0.035)],
            contacts=contacts,
        ))

    for side, sy in (("r", -1.0), ("l", 1.0)):
        m = -sy
        ua_len, ua_mass, ua_com, ua_I = long_axis_segment("upper_arm")
        sh_coords = [(f"shoulder_flexion_{side}", [0, -1, 0], [-60, 180], "flexion +; [AAOS] flexion 180, extension 60")]
        if not planar:
            sh_coords += [
                (f"shoulder_abduction_{side}", [-m, 0, 0], [-40, 85],
                 "abduction +; [chosen] capped below 90 deg, where this flexion-abduction-rotation chain is singular; raise the arm higher by flexion ([AAOS] abduction 180)"),
                (f"shoulder_rotation_{side}", [0, 0, m], [-90, 70], "internal rotation +; [AAOS] internal 70, external 90"),
            ]
        bodies.append(dict(
            name=f"upper_arm_{side}", parent="torso", mass=ua_mass, com=ua_com, inertia=ua_I,
            source="[deLeva] upper arm",
            joint=dict(type="hinge" if planar else "gimbal",
                       location=[0, sy * SHOULDER_HALF_WIDTH_M, SHOULDER_ABOVE_LUMBAR_M],
                       source="[Hamner] acromial joint location in the torso", coords=sh_coords),
            geometry=[("capsule", [0, 0, -0.02], [0, 0, -ua_len + 0.03], 0.042)],
        ))
        fa_len, fa_mass, fa_cf, fa_r = seg("forearm")
        h_len, h_mass, h_cf, h_r = seg("hand")
        f_mass, f_com, f_I = combine([
            (fa_mass, [0, 0, -fa_cf * fa_len], principal(fa_mass, fa_r)),
            (h_mass, [0, 0, -fa_len - h_cf * h_len], principal(h_mass, h_r)),
        ])
        bodies.append(dict(
            name=f"forearm_{side}", parent=f"upper_arm_{side}", mass=f_mass, com=f_com, inertia=f_I,
            source="[deLeva] forearm + hand (wrist fixed), combined with the parallel-axis theorem",
            joint=dict(type="hinge", location=[0, 0, -ua_len], source="[deLeva] upper-arm length",
                       coords=[(f"elbow_flexion_{side}", [0, -1, 0], [0, 150], "flexion +; [AAOS] flexion 150")]),
            geometry=[("capsule", [0, 0, -0.02], [0, 0, -fa_len], 0.036),
                      ("sphere", [0, 0, -fa_len - 0.5 * h_len], 0.045)],
        ))
    return bodies


def emit(planar: bool) -> str:
    name = "runner2d" if planar else "runner3d"
    out = []
    w = out.append
    w(f"# {name}: {'the runner in the sagittal plane' if planar else 'full-body runner with arms'}.")
    w("# GENERATED by models/tools/make_runner_models.py -- edit the script, not this file.")
    w("# Sources (see the script's docstring): [deLeva] de Leva 1996 J Biomech 29:1223, Table 4 male;")
    w("# [Hamner] Hamner, Seth & Delp 2010 generic OpenSim model; [AAOS] Greene & Heckman 1994 joint")
    w("# ranges; [SCONE] SCONE H0918 contact parameters; [chosen] picked by us, reason given.")
    w("# Frames: origin at each body's proximal joint centre; zero pose = standing, arms down,")
    w("# every frame parallel to the world (x forward, y left, z up). Flexion, abduction,")
    w("# internal rotation, dorsiflexion and inversion are positive.")
    w(f"name: {name}")
    w(f"description: {'Sagittal-plane' if planar else 'Full-body 3D'} runner, segment inertia from de Leva 1996")
    w("# Values below are for this reference body; the loader scales masses by body mass and")
    w("# lengths by body height (inertia by mass x height^2).")
    w(f"reference: {{body_mass_kg: {fmt(REFERENCE_MASS_KG)}, body_height_m: {fmt(REFERENCE_HEIGHT_M)}}}")
    w("# Passive joint limits: a spring past the range with damping ramped in over 5 deg.")
    w("# [chosen] 200 N*m/rad stops a joint about 5-10 deg past its range under body-weight loads")
    w("# while keeping the stiffest limit stable at a 1 ms step (lightest body: the forearm).")
    w("limits: {stiffness_nm_per_rad: 200, damping_nms_per_rad: 2, transition_deg: 5}")
    w("# [SCONE] H0918: Hunt-Crossley stiffness 2e6, dissipation 1 s/m, friction 0.9/0.8.")
    w("# Tangential stick spring and damper [chosen]: stiff enough that a standing foot moves")
    w("# < 1 cm under full friction, soft enough to be stable at 1 ms with a 1 kg foot.")
    w("contact: {stiffness_pa: 2000000, dissipation_s_per_m: 1, friction_static: 0.9, friction_dynamic: 0.8,")
    w("          tangential_stiffness_n_per_m: 50000, tangential_damping_ns_per_m: 300}")
    w("bodies:")
    for b in build_bodies(planar):
        w(f"  # {b['source']}")
        w(f"  - name: {b['name']}")
        if "parent" in b:
            w(f"    parent: {b['parent']}")
        w(f"    mass_kg: {fmt(b['mass'])}")
        w(f"    com_m: {fmt(b['com'])}")
        w(f"    inertia_kgm2: {fmt(b['inertia'])}")
        j = b["joint"]
        w("    joint:")
        w(f"      type: {j['type']}")
        if "location" in j:
            w(f"      location_m: {fmt(j['location'])}  # {j['source']}")
        if j.get("coords"):
            w("      coordinates:")
            for cname, axis, rng, note in j["coords"]:
                w(f"        - {{name: {cname}, axis: {fmt(axis)}, range_deg: {fmt(rng)}}}  # {note}")
        w("    geometry:  # for drawing only [chosen]")
        for g in b["geometry"]:
            if g[0] == "capsule":
                w(f"      - capsule: {{from_m: {fmt(g[1])}, to_m: {fmt(g[2])}, radius_m: {fmt(g[3])}}}")
            else:
                w(f"      - sphere: {{center_m: {fmt(g[1])}, radius_m: {fmt(g[2])}}}")
        if b.get("contacts"):
            w("    contacts:")
            for cname, center, radius, note in b["contacts"]:
                w(f"      - {{name: {cname}, center_m: {fmt(center)}, radius_m: {fmt(radius)}}}  # {note}")
    import runner_muscles
    out.extend(runner_muscles.emit_muscles(planar, build_bodies(planar)))
    return "\n".join(out) + "\n"


def main():
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    root = pathlib.Path(__file__).resolve().parents[1]
    for planar in (False, True):
        path = root / ("runner2d.yaml" if planar else "runner3d.yaml")
        path.write_text(emit(planar))
        print("wrote", path)


if __name__ == "__main__":
    main()
