//! Chart 3: the IsoFLOP curve at the budget — the judge law's predicted loss against N with
//! C fixed (D = C/(6N)) — with each law's choice of N marked on it. The picture of why
//! Kaplan's allocation undertrains: its N sits up the left wall of the valley.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{law_color, ChartStyle};
use super::{count_label, finish, frame, Axes, Drawn, Marker};
use crate::i18n::{charts as cat, Lang};
use crate::law::quantity::{format_count_in, format_flops};
use crate::law::Law;

/// What the IsoFLOP chart shows: x is log10 N, y is loss (nats/token).
#[derive(Debug, Clone, PartialEq)]
pub struct IsoflopView {
    pub flops: f64,
    pub judge_name: String,
    pub curve: Vec<(f64, f64)>,
    /// Each law's N at this budget, on the curve, in its colour.
    pub choices: Vec<(Marker, RGBColor)>,
    pub hover: Option<(f64, f64)>,
    /// The flat optimum under the judge: log10 of the smallest and largest N within the
    /// tolerance of its best loss (`plan::flat`), and its legend label.
    pub flat: Option<(f64, f64, String)>,
    /// The language of its words.
    pub lang: Lang,
}

/// The curve of `judge` at `flops` over four decades of N around its optimum (widened to
/// include every law's choice), or `None` when the judge has no loss model or fails.
#[must_use]
pub fn isoflop_view(judge: &Law, flops: f64, laws: &[Law], lang: Lang) -> Option<IsoflopView> {
    let optimum = judge.allocate(flops).ok()?;
    let loss_at = |log_n: f64| {
        let n = 10f64.powf(log_n);
        judge.loss(n, flops / (6.0 * n)).ok()
    };
    let choices: Vec<(Marker, RGBColor)> = laws
        .iter()
        .filter_map(|law| {
            let a = law.allocate(flops).ok()?;
            let x = a.n_params.log10();
            Some((
                Marker {
                    label: law.name.to_string(),
                    detail: n_and_d(a.n_params, a.n_tokens, lang),
                    x,
                    y: loss_at(x)?,
                },
                law_color(law.id),
            ))
        })
        .collect();
    let centre = optimum.n_params.log10();
    let lo = choices
        .iter()
        .map(|c| c.0.x - 0.5)
        .fold(centre - 2.0, f64::min)
        .floor();
    let hi = choices
        .iter()
        .map(|c| c.0.x + 0.5)
        .fold(centre + 2.0, f64::max)
        .ceil();
    const STEPS: usize = 160;
    let curve: Vec<(f64, f64)> = (0..=STEPS)
        .filter_map(|i| {
            let x = lo + (hi - lo) * i as f64 / STEPS as f64;
            loss_at(x).filter(|l| l.is_finite()).map(|l| (x, l))
        })
        .collect();
    (curve.len() > 1).then(|| IsoflopView {
        flops,
        judge_name: judge.name.to_string(),
        curve,
        choices,
        hover: None,
        flat: None,
        lang,
    })
}

/// Adds the judge's flat optimum at `tolerance` (relative) to the view, shaded behind the
/// curve; left out when it cannot be computed.
#[must_use]
pub fn with_flat(mut view: IsoflopView, judge: &Law, tolerance: f64) -> IsoflopView {
    view.flat = crate::plan::flat::flat_range(judge, view.flops, tolerance)
        .ok()
        .map(|r| {
            (
                r.n_min.log10(),
                r.n_max.log10(),
                crate::plan::flat::shade_label(tolerance, view.lang),
            )
        });
    view
}

/// "N = 70.0B, D = 1.40T"; in 中文 with 万/亿 and a full-width comma.
fn n_and_d(n: f64, d: f64, lang: Lang) -> String {
    let sep = if lang == Lang::Zh { "，" } else { ", " };
    format!(
        "N = {}{sep}D = {}",
        format_count_in(n, lang),
        format_count_in(d, lang)
    )
}

