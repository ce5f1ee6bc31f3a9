//! Sparse Jacobians: a plan (pattern and column colouring) reused at many points.

use super::coloring::Graph;
use super::{Primitive, detect, pattern};
use crate::nesting::Level;
use crate::{Argument, Error, GRADIENT_CHUNK, VectorFunction};
use core::marker::PhantomData;
use dual::{DualNum, DualVec, Scalar};
use nalgebra::DVector;
use nalgebra_sparse::CsrMatrix;
use nalgebra_sparse::pattern::SparsityPattern;

/// A plan for the sparse Jacobian of `g: R^n -> R^m`: its pattern and a
/// column colouring, built once and reused at every point where the pattern
/// is the same.
///
/// Columns that share no row get the same colour, so one evaluation on
/// [`DualVec<T, C>`](DualVec) numbers (`C` = [`GRADIENT_CHUNK`]) seeded with
/// `C` colour indicator vectors gives `C` columns of the compressed Jacobian
/// `J S`, from which every entry is read directly: `ceil(k / C)` evaluations
/// for `k` colours, against `ceil(n / C)` for the dense
/// [`jacobian`](crate::jacobian). A banded Jacobian of bandwidth `w` has
/// `k = w` whatever `n`.
///
/// The pattern is that of the branch `g` takes at the point the plan was
/// built at; see [`SparseHessian`](super::SparseHessian) ("Validity") and
/// [`SparseJacobian::is_valid_at`].
///
/// ```
/// use dual::DualNum;
/// use hessian::VectorFunction;
/// use hessian::sparse::SparseJacobian;
///
/// /// a discrete Laplacian with a cubic reaction term
/// struct Residual;
/// impl VectorFunction<f64> for Residual {
///     fn eval<D: DualNum<f64>>(&self, u: &[D]) -> Vec<D> {
///         let n = u.len();
///         (0..n).map(|i| {
///             let left = if i > 0 { u[i - 1] } else { D::from_re(0.0) };
///             let right = if i + 1 < n { u[i + 1] } else { D::from_re(0.0) };
///             left + right - u[i] * 2.0 + u[i].powi(3)
///         }).collect()
///     }
/// }
/// let u = vec![0.5; 100];
/// let plan = SparseJacobian::new(&Residual, &u)?;
/// assert_eq!(plan.colors(), 3);
/// let (r, j) = plan.jacobian(&Residual, &u)?;
/// let (dr, dj) = hessian::jacobian(|u| Residual.eval(u), &u);
/// assert_eq!(r, dr);
/// assert_eq!(j.nnz(), 3 * 100 - 2);
/// for (i, k, jik) in j.triplet_iter() {
///     assert_eq!(*jik, dj[(i, k)]);
/// }
/// # Ok::<(), hessian::Error>(())
/// ```
#[derive(Debug)]
pub struct SparseJacobian<T> {
    n: usize,
    pattern: SparsityPattern,
    colors: Vec<u32>,
    count: usize,
    _scalar: PhantomData<fn() -> T>,
}

impl<T> Clone for SparseJacobian<T> {
    fn clone(&self) -> Self {
        Self {
            n: self.n,
            pattern: self.pattern.clone(),
            colors: self.colors.clone(),
            count: self.count,
            _scalar: PhantomData,
        }
    }
}

impl<T> SparseJacobian<T> {
    /// The plan for `g` at `x`: its Jacobian pattern, traced once at `x`, and
    /// a column colouring of it.
    ///
    /// # Errors
    ///
    /// [`Error::PerturbationConfusion`] if called while another sparsity trace
    /// runs on this thread; [`Error::TooLarge`] if the trace could not tell
    /// the pattern (a tracer kept from another evaluation was used) and the
    /// full one cannot be held.
    ///
    /// ```
    /// use dual::DualNum;
    /// use hessian::sparse::SparseJacobian;
    /// struct G;
    /// impl hessian::VectorFunction<f64> for G {
    ///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> Vec<D> { vec![x[0] * x[1], x[2].sin()] }
    /// }
    /// let plan = SparseJacobian::new(&G, &[1.0, 2.0, 3.0])?;
    /// assert_eq!(plan.pattern().nnz(), 3);
    /// assert_eq!(plan.colors(), 2); // columns 0 and 2 share no row
    /// # Ok::<(), hessian::Error>(())
    /// ```
    pub fn new<F, G>(g: &G, x: &[T]) -> Result<Self, Error>
    where
        F: Primitive,
        T: DualNum<F>,
        G: VectorFunction<F> + ?Sized,
    {
        let n = x.len();
        let pattern = detect::for_plan(detect::jacobian(g, x), n)?;
        let graph = Graph::column_intersection(&pattern);
        let (colors, count) = graph
            .fewest_colors(Graph::row_clique(pattern.major_offsets()), |o| {
                graph.greedy(o)
            });
        Ok(Self {
            n,
            pattern,
            colors,
            count,
            _scalar: PhantomData,
        })
    }

