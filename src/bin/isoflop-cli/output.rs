//! `allocate`'s output: one JSON object per law, or the plain-text table.

use isoflop::law::beyond::InferenceAllocation;
use isoflop::law::quantity::{format_count, format_flops};
use isoflop::law::{Allocation, Law, LawError};
use serde_json::{json, Value};

use super::beyond;

/// One law's answer, with the cost on the chosen hardware.
pub struct Row {
    /// The law.
    pub law: Law,
    /// Its allocation and predicted loss.
    pub answer: Result<(Allocation, Option<f64>), LawError>,
    /// Device-hours, days and cost on the chosen hardware.
    pub time: Option<(f64, f64, Option<f64>)>,
    /// The inference-aware model of the same loss, with `--inference-tokens`.
    pub inference: Option<Result<InferenceAllocation, String>>,
}

/// One law's JSON object.
pub fn row_json(row: &Row, unique_tokens: Option<f64>) -> Value {
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
    if let Some(answer) = &row.inference {
        beyond::add_inference_json(&mut value, answer);
    }
    if let (Some(u), Ok((a, _)), Some(map)) = (unique_tokens, &row.answer, value.as_object_mut()) {
        map.insert("epochs".into(), json!(a.n_tokens / u));
    }
    value
}

/// The plain-text table.
pub fn table(budget: Option<f64>, rows: &[Row]) -> String {
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
