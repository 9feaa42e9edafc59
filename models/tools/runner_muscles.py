"""Muscle sets of runner3d and runner2d, for make_runner_models.py.

Sources (cite these next to the numbers they give):
  [H0918]   SCONE H0918 planar 9-muscle set (REFERENCES.md section 4): F_max, l_opt, l_slack, pennation.
  [SG2015]  Song & Geyer 2015 (nms_MechInit.m): hip abductors and adductors (REFERENCES.md section 4).
  [Hamner]  Hamner, Seth & Delp 2010, FullBodyModel_Hamner2010_v2_0.osim (Delp 1990 lower-limb
            geometry): muscle paths and Thelen 2003 parameters, read from
            ../shared/data/hamner2010-running/ when this script runs.
  [arm26]   OpenSim arm26 model (REFERENCES.md section 4): triceps long 798 N, biceps long 624 N,
            brachialis 987 N.
  [chosen]  Picked by us; the reason is in the comment.

Frames: Hamner's bodies are OpenSim frames (x forward, y up, z right). A point maps to ours by
(x, y, z) -> (x, -z, y), plus the offset between the two models' body origins. Femur points scale
along the long axis by our thigh length over Hamner's femur length (0.396 m: the knee translation
at zero flexion); tibia points by our shank over 0.43 m; pelvis, foot and torso points are used as
they are. Hamner's moving patella points are taken at zero knee flexion; its conditional points
keep their ranges (knee angle sign flipped: OpenSim's knee flexion is negative).

Lumped muscles: where a muscle takes its path from one Hamner muscle but its strength from
[H0918] or [SG2015], its fibre architecture (l_opt and pennation) comes with the path, from that
Hamner muscle, and only F_max from the lumped set. A fibre's normalized excursion over a joint
motion is the path's length change over l_opt, so an l_opt taken from another model's path
(H0918's rectus femoris 0.0759 m against Hamner's 0.114 m) stretches or shortens the fibre by the
ratio of the two: with H0918's l_opt on Hamner's paths, Hamner's running kinematics put the rectus
femoris at up to 1.7 l_opt and twice its F_max of passive force (stop 19, docs/muscles.md).
l_slack is set by the path rule: the fibre has the same normalized length in our standing pose as
that Hamner muscle has with its own l_opt, l_slack and pennation on our path. With the
architecture taken from the same Hamner muscle, the rule returns Hamner's own l_slack.
"""
from __future__ import annotations

import math
import pathlib
import xml.etree.ElementTree as ET

OSIM = pathlib.Path(__file__).resolve().parents[3] / "shared/data/hamner2010-running/FullBodyModel_Hamner2010_v2_0.osim"
HAMNER_FEMUR_M = 0.396   # tibia origin below the hip at zero knee flexion (knee_r translation spline)
HAMNER_TIBIA_M = 0.43    # ankle_r location in the tibia
HAMNER_HIP_MID = (-0.0707, -0.0661, 0.0)     # hip_r location in the pelvis, z set to the midline
HAMNER_BACK = (-0.1007, 0.0815, 0.0)         # back joint location in the pelvis
CALCN_IN_TALUS = (-0.04877, -0.04195, 0.00792)


def _spline_at(func, x0):
    """Hamner's point-location functions, linearly interpolated between their knots (the knots
    are 5-20 deg apart) and held at the ends."""
    if func is None:
        return 0.0
    for node in func.iter():
        tag = node.tag
        if tag == "Constant":
            return float(node.find("value").text)
        if tag in ("SimmSpline", "NaturalCubicSpline", "PiecewiseLinearFunction", "LinearFunction"):
            xs = [float(v) for v in node.find("x").text.split()]
            ys = [float(v) for v in node.find("y").text.split()]
            x0 = min(max(x0, xs[0]), xs[-1])
            for i in range(len(xs) - 1):
                if xs[i] <= x0 <= xs[i + 1]:
                    t = (x0 - xs[i]) / (xs[i + 1] - xs[i])
                    return ys[i] + t * (ys[i + 1] - ys[i])
    raise ValueError("cannot evaluate function")