    /// The `m x n` pattern the plan computes.
    #[must_use]
    pub fn pattern(&self) -> &SparsityPattern {
        &self.pattern
    }

    /// The number of colours of the column colouring (`ceil` of it over
    /// [`GRADIENT_CHUNK`] is the number of evaluations).
    ///
    /// ```
    /// use dual::DualNum;
    /// use hessian::sparse::SparseJacobian;
    /// struct Elementwise;
    /// impl hessian::VectorFunction<f64> for Elementwise {
    ///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> Vec<D> { x.iter().map(|xi| xi.sin()).collect() }
    /// }
    /// assert_eq!(SparseJacobian::new(&Elementwise, &[0.0; 1000])?.colors(), 1);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn colors(&self) -> usize {
        self.count
    }

    /// Whether the Jacobian pattern of `g` at `x` fits in the plan's (same
    /// number of outputs, every entry in [`SparseJacobian::pattern`]):
    /// re-traces `g` once. `false` for a point of another length.
    ///
    /// ```
    /// use dual::DualNum;
    /// use hessian::sparse::SparseJacobian;
    /// struct Relu;
    /// impl hessian::VectorFunction<f64> for Relu {
    ///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> Vec<D> { vec![x[0].max(x[1])] }
    /// }
    /// let plan = SparseJacobian::new(&Relu, &[1.0, 0.0])?;
    /// assert!(plan.is_valid_at(&Relu, &[2.0, 1.0]));
    /// assert!(!plan.is_valid_at(&Relu, &[0.0, 1.0])); // the other argument wins
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn is_valid_at<F, G>(&self, g: &G, x: &[T]) -> bool
    where
        F: Primitive,
        T: DualNum<F>,
        G: VectorFunction<F> + ?Sized,
    {
        x.len() == self.n
            && detect::jacobian(g, x).is_ok_and(|p| detect::is_subset(&p, &self.pattern))
    }

    /// The values and the sparse `m x n` Jacobian (on the plan's pattern) at `x`.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] if `x` does not have the length the plan was
    /// built for (`Argument::Point`) or `g` returns another number of outputs
    /// (`Argument::Outputs`); [`Error::PerturbationConfusion`] if called inside
    /// the closure of a driver that seeds the same number type at this level.
    ///
    /// ```
    /// use dual::DualNum;
    /// use hessian::sparse::SparseJacobian;
    /// use hessian::{Argument, Error};
    /// struct G;
    /// impl hessian::VectorFunction<f64> for G {
    ///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> Vec<D> { x.iter().map(|xi| xi.exp()).collect() }
    /// }
    /// let plan = SparseJacobian::new(&G, &[0.0, 1.0])?;
    /// let (v, j) = plan.jacobian(&G, &[0.0, 1.0])?;
    /// assert_eq!(j.get_entry(1, 1).unwrap().into_value(), v[1]);
    /// let err = plan.jacobian(&G, &[0.0]).unwrap_err();
    /// assert_eq!(err, Error::LengthMismatch { argument: Argument::Point, found: 1, expected: 2 });
    /// # Ok::<(), hessian::Error>(())
    /// ```
    pub fn jacobian<F, G>(&self, g: &G, x: &[T]) -> Result<(DVector<T>, CsrMatrix<T>), Error>
    where
        F: Primitive,
        T: DualNum<F>,
        G: VectorFunction<F> + ?Sized,
    {
        Error::check_length(Argument::Point, x.len(), self.n)?;
        let _level = Level::try_of::<DualVec<T, C>>()?;
        let mut xs: Vec<DualVec<T, C>> = x.iter().map(|&xi| DualVec::constant(xi)).collect();
        let mut out = JacobianOutputs::new(&self.pattern);
        for pass in 0..self.passes() {
            out.write(self, pass, &self.pass::<F, G>(g, x, &mut xs, pass)?);
        }
        out.finish(&self.pattern)
    }

    /// [`SparseJacobian::jacobian`] with its passes (one per chunk of
    /// [`GRADIENT_CHUNK`] colours) spread over rayon's thread pool (cargo
    /// feature `rayon`; needs `g: Sync`). Each worker seeds its own copy of
    /// the inputs and the results are written in the sequential order, so
    /// the matrix is bit-identical to [`SparseJacobian::jacobian`]'s; plans
    /// with a single pass run sequentially. Worker jobs hold the caller's
    /// perturbation levels, as in [`jacobian_par`](crate::jacobian_par).
    ///
    /// # Errors
    ///
    /// As for [`SparseJacobian::jacobian`].
    ///
    /// ```
    /// use dual::DualNum;
    /// use hessian::sparse::SparseJacobian;
    /// // each output depends on 10 consecutive inputs: 10 colours, 2 passes
    /// struct Band;
    /// impl hessian::VectorFunction<f64> for Band {
    ///     fn eval<D: DualNum<f64>>(&self, u: &[D]) -> Vec<D> {
    ///         (0..u.len())
    ///             .map(|i| u.iter().skip(i).take(10).fold(D::zero(), |s, &v| s * v + v.sin()))
    ///             .collect()
    ///     }
    /// }
    /// let x: Vec<f64> = (0..200).map(|i| (i as f64 * 0.1).sin()).collect();
    /// let plan = SparseJacobian::new(&Band, &x)?;
    /// assert_eq!(plan.colors(), 10);
    /// assert_eq!(plan.jacobian_par(&Band, &x)?, plan.jacobian(&Band, &x)?);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[cfg(feature = "rayon")]
    pub fn jacobian_par<F, G>(&self, g: &G, x: &[T]) -> Result<(DVector<T>, CsrMatrix<T>), Error>
    where
        F: Primitive,
        T: DualNum<F>,
        G: VectorFunction<F> + Sync + ?Sized,
    {
        use rayon::prelude::*;
        if self.passes() < 2 {
            return self.jacobian(g, x);
        }
        Error::check_length(Argument::Point, x.len(), self.n)?;
        let _level = Level::try_of::<DualVec<T, C>>()?;
        let levels = Level::snapshot();
        let xs: Vec<DualVec<T, C>> = x.iter().map(|&xi| DualVec::constant(xi)).collect();
        let ys: Vec<Result<Vec<DualVec<T, C>>, Error>> = (0..self.passes())
            .into_par_iter()
            .map_init(
                || xs.clone(),
                |xs, pass| {
                    crate::nesting::with_levels(&levels, || self.pass::<F, G>(g, x, xs, pass))
                },
            )
            .collect();
        let mut out = JacobianOutputs::new(&self.pattern);
        for (pass, y) in ys.into_iter().enumerate() {
            out.write(self, pass, &y?);
        }
        out.finish(&self.pattern)
    }

    /// The number of evaluations of `g`: one per chunk of [`GRADIENT_CHUNK`]
    /// colours (one for a plan without colours).
    fn passes(&self) -> usize {
        self.count.div_ceil(C).max(1)
    }

    /// The evaluation of `g` for the colours `pass * C .. pass * C + C`: the
    /// inputs of those colours seeded in their colour's direction.
    fn pass<F, G>(
        &self,
        g: &G,
        x: &[T],
        xs: &mut [DualVec<T, C>],
        pass: usize,
    ) -> Result<Vec<DualVec<T, C>>, Error>
    where
        F: Primitive,
        T: DualNum<F>,
        G: VectorFunction<F> + ?Sized,
    {
        let first = pass * C;
        for ((xi, &x0), &c) in xs.iter_mut().zip(x).zip(&self.colors) {
            let c = c as usize;
            *xi = if (first..first + C).contains(&c) {
                DualVec::variable(x0, c - first)
            } else {
                DualVec::constant(x0)
            };
        }
        let ys = F::eval_dual_vec(g, xs);
        Error::check_length(Argument::Outputs, ys.len(), self.pattern.major_dim())?;
        Ok(ys)
    }
}

