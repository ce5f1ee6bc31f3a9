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
//!
//! Up to order 8 every recurrence is written out step by step (`each_order!`),
//! so that it compiles to straight-line code with constant indices; divisions
//! by `k` and by a leading coefficient are multiplications by the reciprocal
//! (computed once) wherever that is finite. Measurements against num-dual:
//! `docs/benchmarks-taylor.md`.

use crate::elementary::cst;
use crate::{Components, DualNum, Float, FloatConst};
use core::fmt;

/// Runs `$body` for each order `$k = 1, 2, ..., $n` in turn. Up to order 8
/// the steps are written out one by one with a literal `$k`, so that after
/// monomorphisation every index and inner trip count in the body is a constant:
/// the compiler unrolls the whole recurrence into straight-line code and the
/// steps beyond `$n` fold away. Above order 8 it is an ordinary loop.
macro_rules! each_order {
    ($n:expr, |$k:ident| $body:block) => {
        if $n <= 8 {
            each_order!(@steps $n, $k, $body, 1 2 3 4 5 6 7 8);
        } else {
            for $k in 1..=$n $body
        }
    };
    (@steps $n:expr, $k:ident, $body:block, $($lit:literal)*) => {
        $(
            if $lit <= $n {
                let $k: usize = $lit;
                $body
            }
        )*
    };
}

