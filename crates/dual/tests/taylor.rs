//! Tests of the truncated Taylor type: published integer sequences, closed-form
//! derivatives, agreement with nested duals and hyper-duals, nesting, f32,
//! special cases and formatting.
//!
//! Reference integers and the worked example come from
//! `scripts/taylor_sequences.py` (SymPy), included below.

use approx::assert_relative_eq;
use core::f64::consts::{FRAC_PI_2, FRAC_PI_4, LN_2, LN_10};
use dual::{Dual, Dual64, DualNum, Float, HyperDual, HyperDual64, Taylor, Taylor32, Taylor64};
use proptest::prelude::*;

mod data {
    include!("data/taylor_sequences.rs");
}

/// `k!` as an f64 (exact for k <= 22).
fn factorial(k: usize) -> f64 {
    (1..=k).map(|i| i as f64).product()
}

/// Falling factorial `p (p - 1) ... (p - k + 1)`.
fn falling(p: f64, k: usize) -> f64 {
    (0..k).map(|i| p - i as f64).product()
}

// ---------------------------------------------------------------------------
// Published sequences as Taylor coefficients at 0, orders 0..=20
// ---------------------------------------------------------------------------

/// Relative tolerance for the sequences. The coefficient c_k comes out of k
/// steps of a recurrence, each a sum of at most k + 1 products of earlier
/// coefficients and one division; with unit roundoff u = 1.1e-16 the rounding
/// error of c_k is bounded by about (k + 1)^2 u ~ 5e-14 at k = 20 when the terms
/// have one sign (tan, Bell), and 1/cos has mild cancellation between terms of
/// alternating sign (a factor of a few). Multiplying by k! adds ~k u. 1e-12
/// leaves a margin of 20x over that bound and is still far below the 1/k
/// relative spacing of neighbouring integers that a wrong recurrence would hit.
const SEQ_TOL: f64 = 1e-12;

fn assert_sequence(t: &Taylor64<20>, expected: &[u64; 21], name: &str) {
    for (k, &e) in expected.iter().enumerate() {
        let got = t.derivative(k);
        if e == 0 {
            // odd/even parity: the exact value is 0, rounding may leave tiny residues
            assert!(
                got.abs() < 1e-12 * factorial(k),
                "{name}: k = {k}, got {got}"
            );
        } else {
            assert_relative_eq!(got, e as f64, max_relative = SEQ_TOL);
        }
    }
}

#[test]
fn tangent_numbers() {
    let x = Taylor64::<20>::variable(0.0);
    assert_sequence(&x.tan(), &data::TANGENT, "tan");
    // also through the quotient recurrence
    let (s, c) = x.sin_cos();
    assert_sequence(&(s / c), &data::TANGENT, "sin/cos");
}

#[test]
fn euler_numbers_from_secant() {
    let x = Taylor64::<20>::variable(0.0);
    assert_sequence(&x.cos().recip(), &data::EULER_SEC, "1/cos");
    assert_sequence(&(1.0 / x.cos()), &data::EULER_SEC, "1.0/cos");
}

#[test]
fn bell_numbers() {
    let x = Taylor64::<20>::variable(0.0);
    assert_sequence(&(x.exp() - 1.0).exp(), &data::BELL, "exp(exp(x) - 1)");
    assert_sequence(&x.exp_m1().exp(), &data::BELL, "exp(exp_m1(x))");
}

// ---------------------------------------------------------------------------
// Closed-form derivatives up to order 8
// ---------------------------------------------------------------------------

const K: usize = 8;
/// Closed forms against derivatives of order <= 8: each derivative is k! c_k with
/// c_k from at most 8 recurrence steps (error ~ (k + 1)^2 u ~ 1e-14, times a
/// small factor for the functions built from two series); 1e-12 relative.
/// Where the exact derivative is 0 the closed form itself carries a rounding
/// error of about u k! (e.g. (k-1)! sin(4 pi) for atan at 0), hence the absolute
/// floor 1e-13 k!.
const TOL: f64 = 1e-12;

fn check(t: &Taylor64<K>, expected: impl Fn(usize) -> f64, what: &str) {
    for k in 0..=K {
        let e = expected(k);
        let got = t.derivative(k);
        assert!(
            approx::relative_eq!(got, e, epsilon = 1e-13 * factorial(k), max_relative = TOL),
            "{what}: k = {k}: got {got}, expected {e}"
        );
    }
}

