//! Charts, drawn with plotters on any backend: `CanvasBackend` in the page, `SVGBackend` in
//! native tests and for downloads. Axes are log10 of the quantity on linear plotters
//! coordinates, so ticks sit on exact powers of ten and pointer positions map back simply.

pub mod frontier;
pub mod residuals;
pub mod shape_ratio;
pub mod style;
#[cfg(test)]
mod tests_shape;
pub mod views;

pub mod isoflop;

pub use frontier::{draw_frontier, FrontierView, PlotRanges, Series};
pub use style::ChartStyle;

use plotters::coord::Shift;
use plotters::prelude::*;

/// The coordinate system every chart uses: f64 on both axes (log10 where logarithmic).
pub type Plot<'a, DB> = ChartContext<
    'a,
    DB,
    plotters::coord::cartesian::Cartesian2d<
        plotters::coord::types::RangedCoordf64,
        plotters::coord::types::RangedCoordf64,
    >,
>;

/// Axis titles, tick counts and tick formatters of a chart.
pub struct Axes<'a> {
    pub x_desc: &'a str,
    pub y_desc: &'a str,
    pub x_labels: usize,
    pub y_labels: usize,
    pub x_format: &'a dyn Fn(&f64) -> String,
    pub y_format: &'a dyn Fn(&f64) -> String,
}

/// The frame every chart shares: background, margins, and a mesh in the style's colours
/// with the given axes over `x` × `y`.
pub fn frame<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    (x, y): ((f64, f64), (f64, f64)),
    axes: &Axes<'_>,
    style: &ChartStyle,
) -> Result<Plot<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&style.background)?;
    let font = |size: f64| {
        (style.font_family, style.px(size))
            .into_font()
            .color(&style.foreground)
    };
    let mut chart = ChartBuilder::on(area)
        .margin(style.px(12.0))
        .x_label_area_size(style.px(44.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(x.0..x.1, y.0..y.1)?;
    chart
        .configure_mesh()
        .x_labels(axes.x_labels)
        .y_labels(axes.y_labels)
        .x_label_formatter(axes.x_format)
        .y_label_formatter(axes.y_format)
        .x_desc(axes.x_desc)
        .y_desc(axes.y_desc)
        .label_style(font(13.0))
        .axis_desc_style(font(14.0))
        .axis_style(style.foreground.stroke_width(style.px(1.0)))
        .bold_line_style(style.grid.stroke_width(style.px(1.0)))
        .light_line_style(style.background)
        .draw()?;
    Ok(chart)
}

/// Ends a chart: the legend, the hover crosshair, presenting, and where it drew.
pub fn finish<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Plot<'_, DB>,
    legend: &[(&str, RGBColor)],
    hover: Option<(f64, f64)>,
    style: &ChartStyle,
) -> Result<Drawn, DrawingAreaErrorKind<DB::ErrorType>> {
    let plot = chart.plotting_area();
    let (x, y) = (chart.x_range(), chart.y_range());
    if let Some(at) = hover {
        draw_crosshair(plot, at, (x.start, x.end), (y.start, y.end), style)?;
    }
    draw_legend(&plot.strip_coord_spec(), legend, style)?;
    let pixels = plot.get_pixel_range();
    area.present()?;
    Ok(Drawn {
        ranges: PlotRanges {
            x: (x.start, x.end),
            y: (y.start, y.end),
        },
        pixels: (pixels.0.start, pixels.0.end, pixels.1.start, pixels.1.end),
    })
}

/// A labelled point: a real model, or a law's choice on the IsoFLOP curve.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub label: String,
    /// Shown in the hover readout (for real models: where the numbers come from).
    pub detail: String,
    pub x: f64,
    pub y: f64,
}

/// A drawn chart: the data ranges, and the plotting area in backend pixels
/// `(left, right, top, bottom)`, to map a pointer back to data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Drawn {
    pub ranges: PlotRanges,
    pub pixels: (i32, i32, i32, i32),
}

impl Drawn {
    /// The data coordinates under backend pixel (px, py), if inside the plotting area.
    #[must_use]
    pub fn to_data(&self, px: f64, py: f64) -> Option<(f64, f64)> {
        let (left, right, top, bottom) = self.pixels;
        let (l, r, t, b) = (
            f64::from(left),
            f64::from(right),
            f64::from(top),
            f64::from(bottom),
        );
        if !(l..=r).contains(&px) || !(t..=b).contains(&py) || r <= l || b <= t {
            return None;
        }
        let (x0, x1) = self.ranges.x;
        let (y0, y1) = self.ranges.y;
        Some((
            x0 + (x1 - x0) * (px - l) / (r - l),
            y1 - (y1 - y0) * (py - t) / (b - t),
        ))
    }
}

