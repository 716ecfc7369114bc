//! The page's entry point: mounts the app, nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    isoflop::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("isoflop is a web page: `make serve` builds and serves it; `isoflop-cli` is the command line.");
    std::process::exit(2);
}
