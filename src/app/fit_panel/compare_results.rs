//! Approaches 2 and 3 fitted to the same runs, side by side: the exponent a of N_opt ∝ C^a and
//! N_opt, D_opt at the page's budget, each with its bootstrap interval (rows from
//! `fit::compare_rows`; this component only renders them).

use std::sync::Arc;

use leptos::prelude::*;

use super::fit_results::allocation_at;
use super::fit_runner::CompareOutcome;
use crate::app::lang::use_lang;
use crate::fit::jobs::compare_job::COMPARED;
use crate::fit::ApproachReport;
use crate::i18n::fit as cat;
use crate::permalink::Config;
use crate::plan::fit_compare::{compare_caption, compare_rows, CompareRow};

fn row(r: CompareRow) -> impl IntoView {
    view! {
        <tr data-coef=r.key>
            <th scope="row">{r.label}</th>
            {r.cells.into_iter().enumerate().map(|(i, (estimate, interval))| {
                let approach = COMPARED.get(i).map_or(0, |a| a.number()).to_string();
                view! {
                    <td class="estimate" data-approach=approach.clone()>{estimate}</td>
                    <td class="interval" data-approach=approach>{interval}</td>
                }
            }).collect_view()}
        </tr>
    }
}

/// The comparison of `outcome`, following the page's budget.
#[component]
pub fn CompareResultView(outcome: Arc<CompareOutcome>, config: RwSignal<Config>) -> impl IntoView {
    let lang = use_lang();
    let (runs, elapsed_ms, resamples) = (outcome.runs, outcome.elapsed_ms, outcome.resamples);
    let caption = move || compare_caption(runs, elapsed_ms, resamples, lang.get());
    let approaches: Vec<_> = outcome.reports.iter().map(|r| r.approach).collect();
    let headers = move || {
        let lang = lang.get();
        approaches
            .iter()
            .map(|a| {
                view! {
                    <th scope="col">{a.title_in(lang)}</th>
                    <th scope="col">{cat::interval(lang)}</th>
                }
            })
            .collect_view()
    };
    let rows = move || {
        let flops = config.with(|c| c.flops);
        let reports: Vec<&ApproachReport> = outcome.reports.iter().collect();
        compare_rows(&reports, flops, lang.get())
            .into_iter()
            .map(row)
            .collect_view()
    };
    view! {
        <div class="fit-results" id="fit-compare-block">
            <table id="fit-compare">
                <caption>
                    {caption}
                    <span class="fit-budget">{move || allocation_at(lang.get(), config.with(|c| c.flops))}</span>
                </caption>
                <thead>
                    <tr><th scope="col">{move || cat::quantity(lang.get())}</th>{headers}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
