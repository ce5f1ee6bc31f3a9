//! Truncated Taylor series `c0 + c1 h + ... + cN h^N` along one direction.
//!
//! Arithmetic works on the coefficients with the classic recurrences of
//! automatic differentiation (Griewank & Walther, *Evaluating Derivatives*,
//! ch. 13): every function `y = f(x)` satisfies a linear differential equation
//! such as `y' = y x'` (exp) or `x y' = x'` (ln), and matching the powers of `h`
//! on both sides gives each coefficient of `y` from the lower ones.
//!
//! Cost: a product, a quotient and every elementary function take O(N^2)
//! operations on `T` (a product about N^2 / 2 multiplications; functions that
//! need an auxiliary series such as `1 + x^2` a small multiple of that). Addition
//! and scalar multiplication are O(N). Nothing is exponential in the order.

use crate::elementary::cst;
use crate::{Components, DualNum, Float, FloatConst};
use core::fmt;

/// A truncated Taylor series `c0 + c1 h + c2 h^2 + ... + cN h^N` in a
/// displacement `h`: the value and the first `N` derivatives of a function
/// along one direction, with `c_k = f^(k) / k!`.
///
/// Seed the input with [`Taylor::variable`] (`x + h`) and every derivative up to
/// order `N` comes out of one evaluation, exactly up to rounding; each operation
/// costs O(N^2), so high orders (30 and more) are cheap.
///
/// ```
/// use dual::{DualNum, Taylor64};
///
/// fn f<D: DualNum<f64>>(x: D) -> D {
///     x.exp() / (x.sin().powi(3) + x.cos().powi(3)).sqrt()
/// }
/// let y = f(Taylor64::<4>::variable(1.5));
/// assert_eq!(y.coeff(0), f(1.5));
/// approx::assert_relative_eq!(y.derivative(1), 4.053427893898621, max_relative = 1e-13);
/// approx::assert_relative_eq!(y.derivative(2), 9.463073681596603, max_relative = 1e-13);
///
/// // the exponential at 0: c_k = 1 / k!
/// let e = Taylor64::<5>::variable(0.0).exp();
/// approx::assert_relative_eq!(e.coeff(5), 1.0 / 120.0, max_relative = 1e-15);
/// assert_eq!(format!("{:.2}", Taylor64::<2>::new(1.5, [2.0, -0.5])), "1.50 + 2.00h - 0.50h^2");
/// ```
///
/// The inner scalar may itself be a number type, which mixes derivatives: in
/// `Taylor<Dual64, N>` each coefficient also carries its derivative with respect
/// to a second variable.
///
/// ```
/// use dual::{Dual64, Taylor};
///
/// // f(x, y) = x^3 y along x, differentiated once more in y
/// let x = Taylor::<Dual64, 3>::variable(Dual64::constant(2.0));
/// let y = Taylor::constant(Dual64::variable(5.0));
/// let f = x.powi(3) * y;
/// assert_eq!(f.derivative(3).re, 6.0 * 5.0); // d^3 f / dx^3 = 6 y
/// assert_eq!(f.derivative(2).eps, 6.0 * 2.0); // d^3 f / dx^2 dy = 6 x
/// ```
#[derive(Clone, Copy)]
pub struct Taylor<T, const N: usize> {
    /// The value `c0`.
    c0: T,
    /// The coefficients `c1..=cN`: `higher[k - 1]` is `c_k`.
    higher: [T; N],
}

/// A [`Taylor`] series over `f64`.
pub type Taylor64<const N: usize> = Taylor<f64, N>;
/// A [`Taylor`] series over `f32`.
pub type Taylor32<const N: usize> = Taylor<f32, N>;

impl<T, const N: usize> Taylor<T, N> {
    /// The series `c0 + higher[0] h + higher[1] h^2 + ... + higher[N - 1] h^N`.
    ///
    /// ```
    /// let t = dual::Taylor::new(1.0, [2.0, 3.0]);
    /// assert_eq!((t.coeff(0), t.coeff(1), t.coeff(2)), (1.0, 2.0, 3.0));
    /// ```
    #[inline]
    pub const fn new(c0: T, higher: [T; N]) -> Self {
        Self { c0, higher }
    }
}

