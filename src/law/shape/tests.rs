//! Unit checks of the shape layer: validation field by field, hand-counted small shapes,
//! memory arithmetic and the suggestion's rules. Paper tables are checked in
//! tests/law_shapes.rs.

use super::*;

/// Llama 3 8B's shape (Dubey et al. 2024, Table 3), as a base to break field by field.
fn good() -> ShapeSpec {
    ShapeSpec {
        layers: 32,
        d_model: 4096,
        heads: 32,
        kv_heads: Some(8),
        head_size: None,
        ffn: 14_336,
        gated: true,
        vocab: 128_256,
        context: 8192,
        tied_embeddings: false,
        position: Position::None,
        bias: Bias::None,
        norm: Norm::RmsNorm,
    }
}

fn fields(spec: ShapeSpec) -> Vec<&'static str> {
    match spec.build() {
        Ok(_) => Vec::new(),
        Err(e) => e.errors().iter().map(|f| f.field.id()).collect(),
    }
}

#[test]
fn a_good_shape_builds_and_round_trips_through_its_spec() {
    let shape = good().build().unwrap();
    assert_eq!(shape.head_size(), 128);
    assert_eq!(shape.spec().build().unwrap(), shape);
}

/// Each bad field is refused under its own id, with a message saying what is accepted.
#[test]
fn bad_fields_are_refused_one_by_one() {
    let cases: [(ShapeSpec, &str, &str); 10] = [
        (
            ShapeSpec {
                layers: 0,
                ..good()
            },
            "layers",
            "from 1 to 1024",
        ),
        (
            ShapeSpec {
                layers: 5000,
                ..good()
            },
            "layers",
            "from 1 to 1024",
        ),
        (
            ShapeSpec {
                d_model: 0,
                ..good()
            },
            "d_model",
            "from 1 to 131072",
        ),
        (
            ShapeSpec {
                heads: 24,
                ..good()
            },
            "heads",
            "4096 / 24 is not whole",
        ),
        (
            ShapeSpec {
                kv_heads: Some(5),
                ..good()
            },
            "kv_heads",
            "divide heads",
        ),
        (
            ShapeSpec {
                kv_heads: Some(64),
                ..good()
            },
            "kv_heads",
            "from 1 to heads",
        ),
        (
            ShapeSpec {
                head_size: Some(0),
                ..good()
            },
            "head_size",
            "from 1 to 1024",
        ),
        (ShapeSpec { ffn: 0, ..good() }, "ffn", "from 1 to 1048576"),
        (
            ShapeSpec {
                vocab: u64::MAX,
                ..good()
            },
            "vocab",
            "from 1 to 16777216",
        ),
        (
            ShapeSpec {
                context: 1 << 40,
                ..good()
            },
            "context",
            "from 1 to 16777216",
        ),
    ];
    for (spec, field, accepted) in cases {
        let err = spec.build().unwrap_err();
        assert_eq!(err.errors().len(), 1, "{field}: {err}");
        assert_eq!(err.errors()[0].field.id(), field);
        assert!(
            err.errors()[0].message().contains(accepted),
            "{field}: {err}"
        );
    }
}

/// Several wrong fields are all reported, in field order; heads that do not divide d_model are
/// fine once the head size is given (Table A9's 3,530M row: 22 heads of 128 in d_model 2688).
#[test]
fn every_wrong_field_is_reported_and_explicit_head_size_allows_any_heads() {
    let spec = ShapeSpec {
        layers: 0,
        vocab: 0,
        context: 0,
        kv_heads: Some(3),
        ..good()
    };
    assert_eq!(fields(spec), ["layers", "kv_heads", "vocab", "context"]);
    let a9 = ShapeSpec {
        d_model: 2688,
        heads: 22,
        head_size: Some(128),
        kv_heads: None,
        ..good()
    };
    assert!(a9.build().is_ok());
    // Zero heads: one error on heads, none invented for kv_heads or head_size.
    assert_eq!(fields(ShapeSpec { heads: 0, ..good() }), ["heads"]);
    // One head over d_model 131072 would be 131072 wide: refused under heads, which was typed.
    let wide = ShapeSpec {
        d_model: 131_072,
        heads: 1,
        kv_heads: None,
        ..good()
    };
    assert_eq!(fields(wide), ["heads"]);
}