def read_hamner():
    if not OSIM.exists():
        raise SystemExit(f"needs the Hamner 2010 model at {OSIM} (the project's shared data)")
    root = ET.parse(OSIM).getroot()
    muscles = {}
    for m in root.iter("Thelen2003Muscle"):
        name = m.get("name")
        pts = []
        for pp in m.iter():
            if pp.tag not in ("PathPoint", "ConditionalPathPoint", "MovingPathPoint"):
                continue
            body = pp.find("socket_parent_frame").text.split("/")[-1]
            moving = None
            if pp.tag == "MovingPathPoint":
                funcs = [pp.find(f"{a}_location") for a in "xyz"]
                loc = tuple(_spline_at(f, 0.0) for f in funcs)
                coord = pp.find("socket_x_coordinate").text.split("/")[-1]
                moving = (coord, funcs)
            else:
                loc = tuple(float(v) for v in pp.find("location").text.split())
            cond = None
            if pp.tag == "ConditionalPathPoint":
                lo, hi = (float(v) for v in pp.find("range").text.split())
                coord = pp.find("socket_coordinate").text.split("/")[-1]
                cond = (coord, lo, hi)
            pts.append((body, loc, cond, moving))
        muscles[name] = dict(
            F=float(m.find("max_isometric_force").text), lopt=float(m.find("optimal_fiber_length").text),
            ls=float(m.find("tendon_slack_length").text), pen=float(m.find("pennation_angle_at_optimal").text),
            points=pts)
    return muscles


def read_knee_translation():
    """Hamner's knee translates the tibia with the knee angle (x and y splines in the femur)."""
    root = ET.parse(OSIM).getroot()
    for joint in root.iter("CustomJoint"):
        if joint.get("name") == "knee_r":
            funcs = {}
            for axis in joint.iter("TransformAxis"):
                if axis.get("name") in ("translation1", "translation2"):
                    funcs[axis.get("name")] = axis
            return lambda angle: (_spline_at(funcs["translation1"], angle), _spline_at(funcs["translation2"], angle))
    raise SystemExit("knee_r not found in the Hamner model")


def to_ours(body, p, side_sign, thigh_len, shank_len):
    """Hamner point in `body` -> (our body name without side, point in our frame)."""
    x, y, z = p
    if body == "pelvis":
        x, y, z = x - HAMNER_HIP_MID[0], y - HAMNER_HIP_MID[1], z
        return "pelvis", (x, -z, y)
    if body.startswith("femur"):
        return "thigh", (x, -z, y * thigh_len / HAMNER_FEMUR_M)
    if body.startswith("tibia"):
        return "shank", (x, -z, y * shank_len / HAMNER_TIBIA_M)
    if body.startswith("calcn"):
        x, y, z = x + CALCN_IN_TALUS[0], y + CALCN_IN_TALUS[1], z + CALCN_IN_TALUS[2]
        return "foot", (x, -z, y)
    if body.startswith("talus"):
        return "foot", (x, -z, y)
    if body == "torso":
        dx, dy = HAMNER_BACK[0] - HAMNER_HIP_MID[0], HAMNER_BACK[1] - HAMNER_HIP_MID[1]
        return "torso", (x + dx, -z, y + dy)  # then shifted to our torso origin by the caller
    raise ValueError(body)


def cond_to_ours(cond, side):
    if cond is None:
        return None
    coord, lo, hi = cond
    if coord.startswith("knee_angle"):
        return (f"knee_flexion_{side}", math.degrees(-hi), math.degrees(-lo))
    if coord.startswith("hip_flexion"):
        return (f"hip_flexion_{side}", math.degrees(lo), math.degrees(hi))
    raise ValueError(coord)


def origins(bodies):
    """World position of each body origin in the zero pose."""
    out = {}
    for b in bodies:
        loc = b["joint"].get("location", [0, 0, 0])
        parent = out.get(b.get("parent"), (0.0, 0.0, 0.0))
        out[b["name"]] = tuple(parent[i] + loc[i] for i in range(3))
    return out


def path_length(points, origin_of, active=lambda cond: True):
    world = [tuple(origin_of[pt[0]][i] + pt[1][i] for i in range(3)) for pt in points if active(pt[2])]
    return sum(math.dist(world[i], world[i + 1]) for i in range(len(world) - 1))


