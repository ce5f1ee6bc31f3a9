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
//! [`Hyper`] wraps a `HyperDualVec` and computes `+`, `-`, `*`, negation,
//! the operations with a primitive and `powi` part by part with the formulas
//! of `HyperDualVec`'s full computation, without tests; every other function
//! is `HyperDualVec`'s own (its value and parts are those of
//! `HyperDualVec`'s full computation, which the `dual` crate keeps equal to
//! its tracked one). Results equal `HyperDualVec`'s up to the sign of parts
//! that are zero.

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

/// A [`HyperDualVec`] computed without activity tracking (see the module
/// docs). Not nameable outside the crate; your function sees it only as a
/// `D: DualNum<F>`.
#[derive(Clone, Copy)]
pub struct Hyper<T, const N: usize>(pub(crate) HyperDualVec<T, N>);

impl<T: Float, const N: usize> Hyper<T, N> {
    /// The number with these parts (marked full for `HyperDualVec`'s own
    /// functions).
    #[inline(always)]
    fn parts(re: T, eps: [T; N], eps2: [[T; N]; N]) -> Self {
        Self(HyperDualVec::new(re, eps, eps2))
    }

    /// `f` part by part.
    #[inline(always)]
    fn map(self, f: impl Fn(T) -> T) -> Self {
        let a = &self.0;
        Self::parts(f(a.re), a.eps.map(&f), a.eps2.map(|row| row.map(&f)))
    }

    /// `f` part by part of two numbers.
    #[inline(always)]
    fn zip(self, o: Self, f: impl Fn(T, T) -> T) -> Self {
        let (a, b) = (&self.0, &o.0);
        let eps = core::array::from_fn(|i| f(a.eps[i], b.eps[i]));
        let eps2 =
            core::array::from_fn(|i| core::array::from_fn(|j| f(a.eps2[i][j], b.eps2[i][j])));
        Self::parts(f(a.re, b.re), eps, eps2)
    }

    /// The full product rule: `a b`, `a bi + ai b`, `a Bij + ai bj + aj bi + Aij b`.
    #[inline(always)]
    fn product(self, o: Self) -> Self {
        let (a, b) = (&self.0, &o.0);
        let eps = core::array::from_fn(|i| a.re * b.eps[i] + a.eps[i] * b.re);
        let eps2 = core::array::from_fn(|i| {
            core::array::from_fn(|j| {
                a.re * b.eps2[i][j]
                    + a.eps[i] * b.eps[j]
                    + a.eps[j] * b.eps[i]
                    + a.eps2[i][j] * b.re
            })
        });
        Self::parts(a.re * b.re, eps, eps2)
    }

    /// The chain rule with `f0 = f(a)`, `f1 = f'(a)`, `f2 = f''(a)`:
    /// `f0`, `f1 ai`, `f1 Aij + f2 ai aj`.
    #[inline(always)]
    fn chain(self, f0: T, f1: T, f2: T) -> Self {
        let a = &self.0;
        let eps = a.eps.map(|e| f1 * e);
        let eps2 = core::array::from_fn(|i| {
            core::array::from_fn(|j| f1 * a.eps2[i][j] + f2 * a.eps[i] * a.eps[j])
        });
        Self::parts(f0, eps, eps2)
    }
}

impl<T: Float, const N: usize> Hyper<T, N> {
    /// `x^n`: the value and two derivatives of `HyperDualVec`'s own `powi`,
    /// read from a one-direction probe at the value, then the chain rule.
    /// Where a derivative is not finite, `HyperDualVec`'s `powi` itself.
    /// The square, the commonest power, directly: at a finite value the
    /// probe's parts are `x^2`, `2 x` and `2` (`2 x^1` and `2 · 1 · x^0`).
    #[inline(always)]
    fn powi_full(self, n: i32) -> Self {
        let x = self.0.re;
        if n == 2 && x.is_finite() {
            return self.chain(x.powi(2), x + x, T::one() + T::one());
        }
        let p = HyperDualVec::<T, 1>::variable(x, 0).powi(n);
        let (f1, f2) = (p.eps[0], p.eps2[0][0]);
        if f1.is_finite() && f2.is_finite() {
            self.chain(p.re, f1, f2)
        } else {
            Self(self.0.powi(n))
        }
    }
}

