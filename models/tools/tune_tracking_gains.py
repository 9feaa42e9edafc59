#!/usr/bin/env python3
"""CMA-ES search over the tracking controller's gains (a development aid).

Until `strider optimize` exists (the optimization issue), this script tunes the `tracking.*`
gains of a scenario by running `strider run` processes. It is how the numbers in
docs/controller.md ("Gain search") were found. Requires numpy and h5py (/usr/bin/python3).

  /usr/bin/python3 models/tools/tune_tracking_gains.py SCENARIO.yaml OUT.json \\
      [--generations 200] [--duration 4] [--strider build/release/bin/strider] [key=value ...]

The search is in log space around the start values (OUT.json.start.json, if present, else the
defaults below), CMA-ES after Hansen's tutorial (arXiv:1604.00772): weighted recombination,
cumulative step-size adaptation, rank-one and rank-mu covariance updates. Fitness, minimized:

  -(distance covered, capped at 1.05 x target speed x time, / target speed + 0.3 x time survived)
   / (1 + 0.3 x P),   P = 3 |cadence/170 - 1| + max(0, 2.3 - vGRF peak)/2.3 + |duty - 0.35|/0.35

so a longer run at the target speed scores better and a gait unlike running is discounted. OUT.json
gets the best gains after every generation; give them back with `tracking.<gain>=<value>`.
"""
import argparse, concurrent.futures, json, math, os, subprocess, sys, tempfile

import h5py
import numpy as np

GAINS = dict(hip_kp=3, hip_kd=0.3, knee_kp=2, knee_kd=0.2, ankle_kp=1, ankle_kd=0.05, stance_knee_kp=5,
             stance_knee_kd=0.3, stance_ankle_kp=4, stance_ankle_kd=0.3, trunk_kp=5, trunk_kd=0.5, pelvis_kp=8,
             pelvis_kd=0.8, placement_distance=0.4, placement_speed=0.15, feedforward_scale=1.0, torque_limit=3.0,
             hold_torque_limit=3.0, support_scale=1.0, support_stiffness=1.0, support_damping=0.1,
             support_thrust=0.02, support_speed=1.0)


def evaluate(strider, scenario, duration, extra, names, x, folder, index, speed=3.5):
    path = os.path.join(folder, f"eval_{index}.h5")
    cmd = [strider, "run", scenario, "-o", path, f"duration_s={duration}"] + extra + \
          [f"tracking.{k}={math.exp(v):.6g}" for k, v in zip(names, x)]
    if subprocess.run(cmd, capture_output=True).returncode not in (0, 1):
        return 1e3, {}
    with h5py.File(path, "r") as f:
        a = f["/summary"].attrs
        time = float(f["/summary/end_time_s"][()])
        distance = float(a["distance_m"])
        cadence, duty, peak = (float(a[k]) for k in ("cadence_spm", "duty_factor", "vgrf_active_peak_bw"))
    penalty = 3 * abs(cadence / 170 - 1) + max(0.0, 2.3 - peak) / 2.3 + abs(duty - 0.35) / 0.35
    if not np.isfinite(penalty):
        penalty = 4.0
    reward = min(distance, 1.05 * speed * time) / speed + 0.3 * time
    return -reward / (1 + 0.3 * penalty), dict(time=time, speed=distance / max(time, 1e-3), cadence=cadence,
                                               vgrf=peak, duty=duty)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("scenario"); p.add_argument("out")
    p.add_argument("--generations", type=int, default=200); p.add_argument("--duration", type=float, default=4.0)
    p.add_argument("--strider", default="build/release/bin/strider"); p.add_argument("--sigma", type=float, default=0.4)
    p.add_argument("--workers", type=int, default=2); p.add_argument("--seed", type=int, default=1)
    p.add_argument("overrides", nargs="*")
    args = p.parse_args()
    start = dict(GAINS)
    if os.path.exists(args.out + ".start.json"):
        start.update(json.load(open(args.out + ".start.json")))
    names = list(start)
    n = len(names)
    mean = np.log(np.array([start[k] for k in names], dtype=float))
    sigma, lam = args.sigma, 4 + int(3 * math.log(n))
    mu = lam // 2
    w = np.log(mu + 0.5) - np.log(np.arange(1, mu + 1)); w /= w.sum()
    mueff = 1 / (w ** 2).sum()
    cc = (4 + mueff / n) / (n + 4 + 2 * mueff / n); cs = (mueff + 2) / (n + mueff + 5)
    c1 = 2 / ((n + 1.3) ** 2 + mueff); cmu = min(1 - c1, 2 * (mueff - 2 + 1 / mueff) / ((n + 2) ** 2 + mueff))
    damps = 1 + 2 * max(0, math.sqrt((mueff - 1) / (n + 1)) - 1) + cs
    pc, ps, C = np.zeros(n), np.zeros(n), np.eye(n)
    chi_n = math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n))
    rng = np.random.default_rng(args.seed)
    best = (math.inf, None, None)
    with tempfile.TemporaryDirectory() as folder, concurrent.futures.ThreadPoolExecutor(args.workers) as pool:
        for gen in range(args.generations):
            values, vectors = np.linalg.eigh(C)
            D = np.sqrt(np.maximum(values, 1e-20))
            z = rng.standard_normal((lam, n)); y = z @ (vectors * D).T; xs = mean + sigma * y
            results = list(pool.map(lambda i: evaluate(args.strider, args.scenario, args.duration, args.overrides,
                                                        names, xs[i], folder, i), range(lam)))
            f = np.array([r[0] for r in results]); order = np.argsort(f)
            if f[order[0]] < best[0]:
                best = (f[order[0]], xs[order[0]].copy(), results[order[0]][1])
                json.dump({k: float(math.exp(v)) for k, v in zip(names, best[1])}, open(args.out, "w"), indent=1)
            yw = (w[:, None] * y[order[:mu]]).sum(0)
            mean = mean + sigma * yw
            inv_sqrt = vectors @ np.diag(1 / D) @ vectors.T
            ps = (1 - cs) * ps + math.sqrt(cs * (2 - cs) * mueff) * inv_sqrt @ yw
            hs = np.linalg.norm(ps) / math.sqrt(1 - (1 - cs) ** (2 * (gen + 1))) / chi_n < 1.4 + 2 / (n + 1)
            pc = (1 - cc) * pc + hs * math.sqrt(cc * (2 - cc) * mueff) * yw
            rank_mu = sum(wi * np.outer(yi, yi) for wi, yi in zip(w, y[order[:mu]]))
            C = (1 - c1 - cmu) * C + c1 * (np.outer(pc, pc) + (1 - hs) * cc * (2 - cc) * C) + cmu * rank_mu
            sigma *= math.exp((cs / damps) * (np.linalg.norm(ps) / chi_n - 1))
            print(f"generation {gen}: best {f[order[0]]:.3f} {results[order[0]][1]}, overall {best[0]:.3f}, "
                  f"sigma {sigma:.3f}", flush=True)
    print(f"best gains in {args.out}: {best[2]}")


if __name__ == "__main__":
    sys.exit(main())
