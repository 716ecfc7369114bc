//! The page: Leptos components, thin. They read signals, call `law` and `chart`, and render.

mod canvas;
mod frontier_chart;
mod panic_banner;

use std::time::Duration;

use leptos::prelude::*;

use crate::law::quantity::{format_count, parse_flops};
use crate::law::{optimal_allocation, preset};
use crate::permalink::{self, Config};
use frontier_chart::FrontierChart;

/// How long the address bar waits for typing to pause before it follows the page.
const URL_DEBOUNCE: Duration = Duration::from_millis(250);

/// Installs the panic hooks and mounts the page on `<body>`.
pub fn start() {
    panic_banner::install();
    leptos::mount::mount_to_body(App);
}

/// The whole calculator.
#[component]
pub fn App() -> impl IntoView {
    let decoded = permalink::decode(&permalink::browser::current_query());
    let notices = decoded.notices;
    let config = RwSignal::new(decoded.config);
    sync_url(config);

    view! {
        <header>
            <h1>"isoflop"</h1>
            <p class="tagline">"Compute-optimal model size and data for a training budget, under each published scaling law."</p>
        </header>
        <main>
            {(!notices.is_empty()).then(|| view! {
                <div class="notice" role="status" id="link-notice">
                    <p>"Parts of this link could not be used:"</p>
                    <ul>{notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                </div>
            })}
            <BudgetInput config=config />
            <ResultsTable config=config />
            <FrontierChart config=config />
        </main>
        <footer>
            <p>"Runs entirely in your browser. Sources: Kaplan et al. 2020 (arXiv:2001.08361); Hoffmann et al. 2022 (arXiv:2203.15556)."</p>
        </footer>
    }
}

/// Keeps the address bar on the current configuration, without a history entry per keystroke.
fn sync_url(config: RwSignal<Config>) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let query = config.with(permalink::encode);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || permalink::browser::replace_query(&query),
            URL_DEBOUNCE,
        )
        .ok();
        pending.set_value(handle);
    });
}

/// The compute budget field. Only a valid budget reaches the configuration, so the results
/// keep the last good value while the field says what is wrong.
#[component]
fn BudgetInput(config: RwSignal<Config>) -> impl IntoView {
    let initial = permalink::number(config.get_untracked().flops);
    let text = RwSignal::new(initial.clone());
    let error = Memo::new(move |_| text.with(|t| parse_flops(t).err().map(|e| e.to_string())));
    let on_input = move |ev| {
        let typed = event_target_value(&ev);
        if let Ok(flops) = parse_flops(&typed) {
            config.update(|c| c.flops = flops);
        }
        text.set(typed);
    };
    view! {
        <div class="field">
            <label for="budget">"Compute budget (FLOPs)"</label>
            <input
                id="budget"
                name="flops"
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                value=initial
                on:input=on_input
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby="budget-msg"
            />
            <p id="budget-msg" class=move || if error.with(Option::is_some) { "field-msg error" } else { "field-msg" } aria-live="polite">
                {move || error.get().unwrap_or_else(|| "e.g. 1e21, 5.76e23 or 5.76×10^23".to_string())}
            </p>
        </div>
    }
}

/// One row per law: N, D and D/N at the budget.
#[component]
fn ResultsTable(config: RwSignal<Config>) -> impl IntoView {
    let rows = Memo::new(move |_| {
        let (flops, ids) = config.with(|c| (c.flops, c.laws.clone()));
        ids.iter()
            .filter_map(|id| preset(id))
            .map(|law| {
                let cells = match optimal_allocation(&law, flops) {
                    Ok(a) => [
                        format_count(a.n_params),
                        format_count(a.n_tokens),
                        format!("{:.1}", a.tokens_per_param()),
                    ],
                    Err(_) => ["—".to_string(), "—".to_string(), "—".to_string()],
                };
                (
                    law.id.to_string(),
                    law.name.to_string(),
                    law.citation.to_string(),
                    cells,
                )
            })
            .collect::<Vec<_>>()
    });
    view! {
        <table id="results">
            <caption>{move || format!("Compute-optimal allocation at C = {} FLOPs", crate::law::quantity::format_flops(config.with(|c| c.flops)))}</caption>
            <thead>
                <tr><th scope="col">"Law"</th><th scope="col">"Parameters N"</th><th scope="col">"Tokens D"</th><th scope="col">"Tokens per parameter"</th></tr>
            </thead>
            <tbody>
                {move || rows.get().into_iter().map(|(id, name, citation, [n, d, ratio])| view! {
                    <tr data-law=id>
                        <th scope="row"><span class="law-name">{name}</span><span class="citation">{citation}</span></th>
                        <td class="n-params">{n}</td>
                        <td class="n-tokens">{d}</td>
                        <td class="ratio">{ratio}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
