//! Inference-aware allocation against Sardana et al. 2024's README examples, the Chinchilla
//! closed form, and a brute-force scan.

use super::*;
use crate::law::loss::LossParams;

/// The coefficients Sardana et al.'s code uses by default (README, "Advanced Features").
const SARDANA: LossParams = LossParams {
    e: 1.69,
    a: 406.4,
    b: 410.7,
    alpha: 0.336,
    beta: 0.283,
};

/// Hoffmann et al. 2022's printed fit (App. D.2): a second law for the closed-form checks.
const CHINCHILLA_PRINTED: LossParams = LossParams {
    e: 1.69,
    a: 406.4,
    b: 410.7,
    alpha: 0.34,
    beta: 0.28,
};

fn rel(a: f64, b: f64) -> f64 {
    ((a - b) / b).abs()
}

/// README, `compute_optimal.py --loss 1.947 --inference_tokens 2e12`: N = 2.418e+10,
/// D = 2.657e+12, 70.96 % params, 146.77 % tokens, 95.22 % FLOPs; equal-loss Chinchilla model
/// N = 3.408e10, D = 1.810e12 (same README). Tolerance: half a unit of the last printed digit.
#[test]
fn readme_compute_optimal_example() {
    let r = inference_optimal(&SARDANA, 1.947, 2e12).unwrap();
    assert!((r.optimal.n_params - 2.418e10).abs() <= 0.0005e10, "{r:?}");
    assert!((r.optimal.n_tokens - 2.657e12).abs() <= 0.0005e12, "{r:?}");
    assert!((r.params_pct - 70.96).abs() <= 0.005, "{r:?}");
    assert!((r.tokens_pct - 146.77).abs() <= 0.005, "{r:?}");
    assert!((r.total_flops_pct - 95.22).abs() <= 0.005, "{r:?}");
    assert!(
        (r.chinchilla.n_params - 3.408e10).abs() <= 0.0005e10,
        "{r:?}"
    );
    assert!(
        (r.chinchilla.n_tokens - 1.810e12).abs() <= 0.0005e12,
        "{r:?}"
    );
    // Both models reach the target (the constraint, checked with the plain law).
    assert!((SARDANA.loss(r.optimal.n_params, r.optimal.n_tokens) - 1.947).abs() < 1e-12);
    assert!((SARDANA.loss(r.chinchilla.n_params, r.chinchilla.n_tokens) - 1.947).abs() < 1e-12);
    // FLOPs accounting by hand: 6ND to train, 2N per inference token.
    let o = r.optimal;
    assert!(rel(o.training_flops, 6.0 * o.n_params * o.n_tokens) < 1e-15);
    assert!(rel(o.inference_flops, 2.0 * o.n_params * 2e12) < 1e-15);
    assert!(rel(o.total_flops, o.training_flops + o.inference_flops) < 1e-15);
}

/// README, `model_calculator.py --model 70e9 --data 1e12` prints loss 1.947; recomputed
/// unrounded it is 1.9472727897. This is the target of the example above.
#[test]
fn readme_model_calculator_example() {
    let l = SARDANA.loss(70e9, 1e12);
    assert!((l - 1.947).abs() < 0.0005, "{l}");
    assert!((l - 1.947_272_789_7).abs() < 1e-9, "{l}");
}