/// Text anchored at its left-middle (to the right of a point) or its centre.
#[must_use]
pub fn text_pos(right_of_point: bool) -> plotters::style::text_anchor::Pos {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    if right_of_point {
        Pos::new(HPos::Left, VPos::Bottom)
    } else {
        Pos::new(HPos::Center, VPos::Center)
    }
}

/// A dotted crosshair through `at` across the plotting area.
pub fn draw_crosshair<DB: DrawingBackend>(
    plot: &DrawingArea<
        DB,
        plotters::coord::cartesian::Cartesian2d<
            plotters::coord::types::RangedCoordf64,
            plotters::coord::types::RangedCoordf64,
        >,
    >,
    at: (f64, f64),
    (x0, x1): (f64, f64),
    (y0, y1): (f64, f64),
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let line = style.muted.stroke_width(style.px(1.0));
    plot.draw(&PathElement::new(vec![(at.0, y0), (at.0, y1)], line))?;
    plot.draw(&PathElement::new(vec![(x0, at.1), (x1, at.1)], line))?;
    Ok(())
}

/// A legend box in the upper-left corner of `area`: a line in each series colour and its label.
///
/// Drawn by hand rather than with plotters' series labels, whose multi-line text measures
/// itself through the font backend (an inline-styled `<span>` on wasm32, which the page's CSP
/// blocks); here every measurement goes through the drawing backend.
pub fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(&str, RGBColor)],
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if entries.is_empty() {
        return Ok(());
    }
    let font = (style.font_family, style.px(13.0))
        .into_font()
        .color(&style.foreground);
    let pad = style.px(8.0) as i32;
    let swatch = style.px(22.0) as i32;
    let line_height = style.px(19.0) as i32;
    let mut text_width = 0;
    for (label, _) in entries {
        text_width = text_width.max(area.estimate_text_size(label, &font)?.0 as i32);
    }
    let (x0, y0) = (pad, pad);
    let width = pad * 3 + swatch + text_width;
    let height = pad * 2 + line_height * entries.len() as i32;
    area.draw(&Rectangle::new(
        [(x0, y0), (x0 + width, y0 + height)],
        style.background.mix(0.9).filled(),
    ))?;
    area.draw(&Rectangle::new(
        [(x0, y0), (x0 + width, y0 + height)],
        style.grid.stroke_width(style.px(1.0)),
    ))?;
    for (i, (label, color)) in entries.iter().enumerate() {
        let y = y0 + pad + line_height * i as i32 + line_height / 2;
        area.draw(&PathElement::new(
            vec![(x0 + pad, y), (x0 + pad + swatch, y)],
            color.stroke_width(style.px(2.5)),
        ))?;
        area.draw(&Text::new(
            label.to_string(),
            (x0 + pad * 2 + swatch, y),
            font.clone().pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Left,
                plotters::style::text_anchor::VPos::Center,
            )),
        ))?;
    }
    Ok(())
}

/// `10²¹` for a tick at log10 = 21; nothing for ticks between powers of ten.
#[must_use]
pub fn power_of_ten_label(log10: f64) -> String {
    match whole(log10) {
        Some(k) => format!("10{}", superscript(k)),
        None => String::new(),
    }
}

/// `1B`, `10B`, `100B` for a tick at log10 = 9, 10, 11; nothing between powers of ten.
#[must_use]
pub fn count_label(log10: f64) -> String {
    const SUFFIXES: [&str; 5] = ["", "K", "M", "B", "T"];
    match whole(log10) {
        Some(k) if (0..15).contains(&k) => {
            let (group, digits) = (k / 3, k % 3);
            format!("{}{}", 10i32.pow(digits as u32), SUFFIXES[group as usize])
        }
        Some(k) => format!("10{}", superscript(k)),
        None => String::new(),
    }
}

fn whole(x: f64) -> Option<i32> {
    let r = x.round();
    ((x - r).abs() < 1e-6 && r.abs() < 400.0).then_some(r as i32)
}

fn superscript(k: i32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let mut out = String::new();
    if k < 0 {
        out.push('⁻');
    }
    for c in k.unsigned_abs().to_string().chars() {
        out.push(DIGITS[c.to_digit(10).unwrap_or(0) as usize]);
    }
    out
}

/// The whole decades that cover `values` (log10 space), at least one decade wide.
#[must_use]
pub fn decade_range(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if !(lo.is_finite() && hi.is_finite()) {
        return (0.0, 1.0);
    }
    let (lo, hi) = (lo.floor(), hi.ceil());
    if hi > lo {
        (lo, hi)
    } else {
        (lo, lo + 1.0)
    }
}

#[cfg(test)]
mod tests;
