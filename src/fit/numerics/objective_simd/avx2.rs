//! Four lanes with AVX2 and FMA: frexp and 2^n through the exponent bits.

use std::arch::x86_64::{
    __m256d, _mm256_add_epi64, _mm256_add_pd, _mm256_and_pd, _mm256_blendv_pd,
    _mm256_castpd256_pd128, _mm256_castpd_si256, _mm256_castsi256_pd, _mm256_cmp_pd, _mm256_div_pd,
    _mm256_extractf128_pd, _mm256_fmadd_pd, _mm256_fnmadd_pd, _mm256_loadu_pd, _mm256_max_pd,
    _mm256_min_pd, _mm256_mul_pd, _mm256_or_pd, _mm256_round_pd, _mm256_set1_epi64x,
    _mm256_set1_pd, _mm256_slli_epi64, _mm256_srli_epi64, _mm256_sub_epi64, _mm256_sub_pd,
    _mm_add_pd, _mm_add_sd, _mm_cvtsd_f64, _mm_max_pd, _mm_max_sd, _mm_min_pd, _mm_min_sd,
    _mm_unpackhi_pd, _CMP_GT_OQ, _MM_FROUND_NO_EXC, _MM_FROUND_TO_NEAREST_INT,
};

use super::Lanes;

pub(super) struct Avx2;

/// 1.5 · 2^52: a double of magnitude < 2^51 added to it lands as an integer in the low bits.
const SHIFTER: f64 = 6_755_399_441_055_744.0;
/// 2^52: or-ed into the exponent field, the low 52 bits read as an integer.
const TWO_52: f64 = 4_503_599_627_370_496.0;

// SAFETY: every method is AVX (AVX2 for the 64-bit integer lanes, FMA for the fused ones)
// intrinsics; `available` checks for AVX2 and FMA.
unsafe impl Lanes for Avx2 {
    const WIDTH: usize = 4;
    type V = __m256d;
    fn available() -> bool {
        std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn splat(x: f64) -> __m256d {
        _mm256_set1_pd(x)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn load(p: *const f64) -> __m256d {
        unsafe { _mm256_loadu_pd(p) }
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn add(a: __m256d, b: __m256d) -> __m256d {
        _mm256_add_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn sub(a: __m256d, b: __m256d) -> __m256d {
        _mm256_sub_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn mul(a: __m256d, b: __m256d) -> __m256d {
        _mm256_mul_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn div(a: __m256d, b: __m256d) -> __m256d {
        _mm256_div_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn min(a: __m256d, b: __m256d) -> __m256d {
        _mm256_min_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn max(a: __m256d, b: __m256d) -> __m256d {
        _mm256_max_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn fmadd(a: __m256d, b: __m256d, c: __m256d) -> __m256d {
        _mm256_fmadd_pd(a, b, c)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn fnmadd(a: __m256d, b: __m256d, c: __m256d) -> __m256d {
        _mm256_fnmadd_pd(a, b, c)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn round(x: __m256d) -> __m256d {
        _mm256_round_pd::<{ _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC }>(x)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn scale(p: __m256d, n: __m256d) -> __m256d {
        // n as a 64-bit integer (n + SHIFTER's bits minus SHIFTER's), then n + 1023 in the
        // exponent field is 2^n.
        let k = _mm256_sub_epi64(
            _mm256_castpd_si256(_mm256_add_pd(n, _mm256_set1_pd(SHIFTER))),
            _mm256_castpd_si256(_mm256_set1_pd(SHIFTER)),
        );
        let two_n = _mm256_slli_epi64::<52>(_mm256_add_epi64(k, _mm256_set1_epi64x(1023)));
        _mm256_mul_pd(p, _mm256_castsi256_pd(two_n))
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn frexp(x: __m256d) -> (__m256d, __m256d) {
        let bits = _mm256_castpd_si256(x);
        // The biased exponent becomes a double through the 2^52 trick.
        let biased = _mm256_castsi256_pd(_mm256_srli_epi64::<52>(bits));
        let e = _mm256_sub_pd(
            _mm256_or_pd(biased, _mm256_set1_pd(TWO_52)),
            _mm256_set1_pd(TWO_52 + 1023.0),
        );
        let mantissa = _mm256_castsi256_pd(_mm256_set1_epi64x(0x000f_ffff_ffff_ffff));
        let m = _mm256_or_pd(_mm256_and_pd(x, mantissa), _mm256_set1_pd(1.0));
        (m, e)
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn halve_above_sqrt2(m: __m256d, e: __m256d) -> (__m256d, __m256d) {
        let big = _mm256_cmp_pd::<_CMP_GT_OQ>(m, _mm256_set1_pd(std::f64::consts::SQRT_2));
        (
            _mm256_blendv_pd(m, _mm256_mul_pd(m, _mm256_set1_pd(0.5)), big),
            _mm256_add_pd(e, _mm256_and_pd(big, _mm256_set1_pd(1.0))),
        )
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn reduce_add(x: __m256d) -> f64 {
        let v = _mm_add_pd(_mm256_castpd256_pd128(x), _mm256_extractf128_pd::<1>(x));
        _mm_cvtsd_f64(_mm_add_sd(v, _mm_unpackhi_pd(v, v)))
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn reduce_min(x: __m256d) -> f64 {
        let v = _mm_min_pd(_mm256_castpd256_pd128(x), _mm256_extractf128_pd::<1>(x));
        _mm_cvtsd_f64(_mm_min_sd(v, _mm_unpackhi_pd(v, v)))
    }
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn reduce_max(x: __m256d) -> f64 {
        let v = _mm_max_pd(_mm256_castpd256_pd128(x), _mm256_extractf128_pd::<1>(x));
        _mm_cvtsd_f64(_mm_max_sd(v, _mm_unpackhi_pd(v, v)))
    }
}