def elbow_path_length(points, origin_of, flexion_deg):
    """Path length with the elbow flexed (forearm points rotated about the elbow's -y axis)."""
    phi = math.radians(flexion_deg)
    world = []
    for body, p, cond, _ in points:
        if cond is not None and not (cond[1] <= flexion_deg <= cond[2]):
            continue
        if body.startswith("forearm"):
            # Rotation by phi about -y: (x, z) -> (x cos phi - z sin phi, x sin phi + z cos phi).
            x, y, z = p
            p = (x * math.cos(phi) - z * math.sin(phi), y, x * math.sin(phi) + z * math.cos(phi))
        world.append(tuple(origin_of[body][i] + p[i] for i in range(3)))
    return sum(math.dist(world[i], world[i + 1]) for i in range(len(world) - 1))


def zero_pose_active(cond):
    if cond is None:
        return True
    return cond[1] <= 0.0 <= cond[2]


def fiber_norm(l_mt, lopt, ls, pen):
    along = max(l_mt - ls, 1e-6)
    return math.hypot(along, lopt * math.sin(pen)) / lopt


def slack_for(l_mt, lopt, pen, fiber):
    along = math.sqrt(max((fiber * lopt) ** 2 - (lopt * math.sin(pen)) ** 2, 1e-12))
    return l_mt - along


# Leg muscles: (name, groups, hamner path, parameter source, params or None, note)
# params: (F_max N, l_opt m, l_slack m, pennation rad); l_opt, l_slack and pennation None: the
# architecture of the Hamner muscle whose path is taken, l_slack by the path rule (docstring).
LEG = [
    ("glut_max", ["hip_extensors", "legs"], "glut_max2_r", "[H0918] gluteus maximus F_max; path and architecture [Hamner] glut_max2",
     (1944, None, None, None)),
    ("glut_med_ant", ["hip_abductors", "legs"], "glut_med1_r",
     "[SG2015] hip abductors 3000 N (half here); path and architecture [Hamner] glut_med1 (anterior fibres)",
     (1500, None, None, None)),
    ("glut_med_post", ["hip_abductors", "legs"], "glut_med3_r",
     "[SG2015] hip abductors 3000 N (half here); path and architecture [Hamner] glut_med3 (posterior fibres)",
     (1500, None, None, None)),
    ("adductors", ["hip_adductors", "legs"], "add_mag2_r", "[SG2015] hip adductors 4500 N; path and architecture [Hamner] add_mag2",
     (4500, None, None, None)),
    ("iliopsoas", ["hip_flexors", "legs"], "iliacus_r", "[H0918] iliopsoas F_max; path and architecture [Hamner] iliacus",
     (2186, None, None, None)),
    ("hip_int_rot", ["hip_rotators", "legs"], "glut_min1_r",
     "[Hamner] gluteus minimus 1-3 summed (270+285+323 N), parameters and path of glut_min1 (anterior fibres)",
     (878, 0.068, 0.016, 0.1745)),
    ("hip_ext_rot", ["hip_rotators", "legs"], "peri_r",
     "[Hamner] piriformis + gemelli + quadratus femoris summed (444+164+381 N), parameters and path of piriformis",
     (989, 0.026, 0.115, 0.1745)),
    ("hamstrings", ["hip_extensors", "knee_flexors", "legs"], "semimem_r", "[H0918] hamstrings F_max; path and architecture [Hamner] semimembranosus",
     (2594, None, None, None)),
    ("bifemsh", ["knee_flexors", "legs"], "bifemsh_r", "[H0918] biceps femoris short head F_max; path and architecture [Hamner]",
     (804, None, None, None)),
    ("rect_fem", ["hip_flexors", "knee_extensors", "legs"], "rect_fem_r", "[H0918] rectus femoris F_max; path [Hamner] with its patella points, architecture [Hamner]",
     (1169, None, None, None)),
    ("vasti", ["knee_extensors", "legs"], "vas_int_r", "[H0918] vasti F_max; path [Hamner] vastus intermedius with its patella points, architecture [Hamner]",
     (4530, None, None, None)),
    ("gastroc", ["plantarflexors", "knee_flexors", "legs"], "med_gas_r",
     "[H0918] gastrocnemius F_max; path and architecture [Hamner] medial gastrocnemius, with a [chosen] origin 2 cm above the knee axis",
     (2241, None, None, None)),
    ("soleus", ["plantarflexors", "legs"], "soleus_r", "[H0918] soleus F_max; path and architecture [Hamner]",
     (3549, None, None, None)),
    ("tib_ant", ["dorsiflexors", "legs"], "tib_ant_r", "[H0918] tibialis anterior F_max; path and architecture [Hamner]",
     (1579, None, None, None)),
    ("tib_post", ["invertors", "legs"], "tib_post_r", "[Hamner] tibialis posterior", (1588, 0.031, 0.31, 0.2094)),
    ("peroneus", ["evertors", "legs"], "per_long_r",
     "[Hamner] peroneus longus + brevis summed (943+435 N), parameters and path of peroneus longus",
     (1378, 0.049, 0.345, 0.1745)),
]
PLANAR_LEG = {"glut_max", "iliopsoas", "hamstrings", "bifemsh", "rect_fem", "vasti", "gastroc", "soleus", "tib_ant"}

