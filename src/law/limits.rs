//! The accepted range of every number a user types (page fields, links, the command line):
//! wide enough for any real training run, narrow enough that no answer overflows into `inf`
//! or collapses to nonsense (a link with `unique=5e-324` once showed "inf" epochs).

use crate::i18n::{fields, Lang};

/// An accepted range `[min, max]` for one input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    pub min: f64,
    pub max: f64,
}

impl Limits {
    const fn new(min: f64, max: f64) -> Self {
        Limits { min, max }
    }

    /// Whether `x` is finite and within the range.
    #[must_use]
    pub fn contains(&self, x: f64) -> bool {
        x.is_finite() && self.min <= x && x <= self.max
    }

    /// "1e6 to 1e17", for messages.
    #[must_use]
    pub fn describe(&self) -> String {
        self.describe_in(Lang::En)
    }

    /// The range in `lang`: "1e6 to 1e17", "1e6 至 1e17".
    #[must_use]
    pub fn describe_in(&self, lang: Lang) -> String {
        let show = |x: f64| {
            if x == 0.0 {
                "0".to_string()
            } else if (1e-3..1e6).contains(&x.abs()) {
                let s = crate::law::quantity::significant(x, 3);
                if s.contains('.') {
                    s.trim_end_matches('0').trim_end_matches('.').to_string()
                } else {
                    s
                }
            } else {
                format!("{x:e}")
            }
        };
        fields::range(lang, &show(self.min), &show(self.max))
    }

    /// "outside the accepted range, 1e12 to 1e35": a link notice's reason, in `lang`.
    #[must_use]
    pub fn outside(&self, lang: Lang) -> String {
        fields::outside_range(lang, &self.describe_in(lang))
    }

    /// `x` if within the range, else the range itself (the caller names it).
    pub fn check(&self, x: f64) -> Result<f64, Limits> {
        if self.contains(x) {
            Ok(x)
        } else {
            Err(*self)
        }
    }
}

/// A compute budget: 1e12 FLOPs (a few seconds of one GPU) to 1e35 (far beyond any run).
pub const FLOPS: Limits = Limits::new(1e12, 1e35);
/// A parameter count: 1000 to 1e15.
pub const PARAMS: Limits = Limits::new(1e3, 1e15);
/// A training token count: 1000 to 1e17.
pub const TOKENS: Limits = Limits::new(1e3, 1e17);
/// Unique tokens available: a million to 1e17 (fewer makes epochs meaningless).
pub const UNIQUE_TOKENS: Limits = Limits::new(1e6, 1e17);
/// Lifetime inference tokens: a million to 1e20.
pub const INFERENCE_TOKENS: Limits = Limits::new(1e6, 1e20);
/// Devices: 1 to ten million.
pub const DEVICES: Limits = Limits::new(1.0, 1e7);
/// Wall-clock days: 1.44 minutes to a century.
pub const DAYS: Limits = Limits::new(1e-3, 36_525.0);
/// Dollars per device-hour: 0 to a million.
pub const PRICE: Limits = Limits::new(0.0, 1e6);
/// A compute multiplier k: 1e-6 to 1e9.
pub const MULTIPLIER: Limits = Limits::new(1e-6, 1e9);
/// A target loss in nats/token: 0.001 to 100.
pub const LOSS: Limits = Limits::new(1e-3, 100.0);
/// A vocabulary size: 1 to 1e8 tokens.
pub const VOCAB: Limits = Limits::new(1.0, 1e8);
/// An aspect ratio d_model/n_layer: 0.1 to 10 000.
pub const ASPECT: Limits = Limits::new(0.1, 1e4);
/// A training context (sequence length): 1 to ten million tokens.
pub const CONTEXT: Limits = Limits::new(1.0, 1e7);
/// Warm-up steps: 0 to ten million.
pub const WARMUP: Limits = Limits::new(0.0, 1e7);
/// A planned sweep's number of budgets, as typed (the planner needs two or more).
pub const SWEEP_BUDGETS: Limits = Limits::new(1.0, 20.0);
/// The factor between a planned sweep's budgets, as typed (the planner needs above 1).
pub const SWEEP_SPACING: Limits = Limits::new(1.0, 1000.0);
/// Model sizes per budget, as typed (a parabola needs three or more).
pub const SWEEP_SIZES: Limits = Limits::new(1.0, 30.0);
/// The sizes' reach ×k either side of N_opt, as typed (the planner needs above 1).
pub const SWEEP_WIDTH: Limits = Limits::new(1.0, 100.0);
/// The sizes' centre as a multiple of N_opt.
pub const SWEEP_OFFSET: Limits = Limits::new(0.01, 100.0);
/// Relative noise on each simulated loss, in per cent (the planner takes below 20).
pub const SWEEP_NOISE_PERCENT: Limits = Limits::new(0.0, 50.0);
/// Simulated sweeps per design (the planner takes 10 or more).
pub const SWEEP_SIMULATIONS: Limits = Limits::new(1.0, 2000.0);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_read_as_people_write_them() {
        assert_eq!(FLOPS.describe(), "1e12 to 1e35");
        assert_eq!(PRICE.describe(), "0 to 1e6");
        assert_eq!(ASPECT.describe(), "0.1 to 10000");
        assert_eq!(UNIQUE_TOKENS.describe(), "1e6 to 1e17");
        assert!(UNIQUE_TOKENS.check(5e-324).is_err());
        for l in [
            FLOPS,
            PARAMS,
            TOKENS,
            UNIQUE_TOKENS,
            INFERENCE_TOKENS,
            DEVICES,
            DAYS,
            PRICE,
            MULTIPLIER,
            LOSS,
            VOCAB,
            ASPECT,
        ] {
            assert_eq!(
                l.outside(Lang::En),
                format!("outside the accepted range, {}", l.describe())
            );
            assert_eq!(
                l.outside(Lang::Zh),
                format!("超出可接受范围（{}）", l.describe_in(Lang::Zh))
            );
        }
        assert!(!FLOPS.contains(f64::INFINITY) && !PRICE.contains(f64::NAN));
        assert_eq!(DAYS.check(30.0), Ok(30.0));
    }
}
