//! [argmin](https://argmin-rs.org) solvers on exact derivatives (cargo feature
//! `argmin`, off by default).
//!
//! Wrap a [`Function`] (for L-BFGS, BFGS, Newton, Newton-CG, trust region with
//! Steihaug or dogleg, ...) or a [`VectorFunction`] of residuals (for
//! Gauss-Newton) in [`Exact`], and hand it to argmin's `Executor`: its cost,
//! gradient, Hessian, residuals and Jacobian are this crate's drivers
//! ([`gradient`], [`hessian`], [`jacobian`]) on your function, so the solver
//! sees exact derivatives and no glue is left to write.
//!
//! # Types, and why no second nalgebra
//!
//! Parameters, gradients and residuals are `Vec<f64>`, handled by
//! argmin-math's `vec` backend, which needs no linear-algebra crate.
//! argmin-math's nalgebra backend supports nalgebra up to 0.34, while this
//! crate uses 0.35, so choosing it would put two nalgebras in your dependency
//! tree. The one thing the `vec` backend lacks is a matrix inverse, which
//! Newton, dogleg and Gauss-Newton need; so Hessians and Jacobians are a
//! [`Matrix`], a thin wrapper around this crate's own `nalgebra::DMatrix<f64>`
//! that implements the few argmin-math operations those solvers use (product
//! with a vector and a matrix, transpose, inverse). Put `argmin = "0.11"` in
//! your `Cargo.toml` (and `argmin-math = { version = "0.5", features =
//! ["vec"] }` if you build a BFGS inverse-Hessian estimate as `Vec<Vec<f64>>`).
//!
//! ```
//! use argmin::core::{Executor, State};
//! use argmin::solver::linesearch::MoreThuenteLineSearch;
//! use argmin::solver::quasinewton::LBFGS;
//! use dual::DualNum;
//! use hessian::{Function, argmin_adapter::Exact};
//!
//! struct Rosenbrock;
//! impl Function<f64> for Rosenbrock {
//!     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
//!         x.windows(2)
//!             .map(|w| (w[1] - w[0] * w[0]).powi(2) * 100.0 + (-w[0] + 1.0).powi(2))
//!             .sum()
//!     }
//! }
//! let solver = LBFGS::new(MoreThuenteLineSearch::new(), 7);
//! let result = Executor::new(Exact(Rosenbrock), solver)
//!     .configure(|state| state.param(vec![-1.2, 1.0]).max_iters(100))
//!     .run()?;
//! let best = result.state().get_best_param().unwrap();
//! approx::assert_relative_eq!(&best[..], &[1.0, 1.0][..], epsilon = 1e-6);
//! # Ok::<(), argmin::core::Error>(())
//! ```

use crate::{Function, VectorFunction, gradient, hessian, jacobian};
use argmin::core::{CostFunction, Error, Gradient, Hessian, Jacobian, Operator};
use argmin_math::{ArgminDot, ArgminInv, ArgminTranspose};
use nalgebra::{DMatrix, DVector};

/// A [`Function`] or [`VectorFunction`] as an argmin problem with exact
/// derivatives.
///
/// For `G: Function<f64>`: [`CostFunction`] (`f(x)`), [`Gradient`] (one
/// [`gradient`] call) and [`Hessian`] (one [`hessian`] call, as a
/// [`Matrix`]). For `G: VectorFunction<f64>`: [`Operator`] (the residuals)
/// and [`Jacobian`] (one [`jacobian`] call, as a [`Matrix`]).
///
/// ```
/// use argmin::core::{CostFunction, Gradient, Hessian};
/// use dual::DualNum;
/// use hessian::{Function, argmin_adapter::Exact};
///
/// struct Bowl;
/// impl Function<f64> for Bowl {
///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
///         x[0] * x[0] + x[1] * x[1] * 3.0
///     }
/// }
/// let p = Exact(Bowl);
/// assert_eq!(p.cost(&vec![1.0, 1.0])?, 4.0);
/// assert_eq!(p.gradient(&vec![1.0, 1.0])?, vec![2.0, 6.0]);
/// assert_eq!(p.hessian(&vec![1.0, 1.0])?.0, nalgebra::dmatrix![2.0, 0.0; 0.0, 6.0]);
/// # Ok::<(), argmin::core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Exact<G>(pub G);

impl<G: Function<f64>> CostFunction for Exact<G> {
    type Param = Vec<f64>;
    type Output = f64;
    fn cost(&self, x: &Vec<f64>) -> Result<f64, Error> {
        Ok(self.0.eval(x))
    }
}

