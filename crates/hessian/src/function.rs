//! Functions written once and evaluated at several number types.

use dual::DualNum;

/// A function `R^n -> R` written once, generic over the number type it is
/// evaluated on; fields hold the data it captures.
///
/// A closure has one argument type, but some drivers evaluate the same
/// function at several: the sparse plans trace it on a sparsity tracer and then
/// evaluate it on compressed hyper-duals, and Newton's method evaluates its
/// line-search trials on plain floats and its steps on hyper-duals. Those
/// drivers take a `Function`. Every dense driver also takes a closure, and a
/// `Function` becomes one as `|x| f.eval(x)`.
///
/// ```
/// use hessian::{Function, hessian};
/// use dual::DualNum;
///
/// struct Rosenbrock;
/// impl Function<f64> for Rosenbrock {
///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
///         (0..x.len() - 1)
///             .map(|i| (x[i + 1] - x[i] * x[i]).powi(2) * 100.0 + (-x[i] + 1.0).powi(2))
///             .sum()
///     }
/// }
/// let f = Rosenbrock;
/// assert_eq!(f.eval(&[1.0, 1.0]), 0.0);
/// let (_, _, h) = hessian(|x| f.eval(x), &[1.0, 1.0]);
/// assert_eq!(h[(0, 0)], 802.0);
/// ```
pub trait Function<F> {
    /// The value of the function at `x`, on any number type.
    fn eval<D: DualNum<F>>(&self, x: &[D]) -> D;
}

/// A function `R^n -> R^m` written once, generic over the number type it is
/// evaluated on (the vector-valued counterpart of [`Function`]).
///
/// Every evaluation must return the same number `m` of outputs; the drivers
/// that take one report a change of length as an error.
///
/// ```
/// use hessian::{VectorFunction, jacobian};
/// use dual::DualNum;
///
/// /// residuals y_i - a e^{b t_i} of an exponential fit
/// struct Residuals { t: Vec<f64>, y: Vec<f64> }
/// impl VectorFunction<f64> for Residuals {
///     fn eval<D: DualNum<f64>>(&self, p: &[D]) -> Vec<D> {
///         self.t.iter().zip(&self.y).map(|(&t, &y)| -(p[0] * (p[1] * t).exp()) + y).collect()
///     }
/// }
/// let r = Residuals { t: vec![0.0, 1.0], y: vec![1.0, 2.0] };
/// let (v, j) = jacobian(|p| r.eval(p), &[1.0, 0.0]);
/// assert_eq!(v.as_slice(), &[0.0, 1.0]);
/// assert_eq!(j[(1, 1)], -1.0); // -a t e^{b t} at a = 1, b = 0, t = 1
/// ```
pub trait VectorFunction<F> {
    /// The `m` values of the function at `x`, on any number type.
    fn eval<D: DualNum<F>>(&self, x: &[D]) -> Vec<D>;
}

impl<F, G: Function<F> + ?Sized> Function<F> for &G {
    fn eval<D: DualNum<F>>(&self, x: &[D]) -> D {
        (**self).eval(x)
    }
}

impl<F, G: VectorFunction<F> + ?Sized> VectorFunction<F> for &G {
    fn eval<D: DualNum<F>>(&self, x: &[D]) -> Vec<D> {
        (**self).eval(x)
    }
}
