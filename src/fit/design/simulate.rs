//! What a sweep design will tell you, before any run: many sweeps simulated under the prior law
//! (its losses times e^(σz), z ~ N(0, 1), as the example data are drawn), each fitted by
//! Approach 2 (parabolas per budget, a power law through their minima) and Approach 3, and the
//! estimates of N_opt and D_opt at the target compared with the law's own (Hoffmann et al. 2022,
//! Eq. 4).
//!
//! Sweep m draws its noise from SplitMix64 seeded by (seed, m) alone, so any slice of the
//! simulations, on any machine, in any order, gives the same numbers. Approach 3 is fitted from
//! the prior law's coefficients (the simulation knows the truth) with the same L-BFGS and Huber
//! objective as the fit panel; `tests.rs` checks that the global search lands on the same
//! minimum at these noise levels.

use crate::fit::approaches::approach3::params_of;
use crate::fit::approaches::profiles::{fit_profile, frontier_of};
use crate::fit::jobs::fit_job::{Progress, Sliced};
use crate::fit::jobs::shard::Exchange;
use crate::fit::numerics::objective::{LogData, DEFAULT_DELTA};
use crate::fit::numerics::optim::{minimise, LbfgsSettings};
use crate::fit::resampling::bootstrap::{percentile_interval, Interval, SplitMix64};
use crate::fit::resampling::resample::{Resample, Resampling};
use crate::law::loss::LossParams;

use super::{as_runs, DesignError, PlannedRun, SweepDesign, MAX_NOISE, SIMULATIONS};

/// How one approach did over the simulated sweeps, at the target.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Spread {
    /// Relative bias of N_opt: the geometric mean of estimate/truth, minus 1 (−0.05: 5 % low).
    pub n_opt_bias: f64,
    /// The same for D_opt.
    pub d_opt_bias: f64,
    /// 95 % of the estimates of N_opt fall in this interval (2.5 % and 97.5 % quantiles).
    pub n_opt_95: Interval,
    /// The same for D_opt.
    pub d_opt_95: Interval,
    /// √(mean of ln²(N_opt estimate/truth)): the typical error, bias and spread together.
    pub rms_log_error: f64,
    /// Simulated sweeps this approach could not fit (left out of the numbers above).
    pub failed: usize,
}

/// What the simulations say of a design.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Simulated {
    /// The prior law's (N_opt, D_opt) at the target.
    pub truth: (f64, f64),
    /// Sweeps simulated.
    pub simulations: usize,
    /// The relative noise on each loss.
    pub noise: f64,
    /// Approach 2, or `None` when no simulated sweep could be fitted.
    pub approach2: Option<Spread>,
    /// Approach 3, likewise.
    pub approach3: Option<Spread>,
    /// The share of simulated sweeps with at least one budget whose parabola is unusable
    /// (opens downwards, or its minimum outside the sizes).
    pub unusable_parabola: f64,
}

impl Simulated {
    /// The design's expected error: the larger of the two approaches' RMS log error of N_opt
    /// (infinite when either failed every sweep).
    #[must_use]
    pub fn expected_error(&self) -> f64 {
        let e = |s: &Option<Spread>| s.map_or(f64::INFINITY, |s| s.rms_log_error);
        e(&self.approach2).max(e(&self.approach3))
    }
}

/// One simulated sweep's estimates at the target: Approach 2's and 3's (N_opt, D_opt), and
/// whether a parabola was unusable.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Outcome {
    approach2: Option<(f64, f64)>,
    approach3: Option<(f64, f64)>,
    unusable: bool,
}

/// Checks the noise and the number of simulations.
pub fn check_simulation(noise: f64, simulations: usize) -> Vec<DesignError> {
    let mut out = Vec::new();
    if !(noise.is_finite() && (0.0..MAX_NOISE).contains(&noise)) {
        out.push(DesignError::Noise);
    }
    if !(SIMULATIONS.0..=SIMULATIONS.1).contains(&simulations) {
        out.push(DesignError::Simulations);
    }
    out
}

