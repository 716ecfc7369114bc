//! `isoflop-cli allocate`: the arguments as a [`Question`], answered by [`answer`], printed as
//! [`text`] or the plan's JSON.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{ArgGroup, Args};

use super::Outcome;
use crate::law::hardware::{accelerator, Accelerator, ACCELERATORS};
use crate::law::quantity::field::{self as f, Parser};
use crate::law::shape::{Convention, Shape};
use crate::law::{all_presets, presets, Law, LawId, LossParams};
use crate::plan::{
    answer, fit_law, text, Given, Hardware, Question, ShapeCost, DEFAULT_CONVENTION,
};

/// The options of `allocate`.
#[derive(Args, Debug)]
#[command(group(ArgGroup::new("budget").required(true).args(["flops", "params", "tokens", "loss", "days"])))]
#[command(group(ArgGroup::new("fixed").args(["flops", "days"])))]
pub struct AllocateArgs {
    #[command(flatten)]
    pub(super) question: QuestionArgs,
    /// One JSON object instead of a table.
    #[arg(long)]
    json: bool,
}

/// The question's options, shared by `allocate` and `recipe` (each declares which of the
/// budget flags it takes together).
#[derive(Args, Debug)]
pub struct QuestionArgs {
    /// Compute budget in FLOPs (5.76e23, 5.76×10^23, 576 ZFLOPs, 6667 PF-days).
    #[arg(long, value_name = "C", value_parser = flops)]
    flops: Option<f64>,
    /// Model size (70B, 70 billion) → the budget where N is optimal.
    #[arg(long, value_name = "N", value_parser = params)]
    params: Option<f64>,
    /// Training tokens (1.4T) → the budget where D is optimal.
    #[arg(long, value_name = "D", value_parser = tokens)]
    tokens: Option<f64>,
    /// Target loss → the smallest budget that reaches it (laws with a loss model).
    #[arg(long, value_name = "L", value_parser = loss)]
    loss: Option<f64>,
    /// With --gpu and --count: the compute of the devices for T days at MFU M.
    #[arg(long, value_name = "T", value_parser = days, requires = "gpu")]
    days: Option<f64>,
    /// A law to answer (repeatable); default: every published law (see `isoflop-cli laws`).
    #[arg(long = "law", value_name = "ID", value_parser = law_parser())]
    laws: Vec<LawId>,
    /// Accelerator: adds device-hours, days and cost.
    #[arg(long, value_name = "ID", ignore_case = true, value_parser = gpu_parser())]
    gpu: Option<&'static Accelerator>,
    /// Number of devices (default 1).
    #[arg(long, value_name = "K", value_parser = whole, requires = "gpu")]
    count: Option<u64>,
    /// Model FLOPs utilisation in (0, 1], 0.4 or 40% (default 0.4).
    #[arg(long, value_name = "M", value_parser = fraction, requires = "gpu")]
    mfu: Option<f64>,
    /// Price per device-hour in dollars (≥ 0).
    #[arg(long, value_name = "P", value_parser = price, requires = "gpu")]
    price: Option<f64>,
    /// Lifetime inference tokens (2e12, 2T): per law with a loss E + A/N^α + B/D^β, the model
    /// of the same loss with the fewest training + inference FLOPs (Sardana et al. 2024).
    #[arg(long, value_name = "X", value_parser = inference_tokens)]
    inference_tokens: Option<f64>,
    /// Unique training tokens available (25e9, 25B; needs --flops or --days): the best
    /// allocation when data must repeat (Muennighoff et al. 2023).
    #[arg(long, value_name = "U", value_parser = unique_tokens, requires = "fixed")]
    unique_tokens: Option<f64>,
    /// Your own loss law L = E + A/N^α + B/D^β as law `fit` (with no --law, the only law).
    #[arg(long, value_name = "E,A,B,ALPHA,BETA", value_parser = loss_params)]
    fit: Option<LossParams>,
    /// A model shape by preset id (`isoflop-cli shape --presets`): adds the tokens each row's
    /// compute buys at the shape's FLOPs per token, and with --days the days to train it.
    #[arg(long, value_name = "ID", value_parser = super::shape::preset)]
    shape_preset: Option<Shape>,
    /// How the shape's FLOPs per token are counted (default palm, as the page).
    #[arg(long, value_name = "ID", value_parser = super::shape::convention_parser(), requires = "shape_preset")]
    convention: Option<Convention>,
}

/// A page field's parser (`law::quantity::field`, with the same accepted range) as a clap
/// value parser.
fn field(s: &str, parse: Parser, what: &str, forms: &str) -> Result<f64, String> {
    match parse(s) {
        Ok(Some(x)) => Ok(x),
        Ok(None) => Err(format!("{what} is empty")),
        Err(e) => Err(e.message(what, forms)),
    }
}

/// Value parsers for clap, one per flag: the page field's parser with its accepted range.
macro_rules! field_parser {
    ($name:ident, $parse:path, $what:literal, $forms:literal) => {
        pub(super) fn $name(s: &str) -> Result<f64, String> {
            field(s, $parse, $what, $forms)
        }
    };
}

