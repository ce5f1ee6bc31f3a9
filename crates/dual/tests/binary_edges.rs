//! The binary functions built from others (`atan2`, `hypot`, `powf` with a number
//! exponent, `max`, `min`, `copysign`, `%`) and the cardinal sines at special
//! and awkward inputs: values bit for bit those of the primitive on a 27 x 27
//! grid of special values for every number type (nothing panics, with overflow
//! checks on), derivatives against mpmath (`scripts/binary_edges.py`, table in
//! `data/binary_edges.rs`) where the classic formulas overflow, underflow or
//! cancel.

use approx::assert_relative_eq;
use dual::{
    Dual, Dual32, Dual64, DualNum, DualVec32, DualVec64, HyperDual, HyperDual32, HyperDual64,
    HyperDualVec32, HyperDualVec64, Taylor, Taylor32, Taylor64,
};
use nalgebra::ComplexField;
use num_traits::Float;

mod common;
use common::binary;

#[allow(clippy::approx_constant)] // mpmath's digits, some near 1/sqrt(2)
mod data {
    include!("data/binary_edges.rs");
}

/// The special values: NaN, ±0, ±inf, ±smallest subnormal, ±MIN_POSITIVE,
/// ±0.5, ±1, ±2, ±1e-170, ±1e-160, ±1e160, ±1e170, ±1e300, ±MAX.
const GRID: [f64; 27] = [
    f64::NAN,
    0.0,
    -0.0,
    f64::INFINITY,
    f64::NEG_INFINITY,
    5e-324,
    -5e-324,
    f64::MIN_POSITIVE,
    -f64::MIN_POSITIVE,
    0.5,
    -0.5,
    1.0,
    -1.0,
    2.0,
    -2.0,
    1e-170,
    -1e-170,
    1e-160,
    -1e-160,
    1e160,
    -1e160,
    1e170,
    -1e170,
    1e300,
    -1e300,
    f64::MAX,
    -f64::MAX,
];

/// The same kinds of special value for f32.
const GRID32: [f32; 27] = [
    f32::NAN,
    0.0,
    -0.0,
    f32::INFINITY,
    f32::NEG_INFINITY,
    1e-45,
    -1e-45,
    f32::MIN_POSITIVE,
    -f32::MIN_POSITIVE,
    0.5,
    -0.5,
    1.0,
    -1.0,
    2.0,
    -2.0,
    1e-30,
    -1e-30,
    1e-20,
    -1e-20,
    1e20,
    -1e20,
    1e30,
    -1e30,
    1e37,
    -1e37,
    f32::MAX,
    -f32::MAX,
];

const NAMES: [&str; 7] = ["atan2", "hypot", "powf", "max", "min", "copysign", "rem"];

/// The primitive's own function (`Float`'s methods are the primitive's).
fn primitive<F: Float>(name: &str, a: F, b: F) -> F {
    match name {
        "atan2" => a.atan2(b),
        "hypot" => a.hypot(b),
        "powf" => a.powf(b),
        "max" => a.max(b),
        "min" => a.min(b),
        "copysign" => a.copysign(b),
        "rem" => a % b,
        _ => unreachable!("{name}"),
    }
}

/// Bit for bit, or both NaN. `max`/`min` of `+0` and `-0` may return either
/// zero (Rust leaves it unspecified), so for them `==` is the test.
fn same(name: &str, got: f64, want: f64) -> bool {
    if want.is_nan() {
        return got.is_nan();
    }
    if matches!(name, "max" | "min") {
        return got == want;
    }
    got.to_bits() == want.to_bits()
}

/// Runs every function on the grid with the arguments built by `seed` (which
/// gives both arguments non-zero derivative parts), and returns the failures.
fn grid_failures<D: DualNum<f64>>(seed: impl Fn(f64, usize) -> D) -> Vec<String> {
    let mut bad = Vec::new();
    for name in NAMES {
        for &a in &GRID {
            for &b in &GRID {
                let got = binary::<_, D>(name)(seed(a, 0), seed(b, 1)).re();
                let want = primitive(name, a, b);
                if !same(name, got, want) {
                    bad.push(format!("{name}({a:e}, {b:e}) = {got:e}, f64: {want:e}"));
                }
            }
        }
    }
    bad
}

