//! `isoflop-cli`: the calculator's math on the command line (native only).
//!
//! ```text
//! isoflop-cli allocate --flops 5.76e23 [--law ID]... [--json]
//! isoflop-cli allocate --params 70B | --tokens 1.4T | --loss 2.0 [--law ID]...
//! isoflop-cli allocate --gpu h100 --count 1024 --days 30 [--mfu 0.4] [--price 2.5]
//! isoflop-cli allocate … [--inference-tokens X] [--unique-tokens U] [--fit E,A,B,α,β]
//! isoflop-cli laws [--json]
//! isoflop-cli fit FILE [--method paper|global] [--bootstrap K] [--seed S] [--json]
//! ```
//! Bad arguments print a message and exit with code 2.

use std::process::ExitCode;

#[path = "isoflop-cli/beyond.rs"]
mod beyond;
#[path = "isoflop-cli/output.rs"]
mod output;

use isoflop::law::beyond::DataConstrainedAllocation;
use isoflop::law::hardware::{accelerator, Accelerator, Cluster, DEFAULT_MFU};
use isoflop::law::quantity::{parse_count, parse_flops};
use isoflop::law::{preset, presets, Law};
use output::{row_json, table, Row};
use serde_json::{json, Value};

const USAGE_HEAD: &str = "\
usage:
  isoflop-cli allocate BUDGET [--law ID]... [--gpu ID [--count K] [--mfu M] [--price P]] [--json]
      BUDGET is one of:
        --flops C     compute budget (5.76e23, 5.76×10^23, 576 ZFLOPs, 6667 PF-days)
        --params N    model size (70B, 70 billion) → the budget where N is optimal
        --tokens D    training tokens (1.4T) → the budget where D is optimal
        --loss L      target loss → the smallest budget that reaches it (laws with a loss model)
        --days T      with --gpu and --count: the compute of K devices for T days at MFU M
      --law ID        repeatable; default: every published law (see `isoflop-cli laws`)
      --gpu ID        accelerator (v100 a100 h100 h100-pcie h100-nvl h200 b200 mi300x
                      tpu-v4 tpu-v5e tpu-v5p): adds device-hours, days and cost
      --count K       number of devices (default 1); --mfu M (default 0.4); --price P per device-hour
      --json          one JSON object instead of a table";

const USAGE_TAIL: &str = "  isoflop-cli laws [--json]    list the law ids and their citations
  isoflop-cli fit FILE [--method paper|global] [--delta 1e-3] [--drop-highest K]
                  [--bootstrap K] [--seed S] [--budget C] [--json]
      fit L = E + A/N^α + B/D^β (Chinchilla Approach 3) to the runs in a CSV/TSV file
  isoflop-cli help";

/// The whole usage text.
fn usage_text() -> String {
    format!("{USAGE_HEAD}\n{}\n{USAGE_TAIL}", beyond::USAGE)
}

/// A bad command line: the message for stderr; the process exits with code 2.
struct Usage(String);

fn usage(message: impl Into<String>) -> Usage {
    Usage(message.into())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok((output, code)) => {
            print!("{output}");
            ExitCode::from(code)
        }
        Err(Usage(message)) => {
            eprintln!("isoflop-cli: {message}\n\n{}", usage_text());
            ExitCode::from(2)
        }
    }
}

/// The subcommand dispatch; a new subcommand (e.g. `fit`) is one more arm.
fn run(args: &[String]) -> Result<(String, u8), Usage> {
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => return Err(usage("missing subcommand")),
    };
    match command {
        "allocate" => allocate(rest),
        "laws" => laws(rest),
        "fit" => isoflop::fit::cli::run(rest)
            .map(|out| (out, 0))
            .map_err(usage),
        "help" | "--help" | "-h" => Ok((format!("{}\n", usage_text()), 0)),
        other => Err(usage(format!("unknown subcommand `{other}`"))),
    }
}

