//! Edge cases of the truncated Taylor type (issue 12): derivatives beyond the
//! truncation order and beyond `170!`, powers whose value under- or overflows,
//! the sign of zero, and values equal to `f64`'s bit for bit at special inputs.
//!
//! Every reference value is a closed form stated next to it (binomial
//! coefficients and powers of the point, `k!`, `4^k`), evaluated in `f64`.

use approx::assert_relative_eq;
use dual::{Dual, Dual64, DualNum, HyperDual64, Taylor64};

/// Equal as `f64` values bit for bit (so `+0.0 != -0.0`), or both NaN (the
/// payload of a NaN is not specified by the functions that produce it).
fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// `binom(n, k) x^(n - k)`, the coefficient `c_k` of `(x + h)^n`, for small
/// integers `0 <= k`, `0 <= n` (exactly 0 for `k > n`).
fn binomial_term(x: f64, n: i32, k: i32) -> f64 {
    if k > n {
        return 0.0;
    }
    let b = (0..k).fold(1.0, |b, i| b * f64::from(n - i) / f64::from(i + 1));
    b * x.powi(n - k)
}

// ---------------------------------------------------------------------------
// derivative(k)
// ---------------------------------------------------------------------------

#[test]
fn derivative_beyond_the_order_is_zero_at_once() {
    let t = Taylor64::<3>::variable(0.5).exp();
    // k > N: the series does not carry the order. Before the fix k >= 171 gave
    // 0 * inf = NaN and a huge k ran a loop of k multiplications.
    for k in [4, 170, 171, 1000, 1 << 40, usize::MAX] {
        let d = t.derivative(k);
        assert!(same(d, 0.0), "k = {k}: {d}");
    }
    assert!(same(
        Taylor64::<0>::variable(2.0).derivative(usize::MAX),
        0.0
    ));
}

#[test]
fn derivatives_past_170_factorial_stay_finite() {
    // e^(4h) at 0: c_k = 4^k / k!, so the k-th derivative is 4^k = 2^(2k), finite
    // (2^400 at k = 200) although k! overflows f64 from k = 171 on.
    // Error bound: c_k comes from k steps c_k = (4 c_{k-1}) (1/k) (two roundings
    // each; the other terms of the recurrence are exact zeros), so |err| <= 2 k u;
    // the factorial adds at most k u: 3 * 200 * 1.1e-16 = 6.7e-14 at k = 200.
    // 1e-12 leaves a margin of 15x.
    let t = Taylor64::<200>::variable_dir(0.0, 4.0).exp();
    for k in [100, 170, 171, 172, 180, 199, 200] {
        let exact = 2f64.powi(2 * k as i32);
        assert_relative_eq!(t.derivative(k), exact, max_relative = 1e-12);
    }
    // 1 / (1 - h) at 0: c_k = 1, the k-th derivative is k!, finite up to 170
    // and an overflow (+inf, not NaN) from 171 on
    let g = (1.0 - Taylor64::<180>::variable(0.0)).recip();
    let f170: f64 = (1..=170).map(f64::from).product();
    // 169 roundings of the product on either side: <= 2 * 170 u = 3.8e-14
    assert_relative_eq!(g.derivative(170), f170, max_relative = 1e-13);
    assert_eq!(g.derivative(171), f64::INFINITY);
    assert_eq!(g.derivative(180), f64::INFINITY);
    // and the usual small orders are unchanged: c_k k! with k! exact
    let s = Taylor64::<6>::variable(0.0).sin();
    assert_eq!(s.derivative(5), 1.0);
}

// ---------------------------------------------------------------------------
// powers whose value leaves the normal range
// ---------------------------------------------------------------------------

