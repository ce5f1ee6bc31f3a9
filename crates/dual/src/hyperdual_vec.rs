//! Hyper-dual numbers with `N` directions: value, gradient chunk and Hessian block.
//!
//! # No allocation
//!
//! A [`HyperDualVec<T, N>`] keeps its parts inline, in arrays: it is `Copy`, its
//! size is `(1 + N + N²) * size_of::<T>()` plus one byte (padded to one more
//! `T`) that records which parts are active, and no operation on it
//! allocates (the crate is `#![no_std]` and does not link `alloc`). Everything
//! lives on the stack, so a large `N` makes a large value: a `HyperDualVec64<16>`
//! is 2192 bytes; compute a large Hessian in blocks.
//!
//! ```
//! assert_eq!(core::mem::size_of::<dual::HyperDualVec64<4>>(), (1 + 4 + 16 + 1) * 8);
//! ```
//!
//! # Layout: full block, symmetric computation
//!
//! The second-derivative block is stored in full (`[[T; N]; N]`, a public
//! field), but the product rule and the chain rule compute only its upper
//! triangle `i <= j` and mirror it, from `N = 3` on; for `N <= 2` the full loop
//! is as fast. (A packed triangle of `N (N + 1) / 2` entries cannot be declared
//! with a const generic `N` on stable Rust.) Chosen by measurement: median ns per
//! operation, the minimum over three alternating runs of each build, release
//! build, 2 cores shared with other jobs (load ~6, so differences below ~15% are
//! noise):
//!
//! ```text
//! for each layout, three rounds, alternating:
//! cargo bench --bench ops -- 'HyperDualVec64<(2|4|8|16)>' --measurement-time 1 --save-baseline <layout>_<round>
//!
//!                N=2          N=4          N=8          N=16
//!            full  sym    full  sym    full  sym    full   sym
//! multiply    5.0  5.1    45.9  40.1   122.5  51.6   375   253
//! divide      9.0  6.4    56.2  52.0   163.1  88.2   564   494
//! exp         8.3  6.1    32.7  21.4    81.0  55.8   209   187
//! sin        16.2 15.8    39.3  27.3   109.0  65.0   220   245
//! powf       82.6 83.1   149.0 145.2   415.8 228.7  1060  1377
//! ```
//!
//! (`sym` is the code here; computing the triangle for every `N`, including
//! `N = 2`, measured 14 ns for a multiply at `N = 2` against 3.8 ns for the full
//! loop, hence the threshold.) Additions and scalings touch every entry either way.

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
///
/// # Activity
///
/// A number also remembers which of its parts can be nonzero: none (a
/// [`constant`](Self::constant)), the first-order ones (a
/// [`variable`](Self::variable), or anything linear in the variables so far), or
/// all of them (a number made with [`new`](Self::new), or the result of a
/// product of two non-constant numbers, a nonlinear function, ...). Operations
/// skip the parts known to be zero: a product with a constant costs `O(N)` for a
/// linear number instead of `O(N²)`, and arithmetic between constants costs what
/// the plain values cost. This is what makes a blocked Hessian cheap where most
/// of the function does not depend on the block's variables. The parts known to
/// be zero are stored as `+0.0`, so reading the public fields always gives the
/// number's true parts. The results are those of the full computation bit for
/// bit, except that a part known to be zero stays `+0.0` where the full
/// computation could produce `-0.0`: where an infinite or NaN value or
/// derivative meets a zero part (`inf * 0 = NaN`), the operation takes the full
/// path, so NaN spreads exactly as it would without the tracking (a NaN that a
/// nested driver returns poisons every part, as the perturbation guard needs).
///
/// The fields are public to be read. To build a number from parts, use
/// [`new`](Self::new) (which assumes every part may be nonzero); do not write the
/// derivative parts of a number made by `constant`, `variable` or arithmetic, or
/// the operations may skip what you wrote.
#[derive(Clone, Copy)]
pub struct HyperDualVec<T, const N: usize> {
    /// The value.
    pub re: T,
    /// The first-derivative parts (the gradient block).
    pub eps: [T; N],
    /// The second-derivative parts (the Hessian block), symmetric. Operations
    /// assume the symmetry: from `N = 3` on they compute the upper triangle and
    /// mirror it.
    pub eps2: [[T; N]; N],
    /// Which parts may be nonzero; the others are `+0.0`.
    activity: Activity,
}

/// Which parts of a number may be nonzero, in increasing order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Activity {
    /// Only the value: every derivative part is zero.
    Constant,
    /// The value and the first-derivative parts: `eps2` is zero.
    Linear,
    /// Any part.
    Full,
}

