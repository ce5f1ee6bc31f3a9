//! Each elementary function written once, as its value and first two derivatives
//! at a point: `[f(x), f'(x), f''(x)]`. The fixed-order number types apply these
//! through their own chain rule; [`crate::Taylor`] uses coefficient recurrences
//! instead.
//!
//! The functions are generic over the inner scalar, so the same table serves
//! `f64` and nested numbers alike.

use num_traits::Float;

/// A float constant converted to `T`; every `Float` type can represent it.
#[inline(always)]
pub(crate) fn cst<T: Float>(c: f64) -> T {
    T::from(c).unwrap_or_else(T::nan)
}

/// `1 - x^2`, factored for accuracy near `|x| = 1`.
#[inline(always)]
fn one_minus_sq<T: Float>(x: T) -> T {
    (T::one() - x) * (T::one() + x)
}

macro_rules! table {
    ($($(#[$m:meta])* $name:ident($x:ident) $body:block)*) => {$(
        $(#[$m])*
        #[inline(always)]
        pub(crate) fn $name<T: Float>($x: T) -> [T; 3] $body
    )*};
}

table! {
    /// e^x: every derivative is e^x.
    exp(x) { let e = x.exp(); [e, e, e] }
    /// 2^x: (ln 2)^k 2^x.
    exp2(x) { let e = x.exp2(); let l = cst::<T>(core::f64::consts::LN_2); [e, e * l, e * l * l] }
    /// e^x - 1: derivatives e^x.
    exp_m1(x) { let e = x.exp(); [x.exp_m1(), e, e] }
    /// ln x: 1/x, -1/x^2.
    ln(x) { let r = x.recip(); [x.ln(), r, -r * r] }
    /// ln(1 + x): 1/(1+x), -1/(1+x)^2.
    ln_1p(x) { let r = (T::one() + x).recip(); [x.ln_1p(), r, -r * r] }
    /// log2 x: 1/(x ln 2), -1/(x^2 ln 2).
    log2(x) { let r = x.recip(); let s = r / cst::<T>(core::f64::consts::LN_2); [x.log2(), s, -s * r] }
    /// log10 x: 1/(x ln 10), -1/(x^2 ln 10).
    log10(x) { let r = x.recip(); let s = r / cst::<T>(core::f64::consts::LN_10); [x.log10(), s, -s * r] }
    /// sqrt x: 1/(2 sqrt x), -1/(4 x sqrt x).
    sqrt(x) { let s = x.sqrt(); let d = (s + s).recip(); [s, d, -d / (x + x)] }
    /// cbrt x: 1/(3 cbrt(x)^2), -2/(9 cbrt(x)^5).
    cbrt(x) { let c = x.cbrt(); let d = (cst::<T>(3.0) * c * c).recip(); [c, d, cst::<T>(-2.0 / 3.0) * d / x] }
    /// 1/x: -1/x^2, 2/x^3.
    recip(x) { let r = x.recip(); let r2 = r * r; [r, -r2, (r2 + r2) * r] }
    /// sin x: cos x, -sin x.
    sin(x) { let (s, c) = x.sin_cos(); [s, c, -s] }
    /// cos x: -sin x, -cos x.
    cos(x) { let (s, c) = x.sin_cos(); [c, -s, -c] }
    /// tan x: 1 + tan^2 x, 2 tan x (1 + tan^2 x).
    tan(x) { let t = x.tan(); let d = T::one() + t * t; [t, d, (t + t) * d] }
    /// asin x: 1/sqrt(1-x^2), x/(1-x^2)^(3/2).
    asin(x) { let r = one_minus_sq(x).recip(); let q = r.sqrt(); [x.asin(), q, x * q * r] }
    /// acos x: -1/sqrt(1-x^2), -x/(1-x^2)^(3/2).
    acos(x) { let r = one_minus_sq(x).recip(); let q = r.sqrt(); [x.acos(), -q, -(x * q * r)] }
    /// atan x: 1/(1+x^2), -2x/(1+x^2)^2.
    atan(x) { let r = (T::one() + x * x).recip(); [x.atan(), r, -(x + x) * r * r] }
    /// sinh x: cosh x, sinh x.
    sinh(x) { let (s, c) = (x.sinh(), x.cosh()); [s, c, s] }
    /// cosh x: sinh x, cosh x.
    cosh(x) { let (s, c) = (x.sinh(), x.cosh()); [c, s, c] }
    /// tanh x: sech^2 x, -2 tanh x sech^2 x. The derivative is computed as
    /// 1 / cosh^2 x, not 1 - tanh^2 x, which cancels (to 0 for |x| > 19).
    tanh(x) { let t = x.tanh(); let d = x.cosh().powi(2).recip(); [t, d, -(t + t) * d] }
    /// asinh x: 1/sqrt(x^2+1), -x/(x^2+1)^(3/2).
    asinh(x) { let r = (x * x + T::one()).recip(); let q = r.sqrt(); [x.asinh(), q, -(x * q * r)] }
    /// acosh x: 1/sqrt(x^2-1), -x/(x^2-1)^(3/2).
    acosh(x) { let r = ((x - T::one()) * (x + T::one())).recip(); let q = r.sqrt(); [x.acosh(), q, -(x * q * r)] }
    /// atanh x: 1/(1-x^2), 2x/(1-x^2)^2.
    atanh(x) { let r = one_minus_sq(x).recip(); [x.atanh(), r, (x + x) * r * r] }
    /// |x|: the derivative is -1 for x < 0 and +1 otherwise (also at 0), as for
    /// the program `if x < 0 { -x } else { x }`.
    abs(x) { let s = if x < T::zero() { -T::one() } else { T::one() }; [x.abs(), s, T::zero()] }
    /// signum x: piecewise constant, derivatives 0.
    signum(x) { [x.signum(), T::zero(), T::zero()] }
    /// floor x: piecewise constant, derivatives 0.
    floor(x) { [x.floor(), T::zero(), T::zero()] }
    /// ceil x: piecewise constant, derivatives 0.
    ceil(x) { [x.ceil(), T::zero(), T::zero()] }
    /// round x: piecewise constant, derivatives 0.
    round(x) { [x.round(), T::zero(), T::zero()] }
    /// trunc x: piecewise constant, derivatives 0.
    trunc(x) { [x.trunc(), T::zero(), T::zero()] }
    /// fract x = x - trunc x: derivative 1, 0.
    fract(x) { [x.fract(), T::one(), T::zero()] }
}

/// x^n for an integer n: n x^(n-1), n (n-1) x^(n-2); exact zeros where the
/// coefficient vanishes, so `powi(0, 1)` has derivative 1, not NaN.
#[inline(always)]
pub(crate) fn powi<T: Float>(x: T, n: i32) -> [T; 3] {
    let nf = cst::<T>(f64::from(n));
    let d1 = if n == 0 {
        T::zero()
    } else {
        nf * x.powi(n - 1)
    };
    let d2 = if n == 0 || n == 1 {
        T::zero()
    } else {
        nf * (nf - T::one()) * x.powi(n - 2)
    };
    [x.powi(n), d1, d2]
}

/// x^n for a constant real n. At x = 0 the terms whose coefficient vanishes
/// (n = 0 or n = 1) are exact zeros instead of `0 * inf = NaN`.
#[inline(always)]
pub(crate) fn powf<T: Float>(x: T, n: T) -> [T; 3] {
    let one = T::one();
    let at_zero = x == T::zero();
    let d1 = if at_zero && n == T::zero() {
        T::zero()
    } else {
        n * x.powf(n - one)
    };
    let d2 = if at_zero && (n == T::zero() || n == one) {
        T::zero()
    } else {
        n * (n - one) * x.powf(n - one - one)
    };
    [x.powf(n), d1, d2]
}
