//! `isoflop-cli`: the calculator's math on the command line (native only).
//!
//! ```text
//! isoflop-cli allocate --flops 5.76e23 [--law ID]... [--json]
//! isoflop-cli allocate --params 70B | --tokens 1.4T | --loss 2.0 [--law ID]...
//! isoflop-cli allocate --gpu h100 --count 1024 --days 30 [--mfu 0.4] [--price 2.5]
//! isoflop-cli laws [--json]
//! isoflop-cli fit FILE [--method paper|global] [--bootstrap K] [--seed S] [--json]
//! ```
//! Bad arguments print a message and exit with code 2.

use std::process::ExitCode;

use isoflop::law::hardware::{accelerator, Accelerator, Cluster, DEFAULT_MFU};
use isoflop::law::quantity::{format_count, format_flops, parse_count, parse_flops};
use isoflop::law::{preset, presets, Allocation, Law, LawError};
use serde_json::{json, Value};

const USAGE: &str = "\
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
      --json          one JSON object instead of a table
  isoflop-cli laws [--json]    list the law ids and their citations
  isoflop-cli fit FILE [--method paper|global] [--delta 1e-3] [--drop-highest K]
                  [--bootstrap K] [--seed S] [--budget C] [--json]
      fit L = E + A/N^α + B/D^β (Chinchilla Approach 3) to the runs in a CSV/TSV file
  isoflop-cli help";

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
            eprintln!("isoflop-cli: {message}\n\n{USAGE}");
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
        "help" | "--help" | "-h" => Ok((format!("{USAGE}\n"), 0)),
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
    if parsed.laws.is_empty() {
        parsed.laws = presets().into_iter().filter(|l| l.id != "custom").collect();
    }
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

/// One law's answer, with the cost on the chosen hardware.
struct Row {
    law: Law,
    answer: Result<(Allocation, Option<f64>), LawError>,
    time: Option<(f64, f64, Option<f64>)>,
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
            Row { law, answer, time }
        })
        .collect();
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
        let mut object =
            json!({ "flops": budget, "laws": rows.iter().map(row_json).collect::<Vec<_>>() });
        if let (Some(hardware), Some(map)) = (hardware, object.as_object_mut()) {
            map.insert("hardware".into(), hardware);
        }
        format!("{object}\n")
    } else {
        table(budget, &rows)
    };
    Ok((output, code))
}

fn row_json(row: &Row) -> Value {
    let mut value = match &row.answer {
        Ok((a, loss)) => json!({
            "id": row.law.id,
            "flops": a.flops,
            "n_params": a.n_params,
            "n_tokens": a.n_tokens,
            "tokens_per_param": a.tokens_per_param(),
            "loss": loss,
        }),
        Err(e) => json!({
            "id": row.law.id,
            "flops": null,
            "n_params": null,
            "n_tokens": null,
            "tokens_per_param": null,
            "loss": null,
            "error": e.to_string(),
        }),
    };
    if let (Some((hours, days, cost)), Some(map)) = (row.time, value.as_object_mut()) {
        map.insert("device_hours".into(), json!(hours));
        map.insert("days".into(), json!(days));
        map.insert("cost".into(), json!(cost));
    }
    value
}

fn table(budget: Option<f64>, rows: &[Row]) -> String {
    let mut out = String::new();
    if let Some(flops) = budget {
        out.push_str(&format!("Budget: {} FLOPs\n", format_flops(flops)));
    }
    let with_time = rows.iter().any(|r| r.time.is_some());
    out.push_str(&format!(
        "{:<18} {:>9} {:>9} {:>7} {:>9} {:>6}",
        "law", "params", "tokens", "tok/par", "FLOPs", "loss"
    ));
    if with_time {
        out.push_str(&format!(" {:>9} {:>8} {:>9}", "dev-hours", "days", "cost"));
    }
    out.push('\n');
    for row in rows {
        match &row.answer {
            Ok((a, loss)) => {
                let loss = loss.map_or_else(|| "—".to_string(), |l| format!("{l:.3}"));
                out.push_str(&format!(
                    "{:<18} {:>9} {:>9} {:>7.1} {:>9} {:>6}",
                    row.law.id,
                    format_count(a.n_params),
                    format_count(a.n_tokens),
                    a.tokens_per_param(),
                    format_flops(a.flops),
                    loss
                ));
                if let Some((hours, days, cost)) = row.time {
                    let cost = cost.map_or_else(|| "—".to_string(), format_count);
                    out.push_str(&format!(
                        " {:>9} {:>8.1} {:>9}",
                        format_count(hours),
                        days,
                        cost
                    ));
                }
            }
            Err(e) => out.push_str(&format!("{:<18} {e}", row.law.id)),
        }
        out.push('\n');
    }
    out
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
