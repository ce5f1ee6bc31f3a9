//! Parallel drivers (cargo feature `rayon`): the passes of [`gradient`],
//! [`jacobian`] and [`hessian`] spread over rayon's thread pool.
//!
//! # Why separate functions
//!
//! Running the closure on several threads needs `F: Sync`. Adding that bound
//! to [`hessian`] itself when the feature is on was tried: it breaks every
//! closure that captures a `Cell` or an `Rc` (counting evaluations, caching),
//! including this crate's own tests, and a cargo feature must not break code
//! that compiles without it (any crate in a build can turn it on). So the
//! parallel drivers are their own functions, with the same arguments and
//! results plus the `Sync` bound.
//!
//! # Same results, same perturbation safety
//!
//! Every pass seeds, evaluates and unseeds its own copy of the inputs, and the
//! results are written in the sequential pass order, so the output is
//! bit-identical to the sequential driver's. Each worker job runs with the
//! caller's perturbation levels held on its thread, so a same-level driver
//! called inside the closure returns NaN (or `Err`) exactly as it does in the
//! sequential driver. Points smaller than [`PARALLEL_HESSIAN_MIN_N`] (Hessians) or
//! [`PARALLEL_GRADIENT_MIN_N`] (gradients, Jacobians) run sequentially: the
//! pool's overhead would be larger than the work.

use crate::multivariate::{
    GRADIENT_CHUNK, GradientParts, HESSIAN_BLOCK, Pass, chunks, eval_chunk, eval_pass,
    hessian_matrices, hessian_with, jacobian_with,
};
#[cfg(doc)]
use crate::multivariate::{gradient, hessian, jacobian};
use crate::nesting::{Level, with_levels};
use dual::{DualVec, HyperDualVec, Scalar};
use nalgebra::{DMatrix, DVector};
use rayon::prelude::*;

/// The smallest point length at which [`hessian_par`] and
/// [`hessian_chunked_par`] use the pool; smaller points run sequentially.
///
/// Waking rayon's workers costs about 5-10 µs per call on the machine the
/// figures were taken on (`CHUNKS_PARALLEL=1 cargo bench -p hessian --bench
/// chunks --features rayon`: a parallel gradient of a 16-variable Rosenbrock
/// took 11 µs against 0.28 µs sequentially). From `n = 32` a sequential
/// Hessian takes 40 µs (Rosenbrock) to 230 µs (a tanh layer), so the overhead
/// is a small part of it. (That machine had 2 cores and a load of about 12
/// from other jobs while measuring, so it showed no speedup at any size; see
/// `docs/benchmarks.md` for what was measured.)
///
/// ```
/// assert_eq!(hessian::PARALLEL_HESSIAN_MIN_N, 32);
/// ```
pub const PARALLEL_HESSIAN_MIN_N: usize = 32;

/// The smallest point length at which [`gradient_par`] and [`jacobian_par`]
/// use the pool. A gradient has only `n / 8` passes, each as cheap as one
/// evaluation of the function, so the pool's overhead (see
/// [`PARALLEL_HESSIAN_MIN_N`]) needs a larger point: a sequential gradient of
/// a 64-variable function with a `sin`, a `cos` and an `exp` per term took
/// 9 µs, about the overhead.
///
/// ```
/// assert_eq!(hessian::PARALLEL_GRADIENT_MIN_N, 256);
/// ```
pub const PARALLEL_GRADIENT_MIN_N: usize = 256;

/// Evaluates `job` on every pass, on rayon's pool when there are at least two
/// passes and `xs.len() >= min_n`; the results in pass order.
fn evaluate_par<X, P, Y>(
    xs: &mut [X],
    passes: &[P],
    min_n: usize,
    job: impl Fn(&mut [X], &P) -> Y + Sync,
) -> Vec<Y>
where
    X: Clone + Send + Sync,
    P: Sync,
    Y: Send,
{
    if passes.len() < 2 || xs.len() < min_n {
        return passes.iter().map(|p| job(xs, p)).collect();
    }
    let levels = Level::snapshot();
    let xs = &*xs;
    passes
        .par_iter()
        .map_init(
            || xs.to_vec(),
            |local, p| with_levels(&levels, || job(local, p)),
        )
        .collect()
}