TRUNK = [
    ("erector_spinae", ["trunk_extensors", "trunk"], "ercspn_r", "[Hamner] erector spinae (2500 N per side)"),
    ("int_oblique", ["trunk_flexors", "trunk"], "intobl_r", "[Hamner] internal oblique (900 N per side)"),
    ("ext_oblique", ["trunk_flexors", "trunk"], "extobl_r", "[Hamner] external oblique (900 N per side)"),
]
PLANAR_TRUNK = {"erector_spinae", "int_oblique"}

# Arm muscles [chosen] geometry for the right arm (y mirrored for the left), points in our frames.
# Shoulder centre in the torso: (0, -0.17, 0.3715); elbow 0.2832 m below it. No running model has
# shoulder muscles (REFERENCES.md section 4); forces are sized so that 3 cm moment arms give well
# over the ±0.3 N·m/kg (shoulder) and ±0.2 N·m/kg (elbow) that running needs, and can hold the
# held-arm postures. l_slack puts each shoulder fibre at l_opt with the arms hanging, and each
# elbow fibre at l_opt at 90 deg of elbow flexion (the running posture).
ARM = [
    ("shoulder_flexor", ["shoulder_flexors", "arms"], 800, 0.10, 0.0,
     [("torso", (0.035, -0.14, 0.41)), ("upper_arm", (0.03, 0.0, -0.12))],
     "anterior deltoid and clavicular pectoralis; [chosen] 800 N"),
    ("shoulder_extensor", ["shoulder_extensors", "arms"], 800, 0.10, 0.0,
     [("torso", (-0.06, -0.14, 0.40)), ("upper_arm", (-0.03, 0.0, -0.12))],
     "posterior deltoid and latissimus; [chosen] 800 N"),
    ("shoulder_abductor", ["shoulder_abductors", "arms"], 800, 0.10, 0.0,
     [("torso", (0.0, -0.165, 0.43)), ("upper_arm", (0.0, -0.035, -0.02)), ("upper_arm", (0.0, -0.02, -0.13))],
     "middle deltoid over the humeral head; [chosen] 800 N"),
    ("shoulder_adductor", ["shoulder_adductors", "arms"], 800, 0.12, 0.0,
     [("torso", (-0.05, -0.06, 0.20)), ("upper_arm", (0.0, 0.015, -0.08))],
     "latissimus and teres major; [chosen] 800 N"),
    ("shoulder_int_rot", ["shoulder_rotators", "arms"], 600, 0.08, 0.0,
     [("torso", (-0.04, -0.09, 0.35)), ("upper_arm", (0.04, -0.01, -0.03))],
     "subscapularis to the lesser tubercle (anterior); [chosen] 600 N"),
    ("shoulder_ext_rot", ["shoulder_rotators", "arms"], 600, 0.08, 0.0,
     [("torso", (-0.09, -0.10, 0.34)), ("upper_arm", (-0.04, -0.01, -0.03))],
     "infraspinatus to the greater tubercle (posterior); [chosen] 600 N"),
    ("elbow_flexor", ["elbow_flexors", "arms"], 1611, 0.1157, 0.0,
     [("upper_arm", (0.02, 0.0, -0.08)), ("forearm", (0.025, 0.0, -0.045))],
     "[arm26] biceps long head 624 N + brachialis 987 N, biceps l_opt 0.1157 m"),
    ("elbow_extensor", ["elbow_extensors", "arms"], 2046, 0.1138, 0.0,
     [("upper_arm", (-0.02, 0.0, -0.06)), ("upper_arm", (-0.03, 0.0, -0.27), ("elbow_flexion", 40, 180)),
      ("forearm", (-0.025, 0.0, 0.02))],
     "[arm26] triceps long 798 N + lateral 624 N + medial 624 N, lateral l_opt 0.1138 m; olecranon via point [chosen] behind the flexed elbow"),
]
PLANAR_ARM = {"shoulder_flexor", "shoulder_extensor", "elbow_flexor", "elbow_extensor"}

