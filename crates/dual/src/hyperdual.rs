//! Hyper-dual numbers: two nilpotent units with a non-zero product.

use crate::{Components, DualNum, Float, FloatConst};
use core::fmt;

/// A hyper-dual number `re + eps1 ε1 + eps2 ε2 + eps1eps2 ε1ε2` with
/// `ε1² = ε2² = 0` and `ε1ε2 ≠ 0`.
///
/// Evaluating `f(x + ε1 u + ε2 v)` gives the value, the directional derivatives
/// `∇f·u` and `∇f·v`, and the exact second derivative `uᵀ H v` in `eps1eps2`,
/// with no subtractive cancellation (unlike a second-order finite difference).
///
/// ```
/// use dual::{DualNum, HyperDual64};
///
/// fn f<D: DualNum<f64>>(x: D) -> D {
///     x.powi(4) + x.sin()
/// }
/// let x = 0.8;
/// let y = f(HyperDual64::variable(x));
/// approx::assert_relative_eq!(y.eps1, 4.0 * x * x * x + x.cos(), max_relative = 1e-15);
/// approx::assert_relative_eq!(y.eps1eps2, 12.0 * x * x - x.sin(), max_relative = 1e-15);
/// ```
///
/// # Derivatives
/// The second-order part is `f' x12 + f'' x1 x2`: where the first derivative
/// overflows to ±inf (`1/x` at `1e-300`, `sqrt` at 0), the term `f' x12` with
/// the seed's `x12 = 0` is `inf * 0`, and `eps1eps2` is NaN rather than the
/// (also infinite) second derivative.
///
/// ```
/// use dual::HyperDual64;
/// let y = HyperDual64::variable(1e-300).recip();
/// assert_eq!(y.eps1, f64::NEG_INFINITY); // -1/x^2 overflows
/// assert!(y.eps1eps2.is_nan()); // 2/x^3 = inf, through inf * 0
/// ```
#[derive(Clone, Copy, Debug)]
pub struct HyperDual<T> {
    /// The value.
    pub re: T,
    /// The coefficient of `ε1`: the first derivative along the first direction.
    pub eps1: T,
    /// The coefficient of `ε2`: the first derivative along the second direction.
    pub eps2: T,
    /// The coefficient of `ε1ε2`: the mixed second derivative.
    pub eps1eps2: T,
}

/// A [`HyperDual`] over `f64`.
pub type HyperDual64 = HyperDual<f64>;
/// A [`HyperDual`] over `f32`.
pub type HyperDual32 = HyperDual<f32>;

impl<T> HyperDual<T> {
    /// The hyper-dual number `re + eps1 ε1 + eps2 ε2 + eps1eps2 ε1ε2`.
    ///
    /// ```
    /// let x = dual::HyperDual::new(1.0, 2.0, 3.0, 4.0);
    /// assert_eq!(x.eps1eps2, 4.0);
    /// ```
    #[inline]
    pub const fn new(re: T, eps1: T, eps2: T, eps1eps2: T) -> Self {
        Self {
            re,
            eps1,
            eps2,
            eps1eps2,
        }
    }
}

impl<T: Float> HyperDual<T> {
    /// The independent variable at `re`, seeded in both directions:
    /// `re + ε1 + ε2`, so that `eps1eps2` of the result is `f''(re)`.
    ///
    /// ```
    /// let y = dual::HyperDual64::variable(3.0).powi(3);
    /// assert_eq!((y.re, y.eps1, y.eps2, y.eps1eps2), (27.0, 27.0, 27.0, 18.0));
    /// ```
    #[inline]
    pub fn variable(re: T) -> Self {
        Self::new(re, T::one(), T::one(), T::zero())
    }

    /// A constant: every derivative part zero.
    ///
    /// ```
    /// let c = dual::HyperDual64::constant(3.0);
    /// assert_eq!((c.re, c.eps1, c.eps2, c.eps1eps2), (3.0, 0.0, 0.0, 0.0));
    /// ```
    #[inline]
    pub fn constant(re: T) -> Self {
        Self::new(re, T::zero(), T::zero(), T::zero())
    }

