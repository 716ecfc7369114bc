//! The sentences beside the results table: its caption, Kaplan against Chinchilla, what
//! following Kaplan costs under the judge, and the data-constrained optimum.

use super::Plan;
use crate::law::quantity::{format_count, format_flops};
use crate::law::LawId;

/// The table's caption: the budget the question fixes, or why there is none.
#[must_use]
pub fn caption(plan: &Plan) -> String {
    match (plan.flops, &plan.budget_error) {
        (_, Some(e)) => format!("No budget: {e}"),
        (Some(c), None) => format!(
            "Compute-optimal allocation at C = {} FLOPs",
            format_flops(c)
        ),
        (None, None) => "Compute-optimal allocation for your question".to_string(),
    }
}

/// "Kaplan's rule picks 1.64× the parameters and 0.61× the tokens of Chinchilla's."
#[must_use]
pub fn kaplan_vs_chinchilla(plan: &Plan) -> Option<String> {
    plan.kaplan_vs_chinchilla.map(|r| {
        format!(
            "Kaplan's rule picks {:.2}× the parameters and {:.2}× the tokens of Chinchilla's.",
            r.params_ratio, r.tokens_ratio
        )
    })
}

/// What following Kaplan costs under the judge law, in loss and in compute.
#[must_use]
pub fn kaplan_penalty(plan: &Plan) -> Option<String> {
    let judge = plan.judge.as_ref()?;
    let j = plan.values(LawId::Kaplan2020)?.judged?;
    Some(format!(
        "Under {}, following Kaplan costs {:+.3} nats/token of loss: like throwing away {:.0} % of the compute (the optimum reaches that loss with {} FLOPs).",
        judge.name,
        j.loss_penalty(),
        100.0 * j.wasted_fraction(),
        format_flops(j.equivalent_flops)
    ))
}

/// Muennighoff et al. 2023's optimum with the unique tokens available, or why there is none.
#[must_use]
pub fn data_constrained(plan: &Plan) -> Option<String> {
    match plan.data_constrained.as_ref()? {
        Ok(a) => Some(format!(
            "With {} unique tokens (Muennighoff et al. 2023): {} parameters on {} tokens ({:.2} epochs), loss {:.3}.",
            format_count(a.unique_tokens),
            format_count(a.n_params),
            format_count(a.n_tokens),
            a.epochs,
            a.loss
        )),
        Err(e) => Some(format!("Data-constrained optimum: {e}")),
    }
}

/// The budget the hardware gives, under the hardware fields: "= 1.05e24 FLOPs".
#[must_use]
pub fn hardware_budget(plan: &Plan) -> String {
    match plan.flops {
        Some(c) => format!("= {} FLOPs", format_flops(c)),
        None => "Fix the hardware fields to get a budget.".to_string(),
    }
}
