//! Regression tests for the edge cases of issue 12: every one failed (panicked,
//! or returned a wrong value) before its fix. Reference values are closed forms
//! written out in each test.

mod common;

use approx::assert_relative_eq;
use common::Flat;
use dual::{Dual, Dual64, DualNum, DualVec64, HyperDual, HyperDual64, HyperDualVec64, Taylor64};

/// The independent variable of a fixed-order type, and the parts of its
/// result that hold the first and second derivative.
trait Seeded: DualNum<f64> + Flat {
    fn var(x: f64) -> Self;
    /// Every part holding f', and every part holding f''.
    fn orders(&self) -> (Vec<f64>, Vec<f64>);
}

impl Seeded for Dual64 {
    fn var(x: f64) -> Self {
        Dual64::variable(x)
    }
    fn orders(&self) -> (Vec<f64>, Vec<f64>) {
        (vec![self.eps], vec![])
    }
}
impl Seeded for HyperDual64 {
    fn var(x: f64) -> Self {
        HyperDual64::variable(x)
    }
    fn orders(&self) -> (Vec<f64>, Vec<f64>) {
        (vec![self.eps1, self.eps2], vec![self.eps1eps2])
    }
}
impl Seeded for DualVec64<2> {
    fn var(x: f64) -> Self {
        DualVec64::variable(x, 0)
    }
    fn orders(&self) -> (Vec<f64>, Vec<f64>) {
        (vec![self.eps[0]], vec![])
    }
}
impl Seeded for HyperDualVec64<2> {
    fn var(x: f64) -> Self {
        HyperDualVec64::variable(x, 0)
    }
    fn orders(&self) -> (Vec<f64>, Vec<f64>) {
        (vec![self.eps[0]], vec![self.eps2[0][0]])
    }
}
impl Seeded for Dual<Dual64> {
    fn var(x: f64) -> Self {
        Dual::new(Dual64::variable(x), Dual64::constant(1.0))
    }
    fn orders(&self) -> (Vec<f64>, Vec<f64>) {
        (vec![self.re.eps, self.eps.re], vec![self.eps.eps])
    }
}
impl Seeded for HyperDual<Dual64> {
    fn var(x: f64) -> Self {
        let one = Dual64::constant(1.0);
        HyperDual::new(Dual64::variable(x), one, one, Dual64::constant(0.0))
    }
    fn orders(&self) -> (Vec<f64>, Vec<f64>) {
        (
            vec![self.re.eps, self.eps1.re, self.eps2.re],
            vec![self.eps1.eps, self.eps2.eps, self.eps1eps2.re],
        )
    }
}

macro_rules! for_every_fixed_order_type {
    ($check:ident) => {
        $check::<Dual64>();
        $check::<HyperDual64>();
        $check::<DualVec64<2>>();
        $check::<HyperDualVec64<2>>();
        $check::<Dual<Dual64>>();
        $check::<HyperDual<Dual64>>();
    };
}

/// Bit equality with NaN equal to NaN (any payload).
fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// The parts of f' equal `d1` and those of f'' equal `d2`, bit for bit. Where
/// `d1` is infinite a second-order part may be NaN instead: the chain rule's
/// `f' x12` with the seed's `x12 = 0` is `inf * 0` (the documented convention
/// for a zero direction, as for `sqrt` at 0).
#[track_caller]
fn assert_parts(y: (Vec<f64>, Vec<f64>), d1: f64, d2: f64, what: &str) {
    for v in &y.0 {
        assert!(same(*v, d1), "{what}: f' part {v:e}, expected {d1:e}");
    }
    for v in &y.1 {
        assert!(
            same(*v, d2) || (d1.is_infinite() && v.is_nan()),
            "{what}: f'' part {v:e}, expected {d2:e}"
        );
    }
}

