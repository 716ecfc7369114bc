#!/usr/bin/env python3
"""The expected values of tests/law_questions.rs::kaplan_allocation_judged_by_chinchilla,
derived from the papers' formulas alone (no isoflop code), in double precision.

Kaplan et al. 2020, App. A: N_opt = 1.3e9 * C_min^0.73 with C_min in PF-days (8.64e19 FLOPs),
read with C = 2 * C_min (Hoffmann et al. 2022, App. D.4); D = C / (6 N).
Hoffmann et al. 2022, Eq. 2 with the printed Approach-3 fit (App. D.2):
L = E + A / N^alpha + B / D^beta, E = 1.69, A = 406.4, B = 410.7, alpha = 0.34, beta = 0.28;
its optimum under C = 6ND (Eq. 4): N_opt = G (C/6)^a, D_opt = G^-1 (C/6)^b,
G = (alpha A / (beta B))^(1 / (alpha + beta)), a = beta / (alpha + beta), b = alpha / (alpha + beta).

Run: python3 tests/derivations/kaplan_judged.py
"""
import math

PF_DAY = 8.64e19
E, A, B, ALPHA, BETA = 1.69, 406.4, 410.7, 0.34, 0.28


def loss(n, d):
    return E + A / n**ALPHA + B / d**BETA


def optimal(c):
    g = (ALPHA * A / (BETA * B)) ** (1 / (ALPHA + BETA))
    a, b = BETA / (ALPHA + BETA), ALPHA / (ALPHA + BETA)
    return g * (c / 6) ** a, (c / 6) ** b / g


def optimal_loss(c):
    return loss(*optimal(c))


def budget_for_loss(target):
    """The C at which the optimum's loss is `target` (the optimal loss falls with C): bisection
    in ln C to the last bit."""
    lo, hi = math.log(1e10), math.log(1e35)
    for _ in range(200):
        mid = (lo + hi) / 2
        if optimal_loss(math.exp(mid)) > target:
            lo = mid
        else:
            hi = mid
    return math.exp((lo + hi) / 2)


c = 5.76e23
n_k = 1.3e9 * (c / (2 * PF_DAY)) ** 0.73
d_k = c / (6 * n_k)
l_k = loss(n_k, d_k)
l_opt = optimal_loss(c)
c_eq = budget_for_loss(l_k)
print(f"Kaplan at {c:g}: N = {n_k!r}")
print(f"loss under Approach 3 = {l_k!r}; optimum's = {l_opt!r}; penalty = {l_k - l_opt!r}")
print(f"equivalent FLOPs = {c_eq!r}; wasted fraction = {1 - c_eq / c!r}")
l_chin = loss(70e9, 1.4e12)
print(f"Chinchilla 70B x 1.4T: loss = {l_chin!r}; compute efficiency = {budget_for_loss(l_chin) / (6 * 70e9 * 1.4e12)!r}")
