//! Charts, drawn with plotters on any backend: `CanvasBackend` in the page, `SVGBackend` in
//! native tests and for downloads. Axes are log10 of the quantity on linear plotters
//! coordinates, so ticks sit on exact powers of ten and pointer positions map back simply.

pub mod frontier;
pub mod planner;
pub mod reconcile;
pub mod residuals;
pub mod schedule;
pub mod shape_ratio;
pub mod style;
pub mod sweep;
#[cfg(test)]
mod tests_bands;
#[cfg(test)]
mod tests_planner;
#[cfg(test)]
mod tests_shape;
#[cfg(test)]
mod tests_sweep;
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

/// Draws one series' line, solid or dashed, at every chart's line width.
pub fn draw_line<DB: DrawingBackend>(
    chart: &mut Plot<'_, DB>,
    points: &[(f64, f64)],
    color: RGBColor,
    dashed: bool,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let line = color.stroke_width(style.px(2.5));
    if dashed {
        chart.draw_series(DashedLineSeries::new(
            points.iter().copied(),
            style.px(8.0),
            style.px(5.0),
            line,
        ))?;
    } else {
        chart.draw_series(LineSeries::new(points.iter().copied(), line))?;
    }
    Ok(())
}

/// Axis titles, tick counts and tick formatters of a chart.
pub struct Axes<'a> {
    pub x_desc: &'a str,
    pub y_desc: &'a str,
    pub x_labels: usize,
    pub y_labels: usize,
    pub x_format: &'a dyn Fn(&f64) -> String,
    pub y_format: &'a dyn Fn(&f64) -> String,
    /// The legend's entries, drawn below the plot (space for them is kept there).
    pub legend: &'a [(&'a str, RGBColor)],
}

/// The frame every chart shares: background, margins (with room below the axis for the
/// legend, so it never covers the data), and a mesh in the style's colours with the given
/// axes over `x` × `y`.
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
    let legend = legend_layout(area, axes.legend, style)?;
    let mut chart = ChartBuilder::on(area)
        .margin(style.px(12.0))
        .margin_bottom(style.px(12.0) + legend.height)
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
    finish_with_labels(area, chart, legend, hover, style, Vec::new())
}

