//! "Fit your runs": paste or upload training runs, fit L(N, D) = E + A/N^α + B/D^β (Approach 3
//! of Hoffmann et al. 2022) in slices that never freeze the page, read the coefficients with
//! bootstrap intervals, and use the fit as the law `fit` on the page. The runs, the options and
//! the last fit are kept in this browser's storage until "Forget my runs" (`fit_store`).

use leptos::prelude::*;

mod compare_results;
mod fit_data;
mod fit_form;
mod fit_results;
mod fit_runner;
mod fit_store;
mod sweep_results;
mod workers;

use crate::app::field::Field;
use crate::app::lang::use_lang;
use crate::fit::approaches::holdout::held_out_lines;
use crate::fit::jobs::options::FieldError;
use crate::fit::runs::example::{example_csv, example_description};
use crate::fit::runs::{read_envelope_with, read_input_with};
use crate::fit::{availability, envelope_availability, Approach, Method, Progress};
use crate::i18n::fit as cat;
use crate::i18n::Lang;
use crate::permalink::Config;
use compare_results::CompareResultView;
use fit_data::DataSummary;
use fit_form::FitForm;
use fit_results::FitResultView;
use fit_runner::Failure;
pub use fit_runner::{RunState, Runner};
use sweep_results::SweepResultView;

