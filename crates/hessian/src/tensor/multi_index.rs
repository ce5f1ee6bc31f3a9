//! Multi-indices of a fixed order: counting, enumeration and ranking.
//!
//! A multi-index `α = (α_0, ..., α_{n-1})` of order `d` has non-negative entries
//! with `|α| = α_0 + ... + α_{n-1} = d`. There are `C(n + d - 1, d)` of them. They
//! are enumerated in decreasing lexicographic order, `(d, 0, ..., 0)` first and
//! `(0, ..., 0, d)` last, and [`rank`] gives a multi-index's position in it.

use crate::Error;

/// The binomial coefficient `C(n, k)`, exact, or `None` if it exceeds `u128`.
/// The one binomial of the tensor module: counts and ranks of multi-indices
/// (through [`count`]) and the interpolation weights use it.
#[must_use]
pub(crate) fn binomial(n: usize, k: usize) -> Option<u128> {
    if k > n {
        return Some(0);
    }
    let k = k.min(n - k);
    let mut c: u128 = 1;
    for m in 0..k {
        // c (n - m) / (m + 1) = C(n, m + 1) is an integer; with c = q d + r
        // (d = m + 1) it is q (n - m) + r (n - m) / d, the last division exact,
        // so no intermediate is much larger than the result
        let (d, nm) = (m as u128 + 1, (n - m) as u128);
        let (q, r) = (c / d, c % d);
        c = q.checked_mul(nm)?.checked_add(r.checked_mul(nm)? / d)?;
    }
    Some(c)
}

/// `C(n, k)` as a count: saturating at `usize::MAX`.
#[must_use]
pub(crate) fn count(n: usize, k: usize) -> usize {
    binomial(n, k)
        .and_then(|c| usize::try_from(c).ok())
        .unwrap_or(usize::MAX)
}

/// [`multi_index_count`] exactly, saturating at `u128::MAX` (for sizes in
/// errors, where `usize` may saturate).
#[must_use]
pub(crate) fn multi_index_count_u128(dim: usize, order: usize) -> u128 {
    if dim == 0 {
        return u128::from(order == 0);
    }
    match (dim - 1).checked_add(order) {
        Some(n) => binomial(n, order).unwrap_or(u128::MAX),
        None => u128::MAX,
    }
}

/// The number of multi-indices of order `order` in `dim` variables,
/// `C(dim + order - 1, order)`: the number of distinct partial derivatives of
/// that order, and the number of univariate Taylor propagations
/// [`derivative_tensor`](crate::tensor::derivative_tensor) makes.
///
/// With no variables there is one multi-index of order 0 (the empty one) and
/// none of a higher order. Saturates at `usize::MAX`.
///
/// ```
/// use hessian::tensor::multi_index_count;
/// assert_eq!(multi_index_count(3, 2), 6); // the 6 entries of a symmetric 3 x 3 Hessian
/// assert_eq!(multi_index_count(4, 3), 20);
/// assert_eq!(multi_index_count(0, 0), 1);
/// assert_eq!(multi_index_count(0, 2), 0);
/// assert_eq!(multi_index_count(usize::MAX, 2), usize::MAX); // saturated
/// assert_eq!(multi_index_count(usize::MAX, 0), 1);
/// ```
#[must_use]
pub fn multi_index_count(dim: usize, order: usize) -> usize {
    usize::try_from(multi_index_count_u128(dim, order)).unwrap_or(usize::MAX)
}

/// Every multi-index of order `order` in `dim` variables, in decreasing
/// lexicographic order; the iterator behind the tensor layout.
///
/// # Errors
/// [`Error::TooLarge`] if one multi-index (`dim` entries) would take more than
/// [`MAX_BYTES`](super::MAX_BYTES) bytes.
///
/// ```
/// use hessian::tensor::multi_indices;
/// let all: Vec<Vec<usize>> = multi_indices(2, 2)?.collect();
/// assert_eq!(all, vec![vec![2, 0], vec![1, 1], vec![0, 2]]);
/// assert_eq!(multi_indices(3, 4)?.count(), 15);
/// assert!(multi_indices(usize::MAX, 0).is_err());
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn multi_indices(dim: usize, order: usize) -> Result<MultiIndices, Error> {
    let bytes = (dim as u128).saturating_mul(core::mem::size_of::<usize>() as u128);
    if bytes > super::MAX_BYTES {
        return Err(Error::TooLarge {
            entries: multi_index_count_u128(dim, order),
            bytes: bytes.saturating_mul(multi_index_count_u128(dim, order)),
        });
    }
    Ok(MultiIndices::new(dim, order))
}