fn grid_failures32<D: DualNum<f32>>(seed: impl Fn(f32, usize) -> D) -> Vec<String> {
    let mut bad = Vec::new();
    for name in NAMES {
        for &a in &GRID32 {
            for &b in &GRID32 {
                let got = binary::<_, D>(name)(seed(a, 0), seed(b, 1)).re();
                let want = primitive(name, a, b);
                if !same(name, f64::from(got), f64::from(want)) {
                    bad.push(format!("{name}({a:e}, {b:e}) = {got:e}, f32: {want:e}"));
                }
            }
        }
    }
    bad
}

macro_rules! assert_grid {
    ($grid:ident, $seed:expr) => {{
        let bad = $grid($seed);
        assert!(
            bad.is_empty(),
            "{} of {} differ, e.g. {:?}",
            bad.len(),
            7 * 27 * 27,
            &bad[..bad.len().min(8)]
        );
    }};
}

#[test]
fn values_are_those_of_f64_on_the_special_grid() {
    assert_grid!(grid_failures, |x, i| Dual64::new(x, 1.0 + i as f64));
    assert_grid!(grid_failures, DualVec64::<2>::variable);
    assert_grid!(grid_failures, |x, i| HyperDual64::new(
        x,
        1.0,
        0.5 + i as f64,
        0.25
    ));
    assert_grid!(grid_failures, HyperDualVec64::<2>::variable);
    assert_grid!(grid_failures, |x, i| Taylor64::<4>::variable_dir(
        x,
        1.0 + i as f64
    ));
    assert_grid!(grid_failures, |x, i| Dual::new(
        Dual64::variable(x),
        Dual64::new(1.0 + i as f64, 0.5)
    ));
    assert_grid!(grid_failures, |x, i| Taylor::<HyperDual64, 2>::variable(
        HyperDual64::new(x, 1.0, i as f64, 0.0)
    ));
}

#[test]
fn f32_values_are_those_of_f32_on_the_special_grid() {
    assert_grid!(grid_failures32, |x, i| Dual32::new(x, 1.0 + i as f32));
    assert_grid!(grid_failures32, DualVec32::<2>::variable);
    assert_grid!(grid_failures32, |x, i| HyperDual32::new(
        x,
        1.0,
        0.5 + i as f32,
        0.25
    ));
    assert_grid!(grid_failures32, HyperDualVec32::<2>::variable);
    assert_grid!(grid_failures32, |x, i| Taylor32::<4>::variable_dir(
        x,
        1.0 + i as f32
    ));
    assert_grid!(grid_failures32, |x, i| HyperDual::new(
        Dual32::variable(x),
        Dual32::from_re(1.0),
        Dual32::from_re(i as f32),
        Dual32::from_re(0.0)
    ));
}

#[test]
fn atan2_keeps_the_sign_of_zero() {
    for (y, x) in [
        (-0.0, 1.0),
        (0.0, 1.0),
        (-0.0, 0.0),
        (-0.0, -0.0),
        (0.0, -0.0),
        (-0.0, 5e-324),
    ] {
        let want = f64::atan2(y, x).to_bits();
        assert_eq!(
            Dual64::variable(y).atan2(Dual64::from_re(x)).re.to_bits(),
            want,
            "({y}, {x})"
        );
        assert_eq!(
            HyperDual64::variable(y)
                .atan2(HyperDual64::from_re(x))
                .re
                .to_bits(),
            want
        );
        assert_eq!(
            Taylor64::<3>::variable(y)
                .atan2(Taylor64::from_re(x))
                .coeff(0)
                .to_bits(),
            want
        );
    }
}

/// First and second partials of `f(a, b)` through HyperDualVec64<2>, the first
/// also through Dual64 along each axis and the mixed one through `Dual<Dual64>`.
fn partials(
    f: fn(HyperDualVec64<2>, HyperDualVec64<2>) -> HyperDualVec64<2>,
    a: f64,
    b: f64,
) -> [f64; 5] {
    let h = f(
        HyperDualVec64::variable(a, 0),
        HyperDualVec64::variable(b, 1),
    );
    assert_eq!(h.eps2[0][1].to_bits(), h.eps2[1][0].to_bits());
    [h.eps[0], h.eps[1], h.eps2[0][0], h.eps2[0][1], h.eps2[1][1]]
}

/// `got` within 1e-14 relative of `want`, or both below 1e-300 in magnitude
/// (the reference underflows there, as f64 must).
fn close(got: f64, want: f64, what: &str) {
    if want.abs() < 1e-300 {
        assert!(got.abs() < 1e-300, "{what}: {got:e} vs {want:e}");
    } else {
        assert_relative_eq!(got, want, max_relative = 1e-14);
    }
}

