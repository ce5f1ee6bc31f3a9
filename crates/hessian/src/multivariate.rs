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
//! | [`hessian`] | `HyperDualVec<T, W>` | `1` if `n <= W`, else at most `k (k - 1) / 2` with `k = ceil(n / (W / 2))`; from `n = 8 W` on about `1.1 n² / (W (W - 1))` (see [`HESSIAN_BLOCK`]) |
//! | [`hessian_vector_product`] | `Dual<DualVec<T, C>>` | `ceil(n / C)` |
//! | [`directional_derivative`], [`partial_derivative`] | `Dual<T>` | 1 |
//! | [`second_partial_derivative`] | `HyperDual<T>` | 1 |
//! | [`second_directional_derivative`] | `Dual<Dual<T>>` | 1 |
//! | [`gradient_static`] | `DualVec<T, N>` | 1 |
//! | [`hessian_static`] | `HyperDualVec<T, N>` for `N <= `[`STATIC_ONE_PASS`], else as [`hessian`] | 1, else as [`hessian`] |

use crate::nesting::{Level, confusion};
use crate::{Argument, Error};
use core::any::{Any, TypeId};
use core::cell::RefCell;
use core::ops::Range;
use dual::{Dual, DualVec, HyperDual, HyperDualVec, Scalar};
use nalgebra::{Const, DMatrix, DVector, SMatrix, SVector};
use std::rc::Rc;

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
/// A point of length `n <= W` takes a single evaluation. A longer point needs
/// every pair of coordinates seeded together in some evaluation (its `W x W`
/// block of the Hessian then holds their entry), so the evaluations are a
/// covering of the pairs by sets of `W` coordinates:
/// * by default, the block pairs: the point is cut into
///   `k = ceil(n / (W / 2))` blocks of `W / 2` consecutive coordinates, and
///   each pair of blocks `(I, J)` with `I < J` is seeded together, which
///   yields the off-diagonal block `(I, J)` and both diagonal blocks:
///   `k (k - 1) / 2` evaluations;
/// * instead, a smaller covering when it needs a tenth fewer evaluations:
///   from `n = 8 W` on a greedy one, and at `n = W^m` (or just below) the
///   lines of an affine space over `GF(W)`, where every pair is seeded
///   together exactly once. Each evaluation then covers close to all
///   `W (W - 1) / 2` of its pairs instead of `(W / 2)²`; where `n` is (nearly)
///   `W` times a power of two, a transversal design, every pair from two
///   different groups seeded together exactly once. For `W = 4`: 20
///   evaluations instead of 28 at `n = 16`, 88 instead of 120 at 32, 336
///   instead of 496 at 64, 1376 instead of 2016 at 128, 5440 instead of 8128
///   at 256 (the fewest possible at each of these sizes). The greedy search takes 18 µs at `n = 64`
///   and 0.34 ms at `n = 256` and is kept per thread for the last few sizes,
///   so it is paid once per size.
///
/// The entries below the diagonal are copied, never computed.
///
/// One operation on a `HyperDualVec<T, W>` costs about `W²` plain ones.
///
/// Chosen by measurement: `cargo bench -p hessian --bench chunks` (release
/// build, minimum time per call over 40 round-robin samples, 10 at n = 100, on a
/// shared 2-core machine with a load of about 5), after `HyperDualVec` learned
/// to skip the parts it knows are zero (constants and linear intermediates).
/// `rosenbrock` and `chain` as for [`GRADIENT_CHUNK`]; `least_squares` is
/// `||y - A x||^2` with a dense `2n x n` matrix (linear until the squares);
/// `net` is a tanh layer on 4 samples (dense, transcendental). The last column
/// evaluates one `HyperDual` per entry on and above the diagonal
/// (`n (n + 1) / 2` evaluations). Times in µs, the best of each row in bold:
///
/// | Hessian of | n | W = 2 | W = 4 | W = 8 | W = 16 | HyperDual per entry |
/// |---|---|---|---|---|---|---|
/// | rosenbrock | 4 | 0.40 | **0.15** | 0.54 | 2.55 | 0.32 |
/// | rosenbrock | 10 | 4.33 | **1.59** | 2.78 | 7.69 | 2.76 |
/// | rosenbrock | 37 | 178 | **54.7** | 107 | 206 | 118 |
/// | rosenbrock | 100 | 3496 | **934** | 1709 | 7869 | 2182 |
/// | chain | 4 | 0.90 | **0.28** | 0.58 | 2.85 |  |
/// | chain | 10 | 10.9 | 3.38 | **2.84** | 8.92 |  |
/// | chain | 37 | 533 | 152 | **81.4** | 237 |  |
/// | chain | 100 | 30434 | 2849 | **1203** | 8329 |  |
/// | least_squares | 4 | 0.62 | **0.21** | 0.79 | 4.85 |  |
/// | least_squares | 10 | 12.3 | **3.67** | 4.35 | 22.9 |  |
/// | least_squares | 37 | 1848 | 487 | **283** | 2319 |  |
/// | least_squares | 100 | 388096 | 83102 | **24716** | 493644 |  |
/// | net | 4 | 1.32 | **0.39** | 0.82 | 5.08 |  |
/// | net | 10 | 20.6 | 5.78 | **3.07** | 11.2 |  |
/// | net | 37 | 1129 | 317 | **114** | 306 |  |
/// | net | 100 | 81808 | 14211 | **1878** | 17934 |  |
///
/// (The n = 4 row is from a run before the operators were made
/// `#[inline(always)]`; the others after.) `W = 4` is best for every small
/// point and for the sparse Rosenbrock at every size (each pass touches few of
/// the block's variables, the pass count grows as `(n / W)²` and a wider
/// block's full operations cost `W²`). For dense functions of 37 or more
/// variables `W = 8` is 1.7x to 7x faster: pass it to [`hessian_chunked`]
/// there. `W = 16` numbers (2.2 KB each) cost more to move than the passes
/// they save. The closure's number type fixes `W` at compile time, so
/// [`hessian`] cannot switch with `n`; `W = 4` keeps small points (the common
/// case, and where a one-pass `W = 8` is 3x slower) fast. For a fixed, small
/// `n`, [`hessian_static`] evaluates once without blocking.
///
/// Tracking activity against the code before it, same workloads, `W = 4`,
/// two alternating runs of each build (`CHUNKS_DENSE=16,64 cargo bench -p
/// hessian --bench chunks` here and at the commit before; the mean of the two
/// minima), µs before -> after: least squares n = 16 38.9 -> 26.9, n = 64
/// 15500 -> 8900 (noisy: 13600-17400 and 7400-10300); Rosenbrock n = 16 7.5 ->
/// 5.7, n = 64 472 -> 284; tanh layer n = 16 31.0 -> 28.3, n = 64 2168 -> 1890;
/// chain n = 16 14.6 -> 11.8, n = 64 995 -> 675. No case was slower.
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
    let mut parts = GradientParts::<T, C>::new(x.len());
    let mut xs = first_chunk_seeded::<T, C>(x.iter().copied());
    for_each_chunk(&mut xs, &f, |chunk, y| parts.put(chunk, &y));
    parts.finish()
}

