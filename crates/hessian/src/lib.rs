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
//! | `R^n -> R` | [`hessian`], [`second_partial_derivative`], [`hessian_vector_product`], [`second_directional_derivative`], [`QuadraticModel`] | `HyperDualVec`, `HyperDual`, `Dual<DualVec>`, `Dual<Dual>` |
//! | `R^N -> R`, `N` fixed | [`gradient_static`], [`hessian_static`] | `DualVec<T, N>`, `HyperDualVec<T, N>` |
//! | `R^n -> R^m` | [`jacobian`] | `DualVec` |
//! | `g(x, p) = 0`, `argmin_x f(x, p)` | [`implicit_jacobian`], [`argmin_jacobian`] | `DualVec`, `HyperDualVec` |
//! | `R^n -> R`, order `D` | [`derivative_tensor`], [`derivative_tensors`], [`taylor_expansion`], [`TaylorExpansion`] | `Taylor<T, D>` |
//!
//! The evaluation counts are listed in the docs of [`gradient`], [`hessian`] and
//! the constants [`GRADIENT_CHUNK`] and [`HESSIAN_BLOCK`]. With the derivatives
//! come their uses: [`classify_critical_point`], [`condition_number`], the
//! local models of [`TaylorPolynomial`], [`QuadraticModel`] and
//! [`TaylorExpansion`] (one shape for the three, see their module table), and
//! Newton's method, [`minimize_newton`] (or [`minimize_newton_function`] for a
//! [`Function`], whose line search runs on plain floats). With the cargo
//! feature `argmin`, the module `argmin_adapter` runs argmin's solvers on exact
//! derivatives. The module [`fd`] holds the finite differences these exact
//! derivatives replace, with their error bounds.
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
//! # Conventions
//!
//! **Function first, point second.** Every driver takes the function, then the
//! point, then what else it needs (a direction, an index, a stencil).
//!
//! **The value rule.** A driver that returns a derivative *object* (every
//! derivative of `f` up to the order it computes) returns the value `f(x)`
//! first and the derivatives by increasing order after it: [`derivative`]
//! `(f, f')`, [`second_derivative`] `(f, f', f'')`, [`derivatives`] and
//! [`taylor_coefficients`] (index 0 is the value), [`gradient`] `(f, ∇f)`,
//! [`hessian`] `(f, ∇f, H)`, [`jacobian`] `(f, J)`, [`derivative_tensors`]
//! (order 0 first), their `_chunked` and `_static` forms, and the finite
//! differences [`fd::derivative`], [`fd::second_derivative`],
//! [`fd::gradient`] and [`fd::hessian`], which mirror them. A driver that
//! returns a single derivative or product (one order, one entry, one
//! direction) returns that alone: [`nth_derivative`], [`derivative_tensor`],
//! [`partial_derivative`], [`second_partial_derivative`],
//! [`directional_derivative`], [`second_directional_derivative`],
//! [`hessian_vector_product`]. Each of the last five has a `_with_value` form
//! that returns, from the same evaluations, the value and the lower orders
//! first, e.g. [`hessian_vector_product_with_value`] `(f, ∇f, H v)`; for
//! [`nth_derivative`] that form is [`derivatives`]. (There is no univariate
//! `third_derivative`: [`derivatives`]`::<3, _>` is it, by this rule.)
//!
//! **Misuse, mathematics, queries.**
//!
//! * *Shape and size misuse is an `Err`* of [`Error`]: a direction,
//!   displacement or parameter vector of the wrong length
//!   ([`Error::LengthMismatch`]), an index past the point
//!   ([`Error::IndexOutOfRange`]), an empty point where one is needed
//!   ([`Error::EmptyPoint`]), a job too large to hold ([`Error::TooLarge`]),
//!   a driver called inside another's closure at the same nesting level
//!   ([`Error::PerturbationConfusion`]). The drivers whose shapes never allow
//!   misuse (a closure and a point) return plain values; they report a
//!   same-level call as NaN (see the [nesting rules](crate::Error::PerturbationConfusion)).
//! * *Mathematics outside a function's domain is NaN*, as for `f64`: `sqrt` of
//!   a negative point, a NaN or infinite input, a singular or non-finite
//!   Hessian in [`condition_number`] (infinite for a singular one, NaN for a
//!   non-finite one). An empty point is not misuse where the answer is
//!   well defined (the gradient of a function of no variables is empty).
//!   Where the answer is not a number, it is the `Err` that names the cause:
//!   [`classify_critical_point`] of a point outside the domain is
//!   [`Error::NonFiniteValue`], at a non-finite Hessian
//!   [`Error::NonFiniteHessian`].
//! * *Index queries answer with `Option`*: [`DerivativeTensor::get`],
//!   [`TaylorExpansion::coeff`], [`TaylorPolynomial::coeff`] are `None` for an
//!   index that names no entry (indices too large to add up included), never a
//!   panic or a wrapped-around entry.
//!
//! No driver panics on input its signature accepts.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod analysis;
#[cfg(feature = "argmin")]
pub mod argmin_adapter;
mod error;
pub mod fd;
mod function;
mod implicit;
mod lit;
mod models;
mod multivariate;
mod nesting;
mod newton;
#[cfg(feature = "rayon")]
mod parallel;
mod univariate;

pub mod sparse;

pub use analysis::{CriticalPoint, classify_critical_point, condition_number, curvature};
pub use error::{Argument, Error};
pub use function::{Function, VectorFunction};
pub use implicit::{argmin_jacobian, implicit_jacobian};
pub use models::{QuadraticModel, TaylorExpansion, TaylorPolynomial};
pub use multivariate::*;
pub use newton::{NewtonOptions, NewtonReport, minimize_newton, minimize_newton_function};
#[cfg(feature = "rayon")]
pub use parallel::{
    PARALLEL_GRADIENT_MIN_N, PARALLEL_HESSIAN_MIN_N, gradient_par, hessian_chunked_par,
    hessian_par, jacobian_par,
};
pub use univariate::*;

pub mod tensor;
pub use tensor::{
    DerivativeTensor, derivative_tensor, derivative_tensors, taylor_expansion,
    third_derivative_tensor,
};
#[cfg(feature = "rayon")]
pub use tensor::{
    PARALLEL_TENSOR_MIN_EVALUATIONS, derivative_tensor_par, derivative_tensors_par,
    taylor_expansion_par, third_derivative_tensor_par,
};
