//! The objective and its gradient a vector of rows at a time, on native x86-64 (chosen at run
//! time): eight rows with AVX-512, four with AVX2 and FMA. One pass per block of rows, every step
//! in vector registers. e^x is the Cody–Waite reduction and degree-13 Taylor polynomial of
//! `fastmath`, ln x the same frexp and atanh series; here the polynomials use fused multiply-adds
//! by Estrin's scheme, so the results differ from the plain path by an ulp or so: native fits
//! agree with the page's to tolerance, as they already did.
//!
//! When a row is one this path cannot do exactly (e^u outside [e^-708, e^709], E below 1e-300,
//! or anything not finite), the caller takes the scalar path for the whole evaluation.

mod avx2;
mod avx512;
#[cfg(test)]
mod tests;

use crate::fit::numerics::objective::{LogData, Theta};

/// ln 2 in two parts (fdlibm's); `LN2_HI` has trailing zero bits so n · LN2_HI is exact.
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
/// Where e^u is computed here.
const EXP_MIN: f64 = -708.0;
const EXP_MAX: f64 = 709.0;
/// The smallest E this path takes (so that every sum of terms is a positive normal).
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

/// Vectors processed side by side in one step of the loop, so that the long dependency chains
/// of e^x and ln x of one vector overlap with another's.
const L: usize = 3;

/// One instruction set's vector of f64 lanes. Every method is a thin wrapper of one or a few
/// intrinsics, inlined into a function compiled for that instruction set.
///
/// # Safety
/// Each method may be called only where the CPU has the instruction set ([`Lanes::available`]).
unsafe trait Lanes {
    /// Lanes per vector.
    const WIDTH: usize;
    type V: Copy;
    fn available() -> bool;
    unsafe fn splat(x: f64) -> Self::V;
    /// `WIDTH` values from `p`.
    unsafe fn load(p: *const f64) -> Self::V;
    unsafe fn add(a: Self::V, b: Self::V) -> Self::V;
    unsafe fn sub(a: Self::V, b: Self::V) -> Self::V;
    unsafe fn mul(a: Self::V, b: Self::V) -> Self::V;
    unsafe fn div(a: Self::V, b: Self::V) -> Self::V;
    unsafe fn min(a: Self::V, b: Self::V) -> Self::V;
    unsafe fn max(a: Self::V, b: Self::V) -> Self::V;
    /// a · b + c, rounded once.
    unsafe fn fmadd(a: Self::V, b: Self::V, c: Self::V) -> Self::V;
    /// c − a · b, rounded once.
    unsafe fn fnmadd(a: Self::V, b: Self::V, c: Self::V) -> Self::V;
    /// To the nearest integer (ties to even).
    unsafe fn round(x: Self::V) -> Self::V;
    /// p · 2^n for integral n with 2^n a normal double.
    unsafe fn scale(p: Self::V, n: Self::V) -> Self::V;
    /// (m, e) with x = m · 2^e, m in [1, 2), for positive normal x.
    unsafe fn frexp(x: Self::V) -> (Self::V, Self::V);
    /// (m/2, e + 1) in the lanes where m > √2, (m, e) elsewhere.
    unsafe fn halve_above_sqrt2(m: Self::V, e: Self::V) -> (Self::V, Self::V);
    unsafe fn reduce_add(x: Self::V) -> f64;
    unsafe fn reduce_min(x: Self::V) -> f64;
    unsafe fn reduce_max(x: Self::V) -> f64;
}

/// The objective and its gradient through the widest vectors this CPU has, or `None` (no such
/// CPU, or a row this path cannot do).
pub fn value_and_gradient(
    theta: &Theta,
    data: &LogData,
    delta: f64,
    big_e: f64,
) -> Option<(f64, Theta)> {
    if avx512::Avx512::available() {
        // SAFETY: the CPU has AVX-512F (checked just above).
        unsafe { avx512_kernels::value_and_gradient(theta, data, delta, big_e) }
    } else if avx2::Avx2::available() {
        // SAFETY: the CPU has AVX2 and FMA (checked just above).
        unsafe { avx2_kernels::value_and_gradient(theta, data, delta, big_e) }
    } else {
        None
    }
}