    /// The chain rule: `f(x)` has parts `f0`, `f1 x1`, `f1 x2`,
    /// `f1 x12 + f2 x1 x2`.
    #[inline(always)]
    fn chain(self, [f0, f1, f2]: [T; 3]) -> Self {
        Self::new(
            f0,
            f1 * self.eps1,
            f1 * self.eps2,
            f1 * self.eps1eps2 + f2 * self.eps1 * self.eps2,
        )
    }

    /// The bivariate chain rule: `f(x, y)` has the parts `fx x1 + fy y1`,
    /// `fx x2 + fy y2` and `fx x12 + fy y12 + fxx x1 x2 + fxy (x1 y2 + x2 y1) +
    /// fyy y1 y2`.
    #[inline(always)]
    fn chain2(self, y: Self, [f0, fx, fy, fxx, fxy, fyy]: [T; 6]) -> Self {
        let x = self;
        Self::new(
            f0,
            fx * x.eps1 + fy * y.eps1,
            fx * x.eps2 + fy * y.eps2,
            fx * x.eps1eps2
                + fy * y.eps1eps2
                + fxx * x.eps1 * x.eps2
                + fxy * (x.eps1 * y.eps2 + x.eps2 * y.eps1)
                + fyy * y.eps1 * y.eps2,
        )
    }
}

impl<T: Float> Components<T> for HyperDual<T> {
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
        Self::new(re, T::zero(), T::zero(), T::zero())
    }
    #[inline(always)]
    fn map(self, mut f: impl FnMut(T) -> T) -> Self {
        Self::new(f(self.re), f(self.eps1), f(self.eps2), f(self.eps1eps2))
    }
    #[inline(always)]
    fn zip(self, o: Self, mut f: impl FnMut(T, T) -> T) -> Self {
        Self::new(
            f(self.re, o.re),
            f(self.eps1, o.eps1),
            f(self.eps2, o.eps2),
            f(self.eps1eps2, o.eps1eps2),
        )
    }
    #[inline(always)]
    fn all(&self, o: &Self, mut f: impl FnMut(&T, &T) -> bool) -> bool {
        f(&self.re, &o.re)
            && f(&self.eps1, &o.eps1)
            && f(&self.eps2, &o.eps2)
            && f(&self.eps1eps2, &o.eps1eps2)
    }
    // (a + a1 ε1 + a2 ε2 + a12 ε1ε2)(b + ...) =
    //   ab + (a b1 + a1 b) ε1 + (a b2 + a2 b) ε2 + (a b12 + a1 b2 + a2 b1 + a12 b) ε1ε2
    #[inline(always)]
    fn mul_rule(self, o: Self) -> Self {
        Self::new(
            self.re * o.re,
            self.re * o.eps1 + self.eps1 * o.re,
            self.re * o.eps2 + self.eps2 * o.re,
            self.re * o.eps1eps2 + self.eps1 * o.eps2 + self.eps2 * o.eps1 + self.eps1eps2 * o.re,
        )
    }
    // q = a / b from a = q b, part by part (the recurrence of Dual and Taylor):
    //   q1 = (a1 - q b1) / b, q2 = (a2 - q b2) / b,
    //   q12 = (a12 - (q b12 + q1 b2 + q2 b1)) / b.
    // Unlike a (1/b), it forms no 1/b^2, which overflows for |b| < 1e-154
    // (x / x at f64::MIN_POSITIVE) or meets 0 * inf for a constant a. The
    // divisions are multiplications by 1/b, as in Dual's rule (one division
    // for the parts instead of four).
    #[inline(always)]
    fn div_rule(self, o: Self) -> Self {
        let r = o.re.recip();
        let q = self.re / o.re;
        let q1 = (self.eps1 - q * o.eps1) * r;
        let q2 = (self.eps2 - q * o.eps2) * r;
        let q12 = (self.eps1eps2 - (q * o.eps1eps2 + q1 * o.eps2 + q2 * o.eps1)) * r;
        Self::new(q, q1, q2, q12)
    }
}

impl<T: Float + fmt::Display + 'static> fmt::Display for HyperDual<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::fmt::lead(f, &self.re)?;
        crate::fmt::term(f, &self.eps1, "ε1")?;
        crate::fmt::term(f, &self.eps2, "ε2")?;
        crate::fmt::term(f, &self.eps1eps2, "ε1ε2")
    }
}

impl_number!(HyperDual[]);
impl_chain_functions!(HyperDual[]);
