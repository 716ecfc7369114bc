//! The counting model against independent numbers: the printed test vectors of a numpy
//! recomputation of Pearce & Song's closed form (ω = 47 491), and a brute-force minimisation of
//! the loss along the iso-compute curve written here from the definitions alone.

use super::*;
use crate::law::Law;

/// Epoch AI's refit (Besiroglu et al. 2024, arXiv:2404.10102), the `epoch2024` preset.
fn epoch() -> LossParams {
    match Law::epoch2024().loss_model {
        Some(LossModel::Parametric(p)) => p,
        _ => unreachable!("epoch2024 is parametric"),
    }
}

/// Pearce & Song's `chin` specification (their analysis script): Chinchilla's unrounded
/// coefficients cut to four decimals, A 406.4, B 410.7, α 0.3392, β 0.2849, E 1.6934.
const PEARCE_CHIN: LossParams = LossParams {
    e: 1.6934,
    a: 406.4,
    b: 410.7,
    alpha: 0.3392,
    beta: 0.2849,
};

/// L(N_T, D) on the iso-compute curve C_\E = 6·N·D, written from the definitions only.
fn loss_on_curve(p: &LossParams, omega: f64, c: f64, ln_n: f64) -> f64 {
    let n = ln_n.exp();
    let n_total = n + omega * n.cbrt();
    let d = c / (6.0 * n);
    p.e + p.a / n_total.powf(p.alpha) + p.b / d.powf(p.beta)
}

/// The global minimiser ln N of [`loss_on_curve`]: a scan of ln N over [−30, 60] in steps of
/// 0.005, then golden-section search around the best grid point.
fn brute_force_ln_n(p: &LossParams, omega: f64, c: f64) -> f64 {
    let f = |t: f64| loss_on_curve(p, omega, c, t);
    let (mut best_t, mut best) = (-30.0, f64::INFINITY);
    let mut t = -30.0;
    while t <= 60.0 {
        let v = f(t);
        if v < best {
            (best_t, best) = (t, v);
        }
        t += 0.005;
    }
    let (mut lo, mut hi) = (best_t - 0.005, best_t + 0.005);
    let r = 0.5 * (5f64.sqrt() - 1.0);
    for _ in 0..100 {
        let (x1, x2) = (hi - r * (hi - lo), lo + r * (hi - lo));
        if f(x1) < f(x2) {
            hi = x2;
        } else {
            lo = x1;
        }
    }
    0.5 * (lo + hi)
}

/// |x − printed| within half a unit of the last printed digit, `digits` significant figures.
fn matches_printed(x: f64, printed: f64, digits: i32) -> bool {
    let unit = 10f64.powi(printed.abs().log10().floor() as i32 - (digits - 1));
    (x - printed).abs() <= 0.5 * unit * 1.0001
}

/// Test vectors: N*_\E → C_\E (five figures), g and L* (four decimals), Epoch set, ω = 47 491,
/// from a numpy recomputation of Pearce & Song's closed form, itself checked by brute force.
#[test]
fn epoch_vectors_to_printed_precision() {
    let k = KaplanCounting::new(epoch(), PEARCE_OMEGA).unwrap();
    let rows = [
        (1e3, 1.8819e12, 0.7630, 8.5534),
        (1e6, 8.9942e15, 0.9628, 4.8830),
        (1e7, 1.0276e17, 0.8532, 4.0780),
        (1e8, 2.6183e18, 0.6128, 3.1802),
        (1e9, 1.5482e20, 0.5354, 2.4927),
        (1e10, 1.2510e22, 0.5176, 2.1279),
    ];
    for (n, c, g, loss) in rows {
        let budget = k.budget_for_size(n).unwrap();
        assert!(
            matches_printed(budget, c, 5),
            "C({n}) = {budget}, printed {c}"
        );
        let at = k.optimum(budget).unwrap();
        assert!(((at.n_non_embedding - n) / n).abs() < 1e-10, "{at:?}");
        assert!(
            (at.local_exponent - g).abs() <= 5e-5,
            "g({n}) = {}",
            at.local_exponent
        );
        assert!((at.loss - loss).abs() <= 5e-5, "L*({n}) = {}", at.loss);
    }
}