/// The tiny shape of the App. F hand count (L 1, d 4, H 2, k 2, ffw 8, S 3, V 10): params
/// 4·4·4 + 2·4·8 = 128 plus 40 embedding; forward 1446 FLOPs per sequence with embeddings, so
/// 3·1446/3 = 1446 per training token, and 1206 − 240 (the final logits) = 966 without either.
#[test]
fn tiny_shape_by_hand() {
    let shape = ShapeSpec {
        layers: 1,
        d_model: 4,
        heads: 2,
        kv_heads: None,
        head_size: Some(2),
        ffn: 8,
        gated: false,
        vocab: 10,
        context: 3,
        tied_embeddings: true,
        position: Position::None,
        bias: Bias::None,
        norm: Norm::None,
    }
    .build()
    .unwrap();
    let p = shape.params();
    assert_eq!((p.total, p.non_embedding, p.embedding), (168, 128, 40));
    assert_eq!(Convention::Chinchilla.flops_per_token(&shape), 1446.0);
    assert_eq!(
        Convention::ChinchillaNoEmbedding.flops_per_token(&shape),
        966.0
    );
    assert_eq!(Convention::SixN.flops_per_token(&shape), 1008.0);
    // Kaplan: 6·128 + 6·1·3·4 = 840. DeepSeek: 72·16 + 12·4·3 = 1296. PaLM: 1008 + 12·4·3 = 1152.
    assert_eq!(Convention::Kaplan.flops_per_token(&shape), 840.0);
    assert_eq!(Convention::DeepSeek.flops_per_token(&shape), 1296.0);
    assert_eq!(Convention::Palm.flops_per_token(&shape), 1152.0);
}

/// GQA, gated FFN, QKV biases, RMSNorm, untied, by hand: L 2, d 8, 4 heads of 2, 2 KV heads,
/// ffn 16, V 10. Per layer: attention 8·(2·8 + 2·4) = 192, FFN 3·8·16 = 384, biases 8 + 2·4 = 16,
/// norms 2·8 = 16: 608. Non-embedding 2·608 + 8 = 1224; embedding 2·10·8 = 160.
#[test]
fn gqa_gated_shape_by_hand() {
    let shape = ShapeSpec {
        layers: 2,
        d_model: 8,
        heads: 4,
        kv_heads: Some(2),
        head_size: None,
        ffn: 16,
        gated: true,
        vocab: 10,
        context: 5,
        tied_embeddings: false,
        position: Position::None,
        bias: Bias::Qkv,
        norm: Norm::RmsNorm,
    }
    .build()
    .unwrap();
    let p = shape.params();
    assert_eq!((p.total, p.non_embedding, p.embedding), (1384, 1224, 160));
    // App. F per layer per token: QKV 2·8·(8 + 2·4) = 256, logits 2·5·8 = 80, softmax 3·4·5 = 60,
    // softmax@V 80, out 2·8·8 = 128, dense 2·3·8·16 = 768: 1372; ×2 layers, ×3 = 8232.
    assert_eq!(
        Convention::ChinchillaNoEmbedding.flops_per_token(&shape),
        8232.0
    );
    // Plus embeddings and logits 2·10·8 each per token, ×3: 8232 + 960 = 9192.
    assert_eq!(Convention::Chinchilla.flops_per_token(&shape), 9192.0);
}

/// The convention list is in the stable JSON order and every ratio is over 6N.
#[test]
fn conventions_list_is_ordered_with_ratios_to_six_n() {
    let shape = good().build().unwrap();
    let list = conventions(&shape);
    let ids: Vec<&str> = list.iter().map(|c| c.id).collect();
    assert_eq!(
        ids,
        [
            "6n",
            "6n_non_embedding",
            "kaplan",
            "chinchilla",
            "chinchilla_no_embedding",
            "deepseek",
            "palm"
        ]
    );
    assert_eq!(list[0].ratio_to_6n, 1.0);
    for c in &list {
        assert!((c.ratio_to_6n - c.flops_per_token / list[0].flops_per_token).abs() < 1e-15);
        assert!(!c.formula.is_empty() && !c.citation.is_empty() && !c.label.is_empty());
        assert_eq!(Convention::from_id(c.id).map(Convention::id), Some(c.id));
    }
}

