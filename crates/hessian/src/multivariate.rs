//! Drivers for functions of several variables: gradients, Hessians, Jacobians,
//! partial and directional derivatives.
//!
//! # Evaluation counts
//!
//! For a point of length `n` (`C` = [`GRADIENT_CHUNK`], `W` = [`HESSIAN_BLOCK`]):
//!
//! | driver | number type | evaluations of `f` |
//! |---|---|---|
//! | [`gradient`], [`jacobian`] | `DualVec<T, C>` | `max(1, ceil(n / C))` |
//! | [`hessian`] | `HyperDualVec<T, W>` | `1` if `n <= W`, else `k (k - 1) / 2` with `k = ceil(n / (W / 2))` |
//! | [`hessian_vector_product`] | `Dual<DualVec<T, C>>` | `ceil(n / C)` |
//! | [`directional_derivative`], [`partial_derivative`] | `Dual<T>` | 1 |
//! | [`second_partial_derivative`] | `HyperDual<T>` | 1 |
//! | [`second_directional_derivative`] | `Dual<Dual<T>>` | 1 |
//! | [`gradient_static`], [`hessian_static`] | `DualVec<T, N>`, `HyperDualVec<T, N>` | 1 |

use crate::nesting::{Level, confusion};
use crate::{Argument, Error};
use core::any::TypeId;
use core::ops::Range;
use dual::{Dual, DualVec, HyperDual, HyperDualVec, Scalar};
use nalgebra::{DMatrix, DVector, SMatrix, SVector};

/// How many partial derivatives [`gradient`], [`jacobian`] and
/// [`hessian_vector_product`] compute per evaluation of the function.
///
/// Chosen by measurement: `cargo bench -p hessian --bench chunks` (release
/// build; minimum time per call over 40 round-robin samples on a shared 2-core
/// machine). `rosenbrock` is polynomial, `chain` has a `sin`, a `cos` and an
/// `exp` in each of its `n - 1` terms. Times in µs:
///
/// | gradient of | n | C = 1 | C = 2 | C = 4 | C = 8 | C = 16 |
/// |---|---|---|---|---|---|---|
/// | rosenbrock | 10 | 0.19 | 0.14 | **0.10** | 0.16 | 0.23 |
/// | rosenbrock | 100 | 15.7 | 11.0 | 6.6 | **5.7** | 5.8 |
/// | chain | 10 | 1.05 | 0.57 | 0.40 | **0.38** | 0.38 |
/// | chain | 37 | 15.0 | 8.3 | 5.0 | 3.3 | **3.0** |
/// | chain | 100 | 114 | 60 | 34 | 22.5 | **18.4** |
///
/// `C = 8` is best or within 25% of the best in every row but the small
/// polynomial one; `C = 16` wastes half its work on small points.
///
/// ```
/// assert_eq!(hessian::GRADIENT_CHUNK, 8);
/// ```
pub const GRADIENT_CHUNK: usize = 8;

/// The width `W` of the [`HyperDualVec`] blocks that [`hessian`] evaluates with.
///
/// A point of length `n <= W` takes a single evaluation. A longer point is cut
/// into `k = ceil(n / (W / 2))` blocks of `W / 2` coordinates, and each pair of
/// blocks `(I, J)` with `I < J` is seeded together (block `I` in the first half
/// of the `W` directions, block `J` in the second), which yields the
/// off-diagonal block `(I, J)` and both diagonal blocks: `k (k - 1) / 2`
/// evaluations, and the blocks below the diagonal are copied, never computed.
/// One operation on a `HyperDualVec<T, W>` costs about `W²` plain ones.
///
/// Chosen by measurement, as for [`GRADIENT_CHUNK`] (same command and
/// workloads), re-measured on an otherwise idle machine after `HyperDualVec`
/// learned to compute only the upper triangle of its block; the last column
/// evaluates one `HyperDual` per entry on and above the diagonal
/// (`n (n + 1) / 2` evaluations). Times in µs:
///
/// | Hessian of | n | W = 2 | W = 4 | W = 8 | W = 16 | HyperDual per entry |
/// |---|---|---|---|---|---|---|
/// | rosenbrock | 4 | 0.29 | **0.15** | 0.54 | 2.40 | 0.31 |
/// | rosenbrock | 10 | 3.8 | **2.3** | 3.4 | 6.9 | 2.9 |
/// | rosenbrock | 37 | 180 | **109** | 165 | 258 | 142 |
/// | rosenbrock | 100 | 3554 | **1992** | 2882 | 5319 | 2569 |
/// | chain | 4 | 0.54 | **0.21** | 0.68 | 2.74 | |
/// | chain | 10 | 9.8 | **4.0** | 4.7 | 7.9 | |
/// | chain | 37 | 539 | **225** | 243 | 295 | |
/// | chain | 100 | 11270 | **4402** | **4389** | 6150 | |
///
/// `W = 4` is best (or level with `W = 8`) in every row; larger blocks pay `W²`
/// per operation for directions a small point does not have. For a fixed,
/// small `n`, [`hessian_static`] avoids blocking altogether; [`hessian_chunked`]
/// takes any `W`.
///
/// ```
/// assert_eq!(hessian::HESSIAN_BLOCK, 4);
/// ```
pub const HESSIAN_BLOCK: usize = 4;

