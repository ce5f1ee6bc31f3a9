//! What users do with exact second derivatives: classify critical points,
//! measure curvature and conditioning, build local quadratic models.

use crate::lit::lit;
use crate::nesting::Level;
use crate::{Error, HESSIAN_BLOCK, hessian, second_derivative};
use dual::{HyperDual, HyperDualVec, Scalar};
use nalgebra::{DMatrix, DVector, RealField};
use num_traits::Float;

/// The kind of a critical point, from the signs of the Hessian's eigenvalues.
///
/// ```
/// use hessian::{CriticalPoint, classify_critical_point};
/// let kind = classify_critical_point(|x| x[0] * x[0] - x[1] * x[1], &[0.0, 0.0], 1e-12)?;
/// assert_eq!(kind, CriticalPoint::Saddle);
/// # Ok::<(), hessian::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CriticalPoint {
    /// Every eigenvalue positive: a strict local minimum.
    Minimum,
    /// Every eigenvalue negative: a strict local maximum.
    Maximum,
    /// Eigenvalues of both signs: a saddle point.
    Saddle,
    /// Some eigenvalue is zero (to rounding) and the others share a sign: the
    /// second-order test cannot decide.
    Degenerate,
}

/// The eigenvalues of a symmetric matrix, or `None` if an entry is not finite
/// or the iteration does not converge (it always does for finite input).
fn eigenvalues<T: Scalar + RealField>(h: DMatrix<T>) -> Option<DVector<T>> {
    if !h.iter().all(|v| Float::is_finite(*v)) {
        return None;
    }
    nalgebra::SymmetricEigen::try_new(h, T::epsilon(), 10_000).map(|e| e.eigenvalues)
}

/// Classify the critical point `x` of `f: R^n -> R` by the eigenvalues of its
/// exact Hessian ([`hessian`]).
///
/// An eigenvalue counts as zero when `|λ| <= n ε max|λ|` (`ε` the machine
/// epsilon), the usual numerical-rank threshold.
///
/// # Errors
///
/// * [`Error::EmptyPoint`] if `x` is empty;
/// * [`Error::PerturbationConfusion`] inside the closure of a driver that
///   seeds the same number type;
/// * [`Error::NonFiniteValue`] if `f(x)` is NaN or infinite (`x` is outside
///   the function's domain, where no derivative means anything);
/// * [`Error::NotCritical`] if the gradient norm at `x` exceeds `tol` (or is NaN);
/// * [`Error::NonFiniteHessian`] if the Hessian has a NaN or infinite entry.
///
/// ```
/// use hessian::{CriticalPoint, classify_critical_point};
/// let min = classify_critical_point(|x| x[0] * x[0] + x[1] * x[1], &[0.0, 0.0], 1e-12)?;
/// assert_eq!(min, CriticalPoint::Minimum);
/// let max = classify_critical_point(|x| -(x[0] * x[0] + x[1] * x[1]), &[0.0, 0.0], 1e-12)?;
/// assert_eq!(max, CriticalPoint::Maximum);
/// let err = classify_critical_point(|x| x[0] * x[0], &[1.0], 1e-12).unwrap_err();
/// assert!(err.to_string().starts_with("not a critical point"));
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn classify_critical_point<T, F>(f: F, x: &[T], tol: T) -> Result<CriticalPoint, Error>
where
    T: Scalar + RealField,
    F: Fn(&[HyperDualVec<T, HESSIAN_BLOCK>]) -> HyperDualVec<T, HESSIAN_BLOCK>,
{
    if x.is_empty() {
        return Err(Error::EmptyPoint);
    }
    // a same-level call is an error here, not the NaN `hessian` would give
    drop(Level::try_of::<HyperDualVec<T, HESSIAN_BLOCK>>()?);
    let (value, g, h) = hessian(f, x);
    if !Float::is_finite(value) {
        return Err(Error::NonFiniteValue {
            value: value.to_f64().unwrap_or(f64::NAN),
        });
    }
    let gradient_norm = g.norm();
    let critical = gradient_norm <= tol; // false for a NaN norm or tolerance
    if !critical {
        return Err(Error::NotCritical {
            gradient_norm: gradient_norm.to_f64().unwrap_or(f64::NAN),
            tol: tol.to_f64().unwrap_or(f64::NAN),
        });
    }
    let lambda = eigenvalues(h).ok_or(Error::NonFiniteHessian)?;
    let largest = lambda
        .iter()
        .fold(T::zero(), |m, &l| Float::max(m, Float::abs(l)));
    let zero = T::epsilon() * largest * lit::<T>(x.len());
    let positive = lambda.iter().any(|&l| l > zero);
    let negative = lambda.iter().any(|&l| l < -zero);
    let zeros = lambda.iter().any(|&l| Float::abs(l) <= zero);
    Ok(match (positive, negative, zeros) {
        (true, true, _) => CriticalPoint::Saddle,
        (true, false, false) => CriticalPoint::Minimum,
        (false, true, false) => CriticalPoint::Maximum,
        _ => CriticalPoint::Degenerate,
    })
}

