//! `isoflop-cli allocate --inference-tokens / --unique-tokens / --fit`, run as a user would:
//! the numbers against the authors' README examples (Sardana et al. 2024; Muennighoff et al.
//! 2023) and against the library called directly.

mod common;

use common::{cli, json, rel};

use isoflop::law::beyond::{data_constrained_optimal, inference_optimal_at_budget};
use isoflop::law::{preset, LossModel};
use serde_json::Value;

/// Sardana et al. 2024's default coefficients (README, "Advanced Features"): E, A, B, α, β.
const SARDANA: &str = "1.69,406.4,410.7,0.336,0.283";

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("a number, got {v}"))
}

/// README, `compute_optimal.py --loss 1.947 --inference_tokens 2e12`: N = 2.418e10,
/// D = 2.657e12, 70.96 % of the parameters, 146.77 % of the tokens, 95.22 % of the FLOPs of
/// the equal-loss Chinchilla model (N = 3.408e10, D = 1.810e12). Tolerance: half a unit of
/// the last printed digit.
#[test]
fn readme_inference_example() {
    let v = json(&[
        "allocate",
        "--loss",
        "1.947",
        "--fit",
        SARDANA,
        "--inference-tokens",
        "2e12",
        "--json",
    ]);
    let laws = v["laws"].as_array().unwrap();
    assert_eq!(laws.len(), 1, "--fit alone is the only law");
    assert_eq!(laws[0]["id"], "fit");
    let inf = &laws[0]["inference"];
    assert!(
        (num(&inf["n_params"]) - 2.418e10).abs() <= 0.0005e10,
        "{inf}"
    );
    assert!(
        (num(&inf["n_tokens"]) - 2.657e12).abs() <= 0.0005e12,
        "{inf}"
    );
    assert!((num(&inf["params_pct"]) - 70.96).abs() <= 0.005, "{inf}");
    assert!((num(&inf["tokens_pct"]) - 146.77).abs() <= 0.005, "{inf}");
    assert!((num(&inf["flops_pct"]) - 95.22).abs() <= 0.005, "{inf}");
    assert!((num(&inf["chinchilla"]["n_params"]) - 3.408e10).abs() <= 0.0005e10);
    assert!((num(&inf["chinchilla"]["n_tokens"]) - 1.810e12).abs() <= 0.0005e12);
    assert_eq!(num(&inf["target_loss"]), 1.947);
    assert_eq!(num(&inf["inference_tokens"]), 2e12);
    // FLOPs by hand: 6·N·D to train, 2·N per inference token.
    let (n, d) = (num(&inf["n_params"]), num(&inf["n_tokens"]));
    assert!(rel(num(&inf["training_flops"]), 6.0 * n * d) < 1e-12);
    assert!(rel(num(&inf["inference_flops"]), 2.0 * n * 2e12) < 1e-12);
    assert!(rel(num(&inf["total_flops"]), 6.0 * n * d + 2.0 * n * 2e12) < 1e-12);
}

/// README, `cost_calculator.py --model 30e9 --chinchilla … --inference_reqs 1e9` with 600
/// tokens per request: the 30B Chinchilla-style model trains on D = 1.556e12 tokens to loss
/// 1.958253360475841, 2.801e23 training FLOPs, 3.161e23 with inference. Here --params 30B makes
/// it the law's answer, so the "chinchilla" side of the inference figures is that model.
#[test]
fn readme_30b_cost_example() {
    let v = json(&[
        "allocate",
        "--params",
        "30B",
        "--fit",
        SARDANA,
        "--inference-tokens",
        "6e11",
        "--json",
    ]);
    let row = &v["laws"][0];
    assert!(
        (num(&row["loss"]) - 1.958_253_360_475_841).abs() < 1e-9,
        "{row}"
    );
    let c = &row["inference"]["chinchilla"];
    assert!(rel(num(&c["n_params"]), 30e9) < 1e-9, "{c}");
    assert!((num(&c["n_tokens"]) - 1.556e12).abs() <= 0.0005e12, "{c}");
    assert!(
        (num(&c["training_flops"]) - 2.801e23).abs() <= 0.0005e23,
        "{c}"
    );
    assert!(
        (num(&c["total_flops"]) - 3.161e23).abs() <= 0.0005e23,
        "{c}"
    );
    // Serving 6e11 tokens, a smaller model trained longer is cheaper over its lifetime.
    let inf = &row["inference"];
    assert!(num(&inf["params_pct"]) < 100.0 && num(&inf["flops_pct"]) < 100.0);
}

