//! The bootstrap's loop, written once for every job that resamples (Approach 3's coefficients,
//! Approaches 1 and 2's frontier): resamples drawn in order from one seeded stream, each refitted
//! and kept in order, by one copy alone or shared among copies ([`crate::fit::jobs::shard`]).

use crate::fit::jobs::shard::{Exchange, Sharded};

/// What a job resamples: how it draws the next resample, refits it, and passes a refit between
/// copies as a number list.
pub(crate) trait Resample {
    /// One resample, as drawn from the seeded stream.
    type Sample;
    /// What one refit gives (its failure included).
    type Outcome;

    /// Draws the next resample, advancing the stream.
    fn draw(&mut self) -> Self::Sample;
    /// Refits one resample.
    fn refit(&self, sample: &Self::Sample) -> Self::Outcome;
    /// An outcome as the number list a copy posts to the others.
    fn encode(outcome: Self::Outcome) -> Option<Vec<f64>>;
    /// The inverse of [`Resample::encode`]; a list that does not read back is a failed refit.
    fn decode(value: Option<Vec<f64>>) -> Self::Outcome;
}

/// Where a bootstrap of `total` resamples stands.
#[derive(Debug)]
pub(crate) struct Resampling {
    total: usize,
    drawn: usize,
    done: usize,
    sharded: Option<Sharded>,
}

impl Resampling {
    /// A bootstrap of `total` resamples, none drawn.
    pub(crate) fn new(total: usize) -> Self {
        Resampling {
            total,
            drawn: 0,
            done: 0,
            sharded: None,
        }
    }

    /// Resamples in all.
    pub(crate) fn total(&self) -> usize {
        self.total
    }

    /// Resamples whose outcome is known (this copy's and, when shared, the others').
    pub(crate) fn done(&self) -> usize {
        self.done
    }

    /// Does at most `budget` resamples (at least one, unless there are none); true when every
    /// outcome has been given to `keep`, in the order of the stream. Shared with the other
    /// copies when `exchange` has some: this copy refits its own resamples, draws (and drops)
    /// the others' to keep its stream in step, and keeps every outcome once all are in.
    pub(crate) fn step<R: Resample>(
        &mut self,
        job: &mut R,
        budget: usize,
        exchange: &mut Exchange,
        mut keep: impl FnMut(R::Outcome),
    ) -> bool {
        if self.total > 0 && self.done == 0 && self.drawn == 0 && self.sharded.is_none() {
            self.sharded = Sharded::begin(self.total, exchange);
        }
        if let Some(mut sharded) = self.sharded.take() {
            let all = sharded.advance(budget, exchange, |i| {
                while self.drawn < i {
                    job.draw();
                    self.drawn += 1;
                }
                let sample = job.draw();
                self.drawn += 1;
                R::encode(job.refit(&sample))
            });
            self.done = sharded.present();
            let Some(all) = all else {
                self.sharded = Some(sharded);
                return false;
            };
            for value in all {
                keep(R::decode(value));
            }
            self.done = self.total;
            return true;
        }
        for _ in 0..budget.max(1) {
            if self.done >= self.total {
                break;
            }
            let sample = job.draw();
            self.drawn += 1;
            keep(job.refit(&sample));
            self.done += 1;
        }
        self.done >= self.total
    }
}
