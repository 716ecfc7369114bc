//! Which input of a shape is wrong, and why: errors the page can show under the right field.

use std::fmt;

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

impl From<ShapeField> for &'static str {
    fn from(field: ShapeField) -> Self {
        field.id()
    }
}

/// One refused field and why, in words the page can show under it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    /// The field that is wrong.
    pub field: ShapeField,
    /// What is accepted, e.g. "layers must be a whole number from 1 to 1024 (got 0)".
    pub message: String,
}

/// Why a shape (or a suggestion's inputs) was refused: every wrong field, in field order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeError {
    errors: Vec<FieldError>,
}

impl ShapeError {
    pub(crate) fn new(errors: Vec<FieldError>) -> Self {
        ShapeError { errors }
    }

    pub(crate) fn one(field: ShapeField, message: String) -> Self {
        ShapeError::new(vec![FieldError { field, message }])
    }

    /// Every refused field with its message (never empty).
    #[must_use]
    pub fn errors(&self) -> &[FieldError] {
        &self.errors
    }

    /// The message for `field`, if that field was refused.
    #[must_use]
    pub fn message_for(&self, field: ShapeField) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let messages: Vec<&str> = self.errors.iter().map(|e| e.message.as_str()).collect();
        write!(f, "{}", messages.join("; "))
    }
}

impl std::error::Error for ShapeError {}