#[test]
fn powi_at_the_extreme_exponents_does_not_overflow() {
    fn check<D: Seeded>() {
        let min = f64::from(i32::MIN);
        // n x^(n-1), n (n-1) x^(n-2) in closed form at x = ±1, 2 and 1/2:
        // at ±1 every power is ±1, at 2 every power underflows to 0 and at 1/2
        // overflows to inf
        for (n, nf) in [(i32::MIN, min), (i32::MIN + 1, min + 1.0)] {
            let odd = n % 2 != 0;
            let sign = |even: bool| if even { 1.0 } else { -1.0 };
            for (x, p0, p1, p2) in [
                (1.0, 1.0, 1.0, 1.0),
                (-1.0, sign(!odd), sign(odd), sign(!odd)),
                (2.0, 0.0, 0.0, 0.0),
                (0.5, f64::INFINITY, f64::INFINITY, f64::INFINITY),
            ] {
                let y = D::var(x).powi(n);
                let what = format!("{}::powi({n}) at {x}", core::any::type_name::<D>());
                assert!(same(y.re(), x.powi(n)), "{what}: value {}", y.re());
                assert!(same(y.re(), p0), "{what}: value {}", y.re());
                assert_parts(y.orders(), nf * p1, nf * (nf - 1.0) * p2, &what);
            }
        }
    }
    for_every_fixed_order_type!(check);
}

#[test]
fn powf_values_are_those_of_f64() {
    fn check<D: Seeded>() {
        let inf = f64::INFINITY;
        for (x, n) in [
            (inf, 2.0),
            (inf, 0.5),
            (inf, -1.5),
            (2.0, inf),
            (0.5, inf),
            (2.0, -inf),
            (1.0, f64::NAN),
            (f64::NAN, 0.0),
            (-5e-324, 0.0),
        ] {
            let what = format!("{}: {x}^{n}", core::any::type_name::<D>());
            let by_scalar = D::var(x).powf_scalar(n);
            let by_number = D::var(x).powf(D::from_re(n));
            assert!(
                same(by_scalar.re(), x.powf(n)),
                "{what} (scalar): {by_scalar:?}"
            );
            assert!(
                same(by_number.re(), x.powf(n)),
                "{what} (number): {by_number:?}"
            );
        }
        // x^0 is the constant 1 everywhere: derivatives exactly 0, also where
        // x^-1 is infinite (the smallest negative subnormal)
        let y = D::var(-5e-324).powf_scalar(0.0);
        assert_parts(y.orders(), 0.0, 0.0, "x^0 at -5e-324");
        // x^2 at 1e-200: 2x and 2, though x^2 underflows
        let y = D::var(1e-200).powf_scalar(2.0);
        assert_parts(y.orders(), 2e-200, 2.0, "x^2 at 1e-200");
        // x^2 at +inf: 2x = inf (over a nested scalar the inner parts go
        // through the inner type's powf with a number exponent, whose
        // derivatives at an infinite base are NaN by its convention)
        let y = D::var(inf).powf_scalar(2.0);
        let first = y.orders().0;
        assert_eq!(first[first.len() - 1], inf);
    }
    for_every_fixed_order_type!(check);
}

