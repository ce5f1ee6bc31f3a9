//! First-order dual numbers `a + b ε` with `ε² = 0`.

use crate::{Components, DualNum, Float, FloatConst};
use core::fmt;

/// A first-order dual number `re + eps ε` with `ε² = 0`.
///
/// Evaluating `f(x + ε)` gives `f(x) + f'(x) ε`: the value and the exact first
/// derivative in one pass. Seed `eps` with a direction `v` to get the directional
/// derivative `∇f · v` of a multivariate function.
///
/// ```
/// use dual::{Dual64, DualNum};
///
/// fn f<D: DualNum<f64>>(x: D) -> D {
///     x * x.sin()
/// }
/// let y = f(Dual64::variable(2.0));
/// assert_eq!(y.re, 2.0 * 2.0_f64.sin());
/// approx::assert_relative_eq!(y.eps, 2.0_f64.sin() + 2.0 * 2.0_f64.cos(), max_relative = 1e-15);
/// assert_eq!(format!("{:.1}", Dual64::new(1.5, -2.0)), "1.5 - 2.0ε");
/// ```
///
/// Nesting gives higher derivatives: in `Dual<Dual<f64>>` the part `eps.eps` is
/// the second derivative.
///
/// ```
/// use dual::{Dual, Dual64};
/// let x = Dual::new(Dual64::variable(1.0), Dual64::new(1.0, 0.0));
/// let y = x.powi(3) - x * 3.0; // f'' = 6x
/// assert_eq!(y.eps.eps, 6.0);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Dual<T> {
    /// The value.
    pub re: T,
    /// The first-derivative part, the coefficient of `ε`.
    pub eps: T,
}

/// A [`Dual`] over `f64`.
pub type Dual64 = Dual<f64>;
/// A [`Dual`] over `f32`.
pub type Dual32 = Dual<f32>;

impl<T> Dual<T> {
    /// The dual number `re + eps ε`.
    ///
    /// ```
    /// let x = dual::Dual::new(1.0, 2.0);
    /// assert_eq!((x.re, x.eps), (1.0, 2.0));
    /// ```
    #[inline]
    pub const fn new(re: T, eps: T) -> Self {
        Self { re, eps }
    }
}

impl<T: Float> Dual<T> {
    /// The independent variable at `re`: `re + 1 ε`.
    ///
    /// ```
    /// let y = dual::Dual64::variable(3.0).powi(2);
    /// assert_eq!((y.re, y.eps), (9.0, 6.0));
    /// ```
    #[inline]
    pub fn variable(re: T) -> Self {
        Self::new(re, T::one())
    }

    /// A constant: `re + 0 ε`.
    ///
    /// ```
    /// let c = dual::Dual64::constant(3.0);
    /// assert_eq!((c.re, c.eps), (3.0, 0.0));
    /// ```
    #[inline]
    pub fn constant(re: T) -> Self {
        Self::new(re, T::zero())
    }

    /// The chain rule: `f(a + b ε) = f(a) + f'(a) b ε`.
    #[inline(always)]
    fn chain(self, [f0, f1, _]: [T; 3]) -> Self {
        Self::new(f0, f1 * self.eps)
    }

    /// The bivariate chain rule: `f(x, y)` has the part `fx x' + fy y'`.
    #[inline(always)]
    fn chain2(self, y: Self, [f0, fx, fy, ..]: [T; 6]) -> Self {
        Self::new(f0, fx * self.eps + fy * y.eps)
    }
}

impl<T: Float> Components<T> for Dual<T> {
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
        Self::new(re, T::zero())
    }
    #[inline(always)]
    fn map(self, mut f: impl FnMut(T) -> T) -> Self {
        Self::new(f(self.re), f(self.eps))
    }
    #[inline(always)]
    fn zip(self, o: Self, mut f: impl FnMut(T, T) -> T) -> Self {
        Self::new(f(self.re, o.re), f(self.eps, o.eps))
    }
    #[inline(always)]
    fn all(&self, o: &Self, mut f: impl FnMut(&T, &T) -> bool) -> bool {
        f(&self.re, &o.re) && f(&self.eps, &o.eps)
    }
    // (a + a' ε)(b + b' ε) = ab + (a b' + a' b) ε
    #[inline(always)]
    fn mul_rule(self, o: Self) -> Self {
        Self::new(self.re * o.re, self.re * o.eps + self.eps * o.re)
    }
    // (a + a' ε) / (b + b' ε) = a/b + (a' - (a/b) b') / b ε
    #[inline(always)]
    fn div_rule(self, o: Self) -> Self {
        let r = o.re.recip();
        // the value is the primitive quotient, bit for bit
        let q = self.re / o.re;
        Self::new(q, (self.eps - q * o.eps) * r)
    }
}

impl<T: Float + fmt::Display + 'static> fmt::Display for Dual<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::fmt::lead(f, &self.re)?;
        crate::fmt::term(f, &self.eps, "ε")
    }
}

impl_number!(Dual[]);
impl_chain_functions!(Dual[]);
