//! Eight lanes with AVX-512F: `vgetmantpd` / `vgetexppd` for frexp, `vscalefpd` for 2^n.

use std::arch::x86_64::{
    __m512d, _mm512_add_pd, _mm512_cmp_pd_mask, _mm512_div_pd, _mm512_fmadd_pd, _mm512_fnmadd_pd,
    _mm512_getexp_pd, _mm512_getmant_pd, _mm512_loadu_pd, _mm512_mask_add_pd, _mm512_mask_mul_pd,
    _mm512_max_pd, _mm512_min_pd, _mm512_mul_pd, _mm512_reduce_add_pd, _mm512_reduce_max_pd,
    _mm512_reduce_min_pd, _mm512_roundscale_pd, _mm512_scalef_pd, _mm512_set1_pd, _mm512_sub_pd,
    _CMP_GT_OQ, _MM_FROUND_NO_EXC, _MM_FROUND_TO_NEAREST_INT, _MM_MANT_NORM_1_2, _MM_MANT_SIGN_SRC,
};

use super::Lanes;

pub(super) struct Avx512;

// SAFETY: every method is one or two AVX-512F intrinsics; `available` checks for AVX-512F.
unsafe impl Lanes for Avx512 {
    const WIDTH: usize = 8;
    type V = __m512d;
    fn available() -> bool {
        std::arch::is_x86_feature_detected!("avx512f")
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn splat(x: f64) -> __m512d {
        _mm512_set1_pd(x)
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn load(p: *const f64) -> __m512d {
        unsafe { _mm512_loadu_pd(p) }
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn add(a: __m512d, b: __m512d) -> __m512d {
        _mm512_add_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn sub(a: __m512d, b: __m512d) -> __m512d {
        _mm512_sub_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn mul(a: __m512d, b: __m512d) -> __m512d {
        _mm512_mul_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn div(a: __m512d, b: __m512d) -> __m512d {
        _mm512_div_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn min(a: __m512d, b: __m512d) -> __m512d {
        _mm512_min_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn max(a: __m512d, b: __m512d) -> __m512d {
        _mm512_max_pd(a, b)
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn fmadd(a: __m512d, b: __m512d, c: __m512d) -> __m512d {
        _mm512_fmadd_pd(a, b, c)
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn fnmadd(a: __m512d, b: __m512d, c: __m512d) -> __m512d {
        _mm512_fnmadd_pd(a, b, c)
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn round(x: __m512d) -> __m512d {
        _mm512_roundscale_pd::<{ _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC }>(x)
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn scale(p: __m512d, n: __m512d) -> __m512d {
        _mm512_scalef_pd(p, n)
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn frexp(x: __m512d) -> (__m512d, __m512d) {
        (
            _mm512_getmant_pd::<_MM_MANT_NORM_1_2, _MM_MANT_SIGN_SRC>(x),
            _mm512_getexp_pd(x),
        )
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn halve_above_sqrt2(m: __m512d, e: __m512d) -> (__m512d, __m512d) {
        let big = _mm512_cmp_pd_mask::<_CMP_GT_OQ>(m, _mm512_set1_pd(std::f64::consts::SQRT_2));
        (
            _mm512_mask_mul_pd(m, big, m, _mm512_set1_pd(0.5)),
            _mm512_mask_add_pd(e, big, e, _mm512_set1_pd(1.0)),
        )
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn reduce_add(x: __m512d) -> f64 {
        _mm512_reduce_add_pd(x)
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn reduce_min(x: __m512d) -> f64 {
        _mm512_reduce_min_pd(x)
    }
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn reduce_max(x: __m512d) -> f64 {
        _mm512_reduce_max_pd(x)
    }
}
