//! The documented semantics of the number types: comparisons by value, the
//! derivative conventions at non-differentiable points, NaN outside the domain,
//! approx comparing every component, formatting, and the num-traits surface.

mod common;

use approx::{abs_diff_eq, relative_eq, ulps_eq};
use common::*;
use core::num::FpCategory;
use dual::{
    Dual, Dual32, Dual64, DualNum, DualVec, DualVec64, HyperDual, HyperDual64, HyperDualVec,
    HyperDualVec64,
};
use num_traits::{Float, FloatConst, Inv, NumCast, Signed};
use proptest::prelude::*;

/// Runs a check for every number type (over f64, plus the f32 duals).
macro_rules! for_every_type {
    ($check:ident) => {
        $check::<Dual64>();
        $check::<HyperDual64>();
        $check::<DualVec64<3>>();
        $check::<HyperDualVec64<2>>();
        $check::<Dual<Dual64>>();
        $check::<HyperDual<Dual64>>();
    };
}

/// The number with value `re` and every derivative part equal to `d`.
fn with_parts<D: Flat>(re: f64, d: f64) -> D {
    let mut v = vec![d; D::LEN];
    v[0] = re;
    D::from_flat(&v)
}

// ---- comparisons and selection look at the value only ----

#[test]
fn equality_ignores_derivatives() {
    assert_eq!(Dual64::new(1.0, 5.0), Dual64::new(1.0, -3.0));
    assert_ne!(Dual64::new(1.0, 5.0), Dual64::new(2.0, 5.0));
    fn check<D: Flat + DualNum<f64>>() {
        let (a, b) = (with_parts::<D>(1.0, 5.0), with_parts::<D>(1.0, -3.0));
        assert!(a == b && a <= b && a >= b);
        assert_eq!(a.partial_cmp(&b), Some(core::cmp::Ordering::Equal));
        let c = with_parts::<D>(2.0, -9.0);
        assert!(a < c && c > b && a != c);
        assert_eq!(a.partial_cmp(&c), Some(core::cmp::Ordering::Less));
        assert!(with_parts::<D>(0.0, 4.0).is_zero());
        assert_eq!(with_parts::<D>(-0.0, 4.0), D::zero());
        let nan = with_parts::<D>(f64::NAN, 1.0);
        assert!(nan != nan && nan.partial_cmp(&a).is_none());
    }
    for_every_type!(check);
}

#[test]
fn max_and_min_return_the_whole_winner() {
    fn check<D: Flat + DualNum<f64>>() {
        let (a, b) = (with_parts::<D>(1.0, 5.0), with_parts::<D>(2.0, -3.0));
        assert_eq!(Float::max(a, b).flat(), b.flat());
        assert_eq!(Float::max(b, a).flat(), b.flat());
        assert_eq!(Float::min(a, b).flat(), a.flat());
        assert_eq!(Float::min(b, a).flat(), a.flat());
        // a NaN value loses, as for f64::max
        let nan = with_parts::<D>(f64::NAN, 7.0);
        assert_eq!(Float::max(nan, a).flat(), a.flat());
        assert_eq!(Float::max(a, nan).flat(), a.flat());
        assert_eq!(Float::min(nan, b).flat(), b.flat());
    }
    for_every_type!(check);
    let (a, b) = (Dual64::new(1.0, 5.0), Dual64::new(2.0, -3.0));
    assert_eq!(a.max(b).eps, -3.0);
    assert_eq!(a.min(b).eps, 5.0);
}

// ---- derivative conventions ----

#[test]
fn abs_has_derivative_plus_one_at_zero() {
    for zero in [0.0, -0.0] {
        let d = Dual64::variable(zero).abs();
        assert_eq!((d.re, d.eps), (0.0, 1.0));
        let h = HyperDual64::variable(zero).abs();
        assert_eq!((h.eps1, h.eps2, h.eps1eps2), (1.0, 1.0, 0.0));
        assert_eq!(Signed::abs(&Dual64::variable(zero)).eps, 1.0);
    }
    assert_eq!(Dual64::variable(-2.0).abs().eps, -1.0);
    assert_eq!(Dual64::variable(2.0).abs().eps, 1.0);
}

