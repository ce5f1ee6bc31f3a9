//! The number type of the terms pass of [`SparseHessian`](super::SparseHessian):
//! a [`HyperDualVec`] whose arithmetic always takes the full path.
//!
//! `HyperDualVec` tracks which of its parts may be nonzero and skips the
//! others, which pays when most numbers of an evaluation are constants or
//! linear (a dense Hessian's block of rows). In the terms pass every
//! variable is seeded (in the direction of its colour) and the width is the
//! exact number of colours, 2 or 3 for chained terms: after the first
//! product nearly every number is full, and the tests and branches of the
//! tracking cost more than the parts they skip. On the chained Rosenbrock
//! terms (`N = 2`, 10⁵ terms) a profile put the evaluation at about 11 ns
//! per term on `HyperDualVec<f64, 2>` and 4.8 ns on this type; the terms
//! Hessian went from 75x to 54x one `f64` evaluation with it and the
//! recovery by runs (`docs/benchmarks-sparse.md`).
//!
//! [`Hyper`] holds the parts of a `HyperDualVec` without its activity
//! marker and with the symmetric second-derivative parts once (6 numbers
//! instead of 7 and a marker at `N = 2`: 48 bytes instead of 64 for `f64`,
//! which the terms pass reads and writes for every input and every term).
//! It computes `+`, `-`, `*`, negation, the operations with a primitive and
//! `powi` part by part with the formulas of `HyperDualVec`'s full
//! computation, without tests; every other function is `HyperDualVec`'s own
//! on the unpacked number (its value and parts are those of `HyperDualVec`'s
//! full computation, which the `dual` crate keeps equal to its tracked one).
//! Results equal `HyperDualVec`'s up to the sign of parts that are zero and
//! the rounding of the mixed second parts of a product (the same four
//! products summed in another order: this type computes `(i, j)` with
//! `j <= i`, `HyperDualVec` the other triangle or both).
//! On the Rosenbrock terms at `n = 10⁵` the packed form took the evaluation
//! from about 6.2 to 5.0 ns a term and the input refresh from 1.2 to 0.7 ns
//! (temporary timers in the terms pass of a scratch loop).

use core::cmp::Ordering;
use core::fmt;
use core::iter::{Product, Sum};
use core::num::FpCategory;
use core::ops::{
    Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Rem, RemAssign, Sub, SubAssign,
};
use dual::{DualNum, HyperDualVec};
use num_traits::{
    Float, FloatConst, FromPrimitive, Inv, Num, NumCast, One, Signed, ToPrimitive, Zero,
};

/// A [`HyperDualVec`] computed without activity tracking and with the
/// second-derivative parts stored once (see the module docs). Not nameable
/// outside the crate; your function sees it only as a `D: DualNum<F>`.
///
/// `P = N (N + 1) / 2` (checked when a number is made): `eps2` holds the
/// lower triangle row by row, `(i, j)` with `j <= i` at
/// [`packed`]`(i, j) = i (i + 1) / 2 + j`, which does not depend on `N`.
#[derive(Clone, Copy)]
pub struct Hyper<T, const N: usize, const P: usize> {
    pub(crate) re: T,
    pub(crate) eps: [T; N],
    pub(crate) eps2: [T; P],
}

/// Where the second derivative `(i, j)` (either order) is in
/// [`Hyper::eps2`].
pub(crate) const fn packed(i: usize, j: usize) -> usize {
    let (i, j) = if i >= j { (i, j) } else { (j, i) };
    i * (i + 1) / 2 + j
}

impl<T: Float, const N: usize, const P: usize> Hyper<T, N, P> {
    /// The pair `(i, j)`, `j <= i`, of each entry of `eps2`; does not
    /// compile unless `P = N (N + 1) / 2`.
    const PAIRS: [(usize, usize); P] = {
        let mut pairs = [(0, 0); P];
        let (mut i, mut k) = (0, 0);
        while i < N {
            let mut j = 0;
            while j <= i {
                pairs[k] = (i, j);
                k += 1;
                j += 1;
            }
            i += 1;
        }
        assert!(k == P, "P must be N (N + 1) / 2");
        pairs
    };

