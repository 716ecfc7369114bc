//! Shared by the command-line tests: run the built `isoflop-cli` as a user would.
#![allow(dead_code)]

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
