//! Which design to pick: the same sweep compute spent on every width and number of sizes of a
//! grid, each simulated, and the one with the smallest expected error kept. At a fixed sweep
//! compute more sizes per budget means smaller budgets (a longer extrapolation) and a wider
//! window means a larger parabola bias but less sensitivity to noise: the simulation weighs them.

use crate::fit::jobs::fit_job::{Progress, Sliced};
use crate::fit::jobs::shard::Exchange;
use crate::law::loss::LossParams;

use super::simulate::{Simulated, SimulationJob};
use super::{DesignError, SweepDesign};

/// The widths tried, ×k either side of N_opt (Open-Athena's 2026 analysis tries ×2 to ×16).
pub const WIDTHS: [f64; 6] = [1.5, 2.0, 3.0, 4.0, 8.0, 16.0];
/// The numbers of sizes per budget tried.
pub const SIZES: [usize; 5] = [3, 5, 7, 9, 15];

/// One design of the grid and what its simulations say.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Cell {
    /// ×width either side.
    pub width: f64,
    /// Sizes per budget.
    pub sizes: usize,
    /// The simulations, or why the design was refused (e.g. its largest budget above the target).
    pub outcome: Result<Simulated, Vec<DesignError>>,
}

/// The grid's designs, simulated one sweep at a time.
#[derive(Debug)]
pub struct ExploreJob {
    cells: Vec<(f64, usize)>,
    jobs: Vec<Result<SimulationJob, Vec<DesignError>>>,
    current: usize,
    simulations: usize,
    total: usize,
    done: usize,
}

impl ExploreJob {
    /// Every width of `widths` with every number of sizes of `sizes`, the rest as in `base`,
    /// `simulations` sweeps each under `law` with relative `noise`, seeded by `seed`.
    #[must_use]
    pub fn new(
        base: &SweepDesign,
        widths: &[f64],
        sizes: &[usize],
        law: &LossParams,
        noise: f64,
        simulations: usize,
        seed: u64,
    ) -> Self {
        let mut cells = Vec::new();
        let mut jobs = Vec::new();
        for &s in sizes {
            for &w in widths {
                let design = SweepDesign {
                    width: w,
                    sizes: s,
                    ..*base
                };
                cells.push((w, s));
                jobs.push(SimulationJob::new(&design, law, noise, simulations, seed));
            }
        }
        let total = jobs.iter().filter(|j| j.is_ok()).count() * simulations;
        ExploreJob {
            cells,
            jobs,
            current: 0,
            simulations,
            total,
            done: 0,
        }
    }

    /// Every cell, once finished.
    #[must_use]
    pub fn cells(&self) -> Option<Vec<Cell>> {
        if self.progress() != Progress::Finished {
            return None;
        }
        Some(
            self.cells
                .iter()
                .zip(&self.jobs)
                .map(|(&(width, sizes), job)| Cell {
                    width,
                    sizes,
                    outcome: match job {
                        Ok(j) => Ok(j.result().expect("finished")),
                        Err(e) => Err(e.clone()),
                    },
                })
                .collect(),
        )
    }

    /// Runs every simulation and returns the cells.
    #[must_use]
    pub fn run_to_end(mut self) -> Vec<Cell> {
        while self.step(usize::MAX) != Progress::Finished {}
        self.cells().expect("finished")
    }
}

/// The design to use: the cell of `width` and `sizes` where the reader typed them, the one with
/// the smallest expected error among those left open; `None` when no such cell was simulated.
#[must_use]
pub fn choose(cells: &[Cell], width: Option<f64>, sizes: Option<usize>) -> Option<&Cell> {
    let fits = |c: &&Cell| width.is_none_or(|w| c.width == w) && sizes.is_none_or(|s| c.sizes == s);
    let candidates: Vec<Cell> = cells.iter().filter(fits).cloned().collect();
    let chosen = best(&candidates)?;
    cells
        .iter()
        .find(|c| c.width == chosen.width && c.sizes == chosen.sizes)
}

/// The widths and numbers of sizes to simulate: the grid's, and the reader's where typed.
#[must_use]
pub fn grid_with(width: Option<f64>, sizes: Option<usize>) -> (Vec<f64>, Vec<usize>) {
    let mut widths = WIDTHS.to_vec();
    if let Some(w) = width.filter(|w| !widths.contains(w)) {
        widths.push(w);
        crate::sort::sort_f64(&mut widths);
    }
    let mut counts = SIZES.to_vec();
    if let Some(s) = sizes.filter(|s| !counts.contains(s)) {
        counts.push(s);
        counts.sort_unstable();
    }
    (widths, counts)
}

/// The cell with the smallest expected error ([`Simulated::expected_error`]); the first of
/// equals, `None` when no cell could be simulated.
#[must_use]
pub fn best(cells: &[Cell]) -> Option<&Cell> {
    cells
        .iter()
        .filter(|c| {
            c.outcome
                .as_ref()
                .is_ok_and(|s| s.expected_error().is_finite())
        })
        .min_by(|a, b| {
            let e = |c: &Cell| {
                c.outcome
                    .as_ref()
                    .map_or(f64::INFINITY, Simulated::expected_error)
            };
            e(a).total_cmp(&e(b))
        })
}

impl Sliced for ExploreJob {
    fn step_with(&mut self, budget: usize, exchange: &mut Exchange) -> Progress {
        let mut left = budget.max(1);
        while left > 0 && self.current < self.jobs.len() {
            let Ok(job) = &mut self.jobs[self.current] else {
                self.current += 1;
                continue;
            };
            let before = job.progress();
            let after = job.step_with(1, exchange);
            left -= 1;
            if after == Progress::Finished {
                self.done += self.simulations;
                self.current += 1;
            } else if after == before && exchange.waiting() {
                // Waiting for the other copies' sweeps of this design.
                break;
            }
        }
        self.progress()
    }

    fn progress(&self) -> Progress {
        if self.current >= self.jobs.len() {
            return Progress::Finished;
        }
        let within = match &self.jobs[self.current] {
            Ok(job) => match job.progress() {
                Progress::Running { done, .. } => done,
                Progress::Finished => 0,
            },
            Err(_) => 0,
        };
        Progress::Running {
            done: self.done + within,
            total: self.total,
        }
    }
}
