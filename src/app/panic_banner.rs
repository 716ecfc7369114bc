//! If anything panics, say so on the page instead of going dead silently, in the page's language.

use wasm_bindgen::JsCast;

use crate::i18n::{banner, Lang};

/// Logs panics to the console and shows the `#panic-banner` element from `index.html`, whose
/// text is written now in the language the page starts in, and again at the panic in the
/// language the page is in then.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        write(&document, language(&document));
    }
}

/// The page's language: `<html lang>` once the page has set it to 中文, else the language the
/// page starts in (the link's, the one this browser kept, or `navigator.languages`).
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

/// The banner's sentences in `lang`.
fn write(document: &web_sys::Document, lang: Lang) {
    for (id, text) in [
        ("panic-title", banner::panic_title(lang)),
        ("panic-advice", banner::panic_advice(lang)),
    ] {
        if let Some(element) = document.get_element_by_id(id) {
            element.set_text_content(Some(text));
        }
    }
    if let Some(banner) = document.get_element_by_id("panic-banner") {
        let _ = banner.set_attribute("lang", lang.tag());
    }
}

fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(banner) = document
        .get_element_by_id("panic-banner")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        write(&document, language(&document));
        if let Some(detail) = document.get_element_by_id("panic-detail") {
            detail.set_text_content(Some(message));
        }
        banner.set_hidden(false);
    }
}