#[test]
fn piecewise_constant_functions_have_zero_derivatives() {
    for x in [-2.0, -1.5, -0.7, 0.0, 0.5, 1.0, 2.5, 3.2] {
        let v = HyperDual64::variable(x);
        for (name, y, expected) in [
            ("floor", v.floor(), f64::floor(x)),
            ("ceil", v.ceil(), f64::ceil(x)),
            ("round", v.round(), f64::round(x)),
            ("trunc", v.trunc(), f64::trunc(x)),
            ("signum", v.signum(), f64::signum(x)),
        ] {
            assert_eq!(y.re, expected, "{name}({x})");
            assert_eq!([y.eps1, y.eps2, y.eps1eps2], [0.0; 3], "{name}'({x})");
        }
        let f = v.fract();
        assert_eq!(
            (f.re, f.eps1, f.eps2, f.eps1eps2),
            (x.fract(), 1.0, 1.0, 0.0)
        );
    }
}

#[test]
fn sqrt_at_zero_has_infinite_derivative() {
    let y = Dual64::variable(0.0).sqrt();
    assert_eq!((y.re, y.eps), (0.0, f64::INFINITY));
    // a zero direction multiplies the infinite derivative: NaN, as documented
    assert!(Dual64::constant(0.0).sqrt().eps.is_nan());
    let c = Dual64::variable(0.0).cbrt();
    assert_eq!((c.re, c.eps), (0.0, f64::INFINITY));
}