/// The chunks of `0..n` of length `C` (one empty chunk for `n = 0`, so that
/// the function is still evaluated once).
pub(crate) fn chunks<const C: usize>(n: usize) -> Vec<Range<usize>> {
    chunk_ranges::<C>(n).collect()
}

/// [`chunks`] without collecting them.
fn chunk_ranges<const C: usize>(n: usize) -> impl Iterator<Item = Range<usize>> {
    // `max(1)`: an empty point still has its one (empty) chunk
    (0..n.max(1)).step_by(C).map(move |s| s..(s + C).min(n))
}

/// Evaluates `job` on every pass in order, on this thread.
fn evaluate<X, P, Y>(xs: &mut [X], passes: &[P], job: impl Fn(&mut [X], &P) -> Y) -> Vec<Y> {
    passes.iter().map(|p| job(xs, p)).collect()
}

/// A gradient being assembled from chunk results as they come (so the
/// sequential driver keeps no list of chunks or results). It holds the
/// gradient's level from before the first evaluation to [`GradientParts::finish`].
pub(crate) struct GradientParts<T: Scalar, const C: usize> {
    // a same-level call (`None`) still runs, and its results are replaced by
    // NaN in `finish`: an early return made the common path 10% slower at
    // n = 16 (docs/benchmarks-nesting.md)
    level: Option<Level>,
    grad: DVector<T>,
    value: T,
}

impl<T: Scalar, const C: usize> GradientParts<T, C> {
    /// Take the level of `DualVec<T, C>`, for a gradient of length `n`.
    pub(crate) fn new(n: usize) -> Self {
        Self {
            level: Level::of::<DualVec<T, C>>(),
            grad: DVector::zeros(n),
            value: T::nan(),
        }
    }

    /// Write the result `y` of the chunk `chunk` (the chunk at 0 gives the value).
    pub(crate) fn put(&mut self, chunk: Range<usize>, y: &DualVec<T, C>) {
        if chunk.start == 0 {
            self.value = y.re;
        }
        for (g, &e) in self.grad.as_mut_slice()[chunk].iter_mut().zip(&y.eps) {
            *g = e;
        }
    }

    /// The value and the gradient, or NaN for a same-level call.
    pub(crate) fn finish(self) -> (T, DVector<T>) {
        match self.level {
            Some(_) => (self.value, self.grad),
            None => (T::nan(), DVector::from_element(self.grad.len(), T::nan())),
        }
    }
}

/// The inputs of `x` as [`for_each_chunk`] takes them: the first chunk's
/// seeded as its variables, the others constants. Seeding while building
/// saves a pass over the inputs, which shows for small points (one chunk).
pub(crate) fn first_chunk_seeded<T: Scalar, const C: usize>(
    x: impl IntoIterator<Item = T>,
) -> Vec<DualVec<T, C>> {
    x.into_iter()
        .enumerate()
        .map(|(i, xi)| {
            if i < C {
                DualVec::variable(xi, i)
            } else {
                DualVec::constant(xi)
            }
        })
        .collect()
}

/// Evaluate `f` once per chunk of [`chunks`] (one empty chunk for an empty
/// point): the chunk's `k`-th input is seeded as the `k`-th variable (the
/// others stay constants), and `visit` gets the chunk's index range and the
/// result. `xs` comes from [`first_chunk_seeded`] and is left with its last
/// chunk seeded.
pub(crate) fn for_each_chunk<T: Scalar, const C: usize, Y>(
    xs: &mut [DualVec<T, C>],
    f: impl Fn(&[DualVec<T, C>]) -> Y,
    mut visit: impl FnMut(Range<usize>, Y),
) {
    let mut seeded: Option<Range<usize>> = None;
    for chunk in chunk_ranges::<C>(xs.len()) {
        if let Some(previous) = seeded.replace(chunk.clone()) {
            for xi in &mut xs[previous] {
                *xi = DualVec::constant(xi.re);
            }
            for (k, xi) in xs[chunk.clone()].iter_mut().enumerate() {
                *xi = DualVec::variable(xi.re, k);
            }
        }
        let y = f(xs);
        visit(chunk, y);
    }
}

/// Evaluates `f` with the chunk's `k`-th input seeded as the `k`-th variable
/// (the others stay constants), and unseeds.
pub(crate) fn eval_chunk<T: Scalar, const C: usize, Y>(
    f: &impl Fn(&[DualVec<T, C>]) -> Y,
    xs: &mut [DualVec<T, C>],
    chunk: &Range<usize>,
) -> Y {
    for (k, xi) in xs[chunk.clone()].iter_mut().enumerate() {
        *xi = DualVec::variable(xi.re, k);
    }
    let y = f(xs);
    for xi in &mut xs[chunk.clone()] {
        *xi = DualVec::constant(xi.re);
    }
    y
}

/// The values and the `m x n` Jacobian of `f: R^n -> R^m` at `x`; the closure
/// returns a `Vec` of its `m` outputs.
///
/// `ceil(n / C)` evaluations of `f` on [`DualVec<T, C>`](DualVec) numbers with
/// `C` = [`GRADIENT_CHUNK`] (one for an empty point). `m` is the length of the
/// first output. A closure whose output length changes from one evaluation to
/// the next (it depends on its input's derivative parts) has no Jacobian: then
/// every value and every entry is NaN, with `m` from the first evaluation.
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
    jacobian_with(x, &f, |xs, chunks| {
        evaluate(xs, chunks, |xs, c| eval_chunk(&f, xs, c))
    })
}

