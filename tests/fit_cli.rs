#![cfg(not(target_arch = "wasm32"))]
//! The `fit` subcommand: options, JSON keys, and that it reports what the library computes.

use isoflop::cli::fit::{fit_text, parse_args};
use isoflop::fit::{fit_approach3, parse_runs, Approach, Holdout, Method};
use isoflop::law::loss::LossParams;

/// Hoffmann et al. 2022's Approach 3 as printed (App. D.2, Eq. 10: E 1.69, A 406.4, B 410.7,
/// α 0.34, β 0.28), the library's preset.
fn chinchilla_printed() -> LossParams {
    isoflop::law::Law::chinchilla_approach3()
        .loss_params()
        .expect("a parametric law")
}

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

/// An IsoFLOP sweep of Chinchilla's TeX-source law (Hoffmann et al. 2022, App. D.2; α 0.3392,
/// β 0.2849): 5 budgets × 7 sizes ×1.5 apart around Eq. 4's N_opt, no noise, with a quoted
/// name holding a comma as spreadsheets export it.
fn sweep_csv() -> String {
    let law = LossParams {
        e: 1.6934,
        a: 406.4,
        b: 410.7,
        alpha: 0.339_170_84,
        beta: 0.284_908_3,
    };
    let mut s = String::from("name,params,tokens,flops,loss\n");
    for c in [1e18, 1e19, 1e20, 1e21, 1e22] {
        let n_star = law.optimal(c).0;
        for k in -3..=3 {
            let n = n_star * 1.5f64.powi(k);
            let d = c / (6.0 * n);
            s.push_str(&format!("\"model, {k}\",{n},{d},{c},{}\n", law.loss(n, d)));
        }
    }
    s
}

#[test]
fn approach_two_json_has_the_budgets_and_the_librarys_numbers() {
    let text = sweep_csv();
    let cli = parse_args(&args(
        "x.csv --approach 2 --bootstrap 30 --seed 2 --budget 1e23 --json",
    ))
    .unwrap();
    let out: serde_json::Value = serde_json::from_str(&fit_text(&text, &cli).unwrap()).unwrap();
    for key in [
        "a", "b", "coef", "ci", "budgets", "N_opt", "D_opt", "approach",
    ] {
        assert!(out.get(key).is_some(), "missing {key}");
    }
    assert_eq!(out["approach"], 2);
    // The same runs through the library (second path): the same exponent and minima, to the
    // last bit or two (serde_json's default float parsing is not always correctly rounded).
    let fit = isoflop::fit::approach2(&parse_runs(&text).unwrap().runs).unwrap();
    let same = |json: &serde_json::Value, x: f64| (json.as_f64().unwrap() / x - 1.0).abs() < 1e-14;
    assert!(same(&out["a"], fit.frontier.n_opt.exponent));
    let budgets = out["budgets"].as_array().unwrap();
    assert_eq!(budgets.len(), 5);
    for (b, p) in budgets.iter().zip(&fit.profiles) {
        for key in ["flops", "n_opt", "n_runs", "curvature"] {
            assert!(b.get(key).is_some(), "missing budgets[].{key}");
        }
        assert_eq!(b["n_runs"], 7);
        assert!(same(&b["flops"], p.flops));
        assert!(same(&b["n_opt"], p.optimum.unwrap().0));
        assert!(b["curvature"].as_f64().unwrap() > 0.0);
    }
    // Noise-free: a within 0.005 of Eq. 4's β/(α+β) = 0.45653 (the parabola's bias is the same
    // at every budget here, so it leaves a alone).
    assert!((out["a"].as_f64().unwrap() - 0.456_53).abs() < 0.005);
    let ci = out["ci"]["a"].as_array().unwrap();
    assert!(ci[0].as_f64().unwrap() <= ci[1].as_f64().unwrap());
    assert!(out["ci"]["N_opt"].is_array());
}

#[test]
fn approach_one_reads_envelope_points_without_losses() {
    // Hoffmann et al. 2022, Table A3's Approach-2 rows: a = 0.48994, the chinchilla-a2 preset.
    let text = "params,flops\n4.0e8,1.84e19\n1.0e9,1.20e20\n1.0e10,1.32e22\n6.7e10,6.88e23\n\
                1.75e11,4.54e24\n2.8e11,1.18e25\n5.2e11,4.19e25\n1.0e12,1.59e26\n1.0e13,1.75e28\n";
    let cli = parse_args(&args("x.csv --approach 1 --json")).unwrap();
    let out: serde_json::Value = serde_json::from_str(&fit_text(text, &cli).unwrap()).unwrap();
    assert_eq!(out["approach"], 1);
    assert!(
        (out["a"].as_f64().unwrap() - 0.489_94).abs() < 1e-4,
        "{out}"
    );
    assert_eq!(out["envelope"].as_array().unwrap().len(), 9);
    // Approach 3 on the same file still asks for its loss column.
    let three = parse_args(&args("x.csv")).unwrap();
    assert!(fit_text(text, &three)
        .unwrap_err()
        .contains("no loss column"));
}

