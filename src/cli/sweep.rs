//! `isoflop-cli sweep`: plan an IsoFLOP sweep under a prior law and say, by simulation, how far
//! Approaches 2 and 3 fitted to it will land from that law's N_opt and D_opt at the target
//! (`fit::design`). Without `--width` or `--sizes` the planner simulates every width and number
//! of sizes of its grid and keeps the one with the smallest expected error.

use clap::Args;
use serde_json::{json, Value};

use super::allocate::{flops, law_parser, loss_params, positive, whole};
use super::Outcome;
use crate::fit::design::explore::{best, Cell, ExploreJob, SIZES, WIDTHS};
use crate::fit::design::simulate::{Simulated, SimulationJob, Spread};
use crate::fit::design::{
    to_csv, total_flops, DesignError, DesignField, PlannedRun, SweepDesign, DEFAULT_BUDGETS,
    DEFAULT_SIMULATIONS, DEFAULT_SPACING, DEFAULT_SWEEP_SHARE,
};
use crate::fit::runs::example::EXAMPLE_NOISE;
use crate::i18n::{sweep as t, Lang};
use crate::law::shape::{suggest, Template, DEFAULT_ASPECT_RATIO};
use crate::law::{LawId, LossParams};
use crate::plan::{fit_law, planner};

#[derive(Args, Debug)]
pub(super) struct SweepArgs {
    /// The budget the sweep is meant to extrapolate to, in FLOPs.
    #[arg(long, value_name = "C", value_parser = flops)]
    target: f64,
    /// The compute the whole sweep may spend (default 1 % of the target).
    #[arg(long, value_name = "C", value_parser = flops)]
    sweep_flops: Option<f64>,
    /// The number of runs in all: sets the sizes per budget to K / budgets.
    #[arg(long, value_name = "K", value_parser = whole, conflicts_with = "sizes")]
    runs: Option<u64>,
    /// The prior law (one with a loss E + A/N^α + B/D^β; default epoch2024).
    #[arg(long = "law", value_name = "ID", value_parser = law_parser(), conflicts_with = "fit")]
    law: Option<LawId>,
    /// Your own prior law L = E + A/N^α + B/D^β instead of a preset.
    #[arg(long, value_name = "E,A,B,ALPHA,BETA", value_parser = loss_params)]
    fit: Option<LossParams>,
    /// The number of IsoFLOP budgets (default 5).
    #[arg(long, value_name = "B", value_parser = whole)]
    budgets: Option<u64>,
    /// The factor between consecutive budgets (default 4).
    #[arg(long, value_name = "F", value_parser = positive)]
    spacing: Option<f64>,
    /// Model sizes per budget (default: chosen by simulation).
    #[arg(long, value_name = "S", value_parser = whole)]
    sizes: Option<u64>,
    /// The sizes reach ×K either side of the law's N_opt (default: chosen by simulation).
    #[arg(long, value_name = "K", value_parser = positive)]
    width: Option<f64>,
    /// Centre the sizes on N_opt × X instead of N_opt (default 1).
    #[arg(long, value_name = "X", value_parser = positive)]
    offset: Option<f64>,
    /// Relative noise on each loss, e.g. 0.005 or 0.5% (default 0.5 %, the example data's).
    #[arg(long, value_name = "R", value_parser = noise)]
    noise: Option<f64>,
    /// Simulated sweeps per design (default 200).
    #[arg(long, value_name = "M", value_parser = whole)]
    simulations: Option<u64>,
    /// The simulations' seed (default 1).
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// The runs as CSV for the fit panel (loss empty), instead of the report.
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    /// One JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// A relative noise: a number ≥ 0, or a percentage.
fn noise(s: &str) -> Result<f64, String> {
    let t = s.trim();
    let (num, scale) = match t.strip_suffix('%') {
        Some(p) => (p.trim(), 0.01),
        None => (t, 1.0),
    };
    match num.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x * scale),
        _ => Err("needs a relative noise ≥ 0, e.g. 0.005 or 0.5%".to_string()),
    }
}