/// Adds the adjusted choices to the IsoFLOP view: Muennighoff et al.'s data-constrained N at
/// this budget (on the curve), and the judge's inference-aware model (Sardana et al. 2024),
/// which reaches the optimum's loss with fewer parameters and more training, so it sits left
/// of the valley at the optimum's loss, off the curve.
#[must_use]
pub fn with_adjusted_choices(
    mut view: IsoflopView,
    judge: &Law,
    inference_tokens: Option<f64>,
    unique_tokens: Option<f64>,
) -> IsoflopView {
    use crate::law::beyond::{data_constrained_optimal, inference_optimal_at_budget};
    let lang = view.lang;
    let grey = RGBColor(110, 110, 110);
    if let Some(u) = unique_tokens {
        if let Ok(a) = data_constrained_optimal(view.flops, u) {
            if let Ok(loss) = judge.loss(a.n_params, a.n_tokens) {
                view.choices.push((
                    Marker {
                        label: cat::legend_data_constrained(lang, &format_count_in(u, lang)),
                        detail: cat::detail_epochs(
                            lang,
                            &format_count_in(a.n_params, lang),
                            &format_count_in(a.n_tokens, lang),
                            &format!("{:.2}", a.epochs),
                        ),
                        x: a.n_params.log10(),
                        y: loss,
                    },
                    grey,
                ));
            }
        }
    }
    if let (Some(d_inf), Some(p)) = (inference_tokens, crate::plan::loss_params(judge)) {
        if let Ok(a) = inference_optimal_at_budget(&p, view.flops, d_inf) {
            view.choices.push((
                Marker {
                    label: cat::legend_inference_choice(lang).into(),
                    detail: cat::detail_lifetime(
                        lang,
                        &format_count_in(a.optimal.n_params, lang),
                        &format_count_in(a.optimal.n_tokens, lang),
                        &format!("{:.1}", a.total_flops_pct),
                    ),
                    x: a.optimal.n_params.log10(),
                    y: a.target_loss,
                },
                law_color(judge.id),
            ));
        }
    }
    view
}

/// Draws the IsoFLOP chart and returns where it drew.
pub fn draw_isoflop<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &IsoflopView,
    style: &ChartStyle,
) -> Result<Drawn, DrawingAreaErrorKind<DB::ErrorType>> {
    let x0 = view.curve.first().map_or(0.0, |p| p.0);
    let x1 = view.curve.last().map_or(1.0, |p| p.0);
    let min = view.curve.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    // Show the valley: up to the highest choice, and at least a little above the minimum.
    let top = view
        .choices
        .iter()
        .map(|c| c.0.y)
        .fold(min, f64::max)
        .max(min + 0.05);
    let span = top - min;
    let (y0, y1) = (min - 0.1 * span, top + 0.6 * span);
    let x_desc = cat::axis_params_at(view.lang, &format_flops(view.flops));
    // The judge is named in the legend; a long axis title would run into it on a phone.
    let y_desc = cat::axis_predicted_loss(view.lang);
    let curve_label = cat::legend_isoflop_curve(view.lang, &view.judge_name);
    let mut legend: Vec<(&str, RGBColor)> = vec![(curve_label.as_str(), style.foreground)];
    let shade = super::style::flat_shade(style);
    if let Some((_, _, label)) = &view.flat {
        legend.push((label.as_str(), shade));
    }
    legend.extend(view.choices.iter().map(|(m, c)| (m.label.as_str(), *c)));
    let axes = Axes {
        x_desc: &x_desc,
        y_desc,
        x_labels: (x1 - x0).round() as usize + 1,
        y_labels: 6,
        x_format: &|x| count_label(*x),
        y_format: &|y| format!("{y:.2}"),
        legend: &legend,
    };
    let mut chart = frame(area, ((x0, x1), (y0, y1)), &axes, style)?;
    if let Some((lo, hi, _)) = &view.flat {
        let (lo, hi) = (lo.max(x0), hi.min(x1));
        if lo < hi {
            chart.draw_series([Rectangle::new([(lo, y0), (hi, y1)], shade.filled())])?;
        }
    }
    chart.draw_series(LineSeries::new(
        view.curve.iter().copied().filter(|p| p.1 <= y1),
        style.foreground.stroke_width(style.px(2.0)),
    ))?;
    for (m, color) in &view.choices {
        if (y0..=y1).contains(&m.y) {
            chart.draw_series([Circle::new((m.x, m.y), style.px(6.0), color.filled())])?;
            chart.draw_series(DashedLineSeries::new(
                [(m.x, y0), (m.x, m.y)],
                style.px(4.0),
                style.px(3.0),
                color.stroke_width(style.px(1.5)),
            ))?;
        }
    }
    finish(area, &chart, &legend, view.hover, style)
}

/// The readout under the pointer: N there and the judge's loss, and the nearest law's choice.
#[must_use]
pub fn readout(view: &IsoflopView, x: f64) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(l) = super::frontier::value_at(&view.curve, x) {
        lines.push(cat::readout_loss_at(
            view.lang,
            &format_count_in(10f64.powf(x), view.lang),
            &format!("{l:.4}"),
        ));
    }
    if let Some((m, _)) = view
        .choices
        .iter()
        .min_by(|a, b| (a.0.x - x).abs().total_cmp(&(b.0.x - x).abs()))
        .filter(|(m, _)| (m.x - x).abs() < 0.15)
    {
        lines.push(cat::readout_choice(
            view.lang,
            &m.label,
            &m.detail,
            &format!("{:.4}", m.y),
        ));
    }
    lines
}
