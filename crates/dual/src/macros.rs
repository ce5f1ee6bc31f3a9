//! The implementations every number type shares, generated once.
//!
//! A number type supplies the contract of [`crate::contract`] (its parts, its
//! product and quotient rules and, for the fixed-order types, its chain rule)
//! and its elementary functions as inherent methods. `impl_number!` derives the
//! rest, one macro per trait group: `impl_ops!` (operators), `impl_cmp!`
//! (comparisons), `impl_num_traits!`, `impl_dualnum!`, `impl_approx!` and
//! `impl_derived!` (the functions built from others, whose maths lives in
//! [`crate::derived`]). `impl_chain_functions!` writes a fixed-order type's
//! elementary functions from the table in [`crate::elementary`].
//!
//! Each macro takes the type name and an optional const-generic parameter name
//! in brackets: `impl_number!(Dual[])`, `impl_number!(Taylor[N])`.

/// Trait methods that forward to the type's inherent methods of the same name
/// (`unary`, `binary`), or that return a constant of the inner type through a
/// trait (`constants Trait: ...`). One piece of code for `Float`, `FloatConst`,
/// `ComplexField` and `RealField`.
macro_rules! forward {
    (unary $t:ident: $($f:ident),*) => {$(
        #[inline]
        fn $f(self) -> Self {
            $t::$f(self)
        }
    )*};
    (binary $t:ident: $($f:ident),*) => {$(
        #[inline]
        fn $f(self, other: Self) -> Self {
            $t::$f(self, other)
        }
    )*};
    (constants $tr:path: $($f:ident),*) => {$(
        #[inline]
        fn $f() -> Self {
            Self::constant(<T as $tr>::$f())
        }
    )*};
}

/// A binary operator between two numbers of the same type, with by-reference
/// and assign forms.
macro_rules! impl_binop {
    ($t:ident[$($n:ident)?], $Op:ident, $op:ident, $OpA:ident, $opa:ident, |$a:ident, $b:ident| $body:expr) => {
        impl<T: Float $(, const $n: usize)?> core::ops::$Op for $t<T $(, $n)?> {
            type Output = Self;
            #[inline(always)]
            fn $op(self, rhs: Self) -> Self {
                let ($a, $b) = (self, rhs);
                $body
            }
        }
        impl<T: Float $(, const $n: usize)?> core::ops::$Op<&$t<T $(, $n)?>> for $t<T $(, $n)?> {
            type Output = Self;
            #[inline]
            fn $op(self, rhs: &Self) -> Self {
                core::ops::$Op::$op(self, *rhs)
            }
        }
        impl<T: Float $(, const $n: usize)?> core::ops::$Op<$t<T $(, $n)?>> for &$t<T $(, $n)?> {
            type Output = $t<T $(, $n)?>;
            #[inline]
            fn $op(self, rhs: $t<T $(, $n)?>) -> $t<T $(, $n)?> {
                core::ops::$Op::$op(*self, rhs)
            }
        }
        impl<T: Float $(, const $n: usize)?> core::ops::$Op<&$t<T $(, $n)?>> for &$t<T $(, $n)?> {
            type Output = $t<T $(, $n)?>;
            #[inline]
            fn $op(self, rhs: &$t<T $(, $n)?>) -> $t<T $(, $n)?> {
                core::ops::$Op::$op(*self, *rhs)
            }
        }
        impl<T: Float $(, const $n: usize)?> core::ops::$OpA for $t<T $(, $n)?> {
            #[inline]
            fn $opa(&mut self, rhs: Self) {
                *self = core::ops::$Op::$op(*self, rhs);
            }
        }
        impl<T: Float $(, const $n: usize)?> core::ops::$OpA<&$t<T $(, $n)?>> for $t<T $(, $n)?> {
            #[inline]
            fn $opa(&mut self, rhs: &Self) {
                *self = core::ops::$Op::$op(*self, *rhs);
            }
        }
    };
}

