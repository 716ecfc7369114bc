//! Charts 1, 2 and 4: N_opt, D_opt and D/N against C on log-log axes, one line per law, the
//! user's budget marked, real models as labelled points, and a crosshair under the pointer.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{law_color, ChartStyle};
use super::{
    boxes_overlap, count_label, decade_range, finish_with_labels, frame, power_of_ten_label, Axes,
    Drawn, Marker, PixelBox,
};
use crate::i18n::{charts as cat, Lang};
use crate::law::models::REAL_MODELS;
use crate::law::quantity::{format_count_in, format_flops};
use crate::law::Law;

/// One line on a chart, in log10 coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub color: RGBColor,
    /// (log10 x, log10 y) pairs, sorted by x.
    pub points: Vec<(f64, f64)>,
    /// Drawn dashed: an adjusted allocation rather than a law's own.
    pub dashed: bool,
}

/// What a frontier chart shows (all coordinates log10).
#[derive(Debug, Clone, PartialEq)]
pub struct FrontierView {
    pub x_desc: String,
    pub y_desc: String,
    pub x_range: (f64, f64),
    pub series: Vec<Series>,
    /// The user's budget: a vertical line and a dot on each series.
    pub budget: Option<f64>,
    /// Real models, labelled.
    pub markers: Vec<Marker>,
    /// Crosshair position, in data coordinates.
    pub hover: Option<(f64, f64)>,
    /// Shaded bands, each in a colour: the published laws' exponent intervals
    /// ([`published_band`]) and the fit's bootstrap band.
    pub bands: Vec<(RGBColor, Band)>,
    /// The language of its words (titles, legend, readout).
    pub lang: Lang,
}

/// A band: `(x, lo, hi)` points, sorted by x.
pub type Band = Vec<(f64, f64, f64)>;

/// The data ranges a chart used (log10 where the axis is logarithmic).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlotRanges {
    pub x: (f64, f64),
    pub y: (f64, f64),
}

/// Which quantity a frontier chart plots against C.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    Params,
    Tokens,
    TokensPerParam,
}

impl Quantity {
    /// This quantity of an allocation (N, D).
    #[must_use]
    pub fn of(self, n: f64, d: f64) -> f64 {
        match self {
            Quantity::Params => n,
            Quantity::Tokens => d,
            Quantity::TokensPerParam => d / n,
        }
    }

    fn desc(self, lang: Lang) -> &'static str {
        match self {
            Quantity::Params => cat::axis_optimal_params(lang),
            Quantity::Tokens => cat::axis_optimal_tokens(lang),
            Quantity::TokensPerParam => cat::axis_tokens_per_param(lang),
        }
    }
}

/// The FLOPs range every frontier chart spans, log10 (1e18 to 1e26).
pub const FLOPS_RANGE: (f64, f64) = (18.0, 26.0);

/// The view of `quantity` against C for `laws`, with `budget` marked and the real models, its
/// words in `lang`.
#[must_use]
pub fn frontier_view(
    laws: &[Law],
    quantity: Quantity,
    budget: Option<f64>,
    lang: Lang,
) -> FrontierView {
    // Power laws are straight in log-log; a few points per decade keep bends smooth without
    // pixel-rounding wobble.
    const STEPS: usize = 32;
    let (x0, x1) = FLOPS_RANGE;
    let series = laws
        .iter()
        .map(|law| Series {
            label: law.name.to_string(),
            color: law_color(law.id),
            points: (0..=STEPS)
                .filter_map(|i| {
                    let x = x0 + (x1 - x0) * i as f64 / STEPS as f64;
                    let a = law.allocate(10f64.powf(x)).ok()?;
                    let y = quantity.of(a.n_params, a.n_tokens).log10();
                    y.is_finite().then_some((x, y))
                })
                .collect(),
            dashed: false,
        })
        .collect();
    let markers = REAL_MODELS
        .iter()
        .map(|m| Marker {
            label: m.name.to_string(),
            detail: m.source.to_string(),
            x: m.flops.log10(),
            y: quantity.of(m.n_params, m.n_tokens).log10(),
        })
        .filter(|m| (x0..=x1).contains(&m.x))
        .collect();
    FrontierView {
        x_desc: cat::axis_compute(lang).into(),
        y_desc: quantity.desc(lang).into(),
        x_range: FLOPS_RANGE,
        series,
        budget: budget.filter(|b| b.is_finite() && *b > 0.0).map(f64::log10),
        markers,
        hover: None,
        bands: Vec::new(),
        lang,
    }
}

