//! Higher-order derivative tensors and multivariate Taylor expansions.
//!
//! Every partial derivative of order `D` of `f: R^n -> R` comes out of
//! `C(n + D - 1, D)` evaluations of `f` on univariate Taylor series
//! ([`Taylor<T, D>`](dual::Taylor)): one along each direction `j ∈ N^n` with
//! `|j| = D`, followed by a fixed linear combination with exact rational
//! weights (Griewank, Utke and Walther, *Evaluating higher derivative tensors
//! by forward propagation of univariate Taylor series*, Math. Comp. 69 (2000)).
//! The same propagations give every lower order as well.
//!
//! * [`derivative_tensor`]: the symmetric tensor of all partials of order `D`;
//! * [`derivative_tensors`]: all orders `0..=D` at once;
//! * [`taylor_expansion`]: the multivariate Taylor polynomial of order `D`;
//! * [`third_derivative_tensor`]: the order-3 tensor by the faster route for that
//!   order, one `Dual<HyperDual<T>>` evaluation per entry.
//!
//! A symmetric tensor stores each distinct partial derivative once, keyed by
//! its multi-index `α` (`α_l` = how often variable `l` is differentiated,
//! `|α| = D`); see [`multi_indices`] for the layout.
//!
//! ```
//! use dual::DualNum;
//! use hessian::tensor::derivative_tensor;
//!
//! // f(x, y) = x^2 y^3
//! fn f<D: DualNum<f64>>(x: &[D]) -> D {
//!     x[0].powi(2) * x[1].powi(3)
//! }
//! let (x, y) = (1.5, -0.5);
//! let t = derivative_tensor::<3, _>(f, &[x, y])?;
//! approx::assert_relative_eq!(t.get(&[0, 0, 1]).unwrap(), 6.0 * y * y, max_relative = 1e-12);
//! approx::assert_relative_eq!(t.get(&[1, 0, 1]).unwrap(), 12.0 * x * y, max_relative = 1e-12);
//! approx::assert_relative_eq!(t.get_multi(&[0, 3]).unwrap(), 6.0 * x * x, max_relative = 1e-12);
//! assert_eq!(t.len(), 4); // x^3, x^2 y, x y^2, y^3
//! # Ok::<(), hessian::Error>(())
//! ```

mod multi_index;
mod nested;
#[cfg(feature = "rayon")]
mod parallel;
mod weights;

pub use multi_index::{MultiIndices, multi_index_count, multi_indices};
pub use nested::third_derivative_tensor;
#[cfg(feature = "rayon")]
pub use parallel::{
    PARALLEL_TENSOR_MIN_EVALUATIONS, derivative_tensor_par, derivative_tensors_par,
    taylor_expansion_par, third_derivative_tensor_par,
};
pub use weights::MAX_ORDER;

use crate::Error;
pub use crate::models::TaylorExpansion;
use crate::nesting::Level;

use crate::lit::lit;
use dual::{Scalar, Taylor};
use multi_index::{Ranker, advance, checked_order, from_index_list, multi_index_count_u128, rank};
use nalgebra::DMatrix;

/// The most memory, in bytes, a tensor driver sets aside for one job: 2^36
/// (64 GiB). A job that would need more (for example `derivative_tensor::<8,
/// _>` in 60 variables: 6.5 * 10^9 entries, 469 GB of coefficients) fails up front with
/// [`Error::TooLarge`], before `f` is evaluated, and so does a job whose
/// memory the allocator refuses.
///
/// ```
/// use dual::DualNum;
/// use hessian::{Error, tensor::derivative_tensor};
/// fn f<D: DualNum<f64>>(x: &[D]) -> D { x.iter().map(|&xi| xi.sin()).sum() }
/// let err = derivative_tensor::<8, _>(f, &vec![0.5; 60]).unwrap_err();
/// assert!(matches!(err, Error::TooLarge { entries: 6_522_361_560, .. }));
/// ```
pub const MAX_BYTES: u128 = 1 << 36;