/// ZeRO arithmetic by hand (Rajbhandari et al. 2020, §3.1 and Fig. 1: 2 + 2 + 12 bytes).
/// 70e9 parameters, mixed-precision Adam: 1.12e12 bytes. Fully sharded on 80 GB devices:
/// ⌈1.12e12 / 8e10⌉ = 14. ZeRO-1 keeps 4 B/param whole: 2.8e11 > 8e10, never fits. ZeRO-2 keeps
/// 2 B/param: 1.4e11 > 8e10, never fits. 1e9 parameters under ZeRO-1: room 8e10 − 4e9 = 7.6e10
/// for 1.2e10 sharded bytes: one device; unsharded 1.6e10 ≤ 8e10: one device.
#[test]
fn memory_by_hand() {
    let plan = model_state(70e9, Recipe::MixedAdam, Sharding::Zero3, 14).unwrap();
    assert_eq!(plan.total_bytes, 1.12e12);
    assert_eq!(plan.per_device_bytes, 8e10);
    let fit = |n, s| fewest_devices(n, Recipe::MixedAdam, s, 80e9).unwrap();
    assert_eq!(fit(70e9, Sharding::Zero3), Some(14));
    assert_eq!(fit(70e9, Sharding::Zero1), None);
    assert_eq!(fit(70e9, Sharding::Zero2), None);
    assert_eq!(fit(70e9, Sharding::None), None);
    assert_eq!(fit(1e9, Sharding::Zero1), Some(1));
    assert_eq!(fit(1e9, Sharding::None), Some(1));
    // 7e9 under ZeRO-1: room 8e10 − 2.8e10 = 5.2e10 for 8.4e10 sharded: ⌈1.615⌉ = 2.
    assert_eq!(fit(7e9, Sharding::Zero1), Some(2));
    let bytes: Vec<f64> = Recipe::ALL.iter().map(|r| r.bytes().total()).collect();
    assert_eq!(bytes, [16.0, 16.0, 8.0, 10.0, 2.0]);
    assert!(model_state(f64::NAN, Recipe::MixedAdam, Sharding::None, 1).is_err());
    assert!(model_state(1e9, Recipe::MixedAdam, Sharding::None, 0).is_err());
    assert!(fewest_devices(1e9, Recipe::MixedAdam, Sharding::Zero3, 0.0).is_err());
    assert_eq!(Sharding::from_id("fsdp"), Some(Sharding::Zero3));
    assert_eq!(Recipe::from_id("MIXED-ADAM"), Some(Recipe::MixedAdam));
}

/// The suggestion follows its rules: d_model a multiple of 128, heads of 64 below 1B and 128
/// from it, the template's FFN ratio rounded up to 128, and bad inputs refused by field.
#[test]
fn suggestion_rules_and_refusals() {
    let small = suggest(3e8, DEFAULT_ASPECT_RATIO, &Template::chinchilla()).unwrap();
    let large = suggest(3e10, DEFAULT_ASPECT_RATIO, &Template::llama3()).unwrap();
    assert_eq!(small.shape.head_size(), 64);
    assert_eq!(large.shape.head_size(), 128);
    for s in [&small, &large] {
        assert_eq!(s.shape.d_model() % 128, 0);
        assert!(s.deviation.abs() < 0.05, "{s:?}");
        assert_eq!(s.n_params, s.shape.params().total);
    }
    assert_eq!(small.shape.ffn(), 4 * small.shape.d_model());
    assert_eq!(large.shape.kv_heads(), 8);
    assert_eq!(large.shape.ffn() % 128, 0);
    let t = Template::chinchilla();
    let field = |r: Result<Suggestion, ShapeError>| r.unwrap_err().errors()[0].field.id();
    assert_eq!(field(suggest(f64::NAN, 75.0, &t)), "n_params");
    assert_eq!(field(suggest(-1.0, 75.0, &t)), "n_params");
    assert_eq!(field(suggest(1e9, 0.0, &t)), "aspect_ratio");
    assert_eq!(
        field(suggest(1e9, 75.0, &Template { vocab: 0, ..t })),
        "vocab"
    );
    assert_eq!(
        field(suggest(
            1e9,
            75.0,
            &Template {
                ffn_ratio: f64::INFINITY,
                ..t
            }
        )),
        "ffn_ratio"
    );
    // 1e15 at aspect ratio 4 would need about 6,000 layers: refused, not clamped.
    assert_eq!(field(suggest(1e15, 4.0, &t)), "n_params");
    // Below the smallest shape the smallest is returned, with its deviation.
    let tiny = suggest(1e3, 75.0, &t).unwrap();
    assert_eq!((tiny.shape.d_model(), tiny.shape.layers()), (128, 1));
    assert!(tiny.deviation > 1.0);
}
