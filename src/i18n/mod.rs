//! The page's two languages: English and 中文. Every string a reader sees comes from the
//! catalogs in `locales/*.toml` (English and Chinese side by side, terms as in
//! `docs/GLOSSARY.md`), compiled by `build.rs` into one module per file and one function per
//! key: a missing translation or a placeholder that differs between the languages stops the
//! build. The command line stays English ([`Lang::En`]).

use serde::{Deserialize, Serialize};

/// A language of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    /// English, the default (a link writes nothing for it).
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Both languages, in the order the switch lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The link's spelling (`lang=zh`).
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language with this link spelling.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.id() == id)
    }

    /// The BCP 47 tag for `<html lang>`.
    #[must_use]
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's own name, as the switch offers it.
    #[must_use]
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
        }
    }

    /// The page's language for a browser's preferred languages (`navigator.languages`, most
    /// preferred first): 中文 if any of them is Chinese (`zh`, `zh-CN`, `zh-Hant-TW`, …),
    /// else English.
    #[must_use]
    pub fn from_preferences<S: AsRef<str>>(languages: &[S]) -> Lang {
        let chinese = languages.iter().any(|l| {
            let l = l.as_ref().trim().to_ascii_lowercase();
            l == "zh" || l.starts_with("zh-") || l.starts_with("zh_")
        });
        if chinese {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// A catalog entry as compiled: key, English, Chinese (placeholders unfilled). The lists
/// (`ALL`, `CATALOGS`) are constants: nothing of them reaches the page unless used.
pub type Entry = (&'static str, &'static str, &'static str);

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

#[cfg(test)]
mod check {
    include!("check.rs");
}

#[cfg(test)]
mod tests;
