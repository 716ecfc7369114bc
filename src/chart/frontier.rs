//! Chart 1: N_opt against C on log-log axes, one line per law, the user's budget marked.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{count_label, decade_range, draw_legend, power_of_ten_label, ChartStyle};

/// One line on a chart, in log10 coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub color: RGBColor,
    /// (log10 C, log10 y) pairs.
    pub points: Vec<(f64, f64)>,
}

/// What the frontier chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontierView {
    pub x_desc: String,
    pub y_desc: String,
    /// log10 of the FLOPs range drawn.
    pub x_range: (f64, f64),
    pub series: Vec<Series>,
    /// log10 of the user's budget, marked with a vertical line and a dot on each series.
    pub budget: Option<f64>,
}

/// The (log10 x, log10 y) ranges a chart used, so a pointer position can be mapped back to data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlotRanges {
    pub x: (f64, f64),
    pub y: (f64, f64),
}

/// Draws the frontier chart and returns the ranges it used.
pub fn draw_frontier<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &FrontierView,
    style: &ChartStyle,
) -> Result<PlotRanges, DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&style.background)?;
    let (x0, x1) = view.x_range;
    let (y0, y1) = decade_range(
        view.series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1)),
    );
    let font = |size: f64| {
        (style.font_family, style.px(size))
            .into_font()
            .color(&style.foreground)
    };

    let mut chart = ChartBuilder::on(area)
        .margin(style.px(12.0))
        .x_label_area_size(style.px(44.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(x0..x1, y0..y1)?;
    chart
        .configure_mesh()
        .x_labels((x1 - x0).round() as usize + 1)
        .y_labels((y1 - y0).round() as usize + 1)
        .x_label_formatter(&|x| power_of_ten_label(*x))
        .y_label_formatter(&|y| count_label(*y))
        .x_desc(view.x_desc.as_str())
        .y_desc(view.y_desc.as_str())
        .label_style(font(13.0))
        .axis_desc_style(font(14.0))
        .axis_style(style.foreground.stroke_width(style.px(1.0)))
        .bold_line_style(style.grid.stroke_width(style.px(1.0)))
        .light_line_style(style.background)
        .draw()?;

    let width = style.px(2.5);
    for series in &view.series {
        let color = series.color;
        chart.draw_series(LineSeries::new(
            series.points.iter().copied(),
            color.stroke_width(width),
        ))?;
    }

    if let Some(b) = view.budget.filter(|b| (x0..=x1).contains(b)) {
        chart.draw_series(DashedLineSeries::new(
            [(b, y0), (b, y1)],
            style.px(6.0),
            style.px(4.0),
            style.foreground.stroke_width(style.px(1.0)),
        ))?;
        for series in &view.series {
            if let Some(y) = value_at(&series.points, b) {
                chart.draw_series([Circle::new((b, y), style.px(5.0), series.color.filled())])?;
            }
        }
    }

    let legend: Vec<(&str, RGBColor)> = view
        .series
        .iter()
        .map(|s| (s.label.as_str(), s.color))
        .collect();
    draw_legend(&chart.plotting_area().strip_coord_spec(), &legend, style)?;
    area.present()?;
    Ok(PlotRanges {
        x: (x0, x1),
        y: (y0, y1),
    })
}

/// Linear interpolation of a polyline sorted by x.
#[must_use]
pub fn value_at(points: &[(f64, f64)], x: f64) -> Option<f64> {
    points.windows(2).find_map(|w| {
        let ((xa, ya), (xb, yb)) = (w[0], w[1]);
        (xa <= x && x <= xb && xb > xa).then(|| ya + (yb - ya) * (x - xa) / (xb - xa))
    })
}

/// The N_opt-vs-C view of `laws` over 1e18..1e26 FLOPs, with `budget` marked.
#[must_use]
pub fn params_view(laws: &[crate::law::Law], budget: Option<f64>) -> FrontierView {
    const X_RANGE: (f64, f64) = (18.0, 26.0);
    // Power laws are straight in log-log; a few points per decade keep bends (adjusted
    // allocations) smooth without pixel-rounding wobble.
    const STEPS: usize = 32;
    let series = laws
        .iter()
        .map(|law| Series {
            label: law.name.to_string(),
            color: super::style::law_color(&law.id),
            points: (0..=STEPS)
                .filter_map(|i| {
                    let x = X_RANGE.0 + (X_RANGE.1 - X_RANGE.0) * i as f64 / STEPS as f64;
                    let a = crate::law::optimal_allocation(law, 10f64.powf(x)).ok()?;
                    Some((x, a.n_params.log10()))
                })
                .collect(),
        })
        .collect();
    FrontierView {
        x_desc: "Training compute C (FLOPs)".into(),
        y_desc: "Compute-optimal parameters N".into(),
        x_range: X_RANGE,
        series,
        budget: budget.filter(|b| b.is_finite() && *b > 0.0).map(f64::log10),
    }
}
