//! "Copy link": the page's link (the address bar follows the configuration) and its Markdown
//! form for design docs.

use leptos::prelude::*;

use super::lang::use_lang;
use super::results::{copy_text, status_text, Copied};
use crate::i18n::sections as t;
use crate::permalink::{self, Config};

/// The link of `config` on this page. It always names its version, even for the default page
/// (`?v=1`): a shared link opens what its sender saw, whatever later builds take as default.
fn link(config: &Config) -> String {
    let query = permalink::encode(config);
    let base = permalink::browser::current_url();
    let base = base
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_string();
    if query.is_empty() {
        format!("{base}?v={}", permalink::VERSION)
    } else {
        format!("{base}?{query}")
    }
}

/// Copy-link buttons with a status line.
#[component]
pub fn Share(config: RwSignal<Config>) -> impl IntoView {
    let status = RwSignal::new(None::<Copied>);
    let lang = use_lang();
    view! {
        <div class="share">
            <button type="button" id="copy-link" on:click=move |_| copy_text(config.with(link), status, t::link_what)>
                {move || t::copy_link(lang.get())}</button>
            <button type="button" id="copy-link-md" on:click=move |_| {
                let md = config.with(|c| permalink::markdown_link(&link(c), c));
                copy_text(md, status, t::link_markdown_what)
            }>{move || t::copy_link_markdown(lang.get())}</button>
            <span class="status" role="status" id="share-status">{status_text(status)}</span>
        </div>
    }
}
