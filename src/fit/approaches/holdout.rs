//! The held-out check: refit without the largest budget (or the largest runs by compute) and
//! say how well the fit predicts what was left out, in loss and in N_opt.
//!
//! Extrapolating to larger compute is what a scaling law is for; Hoffmann et al. 2022 check
//! theirs by training Chinchilla at the Gopher budget (Sec. 4). Here the check is on the user's
//! own runs. The observed N_opt of a held-out budget is its IsoFLOP parabola's minimum
//! (Approach 2's measurement, `fit::approaches::profiles`), or its lowest-loss run when the parabola's
//! minimum is unusable; a held-out group with fewer than three sizes has no observed N_opt.

use crate::fit::approaches::powerlaw::{group_budgets, PowerLaw};
use crate::fit::approaches::profiles::fit_profile;
use crate::fit::jobs::frontier_job::FrontierReport;
use crate::fit::runs::Run;
use crate::fit::{FitError, HoldoutRefusal};
use crate::i18n::{fit, Lang};
use crate::law::loss::LossParams;

/// What to leave out.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Holdout {
    /// The budget with the most compute (the budget column, or C clustered within ±5 %).
    LargestBudget,
    /// This fraction (0 < f ≤ 0.5) of the runs, those with the most compute.
    Fraction(f64),
}

impl Holdout {
    /// Reads `largest-budget` or a fraction such as `0.2`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        if t == "largest-budget" {
            return Ok(Holdout::LargestBudget);
        }
        match t.parse::<f64>() {
            Ok(f) if f > 0.0 && f <= 0.5 => Ok(Holdout::Fraction(f)),
            _ => Err(format!(
                "the held-out part must be largest-budget or a fraction above 0 and at most 0.5 (got {t:?})"
            )),
        }
    }

    /// "the largest budget" or "the 20 % of runs with the most compute".
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Holdout::LargestBudget => "the largest budget".to_string(),
            Holdout::Fraction(f) => format!("the {} % of runs with the most compute", f * 100.0),
        }
    }

    /// (runs to fit, runs held out). Refused when nothing would be left on either side.
    pub fn split(&self, runs: &[Run]) -> Result<(Vec<Run>, Vec<Run>), FitError> {
        match *self {
            Holdout::LargestBudget => {
                let mut groups = group_budgets(runs);
                if groups.len() < 2 {
                    return Err(FitError::Holdout(HoldoutRefusal::NeedsTwoBudgets));
                }
                let held = groups.pop().map(|g| g.1).unwrap_or_default();
                let mut train: Vec<Run> = groups.into_iter().flat_map(|g| g.1).collect();
                crate::sort::sort_by_key(&mut train, |r| r.line);
                Ok((train, held))
            }
            Holdout::Fraction(f) => {
                if !(f > 0.0 && f <= 0.5) || runs.len() < 2 {
                    return Err(FitError::Holdout(HoldoutRefusal::Fraction {
                        fraction: f,
                        runs: runs.len(),
                    }));
                }
                let k = ((f * runs.len() as f64).ceil() as usize).clamp(1, runs.len() - 1);
                let mut order: Vec<Run> = runs.to_vec();
                crate::sort::sort_by(&mut order, |a, b| {
                    b.flops.total_cmp(&a.flops).then(a.line.cmp(&b.line))
                });
                let mut train = order.split_off(k);
                crate::sort::sort_by_key(&mut train, |r| r.line);
                crate::sort::sort_by_key(&mut order, |r| r.line);
                Ok((train, order))
            }
        }
    }
}

/// How far predicted losses are from the held-out ones, relative: L̂/L − 1.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LossError {
    /// Losses compared.
    pub points: usize,
    /// Mean of L̂/L − 1 (its sign says over- or under-prediction).
    pub mean_rel: f64,
    /// Mean of |L̂/L − 1|.
    pub mean_abs_rel: f64,
    /// Largest |L̂/L − 1|.
    pub max_abs_rel: f64,
}

impl LossError {
    fn of(pairs: &[(f64, f64)]) -> Option<Self> {
        let rel: Vec<f64> = pairs
            .iter()
            .map(|&(pred, obs)| pred / obs - 1.0)
            .filter(|r| r.is_finite())
            .collect();
        if rel.is_empty() {
            return None;
        }
        let n = rel.len() as f64;
        Some(LossError {
            points: rel.len(),
            mean_rel: rel.iter().sum::<f64>() / n,
            mean_abs_rel: rel.iter().map(|r| r.abs()).sum::<f64>() / n,
            max_abs_rel: rel.iter().fold(0.0, |m, r| m.max(r.abs())),
        })
    }
}

