//! `allocate --inference-tokens X`, `--unique-tokens U` and `--fit E,A,B,ALPHA,BETA`: the
//! figures of `isoflop::law::beyond` beside each law's answer (issue 7).
//!
//! JSON, added to `allocate --json`:
//! - per law, with `--inference-tokens`: `"inference": {target_loss, inference_tokens,
//!   n_params, n_tokens, training_flops, inference_flops, total_flops, params_pct, tokens_pct,
//!   flops_pct, chinchilla: {n_params, n_tokens, training_flops, inference_flops,
//!   total_flops}}` — the model of the same loss as the law's answer with the fewest training
//!   plus inference FLOPs (Sardana et al. 2024), and the Chinchilla-style model of that loss;
//!   the percentages compare the two. `null` (with `"inference_error"`) for laws without a
//!   loss of the form E + A/N^α + B/D^β.
//! - per law, with `--unique-tokens`: `"epochs"`, its D / U.
//! - top level, with `--unique-tokens`: `"data_constrained": {law, flops, unique_tokens,
//!   n_params, n_tokens, epochs, effective_params, effective_tokens, loss, params_pct,
//!   tokens_pct, unconstrained: {n_params, n_tokens, loss, loss_with_repetition, epochs}}` —
//!   the best (N, D) at the budget under Muennighoff et al. 2023's fitted law, or
//!   `{law, error}`.

use isoflop::law::beyond::{
    data_constrained_optimal, inference_optimal, DataConstrainedAllocation, InferenceAllocation,
    LifetimeModel,
};
use isoflop::law::quantity::{format_count, format_flops, parse_count};
use isoflop::law::{Law, LossModel, LossParams};
use serde_json::{json, Value};

/// The options this module reads.
pub const FLAGS: [&str; 3] = ["--inference-tokens", "--unique-tokens", "--fit"];

/// Usage lines for these options.
pub const USAGE: &str =
    "      --inference-tokens X  lifetime inference tokens (2e12, 2T): per law with a loss
                      E + A/N^α + B/D^β, the model of the same loss with the fewest training
                      + inference FLOPs (Sardana et al. 2024); JSON \"inference\" per law:
                      {target_loss, inference_tokens, n_params, n_tokens, training_flops,
                      inference_flops, total_flops, params_pct, tokens_pct, flops_pct,
                      chinchilla: {n_params, n_tokens, training_flops, inference_flops,
                      total_flops}} (percentages of the same-loss Chinchilla model)
      --unique-tokens U     unique training tokens available (25e9, 25B; needs --flops or
                      --days): the best allocation when data must repeat (Muennighoff et al.
                      2023); JSON top-level \"data_constrained\": {law, flops, unique_tokens,
                      n_params, n_tokens, epochs, effective_params, effective_tokens, loss,
                      params_pct, tokens_pct, unconstrained: {…}}, and \"epochs\" per law
      --fit E,A,B,ALPHA,BETA  your own loss law L = E + A/N^α + B/D^β as law `fit` (with no
                      --law, the only law)";

/// `--inference-tokens`, `--unique-tokens` and `--fit`, as given.
#[derive(Default)]
pub struct BeyondArgs {
    /// Lifetime inference demand in tokens.
    pub inference_tokens: Option<f64>,
    /// Unique training tokens available.
    pub unique_tokens: Option<f64>,
    /// The law given by `--fit`.
    pub fit: Option<Law>,
}

impl BeyondArgs {
    /// Reads one of [`FLAGS`] and its value; a message for a bad or repeated value.
    pub fn parse(&mut self, flag: &str, value: &str) -> Result<(), String> {
        let count = |v: &str| parse_count(v).map_err(|e| format!("{flag}: {e}"));
        let repeated = format!("{flag} given twice");
        match flag {
            "--inference-tokens" => {
                let x = count(value)?;
                self.inference_tokens
                    .replace(x)
                    .map_or(Ok(()), |_| Err(repeated))
            }
            "--unique-tokens" => {
                let x = count(value)?;
                self.unique_tokens
                    .replace(x)
                    .map_or(Ok(()), |_| Err(repeated))
            }
            _ => {
                let law = fit_law(value).map_err(|e| format!("{flag}: {e}"))?;
                self.fit.replace(law).map_or(Ok(()), |_| Err(repeated))
            }
        }
    }
}

/// `E,A,B,ALPHA,BETA` → the parametric law `fit`.
fn fit_law(text: &str) -> Result<Law, String> {
    let numbers: Vec<f64> = text
        .split(',')
        .map(|x| x.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("expected five numbers E,A,B,ALPHA,BETA, got `{text}`"))?;
    let [e, a, b, alpha, beta] = numbers[..] else {
        return Err(format!(
            "expected five numbers E,A,B,ALPHA,BETA, got `{text}`"
        ));
    };
    let params = LossParams {
        e,
        a,
        b,
        alpha,
        beta,
    };
    params.check().map_err(|e| e.to_string())?;
    Ok(Law::parametric(
        "fit",
        "Your loss law",
        "Coefficients given with --fit",
        "",
        params,
    ))
}

