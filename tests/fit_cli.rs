#![cfg(not(target_arch = "wasm32"))]
//! The `fit` subcommand: options, JSON keys, and that it reports what the library computes.

use isoflop::cli::fit::{fit_text, parse_args};
use isoflop::fit::{fit_approach3, parse_runs, Method};
use isoflop::law::loss::LossParams;

fn args(s: &str) -> Vec<String> {
    s.split_whitespace().map(String::from).collect()
}

/// 30 runs of a known law (no noise) plus one bad row and one very high loss.
fn csv() -> String {
    let law = LossParams {
        e: 1.7,
        a: 400.0,
        b: 1500.0,
        alpha: 0.33,
        beta: 0.36,
    };
    let mut s = String::from("N,D,loss\n");
    for i in 0..6 {
        for j in 0..5 {
            let n = 1e8 * 3f64.powi(i);
            let d = n * 5f64 * 2f64.powi(j);
            s.push_str(&format!("{n},{d},{}\n", law.loss(n, d)));
        }
    }
    s.push_str("1e9,oops,2.0\n1e8,1e9,9.5\n");
    s
}

#[test]
fn options_parse_and_bad_ones_are_refused() {
    let a = parse_args(&args(
        "runs.csv --method paper --delta 0.01 --drop-highest 5 --bootstrap 10 --seed 3 --json",
    ))
    .unwrap();
    assert_eq!(a.file, "runs.csv");
    assert_eq!(a.options.method, Method::Paper);
    assert_eq!(
        (
            a.options.delta,
            a.drop_highest,
            a.options.bootstrap,
            a.options.seed
        ),
        (0.01, 5, 10, 3)
    );
    assert!(a.json);
    assert!(parse_args(&args("runs.csv --method fast")).is_err());
    assert!(parse_args(&args("runs.csv --bogus")).is_err());
    assert!(parse_args(&args("--json")).is_err());
}

#[test]
fn json_has_the_issues_keys_and_the_librarys_numbers() {
    let text = csv();
    let cli = parse_args(&args(
        "x.csv --drop-highest 1 --bootstrap 20 --seed 1 --json",
    ))
    .unwrap();
    let out: serde_json::Value = serde_json::from_str(&fit_text(&text, &cli).unwrap()).unwrap();
    for key in [
        "E",
        "A",
        "B",
        "alpha",
        "beta",
        "a",
        "b",
        "G",
        "objective",
        "n_points",
        "method",
        "ci",
    ] {
        assert!(out.get(key).is_some(), "missing {key}");
    }
    // Same data through the library directly (second path to the same numbers).
    let mut ds = parse_runs(&text).unwrap();
    ds.drop_highest_loss(1);
    let fit = fit_approach3(&ds.runs, Method::Global, 1e-3).unwrap();
    assert_eq!(out["n_points"], 30);
    assert_eq!(out["method"], "global");
    assert_eq!(out["alpha"].as_f64().unwrap(), fit.params.alpha);
    // G = (αA/(βB))^(1/(α+β)) by hand from the generating law: (0.33·400/(0.36·1500))^(1/0.69).
    let g_hand = (0.33f64 * 400.0 / (0.36 * 1500.0)).powf(1.0 / 0.69);
    assert!((out["G"].as_f64().unwrap() / g_hand - 1.0).abs() < 1e-3);
    let ci = out["ci"]["alpha"].as_array().unwrap();
    assert!(ci[0].as_f64().unwrap() <= ci[1].as_f64().unwrap());
    // The unparseable row (line 32) and the dropped one (line 33) are both accounted for.
    let unused = out["unused_rows"].as_array().unwrap();
    assert_eq!(unused.len(), 2);
    assert_eq!(unused[0]["line"], 32);
    assert_eq!(unused[1]["line"], 33);
}

#[test]
fn text_output_names_columns_and_rows() {
    let cli = parse_args(&args("x.csv")).unwrap();
    let out = fit_text(&csv(), &cli).unwrap();
    assert!(out.contains("31 rows used, 1 rows unusable"), "{out}");
    assert!(out.contains("line 32"));
    let err = fit_text("N,D,loss\n1,2,3\n", &cli).unwrap_err();
    assert!(err.contains("too few usable rows"), "{err}");
}