/// The value and the gradient of `f: R^n -> R` at `x`.
///
/// `ceil(n / C)` evaluations of `f` on [`DualVec<T, C>`](DualVec) numbers with
/// `C` = [`GRADIENT_CHUNK`] (one evaluation for an empty point).
///
/// ```
/// use dual::DualNum;
/// use hessian::gradient;
///
/// fn g<D: DualNum<f64>>(x: &[D]) -> D {
///     x[0] * x[1].sin() + x[0].powi(2) * 3.0
/// }
/// let (v, grad) = gradient(g, &[1.5, 0.5]);
/// assert_eq!(v, g(&[1.5, 0.5]));
/// approx::assert_relative_eq!(grad[0], 0.5_f64.sin() + 9.0, max_relative = 1e-15);
/// approx::assert_relative_eq!(grad[1], 1.5 * 0.5_f64.cos(), max_relative = 1e-15);
/// ```
#[must_use]
pub fn gradient<T, F>(f: F, x: &[T]) -> (T, DVector<T>)
where
    T: Scalar,
    F: Fn(&[DualVec<T, GRADIENT_CHUNK>]) -> DualVec<T, GRADIENT_CHUNK>,
{
    gradient_chunked::<GRADIENT_CHUNK, T>(f, x)
}

/// [`gradient`] with a chunk size `C` of your choice: `ceil(n / C)` evaluations
/// on [`DualVec<T, C>`](DualVec) numbers. `C = 0` does not compile.
///
/// ```
/// use hessian::gradient_chunked;
/// let (_, g) = gradient_chunked::<3, _>(|x| x.iter().map(|&xi| xi * xi).sum(), &[1.0, 2.0, 3.0, 4.0]);
/// approx::assert_relative_eq!(g.as_slice(), &[2.0, 4.0, 6.0, 8.0][..]);
/// ```
#[must_use]
pub fn gradient_chunked<const C: usize, T>(
    f: impl Fn(&[DualVec<T, C>]) -> DualVec<T, C>,
    x: &[T],
) -> (T, DVector<T>)
where
    T: Scalar,
{
    const { assert!(C > 0, "the chunk size must be at least 1") };
    let n = x.len();
    let Some(_level) = Level::of::<DualVec<T, C>>() else {
        return (T::nan(), DVector::from_element(n, T::nan()));
    };
    let mut xs: Vec<DualVec<T, C>> = x.iter().map(|&xi| DualVec::constant(xi)).collect();
    let mut grad = DVector::zeros(n);
    if n == 0 {
        return (f(&xs).re, grad);
    }
    let mut value = T::nan();
    for_each_chunk(&mut xs, &f, |chunk, y| {
        if chunk.start == 0 {
            value = y.re;
        }
        for (g, e) in grad.as_mut_slice()[chunk].iter_mut().zip(y.eps) {
            *g = e;
        }
    });
    (value, grad)
}

