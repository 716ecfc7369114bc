//! The results table in the forms it leaves the page in: the command line's aligned text,
//! GitHub-flavoured Markdown and RFC 4180 CSV.

use super::table::Table;
use crate::i18n::table as cat;

/// The class of the inference-aware columns, which the text form lists in a section of its own.
const INFERENCE_PREFIX: &str = "inf-";

impl Table {
    /// A plain-text table with aligned columns and law ids, as the command line prints it; the
    /// inference-aware columns are left to [`super::text`]'s own section.
    #[must_use]
    pub fn text(&self) -> String {
        let keep: Vec<usize> = (0..self.columns.len())
            .filter(|&i| !self.columns[i].class().starts_with(INFERENCE_PREFIX))
            .collect();
        let width = |i: usize| {
            self.rows
                .iter()
                .map(|r| r.cells[i].text.chars().count())
                .chain([self.columns[i].header.chars().count()])
                .max()
                .unwrap_or(0)
        };
        let widths: Vec<usize> = keep.iter().map(|&i| width(i)).collect();
        let mut out = format!("{:<18}", "law");
        for (&i, w) in keep.iter().zip(&widths) {
            out.push_str(&format!("  {:>w$}", self.columns[i].header));
        }
        out.push('\n');
        for row in &self.rows {
            out.push_str(&format!("{:<18}", row.id.as_str()));
            match &row.error {
                Some(e) => out.push_str(&format!(" {e}")),
                None => {
                    for (&i, w) in keep.iter().zip(&widths) {
                        out.push_str(&format!("  {:>w$}", row.cells[i].text));
                    }
                }
            }
            out.push('\n');
        }
        out
    }

    /// A GitHub-flavoured Markdown table (pipes in text escaped).
    #[must_use]
    pub fn markdown(&self) -> String {
        let esc = |s: &str| s.replace('|', "\\|");
        let mut out = format!(
            "| {} | {} |\n|---|{}\n",
            cat::law(self.lang),
            self.columns
                .iter()
                .map(|c| esc(&c.header))
                .collect::<Vec<_>>()
                .join(" | "),
            "---:|".repeat(self.columns.len())
        );
        for row in &self.rows {
            out.push_str(&format!(
                "| {} | {} |\n",
                esc(&row.name),
                row.cells
                    .iter()
                    .map(|c| esc(&c.text))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ));
        }
        out
    }

    /// RFC 4180 CSV, with a `law_id` column first.
    #[must_use]
    pub fn csv(&self) -> String {
        let quote = |s: &str| {
            if s.contains([',', '"', '\n']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        };
        let mut out = String::from("law_id,law");
        for c in &self.columns {
            out.push(',');
            out.push_str(&quote(&c.header));
        }
        out.push('\n');
        for row in &self.rows {
            out.push_str(row.id.as_str());
            out.push(',');
            out.push_str(&quote(&row.name));
            for c in &row.cells {
                out.push(',');
                out.push_str(&quote(&c.text));
            }
            out.push('\n');
        }
        out
    }
}
