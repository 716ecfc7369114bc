//! Reading training runs from CSV or TSV text: columns found by header, D = C/(6N) or C = 6ND
//! filled in, and every row that is not used accounted for with its line number.

pub mod columns;
pub mod example;
pub mod headers;
pub mod row_problem;

pub use crate::fit::runs::columns::ColumnMap;
use crate::fit::runs::columns::{read_table, Record};
pub use crate::fit::runs::headers::{parse_choice, ColumnChoice, Quantity};
use crate::fit::runs::row_problem::RowProblem;
use crate::fit::FitError;
use crate::i18n::{fit as cat, Lang};

/// One training run: model size, tokens, compute and final loss.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Run {
    /// 1-based line number in the input text.
    pub line: usize,
    /// Parameter count N.
    pub n_params: f64,
    /// Training tokens D.
    pub n_tokens: f64,
    /// Training compute C in FLOPs.
    pub flops: f64,
    /// Final loss (nats/token).
    pub loss: f64,
    /// The compute budget this run belongs to, when the file has a budget column.
    pub budget: Option<f64>,
}

/// A row that was not used, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct SkippedRow {
    /// 1-based line number in the input text.
    pub line: usize,
    /// Why (English by `Display`, the page's language by `text`).
    pub reason: RowProblem,
}

/// Runs read from a file, with the column mapping and the rows left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// The runs that will be fitted.
    pub runs: Vec<Run>,
    /// Rows that could not be used, with line numbers and reasons.
    pub skipped: Vec<SkippedRow>,
    /// Valid runs left out on purpose by [`Dataset::drop_highest_loss`].
    pub dropped: Vec<Run>,
    /// How columns were mapped.
    pub columns: ColumnMap,
    /// The field separator that was detected.
    pub separator: char,
}

impl Dataset {
    /// Leaves out the `k` runs with the highest loss (Epoch left out 5), recording them in
    /// [`Dataset::dropped`]. Ties keep the earlier line.
    pub fn drop_highest_loss(&mut self, k: usize) {
        let k = k.min(self.runs.len());
        let mut order: Vec<usize> = (0..self.runs.len()).collect();
        crate::sort::sort_by(&mut order, |&i, &j| {
            self.runs[j]
                .loss
                .total_cmp(&self.runs[i].loss)
                .then(i.cmp(&j))
        });
        let mut drop_mask = vec![false; self.runs.len()];
        for &i in &order[..k] {
            drop_mask[i] = true;
        }
        let mut kept = Vec::with_capacity(self.runs.len() - k);
        for (run, dropped) in self.runs.iter().zip(drop_mask) {
            if dropped {
                self.dropped.push(*run);
            } else {
                kept.push(*run);
            }
        }
        crate::sort::sort_by_key(&mut self.dropped, |r| r.line);
        self.runs = kept;
    }

    /// One line for the user: how many rows were used and why the others were not.
    #[must_use]
    pub fn summary(&self) -> String {
        self.summary_in(Lang::En)
    }

    /// [`Dataset::summary`] in `lang`, for the page.
    #[must_use]
    pub fn summary_in(&self, lang: Lang) -> String {
        let mut s = cat::rows_used(lang, &self.runs.len());
        if !self.dropped.is_empty() {
            s.push_str(&cat::rows_left_out(lang, &self.dropped.len()));
        }
        if !self.skipped.is_empty() {
            s.push_str(&cat::rows_unusable(lang, &self.skipped.len()));
        }
        s
    }
}

/// Parses one positive, finite number or says why not.
fn positive(fields: &[String], col: usize, name: &'static str) -> Result<f64, RowProblem> {
    let raw = field(fields, col, name)?;
    let v: f64 = raw.parse().map_err(|_| RowProblem::NotANumber {
        name,
        raw: raw.to_string(),
    })?;
    if !v.is_finite() || v <= 0.0 {
        return Err(RowProblem::NotPositive {
            name,
            raw: raw.to_string(),
        });
    }
    Ok(v)
}

