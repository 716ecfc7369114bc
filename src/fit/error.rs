//! Why a fit could not produce an answer.

use std::fmt;

use super::approaches::availability::Approach;
use super::approaches::unfit::Unfit;
use crate::i18n::{fit_errors as cat, Lang};

/// A typed reason a fit or its input was rejected; degenerate data ends here, never in NaN.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum FitError {
    /// The text has no header line (or nothing at all).
    NoHeader,
    /// A column the fit needs was not found; the payload names it and lists the headers seen.
    MissingColumn {
        /// What was looked for, e.g. "loss".
        #[serde(deserialize_with = "known_name")]
        wanted: Name,
        /// The headers present in the file.
        headers: Vec<String>,
    },
    /// Fewer usable rows than the fit needs.
    TooFewPoints {
        /// Rows needed.
        needed: usize,
        /// Rows available.
        got: usize,
    },
    /// Every usable row has the same loss, so there is nothing to fit.
    ConstantLoss,
    /// All rows share one model size or one token count, so an exponent is not identified.
    NoSpread(#[serde(deserialize_with = "known_name")] Name),
    /// Approach 2 needs at least two compute budgets with a usable parabola each.
    TooFewBudgets {
        /// Budgets with a usable minimum.
        usable: usize,
    },
    /// Every compute budget has fewer than three distinct model sizes, so no IsoFLOP parabola
    /// can be fitted.
    TooFewSizes {
        /// The most distinct sizes any budget has.
        most: usize,
    },
    /// Two or more budgets, but fewer than two with a usable parabola; each unusable budget's
    /// reason is listed ("1.000e19 FLOPs: the parabola opens downwards: no minimum").
    UnusableBudgets {
        /// Budgets with a usable minimum.
        usable: usize,
        /// Each other budget's C (FLOPs) and why it is not usable.
        reasons: Vec<(f64, super::approaches::profiles::ProfileNote)>,
    },
    /// The data does not allow this approach; the reason says why in a user's words.
    Unavailable {
        /// The approach asked for.
        approach: Approach,
        /// Why the data does not allow it.
        reason: Box<Unfit>,
    },
    /// An option is out of range (for example δ ≤ 0 or K > 4000).
    InvalidOption(String),
    /// The held-out check cannot split these runs as asked.
    Holdout(HoldoutRefusal),
    /// The optimiser found no finite solution from any start.
    NoSolution,
    /// A column the reader chose by header is not in the file.
    UnknownColumn {
        /// The header as the reader gave it.
        header: String,
        /// The headers present in the file.
        headers: Vec<String>,
    },
}

/// Why the held-out check cannot split the runs (said as "invalid option: …").
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum HoldoutRefusal {
    /// Holding out the largest budget needs two or more budgets.
    NeedsTwoBudgets,
    /// A fraction outside (0, 0.5], or fewer than two runs.
    Fraction {
        /// The fraction asked for.
        fraction: f64,
        /// How many runs there are.
        runs: usize,
    },
    /// Envelope points have no losses to predict.
    EnvelopePoints,
}

impl HoldoutRefusal {
    /// The reason in `lang`.
    #[must_use]
    pub fn text(self, lang: Lang) -> String {
        match self {
            HoldoutRefusal::NeedsTwoBudgets => cat::holdout_two_budgets(lang).to_string(),
            HoldoutRefusal::Fraction { fraction, runs } => {
                cat::holdout_fraction(lang, &fraction, &runs)
            }
            HoldoutRefusal::EnvelopePoints => cat::holdout_envelope(lang).to_string(),
        }
    }
}

impl FitError {
    /// The message in `lang` (the command line's English for `Lang::En`).
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        match self {
            FitError::NoHeader => cat::no_header(lang).to_string(),
            FitError::MissingColumn { wanted, headers } if *wanted == TWO_OF => {
                cat::missing_two_of(lang, &headers.join(", "))
            }
            FitError::MissingColumn { wanted, headers } => {
                cat::missing_column(lang, &column_name(wanted, lang), &headers.join(", "))
            }
            FitError::TooFewPoints { needed, got } => cat::too_few_points(lang, got, needed),
            FitError::ConstantLoss => cat::constant_loss(lang).to_string(),
            FitError::NoSpread(what) => cat::no_spread(lang, &spread_name(what, lang)),
            FitError::TooFewBudgets { usable } => cat::too_few_budgets(lang, usable),
            FitError::TooFewSizes { most } => cat::too_few_sizes(lang, most),
            FitError::UnusableBudgets { usable, reasons } => {
                let reasons: Vec<String> = reasons
                    .iter()
                    .map(|(c, why)| {
                        cat::unusable_budget(lang, &format!("{c:.3e}"), &why.text(lang))
                    })
                    .collect();
                cat::unusable_budgets(lang, usable, &reasons.join(cat::reason_separator(lang)))
            }
            FitError::Unavailable { approach, reason } => {
                cat::unavailable(lang, &approach.title_in(lang), &reason.text(lang))
            }
            FitError::InvalidOption(msg) => cat::invalid_option(lang, msg),
            FitError::Holdout(why) => cat::invalid_option(lang, &why.text(lang)),
            FitError::NoSolution => cat::no_solution(lang).to_string(),
            FitError::UnknownColumn { header, headers } => {
                cat::unknown_column(lang, header, &headers.join(", "))
            }
        }
    }
}

