//! Local models of a function at a point: the univariate Taylor polynomial,
//! the quadratic model and the multivariate Taylor expansion.
//!
//! The three share one shape, so code written against one reads like code
//! written against another:
//!
//! | | [`TaylorPolynomial`] | [`QuadraticModel`] | [`TaylorExpansion`] |
//! |---|---|---|---|
//! | of | `f: R -> R` | `f: R^n -> R` | `f: R^n -> R` |
//! | built by | `TaylorPolynomial::new::<N>(f, a)` | `QuadraticModel::new(f, a)` | `TaylorExpansion::new::<D>(f, a)` (or [`taylor_expansion`](crate::tensor::taylor_expansion)) |
//! | constructor returns | `Self` | `Result<Self, Error>` | `Result<Self, Error>` |
//! | `point()` | `T` | `&[T]` | `&[T]` |
//! | `order()`, `value()` | yes | yes (order 2) | yes |
//! | `eval(displacement)` | `T` | `Result<T, Error>` | `Result<T, Error>` |
//!
//! Fields are private (each model keeps its parts consistent, so `eval` never
//! meets mismatched lengths) and read through methods. The multivariate
//! models return `Result` where a caller can get a length wrong (the
//! displacement) or ask for more than memory holds; the univariate one has
//! no such misuse and returns plain values.

use crate::lit::lit;
use crate::nesting::Level;
use crate::tensor::DerivativeTensor;
use crate::{Argument, Error, HESSIAN_BLOCK, hessian, taylor_coefficients};
use dual::{HyperDualVec, Scalar, Taylor};
use nalgebra::{DMatrix, DVector, RealField};

/// The Taylor polynomial of `f: R -> R` at a point `a`, of an order chosen when
/// it is built: `p(h) = c0 + c1 h + ... + cN h^N ≈ f(a + h)`.
///
/// ```
/// use hessian::TaylorPolynomial;
/// let p = TaylorPolynomial::new::<8>(|x| x.exp(), 0.0);
/// assert_eq!(p.order(), 8);
/// // the remainder of e^h after order 8 is below e^h h^9 / 9!
/// let h = 0.5_f64;
/// assert!((p.eval(h) - h.exp()).abs() <= h.exp() * h.powi(9) / 362880.0);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct TaylorPolynomial<T> {
    point: T,
    /// `[c0, ..., cN]`, never empty.
    coefficients: Vec<T>,
}

impl<T: Scalar> TaylorPolynomial<T> {
    /// The order-`N` Taylor polynomial of `f` at `a`, from one evaluation on a
    /// [`Taylor<T, N>`](Taylor) number ([`taylor_coefficients`]).
    ///
    /// ```
    /// use hessian::TaylorPolynomial;
    /// let p = TaylorPolynomial::new::<2>(|x| x * x * x, 1.0);
    /// assert_eq!(p.coefficients(), [1.0, 3.0, 3.0]);
    /// ```
    #[must_use]
    pub fn new<const N: usize>(f: impl Fn(Taylor<T, N>) -> Taylor<T, N>, a: T) -> Self {
        Self {
            point: a,
            coefficients: taylor_coefficients::<N, T>(f, a),
        }
    }

    /// The polynomial with the given coefficients `[c0, ..., cN]` at `a` (no
    /// coefficient at all is the zero polynomial of order 0).
    ///
    /// ```
    /// use hessian::TaylorPolynomial;
    /// // 1 + 2h + 3h^2 at h = 2
    /// let p = TaylorPolynomial::from_coefficients(5.0, vec![1.0, 2.0, 3.0]);
    /// assert_eq!((p.point(), p.order(), p.eval(2.0)), (5.0, 2, 17.0));
    /// assert_eq!(TaylorPolynomial::<f64>::from_coefficients(0.0, vec![]).eval(1.0), 0.0);
    /// ```
    #[must_use]
    pub fn from_coefficients(a: T, mut coefficients: Vec<T>) -> Self {
        if coefficients.is_empty() {
            coefficients.push(T::zero());
        }
        Self {
            point: a,
            coefficients,
        }
    }

    /// The expansion point `a`.
    ///
    /// ```
    /// use hessian::TaylorPolynomial;
    /// assert_eq!(TaylorPolynomial::new::<3>(|x| x.sin(), 0.25).point(), 0.25);
    /// ```
    #[must_use]
    pub fn point(&self) -> T {
        self.point
    }

