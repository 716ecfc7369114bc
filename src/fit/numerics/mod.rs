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