/// The size of a tensor job in `dim` variables: `evaluations` propagations of
/// `coeffs_per_evaluation` values of `T` each, and the result tensors of the
/// orders `orders`, each entry a multi-index (`dim` indices) and a `T`. The
/// number of evaluations as a `usize` and the error to report should an
/// allocation be refused; or that error, [`Error::TooLarge`] with the entries
/// of the result and the bytes of the whole job, if it needs more than
/// [`MAX_BYTES`].
pub(crate) fn job_size<T>(
    dim: usize,
    evaluations: u128,
    coeffs_per_evaluation: usize,
    orders: core::ops::RangeInclusive<usize>,
) -> Result<(usize, Error), Error> {
    let t = core::mem::size_of::<T>() as u128;
    let per_entry = (dim as u128)
        .saturating_mul(core::mem::size_of::<usize>() as u128)
        .saturating_add(t);
    let entries = orders.fold(0_u128, |acc, e| {
        acc.saturating_add(multi_index_count_u128(dim, e))
    });
    let bytes = evaluations
        .saturating_mul(coeffs_per_evaluation as u128)
        .saturating_mul(t)
        .saturating_add(entries.saturating_mul(per_entry));
    let err = Error::TooLarge { entries, bytes };
    match usize::try_from(evaluations) {
        Ok(n) if bytes <= MAX_BYTES => Ok((n, err)),
        _ => Err(err),
    }
}

/// `v` with room for `n` more elements, or `err` if the allocator refuses.
pub(crate) fn reserve<V>(n: usize, err: &Error) -> Result<Vec<V>, Error> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| err.clone())?;
    Ok(v)
}

/// A symmetric tensor of partial derivatives of one order `D` of a function of
/// `n` variables: one value per multi-index `α` with `|α| = D`
/// ([`multi_index_count`]`(n, D)` of them).
///
/// ```
/// use dual::DualNum;
/// use hessian::tensor::derivative_tensor;
///
/// fn f<D: DualNum<f64>>(x: &[D]) -> D {
///     (x[0] * 2.0 + x[1]).exp()
/// }
/// // every second partial is a_i a_j e^(a.x) with a = (2, 1)
/// let t = derivative_tensor::<2, _>(f, &[0.0, 0.0])?;
/// assert_eq!((t.order(), t.dim(), t.len()), (2, 2, 3));
/// for (alpha, value) in t.iter() {
///     let expected = 2.0_f64.powi(alpha[0] as i32);
///     approx::assert_relative_eq!(value, expected, max_relative = 1e-13);
/// }
/// # Ok::<(), hessian::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct DerivativeTensor<T> {
    dim: usize,
    order: usize,
    /// The multi-indices, `dim` entries each, in the order of `multi_indices`.
    indices: Vec<usize>,
    values: Vec<T>,
}