impl<G: Function<f64>> Gradient for Exact<G> {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;
    fn gradient(&self, x: &Vec<f64>) -> Result<Vec<f64>, Error> {
        let (_, g) = gradient(|y| self.0.eval(y), x);
        Ok(g.data.into())
    }
}

impl<G: Function<f64>> Hessian for Exact<G> {
    type Param = Vec<f64>;
    type Hessian = Matrix;
    fn hessian(&self, x: &Vec<f64>) -> Result<Matrix, Error> {
        let (_, _, h) = hessian(|y| self.0.eval(y), x);
        Ok(Matrix(h))
    }
}

impl<G: VectorFunction<f64>> Operator for Exact<G> {
    type Param = Vec<f64>;
    type Output = Vec<f64>;
    fn apply(&self, x: &Vec<f64>) -> Result<Vec<f64>, Error> {
        Ok(self.0.eval(x))
    }
}

impl<G: VectorFunction<f64>> Jacobian for Exact<G> {
    type Param = Vec<f64>;
    type Jacobian = Matrix;
    fn jacobian(&self, x: &Vec<f64>) -> Result<Matrix, Error> {
        let (_, j) = jacobian(|y| self.0.eval(y), x);
        Ok(Matrix(j))
    }
}

/// A dense matrix (a Hessian or a Jacobian) for argmin's solvers: this
/// crate's `nalgebra::DMatrix<f64>` with the argmin-math operations that
/// Newton, Newton-CG, the trust-region subproblems and Gauss-Newton use.
///
/// ```
/// use argmin_math::{ArgminDot, ArgminInv, ArgminTranspose};
/// use hessian::argmin_adapter::Matrix;
///
/// let a = Matrix(nalgebra::dmatrix![2.0, 1.0; 0.0, 4.0]);
/// let v: Vec<f64> = a.dot(&vec![1.0, 1.0]);
/// assert_eq!(v, vec![3.0, 4.0]);
/// assert_eq!(a.clone().t().0, nalgebra::dmatrix![2.0, 0.0; 1.0, 4.0]);
/// let inv: Matrix = a.inv()?;
/// assert_eq!(inv.0, nalgebra::dmatrix![0.5, -0.125; 0.0, 0.25]);
/// // singular: an error naming the pivots, not a panic
/// let singular = Matrix(nalgebra::dmatrix![1.0, 2.0; 2.0, 4.0]);
/// assert!(ArgminInv::<Matrix>::inv(&singular).is_err());
/// # Ok::<(), argmin::core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix(pub DMatrix<f64>);

impl ArgminDot<Vec<f64>, Vec<f64>> for Matrix {
    fn dot(&self, v: &Vec<f64>) -> Vec<f64> {
        if self.0.ncols() != v.len() {
            // argmin never pairs mismatched shapes; NaN rather than a panic
            return vec![f64::NAN; self.0.nrows()];
        }
        (&self.0 * DVector::from_column_slice(v)).data.into()
    }
}

impl ArgminDot<Matrix, Matrix> for Matrix {
    fn dot(&self, other: &Matrix) -> Matrix {
        if self.0.ncols() != other.0.nrows() {
            return Matrix(DMatrix::from_element(
                self.0.nrows(),
                other.0.ncols(),
                f64::NAN,
            ));
        }
        Matrix(&self.0 * &other.0)
    }
}

impl ArgminTranspose<Matrix> for Matrix {
    fn t(self) -> Matrix {
        Matrix(self.0.transpose())
    }
}

impl ArgminInv<Matrix> for Matrix {
    /// The inverse by LU factorisation with partial pivoting; a matrix that
    /// is not square, or whose smallest pivot is below `n ε` times its largest
    /// (or not finite), is an error ([`crate::Error::Singular`], or
    /// [`crate::Error::LengthMismatch`]).
    fn inv(&self) -> Result<Matrix, Error> {
        let n = self.0.nrows();
        if self.0.ncols() != n {
            return Err(Error::new(crate::Error::LengthMismatch {
                argument: crate::Argument::Outputs,
                found: self.0.ncols(),
                expected: n,
            }));
        }
        let lu = self.0.clone().lu();
        let pivots = lu.u().diagonal().map(f64::abs);
        let (smallest, largest) = (pivots.min(), pivots.max());
        let tiny = n as f64 * f64::EPSILON * largest;
        let singular = Error::new(crate::Error::Singular {
            order: n,
            smallest_pivot: smallest,
            largest_pivot: largest,
        });
        if n > 0 && !(smallest > tiny && largest.is_finite()) {
            return Err(singular);
        }
        lu.try_inverse().map(Matrix).ok_or(singular)
    }
}