#[test]
fn integer_powers_where_the_value_overflows() {
    let x = 1e300;
    // (x + h)^2 = x^2 + 2x h + h^2: x^2 overflows, 2x and 1 do not
    let y = Taylor64::<3>::variable(x).powi(2);
    let c: Vec<f64> = y.coeffs().collect();
    assert_eq!(c, [x.powi(2), 2.0 * x, 1.0, 0.0]);
    assert_eq!(y.derivative(1), 2.0 * x);
    // (x + h)^3: 3x^2 overflows too, the others do not (3x, 1)
    let y = Taylor64::<3>::variable(x).powi(3);
    let c: Vec<f64> = y.coeffs().collect();
    assert_eq!(c, [f64::INFINITY, f64::INFINITY, 3.0 * x, 1.0]);
    // (x + h)^n, c_k = binom(n, k) x^(n - k): inf where that overflows
    for n in [4, 5, 7] {
        let y = Taylor64::<8>::variable(x).powi(n);
        for k in 0..=8 {
            let exact = binomial_term(x, n, k);
            let got = y.coeff(k as usize);
            if exact.is_finite() && exact != 0.0 {
                assert_relative_eq!(got, exact, max_relative = 1e-15);
            } else {
                // an overflow, or an exact zero (k > n; its sign is not specified)
                assert!(got == exact, "n = {n}, k = {k}: {got} vs {exact}");
            }
        }
    }
    // 1 / (x + h) at a subnormal x: every coefficient (-1)^k x^(-1-k) overflows
    let y = Taylor64::<3>::variable(1e-310).powi(-1);
    let c: Vec<f64> = y.coeffs().collect();
    assert_eq!(
        c,
        [
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY
        ]
    );
}

#[test]
fn integer_powers_where_the_value_underflows() {
    // c_k = binom(n, k) x^(n - k): the value is 0 or subnormal, the others are
    // ordinary numbers (relative error of the closed form in f64 and of ours:
    // a few roundings each, 1e-14 leaves a wide margin)
    for (x, n) in [(1e-110, 3), (1e-70, 5), (-1e-70, 5), (1e-40, 8)] {
        let y = Taylor64::<8>::variable(x).powi(n);
        assert!(same(y.coeff(0), x.powi(n)));
        for k in 1..=8 {
            let exact = binomial_term(x, n, k);
            let got = y.coeff(k as usize);
            if exact == 0.0 {
                assert_eq!(got, 0.0, "x = {x}, n = {n}, k = {k}");
            } else {
                assert_relative_eq!(got, exact, max_relative = 1e-14);
            }
        }
    }
}

#[test]
fn powi_one_at_infinity_is_the_variable() {
    for x in [f64::INFINITY, f64::NEG_INFINITY] {
        let c: Vec<f64> = Taylor64::<3>::variable(x).powi(1).coeffs().collect();
        assert_eq!(c, [x, 1.0, 0.0, 0.0]);
    }
}

#[test]
fn real_powers_where_the_value_underflows() {
    // x^2 at 1e-200: x^2 = 1e-400 underflows to 0; 2x = 2e-200, the second
    // derivative is exactly 2 and the higher ones exactly 0
    let x = 1e-200;
    let y = Taylor64::<4>::variable(x).powf_scalar(2.0);
    assert_eq!(y.coeff(0), x.powf(2.0));
    assert_eq!(y.derivative(1), 2.0 * x);
    assert_eq!(y.derivative(2), 2.0);
    assert_eq!([y.coeff(3), y.coeff(4)], [0.0, 0.0]);
    // x^2.5: c_k = binom(2.5, k) x^(2.5 - k) (1e-13: a few roundings of k terms)
    let y = Taylor64::<4>::variable(x).powf_scalar(2.5);
    assert_eq!(y.coeff(0), x.powf(2.5));
    let mut b = 1.0;
    for k in 1..=4 {
        b *= (2.5 - f64::from(k - 1)) / f64::from(k);
        let exact = b * x.powf(2.5 - f64::from(k));
        assert_relative_eq!(y.coeff(k as usize), exact, max_relative = 1e-13);
    }
}

// ---------------------------------------------------------------------------
// sign of zero
// ---------------------------------------------------------------------------