/// A [`HyperDualVec`] over `f64`.
pub type HyperDualVec64<const N: usize> = HyperDualVec<f64, N>;
/// A [`HyperDualVec`] over `f32`.
pub type HyperDualVec32<const N: usize> = HyperDualVec<f32, N>;

impl<T, const N: usize> HyperDualVec<T, N> {
    /// The number with value `re`, first-derivative parts `eps` and
    /// second-derivative parts `eps2` (every part may be nonzero).
    ///
    /// ```
    /// let x = dual::HyperDualVec::new(1.0, [1.0], [[0.0]]);
    /// assert_eq!(x.eps2, [[0.0]]);
    /// ```
    #[inline]
    pub const fn new(re: T, eps: [T; N], eps2: [[T; N]; N]) -> Self {
        Self {
            re,
            eps,
            eps2,
            activity: Activity::Full,
        }
    }
}

impl<T: fmt::Debug, const N: usize> fmt::Debug for HyperDualVec<T, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperDualVec")
            .field("re", &self.re)
            .field("eps", &self.eps)
            .field("eps2", &self.eps2)
            .finish()
    }
}

impl<T: Float, const N: usize> HyperDualVec<T, N> {
    /// The `i`-th independent variable at `re`.
    ///
    /// An index `i >= N` has no part to seed: that misuse gives NaN derivative
    /// parts, so that it cannot pass for a constant (use
    /// [`try_variable`](Self::try_variable) to be told instead).
    ///
    /// ```
    /// let x = dual::HyperDualVec64::<2>::variable(2.0, 0);
    /// let y = x * x;
    /// assert_eq!((y.eps, y.eps2), ([4.0, 0.0], [[2.0, 0.0], [0.0, 0.0]]));
    /// let bad = dual::HyperDualVec64::<2>::variable(2.0, 2);
    /// assert!(bad.eps.iter().chain(bad.eps2.iter().flatten()).all(|e| e.is_nan()));
    /// ```
    #[inline]
    pub fn variable(re: T, i: usize) -> Self {
        Self::try_variable(re, i)
            .unwrap_or_else(|| Self::new(re, [T::nan(); N], [[T::nan(); N]; N]))
    }

    /// The `i`-th independent variable at `re`, or `None` if `i >= N`.
    ///
    /// ```
    /// use dual::HyperDualVec64;
    /// assert_eq!(HyperDualVec64::<2>::try_variable(1.0, 1).map(|x| x.eps), Some([0.0, 1.0]));
    /// assert!(HyperDualVec64::<2>::try_variable(1.0, 2).is_none());
    /// ```
    #[inline]
    #[must_use]
    pub fn try_variable(re: T, i: usize) -> Option<Self> {
        let mut x = Self::constant(re);
        *x.eps.get_mut(i)? = T::one();
        x.activity = Activity::Linear;
        Some(x)
    }

    /// A constant: every derivative part zero.
    ///
    /// ```
    /// let c = dual::HyperDualVec64::<2>::constant(3.0);
    /// assert_eq!(c.eps2, [[0.0; 2]; 2]);
    /// ```
    #[inline]
    pub fn constant(re: T) -> Self {
        Self {
            re,
            eps: [T::zero(); N],
            eps2: [[T::zero(); N]; N],
            activity: Activity::Constant,
        }
    }

    /// The chain rule: parts `f0`, `f1 ai`, `f1 Aij + f2 ai aj`. A constant
    /// stays a constant at the cost of the value alone.
    #[inline(always)]
    fn chain(self, [f0, f1, f2]: [T; 3]) -> Self {
        // (an infinite or NaN derivative makes NaN of zero parts, `inf * 0`,
        // as the full computation does: the full path then)
        if self.activity == Activity::Constant && f1.is_finite() && f2.is_finite() {
            return Self { re: f0, ..self };
        }
        self.chain_active([f0, f1, f2])
    }

    /// The bivariate chain rule: parts `fx xi + fy yi` and `fx Xij + fy Yij +
    /// fxx xi xj + fxy (xi yj + xj yi) + fyy yi yj`. A constant argument (with
    /// finite partials) reduces it to the univariate rule of the other one.
    #[inline(always)]
    fn chain2(self, y: Self, [f0, fx, fy, fxx, fxy, fyy]: [T; 6]) -> Self {
        let finite = |a: T, b: T, c: T| a.is_finite() && b.is_finite() && c.is_finite();
        if y.activity == Activity::Constant && finite(fy, fxy, fyy) {
            return self.chain([f0, fx, fxx]);
        }
        if self.activity == Activity::Constant && finite(fx, fxy, fxx) {
            return y.chain([f0, fy, fyy]);
        }
        self.chain2_active(y, [f0, fx, fy, fxx, fxy, fyy])
    }

