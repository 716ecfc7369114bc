//! The sentences beside the results table: its caption, Kaplan against Chinchilla, what
//! following Kaplan costs under the judge, and the data-constrained optimum — in the reader's
//! language (`locales/summary.toml`).

use super::Plan;
use crate::i18n::{summary as cat, Lang};
use crate::law::quantity::{format_count_in, format_flops};
use crate::law::LawId;

/// The table's caption: the budget the question fixes, or why there is none.
#[must_use]
pub fn caption(plan: &Plan, lang: Lang) -> String {
    match (plan.flops, &plan.budget_error) {
        (_, Some(e)) => cat::no_budget(lang, &e.text(lang)),
        (Some(c), None) => cat::caption_at_budget(lang, &format_flops(c)),
        (None, None) => cat::caption_your_question(lang).to_string(),
    }
}

/// "Kaplan's rule picks 1.64× the parameters and 0.61× the tokens of Chinchilla's."
#[must_use]
pub fn kaplan_vs_chinchilla(plan: &Plan, lang: Lang) -> Option<String> {
    plan.kaplan_vs_chinchilla.map(|r| {
        cat::kaplan_vs_chinchilla(
            lang,
            &format!("{:.2}", r.params_ratio),
            &format!("{:.2}", r.tokens_ratio),
        )
    })
}

/// What following Kaplan costs under the judge law, in loss and in compute.
#[must_use]
pub fn kaplan_penalty(plan: &Plan, lang: Lang) -> Option<String> {
    let judge = plan.judge.as_ref()?;
    let j = plan.values(LawId::Kaplan2020)?.judged?;
    Some(cat::kaplan_penalty(
        lang,
        &judge.name,
        &format!("{:+.3}", j.loss_penalty()),
        &format!("{:.0}", 100.0 * j.wasted_fraction()),
        &format_flops(j.equivalent_flops),
    ))
}

/// Muennighoff et al. 2023's optimum with the unique tokens available, or why there is none.
#[must_use]
pub fn data_constrained(plan: &Plan, lang: Lang) -> Option<String> {
    match plan.data_constrained.as_ref()? {
        Ok(a) => Some(cat::data_constrained(
            lang,
            &format_count_in(a.unique_tokens, lang),
            &format_count_in(a.n_params, lang),
            &format_count_in(a.n_tokens, lang),
            &format!("{:.2}", a.epochs),
            &format!("{:.3}", a.loss),
        )),
        Err(e) => Some(cat::data_constrained_error(lang, &e.text(lang))),
    }
}

/// The budget the hardware gives, under the hardware fields: "= 1.05e24 FLOPs".
#[must_use]
pub fn hardware_budget(plan: &Plan, lang: Lang) -> String {
    match plan.flops {
        Some(c) => cat::hardware_budget(lang, &format_flops(c)),
        None => cat::hardware_no_budget(lang).to_string(),
    }
}
