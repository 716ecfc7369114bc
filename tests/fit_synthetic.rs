//! Always-on checks of the fitter on data generated from known coefficients with seeded noise.

use isoflop::fit::approaches::approach3::{Approach3Job, Method};
use isoflop::fit::numerics::objective::{value, LogData};
use isoflop::fit::Sliced;
use isoflop::fit::{
    approach2, fit_approach3, FitError, FitJob, FitOptions, Progress, Run, SplitMix64,
};
use isoflop::law::loss::LossParams;

/// Epoch's refit (Besiroglu et al. 2024, arXiv:2404.10102), used as the "true" law the data is
/// drawn from.
const TRUTH: LossParams = LossParams {
    e: 1.8172,
    a: 482.01,
    b: 2085.43,
    alpha: 0.3478,
    beta: 0.3658,
};

/// 8 model sizes × 6 tokens-per-parameter ratios, loss × exp(σ·z) with z ~ N(0, 1) seeded.
fn synthetic(sigma: f64, seed: u64) -> Vec<Run> {
    let mut rng = SplitMix64::new(seed);
    let mut runs = Vec::new();
    for i in 0..8 {
        let n = 5e7 * 2.3f64.powi(i);
        for tpp in [2.0, 5.0, 10.0, 20.0, 50.0, 100.0] {
            let d = n * tpp;
            let loss = TRUTH.loss(n, d) * (sigma * rng.normal()).exp();
            runs.push(Run {
                line: runs.len() + 2,
                n_params: n,
                n_tokens: d,
                flops: 6.0 * n * d,
                loss,
                budget: None,
            });
        }
    }
    runs
}

fn theta_of(p: &LossParams) -> [f64; 5] {
    [p.a.ln(), p.b.ln(), p.e.ln(), p.alpha, p.beta]
}

fn rel(x: f64, y: f64) -> f64 {
    (x / y - 1.0).abs()
}

#[test]
fn noise_free_data_gives_back_the_law() {
    // No noise: the objective's global minimum is 0 at the generating coefficients.
    let fit = fit_approach3(&synthetic(0.0, 1), Method::Global, 1e-3).unwrap();
    let p = fit.params;
    for (x, y) in [
        (p.e, TRUTH.e),
        (p.a, TRUTH.a),
        (p.b, TRUTH.b),
        (p.alpha, TRUTH.alpha),
        (p.beta, TRUTH.beta),
    ] {
        assert!(rel(x, y) < 1e-4, "{x} vs {y}");
    }
    assert!(fit.objective < 1e-12);
}

#[test]
fn noisy_data_is_recovered_and_beats_the_truth() {
    let runs = synthetic(0.005, 42);
    let fit = fit_approach3(&runs, Method::Global, 1e-3).unwrap();
    let p = fit.params;
    // A minimiser can be no worse than the generating coefficients on the same data.
    let at_truth = value(&theta_of(&TRUTH), &LogData::from_runs(&runs), 1e-3);
    assert!(fit.objective <= at_truth, "{} > {at_truth}", fit.objective);
    // 0.5 % noise on 48 runs: exponents within 0.03 and E within 2 % of the truth, about twice
    // the half-width of the 95 % bootstrap interval measured on such data (α ±0.017,
    // β ±0.010, E ±1 % with 200 resamples).
    assert!((p.alpha - TRUTH.alpha).abs() < 0.03, "alpha {}", p.alpha);
    assert!((p.beta - TRUTH.beta).abs() < 0.03, "beta {}", p.beta);
    assert!(rel(p.e, TRUTH.e) < 0.02, "E {}", p.e);
    assert!((p.params_exponent() - TRUTH.params_exponent()).abs() < 0.02);
}

#[test]
fn paper_and_global_land_on_the_same_optimum() {
    // Two independent searches of the same objective must agree.
    let runs = synthetic(0.005, 7);
    let paper = fit_approach3(&runs, Method::Paper, 1e-3).unwrap();
    let global = fit_approach3(&runs, Method::Global, 1e-3).unwrap();
    assert!(rel(global.objective, paper.objective) < 1e-6);
    let (p, g) = (paper.params, global.params);
    for (x, y) in [
        (g.e, p.e),
        (g.a, p.a),
        (g.b, p.b),
        (g.alpha, p.alpha),
        (g.beta, p.beta),
    ] {
        assert!(rel(x, y) < 1e-3, "{x} vs {y}");
    }
}