    /// The number with these parts.
    #[inline(always)]
    fn parts(re: T, eps: [T; N], eps2: [T; P]) -> Self {
        let _ = Self::PAIRS;
        Self { re, eps, eps2 }
    }

    /// `eps2` from the second derivative of each pair `(i, j)`, `j <= i`.
    #[inline(always)]
    fn lower(f: impl Fn(usize, usize) -> T) -> [T; P] {
        core::array::from_fn(|k| {
            let (i, j) = Self::PAIRS[k];
            f(i, j)
        })
    }

    /// A constant.
    #[inline(always)]
    fn constant(re: T) -> Self {
        Self::parts(re, [T::zero(); N], [T::zero(); P])
    }

    /// The `i`-th variable at `re`, as [`HyperDualVec::variable`] (all
    /// parts NaN for `i >= N`).
    pub(crate) fn variable(re: T, i: usize) -> Self {
        Self::from_vec(HyperDualVec::variable(re, i))
    }

    /// The same number as a [`HyperDualVec`].
    #[inline(always)]
    fn to_vec(self) -> HyperDualVec<T, N> {
        let eps2 = core::array::from_fn(|i| {
            core::array::from_fn(|j| self.eps2.get(packed(i, j)).copied().unwrap_or_else(T::nan))
        });
        HyperDualVec::new(self.re, self.eps, eps2)
    }

    /// A [`HyperDualVec`]'s parts, its lower triangle for the second ones.
    #[inline(always)]
    fn from_vec(h: HyperDualVec<T, N>) -> Self {
        Self::parts(h.re, h.eps, Self::lower(|i, j| h.eps2[i][j]))
    }

    /// `f` part by part.
    #[inline(always)]
    fn map(self, f: impl Fn(T) -> T) -> Self {
        Self::parts(f(self.re), self.eps.map(&f), self.eps2.map(&f))
    }

    /// `f` part by part of two numbers.
    #[inline(always)]
    fn zip(self, o: Self, f: impl Fn(T, T) -> T) -> Self {
        let eps = core::array::from_fn(|i| f(self.eps[i], o.eps[i]));
        let eps2 = core::array::from_fn(|k| f(self.eps2[k], o.eps2[k]));
        Self::parts(f(self.re, o.re), eps, eps2)
    }

    /// The full product rule: `a b`, `a bi + ai b`, `a Bij + ai bj + aj bi + Aij b`.
    #[inline(always)]
    fn product(self, o: Self) -> Self {
        let (a, b) = (&self, &o);
        let eps = core::array::from_fn(|i| a.re * b.eps[i] + a.eps[i] * b.re);
        let eps2 = core::array::from_fn(|k| {
            let (i, j) = Self::PAIRS[k];
            a.re * b.eps2[k] + a.eps[i] * b.eps[j] + a.eps[j] * b.eps[i] + a.eps2[k] * b.re
        });
        Self::parts(a.re * b.re, eps, eps2)
    }

    /// The chain rule with `f0 = f(a)`, `f1 = f'(a)`, `f2 = f''(a)`:
    /// `f0`, `f1 ai`, `f1 Aij + f2 ai aj`.
    #[inline(always)]
    fn chain(self, f0: T, f1: T, f2: T) -> Self {
        let a = &self;
        let eps = a.eps.map(|e| f1 * e);
        let eps2 = core::array::from_fn(|k| {
            let (i, j) = Self::PAIRS[k];
            f1 * a.eps2[k] + f2 * a.eps[i] * a.eps[j]
        });
        Self::parts(f0, eps, eps2)
    }