/// `law`'s published exponent interval as a band of `quantity` against C: N = N_opt(pivot)·
/// (C/pivot)^a for a across the interval (`law::uncertainty`), D = C/(6N); `None` when its
/// paper gives no interval or the law cannot allocate the pivot.
#[must_use]
pub fn published_band(law: &Law, quantity: Quantity) -> Option<Band> {
    use crate::law::uncertainty::{n_at, published_interval, PIVOT_FLOPS};
    let interval = published_interval(law.id)?;
    let n_pivot = law.allocate(PIVOT_FLOPS).ok()?.n_params;
    let (x0, x1) = FLOPS_RANGE;
    let band: Band = (0..=32)
        .map(|i| {
            let x = x0 + (x1 - x0) * f64::from(i) / 32.0;
            let c = 10f64.powf(x);
            let at = |a: f64| {
                let n = n_at(n_pivot, a, c);
                quantity.of(n, c / (6.0 * n)).log10()
            };
            let (p, q) = (at(interval.lo), at(interval.hi));
            (x, p.min(q), p.max(q))
        })
        .filter(|p| p.1.is_finite() && p.2.is_finite())
        .collect();
    (!band.is_empty()).then_some(band)
}

/// Dashed curves for the settings beyond Chinchilla-optimal: each parametric law's
/// inference-aware allocation (Sardana et al. 2024; plotted at its own training compute) and
/// Muennighoff et al.'s data-constrained optimum with `unique_tokens`.
#[must_use]
pub fn adjusted_series(
    laws: &[Law],
    quantity: Quantity,
    inference_tokens: Option<f64>,
    unique_tokens: Option<f64>,
    lang: Lang,
) -> Vec<Series> {
    use crate::law::beyond::{data_constrained_optimal, inference_optimal_at_budget};
    const STEPS: usize = 16;
    let (x0, x1) = FLOPS_RANGE;
    let xs = || (0..=STEPS).map(move |i| x0 + (x1 - x0) * i as f64 / STEPS as f64);
    let mut out = Vec::new();
    if let Some(d_inf) = inference_tokens {
        for law in laws {
            let Some(p) = crate::plan::loss_params(law) else {
                continue;
            };
            let points = xs()
                .filter_map(|x| {
                    let a = inference_optimal_at_budget(&p, 10f64.powf(x), d_inf).ok()?;
                    let m = a.optimal;
                    let point = (
                        m.training_flops.log10(),
                        quantity.of(m.n_params, m.n_tokens).log10(),
                    );
                    (point.0.is_finite() && point.1.is_finite() && point.0 <= x1).then_some(point)
                })
                .collect();
            out.push(Series {
                label: cat::legend_inference_aware(lang, &law.name),
                color: law_color(law.id),
                points,
                dashed: true,
            });
        }
    }
    if let Some(u) = unique_tokens {
        let points = xs()
            .filter_map(|x| {
                let a = data_constrained_optimal(10f64.powf(x), u).ok()?;
                let y = quantity.of(a.n_params, a.n_tokens).log10();
                y.is_finite().then_some((x, y))
            })
            .collect();
        out.push(Series {
            label: cat::legend_muennighoff(lang, &format_count_in(u, lang)),
            color: RGBColor(110, 110, 110),
            points,
            dashed: true,
        });
    }
    out
}

/// The N_opt-vs-C view (chart 1), in English.
#[must_use]
pub fn params_view(laws: &[Law], budget: Option<f64>) -> FrontierView {
    frontier_view(laws, Quantity::Params, budget, Lang::En)
}

