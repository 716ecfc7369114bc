//! The objective and its gradient eight rows at a time with AVX-512 (native x86-64 only, chosen
//! at run time): one pass per block of rows, every step in vector registers. e^x is the same
//! Cody–Waite reduction and degree-13 Taylor polynomial as `fastmath`'s, scaled by 2^n with
//! `vscalefpd`; ln x takes x's exponent and mantissa with `vgetexppd` / `vgetmantpd` and the same
//! atanh series. Polynomials use fused multiply-adds, so the results differ from the plain path
//! by an ulp or so: native fits agree with the page's to tolerance, as they already did.
//!
//! When a row is one this path cannot do exactly (e^u outside [e^-708, e^709], or a sum of terms
//! that is not a positive normal double), the caller takes the scalar path instead.

use std::arch::x86_64::{
    __m512d, _mm512_add_pd, _mm512_cmp_pd_mask, _mm512_div_pd, _mm512_fmadd_pd, _mm512_fnmadd_pd,
    _mm512_getexp_pd, _mm512_getmant_pd, _mm512_mask_add_pd, _mm512_mask_mul_pd,
    _mm512_maskz_loadu_pd, _mm512_max_pd, _mm512_min_pd, _mm512_mul_pd, _mm512_reduce_add_pd,
    _mm512_reduce_max_pd, _mm512_reduce_min_pd, _mm512_roundscale_pd, _mm512_scalef_pd,
    _mm512_set1_pd, _mm512_setzero_pd, _mm512_sub_pd, _CMP_GT_OQ, _MM_FROUND_NO_EXC,
    _MM_FROUND_TO_NEAREST_INT, _MM_MANT_NORM_1_2, _MM_MANT_SIGN_SRC,
};

use super::objective::{LogData, Theta};

/// ln 2 in two parts (fdlibm's); `LN2_HI` has trailing zero bits so n · LN2_HI is exact.
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
/// Where e^u is computed here; outside it the row goes to the scalar path.
const EXP_MIN: f64 = -708.0;
const EXP_MAX: f64 = 709.0;
/// The smallest sum of terms whose logarithm and reciprocal are taken here.
const SUM_MIN: f64 = 1e-300;

/// k! for k = 0..=13.
const FACTORIALS: [f64; 14] = [
    1.0,
    1.0,
    2.0,
    6.0,
    24.0,
    120.0,
    720.0,
    5_040.0,
    40_320.0,
    362_880.0,
    3_628_800.0,
    39_916_800.0,
    479_001_600.0,
    6_227_020_800.0,
];

/// Whether this CPU has the instructions (checked once per call; the check is cached by std).
pub fn available() -> bool {
    std::arch::is_x86_feature_detected!("avx512f")
}

#[inline]
#[target_feature(enable = "avx512f")]
fn splat(x: f64) -> __m512d {
    _mm512_set1_pd(x)
}

/// Vectors of eight rows processed side by side in one step of the loop, so that the long
/// dependency chains of e^x and ln x of one vector overlap with another's.
const L: usize = 3;

/// Several vectors at once: each step of e^x and ln x below runs over all of them in turn.
type Vs = [__m512d; L];

#[inline(always)]
fn each(f: impl Fn(usize) -> __m512d) -> Vs {
    std::array::from_fn(f)
}

/// e^x lane-wise for x in [EXP_MIN, EXP_MAX].
#[inline]
#[target_feature(enable = "avx512f")]
fn exp8(x: Vs) -> Vs {
    // x = n ln 2 + r, |r| ≤ ln 2 / 2.
    let n = each(|i| {
        _mm512_roundscale_pd::<{ _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC }>(_mm512_mul_pd(
            x[i],
            splat(std::f64::consts::LOG2_E),
        ))
    });
    let r = each(|i| _mm512_fnmadd_pd(n[i], splat(LN2_HI), x[i]));
    let r = each(|i| _mm512_fnmadd_pd(n[i], splat(LN2_LO), r[i]));
    // e^r by Taylor to r^13 (the remainder r^14/14! < 5e-18 for |r| ≤ 0.347), evaluated by
    // Estrin's scheme: a dependency chain of four multiply-adds instead of thirteen.
    let c = |k: usize| splat(1.0 / FACTORIALS[k]);
    let r2 = each(|i| _mm512_mul_pd(r[i], r[i]));
    let r4 = each(|i| _mm512_mul_pd(r2[i], r2[i]));
    let r8 = each(|i| _mm512_mul_pd(r4[i], r4[i]));
    let pair = |k: usize| each(|i| _mm512_fmadd_pd(c(k + 1), r[i], c(k)));
    let (q0, q1, q2, q3, q4, q5, q6) = (
        pair(0),
        pair(2),
        pair(4),
        pair(6),
        pair(8),
        pair(10),
        pair(12),
    );
    let s0 = each(|i| _mm512_fmadd_pd(q1[i], r2[i], q0[i]));
    let s1 = each(|i| _mm512_fmadd_pd(q3[i], r2[i], q2[i]));
    let s2 = each(|i| _mm512_fmadd_pd(q5[i], r2[i], q4[i]));
    let t0 = each(|i| _mm512_fmadd_pd(s1[i], r4[i], s0[i]));
    let t1 = each(|i| _mm512_fmadd_pd(q6[i], r4[i], s2[i]));
    each(|i| _mm512_scalef_pd(_mm512_fmadd_pd(t1[i], r8[i], t0[i]), n[i]))
}