    /// `HyperDualVec`'s `f` of one number.
    #[inline(always)]
    fn via(self, f: impl FnOnce(HyperDualVec<T, N>) -> HyperDualVec<T, N>) -> Self {
        Self::from_vec(f(self.to_vec()))
    }

    /// `HyperDualVec`'s `f` of two numbers.
    #[inline(always)]
    fn via2(
        self,
        o: Self,
        f: impl FnOnce(HyperDualVec<T, N>, HyperDualVec<T, N>) -> HyperDualVec<T, N>,
    ) -> Self {
        Self::from_vec(f(self.to_vec(), o.to_vec()))
    }
}

impl<T: Float, const N: usize, const P: usize> Hyper<T, N, P> {
    /// `x^n`: the value and two derivatives of `HyperDualVec`'s own `powi`,
    /// read from a one-direction probe at the value, then the chain rule.
    /// Where a derivative is not finite, `HyperDualVec`'s `powi` itself.
    /// The square, the commonest power, directly and at every value:
    /// `HyperDualVec`'s `powi(2)` is this chain rule with `x x`, `x + x` and
    /// `2` (all its parts NaN at a NaN value, as here).
    #[inline(always)]
    fn powi_full(self, n: i32) -> Self {
        let x = self.re;
        if n == 2 {
            return self.chain(x * x, x + x, T::one() + T::one());
        }
        let p = HyperDualVec::<T, 1>::variable(x, 0).powi(n);
        let (f1, f2) = (p.eps[0], p.eps2[0][0]);
        if f1.is_finite() && f2.is_finite() {
            self.chain(p.re, f1, f2)
        } else {
            self.via(|h| h.powi(n))
        }
    }
}

impl<T: Float + fmt::Debug, const N: usize, const P: usize> fmt::Debug for Hyper<T, N, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.to_vec().fmt(f)
    }
}

impl<T: Float + fmt::Display + 'static, const N: usize, const P: usize> fmt::Display
    for Hyper<T, N, P>
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.to_vec().fmt(f)
    }
}

/// An operator between two numbers, by value and by reference, and its
/// assign forms.
macro_rules! binop {
    ($Op:ident, $op:ident, $OpA:ident, $opa:ident, |$a:ident, $b:ident| $body:expr) => {
        impl<T: Float, const N: usize, const P: usize> $Op for Hyper<T, N, P> {
            type Output = Self;
            #[inline(always)]
            fn $op(self, rhs: Self) -> Self {
                let ($a, $b) = (self, rhs);
                $body
            }
        }
        impl<T: Float, const N: usize, const P: usize> $Op<&Hyper<T, N, P>> for Hyper<T, N, P> {
            type Output = Self;
            #[inline]
            fn $op(self, rhs: &Self) -> Self {
                $Op::$op(self, *rhs)
            }
        }
        impl<T: Float, const N: usize, const P: usize> $Op<Hyper<T, N, P>> for &Hyper<T, N, P> {
            type Output = Hyper<T, N, P>;
            #[inline]
            fn $op(self, rhs: Hyper<T, N, P>) -> Hyper<T, N, P> {
                $Op::$op(*self, rhs)
            }
        }
        impl<T: Float, const N: usize, const P: usize> $Op<&Hyper<T, N, P>> for &Hyper<T, N, P> {
            type Output = Hyper<T, N, P>;
            #[inline]
            fn $op(self, rhs: &Hyper<T, N, P>) -> Hyper<T, N, P> {
                $Op::$op(*self, *rhs)
            }
        }
        impl<T: Float, const N: usize, const P: usize> $OpA for Hyper<T, N, P> {
            #[inline]
            fn $opa(&mut self, rhs: Self) {
                *self = $Op::$op(*self, rhs);
            }
        }
        impl<T: Float, const N: usize, const P: usize> $OpA<&Hyper<T, N, P>> for Hyper<T, N, P> {
            #[inline]
            fn $opa(&mut self, rhs: &Self) {
                *self = $Op::$op(*self, *rhs);
            }
        }
    };
}

