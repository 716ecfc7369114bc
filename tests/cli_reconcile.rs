//! `isoflop-cli reconcile`, run as a user would: the JSON keys, the numbers the library
//! computes, and refusals with the reason.

mod common;

use common::{cli, json, rel};
use isoflop::law::reconcile::{omega, ReconcileReport, PEARCE_OMEGA};
use isoflop::law::Law;

/// Defaults: Epoch's refit with V = 32 000 and ω = 47 491 (Pearce & Song 2024's script). The
/// range exponent is ≈ 0.78 there (Pearce & Song 2024, Sec. 4; 0.7756 for the exact curve
/// fitted at 200 budgets), and the total basis gives β/(α+β) = 0.3658/(0.3478+0.3658) = 0.5126.
#[test]
fn defaults_are_epoch_with_pearce_and_songs_omega() {
    let v = json(&["reconcile", "--json"]);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for key in [
        "law",
        "omega",
        "kaplan_range_exponent",
        "total_exponent",
        "small_scale_limit",
        "large_scale_limit",
        "points",
    ] {
        assert!(keys.contains(&key), "{key} missing: {keys:?}");
    }
    assert_eq!(v["law"], "epoch2024");
    assert!(rel(v["omega"].as_f64().unwrap(), PEARCE_OMEGA) < 1e-9);
    assert!((v["kaplan_range_exponent"].as_f64().unwrap() - 0.78).abs() < 0.01);
    assert!((v["total_exponent"].as_f64().unwrap() - 0.3658 / (0.3478 + 0.3658)).abs() < 1e-12);
    let point = &v["points"][0];
    for key in [
        "c_non_embedding",
        "n_non_embedding",
        "local_exponent",
        "loss",
    ] {
        assert!(point[key].is_number(), "{key}");
    }
}

/// The command line prints what the library computes for the same law and ω.
#[test]
fn same_numbers_as_the_library() {
    let v = json(&[
        "reconcile",
        "--law",
        "chinchilla-a3-tex",
        "--vocab",
        "50000",
        "--aspect",
        "64",
        "--json",
    ]);
    let lib = ReconcileReport::for_law(
        &Law::chinchilla_approach3_tex(),
        omega(50_000.0, 64.0).unwrap(),
    )
    .unwrap();
    assert!(rel(v["omega"].as_f64().unwrap(), lib.omega) < 1e-12);
    assert!(
        rel(
            v["kaplan_range_exponent"].as_f64().unwrap(),
            lib.kaplan_range_exponent
        ) < 1e-12
    );
    assert_eq!(v["points"].as_array().unwrap().len(), lib.points.len());

    let text =
        String::from_utf8(cli(&["reconcile", "--fit", "1.8,400,400,0.3,0.3"]).stdout).unwrap();
    // α = β: the total basis exponent is exactly 0.5.
    assert!(text.contains("a = β/(α+β): 0.5000"), "{text}");
}

/// A law without E + A/N^α + B/D^β, or nonsense sizes: exit 2 with the reason.
#[test]
fn refusals() {
    for args in [
        &["reconcile", "--law", "kaplan2020"][..],
        &["reconcile", "--vocab", "0"],
        &["reconcile", "--aspect", "NaN"],
        &["reconcile", "--fit", "1,2,3"],
        &[
            "reconcile",
            "--law",
            "epoch2024",
            "--fit",
            "1.8,400,400,0.3,0.3",
        ],
    ] {
        let out = cli(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.starts_with("isoflop-cli: ") && err.contains("usage:"),
            "{err}"
        );
    }
}