/// The same source's Chinchilla rows (Pearce's `chin` set): 1e8 → 2.2470e18, g 0.5603;
/// 1e9 → 2.0624e20, g 0.4796.
#[test]
fn chinchilla_vectors_to_printed_precision() {
    let k = KaplanCounting::new(PEARCE_CHIN, PEARCE_OMEGA).unwrap();
    for (n, c, g) in [(1e8, 2.2470e18, 0.5603), (1e9, 2.0624e20, 0.4796)] {
        let budget = k.budget_for_size(n).unwrap();
        assert!(matches_printed(budget, c, 5), "C({n}) = {budget}");
        let g_here = k.local_exponent_at_size(n).unwrap();
        assert!((g_here - g).abs() <= 5e-5, "g({n}) = {g_here}");
    }
}

/// The optimum and its local exponent against brute force: N* within 1e-5 in ln N, and g
/// within 2e-4 of the central difference of the brute-force ln N* over ln C ± 0.05.
#[test]
fn optimum_and_local_exponent_match_brute_force() {
    for p in [epoch(), PEARCE_CHIN] {
        let k = KaplanCounting::new(p, PEARCE_OMEGA).unwrap();
        for log10_c in [11.0, 12.95, 14.0, 15.5, 17.0, 18.5, 20.7, 23.0] {
            let c = 10f64.powf(log10_c);
            let at = k.optimum(c).unwrap();
            let brute = brute_force_ln_n(&p, PEARCE_OMEGA, c);
            assert!(
                (at.n_non_embedding.ln() - brute).abs() < 1e-5,
                "{log10_c}: {at:?}"
            );
            let h: f64 = 0.05;
            let fd = (brute_force_ln_n(&p, PEARCE_OMEGA, c * h.exp())
                - brute_force_ln_n(&p, PEARCE_OMEGA, c * (-h).exp()))
                / (2.0 * h);
            assert!(
                (at.local_exponent - fd).abs() < 2e-4,
                "{log10_c}: g {} vs {fd}",
                at.local_exponent
            );
            let d = at.tokens;
            assert!(((6.0 * at.n_non_embedding * d - c) / c).abs() < 1e-12);
        }
    }
}

/// The limits of g (Pearce & Song: β/(β+α/3) small, β/(α+β) large), checked against the
/// values computed in the project's reference table (four decimals) and against g itself at
/// N*_\E = 1e-12 and 1e30 (u = N^(2/3)/ω ≈ 2e-13 and 2e15).
#[test]
fn limits() {
    let printed = LossParams {
        e: 1.69,
        a: 406.4,
        b: 410.7,
        alpha: 0.34,
        beta: 0.28,
    };
    for (p, large, small) in [
        (epoch(), 0.5126, 0.7593),
        (PEARCE_CHIN, 0.4565, 0.7159),
        (printed, 0.4516, 0.7119),
    ] {
        let k = KaplanCounting::new(p, PEARCE_OMEGA).unwrap();
        assert!((k.large_scale_limit() - large).abs() <= 5e-5);
        assert!((k.small_scale_limit() - small).abs() <= 5e-5);
        let g_small = k.local_exponent_at_size(1e-12).unwrap();
        let g_large = k.local_exponent_at_size(1e30).unwrap();
        assert!((g_small - k.small_scale_limit()).abs() < 1e-9, "{g_small}");
        assert!((g_large - k.large_scale_limit()).abs() < 1e-9, "{g_large}");
    }
}

/// With α = β the total-basis exponent is exactly 1/2, and the least-squares slope of the
/// sampled total frontier agrees with it.
#[test]
fn equal_exponents_give_one_half_in_total_counting() {
    let p = LossParams {
        e: 1.8,
        a: 400.0,
        b: 900.0,
        alpha: 0.33,
        beta: 0.33,
    };
    let k = KaplanCounting::new(p, PEARCE_OMEGA).unwrap();
    assert_eq!(k.total_exponent(), 0.5);
    let points = k.frontier_total(KAPLAN_RANGE_TOTAL, 50).unwrap();
    let xs: Vec<f64> = points.iter().map(|q| q.c_total.ln()).collect();
    let ys: Vec<f64> = points.iter().map(|q| q.n_total.ln()).collect();
    assert!((ols_slope(&xs, &ys).unwrap() - 0.5).abs() < 1e-12);
}

/// ω = 0 (no embeddings): both countings coincide, so Kaplan's range recovers β/(α+β).
#[test]
fn no_embeddings_recover_chinchilla() {
    let k = KaplanCounting::new(epoch(), 0.0).unwrap();
    let a = k.kaplan_range_exponent().unwrap();
    assert!((a - epoch().params_exponent()).abs() < 1e-9, "{a}");
}