/// The inference-aware model at `target` loss under `law`, or why there is none.
pub fn inference(
    law: &Law,
    target: Option<f64>,
    tokens: f64,
) -> Result<InferenceAllocation, String> {
    let params = match &law.loss_model {
        Some(LossModel::Parametric(params)) => params,
        Some(_) => return Err("needs a loss of the form E + A/N^α + B/D^β".into()),
        None => return Err("no loss model".into()),
    };
    let target = target.ok_or("no predicted loss")?;
    inference_optimal(params, target, tokens).map_err(|e| e.to_string())
}

fn lifetime_json(m: &LifetimeModel) -> Value {
    json!({
        "n_params": m.n_params,
        "n_tokens": m.n_tokens,
        "training_flops": m.training_flops,
        "inference_flops": m.inference_flops,
        "total_flops": m.total_flops,
    })
}

/// One law's `"inference"` value (and `"inference_error"`), added to its JSON object.
pub fn add_inference_json(row: &mut Value, answer: &Result<InferenceAllocation, String>) {
    let Some(map) = row.as_object_mut() else {
        return;
    };
    match answer {
        Ok(r) => {
            let mut value = lifetime_json(&r.optimal);
            if let Some(object) = value.as_object_mut() {
                object.insert("target_loss".into(), json!(r.target_loss));
                object.insert("inference_tokens".into(), json!(r.inference_tokens));
                object.insert("params_pct".into(), json!(r.params_pct));
                object.insert("tokens_pct".into(), json!(r.tokens_pct));
                object.insert("flops_pct".into(), json!(r.total_flops_pct));
                object.insert("chinchilla".into(), lifetime_json(&r.chinchilla));
            }
            map.insert("inference".into(), value);
        }
        Err(e) => {
            map.insert("inference".into(), Value::Null);
            map.insert("inference_error".into(), json!(e));
        }
    }
}

/// The data-constrained optimum at `flops` with `unique` unique tokens.
pub fn data_constrained(flops: f64, unique: f64) -> Result<DataConstrainedAllocation, String> {
    data_constrained_optimal(flops, unique).map_err(|e| e.to_string())
}

/// The top-level `"data_constrained"` value.
pub fn data_constrained_json(answer: &Result<DataConstrainedAllocation, String>) -> Value {
    let mut value = match answer {
        Ok(a) => serde_json::to_value(a).unwrap_or(Value::Null),
        Err(e) => json!({ "error": e }),
    };
    if let Some(map) = value.as_object_mut() {
        map.insert("law".into(), json!("muennighoff2023"));
    }
    value
}

/// The table section for `--inference-tokens`: one line per law.
pub fn inference_table(
    tokens: f64,
    rows: &[(&str, &Result<InferenceAllocation, String>)],
) -> String {
    let mut out = format!(
        "\nInference-aware (Sardana et al. 2024), {} inference tokens; % of the same-loss Chinchilla model:\n",
        format_count(tokens)
    );
    out.push_str(&format!(
        "{:<18} {:>9} {:>9} {:>11} {:>7} {:>7} {:>7}\n",
        "law", "params", "tokens", "total FLOPs", "params", "tokens", "FLOPs"
    ));
    for (id, answer) in rows {
        match answer {
            Ok(r) => out.push_str(&format!(
                "{:<18} {:>9} {:>9} {:>11} {:>6.1}% {:>6.1}% {:>6.1}%\n",
                id,
                format_count(r.optimal.n_params),
                format_count(r.optimal.n_tokens),
                format_flops(r.optimal.total_flops),
                r.params_pct,
                r.tokens_pct,
                r.total_flops_pct
            )),
            Err(e) => out.push_str(&format!("{id:<18} {e}\n")),
        }
    }
    out
}

/// The table section for `--unique-tokens`.
pub fn data_constrained_table(
    unique: f64,
    answer: &Result<DataConstrainedAllocation, String>,
) -> String {
    let mut out = format!(
        "\nData-constrained (Muennighoff et al. 2023), {} unique tokens:\n",
        format_count(unique)
    );
    match answer {
        Ok(a) => {
            let u = &a.unconstrained;
            out.push_str(&format!(
                "  best:          {} params on {} tokens ({:.2} epochs), loss {:.4}\n",
                format_count(a.n_params),
                format_count(a.n_tokens),
                a.epochs,
                a.loss
            ));
            out.push_str(&format!(
                "  unconstrained: {} params on {} tokens ({:.2} epochs), loss {:.4} repeating ({:.4} with fresh data)\n",
                format_count(u.n_params),
                format_count(u.n_tokens),
                u.epochs,
                u.loss_with_repetition,
                u.loss
            ));
        }
        Err(e) => out.push_str(&format!("  {e}\n")),
    }
    out
}
