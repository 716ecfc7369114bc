//! Tests of the "Why they differ" charts (`chart::reconcile`).

use super::*;
use crate::law::presets::EPOCH2024;
use crate::law::reconcile::PEARCE_OMEGA;

/// The curve carries the library's local exponents: at the small end near the small-scale
/// limit β/(β+α/3) (0.759 for Epoch's refit), at the large end near β/(α+β) = 0.5126; the
/// total-counting line is flat at β/(α+β) (Pearce & Song 2024, Sec. 3).
#[test]
fn local_exponent_curve_runs_between_the_limits() {
    let v = local_exponent_view(LawId::Epoch2024, EPOCH2024, PEARCE_OMEGA, Lang::En).unwrap();
    let ne = &v.series[0].points;
    assert_eq!(ne.len(), SAMPLES);
    let small = EPOCH2024.beta / (EPOCH2024.beta + EPOCH2024.alpha / 3.0);
    let large = EPOCH2024.beta / (EPOCH2024.alpha + EPOCH2024.beta);
    assert!((ne[0].1 - small).abs() < 0.01, "{:?}", ne[0]);
    assert!(
        (ne[SAMPLES - 1].1 - large).abs() < 0.01,
        "{:?}",
        ne[SAMPLES - 1]
    );
    assert!(v.series[1]
        .points
        .iter()
        .all(|p| (p.1 - large).abs() < 1e-12));
    assert!(v.y_range.0 <= 0.5 && v.y_range.1 >= 0.76);
    // Drawn on SVG: every series and the shade, no error.
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (640, 400)).into_drawing_area();
        draw_linear(&area, &v, &ChartStyle::light(1.0)).unwrap();
    }
    assert!(svg.contains("Kaplan&apos;s range") || svg.contains("Kaplan's range"));
    let lines = readout(&v, (16.0, 0.0));
    assert!(lines[0].starts_with("C = 1.00e16"), "{lines:?}");
}

/// Porian et al.'s exponents fall 0.835 → … → 0.497 on RefinedWeb (their Fig. 1).
#[test]
fn waterfall_has_five_steps_per_data_set() {
    let v = waterfall_view(Lang::En);
    assert_eq!(v.intervals.len(), 2);
    let rw: Vec<f64> = v.intervals[0].points.iter().map(|p| p.1).collect();
    assert_eq!(rw, vec![0.835, 0.706, 0.602, 0.571, 0.497]);
    assert!(v.intervals[0]
        .points
        .iter()
        .all(|&(_, y, lo, hi)| lo <= y && y <= hi));
    let lines = readout(&v, (2.0, 0.7));
    assert!(lines.iter().any(|l| l.contains("0.706")), "{lines:?}");
}

/// In total counting the frontier is Chinchilla's closed form: N*_T = G·(C/6)^a at every
/// sampled C_T (Hoffmann et al. 2022, Eq. 4).
#[test]
fn frontier_both_ways_has_the_closed_form_in_total_counting() {
    let v = frontier_both_ways_view(LawId::Epoch2024, EPOCH2024, PEARCE_OMEGA, Lang::En).unwrap();
    for &(x, y) in &v.series[1].points {
        let (n, _) = EPOCH2024.optimal(10f64.powf(x));
        assert!((y - n.log10()).abs() < 1e-9);
    }
    assert_eq!(v.series[2].points.len(), 16);
    assert!(local_exponent_view(
        LawId::Fit,
        LossParams {
            e: -1.0,
            ..EPOCH2024
        },
        1.0,
        Lang::En
    )
    .is_none());
}
