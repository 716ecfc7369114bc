//! A finished fit as rows of text, for the fit panel's results table: each coefficient with its
//! bootstrap interval, N_opt and D_opt at a budget, and the caption.

use crate::fit::approaches::availability::Approach;
use crate::fit::jobs::approach_job::ApproachReport;
use crate::fit::jobs::fit_job::FitReport;
use crate::fit::jobs::frontier_job::FrontierReport;
use crate::fit::resampling::bootstrap::{Interval, Intervals};
use crate::i18n::{fit as cat, Lang};
use crate::law::quantity::{format_count_in, significant};

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
pub fn coefficient_rows(report: &FitReport, lang: Lang) -> Vec<FitRow> {
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
            cat::row_objective(lang),
            four(report.fit.objective),
            None,
        ),
        row(
            "n_points",
            cat::row_runs_fitted(lang),
            report.fit.n_points.to_string(),
            None,
        ),
    ]
}

/// Approaches 1 and 2: the exponents a and b, the coefficient k of N_opt = k·C^a with its
/// interval, and how many points the power law went through.
#[must_use]
pub fn frontier_rows(report: &FrontierReport, lang: Lang) -> Vec<FitRow> {
    let f = &report.frontier;
    let ci = report.ci.as_ref().map(|c| c.intervals);
    let row = |key, label, estimate, interval: Option<Interval>| FitRow {
        key,
        label,
        estimate,
        interval: span(interval, four),
    };
    let points = match report.approach {
        Approach::Two => cat::row_budgets_used(lang),
        _ => cat::row_envelope_points(lang),
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
pub fn allocation_rows(
    report: &FitReport,
    fit_budget: Option<f64>,
    flops: f64,
    lang: Lang,
) -> Vec<FitRow> {
    let ci = report.ci.as_ref().map(|c| c.intervals);
    optimum_rows(
        report.fit.params.optimal(flops),
        fit_budget == Some(flops),
        (ci.and_then(|i| i.n_opt), ci.and_then(|i| i.d_opt)),
        lang,
    )
}

/// Where an interval was bootstrapped at another budget than the page's.
#[must_use]
pub fn run_again(lang: Lang) -> &'static str {
    cat::run_again(lang)
}

/// The N_opt and D_opt rows: `(n, d)` at the budget, with their intervals when the fit was
/// run at that budget (`same_budget`), else a note to run it again there.
fn optimum_rows(
    (n, d): (f64, f64),
    same_budget: bool,
    (n_ci, d_ci): (Option<Interval>, Option<Interval>),
    lang: Lang,
) -> Vec<FitRow> {
    let count = |x: f64| format_count_in(x, lang);
    let interval = |ci: Option<Interval>| {
        if same_budget {
            ci.map_or_else(
                || "—".to_string(),
                |[lo, hi]| format!("{} – {}", count(lo), count(hi)),
            )
        } else {
            run_again(lang).to_string()
        }
    };
    vec![
        FitRow {
            key: "N_opt",
            label: cat::row_n_opt(lang),
            estimate: count(n),
            interval: interval(n_ci),
        },
        FitRow {
            key: "D_opt",
            label: cat::row_d_opt(lang),
            estimate: count(d),
            interval: interval(d_ci),
        },
    ]
}

/// Approaches 1 and 2: N_opt and D_opt at `flops` from the report's power laws; their
/// intervals only when the fit was run at that budget.
#[must_use]
pub fn frontier_allocation_rows(report: &ApproachReport, flops: f64, lang: Lang) -> Vec<FitRow> {
    optimum_rows(
        report.optimal(flops),
        report.budget_flops == Some(flops),
        report.allocation_intervals(flops),
        lang,
    )
}

/// "Approach 2 (IsoFLOP profiles) on 28 runs (40 ms); 95 % percentile intervals from 200
/// bootstrap resamples."
#[must_use]
pub fn frontier_caption(
    report: &FrontierReport,
    runs: usize,
    elapsed_ms: f64,
    lang: Lang,
) -> String {
    frontier_caption_of(report, &cat::n_runs(lang, &runs), elapsed_ms, lang)
}

/// "Approach 1 (envelope) on 5 envelope points (3 ms); …": Approach 1 on pasted
/// (C, N_opt) points rather than runs.
#[must_use]
pub fn envelope_caption(
    report: &FrontierReport,
    points: usize,
    elapsed_ms: f64,
    lang: Lang,
) -> String {
    frontier_caption_of(
        report,
        &cat::n_envelope_points(lang, &points),
        elapsed_ms,
        lang,
    )
}

fn frontier_caption_of(report: &FrontierReport, what: &str, elapsed_ms: f64, lang: Lang) -> String {
    let head = cat::frontier_head(
        lang,
        &report.approach.title_in(lang),
        &what,
        &format!("{elapsed_ms:.0}"),
    );
    let ci = report.ci.as_ref().map(|ci| (ci.resamples, ci.failed));
    with_intervals(&head, ci, cat::too_few_left_out, lang)
}

/// `head` and where its intervals come from: `(resamples, failed)` of the bootstrap, the
/// failures said by `failed_note`; or that there was no bootstrap.
fn with_intervals(
    head: &str,
    ci: Option<(usize, usize)>,
    failed_note: fn(Lang, &dyn std::fmt::Display) -> String,
    lang: Lang,
) -> String {
    match ci {
        Some((resamples, failed)) => cat::intervals_from(
            lang,
            &head,
            &resamples,
            &if failed > 0 {
                failed_note(lang, &failed)
            } else {
                String::new()
            },
        ),
        None => cat::no_bootstrap(lang, &head),
    }
}

/// " Held fixed: E = 1.69, α = 0.34, α = β." after the caption of a fit with fixed or tied
/// coefficients; empty for a free fit.
#[must_use]
pub fn held_note(constraints: &crate::fit::Constraints, lang: Lang) -> String {
    if constraints.is_free() {
        String::new()
    } else {
        cat::held_fixed(lang, &constraints.describe())
    }
}

/// "Fit of 48 runs (global, 95 ms); 95 % percentile intervals from 1000 bootstrap resamples."
#[must_use]
pub fn caption(report: &FitReport, elapsed_ms: f64, lang: Lang) -> String {
    let fit = &report.fit;
    let head = cat::fit_head(
        lang,
        &fit.n_points,
        &fit.method.name(),
        &format!("{elapsed_ms:.0}"),
    );
    let ci = report.ci.as_ref().map(|ci| (ci.resamples, ci.failed));
    with_intervals(&head, ci, cat::refits_failed, lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::quantity::format_count;
    const EN: Lang = Lang::En;
    use crate::fit::runs::example::{example_csv, EXAMPLE_LAW};
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
        let rows = coefficient_rows(&r, EN);
        let alpha = rows.iter().find(|x| x.key == "alpha").unwrap();
        let value: f64 = alpha.estimate.parse().unwrap();
        assert!((value - EXAMPLE_LAW.alpha).abs() < 0.02, "{value}");
        assert_eq!(alpha.estimate, significant(r.fit.params.alpha, 4));
        let [lo, hi] = r.ci.as_ref().unwrap().intervals.alpha;
        assert_eq!(alpha.interval, format!("{} – {}", four(lo), four(hi)));
        let g = rows.iter().find(|x| x.key == "G").unwrap();
        assert_eq!(g.interval, "—");

        // At the fit's budget the intervals are the bootstrap's; elsewhere the page says so.
        let at = allocation_rows(&r, Some(1e22), 1e22, EN);
        assert_eq!(at[0].estimate, format_count(r.fit.params.optimal(1e22).0));
        assert!(at[0].interval.contains(" – "), "{}", at[0].interval);
        let elsewhere = allocation_rows(&r, Some(1e22), 1e23, EN);
        assert_eq!(elsewhere[1].interval, "run again for this budget");
        assert!(caption(&r, 12.0, EN).contains("from 20 bootstrap resamples"));
    }

    /// Approach 2 on a noise-free sweep of the example's law: the rows carry the report's own
    /// numbers to four figures and its bootstrap intervals.
    #[test]
    fn frontier_rows_show_the_power_law_and_its_intervals() {
        use crate::fit::{Approach, ApproachFit, ApproachJob};
        let runs = crate::fit::runs::example::sweep_of(&[1e18, 1e19, 1e20, 1e21], 1.5);
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
        let here = frontier_allocation_rows(&report, 1e21, EN);
        let (n_ci, _) = report.allocation_intervals(1e21);
        let [lo, hi] = n_ci.unwrap();
        assert_eq!(
            here[0].interval,
            format!("{} – {}", format_count(lo), format_count(hi))
        );
        let ApproachFit::Frontier(f) = &report.fit else {
            panic!("Approach 2 is a power law")
        };
        let rows = frontier_rows(f, EN);
        assert_eq!(rows[0].estimate, significant(f.frontier.n_opt.exponent, 4));
        let [lo, hi] = f.ci.as_ref().unwrap().intervals.params_exponent;
        assert_eq!(rows[0].interval, format!("{} – {}", four(lo), four(hi)));
        assert_eq!(
            (rows[3].label, rows[3].estimate.as_str()),
            ("Budgets used", "4")
        );
        // Another budget: N_opt, D_opt from the power laws, no intervals there.
        let at = frontier_allocation_rows(&report, 1e22, EN);
        assert_eq!(at[0].estimate, format_count(report.optimal(1e22).0));
        assert_eq!(at[1].interval, "run again for this budget");
        let text = frontier_caption(f, runs.len(), 12.0, EN);
        assert!(
            text.starts_with("Approach 2 (IsoFLOP profiles) on 28 runs (12 ms); 95 % percentile intervals from 20 bootstrap resamples"),
            "{text}"
        );
    }

    #[test]
    fn no_bootstrap_no_intervals() {
        let r = report(0, None);
        assert!(coefficient_rows(&r, EN).iter().all(|x| x.interval == "—"));
        assert_eq!(
            allocation_rows(&r, None, 1e22, EN)[0].interval,
            "run again for this budget"
        );
        assert!(caption(&r, 3.0, EN).ends_with("no bootstrap, so no intervals."));
    }
}
