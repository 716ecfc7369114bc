//! The page's configuration: every input the user can set, with its default. Pure data; the
//! URL form is in the parent module.

use crate::law::hardware::{accelerator, Accelerator, ACCELERATORS, DEFAULT_MFU};
use crate::law::{CustomAnchor, LawId, LossParams};

use super::columns::ColumnId;
use super::planner::PlanConfig;
use super::recipe::RecipeConfig;
use super::shape::ShapeConfig;

/// Which question the page answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// A compute budget typed in FLOPs.
    #[default]
    Budget,
    /// A budget from hardware: accelerators × days × MFU.
    Hardware,
    /// A model size N → compute-optimal D and C.
    Params,
    /// A reference run (N0, D0) scaled by a compute multiplier k.
    Scale,
    /// A target loss → the cheapest (N, D, C) (loss laws only).
    Loss,
}

impl Mode {
    /// Every mode, in the order the page lists them.
    pub const ALL: [Mode; 5] = [
        Mode::Budget,
        Mode::Hardware,
        Mode::Params,
        Mode::Scale,
        Mode::Loss,
    ];

    /// The link's spelling (`mode=…`).
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Mode::Budget => "budget",
            Mode::Hardware => "hardware",
            Mode::Params => "params",
            Mode::Scale => "scale",
            Mode::Loss => "loss",
        }
    }

    /// The mode with this link spelling.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.id() == id)
    }
}

/// Colour theme: follow the system, or forced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the system's light/dark preference.
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Every theme, in the order the page lists them.
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    /// The link's spelling (`theme=…`).
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The theme with this link spelling.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.id() == id)
    }
}

/// Hardware that sets or prices the budget.
#[derive(Debug, Clone, PartialEq)]
pub struct HardwareConfig {
    /// Accelerator preset (`law::hardware::ACCELERATORS`).
    pub accelerator: &'static Accelerator,
    /// Number of devices.
    pub count: u64,
    /// Wall-clock days (hardware mode).
    pub days: f64,
    /// Model FLOPs utilisation, in (0, 1].
    pub mfu: f64,
    /// Price per device-hour in dollars; `None` hides the cost column.
    pub price: Option<f64>,
}

impl Default for HardwareConfig {
    /// 1024 H100s for 30 days at 40 % MFU (a common planning example), no price.
    fn default() -> Self {
        HardwareConfig {
            accelerator: accelerator("h100").unwrap_or(&ACCELERATORS[0]),
            count: 1024,
            days: 30.0,
            mfu: DEFAULT_MFU,
            price: None,
        }
    }
}

/// A fitted loss law carried by its coefficients (never its data).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitConfig {
    /// E, A, B, α, β.
    pub params: LossParams,
    /// Fitted with the `paper` method (else `global`).
    pub paper_method: bool,
    /// Huber δ used.
    pub delta: f64,
}

impl FitConfig {
    /// The Huber δ a link without `fitd` means (the fitter's default).
    pub const DEFAULT_DELTA: f64 = crate::fit::numerics::objective::DEFAULT_DELTA;

    /// A fit of `params` with the `global` method and the default δ.
    #[must_use]
    pub fn new(params: LossParams) -> Self {
        FitConfig {
            params,
            paper_method: false,
            delta: Self::DEFAULT_DELTA,
        }
    }

    /// The configuration entry for a fit of `params` by `method` with Huber `delta`.
    #[must_use]
    pub fn of(params: LossParams, method: crate::fit::Method, delta: f64) -> Self {
        FitConfig {
            params,
            paper_method: method == crate::fit::Method::Paper,
            delta,
        }
    }

    /// Whether the coefficients make a usable law ([`LossParams::check`]) and δ is positive.
    #[must_use]
    pub fn is_usable(&self) -> bool {
        self.params.check().is_ok() && self.delta.is_finite() && self.delta > 0.0
    }
}

/// A fitted allocation rule N_opt = k·C^a carried by its coefficient and exponent (Approach 1
/// or 2 of Hoffmann et al. 2022 in the fit panel); D = C/(6N). It has no loss model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SweepFitConfig {
    /// k of N_opt = k·C^a (N at C = 1 FLOP).
    pub coef: f64,
    /// a of N_opt = k·C^a.
    pub exponent: f64,
    /// Approach 1 or 2 (never 3, whose fit is the law `fit`).
    pub approach: crate::fit::Approach,
}