/// The condition number `|λ_max / λ_min|` of the Hessian of `f` at `x`, with
/// `λ_max`, `λ_min` the eigenvalues of largest and smallest magnitude: how much
/// the problem's scale differs between directions. A singular Hessian (the
/// zero matrix included) gives infinity. Outside the function's domain (a NaN
/// or infinite value `f(x)`) and at a NaN or infinite Hessian entry the result
/// is NaN, as `f64` arithmetic would give.
///
/// # Errors
///
/// [`Error::EmptyPoint`] if `x` is empty;
/// [`Error::PerturbationConfusion`] inside the closure of a driver that seeds
/// the same number type.
///
/// ```
/// use hessian::condition_number;
/// // H = [[2, 0], [0, 200]]
/// let k = condition_number(|x| x[0] * x[0] + x[1] * x[1] * 100.0, &[1.0, 1.0])?;
/// approx::assert_relative_eq!(k, 100.0, max_relative = 1e-14);
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn condition_number<T, F>(f: F, x: &[T]) -> Result<T, Error>
where
    T: Scalar + RealField,
    F: Fn(&[HyperDualVec<T, HESSIAN_BLOCK>]) -> HyperDualVec<T, HESSIAN_BLOCK>,
{
    if x.is_empty() {
        return Err(Error::EmptyPoint);
    }
    drop(Level::try_of::<HyperDualVec<T, HESSIAN_BLOCK>>()?);
    let (value, _, h) = hessian(f, x);
    if !Float::is_finite(value) {
        return Ok(T::nan());
    }
    let Some(lambda) = eigenvalues(h) else {
        return Ok(T::nan());
    };
    let abs = lambda.map(Float::abs);
    let smallest = abs.min();
    if smallest == T::zero() {
        // singular (0 / 0 for the zero matrix): infinitely ill-conditioned
        return Ok(T::infinity());
    }
    Ok(abs.max() / smallest)
}

/// The curvature `|f''| / (1 + f'²)^(3/2)` of the graph of `f: R -> R` at `x`,
/// from one [`second_derivative`] evaluation.
///
/// ```
/// use hessian::curvature;
/// // the upper unit half circle has curvature 1 everywhere
/// let k = curvature(|x| (1.0 - x * x).sqrt(), 0.6_f64);
/// approx::assert_relative_eq!(k, 1.0, max_relative = 1e-14);
/// ```
#[must_use]
pub fn curvature<T, F>(f: F, x: T) -> T
where
    T: Scalar,
    F: Fn(HyperDual<T>) -> HyperDual<T>,
{
    let (_, d1, d2) = second_derivative(f, x);
    let s = T::one() + d1 * d1;
    Float::abs(d2) / (s * Float::sqrt(s))
}
