//! The sweep planner's section as data and text: the page's inputs read into a design
//! ([`PlannerSetup`]), the workers' request, the design the simulations choose, and the rows the
//! page shows (the runs with a suggested shape, each approach's bias and spread), in either
//! language. The numbers are `fit::design`'s.

use crate::fit::design::explore::{choose, grid_with, Cell, SIZES, WIDTHS};
use crate::fit::design::simulate::{check_simulation, Simulated, Spread};
use crate::fit::design::{
    to_csv, total_flops, DesignError, DesignField, PlannedRun, SweepDesign, DEFAULT_BUDGETS,
    DEFAULT_SIMULATIONS, DEFAULT_SIZES, DEFAULT_SPACING, DEFAULT_SWEEP_SHARE, DEFAULT_WIDTH,
};
use crate::fit::jobs::worker::PlanRequest;
use crate::fit::runs::example::EXAMPLE_NOISE;
use crate::i18n::{sweep as t, Lang};
use crate::law::quantity::{format_count_in, format_flops, significant};
use crate::law::shape::{suggest, Template, DEFAULT_ASPECT_RATIO};
use crate::law::LossParams;
use crate::permalink::Config;

use super::{resolve_law, Plan};

/// The budget planned for when neither the section nor the page names one: Chinchilla's
/// (Hoffmann et al. 2022, Table 3: 70B on 1.4T tokens).
const FALLBACK_TARGET: f64 = 5.76e23;

/// The seed of the page's simulations: the same inputs give the same numbers everywhere.
pub const SEED: u64 = 1;

/// The planner's inputs, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannerSetup {
    /// The design, with the grid's widest width and most sizes where the reader left them
    /// open (so a problem is said only when every design of the grid has it).
    pub design: SweepDesign,
    /// The width as typed.
    pub width: Option<f64>,
    /// The sizes as typed.
    pub sizes: Option<usize>,
    /// The prior law's coefficients and name.
    pub law: Option<(LossParams, String)>,
    /// Relative noise on each loss.
    pub noise: f64,
    /// Simulated sweeps per design.
    pub simulations: usize,
    /// What stops the simulations, each naming its field.
    pub problems: Vec<DesignError>,
}

/// The page's first budget: the question's, else the first answered row's compute.
fn page_budget(plan: &Plan) -> f64 {
    plan.flops
        .or_else(|| {
            plan.rows
                .iter()
                .find_map(|r| r.values.as_ref().ok().map(|v| v.allocation.flops))
        })
        .unwrap_or(FALLBACK_TARGET)
}

/// Reads the section's inputs from the page's configuration and plan.
#[must_use]
pub fn setup(config: &Config, plan: &Plan) -> PlannerSetup {
    let p = &config.planner;
    let target = p.target.unwrap_or_else(|| page_budget(plan));
    let width = p.width;
    let sizes = p.sizes.map(|s| s as usize);
    let design = SweepDesign {
        target,
        sweep_flops: p.spend.unwrap_or(target * DEFAULT_SWEEP_SHARE),
        budgets: p.budgets.map_or(DEFAULT_BUDGETS, |b| b as usize),
        spacing: p.spacing.unwrap_or(DEFAULT_SPACING),
        sizes: sizes.unwrap_or(SIZES[SIZES.len() - 1]),
        width: width.unwrap_or(WIDTHS[WIDTHS.len() - 1]),
        offset: p.offset.unwrap_or(1.0),
    };
    let law = resolve_law(config, p.law).and_then(|l| l.loss_params().map(|q| (q, l.name)));
    let noise = p.noise_percent.map_or(EXAMPLE_NOISE, |x| x / 100.0);
    let simulations = p.simulations.map_or(DEFAULT_SIMULATIONS, |m| m as usize);
    let mut problems = design.problems();
    if law.as_ref().is_none_or(|(l, _)| l.check().is_err()) {
        problems.push(DesignError::Law);
    }
    problems.extend(check_simulation(noise, simulations));
    PlannerSetup {
        design,
        width,
        sizes,
        law,
        noise,
        simulations,
        problems,
    }
}

impl PlannerSetup {
    /// The problem with `field`, in `lang`, if any.
    #[must_use]
    pub fn problem(&self, field: DesignField, lang: Lang) -> Option<String> {
        self.problems
            .iter()
            .find(|p| p.field() == field)
            .map(|p| p.text(lang))
    }

    /// What the workers simulate: the grid and the reader's typed values; `None` while a
    /// problem stands.
    #[must_use]
    pub fn request(&self) -> Option<PlanRequest> {
        let (law, _) = self.law.as_ref()?;
        if !self.problems.is_empty() {
            return None;
        }
        let (widths, sizes) = grid_with(self.width, self.sizes);
        Some(PlanRequest {
            design: self.design,
            widths,
            sizes,
            law: *law,
            noise: self.noise,
            simulations: self.simulations,
            seed: SEED,
        })
    }