/// A column's or quantity's name as the fit layer gives it (one of [`KNOWN_NAMES`]). An alias,
/// so that serde does not take the `&'static str` for text borrowed from the message it reads.
pub type Name = &'static str;

/// The names the fit layer gives columns and quantities in its errors.
/// What [`FitError::MissingColumn`] names when a file has fewer than two of N, D and C.
pub const TWO_OF: Name = "two of params (N), tokens (D), FLOPs (C)";

const KNOWN_NAMES: [&str; 8] = [
    "params (N)",
    TWO_OF,
    "loss",
    "tokens (D) or FLOPs (C)",
    "FLOPs (C)",
    "model size",
    "token count",
    "compute budget",
];

/// Reads back one of [`KNOWN_NAMES`] (an error that crossed from a worker to the page).
fn known_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Name, D::Error> {
    let name = <String as serde::Deserialize>::deserialize(d)?;
    KNOWN_NAMES
        .into_iter()
        .find(|k| *k == name)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown name {name:?}")))
}

/// A missing column's name in `lang` (`wanted` is the English the fit layer names it by).
fn column_name(wanted: &str, lang: Lang) -> String {
    match wanted {
        "params (N)" => cat::column_params(lang),
        "loss" => cat::column_loss(lang),
        "tokens (D) or FLOPs (C)" => cat::column_tokens_or_flops(lang),
        "FLOPs (C)" => cat::column_flops(lang),
        other => return other.to_string(),
    }
    .to_string()
}

/// What every row shares (`NoSpread`) in `lang`.
fn spread_name(what: &str, lang: Lang) -> String {
    match what {
        "model size" => cat::spread_model_size(lang),
        "token count" => cat::spread_token_count(lang),
        "compute budget" => cat::spread_compute_budget(lang),
        other => return other.to_string(),
    }
    .to_string()
}

impl fmt::Display for FitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for FitError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// The command line's English is `Display`; the page's 中文 says every reason in Chinese,
    /// with the numbers and names it carries.
    #[test]
    fn every_error_reads_in_both_languages() {
        let errors = [
            FitError::NoHeader,
            FitError::MissingColumn {
                wanted: "loss",
                headers: vec!["n".into(), "d".into()],
            },
            FitError::TooFewPoints { needed: 5, got: 2 },
            FitError::ConstantLoss,
            FitError::NoSpread("token count"),
            FitError::TooFewBudgets { usable: 1 },
            FitError::TooFewSizes { most: 2 },
            FitError::Unavailable {
                approach: Approach::Two,
                reason: Box::new(Unfit::ThinEnvelope(1)),
            },
            FitError::NoSolution,
            FitError::Holdout(HoldoutRefusal::NeedsTwoBudgets),
            FitError::Holdout(HoldoutRefusal::Fraction {
                fraction: 0.7,
                runs: 12,
            }),
            FitError::Holdout(HoldoutRefusal::EnvelopePoints),
            FitError::MissingColumn {
                wanted: TWO_OF,
                headers: vec!["flops".into(), "loss".into()],
            },
            FitError::UnknownColumn {
                header: "budget".into(),
                headers: vec!["c".into(), "loss".into()],
            },
        ];
        // The held-out refusals' English, word for word as the command line printed it before.
        assert_eq!(
            FitError::Holdout(HoldoutRefusal::Fraction {
                fraction: 0.7,
                runs: 12
            })
            .to_string(),
            "invalid option: cannot hold out a fraction 0.7 of 12 runs"
        );
        assert_eq!(
            FitError::Holdout(HoldoutRefusal::EnvelopePoints).text(Lang::Zh),
            "无效选项：留出检验需要带损失值的训练运行，而不是包络点"
        );
        for e in &errors {
            assert_eq!(e.to_string(), e.text(Lang::En));
            let zh = e.text(Lang::Zh);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert!(!zh.contains('{'), "{zh}");
        }
        assert_eq!(
            FitError::TooFewPoints { needed: 5, got: 2 }.text(Lang::Zh),
            "可用的行太少：只有 2 行，至少需要 5 行"
        );
        assert_eq!(
            FitError::NoSpread("token count").to_string(),
            "every row has the same token count: its exponent cannot be fitted"
        );
        assert!(FitError::Unavailable {
            approach: Approach::Two,
            reason: Box::new(Unfit::NoMinimum),
        }
        .text(Lang::Zh)
        .starts_with("方法二（IsoFLOP 曲线）无法使用这些训练运行：所有损失都相同"));
    }
}