binop!(Add, add, AddAssign, add_assign, |a, b| a
    .zip(b, |x, y| x + y));
binop!(Sub, sub, SubAssign, sub_assign, |a, b| a
    .zip(b, |x, y| x - y));
binop!(Mul, mul, MulAssign, mul_assign, |a, b| a.product(b));
binop!(Div, div, DivAssign, div_assign, |a, b| a
    .via2(b, |x, y| x / y));
binop!(Rem, rem, RemAssign, rem_assign, |a, b| a
    .via2(b, |x, y| x % y));

impl<T: Float, const N: usize, const P: usize> Neg for Hyper<T, N, P> {
    type Output = Self;
    #[inline(always)]
    fn neg(self) -> Self {
        self.map(|c| -c)
    }
}
impl<T: Float, const N: usize, const P: usize> Neg for &Hyper<T, N, P> {
    type Output = Hyper<T, N, P>;
    #[inline]
    fn neg(self) -> Hyper<T, N, P> {
        -*self
    }
}

impl<T: Float, const N: usize, const P: usize> Sum for Hyper<T, N, P> {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::zero(), |acc, x| acc + x)
    }
}
impl<'a, T: Float, const N: usize, const P: usize> Sum<&'a Hyper<T, N, P>> for Hyper<T, N, P> {
    fn sum<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
        iter.fold(Self::zero(), |acc, x| acc + *x)
    }
}
impl<T: Float, const N: usize, const P: usize> Product for Hyper<T, N, P> {
    fn product<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::one(), |acc, x| acc * x)
    }
}
impl<'a, T: Float, const N: usize, const P: usize> Product<&'a Hyper<T, N, P>> for Hyper<T, N, P> {
    fn product<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
        iter.fold(Self::one(), |acc, x| acc * *x)
    }
}

// comparisons look at the value only, as for `HyperDualVec`
impl<T: Float, const N: usize, const P: usize> PartialEq for Hyper<T, N, P> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.re == other.re
    }
}
impl<T: Float, const N: usize, const P: usize> PartialOrd for Hyper<T, N, P> {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        self.re.partial_cmp(&other.re)
    }
}
impl<T: Float, const N: usize, const P: usize> Default for Hyper<T, N, P> {
    #[inline]
    fn default() -> Self {
        Self::constant(T::zero())
    }
}
impl<T: Float, const N: usize, const P: usize> Zero for Hyper<T, N, P> {
    #[inline]
    fn zero() -> Self {
        Self::constant(T::zero())
    }
    #[inline]
    fn is_zero(&self) -> bool {
        self.re.is_zero()
    }
}
impl<T: Float, const N: usize, const P: usize> One for Hyper<T, N, P> {
    #[inline]
    fn one() -> Self {
        Self::constant(T::one())
    }
}
impl<T: Float, const N: usize, const P: usize> Num for Hyper<T, N, P> {
    type FromStrRadixErr = <HyperDualVec<T, N> as Num>::FromStrRadixErr;
    fn from_str_radix(s: &str, radix: u32) -> Result<Self, Self::FromStrRadixErr> {
        HyperDualVec::from_str_radix(s, radix).map(Self::from_vec)
    }
}
impl<T: Float, const N: usize, const P: usize> ToPrimitive for Hyper<T, N, P> {
    fn to_i64(&self) -> Option<i64> {
        self.re.to_i64()
    }
    fn to_u64(&self) -> Option<u64> {
        self.re.to_u64()
    }
    fn to_f32(&self) -> Option<f32> {
        self.re.to_f32()
    }
    fn to_f64(&self) -> Option<f64> {
        self.re.to_f64()
    }
}
impl<T: Float, const N: usize, const P: usize> NumCast for Hyper<T, N, P> {
    fn from<X: ToPrimitive>(n: X) -> Option<Self> {
        <HyperDualVec<T, N> as NumCast>::from(n).map(Self::from_vec)
    }
}
impl<T: Float + FromPrimitive, const N: usize, const P: usize> FromPrimitive for Hyper<T, N, P> {
    fn from_i64(n: i64) -> Option<Self> {
        HyperDualVec::from_i64(n).map(Self::from_vec)
    }
    fn from_u64(n: u64) -> Option<Self> {
        HyperDualVec::from_u64(n).map(Self::from_vec)
    }
    fn from_f32(n: f32) -> Option<Self> {
        HyperDualVec::from_f32(n).map(Self::from_vec)
    }
    fn from_f64(n: f64) -> Option<Self> {
        HyperDualVec::from_f64(n).map(Self::from_vec)
    }
}
impl<T: Float, const N: usize, const P: usize> Inv for Hyper<T, N, P> {
    type Output = Self;
    fn inv(self) -> Self {
        self.via(Inv::inv)
    }
}
impl<T: Float, const N: usize, const P: usize> Signed for Hyper<T, N, P> {
    fn abs(&self) -> Self {
        self.via(|h| Signed::abs(&h))
    }
    fn abs_sub(&self, other: &Self) -> Self {
        self.via2(*other, |a, b| Signed::abs_sub(&a, &b))
    }
    fn signum(&self) -> Self {
        self.via(|h| Signed::signum(&h))
    }
    fn is_positive(&self) -> bool {
        self.to_vec().is_positive()
    }
    fn is_negative(&self) -> bool {
        self.to_vec().is_negative()
    }
}

