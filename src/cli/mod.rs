//! `isoflop-cli`, the command line (native only): clap parses the arguments, each subcommand
//! maps them onto the layers below and prints what they return. `allocate` asks
//! [`crate::plan::answer`] the same question the page asks, and prints [`crate::plan::text`] or
//! the plan's JSON; it has no formula or formatting rule of its own.
//!
//! Exit codes: 0 answered; 1 a question no law could answer, or data a fit cannot use (with the
//! reason); 2 bad arguments (one line saying what is wrong, then one usage line).

mod allocate;
pub mod fit;
mod fit_bias;
mod fit_output;
mod recipe;
mod reconcile;
mod shape;
mod sweep;

use clap::{Parser, Subcommand};
use serde_json::{json, Value};

use crate::law::all_presets;
use crate::law::uncertainty::published_interval;

/// What a run of the command line prints and how it exits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

impl Outcome {
    fn ok(stdout: String) -> Self {
        Outcome {
            stdout,
            stderr: String::new(),
            code: 0,
        }
    }

    fn failed(stdout: String, stderr: String) -> Self {
        Outcome {
            stdout,
            stderr,
            code: 1,
        }
    }
}

/// Every subcommand in one line each, under the top-level help.
const SYNOPSES: &str = "\
Synopses:
  isoflop-cli allocate (--flops C | --params N | --tokens D | --loss L | --gpu ID --days T)
                       [--law ID]... [--gpu ID [--count K] [--mfu M] [--price P]]
                       [--inference-tokens X] [--unique-tokens U] [--fit E,A,B,α,β]
                       [--shape-preset ID [--convention ID]] [--json]
  isoflop-cli recipe (--flops C | --params N | --tokens D | --params N --tokens D | --loss L
                     | --gpu ID --days T) [allocate's options] [--context T]
                     [--schedule cosine|wsd|multistep] [--warmup STEPS] [--json]
  isoflop-cli laws [--json]
  isoflop-cli reconcile [--law ID | --fit E,A,B,α,β] [--vocab V] [--aspect R] [--json]
  isoflop-cli fit FILE [--approach 1|2|3] [--method paper|global] [--delta δ]
                       [--fix-alpha X] [--fix-beta X] [--fix-e X] [--tie]
                       [--holdout largest-budget|FRACTION] [--drop-highest K] [--bootstrap K]
                       [--seed S] [--budget C] [--json]
  isoflop-cli shape (--preset ID | --suggest N [--aspect R] | --layers L --d-model D --heads H
                     [--kv-heads G] [--head-size K] --ffn F [--gated] --vocab V --context S [--tied])
                    [--memory RECIPE] [--sharding S] [--gpu ID [--count K]] [--json]
  isoflop-cli shape --presets
  isoflop-cli sweep --target C [--sweep-flops C | --runs K] [--law ID | --fit E,A,B,α,β]
                    [--budgets B] [--spacing F] [--sizes S] [--width K] [--offset X]
                    [--noise R] [--simulations M] [--seed S] [--csv | --json]
isoflop-cli help COMMAND lists every option of COMMAND.";

#[derive(Parser, Debug)]
#[command(
    name = "isoflop-cli",
    about = "Compute-optimal LLM training allocations under every published scaling law",
    disable_version_flag = true,
    after_help = SYNOPSES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// The compute-optimal (N, D) under each law for a budget, model size, tokens, loss or
    /// hardware.
    Allocate(allocate::AllocateArgs),
    /// The training recipe at each law's allocation (or at a run already chosen with --params
    /// and --tokens): peak learning rate and batch under DeepSeek LLM and Step Law, the batch
    /// in whole sequences, steps, warm-up and the schedule.
    Recipe(recipe::RecipeArgs),
    /// List the law ids, their citations and how sure each is (its paper's exponent interval).
    Laws {
        /// One JSON array instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Fit the runs in a CSV/TSV file by Chinchilla's Approach 1 (envelope), 2 (IsoFLOP
    /// profiles) or 3 (L = E + A/N^α + B/D^β, the default).
    Fit(fit::FitArgs),
    /// Why Kaplan's exponent is 0.73 and Chinchilla's 0.5: a loss law through Kaplan's
    /// non-embedding counting (Pearce & Song 2024).
    Reconcile(reconcile::ReconcileArgs),
    /// A model shape's exact parameter counts and FLOPs per token under each convention, from
    /// its dimensions, a published model's preset, or suggested for N.
    Shape(shape::ShapeArgs),
    /// Plan an IsoFLOP sweep under a prior law: its runs, what they cost, and by simulation how
    /// far Approaches 2 and 3 fitted to it will land from the law's N_opt and D_opt at the target.
    Sweep(sweep::SweepArgs),
}

/// One usage line per subcommand, for error messages.
pub(super) fn usage_line(subcommand: Option<&str>) -> &'static str {
    match subcommand {
        Some("allocate") => {
            "isoflop-cli allocate (--flops C | --params N | --tokens D | --loss L | --gpu ID --days T) [OPTIONS]"
        }
        Some("recipe") => {
            "isoflop-cli recipe (--flops C | --params N | --tokens D | --params N --tokens D | --loss L | --gpu ID --days T) [OPTIONS]"
        }
        Some("fit") => "isoflop-cli fit FILE [--approach 1|2|3] [OPTIONS]",
        Some("laws") => "isoflop-cli laws [--json]",
        Some("reconcile") => {
            "isoflop-cli reconcile [--law ID | --fit E,A,B,α,β] [--vocab V] [--aspect R] [--json]"
        }
        Some("shape") => {
            "isoflop-cli shape (--preset ID | --suggest N | --layers L --d-model D --heads H --ffn F --vocab V --context S) [OPTIONS]"
        }
        Some("sweep") => {
            "isoflop-cli sweep --target C [--sweep-flops C | --runs K] [--law ID] [OPTIONS]"
        }
        _ => "isoflop-cli <allocate|recipe|laws|fit|reconcile|shape|sweep|help> …",
    }
}

