//! The learning rate against the tokens seen, for the chosen schedule: a line per law's
//! allocation and hyperparameter law (dashed: Step Law), each ending at its run's tokens.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{draw_line, finish, frame, Axes, ChartStyle, Drawn};
use crate::i18n::{charts as cat, Lang};
use crate::law::quantity::significant;

/// One run's learning rate: (tokens, rate) pairs in the view's units.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleSeries {
    pub label: String,
    pub color: RGBColor,
    pub dashed: bool,
    pub points: Vec<(f64, f64)>,
}

/// What the schedule chart shows: tokens in units of 10^x_exp, rates in units of 10^y_exp.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleView {
    pub x_desc: String,
    pub y_desc: String,
    pub x_max: f64,
    pub y_max: f64,
    pub x_exp: i32,
    pub y_exp: i32,
    pub series: Vec<ScheduleSeries>,
    pub hover: Option<(f64, f64)>,
    pub lang: Lang,
}

/// Samples along each run: enough for the cosine and the (1 − √) cool-down to read smoothly.
pub const SAMPLES: usize = 200;

/// The power of ten that brings `max` into [1, 10) (0 when it is not positive).
#[must_use]
pub fn unit_exponent(max: f64) -> i32 {
    if max.is_finite() && max > 0.0 {
        max.log10().floor() as i32
    } else {
        0
    }
}

/// A run's schedule as a series: `factor(step)` of `peak` sampled over `steps` steps of
/// `batch` tokens, in units of 10^x_exp tokens and 10^y_exp.
#[must_use]
pub fn sample(
    factor: impl Fn(f64) -> f64,
    peak: f64,
    steps: f64,
    batch: f64,
    (x_exp, y_exp): (i32, i32),
) -> Vec<(f64, f64)> {
    let (xs, ys) = (10f64.powi(x_exp), 10f64.powi(y_exp));
    (0..=SAMPLES)
        .map(|i| {
            let step = steps * i as f64 / SAMPLES as f64;
            (step * batch / xs, factor(step) * peak / ys)
        })
        .collect()
}

/// Draws the schedule chart and returns where it drew.
pub fn draw_schedule<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &ScheduleView,
    style: &ChartStyle,
) -> Result<Drawn, DrawingAreaErrorKind<DB::ErrorType>> {
    let x_format = |x: &f64| significant(*x, 3);
    let y_format = |y: &f64| significant(*y, 3);
    let legend: Vec<(&str, RGBColor)> = view
        .series
        .iter()
        .map(|s| (s.label.as_str(), s.color))
        .collect();
    let axes = Axes {
        x_desc: &view.x_desc,
        y_desc: &view.y_desc,
        x_labels: 6,
        y_labels: 6,
        x_format: &x_format,
        y_format: &y_format,
        legend: &legend,
    };
    let x_max = if view.x_max > 0.0 { view.x_max } else { 1.0 };
    let y_max = if view.y_max > 0.0 { view.y_max } else { 1.0 };
    let mut chart = frame(area, ((0.0, x_max), (0.0, y_max * 1.05)), &axes, style)?;
    for s in &view.series {
        draw_line(&mut chart, &s.points, s.color, s.dashed, style)?;
    }
    finish(area, &chart, &legend, view.hover, style)
}

/// The readout at the pointer: the tokens there and each run's rate.
#[must_use]
pub fn readout(view: &ScheduleView, (x, _): (f64, f64)) -> Vec<String> {
    let tokens = x * 10f64.powi(view.x_exp);
    let mut lines = vec![cat::schedule_readout_tokens(
        view.lang,
        &crate::law::quantity::format_count(tokens),
    )];
    for s in &view.series {
        let Some(&(end, _)) = s.points.last() else {
            continue;
        };
        if end <= 0.0 || x < 0.0 || x > end {
            continue;
        }
        // The samples are evenly spaced in tokens.
        let i = ((x / end) * SAMPLES as f64).round() as usize;
        if let Some(&(_, y)) = s.points.get(i.min(SAMPLES)) {
            let rate = y * 10f64.powi(view.y_exp);
            lines.push(format!(
                "{}{}{}",
                s.label,
                cat::colon(view.lang),
                crate::plan::recipe::rate(rate)
            ));
        }
    }
    lines
}
