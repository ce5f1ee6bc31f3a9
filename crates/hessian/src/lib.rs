//! Exact derivatives of your own closures, and what to do with them.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod analysis;
mod error;
pub mod fd;
mod multivariate;
mod newton;
mod univariate;

pub use analysis::{
    CriticalPoint, QuadraticModel, classify_critical_point, condition_number, curvature,
};
pub use error::{Error, ErrorKind};
pub use multivariate::*;
pub use newton::{NewtonOptions, NewtonReport, minimize_newton};
pub use univariate::*;
