//! A model shape in the plan and the shape section's text, against hand derivations.
//!
//! Llama 3 8B (Dubey et al. 2024, Table 3: 32 layers, d 4096, 32 heads of 128, 8 KV heads, FFN
//! 14336 gated, vocabulary 128,256 untied, context 8192), counted by hand:
//! per layer 4096·(2·4096 + 2·1024) + 3·4096·14336 + 2·4096 = 218,112,000; 32 layers and the
//! final norm 6,979,588,096; embeddings 2·128,256·4096 = 1,050,673,152; total 8,030,261,248.
//! PaLM's FLOPs per token (Chowdhery et al. 2022, App. B): 6N + 12·L·h·k·S =
//! 48,181,567,488 + 12·32·4096·8192 = 61,066,469,376.

use super::shape_form::{message_for, ShapeForm};
use super::shape_panel::{bytes, convention_rows, counts, memory, suggestion};
use super::table::table;
use super::*;
use crate::i18n::Lang;
use crate::law::hardware::accelerator;
use crate::law::shape::{Convention, Recipe, ShapeField, Sharding};
use crate::permalink::{Config, Mode, ShapeModel};

const N: f64 = 8_030_261_248.0;
const PALM: f64 = 61_066_469_376.0;

fn rel(a: f64, b: f64) -> f64 {
    ((a - b) / b).abs()
}

fn llama(mode: Mode, convention: Convention) -> Config {
    let mut c = Config {
        mode,
        ..Config::default()
    };
    c.shape.model = Some(ShapeModel::Preset("llama3-8b".into()));
    c.shape.convention = convention;
    c
}

/// Budget mode: each row's tokens at true cost are C / F under the convention, and 6N's figure
/// C / 6N rides along; the column is in the table and its exports.
#[test]
fn budget_mode_tokens_at_true_cost() {
    let mut c = llama(Mode::Budget, Convention::Palm);
    c.flops = 1e23;
    let plan = plan(&c);
    let t = plan
        .values(LawId::ChinchillaA1)
        .unwrap()
        .true_cost
        .clone()
        .unwrap()
        .unwrap();
    assert!(
        rel(t.flops_per_token, PALM) < 1e-12,
        "{}",
        t.flops_per_token
    );
    assert!(rel(t.tokens, 1e23 / PALM) < 1e-12);
    assert!(rel(t.tokens_at_6n, 1e23 / (6.0 * N)) < 1e-12);
    let t = table(&plan, Lang::En);
    let i = t
        .columns
        .iter()
        .position(|c| c.class() == "true-tokens")
        .unwrap();
    assert_eq!(t.columns[i].header, "Tokens at this shape's cost");
    // 1e23 / 6.1066e10 = 1.6376e12.
    assert_eq!(t.rows[0].cells[i].text, "1.64T");
    assert!(t.markdown().contains("Tokens at this shape's cost"));
    assert!(t.csv().contains(",1.64T"));
    assert!(!t.columns.iter().any(|c| c.class() == "shape-days"));
    // Another convention changes the column: 6N's own count gives C / 6N.
    let six_n = plan_for(Convention::SixN);
    assert!(rel(six_n, 1e23 / (6.0 * N)) < 1e-12);
}

fn plan_for(convention: Convention) -> f64 {
    let mut c = llama(Mode::Budget, convention);
    c.flops = 1e23;
    let p = plan(&c);
    let t = p.values(LawId::Kaplan2020).unwrap().true_cost.clone();
    t.unwrap().unwrap().tokens
}

/// Model-size mode: the row's own C (the budget at which 70B is optimal for that law).
#[test]
fn params_mode_uses_each_rows_compute() {
    let mut c = llama(Mode::Params, Convention::Palm);
    c.n_params = 70e9;
    let plan = plan(&c);
    for row in &plan.rows {
        let v = row.values.as_ref().unwrap();
        let t = v.true_cost.clone().unwrap().unwrap();
        assert!(
            rel(t.tokens, v.allocation.flops / PALM) < 1e-12,
            "{}",
            row.law.id
        );
    }
}

/// Hardware mode: days to train the shape on the row's D at the convention's FLOPs per token,
/// D · F / (1024 · 989e12 · 0.4 · 86400); the days column header names the device count.
#[test]
fn hardware_mode_days_follow_the_convention() {
    let mut c = llama(Mode::Hardware, Convention::Kaplan);
    c.hardware.days = 30.0;
    let plan = plan(&c);
    let kaplan = Convention::Kaplan.flops_per_token(&c.shape.shape().unwrap());
    // Kaplan Table 1: 6·6,979,588,096 + 6·32·8192·4096 = 48,319,979,520.
    assert_eq!(kaplan, 48_319_979_520.0);
    let rate = 1024.0 * 989e12 * 0.4 * 86400.0;
    for row in &plan.rows {
        let v = row.values.as_ref().unwrap();
        let days = v.shape_days.clone().unwrap().unwrap();
        assert!(
            rel(days, v.allocation.n_tokens * kaplan / rate) < 1e-9,
            "{}",
            row.law.id
        );
    }
    let t = table(&plan, Lang::En);
    assert!(t
        .columns
        .iter()
        .any(|c| c.class() == "shape-days" && c.header == "Time on 1024 devices for this shape"));
    let json = plan.to_json();
    assert_eq!(json["shape"]["convention"], "kaplan");
    assert_eq!(json["shape"]["n_params"], 8_030_261_248u64);
    assert!(json["laws"][0]["true_cost"]["tokens"].is_number());
    assert!(json["laws"][0]["shape_days"].is_number());
}

