//! Shared by the integration tests: run the built `isoflop-cli` as a user would, and find the
//! validation data in `../shared` beside the clone.
#![allow(dead_code)]

pub mod sweeps;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `isoflop-cli` with `args`.
pub fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_isoflop-cli"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Runs `isoflop-cli` expecting success and one JSON object on stdout.
pub fn json(args: &[&str]) -> serde_json::Value {
    let out = cli(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

/// Relative difference |a − b| / |b|.
pub fn rel(a: f64, b: f64) -> f64 {
    ((a - b) / b).abs()
}

/// The file `<relative>` under `../shared` beside the clone, where the validation data lives at
/// run time (it is never committed). When the file is absent: under CI (`CI=true`) this panics,
/// because CI copies `shared/` beside the clone; elsewhere it writes a SKIPPED line to stderr
/// and returns `None`, and the test returns without checking anything.
pub fn shared_file(relative: &str) -> Option<PathBuf> {
    shared_file_with(relative, std::env::var("CI").as_deref() == Ok("true"))
}

/// [`shared_file`] with the CI decision passed in, so both branches can be tested.
pub fn shared_file_with(relative: &str, ci: bool) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(relative);
    if path.is_file() {
        return Some(path);
    }
    let test = std::thread::current()
        .name()
        .unwrap_or("this test")
        .to_string();
    assert!(
        !ci,
        "{} is absent, and CI must have ../shared (CI copies shared/ beside the clone); \
         {test} cannot run without it",
        path.display()
    );
    // Straight to the process's stderr: libtest captures `eprintln!` and hides it for tests
    // that pass, and a skipped test passes.
    let line = format!(
        "SKIPPED: {} is absent; {test} checked nothing (put shared/ beside the clone to run it)\n",
        path.display()
    );
    let _ = std::io::stderr().write_all(line.as_bytes());
    None
}
