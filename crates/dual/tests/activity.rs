//! `HyperDualVec` tracks which of its parts can be nonzero (constant, linear,
//! full) and skips the others. These tests check that the skipping changes no
//! result: every workload is evaluated twice, once on inputs made by
//! `variable` / `constant` (tracked) and once on the same inputs made by `new`
//! (which marks every part as possibly nonzero, so every operation takes the
//! full path), and the parts must agree bit for bit (zeros compared by value:
//! a part known to be zero is `+0.0` where the full path may give `-0.0`).
//! Also the misuse of `variable` with an index out of range (issue 12).

use dual::{DualNum, DualVec64, HyperDualVec64};
use proptest::prelude::*;

const W: usize = 4;

fn tracked(x: &[f64], seeded: &[usize]) -> Vec<HyperDualVec64<W>> {
    x.iter()
        .enumerate()
        .map(|(i, &xi)| match seeded.iter().position(|&s| s == i) {
            Some(slot) => HyperDualVec64::variable(xi, slot),
            None => HyperDualVec64::constant(xi),
        })
        .collect()
}

fn dense(x: &[f64], seeded: &[usize]) -> Vec<HyperDualVec64<W>> {
    tracked(x, seeded)
        .into_iter()
        .map(|v| HyperDualVec64::new(v.re, v.eps, v.eps2))
        .collect()
}

fn same(a: f64, b: f64) -> bool {
    a == b && (a == 0.0 || a.to_bits() == b.to_bits()) || (a.is_nan() && b.is_nan())
}

fn assert_same(a: &HyperDualVec64<W>, b: &HyperDualVec64<W>) {
    assert!(same(a.re, b.re), "value {} vs {}", a.re, b.re);
    for i in 0..W {
        assert!(
            same(a.eps[i], b.eps[i]),
            "eps[{i}]: {} vs {}",
            a.eps[i],
            b.eps[i]
        );
        for j in 0..W {
            assert!(
                same(a.eps2[i][j], b.eps2[i][j]),
                "eps2[{i}][{j}]: {} vs {}",
                a.eps2[i][j],
                b.eps2[i][j]
            );
        }
    }
}

/// Every operation kind on a mix of constants, linear and nonlinear values.
fn mixed<D: DualNum<f64>>(x: &[D]) -> D {
    let n = x.len();
    let mut s = D::zero();
    for i in 0..n {
        let a = x[i];
        let b = x[(i + 1) % n];
        let c = x[(i + 3) % n];
        let lin = a * 2.0 - b + c * 0.5 - 1.0; // linear in the inputs
        let q = lin / (c * c + 2.0) + b / 3.0 - (a + 5.0).recip() * 4.0;
        let t = (a * b).tanh() + (lin * 0.1).exp() - c.sin() * c.cos() + (b * b + 1.0).sqrt();
        s += q * t - lin * lin + (a - b) % (c.abs() + 1.5) + a.powi(3) - b.atan2(c + 3.0);
        s -= -lin;
    }
    s / n as f64
}

fn least_squares<D: DualNum<f64>>(x: &[D]) -> D {
    let n = x.len();
    (0..2 * n)
        .map(|r| {
            let mut res = D::from_re(0.1 * r as f64 - 0.3);
            for (c, &xc) in x.iter().enumerate() {
                res -= xc * (((r * 7 + c * 3) % 11) as f64 / 5.0 - 1.0);
            }
            res * res
        })
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn tracking_changes_no_result(
        x in prop::collection::vec(-2.0..2.0_f64, 6..=9),
        seeds in prop::sample::subsequence((0..6).collect::<Vec<usize>>(), 0..=W),
    ) {
        for f in [mixed::<HyperDualVec64<W>> as fn(&[HyperDualVec64<W>]) -> HyperDualVec64<W>, least_squares] {
            assert_same(&f(&tracked(&x, &seeds)), &f(&dense(&x, &seeds)));
        }
    }
}

#[test]
fn tracking_changes_no_result_at_special_values() {
    // infinite and NaN values take the full path where they meet zero parts,
    // so NaN spreads exactly as without the tracking
    let specials = [
        0.0,
        -0.0,
        1e-300,
        -1e300,
        5e-324,
        f64::MAX,
        f64::INFINITY,
        f64::NAN,
    ];
    for &s in &specials {
        let x = [s, 0.5, -1.5, s, 2.0, -0.25];
        for seeds in [&[][..], &[0], &[1, 2], &[0, 3, 4, 5]] {
            for f in [
                mixed::<HyperDualVec64<W>> as fn(&[HyperDualVec64<W>]) -> HyperDualVec64<W>,
                least_squares,
            ] {
                let a = f(&tracked(&x, seeds));
                assert_same(&a, &f(&dense(&x, seeds)));
                // a constant result of finite values has exactly zero parts
                if seeds.is_empty() && a.re.is_finite() && s.is_finite() {
                    assert!(
                        a.eps
                            .iter()
                            .chain(a.eps2.iter().flatten())
                            .all(|&e| e.to_bits() == 0)
                    );
                }
            }
        }
    }
}

