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
