//! `isoflop-cli fit FILE [--method paper|global] [--delta 1e-3] [--drop-highest K]
//! [--bootstrap K] [--seed S] [--budget C] [--json]`: the runs in a file fitted by
//! [`crate::fit::FitJob`], printed as text or JSON.

use clap::{Args, Parser};
use serde_json::{json, Map, Value};

use super::Outcome;
use crate::fit::approach3::Method;
use crate::fit::bootstrap::MAX_RESAMPLES;
use crate::fit::data::parse_runs;
use crate::fit::job::{FitJob, FitOptions, FitReport};
use crate::fit::objective::DEFAULT_DELTA;
use crate::fit::Dataset;
use crate::law::quantity::parse_flops;

/// The options of `fit`, as clap reads them.
#[derive(Args, Debug, Clone)]
pub struct FitArgs {
    /// CSV or TSV file of runs with a header line (params, tokens or FLOPs, loss).
    #[arg(value_name = "FILE")]
    file: String,
    /// `global` (variable projection, fast) or `paper` (L-BFGS from 4500 starts).
    #[arg(long, default_value = "global", value_parser = ["global", "paper"])]
    method: String,
    /// Huber δ of the objective.
    #[arg(long, default_value_t = DEFAULT_DELTA, value_parser = delta)]
    delta: f64,
    /// Leave out the K runs with the highest loss.
    #[arg(long, value_name = "K", default_value_t = 0)]
    drop_highest: usize,
    /// Bootstrap resamples for 95 % intervals (0 for none).
    #[arg(long, value_name = "K", default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=MAX_RESAMPLES as u64))]
    bootstrap: u64,
    /// Seed of the bootstrap.
    #[arg(long, value_name = "S", default_value_t = 0)]
    seed: u64,
    /// Budget in FLOPs at which N_opt and D_opt get intervals.
    #[arg(long, value_name = "C", value_parser = budget)]
    budget: Option<f64>,
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
}

impl From<FitArgs> for CliArgs {
    fn from(a: FitArgs) -> Self {
        CliArgs {
            file: a.file,
            options: FitOptions {
                method: Method::parse(&a.method).unwrap_or(Method::Global),
                delta: a.delta,
                bootstrap: a.bootstrap as usize,
                seed: a.seed,
                budget_flops: a.budget,
                ..FitOptions::default()
            },
            drop_highest: a.drop_highest,
            json: a.json,
        }
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
        .map(|w| w.args.into())
        .map_err(|e| e.to_string())
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

/// Fits the runs in `text` as the command line would and formats the answer.
pub fn fit_text(text: &str, cli: &CliArgs) -> Result<String, String> {
    let mut data = parse_runs(text).map_err(|e| e.to_string())?;
    data.drop_highest_loss(cli.drop_highest);
    let report = FitJob::new(&data.runs, &cli.options)
        .and_then(FitJob::run_to_end)
        .map_err(|e| format!("{e} ({})", data.summary()))?;
    Ok(if cli.json {
        format!("{}\n", to_json(&report, &data))
    } else {
        to_text(&report, &data, cli)
    })
}

/// The JSON object the issue specifies (plus the unused rows, for transparency).
#[must_use]
pub fn to_json(report: &FitReport, data: &Dataset) -> Value {
    let p = &report.fit.params;
    let mut out = Map::new();
    out.insert("E".into(), json!(p.e));
    out.insert("A".into(), json!(p.a));
    out.insert("B".into(), json!(p.b));
    out.insert("alpha".into(), json!(p.alpha));
    out.insert("beta".into(), json!(p.beta));
    out.insert("a".into(), json!(p.params_exponent()));
    out.insert("b".into(), json!(p.tokens_exponent()));
    out.insert("G".into(), json!(p.g()));
    out.insert("objective".into(), json!(report.fit.objective));
    out.insert("n_points".into(), json!(report.fit.n_points));
    out.insert("method".into(), json!(report.fit.method.name()));
    if let Some(ci) = &report.ci {
        let m: Map<String, Value> = ci
            .intervals
            .named()
            .into_iter()
            .map(|(k, v)| (k.to_string(), json!(v)))
            .collect();
        out.insert("ci".into(), Value::Object(m));
    }
    let unused: Vec<Value> = data
        .skipped
        .iter()
        .map(|s| json!({"line": s.line, "reason": s.reason}))
        .chain(
            data.dropped
                .iter()
                .map(|r| json!({"line": r.line, "reason": "left out (highest loss)"})),
        )
        .collect();
    out.insert("unused_rows".into(), Value::Array(unused));
    Value::Object(out)
}

fn to_text(report: &FitReport, data: &Dataset, cli: &CliArgs) -> String {
    let p = &report.fit.params;
    let mut s = String::new();
    let col =
        |c: &Option<(usize, String)>| c.as_ref().map_or("-".to_string(), |c| format!("{:?}", c.1));
    s.push_str(&format!(
        "columns: params {}, tokens {}, flops {}, loss {}\n",
        col(&data.columns.params),
        col(&data.columns.tokens),
        col(&data.columns.flops),
        col(&data.columns.loss)
    ));
    s.push_str(&format!("{}\n", data.summary()));
    for row in &data.skipped {
        s.push_str(&format!("  line {}: {}\n", row.line, row.reason));
    }
    s.push_str(&format!(
        "method {}, delta {}, objective {:.6e}\n",
        report.fit.method.name(),
        cli.options.delta,
        report.fit.objective
    ));
    s.push_str(&format!(
        "L(N, D) = {:.5} + {:.2}/N^{:.5} + {:.2}/D^{:.5}\n",
        p.e, p.a, p.alpha, p.b, p.beta
    ));
    s.push_str(&format!(
        "G = {:.5}, N_opt ∝ C^{:.4}, D_opt ∝ C^{:.4}\n",
        p.g(),
        p.params_exponent(),
        p.tokens_exponent()
    ));
    if let Some(ci) = &report.ci {
        s.push_str(&format!(
            "95% bootstrap intervals ({} resamples, seed {}, {} failed):\n",
            ci.resamples, cli.options.seed, ci.failed
        ));
        for (k, [lo, hi]) in ci.intervals.named() {
            s.push_str(&format!("  {k:<6} [{lo:.6}, {hi:.6}]\n"));
        }
    }
    s
}