/// Operators with a primitive float on either side, for one primitive.
macro_rules! impl_scalar_ops {
    ($t:ident[$($n:ident)?], $p:ty) => {
        // s + x = x + s
        impl<T: DualNum<$p> $(, const $n: usize)?> core::ops::Add<$t<T $(, $n)?>> for $p {
            type Output = $t<T $(, $n)?>;
            #[inline]
            fn add(self, rhs: $t<T $(, $n)?>) -> $t<T $(, $n)?> {
                rhs + self
            }
        }
        // s - x = -x + s
        impl<T: DualNum<$p> $(, const $n: usize)?> core::ops::Sub<$t<T $(, $n)?>> for $p {
            type Output = $t<T $(, $n)?>;
            #[inline]
            fn sub(self, rhs: $t<T $(, $n)?>) -> $t<T $(, $n)?> {
                -rhs + self
            }
        }
        // s x = x s
        impl<T: DualNum<$p> $(, const $n: usize)?> core::ops::Mul<$t<T $(, $n)?>> for $p {
            type Output = $t<T $(, $n)?>;
            #[inline]
            fn mul(self, rhs: $t<T $(, $n)?>) -> $t<T $(, $n)?> {
                rhs * self
            }
        }
        // s / x = s (1/x), with the value s / x0 of the primitive division
        impl<T: DualNum<$p> $(, const $n: usize)?> core::ops::Div<$t<T $(, $n)?>> for $p {
            type Output = $t<T $(, $n)?>;
            #[inline]
            #[allow(clippy::suspicious_arithmetic_impl)]
            fn div(self, rhs: $t<T $(, $n)?>) -> $t<T $(, $n)?> {
                (rhs.recip() * self).with_real(T::from_re(self) / rhs.real())
            }
        }
        // s % x, with s a constant
        impl<T: DualNum<$p> $(, const $n: usize)?> core::ops::Rem<$t<T $(, $n)?>> for $p {
            type Output = $t<T $(, $n)?>;
            #[inline]
            fn rem(self, rhs: $t<T $(, $n)?>) -> $t<T $(, $n)?> {
                <$t<T $(, $n)?> as Components<T>>::constant(T::from_re(self)) % rhs
            }
        }
        impl<T: DualNum<$p> $(, const $n: usize)?> core::ops::Add<&$t<T $(, $n)?>> for $p {
            type Output = $t<T $(, $n)?>;
            #[inline]
            fn add(self, rhs: &$t<T $(, $n)?>) -> $t<T $(, $n)?> {
                self + *rhs
            }
        }
        impl<T: DualNum<$p> $(, const $n: usize)?> core::ops::Sub<&$t<T $(, $n)?>> for $p {
            type Output = $t<T $(, $n)?>;
            #[inline]
            fn sub(self, rhs: &$t<T $(, $n)?>) -> $t<T $(, $n)?> {
                self - *rhs
            }
        }
        impl<T: DualNum<$p> $(, const $n: usize)?> core::ops::Mul<&$t<T $(, $n)?>> for $p {
            type Output = $t<T $(, $n)?>;
            #[inline]
            fn mul(self, rhs: &$t<T $(, $n)?>) -> $t<T $(, $n)?> {
                self * *rhs
            }
        }
        impl<T: DualNum<$p> $(, const $n: usize)?> core::ops::Div<&$t<T $(, $n)?>> for $p {
            type Output = $t<T $(, $n)?>;
            #[inline]
            fn div(self, rhs: &$t<T $(, $n)?>) -> $t<T $(, $n)?> {
                self / *rhs
            }
        }
    };
    // The primitive on the right: one generic impl for f32 and f64 (`P: DualNum<P>`
    // holds only for them), so that `x - 2.0` in an un-annotated closure has a
    // single candidate impl and its type is known before the literal's is.
    (@right $t:ident[$($n:ident)?]) => {
        impl_scalar_ops!(@op $t[$($n)?], P, Add, add, AddAssign, add_assign, |x, s| x.with_real(x.real() + s));
        impl_scalar_ops!(@op $t[$($n)?], P, Sub, sub, SubAssign, sub_assign, |x, s| x.with_real(x.real() - s));
        impl_scalar_ops!(@op $t[$($n)?], P, Mul, mul, MulAssign, mul_assign, |x, s| x.map(|c| c * s));
        impl_scalar_ops!(@op $t[$($n)?], P, Div, div, DivAssign, div_assign, |x, s| x.map(|c| c / s));
        impl_scalar_ops!(@op $t[$($n)?], P, Rem, rem, RemAssign, rem_assign,
            |x, s| x % <$t<T $(, $n)?> as Components<T>>::constant(T::from_re(s)));

    };
    (@op $t:ident[$($n:ident)?], $p:ident, $Op:ident, $op:ident, $OpA:ident, $opa:ident, |$x:ident, $s:ident| $body:expr) => {
        impl<T: DualNum<$p>, $p: DualNum<$p> $(, const $n: usize)?> core::ops::$Op<$p> for $t<T $(, $n)?> {
            type Output = Self;
            #[inline]
            fn $op(self, rhs: $p) -> Self {
                let ($x, $s) = (self, rhs);
                $body
            }
        }
        impl<T: DualNum<$p>, $p: DualNum<$p> $(, const $n: usize)?> core::ops::$Op<$p> for &$t<T $(, $n)?> {
            type Output = $t<T $(, $n)?>;
            #[inline]
            fn $op(self, rhs: $p) -> $t<T $(, $n)?> {
                core::ops::$Op::$op(*self, rhs)
            }
        }
        impl<T: DualNum<$p>, $p: DualNum<$p> $(, const $n: usize)?> core::ops::$OpA<$p> for $t<T $(, $n)?> {
            #[inline]
            fn $opa(&mut self, rhs: $p) {
                *self = core::ops::$Op::$op(*self, rhs);
            }
        }
    };
}