/// The options of `allocate`, as given.
#[derive(Default)]
struct AllocateArgs {
    budget: Option<(&'static str, f64)>,
    laws: Vec<Law>,
    gpu: Option<&'static Accelerator>,
    count: Option<u64>,
    mfu: Option<f64>,
    price: Option<f64>,
    json: bool,
    beyond: beyond::BeyondArgs,
}

fn parse_allocate_args(args: &[String]) -> Result<AllocateArgs, Usage> {
    let mut parsed = AllocateArgs::default();
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        if flag == "--json" {
            parsed.json = true;
            continue;
        }
        let value = iter
            .next()
            .ok_or_else(|| usage(format!("{flag} needs a value")))?;
        match flag.as_str() {
            "--flops" => set_budget(
                &mut parsed,
                "flops",
                parse_flops(value).map_err(|e| bad(flag, e))?,
            )?,
            "--params" => set_budget(
                &mut parsed,
                "params",
                parse_count(value).map_err(|e| bad(flag, e))?,
            )?,
            "--tokens" => set_budget(
                &mut parsed,
                "tokens",
                parse_count(value).map_err(|e| bad(flag, e))?,
            )?,
            "--loss" => set_budget(&mut parsed, "loss", parse_positive(flag, value)?)?,
            "--days" => set_budget(&mut parsed, "days", parse_positive(flag, value)?)?,
            "--law" => {
                let law = preset(value).ok_or_else(|| {
                    let ids: Vec<String> = presets().into_iter().map(|l| l.id).collect();
                    usage(format!(
                        "unknown law `{value}`; known: {}, llama3-legend",
                        ids.join(", ")
                    ))
                })?;
                parsed.laws.push(law);
            }
            "--gpu" => {
                let gpu = accelerator(value)
                    .ok_or_else(|| usage(format!("unknown accelerator `{value}`")))?;
                once(&mut parsed.gpu, gpu, flag)?;
            }
            "--count" => {
                let count = value
                    .parse::<u64>()
                    .ok()
                    .filter(|k| *k > 0)
                    .ok_or_else(|| {
                        usage(format!(
                            "--count needs a whole number of devices ≥ 1, got `{value}`"
                        ))
                    })?;
                once(&mut parsed.count, count, flag)?;
            }
            "--mfu" => {
                let mfu = parse_positive(flag, value)?;
                if mfu > 1.0 {
                    return Err(usage(format!(
                        "--mfu is a fraction in (0, 1], got `{value}`"
                    )));
                }
                once(&mut parsed.mfu, mfu, flag)?;
            }
            "--price" => {
                let price = value
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|p| p.is_finite() && *p >= 0.0)
                    .ok_or_else(|| {
                        usage(format!(
                            "--price needs a price per device-hour ≥ 0, got `{value}`"
                        ))
                    })?;
                once(&mut parsed.price, price, flag)?;
            }
            other if beyond::FLAGS.contains(&other) => {
                parsed.beyond.parse(other, value).map_err(usage)?;
            }
            other => return Err(usage(format!("unknown option `{other}`"))),
        }
    }
    if parsed.budget.is_none() {
        return Err(usage(
            "give one of --flops, --params, --tokens, --loss, or --days with --gpu",
        ));
    }
    let hardware_options = parsed.count.is_some() || parsed.mfu.is_some() || parsed.price.is_some();
    if parsed.gpu.is_none() && (hardware_options || matches!(parsed.budget, Some(("days", _)))) {
        return Err(usage("--days, --count, --mfu and --price need --gpu"));
    }
    if parsed.beyond.unique_tokens.is_some()
        && !matches!(parsed.budget, Some(("flops" | "days", _)))
    {
        return Err(usage(
            "--unique-tokens needs one budget: --flops, or --days with --gpu",
        ));
    }
    let fit = parsed.beyond.fit.take();
    if parsed.laws.is_empty() && fit.is_none() {
        parsed.laws = presets().into_iter().filter(|l| l.id != "custom").collect();
    }
    parsed.laws.extend(fit);
    Ok(parsed)
}

fn bad(flag: &str, error: impl std::fmt::Display) -> Usage {
    usage(format!("{flag}: {error}"))
}

fn parse_positive(flag: &str, value: &str) -> Result<f64, Usage> {
    value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite() && *x > 0.0)
        .ok_or_else(|| usage(format!("{flag} needs a positive number, got `{value}`")))
}

fn once<T>(slot: &mut Option<T>, value: T, flag: &str) -> Result<(), Usage> {
    if slot.replace(value).is_some() {
        return Err(usage(format!("{flag} given twice")));
    }
    Ok(())
}

fn set_budget(parsed: &mut AllocateArgs, kind: &'static str, value: f64) -> Result<(), Usage> {
    if let Some((previous, _)) = parsed.budget {
        return Err(usage(format!(
            "give only one budget: --{previous} and --{kind} both given"
        )));
    }
    parsed.budget = Some((kind, value));
    Ok(())
}

