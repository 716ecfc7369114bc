//! Charts render natively through the same drawing functions the page uses.

use super::frontier::{frontier_view, params_view, value_at, Quantity};
use super::*;
use crate::i18n::Lang;
use crate::law::{presets, Law};

fn render_svg(view: &FrontierView) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (800, 500)).into_drawing_area();
        draw_frontier(&area, view, &ChartStyle::light(1.0)).unwrap();
    }
    svg
}

#[test]
fn tick_labels_are_readable() {
    assert_eq!(power_of_ten_label(21.0), "10²¹");
    assert_eq!(power_of_ten_label(-3.0), "10⁻³");
    assert_eq!(power_of_ten_label(20.5), "");
    assert_eq!(count_label(9.0), "1B");
    assert_eq!(count_label(10.0), "10B");
    assert_eq!(count_label(11.0), "100B");
    assert_eq!(count_label(12.0), "1T");
    assert_eq!(count_label(0.0), "1");
    assert_eq!(count_label(15.0), "10¹⁵");
    assert_eq!(count_label(9.5), "");
}

#[test]
fn frontier_svg_has_both_laws_budget_and_labels() {
    let view = params_view(&presets(), Some(1e21));
    let svg = render_svg(&view);
    for law in [Law::kaplan2020(), Law::chinchilla_approach1()] {
        assert!(svg.contains(&law.name), "legend lacks {}", law.name);
        let color = style::hex(style::law_color(law.id));
        assert!(svg.to_lowercase().contains(&color), "no stroke in {color}");
    }
    for tick in ["10¹⁸", "10²¹", "10²⁶", "100M", "1B", "100B"] {
        assert!(svg.contains(tick), "missing tick label {tick}");
    }
    // plotters' default log labels print garbage such as `000000.0` or `1e2499999`.
    assert!(!svg.contains("00000"), "raw float tick label leaked");
    assert!(!svg.contains("NaN"));
}

/// The marked budget sits on each line at that law's N_opt (interpolated on the drawn
/// polyline, 33 points over 8 decades: the lines are straight in log-log, so exact to 1e-9).
#[test]
fn budget_marker_lies_on_each_law() {
    let view = params_view(&presets(), Some(1e21));
    for (series, law) in view.series.iter().zip(presets()) {
        let y = value_at(&series.points, 21.0).unwrap();
        let n = crate::law::optimal_allocation(&law, 1e21).unwrap().n_params;
        assert!((y - n.log10()).abs() < 1e-9, "{}", law.id);
    }
}

#[test]
fn decade_range_covers_values() {
    assert_eq!(decade_range([7.96, 13.3]), (7.0, 14.0));
    assert_eq!(decade_range([9.0, 9.0]), (9.0, 10.0));
    assert_eq!(decade_range([f64::NAN]), (0.0, 1.0));
}

fn svg_of<F>(draw: F) -> String
where
    F: FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>),
{
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (800, 500)).into_drawing_area();
        draw(&area);
    }
    svg
}

/// Charts 2 and 4 and the real models: D_opt and D/N against C carry the same law lines and
/// the real models (GPT-3 … Llama 3 405B; sources in src/law/models.rs), each labelled or — where
/// its label would cover another, a dot or the budget's line — named in the hover readout at its
/// own dot.
#[test]
fn tokens_and_ratio_charts_with_real_models() {
    use super::frontier::{frontier_view, readout, Quantity};
    let laws = [Law::kaplan2020(), Law::chinchilla_approach1()];
    for q in [Quantity::Tokens, Quantity::TokensPerParam] {
        let view = frontier_view(&laws, q, Some(5.76e23), Lang::En);
        let svg = svg_of(|a| {
            draw_frontier(a, &view, &ChartStyle::dark(1.0)).unwrap();
        });
        assert!(
            svg.contains("Kaplan et al. 2020"),
            "{q:?} lacks Kaplan's line"
        );
        let mut labelled = 0;
        for name in ["GPT-3", "Chinchilla", "Llama 3 405B", "Baichuan 2 7B"] {
            let m = view.markers.iter().find(|m| m.label == name).unwrap();
            let named_at_dot = readout(&view, (m.x, m.y), 0.25)
                .iter()
                .any(|l| l.starts_with(name));
            assert!(svg.contains(name) || named_at_dot, "{q:?} lacks {name}");
            // A label is a text element of its own (the legend's "Chinchilla (Approach 1)" is not).
            labelled += usize::from(svg.contains(&format!(">\n{name}\n</text>")));
        }
        assert!(labelled >= 3, "{q:?}: {labelled} of the four labelled");
        assert!(!svg.contains("NaN") && !svg.contains("00000"));
    }
    // D/N of Chinchilla's own run is 20 (1.4T / 70B): its marker sits at log10 20.
    let view = frontier_view(&laws, Quantity::TokensPerParam, None, Lang::En);
    let m = view
        .markers
        .iter()
        .find(|m| m.label == "Chinchilla")
        .unwrap();
    assert!((m.y - 20f64.log10()).abs() < 1e-12);
}