/// The Jacobian from the chunk results that `eval` returns, in chunk order
/// (`f` itself only for the output length of a same-level call).
pub(crate) fn jacobian_with<T: Scalar, const C: usize>(
    x: &[T],
    f: &impl Fn(&[DualVec<T, C>]) -> Vec<DualVec<T, C>>,
    eval: impl FnOnce(&mut [DualVec<T, C>], &[Range<usize>]) -> Vec<Vec<DualVec<T, C>>>,
) -> (DVector<T>, DMatrix<T>) {
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
    let passes = chunks::<C>(n);
    let ys = eval(&mut xs, &passes);
    let m = ys.first().map_or(0, Vec::len);
    let mut values = DVector::from_iterator(m, ys.first().into_iter().flatten().map(|yi| yi.re));
    let mut jac = DMatrix::zeros(m, n);
    for (chunk, y) in passes.iter().zip(&ys) {
        if y.len() != m {
            // the output length changed between evaluations: no Jacobian
            values.fill(T::nan());
            jac.fill(T::nan());
            break;
        }
        for (r, yr) in y.iter().enumerate() {
            for (k, &e) in chunk.clone().zip(&yr.eps) {
                jac[(r, k)] = e;
            }
        }
    }
    (values, jac)
}

/// The value, the gradient and the Hessian of `f: R^n -> R` at `x`.
///
/// Evaluates `f` on [`HyperDualVec<T, W>`](HyperDualVec) numbers with
/// `W` = [`HESSIAN_BLOCK`]: once if `n <= W`, else once per set of a covering
/// of the coordinate pairs by sets of `W` (at most `k (k - 1) / 2` times with
/// `k = ceil(n / (W / 2))`; about `n² / 11` times for large `n`; see
/// [`HESSIAN_BLOCK`]).
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
/// ```compile_fail,E0080
/// // an odd block width
/// let _ = hessian::hessian_chunked::<3, _>(|x| x[0] * x[1], &[1.0, 2.0]);
/// ```
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
    hessian_matrices(x.len(), |grad, hess| hessian_into(&f, x, grad, hess))
}

/// The value, gradient and Hessian that `fill` writes (into a length-`n`
/// gradient and a column-major `n x n` Hessian), or all NaN if it returns
/// `None` (a same-level nested call).
pub(crate) fn hessian_matrices<T: Scalar>(
    n: usize,
    fill: impl FnOnce(&mut [T], &mut [T]) -> Option<T>,
) -> (T, DVector<T>, DMatrix<T>) {
    let mut grad = DVector::zeros(n);
    let mut hess = DMatrix::zeros(n, n);
    match fill(grad.as_mut_slice(), hess.as_mut_slice()) {
        Some(value) => (value, grad, hess),
        None => (
            T::nan(),
            DVector::from_element(n, T::nan()),
            DMatrix::from_element(n, n, T::nan()),
        ),
    }
}

/// The blocked Hessian of [`hessian_chunked`] written into `grad` (length `n`)
/// and `hess` (`n x n`, column-major); the value, or `None` if an enclosing
/// driver holds the level `HyperDualVec<T, W>`.
pub(crate) fn hessian_into<T: Scalar, const W: usize>(
    f: &impl Fn(&[HyperDualVec<T, W>]) -> HyperDualVec<T, W>,
    x: &[T],
    grad: &mut [T],
    hess: &mut [T],
) -> Option<T> {
    hessian_with(x, grad, hess, |xs, passes| {
        evaluate(xs, passes, |xs, p| eval_pass(f, xs, p))
    })
}

/// The coordinates one Hessian pass seeds, in increasing order: slot `k` of
/// the `HyperDualVec<T, W>` seeds coordinate `pass[k]`; [`UNUSED`] marks a
/// slot left empty (only at the end).
pub(crate) type Pass<const W: usize> = [usize; W];

/// An empty slot of a [`Pass`].
pub(crate) const UNUSED: usize = usize::MAX;

/// The largest point for which [`hessian_passes`] searches a covering (its
/// bit matrix of uncovered pairs takes `n² / 8` bytes: 2 MiB here); larger
/// points take the block pairs.
const COVERING_MAX_N: usize = 4096;

/// How many coverings each thread keeps (the most recently used), so that
/// repeated Hessians of one size search once.
const COVERINGS_KEPT: usize = 4;

/// The largest covering a thread keeps, in bytes (1 MiB: about 32,000 passes
/// of `W = 4`, `n` up to about 600), so that the kept ones take at most 4 MiB
/// per thread.
const COVERING_KEPT_BYTES: usize = 1 << 20;

std::thread_local! {
    /// The passes of [`hessian_passes`] recently used on this thread, by `n`;
    /// each a `Vec<Pass<W>>` for its `W`.
    static COVERINGS: RefCell<Vec<(usize, Rc<dyn Any>)>> = const { RefCell::new(Vec::new()) };
}

/// The passes of a blocked Hessian. Every pair of coordinates must be seeded
/// together in at least one pass (the pass's `W x W` block of the Hessian
/// holds their entry), and every pass costs one evaluation of `f`, so the
/// passes are a covering of the pairs of `0..n` by sets of `W`, as small as
/// we can find.
///
/// One pass if `n <= W`. Otherwise the smallest of up to four coverings
/// ([`best_covering`]):
/// * the block pairs: blocks of `W / 2` consecutive coordinates, every pair
///   of blocks in one pass: `k (k - 1) / 2` passes with `k = ceil(n / (W/2))`.
///   Each pass covers `(W / 2)²` new pairs, about half of the `W (W - 1) / 2`
///   it could.
/// * from `n = 8 W` on, a greedy covering ([`greedy_covering`]), which covers
///   close to `W (W - 1) / 2` new pairs per pass: for `W = 4`, 922 passes at
///   `n = 100` (block pairs: 1225; no covering has fewer than 825);
/// * where `n` is at least nine tenths of a power `W^m` (`W` a power of two),
///   the lines of the affine space over `GF(W)` ([`affine_lines`]): a perfect
///   covering at `n = W^m`, every pair in exactly one pass (`W = 4`: 20
///   passes instead of 28 at `n = 16`, 336 instead of 496 at 64, 5440
///   instead of 8128 at 256);
/// * where `n` is at least nine tenths of `W q` with `q >= W` a power of two,
///   a transversal design ([`transversal`]): 88 passes at `n = 32`, 1376 at
///   128 (`W = 4`), the fewest possible.
///
/// A pass's coordinates are then scattered, which makes more of a chained
/// `f` active in the pass than consecutive blocks do, so a covering is taken
/// only when it saves a tenth of the block pairs' passes or more. The greedy
/// search costs about as much as a Hessian of a cheap function at small `n`
/// (6 µs at `n = 20`, 18 µs at 64, 0.34 ms at 256, 5.3 ms at 1024 for
/// `W = 4`), so it is made only from `n = 8 W` on, and each thread keeps its
/// last few coverings of up to 1 MiB: a search is paid once per size. Measured in
/// `benches/data/history.md`.
///
/// A pair covered by several passes gets the same bits from each (every pass
/// computes it by the same operations), so which pass writes it last does
/// not matter.
pub(crate) fn hessian_passes<const W: usize>(n: usize) -> Rc<Vec<Pass<W>>> {
    if !searched::<W>(n) {
        return Rc::new(best_covering::<W>(n));
    }
    COVERINGS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let hit = cache
            .iter()
            .position(|(m, passes)| *m == n && passes.is::<Vec<Pass<W>>>());
        let kept = hit
            .map(|k| cache.remove(k).1)
            .and_then(|passes| passes.downcast::<Vec<Pass<W>>>().ok());
        let passes = kept.unwrap_or_else(|| Rc::new(best_covering::<W>(n)));
        // large coverings are searched again rather than kept: their search
        // (5 ms at n = 1024) is small beside such a Hessian (seconds)
        if passes.len() * core::mem::size_of::<Pass<W>>() <= COVERING_KEPT_BYTES {
            cache.insert(0, (n, Rc::clone(&passes) as Rc<dyn Any>));
            cache.truncate(COVERINGS_KEPT);
        }
        passes
    })
}