    /// The order `N`: the highest power of `h`.
    ///
    /// ```
    /// use hessian::TaylorPolynomial;
    /// assert_eq!(TaylorPolynomial::new::<3>(|x| x.sin(), 0.0).order(), 3);
    /// ```
    #[must_use]
    pub fn order(&self) -> usize {
        self.coefficients.len() - 1
    }

    /// `f(a)`, the coefficient `c0`.
    ///
    /// ```
    /// use hessian::TaylorPolynomial;
    /// assert_eq!(TaylorPolynomial::new::<3>(|x| x.exp(), 0.0).value(), 1.0);
    /// ```
    #[must_use]
    pub fn value(&self) -> T {
        self.coefficients[0]
    }

    /// `[c0, ..., cN]`, `c_k = f^(k)(a) / k!`.
    ///
    /// ```
    /// use hessian::TaylorPolynomial;
    /// let p = TaylorPolynomial::new::<3>(|x| x.exp(), 0.0);
    /// approx::assert_relative_eq!(p.coefficients()[3], 1.0 / 6.0, max_relative = 1e-15);
    /// ```
    #[must_use]
    pub fn coefficients(&self) -> &[T] {
        &self.coefficients
    }

    /// The coefficient `c_k`, or `None` for `k > order()`.
    ///
    /// ```
    /// use hessian::TaylorPolynomial;
    /// let p = TaylorPolynomial::new::<2>(|x| x * x, 3.0);
    /// assert_eq!((p.coeff(1), p.coeff(2), p.coeff(3)), (Some(6.0), Some(1.0), None));
    /// assert_eq!(p.coeff(usize::MAX), None);
    /// ```
    #[must_use]
    pub fn coeff(&self, k: usize) -> Option<T> {
        self.coefficients.get(k).copied()
    }

    /// The polynomial cut to order `min(order, self.order())`.
    ///
    /// ```
    /// use hessian::TaylorPolynomial;
    /// let p = TaylorPolynomial::new::<7>(|x| x.exp(), 0.0).truncated(1);
    /// assert_eq!((p.order(), p.eval(0.5)), (1, 1.5));
    /// ```
    #[must_use]
    pub fn truncated(&self, order: usize) -> Self {
        let keep = order.saturating_add(1).min(self.coefficients.len());
        Self {
            point: self.point,
            coefficients: self.coefficients[..keep].to_vec(),
        }
    }

    /// The polynomial at the displacement `h` from the point, by Horner's
    /// scheme: an approximation of `f(point + h)`.
    ///
    /// ```
    /// use hessian::TaylorPolynomial;
    /// let p = TaylorPolynomial::new::<3>(|x| x * x * x, 1.0);
    /// // a cubic is its own Taylor polynomial of order 3: 2^3 = 8
    /// assert_eq!(p.eval(1.0), 8.0);
    /// ```
    #[must_use]
    pub fn eval(&self, h: T) -> T {
        self.coefficients
            .iter()
            .rev()
            .fold(T::zero(), |acc, &c| acc * h + c)
    }
}

/// `Err(TooLarge)` unless an `n x n` matrix of `T` can be allocated.
fn check_square<T>(n: usize) -> Result<(), Error> {
    let entries = (n as u128).saturating_mul(n as u128);
    let bytes = entries.saturating_mul(core::mem::size_of::<T>() as u128);
    if bytes > isize::MAX as u128 {
        return Err(Error::TooLarge { entries, bytes });
    }
    Ok(())
}

/// The second-order Taylor model of `f: R^n -> R` at a point `a`:
/// `m(d) = f(a) + gᵀ d + dᵀ H d / 2`, with the exact gradient `g` and Hessian `H`.
///
/// ```
/// use dual::DualNum;
/// use hessian::QuadraticModel;
///
/// fn f<D: DualNum<f64>>(x: &[D]) -> D {
///     x[0].exp() * x[1].cos()
/// }
/// let m = QuadraticModel::new(f, &[0.0, 0.0])?;
/// // e^x cos y ≈ 1 + x + (x² - y²) / 2
/// approx::assert_relative_eq!(m.eval(&[0.2, 0.1])?, 1.0 + 0.2 + (0.04 - 0.01) / 2.0, max_relative = 1e-15);
/// # Ok::<(), hessian::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct QuadraticModel<T: nalgebra::Scalar> {
    point: Vec<T>,
    value: T,
    gradient: DVector<T>,
    hessian: DMatrix<T>,
}

