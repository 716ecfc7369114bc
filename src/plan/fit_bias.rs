//! Approach 2's parabola bias at the fit's budget, in words: measured under the Approach-3 fit
//! of the same runs (`ApproachReport::parabola_bias`, computed by the job, in the workers on the
//! page), the estimate corrected for it, and, when the bootstrap's interval leaves the corrected
//! value out, a sentence saying so.

use crate::fit::resampling::bootstrap::Interval;
use crate::fit::{ApproachReport, BiasAtBudget};
use crate::i18n::{fit as cat, Lang};
use crate::law::quantity::{format_count_in, format_flops, significant};

use super::planner::signed_percent;

/// The sentences for `report`; empty when it is not Approach 2 on runs at a budget.
#[must_use]
pub fn bias_lines(report: &ApproachReport, lang: Lang) -> Vec<String> {
    let b = match &report.parabola_bias {
        None => return Vec::new(),
        Some(Err(e)) => return vec![cat::bias_not_measured(lang, &e.text(lang))],
        Some(Ok(b)) => b,
    };
    let (law, flops) = (&b.law, b.flops);
    let sig = |x: f64| significant(x, 4);
    let mut lines = vec![cat::bias_line(
        lang,
        &format_flops(flops),
        &signed_percent(b.n_opt_bias),
        &signed_percent(b.d_opt_bias),
        &sig(law.e),
        &sig(law.a),
        &sig(law.b),
        &sig(law.alpha),
        &sig(law.beta),
    )];
    let (ni, di) = report.allocation_intervals(flops);
    let span = |i: Option<Interval>, bias: f64| {
        i.map_or(String::new(), |[lo, hi]| {
            cat::bias_interval(
                lang,
                &format_count_in(lo / (1.0 + bias), lang),
                &format_count_in(hi / (1.0 + bias), lang),
            )
        })
    };
    lines.push(cat::bias_corrected(
        lang,
        &format_count_in(b.corrected.0, lang),
        &span(ni, b.n_opt_bias),
        &format_count_in(b.corrected.1, lang),
        &span(di, b.d_opt_bias),
    ));
    for (name, interval, corrected) in [("N_opt", ni, b.corrected.0), ("D_opt", di, b.corrected.1)]
    {
        if interval.is_some_and(|i| BiasAtBudget::excluded_by(i, corrected)) {
            lines.push(cat::bias_excluded(lang, &name));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fit::design::{as_runs, SweepDesign};
    use crate::fit::{Approach, ApproachJob, FitOptions};
    use crate::law::loss::LossParams;

    /// Hoffmann et al. 2022, Eq. 10: α > β, so the parabolas report a larger N.
    const LAW: LossParams = LossParams {
        e: 1.69,
        a: 406.4,
        b: 410.7,
        alpha: 0.34,
        beta: 0.28,
    };

    fn frontier(r: &ApproachReport) -> &crate::fit::PowerLawFrontier {
        match &r.fit {
            ApproachFit::Frontier(f) => &f.frontier,
            ApproachFit::Three(_) => panic!("Approach 2"),
        }
    }

    fn design_of_report(r: &ApproachReport) -> Vec<(f64, Vec<f64>)> {
        match &r.fit {
            ApproachFit::Frontier(f) => design_of(&f.profiles),
            ApproachFit::Three(_) => panic!("Approach 2"),
        }
    }

    use crate::fit::approaches::profiles::design_of;
    use crate::fit::ApproachFit;

    #[test]
    fn an_approach_2_fit_states_its_bias_and_the_corrected_estimate_is_the_laws() {
        let target = 5.76e23;
        let design = SweepDesign {
            width: 8.0,
            sizes: 9,
            ..SweepDesign::around(target)
        };
        let planned = design.runs(&LAW).unwrap();
        let losses: Vec<f64> = planned
            .iter()
            .map(|r| LAW.loss(r.n_params, r.n_tokens))
            .collect();
        let runs = as_runs(&planned, &losses);
        let options = FitOptions {
            approach: Approach::Two,
            bootstrap: 50,
            budget_flops: Some(target),
            ..FitOptions::default()
        };
        let report = ApproachJob::new(&runs, &options)
            .unwrap()
            .run_to_end()
            .unwrap();
        // The job fitted Approach 3 to the same runs: exact losses give the law back.
        let law = report.parabola_bias.clone().unwrap().unwrap().law;
        assert!((law.alpha / LAW.alpha - 1.0).abs() < 1e-4, "{law:?}");
        let lines = bias_lines(&report, Lang::En);
        assert!(
            lines[0].starts_with("Parabola bias at 5.76e23 FLOPs: N_opt +"),
            "{lines:?}"
        );
        let (n, _) = LAW.optimal(target);
        let corrected = crate::law::quantity::format_count_in(n, Lang::En);
        assert!(
            lines[1].contains(&format!("N_opt {corrected}")),
            "{lines:?} vs {corrected}"
        );
        // The sentence on the interval is there exactly when the interval leaves the corrected
        // N_opt out.
        let (ni, _) = report.allocation_intervals(target);
        let b = crate::fit::bias_at_budget_under(
            &law,
            &design_of_report(&report),
            frontier(&report),
            target,
        )
        .unwrap();
        assert_eq!(
            lines
                .iter()
                .any(|l| l.contains("leaves out the corrected N_opt")),
            BiasAtBudget::excluded_by(ni.unwrap(), b.corrected.0),
            "{lines:?}"
        );
        assert!((b.corrected.0 / n - 1.0).abs() < 1e-3);
        let zh = bias_lines(&report, Lang::Zh);
        assert!(zh[0].contains("抛物线偏差"), "{zh:?}");
        // Approach 3's own report has no such line.
        let three = ApproachJob::new(
            &runs,
            &FitOptions {
                approach: Approach::Three,
                ..FitOptions::default()
            },
        )
        .unwrap()
        .run_to_end()
        .unwrap();
        assert!(bias_lines(&three, Lang::En).is_empty());
    }
}
