//! e^x and ln x over slices, for the objective's rows. Natively these are polynomial kernels
//! written so the compiler vectorises them (no calls, no branches: Cody–Waite reduction and a
//! degree-13 Taylor polynomial for e^x, frexp and the atanh series of degree 23 for ln x), run
//! four lanes at a time where the CPU has AVX2: within 2 ulp of the platform's functions and
//! about 1.5–1.7× faster than calling them row by row (240 rows: e^x 0.71 against 1.2 µs). In
//! WebAssembly they are `libm`'s, one row at a time.

/// e^x for one value: the platform's natively, `libm`'s in WebAssembly.
#[inline]
pub fn exp(x: f64) -> f64 {
    #[cfg(target_arch = "wasm32")]
    return libm::exp(x);
    #[cfg(not(target_arch = "wasm32"))]
    return x.exp();
}

/// ln x for one value: the platform's natively, `libm`'s in WebAssembly.
#[inline]
pub fn ln(x: f64) -> f64 {
    #[cfg(target_arch = "wasm32")]
    return libm::log(x);
    #[cfg(not(target_arch = "wasm32"))]
    return x.ln();
}

/// `out[i] = e^x[i]`.
pub fn exp_into(x: &[f64], out: &mut [f64]) {
    #[cfg(target_arch = "wasm32")]
    for (o, &v) in out.iter_mut().zip(x) {
        *o = libm::exp(v);
    }
    #[cfg(not(target_arch = "wasm32"))]
    native::exp_into(x, out);
}

