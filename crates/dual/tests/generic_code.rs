//! The snippets of generic code a user writes first, in `fn f<D: DualNum<f64>>`:
//! each compiles (this file is the proof) and gives the value and derivative of
//! calculus on every number type. What cannot compile is shown by the
//! `compile_fail` examples in the docs of `dual::DualNum`.

use approx::assert_relative_eq;
use core::ops::{Div, Mul, Sub};
use dual::{Dual, Dual32, Dual64, DualNum, DualVec64, HyperDual64, HyperDualVec64, Taylor64};

/// Value, first and second derivative of `f` at `x`, through HyperDual64, and
/// checks that Dual64, DualVec64, HyperDualVec64, Taylor64, a nested Dual and
/// plain f64 agree with it.
fn derivs(f: impl Fn(&[HyperDual64]) -> HyperDual64, x: f64) -> [f64; 3] {
    let h = f(&[HyperDual64::variable(x)]);
    [h.re, h.eps1, h.eps1eps2]
}

macro_rules! on_every_type {
    ($f:ident, $x:expr, $expect:expr) => {{
        let x: f64 = $x;
        let [v, d1, d2]: [f64; 3] = $expect;
        assert_eq!($f(&[x]), v, "f64");
        let d = $f(&[Dual64::variable(x)]);
        assert_relative_eq!(d.re, v, max_relative = 1e-15);
        assert_relative_eq!(d.eps, d1, max_relative = 1e-14);
        let [hv, h1, h2] = derivs(|x| $f(x), x);
        assert_relative_eq!(hv, v, max_relative = 1e-15);
        assert_relative_eq!(h1, d1, max_relative = 1e-14);
        assert_relative_eq!(h2, d2, max_relative = 1e-14, epsilon = 1e-14);
        let t = $f(&[Taylor64::<3>::variable(x)]);
        assert_relative_eq!(t.derivative(2), d2, max_relative = 1e-14, epsilon = 1e-14);
        let g = $f(&[DualVec64::<2>::variable(x, 1)]);
        assert_relative_eq!(g.eps[1], d1, max_relative = 1e-14);
        let hv = $f(&[HyperDualVec64::<1>::variable(x, 0)]);
        assert_relative_eq!(hv.eps2[0][0], d2, max_relative = 1e-14, epsilon = 1e-14);
        let n = $f(&[Dual::new(Dual64::variable(x), Dual64::from_re(1.0))]);
        assert_relative_eq!(n.eps.eps, d2, max_relative = 1e-14, epsilon = 1e-14);
    }};
}

/// `x > 0.0`, `x <= 1.0`, `x == 0.5`: comparisons with a literal look at the value.
fn compare<D: DualNum<f64>>(x: &[D]) -> D {
    let x = x[0];
    if x == 0.5 {
        x * 10.0
    } else if x > 0.0 && x <= 1.0 {
        x * x
    } else {
        -x
    }
}

#[test]
fn comparisons_with_literals() {
    // branches of the f64 program: 10 x at 0.5, x^2 inside (0, 1], -x outside
    on_every_type!(compare, 0.5, [5.0, 10.0, 0.0]);
    on_every_type!(compare, 0.75, [0.5625, 1.5, 2.0]);
    on_every_type!(compare, 1.0, [1.0, 2.0, 2.0]);
    on_every_type!(compare, -2.0, [2.0, -1.0, 0.0]);
    // and the other way round: PartialOrd<f64> is on the number, `0.0 < x` is not
    // available (it would need `f64: PartialOrd<D>`), write `x > 0.0`
    assert!(Dual64::variable(0.5) < 1.0);
    assert!(Dual64::variable(f64::NAN) != 1.0);
    let nan = Dual64::variable(f64::NAN);
    assert_eq!(nan.partial_cmp(&1.0), None); // so `<`, `>=` are both false
}

/// `x.iter().sum()` and `.product()` over references.
fn sum_and_product<D: DualNum<f64>>(x: &[D]) -> D {
    let v = [x[0], x[0] * x[0], x[0].sin()];
    let s: D = v.iter().sum();
    let p: D = v.iter().product();
    s + p
}