/// Whether [`best_covering`] looks beyond the block pairs for `n`
/// coordinates (and its result is worth keeping).
fn searched<const W: usize>(n: usize) -> bool {
    n > W
        && ((8 * W..=COVERING_MAX_N).contains(&n)
            || affine_size::<W>(n).is_some()
            || transversal_size::<W>(n).is_some())
}

/// The covering [`hessian_passes`] uses for `n` coordinates: one pass if
/// `n <= W`; otherwise the smallest of the greedy covering (from `n = 8 W`),
/// the affine lines and the transversal design (where they apply), if it has
/// at most nine tenths of the block pairs' passes; else the block pairs.
fn best_covering<const W: usize>(n: usize) -> Vec<Pass<W>> {
    if n <= W {
        let mut pass = [UNUSED; W];
        for (slot, i) in pass.iter_mut().zip(0..n) {
            *slot = i;
        }
        return vec![pass];
    }
    let pairs = block_pairs::<W>(n);
    let greedy = (8 * W..=COVERING_MAX_N)
        .contains(&n)
        .then(|| greedy_covering::<W>(n));
    let lines = affine_size::<W>(n).map(|v| affine_lines::<W>(v, n));
    let design = transversal_size::<W>(n).map(|q| transversal::<W>(q, n));
    let best = [greedy, lines, design]
        .into_iter()
        .flatten()
        .filter(|c| !c.is_empty())
        .min_by_key(Vec::len);
    match best {
        Some(best) if best.len() * 10 <= pairs.len() * 9 => best,
        _ => pairs,
    }
}

/// Multiplication in the field `GF(2^bits)`: the carry-less product reduced
/// by an irreducible polynomial (`x^2 + x + 1`, `x^3 + x + 1`, `x^4 + x + 1`,
/// `x^5 + x^2 + 1`, `x^6 + x + 1`, `x^7 + x + 1`, `x^8 + x^4 + x^3 + x + 1`,
/// ...), or `None` for a width without one listed here.
fn field_mul(bits: u32) -> Option<impl Fn(usize, usize) -> usize> {
    let poly: usize = match bits {
        1 => 0b11,
        2 => 0b111,
        3 => 0b1011,
        4 => 0b1_0011,
        5 => 0b10_0101,
        6 => 0b100_0011,
        7 => 0b1000_0011,
        8 => 0b1_0001_1011,
        9 => 0b10_0001_0001,
        10 => 0b100_0000_1001,
        11 => 0b1000_0000_0101,
        _ => return None,
    };
    Some(move |a: usize, b: usize| {
        let mut r = 0;
        for i in 0..bits {
            if (b >> i) & 1 == 1 {
                r ^= a << i;
            }
        }
        for i in (bits..2 * bits).rev() {
            if (r >> i) & 1 == 1 {
                r ^= poly << (i - bits);
            }
        }
        r
    })
}

/// The group size `q` of the transversal design `TD(W, q)` that
/// [`best_covering`] tries for `n` coordinates: the smallest power of two
/// with `W q >= n`, if `q >= W`, `W q <= `[`COVERING_MAX_N`] and `n` fills at
/// least nine tenths of the `W q` points.
fn transversal_size<const W: usize>(n: usize) -> Option<usize> {
    if W < 3 {
        return None;
    }
    let q = n.div_ceil(W).checked_next_power_of_two()?;
    let points = W.checked_mul(q)?;
    (q >= W && points <= COVERING_MAX_N && n * 10 >= points * 9).then_some(q)
}

/// A covering of `n <= W q` coordinates from the transversal design
/// `TD(W, q)` (`q` a power of two, `q >= W`): the coordinates in `W` groups of
/// `q` (`g q + e`, `e` an element of `GF(q)`), one pass `{g q + (a + b g)}`
/// for every `a, b` in `GF(q)`, which covers every pair from two different
/// groups exactly once (`b = (e - e') / (g - g')`, then `a`), and inside
/// each group its own [`best_covering`] of `q` coordinates. At `W = 4`: 88
/// passes for 32 coordinates (64 + 4 · 6) and 1376 for 128 (1024 + 4 · 88),
/// both the fewest possible (the Schönheim bound). Passes left with fewer
/// than two of the first `n` coordinates are dropped.
fn transversal<const W: usize>(q: usize, n: usize) -> Vec<Pass<W>> {
    let Some(mul) = field_mul(q.trailing_zeros()) else {
        return Vec::new();
    };
    let mut passes = Vec::new();
    let mut push = |mut pass: Pass<W>| {
        pass.sort_unstable();
        if pass.get(1).is_some_and(|&c| c != UNUSED) {
            passes.push(pass);
        }
    };
    for a in 0..q {
        for b in 0..q {
            let mut pass = [UNUSED; W];
            for (g, slot) in pass.iter_mut().enumerate() {
                let c = g * q + (a ^ mul(b, g));
                if c < n {
                    *slot = c;
                }
            }
            push(pass);
        }
    }
    for g in 0..W {
        let lo = g * q;
        let len = n.saturating_sub(lo).min(q);
        for inner in best_covering::<W>(len) {
            push(inner.map(|c| if c == UNUSED { UNUSED } else { lo + c }));
        }
    }
    passes
}