#[test]
fn sliced_job_gives_the_same_bits_as_one_run() {
    let runs = synthetic(0.005, 3);
    let options = FitOptions {
        bootstrap: 40,
        seed: 9,
        budget_flops: Some(5.76e23),
        ..FitOptions::default()
    };
    let whole = FitJob::new(&runs, &options).unwrap().run_to_end().unwrap();
    let mut job = FitJob::new(&runs, &options).unwrap();
    let mut last = 0.0;
    let mut calls = 0;
    loop {
        calls += 1;
        match job.step(7) {
            Progress::Finished => break,
            p @ Progress::Running { done, total } => {
                assert!(done <= total && p.fraction() >= last);
                last = p.fraction();
            }
        }
    }
    // 1600 grid cells + 6 polish starts + 40 resamples in slices of 7.
    assert_eq!(calls, (1600 + 6 + 40usize).div_ceil(7));
    assert_eq!(job.result().unwrap().as_ref().unwrap(), &whole);
    // The deadline-driven form: stop after every 100 units, resume, same answer.
    let mut job = FitJob::new(&runs, &options).unwrap();
    let mut slices = 0;
    loop {
        let mut budget = 100;
        let p = job.step_until(|| {
            budget -= 1;
            budget < 0
        });
        slices += 1;
        if p == Progress::Finished {
            break;
        }
    }
    assert_eq!(slices, (1600 + 6 + 40usize).div_ceil(100));
    assert_eq!(job.result().unwrap().as_ref().unwrap(), &whole);
}

#[test]
fn bootstrap_is_reproducible_and_covers_the_truth() {
    let runs = synthetic(0.005, 11);
    let run = |seed| {
        let options = FitOptions {
            bootstrap: 100,
            seed,
            budget_flops: Some(1e22),
            ..FitOptions::default()
        };
        FitJob::new(&runs, &options).unwrap().run_to_end().unwrap()
    };
    let a = run(5);
    let b = run(5);
    let c = run(6);
    // Same seed → same numbers, bit for bit (f64 equality); another seed → other numbers.
    assert_eq!(a.ci, b.ci);
    assert_ne!(a.ci, c.ci);
    let ci = a.ci.unwrap();
    assert_eq!(ci.failed, 0);
    // The generating α, β and the allocation exponent lie inside the 95 % intervals, and each
    // interval brackets the point estimate.
    let (n_opt, _) = TRUTH.optimal(1e22);
    let i = ci.intervals;
    for (name, interval, truth, point) in [
        ("alpha", Some(i.alpha), TRUTH.alpha, a.fit.params.alpha),
        ("beta", Some(i.beta), TRUTH.beta, a.fit.params.beta),
        (
            "a",
            Some(i.params_exponent),
            TRUTH.params_exponent(),
            a.fit.params.params_exponent(),
        ),
        ("N_opt", i.n_opt, n_opt, a.fit.params.optimal(1e22).0),
    ] {
        let [lo, hi] = interval.unwrap();
        assert!(
            lo <= truth && truth <= hi,
            "{name}: {truth} not in [{lo}, {hi}]"
        );
        assert!(
            lo <= point && point <= hi,
            "{name}: {point} not in [{lo}, {hi}]"
        );
    }
}

#[test]
fn isoflop_profiles_recover_the_closed_form_exponent() {
    // Approach 2 on noise-free IsoFLOP slices of the law: the minima must follow Eq. 4's
    // N_opt ∝ C^(β/(α+β)) = C^0.5126 (the parabola in ln N is an approximation: 0.01 allowed).
    let mut runs = Vec::new();
    for c in [1e18, 1e19, 1e20, 1e21, 1e22] {
        let (n_star, _) = TRUTH.optimal(c);
        for k in -4..=4 {
            let n = n_star * 1.4f64.powi(k);
            let d = c / (6.0 * n);
            // ±1 % jitter in C per run, as real IsoFLOP runs have; clustering must absorb it.
            let jitter = 1.0 + 0.01 * f64::from(k % 2);
            runs.push(Run {
                line: runs.len() + 2,
                n_params: n,
                n_tokens: d * jitter,
                flops: c * jitter,
                loss: TRUTH.loss(n, d),
                budget: None,
            });
        }
    }
    let fit = approach2(&runs).unwrap();
    assert_eq!(fit.profiles.len(), 5);
    assert!((fit.frontier.n_opt.exponent - TRUTH.params_exponent()).abs() < 0.01);
    assert!((fit.frontier.d_opt.exponent - TRUTH.tokens_exponent()).abs() < 0.01);
    let (n_star, _) = TRUTH.optimal(1e20);
    assert!(rel(fit.frontier.n_opt.at(1e20), n_star) < 0.05);
}

#[test]
fn degenerate_data_gives_typed_errors() {
    let mut runs = synthetic(0.0, 1);
    for r in &mut runs {
        r.loss = 3.0;
    }
    assert_eq!(
        fit_approach3(&runs, Method::Global, 1e-3).err(),
        Some(FitError::ConstantLoss)
    );
    assert!(matches!(
        FitJob::new(
            &synthetic(0.0, 1),
            &FitOptions {
                bootstrap: 4001,
                ..FitOptions::default()
            }
        ),
        Err(FitError::InvalidOption(_))
    ));
    assert!(matches!(
        Approach3Job::new(&synthetic(0.0, 1)[..5], Method::Paper, 1e-3),
        Err(FitError::TooFewPoints { .. })
    ));
}
