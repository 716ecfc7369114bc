//! What `isoflop-cli fit --approach 2 --budget C` says of the parabolas' bias at C: measured
//! under the Approach-3 fit of the same runs, which the job fitted after the parabolas
//! (`ApproachReport::parabola_bias`), the estimates corrected for it, and, in words, when the
//! bootstrap's interval of an estimate leaves out its corrected value.

use serde_json::{json, Map, Value};

use super::fit::Input;
use crate::fit::resampling::bootstrap::Interval;
use crate::fit::{Approach, ApproachReport, BiasAtBudget, FitError, FrontierReport};

/// The bias at the report's budget, for an Approach-2 fit on runs with a budget.
fn measure(
    f: &FrontierReport,
    whole: &ApproachReport,
    input: &Input,
) -> Option<Result<BiasAtBudget, FitError>> {
    let (Approach::Two, Some(_), Input::Runs(_)) = (f.approach, whole.budget_flops, input) else {
        return None;
    };
    whole.parabola_bias.clone().map(|b| b.map(|b| *b))
}

/// An interval divided by (1 + bias), as the corrected estimate is.
fn corrected_interval(i: Option<Interval>, bias: f64) -> Option<Interval> {
    i.map(|[lo, hi]| [lo / (1.0 + bias), hi / (1.0 + bias)])
}

/// Adds `parabola_bias` (relative, −0.05 for 5 % low), `corrected` (with its interval when the
/// fit was bootstrapped) and `interval_excludes_corrected`, or `parabola_bias_error`.
pub(super) fn bias_json(
    out: &mut Map<String, Value>,
    f: &FrontierReport,
    whole: &ApproachReport,
    input: &Input,
) {
    let b = match measure(f, whole, input) {
        None => return,
        Some(Err(e)) => {
            out.insert("parabola_bias_error".into(), json!(e.to_string()));
            return;
        }
        Some(Ok(b)) => b,
    };
    let (ni, di) = whole.allocation_intervals(b.flops);
    out.insert(
        "parabola_bias".into(),
        json!({"n_opt": b.n_opt_bias, "d_opt": b.d_opt_bias,
               "law": {"E": b.law.e, "A": b.law.a, "B": b.law.b,
                       "alpha": b.law.alpha, "beta": b.law.beta}}),
    );
    out.insert(
        "corrected".into(),
        json!({"n_opt": b.corrected.0, "d_opt": b.corrected.1,
               "n_opt_95": corrected_interval(ni, b.n_opt_bias),
               "d_opt_95": corrected_interval(di, b.d_opt_bias)}),
    );
    if let (Some(ni), Some(di)) = (ni, di) {
        out.insert(
            "interval_excludes_corrected".into(),
            json!({"n_opt": BiasAtBudget::excluded_by(ni, b.corrected.0),
                   "d_opt": BiasAtBudget::excluded_by(di, b.corrected.1)}),
        );
    }
}

fn percent(x: f64) -> String {
    format!("{:+.2} %", 100.0 * x)
}

/// The same in words, after the estimate at the budget.
pub(super) fn bias_text(f: &FrontierReport, whole: &ApproachReport, input: &Input) -> String {
    let b = match measure(f, whole, input) {
        None => return String::new(),
        Some(Err(e)) => {
            return format!(
                "parabola bias: not measured, Approach 3 could not be fitted to these runs: {e}\n"
            )
        }
        Some(Ok(b)) => b,
    };
    let p = b.law;
    let mut s = format!(
        "parabola bias at C = {:.4e}: N_opt {}, D_opt {} (what this sweep's parabolas report on \
         exact losses of the Approach-3 fit of the same runs, E {:.4} A {:.4} B {:.4} α {:.4} β {:.4})\n",
        b.flops,
        percent(b.n_opt_bias),
        percent(b.d_opt_bias),
        p.e,
        p.a,
        p.b,
        p.alpha,
        p.beta
    );
    let (ni, di) = whole.allocation_intervals(b.flops);
    let span =
        |i: Option<Interval>| i.map_or(String::new(), |[lo, hi]| format!(" [{lo:.4e}, {hi:.4e}]"));
    s.push_str(&format!(
        "corrected for it: N_opt {:.4e}{}, D_opt {:.4e}{}\n",
        b.corrected.0,
        span(corrected_interval(ni, b.n_opt_bias)),
        b.corrected.1,
        span(corrected_interval(di, b.d_opt_bias))
    ));
    for (name, interval, corrected) in [("N_opt", ni, b.corrected.0), ("D_opt", di, b.corrected.1)]
    {
        if let Some(i) = interval.filter(|i| BiasAtBudget::excluded_by(*i, corrected)) {
            s.push_str(&format!(
                "the bootstrap's 95 % interval of {name} [{:.4e}, {:.4e}] leaves out the corrected \
                 {name}: the parabolas' bias is larger than this sweep's resampling spread, so the \
                 interval does not say how far off the estimate is\n",
                i[0], i[1]
            ));
        }
    }
    s
}
