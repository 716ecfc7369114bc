//! The shape form: its text fields as typed, read into a checked shape or a message under each
//! wrong field (the law's reasons, `law::shape::ShapeSpec::build`).

use crate::law::quantity::{parse_positive, ParseError};
use crate::law::shape::{Bias, Norm, Position, Shape, ShapeField, ShapeSpec, ASPECT_RATIO_RANGE};

/// One text field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormField {
    pub field: ShapeField,
    /// The input's element id.
    pub id: &'static str,
    pub label: &'static str,
    /// What the field accepts, shown while there is no error.
    pub hint: &'static str,
    /// Whether the field may be left empty (it then follows the others).
    pub optional: bool,
}

const fn field(
    field: ShapeField,
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    optional: bool,
) -> FormField {
    FormField {
        field,
        id,
        label,
        hint,
        optional,
    }
}

/// The text fields, in display order (the order of [`ShapeForm::texts`]).
pub const FORM_FIELDS: [FormField; 8] = [
    field(
        ShapeField::Layers,
        "shape-layers",
        "Layers",
        "e.g. 32",
        false,
    ),
    field(
        ShapeField::DModel,
        "shape-d-model",
        "d_model",
        "e.g. 4096",
        false,
    ),
    field(ShapeField::Heads, "shape-heads", "Heads", "e.g. 32", false),
    field(
        ShapeField::KvHeads,
        "shape-kv-heads",
        "KV heads",
        "8 for GQA, 1 for MQA; empty: as many as heads",
        true,
    ),
    field(
        ShapeField::HeadSize,
        "shape-head-size",
        "Head size",
        "empty: d_model / heads",
        true,
    ),
    field(
        ShapeField::Ffn,
        "shape-ffn",
        "FFN size",
        "e.g. 14336",
        false,
    ),
    field(
        ShapeField::Vocab,
        "shape-vocab",
        "Vocabulary",
        "e.g. 128256",
        false,
    ),
    field(
        ShapeField::Context,
        "shape-context",
        "Context length",
        "e.g. 8192",
        false,
    ),
];

/// The form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShapeForm {
    /// The text of each of [`FORM_FIELDS`], in order.
    pub texts: [String; 8],
    pub gated: bool,
    pub tied: bool,
    pub position: Position,
    pub bias: Bias,
    pub norm: Norm,
}

/// Per wrong field, what is wrong with it.
pub type FormErrors = Vec<(ShapeField, String)>;

impl ShapeForm {
    /// The form filled with `shape`: KV heads written out, the head size left empty where it
    /// is d_model / heads (so it follows the heads as they are edited).
    #[must_use]
    pub fn of(shape: &Shape) -> Self {
        let numbers = [
            shape.layers(),
            shape.d_model(),
            shape.heads(),
            shape.kv_heads(),
            shape.head_size(),
            shape.ffn(),
            shape.vocab(),
            shape.context(),
        ];
        let mut texts = numbers.map(|n| n.to_string());
        if shape.attention_width() == u64::from(shape.d_model()) {
            texts[4] = String::new();
        }
        ShapeForm {
            texts,
            gated: shape.gated(),
            tied: shape.tied_embeddings(),
            position: shape.position(),
            bias: shape.bias(),
            norm: shape.norm(),
        }
    }

    /// The checked shape, or every wrong field with its reason: first whether each text is a
    /// whole number, then the law's own checks (ranges, heads dividing d_model, KV heads
    /// dividing heads).
    pub fn check(&self) -> Result<Shape, FormErrors> {
        let mut errors = Vec::new();
        let mut numbers = [None; 8];
        for ((slot, text), f) in numbers.iter_mut().zip(&self.texts).zip(&FORM_FIELDS) {
            match whole(text) {
                Ok(None) if !f.optional => errors.push((
                    f.field,
                    format!("Enter the {} ({}).", f.label.to_lowercase(), f.hint),
                )),
                Ok(n) => *slot = n,
                Err(()) => errors.push((
                    f.field,
                    format!("Not a whole number: {} ({}).", f.label, f.hint),
                )),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let [layers, d_model, heads, kv_heads, head_size, ffn, vocab, context] = numbers;
        let spec = ShapeSpec {
            layers: layers.unwrap_or(0),
            d_model: d_model.unwrap_or(0),
            heads: heads.unwrap_or(0),
            kv_heads,
            head_size,
            ffn: ffn.unwrap_or(0),
            gated: self.gated,
            vocab: vocab.unwrap_or(0),
            context: context.unwrap_or(0),
            tied_embeddings: self.tied,
            position: self.position,
            bias: self.bias,
            norm: self.norm,
        };
        spec.build().map_err(|e| {
            e.errors()
                .iter()
                .map(|f| (f.field, f.message.clone()))
                .collect()
        })
    }
}

/// The message for `field` among `errors`, if it is wrong.
#[must_use]
pub fn message_for(errors: &FormErrors, field: ShapeField) -> Option<String> {
    errors
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, m)| m.clone())
}

/// A whole number as typed (`4096`, `4,096`, `14_336`); empty is `None`.
fn whole(text: &str) -> Result<Option<u64>, ()> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '_'))
        .collect();
    if compact.is_empty() {
        return Ok(None);
    }
    if !compact.chars().all(|c| c.is_ascii_digit()) {
        return Err(());
    }
    // More digits than u64 holds is out of every range: read it as the largest number.
    Ok(Some(compact.parse().unwrap_or(u64::MAX)))
}

/// The aspect-ratio field: a number from 4 to 1024 (`law::shape::ASPECT_RATIO_RANGE`).
pub fn aspect_field(text: &str) -> Result<Option<f64>, ParseError> {
    let x = parse_positive(text)?;
    let (lo, hi) = ASPECT_RATIO_RANGE;
    if (lo..=hi).contains(&x) {
        Ok(Some(x))
    } else {
        Err(ParseError::OutOfRange)
    }
}
