//! Reading the table: its separator, header line and rows, and which column holds N, D, C, the
//! loss and the budget ([`ColumnMap`]; the headers are read in `headers`).

use crate::fit::runs::headers::{map_columns, ColumnChoice};
use crate::fit::runs::row_problem::RowProblem;
use crate::fit::FitError;
use crate::i18n::{fit as cat, Lang};

/// Which input column (0-based index and header text) each quantity was read from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ColumnMap {
    /// Parameter count column.
    pub params: Option<(usize, String)>,
    /// Token count column.
    pub tokens: Option<(usize, String)>,
    /// Compute column.
    pub flops: Option<(usize, String)>,
    /// Loss column.
    pub loss: Option<(usize, String)>,
    /// Optional compute-budget (IsoFLOP group) column.
    pub budget: Option<(usize, String)>,
    /// What each value of the N, D and C columns is multiplied by, from a unit in the header:
    /// `params (B)` 1e9, `total_gflops` 1e9 (1 without one).
    pub scale: Scales,
}

/// The factors a header's unit sets (see [`ColumnMap::scale`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scales {
    pub params: f64,
    pub tokens: f64,
    pub flops: f64,
}

impl Default for Scales {
    fn default() -> Self {
        Scales {
            params: 1.0,
            tokens: 1.0,
            flops: 1.0,
        }
    }
}

impl ColumnMap {
    /// Where each quantity comes from, for the page: ("N", "“params” (column 1)"), and for a
    /// quantity without a column how it is derived ("computed as C/(6N)") or "not found".
    #[must_use]
    pub fn mapping(&self, lang: Lang) -> Vec<(&'static str, String)> {
        let col = |c: &Option<(usize, String)>, otherwise: &str| {
            c.as_ref().map_or_else(
                || otherwise.to_string(),
                |(i, name)| cat::col_named(lang, name, &(i + 1)),
            )
        };
        let flops = match (&self.flops, &self.budget) {
            (None, Some((i, name))) if self.budget_is_compute() => {
                cat::col_flops_from_budget(lang, name, &(i + 1))
            }
            _ => col(&self.flops, cat::col_flops_computed(lang)),
        };
        let params = if self.params.is_none() && self.tokens.is_some() && self.has_compute() {
            cat::col_params_computed(lang).to_string()
        } else {
            col(&self.params, cat::col_not_found(lang))
        };
        let mut out = vec![
            ("N", params),
            ("D", col(&self.tokens, cat::col_tokens_computed(lang))),
            ("C", flops),
            ("loss", col(&self.loss, cat::col_not_found(lang))),
        ];
        if self.budget.is_some() {
            out.push(("budget", col(&self.budget, "")));
        }
        out
    }

    /// True when a compute column is there, or a budget column that stands for it.
    #[must_use]
    pub fn has_compute(&self) -> bool {
        self.flops.is_some() || self.budget.is_some()
    }

    /// True when the budget column is read as each run's compute: the file has no FLOPs column
    /// and lacks N or D (an IsoFLOP sweep logged as budget and tokens, say), so C is the budget.
    #[must_use]
    pub fn budget_is_compute(&self) -> bool {
        self.flops.is_none()
            && self.budget.is_some()
            && (self.params.is_none() || self.tokens.is_none())
    }
}

fn detect_separator(header: &str) -> char {
    if header.contains('\t') {
        '\t'
    } else if header.contains(',') {
        ','
    } else if header.contains(';') {
        ';'
    } else {
        ','
    }
}

/// The header line's fields: split by the csv reader like every other row.
pub(super) fn header_fields(line: &str, sep: char) -> Vec<String> {
    match records(line, sep).into_iter().next() {
        Some((_, Ok(fields))) => fields,
        _ => Vec::new(),
    }
}

/// A line that is not data: blank, or a comment starting with `#`.
fn ignored(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// The first data line (not blank, not a comment) with its 1-based number.
fn first_line(text: &str) -> Option<(usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .find(|(_, l)| !ignored(l))
}

/// One row as read: its 1-based line number and its fields, or why the line cannot be read.
pub(crate) type Record = (usize, Result<Vec<String>, RowProblem>);

/// One line split into trimmed fields by the `csv` crate, so a quoted field may hold the
/// separator (`"model, 1B"`) or a doubled quote. A field's stray surrounding quotes (`  "x"`,
/// which RFC 4180 reads literally because of the space) are removed as well.
fn split_line(line: &str, sep: char) -> Result<Vec<String>, RowProblem> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(u8::try_from(sep).unwrap_or(b','))
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .buffer_capacity(line.len().max(64))
        .from_reader(line.as_bytes());
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(_) => {}
        Err(e) => return Err(RowProblem::Unreadable(e.to_string())),
    }
    let fields: Vec<String> = record
        .iter()
        .map(|f| f.trim_matches('"').trim().to_string())
        .collect();
    // An opening quote with no closing one swallows the rest of the line into one field.
    if line.matches('"').count() % 2 == 1 && fields.iter().any(|f| f.contains(sep)) {
        return Err(RowProblem::UnclosedQuote);
    }
    Ok(fields)
}

/// Every data row of `text` (blank lines and `#` comments left out), one row per line, with
/// its 1-based line number.
pub(crate) fn records(text: &str, sep: char) -> Vec<Record> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !ignored(l))
        .map(|(line, l)| (line, split_line(l, sep)))
        .collect()
}

/// Reads the header of `text`: separator, header names, column mapping (with the columns the
/// reader chose), and the data rows after the header.
pub(crate) fn read_table(
    text: &str,
    chosen: &ColumnChoice,
) -> Result<(char, Vec<String>, ColumnMap, Vec<Record>), FitError> {
    let (header_line, header) = first_line(text).ok_or(FitError::NoHeader)?;
    let sep = detect_separator(header);
    let headers = header_fields(header, sep);
    if headers.is_empty() || headers.iter().all(|h| h.parse::<f64>().is_ok()) {
        return Err(FitError::NoHeader);
    }
    let columns = map_columns(&headers, chosen)?;
    let rows = records(text, sep)
        .into_iter()
        .filter(|(line, _)| *line > header_line)
        .collect();
    Ok((sep, headers, columns, rows))
}