/// Without a shape, nothing changes: no column, no JSON key.
#[test]
fn no_shape_no_column() {
    let plan = plan(&Config::default());
    assert!(plan.shape.is_none());
    assert!(!table(&plan, Lang::En)
        .columns
        .iter()
        .any(|c| c.class() == "true-tokens"));
    assert!(plan.to_json().get("shape").is_none());
}

/// The section's text: counts, one row per convention with the chosen one marked, memory.
#[test]
fn section_text() {
    let c = llama(Mode::Budget, Convention::Palm);
    let shape = c.shape.shape().unwrap();
    assert_eq!(
        counts(&shape, Lang::En),
        "8.03B parameters (8,030,261,248) = 6.98B non-embedding + 1.05B embedding"
    );
    let rows = convention_rows(&shape, Convention::Palm, Lang::En);
    assert_eq!(rows.len(), 7);
    let palm = rows.iter().find(|r| r.chosen).unwrap();
    assert_eq!(
        (palm.id, palm.flops.as_str(), palm.ratio.as_str()),
        ("palm", "6.11e10", "1.267×")
    );
    assert!(palm.title.contains("Chowdhery et al. 2022"));
    // 16 B/param × 8.03B = 128.5 GB: unsharded it fits no 80 GB H100; ZeRO-3 needs 2.
    let h100 = accelerator("h100").unwrap();
    let lines = memory(N, Recipe::MixedAdam, Sharding::None, h100, 1024, Lang::En);
    assert!(
        lines[0].contains("(16 B/param) × 8.03B parameters = 128 GB"),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with("No number of NVIDIA H100 SXM (80 GB)"),
        "{lines:?}"
    );
    let lines = memory(N, Recipe::MixedAdam, Sharding::Zero3, h100, 1024, Lang::En);
    assert!(lines[1].contains("that hold it: 2 ("), "{lines:?}");
    // 128.48e9 / 1024 = 125 MB each.
    assert!(lines[2].contains("125 MB each (fits"), "{lines:?}");
    assert_eq!(bytes(1.12e12), "1.12 TB");
}

/// The suggestion defaults to the first answered law's N and says so; a typed N wins.
#[test]
fn suggestion_for_the_first_laws_n() {
    let mut c = Config {
        flops: 1e21,
        ..Config::default()
    };
    let s = suggestion(&c, &plan(&c));
    assert!(
        s.heading
            .starts_with("For 4.68B parameters (Kaplan et al. 2020's N"),
        "{}",
        s.heading
    );
    assert!(s.shape.is_some() && s.body.is_ok(), "{:?}", s.body);
    c.shape.suggest_params = Some(7e10);
    let s = suggestion(&c, &plan(&c));
    assert!(
        s.heading.starts_with("For 70.0B parameters,"),
        "{}",
        s.heading
    );
    let n = s.shape.unwrap().params().total as f64;
    assert!(rel(n, 7e10) < 0.05, "{n}");
    c.shape.suggest_params = Some(1e16);
    let s = suggestion(&c, &plan(&c));
    assert!(s.body.unwrap_err().contains("1e15"));
}

/// The form: heads 7 with d_model 4096 is refused under heads (and Llama 3's 8 KV heads under
/// KV heads); text that is not a whole number under its own field; an empty KV heads field
/// means as many as heads. The head size is left empty where it is d_model / heads, so it
/// follows the heads; Chinchilla's 4,992-wide row keeps its 32 heads of 128.
#[test]
fn the_form_refuses_field_by_field() {
    let shape = llama(Mode::Budget, Convention::Palm).shape.shape().unwrap();
    let mut form = ShapeForm::of(&shape);
    assert_eq!(form.texts[4], "");
    assert_eq!(form.check(), Ok(shape));
    let a9 = crate::law::shape::shape_preset("chinchilla-a9-14940m")
        .unwrap()
        .shape;
    assert_eq!(ShapeForm::of(&a9).texts[4], "128");
    assert_eq!(ShapeForm::of(&a9).check(), Ok(a9));
    form.texts[2] = "7".into();
    let errors = form.check().unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(message_for(&errors, ShapeField::Heads, Lang::En)
        .unwrap()
        .contains("heads must divide d_model (4096 / 7 is not whole)"));
    assert!(message_for(&errors, ShapeField::KvHeads, Lang::En)
        .unwrap()
        .contains("(got 8 for 7 heads)"));
    assert_eq!(message_for(&errors, ShapeField::Layers, Lang::En), None);
    form.texts[0] = "thirty".into();
    form.texts[7] = String::new();
    let errors = form.check().unwrap_err();
    assert!(message_for(&errors, ShapeField::Layers, Lang::En)
        .unwrap()
        .starts_with("Not a whole number"));
    assert!(message_for(&errors, ShapeField::Context, Lang::En)
        .unwrap()
        .starts_with("Enter the context"));
    let mut form = ShapeForm::of(&shape);
    form.texts[3] = String::new();
    assert_eq!(form.check().unwrap().kv_heads(), 32);
    form.texts[0] = "0".into();
    let errors = form.check().unwrap_err();
    assert!(message_for(&errors, ShapeField::Layers, Lang::En)
        .unwrap()
        .contains("(got 0)"));
}