/// Evaluates `$body` with `$div` a closure that divides by `$d`: as the
/// multiplication by `1 / $d` where that is finite (one division for a whole
/// recurrence instead of one per coefficient, at the cost of one more
/// rounding), and as the division itself where it is not (`1 / d` overflows
/// for subnormal `d`, and `0 * inf` would turn the exact zero coefficients of
/// a constant into NaN where `0 / d = 0`). The body is written out once per
/// case, so the recurrence itself has no branch.
macro_rules! divided_by {
    ($d:expr, |$div:ident| $body:expr) => {{
        let d = $d;
        let r = d.recip();
        if r.is_finite() {
            let $div = |v| v * r;
            $body
        } else {
            let $div = |v| v / d;
            $body
        }
    }};
}

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
    /// For `k > N` this returns zero (at once, for every `k`): the series does
    /// not carry that order. `k!` overflows `f64` from `k = 171` on; it is
    /// applied in pieces that stay finite, so the derivative is finite wherever
    /// `k! c_k` is (and `±inf` only where that overflows).
    ///
    /// ```
    /// use dual::Taylor64;
    /// let x = 0.7_f64;
    /// let y = Taylor64::<6>::variable(x).sin();
    /// // the 6th derivative of sin is -sin
    /// approx::assert_relative_eq!(y.derivative(6), -x.sin(), max_relative = 1e-14);
    /// approx::assert_relative_eq!(y.derivative(3), -x.cos(), max_relative = 1e-14);
    /// assert_eq!(y.derivative(7), 0.0);
    /// assert_eq!(y.derivative(usize::MAX), 0.0);
    /// ```
    // |c_k| times a growing partial product of 2..=k never exceeds |k! c_k|, so
    // when a partial factorial would overflow it is multiplied into the result
    // and a new one started; up to k = 170 (f64) this is c_k k! as one product
    #[inline]
    #[must_use]
    pub fn derivative(&self, k: usize) -> T {
        if k > N {
            return T::zero();
        }
        let mut y = self.coeff(k);
        let mut factorial = T::one();
        for i in 2..=k {
            let next = factorial * num(i);
            if next.is_finite() {
                factorial = next;
            } else {
                y = y * factorial;
                factorial = num(i);
            }
        }
        y * factorial
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

    /// Whether every coefficient but the value is an exact zero.
    #[inline]
    pub(crate) fn is_constant(&self) -> bool {
        self.higher.iter().all(|c| *c == T::zero())
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
    /// the two coefficient slices without branches. The sum starts from its
    /// first term, not from `0 + ...` (which the compiler may not drop, for
    /// `-0.0 + 0.0` is `+0.0`); an empty sum is zero.
    #[inline(always)]
    fn conv(a: &Self, b: &Self, k: usize, lo: usize, hi: usize) -> T {
        let to = hi.min(k - 1);
        let (aa, bb) = (&a.higher[..to], &b.higher[k - 1 - to..k - 1]);
        let mut middle = aa.iter().zip(bb.iter().rev()).map(|(&x, &y)| x * y);
        let last = (hi == k).then(|| a.higher[k - 1] * b.c0);
        let first = if lo == 0 {
            Some(a.c0 * b.higher[k - 1])
        } else {
            middle.next()
        };
        let Some(mut s) = first else {
            return last.unwrap_or_else(T::zero);
        };
        for t in middle {
            s = s + t;
        }
        if let Some(t) = last {
            s = s + t;
        }
        s
    }

    /// `Σ_{j=1}^{k} (r j - (k - j)) a_j b_{k-j}`, the sum of the power
    /// recurrence (`k >= 1`), from its first term.
    #[inline(always)]
    fn power_sum(a: &Self, b: &Self, r: T, k: usize) -> T {
        let mut s = (r - num(k - 1)) * a.at(1) * b.at(k - 1);
        for j in 2..=k {
            s = s + (r * num(j) - num(k - j)) * a.at(j) * b.at(k - j);
        }
        s
    }

    /// `Σ_{j=0}^{k} a_j a_{k-j}`, the coefficient `k >= 1` of `a^2`, from the
    /// `⌈(k+1)/2⌉` distinct products (each off-diagonal one doubled).
    #[inline(always)]
    fn conv_sq(a: &Self, k: usize) -> T {
        let half = k.div_ceil(2); // the pairs j < k - j
        let mut s = a.c0 * a.higher[k - 1];
        let (lo, hi) = (&a.higher[..half - 1], &a.higher[k - half..k - 1]);
        for (&x, &y) in lo.iter().zip(hi.iter().rev()) {
            s = s + x * y;
        }
        s = s + s;
        if k % 2 == 0 {
            let m = a.higher[k / 2 - 1];
            s = s + m * m;
        }
        s
    }

    /// `Σ_{j=1}^{k-1} u_j u_{k-j}`, the coefficient `k >= 2` of `u^2` for the
    /// non-constant part `u = x - x0`, from the distinct products.
    #[inline(always)]
    fn conv_sq_u(a: &Self, k: usize) -> T {
        let half = (k - 1) / 2; // the pairs 1 <= j < k - j
        let (lo, hi) = (&a.higher[..half], &a.higher[k - 1 - half..k - 1]);
        let mut pairs = lo.iter().zip(hi.iter().rev()).map(|(&x, &y)| x * y);
        let mut s = match pairs.next() {
            Some(first) => {
                let mut s = first;
                for t in pairs {
                    s = s + t;
                }
                s + s
            }
            None => T::zero(),
        };
        if k % 2 == 0 {
            let m = a.higher[k / 2 - 1];
            s = if half == 0 { m * m } else { s + m * m };
        }
        s
    }

    /// The series squared (the Cauchy product with itself, about half the
    /// multiplications of [`Components::mul_rule`]).
    #[inline]
    fn square(self) -> Self {
        let mut p = Self::constant(self.c0 * self.c0);
        each_order!(N, |k| {
            p.set(k, Self::conv_sq(&self, k));
        });
        p
    }

    /// The series cubed, by the binomial expansion in `u = x - x0`:
    /// `c_k = 3 x0^2 u_k + 3 x0 (u^2)_k + (u^3)_k` (about two thirds of the
    /// multiplications of `x (x^2)`). The first term is formed as
    /// `((3 x0) u_k) x0`, so where `x0^2` overflows (but `3 x0` does not) a
    /// zero `u_k` gives 0, not `inf * 0 = NaN`. The value is left to the caller.
    #[inline]
    fn cube(self) -> Self {
        let x0 = self.c0;
        let a = x0 * cst(3.0);
        let mut u2 = Self::constant(T::zero()); // (u^2)_k from k = 2
        let mut y = Self::constant(x0);
        each_order!(N, |k| {
            let mut yk = a * self.higher[k - 1] * x0;
            if k >= 2 {
                let u2k = Self::conv_sq_u(&self, k);
                u2.set(k, u2k);
                yk = yk + a * u2k;
            }
            if k >= 3 {
                // (u^3)_k = Σ_{j=1}^{k-2} u_j (u^2)_{k-j}
                yk = yk + Self::conv(&self, &u2, k, 1, k - 2);
            }
            y.set(k, yk);
        });
        y
    }

    /// The scaled derivative series: `c_k -> k c_k` (the coefficients of `h x'`).
    #[inline(always)]
    fn scaled(self) -> Self {
        let mut d = self;
        d.c0 = T::zero();
        each_order!(N, |k| {
            if k >= 2 {
                d.set(k, d.at(k) * num(k));
            }
        });
        d
    }

    /// `y` with `y(0) = y0` and `y' = y a'`.
    // k y_k = Σ_{j=1}^{k} (j a_j) y_{k-j}
    #[inline]
    fn exp_ode(self, y0: T) -> Self {
        let a = self.scaled();
        let mut y = Self::constant(y0);
        each_order!(N, |k| {
            y.set(k, Self::conv(&a, &y, k, 1, k) * inv(k));
        });
        y
    }

    /// [`Taylor::ratio_ode`] for a function whose domain is not every real
    /// number (`ln_1p`, `acosh`, `atanh`): a NaN `y0` (outside the domain:
    /// `atanh(2)`, `acosh(-inf)`) makes every coefficient NaN, as the crate's
    /// semantics promise; the recurrence alone gives finite ones there.
    #[inline]
    fn ratio_ode_in_domain(self, y0: T, d: Self) -> Self {
        if y0.is_nan() {
            return Self::nan_series();
        }
        self.ratio_ode(y0, d)
    }

    /// Every coefficient NaN.
    #[inline]
    fn nan_series() -> Self {
        Self::constant(T::nan()).map(|_| T::nan())
    }

    /// `y` with `y(0) = y0` and `d y' = x'` (`d0 != 0`).
    // d0 y_k = x_k - (1/k) Σ_{j=1}^{k-1} (j y_j) d_{k-j}
    #[inline]
    fn ratio_ode(self, y0: T, d: Self) -> Self {
        divided_by!(d.c0, |div| {
            let mut ys = Self::constant(T::zero());
            let mut y = Self::constant(y0);
            each_order!(N, |k| {
                let yk = div(self.at(k) - Self::conv(&ys, &d, k, 1, k - 1) * inv(k));
                y.set(k, yk);
                ys.set(k, yk * num(k));
            });
            y
        })
    }

    /// `y = x^r` with `y(0) = y0` for `x0 != 0` (from `x y' = r x' y`).
    ///
    /// Where `y0` is not a normal number but `x0` is finite, the recurrence
    /// (which carries the factor `y0`) would lose every coefficient to the
    /// underflow or overflow of the value; [`Taylor::power_scaled`] is used then.
    // k x0 y_k = Σ_{j=1}^{k} (r j - (k - j)) x_j y_{k-j}
    #[inline]
    fn power_ode(self, y0: T, r: T) -> Self {
        let mut y = self.power_unchecked(y0, r);
        if y.at(N).is_nan() {
            y.replace_by(self.power_rescued(y0, r));
        }
        y
    }

    /// [`Taylor::power_ode`] without the slow path of a NaN result.
    #[inline(always)]
    fn power_unchecked(self, y0: T, r: T) -> Self {
        if !is_normal(y0) {
            if let Some(y) = self.power_abnormal(r, y0) {
                return y;
            }
        }
        self.power_fast(y0, r)
    }

    /// The power recurrence itself (see [`Taylor::power_ode`]).
    #[inline(always)]
    fn power_fast(self, y0: T, r: T) -> Self {
        divided_by!(self.c0, |div| {
            let mut y = Self::constant(y0);
            each_order!(N, |k| {
                y.set(k, div(Self::power_sum(&self, &y, r, k) * inv(k)));
            });
            y
        })
    }

    // ---- the slow paths of the recurrences that divide by x0 ----
    //
    // ln, log2, log10, recip and the powers with a constant exponent divide by
    // x0 at every order, so at a tiny x0 their coefficients grow like x0^-k and
    // overflow from some order on (ln at 1e-300: c_2 = -1/(2 x0^2) = -inf),
    // although every one of them is a correctly signed ±inf or a finite number.
    // The fast recurrence then meets an overflowed coefficient in a product
    // with an exact zero input coefficient (x_k = 0 for k >= 2 of a variable,
    // a term that is structurally absent) as 0 * inf = NaN, and in a sum with
    // one of the opposite sign as inf - inf = NaN. Each of these recurrences
    // takes every lower coefficient into every higher one (through a product
    // with x_1, d_1 or a power-rule weight), so such a NaN reaches the last
    // coefficient: one test of c_N, on a branch the ordinary path does not
    // take, detects it. The slow path then runs the recurrence at the scale of
    // the value instead: with h = x0 s the series becomes x = x0 v(s), v_0 = 1,
    // v_k = x_k x0^(k-1) (see `unit`), on which nothing overflows, and the
    // coefficients in h come back from those in s by k divisions by x0 (see
    // `unscaled`), each only enlarging the magnitude for |x0| < 1, so an
    // overflow there is that of the true coefficient, with its sign. It is taken
    // only where the fast result holds a NaN that the input does not (see
    // `rescuable`): a NaN input, a NaN value, x0 = 0 or ±inf keep the fast
    // result and their documented conventions.
    //
    // The slow paths are out-of-line (`#[cold]`; inlined, their loops cost the
    // ordinary path registers: recip on Taylor<4> measured 2.9 -> 5.1 ns) and
    // take the input and the value, never the fast result (passed in, the
    // fast result had to be built in memory: recip 2.9 -> 9.2 ns); outside
    // `rescuable` they recompute it. Their result is copied into the fast one
    // (`replace_by`) rather than returned in its place, which keeps the merged
    // result in registers.

    /// Whether a NaN in the fast result of a function of `self` with the
    /// value `y0` is the recurrence's own (`0 * inf`, `inf - inf`) and not the
    /// input's: `self` has no NaN coefficient, `x0` is finite and nonzero, and
    /// `y0` is not NaN.
    #[inline(always)]
    fn rescuable(&self, y0: T) -> bool {
        let x0 = self.c0;
        x0.is_finite() && x0 != T::zero() && !y0.is_nan() && self.coeffs().all(|c| !c.is_nan())
    }

    /// The series `v` with `x = x0 v(s)` for `h = x0 s`: `v_0 = 1` and
    /// `v_k = x_k x0^(k-1)`, each by `k - 1` multiplications by `x0` (so an
    /// exact zero `x_k` stays 0 whatever power of `x0` would overflow).
    #[inline(always)]
    fn unit(self) -> Self {
        let x0 = self.c0;
        let mut v = Self::constant(T::one());
        for k in 1..=N {
            let vk = (1..k).fold(self.at(k), |c, _| c * x0);
            v.set(k, vk);
        }
        v
    }

    /// The coefficients in `h = x0 s` of a series `z` in `s`: `z_k / x0^k`,
    /// by `k` divisions by `x0` (no power of `x0` that could under- or
    /// overflow on its own; for `|x0| < 1` every step enlarges the magnitude).
    #[inline(always)]
    fn unscaled(self, x0: T) -> Self {
        let mut y = self;
        for k in 1..=N {
            y.set(k, (0..k).fold(self.at(k), |c, _| c / x0));
        }
        y
    }

    /// Every coefficient set to `other`'s, one by one (how a slow path's
    /// result replaces the fast one, see the notes above `rescuable`).
    #[inline(always)]
    fn replace_by(&mut self, other: Self) {
        self.c0 = other.c0;
        for (c, o) in self.higher.iter_mut().zip(other.higher) {
            *c = o;
        }
    }

    /// The slow path of a logarithm `ln(x) / scale` with the value `y0` (see
    /// `ln`, `log2`, `log10`), taken where `c_N + y0` is NaN (one test for
    /// both cases): outside the domain (NaN `y0`) every coefficient NaN;
    /// where the input is `rescuable`, `ln x = ln x0 + ln v(s)`, so the
    /// coefficients are those of `ln v / scale` (a series with `v0 = 1`),
    /// unscaled; else (`x0 = 0`, `c_N = -y0 = ±inf`, ...) the fast result again.
    #[cold]
    #[inline(never)]
    fn log_rescued(self, scale: T, y0: T) -> Self {
        if y0.is_nan() {
            return Self::nan_series();
        }
        if !self.rescuable(y0) {
            return self.ratio_ode(y0, self.map(|c| c * scale));
        }
        let v = self.unit();
        v.ratio_ode(T::zero(), v.map(|c| c * scale))
            .unscaled(self.c0)
            .with_real(y0)
    }

    /// The slow path of [`Taylor::power_ode`]: `power_slow` where the value is
    /// normal and the input `rescuable`, else the fast result again.
    #[cold]
    #[inline(never)]
    fn power_rescued(self, y0: T, r: T) -> Self {
        if is_normal(y0) && !r.is_nan() && self.rescuable(y0) {
            self.power_slow(y0, r)
        } else {
            self.power_unchecked(y0, r)
        }
    }

    /// The slow path of `x^r` with a normal value `y0` (see
    /// [`Taylor::power_ode`], `recip`): `x^r = y0 v^r`, so the coefficients are
    /// those of `y0 z` for `z = v^r` (a series with `z0 = 1`, from the same
    /// recurrence), unscaled. It holds for a negative `x0` with the odd real
    /// root of `cbrt` too (`cbrt(x0 v) = cbrt(x0) cbrt(v)`); an exactly zero
    /// `z_k` (integer `r < k`) stays 0.
    #[inline(always)]
    fn power_slow(self, y0: T, r: T) -> Self {
        let v = self.unit();
        v.power_fast(T::one(), r)
            .map(|c| c * y0)
            .unscaled(self.c0)
            .with_real(y0)
    }

    /// `x^y` with a varying number exponent `y` (a constant one is
    /// [`Taylor::powf_re`]).
    ///
    /// For `x0 > 0`, `x^y = x^y0 exp((y - y0) ln x)`: the second factor has the
    /// value 1 and carries the derivatives in the exponent. Its argument's
    /// value is set to the exact 0 (the product `0 * ln x0` is NaN at
    /// `x0 = inf`). For `x0 <= 0` the exponent is taken as the constant `y0`
    /// (see the inherent `powf`). Where the result holds a NaN, see
    /// [`Taylor::powf_rescued`].
    #[inline]
    pub(crate) fn powf_varying(self, y: Self) -> Self {
        let mut p = self.powf_series(y);
        if p.coeffs().any(|c| c.is_nan()) {
            p.replace_by(self.powf_rescued(y));
        }
        p
    }

    /// The fast form of [`Taylor::powf_varying`], with the fast recurrences of
    /// `ln x` and `x^y0` (their own slow paths would only turn NaN into an
    /// infinity that meets a zero here again).
    #[inline(always)]
    fn powf_series(self, y: Self) -> Self {
        let (x0, y0) = (self.c0, y.c0);
        let value = x0.powf(y0);
        if x0 > T::zero() {
            let dy = y.with_real(T::zero());
            let ln_x = self.ratio_ode(x0.ln(), self);
            let x_pow_y0 = self.power_unchecked(value, y0);
            (x_pow_y0 * (dy * ln_x).with_real(T::zero()).exp()).with_real(value)
        } else {
            self.powf_re(y0).with_real(value)
        }
    }

    /// The slow path of `powf` with a varying exponent, where its fast form
    /// `x^y0 exp((y - y0) ln x)` holds a NaN (anywhere: the product of the
    /// two factors can meet `0 * inf` below the last order): at a tiny `x0`,
    /// `x^y0` underflows while the exponential's coefficients (through `ln x`'s `1/(k x0^k)`) overflow, and their
    /// product is `0 * inf` where the true coefficients are ordinary numbers
    /// (`(x0 + h)^(3 + h)` at `x0 = 1e-200` has `c_3 ~ 1`). At the scale of
    /// the value (`h = x0 s`, `x = x0 v`), `x^y = x0^y0 z` with
    /// `z = v^y0 exp((y - y0)(ln x0 + ln v))`: every factor of `z` is of
    /// moderate size (the exponent's coefficients become `y_k x0^k`), and
    /// `c_k = x0^(y0 - k) z_k` as in [`Taylor::power_scaled`]. A base `<= 0`, a
    /// non-finite exponent or a NaN input keeps the fast result (computed
    /// again: see the notes above `rescuable`).
    #[cold]
    #[inline(never)]
    pub(crate) fn powf_rescued(self, y: Self) -> Self {
        let (x0, y0) = (self.c0, y.c0);
        let value = x0.powf(y0);
        if !(x0 > T::zero() && y0.is_finite() && self.rescuable(value))
            || y.coeffs().any(|c| c.is_nan())
        {
            return self.powf_series(y);
        }
        let v = self.unit();
        let mut dy = Self::constant(T::zero());
        for k in 1..=N {
            dy.set(k, (0..k).fold(y.at(k), |c, _| c * x0));
        }
        let ln_x = v.ln().with_real(x0.ln());
        let z = v.power_ode(T::one(), y0).mul_rule(dy.mul_rule(ln_x).exp());
        let mut out = Self::constant(value);
        for k in 1..=N {
            out.set(k, times_power(z.at(k), x0, y0 - num(k)));
        }
        out
    }

    /// `x^r` with the value `y0`, when `y0` is not a normal number: by
    /// [`Taylor::power_scaled`] if `x0` is finite and nonzero (the value
    /// underflowed or overflowed), else `None` (the caller's rule applies).
    #[cold]
    #[inline(never)]
    fn power_abnormal(self, r: T, y0: T) -> Option<Self> {
        let x0 = self.c0;
        (x0.is_finite() && x0 != T::zero() && r != T::zero())
            .then(|| self.power_scaled(r).with_real(y0))
    }

    /// `x^r` for finite `x0 != 0` with the magnitude of every coefficient kept
    /// apart from that of the value: with `h = x0 s`, `x = x0 v(s)` where
    /// `v_j = x_j x0^(j-1)` and `x^r = Σ x0^(r-k) z_k h^k` for `z = v^r` (a
    /// series with `z0 = 1`). So `c_k = x0^(r-k) z_k` is finite and nonzero
    /// wherever the true coefficient is, also when `x0^r` itself underflows or
    /// overflows. Each `v_j` is formed by `j - 1` multiplications by `x0` (no
    /// power of `x0` that could overflow meets a zero `x_j`), and an exactly
    /// zero `z_k` (as for integer `r < k`) gives 0 also where `x0^(r-k)` is
    /// infinite. Costs one `powf` per order: used only in that case.
    fn power_scaled(self, r: T) -> Self {
        let x0 = self.c0;
        let v = self.unit();
        let mut z = Self::constant(T::one());
        let mut y = Self::constant(x0.powf(r));
        for k in 1..=N {
            let zk = Self::power_sum(&v, &z, r, k) * inv(k);
            z.set(k, zk);
            y.set(k, times_power(zk, x0, r - num(k)));
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
        (-self.square()).with_real((T::one() - x0) * (T::one() + x0))
    }

    /// The hyperbolic sine and cosine together.
    // k s_k = Σ_{j=1}^{k} (j x_j) c_{k-j},  k c_k = Σ_{j=1}^{k} (j x_j) s_{k-j}
    #[inline]
    fn sinh_cosh(self) -> (Self, Self) {
        let xs = self.scaled();
        let mut s = Self::constant(self.c0.sinh());
        let mut c = Self::constant(self.c0.cosh());
        each_order!(N, |k| {
            let sk = Self::conv(&xs, &c, k, 1, k) * inv(k);
            let ck = Self::conv(&xs, &s, k, 1, k) * inv(k);
            s.set(k, sk);
            c.set(k, ck);
        });
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
        each_order!(N, |k| {
            y.set(k, Self::conv(&xs, &w, k, 1, k) * inv(k));
            w.set(k, sign * Self::conv_sq(&y, k));
        });
        y
    }
}

/// `z x0^e` (for `x0 < 0` only an integer `e`): an exactly zero `z` gives 0
/// also where `x0^e` is infinite, and for `x0 > 0`, where `x0^e` alone under-
/// or overflows (`1e-300^-2` next to a `z` of `1e-299`), the power is applied
/// in two halves, so the result is finite wherever the product is.
fn times_power<T: Float>(z: T, x0: T, e: T) -> T {
    if z == T::zero() {
        return z;
    }
    let p = x0.powf(e);
    if is_normal(p) || x0 < T::zero() {
        return z * p;
    }
    let q = x0.powf(e * cst(0.5));
    z * q * q
}

/// The integer `k` as a `T`.
#[inline(always)]
fn num<T: Float>(k: usize) -> T {
    cst(k as f64)
}

/// Whether `x` is a normal number (not zero, subnormal, infinite or NaN), by
/// two comparisons of `|x|`.
#[inline(always)]
fn is_normal<T: Float>(x: T) -> bool {
    let a = x.abs();
    a >= T::min_positive_value() && a <= T::max_value()
}

/// The integer `n` as a `T`.
#[inline(always)]
fn num_i32<T: Float>(n: i32) -> T {
    cst(f64::from(n))
}

/// `1 / k` as a `T` (a constant once `k` is): the recurrences multiply by it
/// instead of dividing by `k`.
#[inline(always)]
fn inv<T: Float>(k: usize) -> T {
    cst(1.0 / k as f64)
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
    /// At a tiny `x0` the coefficients `(-1)^(k+1) / (k x0^k)` that overflow
    /// are the correctly signed infinities (a slow path, taken only there,
    /// keeps the recurrence's `0 * inf` from making them NaN); the same holds
    /// for `log2`, `log10`, `recip`, negative `powi` and the real powers.
    ///
    /// ```
    /// use dual::Taylor64;
    /// let y = Taylor64::<4>::variable(1e-300).ln();
    /// approx::assert_relative_eq!(y.coeff(1), 1e300, max_relative = 1e-15);
    /// assert_eq!([y.coeff(2), y.coeff(3), y.coeff(4)], [f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY]);
    /// ```
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
        let y0 = self.c0.ln();
        let mut y = self.ratio_ode(y0, self);
        if (y.at(N) + y0).is_nan() {
            y.replace_by(self.log_rescued(T::one(), y0));
        }
        y
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
        self.ratio_ode_in_domain(self.c0.ln_1p(), d)
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
        let scale = cst(core::f64::consts::LN_2);
        let y0 = self.c0.log2();
        let mut y = self.ratio_ode(y0, self.map(|c| c * scale));
        if (y.at(N) + y0).is_nan() {
            y.replace_by(self.log_rescued(scale, y0));
        }
        y
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
        let scale = cst(core::f64::consts::LN_10);
        let y0 = self.c0.log10();
        let mut y = self.ratio_ode(y0, self.map(|c| c * scale));
        if (y.at(N) + y0).is_nan() {
            y.replace_by(self.log_rescued(scale, y0));
        }
        y
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
        // at x0 = ±0 this gives r = ±inf and the infinite coefficients of the
        // leading term binom(1/2, k) x0^(1/2-k) x1^k (signs alternate, so no
        // inf - inf arises), and the value keeps the sign of zero like f64
        let y0 = self.c0.sqrt();
        divided_by!(y0 + y0, |div| {
            let mut y = Self::constant(y0);
            each_order!(N, |k| {
                y.set(k, div(self.at(k) - Self::conv(&y, &y, k, 1, k - 1)));
            });
            y
        })
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
            return self.power_at_zero(third).with_real(self.c0.cbrt());
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
        let mut r = self.recip_fast();
        if r.at(N).is_nan() {
            r.replace_by(self.recip_rescued());
        }
        r
    }

    /// The slow path of [`Taylor::recip`]: `x^-1` by `power_slow`, or (outside
    /// `rescuable`, or for a subnormal `x0`, whose reciprocal overflows) the
    /// fast result again.
    #[cold]
    #[inline(never)]
    fn recip_rescued(self) -> Self {
        let r0 = self.c0.recip();
        if is_normal(r0) && self.rescuable(r0) {
            self.power_slow(r0, -T::one())
        } else {
            self.recip_fast()
        }
    }

    /// The reciprocal's recurrence itself (see [`Taylor::recip`]).
    #[inline(always)]
    fn recip_fast(self) -> Self {
        divided_by!(self.c0, |div| {
            let mut r = Self::constant(self.c0.recip());
            each_order!(N, |k| {
                r.set(k, -div(Self::conv(&self, &r, k, 1, k)));
            });
            r
        })
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
        each_order!(N, |k| {
            let sk = Self::conv(&xs, &c, k, 1, k) * inv(k);
            let ck = -Self::conv(&xs, &s, k, 1, k) * inv(k);
            s.set(k, sk);
            c.set(k, ck);
        });
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
    // sqrt(1 + x^2) y' = x'; for finite |x0| > 2^64 with sqrt(1 + x^2) =
    // |x| sqrt(1 + q^2), q = 1/x (see `large_magnitude`)
    #[inline]
    #[must_use]
    pub fn asinh(self) -> Self {
        let y0 = self.c0.asinh();
        if let Some(ax) = self.large_magnitude() {
            let q = self.recip().square();
            return self.ratio_ode(y0, ax.mul_rule(q.with_real(T::one() + q.c0).sqrt()));
        }
        let d = self.mul_rule(self);
        self.ratio_ode(y0, d.with_real(T::one() + d.c0).sqrt())
    }

    /// `|x|` as a series (`x` or `-x`) where `x0` is finite and `|x0| > 2^64`,
    /// the range in which `asinh` and `acosh` write `sqrt(x^2 ± 1)` as
    /// `|x| sqrt(1 ± q^2)` with `q = 1/x`: `x^2` overflows from `|x0| ~ 1e154`
    /// on (and `sqrt(inf)` would leave `1/x` as 0 at 1e300, NaN at
    /// `f64::MAX`), while `q^2 < 2^-128` is far inside the range and `1 ± q^2`
    /// cannot cancel. So the first coefficient is `1/|x0|` (correctly rounded
    /// also at `f64::MAX`, where it is subnormal) and the higher ones underflow
    /// as the true ones do. Below `2^64` the direct forms are cheaper.
    #[inline]
    fn large_magnitude(self) -> Option<Self> {
        let a = self.c0.abs();
        (a > crate::elementary::scaled_above::<T>() && a.is_finite())
            .then(|| if self.c0 < T::zero() { -self } else { self })
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
    // sqrt(x^2 - 1) y' = x'; for finite x0 > 2^64 with sqrt(x^2 - 1) =
    // x sqrt(1 - q^2), q = 1/x (see `large_magnitude`)
    #[inline]
    #[must_use]
    pub fn acosh(self) -> Self {
        let x0 = self.c0;
        if x0 > T::zero() {
            if let Some(x) = self.large_magnitude() {
                let w = x.recip().one_minus_sq().sqrt();
                return self.ratio_ode_in_domain(x0.acosh(), x.mul_rule(w));
            }
        }
        let d = self
            .mul_rule(self)
            .with_real((x0 - T::one()) * (x0 + T::one()));
        self.ratio_ode_in_domain(x0.acosh(), d.sqrt())
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
        self.ratio_ode_in_domain(self.c0.atanh(), self.one_minus_sq())
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

    /// `x^n` for an integer `n`: squares by the symmetric Cauchy product, cubes
    /// by the binomial expansion in `x - x0`, other exponents by binary
    /// powering (O(N^2 log |n|)); negative exponents through the reciprocal.
    ///
    /// # Derivatives
    /// Exact at `x0 = 0` and for negative bases (only products are involved);
    /// `n = 0` gives the constant 1, like `f64::powi`. At `x0 = 0` a negative
    /// exponent gives infinite or NaN coefficients. Where the value `x0^n`
    /// overflows or underflows (`x0` finite and nonzero), the coefficients are
    /// still those of `binom(n, k) x0^(n-k)` for `x = x0 + h`: finite where
    /// that is, infinite where it overflows, not NaN.
    ///
    /// ```
    /// // (-1 + h)^3 = -1 + 3h - 3h^2 + h^3
    /// let y = dual::Taylor64::<3>::variable(-1.0).powi(3);
    /// assert_eq!([y.coeff(0), y.coeff(1), y.coeff(2), y.coeff(3)], [-1.0, 3.0, -3.0, 1.0]);
    /// // (1e300 + h)^2: the value overflows, 2e300 and 1 do not
    /// let y = dual::Taylor64::<2>::variable(1e300).powi(2);
    /// assert_eq!([y.coeff(0), y.coeff(1), y.coeff(2)], [f64::INFINITY, 2.0 * 1e300, 1.0]);
    /// ```
    // x^(2m) = (x^m)^2, x^(2m+1) = x (x^m)^2; no product with the constant 1,
    // whose zero coefficients would meet an infinite value as 0 * inf = NaN
    #[inline]
    #[must_use]
    pub fn powi(self, n: i32) -> Self {
        let value = self.c0.powi(n);
        let y = match n {
            // the value is never multiplied by a coefficient here: no check
            0 => return Self::constant(value),
            1 => return self.with_real(value),
            2 => return self.square().with_real(value),
            3 => return self.cube().with_real(value),
            _ => self.powi_products(n).with_real(value),
        };
        // a NaN anywhere in the reciprocal or a product reaches c_N (every
        // coefficient of a factor meets one of the other in it): one test for
        // the slow path of the reciprocal's recurrence (see `rescuable`)
        if is_normal(value) && !y.at(N).is_nan() {
            y
        } else {
            self.powi_slow(n, value)
        }
    }

    /// `x^n` for `|n| >= 2` or `n = -1` by binary powering (negative
    /// exponents from the reciprocal's fast recurrence), the value left to
    /// the caller.
    #[inline(always)]
    fn powi_products(self, n: i32) -> Self {
        match n {
            -1 => self.recip_fast(),
            _ => {
                let mut base = if n < 0 { self.recip_fast() } else { self };
                let mut e = n.unsigned_abs();
                while e & 1 == 0 {
                    base = base.square();
                    e >>= 1;
                }
                let mut acc = base;
                e >>= 1;
                while e > 0 {
                    base = base.square();
                    if e & 1 == 1 {
                        acc = acc.mul_rule(base);
                    }
                    e >>= 1;
                }
                acc
            }
        }
    }

    /// The slow path of [`Taylor::powi`]: where the value is not a normal
    /// number, [`Taylor::power_abnormal`]; where the fast result holds a NaN
    /// the input does not (a tiny `x0` with a negative `n`),
    /// [`Taylor::power_scaled`]; else the fast result again.
    #[cold]
    #[inline(never)]
    fn powi_slow(self, n: i32, value: T) -> Self {
        if !is_normal(value) {
            if let Some(y) = self.power_abnormal(num_i32(n), value) {
                return y;
            }
        } else if self.rescuable(value) {
            return self.power_scaled(num_i32(n)).with_real(value);
        }
        self.powi_products(n).with_real(value)
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
                // the value of `powf`, which may differ from `powi`'s in the last bit
                return self.powi(n).with_real(self.c0.powf(r));
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
        each_order!(N, |k| {
            p.set(k, Self::conv(&self, &o, k, 0, k));
        });
        p
    }
    // q = a / b, from b q = a:  q_k = (a_k - Σ_{j=0}^{k-1} q_j b_{k-j}) / b0
    // (the value is the primitive quotient; the others multiply by 1 / b0)
    #[inline]
    fn div_rule(self, o: Self) -> Self {
        divided_by!(o.c0, |div| {
            let mut q = Self::constant(self.c0 / o.c0);
            each_order!(N, |k| {
                q.set(k, div(self.at(k) - Self::conv(&q, &o, k, 0, k - 1)));
            });
            q
        })
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
