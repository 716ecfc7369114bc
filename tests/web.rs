//! Browser tests: the page component mounted in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use isoflop::app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts the app in a fresh container and returns it.
fn mount() -> HtmlElement {
    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    leptos::mount::mount_to(container.clone(), App).forget();
    container
}

fn type_budget(container: &HtmlElement, text: &str) {
    let input: HtmlInputElement = container
        .query_selector("#budget")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value(text);
    let event = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    input.dispatch_event(&event).unwrap();
}

fn cell(container: &HtmlElement, law: &str, class: &str) -> String {
    container
        .query_selector(&format!("tr[data-law=\"{law}\"] td.{class}"))
        .unwrap()
        .unwrap_or_else(|| panic!("no cell {law} {class}"))
        .text_content()
        .unwrap_or_default()
}

async fn tick() {
    // Let Leptos run its effects (they are scheduled as microtasks).
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL))
        .await
        .unwrap();
}

/// Typing 1e21 shows App. D.4's Kaplan-optimal size, 4.68B (Hoffmann et al. 2022).
#[wasm_bindgen_test]
async fn typing_a_budget_updates_the_table() {
    let container = mount();
    type_budget(&container, "1e21");
    tick().await;
    assert_eq!(cell(&container, "kaplan2020", "n-params"), "4.68B");
    // Chinchilla Approach 1 at 1e21: App. D.4 prints 2.86B; the page shows the law's value.
    let law = isoflop::law::Law::chinchilla_approach1();
    let n = isoflop::law::optimal_allocation(&law, 1e21)
        .unwrap()
        .n_params;
    assert!((n / 2.86e9 - 1.0).abs() < 0.01, "{n}");
    assert_eq!(
        cell(&container, "chinchilla-a1", "n-params"),
        isoflop::law::quantity::format_count(n)
    );

    // An invalid budget leaves the last good results and says what is wrong.
    type_budget(&container, "-3");
    tick().await;
    assert_eq!(cell(&container, "kaplan2020", "n-params"), "4.68B");
    let msg = container
        .query_selector("#budget-msg")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(msg.contains("positive"), "{msg}");
    container.remove();
}
