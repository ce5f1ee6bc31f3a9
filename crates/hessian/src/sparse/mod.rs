//! Sparse Jacobians and Hessians: sparsity detection, colouring, compressed
//! evaluation.
//!
//! Most large problems are sparse: a PDE residual couples each grid point to
//! its neighbours, a chained or partially separable objective couples each
//! variable to a few others. Their Jacobians and Hessians have `O(n)`
//! nonzeros, and the dense drivers spend `O(n)` (Jacobian) or `O(n²)`
//! (Hessian) evaluations computing zeros. This module computes only the
//! nonzeros, in three steps:
//!
//! 1. **Detection.** The function is evaluated once on [`Tracer`] numbers at
//!    the given point, which record which inputs each value depends on and
//!    whether nonlinearly: [`jacobian_sparsity`], [`hessian_sparsity`]. The
//!    pattern is that of the branch taken at the point (comparisons look at
//!    values); it may hold structural entries whose value is exactly 0, never
//!    miss a nonzero.
//! 2. **Colouring.** Columns (variables) that never meet in a row get the same
//!    colour ([`column_coloring`], [`star_coloring`]): a tridiagonal matrix
//!    needs 3 colours whatever its size.
//! 3. **Compressed evaluation.** One seeded direction per colour instead of
//!    per variable, and every nonzero read directly from the result.
//!
//! Steps 1 and 2 make a plan ([`SparseJacobian`], [`SparseHessian`]) that is
//! reused at every point with the same pattern; [`jacobian_sparse`] and
//! [`hessian_sparse`] do all three at once. Matrices are
//! [`nalgebra_sparse::CsrMatrix`] (re-exported here as [`nalgebra_sparse`]).
//!
//! The function is a [`Function`] (or [`VectorFunction`]): the plans evaluate
//! it at two number types, a tracer and a dual, which a closure cannot be.
//!
//! ```
//! use dual::DualNum;
//! use hessian::VectorFunction;
//! use hessian::sparse::{jacobian_sparse, jacobian_sparsity};
//!
//! /// y_i = x_i^2 - x_{i-1}: a lower bidiagonal Jacobian
//! struct G;
//! impl VectorFunction<f64> for G {
//!     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> Vec<D> {
//!         (0..x.len()).map(|i| if i == 0 { x[0] * x[0] } else { x[i] * x[i] - x[i - 1] }).collect()
//!     }
//! }
//! let x = [1.0, 2.0, 3.0];
//! let p = jacobian_sparsity(&G, &x);
//! assert_eq!(p.major_offsets(), &[0, 1, 3, 5]);
//! assert_eq!(p.minor_indices(), &[0, 0, 1, 1, 2]);
//! let (y, j) = jacobian_sparse(&G, &x)?;
//! assert_eq!(y.as_slice(), &[1.0, 3.0, 7.0]);
//! assert_eq!(j.values(), &[2.0, -1.0, 4.0, -1.0, 6.0]);
//! # Ok::<(), hessian::Error>(())
//! ```

mod coloring;
mod detect;
mod hessian;
mod hyper;
mod jacobian;
mod pattern;
mod tracer;

pub use coloring::{Order, column_coloring, star_coloring};
pub use hessian::{ScalarForm, SparseHessian, SparseObjective, TermsForm};
pub use jacobian::SparseJacobian;
pub use nalgebra_sparse;
pub use nalgebra_sparse::CsrMatrix;
pub use nalgebra_sparse::pattern::SparsityPattern;
pub use tracer::Tracer;

use crate::{Error, Function, VectorFunction};
use dual::{Dual, DualNum, DualVec};
use hyper::Hyper;
use nalgebra::DVector;