/// [`finish`], recording the boxes of labels the chart placed (for overlap checks).
pub fn finish_with_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Plot<'_, DB>,
    legend: &[(&str, RGBColor)],
    hover: Option<(f64, f64)>,
    style: &ChartStyle,
    labels: Vec<PixelBox>,
) -> Result<Drawn, DrawingAreaErrorKind<DB::ErrorType>> {
    let plot = chart.plotting_area();
    let (x, y) = (chart.x_range(), chart.y_range());
    if let Some(at) = hover {
        draw_crosshair(plot, at, (x.start, x.end), (y.start, y.end), style)?;
    }
    let legend_box = draw_legend(area, legend, style)?;
    let pixels = plot.get_pixel_range();
    area.present()?;
    Ok(Drawn {
        ranges: PlotRanges {
            x: (x.start, x.end),
            y: (y.start, y.end),
        },
        pixels: (pixels.0.start, pixels.0.end, pixels.1.start, pixels.1.end),
        legend: legend_box,
        labels,
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

/// A rectangle in backend pixels: `(left, top, right, bottom)`.
pub type PixelBox = (i32, i32, i32, i32);

/// Whether two pixel boxes overlap (touching edges do not count).
#[must_use]
pub fn boxes_overlap(a: PixelBox, b: PixelBox) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// A drawn chart: the data ranges, the plotting area in backend pixels
/// `(left, right, top, bottom)` to map a pointer back to data, the legend's box and the boxes
/// of the labels the chart placed.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    pub ranges: PlotRanges,
    pub pixels: (i32, i32, i32, i32),
    pub legend: Option<PixelBox>,
    pub labels: Vec<PixelBox>,
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

/// The CSS height for a chart `css_width` wide with `legend_entries` legend lines: the plot's
/// own height (0.62 of the width, 240 to 460 px) plus the legend strip below it, in columns of
/// about 360 px (one on a phone), 19 px a row.
#[must_use]
pub fn chart_height(css_width: f64, legend_entries: usize) -> f64 {
    let plot = (css_width * 0.62).clamp(240.0, 460.0);
    let columns = ((css_width - 16.0) / 360.0).floor().max(1.0);
    let rows = (legend_entries as f64 / columns).ceil();
    plot + rows * 19.0 + 8.0
}

/// Where the legend's entries go: rows of columns below the plot, as many columns as fit.
struct LegendLayout {
    /// Each entry's text (shortened with "…" if wider than the area) and its (x, y) centre-left.
    entries: Vec<(String, RGBColor, i32, i32)>,
    /// Height kept below the plot, in backend pixels (0 without entries).
    height: u32,
    /// The box the entries take.
    bounds: Option<PixelBox>,
}

/// Lays the legend out in the bottom strip of `area`: columns as wide as the widest entry, as
/// many as fit the width (one on a phone), rows as needed. Measured through the drawing
/// backend, like every text on the page.
fn legend_layout<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(&str, RGBColor)],
    style: &ChartStyle,
) -> Result<LegendLayout, DrawingAreaErrorKind<DB::ErrorType>> {
    if entries.is_empty() {
        return Ok(LegendLayout {
            entries: Vec::new(),
            height: 0,
            bounds: None,
        });
    }
    let font = (style.font_family, style.px(13.0))
        .into_font()
        .color(&style.foreground);
    let pad = style.px(8.0) as i32;
    let swatch = style.px(22.0) as i32;
    let line_height = style.px(19.0) as i32;
    let (width, height) = area.dim_in_pixel();
    let (width, height) = (width as i32, height as i32);
    let available = (width - 2 * pad - swatch - pad).max(style.px(40.0) as i32);
    let mut texts = Vec::with_capacity(entries.len());
    let mut widest = 0;
    for (label, color) in entries {
        let mut text = label.to_string();
        let mut w = area.estimate_text_size(&text, &font)?.0 as i32;
        // Shorten a label wider than the chart; the full name is in the hover readout.
        while w > available && text.chars().count() > 4 {
            let keep = text.chars().count() - 2;
            text = text.chars().take(keep).collect::<String>() + "…";
            w = area.estimate_text_size(&text, &font)?.0 as i32;
        }
        widest = widest.max(w);
        texts.push((text, *color));
    }
    let column = swatch + pad + widest + 2 * pad;
    let columns = ((width - 2 * pad) / column.max(1)).clamp(1, texts.len() as i32);
    let rows = (texts.len() as i32 + columns - 1) / columns;
    let strip = rows * line_height + pad;
    let top = height - strip;
    let placed = texts
        .into_iter()
        .enumerate()
        .map(|(i, (text, color))| {
            let (row, col) = (i as i32 / columns, i as i32 % columns);
            (
                text,
                color,
                pad + col * column,
                top + row * line_height + line_height / 2,
            )
        })
        .collect();
    Ok(LegendLayout {
        entries: placed,
        height: strip as u32,
        bounds: Some((pad, top, pad + columns * column, top + rows * line_height)),
    })
}

/// The legend in the strip below the plot (which [`frame`] kept free): a line in each series
/// colour and its label. Drawn by hand rather than with plotters' series labels, whose text
/// measures itself through the font backend (an inline-styled `<span>` on wasm32, which the
/// page's CSP blocks); here every measurement goes through the drawing backend.
pub fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(&str, RGBColor)],
    style: &ChartStyle,
) -> Result<Option<PixelBox>, DrawingAreaErrorKind<DB::ErrorType>> {
    let layout = legend_layout(area, entries, style)?;
    let font = (style.font_family, style.px(13.0))
        .into_font()
        .color(&style.foreground);
    let swatch = style.px(22.0) as i32;
    let pad = style.px(8.0) as i32;
    for (text, color, x, y) in layout.entries {
        area.draw(&PathElement::new(
            vec![(x, y), (x + swatch, y)],
            color.stroke_width(style.px(2.5)),
        ))?;
        area.draw(&Text::new(
            text,
            (x + swatch + pad, y),
            font.clone().pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Left,
                plotters::style::text_anchor::VPos::Center,
            )),
        ))?;
    }
    Ok(layout.bounds)
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