/// The option that sets `field`.
fn option(field: DesignField) -> &'static str {
    match field {
        DesignField::Target => "--target",
        DesignField::SweepFlops => "--sweep-flops",
        DesignField::Budgets => "--budgets",
        DesignField::Spacing => "--spacing",
        DesignField::Sizes => "--sizes",
        DesignField::Width => "--width",
        DesignField::Offset => "--offset",
        DesignField::Noise => "--noise",
        DesignField::Simulations => "--simulations",
        DesignField::Law => "--law",
    }
}

fn refused(problems: &[DesignError]) -> Outcome {
    let lines: String = problems
        .iter()
        .map(|p| format!("isoflop-cli sweep: {}: {p}\n", option(p.field())))
        .collect();
    Outcome::failed(String::new(), lines)
}

/// What was planned: the design, its runs and what the simulations say.
struct Planned {
    design: SweepDesign,
    runs: Vec<PlannedRun>,
    simulated: Simulated,
    /// The grid the design was chosen from, when it was.
    grid: Vec<Cell>,
}

pub(super) fn run(args: &SweepArgs) -> Outcome {
    let (law, law_name) = match (args.fit, args.law) {
        (Some(p), _) => (Some(p), fit_law(p, "Coefficients given with --fit").name),
        (None, id) => {
            let l = crate::law::preset_by_id(id.unwrap_or(LawId::Epoch2024));
            (
                l.as_ref().and_then(|l| l.loss_params()),
                l.map(|l| l.name).unwrap_or_default(),
            )
        }
    };
    let Some(law) = law else {
        return refused(&[DesignError::Law]);
    };
    let budgets = args.budgets.map_or(DEFAULT_BUDGETS, |b| b as usize);
    let sizes = match (args.sizes, args.runs) {
        (Some(s), _) => Some(s as usize),
        (None, Some(k)) => Some(k as usize / budgets.max(1)),
        (None, None) => None,
    };
    let base = SweepDesign {
        target: args.target,
        sweep_flops: args
            .sweep_flops
            .unwrap_or(args.target * DEFAULT_SWEEP_SHARE),
        budgets,
        spacing: args.spacing.unwrap_or(DEFAULT_SPACING),
        sizes: sizes.unwrap_or(SIZES[0]),
        width: args.width.unwrap_or(WIDTHS[0]),
        offset: args.offset.unwrap_or(1.0),
    };
    let noise = args.noise.unwrap_or(EXAMPLE_NOISE);
    let simulations = args
        .simulations
        .map_or(DEFAULT_SIMULATIONS, |m| m.min(u64::from(u32::MAX)) as usize);
    let planned = match plan(
        &base,
        sizes,
        args.width,
        &law,
        noise,
        simulations,
        args.seed,
    ) {
        Ok(p) => p,
        Err(problems) => return refused(&problems),
    };
    if args.csv {
        return Outcome::ok(to_csv(&planned.runs));
    }
    if args.json {
        return Outcome::ok(format!("{}\n", to_json(&planned)));
    }
    Outcome::ok(to_text(&planned, &law_name))
}

/// The design as given, or the grid's best where the width or the sizes were left open.
fn plan(
    base: &SweepDesign,
    sizes: Option<usize>,
    width: Option<f64>,
    law: &LossParams,
    noise: f64,
    simulations: usize,
    seed: u64,
) -> Result<Planned, Vec<DesignError>> {
    if let (Some(_), Some(_)) = (sizes, width) {
        let job = SimulationJob::new(base, law, noise, simulations, seed)?;
        let runs = job.runs().to_vec();
        return Ok(Planned {
            design: *base,
            runs,
            simulated: job.run_to_end(),
            grid: Vec::new(),
        });
    }
    let widths: Vec<f64> = width.map_or(WIDTHS.to_vec(), |w| vec![w]);
    let size_list: Vec<usize> = sizes.map_or(SIZES.to_vec(), |s| vec![s]);
    let grid =
        ExploreJob::new(base, &widths, &size_list, law, noise, simulations, seed).run_to_end();
    let Some(chosen) = best(&grid) else {
        // Every cell refused: say why the first one was.
        let first = grid.first().and_then(|c| c.outcome.clone().err());
        return Err(first.unwrap_or_else(|| vec![DesignError::Law]));
    };
    let design = SweepDesign {
        width: chosen.width,
        sizes: chosen.sizes,
        ..*base
    };
    let runs = design.runs(law)?;
    let simulated = chosen.outcome.clone()?;
    Ok(Planned {
        design,
        runs,
        simulated,
        grid,
    })
}