/// The primitive float of a sparse driver's function: `f32` or `f64`.
///
/// The sparse drivers evaluate your function on several number types over
/// the point's scalar `T`; this trait (sealed, implemented for `f32` and
/// `f64`) is how they know each of those is a [`DualNum<F>`] for every `T`.
///
/// ```
/// fn is_primitive<F: hessian::sparse::Primitive>() {}
/// is_primitive::<f32>();
/// is_primitive::<f64>();
/// ```
pub trait Primitive: DualNum<Self> + private::Sealed {
    #[doc(hidden)]
    fn eval_dual_vec<T: DualNum<Self>, const C: usize, G: VectorFunction<Self> + ?Sized>(
        g: &G,
        x: &[DualVec<T, C>],
    ) -> Vec<DualVec<T, C>>;
    #[doc(hidden)]
    fn eval_star<T: DualNum<Self>, const C: usize, M, G: SparseObjective<Self, M> + ?Sized>(
        g: &G,
        x: &[Dual<DualVec<T, C>>],
    ) -> Dual<DualVec<T, C>>;
    #[doc(hidden)]
    fn eval_terms<
        T: DualNum<Self>,
        const N: usize,
        const P: usize,
        M,
        G: SparseObjective<Self, M> + ?Sized,
    >(
        g: &G,
        x: &[Hyper<T, N, P>],
    ) -> Option<Vec<Hyper<T, N, P>>>;
}

mod private {
    pub trait Sealed {}
}

macro_rules! impl_primitive {
    ($($f:ty),*) => {$(
        impl private::Sealed for $f {}
        impl Primitive for $f {
            fn eval_dual_vec<T: DualNum<$f>, const C: usize, G: VectorFunction<$f> + ?Sized>(
                g: &G,
                x: &[DualVec<T, C>],
            ) -> Vec<DualVec<T, C>> {
                g.eval(x)
            }
            fn eval_star<T: DualNum<$f>, const C: usize, M, G: SparseObjective<$f, M> + ?Sized>(
                g: &G,
                x: &[Dual<DualVec<T, C>>],
            ) -> Dual<DualVec<T, C>> {
                g.value(x)
            }
            fn eval_terms<
                T: DualNum<$f>,
                const N: usize,
                const P: usize,
                M,
                G: SparseObjective<$f, M> + ?Sized,
            >(
                g: &G,
                x: &[Hyper<T, N, P>],
            ) -> Option<Vec<Hyper<T, N, P>>> {
                g.terms(x)
            }
        }
    )*};
}
impl_primitive!(f32, f64);

/// The `m x n` sparsity pattern of the Jacobian of `g: R^n -> R^m` at `x`:
/// entry `(i, j)` where output `i` depends on input `j`.
///
/// One evaluation of `g` on [`Tracer`] numbers; the cost is linear in the
/// size of that evaluation for the usual structures (each output's
/// dependencies are found by a walk of the part of the evaluation it reads).
/// The pattern is local: comparisons follow the values at `x`, so a branch not
/// taken there contributes nothing. Called inside the function of another
/// trace on the same thread, it cannot trace and returns the full pattern
/// (conservative).
///
/// ```
/// use dual::DualNum;
/// use hessian::sparse::jacobian_sparsity;
/// struct G;
/// impl hessian::VectorFunction<f64> for G {
///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> Vec<D> {
///         vec![x[0] * 2.0, x[1].max(x[2]), x[0].floor()]
///     }
/// }
/// let p = jacobian_sparsity(&G, &[1.5, 1.0, 3.0]);
/// assert_eq!(p.lane(0), &[0]);
/// assert_eq!(p.lane(1), &[2]); // x2 is the larger at this point
/// assert_eq!(p.lane(2), &[] as &[usize]); // floor has zero derivative
/// ```
#[must_use]
pub fn jacobian_sparsity<F, T, G>(g: &G, x: &[T]) -> SparsityPattern
where
    F: Primitive,
    T: DualNum<F>,
    G: VectorFunction<F> + ?Sized,
{
    detect::or_full(detect::jacobian(g, x), x.len())
}

