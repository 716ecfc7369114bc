//! Charts render natively through the same drawing functions the page uses.

use super::frontier::{params_view, value_at};
use super::*;
use crate::law::{presets, Law};
use plotters::prelude::*;

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
        let color = style::hex(style::law_color(&law.id));
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
