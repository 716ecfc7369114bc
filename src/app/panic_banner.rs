//! If anything panics, say so on the page instead of going dead silently.

use wasm_bindgen::JsCast;

/// Logs panics to the console and shows the `#panic-banner` element from `index.html`.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(banner) = document
        .get_element_by_id("panic-banner")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        if let Some(detail) = document.get_element_by_id("panic-detail") {
            detail.set_text_content(Some(message));
        }
        banner.set_hidden(false);
    }
}
