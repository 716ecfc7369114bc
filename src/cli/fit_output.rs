//! What `isoflop-cli fit` prints: each approach's report as JSON or text, with the held-out
//! check and the rows not used.

use serde_json::{json, Map, Value};

use super::fit::{CliArgs, Input};
use crate::fit::approaches::holdout::{HeldOut, Holdout};
use crate::fit::jobs::fit_job::FitReport;
use crate::fit::{Approach, ApproachReport, FitError, FrontierReport};
use crate::i18n::Lang;

fn unused_json(input: &Input) -> Value {
    Value::Array(
        input
            .unused()
            .into_iter()
            .map(|(line, reason)| json!({"line": line, "reason": reason}))
            .collect(),
    )
}

fn held_out_json(held: &Result<HeldOut, FitError>) -> Value {
    let h = match held {
        Ok(h) => h,
        Err(e) => return json!({"error": e.to_string()}),
    };
    let holdout = match h.holdout {
        Holdout::LargestBudget => json!("largest-budget"),
        Holdout::Fraction(f) => json!(f),
    };
    let loss = h.loss.map_or(Value::Null, |l| {
        json!({"points": l.points, "mean_rel": l.mean_rel, "mean_abs_rel": l.mean_abs_rel,
               "max_abs_rel": l.max_abs_rel})
    });
    let n_opt: Vec<Value> = h
        .n_opt
        .iter()
        .map(|c| {
            json!({"flops": c.flops, "observed": c.observed, "predicted": c.predicted,
                   "rel_error": c.rel_error, "from_parabola": c.from_parabola})
        })
        .collect();
    json!({"holdout": holdout, "train_runs": h.train_runs, "held_runs": h.held_runs,
           "loss": loss, "n_opt": n_opt, "note": h.note})
}

/// The keys every approach shares: `approach`, N_opt and D_opt at the budget, `held_out`,
/// `unused_rows`.
fn common(out: &mut Map<String, Value>, report: &ApproachReport, input: &Input) {
    out.insert("approach".into(), json!(report.approach.number()));
    if let Some(c) = report.budget_flops {
        let (n, d) = report.optimal(c);
        out.insert("budget".into(), json!(c));
        out.insert("N_opt".into(), json!(n));
        out.insert("D_opt".into(), json!(d));
    }
    if let Some(h) = &report.held_out {
        out.insert("held_out".into(), held_out_json(h));
    }
    out.insert("unused_rows".into(), unused_json(input));
}

/// Approach 3: the keys the command line has always printed, and the held coefficients.
pub(super) fn three_json(report: &FitReport, whole: &ApproachReport, input: &Input) -> Value {
    let p = &report.fit.params;
    let mut out = Map::new();
    out.insert("E".into(), json!(p.e));
    out.insert("A".into(), json!(p.a));
    out.insert("B".into(), json!(p.b));
    out.insert("alpha".into(), json!(p.alpha));
    out.insert("beta".into(), json!(p.beta));
    out.insert("a".into(), json!(p.params_exponent()));
    out.insert("b".into(), json!(p.tokens_exponent()));
    out.insert("G".into(), json!(p.g()));
    out.insert("objective".into(), json!(report.fit.objective));
    out.insert("n_points".into(), json!(report.fit.n_points));
    out.insert("method".into(), json!(report.fit.method.name()));
    let c = report.fit.constraints;
    if !c.is_free() {
        out.insert(
            "fixed".into(),
            json!({"alpha": c.alpha, "beta": c.beta, "E": c.e, "tie": c.tie}),
        );
    }
    if let Some(ci) = &report.ci {
        out.insert("ci".into(), named_json(ci.intervals.named()));
    }
    if let Some(why) = not_identified(input) {
        out.insert("not_identified".into(), json!(why));
    }
    common(&mut out, whole, input);
    Value::Object(out)
}

/// Why the runs cannot tell Approach 3's coefficients apart, if they cannot.
fn not_identified(input: &Input) -> Option<String> {
    match input {
        Input::Runs(data) => {
            crate::fit::approaches::identify::unidentified(&data.runs).map(|u| u.text(Lang::En))
        }
        Input::Envelope(..) => None,
    }
}