/// Evaluate `f` once per chunk of `C` consecutive inputs: the chunk's `k`-th
/// input is seeded as the `k`-th variable (the others stay constants), and
/// `visit` gets the chunk's index range and the result.
pub(crate) fn for_each_chunk<T: Scalar, const C: usize, Y>(
    xs: &mut [DualVec<T, C>],
    f: impl Fn(&[DualVec<T, C>]) -> Y,
    mut visit: impl FnMut(Range<usize>, Y),
) {
    let n = xs.len();
    for start in (0..n).step_by(C) {
        let chunk = start..(start + C).min(n);
        for (k, xi) in xs[chunk.clone()].iter_mut().enumerate() {
            *xi = DualVec::variable(xi.re, k);
        }
        let y = f(xs);
        for xi in &mut xs[chunk.clone()] {
            *xi = DualVec::constant(xi.re);
        }
        visit(chunk, y);
    }
}

/// The values and the `m x n` Jacobian of `f: R^n -> R^m` at `x`; the closure
/// returns a `Vec` of its `m` outputs.
///
/// `ceil(n / C)` evaluations of `f` on [`DualVec<T, C>`](DualVec) numbers with
/// `C` = [`GRADIENT_CHUNK`] (one for an empty point). `m` is the length of the
/// first output; should a later evaluation return fewer outputs (a closure whose
/// output length depends on its input's derivative parts), the missing entries
/// are NaN.
///
/// ```
/// use dual::DualNum;
/// use hessian::jacobian;
///
/// // polar to Cartesian
/// fn p<D: DualNum<f64>>(x: &[D]) -> Vec<D> {
///     vec![x[0] * x[1].cos(), x[0] * x[1].sin()]
/// }
/// let (r, t) = (2.0_f64, 0.3_f64);
/// let (v, j) = jacobian(p, &[r, t]);
/// approx::assert_relative_eq!(v[1], r * t.sin());
/// approx::assert_relative_eq!(j[(0, 0)], t.cos());
/// approx::assert_relative_eq!(j[(0, 1)], -r * t.sin());
/// approx::assert_relative_eq!(j[(1, 0)], t.sin());
/// approx::assert_relative_eq!(j[(1, 1)], r * t.cos());
/// ```
#[must_use]
pub fn jacobian<T, F>(f: F, x: &[T]) -> (DVector<T>, DMatrix<T>)
where
    T: Scalar,
    F: Fn(&[DualVec<T, GRADIENT_CHUNK>]) -> Vec<DualVec<T, GRADIENT_CHUNK>>,
{
    jacobian_chunked::<GRADIENT_CHUNK, T>(f, x)
}

/// [`jacobian`] with a chunk size `C` of your choice. `C = 0` does not compile.
///
/// ```
/// use hessian::jacobian_chunked;
/// let (_, j) = jacobian_chunked::<1, _>(|x| vec![x[0] * x[1], x[0] + x[1]], &[2.0, 3.0]);
/// approx::assert_relative_eq!(j, nalgebra::dmatrix![3.0, 2.0; 1.0, 1.0]);
/// ```
#[must_use]
pub fn jacobian_chunked<const C: usize, T>(
    f: impl Fn(&[DualVec<T, C>]) -> Vec<DualVec<T, C>>,
    x: &[T],
) -> (DVector<T>, DMatrix<T>)
where
    T: Scalar,
{
    const { assert!(C > 0, "the chunk size must be at least 1") };
    let n = x.len();
    let mut xs: Vec<DualVec<T, C>> = x.iter().map(|&xi| DualVec::constant(xi)).collect();
    let Some(_level) = Level::of::<DualVec<T, C>>() else {
        // the output length, from an evaluation on constants (no perturbation to confuse)
        let m = f(&xs).len();
        return (
            DVector::from_element(m, T::nan()),
            DMatrix::from_element(m, n, T::nan()),
        );
    };
    if n == 0 {
        let y = f(&xs);
        return (
            DVector::from_iterator(y.len(), y.iter().map(|yi| yi.re)),
            DMatrix::zeros(y.len(), 0),
        );
    }
    let mut values = DVector::zeros(0);
    let mut jac = DMatrix::zeros(0, n);
    for_each_chunk(&mut xs, &f, |chunk, y| {
        if chunk.start == 0 {
            values = DVector::from_iterator(y.len(), y.iter().map(|yi| yi.re));
            jac = DMatrix::from_element(y.len(), n, T::nan());
        }
        for (r, yr) in y.iter().take(values.len()).enumerate() {
            for (k, &e) in chunk.clone().zip(&yr.eps) {
                jac[(r, k)] = e;
            }
        }
    });
    (values, jac)
}

