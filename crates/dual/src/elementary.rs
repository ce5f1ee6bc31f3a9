//! Each elementary function written once, as its value and first two derivatives
//! at a point: `[f(x), f'(x), f''(x)]`. The fixed-order number types apply these
//! through their own chain rule; [`crate::Taylor`] uses coefficient recurrences
//! instead.
//!
//! The functions are generic over the inner scalar, so the same table serves
//! `f64` and nested numbers alike. For a nested type (`Dual<Dual<f64>>`) the
//! derivative formulas are themselves evaluated on dual numbers and so get
//! differentiated: every formula here is written to stay accurate when it is,
//! which rules out the textbook forms that cancel or overflow. `1 - x^2` is
//! `(1 - x)(1 + x)` only near `|x| = 1` (elsewhere its derivative `-(1 + x) +
//! (1 - x)` would cancel); `sech^2 x` comes from `e^(-2|x|)` where `cosh x`
//! would overflow; `1/sqrt(1 + x^2)` and `1/(1 + x^2)` are scaled by `1/x` for
//! `|x| > 1`. The branches are taken on the value, and both sides of each are
//! the same function, so the derivatives of every order stay exact.
//!
//! Outside a function's domain (the value is NaN, e.g. `ln(-1)`), both
//! derivatives are NaN as well.

use num_traits::Float;

/// A float constant converted to `T`; every `Float` type can represent it.
#[inline(always)]
pub(crate) fn cst<T: Float>(c: f64) -> T {
    T::from(c).unwrap_or_else(T::nan)
}

/// `1 - x^2`, written so that neither it nor its derivative cancels: `(1 - x)(1
/// + x)` near `|x| = 1`, `1 - x x` elsewhere.
#[inline(always)]
fn one_minus_sq<T: Float>(x: T) -> T {
    if x.abs() < cst(0.5) {
        T::one() - x * x
    } else {
        (T::one() - x) * (T::one() + x)
    }
}

/// `[f, f', f'']` with NaN derivatives where the value is NaN (outside the
/// domain), so that no finite derivative comes with a NaN value.
#[inline(always)]
fn in_domain<T: Float>([f0, f1, f2]: [T; 3]) -> [T; 3] {
    if f0.is_nan() {
        [f0, T::nan(), T::nan()]
    } else {
        [f0, f1, f2]
    }
}

/// `sech^2 x = 1 / cosh^2 x`; for `|x| > 20` as `4 e / (1 + e)^2` with `e =
/// e^(-2|x|)`, which neither overflows nor underflows before the result does
/// (for a nested type the derivative of `1 / cosh^2 x` squares it, which
/// underflows from `|x| = 177`; below 20, `1 - e` in the derivative of the
/// exponential form would cancel as `x -> 0`).
#[inline(always)]
fn sech_sq<T: Float>(x: T) -> T {
    let a = x.abs();
    if a > cst(20.0) {
        let e = (-(a + a)).exp();
        let d = T::one() + e;
        cst::<T>(4.0) * e / (d * d)
    } else {
        x.cosh().powi(2).recip()
    }
}

/// Where `atan`, `asinh` and `acosh` switch to their forms in `1/x`: 2^64.
/// Below it `x^2 + 1` and its square stay far inside the range (the direct
/// forms are cheaper by a division); above it `1/x` is below 2^-64, so `1 ±
/// 1/x^2` is 1 to within rounding and cannot cancel.
#[inline(always)]
pub(crate) fn scaled_above<T: Float>() -> T {
    cst(18_446_744_073_709_551_616.0)
}

