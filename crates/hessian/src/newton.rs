//! Newton's method for minimisation with the exact Hessian.

use crate::lit::lit;
use crate::{Function, HESSIAN_BLOCK, hessian};
use dual::{DualNum, HyperDualVec, Scalar};
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
            armijo: lit(1e-4),
            backtrack: lit(0.5),
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
    /// Whether the search ended at a point that satisfies the second-order
    /// necessary conditions of a minimum: the gradient norm is at most
    /// [`NewtonOptions::gradient_tol`] and the Hessian has no negative
    /// eigenvalue (below `-n ε max|λ|`). A maximum or a saddle point is never
    /// reported as converged.
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
/// condition.
///
/// Where the gradient is small but the Hessian has a negative eigenvalue (a
/// maximum or a saddle point), the step follows the eigenvector of the most
/// negative eigenvalue downhill instead of stopping, so such a point is never
/// reported as [`converged`](NewtonReport::converged).
///
/// Near a minimum whose value is large against the decrease still to be
/// made, the Armijo test compares values that agree to rounding. There, a
/// full Newton step that fails the test only by rounding is taken when it
/// reduces the gradient norm, so tight tolerances are reached.
///
/// The search stops when it has converged, after
/// [`NewtonOptions::max_iterations`] steps, when the line search fails, when
/// the step no longer changes the point (it is below the spacing of the floats
/// there: the gradient cannot get smaller in this arithmetic), or at a
/// non-finite value or gradient (NaN/infinite inputs end at once, not
/// converged).
///
/// Line-search trials evaluate the closure on constant hyper-dual numbers (a
/// closure has one argument type), about `W²` times the cost of a plain
/// evaluation; [`minimize_newton_function`] evaluates them on plain floats.
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
///
/// // a maximum is not a minimum: from the top of -x², the search leaves
/// let r = minimize_newton(|x| -(x[0] * x[0]), &[0.0], &NewtonOptions::default());
/// assert!(!r.converged);
/// ```
#[must_use]
pub fn minimize_newton<T, F>(f: F, x0: &[T], options: &NewtonOptions<T>) -> NewtonReport<T>
where
    T: Scalar + RealField,
    F: Fn(&[HyperDualVec<T, HESSIAN_BLOCK>]) -> HyperDualVec<T, HESSIAN_BLOCK>,
{
    run(&Closure(f), x0, options)
}

/// [`minimize_newton`] for a [`Function`]: the line-search trials evaluate
/// `f` on plain floats, and only the one Hessian per iteration on hyper-dual
/// numbers.
///
/// The iterates are the same as [`minimize_newton`]'s for the same function;
/// each line-search trial costs one plain evaluation instead of one on
/// `HyperDualVec<T, W>` (about `W²` = 16 times as much).
///
/// ```
/// use dual::DualNum;
/// use hessian::{Function, NewtonOptions, minimize_newton_function};
///
/// struct Rosenbrock;
/// impl Function<f64> for Rosenbrock {
///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
///         x.windows(2)
///             .map(|w| (w[1] - w[0] * w[0]).powi(2) * 100.0 + (-w[0] + 1.0).powi(2))
///             .sum()
///     }
/// }
/// let r = minimize_newton_function(&Rosenbrock, &[-1.2, 1.0], &NewtonOptions::default());
/// assert!(r.converged);
/// approx::assert_relative_eq!(r.point, nalgebra::dvector![1.0, 1.0], epsilon = 1e-8);
/// ```
#[must_use]
pub fn minimize_newton_function<F, T, G>(
    f: &G,
    x0: &[T],
    options: &NewtonOptions<T>,
) -> NewtonReport<T>
where
    T: Scalar + RealField + DualNum<F>,
    HyperDualVec<T, HESSIAN_BLOCK>: DualNum<F>,
    G: Function<F> + ?Sized,
{
    run(&Generic(f, core::marker::PhantomData), x0, options)
}

/// What Newton's method evaluates: plain values for the line search, and the
/// value, gradient and Hessian at each iterate.
trait Objective<T: nalgebra::Scalar> {
    fn value(&self, x: &[T]) -> T;
    fn hessian(&self, x: &[T]) -> (T, DVector<T>, DMatrix<T>);
}

/// A closure, evaluated on constant hyper-duals for plain values.
struct Closure<F>(F);

impl<T, F> Objective<T> for Closure<F>
where
    T: Scalar + RealField,
    F: Fn(&[HyperDualVec<T, HESSIAN_BLOCK>]) -> HyperDualVec<T, HESSIAN_BLOCK>,
{
    fn value(&self, x: &[T]) -> T {
        let constants: Vec<HyperDualVec<T, HESSIAN_BLOCK>> =
            x.iter().map(|&v| HyperDualVec::constant(v)).collect();
        (self.0)(&constants).re
    }
    fn hessian(&self, x: &[T]) -> (T, DVector<T>, DMatrix<T>) {
        hessian(&self.0, x)
    }
}