/// Everything a number type gets from its [`crate::Components`] and its
/// inherent elementary functions, one trait group per macro.
macro_rules! impl_number {
    ($t:ident[$($n:ident)?]) => {
        impl_ops!($t[$($n)?]);
        impl_cmp!($t[$($n)?]);
        impl_num_traits!($t[$($n)?]);
        impl_dualnum!($t[$($n)?], f32);
        impl_dualnum!($t[$($n)?], f64);
        impl_approx!($t[$($n)?]);
        impl_derived!($t[$($n)?]);
    };
}

/// Operators between numbers and with a primitive on either side, negation,
/// `Sum`, `Product` and `Inv`.
macro_rules! impl_ops {
    ($t:ident[$($n:ident)?]) => {
        // (a + a' e) + (b + b' e) = (a + b) + (a' + b') e, and likewise for every part
        impl_binop!($t[$($n)?], Add, add, AddAssign, add_assign, |a, b| a.zip(b, |x, y| x + y));
        impl_binop!($t[$($n)?], Sub, sub, SubAssign, sub_assign, |a, b| a.zip(b, |x, y| x - y));
        impl_binop!($t[$($n)?], Mul, mul, MulAssign, mul_assign, |a, b| a.mul_rule(b));
        impl_binop!($t[$($n)?], Div, div, DivAssign, div_assign, |a, b| a.div_rule(b));
        impl_binop!($t[$($n)?], Rem, rem, RemAssign, rem_assign, |a, b| crate::derived::rem(a, b));
        impl_scalar_ops!(@right $t[$($n)?]);
        impl_scalar_ops!($t[$($n)?], f32);
        impl_scalar_ops!($t[$($n)?], f64);

        impl<T: Float $(, const $n: usize)?> core::ops::Neg for $t<T $(, $n)?> {
            type Output = Self;
            #[inline]
            fn neg(self) -> Self {
                self.map(|c| -c)
            }
        }
        impl<T: Float $(, const $n: usize)?> core::ops::Neg for &$t<T $(, $n)?> {
            type Output = $t<T $(, $n)?>;
            #[inline]
            fn neg(self) -> $t<T $(, $n)?> {
                -*self
            }
        }
        impl<T: Float $(, const $n: usize)?> core::iter::Sum for $t<T $(, $n)?> {
            fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
                iter.fold(num_traits::Zero::zero(), |acc, x| acc + x)
            }
        }
        impl<'a, T: Float $(, const $n: usize)?> core::iter::Sum<&'a $t<T $(, $n)?>> for $t<T $(, $n)?> {
            fn sum<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
                iter.fold(num_traits::Zero::zero(), |acc, x| acc + *x)
            }
        }
        impl<T: Float $(, const $n: usize)?> core::iter::Product for $t<T $(, $n)?> {
            fn product<I: Iterator<Item = Self>>(iter: I) -> Self {
                iter.fold(num_traits::One::one(), |acc, x| acc * x)
            }
        }
        impl<'a, T: Float $(, const $n: usize)?> core::iter::Product<&'a $t<T $(, $n)?>> for $t<T $(, $n)?> {
            fn product<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
                iter.fold(num_traits::One::one(), |acc, x| acc * *x)
            }
        }
        impl<T: Float $(, const $n: usize)?> num_traits::Inv for $t<T $(, $n)?> {
            type Output = Self;
            #[inline]
            fn inv(self) -> Self {
                self.recip()
            }
        }
    };
}