#[test]
fn a_nan_value_has_nan_derivatives() {
    fn check<D: Seeded>() {
        type Case<D> = (&'static str, fn(D) -> D, f64);
        let cases: [Case<D>; 12] = [
            ("ln", |x| x.ln(), -1.0),
            ("log2", |x| x.log2(), -1.0),
            ("log10", |x| x.log10(), -2.0),
            ("ln_1p", |x| x.ln_1p(), -3.0),
            ("sqrt", |x| x.sqrt(), -1.0),
            ("asin", |x| x.asin(), 2.0),
            ("acos", |x| x.acos(), -2.0),
            ("acosh", |x| x.acosh(), 0.5),
            ("atanh", |x| x.atanh(), 2.0),
            ("powf_0.5", |x| x.powf_scalar(0.5), -4.0),
            ("powf_number", |x| x.powf(D::from_re(1.5)), -4.0),
            ("sin", |x| x.sin(), f64::INFINITY),
        ];
        for (name, f, x) in cases {
            let y = f(D::var(x));
            let what = format!("{}::{name}({x})", core::any::type_name::<D>());
            assert!(y.re().is_nan(), "{what}: value {}", y.re());
            assert!(
                y.flat().iter().all(|c| c.is_nan()),
                "{what}: {:?}",
                y.flat()
            );
        }
    }
    for_every_fixed_order_type!(check);
}

#[test]
fn hyperdual_quotients_agree_with_dual_and_taylor() {
    let h = HyperDual64::variable;
    let d = Dual64::variable;
    let t = Taylor64::<2>::variable;
    let m = f64::MIN_POSITIVE;
    // x / x = 1: every derivative exactly 0 (1/x^2 overflows at MIN_POSITIVE)
    let (yh, yd, yt) = (h(m) / h(m), d(m) / d(m), t(m) / t(m));
    assert_eq!([yh.re, yh.eps1, yh.eps2, yh.eps1eps2], [1.0, 0.0, 0.0, 0.0]);
    assert_eq!([yd.re, yd.eps], [1.0, 0.0]);
    assert_eq!(yt.coeffs().collect::<Vec<_>>(), [1.0, 0.0, 0.0]);
    // 1 / x at 0 with a constant numerator: -1/x^2 = -inf, like Dual; the second
    // order meets inf - inf, NaN like Taylor's
    let one = HyperDual64::constant(1.0);
    let yh = one / h(0.0);
    let yd = Dual64::constant(1.0) / d(0.0);
    let yt = Taylor64::<2>::constant(1.0) / t(0.0);
    assert_eq!(
        [yh.re, yh.eps1, yh.eps2],
        [f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY]
    );
    assert_eq!([yd.re, yd.eps], [f64::INFINITY, f64::NEG_INFINITY]);
    assert!(yh.eps1eps2.is_nan() && yt.coeff(2).is_nan());
    // (x^2 + 1) / x at 1e-160, where 1/x^2 overflows: 1 - 1/x^2 and 2/x^3
    let x = 1e-160;
    let yh = (h(x) * h(x) + 1.0) / h(x);
    assert_eq!(yh.eps1, f64::NEG_INFINITY);
    let x = 1e-100;
    let yh = (h(x) * h(x) + 1.0) / h(x);
    approx::assert_relative_eq!(yh.eps1, 1.0 - 1e200, max_relative = 1e-15, epsilon = 0.0);
    approx::assert_relative_eq!(yh.eps1eps2, 2e300, max_relative = 1e-15, epsilon = 0.0);
}

#[test]
fn log_base_two_at_infinity_agrees_across_types() {
    // d/dx ln x / ln 2 = 1 / (x ln 2) = 0 at inf; the quotient meets inf * 0 in
    // every type alike (the value is inf, the derivative parts agree bit for bit)
    let inf = f64::INFINITY;
    let yh = HyperDual64::variable(inf).log(HyperDual64::constant(2.0));
    let yd = Dual64::variable(inf).log(Dual64::constant(2.0));
    let yt = Taylor64::<2>::variable(inf).log(Taylor64::constant(2.0));
    assert_eq!([yh.re, yd.re, yt.coeff(0)], [inf; 3]);
    for v in [yh.eps1, yh.eps2, yt.coeff(1)] {
        assert!(same(v, yd.eps), "{v} vs Dual's {}", yd.eps);
    }
    assert!(same(yh.eps1eps2, yt.coeff(2) * 2.0));
}

#[test]
fn powf_zero_agrees_across_types() {
    let x = -5e-324;
    let yh = HyperDual64::variable(x).powf_scalar(0.0);
    let yd = Dual64::variable(x).powf_scalar(0.0);
    let yt = Taylor64::<2>::variable(x).powf_scalar(0.0);
    assert_eq!([yh.re, yh.eps1, yh.eps2, yh.eps1eps2], [1.0, 0.0, 0.0, 0.0]);
    assert_eq!([yd.re, yd.eps], [1.0, 0.0]);
    assert_eq!(yt.coeffs().collect::<Vec<_>>(), [1.0, 0.0, 0.0]);
}

/// The second derivative through `Dual<Dual<f64>>` (which differentiates the
/// first-derivative formula) equals the closed form where the textbook formula
/// cancels or overflows.
#[test]
fn nested_second_derivatives_survive_saturation_and_huge_arguments() {
    fn second(f: fn(Dual<Dual64>) -> Dual<Dual64>, x: f64) -> (f64, f64, f64) {
        let y = f(Dual::new(Dual64::variable(x), Dual64::constant(1.0)));
        assert!(same(y.re.eps, y.eps.re), "the two first derivatives differ");
        (y.re.re, y.re.eps, y.eps.eps)
    }
    // tanh'' = -2 tanh sech^2; at 200, sech^2 = 4 e^-400 / (1 + e^-400)^2
    let s = 4.0 * (-400.0_f64).exp();
    let (_, d1, d2) = second(|x| x.tanh(), 200.0);
    approx::assert_relative_eq!(d1, s, max_relative = 1e-14, epsilon = 0.0);
    approx::assert_relative_eq!(d2, -2.0 * s, max_relative = 1e-14, epsilon = 0.0);
    // at 400 everything underflows to exact zeros, not NaN
    assert_eq!(second(|x| x.tanh(), 400.0), (1.0, 0.0, -0.0));
    // asinh'' = -x / (1 + x^2)^(3/2) ~ -1/x^2 at 1e150 and 0 at 1e300
    let (_, d1, d2) = second(|x| x.asinh(), 1e150);
    approx::assert_relative_eq!(d1, 1e-150, max_relative = 1e-15, epsilon = 0.0);
    approx::assert_relative_eq!(d2, -1e-300, max_relative = 1e-15, epsilon = 0.0);
    let (_, d1, d2) = second(|x| x.asinh(), 1e300);
    approx::assert_relative_eq!(d1, 1e-300, max_relative = 1e-15, epsilon = 0.0);
    assert_eq!(d2, -0.0);
    // asin'' = x / (1 - x^2)^(3/2) = 1e-8 (1 + 1.5e-16 + ...) at 1e-8, within a
    // few ulps (1 - x^2 rounds at the ulp of 1); the old formula was 5e-10 off
    let (_, d1, d2) = second(|x| x.asin(), 1e-8);
    assert_eq!(d1, 1.0);
    approx::assert_relative_eq!(d2, 1e-8, max_relative = 1e-15, epsilon = 0.0);
    // atan'' = -2x / (1 + x^2)^2 ~ -2/x^3 at 1e100; acosh'' ~ -1/x^2 at 1e200
    let (_, d1, d2) = second(|x| x.atan(), 1e100);
    approx::assert_relative_eq!(d1, 1e-200, max_relative = 1e-15, epsilon = 0.0);
    approx::assert_relative_eq!(d2, -2e-300, max_relative = 1e-15, epsilon = 0.0);
    let (_, d1, d2) = second(|x| x.acosh(), 1e150);
    approx::assert_relative_eq!(d1, 1e-150, max_relative = 1e-15, epsilon = 0.0);
    approx::assert_relative_eq!(d2, -1e-300, max_relative = 1e-15, epsilon = 0.0);
    // sqrt'' = -1/(4 x^(3/2)) at f64::MAX underflows to 0 (x + x would overflow)
    let (_, _, d2) = second(|x| x.sqrt(), f64::MAX);
    assert_eq!(d2, -0.0);
}

#[test]
fn powf_with_a_constant_number_exponent_at_a_tiny_base() {
    // x.powf(3) at x = 1e-200 with the exponent a (constant) number: f' = 3 x^2
    // underflows to 0, f'' = 6 x = 6e-200. Before the bivariate chain rule the
    // exponent term (y - y0) ln x multiplied the exact 0 of y's parts by ln x's
    // overflowing -1/x^2: NaN
    fn check<D: Seeded>() {
        let x = 1e-200;
        for (y, d1, d2) in [
            (D::var(x).powf(D::from_re(3.0)), 0.0, 6.0 * x),
            // x^2.5: f' = 2.5 x^1.5 = 2.5e-300, f'' = 3.75 x^0.5 = 3.75e-100
            (D::var(x).powf(D::from_re(2.5)), 2.5e-300, 3.75e-100),
        ] {
            let what = core::any::type_name::<D>();
            let (first, second) = y.orders();
            for v in first {
                assert!(
                    (v - d1).abs() <= 1e-15 * d1,
                    "{what}: f' part {v:e}, expected {d1:e}"
                );
            }
            for v in second {
                assert!(
                    (v - d2).abs() <= 1e-15 * d2,
                    "{what}: f'' part {v:e}, expected {d2:e}"
                );
            }
        }
    }
    for_every_fixed_order_type!(check);
}

#[test]
fn powf_partials_at_a_tiny_base_are_finite() {
    // f(x, y) = x^y at (x0, y0) = (1e-200, 3), both arguments variables:
    // fx = 3 x^2 (3e-400 -> 0), fy = x^3 ln x (-> 0), fxx = 6 x = 6e-200,
    // fxy = x^2 (1 + 3 ln x) (~ -1.4e-397 -> -0 or a subnormal), fyy = x^3 ln^2 x
    // (-> 0): all finite. The exp(y ln x) form gave NaN Hessian entries
    let (x0, y0) = (1e-200, 3.0);
    let f = HyperDualVec64::<2>::variable(x0, 0).powf(HyperDualVec64::variable(y0, 1));
    let tiny = f64::MIN_POSITIVE; // the true fxy, fy, fyy are far below it
    assert!(
        f.eps[0].abs() < tiny && f.eps[1].abs() < tiny,
        "{:?}",
        f.eps
    );
    assert_relative_eq!(f.eps2[0][0], 6.0 * x0, max_relative = 1e-15);
    assert!(
        f.eps2[0][1].abs() < tiny && f.eps2[1][1].abs() < tiny,
        "{:?}",
        f.eps2
    );
    assert_eq!(f.eps2[0][1].to_bits(), f.eps2[1][0].to_bits());
    // and at an ordinary point, the closed forms: x^y at (2, 3)
    let f = HyperDualVec64::<2>::variable(2.0, 0).powf(HyperDualVec64::variable(3.0, 1));
    let l = core::f64::consts::LN_2;
    assert_eq!(f.re, 8.0);
    assert_relative_eq!(f.eps[0], 12.0, max_relative = 1e-15);
    assert_relative_eq!(f.eps[1], 8.0 * l, max_relative = 1e-15);
    assert_relative_eq!(f.eps2[0][0], 12.0, max_relative = 1e-15);
    assert_relative_eq!(f.eps2[0][1], 4.0 * (1.0 + 3.0 * l), max_relative = 1e-15);
    assert_relative_eq!(f.eps2[1][1], 8.0 * l * l, max_relative = 1e-15);
    // HyperDual with the two directions on the two arguments: eps1eps2 = fxy
    let h = HyperDual64::new(2.0, 1.0, 0.0, 0.0).powf(HyperDual64::new(3.0, 0.0, 1.0, 0.0));
    assert_relative_eq!(h.eps1eps2, 4.0 * (1.0 + 3.0 * l), max_relative = 1e-15);
    // a constant base: 2^y, the univariate rule of the exponent
    let g = HyperDualVec64::<2>::constant(2.0).powf(HyperDualVec64::variable(3.0, 1));
    assert_relative_eq!(g.eps[1], 8.0 * l, max_relative = 1e-15);
    assert_relative_eq!(g.eps2[1][1], 8.0 * l * l, max_relative = 1e-15);
    assert_eq!((g.eps[0], g.eps2[0][0]), (0.0, 0.0));
}