/// Parses one count (N, D or C) as people write them in notes, `70M`, `1.4B`, `2.6T`, `700亿`,
/// `6e18` (the page's quantity parser), times the column's unit `scale`.
fn count(fields: &[String], col: usize, name: &'static str, scale: f64) -> Result<f64, RowProblem> {
    let raw = field(fields, col, name)?;
    // A plain number as Rust reads it first, so a file that read before reads the same bits.
    match raw.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => return Ok(v * scale),
        Ok(_) => {
            return Err(RowProblem::NotPositive {
                name,
                raw: raw.to_string(),
            })
        }
        Err(_) => {}
    }
    crate::law::quantity::parse_count(raw)
        .map(|v| v * scale)
        .map_err(|_| RowProblem::NotANumber {
            name,
            raw: raw.to_string(),
        })
}

/// The field in column `col`, or why there is none.
fn field<'a>(fields: &'a [String], col: usize, name: &'static str) -> Result<&'a str, RowProblem> {
    let raw = fields.get(col).ok_or(RowProblem::Missing {
        name,
        column: col + 1,
    })?;
    if raw.is_empty() {
        return Err(RowProblem::Empty(name));
    }
    Ok(raw)
}

/// The pasted or uploaded text as runs (`None` while it is empty), with the `drop_k`
/// highest-loss runs left out.
#[must_use]
pub fn read_input(text: &str, drop_k: usize) -> Option<Result<Dataset, FitError>> {
    read_input_with(text, drop_k, &[])
}

/// [`read_input`] with the columns the reader chose by header.
#[must_use]
pub fn read_input_with(
    text: &str,
    drop_k: usize,
    chosen: &ColumnChoice,
) -> Option<Result<Dataset, FitError>> {
    if text.trim().is_empty() {
        return None;
    }
    Some(parse_runs_with(text, chosen).map(|mut ds| {
        ds.drop_highest_loss(drop_k);
        ds
    }))
}

/// Each data row (after the header) read by `row`: the values it made, and the lines it
/// could not use with the reason. The one row reader of [`parse_runs`] and [`parse_envelope`].
fn read_rows<T>(
    rows: Vec<Record>,
    row: impl Fn(&[String], usize) -> Result<T, RowProblem>,
) -> (Vec<T>, Vec<SkippedRow>) {
    let mut values = Vec::new();
    let mut skipped = Vec::new();
    for (line, fields) in rows {
        match fields.and_then(|f| row(&f, line)) {
            Ok(v) => values.push(v),
            Err(reason) => skipped.push(SkippedRow { line, reason }),
        }
    }
    (values, skipped)
}

/// The column index of a required column, or the error naming what is wanted.
fn required(
    column: Option<&(usize, String)>,
    wanted: &'static str,
    headers: &[String],
) -> Result<usize, FitError> {
    column.map(|c| c.0).ok_or_else(|| FitError::MissingColumn {
        wanted,
        headers: headers.to_vec(),
    })
}

/// Parses training runs from CSV or TSV text with a header line.
///
/// Needs a loss column and two of N, D and C (a budget column stands for C when the file has no
/// FLOPs column and lacks N or D); the third is filled in by C = 6ND. Counts may be written as
/// in notes (`70M`, `1.4B`, `700亿`) and a header's unit scales its column (`params (B)`).
/// Blank lines and lines starting with `#` are ignored; every other row is either used or
/// listed in [`Dataset::skipped`] with its reason. Extra columns are ignored.
pub fn parse_runs(text: &str) -> Result<Dataset, FitError> {
    parse_runs_with(text, &[])
}

