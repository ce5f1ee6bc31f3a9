//! Implicit differentiation: the derivative of a solution with respect to the
//! parameters of the problem it solves, without differentiating the solver.
//!
//! If `x*(p)` solves `g(x, p) = 0` (n equations in n unknowns) and `∂g/∂x` is
//! invertible there, the implicit function theorem gives
//! `dx*/dp = -(∂g/∂x)⁻¹ ∂g/∂p`; an unconstrained minimiser `x*(p)` of `f(x, p)`
//! solves `∇ₓf = 0`, so `dx*/dp = -(∂²f/∂x²)⁻¹ ∂²f/∂x∂p`. Both need only the
//! solution, however it was found (Newton's method, a library solver, a closed
//! form), and exact derivatives at it.

use crate::multivariate::{first_chunk_seeded, for_each_chunk};
use crate::nesting::Level;
use crate::{Argument, Error, GRADIENT_CHUNK, HESSIAN_BLOCK, hessian_chunked};
use dual::{DualVec, HyperDualVec, Scalar};
use nalgebra::DMatrix;

/// The sensitivity `dx*/dp` (an `n x k` matrix) of the solution `x*` of
/// `g(x, p) = 0` to the parameters `p`: `-(∂g/∂x)⁻¹ ∂g/∂p` at `(x_star, p)`.
///
/// `g` takes the unknowns `x` (length `n`), then the parameters `p` (length
/// `k`), and returns its `n` equations. It is evaluated `ceil((n + k) / C)`
/// times on [`DualVec<T, C>`](DualVec) numbers (`C` = [`GRADIENT_CHUNK`]),
/// seeded with `x` and `p` together, and the `n x n` system is solved by LU
/// factorisation with partial pivoting. `x_star` should solve the system (to
/// the accuracy you need the sensitivity); the formula is evaluated where it is
/// given. The point may be of any [`Scalar`], so the result can itself be
/// differentiated: call this inside another driver's closure at a point of the
/// closure's number type.
///
/// # Errors
///
/// * [`Error::LengthMismatch`] (argument [`Argument::Equations`]) if `g` does not
///   return `n` values, or ([`Argument::Outputs`]) if an evaluation returns a
///   different number than the first;
/// * [`Error::Singular`] if `∂g/∂x` is singular to working precision: its
///   smallest LU pivot is at most `n ε` times its largest, or a pivot is not
///   finite (the test is relative, so write the equations on comparable
///   scales: rows that differ by a factor near `1 / ε` look singular);
/// * [`Error::PerturbationConfusion`] if called inside the closure of a driver
///   that seeds the same number type (see the guide, "Derivatives of
///   derivatives").
///
/// ```
/// use dual::DualNum;
/// use hessian::implicit_jacobian;
///
/// // x² = p defines x*(p) = √p, so dx*/dp = 1 / (2 √p)
/// fn g<D: DualNum<f64>>(x: &[D], p: &[D]) -> Vec<D> {
///     vec![x[0] * x[0] - p[0]]
/// }
/// let p = 2.0_f64;
/// let dxdp = implicit_jacobian(g, &[p.sqrt()], &[p])?;
/// assert_eq!(dxdp.shape(), (1, 1));
/// approx::assert_relative_eq!(dxdp[(0, 0)], 0.5 / p.sqrt(), max_relative = 1e-15);
///
/// // a singular system is an error naming its pivots
/// let err = implicit_jacobian(g, &[0.0], &[0.0]).unwrap_err();
/// assert!(err.to_string().contains("singular"));
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn implicit_jacobian<T, G>(g: G, x_star: &[T], p: &[T]) -> Result<DMatrix<T>, Error>
where
    T: Scalar,
    G: Fn(
        &[DualVec<T, GRADIENT_CHUNK>],
        &[DualVec<T, GRADIENT_CHUNK>],
    ) -> Vec<DualVec<T, GRADIENT_CHUNK>>,
{
    const C: usize = GRADIENT_CHUNK;
    let (n, k) = (x_star.len(), p.len());
    let _level = Level::try_of::<DualVec<T, C>>()?;
    let mut zs = first_chunk_seeded::<T, C>(x_star.iter().chain(p).copied());
    let eval = |z: &[DualVec<T, C>]| {
        let (x, p) = z.split_at(n);
        g(x, p)
    };
    // the full Jacobian [∂g/∂x | ∂g/∂p], n x (n + k)
    let mut jac = DMatrix::zeros(n, n + k);
    let mut outputs: Option<usize> = None;
    let mut mismatch = None;
    let mut visit = |chunk: core::ops::Range<usize>, y: Vec<DualVec<T, C>>| {
        let expected = *outputs.get_or_insert(y.len());
        if y.len() != expected {
            mismatch.get_or_insert(Error::LengthMismatch {
                argument: Argument::Outputs,
                found: y.len(),
                expected,
            });
            return;
        }
        if y.len() != n {
            return;
        }
        for (r, yr) in y.iter().enumerate() {
            for (c, &e) in chunk.clone().zip(&yr.eps) {
                jac[(r, c)] = e;
            }
        }
    };
    // an empty point is evaluated once too (one empty chunk)
    for_each_chunk(&mut zs, eval, &mut visit);
    if let Some(err) = mismatch {
        return Err(err);
    }
    let m = outputs.unwrap_or(0);
    Error::check_length(Argument::Equations, m, n)?;
    let (a, b) = (
        jac.columns(0, n).into_owned(),
        jac.columns(n, k).into_owned(),
    );
    let mut x = Lu::new(a)?.solve(b);
    x.neg_mut();
    Ok(x)
}

