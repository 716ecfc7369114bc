//! The stored forms read back exactly what was written, and anything else reads as unreadable.

use super::builds::{visit, REMEMBERED};
use super::last_fit::{decode_fit, encode_fit};
use super::panel::PanelInput;
use crate::fit::runs::example::example_csv;
use crate::fit::{parse_runs, FitJob, FitOptions, FitOutcome, Method, SplitMix64};

fn outcome(bootstrap: usize, budget_flops: Option<f64>) -> FitOutcome {
    let runs = parse_runs(&example_csv(1)).unwrap().runs;
    let options = FitOptions {
        bootstrap,
        seed: u64::MAX,
        budget_flops,
        ..FitOptions::default()
    };
    let report = FitJob::new(&runs, &options).unwrap().run_to_end().unwrap();
    FitOutcome {
        report,
        runs,
        options,
        elapsed_ms: 123.456,
    }
}

#[test]
fn panel_input_reads_back_as_typed() {
    let typed = PanelInput {
        text: "params\ttokens\tloss\n7e7\t1.4e9\t3.61\n« ü » \"quoted\" \\ end".to_string(),
        method: Method::Paper,
        delta: "zero".to_string(),
        drop: "5".to_string(),
        bootstrap: "40".to_string(),
        seed: "18446744073709551615".to_string(),
        columns: "flops=compute_budget, loss=validation loss".to_string(),
    };
    assert_eq!(PanelInput::decode(&typed.encode()), Ok(typed));
    // What the build before the columns field kept (no columns line) reads back unchanged.
    let earlier = "isoflop-fit-input 1\nmethod paper\ndelta 1e-3\ndrop 0\nbootstrap 1000\nseed 0\ntext\nN,D,loss\n";
    let read = PanelInput::decode(earlier).unwrap();
    assert_eq!(
        (read.columns.as_str(), read.text.as_str()),
        ("", "N,D,loss\n")
    );
    assert_eq!(read.encode(), earlier);
    let empty = PanelInput::default();
    assert_eq!(PanelInput::decode(&empty.encode()), Ok(empty));
}

#[test]
fn panel_input_that_is_not_ours_is_refused() {
    let good = PanelInput::default().encode();
    for bad in [
        String::new(),
        "{not ours".to_string(),
        good.replacen("isoflop-fit-input 1", "isoflop-fit-input 2", 1),
        good.replacen("global", "newton", 1),
        good.replacen("delta 1e-3\n", "", 1),
        good.replacen("\ntext\n", "\n", 1),
        good.replacen("seed 0", "seed 0\nextra 1", 1),
    ] {
        assert!(PanelInput::decode(&bad).is_err(), "{bad:?} was accepted");
    }
    // Anything after the text line is the text, however it looks.
    let odd = PanelInput {
        text: "text\nseed 9\nisoflop-fit-input 1\n\n".to_string(),
        ..PanelInput::default()
    };
    assert_eq!(PanelInput::decode(&odd.encode()), Ok(odd));
}

/// The fit comes back bit for bit: coefficients, intervals, bootstrap samples, residuals, runs.
#[test]
fn a_fit_reads_back_bit_for_bit() {
    for o in [outcome(20, Some(1e22)), outcome(0, None)] {
        let stored = encode_fit(&o);
        assert_eq!(decode_fit(&stored), Ok(o.clone()));
    }
}

/// Floats that need all 17 digits, subnormals and extremes survive.
#[test]
fn every_finite_float_reads_back_exactly() {
    let mut o = outcome(0, None);
    let mut rng = SplitMix64::new(7);
    let mut tricky = vec![
        0.1 + 0.2,
        5e-324,
        f64::MAX,
        f64::MIN_POSITIVE,
        -0.0,
        1.0 / 3.0,
    ];
    while tricky.len() < o.report.residuals.len() {
        let x = f64::from_bits(rng.next_u64());
        if x.is_finite() {
            tricky.push(x);
        }
    }
    o.report.residuals = tricky;
    o.elapsed_ms = 0.1 + 0.7;
    assert_eq!(decode_fit(&encode_fit(&o)), Ok(o));
}

#[test]
fn a_fit_that_is_not_whole_is_refused() {
    let o = outcome(20, Some(1e22));
    let good = encode_fit(&o);
    let e = format!("params {:e} ", o.report.fit.params.e);
    let first_run = good.lines().find(|l| l.starts_with("run ")).unwrap();
    for (what, bad) in [
        ("truncated", good[..good.len() / 2].to_string()),
        (
            "other schema",
            good.replacen("isoflop-fit 1", "isoflop-fit 9", 1),
        ),
        ("negative E", good.replacen(&e, "params -1e0 ", 1)),
        ("not a number", good.replacen(&e, "params NaN ", 1)),
        ("infinite", good.replacen(&e, "params inf ", 1)),
        (
            "unknown method",
            good.replacen("method global", "method newton", 1),
        ),
        ("a run short", good.replacen(first_run, "run 2 1e9 2e10", 1)),
        (
            "a negative line number",
            good.replacen(first_run, &first_run.replacen(" ", " -", 1), 1),
        ),
        (
            "an interval missing",
            good.replacen("interval alpha", "interval gamma", 1),
        ),
        ("an extra line", format!("{good}\nextra")),
        (
            "lines out of order",
            good.replacen("method global\n", "", 1).replacen(
                "objective",
                "method global\nobjective",
                1,
            ),
        ),
        ("not ours", "42".to_string()),
    ] {
        assert!(decode_fit(&bad).is_err(), "{what} was accepted");
    }
}

#[test]
fn a_new_build_is_announced_once() {
    let first = visit(None, "aaa");
    assert!(!first.updated, "a first visit is no update");
    let again = visit(Some(&first.store), "aaa");
    assert!(!again.updated);
    let new = visit(Some(&again.store), "bbb");
    assert!(new.updated, "a build not run before, after one that was");
    assert!(!visit(Some(&new.store), "bbb").updated, "said once");
    assert!(
        !visit(Some(&new.store), "aaa").updated,
        "back to a remembered build (an older offline copy) is no update"
    );
    let garbage = visit(Some("{not a list"), "ccc");
    assert!(!garbage.updated);
    assert_eq!(garbage.store, "ccc");

    let mut store = first.store;
    for i in 0..2 * REMEMBERED {
        store = visit(Some(&store), &format!("f{i}")).store;
    }
    let kept: Vec<&str> = store.split(' ').collect();
    assert_eq!(kept.len(), REMEMBERED);
    assert_eq!(kept.last(), Some(&"f15"));
}

#[test]
fn each_problem_is_said_in_both_languages_and_the_english_is_the_message() {
    use super::Problem;
    use crate::i18n::Lang;
    for p in [Problem::Disabled, Problem::Full, Problem::Unreadable] {
        assert_eq!(p.message(), p.text(Lang::En));
        let zh = p.text(Lang::Zh);
        assert!(zh.contains('。') && !zh.is_ascii(), "{}: {zh}", p.id());
    }
    assert!(Problem::Full
        .message()
        .starts_with("This browser's storage for the page is full"));
}