#[test]
fn sqrt_and_cbrt_keep_the_sign_of_zero() {
    for x in [0.0, -0.0] {
        let s = Taylor64::<3>::variable(x).sqrt();
        assert!(same(s.coeff(0), x.sqrt()), "sqrt({x:?}) = {:?}", s.coeff(0));
        // the first derivative is that of the other number types: 1 / (2 sqrt x)
        assert!(same(s.coeff(1), Dual64::variable(x).sqrt().eps));
        let c = Taylor64::<3>::variable(x).cbrt();
        assert!(same(c.coeff(0), x.cbrt()), "cbrt({x:?}) = {:?}", c.coeff(0));
        assert!(same(c.coeff(1), Dual64::variable(x).cbrt().eps));
    }
}

#[test]
fn constants_keep_zero_derivatives_at_subnormal_divisors() {
    // the recurrences divide by x0 (multiply by 1/x0 only where that is finite):
    // a constant has exact zero derivatives, also where 1/x0 overflows
    let x = Taylor64::<3>::constant(5e-324);
    for y in [
        x.ln(),
        x.sqrt(),
        x.cbrt(),
        x.powf_scalar(0.1),
        Taylor64::constant(1.0) / (x + 1.0),
    ] {
        assert_eq!([y.coeff(1), y.coeff(2), y.coeff(3)], [0.0; 3], "{y:?}");
    }
}

// ---------------------------------------------------------------------------
// values bit for bit like f64
// ---------------------------------------------------------------------------

/// Special and ordinary inputs, both signs: NaN, zeros, subnormals, the
/// smallest normal, the largest finite, infinities, domain edges (±1) and a
/// few ordinary and huge/tiny magnitudes.
const SPECIAL: [f64; 25] = [
    f64::NAN,
    0.0,
    -0.0,
    5e-324,
    -5e-324,
    1e-310,
    f64::MIN_POSITIVE,
    -f64::MIN_POSITIVE,
    1e-300,
    -1e-300,
    0.5,
    -0.5,
    1.0,
    -1.0,
    1.0000000000000002,
    -1.0000000000000002,
    2.0,
    -2.0,
    710.0,
    1e300,
    -1e300,
    f64::MAX,
    f64::MIN,
    f64::INFINITY,
    f64::NEG_INFINITY,
];

