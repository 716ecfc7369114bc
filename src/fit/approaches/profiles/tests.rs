//! Tests of Approach 2's profiles: the parabola against exact coefficients, budgets grouped
//! by column or by clustering, and sweeps it refuses with the reason.
use super::*;

#[test]
fn parabola_recovers_exact_coefficients() {
    // y = 3 − 2x + 0.5x² sampled at 5 points: exact coefficients by construction.
    let x = [10.0, 11.0, 12.0, 13.0, 14.0];
    let y: Vec<f64> = x.iter().map(|v| 3.0 - 2.0 * v + 0.5 * v * v).collect();
    let c = parabola(&x, &y).unwrap();
    assert!((c[0] - 3.0).abs() < 1e-8 && (c[1] + 2.0).abs() < 1e-9 && (c[2] - 0.5).abs() < 1e-10);
}

#[test]
fn budget_column_groups_and_clustering_splits() {
    let run = |flops: f64, budget: Option<f64>| Run {
        line: 0,
        n_params: 1e8,
        n_tokens: flops / 6e8,
        flops,
        loss: 3.0,
        budget,
    };
    // A budget column wins over C, even 20 % apart (hand-made groups).
    let tagged = [
        run(1e19, Some(1e19)),
        run(1.2e19, Some(1e19)),
        run(1e20, Some(1e20)),
    ];
    let g = group_budgets(&tagged);
    assert_eq!((g.len(), g[0].1.len(), g[1].1.len()), (2, 2, 1));
    // Without it, C within ±5 % clusters and 20 % apart does not; the budget is the
    // geometric mean: √(1e19 · 1.05e19) = 1.02470e19.
    let untagged = [run(1e19, None), run(1.05e19, None), run(1.26e19, None)];
    let g = group_budgets(&untagged);
    assert_eq!((g.len(), g[0].1.len()), (2, 2));
    assert!((g[0].0 / 1.024_695e19 - 1.0).abs() < 1e-6);
}

#[test]
fn one_budget_is_a_typed_error() {
    let runs: Vec<Run> = (0..5)
        .map(|i| {
            let n = 1e8 * 2f64.powi(i);
            Run {
                line: i as usize + 2,
                n_params: n,
                n_tokens: 1e19 / (6.0 * n),
                flops: 1e19,
                loss: 3.0 + 0.1 * (f64::from(i) - 2.0).powi(2),
                budget: None,
            }
        })
        .collect();
    assert_eq!(
        approach2(&runs).err(),
        Some(FitError::TooFewBudgets { usable: 1 })
    );
}

/// Hand-made degenerate sweeps, each refused with its reason and never a NaN.
#[test]
fn degenerate_sweeps_are_refused_with_the_reason() {
    let sweep = |budgets: &[f64], sizes: &[f64], loss: &dyn Fn(f64, f64) -> f64| {
        let mut runs = Vec::new();
        for &c in budgets {
            for &n in sizes {
                runs.push(Run {
                    line: runs.len() + 2,
                    n_params: n,
                    n_tokens: c / (6.0 * n),
                    flops: c,
                    loss: loss(c, n),
                    budget: None,
                });
            }
        }
        runs
    };
    let bowl = |c: f64, n: f64| 3.0 + 0.05 * (n.ln() - (c.ln() / 2.0 - 4.0)).powi(2);
    let equal = sweep(&[1e19, 1e20], &[1e8, 3e8, 1e9], &|_, _| 3.0);
    assert_eq!(approach2(&equal).err(), Some(FitError::ConstantLoss));
    let two = sweep(&[1e19, 1e20], &[1e8, 1e9], &bowl);
    assert_eq!(
        approach2(&two).err(),
        Some(FitError::TooFewSizes { most: 2 })
    );
    let cap = |_: f64, n: f64| 3.0 - 0.05 * (n.ln() - 20.0).powi(2);
    let down = sweep(&[1e19, 1e20], &[1e8, 4e8, 1.6e9, 6.4e9], &cap);
    match approach2(&down) {
        Err(e @ FitError::UnusableBudgets { usable: 0, .. }) => {
            let msg = e.to_string();
            assert!(
                msg.contains("1.000e19 FLOPs: the parabola opens downwards: no minimum; "),
                "{msg}"
            );
            // In 中文 the reasons are Chinese too, not English inside a Chinese sentence.
            let zh = e.text(Lang::Zh);
            assert!(
                zh.contains("1.000e19 FLOPs：抛物线开口向下：没有最小值；"),
                "{zh}"
            );
            assert!(!zh.contains("parabola"), "{zh}");
        }
        other => panic!("{other:?}"),
    }
}