/// The chunk width of the Jacobian passes.
const C: usize = GRADIENT_CHUNK;

/// The values and the compressed Jacobian's entries, filled pass by pass.
struct JacobianOutputs<T> {
    outputs: Option<DVector<T>>,
    values: Vec<T>,
}

impl<T: Scalar> JacobianOutputs<T> {
    fn new(pattern: &SparsityPattern) -> Self {
        Self {
            outputs: None,
            values: vec![T::zero(); pattern.nnz()],
        }
    }

    /// Writes the results `ys` of the pass `pass` (the first pass gives the values).
    fn write(&mut self, plan: &SparseJacobian<T>, pass: usize, ys: &[DualVec<T, C>]) {
        let first = pass * C;
        let m = plan.pattern.major_dim();
        if self.outputs.is_none() {
            self.outputs = Some(DVector::from_iterator(m, ys.iter().map(|y| y.re)));
        }
        let offsets = plan.pattern.major_offsets();
        let columns = plan.pattern.minor_indices();
        for (i, y) in ys.iter().enumerate() {
            let range = offsets[i]..offsets[i + 1];
            for (v, &j) in self.values[range.clone()].iter_mut().zip(&columns[range]) {
                let c = plan.colors[j] as usize;
                if (first..first + C).contains(&c) {
                    *v = y.eps[c - first];
                }
            }
        }
    }

    fn finish(self, pattern: &SparsityPattern) -> Result<(DVector<T>, CsrMatrix<T>), Error> {
        let outputs = self
            .outputs
            .unwrap_or_else(|| DVector::zeros(pattern.major_dim()));
        Ok((outputs, pattern::matrix(pattern, self.values)?))
    }
}
