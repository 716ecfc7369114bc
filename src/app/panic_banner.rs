//! If anything panics, say so on the page instead of going dead silently, in the page's language.

use wasm_bindgen::JsCast;

use crate::i18n::{banner, Lang};

/// Logs panics to the console and shows the `#panic-banner` element from `index.html`.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

/// The page's language at the moment of the panic: `<html lang>` once the page has set it, else
/// the language the page was starting in (a panic while it renders comes before that).
fn language(document: &web_sys::Document) -> Lang {
    let tag = document
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .unwrap_or_default();
    if tag.starts_with("zh") {
        return Lang::Zh;
    }
    let link = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
        .and_then(|p| p.get("lang"))
        .and_then(|id| Lang::from_id(&id));
    super::lang::initial(link)
}

fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(banner) = document
        .get_element_by_id("panic-banner")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let lang = language(&document);
        for (id, text) in [
            ("panic-title", banner::panic_title(lang)),
            ("panic-advice", banner::panic_advice(lang)),
            ("panic-detail", message),
        ] {
            if let Some(element) = document.get_element_by_id(id) {
                element.set_text_content(Some(text));
            }
        }
        let _ = banner.set_attribute("lang", lang.tag());
        banner.set_hidden(false);
    }
}
