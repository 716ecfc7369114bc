//! `localStorage`: the only code that touches it. Each call survives a browser that refuses:
//! storage that is missing or throws on access (private windows, storage turned off) is
//! [`Problem::Disabled`]; a write refused for room (`QuotaExceededError`) is [`Problem::Full`].

use super::Problem;

fn storage() -> Result<web_sys::Storage, Problem> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(Problem::Disabled)
}

/// The value kept under `key`, if any.
pub fn get(key: &str) -> Result<Option<String>, Problem> {
    storage()?.get_item(key).map_err(|_| Problem::Disabled)
}

/// Keeps `value` under `key`.
pub fn set(key: &str, value: &str) -> Result<(), Problem> {
    storage()?.set_item(key, value).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|n| n.as_string());
        match name.as_deref() {
            Some("QuotaExceededError") => Problem::Full,
            _ => Problem::Disabled,
        }
    })
}

/// Forgets `key`.
pub fn remove(key: &str) -> Result<(), Problem> {
    storage()?.remove_item(key).map_err(|_| Problem::Disabled)
}