impl<T: fmt::Debug, const N: usize> fmt::Debug for Hyper<T, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: Float + fmt::Display + 'static, const N: usize> fmt::Display for Hyper<T, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// An operator between two numbers, by value and by reference, and its
/// assign forms.
macro_rules! binop {
    ($Op:ident, $op:ident, $OpA:ident, $opa:ident, |$a:ident, $b:ident| $body:expr) => {
        impl<T: Float, const N: usize> $Op for Hyper<T, N> {
            type Output = Self;
            #[inline(always)]
            fn $op(self, rhs: Self) -> Self {
                let ($a, $b) = (self, rhs);
                $body
            }
        }
        impl<T: Float, const N: usize> $Op<&Hyper<T, N>> for Hyper<T, N> {
            type Output = Self;
            #[inline]
            fn $op(self, rhs: &Self) -> Self {
                $Op::$op(self, *rhs)
            }
        }
        impl<T: Float, const N: usize> $Op<Hyper<T, N>> for &Hyper<T, N> {
            type Output = Hyper<T, N>;
            #[inline]
            fn $op(self, rhs: Hyper<T, N>) -> Hyper<T, N> {
                $Op::$op(*self, rhs)
            }
        }
        impl<T: Float, const N: usize> $Op<&Hyper<T, N>> for &Hyper<T, N> {
            type Output = Hyper<T, N>;
            #[inline]
            fn $op(self, rhs: &Hyper<T, N>) -> Hyper<T, N> {
                $Op::$op(*self, *rhs)
            }
        }
        impl<T: Float, const N: usize> $OpA for Hyper<T, N> {
            #[inline]
            fn $opa(&mut self, rhs: Self) {
                *self = $Op::$op(*self, rhs);
            }
        }
        impl<T: Float, const N: usize> $OpA<&Hyper<T, N>> for Hyper<T, N> {
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
binop!(Div, div, DivAssign, div_assign, |a, b| Hyper(a.0 / b.0));
binop!(Rem, rem, RemAssign, rem_assign, |a, b| Hyper(a.0 % b.0));

impl<T: Float, const N: usize> Neg for Hyper<T, N> {
    type Output = Self;
    #[inline(always)]
    fn neg(self) -> Self {
        self.map(|c| -c)
    }
}
impl<T: Float, const N: usize> Neg for &Hyper<T, N> {
    type Output = Hyper<T, N>;
    #[inline]
    fn neg(self) -> Hyper<T, N> {
        -*self
    }
}

impl<T: Float, const N: usize> Sum for Hyper<T, N> {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::zero(), |acc, x| acc + x)
    }
}
impl<'a, T: Float, const N: usize> Sum<&'a Hyper<T, N>> for Hyper<T, N> {
    fn sum<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
        iter.fold(Self::zero(), |acc, x| acc + *x)
    }
}
impl<T: Float, const N: usize> Product for Hyper<T, N> {
    fn product<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::one(), |acc, x| acc * x)
    }
}
impl<'a, T: Float, const N: usize> Product<&'a Hyper<T, N>> for Hyper<T, N> {
    fn product<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
        iter.fold(Self::one(), |acc, x| acc * *x)
    }
}

