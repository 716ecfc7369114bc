//! Native timings of the Approach-3 fit for `make bench` (not a test: it measures, it never
//! fails on a time). Prints one JSON object on stdout.
//!
//! `cargo bench --bench fit_native -- --data FILE [--drop-highest 5] [--stride K] [--reps R]
//! [--bootstrap K]`
//!
//! - `paper_starts`: L-BFGS from every `stride`-th start of the paper's 4500-point grid (the
//!   same starts `scripts/bench_scipy.py` runs), so the two can be compared as a ratio; the
//!   median of 5 runs, on every core (`threads`) with the SIMD kernels this CPU has (`simd`).
//! - `paper`: the whole `paper` protocol as the page and CLI run it (skipped when `stride` > 1).
//! - `global`: the default method, median of `reps` runs.
//! - `bootstrap`: a `global` fit plus `K` bootstrap resamples, once.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::time::Instant;

    use isoflop::fit::approaches::approach3::Approach3Job;
    use isoflop::fit::approaches::approach3::{paper_start, PAPER_STARTS};
    use isoflop::fit::{fit_approach3, parse_runs, FitJob, FitOptions, Method};
    use serde_json::{json, Value};

    const DELTA: f64 = 1e-3;
    /// Runs of the paper protocol's starts timed (their median is reported).
    const PAPER_RUNS: usize = 5;

    struct Args {
        data: String,
        drop_highest: usize,
        stride: usize,
        reps: usize,
        bootstrap: usize,
    }

    fn parse_args() -> Result<Args, String> {
        let mut args = Args {
            data: String::new(),
            drop_highest: 5,
            stride: 1,
            reps: 10,
            bootstrap: 1000,
        };
        let mut it = std::env::args().skip(1);
        while let Some(a) = it.next() {
            let mut next = |name: &str| it.next().ok_or(format!("{name} needs a value"));
            let num = |s: String| s.parse::<usize>().map_err(|e| format!("{a}: {e}"));
            match a.as_str() {
                "--data" => args.data = next("--data")?,
                "--drop-highest" => args.drop_highest = num(next("--drop-highest")?)?,
                "--stride" => args.stride = num(next("--stride")?)?.max(1),
                "--reps" => args.reps = num(next("--reps")?)?.max(1),
                "--bootstrap" => args.bootstrap = num(next("--bootstrap")?)?,
                // `cargo bench` passes `--bench`; nothing else is expected.
                "--bench" => {}
                other => return Err(format!("unknown argument {other:?}")),
            }
        }
        if args.data.is_empty() {
            return Err("--data FILE is required".into());
        }
        Ok(args)
    }

    fn ms_since(t: Instant) -> f64 {
        t.elapsed().as_secs_f64() * 1e3
    }

    fn median(mut xs: Vec<f64>) -> f64 {
        xs.sort_by(f64::total_cmp);
        let n = xs.len();
        if n % 2 == 1 {
            xs[n / 2]
        } else {
            0.5 * (xs[n / 2 - 1] + xs[n / 2])
        }
    }

    fn theta_json(theta: &[f64; 5], objective: f64) -> Value {
        json!({
            "A": theta[0].exp(), "B": theta[1].exp(), "E": theta[2].exp(),
            "alpha": theta[3], "beta": theta[4], "objective": objective,
        })
    }

    pub fn main() -> Result<(), String> {
        let args = parse_args()?;
        let text =
            std::fs::read_to_string(&args.data).map_err(|e| format!("{}: {e}", args.data))?;
        let mut data = parse_runs(&text).map_err(|e| e.to_string())?;
        data.drop_highest_loss(args.drop_highest);
        let runs = data.runs;

        // The paper protocol as shipped (each start stopped where scipy's would, on every core,
        // then the best minima polished) from every `stride`-th start.
        let starts: Vec<[f64; 5]> = (0..PAPER_STARTS)
            .step_by(args.stride)
            .map(paper_start)
            .collect();
        let n_starts = starts.len();
        // The median of a few runs (the first pays for starting threads and faulting pages in).
        let mut starts_ms = Vec::with_capacity(PAPER_RUNS);
        let mut last = None;
        for _ in 0..PAPER_RUNS {
            let t = Instant::now();
            let mut job = Approach3Job::paper_from(&runs, starts.clone(), DELTA)
                .map_err(|e| e.to_string())?;
            job.run_all();
            starts_ms.push(ms_since(t));
            last = Some(job);
        }
        let job = last.ok_or("no run")?;
        let starts_ms = median(starts_ms);
        let evaluations = job.evaluations();
        let fit = job
            .result()
            .cloned()
            .ok_or("no result")?
            .map_err(|e| e.to_string())?;
        let (best_theta, best_f) = (fit.theta, fit.objective);
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        // The objective's kernels this CPU runs (src/fit/objective_simd): the page has none.
        let simd = simd_path();

        let paper = if args.stride == 1 {
            let t = Instant::now();
            let fit = fit_approach3(&runs, Method::Paper, DELTA).map_err(|e| e.to_string())?;
            let ms = ms_since(t);
            json!({"ms": ms, "fit": theta_json(&fit.theta, fit.objective)})
        } else {
            Value::Null
        };

        let mut global_ms = Vec::with_capacity(args.reps);
        let mut global_fit = None;
        for _ in 0..args.reps {
            let t = Instant::now();
            let fit = fit_approach3(&runs, Method::Global, DELTA).map_err(|e| e.to_string())?;
            global_ms.push(ms_since(t));
            global_fit = Some(fit);
        }
        let global_fit = global_fit.ok_or("no global fit")?;

        let bootstrap = if args.bootstrap > 0 {
            let options = FitOptions {
                bootstrap: args.bootstrap,
                ..FitOptions::default()
            };
            let t = Instant::now();
            let report = FitJob::new(&runs, &options)
                .and_then(FitJob::run_to_end)
                .map_err(|e| e.to_string())?;
            let ms = ms_since(t);
            let failed = report.ci.map_or(0, |ci| ci.failed);
            json!({"resamples": args.bootstrap, "ms": ms, "failed": failed})
        } else {
            Value::Null
        };

        let out = json!({
            "n_points": runs.len(),
            "paper_starts": {
                "starts": n_starts,
                "threads": threads,
                "simd": simd,
                "stride": args.stride,
                "ms": starts_ms,
                "runs": PAPER_RUNS,
                "evaluations": evaluations,
                "best": theta_json(&best_theta, best_f),
            },
            "paper": paper,
            "global": {
                "reps": args.reps,
                "median_ms": median(global_ms.clone()),
                "min_ms": global_ms.iter().copied().fold(f64::INFINITY, f64::min),
                "fit": theta_json(&global_fit.theta, global_fit.objective),
            },
            "bootstrap": bootstrap,
        });
        println!("{out}");
        Ok(())
    }

    /// Which of the objective's SIMD paths this CPU takes: `avx512`, `avx2` (with FMA) or `none`.
    fn simd_path() -> &'static str {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512f") {
                return "avx512";
            }
            if std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma")
            {
                return "avx2";
            }
        }
        "none"
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(e) = native::main() {
        eprintln!("fit_native: {e}");
        std::process::exit(2);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