impl<T: Scalar + RealField> QuadraticModel<T> {
    /// The model of `f` at `a`, from one call of [`hessian`].
    ///
    /// # Errors
    ///
    /// * [`Error::PerturbationConfusion`] when called inside the closure of a
    ///   driver that seeds the same number type (see the crate docs);
    /// * [`Error::TooLarge`] when the `n x n` Hessian cannot be allocated.
    ///
    /// ```
    /// use hessian::QuadraticModel;
    /// let m = QuadraticModel::new(|x| x[0] * x[1], &[2.0, 3.0])?;
    /// assert_eq!(m.value(), 6.0);
    /// approx::assert_relative_eq!(*m.gradient(), nalgebra::dvector![3.0, 2.0]);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    pub fn new<F>(f: F, a: &[T]) -> Result<Self, Error>
    where
        F: Fn(&[HyperDualVec<T, HESSIAN_BLOCK>]) -> HyperDualVec<T, HESSIAN_BLOCK>,
    {
        check_square::<T>(a.len())?;
        // fail here, with the error, rather than in `hessian`, with NaN
        drop(Level::try_of::<HyperDualVec<T, HESSIAN_BLOCK>>()?);
        let (value, gradient, hessian) = hessian(f, a);
        Ok(Self {
            point: a.to_vec(),
            value,
            gradient,
            hessian,
        })
    }

    /// The point `a` the model is built at.
    ///
    /// ```
    /// use hessian::QuadraticModel;
    /// let m = QuadraticModel::new(|x| x[0] * x[1], &[2.0, 3.0])?;
    /// assert_eq!(m.point(), [2.0, 3.0]);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn point(&self) -> &[T] {
        &self.point
    }

    /// The number of variables `n`.
    ///
    /// ```
    /// use hessian::QuadraticModel;
    /// assert_eq!(QuadraticModel::new(|x| x[0] * x[1], &[2.0, 3.0])?.dim(), 2);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn dim(&self) -> usize {
        self.point.len()
    }

    /// The order of the model: 2.
    ///
    /// ```
    /// use hessian::QuadraticModel;
    /// assert_eq!(QuadraticModel::new(|x| x[0].sin(), &[1.0])?.order(), 2);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn order(&self) -> usize {
        2
    }

    /// `f(a)`.
    ///
    /// ```
    /// use hessian::QuadraticModel;
    /// assert_eq!(QuadraticModel::new(|x| x[0] * x[1], &[2.0, 3.0])?.value(), 6.0);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn value(&self) -> T {
        self.value
    }

    /// `∇f(a)`.
    ///
    /// ```
    /// use hessian::QuadraticModel;
    /// let m = QuadraticModel::new(|x| x[0] * x[0] * x[1], &[2.0, 3.0])?;
    /// assert_eq!(m.gradient().as_slice(), [12.0, 4.0]);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn gradient(&self) -> &DVector<T> {
        &self.gradient
    }

    /// The Hessian of `f` at `a` (symmetric).
    ///
    /// ```
    /// use hessian::QuadraticModel;
    /// let m = QuadraticModel::new(|x| x[0] * x[0] * x[1], &[2.0, 3.0])?;
    /// assert_eq!(*m.hessian(), nalgebra::dmatrix![6.0, 4.0; 4.0, 0.0]);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn hessian(&self) -> &DMatrix<T> {
        &self.hessian
    }

    /// The model at the displacement `d` from the point:
    /// `f(a) + gᵀ d + dᵀ H d / 2`.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] if `d` and the point differ in length.
    ///
    /// ```
    /// use hessian::QuadraticModel;
    /// let m = QuadraticModel::new(|x| x[0] * x[0] * 3.0 + x[1], &[1.0, 0.0])?;
    /// approx::assert_relative_eq!(m.eval(&[1.0, 1.0])?, 3.0 + 6.0 + 1.0 + 3.0);
    /// assert_eq!(m.eval(&[1.0]).unwrap_err().to_string(), "displacement has length 1 but the point has length 2");
    /// # Ok::<(), hessian::Error>(())
    /// ```
    pub fn eval(&self, d: &[T]) -> Result<T, Error> {
        Error::check_length(Argument::Displacement, d.len(), self.point.len())?;
        let d = DVector::from_column_slice(d);
        Ok(self.value + self.gradient.dot(&d) + (&self.hessian * &d).dot(&d) * lit::<T>(0.5))
    }
}