impl<T: Float, const N: usize> Taylor<T, N> {
    /// The independent variable at `x`: the series `x + h` (`c1 = 1`), so that
    /// `f(Taylor::variable(x)).derivative(k)` is `f^(k)(x)`.
    ///
    /// ```
    /// let y = dual::Taylor64::<3>::variable(2.0).powi(3);
    /// assert_eq!([y.coeff(0), y.coeff(1), y.coeff(2), y.coeff(3)], [8.0, 12.0, 6.0, 1.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn variable(x: T) -> Self {
        Self::variable_dir(x, T::one())
    }

    /// The line `x + v h` (`c1 = v`): evaluating `f` on it gives the derivatives
    /// of `t -> f(x + v t)`, that is `v^k f^(k)(x)` as [`Taylor::derivative`].
    /// For `f: R^n -> R`, seed the `i`-th input with `variable_dir(x[i], v[i])` to
    /// get the directional derivatives of every order along `v`.
    ///
    /// ```
    /// use dual::Taylor64;
    /// // f(x, y) = x y along (1, 2) from (3, 4): g(t) = (3 + t)(4 + 2t) = 12 + 10 t + 2 t^2
    /// let x = Taylor64::<2>::variable_dir(3.0, 1.0);
    /// let y = Taylor64::<2>::variable_dir(4.0, 2.0);
    /// let g = x * y;
    /// assert_eq!([g.coeff(0), g.coeff(1), g.coeff(2)], [12.0, 10.0, 2.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn variable_dir(x: T, v: T) -> Self {
        let mut higher = [T::zero(); N];
        if let Some(c1) = higher.first_mut() {
            *c1 = v;
        }
        Self::new(x, higher)
    }

    /// A constant: `c0 = x` and every other coefficient zero.
    ///
    /// ```
    /// let c = dual::Taylor64::<2>::constant(3.0);
    /// assert_eq!([c.coeff(0), c.coeff(1), c.coeff(2)], [3.0, 0.0, 0.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn constant(x: T) -> Self {
        Self::new(x, [T::zero(); N])
    }

    /// The Taylor coefficient `c_k = f^(k) / k!`, the coefficient of `h^k`.
    ///
    /// The series is truncated after `h^N`, so for `k > N` this returns zero (the
    /// coefficient is not computed, not known to vanish).
    ///
    /// ```
    /// use dual::Taylor64;
    /// // 1 / (1 - x) = 1 + x + x^2 + ...
    /// let x = Taylor64::<4>::variable(0.0);
    /// let y = (1.0 - x).recip();
    /// assert_eq!(y.coeff(4), 1.0);
    /// assert_eq!(y.coeff(5), 0.0); // beyond the truncation order
    /// ```
    #[inline]
    #[must_use]
    pub fn coeff(&self, k: usize) -> T {
        if k == 0 {
            self.c0
        } else {
            self.higher.get(k - 1).copied().unwrap_or_else(T::zero)
        }
    }

    /// The `k`-th derivative `k! c_k` (along the seeded direction).
    ///
    /// For `k > N` this returns zero: the series does not carry that order.
    ///
    /// ```
    /// use dual::Taylor64;
    /// let x = 0.7_f64;
    /// let y = Taylor64::<6>::variable(x).sin();
    /// // the 6th derivative of sin is -sin
    /// approx::assert_relative_eq!(y.derivative(6), -x.sin(), max_relative = 1e-14);
    /// approx::assert_relative_eq!(y.derivative(3), -x.cos(), max_relative = 1e-14);
    /// assert_eq!(y.derivative(7), 0.0);
    /// ```
    #[inline]
    #[must_use]
    pub fn derivative(&self, k: usize) -> T {
        let mut factorial = T::one();
        for i in 2..=k {
            factorial = factorial * num(i);
        }
        self.coeff(k) * factorial
    }

    /// The coefficients `c0, c1, ..., cN` in order (`N + 1` of them).
    ///
    /// ```
    /// let t = dual::Taylor64::<3>::variable(0.0).exp();
    /// let c: Vec<f64> = t.coeffs().collect();
    /// assert_eq!(c, [1.0, 1.0, 0.5, 1.0 / 6.0]);
    /// ```
    #[inline]
    pub fn coeffs(&self) -> impl Iterator<Item = T> + use<T, N> {
        core::iter::once(self.c0).chain(self.higher)
    }

    /// The truncated polynomial at a displacement: `c0 + c1 h + ... + cN h^N`
    /// (Horner's scheme), the Taylor model of order `N` of `f(x + h)`.
    ///
    /// ```
    /// use dual::Taylor64;
    /// let t = Taylor64::<12>::variable(0.0).exp();
    /// approx::assert_relative_eq!(t.eval(0.5), 0.5_f64.exp(), max_relative = 1e-12);
    /// assert_eq!(Taylor64::<2>::new(1.0, [2.0, 3.0]).eval(2.0), 1.0 + 4.0 + 12.0);
    /// ```
    #[inline]
    #[must_use]
    pub fn eval(&self, h: T) -> T {
        self.higher
            .iter()
            .rev()
            .fold(T::zero(), |acc, &c| (acc + c) * h)
            + self.c0
    }

    // ---- private helpers for the recurrences ----

    /// The coefficient `c_k` for `k <= N`.
    #[inline(always)]
    fn at(&self, k: usize) -> T {
        if k == 0 { self.c0 } else { self.higher[k - 1] }
    }

    /// Sets the coefficient `c_k` for `k <= N`.
    #[inline(always)]
    fn set(&mut self, k: usize, v: T) {
        if k == 0 {
            self.c0 = v;
        } else {
            self.higher[k - 1] = v;
        }
    }

    /// `Σ_{j=lo}^{hi} a_j b_{k-j}`, one term of a Cauchy product, for `k >= 1`,
    /// `lo` 0 or 1 and `hi` `k - 1` or `k`. The terms with `0 < j < k` run over
    /// the two coefficient slices without branches.
    #[inline(always)]
    fn conv(a: &Self, b: &Self, k: usize, lo: usize, hi: usize) -> T {
        let mut s = if lo == 0 {
            a.c0 * b.higher[k - 1]
        } else {
            T::zero()
        };
        let to = hi.min(k - 1);
        let (aa, bb) = (&a.higher[..to], &b.higher[k - 1 - to..k - 1]);
        for (&x, &y) in aa.iter().zip(bb.iter().rev()) {
            s = s + x * y;
        }
        if hi == k {
            s = s + a.higher[k - 1] * b.c0;
        }
        s
    }

    /// The scaled derivative series: `c_k -> k c_k` (the coefficients of `h x'`).
    #[inline(always)]
    fn scaled(self) -> Self {
        let mut d = self;
        d.c0 = T::zero();
        for k in 2..=N {
            d.set(k, d.at(k) * num(k));
        }
        d
    }

    /// `y` with `y(0) = y0` and `y' = y a'`.
    // k y_k = Σ_{j=1}^{k} (j a_j) y_{k-j}
    #[inline]
    fn exp_ode(self, y0: T) -> Self {
        let a = self.scaled();
        let mut y = Self::constant(y0);
        for k in 1..=N {
            y.set(k, Self::conv(&a, &y, k, 1, k) / num(k));
        }
        y
    }

    /// `y` with `y(0) = y0` and `d y' = x'` (`d0 != 0`).
    // k d0 y_k = k x_k - Σ_{j=1}^{k-1} (j y_j) d_{k-j}
    #[inline]
    fn ratio_ode(self, y0: T, d: Self) -> Self {
        let xs = self.scaled();
        let mut ys = Self::constant(T::zero());
        let mut y = Self::constant(y0);
        for k in 1..=N {
            let yk = (xs.at(k) - Self::conv(&ys, &d, k, 1, k - 1)) / (d.c0 * num(k));
            y.set(k, yk);
            ys.set(k, yk * num(k));
        }
        y
    }

    /// `y = x^r` with `y(0) = y0` for `x0 != 0` (from `x y' = r x' y`).
    // k x0 y_k = Σ_{j=1}^{k} (r j - (k - j)) x_j y_{k-j}
    #[inline]
    fn power_ode(self, y0: T, r: T) -> Self {
        let mut y = Self::constant(y0);
        for k in 1..=N {
            let s = (1..=k).fold(T::zero(), |s, j| {
                s + (r * num(j) - num(k - j)) * self.at(j) * y.at(k - j)
            });
            y.set(k, s / (self.c0 * num(k)));
        }
        y
    }

    /// `x^r` for a non-integer `r` at `x0 = 0`: the coefficients below order `r`
    /// vanish, the others are those of the leading term `binom(r, k) 0^(r-k) x1^k`
    /// (infinite, or NaN for `x1 = 0`), as the power rule gives for `f64`.
    #[inline]
    fn power_at_zero(self, r: T) -> Self {
        let x0 = self.c0;
        let mut y = Self::constant(x0.powf(r));
        let mut binom = T::one();
        let mut x1k = T::one();
        let x1 = self.at(1.min(N));
        for k in 1..=N {
            let kf = num(k);
            binom = binom * (r - kf + T::one()) / kf;
            x1k = x1k * x1;
            if kf < r {
                y.set(k, T::zero());
            } else {
                y.set(k, binom * x0.powf(r - kf) * x1k);
            }
        }
        y
    }

    /// `1 - x^2` with the value `(1 - x0)(1 + x0)`, accurate near `|x0| = 1`.
    #[inline]
    fn one_minus_sq(self) -> Self {
        let x0 = self.c0;
        (-self.mul_rule(self)).with_real((T::one() - x0) * (T::one() + x0))
    }

    /// The hyperbolic sine and cosine together.
    // k s_k = Σ_{j=1}^{k} (j x_j) c_{k-j},  k c_k = Σ_{j=1}^{k} (j x_j) s_{k-j}
    #[inline]
    fn sinh_cosh(self) -> (Self, Self) {
        let xs = self.scaled();
        let mut s = Self::constant(self.c0.sinh());
        let mut c = Self::constant(self.c0.cosh());
        for k in 1..=N {
            let sk = Self::conv(&xs, &c, k, 1, k) / num(k);
            let ck = Self::conv(&xs, &s, k, 1, k) / num(k);
            s.set(k, sk);
            c.set(k, ck);
        }
        (s, c)
    }

    /// `y` with `y(0) = y0` and `y' = w x'` where `w = 1 + sign y^2`
    /// (`tan` for `sign = 1`, `tanh` for `sign = -1`); `w0` is passed in for accuracy.
    // k y_k = Σ_{j=1}^{k} (j x_j) w_{k-j},  w_k = sign Σ_{i=0}^{k} y_i y_{k-i}  (k >= 1)
    #[inline]
    fn tan_ode(self, y0: T, w0: T, sign: T) -> Self {
        let xs = self.scaled();
        let mut y = Self::constant(y0);
        let mut w = Self::constant(w0);
        for k in 1..=N {
            y.set(k, Self::conv(&xs, &w, k, 1, k) / num(k));
            w.set(k, sign * Self::conv(&y, &y, k, 0, k));
        }
        y
    }
}