/// Draws and fits simulated sweeps: the resampling loop's [`Resample`], so copies of a job in
/// several workers share the sweeps as they share a bootstrap's resamples.
#[derive(Debug, Clone)]
struct Simulator {
    runs: Vec<PlannedRun>,
    design: SweepDesign,
    law: LossParams,
    noise: f64,
    seed: u64,
    next: usize,
}

impl Resample for Simulator {
    /// The sweep's number.
    type Sample = usize;
    type Outcome = Outcome;

    fn draw(&mut self) -> usize {
        self.next += 1;
        self.next - 1
    }

    fn refit(&self, m: &usize) -> Outcome {
        self.simulate(*m)
    }

    fn encode(o: Outcome) -> Option<Vec<f64>> {
        let (n2, d2) = o.approach2.unwrap_or((f64::NAN, f64::NAN));
        let (n3, d3) = o.approach3.unwrap_or((f64::NAN, f64::NAN));
        Some(vec![n2, d2, n3, d3, f64::from(u8::from(o.unusable))])
    }

    fn decode(value: Option<Vec<f64>>) -> Outcome {
        let pair = |n: f64, d: f64| (!n.is_nan()).then_some((n, d));
        match value.as_deref() {
            Some(&[n2, d2, n3, d3, u]) => Outcome {
                approach2: pair(n2, d2),
                approach3: pair(n3, d3),
                unusable: u != 0.0,
            },
            _ => Outcome {
                approach2: None,
                approach3: None,
                unusable: false,
            },
        }
    }
}

/// Simulates sweeps of a design, a bounded number at a time, so the page can slice them
/// between frames and share them among its workers.
#[derive(Debug)]
pub struct SimulationJob {
    simulator: Simulator,
    resampling: Resampling,
    outcomes: Vec<Outcome>,
}

impl SimulationJob {
    /// `simulations` sweeps of `design` under `law` with relative `noise`, seeded by `seed`;
    /// refused with every problem of the design, the law or the simulation's own inputs.
    pub fn new(
        design: &SweepDesign,
        law: &LossParams,
        noise: f64,
        simulations: usize,
        seed: u64,
    ) -> Result<Self, Vec<DesignError>> {
        let checked = check_simulation(noise, simulations);
        let runs = match design.runs(law) {
            Ok(runs) if checked.is_empty() => runs,
            Ok(_) => return Err(checked),
            Err(mut problems) => {
                problems.extend(checked);
                return Err(problems);
            }
        };
        Ok(SimulationJob {
            simulator: Simulator {
                runs,
                design: *design,
                law: *law,
                noise,
                seed,
                next: 0,
            },
            resampling: Resampling::new(simulations),
            outcomes: Vec::with_capacity(simulations),
        })
    }

    /// The planned runs.
    #[must_use]
    pub fn runs(&self) -> &[PlannedRun] {
        &self.simulator.runs
    }

    /// The result once every sweep is simulated.
    #[must_use]
    pub fn result(&self) -> Option<Simulated> {
        let total = self.resampling.total();
        if self.outcomes.len() < total {
            return None;
        }
        let truth = self.simulator.law.optimal(self.simulator.design.target);
        let spread = |pick: fn(&Outcome) -> Option<(f64, f64)>| {
            let est: Vec<(f64, f64)> = self.outcomes.iter().filter_map(pick).collect();
            spread_of(&est, truth, total - est.len())
        };
        let unusable = self.outcomes.iter().filter(|o| o.unusable).count();
        Some(Simulated {
            truth,
            simulations: total,
            noise: self.simulator.noise,
            approach2: spread(|o| o.approach2),
            approach3: spread(|o| o.approach3),
            unusable_parabola: unusable as f64 / total as f64,
        })
    }

