//! The fit panel's inputs as this browser keeps them ([`INPUT_KEY`]): the runs as pasted or
//! uploaded and the options as typed, rewritten as the user types and removed when everything
//! is back at its default. The last finished fit is kept apart ([`super::last_fit`]), so typing
//! never rewrites a large fit.
//!
//! The stored form is lines: a header, one `key value` line per option, then `text` and the
//! runs' text verbatim to the end:
//!
//! ```text
//! isoflop-fit-input 1
//! method global
//! delta 1e-3
//! drop 0
//! bootstrap 1000
//! seed 0
//! text
//! params,tokens,loss
//! 70e6,1.4e9,3.61
//! ```

use super::lines::{header, Lines};
use crate::fit::numerics::objective::DEFAULT_DELTA;
use crate::fit::resampling::bootstrap::DEFAULT_RESAMPLES;
use crate::fit::Method;

/// Where the runs and options are kept.
pub const INPUT_KEY: &str = "isoflop.fit.input";
const HEADER: &str = "isoflop-fit-input";

/// The panel's inputs as the user left them: text exactly as typed, so a field with an error
/// comes back with the same text and the same message.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelInput {
    /// The runs, CSV or TSV, as pasted, uploaded or edited.
    pub text: String,
    /// `global` or `paper`.
    pub method: Method,
    /// Huber δ as typed.
    pub delta: String,
    /// How many highest-loss runs to leave out, as typed.
    pub drop: String,
    /// Bootstrap resamples K, as typed.
    pub bootstrap: String,
    /// Bootstrap seed, as typed.
    pub seed: String,
    /// Columns chosen by header, as typed (empty: found by header). Written only when set, so
    /// what an earlier build kept reads back unchanged.
    pub columns: String,
}

impl Default for PanelInput {
    /// An empty panel: `global`, δ = 1e-3 (as Hoffmann et al. 2022), no runs left out, 1000
    /// resamples, seed 0.
    fn default() -> Self {
        PanelInput {
            text: String::new(),
            method: Method::Global,
            delta: format!("{DEFAULT_DELTA:e}"),
            drop: "0".to_string(),
            bootstrap: DEFAULT_RESAMPLES.to_string(),
            seed: "0".to_string(),
            columns: String::new(),
        }
    }
}

/// A one-line field's text on its line (a text input holds no line break; one would end it).
fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

impl PanelInput {
    /// The stored form.
    #[must_use]
    pub fn encode(&self) -> String {
        let columns = if self.columns.is_empty() {
            String::new()
        } else {
            format!("\ncolumns {}", one_line(&self.columns))
        };
        format!(
            "{}\nmethod {}\ndelta {}\ndrop {}\nbootstrap {}\nseed {}{columns}\ntext\n{}",
            header(HEADER),
            self.method.name(),
            one_line(&self.delta),
            one_line(&self.drop),
            one_line(&self.bootstrap),
            one_line(&self.seed),
            self.text
        )
    }

    /// Reads the stored form back, or says why it cannot be used.
    pub fn decode(stored: &str) -> Result<Self, String> {
        let (head, text) = stored.split_once("\ntext\n").ok_or("no runs' text")?;
        let mut lines = Lines::new(head, HEADER)?;
        let method = Method::parse(lines.value("method")?).map_err(|e| e.to_string())?;
        let input = PanelInput {
            text: text.to_string(),
            method,
            delta: lines.value("delta")?.to_string(),
            drop: lines.value("drop")?.to_string(),
            bootstrap: lines.value("bootstrap")?.to_string(),
            seed: lines.value("seed")?.to_string(),
            columns: if lines.next_is("columns") {
                lines.value("columns")?.to_string()
            } else {
                String::new()
            },
        };
        lines.end()?;
        Ok(input)
    }
}
