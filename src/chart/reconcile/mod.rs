//! The "Why they differ" charts: the local exponent d ln N*/d ln C against C in Kaplan's and
//! in total counting (Pearce & Song 2024, arXiv:2406.12907), the frontier both ways, and
//! Porian et al. 2024's (arXiv:2406.19146) exponent step by step. The first and last have a
//! linear y axis ([`LinearView`]); the frontier reuses [`FrontierView`].

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frontier::{value_at, FrontierView, Series};
use super::style::{law_color, ChartStyle};
use super::{finish, frame, power_of_ten_label, Axes, Drawn};
use crate::i18n::{charts as cat, Lang};
use crate::law::reconcile::{
    kaplan_law_frontier, porian_steps, KaplanCounting, LogRange, PorianDataset, KAPLAN_EXPONENT,
    KAPLAN_RANGE,
};
use crate::law::{LawId, LossParams};

/// How the x axis of a linear chart is labelled.
#[derive(Debug, Clone, PartialEq)]
pub enum XTicks {
    /// x is log10 C: ticks at powers of ten.
    PowersOfTen,
    /// x is a step number 1, 2, …: a tick per step.
    Steps(usize),
    /// x is log2 of a width k: ticks at ×1, ×2, ×4, … (the sweep planner's charts).
    Widths,
}

/// Points with a 95 % interval, drawn as dots with error bars: (x, y, low, high).
#[derive(Debug, Clone, PartialEq)]
pub struct IntervalSeries {
    pub label: String,
    pub color: RGBColor,
    pub points: Vec<(f64, f64, f64, f64)>,
}

/// A chart with a linear y axis: lines, points with intervals, horizontal reference lines and
/// a shaded x range.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearView {
    pub x_desc: String,
    pub y_desc: String,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    pub x_ticks: XTicks,
    pub series: Vec<Series>,
    pub intervals: Vec<IntervalSeries>,
    /// Horizontal reference lines: (y, label).
    pub references: Vec<(f64, String)>,
    /// A shaded x range and its label (Kaplan's range).
    pub shade: Option<(f64, f64, String)>,
    /// Crosshair position, in data coordinates.
    pub hover: Option<(f64, f64)>,
    /// The language of its words.
    pub lang: Lang,
}

/// The colour of the total-counting curve: the law's own colour is the non-embedding one.
const TOTAL_COLOR: RGBColor = RGBColor(86, 180, 233);
/// Kaplan's own law and the 0.73 line.
const KAPLAN_COLOR: RGBColor = RGBColor(213, 94, 0);
/// Porian et al.'s OpenWebText2 steps (RefinedWeb takes the foreground-like blue).
const OWT2_COLOR: RGBColor = RGBColor(204, 121, 167);
const RW_COLOR: RGBColor = RGBColor(0, 114, 178);

/// log10 C of the local-exponent and frontier charts: 1e11 to 1e25 FLOPs, Kaplan's range
/// (10^12.95 … 10^20.7) and today's budgets.
pub const RECONCILE_RANGE: LogRange = LogRange {
    log10_lo: 11.0,
    log10_hi: 25.0,
};

/// Samples along the curves: enough that the local exponent's peak near 1e16 reads smoothly.
const SAMPLES: usize = 113;

/// The local exponent of `law_id`'s law `params` with embedding coefficient `omega`, in Kaplan's
/// counting (it varies) and in total counting (β/(α+β), flat), with Kaplan's range shaded and
/// Kaplan's 0.73 and Chinchilla's 0.5 as reference lines; `None` if the law cannot be used.
#[must_use]
pub fn local_exponent_view(
    law_id: LawId,
    params: LossParams,
    omega: f64,
    lang: Lang,
) -> Option<LinearView> {
    let counting = KaplanCounting::new(params, omega).ok()?;
    let points = counting
        .frontier_non_embedding(RECONCILE_RANGE, SAMPLES)
        .ok()?;
    let non_embedding: Vec<(f64, f64)> = points
        .iter()
        .map(|p| (p.c_non_embedding.log10(), p.local_exponent))
        .collect();
    let total = counting.total_exponent();
    let (x0, x1) = (RECONCILE_RANGE.log10_lo, RECONCILE_RANGE.log10_hi);
    let ys = non_embedding
        .iter()
        .map(|p| p.1)
        .chain([total, KAPLAN_EXPONENT, 0.5]);
    let (lo, hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| {
        (lo.min(y), hi.max(y))
    });
    let y_range = ((lo * 10.0).floor() / 10.0, (hi * 10.0).ceil() / 10.0);
    Some(LinearView {
        x_desc: cat::local_x(lang).into(),
        y_desc: cat::local_y(lang).into(),
        x_range: (x0, x1),
        y_range,
        x_ticks: XTicks::PowersOfTen,
        series: vec![
            Series {
                label: cat::local_non_embedding(lang).into(),
                color: law_color(law_id),
                points: non_embedding,
                dashed: false,
            },
            Series {
                label: cat::local_total(lang).into(),
                color: TOTAL_COLOR,
                points: vec![(x0, total), (x1, total)],
                dashed: false,
            },
        ],
        intervals: Vec::new(),
        references: references(lang),
        shade: Some((
            KAPLAN_RANGE.log10_lo,
            KAPLAN_RANGE.log10_hi,
            cat::kaplan_range(lang).into(),
        )),
        hover: None,
        lang,
    })
}

