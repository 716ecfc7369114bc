//! A model shape in the question: what each row's compute buys at the shape's own FLOPs per
//! token (not 6N), and in hardware mode how long the cluster takes to train the shape on the
//! row's tokens at that cost.
//!
//! The laws allocate with C = 6ND. A concrete shape fixes N and costs F FLOPs per token under
//! the chosen convention, so the row's compute C buys D' = C / F tokens of it
//! ([`crate::law::shape::tokens_for_budget`]), and training it on the row's D tokens takes
//! D · F FLOPs: the 6N days of the shape scaled by F / 6N. Both use the row's own C and D, so
//! in the modes where the law fixes C (model size, tokens, target loss) they follow the row.

use crate::law::hardware::Cluster;
use crate::law::quantity::{format_count, format_flops, significant};
use crate::law::shape::{tokens_for_budget, Convention, Shape, ShapeReport, TrueCost};
use crate::law::{Allocation, LawError};

/// The question's shape and how its FLOPs per token are counted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapeCost {
    pub shape: Shape,
    pub convention: Convention,
}

impl ShapeCost {
    /// Training FLOPs per token of the shape under the convention.
    #[must_use]
    pub fn flops_per_token(&self) -> f64 {
        self.convention.flops_per_token(&self.shape)
    }

    /// The shape's report, and the convention's id, FLOPs per token and ratio to 6N, as the
    /// command line's JSON gives them under `"shape"`.
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        let mut value =
            serde_json::to_value(ShapeReport::new(&self.shape)).unwrap_or(serde_json::Value::Null);
        if let Some(object) = value.as_object_mut() {
            let six_n = Convention::SixN.flops_per_token(&self.shape);
            object.insert("convention".into(), self.convention.id().into());
            object.insert(
                "convention_flops_per_token".into(),
                self.flops_per_token().into(),
            );
            object.insert(
                "ratio_to_6n".into(),
                (self.flops_per_token() / six_n).into(),
            );
        }
        value
    }

    /// One line for the command line's text answer: the shape's size and its cost per token.
    #[must_use]
    pub fn line(&self) -> String {
        let n = self.shape.params().total as f64;
        let f = self.flops_per_token();
        format!(
            "Shape: {} parameters, {} FLOPs per token under {} ({}× 6N)\n",
            format_count(n),
            format_flops(f),
            self.convention.label(),
            significant(f / (6.0 * n), 3)
        )
    }
}

/// What the row's compute buys at the shape's cost.
pub(super) fn true_cost(cost: &ShapeCost, allocation: &Allocation) -> Result<TrueCost, LawError> {
    tokens_for_budget(&cost.shape, allocation.flops, cost.convention)
}

/// Days for `cluster` to train the shape on the row's tokens at the convention's cost.
pub(super) fn shape_days(
    cost: &ShapeCost,
    allocation: &Allocation,
    cluster: &Cluster,
) -> Result<f64, LawError> {
    cluster
        .training_time(allocation.n_tokens * cost.flops_per_token())
        .map(|t| t.wall_clock_days)
}
