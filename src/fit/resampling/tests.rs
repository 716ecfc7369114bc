//! Tests of `fit::resampling::bootstrap`: the seeded stream against its reference, the quantiles
//! against numpy, the band of resampled laws.
use super::bootstrap::*;
use crate::law::loss::LossParams;

/// The band of a constant-per-sample value is the 2.5/97.5 % quantiles of those constants
/// (numpy's linear method: for 0..=100, 2.5 and 97.5).
#[test]
fn percentile_band_is_the_quantiles_at_each_x() {
    let samples: Vec<LossParams> = (0..=100)
        .map(|i| LossParams {
            e: f64::from(i),
            a: 1.0,
            b: 1.0,
            alpha: 0.3,
            beta: 0.3,
        })
        .collect();
    let band = percentile_band(&samples, &[1.0, 2.0], |p, x| p.e * x);
    assert_eq!(band.len(), 2);
    assert!((band[0].1 - 2.5).abs() < 1e-12 && (band[0].2 - 97.5).abs() < 1e-12);
    assert!((band[1].1 - 5.0).abs() < 1e-12 && (band[1].2 - 195.0).abs() < 1e-12);
    assert!(percentile_band(&samples, &[1.0], |_, _| f64::NAN).is_empty());
}

#[test]
fn splitmix_matches_the_reference_stream() {
    // First outputs for seed 1234567 of Vigna's splitmix64.c, reproduced by an independent
    // Python transcription of that C code (arbitrary-precision ints masked to 64 bits).
    let mut r = SplitMix64::new(1_234_567);
    assert_eq!(r.next_u64(), 6_457_827_717_110_365_317);
    assert_eq!(r.next_u64(), 3_203_168_211_198_807_973);
    assert_eq!(r.next_u64(), 9_817_491_932_198_370_423);
}

#[test]
fn quantile_interpolates_like_numpy() {
    // numpy.quantile([1, 2, 3, 4], 0.025) = 1.075 and 0.975 → 3.925 (linear method).
    let v = [1.0, 2.0, 3.0, 4.0];
    assert!((quantile(&v, 0.025) - 1.075).abs() < 1e-12);
    assert!((quantile(&v, 0.975) - 3.925).abs() < 1e-12);
}

#[test]
fn below_stays_in_range_and_covers_it() {
    let mut r = SplitMix64::new(7);
    let mut hits = [0usize; 5];
    for _ in 0..5000 {
        hits[r.below(5)] += 1;
    }
    // Each bucket expects 1000; 5 σ ≈ 141.
    assert!(
        hits.iter().all(|&h| (h as f64 - 1000.0).abs() < 141.0),
        "{hits:?}"
    );
}