/// The multivariate Taylor polynomial of order `D` of a function at a point:
/// `P(dx) = Σ_{|α| <= D} c_α dx^α` with `c_α = ∂^α f(x) / α!`.
///
/// ```
/// use dual::DualNum;
/// use hessian::TaylorExpansion;
///
/// fn f<D: DualNum<f64>>(x: &[D]) -> D {
///     (x[0] + x[1] * 2.0).exp()
/// }
/// let p = TaylorExpansion::new::<6>(f, &[0.0, 0.0])?;
/// // e^(u + 2v): the coefficient of u v^2 is 2^2 / (1! 2!) = 2
/// approx::assert_relative_eq!(p.coeff(&[1, 2]).unwrap(), 2.0, max_relative = 1e-12);
/// let dx = [0.01, -0.02];
/// approx::assert_relative_eq!(p.eval(&dx)?, (-0.03_f64).exp(), max_relative = 1e-13);
/// # Ok::<(), hessian::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct TaylorExpansion<T> {
    point: Vec<T>,
    /// `coeffs[e]` holds the coefficients of the monomials of degree `e`
    /// (never empty: degree 0 is the value).
    coeffs: Vec<DerivativeTensor<T>>,
}

impl<T: Scalar> TaylorExpansion<T> {
    /// The order-`D` expansion of `f` at `a`: the same as
    /// [`taylor_expansion`](crate::tensor::taylor_expansion), from
    /// [`multi_index_count`](crate::tensor::multi_index_count)`(a.len(), D)`
    /// evaluations of `f` on univariate Taylor series. `D` is at most
    /// [`MAX_ORDER`](crate::tensor::MAX_ORDER); a larger `D` fails to compile.
    ///
    /// # Errors
    ///
    /// Those of [`taylor_expansion`](crate::tensor::taylor_expansion).
    ///
    /// ```
    /// use dual::DualNum;
    /// use hessian::TaylorExpansion;
    /// fn f<D: DualNum<f64>>(x: &[D]) -> D { x[0] * x[1] }
    /// let p = TaylorExpansion::new::<2>(f, &[2.0, 3.0])?;
    /// assert_eq!((p.point(), p.order(), p.dim(), p.value()), (&[2.0, 3.0][..], 2, 2, 6.0));
    /// # Ok::<(), hessian::Error>(())
    /// ```
    pub fn new<const D: usize>(
        f: impl Fn(&[Taylor<T, D>]) -> Taylor<T, D>,
        a: &[T],
    ) -> Result<Self, Error> {
        crate::tensor::taylor_expansion::<D, T>(f, a)
    }

    /// The expansion at `point` with the coefficient tensors `coeffs`
    /// (`coeffs[e]` of order `e`, already divided by `α!`; at least one).
    pub(crate) fn from_coefficients(point: &[T], coeffs: Vec<DerivativeTensor<T>>) -> Self {
        Self {
            point: point.to_vec(),
            coeffs,
        }
    }