/// [`gradient`] with its chunks evaluated in parallel; the closure must be
/// `Sync`. Bit-identical to [`gradient`].
///
/// ```
/// use dual::DualNum;
/// use hessian::{gradient, gradient_par};
///
/// fn f<D: DualNum<f64>>(x: &[D]) -> D {
///     x.windows(2).map(|w| (w[0] * w[1]).sin()).sum()
/// }
/// let x: Vec<f64> = (0..40).map(|i| i as f64 / 40.0).collect();
/// let (v, g) = gradient_par(f, &x);
/// assert_eq!((v, g.clone()), gradient(f, &x));
/// approx::assert_relative_eq!(g[0], x[1] * (x[0] * x[1]).cos(), max_relative = 1e-15);
/// ```
#[must_use]
pub fn gradient_par<T, F>(f: F, x: &[T]) -> (T, DVector<T>)
where
    T: Scalar,
    F: Fn(&[DualVec<T, GRADIENT_CHUNK>]) -> DualVec<T, GRADIENT_CHUNK> + Sync,
{
    let mut parts = GradientParts::<T, GRADIENT_CHUNK>::new(x.len());
    let mut xs: Vec<_> = x.iter().map(|&xi| DualVec::constant(xi)).collect();
    let passes = chunks::<GRADIENT_CHUNK>(x.len());
    let ys = evaluate_par(&mut xs, &passes, PARALLEL_GRADIENT_MIN_N, |xs, c| {
        eval_chunk(&f, xs, c)
    });
    for (chunk, y) in passes.into_iter().zip(&ys) {
        parts.put(chunk, y);
    }
    parts.finish()
}

/// [`jacobian`] with its chunks evaluated in parallel; the closure must be
/// `Sync`. Bit-identical to [`jacobian`] (also in making the whole result NaN
/// when the output length changes between evaluations).
///
/// ```
/// use hessian::{jacobian, jacobian_par};
/// let f = |x: &[_]| x.windows(2).map(|w| w[0] * w[1]).collect::<Vec<_>>();
/// let x: Vec<f64> = (0..30).map(|i| i as f64).collect();
/// let (v, j) = jacobian_par(f, &x);
/// assert_eq!((v, j.clone()), jacobian(f, &x));
/// assert_eq!(j[(3, 4)], 3.0);
/// ```
#[must_use]
pub fn jacobian_par<T, F>(f: F, x: &[T]) -> (DVector<T>, DMatrix<T>)
where
    T: Scalar,
    F: Fn(&[DualVec<T, GRADIENT_CHUNK>]) -> Vec<DualVec<T, GRADIENT_CHUNK>> + Sync,
{
    jacobian_with(x, &f, |xs, chunks| {
        evaluate_par(xs, chunks, PARALLEL_GRADIENT_MIN_N, |xs, c| {
            eval_chunk(&f, xs, c)
        })
    })
}

/// [`hessian`] with its block passes evaluated in parallel; the closure must be
/// `Sync`. Bit-identical to [`hessian`].
///
/// ```
/// use dual::DualNum;
/// use hessian::{hessian, hessian_par};
///
/// fn f<D: DualNum<f64>>(x: &[D]) -> D {
///     let s: D = x.iter().map(|&xi| xi * xi).sum();
///     (s * 0.1).tanh() + x[0] * x[x.len() - 1]
/// }
/// let x: Vec<f64> = (0..24).map(|i| (i as f64 - 12.0) / 10.0).collect();
/// let par = hessian_par(f, &x);
/// assert_eq!(par, hessian(f, &x));
/// assert_eq!(par.2[(0, 23)], par.2[(23, 0)]);
/// ```
#[must_use]
pub fn hessian_par<T, F>(f: F, x: &[T]) -> (T, DVector<T>, DMatrix<T>)
where
    T: Scalar,
    F: Fn(&[HyperDualVec<T, HESSIAN_BLOCK>]) -> HyperDualVec<T, HESSIAN_BLOCK> + Sync,
{
    hessian_chunked_par::<HESSIAN_BLOCK, T>(f, x)
}

/// [`hessian_par`] with a block width `W` of your choice (even, at least 2).
///
/// ```
/// use hessian::{hessian_chunked, hessian_chunked_par};
/// let f = |x: &[_]| x.windows(3).map(|w| w[0] * w[1] * w[2]).sum();
/// let x: Vec<f64> = (0..20).map(|i| 1.0 + i as f64 / 7.0).collect();
/// assert_eq!(hessian_chunked_par::<8, _>(f, &x), hessian_chunked::<8, _>(f, &x));
/// ```
#[must_use]
pub fn hessian_chunked_par<const W: usize, T>(
    f: impl Fn(&[HyperDualVec<T, W>]) -> HyperDualVec<T, W> + Sync,
    x: &[T],
) -> (T, DVector<T>, DMatrix<T>)
where
    T: Scalar,
{
    let eval = |xs: &mut [HyperDualVec<T, W>], passes: &[Pass<W>]| {
        evaluate_par(xs, passes, PARALLEL_HESSIAN_MIN_N, |xs, p| {
            eval_pass(&f, xs, p)
        })
    };
    hessian_matrices(x.len(), |grad, hess| hessian_with(x, grad, hess, eval))
}
