//! The source tree keeps the rules docs/ARCHITECTURE.md states for it ("Rules that hold
//! everywhere"), checked here rather than left to review: no file over ~400 lines (420 allowed),
//! no `#[path]` module, and test files named `tests.rs` or `tests_<topic>.rs` only.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn src() -> Vec<PathBuf> {
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

#[test]
fn no_source_file_is_over_about_400_lines() {
    let long: Vec<String> = src()
        .iter()
        .filter_map(|p| {
            let lines = std::fs::read_to_string(p).ok()?.lines().count();
            (lines > 420).then(|| format!("{} ({lines} lines)", p.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "split these into a folder of parts: {long:?}"
    );
}

#[test]
fn no_module_is_moved_by_a_path_attribute() {
    let moved: Vec<String> = src()
        .iter()
        .filter(|p| {
            std::fs::read_to_string(p)
                .unwrap_or_default()
                .lines()
                .any(|l| l.trim_start().starts_with("#[path"))
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(moved.is_empty(), "a #[path] module: {moved:?}");
}

#[test]
fn test_files_have_one_naming_rule() {
    let misnamed: Vec<String> = src()
        .iter()
        .filter(|p| {
            let name = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            name.contains("test") && name != "tests" && !name.starts_with("tests_")
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        misnamed.is_empty(),
        "test files are tests.rs or tests_<topic>.rs: {misnamed:?}"
    );
}

/// Which layers each layer may use, as docs/ARCHITECTURE.md's table of layers says (`sort` is a
/// utility any layer may use; `app/` may use everything). The compiler would enforce this if the
/// layers were crates of a workspace; ARCHITECTURE.md says why they are not.
const MAY_USE: [(&str, &[&str]); 9] = [
    ("i18n", &[]),
    ("sort", &[]),
    ("law", &["i18n", "sort"]),
    ("fit", &["law", "i18n", "sort"]),
    ("permalink", &["law", "fit", "i18n", "sort"]),
    ("plan", &["law", "fit", "permalink", "i18n", "sort"]),
    (
        "chart",
        &["law", "fit", "permalink", "plan", "i18n", "sort"],
    ),
    ("saved", &["law", "fit", "i18n", "sort"]),
    ("cli", &["law", "fit", "plan", "i18n", "sort"]),
];

/// The code of a file without its tests (a test may use any layer) and without comments (a
/// comment may name any layer).
fn code_without_tests(path: &Path) -> String {
    let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if name == "tests" || name.starts_with("tests_") {
        return String::new();
    }
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let code = match text.find("#[cfg(test)]\nmod tests {") {
        Some(i) => &text[..i],
        None => &text,
    };
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn each_layer_uses_only_the_layers_below_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut breaches = Vec::new();
    for (layer, allowed) in MAY_USE {
        let dir = root.join(layer);
        let files = if dir.is_dir() {
            rust_files(&dir)
        } else {
            vec![root.join(format!("{layer}.rs"))]
        };
        for file in files {
            let code = code_without_tests(&file);
            for (i, _) in code.match_indices("crate::") {
                let used: String = code[i + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if used != layer && !allowed.contains(&used.as_str()) {
                    breaches.push(format!("{} uses {used}", file.display()));
                }
            }
        }
    }
    breaches.dedup();
    assert!(
        breaches.is_empty(),
        "layers used against the table: {breaches:?}"
    );
}
