//! The results table's columns in groups — allocation · loss · near-optimal range · time and
//! cost · beyond Chinchilla — and each column's short header, the one the page prints under its
//! group (the long one, which says everything alone, goes to Markdown, CSV, the command line
//! and the page's hover).

use super::Plan;
use crate::i18n::{table as cat, Lang};
use crate::permalink::ColumnId;

/// A group of columns, in the table's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// N, D, D/N, C, and the scale mode's multiples.
    Allocation,
    /// The predicted loss and what the judge says of it.
    Loss,
    /// The N and D within the flat-optimum tolerance.
    NearOptimal,
    /// Device-hours, days and cost on the hardware.
    TimeCost,
    /// Data-constrained and inference-aware columns.
    Beyond,
}

impl Group {
    /// The group `column` belongs to.
    #[must_use]
    pub fn of(column: ColumnId) -> Group {
        use ColumnId as C;
        match column {
            C::NParams
            | C::NTokens
            | C::TrueTokens
            | C::Ratio
            | C::Flops
            | C::ScaleN
            | C::ScaleD => Group::Allocation,
            C::Loss | C::Penalty | C::Waste => Group::Loss,
            C::FlatN | C::FlatD => Group::NearOptimal,
            C::DeviceHours | C::Days | C::ShapeDays | C::Cost => Group::TimeCost,
            C::Epochs | C::InfN | C::InfD | C::InfFlops => Group::Beyond,
        }
    }

    /// The group's heading for `plan` in `lang`: the judge, the tolerance and the device count
    /// are said here once rather than in each column's header.
    #[must_use]
    pub fn label(self, plan: &Plan, lang: Lang) -> String {
        match self {
            Group::Allocation => cat::group_allocation(lang).into(),
            Group::Loss => match &plan.judge {
                Some(judge) => cat::group_loss_judged(lang, &judge.name),
                None => cat::group_loss(lang).into(),
            },
            Group::NearOptimal => match plan.flat_tolerance {
                Some(tolerance) => {
                    cat::group_near_optimal(lang, &super::flat::percent_text(tolerance))
                }
                None => cat::group_near_optimal_plain(lang).into(),
            },
            Group::TimeCost => match &plan.hardware {
                Some(h) => cat::group_time_cost(lang, &h.count),
                None => cat::group_time_cost_plain(lang).into(),
            },
            Group::Beyond => cat::group_beyond(lang).into(),
        }
    }
}

/// The header the page prints for `column` under its group's heading (two lines at most).
#[must_use]
pub fn short_header(column: ColumnId, lang: Lang) -> &'static str {
    use ColumnId as C;
    match column {
        C::NParams => cat::short_n_params(lang),
        C::NTokens => cat::short_n_tokens(lang),
        C::TrueTokens => cat::short_true_tokens(lang),
        C::Ratio => cat::short_ratio(lang),
        C::Flops => cat::short_flops(lang),
        C::ScaleN => cat::short_scale_n(lang),
        C::ScaleD => cat::short_scale_d(lang),
        C::Loss => cat::short_loss(lang),
        C::Penalty => cat::short_penalty(lang),
        C::Waste => cat::short_waste(lang),
        C::FlatN => cat::short_flat_n(lang),
        C::FlatD => cat::short_flat_d(lang),
        C::DeviceHours => cat::short_device_hours(lang),
        C::Days => cat::short_days(lang),
        C::ShapeDays => cat::short_shape_days(lang),
        C::Cost => cat::short_cost(lang),
        C::Epochs => cat::short_epochs(lang),
        C::InfN => cat::short_inf_n(lang),
        C::InfD => cat::short_inf_d(lang),
        C::InfFlops => cat::short_inf_flops(lang),
    }
}