/// Constants, functions and queries of `HyperDualVec`.
macro_rules! forward {
    (constants $tr:ident: $($c:ident),*) => {$(
        fn $c() -> Self {
            Self::from_vec(<HyperDualVec<T, N> as $tr>::$c())
        }
    )*};
    (unary: $($f:ident),*) => {$(
        #[inline]
        fn $f(self) -> Self {
            self.via(Float::$f)
        }
    )*};
    (binary: $($f:ident),*) => {$(
        #[inline]
        fn $f(self, other: Self) -> Self {
            self.via2(other, Float::$f)
        }
    )*};
    (query: $($f:ident),*) => {$(
        #[inline]
        fn $f(self) -> bool {
            Float::$f(self.to_vec())
        }
    )*};
}

impl<T: Float + FloatConst, const N: usize, const P: usize> FloatConst for Hyper<T, N, P> {
    forward!(constants FloatConst: E, FRAC_1_PI, FRAC_1_SQRT_2, FRAC_2_PI, FRAC_2_SQRT_PI,
        FRAC_PI_2, FRAC_PI_3, FRAC_PI_4, FRAC_PI_6, FRAC_PI_8, LN_10, LN_2, LOG10_E, LOG2_E, PI,
        SQRT_2, TAU, LOG10_2, LOG2_10);
}

impl<T: Float, const N: usize, const P: usize> Float for Hyper<T, N, P> {
    forward!(constants Float: nan, infinity, neg_infinity, neg_zero, min_value,
        min_positive_value, max_value, epsilon);
    forward!(unary: floor, ceil, round, trunc, fract, abs, signum, recip, sqrt, exp, exp2, ln,
        log2, log10, cbrt, sin, cos, tan, asin, acos, atan, exp_m1, ln_1p, sinh, cosh, tanh,
        asinh, acosh, atanh, to_degrees, to_radians);
    forward!(binary: powf, log, max, min, abs_sub, hypot, atan2, copysign);
    forward!(query: is_nan, is_infinite, is_finite, is_normal, is_sign_positive,
        is_sign_negative);
    fn classify(self) -> FpCategory {
        self.to_vec().classify()
    }
    fn integer_decode(self) -> (u64, i16, i8) {
        self.to_vec().integer_decode()
    }
    fn mul_add(self, a: Self, b: Self) -> Self {
        Self::from_vec(self.to_vec().mul_add(a.to_vec(), b.to_vec()))
    }
    #[inline(always)]
    fn powi(self, n: i32) -> Self {
        self.powi_full(n)
    }
    fn clamp(self, min: Self, max: Self) -> Self {
        Self::from_vec(Float::clamp(self.to_vec(), min.to_vec(), max.to_vec()))
    }
    fn sin_cos(self) -> (Self, Self) {
        let (s, c) = Float::sin_cos(self.to_vec());
        (Self::from_vec(s), Self::from_vec(c))
    }
}

