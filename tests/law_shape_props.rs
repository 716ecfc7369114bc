//! Hostile inputs for model shapes. No input panics or yields a non-finite number: every spec
//! either builds, with finite positive FLOPs and counts below 2^53 (exact in f64), or is refused
//! with a message per field; every suggestion request either answers or is refused.
#![cfg(not(target_arch = "wasm32"))]

use isoflop::law::shape::{
    conventions, fewest_devices, model_state, suggest, Bias, Norm, Position, Recipe, ShapeField,
    ShapeSpec, Sharding, Template,
};
use proptest::prelude::*;

fn size() -> impl Strategy<Value = u64> {
    prop_oneof![
        Just(0_u64),
        Just(1),
        Just(u64::MAX),
        Just(1 << 20),
        Just(1 << 24),
        Just((1 << 24) + 1),
        1_u64..200_000,
        any::<u64>(),
    ]
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(-1.0),
        Just(0.0),
        Just(5e-324),
        Just(1e15),
        Just(1e16),
        1e-3..1e16f64,
        any::<f64>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn any_spec_builds_or_is_refused_by_field(
        layers in size(), d_model in size(), heads in size(), ffn in size(), vocab in size(),
        context in size(), kv in proptest::option::of(size()), k in proptest::option::of(size()),
        gated in any::<bool>(), tied in any::<bool>(),
    ) {
        let spec = ShapeSpec {
            layers, d_model, heads, kv_heads: kv, head_size: k, ffn, gated, vocab, context,
            tied_embeddings: tied, position: Position::Learned, bias: Bias::All,
            norm: Norm::LayerNorm,
        };
        match spec.build() {
            Ok(shape) => {
                prop_assert!(shape.params().total < 1 << 53);
                for c in conventions(&shape) {
                    prop_assert!(c.flops_per_token.is_finite() && c.flops_per_token > 0.0);
                    prop_assert!(c.ratio_to_6n.is_finite() && c.ratio_to_6n > 0.0);
                }
            }
            Err(e) => {
                prop_assert!(!e.errors().is_empty());
                for f in e.errors() {
                    prop_assert!(!f.message().is_empty());
                    prop_assert!(f.field != ShapeField::Params);
                }
            }
        }
    }

    #[test]
    fn any_suggestion_request_answers_or_is_refused(n in number(), aspect in number()) {
        match suggest(n, aspect, &Template::llama3()) {
            Ok(s) => {
                prop_assert!(s.deviation.is_finite());
                prop_assert!(s.flops_per_token.iter().all(|c| c.flops_per_token.is_finite()));
            }
            Err(e) => prop_assert!(!e.errors().is_empty()),
        }
        if let Ok(plan) = model_state(n, Recipe::MixedAdam, Sharding::Zero2, 8) {
            prop_assert!(plan.per_device_bytes.is_finite());
        }
        let _ = fewest_devices(n, Recipe::Fp32Adam, Sharding::Zero1, aspect * 1e9);
    }
}
