//! Properties every law must have, checked with proptest over
//! budgets from 1e12 to 1e32 FLOPs and over hostile inputs.
#![cfg(not(target_arch = "wasm32"))]

use isoflop::law::flops::{six_nd, ModelShape};
use isoflop::law::hardware::Cluster;
use isoflop::law::quantity::{format_count, format_flops, parse_count, parse_flops};
use isoflop::law::{presets, Law, Llama3Variant};
use proptest::prelude::*;

fn all_laws() -> Vec<Law> {
    let mut laws = presets();
    laws.push(Law::llama3(Llama3Variant::Legend));
    laws
}

fn rel(a: f64, b: f64) -> f64 {
    ((a - b) / b).abs()
}

/// A budget, log-uniform over 1e12..1e32 FLOPs.
fn budget() -> impl Strategy<Value = f64> {
    (12.0..32.0f64).prop_map(|e| 10f64.powf(e))
}

/// Anything a user or a URL could hand the library.
fn hostile() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(-1e21),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        Just(5e-324),
        any::<f64>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// C = 6ND within 1e-9 relative for every allocation of every law.
    #[test]
    fn every_allocation_spends_the_budget(c in budget()) {
        for law in all_laws() {
            let a = law.allocate(c).unwrap();
            prop_assert!(rel(6.0 * a.n_params * a.n_tokens, c) < 1e-9, "{} at {c:e}", law.id);
        }
    }

    /// N_opt and D_opt both grow with C.
    #[test]
    fn more_compute_means_more_params_and_tokens(c in budget(), factor in 1.001..1000.0f64) {
        for law in all_laws() {
            let (lo, hi) = (law.allocate(c).unwrap(), law.allocate(c * factor).unwrap());
            prop_assert!(hi.n_params > lo.n_params && hi.n_tokens > lo.n_tokens, "{}", law.id);
        }
    }

    /// Allocate → invert (from N, from D, and from the predicted loss) gives the budget back.
    #[test]
    fn allocate_then_invert_round_trips(c in budget()) {
        for law in all_laws() {
            let a = law.allocate(c).unwrap();
            let from_n = law.allocation_for_params(a.n_params).unwrap();
            let from_d = law.allocation_for_tokens(a.n_tokens).unwrap();
            prop_assert!(rel(from_n.flops, c) < 1e-9, "{} N at {c:e}", law.id);
            prop_assert!(rel(from_d.flops, c) < 1e-9, "{} D at {c:e}", law.id);
            if let Ok(loss) = law.predicted_loss(&a) {
                let from_loss = law.flops_for_loss(loss).unwrap();
                prop_assert!(rel(from_loss, c) < 1e-6, "{} loss at {c:e}: {from_loss:e}", law.id);
            }
        }
    }

    /// parse(format(x)) ≈ x within three significant figures (≤ 0.5 % relative).
    #[test]
    fn parse_of_format_round_trips(e in 0.0..30.0f64) {
        let x = 10f64.powf(e);
        let count = parse_count(&format_count(x)).unwrap();
        prop_assert!(rel(count, x) <= 5e-3, "{x:e} → {} → {count:e}", format_count(x));
        let flops = parse_flops(&format_flops(x)).unwrap();
        prop_assert!(rel(flops, x) <= 5e-3, "{x:e} → {} → {flops:e}", format_flops(x));
    }

    /// No input panics, and no answer is NaN or infinite: each is an error or a positive number.
    #[test]
    fn hostile_numbers_never_panic_or_give_nan(x in hostile(), y in hostile()) {
        let ok = |r: Result<f64, _>| r.map_or(true, |v: f64| v.is_finite() && v > 0.0);
        for law in all_laws() {
            for a in [law.allocate(x), law.allocation_for_params(x), law.allocation_for_tokens(x)]
                .into_iter()
                .flatten()
            {
                prop_assert!(a.n_params.is_finite() && a.n_tokens.is_finite() && a.flops > 0.0);
            }
            prop_assert!(ok(law.loss(x, y)));
            prop_assert!(ok(law.flops_for_loss(x)));
            if let Ok(cmp) = law.compare(x, y) {
                prop_assert!(cmp.loss.is_finite() && cmp.equivalent_flops.is_finite());
            }
        }
        prop_assert!(ok(six_nd(x, y)));
        if let Ok(cluster) = Cluster::new(x, 8, 0.4) {
            prop_assert!(cluster.training_time(y).map_or(true, |t| t.device_hours.is_finite()));
            prop_assert!(ok(cluster.flops_in_days(y)));
        }
        let shape = ModelShape { n_layers: 4, d_model: 256, n_heads: 4, kv_size: 64, ffw_size: 1024, seq_len: 512, vocab_size: 32000 };
        prop_assert!(ok(shape.training_flops(x, true)));
        prop_assert!(format_count(x).chars().count() <= 12 && !format_flops(x).is_empty());
    }

    /// No text panics the parsers; what they accept is finite and positive.
    #[test]
    fn any_text_parses_or_is_rejected(text in "\\PC{0,24}") {
        prop_assert!(parse_flops(&text).map_or(true, |v| v.is_finite() && v > 0.0));
        prop_assert!(parse_count(&text).map_or(true, |v| v.is_finite() && v > 0.0));
    }
}

/// The literal 1e400 of the issue: it overflows to +∞ when typed, and is refused.
#[test]
fn one_e_400_is_refused() {
    assert!(parse_flops("1e400").is_err() && parse_count("1e400").is_err());
    let huge: f64 = "1e400".parse().unwrap();
    for law in all_laws() {
        assert!(law.allocate(huge).is_err() && law.allocation_for_params(huge).is_err());
    }
}