    /// Simulates every sweep and returns the result.
    #[must_use]
    pub fn run_to_end(mut self) -> Simulated {
        while self.step(usize::MAX) != Progress::Finished {}
        self.result().expect("finished")
    }
}

impl Simulator {
    /// Simulates sweep `m`.
    fn simulate(&self, m: usize) -> Outcome {
        let mut rng =
            SplitMix64::new(self.seed ^ (m as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let losses: Vec<f64> = self
            .runs
            .iter()
            .map(|r| self.law.loss(r.n_params, r.n_tokens) * (self.noise * rng.normal()).exp())
            .collect();
        let runs = as_runs(&self.runs, &losses);
        let target = self.design.target;
        // Approach 2: the planned runs come budget by budget, `sizes` each.
        let profiles: Vec<_> = runs
            .chunks(self.design.sizes)
            .map(|g| fit_profile(g[0].flops, g))
            .collect();
        let unusable = profiles.iter().any(|p| p.note.is_some());
        let approach2 = frontier_of(&profiles)
            .ok()
            .map(|f| (f.n_opt.at(target), f.d_opt.at(target)))
            .filter(|(n, d)| n.is_finite() && d.is_finite() && *n > 0.0 && *d > 0.0);
        // Approach 3, from the truth: [ln A, ln B, ln E, α, β].
        let p = self.law;
        let start = [p.a.ln(), p.b.ln(), p.e.ln(), p.alpha, p.beta];
        let data = LogData::from_runs(&runs);
        let approach3 = minimise(&data, start, &settings())
            .map(|fit| params_of(&fit.theta))
            .filter(|l| l.check().is_ok())
            .map(|l| l.optimal(target))
            .filter(|(n, d)| n.is_finite() && d.is_finite() && *n > 0.0 && *d > 0.0);
        Outcome {
            approach2,
            approach3,
            unusable,
        }
    }
}

impl Sliced for SimulationJob {
    fn step_with(&mut self, budget: usize, exchange: &mut Exchange) -> Progress {
        if self.outcomes.len() < self.resampling.total() {
            let outcomes = &mut self.outcomes;
            self.resampling
                .step(&mut self.simulator, budget, exchange, |o| outcomes.push(o));
        }
        self.progress()
    }

    fn progress(&self) -> Progress {
        let total = self.resampling.total();
        if self.outcomes.len() >= total {
            Progress::Finished
        } else {
            Progress::Running {
                done: self.resampling.done(),
                total,
            }
        }
    }
}

/// The fit panel's L-BFGS and Huber δ, run until an iteration lowers the objective by less
/// than 1e-14 units (the panel's 4e-10 stops a warm start early in the flat valley of α, β and
/// A, B, a few tenths of a per cent of N_opt short of the global search's minimum).
pub(crate) fn settings() -> LbfgsSettings {
    LbfgsSettings {
        tol_cost: 1e-14,
        ..LbfgsSettings::new(DEFAULT_DELTA)
    }
}

/// Bias, interval and RMS log error of `estimates` against `truth`; `None` when empty.
fn spread_of(estimates: &[(f64, f64)], truth: (f64, f64), failed: usize) -> Option<Spread> {
    if estimates.is_empty() {
        return None;
    }
    let k = estimates.len() as f64;
    let log_n: Vec<f64> = estimates.iter().map(|e| (e.0 / truth.0).ln()).collect();
    let log_d: Vec<f64> = estimates.iter().map(|e| (e.1 / truth.1).ln()).collect();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / k;
    Some(Spread {
        n_opt_bias: mean(&log_n).exp() - 1.0,
        d_opt_bias: mean(&log_d).exp() - 1.0,
        n_opt_95: percentile_interval(estimates.iter().map(|e| e.0).collect()),
        d_opt_95: percentile_interval(estimates.iter().map(|e| e.1).collect()),
        rms_log_error: (log_n.iter().map(|x| x * x).sum::<f64>() / k).sqrt(),
        failed,
    })
}