/// The iterator returned by [`multi_indices`].
///
/// ```
/// let mut it = hessian::tensor::multi_indices(3, 1)?;
/// assert_eq!(it.next(), Some(vec![1, 0, 0]));
/// assert_eq!(it.last(), Some(vec![0, 0, 1]));
/// # Ok::<(), hessian::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct MultiIndices {
    next: Option<Vec<usize>>,
}

impl MultiIndices {
    /// The enumeration, for a `dim` known to be small.
    pub(crate) fn new(dim: usize, order: usize) -> Self {
        let next = if dim == 0 {
            (order == 0).then(Vec::new)
        } else {
            let mut first = vec![0; dim];
            first[0] = order;
            Some(first)
        };
        Self { next }
    }
}

impl Iterator for MultiIndices {
    type Item = Vec<usize>;

    fn next(&mut self) -> Option<Vec<usize>> {
        let current = self.next.take()?;
        let mut succ = current.clone();
        if advance(&mut succ) {
            self.next = Some(succ);
        }
        Some(current)
    }
}

/// Step `alpha` to its successor in [`multi_indices`] order, in place; `false`
/// (and `alpha` unchanged) if it was the last one.
pub(crate) fn advance(alpha: &mut [usize]) -> bool {
    let n = alpha.len();
    // the last position before the final one that holds any mass
    let Some(p) = (0..n.saturating_sub(1)).rev().find(|&p| alpha[p] > 0) else {
        return false;
    };
    let tail: usize = alpha[p + 1..].iter().sum();
    alpha[p] -= 1;
    alpha[p + 1..].iter_mut().for_each(|a| *a = 0);
    alpha[p + 1] = tail + 1;
    true
}

/// The position of `alpha` in [`multi_indices`]`(alpha.len(), |alpha|)`.
#[must_use]
pub(crate) fn rank(alpha: &[usize]) -> usize {
    let n = alpha.len();
    let Some(mut rem) = checked_order(alpha) else {
        return usize::MAX;
    };
    let mut r: usize = 0;
    for (p, &a) in alpha.iter().enumerate().take(n.saturating_sub(1)) {
        // multi-indices sharing the prefix but with a larger entry at p:
        // sum over s < rem - a of C(s + m - 1, m - 1) = C(rem - a - 1 + m, m)
        if rem > a {
            let m = n - p - 1;
            r = r.saturating_add(count(rem - a - 1 + m, m));
        }
        rem -= a;
    }
    r
}

/// [`rank`] for many multi-indices of one length `dim` and order, given by
/// their non-zero entries only, with the binomials it needs tabulated.
pub(crate) struct Ranker {
    /// `table[m * (order + 1) + r] = C(r + m, m)` for `m < dim`, `r <= order`.
    table: Vec<usize>,
    dim: usize,
    order: usize,
}

impl Ranker {
    pub(crate) fn new(dim: usize, order: usize) -> Self {
        let mut table = Vec::with_capacity(dim.saturating_mul(order + 1));
        for m in 0..dim {
            for r in 0..=order {
                table.push(count(r + m, m));
            }
        }
        Self { table, dim, order }
    }

    /// `C(r + m, m)`.
    fn c(&self, r: usize, m: usize) -> usize {
        self.table
            .get(m * (self.order + 1) + r)
            .copied()
            .unwrap_or(usize::MAX)
    }

