//! Why the runs do not allow one of Hoffmann et al. 2022's approaches, typed so the page says it
//! in its language and the command line in English (`Display`).

use std::fmt;

use crate::fit::approaches::availability::BudgetSource;
use crate::fit::FitError;
use crate::i18n::{fit_errors as cat, Lang};

/// The reason an approach is not available for a data set.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Unfit {
    /// Every loss is the same: no IsoFLOP minimum.
    NoMinimum,
    /// The compute values spread continuously instead of forming budgets.
    NotClustered {
        /// Groups that clustering C within ±5 % gives.
        groups: usize,
        /// The closest ratio between neighbouring groups.
        closest: f64,
        /// The least ratio between a sweep's budgets.
        gap: f64,
    },
    /// Fewer than two budgets with three or more model sizes.
    TooFewBudgets {
        /// How the budgets were found.
        source: BudgetSource,
        /// Budgets found.
        count: usize,
        /// Budgets with three or more sizes.
        good: usize,
    },
    /// The compute-efficient envelope has fewer than two points.
    ThinEnvelope(usize),
    /// Envelope points without a loss column (Approaches 2 and 3).
    NoLossColumn,
    /// Envelope points at fewer than two distinct compute values.
    FewComputeValues(usize),
    /// The runs cannot be fitted at all (Approach 3's check).
    Fit(FitError),
}

impl Unfit {
    /// The reason in `lang`.
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Unfit::NoMinimum => cat::no_minimum(lang).to_string(),
            Unfit::NotClustered {
                groups,
                closest,
                gap,
            } => cat::not_clustered(lang, groups, &format!("{closest:.3}"), gap),
            Unfit::TooFewBudgets {
                source,
                count,
                good,
            } => {
                let f = match (source, *count == 1) {
                    (BudgetSource::Column, true) => cat::budgets_column_one,
                    (BudgetSource::Column, false) => cat::budgets_column_many,
                    (BudgetSource::Clustered, true) => cat::budgets_clustered_one,
                    (BudgetSource::Clustered, false) => cat::budgets_clustered_many,
                };
                f(lang, count, good)
            }
            Unfit::ThinEnvelope(n) if *n == 1 => cat::thin_envelope_one(lang, n),
            Unfit::ThinEnvelope(n) => cat::thin_envelope_many(lang, n),
            Unfit::NoLossColumn => cat::no_loss_column(lang).to_string(),
            Unfit::FewComputeValues(n) if *n == 1 => cat::few_compute_values_one(lang, n),
            Unfit::FewComputeValues(n) => cat::few_compute_values_many(lang, n),
            Unfit::Fit(e) => e.text(lang),
        }
    }
}

impl fmt::Display for Unfit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}
