//! Splitting a job's independent units across copies of the job (the page's web workers) with
//! the answer one copy gives, bit for bit.
//!
//! Every copy runs the whole job. In a *sharded stage* (the paper protocol's screened starts,
//! the bootstrap's resamples) each copy computes only the units whose index is its own modulo
//! the number of copies, posts them, and takes the others' from its inbox; once every unit is
//! there it consumes them in index order, exactly as one copy consumes them one by one. Every
//! other step is cheap next to those stages, so each copy does it itself and all copies stay in
//! the same state. Stages are numbered in the order the job begins them, the same in every copy.
//!
//! Every job's `step` is given its copy's [`Exchange`] as an argument ([`Exchange::alone`] when
//! there are no other copies, and then a sharded stage is never begun: the job runs every unit
//! itself). Stages are numbered by the exchange as the job begins them, which is why every copy
//! must begin them in the same order: they do, since every copy runs the same deterministic job.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Which copy this is, of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// This copy, 0-based.
    pub index: u32,
    /// Copies in all (at least 1).
    pub count: u32,
}

impl Default for Shard {
    fn default() -> Self {
        Shard { index: 0, count: 1 }
    }
}

impl Shard {
    fn owns(self, unit: usize) -> bool {
        unit % self.count.max(1) as usize == self.index as usize
    }
}

/// One unit's result, as the copy that computed it posts it to the others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// The stage, numbered in the order the job began its sharded stages.
    pub stage: u32,
    /// The unit's index within the stage.
    pub index: u32,
    /// The result; `None` where the unit found nothing (a start that diverged, a resample
    /// whose refit failed).
    pub value: Option<Vec<f64>>,
}

/// One copy's side of the exchange: what it has received and what it has to post.
#[derive(Debug, Default)]
pub struct Exchange {
    shard: Shard,
    next_stage: u32,
    inbox: BTreeMap<(u32, u32), Option<Vec<f64>>>,
    outbox: Vec<Unit>,
    waiting: bool,
}

impl Exchange {
    /// The exchange of copy `shard`.
    #[must_use]
    pub fn new(shard: Shard) -> Self {
        Exchange {
            shard,
            ..Exchange::default()
        }
    }

    /// The exchange of a job that has no other copies: it never begins a sharded stage.
    #[must_use]
    pub fn alone() -> Self {
        Exchange::default()
    }

    /// Clears [`Exchange::waiting`] before a call into the job (a slice in the page).
    pub fn resume(&mut self) {
        self.waiting = false;
    }

    /// Takes units the other copies posted.
    pub fn deliver(&mut self, units: impl IntoIterator<Item = Unit>) {
        for u in units {
            self.inbox.insert((u.stage, u.index), u.value);
        }
    }

    /// The units this copy computed since the last call, to post to the others.
    pub fn take_outbox(&mut self) -> Vec<Unit> {
        std::mem::take(&mut self.outbox)
    }

    /// True when the job stopped because it needs the others' units (loops that step an inner
    /// job stop then); cleared by [`Exchange::resume`].
    #[must_use]
    pub fn waiting(&self) -> bool {
        self.waiting
    }
}

/// A sharded stage of `len` units in this copy.
#[derive(Debug)]
pub(crate) struct Sharded {
    stage: u32,
    shard: Shard,
    slots: Vec<Option<Option<Vec<f64>>>>,
    next_own: usize,
    present: usize,
}

impl Sharded {
    /// Begins the next sharded stage, of `len` units, when there are other copies to share it
    /// with (`None` for [`Exchange::alone`]).
    pub(crate) fn begin(len: usize, exchange: &mut Exchange) -> Option<Sharded> {
        if exchange.shard.count <= 1 {
            return None;
        }
        let stage = exchange.next_stage;
        exchange.next_stage += 1;
        Some(Sharded {
            stage,
            shard: exchange.shard,
            slots: vec![None; len],
            next_own: exchange.shard.index as usize,
            present: 0,
        })
    }

    /// The next unit this copy computes, if any is left.
    pub(crate) fn next_own(&self) -> Option<usize> {
        (self.next_own < self.slots.len()).then_some(self.next_own)
    }

