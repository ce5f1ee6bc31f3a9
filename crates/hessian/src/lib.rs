//! Drivers: exact derivatives of user closures (in progress).
#![deny(missing_docs)]

pub mod tensor;
pub use tensor::{
    DerivativeTensor, TaylorExpansion, derivative_tensor, derivative_tensors, taylor_expansion,
    third_derivative,
};
