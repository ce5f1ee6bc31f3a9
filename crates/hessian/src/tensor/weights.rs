//! Exact interpolation weights of Griewank, Utke and Walther (2000).
//!
//! Propagate univariate Taylor series of `t ↦ f(x + t j)` of degree `d` along
//! every direction `j ∈ N^n` with `|j| = d`, and write `c_e(j)` for the
//! coefficient of `t^e`. Then for every multi-index `i` with `1 <= |i| = e <= d`
//!
//! ```text
//! ∂^i f(x) = Σ_{|j| = d} γ_ij c_e(j),
//! γ_ij = Σ_{0 < k <= i} (-1)^{|i - k|} C(i, k) C(d k / |k|, j) (|k| / d)^{|i|},
//! ```
//!
//! with the multi-index binomials `C(i, k) = Π_l C(i_l, k_l)` and
//! `C(d k / |k|, j) = Π_l C(d k_l / |k|, j_l)`, whose upper arguments are
//! rational (A. Griewank, J. Utke, A. Walther, *Evaluating higher derivative
//! tensors by forward propagation of univariate Taylor series*, Math. Comp. 69
//! (2000), 1117–1130, eq. (13) and its extension to lower orders). Our
//! normalisation: `c_e` is the Taylor coefficient (the `e`-th derivative over
//! `e!`), and the left side is the plain partial derivative, not divided by `i!`;
//! the unit tests below check the identity exactly in rational arithmetic.
//!
//! Clearing the rational binomials,
//! `C(d k_l / K, j_l) = Π_{q < j_l} (d k_l - q K) / (K^{j_l} j_l!)` with
//! `K = |k|`, and since `|j| = d`,
//!
//! ```text
//! γ_ij = 1 / (j! d^e) Σ_{0 < k <= i} (-1)^{e - K} C(i, k) P(k, j) / K^{d - e},
//! P(k, j) = Π_l Π_{q < j_l} (d k_l - q K),
//! ```
//!
//! an exact sum of fractions with small denominators, evaluated here in `i128`.
//! `γ_ij` vanishes unless `j` lives on the support of `i` (a `k_l = 0` with
//! `j_l > 0` makes `P` vanish), so weights are computed for the compressed
//! multi-index `i` (its non-zero entries) and do not depend on `n`.

use super::multi_index::{MultiIndices, binomial};
use num_traits::{Float, FromPrimitive};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

/// The largest derivative order `D` the Taylor-interpolation drivers accept:
/// every interpolation weight up to this order is computed exactly in `i128`
/// (checked by a unit test). A larger `D` fails to compile.
///
/// ```
/// use dual::Taylor;
/// use hessian::tensor::{MAX_ORDER, derivative_tensor};
///
/// // the MAX_ORDER-th derivative of e^(2x) is 2^MAX_ORDER e^(2x)
/// let t = derivative_tensor::<MAX_ORDER, _>(|x: &[Taylor<f64, MAX_ORDER>]| (x[0] * 2.0).exp(), &[0.0])?;
/// approx::assert_relative_eq!(t.values()[0], 2f64.powi(MAX_ORDER as i32), max_relative = 1e-12);
/// # Ok::<(), hessian::Error>(())
/// ```
pub const MAX_ORDER: usize = 8;

/// An exact fraction `num / den` in lowest terms with `den > 0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ratio {
    num: i128,
    den: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

impl Ratio {
    /// `num / den`, `None` for a zero denominator or on overflow.
    pub(crate) fn new(num: i128, den: i128) -> Option<Self> {
        if den == 0 {
            return None;
        }
        let g = gcd(num, den);
        let (num, den) = if den < 0 {
            (num.checked_neg()?, den.checked_neg()?)
        } else {
            (num, den)
        };
        Some(Self {
            num: num / g,
            den: den / g,
        })
    }

    pub(crate) const ZERO: Self = Self { num: 0, den: 1 };

    pub(crate) fn is_zero(self) -> bool {
        self.num == 0
    }

    pub(crate) fn checked_add(self, o: Self) -> Option<Self> {
        let g = gcd(self.den, o.den);
        let (a, b) = (self.den / g, o.den / g);
        let num = self
            .num
            .checked_mul(b)?
            .checked_add(o.num.checked_mul(a)?)?;
        Self::new(num, self.den.checked_mul(b)?)
    }

    pub(crate) fn checked_mul(self, o: Self) -> Option<Self> {
        // cross-reduce first to keep the products small
        let g1 = gcd(self.num, o.den).max(1);
        let g2 = gcd(o.num, self.den).max(1);
        Self::new(
            (self.num / g1).checked_mul(o.num / g2)?,
            (self.den / g2).checked_mul(o.den / g1)?,
        )
    }