#[test]
fn atan2_derivatives_are_finite_and_exact_at_huge_and_tiny_points() {
    for &(y, x, want) in data::ATAN2_PARTIALS {
        let got = partials(|y, x| y.atan2(x), y, x);
        // second partials are ~1/r^2: they overflow (are NaN) below r ~ 1e-154,
        // as documented; the first are finite down to r ~ 1e-300
        let orders = if y.hypot(x) > 1e-150 { 5 } else { 2 };
        for (k, (&g, &w)) in got.iter().zip(&want).enumerate().take(orders) {
            close(g, w, &format!("atan2 part {k} at ({y:e}, {x:e})"));
        }
        let dy = Dual64::variable(y).atan2(Dual64::from_re(x)).eps;
        let dx = Dual64::from_re(y).atan2(Dual64::variable(x)).eps;
        close(dy, want[0], "atan2 d/dy, Dual64");
        close(dx, want[1], "atan2 d/dx, Dual64");
        if orders == 5 {
            let n = Dual::new(Dual64::variable(y), Dual64::from_re(0.0))
                .atan2(Dual::new(Dual64::from_re(x), Dual64::from_re(1.0)));
            close(n.eps.eps, want[3], "atan2 d2/dydx, Dual<Dual64>");
        }
    }
}

#[test]
fn atan2_derivatives_at_infinity_are_their_limit_zero() {
    let r = Dual64::variable(1.0).atan2(Dual64::variable(f64::INFINITY));
    assert_eq!((r.re, r.eps), (0.0, 0.0));
    let r = HyperDual64::variable(f64::NEG_INFINITY).atan2(HyperDual64::variable(f64::INFINITY));
    assert_eq!(
        (r.re, r.eps1, r.eps1eps2),
        (-core::f64::consts::FRAC_PI_4, 0.0, 0.0)
    );
    // and NaN at the origin, where there is no derivative
    assert!(
        Dual64::variable(0.0)
            .atan2(Dual64::variable(0.0))
            .eps
            .is_nan()
    );
}

#[test]
fn hypot_derivatives_are_exact_when_one_argument_dwarfs_the_other() {
    for &(x, y, want) in data::HYPOT_PARTIALS {
        let got = partials(|x, y| x.hypot(y), x, y);
        // the fixed-order types' second partials (~1/h) are exact at every h;
        // Taylor's overflow an intermediate 1/h^2 below h ~ 1e-154 (documented)
        for (k, (&g, &w)) in got.iter().zip(&want).enumerate() {
            close(g, w, &format!("hypot part {k} at ({x:e}, {y:e})"));
        }
        let dx = Dual64::variable(x).hypot(Dual64::from_re(y)).eps;
        close(dx, want[0], "hypot d/dx, Dual64");
        let n = Dual::new(Dual64::variable(x), Dual64::from_re(1.0)).hypot(Dual::from_re(y));
        close(n.eps.eps, want[2], "hypot d2/dx2, Dual<Dual64>");
        if x.hypot(y) > 1e-150 {
            let t = Taylor64::<2>::variable(x).hypot(Taylor64::from_re(y));
            close(t.derivative(2), want[2], "hypot d2/dx2, Taylor64");
        }
    }
}

#[test]
fn hypot_of_nan_and_infinity_is_infinite_like_f64() {
    for (a, b) in [(f64::NAN, f64::INFINITY), (f64::NEG_INFINITY, f64::NAN)] {
        assert_eq!(
            Dual64::variable(a).hypot(Dual64::variable(b)).re,
            f64::INFINITY
        );
        assert_eq!(
            HyperDualVec64::<2>::variable(a, 0)
                .hypot(HyperDualVec64::variable(b, 1))
                .re,
            f64::INFINITY
        );
        assert_eq!(
            Taylor64::<5>::variable(a)
                .hypot(Taylor64::variable(b))
                .coeff(0),
            f64::INFINITY
        );
    }
}