field_parser!(
    flops,
    f::flops,
    "a compute budget in FLOPs",
    "e.g. 5.76e23 or 576 ZFLOPs"
);
field_parser!(params, f::params, "a parameter count", "e.g. 70B or 7e10");
field_parser!(tokens, f::tokens, "a token count", "e.g. 1.4T");
field_parser!(loss, f::loss, "a target loss in nats/token", "e.g. 2.0");
field_parser!(days, f::days, "a number of days", "e.g. 30");
field_parser!(
    devices,
    f::devices,
    "a whole number of devices",
    "e.g. 1024"
);
field_parser!(
    fraction,
    f::fraction,
    "a fraction in (0, 1]",
    "e.g. 0.4 or 40%"
);
field_parser!(price, f::price, "a price per device-hour", "e.g. 2.5");
field_parser!(
    inference_tokens,
    f::inference_tokens,
    "a token count",
    "e.g. 2T"
);
field_parser!(unique_tokens, f::unique_tokens, "a token count", "e.g. 25B");

field_parser!(positive, f::positive, "a positive number", "e.g. 128");

pub(super) fn whole(s: &str) -> Result<u64, String> {
    devices(s).map(|n| n as u64)
}

pub(super) fn loss_params(s: &str) -> Result<LossParams, String> {
    LossParams::from_list(s).map_err(|e| e.to_string())
}

/// Every law a user can name on the command line (not `fit`: that is `--fit`), with "did you
/// mean" suggestions for typos.
pub(super) fn law_parser() -> impl TypedValueParser<Value = LawId> {
    let ids: Vec<&'static str> = all_presets().iter().map(|l| l.id.as_str()).collect();
    PossibleValuesParser::new(ids).map(|s| {
        LawId::parse(&s).unwrap_or(LawId::ChinchillaA1 /* only listed ids get here */)
    })
}

/// The accelerator presets, case-insensitive, with their aliases.
pub(super) fn gpu_parser() -> impl TypedValueParser<Value = &'static Accelerator> {
    let values = ACCELERATORS.iter().map(|a| {
        let value = PossibleValue::new(a.id);
        match a.id {
            "h100" => value.aliases(["h100-sxm", "h100sxm"]),
            "mi300x" => value.alias("mi325x"),
            _ => value,
        }
    });
    PossibleValuesParser::new(values)
        .map(|s| accelerator(&s).unwrap_or(&ACCELERATORS[0] /* only listed ids get here */))
}

impl QuestionArgs {
    /// Which of the budget flags were given: (flops, params, tokens, loss, days).
    pub(super) fn given_flags(&self) -> [bool; 5] {
        [
            self.flops.is_some(),
            self.params.is_some(),
            self.tokens.is_some(),
            self.loss.is_some(),
            self.days.is_some(),
        ]
    }

    /// N and D when both are given (`recipe`'s run already chosen).
    pub(super) fn run(&self) -> Option<(f64, f64)> {
        self.params.zip(self.tokens)
    }

    /// The question these arguments ask.
    pub(super) fn question(&self) -> Question {
        let given = match (self.flops, self.params, self.tokens, self.loss, self.days) {
            (Some(c), ..) => Given::Budget(c),
            (_, Some(n), ..) => Given::Params(n),
            (_, _, Some(d), ..) => Given::Tokens(d),
            (_, _, _, Some(l), _) => Given::Loss(l),
            (.., Some(days)) => Given::HardwareDays(days),
            // clap requires one of the five.
            _ => Given::Budget(f64::NAN),
        };
        let mut laws: Vec<Law> = self
            .laws
            .iter()
            .filter_map(|id| crate::law::preset_by_id(*id))
            .collect();
        if laws.is_empty() && self.fit.is_none() {
            laws = presets()
                .into_iter()
                .filter(|l| l.id != LawId::Custom)
                .collect();
        }
        laws.extend(
            self.fit
                .map(|p| fit_law(p, "Coefficients given with --fit")),
        );
        Question {
            given,
            laws,
            hardware: self.gpu.map(|g| Hardware {
                count: self.count.unwrap_or(1),
                mfu: self.mfu.unwrap_or(Hardware::new(g).mfu),
                price: self.price,
                ..Hardware::new(g)
            }),
            judge: None,
            inference_tokens: self.inference_tokens,
            unique_tokens: self.unique_tokens,
            shape: self.shape_preset.map(|shape| ShapeCost {
                shape,
                convention: self.convention.unwrap_or(DEFAULT_CONVENTION),
            }),
            // The page's column; the command line prints no flat range.
            flat_tolerance: None,
        }
    }
}

/// Answers the question; exit code 1 when no law could answer it.
pub(super) fn run(args: &AllocateArgs) -> Outcome {
    let plan = answer(&args.question.question());
    let stdout = if args.json {
        format!("{}\n", plan.to_json())
    } else {
        text(&plan)
    };
    if plan.any_answer() {
        Outcome::ok(stdout)
    } else {
        Outcome::failed(
            stdout,
            "isoflop-cli: no law could answer this question\n".into(),
        )
    }
}
