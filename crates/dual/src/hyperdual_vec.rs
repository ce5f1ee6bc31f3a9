//! Hyper-dual numbers with `N` directions: value, gradient chunk and Hessian block.

use crate::{Components, DualNum, Float, FloatConst};
use core::fmt;

/// A second-order number in `N` directions:
/// `re + Σ eps[i] εi + ½ Σ eps2[i][j] εi εj`, truncated after second order.
///
/// Seeding the `k`-th input with the `k`-th unit vector, one evaluation gives the
/// value, the `N` first partial derivatives (`eps`) and the `N x N` block of
/// second partial derivatives (`eps2`, symmetric) of an `N`-variable function.
/// Everything lives on the stack; no operation allocates.
///
/// ```
/// use dual::{DualNum, HyperDualVec64};
///
/// // Rosenbrock in two variables
/// fn f<D: DualNum<f64>>(x: &[D]) -> D {
///     (x[1] - x[0] * x[0]).powi(2) * 100.0 + (-x[0] + 1.0).powi(2)
/// }
/// let (a, b) = (-1.2, 1.0);
/// let y = f(&[HyperDualVec64::<2>::variable(a, 0), HyperDualVec64::<2>::variable(b, 1)]);
/// approx::assert_relative_eq!(y.eps[1], 200.0 * (b - a * a), max_relative = 1e-14);
/// approx::assert_relative_eq!(y.eps2[0][0], 1200.0 * a * a - 400.0 * b + 2.0, max_relative = 1e-14);
/// assert_eq!(y.eps2[0][1], -400.0 * a);
/// assert_eq!(y.eps2[1][0], y.eps2[0][1]);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct HyperDualVec<T, const N: usize> {
    /// The value.
    pub re: T,
    /// The first-derivative parts (the gradient block).
    pub eps: [T; N],
    /// The second-derivative parts (the Hessian block), symmetric.
    pub eps2: [[T; N]; N],
}

/// A [`HyperDualVec`] over `f64`.
pub type HyperDualVec64<const N: usize> = HyperDualVec<f64, N>;
/// A [`HyperDualVec`] over `f32`.
pub type HyperDualVec32<const N: usize> = HyperDualVec<f32, N>;

impl<T, const N: usize> HyperDualVec<T, N> {
    /// The number with value `re`, first-derivative parts `eps` and
    /// second-derivative parts `eps2`.
    ///
    /// ```
    /// let x = dual::HyperDualVec::new(1.0, [1.0], [[0.0]]);
    /// assert_eq!(x.eps2, [[0.0]]);
    /// ```
    #[inline]
    pub const fn new(re: T, eps: [T; N], eps2: [[T; N]; N]) -> Self {
        Self { re, eps, eps2 }
    }
}

impl<T: Float, const N: usize> HyperDualVec<T, N> {
    /// The `i`-th independent variable at `re`. An `i >= N` gives a constant.
    ///
    /// ```
    /// let x = dual::HyperDualVec64::<2>::variable(2.0, 0);
    /// let y = x * x;
    /// assert_eq!((y.eps, y.eps2), ([4.0, 0.0], [[2.0, 0.0], [0.0, 0.0]]));
    /// ```
    #[inline]
    pub fn variable(re: T, i: usize) -> Self {
        let mut eps = [T::zero(); N];
        if let Some(e) = eps.get_mut(i) {
            *e = T::one();
        }
        Self::new(re, eps, [[T::zero(); N]; N])
    }

    /// A constant: every derivative part zero.
    ///
    /// ```
    /// let c = dual::HyperDualVec64::<2>::constant(3.0);
    /// assert_eq!(c.eps2, [[0.0; 2]; 2]);
    /// ```
    #[inline]
    pub fn constant(re: T) -> Self {
        Self::new(re, [T::zero(); N], [[T::zero(); N]; N])
    }

    /// The chain rule: parts `f0`, `f1 ai`, `f1 Aij + f2 ai aj`.
    #[inline(always)]
    fn chain(self, [f0, f1, f2]: [T; 3]) -> Self {
        let mut eps2 = self.eps2;
        for (i, row) in eps2.iter_mut().enumerate() {
            let fi = f2 * self.eps[i];
            for (j, h) in row.iter_mut().enumerate() {
                *h = f1 * *h + fi * self.eps[j];
            }
        }
        Self::new(f0, self.eps.map(|e| f1 * e), eps2)
    }
}

impl<T: Float, const N: usize> Components<T> for HyperDualVec<T, N> {
    #[inline(always)]
    fn real(&self) -> T {
        self.re
    }
    #[inline(always)]
    fn with_real(self, re: T) -> Self {
        Self { re, ..self }
    }
    #[inline(always)]
    fn constant(re: T) -> Self {
        Self::new(re, [T::zero(); N], [[T::zero(); N]; N])
    }
    #[inline(always)]
    fn map(self, mut f: impl FnMut(T) -> T) -> Self {
        let eps2 = self.eps2.map(|row| row.map(&mut f));
        Self::new(f(self.re), self.eps.map(&mut f), eps2)
    }
    #[inline(always)]
    fn zip(self, o: Self, mut f: impl FnMut(T, T) -> T) -> Self {
        let mut out = self;
        out.re = f(self.re, o.re);
        for i in 0..N {
            out.eps[i] = f(self.eps[i], o.eps[i]);
            for j in 0..N {
                out.eps2[i][j] = f(self.eps2[i][j], o.eps2[i][j]);
            }
        }
        out
    }
    #[inline(always)]
    fn all(&self, o: &Self, mut f: impl FnMut(&T, &T) -> bool) -> bool {
        f(&self.re, &o.re)
            && self.eps.iter().zip(&o.eps).all(|(a, b)| f(a, b))
            && self
                .eps2
                .iter()
                .flatten()
                .zip(o.eps2.iter().flatten())
                .all(|(a, b)| f(a, b))
    }
    // (a + ai εi + Aij)(b + bi εi + Bij) = ab + (a bi + ai b) εi + (a Bij + ai bj + aj bi + Aij b)
    #[inline(always)]
    fn mul_rule(self, o: Self) -> Self {
        let mut out = self;
        out.re = self.re * o.re;
        for i in 0..N {
            out.eps[i] = self.re * o.eps[i] + self.eps[i] * o.re;
            for j in 0..N {
                out.eps2[i][j] = self.re * o.eps2[i][j]
                    + self.eps[i] * o.eps[j]
                    + self.eps[j] * o.eps[i]
                    + self.eps2[i][j] * o.re;
            }
        }
        out
    }
    // x / y = x (1/y), with 1/y from the chain rule: [1/b, -1/b^2, 2/b^3];
    // the value is the primitive quotient a / b, bit for bit
    #[inline(always)]
    fn div_rule(self, o: Self) -> Self {
        let q = self.mul_rule(o.chain(crate::elementary::recip(o.re)));
        Self {
            re: self.re / o.re,
            ..q
        }
    }
}

impl<T: Float + fmt::Display + 'static, const N: usize> fmt::Display for HyperDualVec<T, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::fmt::lead(f, &self.re)?;
        f.write_str(" + ")?;
        crate::fmt::list(f, &self.eps)?;
        f.write_str("ε + [")?;
        for (i, row) in self.eps2.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            crate::fmt::list(f, row)?;
        }
        f.write_str("]ε²")
    }
}

impl_number!(HyperDualVec[N]);
impl_chain_functions!(HyperDualVec[N]);