/// The number of points `v = W^m` of the affine space over `GF(W)` whose
/// lines [`hessian_passes`] tries for `n` coordinates: the smallest `W^m >= n`,
/// if `W` is a power of two from 4 on, `v <= `[`COVERING_MAX_N`] and `n` fills
/// at least nine tenths of it (below that the lines through the missing
/// points waste too many slots).
fn affine_size<const W: usize>(n: usize) -> Option<usize> {
    if W < 4 || !W.is_power_of_two() || n <= W {
        return None;
    }
    let mut v = W;
    while v < n {
        v = v.checked_mul(W)?;
    }
    (v <= COVERING_MAX_N && n * 10 >= v * 9).then_some(v)
}

/// The lines of the affine space `AG(m, W)` over the field `GF(W)` (`W` a power
/// of two, `v = W^m` points), restricted to the points `0..n`: every line has
/// `W` points and every two points lie on exactly one line, so with `n = v`
/// this is a perfect covering, `v (v - 1) / (W (W - 1))` passes, each covering
/// all of its `W (W - 1) / 2` pairs (a Steiner system; at `W = 4`: 20 passes
/// for 16 coordinates instead of 28 block pairs, 336 for 64, 5440 for 256).
/// Point `p` has the coordinates `p`'s base-`W` digits; the line through `p`
/// in the direction `d` is `{p + t d : t ∈ GF(W)}`, where `+` is the bitwise
/// xor of the indices. Lines left with fewer than two of the first `n` points
/// are dropped.
fn affine_lines<const W: usize>(v: usize, n: usize) -> Vec<Pass<W>> {
    let bits = W.trailing_zeros();
    let Some(mul) = field_mul(bits) else {
        return Vec::new();
    };
    let digits = (v.trailing_zeros() / bits) as usize;
    let scale = |t: usize, d: usize| {
        (0..digits).fold(0, |acc, i| {
            let shift = i * bits as usize;
            acc | (mul(t, (d >> shift) & (W - 1)) << shift)
        })
    };
    let mut passes = Vec::new();
    for d in 1..v {
        // one direction per line through the origin: its highest nonzero digit is 1
        let top = (0..digits)
            .rev()
            .map(|i| (d >> (i * bits as usize)) & (W - 1))
            .find(|&c| c != 0);
        if top != Some(1) {
            continue;
        }
        let steps: Vec<usize> = (0..W).map(|t| scale(t, d)).collect();
        for p in 0..v {
            // each line once: from its smallest point
            if steps.iter().any(|&s| p ^ s < p) {
                continue;
            }
            let mut pass = [UNUSED; W];
            for (slot, &s) in pass.iter_mut().zip(&steps) {
                if p ^ s < n {
                    *slot = p ^ s;
                }
            }
            // increasing, the empty slots (usize::MAX) last
            pass.sort_unstable();
            if pass.get(1).is_some_and(|&q| q != UNUSED) {
                passes.push(pass);
            }
        }
    }
    passes
}

/// The block-pair covering of [`hessian_passes`].
fn block_pairs<const W: usize>(n: usize) -> Vec<Pass<W>> {
    let half = W / 2;
    let blocks: Vec<Range<usize>> = (0..n).step_by(half).map(|s| s..(s + half).min(n)).collect();
    let mut passes = Vec::with_capacity(blocks.len() * blocks.len().saturating_sub(1) / 2);
    for (i, bi) in blocks.iter().enumerate() {
        for bj in &blocks[i + 1..] {
            let mut pass = [UNUSED; W];
            for (slot, c) in pass.iter_mut().zip(bi.clone().chain(bj.clone())) {
                *slot = c;
            }
            passes.push(pass);
        }
    }
    passes
}

/// The greedy covering of [`hessian_passes`] (for `n > W`). Each pass grows
/// from the lowest coordinate that still has an uncovered pair, adding the
/// lowest coordinate whose pairs with every coordinate taken so far are all
/// uncovered (or, failing that, with any of them). `O(n³ / (64 W))` word
/// operations on a bit matrix of the uncovered pairs.
fn greedy_covering<const W: usize>(n: usize) -> Vec<Pass<W>> {
    let words = n.div_ceil(64);
    // row i: the coordinates j whose pair with i is not yet covered
    let mut open = vec![0_u64; n * words];
    for (i, row) in open.chunks_exact_mut(words).enumerate() {
        for (w, word) in row.iter_mut().enumerate() {
            let len = (n - w * 64).min(64);
            *word = if len == 64 {
                u64::MAX
            } else {
                (1_u64 << len) - 1
            };
        }
        row[i / 64] &= !(1_u64 << (i % 64));
    }
    let first = |set: &[u64]| {
        set.iter()
            .enumerate()
            .find(|&(_, &word)| word != 0)
            .map(|(w, &word)| w * 64 + word.trailing_zeros() as usize)
    };
    let mut passes = Vec::new();
    let mut candidates = vec![0_u64; words];
    for u in 0..n {
        while first(&open[u * words..(u + 1) * words]).is_some() {
            let mut pass = [UNUSED; W];
            pass[0] = u;
            candidates.copy_from_slice(&open[u * words..(u + 1) * words]);
            for k in 1..W {
                let next = first(&candidates).or_else(|| {
                    candidates.fill(0);
                    for &t in &pass[..k] {
                        for (c, &o) in candidates.iter_mut().zip(&open[t * words..(t + 1) * words])
                        {
                            *c |= o;
                        }
                    }
                    for &t in &pass[..k] {
                        candidates[t / 64] &= !(1_u64 << (t % 64));
                    }
                    first(&candidates)
                });
                // nothing left to cover with this pass: its other slots stay empty
                let Some(v) = next else { break };
                pass[k] = v;
                for (c, &o) in candidates.iter_mut().zip(&open[v * words..(v + 1) * words]) {
                    *c &= o;
                }
                for &t in &pass[..=k] {
                    candidates[t / 64] &= !(1_u64 << (t % 64));
                }
            }
            for &a in pass.iter().filter(|&&a| a != UNUSED) {
                for &b in pass.iter().filter(|&&b| b != UNUSED) {
                    open[a * words + b / 64] &= !(1_u64 << (b % 64));
                }
            }
            pass.sort_unstable();
            passes.push(pass);
        }
    }
    passes
}

