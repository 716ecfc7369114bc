//! "Why they differ": what the page says about Kaplan's 0.73 against Chinchilla's 0.5 for the
//! configuration — the section's law seen through Kaplan's counting (Pearce & Song 2024,
//! arXiv:2406.12907) and what each of Porian et al. 2024's (arXiv:2406.19146) corrections
//! would pick at the user's budget.

use super::{resolve_law, Plan};
use crate::i18n::{why as cat, Lang};
use crate::law::quantity::{format_count_in, format_flops};
use crate::law::reconcile::{
    omega, porian_steps, PorianDataset, PorianStep, ReconcileReport, CHINCHILLA_BUDGET_6ND,
    KAPLAN_EXPONENT,
};
use crate::law::{Allocation, LawError};
use crate::permalink::Config;

/// One row of the steps table: a cited step and what its exponent picks at the budget.
#[derive(Debug, Clone, PartialEq)]
pub struct StepRow {
    pub step: PorianStep,
    pub allocation: Result<Allocation, LawError>,
    /// The language its cells are written in.
    pub lang: Lang,
}

/// Everything the section shows besides its charts.
#[derive(Debug, Clone, PartialEq)]
pub struct Why {
    /// ω = V·(aspect/12)^(1/3), or why the vocabulary and aspect ratio give none.
    pub omega: Result<f64, LawError>,
    /// The section's law through Kaplan's counting, or why not.
    pub report: Result<ReconcileReport, LawError>,
    /// The budget the steps are applied at: the question's, else Chinchilla's 5.88e23.
    pub budget: f64,
    /// Whether [`Why::budget`] is the question's own.
    pub budget_is_yours: bool,
    /// Porian et al.'s steps, RefinedWeb then OpenWebText2.
    pub steps: Vec<StepRow>,
    /// The language of its sentences (the configuration's).
    pub lang: Lang,
}

/// The section for `config` and its plan (the plan gives the budget).
#[must_use]
pub fn why(config: &Config, plan: &Plan) -> Why {
    let r = &config.reconcile;
    let (vocab, aspect, _) = config.reconcile_counting();
    let omega = omega(vocab, aspect);
    let law = resolve_law(config, r.law);
    let report = match (&law, &omega) {
        (Some(law), Ok(w)) => ReconcileReport::for_law(law, *w),
        (None, _) => Err(LawError::InvalidLaw(
            crate::law::LawDefect::ChooseParametric,
        )),
        (_, Err(e)) => Err(e.clone()),
    };
    let (budget, budget_is_yours) = match plan.flops {
        Some(c) => (c, true),
        None => (CHINCHILLA_BUDGET_6ND, false),
    };
    let steps = PorianDataset::ALL
        .into_iter()
        .flat_map(porian_steps)
        .map(|step| StepRow {
            step: *step,
            allocation: step.allocate(budget),
            lang: config.lang,
        })
        .collect();
    Why {
        omega,
        report,
        budget,
        budget_is_yours,
        steps,
        lang: config.lang,
    }
}

impl Why {
    /// The findings in sentences, for the section's list.
    #[must_use]
    pub fn findings(&self, law_name: &str) -> Vec<String> {
        let lang = self.lang;
        let r = match &self.report {
            Ok(r) => r,
            Err(e) => return vec![cat::no_reconciliation(lang, &e.text(lang))],
        };
        vec![
            cat::finding_range(
                lang,
                &law_name,
                &format!("{:.3}", r.kaplan_range_exponent),
                &KAPLAN_EXPONENT,
            ),
            cat::finding_total(lang, &format!("{:.3}", r.total_exponent)),
            cat::finding_local(
                lang,
                &format!("{:.3}", r.small_scale_limit),
                &format!("{:.3}", r.large_scale_limit),
                &format!("{:.0}", r.omega),
            ),
        ]
    }

    /// What the steps table is applied at, in words.
    #[must_use]
    pub fn budget_caption(&self) -> String {
        if self.budget_is_yours {
            cat::budget_yours(self.lang, &format_flops(self.budget))
        } else {
            cat::budget_none(self.lang).to_string()
        }
    }
}

/// What a step's setup is, as the paper labels it, in `lang`.
#[must_use]
pub fn step_label(step: &PorianStep, lang: Lang) -> &'static str {
    match step.id {
        "kaplan" => cat::step_kaplan(lang),
        "last-layer-flops" => cat::step_last_layer(lang),
        "warmup" => cat::step_warmup(lang),
        "cosine-decay" => cat::step_cosine(lang),
        "tuned" => cat::step_tuned(lang),
        _ => step.label,
    }
}