    /// The rank of the multi-index with `entries[s]` at position
    /// `positions[s]` (increasing, `< dim`) and zeros elsewhere; the entries
    /// must sum to the order. In O(`positions.len()`): each run of zeros
    /// between two listed positions contributes a hockey-stick sum of the
    /// terms of [`rank`], `Σ_{m1 <= m <= m2} C(R - 1 + m, m) = C(R + m2, m2) -
    /// C(R + m1 - 1, m1 - 1)`.
    pub(crate) fn rank(&self, positions: &[usize], entries: &[usize]) -> usize {
        let n = self.dim;
        let mut rem = self.order;
        let mut next = 0;
        let mut r: usize = 0;
        for (&p, &a) in positions.iter().zip(entries) {
            if p > next && rem > 0 && p < n {
                // zeros at next..p, with m running from n - p to n - next - 1
                let run = self
                    .c(rem, n - next - 1)
                    .saturating_sub(self.c(rem, n - p - 1));
                r = r.saturating_add(run);
            }
            if p + 1 < n && rem > a {
                r = r.saturating_add(self.c(rem - a - 1, n - p - 1));
            }
            rem = rem.saturating_sub(a);
            next = p + 1;
        }
        r
    }
}

/// The order `|alpha|` of a multi-index, `None` if the sum overflows.
#[must_use]
pub(crate) fn checked_order(alpha: &[usize]) -> Option<usize> {
    alpha.iter().try_fold(0_usize, |s, &a| s.checked_add(a))
}

/// The multi-index of an index list: `alpha[l]` counts how often `l` occurs.
/// `None` when an index is `>= dim`.
#[must_use]
pub(crate) fn from_index_list(indices: &[usize], dim: usize) -> Option<Vec<usize>> {
    let mut alpha = vec![0; dim];
    for &i in indices {
        *alpha.get_mut(i)? += 1;
    }
    Some(alpha)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binomials_match_pascal() {
        for n in 0..40 {
            for k in 0..=n + 1 {
                let pascal = if k == 0 {
                    1
                } else if k > n {
                    0
                } else {
                    binomial(n - 1, k - 1).unwrap() + binomial(n - 1, k).unwrap()
                };
                assert_eq!(binomial(n, k), Some(pascal), "C({n}, {k})");
            }
        }
        assert_eq!(binomial(10_000, 5000), None);
        assert_eq!(count(10_000, 5000), usize::MAX);
        // C(130, 65) ~ 9.5e37 fits in u128, not in usize
        assert_eq!(
            binomial(130, 65),
            Some(95_067_625_827_960_698_145_584_333_020_095_113_100)
        );
        assert_eq!(count(130, 65), usize::MAX);
        assert_eq!(binomial(usize::MAX, 1), Some(usize::MAX as u128));
        assert_eq!(binomial(usize::MAX, usize::MAX), Some(1));
    }

    #[test]
    fn enumeration_is_complete_ordered_and_ranked() {
        for n in 0..6 {
            for d in 0..6 {
                let all: Vec<_> = MultiIndices::new(n, d).collect();
                assert_eq!(all.len(), multi_index_count(n, d), "n = {n}, d = {d}");
                let ranker = Ranker::new(n, d);
                let everywhere: Vec<usize> = (0..n).collect();
                for (r, a) in all.iter().enumerate() {
                    assert_eq!(a.len(), n);
                    assert_eq!(a.iter().sum::<usize>(), d);
                    assert_eq!(rank(a), r, "{a:?}");
                    // sparse ranks: every position listed, or the support only
                    assert_eq!(ranker.rank(&everywhere, a), r, "{a:?}");
                    let support: Vec<usize> = (0..n).filter(|&l| a[l] > 0).collect();
                    let entries: Vec<usize> = support.iter().map(|&l| a[l]).collect();
                    assert_eq!(ranker.rank(&support, &entries), r, "{a:?}");
                }
                // strictly decreasing lexicographically, hence distinct
                assert!(all.windows(2).all(|w| w[0] > w[1]));
            }
        }
    }

    #[test]
    fn index_lists_become_multi_indices() {
        assert_eq!(from_index_list(&[2, 0, 2], 3), Some(vec![1, 0, 2]));
        assert_eq!(from_index_list(&[], 2), Some(vec![0, 0]));
        assert_eq!(from_index_list(&[0, 3], 3), None);
    }
}