impl<T: Copy> DerivativeTensor<T> {
    /// The order `D`: the number of derivatives taken in each entry.
    ///
    /// ```
    /// use dual::DualNum;
    /// fn f<D: DualNum<f64>>(x: &[D]) -> D { x[0].sin() * x[1] }
    /// assert_eq!(hessian::tensor::derivative_tensor::<4, _>(f, &[1.0, 2.0])?.order(), 4);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn order(&self) -> usize {
        self.order
    }

    /// The number of variables `n`.
    ///
    /// ```
    /// use dual::DualNum;
    /// fn f<D: DualNum<f64>>(x: &[D]) -> D { x[0] * x[1] * x[2] }
    /// assert_eq!(hessian::tensor::derivative_tensor::<2, _>(f, &[1.0, 2.0, 3.0])?.dim(), 3);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The number of distinct entries, [`multi_index_count`]`(dim, order)`.
    ///
    /// ```
    /// use dual::DualNum;
    /// fn f<D: DualNum<f64>>(x: &[D]) -> D { x[0] * x[1] * x[2] }
    /// // a 3 x 3 x 3 symmetric tensor has 10 distinct entries
    /// assert_eq!(hessian::tensor::derivative_tensor::<3, _>(f, &[1.0, 2.0, 3.0])?.len(), 10);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the tensor has no entry (a function of no variables, order `>= 1`).
    ///
    /// ```
    /// use dual::DualNum;
    /// fn f<D: DualNum<f64>>(_x: &[D]) -> D { D::from_re(1.0) }
    /// let none: [f64; 0] = [];
    /// assert!(hessian::tensor::derivative_tensor::<2, _>(f, &none)?.is_empty());
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The partial derivative with respect to the listed variables, in any
    /// order: `t.get(&[2, 0, 2])` is `∂³f / ∂x0 ∂x2²`. `None` unless the list has
    /// exactly `order()` entries, each `< dim()`.
    ///
    /// ```
    /// use dual::DualNum;
    /// fn f<D: DualNum<f64>>(x: &[D]) -> D { x[0] * x[2].powi(2) }
    /// let t = hessian::tensor::derivative_tensor::<3, _>(f, &[1.0, 1.0, 1.0])?;
    /// approx::assert_relative_eq!(t.get(&[2, 0, 2]).unwrap(), 2.0, max_relative = 1e-13);
    /// approx::assert_relative_eq!(t.get(&[0, 2, 2]).unwrap(), 2.0, max_relative = 1e-13);
    /// assert_eq!(t.get(&[0, 2]), None); // wrong number of indices
    /// assert_eq!(t.get(&[0, 2, 3]), None); // no variable 3
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn get(&self, indices: &[usize]) -> Option<T> {
        if indices.len() != self.order {
            return None;
        }
        let alpha = from_index_list(indices, self.dim)?;
        self.values.get(rank(&alpha)).copied()
    }

    /// The partial derivative of multi-index `alpha`: `∂^|α| f / ∂x0^α0 ...
    /// ∂x(n-1)^α(n-1)`. `None` unless `alpha` has `dim()` entries summing to
    /// `order()`.
    ///
    /// ```
    /// use dual::DualNum;
    /// fn f<D: DualNum<f64>>(x: &[D]) -> D { x[0].powi(3) * x[1] }
    /// let t = hessian::tensor::derivative_tensor::<4, _>(f, &[0.5, 2.0])?;
    /// approx::assert_relative_eq!(t.get_multi(&[3, 1]).unwrap(), 6.0, max_relative = 1e-12);
    /// assert_eq!(t.get_multi(&[3, 0]), None); // order 3, not 4
    /// assert_eq!(t.get_multi(&[usize::MAX, 3]), None); // |α| overflows
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn get_multi(&self, alpha: &[usize]) -> Option<T> {
        if alpha.len() != self.dim || checked_order(alpha)? != self.order {
            return None;
        }
        self.values.get(rank(alpha)).copied()
    }

    /// Every entry once, as `(multi-index, value)`, in the order of
    /// [`multi_indices`]`(dim, order)`.
    ///
    /// ```
    /// use dual::DualNum;
    /// fn f<D: DualNum<f64>>(x: &[D]) -> D { x[0] * x[1] }
    /// let t = hessian::tensor::derivative_tensor::<2, _>(f, &[3.0, 4.0])?;
    /// let entries: Vec<(Vec<usize>, f64)> = t.iter().map(|(a, v)| (a.to_vec(), v)).collect();
    /// assert_eq!(entries.len(), 3);
    /// assert_eq!(entries[1].0, vec![1, 1]);
    /// approx::assert_relative_eq!(entries[1].1, 1.0, max_relative = 1e-14);
    /// approx::assert_abs_diff_eq!(entries[0].1, 0.0, epsilon = 1e-14);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&[usize], T)> + '_ {
        let dim = self.dim;
        self.values
            .iter()
            .enumerate()
            .map(move |(r, &v)| (&self.indices[r * dim..(r + 1) * dim], v))
    }

    /// The distinct entries in the order of [`multi_indices`]`(dim, order)`.
    ///
    /// ```
    /// use dual::DualNum;
    /// fn f<D: DualNum<f64>>(x: &[D]) -> D { x[0] * x[1] * 5.0 }
    /// let t = hessian::tensor::derivative_tensor::<2, _>(f, &[3.0, 4.0])?;
    /// approx::assert_relative_eq!(t.values()[1], 5.0, max_relative = 1e-14);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn values(&self) -> &[T] {
        &self.values
    }
}

