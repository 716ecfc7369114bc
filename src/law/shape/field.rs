//! Which input of a shape is wrong, and why: errors the page can show under the right field.

use std::fmt;

use crate::i18n::{errors, Lang};

/// An input of the shape panel, named so the page can show an error under the right field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(into = "&'static str")]
pub enum ShapeField {
    /// Number of transformer layers (`layers`).
    Layers,
    /// Model width (`d_model`).
    DModel,
    /// Query heads (`heads`).
    Heads,
    /// Key/value heads (`kv_heads`), fewer than `heads` for GQA/MQA.
    KvHeads,
    /// Width of one head (`head_size`).
    HeadSize,
    /// Feed-forward hidden width (`ffn`).
    Ffn,
    /// Vocabulary size (`vocab`).
    Vocab,
    /// Context (training sequence) length (`context`).
    Context,
    /// The parameter count a suggestion aims at (`n_params`).
    Params,
    /// The aspect ratio d_model / layers of a suggestion (`aspect_ratio`).
    AspectRatio,
    /// The feed-forward width as a multiple of d_model, in a suggestion's template (`ffn_ratio`).
    FfnRatio,
}

impl ShapeField {
    /// The machine id (`layers`, `d_model`, `heads`, `kv_heads`, `head_size`, `ffn`, `vocab`,
    /// `context`, `n_params`, `aspect_ratio`, `ffn_ratio`).
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            ShapeField::Layers => "layers",
            ShapeField::DModel => "d_model",
            ShapeField::Heads => "heads",
            ShapeField::KvHeads => "kv_heads",
            ShapeField::HeadSize => "head_size",
            ShapeField::Ffn => "ffn",
            ShapeField::Vocab => "vocab",
            ShapeField::Context => "context",
            ShapeField::Params => "n_params",
            ShapeField::AspectRatio => "aspect_ratio",
            ShapeField::FfnRatio => "ffn_ratio",
        }
    }
}

impl ShapeField {
    /// The field in words, as its messages name it (`layers`, `head size`, …).
    #[must_use]
    pub fn name(self, lang: Lang) -> &'static str {
        use errors as e;
        let name = match self {
            ShapeField::Layers => e::shape_field_layers,
            ShapeField::DModel => e::shape_field_d_model,
            ShapeField::Heads => e::shape_field_heads,
            ShapeField::KvHeads => e::shape_field_kv_heads,
            ShapeField::HeadSize => e::shape_field_head_size,
            ShapeField::Ffn => e::shape_field_ffn,
            ShapeField::Vocab => e::shape_field_vocab,
            ShapeField::Context => e::shape_field_context,
            ShapeField::Params => e::shape_field_params,
            ShapeField::AspectRatio => e::shape_field_aspect_ratio,
            ShapeField::FfnRatio => e::shape_field_ffn_ratio,
        };
        name(lang)
    }
}

impl From<ShapeField> for &'static str {
    fn from(field: ShapeField) -> Self {
        field.id()
    }
}

/// One refused field and why, said in either language ([`FieldError::text`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// The field that is wrong.
    pub field: ShapeField,
    /// Why.
    pub problem: Problem,
}

