//! The model-shape section's words for its choices, and a shape described, in the reader's
//! language (`locales/shape.toml`); the command line passes [`Lang::En`].

use crate::i18n::{shape as cat, Lang};
use crate::law::shape::{describe, Bias, Norm, Position, Shape, ShapeField, Sharding};

/// The shape form's label for `field` (`plan::shape_form::FORM_FIELDS` holds the English).
#[must_use]
pub fn field_label(field: ShapeField, lang: Lang) -> &'static str {
    match field {
        ShapeField::Layers => cat::field_layers(lang),
        ShapeField::DModel => cat::field_d_model(lang),
        ShapeField::Heads => cat::field_heads(lang),
        ShapeField::KvHeads => cat::field_kv_heads(lang),
        ShapeField::HeadSize => cat::field_head_size(lang),
        ShapeField::Ffn => cat::field_ffn(lang),
        ShapeField::Vocab => cat::field_vocab(lang),
        ShapeField::Context => cat::field_context(lang),
        ShapeField::Params => cat::field_params(lang),
        ShapeField::AspectRatio => cat::field_aspect_ratio(lang),
        ShapeField::FfnRatio => cat::field_ffn_ratio(lang),
    }
}

/// The picker's words for a position scheme.
#[must_use]
pub fn position_label(p: Position, lang: Lang) -> &'static str {
    match p {
        Position::None => cat::position_none(lang),
        Position::Learned => cat::position_learned(lang),
        Position::Relative => cat::position_relative(lang),
    }
}

/// The picker's words for a bias scheme.
#[must_use]
pub fn bias_label(b: Bias, lang: Lang) -> &'static str {
    match b {
        Bias::None => cat::bias_none(lang),
        Bias::Qkv => cat::bias_qkv(lang),
        Bias::All => cat::bias_all(lang),
    }
}

/// The picker's words for the norms.
#[must_use]
pub fn norm_label(n: Norm, lang: Lang) -> &'static str {
    match n {
        Norm::RmsNorm => cat::norm_rms(lang),
        Norm::LayerNorm => cat::norm_layer(lang),
        Norm::None => cat::norm_none(lang),
    }
}

/// The picker's words for a sharding.
#[must_use]
pub fn sharding_label(s: Sharding, lang: Lang) -> &'static str {
    match s {
        Sharding::None => cat::sharding_none(lang),
        Sharding::Zero1 => cat::sharding_zero1(lang),
        Sharding::Zero2 => cat::sharding_zero2(lang),
        Sharding::Zero3 => cat::sharding_zero3(lang),
    }
}

/// `law::shape::describe` in `lang`: "32 layers, d_model 4096, 32 heads (8 KV) of 128, …".
#[must_use]
pub fn describe_in(shape: &Shape, lang: Lang) -> String {
    if lang == Lang::En {
        return describe(shape);
    }
    let kv = if shape.kv_heads() == shape.heads() {
        String::new()
    } else {
        cat::describe_kv(lang, &shape.kv_heads())
    };
    let position = match shape.position() {
        Position::None => cat::describe_position_none(lang),
        Position::Learned => cat::describe_position_learned(lang),
        Position::Relative => cat::describe_position_relative(lang),
    };
    let bias = match shape.bias() {
        Bias::None => cat::describe_bias_none(lang),
        Bias::Qkv => cat::describe_bias_qkv(lang),
        Bias::All => cat::describe_bias_all(lang),
    };
    let norm = match shape.norm() {
        Norm::RmsNorm => "RMSNorm",
        Norm::LayerNorm => "LayerNorm",
        Norm::None => cat::describe_norm_none(lang),
    };
    let gated = if shape.gated() {
        cat::describe_gated(lang)
    } else {
        ""
    };
    let tied = if shape.tied_embeddings() {
        cat::describe_tied(lang)
    } else {
        cat::describe_untied(lang)
    };
    cat::describe(
        lang,
        &shape.layers(),
        &shape.d_model(),
        &shape.heads(),
        &kv,
        &shape.head_size(),
        &shape.ffn(),
        &gated,
        &shape.vocab(),
        &shape.context(),
        &tied,
        &position,
        &bias,
        &norm,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::shape::{shape_presets, Convention, Recipe};

    /// The English from the catalog is the English the command line prints.
    #[test]
    fn english_is_the_laws_own() {
        for p in shape_presets() {
            assert_eq!(describe_in(&p.shape, Lang::En), describe(&p.shape));
            let zh = describe_in(&p.shape, Lang::Zh);
            assert!(zh.contains("层") && !zh.contains("layers"), "{zh}");
        }
        for c in Convention::ALL {
            assert_eq!(c.label_in(Lang::En), c.label());
        }
        for r in Recipe::ALL {
            assert_eq!(r.label_in(Lang::En), r.label());
        }
        for f in crate::plan::shape_form::FORM_FIELDS {
            assert_eq!(field_label(f.field, Lang::En), f.label);
        }
    }
}