#[test]
fn a_constant_stays_constant_and_nan_still_spreads() {
    let c = HyperDualVec64::<3>::constant(2.0);
    let y = (c * 3.0).sqrt() + (c / 7.0) - c.ln() * c;
    assert!(
        y.eps
            .iter()
            .chain(y.eps2.iter().flatten())
            .all(|&e| e.to_bits() == 0)
    );
    // a linear combination has no second-order part
    let v = HyperDualVec64::<3>::variable(1.0, 1);
    let l = v * 3.0 - c * v + 1.0;
    assert_eq!(l.eps, [0.0, 1.0, 0.0]);
    assert_eq!(l.eps2, [[0.0; 3]; 3]);
    // and a product of two linear numbers has one
    let p = l * (v + 2.0);
    assert_eq!(p.eps2[1][1], 2.0);
    // a NaN factor poisons every part, as `0 * NaN` does without the tracking
    // (the perturbation guard of the drivers returns NaN values and relies on it)
    for y in [
        l * f64::NAN,
        l * HyperDualVec64::constant(f64::NAN),
        l / 0.0,
        (c * f64::INFINITY).sqrt(),
    ] {
        assert!(y.eps2.iter().flatten().all(|e| e.is_nan()), "{y:?}");
    }
}

#[test]
fn quotient_at_tiny_values_does_not_overflow() {
    // issue 12: x0 / x1 at (1e-160, 1e-160); 1/x1² = 1e320 overflows, the
    // gradient (1/x1, -x0/x1²) = (1e160, -1e160) does not
    let (a, b) = (1e-160, 1e-160);
    let y = HyperDualVec64::<2>::variable(a, 0) / HyperDualVec64::<2>::variable(b, 1);
    let g = DualVec64::<2>::variable(a, 0) / DualVec64::<2>::variable(b, 1);
    assert_eq!(y.re, 1.0);
    assert_eq!(y.eps, [1e160, -1e160]);
    assert_eq!(y.eps, g.eps);
    // second derivatives: 0, -1/x1² (overflows, as its exact value 1e320 does),
    // 2 x0/x1³ = 2e320 (overflows)
    assert_eq!(y.eps2[0][0], 0.0);
    assert_eq!(y.eps2[0][1], f64::NEG_INFINITY);
    assert_eq!(y.eps2[1][0], f64::NEG_INFINITY);
    assert_eq!(y.eps2[1][1], f64::INFINITY);
}

#[test]
fn quotient_second_derivatives_match_closed_form() {
    // f = x0 / x1: f_00 = 0, f_01 = -1/x1², f_11 = 2 x0 / x1³
    for (a, b) in [(3.0, 2.0), (-1.5, 0.25), (1e150, 1e-50), (2.0, -7.0)] {
        let y = HyperDualVec64::<2>::variable(a, 0) / HyperDualVec64::<2>::variable(b, 1);
        approx::assert_relative_eq!(y.eps[0], 1.0 / b, max_relative = 1e-15);
        approx::assert_relative_eq!(y.eps[1], -a / (b * b), max_relative = 1e-15);
        assert_eq!(y.eps2[0][0], 0.0);
        approx::assert_relative_eq!(y.eps2[0][1], -1.0 / (b * b), max_relative = 1e-15);
        approx::assert_relative_eq!(y.eps2[1][1], 2.0 * a / (b * b * b), max_relative = 1e-15);
    }
}

#[test]
fn variable_out_of_range_is_loud() {
    // issue 12: an index >= N used to give a constant silently
    let d = DualVec64::<3>::variable(1.0, 3);
    assert!(d.eps.iter().all(|e| e.is_nan()));
    assert_eq!(d.re, 1.0);
    let h = HyperDualVec64::<2>::variable(1.0, usize::MAX);
    assert!(
        h.eps
            .iter()
            .chain(h.eps2.iter().flatten())
            .all(|e| e.is_nan())
    );
    // and the NaN reaches every derivative of a result
    let y = (h * h).sin();
    assert!(
        y.eps
            .iter()
            .chain(y.eps2.iter().flatten())
            .all(|e| e.is_nan())
    );
    assert!(DualVec64::<3>::try_variable(1.0, 3).is_none());
    assert!(HyperDualVec64::<2>::try_variable(1.0, 2).is_none());
    assert!(DualVec64::<0>::try_variable(1.0, 0).is_none());
    assert_eq!(
        HyperDualVec64::<2>::try_variable(1.0, 1).map(|x| x.eps),
        Some([0.0, 1.0])
    );
}