/// The integer `k` as a `T`.
#[inline(always)]
fn num<T: Float>(k: usize) -> T {
    cst(k as f64)
}

impl<T: Float, const N: usize> Taylor<T, N> {
    /// The exponential e^x.
    ///
    /// ```
    /// let y = dual::Taylor64::<4>::variable(0.0).exp();
    /// approx::assert_relative_eq!(y.coeff(4), 1.0 / 24.0, max_relative = 1e-15);
    /// ```
    // y' = y x'
    #[inline]
    #[must_use]
    pub fn exp(self) -> Self {
        self.exp_ode(self.c0.exp())
    }

    /// 2^x.
    ///
    /// ```
    /// let y = dual::Taylor64::<2>::variable(3.0).exp2();
    /// let l = std::f64::consts::LN_2;
    /// approx::assert_relative_eq!(y.derivative(2), 8.0 * l * l, max_relative = 1e-15);
    /// ```
    // y' = y (x ln 2)'
    #[inline]
    #[must_use]
    pub fn exp2(self) -> Self {
        self.map(|c| c * cst(core::f64::consts::LN_2))
            .exp_ode(self.c0.exp2())
    }

    /// e^x - 1, with the value from `exp_m1` for accuracy near 0.
    ///
    /// ```
    /// let y = dual::Taylor64::<2>::variable(1e-10).exp_m1();
    /// approx::assert_relative_eq!(y.coeff(0), 1e-10, max_relative = 1e-9);
    /// approx::assert_relative_eq!(y.coeff(2), 0.5, max_relative = 1e-9);
    /// ```
    // the series of e^x with c0 replaced by e^x0 - 1
    #[inline]
    #[must_use]
    pub fn exp_m1(self) -> Self {
        self.exp().with_real(self.c0.exp_m1())
    }