#[test]
fn outside_the_domain_the_value_is_nan_like_f64() {
    type Case = (&'static str, f64, fn(Dual64) -> Dual64, fn(f64) -> f64);
    let cases: [Case; 8] = [
        ("ln", -1.0, |x| x.ln(), f64::ln),
        ("log2", -1.0, |x| x.log2(), f64::log2),
        ("sqrt", -1.0, |x| x.sqrt(), f64::sqrt),
        ("asin", 1.5, |x| x.asin(), f64::asin),
        ("acos", -1.5, |x| x.acos(), f64::acos),
        ("acosh", 0.5, |x| x.acosh(), f64::acosh),
        ("atanh", 2.0, |x| x.atanh(), f64::atanh),
        ("ln_1p", -2.0, |x| x.ln_1p(), f64::ln_1p),
    ];
    for (name, x, f, g) in cases {
        assert!(g(x).is_nan(), "f64 {name}({x})");
        let y = f(Dual64::variable(x));
        assert!(y.re.is_nan() && y.is_nan(), "Dual64 {name}({x}) = {y}");
        let h = unary::<f64, HyperDual64>(name)(HyperDual64::variable(x));
        assert!(h.is_nan(), "HyperDual64 {name}({x}) = {h}");
    }
    assert!(Dual64::variable(-8.0).powf(Dual64::constant(0.5)).is_nan());
}

#[test]
fn derivatives_at_domain_edges_are_infinite() {
    assert_eq!(Dual64::variable(1.0).asin().eps, f64::INFINITY);
    assert_eq!(Dual64::variable(1.0).acos().eps, f64::NEG_INFINITY);
    assert_eq!(Dual64::variable(1.0).acosh().eps, f64::INFINITY);
    assert_eq!(Dual64::variable(1.0).atanh().eps, f64::INFINITY);
    assert_eq!(Dual64::variable(0.0).ln().eps, f64::INFINITY);
}

/// powi and powf at 0: the terms whose coefficient vanishes are exact zeros.
#[test]
fn powers_at_zero() {
    let z = HyperDual64::variable(0.0);
    let p1 = z.powi(1);
    assert_eq!((p1.re, p1.eps1, p1.eps1eps2), (0.0, 1.0, 0.0));
    let p0 = z.powi(0);
    assert_eq!((p0.re, p0.eps1, p0.eps1eps2), (1.0, 0.0, 0.0));
    let p2 = z.powi(2);
    assert_eq!((p2.re, p2.eps1, p2.eps1eps2), (0.0, 0.0, 2.0));
    let q1 = z.powf(HyperDual64::from_re(1.0));
    assert_eq!((q1.re, q1.eps1, q1.eps1eps2), (0.0, 1.0, 0.0));
    let q0 = z.powf(HyperDual64::from_re(0.0));
    assert_eq!((q0.re, q0.eps1, q0.eps1eps2), (1.0, 0.0, 0.0));
}

// ---- approx compares every component ----

#[test]
fn approx_compares_every_component() {
    fn check<D: Flat + DualNum<f64> + approx::UlpsEq<Epsilon = D> + approx::RelativeEq>() {
        let a = with_parts::<D>(1.0, 2.0);
        for k in 1..D::LEN {
            let mut v = a.flat();
            v[k] += 1e-3;
            let b = D::from_flat(&v);
            assert!(a == b, "same value");
            let eps = D::from_re(1e-6);
            assert!(!abs_diff_eq!(a, b, epsilon = eps), "component {k}");
            assert!(!relative_eq!(a, b, max_relative = eps), "component {k}");
            assert!(!ulps_eq!(a, b, max_ulps = 4), "component {k}");
            assert!(
                abs_diff_eq!(a, b, epsilon = D::from_re(1e-2)),
                "component {k}"
            );
            assert!(relative_eq!(a, b, max_relative = D::from_re(1e-2)));
        }
        assert!(abs_diff_eq!(a, a) && relative_eq!(a, a) && ulps_eq!(a, a));
    }
    for_every_type!(check);
    assert!(!abs_diff_eq!(
        Dual64::new(1.0, 2.0),
        Dual64::new(1.0, 3.0),
        epsilon = Dual64::from_re(0.5)
    ));
}

// ---- formatting ----

#[test]
fn display() {
    assert_eq!(Dual64::new(1.5, 2.0).to_string(), "1.5 + 2ε");
    assert_eq!(Dual64::new(1.5, -2.0).to_string(), "1.5 - 2ε");
    assert_eq!(Dual64::new(-1.5, 0.25).to_string(), "-1.5 + 0.25ε");
    assert_eq!(Dual32::new(1.5, -2.0).to_string(), "1.5 - 2ε");
    assert_eq!(format!("{:.3}", Dual64::new(1.5, -2.0)), "1.500 - 2.000ε");
    assert_eq!(
        format!("{:.1}", Dual64::new(1.0 / 3.0, 2.0 / 3.0)),
        "0.3 + 0.7ε"
    );
    let nested = Dual::new(Dual64::new(1.5, 1.0), Dual64::new(1.0, 0.0));
    assert_eq!(nested.to_string(), "(1.5 + 1ε) + (1 + 0ε)ε");
    assert_eq!(
        format!(
            "{:.2}",
            Dual::new(Dual64::new(1.5, -1.0), Dual64::new(1.0, 0.5))
        ),
        "(1.50 - 1.00ε) + (1.00 + 0.50ε)ε"
    );
    assert_eq!(
        HyperDual64::new(1.0, 2.0, -3.0, 4.5).to_string(),
        "1 + 2ε1 - 3ε2 + 4.5ε1ε2"
    );
    assert_eq!(
        format!("{:.1}", HyperDual64::new(1.0, 2.0, 3.0, 4.0)),
        "1.0 + 2.0ε1 + 3.0ε2 + 4.0ε1ε2"
    );
    assert_eq!(DualVec::new(1.0, [2.0, -3.0]).to_string(), "1 + [2, -3]ε");
    assert_eq!(
        format!("{:.1}", DualVec::new(1.0, [2.0, 3.0])),
        "1.0 + [2.0, 3.0]ε"
    );
    assert_eq!(
        HyperDualVec::new(1.0, [2.0, 3.0], [[4.0, 5.0], [5.0, 6.0]]).to_string(),
        "1 + [2, 3]ε + [[4, 5], [5, 6]]ε²"
    );
    // Debug shows the fields
    assert_eq!(
        format!("{:?}", Dual64::new(1.5, 2.0)),
        "Dual { re: 1.5, eps: 2.0 }"
    );
}

// ---- num-traits ----

#[test]
fn conversions_round_trip_the_value() {
    fn check<D: Flat + DualNum<f64>>() {
        let is_const = |d: D| d.flat()[1..].iter().all(|&c| c == 0.0);
        let three: D = NumCast::from(3_i32).unwrap();
        assert!(three.re() == 3.0 && is_const(three));
        let h: D = NumCast::from(-2.5_f32).unwrap();
        assert_eq!(h.re(), -2.5);
        assert_eq!(D::from_i64(-7).unwrap().re(), -7.0);
        assert_eq!(D::from_u64(9).unwrap().re(), 9.0);
        assert!(is_const(D::from_f64(0.1).unwrap()));
        assert_eq!(D::from_f64(0.1).unwrap().to_f64(), Some(0.1));
        let x = with_parts::<D>(3.7, 11.0);
        assert_eq!(x.to_i64(), Some(3));
        assert_eq!(x.to_u8(), Some(3));
        assert_eq!(x.to_f64(), Some(3.7));
        assert_eq!(x.to_f32(), Some(3.7_f32));
        assert_eq!(with_parts::<D>(-3.7, 1.0).to_u64(), None);
        let p = D::from_str_radix("1.5", 10).ok().unwrap();
        assert!(p.re() == 1.5 && is_const(p));
        assert_eq!(D::from_str_radix("A.8", 16).ok().unwrap().re(), 10.5);
        assert_eq!(D::from_str_radix("-101", 2).ok().unwrap().re(), -5.0);
        assert!(D::from_str_radix("1.5x", 10).is_err());
        assert!(D::zero().re() == 0.0 && is_const(D::zero()));
        assert!(D::one().re() == 1.0 && is_const(D::one()));
        assert!(D::default().re() == 0.0 && is_const(D::default()));
    }
    for_every_type!(check);
}

#[test]
fn float_constants() {
    fn check<D: Flat + DualNum<f64>>() {
        let consts: [(D, f64); 18] = [
            (D::E(), f64::E()),
            (D::FRAC_1_PI(), f64::FRAC_1_PI()),
            (D::FRAC_1_SQRT_2(), f64::FRAC_1_SQRT_2()),
            (D::FRAC_2_PI(), f64::FRAC_2_PI()),
            (D::FRAC_2_SQRT_PI(), f64::FRAC_2_SQRT_PI()),
            (D::FRAC_PI_2(), f64::FRAC_PI_2()),
            (D::FRAC_PI_3(), f64::FRAC_PI_3()),
            (D::FRAC_PI_4(), f64::FRAC_PI_4()),
            (D::FRAC_PI_6(), f64::FRAC_PI_6()),
            (D::FRAC_PI_8(), f64::FRAC_PI_8()),
            (D::LN_10(), f64::LN_10()),
            (D::LN_2(), f64::LN_2()),
            (D::LOG10_E(), f64::LOG10_E()),
            (D::LOG2_E(), f64::LOG2_E()),
            (D::PI(), core::f64::consts::PI),
            (D::SQRT_2(), f64::SQRT_2()),
            (D::TAU(), core::f64::consts::TAU),
            (D::LOG2_10(), core::f64::consts::LOG2_10),
        ];
        for (c, v) in consts {
            let mut expected = vec![0.0; D::LEN];
            expected[0] = v;
            assert_eq!(c.flat(), expected);
        }
        assert_eq!(D::LOG10_2().re(), core::f64::consts::LOG10_2);
        assert_eq!(D::epsilon().re(), f64::EPSILON);
        assert_eq!(D::max_value().re(), f64::MAX);
        assert!(D::infinity().re() == f64::INFINITY && D::nan().is_nan());
    }
    for_every_type!(check);
}

#[test]
fn signed_and_inv() {
    let x = Dual64::new(-2.0, 3.0);
    let a = Signed::abs(&x);
    assert_eq!((a.re, a.eps), (2.0, -3.0));
    let s = Signed::signum(&x);
    assert_eq!((s.re, s.eps), (-1.0, 0.0));
    assert!(x.is_negative() && !x.is_positive());
    assert!(Dual64::new(0.0, -1.0).is_positive());
    assert!(Dual64::new(-0.0, 1.0).is_negative());
    let d = Signed::abs_sub(&Dual64::new(5.0, 1.0), &Dual64::new(2.0, 4.0));
    assert_eq!((d.re, d.eps), (3.0, -3.0));
    let z = Signed::abs_sub(&Dual64::new(1.0, 1.0), &Dual64::new(2.0, 4.0));
    assert_eq!((z.re, z.eps), (0.0, 0.0));
    // 1/x: derivative -1/x^2
    let i = Dual64::new(2.0, 1.0).inv();
    assert_eq!((i.re, i.eps), (0.5, -0.25));
    let h = HyperDual64::variable(2.0).inv();
    assert_eq!((h.re, h.eps1, h.eps1eps2), (0.5, -0.25, 0.25));
}

#[test]
fn classification_looks_at_the_value() {
    fn check<D: Flat + DualNum<f64>>() {
        for v in [1.5, -0.0, 0.0, 1e-310, f64::INFINITY, -3.25e10, f64::NAN] {
            let x = with_parts::<D>(v, 7.0);
            assert_eq!(x.classify(), v.classify());
            assert_eq!(x.integer_decode(), v.integer_decode());
            assert_eq!(x.is_nan(), v.is_nan());
            assert_eq!(x.is_finite(), v.is_finite());
            assert_eq!(x.is_infinite(), v.is_infinite());
            assert_eq!(x.is_normal(), v.is_normal());
            assert_eq!(x.is_sign_negative(), v.is_sign_negative());
            assert_eq!(x.is_sign_positive(), v.is_sign_positive());
        }
        assert_eq!(
            with_parts::<D>(1e-310, 1.0).classify(),
            FpCategory::Subnormal
        );
    }
    for_every_type!(check);
}

proptest! {
    #![proptest_config(config())]

    /// The value of `%` is exactly that of f64, for every sign combination.
    #[test]
    fn remainder_value_is_f64_remainder(a in moderate(), b in nonzero(), da in moderate(), db in moderate()) {
        let r = Dual64::new(a, da) % Dual64::new(b, db);
        prop_assert_eq!(r.re, a % b);
        prop_assert_eq!((Dual64::new(a, da) % b).re, a % b);
        prop_assert_eq!((a % Dual64::new(b, db)).re, a % b);
        let h = HyperDual64::new(a, da, db, 1.0) % HyperDual64::new(b, db, da, 2.0);
        prop_assert_eq!(h.re, a % b);
    }

    /// Away from the jumps, d(x % y)/dx = 1 and d(x % y)/dy = -trunc(x / y).
    #[test]
    fn remainder_derivatives(a in moderate(), b in nonzero()) {
        let q = a / b;
        prop_assume!((q - q.round()).abs() > 1e-6);
        prop_assert_eq!((Dual64::variable(a) % Dual64::constant(b)).eps, 1.0);
        prop_assert_eq!((Dual64::constant(a) % Dual64::variable(b)).eps, -q.trunc());
        let h = HyperDual64::variable(a) % b;
        prop_assert_eq!((h.eps1, h.eps1eps2), (1.0, 0.0));
    }
}

/// A random point inside the sampling domain of `name` (see finite_difference.rs).
fn point(name: &str, t: f64) -> f64 {
    match name {
        "ln" | "log2" | "log10" | "sqrt" | "powf_2.5" | "powf_-0.5" | "powf_0.3" => 0.05 + 20.0 * t,
        "acosh" => 1.05 + 20.0 * t,
        "asin" | "acos" | "atanh" => -0.95 + 1.9 * t,
        "ln_1p" => -0.9 + 10.0 * t,
        "worked" => -0.5 + 2.5 * t,
        "tan" => -1.4 + 2.8 * t,
        _ => -5.0 + 10.0 * t,
    }
}

/// Every type runs the plain f64 program on its value part: the values are
/// bit-identical to f64's. Excluded: `powi` (and the worked example, which uses
/// it), because `f64::powi` has unspecified precision and LLVM computes it
/// differently when inlining makes the exponent a constant, so even two f64
/// evaluations of `x.powi(3)` may differ in the last bit.
fn check_values<D: Flat + DualNum<f64>>(
    seed: fn(f64) -> D,
    t: f64,
    y: f64,
) -> Result<(), TestCaseError> {
    for name in unary_names() {
        if name.starts_with("powi") || name == "worked" {
            continue;
        }
        let x = point(name, t);
        let plain = unary::<f64, f64>(name)(x);
        let v = unary::<f64, D>(name)(seed(x)).re();
        prop_assert!(
            v == plain || (v.is_nan() && plain.is_nan()),
            "{}({}) = {} vs f64 {}",
            name,
            x,
            v,
            plain
        );
    }
    for name in ["powf", "hypot", "atan2"] {
        let x = if name == "powf" {
            0.1 + 5.0 * t
        } else {
            -5.0 + 10.0 * t
        };
        let plain = binary::<f64, f64>(name)(x, y);
        let v = binary::<f64, D>(name)(seed(x), seed(y)).re();
        prop_assert_eq!(v, plain, "{}({}, {})", name, x, y);
    }
    let (a, b) = (seed(-5.0 + 10.0 * t), seed(y));
    prop_assert_eq!((a / b).re(), a.re() / b.re(), "division");
    prop_assert_eq!(
        a.mul_add(b, b).re(),
        a.re().mul_add(b.re(), b.re()),
        "mul_add"
    );
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn values_are_those_of_f64(t in 0.0..1.0_f64, y in nonzero()) {
        check_values::<Dual64>(Dual64::variable, t, y)?;
        check_values::<HyperDual64>(HyperDual64::variable, t, y)?;
        check_values::<DualVec64<2>>(|x| DualVec64::variable(x, 1), t, y)?;
        check_values::<HyperDualVec64<2>>(|x| HyperDualVec64::variable(x, 0), t, y)?;
        check_values::<Dual<Dual64>>(|x| Dual::new(Dual64::variable(x), Dual64::constant(1.0)), t, y)?;
    }
}

/// `clamp` is inherent, so it resolves even with `Float`, `RealField` and
/// `ComplexField` all imported, and returns the whole winning number.
#[test]
fn clamp_is_unambiguous_and_keeps_derivatives() {
    #[allow(unused_imports)]
    use nalgebra::{ComplexField, RealField};
    #[allow(unused_imports)]
    use num_traits::Float;
    let (lo, hi) = (Dual64::new(-1.0, 0.0), Dual64::new(1.0, 7.0));
    let inside = Dual64::new(0.5, 2.0).clamp(lo, hi);
    assert_eq!((inside.re, inside.eps), (0.5, 2.0));
    let above = Dual64::new(3.0, 2.0).clamp(lo, hi);
    assert_eq!((above.re, above.eps), (1.0, 7.0));
    let below = Dual64::new(-3.0, 2.0).clamp(lo, hi);
    assert_eq!((below.re, below.eps), (-1.0, 0.0));
    assert!(Dual64::new(f64::NAN, 1.0).clamp(lo, hi).re.is_nan());
}
