//! # hyperdiff
//!
//! Exact derivatives of your own Rust code by forward-mode automatic
//! differentiation: no step size, no truncation error.
//!
//! * [`dual`]: the number types ([`dual::Dual`], [`dual::HyperDual`],
//!   [`dual::Taylor`], [`dual::DualVec`], [`dual::HyperDualVec`]) and the trait
//!   [`dual::DualNum`] that you write your functions against.
//! * [`hessian`]: drivers that take your closure and a point and return
//!   derivatives, gradients, Hessians, Jacobians and Taylor coefficients.
//!
//! Import [`prelude`] to get the trait, the number types and every driver:
//!
//! ```
//! use hyperdiff::prelude::*;
//!
//! fn g<D: DualNum<f64>>(x: &[D]) -> D {
//!     x[0] * x[1].sin() + x[0].powi(2) * 3.0
//! }
//!
//! let (_, d) = derivative(|x| x.sin() * x.exp(), 0.5);
//! approx::assert_relative_eq!(d, 0.5_f64.exp() * (0.5_f64.sin() + 0.5_f64.cos()), max_relative = 1e-15);
//!
//! let (_, grad, h) = hessian(g, &[1.5, 0.5]);
//! approx::assert_relative_eq!(grad[1], 1.5 * 0.5_f64.cos(), max_relative = 1e-15);
//! approx::assert_relative_eq!(h[(0, 0)], 6.0);
//! assert_eq!(h[(0, 1)], h[(1, 0)]);
//!
//! let c = taylor_coefficients::<3, _>(|x| x.exp(), 0.0);
//! approx::assert_relative_eq!(c[3], 1.0 / 6.0, max_relative = 1e-15);
//! ```
//!
//! Finite differences, the baseline the drivers replace, are in
//! [`hessian::fd`]; errors are [`hessian::Error`].
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub use dual;
pub use hessian;

/// The trait, the number types and every driver.
pub mod prelude {
    pub use dual::{
        Dual, Dual32, Dual64, DualField, DualNum, DualVec, DualVec32, DualVec64, HyperDual,
        HyperDual32, HyperDual64, HyperDualVec, HyperDualVec32, HyperDualVec64, Scalar, Taylor,
        Taylor32, Taylor64,
    };
    // every public item of `hessian` (drivers, models, errors, `Function`, the
    // modules `fd` and `tensor`): one glob, so a new driver is in the prelude by
    // being public
    pub use hessian::*;
    // the sparse drivers and the sparse matrix types, from `hessian::sparse`
    pub use hessian::sparse::{
        CsrMatrix, SparseHessian, SparseJacobian, SparsityPattern, hessian_sparse,
        hessian_sparsity, jacobian_sparse, jacobian_sparsity,
    };
    /// The parallel drivers (feature `rayon`).
    #[cfg(feature = "rayon")]
    pub use hessian::{gradient_par, hessian_chunked_par, hessian_par, jacobian_par};
}

/// The guide's and the README's code blocks, compiled and run as doc-tests.
#[cfg(doctest)]
mod guide {
    #[doc = include_str!("../README.md")]
    struct Readme;
    #[doc = include_str!("../docs/guide/01-why-forward-mode.md")]
    struct WhyForwardMode;
    #[doc = include_str!("../docs/guide/02-number-types.md")]
    struct NumberTypes;
    #[doc = include_str!("../docs/guide/03-writing-functions.md")]
    struct WritingFunctions;
    #[doc = include_str!("../docs/guide/04-linear-algebra.md")]
    struct LinearAlgebra;
    #[doc = include_str!("../docs/guide/05-cookbook.md")]
    struct Cookbook;
    #[doc = include_str!("../docs/guide/06-higher-derivatives.md")]
    struct HigherDerivatives;
    #[doc = include_str!("../docs/guide/07-derivatives-of-derivatives.md")]
    struct DerivativesOfDerivatives;
    #[doc = include_str!("../docs/benchmarks-nesting.md")]
    struct BenchmarksNesting;
    #[doc = include_str!("../docs/tensors.md")]
    struct Tensors;
    #[doc = include_str!("../docs/guide/08-sparse-derivatives.md")]
    struct SparseDerivatives;
}