/// `PartialEq`, `PartialOrd` (by value) and `Default` (zero).
macro_rules! impl_cmp {
    ($t:ident[$($n:ident)?]) => {
        // comparisons look at the value only
        impl<T: Float $(, const $n: usize)?> PartialEq for $t<T $(, $n)?> {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                self.real() == other.real()
            }
        }
        impl<T: Float $(, const $n: usize)?> PartialOrd for $t<T $(, $n)?> {
            #[inline]
            fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
                self.real().partial_cmp(&other.real())
            }
        }
        impl<T: Float $(, const $n: usize)?> Default for $t<T $(, $n)?> {
            #[inline]
            fn default() -> Self {
                Self::constant(T::zero())
            }
        }
    };
}

/// `num_traits`: `Zero`, `One`, `Num`, `ToPrimitive`, `NumCast`, `FromPrimitive`,
/// `Signed`, `FloatConst` and `Float` (forwarding to the inherent methods).
macro_rules! impl_num_traits {
    ($t:ident[$($n:ident)?]) => {
        impl<T: Float $(, const $n: usize)?> num_traits::Zero for $t<T $(, $n)?> {
            #[inline]
            fn zero() -> Self {
                Self::constant(T::zero())
            }
            /// Whether the value is zero (like `==`, the derivatives are not looked at).
            #[inline]
            fn is_zero(&self) -> bool {
                self.real().is_zero()
            }
        }
        impl<T: Float $(, const $n: usize)?> num_traits::One for $t<T $(, $n)?> {
            #[inline]
            fn one() -> Self {
                Self::constant(T::one())
            }
        }
        impl<T: Float $(, const $n: usize)?> num_traits::Num for $t<T $(, $n)?> {
            type FromStrRadixErr = T::FromStrRadixErr;
            fn from_str_radix(s: &str, radix: u32) -> Result<Self, Self::FromStrRadixErr> {
                T::from_str_radix(s, radix).map(Self::constant)
            }
        }
        impl<T: Float $(, const $n: usize)?> num_traits::ToPrimitive for $t<T $(, $n)?> {
            fn to_i64(&self) -> Option<i64> {
                self.real().to_i64()
            }
            fn to_u64(&self) -> Option<u64> {
                self.real().to_u64()
            }
            fn to_i128(&self) -> Option<i128> {
                self.real().to_i128()
            }
            fn to_u128(&self) -> Option<u128> {
                self.real().to_u128()
            }
            fn to_f32(&self) -> Option<f32> {
                self.real().to_f32()
            }
            fn to_f64(&self) -> Option<f64> {
                self.real().to_f64()
            }
        }
        impl<T: Float $(, const $n: usize)?> num_traits::NumCast for $t<T $(, $n)?> {
            fn from<P: num_traits::ToPrimitive>(n: P) -> Option<Self> {
                <T as num_traits::NumCast>::from(n).map(Self::constant)
            }
        }
        impl<T: Float + num_traits::FromPrimitive $(, const $n: usize)?> num_traits::FromPrimitive for $t<T $(, $n)?> {
            fn from_i64(n: i64) -> Option<Self> {
                T::from_i64(n).map(Self::constant)
            }
            fn from_u64(n: u64) -> Option<Self> {
                T::from_u64(n).map(Self::constant)
            }
            fn from_i128(n: i128) -> Option<Self> {
                T::from_i128(n).map(Self::constant)
            }
            fn from_u128(n: u128) -> Option<Self> {
                T::from_u128(n).map(Self::constant)
            }
            fn from_f32(n: f32) -> Option<Self> {
                T::from_f32(n).map(Self::constant)
            }
            fn from_f64(n: f64) -> Option<Self> {
                T::from_f64(n).map(Self::constant)
            }
        }
        impl<T: Float $(, const $n: usize)?> num_traits::Signed for $t<T $(, $n)?> {
            #[inline]
            fn abs(&self) -> Self {
                $t::abs(*self)
            }
            #[inline]
            fn abs_sub(&self, other: &Self) -> Self {
                $t::abs_sub(*self, *other)
            }
            #[inline]
            fn signum(&self) -> Self {
                $t::signum(*self)
            }
            #[inline]
            fn is_positive(&self) -> bool {
                self.real().is_sign_positive()
            }
            #[inline]
            fn is_negative(&self) -> bool {
                self.real().is_sign_negative()
            }
        }
        impl<T: Float + FloatConst $(, const $n: usize)?> FloatConst for $t<T $(, $n)?> {
            forward!(constants FloatConst: E, FRAC_1_PI, FRAC_1_SQRT_2, FRAC_2_PI, FRAC_2_SQRT_PI, FRAC_PI_2,
                FRAC_PI_3, FRAC_PI_4, FRAC_PI_6, FRAC_PI_8, LN_10, LN_2, LOG10_E, LOG2_E, PI,
                SQRT_2, TAU, LOG10_2, LOG2_10);
        }

        impl<T: Float $(, const $n: usize)?> Float for $t<T $(, $n)?> {
            forward!(unary $t: floor, ceil, round, trunc, fract, abs, signum, recip, sqrt,
                exp, exp2, ln, log2, log10, cbrt, sin, cos, tan, asin, acos, atan, exp_m1, ln_1p,
                sinh, cosh, tanh, asinh, acosh, atanh, to_degrees, to_radians);
            forward!(constants Float: nan, infinity, neg_infinity, neg_zero, min_value,
                min_positive_value, max_value, epsilon);
            #[inline]
            fn is_nan(self) -> bool {
                self.real().is_nan()
            }
            #[inline]
            fn is_infinite(self) -> bool {
                self.real().is_infinite()
            }
            #[inline]
            fn is_finite(self) -> bool {
                self.real().is_finite()
            }
            #[inline]
            fn is_normal(self) -> bool {
                self.real().is_normal()
            }
            #[inline]
            fn classify(self) -> core::num::FpCategory {
                self.real().classify()
            }
            #[inline]
            fn is_sign_positive(self) -> bool {
                self.real().is_sign_positive()
            }
            #[inline]
            fn is_sign_negative(self) -> bool {
                self.real().is_sign_negative()
            }
            #[inline]
            fn integer_decode(self) -> (u64, i16, i8) {
                self.real().integer_decode()
            }
            #[inline]
            fn mul_add(self, a: Self, b: Self) -> Self {
                $t::mul_add(self, a, b)
            }
            #[inline]
            fn powi(self, n: i32) -> Self {
                $t::powi(self, n)
            }
            #[inline]
            fn clamp(self, min: Self, max: Self) -> Self {
                $t::clamp(self, min, max)
            }
            #[inline]
            fn sin_cos(self) -> (Self, Self) {
                $t::sin_cos(self)
            }
            forward!(binary $t: powf, log, max, min, abs_sub, hypot, atan2, copysign);
        }
    };
}

