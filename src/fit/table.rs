//! A finished fit as rows of text, for the page's results table: each coefficient with its
//! bootstrap interval, N_opt and D_opt at a budget, and the caption.

use super::approach::Approach;
use super::approaches::ApproachReport;
use super::bootstrap::{Interval, Intervals};
use super::frontier_job::FrontierReport;
use super::job::FitReport;
use crate::law::quantity::{format_count, significant};

/// One row: a key (the page's `data-coef`), its label, the estimate and the interval.
#[derive(Debug, Clone, PartialEq)]
pub struct FitRow {
    pub key: &'static str,
    pub label: &'static str,
    pub estimate: String,
    /// "lo – hi", or why there is none ("—" when the fit had no bootstrap).
    pub interval: String,
}

fn four(x: f64) -> String {
    significant(x, 4)
}

fn span(interval: Option<Interval>, fmt: fn(f64) -> String) -> String {
    interval.map_or_else(
        || "—".to_string(),
        |[lo, hi]| format!("{} – {}", fmt(lo), fmt(hi)),
    )
}

/// The coefficients E, A, B, α, β, the exponents a and b, G, the objective and the run count.
#[must_use]
pub fn coefficient_rows(report: &FitReport) -> Vec<FitRow> {
    let p = report.fit.params;
    let ci: Option<Intervals> = report.ci.as_ref().map(|c| c.intervals);
    let row = |key, label, estimate, interval: Option<Interval>| FitRow {
        key,
        label,
        estimate,
        interval: span(interval, four),
    };
    vec![
        row("E", "E", four(p.e), ci.map(|i| i.e)),
        row("A", "A", four(p.a), ci.map(|i| i.a)),
        row("B", "B", four(p.b), ci.map(|i| i.b)),
        row("alpha", "α", four(p.alpha), ci.map(|i| i.alpha)),
        row("beta", "β", four(p.beta), ci.map(|i| i.beta)),
        row(
            "a",
            "a = β/(α+β)",
            four(p.params_exponent()),
            ci.map(|i| i.params_exponent),
        ),
        row(
            "b",
            "b = α/(α+β)",
            four(p.tokens_exponent()),
            ci.map(|i| i.tokens_exponent),
        ),
        row("G", "G", four(p.g()), None),
        row(
            "objective",
            "Objective Σ Huber",
            four(report.fit.objective),
            None,
        ),
        row(
            "n_points",
            "Runs fitted",
            report.fit.n_points.to_string(),
            None,
        ),
    ]
}

/// Approaches 1 and 2: the exponents a and b, the coefficient k of N_opt = k·C^a with its
/// interval, and how many points the power law went through.
#[must_use]
pub fn frontier_rows(report: &FrontierReport) -> Vec<FitRow> {
    let f = &report.frontier;
    let ci = report.ci.as_ref().map(|c| c.intervals);
    let row = |key, label, estimate, interval: Option<Interval>| FitRow {
        key,
        label,
        estimate,
        interval: span(interval, four),
    };
    let points = match report.approach {
        Approach::Two => "Budgets used",
        _ => "Envelope points",
    };
    vec![
        row(
            "a",
            "a (N_opt ∝ C^a)",
            four(f.n_opt.exponent),
            ci.map(|i| i.params_exponent),
        ),
        row(
            "b",
            "b (D_opt ∝ C^b)",
            four(f.d_opt.exponent),
            ci.map(|i| i.tokens_exponent),
        ),
        row(
            "coef",
            "k (N_opt = k·C^a)",
            four(f.n_opt.coef),
            ci.map(|i| i.params_coef),
        ),
        row("n_points", points, f.n_points.to_string(), None),
    ]
}

/// N_opt and D_opt at `flops`; their intervals only when the fit was run at that budget.
#[must_use]
pub fn allocation_rows(report: &FitReport, fit_budget: Option<f64>, flops: f64) -> Vec<FitRow> {
    let ci = report.ci.as_ref().map(|c| c.intervals);
    optimum_rows(
        report.fit.params.optimal(flops),
        fit_budget == Some(flops),
        (ci.and_then(|i| i.n_opt), ci.and_then(|i| i.d_opt)),
    )
}

/// Where an interval was bootstrapped at another budget than the page's.
pub const RUN_AGAIN: &str = "run again for this budget";

