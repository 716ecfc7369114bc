//! How sure the published laws are: the interval each paper (or its authors' own analysis)
//! gives for the exponent a of N_opt ∝ C^a, and the band it draws around a law's frontier.
//!
//! Hoffmann et al. 2022 give only the exponents' intervals (Table 2: 10th and 90th percentiles
//! of 100 bootstraps, each on 80 % of the data), not the intercepts'. A band needs both, so the
//! band here turns about one point — the law's own N_opt at 5.76e23 FLOPs, Chinchilla's budget
//! (Table 3) — and spreads away from it as the exponent ranges over its interval: it shows what
//! the exponent's uncertainty alone does to an extrapolation, and is zero-wide at the pivot.

use super::LawId;

/// The budget every band turns about: Chinchilla's, 5.76e23 FLOPs (Hoffmann et al. 2022,
/// Table 3, the 67B row).
pub const PIVOT_FLOPS: f64 = 5.76e23;

/// A published interval of a law's exponent a of N_opt ∝ C^a (D_opt ∝ C^(1−a)).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExponentInterval {
    /// The printed exponent.
    pub a: f64,
    /// The interval's ends.
    pub lo: f64,
    pub hi: f64,
    /// Its coverage in per cent (80: the 10th to 90th percentile).
    pub level: u8,
    /// Where it is printed.
    pub source: &'static str,
}

/// Chinchilla's Table 2 row of `approach` (1, 2 or 3).
const fn table2(a: f64, lo: f64, hi: f64) -> ExponentInterval {
    ExponentInterval {
        a,
        lo,
        hi,
        level: 80,
        source: "Hoffmann et al. 2022, Table 2 (10th–90th percentiles of 100 bootstraps)",
    }
}

/// The published interval of `law`'s exponent, if its paper gives one.
#[must_use]
pub fn published_interval(law: LawId) -> Option<ExponentInterval> {
    Some(match law {
        LawId::ChinchillaA1 => table2(0.50, 0.488, 0.502),
        LawId::ChinchillaA2 => table2(0.49, 0.462, 0.534),
        // Table 2 prints (0.454, 0.455) about a = 0.46: the interval of the unrounded exponent.
        LawId::ChinchillaA3 | LawId::ChinchillaA3Tex => table2(0.46, 0.454, 0.455),
        // Besiroglu et al. 2024's refit: a = 0.513 with a bootstrap standard error of 0.020 and
        // an 80 % interval 0.051 wide (the authors' notebook, analyzing-chinchilla
        // data_analysis.ipynb, cell 59); ±1.2816 SE about 0.513 is that width.
        LawId::Epoch2024 => ExponentInterval {
            a: 0.513,
            lo: 0.513 - 1.2816 * 0.020,
            hi: 0.513 + 1.2816 * 0.020,
            level: 80,
            source: "Besiroglu et al. 2024, the authors' analysis (a = 0.513, bootstrap SE 0.020)",
        },
        _ => return None,
    })
}

/// N at `flops` for the law whose N_opt at [`PIVOT_FLOPS`] is `n_pivot`, with exponent `a`.
#[must_use]
pub fn n_at(n_pivot: f64, a: f64, flops: f64) -> f64 {
    n_pivot * (flops / PIVOT_FLOPS).powf(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_intervals_are_the_papers() {
        // Hoffmann et al. 2022, Table 2.
        let a2 = published_interval(LawId::ChinchillaA2).unwrap();
        assert_eq!((a2.a, a2.lo, a2.hi, a2.level), (0.49, 0.462, 0.534, 80));
        let a1 = published_interval(LawId::ChinchillaA1).unwrap();
        assert_eq!((a1.lo, a1.hi), (0.488, 0.502));
        let a3 = published_interval(LawId::ChinchillaA3Tex).unwrap();
        assert_eq!((a3.lo, a3.hi), (0.454, 0.455));
        // Epoch's: 80 % wide 0.051 (the notebook's P90 − P10), about 0.513.
        let e = published_interval(LawId::Epoch2024).unwrap();
        assert!(((e.hi - e.lo) - 0.051).abs() < 0.0005);
        assert!(((e.hi + e.lo) / 2.0 - 0.513).abs() < 1e-12);
        for id in [
            LawId::Kaplan2020,
            LawId::DeepSeek2024,
            LawId::Llama3,
            LawId::Custom,
        ] {
            assert!(published_interval(id).is_none(), "{id:?}");
        }
        // The band turns about the pivot.
        assert_eq!(n_at(7e10, 0.49, PIVOT_FLOPS), 7e10);
        assert!((n_at(7e10, 0.5, PIVOT_FLOPS * 100.0) / 7e11 - 1.0).abs() < 1e-12);
    }
}
