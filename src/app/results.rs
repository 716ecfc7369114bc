//! The results: one row per law, the Kaplan-vs-Chinchilla comparison, the data-constrained
//! optimum, and copies of the table as Markdown or CSV.

use leptos::prelude::*;

use crate::permalink::Config;
use crate::plan::summary;
use crate::plan::table::{table, Table};
use crate::plan::Plan;

/// Copies `text` to the clipboard; the status says whether it worked.
pub fn copy_text(text: String, status: RwSignal<String>, what: &'static str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window.navigator().clipboard().write_text(&text);
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => status.set(format!("Copied {what}.")),
            Err(_) => status.set(format!("Could not copy {what}: the browser refused.")),
        }
    });
}

/// The results table and its summaries.
#[component]
pub fn Results(config: RwSignal<Config>, plan: Memo<Plan>) -> impl IntoView {
    let lang = super::lang::use_lang();
    let table = Memo::new(move |_| plan.with(|p| table(p, lang.get())));
    let status = RwSignal::new(String::new());
    let caption = move || plan.with(|p| summary::caption(p, lang.get()));
    view! {
        <section class="results" aria-labelledby="results-title">
            <h2 id="results-title">"Results"</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Results table (scrolls sideways on narrow screens)">
                <table id="results">
                    <caption>{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Law"</th>
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
                <button type="button" id="copy-markdown" on:click=move |_| copy_text(table.with(Table::markdown), status, "the table as Markdown")>"Copy as Markdown"</button>
                <button type="button" id="copy-csv" on:click=move |_| copy_text(table.with(Table::csv), status, "the table as CSV")>"Copy as CSV"</button>
                <span class="status" role="status">{move || status.get()}</span>
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
    let lang = super::lang::use_lang();
    view! {
        <ul class="summaries">
            {move || plan.with(|p| summary::kaplan_vs_chinchilla(p, lang.get())).map(|t| view! {
                <li class="highlight" id="kaplan-vs-chinchilla">{t}" "<a href="#why" id="why-link" on:click=why>"Why do they differ?"</a></li>
            })}
            {move || plan.with(|p| summary::kaplan_penalty(p, lang.get())).map(|t| view! { <li class="highlight" id="kaplan-penalty">{t}</li> })}
            {move || plan.with(|p| summary::data_constrained(p, lang.get())).map(|t| view! { <li id="data-constrained">{t}</li> })}
        </ul>
    }
}
