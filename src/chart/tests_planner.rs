//! The sweep planner's charts on the SVG backend: the points are the simulated designs' own
//! numbers, the x axis reads as widths, and nothing prints NaN.

use super::planner::{bias_view, error_view};
use super::views::ChartView;
use super::ChartStyle;
use crate::fit::design::explore::ExploreJob;
use crate::fit::design::SweepDesign;
use crate::i18n::Lang;
use crate::law::presets::EPOCH2024;
use plotters::prelude::*;

fn render(view: &ChartView) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (800, 500)).into_drawing_area();
        view.draw(&area, &ChartStyle::light(1.0)).expect("drawn");
    }
    svg
}

#[test]
fn the_planner_charts_show_each_designs_simulations() {
    let base = SweepDesign::around(1e23);
    let cells =
        ExploreJob::new(&base, &[2.0, 4.0, 16.0], &[5, 9], &EPOCH2024, 0.005, 20, 1).run_to_end();
    let ChartView::Linear(bias) = bias_view(&cells, Lang::En) else {
        panic!("a linear chart");
    };
    assert_eq!(bias.intervals.len(), 2);
    for (series, sizes) in bias.intervals.iter().zip([5, 9]) {
        assert_eq!(series.label, format!("{sizes} sizes"));
        assert_eq!(series.points.len(), 3);
        for (&(x, y, lo, hi), w) in series.points.iter().zip([2.0f64, 4.0, 16.0]) {
            let cell = cells
                .iter()
                .find(|c| c.width == w && c.sizes == sizes)
                .unwrap();
            let s = cell.outcome.as_ref().unwrap();
            let a2 = s.approach2.unwrap();
            // Nudged apart by at most 0.03 in log2 k.
            assert!((x - w.log2()).abs() <= 0.03 + 1e-12);
            let cut = |v: f64| v.clamp(-super::planner::BIAS_CUT, super::planner::BIAS_CUT);
            assert!((y - cut(100.0 * a2.n_opt_bias)).abs() < 1e-12);
            assert!((lo - cut(100.0 * (a2.n_opt_95[0] / s.truth.0 - 1.0))).abs() < 1e-9);
            assert!(lo <= hi);
        }
    }
    let ChartView::Linear(error) = error_view(&cells, Some((4.0, 9)), Lang::Zh) else {
        panic!("a linear chart");
    };
    assert_eq!(error.series.len(), 2);
    assert_eq!(error.intervals.len(), 1, "the ring on the design used");
    assert_eq!(error.intervals[0].points[0].0, 2.0);
    let svg = render(&ChartView::Linear(error));
    for label in ["×1", "×2", "×4", "×16"] {
        assert!(svg.contains(label), "{label}");
    }
    assert!(svg.contains("9 个规模"));
    // Every bar within the cut: a narrow, noisy design cannot flatten the others.
    assert!(
        bias.y_range.0 >= -super::planner::BIAS_CUT - 13.0
            && bias.y_range.1 <= super::planner::BIAS_CUT + 13.0
    );
    let svg = render(&ChartView::Linear(bias));
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
}

#[test]
fn nothing_simulated_says_so() {
    assert!(matches!(bias_view(&[], Lang::En), ChartView::Empty(_)));
    assert!(matches!(
        error_view(&[], None, Lang::En),
        ChartView::Empty(_)
    ));
}
