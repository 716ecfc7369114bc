//! What each of the page's charts shows for a configuration and its plan, assembled here
//! (not in the page) so native tests can check it: the three frontier charts and the IsoFLOP
//! curve, or why a chart has nothing to draw.

use plotters::prelude::*;

use super::frontier::{
    self, adjusted_series, frontier_view, published_band, FrontierView, Quantity, FLOPS_RANGE,
};
use super::isoflop::{self, isoflop_view, with_adjusted_choices, with_flat, IsoflopView};
use super::reconcile::{
    self, frontier_both_ways_view, local_exponent_view, waterfall_view, LinearView,
};
use super::schedule::{self, sample, unit_exponent, ScheduleSeries, ScheduleView};
use super::shape_ratio::{self, draw_ratio, ratio_view, RatioView};
use super::style::{hex, law_color};
use super::{draw_frontier, ChartStyle, Drawn};
use crate::fit::resampling::bootstrap::percentile_band;
use crate::i18n::{charts as cat, Lang};
use crate::law::hyper::HyperLaw;
use crate::law::reconcile::omega;
use crate::law::{LawId, LossParams};
use crate::permalink::{Config, FitConfig, ShapeConfig};
use crate::plan::recipe::Recipes;
use crate::plan::{resolve_law, shown_laws, Plan};

/// What one chart shows.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartView {
    Frontier(FrontierView),
    Isoflop(IsoflopView),
    /// A linear-y chart (the local exponent, Porian et al.'s steps).
    Linear(LinearView),
    /// FLOPs per token over 6N against N, one line per convention.
    ShapeRatio(RatioView),
    /// The learning rate against the tokens seen, one line per run and hyperparameter law.
    Schedule(ScheduleView),
    /// Nothing to draw, and why.
    Empty(String),
}

impl ChartView {
    /// The same view with the pointer at `hover` (data coordinates), for the crosshair.
    #[must_use]
    pub fn with_hover(&self, hover: Option<(f64, f64)>) -> ChartView {
        match self.clone() {
            ChartView::Frontier(v) => ChartView::Frontier(FrontierView { hover, ..v }),
            ChartView::Isoflop(v) => ChartView::Isoflop(IsoflopView { hover, ..v }),
            ChartView::Linear(v) => ChartView::Linear(LinearView { hover, ..v }),
            ChartView::ShapeRatio(v) => ChartView::ShapeRatio(RatioView { hover, ..v }),
            ChartView::Schedule(v) => ChartView::Schedule(ScheduleView { hover, ..v }),
            empty => empty,
        }
    }

    /// Draws the view on any backend; the mapping back from pixels, if a chart was drawn.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, plotters::coord::Shift>,
        style: &ChartStyle,
    ) -> Option<Drawn> {
        match self {
            ChartView::Frontier(v) => draw_frontier(area, v, style).ok(),
            ChartView::Isoflop(v) => isoflop::draw_isoflop(area, v, style).ok(),
            ChartView::Linear(v) => reconcile::draw_linear(area, v, style).ok(),
            ChartView::ShapeRatio(v) => draw_ratio(area, v, style).ok(),
            ChartView::Schedule(v) => schedule::draw_schedule(area, v, style).ok(),
            ChartView::Empty(why) => {
                let _ = area.fill(&style.background);
                let _ = area.draw(&Text::new(
                    why.clone(),
                    (style.px(16.0) as i32, style.px(24.0) as i32),
                    (style.font_family, style.px(14.0))
                        .into_font()
                        .color(&style.foreground),
                ));
                None
            }
        }
    }

    /// The readout lines at data point `at`.
    #[must_use]
    pub fn readout(&self, at: (f64, f64)) -> Vec<String> {
        match self {
            ChartView::Frontier(v) => frontier::readout(v, at, 0.25),
            ChartView::Isoflop(v) => isoflop::readout(v, at.0),
            ChartView::Linear(v) => reconcile::readout(v, at),
            ChartView::ShapeRatio(v) => shape_ratio::readout(v, at, 0.15),
            ChartView::Schedule(v) => schedule::readout(v, at),
            ChartView::Empty(_) => Vec::new(),
        }
    }

    /// How many entries its legend has (for the chart's height).
    #[must_use]
    pub fn legend_len(&self) -> usize {
        match self {
            ChartView::Frontier(v) => v.series.len(),
            ChartView::Isoflop(v) => v.choices.len() + 1,
            ChartView::Linear(v) => v.series.len() + v.intervals.len(),
            ChartView::ShapeRatio(v) => v.series.len() + 1,
            ChartView::Schedule(v) => v.series.len(),
            ChartView::Empty(_) => 0,
        }
    }

    /// `#rrggbb` of each line, comma-separated, for the page's tests and the legend.
    #[must_use]
    pub fn colors(&self) -> String {
        let colors: Vec<String> = match self {
            ChartView::Frontier(v) => v.series.iter().map(|s| hex(s.color)).collect(),
            ChartView::Isoflop(v) => v.choices.iter().map(|(_, c)| hex(*c)).collect(),
            ChartView::Linear(v) => v
                .series
                .iter()
                .map(|s| hex(s.color))
                .chain(v.intervals.iter().map(|s| hex(s.color)))
                .collect(),
            ChartView::ShapeRatio(v) => return v.colors(),
            ChartView::Schedule(v) => v.series.iter().map(|s| hex(s.color)).collect(),
            ChartView::Empty(_) => Vec::new(),
        };
        colors.join(",")
    }
}