    /// The natural logarithm.
    ///
    /// # Derivatives
    /// At `x0 = 0` the value is `-inf` and the recurrence divides by zero: the
    /// other coefficients are infinite or NaN. For `x0 < 0` everything is NaN.
    ///
    /// ```
    /// // ln(1 + h) = h - h^2/2 + h^3/3 - ...
    /// let y = dual::Taylor64::<3>::variable(1.0).ln();
    /// assert_eq!([y.coeff(0), y.coeff(1), y.coeff(2), y.coeff(3)], [0.0, 1.0, -0.5, 1.0 / 3.0]);
    /// ```
    // x y' = x'
    #[inline]
    #[must_use]
    pub fn ln(self) -> Self {
        self.ratio_ode(self.c0.ln(), self)
    }

    /// ln(1 + x), with the value from `ln_1p` for accuracy near 0.
    ///
    /// # Derivatives
    /// As for [`Taylor::ln`] at `x0 = -1`.
    ///
    /// ```
    /// let y = dual::Taylor64::<2>::variable(0.0).ln_1p();
    /// assert_eq!([y.coeff(0), y.coeff(1), y.coeff(2)], [0.0, 1.0, -0.5]);
    /// ```
    // (1 + x) y' = x'
    #[inline]
    #[must_use]
    pub fn ln_1p(self) -> Self {
        let d = self.with_real(T::one() + self.c0);
        self.ratio_ode(self.c0.ln_1p(), d)
    }

    /// The base-2 logarithm.
    ///
    /// # Derivatives
    /// As for [`Taylor::ln`] at 0.
    ///
    /// ```
    /// let y = dual::Taylor64::<1>::variable(8.0).log2();
    /// approx::assert_relative_eq!(y.coeff(1), 1.0 / (8.0 * std::f64::consts::LN_2), max_relative = 1e-15);
    /// ```
    // (x ln 2) y' = x'
    #[inline]
    #[must_use]
    pub fn log2(self) -> Self {
        let d = self.map(|c| c * cst(core::f64::consts::LN_2));
        self.ratio_ode(self.c0.log2(), d)
    }

    /// The base-10 logarithm.
    ///
    /// # Derivatives
    /// As for [`Taylor::ln`] at 0.
    ///
    /// ```
    /// let y = dual::Taylor64::<1>::variable(100.0).log10();
    /// approx::assert_relative_eq!(y.coeff(1), 1.0 / (100.0 * std::f64::consts::LN_10), max_relative = 1e-15);
    /// ```
    // (x ln 10) y' = x'
    #[inline]
    #[must_use]
    pub fn log10(self) -> Self {
        let d = self.map(|c| c * cst(core::f64::consts::LN_10));
        self.ratio_ode(self.c0.log10(), d)
    }