/// For one primitive `F`: comparisons with it, `From<F>`, `PrimitiveOps<F>` and
/// `DualNum<F>`.
macro_rules! impl_dualnum {
    ($t:ident[$($n:ident)?], $p:ty) => {
        // comparisons with a primitive look at the value only, like those between numbers
        impl<T: DualNum<$p> $(, const $n: usize)?> PartialEq<$p> for $t<T $(, $n)?> {
            #[inline]
            fn eq(&self, other: &$p) -> bool {
                self.re() == *other
            }
        }
        impl<T: DualNum<$p> $(, const $n: usize)?> PartialOrd<$p> for $t<T $(, $n)?> {
            #[inline]
            fn partial_cmp(&self, other: &$p) -> Option<core::cmp::Ordering> {
                self.re().partial_cmp(other)
            }
        }
        // a primitive converts to the constant with that value
        impl<T: DualNum<$p> $(, const $n: usize)?> From<$p> for $t<T $(, $n)?> {
            #[inline]
            fn from(re: $p) -> Self {
                Self::constant(T::from_re(re))
            }
        }
        impl<T: DualNum<$p> $(, const $n: usize)?> crate::PrimitiveOps<$p> for $t<T $(, $n)?> {}
        impl<T: DualNum<$p> $(, const $n: usize)?> DualNum<$p> for $t<T $(, $n)?> {
            #[inline]
            fn re(&self) -> $p {
                self.real().re()
            }
            #[inline]
            fn from_re(re: $p) -> Self {
                Self::constant(T::from_re(re))
            }
            /// The type's own power with a constant exponent: unlike
            /// `powf(from_re(n))`, no `0 * ln(x)` term for the (zero)
            /// derivative of the exponent, which is NaN where `ln x` is infinite.
            #[inline]
            fn powf_scalar(self, n: $p) -> Self {
                self.powf_re(T::from_re(n))
            }
        }
    };
}

