//! The builds of the page this browser has run, for the page's one-time "updated" notice. Each
//! build carries its version (a hash of all its files, written into `index.html` and `sw.js` by
//! `scripts/offline.mjs`); a version this browser has not run before, after one it has, means
//! the page was updated since the last visit.

/// Where the versions are kept.
pub const KEY: &str = "isoflop.builds";
/// How many versions are remembered. Going back to one of them (an offline visit served by the
/// older build this browser has cached, while the newer one failed to install) is no update.
pub const REMEMBERED: usize = 8;

/// Whether `word` is a build's version as `scripts/offline.mjs` writes it (hex digits); the
/// unstamped page of a build without the hook has none.
#[must_use]
pub fn is_version(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_hexdigit())
}

/// What a visit of a build means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    /// Say "updated": this build is new to a browser that has run another.
    pub updated: bool,
    /// What to store now: the versions, space-separated, the latest last.
    pub store: String,
}

/// A visit of build `version`, given what was stored (`None` when nothing). A stored value that
/// does not read back (a word that is not a hex version) is replaced without a word: it holds
/// nothing the user made.
#[must_use]
pub fn visit(stored: Option<&str>, version: &str) -> Visit {
    let mut seen: Vec<&str> = stored.unwrap_or_default().split(' ').collect();
    if !seen.iter().all(|w| is_version(w)) {
        seen.clear();
    }
    let updated = !seen.is_empty() && !seen.contains(&version);
    seen.retain(|v| *v != version);
    seen.push(version);
    let excess = seen.len().saturating_sub(REMEMBERED);
    Visit {
        updated,
        store: seen[excess..].join(" "),
    }
}
