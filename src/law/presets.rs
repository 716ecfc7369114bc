//! The published laws, each with its coefficients, citation and caveats.
//! Sources: Hoffmann et al. 2022 (Chinchilla), Kaplan et al. 2020, Besiroglu et al. 2024
//! (Epoch AI), DeepSeek-AI 2024 and Dubey et al. 2024 (Llama 3); each preset cites its table
//! or equation.

use super::error::LawError;
use super::frontier::Frontier;
use super::kaplan::KaplanLoss;
use super::loss::{LossModel, LossParams};
use super::{Law, LawId, PF_DAY_FLOPS};

/// Besiroglu et al. 2024 (Epoch AI), arXiv:2404.10102, the published refit of Chinchilla's
/// Approach 3: E = 1.8172, A = 482.01, B = 2085.43, α = 0.3478, β = 0.3658.
pub const EPOCH2024: LossParams = LossParams {
    e: 1.8172,
    a: 482.01,
    b: 2085.43,
    alpha: 0.3478,
    beta: 0.3658,
};

/// Which of Llama 3's two printed coefficient pairs to use (Dubey et al. 2024, Sec. 3.2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Llama3Variant {
    /// (α, A) = (0.53, 0.29) as printed in the text of Sec. 3.2.1.
    Printed,
    /// (α, A) = (0.537, 0.299) as printed in the Fig. 3 legend.
    Legend,
}

impl Llama3Variant {
    /// Both variants, for a picker.
    pub const ALL: [Llama3Variant; 2] = [Llama3Variant::Printed, Llama3Variant::Legend];

    /// The law id of this variant: `llama3` or `llama3-legend`.
    #[must_use]
    pub fn law_id(self) -> LawId {
        match self {
            Llama3Variant::Printed => LawId::Llama3,
            Llama3Variant::Legend => LawId::Llama3Legend,
        }
    }

    /// The spelling of [`Llama3Variant::law_id`].
    #[must_use]
    pub fn id(self) -> &'static str {
        self.law_id().as_str()
    }

    /// (A, α) of D* = A·C^α.
    #[must_use]
    pub fn coefficients(self) -> (f64, f64) {
        match self {
            Llama3Variant::Printed => (0.29, 0.53),
            Llama3Variant::Legend => (0.299, 0.537),
        }
    }
}

/// A user's own law: exponents (a, b) anchored at a reference run of N0 parameters on D0
/// tokens, so N = N0·(C/C0)^a with C0 = 6·N0·D0 and D = C/(6N).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CustomAnchor {
    /// Reference model size N0.
    pub n0: f64,
    /// Reference token count D0.
    pub d0: f64,
    /// Exponent a of N ∝ C^a.
    pub a: f64,
    /// Exponent b of D ∝ C^b; must equal 1 − a (within 0.01) for C = 6ND to hold.
    pub b: f64,
}

impl CustomAnchor {
    /// Chinchilla's own run, 70B parameters on 1.4T tokens (Hoffmann et al. 2022, Table 1),
    /// with a = b = 0.5 (Table 2, Approach 1).
    pub const CHINCHILLA: CustomAnchor = CustomAnchor {
        n0: 70e9,
        d0: 1.4e12,
        a: 0.5,
        b: 0.5,
    };
}

impl Law {
    /// Kaplan et al. 2020, App. A: N_opt = 1.3e9 · C_min^0.73 (C_min in PF-days), read with
    /// C = 2·C_min as Hoffmann et al. 2022 App. D.4 does (4.68B at 1e21 FLOPs), D = C/(6N);
    /// predicted loss from the Eq. 1.5 joint fit of Table 2.
    #[must_use]
    pub fn kaplan2020() -> Self {
        Law {
            id: LawId::Kaplan2020,
            name: "Kaplan et al. 2020".into(),
            citation: "Kaplan et al. 2020, App. A (N_opt = 1.3e9·C_min^0.73) and Eq. 1.5 with the Table 2 fit; C = 2·C_min as in Hoffmann et al. 2022, App. D.4".into(),
            notes: "C_min in PF-days with C = 2·C_min; D = C/(6N) spends the whole budget. Kaplan's own D_opt = 2e10·C_min^0.27 implies 6ND = 1.8·C_min, 10 % short of C. N counts non-embedding parameters, and the loss is on WebText2, not comparable with the Chinchilla-family losses.".into(),
            frontier: Frontier::ParamsPowerLaw {
                coef: 1.3e9,
                exponent: 0.73,
                flops_unit: 2.0 * PF_DAY_FLOPS,
            },
            loss_model: Some(LossModel::Kaplan(KaplanLoss::TABLE2)),
        }
    }

