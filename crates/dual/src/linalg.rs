//! nalgebra and simba integration: every number type is a real field.
//!
//! With these implementations, matrices of dual numbers work with nalgebra's
//! decompositions (`lu`, `cholesky`, `qr`, `symmetric_eigen`, `try_inverse`,
//! `determinant`, `solve`, ...), and the derivatives flow through them exactly:
//!
//! ```
//! use dual::{Dual64, DualNum};
//! use nalgebra::Matrix2;
//!
//! // d det(X)/dt along X(t) = X0 + t E: det(X0) tr(X0^{-1} E)
//! let x = Matrix2::new(
//!     Dual64::new(2.0, 1.0), Dual64::from_re(1.0),
//!     Dual64::from_re(0.5), Dual64::new(3.0, -1.0),
//! );
//! let d = x.determinant();
//! assert_eq!(d.re, 5.5);
//! // tr(adj(X0) E) = 3 * 1 + 2 * (-1)
//! approx::assert_relative_eq!(d.eps, 1.0, max_relative = 1e-15);
//! ```
//!
//! Each number type is its own `RealField` (and its own `ComplexField::RealField`).
//! The complex-number vocabulary of `ComplexField` gets the meaning simba gives
//! it for `f64`, computed with the number's own functions so that derivatives
//! flow: `modulus` and `norm1` are `abs`, `argument` is the constant `0` for a
//! non-negative value and `π` otherwise, `imaginary` is zero, `conjugate` is the
//! identity, `powc` is `powf` with a number exponent, `is_finite` looks at the
//! value (like `Float::is_finite`). No method panics.
//!
//! The methods that exist both here and as inherent methods (`sin`, `abs`,
//! `powf`, ...) are the inherent ones, so calls on a concrete type resolve to
//! them whether or not `ComplexField` is imported.
//!
//! # Safety note
//!
//! simba's `SimdValue` declares two of its methods `unsafe`
//! (`extract_unchecked`, `replace_unchecked`). Our implementations are safe code
//! (a number has one lane, the index is ignored, as simba does for `f64`);
//! only the signature is `unsafe`, which is why the crate denies rather than
//! forbids `unsafe_code` and allows it for those two items alone.

use crate::elementary::cst;
use crate::{Components, Dual, DualVec, Float, HyperDual, HyperDualVec, Taylor};
use simba::scalar::{ComplexField, RealField, SubsetOf, SupersetOf};

/// Terms of the series of `sin(x)/x` (`sign = -1`) and `sinh(x)/x` (`sign = +1`)
/// used below [`CARDINAL_THRESHOLD`]: `Σ_{j<K} sign^j x^(2j) / (2j+1)!`, through `x^58`.
///
/// The truncation error: the `k`-th Taylor coefficient about `x0` of the first
/// omitted term is `binom(2K, k) x0^(2K-k) / (2K+1)!`, at most
/// `2^60 / 61! ≈ 2.3e-66` for `|x0| <= 1` (and the later terms are smaller still),
/// so every coefficient the series gives is exact to rounding while its size
/// is above about `1e-50` (order `k <= 40` at `x0 = 0`, where `|c_k| = 1/(k+1)!`);
/// a `Taylor<_, N>` with `N <= 58` gets all its coefficients at 0 this way.
const CARDINAL_TERMS: usize = 30;

/// Below this magnitude of the value, sinc and sinhc use the series. The quotient
/// `sin(x)/x` loses `(m+1)! / |x0|^(m+1)` units of roundoff in its `m`-th
/// derivative (each order of the quotient rule divides by `x0`): at `x0 = 1e-9`
/// that is `6e27` for the second derivative. At `|x0| >= 1` the loss is at most
/// `(m+1)!` units, under 1e-13 relative for `m <= 5`; below 1 the series is
/// exact (see [`CARDINAL_TERMS`]) and sums terms of one size order (at most
/// `sinh(1) ≈ 1.18` against a result of at least `sin(1) ≈ 0.84`).
const CARDINAL_THRESHOLD: f64 = 1.0;

/// `Σ_{j<K} sign^j x^(2j) / (2j+1)!` by Horner's rule in `x²`: the cardinal sine
/// (hyperbolic or not) with its derivatives, for a value below the threshold.
#[inline]
fn cardinal_series<
    T: Float,
    D: Components<T> + core::ops::Mul<Output = D> + core::ops::Add<Output = D>,
