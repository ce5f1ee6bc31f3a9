//! Dual numbers with a vector of `N` first-derivative parts.
//!
//! # No allocation
//!
//! A [`DualVec<T, N>`] keeps its `N` derivative parts inline, in an array: it is
//! `Copy`, its size is exactly `(N + 1) * size_of::<T>()`, and no operation on it
//! allocates (the crate is `#![no_std]` and does not link `alloc`). Everything
//! lives on the stack, so a large `N` makes a large value: a `DualVec64<64>` is
//! 520 bytes, and evaluating a gradient in chunks of 8 or 16 is usually faster.
//!
//! ```
//! assert_eq!(core::mem::size_of::<dual::DualVec64<4>>(), 5 * 8);
//! ```

use crate::{Components, DualNum, Float, FloatConst};
use core::fmt;

/// A dual number with `N` infinitesimal parts: `re + Σ eps[i] εi`, `εi εj = 0`.
///
/// Seeding `eps` of the `k`-th input with the `k`-th unit vector, one evaluation
/// gives `N` partial derivatives at once: a gradient chunk. Everything lives on
/// the stack; no operation allocates.
///
/// ```
/// use dual::{DualNum, DualVec64};
///
/// fn f<D: DualNum<f64>>(x: &[D]) -> D {
///     x[0] * x[1].sin() + x[0].powi(2) * 3.0
/// }
/// let (a, b) = (1.5, 0.5);
/// let y = f(&[DualVec64::<2>::variable(a, 0), DualVec64::<2>::variable(b, 1)]);
/// approx::assert_relative_eq!(y.eps[0], b.sin() + 6.0 * a, max_relative = 1e-15);
/// approx::assert_relative_eq!(y.eps[1], a * b.cos(), max_relative = 1e-15);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct DualVec<T, const N: usize> {
    /// The value.
    pub re: T,
    /// The first-derivative parts, `eps[i]` the coefficient of `εi`.
    pub eps: [T; N],
}

/// A [`DualVec`] over `f64`.
pub type DualVec64<const N: usize> = DualVec<f64, N>;
/// A [`DualVec`] over `f32`.
pub type DualVec32<const N: usize> = DualVec<f32, N>;

impl<T, const N: usize> DualVec<T, N> {
    /// The number `re + Σ eps[i] εi`.
    ///
    /// ```
    /// let x = dual::DualVec::new(1.0, [2.0, 3.0]);
    /// assert_eq!(x.eps, [2.0, 3.0]);
    /// ```
    #[inline]
    pub const fn new(re: T, eps: [T; N]) -> Self {
        Self { re, eps }
    }
}

impl<T: Float, const N: usize> DualVec<T, N> {
    /// The `i`-th independent variable at `re`: `re + εi`.
    ///
    /// An index `i >= N` has no part to seed: that misuse gives NaN derivative
    /// parts, so that it cannot pass for a constant (use
    /// [`try_variable`](Self::try_variable) to be told instead).
    ///
    /// ```
    /// let x = dual::DualVec64::<3>::variable(2.0, 1);
    /// assert_eq!(x.eps, [0.0, 1.0, 0.0]);
    /// let bad = dual::DualVec64::<3>::variable(2.0, 3);
    /// assert!(bad.eps.iter().all(|e| e.is_nan()));
    /// ```
    #[inline]
    pub fn variable(re: T, i: usize) -> Self {
        Self::try_variable(re, i).unwrap_or_else(|| Self::new(re, [T::nan(); N]))
    }

    /// The `i`-th independent variable at `re`, or `None` if `i >= N`.
    ///
    /// ```
    /// use dual::DualVec64;
    /// assert_eq!(DualVec64::<2>::try_variable(1.0, 1).map(|x| x.eps), Some([0.0, 1.0]));
    /// assert!(DualVec64::<2>::try_variable(1.0, 2).is_none());
    /// ```
    #[inline]
    #[must_use]
    pub fn try_variable(re: T, i: usize) -> Option<Self> {
        let mut eps = [T::zero(); N];
        *eps.get_mut(i)? = T::one();
        Some(Self::new(re, eps))
    }

    /// A constant: every derivative part zero.
    ///
    /// ```
    /// let c = dual::DualVec64::<2>::constant(3.0);
    /// assert_eq!(c.eps, [0.0, 0.0]);
    /// ```
    #[inline]
    pub fn constant(re: T) -> Self {
        Self::new(re, [T::zero(); N])
    }

    /// The chain rule: `f(a + Σ bi εi) = f(a) + Σ f'(a) bi εi`.
    #[inline(always)]
    fn chain(self, [f0, f1, _]: [T; 3]) -> Self {
        Self::new(f0, self.eps.map(|e| f1 * e))
    }

    /// The bivariate chain rule: `f(x, y)` has the parts `fx xi + fy yi`.
    #[inline(always)]
    fn chain2(self, y: Self, [f0, fx, fy, ..]: [T; 6]) -> Self {
        let mut eps = self.eps;
        for (e, ye) in eps.iter_mut().zip(y.eps) {
            *e = fx * *e + fy * ye;
        }
        Self::new(f0, eps)
    }
}

impl<T: Float, const N: usize> Components<T> for DualVec<T, N> {
    #[inline(always)]
    fn real(&self) -> T {
        self.re
    }
    #[inline(always)]
    fn with_real(self, re: T) -> Self {
        Self::new(re, self.eps)
    }
    #[inline(always)]
    fn constant(re: T) -> Self {
        Self::new(re, [T::zero(); N])
    }
    #[inline(always)]
    fn map(self, mut f: impl FnMut(T) -> T) -> Self {
        Self::new(f(self.re), self.eps.map(f))
    }
    #[inline(always)]
    fn zip(self, o: Self, mut f: impl FnMut(T, T) -> T) -> Self {
        let mut eps = self.eps;
        for (e, oe) in eps.iter_mut().zip(o.eps) {
            *e = f(*e, oe);
        }
        Self::new(f(self.re, o.re), eps)
    }
    #[inline(always)]
    fn all(&self, o: &Self, mut f: impl FnMut(&T, &T) -> bool) -> bool {
        f(&self.re, &o.re) && self.eps.iter().zip(&o.eps).all(|(a, b)| f(a, b))
    }
    // (a + Σ ai εi)(b + Σ bi εi) = ab + Σ (a bi + ai b) εi
    #[inline(always)]
    fn mul_rule(self, o: Self) -> Self {
        let mut eps = self.eps;
        for (e, oe) in eps.iter_mut().zip(o.eps) {
            *e = self.re * oe + *e * o.re;
        }
        Self::new(self.re * o.re, eps)
    }
    // (a + Σ ai εi) / (b + Σ bi εi) = a/b + Σ (ai - (a/b) bi) / b εi
    #[inline(always)]
    fn div_rule(self, o: Self) -> Self {
        let r = o.re.recip();
        // the value is the primitive quotient, bit for bit
        let q = self.re / o.re;
        let mut eps = self.eps;
        for (e, oe) in eps.iter_mut().zip(o.eps) {
            *e = (*e - q * oe) * r;
        }
        Self::new(q, eps)
    }
}

impl<T: Float + fmt::Display + 'static, const N: usize> fmt::Display for DualVec<T, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::fmt::lead(f, &self.re)?;
        f.write_str(" + ")?;
        crate::fmt::list(f, &self.eps)?;
        f.write_str("ε")
    }
}

impl_number!(DualVec[N]);
impl_chain_functions!(DualVec[N]);
