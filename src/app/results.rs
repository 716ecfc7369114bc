//! The results: one row per law, the Kaplan-vs-Chinchilla comparison, the data-constrained
//! optimum, and copies of the table as Markdown or CSV.

use leptos::prelude::*;

use crate::law::quantity::{format_count, format_flops};
use crate::permalink::Config;
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
    let table = Memo::new(move |_| plan.with(|p| config.with(|c| table(p, c))));
    let status = RwSignal::new(String::new());
    let caption = move || {
        plan.with(|p| match (p.flops, &p.budget_error) {
            (_, Some(e)) => format!("No budget: {e}"),
            (Some(c), None) => format!(
                "Compute-optimal allocation at C = {} FLOPs",
                format_flops(c)
            ),
            (None, None) => "Compute-optimal allocation for your question".to_string(),
        })
    };
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
                                <tr data-law=row.id.clone()>
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
            <Summaries plan=plan />
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
fn Summaries(plan: Memo<Plan>) -> impl IntoView {
    let kc = move || {
        plan.with(|p| {
            p.kaplan_vs_chinchilla.map(|r| {
                format!(
                    "Kaplan's rule picks {:.2}× the parameters and {:.2}× the tokens of Chinchilla's.",
                    r.params_ratio, r.tokens_ratio
                )
            })
        })
    };
    let penalty = move || {
        plan.with(|p| {
            let judge = p.judge.as_ref()?;
            let j = p.values("kaplan2020")?.judged?;
            Some(format!(
                "Under {}, following Kaplan costs {:+.3} nats/token of loss: like throwing away {:.0} % of the compute (the optimum reaches that loss with {} FLOPs).",
                judge.name,
                j.loss_penalty(),
                100.0 * j.wasted_fraction(),
                format_flops(j.equivalent_flops)
            ))
        })
    };
    let data = move || {
        plan.with(|p| match &p.data_constrained {
            Some(Ok(a)) => Some(format!(
                "With {} unique tokens (Muennighoff et al. 2023): {} parameters on {} tokens ({:.2} epochs), loss {:.3}.",
                format_count(a.unique_tokens),
                format_count(a.n_params),
                format_count(a.n_tokens),
                a.epochs,
                a.loss
            )),
            Some(Err(e)) => Some(format!("Data-constrained optimum: {e}")),
            None => None,
        })
    };
    view! {
        <ul class="summaries">
            {move || kc().map(|t| view! { <li class="highlight" id="kaplan-vs-chinchilla">{t}</li> })}
            {move || penalty().map(|t| view! { <li class="highlight" id="kaplan-penalty">{t}</li> })}
            {move || data().map(|t| view! { <li id="data-constrained">{t}</li> })}
        </ul>
    }
}
