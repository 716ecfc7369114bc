//! How the paper protocol's screened starts are shared: across threads natively (the command
//! line), across copies of the job in the page's workers (as number lists, `crate::fit::jobs::shard`).

#[cfg(not(target_arch = "wasm32"))]
use super::{keep_best, Approach3Job, Stage, KEEP_CANDIDATES};
#[cfg(not(target_arch = "wasm32"))]
use crate::fit::numerics::optim::minimise;
use crate::fit::numerics::optim::LocalFit;

/// A screened minimum as the number list copies of a job exchange: θ, objective, evaluations.
pub(super) fn encode_local(fit: &LocalFit) -> Vec<f64> {
    let mut v = fit.theta.to_vec();
    v.push(fit.objective);
    v.push(fit.evaluations as f64);
    v
}

/// The inverse of [`encode_local`]; `None` for a list of another length.
pub(super) fn decode_local(v: &[f64]) -> Option<LocalFit> {
    let [a, b, e, alpha, beta, objective, evaluations] = *v else {
        return None;
    };
    Some(LocalFit {
        theta: [a, b, e, alpha, beta],
        objective,
        evaluations: evaluations as usize,
    })
}

#[cfg(not(target_arch = "wasm32"))]
impl Approach3Job {
    /// Runs the paper protocol's remaining starts on every core. Each thread takes every
    /// `threads`-th start; the minima are then kept in start order, exactly as [`Self::step`]
    /// keeps them one by one, so the result does not depend on the number of threads.
    pub(super) fn screen_in_parallel(&mut self) {
        if !matches!(self.stage, Stage::Paper { .. }) {
            return;
        }
        let Stage::Paper { starts, next } = std::mem::replace(&mut self.stage, Stage::Done) else {
            return;
        };
        let rest = &starts[next..];
        let threads = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .clamp(1, rest.len().max(1));
        let settings = self.settings.screening();
        let data = &self.data;
        let mut fits: Vec<Option<LocalFit>> = vec![None; rest.len()];
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    scope.spawn(move || {
                        (t..rest.len())
                            .step_by(threads)
                            .map(|i| (i, minimise(data, rest[i], &settings)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for handle in handles {
                for (i, fit) in handle.join().unwrap_or_default() {
                    fits[i] = fit;
                }
            }
        });
        for fit in fits.into_iter().flatten() {
            self.evaluations += fit.evaluations;
            keep_best(&mut self.best, fit, KEEP_CANDIDATES);
        }
        self.done += rest.len();
        self.stage = self.polish_candidates();
    }
}
