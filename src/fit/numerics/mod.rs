//! The numerics under Approach 3: the Huber objective of Hoffmann et al. 2022 (Eq. 11) and its
//! gradient ([`objective`]), e^x and ln x over slices ([`fastmath`]) with x86-64 SIMD kernels
//! natively (`objective_simd`), L-BFGS with a strong-Wolfe line search ([`lbfgs`]) run from a
//! start ([`optim`]), and the `global` method's grid by variable projection ([`varpro`]).

pub mod fastmath;
pub mod lbfgs;
pub mod objective;
#[cfg(all(target_arch = "x86_64", not(target_arch = "wasm32")))]
mod objective_simd;
pub mod optim;
pub mod varpro;

/// Writes a `NOT TESTED:` line to the process's stderr for each native SIMD path this CPU lacks
/// (libtest hides a passing test's `eprintln!`), so that `test`, which checks every path the
/// CPU has, is never read as having checked one it could not run; `scripts/test.sh` repeats the
/// lines at the end of the run.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn report_untested_simd(test: &str) {
    use std::io::Write;
    #[cfg(target_arch = "x86_64")]
    let paths = [
        (
            "AVX-512 (avx512f)",
            std::arch::is_x86_feature_detected!("avx512f"),
        ),
        (
            "AVX2 (avx2, fma)",
            std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma"),
        ),
    ];
    #[cfg(not(target_arch = "x86_64"))]
    let paths = [
        ("AVX-512 (x86-64 only)", false),
        ("AVX2 (x86-64 only)", false),
    ];
    let _ = std::io::stderr().write_all(untested_lines(&paths, test).as_bytes());
}

/// The `NOT TESTED:` lines for the paths marked absent.
#[cfg(all(test, not(target_arch = "wasm32")))]
fn untested_lines(paths: &[(&str, bool)], test: &str) -> String {
    paths
        .iter()
        .filter(|(_, present)| !present)
        .map(|(path, _)| {
            format!("NOT TESTED: the {path} path: this CPU lacks it, so {test} did not check it\n")
        })
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[test]
fn a_missing_simd_path_is_said_not_tested() {
    let lines = untested_lines(
        &[("AVX-512 (avx512f)", false), ("AVX2 (avx2, fma)", true)],
        "t",
    );
    assert_eq!(
        lines,
        "NOT TESTED: the AVX-512 (avx512f) path: this CPU lacks it, so t did not check it\n"
    );
    assert_eq!(untested_lines(&[("AVX2", true)], "t"), "");
}