/// README, `cost_calculator.py --model 30e9 --chinchilla … --input_tok 500 --output_tok 100
/// --inference_reqs 1e9`: D = 1.556e12, loss 1.958253360475841, train FLOPs 2.801e23, total
/// (train + inference) 3.161e23. Inverted here: the equal-loss Chinchilla model at that loss,
/// serving 1e9 × 600 tokens, must be that 30B model. N to 1e-9 (the loss is printed to 16
/// digits); the rest to half a unit of the last printed digit.
#[test]
fn readme_cost_calculator_30b_example() {
    let r = inference_optimal(&SARDANA, 1.958_253_360_475_841, 1e9 * 600.0).unwrap();
    let c = r.chinchilla;
    assert!(rel(c.n_params, 30e9) < 1e-9, "{c:?}");
    assert!((c.n_tokens - 1.556e12).abs() <= 0.0005e12, "{c:?}");
    assert!((c.training_flops - 2.801e23).abs() <= 0.0005e23, "{c:?}");
    assert!((c.total_flops - 3.161e23).abs() <= 0.0005e23, "{c:?}");
    // With inference to pay for, the optimal model is smaller and cheaper over its lifetime.
    assert!(r.optimal.n_params < c.n_params && r.optimal.total_flops < c.total_flops);
}

/// With no inference the answer is the Chinchilla optimum. Second method: the closed form
/// N = G·(C/6)^a, D = G⁻¹·(C/6)^b (Hoffmann et al. 2022, Eq. 4) in `LossParams::optimal`, at
/// the loss that optimum reaches. Tolerance 1e-9 relative (both sides are f64 closed forms plus a
/// bisection to the last bit).
#[test]
fn zero_inference_is_the_chinchilla_optimum() {
    for law in [SARDANA, CHINCHILLA_PRINTED] {
        for flops in [1e18, 1e21, 5.76e23, 1e26] {
            let (n, d) = law.optimal(flops);
            let r = inference_optimal(&law, law.loss(n, d), 0.0).unwrap();
            for m in [r.optimal, r.chinchilla] {
                assert!(rel(m.n_params, n) < 1e-9, "{flops:e}: {m:?} vs {n:e}");
                assert!(rel(m.n_tokens, d) < 1e-9, "{flops:e}: {m:?} vs {d:e}");
                assert!(rel(m.training_flops, flops) < 1e-9, "{flops:e}: {m:?}");
                assert_eq!(m.inference_flops, 0.0);
            }
            assert!((r.total_flops_pct - 100.0).abs() < 1e-7, "{r:?}");
        }
    }
}

/// At a budget, the Chinchilla side is the Chinchilla-optimal model at that budget (the
/// compute-optimal model is also the cheapest way to its own loss). Second method: the closed
/// form. Tolerance 1e-9 relative.
#[test]
fn at_budget_compares_against_the_budgets_optimum() {
    let flops = 5.76e23;
    let (n, d) = SARDANA.optimal(flops);
    let r = inference_optimal_at_budget(&SARDANA, flops, 1e13).unwrap();
    assert!(rel(r.chinchilla.n_params, n) < 1e-9, "{r:?}");
    assert!(rel(r.chinchilla.n_tokens, d) < 1e-9, "{r:?}");
    assert!(rel(r.target_loss, chinchilla_loss_at(&SARDANA, flops).unwrap()) < 1e-15);
    assert!(rel(r.target_loss, SARDANA.loss(n, d)) < 1e-15);
}

/// Independent method: scan D over 4,001 log-spaced points from D_chin to 10⁴·D_chin, take N
/// from the constraint, and evaluate the objective directly. No scan point may beat the
/// solver (beyond 1e-12 relative), and the scan's best point must be within one step (0.23 %)
/// of the solver's D.
#[test]
fn brute_force_scan_agrees() {
    for (law, target, tokens) in [
        (SARDANA, 1.947, 2e12),
        (SARDANA, 2.2, 1e10),
        (SARDANA, 1.80, 1e15),
        (CHINCHILLA_PRINTED, 2.0, 5e13),
    ] {
        let r = inference_optimal(&law, target, tokens).unwrap();
        let d0 = r.chinchilla.n_tokens;
        let steps = 4000;
        let ratio = 1e4_f64.powf(1.0 / steps as f64);
        let (mut best_d, mut best_f) = (d0, f64::INFINITY);
        for k in 0..=steps {
            let d = d0 * ratio.powi(k);
            let n = (law.a / (target - law.e - law.b / d.powf(law.beta))).powf(1.0 / law.alpha);
            let total = 6.0 * n * d + 2.0 * n * tokens;
            assert!(
                total >= r.optimal.total_flops * (1.0 - 1e-12),
                "D = {d:e} gives {total:e} < {:e}",
                r.optimal.total_flops
            );
            if total < best_f {
                (best_d, best_f) = (d, total);
            }
        }
        assert!(
            rel(best_d, r.optimal.n_tokens) < ratio - 1.0,
            "{best_d:e} vs {r:?}"
        );
    }
}