# Fatigue parameters per group (REFERENCES.md section 7): F, R in 1/s; r.
FATIGUE = {
    "all": (0.01, 0.001, 15.0, "[chosen] mid-range of Frey-Law 2012 (F 0.00589-0.0182, R 0.00058-0.00168); r Looft 2018"),
    "knee_extensors": (0.00825, 0.00076, 14.85, "Rakshit et al. 2021 knee extensors (REFERENCES.md: verify)"),
    "plantarflexors": (0.00695, 0.00096, 15.0, "Rakshit et al. 2021 plantarflexors; r Looft 2018"),
    "dorsiflexors": (0.00589, 0.00058, 15.0, "Frey-Law 2012 ankle"),
    "invertors": (0.00589, 0.00058, 15.0, "Frey-Law 2012 ankle"),
    "evertors": (0.00589, 0.00058, 15.0, "Frey-Law 2012 ankle"),
    "arms": (0.0182, 0.00168, 15.0, "Frey-Law 2012 shoulder"),
}
GROUP_ORDER = ["hip_extensors", "hip_flexors", "hip_abductors", "hip_adductors", "hip_rotators", "knee_extensors",
               "knee_flexors", "plantarflexors", "dorsiflexors", "invertors", "evertors", "trunk_extensors",
               "trunk_flexors", "shoulder_flexors", "shoulder_extensors", "shoulder_abductors", "shoulder_adductors",
               "shoulder_rotators", "elbow_flexors", "elbow_extensors", "legs", "trunk", "arms"]


THIGH_LENGTH = [0.0]  # set by emit_muscles


def adjust_path(name, side, pts):
    """Our changes to Hamner's paths, each [chosen], where a straight path flips the moment-arm
    sign inside our joint ranges (tests/muscle/test_runner_muscles.cpp checks the signs)."""
    if name == "gastroc":
        # Our hinge knee puts Hamner's gastrocnemius origin 3 mm above the knee axis, and past
        # about 75 deg of knee flexion the straight line from there to the calcaneus crosses in
        # front of it. The origin is moved 2 cm above the axis and 2 cm behind it, on the back of
        # the femur above the condyles, where the medial head arises: the path stays straight,
        # with knee flexion moment arms of 2.1-2.8 cm from 0 to 75 deg, 1.2 cm at 105 deg and
        # 0.5 cm at 120 deg (ankle at 0). Hamner's posterior-condyle point is dropped. Until
        # stop 21 a conditional via point 3 cm above the knee, active from 45 deg, lengthened the
        # path by 4-6 cm at once when it switched on, and the tendon pulled up to 11 kN in every
        # swing (docs/muscles.md); no conditional point is used here, so the length is continuous.
        insertion = pts[-1]
        assert pts[0][0].startswith("thigh") and insertion[0].startswith("foot"), pts
        origin = (pts[0][0], (-0.02, pts[0][1][1], -THIGH_LENGTH[0] + 0.02), None, None)
        return [origin, insertion]
    return pts


# [chosen] Conditional points that switch on or off away from the straight path make the path
# length jump (tests/muscle/test_runner_muscles.cpp, LengthsAreContinuousOverEveryCoordinatesRange).
# These are turned into moving points over the coordinate that switches them: on the segment
# between their neighbours where Hamner has them off, at their place where on, and sliding from
# one to the other over SWITCH_BAND_DEG centred on the switching angle.
SMOOTHED = {"iliopsoas", "vasti", "rect_fem"}
SWITCH_BAND_DEG = 10.0


def rotate_xz(p, centre, angle, sense):
    """p turned about the y axis through `centre` by `angle`; sense +1 turns -z toward +x (hip
    flexion), -1 turns -z toward -x (knee flexion)."""
    x, z = p[0] - centre[0], p[2] - centre[2]
    c, s = math.cos(angle), math.sin(angle) * sense
    return (centre[0] + c * x - s * z, p[1], centre[2] + s * x + c * z)


