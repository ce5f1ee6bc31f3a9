//! Newton's method for minimisation with the exact Hessian.

use crate::{HESSIAN_BLOCK, hessian};
use dual::{HyperDualVec, Scalar};
use nalgebra::{DMatrix, DVector, RealField};
use num_traits::Float;

/// Settings of [`minimize_newton`]. [`Default`] gives the values documented on
/// each field.
///
/// ```
/// use hessian::NewtonOptions;
/// let o = NewtonOptions { max_iterations: 20, ..NewtonOptions::<f64>::default() };
/// assert_eq!(o.max_iterations, 20);
/// approx::assert_relative_eq!(o.gradient_tol, f64::EPSILON.sqrt());
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NewtonOptions<T> {
    /// Stop when the gradient norm is at most this. Default `sqrt(ε)`.
    pub gradient_tol: T,
    /// The most Newton steps to take. Default 200.
    pub max_iterations: usize,
    /// The Armijo constant `c` of the line search: accept the step length `t`
    /// when `f(x + t p) <= f(x) + c t ∇f·p`. Default `1e-4`.
    pub armijo: T,
    /// The factor each rejected step length is multiplied by. Default `0.5`.
    pub backtrack: T,
    /// The most step-length reductions per iteration. Default 60.
    pub max_backtracks: usize,
}

impl<T: Scalar> Default for NewtonOptions<T> {
    fn default() -> Self {
        Self {
            gradient_tol: Float::sqrt(T::epsilon()),
            max_iterations: 200,
            armijo: T::from_f64(1e-4).unwrap_or_else(T::epsilon),
            backtrack: T::one() / (T::one() + T::one()),
            max_backtracks: 60,
        }
    }
}

/// What [`minimize_newton`] found.
///
/// ```
/// use hessian::{NewtonOptions, minimize_newton};
/// let r = minimize_newton(|x| (x[0] - 2.0).powi(2), &[0.0_f64], &NewtonOptions::default());
/// assert!(r.converged);
/// assert_eq!(r.iterations, 1);
/// approx::assert_relative_eq!(r.point[0], 2.0);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct NewtonReport<T: nalgebra::Scalar> {
    /// The last iterate.
    pub point: DVector<T>,
    /// The function value there.
    pub value: T,
    /// The number of Newton steps taken.
    pub iterations: usize,
    /// The gradient norm at [`point`](Self::point).
    pub gradient_norm: T,
    /// Whether the gradient norm reached [`NewtonOptions::gradient_tol`].
    pub converged: bool,
}

/// Minimise `f: R^n -> R` from `x0` by Newton's method with the exact Hessian.
///
/// Each iteration takes one [`hessian`] call and solves for the Newton step by
/// Cholesky factorisation. When the Hessian is not positive definite, the step
/// uses the modified Hessian `Q |Λ| Qᵀ` (eigenvalues replaced by their absolute
/// values, floored at `sqrt(ε) max|λ|`), which is positive definite, so the step
/// is a descent direction; if even the eigen-decomposition fails, the step is
/// the negative gradient. A backtracking line search then enforces the Armijo
/// condition. The search stops when the gradient norm is at most
/// [`NewtonOptions::gradient_tol`], after [`NewtonOptions::max_iterations`]
/// steps, when the line search fails, or at a non-finite value or gradient
/// (NaN/infinite inputs end at once, not converged).
///
/// Line-search trials evaluate `f` on constant hyper-dual numbers (the closure
/// has one type), about `W²` times the cost of a plain evaluation.
///
/// ```
/// use dual::DualNum;
/// use hessian::{NewtonOptions, minimize_newton};
///
/// fn rosenbrock<D: DualNum<f64>>(x: &[D]) -> D {
///     (x[1] - x[0] * x[0]).powi(2) * 100.0 + (-x[0] + 1.0).powi(2)
/// }
/// let r = minimize_newton(rosenbrock, &[-1.2, 1.0], &NewtonOptions::default());
/// assert!(r.converged);
/// approx::assert_relative_eq!(r.point, nalgebra::dvector![1.0, 1.0], epsilon = 1e-8);
/// ```
#[must_use]
pub fn minimize_newton<T, F>(f: F, x0: &[T], options: &NewtonOptions<T>) -> NewtonReport<T>
where
    T: Scalar + RealField,
    F: Fn(&[HyperDualVec<T, HESSIAN_BLOCK>]) -> HyperDualVec<T, HESSIAN_BLOCK>,
{
    let mut x = DVector::from_column_slice(x0);
    let mut trial: Vec<HyperDualVec<T, HESSIAN_BLOCK>> =
        x0.iter().map(|&v| HyperDualVec::constant(v)).collect();
    let mut iterations = 0;
    loop {
        let (value, g, h) = hessian(&f, x.as_slice());
        let gradient_norm = g.norm();
        let report = |x: DVector<T>, converged| NewtonReport {
            point: x,
            value,
            iterations,
            gradient_norm,
            converged,
        };
        if gradient_norm <= options.gradient_tol {
            return report(x, true);
        }
        if !Float::is_finite(value) || !Float::is_finite(gradient_norm) {
            return report(x, false);
        }
        if iterations >= options.max_iterations {
            return report(x, false);
        }
        let p = newton_direction(h, &g);
        let slope = g.dot(&p);
        // p is a descent direction by construction; guard against rounding
        let p = if slope < T::zero() { p } else { -&g };
        let slope = g.dot(&p);
        let mut t = T::one();
        let mut accepted = None;
        for _ in 0..=options.max_backtracks {
            for ((c, &xi), &pi) in trial.iter_mut().zip(x.iter()).zip(p.iter()) {
                *c = HyperDualVec::constant(xi + t * pi);
            }
            let ft = f(&trial).re;
            if ft <= value + options.armijo * t * slope {
                accepted = Some(t);
                break;
            }
            t *= options.backtrack;
        }
        let Some(t) = accepted else {
            return report(x, false);
        };
        x.axpy(t, &p, T::one());
        iterations += 1;
    }
}

/// The Newton direction `-H⁻¹ g`, with `H` replaced by a positive definite
/// modification when it is not positive definite.
fn newton_direction<T: Scalar + RealField>(h: DMatrix<T>, g: &DVector<T>) -> DVector<T> {
    if !h.iter().all(|v| Float::is_finite(*v)) {
        return -g;
    }
    if let Some(chol) = h.clone().cholesky() {
        return -chol.solve(g);
    }
    let Some(eig) = nalgebra::SymmetricEigen::try_new(h, T::epsilon(), 10_000) else {
        return -g;
    };
    let largest = eig
        .eigenvalues
        .iter()
        .fold(T::zero(), |m, &l| Float::max(m, Float::abs(l)));
    let floor = Float::max(Float::sqrt(T::epsilon()) * largest, T::min_positive_value());
    let q = &eig.eigenvectors;
    let mut coeffs = q.tr_mul(g);
    for (c, &l) in coeffs.iter_mut().zip(eig.eigenvalues.iter()) {
        *c /= Float::max(Float::abs(l), floor);
    }
    -(q * coeffs)
}
