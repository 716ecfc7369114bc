//! The sweep chart (Approach 2's IsoFLOP profiles) on the SVG backend.

use super::style::{budget_color, hex};
use super::sweep::{draw_sweep, SweepView};
use super::ChartStyle;
use crate::fit::runs::example::EXAMPLE_LAW;
use crate::fit::{Approach, ApproachFit, ApproachJob, FitOptions, FrontierReport};
use plotters::prelude::*;

/// Four budgets × seven sizes around each budget's optimum of the example law, no noise.
fn sweep_report(bootstrap: usize) -> FrontierReport {
    let runs = crate::fit::runs::example::sweep_of(&[1e18, 1e19, 1e20, 1e21], 1.6);
    let options = FitOptions {
        approach: Approach::Two,
        bootstrap,
        ..FitOptions::default()
    };
    match ApproachJob::new(&runs, &options)
        .unwrap()
        .run_to_end()
        .unwrap()
        .fit
    {
        ApproachFit::Frontier(f) => f,
        ApproachFit::Three(_) => panic!("Approach 2 is a power law"),
    }
}

fn render(view: &SweepView) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (800, 500)).into_drawing_area();
        draw_sweep(&area, view, &ChartStyle::light(1.0)).unwrap();
    }
    svg
}

/// One colour per budget, seven dots each, a parabola per budget, the minima and their intervals.
#[test]
fn sweep_chart_draws_each_budget_in_its_colour() {
    let report = sweep_report(20);
    let view = SweepView::of(&report);
    assert_eq!(view.budgets.len(), 4);
    for (i, b) in view.budgets.iter().enumerate() {
        assert_eq!(b.color, budget_color(i));
        assert_eq!(b.points.len(), 7);
        assert!(b.curve.len() > 10);
        let (x, _) = b.minimum.expect("a usable minimum");
        let (lo, hi) = b.interval.expect("an interval from the bootstrap");
        assert!(lo <= x + 1e-9 && x <= hi + 1e-9, "{lo} {x} {hi}");
        // The vertex lies near the law's own optimum (the parabola's bias is small here).
        let truth = EXAMPLE_LAW.optimal(report.profiles[i].flops).0.log10();
        assert!((x - truth).abs() < 0.1, "{x} vs {truth}");
    }
    let svg = render(&view);
    let lower = svg.to_lowercase();
    for i in 0..4 {
        assert!(lower.contains(&hex(budget_color(i))), "budget {i} colour");
    }
    assert!(svg.matches("<circle").count() >= 28, "dots");
    for text in ["Parameters N", "Loss (nats/token)", "C = "] {
        assert!(svg.contains(text), "missing {text}");
    }
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
}

#[test]
fn an_empty_view_draws_without_nan() {
    let view = SweepView::default();
    assert_eq!(view.y_range(), (0.0, 1.0));
    let svg = render(&view);
    assert!(!svg.contains("NaN"));
    let no_ci = SweepView::of(&sweep_report(0));
    assert!(no_ci.budgets.iter().all(|b| b.interval.is_none()));
}
