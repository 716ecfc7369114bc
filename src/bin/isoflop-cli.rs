//! `isoflop-cli`: the calculator on the command line. All of it is `isoflop::cli`; this only
//! prints what that returns and exits with its code.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::io::Write;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = isoflop::cli::run(&args);
    // A closed pipe (`isoflop-cli … | head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    std::process::ExitCode::from(outcome.code)
}

#[cfg(target_arch = "wasm32")]
fn main() {}
