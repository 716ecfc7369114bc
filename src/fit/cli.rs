//! `isoflop-cli fit FILE [--method paper|global] [--delta 1e-3] [--drop-highest K]
//! [--bootstrap K] [--seed S] [--budget C] [--json]`.

use serde_json::{json, Map, Value};

use super::approach3::Method;
use super::data::parse_runs;
use super::job::{FitJob, FitOptions, FitReport};
use super::Dataset;

/// Usage text for the `fit` subcommand.
pub const USAGE: &str = "usage: isoflop-cli fit FILE [--method paper|global] [--delta 1e-3] \
[--drop-highest K] [--bootstrap K] [--seed S] [--budget FLOPS] [--json]";

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

fn value<'a>(it: &mut impl Iterator<Item = &'a String>, flag: &str) -> Result<&'a String, String> {
    it.next()
        .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
}

fn number<T: std::str::FromStr>(s: &str, flag: &str) -> Result<T, String> {
    s.parse()
        .map_err(|_| format!("{flag}: cannot read {s:?}\n{USAGE}"))
}

/// Parses the arguments after `fit`.
pub fn parse_args(args: &[String]) -> Result<CliArgs, String> {
    let mut file = None;
    let mut options = FitOptions::default();
    let mut drop_highest = 0;
    let mut json = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--method" => {
                options.method = Method::parse(value(&mut it, a)?).map_err(|e| e.to_string())?;
            }
            "--delta" => options.delta = number(value(&mut it, a)?, a)?,
            "--drop-highest" => drop_highest = number(value(&mut it, a)?, a)?,
            "--bootstrap" => options.bootstrap = number(value(&mut it, a)?, a)?,
            "--seed" => options.seed = number(value(&mut it, a)?, a)?,
            "--budget" => {
                let v = value(&mut it, a)?;
                let c =
                    crate::law::quantity::parse_flops(v).map_err(|e| format!("--budget: {e}"))?;
                options.budget_flops = Some(c);
            }
            "--json" => json = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"))
            }
            path if file.is_none() => file = Some(path.to_string()),
            extra => return Err(format!("unexpected argument {extra:?}\n{USAGE}")),
        }
    }
    let file = file.ok_or_else(|| USAGE.to_string())?;
    Ok(CliArgs {
        file,
        options,
        drop_highest,
        json,
    })
}

/// Runs `fit` on the arguments after the subcommand name; returns what to print.
pub fn run(args: &[String]) -> Result<String, String> {
    let cli = parse_args(args)?;
    let text = std::fs::read_to_string(&cli.file).map_err(|e| format!("{}: {e}", cli.file))?;
    fit_text(&text, &cli)
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
            .iter()
            .map(|(k, v)| ((*k).to_string(), json!(v)))
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
        for (k, [lo, hi]) in &ci.intervals {
            s.push_str(&format!("  {k:<6} [{lo:.6}, {hi:.6}]\n"));
        }
    }
    s
}