    /// [`chain2`](Self::chain2) for two non-constant numbers.
    #[inline(always)]
    fn chain2_active(self, y: Self, [f0, fx, fy, fxx, fxy, fyy]: [T; 6]) -> Self {
        let x = self;
        let mut out = self;
        out.re = f0;
        out.activity = Activity::Full;
        for i in 0..N {
            out.eps[i] = fx * x.eps[i] + fy * y.eps[i];
        }
        fill_symmetric(&mut out.eps2, |i, j| {
            fx * x.eps2[i][j]
                + fy * y.eps2[i][j]
                + fxx * x.eps[i] * x.eps[j]
                + fxy * (x.eps[i] * y.eps[j] + x.eps[j] * y.eps[i])
                + fyy * y.eps[i] * y.eps[j]
        });
        out
    }

    // The parts that cost O(N) or O(N²) are kept out of the always-inlined
    // dispatch, so that an operation on constants inlines to its value's cost
    // and the compiler decides about the large bodies (measured: see `HESSIAN_BLOCK`).

    /// [`chain`](Self::chain) for a non-constant number.
    #[inline(always)]
    fn chain_active(self, [f0, f1, f2]: [T; 3]) -> Self {
        let mut out = self;
        out.re = f0;
        out.activity = Activity::Full;
        for (o, e) in out.eps.iter_mut().zip(self.eps) {
            *o = f1 * e;
        }
        fill_symmetric(&mut out.eps2, |i, j| {
            f1 * self.eps2[i][j] + f2 * self.eps[i] * self.eps[j]
        });
        out
    }

    /// `self` times the constant `c` (the value included).
    #[inline(always)]
    fn scale(self, c: T) -> Self {
        if !c.is_finite() {
            // `inf * 0` and `NaN * 0` are NaN: every part, as in the full computation
            return self.promote().scale_active(c);
        }
        let mut out = self;
        out.re = self.re * c;
        if self.activity == Activity::Constant {
            return out;
        }
        self.scale_active(c)
    }

    /// The same number, marked as possibly nonzero everywhere (for the
    /// non-finite cases, which take the full computation).
    #[inline(always)]
    fn promote(self) -> Self {
        Self {
            activity: Activity::Full,
            ..self
        }
    }

    /// [`scale`](Self::scale) for a non-constant number.
    #[inline(always)]
    fn scale_active(self, c: T) -> Self {
        let mut out = self;
        out.re = self.re * c;
        for e in &mut out.eps {
            *e = *e * c;
        }
        if self.activity == Activity::Full {
            fill_symmetric(&mut out.eps2, |i, j| self.eps2[i][j] * c);
        }
        out
    }

    /// `f(self, o)` part by part for a non-constant `o`; see `zip`.
    #[inline(always)]
    fn zip_active(self, o: Self, mut f: impl FnMut(T, T) -> T) -> Self {
        let mut out = self;
        out.re = f(self.re, o.re);
        out.activity = self.activity.max(o.activity);
        for i in 0..N {
            out.eps[i] = f(self.eps[i], o.eps[i]);
        }
        // f(Aij, 0) = Aij: only a full `o` changes the second-order parts
        if o.activity == Activity::Full {
            for i in 0..N {
                for j in 0..N {
                    out.eps2[i][j] = f(self.eps2[i][j], o.eps2[i][j]);
                }
            }
        }
        out
    }

    /// The value and first-order parts of a product (`a b`, `a bi + ai b`),
    /// marked full; the caller fills the second-order parts.
    #[inline(always)]
    fn mul_first_order(self, o: Self) -> Self {
        let mut out = self;
        out.re = self.re * o.re;
        out.activity = Activity::Full;
        for i in 0..N {
            out.eps[i] = self.re * o.eps[i] + self.eps[i] * o.re;
        }
        out
    }

    /// The product of two linear numbers (no `Aij`, `Bij`).
    #[inline(always)]
    fn mul_linear(self, o: Self) -> Self {
        let mut out = self.mul_first_order(o);
        fill_symmetric(&mut out.eps2, |i, j| {
            self.eps[i] * o.eps[j] + self.eps[j] * o.eps[i]
        });
        out
    }

