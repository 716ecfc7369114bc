//! Criterion micro-benchmarks of the hot math, so a regression shows per function:
//! allocation under every preset law at one budget, one objective+gradient evaluation on the
//! fit's 240 points, and one L-BFGS run from one of the paper's starts.
//!
//! Run by `make bench` (not by CI: too slow). The data is `$ISOFLOP_BENCH_DATA`, else Epoch's
//! extraction in `../shared/data`, else a synthetic set of the same shape made here.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;

    use criterion::Criterion;
    use isoflop::fit::numerics::objective::{value_and_gradient, LogData};
    use isoflop::fit::numerics::optim::{minimise, LbfgsSettings};
    use isoflop::fit::{parse_runs, Run, SplitMix64};
    use isoflop::law::{optimal_allocation, presets};

    const EPOCH: &str = "../shared/data/epoch_svg_extracted_data.csv";

    /// 245 runs on Chinchilla-like budgets from a known law with seeded noise, shaped like the
    /// Epoch extraction (N from 4e7 to 1.6e10, C from 6e18 to 3e21).
    fn synthetic() -> Vec<Run> {
        let mut rng = SplitMix64::new(2022);
        (0..245)
            .map(|i| {
                let c = 6e18 * 500f64.powf((i % 9) as f64 / 8.0);
                let n = 4e7 * 400f64.powf(rng.next_f64());
                let d = c / (6.0 * n);
                let loss = (1.82 + 482.0 / n.powf(0.348) + 2085.0 / d.powf(0.366))
                    * (0.01 * rng.normal()).exp();
                Run {
                    line: i + 2,
                    n_params: n,
                    n_tokens: d,
                    flops: c,
                    loss,
                    budget: None,
                }
            })
            .collect()
    }

    /// The 240 runs the fit benchmarks use (5 highest-loss left out), and where they came from.
    fn runs() -> (Vec<Run>, String) {
        let path = std::env::var("ISOFLOP_BENCH_DATA").unwrap_or_else(|_| EPOCH.to_string());
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let mut data = parse_runs(&text).expect("bench data parses");
                data.drop_highest_loss(5);
                (data.runs, path)
            }
            Err(_) => {
                let mut runs = synthetic();
                runs.sort_by(|a, b| a.loss.total_cmp(&b.loss));
                runs.truncate(240);
                (runs, "synthetic (no data file found)".to_string())
            }
        }
    }

    pub fn benches(c: &mut Criterion) {
        let laws = presets();
        c.bench_function("allocation/all_presets_at_5.76e23", |b| {
            b.iter(|| {
                for law in &laws {
                    let _ = black_box(optimal_allocation(law, black_box(5.76e23)));
                }
            });
        });

        let (runs, source) = runs();
        eprintln!("hot_math: {} runs from {source}", runs.len());
        let data = LogData::from_runs(&runs);
        let theta = [6.17, 7.66, 0.597, 0.348, 0.366];
        c.bench_function("objective/value_and_gradient_240", |b| {
            b.iter(|| black_box(value_and_gradient(black_box(&theta), &data, 1e-3)));
        });

        let settings = LbfgsSettings::new(1e-3);
        // One of the paper's grid starts: a = b = 5, e = 0.5, α = β = 0.5.
        let start = [5.0, 5.0, 0.5, 0.5, 0.5];
        c.bench_function("lbfgs/one_start_240", |b| {
            b.iter(|| black_box(minimise(&data, black_box(start), &settings)));
        });
    }
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_group!(benches, native::benches);
#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
