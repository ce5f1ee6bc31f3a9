//! Drivers for functions of one variable.

use dual::{Dual, DualNum, HyperDual};

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
    T: DualNum<T>,
    F: Fn(Dual<T>) -> Dual<T>,
{
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
    T: DualNum<T>,
    F: Fn(HyperDual<T>) -> HyperDual<T>,
{
    let y = f(HyperDual::variable(x));
    (y.re, y.eps1, y.eps1eps2)
}