/// [`parse_runs`] with the columns the reader chose by header (the command line's
/// `--columns flops=compute_budget`); the others are found by their headers as usual.
pub fn parse_runs_with(text: &str, chosen: &ColumnChoice) -> Result<Dataset, FitError> {
    let (sep, headers, columns, rows) = read_table(text, chosen)?;
    let loss_col = required(columns.loss.as_ref(), "loss", &headers)?;
    let params_col = columns.params.as_ref().map(|c| c.0);
    let tokens_col = columns.tokens.as_ref().map(|c| c.0);
    let compute = if columns.budget_is_compute() {
        columns.budget.as_ref()
    } else {
        columns.flops.as_ref()
    };
    let flops_col = compute.map(|c| c.0);
    let present = [params_col, tokens_col, flops_col]
        .iter()
        .filter(|c| c.is_some())
        .count();
    if present < 2 {
        return Err(FitError::MissingColumn {
            wanted: match (params_col, tokens_col, flops_col) {
                (Some(_), None, None) => "tokens (D) or FLOPs (C)",
                _ => super::error::TWO_OF,
            },
            headers,
        });
    }
    let budget_col = columns.budget.as_ref().map(|c| c.0);
    let scale = columns.scale;
    let flops_scale = if columns.budget_is_compute() {
        1.0
    } else {
        scale.flops
    };
    let (runs, skipped) = read_rows(rows, |fields, line| {
        let optional = |col: Option<usize>, name, scale| {
            col.map(|c| count(fields, c, name, scale)).transpose()
        };
        let loss = positive(fields, loss_col, "loss")?;
        let (n_params, n_tokens, flops) = match (
            optional(params_col, "params", scale.params)?,
            optional(tokens_col, "tokens", scale.tokens)?,
            optional(flops_col, "FLOPs", flops_scale)?,
        ) {
            (Some(n), Some(d), Some(c)) => (n, d, c),
            (Some(n), Some(d), None) => (n, d, 6.0 * n * d),
            (Some(n), None, Some(c)) => (n, c / (6.0 * n), c),
            (None, Some(d), Some(c)) => (c / (6.0 * d), d, c),
            _ => return Err(RowProblem::NoTokensOrFlops),
        };
        if ![n_params, n_tokens, flops]
            .iter()
            .all(|x| x.is_finite() && *x > 0.0)
        {
            return Err(RowProblem::OutOfRange);
        }
        Ok(Run {
            line,
            n_params,
            n_tokens,
            flops,
            loss,
            budget: optional(budget_col, "budget", 1.0)?,
        })
    });
    Ok(Dataset {
        runs,
        skipped,
        dropped: Vec::new(),
        columns,
        separator: sep,
    })
}

/// A point on the compute-optimal envelope, as Approach 1 reads it.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EnvelopePoint {
    /// 1-based line number in the input text.
    pub line: usize,
    /// Compute C in FLOPs.
    pub flops: f64,
    /// Loss-minimising parameter count at this compute.
    pub n_params: f64,
    /// Loss-minimising token count (given, or C/(6N)).
    pub n_tokens: f64,
}

/// Parses envelope points (C, N_opt[, D_opt]) for Approach 1; D = C/(6N) when absent.
/// Returns the points and the rows that could not be used.
pub fn parse_envelope(text: &str) -> Result<(Vec<EnvelopePoint>, Vec<SkippedRow>), FitError> {
    parse_envelope_with(text, &[])
}

/// [`parse_envelope`] with the columns the reader chose by header.
pub fn parse_envelope_with(
    text: &str,
    chosen: &ColumnChoice,
) -> Result<(Vec<EnvelopePoint>, Vec<SkippedRow>), FitError> {
    let (_, headers, columns, rows) = read_table(text, chosen)?;
    let params_col = required(columns.params.as_ref(), "params (N)", &headers)?;
    let flops_col = required(columns.flops.as_ref(), "FLOPs (C)", &headers)?;
    let tokens_col = columns.tokens.as_ref().map(|c| c.0);
    let scale = columns.scale;
    Ok(read_rows(rows, |fields, line| {
        let n_params = count(fields, params_col, "params", scale.params)?;
        let flops = count(fields, flops_col, "FLOPs", scale.flops)?;
        let n_tokens = match tokens_col {
            Some(c) => count(fields, c, "tokens", scale.tokens)?,
            None => flops / (6.0 * n_params),
        };
        Ok(EnvelopePoint {
            line,
            flops,
            n_params,
            n_tokens,
        })
    }))
}

/// The pasted text as envelope points for Approach 1, when it is one: a table with N and C
/// columns and no loss column (`C,N_opt` as Hoffmann et al. 2022, Table A3 lists them). `None`
/// for anything else, which then reads as runs.
#[must_use]
pub fn read_envelope(text: &str) -> Option<(Vec<EnvelopePoint>, Vec<SkippedRow>)> {
    read_envelope_with(text, &[])
}

/// [`read_envelope`] with the columns the reader chose by header.
#[must_use]
pub fn read_envelope_with(
    text: &str,
    chosen: &ColumnChoice,
) -> Option<(Vec<EnvelopePoint>, Vec<SkippedRow>)> {
    if text.trim().is_empty() {
        return None;
    }
    let (_, _, columns, _) = read_table(text, chosen).ok()?;
    if columns.loss.is_some() {
        return None;
    }
    parse_envelope_with(text, chosen).ok()
}

#[cfg(test)]
mod tests;