#[test]
fn closed_form_exp_and_exp2() {
    for x in [-1.3, 0.0, 0.7, 2.0] {
        let t = Taylor64::<K>::variable(x);
        // d^k e^(2x) = 2^k e^(2x)
        check(
            &(t * 2.0).exp(),
            |k| 2f64.powi(k as i32) * (2.0 * x).exp(),
            "exp(2x)",
        );
        // d^k 2^x = (ln 2)^k 2^x
        check(&t.exp2(), |k| LN_2.powi(k as i32) * x.exp2(), "exp2");
        // exp_m1: value e^x - 1, derivatives e^x
        check(
            &t.exp_m1(),
            |k| if k == 0 { x.exp_m1() } else { x.exp() },
            "exp_m1",
        );
    }
}

#[test]
fn closed_form_rational() {
    for x in [-2.5, 0.0, 0.3, 0.9, 3.0] {
        let t = Taylor64::<K>::variable(x);
        // d^k 1/(1-x) = k! / (1-x)^(k+1)
        let e = |k: usize| factorial(k) / (1.0 - x).powi(k as i32 + 1);
        check(&(1.0 - t).recip(), e, "recip(1-x)");
        check(&(1.0 / (1.0 - t)), e, "1/(1-x)");
        check(
            &(Taylor64::constant(1.0) / (1.0 - t)),
            e,
            "div_rule 1/(1-x)",
        );
        // x / (1 + x^2)... via (x+1)/(x+2) = 1 - 1/(x+2): d^k = -(-1)^k k! / (x+2)^(k+1), k >= 1
        check(
            &((t + 1.0) / (t + 2.0)),
            |k| {
                if k == 0 {
                    (x + 1.0) / (x + 2.0)
                } else {
                    -(-1f64).powi(k as i32) * factorial(k) / (x + 2.0).powi(k as i32 + 1)
                }
            },
            "(x+1)/(x+2)",
        );
    }
}

#[test]
fn closed_form_logarithms() {
    for x in [-0.5, 0.0, 0.4, 2.0] {
        let t = Taylor64::<K>::variable(x);
        // d^k ln(1+x) = (-1)^(k-1) (k-1)! / (1+x)^k
        let e = |k: usize| {
            if k == 0 {
                x.ln_1p()
            } else {
                (-1f64).powi(k as i32 - 1) * factorial(k - 1) / (1.0 + x).powi(k as i32)
            }
        };
        check(&t.ln_1p(), e, "ln_1p");
        check(&(t + 1.0).ln(), e, "ln(1+x)");
        check(&(t + 1.0).log2(), |k| e(k) / LN_2, "log2(1+x)");
        check(&(t + 1.0).log10(), |k| e(k) / LN_10, "log10(1+x)");
    }
}

#[test]
fn closed_form_trigonometric() {
    for x in [-2.0, -0.4, 0.0, 0.5, 3.0] {
        let t = Taylor64::<K>::variable(x);
        // d^k sin x = sin(x + k pi/2), d^k cos x = cos(x + k pi/2)
        let ds = |k: usize| (x + k as f64 * FRAC_PI_2).sin();
        let dc = |k: usize| (x + k as f64 * FRAC_PI_2).cos();
        check(&t.sin(), ds, "sin");
        check(&t.cos(), dc, "cos");
        let (s, c) = t.sin_cos();
        check(&s, ds, "sin_cos.0");
        check(&c, dc, "sin_cos.1");
        // d^k (e^x sin x) = 2^(k/2) e^x sin(x + k pi/4)
        check(
            &(t.exp() * t.sin()),
            |k| 2f64.powf(k as f64 / 2.0) * x.exp() * (x + k as f64 * FRAC_PI_4).sin(),
            "e^x sin x",
        );
        // d^k atan x = (k-1)! cos^k(θ) sin(k (θ + pi/2)), θ = atan x
        let th = x.atan();
        check(
            &t.atan(),
            |k| {
                if k == 0 {
                    th
                } else {
                    factorial(k - 1) * th.cos().powi(k as i32) * (k as f64 * (th + FRAC_PI_2)).sin()
                }
            },
            "atan",
        );
    }
}

