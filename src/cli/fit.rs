//! `isoflop-cli fit FILE [--approach 1|2|3] [--method paper|global] [--delta 1e-3]
//! [--fix-alpha X] [--fix-beta X] [--fix-e X] [--tie] [--holdout largest-budget|FRACTION]
//! [--drop-highest K] [--bootstrap K] [--seed S] [--budget C] [--json]`: the runs in a file
//! fitted by [`crate::fit::ApproachJob`], printed as text or JSON (`fit_output`).

use clap::{Args, Parser};
use serde_json::Value;

use super::fit_output::{frontier_json, frontier_text, three_json, three_text};
use super::Outcome;
use crate::fit::approaches::approach3::Method;
use crate::fit::jobs::fit_job::FitOptions;
use crate::fit::numerics::objective::DEFAULT_DELTA;
use crate::fit::resampling::bootstrap::MAX_RESAMPLES;
use crate::fit::runs::{parse_choice, parse_envelope_with, parse_runs_with, Quantity};
use crate::fit::{
    Approach, ApproachFit, ApproachJob, ApproachReport, Constraints, Dataset, FitError, Holdout,
};
use crate::law::quantity::parse_flops;

/// The options of `fit`, as clap reads them.
#[derive(Args, Debug, Clone)]
pub struct FitArgs {
    /// CSV or TSV file of runs with a header line (params, tokens or FLOPs, loss); for
    /// `--approach 1` also envelope points (FLOPs, params[, tokens]) without a loss column.
    #[arg(value_name = "FILE")]
    file: String,
    /// Hoffmann et al. 2022's approach: 1 (envelope), 2 (IsoFLOP profiles) or 3 (parametric
    /// loss).
    #[arg(long, value_name = "1|2|3", default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=3))]
    approach: u8,
    /// Approach 3: `global` (variable projection, fast) or `paper` (L-BFGS from 4500 starts).
    #[arg(long, default_value = "global", value_parser = ["global", "paper"])]
    method: String,
    /// Approach 3: Huber δ of the objective.
    #[arg(long, default_value_t = DEFAULT_DELTA, value_parser = delta)]
    delta: f64,
    /// Approach 3: hold α at X.
    #[arg(long, value_name = "X", value_parser = exponent)]
    fix_alpha: Option<f64>,
    /// Approach 3: hold β at X.
    #[arg(long, value_name = "X", value_parser = exponent)]
    fix_beta: Option<f64>,
    /// Approach 3: hold E at X (0 for no irreducible term).
    #[arg(long, value_name = "X", value_parser = floor)]
    fix_e: Option<f64>,
    /// Approach 3: tie α = β.
    #[arg(long)]
    tie: bool,
    /// Refit without the largest budget, or without the FRACTION (≤ 0.5) of runs with the most
    /// compute, and report how well the fit predicts them.
    #[arg(long, value_name = "largest-budget|FRACTION", value_parser = Holdout::parse)]
    holdout: Option<Holdout>,
    /// Leave out the K runs with the highest loss.
    #[arg(long, value_name = "K", default_value_t = 0)]
    drop_highest: usize,
    /// Bootstrap resamples for 95 % intervals (0 for none).
    #[arg(long, value_name = "K", default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=MAX_RESAMPLES as u64))]
    bootstrap: u64,
    /// Seed of the bootstrap.
    #[arg(long, value_name = "S", default_value_t = 0)]
    seed: u64,
    /// Budget in FLOPs at which N_opt and D_opt are reported, with intervals.
    #[arg(long, value_name = "C", value_parser = budget)]
    budget: Option<f64>,
    /// Columns by header where the guess is wrong or a header unknown, e.g.
    /// `flops=compute_budget,tokens=training_tokens,loss=validation_loss` (quantities: params or
    /// n, tokens or d, flops or c, loss, budget); the other columns are found by their headers.
    #[arg(long, value_name = "QUANTITY=HEADER,…", value_parser = columns)]
    columns: Option<Columns>,
    /// One JSON object instead of text.
    #[arg(long)]
    json: bool,
}

fn delta(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(d) if d.is_finite() && d > 0.0 => Ok(d),
        _ => Err("needs a positive number such as 1e-3".to_string()),
    }
}

fn exponent(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        _ => Err("needs a positive number such as 0.34".to_string()),
    }
}

fn floor(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        _ => Err("needs a number ≥ 0 such as 1.69".to_string()),
    }
}

/// The columns a reader chose (a newtype, so that clap takes the whole list as one value).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Columns(pub Vec<(Quantity, String)>);

fn columns(s: &str) -> Result<Columns, String> {
    parse_choice(s).map(Columns).map_err(|part| {
        format!(
            "“{part}” is not QUANTITY=HEADER with a quantity params (n), tokens (d), flops (c), loss or budget"
        )
    })
}

fn budget(s: &str) -> Result<f64, String> {
    parse_flops(s).map_err(|e| e.to_string())
}

/// Parsed command-line options.
#[derive(Debug, Clone, PartialEq)]
pub struct CliArgs {
    /// Input file path.
    pub file: String,
    /// Fit options.
    pub options: FitOptions,
    /// Highest-loss runs to leave out.
    pub drop_highest: usize,
    /// Print JSON instead of text.
    pub json: bool,
    /// Columns chosen by header.
    pub columns: Columns,
}

impl TryFrom<FitArgs> for CliArgs {
    type Error = String;

