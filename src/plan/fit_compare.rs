//! Approaches 2 and 3 side by side as rows of text, for the fit panel's comparison: their
//! exponents and allocations at a budget, and where the two disagree on a user's runs the rows
//! say by how much.

use crate::fit::resampling::bootstrap::Interval;
use crate::fit::{side_by_side, ApproachReport, SideBySide};
use crate::i18n::{fit as cat, Lang};
use crate::law::quantity::{format_count_in, significant};

/// One quantity of the comparison: its key (the page's `data-coef`), its label, and per
/// approach the estimate and its interval.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareRow {
    pub key: &'static str,
    pub label: &'static str,
    /// (estimate, "lo – hi" or why there is none), one per approach in the reports' order.
    pub cells: Vec<(String, String)>,
}

fn interval_text(
    ci: Option<Interval>,
    same_budget: bool,
    fmt: &dyn Fn(f64) -> String,
    lang: Lang,
) -> String {
    match ci {
        Some([lo, hi]) => format!("{} – {}", fmt(lo), fmt(hi)),
        None if same_budget => "—".to_string(),
        None => super::fit_rows::run_again(lang).to_string(),
    }
}

/// a, N_opt and D_opt at `flops` of each report, with their bootstrap intervals (N_opt's and
/// D_opt's only when the fit was run at `flops`).
#[must_use]
pub fn compare_rows(reports: &[&ApproachReport], flops: f64, lang: Lang) -> Vec<CompareRow> {
    let sides: Vec<(SideBySide, bool)> = side_by_side(reports, flops)
        .into_iter()
        .zip(reports)
        .map(|(s, r)| (s, r.budget_flops == Some(flops)))
        .collect();
    let four = |x: f64| significant(x, 4);
    let count = |x: f64| format_count_in(x, lang);
    let row = |key, label, get: &dyn Fn(&SideBySide, bool) -> (String, String)| CompareRow {
        key,
        label,
        cells: sides.iter().map(|(s, same)| get(s, *same)).collect(),
    };
    vec![
        row("a", "a (N_opt ∝ C^a)", &|s, _| {
            (
                four(s.exponent),
                interval_text(s.exponent_ci, true, &four, lang),
            )
        }),
        row("N_opt", cat::row_n_opt(lang), &|s, same| {
            (
                count(s.n_opt),
                interval_text(s.n_opt_ci, same, &count, lang),
            )
        }),
        row("D_opt", cat::row_d_opt(lang), &|s, same| {
            (
                count(s.d_opt),
                interval_text(s.d_opt_ci, same, &count, lang),
            )
        }),
    ]
}

/// "Approaches 2 and 3 on the same 35 runs (120 ms); 95 % percentile intervals from 200
/// bootstrap resamples each."
#[must_use]
pub fn compare_caption(runs: usize, elapsed_ms: f64, resamples: usize, lang: Lang) -> String {
    let head = cat::compare_head(lang, &runs, &format!("{elapsed_ms:.0}"));
    if resamples > 0 {
        cat::intervals_each(lang, &head, &resamples)
    } else {
        cat::no_bootstrap(lang, &head)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fit::{CompareJob, FitOptions};

    /// The rows carry the reports' own numbers, with intervals at the fit's budget and, at
    /// another budget, the words that say the bootstrap was not run there.
    #[test]
    fn rows_carry_the_reports_numbers() {
        let options = FitOptions {
            bootstrap: 20,
            budget_flops: Some(1e21),
            ..FitOptions::default()
        };
        let sweep = crate::fit::runs::example::noise_free_sweep();
        let reports = CompareJob::new(&sweep, &options)
            .unwrap()
            .run_to_end()
            .unwrap();
        let refs: Vec<&ApproachReport> = reports.iter().collect();
        let rows = compare_rows(&refs, 1e21, Lang::En);
        assert_eq!(
            rows.iter().map(|r| r.key).collect::<Vec<_>>(),
            ["a", "N_opt", "D_opt"]
        );
        for (i, r) in reports.iter().enumerate() {
            assert_eq!(rows[0].cells[i].0, significant(r.params_law().1, 4));
            assert_eq!(
                rows[1].cells[i].0,
                crate::law::quantity::format_count(r.optimal(1e21).0)
            );
            for row in &rows {
                assert!(row.cells[i].1.contains(" – "), "{row:?}");
            }
        }
        assert_eq!(
            compare_caption(35, 12.4, 20, Lang::En),
            "Approaches 2 and 3 on the same 35 runs (12 ms); 95 % percentile intervals from 20 bootstrap resamples each."
        );
        // At another budget the intervals are not the bootstrap's: the page says so.
        let elsewhere = compare_rows(&refs, 1e23, Lang::En);
        assert_eq!(
            elsewhere[1].cells[0].1,
            super::super::fit_rows::run_again(Lang::En)
        );
        assert!(elsewhere[0].cells[1].1.contains(" – "));
    }
}