/// N* against C in both countings (N*_\E on C_\E, N*_T on C_T) and Kaplan's own law over
/// Kaplan's range; `None` if the law cannot be used.
#[must_use]
pub fn frontier_both_ways_view(
    law_id: LawId,
    params: LossParams,
    omega: f64,
    lang: Lang,
) -> Option<FrontierView> {
    let counting = KaplanCounting::new(params, omega).ok()?;
    let log = |c: f64, n: f64| (c.log10(), n.log10());
    let non_embedding = counting
        .frontier_non_embedding(RECONCILE_RANGE, SAMPLES)
        .ok()?
        .iter()
        .map(|p| log(p.c_non_embedding, p.n_non_embedding))
        .collect();
    let total = counting
        .frontier_total(RECONCILE_RANGE, SAMPLES)
        .ok()?
        .iter()
        .map(|p| log(p.c_total, p.n_total))
        .collect();
    let kaplan = kaplan_law_frontier(KAPLAN_RANGE, 16)
        .ok()?
        .iter()
        .map(|a| log(a.flops, a.n_params))
        .collect();
    Some(FrontierView {
        x_desc: cat::both_x(lang).into(),
        y_desc: cat::both_y(lang).into(),
        x_range: (RECONCILE_RANGE.log10_lo, RECONCILE_RANGE.log10_hi),
        series: vec![
            Series {
                label: cat::both_non_embedding(lang).into(),
                color: law_color(law_id),
                points: non_embedding,
                dashed: false,
            },
            Series {
                label: cat::both_total(lang).into(),
                color: TOTAL_COLOR,
                points: total,
                dashed: false,
            },
            Series {
                label: cat::both_kaplan_law(lang).into(),
                color: KAPLAN_COLOR,
                points: kaplan,
                dashed: true,
            },
        ],
        budget: None,
        markers: Vec::new(),
        hover: None,
        bands: Vec::new(),
        lang,
    })
}

/// Porian et al.'s fitted exponent at each of their five steps, with its 95 % interval, for
/// both data sets, against Kaplan's 0.73 and Chinchilla's 0.5.
#[must_use]
pub fn waterfall_view(lang: Lang) -> LinearView {
    let series = |dataset: PorianDataset, color: RGBColor, shift: f64| IntervalSeries {
        label: cat::waterfall_series(lang, &dataset.name()),
        color,
        points: porian_steps(dataset)
            .map(|s| {
                let x = f64::from(s.step) + shift;
                (x, s.exponent, s.exponent_ci95.0, s.exponent_ci95.1)
            })
            .collect(),
    };
    LinearView {
        x_desc: cat::waterfall_x(lang).into(),
        y_desc: cat::waterfall_y(lang).into(),
        x_range: (0.5, 5.5),
        y_range: (0.4, 0.9),
        x_ticks: XTicks::Steps(5),
        series: Vec::new(),
        intervals: vec![
            series(PorianDataset::RefinedWeb, RW_COLOR, -0.08),
            series(PorianDataset::OpenWebText2, OWT2_COLOR, 0.08),
        ],
        references: references(lang),
        shade: None,
        hover: None,
        lang,
    }
}

/// Kaplan's 0.73 and Chinchilla's 0.5, the reference lines.
fn references(lang: Lang) -> Vec<(f64, String)> {
    vec![
        (KAPLAN_EXPONENT, cat::ref_kaplan(lang).into()),
        (0.5, cat::ref_chinchilla(lang).into()),
    ]
}