    /// The square root.
    ///
    /// # Derivatives
    /// At `x0 = 0` the function is not differentiable: `c0 = 0` and the other
    /// coefficients are infinite (NaN for a zero direction `c1 = 0`), matching
    /// `sqrt'(0) = inf` of the other number types. For `x0 < 0` everything is NaN.
    ///
    /// ```
    /// // sqrt(4 + h) = 2 + h/4 - h^2/64 + ...
    /// let y = dual::Taylor64::<2>::variable(4.0).sqrt();
    /// assert_eq!([y.coeff(0), y.coeff(1), y.coeff(2)], [2.0, 0.25, -1.0 / 64.0]);
    /// ```
    // y^2 = x:  2 y0 y_k = x_k - Σ_{j=1}^{k-1} y_j y_{k-j}
    #[inline]
    #[must_use]
    pub fn sqrt(self) -> Self {
        if self.c0 == T::zero() {
            return self.power_at_zero(cst(0.5));
        }
        let mut y = Self::constant(self.c0.sqrt());
        let two_y0 = y.c0 + y.c0;
        for k in 1..=N {
            y.set(k, (self.at(k) - Self::conv(&y, &y, k, 1, k - 1)) / two_y0);
        }
        y
    }

    /// The cube root, real for negative values (`cbrt(x) = -cbrt(-x)`).
    ///
    /// # Derivatives
    /// At `x0 = 0` the coefficients from order 1 on are infinite (NaN for a zero
    /// direction), like `cbrt'(0) = inf`.
    ///
    /// ```
    /// // cbrt(-8 + h) = -2 + h/12 + ...
    /// let y = dual::Taylor64::<1>::variable(-8.0).cbrt();
    /// approx::assert_relative_eq!(y.coeff(0), -2.0);
    /// approx::assert_relative_eq!(y.coeff(1), 1.0 / 12.0, max_relative = 1e-15);
    /// ```
    // x y' = y x' / 3 (the power recurrence with r = 1/3), which holds for the
    // odd real cube root on both sides of 0, so it equals -cbrt(-x) for x0 < 0
    #[inline]
    #[must_use]
    pub fn cbrt(self) -> Self {
        let third = cst::<T>(1.0 / 3.0);
        if self.c0 == T::zero() {
            return self.power_at_zero(third);
        }
        self.power_ode(self.c0.cbrt(), third)
    }

    /// The reciprocal 1/x.
    ///
    /// # Derivatives
    /// At `x0 = 0` the coefficients are infinite or NaN, as for `f64`.
    ///
    /// ```
    /// // 1 / (2 + h) = 1/2 - h/4 + h^2/8
    /// let y = dual::Taylor64::<2>::variable(2.0).recip();
    /// assert_eq!([y.coeff(0), y.coeff(1), y.coeff(2)], [0.5, -0.25, 0.125]);
    /// ```
    // x r = 1:  r_k = -(Σ_{j=1}^{k} x_j r_{k-j}) / x0
    #[inline]
    #[must_use]
    pub fn recip(self) -> Self {
        let mut r = Self::constant(self.c0.recip());
        for k in 1..=N {
            r.set(k, -Self::conv(&self, &r, k, 1, k) / self.c0);
        }
        r
    }

    /// The sine and cosine together (one recurrence gives both).
    ///
    /// ```
    /// let (s, c) = dual::Taylor64::<3>::variable(0.0).sin_cos();
    /// assert_eq!([s.coeff(1), s.coeff(3)], [1.0, -1.0 / 6.0]);
    /// assert_eq!([c.coeff(0), c.coeff(2)], [1.0, -0.5]);
    /// ```
    // s' = c x', c' = -s x':  k s_k = Σ_{j=1}^{k} (j x_j) c_{k-j},  k c_k = -Σ_{j=1}^{k} (j x_j) s_{k-j}
    #[inline]
    #[must_use]
    pub fn sin_cos(self) -> (Self, Self) {
        let xs = self.scaled();
        let (s0, c0) = self.c0.sin_cos();
        let mut s = Self::constant(s0);
        let mut c = Self::constant(c0);
        for k in 1..=N {
            let sk = Self::conv(&xs, &c, k, 1, k) / num(k);
            let ck = -Self::conv(&xs, &s, k, 1, k) / num(k);
            s.set(k, sk);
            c.set(k, ck);
        }
        (s, c)
    }

    /// The sine.
    ///
    /// ```
    /// let y = dual::Taylor64::<5>::variable(0.0).sin();
    /// approx::assert_relative_eq!(y.coeff(5), 1.0 / 120.0, max_relative = 1e-15);
    /// ```
    // see sin_cos
    #[inline]
    #[must_use]
    pub fn sin(self) -> Self {
        self.sin_cos().0
    }

    /// The cosine.
    ///
    /// ```
    /// let y = dual::Taylor64::<4>::variable(0.0).cos();
    /// approx::assert_relative_eq!(y.coeff(4), 1.0 / 24.0, max_relative = 1e-15);
    /// ```
    // see sin_cos
    #[inline]
    #[must_use]
    pub fn cos(self) -> Self {
        self.sin_cos().1
    }

