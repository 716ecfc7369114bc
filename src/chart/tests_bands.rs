//! The published laws' bands: each spans what its paper's exponent interval gives (Hoffmann et
//! al. 2022, Table 2), turning about the law's N_opt at 5.76e23 FLOPs; a law without one draws
//! none.

use super::frontier::{published_band, Quantity};
use super::views::{comparison_views, ChartView};
use crate::law::uncertainty::PIVOT_FLOPS;
use crate::law::Law;

#[test]
fn chinchillas_approach_2_band_is_its_table_2_interval() {
    let law = Law::chinchilla_approach2();
    let band = published_band(&law, Quantity::Params).unwrap();
    let n_pivot = law.allocate(PIVOT_FLOPS).unwrap().n_params;
    // By hand at 1e26 FLOPs: N = N_pivot·(1e26/5.76e23)^a for a = 0.462 and 0.534.
    let ratio: f64 = 1e26 / 5.76e23;
    let (lo, hi) = (
        (n_pivot * ratio.powf(0.462)).log10(),
        (n_pivot * ratio.powf(0.534)).log10(),
    );
    let at = band
        .iter()
        .find(|p| (p.0 - 26.0).abs() < 1e-9)
        .expect("a point at 1e26");
    assert!(
        (at.1 - lo).abs() < 1e-9 && (at.2 - hi).abs() < 1e-9,
        "{at:?} vs {lo} {hi}"
    );
    // Zero-wide where it turns, and D's band the other way round (D = C/6N).
    let near_pivot = band
        .iter()
        .min_by(|a, b| {
            (a.0 - PIVOT_FLOPS.log10())
                .abs()
                .total_cmp(&(b.0 - PIVOT_FLOPS.log10()).abs())
        })
        .unwrap();
    assert!(near_pivot.2 - near_pivot.1 < 0.02, "{near_pivot:?}");
    let d = published_band(&law, Quantity::Tokens).unwrap();
    let d_at = d.iter().find(|p| (p.0 - 26.0).abs() < 1e-9).unwrap();
    let c6 = (1e26f64 / 6.0).log10();
    assert!((d_at.1 - (c6 - hi)).abs() < 1e-9 && (d_at.2 - (c6 - lo)).abs() < 1e-9);
    // No interval, no band.
    assert!(published_band(&Law::kaplan2020(), Quantity::Params).is_none());
    assert!(published_band(&Law::deepseek2024(), Quantity::Params).is_none());
}

#[test]
fn the_first_screens_charts_shade_each_published_law() {
    let config = crate::permalink::decode("v=1&laws=kaplan2020,chinchilla-a2,epoch2024").config;
    let plan = crate::plan::plan(&config);
    for view in comparison_views(&config, &plan, None) {
        let ChartView::Frontier(v) = view else {
            panic!("a frontier chart");
        };
        // Chinchilla's Approach 2 and Epoch's refit; Kaplan's paper gives none.
        assert_eq!(v.bands.len(), 2);
    }
}