    /// The full product rule.
    #[inline(always)]
    fn mul_full(self, o: Self) -> Self {
        let mut out = self.mul_first_order(o);
        fill_symmetric(&mut out.eps2, |i, j| {
            self.re * o.eps2[i][j]
                + self.eps[i] * o.eps[j]
                + self.eps[j] * o.eps[i]
                + self.eps2[i][j] * o.re
        });
        out
    }

    /// The quotient rule for a non-constant divisor, value `q`, `r = 1 / o.re`.
    #[inline(always)]
    fn div_active(self, o: Self, q: T, r: T) -> Self {
        let mut out = self;
        out.re = q;
        out.activity = Activity::Full;
        for i in 0..N {
            out.eps[i] = (self.eps[i] - q * o.eps[i]) * r;
        }
        let d = out.eps;
        fill_symmetric(&mut out.eps2, |i, j| {
            (self.eps2[i][j] - d[i] * o.eps[j] - d[j] * o.eps[i] - q * o.eps2[i][j]) * r
        });
        out
    }
}

/// Sets `m[i][j] = f(i, j)` for a symmetric `f`.
///
/// From `N = 3` on, only the upper triangle `i <= j` is computed and mirrored
/// (about `N (N + 1) / 2` evaluations instead of `N²`); for `N <= 2` the full
/// loop is faster. `N` is a constant, so the branch is resolved at compile time.
/// The choice was measured: see the module docs.
#[inline(always)]
#[allow(clippy::needless_range_loop)] // writes both m[i][j] and m[j][i]
fn fill_symmetric<T: Copy, const N: usize>(m: &mut [[T; N]; N], f: impl Fn(usize, usize) -> T) {
    if N <= 2 {
        for (i, row) in m.iter_mut().enumerate() {
            for (j, h) in row.iter_mut().enumerate() {
                *h = f(i, j);
            }
        }
    } else {
        for i in 0..N {
            for j in i..N {
                let h = f(i, j);
                m[i][j] = h;
                m[j][i] = h;
            }
        }
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
        Self::constant(re)
    }
    // `f` is linear (negation, scaling by a constant): parts known to be zero stay zero
    #[inline(always)]
    fn map(self, mut f: impl FnMut(T) -> T) -> Self {
        // a scaling by inf or NaN has f(0) = NaN: the full computation then
        let this = if f(T::zero()) == T::zero() {
            self
        } else {
            self.promote()
        };
        let mut out = this;
        out.re = f(this.re);
        if this.activity >= Activity::Linear {
            out.eps = this.eps.map(&mut f);
        }
        if this.activity == Activity::Full {
            out.eps2 = this.eps2.map(|row| row.map(&mut f));
        }
        out
    }
    // `f` is `+` or `-`, so `f(x, 0) = x`: a constant `o` changes the value only
    #[inline(always)]
    fn zip(self, o: Self, mut f: impl FnMut(T, T) -> T) -> Self {
        let mut out = self;
        out.re = f(self.re, o.re);
        if o.activity == Activity::Constant {
            return out;
        }
        self.zip_active(o, f)
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
    // (a + ai εi + Aij)(b + bi εi + Bij) = ab + (a bi + ai b) εi + (a Bij + ai bj + aj bi + Aij b);
    // a constant factor scales the other one, and two linear factors have no Aij, Bij
    #[inline(always)]
    fn mul_rule(self, o: Self) -> Self {
        if !(self.re.is_finite() && o.re.is_finite()) {
            // an infinite or NaN value times a zero part is NaN in the full computation
            return self.promote().mul_full(o);
        }
        match (self.activity, o.activity) {
            (Activity::Constant, _) => o.scale(self.re).with_real(self.re * o.re),
            (_, Activity::Constant) => self.scale(o.re),
            (Activity::Linear, Activity::Linear) => self.mul_linear(o),
            _ => self.mul_full(o),
        }
    }
    // q = a / b from a = q b: qi = (ai - q bi) / b and
    // Qij = (Aij - qi bj - qj bi - q Bij) / b. No 1/b² appears, so the parts
    // overflow only where they are that large (x0 / x1 at x = (1e-160, 1e-160)
    // has the gradient (1e160, -1e160)); the value is the primitive quotient
    #[inline(always)]
    fn div_rule(self, o: Self) -> Self {
        let q = self.re / o.re;
        let r = o.re.recip();
        if o.activity == Activity::Constant && q.is_finite() && r.is_finite() {
            return self.scale(r).with_real(q);
        }
        self.promote().div_active(o, q, r)
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
