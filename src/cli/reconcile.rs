//! `isoflop-cli reconcile`: why Kaplan's exponent is 0.73 and Chinchilla's 0.5, for one loss law
//! seen through Kaplan's non-embedding counting (Pearce & Song 2024, arXiv:2406.12907).

use clap::Args;

use super::Outcome;
use crate::law::reconcile::{omega, render_text, ReconcileReport, DEFAULT_ASPECT, DEFAULT_VOCAB};
use crate::law::{all_presets, LawId, LossParams};
use crate::plan::fit_law;

/// The options of `reconcile`.
#[derive(Args, Debug)]
pub struct ReconcileArgs {
    /// A law with a loss E + A/N^α + B/D^β.
    #[arg(long, value_name = "ID", default_value = "epoch2024", value_parser = loss_law_ids(), conflicts_with = "fit")]
    law: String,
    /// Your own loss law L = E + A/N^α + B/D^β instead of a preset.
    #[arg(long, value_name = "E,A,B,ALPHA,BETA", value_parser = loss_params)]
    fit: Option<LossParams>,
    /// Vocabulary size V of the models (embedding parameters V·d).
    #[arg(long, value_name = "V", default_value_t = DEFAULT_VOCAB, value_parser = vocab)]
    vocab: f64,
    /// Aspect ratio d_model/n_layer (default 39.23: ω = 47 491 with V = 32 000, as Pearce & Song).
    #[arg(long, value_name = "R", default_value_t = DEFAULT_ASPECT, value_parser = aspect)]
    aspect: f64,
    /// One JSON object instead of text.
    #[arg(long)]
    json: bool,
}

fn vocab(s: &str) -> Result<f64, String> {
    match crate::law::quantity::field::vocab(s) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err("empty".into()),
        Err(e) => Err(e.message("a vocabulary size", "e.g. 32000")),
    }
}

fn aspect(s: &str) -> Result<f64, String> {
    match crate::law::quantity::field::aspect(s) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err("empty".into()),
        Err(e) => Err(e.message("an aspect ratio d_model/n_layer", "e.g. 39.2")),
    }
}

fn loss_params(s: &str) -> Result<LossParams, String> {
    LossParams::from_list(s).map_err(|e| e.to_string())
}

/// The presets whose loss is of the form E + A/N^α + B/D^β.
fn loss_law_ids() -> Vec<&'static str> {
    all_presets()
        .into_iter()
        .filter(|l| crate::plan::loss_params(l).is_some())
        .map(|l| l.id.as_str())
        .collect()
}

/// Prints the report; a law or ω the reconciliation cannot use exits 1 with the reason.
pub(super) fn run(args: &ReconcileArgs) -> Outcome {
    let law = match args.fit {
        Some(p) => fit_law(p, "Coefficients given with --fit"),
        None => match LawId::parse(&args.law).and_then(crate::law::preset_by_id) {
            Some(law) => law,
            None => {
                return Outcome::failed(
                    String::new(),
                    format!("isoflop-cli reconcile: unknown law {}\n", args.law),
                )
            }
        },
    };
    let report = omega(args.vocab, args.aspect).and_then(|w| ReconcileReport::for_law(&law, w));
    match report {
        Ok(r) if args.json => Outcome::ok(format!(
            "{}\n",
            serde_json::to_string(&r).unwrap_or_default()
        )),
        Ok(r) => Outcome::ok(render_text(&r)),
        Err(e) => Outcome::failed(String::new(), format!("isoflop-cli reconcile: {e}\n")),
    }
}