/// Pointer pixels map back to the data under them: the corners of the plotting area are the
/// ends of the ranges, and the readout names the series values and the nearest model.
#[test]
fn pointer_maps_back_to_data_and_reads_out() {
    let view = params_view(&[Law::kaplan2020()], Some(1e21));
    let mut drawn = None;
    svg_of(|a| drawn = Some(draw_frontier(a, &view, &ChartStyle::light(1.0)).unwrap()));
    let drawn = drawn.unwrap();
    let (l, r, t, b) = drawn.pixels;
    let (x, y) = drawn.to_data(f64::from(l), f64::from(b)).unwrap();
    assert!((x - drawn.ranges.x.0).abs() < 1e-9 && (y - drawn.ranges.y.0).abs() < 1e-9);
    let (x, y) = drawn.to_data(f64::from(r), f64::from(t)).unwrap();
    assert!((x - drawn.ranges.x.1).abs() < 1e-9 && (y - drawn.ranges.y.1).abs() < 1e-9);
    assert!(drawn.to_data(f64::from(l) - 5.0, f64::from(t)).is_none());
    // At C = 1e21 the readout shows Kaplan's 4.68B (App. D.4).
    let lines = super::frontier::readout(&view, (21.0, 9.67), 0.1);
    assert!(
        lines.iter().any(|l| l == "Kaplan et al. 2020: 4.68B"),
        "{lines:?}"
    );
    // Next to Gopher (5.76e23 FLOPs, 280B) the readout names it and its source.
    let lines = super::frontier::readout(&view, (5.76e23f64.log10(), 280e9f64.log10()), 0.1);
    assert!(
        lines.iter().any(|l| l.starts_with("Gopher — ")),
        "{lines:?}"
    );
}

/// Chart 3: under Chinchilla's printed Approach 3 at 5.76e23 the curve's minimum is that law's
/// own N_opt (3.219e10, an independent Python derivation), and Kaplan's larger N sits higher on the curve.
#[test]
fn isoflop_curve_shows_why_kaplan_undertrains() {
    use super::isoflop::{draw_isoflop, isoflop_view};
    let judge = crate::law::preset("chinchilla-a3").unwrap();
    let laws = [Law::kaplan2020(), judge.clone()];
    let view = isoflop_view(&judge, 5.76e23, &laws, Lang::En).unwrap();
    let (x_min, _) = view
        .curve
        .iter()
        .copied()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap();
    // The curve is sampled every (range/160) decades: the minimum is within one step.
    let step = (view.curve.last().unwrap().0 - view.curve[0].0) / 160.0;
    assert!((x_min - 3.219e10f64.log10()).abs() <= step, "{x_min}");
    let kaplan = &view.choices[0].0;
    let a3 = &view.choices[1].0;
    assert!(kaplan.x > a3.x && kaplan.y > a3.y);
    let svg = svg_of(|a| {
        draw_isoflop(a, &view, &ChartStyle::light(1.0)).unwrap();
    });
    assert!(
        svg.contains("IsoFLOP curve under Chinchilla"),
        "judge name in the legend"
    );
    assert!(svg.contains("Kaplan et al. 2020") && svg.contains("5.76e23"));
    assert!(!svg.contains("NaN"));
    // No loss model, no curve.
    assert!(isoflop_view(
        &crate::law::preset("deepseek2024").unwrap(),
        1e22,
        &laws,
        Lang::En
    )
    .is_none());
}