/// `approx`: `AbsDiffEq`, `RelativeEq` and `UlpsEq`, every component compared.
macro_rules! impl_approx {
    ($t:ident[$($n:ident)?]) => {
        // every component is compared
        impl<T: Float + approx::AbsDiffEq<Epsilon = T> $(, const $n: usize)?> approx::AbsDiffEq for $t<T $(, $n)?> {
            /// The tolerance is a number of the same type; its value applies to every component.
            type Epsilon = Self;
            fn default_epsilon() -> Self {
                Self::constant(T::default_epsilon())
            }
            fn abs_diff_eq(&self, other: &Self, epsilon: Self) -> bool {
                let e = epsilon.real();
                self.all(other, |a, b| a.abs_diff_eq(b, e))
            }
        }
        impl<T: Float + approx::RelativeEq<Epsilon = T> $(, const $n: usize)?> approx::RelativeEq for $t<T $(, $n)?> {
            fn default_max_relative() -> Self {
                Self::constant(T::default_max_relative())
            }
            fn relative_eq(&self, other: &Self, epsilon: Self, max_relative: Self) -> bool {
                let (e, r) = (epsilon.real(), max_relative.real());
                self.all(other, |a, b| a.relative_eq(b, e, r))
            }
        }
        impl<T: Float + approx::UlpsEq<Epsilon = T> $(, const $n: usize)?> approx::UlpsEq for $t<T $(, $n)?> {
            fn default_max_ulps() -> u32 {
                T::default_max_ulps()
            }
            fn ulps_eq(&self, other: &Self, epsilon: Self, max_ulps: u32) -> bool {
                let e = epsilon.real();
                self.all(other, |a, b| a.ulps_eq(b, e, max_ulps))
            }
        }
    };
}