impl SweepFitConfig {
    /// Whether k is finite and positive, a in (0, 1), and the approach 1 or 2.
    #[must_use]
    pub fn is_usable(&self) -> bool {
        self.coef.is_finite()
            && self.coef > 0.0
            && self.exponent > 0.0
            && self.exponent < 1.0
            && self.approach != crate::fit::Approach::Three
    }
}

/// Everything the user set on the page; the single source of truth for every output.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Which question the page answers.
    pub mode: Mode,
    /// Compute budget in FLOPs (budget mode).
    pub flops: f64,
    /// Hardware that sets the budget (hardware mode) or prices every answer.
    pub hardware: HardwareConfig,
    /// Model size N (params mode).
    pub n_params: f64,
    /// Reference run and its exponents: the anchor of the `custom` law and of scale mode.
    pub anchor: CustomAnchor,
    /// Compute multiplier k (scale mode).
    pub multiplier: f64,
    /// Target loss in nats/token (loss mode).
    pub target_loss: f64,
    /// The laws shown, in order.
    pub laws: Vec<LawId>,
    /// The loss law that judges every allocation (penalties, the IsoFLOP chart).
    pub judge: LawId,
    /// Expected inference tokens over the model's life (Sardana et al. 2024); `None` = plain law.
    pub inference_tokens: Option<f64>,
    /// Unique training tokens available (Muennighoff et al. 2023); `None` = unlimited.
    pub unique_tokens: Option<f64>,
    /// A fit of the user's runs, shown as the law `fit`.
    pub fit: Option<FitConfig>,
    /// An Approach-1 or -2 fit of the user's runs, shown as the law `sweep-fit`.
    pub sweep_fit: Option<SweepFitConfig>,
    /// The fit panel's fixed or tied coefficients for Approach 3 (always passes
    /// [`crate::fit::Constraints::check`]).
    pub fixed: crate::fit::Constraints,
    /// How far above the optimal loss the flat-optimum column reaches, in percent (0.5 = +0.5 %).
    pub flat_percent: f64,
    /// The results table's columns the reader hid, in [`ColumnId::ALL`]'s order, each once.
    pub hidden: Vec<ColumnId>,
    /// Colour theme.
    pub theme: Theme,
    /// The page's language (English or 中文).
    pub lang: crate::i18n::Lang,
    /// The "Why they differ" section: open or closed, and its law and counting.
    pub reconcile: ReconcileConfig,
    /// The model-shape section: a shape, its FLOPs convention, suggestion and memory settings.
    pub shape: ShapeConfig,
    /// The training recipe: schedule, warm-up, context and a run already chosen.
    pub recipe: RecipeConfig,
    /// The sweep planner: target, spend, prior law and the design as typed.
    pub planner: PlanConfig,
}

/// The "Why they differ" section (Pearce & Song 2024's counting; Porian et al. 2024's steps).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReconcileConfig {
    /// Whether the section is open.
    pub open: bool,
    /// The loss law (of the form E + A/N^α + B/D^β) seen through Kaplan's counting.
    pub law: LawId,
    /// Vocabulary size V of the models (embedding parameters V·d).
    pub vocab: f64,
    /// Aspect ratio d_model/n_layer.
    pub aspect: f64,
}

impl Default for ReconcileConfig {
    /// Closed; Epoch's refit with Pearce & Song's V = 32 000 and ω = 47 491.
    fn default() -> Self {
        ReconcileConfig {
            open: false,
            law: LawId::Epoch2024,
            vocab: crate::law::reconcile::DEFAULT_VOCAB,
            aspect: crate::law::reconcile::DEFAULT_ASPECT,
        }
    }
}

/// The flat-optimum column's default tolerance in percent: +0.5 % of the optimal loss
/// ([`crate::law::flat::DEFAULT_FLAT_TOLERANCE`]).
pub const DEFAULT_FLAT_PERCENT: f64 = 0.5;