#[test]
fn closed_form_hyperbolic() {
    for x in [-1.5, 0.0, 0.8] {
        let t = Taylor64::<K>::variable(x);
        check(
            &t.sinh(),
            |k| if k % 2 == 0 { x.sinh() } else { x.cosh() },
            "sinh",
        );
        check(
            &t.cosh(),
            |k| if k % 2 == 0 { x.cosh() } else { x.sinh() },
            "cosh",
        );
    }
    for x in [-0.6, 0.0, 0.3] {
        let t = Taylor64::<K>::variable(x);
        // atanh x = (ln(1+x) - ln(1-x)) / 2: d^k = (k-1)!/2 [(-1)^(k-1)/(1+x)^k + 1/(1-x)^k]
        check(
            &t.atanh(),
            |k| {
                if k == 0 {
                    x.atanh()
                } else {
                    let ki = k as i32;
                    factorial(k - 1) / 2.0
                        * ((-1f64).powi(ki - 1) / (1.0 + x).powi(ki) + 1.0 / (1.0 - x).powi(ki))
                }
            },
            "atanh",
        );
    }
}

#[test]
fn closed_form_powers() {
    // d^k x^p = p (p-1) ... (p-k+1) x^(p-k), for x > 0 and real p
    for x in [0.5, 1.0, 3.0] {
        let t = Taylor64::<K>::variable(x);
        for p in [2.5, -1.5, 0.3] {
            let e = |k: usize| falling(p, k) * x.powf(p - k as f64);
            check(&t.powf(Taylor64::constant(p)), e, "powf");
            check(&Float::powf(t, Taylor64::from_re(p)), e, "Float::powf");
        }
        check(
            &t.sqrt(),
            |k| falling(0.5, k) * x.powf(0.5 - k as f64),
            "sqrt",
        );
        check(
            &t.cbrt(),
            |k| falling(1.0 / 3.0, k) * x.powf(1.0 / 3.0 - k as f64),
            "cbrt",
        );
    }
    // cbrt of a negative value: cbrt(x) = -(-x)^(1/3), d^k = -(-1)^k falling(1/3, k) (-x)^(1/3 - k)
    for x in [-8.0, -0.7] {
        let t = Taylor64::<K>::variable(x);
        check(
            &t.cbrt(),
            |k| -(-1f64).powi(k as i32) * falling(1.0 / 3.0, k) * (-x).powf(1.0 / 3.0 - k as f64),
            "cbrt(negative)",
        );
    }
    // integer powers, negative bases and exponents included
    for x in [-2.0, -0.5, 0.75, 2.0] {
        let t = Taylor64::<K>::variable(x);
        for n in [-3, -1, 0, 1, 2, 5, 7] {
            let e = |k: usize| falling(f64::from(n), k) * x.powi(n - k as i32);
            check(&t.powi(n), e, "powi");
            // a constant integer exponent given as a float takes the same route
            check(
                &t.powf(Taylor64::constant(f64::from(n))),
                e,
                "powf(integer)",
            );
        }
    }
}

#[test]
fn worked_example_to_order_8_against_sympy() {
    fn f<D: DualNum<f64>>(x: D) -> D {
        x.exp() / (x.sin().powi(3) + x.cos().powi(3)).sqrt()
    }
    let y = f(Taylor64::<K>::variable(1.5));
    // the first two derivatives as quoted in the DualNum docs, from the script
    assert_relative_eq!(y.derivative(1), 4.053427893898621, max_relative = 1e-13);
    assert_relative_eq!(y.derivative(2), 9.463073681596603, max_relative = 1e-13);
    assert_eq!(data::WORKED_EXAMPLE[1], 4.053427893898621);
    assert_eq!(data::WORKED_EXAMPLE[2], 9.463073681596603);
    // every order up to 8 against SymPy: a few dozen operations, each with a
    // relative error of a few (k + 1)^2 u, so 1e-12 relative
    for (k, &e) in data::WORKED_EXAMPLE.iter().enumerate() {
        assert_relative_eq!(y.derivative(k), e, max_relative = 1e-12);
    }
    // the value is that of the f64 program up to the last bit of `powi`, whose
    // rounding the compiler may change with inlining (Rust documents it as
    // unspecified), so one ulp
    assert_relative_eq!(y.coeff(0), f(1.5), max_relative = 2.0 * f64::EPSILON);
}

