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

    /// What the fit panel says about it.
    #[must_use]
    pub fn message(self) -> &'static str {
        match self {
            Problem::Disabled => "This browser does not let the page keep anything (a private window, or storage turned off): your runs and fit last only until this page is closed or reloaded.",
            Problem::Full => "This browser's storage for the page is full: your latest runs or fit were not kept and will not survive a reload.",
            Problem::Unreadable => "What this browser had kept of your runs could not be read back, so it was cleared and the panel starts empty.",
        }
    }
}