/// The laws shown when the link names none: Kaplan and Chinchilla, the two the page compares.
pub const DEFAULT_LAWS: [LawId; 2] = [LawId::Kaplan2020, LawId::ChinchillaA1];

/// The law kept when the user unticks the last one: an empty table helps no one.
pub const FALLBACK_LAW: LawId = LawId::ChinchillaA1;

impl Default for Config {
    fn default() -> Self {
        Config {
            mode: Mode::Budget,
            // The Gopher/Chinchilla budget (Hoffmann et al. 2022, Table 3).
            flops: 5.76e23,
            hardware: HardwareConfig::default(),
            n_params: 70e9,
            anchor: CustomAnchor::CHINCHILLA,
            multiplier: 10.0,
            target_loss: 2.0,
            laws: DEFAULT_LAWS.to_vec(),
            judge: LawId::ChinchillaA3Tex,
            inference_tokens: None,
            unique_tokens: None,
            fit: None,
            sweep_fit: None,
            fixed: crate::fit::Constraints::FREE,
            flat_percent: DEFAULT_FLAT_PERCENT,
            hidden: Vec::new(),
            theme: Theme::Auto,
            lang: crate::i18n::Lang::En,
            reconcile: ReconcileConfig::default(),
            shape: ShapeConfig::default(),
            recipe: RecipeConfig::default(),
            planner: PlanConfig::default(),
        }
    }
}

impl Config {
    /// Shows (`on`) or hides law `id`; hiding the last law shows [`FALLBACK_LAW`] instead.
    pub fn toggle_law(&mut self, id: LawId, on: bool) {
        self.laws.retain(|l| *l != id);
        if on {
            self.laws.push(id);
        } else if self.laws.is_empty() {
            self.laws.push(FALLBACK_LAW);
        }
    }

    /// Shows or hides a column of the results table.
    pub fn show_column(&mut self, column: ColumnId, shown: bool) {
        let hidden = |c: ColumnId| {
            if c == column {
                !shown
            } else {
                self.hidden.contains(&c)
            }
        };
        // The table's order, each once.
        self.hidden = ColumnId::ALL.into_iter().filter(|c| hidden(*c)).collect();
    }

    /// Whether the reader hid `column`.
    #[must_use]
    pub fn is_hidden(&self, column: ColumnId) -> bool {
        self.hidden.contains(&column)
    }

    /// Makes `fit` the law `fit` and shows it ("Use this fit").
    pub fn use_fit(&mut self, fit: FitConfig) {
        self.fit = Some(fit);
        if !self.laws.contains(&LawId::Fit) {
            self.laws.push(LawId::Fit);
        }
    }

    /// The vocabulary and aspect ratio d_model/n_layer the "Why they differ" section counts
    /// with: the model shape's when one is set (and `true`), else the section's own.
    #[must_use]
    pub fn reconcile_counting(&self) -> (f64, f64, bool) {
        match self.shape.shape() {
            Some(shape) => {
                let spec = shape.spec();
                (
                    spec.vocab as f64,
                    f64::from(shape.d_model()) / f64::from(shape.layers()),
                    true,
                )
            }
            None => (self.reconcile.vocab, self.reconcile.aspect, false),
        }
    }

    /// Makes `fit` the law `sweep-fit` and shows it ("Use this fit" after Approach 1 or 2).
    pub fn use_sweep_fit(&mut self, fit: SweepFitConfig) {
        self.sweep_fit = Some(fit);
        if !self.laws.contains(&LawId::SweepFit) {
            self.laws.push(LawId::SweepFit);
        }
    }

    /// Whether `fit` is the configuration's sweep fit and is shown.
    #[must_use]
    pub fn uses_sweep_fit(&self, fit: &SweepFitConfig) -> bool {
        self.sweep_fit.as_ref() == Some(fit) && self.laws.contains(&LawId::SweepFit)
    }

    /// Whether `fit` is the configuration's fit and is shown.
    #[must_use]
    pub fn uses_fit(&self, fit: &FitConfig) -> bool {
        self.fit.as_ref() == Some(fit) && self.laws.contains(&LawId::Fit)
    }
}
