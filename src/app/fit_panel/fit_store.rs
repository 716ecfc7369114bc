//! Keeps the fit panel in this browser's storage (`saved::panel`): restores it when the panel
//! is made, keeps the inputs as the user types (after a pause) and each fit when it finishes,
//! and forgets all of it on "Forget my runs". Storage that is disabled, full or unreadable is
//! said once each in the panel, and the panel works on without it.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use super::fit_form::FitForm;
use super::fit_runner::{RunState, Runner};
use crate::app::charts::FitBand;
use crate::fit::FitOutcome;
use crate::i18n::{fit, Lang};
use crate::permalink::FitConfig;
use crate::saved::last_fit::{decode_fit, encode_fit, RESULT_KEY};
use crate::saved::panel::{PanelInput, INPUT_KEY};
use crate::saved::{browser, Problem};

/// How long typing pauses before the inputs are kept.
const SAVE_DEBOUNCE: Duration = Duration::from_millis(300);

/// What the panel says about its storage: `data-state` and the sentence.
pub type StoreNote = Option<(&'static str, fn(Lang) -> &'static str)>;

/// The panel's storage; `Copy`, so event handlers can hold it.
#[derive(Clone, Copy)]
pub struct Kept {
    text: RwSignal<String>,
    form: FitForm,
    runner: Runner,
    /// The sentence under "Forget my runs".
    pub note: RwSignal<StoreNote>,
    reported: StoredValue<Vec<Problem>>,
    pending: StoredValue<Option<TimeoutHandle>>,
    /// The fit last kept (or restored), so it is written once.
    kept_fit: StoredValue<Option<Arc<FitOutcome>>>,
}

impl Kept {
    /// Restores the panel from storage, then keeps it there as it changes.
    pub fn restore_and_follow(text: RwSignal<String>, form: FitForm, runner: Runner) -> Self {
        let kept = Kept {
            text,
            form,
            runner,
            note: RwSignal::new(None),
            reported: StoredValue::new(Vec::new()),
            pending: StoredValue::new(None),
            kept_fit: StoredValue::new(None),
        };
        kept.restore();
        kept.follow();
        kept
    }

    /// Says `problem` in the panel, the first time only.
    fn report(self, problem: Problem) {
        let first = self.reported.try_update_value(|seen| {
            let first = !seen.contains(&problem);
            if first {
                seen.push(problem);
            }
            first
        });
        if first == Some(true) {
            self.note.set(Some((problem.id(), problem.message_in())));
        }
    }

    /// The value under `key` read by `decode`; one that does not read back is cleared.
    fn read<T>(self, key: &str, decode: fn(&str) -> Result<T, String>) -> Option<T> {
        let stored = match browser::get(key) {
            Ok(stored) => stored?,
            Err(problem) => {
                self.report(problem);
                return None;
            }
        };
        match decode(&stored) {
            Ok(value) => Some(value),
            Err(reason) => {
                web_sys::console::warn_1(&format!("isoflop: cleared {key}: {reason}").into());
                let _ = browser::remove(key);
                self.report(Problem::Unreadable);
                None
            }
        }
    }

    fn restore(self) {
        let input = self.read(INPUT_KEY, PanelInput::decode);
        let fit = self.read(RESULT_KEY, decode_fit).map(Arc::new);
        if let Some(input) = &input {
            self.show(input);
        }
        if let Some(fit) = &fit {
            self.kept_fit.set_value(Some(fit.clone()));
            if let (Some(FitBand(band)), Some(ci)) = (use_context::<FitBand>(), &fit.report.ci) {
                let this = FitConfig::of(
                    fit.report.fit.params,
                    fit.report.fit.method,
                    fit.options.delta,
                );
                band.set(Some((this, Arc::new(ci.samples.clone()))));
            }
            self.runner.state.set(RunState::Done(fit.clone()));
        }
        if self.note.with_untracked(Option::is_none) {
            let what = match (input.is_some(), fit.is_some()) {
                (true, true) => fit::kept_all,
                (true, false) => fit::kept_runs,
                (false, true) => fit::kept_fit,
                (false, false) => return,
            };
            self.note.set(Some(("restored", what)));
        }
    }

    fn show(self, input: &PanelInput) {
        self.text.set(input.text.clone());
        self.form.method.set(input.method);
        self.form.delta.set(input.delta.clone());
        self.form.drop.set(input.drop.clone());
        self.form.bootstrap.set(input.bootstrap.clone());
        self.form.seed.set(input.seed.clone());
        self.form.columns.set(input.columns.clone());
    }

    fn input(self) -> PanelInput {
        PanelInput {
            text: self.text.get(),
            method: self.form.method.get(),
            delta: self.form.delta.get(),
            drop: self.form.drop.get(),
            bootstrap: self.form.bootstrap.get(),
            seed: self.form.seed.get(),
            columns: self.form.columns.get(),
        }
    }

    fn write(self, key: &str, value: Option<String>) {
        let done = match value {
            Some(value) => browser::set(key, &value),
            None => browser::remove(key),
        };
        if let Err(problem) = done {
            self.report(problem);
        }
    }

    fn follow(self) {
        Effect::new(move |_| {
            let input = self.input();
            self.cancel_pending();
            let handle = set_timeout_with_handle(
                move || {
                    let value = (input != PanelInput::default()).then(|| input.encode());
                    self.write(INPUT_KEY, value);
                },
                SAVE_DEBOUNCE,
            )
            .ok();
            self.pending.set_value(handle);
        });
        Effect::new(move |_| {
            let RunState::Done(fit) = self.runner.state.get() else {
                return;
            };
            let new = self
                .kept_fit
                .with_value(|k| !k.as_ref().is_some_and(|k| Arc::ptr_eq(k, &fit)));
            if new {
                self.kept_fit.set_value(Some(fit.clone()));
                self.write(RESULT_KEY, Some(encode_fit(&fit)));
            }
        });
    }

    fn cancel_pending(self) {
        if let Some(handle) = self.pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    }

    /// "Forget my runs": empties the panel and removes everything it kept.
    pub fn forget(self) {
        self.cancel_pending();
        self.runner.cancel();
        self.runner.state.set(RunState::Idle);
        self.kept_fit.set_value(None);
        self.show(&PanelInput::default());
        let removed = browser::remove(INPUT_KEY).and_then(|()| browser::remove(RESULT_KEY));
        match removed {
            Ok(()) => self.note.set(Some(("forgotten", fit::forgotten))),
            Err(problem) => self.report(problem),
        }
    }
}