impl<T: Scalar> DerivativeTensor<T> {
    /// The dense symmetric `n x n` matrix of an order-2 tensor (the Hessian);
    /// `None` for any other order.
    ///
    /// ```
    /// use dual::DualNum;
    /// fn f<D: DualNum<f64>>(x: &[D]) -> D { x[0].powi(2) * x[1] }
    /// let h = hessian::tensor::derivative_tensor::<2, _>(f, &[3.0, 4.0])?.to_matrix().unwrap();
    /// let expected = nalgebra::DMatrix::from_row_slice(2, 2, &[8.0, 6.0, 6.0, 0.0]);
    /// approx::assert_abs_diff_eq!(h, expected, epsilon = 1e-12);
    /// assert_eq!(hessian::tensor::derivative_tensor::<3, _>(f, &[3.0, 4.0])?.to_matrix(), None);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn to_matrix(&self) -> Option<DMatrix<T>> {
        if self.order != 2 {
            return None;
        }
        Some(DMatrix::from_fn(self.dim, self.dim, |a, b| {
            self.get(&[a, b]).unwrap_or_else(T::nan)
        }))
    }
}

/// The Taylor coefficients of `t ↦ f(x + t j)` along every direction `|j| = D`,
/// `D + 1` per direction, flat in the order of `multi_indices(n, D)`; and the
/// value `f(x)`. `count` is `multi_index_count(n, D)`, checked by
/// [`job_size`]; `err` the error if the allocator refuses the coefficients.
pub(crate) fn propagate<T: Scalar, const D: usize>(
    f: &impl Fn(&[Taylor<T, D>]) -> Taylor<T, D>,
    x: &[T],
    count: usize,
    err: &Error,
) -> Result<(T, Vec<T>), Error> {
    let mut coeffs = zeroed(count.saturating_mul(D + 1), err)?;
    let mut input = constants(x);
    if let Some(first) = MultiIndices::new(x.len(), D).next() {
        propagate_run(f, x, &mut input, &first, &mut coeffs);
    }
    Ok((value_of(f, &input, &coeffs), coeffs))
}

/// `n` zeros, or `err` if the allocator refuses them.
pub(crate) fn zeroed<V: Clone + num_traits::Zero>(n: usize, err: &Error) -> Result<Vec<V>, Error> {
    let mut v = reserve(n, err)?;
    v.resize(n, V::zero());
    Ok(v)
}

/// The `count` multi-indices of `multi_indices(dim, order)`, flat, `dim`
/// entries each; `err` if the allocator refuses them.
pub(crate) fn index_list(
    dim: usize,
    order: usize,
    count: usize,
    err: &Error,
) -> Result<Vec<usize>, Error> {
    let mut indices = reserve(count.saturating_mul(dim), err)?;
    for alpha in MultiIndices::new(dim, order).take(count) {
        indices.extend_from_slice(&alpha);
    }
    Ok(indices)
}

/// The point `x` as constant Taylor numbers: the inputs before seeding.
pub(crate) fn constants<T: Scalar, const D: usize>(x: &[T]) -> Vec<Taylor<T, D>> {
    x.iter().map(|&xi| Taylor::constant(xi)).collect()
}

/// `f(x)`: the first coefficient of the first propagation, or, with no
/// direction of order `D` (no variables), one evaluation at the constants.
pub(crate) fn value_of<T: Scalar, const D: usize>(
    f: &impl Fn(&[Taylor<T, D>]) -> Taylor<T, D>,
    constants: &[Taylor<T, D>],
    coeffs: &[T],
) -> T {
    match coeffs.first() {
        Some(&v) => v,
        None => f(constants).coeff(0),
    }
}

/// Propagates along `out.len() / (D + 1)` consecutive directions of
/// `multi_indices(x.len(), D)`, the first of them `first`, writing each
/// direction's `D + 1` coefficients into `out`. `input` is scratch space of
/// `x.len()` numbers. The sequential driver makes one run of every direction;
/// the parallel one hands runs to its workers.
pub(crate) fn propagate_run<T: Scalar, const D: usize>(
    f: &impl Fn(&[Taylor<T, D>]) -> Taylor<T, D>,
    x: &[T],
    input: &mut [Taylor<T, D>],
    first: &[usize],
    out: &mut [T],
) {
    let mut j = first.to_vec();
    for (k, slot) in out.chunks_mut(D + 1).enumerate() {
        if k > 0 {
            advance(&mut j);
        }
        for ((inp, &xi), &jl) in input.iter_mut().zip(x).zip(&j) {
            *inp = Taylor::variable_dir(xi, lit::<T>(jl));
        }
        for (o, c) in slot.iter_mut().zip(f(input).coeffs()) {
            *o = c;
        }
    }
}