/// The sensitivity `dx*/dp` (an `n x k` matrix) of the minimiser `x*` of
/// `f(x, p)` over `x` to the parameters `p`: `-(∂²f/∂x²)⁻¹ ∂²f/∂x∂p` at
/// `(x_star, p)`, by the implicit function theorem applied to `∇ₓf = 0`.
///
/// `f` takes `x` (length `n`), then `p` (length `k`). One [`hessian`](crate::hessian)
/// of `f` over `(x, p)` together ([`HyperDualVec<T, W>`](HyperDualVec) numbers,
/// `W` = [`HESSIAN_BLOCK`]) gives both blocks; the system is solved by LU
/// factorisation with partial pivoting. `x_star` should be a stationary point
/// of `f(·, p)` (the formula is evaluated where it is given). The point may be of
/// any [`Scalar`], so the result can itself be differentiated.
///
/// # Errors
///
/// * [`Error::Singular`] if `∂²f/∂x²` is singular to working precision (smallest
///   LU pivot at most `n ε` times the largest, or a pivot not finite): the
///   minimiser is not locally unique;
/// * [`Error::PerturbationConfusion`] if called inside the closure of a driver
///   that seeds the same number type.
///
/// ```
/// use dual::DualNum;
/// use hessian::argmin_jacobian;
///
/// // x*(p) = argmin_x (x - p0)² + p1 x⁴ ... at p1 = 0 the minimiser is x* = p0,
/// // and dx*/dp = [1, -2 p0³]: ∂²f/∂x² = 2, ∂²f/∂x∂p = [-2, 4 x³]
/// fn f<D: DualNum<f64>>(x: &[D], p: &[D]) -> D {
///     (x[0] - p[0]).powi(2) + p[1] * x[0].powi(4)
/// }
/// let p0 = 1.5_f64;
/// let s = argmin_jacobian(f, &[p0], &[p0, 0.0])?;
/// approx::assert_relative_eq!(s[(0, 0)], 1.0, max_relative = 1e-15);
/// approx::assert_relative_eq!(s[(0, 1)], -2.0 * p0.powi(3), max_relative = 1e-15);
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn argmin_jacobian<T, F>(f: F, x_star: &[T], p: &[T]) -> Result<DMatrix<T>, Error>
where
    T: Scalar,
    F: Fn(
        &[HyperDualVec<T, HESSIAN_BLOCK>],
        &[HyperDualVec<T, HESSIAN_BLOCK>],
    ) -> HyperDualVec<T, HESSIAN_BLOCK>,
{
    let n = x_star.len();
    // `hessian` takes the level itself; a held level is an `Err` here, not NaN
    Level::check_free::<HyperDualVec<T, HESSIAN_BLOCK>>()?;
    let z: Vec<T> = x_star.iter().chain(p).copied().collect();
    let (_, _, h) = hessian_chunked::<HESSIAN_BLOCK, T>(
        |z| {
            let (x, p) = z.split_at(n);
            f(x, p)
        },
        &z,
    );
    let k = p.len();
    let (hxx, hxp) = (
        h.view((0, 0), (n, n)).into_owned(),
        h.view((0, n), (n, k)).into_owned(),
    );
    let mut x = Lu::new(hxx)?.solve(hxp);
    x.neg_mut();
    Ok(x)
}

/// An LU factorisation `P A = L U` with partial pivoting, written with [`Scalar`]
/// operations only (so it runs on number types, and derivatives flow through
/// it). Pivots are chosen by magnitude of the value, as `f64` code would.
struct Lu<T: nalgebra::Scalar> {
    /// `L` below the diagonal (unit diagonal implied) and `U` on and above it.
    lu: DMatrix<T>,
    /// Row `i` of `P A` is row `perm[i]` of `A`.
    perm: Vec<usize>,
}

