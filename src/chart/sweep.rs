//! The IsoFLOP chart of a user's sweep (Approach 2 of Hoffmann et al. 2022, Sec. 3.2, Fig. 3):
//! loss against model size N per budget, one colour per budget, each budget's fitted parabola in
//! ln N, and its minimum marked with its bootstrap interval. Log10 N on x, loss (linear) on y.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frontier::PlotRanges;
use super::style::budget_color;
use super::{count_label, decade_range, finish, frame, Axes, ChartStyle};
use crate::fit::FrontierReport;
use crate::i18n::{charts as cat, Lang};
use crate::law::quantity::{format_flops, significant};

/// Samples of each drawn parabola.
const CURVE_SAMPLES: usize = 48;

/// One budget of the chart, in log10 N.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepBudget {
    /// "C = 1e20 FLOPs", the legend's entry.
    pub label: String,
    /// The budget's colour.
    pub color: RGBColor,
    /// (log10 N, loss) of each run.
    pub points: Vec<(f64, f64)>,
    /// (log10 N, loss) along the fitted parabola; empty when none was fitted.
    pub curve: Vec<(f64, f64)>,
    /// (log10 N_opt, loss there) when the parabola's minimum is used.
    pub minimum: Option<(f64, f64)>,
    /// The minimum's 95 % interval in log10 N, when there was a bootstrap.
    pub interval: Option<(f64, f64)>,
}

/// What the sweep chart shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SweepView {
    /// Budgets from the smallest C up.
    pub budgets: Vec<SweepBudget>,
    /// The language of its axis titles ([`SweepView::in_lang`]; English by default).
    pub lang: Lang,
}

impl SweepView {
    /// The chart of an Approach-2 report (empty for Approach 1, which has no profiles).
    #[must_use]
    pub fn of(report: &FrontierReport) -> Self {
        let minima = report.ci.as_ref().map(|c| &c.budget_minima);
        let finite = |p: &(f64, f64)| p.0 > 0.0 && p.0.is_finite() && p.1.is_finite();
        let budgets = report
            .profiles
            .iter()
            .enumerate()
            .map(|(i, p)| SweepBudget {
                label: format!("C = {} FLOPs", format_flops(p.flops)),
                color: budget_color(i),
                points: p
                    .points
                    .iter()
                    .filter(|q| finite(q))
                    .map(|&(n, l)| (n.log10(), l))
                    .collect(),
                curve: p
                    .curve(CURVE_SAMPLES)
                    .iter()
                    .filter(|q| finite(q))
                    .map(|&(n, l)| (n.log10(), l))
                    .collect(),
                minimum: p
                    .optimum
                    .filter(|o| o.0 > 0.0 && o.2.is_finite())
                    .map(|(n, _, l)| (n.log10(), l)),
                interval: minima
                    .and_then(|m| m.get(i).copied().flatten())
                    .filter(|[lo, hi]| *lo > 0.0 && *hi >= *lo)
                    .map(|[lo, hi]| (lo.log10(), hi.log10())),
            })
            .collect();
        SweepView {
            budgets,
            lang: Lang::En,
        }
    }

    /// The same view with its axis titles in `lang`.
    #[must_use]
    pub fn in_lang(self, lang: Lang) -> Self {
        SweepView { lang, ..self }
    }

    /// The y range: every run's loss and minimum, padded by 5 % (a unit range when flat).
    #[must_use]
    pub fn y_range(&self) -> (f64, f64) {
        let (lo, hi) = self
            .budgets
            .iter()
            .flat_map(|b| b.points.iter().chain(b.minimum.iter()).map(|p| p.1))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| {
                (lo.min(y), hi.max(y))
            });
        if !(lo.is_finite() && hi.is_finite()) {
            return (0.0, 1.0);
        }
        let pad = ((hi - lo) * 0.05).max(1e-3);
        (lo - pad, hi + pad)
    }
}

/// Draws the sweep chart and returns the ranges it used (x in log10 N).
pub fn draw_sweep<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &SweepView,
    style: &ChartStyle,
) -> Result<PlotRanges, DrawingAreaErrorKind<DB::ErrorType>> {
    let (x0, x1) = decade_range(
        view.budgets
            .iter()
            .flat_map(|b| b.points.iter().map(|p| p.0)),
    );
    let (y0, y1) = view.y_range();
    let x_label = |x: &f64| count_label(*x);
    let y_label = |y: &f64| significant(*y, 3);
    let legend: Vec<(&str, RGBColor)> = view
        .budgets
        .iter()
        .map(|b| (b.label.as_str(), b.color))
        .collect();
    let axes = Axes {
        x_desc: cat::axis_params(view.lang),
        y_desc: cat::axis_loss(view.lang),
        x_labels: (x1 - x0).round() as usize + 1,
        y_labels: 5,
        x_format: &x_label,
        y_format: &y_label,
        legend: &legend,
    };
    let mut chart = frame(area, ((x0, x1), (y0, y1)), &axes, style)?;
    let radius = style.px(3.5);
    let width = style.px(2.0);
    for b in &view.budgets {
        chart.draw_series(LineSeries::new(
            b.curve.iter().copied(),
            b.color.stroke_width(width),
        ))?;
        chart.draw_series(
            b.points
                .iter()
                .map(|&p| Circle::new(p, radius, b.color.filled())),
        )?;
        if let Some((x, y)) = b.minimum {
            if let Some((lo, hi)) = b.interval {
                chart.draw_series(LineSeries::new(
                    [(lo, y), (hi, y)],
                    b.color.stroke_width(width),
                ))?;
            }
            chart.draw_series(std::iter::once(Cross::new(
                (x, y),
                style.px(6.0),
                style.foreground.stroke_width(width),
            )))?;
        }
    }
    finish(area, &chart, &legend, None, style)?;
    Ok(PlotRanges {
        x: (x0, x1),
        y: (y0, y1),
    })
}
