//! The FLOPs-per-token chart: each convention's training FLOPs per token over 6N against N
//! (log x, linear y), one line per convention through a family's shapes, Chinchilla Table A4's
//! printed ratios as crosses, and the current shape ringed.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frontier::value_at;
use super::style::{convention_color, ChartStyle};
use super::{count_label, decade_range, finish, frame, Axes, Drawn, Marker};
use crate::i18n::{charts as cat, Lang};
use crate::law::quantity::{format_count_in, significant};
use crate::law::shape::{table_a4_points, Convention, RatioLine};

/// One convention's line (x = log10 N, y = FLOPs per token / 6N), sorted by x.
#[derive(Debug, Clone, PartialEq)]
pub struct RatioSeries {
    pub label: String,
    pub color: RGBColor,
    pub points: Vec<(f64, f64)>,
    /// What each point is (a preset's name, a suggested shape), for the readout.
    pub names: Vec<String>,
    /// The convention the page uses: drawn first and wide, under the others.
    pub chosen: bool,
}

/// What the FLOPs-per-token chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct RatioView {
    pub x_desc: String,
    pub series: Vec<RatioSeries>,
    /// Chinchilla Table A4's printed ratios (Hoffmann et al. 2022).
    pub printed: Vec<Marker>,
    /// The current shape under the chosen convention.
    pub current: Option<Marker>,
    /// Crosshair position, in data coordinates.
    pub hover: Option<(f64, f64)>,
    /// The language of its words.
    pub lang: Lang,
}

/// The view of `lines` (from `law::shape::family_ratio_series` or `suggested_ratio_series`)
/// with `chosen` highlighted, Table A4's points, and `current` = (N, ratio, name) ringed.
#[must_use]
pub fn ratio_view(
    lines: &[RatioLine],
    chosen: Convention,
    x_desc: String,
    current: Option<(f64, f64, String)>,
    lang: Lang,
) -> RatioView {
    let series = lines
        .iter()
        .map(|line| {
            let convention = Convention::from_id(line.convention).unwrap_or(Convention::SixN);
            let kept: Vec<_> = line
                .points
                .iter()
                .filter(|p| p.n_params > 0.0 && p.ratio.is_finite())
                .collect();
            RatioSeries {
                label: Convention::from_id(line.convention)
                    .map_or(line.label, |c| c.label_in(lang))
                    .to_string(),
                color: convention_color(convention),
                points: kept.iter().map(|p| (p.n_params.log10(), p.ratio)).collect(),
                names: kept.iter().map(|p| p.label.clone()).collect(),
                chosen: convention == chosen,
            }
        })
        .collect();
    let printed = table_a4_points()
        .into_iter()
        .map(|p| Marker {
            label: p.label.to_string(),
            detail: cat::printed_detail(
                lang,
                &p.label,
                &significant(p.printed_ratio, 3),
                &significant(p.reproduced_ratio, 3),
            ),
            x: p.n_params.log10(),
            y: p.printed_ratio,
        })
        .collect();
    let current = current
        .filter(|(n, r, _)| *n > 0.0 && n.is_finite() && r.is_finite())
        .map(|(n, ratio, name)| Marker {
            detail: cat::current_detail(
                lang,
                &name,
                &significant(ratio, 4),
                &format_count_in(n, lang),
            ),
            label: name,
            x: n.log10(),
            y: ratio,
        });
    RatioView {
        x_desc,
        series,
        printed,
        current,
        hover: None,
        lang,
    }
}

impl RatioView {
    /// The y range: whole tenths around every ratio drawn.
    #[must_use]
    pub fn y_range(&self) -> (f64, f64) {
        let ys = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1))
            .chain(self.printed.iter().map(|m| m.y))
            .chain(self.current.iter().map(|m| m.y))
            .filter(|y| y.is_finite());
        let (lo, hi) = ys.fold((1.0f64, 1.0f64), |(lo, hi), y| (lo.min(y), hi.max(y)));
        (
            (lo * 10.0 - 0.5).floor() / 10.0,
            (hi * 10.0 + 0.5).ceil() / 10.0,
        )
    }

    /// The x range: whole decades of N around every point.
    #[must_use]
    pub fn x_range(&self) -> (f64, f64) {
        decade_range(
            self.series
                .iter()
                .flat_map(|s| s.points.iter().map(|p| p.0))
                .chain(self.printed.iter().map(|m| m.x))
                .chain(self.current.iter().map(|m| m.x)),
        )
    }

    /// `#rrggbb` of each line, comma-separated.
    #[must_use]
    pub fn colors(&self) -> String {
        let colors: Vec<String> = self
            .series
            .iter()
            .map(|s| super::style::hex(s.color))
            .collect();
        colors.join(",")
    }
}