/// The N_opt and D_opt rows: `(n, d)` at the budget, with their intervals when the fit was
/// run at that budget (`same_budget`), else a note to run it again there.
fn optimum_rows(
    (n, d): (f64, f64),
    same_budget: bool,
    (n_ci, d_ci): (Option<Interval>, Option<Interval>),
) -> Vec<FitRow> {
    let interval = |ci: Option<Interval>| {
        if same_budget {
            span(ci, format_count)
        } else {
            RUN_AGAIN.to_string()
        }
    };
    vec![
        FitRow {
            key: "N_opt",
            label: "N_opt at the budget",
            estimate: format_count(n),
            interval: interval(n_ci),
        },
        FitRow {
            key: "D_opt",
            label: "D_opt at the budget",
            estimate: format_count(d),
            interval: interval(d_ci),
        },
    ]
}

/// Approaches 1 and 2: N_opt and D_opt at `flops` from the report's power laws; their
/// intervals only when the fit was run at that budget.
#[must_use]
pub fn frontier_allocation_rows(report: &ApproachReport, flops: f64) -> Vec<FitRow> {
    optimum_rows(
        report.optimal(flops),
        report.budget_flops == Some(flops),
        report.allocation_intervals(flops),
    )
}

/// "Approach 2 (IsoFLOP profiles) on 28 runs (40 ms); 95 % percentile intervals from 200
/// bootstrap resamples."
#[must_use]
pub fn frontier_caption(report: &FrontierReport, runs: usize, elapsed_ms: f64) -> String {
    frontier_caption_of(report, &format!("{runs} runs"), elapsed_ms)
}

/// "Approach 1 (envelope) on 5 envelope points (3 ms); …": Approach 1 on pasted
/// (C, N_opt) points rather than runs.
#[must_use]
pub fn envelope_caption(report: &FrontierReport, points: usize, elapsed_ms: f64) -> String {
    frontier_caption_of(report, &format!("{points} envelope points"), elapsed_ms)
}

fn frontier_caption_of(report: &FrontierReport, what: &str, elapsed_ms: f64) -> String {
    let head = format!("{} on {what} ({elapsed_ms:.0} ms)", report.approach.title());
    match &report.ci {
        Some(ci) => format!(
            "{head}; 95 % percentile intervals from {} bootstrap resamples{}.",
            ci.resamples,
            if ci.failed > 0 {
                format!(" ({} left too few points and were left out)", ci.failed)
            } else {
                String::new()
            }
        ),
        None => format!("{head}; no bootstrap, so no intervals."),
    }
}

/// " Held fixed: E = 1.69, α = 0.34, α = β." after the caption of a fit with fixed or tied
/// coefficients; empty for a free fit.
#[must_use]
pub fn held_note(constraints: &super::Constraints) -> String {
    if constraints.is_free() {
        String::new()
    } else {
        format!(" Held fixed: {}.", constraints.describe())
    }
}

