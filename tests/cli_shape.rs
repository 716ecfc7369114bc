//! `isoflop-cli shape`, run as a user would: the JSON keys, the numbers the library computes for
//! the same shape, and refusals field by field with the reason (exit 1) or of the arguments
//! themselves (exit 2).

mod common;

use common::{cli, json};
use isoflop::law::shape::{shape_preset, suggest, Convention, ShapeReport, Template};
use serde_json::Value;

/// Llama 3 8B's dimensions (Dubey et al. 2024, Table 3; vocabulary of the released config).
const LLAMA3_8B: [&str; 16] = [
    "shape",
    "--layers",
    "32",
    "--d-model",
    "4096",
    "--heads",
    "32",
    "--kv-heads",
    "8",
    "--ffn",
    "14336",
    "--gated",
    "--vocab",
    "128256",
    "--context",
    "8192",
];

fn with(extra: &[&'static str]) -> Vec<&'static str> {
    let mut args = LLAMA3_8B.to_vec();
    args.extend_from_slice(extra);
    args
}

/// Every key the issue names, and every number equal to the library's for the same shape.
fn same_as_library(v: &Value, report: &ShapeReport) {
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for key in [
        "n_params",
        "n_non_embedding",
        "n_embedding",
        "flops_per_token",
        "shape",
    ] {
        assert!(keys.contains(&key), "{key} missing: {keys:?}");
    }
    assert_eq!(v["n_params"].as_u64(), Some(report.n_params));
    assert_eq!(v["n_non_embedding"].as_u64(), Some(report.n_non_embedding));
    assert_eq!(v["n_embedding"].as_u64(), Some(report.n_embedding));
    let f = v["flops_per_token"].as_object().unwrap();
    assert_eq!(f.len(), 7);
    for c in Convention::ALL {
        let printed = f[c.id()].as_f64().unwrap();
        let expected = report.flops_per_token.get(c);
        assert!(
            (printed - expected).abs() <= 1e-15 * expected,
            "{}: {printed} vs {expected}",
            c.id()
        );
    }
}

/// Typed flags give Llama 3 8B: 8,030,261,248 parameters (counted by hand in
/// src/plan/tests_shape.rs), the library's numbers, and the shape echoed back.
#[test]
fn typed_llama3_8b_equals_the_library() {
    let v = json(&with(&["--json"]));
    let preset = shape_preset("llama3-8b").unwrap();
    same_as_library(&v, &ShapeReport::new(&preset.shape));
    assert_eq!(v["n_params"], 8_030_261_248u64);
    assert_eq!(v["shape"]["kv_heads"], 8);
    assert_eq!(v["shape"]["head_size"], 128);
    assert_eq!(v["shape"]["gated"], true);
    assert_eq!(v["shape"]["tied_embeddings"], false);
}

/// The preset gives the same numbers as its typed dimensions, with its citation.
#[test]
fn preset_equals_typed() {
    let preset = json(&["shape", "--preset", "llama3-8b", "--json"]);
    let typed = json(&with(&["--json"]));
    for key in [
        "n_params",
        "n_non_embedding",
        "n_embedding",
        "flops_per_token",
        "shape",
    ] {
        assert_eq!(preset[key], typed[key], "{key}");
    }
    assert!(preset["preset"]["citation"]
        .as_str()
        .unwrap()
        .contains("Dubey et al. 2024"));
    let text = String::from_utf8(cli(&["shape", "--preset", "LLAMA3-8B"]).stdout).unwrap();
    assert!(text.contains("Parameters: 8,030,261,248 total"), "{text}");
    assert!(text.contains("PaLM 6N + 12LHQT"), "{text}");
}

/// `--suggest 7e10 --aspect 128` prints the report of the library's suggestion.
#[test]
fn suggestion_equals_the_library() {
    let v = json(&["shape", "--suggest", "7e10", "--aspect", "128", "--json"]);
    let s = suggest(7e10, 128.0, &Template::chinchilla()).unwrap();
    same_as_library(&v, &ShapeReport::new(&s.shape));
    assert_eq!(v["suggestion"]["target"].as_f64(), Some(7e10));
    assert!(v["suggestion"]["deviation"].as_f64().unwrap().abs() < 0.05);
    let d = v["shape"]["d_model"].as_u64().unwrap();
    assert_eq!(d % 128, 0, "d_model a multiple of 128");
    assert_eq!(v["shape"]["head_size"], 128);
    let llama = json(&[
        "shape",
        "--suggest",
        "70B",
        "--template",
        "llama3",
        "--json",
    ]);
    assert_eq!(llama["shape"]["kv_heads"], 8);
    assert_eq!(llama["shape"]["vocab"], 128_256);
}

/// Memory: 16 B/param × 8.03B = 128.5 GB, so ZeRO-3 needs two 80 GB H100s (Rajbhandari et al.
/// 2020's mixed-precision Adam); unsharded, none can.
#[test]
fn memory_extras() {
    let base = ["shape", "--preset", "llama3-8b", "--gpu", "h100", "--json"];
    let mut args = base.to_vec();
    args.extend([
        "--memory",
        "mixed-adam",
        "--sharding",
        "zero3",
        "--count",
        "4",
    ]);
    let v = json(&args);
    assert_eq!(v["memory"]["fewest_devices"], 2);
    assert_eq!(v["memory"]["bytes_per_param"].as_f64(), Some(16.0));
    let per_device = v["memory"]["per_device_bytes"].as_f64().unwrap();
    assert!((per_device - 16.0 * 8_030_261_248.0 / 4.0).abs() < 1.0);
    let v = json(&base);
    assert_eq!(v["memory"]["fewest_devices"], Value::Null);
}

/// Each wrong field on its own line with the law's reason, exit 1, nothing on stdout.
#[test]
fn bad_shapes_are_refused_field_by_field() {
    let cases: [(&[&str], &[&str]); 5] = [
        (
            &["--layers", "0"],
            &["--layers: layers must be a whole number from 1 to 1024 (got 0)"],
        ),
        (
            &["--heads", "7", "--kv-heads", "7"],
            &["--heads: heads must divide d_model (4096 / 7 is not whole)"],
        ),
        (
            &["--kv-heads", "3"],
            &["--kv-heads: KV heads must be from 1 to heads and divide heads (got 3 for 32 heads)"],
        ),
        (
            &["--d-model", "10000000", "--head-size", "128"],
            &["--d-model: d_model must be a whole number from 1 to 131072 (got 10000000)"],
        ),
        (
            &["--vocab", "0", "--context", "99999999999"],
            &["--vocab: vocabulary must be", "--context: context must be"],
        ),
    ];
    for (changes, expected) in cases {
        let mut args = LLAMA3_8B.to_vec();
        for pair in changes.chunks(2) {
            match args.iter().position(|a| *a == pair[0]) {
                Some(i) => args[i + 1] = pair[1],
                None => args.extend_from_slice(pair),
            }
        }
        let out = cli(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty());
        for line in expected {
            assert!(stderr.contains(line), "{args:?}: {stderr}");
        }
        assert_eq!(stderr.lines().count(), expected.len(), "{stderr}");
        assert!(!stderr.contains("NaN"));
    }
    // Beyond the accepted parameter counts (law::limits::PARAMS, up to 1e15): a bad argument.
    let out = cli(&["shape", "--suggest", "1e16"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--suggest") && err.contains("1e15"), "{err}");
}

/// Arguments that do not make a question: one reason and one usage line, exit 2.
#[test]
fn bad_arguments_exit_2_with_usage() {
    for args in [
        vec!["shape"],
        vec!["shape", "--layers", "32"],
        vec!["shape", "--preset", "gpt5"],
        vec!["shape", "--preset", "llama3-8b", "--suggest", "7e10"],
        vec!["shape", "--suggest", "7e10", "--gated"],
        vec!["shape", "--preset", "llama3-8b", "--sharding", "zero4"],
        with(&["--heads", "-1"]),
        with(&["--ffn", "1e4"]),
    ] {
        let out = cli(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("usage: isoflop-cli shape"),
            "{args:?}: {stderr}"
        );
    }
}

/// `--presets` lists every preset id with its computed count.
#[test]
fn presets_are_listed() {
    let out = String::from_utf8(cli(&["shape", "--presets"]).stdout).unwrap();
    for id in [
        "chinchilla-70b",
        "chinchilla-a9-44m",
        "gpt3-175b",
        "llama3-8b",
        "qwen2.5-72b",
    ] {
        assert!(out.contains(id), "{id} missing");
    }
    assert!(out.contains("8.03B"));
    let v = json(&["shape", "--presets", "--json"]);
    assert!(v.as_array().unwrap().len() > 60);
}
