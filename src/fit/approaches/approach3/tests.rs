//! Tests of `fit::approaches::approach3` (a child module, so they see its private items).
use super::*;

#[test]
fn paper_grid_has_the_papers_4500_points() {
    // Hoffmann et al. 2022, App. D.2: 5 × 5 × 5 × 6 × 6 = 4500 distinct starts.
    let mut seen: Vec<Theta> = (0..PAPER_STARTS).map(paper_start).collect();
    assert_eq!(paper_start(0), [0.0, 0.0, -1.0, 0.0, 0.0]);
    assert_eq!(paper_start(PAPER_STARTS - 1), [25.0, 25.0, 1.0, 2.0, 2.0]);
    seen.sort_by(|x, y| x.partial_cmp(y).unwrap());
    seen.dedup();
    assert_eq!(seen.len(), 4500);
}

#[test]
fn parallel_paper_protocol_equals_one_start_at_a_time() {
    // Runs from Chinchilla's printed law (Hoffmann et al. 2022, Eq. 10) with a deterministic
    // ±1 % wobble; the fit itself is checked elsewhere: here the two schedules must agree.
    let runs: Vec<Run> = (0..36)
        .map(|i| {
            let n = 1e8 * 1.3f64.powi(i % 12);
            let d = 2e9 * 1.5f64.powi(i / 3);
            let law = 1.69 + 406.4 / n.powf(0.34) + 410.7 / d.powf(0.28);
            Run {
                line: i as usize + 2,
                n_params: n,
                n_tokens: d,
                flops: 6.0 * n * d,
                loss: law * (1.0 + 0.01 * f64::from(i).sin()),
                budget: None,
            }
        })
        .collect();
    let parallel = Approach3Job::new(&runs, Method::Paper, 1e-3)
        .unwrap()
        .run_to_end()
        .unwrap();
    let mut job = Approach3Job::new(&runs, Method::Paper, 1e-3).unwrap();
    while !job.step(1, &mut crate::fit::jobs::shard::Exchange::alone()) {}
    assert_eq!(job.done(), job.total());
    let sequential = job.result().unwrap().clone().unwrap();
    assert_eq!(
        parallel.theta.map(f64::to_bits),
        sequential.theta.map(f64::to_bits)
    );
    assert_eq!(parallel.objective.to_bits(), sequential.objective.to_bits());
    assert_eq!(parallel.candidates, sequential.candidates);
}

#[test]
fn bad_delta_and_tiny_data_are_rejected() {
    let run = |n: f64, l: f64| Run {
        line: 0,
        n_params: n,
        n_tokens: 1e10,
        flops: 6e10 * n,
        loss: l,
        budget: None,
    };
    let runs: Vec<Run> = (0..8)
        .map(|i| run(1e8 * (i + 1) as f64, 3.0 - 0.1 * i as f64))
        .collect();
    assert!(matches!(
        Approach3Job::new(&runs, Method::Global, 0.0),
        Err(FitError::InvalidOption(_))
    ));
    assert!(matches!(
        Approach3Job::new(&runs, Method::Global, f64::NAN),
        Err(FitError::InvalidOption(_))
    ));
    assert_eq!(
        Approach3Job::new(&runs[..3], Method::Global, 1e-3).err(),
        Some(FitError::TooFewPoints { needed: 6, got: 3 })
    );
    assert_eq!(
        Approach3Job::new(&runs, Method::Global, 1e-3).err(),
        Some(FitError::NoSpread("token count"))
    );
    let flat: Vec<Run> = (0..8).map(|i| run(1e8 * (i + 1) as f64, 3.0)).collect();
    assert_eq!(
        Approach3Job::new(&flat, Method::Paper, 1e-3).err(),
        Some(FitError::ConstantLoss)
    );
}
