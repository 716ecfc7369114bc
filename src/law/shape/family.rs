//! Model families: how presets are grouped, and the lines of the ratio chart.

/// A model family, for grouping presets and for the ratio chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(into = "&'static str")]
pub enum Family {
    /// Chinchilla 70B and the Table A9 models (Hoffmann et al. 2022).
    Chinchilla,
    /// GPT-3 (Brown et al. 2020).
    Gpt3,
    /// Llama 2 (Touvron et al. 2023).
    Llama2,
    /// Llama 3 (Dubey et al. 2024).
    Llama3,
    /// Baichuan 2 (Yang et al. 2023).
    Baichuan2,
    /// DeepSeek LLM (DeepSeek-AI 2024).
    DeepSeek,
    /// Qwen2.5 (Qwen Team 2024).
    Qwen25,
}

impl Family {
    /// Every family, in display order.
    pub const ALL: [Family; 7] = [
        Family::Chinchilla,
        Family::Gpt3,
        Family::Llama2,
        Family::Llama3,
        Family::Baichuan2,
        Family::DeepSeek,
        Family::Qwen25,
    ];

    /// Stable id: `chinchilla`, `gpt3`, `llama2`, `llama3`, `baichuan2`, `deepseek`, `qwen2.5`.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Family::Chinchilla => "chinchilla",
            Family::Gpt3 => "gpt3",
            Family::Llama2 => "llama2",
            Family::Llama3 => "llama3",
            Family::Baichuan2 => "baichuan2",
            Family::DeepSeek => "deepseek",
            Family::Qwen25 => "qwen2.5",
        }
    }

    /// The family with this id.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Family> {
        let id = id.trim().to_ascii_lowercase();
        Family::ALL.into_iter().find(|f| f.id() == id)
    }

    /// Display name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Family::Chinchilla => "Chinchilla",
            Family::Gpt3 => "GPT-3",
            Family::Llama2 => "Llama 2",
            Family::Llama3 => "Llama 3",
            Family::Baichuan2 => "Baichuan 2",
            Family::DeepSeek => "DeepSeek LLM",
            Family::Qwen25 => "Qwen2.5",
        }
    }
}

impl From<Family> for &'static str {
    fn from(family: Family) -> Self {
        family.id()
    }
}
