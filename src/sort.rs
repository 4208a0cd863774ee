//! Sorting for the code the WebAssembly module carries: one sort over indices, shared by every
//! element type, instead of the standard library's sort instantiated once per element type and
//! comparison.
//!
//! The standard sorts are fast but large: each `sort_unstable_by` or `sort_by_key` call site
//! with its own element type brings a quicksort, its partitions, sorting networks and a
//! heapsort fallback (2–3.5 KB each, ten of them in the module, 28 KB raw measured with
//! twiggy). The module sorts little: a few thousand needles and a few hundred thousand context
//! word ids once when its screener is built, and a handful of hits per listing. So this is a
//! plain stable merge sort: runs of [`INSERTION_MAX`] sorted by insertion, then merged
//! pairwise between two copies (a few hundred bytes per element type). Equal elements keep
//! their order, as with the standard `sort_by`. A sort over indices through one `dyn`
//! comparison shared by every type was smaller still, but made building the screener three
//! times slower (6.5 → 18.7 ms natively). Native-only tools (the evaluation, the impact report)
//! keep the standard sorts.

/// Runs this long are sorted by insertion before they are merged; a listing's hits and spans
/// are fewer, so they are sorted by insertion alone.
const INSERTION_MAX: usize = 16;

/// Sorts a short run by insertion: stable, since an element moves only past greater ones.
fn insertion<T>(v: &mut [T], less: &mut impl FnMut(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 {
            match (v.get(j), v.get(j - 1)) {
                (Some(a), Some(b)) if less(a, b) => v.swap(j, j - 1),
                _ => break,
            }
            j -= 1;
        }
    }
}

/// Merges the sorted runs `a` and `b` into `out` (as long as both); of equal elements, `a`'s
/// come first.
fn merge<T: Clone>(a: &[T], b: &[T], out: &mut [T], less: &mut impl FnMut(&T, &T) -> bool) {
    let (mut i, mut j) = (0, 0);
    for slot in out {
        let next = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if less(y, x) => {
                j += 1;
                y
            }
            (Some(x), _) => {
                i += 1;
                x
            }
            (None, Some(y)) => {
                j += 1;
                y
            }
            (None, None) => return,
        };
        slot.clone_from(next);
    }
}

/// Sorts `v` so that `less` holds between no element and an earlier one; equal elements keep
/// their order.
pub(crate) fn sort_by<T: Clone>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    // Already in order (a named context list, the spans of one pass): one look, no copies.
    if v.windows(2).all(|w| matches!(w, [a, b] if !less(b, a))) {
        return;
    }
    let n = v.len();
    for run in v.chunks_mut(INSERTION_MAX) {
        insertion(run, &mut less);
    }
    if n <= INSERTION_MAX {
        return;
    }
    let mut from = v.to_vec();
    let mut to = v.to_vec();
    let mut width = INSERTION_MAX;
    while width < n {
        for start in (0..n).step_by(2 * width) {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let a = from.get(start..mid).unwrap_or_default();
            let b = from.get(mid..end).unwrap_or_default();
            if let Some(out) = to.get_mut(start..end) {
                merge(a, b, out, &mut less);
            }
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    v.clone_from_slice(&from);
}

/// Sorts `v` in ascending order; equal elements keep their order.
pub(crate) fn sort<T: Ord + Clone>(v: &mut [T]) {
    sort_by(v, |a, b| a < b);
}

/// Sorts `v` by a key; equal keys keep their order.
pub(crate) fn sort_by_key<T: Clone, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a) < key(b));
}

/// Property tests: native only (proptest is not built for wasm32).
/// Sorts `v` (stably) through a sort of its indexes, moving each element once: for elements
/// that are costly to clone, such as strings, which [`sort`] copies on every merge pass (the
/// category index's ~1,400 keys took 0.7 ms that way, natively).
pub(crate) fn sort_moved<T: Ord>(v: Vec<T>) -> Vec<T> {
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_by(&mut order, |&a, &b| match (v.get(a), v.get(b)) {
        (Some(x), Some(y)) => x < y,
        _ => false,
    });
    let mut slots: Vec<Option<T>> = v.into_iter().map(Some).collect();
    order
        .iter()
        .filter_map(|&i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn it_sorts_as_the_standard_stable_sort_does(
            v in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)
        ) {
            let mut ours = v.clone();
            let mut std = v;
            super::sort_by_key(&mut ours, |&(k, _)| k);
            std.sort_by_key(|&(k, _)| k);
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn it_sorts_strings_as_the_standard_sort_does(
            v in proptest::collection::vec("[a-c]{0,3}", 0..60)
        ) {
            let mut ours = v.clone();
            let moved = super::sort_moved(v.clone());
            let mut std = v;
            super::sort(&mut ours);
            std.sort();
            prop_assert_eq!(&ours, &std);
            prop_assert_eq!(moved, std);
        }
    }

    #[test]
    fn short_and_long_lists_sorted_in_reverse_come_out_in_order() {
        for n in [0, 1, 2, 15, 16, 17, 33, 1000] {
            let mut v: Vec<u32> = (0..n).rev().collect();
            super::sort(&mut v);
            assert_eq!(v, (0..n).collect::<Vec<_>>());
        }
    }
}