def table_at(table, angle_deg):
    _, angles, rows = table[:3]
    if angle_deg <= angles[0]:
        return rows[0]
    for i in range(len(angles) - 1):
        if angle_deg <= angles[i + 1]:
            t = (angle_deg - angles[i]) / (angles[i + 1] - angles[i])
            return tuple(rows[i][k] + t * (rows[i + 1][k] - rows[i][k]) for k in range(3))
    return rows[-1]


def smooth_conditional(pts, origin_of, coordinate_range):
    """pts with each conditional point replaced by a moving point (see SMOOTHED). The neighbours
    are placed in the conditional point's body frame at each angle of its coordinate, with the
    other coordinates at zero."""
    out = list(pts)
    for i, (body, p, cond, table) in enumerate(pts):
        if cond is None:
            continue
        coord, lo, hi = cond
        joint_child = "shank" if coord.startswith("knee") else "thigh"
        side = coord[-1]
        child = f"{joint_child}_{side}"
        centre = tuple(origin_of[child][k] - origin_of[body][k] for k in range(3))
        sense = -1.0 if joint_child == "shank" else 1.0
        c_lo, c_hi = coordinate_range
        switch = hi if lo <= c_lo else lo  # the end of the active range inside the joint's range
        active_below = lo <= c_lo

        def neighbour(j, angle_deg):
            nb, np_, _, ntable = pts[j]
            q = table_at(ntable, angle_deg) if ntable is not None else np_
            q = tuple(origin_of[nb][k] - origin_of[body][k] + q[k] for k in range(3))
            if nb == child:
                q = rotate_xz(q, centre, math.radians(angle_deg), sense)
            return q

        angles, rows = [], []
        angle = c_lo
        while angle <= c_hi + 1e-9:
            a, b = neighbour(i - 1, angle), neighbour(i + 1, angle)
            ab = tuple(b[k] - a[k] for k in range(3))
            t = sum((p[k] - a[k]) * ab[k] for k in range(3)) / sum(v * v for v in ab)
            # Kept off the ends: a zero-length segment has no direction, and the engine would
            # count only one side of the point's slide in the moment arm.
            on_line = tuple(a[k] + min(max(t, 0.02), 0.98) * ab[k] for k in range(3))
            into_active = (switch - angle) if active_below else (angle - switch)
            w = min(max(into_active / SWITCH_BAND_DEG + 0.5, 0.0), 1.0)
            rows.append(tuple(on_line[k] + w * (p[k] - on_line[k]) for k in range(3)))
            angles.append(round(angle, 6))
            angle += 2.5
        out[i] = (body, rows[0], None, (coord, angles, rows,
                  f"[chosen] Hamner's conditional point, switched on over {SWITCH_BAND_DEG:g} deg about {switch:g} deg, every 2.5 deg"))
    return out


def fmt(v):
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(fmt(x) for x in v) + "]"
    r = round(v, 6)
    return "0" if r == 0 else repr(r)


# Passive fibre strain e0 (the fibre strain at which the passive force reaches F_max; De Groote
# 2016's curve, 0.6 by default) per muscle where the default makes the relaxed muscles' passive
# joint moments far larger than people's. [RE1999] Riener & Edrich (1999, J Biomech 32:539)
# measured the passive elastic moments of the hip and knee of ten relaxed subjects and fitted
# double-exponential expressions in the hip, knee and ankle angles. With e0 = 0.6 everywhere the
# relaxed runner3d's passive knee and hip flexion moments miss those expressions by 29 N*m RMS
# over hip -10..60 deg and knee 10..110 deg (ankle neutral): the vasti and rectus femoris hold
# 35-60 N*m of knee extension at 70-90 deg of knee flexion, where people have 4-7. The values
# below were fitted on that grid (coordinate descent over e0 in 0.6-3.0, runner3d at 70 kg,
# 1.75 m; tests/muscle/test_runner_muscles.cpp checks the result): 4.2 N*m RMS. Muscles at 3.0
# (the loader's upper bound) have nearly no passive fibre force in the range; the rest of the
# measured moment is ligament and capsule, which the model does not have.
PASSIVE_FIBER_STRAIN = {
    "vasti": 3.0, "hamstrings": 3.0, "adductors": 3.0, "glut_med_post": 3.0, "hip_ext_rot": 3.0,
    "bifemsh": 1.2, "rect_fem": 1.0, "hip_int_rot": 1.0,
}