/// The predicted against the observed N_opt of one held-out budget.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OptimumCheck {
    /// The budget C.
    pub flops: f64,
    /// Observed N_opt: the parabola's minimum, or the lowest-loss run.
    pub observed: f64,
    /// The fit's N_opt at C.
    pub predicted: f64,
    /// predicted/observed − 1.
    pub rel_error: f64,
    /// True when `observed` is the parabola's minimum, false for the lowest-loss run.
    pub from_parabola: bool,
}

/// The outcome of a held-out check.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HeldOut {
    /// What was left out.
    pub holdout: Holdout,
    /// Runs the refit used.
    pub train_runs: usize,
    /// Runs left out.
    pub held_runs: usize,
    /// Loss prediction error: every held-out run (Approach 3), or each held-out budget's
    /// minimum loss against a power law through the fitted minima (Approaches 1 and 2).
    pub loss: Option<LossError>,
    /// N_opt error at each held-out budget whose optimum can be observed.
    pub n_opt: Vec<OptimumCheck>,
    /// What could not be checked, and why.
    pub note: Option<String>,
}

/// The held-out check as the fit panel says it, one sentence a line: what was refitted, the
/// loss error, each budget's N_opt error, and what could not be checked; or why it failed.
#[must_use]
pub fn held_out_lines(check: &Result<HeldOut, FitError>, lang: Lang) -> Vec<String> {
    let h = match check {
        Err(e) => return vec![fit::held_out_failed(lang, &e.text(lang))],
        Ok(h) => h,
    };
    let pct = |x: f64| crate::law::quantity::significant(100.0 * x, 3);
    let what = match h.holdout {
        Holdout::LargestBudget => fit::held_out_largest(lang).to_string(),
        Holdout::Fraction(f) => fit::held_out_fraction(lang, &(f * 100.0)),
    };
    let mut lines = vec![fit::held_out_refitted(
        lang,
        &h.train_runs,
        &what,
        &h.held_runs,
    )];
    if let Some(l) = h.loss {
        let line = if l.points == 1 {
            fit::held_out_loss_one
        } else {
            fit::held_out_loss_many
        };
        lines.push(line(
            lang,
            &pct(l.mean_rel),
            &pct(l.mean_abs_rel),
            &pct(l.max_abs_rel),
            &l.points,
        ));
    }
    for c in &h.n_opt {
        let line = if c.from_parabola {
            fit::held_out_n_opt_parabola
        } else {
            fit::held_out_n_opt_lowest
        };
        lines.push(line(
            lang,
            &crate::law::quantity::format_flops(c.flops),
            &crate::law::quantity::format_count_in(c.predicted, lang),
            &crate::law::quantity::format_count_in(c.observed, lang),
            &pct(c.rel_error),
        ));
    }
    lines.extend(h.note.iter().map(|n| match n.as_str() {
        NO_PROFILE => format!("{}.", fit::held_out_no_profile(lang)),
        NO_LOSSES => format!("{}.", fit::held_out_no_losses(lang)),
        other => format!("{other}."),
    }));
    lines
}

/// Each held-out budget's observed optimum: (C, N, loss, from the parabola).
fn observed(held: &[Run]) -> Vec<(f64, f64, f64, bool)> {
    group_budgets(held)
        .into_iter()
        .filter_map(|(c, g)| {
            let p = fit_profile(c, &g);
            if let Some((n, _, loss)) = p.optimum {
                return Some((c, n, loss, true));
            }
            if p.distinct_sizes() < 3 {
                return None;
            }
            let best = g.iter().min_by(|a, b| a.loss.total_cmp(&b.loss))?;
            Some((c, best.n_params, best.loss, false))
        })
        .collect()
}

fn checks(optima: &[(f64, f64, f64, bool)], n_at: impl Fn(f64) -> f64) -> Vec<OptimumCheck> {
    optima
        .iter()
        .map(|&(flops, observed, _, from_parabola)| {
            let predicted = n_at(flops);
            OptimumCheck {
                flops,
                observed,
                predicted,
                rel_error: predicted / observed - 1.0,
                from_parabola,
            }
        })
        .filter(|c| c.rel_error.is_finite())
        .collect()
}

const NO_LOSSES: &str = "the fitted minima carry no losses to extrapolate";

const NO_PROFILE: &str =
    "the held-out runs form no IsoFLOP profile with three or more sizes, so their N_opt is not observed";

/// The check for an Approach-3 law fitted to `train`.
#[must_use]
pub fn check_law(params: &LossParams, holdout: Holdout, train: usize, held: &[Run]) -> HeldOut {
    let pairs: Vec<(f64, f64)> = held
        .iter()
        .map(|r| (params.loss(r.n_params, r.n_tokens), r.loss))
        .collect();
    let n_opt = checks(&observed(held), |c| params.optimal(c).0);
    HeldOut {
        holdout,
        train_runs: train,
        held_runs: held.len(),
        loss: LossError::of(&pairs),
        note: n_opt.is_empty().then(|| NO_PROFILE.to_string()),
        n_opt,
    }
}