/// The Hessian from the pass results that `eval` returns, in pass order.
pub(crate) fn hessian_with<T: Scalar, const W: usize>(
    x: &[T],
    grad: &mut [T],
    hess: &mut [T],
    eval: impl FnOnce(&mut [HyperDualVec<T, W>], &[Pass<W>]) -> Vec<HyperDualVec<T, W>>,
) -> Option<T> {
    // the block pairs cut the point into blocks of W / 2
    const {
        assert!(
            W >= 2 && W % 2 == 0,
            "the block width must be even and at least 2"
        )
    };
    let _level = Level::of::<HyperDualVec<T, W>>()?;
    hessian_from_passes(x, &hessian_passes::<W>(x.len()), grad, hess, eval)
}

/// [`hessian_with`] on the passes `passes`, with the level already held.
fn hessian_from_passes<T: Scalar, const W: usize>(
    x: &[T],
    passes: &[Pass<W>],
    grad: &mut [T],
    hess: &mut [T],
    eval: impl FnOnce(&mut [HyperDualVec<T, W>], &[Pass<W>]) -> Vec<HyperDualVec<T, W>>,
) -> Option<T> {
    let n = x.len();
    let mut xs: Vec<HyperDualVec<T, W>> = x.iter().map(|&xi| HyperDualVec::constant(xi)).collect();
    let ys = eval(&mut xs, passes);
    for (pass, y) in passes.iter().zip(&ys) {
        // (coordinate, slot) of every seeded coordinate, in increasing order
        let slots = pass.iter().copied().take_while(|&a| a != UNUSED).zip(0..);
        for (a, sa) in slots.clone() {
            grad[a] = y.eps[sa];
            for (b, sb) in slots.clone().skip(sa) {
                let h = y.eps2[sa][sb];
                hess[a + n * b] = h;
                hess[b + n * a] = h;
            }
        }
    }
    ys.first().map(|y| y.re)
}

/// One Hessian pass: seed the coordinates of `pass`, evaluate, unseed.
pub(crate) fn eval_pass<T: Scalar, const W: usize>(
    f: &impl Fn(&[HyperDualVec<T, W>]) -> HyperDualVec<T, W>,
    xs: &mut [HyperDualVec<T, W>],
    pass: &Pass<W>,
) -> HyperDualVec<T, W> {
    let seeded = || pass.iter().copied().take_while(|&a| a != UNUSED);
    for (k, a) in seeded().enumerate() {
        xs[a] = HyperDualVec::variable(xs[a].re, k);
    }
    let y = f(xs);
    for a in seeded() {
        xs[a] = HyperDualVec::constant(xs[a].re);
    }
    y
}

/// One evaluation on `HyperDualVec<T, N>` numbers seeded with the `N` unit
/// vectors, the inputs in an array on the stack; see [`hessian_static`].
fn hessian_one_pass<const N: usize, T: Scalar>(
    f: impl Fn(&[HyperDualVec<T, N>]) -> HyperDualVec<T, N>,
    x: &[T],
    grad: &mut [T],
    hess: &mut [T],
) -> Option<T> {
    let _level = Level::of::<HyperDualVec<T, N>>()?;
    // filled in place: `core::array::from_fn` built the array out of line and
    // copied it (a third of a 4-variable Hessian's time in `memmove`, perf)
    let mut xs = [HyperDualVec::<T, N>::constant(T::zero()); N];
    for (i, (xi, &x0)) in xs.iter_mut().zip(x).enumerate() {
        *xi = HyperDualVec::variable(x0, i);
    }
    let y = f(&xs);
    grad.copy_from_slice(&y.eps);
    for (j, column) in hess.chunks_exact_mut(N.max(1)).enumerate() {
        for (i, h) in column.iter_mut().enumerate() {
            *h = if i <= j { y.eps2[i][j] } else { y.eps2[j][i] };
        }
    }
    Some(y.re)
}

/// The compile-time sizes [`hessian_static`] accepts, and the number type its
/// closure gets at each: `N <= `[`STATIC_ONE_PASS`] evaluates once on
/// [`HyperDualVec<T, N>`](HyperDualVec); a larger `N` evaluates in blocks of
/// [`HESSIAN_BLOCK`], exactly as [`hessian`] does, so the numbers stay small
/// (one `HyperDualVec<T, N>` has `N² + N + 1` parts) and the time is that of
/// [`hessian`]. Implemented for [`nalgebra::Const<N>`] with `N <= 256`: the
/// `N x N` result lives on the stack, so larger points belong to [`hessian`].
///
/// ```
/// use hessian::{HESSIAN_BLOCK, StaticNumber};
/// use dual::HyperDualVec;
/// fn same<A: 'static, B: 'static>() -> bool {
///     core::any::TypeId::of::<A>() == core::any::TypeId::of::<B>()
/// }
/// assert!(same::<StaticNumber<f64, 3>, HyperDualVec<f64, 3>>());
/// assert!(same::<StaticNumber<f64, 100>, HyperDualVec<f64, HESSIAN_BLOCK>>());
/// ```
#[diagnostic::on_unimplemented(
    message = "`hessian_static` takes points of length N <= 256 (its N x N result lives on the stack)",
    label = "no static Hessian at this size",
    note = "use `hessian`, which takes a slice of any length"
)]
pub trait StaticHessian<T: Scalar> {
    /// The number type the closure of [`hessian_static`] evaluates on.
    type Number: Copy;

    /// Writes the gradient and the column-major Hessian of `f` at `x`; the
    /// value, or `None` on a same-level nested call.
    #[doc(hidden)]
    fn hessian_into(
        f: impl Fn(&[Self::Number]) -> Self::Number,
        x: &[T],
        grad: &mut [T],
        hess: &mut [T],
    ) -> Option<T>;
}

/// The number type of [`hessian_static`]'s closure at size `N`: see
/// [`StaticHessian`].
pub type StaticNumber<T, const N: usize> = <Const<N> as StaticHessian<T>>::Number;

