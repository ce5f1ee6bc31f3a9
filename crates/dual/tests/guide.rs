//! The worked examples of the guide, as tests: one generic function evaluated
//! on every number type, and generic `num_traits::Float` code accepting them.
//! (The `Taylor64` parts live in `with_taylor.rs`.)

mod common;

use approx::assert_relative_eq;
use common::*;
use dual::{Dual, Dual32, Dual64, DualVec64, HyperDual, HyperDual32, HyperDual64, HyperDualVec64};
use num_traits::Float;

#[test]
fn cubic_has_second_derivative_six_at_one() {
    let h = cubic(HyperDual64::variable(1.0));
    assert_eq!((h.re, h.eps1, h.eps1eps2), (-2.0, 0.0, 6.0));
    let n = cubic(Dual::new(Dual64::variable(1.0), Dual64::constant(1.0)));
    assert_eq!((n.re.re, n.re.eps, n.eps.eps), (-2.0, 0.0, 6.0));
    let v = cubic(HyperDualVec64::<1>::variable(1.0, 0));
    assert_eq!((v.eps[0], v.eps2[0][0]), (0.0, 6.0));
    assert_eq!(cubic(Dual64::variable(2.0)).eps, 9.0);
}

#[test]
fn quartic_second_derivative() {
    for x in [-2.5, -1.0, -0.3, 0.4, 1.0, 2.0, 3.7] {
        let exact = 12.0 * x * x - f64::sin(x);
        let h = quartic(HyperDual64::variable(x));
        assert_relative_eq!(h.eps1eps2, exact, max_relative = 1e-14);
        assert_relative_eq!(h.eps1, 4.0 * x * x * x + f64::cos(x), max_relative = 1e-14);
        let n = quartic(Dual::new(Dual64::variable(x), Dual64::constant(1.0)));
        assert_relative_eq!(n.eps.eps, exact, max_relative = 1e-14);
    }
}

#[test]
fn worked_example_on_every_type() {
    let x = 1.5;
    let [d1, d2] = [4.053427893898621, 9.463073681596603];
    // the script confirms the guide's numbers with SymPy
    assert_relative_eq!(d1, WORKED_1_5[0], max_relative = 1e-15);
    assert_relative_eq!(d2, WORKED_1_5[1], max_relative = 1e-15);

    let plain = f(x);
    let d = f(Dual64::variable(x));
    let h = f(HyperDual64::variable(x));
    let n = f(Dual::new(Dual64::variable(x), Dual64::constant(1.0)));
    let v = f(DualVec64::<2>::variable(x, 0));
    let hv = f(HyperDualVec64::<2>::variable(x, 1));
    // every type computes the value of the plain f64 program (up to the last bit:
    // f64::powi may round differently when inlining makes the exponent constant)
    for value in [d.re, h.re, n.re.re, v.re, hv.re] {
        assert_relative_eq!(value, plain, max_relative = 4.0 * f64::EPSILON);
    }
    for first in [
        d.eps, h.eps1, h.eps2, n.re.eps, n.eps.re, v.eps[0], hv.eps[1],
    ] {
        assert_relative_eq!(first, d1, max_relative = 1e-14);
    }
    for second in [h.eps1eps2, n.eps.eps, hv.eps2[1][1]] {
        assert_relative_eq!(second, d2, max_relative = 1e-14);
    }
}

/// Generic code bounded only on `num_traits::Float`, using a spread of its
/// methods: g(x) = e^x sin x + sqrt(x^2 + 1) - ln(1 + x^2) / 2 + max(x, 0.1).
fn float_only<T: Float>(x: T) -> T {
    let one = T::one();
    let half = T::from(0.5).unwrap();
    x.exp() * x.sin() + x.hypot(one) - (x * x).ln_1p() * half + x.max(T::from(0.1).unwrap())
}

/// g'(x) = e^x (sin x + cos x) + x / sqrt(x^2 + 1) - x / (1 + x^2) + 1 (x > 0.1),
/// g''(x) = 2 e^x cos x + (x^2 + 1)^(-3/2) - (1 - x^2) / (1 + x^2)^2.
fn float_only_derivatives(x: f64) -> [f64; 2] {
    let (s, c, e) = (x.sin(), x.cos(), x.exp());
    let q = x * x + 1.0;
    [
        e * (s + c) + x / q.sqrt() - x / q + 1.0,
        2.0 * e * c + q.powf(-1.5) - (1.0 - x * x) / (q * q),
    ]
}

#[test]
fn generic_float_code_accepts_every_type() {
    for x in [0.3, 0.9, 1.7] {
        let [g1, g2] = float_only_derivatives(x);
        let plain = float_only(x);
        let d = float_only(Dual64::variable(x));
        assert_relative_eq!(d.re, plain, max_relative = 4.0 * f64::EPSILON);
        assert_relative_eq!(d.eps, g1, max_relative = 1e-14);
        let h = float_only(HyperDual64::variable(x));
        assert_relative_eq!(h.eps1eps2, g2, max_relative = 1e-14);
        let v = float_only(DualVec64::<3>::variable(x, 2));
        assert_relative_eq!(v.eps[2], g1, max_relative = 1e-14);
        let hv = float_only(HyperDualVec64::<2>::variable(x, 0));
        assert_relative_eq!(hv.eps2[0][0], g2, max_relative = 1e-14);
        let n = float_only(Dual::new(Dual64::variable(x), Dual64::constant(1.0)));
        assert_relative_eq!(n.eps.eps, g2, max_relative = 1e-14);
        let hn = float_only(HyperDual::new(
            Dual64::variable(x),
            Dual64::constant(1.0),
            Dual64::constant(1.0),
            Dual64::constant(0.0),
        ));
        assert_relative_eq!(hn.eps1eps2.re, g2, max_relative = 1e-14);
        // f32 types too, to f32 accuracy (the condition numbers here are below 10)
        let d32 = float_only(Dual32::variable(x as f32));
        assert_relative_eq!(f64::from(d32.eps), g1, max_relative = 1e-5);
        let h32 = float_only(HyperDual32::variable(x as f32));
        assert_relative_eq!(f64::from(h32.eps1eps2), g2, max_relative = 1e-5);
    }
}
