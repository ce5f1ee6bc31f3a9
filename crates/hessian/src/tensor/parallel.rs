//! The tensor drivers with their evaluations spread over rayon's pool
//! (cargo feature `rayon`).
//!
//! Every evaluation of `f` is independent of the others (one direction, or one
//! entry, each), so the directions are cut into runs of consecutive ones and
//! each worker evaluates whole runs into its own part of the result. Every
//! number is computed by the same operations as in the sequential driver, so
//! the results are bit-identical to it.

use super::{
    DerivativeTensor, TaylorExpansion, constants, expansion, nested, propagate, propagate_run,
    run_starts, tensor_from, tensors_from, value_of, zeroed,
};
#[cfg(doc)]
use super::{derivative_tensor, derivative_tensors, taylor_expansion, third_derivative_tensor};
use crate::Error;
use crate::nesting::{Level, with_levels};
use dual::{Dual, HyperDual, Scalar, Taylor};
use rayon::prelude::*;

/// The fewest evaluations of `f` for which the parallel tensor drivers use
/// rayon's pool; smaller jobs run sequentially, because waking the workers
/// costs several microseconds (see
/// [`PARALLEL_HESSIAN_MIN_N`](crate::PARALLEL_HESSIAN_MIN_N)).
///
/// Measured with `CHUNKS_PARALLEL=1 cargo bench -p hessian --bench chunks
/// --features rayon` (a 4-sample tanh layer; minimum time per call, sequential
/// against parallel, on 2 cores of which another job held most of one): at
/// 120 to 330 evaluations (order 3 at n = 8, order 4 at n = 6 and 8; 50-200
/// µs) the pool was 7-23% slower; from 364 evaluations (order 3 at n = 12) it
/// was 1.09-1.66x faster, 1.63x at order 4 in 16 variables (4.72 -> 2.91 ms).
/// On an idle machine the break-even is lower; 256 sits between.
///
/// ```
/// assert_eq!(hessian::tensor::PARALLEL_TENSOR_MIN_EVALUATIONS, 256);
/// ```
pub const PARALLEL_TENSOR_MIN_EVALUATIONS: usize = 256;

/// Runs `job(scratch, first, part)` over `out` cut into parts of `width`
/// values per evaluation, one part per run of consecutive multi-indices of
/// `multi_indices(dim, order)` (`count` of them; `first` is the run's first),
/// on rayon's pool; each worker's `scratch` starts as a copy of `scratch`,
/// and runs with the caller's perturbation levels held.
fn for_each_run<S, V>(
    dim: usize,
    order: usize,
    count: usize,
    width: usize,
    out: &mut [V],
    scratch: &[S],
    job: impl Fn(&mut [S], &[usize], &mut [V]) + Sync,
) where
    S: Clone + Send + Sync,
    V: Send,
{
    // a few runs per thread, so that uneven runs even out
    let len = count
        .div_ceil(rayon::current_num_threads().saturating_mul(4).max(1))
        .max(1);
    let starts = run_starts(dim, order, count, len);
    let levels = Level::snapshot();
    out.par_chunks_mut(len.saturating_mul(width).max(1))
        .zip(&starts)
        .for_each_init(
            || scratch.to_vec(),
            |scratch, (part, first)| with_levels(&levels, || job(scratch, first, part)),
        );
}

/// The value and the propagations of the Taylor drivers, in parallel when the
/// job is large enough.
fn propagate_par<T: Scalar, const D: usize>(
    f: &(impl Fn(&[Taylor<T, D>]) -> Taylor<T, D> + Sync),
    x: &[T],
    count: usize,
    err: &Error,
) -> Result<(T, Vec<T>), Error> {
    if count < PARALLEL_TENSOR_MIN_EVALUATIONS {
        return propagate(f, x, count, err);
    }
    let mut coeffs = zeroed(count.saturating_mul(D + 1), err)?;
    let input = constants::<T, D>(x);
    for_each_run(
        x.len(),
        D,
        count,
        D + 1,
        &mut coeffs,
        &input,
        |input, first, part| propagate_run(f, x, input, first, part),
    );
    Ok((value_of(f, &input, &coeffs), coeffs))
}

