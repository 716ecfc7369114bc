//! Reading training runs from CSV or TSV text: columns found by header, D = C/(6N) or C = 6ND
//! filled in, and every row that is not used accounted for with its line number.

pub mod columns;
pub mod example;
pub mod row_problem;

pub use crate::fit::runs::columns::ColumnMap;
use crate::fit::runs::columns::{read_table, Record};
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
    let raw = fields.get(col).ok_or(RowProblem::Missing {
        name,
        column: col + 1,
    })?;
    if raw.is_empty() {
        return Err(RowProblem::Empty(name));
    }
    let v: f64 = raw.parse().map_err(|_| RowProblem::NotANumber {
        name,
        raw: raw.clone(),
    })?;
    if !v.is_finite() || v <= 0.0 {
        return Err(RowProblem::NotPositive {
            name,
            raw: raw.clone(),
        });
    }
    Ok(v)
}

/// The pasted or uploaded text as runs (`None` while it is empty), with the `drop_k`
/// highest-loss runs left out.
#[must_use]
pub fn read_input(text: &str, drop_k: usize) -> Option<Result<Dataset, FitError>> {
    if text.trim().is_empty() {
        return None;
    }
    Some(parse_runs(text).map(|mut ds| {
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
/// Needs a params column, a loss column and a tokens or FLOPs column; D = C/(6N) or C = 6ND is
/// filled in when only one is present. Blank lines and lines starting with `#` are ignored;
/// every other row is either used or listed in [`Dataset::skipped`] with its reason.
pub fn parse_runs(text: &str) -> Result<Dataset, FitError> {
    let (sep, headers, columns, rows) = read_table(text)?;
    let params_col = required(columns.params.as_ref(), "params (N)", &headers)?;
    let loss_col = required(columns.loss.as_ref(), "loss", &headers)?;
    let tokens_col = columns.tokens.as_ref().map(|c| c.0);
    let flops_col = columns.flops.as_ref().map(|c| c.0);
    if tokens_col.is_none() && flops_col.is_none() {
        required(None, "tokens (D) or FLOPs (C)", &headers)?;
    }
    let budget_col = columns.budget.as_ref().map(|c| c.0);
    let (runs, skipped) = read_rows(rows, |fields, line| {
        let optional =
            |col: Option<usize>, name| col.map(|c| positive(fields, c, name)).transpose();
        let n_params = positive(fields, params_col, "params")?;
        let loss = positive(fields, loss_col, "loss")?;
        let (n_tokens, flops) = match (
            optional(tokens_col, "tokens")?,
            optional(flops_col, "FLOPs")?,
        ) {
            (Some(d), Some(c)) => (d, c),
            (Some(d), None) => (d, 6.0 * n_params * d),
            (None, Some(c)) => (c / (6.0 * n_params), c),
            (None, None) => return Err(RowProblem::NoTokensOrFlops),
        };
        if !(n_tokens.is_finite() && n_tokens > 0.0 && flops.is_finite()) {
            return Err(RowProblem::OutOfRange);
        }
        Ok(Run {
            line,
            n_params,
            n_tokens,
            flops,
            loss,
            budget: optional(budget_col, "budget")?,
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
    let (_, headers, columns, rows) = read_table(text)?;
    let params_col = required(columns.params.as_ref(), "params (N)", &headers)?;
    let flops_col = required(columns.flops.as_ref(), "FLOPs (C)", &headers)?;
    let tokens_col = columns.tokens.as_ref().map(|c| c.0);
    Ok(read_rows(rows, |fields, line| {
        let n_params = positive(fields, params_col, "params")?;
        let flops = positive(fields, flops_col, "FLOPs")?;
        let n_tokens = match tokens_col {
            Some(c) => positive(fields, c, "tokens")?,
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
    if text.trim().is_empty() {
        return None;
    }
    let (_, _, columns, _) = read_table(text).ok()?;
    if columns.loss.is_some() {
        return None;
    }
    parse_envelope(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_rows_are_listed_with_line_numbers() {
        let text =
            "params,tokens,loss\n1e9,2e10,2.5\n\n# comment\nabc,2e10,2.5\n1e9,-1,2.5\n1e9,2e10\n";
        let ds = parse_runs(text).unwrap();
        assert_eq!(ds.runs.len(), 1);
        // C = 6ND filled in: 6 · 1e9 · 2e10 = 1.2e20 (hand computation).
        assert!((ds.runs[0].flops - 1.2e20).abs() < 1e6);
        let lines: Vec<usize> = ds.skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, vec![5, 6, 7]);
        assert!(ds.skipped[0].reason.to_string().contains("not a number"));
        assert!(ds.skipped[1].reason.to_string().contains("positive"));
        assert!(ds.skipped[2].reason.to_string().contains("missing"));
    }

    /// Files as spreadsheets export them: a quoted name holding the separator, a doubled quote,
    /// comments, blank lines and a tab-separated file. Expected values are the hand-typed rows.
    #[test]
    fn quoted_fields_keep_their_separators_and_rows_their_line_numbers() {
        let text = "name,params,tokens,loss\n# exported\n\"model, 1B\",1e9,2e10,2.5\n\n\"a \"\"big\"\", 2B\",2e9,4e10,2.3\n\"unclosed, 1B,1e9,2e10,2.5\nplain \"x,3e9,6e10,2.2\n";
        let ds = parse_runs(text).unwrap();
        let got: Vec<(usize, f64, f64)> = ds
            .runs
            .iter()
            .map(|r| (r.line, r.n_params, r.loss))
            .collect();
        assert_eq!(got, vec![(3, 1e9, 2.5), (5, 2e9, 2.3), (7, 3e9, 2.2)]);
        assert_eq!(ds.skipped.len(), 1);
        assert_eq!(ds.skipped[0].line, 6);
        assert!(
            ds.skipped[0].reason.to_string().contains("quoted field"),
            "{:?}",
            ds.skipped
        );
        let tsv = parse_runs("N\tD\tloss\n\"1e9\"\t2e10\t2.5\n# note\n2e9\t4e10\t2.3\n").unwrap();
        assert_eq!(tsv.separator, '\t');
        let lines: Vec<usize> = tsv.runs.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 4]);
    }

    #[test]
    fn missing_columns_and_headers_are_typed_errors() {
        assert_eq!(parse_runs(""), Err(FitError::NoHeader));
        assert_eq!(parse_runs("1,2,3\n4,5,6"), Err(FitError::NoHeader));
        assert!(matches!(
            parse_runs("params,loss\n1,2"),
            Err(FitError::MissingColumn { .. })
        ));
    }

    /// `C,N_opt` without a loss column reads as envelope points (D = C/(6N), hand computed);
    /// runs with a loss column, or text without an N column, do not.
    #[test]
    fn envelope_points_are_told_from_runs() {
        let (points, skipped) = read_envelope("C,N_opt\n6e20,1e10\n6e21,x\n").unwrap();
        assert_eq!(points.len(), 1);
        assert_eq!((points[0].flops, points[0].n_params), (6e20, 1e10));
        assert!((points[0].n_tokens / 1e10 - 1.0).abs() < 1e-12);
        assert_eq!(skipped[0].line, 3);
        let with_d = read_envelope("C,N_opt,D_opt\n6e20,1e10,2e10\n").unwrap().0;
        assert_eq!(with_d[0].n_tokens, 2e10);
        assert!(read_envelope("params,tokens,loss\n1e9,2e10,2.5\n").is_none());
        assert!(read_envelope("C,loss\n1e20,2.5\n").is_none());
        assert!(read_envelope("  ").is_none());
    }

    #[test]
    fn drop_highest_loss_removes_the_k_largest() {
        let text = "n,d,loss\n1,1,3\n1,1,5\n1,1,4\n1,1,1\n";
        let mut ds = parse_runs(text).unwrap();
        ds.drop_highest_loss(2);
        let kept: Vec<f64> = ds.runs.iter().map(|r| r.loss).collect();
        assert_eq!(kept, vec![3.0, 1.0]);
        let dropped: Vec<usize> = ds.dropped.iter().map(|r| r.line).collect();
        assert_eq!(dropped, vec![3, 4]);
    }
}
