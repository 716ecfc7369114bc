//! Browser tests of the "Fit your runs" panel, mounted alone in headless Chromium: a fit of
//! synthetic runs driven slice by slice to the end, bad input, and cancelling.
#![cfg(target_arch = "wasm32")]

use isoflop::app::fit_panel::FitPanel;
use isoflop::fit::runs::example::example_csv;
use isoflop::fit::{parse_runs, FitJob, FitOptions, FitOutcome};
use isoflop::permalink::Config;
use isoflop::saved::last_fit::{encode_fit, RESULT_KEY};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Mounts the panel alone on `config` in a fresh container, with nothing kept from another test.
fn mount(config: RwSignal<Config>) -> HtmlElement {
    storage().clear().unwrap();
    mount_keeping(config)
}

/// Mounts the panel alone on `config` in a fresh container, over what this browser keeps.
fn mount_keeping(config: RwSignal<Config>) -> HtmlElement {
    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    leptos::mount::mount_to(
        container.clone(),
        move || view! { <FitPanel config=config /> },
    )
    .forget();
    container
}

fn find(container: &HtmlElement, selector: &str) -> web_sys::Element {
    container
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element {selector}"))
}

fn text_of(container: &HtmlElement, selector: &str) -> String {
    find(container, selector).text_content().unwrap_or_default()
}

fn input_event() -> web_sys::Event {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    web_sys::Event::new_with_event_init_dict("input", &init).unwrap()
}

fn paste(container: &HtmlElement, text: &str) {
    let area: HtmlTextAreaElement = find(container, "#fit-data").unchecked_into();
    area.set_value(text);
    area.dispatch_event(&input_event()).unwrap();
}

fn type_into(container: &HtmlElement, selector: &str, text: &str) {
    let input: HtmlInputElement = find(container, selector).unchecked_into();
    input.set_value(text);
    input.dispatch_event(&input_event()).unwrap();
}

fn click(container: &HtmlElement, selector: &str) {
    find(container, selector)
        .unchecked_into::<HtmlElement>()
        .click();
}

fn state(container: &HtmlElement) -> String {
    find(container, "#fit-status")
        .get_attribute("data-state")
        .unwrap_or_default()
}

/// Yields to the event loop for about `ms` milliseconds (the fit's slices run meanwhile).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until the fit leaves the running state (at most 60 s) and returns the final state.
async fn wait_for_end(container: &HtmlElement) -> String {
    for _ in 0..3000 {
        sleep(20).await;
        let s = state(container);
        if s != "running" {
            return s;
        }
    }
    panic!("the fit did not finish within 60 s");
}

fn estimate(container: &HtmlElement, coef: &str) -> f64 {
    let text = text_of(container, &format!("tr[data-coef=\"{coef}\"] td.estimate"));
    text.parse()
        .unwrap_or_else(|_| panic!("{coef} estimate {text:?} is not a number"))
}