/// For one primitive `F`: the operations with it (on the value for `+`
/// and `-`, on every part for `*` and `/`, as `HyperDualVec` computes them),
/// comparisons with it, `From<F>`, `PrimitiveOps<F>` and `DualNum<F>`.
macro_rules! primitive {
    ($($p:ty),*) => {$(
        primitive!(@op $p, Add, add, AddAssign, add_assign,
            |x, s| Hyper::parts(x.re + s, x.eps, x.eps2));
        primitive!(@op $p, Sub, sub, SubAssign, sub_assign,
            |x, s| Hyper::parts(x.re - s, x.eps, x.eps2));
        primitive!(@op $p, Mul, mul, MulAssign, mul_assign, |x, s| x.map(|c| c * s));
        primitive!(@op $p, Div, div, DivAssign, div_assign, |x, s| x.map(|c| c / s));
        primitive!(@op $p, Rem, rem, RemAssign, rem_assign, |x, s| x.via(|h| h % s));

        impl<T: DualNum<$p>, const N: usize, const P: usize> PartialEq<$p> for Hyper<T, N, P> {
            #[inline]
            fn eq(&self, other: &$p) -> bool {
                DualNum::<$p>::re(&self.re) == *other
            }
        }
        impl<T: DualNum<$p>, const N: usize, const P: usize> PartialOrd<$p> for Hyper<T, N, P> {
            #[inline]
            fn partial_cmp(&self, other: &$p) -> Option<Ordering> {
                DualNum::<$p>::re(&self.re).partial_cmp(other)
            }
        }
        impl<T: DualNum<$p>, const N: usize, const P: usize> From<$p> for Hyper<T, N, P> {
            #[inline]
            fn from(re: $p) -> Self {
                Self::constant(T::from_re(re))
            }
        }
        impl<T: DualNum<$p>, const N: usize, const P: usize> dual::PrimitiveOps<$p> for Hyper<T, N, P> {}
        impl<T: DualNum<$p>, const N: usize, const P: usize> DualNum<$p> for Hyper<T, N, P> {
            #[inline]
            fn re(&self) -> $p {
                DualNum::<$p>::re(&self.re)
            }
            #[inline]
            fn from_re(re: $p) -> Self {
                Self::constant(T::from_re(re))
            }
            fn powf_scalar(self, n: $p) -> Self {
                self.via(|h| h.powf_scalar(n))
            }
        }
    )*};
    (@op $p:ty, $Op:ident, $op:ident, $OpA:ident, $opa:ident, |$x:ident, $s:ident| $body:expr) => {
        impl<T: DualNum<$p>, const N: usize, const P: usize> $Op<$p> for Hyper<T, N, P> {
            type Output = Self;
            #[inline(always)]
            fn $op(self, rhs: $p) -> Self {
                let ($x, $s) = (self, rhs);
                $body
            }
        }
        impl<T: DualNum<$p>, const N: usize, const P: usize> $Op<$p> for &Hyper<T, N, P> {
            type Output = Hyper<T, N, P>;
            #[inline]
            fn $op(self, rhs: $p) -> Hyper<T, N, P> {
                $Op::$op(*self, rhs)
            }
        }
        impl<T: DualNum<$p>, const N: usize, const P: usize> $OpA<$p> for Hyper<T, N, P> {
            #[inline]
            fn $opa(&mut self, rhs: $p) {
                *self = $Op::$op(*self, rhs);
            }
        }
    };
}
primitive!(f32, f64);
