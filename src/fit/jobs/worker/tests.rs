//! Tests of `fit::jobs::worker` (a child module, so they see its private items).
use super::*;
use crate::fit::runs::example::{example_csv, noise_free_sweep};
use crate::fit::{parse_runs, Holdout, Method, Run};

/// Drives `count` workers as the page does: each slice's units go to every other worker;
/// returns worker 0's answer and the progress it reported.
fn page(count: u32, request: &Request) -> (Result<Answer, FitError>, Vec<usize>) {
    let mut workers: Vec<Option<WorkerFit>> = (0..count)
        .map(|index| WorkerFit::start(9, Shard { index, count }, request).ok())
        .collect();
    let mut answer = None;
    let mut seen = Vec::new();
    while workers.iter().any(Option::is_some) {
        for i in 0..workers.len() {
            let Some(w) = workers[i].as_mut() else {
                continue;
            };
            let mut calls = 0;
            // The message crosses as bytes, as between threads of the browser.
            let sent = w.slice(|| {
                calls += 1;
                calls > 40
            });
            let message = FromWorker::decode(&sent.encode()).expect("decodes");
            let units = match message {
                FromWorker::Progress { done, units, .. } => {
                    if i == 0 {
                        seen.push(done);
                    }
                    units
                }
                FromWorker::Finished {
                    answer: a, units, ..
                } => {
                    if i == 0 {
                        answer = Some(*a);
                    }
                    workers[i] = None;
                    units
                }
                FromWorker::Ready => Vec::new(),
            };
            let relay = ToWorker::Units { id: 9, units }.encode();
            for (j, other) in workers.iter_mut().enumerate() {
                if let (true, Some(o)) = (j != i, other.as_mut()) {
                    let Ok(ToWorker::Units { units, .. }) = ToWorker::decode(&relay) else {
                        panic!("units decode");
                    };
                    o.deliver(units);
                }
            }
        }
    }
    (answer.expect("worker 0 finished"), seen)
}

#[test]
fn two_and_three_workers_answer_what_one_does_bit_for_bit() {
    let runs = parse_runs(&example_csv(2)).unwrap().runs;
    let requests = [
        Request::Runs {
            runs: runs.clone(),
            options: FitOptions {
                method: Method::Paper,
                bootstrap: 8,
                budget_flops: Some(3e21),
                ..FitOptions::default()
            },
        },
        Request::Runs {
            runs,
            options: FitOptions {
                bootstrap: 5,
                holdout: Some(Holdout::Fraction(0.25)),
                ..FitOptions::default()
            },
        },
        Request::Compare {
            runs: noise_free_sweep(),
            options: FitOptions {
                bootstrap: 4,
                ..FitOptions::default()
            },
        },
        Request::Plan(
            super::PlanRequest {
                design: crate::fit::design::SweepDesign::around(1e23),
                widths: vec![2.0, 8.0],
                sizes: vec![3, 7],
                law: crate::law::presets::EPOCH2024,
                noise: 0.005,
                simulations: 16,
                seed: 3,
            }
            .encode(),
        ),
    ];
    for request in &requests {
        let (one, progress) = page(1, request);
        assert!(one.is_ok(), "{one:?}");
        if let (Request::Plan(p), Ok(Answer::Planned(cells))) = (request, &one) {
            let p = super::PlanRequest::decode(p).unwrap();
            let cells = super::decode_cells(cells).unwrap();
            // The workers' cells are the designs simulated here, alone.
            let alone = p.job().run_to_end();
            assert_eq!(cells, alone);
        }
        assert!(progress.windows(2).all(|w| w[0] <= w[1]), "{progress:?}");
        for count in [2, 3] {
            let (many, _) = page(count, request);
            assert_eq!(format!("{many:?}"), format!("{one:?}"), "{count} workers");
        }
    }
}

#[test]
fn a_refused_request_finishes_at_once_with_the_reason() {
    let request = Request::Runs {
        runs: Vec::new(),
        options: FitOptions::default(),
    };
    let Err(message) = WorkerFit::start(4, Shard::default(), &request) else {
        panic!("no runs must be refused");
    };
    let back = FromWorker::decode(&message.encode()).unwrap();
    assert_eq!(
        back,
        FromWorker::Finished {
            id: 4,
            answer: Box::new(Err(FitError::TooFewPoints { needed: 6, got: 0 })),
            units: Vec::new(),
        }
    );
}

#[test]
fn every_error_and_an_infinite_coefficient_cross_unchanged() {
    let errors = [
        FitError::NoSpread("model size"),
        FitError::MissingColumn {
            wanted: "tokens (D) or FLOPs (C)",
            headers: vec!["a".into()],
        },
        FitError::InvalidOption("δ".into()),
        FitError::NoSolution,
    ];
    for e in errors {
        let m = FromWorker::Finished {
            id: 1,
            answer: Box::new(Err(e)),
            units: vec![Unit {
                stage: 0,
                index: 3,
                value: Some(vec![f64::NEG_INFINITY, -0.0, 1e-308]),
            }],
        };
        assert_eq!(FromWorker::decode(&m.encode()), Ok(m.clone()));
        let FromWorker::Finished { units, .. } = FromWorker::decode(&m.encode()).unwrap() else {
            unreachable!()
        };
        let v = units[0].value.as_ref().unwrap();
        assert_eq!(v[1].to_bits(), (-0.0f64).to_bits());
    }
    assert!(FromWorker::decode(&[200, 1, 2]).is_err());
}

#[test]
fn the_page_refuses_at_once_what_the_workers_would() {
    // What the page checks before starting workers is what the worker's job refuses with.
    let runs = parse_runs(&example_csv(2)).unwrap().runs;
    let flat: Vec<Run> = runs.iter().map(|r| Run { loss: 2.5, ..*r }).collect();
    let refused = [
        Request::Runs {
            runs: runs[..4].to_vec(),
            options: FitOptions::default(),
        },
        Request::Runs {
            runs: flat,
            options: FitOptions::default(),
        },
        Request::Runs {
            runs: runs.clone(),
            options: FitOptions {
                delta: -1.0,
                ..FitOptions::default()
            },
        },
    ];
    for request in &refused {
        let Err(FromWorker::Finished { answer, .. }) =
            WorkerFit::start(1, Shard::default(), request)
        else {
            panic!("the worker must refuse {request:?}");
        };
        assert_eq!(request.precheck(), Err((*answer).unwrap_err()));
    }
    let good = Request::Runs {
        runs,
        options: FitOptions::default(),
    };
    assert_eq!(good.precheck(), Ok(()));
}