/// The first multi-index of every run of `len` consecutive ones among the
/// `count` of `multi_indices(dim, order)`: where each worker of a parallel
/// driver starts.
#[cfg(feature = "rayon")]
pub(crate) fn run_starts(dim: usize, order: usize, count: usize, len: usize) -> Vec<Vec<usize>> {
    let mut starts = Vec::with_capacity(count.div_ceil(len.max(1)));
    if let Some(mut alpha) = MultiIndices::new(dim, order).next() {
        for r in 0..count {
            if r % len.max(1) == 0 {
                starts.push(alpha.clone());
            }
            if !advance(&mut alpha) {
                break;
            }
        }
    }
    starts
}

/// The job of the Taylor drivers of order `D` for the orders `orders` of the
/// result: the level held while `f` runs, the number of propagations, and the
/// error to report if an allocation is refused.
pub(crate) fn taylor_job<T: Scalar, const D: usize>(
    dim: usize,
    orders: core::ops::RangeInclusive<usize>,
) -> Result<(Level, usize, Error), Error> {
    let (count, err) = job_size::<T>(dim, multi_index_count_u128(dim, D), D + 1, orders)?;
    let level = Level::try_of::<Taylor<T, D>>()?;
    Ok((level, count, err))
}

/// The tensor of order `e` (`0 <= e <= d`) from the degree-`d` propagations.
pub(crate) fn assemble<T: Scalar>(
    dim: usize,
    d: usize,
    e: usize,
    value: T,
    coeffs: &[T],
    err: &Error,
) -> Result<DerivativeTensor<T>, Error> {
    let len = multi_index_count(dim, e);
    let mut indices = reserve(len.saturating_mul(dim), err)?;
    let mut values = reserve(len, err)?;
    let ranker = Ranker::new(dim, d);
    // the weights of each compressed multi-index (a composition of e, indexed
    // by the bit set of its partial sums) met so far, and their values in T
    let mut local: Vec<Option<(weights::Terms, Vec<T>)>> =
        (0..1usize << e.saturating_sub(1)).map(|_| None).collect();
    let (mut support, mut compressed) = (Vec::with_capacity(e), Vec::with_capacity(e));
    let mut i = vec![0; dim];
    if let Some(i0) = i.first_mut() {
        *i0 = e;
    }
    for _ in 0..len {
        let value = if e == 0 {
            value
        } else {
            support.clear();
            support.extend((0..dim).filter(|&l| i[l] > 0));
            compressed.clear();
            compressed.extend(support.iter().map(|&l| i[l]));
            let code = compressed
                .iter()
                .take(compressed.len().saturating_sub(1))
                .scan(0, |partial, &a| {
                    *partial += a;
                    Some(1usize << (*partial - 1))
                })
                .sum::<usize>();
            let slot = local.get_mut(code).and_then(|slot| {
                if slot.is_none() {
                    *slot = weights::cached_terms(d, &compressed).map(|t| {
                        let w = t.iter().map(|(_, w)| w.to_float()).collect();
                        (t, w)
                    });
                }
                slot.as_ref()
            });
            match slot {
                Some((terms, w)) => {
                    let mut acc = T::zero();
                    for ((jc, _), &wj) in terms.iter().zip(w) {
                        // the direction: jc on the support of i, zero elsewhere
                        let r = ranker.rank(&support, jc);
                        let c = r
                            .checked_mul(d + 1)
                            .and_then(|k| coeffs.get(k.checked_add(e)?))
                            .copied()
                            .unwrap_or_else(T::nan);
                        acc += wj * c;
                    }
                    acc
                }
                // only for d > MAX_ORDER, which the drivers rule out
                None => T::nan(),
            }
        };
        indices.extend_from_slice(&i);
        values.push(value);
        advance(&mut i);
    }
    Ok(DerivativeTensor {
        dim,
        order: e,
        indices,
        values,
    })
}