/// A fit and its bootstrap resamples, for the fit's confidence band.
pub type FitSamples = (FitConfig, std::sync::Arc<Vec<LossParams>>);

/// The 95 % band of `quantity` against C from a fit's bootstrap resamples: (log10 C, low, high).
#[must_use]
pub fn band(samples: &[LossParams], quantity: Quantity) -> Vec<(f64, f64, f64)> {
    let (x0, x1) = FLOPS_RANGE;
    let xs: Vec<f64> = (0..=32)
        .map(|i| x0 + (x1 - x0) * f64::from(i) / 32.0)
        .collect();
    percentile_band(samples, &xs, |p, x| {
        let (n, d) = p.optimal(10f64.powf(x));
        quantity.of(n, d).log10()
    })
}

/// One frontier chart of `quantity` against C: every shown law, its beyond-Chinchilla line,
/// and the fit's band while `fit_band`'s fit is the configuration's and is shown.
fn frontier_chart(
    config: &Config,
    plan: &Plan,
    fit_band: Option<&FitSamples>,
    quantity: Quantity,
) -> ChartView {
    let laws = shown_laws(config);
    let mut view = frontier_view(&laws, quantity, plan.flops, config.lang);
    // How sure each published law is: its paper's exponent interval, as a band.
    view.bands.extend(
        laws.iter()
            .filter_map(|l| Some((law_color(l.id), published_band(l, quantity)?))),
    );
    if let Some((fit, samples)) = fit_band {
        if config.uses_fit(fit) {
            view.bands
                .push((law_color(LawId::Fit), band(samples, quantity)));
        }
    }
    view.series.extend(adjusted_series(
        &laws,
        quantity,
        config.inference_tokens,
        config.unique_tokens,
        config.lang,
    ));
    ChartView::Frontier(view)
}

/// The comparison the page exists for, on its first screen: N and D against C.
#[must_use]
pub fn comparison_views(
    config: &Config,
    plan: &Plan,
    fit_band: Option<&FitSamples>,
) -> [ChartView; 2] {
    [
        frontier_chart(config, plan, fit_band, Quantity::Params),
        frontier_chart(config, plan, fit_band, Quantity::Tokens),
    ]
}

/// The charts further down: the IsoFLOP curve at the budget under the judge, and D/N against C.
#[must_use]
pub fn more_views(config: &Config, plan: &Plan, fit_band: Option<&FitSamples>) -> [ChartView; 2] {
    let laws = shown_laws(config);
    let lang = config.lang;
    let iso = match (&plan.judge, plan.flops) {
        (Some(judge), Some(c)) => isoflop_view(judge, c, &laws, lang)
            .map(|v| {
                let v = match plan.flat_tolerance {
                    Some(tol) => with_flat(v, judge, tol),
                    None => v,
                };
                ChartView::Isoflop(with_adjusted_choices(
                    v,
                    judge,
                    config.inference_tokens,
                    config.unique_tokens,
                ))
            })
            .unwrap_or_else(|| ChartView::Empty(cat::empty_judge_cannot_draw(lang).into())),
        (None, _) => ChartView::Empty(cat::empty_choose_judge(lang).into()),
        (_, None) => ChartView::Empty(cat::empty_needs_budget(lang).into()),
    };
    [
        iso,
        frontier_chart(config, plan, fit_band, Quantity::TokensPerParam),
    ]
}

