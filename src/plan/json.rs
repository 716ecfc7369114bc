//! The answer as JSON, as `isoflop-cli allocate --json` prints it:
//! `{"flops", "laws": [{"id", "flops", "n_params", "n_tokens", "tokens_per_param", "loss"
//! [, "error"] [, "device_hours", "days", "cost"] [, "inference" | "inference_error"]
//! [, "epochs"] [, "true_cost", "shape_days"]}] [, "hardware"] [, "data_constrained"]
//! [, "shape"]}`.
//!
//! - `"inference"`, with inference tokens: `{target_loss, inference_tokens, n_params, n_tokens,
//!   training_flops, inference_flops, total_flops, params_pct, tokens_pct, flops_pct,
//!   chinchilla: {n_params, n_tokens, training_flops, inference_flops, total_flops}}` — the
//!   model of the same loss as the law's answer with the fewest training plus inference FLOPs
//!   (Sardana et al. 2024), and the Chinchilla-style model of that loss; `null` with
//!   `"inference_error"` where there is none.
//! - `"data_constrained"`, with unique tokens and a budget: Muennighoff et al. 2023's optimum
//!   `{law, flops, unique_tokens, n_params, n_tokens, epochs, effective_params,
//!   effective_tokens, loss, params_pct, tokens_pct, unconstrained: {…}}`, or `{law, error}`.
//! - `"shape"`, with a model shape: the shape's report (`isoflop-cli shape --json`'s object) and
//!   `convention`, `convention_flops_per_token`, `ratio_to_6n`; then each row has `"true_cost":
//!   {flops, convention, flops_per_token, tokens, tokens_at_6n}` (the tokens the row's C buys
//!   at that cost) and, with hardware days, `"shape_days"` (training the shape on the row's D).

use serde_json::{json, Map, Value};

use super::{InferenceError, Plan, Row};
use crate::law::beyond::{InferenceAllocation, LifetimeModel};

fn lifetime(m: &LifetimeModel) -> Value {
    json!({
        "n_params": m.n_params,
        "n_tokens": m.n_tokens,
        "training_flops": m.training_flops,
        "inference_flops": m.inference_flops,
        "total_flops": m.total_flops,
    })
}

fn inference(map: &mut Map<String, Value>, answer: &Result<InferenceAllocation, InferenceError>) {
    match answer {
        Ok(r) => {
            let mut value = lifetime(&r.optimal);
            if let Some(object) = value.as_object_mut() {
                object.insert("target_loss".into(), json!(r.target_loss));
                object.insert("inference_tokens".into(), json!(r.inference_tokens));
                object.insert("params_pct".into(), json!(r.params_pct));
                object.insert("tokens_pct".into(), json!(r.tokens_pct));
                object.insert("flops_pct".into(), json!(r.total_flops_pct));
                object.insert("chinchilla".into(), lifetime(&r.chinchilla));
            }
            map.insert("inference".into(), value);
        }
        Err(e) => {
            map.insert("inference".into(), Value::Null);
            map.insert("inference_error".into(), json!(e.to_string()));
        }
    }
}

fn row(r: &Row) -> Value {
    let mut map = Map::new();
    map.insert("id".into(), json!(r.law.id));
    match &r.values {
        Ok(v) => {
            let a = &v.allocation;
            map.insert("flops".into(), json!(a.flops));
            map.insert("n_params".into(), json!(a.n_params));
            map.insert("n_tokens".into(), json!(a.n_tokens));
            map.insert("tokens_per_param".into(), json!(a.tokens_per_param()));
            map.insert("loss".into(), json!(v.loss.as_ref().ok()));
            if let Some(t) = v.time {
                map.insert("device_hours".into(), json!(t.device_hours));
                map.insert("days".into(), json!(t.wall_clock_days));
                map.insert("cost".into(), json!(v.cost));
            }
            if let Some(answer) = &v.inference {
                inference(&mut map, answer);
            }
            if let Some(epochs) = v.epochs {
                map.insert("epochs".into(), json!(epochs));
            }
            match &v.true_cost {
                Some(Ok(t)) => {
                    map.insert("true_cost".into(), json!(t));
                }
                Some(Err(e)) => {
                    map.insert("true_cost".into(), Value::Null);
                    map.insert("true_cost_error".into(), json!(e.to_string()));
                }
                None => {}
            }
            if let Some(days) = &v.shape_days {
                map.insert("shape_days".into(), json!(days.as_ref().ok()));
            }
        }
        Err(e) => {
            for key in ["flops", "n_params", "n_tokens", "tokens_per_param", "loss"] {
                map.insert(key.into(), Value::Null);
            }
            map.insert("error".into(), json!(e.to_string()));
        }
    }
    Value::Object(map)
}

impl Plan {
    /// The plan as the JSON object of the module docs.
    #[must_use]
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("flops".into(), json!(self.flops));
        map.insert("laws".into(), self.rows.iter().map(row).collect());
        if let Some(hw) = &self.hardware {
            map.insert(
                "hardware".into(),
                json!({
                    "gpu": hw.accelerator.id,
                    "peak_flops": hw.accelerator.peak_flops,
                    "count": hw.count,
                    "mfu": hw.mfu,
                    "price_per_device_hour": hw.price,
                }),
            );
        }
        if let Some(answer) = &self.data_constrained {
            let mut value = match answer {
                Ok(a) => serde_json::to_value(a).unwrap_or(Value::Null),
                Err(e) => json!({ "error": e.to_string() }),
            };
            if let Some(object) = value.as_object_mut() {
                object.insert("law".into(), json!("muennighoff2023"));
            }
            map.insert("data_constrained".into(), value);
        }
        if let Some(shape) = &self.shape {
            map.insert("shape".into(), shape.to_json());
        }
        Value::Object(map)
    }
}