/// The value, the gradient and the Hessian of `f: R^n -> R` at `x`.
///
/// Evaluates `f` on [`HyperDualVec<T, W>`](HyperDualVec) numbers with
/// `W` = [`HESSIAN_BLOCK`]: once if `n <= W`, else `k (k - 1) / 2` times with
/// `k = ceil(n / (W / 2))`, computing only the blocks on and above the diagonal.
/// The Hessian is symmetric to the last bit: the lower triangle is a copy of the
/// upper one.
///
/// ```
/// use dual::DualNum;
/// use hessian::hessian;
///
/// fn f<D: DualNum<f64>>(x: &[D]) -> D {
///     x[0] * x[0] + x[1] * x[1] + x[0] * x[1]
/// }
/// let (v, g, h) = hessian(f, &[1.0, 2.0]);
/// assert_eq!(v, 7.0);
/// approx::assert_relative_eq!(g, nalgebra::dvector![4.0, 5.0]);
/// approx::assert_relative_eq!(h, nalgebra::dmatrix![2.0, 1.0; 1.0, 2.0]);
/// ```
#[must_use]
pub fn hessian<T, F>(f: F, x: &[T]) -> (T, DVector<T>, DMatrix<T>)
where
    T: Scalar,
    F: Fn(&[HyperDualVec<T, HESSIAN_BLOCK>]) -> HyperDualVec<T, HESSIAN_BLOCK>,
{
    hessian_chunked::<HESSIAN_BLOCK, T>(f, x)
}

/// [`hessian`] with a block width `W` of your choice (even, at least 2; anything
/// else does not compile).
///
/// ```
/// use hessian::hessian_chunked;
/// // x0 x1 x2 x3: every off-diagonal entry is the product of the other two
/// let x = [1.0, 2.0, 3.0, 4.0];
/// let (_, _, h) = hessian_chunked::<2, _>(|x| x[0] * x[1] * x[2] * x[3], &x);
/// approx::assert_relative_eq!(h[(0, 3)], 6.0);
/// approx::assert_relative_eq!(h[(3, 0)], 6.0);
/// approx::assert_relative_eq!(h[(1, 2)], 4.0);
/// assert_eq!(h[(2, 2)], 0.0);
/// ```
#[must_use]
pub fn hessian_chunked<const W: usize, T>(
    f: impl Fn(&[HyperDualVec<T, W>]) -> HyperDualVec<T, W>,
    x: &[T],
) -> (T, DVector<T>, DMatrix<T>)
where
    T: Scalar,
{
    const {
        assert!(
            W >= 2 && W % 2 == 0,
            "the block width must be even and at least 2"
        )
    };
    let n = x.len();
    let Some(_level) = Level::of::<HyperDualVec<T, W>>() else {
        return (
            T::nan(),
            DVector::from_element(n, T::nan()),
            DMatrix::from_element(n, n, T::nan()),
        );
    };
    let mut xs: Vec<HyperDualVec<T, W>> = x.iter().map(|&xi| HyperDualVec::constant(xi)).collect();
    let mut grad = DVector::zeros(n);
    let mut hess = DMatrix::zeros(n, n);
    if n <= W {
        let value = hessian_pass(&f, &mut xs, &[(0..n, 0)], &mut grad, &mut hess);
        return (value, grad, hess);
    }
    let half = W / 2;
    let blocks: Vec<Range<usize>> = (0..n).step_by(half).map(|s| s..(s + half).min(n)).collect();
    let mut value = None;
    for (i, bi) in blocks.iter().enumerate() {
        for bj in &blocks[i + 1..] {
            let v = hessian_pass(
                &f,
                &mut xs,
                &[(bi.clone(), 0), (bj.clone(), half)],
                &mut grad,
                &mut hess,
            );
            value.get_or_insert(v);
        }
    }
    (value.unwrap_or_else(T::nan), grad, hess)
}