/// The three charts of "Why they differ": the local exponent, the frontier both ways (from the
/// section's law and ω) and Porian et al.'s steps (cited data); closed, nothing is computed.
#[must_use]
pub fn why_views(config: &Config) -> [ChartView; 3] {
    let r = &config.reconcile;
    if !r.open {
        let closed = || ChartView::Empty(String::new());
        return [closed(), closed(), closed()];
    }
    let law = resolve_law(config, r.law).and_then(|l| Some((l.id, l.loss_params()?)));
    let (vocab, aspect, _) = config.reconcile_counting();
    let lang = config.lang;
    let counted = match (law, omega(vocab, aspect)) {
        (Some((id, params)), Ok(w)) => Ok((id, params, w)),
        (None, _) => Err(cat::empty_choose_loss_law(lang).to_string()),
        (_, Err(e)) => Err(cat::empty_no_omega(lang, &e.text(lang))),
    };
    let or_empty = |view: Option<ChartView>| {
        view.unwrap_or_else(|| ChartView::Empty(cat::empty_cannot_draw_law(lang).into()))
    };
    match counted {
        Ok((id, params, w)) => [
            or_empty(local_exponent_view(id, params, w, lang).map(ChartView::Linear)),
            or_empty(frontier_both_ways_view(id, params, w, lang).map(ChartView::Frontier)),
            ChartView::Linear(waterfall_view(lang)),
        ],
        Err(why) => [
            ChartView::Empty(why.clone()),
            ChartView::Empty(why),
            ChartView::Linear(waterfall_view(lang)),
        ],
    }
}

/// The FLOPs-per-token chart for the configuration's shape: the lines of its preset's family,
/// of suggested shapes like a typed one (10^8 to 10^12 parameters at the section's aspect
/// ratio), or of Chinchilla's models when there is no shape; the shape itself ringed.
#[must_use]
pub fn shape_ratio_view(shape_config: &ShapeConfig, lang: Lang) -> ChartView {
    use crate::law::shape::{family_ratio_series, suggested_ratio_series, Family, Template};
    let chosen = shape_config.convention;
    let (lines, x_desc) = match (shape_config.preset(), shape_config.shape()) {
        (Some(preset), _) => (
            family_ratio_series(preset.family),
            cat::ratio_axis_family(lang, &preset.family.label()),
        ),
        (None, Some(shape)) => {
            let template = Template::from_shape(&shape);
            match suggested_ratio_series(&template, shape_config.aspect_ratio, 1e8, 1e12, 25) {
                Ok(lines) => (lines, cat::ratio_axis_suggested(lang).to_string()),
                Err(e) => return ChartView::Empty(e.text(lang)),
            }
        }
        (None, None) => (
            family_ratio_series(Family::Chinchilla),
            cat::ratio_axis_chinchilla(lang).to_string(),
        ),
    };
    let current = shape_config.shape().map(|shape| {
        let n = shape.params().total as f64;
        let name = shape_config
            .preset()
            .map_or_else(|| cat::your_shape(lang).to_string(), |p| p.name);
        (n, chosen.flops_per_token(&shape) / (6.0 * n), name)
    });
    ChartView::ShapeRatio(ratio_view(&lines, chosen, x_desc, current, lang))
}

/// The training recipe's chart: the learning rate against the tokens seen under the chosen
/// schedule, a line per law's allocation (its colour) and hyperparameter law (Step Law dashed),
/// each to its run's end.
#[must_use]
pub fn schedule_view(recipes: &Recipes, lang: Lang) -> ChartView {
    let schedule = recipes.setup.schedule;
    let runs: Vec<_> = recipes
        .rows
        .iter()
        .flat_map(|row| {
            row.recipes.iter().filter_map(move |(law, r)| {
                let r = r.as_ref().ok()?;
                Some((row, *law, r))
            })
        })
        .collect();
    if runs.is_empty() {
        return ChartView::Empty(cat::empty_no_recipe(lang).into());
    }
    let max = |f: &dyn Fn(&crate::plan::recipe::SourceRecipe) -> f64| {
        runs.iter().map(|(_, _, r)| f(r)).fold(0.0, f64::max)
    };
    let x_max = max(&|r| r.configured.steps as f64 * r.configured.batch_tokens_rounded);
    let y_max = max(&|r| r.configured.peak.lr);
    let (x_exp, y_exp) = (unit_exponent(x_max), unit_exponent(y_max));
    let series = runs
        .iter()
        .map(|(row, law, r)| {
            let c = &r.configured;
            let steps = c.steps as f64;
            let warmup = c.warmup_steps as f64;
            ScheduleSeries {
                label: format!("{} · {}", row.name, law.name()),
                color: crate::law::LawId::parse(&row.id).map_or(super::style::RUN_COLOR, law_color),
                dashed: *law == HyperLaw::StepLaw2025,
                points: sample(
                    |step| schedule.factor(step, steps, warmup),
                    c.peak.lr,
                    steps,
                    c.batch_tokens_rounded,
                    (x_exp, y_exp),
                ),
            }
        })
        .collect();
    ChartView::Schedule(ScheduleView {
        x_desc: cat::schedule_x(lang, &super::power_of_ten_label(f64::from(x_exp))),
        y_desc: cat::schedule_y(lang, &super::power_of_ten_label(f64::from(y_exp))),
        x_max: x_max / 10f64.powi(x_exp),
        y_max: y_max / 10f64.powi(y_exp),
        x_exp,
        y_exp,
        series,
        hover: None,
        lang,
    })
}
