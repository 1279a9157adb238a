//! Stable sorting with one copy of the sort in the binary.
//!
//! `slice::sort_by` instantiates the whole stable sort (driftsort: runs, merges,
//! small sorts, several kilobytes of WebAssembly) once per element type *and* per
//! comparator closure, and the browser downloads every copy. These helpers sort the
//! positions `0..n` (always `usize`) with the comparator behind a `&dyn Fn`, so the
//! sort itself exists once; only the short loop that moves the elements into that
//! order is generic. The order is exactly `slice::sort_by`'s: the same stable sort
//! run on the same comparisons, elements that compare equal keep their order.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `items` stably by `compare`: the order of `items.sort_by(compare)`.
pub(crate) fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    place(items, &order);
}

/// Sorts `items` stably by `key`: the order of `items.sort_by_key(key)`.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` stably: the order of `items.sort()`.
pub(crate) fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The set of `items`, built by insertion: `collect::<BTreeSet<_>>()` sorts its
/// input first (one more copy of the stable sort per element type) for the same set.
pub(crate) fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

/// The map of `pairs`, built by insertion (a repeated key keeps its last value, as
/// `collect` does): `collect::<BTreeMap<_, _>>()` sorts its input first.
pub(crate) fn map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (key, value) in pairs {
        map.insert(key, value);
    }
    map
}

/// The positions `0..n` stably sorted by `compare`: the one instantiation of the
/// stable sort these helpers share.
fn positions(n: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves `items` so that position `k` holds what was at `order[k]`, by swaps along
/// the permutation's cycles (linear, no clone, no `Option` per element).
fn place<T>(items: &mut [T], order: &[usize]) {
    // `target[i]`: where the element now at `i` belongs.
    let mut target = vec![0; order.len()];
    for (k, &from) in order.iter().enumerate() {
        target[from] = k;
    }
    for i in 0..items.len() {
        while target[i] != i {
            let j = target[i];
            items.swap(i, j);
            target.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    /// A small deterministic generator (no randomness in the engine's tests).
    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        *seed >> 33
    }

    #[test]
    fn same_order_as_the_standard_stable_sort_ties_included() {
        let mut seed = 7;
        for len in [0, 1, 2, 3, 5, 19, 20, 21, 64, 300, 2_000] {
            // Few distinct keys: many ties, whose record order must be kept.
            let items: Vec<(u64, usize)> = (0..len).map(|i| (lcg(&mut seed) % 7, i)).collect();
            let mut ours = items.clone();
            let mut std = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std, "length {len}");
            let mut ours = items.clone();
            let mut std = items;
            sort_by_key(&mut ours, |x| std::cmp::Reverse(x.0));
            std.sort_by_key(|x| std::cmp::Reverse(x.0));
            assert_eq!(ours, std, "length {len}, reversed keys");
        }
    }

    #[test]
    fn sets_and_maps_by_insertion_equal_the_collected_ones() {
        let mut seed = 3;
        let pairs: Vec<(u64, u64)> = (0..500)
            .map(|_| (lcg(&mut seed) % 40, lcg(&mut seed)))
            .collect();
        assert_eq!(
            map(pairs.iter().copied()),
            pairs.iter().copied().collect::<BTreeMap<_, _>>()
        );
        assert_eq!(
            set(pairs.iter().map(|p| p.0)),
            pairs.iter().map(|p| p.0).collect::<BTreeSet<_>>()
        );
    }

    #[test]
    fn sorts_owned_values_without_losing_any() {
        let mut words: Vec<String> = ["poste", "atelier", "terrain", "atelier", "éthique", ""]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut expected = words.clone();
        expected.sort();
        sort(&mut words);
        assert_eq!(words, expected);
    }
}
