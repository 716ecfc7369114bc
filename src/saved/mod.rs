//! What the page keeps in the browser's own storage (`localStorage` of this origin; never sent
//! anywhere): the fit panel's runs, options and last fit ([`panel`]), and the builds of the page
//! this browser has run ([`builds`], for the "updated" notice). The counterpart of
//! [`crate::permalink`], which keeps the calculator's inputs in the link.
//!
//! Each value is lines of text with a header naming it and its schema ([`lines`]): small, no
//! parser beyond the page's own, numbers that read back bit for bit. A value that does not read
//! back whole is [`Problem::Unreadable`]: the page clears it and starts clean, never half-using
//! it. The only code that touches `localStorage` is [`browser`] (compiled for the page only).

pub mod builds;
pub mod lang;
pub mod last_fit;
mod lines;
pub mod panel;

#[cfg(target_arch = "wasm32")]
pub mod browser;

#[cfg(test)]
mod tests;

use crate::i18n::{saved, Lang};

/// Why something could not be kept or read back. The page reports each once per visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Problem {
    /// `localStorage` is missing or refuses access (private windows, storage turned off).
    Disabled,
    /// A write was refused: the origin's storage quota is full.
    Full,
    /// A stored value did not read back (edited, truncated or of an unknown schema); cleared.
    Unreadable,
}

impl Problem {
    /// The `data-problem` spelling the page and its tests read.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Problem::Disabled => "disabled",
            Problem::Full => "full",
            Problem::Unreadable => "unreadable",
        }
    }

    /// What the fit panel says about it, in `lang` (`locales/saved.toml`).
    #[must_use]
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Problem::Disabled => saved::problem_disabled(lang),
            Problem::Full => saved::problem_full(lang),
            Problem::Unreadable => saved::problem_unreadable(lang),
        }
    }

    /// [`Problem::text`] as a function of the language, for text that follows a switch.
    #[must_use]
    pub fn message_in(self) -> fn(Lang) -> &'static str {
        match self {
            Problem::Disabled => saved::problem_disabled,
            Problem::Full => saved::problem_full,
            Problem::Unreadable => saved::problem_unreadable,
        }
    }

    /// What the fit panel says about it, in English ([`Problem::text`] in another language).
    #[must_use]
    pub fn message(self) -> &'static str {
        self.text(Lang::En)
    }
}