/// Why a field of a shape (or of a suggestion) was refused.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Problem {
    /// Not a whole number from 1 to `max` (the field says which).
    Whole {
        /// The largest accepted.
        max: u64,
        /// The value given.
        got: u64,
    },
    /// d_model / heads is a head size above `max` (and no head size was given).
    HeadTooLarge {
        /// The largest head size.
        max: u64,
        /// d_model / heads.
        head: u64,
    },
    /// Heads do not divide d_model (and no head size was given).
    HeadsDivide {
        /// d_model.
        d_model: u64,
        /// heads.
        heads: u64,
    },
    /// KV heads not from 1 to heads or not dividing heads.
    KvHeads {
        /// The KV heads given.
        got: u64,
        /// The heads.
        heads: u64,
    },
    /// A series' range of N is not from a positive number to a larger one.
    ParamsRange {
        /// The lower end given.
        min: f64,
        /// The upper end given.
        max: f64,
    },
    /// A series has 2 to 200 points.
    SeriesPoints {
        /// The points asked for.
        got: usize,
    },
    /// A suggestion's parameter count is not positive up to `max`.
    SuggestParams {
        /// The largest accepted (1e15).
        max: f64,
        /// The value given.
        got: f64,
    },
    /// A suggestion's aspect ratio is outside [lo, hi].
    Aspect {
        /// The smallest accepted.
        lo: f64,
        /// The largest accepted.
        hi: f64,
        /// The value given.
        got: f64,
    },
    /// A template's FFN width is not 0.25 to 16 times d_model.
    FfnRatio {
        /// The value given.
        got: f64,
    },
    /// No shape within the limits has this many parameters at this aspect ratio.
    TooLarge {
        /// The largest d_model.
        max_d_model: u64,
        /// The most layers.
        max_layers: u64,
        /// The parameter count asked for.
        n_params: f64,
        /// The aspect ratio asked for.
        aspect: f64,
    },
}

impl FieldError {
    /// The message in `lang`, e.g. "layers must be a whole number from 1 to 1024 (got 0)".
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        use errors as e;
        match self.problem {
            Problem::Whole { max, got } => e::shape_whole(lang, &self.field.name(lang), &max, &got),
            Problem::HeadTooLarge { max, head } => e::shape_head_too_large(lang, &max, &head),
            Problem::HeadsDivide { d_model, heads } => {
                e::shape_heads_divide(lang, &d_model, &heads)
            }
            Problem::KvHeads { got, heads } => e::shape_kv_heads(lang, &got, &heads),
            Problem::ParamsRange { min, max } => e::shape_params_range(lang, &min, &max),
            Problem::SeriesPoints { got } => e::shape_series_points(lang, &got),
            Problem::SuggestParams { max, got } => {
                e::shape_suggest_params(lang, &format!("{max:e}"), &got)
            }
            Problem::Aspect { lo, hi, got } => e::shape_aspect(lang, &lo, &hi, &got),
            Problem::FfnRatio { got } => e::shape_ffn_ratio(lang, &got),
            Problem::TooLarge {
                max_d_model,
                max_layers,
                n_params,
                aspect,
            } => e::shape_too_large(
                lang,
                &max_d_model,
                &max_layers,
                &format!("{n_params:e}"),
                &aspect,
            ),
        }
    }

    /// The English message (the command line's).
    #[must_use]
    pub fn message(&self) -> String {
        self.text(Lang::En)
    }
}

/// As the command line's JSON has it: `{"field": "layers", "message": "…"}`.
impl serde::Serialize for FieldError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = serializer.serialize_struct("FieldError", 2)?;
        st.serialize_field("field", &self.field)?;
        st.serialize_field("message", &self.message())?;
        st.end()
    }
}

/// Why a shape (or a suggestion's inputs) was refused: every wrong field, in field order.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeError {
    errors: Vec<FieldError>,
}

impl ShapeError {
    pub(crate) fn new(errors: Vec<FieldError>) -> Self {
        ShapeError { errors }
    }

    pub(crate) fn one(field: ShapeField, problem: Problem) -> Self {
        ShapeError::new(vec![FieldError { field, problem }])
    }

    /// Every refused field with its message (never empty).
    #[must_use]
    pub fn errors(&self) -> &[FieldError] {
        &self.errors
    }

    /// The message for `field` in `lang`, if that field was refused.
    #[must_use]
    pub fn message_for(&self, field: ShapeField, lang: Lang) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.text(lang))
    }

    /// Every message in `lang`, joined with "; " (English) or "；".
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        let messages: Vec<String> = self.errors.iter().map(|e| e.text(lang)).collect();
        messages.join(match lang {
            Lang::En => "; ",
            Lang::Zh => "；",
        })
    }
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for ShapeError {}
