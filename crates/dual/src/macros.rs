//! The implementations every number type shares, generated once.
//!
//! A number type supplies [`crate::Components`] (its parts, its product and
//! quotient rules) and its elementary functions as inherent methods; these
//! macros derive operators, `num_traits`, `approx` and the functions that are
//! built from others.
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
            #[inline]
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
/// inherent elementary functions: operators, `num_traits`, `approx`,
/// `DualNum`, and the functions built from others.
macro_rules! impl_number {
    ($t:ident[$($n:ident)?]) => {
        // (a + a' e) + (b + b' e) = (a + b) + (a' + b') e, and likewise for every part
        impl_binop!($t[$($n)?], Add, add, AddAssign, add_assign, |a, b| a.zip(b, |x, y| x + y));
        impl_binop!($t[$($n)?], Sub, sub, SubAssign, sub_assign, |a, b| a.zip(b, |x, y| x - y));
        impl_binop!($t[$($n)?], Mul, mul, MulAssign, mul_assign, |a, b| a.mul_rule(b));
        impl_binop!($t[$($n)?], Div, div, DivAssign, div_assign, |a, b| a.div_rule(b));
        // a % b = a - q b with the integer q = trunc(a0 / b0) held constant;
        // the value is exactly that of the primitive `%`.
        impl_binop!($t[$($n)?], Rem, rem, RemAssign, rem_assign, |a, b| {
            let r = a.real() % b.real();
            let q = ((a.real() - r) / b.real()).round();
            (a - b.map(|c| c * q)).with_real(r)
        });
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

        // ---- comparisons look at the value only ----
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

        // ---- num_traits ----
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

        impl_number!(@dualnum $t[$($n)?], f32);
        impl_number!(@dualnum $t[$($n)?], f64);

        // ---- approx: every component is compared ----
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

        // ---- functions built from the type's own elementary functions ----
        impl<T: Float $(, const $n: usize)?> $t<T $(, $n)?> {
            /// `self` raised to a power that is itself a number of this type.
            ///
            /// For a positive base this is `x^y = x^y0 exp((y - y0) ln x)`, so the
            /// derivative with respect to the exponent, `x^y ln x`, is included.
            ///
            /// # Derivatives
            /// For a base `<= 0` or `+inf`, an infinite or NaN exponent value, or an
            /// infinite power, the exponent is treated as the constant `y0` (the
            /// value is then exactly the primitive's `powf`). For a base `<= 0`:
            /// `x^y` is real there only at integer `y` (for negative `x`) or has
            /// zero derivative in `y` (for `x = 0, y > 0`).
            #[must_use]
            #[inline]
            pub fn powf(self, n: Self) -> Self {
                let n0 = n.real();
                let base = self.powf_re(n0);
                let x0 = self.real();
                let finite = x0.is_finite() && n0.is_finite() && base.real().is_finite();
                if x0 > T::zero() && finite {
                    // (y - y0) ln x has the value 0 exactly; say so, for at
                    // y0 = NaN its product is NaN (where f64 gives 1^NaN = 1)
                    let e = ((n - Self::constant(n0)) * self.ln()).with_real(T::zero());
                    base * e.exp()
                } else {
                    base
                }
            }

            /// `self * a + b`: the value is the primitive's fused multiply-add (one
            /// rounding), the derivatives those of the product and the sum.
            #[must_use]
            #[inline]
            pub fn mul_add(self, a: Self, b: Self) -> Self {
                (self * a + b).with_real(self.real().mul_add(a.real(), b.real()))
            }

            /// The logarithm to a base that is itself a number: `ln x / ln base`.
            #[must_use]
            #[inline]
            pub fn log(self, base: Self) -> Self {
                self.ln() / base.ln()
            }

            /// The larger of two numbers by value (the whole number is returned, with
            /// its derivatives); a NaN value loses, as for `f64::max`.
            #[must_use]
            #[inline]
            pub fn max(self, other: Self) -> Self {
                if self.real().is_nan() || other.real() > self.real() {
                    other
                } else {
                    self
                }
            }

            /// The smaller of two numbers by value (the whole number is returned, with
            /// its derivatives); a NaN value loses, as for `f64::min`.
            #[must_use]
            #[inline]
            pub fn min(self, other: Self) -> Self {
                if self.real().is_nan() || other.real() < self.real() {
                    other
                } else {
                    self
                }
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
                if self.real() < min.real() {
                    min
                } else if self.real() > max.real() {
                    max
                } else {
                    self
                }
            }

            /// The positive difference: `self - other` if that is positive, else zero.
            #[must_use]
            #[inline]
            pub fn abs_sub(self, other: Self) -> Self {
                if self.real() <= other.real() {
                    Self::constant(T::zero())
                } else {
                    self - other
                }
            }

            /// `sqrt(x^2 + y^2)` without overflow or underflow in the intermediate squares.
            ///
            /// # Derivatives
            /// At the origin the derivative is NaN (the function is not differentiable there).
            #[must_use]
            #[inline]
            pub fn hypot(self, other: Self) -> Self {
                let (x0, y0) = (self.real(), other.real());
                let m = x0.abs().max(y0.abs());
                if m.is_zero() || m.is_infinite() || m.is_nan() {
                    (self * self + other * other).sqrt()
                } else {
                    // h(x, y) = |b| sqrt(1 + (a / b)^2) with b the larger argument:
                    // unlike sqrt(x^2 + y^2), its derivatives do not cancel when
                    // one argument is much smaller than the other. The value is
                    // the primitive's own (correctly rounded) hypot.
                    let (a, b) = if x0.abs() >= y0.abs() { (other, self) } else { (self, other) };
                    let r = a / b;
                    (b.abs() * (r * r + Self::constant(T::one())).sqrt()).with_real(x0.hypot(y0))
                }
            }

            /// The four-quadrant arctangent of `self / other` (`self` is `y`).
            ///
            /// The derivatives come from `atan2(y, x) = t0 + atan((x0 y - y0 x) / (x0 x + y0 y))`
            /// with `t0 = atan2(y0, x0)`, which holds on every branch.
            ///
            /// # Derivatives
            /// At the origin the derivative is NaN.
            #[must_use]
            #[inline]
            pub fn atan2(self, other: Self) -> Self {
                let (y0, x0) = (self.real(), other.real());
                let num = self.map(|c| c * x0) - other.map(|c| c * y0);
                let den = self.map(|c| c * y0) + other.map(|c| c * x0);
                (num / den).atan() + Self::constant(y0.atan2(x0))
            }

            /// The number with the magnitude of `self` and the sign of `sign`'s value.
            ///
            /// # Derivatives
            /// The derivative of `self` is negated along with the value when the sign flips.
            #[must_use]
            #[inline]
            pub fn copysign(self, sign: Self) -> Self {
                if self.real().is_sign_negative() == sign.real().is_sign_negative() {
                    self
                } else {
                    -self
                }
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
    (@dualnum $t:ident[$($n:ident)?], $p:ty) => {
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
        impl<T: DualNum<$p> $(, const $n: usize)?> DualNum<$p> for $t<T $(, $n)?> {
            #[inline]
            fn re(&self) -> $p {
                self.real().re()
            }
            #[inline]
            fn from_re(re: $p) -> Self {
                Self::constant(T::from_re(re))
            }
            // a constant exponent: the power rule alone, no exponent term
            #[inline]
            fn powf_scalar(self, n: $p) -> Self {
                self.powf_re(T::from_re(n))
            }
        }
    };
}

/// The elementary functions of a fixed-order type, through its chain rule
/// `chain(self, [f, f', f''])`, from the table in [`crate::elementary`].
macro_rules! impl_chain_functions {
    ($t:ident[$($n:ident)?]) => {
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
                self.chain(crate::elementary::powi(self.real(), n))
            }

            /// `x^n` for a constant real exponent (the value part of the exponent).
            #[inline]
            pub(crate) fn powf_re(self, n: T) -> Self {
                self.chain(crate::elementary::powf(self.real(), n))
            }

            /// The sine and cosine together.
            #[must_use]
            #[inline]
            pub fn sin_cos(self) -> (Self, Self) {
                let (s, c) = self.real().sin_cos();
                (self.chain([s, c, -s]), self.chain([c, -s, -c]))
            }
        }
    };
    (@each $($f:ident $doc:literal),*) => {$(
        #[doc = $doc]
        #[must_use]
        #[inline]
        pub fn $f(self) -> Self {
            self.chain(crate::elementary::$f(self.real()))
        }
    )*};
}