/// The panel reads pasted runs and hands the fit to its web workers. This harness serves no
/// worker (the fit itself, its intervals and "Use this fit" are checked end to end against the
/// built page, e2e/fit.test.mjs): the panel must say the fitter could not run, not hang.
#[wasm_bindgen_test]
async fn a_pasted_dataset_is_read_and_a_fitter_that_cannot_load_is_said() {
    let c = mount(RwSignal::new(Config::default()));
    paste(&c, &example_csv(3));
    type_into(&c, "#fit-bootstrap", "40");
    sleep(0).await;
    let rows = find(&c, "#fit-rows");
    assert_eq!(rows.get_attribute("data-used").as_deref(), Some("48"));
    assert_eq!(rows.get_attribute("data-unusable").as_deref(), Some("0"));
    assert!(text_of(&c, ".fit-mapping").contains("“params” (column 1)"));

    click(&c, "#fit-run");
    sleep(0).await;
    assert_eq!(state(&c), "running", "{}", text_of(&c, "#fit-status"));
    assert_eq!(wait_for_end(&c).await, "failed");
    assert!(
        text_of(&c, "#fit-status").contains("the fitter could not run in this browser"),
        "{}",
        text_of(&c, "#fit-status")
    );
    assert_eq!(
        find(&c, "#fit-progress")
            .get_attribute("data-workers")
            .as_deref(),
        Some("0"),
        "a worker that failed is not kept"
    );
    assert!(c.query_selector("#fit-results").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn bad_rows_and_bad_options_are_named_not_fitted() {
    let c = mount(RwSignal::new(Config::default()));
    paste(
        &c,
        "params,tokens,loss\n1e9,2e10,2.5\nabc,2e10,2.5\n1e9,-3,2.4\n",
    );
    sleep(0).await;
    assert!(text_of(&c, "#fit-skipped li[data-line=\"3\"]")
        .contains("line 3: params \"abc\" is not a number"));
    assert!(text_of(&c, "#fit-skipped li[data-line=\"4\"]").contains("positive"));
    click(&c, "#fit-run");
    sleep(0).await;
    assert_eq!(state(&c), "failed");
    assert!(text_of(&c, "#fit-status").contains("too few usable rows: 1, need at least 6"));

    paste(&c, &example_csv(1));
    type_into(&c, "#fit-delta", "-1");
    type_into(&c, "#fit-bootstrap", "5000");
    sleep(0).await;
    assert!(text_of(&c, "#fit-delta-msg").contains("δ must be a positive number"));
    assert!(text_of(&c, "#fit-bootstrap-msg").contains("from 0 to 4000"));
    assert_eq!(
        find(&c, "#fit-delta")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    click(&c, "#fit-run");
    sleep(0).await;
    assert_eq!(state(&c), "failed");
    assert!(text_of(&c, "#fit-status").contains("δ"));

    // Every loss equal: a typed reason, not NaN.
    type_into(&c, "#fit-delta", "1e-3");
    type_into(&c, "#fit-bootstrap", "0");
    let flat: String = std::iter::once("n,d,loss\n".to_string())
        .chain((1..=8).map(|i| format!("{}e8,{}e10,2.5\n", i, 9 - i)))
        .collect();
    paste(&c, &flat);
    sleep(0).await;
    click(&c, "#fit-run");
    sleep(0).await;
    assert_eq!(state(&c), "failed");
    assert!(text_of(&c, "#fit-status").contains("all losses are equal"));
    assert!(!c.text_content().unwrap_or_default().contains("NaN"));
}

#[wasm_bindgen_test]
async fn cancel_stops_the_fit_for_good() {
    let c = mount(RwSignal::new(Config::default()));
    paste(&c, &example_csv(2));
    click(&c, "#fit-run");
    sleep(0).await;
    assert_eq!(state(&c), "running");
    click(&c, "#fit-cancel");
    sleep(0).await;
    assert_eq!(state(&c), "cancelled");
    assert_eq!(
        find(&c, "#fit-progress")
            .get_attribute("data-workers")
            .as_deref(),
        Some("0"),
        "Cancel stops every worker"
    );
    // Whatever the stopped workers would have said (here: that they could not load) is not
    // heard any more.
    sleep(300).await;
    assert_eq!(state(&c), "cancelled", "something ran after Cancel");
    assert!(c.query_selector("#fit-results").unwrap().is_none());
}

/// A panel made later (as after a reload) shows what the last one kept: the runs, the options
/// and the fit, without fitting again; "Forget my runs" then removes all of it.
#[wasm_bindgen_test]
async fn a_new_panel_shows_what_the_last_one_kept() {
    let first = mount(RwSignal::new(Config::default()));
    paste(&first, &example_csv(5));
    type_into(&first, "#fit-bootstrap", "0");
    type_into(&first, "#fit-seed", "3");
    sleep(400).await; // the inputs are kept after a pause in typing
                      // The fit a worker would have finished, kept as the panel keeps it.
    let runs = parse_runs(&example_csv(5)).unwrap().runs;
    let options = FitOptions {
        seed: 3,
        ..FitOptions::default()
    };
    let report = FitJob::new(&runs, &options).unwrap().run_to_end().unwrap();
    let alpha = report.fit.params.alpha;
    let kept = encode_fit(&FitOutcome {
        report,
        runs,
        options,
        elapsed_ms: 12.0,
    });
    storage().set_item(RESULT_KEY, &kept).unwrap();

    let second = mount_keeping(RwSignal::new(Config::default()));
    sleep(0).await;
    let text = |c: &HtmlElement| {
        find(c, "#fit-data")
            .unchecked_into::<HtmlTextAreaElement>()
            .value()
    };
    let value =
        |c: &HtmlElement, id: &str| find(c, id).unchecked_into::<HtmlInputElement>().value();
    assert_eq!(text(&second), example_csv(5));
    assert_eq!(value(&second, "#fit-bootstrap"), "0");
    assert_eq!(value(&second, "#fit-seed"), "3");
    assert_eq!(state(&second), "done");
    // The kept α, shown to four figures.
    assert!((estimate(&second, "alpha") - alpha).abs() < 1e-4);
    assert_eq!(
        find(&second, "#fit-kept-msg")
            .get_attribute("data-state")
            .as_deref(),
        Some("restored")
    );

    click(&second, "#fit-forget");
    sleep(400).await;
    assert_eq!(text(&second), "");
    assert!(second.query_selector("#fit-results").unwrap().is_none());
    assert_eq!(storage().length().unwrap(), 0, "nothing kept after Forget");
}
