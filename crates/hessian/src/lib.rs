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
//!
//! The evaluation counts are listed in the docs of [`gradient`], [`hessian`] and
//! the constants [`GRADIENT_CHUNK`] and [`HESSIAN_BLOCK`]. With the derivatives
//! come their uses: [`classify_critical_point`], [`condition_number`],
//! [`QuadraticModel`] and Newton's method, [`minimize_newton`]. The module
//! [`fd`] holds the finite differences these exact derivatives replace, with
//! their error bounds.
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
mod multivariate;
mod nesting;
mod newton;
mod univariate;

pub use analysis::{
    CriticalPoint, QuadraticModel, classify_critical_point, condition_number, curvature,
};
pub use error::{Argument, Error};
pub use function::{Function, VectorFunction};
pub use multivariate::*;
pub use newton::{NewtonOptions, NewtonReport, minimize_newton};
pub use univariate::*;

pub mod tensor;
pub use tensor::{
    DerivativeTensor, TaylorExpansion, derivative_tensor, derivative_tensors, taylor_expansion,
    third_derivative_tensor,
};