    /// The tangent.
    ///
    /// ```
    /// // tan x = x + x^3/3 + 2 x^5/15 + ...
    /// let y = dual::Taylor64::<5>::variable(0.0).tan();
    /// approx::assert_relative_eq!(y.coeff(3), 1.0 / 3.0, max_relative = 1e-15);
    /// approx::assert_relative_eq!(y.coeff(5), 2.0 / 15.0, max_relative = 1e-15);
    /// ```
    // y' = (1 + y^2) x'
    #[inline]
    #[must_use]
    pub fn tan(self) -> Self {
        let t = self.c0.tan();
        self.tan_ode(t, T::one() + t * t, T::one())
    }

    /// The arcsine.
    ///
    /// # Derivatives
    /// At `x0 = ±1` the coefficients from order 1 on are infinite or NaN; for
    /// `|x0| > 1` everything is NaN.
    ///
    /// ```
    /// let y = dual::Taylor64::<3>::variable(0.0).asin(); // x + x^3/6 + ...
    /// approx::assert_relative_eq!(y.coeff(3), 1.0 / 6.0, max_relative = 1e-15);
    /// ```
    // sqrt(1 - x^2) y' = x'
    #[inline]
    #[must_use]
    pub fn asin(self) -> Self {
        self.ratio_ode(self.c0.asin(), self.one_minus_sq().sqrt())
    }

    /// The arccosine.
    ///
    /// # Derivatives
    /// As for [`Taylor::asin`].
    ///
    /// ```
    /// let y = dual::Taylor64::<3>::variable(0.0).acos(); // pi/2 - x - x^3/6 - ...
    /// approx::assert_relative_eq!(y.coeff(0), std::f64::consts::FRAC_PI_2);
    /// approx::assert_relative_eq!(y.coeff(3), -1.0 / 6.0, max_relative = 1e-15);
    /// ```
    // sqrt(1 - x^2) y' = -x'
    #[inline]
    #[must_use]
    pub fn acos(self) -> Self {
        (-self).ratio_ode(self.c0.acos(), self.one_minus_sq().sqrt())
    }

    /// The arctangent.
    ///
    /// ```
    /// let y = dual::Taylor64::<5>::variable(0.0).atan(); // x - x^3/3 + x^5/5
    /// approx::assert_relative_eq!(y.coeff(5), 0.2, max_relative = 1e-15);
    /// ```
    // (1 + x^2) y' = x'
    #[inline]
    #[must_use]
    pub fn atan(self) -> Self {
        let d = self.mul_rule(self);
        self.ratio_ode(self.c0.atan(), d.with_real(T::one() + d.c0))
    }

    /// The hyperbolic sine.
    ///
    /// ```
    /// let y = dual::Taylor64::<3>::variable(0.0).sinh();
    /// approx::assert_relative_eq!(y.coeff(3), 1.0 / 6.0, max_relative = 1e-15);
    /// ```
    // s' = c x', c' = s x'
    #[inline]
    #[must_use]
    pub fn sinh(self) -> Self {
        self.sinh_cosh().0
    }

    /// The hyperbolic cosine.
    ///
    /// ```
    /// let y = dual::Taylor64::<2>::variable(0.0).cosh();
    /// assert_eq!([y.coeff(0), y.coeff(2)], [1.0, 0.5]);
    /// ```
    // s' = c x', c' = s x'
    #[inline]
    #[must_use]
    pub fn cosh(self) -> Self {
        self.sinh_cosh().1
    }

    /// The hyperbolic tangent.
    ///
    /// ```
    /// let y = dual::Taylor64::<3>::variable(0.0).tanh(); // x - x^3/3 + ...
    /// approx::assert_relative_eq!(y.coeff(3), -1.0 / 3.0, max_relative = 1e-15);
    /// ```
    // y' = (1 - y^2) x', with the leading 1 - y0^2 as 1 / cosh^2 x0 (no cancellation for large |x0|)
    #[inline]
    #[must_use]
    pub fn tanh(self) -> Self {
        let c = self.c0.cosh();
        self.tan_ode(self.c0.tanh(), (c * c).recip(), -T::one())
    }

    /// The inverse hyperbolic sine.
    ///
    /// ```
    /// let y = dual::Taylor64::<3>::variable(0.0).asinh(); // x - x^3/6 + ...
    /// approx::assert_relative_eq!(y.coeff(3), -1.0 / 6.0, max_relative = 1e-15);
    /// ```
    // sqrt(1 + x^2) y' = x'
    #[inline]
    #[must_use]
    pub fn asinh(self) -> Self {
        let d = self.mul_rule(self);
        self.ratio_ode(self.c0.asinh(), d.with_real(T::one() + d.c0).sqrt())
    }