/// Runs the command line on `args` (without the program name).
#[must_use]
pub fn run(args: &[String]) -> Outcome {
    let argv = std::iter::once("isoflop-cli".to_string()).chain(args.iter().cloned());
    match Cli::try_parse_from(argv) {
        Ok(cli) => match cli.command {
            Command::Allocate(a) => allocate::run(&a),
            Command::Recipe(r) => recipe::run(&r),
            Command::Laws { json } => Outcome::ok(laws(json)),
            Command::Reconcile(r) => reconcile::run(&r),
            Command::Shape(s) => shape::run(&s),
            Command::Sweep(s) => sweep::run(&s),
            Command::Fit(f) => match fit::CliArgs::try_from(f) {
                Ok(cli) => fit::run(&cli),
                Err(reason) => usage_outcome(&reason, usage_line(Some("fit"))),
            },
        },
        Err(e) => usage_error(&e, usage_line(args.first().map(String::as_str))),
    }
}

/// Help is printed and exits 0; any other parse error is one line of reason and one usage line
/// on stderr, exit code 2.
fn usage_error(e: &clap::Error, usage: &str) -> Outcome {
    use clap::error::ErrorKind;
    let rendered = e.render().to_string();
    if e.kind() == ErrorKind::DisplayHelp {
        return Outcome::ok(rendered);
    }
    // clap's message, its "[possible values: …]" and "tip: a similar value exists" on one line.
    let mut reason = String::new();
    for line in rendered.lines().map(str::trim) {
        if let Some(r) = line.strip_prefix("error: ") {
            reason = r.to_string();
        } else if line.starts_with("tip:") || line.starts_with("[possible values") {
            reason = format!("{reason} ({line})");
        } else if reason.ends_with(':') && !line.is_empty() {
            // "the following required arguments were not provided:" and the arguments.
            reason = format!("{reason} {line}");
        }
    }
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand || reason.is_empty() {
        reason = "missing subcommand: allocate, recipe, laws, fit, reconcile, shape or sweep"
            .to_string();
    }
    usage_outcome(&reason, usage)
}

/// One line of reason and one usage line on stderr, exit code 2.
pub(super) fn usage_outcome(reason: &str, usage: &str) -> Outcome {
    Outcome {
        stdout: String::new(),
        stderr: format!("isoflop-cli: {reason}\nusage: {usage}\n(isoflop-cli help [COMMAND] lists every option)\n"),
        code: 2,
    }
}

/// `laws`: every law a user can name, with its citation.
fn laws(as_json: bool) -> String {
    let all = all_presets();
    if as_json {
        let list: Vec<Value> = all
            .iter()
            .map(|l| {
                let interval = published_interval(l.id).map(|i| {
                    json!({"a": i.a, "lo": i.lo, "hi": i.hi, "level": i.level, "source": i.source})
                });
                json!({"id": l.id, "name": l.name, "citation": l.citation, "notes": l.notes,
                       "exponent_interval": interval})
            })
            .collect();
        format!("{}\n", Value::Array(list))
    } else {
        all.iter()
            .map(|l| {
                let sure = published_interval(l.id).map_or_else(
                    || "no published interval for its exponents".to_string(),
                    |i| {
                        format!(
                            "a = {}, {} % interval {:.3} – {:.3} ({})",
                            i.a, i.level, i.lo, i.hi, i.source
                        )
                    },
                );
                format!(
                    "{:<18} {}\n{:<18} {}\n{:<18} {}\n",
                    l.id.as_str(),
                    l.name,
                    "",
                    l.citation,
                    "",
                    sure
                )
            })
            .collect()
    }
}
