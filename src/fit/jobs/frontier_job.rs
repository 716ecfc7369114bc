//! Approaches 1 and 2 as a resumable job: the point fit at once, then a seeded bootstrap, one
//! resample per unit of work, for intervals on the exponent, the coefficient and N_opt, D_opt at
//! the user's budget.
//!
//! Approach 2 resamples runs within each budget (stratified), refits every parabola and the
//! power law through the minima; Approach 1 resamples the runs (or the envelope points) and
//! rebuilds the envelope. Hoffmann et al. 2022 (Table 2) bootstrap 80 % subsamples for their
//! 10th–90th percentiles; here it is the ordinary bootstrap and 95 % percentile intervals, like
//! Approach 3's.

use crate::fit::approaches::availability::Approach;
use crate::fit::approaches::powerlaw::{
    approach1, approach2, as_envelope, envelope_of_runs, group_budgets, PowerLaw, PowerLawFrontier,
    Profile,
};
use crate::fit::approaches::profiles::{fit_profile, frontier_of};
use crate::fit::jobs::shard::Exchange;
use crate::fit::resampling::bootstrap::{
    named, percentile_interval, Interval, SplitMix64, MAX_RESAMPLES,
};
use crate::fit::resampling::resample::{Resample, Resampling};
use crate::fit::runs::{EnvelopePoint, Run};
use crate::fit::FitError;

/// Names of [`FrontierIntervals::named`], the command line's `ci` keys for Approaches 1 and 2.
pub const FRONTIER_CI_NAMES: [&str; 5] = ["a", "b", "coef", "N_opt", "D_opt"];

/// 95 % percentile intervals of a power-law frontier's quantities.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FrontierIntervals {
    /// a of N_opt = k·C^a.
    pub params_exponent: Interval,
    /// b of D_opt ∝ C^b.
    pub tokens_exponent: Interval,
    /// k of N_opt = k·C^a.
    pub params_coef: Interval,
    /// N_opt at the fit's budget, when it had one.
    pub n_opt: Option<Interval>,
    /// D_opt at the fit's budget, when it had one.
    pub d_opt: Option<Interval>,
}

impl FrontierIntervals {
    /// (name, interval) in [`FRONTIER_CI_NAMES`] order.
    #[must_use]
    pub fn named(&self) -> Vec<(&'static str, Interval)> {
        let all = [
            Some(self.params_exponent),
            Some(self.tokens_exponent),
            Some(self.params_coef),
            self.n_opt,
            self.d_opt,
        ];
        named(FRONTIER_CI_NAMES, all)
    }
}

/// A frontier bootstrap's intervals and samples.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FrontierCi {
    /// Resamples drawn.
    pub resamples: usize,
    /// Resamples that left fewer than two usable points (left out of the intervals).
    pub failed: usize,
    /// The intervals.
    pub intervals: FrontierIntervals,
    /// Each successful resample's N_opt law, for a band around the fitted line.
    pub samples: Vec<PowerLaw>,
    /// Approach 2: the 95 % interval of each profile's minimum N (in the order of
    /// [`FrontierReport::profiles`]) over the resamples where that parabola was usable.
    pub budget_minima: Vec<Option<Interval>>,
}

/// A finished Approach-1 or Approach-2 fit.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FrontierReport {
    /// Which approach.
    pub approach: Approach,
    /// N_opt = k·C^a and D_opt = k'·C^b.
    pub frontier: PowerLawFrontier,
    /// The points the power laws went through: the envelope (Approach 1) or each usable
    /// budget's minimum (Approach 2).
    pub points: Vec<EnvelopePoint>,
    /// Approach 1 on runs: the runs on the envelope (with their losses); empty otherwise.
    pub envelope_runs: Vec<Run>,
    /// Approach 2: every budget's profile, usable or not; empty for Approach 1.
    pub profiles: Vec<Profile>,
    /// Bootstrap intervals, when asked for.
    pub ci: Option<FrontierCi>,
}

/// What the job resamples.
#[derive(Debug, Clone)]
enum Data {
    /// Envelope points given as such (Approach 1).
    Points(Vec<EnvelopePoint>),
    /// Runs whose envelope is taken (Approach 1).
    Runs(Vec<Run>),
    /// Runs grouped by budget (Approach 2).
    Budgets(Vec<(f64, Vec<Run>)>),
}

/// What one resample gives: its row `[a, b, k, N_opt, D_opt]` when the frontier fits and is
/// finite, and each budget's minimum N (Approach 2; `None` where that parabola was unusable).
struct Outcome {
    row: Option<[f64; 5]>,
    minima: Vec<Option<f64>>,
}