/// The flat optimum shaded on chart 3: its ends are the judge's flat range at the budget
/// (log10 of `LossParams::flat_range`'s N_min, N_max, which the plan's tests check against a
/// scan), they bracket the curve's minimum, and the shade is drawn in its colour with its
/// legend; Kaplan et al. 2020's loss as the judge is shaded too.
#[test]
fn isoflop_chart_shades_the_flat_optimum() {
    use super::isoflop::{draw_isoflop, isoflop_view, with_flat};
    let judge = crate::law::preset("chinchilla-a3").unwrap();
    let laws = [judge.clone()];
    let view = with_flat(
        isoflop_view(&judge, 5.76e23, &laws, Lang::En).unwrap(),
        &judge,
        0.005,
    );
    let r = judge
        .loss_params()
        .unwrap()
        .flat_range(5.76e23, 0.005)
        .unwrap();
    let (lo, hi, label) = view.flat.clone().unwrap();
    assert_eq!((lo, hi), (r.n_min.log10(), r.n_max.log10()));
    assert_eq!(label, "Loss within +0.5 % of the best");
    assert!(lo < 3.219e10f64.log10() && 3.219e10f64.log10() < hi);
    let style = ChartStyle::light(1.0);
    assert_eq!(super::style::flat_shade(&style), RGBColor(249, 231, 191));
    let svg = svg_of(|a| {
        draw_isoflop(a, &view, &style).unwrap();
    });
    assert!(
        svg.to_ascii_uppercase().contains("#F9E7BF"),
        "the shade is drawn"
    );
    assert!(svg.contains("Loss within +0.5 % of the best"));
    // Kaplan et al. 2020's loss as the judge: its numerically found range brackets the
    // minimum of its own sampled curve.
    let kaplan = Law::kaplan2020();
    let v = with_flat(
        isoflop_view(&kaplan, 5.76e23, &laws, Lang::En).unwrap(),
        &kaplan,
        0.005,
    );
    let (x_min, _) = v
        .curve
        .iter()
        .copied()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap();
    let (lo, hi, _) = v.flat.unwrap();
    assert!(lo < x_min && x_min < hi, "{lo} {x_min} {hi}");
}

/// The adjusted laws on the charts: the inference-aware curve lies below the plain law at the same
/// training compute (smaller models trained longer); Muennighoff et al.'s curve passes through
/// the datablations README optimum, 7.0224e9 parameters at 1e22 FLOPs with 25e9 unique tokens
/// (±0.5 %); on the IsoFLOP chart the data-constrained choice is on the curve and the
/// inference-aware model sits at the optimum's loss, left of the optimum.
#[test]
fn adjusted_curves_and_choices() {
    use super::frontier::{adjusted_series, frontier_view, Quantity};
    use super::isoflop::{isoflop_view, with_adjusted_choices};
    let a3 = crate::law::preset("chinchilla-a3").unwrap();
    let laws = [a3.clone()];
    let plain = frontier_view(&laws, Quantity::Params, None, Lang::En);
    let extra = adjusted_series(&laws, Quantity::Params, Some(2e12), Some(25e9), Lang::En);
    assert_eq!(extra.len(), 2);
    let inference = &extra[0];
    assert!(inference.dashed && inference.points.len() > 5);
    for &(x, y) in &inference.points {
        if let Some(p) = value_at(&plain.series[0].points, x) {
            assert!(y < p, "inference-aware N above the law at 10^{x}");
        }
    }
    let dc = &extra[1];
    let at_1e22 = dc
        .points
        .iter()
        .find(|p| (p.0 - 22.0).abs() < 1e-9)
        .unwrap();
    assert!(
        (10f64.powf(at_1e22.1) / 7.0224e9 - 1.0).abs() < 0.005,
        "{}",
        at_1e22.1
    );

    let view = isoflop_view(&a3, 1e22, &laws, Lang::En).unwrap();
    let optimum = view.choices[0].0.clone();
    let view = with_adjusted_choices(view, &a3, Some(2e12), Some(25e9));
    assert_eq!(view.choices.len(), 3);
    let dc = &view.choices[1].0;
    assert!(
        (value_at(&view.curve, dc.x).unwrap() - dc.y).abs() < 1e-3,
        "on the curve"
    );
    let inf = &view.choices[2].0;
    assert!((inf.y - optimum.y).abs() < 1e-9 && inf.x < optimum.x);
}

/// The fit's band is drawn as a translucent polygon in the fit's colour behind the lines.
#[test]
fn fit_band_is_drawn() {
    use super::frontier::{frontier_view, Quantity};
    let mut view = frontier_view(&[Law::kaplan2020()], Quantity::Params, None, Lang::En);
    view.bands.push((
        style::law_color(crate::law::LawId::Fit),
        vec![(19.0, 8.0, 8.5), (23.0, 10.0, 10.6)],
    ));
    let svg = svg_of(|a| {
        draw_frontier(a, &view, &ChartStyle::light(1.0)).unwrap();
    });
    assert!(
        svg.contains("<polygon") && svg.contains("opacity=\"0.2"),
        "no translucent polygon"
    );
}

