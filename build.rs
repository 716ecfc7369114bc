//! Compiles the translation catalogs (`locales/*.toml`) into Rust: one module per file, one
//! function per key. The build fails — so the page and the command line never ship — when a key
//! lacks a language, a string is empty or left in English in the Chinese column without saying
//! so, or the two languages do not use the same placeholders.
//!
//! The catalogs are a small subset of TOML that needs no parser crate: `[key]` headers, then
//! `en = "…"`, `zh = "…"` and an optional `note = "…"` for translators, each a basic string on
//! one line (escapes `\"`, `\\`, `\n`, `\t`, `\uXXXX`), and `#` comments. A placeholder is
//! `{name}`; `{{` and `}}` are literal braces. A key whose Chinese is the same as its English
//! (a unit, an abbreviation) must say `same = true`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

include!("src/i18n/check.rs");

fn main() {
    // The page's wasm keeps its relocations, which scripts/split.mjs (wasm-split-cli) needs to
    // cut it into the parts fetched after the first screen.
    if std::env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32")) {
        println!("cargo:rustc-link-arg-bin=isoflop=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=locales");
    // Worktrees of this repository that share one target directory get the same build-script
    // output directory: run again when built from another directory.
    println!("cargo:rerun-if-env-changed=PWD");
    // `make bench` builds an English-only twin (each Chinese string replaced by its English) to
    // measure the bytes the Chinese catalog adds to the page.
    println!("cargo:rerun-if-env-changed=ISOFLOP_CATALOG_ENGLISH_ONLY");
    let english_only = std::env::var_os("ISOFLOP_CATALOG_ENGLISH_ONLY").is_some();
    let dir = Path::new("locales");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("locales/ exists")
        .map(|e| e.expect("readable locales/").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut out = String::new();
    let mut errors = Vec::new();
    let mut modules = Vec::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let module = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).expect("readable catalog");
        let entries = parse(&text, &path.display().to_string(), &mut errors);
        modules.push(module.clone());
        generate(
            &module,
            &entries,
            &path.display().to_string(),
            english_only,
            &mut out,
            &mut errors,
        );
    }
    if !errors.is_empty() {
        for e in &errors {
            println!("cargo:warning={e}");
        }
        panic!("translation catalogs:\n{}", errors.join("\n"));
    }
    // Every catalog by file name, for the tests.
    out.push_str("/// Every catalog: its file name and entries.\npub const CATALOGS: &[(&str, &[Entry])] = &[\n");
    for m in &modules {
        let _ = writeln!(out, "    ({m:?}, {m}::ALL),");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("catalog.rs");
    std::fs::write(dest, out).expect("writable OUT_DIR");
}

fn generate(
    module: &str,
    entries: &[Entry],
    file: &str,
    english_only: bool,
    out: &mut String,
    errors: &mut Vec<String>,
) {
    let _ = writeln!(out, "/// Strings from `locales/{module}.toml`.");
    let _ = writeln!(out, "pub mod {module} {{");
    let _ = writeln!(
        out,
        "    #![allow(clippy::all, missing_docs, unused_imports)]"
    );
    let _ = writeln!(out, "    use super::Lang;");
    let mut seen = BTreeSet::new();
    for e in entries {
        let pe = match check_entry(e) {
            Ok(p) => p,
            Err(m) => {
                errors.push(format!("{file}:{}: {m}", e.line));
                continue;
            }
        };
        let (Some(en), Some(zh)) = (&e.en, &e.zh) else {
            continue;
        };
        let zh = if english_only { en } else { zh };
        seen.insert(e.key.clone());
        let _ = writeln!(out, "    /// {}", en.replace('\n', " "));
        if pe.is_empty() {
            // No placeholders: `{{` in the catalog is a literal brace only inside format strings.
            let (en, zh) = (
                en.replace("{{", "{").replace("}}", "}"),
                zh.replace("{{", "{").replace("}}", "}"),
            );
            let _ = writeln!(
                out,
                "    #[must_use]\n    pub fn {}(lang: Lang) -> &'static str {{ match lang {{ Lang::En => {:?}, Lang::Zh => {:?} }} }}",
                e.key, en, zh
            );
        } else {
            let params: Vec<String> = pe
                .iter()
                .map(|p| format!("{p}: &dyn ::std::fmt::Display"))
                .collect();
            let args: Vec<String> = pe.iter().map(|p| format!("{p} = {p}")).collect();
            let _ = writeln!(
                out,
                "    #[must_use]\n    pub fn {}(lang: Lang, {}) -> String {{ match lang {{ Lang::En => format!({:?}, {}), Lang::Zh => format!({:?}, {}) }} }}",
                e.key,
                params.join(", "),
                en,
                args.join(", "),
                zh,
                args.join(", ")
            );
        }
    }
    // Every key with its two strings, for the catalog tests and the page's end-to-end check.
    let _ = writeln!(
        out,
        "    /// Every entry: key, English, Chinese (placeholders unfilled)."
    );
    let _ = writeln!(out, "    pub const ALL: &[super::Entry] = &[");
    for e in entries {
        if let (Some(en), Some(zh)) = (&e.en, &e.zh) {
            if seen.contains(&e.key) {
                let _ = writeln!(out, "        ({:?}, {:?}, {:?}),", e.key, en, zh);
            }
        }
    }
    let _ = writeln!(out, "    ];");
    let _ = writeln!(out, "}}");
}