/// The largest `N` for which [`hessian_static`] evaluates once, on
/// `HyperDualVec<T, N>` numbers; larger points are evaluated in blocks.
///
/// Chosen by measurement: one pass on `HyperDualVec<_, n>` against the
/// `W = 4` blocks of [`hessian`], `CHUNKS_ONE_PASS=1 cargo bench -p hessian
/// --bench chunks` (workloads as for [`HESSIAN_BLOCK`]; minimum µs per call,
/// shared 2-core machine; the 5.29 is a burst of load from elsewhere):
///
/// | n | rosenbrock one pass | blocks | chain one pass | blocks | least_squares one pass | blocks | net one pass | blocks |
/// |---|---|---|---|---|---|---|---|---|
/// | 6 | 0.64 | 0.51 | 0.70 | 1.18 | 1.23 | 0.84 | 5.29 | 1.52 |
/// | 8 | 1.12 | 1.00 | 1.21 | 2.74 | 2.06 | 2.08 | 1.39 | 3.95 |
/// | 10 | 2.11 | 1.79 | 2.16 | 5.39 | 3.79 | 4.39 | 2.39 | 7.23 |
/// | 12 | 3.49 | 2.83 | 4.61 | 9.29 | 17.36 | 8.09 | 5.77 | 13.02 |
/// | 16 | 11.63 | 5.85 | 13.38 | 21.38 | 50.09 | 22.11 | 16.60 | 30.70 |
///
/// Up to `n = 8` one pass is 2-3x faster on the dense workloads and at most
/// 25% slower on the sparse one; from 12 on the `n²` cost of each operation
/// loses against blocks.
///
/// ```
/// assert_eq!(hessian::STATIC_ONE_PASS, 8);
/// ```
pub const STATIC_ONE_PASS: usize = 8;

macro_rules! static_sizes {
    (one pass: $($n:literal)*; blocked: $($m:literal)*) => {
        $(impl<T: Scalar> StaticHessian<T> for Const<$n> {
            type Number = HyperDualVec<T, $n>;
            #[inline]
            fn hessian_into(
                f: impl Fn(&[Self::Number]) -> Self::Number,
                x: &[T],
                grad: &mut [T],
                hess: &mut [T],
            ) -> Option<T> {
                hessian_one_pass::<$n, T>(f, x, grad, hess)
            }
        })*
        $(impl<T: Scalar> StaticHessian<T> for Const<$m> {
            type Number = HyperDualVec<T, HESSIAN_BLOCK>;
            #[inline]
            fn hessian_into(
                f: impl Fn(&[Self::Number]) -> Self::Number,
                x: &[T],
                grad: &mut [T],
                hess: &mut [T],
            ) -> Option<T> {
                hessian_into(&f, x, grad, hess)
            }
        })*
    };
}

include!("static_sizes.rs");