/// The kernels below, compiled for one instruction set: `$lanes` (a [`Lanes`]) with the target
/// features `$features`, so that every closure and intrinsic inlines into one loop.
macro_rules! kernels_for {
    ($module:ident, $lanes:ty, $features:literal) => {
        pub(super) mod $module {
            use super::*;
            type S = $lanes;
            type V = <S as Lanes>::V;

            #[inline(always)]
            fn each<T: Copy>(f: impl FnMut(usize) -> T) -> [T; L] {
                std::array::from_fn(f)
            }

            /// e^x lane-wise for x in [EXP_MIN, EXP_MAX].
            #[target_feature(enable = $features)]
            #[inline]
            pub(super) unsafe fn exp_v(x: [V; L]) -> [V; L] {
                // SAFETY: the caller runs where S's instructions exist.
                unsafe {
                    // x = n ln 2 + r, |r| ≤ ln 2 / 2.
                    let n = each(|i| S::round(S::mul(x[i], S::splat(std::f64::consts::LOG2_E))));
                    let r = each(|i| S::fnmadd(n[i], S::splat(LN2_HI), x[i]));
                    let r = each(|i| S::fnmadd(n[i], S::splat(LN2_LO), r[i]));
                    // e^r by Taylor to r^13 (the remainder r^14/14! < 5e-18 for |r| ≤ 0.347),
                    // evaluated by Estrin's scheme: a dependency chain of four multiply-adds
                    // instead of thirteen.
                    let c = |k: usize| S::splat(1.0 / FACTORIALS[k]);
                    let r2 = each(|i| S::mul(r[i], r[i]));
                    let r4 = each(|i| S::mul(r2[i], r2[i]));
                    let r8 = each(|i| S::mul(r4[i], r4[i]));
                    let pair = |k: usize| each(|i| S::fmadd(c(k + 1), r[i], c(k)));
                    let (q0, q1, q2, q3, q4, q5, q6) = (
                        pair(0),
                        pair(2),
                        pair(4),
                        pair(6),
                        pair(8),
                        pair(10),
                        pair(12),
                    );
                    let s0 = each(|i| S::fmadd(q1[i], r2[i], q0[i]));
                    let s1 = each(|i| S::fmadd(q3[i], r2[i], q2[i]));
                    let s2 = each(|i| S::fmadd(q5[i], r2[i], q4[i]));
                    let t0 = each(|i| S::fmadd(s1[i], r4[i], s0[i]));
                    let t1 = each(|i| S::fmadd(q6[i], r4[i], s2[i]));
                    each(|i| S::scale(S::fmadd(t1[i], r8[i], t0[i]), n[i]))
                }
            }

            /// ln x lane-wise for positive normal x.
            #[target_feature(enable = $features)]
            #[inline]
            pub(super) unsafe fn ln_v(x: [V; L]) -> [V; L] {
                // SAFETY: the caller runs where S's instructions exist.
                unsafe {
                    // x = m · 2^e with m in [1, 2), then into [√½, √2) so that |f| ≤ 0.1716 below.
                    let me = each(|i| {
                        let (m, e) = S::frexp(x[i]);
                        let (m, e) = S::halve_above_sqrt2(m, e);
                        [m, e]
                    });
                    let (m, e) = (each(|i| me[i][0]), each(|i| me[i][1]));
                    // ln m = 2 atanh f = 2f (1 + s/3 + s²/5 + … + s^11/23), f = (m−1)/(m+1),
                    // s = f².
                    let one = S::splat(1.0);
                    let f = each(|i| S::div(S::sub(m[i], one), S::add(m[i], one)));
                    let s = each(|i| S::mul(f[i], f[i]));
                    // 1/3 + s/5 + … + s^10/23 by Estrin's scheme.
                    let c = |k: u32| S::splat(1.0 / f64::from(2 * k + 3));
                    let pair = |k: u32| each(|i| S::fmadd(c(k + 1), s[i], c(k)));
                    let s2 = each(|i| S::mul(s[i], s[i]));
                    let s4 = each(|i| S::mul(s2[i], s2[i]));
                    let s8 = each(|i| S::mul(s4[i], s4[i]));
                    let (q0, q1, q2, q3, q4) = (pair(0), pair(2), pair(4), pair(6), pair(8));
                    let v0 = each(|i| S::fmadd(q1[i], s2[i], q0[i]));
                    let v1 = each(|i| S::fmadd(q3[i], s2[i], q2[i]));
                    let v2 = each(|i| S::fmadd(c(10), s2[i], q4[i]));
                    let p = each(|i| S::fmadd(v2[i], s8[i], S::fmadd(v1[i], s4[i], v0[i])));
                    each(|i| {
                        let two_f = S::add(f[i], f[i]);
                        let ln_m = S::fmadd(S::mul(two_f, s[i]), p[i], two_f);
                        S::fmadd(
                            e[i],
                            S::splat(LN2_HI),
                            S::fmadd(e[i], S::splat(LN2_LO), ln_m),
                        )
                    })
                }
            }

            /// Σ w·Huber(r) and its gradient through `S`, or `None` when a row is one this path
            /// cannot do.
            ///
            /// # Safety
            /// The CPU must have S's instructions.
            #[target_feature(enable = $features)]
            pub(super) unsafe fn value_and_gradient(
                theta: &Theta,
                data: &LogData,
                delta: f64,
                big_e: f64,
            ) -> Option<(f64, Theta)> {
                // SAFETY: the caller runs where S's instructions exist; loads stay inside the
                // slices (full blocks) or read the zero-padded copy (the last, partial one).
                unsafe {
                    let len = data.len();
                    let (a, b, alpha, beta) = (
                        S::splat(theta[0]),
                        S::splat(theta[1]),
                        S::splat(theta[3]),
                        S::splat(theta[4]),
                    );
                    let (e_v, d_v, neg_d, half) = (
                        S::splat(big_e),
                        S::splat(delta),
                        S::splat(-delta),
                        S::splat(0.5),
                    );
                    let zero = S::splat(0.0);
                    let (mut f, mut g0, mut g1, mut g2, mut g3, mut g4) =
                        (zero, zero, zero, zero, zero, zero);
                    let (mut u_min, mut u_max) = (zero, zero);
                    // Rows are read a block of L vectors at a time; the last, partial block
                    // from zero-padded copies (weight 0: the padding adds nothing).
                    let block = S::WIDTH * L;
                    let full = len - len % block;
                    let columns = [&data.ln_n, &data.ln_d, &data.ln_l, &data.weight];
                    let mut tail = [[0.0; 8 * L]; 4];
                    for (t, v) in tail.iter_mut().zip(columns) {
                        t[..len - full].copy_from_slice(&v[full..]);
                    }
                    let mut start = 0;
                    while start < len {
                        let from: [*const f64; 4] = if start < full {
                            columns.map(|v| v.as_ptr().add(start))
                        } else {
                            [0, 1, 2, 3].map(|k| tail[k].as_ptr())
                        };
                        let column = |k: usize| each(|i| S::load(from[k].add(S::WIDTH * i)));
                        let (ln_n, ln_d, ln_l, w) = (column(0), column(1), column(2), column(3));
                        let u0 = each(|i| S::fnmadd(alpha, ln_n[i], a));
                        let u1 = each(|i| S::fnmadd(beta, ln_d[i], b));
                        // The exponents' extremes, checked once after the loop (padding lanes add
                        // a and b themselves: at worst a needless trip to the scalar path).
                        for i in 0..L {
                            u_min = S::min(u_min, S::min(u0[i], u1[i]));
                            u_max = S::max(u_max, S::max(u0[i], u1[i]));
                        }
                        let t0 = exp_v(u0);
                        let t1 = exp_v(u1);
                        // With E ≥ SUM_MIN and both e^u ≤ e^709, s is a finite positive normal.
                        let s = each(|i| S::add(S::add(e_v, t0[i]), t1[i]));
                        let inv = each(|i| S::div(S::splat(1.0), s[i]));
                        let ln_s = ln_v(s);
                        for i in 0..L {
                            let r = S::sub(ln_s[i], ln_l[i]);
                            // With c = clamp(r, −δ, δ) = Huber'(r), Huber(r) = c (r − c/2):
                            // r²/2 inside ±δ, δ(|r| − δ/2) outside.
                            let c = S::min(S::max(r, neg_d), d_v);
                            let h = S::mul(w[i], c);
                            f = S::fmadd(h, S::fnmadd(half, c, r), f);
                            // The softmax weights are t0/s, t1/s, E/s.
                            let q = S::mul(h, inv[i]);
                            let (q0, q1) = (S::mul(q, t0[i]), S::mul(q, t1[i]));
                            g0 = S::add(g0, q0);
                            g1 = S::add(g1, q1);
                            g2 = S::add(g2, q);
                            g3 = S::fnmadd(q0, ln_n[i], g3);
                            g4 = S::fnmadd(q1, ln_d[i], g4);
                        }
                        start += block;
                    }
                    let in_range =
                        S::reduce_min(u_min) >= EXP_MIN && S::reduce_max(u_max) <= EXP_MAX;
                    let f = S::reduce_add(f);
                    // A NaN anywhere (θ or data) ends in f or the gradient (min and max may
                    // have hidden it).
                    if !(in_range && f.is_finite() && big_e >= SUM_MIN) {
                        return None;
                    }
                    let g = [
                        S::reduce_add(g0),
                        S::reduce_add(g1),
                        big_e * S::reduce_add(g2),
                        S::reduce_add(g3),
                        S::reduce_add(g4),
                    ];
                    g.iter().all(|v| v.is_finite()).then_some((f, g))
                }
            }
        }
    };
}

kernels_for!(avx512_kernels, avx512::Avx512, "avx512f");
kernels_for!(avx2_kernels, avx2::Avx2, "avx2,fma");

/// Each instruction set this CPU has, by name, with its answer (for the tests).
#[cfg(test)]
fn by_path(
    theta: &Theta,
    data: &LogData,
    delta: f64,
    big_e: f64,
) -> Vec<(&'static str, Option<(f64, Theta)>)> {
    let mut out = Vec::new();
    if avx512::Avx512::available() {
        // SAFETY: the CPU has AVX-512F (checked just above).
        out.push(("AVX-512", unsafe {
            avx512_kernels::value_and_gradient(theta, data, delta, big_e)
        }));
    }
    if avx2::Avx2::available() {
        // SAFETY: the CPU has AVX2 and FMA (checked just above).
        out.push(("AVX2", unsafe {
            avx2_kernels::value_and_gradient(theta, data, delta, big_e)
        }));
    }
    out
}