/// One evaluation of a Hessian pass: seed each block `(range, first slot)`,
/// evaluate, write the gradient entries and the Hessian entries on and above the
/// diagonal (and copy them below), unseed. Returns the value.
fn hessian_pass<T: Scalar, const W: usize>(
    f: &impl Fn(&[HyperDualVec<T, W>]) -> HyperDualVec<T, W>,
    xs: &mut [HyperDualVec<T, W>],
    blocks: &[(Range<usize>, usize)],
    grad: &mut DVector<T>,
    hess: &mut DMatrix<T>,
) -> T {
    for (range, first) in blocks {
        for (k, xi) in xs[range.clone()].iter_mut().enumerate() {
            *xi = HyperDualVec::variable(xi.re, first + k);
        }
    }
    let y = f(xs);
    for (range, _) in blocks {
        for xi in &mut xs[range.clone()] {
            *xi = HyperDualVec::constant(xi.re);
        }
    }
    // (global index, slot) of every seeded coordinate, in increasing global order
    let slots = blocks
        .iter()
        .flat_map(|(range, first)| range.clone().zip(*first..));
    for (a, sa) in slots.clone() {
        grad[a] = y.eps[sa];
        for (b, sb) in slots.clone().filter(|&(b, _)| b >= a) {
            let h = y.eps2[sa][sb];
            hess[(a, b)] = h;
            hess[(b, a)] = h;
        }
    }
    y.re
}

/// The value, the gradient and the Hessian of `f: R^N -> R` at a point of
/// compile-time length `N`, in one evaluation on [`HyperDualVec<T, N>`](HyperDualVec)
/// numbers, with no heap allocation for the inputs.
///
/// Faster than [`hessian`] for small `N` (no chunking, no `Vec`); the cost of one
/// operation grows as `N^2`, so for large `N` prefer [`hessian`].
///
/// ```
/// use hessian::hessian_static;
/// use nalgebra::{matrix, vector};
/// let (v, g, h) = hessian_static(|x| x[0] * x[0] * x[1], &vector![3.0, 2.0]);
/// assert_eq!(v, 18.0);
/// approx::assert_relative_eq!(g, vector![12.0, 9.0]);
/// approx::assert_relative_eq!(h, matrix![4.0, 6.0; 6.0, 0.0]);
/// ```
#[must_use]
pub fn hessian_static<const N: usize, T>(
    f: impl Fn(&[HyperDualVec<T, N>]) -> HyperDualVec<T, N>,
    x: &SVector<T, N>,
) -> (T, SVector<T, N>, SMatrix<T, N, N>)
where
    T: Scalar,
{
    let Some(_level) = Level::of::<HyperDualVec<T, N>>() else {
        return (
            T::nan(),
            SVector::from_element(T::nan()),
            SMatrix::from_element(T::nan()),
        );
    };
    let xs: [HyperDualVec<T, N>; N] = core::array::from_fn(|i| HyperDualVec::variable(x[i], i));
    let y = f(&xs);
    let h = SMatrix::from_fn(|i, j| if i <= j { y.eps2[i][j] } else { y.eps2[j][i] });
    (y.re, SVector::from(y.eps), h)
}

/// The value and the gradient of `f: R^N -> R` at a point of compile-time length
/// `N`, in one evaluation on [`DualVec<T, N>`](DualVec) numbers, with no heap
/// allocation for the inputs.
///
/// ```
/// use hessian::gradient_static;
/// use nalgebra::vector;
/// let (v, g) = gradient_static(|x| x[0].exp() * x[1], &vector![0.0, 2.0]);
/// assert_eq!(v, 2.0);
/// approx::assert_relative_eq!(g, vector![2.0, 1.0]);
/// ```
#[must_use]
pub fn gradient_static<const N: usize, T>(
    f: impl Fn(&[DualVec<T, N>]) -> DualVec<T, N>,
    x: &SVector<T, N>,
) -> (T, SVector<T, N>)
where
    T: Scalar,
{
    let Some(_level) = Level::of::<DualVec<T, N>>() else {
        return (T::nan(), SVector::from_element(T::nan()));
    };
    let xs: [DualVec<T, N>; N] = core::array::from_fn(|i| DualVec::variable(x[i], i));
    let y = f(&xs);
    (y.re, SVector::from(y.eps))
}

