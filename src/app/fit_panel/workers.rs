//! The page's side of the fitter's web workers: one worker per core the browser reports, each
//! running a copy of the fit (`fit::jobs::worker`), with their units passed from each to the others
//! by plain `postMessage` (no shared memory, so any static host serves the page). The workers'
//! code is fetched when the first fit starts, not with the page.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use crate::fit::jobs::shard::{Shard, Unit};
use crate::fit::jobs::worker::{Request, ToWorker};

/// The worker's loader, beside the page (`worker/fit-worker-loader.js`; Trunk builds the
/// `fit-worker` binary's glue and wasm it loads).
const SCRIPT: &str = "./fit-worker-loader.js";

/// More workers than this gain little on the paper protocol and cost memory.
const MAX_WORKERS: usize = 8;

/// What a worker's handler passes on: which worker, and its message's bytes or its error.
pub type Handler = Rc<dyn Fn(usize, Result<Vec<u8>, String>)>;

struct Slot {
    worker: Worker,
    ready: bool,
    /// Messages sent before the worker listened.
    queue: Vec<Vec<u8>>,
    /// The current fit ended in this worker: it needs no more units.
    finished: bool,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

/// The workers of one fit (or of several fits one after another); dropping it stops them.
pub struct Pool {
    slots: Vec<Slot>,
    fit: u64,
}

/// Workers to start: the browser's logical cores, 1 to [`MAX_WORKERS`].
#[must_use]
pub fn worker_count() -> usize {
    let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
    if cores.is_finite() && cores >= 1.0 {
        (cores as usize).min(MAX_WORKERS)
    } else {
        1
    }
}

impl Pool {
    /// Starts `count` workers; `handler` gets each message and error, with the worker's index.
    pub fn new(count: usize, handler: &Handler) -> Result<Pool, String> {
        let mut slots = Vec::with_capacity(count);
        for i in 0..count {
            let worker = Worker::new(SCRIPT).map_err(|e| format!("{e:?}"))?;
            let h = Rc::clone(handler);
            let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                h(i, Ok(js_sys::Uint8Array::new(&e.data()).to_vec()));
            });
            let h = Rc::clone(handler);
            let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
                h(i, Err(e.message()));
            });
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            slots.push(Slot {
                worker,
                ready: false,
                queue: Vec::new(),
                finished: true,
                _on_message: on_message,
                _on_error: on_error,
            });
        }
        Ok(Pool { slots, fit: 0 })
    }

    /// Workers in the pool.
    #[must_use]
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// True while some worker is still on the current fit.
    #[must_use]
    pub fn busy(&self) -> bool {
        self.slots.iter().any(|s| !s.finished)
    }

    fn send(slot: &mut Slot, bytes: Vec<u8>) {
        if slot.ready {
            // A worker that has gone says so through its error handler.
            let _ = slot
                .worker
                .post_message(&js_sys::Uint8Array::from(&bytes[..]));
        } else {
            slot.queue.push(bytes);
        }
    }

    /// Starts fit `id`: each worker runs its copy.
    pub fn start(&mut self, id: u64, request: &Request) {
        self.fit = id;
        let count = self.slots.len() as u32;
        for (index, slot) in self.slots.iter_mut().enumerate() {
            slot.finished = false;
            let message = ToWorker::Start {
                id,
                shard: Shard {
                    index: index as u32,
                    count,
                },
                request: request.clone(),
            };
            Self::send(slot, message.encode());
        }
    }

    /// Worker `i` listens now: sends what waited for it.
    pub fn ready(&mut self, i: usize) {
        if let Some(slot) = self.slots.get_mut(i) {
            slot.ready = true;
            for bytes in std::mem::take(&mut slot.queue) {
                Self::send(slot, bytes);
            }
        }
    }

    /// Passes the units worker `from` computed for fit `id` to every other worker still on it.
    pub fn relay(&mut self, from: usize, id: u64, units: Vec<Unit>) {
        if units.is_empty() || id != self.fit {
            return;
        }
        let bytes = ToWorker::Units { id, units }.encode();
        for (i, slot) in self.slots.iter_mut().enumerate() {
            if i != from && !slot.finished {
                Self::send(slot, bytes.clone());
            }
        }
    }

    /// Worker `i` has finished fit `id`.
    pub fn finished(&mut self, i: usize, id: u64) {
        if let (true, Some(slot)) = (id == self.fit, self.slots.get_mut(i)) {
            slot.finished = true;
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        for slot in &self.slots {
            slot.worker.set_onmessage(None);
            slot.worker.set_onerror(None);
            slot.worker.terminate();
        }
    }
}