/// Draws every frontier chart at a phone, a laptop and a desktop width and checks the layout:
/// the real-model labels that are drawn never overlap each other or a dot and stay inside the
/// plot, and the legend sits below the plot, never over the data.
#[test]
fn labels_never_overlap_and_the_legend_stays_below_the_plot() {
    use super::frontier::{frontier_view, Quantity};
    for width in [390u32, 800, 1280] {
        for quantity in [Quantity::Params, Quantity::Tokens, Quantity::TokensPerParam] {
            let view = frontier_view(&presets(), quantity, Some(5.76e23), Lang::En);
            // As the page sizes its canvases.
            let height = chart_height(f64::from(width), view.series.len()) as u32;
            let mut svg = String::new();
            let drawn = {
                let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
                draw_frontier(&area, &view, &ChartStyle::light(1.0)).unwrap()
            };
            let (left, right, top, bottom) = drawn.pixels;
            for (i, a) in drawn.labels.iter().enumerate() {
                assert!(
                    a.0 >= left && a.2 <= right && a.1 >= top && a.3 <= bottom,
                    "{width}px {quantity:?}: label {a:?} outside the plot"
                );
                // At least 3 px between two labels, so that two names never read as one.
                for b in &drawn.labels[i + 1..] {
                    assert!(
                        !boxes_overlap((a.0 - 3, a.1 - 3, a.2 + 3, a.3 + 3), *b),
                        "{width}px {quantity:?}: {a:?} touches {b:?}"
                    );
                }
            }
            // Most models keep their label; the rest are dots named in the hover readout.
            assert!(
                2 * drawn.labels.len() >= view.markers.len(),
                "{width}px {quantity:?}: {} of {} labels placed",
                drawn.labels.len(),
                view.markers.len()
            );
            assert!(
                bottom - top > 150,
                "{width}px: the plot is only {} px high",
                bottom - top
            );
            let legend = drawn.legend.expect("a legend");
            assert!(
                legend.1 >= bottom,
                "{width}px: legend {legend:?} over the plot (bottom {bottom})"
            );
            assert!(
                legend.3 <= height as i32 && legend.2 <= width as i32,
                "{legend:?} off the chart"
            );
        }
    }
}

/// No two legend entries read the same, even with the judge's own law shown and the
/// inference-aware curves on (each says what it is).
#[test]
fn legend_entries_are_distinct() {
    use super::frontier::{adjusted_series, frontier_view, Quantity};
    let laws = presets();
    let mut view = frontier_view(&laws, Quantity::Params, Some(1e22), Lang::En);
    view.series.extend(adjusted_series(
        &laws,
        Quantity::Params,
        Some(2e12),
        Some(25e9),
        Lang::En,
    ));
    let mut labels: Vec<&str> = view.series.iter().map(|s| s.label.as_str()).collect();
    let n = labels.len();
    labels.sort_unstable();
    labels.dedup();
    assert_eq!(labels.len(), n, "{labels:?}");
}

/// No real model's label sits on the budget's dashed line: the line is taken like a dot, so a
/// label goes to another side of its model or is left to the hover readout. Checked for budgets
/// every eighth of a decade across the labelled models, at the first screen's chart size.
#[test]
fn labels_keep_off_the_budget_line() {
    let laws = presets();
    for step in 0..=24 {
        let budget = 10f64.powf(22.0 + f64::from(step) / 8.0);
        for quantity in [Quantity::Params, Quantity::Tokens] {
            let view = frontier_view(&laws, quantity, Some(budget), Lang::En);
            let mut svg = String::new();
            let area = SVGBackend::with_string(&mut svg, (880, 700)).into_drawing_area();
            let drawn = draw_frontier(&area, &view, &ChartStyle::light(2.0)).unwrap();
            let (left, right, _, _) = drawn.pixels;
            let (x0, x1) = drawn.ranges.x;
            let x = f64::from(left) + f64::from(right - left) * (budget.log10() - x0) / (x1 - x0);
            assert!(
                drawn.labels.len() >= 2,
                "{budget:e}: {} labels",
                drawn.labels.len()
            );
            for b in &drawn.labels {
                assert!(
                    x < f64::from(b.0) || x > f64::from(b.2),
                    "{quantity:?} at {budget:e}: label {b:?} on the budget line x = {x}"
                );
            }
        }
    }
}