/// A preset at a budget: the figures are the library's `inference_optimal_at_budget` (to
/// 1e-9: the CLI passes the loss of the law's own answer, the library recomputes it), and the
/// Chinchilla side is the law's own answer. Laws without a Chinchilla-form loss say why.
#[test]
fn preset_laws_at_a_budget() {
    let v = json(&[
        "allocate",
        "--flops",
        "5.76e23",
        "--law",
        "chinchilla-a3-tex",
        "--law",
        "kaplan2020",
        "--law",
        "chinchilla-a1",
        "--inference-tokens",
        "2T",
        "--json",
    ]);
    let law = preset("chinchilla-a3-tex").unwrap();
    let Some(LossModel::Parametric(params)) = law.loss_model else {
        panic!("chinchilla-a3-tex is parametric");
    };
    let lib = inference_optimal_at_budget(&params, 5.76e23, 2e12).unwrap();
    let row = &v["laws"][0];
    let inf = &row["inference"];
    assert!(
        rel(num(&inf["n_params"]), lib.optimal.n_params) < 1e-9,
        "{inf}"
    );
    assert!(
        rel(num(&inf["n_tokens"]), lib.optimal.n_tokens) < 1e-9,
        "{inf}"
    );
    assert!(
        rel(num(&inf["flops_pct"]), lib.total_flops_pct) < 1e-9,
        "{inf}"
    );
    assert!(rel(num(&inf["chinchilla"]["n_params"]), num(&row["n_params"])) < 1e-9);
    assert!(rel(num(&inf["chinchilla"]["n_tokens"]), num(&row["n_tokens"])) < 1e-9);
    for row in &v["laws"].as_array().unwrap()[1..] {
        assert!(row["inference"].is_null(), "{row}");
        assert!(row["inference_error"].is_string(), "{row}");
    }
    assert!(v.get("data_constrained").is_none());
}

/// README "Parametric Fit": optimal_allocation(1e22, 25e9) → 2.3734e11 tokens (9.4935
/// epochs), 7.0224e9 parameters; ±0.5 % (their answer is a 500-point grid). The CLI must give
/// the library's answer exactly and spend the budget (6·N·D = C, by hand).
#[test]
fn readme_data_constrained_example() {
    let v = json(&[
        "allocate",
        "--flops",
        "1e22",
        "--unique-tokens",
        "25B",
        "--law",
        "chinchilla-a1",
        "--json",
    ]);
    let dc = &v["data_constrained"];
    assert_eq!(dc["law"], "muennighoff2023");
    let (n, d) = (num(&dc["n_params"]), num(&dc["n_tokens"]));
    assert!(rel(d, 2.3734e11) < 0.005, "{dc}");
    assert!(rel(num(&dc["epochs"]), 9.4935) < 0.005, "{dc}");
    assert!(rel(n, 7.0224e9) < 0.005, "{dc}");
    assert!(rel(6.0 * n * d, 1e22) < 1e-9);
    assert_eq!(num(&dc["unique_tokens"]), 25e9);
    let lib = data_constrained_optimal(1e22, 25e9).unwrap();
    assert!(rel(n, lib.n_params) < 1e-12 && rel(d, lib.n_tokens) < 1e-12);
    assert!(rel(num(&dc["loss"]), lib.loss) < 1e-12);
    assert!(
        rel(
            num(&dc["unconstrained"]["n_params"]),
            lib.unconstrained.n_params
        ) < 1e-12
    );
    // Each law's epochs over the unique data: its D / U.
    let row = &v["laws"][0];
    assert!(rel(num(&row["epochs"]), num(&row["n_tokens"]) / 25e9) < 1e-15);
}

/// A hardware budget works too: 1024 H100 × 30 days × 40 % = 1.0500e24 FLOPs (hand
/// derivation, as tests/cli.rs).
#[test]
fn data_constrained_on_a_hardware_budget() {
    let v = json(&[
        "allocate",
        "--gpu",
        "h100",
        "--count",
        "1024",
        "--days",
        "30",
        "--unique-tokens",
        "1e12",
        "--law",
        "epoch2024",
        "--json",
    ]);
    let c = 1024.0 * 30.0 * 86400.0 * 989e12 * 0.4;
    assert!(rel(num(&v["data_constrained"]["flops"]), c) < 1e-12);
}

/// The table gains both sections, with the README's 9.49 epochs.
#[test]
fn table_shows_both_sections() {
    let out = cli(&[
        "allocate",
        "--flops",
        "1e22",
        "--law",
        "chinchilla-a3",
        "--law",
        "chinchilla-a1",
        "--inference-tokens",
        "2e12",
        "--unique-tokens",
        "25e9",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Inference-aware"), "{text}");
    assert!(text.contains("chinchilla-a1      no loss model"), "{text}");
    assert!(
        text.contains("Data-constrained") && text.contains("9.49 epochs"),
        "{text}"
    );
    let help = String::from_utf8(cli(&["help"]).stdout).unwrap();
    assert!(help.contains("--inference-tokens") && help.contains("--unique-tokens"));
}

/// Bad values: a message on stderr and exit code 2, nothing on stdout.
#[test]
fn bad_beyond_arguments_exit_2() {
    for args in [
        &["allocate", "--params", "70B", "--unique-tokens", "25e9"][..],
        &["allocate", "--flops", "1e22", "--unique-tokens", "abc"],
        &["allocate", "--flops", "1e22", "--unique-tokens", "0"],
        &["allocate", "--flops", "1e22", "--inference-tokens", "NaN"],
        &["allocate", "--flops", "1e22", "--inference-tokens", "1e999"],
        &[
            "allocate",
            "--flops",
            "1e22",
            "--inference-tokens",
            "1e12",
            "--inference-tokens",
            "2e12",
        ],
        &["allocate", "--flops", "1e22", "--fit", "1,2,3"],
        &[
            "allocate",
            "--flops",
            "1e22",
            "--fit",
            "1.69,-406.4,410.7,0.336,0.283",
        ],
        &[
            "allocate",
            "--flops",
            "1e22",
            "--fit",
            "1.69,406.4,410.7,0.336,inf",
        ],
    ] {
        let out = cli(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with("isoflop-cli: "), "{args:?}: {err}");
    }
}
