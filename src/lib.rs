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
//! Import [`prelude`] to get the trait, the number types and every driver.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub use dual;
pub use hessian;

/// The trait, the number types and every driver.
pub mod prelude {
    pub use dual::{
        Dual, Dual32, Dual64, DualNum, DualVec, DualVec32, DualVec64, HyperDual, HyperDual32,
        HyperDual64, HyperDualVec, HyperDualVec32, HyperDualVec64, Taylor, Taylor32, Taylor64,
    };
}