fn spread_json(s: Option<Spread>) -> Value {
    s.map_or(Value::Null, |s| {
        json!({"n_opt_bias": s.n_opt_bias, "d_opt_bias": s.d_opt_bias,
               "n_opt_95": s.n_opt_95, "d_opt_95": s.d_opt_95,
               "rms_log_error": s.rms_log_error, "failed": s.failed})
    })
}

fn simulated_json(s: &Simulated) -> Value {
    json!({"simulations": s.simulations, "noise": s.noise,
           "truth": {"n_opt": s.truth.0, "d_opt": s.truth.1},
           "approach2": spread_json(s.approach2), "approach3": spread_json(s.approach3),
           "unusable_parabola": s.unusable_parabola})
}

fn shape_of(n: f64) -> Value {
    match suggest(n, DEFAULT_ASPECT_RATIO, &Template::chinchilla()) {
        Ok(s) => json!({"layers": s.shape.layers(), "d_model": s.shape.d_model(),
                        "heads": s.shape.heads(), "n_params": s.n_params}),
        Err(_) => Value::Null,
    }
}

fn to_json(p: &Planned) -> Value {
    let d = &p.design;
    let runs: Vec<Value> = p
        .runs
        .iter()
        .map(|r| {
            json!({"flops": r.flops, "n_params": r.n_params, "n_tokens": r.n_tokens,
                        "shape": shape_of(r.n_params)})
        })
        .collect();
    let grid: Vec<Value> = p
        .grid
        .iter()
        .filter_map(|c| {
            let s = c.outcome.as_ref().ok()?;
            Some(json!({"width": c.width, "sizes": c.sizes, "simulated": simulated_json(s)}))
        })
        .collect();
    json!({
        "design": {"target": d.target, "sweep_flops": d.sweep_flops, "budgets": d.budgets,
                   "spacing": d.spacing, "sizes": d.sizes, "width": d.width, "offset": d.offset,
                   "chosen_by_simulation": !p.grid.is_empty()},
        "runs": runs,
        "total_flops": total_flops(&p.runs),
        "simulated": simulated_json(&p.simulated),
        "grid": grid,
    })
}

/// The report in words: the page's own sentences and rows (`plan::planner`), in English.
fn to_text(p: &Planned, law_name: &str) -> String {
    let lang = Lang::En;
    let d = &p.design;
    let mut s = format!(
        "IsoFLOP sweep for a target of {:.3e} FLOPs under {law_name}\n{}\n",
        d.target,
        planner::summary(d, &p.runs, lang)
    );
    if !p.grid.is_empty() {
        let compared = p.grid.iter().filter(|c| c.outcome.is_ok()).count();
        s.push_str(&format!("{}\n", t::chosen_by_simulation(lang, &compared)));
    }
    s.push_str(&format!("{}:\n", t::runs_caption(lang)));
    let head = [
        t::col_budget,
        t::col_params,
        t::col_tokens,
        t::col_ratio,
        t::col_shape,
    ];
    let header: Vec<&str> = head.iter().map(|h| h(lang)).collect();
    for row in std::iter::once(header.iter().map(|h| h.to_string()).collect::<Vec<_>>())
        .chain(planner::run_rows(&p.runs, lang).into_iter().map(Vec::from))
    {
        s.push_str(&format!(
            "  {:<16}{:<14}{:<14}{:<8}{}\n",
            row[0], row[1], row[2], row[3], row[4]
        ));
    }
    let sim = &p.simulated;
    s.push_str(&format!("{}:\n", planner::simulated_caption(sim, lang)));
    for [name, n_bias, n_range, d_bias, d_range, error] in planner::spread_rows(sim, lang) {
        if n_range.is_empty() {
            s.push_str(&format!("  {name}: {n_bias}\n"));
            continue;
        }
        s.push_str(&format!(
            "  {name}: N_opt bias {n_bias}, 95 % of sweeps {n_range}; D_opt bias {d_bias}, \
             95 % {d_range}; typical error {error}\n"
        ));
    }
    s.push_str(&format!("  {}\n", planner::unusable_line(sim, lang)));
    s
}
