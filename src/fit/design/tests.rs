use super::explore::{best, choose, grid_with, ExploreJob};
use super::simulate::SimulationJob;
use super::*;
use crate::fit::approaches::approach3::{fit_approach3, Method};
use crate::fit::jobs::fit_job::{Progress, Sliced};
use crate::fit::numerics::objective::DEFAULT_DELTA;
use crate::fit::parse_runs;
use crate::law::presets::EPOCH2024;

/// Chinchilla's 5.76e23 FLOPs (Hoffmann et al. 2022, Table 3: 70B on 1.4T tokens).
const TARGET: f64 = 5.76e23;

fn design(width: f64, sizes: usize) -> SweepDesign {
    SweepDesign {
        width,
        sizes,
        ..SweepDesign::around(TARGET)
    }
}

/// The vertex's shift in ln N by hand: along an IsoFLOP the loss in u = ln N − ln N_opt has
/// f″ = M(α+β) and f‴ = M(β²−α²) at the minimum; least squares on sizes symmetric about it
/// turns the cubic term into a slope f‴·Σu⁴/(6Σu²), so the vertex moves by
/// −slope/f″ = (α−β)·Σu⁴/(6·Σu²).
fn vertex_shift(law: &LossParams, width: f64, sizes: usize) -> f64 {
    let u: Vec<f64> = (0..sizes)
        .map(|j| (2.0 * j as f64 / (sizes - 1) as f64 - 1.0) * width.ln())
        .collect();
    let s2: f64 = u.iter().map(|x| x.powi(2)).sum();
    let s4: f64 = u.iter().map(|x| x.powi(4)).sum();
    (law.alpha - law.beta) * s4 / (6.0 * s2)
}

#[test]
fn runs_spend_the_sweep_compute_and_sit_around_the_optimum() {
    let d = design(4.0, 7);
    let runs = d.runs(&EPOCH2024).unwrap();
    assert_eq!(runs.len(), 5 * 7);
    // The compute adds up to what the sweep may spend, to rounding.
    assert!((total_flops(&runs) / d.sweep_flops - 1.0).abs() < 1e-12);
    for (c, sizes) in design_of(&runs) {
        let n_opt = EPOCH2024.optimal(c).0;
        // ×4 either side, evenly in ln N, the middle one on N_opt (Eq. 4).
        assert!((sizes[0] / n_opt * 4.0 - 1.0).abs() < 1e-12);
        assert!((sizes[6] / n_opt / 4.0 - 1.0).abs() < 1e-12);
        assert!((sizes[3] / n_opt - 1.0).abs() < 1e-12);
    }
    // Budgets ×4 apart, the largest below the target.
    let budgets = d.budget_list();
    for w in budgets.windows(2) {
        assert!((w[1] / w[0] - 4.0).abs() < 1e-12);
    }
    assert!(budgets[4] < TARGET);
    for r in &runs {
        assert!((6.0 * r.n_params * r.n_tokens / r.flops - 1.0).abs() < 1e-12);
    }
}

#[test]
fn csv_round_trips_through_the_fit_panels_reader() {
    let d = design(3.0, 5);
    let planned = d.runs(&EPOCH2024).unwrap();
    let csv = to_csv(&planned);
    // Fill the empty loss column as a reader would after the runs, from the law.
    let filled: String = csv
        .lines()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                return format!("{line}\n");
            }
            let p = planned[i - 1];
            format!("{line}{:.6}\n", EPOCH2024.loss(p.n_params, p.n_tokens))
        })
        .collect();
    let ds = parse_runs(&filled).unwrap();
    assert!(ds.skipped.is_empty(), "{:?}", ds.skipped);
    assert_eq!(ds.runs.len(), planned.len());
    for (r, p) in ds.runs.iter().zip(&planned) {
        // Six significant digits.
        assert!((r.n_params / p.n_params - 1.0).abs() < 1e-5);
        assert!((r.n_tokens / p.n_tokens - 1.0).abs() < 1e-5);
        assert!((r.flops / p.flops - 1.0).abs() < 1e-5);
    }
    // The budgets group exactly as planned: Approach 2 finds five budgets of five sizes.
    let fit = crate::fit::approach2(&ds.runs).unwrap();
    assert_eq!(fit.profiles.len(), 5);
    assert!(fit.profiles.iter().all(|p| p.points.len() == 5));
}

