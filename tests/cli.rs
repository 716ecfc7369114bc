//! The built `isoflop-cli` binary, run as a user would.

mod common;

use common::{cli, json, rel};

/// `--json` prints {"flops", "laws": [{"id", "n_params", "n_tokens", "tokens_per_param",
/// "loss" | null}]}; numbers as in tests/law_presets.rs (an independent Python derivation: printed
/// Approach 3 at 5.76e23 gives N = 3.219e10, loss 1.93075; Approach 1 has no loss).
#[test]
fn allocate_json_has_the_documented_shape() {
    let v = json(&[
        "allocate",
        "--flops",
        "5.76e23",
        "--law",
        "chinchilla-a3",
        "--law",
        "chinchilla-a1",
        "--json",
    ]);
    assert_eq!(v["flops"].as_f64(), Some(5.76e23));
    let laws = v["laws"].as_array().unwrap();
    assert_eq!(laws.len(), 2);
    assert_eq!(laws[0]["id"], "chinchilla-a3");
    assert!(
        rel(
            laws[0]["n_params"].as_f64().unwrap(),
            32_189_859_151.368_168
        ) < 1e-9
    );
    assert!(rel(laws[0]["loss"].as_f64().unwrap(), 1.930_748_101_731_648) < 1e-9);
    let (n, d) = (
        laws[0]["n_tokens"].as_f64().unwrap(),
        laws[0]["n_params"].as_f64().unwrap(),
    );
    assert!(rel(laws[0]["tokens_per_param"].as_f64().unwrap(), n / d) < 1e-12);
    assert_eq!(laws[1]["id"], "chinchilla-a1");
    assert!(laws[1]["loss"].is_null());
}

/// Without --law, every published law answers; "5.76×10^23" is read like 5.76e23.
#[test]
fn default_laws_and_written_forms() {
    let v = json(&["allocate", "--flops", "5.76×10^23", "--json"]);
    let ids: Vec<&str> = v["laws"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "kaplan2020",
            "chinchilla-a1",
            "chinchilla-a2",
            "chinchilla-a3",
            "chinchilla-a3-tex",
            "epoch2024",
            "deepseek2024",
            "llama3"
        ]
    );
    assert_eq!(v["flops"].as_f64(), Some(5.76e23));
}

/// --params 10B: Chinchilla Approach 1 makes 10B optimal at 1.23e22 FLOPs (Hoffmann et al.
/// 2022, Table 3; 3 % as in that table's tests); each law reports its own budget, and the
/// top-level flops is null.
#[test]
fn params_tokens_and_loss_questions() {
    let v = json(&[
        "allocate",
        "--params",
        "10 billion",
        "--law",
        "chinchilla-a1",
        "--json",
    ]);
    assert!(v["flops"].is_null());
    let row = &v["laws"][0];
    assert!(rel(row["n_params"].as_f64().unwrap(), 10e9) < 1e-9);
    assert!(rel(row["flops"].as_f64().unwrap(), 1.23e22) < 0.03);

    let v = json(&[
        "allocate",
        "--tokens",
        "1.4T",
        "--law",
        "epoch2024",
        "--json",
    ]);
    assert!(rel(v["laws"][0]["n_tokens"].as_f64().unwrap(), 1.4e12) < 1e-9);

    // Target 1.9184 (tex optimum at 5.76e23, an independent Python derivation) → 5.76e23 again.
    let v = json(&[
        "allocate",
        "--loss",
        "1.9184120459968501",
        "--law",
        "chinchilla-a3-tex",
        "--json",
    ]);
    assert!(rel(v["laws"][0]["flops"].as_f64().unwrap(), 5.76e23) < 1e-8);
}