/// Named intervals as a JSON object: `{"alpha": [lo, hi], …}`.
fn named_json(named: Vec<(&'static str, [f64; 2])>) -> Value {
    Value::Object(
        named
            .into_iter()
            .map(|(k, v)| (k.to_string(), json!(v)))
            .collect(),
    )
}

/// Approaches 1 and 2: the power laws, the points or budgets behind them, the intervals.
pub(super) fn frontier_json(f: &FrontierReport, whole: &ApproachReport, input: &Input) -> Value {
    let mut out = Map::new();
    out.insert("a".into(), json!(f.frontier.n_opt.exponent));
    out.insert("b".into(), json!(f.frontier.d_opt.exponent));
    out.insert("coef".into(), json!(f.frontier.n_opt.coef));
    out.insert("d_coef".into(), json!(f.frontier.d_opt.coef));
    out.insert("n_points".into(), json!(f.frontier.n_points));
    if f.approach == Approach::Two {
        let minima = f.ci.as_ref().map(|c| c.budget_minima.clone());
        let budgets: Vec<Value> = f
            .profiles
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let interval = minima.as_ref().and_then(|m| m.get(k).copied().flatten());
                json!({"flops": p.flops, "n_opt": p.optimum.map(|o| o.0),
                       "n_runs": p.lines.len(), "curvature": p.curvature,
                       "loss_min": p.optimum.map(|o| o.2), "n_opt_ci": interval,
                       "note": p.note.map(|n| n.text(Lang::En))})
            })
            .collect();
        out.insert("budgets".into(), Value::Array(budgets));
        super::fit_bias::bias_json(&mut out, f, whole, input);
    } else {
        let points: Vec<Value> = f
            .points
            .iter()
            .map(|p| json!({"line": p.line, "flops": p.flops, "n_params": p.n_params, "n_tokens": p.n_tokens}))
            .collect();
        out.insert("envelope".into(), Value::Array(points));
    }
    if let Some(ci) = &f.ci {
        out.insert("ci".into(), named_json(ci.intervals.named()));
    }
    common(&mut out, whole, input);
    Value::Object(out)
}

fn header(input: &Input) -> String {
    let mut s = String::new();
    if let Input::Runs(data) = input {
        // "columns: N “params” (column 1), D computed as C/(6N), …": the page's words.
        let mapping: Vec<String> = data
            .columns
            .mapping(crate::i18n::Lang::En)
            .into_iter()
            .map(|(q, from)| format!("{q} {from}"))
            .collect();
        s.push_str(&format!("columns: {}\n", mapping.join(", ")));
    }
    s.push_str(&format!("{}\n", input.summary()));
    if let Input::Runs(data) = input {
        for row in &data.skipped {
            s.push_str(&format!("  line {}: {}\n", row.line, row.reason));
        }
    } else {
        for (line, reason) in input.unused() {
            s.push_str(&format!("  line {line}: {reason}\n"));
        }
    }
    s
}

fn footer(report: &ApproachReport) -> String {
    let mut s = String::new();
    if let Some(c) = report.budget_flops {
        let (n, d) = report.optimal(c);
        let (ni, di) = report.allocation_intervals(c);
        let span = |i: Option<[f64; 2]>| {
            i.map_or(String::new(), |[lo, hi]| format!(" [{lo:.4e}, {hi:.4e}]"))
        };
        s.push_str(&format!(
            "at C = {c:.4e}: N_opt {n:.4e}{}, D_opt {d:.4e}{}\n",
            span(ni),
            span(di)
        ));
    }
    match &report.held_out {
        None => {}
        Some(Err(e)) => s.push_str(&format!("held-out check: {e}\n")),
        Some(Ok(h)) => {
            s.push_str(&format!(
                "held-out check: refit on {} runs without {} ({} runs)\n",
                h.train_runs,
                h.holdout.describe(),
                h.held_runs
            ));
            if let Some(l) = h.loss {
                s.push_str(&format!(
                    "  loss: mean error {:+.3} %, mean |error| {:.3} %, max |error| {:.3} % over {} points\n",
                    100.0 * l.mean_rel,
                    100.0 * l.mean_abs_rel,
                    100.0 * l.max_abs_rel,
                    l.points
                ));
            }
            for c in &h.n_opt {
                s.push_str(&format!(
                    "  N_opt at {:.3e}: predicted {:.4e}, observed {:.4e} ({}), error {:+.1} %\n",
                    c.flops,
                    c.predicted,
                    c.observed,
                    if c.from_parabola {
                        "parabola minimum"
                    } else {
                        "lowest-loss run"
                    },
                    100.0 * c.rel_error
                ));
            }
            if let Some(note) = &h.note {
                s.push_str(&format!("  {note}\n"));
            }
        }
    }
    s
}