    /// The point the expansion is built at.
    ///
    /// ```
    /// use dual::DualNum;
    /// fn f<D: DualNum<f64>>(x: &[D]) -> D { x[0].exp() }
    /// assert_eq!(hessian::TaylorExpansion::new::<5>(f, &[0.5])?.point(), [0.5]);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn point(&self) -> &[T] {
        &self.point
    }

    /// The order `D` of the polynomial: its highest degree.
    ///
    /// ```
    /// use dual::DualNum;
    /// fn f<D: DualNum<f64>>(x: &[D]) -> D { x[0].exp() }
    /// assert_eq!(hessian::TaylorExpansion::new::<5>(f, &[0.0])?.order(), 5);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn order(&self) -> usize {
        self.coeffs.len().saturating_sub(1)
    }

    /// The number of variables.
    ///
    /// ```
    /// use dual::DualNum;
    /// fn f<D: DualNum<f64>>(x: &[D]) -> D { x[0] * x[1] }
    /// assert_eq!(hessian::TaylorExpansion::new::<2>(f, &[1.0, 1.0])?.dim(), 2);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn dim(&self) -> usize {
        self.point.len()
    }

    /// `f(a)`, the coefficient of degree 0.
    ///
    /// ```
    /// use dual::DualNum;
    /// fn f<D: DualNum<f64>>(x: &[D]) -> D { x[0] * x[1] }
    /// assert_eq!(hessian::TaylorExpansion::new::<2>(f, &[2.0, 4.0])?.value(), 8.0);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn value(&self) -> T {
        self.coeffs
            .first()
            .and_then(|t| t.values().first().copied())
            .unwrap_or_else(T::nan)
    }

    /// The coefficient `c_α = ∂^α f(x) / α!` of the monomial `dx^α`. `None`
    /// unless `alpha` has `dim()` entries with `|α| <= order()` (indices so
    /// large that `|α|` overflows are `None` too).
    ///
    /// ```
    /// use dual::DualNum;
    /// // f = (1 + x + y)^3 = ... + 6 x y + ... + 3 x y^2 ...
    /// fn f<D: DualNum<f64>>(x: &[D]) -> D { (x[0] + x[1] + 1.0).powi(3) }
    /// let p = hessian::TaylorExpansion::new::<3>(f, &[0.0, 0.0])?;
    /// approx::assert_relative_eq!(p.coeff(&[1, 1]).unwrap(), 6.0, max_relative = 1e-13);
    /// approx::assert_relative_eq!(p.coeff(&[1, 2]).unwrap(), 3.0, max_relative = 1e-13);
    /// assert_eq!(p.coeff(&[2, 2]), None); // degree 4 > order 3
    /// assert_eq!(p.coeff(&[usize::MAX, 3]), None);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn coeff(&self, alpha: &[usize]) -> Option<T> {
        if alpha.len() != self.dim() {
            return None;
        }
        let degree = alpha
            .iter()
            .try_fold(0_usize, |sum, &a| sum.checked_add(a))?;
        self.coeffs.get(degree)?.get_multi(alpha)
    }

    /// Every term once, as `(multi-index α, coefficient c_α)`, by increasing
    /// degree.
    ///
    /// ```
    /// use dual::DualNum;
    /// fn f<D: DualNum<f64>>(x: &[D]) -> D { x[0] * x[1] + 1.0 }
    /// let p = hessian::TaylorExpansion::new::<2>(f, &[0.0, 0.0])?;
    /// let nonzero: Vec<Vec<usize>> = p
    ///     .terms()
    ///     .filter(|(_, c)| c.abs() > 1e-12)
    ///     .map(|(a, _)| a.to_vec())
    ///     .collect();
    /// assert_eq!(nonzero, vec![vec![0, 0], vec![1, 1]]);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    pub fn terms(&self) -> impl Iterator<Item = (&[usize], T)> + '_ {
        self.coeffs.iter().flat_map(DerivativeTensor::iter)
    }

    /// The expansion cut to order `min(order, self.order())`.
    ///
    /// ```
    /// use dual::DualNum;
    /// fn f<D: DualNum<f64>>(x: &[D]) -> D { (x[0] + x[1]).exp() }
    /// let p = hessian::TaylorExpansion::new::<4>(f, &[0.0, 0.0])?.truncated(1);
    /// assert_eq!(p.order(), 1);
    /// approx::assert_relative_eq!(p.eval(&[0.25, 0.25])?, 1.5, max_relative = 1e-14);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn truncated(&self, order: usize) -> Self {
        let keep = order.saturating_add(1).min(self.coeffs.len());
        Self {
            point: self.point.clone(),
            coeffs: self.coeffs[..keep].to_vec(),
        }
    }

    /// The polynomial at the displacement `dx` (the approximation of
    /// `f(x + dx)`).
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] unless `dx` has `dim()` entries.
    ///
    /// ```
    /// use dual::DualNum;
    /// fn f<D: DualNum<f64>>(x: &[D]) -> D { x[0].sin() * x[1].exp() }
    /// let p = hessian::TaylorExpansion::new::<4>(f, &[0.2, 0.1])?;
    /// let dx = [1e-2, -2e-2];
    /// // remainder of order 5: about |dx|^5 ~ 1e-9
    /// approx::assert_abs_diff_eq!(p.eval(&dx)?, 0.21_f64.sin() * 0.08_f64.exp(), epsilon = 1e-9);
    /// let err = p.eval(&[1.0]).unwrap_err();
    /// assert_eq!(err.to_string(), "displacement has length 1 but the point has length 2");
    /// # Ok::<(), hessian::Error>(())
    /// ```
    pub fn eval(&self, dx: &[T]) -> Result<T, Error> {
        Error::check_length(Argument::Displacement, dx.len(), self.dim())?;
        let mut sum = T::zero();
        for (alpha, c) in self.terms() {
            let mut term = c;
            for (&a, &h) in alpha.iter().zip(dx) {
                for _ in 0..a {
                    term *= h;
                }
            }
            sum += term;
        }
        Ok(sum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn square_size_check() {
        assert_eq!(check_square::<f64>(1 << 16), Ok(()));
        assert_eq!(
            check_square::<f64>(1 << 31),
            Err(Error::TooLarge {
                entries: 1 << 62,
                bytes: 1 << 65
            })
        );
        assert!(check_square::<f64>(usize::MAX).is_err());
    }
}