>(
    x: D,
    sign: T,
) -> D {
    // c_j = sign^j / (2j+1)!, from c_{j-1} by the ratio sign / ((2j)(2j+1)), so
    // that no factorial overflows (in f32 the last ones underflow to 0, harmlessly)
    let mut coeffs = [T::one(); CARDINAL_TERMS];
    for j in 1..CARDINAL_TERMS {
        let (a, b) = (cst::<T>((2 * j) as f64), cst::<T>((2 * j + 1) as f64));
        coeffs[j] = coeffs[j - 1] * sign / (a * b);
    }
    let x2 = x * x;
    coeffs
        .iter()
        .rev()
        .fold(D::constant(T::zero()), |acc, &c| acc * x2 + D::constant(c))
}

/// The simba/nalgebra traits for one number type, generated once.
macro_rules! impl_linalg {
    ($t:ident[$($n:ident)?]) => {
        impl<T: RealField + Float $(, const $n: usize)?> SubsetOf<$t<T $(, $n)?>> for $t<T $(, $n)?> {
            #[inline]
            fn to_superset(&self) -> Self {
                *self
            }
            #[inline]
            fn from_superset_unchecked(element: &Self) -> Self {
                *element
            }
            #[inline]
            fn is_in_subset(_: &Self) -> bool {
                true
            }
        }

        impl_linalg!(@primitive $t[$($n)?], f32);
        impl_linalg!(@primitive $t[$($n)?], f64);

        #[allow(unsafe_code)] // the trait's signatures only: see the module docs
        impl<T: RealField + Float $(, const $n: usize)?> simba::simd::SimdValue for $t<T $(, $n)?> {
            const LANES: usize = 1;
            type Element = Self;
            type SimdBool = bool;

            #[inline(always)]
            fn splat(val: Self) -> Self {
                val
            }
            /// The number itself: it has one lane, and the index is ignored.
            #[inline(always)]
            fn extract(&self, _: usize) -> Self {
                *self
            }
            #[inline(always)]
            unsafe fn extract_unchecked(&self, _: usize) -> Self {
                *self
            }
            /// Replaces the number: it has one lane, and the index is ignored.
            #[inline(always)]
            fn replace(&mut self, _: usize, val: Self) {
                *self = val;
            }
            #[inline(always)]
            unsafe fn replace_unchecked(&mut self, _: usize, val: Self) {
                *self = val;
            }
            #[inline(always)]
            fn select(self, cond: bool, other: Self) -> Self {
                if cond { self } else { other }
            }
        }

        impl<T: RealField + Float $(, const $n: usize)?> simba::scalar::Field for $t<T $(, $n)?> {}

        impl<T: RealField + Float $(, const $n: usize)?> simba::scalar::ComplexField for $t<T $(, $n)?> {
            type RealField = Self;

            forward!(unary $t: floor, ceil, round, trunc, fract, abs, signum, recip, sin,
                cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh, log2, log10,
                ln, ln_1p, sqrt, exp, exp2, exp_m1, cbrt);

            #[inline]
            fn from_real(re: Self) -> Self {
                re
            }
            #[inline]
            fn real(self) -> Self {
                self
            }
            #[inline]
            fn imaginary(self) -> Self {
                Self::constant(T::zero())
            }
            #[inline]
            fn modulus(self) -> Self {
                $t::abs(self)
            }
            #[inline]
            fn modulus_squared(self) -> Self {
                self * self
            }
            /// `0` for a non-negative value, `π` otherwise, as for `f64`; a constant.
            #[inline]
            fn argument(self) -> Self {
                if Components::<T>::real(&self) >= T::zero() {
                    Self::constant(T::zero())
                } else {
                    Self::constant(<T as RealField>::pi())
                }
            }
            #[inline]
            fn norm1(self) -> Self {
                $t::abs(self)
            }
            #[inline]
            fn scale(self, factor: Self) -> Self {
                self * factor
            }
            #[inline]
            fn unscale(self, factor: Self) -> Self {
                self / factor
            }
            /// `(|x|, ±1)` as for `f64`, the sign a constant.
            #[inline]
            fn to_exp(self) -> (Self, Self) {
                let one = Self::constant(T::one());
                if Components::<T>::real(&self) >= T::zero() { (self, one) } else { (-self, -one) }
            }
            #[inline]
            fn mul_add(self, a: Self, b: Self) -> Self {
                $t::mul_add(self, a, b)
            }
            #[inline]
            fn hypot(self, other: Self) -> Self {
                $t::hypot(self, other)
            }
            #[inline]
            fn conjugate(self) -> Self {
                self
            }
            #[inline]
            fn sin_cos(self) -> (Self, Self) {
                $t::sin_cos(self)
            }
            /// `sin(x) / x`, with the value of the inner type's `sinc` (1 at 0).
            ///
            /// # Derivatives
            /// From the series for a value below 1 in magnitude (the quotient's
            /// derivatives cancel there: see `CARDINAL_THRESHOLD` in the source),
            /// from the quotient above. A `Taylor` of high order loses accuracy in
            /// its high coefficients for `1 <= |x0| < N / 2`, as any forward
            /// quotient recurrence does.
            #[inline]
            fn sinc(self) -> Self {
                let x0 = Components::<T>::real(&self);
                if Float::abs(x0) < cst::<T>(CARDINAL_THRESHOLD) {
                    cardinal_series(self, -T::one()).with_real(ComplexField::sinc(x0))
                } else {
                    $t::sin(self) / self
                }
            }
            /// `sinh(x) / x`, with the value of the inner type's `sinhc` (1 at 0).
            ///
            /// # Derivatives
            /// As for `sinc`: the series below 1 in magnitude, the quotient above.
            #[inline]
            fn sinhc(self) -> Self {
                let x0 = Components::<T>::real(&self);
                if Float::abs(x0) < cst::<T>(CARDINAL_THRESHOLD) {
                    cardinal_series(self, T::one()).with_real(ComplexField::sinhc(x0))
                } else {
                    $t::sinh(self) / self
                }
            }
            #[inline]
            fn log(self, base: Self) -> Self {
                $t::log(self, base)
            }
            #[inline]
            fn powi(self, n: i32) -> Self {
                $t::powi(self, n)
            }
            #[inline]
            fn powf(self, n: Self) -> Self {
                $t::powf(self, n)
            }
            #[inline]
            fn powc(self, n: Self) -> Self {
                $t::powf(self, n)
            }
            /// Whether the value is finite (like `Float::is_finite`).
            #[inline]
            fn is_finite(&self) -> bool {
                Float::is_finite(Components::<T>::real(self))
            }
            /// The square root for a non-negative value, `None` otherwise.
            #[inline]
            fn try_sqrt(self) -> Option<Self> {
                if Components::<T>::real(&self) >= T::zero() { Some($t::sqrt(self)) } else { None }
            }
        }

        impl<T: RealField + Float $(, const $n: usize)?> RealField for $t<T $(, $n)?> {
            #[inline]
            fn is_sign_positive(&self) -> bool {
                Float::is_sign_positive(Components::<T>::real(self))
            }
            #[inline]
            fn is_sign_negative(&self) -> bool {
                Float::is_sign_negative(Components::<T>::real(self))
            }
            forward!(binary $t: copysign, max, min, atan2);
            /// `min` if the value is below `min`'s, `max` if above `max`'s, else `self`.
            #[inline]
            fn clamp(self, min: Self, max: Self) -> Self {
                $t::clamp(self, min, max)
            }
            #[inline]
            fn min_value() -> Option<Self> {
                <T as RealField>::min_value().map(Self::constant)
            }
            #[inline]
            fn max_value() -> Option<Self> {
                <T as RealField>::max_value().map(Self::constant)
            }
            forward!(constants RealField: pi, two_pi, frac_pi_2, frac_pi_3, frac_pi_4, frac_pi_6, frac_pi_8,
                frac_1_pi, frac_2_pi, frac_2_sqrt_pi, e, log2_e, log10_e, ln_2, ln_10);
        }
    };
    (@primitive $t:ident[$($n:ident)?], $p:ty) => {
        /// A primitive float is the constant with that value; a number is in
        /// the subset when its value is and every derivative part is zero.
        impl<T: RealField + Float $(, const $n: usize)?> SubsetOf<$t<T $(, $n)?>> for $p {
            #[inline]
            fn to_superset(&self) -> $t<T $(, $n)?> {
                <$t<T $(, $n)?> as Components<T>>::constant(<T as SupersetOf<$p>>::from_subset(self))
            }
            #[inline]
            fn from_superset_unchecked(element: &$t<T $(, $n)?>) -> $p {
                <T as SupersetOf<$p>>::to_subset_unchecked(&element.real())
            }
            #[inline]
            fn is_in_subset(element: &$t<T $(, $n)?>) -> bool {
                let zero = <$t<T $(, $n)?> as Components<T>>::constant(T::zero());
                <T as SupersetOf<$p>>::is_in_subset(&element.real())
                    && element.with_real(T::zero()).all(&zero, |c, _| {
                        <T as SupersetOf<$p>>::is_in_subset(c)
                            && <T as SupersetOf<$p>>::to_subset_unchecked(c) == 0.0
                    })
            }
        }
    };
}

impl_linalg!(Dual[]);
impl_linalg!(HyperDual[]);
impl_linalg!(DualVec[N]);
impl_linalg!(HyperDualVec[N]);
impl_linalg!(Taylor[N]);
