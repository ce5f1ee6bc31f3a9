//! Exact derivatives of your own closures, and what to do with them.
//!
//! Every driver takes your function first and the point second, and evaluates
//! the function on the number type of the [`dual`] crate that carries the
//! derivatives it needs. The driver chooses the closure's argument type, so a
//! function written once against [`dual::DualNum`], or an un-annotated closure,
//! works with all of them. Results are exact up to floating-point rounding: there
//! is no step size.
//!
//! ```
//! use dual::DualNum;
//! use hessian::{derivative, gradient, hessian, taylor_coefficients};
//!
//! fn g<D: DualNum<f64>>(x: &[D]) -> D {
//!     x[0] * x[1].sin() + x[0].powi(2) * 3.0
//! }
//! let (_, d) = derivative(|x| x.sin() * x.exp(), 0.5);
//! approx::assert_relative_eq!(d, 0.5_f64.exp() * (0.5_f64.sin() + 0.5_f64.cos()), max_relative = 1e-15);
//!
//! let (_, grad) = gradient(g, &[1.5, 0.5]);
//! let (_, _, h) = hessian(g, &[1.5, 0.5]);
//! approx::assert_relative_eq!(grad[0], 0.5_f64.sin() + 9.0, max_relative = 1e-15);
//! approx::assert_relative_eq!(h[(0, 1)], 0.5_f64.cos(), max_relative = 1e-15);
//! assert_eq!(h[(0, 1)], h[(1, 0)]);
//!
//! let c = taylor_coefficients::<4, _>(|x| x.exp(), 0.0);
//! approx::assert_relative_eq!(c[4], 1.0 / 24.0, max_relative = 1e-15);
//! ```
//!
//! | `f` | drivers | number type |
//! |---|---|---|
//! | `R -> R` | [`derivative`], [`second_derivative`], [`curvature`] | `Dual`, `HyperDual` |
//! | `R -> R` | [`nth_derivative`], [`derivatives`], [`taylor_coefficients`], [`TaylorPolynomial`] | `Taylor<T, N>` |
//! | `R^n -> R` | [`gradient`], [`partial_derivative`], [`directional_derivative`] | `DualVec`, `Dual` |
//! | `R^n -> R` | [`hessian`], [`second_partial_derivative`], [`hessian_vector_product`], [`second_directional_derivative`] | `HyperDualVec`, `HyperDual`, `Dual<DualVec>`, `Dual<Dual>` |
//! | `R^N -> R`, `N` fixed | [`gradient_static`], [`hessian_static`] | `DualVec<T, N>`, `HyperDualVec<T, N>` |
//! | `R^n -> R^m` | [`jacobian`] | `DualVec` |
//! | `g(x, p) = 0`, `argmin_x f(x, p)` | [`implicit_jacobian`], [`argmin_jacobian`] | `DualVec`, `HyperDualVec` |
//!
//! The evaluation counts are listed in the docs of [`gradient`], [`hessian`] and
//! the constants [`GRADIENT_CHUNK`] and [`HESSIAN_BLOCK`]. With the derivatives
//! come their uses: [`classify_critical_point`], [`condition_number`],
//! [`QuadraticModel`] and Newton's method, [`minimize_newton`]. The module
//! [`fd`] holds the finite differences these exact derivatives replace, with
//! their error bounds.
//!
//! Every driver also accepts a point whose scalar is itself a number type, so
//! drivers nest: inside a driver's closure, call another driver at a point of
//! the closure's own number type (captured values lifted with `constant`), and
//! the result is the exact derivative of the derivative. A driver called at the
//! closure's level instead, at a plain point, would confuse the two drivers'
//! perturbations; it returns NaN (or [`Error::PerturbationConfusion`]) rather
//! than a wrong number. See the guide's chapter "Derivatives of derivatives".
//!
//! ```
//! use dual::Dual;
//! use hessian::derivative;
//! // d/dx [x · d/dy (x y)] = 2x
//! let (_, d) = derivative(|x| x * derivative(|y| Dual::constant(x) * y, Dual::constant(2.0)).1, 5.0);
//! assert_eq!(d, 10.0);
//! // the same-level form (inner point a plain f64) is refused
//! let (_, bad) = derivative(|x| x * derivative(|y| x * y, 2.0).1, 5.0_f64);
//! assert!(bad.is_nan());
//! ```
//!
//! Fallible drivers return [`Error`]; the others accept every input: an empty
//! point gives empty results, and NaN or infinite inputs give NaN or infinite
//! results, as `f64` arithmetic would.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod analysis;
mod error;
pub mod fd;
mod function;
mod implicit;
mod multivariate;
mod nesting;
mod newton;
mod univariate;

pub use analysis::{
    CriticalPoint, QuadraticModel, classify_critical_point, condition_number, curvature,
};
pub use error::{Argument, Error};
pub use function::{Function, VectorFunction};
pub use implicit::{argmin_jacobian, implicit_jacobian};
pub use multivariate::*;
pub use newton::{NewtonOptions, NewtonReport, minimize_newton};
pub use univariate::*;

pub mod tensor;
pub use tensor::{
    DerivativeTensor, TaylorExpansion, derivative_tensor, derivative_tensors, taylor_expansion,
    third_derivative,
};
