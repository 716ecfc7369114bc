//! The learning rate around the peak: a linear warm-up, then cosine decay to 10 % (Hoffmann
//! et al. 2022), warm-up–stable–decay with a (1 − √) cool-down (Hägele et al. 2024), or
//! DeepSeek LLM's multi-step schedule (DeepSeek-AI 2024).

use crate::i18n::{recipe as t, Lang};

/// The learning rate around the peak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Schedule {
    /// Linear warm-up, then cosine decay to 10 % of the peak at the last step (Hoffmann et al.
    /// 2022, App. B and D.1: a cosine cycle as long as the run, decaying the rate 10×).
    #[default]
    Cosine,
    /// Warm-up, stable at the peak, then a (1 − √) cool-down to 0 over the last 20 % of the
    /// steps: Hägele et al. 2024, Eq. 1 (warm-up, constant, cool-down), the (1 − √) form
    /// η·(1 − √((n − (N − N_decay))/N_decay)), and §3.2 (a 20 % cool-down matches cosine,
    /// Fig. 3 and 5).
    Wsd,
    /// DeepSeek-AI 2024, §2.3: 2000 warm-up steps, the peak until 80 % of the tokens, 31.6 % of
    /// it until 90 %, then 10 %.
    MultiStep,
}

/// WSD's cool-down, as a fraction of the steps (Hägele et al. 2024, §3).
pub const WSD_COOLDOWN: f64 = 0.2;
/// Cosine's final rate over the peak (Hoffmann et al. 2022: decayed 10×).
pub const COSINE_FLOOR: f64 = 0.1;
/// DeepSeek's steps: (fraction of the tokens from which, rate over the peak).
pub const MULTISTEP: [(f64, f64); 2] = [(0.8, 0.316), (0.9, 0.1)];
impl Schedule {
    /// Every schedule, as the page and the command line list them.
    pub const ALL: [Schedule; 3] = [Schedule::Cosine, Schedule::Wsd, Schedule::MultiStep];

    /// The link's and the command line's spelling.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Schedule::Cosine => "cosine",
            Schedule::Wsd => "wsd",
            Schedule::MultiStep => "multistep",
        }
    }

    /// The schedule with this spelling.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Schedule> {
        Schedule::ALL.into_iter().find(|s| s.id() == id.trim())
    }

    /// Its name and source in `lang`.
    #[must_use]
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Schedule::Cosine => t::schedule_cosine(lang),
            Schedule::Wsd => t::schedule_wsd(lang),
            Schedule::MultiStep => t::schedule_multistep(lang),
        }
    }

    /// The rate over the peak after `step` of `steps` steps, `warmup` of them warming up
    /// linearly from 0.
    #[must_use]
    pub fn factor(self, step: f64, steps: f64, warmup: f64) -> f64 {
        if steps <= 0.0 {
            return 0.0;
        }
        let step = step.clamp(0.0, steps);
        if step < warmup {
            return step / warmup;
        }
        let done = step / steps;
        match self {
            Schedule::Cosine => {
                let t = ((step - warmup) / (steps - warmup).max(1.0)).clamp(0.0, 1.0);
                COSINE_FLOOR + (1.0 - COSINE_FLOOR) * 0.5 * (1.0 + (std::f64::consts::PI * t).cos())
            }
            Schedule::Wsd => {
                let from = 1.0 - WSD_COOLDOWN;
                if done <= from {
                    1.0
                } else {
                    1.0 - ((done - from) / WSD_COOLDOWN).sqrt()
                }
            }
            Schedule::MultiStep => MULTISTEP
                .iter()
                .rev()
                .find(|(at, _)| done >= *at)
                .map_or(1.0, |(_, f)| *f),
        }
    }
}
