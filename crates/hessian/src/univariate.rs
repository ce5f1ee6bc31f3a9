//! Drivers for functions of one variable.

use crate::nesting::Level;
use dual::{Dual, HyperDual, Scalar, Taylor};

/// The value and the first derivative of `f` at `x`: `(f(x), f'(x))`.
///
/// One evaluation of `f` on a [`Dual`] number.
///
/// ```
/// use dual::DualNum;
/// use hessian::derivative;
///
/// fn f<D: DualNum<f64>>(x: D) -> D {
///     x.exp() / (x.sin().powi(3) + x.cos().powi(3)).sqrt()
/// }
/// let (y, dy) = derivative(f, 1.5);
/// assert_eq!(y, f(1.5));
/// approx::assert_relative_eq!(dy, 4.053427893898621, max_relative = 1e-14);
///
/// // an un-annotated closure works too
/// let (_, d) = derivative(|x| x.sin() * x.exp(), 0.5);
/// approx::assert_relative_eq!(d, 0.5_f64.exp() * (0.5_f64.sin() + 0.5_f64.cos()), max_relative = 1e-15);
/// ```
#[must_use]
pub fn derivative<T, F>(f: F, x: T) -> (T, T)
where
    T: Scalar,
    F: Fn(Dual<T>) -> Dual<T>,
{
    let Some(_level) = Level::of::<Dual<T>>() else {
        return (T::nan(), T::nan());
    };
    let y = f(Dual::variable(x));
    (y.re, y.eps)
}

/// The value, first and second derivative of `f` at `x`: `(f(x), f'(x), f''(x))`.
///
/// One evaluation of `f` on a [`HyperDual`] number.
///
/// ```
/// use dual::DualNum;
/// use hessian::second_derivative;
///
/// fn f<D: DualNum<f64>>(x: D) -> D {
///     x.exp() / (x.sin().powi(3) + x.cos().powi(3)).sqrt()
/// }
/// let (_, d1, d2) = second_derivative(f, 1.5);
/// approx::assert_relative_eq!(d1, 4.053427893898621, max_relative = 1e-14);
/// approx::assert_relative_eq!(d2, 9.463073681596603, max_relative = 1e-14);
/// ```
#[must_use]
pub fn second_derivative<T, F>(f: F, x: T) -> (T, T, T)
where
    T: Scalar,
    F: Fn(HyperDual<T>) -> HyperDual<T>,
{
    let Some(_level) = Level::of::<HyperDual<T>>() else {
        return (T::nan(), T::nan(), T::nan());
    };
    let y = f(HyperDual::variable(x));
    (y.re, y.eps1, y.eps1eps2)
}

/// The `N`-th derivative `f^(N)(x)`, in one evaluation of `f` on a
/// [`Taylor<T, N>`](Taylor) number (`O(N²)` work per operation).
///
/// ```
/// use hessian::nth_derivative;
/// // d⁵/dx⁵ sin = cos
/// let d5 = nth_derivative::<5, _>(|x| x.sin(), 0.3);
/// approx::assert_relative_eq!(d5, 0.3_f64.cos(), max_relative = 1e-14);
/// ```
#[must_use]
pub fn nth_derivative<const N: usize, T>(f: impl Fn(Taylor<T, N>) -> Taylor<T, N>, x: T) -> T
where
    T: Scalar,
{
    let Some(_level) = Level::of::<Taylor<T, N>>() else {
        return T::nan();
    };
    f(Taylor::variable(x)).derivative(N)
}

/// The value and every derivative up to order `N`: `[f(x), f'(x), ..., f^(N)(x)]`
/// (length `N + 1`), in one evaluation of `f` on a [`Taylor<T, N>`](Taylor) number.
///
/// ```
/// use hessian::derivatives;
/// // x^3: 8, 12, 12, 6, 0 at x = 2
/// let d = derivatives::<4, _>(|x| x.powi(3), 2.0);
/// assert_eq!(d, [8.0, 12.0, 12.0, 6.0, 0.0]);
/// ```
#[must_use]
pub fn derivatives<const N: usize, T>(f: impl Fn(Taylor<T, N>) -> Taylor<T, N>, x: T) -> Vec<T>
where
    T: Scalar,
{
    let Some(_level) = Level::of::<Taylor<T, N>>() else {
        return vec![T::nan(); N + 1];
    };
    let y = f(Taylor::variable(x));
    (0..=N).map(|k| y.derivative(k)).collect()
}

/// The Taylor coefficients `[c0, ..., cN]` of `f` at `x`, `c_k = f^(k)(x) / k!`,
/// in one evaluation of `f` on a [`Taylor<T, N>`](Taylor) number.
///
/// ```
/// use hessian::taylor_coefficients;
/// // tan x = x + x³/3 + 2x⁵/15 + ...
/// let c = taylor_coefficients::<5, _>(|x| x.tan(), 0.0);
/// approx::assert_relative_eq!(&c[..], &[0.0, 1.0, 0.0, 1.0 / 3.0, 0.0, 2.0 / 15.0][..], epsilon = 1e-15);
/// ```
#[must_use]
pub fn taylor_coefficients<const N: usize, T>(
    f: impl Fn(Taylor<T, N>) -> Taylor<T, N>,
    x: T,
) -> Vec<T>
where
    T: Scalar,
{
    let Some(_level) = Level::of::<Taylor<T, N>>() else {
        return vec![T::nan(); N + 1];
    };
    f(Taylor::variable(x)).coeffs().collect()
}