    /// Records this copy's unit `index` (the one [`Sharded::next_own`] named) and posts it.
    pub(crate) fn put(&mut self, index: usize, value: Option<Vec<f64>>, exchange: &mut Exchange) {
        debug_assert!(self.shard.owns(index));
        self.next_own = index + self.shard.count.max(1) as usize;
        exchange.outbox.push(Unit {
            stage: self.stage,
            index: index as u32,
            value: value.clone(),
        });
        self.fill(index, value);
    }

    /// Moves the other copies' units of this stage from the inbox.
    pub(crate) fn gather(&mut self, exchange: &mut Exchange) {
        let stage = self.stage;
        let keys: Vec<(u32, u32)> = exchange
            .inbox
            .range((stage, 0)..=(stage, u32::MAX))
            .map(|(k, _)| *k)
            .collect();
        let arrived: Vec<(usize, Option<Vec<f64>>)> = keys
            .into_iter()
            .filter_map(|k| exchange.inbox.remove(&k).map(|v| (k.1 as usize, v)))
            .collect();
        for (index, value) in arrived {
            if index < self.slots.len() && !self.shard.owns(index) {
                self.fill(index, value);
            }
        }
    }

    fn fill(&mut self, index: usize, value: Option<Vec<f64>>) {
        if self.slots[index].is_none() {
            self.present += 1;
        }
        self.slots[index] = Some(value);
    }

    /// Units present (this copy's and the others').
    pub(crate) fn present(&self) -> usize {
        self.present
    }

    /// Computes up to `budget` (at least one) of this copy's remaining units with `own` (given
    /// each unit's index, in increasing order) and posts them; then, once this copy has none
    /// left, every unit in index order when all are present (else the job is marked waiting).
    pub(crate) fn advance(
        &mut self,
        budget: usize,
        exchange: &mut Exchange,
        mut own: impl FnMut(usize) -> Option<Vec<f64>>,
    ) -> Option<Vec<Option<Vec<f64>>>> {
        self.gather(exchange);
        for _ in 0..budget.max(1) {
            let Some(i) = self.next_own() else { break };
            let value = own(i);
            self.put(i, value, exchange);
        }
        if self.next_own().is_some() {
            return None;
        }
        self.take_all(exchange)
    }

    /// Every unit, in index order, once all are present; otherwise marks the job as waiting.
    pub(crate) fn take_all(&mut self, exchange: &mut Exchange) -> Option<Vec<Option<Vec<f64>>>> {
        if self.present < self.slots.len() {
            exchange.waiting = true;
            return None;
        }
        Some(
            std::mem::take(&mut self.slots)
                .into_iter()
                .flatten()
                .collect(),
        )
    }
}

/// Runs copies of one job side by side on this thread, passing each copy's units to the
/// others as the page passes them between its workers, until every copy has finished; returns
/// the copies and how many units they posted. `step` does a bounded amount of work and says
/// whether the copy is finished.
#[cfg(test)]
pub(crate) fn run_copies<J>(
    mut jobs: Vec<J>,
    mut step: impl FnMut(&mut J, &mut Exchange) -> bool,
) -> (Vec<J>, usize) {
    let mut units = 0;
    let count = jobs.len() as u32;
    let mut exchanges: Vec<Exchange> = (0..count)
        .map(|index| Exchange::new(Shard { index, count }))
        .collect();
    let mut finished = vec![false; jobs.len()];
    while finished.iter().any(|f| !f) {
        let mut moved = false;
        for i in 0..jobs.len() {
            if finished[i] {
                continue;
            }
            let job = &mut jobs[i];
            exchanges[i].resume();
            finished[i] = step(job, &mut exchanges[i]);
            let posted = exchanges[i].take_outbox();
            units += posted.len();
            moved |= finished[i] || !exchanges[i].waiting() || !posted.is_empty();
            for (j, other) in exchanges.iter_mut().enumerate() {
                if j != i {
                    other.deliver(posted.iter().cloned());
                }
            }
        }
        assert!(moved, "every copy waits for units no copy will post");
    }
    (jobs, units)
}
