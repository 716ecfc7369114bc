//! Finding columns by header: which column holds N, D, C, the loss and the budget.

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
        let mut out = vec![
            ("N", col(&self.params, cat::col_not_found(lang))),
            ("D", col(&self.tokens, cat::col_tokens_computed(lang))),
            ("C", col(&self.flops, cat::col_flops_computed(lang))),
            ("loss", col(&self.loss, cat::col_not_found(lang))),
        ];
        if self.budget.is_some() {
            out.push(("budget", col(&self.budget, "")));
        }
        out
    }
}

const PARAMS_KEYS: &[&str] = &[
    "params",
    // Envelope points (Approach 1): "N_opt" is the loss-minimising N at a compute.
    "n opt",
    "n optimal",
    "parameters",
    "n",
    "model size",
    "n params",
    "num params",
    "model params",
    "parameter count",
];
const TOKENS_KEYS: &[&str] = &[
    "tokens",
    "d opt",
    "d optimal",
    "d",
    "n tokens",
    "d tokens",
    "num tokens",
    "training tokens",
    "data",
];
const FLOPS_KEYS: &[&str] = &[
    "flops",
    "c",
    "training flop",
    "training flops",
    "flop",
    "c flops",
    "compute",
    "training compute",
];
const LOSS_KEYS: &[&str] = &[
    "loss",
    "final loss",
    "smoothed loss",
    "eval loss",
    "val loss",
];
const BUDGET_KEYS: &[&str] = &["budget", "flop budget", "compute budget", "isoflop"];

/// Lower-cased words of a header: "Model_Size (params)" → ["model", "size", "params"].
/// ASCII only: the keys are ASCII, and Unicode case tables would cost the page ~10 KB.
fn words(header: &str) -> Vec<String> {
    header
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// How well a header names a quantity: 3 exact, 2 starts with the key, 1 ends with it, 0 no.
fn score(header: &str, keys: &[&str]) -> u8 {
    // A ratio such as "Tokens/Params" names neither quantity.
    if header.contains('/') {
        return 0;
    }
    let hw = words(header);
    let mut best = 0;
    for key in keys {
        let kw: Vec<&str> = key.split(' ').collect();
        let single_letter = kw.len() == 1 && kw[0].len() == 1;
        let s = if hw.iter().map(String::as_str).eq(kw.iter().copied()) {
            3
        } else if single_letter || hw.len() < kw.len() {
            0
        } else if hw[..kw.len()]
            .iter()
            .map(String::as_str)
            .eq(kw.iter().copied())
        {
            2
        } else if hw[hw.len() - kw.len()..]
            .iter()
            .map(String::as_str)
            .eq(kw.iter().copied())
        {
            1
        } else {
            0
        };
        best = best.max(s);
    }
    best
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
fn header_fields(line: &str, sep: char) -> Vec<String> {
    match records(line, sep).into_iter().next() {
        Some((_, Ok(fields))) => fields,
        _ => Vec::new(),
    }
}

/// Maps headers to quantities: each quantity takes its best-scoring unused column.
fn map_columns(headers: &[String]) -> ColumnMap {
    let mut used = vec![false; headers.len()];
    let mut pick = |keys: &[&str]| -> Option<(usize, String)> {
        let mut best: Option<(u8, usize)> = None;
        for (i, h) in headers.iter().enumerate() {
            let s = score(h, keys);
            if s > 0 && !used[i] && best.is_none_or(|(bs, _)| s > bs) {
                best = Some((s, i));
            }
        }
        best.map(|(_, i)| {
            used[i] = true;
            (i, headers[i].clone())
        })
    };
    // Most specific first, so "flop budget" is not taken as the FLOPs column.
    let budget = pick(BUDGET_KEYS);
    let loss = pick(LOSS_KEYS);
    let flops = pick(FLOPS_KEYS);
    let tokens = pick(TOKENS_KEYS);
    let params = pick(PARAMS_KEYS);
    ColumnMap {
        params,
        tokens,
        flops,
        loss,
        budget,
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

/// Reads the header of `text`: separator, header names, column mapping, and the data rows
/// after the header.
pub(crate) fn read_table(
    text: &str,
) -> Result<(char, Vec<String>, ColumnMap, Vec<Record>), FitError> {
    let (header_line, header) = first_line(text).ok_or(FitError::NoHeader)?;
    let sep = detect_separator(header);
    let headers = header_fields(header, sep);
    if headers.is_empty() || headers.iter().all(|h| h.parse::<f64>().is_ok()) {
        return Err(FitError::NoHeader);
    }
    let columns = map_columns(&headers);
    let rows = records(text, sep)
        .into_iter()
        .filter(|(line, _)| *line > header_line)
        .collect();
    Ok((sep, headers, columns, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words_pick_the_right_columns() {
        // Headers as in Epoch's extraction of Chinchilla Fig. 4 (Besiroglu et al. 2024), in
        // Sardana et al. 2024's training results, and in the same Fig. 4 rows as N, D, C, loss.
        let epoch = map_columns(&header_fields(
            "x,y,color,Model Size,Training FLOP,hex_color,loss",
            ',',
        ));
        assert_eq!(epoch.params.unwrap().0, 3);
        assert_eq!(epoch.flops.unwrap().0, 4);
        assert_eq!(epoch.loss.unwrap().0, 6);
        assert!(epoch.tokens.is_none());
        let sardana = map_columns(&header_fields(
            "Model Name,Parameters,Tokens/Params,Tokens,Batch Size,Smoothed Loss",
            ',',
        ));
        assert_eq!(sardana.params.unwrap().0, 1);
        assert_eq!(sardana.tokens.unwrap().0, 3);
        assert_eq!(sardana.loss.unwrap().0, 5);
        let short = map_columns(&header_fields("N\tD\tC\tLoss", '\t'));
        assert_eq!((short.params.unwrap().0, short.tokens.unwrap().0), (0, 1));
        assert_eq!((short.flops.unwrap().0, short.loss.unwrap().0), (2, 3));
    }
}
