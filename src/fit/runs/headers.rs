//! Which column holds which quantity: headers read as people write them (`Model Size`,
//! `compute_budget`, `params (B)`, `throughput/total_tokens`), and the columns a reader chose.

use crate::fit::runs::columns::{ColumnMap, Scales};
use crate::fit::FitError;

/// A quantity a column can hold, as the command line's `--columns` and the page's column
/// choice name it (`flops=compute_budget`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    Params,
    Tokens,
    Flops,
    Loss,
    Budget,
}

impl Quantity {
    /// Every quantity with its names: the first is the one written back.
    pub const NAMES: [(Quantity, &'static [&'static str]); 5] = [
        (Quantity::Params, &["params", "n"]),
        (Quantity::Tokens, &["tokens", "d"]),
        (Quantity::Flops, &["flops", "c"]),
        (Quantity::Loss, &["loss"]),
        (Quantity::Budget, &["budget"]),
    ];

    /// The quantity `name` names (`params`, `n`, `tokens`, `d`, `flops`, `c`, `loss`, `budget`,
    /// any case).
    #[must_use]
    pub fn parse(name: &str) -> Option<Quantity> {
        let name = name.trim().to_ascii_lowercase();
        Self::NAMES
            .iter()
            .find(|(_, names)| names.contains(&name.as_str()))
            .map(|(q, _)| *q)
    }
}

/// Columns a reader chose by header, each for a quantity; the rest are found as usual.
pub type ColumnChoice = [(Quantity, String)];

/// Reads `flops=compute_budget,tokens=training_tokens` into a [`ColumnChoice`], or says which
/// part is not `quantity=header` with a known quantity.
pub fn parse_choice(text: &str) -> Result<Vec<(Quantity, String)>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (quantity, header) = part.split_once('=').ok_or_else(|| part.to_string())?;
            let quantity = Quantity::parse(quantity).ok_or_else(|| part.to_string())?;
            let header = header.trim();
            if header.is_empty() {
                return Err(part.to_string());
            }
            Ok((quantity, header.to_string()))
        })
        .collect()
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
    "n parameters",
    "num parameters",
    "non embedding params",
    "nonembedding params",
    "non embedding parameters",
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
    "train tokens",
    "tokens seen",
    "total tokens",
    "tokens trained",
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
    "total flops",
    "gflops",
    "total gflops",
    "tflops",
    "pflops",
];
const LOSS_KEYS: &[&str] = &[
    "loss",
    "final loss",
    "smoothed loss",
    "eval loss",
    "val loss",
    "valid loss",
    "validation loss",
    "test loss",
    "train loss",
    "smooth loss",
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

/// A unit in brackets at the end of a header, `params (B)` or `tokens [T]`: the header
/// without it and the factor it stands for; an unknown unit is left in the header (factor 1).
fn unit(header: &str) -> (&str, f64) {
    let h = header.trim_end();
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let (Some(inner), Some(start)) = (h.strip_suffix(close), h.rfind(open)) {
            let factor = match inner[start + 1..].trim().to_ascii_lowercase().as_str() {
                "k" | "thousand" | "thousands" => 1e3,
                "m" | "mn" | "million" | "millions" => 1e6,
                "b" | "bn" | "billion" | "billions" => 1e9,
                "t" | "trillion" | "trillions" => 1e12,
                _ => continue,
            };
            return (h[..start].trim_end(), factor);
        }
    }
    (h, 1.0)
}

/// The factor a FLOPs header's prefixed word sets: `total_gflops` 1e9 (1 for plain FLOPs).
fn flops_prefix(header: &str) -> f64 {
    let words = words(name(header));
    [("gflop", 1e9), ("tflop", 1e12), ("pflop", 1e15)]
        .iter()
        .find(|(prefix, _)| {
            words.iter().any(|w| {
                w.strip_prefix(prefix)
                    .is_some_and(|rest| rest.is_empty() || rest == "s")
            })
        })
        .map_or(1.0, |(_, f)| *f)
}

/// Whether `part` of a header, alone, names N, D or C (`Tokens`, `N`, `C`).
fn names_a_quantity(part: &str) -> bool {
    [PARAMS_KEYS, TOKENS_KEYS, FLOPS_KEYS]
        .iter()
        .any(|keys| score_name(part, keys) == 3)
}

