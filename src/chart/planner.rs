//! The sweep planner's two charts, from the designs the workers simulated: Approach 2's bias
//! with the spread of 95 % of the simulated sweeps, and the typical error, each against the
//! width (x = log2 k, labelled ×k), a colour per number of sizes, at the same sweep compute.

use super::frontier::Series;
use super::reconcile::{IntervalSeries, LinearView, XTicks};
use super::style::budget_color;
use super::views::ChartView;
use crate::fit::design::explore::Cell;
use crate::fit::design::simulate::Simulated;
use crate::i18n::{sweep as t, Lang};

/// The numbers of sizes among `cells`, in order.
fn size_counts(cells: &[Cell]) -> Vec<usize> {
    let mut counts: Vec<usize> = cells.iter().map(|c| c.sizes).collect();
    counts.sort_unstable();
    counts.dedup();
    counts
}

/// The simulated cells of `sizes`, by width.
fn row(cells: &[Cell], sizes: usize) -> Vec<(f64, &Simulated)> {
    let mut out: Vec<(f64, &Simulated)> = cells
        .iter()
        .filter(|c| c.sizes == sizes)
        .filter_map(|c| Some((c.width, c.outcome.as_ref().ok()?)))
        .collect();
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

/// The x range: log2 of the widths, padded.
fn x_range(cells: &[Cell]) -> (f64, f64) {
    let (lo, hi) = cells
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), c| {
            (lo.min(c.width.log2()), hi.max(c.width.log2()))
        });
    if lo.is_finite() && hi.is_finite() {
        // A little room on the right, so the last width's label is not cut at the edge.
        (lo.min(0.0).floor(), hi.ceil().max(lo + 1.0) + 0.3)
    } else {
        (0.0, 4.0)
    }
}

/// [lo, hi] padded by a tenth, and at least 1 wide.
fn y_range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let pad = ((hi - lo) * 0.1).max(0.5);
    (lo - pad, hi + pad)
}

/// How far the bias chart reaches either side of 0, in per cent: a narrow, noisy design's
/// spread can run to hundreds of per cent and would flatten every other bar.
pub const BIAS_CUT: f64 = 60.0;

/// Approach 2's N_opt at the target against the prior law's, in per cent: the mean (the bias)
/// and the range of 95 % of the sweeps, per width, a series per number of sizes (nudged apart);
/// bars beyond ±[`BIAS_CUT`] % end at the edge.
#[must_use]
pub fn bias_view(cells: &[Cell], lang: Lang) -> ChartView {
    let counts = size_counts(cells);
    let mut intervals = Vec::new();
    for (i, &sizes) in counts.iter().enumerate() {
        let nudge = 0.06 * (i as f64 - (counts.len() as f64 - 1.0) / 2.0);
        let points: Vec<(f64, f64, f64, f64)> = row(cells, sizes)
            .into_iter()
            .filter_map(|(w, s)| {
                let a = s.approach2?;
                let pct = |n: f64| (100.0 * (n / s.truth.0 - 1.0)).clamp(-BIAS_CUT, BIAS_CUT);
                Some((
                    w.log2() + nudge,
                    (100.0 * a.n_opt_bias).clamp(-BIAS_CUT, BIAS_CUT),
                    pct(a.n_opt_95[0]),
                    pct(a.n_opt_95[1]),
                ))
            })
            .collect();
        if !points.is_empty() {
            intervals.push(IntervalSeries {
                label: t::series_sizes(lang, &sizes),
                color: budget_color(i),
                points,
            });
        }
    }
    if intervals.is_empty() {
        return ChartView::Empty(t::not_fitted(lang).to_string());
    }
    let y_range = y_range(
        intervals
            .iter()
            .flat_map(|s| s.points.iter().flat_map(|p| [p.2, p.3])),
    );
    ChartView::Linear(LinearView {
        x_desc: t::axis_width(lang).to_string(),
        y_desc: t::axis_bias(lang).to_string(),
        x_range: x_range(cells),
        y_range,
        x_ticks: XTicks::Widths,
        series: Vec::new(),
        intervals,
        references: vec![(0.0, String::new())],
        shade: None,
        hover: None,
        lang,
    })
}

/// The typical error of N_opt (the worse of Approaches 2 and 3), in per cent, per width, a line
/// per number of sizes, and the design used as a ring.
#[must_use]
pub fn error_view(cells: &[Cell], used: Option<(f64, usize)>, lang: Lang) -> ChartView {
    let counts = size_counts(cells);
    let mut series = Vec::new();
    for (i, &sizes) in counts.iter().enumerate() {
        let points: Vec<(f64, f64)> = row(cells, sizes)
            .into_iter()
            .map(|(w, s)| (w.log2(), 100.0 * s.expected_error()))
            .filter(|p| p.1.is_finite())
            .collect();
        if !points.is_empty() {
            series.push(Series {
                label: t::series_sizes(lang, &sizes),
                color: budget_color(i),
                points,
                dashed: false,
            });
        }
    }
    if series.is_empty() {
        return ChartView::Empty(t::not_fitted(lang).to_string());
    }
    let mut intervals = Vec::new();
    if let Some((width, sizes)) = used {
        let at = cells
            .iter()
            .find(|c| c.width == width && c.sizes == sizes)
            .and_then(|c| c.outcome.as_ref().ok());
        if let Some(s) = at {
            let y = 100.0 * s.expected_error();
            let i = counts.iter().position(|&c| c == sizes).unwrap_or(0);
            intervals.push(IntervalSeries {
                label: t::series_chosen(lang, &crate::law::quantity::significant(width, 3), &sizes),
                color: budget_color(i),
                points: vec![(width.log2(), y, y, y)],
            });
        }
    }
    let (_, hi) = y_range(series.iter().flat_map(|s| s.points.iter().map(|p| p.1)));
    ChartView::Linear(LinearView {
        x_desc: t::axis_width(lang).to_string(),
        y_desc: t::axis_error(lang).to_string(),
        x_range: x_range(cells),
        y_range: (0.0, hi),
        x_ticks: XTicks::Widths,
        series,
        intervals,
        references: Vec::new(),
        shade: None,
        hover: None,
        lang,
    })
}