/// More inference demand means a smaller model trained longer, and a larger saving against the
/// equal-loss Chinchilla model (the trend Sardana et al. 2024 report; here checked as a
/// property: each step up in demand must move all three the same way).
#[test]
fn more_inference_means_smaller_and_longer() {
    let mut last: Option<InferenceAllocation> = None;
    for tokens in [0.0, 1e9, 1e11, 1e12, 1e13, 1e14, 1e16] {
        let r = inference_optimal(&SARDANA, 2.0, tokens).unwrap();
        assert!(r.total_flops_pct <= 100.0 + 1e-9, "{r:?}");
        if let Some(p) = last {
            assert!(r.optimal.n_params < p.optimal.n_params, "{r:?} vs {p:?}");
            assert!(r.optimal.n_tokens > p.optimal.n_tokens, "{r:?} vs {p:?}");
            assert!(r.total_flops_pct < p.total_flops_pct, "{r:?} vs {p:?}");
        }
        last = Some(r);
    }
}

/// A loss at or below E cannot be reached; other bad input is a typed error, not a panic.
#[test]
fn bad_input_is_a_typed_error() {
    let unreachable = |t: f64| {
        matches!(
            inference_optimal(&SARDANA, t, 1e12),
            Err(BeyondError::LossUnreachable { .. })
        )
    };
    assert!(unreachable(1.69) && unreachable(1.0) && unreachable(-3.0));
    for t in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert!(matches!(
            inference_optimal(&SARDANA, t, 1e12),
            Err(BeyondError::InvalidInput { .. })
        ));
    }
    for tokens in [-1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            inference_optimal(&SARDANA, 2.0, tokens),
            Err(BeyondError::InvalidInput { .. })
        ));
    }
    for flops in [0.0, -1e20, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            inference_optimal_at_budget(&SARDANA, flops, 1e12),
            Err(BeyondError::InvalidInput { .. })
        ));
    }
    let broken = [
        LossParams {
            alpha: 0.0,
            ..SARDANA
        },
        LossParams {
            beta: -0.3,
            ..SARDANA
        },
        LossParams {
            a: f64::NAN,
            ..SARDANA
        },
        LossParams {
            e: f64::INFINITY,
            ..SARDANA
        },
    ];
    for law in broken {
        assert_eq!(
            inference_optimal(&law, 2.0, 1e12),
            Err(BeyondError::InvalidLaw)
        );
    }
    let msg = inference_optimal(&SARDANA, 1.5, 0.0)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("1.5") && msg.contains("1.69"), "{msg}");
}

/// Extreme but valid input either answers with finite numbers or says it is out of range.
#[test]
fn extremes_never_give_nan() {
    for target in [1.69 + 1e-15, 1.69 + 1e-12, 1.69 + 1e-3, 3.0, 50.0, 1e6] {
        for tokens in [0.0, 1.0, 1e12, 1e30, 1e300] {
            match inference_optimal(&SARDANA, target, tokens) {
                Ok(r) => {
                    let o = r.optimal;
                    for x in [o.n_params, o.n_tokens, o.total_flops, r.total_flops_pct] {
                        assert!(x.is_finite() && x > 0.0, "{target} {tokens:e}: {r:?}");
                    }
                }
                Err(e) => assert_eq!(e, BeyondError::OutOfRange, "{target} {tokens:e}"),
            }
        }
    }
}
