//! The guide's examples on `Taylor64`, kept apart because `Taylor` is written on
//! another branch. Rename to `with_taylor.rs` once `dual::Taylor64` exists
//! (API: `Taylor64::<N>::variable(x)`, `Taylor::constant(x)`, `t.coeff(k)`,
//! `t.derivative(k)`).

mod common;

use approx::assert_relative_eq;
use common::*;
use dual::{Dual, Dual64, HyperDual64, Taylor, Taylor64};
use num_traits::Float;
use proptest::prelude::*;

/// "A user can write `fn f<D: DualNum<f64>>(x: D) -> D` once and evaluate it on
/// f64, Dual64, HyperDual64, Taylor64<12> and Dual<Dual<f64>>."
#[test]
fn one_function_on_every_type_including_taylor() {
    let x = 1.5;
    let plain = f(x);
    let d = f(Dual64::variable(x));
    let h = f(HyperDual64::variable(x));
    let t = f(Taylor64::<12>::variable(x));
    let n = f(Dual::new(Dual64::variable(x), Dual64::constant(1.0)));
    for value in [d.re, h.re, t.derivative(0), t.coeff(0), n.re.re] {
        assert_relative_eq!(value, plain, max_relative = 4.0 * f64::EPSILON);
    }
    for first in [d.eps, h.eps1, t.derivative(1), t.coeff(1), n.eps.re] {
        assert_relative_eq!(first, WORKED_1_5[0], max_relative = 1e-14);
    }
    for second in [h.eps1eps2, t.derivative(2), 2.0 * t.coeff(2), n.eps.eps] {
        assert_relative_eq!(second, WORKED_1_5[1], max_relative = 1e-14);
    }
}

#[test]
fn cubic_and_quartic_on_taylor() {
    let t = cubic(Taylor64::<5>::variable(1.0));
    assert_eq!(
        [0, 1, 2, 3, 4, 5].map(|k| t.derivative(k)),
        [-2.0, 0.0, 6.0, 6.0, 0.0, 0.0]
    );
    for x in [-2.5, -1.0, 0.4, 2.0] {
        let q = quartic(Taylor64::<6>::variable(x));
        // f'' = 12x^2 - sin x, f''' = 24x - cos x, f'''' = 24 + sin x
        assert_relative_eq!(
            q.derivative(2),
            12.0 * x * x - x.sin(),
            max_relative = 1e-14
        );
        assert_relative_eq!(q.derivative(3), 24.0 * x - x.cos(), max_relative = 1e-14);
        assert_relative_eq!(q.derivative(4), 24.0 + x.sin(), max_relative = 1e-14);
        assert_relative_eq!(q.derivative(5), x.cos(), max_relative = 1e-13);
    }
}

/// Generic `num_traits::Float` code accepts Taylor numbers too.
#[test]
fn generic_float_code_accepts_taylor() {
    fn g<T: Float>(x: T) -> T {
        x.exp() * x.sin()
    }
    for x in [-0.7, 0.3, 1.9] {
        let t = g(Taylor64::<4>::variable(x));
        // (e^x sin x)' = e^x (sin x + cos x), '' = 2 e^x cos x
        assert_relative_eq!(
            t.derivative(1),
            x.exp() * (x.sin() + x.cos()),
            max_relative = 1e-14
        );
        assert_relative_eq!(
            t.derivative(2),
            2.0 * x.exp() * x.cos(),
            max_relative = 1e-14
        );
        let c = g(Taylor64::<4>::constant(x));
        assert_eq!(c.derivative(1), 0.0);
    }
}

/// Every function of the reference table through the Taylor recurrences.
#[test]
fn taylor_against_the_reference_table() {
    for &(name, x, r) in REFERENCE {
        let t = unary::<f64, Taylor<f64, 3>>(name)(Taylor::variable(x));
        let u = f64::EPSILON / 2.0;
        check_unary(name, x, &r, 0, t.derivative(0), u, "c0");
        check_unary(name, x, &r, 1, t.derivative(1), u, "1! c1");
        check_unary(name, x, &r, 2, t.derivative(2), u, "2! c2");
    }
}

proptest! {
    #![proptest_config(config())]

    /// HyperDual's second derivative equals Taylor's on the worked example.
    #[test]
    fn hyperdual_and_taylor_agree(x in -0.5..2.0_f64) {
        let h = f(HyperDual64::variable(x));
        let t = f(Taylor64::<2>::variable(x));
        prop_assert!((h.eps1 - t.derivative(1)).abs() <= 1e-13 * h.eps1.abs().max(1.0));
        prop_assert!((h.eps1eps2 - t.derivative(2)).abs() <= 1e-13 * h.eps1eps2.abs().max(1.0));
    }
}