impl<T: Scalar> Lu<T> {
    /// Factorise the square matrix `a`, or [`Error::Singular`] if a pivot is at
    /// most `n ε` times the largest one (or not finite).
    fn new(mut a: DMatrix<T>) -> Result<Self, Error> {
        let n = a.nrows();
        let mut perm: Vec<usize> = (0..n).collect();
        let mut pivots = Vec::with_capacity(n);
        for c in 0..n {
            // the row at or below c with the largest |a[(r, c)]| (NaN never wins)
            let mut best = c;
            for r in c + 1..n {
                if a[(r, c)].abs() > a[(best, c)].abs() {
                    best = r;
                }
            }
            if best != c {
                a.swap_rows(best, c);
                perm.swap(best, c);
            }
            let pivot = a[(c, c)];
            pivots.push(pivot.abs());
            if pivot == T::zero() || !pivot.is_finite() {
                continue; // singular: reported below, once every pivot is known
            }
            for r in c + 1..n {
                let l = a[(r, c)] / pivot;
                a[(r, c)] = l;
                for j in c + 1..n {
                    let u = a[(c, j)];
                    a[(r, j)] -= l * u;
                }
            }
        }
        let largest = pivots.iter().fold(T::zero(), |m, &p| m.max(p));
        let smallest = pivots.iter().fold(T::infinity(), |m, &p| m.min(p));
        let finite = pivots.iter().all(|p| p.is_finite());
        let threshold = T::from_usize(n).unwrap_or_else(T::infinity) * T::epsilon() * largest;
        // written so that a NaN pivot (which fails every comparison) is singular
        let regular = finite && smallest > threshold;
        if n > 0 && !regular {
            let worst = pivots.iter().copied().find(|p| !p.is_finite());
            return Err(Error::Singular {
                order: n,
                smallest_pivot: worst.unwrap_or(smallest).to_f64().unwrap_or(f64::NAN),
                largest_pivot: largest.to_f64().unwrap_or(f64::NAN),
            });
        }
        Ok(Self { lu: a, perm })
    }

    /// `A⁻¹ B` for every column of `B` (forward then back substitution).
    fn solve(&self, b: DMatrix<T>) -> DMatrix<T> {
        let n = self.lu.nrows();
        let mut x = DMatrix::from_fn(n, b.ncols(), |i, j| b[(self.perm[i], j)]);
        for j in 0..x.ncols() {
            for i in 0..n {
                let mut s = x[(i, j)];
                for l in 0..i {
                    s -= self.lu[(i, l)] * x[(l, j)];
                }
                x[(i, j)] = s;
            }
            for i in (0..n).rev() {
                let mut s = x[(i, j)];
                for l in i + 1..n {
                    s -= self.lu[(i, l)] * x[(l, j)];
                }
                x[(i, j)] = s / self.lu[(i, i)];
            }
        }
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lu_solves_with_pivoting() {
        // the first pivot candidate is 0: needs a row swap
        let a = DMatrix::from_row_slice(3, 3, &[0.0, 2.0, 1.0, 1.0, 1.0, 0.0, 3.0, 0.0, 1.0]);
        let b = DMatrix::from_row_slice(3, 2, &[1.0, 0.0, 2.0, 1.0, 3.0, -1.0]);
        let x = Lu::new(a.clone()).unwrap().solve(b.clone());
        approx::assert_relative_eq!(a * x, b, epsilon = 1e-14);
    }

    #[test]
    fn lu_reports_singular_pivots() {
        let a = DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 2.0, 4.0]);
        let Err(Error::Singular {
            order,
            smallest_pivot,
            largest_pivot,
        }) = Lu::new(a)
        else {
            panic!("a rank-1 matrix is singular");
        };
        assert_eq!(order, 2);
        assert_eq!(smallest_pivot, 0.0);
        assert_eq!(largest_pivot, 2.0);
        let nan = DMatrix::from_row_slice(1, 1, &[f64::NAN]);
        assert!(matches!(Lu::new(nan), Err(Error::Singular { .. })));
        let inf = DMatrix::from_row_slice(2, 2, &[f64::INFINITY, 0.0, 0.0, 1.0]);
        assert!(matches!(Lu::new(inf), Err(Error::Singular { .. })));
        // the empty system is regular
        assert!(Lu::new(DMatrix::<f64>::zeros(0, 0)).is_ok());
    }
}
