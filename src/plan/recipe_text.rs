//! The training recipe as text: the page's cells (in the reader's language), the command
//! line's text and its JSON (`isoflop-cli recipe --json`).

use serde_json::{json, Value};

use super::recipe::{LawRecipe, ModelOrigin, ModelUsed, Recipes, SourceRecipe};
use crate::i18n::{recipe as t, Lang};
use crate::law::hyper::{Configured, HyperLaw};
use crate::law::quantity::{format_count, significant};

/// A learning rate as people write it: 4.25e-4.
#[must_use]
pub fn rate(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let e = x.abs().log10().floor() as i32;
    let m = x / 10f64.powi(e);
    let m = significant(m, 3);
    format!("{m}e{e}")
}

/// A whole number with its thousands grouped: `17,082,368`.
#[must_use]
pub fn grouped(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let digits = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if x < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

/// "8341 × 2048": whole sequences of the context.
fn sequences(c: &Configured, context: f64) -> String {
    format!("{} × {}", c.batch_sequences, grouped(context))
}

/// A duration in seconds: `1.84 s` under a minute, else as the table's durations.
fn seconds_text(s: f64, lang: Lang) -> String {
    if s < 60.0 {
        t::seconds(lang, &significant(s, 3))
    } else {
        super::units::format_duration_in(s / 86_400.0, lang)
    }
}

impl ModelUsed {
    /// "suggested for N: 32 layers × 4096 (M = 4.2e10 per token, 6.4B non-embedding)".
    #[must_use]
    pub fn describe(&self, lang: Lang) -> String {
        let dims = t::model_dims(
            lang,
            &self.shape.layers().to_string(),
            &self.shape.d_model().to_string(),
            &grouped(self.context),
        );
        let counts = t::model_counts(
            lang,
            &crate::law::quantity::format_flops(self.m),
            &format_count(self.non_embedding),
        );
        match &self.origin {
            ModelOrigin::Chosen(Some(name)) => t::model_chosen_named(lang, name, &dims, &counts),
            ModelOrigin::Chosen(None) => t::model_chosen(lang, &dims, &counts),
            ModelOrigin::Suggested => t::model_suggested(lang, &dims, &counts),
        }
    }
}

/// "extrapolated: C = M·D = 5.6e23 (fitted: 1e17–2e19)", each input outside named.
#[must_use]
pub fn extrapolated(peak: &crate::law::hyper::Peak, lang: Lang) -> String {
    let what: Vec<String> = peak.outside.iter().map(|o| o.text(lang)).collect();
    t::extrapolated(lang, &what.join(if lang == Lang::Zh { "；" } else { "; " }))
}

/// The cells of one recipe row, in the page's and the text's column order: source, peak rate,
/// its 95 % interval, batch (tokens, unrounded), batch (sequences), steps, warm-up, time per
/// step, time for the run, the fitted-range note.
#[must_use]
pub fn cells(law: HyperLaw, r: &SourceRecipe, lang: Lang) -> [String; 10] {
    let c = &r.configured;
    let p = &c.peak;
    let interval = p.lr_interval.map_or_else(
        || t::no_interval(lang).to_string(),
        |(lo, hi)| format!("{}–{}", rate(lo), rate(hi)),
    );
    let batch = t::batch_cell(
        lang,
        &grouped(c.batch_tokens_rounded),
        &format_count(p.batch_tokens),
    );
    let context = c.batch_tokens_rounded / c.batch_sequences as f64;
    let (step, run) = r.time.map_or_else(
        || ("—".to_string(), "—".to_string()),
        |(s, total)| (seconds_text(s, lang), seconds_text(total, lang)),
    );
    let range = if p.in_fitted_range() {
        t::in_range(lang).to_string()
    } else {
        extrapolated(p, lang)
    };
    [
        law.name().to_string(),
        rate(p.lr),
        interval,
        batch,
        sequences(c, context),
        c.steps.to_string(),
        c.warmup_steps.to_string(),
        step,
        run,
        range,
    ]
}

impl Recipes {
    /// The command line's text: a block per law (its N, D and model), a line per source.
    #[must_use]
    pub fn text(&self) -> String {
        let lang = Lang::En;
        let s = &self.setup;
        let mut out = t::text_heading(lang, &s.schedule.label(lang));
        out.push('\n');
        for row in &self.rows {
            out.push_str(&format!(
                "\n{} ({}): N = {}, D = {}\n",
                row.name,
                row.id,
                format_count(row.n_params),
                format_count(row.n_tokens)
            ));
            match &row.model {
                Ok(m) => out.push_str(&format!("  {}\n", m.describe(lang))),
                Err(e) => {
                    out.push_str(&format!("  {}\n", e.text(lang)));
                    continue;
                }
            }
            for (law, r) in &row.recipes {
                match r {
                    Ok(r) => {
                        let [name, lr, interval, batch, seqs, steps, warmup, step, run, range] =
                            cells(*law, r, lang);
                        out.push_str(&format!(
                            "  {name:<13} peak LR {lr} (95 %: {interval}); batch {batch} tokens = {seqs}; {steps} steps, warm-up {warmup}"
                        ));
                        if r.time.is_some() {
                            out.push_str(&format!("; {step} per step, {run} in all"));
                        }
                        out.push_str(&format!("; {range}\n"));
                    }
                    Err(e) => out.push_str(&format!("  {:<13} {}\n", law.name(), e.text(lang))),
                }
            }
        }
        out
    }

    /// The command line's JSON: `{"schedule","context","laws":[{"id","n_params","n_tokens",
    /// "model","recipes":[{"source","lr","lr_interval","batch_tokens","batch_sequences",
    /// "steps","warmup_steps","in_fitted_range",…}]}]}`.
    #[must_use]
    pub fn to_json(&self) -> Value {
        let laws: Vec<Value> = self.rows.iter().map(row_json).collect();
        json!({
            "schedule": self.setup.schedule.id(),
            "laws": laws,
        })
    }
}

fn row_json(row: &LawRecipe) -> Value {
    let model = match &row.model {
        Ok(m) => json!({
            "origin": match m.origin { ModelOrigin::Chosen(_) => "chosen", ModelOrigin::Suggested => "suggested" },
            "layers": m.shape.layers(),
            "d_model": m.shape.d_model(),
            "context": m.context,
            "non_embedding_params": m.non_embedding,
            "deepseek_m": m.m,
        }),
        Err(e) => json!({ "error": e.text(Lang::En) }),
    };
    let recipes: Vec<Value> = row
        .recipes
        .iter()
        .map(|(law, r)| match r {
            Ok(r) => {
                let c = &r.configured;
                let p = &c.peak;
                json!({
                    "source": law.id(),
                    "lr": p.lr,
                    "lr_interval": p.lr_interval.map(|(a, b)| [a, b]),
                    "batch_tokens": c.batch_tokens_rounded,
                    "batch_tokens_unrounded": p.batch_tokens,
                    "batch_sequences": c.batch_sequences,
                    "steps": c.steps,
                    "warmup_steps": c.warmup_steps,
                    "in_fitted_range": p.in_fitted_range(),
                    "extrapolated": (!p.in_fitted_range()).then(|| extrapolated(p, Lang::En)),
                    "seconds_per_step": r.time.map(|t| t.0),
                    "seconds": r.time.map(|t| t.1),
                })
            }
            Err(e) => json!({ "source": law.id(), "error": e.text(Lang::En) }),
        })
        .collect();
    json!({
        "id": row.id,
        "n_params": row.n_params,
        "n_tokens": row.n_tokens,
        "model": model,
        "recipes": recipes,
    })
}