/// "Fit of 48 runs (global, 95 ms); 95 % percentile intervals from 1000 bootstrap resamples."
#[must_use]
pub fn caption(report: &FitReport, elapsed_ms: f64) -> String {
    let fit = &report.fit;
    match &report.ci {
        Some(ci) => format!(
            "Fit of {} runs ({}, {:.0} ms); 95 % percentile intervals from {} bootstrap resamples{}.",
            fit.n_points,
            fit.method.name(),
            elapsed_ms,
            ci.resamples,
            if ci.failed > 0 {
                format!(" ({} refits failed and were left out)", ci.failed)
            } else {
                String::new()
            }
        ),
        None => format!(
            "Fit of {} runs ({}, {:.0} ms); no bootstrap, so no intervals.",
            fit.n_points,
            fit.method.name(),
            elapsed_ms
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fit::example::{example_csv, EXAMPLE_LAW};
    use crate::fit::{parse_runs, FitJob, FitOptions};

    fn report(bootstrap: usize, budget: Option<f64>) -> FitReport {
        let ds = parse_runs(&example_csv(1)).unwrap();
        let options = FitOptions {
            bootstrap,
            budget_flops: budget,
            ..FitOptions::default()
        };
        FitJob::new(&ds.runs, &options)
            .unwrap()
            .run_to_end()
            .unwrap()
    }

    /// The rows carry the fit's own numbers to four figures; the example's law is Epoch's refit
    /// (α 0.3478), which 48 runs with 0.5 % noise recover to ±0.02 (see fit_synthetic.rs).
    #[test]
    fn rows_show_the_fit_and_its_intervals() {
        let r = report(20, Some(1e22));
        let rows = coefficient_rows(&r);
        let alpha = rows.iter().find(|x| x.key == "alpha").unwrap();
        let value: f64 = alpha.estimate.parse().unwrap();
        assert!((value - EXAMPLE_LAW.alpha).abs() < 0.02, "{value}");
        assert_eq!(alpha.estimate, significant(r.fit.params.alpha, 4));
        let [lo, hi] = r.ci.as_ref().unwrap().intervals.alpha;
        assert_eq!(alpha.interval, format!("{} – {}", four(lo), four(hi)));
        let g = rows.iter().find(|x| x.key == "G").unwrap();
        assert_eq!(g.interval, "—");

        // At the fit's budget the intervals are the bootstrap's; elsewhere the page says so.
        let at = allocation_rows(&r, Some(1e22), 1e22);
        assert_eq!(at[0].estimate, format_count(r.fit.params.optimal(1e22).0));
        assert!(at[0].interval.contains(" – "), "{}", at[0].interval);
        let elsewhere = allocation_rows(&r, Some(1e22), 1e23);
        assert_eq!(elsewhere[1].interval, "run again for this budget");
        assert!(caption(&r, 12.0).contains("from 20 bootstrap resamples"));
    }

    /// Approach 2 on a noise-free sweep of the example's law: the rows carry the report's own
    /// numbers to four figures and its bootstrap intervals.
    #[test]
    fn frontier_rows_show_the_power_law_and_its_intervals() {
        use crate::fit::{Approach, ApproachFit, ApproachJob, Run};
        let mut runs = Vec::new();
        for c in [1e18, 1e19, 1e20, 1e21] {
            let n_star = EXAMPLE_LAW.optimal(c).0;
            for k in -3..=3 {
                let n = n_star * 1.5f64.powi(k);
                runs.push(Run {
                    line: runs.len() + 2,
                    n_params: n,
                    n_tokens: c / (6.0 * n),
                    flops: c,
                    loss: EXAMPLE_LAW.loss(n, c / (6.0 * n)),
                    budget: None,
                });
            }
        }
        let options = FitOptions {
            approach: Approach::Two,
            bootstrap: 20,
            budget_flops: Some(1e21),
            ..FitOptions::default()
        };
        let report = ApproachJob::new(&runs, &options)
            .unwrap()
            .run_to_end()
            .unwrap();
        // At the fit's budget N_opt and D_opt carry the bootstrap's intervals.
        let here = frontier_allocation_rows(&report, 1e21);
        let (n_ci, _) = report.allocation_intervals(1e21);
        let [lo, hi] = n_ci.unwrap();
        assert_eq!(
            here[0].interval,
            format!("{} – {}", format_count(lo), format_count(hi))
        );
        let ApproachFit::Frontier(f) = &report.fit else {
            panic!("Approach 2 is a power law")
        };
        let rows = frontier_rows(f);
        assert_eq!(rows[0].estimate, significant(f.frontier.n_opt.exponent, 4));
        let [lo, hi] = f.ci.as_ref().unwrap().intervals.params_exponent;
        assert_eq!(rows[0].interval, format!("{} – {}", four(lo), four(hi)));
        assert_eq!(
            (rows[3].label, rows[3].estimate.as_str()),
            ("Budgets used", "4")
        );
        // Another budget: N_opt, D_opt from the power laws, no intervals there.
        let at = frontier_allocation_rows(&report, 1e22);
        assert_eq!(at[0].estimate, format_count(report.optimal(1e22).0));
        assert_eq!(at[1].interval, "run again for this budget");
        let text = frontier_caption(f, runs.len(), 12.0);
        assert!(
            text.starts_with("Approach 2 (IsoFLOP profiles) on 28 runs (12 ms); 95 % percentile intervals from 20 bootstrap resamples"),
            "{text}"
        );
    }

    #[test]
    fn no_bootstrap_no_intervals() {
        let r = report(0, None);
        assert!(coefficient_rows(&r).iter().all(|x| x.interval == "—"));
        assert_eq!(
            allocation_rows(&r, None, 1e22)[0].interval,
            "run again for this budget"
        );
        assert!(caption(&r, 3.0).ends_with("no bootstrap, so no intervals."));
    }
}
