//! The reader's choice of language, kept so that the next visit without `lang=` in its link
//! opens in it.

use crate::i18n::Lang;

/// Where the choice is kept.
pub const KEY: &str = "isoflop.lang";

/// The page's language: the link's if it names one, else the choice this browser kept, else
/// the browser's preferred languages (`navigator.languages`: any `zh*` → 中文), else English.
/// A kept value that is not a language's spelling is ignored.
#[must_use]
pub fn choose<S: AsRef<str>>(link: Option<Lang>, kept: Option<&str>, preferences: &[S]) -> Lang {
    link.or_else(|| kept.and_then(|k| Lang::from_id(k.trim())))
        .unwrap_or_else(|| Lang::from_preferences(preferences))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_then_the_kept_choice_then_the_browser() {
        let zh_browser = ["zh-CN", "en"];
        let en_browser = ["en-US"];
        assert_eq!(choose(Some(Lang::En), Some("zh"), &zh_browser), Lang::En);
        assert_eq!(choose(Some(Lang::Zh), None, &en_browser), Lang::Zh);
        assert_eq!(choose(None, Some("en"), &zh_browser), Lang::En);
        assert_eq!(choose(None, Some("zh"), &en_browser), Lang::Zh);
        assert_eq!(choose(None, None, &zh_browser), Lang::Zh);
        assert_eq!(choose(None, None, &en_browser), Lang::En);
        assert_eq!(choose(None, Some("klingon"), &zh_browser), Lang::Zh);
    }
}