/// 1024 H100 for 30 days at 40 %: 1024·30·86400·989e12·0.4 = 1.0500e24 FLOPs (hand
/// derivation), 737,280 device-hours, 30 days.
#[test]
fn hardware_budget() {
    let v = json(&[
        "allocate",
        "--gpu",
        "h100",
        "--count",
        "1024",
        "--days",
        "30",
        "--mfu",
        "0.4",
        "--price",
        "2",
        "--law",
        "epoch2024",
        "--json",
    ]);
    let c = 1024.0 * 30.0 * 86400.0 * 989e12 * 0.4;
    assert!(rel(v["flops"].as_f64().unwrap(), c) < 1e-12);
    let row = &v["laws"][0];
    assert!(rel(row["device_hours"].as_f64().unwrap(), 737_280.0) < 1e-9);
    assert!(rel(row["days"].as_f64().unwrap(), 30.0) < 1e-9);
    assert!(rel(row["cost"].as_f64().unwrap(), 1_474_560.0) < 1e-9);
    assert_eq!(v["hardware"]["gpu"], "h100");
}

#[test]
fn table_output_names_the_laws() {
    let out = cli(&["allocate", "--flops", "1e21"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("1.00e21") && text.contains("kaplan2020") && text.contains("4.68B"),
        "{text}"
    );
}

/// Bad arguments: a message on stderr and exit code 2.
#[test]
fn bad_arguments_exit_2_with_a_message() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["allocate"],
        &["allocate", "--flops"],
        &["allocate", "--flops", "abc"],
        &["allocate", "--flops", "1e999"],
        &["allocate", "--flops", "1e21", "--law", "nope"],
        &["allocate", "--flops", "1e21", "--params", "70B"],
        &["allocate", "--flops", "1e21", "--bogus", "1"],
        &["allocate", "--days", "30"],
        &[
            "allocate", "--flops", "1e21", "--gpu", "h100", "--mfu", "1.5",
        ],
        &[
            "allocate", "--flops", "1e21", "--gpu", "h100", "--count", "0",
        ],
        &["allocate", "--flops", "1e21", "--gpu", "gpu9000"],
        &["allocate", "--loss", "NaN"],
    ] {
        let out = cli(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.starts_with("isoflop-cli: ") && err.contains("usage:"),
            "{args:?}: {err}"
        );
    }
    let err = String::from_utf8(cli(&["allocate", "--flops", "abc"]).stderr).unwrap();
    assert!(
        err.contains("5.76e23"),
        "the message says what is accepted: {err}"
    );
}

/// A loss below every requested law's floor (E = 1.69 for printed Approach 3) is not a usage
/// error: the row carries the reason, and the exit code is 1 because no law answered.
#[test]
fn unanswerable_question_is_reported_per_law() {
    let out = cli(&[
        "allocate",
        "--loss",
        "1.5",
        "--law",
        "chinchilla-a3",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["laws"][0]["n_params"].is_null());
    assert!(v["laws"][0]["error"].as_str().unwrap().contains("1.69"));
}

#[test]
fn laws_subcommand_lists_ids_and_citations() {
    let v = json(&["laws", "--json"]);
    let list = v.as_array().unwrap();
    assert!(list.iter().any(|l| l["id"] == "llama3-legend"));
    assert!(list
        .iter()
        .all(|l| !l["citation"].as_str().unwrap().is_empty()));
    // How sure each law is: Chinchilla's Table 2 for Approach 2 (Hoffmann et al. 2022), none
    // for Kaplan's.
    let by_id = |id: &str| list.iter().find(|l| l["id"] == id).unwrap().clone();
    let a2 = &by_id("chinchilla-a2")["exponent_interval"];
    assert_eq!(
        (a2["lo"].as_f64(), a2["hi"].as_f64(), a2["level"].as_u64()),
        (Some(0.462), Some(0.534), Some(80))
    );
    assert!(by_id("kaplan2020")["exponent_interval"].is_null());
    let text = String::from_utf8(cli(&["laws"]).stdout).unwrap();
    assert!(
        text.contains("a = 0.49, 80 % interval 0.462 – 0.534 (Hoffmann et al. 2022, Table 2"),
        "{text}"
    );
    assert!(text.contains("no published interval for its exponents"));
    assert_eq!(cli(&["help"]).status.code(), Some(0));
}
