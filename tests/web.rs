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

/// The text of the element at `selector` in the container.
fn text_at(container: &HtmlElement, selector: &str) -> String {
    container
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing at {selector}"))
        .text_content()
        .unwrap_or_default()
}

/// A cell of the full table.
fn cell(container: &HtmlElement, law: &str, class: &str) -> String {
    text_at(container, &format!("tr[data-law=\"{law}\"] td.{class}"))
}

/// A figure of a law's answer card (the first screen's answer at a glance).
fn card(container: &HtmlElement, law: &str, class: &str) -> String {
    text_at(container, &format!(".card[data-law=\"{law}\"] .{class} dd"))
}

/// Waits for the next frame to be painted and a task after it.
async fn frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let after = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 0);
        });
        web_sys::window()
            .unwrap()
            .request_animation_frame(after.unchecked_ref())
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Lets Leptos run its effects (microtasks), then lets two frames pass: what is below the first
/// screen (the full table, charts in sight) follows an edit just after the keystroke's frame.
async fn tick() {
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL))
        .await
        .unwrap();
    frame().await;
    frame().await;
}

/// Typing 1e21 shows App. D.4's Kaplan-optimal size, 4.68B (Hoffmann et al. 2022).
#[wasm_bindgen_test]
async fn typing_a_budget_updates_the_table() {
    let container = mount();
    type_budget(&container, "1e21");
    tick().await;
    assert_eq!(cell(&container, "kaplan2020", "n-params"), "4.68B");
    // The card says the same as the table.
    assert_eq!(card(&container, "kaplan2020", "n-params"), "4.68B");
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

fn set_field(container: &HtmlElement, id: &str, text: &str) {
    let input: HtmlInputElement = container
        .query_selector(&format!("#{id}"))
        .unwrap()
        .unwrap_or_else(|| panic!("no field #{id}"))
        .unchecked_into();
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

fn click(container: &HtmlElement, selector: &str) {
    let el: HtmlElement = container
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into();
    el.click();
}

fn rel(a: f64, b: f64) -> f64 {
    ((a - b) / b).abs()
}

fn count(text: &str) -> f64 {
    isoflop::law::quantity::parse_count(text).unwrap()
}

/// Each mode updates the table. Expected values: Kaplan App. A by hand, the
/// 10×-compute framing (10^0.73 = 5.37), and 1024 × 989e12 × 0.4 × 30 days for the H100 budget.
#[wasm_bindgen_test]
async fn each_mode_updates_the_table() {
    let c = mount();
    // Model size: the budget at which Kaplan picks 70B is 2·C_min with
    // C_min = (70e9/1.3e9)^(1/0.73) PF-days.
    click(&c, "#mode-params");
    tick().await;
    set_field(&c, "params", "70B");
    tick().await;
    let kaplan_c = 2.0 * 8.64e19 * (70e9f64 / 1.3e9).powf(1.0 / 0.73);
    let shown: f64 = cell(&c, "kaplan2020", "flops").parse().unwrap();
    assert!(rel(shown, kaplan_c) < 0.01, "{shown} vs {kaplan_c}");

    click(&c, "#mode-scale");
    tick().await;
    assert_eq!(cell(&c, "kaplan2020", "scale-n"), "5.37×");
    set_field(&c, "multiplier", "100");
    tick().await;
    assert_eq!(cell(&c, "kaplan2020", "scale-n"), "28.84×");

    click(&c, "#mode-hardware");
    tick().await;
    set_field(&c, "days", "30");
    tick().await;
    let budget = 1024.0 * 989e12 * 0.4 * 30.0 * 86400.0;
    let n = count(&cell(&c, "chinchilla-a1", "n-params"));
    let expected = isoflop::law::Law::chinchilla_approach1()
        .allocate(budget)
        .unwrap()
        .n_params;
    assert!(rel(n, expected) < 0.01, "{n} vs {expected}");
    assert_eq!(cell(&c, "chinchilla-a1", "days"), "30 days");

    click(&c, "#mode-loss");
    tick().await;
    set_field(&c, "target-loss", "2.2");
    tick().await;
    // Kaplan has a loss model (its Eq. 1.5), so it answers; Approach 1 has none.
    assert_eq!(cell(&c, "chinchilla-a1", "loss"), "—");
    c.remove();
}