/// The check for an Approach-1 or Approach-2 frontier fitted to `train`. Loss is predicted by a
/// power law L_min = k·C^(−γ) through the fitted minima (the form of Kaplan et al. 2020,
/// Eq. 1.3, L(C_min) = (C_c/C_min)^α_C), which Approaches 1 and 2 do not define themselves.
#[must_use]
pub fn check_frontier(
    report: &FrontierReport,
    holdout: Holdout,
    train: usize,
    held: &[Run],
) -> HeldOut {
    let optima = observed(held);
    let n_opt = checks(&optima, |c| report.frontier.n_opt.at(c));
    let minima: Vec<(f64, f64)> = if report.profiles.is_empty() {
        report
            .envelope_runs
            .iter()
            .map(|r| (r.flops, r.loss))
            .collect()
    } else {
        report
            .profiles
            .iter()
            .filter_map(|p| Some((p.flops, p.optimum?.2)))
            .collect()
    };
    let (c, l): (Vec<f64>, Vec<f64>) = minima.into_iter().unzip();
    let loss_law = PowerLaw::fit(&c, &l).ok();
    let loss = loss_law.and_then(|law| {
        let pairs: Vec<(f64, f64)> = optima.iter().map(|o| (law.at(o.0), o.2)).collect();
        LossError::of(&pairs)
    });
    let note = match (n_opt.is_empty(), loss_law.is_none()) {
        (true, _) => Some(NO_PROFILE.to_string()),
        (false, true) => Some(NO_LOSSES.to_string()),
        _ => None,
    };
    HeldOut {
        holdout,
        train_runs: train,
        held_runs: held.len(),
        loss,
        n_opt,
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(line: usize, n: f64, c: f64) -> Run {
        Run {
            line,
            n_params: n,
            n_tokens: c / (6.0 * n),
            flops: c,
            loss: 3.0,
            budget: None,
        }
    }

    #[test]
    fn splits_take_the_most_compute() {
        let runs: Vec<Run> = [1e19, 1e20, 1e21, 1.01e21, 1e19]
            .into_iter()
            .enumerate()
            .map(|(i, c)| run(i + 2, 1e8 * (i + 1) as f64, c))
            .collect();
        let (train, held) = Holdout::LargestBudget.split(&runs).unwrap();
        let lines = |v: &[Run]| v.iter().map(|r| r.line).collect::<Vec<_>>();
        assert_eq!((lines(&train), lines(&held)), (vec![2, 3, 6], vec![4, 5]));
        // 0.2 of 5 runs → 1 run, the one with the most compute (line 5).
        let (train, held) = Holdout::Fraction(0.2).split(&runs).unwrap();
        assert_eq!((train.len(), lines(&held)), (4, vec![5]));
        assert!(Holdout::LargestBudget.split(&runs[..1]).is_err());
        assert_eq!(Holdout::parse("0.25"), Ok(Holdout::Fraction(0.25)));
        assert!(Holdout::parse("0.6").is_err() && Holdout::parse("last").is_err());
    }

    /// The panel's sentences carry the check's own numbers; a failed check says why.
    #[test]
    fn held_out_lines_say_what_was_checked() {
        let h = HeldOut {
            holdout: Holdout::LargestBudget,
            train_runs: 28,
            held_runs: 7,
            loss: Some(LossError {
                points: 1,
                mean_rel: -0.0012,
                mean_abs_rel: 0.0012,
                max_abs_rel: 0.0012,
            }),
            n_opt: vec![OptimumCheck {
                flops: 1e22,
                observed: 5e9,
                predicted: 5.5e9,
                rel_error: 0.1,
                from_parabola: true,
            }],
            note: None,
        };
        let lines = held_out_lines(&Ok(h), Lang::En);
        assert_eq!(
            lines[0],
            "Refitted on 28 runs without the largest budget (7 runs held out)."
        );
        assert!(
            lines[1].contains("mean error -0.120 %") && lines[1].ends_with("over 1 point."),
            "{}",
            lines[1]
        );
        assert!(
            lines[2]
                .contains("predicted 5.50B, observed 5.00B (the parabola's minimum), error 10.0 %"),
            "{}",
            lines[2]
        );
        let failed = held_out_lines(&Err(FitError::InvalidOption("x".into())), Lang::En);
        assert!(failed[0].starts_with("The held-out check could not run: "));
    }
}
