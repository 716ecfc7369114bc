//! Data for the chart of FLOPs per token over 6N against N: one line per convention, for a
//! preset family or for suggested shapes over a range of N, and Table A4's printed points.

use super::count::Convention;
use super::presets::{chinchilla_like, shape_presets, Family};
use super::suggest::{suggest, Template};
use super::tables::TABLE_A4;
use super::{FieldError, Problem, Shape, ShapeError, ShapeField};

/// One point of a ratio line.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RatioPoint {
    /// The shape's exact parameter count.
    pub n_params: f64,
    /// FLOPs per token over 6N.
    pub ratio: f64,
    /// What the point is (a preset's name, or the suggested shape).
    pub label: String,
}

/// A convention's ratio to 6N across shapes, in increasing N.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RatioLine {
    /// [`Convention::id`].
    pub convention: &'static str,
    /// [`Convention::label`].
    pub label: &'static str,
    /// The points.
    pub points: Vec<RatioPoint>,
}

fn lines(shapes: &[(Shape, String)]) -> Vec<RatioLine> {
    Convention::ALL
        .into_iter()
        .map(|c| RatioLine {
            convention: c.id(),
            label: c.label(),
            points: shapes
                .iter()
                .map(|(shape, label)| {
                    let six_n = Convention::SixN.flops_per_token(shape);
                    RatioPoint {
                        n_params: shape.params().total as f64,
                        ratio: c.flops_per_token(shape) / six_n,
                        label: label.clone(),
                    }
                })
                .collect(),
        })
        .collect()
}

/// One line per convention through the family's presets, in increasing N.
#[must_use]
pub fn family_ratio_series(family: Family) -> Vec<RatioLine> {
    let mut shapes: Vec<(Shape, String)> = shape_presets()
        .into_iter()
        .filter(|p| p.family == family)
        .map(|p| (p.shape, p.name))
        .collect();
    crate::sort::sort_by_key(&mut shapes, |(shape, _)| shape.params().total);
    lines(&shapes)
}

/// One line per convention through `points` suggested shapes (2 to 200) at parameter counts
/// spaced evenly in log N from `n_min` to `n_max`.
pub fn suggested_ratio_series(
    template: &Template,
    aspect_ratio: f64,
    n_min: f64,
    n_max: f64,
    points: usize,
) -> Result<Vec<RatioLine>, ShapeError> {
    if !(n_min.is_finite() && n_max.is_finite() && n_min > 0.0 && n_min < n_max) {
        return Err(ShapeError::new(vec![FieldError {
            field: ShapeField::Params,
            problem: Problem::ParamsRange {
                min: n_min,
                max: n_max,
            },
        }]));
    }
    if !(2..=200).contains(&points) {
        return Err(ShapeError::one(
            ShapeField::Params,
            Problem::SeriesPoints { got: points },
        ));
    }
    let (lo, hi) = (n_min.ln(), n_max.ln());
    let mut shapes = Vec::with_capacity(points);
    for i in 0..points {
        let n = (lo + (hi - lo) * i as f64 / (points - 1) as f64).exp();
        let s = suggest(n, aspect_ratio, template)?;
        shapes.push((s.shape, format!("suggested for {n:.3e}")));
    }
    Ok(lines(&shapes))
}

/// Where [`table_a4_points`] come from, and which convention reproduces them.
pub const TABLE_A4_CITATION: &str = "Hoffmann et al. 2022, Table A4: App. F FLOPs over 6ND as \
     printed (vocabulary 32,000, sequence 2048). Reproduced to ±0.01 by App. F without the \
     embedding and final-logit terms over 6N with N the exact count; App. F's text, which \
     includes them, is a typo per the authors (Karpathy's nanoGPT scaling_laws.ipynb).";

/// One printed point of Chinchilla Table A4.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct PrintedRatio {
    /// The row's label as printed (73M, 305M, 552M, 1.1B, 1.6B, 6.8B).
    pub label: &'static str,
    /// The exact parameter count of the row's shape, counted as the Chinchilla presets are.
    pub n_params: f64,
    /// The ratio as printed.
    pub printed_ratio: f64,
    /// App. F without embeddings and logits over 6N for the same shape.
    pub reproduced_ratio: f64,
    /// The row's shape.
    pub shape: Shape,
}

/// Chinchilla Table A4's printed ratios, with each row's shape and the reproduced ratio.
#[must_use]
pub fn table_a4_points() -> Vec<PrintedRatio> {
    TABLE_A4
        .iter()
        .filter_map(|row| {
            let spec = chinchilla_like(
                row.layers.into(),
                row.d_model.into(),
                row.heads.into(),
                row.head_size.into(),
                row.ffn.into(),
            );
            let shape = spec.build().ok()?;
            let six_n = Convention::SixN.flops_per_token(&shape);
            Some(PrintedRatio {
                label: row.label,
                n_params: shape.params().total as f64,
                printed_ratio: row.printed_ratio,
                reproduced_ratio: Convention::ChinchillaNoEmbedding.flops_per_token(&shape) / six_n,
                shape,
            })
        })
        .collect()
}