// comparisons look at the value only, as for `HyperDualVec`
impl<T: Float, const N: usize> PartialEq for Hyper<T, N> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl<T: Float, const N: usize> PartialOrd for Hyper<T, N> {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        self.0.partial_cmp(&other.0)
    }
}
impl<T: Float, const N: usize> Default for Hyper<T, N> {
    #[inline]
    fn default() -> Self {
        Self(HyperDualVec::default())
    }
}
impl<T: Float, const N: usize> Zero for Hyper<T, N> {
    #[inline]
    fn zero() -> Self {
        Self(HyperDualVec::zero())
    }
    #[inline]
    fn is_zero(&self) -> bool {
        self.0.is_zero()
    }
}
impl<T: Float, const N: usize> One for Hyper<T, N> {
    #[inline]
    fn one() -> Self {
        Self(HyperDualVec::one())
    }
}
impl<T: Float, const N: usize> Num for Hyper<T, N> {
    type FromStrRadixErr = <HyperDualVec<T, N> as Num>::FromStrRadixErr;
    fn from_str_radix(s: &str, radix: u32) -> Result<Self, Self::FromStrRadixErr> {
        HyperDualVec::from_str_radix(s, radix).map(Self)
    }
}
impl<T: Float, const N: usize> ToPrimitive for Hyper<T, N> {
    fn to_i64(&self) -> Option<i64> {
        self.0.to_i64()
    }
    fn to_u64(&self) -> Option<u64> {
        self.0.to_u64()
    }
    fn to_f32(&self) -> Option<f32> {
        self.0.to_f32()
    }
    fn to_f64(&self) -> Option<f64> {
        self.0.to_f64()
    }
}
impl<T: Float, const N: usize> NumCast for Hyper<T, N> {
    fn from<P: ToPrimitive>(n: P) -> Option<Self> {
        <HyperDualVec<T, N> as NumCast>::from(n).map(Self)
    }
}
impl<T: Float + FromPrimitive, const N: usize> FromPrimitive for Hyper<T, N> {
    fn from_i64(n: i64) -> Option<Self> {
        HyperDualVec::from_i64(n).map(Self)
    }
    fn from_u64(n: u64) -> Option<Self> {
        HyperDualVec::from_u64(n).map(Self)
    }
    fn from_f32(n: f32) -> Option<Self> {
        HyperDualVec::from_f32(n).map(Self)
    }
    fn from_f64(n: f64) -> Option<Self> {
        HyperDualVec::from_f64(n).map(Self)
    }
}
impl<T: Float, const N: usize> Inv for Hyper<T, N> {
    type Output = Self;
    fn inv(self) -> Self {
        Self(Inv::inv(self.0))
    }
}
impl<T: Float, const N: usize> Signed for Hyper<T, N> {
    fn abs(&self) -> Self {
        Self(Signed::abs(&self.0))
    }
    fn abs_sub(&self, other: &Self) -> Self {
        Self(Signed::abs_sub(&self.0, &other.0))
    }
    fn signum(&self) -> Self {
        Self(Signed::signum(&self.0))
    }
    fn is_positive(&self) -> bool {
        self.0.is_positive()
    }
    fn is_negative(&self) -> bool {
        self.0.is_negative()
    }
}

/// Constants, functions and queries of `HyperDualVec`.
macro_rules! forward {
    (constants $tr:ident: $($c:ident),*) => {$(
        fn $c() -> Self {
            Self(<HyperDualVec<T, N> as $tr>::$c())
        }
    )*};
    (unary: $($f:ident),*) => {$(
        #[inline]
        fn $f(self) -> Self {
            Self(Float::$f(self.0))
        }
    )*};
    (binary: $($f:ident),*) => {$(
        #[inline]
        fn $f(self, other: Self) -> Self {
            Self(Float::$f(self.0, other.0))
        }
    )*};
    (query: $($f:ident),*) => {$(
        #[inline]
        fn $f(self) -> bool {
            Float::$f(self.0)
        }
    )*};
}

impl<T: Float + FloatConst, const N: usize> FloatConst for Hyper<T, N> {
    forward!(constants FloatConst: E, FRAC_1_PI, FRAC_1_SQRT_2, FRAC_2_PI, FRAC_2_SQRT_PI,
        FRAC_PI_2, FRAC_PI_3, FRAC_PI_4, FRAC_PI_6, FRAC_PI_8, LN_10, LN_2, LOG10_E, LOG2_E, PI,
        SQRT_2, TAU, LOG10_2, LOG2_10);
}

