#!/usr/bin/env python3
"""The scipy baseline for `make bench`: the paper's Approach-3 protocol with
scipy.optimize.minimize(method="L-BFGS-B") and the analytic gradient.

Objective (Hoffmann et al. 2022, Eq. 11; the same definition as src/fit/numerics/objective.rs):
    sum_i Huber_delta( LSE(a - alpha*ln N_i, b - beta*ln D_i, e) - ln L_i ),  delta = 1e-3,
with Huber(r) = r^2/2 for |r| <= delta, delta*(|r| - delta/2) otherwise, minimised from the
paper's 4500 starts alpha, beta in {0, 0.5, .., 2}, e in {-1, -0.5, .., 1}, a, b in {0, 5, .., 25}
(or every `--stride`-th of them, in the same order as src/fit/approaches/approach3/mod.rs::paper_start).

    bench_scipy.py --data FILE [--drop-highest 5] [--stride K]   -> one JSON object on stdout
    bench_scipy.py --synthetic OUT                                -> writes a synthetic data set

The synthetic mode uses only the standard library, so it works before scipy is installed.
"""

import argparse
import csv
import json
import math
import random
import sys
import time

DELTA = 1e-3
PAPER_STARTS = 4500


def paper_start(k):
    """Start k of 4500 as [a, b, e, alpha, beta], in the order of approach3.rs::paper_start."""
    k, ib = divmod(k, 6)
    k, ia = divmod(k, 6)
    k, ie = divmod(k, 5)
    k, ibeta = divmod(k, 5)
    ialpha = k % 5
    return [5.0 * ia, 5.0 * ib, -1.0 + 0.5 * ie, 0.5 * ialpha, 0.5 * ibeta]


def column(headers, *names):
    low = [h.strip().lower() for h in headers]
    for name in names:
        if name in low:
            return low.index(name)
    raise SystemExit(f"bench_scipy: no column among {names} in {headers}")


def read_runs(path, drop_highest):
    """(N, D, L) per row; D = C/(6N) when only C is given; the k highest losses left out."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    headers, body = rows[0], [r for r in rows[1:] if r and not r[0].startswith("#")]
    i_n = column(headers, "model size", "params", "n")
    i_c = column(headers, "training flop", "flops", "c")
    i_l = column(headers, "loss")
    runs = []
    for r in body:
        n, c, loss = float(r[i_n]), float(r[i_c]), float(r[i_l])
        runs.append((n, c / (6.0 * n), loss))
    # Highest loss first; ties keep the earlier row (as Dataset::drop_highest_loss).
    order = sorted(range(len(runs)), key=lambda i: (-runs[i][2], i))
    dropped = set(order[:drop_highest])
    return [r for i, r in enumerate(runs) if i not in dropped]


def write_synthetic(out):
    """245 runs shaped like Epoch's extraction of Chinchilla Fig. 4: nine compute budgets from
    6e18 to 3e21 FLOPs, N from 4e7 to 1.6e10, loss from a known law (Epoch's refit) with 1 %
    seeded log-normal noise."""
    rng = random.Random(2022)
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Model Size", "Training FLOP", "loss"])
        for i in range(245):
            c = 6e18 * 500 ** ((i % 9) / 8)
            n = 4e7 * 400 ** rng.random()
            d = c / (6 * n)
            loss = (1.82 + 482.0 / n**0.348 + 2085.0 / d**0.366) * math.exp(0.01 * rng.gauss(0, 1))
            w.writerow([repr(n), repr(c), repr(loss)])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data")
    ap.add_argument("--drop-highest", type=int, default=5)
    ap.add_argument("--stride", type=int, default=1)
    ap.add_argument("--synthetic")
    args = ap.parse_args()
    if args.synthetic:
        write_synthetic(args.synthetic)
        return
    if not args.data:
        ap.error("--data FILE is required")

    import numpy as np
    import scipy
    from scipy.optimize import minimize

    runs = read_runs(args.data, args.drop_highest)
    ln_n = np.log(np.array([r[0] for r in runs]))
    ln_d = np.log(np.array([r[1] for r in runs]))
    ln_l = np.log(np.array([r[2] for r in runs]))

    def objective(theta):
        a, b, e, alpha, beta = theta
        u = np.stack([a - alpha * ln_n, b - beta * ln_d, np.full_like(ln_n, e)])
        m = u.max(axis=0)
        ex = np.exp(u - m)
        s = ex.sum(axis=0)
        p = ex / s
        r = m + np.log(s) - ln_l
        absr = np.abs(r)
        f = np.where(absr <= DELTA, 0.5 * r * r, DELTA * (absr - 0.5 * DELTA)).sum()
        h = np.clip(r, -DELTA, DELTA)
        g = np.array(
            [
                (h * p[0]).sum(),
                (h * p[1]).sum(),
                (h * p[2]).sum(),
                -(h * p[0] * ln_n).sum(),
                -(h * p[1] * ln_d).sum(),
            ]
        )
        return f, g

    stride = max(1, args.stride)
    starts = list(range(0, PAPER_STARTS, stride))
    best = None
    evaluations = 0
    t0 = time.perf_counter()
    for k in starts:
        res = minimize(objective, paper_start(k), jac=True, method="L-BFGS-B")
        evaluations += res.nfev
        if np.isfinite(res.fun) and (best is None or res.fun < best.fun):
            best = res
    ms = (time.perf_counter() - t0) * 1e3

    # Per-function baselines for the criterion benches (same theta and start as hot_math.rs).
    theta = np.array([6.17, 7.66, 0.597, 0.348, 0.366])
    reps = 2000
    t1 = time.perf_counter()
    for _ in range(reps):
        objective(theta)
    objective_us = (time.perf_counter() - t1) / reps * 1e6
    one_reps = 20
    t1 = time.perf_counter()
    for _ in range(one_reps):
        minimize(objective, [5.0, 5.0, 0.5, 0.5, 0.5], jac=True, method="L-BFGS-B")
    one_start_ms = (time.perf_counter() - t1) / one_reps * 1e3

    a, b, e, alpha, beta = best.x
    json.dump(
        {
            "n_points": len(runs),
            "starts": len(starts),
            "stride": stride,
            "ms": ms,
            "evaluations": int(evaluations),
            "objective_us": objective_us,
            "one_start_ms": one_start_ms,
            "scipy": scipy.__version__,
            "numpy": np.__version__,
            "best": {
                "A": math.exp(a),
                "B": math.exp(b),
                "E": math.exp(e),
                "alpha": alpha,
                "beta": beta,
                "objective": float(best.fun),
            },
        },
        sys.stdout,
    )
    print()


if __name__ == "__main__":
    main()