/// A [`Function`] of primitive `F`, evaluated on plain points (of any
/// `T: DualNum<F>`, so the search nests) for plain values.
struct Generic<'a, G: ?Sized, F>(&'a G, core::marker::PhantomData<F>);

impl<F, T, G> Objective<T> for Generic<'_, G, F>
where
    T: Scalar + RealField + DualNum<F>,
    HyperDualVec<T, HESSIAN_BLOCK>: DualNum<F>,
    G: Function<F> + ?Sized,
{
    fn value(&self, x: &[T]) -> T {
        self.0.eval(x)
    }
    fn hessian(&self, x: &[T]) -> (T, DVector<T>, DMatrix<T>) {
        hessian(|y| self.0.eval(y), x)
    }
}

/// The search itself, shared by both entry points.
fn run<T, O>(f: &O, x0: &[T], options: &NewtonOptions<T>) -> NewtonReport<T>
where
    T: Scalar + RealField,
    O: Objective<T>,
{
    let mut x = DVector::from_column_slice(x0);
    let mut trial = x.clone();
    let mut iterations = 0;
    let (mut value, mut g, mut h) = f.hessian(x.as_slice());
    loop {
        let gradient_norm = g.norm();
        let report = |x: DVector<T>, converged| NewtonReport {
            point: x,
            value,
            iterations,
            gradient_norm,
            converged,
        };
        if !Float::is_finite(value) || !Float::is_finite(gradient_norm) {
            return report(x, false);
        }
        let small = gradient_norm <= options.gradient_tol;
        let escape = if small {
            match negative_curvature(&h) {
                None => return report(x, true),
                Some(escape) => Some(escape),
            }
        } else {
            None
        };
        if iterations >= options.max_iterations {
            return report(x, false);
        }
        // the step and the curvature the sufficient decrease asks for: the
        // Armijo test c t g·p for a Newton step, and c (t g·d + t² λ / 2)
        // along the eigenvector d of a negative eigenvalue λ, oriented downhill,
        // to leave a maximum or saddle
        let newton = escape.is_none();
        let (step, curvature) = match escape {
            Some((d, lambda)) => (if g.dot(&d) > T::zero() { -d } else { d }, lambda),
            None => {
                let p = newton_direction(h.clone(), &g);
                // p is a descent direction by construction; guard against rounding
                let p = if g.dot(&p) < T::zero() { p } else { -&g };
                (p, T::zero())
            }
        };
        let slope = g.dot(&step);
        let mut accepted = None;
        let mut t = T::one();
        for k in 0..=options.max_backtracks {
            trial.copy_from(&x);
            trial.axpy(t, &step, T::one());
            let ft = f.value(trial.as_slice());
            let model = t * slope + t * t * curvature * lit::<T>(0.5);
            if ft <= value + options.armijo * model {
                accepted = Some((t, None));
                break;
            }
            if newton && k == 0 && at_rounding_level(value, ft) {
                // the test cannot tell; let the gradient decide, and keep the
                // evaluation for the next iteration if the step is taken
                let next = f.hessian(trial.as_slice());
                if next.1.norm() < gradient_norm {
                    accepted = Some((t, Some(next)));
                    break;
                }
            }
            t *= options.backtrack;
        }
        let Some((t, next)) = accepted else {
            return report(x, false);
        };
        trial.copy_from(&x);
        trial.axpy(t, &step, T::one());
        if trial == x {
            // the step is below the spacing of the floats at x: no step can
            // make progress, the gradient is at its rounding level
            return report(x, false);
        }
        core::mem::swap(&mut x, &mut trial);
        iterations += 1;
        (value, g, h) = match next {
            Some(next) => next,
            None => f.hessian(x.as_slice()),
        };
    }
}

/// Whether `a` and `b` agree to within the rounding of evaluating them
/// (a few units in the last place of the larger).
fn at_rounding_level<T: Scalar>(a: T, b: T) -> bool {
    Float::abs(a - b) <= lit::<T>(16) * T::epsilon() * Float::max(Float::abs(a), Float::abs(b))
}

/// The unit eigenvector and the eigenvalue of the most negative eigenvalue of
/// `h`, if it is below `-n ε max|λ|` (or the eigenvalues cannot be computed);
/// `None` when `h` is positive semidefinite to rounding.
fn negative_curvature<T: Scalar + RealField>(h: &DMatrix<T>) -> Option<(DVector<T>, T)> {
    if h.nrows() == 0 || h.clone().cholesky().is_some() {
        return None;
    }
    let eig = nalgebra::SymmetricEigen::try_new(h.clone(), T::epsilon(), 10_000)?;
    let largest = eig
        .eigenvalues
        .iter()
        .fold(T::zero(), |m, &l| Float::max(m, Float::abs(l)));
    let (k, &lambda) = eig
        .eigenvalues
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.partial_cmp(b.1).unwrap_or(core::cmp::Ordering::Equal))?;
    let zero = lit::<T>(h.nrows()) * T::epsilon() * largest;
    (lambda < -zero).then(|| (eig.eigenvectors.column(k).into_owned(), lambda))
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
