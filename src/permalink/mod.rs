//! The configuration in the URL query string, and back. The only code that touches
//! `location` and `history` (in [`browser`], compiled for the page only).

mod config;

pub use config::{Config, FitConfig, HardwareConfig, Mode, Theme, DEFAULT_LAWS};

use crate::law::preset;
use crate::law::quantity::parse_flops;

/// The highest link version this page understands.
pub const VERSION: u32 = 1;

/// A decoded link: the configuration, and what could not be used, in words for the page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decoded {
    pub config: Config,
    pub notices: Vec<String>,
}

/// Reads a query string (with or without the leading `?`). Never fails: unknown keys are
/// ignored, bad values keep their defaults and are named in `notices`.
#[must_use]
pub fn decode(query: &str) -> Decoded {
    let mut decoded = Decoded::default();
    let query = query.strip_prefix('?').unwrap_or(query);
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let (key, value) = (percent_decode(key), percent_decode(value));
        match key.as_str() {
            "v" => match value.parse::<u32>() {
                Ok(v) if v > VERSION => decoded.notices.push(format!(
                    "This link was made by a newer version of isoflop (v={v}); what this page knows of it is shown."
                )),
                Ok(_) => {}
                Err(_) => decoded.notices.push(format!("Ignored v={value}: not a version number.")),
            },
            "flops" => match parse_flops(&value) {
                Ok(flops) => decoded.config.flops = flops,
                Err(e) => decoded
                    .notices
                    .push(format!("Ignored flops={}: {e}", shorten(&value))),
            },
            "laws" => {
                let (known, unknown): (Vec<&str>, Vec<&str>) = value
                    .split(',')
                    .filter(|id| !id.is_empty())
                    .partition(|id| preset(id).is_some());
                if !unknown.is_empty() {
                    decoded.notices.push(format!(
                        "Ignored unknown law ids: {}.",
                        shorten(&unknown.join(", "))
                    ));
                }
                let mut laws: Vec<String> = Vec::new();
                for id in known {
                    if !laws.iter().any(|l| l == id) {
                        laws.push(id.to_string());
                    }
                }
                if !laws.is_empty() {
                    decoded.config.laws = laws;
                }
            }
            _ => {}
        }
    }
    decoded
}

/// The query string for `config` (without `?`), holding only values that differ from the
/// defaults; empty for the default configuration.
#[must_use]
pub fn encode(config: &Config) -> String {
    let default = Config::default();
    let mut pairs: Vec<String> = Vec::new();
    if config.flops != default.flops {
        pairs.push(format!("flops={}", number(config.flops)));
    }
    if config.laws != default.laws {
        pairs.push(format!("laws={}", config.laws.join(",")));
    }
    pairs.join("&")
}

/// The shortest text that reads back as the same f64: `1e21`, `5.76e23`.
#[must_use]
pub fn number(x: f64) -> String {
    format!("{x:e}")
}

fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() > MAX {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    } else {
        s.to_string()
    }
}

/// Percent-decoding of one query component (`+` is a space); invalid escapes stay as typed
/// and invalid UTF-8 becomes U+FFFD.
#[must_use]
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex_digit(bytes[i + 1]), hex_digit(bytes[i + 2]))
            {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_digit(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// The page's link in the address bar (browser only).
#[cfg(target_arch = "wasm32")]
pub mod browser {
    use wasm_bindgen::JsValue;

    /// `location.search`, or empty.
    #[must_use]
    pub fn current_query() -> String {
        web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default()
    }

    /// Replaces the address bar's query without adding a history entry.
    pub fn replace_query(query: &str) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let location = window.location();
        let path = location.pathname().unwrap_or_default();
        let hash = location.hash().unwrap_or_default();
        let url = if query.is_empty() {
            format!("{path}{hash}")
        } else {
            format!("{path}?{query}{hash}")
        };
        if location
            .search()
            .unwrap_or_default()
            .trim_start_matches('?')
            == query
        {
            return;
        }
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flops_round_trips() {
        for flops in [1e21, 5.76e23, 1.234_567_890_123e19, 3e25] {
            let config = Config {
                flops,
                ..Config::default()
            };
            assert_eq!(decode(&encode(&config)).config, config);
        }
        assert_eq!(encode(&Config::default()), "");
        let config = Config {
            flops: 1e21,
            ..Config::default()
        };
        assert_eq!(encode(&config), "flops=1e21");
    }

    #[test]
    fn bad_links_fall_back_with_a_notice() {
        for q in [
            "flops=NaN",
            "flops=-1",
            "flops=1e999",
            "flops=",
            "flops=%ZZ",
            "flops=%E2%82",
        ] {
            let d = decode(q);
            assert_eq!(d.config, Config::default(), "{q}");
            assert_eq!(d.notices.len(), 1, "{q}");
        }
        let d = decode("?unknown=3&flops=1e21");
        assert_eq!(d.config.flops, 1e21);
        assert!(d.notices.is_empty());
        assert_eq!(decode("v=2&flops=1e22").notices.len(), 1);
        assert_eq!(decode("flops=5.76%C3%9710%5E23").config.flops, 5.76e23);
        let d = decode("laws=epoch2024,nope,kaplan2020,epoch2024");
        assert_eq!(d.config.laws, ["epoch2024", "kaplan2020"]);
        assert_eq!(d.notices.len(), 1);
        assert_eq!(decode(&encode(&d.config)).config, d.config);
    }
}