#[test]
fn refuses_designs_that_cannot_be_fitted_naming_the_field() {
    let bad = |f: &dyn Fn(&mut SweepDesign)| {
        let mut d = SweepDesign::around(TARGET);
        f(&mut d);
        d.runs(&EPOCH2024).unwrap_err()
    };
    assert_eq!(bad(&|d| d.budgets = 1), vec![DesignError::OneBudget]);
    assert_eq!(bad(&|d| d.sizes = 2), vec![DesignError::TooFewSizes]);
    assert_eq!(bad(&|d| d.width = 0.9), vec![DesignError::Width]);
    assert_eq!(bad(&|d| d.width = 1.0), vec![DesignError::Width]);
    assert_eq!(bad(&|d| d.spacing = 1.0), vec![DesignError::Spacing]);
    // Every size above (or below) every minimum.
    assert_eq!(bad(&|d| d.offset = 4.0), vec![DesignError::OneSided]);
    assert_eq!(bad(&|d| d.offset = 0.25), vec![DesignError::OneSided]);
    let e = bad(&|d| d.sweep_flops = f64::NAN);
    assert_eq!(e[0].field(), DesignField::SweepFlops);
    assert!(matches!(
        bad(&|d| d.sweep_flops = TARGET * 10.0)[0],
        DesignError::TargetBelowSweep { .. }
    ));
    // Every problem at once, the rest kept.
    assert_eq!(
        bad(&|d| {
            d.budgets = 1;
            d.sizes = 2;
        }),
        vec![DesignError::OneBudget, DesignError::TooFewSizes]
    );
    // A law without a parametric loss to simulate.
    let broken = LossParams {
        alpha: -1.0,
        ..EPOCH2024
    };
    assert_eq!(
        SweepDesign::around(TARGET).runs(&broken).unwrap_err(),
        vec![DesignError::Law]
    );
    let e = SimulationJob::new(&SweepDesign::around(TARGET), &EPOCH2024, -0.1, 5, 1).unwrap_err();
    assert_eq!(e, vec![DesignError::Noise, DesignError::Simulations]);
    // Every reason says what is accepted, in both languages.
    for err in [
        DesignError::OneBudget,
        DesignError::Width,
        DesignError::OneSided,
    ] {
        assert!(!err.text(Lang::En).is_empty() && err.text(Lang::Zh) != err.text(Lang::En));
    }
}

#[test]
fn every_accepted_offset_keeps_each_minimum_inside_the_sizes() {
    // The planner never proposes sizes on one side of every minimum.
    for width in [1.5f64, 2.0, 4.0, 16.0] {
        for k in -20i32..=20 {
            let offset = width.powf(f64::from(k) / 10.0);
            let d = SweepDesign {
                offset,
                ..design(width, 5)
            };
            let Ok(runs) = d.runs(&EPOCH2024) else {
                assert!(
                    k.abs() >= 10,
                    "refused inside the range: ×{width}, {offset}"
                );
                continue;
            };
            for (c, sizes) in design_of(&runs) {
                let n_opt = EPOCH2024.optimal(c).0;
                assert!(sizes[0] < n_opt && n_opt < sizes[sizes.len() - 1]);
            }
        }
    }
}

#[test]
fn noise_free_approach3_recovers_the_law_and_approach2_moves_by_the_predicted_bias() {
    // Epoch's refit (α < β) and Chinchilla's Approach 3 (α = 0.34 > β = 0.28, Table A3).
    let chinchilla = crate::law::Law::chinchilla_approach3()
        .loss_params()
        .unwrap();
    for law in [EPOCH2024, chinchilla] {
        let truth = law.optimal(TARGET);
        let sign = (law.alpha - law.beta).signum();
        let mut last = 0.0;
        for width in [1.25, 2.0, 4.0, 8.0, 16.0] {
            let d = design(width, 7);
            let sim = SimulationJob::new(&d, &law, 0.0, 10, 3)
                .unwrap()
                .run_to_end();
            assert_eq!(sim.truth, truth);
            let a3 = sim.approach3.unwrap();
            assert!(a3.rms_log_error < 1e-6, "×{width}: {a3:?}");
            let a2 = sim.approach2.unwrap();
            // No noise: every simulated sweep is the same.
            assert_eq!(a2.n_opt_95[0], a2.n_opt_95[1]);
            // The exponent is exact, so the bias at the target is every budget's bias, and it
            // is the one `parabola_bias` measures at the sweep's own budgets.
            let runs = d.runs(&law).unwrap();
            let pb = crate::fit::parabola_bias(&law, &design_of(&runs)).unwrap();
            assert!(pb.exponent_bias.unwrap().abs() < 1e-9, "×{width}");
            for b in &pb.budgets {
                assert!((b.rel_error.unwrap() - a2.n_opt_bias).abs() < 1e-9);
            }
            // N_opt·D_opt = C/6 for both: D's bias mirrors N's.
            assert!(((1.0 + a2.n_opt_bias) * (1.0 + a2.d_opt_bias) - 1.0).abs() < 1e-9);
            // Towards larger N when α > β, and larger with the width.
            let signed = sign * a2.n_opt_bias;
            assert!(signed > last, "×{width}: {} after {last}", a2.n_opt_bias);
            last = signed;
            if width == 1.25 {
                // The hand derivation, which drops terms of order u⁵: within 2 % of the bias.
                let by_hand = vertex_shift(&law, width, 7).exp() - 1.0;
                assert!(
                    (a2.n_opt_bias / by_hand - 1.0).abs() < 0.02,
                    "{} vs {by_hand}",
                    a2.n_opt_bias
                );
            }
        }
        eprintln!("{law:?}: ×16 bias {last}");
    }
}

