//! The residual plot of a fit: ln L̂ − ln L of each run against its compute C or model size N
//! (log x axis), with the zero line, so a pattern the law misses stands out.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frontier::PlotRanges;
use super::{count_label, decade_range, frame, power_of_ten_label, Axes, ChartStyle};
use crate::i18n::{charts as cat, Lang};

/// What the x axis of a residual plot shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResidualAxis {
    /// Training compute C in FLOPs.
    #[default]
    Flops,
    /// Parameter count N.
    Params,
}

impl ResidualAxis {
    /// The axis description drawn under the chart, in English.
    #[must_use]
    pub fn description(self) -> &'static str {
        self.description_in(Lang::En)
    }

    /// The axis description drawn under the chart, in `lang`.
    #[must_use]
    pub fn description_in(self, lang: Lang) -> &'static str {
        match self {
            ResidualAxis::Flops => cat::axis_compute(lang),
            ResidualAxis::Params => cat::axis_params(lang),
        }
    }
}

/// What the residual plot shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ResidualView {
    /// Which quantity the x axis holds.
    pub axis: ResidualAxis,
    /// (log10 x, ln L̂ − ln L) per run; non-finite points are left out when drawn.
    pub points: Vec<(f64, f64)>,
    /// Point colour.
    pub color: RGBColor,
    /// The language of its axis titles ([`ResidualView::in_lang`]; English by default).
    pub lang: Lang,
}

impl ResidualView {
    /// A view of `residuals` against `xs` (both in run order; x in natural units, not log).
    /// Pairs with a non-positive or non-finite x, or a non-finite residual, are dropped.
    #[must_use]
    pub fn new(axis: ResidualAxis, xs: &[f64], residuals: &[f64], color: RGBColor) -> Self {
        let points = xs
            .iter()
            .zip(residuals)
            .filter(|(x, r)| x.is_finite() && **x > 0.0 && r.is_finite())
            .map(|(x, r)| (x.log10(), *r))
            .collect();
        ResidualView {
            axis,
            points,
            color,
            lang: Lang::En,
        }
    }

    /// The same view with its axis titles in `lang`.
    #[must_use]
    pub fn in_lang(self, lang: Lang) -> Self {
        ResidualView { lang, ..self }
    }

    /// The residuals of `runs` (in the order of `residuals`) against C or N.
    #[must_use]
    pub fn for_runs(
        axis: ResidualAxis,
        runs: &[crate::fit::Run],
        residuals: &[f64],
        color: RGBColor,
    ) -> Self {
        let xs: Vec<f64> = runs
            .iter()
            .map(|r| match axis {
                ResidualAxis::Flops => r.flops,
                ResidualAxis::Params => r.n_params,
            })
            .collect();
        ResidualView::new(axis, &xs, residuals, color)
    }

    /// The symmetric y range ±h, h a 1-2-5 step above the largest |residual| (at least 0.001).
    #[must_use]
    pub fn y_range(&self) -> (f64, f64) {
        let max = self
            .points
            .iter()
            .map(|p| p.1.abs())
            .fold(0.0_f64, f64::max);
        let h = nice_above(max.max(1e-3));
        (-h, h)
    }
}

/// The smallest 1·10^k, 2·10^k or 5·10^k that is ≥ `x` (x > 0).
fn nice_above(x: f64) -> f64 {
    let mut k = x.log10().floor();
    loop {
        for m in [1.0, 2.0, 5.0] {
            let v = m * 10f64.powf(k);
            if v >= x * (1.0 - 1e-12) {
                return v;
            }
        }
        k += 1.0;
    }
}

