//! The answer as plain text, as `isoflop-cli allocate` prints it: the budget, the table with law
//! ids, and the inference-aware and data-constrained sections when those are set.

use super::table::table;
use super::{InferenceError, Plan};
use crate::i18n::Lang;
use crate::law::quantity::{format_count, format_flops};

/// The whole answer as text.
#[must_use]
pub fn text(plan: &Plan) -> String {
    let mut out = String::new();
    if let Some(c) = plan.flops {
        out.push_str(&format!("Budget: {} FLOPs\n", format_flops(c)));
    }
    if let Some(e) = &plan.budget_error {
        out.push_str(&format!("No budget: {e}\n"));
    }
    if let Some(shape) = &plan.shape {
        out.push_str(&shape.line());
    }
    out.push_str(&table(plan, Lang::En).text());
    if let Some(tokens) = plan.inference_tokens {
        out.push_str(&inference_section(plan, tokens));
    }
    if let Some(unique) = plan.unique_tokens {
        out.push_str(&data_constrained_section(plan, unique));
    }
    out
}

/// One line per law: the inference-aware model and its share of the same-loss Chinchilla model.
fn inference_section(plan: &Plan, tokens: f64) -> String {
    let mut out = format!(
        "\nInference-aware (Sardana et al. 2024), {} inference tokens; % of the same-loss Chinchilla model:\n",
        format_count(tokens)
    );
    out.push_str(&format!(
        "{:<18} {:>9} {:>9} {:>11} {:>7} {:>7} {:>7}\n",
        "law", "params", "tokens", "total FLOPs", "params", "tokens", "FLOPs"
    ));
    for row in &plan.rows {
        let id = row.law.id.as_str();
        let answer = match &row.values {
            Ok(v) => v.inference.as_ref(),
            Err(e) => {
                out.push_str(&format!("{id:<18} {e}\n"));
                continue;
            }
        };
        match answer {
            Some(Ok(r)) => out.push_str(&format!(
                "{:<18} {:>9} {:>9} {:>11} {:>6.1}% {:>6.1}% {:>6.1}%\n",
                id,
                format_count(r.optimal.n_params),
                format_count(r.optimal.n_tokens),
                format_flops(r.optimal.total_flops),
                r.params_pct,
                r.tokens_pct,
                r.total_flops_pct
            )),
            Some(Err(InferenceError::NoLossModel)) | None => {
                out.push_str(&format!("{id:<18} {}\n", InferenceError::NoLossModel));
            }
            Some(Err(e)) => out.push_str(&format!("{id:<18} {e}\n")),
        }
    }
    out
}

/// Muennighoff et al. 2023's best allocation against the unconstrained one.
fn data_constrained_section(plan: &Plan, unique: f64) -> String {
    let mut out = format!(
        "\nData-constrained (Muennighoff et al. 2023), {} unique tokens:\n",
        format_count(unique)
    );
    match &plan.data_constrained {
        Some(Ok(a)) => {
            let u = &a.unconstrained;
            out.push_str(&format!(
                "  best:          {} params on {} tokens ({:.2} epochs), loss {:.4}\n",
                format_count(a.n_params),
                format_count(a.n_tokens),
                a.epochs,
                a.loss
            ));
            out.push_str(&format!(
                "  unconstrained: {} params on {} tokens ({:.2} epochs), loss {:.4} repeating ({:.4} with fresh data)\n",
                format_count(u.n_params),
                format_count(u.n_tokens),
                u.epochs,
                u.loss_with_repetition,
                u.loss
            ));
        }
        Some(Err(e)) => out.push_str(&format!("  {e}\n")),
        None => out.push_str("  needs a compute budget\n"),
    }
    out
}