/// `out[i] = ln x[i]` for positive normal `x[i]`; others get the platform's (or `libm`'s) ln.
pub fn ln_into(x: &[f64], out: &mut [f64]) {
    #[cfg(target_arch = "wasm32")]
    for (o, &v) in out.iter_mut().zip(x) {
        *o = libm::log(v);
    }
    #[cfg(not(target_arch = "wasm32"))]
    native::ln_into(x, out);
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    /// 1.5 · 2^52: adding it rounds a double of magnitude < 2^51 to an integer in the low
    /// mantissa bits.
    const SHIFTER: f64 = 6_755_399_441_055_744.0;
    /// ln 2 in two parts (fdlibm's); `LN2_HI` has trailing zero bits so n · LN2_HI is exact for
    /// |n| < 2^11.
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    /// Where the kernel's 2^n stays a normal double.
    const EXP_MIN: f64 = -708.0;
    const EXP_MAX: f64 = 709.0;

    #[inline(always)]
    fn exp_lane(x: f64) -> f64 {
        let x = x.clamp(EXP_MIN, EXP_MAX);
        // x = n ln 2 + r, |r| ≤ ln 2 / 2.
        let k = x * std::f64::consts::LOG2_E + SHIFTER;
        let n = k - SHIFTER;
        let r = (x - n * LN2_HI) - n * LN2_LO;
        // e^r by Taylor to r^13: the remainder r^14/14! < 5e-18 for |r| ≤ 0.347.
        let mut p = 1.0 / 6_227_020_800.0;
        p = p * r + 1.0 / 479_001_600.0;
        p = p * r + 1.0 / 39_916_800.0;
        p = p * r + 1.0 / 3_628_800.0;
        p = p * r + 1.0 / 362_880.0;
        p = p * r + 1.0 / 40_320.0;
        p = p * r + 1.0 / 5_040.0;
        p = p * r + 1.0 / 720.0;
        p = p * r + 1.0 / 120.0;
        p = p * r + 1.0 / 24.0;
        p = p * r + 1.0 / 6.0;
        p = p * r + 0.5;
        p = p * r + 1.0;
        p = p * r + 1.0;
        // 2^n from n's bits in k: n + 1023 in the exponent field.
        let n_bits = k.to_bits().wrapping_sub(SHIFTER.to_bits());
        let scale = f64::from_bits(n_bits.wrapping_add(1023) << 52);
        p * scale
    }

    #[inline(always)]
    fn ln_lane(x: f64) -> f64 {
        let bits = x.to_bits();
        // x = m · 2^e with m in [1, 2); the biased exponent becomes a double exactly through
        // the 2^52 trick (no integer-to-float instruction needed).
        let biased = (bits >> 52) & 0x7ff;
        let mut e =
            f64::from_bits(0x4330_0000_0000_0000 | biased) - 4_503_599_627_370_496.0 - 1023.0;
        let mut m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
        // Into [√½, √2), so that |f| ≤ 0.1716 below.
        let big = m > std::f64::consts::SQRT_2;
        m = if big { m * 0.5 } else { m };
        e += if big { 1.0 } else { 0.0 };
        // ln m = 2 atanh f = 2f (1 + s/3 + s²/5 + … + s^11/23), f = (m−1)/(m+1), s = f²;
        // the next term is below 1e-18 for s ≤ 0.0295.
        let f = (m - 1.0) / (m + 1.0);
        let s = f * f;
        let mut p = 1.0 / 23.0;
        p = p * s + 1.0 / 21.0;
        p = p * s + 1.0 / 19.0;
        p = p * s + 1.0 / 17.0;
        p = p * s + 1.0 / 15.0;
        p = p * s + 1.0 / 13.0;
        p = p * s + 1.0 / 11.0;
        p = p * s + 1.0 / 9.0;
        p = p * s + 1.0 / 7.0;
        p = p * s + 1.0 / 5.0;
        p = p * s + 1.0 / 3.0;
        let ln_m = 2.0 * f + 2.0 * f * s * p;
        e * LN2_HI + (ln_m + e * LN2_LO)
    }

    #[inline(always)]
    fn exp_loop(x: &[f64], out: &mut [f64]) {
        for (o, &v) in out.iter_mut().zip(x) {
            *o = exp_lane(v);
        }
    }

    #[inline(always)]
    fn ln_loop(x: &[f64], out: &mut [f64]) {
        for (o, &v) in out.iter_mut().zip(x) {
            *o = ln_lane(v);
        }
    }

    /// The same loops compiled for AVX2, four lanes at a time.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn exp_loop_avx2(x: &[f64], out: &mut [f64]) {
        exp_loop(x, out);
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn ln_loop_avx2(x: &[f64], out: &mut [f64]) {
        ln_loop(x, out);
    }

    /// And for AVX-512, eight lanes at a time.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f")]
    fn exp_loop_avx512(x: &[f64], out: &mut [f64]) {
        exp_loop(x, out);
    }

    fn avx512() -> bool {
        #[cfg(target_arch = "x86_64")]
        return std::arch::is_x86_feature_detected!("avx512f");
        #[cfg(not(target_arch = "x86_64"))]
        return false;
    }

    fn avx2() -> bool {
        #[cfg(target_arch = "x86_64")]
        return std::arch::is_x86_feature_detected!("avx2");
        #[cfg(not(target_arch = "x86_64"))]
        return false;
    }

    /// Each kernel's results on every path this CPU has (plain, AVX2, AVX-512), for the tests.
    #[cfg(test)]
    pub(super) fn by_path(x: &[f64]) -> Vec<(Vec<f64>, Vec<f64>)> {
        let run = |e: &dyn Fn(&[f64], &mut [f64]), l: &dyn Fn(&[f64], &mut [f64])| {
            let (mut a, mut b) = (vec![0.0; x.len()], vec![0.0; x.len()]);
            e(x, &mut a);
            l(x, &mut b);
            (a, b)
        };
        let mut out = vec![run(&exp_loop, &ln_loop)];
        #[cfg(target_arch = "x86_64")]
        {
            // SAFETY: each path runs only where the CPU has its instructions.
            if avx2() {
                out.push(run(
                    &|x, o| unsafe { exp_loop_avx2(x, o) },
                    &|x, o| unsafe { ln_loop_avx2(x, o) },
                ));
            }
            if avx512() {
                out.push(run(&|x, o| unsafe { exp_loop_avx512(x, o) }, &ln_loop));
            }
        }
        out
    }

    pub fn exp_into(x: &[f64], out: &mut [f64]) {
        if avx512() {
            // SAFETY: the CPU has AVX-512F (checked just above).
            #[cfg(target_arch = "x86_64")]
            unsafe {
                exp_loop_avx512(x, out);
            }
        } else if avx2() {
            // SAFETY: the CPU has AVX2 (checked just above).
            #[cfg(target_arch = "x86_64")]
            unsafe {
                exp_loop_avx2(x, out);
            }
        } else {
            exp_loop(x, out);
        }
        // Outside the kernel's range (and NaN): the platform's function.
        for (o, &v) in out.iter_mut().zip(x) {
            if !(EXP_MIN..=EXP_MAX).contains(&v) {
                *o = v.exp();
            }
        }
    }

    pub fn ln_into(x: &[f64], out: &mut [f64]) {
        if avx2() {
            // SAFETY: the CPU has AVX2 (checked just above).
            #[cfg(target_arch = "x86_64")]
            unsafe {
                ln_loop_avx2(x, out);
            }
        } else {
            ln_loop(x, out);
        }
        for (o, &v) in out.iter_mut().zip(x) {
            if !(v.is_normal() && v > 0.0) {
                *o = v.ln();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relative distance from the platform's function, in units of 2^-52.
    fn ulps(got: f64, want: f64) -> f64 {
        if got == want {
            return 0.0;
        }
        ((got - want) / want).abs() / f64::EPSILON
    }

    #[test]
    fn exp_and_ln_are_within_two_ulp_of_the_platforms() {
        // A deterministic sweep of the ranges the objective sees (and beyond), compared with
        // std's e^x and ln x (a second implementation).
        let xs: Vec<f64> = (0..200_001)
            .map(|i| -745.0 + 1455.0 * f64::from(i) / 200_000.0)
            .chain((0..20_001).map(|i| -1.0 + 2.0 * f64::from(i) / 20_000.0))
            .chain([
                0.0,
                -0.0,
                1e-300,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NAN,
            ])
            .collect();
        let mut out = vec![0.0; xs.len()];
        exp_into(&xs, &mut out);
        let mut worst = 0.0f64;
        for (&x, &y) in xs.iter().zip(&out) {
            let want = x.exp();
            if want.is_nan() {
                assert!(y.is_nan());
            } else if want == 0.0 || want.is_infinite() || want < f64::MIN_POSITIVE {
                assert_eq!(y, want, "e^{x}");
            } else {
                worst = worst.max(ulps(y, want));
            }
        }
        assert!(worst <= 2.0, "e^x: {worst} ulp");

        let ys: Vec<f64> = (0..200_001)
            .map(|i| 10f64.powf(-300.0 + 600.0 * f64::from(i) / 200_000.0))
            .chain((0..20_001).map(|i| 0.5 + f64::from(i) / 20_000.0))
            .chain([
                1.0,
                2.0,
                std::f64::consts::SQRT_2,
                5e-324,
                0.0,
                -1.0,
                f64::INFINITY,
            ])
            .collect();
        let mut out = vec![0.0; ys.len()];
        ln_into(&ys, &mut out);
        let mut worst = 0.0f64;
        for (&x, &y) in ys.iter().zip(&out) {
            let want = x.ln();
            if !want.is_finite() || want.abs() < 1e-300 {
                assert!(
                    y == want || (y.is_nan() && want.is_nan()),
                    "ln {x}: {y} vs {want}"
                );
            } else {
                // Near x = 1 ln x is tiny: measure against |ln x| + 1e-16 there.
                let err = (y - want).abs() / (want.abs().max(1e-16)) / f64::EPSILON;
                worst = worst.max(err);
            }
        }
        assert!(worst <= 2.0, "ln x: {worst} ulp");
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn every_vector_path_gives_the_plain_kernels_bits() {
        crate::fit::numerics::report_untested_simd(
            "every_vector_path_gives_the_plain_kernels_bits",
        );
        // The same operations in the same order, so 1, 4 or 8 lanes must agree exactly.
        let xs: Vec<f64> = (0..4001).map(|i| -30.0 + 0.015 * f64::from(i)).collect();
        let paths = super::native::by_path(&xs);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        for (e, l) in &paths[1..] {
            assert_eq!(bits(e), bits(&paths[0].0));
            assert_eq!(bits(l), bits(&paths[0].1));
        }
        eprintln!("{} kernel paths on this CPU agree", paths.len());
    }
}
