use super::*;
use crate::fit::numerics::objective::{value_and_gradient, value_and_gradient_plain};
use crate::fit::{parse_runs, runs::example::example_csv, SplitMix64};

/// Relative distance in units of 2^-52 (absolute near zero, where ln x is tiny).
fn ulps(got: f64, want: f64) -> f64 {
    (got - want).abs() / want.abs().max(1e-16) / f64::EPSILON
}

/// A kernel over `L` vectors, as compiled for one instruction set.
type Kernel<S> = unsafe fn([<S as Lanes>::V; L]) -> [<S as Lanes>::V; L];

/// The worst e^x and ln x errors of S's kernels against std's over a deterministic sweep.
fn worst_ulps<S: Lanes>(exp_v: Kernel<S>, ln_v: Kernel<S>) -> (f64, f64) {
    let w = S::WIDTH;
    let count = 20_000 * w * L;
    let xs: Vec<f64> = (0..count)
        .map(|j| EXP_MIN + (EXP_MAX - EXP_MIN) * j as f64 / count as f64)
        .collect();
    let ys: Vec<f64> = xs.iter().map(|x| (x / 2.3).exp()).collect();
    let (mut worst_exp, mut worst_ln) = (0.0f64, 0.0f64);
    for (x, y) in xs.chunks(w * L).zip(ys.chunks(w * L)) {
        // SAFETY: called only where S's instructions exist; every chunk holds w · L values.
        let (e, l) = unsafe {
            let load = |v: &[f64]| std::array::from_fn(|i| S::load(v.as_ptr().add(w * i)));
            (exp_v(load(x)), ln_v(load(y)))
        };
        for i in 0..L {
            // SAFETY: as above; one lane at a time through a vector of that value.
            let lanes = |v: S::V| {
                let mut out = [0.0; 8];
                for (k, o) in out.iter_mut().enumerate().take(w) {
                    let mut pick = [0.0; 8];
                    pick[k] = 1.0;
                    *o = unsafe { S::reduce_add(S::mul(v, S::load(pick.as_ptr()))) };
                }
                out
            };
            let (ei, li) = (lanes(e[i]), lanes(l[i]));
            for k in 0..w {
                worst_exp = worst_exp.max(ulps(ei[k], x[w * i + k].exp()));
                worst_ln = worst_ln.max(ulps(li[k], y[w * i + k].ln()));
            }
        }
    }
    (worst_exp, worst_ln)
}

#[test]
fn kernels_are_within_two_ulp_of_std() {
    crate::fit::numerics::report_untested_simd("kernels_are_within_two_ulp_of_std");
    // A second implementation: std's e^x and ln x.
    let mut checked = Vec::new();
    if avx512::Avx512::available() {
        checked.push((
            "AVX-512",
            worst_ulps::<avx512::Avx512>(avx512_kernels::exp_v, avx512_kernels::ln_v),
        ));
    }
    if avx2::Avx2::available() {
        checked.push((
            "AVX2",
            worst_ulps::<avx2::Avx2>(avx2_kernels::exp_v, avx2_kernels::ln_v),
        ));
    }
    for (name, (e, l)) in &checked {
        assert!(*e <= 2.0 && *l <= 2.0, "{name}: e^x {e} ulp, ln x {l} ulp");
    }
    eprintln!("kernels checked: {checked:?}");
}

#[test]
fn agrees_with_the_plain_path_on_every_row_count_and_weighting() {
    crate::fit::numerics::report_untested_simd(
        "agrees_with_the_plain_path_on_every_row_count_and_weighting",
    );
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
    let mut paths = 0;
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
                let (pf, pg) = value_and_gradient_plain(theta, &data, delta);
                // Bound on Σ|terms|: each row adds at most w δ (1 + |ln N| + |ln D|).
                let scale: f64 = (0..len)
                    .map(|i| {
                        data.weight[i] * delta * (1.0 + data.ln_n[i].abs() + data.ln_d[i].abs())
                    })
                    .sum();
                let by = by_path(theta, &data, delta, theta[2].exp());
                paths = by.len();
                for (name, answer) in by {
                    let (f, g) = answer.expect("every row is in range");
                    assert!(
                        (f - pf).abs() <= 1e-13 * pf.abs(),
                        "{name} len {len}: {f} vs {pf}"
                    );
                    for k in 0..5 {
                        assert!(
                            (g[k] - pg[k]).abs() <= 1e-13 * scale,
                            "{name} len {len} θ {theta:?} k {k}: {} vs {}",
                            g[k],
                            pg[k]
                        );
                    }
                }
            }
        }
    }
    eprintln!("vector paths on this CPU: {paths}");
}

#[test]
fn rows_it_cannot_do_go_to_the_plain_path() {
    crate::fit::numerics::report_untested_simd("rows_it_cannot_do_go_to_the_plain_path");
    let runs = parse_runs(&example_csv(3)).expect("example parses").runs;
    let data = LogData::from_runs(&runs);
    // e^(a − α ln N) overflows; E underflows; a NaN coordinate.
    for theta in [
        [800.0, 6.2, 0.5, 0.1, 0.28],
        [6.0, 6.2, -800.0, 0.34, 0.28],
        [6.0, f64::NAN, 0.5, 0.34, 0.28],
    ] {
        for (name, answer) in by_path(&theta, &data, 1e-3, theta[2].exp()) {
            assert_eq!(answer, None, "{name}");
        }
        let (f, g) = value_and_gradient(&theta, &data, 1e-3);
        let (pf, pg) = value_and_gradient_plain(&theta, &data, 1e-3);
        assert!(f.to_bits() == pf.to_bits() && g.map(f64::to_bits) == pg.map(f64::to_bits));
    }
}