#[test]
fn fixed_tied_and_held_out_options_parse_and_conflicts_are_refused() {
    let a = parse_args(&args(
        "runs.csv --fix-alpha 0.34 --fix-e 1.69 --tie --holdout largest-budget",
    ))
    .unwrap();
    let c = a.options.constraints;
    assert_eq!(
        (c.alpha, c.beta, c.e, c.tie),
        (Some(0.34), None, Some(1.69), true)
    );
    assert_eq!(a.options.holdout, Some(Holdout::LargestBudget));
    assert_eq!(a.options.approach, Approach::Three);
    let f = parse_args(&args("runs.csv --approach 2 --holdout 0.25")).unwrap();
    assert_eq!(
        (f.options.approach, f.options.holdout),
        (Approach::Two, Some(Holdout::Fraction(0.25)))
    );
    for bad in [
        "runs.csv --approach 4",
        "runs.csv --approach 2 --tie",
        "runs.csv --approach 1 --fix-e 1.7",
        "runs.csv --fix-alpha -0.3",
        "runs.csv --fix-alpha 0.3 --fix-beta 0.4 --tie",
        "runs.csv --holdout 0.7",
        "runs.csv --holdout last",
    ] {
        assert!(parse_args(&args(bad)).is_err(), "{bad}");
    }
}

#[test]
fn held_out_json_and_fixed_coefficients_for_approach_three() {
    let cli = parse_args(&args(
        "x.csv --fix-e 1.6934 --holdout largest-budget --budget 1e22 --json",
    ))
    .unwrap();
    let out: serde_json::Value =
        serde_json::from_str(&fit_text(&sweep_csv(), &cli).unwrap()).unwrap();
    assert_eq!(out["approach"], 3);
    assert_eq!(out["E"].as_f64().unwrap(), 1.6934);
    assert_eq!(out["fixed"]["E"].as_f64().unwrap(), 1.6934);
    let h = &out["held_out"];
    assert_eq!(
        (h["train_runs"].as_u64(), h["held_runs"].as_u64()),
        (Some(28), Some(7))
    );
    // Noise-free runs of the law's own form: the refit predicts the held-out losses to 1e-6.
    assert!(h["loss"]["max_abs_rel"].as_f64().unwrap() < 1e-6, "{h}");
    assert_eq!(h["n_opt"].as_array().unwrap().len(), 1);
}

