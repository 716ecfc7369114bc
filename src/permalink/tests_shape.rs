//! The model-shape section's keys: presets, typed shapes with their flags, one notice per bad
//! value, and the rule that typing a preset's own shape keeps the preset.

use super::tests_notices::notice;
use super::*;
use crate::law::shape::{
    Bias, Convention, Norm, Position, Shape, ShapeSpec, Sharding, DEFAULT_ASPECT_RATIO,
};

/// Llama 3 8B's shape (Dubey et al. 2024, Table 3), typed.
pub(super) fn llama3_8b() -> Shape {
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
    .build()
    .unwrap()
}

/// Each bad value keeps its default, names its key and says why.
#[test]
fn each_bad_shape_value_is_named() {
    for (query, expected) in [
        ("shape=gpt5", "Ignored shape=gpt5: unknown shape preset."),
        (
            "shape=32,4096,32,8",
            "Ignored shape=32,4096,32,8: needs 8 whole numbers.",
        ),
        (
            "shape=0,4096,32,8,128,14336,128256,8192",
            "Ignored shape=0,4096,32,8,128,14336,12…: layers not from 1 to 1024.",
        ),
        (
            "shape=32,4096,32,3,128,14336,128256,8192",
            "Ignored shape=32,4096,32,3,128,14336,1…: KV heads must divide heads.",
        ),
        (
            "shape=32,4096,32,8,128,-1,128256,8192",
            "Ignored shape=32,4096,32,8,128,-1,1282…: not whole numbers.",
        ),
        (
            "shape=2,64,1,1,64,256,100,16,swiglu",
            "Ignored shape=2,64,1,1,64,256,100,16,s…: unknown shape flag.",
        ),
        ("conv=flops", "Ignored conv=flops: not a convention id."),
        ("sn=0", "Ignored sn=0: not positive and finite."),
        ("sa=2", "Ignored sa=2: not from 4 to 1024."),
        ("sa=NaN", "Ignored sa=NaN: not finite."),
        ("mem=adam", "Ignored mem=adam: not a memory recipe id."),
        (
            "shard=zero4",
            "Ignored shard=zero4: not none, zero1, zero2 or zero3.",
        ),
    ] {
        assert_eq!(notice(query), expected, "{query}");
        assert_eq!(decode(query).config.shape, ShapeConfig::default());
    }
}

/// `validate` refuses an unknown preset, an aspect ratio outside 4 to 1024, a bad N.
#[test]
fn validate_names_the_shape() {
    let bad = |edit: fn(&mut Config)| {
        let mut c = Config::default();
        edit(&mut c);
        c.validate().unwrap_err().0
    };
    assert_eq!(
        bad(|c| c.shape.model = Some(ShapeModel::Preset("gpt5".into()))),
        "model shape"
    );
    assert_eq!(bad(|c| c.shape.aspect_ratio = 2.0), "model shape");
    assert_eq!(bad(|c| c.shape.suggest_params = Some(-1.0)), "model shape");
}

/// The shape keys: a preset by id (case-insensitive, written canonically), a typed shape with
/// every flag, and `fsdp` read as ZeRO-3.
#[test]
fn shape_links() {
    let d = decode("shape=LLAMA3-8B&conv=6N");
    assert!(d.notices.is_empty(), "{:?}", d.notices);
    assert_eq!(
        d.config.shape.model,
        Some(ShapeModel::Preset("llama3-8b".into()))
    );
    assert_eq!(d.config.shape.convention, Convention::SixN);
    assert_eq!(d.config.shape.shape(), Some(llama3_8b()));
    assert_eq!(encode(&d.config), "v=1&shape=llama3-8b&conv=6n");

    // Chinchilla's counting: tied, relative positions, every bias, LayerNorm.
    let chinchilla = crate::law::shape::shape_preset("chinchilla-70b")
        .unwrap()
        .shape;
    let mut config = Config::default();
    config.shape.model = Some(ShapeModel::Typed(chinchilla));
    let link = encode(&config);
    assert_eq!(
        link,
        "v=1&shape=80,8192,64,64,128,32768,32000,2048,tied,relative,all-bias,layernorm"
    );
    assert_eq!(decode(&link).config, config);

    assert_eq!(decode("shard=fsdp").config.shape.sharding, Sharding::Zero3);
    assert_eq!(encode(&decode("shard=fsdp").config), "v=1&shard=zero3");
    assert_eq!(Config::default().shape.aspect_ratio, DEFAULT_ASPECT_RATIO);
}

/// Typing a preset's own shape keeps the preset chosen; any other shape becomes typed.
#[test]
fn typed_shapes_keep_the_preset_while_equal() {
    let mut shape = ShapeConfig {
        model: Some(ShapeModel::Preset("llama3-8b".into())),
        ..ShapeConfig::default()
    };
    shape.set_typed(llama3_8b());
    assert_eq!(shape.model, Some(ShapeModel::Preset("llama3-8b".into())));
    let mut spec = llama3_8b().spec();
    spec.context = 4096;
    let other = spec.build().unwrap();
    shape.set_typed(other);
    assert_eq!(shape.model, Some(ShapeModel::Typed(other)));
    assert_eq!(shape.preset(), None);
}