type Unary = (&'static str, fn(f64) -> f64, fn(Taylor64<8>) -> Taylor64<8>);

/// Every function of one argument, as `f64` computes it and as ours does.
fn unary_functions() -> Vec<Unary> {
    macro_rules! both {
        ($($name:ident),*) => {
            vec![$((stringify!($name), (|x: f64| x.$name()) as fn(f64) -> f64,
                (|x: Taylor64<8>| x.$name()) as fn(Taylor64<8>) -> Taylor64<8>)),*]
        };
    }
    let mut fs = both!(
        exp, exp2, exp_m1, ln, ln_1p, log2, log10, sqrt, cbrt, recip, sin, cos, tan, asin, acos,
        atan, sinh, cosh, tanh, asinh, acosh, atanh, abs, signum, floor, ceil, round, trunc, fract,
        to_degrees, to_radians
    );
    fs.push(("sin_cos.0", |x| x.sin_cos().0, |x| x.sin_cos().0));
    fs.push(("sin_cos.1", |x| x.sin_cos().1, |x| x.sin_cos().1));
    fs
}

/// The value of every function of a Taylor series equals `f64`'s at the same
/// point, at orders 0, 1, 3 and 8 (written-out recurrences) and 12 (loops).
fn values_like_f64<const N: usize>() {
    let t = |x: f64| Taylor64::<N>::variable(x);
    for x in SPECIAL {
        for (name, f, _) in unary_functions() {
            // the same function at order N, through the generic trait
            let y = generic(name, t(x));
            assert!(
                same(y.re(), f(x)),
                "{name}({x:e}) at N = {N}: {} vs {}",
                y.re(),
                f(x)
            );
        }
        for n in [-3, -2, -1, 0, 1, 2, 3, 4, 7, 64, i32::MAX, i32::MIN] {
            let y = t(x).powi(n);
            assert!(same(y.re(), x.powi(n)), "powi({x:e}, {n}) at N = {N}");
        }
        for r in [
            -2.5,
            -2.0,
            -1.0,
            -0.5,
            0.0,
            1.0 / 3.0,
            0.5,
            1.0,
            2.0,
            2.5,
            3.0,
            1e10,
        ] {
            let y = t(x).powf_scalar(r);
            assert!(
                same(y.re(), x.powf(r)),
                "powf({x:e}, {r}) at N = {N}: {}",
                y.re()
            );
        }
        for z in SPECIAL {
            let (a, b) = (t(x), Taylor64::<N>::variable_dir(z, 0.5));
            assert!(same((a + b).re(), x + z));
            assert!(same((a - b).re(), x - z));
            assert!(same((a * b).re(), x * z));
            assert!(same((a / b).re(), x / z), "{x:e} / {z:e} at N = {N}");
            assert!(same((a % b).re(), x % z), "{x:e} % {z:e} at N = {N}");
        }
    }
}

/// `name` applied through the generic `DualNum` interface (the way user code
/// calls it), for any order.
fn generic<D: DualNum<f64>>(name: &str, x: D) -> D {
    match name {
        "exp" => x.exp(),
        "exp2" => x.exp2(),
        "exp_m1" => x.exp_m1(),
        "ln" => x.ln(),
        "ln_1p" => x.ln_1p(),
        "log2" => x.log2(),
        "log10" => x.log10(),
        "sqrt" => x.sqrt(),
        "cbrt" => x.cbrt(),
        "recip" => x.recip(),
        "sin" => x.sin(),
        "cos" => x.cos(),
        "tan" => x.tan(),
        "asin" => x.asin(),
        "acos" => x.acos(),
        "atan" => x.atan(),
        "sinh" => x.sinh(),
        "cosh" => x.cosh(),
        "tanh" => x.tanh(),
        "asinh" => x.asinh(),
        "acosh" => x.acosh(),
        "atanh" => x.atanh(),
        "abs" => x.abs(),
        "signum" => x.signum(),
        "floor" => x.floor(),
        "ceil" => x.ceil(),
        "round" => x.round(),
        "trunc" => x.trunc(),
        "fract" => x.fract(),
        "to_degrees" => x.to_degrees(),
        "to_radians" => x.to_radians(),
        "sin_cos.0" => x.sin_cos().0,
        "sin_cos.1" => x.sin_cos().1,
        _ => unreachable!("unknown function {name}"),
    }
}

#[test]
fn values_equal_f64_bit_for_bit_at_special_inputs() {
    // the order-8 table above is only used for its names and f64 functions;
    // check it once directly too
    for x in SPECIAL {
        for (name, f, g) in unary_functions() {
            let y = g(Taylor64::<8>::variable(x));
            assert!(
                same(y.coeff(0), f(x)),
                "{name}({x:e}): {} vs {}",
                y.coeff(0),
                f(x)
            );
        }
    }
    values_like_f64::<0>();
    values_like_f64::<1>();
    values_like_f64::<3>();
    values_like_f64::<8>();
    values_like_f64::<12>();
}

// ---------------------------------------------------------------------------
// recurrences that divide by a tiny x0 (the slow path of taylor.rs)
// ---------------------------------------------------------------------------

/// `r (r - 1) ... (r - k + 1)`, the falling factorial: the k-th derivative of
/// `x^r` is that times `x^(r - k)`.
fn falling(r: f64, k: usize) -> f64 {
    (0..k).fold(1.0, |p, i| p * (r - i as f64))
}

/// The derivatives 1..=6 of `y` against `want(k)`: equal to an infinite
/// reference (sign included), within `1e-13` relative of a finite one, and
/// never NaN.
#[track_caller]
fn assert_orders(y: Taylor64<6>, want: impl Fn(usize) -> f64, what: &str) {
    for k in 1..=6 {
        let (got, w) = (y.derivative(k), want(k));
        assert!(!got.is_nan(), "{what}^({k}) is NaN, expected {w:e}");
        if w.is_infinite() {
            assert_eq!(got, w, "{what}^({k})");
        } else {
            assert_relative_eq!(got, w, max_relative = 1e-13);
        }
    }
}

#[test]
fn logarithms_at_a_tiny_point_overflow_with_their_sign() {
    // ln^(k)(x) = (-1)^(k+1) (k-1)! / x^k: at 1e-300 every order from 2 on
    // overflows (+inf for odd k, -inf for even k), at 1e-150 from 3 on. Before
    // the fix orders 4 to 6 were NaN (0 * inf in the recurrence)
    let ln_k = |x: f64, k: usize| {
        let sign = if k % 2 == 1 { 1.0 } else { -1.0 };
        let f = (1..k).map(|i| i as f64).product::<f64>();
        // (k-1)! / x^k, as (k-1)! / x / x / ...: overflows only when the result does
        sign * (0..k).fold(f, |p, _| p / x)
    };
    for x in [1e-300, 1e-150, 1e-100] {
        let t = Taylor64::<6>::variable(x);
        assert_orders(t.ln(), |k| ln_k(x, k), &format!("ln({x:e})"));
        let l2 = core::f64::consts::LN_2;
        assert_orders(t.log2(), |k| ln_k(x, k) / l2, &format!("log2({x:e})"));
        let l10 = core::f64::consts::LN_10;
        assert_orders(t.log10(), |k| ln_k(x, k) / l10, &format!("log10({x:e})"));
    }
}

#[test]
fn reciprocal_and_negative_powers_at_a_tiny_point() {
    // (x^r)^(k) = falling(r, k) x^(r - k): 1/x at 1e-300 overflows from order 1
    // on; at -1e-150 (x^-2 at 1e-100) from order 2 (5) on, with alternating signs
    let power_k = |x: f64, r: i32, k: usize| {
        let p = falling(f64::from(r), k);
        // x^(r - k) as a chain of divisions (the magnitude only grows)
        (0..(k as i32 - r)).fold(p, |acc, _| acc / x)
    };
    for x in [1e-300, 1e-150, -1e-150] {
        let t = Taylor64::<6>::variable(x);
        assert_orders(t.recip(), |k| power_k(x, -1, k), &format!("recip({x:e})"));
        assert_orders(
            t.powi(-1),
            |k| power_k(x, -1, k),
            &format!("powi(-1)({x:e})"),
        );
    }
    for x in [1e-100, -1e-100, 1e-150] {
        let t = Taylor64::<6>::variable(x);
        assert_orders(
            t.powi(-2),
            |k| power_k(x, -2, k),
            &format!("powi(-2)({x:e})"),
        );
    }
}

#[test]
fn real_powers_and_roots_at_a_tiny_point() {
    // falling(r, k) x^(r - k), with x^(r - k) from powf where it is finite
    // (one rounding) and the correctly signed overflow where it is not
    for x in [1e-300, 1e-150] {
        for r in [0.5, -0.5, 2.5] {
            let y = Taylor64::<6>::variable(x).powf_scalar(r);
            assert_orders(
                y,
                |k| falling(r, k) * x.powf(r - k as f64),
                &format!("{x:e}^{r}"),
            );
            // a constant number exponent is the same power, bit for bit
            let z = Taylor64::<6>::variable(x).powf(Taylor64::constant(r));
            for k in 0..=6 {
                assert!(same(z.coeff(k), y.coeff(k)), "{x:e}.powf({r}) c{k}");
            }
        }
        // the real cube root, and its odd extension -cbrt(-x) below 0:
        // d^k/dx^k at -x is (-1)^(k+1) times the one at x
        let third = 1.0 / 3.0;
        let at = |k: usize| falling(third, k) * x.powf(third - k as f64);
        let pos = Taylor64::<6>::variable(x).cbrt();
        let neg = Taylor64::<6>::variable(-x).cbrt();
        assert_orders(pos, at, &format!("cbrt({x:e})"));
        assert_orders(
            neg,
            |k| if k % 2 == 1 { at(k) } else { -at(k) },
            &format!("cbrt(-{x:e})"),
        );
    }
}

#[test]
fn the_slow_path_keeps_the_conventions_of_nan_and_zero() {
    // a NaN input coefficient stays a NaN result (not rescued into numbers)
    let t = Taylor64::<4>::new(1e-300, [1.0, f64::NAN, 0.0, 0.0]);
    assert!(t.ln().coeff(4).is_nan());
    assert!(t.recip().coeff(4).is_nan());
    // at x0 = 0 the documented infinite or NaN coefficients
    let z = Taylor64::<4>::variable(0.0).ln();
    assert_eq!(z.coeff(0), f64::NEG_INFINITY);
    assert_eq!(z.coeff(1), f64::INFINITY);
    // a seed in a direction other than 1, and a curved input: the slow path is
    // the same series, so it agrees with the closed form of ln(x0 + v h + w h^2)
    // at orders 1 and 2 (c1 = v / x0, c2 = w / x0 - v^2 / (2 x0^2))
    let x0 = 1e-200;
    let y = Taylor64::<6>::new(x0, [2.0, 1e-190, 0.0, 0.0, 0.0, 0.0]).ln();
    assert_relative_eq!(y.coeff(1), 2.0 / x0, max_relative = 1e-15);
    assert_eq!(y.coeff(2), f64::NEG_INFINITY); // -2 / x0^2 + 1e10: overflows
    assert!((3..=6).all(|k| !y.coeff(k).is_nan()), "{y:?}");
}

#[test]
fn a_nan_value_has_nan_coefficients() {
    // outside the domain every coefficient is NaN, as for the fixed-order
    // types (the ratio recurrence alone gave ln(-1) = NaN + h - h^2/2 ...)
    type Case = (&'static str, fn(Taylor64<3>) -> Taylor64<3>, f64);
    let cases: [Case; 9] = [
        ("ln", |x| x.ln(), -1.0),
        ("ln", |x| x.ln(), -1e300),
        ("ln_1p", |x| x.ln_1p(), -2.0),
        ("log2", |x| x.log2(), -f64::MIN_POSITIVE),
        ("log10", |x| x.log10(), f64::NEG_INFINITY),
        ("acosh", |x| x.acosh(), -2.0),
        ("acosh", |x| x.acosh(), f64::NEG_INFINITY),
        ("atanh", |x| x.atanh(), 3.0),
        ("atanh", |x| x.atanh(), f64::MAX),
    ];
    for (name, f, x) in cases {
        let y = f(Taylor64::<3>::variable(x));
        assert!(y.coeffs().all(f64::is_nan), "{name}({x:e}) = {y:?}");
    }
}

// ---------------------------------------------------------------------------
// asinh and acosh at huge points
// ---------------------------------------------------------------------------

#[test]
fn inverse_hyperbolic_functions_at_huge_points_keep_one_over_x() {
    // asinh'(x) = 1/sqrt(x^2 + 1) and acosh'(x) = 1/sqrt(x^2 - 1) are 1/|x| to
    // within 1/(2 x^2) relative; the higher derivatives are ~1/x^k and
    // underflow to (signed) zero. Before the fix order 1 was 0 at 1e300 (x^2
    // overflowed) and orders 2 to 6 NaN at f64::MAX
    for x in [1e30, 1e200, 1e300, -1e300, f64::MAX, -f64::MAX] {
        let y = Taylor64::<6>::variable(x).asinh();
        assert!(same(y.coeff(0), x.asinh()), "asinh({x:e})");
        assert_relative_eq!(y.derivative(1), 1.0 / x.abs(), max_relative = 1e-15);
        for k in 2..=6 {
            let d = y.derivative(k);
            // asinh^(k)(x) = (-1)^(k+1) (k-1)! / x^k (1 + O(1/x^2)), the derivative
            // of ln(2x) + 1/(4x^2) - ...: within twice that bound
            let bound =
                (1..k).map(|i| i as f64).product::<f64>() * (0..k).fold(1.0, |p, _| p / x.abs());
            assert!(
                d.abs() <= 2.0 * bound.max(f64::MIN_POSITIVE),
                "asinh^({k})({x:e}) = {d:e}"
            );
        }
        if x > 0.0 {
            let y = Taylor64::<6>::variable(x).acosh();
            assert!(same(y.coeff(0), x.acosh()), "acosh({x:e})");
            assert_relative_eq!(y.derivative(1), 1.0 / x, max_relative = 1e-15);
            assert!((2..=6).all(|k| y.derivative(k).abs() <= 2.0 / (x * x).min(f64::MAX)));
        }
    }
    // at the switch 2^64 the two forms agree
    let below = Taylor64::<4>::variable(18_446_744_073_709_551_616.0).asinh();
    let above = Taylor64::<4>::variable(18_446_744_073_709_555_712.0).asinh();
    assert_relative_eq!(below.coeff(1), above.coeff(1), max_relative = 1e-15);
}

// ---------------------------------------------------------------------------
// powi(2) at infinity
// ---------------------------------------------------------------------------

#[test]
fn squares_at_infinity_follow_the_zero_times_infinity_convention() {
    // (x0 + h)^2 at x0 = ±inf: c1 = 2 x0 = ±inf and c2 = 1 + 2 x0 * 0 (the
    // seed's exact zero c2 times the infinite value), NaN by f64's inf * 0 = NaN;
    // HyperDual's f'' part is f' x12 + f'' x1 x2 = inf * 0 + 2, NaN as well, and
    // Dual<Dual>'s too: every type gives the same
    for x in [f64::INFINITY, f64::NEG_INFINITY] {
        let t = Taylor64::<2>::variable(x).powi(2);
        let h = HyperDual64::variable(x).powi(2);
        let d = Dual::new(Dual64::variable(x), Dual64::constant(1.0)).powi(2);
        assert_eq!(t.coeff(0), f64::INFINITY);
        assert_eq!((t.coeff(1), h.eps1, d.re.eps), (2.0 * x, 2.0 * x, 2.0 * x));
        assert!(t.derivative(2).is_nan() && h.eps1eps2.is_nan() && d.eps.eps.is_nan());
        // x * x the same way
        let m = Taylor64::<2>::variable(x) * Taylor64::<2>::variable(x);
        assert!(m.coeff(2).is_nan());
    }
    // a huge finite point is exact: c2 = 1, not inf * 0
    let t = Taylor64::<2>::variable(f64::MAX).powi(2);
    assert_eq!(t.coeff(2), 1.0);
}

#[test]
fn powers_with_a_varying_exponent_at_a_tiny_base() {
    // f(h) = (x0 + h)^(3 + h) at x0 = 1e-200: with L = ln x0, expanding
    // (x0 + h)^3 exp(h ln(x0 + h)) gives, up to terms of relative size x0 L^4,
    // f''' = 6, f'''' = 24 L + 44 and f^(5) = 30 / x0 (3e201). The fast form
    // x^3 exp((y - 3) ln x) multiplied the underflowed x0^3 by the overflowed
    // coefficients of the exponential: NaN from order 3 on
    for x0 in [1e-200, 1e-250] {
        let x = Taylor64::<6>::variable(x0);
        let y = x.powf(x - x0 + 3.0);
        let l = x0.ln();
        assert_eq!(y.coeff(0), x0.powf(3.0));
        assert_relative_eq!(y.derivative(2), 6.0 * x0, max_relative = 1e-13);
        assert_relative_eq!(y.derivative(3), 6.0, max_relative = 1e-13);
        assert_relative_eq!(y.derivative(4), 24.0 * l + 44.0, max_relative = 1e-13);
        assert_relative_eq!(y.derivative(5), 30.0 / x0, max_relative = 1e-13);
        assert_eq!(y.derivative(6), f64::NEG_INFINITY); // ~ -1/x0^2
    }
}