    /// The design shown before the simulations have chosen: the typed values, else ×4 and 7.
    #[must_use]
    pub fn provisional(&self) -> SweepDesign {
        SweepDesign {
            width: self.width.unwrap_or(DEFAULT_WIDTH),
            sizes: self.sizes.unwrap_or(DEFAULT_SIZES),
            ..self.design
        }
    }
}

/// The design the simulations chose (or the reader typed), its runs and its simulations.
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    pub design: SweepDesign,
    pub runs: Vec<PlannedRun>,
    pub simulated: Simulated,
    /// Whether the simulations chose the width or the sizes.
    pub by_simulation: bool,
    /// Designs the choice was made among: the grid's simulated cells with the reader's typed
    /// width or sizes.
    pub compared: usize,
}

/// The design to use from the workers' `cells`.
#[must_use]
pub fn chosen(setup: &PlannerSetup, cells: &[Cell]) -> Option<Chosen> {
    let (law, _) = setup.law.as_ref()?;
    let cell = choose(cells, setup.width, setup.sizes)?;
    let design = SweepDesign {
        width: cell.width,
        sizes: cell.sizes,
        ..setup.design
    };
    let runs = design.runs(law).ok()?;
    Some(Chosen {
        design,
        runs,
        simulated: cell.outcome.clone().ok()?,
        by_simulation: setup.width.is_none() || setup.sizes.is_none(),
        compared: cells
            .iter()
            .filter(|c| c.outcome.is_ok())
            .filter(|c| setup.width.is_none_or(|w| c.width == w))
            .filter(|c| setup.sizes.is_none_or(|s| c.sizes == s))
            .count(),
    })
}

/// `n` as the page prints a multiplier: `4`, `1.5`, `0.333`.
fn times(x: f64) -> String {
    significant(x, 3)
}

/// The sentence over the runs.
#[must_use]
pub fn summary(design: &SweepDesign, runs: &[PlannedRun], lang: Lang) -> String {
    let budgets = design.budget_list();
    let total = total_flops(runs);
    let centre = if design.offset == 1.0 {
        String::new()
    } else {
        t::centre_offset(lang, &times(design.offset))
    };
    t::summary(
        lang,
        &runs.len(),
        &design.budgets,
        &format_flops(budgets[0]),
        &format_flops(budgets[budgets.len() - 1]),
        &format_flops(total),
        &format!("{} %", significant(100.0 * total / design.target, 3)),
        &design.sizes,
        &times(design.width),
        &centre,
    )
}

/// One row per run: budget, N, D, D/N, a suggested shape (Chinchilla's template, aspect 75).
#[must_use]
pub fn run_rows(runs: &[PlannedRun], lang: Lang) -> Vec<[String; 5]> {
    runs.iter()
        .map(|r| {
            let shape = suggest(r.n_params, DEFAULT_ASPECT_RATIO, &Template::chinchilla())
                .map(|s| {
                    t::shape_dims(
                        lang,
                        &s.shape.layers().to_string(),
                        &s.shape.d_model().to_string(),
                    )
                })
                .unwrap_or_else(|e| e.to_string());
            [
                format_flops(r.flops),
                format_count_in(r.n_params, lang),
                format_count_in(r.n_tokens, lang),
                significant(r.n_tokens / r.n_params, 3),
                shape,
            ]
        })
        .collect()
}

/// A relative change as a signed percentage to hundredths: `+3.24 %`, `−5.00 %`, `0 %`.
pub(crate) fn signed_percent(x: f64) -> String {
    // Hundredths of a per cent: a bias below that (a symmetric law's rounding) reads 0.
    let p = (100.0 * x * 100.0).round() / 100.0;
    if p > 0.0 {
        format!("+{p:.2} %")
    } else if p < 0.0 {
        format!("−{:.2} %", -p)
    } else {
        "0 %".to_string()
    }
}

/// The row of one approach: its name, N_opt's bias and 95 % range, D_opt's, the typical error.
fn spread_row(name: String, s: Option<Spread>, lang: Lang) -> [String; 6] {
    let Some(s) = s else {
        return [
            name,
            t::not_fitted(lang).to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ];
    };
    let range = |i: [f64; 2]| {
        format!(
            "{} – {}",
            format_count_in(i[0], lang),
            format_count_in(i[1], lang)
        )
    };
    let mut error = format!("{} %", significant(100.0 * s.rms_log_error, 2));
    if s.failed > 0 {
        error = format!("{error} ({})", t::failed_some(lang, &s.failed));
    }
    [
        name,
        signed_percent(s.n_opt_bias),
        range(s.n_opt_95),
        signed_percent(s.d_opt_bias),
        range(s.d_opt_95),
        error,
    ]
}

