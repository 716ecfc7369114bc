//! `isoflop-cli recipe`: the training recipe (peak learning rate, batch, steps, warm-up) at
//! each law's allocation for any question `allocate` takes, or at a run already chosen
//! (`--params N --tokens D` together), from [`crate::plan::recipe::recipes`].

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{ArgGroup, Args};

use super::allocate::QuestionArgs;
use super::Outcome;
use crate::i18n::Lang;
use crate::law::hyper::Schedule;
use crate::law::quantity::field as f;
use crate::plan::answer;
use crate::plan::recipe::{recipes, RecipeSetup};

/// The options of `recipe`.
#[derive(Args, Debug)]
#[command(group(ArgGroup::new("budget").required(true).multiple(true).args(["flops", "params", "tokens", "loss", "days"])))]
#[command(group(ArgGroup::new("fixed").args(["flops", "days"])))]
pub struct RecipeArgs {
    #[command(flatten)]
    question: QuestionArgs,
    /// The context the batch is counted in, in tokens (default: the model shape's, or the
    /// suggested shape's 2048).
    #[arg(long, value_name = "T", value_parser = context)]
    context: Option<f64>,
    /// The learning-rate schedule around the peak (default cosine).
    #[arg(long, value_name = "S", value_parser = schedule_parser())]
    schedule: Option<Schedule>,
    /// Warm-up steps (default 2000, DeepSeek LLM's, at most a tenth of the run).
    #[arg(long, value_name = "STEPS", value_parser = warmup)]
    warmup: Option<u64>,
    /// One JSON object instead of text.
    #[arg(long)]
    json: bool,
}

fn context(s: &str) -> Result<f64, String> {
    match f::context(s) {
        Ok(Some(x)) => Ok(x),
        Ok(None) => Err("a context length is empty".into()),
        Err(e) => Err(e.message("a context length", "a whole number of tokens, e.g. 4096")),
    }
}

fn warmup(s: &str) -> Result<u64, String> {
    match f::warmup(s) {
        Ok(Some(x)) => Ok(x as u64),
        Ok(None) => Err("a number of warm-up steps is empty".into()),
        Err(e) => Err(e.message("a number of warm-up steps", "a whole number, e.g. 2000")),
    }
}

fn schedule_parser() -> impl TypedValueParser<Value = Schedule> {
    let ids: Vec<&'static str> = Schedule::ALL.iter().map(|s| s.id()).collect();
    PossibleValuesParser::new(ids).map(|s| Schedule::from_id(&s).unwrap_or_default())
}

/// Which question the budget flags ask: one of them, or `--params` with `--tokens`.
fn check_flags(q: &QuestionArgs) -> Result<(), String> {
    let given = q.given_flags();
    let count = given.iter().filter(|g| **g).count();
    let run = given == [false, true, true, false, false];
    if count == 1 || run {
        Ok(())
    } else {
        Err("give one of --flops, --params, --tokens, --loss, --days, or --params with --tokens for a run already chosen".into())
    }
}

/// Prints the recipes; exit code 1 when none could be read.
pub(super) fn run(args: &RecipeArgs) -> Outcome {
    if let Err(reason) = check_flags(&args.question) {
        return super::usage_outcome(&reason, super::usage_line(Some("recipe")));
    }
    let run = args.question.run();
    let mut question = args.question.question();
    if run.is_some() {
        // A run already chosen: its recipe alone (the laws are not asked).
        question.laws.clear();
    }
    let plan = answer(&question);
    let setup = RecipeSetup {
        schedule: args.schedule.unwrap_or_default(),
        warmup: args.warmup,
        context: args.context,
        run,
        ..RecipeSetup::default()
    };
    let out = recipes(&plan, &setup, Lang::En);
    let stdout = if args.json {
        format!("{}\n", out.to_json())
    } else {
        out.text()
    };
    let any = out
        .rows
        .iter()
        .any(|r| r.recipes.iter().any(|(_, x)| x.is_ok()));
    if any {
        Outcome::ok(stdout)
    } else {
        Outcome::failed(stdout, "isoflop-cli: no recipe could be read\n".into())
    }
}