/// The inherent functions built from others, each a call of its generic
/// implementation in [`crate::derived`].
macro_rules! impl_derived {
    ($t:ident[$($n:ident)?]) => {
        impl<T: Float $(, const $n: usize)?> $t<T $(, $n)?> {
            /// `self` raised to a power that is itself a number of this type.
            ///
            /// For a positive base the derivative with respect to the exponent,
            /// `x^y ln x`, is included. The value is the primitive `powf`'s, bit
            /// for bit (`inf` for `inf^2`, `0` for `0.5^inf`, `1` for `1^NaN`).
            ///
            /// # Derivatives
            /// The fixed-order types apply the bivariate chain rule to the
            /// partial derivatives of `x^y`, and `Taylor` takes a constant
            /// exponent (every coefficient but the value zero) as
            /// [`DualNum::powf_scalar`] does: so the derivatives at a tiny or
            /// huge base are finite wherever the true ones are (`x.powf(3)` at
            /// `x = 1e-200` has the second derivative `6e-200`). For a base
            /// `<= 0` the exponent is treated as the constant `y0`: `x^y` is
            /// real there only at integer `y` (for negative `x`) or has zero
            /// derivative in `y` (for `x = 0, y > 0`). Where the exponent's value
            /// or the base's is infinite or NaN, the derivatives are NaN.
            ///
            /// ```
            /// use dual::{DualNum, HyperDual64};
            ///
            /// fn f<D: DualNum<f64>>(x: D) -> D {
            ///     x.powf(D::from_re(3.0))
            /// }
            /// let y = f(HyperDual64::variable(1e-200));
            /// approx::assert_relative_eq!(y.eps1eps2, 6e-200, max_relative = 1e-15);
            /// ```
            #[must_use]
            #[inline]
            pub fn powf(self, n: Self) -> Self {
                <Self as crate::derived::ByOrder<T>>::powf(self, n)
            }

            /// `self * a + b`: the value is the primitive's fused multiply-add (one
            /// rounding), the derivatives those of the product and the sum.
            #[must_use]
            #[inline]
            pub fn mul_add(self, a: Self, b: Self) -> Self {
                crate::derived::mul_add(self, a, b)
            }

            /// The logarithm to a base that is itself a number: `ln x / ln base`.
            #[must_use]
            #[inline]
            pub fn log(self, base: Self) -> Self {
                crate::derived::log(self, base)
            }

            /// The larger of two numbers by value (the whole number is returned, with
            /// its derivatives); a NaN value loses, as for `f64::max`.
            #[must_use]
            #[inline]
            pub fn max(self, other: Self) -> Self {
                crate::derived::max(self, other)
            }

            /// The smaller of two numbers by value (the whole number is returned, with
            /// its derivatives); a NaN value loses, as for `f64::min`.
            #[must_use]
            #[inline]
            pub fn min(self, other: Self) -> Self {
                crate::derived::min(self, other)
            }

            /// `min` if the value is below `min`'s, `max` if above `max`'s, else `self`
            /// (the whole number is returned, with its derivatives; NaN stays NaN).
            ///
            /// # Derivatives
            /// Those of the number returned: `self`'s inside the interval, the bound's
            /// outside it (zero for a constant bound), as for the program
            /// `if x < lo { lo } else if x > hi { hi } else { x }`.
            #[must_use]
            #[inline]
            pub fn clamp(self, min: Self, max: Self) -> Self {
                crate::derived::clamp(self, min, max)
            }

            /// The positive difference: `self - other` if that is positive, else zero.
            #[must_use]
            #[inline]
            pub fn abs_sub(self, other: Self) -> Self {
                crate::derived::abs_sub(self, other)
            }

            /// `sqrt(x^2 + y^2)` without overflow or underflow; the value is the
            /// primitive's `hypot`, bit for bit (`hypot(NaN, inf) = inf`).
            ///
            /// # Derivatives
            /// Through a rotated form that keeps the first and second derivatives
            /// accurate when one argument is far smaller than the other, and at
            /// tiny and huge points (1e-170, 1e200). At the origin, and where an
            /// argument is infinite or NaN, they are NaN. For `Taylor`, whose
            /// higher coefficients need `1/hypot^k`, the second and higher ones are
            /// NaN below `hypot ~ 1e-154`.
            #[must_use]
            #[inline]
            pub fn hypot(self, other: Self) -> Self {
                <Self as crate::derived::ByOrder<T>>::hypot(self, other)
            }

            /// The four-quadrant arctangent of `self / other` (`self` is `y`); the
            /// value is the primitive's `atan2`, bit for bit, sign of zero included.
            ///
            /// # Derivatives
            /// `(x dy - y dx) / (x^2 + y^2)` through a scaled form: the first
            /// derivatives are finite and accurate for any finite point with
            /// `r = hypot(x, y)` from 1e-300 to `f64::MAX` (also at 1e-170 and
            /// 1e200); the second (~1/r^2) overflow below `r ~ 1e-154`. Zero where an
            /// argument is infinite (the limit, as `|∇| = 1/r`); NaN at the origin
            /// and for a NaN argument.
            #[must_use]
            #[inline]
            pub fn atan2(self, other: Self) -> Self {
                <Self as crate::derived::ByOrder<T>>::atan2(self, other)
            }

            /// The number with the magnitude of `self` and the sign of `sign`'s value.
            ///
            /// # Derivatives
            /// The derivative of `self` is negated along with the value when the sign flips.
            #[must_use]
            #[inline]
            pub fn copysign(self, sign: Self) -> Self {
                crate::derived::copysign(self, sign)
            }

            /// Radians to degrees (a constant factor).
            #[must_use]
            #[inline]
            pub fn to_degrees(self) -> Self {
                self.map(|c| c.to_degrees())
            }

            /// Degrees to radians (a constant factor).
            #[must_use]
            #[inline]
            pub fn to_radians(self) -> Self {
                self.map(|c| c.to_radians())
            }
        }
    };
}