impl Outcome {
    /// As one unit's value between copies: a flag, the row, then the minima (NaN for none).
    fn encode(&self) -> Vec<f64> {
        let mut v = vec![f64::from(u8::from(self.row.is_some()))];
        v.extend(self.row.unwrap_or([0.0; 5]));
        v.extend(self.minima.iter().map(|m| m.unwrap_or(f64::NAN)));
        v
    }

    fn decode(v: &[f64]) -> Option<Outcome> {
        let row: [f64; 5] = v.get(1..6)?.try_into().ok()?;
        Some(Outcome {
            row: (v[0] == 1.0).then_some(row),
            minima: v[6..].iter().map(|&m| (!m.is_nan()).then_some(m)).collect(),
        })
    }
}

/// A resumable Approach-1 or Approach-2 fit with its bootstrap; one unit is one resample.
pub struct FrontierJob {
    refits: Refits,
    report: FrontierReport,
    resampling: Resampling,
    samples: Vec<[f64; 5]>,
    minima: Vec<Vec<f64>>,
    failed: usize,
}

/// What each resample is drawn from and refitted with.
struct Refits {
    data: Data,
    rng: SplitMix64,
    budget_flops: Option<f64>,
}

impl Resample for Refits {
    /// The points, the runs, or the runs of each budget (stratified), as drawn.
    type Sample = Data;
    /// `None` only for a unit that did not read back between copies (a failed refit).
    type Outcome = Option<Outcome>;

    fn draw(&mut self) -> Data {
        match &self.data {
            Data::Points(points) => Data::Points(draw(&mut self.rng, points)),
            Data::Runs(runs) => Data::Runs(draw(&mut self.rng, runs)),
            Data::Budgets(groups) => Data::Budgets(
                groups
                    .iter()
                    .map(|(c, g)| (*c, draw(&mut self.rng, g)))
                    .collect(),
            ),
        }
    }

    /// The frontier refitted to one resample.
    fn refit(&self, sample: &Data) -> Option<Outcome> {
        let (frontier, minima) = match sample {
            Data::Points(points) => (approach1(points), Vec::new()),
            Data::Runs(runs) => (approach1(&as_envelope(&envelope_of_runs(runs))), Vec::new()),
            Data::Budgets(groups) => {
                let profiles: Vec<Profile> =
                    groups.iter().map(|(c, g)| fit_profile(*c, g)).collect();
                let minima = profiles
                    .iter()
                    .map(|p| p.optimum.map(|(n, _, _)| n))
                    .collect();
                (frontier_of(&profiles), minima)
            }
        };
        let row = frontier.ok().and_then(|f| {
            let (n, d) = self
                .budget_flops
                .map_or((0.0, 0.0), |c| (f.n_opt.at(c), f.d_opt.at(c)));
            let row = [f.n_opt.exponent, f.d_opt.exponent, f.n_opt.coef, n, d];
            row.iter().all(|x| x.is_finite()).then_some(row)
        });
        Some(Outcome { row, minima })
    }

    fn encode(outcome: Option<Outcome>) -> Option<Vec<f64>> {
        outcome.map(|o| o.encode())
    }

    fn decode(value: Option<Vec<f64>>) -> Option<Outcome> {
        value.as_deref().and_then(Outcome::decode)
    }
}

fn draw<T: Copy>(rng: &mut SplitMix64, from: &[T]) -> Vec<T> {
    (0..from.len())
        .map(|_| from[rng.below(from.len())])
        .collect()
}

impl FrontierJob {
    /// Approach 1 through envelope points given as such.
    pub fn envelope(
        points: &[EnvelopePoint],
        resamples: usize,
        seed: u64,
        budget_flops: Option<f64>,
    ) -> Result<Self, FitError> {
        let frontier = approach1(points)?;
        let report = FrontierReport {
            approach: Approach::One,
            frontier,
            points: points.to_vec(),
            envelope_runs: Vec::new(),
            profiles: Vec::new(),
            ci: None,
        };
        Self::start(
            Data::Points(points.to_vec()),
            report,
            resamples,
            seed,
            budget_flops,
        )
    }