/// Every partial derivative of order exactly `D` of `f` at `x`, as a symmetric
/// tensor.
///
/// `f` takes its arguments as a slice of [`Taylor<T, D>`](dual::Taylor); write
/// it once against [`DualNum`](dual::DualNum) and pass it by name, or pass a closure. It is
/// evaluated exactly [`multi_index_count`]`(x.len(), D)` times, along the
/// directions [`multi_indices`]`(x.len(), D)`.
///
/// `D` is at most [`MAX_ORDER`]; a larger `D` fails to compile (see below).
///
/// # Errors
/// [`Error::TooLarge`] if the job would need more than [`MAX_BYTES`] (or the
/// allocator refuses it), before `f` is evaluated;
/// [`Error::PerturbationConfusion`] if called inside the closure of another
/// driver that seeds the same `Taylor<T, D>`.
///
/// ```compile_fail,E0080
/// // a derivative order above MAX_ORDER
/// use dual::Taylor;
/// let t = hessian::tensor::derivative_tensor::<9, _>(|x: &[Taylor<f64, 9>]| x[0], &[1.0]);
/// ```
///
/// ```
/// use dual::DualNum;
/// use hessian::tensor::derivative_tensor;
///
/// // f(x) = exp(a . x): every third partial is a_i a_j a_k exp(a . x)
/// fn f<D: DualNum<f64>>(x: &[D]) -> D {
///     (x[0] * 0.5 - x[1] + x[2] * 2.0).exp()
/// }
/// let a = [0.5, -1.0, 2.0];
/// let x = [0.1, 0.2, 0.3];
/// let e = (0.05_f64 - 0.2 + 0.6).exp();
/// let t = derivative_tensor::<3, _>(f, &x)?;
/// for i in 0..3 {
///     for j in 0..3 {
///         for k in 0..3 {
///             let expected = a[i] * a[j] * a[k] * e;
///             approx::assert_relative_eq!(t.get(&[i, j, k]).unwrap(), expected, max_relative = 1e-12);
///         }
///     }
/// }
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn derivative_tensor<const D: usize, T: Scalar>(
    f: impl Fn(&[Taylor<T, D>]) -> Taylor<T, D>,
    x: &[T],
) -> Result<DerivativeTensor<T>, Error> {
    tensor_from::<D, T>(x, |count, err| propagate(&f, x, count, err))
}

/// The body of [`derivative_tensor`] and its parallel form: the job's size
/// and level, then `propagate(count, err)` (the value and the
/// coefficients), then the tensor of order `D`.
pub(crate) fn tensor_from<const D: usize, T: Scalar>(
    x: &[T],
    propagate: impl FnOnce(usize, &Error) -> Result<(T, Vec<T>), Error>,
) -> Result<DerivativeTensor<T>, Error> {
    const { assert!(D <= MAX_ORDER, "derivative order above MAX_ORDER") };
    let (_level, count, err) = taylor_job::<T, D>(x.len(), D..=D)?;
    let (value, coeffs) = propagate(count, &err)?;
    assemble(x.len(), D, D, value, &coeffs, &err)
}

