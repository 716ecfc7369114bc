//! One stable sort for every element type. `slice::sort_by` is compiled anew for each element
//! type and comparison (a few KB of WebAssembly each); these sort the indices instead, with the
//! comparison behind a `dyn`, so the page carries one sort routine.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, as `v.sort_by(cmp)` does.
pub fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = order_by(v.len(), &mut |i, j| cmp(&v[i], &v[j]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.iter().filter_map(|&i| slots[i].take()));
}

/// Sorts `v` stably by `key`, as `v.sort_by_key(key)` does.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` by `f64::total_cmp`.
pub fn sort_f64(v: &mut Vec<f64>) {
    sort_by(v, f64::total_cmp);
}

/// The indices `0..n` in the stable order of `cmp`.
fn order_by(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| cmp(i, j));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_std_stable_sort_with_ties_and_special_values() {
        // Second method: std's stable sort on the same data; ties keep their input order
        // (the second field records it).
        let mut state = 7u64;
        for len in 0..60 {
            let v: Vec<(f64, usize)> = (0..len)
                .map(|i| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1);
                    let x =
                        [f64::NAN, f64::INFINITY, -0.0, 0.0, 1.5, -2.0][(state >> 60) as usize % 6];
                    (x, i)
                })
                .collect();
            let mut mine = v.clone();
            sort_by(&mut mine, |a, b| a.0.total_cmp(&b.0));
            let mut std = v.clone();
            std.sort_by(|a, b| a.0.total_cmp(&b.0));
            let bits =
                |w: &[(f64, usize)]| w.iter().map(|p| (p.0.to_bits(), p.1)).collect::<Vec<_>>();
            assert_eq!(bits(&mine), bits(&std), "len {len}");

            let mut by_key = v.iter().map(|p| p.1 % 3).collect::<Vec<_>>();
            let mut want = by_key.clone();
            want.sort_by_key(|k| *k);
            sort_by_key(&mut by_key, |k| *k);
            assert_eq!(by_key, want);
        }
    }
}