    /// Hoffmann et al. 2022 (Chinchilla), Approach 1: the log-log least-squares fit through
    /// the rows of Table 3, N_opt = 0.09916 · C^0.4981 (Table 2 prints a = 0.50), with D = C/(6N).
    #[must_use]
    pub fn chinchilla_approach1() -> Self {
        Law {
            id: LawId::ChinchillaA1,
            name: "Chinchilla (Approach 1)".into(),
            citation: "Hoffmann et al. 2022, Table 2 (a = 0.50) and Table 3 (constants)".into(),
            notes:
                "Log-log fit through Table 3's rows: N ≈ 0.0992·C^0.498; D = C/(6N). No loss model."
                    .into(),
            frontier: Frontier::ParamsPowerLaw {
                coef: 0.099_158_932_307_951_95,
                exponent: 0.498_098_685_777_187_86,
                flops_unit: 1.0,
            },
            loss_model: None,
        }
    }

    /// Hoffmann et al. 2022, Approach 2 (IsoFLOP profiles): the log-log fit through the
    /// Approach-2 rows of Table A3, N_opt = 0.14488 · C^0.48994 (Table 2 prints
    /// a = 0.49), with D = C/(6N).
    #[must_use]
    pub fn chinchilla_approach2() -> Self {
        Law {
            id: LawId::ChinchillaA2,
            name: "Chinchilla (Approach 2)".into(),
            citation: "Hoffmann et al. 2022, Table 2 (a = 0.49) and Table A3 (constants)".into(),
            notes: "Log-log fit through Table A3's Approach-2 rows: N ≈ 0.145·C^0.490; D = C/(6N). No loss model.".into(),
            frontier: Frontier::ParamsPowerLaw {
                coef: 0.144_877_051_811_277_16,
                exponent: 0.489_941_612_862_546_67,
                flops_unit: 1.0,
            },
            loss_model: None,
        }
    }

    /// Hoffmann et al. 2022, Approach 3 as printed (App. D.2, Eq. 10): E = 1.69, A = 406.4,
    /// B = 410.7, α = 0.34, β = 0.28, allocated by the closed form of Eq. 4.
    #[must_use]
    pub fn chinchilla_approach3() -> Self {
        Law::parametric(
            LawId::ChinchillaA3,
            "Chinchilla (Approach 3, printed)",
            "Hoffmann et al. 2022, App. D.2 Eq. 10 (E 1.69, A 406.4, B 410.7, α 0.34, β 0.28); Eq. 4",
            "The printed values are rounded: they give a = 0.45 and 32B at the Gopher budget, where Table 2 says a = 0.46 and Fig. 4 about 40B. See chinchilla-a3-tex.",
            LossParams {
                e: 1.69,
                a: 406.4,
                b: 410.7,
                alpha: 0.34,
                beta: 0.28,
            },
        )
    }

    /// Hoffmann et al. 2022, Approach 3 unrounded, from the TeX source as quoted by Besiroglu
    /// et al. 2024 (notebook cell 16): ln A = 6.0073404, ln B = 6.0179186, ln E = 0.5267228,
    /// α = 0.33917084, β = 0.2849083.
    #[must_use]
    pub fn chinchilla_approach3_tex() -> Self {
        Law::parametric(
            LawId::ChinchillaA3Tex,
            "Chinchilla (Approach 3, unrounded)",
            "Hoffmann et al. 2022, Approach 3, unrounded TeX-source values (quoted in Besiroglu et al. 2024, analyzing-chinchilla notebook)",
            "Reproduces Table 2's a = 0.46 and Fig. 4's ≈40B at the Gopher budget (5.76e23 FLOPs). No published coefficient set reproduces Table A3's Approach-3 column exactly.",
            LossParams {
                e: 0.526_722_8_f64.exp(),
                a: 6.007_340_4_f64.exp(),
                b: 6.017_918_6_f64.exp(),
                alpha: 0.339_170_84,
                beta: 0.284_908_3,
            },
        )
    }

    /// Besiroglu et al. 2024 (Epoch AI), "Chinchilla Scaling: A replication attempt", the
    /// published refit: E = 1.8172, A = 482.01, B = 2085.43, α = 0.3478, β = 0.3658.
    #[must_use]
    pub fn epoch2024() -> Self {
        Law::parametric(
            LawId::Epoch2024,
            "Epoch AI refit (Besiroglu et al. 2024)",
            "Besiroglu et al. 2024, arXiv:2404.10102, refit of Chinchilla Approach 3 (E 1.8172, A 482.01, B 2085.43, α 0.3478, β 0.3658)",
            "Fitted to the data extracted from Chinchilla's Fig. 4; about 20 tokens per parameter, drifting down slowly with compute.",
            EPOCH2024,
        )
    }

