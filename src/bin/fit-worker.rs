//! The fitter's web worker (Trunk builds it beside the page: `data-type="worker"` in
//! index.html). It runs one copy of a fit at a time (`isoflop::fit::jobs::worker::WorkerFit`) in
//! slices, posting progress and its units after each, and listens between slices for the other
//! copies' units. The page stops it with `Worker.terminate()`.

#[cfg(target_arch = "wasm32")]
mod shell {
    use std::cell::RefCell;
    use std::rc::Rc;

    use isoflop::fit::jobs::worker::{FromWorker, ToWorker, WorkerFit};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// Work between looks at the message queue, in milliseconds: progress reaches the page and
    /// the other copies' units reach this one at this pace.
    const SLICE_MS: f64 = 50.0;

    #[derive(Default)]
    struct State {
        fit: Option<WorkerFit>,
        scheduled: bool,
    }

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    fn post(message: &FromWorker) {
        let bytes = message.encode();
        // Nothing to tell anyone if the page has gone.
        let _ = scope().post_message(&js_sys::Uint8Array::from(&bytes[..]));
    }

    fn schedule(state: &Rc<RefCell<State>>) {
        state.borrow_mut().scheduled = true;
        let next = Rc::clone(state);
        let slice = Closure::once_into_js(move || slice(&next));
        let _ =
            scope().set_timeout_with_callback_and_timeout_and_arguments_0(slice.unchecked_ref(), 0);
    }

    fn slice(state: &Rc<RefCell<State>>) {
        let (message, more) = {
            let mut s = state.borrow_mut();
            s.scheduled = false;
            let Some(fit) = s.fit.as_mut() else { return };
            let deadline = js_sys::Date::now() + SLICE_MS;
            let message = fit.slice(|| js_sys::Date::now() > deadline);
            let finished = matches!(message, FromWorker::Finished { .. });
            let more = !finished && !fit.waiting();
            if finished {
                s.fit = None;
            }
            (message, more)
        };
        post(&message);
        if more {
            schedule(state);
        }
    }

    fn receive(state: &Rc<RefCell<State>>, event: &MessageEvent) {
        let bytes = js_sys::Uint8Array::new(&event.data()).to_vec();
        let resume = match ToWorker::decode(&bytes) {
            Ok(ToWorker::Start { id, shard, request }) => {
                match WorkerFit::start(id, shard, &request) {
                    Ok(fit) => {
                        state.borrow_mut().fit = Some(fit);
                        true
                    }
                    Err(refusal) => {
                        state.borrow_mut().fit = None;
                        post(&refusal);
                        false
                    }
                }
            }
            Ok(ToWorker::Units { id, units }) => {
                let mut s = state.borrow_mut();
                match s.fit.as_mut() {
                    Some(fit) if fit.id() == id => {
                        fit.deliver(units);
                        true
                    }
                    _ => false,
                }
            }
            // The page and this worker come from one build; a message that does not read is
            // dropped rather than guessed at.
            Err(_) => false,
        };
        if resume && !state.borrow().scheduled {
            schedule(state);
        }
    }

    pub fn run() {
        let state = Rc::new(RefCell::new(State::default()));
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            receive(&state, &e);
        });
        scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The worker lives as long as its handler.
        on_message.forget();
        post(&FromWorker::Ready);
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    shell::run();
}
