//! Bootstrap over rows with a seeded, platform-independent PRNG: 95 % percentile intervals for
//! the Approach-3 coefficients and the allocation they imply.

use crate::fit::approaches::approach3::params_of;
use crate::fit::approaches::constraints::Constraints;
use crate::fit::jobs::shard::Exchange;
use crate::fit::numerics::objective::{LogData, Theta};
use crate::fit::numerics::optim::keep_best;
use crate::fit::numerics::optim::{minimise, LbfgsSettings};
use crate::fit::resampling::resample::{Resample, Resampling};
use crate::fit::FitError;
use crate::law::loss::LossParams;

/// Resamples used when the user does not say.
pub const DEFAULT_RESAMPLES: usize = 1000;
/// The most resamples accepted.
pub const MAX_RESAMPLES: usize = 4000;

/// SplitMix64 (Steele, Lea & Flood 2014): 64-bit integer arithmetic only, so the stream is the
/// same on every platform, native or WebAssembly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator seeded with `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in 0..n (n > 0) by the multiply-shift map (bias below n/2⁶⁴).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A uniform number in [0, 1) with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A standard normal draw (Box–Muller, using `libm` for identical bits everywhere).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.next_f64();
        let u2 = self.next_f64();
        libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(2.0 * std::f64::consts::PI * u2)
    }
}