    /// Approach 1 or 2 on runs.
    pub fn runs(
        approach: Approach,
        runs: &[Run],
        resamples: usize,
        seed: u64,
        budget_flops: Option<f64>,
    ) -> Result<Self, FitError> {
        let (data, report) = match approach {
            Approach::One => {
                let env = envelope_of_runs(runs);
                let points = as_envelope(&env);
                let report = FrontierReport {
                    approach,
                    frontier: approach1(&points)?,
                    points,
                    envelope_runs: env,
                    profiles: Vec::new(),
                    ci: None,
                };
                (Data::Runs(runs.to_vec()), report)
            }
            Approach::Two => {
                let fit = approach2(runs)?;
                let points = fit
                    .profiles
                    .iter()
                    .filter_map(|p| {
                        let (n, d, _) = p.optimum?;
                        Some(EnvelopePoint {
                            line: p.lines.first().copied().unwrap_or(0),
                            flops: p.flops,
                            n_params: n,
                            n_tokens: d,
                        })
                    })
                    .collect();
                let report = FrontierReport {
                    approach,
                    frontier: fit.frontier,
                    points,
                    envelope_runs: Vec::new(),
                    profiles: fit.profiles,
                    ci: None,
                };
                (Data::Budgets(group_budgets(runs)), report)
            }
            Approach::Three => {
                return Err(FitError::InvalidOption(
                    "Approach 3 is fitted by FitJob, not by a power law".into(),
                ))
            }
        };
        Self::start(data, report, resamples, seed, budget_flops)
    }

    fn start(
        data: Data,
        report: FrontierReport,
        resamples: usize,
        seed: u64,
        budget_flops: Option<f64>,
    ) -> Result<Self, FitError> {
        if resamples > MAX_RESAMPLES {
            return Err(FitError::InvalidOption(format!(
                "bootstrap resamples must be at most {MAX_RESAMPLES} (got {resamples})"
            )));
        }
        if let Some(c) = budget_flops {
            if !(c.is_finite() && c > 0.0) {
                return Err(FitError::InvalidOption(format!(
                    "the budget must be a positive number of FLOPs (got {c})"
                )));
            }
        }
        let minima = vec![Vec::new(); report.profiles.len()];
        Ok(FrontierJob {
            refits: Refits {
                data,
                rng: SplitMix64::new(seed),
                budget_flops,
            },
            report,
            resampling: Resampling::new(resamples),
            samples: Vec::with_capacity(resamples),
            minima,
            failed: 0,
        })
    }

    /// Units of work in all (resamples; the point fit is done on creation).
    #[must_use]
    pub fn total(&self) -> usize {
        self.resampling.total()
    }

    /// Units done.
    #[must_use]
    pub fn done(&self) -> usize {
        self.resampling.done()
    }

    /// Does at most `budget` resamples (at least one, unless there are none), shared with the
    /// other copies in `exchange`; true when done.
    pub fn step(&mut self, budget: usize, exchange: &mut Exchange) -> bool {
        let (samples, minima, failed) = (&mut self.samples, &mut self.minima, &mut self.failed);
        self.resampling
            .step(&mut self.refits, budget, exchange, |outcome| {
                let Some(outcome) = outcome else {
                    *failed += 1;
                    return;
                };
                for (k, m) in outcome.minima.iter().enumerate() {
                    if let (Some(n), Some(list)) = (m, minima.get_mut(k)) {
                        list.push(*n);
                    }
                }
                match outcome.row {
                    Some(row) => samples.push(row),
                    None => *failed += 1,
                }
            })
    }

    /// The report with its intervals, once every resample is done (no intervals without a
    /// bootstrap; an error if every resample failed).
    pub fn result(&self) -> Result<FrontierReport, FitError> {
        let mut report = self.report.clone();
        if self.total() == 0 {
            return Ok(report);
        }
        if self.samples.is_empty() {
            return Err(FitError::NoSolution);
        }
        let column = |k: usize| percentile_interval(self.samples.iter().map(|s| s[k]).collect());
        let at_budget = self.refits.budget_flops.is_some();
        report.ci = Some(FrontierCi {
            resamples: self.total(),
            failed: self.failed,
            intervals: FrontierIntervals {
                params_exponent: column(0),
                tokens_exponent: column(1),
                params_coef: column(2),
                n_opt: at_budget.then(|| column(3)),
                d_opt: at_budget.then(|| column(4)),
            },
            samples: self
                .samples
                .iter()
                .map(|s| PowerLaw {
                    coef: s[2],
                    exponent: s[0],
                })
                .collect(),
            budget_minima: self
                .minima
                .iter()
                .map(|m| (m.len() >= 2).then(|| percentile_interval(m.clone())))
                .collect(),
        });
        Ok(report)
    }
}
