//! Copies of a job that share its sharded stages (the page's web workers) give the answer one
//! copy gives, bit for bit: compared through `{:?}`, which prints each f64 exactly.

use crate::fit::jobs::shard::run_copies;
use crate::fit::runs::example::example_csv;
use crate::fit::{
    parse_runs, Approach, ApproachJob, CompareJob, FitJob, FitOptions, Holdout, Method, Progress,
    Run, Sliced,
};

fn runs() -> Vec<Run> {
    parse_runs(&example_csv(7))
        .expect("the example parses")
        .runs
}

/// `count` copies of a job run to the end, sharing their sharded stages: `units` of them
/// computed by one copy and passed to the others.
fn shared<J: Sliced>(count: usize, units: usize, make: impl Fn() -> J) -> Vec<J> {
    // A small budget per call, so the copies interleave as workers' slices do.
    let (jobs, posted) = run_copies((0..count).map(|_| make()).collect(), |job, exchange| {
        job.step_until_with(exchange, {
            let mut calls = 0;
            move || {
                calls += 1;
                calls > 5
            }
        }) == Progress::Finished
    });
    assert_eq!(posted, units, "units passed between {count} copies");
    jobs
}

#[test]
fn paper_protocol_and_bootstrap_shared_by_two_or_three_copies_equal_one_copy() {
    let runs = runs();
    let options = FitOptions {
        method: Method::Paper,
        bootstrap: 11,
        seed: 3,
        budget_flops: Some(1e21),
        ..FitOptions::default()
    };
    let alone = FitJob::new(&runs, &options).unwrap().run_to_end().unwrap();
    for count in [2, 3] {
        for copy in shared(count, 4500 + 11, || FitJob::new(&runs, &options).unwrap()) {
            let report = copy.result().expect("finished").as_ref().expect("fitted");
            assert_eq!(
                format!("{report:?}"),
                format!("{alone:?}"),
                "{count} copies"
            );
        }
    }
}

#[test]
fn global_fit_with_a_held_out_check_and_a_comparison_shared_equal_one_copy() {
    let runs = runs();
    let options = FitOptions {
        bootstrap: 9,
        seed: 5,
        holdout: Some(Holdout::LargestBudget),
        ..FitOptions::default()
    };
    let alone = ApproachJob::new(&runs, &options).unwrap().run_to_end();
    for copy in shared(2, 9, || ApproachJob::new(&runs, &options).unwrap()) {
        let report = copy.result().expect("finished");
        assert_eq!(format!("{report:?}"), format!("{alone:?}"));
    }
    let compare = FitOptions {
        approach: Approach::Two,
        holdout: None,
        ..options
    };
    let sweep = crate::fit::runs::example::noise_free_sweep();
    let alone = CompareJob::new(&sweep, &compare).unwrap().run_to_end();
    // Approach 2's 9 resamples and Approach 3's 9.
    for copy in shared(3, 9 + 9, || CompareJob::new(&sweep, &compare).unwrap()) {
        let reports = copy.result().expect("finished");
        assert_eq!(format!("{reports:?}"), format!("{alone:?}"));
    }
}

#[test]
fn approach_one_and_two_bootstraps_shared_equal_one_copy() {
    // The frontier bootstraps (resampled runs, envelope or per-budget parabolas) with their
    // intervals, every resample's law and Approach 2's per-budget minima.
    let sweep = crate::fit::runs::example::sweep_of(&[1e18, 1e19, 1e20, 1e21], 1.4);
    for approach in [Approach::One, Approach::Two] {
        let options = FitOptions {
            approach,
            bootstrap: 13,
            seed: 9,
            budget_flops: Some(1e22),
            ..FitOptions::default()
        };
        let alone = ApproachJob::new(&sweep, &options).unwrap().run_to_end();
        assert!(format!("{alone:?}").contains("budget_minima"), "{alone:?}");
        for count in [2, 3] {
            for copy in shared(count, 13, || ApproachJob::new(&sweep, &options).unwrap()) {
                let report = copy.result().expect("finished");
                assert_eq!(
                    format!("{report:?}"),
                    format!("{alone:?}"),
                    "{approach:?}, {count} copies"
                );
            }
        }
    }
}