/// ln x lane-wise for positive normal x.
#[inline]
#[target_feature(enable = "avx512f")]
fn ln8(x: Vs) -> Vs {
    // x = m · 2^e with m in [1, 2), then into [√½, √2) so that |f| ≤ 0.1716 below.
    let m = each(|i| _mm512_getmant_pd::<_MM_MANT_NORM_1_2, _MM_MANT_SIGN_SRC>(x[i]));
    let e = each(|i| _mm512_getexp_pd(x[i]));
    let big: [u8; L] = std::array::from_fn(|i| {
        _mm512_cmp_pd_mask::<_CMP_GT_OQ>(m[i], splat(std::f64::consts::SQRT_2))
    });
    let m = each(|i| _mm512_mask_mul_pd(m[i], big[i], m[i], splat(0.5)));
    let e = each(|i| _mm512_mask_add_pd(e[i], big[i], e[i], splat(1.0)));
    // ln m = 2 atanh f = 2f (1 + s/3 + s²/5 + … + s^11/23), f = (m−1)/(m+1), s = f².
    let one = splat(1.0);
    let f = each(|i| _mm512_div_pd(_mm512_sub_pd(m[i], one), _mm512_add_pd(m[i], one)));
    let s = each(|i| _mm512_mul_pd(f[i], f[i]));
    // 1/3 + s/5 + … + s^10/23 by Estrin's scheme.
    let c = |k: u32| splat(1.0 / f64::from(2 * k + 3));
    let pair = |k: u32| each(|i| _mm512_fmadd_pd(c(k + 1), s[i], c(k)));
    let s2 = each(|i| _mm512_mul_pd(s[i], s[i]));
    let s4 = each(|i| _mm512_mul_pd(s2[i], s2[i]));
    let s8 = each(|i| _mm512_mul_pd(s4[i], s4[i]));
    let (q0, q1, q2, q3, q4) = (pair(0), pair(2), pair(4), pair(6), pair(8));
    let v0 = each(|i| _mm512_fmadd_pd(q1[i], s2[i], q0[i]));
    let v1 = each(|i| _mm512_fmadd_pd(q3[i], s2[i], q2[i]));
    let v2 = each(|i| _mm512_fmadd_pd(c(10), s2[i], q4[i]));
    let p = each(|i| _mm512_fmadd_pd(v2[i], s8[i], _mm512_fmadd_pd(v1[i], s4[i], v0[i])));
    each(|i| {
        let two_f = _mm512_add_pd(f[i], f[i]);
        let ln_m = _mm512_fmadd_pd(_mm512_mul_pd(two_f, s[i]), p[i], two_f);
        _mm512_fmadd_pd(
            e[i],
            splat(LN2_HI),
            _mm512_fmadd_pd(e[i], splat(LN2_LO), ln_m),
        )
    })
}