#[test]
fn sums_and_products_of_references() {
    // f = x + x^2 + sin x + x^3 sin x
    let x = 0.7_f64;
    let (s, c) = x.sin_cos();
    let v = x + x * x + s + x.powi(3) * s;
    let d1 = 1.0 + 2.0 * x + c + 3.0 * x * x * s + x.powi(3) * c;
    let d2 = 2.0 - s + 6.0 * x * s + 6.0 * x * x * c - x.powi(3) * s;
    on_every_type!(sum_and_product, x, [v, d1, d2]);
    // an empty sum is 0, an empty product 1, with zero derivatives
    let none: [Dual64; 0] = [];
    let s: Dual64 = none.iter().sum();
    let p: Dual64 = none.iter().product();
    assert_eq!((s.re, s.eps, p.re, p.eps), (0.0, 0.0, 1.0, 0.0));
}

/// `x.powf_scalar(1.5)` and `x.powf(1.5.into())`, the same function.
fn power<D: DualNum<f64>>(x: &[D]) -> D {
    x[0].powf_scalar(1.5) + x[0].powf(2.5.into())
}

#[test]
fn a_power_with_a_literal_exponent() {
    let x = 2.25_f64; // sqrt(x) = 1.5
    let r = 1.5_f64;
    let v = x * r + x * x * r;
    let d1 = 1.5 * r + 2.5 * x * r;
    let d2 = 0.75 / r + 3.75 * r;
    on_every_type!(power, x, [v, d1, d2]);
    // powf_scalar skips the exponent's derivative: at a subnormal base its
    // first derivative 2x is exact where `0 * ln'(x) = 0 * inf` would be NaN
    let tiny = 5e-324;
    let y = Dual64::variable(tiny).powf_scalar(2.0);
    assert_eq!((y.re, y.eps), (0.0, 2.0 * tiny));
    // f32 types take an f32 exponent
    let y = Dual32::variable(4.0).powf_scalar(0.5);
    assert_eq!((y.re, y.eps), (2.0, 0.25));
}

/// `x.max(0.0.into())` (a ReLU), `let two: D = 2.0.into()`, `D::from_re`.
fn relu_and_constants<D: DualNum<f64>>(x: &[D]) -> D {
    let two: D = 2.0.into();
    x[0].max(0.0.into()) * two + x[0].min(D::from_re(-1.0))
}

#[test]
fn literals_converted_with_into() {
    on_every_type!(relu_and_constants, 3.0, [5.0, 2.0, 0.0]);
    on_every_type!(relu_and_constants, -0.5, [-1.0, 0.0, 0.0]);
    on_every_type!(relu_and_constants, -3.0, [-3.0, 1.0, 0.0]);
    // From<f64> makes a constant, like from_re, on nested types too
    let c: Dual<Dual64> = 2.5.into();
    assert_eq!(
        (c.re.re, c.re.eps, c.eps.re, c.eps.eps),
        (2.5, 0.0, 0.0, 0.0)
    );
    let c: Dual32 = 2.5_f32.into();
    assert_eq!((c.re, c.eps), (2.5, 0.0));
}

/// The primitive on the right (`x * 2.0`, `x.recip() * 3.0`, `-x + 1.0`): the
/// spellings of `2.0 * x`, `3.0 / x` and `1.0 - x` that need no extra bound.
fn primitive_on_the_right<D: DualNum<f64>>(x: &[D]) -> D {
    x[0] * 2.0 + x[0].recip() * 3.0 + (-x[0] + 1.0)
}

/// The primitive on the left, with the bound on `f64` spelled out.
fn primitive_on_the_left<D: DualNum<f64>>(x: &[D]) -> D
where
    f64: Mul<D, Output = D> + Div<D, Output = D> + Sub<D, Output = D>,
{
    2.0 * x[0] + 3.0 / x[0] + (1.0 - x[0])
}

#[test]
fn primitives_on_either_side() {
    // 2x + 3/x + 1 - x: value 5.5 at 2, derivative 1 - 3/x^2, second 6/x^3
    let expect = [2.0 + 1.5 + 1.0 - 2.0 + 2.0, 1.0 - 0.75, 0.75];
    on_every_type!(primitive_on_the_right, 2.0, expect);
    on_every_type!(primitive_on_the_left, 2.0, expect);
}