#[test]
fn a_symmetric_law_shows_no_bias() {
    let law = LossParams {
        beta: EPOCH2024.alpha,
        ..EPOCH2024
    };
    for width in [2.0, 16.0] {
        let sim = SimulationJob::new(&design(width, 7), &law, 0.0, 10, 3)
            .unwrap()
            .run_to_end();
        let a2 = sim.approach2.unwrap();
        assert!(a2.n_opt_bias.abs() < 1e-9, "×{width}: {}", a2.n_opt_bias);
        assert!(a2.d_opt_bias.abs() < 1e-9);
    }
}

#[test]
fn warm_started_approach3_lands_where_the_global_search_does() {
    // At the example data's noise, on five simulated sweeps.
    let d = design(4.0, 7);
    let job = SimulationJob::new(&d, &EPOCH2024, 0.005, 10, 11).unwrap();
    let planned = job.runs().to_vec();
    for m in 0..5u64 {
        let mut rng = crate::fit::SplitMix64::new(m + 100);
        let losses: Vec<f64> = planned
            .iter()
            .map(|r| EPOCH2024.loss(r.n_params, r.n_tokens) * (0.005 * rng.normal()).exp())
            .collect();
        let runs = as_runs(&planned, &losses);
        let global = fit_approach3(&runs, Method::Global, DEFAULT_DELTA).unwrap();
        let p = EPOCH2024;
        let start = [p.a.ln(), p.b.ln(), p.e.ln(), p.alpha, p.beta];
        let data = crate::fit::numerics::objective::LogData::from_runs(&runs);
        let warm =
            crate::fit::numerics::optim::minimise(&data, start, &super::simulate::settings())
                .unwrap();
        let (ng, _) = global.params.optimal(TARGET);
        let (nw, _) = crate::fit::approaches::approach3::params_of(&warm.theta).optimal(TARGET);
        assert!(
            warm.objective <= global.objective * (1.0 + 1e-9),
            "sweep {m}"
        );
        assert!((nw / ng - 1.0).abs() < 1e-5, "sweep {m}: {nw} vs {ng}");
    }
}

#[test]
fn simulations_are_seeded_and_slice_alike() {
    let d = design(4.0, 5);
    let whole = SimulationJob::new(&d, &EPOCH2024, 0.005, 40, 9)
        .unwrap()
        .run_to_end();
    let mut sliced = SimulationJob::new(&d, &EPOCH2024, 0.005, 40, 9).unwrap();
    while sliced.step(3) != Progress::Finished {}
    assert_eq!(sliced.result().unwrap(), whole);
    let other = SimulationJob::new(&d, &EPOCH2024, 0.005, 40, 10)
        .unwrap()
        .run_to_end();
    assert_ne!(other, whole);
    // Noise widens the spread around the noise-free answer, and Approach 3's interval holds
    // the truth.
    let a3 = whole.approach3.unwrap();
    assert!(a3.n_opt_95[0] < whole.truth.0 && whole.truth.0 < a3.n_opt_95[1]);
    assert!(a3.n_opt_95[1] / a3.n_opt_95[0] > 1.01);
}

#[test]
fn narrow_noisy_sweeps_have_unusable_parabolas_and_the_chance_is_counted() {
    let quiet = SimulationJob::new(&design(1.5, 3), &EPOCH2024, 0.0, 10, 1)
        .unwrap()
        .run_to_end();
    assert_eq!(quiet.unusable_parabola, 0.0);
    let noisy = SimulationJob::new(&design(1.5, 3), &EPOCH2024, 0.02, 50, 1)
        .unwrap()
        .run_to_end();
    assert!(noisy.unusable_parabola > 0.2, "{}", noisy.unusable_parabola);
    assert!(noisy.unusable_parabola <= 1.0);
}

#[test]
fn the_explorer_picks_the_design_with_the_smallest_expected_error() {
    let base = SweepDesign::around(TARGET);
    let cells =
        ExploreJob::new(&base, &[1.5, 4.0, 16.0], &[3, 7], &EPOCH2024, 0.005, 20, 5).run_to_end();
    assert_eq!(cells.len(), 6);
    let chosen = best(&cells).unwrap();
    let err = chosen.outcome.as_ref().unwrap().expected_error();
    for c in &cells {
        assert!(c.outcome.as_ref().unwrap().expected_error() >= err);
    }
    // Each cell is the design it names, simulated alone.
    let alone = SimulationJob::new(&design(4.0, 7), &EPOCH2024, 0.005, 20, 5)
        .unwrap()
        .run_to_end();
    let cell = cells
        .iter()
        .find(|c| c.width == 4.0 && c.sizes == 7)
        .unwrap();
    assert_eq!(cell.outcome.as_ref().unwrap(), &alone);
}