/// A residual tick label: `0`, `±0.01`, `0.005`, trimmed to the digits the range needs.
#[must_use]
pub fn residual_label(y: f64, half_range: f64) -> String {
    if y.abs() < half_range * 1e-9 {
        return "0".to_string();
    }
    let digits = (-(half_range / 4.0).log10().floor()).clamp(0.0, 8.0) as usize;
    let s = format!("{y:+.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Draws the residual plot and returns the ranges it used (x in log10 units).
pub fn draw_residuals<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &ResidualView,
    style: &ChartStyle,
) -> Result<PlotRanges, DrawingAreaErrorKind<DB::ErrorType>> {
    let (x0, x1) = decade_range(view.points.iter().map(|p| p.0));
    let (y0, y1) = view.y_range();
    let x_label = |x: &f64| match view.axis {
        ResidualAxis::Flops => power_of_ten_label(*x),
        ResidualAxis::Params => count_label(*x),
    };
    let y_label = |y: &f64| residual_label(*y, y1);

    let axes = Axes {
        x_desc: view.axis.description_in(view.lang),
        y_desc: cat::axis_residual(view.lang),
        x_labels: (x1 - x0).round() as usize + 1,
        y_labels: 5,
        x_format: &x_label,
        y_format: &y_label,
        legend: &[],
    };
    let mut chart = frame(area, ((x0, x1), (y0, y1)), &axes, style)?;
    chart.draw_series(LineSeries::new(
        [(x0, 0.0), (x1, 0.0)],
        style.foreground.stroke_width(style.px(1.0)),
    ))?;
    let radius = style.px(3.5);
    chart.draw_series(
        view.points
            .iter()
            .map(|&p| Circle::new(p, radius, view.color.filled())),
    )?;
    area.present()?;
    Ok(PlotRanges {
        x: (x0, x1),
        y: (y0, y1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RED: RGBColor = RGBColor(200, 30, 60);

    fn render(view: &ResidualView) -> String {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (640, 360)).into_drawing_area();
            draw_residuals(&area, view, &ChartStyle::light(1.0)).unwrap();
        }
        svg
    }

    /// One filled circle per finite point, in the series colour, plus the axis texts.
    #[test]
    fn svg_has_one_dot_per_run_and_readable_labels() {
        let xs = [1e18, 1e19, 3e20, 1e21, f64::NAN, -1.0];
        let rs = [0.004, -0.012, 0.0, 0.007, 0.001, 0.002];
        let view = ResidualView::new(ResidualAxis::Flops, &xs, &rs, RED);
        assert_eq!(view.points.len(), 4, "NaN and negative x dropped");
        let svg = render(&view);
        let dots = svg.matches("<circle").count();
        assert_eq!(dots, 4, "{svg}");
        assert!(svg.to_lowercase().contains(&super::super::style::hex(RED)));
        for text in [
            "Training compute C (FLOPs)",
            "ln L̂ − ln L",
            "10¹⁸",
            "10²¹",
            "+0.01",
            "-0.01",
        ] {
            assert!(svg.contains(text), "missing {text}");
        }
        assert!(!svg.contains("NaN"));
        assert!(!svg.contains("00000"), "raw float tick label leaked");
    }

    #[test]
    fn params_axis_uses_count_labels() {
        let view = ResidualView::new(ResidualAxis::Params, &[5e7, 2e9], &[0.01, -0.02], RED);
        let svg = render(&view);
        for text in ["Parameters N", "100M", "1B"] {
            assert!(svg.contains(text), "missing {text}");
        }
    }

    #[test]
    fn empty_and_zero_residuals_draw_without_nan() {
        for rs in [vec![], vec![0.0, 0.0]] {
            let xs = vec![1e20; rs.len()];
            let view = ResidualView::new(ResidualAxis::Flops, &xs, &rs, RED);
            let (lo, hi) = view.y_range();
            assert_eq!((lo, hi), (-1e-3, 1e-3));
            let svg = render(&view);
            assert!(!svg.contains("NaN") && !svg.contains("inf"));
        }
    }

    /// The y range is the next 1-2-5 step above the largest |r| (hand-computed cases).
    #[test]
    fn y_range_is_a_round_step_above_the_largest_residual() {
        assert!((nice_above(0.012) - 0.02).abs() < 1e-15);
        assert!((nice_above(0.02) - 0.02).abs() < 1e-15);
        assert!((nice_above(0.3) - 0.5).abs() < 1e-15);
        assert!((nice_above(0.6) - 1.0).abs() < 1e-15);
        assert_eq!(residual_label(0.01, 0.02), "+0.01");
        assert_eq!(residual_label(-0.005, 0.02), "-0.005");
        assert_eq!(residual_label(1e-19, 0.02), "0");
    }
}