fn assert_same(a: &Taylor64<K>, b: &Taylor64<K>, what: &str) {
    assert_same_scaled(a, b, factorial, what);
}

/// The series with every coefficient replaced by its absolute value.
fn abs_coeffs(a: &Taylor64<K>) -> Taylor64<K> {
    Taylor64::new(
        a.coeff(0).abs(),
        core::array::from_fn(|i| a.coeff(i + 1).abs()),
    )
}

// ---------------------------------------------------------------------------
// Identities between recurrences that are implemented independently
// ---------------------------------------------------------------------------

/// Two routes to the same function agree to 1e-11 relative; the absolute floor
/// is 1e-12 times `scale(k)`, the size of the terms summed into the k-th
/// derivative (k! for the functions here, bounded derivatives / k! ~ 1).
fn assert_same_scaled(a: &Taylor64<K>, b: &Taylor64<K>, scale: impl Fn(usize) -> f64, what: &str) {
    for k in 0..=K {
        let (x, y) = (a.derivative(k), b.derivative(k));
        assert!(
            approx::relative_eq!(x, y, epsilon = 1e-12 * scale(k), max_relative = 1e-11),
            "{what}: k = {k}: {x} vs {y}"
        );
    }
}

#[test]
fn identities_between_functions() {
    for x in [-0.7, -0.2, 0.0, 0.4, 0.8] {
        let t = Taylor64::<K>::variable(x);
        let one = Taylor64::constant(1.0);
        assert_same(&t.tan(), &(t.sin() / t.cos()), "tan = sin/cos");
        assert_same(&t.tanh(), &(t.sinh() / t.cosh()), "tanh = sinh/cosh");
        assert_same(
            &t.asin(),
            &(t / (one - t * t).sqrt()).atan(),
            "asin = atan(x/sqrt(1-x^2))",
        );
        assert_same(&t.acos(), &(-t.asin() + FRAC_PI_2), "acos = pi/2 - asin");
        assert_same(&t.asinh(), &(t + (t * t + 1.0).sqrt()).ln(), "asinh");
        assert_same(&t.atanh(), &(((one + t) / (one - t)).ln() * 0.5), "atanh");
        let u = t + 2.0; // acosh needs x > 1
        assert_same(&u.acosh(), &(u + (u * u - 1.0).sqrt()).ln(), "acosh");
        assert_same(&t.exp2(), &(t * LN_2).exp(), "exp2");
        assert_same(&t.exp().ln(), &t, "ln(exp x) = x");
        assert_same(&(t * t + 1.0).sqrt().powi(2), &(t * t + 1.0), "sqrt^2");
        if x != 0.0 {
            // the rounding error of a cube is bounded by the cube of the absolute series
            let c = t.cbrt();
            let scale = abs_coeffs(&c).powi(3);
            assert_same_scaled(&c.powi(3), &t, |k| scale.derivative(k), "cbrt^3");
            assert_same(&t.abs(), &(t * t).sqrt(), "|x| = sqrt(x^2) away from 0");
        }
    }
}

// ---------------------------------------------------------------------------
// Agreement with nested duals and hyper-duals (proptest)
// ---------------------------------------------------------------------------

/// A function mixing every elementary function on a domain where all are
/// defined for x in (0.1, 0.9).
fn mix<D: DualNum<f64>>(x: D) -> D {
    let a = x.sin() * x.exp() / (x * x + 1.0) + x.atan() - x.cos().powi(3);
    let b = (x * x + 1.0).sqrt() + x.cosh().ln() + x.tanh() * x.sinh() + x.tan();
    let c = x.asin() + x.acos() * x.atanh() + (x + 1.5).acosh() + x.asinh();
    let d = x.log2() + x.log10() + x.ln_1p() + x.exp_m1() + x.exp2() + x.cbrt();
    let e = x.powf(D::from_re(2.5)) + x.powi(-2) + x.recip() + x.ln();
    a + b * c - d / (e + 3.0)
}

/// `Dual<Dual<Dual<f64>>>` seeded with three independent units, so that the
/// part `eps.eps.eps` is the third derivative.
type D3 = Dual<Dual<Dual64>>;
fn third_order(x: f64) -> D3 {
    let one = Dual64::new(1.0, 0.0);
    let zero = Dual64::new(0.0, 0.0);
    Dual::new(Dual::new(Dual64::new(x, 1.0), one), Dual::new(one, zero))
}