/// The Hessian-vector product `H(x) v` of `f: R^n -> R`, without forming `H`.
///
/// Forward over forward: the outer [`Dual`] carries the direction `v`, the inner
/// [`DualVec<T, C>`](DualVec) a chunk of `C` = [`GRADIENT_CHUNK`] coordinates, so
/// one evaluation gives `C` entries of `∇(∇f · v)`: `ceil(n / C)` evaluations,
/// each about `3 (C + 1)` times the cost of the plain function, against
/// `O(n^2)` for the whole Hessian.
///
/// # Errors
///
/// [`Error::LengthMismatch`] if `v` and `x`
/// differ in length.
///
/// ```
/// use hessian::hessian_vector_product;
/// // f = x0^2 x1 has H = [[2 x1, 2 x0], [2 x0, 0]]
/// let hv = hessian_vector_product(|x| x[0] * x[0] * x[1], &[3.0, 2.0], &[1.0, -1.0])?;
/// approx::assert_relative_eq!(hv, nalgebra::dvector![4.0 - 6.0, 6.0]);
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn hessian_vector_product<T, F>(f: F, x: &[T], v: &[T]) -> Result<DVector<T>, Error>
where
    T: Scalar,
    F: Fn(&[Dual<DualVec<T, GRADIENT_CHUNK>>]) -> Dual<DualVec<T, GRADIENT_CHUNK>>,
{
    hessian_vector_product_with_value(f, x, v).map(|(_, _, hv)| hv)
}

/// [`hessian_vector_product`] with what the same evaluations give besides:
/// `(f(x), ∇f(x), H(x) v)`, the value and the lower orders first (the value
/// rule of the [crate docs](crate)). The inputs for a Newton-CG step in one
/// call.
///
/// # Errors
///
/// [`Error::LengthMismatch`] if `v` and `x` differ in length.
///
/// ```
/// use hessian::hessian_vector_product_with_value;
/// // f = x0^2 x1: ∇f = (2 x0 x1, x0^2), H = [[2 x1, 2 x0], [2 x0, 0]]
/// let (f, g, hv) = hessian_vector_product_with_value(|x| x[0] * x[0] * x[1], &[3.0, 2.0], &[1.0, -1.0])?;
/// assert_eq!(f, 18.0);
/// approx::assert_relative_eq!(g, nalgebra::dvector![12.0, 9.0]);
/// approx::assert_relative_eq!(hv, nalgebra::dvector![4.0 - 6.0, 6.0]);
/// # Ok::<(), hessian::Error>(())
/// ```
#[allow(clippy::type_complexity)]
pub fn hessian_vector_product_with_value<T, F>(
    f: F,
    x: &[T],
    v: &[T],
) -> Result<(T, DVector<T>, DVector<T>), Error>
where
    T: Scalar,
    F: Fn(&[Dual<DualVec<T, GRADIENT_CHUNK>>]) -> Dual<DualVec<T, GRADIENT_CHUNK>>,
{
    Error::check_length(Argument::Direction, v.len(), x.len())?;
    let _level = Level::enter(&[
        TypeId::of::<DualVec<T, GRADIENT_CHUNK>>(),
        TypeId::of::<Dual<DualVec<T, GRADIENT_CHUNK>>>(),
    ])
    .ok_or_else(confusion::<Dual<DualVec<T, GRADIENT_CHUNK>>>)?;
    let n = x.len();
    let mut xs: Vec<Dual<DualVec<T, GRADIENT_CHUNK>>> = x
        .iter()
        .zip(v)
        .map(|(&xi, &vi)| Dual::new(DualVec::constant(xi), DualVec::constant(vi)))
        .collect();
    let mut grad = DVector::zeros(n);
    let mut out = DVector::zeros(n);
    if n == 0 {
        return Ok((f(&xs).re.re, grad, out));
    }
    let mut value = T::nan();
    for start in (0..n).step_by(GRADIENT_CHUNK) {
        let chunk = start..(start + GRADIENT_CHUNK).min(n);
        for (k, xi) in xs[chunk.clone()].iter_mut().enumerate() {
            xi.re = DualVec::variable(xi.re.re, k);
        }
        let y = f(&xs);
        for xi in &mut xs[chunk.clone()] {
            xi.re = DualVec::constant(xi.re.re);
        }
        if start == 0 {
            value = y.re.re;
        }
        for (g, e) in grad.as_mut_slice()[chunk.clone()].iter_mut().zip(y.re.eps) {
            *g = e;
        }
        for (o, e) in out.as_mut_slice()[chunk].iter_mut().zip(y.eps.eps) {
            *o = e;
        }
    }
    Ok((value, grad, out))
}