    /// The inverse hyperbolic cosine.
    ///
    /// # Derivatives
    /// At `x0 = 1` the coefficients from order 1 on are infinite or NaN; below 1
    /// everything is NaN.
    ///
    /// ```
    /// let y = dual::Taylor64::<1>::variable(2.0).acosh();
    /// approx::assert_relative_eq!(y.coeff(1), 1.0 / 3.0_f64.sqrt(), max_relative = 1e-15);
    /// ```
    // sqrt(x^2 - 1) y' = x'
    #[inline]
    #[must_use]
    pub fn acosh(self) -> Self {
        let x0 = self.c0;
        let d = self
            .mul_rule(self)
            .with_real((x0 - T::one()) * (x0 + T::one()));
        self.ratio_ode(x0.acosh(), d.sqrt())
    }

    /// The inverse hyperbolic tangent.
    ///
    /// # Derivatives
    /// At `x0 = ±1` the value is infinite and so are the other coefficients (or NaN).
    ///
    /// ```
    /// let y = dual::Taylor64::<3>::variable(0.0).atanh(); // x + x^3/3 + ...
    /// approx::assert_relative_eq!(y.coeff(3), 1.0 / 3.0, max_relative = 1e-15);
    /// ```
    // (1 - x^2) y' = x'
    #[inline]
    #[must_use]
    pub fn atanh(self) -> Self {
        self.ratio_ode(self.c0.atanh(), self.one_minus_sq())
    }

    /// The absolute value.
    ///
    /// # Derivatives
    /// The series is negated when the value is negative and kept otherwise,
    /// including at 0 (derivative +1, as for the program `if x < 0 { -x } else { x }`).
    ///
    /// ```
    /// let y = dual::Taylor64::<1>::variable(-2.0).abs();
    /// assert_eq!([y.coeff(0), y.coeff(1)], [2.0, -1.0]);
    /// ```
    // |x| = -x for x0 < 0, x otherwise
    #[inline]
    #[must_use]
    pub fn abs(self) -> Self {
        let y = if self.c0 < T::zero() { -self } else { self };
        y.with_real(self.c0.abs())
    }

    /// The sign of the value (1 for +0.0, -1 for -0.0), a constant.
    ///
    /// # Derivatives
    /// Zero: the function is piecewise constant.
    ///
    /// ```
    /// let y = dual::Taylor64::<1>::variable(-2.0).signum();
    /// assert_eq!([y.coeff(0), y.coeff(1)], [-1.0, 0.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn signum(self) -> Self {
        Self::constant(self.c0.signum())
    }

    /// Rounds the value down, a constant.
    ///
    /// # Derivatives
    /// Zero everywhere, also at the jumps.
    ///
    /// ```
    /// let y = dual::Taylor64::<1>::variable(2.5).floor();
    /// assert_eq!([y.coeff(0), y.coeff(1)], [2.0, 0.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn floor(self) -> Self {
        Self::constant(self.c0.floor())
    }

    /// Rounds the value up, a constant.
    ///
    /// # Derivatives
    /// Zero everywhere, also at the jumps.
    ///
    /// ```
    /// let y = dual::Taylor64::<1>::variable(2.5).ceil();
    /// assert_eq!([y.coeff(0), y.coeff(1)], [3.0, 0.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn ceil(self) -> Self {
        Self::constant(self.c0.ceil())
    }

    /// Rounds the value to the nearest integer (half away from zero), a constant.
    ///
    /// # Derivatives
    /// Zero everywhere, also at the jumps.
    ///
    /// ```
    /// let y = dual::Taylor64::<1>::variable(-2.5).round();
    /// assert_eq!([y.coeff(0), y.coeff(1)], [-3.0, 0.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn round(self) -> Self {
        Self::constant(self.c0.round())
    }

    /// Rounds the value towards zero, a constant.
    ///
    /// # Derivatives
    /// Zero everywhere, also at the jumps.
    ///
    /// ```
    /// let y = dual::Taylor64::<1>::variable(-2.5).trunc();
    /// assert_eq!([y.coeff(0), y.coeff(1)], [-2.0, 0.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn trunc(self) -> Self {
        Self::constant(self.c0.trunc())
    }

    /// The fractional part `x - trunc(x0)`.
    ///
    /// # Derivatives
    /// Those of `x`: one for the first, also at the jumps.
    ///
    /// ```
    /// let y = dual::Taylor64::<1>::variable(-2.25).fract();
    /// assert_eq!([y.coeff(0), y.coeff(1)], [-0.25, 1.0]);
    /// ```
    // x - trunc(x0): only c0 changes
    #[inline]
    #[must_use]
    pub fn fract(self) -> Self {
        self.with_real(self.c0.fract())
    }

    /// `x^n` for an integer `n`, by binary powering with the Cauchy product
    /// (O(N^2 log |n|)); negative exponents through the reciprocal.
    ///
    /// # Derivatives
    /// Exact at `x0 = 0` and for negative bases (only products are involved);
    /// `n = 0` gives the constant 1, like `f64::powi`. At `x0 = 0` a negative
    /// exponent gives infinite or NaN coefficients.
    ///
    /// ```
    /// // (-1 + h)^3 = -1 + 3h - 3h^2 + h^3
    /// let y = dual::Taylor64::<3>::variable(-1.0).powi(3);
    /// assert_eq!([y.coeff(0), y.coeff(1), y.coeff(2), y.coeff(3)], [-1.0, 3.0, -3.0, 1.0]);
    /// ```
    // x^(2m) = (x^m)^2, x^(2m+1) = x (x^m)^2
    #[inline]
    #[must_use]
    pub fn powi(self, n: i32) -> Self {
        let mut base = if n < 0 { self.recip() } else { self };
        let mut e = n.unsigned_abs();
        let mut acc = Self::constant(T::one());
        while e > 0 {
            if e & 1 == 1 {
                acc = acc.mul_rule(base);
            }
            e >>= 1;
            if e > 0 {
                base = base.mul_rule(base);
            }
        }
        acc.with_real(self.c0.powi(n))
    }

    /// `x^r` for a constant real exponent `r`.
    ///
    /// # Derivatives
    /// For a positive base the power recurrence is used (it keeps the inner
    /// derivatives of a nested exponent `r`). For a base `<= 0` an integer `r`
    /// (that fits an `i32`) goes through [`Taylor::powi`], exact at 0 and for
    /// negative bases (the exponent is then taken as the constant integer, as
    /// `powf` documents). For a non-integer `r` at `x0 = 0` the coefficients
    /// below order `r` are 0 and those above are infinite (NaN for a zero
    /// direction); for a negative base everything is NaN.
    // x y' = r x' y
    #[inline]
    pub(crate) fn powf_re(self, r: T) -> Self {
        if self.c0 > T::zero() {
            return self.power_ode(self.c0.powf(r), r);
        }
        if r.fract() == T::zero() && r.abs() <= cst(f64::from(i32::MAX)) {
            if let Some(n) = r.to_i32() {
                return self.powi(n);
            }
        }
        if self.c0 == T::zero() {
            return self.power_at_zero(r);
        }
        self.power_ode(self.c0.powf(r), r)
    }
}