/// Σ w·Huber(r) and its gradient, or `None` when a row with nonzero weight is one this path
/// cannot do (the caller then takes the scalar path for the whole evaluation).
///
/// # Safety
/// The CPU must have AVX-512F ([`available`]).
#[target_feature(enable = "avx512f")]
pub unsafe fn value_and_gradient(
    theta: &Theta,
    data: &LogData,
    delta: f64,
    big_e: f64,
) -> Option<(f64, Theta)> {
    let len = data.len();
    let (a, b, alpha, beta) = (
        splat(theta[0]),
        splat(theta[1]),
        splat(theta[3]),
        splat(theta[4]),
    );
    let (e_v, d_v, neg_d, half) = (splat(big_e), splat(delta), splat(-delta), splat(0.5));
    let zero = _mm512_setzero_pd();
    let (mut f, mut g0, mut g1, mut g2, mut g3, mut g4) = (zero, zero, zero, zero, zero, zero);
    let (mut u_min, mut u_max) = (splat(0.0), splat(0.0));
    let mut start = 0;
    while start < len {
        // Which lanes of each vector hold rows.
        let live: [u8; L] = std::array::from_fn(|i| {
            let k = len.saturating_sub(start + 8 * i).min(8);
            if k == 8 {
                0xff
            } else {
                (1u8 << k) - 1
            }
        });
        // SAFETY: lanes past `len` are masked off, so nothing beyond the slices is read.
        let load = |v: &[f64]| {
            each(|i| unsafe {
                _mm512_maskz_loadu_pd(live[i], v.as_ptr().add((start + 8 * i).min(len)))
            })
        };
        let (ln_n, ln_d, ln_l, w) = (
            load(&data.ln_n),
            load(&data.ln_d),
            load(&data.ln_l),
            load(&data.weight),
        );
        let u0 = each(|i| _mm512_fnmadd_pd(alpha, ln_n[i], a));
        let u1 = each(|i| _mm512_fnmadd_pd(beta, ln_d[i], b));
        // The exponents' extremes, checked once after the loop (lanes past `len` add a and b
        // themselves: at worst a needless trip to the scalar path).
        for i in 0..L {
            u_min = _mm512_min_pd(u_min, _mm512_min_pd(u0[i], u1[i]));
            u_max = _mm512_max_pd(u_max, _mm512_max_pd(u0[i], u1[i]));
        }
        let t0 = exp8(u0);
        let t1 = exp8(u1);
        // With E ≥ SUM_MIN and both e^u ≤ e^709, s is a finite positive normal.
        let s = each(|i| _mm512_add_pd(_mm512_add_pd(e_v, t0[i]), t1[i]));
        let inv = each(|i| _mm512_div_pd(splat(1.0), s[i]));
        let ln_s = ln8(s);
        for i in 0..L {
            let w = w[i];
            let r = _mm512_sub_pd(ln_s[i], ln_l[i]);
            // With c = clamp(r, −δ, δ) = Huber'(r), Huber(r) = c (r − c/2): r²/2 inside ±δ,
            // δ(|r| − δ/2) outside.
            let c = _mm512_min_pd(_mm512_max_pd(r, neg_d), d_v);
            let h = _mm512_mul_pd(w, c);
            f = _mm512_fmadd_pd(h, _mm512_fnmadd_pd(half, c, r), f);
            // The softmax weights are t0/s, t1/s, E/s.
            let q = _mm512_mul_pd(h, inv[i]);
            let (q0, q1) = (_mm512_mul_pd(q, t0[i]), _mm512_mul_pd(q, t1[i]));
            g0 = _mm512_add_pd(g0, q0);
            g1 = _mm512_add_pd(g1, q1);
            g2 = _mm512_add_pd(g2, q);
            g3 = _mm512_fnmadd_pd(q0, ln_n[i], g3);
            g4 = _mm512_fnmadd_pd(q1, ln_d[i], g4);
        }
        start += 8 * L;
    }
    let in_range = _mm512_reduce_min_pd(u_min) >= EXP_MIN && _mm512_reduce_max_pd(u_max) <= EXP_MAX;
    let f = _mm512_reduce_add_pd(f);
    // A NaN anywhere (θ or data) ends in f or the gradient; min and max would have hidden it.
    if !(in_range && f.is_finite() && big_e >= SUM_MIN) {
        return None;
    }
    let g = [
        _mm512_reduce_add_pd(g0),
        _mm512_reduce_add_pd(g1),
        big_e * _mm512_reduce_add_pd(g2),
        _mm512_reduce_add_pd(g3),
        _mm512_reduce_add_pd(g4),
    ];
    g.iter().all(|v| v.is_finite()).then_some((f, g))
}

#[cfg(test)]
mod tests {
    use super::super::objective::{value_and_gradient_avx512, value_and_gradient_plain};
    use super::*;
    use crate::fit::{example::example_csv, parse_runs, SplitMix64};

    /// Relative distance in units of 2^-52 (absolute near zero, where ln x is tiny).
    fn ulps(got: f64, want: f64) -> f64 {
        (got - want).abs() / want.abs().max(1e-16) / f64::EPSILON
    }

