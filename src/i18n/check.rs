// The catalog format and its checks, shared by `build.rs` (which refuses to build a bad catalog)
// and the library's tests (`i18n::tests`). Included with `include!`, so plain comments only.

/// One `[key]` of a catalog file.
#[derive(Debug)]
pub struct Entry {
    /// The key: a snake_case Rust identifier.
    pub key: String,
    /// Its line in the file.
    pub line: usize,
    /// The English text.
    pub en: Option<String>,
    /// The Chinese text.
    pub zh: Option<String>,
    /// Whether the Chinese is meant to equal the English (a unit, a name).
    pub same: bool,
}

/// Why an entry is not usable, or its placeholders in order of appearance in the English.
pub fn check_entry(e: &Entry) -> Result<Vec<String>, String> {
    let (Some(en), Some(zh)) = (&e.en, &e.zh) else {
        return Err(format!("[{}] needs both en and zh", e.key));
    };
    if en.trim().is_empty() || zh.trim().is_empty() {
        return Err(format!("[{}] has an empty string", e.key));
    }
    if en == zh && !e.same {
        return Err(format!(
            "[{}] zh is the English text; translate it, or mark `same = true` if it is a unit or name",
            e.key
        ));
    }
    let pe = placeholders(en).map_err(|m| format!("[{}] en: {m}", e.key))?;
    let pz = placeholders(zh).map_err(|m| format!("[{}] zh: {m}", e.key))?;
    let mut se = pe.clone();
    let mut sz = pz.clone();
    se.sort();
    sz.sort();
    if se != sz {
        return Err(format!("[{}] placeholders differ: en {pe:?}, zh {pz:?}", e.key));
    }
    Ok(pe)
}

pub fn parse(text: &str, file: &str, errors: &mut Vec<String>) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let at = format!("{file}:{}", i + 1);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(key) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let ok = key.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !ok {
                errors.push(format!("{at}: key {key:?} is not snake_case"));
            }
            if entries.iter().any(|e| e.key == key) {
                errors.push(format!("{at}: key {key:?} appears twice"));
            }
            entries.push(Entry {
                key: key.to_string(),
                line: i + 1,
                en: None,
                zh: None,
                same: false,
            });
            continue;
        }
        let Some((name, value)) = line.split_once('=') else {
            errors.push(format!("{at}: expected `[key]` or `name = \"…\"`"));
            continue;
        };
        let Some(entry) = entries.last_mut() else {
            errors.push(format!("{at}: a value before the first [key]"));
            continue;
        };
        let (name, value) = (name.trim(), value.trim());
        if name == "same" {
            entry.same = value == "true";
            continue;
        }
        let Some(value) = unquote(value) else {
            errors.push(format!("{at}: {name} is not a one-line \"basic string\""));
            continue;
        };
        match name {
            "en" => entry.en = Some(value),
            "zh" => entry.zh = Some(value),
            "note" => {}
            other => errors.push(format!("{at}: unknown field {other:?} (en, zh, note, same)")),
        }
    }
    entries
}

/// A TOML basic string on one line, unescaped; `None` if it is not one.
pub fn unquote(value: &str) -> Option<String> {
    let inner = value.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return None,
            '\\' => match chars.next()? {
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                _ => return None,
            },
            c => out.push(c),
        }
    }
    Some(out)
}

/// The placeholders of a catalog string in order of appearance, or why it is malformed.
pub fn placeholders(s: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
            }
            '{' => {
                let name: String = chars.by_ref().take_while(|c| *c != '}').collect();
                let ok = !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                if !ok {
                    return Err(format!("placeholder {{{name}}} is not {{snake_case}}"));
                }
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            '}' => return Err("a lone `}` (write `}}`)".to_string()),
            _ => {}
        }
    }
    Ok(names)
}

