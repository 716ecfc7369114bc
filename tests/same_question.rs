//! The page and the command line answer one question one way: the same question asked through
//! the page's configuration (`plan::plan`) and through `isoflop-cli allocate --json` gives the
//! same number in every field the command line prints.

mod common;

use common::json;
use isoflop::law::hardware::accelerator;
use isoflop::law::{LawId, LossParams};
use isoflop::permalink::{Config, FitConfig, Mode};
use isoflop::plan::plan;
use serde_json::Value;

/// Every number in `cli` equals the one at the same place in `page` (objects compared on the
/// command line's keys; the page may say more, e.g. the judge's verdict).
fn same_numbers(cli: &Value, page: &Value, path: &str) {
    match (cli, page) {
        (Value::Object(c), Value::Object(p)) => {
            for (key, value) in c {
                let other = p
                    .get(key)
                    .unwrap_or_else(|| panic!("{path}.{key} missing from the page's plan"));
                same_numbers(value, other, &format!("{path}.{key}"));
            }
        }
        (Value::Array(c), Value::Array(p)) => {
            assert_eq!(c.len(), p.len(), "{path}: lengths");
            for (i, (a, b)) in c.iter().zip(p).enumerate() {
                same_numbers(a, b, &format!("{path}[{i}]"));
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            // serde_json's default float parser may misround the last bit of the printed
            // shortest form, so "the same f64" is checked to 1e-15 relative (a few ulps).
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            assert!((a - b).abs() <= 1e-15 * b.abs(), "{path}: {a} vs {b}");
        }
        (a, b) => assert_eq!(a, b, "{path}"),
    }
}

fn check(config: &Config, args: &[&str]) -> Value {
    let cli = json(args);
    let page = plan(config).to_json();
    same_numbers(&cli, &page, "$");
    cli
}

fn base(mode: Mode) -> Config {
    let mut c = Config {
        mode,
        ..Config::default()
    };
    c.laws = vec![
        LawId::Kaplan2020,
        LawId::ChinchillaA1,
        LawId::ChinchillaA3,
        LawId::Epoch2024,
        LawId::DeepSeek2024,
        LawId::Llama3,
    ];
    c.hardware.accelerator = accelerator("a100").unwrap();
    c.hardware.count = 256;
    c.hardware.mfu = 0.35;
    c.hardware.price = Some(1.8);
    c
}

const LAWS: [&str; 12] = [
    "--law",
    "kaplan2020",
    "--law",
    "chinchilla-a1",
    "--law",
    "chinchilla-a3",
    "--law",
    "epoch2024",
    "--law",
    "deepseek2024",
    "--law",
    "llama3",
];
const HARDWARE: [&str; 8] = [
    "--gpu", "a100", "--count", "256", "--mfu", "0.35", "--price", "1.8",
];

fn args<'a>(question: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["allocate"];
    all.extend_from_slice(question);
    all.extend_from_slice(&LAWS);
    all.extend_from_slice(&HARDWARE);
    all.extend_from_slice(extra);
    all.push("--json");
    all
}

/// A budget, with inference tokens and limited unique data: every column, both beyond
/// sections, and the data-constrained optimum.
#[test]
fn budget_with_every_column() {
    let mut c = base(Mode::Budget);
    c.flops = 3e23;
    c.inference_tokens = Some(2e12);
    c.unique_tokens = Some(4e11);
    let v = check(
        &c,
        &args(
            &["--flops", "3e23"],
            &["--inference-tokens", "2e12", "--unique-tokens", "4e11"],
        ),
    );
    // The comparison covered the interesting fields, not an empty object.
    assert_eq!(v["laws"].as_array().unwrap().len(), 6);
    assert!(v["laws"][2]["inference"]["n_params"].is_number());
    assert!(v["laws"][0]["inference_error"].is_string());
    assert!(v["data_constrained"]["n_params"].is_number());
    assert!(v["laws"][3]["cost"].is_number());
}

/// The hardware budget: 256 A100 at 35 % for 12 days.
#[test]
fn hardware_days() {
    let mut c = base(Mode::Hardware);
    c.hardware.days = 12.0;
    let v = check(&c, &args(&["--days", "12"], &[]));
    // 256 · 312e12 · 0.35 · 12 · 86400 FLOPs (hand derivation).
    let expected = 256.0 * 312e12 * 0.35 * 12.0 * 86400.0;
    assert!((v["flops"].as_f64().unwrap() / expected - 1.0).abs() < 1e-12);
}

/// Model size and target loss: each law's own budget, and the inference-aware model of the
/// target loss itself.
#[test]
fn model_size_and_target_loss() {
    let mut c = base(Mode::Params);
    c.n_params = 13e9;
    check(&c, &args(&["--params", "13e9"], &[]));

    let mut c = base(Mode::Loss);
    c.target_loss = 2.1;
    c.inference_tokens = Some(5e12);
    let v = check(
        &c,
        &args(&["--loss", "2.1"], &["--inference-tokens", "5e12"]),
    );
    assert_eq!(v["laws"][2]["inference"]["target_loss"].as_f64(), Some(2.1));
}

/// A fitted law (a link's `fit=` on the page, `--fit` on the command line).
#[test]
fn a_fit() {
    let params = LossParams {
        e: 1.9,
        a: 350.0,
        b: 900.0,
        alpha: 0.33,
        beta: 0.31,
    };
    let mut c = base(Mode::Budget);
    c.flops = 1e22;
    c.fit = Some(FitConfig::new(params));
    c.laws = vec![LawId::Fit];
    c.inference_tokens = Some(1e12);
    let mut a = vec![
        "allocate",
        "--flops",
        "1e22",
        "--fit",
        "1.9,350,900,0.33,0.31",
    ];
    a.extend_from_slice(&HARDWARE);
    a.extend_from_slice(&["--inference-tokens", "1e12", "--json"]);
    check(&c, &a);
}

/// A model shape: the tokens each row's compute buys at its true cost (the default convention,
/// PaLM's, on both sides), and in hardware mode the days to train the shape on each row's D.
#[test]
fn a_model_shape() {
    use isoflop::law::shape::Convention;
    use isoflop::permalink::ShapeModel;

    let mut c = base(Mode::Budget);
    c.flops = 3e23;
    c.shape.model = Some(ShapeModel::Preset("llama3-8b".into()));
    let v = check(
        &c,
        &args(&["--flops", "3e23"], &["--shape-preset", "llama3-8b"]),
    );
    assert_eq!(v["shape"]["convention"], "palm");
    assert!(v["laws"][1]["true_cost"]["tokens"].is_number());

    let mut c = base(Mode::Hardware);
    c.hardware.days = 12.0;
    c.shape.model = Some(ShapeModel::Preset("qwen2.5-72b".into()));
    c.shape.convention = Convention::ChinchillaNoEmbedding;
    let v = check(
        &c,
        &args(
            &["--days", "12"],
            &[
                "--shape-preset",
                "qwen2.5-72b",
                "--convention",
                "chinchilla_no_embedding",
            ],
        ),
    );
    assert!(v["laws"][0]["shape_days"].is_number());
}