/// The value, the gradient and the Hessian of `f: R^N -> R` at a point of
/// compile-time length `N`.
///
/// For `N <= `[`STATIC_ONE_PASS`]: one evaluation on
/// [`HyperDualVec<T, N>`](HyperDualVec) numbers, the inputs on the stack (no
/// blocking, no heap allocation for them), faster than [`hessian`] at these
/// sizes. For a larger `N`, the closure gets `HyperDualVec<T, HESSIAN_BLOCK>`
/// numbers and the Hessian is computed in blocks exactly as by [`hessian`]: a
/// `HyperDualVec<T, N>` has `N² + N + 1` parts, so one pass would cost `O(N²)`
/// per operation and overflow the stack at `N = 100`. [`StaticHessian`] lists
/// the sizes (`N <= 256`; a larger `N` does not compile, and belongs to
/// [`hessian`]). A closure written against `DualNum` (or un-annotated) works at
/// every size.
///
/// ```
/// use hessian::hessian_static;
/// use nalgebra::{matrix, vector, SVector};
/// let (v, g, h) = hessian_static(|x| x[0] * x[0] * x[1], &vector![3.0, 2.0]);
/// assert_eq!(v, 18.0);
/// approx::assert_relative_eq!(g, vector![12.0, 9.0]);
/// approx::assert_relative_eq!(h, matrix![4.0, 6.0; 6.0, 0.0]);
///
/// // N = 40: blocks, same results as `hessian`
/// let x = SVector::<f64, 40>::from_fn(|i, _| i as f64 / 10.0);
/// let (_, _, h) = hessian_static(|x| x.iter().map(|&xi| xi * xi * xi).sum(), &x);
/// approx::assert_relative_eq!(h[(7, 7)], 6.0 * 0.7, max_relative = 1e-15);
/// assert_eq!(h[(7, 8)], 0.0);
/// ```
#[must_use]
pub fn hessian_static<const N: usize, T>(
    f: impl Fn(&[StaticNumber<T, N>]) -> StaticNumber<T, N>,
    x: &SVector<T, N>,
) -> (T, SVector<T, N>, SMatrix<T, N, N>)
where
    T: Scalar,
    Const<N>: StaticHessian<T>,
{
    let mut grad = SVector::<T, N>::zeros();
    let mut hess = SMatrix::<T, N, N>::zeros();
    match <Const<N>>::hessian_into(f, x.as_slice(), grad.as_mut_slice(), hess.as_mut_slice()) {
        Some(value) => (value, grad, hess),
        None => (
            T::nan(),
            SVector::from_element(T::nan()),
            SMatrix::from_element(T::nan()),
        ),
    }
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

#[cfg(test)]
mod covering_tests {
    use super::{UNUSED, block_pairs, greedy_covering, hessian_passes};

    /// Every pair (and every coordinate) of `0..n` in some pass; each pass
    /// increasing, with its empty slots at the end.
    fn assert_covers<const W: usize>(n: usize, passes: &[[usize; W]]) {
        let mut seen = vec![false; n * n];
        for pass in passes {
            let used: Vec<usize> = pass.iter().copied().take_while(|&a| a != UNUSED).collect();
            assert!(pass[used.len()..].iter().all(|&a| a == UNUSED), "{pass:?}");
            assert!(used.windows(2).all(|w| w[0] < w[1]), "{pass:?}");
            for &a in &used {
                for &b in &used {
                    seen[a * n + b] = true;
                }
            }
        }
        assert!(
            seen.iter().all(|&s| s),
            "n = {n}, W = {W}: a pair is not covered"
        );
    }

    #[test]
    fn every_pair_is_covered() {
        for n in (0..=40).chain([57, 58, 63, 64, 65, 100, 115, 120, 128, 129, 231, 256]) {
            assert_covers::<2>(n, &hessian_passes::<2>(n));
            assert_covers::<4>(n, &hessian_passes::<4>(n));
            assert_covers::<8>(n, &hessian_passes::<8>(n));
            if n > 8 {
                assert_covers::<4>(n, &greedy_covering::<4>(n));
                assert_covers::<8>(n, &greedy_covering::<8>(n));
                assert_covers::<4>(n, &block_pairs::<4>(n));
            }
        }
    }

    #[test]
    fn affine_lines_are_steiner_systems() {
        use super::affine_lines;
        // v (v - 1) / (W (W - 1)) lines, each pair exactly once
        for (v, lines) in [
            (16, affine_lines::<4>(16, 16)),
            (64, affine_lines::<4>(64, 64)),
            (256, affine_lines::<4>(256, 256)),
        ] {
            assert_eq!(lines.len(), v * (v - 1) / 12);
            let mut count = vec![0; v * v];
            for line in &lines {
                for &a in line {
                    for &b in line {
                        count[a * v + b] += 1;
                    }
                }
            }
            for a in 0..v {
                for b in 0..v {
                    assert_eq!(
                        count[a * v + b],
                        if a == b { (v - 1) / 3 } else { 1 },
                        "v = {v}"
                    );
                }
            }
        }
        assert_eq!(affine_lines::<8>(64, 64).len(), 64 * 63 / 56);
        assert_covers::<8>(64, &affine_lines::<8>(64, 64));
        // the drivers take them where they are the smallest covering known here
        assert_eq!(hessian_passes::<4>(16).len(), 20);
        assert_eq!(hessian_passes::<4>(64).len(), 336);
        assert_eq!(hessian_passes::<4>(256).len(), 5440);
    }

    #[test]
    fn every_covering_gives_the_same_bits() {
        use super::{eval_pass, evaluate, hessian_from_passes};
        use dual::{DualNum, HyperDualVec};
        // chained, dense and special-valued parts
        fn f<D: DualNum<f64>>(x: &[D]) -> D {
            let s: D = x.iter().map(|&xi| xi * xi).sum();
            let chain: D = x
                .windows(2)
                .map(|w| (w[0] * w[1]).sin() / (w[1] * w[1] + 1.0))
                .sum();
            (s * 0.01).tanh() * x[0] + chain + x[x.len() - 1].exp()
        }
        for n in [16, 32, 33, 70] {
            let mut x: Vec<f64> = (0..n).map(|i| ((i * 7) % 11) as f64 / 4.0 - 1.2).collect();
            x[5] = -0.0;
            x[9] = 1e-310;
            let run = |passes: &[[usize; 4]]| {
                let (mut g, mut h) = (vec![0.0; n], vec![0.0; n * n]);
                let v = hessian_from_passes(&x, passes, &mut g, &mut h, |xs, p| {
                    evaluate(xs, p, |xs, pass| {
                        eval_pass(&f::<HyperDualVec<f64, 4>>, xs, pass)
                    })
                });
                (
                    v.map(f64::to_bits),
                    g.iter().map(|e| e.to_bits()).collect::<Vec<_>>(),
                    h.iter().map(|e| e.to_bits()).collect::<Vec<_>>(),
                )
            };
            assert_eq!(
                run(&block_pairs::<4>(n)),
                run(&greedy_covering::<4>(n)),
                "n = {n}"
            );
        }
    }

    #[test]
    fn transversal_designs_meet_the_schonheim_bound() {
        use super::transversal;
        // ceil(n/4 ceil((n-1)/3)): no covering by sets of 4 has fewer passes
        let bound = |n: usize| (n * (n - 1).div_ceil(3)).div_ceil(4);
        for (q, n) in [(8, 32), (32, 128), (8, 30), (32, 120)] {
            let design = transversal::<4>(q, n);
            assert_covers::<4>(n, &design);
            if n == 4 * q {
                assert_eq!(design.len(), bound(n), "n = {n}");
            }
        }
        assert_eq!(hessian_passes::<4>(32).len(), 88);
        assert_eq!(hessian_passes::<4>(128).len(), 1376);
        // W = 8: 128 = 8 * 16 coordinates, 256 + 8 * 6 passes (the bound is 304)
        let design = transversal::<8>(16, 128);
        assert_covers::<8>(128, &design);
        assert_eq!(design.len(), 304);
    }

    #[test]
    fn large_coverings_are_not_kept() {
        use super::COVERINGS;
        let kept = |n: usize| COVERINGS.with(|c| c.borrow().iter().any(|(m, _)| *m == n));
        assert_eq!(hessian_passes::<4>(64).len(), 336);
        assert!(kept(64));
        // 1024 = 4^5 coordinates: the affine lines, 1024 * 1023 / 12 passes
        // of 32 bytes, 2.8 MB
        assert_eq!(hessian_passes::<4>(1024).len(), 1024 * 1023 / 12);
        assert!(!kept(1024));
        assert!(kept(64));
    }

    #[test]
    fn the_cache_serves_each_width_its_own_covering() {
        // the same n at two widths, alternately, more sizes than it keeps
        for round in 0..3 {
            for n in [30, 31, 32, 33, 34, 35] {
                let four = hessian_passes::<4>(n);
                let eight = hessian_passes::<8>(n);
                assert_covers::<4>(n, &four);
                assert_covers::<8>(n, &eight);
                assert!(four.len() > eight.len(), "round {round}, n = {n}");
            }
        }
    }

    #[test]
    fn the_greedy_covering_is_taken_where_it_saves_a_tenth() {
        // block pairs at W = 4: C(k, 2) with k = ceil(n / 2)
        for n in [5_usize, 16, 20, 32, 64, 256] {
            let k = n.div_ceil(2);
            let pairs = k * (k - 1) / 2;
            let chosen = hessian_passes::<4>(n).len();
            assert!(chosen <= pairs, "n = {n}");
            if n >= 32 {
                // the Schönheim bound ceil(n/4 ceil((n-1)/3)) is a floor for
                // any covering; the greedy one stays within 15% of it here
                let bound = (n * (n - 1).div_ceil(3)).div_ceil(4);
                assert!(chosen * 10 <= pairs * 9, "n = {n}: {chosen} of {pairs}");
                assert!(
                    chosen >= bound && chosen * 100 <= bound * 115,
                    "n = {n}: {chosen}, bound {bound}"
                );
            }
        }
    }
}