    /// The nearest `T` (up to the rounding of one division).
    pub(crate) fn to_float<T: Float + FromPrimitive>(self) -> T {
        match (T::from_i128(self.num), T::from_i128(self.den)) {
            (Some(n), Some(d)) => n / d,
            _ => T::nan(),
        }
    }
}

fn pow(base: i128, exp: usize) -> Option<i128> {
    (0..exp).try_fold(1_i128, |acc, _| acc.checked_mul(base))
}

fn factorial(n: usize) -> Option<i128> {
    (1..=n).try_fold(1_i128, |acc, m| acc.checked_mul(m as i128))
}

/// The weights `γ_ij` of the compressed multi-index `i` (every entry `> 0`,
/// `m = i.len()` of them) for every `j` in `multi_indices(m, d)`, in that order.
/// `None` when `|i| = 0`, `|i| > d` or an intermediate overflows `i128`
/// (never for `d <= MAX_ORDER`).
pub(crate) fn weights(d: usize, i: &[usize]) -> Option<Vec<Ratio>> {
    let e: usize = i.iter().sum();
    if e == 0 || e > d || i.contains(&0) {
        return None;
    }
    let di = i128::try_from(d).ok()?;
    let m = i.len();
    // every k with 0 <= k <= i, except k = 0, with its signed C(i, k)
    let mut ks: Vec<(Vec<usize>, usize, i128)> = Vec::new();
    let mut k = vec![0; m];
    // odometer steps over the box 0 <= k <= i
    while let Some(p) = (0..m).find(|&p| k[p] < i[p]) {
        k[p] += 1;
        k[..p].iter_mut().for_each(|a| *a = 0);
        let kk: usize = k.iter().sum();
        let c = i.iter().zip(&k).try_fold(1_i128, |c, (&a, &b)| {
            c.checked_mul(i128::try_from(binomial(a, b)?).ok()?)
        })?;
        let sign = if (e - kk) % 2 == 0 { 1 } else { -1 };
        ks.push((k.clone(), kk, sign * c));
    }
    let de = pow(di, e)?;
    MultiIndices::new(m, d)
        .map(|j| {
            let mut s = Ratio::ZERO;
            for (k, kk, c) in &ks {
                let kk_i = *kk as i128;
                let mut p = *c;
                for (&kl, &jl) in k.iter().zip(&j) {
                    for q in 0..jl as i128 {
                        p = p.checked_mul(di * kl as i128 - q * kk_i)?;
                    }
                }
                if p != 0 {
                    s = s.checked_add(Ratio::new(p, pow(kk_i, d - e)?)?)?;
                }
            }
            let jfact = j
                .iter()
                .try_fold(1_i128, |acc, &jl| acc.checked_mul(factorial(jl)?))?;
            s.checked_mul(Ratio::new(1, jfact.checked_mul(de)?)?)
        })
        .collect()
}

/// The non-zero weights of one compressed multi-index: `(compressed j, γ_ij)`.
pub(crate) type Terms = Arc<[(Box<[usize]>, Ratio)]>;

/// Weights computed so far, keyed by `d`, then the compressed `i`: they depend on
/// neither the point, nor the function, nor the number of variables.
static CACHE: Mutex<BTreeMap<usize, BTreeMap<Vec<usize>, Terms>>> = Mutex::new(BTreeMap::new());