impl<T: Float, const N: usize> Float for Hyper<T, N> {
    forward!(constants Float: nan, infinity, neg_infinity, neg_zero, min_value,
        min_positive_value, max_value, epsilon);
    forward!(unary: floor, ceil, round, trunc, fract, abs, signum, recip, sqrt, exp, exp2, ln,
        log2, log10, cbrt, sin, cos, tan, asin, acos, atan, exp_m1, ln_1p, sinh, cosh, tanh,
        asinh, acosh, atanh, to_degrees, to_radians);
    forward!(binary: powf, log, max, min, abs_sub, hypot, atan2, copysign);
    forward!(query: is_nan, is_infinite, is_finite, is_normal, is_sign_positive,
        is_sign_negative);
    fn classify(self) -> FpCategory {
        self.0.classify()
    }
    fn integer_decode(self) -> (u64, i16, i8) {
        self.0.integer_decode()
    }
    fn mul_add(self, a: Self, b: Self) -> Self {
        Self(self.0.mul_add(a.0, b.0))
    }
    #[inline(always)]
    fn powi(self, n: i32) -> Self {
        self.powi_full(n)
    }
    fn clamp(self, min: Self, max: Self) -> Self {
        Self(Float::clamp(self.0, min.0, max.0))
    }
    fn sin_cos(self) -> (Self, Self) {
        let (s, c) = Float::sin_cos(self.0);
        (Self(s), Self(c))
    }
}

/// For one primitive `F`: the operations with it (on the value for `+`
/// and `-`, on every part for `*` and `/`, as `HyperDualVec` computes them),
/// comparisons with it, `From<F>`, `PrimitiveOps<F>` and `DualNum<F>`.
macro_rules! primitive {
    ($($p:ty),*) => {$(
        primitive!(@op $p, Add, add, AddAssign, add_assign,
            |x, s| Hyper::parts(x.0.re + s, x.0.eps, x.0.eps2));
        primitive!(@op $p, Sub, sub, SubAssign, sub_assign,
            |x, s| Hyper::parts(x.0.re - s, x.0.eps, x.0.eps2));
        primitive!(@op $p, Mul, mul, MulAssign, mul_assign, |x, s| x.map(|c| c * s));
        primitive!(@op $p, Div, div, DivAssign, div_assign, |x, s| x.map(|c| c / s));
        primitive!(@op $p, Rem, rem, RemAssign, rem_assign, |x, s| Hyper(x.0 % s));

        impl<T: DualNum<$p>, const N: usize> PartialEq<$p> for Hyper<T, N> {
            #[inline]
            fn eq(&self, other: &$p) -> bool {
                self.0 == *other
            }
        }
        impl<T: DualNum<$p>, const N: usize> PartialOrd<$p> for Hyper<T, N> {
            #[inline]
            fn partial_cmp(&self, other: &$p) -> Option<Ordering> {
                self.0.partial_cmp(other)
            }
        }
        impl<T: DualNum<$p>, const N: usize> From<$p> for Hyper<T, N> {
            #[inline]
            fn from(re: $p) -> Self {
                Self(<HyperDualVec<T, N> as From<$p>>::from(re))
            }
        }
        impl<T: DualNum<$p>, const N: usize> dual::PrimitiveOps<$p> for Hyper<T, N> {}
        impl<T: DualNum<$p>, const N: usize> DualNum<$p> for Hyper<T, N> {
            #[inline]
            fn re(&self) -> $p {
                self.0.re()
            }
            #[inline]
            fn from_re(re: $p) -> Self {
                Self(HyperDualVec::from_re(re))
            }
            fn powf_scalar(self, n: $p) -> Self {
                Self(self.0.powf_scalar(n))
            }
        }
    )*};
    (@op $p:ty, $Op:ident, $op:ident, $OpA:ident, $opa:ident, |$x:ident, $s:ident| $body:expr) => {
        impl<T: DualNum<$p>, const N: usize> $Op<$p> for Hyper<T, N> {
            type Output = Self;
            #[inline(always)]
            fn $op(self, rhs: $p) -> Self {
                let ($x, $s) = (self, rhs);
                $body
            }
        }
        impl<T: DualNum<$p>, const N: usize> $Op<$p> for &Hyper<T, N> {
            type Output = Hyper<T, N>;
            #[inline]
            fn $op(self, rhs: $p) -> Hyper<T, N> {
                $Op::$op(*self, rhs)
            }
        }
        impl<T: DualNum<$p>, const N: usize> $OpA<$p> for Hyper<T, N> {
            #[inline]
            fn $opa(&mut self, rhs: $p) {
                *self = $Op::$op(*self, rhs);
            }
        }
    };
}
primitive!(f32, f64);
