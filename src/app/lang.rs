//! The page's language: chosen once at start (the link, else the choice kept in this browser,
//! else `navigator.languages`), switched by the header's button without a reload, written into
//! the link by `Config::lang`, and mirrored into `<html lang>`, `<title>` and the description.

use leptos::prelude::*;

use crate::i18n::{page, Lang};
use crate::permalink::Config;
use crate::saved::{browser, lang as kept};

/// The language of the page, for every component (`use_lang`).
#[derive(Clone, Copy)]
pub struct PageLang(pub Signal<Lang>);

/// The page's language as a signal; English outside the page (the browser tests' components).
#[must_use]
pub fn use_lang() -> Signal<Lang> {
    use_context::<PageLang>().map_or_else(|| Signal::stored(Lang::En), |l| l.0)
}

/// The language to start in, given whether the link named one.
#[must_use]
pub fn initial(link: Option<Lang>) -> Lang {
    let preferences: Vec<String> = web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default();
    let stored = browser::get(kept::KEY).ok().flatten();
    kept::choose(link, stored.as_deref(), &preferences)
}

/// Provides the language of `config` to the components below.
pub fn provide(config: RwSignal<Config>) -> Signal<Lang> {
    let lang: Signal<Lang> = Memo::new(move |_| config.with(|c| c.lang)).into();
    provide_context(PageLang(lang));
    lang
}

/// Keeps the document's language, title and description on `lang` (the page's side only).
pub fn follow(lang: Signal<Lang>) {
    Effect::new(move |_| {
        let lang = lang.get();
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
        document.set_title(page::title(lang));
        for selector in ["meta[name=description]", "meta[property='og:description']"] {
            if let Ok(Some(meta)) = document.query_selector(selector) {
                let _ = meta.set_attribute("content", page::description(lang));
            }
        }
        if let Ok(Some(meta)) = document.query_selector("meta[property='og:title']") {
            let _ = meta.set_attribute("content", page::title(lang));
        }
    });
}

/// The header's switch: names the other language in that language, and flips the page to it.
#[component]
pub fn LangSwitch(config: RwSignal<Config>) -> impl IntoView {
    let other = move || match config.with(|c| c.lang) {
        Lang::En => Lang::Zh,
        Lang::Zh => Lang::En,
    };
    view! {
        <button type="button" id="lang-toggle" class="theme-toggle"
            lang=move || other().tag()
            on:click=move |_| {
                let to = other();
                config.update(|c| c.lang = to);
                // Kept for the next visit whose link names no language; a browser that keeps
                // nothing still switches.
                let _ = browser::set(kept::KEY, to.id());
            }>
            {move || other().own_name()}
        </button>
    }
}