/// `powf` with a number exponent at an infinite base, an infinite exponent and a
/// NaN exponent of 1: the values f64 gives, on all six kinds of type.
#[test]
fn powf_with_a_number_exponent_at_infinities_and_nan() {
    let cases = [
        (f64::INFINITY, 2.0, f64::INFINITY),
        (f64::INFINITY, -2.0, 0.0),
        (2.0, f64::INFINITY, f64::INFINITY),
        (0.5, f64::INFINITY, 0.0),
        (2.0, f64::NEG_INFINITY, 0.0),
        (1.0, f64::NAN, 1.0),
        (1.0, f64::INFINITY, 1.0),
    ];
    for (x, y, want) in cases {
        assert_eq!(
            want.to_bits(),
            x.powf(y).to_bits(),
            "the expectation is f64's"
        );
        let v = [
            Dual64::variable(x).powf(Dual64::variable(y)).re,
            DualVec64::<2>::variable(x, 0)
                .powf(DualVec64::variable(y, 1))
                .re,
            HyperDual64::variable(x).powf(HyperDual64::variable(y)).re,
            HyperDualVec64::<2>::variable(x, 0)
                .powf(HyperDualVec64::variable(y, 1))
                .re,
            Taylor64::<4>::variable(x)
                .powf(Taylor64::variable(y))
                .coeff(0),
            Dual::new(Dual64::variable(x), Dual64::from_re(1.0))
                .powf(Dual::new(Dual64::variable(y), Dual64::from_re(1.0)))
                .re(),
        ];
        for (i, got) in v.into_iter().enumerate() {
            assert_eq!(got.to_bits(), want.to_bits(), "type {i}: {x}^{y} = {got}");
        }
    }
}

#[test]
fn sinc_and_sinhc_second_derivatives_near_zero() {
    // sinc = 1 - x^2/6 + x^4/120 - ..., so sinc''(x) = -1/3 + x^2/10 - ...: at 1e-9
    // the x^2 term is 1e-19, far below the 1e-13 asked
    for x in [1e-9, -1e-9, 1e-5, -3e-3, 5e-324, 0.0] {
        // three terms more of the series of sinc'' (x^2/10, x^4/168, x^6/6480); the
        // next, x^8/443520, is below 1e-16 relative for |x| <= 3e-3
        let (x2, x4) = (x * x, x * x * x * x);
        let want = -1.0 / 3.0 + x2 / 10.0 - x4 / 168.0 + x4 * x2 / 6480.0;
        let want_h = 1.0 / 3.0 + x2 / 10.0 + x4 / 168.0 + x4 * x2 / 6480.0;
        let s = ComplexField::sinc(HyperDual64::variable(x));
        assert_relative_eq!(s.eps1eps2, want, max_relative = 1e-13);
        let s = ComplexField::sinhc(HyperDual64::variable(x));
        assert_relative_eq!(s.eps1eps2, want_h, max_relative = 1e-13);
        let n = ComplexField::sinc(Dual::new(Dual64::variable(x), Dual64::from_re(1.0)));
        assert_relative_eq!(n.eps.eps, want, max_relative = 1e-13);
    }
    // the value is the primitive's sinc (sin(x)/x, 1 at 0)
    for x in [0.3, 1e-9, 0.0, -0.99] {
        assert_eq!(
            ComplexField::sinc(Dual64::variable(x)).re,
            ComplexField::sinc(x)
        );
        assert_eq!(
            ComplexField::sinhc(Dual64::variable(x)).re,
            ComplexField::sinhc(x)
        );
    }
}

/// The Taylor coefficients of sinc and sinhc to order 24 against the series
/// evaluated by mpmath, on both sides of the switch to the quotient at |x0| = 1.
#[test]
fn cardinal_sine_taylor_coefficients() {
    for (table, f) in [
        (
            data::SINC_TAYLOR,
            ComplexField::sinc as fn(Taylor64<24>) -> Taylor64<24>,
        ),
        (data::SINHC_TAYLOR, ComplexField::sinhc),
    ] {
        for &(x0, want) in table {
            let t = f(Taylor64::<24>::variable(x0));
            // the series (|x0| < 1): each coefficient a sum of at most 30 terms,
            // so 1e-13 relative, of the coefficient or (for the odd ones, tiny
            // near 0) of the scale |x0| / (k+1)! of the even ones' next term; the
            // quotient (|x0| >= 1) loses up to (k+1)! units of roundoff in c_k
            // (see the docs), checked to order 8 with 8 (k+1)! u
            let series = x0.abs() < 1.0;
            let top = if series { 24 } else { 8 };
            for (k, &w) in want.iter().enumerate().take(top + 1) {
                let fact = (1..=k + 1).map(|j| j as f64).product::<f64>();
                let err = (t.coeff(k) - w).abs();
                let tol = if series {
                    1e-13 * w.abs().max(x0.abs() / fact)
                } else {
                    8.0 * fact * f64::EPSILON / 2.0 * w.abs()
                };
                assert!(
                    err <= tol,
                    "c{k} at {x0}: {} vs {w} (err {err:e}, tol {tol:e})",
                    t.coeff(k)
                );
            }
        }
    }
}