/// The rows of Approaches 2 and 3.
#[must_use]
pub fn spread_rows(sim: &Simulated, lang: Lang) -> Vec<[String; 6]> {
    vec![
        spread_row(t::approach_2(lang).to_string(), sim.approach2, lang),
        spread_row(t::approach_3(lang).to_string(), sim.approach3, lang),
    ]
}

/// The caption over the rows: the truth at the target and how the sweeps were simulated.
#[must_use]
pub fn simulated_caption(sim: &Simulated, lang: Lang) -> String {
    t::simulated_caption(
        lang,
        &format_count_in(sim.truth.0, lang),
        &format_count_in(sim.truth.1, lang),
        &sim.simulations,
        &significant(100.0 * sim.noise, 3),
    )
}

/// The line on unusable parabolas.
#[must_use]
pub fn unusable_line(sim: &Simulated, lang: Lang) -> String {
    t::unusable(
        lang,
        &format!("{} %", significant(100.0 * sim.unusable_parabola, 3)),
    )
}

/// The CSV to download or copy.
#[must_use]
pub fn csv(runs: &[PlannedRun]) -> String {
    to_csv(runs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::LawId;

    fn page(query: &str) -> (Config, Plan) {
        let config = crate::permalink::decode(query).config;
        let plan = crate::plan::plan(&config);
        (config, plan)
    }

    #[test]
    fn the_section_reads_the_page_and_says_which_field_is_wrong() {
        // The page's budget is the target; the rest the planner's defaults.
        let (config, plan) = page("v=1&flops=1e24");
        let s = setup(&config, &plan);
        assert_eq!(s.design.target, 1e24);
        assert_eq!(s.design.sweep_flops, 1e22);
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        let r = s.request().unwrap();
        assert_eq!(r.widths, WIDTHS.to_vec());
        assert_eq!(r.law, crate::law::presets::EPOCH2024);
        // Typed values the design refuses are said beside their field, in both languages.
        let (config, plan) = page("v=1&pbud=1&pwidth=1&plaw=chinchilla-a3");
        let s = setup(&config, &plan);
        assert!(s.request().is_none());
        assert!(s
            .problem(DesignField::Budgets, Lang::En)
            .unwrap()
            .contains("two budgets"));
        assert!(s
            .problem(DesignField::Width, Lang::Zh)
            .unwrap()
            .contains("宽度"));
        assert!(s.problem(DesignField::Sizes, Lang::En).is_none());
        // Your fit as the prior.
        let (config, plan) = page("v=1&fit=1.8,480,2000,0.35,0.37&plaw=fit");
        let s = setup(&config, &plan);
        assert_eq!(config.planner.law, LawId::Fit);
        assert_eq!(s.law.unwrap().0.alpha, 0.35);
    }

    #[test]
    fn the_chosen_design_is_the_simulations_and_its_rows_read_in_both_languages() {
        let (config, plan) = page("v=1&flops=1e23&psims=20&pwidth=4");
        let s = setup(&config, &plan);
        let r = s.request().unwrap();
        assert_eq!((r.simulations, r.seed), (20, SEED));
        let cells = r.job().run_to_end();
        let c = chosen(&s, &cells).unwrap();
        assert_eq!(c.design.width, 4.0);
        assert!(c.by_simulation);
        // Chosen among the numbers of sizes at the typed width.
        assert_eq!(c.compared, crate::fit::design::explore::SIZES.len());
        assert_eq!(c.runs.len(), c.design.budgets * c.design.sizes);
        for lang in Lang::ALL {
            let rows = run_rows(&c.runs, lang);
            assert_eq!(rows.len(), c.runs.len());
            assert!(rows.iter().all(|r| !r[4].is_empty()));
            let spread = spread_rows(&c.simulated, lang);
            assert_eq!(spread.len(), 2);
            let text = summary(&c.design, &c.runs, lang);
            assert!(text.contains(&format!("{}", c.runs.len())), "{text}");
        }
        assert!(summary(&c.design, &c.runs, Lang::En).contains("(1.00 % of the target)"));
        // The CSV is the runs'.
        assert_eq!(csv(&c.runs).lines().count(), c.runs.len() + 1);
    }

    #[test]
    fn percentages_are_signed_and_never_negative_zero() {
        assert_eq!(signed_percent(0.0123), "+1.23 %");
        assert_eq!(signed_percent(-0.05), "−5.00 %");
        assert_eq!(signed_percent(-1e-9), "0 %");
        assert_eq!(signed_percent(0.0), "0 %");
    }
}