/// [`weights`] of `(d, i)` without the zero ones, computed once per process.
pub(crate) fn cached_terms(d: usize, i: &[usize]) -> Option<Terms> {
    if let Some(t) = CACHE
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&d)
        .and_then(|by_i| by_i.get(i))
    {
        return Some(Arc::clone(t));
    }
    let terms: Terms = MultiIndices::new(i.len(), d)
        .zip(weights(d, i)?)
        .filter(|(_, w)| !w.is_zero())
        .map(|(j, w)| (j.into_boxed_slice(), w))
        .collect();
    CACHE
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .entry(d)
        .or_default()
        .insert(i.to_vec(), Arc::clone(&terms));
    Some(terms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::multi_index::multi_index_count;

    fn r(num: i128, den: i128) -> Ratio {
        Ratio::new(num, den).unwrap()
    }

    #[test]
    fn cached_terms_are_the_non_zero_weights() {
        let t = cached_terms(2, &[1, 1]).unwrap();
        let expected: Vec<(Box<[usize]>, Ratio)> = vec![
            (vec![2, 0].into(), r(-1, 4)),
            (vec![1, 1].into(), r(1, 1)),
            (vec![0, 2].into(), r(-1, 4)),
        ];
        assert_eq!(&t[..], &expected[..]);
        // the second look-up is the cached one
        assert!(Arc::ptr_eq(&t, &cached_terms(2, &[1, 1]).unwrap()));
        assert!(cached_terms(2, &[3]).is_none());
    }

    #[test]
    fn ratio_arithmetic() {
        assert_eq!(r(2, -4), r(-1, 2));
        assert_eq!(r(1, 6).checked_add(r(1, 3)), Some(r(1, 2)));
        assert_eq!(r(3, 4).checked_mul(r(-2, 9)), Some(r(-1, 6)));
        assert_eq!(Ratio::new(1, 0), None);
        assert_eq!(r(1, 3).to_float::<f64>(), 1.0 / 3.0);
        assert_eq!(r(i128::MAX, 1).checked_add(r(1, 1)), None);
    }

    #[test]
    fn hand_derived_second_order_weights() {
        // f'' = c2(2) / 2, since c2 along the direction 2 is 4 f'' / 2
        assert_eq!(weights(2, &[2]), Some(vec![r(1, 2)]));
        // f_xy = c2(1, 1) - (c2(2, 0) + c2(0, 2)) / 4
        assert_eq!(weights(2, &[1, 1]), Some(vec![r(-1, 4), r(1, 1), r(-1, 4)]));
        // f' = c1(2) / 2 from degree-2 propagation along the direction 2
        assert_eq!(weights(2, &[1]), Some(vec![r(1, 2)]));
        assert_eq!(weights(2, &[3]), None);
        assert_eq!(weights(2, &[]), None);
    }

    /// The full-length weights of `i` (in `n` variables) over all `|j| = d`.
    fn full_weights(d: usize, i: &[usize]) -> Vec<Ratio> {
        let support: Vec<usize> = (0..i.len()).filter(|&l| i[l] > 0).collect();
        let compressed: Vec<usize> = support.iter().map(|&l| i[l]).collect();
        let w = weights(d, &compressed).unwrap();
        let mut full = vec![Ratio::ZERO; multi_index_count(i.len(), d)];
        for (jc, wj) in MultiIndices::new(compressed.len(), d).zip(w) {
            let mut j = vec![0; i.len()];
            for (&l, &a) in support.iter().zip(&jc) {
                j[l] = a;
            }
            full[crate::tensor::multi_index::rank(&j)] = wj;
        }
        full
    }

    /// Along `j`, `c_e(j) = Σ_{|k| = e} j^k / k! ∂^k f`; the weights must invert
    /// this exactly: `Σ_j γ_ij j^k / k! = δ_ik` for all `|i| = |k| = e <= d`.
    #[test]
    fn weights_invert_the_directional_expansion_exactly() {
        for n in 1..=3 {
            for d in 1..=5 {
                let dirs: Vec<Vec<usize>> = MultiIndices::new(n, d).collect();
                for e in 1..=d {
                    for i in MultiIndices::new(n, e) {
                        let w = full_weights(d, &i);
                        for k in MultiIndices::new(n, e) {
                            let mut s = Ratio::ZERO;
                            for (j, wj) in dirs.iter().zip(&w) {
                                let jk: i128 = j
                                    .iter()
                                    .zip(&k)
                                    .map(|(&a, &b)| pow(a as i128, b).unwrap())
                                    .product();
                                let kf: i128 = k.iter().map(|&b| factorial(b).unwrap()).product();
                                s = s.checked_add(wj.checked_mul(r(jk, kf)).unwrap()).unwrap();
                            }
                            let expect = if i == k { r(1, 1) } else { Ratio::ZERO };
                            assert_eq!(s, expect, "n = {n}, d = {d}, i = {i:?}, k = {k:?}");
                        }
                    }
                }
            }
        }
    }

    /// Every weight up to `MAX_ORDER` is computed without overflow.
    #[test]
    fn weights_fit_up_to_max_order() {
        for d in 1..=MAX_ORDER {
            for e in 1..=d {
                // compressed multi-indices of order e: compositions of e
                for m in 1..=e {
                    for i in MultiIndices::new(m, e - m) {
                        let i: Vec<usize> = i.iter().map(|a| a + 1).collect();
                        let w = weights(d, &i);
                        assert!(w.is_some(), "d = {d}, i = {i:?}");
                    }
                }
            }
        }
    }
}
