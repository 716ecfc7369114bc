//! An Approach-2 fit's parabola bias at the user's budget, measured under the Approach-3 fit of
//! the same runs, and the estimate corrected for it: on noise-free sweeps of a known law the
//! corrected N_opt and D_opt are the law's own (Hoffmann et al. 2022, Eq. 4), the uncorrected
//! ones are off by a bias that grows with the sweep's width, and a law with α = β has none.

mod common;

use common::sweeps::{exact_sweep, TEX};
use isoflop::fit::{approach2, bias_at_budget, BiasAtBudget};
use isoflop::law::loss::LossParams;

fn bias(law: &LossParams, step: f64, target: f64) -> BiasAtBudget {
    let runs = exact_sweep(law, step);
    let fit = approach2(&runs).unwrap();
    bias_at_budget(&runs, &fit.design(), &fit.frontier, target).unwrap()
}

#[test]
fn the_corrected_estimate_is_the_laws_own() {
    let target = 1e24;
    let (n_true, d_true) = TEX.optimal(target);
    let mut widths = Vec::new();
    for step in [1.4, 2.0, 3.0] {
        let b = bias(&TEX, step, target);
        // Approach 3 recovers the law from exact losses, so the simulated parabolas are the
        // fitted ones and the correction lands on Eq. 4's N_opt and D_opt (1e-3).
        let (n, d) = b.corrected;
        assert!(
            (n / n_true - 1.0).abs() < 1e-3,
            "×{step}: N {n:e} vs {n_true:e}"
        );
        assert!(
            (d / d_true - 1.0).abs() < 1e-3,
            "×{step}: D {d:e} vs {d_true:e}"
        );
        // The uncorrected estimate is off by the stated bias (to 1e-3 of itself).
        let off = b.estimate.0 / n_true - 1.0;
        assert!(
            (off - b.n_opt_bias).abs() < 1e-3 * off.abs().max(1e-3),
            "×{step}: {off} vs {}",
            b.n_opt_bias
        );
        // C = 6ND at every vertex, so D's bias is N's inverted: (1 + bd)(1 + bn) = 1.
        assert!(((1.0 + b.d_opt_bias) * (1.0 + b.n_opt_bias) - 1.0).abs() < 1e-9);
        widths.push(b.n_opt_bias);
    }
    // α > β: the vertices sit at larger N, more so the wider the sweep.
    println!("N_opt bias at ×1.4, ×2, ×3: {widths:?}");
    assert!(widths[0] > 0.0 && widths[0] < widths[1] && widths[1] < widths[2]);
}

#[test]
fn a_symmetric_law_has_no_bias() {
    let symmetric = LossParams {
        e: 1.7,
        a: 400.0,
        b: 400.0,
        alpha: 0.3,
        beta: 0.3,
    };
    let b = bias(&symmetric, 3.0, 1e24);
    // The skew term M·(β² − α²) vanishes; what is left is below 1e-4 even on a ×3 sweep.
    assert!(
        b.n_opt_bias.abs() < 1e-4 && b.d_opt_bias.abs() < 1e-4,
        "{b:?}"
    );
}

#[test]
fn an_interval_that_leaves_out_the_corrected_value_is_told() {
    assert!(BiasAtBudget::excluded_by([1.0, 2.0], 2.5));
    assert!(BiasAtBudget::excluded_by([1.0, 2.0], 0.5));
    assert!(!BiasAtBudget::excluded_by([1.0, 2.0], 1.5));
}