/// The part of a header that names its column: without a unit in brackets, and the last part
/// of a path (`throughput/total_tokens`, `eval/paloma/macro_loss`). A ratio of two quantities
/// (`Tokens/Params`, `D/N`) names neither: its name is empty.
fn name(header: &str) -> &str {
    let (h, _) = unit(header);
    match h.rsplit_once('/') {
        None => h,
        Some((left, right)) => {
            let left_last = left.rsplit('/').next().unwrap_or(left);
            if names_a_quantity(left_last) && names_a_quantity(right) {
                ""
            } else {
                right
            }
        }
    }
}

/// How well a header names a quantity: 3 exact, 2 starts with the key, 1 ends with it, 0 no.
fn score(header: &str, keys: &[&str]) -> u8 {
    score_name(name(header), keys)
}

/// [`score`] of a header's name part.
fn score_name(header: &str, keys: &[&str]) -> u8 {
    let hw = words(header);
    if hw.is_empty() {
        return 0;
    }
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

/// Maps headers to quantities: each quantity the reader chose takes its column, and every
/// other quantity its best-scoring unused column.
pub(super) fn map_columns(
    headers: &[String],
    chosen: &ColumnChoice,
) -> Result<ColumnMap, FitError> {
    let mut used = vec![false; headers.len()];
    let mut fixed: Vec<(Quantity, (usize, String))> = Vec::new();
    for (quantity, header) in chosen {
        let wanted = header.trim().to_ascii_lowercase();
        let i = headers
            .iter()
            .position(|h| h.trim().to_ascii_lowercase() == wanted)
            .ok_or_else(|| FitError::UnknownColumn {
                header: header.clone(),
                headers: headers.to_vec(),
            })?;
        used[i] = true;
        fixed.retain(|(q, _)| q != quantity);
        fixed.push((*quantity, (i, headers[i].clone())));
    }
    let given = |q: Quantity| fixed.iter().find(|(f, _)| *f == q).map(|(_, c)| c.clone());
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
    let mut choose = |q: Quantity, keys: &[&str]| given(q).or_else(|| pick(keys));
    let budget = choose(Quantity::Budget, BUDGET_KEYS);
    let loss = choose(Quantity::Loss, LOSS_KEYS);
    let flops = choose(Quantity::Flops, FLOPS_KEYS);
    let tokens = choose(Quantity::Tokens, TOKENS_KEYS);
    let params = choose(Quantity::Params, PARAMS_KEYS);
    let factor = |c: &Option<(usize, String)>| c.as_ref().map_or(1.0, |(_, h)| unit(h).1);
    let scale = Scales {
        params: factor(&params),
        tokens: factor(&tokens),
        flops: factor(&flops) * flops.as_ref().map_or(1.0, |(_, h)| flops_prefix(h)),
    };
    Ok(ColumnMap {
        params,
        tokens,
        flops,
        loss,
        budget,
        scale,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fit::runs::columns::header_fields;

    #[test]
    fn header_words_pick_the_right_columns() {
        // Headers as in Epoch's extraction of Chinchilla Fig. 4 (Besiroglu et al. 2024), in
        // Sardana et al. 2024's training results, and in the same Fig. 4 rows as N, D, C, loss.
        let map = |line: &str, sep| map_columns(&header_fields(line, sep), &[]).unwrap();
        let epoch = map("x,y,color,Model Size,Training FLOP,hex_color,loss", ',');
        assert_eq!(epoch.params.unwrap().0, 3);
        assert_eq!(epoch.flops.unwrap().0, 4);
        assert_eq!(epoch.loss.unwrap().0, 6);
        assert!(epoch.tokens.is_none());
        let sardana = map(
            "Model Name,Parameters,Tokens/Params,Tokens,Batch Size,Smoothed Loss",
            ',',
        );
        assert_eq!(sardana.params.unwrap().0, 1);
        assert_eq!(sardana.tokens.unwrap().0, 3);
        assert_eq!(sardana.loss.unwrap().0, 5);
        let short = map("N\tD\tC\tLoss", '\t');
        assert_eq!((short.params.unwrap().0, short.tokens.unwrap().0), (0, 1));
        assert_eq!((short.flops.unwrap().0, short.loss.unwrap().0), (2, 3));
    }
}

/// Headers exactly as published sweeps export them (each file named in the test), and units.
#[cfg(test)]
mod tests_exports {
    use super::*;
    use crate::fit::runs::columns::header_fields;

    fn map(line: &str) -> ColumnMap {
        map_columns(&header_fields(line, ','), &[]).unwrap()
    }

    fn at(c: &Option<(usize, String)>) -> Option<usize> {
        c.as_ref().map(|c| c.0)
    }

    #[test]
    fn published_exports_map_to_their_quantities() {
        // Llama 3 Fig. 2 digitised (eric-czech/llama3_isoflop_extraction, isoflops_points.csv):
        // no params and no FLOPs column, so C is the budget and N = C/(6D).
        let llama = map("compute_budget,training_tokens,validation_loss,x_page,y_page");
        assert_eq!(
            (at(&llama.budget), at(&llama.tokens), at(&llama.loss)),
            (Some(0), Some(1), Some(2))
        );
        assert!(llama.params.is_none() && llama.flops.is_none() && llama.budget_is_compute());
        // Open-Athena's unified schema: N, D and a budget label; C = 6ND, the budget groups.
        let oa = map("source,dataset,model,condition,experiment,tokens,params,budget,loss");
        assert_eq!(
            (at(&oa.tokens), at(&oa.params), at(&oa.budget), at(&oa.loss)),
            (Some(5), Some(6), Some(7), Some(8))
        );
        assert!(!oa.budget_is_compute());
        // Marin's W&B export (quoted, namespaced, compute in GFLOPs).
        let marin = map(
            "\"Name\",\"parameter_count\",\"throughput/total_tokens\",\"throughput/total_gflops\",\
             \"eval/paloma/macro_loss\",\"trainer.train_batch_size\",\"model.hidden_dim\"",
        );
        assert_eq!(
            (
                at(&marin.params),
                at(&marin.tokens),
                at(&marin.flops),
                at(&marin.loss)
            ),
            (Some(1), Some(2), Some(3), Some(4))
        );
        assert_eq!(marin.scale.flops, 1e9);
        // Step Law's dense runs: `loss` before `smooth loss`, and the ratio `D/N` names neither.
        let step = map("h,ffnh,numh,numl,lr,bs,ti,loss,smooth loss,exp_name,D,N,D/N");
        assert_eq!(
            (at(&step.loss), at(&step.tokens), at(&step.params)),
            (Some(7), Some(10), Some(11))
        );
        // "(Mis)fitting" survey runs (hadasah/scaling_laws, scaling_results.csv).
        let misfit = map("loss,C4 Eval Loss,N,N_no_emb,D,C,C_no_emb,C_6ND,train_tokens");
        assert_eq!(
            (
                at(&misfit.loss),
                at(&misfit.params),
                at(&misfit.tokens),
                at(&misfit.flops)
            ),
            (Some(0), Some(2), Some(4), Some(5))
        );
    }

    #[test]
    fn a_unit_in_brackets_scales_its_column() {
        let m = map("params (B),tokens [T],flops,val_loss");
        assert_eq!((at(&m.params), at(&m.tokens)), (Some(0), Some(1)));
        assert_eq!(
            (m.scale.params, m.scale.tokens, m.scale.flops),
            (1e9, 1e12, 1.0)
        );
        // A word in brackets that is no unit leaves the factor at 1.
        assert_eq!(map("params (count),tokens,loss").scale.params, 1.0);
    }

    #[test]
    fn chosen_columns_win_and_unknown_ones_are_named() {
        let headers = header_fields("a,b,x,d", ',');
        let chosen = parse_choice("n=a, tokens=B ,loss=d").unwrap();
        let m = map_columns(&headers, &chosen).unwrap();
        assert_eq!(
            (at(&m.params), at(&m.tokens), at(&m.loss), at(&m.flops)),
            (Some(0), Some(1), Some(3), None)
        );
        let err = map_columns(&headers, &parse_choice("flops=compute").unwrap()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no column is headed “compute” (headers: a, b, x, d)"
        );
        for bad in ["flops", "size=a", "loss="] {
            assert_eq!(parse_choice(bad), Err(bad.to_string()), "{bad}");
        }
    }
}
