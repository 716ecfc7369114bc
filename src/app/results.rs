//! The results table: one row per law, its columns in groups the reader can hide, citations as
//! notes, and copies of the table as Markdown or CSV.

use leptos::prelude::*;

use super::lang::use_lang;
use crate::i18n::{results as t, Lang};
use crate::permalink::{ColumnId, Config};
use crate::plan::summary;
use crate::plan::table::Table;
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

/// The columns a reader can show or hide, by group, with a count of the hidden ones.
#[component]
fn ColumnPicker(
    config: RwSignal<Config>,
    table: Signal<Table>,
    hidden: Memo<Vec<ColumnId>>,
) -> impl IntoView {
    let lang = use_lang();
    let hidden_here = move || {
        table.with(|t| hidden.with(|h| t.columns.iter().filter(|col| h.contains(&col.id)).count()))
    };
    let groups = move || {
        table.with(|t| {
            t.groups
                .iter()
                .map(|(group, label)| {
                    let boxes = t
                        .columns
                        .iter()
                        .filter(|c| c.group == *group)
                        .map(|c| {
                            let id = c.id;
                            let input_id = format!("show-{}", id.id());
                            let label_for = input_id.clone();
                            view! {
                                <label class="check" for=label_for title=c.header.clone()>
                                    <input type="checkbox" id=input_id
                                        prop:checked=move || hidden.with(|h| !h.contains(&id))
                                        on:change=move |ev| config.update(|cfg| cfg.show_column(id, event_target_checked(&ev))) />
                                    {c.short}
                                </label>
                            }
                        })
                        .collect_view();
                    view! { <fieldset><legend>{label.clone()}</legend>{boxes}</fieldset> }
                })
                .collect_view()
        })
    };
    view! {
        <details class="column-picker" id="column-picker">
            <summary>{move || match hidden_here() {
                0 => t::columns_all(lang.get()).to_string(),
                n => t::columns_hidden(lang.get(), &n),
            }}</summary>
            <div class="column-groups">{groups}</div>
        </details>
    }
}

/// The whole table, law by law: its columns in groups (headings over short headers, the long
/// header on hover), the columns the reader hid left out (and out of the copies), each law's
/// citation as a numbered note below.
#[component]
pub fn Results(config: RwSignal<Config>, plan: Memo<Plan>, table: Memo<Table>) -> impl IntoView {
    let lang = use_lang();
    // Below the first screen: the table follows the answer just after the keystroke's frame.
    let table = super::timing::after_paint(table);
    // A narrow memo: a keystroke in the budget leaves the hidden columns as they are.
    let hidden = Memo::new(move |_| config.with(|c| c.hidden.clone()));
    let shown = Memo::new(move |_| table.with(|t| hidden.with(|h| t.without(h))));
    let status = RwSignal::new(None::<Copied>);
    let caption = move || plan.with(|p| summary::caption(p, lang.get()));
    // The group headings over the shown columns: one cell per run of columns of a group.
    let group_row = move || {
        shown.with(|t| {
            let mut runs: Vec<(String, usize)> = Vec::new();
            for column in &t.columns {
                let label = t
                    .groups
                    .iter()
                    .find(|(g, _)| *g == column.group)
                    .map(|(_, l)| l.clone())
                    .unwrap_or_default();
                match runs.last_mut() {
                    Some((last, n)) if *last == label => *n += 1,
                    _ => runs.push((label, 1)),
                }
            }
            runs.into_iter()
                .map(|(label, n)| view! { <th scope="colgroup" colspan=n>{label}</th> })
                .collect_view()
        })
    };
    view! {
        <details class="results" id="results-section" open>
            <summary><h2 id="results-title">{move || t::title(lang.get())}</h2></summary>
            <ColumnPicker config=config table=table hidden=hidden />
            <div class="table-wrap" tabindex="0" role="region" aria-label=move || t::table_region(lang.get())>
                <table id="results">
                    <caption>{caption}</caption>
                    <thead>
                        <tr class="groups"><td></td>{group_row}</tr>
                        <tr>
                            <th scope="col">{move || t::law_header(lang.get())}</th>
                            {move || shown.with(|t| t.columns.iter().map(|c| view! {
                                <th scope="col" class=c.class() title=c.header.clone()>{c.short}</th>
                            }).collect_view())}
                        </tr>
                    </thead>
                    <tbody>
                        {move || shown.with(|t: &Table| t.rows.iter().enumerate().map(|(i, row)| {
                            let classes: Vec<&'static str> = t.columns.iter().map(|c| c.class()).collect();
                            view! {
                                <tr data-law=row.id.as_str()>
                                    <th scope="row" title=row.citation.clone()>
                                        <span class="law-name">{row.name.clone()}</span>
                                        <sup><a href=format!("#cite-{}", row.id.as_str()) class="cite-mark">{i + 1}</a></sup>
                                    </th>
                                    {row.cells.iter().zip(classes).map(|(cell, class)| view! {
                                        <td class=class title=cell.title.clone()>{cell.text.clone()}</td>
                                    }).collect_view()}
                                </tr>
                            }
                        }).collect_view())}
                    </tbody>
                </table>
            </div>
            <ol class="citations" id="citations">
                {move || shown.with(|t| t.rows.iter().map(|row| view! {
                    <li id=format!("cite-{}", row.id.as_str())><span class="law-name">{row.name.clone()}</span>": "{row.citation.clone()}
                        <span class="uncertainty">" "{row.uncertainty.clone()}</span></li>
                }).collect_view())}
            </ol>
            <div class="actions">
                <button type="button" id="copy-markdown" on:click=move |_| copy_text(shown.with(Table::markdown), status, t::table_markdown_what)>
                    {move || t::copy_markdown(lang.get())}</button>
                <button type="button" id="copy-csv" on:click=move |_| copy_text(shown.with(Table::csv), status, t::table_csv_what)>
                    {move || t::copy_csv(lang.get())}</button>
                <span class="status" role="status">{status_text(status)}</span>
            </div>
        </details>
    }
}