/// The `q`-quantile (0 ≤ q ≤ 1) of sorted values, interpolating linearly between order
/// statistics (numpy's default); NaN-free for non-empty input.
#[must_use]
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let pos = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (pos - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Names of the bootstrapped quantities, in [`Intervals::named`] order (the command line's JSON
/// keys). `a`, `b` are the allocation exponents β/(α+β) and α/(α+β); `N_opt`, `D_opt` are at
/// the user's budget.
pub const CI_NAMES: [&str; 9] = ["E", "A", "B", "alpha", "beta", "a", "b", "N_opt", "D_opt"];

/// A 95 % percentile interval: [2.5 %, 97.5 %].
pub type Interval = [f64; 2];

/// The 95 % percentile interval of each bootstrapped quantity.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Intervals {
    pub e: Interval,
    pub a: Interval,
    pub b: Interval,
    pub alpha: Interval,
    pub beta: Interval,
    /// a = β/(α+β) of N_opt ∝ C^a.
    pub params_exponent: Interval,
    /// b = α/(α+β) of D_opt ∝ C^b.
    pub tokens_exponent: Interval,
    /// N_opt at the fit's budget, when it had one.
    pub n_opt: Option<Interval>,
    /// D_opt at the fit's budget, when it had one.
    pub d_opt: Option<Interval>,
}

impl Intervals {
    /// (name, interval) in [`CI_NAMES`] order, for text and JSON output.
    #[must_use]
    pub fn named(&self) -> Vec<(&'static str, Interval)> {
        let all = [
            Some(self.e),
            Some(self.a),
            Some(self.b),
            Some(self.alpha),
            Some(self.beta),
            Some(self.params_exponent),
            Some(self.tokens_exponent),
            self.n_opt,
            self.d_opt,
        ];
        named(CI_NAMES, all)
    }
}

/// The intervals that are there, each with its name.
pub(crate) fn named<const K: usize>(
    names: [&'static str; K],
    intervals: [Option<Interval>; K],
) -> Vec<(&'static str, Interval)> {
    names
        .into_iter()
        .zip(intervals)
        .filter_map(|(name, i)| Some((name, i?)))
        .collect()
}

/// The 95 % percentile interval of `values`: [2.5 %, 97.5 %].
pub(crate) fn percentile_interval(mut values: Vec<f64>) -> Interval {
    crate::sort::sort_f64(&mut values);
    [quantile(&values, 0.025), quantile(&values, 0.975)]
}

/// 95 % percentile intervals from a bootstrap.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BootstrapCi {
    /// Resamples drawn.
    pub resamples: usize,
    /// Resamples whose refit gave no finite answer (left out of the intervals).
    pub failed: usize,
    /// The intervals.
    pub intervals: Intervals,
    /// Each successful resample's law, for confidence bands of derived curves.
    pub samples: Vec<LossParams>,
}

/// The 95 % percentile band of `value(law, x)` over the resampled laws, at each `x`:
/// `(x, 2.5 %, 97.5 %)`, skipping points where no resample gives a finite value.
#[must_use]
pub fn percentile_band(
    samples: &[LossParams],
    xs: &[f64],
    value: impl Fn(&LossParams, f64) -> f64,
) -> Vec<(f64, f64, f64)> {
    xs.iter()
        .filter_map(|&x| {
            let mut v: Vec<f64> = samples
                .iter()
                .map(|p| value(p, x))
                .filter(|y| y.is_finite())
                .collect();
            if v.is_empty() {
                return None;
            }
            crate::sort::sort_f64(&mut v);
            Some((x, quantile(&v, 0.025), quantile(&v, 0.975)))
        })
        .collect()
}

/// A resumable bootstrap: one unit of work is one resample and its refit, warm-started from the
/// full-data fit's best local minima.
pub struct BootstrapJob {
    refits: Refits,
    resampling: Resampling,
    samples: Vec<[f64; 9]>,
    failed: usize,
}

/// What each resample is drawn from and refitted with.
struct Refits {
    data: LogData,
    starts: Vec<Theta>,
    settings: LbfgsSettings,
    rng: SplitMix64,
    budget_flops: Option<f64>,
}

impl Resample for Refits {
    /// Each row's count in the resample.
    type Sample = Vec<u32>;
    /// The law's coefficients, exponents and (at the budget) N_opt, D_opt; `None` when the
    /// refit failed.
    type Outcome = Option<[f64; 9]>;

    fn draw(&mut self) -> Vec<u32> {
        let n = self.data.len();
        let mut counts = vec![0u32; n];
        for _ in 0..n {
            counts[self.rng.below(n)] += 1;
        }
        counts
    }

    fn refit(&self, counts: &Vec<u32>) -> Option<[f64; 9]> {
        let data = self.data.reweighted(counts);
        let mut best = Vec::new();
        for &start in &self.starts {
            if let Some(fit) = minimise(&data, start, &self.settings) {
                keep_best(&mut best, fit, 1);
            }
        }
        let p = params_of(&best.first()?.theta);
        let (n_opt, d_opt) = match self.budget_flops {
            Some(c) => p.optimal(c),
            None => (0.0, 0.0),
        };
        let row = [
            p.e,
            p.a,
            p.b,
            p.alpha,
            p.beta,
            p.params_exponent(),
            p.tokens_exponent(),
            n_opt,
            d_opt,
        ];
        row.iter().all(|x| x.is_finite()).then_some(row)
    }

    fn encode(outcome: Option<[f64; 9]>) -> Option<Vec<f64>> {
        outcome.map(|row| row.to_vec())
    }

    fn decode(value: Option<Vec<f64>>) -> Option<[f64; 9]> {
        value.and_then(|v| <[f64; 9]>::try_from(v).ok())
    }
}

impl BootstrapJob {
    /// A bootstrap of `resamples` (1..=4000) refits of `data`, seeded with `seed`.
    pub fn new(
        data: LogData,
        starts: Vec<Theta>,
        delta: f64,
        resamples: usize,
        seed: u64,
        budget_flops: Option<f64>,
    ) -> Result<Self, FitError> {
        if !(1..=MAX_RESAMPLES).contains(&resamples) {
            return Err(FitError::InvalidOption(format!(
                "bootstrap resamples must be 1 to {MAX_RESAMPLES} (got {resamples})"
            )));
        }
        if let Some(c) = budget_flops {
            if !(c.is_finite() && c > 0.0) {
                return Err(FitError::InvalidOption(format!(
                    "the budget must be a positive number of FLOPs (got {c})"
                )));
            }
        }
        Ok(BootstrapJob {
            refits: Refits {
                data,
                starts,
                settings: LbfgsSettings::new(delta),
                rng: SplitMix64::new(seed),
                budget_flops,
            },
            resampling: Resampling::new(resamples),
            samples: Vec::with_capacity(resamples),
            failed: 0,
        })
    }

    /// The same job refitting with `constraints` held (as the point fit was).
    #[must_use]
    pub fn with_constraints(mut self, constraints: Constraints) -> Self {
        self.refits.settings = self.refits.settings.with_constraints(constraints);
        self
    }

    /// Total units (resamples).
    #[must_use]
    pub fn total(&self) -> usize {
        self.resampling.total()
    }

    /// Units done.
    #[must_use]
    pub fn done(&self) -> usize {
        self.resampling.done()
    }

    /// Does at most `budget` resamples (at least one), shared with the other copies in
    /// `exchange`; true when all are done.
    pub fn step(&mut self, budget: usize, exchange: &mut Exchange) -> bool {
        let (samples, failed) = (&mut self.samples, &mut self.failed);
        self.resampling
            .step(&mut self.refits, budget, exchange, |row| match row {
                Some(row) => samples.push(row),
                None => *failed += 1,
            })
    }

    /// The intervals, once every resample is done.
    pub fn intervals(&self) -> Result<BootstrapCi, FitError> {
        if self.samples.is_empty() {
            return Err(FitError::NoSolution);
        }
        let interval = |k: usize| percentile_interval(self.samples.iter().map(|s| s[k]).collect());
        let at_budget = self.refits.budget_flops.is_some();
        let intervals = Intervals {
            e: interval(0),
            a: interval(1),
            b: interval(2),
            alpha: interval(3),
            beta: interval(4),
            params_exponent: interval(5),
            tokens_exponent: interval(6),
            n_opt: at_budget.then(|| interval(7)),
            d_opt: at_budget.then(|| interval(8)),
        };
        Ok(BootstrapCi {
            resamples: self.total(),
            failed: self.failed,
            intervals,
            samples: self
                .samples
                .iter()
                .map(|s| LossParams {
                    e: s[0],
                    a: s[1],
                    b: s[2],
                    alpha: s[3],
                    beta: s[4],
                })
                .collect(),
        })
    }
}