macro_rules! table {
    ($($(#[$m:meta])* $name:ident($x:ident) $body:block)*) => {$(
        $(#[$m])*
        #[inline(always)]
        pub(crate) fn $name<T: Float>($x: T) -> [T; 3] {
            in_domain($body)
        }
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
    /// sqrt x: 1/(2 sqrt x), -1/(4 x sqrt x) (as `-(d / x) / 2`: `x + x` would
    /// overflow at `f64::MAX`).
    sqrt(x) { let s = x.sqrt(); let d = (s + s).recip(); [s, d, -(d / x) * cst(0.5)] }
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
    /// atan x: r = 1/(1+x^2), -2 (x r) r; for |x| > 2^64 from y = 1/x, with
    /// x r = y/(1+y^2) and r = y (x r), so that neither x^2 nor, for nested
    /// types, the derivative r^2 2x of r overflows or underflows.
    atan(x) {
        let (r, xr) = if x.abs() > scaled_above() {
            let y = x.recip();
            let xr = y / (T::one() + y * y);
            (y * xr, xr)
        } else {
            let r = (T::one() + x * x).recip();
            (r, x * r)
        };
        [x.atan(), r, -(xr + xr) * r]
    }
    /// sinh x: cosh x, sinh x.
    sinh(x) { let (s, c) = (x.sinh(), x.cosh()); [s, c, s] }
    /// cosh x: sinh x, cosh x.
    cosh(x) { let (s, c) = (x.sinh(), x.cosh()); [c, s, c] }
    /// tanh x: sech^2 x, -2 tanh x sech^2 x. The derivative is sech^2 x (see
    /// `sech_sq`), not 1 - tanh^2 x, which cancels (to 0 for |x| > 19).
    tanh(x) { let t = x.tanh(); let d = sech_sq(x); [t, d, -(t + t) * d] }
    /// asinh x: q = 1/sqrt(x^2+1), -(x q) q^2; for |x| > 2^64 from y = 1/x,
    /// with w = 1/sqrt(1+y^2), q = |y| w and x q = sign(x) w, so that x^2 never
    /// overflows (nor, for nested types, the square of 1/(x^2+1) underflows).
    asinh(x) {
        let (q, xq) = if x.abs() > scaled_above() {
            let y = x.recip();
            let w = (T::one() + y * y).sqrt().recip();
            (y.abs() * w, w * x.signum())
        } else {
            let q = (x * x + T::one()).sqrt().recip();
            (q, x * q)
        };
        [x.asinh(), q, -(xq * q * q)]
    }
    /// acosh x: q = 1/sqrt(x^2-1), -(x q) q^2; for x > 2^64 from y = 1/x, with
    /// w = 1/sqrt(1-y^2), q = y w and x q = w, so that x^2 never overflows.
    acosh(x) {
        let (q, xq) = if x > scaled_above() {
            let y = x.recip();
            let w = one_minus_sq(y).sqrt().recip();
            (y * w, w)
        } else {
            let q = ((x - T::one()) * (x + T::one())).sqrt().recip();
            (q, x * q)
        };
        [x.acosh(), q, -(xq * q * q)]
    }
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

/// `x^m` for an integer `m >= i32::MIN - 2` held in an `i64` (`n - 1` and
/// `n - 2` of an `i32` exponent `n`): `powi` where `m` fits in `i32`, else
/// `x^i32::MIN / x` or `/ x / x`, which keeps the parity of `m` (the sign for
/// a negative base) and the limits 0 and ±inf.
#[inline(always)]
fn pow_i64<T: Float>(x: T, m: i64) -> T {
    match i32::try_from(m) {
        Ok(m) => x.powi(m),
        Err(_) => {
            let mut p = x.powi(i32::MIN);
            for _ in m..i64::from(i32::MIN) {
                p = p / x;
            }
            p
        }
    }
}

/// x^n for an integer n: n x^(n-1), n (n-1) x^(n-2); exact zeros where the
/// coefficient vanishes (n = 0, or n = 1 for the second derivative), so
/// `powi(0, 1)` has derivative 1, not NaN. No exponent overflows: `n - 1` and
/// `n - 2` are formed in `i64` (for `n = i32::MIN` they do not fit in `i32`).
#[inline(always)]
pub(crate) fn powi<T: Float>(x: T, n: i32) -> [T; 3] {
    if n == 2 {
        // the square: x x, 2 x and 2, the same numbers as the general case
        // forms for a primitive `x` (`powi(2)` is `x x`, `2 x^1` is `x + x`),
        // without three powers of `x` when `x` is itself a number type
        let two = T::one() + T::one();
        return in_domain([x * x, x + x, two]);
    }
    let nf = cst::<T>(f64::from(n));
    let m = i64::from(n);
    let d1 = if n == 0 {
        T::zero()
    } else {
        nf * pow_i64(x, m - 1)
    };
    let d2 = if n == 0 || n == 1 {
        T::zero()
    } else {
        nf * (nf - T::one()) * pow_i64(x, m - 2)
    };
    in_domain([x.powi(n), d1, d2])
}

/// `x^m` for a constant real `m`, as the primitive's `powf` gives it. Where the
/// power overflows, `x x^(m-1)` when that is the same infinity: for a nested
/// `T` the two agree in value but only the product keeps finite inner
/// derivatives (`T`'s `powf` with a number exponent multiplies the infinite
/// power by the exponent's zero derivative).
#[inline(always)]
fn pow_const<T: Float>(x: T, m: T) -> T {
    let p = x.powf(m);
    if p.is_infinite() {
        let q = x * x.powf(m - T::one());
        if q == p {
            return q;
        }
    }
    p
}

/// x^n for a constant real n: n x^(n-1), n (n-1) x^(n-2). The terms whose
/// coefficient vanishes are exact zeros for every x: `x^0` has derivatives 0
/// and `x^1` derivatives 1, 0, also where `x^(n-1)` is infinite or NaN (at 0,
/// at a negative subnormal). The value is the primitive's `powf`, so it is 1
/// for `1^NaN` and `NaN^0`, inf at base +inf, as for `f64`.
#[inline(always)]
pub(crate) fn powf<T: Float>(x: T, n: T) -> [T; 3] {
    let one = T::one();
    let value = pow_const(x, n);
    if n == T::zero() {
        return [value, T::zero(), T::zero()];
    }
    let d1 = n * pow_const(x, n - one);
    let d2 = if n == one {
        T::zero()
    } else {
        n * (n - one) * pow_const(x, n - one - one)
    };
    in_domain([value, d1, d2])
}

/// `x^y` as a function of both arguments, for `x > 0`: the value, the first
/// partials `fx = y x^(y-1)` and `fy = x^y ln x`, and the second partials
/// `fxx = y (y-1) x^(y-2)`, `fxy = x^(y-1) (1 + y ln x)` and `fyy = x^y ln² x`,
/// in the order of [`crate::Chain::chain2`]. `f`, `fx` and `fxx` are those of
/// [`powf`] (exact zeros where the coefficient vanishes); every partial is a
/// product of powers of `x` and of `ln x`, none a difference, so each is finite
/// wherever its true value is (at `x = 1e-200, y = 3`: `fxx = 6e-200`, the others
/// underflow towards 0). `fxy` is written `fx ln x + x^(y-1)`.
#[inline(always)]
pub(crate) fn powf2<T: Float>(x: T, y: T) -> [T; 6] {
    let [f, fx, fxx] = powf(x, y);
    let l = x.ln();
    let fy = f * l;
    let fxy = fx * l + pow_const(x, y - T::one());
    [f, fx, fy, fxx, fxy, fy * l]
}