/// The symmetric `n x n` sparsity pattern of the Hessian of `f: R^n -> R` at
/// `x`, both triangles stored.
///
/// One evaluation of `f` on [`Tracer`] numbers. Linear operations add
/// nothing, a product `a * b` adds the pairs across the inputs of `a` and of
/// `b` (so `x * y` gives only the off-diagonal pair), a nonlinear function
/// `f(u)` adds all pairs of the inputs of `u`. The cost is linear in the size
/// of the evaluation for the usual structures: a running sum of `n` terms
/// records `n` additions and no sets; sets are found only for the operands of
/// nonlinear operations, and memoised there. Comparisons follow the values at
/// `x`. Called inside the function of another trace on the same thread, it
/// returns the full pattern (conservative).
///
/// ```
/// use dual::DualNum;
/// use hessian::sparse::hessian_sparsity;
/// struct F;
/// impl hessian::Function<f64> for F {
///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
///         x[0] * x[1] + x[2] * 3.0 + (x[3] + x[4]).exp()
///     }
/// }
/// let p = hessian_sparsity(&F, &[1.0; 5]);
/// assert_eq!(p.lane(0), &[1]);
/// assert_eq!(p.lane(1), &[0]);
/// assert_eq!(p.lane(2), &[] as &[usize]); // linear
/// assert_eq!(p.lane(3), &[3, 4]);
/// assert_eq!(p.lane(4), &[3, 4]);
/// ```
#[must_use]
pub fn hessian_sparsity<F, T, G>(f: &G, x: &[T]) -> SparsityPattern
where
    F: Primitive,
    T: DualNum<F>,
    G: Function<F> + ?Sized,
{
    detect::or_full(detect::hessian_of(f, x), x.len())
}

/// The value, the gradient and the sparse Hessian of `f` at `x` in one call:
/// [`SparseHessian::new`] and [`SparseHessian::hessian`]. Build the plan
/// yourself to reuse it at other points.
///
/// # Errors
///
/// Those of [`SparseHessian::new`] and [`SparseHessian::hessian`].
///
/// ```
/// use dual::DualNum;
/// use hessian::sparse::hessian_sparse;
/// /// sum of (x_i x_{i+1} - 1)^2
/// struct Chain;
/// impl hessian::Function<f64> for Chain {
///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
///         x.windows(2).map(|w| (w[0] * w[1] - 1.0).powi(2)).sum()
///     }
/// }
/// let (v, g, h) = hessian_sparse(&Chain, &[1.0, 2.0, 3.0])?;
/// assert_eq!(v, 1.0 + 25.0);
/// // d/dx1 = 2 (x0 x1 - 1) x0 + 2 (x1 x2 - 1) x2 = 2 + 30
/// assert_eq!(g[1], 32.0);
/// // d2/dx0 dx1 = 2 x0 x1 + 2 (x0 x1 - 1) = 4 + 2
/// assert_eq!(h.get_entry(0, 1).unwrap().into_value(), 6.0);
/// assert_eq!(h.nnz(), 7); // tridiagonal
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn hessian_sparse<F, T, G>(f: &G, x: &[T]) -> Result<(T, DVector<T>, CsrMatrix<T>), Error>
where
    F: Primitive,
    T: DualNum<F>,
    G: Function<F> + ?Sized,
{
    SparseHessian::new(f, x)?.hessian(f, x)
}

/// The values and the sparse Jacobian of `g` at `x` in one call:
/// [`SparseJacobian::new`] and [`SparseJacobian::jacobian`]. Build the plan
/// yourself to reuse it at other points.
///
/// # Errors
///
/// Those of [`SparseJacobian::new`] and [`SparseJacobian::jacobian`].
///
/// ```
/// use dual::DualNum;
/// use hessian::sparse::jacobian_sparse;
/// struct G;
/// impl hessian::VectorFunction<f64> for G {
///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> Vec<D> { vec![x[0] * x[1], x[1] + x[2]] }
/// }
/// let (y, j) = jacobian_sparse(&G, &[2.0, 3.0, 4.0])?;
/// assert_eq!(y.as_slice(), &[6.0, 7.0]);
/// assert_eq!(j.values(), &[3.0, 2.0, 1.0, 1.0]);
/// # Ok::<(), hessian::Error>(())
/// ```
pub fn jacobian_sparse<F, T, G>(g: &G, x: &[T]) -> Result<(DVector<T>, CsrMatrix<T>), Error>
where
    F: Primitive,
    T: DualNum<F>,
    G: VectorFunction<F> + ?Sized,
{
    SparseJacobian::new(g, x)?.jacobian(g, x)
}