/// One step as table cells: data set, step, setup, exponent [interval], N and D at the budget.
#[must_use]
pub fn step_cells(row: &StepRow) -> [String; 6] {
    let s = &row.step;
    let lang = row.lang;
    let (n, d) = match &row.allocation {
        Ok(a) => (
            format_count_in(a.n_params, lang),
            format_count_in(a.n_tokens, lang),
        ),
        Err(_) => ("—".to_string(), "—".to_string()),
    };
    [
        s.dataset.name().to_string(),
        s.step.to_string(),
        step_label(s, lang).to_string(),
        format!(
            "{:.3} [{:.2}, {:.2}]",
            s.exponent, s.exponent_ci95.0, s.exponent_ci95.1
        ),
        n,
        d,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::LawId;
    use crate::permalink::{FitConfig, Mode};
    use crate::plan::plan;

    /// Defaults: Epoch's refit, ω = 47 491; the range exponent ≈ 0.78 and the total one
    /// 0.5126 (Pearce & Song 2024, Sec. 4, and β/(α+β) of Besiroglu et al. 2024's refit).
    #[test]
    fn defaults_give_pearce_and_songs_numbers() {
        let c = Config::default();
        let w = why(&c, &plan(&c));
        let r = w.report.as_ref().unwrap();
        assert!((r.kaplan_range_exponent - 0.78).abs() < 0.01);
        assert!((r.total_exponent - 0.3658 / (0.3478 + 0.3658)).abs() < 1e-12);
        let found = w.findings("Epoch AI refit");
        assert!(
            found[0].contains("C^0.776") && found[0].contains("0.73"),
            "{found:?}"
        );
        // Budget mode: the steps are applied at the user's 5.76e23.
        assert!(w.budget_is_yours && w.budget == 5.76e23);
        assert_eq!(w.steps.len(), 10);
    }

    /// At C = 5.88e23 each step gives back the N* the paper prints (Porian et al. 2024):
    /// the final RefinedWeb step's 77B.
    #[test]
    fn steps_at_chinchillas_budget_are_the_papers() {
        let mut c = Config {
            mode: Mode::Params,
            ..Config::default()
        };
        c.reconcile.law = LawId::ChinchillaA3Tex;
        let w = why(&c, &plan(&c));
        assert!(!w.budget_is_yours && w.budget == CHINCHILLA_BUDGET_6ND);
        let last = w
            .steps
            .iter()
            .find(|r| r.step.dataset == PorianDataset::RefinedWeb && r.step.step == 5)
            .unwrap();
        let n = last.allocation.as_ref().unwrap().n_params;
        assert!((n / last.step.n_star_at_chinchilla - 1.0).abs() < 1e-12);
        assert!(
            step_cells(last)[3].starts_with("0.497 ["),
            "{:?}",
            step_cells(last)
        );
        assert!(w.budget_caption().contains("no budget"));
    }

    /// With a model shape set, ω follows its vocabulary and aspect ratio: Llama 3 8B has
    /// V = 128 256 and d_model/n_layer = 4096/32 = 128 (Dubey et al. 2024, Table 3), so
    /// ω = 128 256·(128/12)^(1/3) (Pearce & Song 2024's ω = V·(aspect/12)^(1/3)).
    #[test]
    fn a_model_shape_sets_the_counting() {
        let mut c = Config::default();
        c.shape.model = Some(crate::permalink::ShapeModel::Preset("llama3-8b".into()));
        let w = why(&c, &plan(&c));
        let expected = 128_256.0 * (128.0f64 / 12.0).cbrt();
        assert!((w.omega.unwrap() / expected - 1.0).abs() < 1e-12);
        assert_eq!(c.reconcile_counting(), (128_256.0, 128.0, true));
    }

    /// A fit as the section's law; α = β gives a total exponent of exactly 0.5; a law that
    /// cannot be used says why instead of a number.
    #[test]
    fn fits_and_refusals() {
        let mut c = Config {
            fit: Some(FitConfig::new(crate::law::LossParams {
                e: 1.8,
                a: 400.0,
                b: 400.0,
                alpha: 0.3,
                beta: 0.3,
            })),
            ..Config::default()
        };
        c.reconcile.law = LawId::Fit;
        let w = why(&c, &plan(&c));
        assert_eq!(w.report.as_ref().unwrap().total_exponent, 0.5);
        c.reconcile.vocab = 0.0;
        let w = why(&c, &plan(&c));
        assert!(w.report.is_err() && w.omega.is_err());
        assert!(w.findings("x")[0].starts_with("No reconciliation"));
    }

    /// The catalog's English is the section's wording; 中文 names the steps and counts in 亿.
    #[test]
    fn both_languages() {
        let c = Config::default();
        let en = why(&c, &plan(&c));
        for row in &en.steps {
            assert_eq!(step_label(&row.step, Lang::En), row.step.label);
        }
        let zh_config = Config {
            lang: Lang::Zh,
            ..Config::default()
        };
        let zh = why(&zh_config, &plan(&zh_config));
        assert!(zh.findings("Epoch AI")[0].contains("按 Kaplan 的计数方式"));
        assert!(zh.budget_caption().contains("计算预算"));
        let cells = step_cells(&zh.steps[0]);
        assert!(
            cells[2].contains("复现") && cells[4].contains("亿"),
            "{cells:?}"
        );
    }
}