/// The fit panel; "Use this fit" writes `config.fit` and adds the law `fit` to `config.laws`.
#[component]
pub fn FitPanel(config: RwSignal<Config>) -> impl IntoView {
    let lang = use_lang();
    let text = RwSignal::new(String::new());
    let form = FitForm::new(config.with_untracked(|c| c.fixed));
    let runner = Runner::new();
    let kept = fit_store::Kept::restore_and_follow(text, form, runner);
    let file_msg = RwSignal::new(None::<String>);
    let dataset = Memo::new(move |_| {
        let k = form.drop_value().unwrap_or(0);
        let chosen = form.columns_value().unwrap_or_default();
        text.with(|t| read_input_with(t, k, &chosen))
    });
    // Envelope points (C, N_opt[, D_opt], no loss) for Approach 1, when that is what was pasted.
    let envelope = Memo::new(move |_| {
        let chosen = form.columns_value().unwrap_or_default();
        text.with(|t| read_envelope_with(t, &chosen))
    });

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        let name = file.name();
        file_msg.set(Some(cat::reading_file(lang.get_untracked(), &name)));
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(value) => match value.as_string() {
                    Some(s) => {
                        text.set(s);
                        file_msg.set(Some(cat::loaded_file(lang.get_untracked(), &name)));
                    }
                    None => file_msg.set(Some(cat::not_text_file(lang.get_untracked(), &name))),
                },
                Err(_) => file_msg.set(Some(cat::unreadable_file(lang.get_untracked(), &name))),
            }
        });
    };
    let load_example = move |_| {
        text.set(example_csv(1));
        file_msg.set(Some(example_description(lang.get_untracked())));
    };
    // The runs and options of a fit of `approach` (`None`: the picker's), or the state that
    // says what to fix first.
    let prepare = move |approach: Option<Approach>| {
        let flops = config.with_untracked(|c| c.flops);
        let options = match approach {
            Some(a) => form.options_as(a, flops),
            None => form.options(flops),
        };
        let options = match options {
            Ok(o) => o,
            Err(e) => {
                runner.state.set(RunState::Failed(Failure::Options(e)));
                return None;
            }
        };
        match dataset.get_untracked() {
            None => {
                runner.state.set(RunState::Failed(Failure::NoRuns));
                None
            }
            Some(Err(e)) => {
                runner.state.set(RunState::Failed(Failure::Fit(e)));
                None
            }
            Some(Ok(ds)) => Some((ds.runs, options)),
        }
    };
    let run = move |_| {
        if let Some((points, _)) = envelope.get_untracked() {
            let flops = config.with_untracked(|c| c.flops);
            match form.options_as(Approach::One, flops) {
                Ok(options) => runner.start_envelope(&points, options),
                Err(e) => runner.state.set(RunState::Failed(Failure::Options(e))),
            }
        } else if let Some((runs, options)) = prepare(None) {
            runner.start(runs, options);
        }
    };
    let compare = move |_| {
        if let Some((runs, options)) = prepare(Some(Approach::Three)) {
            runner.compare(runs, options);
        }
    };
    let running = move || matches!(runner.state.get(), RunState::Running { .. });
    let fraction = move || match runner.state.get() {
        RunState::Running { done, total } => Progress::Running { done, total }.fraction(),
        RunState::Done(_) | RunState::Swept(_) | RunState::Compared(_) => {
            Progress::Finished.fraction()
        }
        _ => 0.0,
    };
    let status = move || {
        let lang = lang.get();
        let done_in = |ms: f64| cat::done_in(lang, &format!("{ms:.0}"));
        match runner.state.get() {
            RunState::Idle => String::new(),
            RunState::Running { total: 0, .. } => cat::starting(lang).to_string(),
            RunState::Running { done, total } => cat::fitting(lang, &done, &total),
            RunState::Done(o) => done_in(o.elapsed_ms),
            RunState::Swept(o) => done_in(o.elapsed_ms),
            RunState::Compared(o) => done_in(o.elapsed_ms),
            RunState::Planned(_) => String::new(),
            RunState::Failed(why) => why.text(lang),
            RunState::Cancelled => cat::cancelled(lang).to_string(),
        }
    };
    let outcome = Memo::new(move |_| match runner.state.get() {
        RunState::Done(o) => Some(o),
        _ => None,
    });
    let swept = Memo::new(move |_| match runner.state.get() {
        RunState::Swept(o) => Some(o),
        _ => None,
    });
    let compared = Memo::new(move |_| match runner.state.get() {
        RunState::Compared(o) => Some(o),
        _ => None,
    });
    // Which approaches the runs allow, and why not (none until there are runs).
    let allowed = Memo::new(move |_| match envelope.get() {
        Some((points, _)) => Some(envelope_availability(&points)),
        None => dataset.with(|d| d.as_ref().and_then(|d| d.as_ref().ok()).map(availability)),
    });
    // Envelope points allow Approach 1 only, whatever the picker held before.
    let chosen = move || {
        if envelope.with(Option::is_some) {
            Approach::One
        } else {
            form.approach.get()
        }
    };
    let note = move |a: Approach| {
        let lang = lang.get();
        allowed.with(|v| v.as_ref().and_then(|v| v.note(a, lang)))
    };
    // Approaches 2 and 3 side by side when the runs allow both.
    let comparable = move || {
        allowed.with(|v| v.is_some())
            && note(Approach::Two).is_none()
            && note(Approach::Three).is_none()
    };
    let on_approach = move |ev: leptos::ev::Event| {
        let n = event_target_value(&ev).parse::<u8>().ok();
        form.approach
            .set(n.and_then(Approach::from_number).unwrap_or(Approach::Three));
    };
    let approach_options = Approach::ALL
        .into_iter()
        .map(|a| {
            view! {
                <option
                    value=a.number().to_string()
                    prop:selected=move || chosen() == a
                    prop:disabled=move || note(a).is_some()
                >{move || a.title_in(lang.get())}</option>
            }
        })
        .collect_view();
    let approach_notes = Approach::ALL
        .into_iter()
        .map(|a| {
            view! {
                <li data-approach=a.number().to_string() class="fit-approach-note" prop:hidden=move || note(a).is_none()>
                    {move || note(a).unwrap_or_default()}
                </li>
            }
        })
        .collect_view();

    let on_method = move |ev: leptos::ev::Event| {
        form.method
            .set(Method::parse(&event_target_value(&ev)).unwrap_or(Method::Global));
    };
    let err = move |f: fn(&FitForm) -> Option<FieldError>| {
        Signal::derive(move || f(&form).map(|e| e.text(lang.get())))
    };
    let t = move |key: fn(Lang) -> &'static str| move || key(lang.get());
    // Usable fixed coefficients go into the link at once; a bad field keeps the last good ones.
    let fixed_edited = Callback::new(move |_: String| {
        if let Ok(fixed) = form.constraints() {
            if config.with_untracked(|c| c.fixed != fixed) {
                config.update(|c| c.fixed = fixed);
            }
        }
    });
    let on_tie = move |ev: leptos::ev::Event| {
        form.tie.set(event_target_checked(&ev));
        fixed_edited.run(String::new());
    };
    let not_three = move || chosen() != Approach::Three;

    view! {
        <section id="fit" class="fit-panel" aria-labelledby="fit-title">
            <h2 id="fit-title">{t(cat::title)}</h2>
            <p class="fit-intro">
                {t(cat::intro_fit)} <sup>"α"</sup> " + B/D" <sup>"β"</sup>
                {t(cat::intro)}
            </p>
            <div class="field">
                <label for="fit-data">{t(cat::data_label)}</label>
                <textarea
                    id="fit-data"
                    rows="8"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder="params,tokens,loss\n70e6,1.4e9,3.61\n…"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    on:focus=move |_| runner.warm()
                    aria-describedby="fit-data-summary"
                ></textarea>
            </div>
            <div class="fit-input-actions">
                <div class="field">
                    <label for="fit-file">{t(cat::upload_label)}</label>
                    <input id="fit-file" type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
                        on:change=on_file on:click=move |_| runner.warm() />
                </div>
                <button type="button" id="fit-example" on:click=move |ev| { runner.warm(); load_example(ev) }>{t(cat::load_example)}</button>
                <p id="fit-file-msg" class="field-msg" aria-live="polite">{move || file_msg.get().unwrap_or_default()}</p>
            </div>
            <DataSummary dataset=dataset envelope=envelope />
            <fieldset class="fit-options">
                <legend>{t(cat::options)}</legend>
                <div class="field fit-option">
                    <label for="fit-approach">{t(cat::approach)}</label>
                    <select id="fit-approach" on:change=on_approach aria-describedby="fit-approach-notes">
                        {approach_options}
                    </select>
                    <ul id="fit-approach-notes" class="field-msg">{approach_notes}</ul>
                </div>
                <div class="field fit-option">
                    <label for="fit-method">{t(cat::method)}</label>
                    <select id="fit-method" on:change=on_method aria-describedby="fit-method-msg">
                        <option value="global" prop:selected=move || form.method.get() == Method::Global>{t(cat::method_global)}</option>
                        <option value="paper" prop:selected=move || form.method.get() == Method::Paper>{t(cat::method_paper)}</option>
                    </select>
                    <p id="fit-method-msg" class="field-msg">{t(cat::method_hint)}</p>
                </div>
                <div class="field fit-option">
                    <label for="fit-holdout">{t(cat::holdout)}</label>
                    <select id="fit-holdout" on:change=move |ev| form.holdout.set(event_target_value(&ev)) aria-describedby="fit-holdout-msg">
                        <option value="none" prop:selected=move || form.holdout.get() == "none">{t(cat::holdout_none)}</option>
                        <option value="largest-budget" prop:selected=move || form.holdout.get() == "largest-budget">{t(cat::holdout_largest)}</option>
                        <option value="0.2" prop:selected=move || form.holdout.get() == "0.2">{t(cat::holdout_fraction)}</option>
                    </select>
                    <p id="fit-holdout-msg" class="field-msg">{t(cat::holdout_hint)}</p>
                </div>
                {move || {
                    let l = lang.get();
                    view! {
                        <Field id="fit-delta" label=cat::delta_label(l) value=form.delta class="field fit-option"
                            error=err(|f| f.delta_value().err()) hint=cat::delta_hint(l) />
                        <Field id="fit-drop" label=cat::drop_label(l) value=form.drop class="field fit-option"
                            error=err(|f| f.drop_value().err()) hint=cat::drop_hint(l) inputmode="numeric" />
                        <Field id="fit-bootstrap" label=cat::bootstrap_label(l) value=form.bootstrap class="field fit-option"
                            error=err(|f| f.bootstrap_value().err()) hint=cat::bootstrap_hint(l) inputmode="numeric" />
                        <Field id="fit-seed" label=cat::seed_label(l) value=form.seed class="field fit-option"
                            error=err(|f| f.seed_value().err()) hint=cat::seed_hint(l) inputmode="numeric" />
                        <Field id="fit-columns" label=cat::columns_label(l) value=form.columns class="field fit-option fit-columns"
                            error=err(|f| f.columns_value().err()) hint=cat::columns_hint(l) />
                    }
                }}
                <fieldset id="fit-fixed" class="fit-fixed" prop:disabled=not_three>
                    <legend>{t(cat::fixed_legend)}</legend>
                    {move || {
                        let l = lang.get();
                        view! {
                            <Field id="fit-fix-alpha" label=cat::fix_alpha(l) value=form.fix_alpha class="field fit-option"
                                error=err(FitForm::fix_alpha_error) hint=cat::fixed_exponent_hint(l) on_input=fixed_edited />
                            <Field id="fit-fix-beta" label=cat::fix_beta(l) value=form.fix_beta class="field fit-option"
                                error=err(FitForm::fix_beta_error) hint=cat::fixed_exponent_hint(l) on_input=fixed_edited />
                            <Field id="fit-fix-e" label=cat::fix_e(l) value=form.fix_e class="field fit-option"
                                error=err(FitForm::fix_e_error) hint=cat::fixed_e_hint(l) on_input=fixed_edited />
                        }
                    }}
                    <div class="field fit-option">
                        <label class="fit-tie-label">
                            <input type="checkbox" id="fit-tie" prop:checked=move || form.tie.get() on:change=on_tie
                                aria-describedby="fit-tie-msg" />
                            {t(cat::tie)}
                        </label>
                        <p id="fit-tie-msg" class=move || if form.tie_error().is_some() { "field-msg error" } else { "field-msg" } aria-live="polite">
                            {move || form.tie_error().map_or_else(|| cat::tie_hint(lang.get()).to_string(), |e| e.text(lang.get()))}
                        </p>
                    </div>
                </fieldset>
            </fieldset>
            <div class="fit-run">
                <button type="button" id="fit-run" on:click=run disabled=running>{t(cat::run_fit)}</button>
                <button type="button" id="fit-compare" on:click=compare
                    disabled=move || running() || !comparable()
                    title=t(cat::compare_title)>{t(cat::compare)}</button>
                <button type="button" id="fit-cancel" on:click=move |_| runner.cancel() disabled=move || !running()>{t(cat::cancel)}</button>
                <label for="fit-progress" class="fit-progress-label">{t(cat::progress)}</label>
                <progress
                    id="fit-progress"
                    max="1"
                    value=move || fraction().to_string()
                    data-workers=move || runner.workers.get().to_string()
                ></progress>
                <p
                    id="fit-status"
                    data-state=move || runner.state.with(RunState::id)
                    class=move || if matches!(runner.state.get(), RunState::Failed(_)) { "field-msg error" } else { "field-msg" }
                    role="status"
                >{status}</p>
            </div>
            <div class="fit-kept">
                <button type="button" id="fit-forget" on:click=move |_| { kept.forget(); file_msg.set(None); }>{t(cat::forget)}</button>
                <p id="fit-kept-msg" class="field-msg" role="status"
                    data-state=move || kept.note.with(|n| n.as_ref().map_or("", |(id, _)| id))>
                    {move || kept.note.with(|n| n.as_ref().map_or("", |(_, m)| m(lang.get())))}
                </p>
            </div>
            {move || outcome.get().map(|o| view! { <FitResultView outcome=o config=config /> })}
            {move || swept.get().map(|o| view! { <SweepResultView outcome=o config=config /> })}
            {move || compared.get().map(|o| view! { <CompareResultView outcome=o config=config /> })}
            {move || runner.held_out.get().filter(|_| runner.state.with(RunState::id) == "done").map(|check| held_out_lines(&check, lang.get())).map(|lines| view! {
                <div id="fit-held-out" class="fit-held-out">
                    <h3>{t(cat::held_out_title)}</h3>
                    <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                </div>
            })}
        </section>
    }
}