/// Every derivative tensor of `f` at `x` of orders `0, 1, ..., D`: the value
/// (order 0, one entry), the gradient, the Hessian, ... The vector has `D + 1`
/// tensors, the `e`-th of order `e`.
///
/// All orders come from the same [`multi_index_count`]`(x.len(), D)`
/// evaluations of `f` as [`derivative_tensor`] makes for order `D` alone.
/// `D` is at most [`MAX_ORDER`]; a larger `D` fails to compile.
///
/// # Errors
/// [`Error::TooLarge`] if the job would need more than [`MAX_BYTES`] (or the
/// allocator refuses it), before `f` is evaluated;
/// [`Error::PerturbationConfusion`] if called inside the closure of another
/// driver that seeds the same `Taylor<T, D>`.
///
/// ```
/// use dual::DualNum;
/// use hessian::tensor::derivative_tensors;
///
/// fn f<D: DualNum<f64>>(x: &[D]) -> D {
///     x[0].sin() * x[1].cos()
/// }
/// let (a, b) = (0.3_f64, 1.1_f64);
/// let t = derivative_tensors::<3, _>(f, &[a, b])?;
/// assert_eq!(t.len(), 4);
/// approx::assert_relative_eq!(t[0].values()[0], a.sin() * b.cos(), max_relative = 1e-14);
/// approx::assert_relative_eq!(t[1].get(&[1]).unwrap(), -a.sin() * b.sin(), max_relative = 1e-12);
/// approx::assert_relative_eq!(t[2].get(&[0, 1]).unwrap(), -a.cos() * b.sin(), max_relative = 1e-12);
/// approx::assert_relative_eq!(t[3].get(&[0, 0, 0]).unwrap(), -a.cos() * b.cos(), max_relative = 1e-12);
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn derivative_tensors<const D: usize, T: Scalar>(
    f: impl Fn(&[Taylor<T, D>]) -> Taylor<T, D>,
    x: &[T],
) -> Result<Vec<DerivativeTensor<T>>, Error> {
    tensors_from::<D, T>(x, |count, err| propagate(&f, x, count, err))
}

/// The body of [`derivative_tensors`] and its parallel form, as
/// [`tensor_from`] for the orders `0..=D`.
pub(crate) fn tensors_from<const D: usize, T: Scalar>(
    x: &[T],
    propagate: impl FnOnce(usize, &Error) -> Result<(T, Vec<T>), Error>,
) -> Result<Vec<DerivativeTensor<T>>, Error> {
    const { assert!(D <= MAX_ORDER, "derivative order above MAX_ORDER") };
    let (_level, count, err) = taylor_job::<T, D>(x.len(), 0..=D)?;
    let (value, coeffs) = propagate(count, &err)?;
    (0..=D)
        .map(|e| assemble(x.len(), D, e, value, &coeffs, &err))
        .collect()
}

/// The Taylor polynomial of order `D` of `f` at `x` (see [`TaylorExpansion`]),
/// from [`multi_index_count`]`(x.len(), D)` evaluations of `f` on univariate
/// Taylor series. `D` is at most [`MAX_ORDER`]; a larger `D` fails to compile.
///
/// # Errors
/// [`Error::TooLarge`] if the job would need more than [`MAX_BYTES`] (or the
/// allocator refuses it), before `f` is evaluated;
/// [`Error::PerturbationConfusion`] if called inside the closure of another
/// driver that seeds the same `Taylor<T, D>`.
///
/// ```
/// use dual::DualNum;
/// use hessian::tensor::taylor_expansion;
///
/// // a cubic is its own Taylor polynomial of order 3
/// fn f<D: DualNum<f64>>(x: &[D]) -> D {
///     x[0].powi(2) * x[1] - x[1] * 3.0 + 1.0
/// }
/// let x = [1.0, 2.0];
/// let p = taylor_expansion::<3, _>(f, &x)?;
/// let dx = [0.7, -1.3];
/// let exact = f(&[x[0] + dx[0], x[1] + dx[1]]);
/// approx::assert_relative_eq!(p.eval(&dx).unwrap(), exact, max_relative = 1e-12);
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn taylor_expansion<const D: usize, T: Scalar>(
    f: impl Fn(&[Taylor<T, D>]) -> Taylor<T, D>,
    x: &[T],
) -> Result<TaylorExpansion<T>, Error> {
    Ok(expansion(x, derivative_tensors(f, x)?))
}

/// The Taylor polynomial at `x` from the derivative tensors of orders
/// `0..=D`: each partial divided by `α! = Π α_l!`.
pub(crate) fn expansion<T: Scalar>(
    x: &[T],
    mut coeffs: Vec<DerivativeTensor<T>>,
) -> TaylorExpansion<T> {
    for t in &mut coeffs {
        let dim = t.dim;
        for (r, v) in t.values.iter_mut().enumerate() {
            let alpha = &t.indices[r * dim..(r + 1) * dim];
            for &a in alpha {
                for m in 2..=a {
                    *v /= lit::<T>(m);
                }
            }
        }
    }
    TaylorExpansion::from_coefficients(x, coeffs)
}