/// A law with a fold (α = 0.05, β = 0.1: C_\E(N*) decreases for a while): the optimum is
/// still the global minimum found by brute force, across the jump.
#[test]
fn fold_law_follows_the_global_minimum() {
    let p = LossParams {
        e: 1.0,
        a: 50.0,
        b: 200.0,
        alpha: 0.05,
        beta: 0.1,
    };
    let k = KaplanCounting::new(p, PEARCE_OMEGA).unwrap();
    let (lo, hi) = k.fold().expect("this law has a fold");
    assert!(lo < hi);
    let c_lo = k.budget_for_size(hi).unwrap().log10();
    let c_hi = k.budget_for_size(lo).unwrap().log10();
    let mut saw_jump = false;
    let mut previous: Option<f64> = None;
    for i in 0..=60 {
        let log10_c = c_lo - 1.0 + (c_hi - c_lo + 2.0) * f64::from(i) / 60.0;
        let c = 10f64.powf(log10_c);
        let at = k.optimum(c).unwrap();
        let brute = brute_force_ln_n(&p, PEARCE_OMEGA, c);
        let here = loss_on_curve(&p, PEARCE_OMEGA, c, at.n_non_embedding.ln());
        let best = loss_on_curve(&p, PEARCE_OMEGA, c, brute);
        assert!(here <= best + 1e-12, "{log10_c}: {here} > {best}");
        assert!(at.local_exponent.is_finite() && at.local_exponent > 0.0);
        if let Some(prev) = previous {
            saw_jump |= at.n_non_embedding.ln() - prev > 0.5;
        }
        previous = Some(at.n_non_embedding.ln());
    }
    assert!(saw_jump, "the optimum should jump across the fold");
    // No published law has a fold.
    assert!(KaplanCounting::new(epoch(), PEARCE_OMEGA)
        .unwrap()
        .fold()
        .is_none());
}

/// N_\E → N_T → N_\E round trip across sizes and ω, relative error below 1e-12.
#[test]
fn total_params_round_trip() {
    for omega in [0.0, 1e-9, 1.0, PEARCE_OMEGA, 1e9, 1e30] {
        for n in [1e-6, 1.0, 794.0, 1e6, 1.585e9, 1e12, 1e40] {
            let n_total = total_params(n, omega).unwrap();
            let back = non_embedding_params(n_total, omega).unwrap();
            assert!(((back - n) / n).abs() < 1e-12, "ω {omega}, N {n}: {back}");
        }
    }
}

/// ω = V·(aspect/12)^(1/3): 47 491 at the default aspect, 47 481 at the rounded 39.2.
#[test]
fn omega_from_vocab_and_aspect() {
    let w = omega(DEFAULT_VOCAB, DEFAULT_ASPECT).unwrap();
    assert!((w - PEARCE_OMEGA).abs() < 1e-9, "{w}");
    let w = omega(32_000.0, 39.2).unwrap();
    assert!((w - 47_480.82).abs() < 0.01, "{w}");
    assert!(omega(0.0, 39.2).is_err() && omega(32_000.0, f64::NAN).is_err());
}

/// Pearce & Song's simulation, step for step, reproduces the rerun of their repository to
/// four decimals: 0.7805 / 0.5154 (Epoch), 0.7388 / 0.4577 (Chinchilla); loss slopes
/// −0.0690 / −0.1781 (Epoch) and −0.0659 / −0.1546 (Chinchilla).
#[test]
fn grid_simulation_reproduces_the_repository() {
    for (p, a, a_total, loss, reducible) in [
        (epoch(), 0.7805, 0.5154, -0.0690, -0.1781),
        (PEARCE_CHIN, 0.7388, 0.4577, -0.0659, -0.1546),
    ] {
        let s = simulate_kaplan_grid(p, PEARCE_OMEGA).unwrap();
        assert!((s.non_embedding_exponent - a).abs() <= 5e-5, "{s:?}");
        assert!((s.total_exponent - a_total).abs() <= 5e-5, "{s:?}");
        assert!(
            (s.loss_exponent_non_embedding - loss).abs() <= 5e-5,
            "{s:?}"
        );
        assert!(
            (s.reducible_loss_exponent_total - reducible).abs() <= 5e-5,
            "{s:?}"
        );
    }
}