fn allocate(args: &[String]) -> Result<(String, u8), Usage> {
    let parsed = parse_allocate_args(args)?;
    let cluster = match parsed.gpu {
        Some(gpu) => Some(
            Cluster::new(
                gpu.peak_flops,
                parsed.count.unwrap_or(1),
                parsed.mfu.unwrap_or(DEFAULT_MFU),
            )
            .map_err(|e| usage(e.to_string()))?,
        ),
        None => None,
    };
    let (kind, value) = parsed.budget.unwrap_or(("flops", f64::NAN));
    let budget = match (kind, &cluster) {
        ("flops", _) => Some(value),
        ("days", Some(cluster)) => {
            Some(cluster.flops_in_days(value).map_err(|e| bad("--days", e))?)
        }
        _ => None,
    };
    let rows: Vec<Row> = parsed
        .laws
        .into_iter()
        .map(|law| {
            let allocation = match (kind, budget) {
                (_, Some(flops)) => law.allocate(flops),
                ("params", _) => law.allocation_for_params(value),
                ("tokens", _) => law.allocation_for_tokens(value),
                _ => law.allocation_for_loss(value),
            };
            let answer = allocation.map(|a| (a, law.predicted_loss(&a).ok()));
            let time = match (&answer, &cluster) {
                (Ok((a, _)), Some(cluster)) => cluster.training_time(a.flops).ok().map(|t| {
                    (
                        t.device_hours,
                        t.wall_clock_days,
                        parsed.price.and_then(|p| t.cost(p).ok()),
                    )
                }),
                _ => None,
            };
            let inference = parsed.beyond.inference_tokens.map(|tokens| {
                let loss = answer.as_ref().ok().and_then(|(_, loss)| *loss);
                let target = if kind == "loss" { Some(value) } else { loss };
                beyond::inference(&law, target, tokens)
            });
            Row {
                law,
                answer,
                time,
                inference,
            }
        })
        .collect();
    let unique = parsed.beyond.unique_tokens;
    let constrained: Option<Result<DataConstrainedAllocation, String>> = unique
        .zip(budget)
        .map(|(u, c)| beyond::data_constrained(c, u));
    // Exit 1 when no law could answer (e.g. a loss below every law's floor).
    let code = if rows.iter().any(|r| r.answer.is_ok()) {
        0
    } else {
        1
    };
    let output = if parsed.json {
        let hardware = cluster.map(|c| {
            json!({
                "gpu": parsed.gpu.map(|g| g.id),
                "peak_flops": c.peak_flops,
                "count": c.count,
                "mfu": c.mfu,
                "price_per_device_hour": parsed.price,
            })
        });
        let laws: Vec<Value> = rows.iter().map(|r| row_json(r, unique)).collect();
        let mut object = json!({ "flops": budget, "laws": laws });
        if let (Some(hardware), Some(map)) = (hardware, object.as_object_mut()) {
            map.insert("hardware".into(), hardware);
        }
        if let (Some(answer), Some(map)) = (&constrained, object.as_object_mut()) {
            map.insert(
                "data_constrained".into(),
                beyond::data_constrained_json(answer),
            );
        }
        format!("{object}\n")
    } else {
        let mut text = table(budget, &rows);
        if let Some(tokens) = parsed.beyond.inference_tokens {
            let answers: Vec<_> = rows
                .iter()
                .filter_map(|r| Some((r.law.id.as_str(), r.inference.as_ref()?)))
                .collect();
            text.push_str(&beyond::inference_table(tokens, &answers));
        }
        if let (Some(u), Some(answer)) = (unique, &constrained) {
            text.push_str(&beyond::data_constrained_table(u, answer));
        }
        text
    };
    Ok((output, code))
}

fn laws(args: &[String]) -> Result<(String, u8), Usage> {
    let json = match args {
        [] => false,
        [flag] if flag == "--json" => true,
        _ => return Err(usage("`laws` takes only --json")),
    };
    let mut all = presets();
    all.push(Law::llama3(isoflop::law::Llama3Variant::Legend));
    if json {
        let list: Vec<Value> = all
            .iter()
            .map(|l| json!({"id": l.id, "name": l.name, "citation": l.citation, "notes": l.notes}))
            .collect();
        Ok((format!("{}\n", Value::Array(list)), 0))
    } else {
        let lines: String = all
            .iter()
            .map(|l| format!("{:<18} {}\n{:<18} {}\n", l.id, l.name, "", l.citation))
            .collect();
        Ok((lines, 0))
    }
}