impl<T: Float, const N: usize> Components<T> for Taylor<T, N> {
    #[inline(always)]
    fn real(&self) -> T {
        self.c0
    }
    #[inline(always)]
    fn with_real(self, re: T) -> Self {
        Self::new(re, self.higher)
    }
    #[inline(always)]
    fn constant(re: T) -> Self {
        Self::new(re, [T::zero(); N])
    }
    #[inline(always)]
    fn map(self, mut f: impl FnMut(T) -> T) -> Self {
        Self::new(f(self.c0), self.higher.map(f))
    }
    #[inline(always)]
    fn zip(self, o: Self, mut f: impl FnMut(T, T) -> T) -> Self {
        let mut higher = self.higher;
        for (c, oc) in higher.iter_mut().zip(o.higher) {
            *c = f(*c, oc);
        }
        Self::new(f(self.c0, o.c0), higher)
    }
    #[inline(always)]
    fn all(&self, o: &Self, mut f: impl FnMut(&T, &T) -> bool) -> bool {
        f(&self.c0, &o.c0) && self.higher.iter().zip(&o.higher).all(|(a, b)| f(a, b))
    }
    // (a b)_k = Σ_{j=0}^{k} a_j b_{k-j}, truncated after h^N
    #[inline]
    fn mul_rule(self, o: Self) -> Self {
        let mut p = Self::constant(self.c0 * o.c0);
        for k in 1..=N {
            p.set(k, Self::conv(&self, &o, k, 0, k));
        }
        p
    }
    // q = a / b, from b q = a:  q_k = (a_k - Σ_{j=0}^{k-1} q_j b_{k-j}) / b0
    #[inline]
    fn div_rule(self, o: Self) -> Self {
        let mut q = Self::constant(self.c0 / o.c0);
        for k in 1..=N {
            q.set(k, (self.at(k) - Self::conv(&q, &o, k, 0, k - 1)) / o.c0);
        }
        q
    }
}

impl<T: fmt::Debug, const N: usize> fmt::Debug for Taylor<T, N> {
    /// `Taylor([c0, c1, ..., cN])`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Coeffs<'a, T, const N: usize>(&'a Taylor<T, N>);
        impl<T: fmt::Debug, const N: usize> fmt::Debug for Coeffs<'_, T, N> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list()
                    .entry(&self.0.c0)
                    .entries(self.0.higher.iter())
                    .finish()
            }
        }
        f.debug_tuple("Taylor").field(&Coeffs(self)).finish()
    }
}

impl<T: Float + fmt::Display + 'static, const N: usize> fmt::Display for Taylor<T, N> {
    /// The polynomial in the displacement `h`: `1.5 + 2h + 0.5h^2`; precision
    /// flags apply to every coefficient.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::fmt::lead(f, &self.c0)?;
        for (i, c) in self.higher.iter().enumerate() {
            if i == 0 {
                crate::fmt::term(f, c, "h")?;
            } else {
                crate::fmt::term(f, c, "h^")?;
                write!(f, "{}", i + 1)?;
            }
        }
        Ok(())
    }
}

impl_number!(Taylor[N]);