    /// The options, or why they do not go together (fixed or tied coefficients are
    /// Approach 3's; a tie cannot hold two different fixed exponents).
    fn try_from(a: FitArgs) -> Result<Self, String> {
        let approach = Approach::from_number(a.approach).unwrap_or_default();
        let constraints = Constraints {
            alpha: a.fix_alpha,
            beta: a.fix_beta,
            e: a.fix_e,
            tie: a.tie,
        };
        if approach != Approach::Three && !constraints.is_free() {
            return Err(
                "--fix-alpha, --fix-beta, --fix-e and --tie apply to --approach 3 only".into(),
            );
        }
        constraints.check().map_err(|e| e.to_string())?;
        Ok(CliArgs {
            file: a.file,
            options: FitOptions {
                method: Method::parse(&a.method).unwrap_or(Method::Global),
                delta: a.delta,
                bootstrap: a.bootstrap as usize,
                seed: a.seed,
                budget_flops: a.budget,
                approach,
                constraints,
                holdout: a.holdout,
            },
            drop_highest: a.drop_highest,
            columns: a.columns.unwrap_or_default(),
            json: a.json,
        })
    }
}

/// Parses the arguments after `fit`; the message of a bad one.
pub fn parse_args(args: &[String]) -> Result<CliArgs, String> {
    #[derive(Parser)]
    #[command(name = "isoflop-cli fit")]
    struct Wrap {
        #[command(flatten)]
        args: FitArgs,
    }
    let argv = std::iter::once("fit".to_string()).chain(args.iter().cloned());
    Wrap::try_parse_from(argv)
        .map_err(|e| e.to_string())
        .and_then(|w| CliArgs::try_from(w.args))
}

/// Runs `fit`: a file that cannot be read or runs that cannot be fitted exit 1 with the reason.
pub(super) fn run(cli: &CliArgs) -> Outcome {
    let result = std::fs::read_to_string(&cli.file)
        .map_err(|e| format!("{}: {e}", cli.file))
        .and_then(|text| fit_text(&text, cli));
    match result {
        Ok(out) => Outcome::ok(out),
        Err(reason) => Outcome::failed(String::new(), format!("isoflop-cli fit: {reason}\n")),
    }
}

/// The data read from the file: runs, or (Approach 1 only) envelope points without losses.
pub(super) enum Input {
    /// Training runs.
    Runs(Box<Dataset>),
    /// Envelope points and the rows that could not be used.
    Envelope(
        Vec<crate::fit::runs::EnvelopePoint>,
        Vec<crate::fit::runs::SkippedRow>,
    ),
}

impl Input {
    /// The rows not used, with their reasons, for the text and the JSON.
    pub(super) fn unused(&self) -> Vec<(usize, String)> {
        match self {
            Input::Runs(data) => data
                .skipped
                .iter()
                .map(|s| (s.line, s.reason.to_string()))
                .chain(
                    data.dropped
                        .iter()
                        .map(|r| (r.line, "left out (highest loss)".to_string())),
                )
                .collect(),
            Input::Envelope(_, skipped) => skipped
                .iter()
                .map(|s| (s.line, s.reason.to_string()))
                .collect(),
        }
    }

    /// "48 rows used, 1 rows unusable".
    pub(super) fn summary(&self) -> String {
        match self {
            Input::Runs(data) => data.summary(),
            Input::Envelope(points, skipped) => {
                let mut s = format!("{} envelope points used", points.len());
                if !skipped.is_empty() {
                    s.push_str(&format!(", {} rows unusable", skipped.len()));
                }
                s
            }
        }
    }
}

/// Reads `text` as runs; for Approach 1 a file without a loss column is read as envelope points.
fn read(text: &str, cli: &CliArgs) -> Result<Input, String> {
    match parse_runs_with(text, &cli.columns.0) {
        Ok(mut data) => {
            data.drop_highest_loss(cli.drop_highest);
            Ok(Input::Runs(Box::new(data)))
        }
        Err(FitError::MissingColumn { wanted: "loss", .. })
            if cli.options.approach == Approach::One =>
        {
            let (points, skipped) =
                parse_envelope_with(text, &cli.columns.0).map_err(|e| e.to_string())?;
            Ok(Input::Envelope(points, skipped))
        }
        Err(e) => Err(e.to_string()),
    }
}

/// Fits the runs in `text` as the command line would and formats the answer.
pub fn fit_text(text: &str, cli: &CliArgs) -> Result<String, String> {
    let input = read(text, cli)?;
    let job = match &input {
        Input::Runs(data) => ApproachJob::new(&data.runs, &cli.options),
        Input::Envelope(points, _) => ApproachJob::envelope(points, &cli.options),
    };
    let report = job
        .and_then(ApproachJob::run_to_end)
        .map_err(|e| format!("{e} ({})", input.summary()))?;
    Ok(if cli.json {
        format!("{}\n", to_json(&report, &input))
    } else {
        to_text(&report, &input, cli)
    })
}

/// The JSON object: Approach 3's keys as before (`E`, `A`, `B`, `alpha`, `beta`, `a`, `b`,
/// `G`, `objective`, `n_points`, `method`, `ci`), Approaches 1 and 2 with `a`, `b`, `coef`,
/// `ci` and (Approach 2) `budgets`; every approach with `approach`, `unused_rows`, and
/// `N_opt`, `D_opt` at `--budget` and `held_out` when asked for.
#[must_use]
pub(super) fn to_json(report: &ApproachReport, input: &Input) -> Value {
    match &report.fit {
        ApproachFit::Three(fit) => three_json(fit, report, input),
        ApproachFit::Frontier(f) => frontier_json(f, report, input),
    }
}

fn to_text(report: &ApproachReport, input: &Input, cli: &CliArgs) -> String {
    match &report.fit {
        ApproachFit::Three(fit) => three_text(fit, report, input, cli),
        ApproachFit::Frontier(f) => frontier_text(f, report, input, cli),
    }
}