    #[test]
    fn kernels_are_within_two_ulp_of_std() {
        if !available() {
            eprintln!("no AVX-512 on this CPU: nothing to check");
            return;
        }
        // A second implementation: std's e^x and ln x over a deterministic sweep.
        let (mut worst_exp, mut worst_ln) = (0.0f64, 0.0f64);
        for k in 0..20_000 {
            let xs: [f64; 8 * L] = std::array::from_fn(|j| {
                let t = f64::from(k * 8 * L as u32 + j as u32) / f64::from(20_000 * 8 * L as u32);
                EXP_MIN + (EXP_MAX - EXP_MIN) * t
            });
            let ys: [f64; 8 * L] = xs.map(|x| (x / 2.3).exp());
            let load = |v: &[f64; 8 * L]| {
                std::array::from_fn::<_, L, _>(|i| unsafe {
                    std::arch::x86_64::_mm512_loadu_pd(v.as_ptr().add(8 * i))
                })
            };
            let store = |v: Vs| {
                let mut out = [0.0; 8 * L];
                for (i, x) in v.iter().enumerate() {
                    unsafe { std::arch::x86_64::_mm512_storeu_pd(out.as_mut_ptr().add(8 * i), *x) };
                }
                out
            };
            // SAFETY: the CPU has AVX-512F (checked above).
            let (e, l) = unsafe { (store(exp8(load(&xs))), store(ln8(load(&ys)))) };
            for j in 0..8 * L {
                worst_exp = worst_exp.max(ulps(e[j], xs[j].exp()));
                worst_ln = worst_ln.max(ulps(l[j], ys[j].ln()));
            }
        }
        assert!(worst_exp <= 2.0, "e^x: {worst_exp} ulp");
        assert!(worst_ln <= 2.0, "ln x: {worst_ln} ulp");
    }

    #[test]
    fn agrees_with_the_plain_path_on_every_row_count_and_weighting() {
        if !available() {
            eprintln!("no AVX-512 on this CPU: nothing to check");
            return;
        }
        // Second method: the plain block-wise path (scalar sums, other e^x / ln x kernels).
        let runs = parse_runs(&example_csv(3)).expect("example parses").runs;
        let all = LogData::from_runs(&runs);
        let mut rng = SplitMix64::new(11);
        let thetas = [
            [406.4f64.ln(), 410.7f64.ln(), 1.69f64.ln(), 0.34, 0.28],
            [6.0, 6.2, 0.5, 0.34, 0.28],
            [0.0, 25.0, -1.0, 0.0, 2.0],
            [20.0, 5.0, 1.0, 1.5, 0.1],
        ];
        for len in (1..=40).chain([all.len()]) {
            let mut data = LogData {
                ln_n: all.ln_n[..len].to_vec(),
                ln_d: all.ln_d[..len].to_vec(),
                ln_l: all.ln_l[..len].to_vec(),
                weight: vec![1.0; len],
            };
            // Bootstrap-like multiplicities, zeros included, on every other row count.
            if len % 2 == 0 {
                data.weight = (0..len).map(|_| (rng.next_f64() * 3.0).floor()).collect();
            }
            for theta in &thetas {
                for delta in [1e-3, 1.0] {
                    let (f, g) = value_and_gradient_avx512(theta, &data, delta)
                        .expect("every row is in range");
                    let (pf, pg) = value_and_gradient_plain(theta, &data, delta);
                    // Bound on Σ|terms|: each row adds at most w δ (1 + |ln N| + |ln D|).
                    let scale: f64 = (0..len)
                        .map(|i| {
                            data.weight[i] * delta * (1.0 + data.ln_n[i].abs() + data.ln_d[i].abs())
                        })
                        .sum();
                    assert!(
                        (f - pf).abs() <= 1e-13 * pf.abs() + 1e-300,
                        "len {len}: {f} vs {pf}"
                    );
                    for k in 0..5 {
                        assert!(
                            (g[k] - pg[k]).abs() <= 1e-13 * scale,
                            "len {len} θ {theta:?} k {k}: {} vs {}",
                            g[k],
                            pg[k]
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn rows_it_cannot_do_go_to_the_plain_path() {
        if !available() {
            eprintln!("no AVX-512 on this CPU: nothing to check");
            return;
        }
        let runs = parse_runs(&example_csv(3)).expect("example parses").runs;
        let data = LogData::from_runs(&runs);
        // e^(a − α ln N) overflows; E underflows; a NaN coordinate.
        for theta in [
            [800.0, 6.2, 0.5, 0.1, 0.28],
            [6.0, 6.2, -800.0, 0.34, 0.28],
            [6.0, f64::NAN, 0.5, 0.34, 0.28],
        ] {
            assert_eq!(value_and_gradient_avx512(&theta, &data, 1e-3), None);
            let (f, g) = crate::fit::objective::value_and_gradient(&theta, &data, 1e-3);
            let (pf, pg) = value_and_gradient_plain(&theta, &data, 1e-3);
            assert!(f.to_bits() == pf.to_bits() && g.map(f64::to_bits) == pg.map(f64::to_bits));
        }
    }
}