// Both sides are exact up to rounding along different routes (a few hundred
// operations on values of order 1..1e3): relative 1e-10 with an absolute floor
// for derivatives that happen to be near 0 relative to their terms.
const AGREE_REL: f64 = 1e-10;
const AGREE_ABS: f64 = 1e-9;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn taylor_agrees_with_triple_dual(x in 0.1f64..0.9) {
        let t = mix(Taylor64::<3>::variable(x));
        let d = mix(third_order(x));
        for (k, v) in [d.re.re.re, d.re.re.eps, d.re.eps.eps, d.eps.eps.eps].into_iter().enumerate() {
            prop_assert!(
                approx::relative_eq!(t.derivative(k), v, epsilon = AGREE_ABS, max_relative = AGREE_REL),
                "k = {}: taylor {} vs dual {}", k, t.derivative(k), v
            );
        }
    }

    #[test]
    fn taylor_second_derivative_agrees_with_hyperdual(x in 0.1f64..0.9) {
        let t = mix(Taylor64::<2>::variable(x));
        let h = mix(HyperDual64::variable(x));
        // values agree up to the last bit of `powi` (see worked_example_to_order_8_against_sympy)
        prop_assert!(approx::relative_eq!(t.coeff(0), h.re, max_relative = 4.0 * f64::EPSILON));
        prop_assert!(approx::relative_eq!(t.derivative(1), h.eps1, epsilon = AGREE_ABS, max_relative = AGREE_REL));
        prop_assert!(approx::relative_eq!(t.derivative(2), h.eps1eps2, epsilon = AGREE_ABS, max_relative = AGREE_REL));
    }

    #[test]
    fn nested_taylor_of_dual_agrees_with_higher_order(x in 0.1f64..0.9) {
        // x0 + ε inside x0 + h: the ε part of c_k is d/dx (f^(k)/k!) = (k + 1) c_(k+1)
        // of the plain series one order higher; every recurrence runs on Dual64
        let nested = mix(Taylor::<Dual64, 3>::variable(Dual64::variable(x)));
        let plain = mix(Taylor64::<4>::variable(x));
        for k in 0..=3 {
            let v = nested.coeff(k);
            prop_assert!(approx::relative_eq!(v.re, plain.coeff(k), epsilon = AGREE_ABS, max_relative = AGREE_REL));
            let e = (k + 1) as f64 * plain.coeff(k + 1);
            prop_assert!(
                approx::relative_eq!(v.eps, e, epsilon = AGREE_ABS, max_relative = AGREE_REL),
                "k = {}: {} vs {}", k, v.eps, e
            );
        }
    }

    #[test]
    fn taylor_agrees_with_triple_dual_on_whole_line(x in -3.0f64..3.0) {
        fn g<D: DualNum<f64>>(x: D) -> D {
            (x.sin() * 2.0 + x.cos().powi(2) + 3.0).ln() * (x * 0.5).atan()
                + (x * x + 0.5).powf(D::from_re(-0.75)) * x.exp() / (x.abs() + 1.0)
                + x.sinh().asinh()
        }
        let t = g(Taylor64::<3>::variable(x));
        let d = g(third_order(x));
        for (k, v) in [d.re.re.re, d.re.re.eps, d.re.eps.eps, d.eps.eps.eps].into_iter().enumerate() {
            prop_assert!(
                approx::relative_eq!(t.derivative(k), v, epsilon = AGREE_ABS, max_relative = AGREE_REL),
                "k = {}: taylor {} vs dual {}", k, t.derivative(k), v
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Nesting and f32
// ---------------------------------------------------------------------------

#[test]
fn nested_taylor_of_dual() {
    // f(x, y) = exp(x y): d^k/dx^k f = y^k e^(xy), and d/dy of that = (k y^(k-1) + x y^k) e^(xy)
    let (x0, y0) = (0.6, -1.3);
    let x = Taylor::<Dual64, 5>::variable(Dual64::constant(x0));
    let y = Taylor::<Dual64, 5>::constant(Dual64::variable(y0));
    let f = (x * y).exp();
    let e = (x0 * y0).exp();
    for k in 0..=5 {
        let d = f.derivative(k);
        let ki = k as i32;
        assert_relative_eq!(d.re, y0.powi(ki) * e, max_relative = 1e-13);
        let dy = (k as f64 * y0.powi(ki - 1) + x0 * y0.powi(ki)) * e;
        assert_relative_eq!(d.eps, dy, max_relative = 1e-13);
    }
}

#[test]
fn nested_exponent_keeps_its_derivative() {
    // f(x, y) = x^y along x at (1.5, 2), differentiated once in y: the exponent's
    // inner derivative must survive even though its value is an integer.
    // d^k/dx^k x^y = falling(y, k) x^(y-k); its y-derivative is computed here with
    // Dual64 arithmetic, independently of the Taylor code.
    let (x0, y0) = (1.5, 2.0);
    let x = Taylor::<Dual64, 3>::variable(Dual64::constant(x0));
    let y = Taylor::<Dual64, 3>::constant(Dual64::variable(y0));
    let f = x.powf(y);
    for k in 0..=3 {
        let yd = Dual64::variable(y0);
        let fall = (0..k).fold(Dual64::constant(1.0), |p, i| p * (yd - i as f64));
        let e = fall * Dual64::constant(x0).powf(yd - k as f64);
        let d = f.derivative(k);
        assert_relative_eq!(d.re, e.re, epsilon = 1e-14, max_relative = 1e-13);
        assert_relative_eq!(d.eps, e.eps, epsilon = 1e-14, max_relative = 1e-13);
    }
}

#[test]
fn nested_dual_of_taylor() {
    // x = x0 + h + ε with ε on the outside: re carries f^(k), eps carries f^(k+1)
    let x0 = -0.8;
    let x = Dual::new(Taylor64::<4>::variable(x0), Taylor64::constant(1.0));
    let y = x.sin();
    for k in 0..=4 {
        assert_relative_eq!(
            y.re.derivative(k),
            (x0 + k as f64 * FRAC_PI_2).sin(),
            epsilon = 1e-15,
            max_relative = 1e-13
        );
        assert_relative_eq!(
            y.eps.derivative(k),
            (x0 + (k + 1) as f64 * FRAC_PI_2).sin(),
            epsilon = 1e-15,
            max_relative = 1e-13
        );
    }
}

#[test]
fn nested_taylor_of_hyperdual() {
    // Taylor over x0 + ε1 + ε2: the ε1ε2 part of c_k is f^(k+2)(x0) / k!; f = exp(2x)
    let x0 = 0.4;
    let x = Taylor::<HyperDual64, 4>::variable(HyperDual64::variable(x0));
    let y = (x * 2.0).exp();
    for k in 0..=4 {
        let d = y.derivative(k);
        assert_relative_eq!(
            d.re,
            2f64.powi(k as i32) * (2.0 * x0).exp(),
            max_relative = 1e-13
        );
        assert_relative_eq!(
            d.eps1,
            2f64.powi(k as i32 + 1) * (2.0 * x0).exp(),
            max_relative = 1e-13
        );
        assert_relative_eq!(
            d.eps1eps2,
            2f64.powi(k as i32 + 2) * (2.0 * x0).exp(),
            max_relative = 1e-13
        );
    }
    // and the type mixes with HyperDual<f64> in generic code
    let _: Taylor<HyperDual<f64>, 4> = x.sqrt() + x.ln();
}

#[test]
fn f32_closed_forms() {
    // f32 unit roundoff 6e-8; orders <= 6 of short expressions: 1e-5 relative
    for x in [-1.0f32, 0.5, 2.0] {
        let t = Taylor32::<6>::variable(x);
        let y = (t * 2.0).exp();
        let s = t.sin();
        for k in 0..=6 {
            assert_relative_eq!(
                y.derivative(k),
                2f32.powi(k as i32) * (2.0 * x).exp(),
                max_relative = 1e-5
            );
            let e = (x + k as f32 * core::f32::consts::FRAC_PI_2).sin();
            assert_relative_eq!(s.derivative(k), e, epsilon = 1e-6, max_relative = 1e-5);
        }
    }
}

// ---------------------------------------------------------------------------
// High order: cost is polynomial, results match closed forms
// ---------------------------------------------------------------------------

#[test]
fn order_30_is_cheap_and_exact() {
    fn f<D: DualNum<f64>>(x: D) -> D {
        // e^x sin x + 2 / (2 - x) + ln(1 + x) + cosh^2 x + e^x as a product of ten factors
        let prod: D = (0..10).map(|_| (x * 0.1).exp()).product();
        x.exp() * x.sin() + (-x + 2.0).recip() * 2.0 + x.ln_1p() + x.cosh().powi(2) + prod
    }
    let x0 = 0.3;
    let start = std::time::Instant::now();
    let t = f(Taylor64::<30>::variable(x0));
    // With O(N^2) operations this takes well under a millisecond even in a debug
    // build; an exponential scheme (2^30 terms) would take minutes. A bound of
    // 5 s cannot be hit by scheduling noise on a loaded CI machine.
    assert!(start.elapsed().as_secs_f64() < 5.0);
    for k in 0..=30usize {
        let kf = k as f64;
        let ki = k as i32;
        let fk = factorial(k);
        let c_exp_sin = 2f64.powf(kf / 2.0) * x0.exp() * (x0 + kf * FRAC_PI_4).sin() / fk;
        let c_rec = 2.0 / (2.0 - x0).powi(ki + 1);
        let c_ln = if k == 0 {
            x0.ln_1p()
        } else {
            (-1f64).powi(ki - 1) / (kf * (1.0 + x0).powi(ki))
        };
        // cosh^2 x = (cosh 2x + 1) / 2
        let c_cosh2 = if k == 0 {
            x0.cosh().powi(2)
        } else if k % 2 == 0 {
            2f64.powi(ki - 1) * (2.0 * x0).cosh() / fk
        } else {
            2f64.powi(ki - 1) * (2.0 * x0).sinh() / fk
        };
        let c_prod = x0.exp() / fk;
        let expected = c_exp_sin + c_rec + c_ln + c_cosh2 + c_prod;
        // coefficients fall from O(1) to ~1e-5; relative error after 30
        // recurrence steps ~ 31^2 u ~ 1e-13, so 1e-11 relative with an absolute
        // floor of 1e-16 for the terms near 0
        assert!(
            approx::relative_eq!(t.coeff(k), expected, epsilon = 1e-16, max_relative = 1e-11),
            "k = {k}: {} vs {expected}",
            t.coeff(k)
        );
    }
}

// ---------------------------------------------------------------------------
// Special cases
// ---------------------------------------------------------------------------

#[test]
fn beyond_truncation_is_zero() {
    let t = Taylor64::<3>::variable(1.0).exp();
    assert_eq!(t.coeff(4), 0.0);
    assert_eq!(t.derivative(10), 0.0);
    let z = Taylor64::<0>::variable(2.0).sin();
    assert_eq!(z.coeff(0), 2f64.sin());
    assert_eq!(z.coeff(1), 0.0);
}

#[test]
fn powers_at_zero() {
    let t = Taylor64::<4>::variable(0.0);
    // integer exponents are exact at 0, also as a float exponent
    let c: Vec<f64> = t.powf(Taylor64::constant(3.0)).coeffs().collect();
    assert_eq!(c, [0.0, 0.0, 0.0, 1.0, 0.0]);
    let c: Vec<f64> = t.powi(2).coeffs().collect();
    assert_eq!(c, [0.0, 0.0, 1.0, 0.0, 0.0]);
    assert_eq!(
        t.powi(0).coeffs().collect::<Vec<_>>(),
        [1.0, 0.0, 0.0, 0.0, 0.0]
    );
    // x^2.5 at 0: coefficients below order 2.5 vanish, above it they do not exist
    let y = t.powf(Taylor64::constant(2.5));
    assert_eq!([y.coeff(0), y.coeff(1), y.coeff(2)], [0.0, 0.0, 0.0]);
    assert!(y.coeff(3).is_infinite());
    // sqrt at 0: infinite first derivative, like the other types
    let s = t.sqrt();
    assert_eq!(s.coeff(0), 0.0);
    assert_eq!(s.coeff(1), f64::INFINITY);
    assert_eq!(s.coeff(1), Dual64::variable(0.0).sqrt().eps);
    // 1/x at 0
    assert_eq!(t.recip().coeff(0), f64::INFINITY);
    // ln at 0
    assert_eq!(t.ln().coeff(0), f64::NEG_INFINITY);
    // negative bases: exact integer powers, NaN for fractional ones
    let n = Taylor64::<3>::variable(-2.0);
    let c: Vec<f64> = n.powi(3).coeffs().collect();
    assert_eq!(c, [-8.0, 12.0, -6.0, 1.0]); // (-2 + h)^3
    assert!(n.powf(Taylor64::constant(0.5)).coeff(1).is_nan());
    assert!(n.sqrt().coeff(0).is_nan());
}

#[test]
fn abs_and_piecewise_constant_functions() {
    let t = Taylor64::<2>::variable(0.0);
    assert_eq!(t.abs().derivative(1), 1.0); // abs'(0) = +1
    let neg_zero = Taylor64::<2>::variable(-0.0).abs();
    assert!(neg_zero.coeff(0).is_sign_positive());
    let m = Taylor64::<2>::new(-1.5, [2.0, 3.0]).abs();
    assert_eq!(m.coeffs().collect::<Vec<_>>(), [1.5, -2.0, -3.0]);
    let x = Taylor64::<2>::new(2.75, [1.0, 1.0]);
    for y in [x.floor(), x.ceil(), x.round(), x.trunc(), x.signum()] {
        assert_eq!([y.coeff(1), y.coeff(2)], [0.0, 0.0]);
    }
    assert_eq!(x.fract().coeffs().collect::<Vec<_>>(), [0.75, 1.0, 1.0]);
    assert_eq!(x.floor().coeff(0), 2.0);
    assert_eq!(x.ceil().coeff(0), 3.0);
}

#[test]
fn eval_is_the_truncated_polynomial() {
    let t = Taylor64::<3>::new(1.0, [-2.0, 0.5, 4.0]);
    assert_eq!(t.eval(0.0), 1.0);
    assert_eq!(t.eval(2.0), 1.0 - 4.0 + 2.0 + 32.0);
    // a Taylor model of exp: error below the next term h^(N+1)/(N+1)! e^h
    let e = Taylor64::<10>::variable(1.0).exp();
    let h = 0.25;
    let bound = h.powi(11) / factorial(11) * (1.0 + h).exp();
    assert!((e.eval(h) - (1.0 + h).exp()).abs() <= bound);
}

#[test]
fn variable_dir_scales_derivatives() {
    // f(x + v t): k-th derivative in t is v^k f^(k)(x)
    let (x, v) = (0.3, -2.0);
    let y = Taylor64::<4>::variable_dir(x, v).exp();
    for k in 0..=4 {
        assert_relative_eq!(
            y.derivative(k),
            v.powi(k as i32) * x.exp(),
            max_relative = 1e-14
        );
    }
}

#[test]
fn display_and_debug() {
    let t = Taylor64::<2>::new(1.5, [2.0, 0.5]);
    assert_eq!(format!("{t}"), "1.5 + 2h + 0.5h^2");
    assert_eq!(
        format!("{:.3}", Taylor64::<3>::new(1.0, [-2.0, 0.5, 0.0])),
        "1.000 - 2.000h + 0.500h^2 + 0.000h^3"
    );
    assert_eq!(format!("{}", Taylor64::<0>::constant(3.0)), "3");
    let nested = Taylor::<Dual64, 1>::variable(Dual64::variable(1.0));
    assert_eq!(format!("{nested}"), "(1 + 1ε) + (1 + 0ε)h");
    assert_eq!(format!("{t:?}"), "Taylor([1.5, 2.0, 0.5])");
}

#[test]
fn operators_and_traits() {
    let a = Taylor64::<3>::new(1.0, [2.0, 3.0, 4.0]);
    let b = Taylor64::<3>::new(-0.5, [1.0, 0.0, 2.0]);
    // (1 + 2h + 3h^2 + 4h^3)(-0.5 + h + 2h^3) truncated
    let p = a * b;
    assert_eq!(p.coeffs().collect::<Vec<_>>(), [-0.5, 0.0, 0.5, 3.0]);
    assert_relative_eq!((p / b), a, max_relative = Taylor64::constant(1e-14));
    let mut c = a;
    c *= &b;
    assert_eq!(
        c.coeffs().collect::<Vec<_>>(),
        p.coeffs().collect::<Vec<_>>()
    );
    assert_eq!(2.0 * a, a * 2.0);
    assert!(a > b);
    assert_eq!(a.re(), 1.0);
    let s: Taylor64<3> = [a, b].iter().sum();
    assert_eq!(s.coeff(3), 6.0);
}
