//! The results table's columns as the link names them, for the columns a reader hides
//! (`hide=loss,flat-n`). The ids are also the cells' CSS classes and the end-to-end tests'
//! handles; the table itself (headers, groups, cells) is `plan::table`.

/// One column of the results table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ColumnId {
    NParams,
    NTokens,
    /// The tokens the budget buys at the model shape's true cost.
    TrueTokens,
    Ratio,
    Flops,
    /// Scale mode: the multiple of N₀.
    ScaleN,
    /// Scale mode: the multiple of D₀.
    ScaleD,
    Loss,
    /// The loss above the judge's optimum.
    Penalty,
    /// The compute the judge would not need for the same loss.
    Waste,
    /// The N within the flat-optimum tolerance.
    FlatN,
    /// The D within the flat-optimum tolerance.
    FlatD,
    DeviceHours,
    Days,
    /// Hardware mode with a shape: the days the shape takes on the row's D.
    ShapeDays,
    Cost,
    /// Epochs over the unique data.
    Epochs,
    /// Inference-aware N.
    InfN,
    /// Inference-aware D.
    InfD,
    /// Lifetime FLOPs against the Chinchilla-style allocation.
    InfFlops,
}

impl ColumnId {
    /// Every column, in the table's order (and the link's).
    pub const ALL: [ColumnId; 20] = [
        ColumnId::NParams,
        ColumnId::NTokens,
        ColumnId::TrueTokens,
        ColumnId::Ratio,
        ColumnId::Flops,
        ColumnId::ScaleN,
        ColumnId::ScaleD,
        ColumnId::Loss,
        ColumnId::Penalty,
        ColumnId::Waste,
        ColumnId::FlatN,
        ColumnId::FlatD,
        ColumnId::DeviceHours,
        ColumnId::Days,
        ColumnId::ShapeDays,
        ColumnId::Cost,
        ColumnId::Epochs,
        ColumnId::InfN,
        ColumnId::InfD,
        ColumnId::InfFlops,
    ];

    /// The link's spelling, also the cells' CSS class.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            ColumnId::NParams => "n-params",
            ColumnId::NTokens => "n-tokens",
            ColumnId::TrueTokens => "true-tokens",
            ColumnId::Ratio => "ratio",
            ColumnId::Flops => "flops",
            ColumnId::ScaleN => "scale-n",
            ColumnId::ScaleD => "scale-d",
            ColumnId::Loss => "loss",
            ColumnId::Penalty => "penalty",
            ColumnId::Waste => "waste",
            ColumnId::FlatN => "flat-n",
            ColumnId::FlatD => "flat-d",
            ColumnId::DeviceHours => "device-hours",
            ColumnId::Days => "days",
            ColumnId::ShapeDays => "shape-days",
            ColumnId::Cost => "cost",
            ColumnId::Epochs => "epochs",
            ColumnId::InfN => "inf-n",
            ColumnId::InfD => "inf-d",
            ColumnId::InfFlops => "inf-flops",
        }
    }

    /// The column with this link spelling.
    #[must_use]
    pub fn from_id(id: &str) -> Option<ColumnId> {
        ColumnId::ALL.into_iter().find(|c| c.id() == id)
    }
}
