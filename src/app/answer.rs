//! The answer at a glance: one card per law with the figures a reader came for (N, D, D/N, C
//! when the question leaves it to the law, the time on the hardware), in large type, and the
//! sentences that compare them. The figures are the results table's own cells, so the two
//! never disagree.

use leptos::prelude::*;

use super::lang::use_lang;
use crate::chart::style::{hex, law_color};
use crate::i18n::results as t;
use crate::permalink::Config;
use crate::plan::summary;
use crate::plan::table::{Table, TableRow};
use crate::plan::Plan;

/// The law's colour, as its lines are drawn in the charts (an SVG swatch: the page's CSP
/// allows no inline styles).
fn swatch(row: &TableRow) -> impl IntoView {
    let colour = hex(law_color(row.id));
    view! {
        <svg class="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
            <rect width="12" height="12" rx="2" fill=colour></rect>
        </svg>
    }
}

/// One law's card.
fn card(table: &Table, row: &TableRow, note: usize) -> impl IntoView {
    let figures = table
        .glance
        .iter()
        .filter_map(|id| table.position(*id).map(|i| (*id, i)))
        .map(|(id, i)| {
            let cell = &row.cells[i];
            let value = match &cell.reading {
                Some((si, zh)) => {
                    view! { {si.clone()}<span class="reading">{zh.clone()}</span> }.into_any()
                }
                None => cell.text.clone().into_any(),
            };
            view! {
                <div class=format!("figure {}", id.id())>
                    <dt>{table.columns[i].header.clone()}</dt>
                    <dd title=cell.title.clone()>{value}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <article class="card" data-law=row.id.as_str()>
            <h3 class="card-law" title=row.citation.clone()>
                {swatch(row)}
                <span>{row.name.clone()}</span>
                <sup><a href=format!("#cite-{}", row.id.as_str()) class="cite-mark">{note}</a></sup>
            </h3>
            {match &row.error {
                Some(e) => view! { <p class="card-error">{e.clone()}</p> }.into_any(),
                None => view! { <dl class="figures">{figures}</dl> }.into_any(),
            }}
        </article>
    }
}

/// The cards, their caption and the sentences beside them.
#[component]
pub fn Answer(config: RwSignal<Config>, plan: Memo<Plan>, table: Memo<Table>) -> impl IntoView {
    let lang = use_lang();
    let caption = move || plan.with(|p| summary::caption(p, lang.get()));
    view! {
        <section class="answer-glance" aria-labelledby="answer-caption">
            <p class="answer-caption" id="answer-caption">{caption}</p>
            <div class="cards" id="answer-cards">
                {move || table.with(|t| t.rows.iter().enumerate().map(|(i, row)| card(t, row, i + 1)).collect_view())}
            </div>
            <Summaries config=config plan=plan />
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
