//! The results: one row per law, the Kaplan-vs-Chinchilla comparison, the data-constrained
//! optimum, and copies of the table as Markdown or CSV.

use leptos::prelude::*;

use super::lang::use_lang;
use crate::i18n::{results as t, Lang};
use crate::permalink::Config;
use crate::plan::summary;
use crate::plan::table::{table, Table};
use crate::plan::Plan;

/// What a copy button did: whether the copy worked, and what was copied (a catalog text), so the
/// status line follows the page's language.
#[derive(Clone, Copy)]
pub struct Copied {
    ok: bool,
    what: fn(Lang) -> &'static str,
}

impl Copied {
    /// The status line in `lang`.
    #[must_use]
    pub fn text(self, lang: Lang) -> String {
        let what = (self.what)(lang);
        if self.ok {
            t::copied(lang, &what)
        } else {
            t::copy_refused(lang, &what)
        }
    }
}

/// A copy status line for `status`, in the page's language.
pub fn status_text(status: RwSignal<Option<Copied>>) -> impl Fn() -> String + Copy {
    let lang = use_lang();
    move || status.get().map(|s| s.text(lang.get())).unwrap_or_default()
}

/// Copies `text` to the clipboard; the status says whether it worked.
pub fn copy_text(text: String, status: RwSignal<Option<Copied>>, what: fn(Lang) -> &'static str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window.navigator().clipboard().write_text(&text);
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => status.set(Some(Copied { ok: true, what })),
            Err(_) => status.set(Some(Copied { ok: false, what })),
        }
    });
}

/// The results table and its summaries.
#[component]
pub fn Results(config: RwSignal<Config>, plan: Memo<Plan>) -> impl IntoView {
    let lang = use_lang();
    let table = Memo::new(move |_| plan.with(|p| table(p, lang.get())));
    let status = RwSignal::new(None::<Copied>);
    let caption = move || plan.with(|p| summary::caption(p, lang.get()));
    view! {
        <section class="results" aria-labelledby="results-title">
            <h2 id="results-title">{move || t::title(lang.get())}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-label=move || t::table_region(lang.get())>
                <table id="results">
                    <caption>{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || t::law_header(lang.get())}</th>
                            {move || table.with(|t| t.columns.iter().map(|c| view! { <th scope="col" class=c.class>{c.header.clone()}</th> }).collect_view())}
                        </tr>
                    </thead>
                    <tbody>
                        {move || table.with(|t: &Table| t.rows.iter().map(|row| {
                            let classes: Vec<&'static str> = t.columns.iter().map(|c| c.class).collect();
                            view! {
                                <tr data-law=row.id.as_str()>
                                    <th scope="row"><span class="law-name">{row.name.clone()}</span><span class="citation">{row.citation.clone()}</span></th>
                                    {row.cells.iter().zip(classes).map(|(cell, class)| view! {
                                        <td class=class title=cell.title.clone()>{cell.text.clone()}</td>
                                    }).collect_view()}
                                </tr>
                            }
                        }).collect_view())}
                    </tbody>
                </table>
            </div>
            <Summaries config=config plan=plan />
            <div class="actions">
                <button type="button" id="copy-markdown" on:click=move |_| copy_text(table.with(Table::markdown), status, t::table_markdown_what)>
                    {move || t::copy_markdown(lang.get())}</button>
                <button type="button" id="copy-csv" on:click=move |_| copy_text(table.with(Table::csv), status, t::table_csv_what)>
                    {move || t::copy_csv(lang.get())}</button>
                <span class="status" role="status">{status_text(status)}</span>
            </div>
        </section>
    }
}

/// Kaplan vs Chinchilla in one sentence, Kaplan's penalty under the judge, and the
/// data-constrained optimum.
#[component]
fn Summaries(config: RwSignal<Config>, plan: Memo<Plan>) -> impl IntoView {
    let why = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        super::why::open_and_show(config);
    };
    let lang = use_lang();
    view! {
        <ul class="summaries">
            {move || plan.with(|p| summary::kaplan_vs_chinchilla(p, lang.get())).map(|t| view! {
                <li class="highlight" id="kaplan-vs-chinchilla">{t}" "<a href="#why" id="why-link" on:click=why>{move || t::why_link(lang.get())}</a></li>
            })}
            {move || plan.with(|p| summary::kaplan_penalty(p, lang.get())).map(|t| view! { <li class="highlight" id="kaplan-penalty">{t}</li> })}
            {move || plan.with(|p| summary::data_constrained(p, lang.get())).map(|t| view! { <li id="data-constrained">{t}</li> })}
        </ul>
    }
}