/// The directional derivative `∇f(x) · v`, in one evaluation on [`Dual`] numbers.
///
/// # Errors
///
/// [`Error::LengthMismatch`] if `v` and `x`
/// differ in length.
///
/// ```
/// use hessian::directional_derivative;
/// let d = directional_derivative(|x| x[0] * x[1].exp(), &[2.0, 0.0], &[1.0, 1.0])?;
/// approx::assert_relative_eq!(d, 1.0 + 2.0);
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn directional_derivative<T, F>(f: F, x: &[T], v: &[T]) -> Result<T, Error>
where
    T: Scalar,
    F: Fn(&[Dual<T>]) -> Dual<T>,
{
    directional_derivative_with_value(f, x, v).map(|(_, d)| d)
}

/// [`directional_derivative`] with the value: `(f(x), ∇f(x) · v)`, from the
/// same single evaluation.
///
/// # Errors
///
/// [`Error::LengthMismatch`] if `v` and `x` differ in length.
///
/// ```
/// use hessian::directional_derivative_with_value;
/// let (f, d) = directional_derivative_with_value(|x| x[0] * x[1].exp(), &[2.0, 0.0], &[1.0, 1.0])?;
/// assert_eq!((f, d), (2.0, 3.0));
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn directional_derivative_with_value<T, F>(f: F, x: &[T], v: &[T]) -> Result<(T, T), Error>
where
    T: Scalar,
    F: Fn(&[Dual<T>]) -> Dual<T>,
{
    Error::check_length(Argument::Direction, v.len(), x.len())?;
    let _level = Level::try_of::<Dual<T>>()?;
    let xs: Vec<Dual<T>> = x.iter().zip(v).map(|(&a, &b)| Dual::new(a, b)).collect();
    let y = f(&xs);
    Ok((y.re, y.eps))
}

/// The second directional derivative `vᵀ H(x) v` (the curvature of `f` along
/// `v`), in one evaluation on `Dual<Dual<T>>` numbers (forward over forward).
///
/// # Errors
///
/// [`Error::LengthMismatch`] if `v` and `x`
/// differ in length.
///
/// ```
/// use hessian::second_directional_derivative;
/// // H = [[2, 1], [1, 2]], v = (1, 1): vᵀ H v = 6
/// let c = second_directional_derivative(|x| x[0] * x[0] + x[1] * x[1] + x[0] * x[1], &[0.3, -0.2], &[1.0, 1.0])?;
/// approx::assert_relative_eq!(c, 6.0);
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn second_directional_derivative<T, F>(f: F, x: &[T], v: &[T]) -> Result<T, Error>
where
    T: Scalar,
    F: Fn(&[Dual<Dual<T>>]) -> Dual<Dual<T>>,
{
    second_directional_derivative_with_value(f, x, v).map(|(_, _, d2)| d2)
}

/// [`second_directional_derivative`] with the value and the first
/// directional derivative: `(f(x), ∇f(x) · v, vᵀ H(x) v)`, from the same
/// single evaluation.
///
/// # Errors
///
/// [`Error::LengthMismatch`] if `v` and `x` differ in length.
///
/// ```
/// use hessian::second_directional_derivative_with_value;
/// // along v = (1, 1) from (1, 2): f(t) = (1 + t)² (2 + t) = 2 + 5t + 4t² + t³
/// let r = second_directional_derivative_with_value(|x| x[0] * x[0] * x[1], &[1.0, 2.0], &[1.0, 1.0])?;
/// assert_eq!(r, (2.0, 5.0, 8.0));
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn second_directional_derivative_with_value<T, F>(
    f: F,
    x: &[T],
    v: &[T],
) -> Result<(T, T, T), Error>
where
    T: Scalar,
    F: Fn(&[Dual<Dual<T>>]) -> Dual<Dual<T>>,
{
    Error::check_length(Argument::Direction, v.len(), x.len())?;
    let _level = Level::enter(&[TypeId::of::<Dual<T>>(), TypeId::of::<Dual<Dual<T>>>()])
        .ok_or_else(confusion::<Dual<Dual<T>>>)?;
    let xs: Vec<Dual<Dual<T>>> = x
        .iter()
        .zip(v)
        .map(|(&a, &b)| Dual::new(Dual::new(a, b), Dual::new(b, T::zero())))
        .collect();
    let y = f(&xs);
    Ok((y.re.re, y.re.eps, y.eps.eps))
}