    /// DeepSeek-AI 2024, DeepSeek LLM (arXiv:2401.02954), Eq. 4: M_opt = 0.1715·C^0.5243
    /// non-embedding FLOPs per token (and D_opt = 5.8316·C^0.4757); N is shown as M/6.
    #[must_use]
    pub fn deepseek2024() -> Self {
        Law {
            id: LawId::DeepSeek2024,
            name: "DeepSeek LLM 2024".into(),
            citation: "DeepSeek-AI 2024, arXiv:2401.02954, Eq. 4 (M_opt = 0.1715·C^0.5243, D_opt = 5.8316·C^0.4757)".into(),
            notes: "DeepSeek scales M, the non-embedding FLOPs per token, not parameters; N is shown as M/6. D = C/M spends the whole budget (the printed D_opt is within 0.02 % of it). No loss model.".into(),
            frontier: Frontier::FlopsPerTokenPowerLaw {
                coef: 0.1715,
                exponent: 0.5243,
            },
            loss_model: None,
        }
    }

    /// Dubey et al. 2024, The Llama 3 Herd of Models (arXiv:2407.21783), Sec. 3.2.1:
    /// tokens D* = A·C^α with (α, A) = (0.53, 0.29) in the text, (0.537, 0.299) in the Fig. 3
    /// legend; N = C/(6D).
    #[must_use]
    pub fn llama3(variant: Llama3Variant) -> Self {
        let (coef, exponent) = variant.coefficients();
        let (name, which) = match variant {
            Llama3Variant::Printed => (
                "Llama 3 (text: 0.53, 0.29)",
                "text of Sec. 3.2.1: (α, A) = (0.53, 0.29)",
            ),
            Llama3Variant::Legend => (
                "Llama 3 (Fig. 3 legend: 0.537, 0.299)",
                "Fig. 3 legend: (α, A) = (0.537, 0.299)",
            ),
        };
        Law {
            id: variant.law_id(),
            name: name.into(),
            citation: format!("Dubey et al. 2024, arXiv:2407.21783, Sec. 3.2.1, {which}"),
            notes: "The text's pair gives only 10.5T tokens at 3.8e25 FLOPs, not the paper's 16.55T (on 402B parameters); the Fig. 3 legend's pair gives 16.3T. Pick either. N = C/(6D). No loss model.".into(),
            frontier: Frontier::TokensPowerLaw { coef, exponent },
            loss_model: None,
        }
    }

    /// The user's own exponents anchored at a reference run: N = N0·(C/C0)^a, C0 = 6·N0·D0,
    /// D = C/(6N). Errors if N0 or D0 is not positive, a is not in (0, 1), or |a + b − 1| > 0.01.
    pub fn custom(anchor: CustomAnchor) -> Result<Self, LawError> {
        let CustomAnchor { n0, d0, a, b } = anchor;
        super::error::positive(crate::law::Input::ReferenceParams, n0)?;
        super::error::positive(crate::law::Input::ReferenceTokens, d0)?;
        if !(a.is_finite() && b.is_finite()) || (a + b - 1.0).abs() > 0.01 {
            return Err(LawError::InvalidLaw(crate::law::LawDefect::ExponentSum));
        }
        let frontier = Frontier::ParamsPowerLaw {
            coef: n0,
            exponent: a,
            flops_unit: 6.0 * n0 * d0,
        };
        frontier.check()?;
        Ok(Law {
            id: LawId::Custom,
            name: format!("Custom (a = {a}, b = {b})"),
            citation: "Your exponents, anchored at your reference run (N0, D0)".into(),
            notes: "N = N0·(C/C0)^a with C0 = 6·N0·D0 and D = C/(6N): 10× compute gives 10^a × params and 10^(1−a) × tokens (Kaplan 0.73: 5.37× and 1.86×; Chinchilla 0.5: 3.16× each). No loss model.".into(),
            frontier,
            loss_model: None,
        })
    }

    /// The custom law at [`CustomAnchor::CHINCHILLA`].
    #[must_use]
    pub fn custom_default() -> Self {
        // The constant anchor is valid, so the error arm is unreachable; fall back to
        // Approach 1 rather than panic all the same.
        Law::custom(CustomAnchor::CHINCHILLA).unwrap_or_else(|_| Law::chinchilla_approach1())
    }
}