/// The elementary functions of a fixed-order type, through its chain rule
/// `chain(self, [f, f', f''])`, from the table in [`crate::elementary`].
macro_rules! impl_chain_functions {
    ($t:ident[$($n:ident)?]) => {
        // The type's file defines the chain rule as an inherent `chain`; this makes
        // it the contract's `Chain::chain` (a missing inherent `chain` would make
        // this call itself: `#![deny(unconditional_recursion)]` rejects that).
        impl<T: Float $(, const $n: usize)?> crate::Chain<T> for $t<T $(, $n)?> {
            #[inline(always)]
            fn chain(self, f: [T; 3]) -> Self {
                $t::chain(self, f)
            }
            #[inline(always)]
            fn chain2(self, y: Self, f: [T; 6]) -> Self {
                $t::chain2(self, y, f)
            }
        }

        impl<T: Float $(, const $n: usize)?> crate::derived::ByOrder<T> for $t<T $(, $n)?> {
            #[inline]
            fn hypot(self, y: Self) -> Self {
                crate::derived::hypot_second_order(self, y)
            }
            #[inline]
            fn atan2(self, x: Self) -> Self {
                crate::derived::atan2_second_order(self, x)
            }
            #[inline]
            fn powf(self, y: Self) -> Self {
                crate::derived::powf_second_order(self, y)
            }
        }

        impl<T: Float $(, const $n: usize)?> $t<T $(, $n)?> {
            impl_chain_functions!(@each
                exp "The exponential e^x.",
                exp2 "2^x.",
                exp_m1 "e^x - 1, accurate for small x.",
                ln "The natural logarithm.",
                ln_1p "ln(1 + x), accurate for small x.",
                log2 "The base-2 logarithm.",
                log10 "The base-10 logarithm.",
                sqrt "The square root.\n\n# Derivatives\nAt 0 the first derivative is infinite, so a zero direction gives NaN (`inf * 0`).",
                cbrt "The cube root.\n\n# Derivatives\nAt 0 the first derivative is infinite.",
                recip "The reciprocal 1/x.",
                sin "The sine.",
                cos "The cosine.",
                tan "The tangent.",
                asin "The arcsine; the derivative is infinite at ±1.",
                acos "The arccosine; the derivative is infinite at ±1.",
                atan "The arctangent.",
                sinh "The hyperbolic sine.",
                cosh "The hyperbolic cosine.",
                tanh "The hyperbolic tangent.",
                asinh "The inverse hyperbolic sine.",
                acosh "The inverse hyperbolic cosine; the derivative is infinite at 1.",
                atanh "The inverse hyperbolic tangent; the derivative is infinite at ±1.",
                abs "The absolute value.\n\n# Derivatives\n-1 for x < 0 and +1 otherwise, including at 0: the derivative of the program `if x < 0 { -x } else { x }`.",
                signum "The sign of the value (1 for +0.0, -1 for -0.0).\n\n# Derivatives\nZero everywhere: the function is piecewise constant.",
                floor "Rounds the value down.\n\n# Derivatives\nZero everywhere, also at the jumps.",
                ceil "Rounds the value up.\n\n# Derivatives\nZero everywhere, also at the jumps.",
                round "Rounds the value to the nearest integer, half away from zero.\n\n# Derivatives\nZero everywhere, also at the jumps.",
                trunc "Rounds the value towards zero.\n\n# Derivatives\nZero everywhere, also at the jumps.",
                fract "The fractional part `x - trunc(x)`.\n\n# Derivatives\nOne everywhere, also at the jumps."
            );

            /// `x^n` for an integer `n`, negative exponents included.
            #[must_use]
            #[inline]
            pub fn powi(self, n: i32) -> Self {
                crate::Chain::chain(self, crate::elementary::powi(self.real(), n))
            }

            /// `x^n` for a constant real exponent (the value part of the exponent).
            #[inline]
            pub(crate) fn powf_re(self, n: T) -> Self {
                crate::Chain::chain(self, crate::elementary::powf(self.real(), n))
            }

            /// The sine and cosine together.
            #[must_use]
            #[inline]
            pub fn sin_cos(self) -> (Self, Self) {
                let (s, c) = self.real().sin_cos();
                (crate::Chain::chain(self, [s, c, -s]), crate::Chain::chain(self, [c, -s, -c]))
            }
        }
    };
    (@each $($f:ident $doc:literal),*) => {$(
        #[doc = $doc]
        #[must_use]
        #[inline]
        pub fn $f(self) -> Self {
            crate::Chain::chain(self, crate::elementary::$f(self.real()))
        }
    )*};
}
