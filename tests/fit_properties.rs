//! Property tests: arbitrary input never panics and never yields NaN.
#![cfg(not(target_arch = "wasm32"))]

use isoflop::fit::approaches::approach3::Method;
use isoflop::fit::{approach2, fit_approach3, parse_runs, Run};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn parsing_any_text_never_panics(text in "[a-zA-Z0-9,.\\t\\n #eE+-]{0,200}") {
        if let Ok(ds) = parse_runs(&text) {
            for r in &ds.runs {
                prop_assert!(r.n_params > 0.0 && r.n_tokens > 0.0 && r.flops > 0.0 && r.loss > 0.0);
            }
        }
    }

    #[test]
    fn fits_are_finite_or_typed_errors(
        rows in prop::collection::vec((1e6f64..1e12, 1e8f64..1e13, 1.5f64..6.0), 0..12)
    ) {
        let runs: Vec<Run> = rows
            .iter()
            .enumerate()
            .map(|(i, &(n, d, l))| Run { line: i + 2, n_params: n, n_tokens: d, flops: 6.0 * n * d, loss: l, budget: None })
            .collect();
        if let Ok(fit) = fit_approach3(&runs, Method::Global, 1e-3) {
            let p = fit.params;
            for x in [p.e, p.a, p.b, p.alpha, p.beta, fit.objective] {
                prop_assert!(x.is_finite());
            }
        }
        if let Ok(fit) = approach2(&runs) {
            prop_assert!(fit.frontier.n_opt.exponent.is_finite() && fit.frontier.n_opt.coef.is_finite());
        }
    }
}