#[test]
fn exit_codes_say_whose_fault_it_is() {
    let dir = std::env::temp_dir().join(format!("isoflop-fit-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sweep = dir.join("sweep.csv");
    std::fs::write(&sweep, sweep_csv()).unwrap();
    // Runs spread over compute (every run its own C, ×1.05 apart): not IsoFLOP profiles.
    let spread = dir.join("spread.csv");
    let mut text = String::from("N,C,loss\n");
    for i in 0..20 {
        text.push_str(&format!(
            "{},{},{}\n",
            1e8 * (1.0 + i as f64),
            1e19 * 1.05f64.powi(i),
            3.0 - 0.01 * i as f64
        ));
    }
    std::fs::write(&spread, text).unwrap();
    let run = |s: String| isoflop::cli::run(&args(&s));
    let path = |p: &std::path::Path| p.display().to_string();
    let ok = run(format!("fit {} --approach 2", path(&sweep)));
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(ok.stdout.contains("Approach 2 (IsoFLOP profiles)"));
    // Bad arguments: exit 2 with a usage line.
    let bad = run(format!("fit {} --approach 2 --tie", path(&sweep)));
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("usage: isoflop-cli fit"),
        "{}",
        bad.stderr
    );
    assert_eq!(run(format!("fit {} --approach 0", path(&sweep))).code, 2);
    // Data Approach 2 cannot use: exit 1 with the reason.
    let refused = run(format!("fit {} --approach 2", path(&spread)));
    assert_eq!(refused.code, 1);
    assert!(
        refused.stderr.contains("do not cluster into budgets"),
        "{}",
        refused.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A sweep exported as compute budget, tokens and validation loss (the columns of the Llama 3
/// Fig. 2 extraction): read with N = C/(6D), and the same file with unknown headers read once
/// `--columns` names them. Both fit to the same Approach-2 answer as the file with N given.
#[test]
fn sweeps_as_people_export_them() {
    let law = chinchilla_printed();
    let (mut exported, mut unknown, mut with_n) = (
        String::from("compute_budget,training_tokens,validation_loss,x_page\n"),
        String::from("a,b,z\n"),
        String::from("flops,params,loss\n"),
    );
    for c in [6e18, 1e19, 3e19, 6e19, 1e20] {
        for k in -3..=3 {
            let n = (c / 6.0f64).sqrt() / 4.0 * 2f64.powf(f64::from(k) / 2.0);
            let d = c / (6.0 * n);
            let l = law.loss(n, d);
            exported.push_str(&format!("{c},{d},{l},0\n"));
            unknown.push_str(&format!("{c},{d},{l}\n"));
            with_n.push_str(&format!("{c},{n},{l}\n"));
        }
    }
    let run = |text: &str, extra: &str| {
        let a = parse_args(&args(&format!(
            "x.csv --approach 2 --budget 1e22 --json {extra}"
        )))
        .unwrap();
        serde_json::from_str::<serde_json::Value>(&fit_text(text, &a).unwrap()).unwrap()
    };
    let reference = run(&with_n, "");
    for v in [
        run(&exported, ""),
        run(&unknown, "--columns budget=a,tokens=b,loss=z"),
    ] {
        for key in ["N_opt", "D_opt", "a"] {
            let (x, y) = (v[key].as_f64().unwrap(), reference[key].as_f64().unwrap());
            // N = C/(6D) recovers the N the reference file gives to rounding.
            assert!((x / y - 1.0).abs() < 1e-9, "{key}: {x} vs {y}");
        }
    }
    let a = parse_args(&args("x.csv --approach 2")).unwrap();
    assert_eq!(
        fit_text(&unknown, &a).unwrap_err(),
        "no loss column found (headers: a, b, z)"
    );
}

/// `fit --approach 2 --budget C --json` states the parabolas' bias at C and the estimates
/// corrected for it; on exact losses of Chinchilla's printed law (a ×2 sweep) the corrected
/// N_opt and D_opt are Eq. 4's at 1e24 (1e-3), and the text says the same in words.
#[test]
fn approach_2_states_its_parabola_bias_and_the_corrected_estimate() {
    let law = chinchilla_printed();
    let mut text = String::from("flops,params,loss\n");
    for c in [1e18, 3e18, 1e19, 3e19, 1e20, 3e20] {
        let n_star = law.optimal(c).0;
        for k in -4..=4 {
            let n = n_star * 2f64.powi(k);
            text.push_str(&format!("{c},{n},{}\n", law.loss(n, c / (6.0 * n))));
        }
    }
    let a = parse_args(&args("x.csv --approach 2 --budget 1e24 --json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&fit_text(&text, &a).unwrap()).unwrap();
    let (n_true, d_true) = law.optimal(1e24);
    let corrected = &v["corrected"];
    assert!(
        (corrected["n_opt"].as_f64().unwrap() / n_true - 1.0).abs() < 1e-3,
        "{v}"
    );
    assert!(
        (corrected["d_opt"].as_f64().unwrap() / d_true - 1.0).abs() < 1e-3,
        "{v}"
    );
    // The uncorrected N_opt is high by the stated bias (α > β), D_opt low.
    let bias = v["parabola_bias"]["n_opt"].as_f64().unwrap();
    let n = v["N_opt"].as_f64().unwrap();
    assert!(bias > 0.01 && (n / n_true - 1.0 - bias).abs() < 1e-3, "{v}");
    assert!(v["parabola_bias"]["d_opt"].as_f64().unwrap() < 0.0);
    let words = fit_text(
        &text,
        &parse_args(&args("x.csv --approach 2 --budget 1e24")).unwrap(),
    )
    .unwrap();
    assert!(
        words.contains("parabola bias at C = 1.0000e24: N_opt +"),
        "{words}"
    );
    assert!(words.contains("corrected for it: N_opt"), "{words}");
    // Without a budget there is nothing to correct.
    let none = fit_text(
        &text,
        &parse_args(&args("x.csv --approach 2 --json")).unwrap(),
    )
    .unwrap();
    assert!(!none.contains("parabola_bias"));
}

/// Six runs all at 20 tokens per parameter fit, but the command line says that α and β are not
/// told apart by them, in the text and in the JSON (`not_identified`).
#[test]
fn runs_that_cannot_tell_alpha_from_beta_say_so() {
    let law = chinchilla_printed();
    let mut text = String::from("params,tokens,loss\n");
    for k in 0..6 {
        let n = 1e8 * 3f64.powi(k);
        text.push_str(&format!("{n},{},{}\n", 20.0 * n, law.loss(n, 20.0 * n)));
    }
    let words = fit_text(&text, &parse_args(&args("x.csv")).unwrap()).unwrap();
    assert!(
        words.contains(
            "warning: α and β cannot be told apart: every run has 20.0 tokens per parameter"
        ),
        "{words}"
    );
    let v: serde_json::Value = serde_json::from_str(
        &fit_text(&text, &parse_args(&args("x.csv --json")).unwrap()).unwrap(),
    )
    .unwrap();
    assert!(v["not_identified"]
        .as_str()
        .unwrap()
        .starts_with("α and β cannot be told apart"));
    // A sweep over budgets and sizes has no such line.
    assert!(!fit_text(&csv(), &parse_args(&args("x.csv")).unwrap())
        .unwrap()
        .contains("warning:"));
}
