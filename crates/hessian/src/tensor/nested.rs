//! Third derivatives entry by entry with nested hyper-dual numbers.

use super::{
    DerivativeTensor, MultiIndices, index_list, job_size,
    multi_index::{advance, multi_index_count_u128},
    zeroed,
};
use crate::Error;
use crate::nesting::Level;
use dual::{Dual, HyperDual, Scalar};

/// Every third partial derivative of `f` at `x`, one evaluation of `f` on
/// `Dual<HyperDual<T>>` per distinct entry: seeding `x_i` in `eps1` and `x_j`
/// in `eps2` of the inner hyper-dual number and `x_k` in the outer `eps`, the
/// part `eps.eps1eps2` of the result is `∂³f / ∂x_i ∂x_j ∂x_k`.
///
/// The same tensor as [`derivative_tensor::<3, _>`](super::derivative_tensor),
/// from the same number of evaluations of `f`,
/// [`multi_index_count`](super::multi_index_count)`(n, 3) = n (n + 1) (n + 2) / 6`.
/// It was the faster of the two routes for `n` = 2, 4 and 8 (by 1.5 to 2.6
/// times over two runs; `cargo bench --bench tensor`, numbers in `docs/tensors.md`): a
/// `Taylor<T, 3>` evaluation is about as expensive as a `Dual<HyperDual<T>>`
/// one, and the Taylor route adds the interpolation.
///
/// `f` takes a slice of `Dual<HyperDual<T>>`; write it once against
/// [`DualNum`](dual::DualNum) and the same function serves [`derivative_tensor`](super::derivative_tensor).
///
/// # Errors
/// [`Error::TooLarge`] if the tensor would need more than
/// [`MAX_BYTES`](super::MAX_BYTES), before `f` is evaluated;
/// [`Error::PerturbationConfusion`] if called inside the closure of another
/// driver that seeds `Dual<HyperDual<T>>` or `HyperDual<T>`.
///
/// ```
/// use dual::DualNum;
/// use hessian::tensor::third_derivative_tensor;
///
/// fn f<D: DualNum<f64>>(x: &[D]) -> D {
///     x[0].powi(2) * x[1].sin()
/// }
/// let (a, b) = (1.5_f64, 0.5_f64);
/// let t = third_derivative_tensor(f, &[a, b])?;
/// assert_eq!((t.order(), t.len()), (3, 4));
/// approx::assert_relative_eq!(t.get(&[0, 0, 1]).unwrap(), 2.0 * b.cos(), max_relative = 1e-14);
/// approx::assert_relative_eq!(t.get(&[1, 0, 1]).unwrap(), -2.0 * a * b.sin(), max_relative = 1e-14);
/// approx::assert_relative_eq!(t.get(&[1, 1, 1]).unwrap(), -a * a * b.cos(), max_relative = 1e-14);
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn third_derivative_tensor<T: Scalar>(
    f: impl Fn(&[Dual<HyperDual<T>>]) -> Dual<HyperDual<T>>,
    x: &[T],
) -> Result<DerivativeTensor<T>, Error> {
    // Route chosen by measurement (`cargo bench --bench tensor`, two runs on a
    // loaded 2-core machine, median times, Taylor interpolation vs this loop):
    // n = 2: 0.72 vs 0.43 µs; n = 4: 4.1 vs 2.2 µs; n = 8: 37 vs 23 µs (and
    // 54 vs 35 µs in the other run). Table in docs/tensors.md.
    third_from(x, |input, values| third_all(&f, input, values))
}

/// The body of [`third_derivative_tensor`] and its parallel form: the job's
/// size, the levels held while `f` runs (its seeds live in both
/// `HyperDual<T>` (`eps1`, `eps2`) and the outer `Dual`), the point as
/// unseeded numbers, then `fill(input, values)` writes the entries of every
/// multi-index of order 3, in order.
pub(crate) fn third_from<T: Scalar>(
    x: &[T],
    fill: impl FnOnce(&mut [Dual<HyperDual<T>>], &mut [T]),
) -> Result<DerivativeTensor<T>, Error> {
    let n = x.len();
    let (count, err) = job_size::<T>(n, multi_index_count_u128(n, 3), 0, 3..=3)?;
    let _level = Level::enter(&[
        core::any::TypeId::of::<HyperDual<T>>(),
        core::any::TypeId::of::<Dual<HyperDual<T>>>(),
    ])
    .ok_or_else(crate::nesting::confusion::<Dual<HyperDual<T>>>)?;
    let z = T::zero();
    let mut input: Vec<Dual<HyperDual<T>>> = x
        .iter()
        .map(|&xi| Dual::new(HyperDual::new(xi, z, z, z), HyperDual::new(z, z, z, z)))
        .collect();
    let mut values = zeroed(count, &err)?;
    let indices = index_list(n, 3, count, &err)?;
    fill(&mut input, &mut values);
    Ok(DerivativeTensor {
        dim: n,
        order: 3,
        indices,
        values,
    })
}

/// Every entry, in one run from the first multi-index.
pub(crate) fn third_all<T: Scalar>(
    f: &impl Fn(&[Dual<HyperDual<T>>]) -> Dual<HyperDual<T>>,
    input: &mut [Dual<HyperDual<T>>],
    values: &mut [T],
) {
    if let Some(first) = MultiIndices::new(input.len(), 3).next() {
        third_run(f, input, &first, values);
    }
}

/// The entries of `values.len()` consecutive multi-indices of order 3, the
/// first of them `first`, into `values`; `input` is the point as
/// [`third_from`] gives it, reseeded for every entry.
pub(crate) fn third_run<T: Scalar>(
    f: &impl Fn(&[Dual<HyperDual<T>>]) -> Dual<HyperDual<T>>,
    input: &mut [Dual<HyperDual<T>>],
    first: &[usize],
    values: &mut [T],
) {
    let (z, one) = (T::zero(), T::one());
    let mut alpha = first.to_vec();
    for (r, value) in values.iter_mut().enumerate() {
        if r > 0 {
            advance(&mut alpha);
        }
        // the index list i <= j <= k of the multi-index
        let mut list = alpha
            .iter()
            .enumerate()
            .flat_map(|(l, &a)| core::iter::repeat_n(l, a));
        let (Some(i), Some(j), Some(k)) = (list.next(), list.next(), list.next()) else {
            *value = T::nan();
            continue;
        };
        for (l, inp) in input.iter_mut().enumerate() {
            inp.re.eps1 = if l == i { one } else { z };
            inp.re.eps2 = if l == j { one } else { z };
            inp.eps.re = if l == k { one } else { z };
        }
        *value = f(input).eps.eps1eps2;
    }
}