/// Draws a frontier chart and returns the ranges it used.
pub fn draw_frontier<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &FrontierView,
    style: &ChartStyle,
) -> Result<Drawn, DrawingAreaErrorKind<DB::ErrorType>> {
    let (x0, x1) = view.x_range;
    let ys = view
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .chain(view.markers.iter().map(|m| m.y));
    let (y0, y1) = decade_range(ys);
    let legend: Vec<(&str, RGBColor)> = view
        .series
        .iter()
        .map(|s| (s.label.as_str(), s.color))
        .collect();
    let axes = Axes {
        x_desc: &view.x_desc,
        y_desc: &view.y_desc,
        x_labels: (x1 - x0).round() as usize + 1,
        y_labels: (y1 - y0).round() as usize + 1,
        x_format: &|x| power_of_ten_label(*x),
        y_format: &|y| count_label(*y),
        legend: &legend,
    };
    let mut chart = frame(area, ((x0, x1), (y0, y1)), &axes, style)?;

    // Dots first, then the labels that fit: a label never covers another label, a dot or the
    // budget's line; a model whose label does not fit is still a dot, named in the hover readout.
    let dot = style.px(3.5) as i32;
    let budget_dots: Vec<(f64, f64)> = view
        .budget
        .filter(|b| (x0..=x1).contains(b))
        .map(|b| {
            view.series
                .iter()
                .filter_map(|s| value_at(&s.points, b).map(|y| (b, y)))
                .collect()
        })
        .unwrap_or_default();
    let plot_box = {
        let (xs, ys) = chart.plotting_area().get_pixel_range();
        (xs.start, ys.start, xs.end, ys.end)
    };
    // Taken: every dot, and the budget's dashed line from top to bottom (a label on it would
    // be crossed out).
    let budget_line = view.budget.filter(|b| (x0..=x1).contains(b)).map(|b| {
        let x = chart.backend_coord(&(b, y0)).0;
        let half = style.px(2.0) as i32;
        (x - half, plot_box.1, x + half, plot_box.3)
    });
    let taken: Vec<PixelBox> = view
        .markers
        .iter()
        .map(|m| (m.x, m.y))
        .chain(budget_dots.iter().copied())
        .map(|p| {
            let (px, py) = chart.backend_coord(&p);
            (px - dot, py - dot, px + dot, py + dot)
        })
        .chain(budget_line)
        .collect();
    // Labels keep `space` from each other, so that two names never read as one.
    let space = style.px(4.0) as i32;
    let mut clear_of: Vec<PixelBox> = Vec::new();
    let font = (style.font_family, style.px(11.0))
        .into_font()
        .color(&style.muted);
    let mut labels = Vec::new();
    for m in &view.markers {
        chart.draw_series([Circle::new((m.x, m.y), style.px(3.5), style.muted.filled())])?;
        let (w, h) = area.estimate_text_size(&m.label, &font)?;
        let (w, h) = (w as i32, h as i32);
        let (px, py) = chart.backend_coord(&(m.x, m.y));
        let gap = dot + style.px(2.0) as i32;
        // Beside the dot at each corner, then centred above and below it (which keeps a label
        // off the budget's line when a corner would cross it).
        let candidates = [
            (px + gap, py - gap - h),
            (px + gap, py + gap),
            (px - gap - w, py - gap - h),
            (px - gap - w, py + gap),
            (px - w / 2, py - gap - h),
            (px - w / 2, py + gap),
        ];
        let fits = |b: &PixelBox| {
            b.0 >= plot_box.0 && b.2 <= plot_box.2 && b.1 >= plot_box.1 && b.3 <= plot_box.3
        };
        let spot = candidates
            .into_iter()
            .map(|(x, y)| (x, y, x + w, y + h))
            .find(|b| {
                let wide = (b.0 - space, b.1 - space, b.2 + space, b.3 + space);
                fits(b)
                    && !taken.iter().any(|t| boxes_overlap(*t, *b))
                    && !clear_of.iter().any(|t| boxes_overlap(*t, wide))
            });
        if let Some(b) = spot {
            area.draw(&Text::new(m.label.clone(), (b.0, b.1), font.clone()))?;
            clear_of.push(b);
            labels.push(b);
        }
    }

    for (color, band) in &view.bands {
        let outline: Vec<(f64, f64)> = band
            .iter()
            .map(|p| (p.0, p.2.clamp(y0, y1)))
            .chain(band.iter().rev().map(|p| (p.0, p.1.clamp(y0, y1))))
            .collect();
        chart.draw_series([Polygon::new(outline, color.mix(0.2).filled())])?;
    }

    for series in &view.series {
        super::draw_line(
            &mut chart,
            &series.points,
            series.color,
            series.dashed,
            style,
        )?;
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

    finish_with_labels(area, &chart, &legend, view.hover, style, labels)
}

/// Linear interpolation of a polyline sorted by x.
#[must_use]
pub fn value_at(points: &[(f64, f64)], x: f64) -> Option<f64> {
    points.windows(2).find_map(|w| {
        let ((xa, ya), (xb, yb)) = (w[0], w[1]);
        (xa <= x && x <= xb && xb > xa).then(|| ya + (yb - ya) * (x - xa) / (xb - xa))
    })
}

/// What the pointer is over, in words: the x value, each series' value there, and any real
/// model within `radius` (log10 units) of the pointer with its source.
#[must_use]
pub fn readout(view: &FrontierView, (x, y): (f64, f64), radius: f64) -> Vec<String> {
    let mut lines = vec![format!("C = {}", format_flops(10f64.powf(x)))];
    for s in &view.series {
        if let Some(v) = value_at(&s.points, x) {
            let sep = cat::colon(view.lang);
            lines.push(format!(
                "{}{sep}{}",
                s.label,
                format_count_in(10f64.powf(v), view.lang)
            ));
        }
    }
    if let Some(m) = view
        .markers
        .iter()
        .filter(|m| ((m.x - x).powi(2) + (m.y - y).powi(2)).sqrt() < radius)
        .min_by(|a, b| {
            let da = (a.x - x).powi(2) + (a.y - y).powi(2);
            let db = (b.x - x).powi(2) + (b.y - y).powi(2);
            da.total_cmp(&db)
        })
    {
        lines.push(format!("{} — {}", m.label, m.detail));
    }
    lines
}