/// Draws a linear-y chart and returns where it drew.
pub fn draw_linear<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &LinearView,
    style: &ChartStyle,
) -> Result<Drawn, DrawingAreaErrorKind<DB::ErrorType>> {
    let (x0, x1) = view.x_range;
    let (y0, y1) = view.y_range;
    let y_format = |y: &f64| format!("{y:.2}");
    let steps = |x: &f64| {
        let r = x.round();
        if (x - r).abs() < 1e-6 && r >= 1.0 {
            format!("{r:.0}")
        } else {
            String::new()
        }
    };
    let power = |x: &f64| power_of_ten_label(*x);
    let widths = |x: &f64| {
        let r = x.round();
        if (x - r).abs() < 1e-6 && (0.0..63.0).contains(&r) {
            format!("×{}", 1u64 << r as u32)
        } else {
            String::new()
        }
    };
    let (x_labels, x_format): (usize, &dyn Fn(&f64) -> String) = match view.x_ticks {
        XTicks::PowersOfTen => ((x1 - x0).round() as usize + 1, &power),
        XTicks::Steps(n) => (n * 2 + 1, &steps),
        XTicks::Widths => ((x1 - x0).ceil() as usize * 2 + 1, &widths),
    };
    let legend: Vec<(&str, RGBColor)> = view
        .series
        .iter()
        .map(|s| (s.label.as_str(), s.color))
        .chain(view.intervals.iter().map(|s| (s.label.as_str(), s.color)))
        .collect();
    let axes = Axes {
        x_desc: &view.x_desc,
        y_desc: &view.y_desc,
        x_labels,
        y_labels: 6,
        x_format,
        y_format: &y_format,
        legend: &legend,
    };
    let mut chart = frame(area, ((x0, x1), (y0, y1)), &axes, style)?;

    if let Some((a, b, label)) = &view.shade {
        chart.draw_series([Rectangle::new(
            [(*a, y0), (*b, y1)],
            style.muted.mix(0.15).filled(),
        )])?;
        chart.draw_series([Text::new(
            label.clone(),
            (*a, y1),
            (style.font_family, style.px(11.0))
                .into_font()
                .color(&style.muted)
                .pos(super::text_pos(true)),
        )])?;
    }
    // The lowest reference line (0.5) is where curves settle from above: its label goes below.
    let lowest = view
        .references
        .iter()
        .map(|r| r.0)
        .fold(f64::INFINITY, f64::min);
    for (y, label) in &view.references {
        let below = *y <= lowest && view.references.len() > 1;
        chart.draw_series(DashedLineSeries::new(
            [(x0, *y), (x1, *y)],
            style.px(6.0),
            style.px(4.0),
            style.muted.stroke_width(style.px(1.0)),
        ))?;
        chart.draw_series([Text::new(
            label.clone(),
            (x1, *y),
            (style.font_family, style.px(11.0))
                .into_font()
                .color(&style.muted)
                .pos(plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Right,
                    if below {
                        plotters::style::text_anchor::VPos::Top
                    } else {
                        plotters::style::text_anchor::VPos::Bottom
                    },
                )),
        )])?;
    }
    for s in &view.series {
        super::draw_line(&mut chart, &s.points, s.color, s.dashed, style)?;
    }
    for s in &view.intervals {
        let line = s.color.stroke_width(style.px(2.0));
        for &(x, y, lo, hi) in &s.points {
            chart.draw_series([PathElement::new(vec![(x, lo), (x, hi)], line)])?;
            chart.draw_series([Circle::new((x, y), style.px(4.5), s.color.filled())])?;
        }
        chart.draw_series(LineSeries::new(
            s.points.iter().map(|p| (p.0, p.1)),
            s.color.mix(0.5).stroke_width(style.px(1.0)),
        ))?;
    }
    finish(area, &chart, &legend, view.hover, style)
}

/// What the pointer is over: x, each line's value there, and the nearest step's exponents.
#[must_use]
pub fn readout(view: &LinearView, (x, _): (f64, f64)) -> Vec<String> {
    let mut lines = Vec::new();
    match view.x_ticks {
        XTicks::PowersOfTen => {
            lines.push(format!(
                "C = {}",
                crate::law::quantity::format_flops(10f64.powf(x))
            ));
        }
        XTicks::Steps(_) => lines.push(cat::readout_step(view.lang, &format!("{:.0}", x.round()))),
        XTicks::Widths => lines.push(crate::i18n::sweep::readout_width(
            view.lang,
            // 2^x by exp, which the charts already link (powf would add exp2).
            &crate::law::quantity::significant((x * std::f64::consts::LN_2).exp(), 3),
        )),
    }
    for s in &view.series {
        if let Some(v) = value_at(&s.points, x) {
            lines.push(format!("{}{}{v:.3}", s.label, cat::colon(view.lang)));
        }
    }
    for s in &view.intervals {
        if let Some(&(_, y, lo, hi)) = s.points.iter().find(|p| (p.0 - x).abs() < 0.5) {
            lines.push(format!(
                "{}{}{y:.3} [{lo:.2}, {hi:.2}]",
                s.label,
                cat::colon(view.lang)
            ));
        }
    }
    lines
}

#[cfg(test)]
mod tests;