/// Draws the chart: a line per convention, Table A4's printed points, the legend below.
pub fn draw_ratio<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &RatioView,
    style: &ChartStyle,
) -> Result<Drawn, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut legend: Vec<(&str, RGBColor)> = view
        .series
        .iter()
        .map(|s| (s.label.as_str(), s.color))
        .collect();
    legend.push((cat::printed_label(view.lang), style.muted));

    let (x0, x1) = view.x_range();
    let (y0, y1) = view.y_range();
    let axes = Axes {
        x_desc: &view.x_desc,
        y_desc: cat::axis_ratio_to_6n(view.lang),
        x_labels: (x1 - x0).round() as usize + 1,
        y_labels: ((y1 - y0) * 10.0).round().clamp(2.0, 12.0) as usize + 1,
        x_format: &|x| count_label(*x),
        y_format: &|y| format!("{y:.1}"),
        legend: &legend,
    };
    let mut chart = frame(area, ((x0, x1), (y0, y1)), &axes, style)?;

    let font = ("sans-serif", style.px(11.0))
        .into_font()
        .color(&style.muted);
    for m in &view.printed {
        chart.draw_series([Cross::new(
            (m.x, m.y),
            style.px(4.0),
            style.muted.stroke_width(style.px(1.5)),
        )])?;
        chart.draw_series([Text::new(
            m.label.clone(),
            (m.x, m.y),
            font.clone().pos(super::text_pos(true)),
        )])?;
    }
    // The chosen convention first, wide, so a line that coincides with it (PaLM's and App. F's
    // nearly do for untied models) still shows on top of it.
    let ordered = view
        .series
        .iter()
        .filter(|s| s.chosen)
        .chain(view.series.iter().filter(|s| !s.chosen));
    for s in ordered {
        let width = if s.chosen { 6.0 } else { 2.0 };
        chart.draw_series(LineSeries::new(
            s.points.iter().copied(),
            s.color.stroke_width(style.px(width)),
        ))?;
        let radius = style.px(if s.chosen { 4.5 } else { 2.5 });
        chart.draw_series(
            s.points
                .iter()
                .map(|&p| Circle::new(p, radius, s.color.filled())),
        )?;
    }
    if let Some(m) = &view.current {
        let color = view
            .series
            .iter()
            .find(|s| s.chosen)
            .map_or(style.foreground, |s| s.color);
        chart.draw_series([Circle::new(
            (m.x, m.y),
            style.px(7.0),
            color.stroke_width(style.px(2.0)),
        )])?;
        chart.draw_series([Text::new(
            m.label.clone(),
            (m.x, m.y),
            ("sans-serif", style.px(12.0))
                .into_font()
                .color(&style.foreground)
                .pos(super::text_pos(true)),
        )])?;
    }
    finish(area, &chart, &legend, view.hover, style)
}

/// What the pointer is over: N, each convention's ratio there, and the nearest point or printed
/// ratio within `radius` (in log10 N, scaled against tenths of the ratio).
#[must_use]
pub fn readout(view: &RatioView, (x, y): (f64, f64), radius: f64) -> Vec<String> {
    let mut lines = vec![format!("N = {}", format_count_in(10f64.powf(x), view.lang))];
    for s in &view.series {
        if let Some(v) = value_at(&s.points, x) {
            lines.push(format!(
                "{}{}{}×",
                s.label,
                cat::colon(view.lang),
                significant(v, 3)
            ));
        }
    }
    let distance = |px: f64, py: f64| ((px - x).powi(2) + ((py - y) * 10.0).powi(2)).sqrt();
    let named = view.series.iter().flat_map(|s| {
        s.points.iter().zip(&s.names).map(move |(p, name)| {
            (
                distance(p.0, p.1),
                format!(
                    "{name}{}{} {}×",
                    cat::colon(view.lang),
                    s.label,
                    significant(p.1, 3)
                ),
            )
        })
    });
    let markers = view
        .printed
        .iter()
        .chain(&view.current)
        .map(|m| (distance(m.x, m.y), m.detail.clone()));
    if let Some((_, text)) = named
        .chain(markers)
        .filter(|(d, _)| *d < radius)
        .min_by(|a, b| a.0.total_cmp(&b.0))
    {
        lines.push(text);
    }
    lines
}