/// The partial derivative `∂f/∂x_i` at `x`, in one evaluation on [`Dual`] numbers.
///
/// # Errors
///
/// [`Error::IndexOutOfRange`] if
/// `i >= x.len()`.
///
/// ```
/// use hessian::partial_derivative;
/// let d = partial_derivative(|x| x[0] * x[1].sin(), &[2.0, 0.5], 1)?;
/// approx::assert_relative_eq!(d, 2.0 * 0.5_f64.cos());
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn partial_derivative<T, F>(f: F, x: &[T], i: usize) -> Result<T, Error>
where
    T: Scalar,
    F: Fn(&[Dual<T>]) -> Dual<T>,
{
    partial_derivative_with_value(f, x, i).map(|(_, d)| d)
}

/// [`partial_derivative`] with the value: `(f(x), ∂f/∂x_i)`, from the same
/// single evaluation.
///
/// # Errors
///
/// [`Error::IndexOutOfRange`] if `i >= x.len()`.
///
/// ```
/// use hessian::partial_derivative_with_value;
/// let (f, d) = partial_derivative_with_value(|x| x[0] * x[1] * x[1], &[2.0, 3.0], 1)?;
/// assert_eq!((f, d), (18.0, 12.0));
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn partial_derivative_with_value<T, F>(f: F, x: &[T], i: usize) -> Result<(T, T), Error>
where
    T: Scalar,
    F: Fn(&[Dual<T>]) -> Dual<T>,
{
    Error::check_index(i, x.len())?;
    let _level = Level::try_of::<Dual<T>>()?;
    let xs: Vec<Dual<T>> = x
        .iter()
        .enumerate()
        .map(|(k, &a)| Dual::new(a, if k == i { T::one() } else { T::zero() }))
        .collect();
    let y = f(&xs);
    Ok((y.re, y.eps))
}

/// The second partial derivative `∂²f/∂x_i∂x_j` at `x`, in one evaluation on
/// [`HyperDual`] numbers (`i == j` gives the pure second derivative).
///
/// # Errors
///
/// [`Error::IndexOutOfRange`] if `i` or
/// `j` is not below `x.len()`.
///
/// ```
/// use hessian::second_partial_derivative;
/// let f = |x: &[_]| x[0] * x[0] * x[1];
/// approx::assert_relative_eq!(second_partial_derivative(f, &[3.0, 2.0], 0, 1)?, 6.0);
/// approx::assert_relative_eq!(second_partial_derivative(f, &[3.0, 2.0], 0, 0)?, 4.0);
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn second_partial_derivative<T, F>(f: F, x: &[T], i: usize, j: usize) -> Result<T, Error>
where
    T: Scalar,
    F: Fn(&[HyperDual<T>]) -> HyperDual<T>,
{
    second_partial_derivative_with_value(f, x, i, j).map(|(_, _, _, d)| d)
}

/// [`second_partial_derivative`] with the value and both first partials:
/// `(f(x), ∂f/∂x_i, ∂f/∂x_j, ∂²f/∂x_i∂x_j)`, from the same single evaluation.
///
/// # Errors
///
/// [`Error::IndexOutOfRange`] if `i` or `j` is not below `x.len()`.
///
/// ```
/// use hessian::second_partial_derivative_with_value;
/// let r = second_partial_derivative_with_value(|x| x[0] * x[0] * x[1], &[3.0, 2.0], 0, 1)?;
/// assert_eq!(r, (18.0, 12.0, 9.0, 6.0));
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn second_partial_derivative_with_value<T, F>(
    f: F,
    x: &[T],
    i: usize,
    j: usize,
) -> Result<(T, T, T, T), Error>
where
    T: Scalar,
    F: Fn(&[HyperDual<T>]) -> HyperDual<T>,
{
    Error::check_index(i, x.len())?;
    Error::check_index(j, x.len())?;
    let _level = Level::try_of::<HyperDual<T>>()?;
    let unit = |k: usize, at: usize| if k == at { T::one() } else { T::zero() };
    let xs: Vec<HyperDual<T>> = x
        .iter()
        .enumerate()
        .map(|(k, &a)| HyperDual::new(a, unit(k, i), unit(k, j), T::zero()))
        .collect();
    let y = f(&xs);
    Ok((y.re, y.eps1, y.eps2, y.eps1eps2))
}