#[test]
fn approach2s_bias_matches_open_athenas_published_extrapolation_errors() {
    // Open-Athena, "Problems with Chinchilla Approach 2" (2026, arXiv 2603.22339), Sec. 4.2 and
    // its figure data: 5 budgets 1e17–1e21, 15 sizes per budget log-spaced ±k× about N*,
    // noise-free losses of α = 0.34, β = 0.28, A = 406.4, B = 410.7, E = 1.69 (Hoffmann et al.
    // 2022, Eq. 10), D* extrapolated to 1e24 (true 4.035835e12): −0.327 %, −1.301 %, −2.903 %,
    // −5.100 % at ±2×, ±4×, ±8×, ±16× centred; +5.69 %, +3.38 %, +0.24 % at ±4×, ±8×, ±16× with
    // every centre at N*/3. Their table gives these to 0.01 percentage points (3 digits).
    let law = LossParams {
        e: 1.69,
        a: 406.4,
        b: 410.7,
        alpha: 0.34,
        beta: 0.28,
    };
    let base = SweepDesign {
        target: 1e24,
        sweep_flops: 15.0 * (1e17 + 1e18 + 1e19 + 1e20 + 1e21),
        budgets: 5,
        spacing: 10.0,
        sizes: 15,
        width: 2.0,
        offset: 1.0,
    };
    assert!((law.optimal(1e24).1 / 4.035835e12 - 1.0).abs() < 1e-6);
    let cases = [
        (2.0, 1.0, -0.327),
        (4.0, 1.0, -1.301),
        (8.0, 1.0, -2.903),
        (16.0, 1.0, -5.100),
        (4.0, 1.0 / 3.0, 5.69),
        (8.0, 1.0 / 3.0, 3.38),
        (16.0, 1.0 / 3.0, 0.24),
    ];
    for (width, offset, published) in cases {
        let d = SweepDesign {
            width,
            offset,
            ..base
        };
        let sim = SimulationJob::new(&d, &law, 0.0, 10, 1)
            .unwrap()
            .run_to_end();
        let ours = 100.0 * sim.approach2.unwrap().d_opt_bias;
        assert!(
            (ours - published).abs() < 0.006,
            "±{width}× offset {offset}: {ours:.4} % vs {published} %"
        );
    }
}

#[test]
fn copies_in_two_or_three_workers_simulate_what_one_does() {
    let base = SweepDesign::around(TARGET);
    let make = || ExploreJob::new(&base, &[2.0, 8.0], &[3, 5], &EPOCH2024, 0.005, 12, 4);
    let alone = make().run_to_end();
    for count in [2, 3] {
        let (jobs, posted) = crate::fit::jobs::shard::run_copies(
            (0..count).map(|_| make()).collect(),
            |job, exchange| job.step_with(2, exchange) == Progress::Finished,
        );
        assert!(posted > 0, "the copies shared their sweeps");
        for job in jobs {
            assert_eq!(job.cells().unwrap(), alone, "{count} copies");
        }
    }
}

#[test]
fn the_readers_choices_are_kept_and_the_rest_chosen_by_error() {
    let (widths, sizes) = grid_with(Some(5.0), Some(4));
    assert!(widths.contains(&5.0) && widths.windows(2).all(|w| w[0] < w[1]));
    assert!(sizes.contains(&4) && sizes.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(
        grid_with(None, None),
        (
            super::explore::WIDTHS.to_vec(),
            super::explore::SIZES.to_vec()
        )
    );
    let base = SweepDesign::around(TARGET);
    let cells =
        ExploreJob::new(&base, &[2.0, 4.0, 16.0], &[3, 9], &EPOCH2024, 0.005, 20, 5).run_to_end();
    let err = |c: &super::explore::Cell| c.outcome.as_ref().unwrap().expected_error();
    // Both typed: that design, whatever its error.
    let c = choose(&cells, Some(2.0), Some(3)).unwrap();
    assert_eq!((c.width, c.sizes), (2.0, 3));
    // The width typed: the best number of sizes at that width.
    let c = choose(&cells, Some(16.0), None).unwrap();
    assert_eq!(c.width, 16.0);
    for other in cells.iter().filter(|o| o.width == 16.0) {
        assert!(err(other) >= err(c));
    }
    // Nothing typed: the grid's best; a typed value not simulated: none.
    assert_eq!(choose(&cells, None, None), best(&cells));
    assert!(choose(&cells, Some(5.0), None).is_none());
}