def emit_muscles(planar, bodies):
    hamner = read_hamner()
    knee_translation = read_knee_translation()
    origin_of = origins(bodies)
    range_of = {c[0]: c[2] for b in bodies for c in b["joint"].get("coords", [])}
    by_name = {b["name"]: b for b in bodies}
    thigh_len = -by_name["shank_r"]["joint"]["location"][2]
    THIGH_LENGTH[0] = thigh_len
    shank_len = -by_name["foot_r"]["joint"]["location"][2]
    torso_origin_z = by_name["torso"]["joint"]["location"][2]
    lines = ["# Muscles: Hill-type units with De Groote 2016 curves (engine/muscle). Sources in",
             "# models/tools/runner_muscles.py: [H0918] SCONE H0918 planar set, [SG2015] Song & Geyer 2015,",
             "# [Hamner] Hamner 2010 OpenSim model (paths and Thelen parameters), [arm26] OpenSim arm26,",
             "# [chosen] ours. F_max scales with (body mass / 70 kg)^(2/3); lengths with height.",
             "muscle_defaults: {activation_time_s: 0.01, deactivation_time_s: 0.04, max_contraction_velocity_lopt_per_s: 10,",
             "                  tendon_strain_at_max_force: 0.049, fiber_damping: 0.1, slow_twitch_fraction: 0.5}",
             "# REFERENCES.md section 5: activation 10 ms / deactivation 40 ms (OpenSim, SCONE); v_max 10 l_opt/s and",
             "# tendon strain 0.049 (De Groote 2016); fibre damping 0.1 (Millard 2013).",
             "muscle_groups:"]
    used = set()
    muscles = []

    def add(name, groups, points, F, lopt, ls, pen, note):
        used.update(groups)
        muscles.append((name, groups, points, F, lopt, ls, pen, note))

    for side, sy in (("r", 1.0), ("l", -1.0)):
        for name, groups, src, note, (F, lopt, ls, pen) in LEG:
            if planar and name not in PLANAR_LEG:
                continue
            h = hamner[src]
            pts = []
            for body, p, cond, moving in h["points"]:
                ob, q = to_ours(body, p, sy, thigh_len, shank_len)
                table = None
                if moving is not None:
                    # Our knee flexion φ is OpenSim's knee angle −φ; sampled every 2.5–10 deg.
                    # Our knee is a hinge; Hamner's tibia also translates (T(θ)) in the femur. The
                    # point is re-expressed in our shank frame so that it sits where Hamner puts it
                    # relative to the femur: p + R(θ)ᵀ·(T(θ) − T(0)), with R a rotation by θ about z.
                    assert moving[0].startswith("knee_angle"), moving[0]
                    angles = [0, 2.5, 5, 7.5, 10, 15, 20, 25, 30] + list(range(40, 151, 10))
                    rows = []
                    t0 = knee_translation(0.0)
                    for phi in angles:
                        theta = -math.radians(phi)
                        hp = [_spline_at(f, theta) for f in moving[1]]
                        t = knee_translation(theta)
                        dx, dy = t[0] - t0[0], t[1] - t0[1]
                        hp[0] += dx * math.cos(theta) + dy * math.sin(theta)
                        hp[1] += -dx * math.sin(theta) + dy * math.cos(theta)
                        _, hq = to_ours(body, tuple(hp), sy, thigh_len, shank_len)
                        rows.append((hq[0], sy * hq[1], hq[2]))
                    table = (f"knee_flexion_{side}", angles, rows)
                pts.append((f"{ob}_{side}" if ob != "pelvis" else "pelvis", (q[0], sy * q[1], q[2]),
                            cond_to_ours(cond, side), table))
            hamner_path = pts
            pts = adjust_path(name, side, pts)
            if name in SMOOTHED:
                coordinate = next(c[0] for _, _, c, _ in pts if c is not None)
                pts = smooth_conditional(pts, origin_of, range_of[coordinate])
            if lopt is None:
                lopt, pen = h["lopt"], h["pen"]
            if ls is None:
                # The fibre's normalized length standing is that of the Hamner muscle on its own
                # path; our changed path (adjust_path) takes up the difference in l_slack.
                fiber = fiber_norm(path_length(hamner_path, origin_of, zero_pose_active), h["lopt"], h["ls"], h["pen"])
                ls = slack_for(path_length(pts, origin_of, zero_pose_active), lopt, pen, fiber)
                note += f"; l_slack from the path rule (Hamner fibre {fiber:.3f} l_opt standing)"
            add(f"{name}_{side}", groups, pts, F, lopt, ls, pen, note)
        for name, groups, src, note in TRUNK:
            if planar and name not in PLANAR_TRUNK:
                continue
            h = hamner[src]
            pts = []
            for body, p, cond, _ in h["points"]:
                ob, q = to_ours(body, p, sy, thigh_len, shank_len)
                if ob == "torso":
                    q = (q[0], q[1], q[2] - torso_origin_z)
                pts.append((ob, (q[0], sy * q[1], q[2]), None, None))
            add(f"{name}_{side}", groups, pts, h["F"], h["lopt"], h["ls"], h["pen"], note)
        for name, groups, F, lopt, pen, raw, note in ARM:
            if planar and name not in PLANAR_ARM:
                continue
            pts = []
            for entry in raw:
                body, p = entry[0], entry[1]
                cond = None
                if len(entry) > 2:
                    cond = (f"{entry[2][0]}_{side}", entry[2][1], entry[2][2])
                ob = body if body == "torso" else f"{body}_{side}"
                pts.append((ob, (p[0], sy * p[1], p[2]), cond, None))
            if name.startswith("elbow"):
                # Elbow muscles are at l_opt with the elbow at 90 deg, the running arm posture.
                l_mt = elbow_path_length(pts, origin_of, 90.0)
                note += "; l_slack puts the fibre at l_opt at 90 deg of elbow flexion"
            else:
                l_mt = path_length(pts, origin_of, zero_pose_active)
            ls = slack_for(l_mt, lopt, pen, 1.0)
            add(f"{name}_{side}", groups, pts, F, lopt, ls, pen, note)

    for g in ["all"] + [g for g in GROUP_ORDER if g in used]:
        if g in FATIGUE:
            F, R, r, src = FATIGUE[g]
            lines.append(f"  - {{name: {g}, fatigue_rate_per_s: {F}, recovery_rate_per_s: {R}, rest_recovery_multiplier: {r}}}  # {src}")
        else:
            lines.append(f"  - {{name: {g}}}")
    lines.append("muscles:")
    for name, groups, pts, F, lopt, ls, pen, note in muscles:
        lines.append(f"  # {note}")
        lines.append(f"  - name: {name}")
        lines.append(f"    groups: [{', '.join(groups)}]")
        lines.append(f"    max_isometric_force_n: {fmt(F)}")
        lines.append(f"    optimal_fiber_length_m: {fmt(lopt)}")
        lines.append(f"    tendon_slack_length_m: {fmt(ls)}")
        lines.append(f"    pennation_at_optimal_deg: {fmt(math.degrees(pen))}")
        base = name.rsplit("_", 1)[0]
        if base in PASSIVE_FIBER_STRAIN:
            lines.append(f"    passive_fiber_strain: {fmt(PASSIVE_FIBER_STRAIN[base])}  # [RE1999] fit, see PASSIVE_FIBER_STRAIN")
        lines.append("    path:")
        for body, p, cond, table in pts:
            if table is not None:
                lines.append(f"      - body: {body}")
                note = table[3] if len(table) > 3 else "[Hamner] moving patella point, sampled every 2.5-10 deg"
                lines.append(f"        moves_with:  # {note}")
                lines.append(f"          coordinate: {table[0]}")
                lines.append(f"          angles_deg: {fmt(table[1])}")
                lines.append(f"          points_m: {fmt(table[2])}")
            elif cond is None:
                lines.append(f"      - {{body: {body}, point_m: {fmt(p)}}}")
            else:
                lines.append(f"      - {{body: {body}, point_m: {fmt(p)}, active_when: {{coordinate: {cond[0]}, "
                             f"range_deg: {fmt([cond[1], cond[2]])}}}}}")
    return lines
