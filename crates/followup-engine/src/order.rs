//! A stable sort by a comparison, for the timeline and its events.
//!
//! Hand-written because the size budget of the wasm module is hard: the
//! standard library's stable sort is instantiated once per item type and
//! comparison (about 1.5 KB gzipped for the two the engine needs), and this
//! bottom-up merge over positions is compiled once for every caller.

use std::cmp::Ordering;

/// The positions `0..len` in the order `compare` gives them, equal ones in
/// their order; none when they are in order already (a timeline read oldest
/// first, its events on every evaluation of a replay: one pass, no merges).
pub(crate) fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    if (1..len).all(|position| compare(position, position - 1).is_ge()) {
        return Vec::new();
    }
    let mut current: Vec<usize> = (0..len).collect();
    let mut width = 1;
    while width < current.len() {
        let mut next = Vec::with_capacity(current.len());
        for chunk in current.chunks(width.saturating_mul(2)) {
            let (left, right) = chunk.split_at(width.min(chunk.len()));
            let (mut left, mut right) = (left.iter().peekable(), right.iter().peekable());
            loop {
                let take_right = match (left.peek(), right.peek()) {
                    (Some(&&first), Some(&&second)) => compare(second, first) == Ordering::Less,
                    (Some(_), None) => false,
                    (None, Some(_)) => true,
                    (None, None) => break,
                };
                let taken = if take_right { right.next() } else { left.next() };
                next.extend(taken.copied());
            }
        }
        current = next;
        width = width.saturating_mul(2);
    }
    current
}

/// `items` in the order `compare` gives them, equal ones in their order.
pub(crate) fn stable_sorted<T>(items: Vec<T>, compare: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    let positions = stable_order(items.len(), &|left, right| match (items.get(left), items.get(right)) {
        (Some(left), Some(right)) => compare(left, right),
        _ => Ordering::Equal,
    });
    if positions.is_empty() {
        return items;
    }
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    positions.into_iter().filter_map(|position| slots.get_mut(position).and_then(Option::take)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably() {
        let items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f'), (3, 'g')];
        let sorted = stable_sorted(items.clone(), |left, right| left.0.cmp(&right.0));
        let mut expected = items;
        expected.sort_by_key(|item| item.0);
        assert_eq!(sorted, expected);
        assert!(stable_sorted(Vec::<u8>::new(), Ord::cmp).is_empty());
        assert_eq!(stable_sorted(vec![5, 4, 3, 2, 1, 0, 9, 8], Ord::cmp), [0, 1, 2, 3, 4, 5, 8, 9]);
        let sorted = vec![(0, 'a'), (1, 'b'), (1, 'c'), (2, 'd')];
        assert_eq!(stable_sorted(sorted.clone(), |left, right| left.0.cmp(&right.0)), sorted);
    }
}
