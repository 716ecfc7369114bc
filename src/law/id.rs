//! Law identifiers: the stable spelling a link, the command line and the charts use for a law.
//! Behaviour keyed on a law (colours, the Kaplan-vs-Chinchilla comparison, the user's fit) matches
//! on this enum, never on text, so a misspelt id cannot compile.

use std::fmt;

/// Which law: every published preset, the user's custom anchor, and the user's fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LawId {
    Kaplan2020,
    ChinchillaA1,
    ChinchillaA2,
    ChinchillaA3,
    ChinchillaA3Tex,
    Epoch2024,
    DeepSeek2024,
    Llama3,
    Llama3Legend,
    /// The user's exponents anchored at a reference run.
    Custom,
    /// The user's fitted loss law (from the fit panel, a link, or `--fit`).
    Fit,
    /// The user's fitted allocation N_opt = k·C^a (Approach 1 or 2 in the fit panel, or a link).
    SweepFit,
}

impl LawId {
    /// Every id, in the order the page and the command line list laws.
    pub const ALL: [LawId; 12] = [
        LawId::Kaplan2020,
        LawId::ChinchillaA1,
        LawId::ChinchillaA2,
        LawId::ChinchillaA3,
        LawId::ChinchillaA3Tex,
        LawId::Epoch2024,
        LawId::DeepSeek2024,
        LawId::Llama3,
        LawId::Llama3Legend,
        LawId::Custom,
        LawId::Fit,
        LawId::SweepFit,
    ];

    /// The spelling in links and on the command line (`kaplan2020`, `chinchilla-a1`, …).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            LawId::Kaplan2020 => "kaplan2020",
            LawId::ChinchillaA1 => "chinchilla-a1",
            LawId::ChinchillaA2 => "chinchilla-a2",
            LawId::ChinchillaA3 => "chinchilla-a3",
            LawId::ChinchillaA3Tex => "chinchilla-a3-tex",
            LawId::Epoch2024 => "epoch2024",
            LawId::DeepSeek2024 => "deepseek2024",
            LawId::Llama3 => "llama3",
            LawId::Llama3Legend => "llama3-legend",
            LawId::Custom => "custom",
            LawId::Fit => "fit",
            LawId::SweepFit => "sweep-fit",
        }
    }

    /// The id spelled `text`, if any.
    #[must_use]
    pub fn parse(text: &str) -> Option<LawId> {
        LawId::ALL.into_iter().find(|id| id.as_str() == text)
    }
}

impl fmt::Display for LawId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for LawId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for LawId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl serde::Serialize for LawId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::LawId;

    /// Every spelling reads back as its id, and no two ids share one.
    #[test]
    fn spellings_round_trip() {
        for id in LawId::ALL {
            assert_eq!(LawId::parse(id.as_str()), Some(id));
        }
        let mut spellings: Vec<&str> = LawId::ALL.iter().map(|id| id.as_str()).collect();
        spellings.sort_unstable();
        spellings.dedup();
        assert_eq!(spellings.len(), LawId::ALL.len());
        assert_eq!(LawId::parse("Kaplan2020"), None);
    }
}