/// Approach 3 as text.
pub(super) fn three_text(
    report: &FitReport,
    whole: &ApproachReport,
    input: &Input,
    cli: &CliArgs,
) -> String {
    let p = &report.fit.params;
    let mut s = header(input);
    if let Some(why) = not_identified(input) {
        s.push_str(&format!("warning: {why}\n"));
    }
    s.push_str(&format!(
        "method {}, delta {}, objective {:.6e}\n",
        report.fit.method.name(),
        cli.options.delta,
        report.fit.objective
    ));
    if !report.fit.constraints.is_free() {
        s.push_str(&format!(
            "held fixed: {}\n",
            report.fit.constraints.describe()
        ));
    }
    s.push_str(&format!(
        "L(N, D) = {:.5} + {:.2}/N^{:.5} + {:.2}/D^{:.5}\n",
        p.e, p.a, p.alpha, p.b, p.beta
    ));
    s.push_str(&format!(
        "G = {:.5}, N_opt ∝ C^{:.4}, D_opt ∝ C^{:.4}\n",
        p.g(),
        p.params_exponent(),
        p.tokens_exponent()
    ));
    if let Some(ci) = &report.ci {
        s.push_str(&format!(
            "95% bootstrap intervals ({} resamples, seed {}, {} failed):\n",
            ci.resamples, cli.options.seed, ci.failed
        ));
        for (k, [lo, hi]) in ci.intervals.named() {
            s.push_str(&format!("  {k:<6} [{lo:.6}, {hi:.6}]\n"));
        }
    }
    s.push_str(&footer(whole));
    s
}

/// Approaches 1 and 2 as text.
pub(super) fn frontier_text(
    f: &FrontierReport,
    whole: &ApproachReport,
    input: &Input,
    cli: &CliArgs,
) -> String {
    let mut s = header(input);
    s.push_str(&format!("{}\n", f.approach.title()));
    if f.approach == Approach::Two {
        s.push_str("  budget (FLOPs)  runs  N_opt        curvature   note\n");
        for p in &f.profiles {
            let n = p
                .optimum
                .map_or("-".to_string(), |o| format!("{:.4e}", o.0));
            s.push_str(&format!(
                "  {:<14.4e}  {:<4}  {n:<11}  {:<10.4}  {}\n",
                p.flops,
                p.lines.len(),
                p.curvature,
                p.note.map(|n| n.text(Lang::En)).unwrap_or_default()
            ));
        }
    } else {
        s.push_str(&format!("{} envelope points\n", f.points.len()));
    }
    let (n, d) = (f.frontier.n_opt, f.frontier.d_opt);
    s.push_str(&format!(
        "N_opt = {:.5e}·C^{:.4}, D_opt = {:.5e}·C^{:.4} (through {} points)\n",
        n.coef, n.exponent, d.coef, d.exponent, f.frontier.n_points
    ));
    if let Some(ci) = &f.ci {
        s.push_str(&format!(
            "95% bootstrap intervals ({} resamples, seed {}, {} failed):\n",
            ci.resamples, cli.options.seed, ci.failed
        ));
        for (k, [lo, hi]) in ci.intervals.named() {
            s.push_str(&format!("  {k:<6} [{lo:.6e}, {hi:.6e}]\n"));
        }
    }
    s.push_str(&footer(whole));
    s.push_str(&super::fit_bias::bias_text(f, whole, input));
    s
}