/// [`derivative_tensor`] with its evaluations spread over rayon's pool; `f`
/// must be `Sync`. Bit-identical to [`derivative_tensor`]; jobs of fewer than
/// [`PARALLEL_TENSOR_MIN_EVALUATIONS`] evaluations run sequentially.
///
/// # Errors
/// As [`derivative_tensor`]: [`Error::TooLarge`] before `f` is evaluated, and
/// [`Error::PerturbationConfusion`] (also for a same-level driver inside `f`
/// on a worker thread).
///
/// ```
/// use dual::DualNum;
/// use hessian::tensor::{derivative_tensor, derivative_tensor_par};
///
/// fn f<D: DualNum<f64>>(x: &[D]) -> D {
///     x.windows(2).map(|w| (w[0] * w[1]).sin()).sum()
/// }
/// let x: Vec<f64> = (0..10).map(|i| i as f64 / 10.0).collect();
/// let t = derivative_tensor_par::<3, _>(f, &x)?;
/// assert_eq!(t, derivative_tensor::<3, _>(f, &x)?);
/// // d³/dx0² dx1 sin(x0 x1) = -x1 (2 sin(x0 x1) + x0 x1 cos(x0 x1)) x1
/// let (a, b) = (x[0], x[1]);
/// let exact = -b * b * (2.0 * (a * b).sin() + a * b * (a * b).cos());
/// approx::assert_relative_eq!(t.get(&[0, 0, 1]).unwrap(), exact, max_relative = 1e-12, epsilon = 1e-15);
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn derivative_tensor_par<const D: usize, T: Scalar>(
    f: impl Fn(&[Taylor<T, D>]) -> Taylor<T, D> + Sync,
    x: &[T],
) -> Result<DerivativeTensor<T>, Error> {
    tensor_from::<D, T>(x, |count, err| propagate_par(&f, x, count, err))
}

/// [`derivative_tensors`] with its evaluations spread over rayon's pool; `f`
/// must be `Sync`. Bit-identical to [`derivative_tensors`].
///
/// # Errors
/// As [`derivative_tensors`].
///
/// ```
/// use dual::DualNum;
/// use hessian::tensor::{derivative_tensors, derivative_tensors_par};
///
/// fn f<D: DualNum<f64>>(x: &[D]) -> D {
///     x.iter().map(|&xi| xi.exp()).sum::<D>().ln()
/// }
/// let x = [0.1, -0.4, 0.3, 0.9, -1.2, 0.0];
/// let t = derivative_tensors_par::<4, _>(f, &x)?;
/// assert_eq!(t, derivative_tensors::<4, _>(f, &x)?);
/// assert_eq!(t.len(), 5);
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn derivative_tensors_par<const D: usize, T: Scalar>(
    f: impl Fn(&[Taylor<T, D>]) -> Taylor<T, D> + Sync,
    x: &[T],
) -> Result<Vec<DerivativeTensor<T>>, Error> {
    tensors_from::<D, T>(x, |count, err| propagate_par(&f, x, count, err))
}

/// [`taylor_expansion`] with its evaluations spread over rayon's pool; `f`
/// must be `Sync`. Bit-identical to [`taylor_expansion`].
///
/// # Errors
/// As [`taylor_expansion`].
///
/// ```
/// use dual::DualNum;
/// use hessian::tensor::{taylor_expansion, taylor_expansion_par};
///
/// fn f<D: DualNum<f64>>(x: &[D]) -> D {
///     (x[0] * x[1] - x[2]).cos() + x[3] * x[4]
/// }
/// let x = [0.3, 0.2, -0.1, 1.0, 2.0];
/// let p = taylor_expansion_par::<3, _>(f, &x)?;
/// let q = taylor_expansion::<3, _>(f, &x)?;
/// let dx = [1e-3, -2e-3, 5e-4, 1e-3, 0.0];
/// assert_eq!(p.eval(&dx), q.eval(&dx));
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn taylor_expansion_par<const D: usize, T: Scalar>(
    f: impl Fn(&[Taylor<T, D>]) -> Taylor<T, D> + Sync,
    x: &[T],
) -> Result<TaylorExpansion<T>, Error> {
    Ok(expansion(x, derivative_tensors_par(f, x)?))
}

/// [`third_derivative_tensor`] with its evaluations spread over rayon's pool;
/// `f` must be `Sync`. Bit-identical to [`third_derivative_tensor`].
///
/// # Errors
/// As [`third_derivative_tensor`].
///
/// ```
/// use dual::DualNum;
/// use hessian::tensor::{third_derivative_tensor, third_derivative_tensor_par};
///
/// fn f<D: DualNum<f64>>(x: &[D]) -> D {
///     x.windows(3).map(|w| w[0] * w[1].sin() * w[2].exp()).sum()
/// }
/// let x: Vec<f64> = (0..9).map(|i| 0.1 * i as f64).collect();
/// let t = third_derivative_tensor_par(f, &x)?;
/// assert_eq!(t, third_derivative_tensor(f, &x)?);
/// // d³/dx0 dx1 dx2 = cos(x1) exp(x2)
/// approx::assert_relative_eq!(t.get(&[0, 1, 2]).unwrap(), x[1].cos() * x[2].exp(), max_relative = 1e-14);
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn third_derivative_tensor_par<T: Scalar>(
    f: impl Fn(&[Dual<HyperDual<T>>]) -> Dual<HyperDual<T>> + Sync,
    x: &[T],
) -> Result<DerivativeTensor<T>, Error> {
    let n = x.len();
    nested::third_from(x, |input, values| {
        let count = values.len();
        if count < PARALLEL_TENSOR_MIN_EVALUATIONS {
            nested::third_all(&f, input, values);
        } else {
            for_each_run(n, 3, count, 1, values, input, |input, first, part| {
                nested::third_run(&f, input, first, part);
            });
        }
    })
}
