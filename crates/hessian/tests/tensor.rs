//! Derivative tensors and multivariate Taylor expansions against closed forms,
//! nested hyper-dual numbers and finite differences.

use approx::assert_relative_eq;
use dual::{Dual, DualNum, HyperDual, HyperDualVec, Taylor};
use hessian::tensor::{
    DerivativeTensor, MAX_ORDER, derivative_tensor, derivative_tensors, multi_index_count,
    multi_indices, taylor_expansion, third_derivative_tensor,
};
use proptest::prelude::*;
use std::cell::Cell;

// ---------------------------------------------------------------- closed forms

/// `∂^α x^p = Π_l p_l! / (p_l - α_l)! x_l^(p_l - α_l)` (zero if some `α_l > p_l`).
fn monomial_derivative(p: &[usize], alpha: &[usize], x: &[f64]) -> f64 {
    let mut v = 1.0;
    for ((&pl, &al), &xl) in p.iter().zip(alpha).zip(x) {
        if al > pl {
            return 0.0;
        }
        for m in (pl - al + 1)..=pl {
            v *= m as f64;
        }
        v *= xl.powi((pl - al) as i32);
    }
    v
}

fn monomial<D: DualNum<f64>>(p: &[usize], x: &[D]) -> D {
    x.iter()
        .zip(p)
        .fold(D::one(), |acc, (&xl, &pl)| acc * xl.powi(pl as i32))
}

/// `x0^2 x1 x2^3`
fn poly<D: DualNum<f64>>(x: &[D]) -> D {
    x[0].powi(2) * x[1] * x[2].powi(3)
}

/// Every entry of `t` against `expected(α)`, relative tolerance `rel`
/// (entries whose closed form vanishes: absolute `rel * scale`).
fn check_all(t: &DerivativeTensor<f64>, rel: f64, scale: f64, expected: impl Fn(&[usize]) -> f64) {
    assert_eq!(t.len(), multi_index_count(t.dim(), t.order()));
    for (alpha, got) in t.iter() {
        let want = expected(alpha);
        let tol = rel * if want == 0.0 { scale } else { want.abs() };
        assert!(
            (got - want).abs() <= tol,
            "order {}, alpha {alpha:?}: got {got}, expected {want}",
            t.order()
        );
    }
}

#[test]
fn polynomial_third_and_fourth_derivatives() {
    let p = [2, 1, 3];
    let x = [1.3, -0.7, 0.9];
    let scale = 10.0;
    let t3 = derivative_tensor::<3, _>(poly, &x).unwrap();
    check_all(&t3, 1e-12, scale, |a| monomial_derivative(&p, a, &x));
    // the nested hyper-dual route gives the same closed forms
    check_all(
        &third_derivative_tensor(poly, &x).unwrap(),
        1e-13,
        scale,
        |a| monomial_derivative(&p, a, &x),
    );
    let t4 = derivative_tensor::<4, _>(poly, &x).unwrap();
    check_all(&t4, 1e-12, scale, |a| monomial_derivative(&p, a, &x));
    // a few entries written out: ∂³/∂x0∂x1∂x2 = 2 x0 * 3 x2^2, ∂⁴/∂x0²∂x2² = 2 x1 6 x2
    assert_relative_eq!(
        t3.get(&[2, 1, 0]).unwrap(),
        6.0 * x[0] * x[2] * x[2],
        max_relative = 1e-12
    );
    assert_relative_eq!(
        t4.get(&[0, 2, 0, 2]).unwrap(),
        12.0 * x[1] * x[2],
        max_relative = 1e-12
    );
    // x1 appears once: any entry differentiating x1 twice vanishes
    assert!(t4.get(&[1, 1, 0, 2]).unwrap().abs() < 1e-11);
}

#[test]
fn polynomials_of_degree_d_have_constant_d_th_tensors() {
    // every monomial of degree <= 6 in 3 variables, D = 6: only degree 6 survives
    let x = [0.4, -1.1, 0.8];
    for deg in 0..=6 {
        for p in multi_indices(3, deg).unwrap() {
            let t = derivative_tensor::<6, _>(|y: &[Taylor<f64, 6>]| monomial(&p, y), &x).unwrap();
            check_all(&t, 1e-11, 1e2, |a| monomial_derivative(&p, a, &x));
        }
    }
}

/// `exp(a . x)`: `∂^α = a^α exp(a . x)`, in up to 8 variables and up to order 6.
fn check_exp<const D: usize>(n: usize) {
    // The interpolation's rounding error in an entry scales with the largest
    // partial on the same support, so a relative check needs entries of
    // comparable size: |a_l| in [0.6, 0.95] keeps every ratio below 16 at order 6.
    let a: Vec<f64> = (0..n)
        .map(|l| if l % 2 == 0 { 1.0 } else { -1.0 } * (0.6 + 0.05 * l as f64))
        .collect();
    let x: Vec<f64> = (0..n).map(|l| 0.1 * (l as f64) - 0.3).collect();
    let e = a.iter().zip(&x).map(|(ai, xi)| ai * xi).sum::<f64>().exp();
    let f = |y: &[Taylor<f64, D>]| {
        y.iter()
            .zip(&a)
            .fold(Taylor::constant(0.0), |acc, (&yl, &al)| acc + yl * al)
            .exp()
    };
    let t = derivative_tensor::<D, _>(f, &x).unwrap();
    assert_eq!((t.order(), t.dim()), (D, n));
    // a^α vanishes nowhere (no a_l is 0), so every check is relative
    check_all(&t, 1e-10, 0.0, |alpha| {
        alpha
            .iter()
            .zip(&a)
            .map(|(&k, al)| al.powi(k as i32))
            .product::<f64>()
            * e
    });
}

#[test]
fn exponential_of_linear_form_up_to_order_6_and_8_variables() {
    for n in [1, 2, 3, 5, 8] {
        check_exp::<1>(n);
        check_exp::<2>(n);
        check_exp::<3>(n);
        check_exp::<4>(n);
        check_exp::<5>(n);
        check_exp::<6>(n);
    }
}

/// `Π sin(b_l x_l)`: `∂^α = Π b_l^α_l sin(b_l x_l + α_l π / 2)`.
fn check_sines<const D: usize>(n: usize) {
    let b: Vec<f64> = (0..n).map(|l| 1.0 + 0.15 * l as f64).collect();
    // b_l x_l near π/4 (mod π/2 away from 0): no factor sin or cos is small,
    // so every entry is of the size of the product and a relative check is fair
    let x: Vec<f64> = b
        .iter()
        .enumerate()
        .map(|(l, bl)| (0.7 + 0.05 * l as f64) / bl)
        .collect();
    let f = |y: &[Taylor<f64, D>]| {
        y.iter()
            .zip(&b)
            .fold(Taylor::constant(1.0), |acc, (&yl, &bl)| {
                acc * (yl * bl).sin()
            })
    };
    let t = derivative_tensor::<D, _>(f, &x).unwrap();
    check_all(&t, 1e-10, 0.0, |alpha| {
        alpha
            .iter()
            .zip(&b)
            .zip(&x)
            .map(|((&k, bl), xl)| {
                bl.powi(k as i32) * (bl * xl + k as f64 * std::f64::consts::FRAC_PI_2).sin()
            })
            .product()
    });
}

#[test]
fn products_of_sines_up_to_order_6_and_8_variables() {
    for n in [1, 2, 4, 8] {
        check_sines::<2>(n);
        check_sines::<3>(n);
        check_sines::<4>(n);
        check_sines::<5>(n);
        check_sines::<6>(n);
    }
}

// ------------------------------------------------------ other exact routes

/// A function with every kind of operation, written once.
fn mixed<D: DualNum<f64>>(x: &[D]) -> D {
    (x[0] * x[1]).sin() * (x[2] * 0.5).exp() + x[0].powi(3) / (x[1] * x[1] + 1.0)
        - (x[2] + x[0] * 2.0).cos().sqrt().ln()
}

#[test]
fn third_order_agrees_with_nested_hyperduals() {
    let x = [0.3, -0.4, 0.2];
    let t = derivative_tensor::<3, _>(mixed, &x).unwrap();
    let reference = third_derivative_tensor(mixed, &x).unwrap();
    assert_eq!(
        (reference.order(), reference.dim(), reference.len()),
        (3, 3, 10)
    );
    for ((alpha, a), (beta, b)) in t.iter().zip(reference.iter()) {
        assert_eq!(alpha, beta);
        assert_relative_eq!(a, b, max_relative = 1e-11, epsilon = 1e-12);
    }
    // and every index permutation of one entry, evaluated on Dual<HyperDual>
    // directly with the seeds in another order
    let seeded = |i: usize, j: usize, k: usize| {
        let input: Vec<Dual<HyperDual<f64>>> = (0..3)
            .map(|l| {
                let s = |m: usize| if l == m { 1.0 } else { 0.0 };
                Dual::new(
                    HyperDual::new(x[l], s(i), s(j), 0.0),
                    HyperDual::new(s(k), 0.0, 0.0, 0.0),
                )
            })
            .collect();
        mixed(&input).eps.eps1eps2
    };
    for (i, j, k) in [
        (0, 1, 2),
        (2, 1, 0),
        (1, 2, 0),
        (0, 0, 1),
        (1, 0, 0),
        (2, 2, 2),
    ] {
        assert_relative_eq!(
            t.get(&[i, j, k]).unwrap(),
            seeded(i, j, k),
            max_relative = 1e-11
        );
    }
}

#[test]
fn order_two_is_the_hyperdualvec_hessian() {
    let x = [0.3, -0.4, 0.2];
    let input: Vec<HyperDualVec<f64, 3>> =
        (0..3).map(|l| HyperDualVec::variable(x[l], l)).collect();
    let y = mixed(&input);
    let h = derivative_tensor::<2, _>(mixed, &x)
        .unwrap()
        .to_matrix()
        .unwrap();
    for i in 0..3 {
        for j in 0..3 {
            assert_relative_eq!(
                h[(i, j)],
                y.eps2[i][j],
                max_relative = 1e-12,
                epsilon = 1e-13
            );
        }
    }
    // and the lower orders from one call
    let all = derivative_tensors::<2, _>(mixed, &x).unwrap();
    assert_eq!(
        all.iter().map(DerivativeTensor::order).collect::<Vec<_>>(),
        [0, 1, 2]
    );
    assert_relative_eq!(all[0].values()[0], y.re, max_relative = 1e-15);
    for l in 0..3 {
        assert_relative_eq!(all[1].get(&[l]).unwrap(), y.eps[l], max_relative = 1e-12);
    }
    assert_eq!(all[2].to_matrix().unwrap(), h);
}

#[test]
fn lower_orders_from_higher_degree_propagations() {
    // orders 0..=5 of x0^2 x1 x2^3 from the degree-5 propagations
    let p = [2, 1, 3];
    let x = [1.3, -0.7, 0.9];
    let all = derivative_tensors::<5, _>(poly, &x).unwrap();
    assert_eq!(all.len(), 6);
    for (e, t) in all.iter().enumerate() {
        assert_eq!(t.order(), e);
        check_all(t, 1e-12, 10.0, |a| monomial_derivative(&p, a, &x));
    }
}

// ------------------------------------------------------------ Taylor models

/// A random polynomial of degree `deg` in 3 variables (coefficients seeded).
fn random_poly(deg: usize, seed: u64) -> Vec<(Vec<usize>, f64)> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
    };
    (0..=deg)
        .flat_map(|d| multi_indices(3, d).unwrap())
        .map(|p| (p, next()))
        .collect()
}

fn eval_poly<D: DualNum<f64>>(terms: &[(Vec<usize>, f64)], x: &[D]) -> D {
    terms
        .iter()
        .fold(D::zero(), |acc, (p, c)| acc + monomial(p, x) * *c)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A polynomial of degree <= D is its own Taylor polynomial of order D.
    #[test]
    fn taylor_polynomial_reproduces_polynomials(
        seed in any::<u64>(),
        deg in 0usize..=4,
        x in prop::array::uniform3(-1.5f64..1.5),
        dx in prop::array::uniform3(-2.0f64..2.0),
    ) {
        let terms = random_poly(deg, seed);
        let p = taylor_expansion::<4, _>(|y: &[Taylor<f64, 4>]| eval_poly(&terms, y), &x).unwrap();
        prop_assert_eq!(p.order(), 4);
        prop_assert_eq!(p.dim(), 3);
        let shifted: Vec<f64> = x.iter().zip(&dx).map(|(a, b)| a + b).collect();
        let exact = eval_poly(&terms, &shifted);
        // coefficients are O(1) and |x + dx| <= 3.5: rounding well below 1e-9
        let scale: f64 = terms.iter().map(|(_, c)| c.abs()).sum::<f64>() * 3.5f64.powi(4);
        prop_assert!((p.eval(&dx).unwrap() - exact).abs() <= 1e-12 * scale.max(1.0),
            "{} vs {}", p.eval(&dx).unwrap(), exact);
        // the coefficient of a monomial of a polynomial expanded at 0 is its coefficient
        let at0 = taylor_expansion::<4, _>(|y: &[Taylor<f64, 4>]| eval_poly(&terms, y), &[0.0; 3]).unwrap();
        for (mono, c) in &terms {
            prop_assert!((at0.coeff(mono).unwrap() - c).abs() <= 1e-12);
        }
    }

    /// Third derivatives against central differences of the exact
    /// (HyperDualVec) Hessian: `T_ijk ≈ (H_ij(x + h e_k) - H_ij(x - h e_k)) / 2h`.
    ///
    /// f = sin(c.x) exp(b.x) = Im exp((b + i c).x), so
    /// |∂^α f| <= Π_l |b_l + i c_l|^α_l exp(b.x) <= r^|α| exp(|b|_1) on [-1, 1]^3
    /// with r = max_l |b_l + i c_l|. The stencil's truncation error is
    /// h^2 / 6 |∂_k^3 H_ij| <= h^2 / 6 r^5 exp(|b|_1); rounding in each Hessian
    /// entry is a few ulps of r^2 exp(|b|_1), divided by 2h: we allow
    /// 16 eps r^2 exp(|b|_1) / h.
    #[test]
    fn third_derivative_matches_differences_of_the_hessian(
        x in prop::array::uniform3(-1.0f64..1.0),
    ) {
        let c = [1.0, 0.5, 0.0];
        let b = [-0.25, 0.0, 0.5];
        fn f<D: DualNum<f64>>(x: &[D], c: &[f64; 3], b: &[f64; 3]) -> D {
            let lin = |w: &[f64; 3]| x.iter().zip(w).fold(D::zero(), |acc, (&xl, &wl)| acc + xl * wl);
            lin(c).sin() * lin(b).exp()
        }
        let hess = |y: [f64; 3]| {
            let input: Vec<HyperDualVec<f64, 3>> = (0..3).map(|l| HyperDualVec::variable(y[l], l)).collect();
            f(&input, &c, &b).eps2
        };
        let t = derivative_tensor::<3, _>(|y: &[Taylor<f64, 3>]| f(y, &c, &b), &x).unwrap();
        let r = (0..3).map(|l| b[l].hypot(c[l])).fold(0.0, f64::max);
        let m = b.iter().map(|v| v.abs()).sum::<f64>().exp();
        let h = 1e-4;
        let tol = h * h / 6.0 * r.powi(5) * m + 16.0 * f64::EPSILON * r * r * m / h;
        for k in 0..3 {
            let (mut xp, mut xm) = (x, x);
            xp[k] += h;
            xm[k] -= h;
            let (hp, hm) = (hess(xp), hess(xm));
            for i in 0..3 {
                for j in 0..3 {
                    let fd = (hp[i][j] - hm[i][j]) / (2.0 * h);
                    let ad = t.get(&[i, j, k]).unwrap();
                    prop_assert!((ad - fd).abs() <= tol, "T[{i}{j}{k}] = {ad}, fd {fd}, tol {tol}");
                }
            }
        }
    }
}

// ------------------------------------------------------- counts and layout

fn count_calls<const D: usize>(n: usize) -> usize {
    let calls = Cell::new(0);
    let x = vec![0.5; n];
    let _ = derivative_tensor::<D, _>(
        |y: &[Taylor<f64, D>]| {
            calls.set(calls.get() + 1);
            y.iter()
                .fold(Taylor::constant(1.0), |acc, &v| acc * v.sin())
        },
        &x,
    )
    .unwrap();
    calls.get()
}

#[test]
fn one_univariate_propagation_per_direction() {
    // C(n + D - 1, D), written out
    assert_eq!(count_calls::<1>(4), 4);
    assert_eq!(count_calls::<2>(3), 6);
    assert_eq!(count_calls::<3>(2), 4);
    assert_eq!(count_calls::<3>(4), 20);
    assert_eq!(count_calls::<4>(3), 15);
    assert_eq!(count_calls::<6>(8), 1716);
    assert_eq!(count_calls::<0>(5), 1);
    for n in 1..6 {
        assert_eq!(count_calls::<3>(n), n * (n + 1) * (n + 2) / 6);
    }
}

#[test]
fn directions_are_the_multi_indices_of_order_d() {
    let seen = std::cell::RefCell::new(Vec::new());
    let x = [0.0, 0.0, 0.0];
    let _ = derivative_tensor::<2, _>(
        |y: &[Taylor<f64, 2>]| {
            seen.borrow_mut()
                .push(y.iter().map(|v| v.coeff(1)).collect::<Vec<f64>>());
            y[0]
        },
        &x,
    )
    .unwrap();
    let expected: Vec<Vec<f64>> = vec![
        vec![2.0, 0.0, 0.0],
        vec![1.0, 1.0, 0.0],
        vec![1.0, 0.0, 1.0],
        vec![0.0, 2.0, 0.0],
        vec![0.0, 1.0, 1.0],
        vec![0.0, 0.0, 2.0],
    ];
    assert_eq!(seen.into_inner(), expected);
}

#[test]
fn accessors_reject_malformed_indices() {
    let t = derivative_tensor::<3, _>(poly, &[1.0, 2.0, 3.0]).unwrap();
    assert_eq!(t.get(&[0, 1]), None);
    assert_eq!(t.get(&[0, 1, 2, 0]), None);
    assert_eq!(t.get(&[0, 1, 3]), None);
    assert_eq!(t.get_multi(&[1, 1, 1, 0]), None);
    assert_eq!(t.get_multi(&[1, 1, 0]), None);
    assert_eq!(t.get_multi(&[1, 1, 2]), None);
    assert_eq!(t.to_matrix(), None);
    assert!(t.get_multi(&[1, 1, 1]).is_some());
    let p = taylor_expansion::<3, _>(poly, &[1.0, 2.0, 3.0]).unwrap();
    assert_eq!(p.coeff(&[2, 2, 0]), None);
    assert_eq!(p.coeff(&[1, 0]), None);
    let err = p.eval(&[0.0, 0.0]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "displacement has length 2 but the point has length 3"
    );
    assert_eq!(p.terms().count(), multi_index_count(4, 3)); // degrees 0..=3 in 3 variables
}

#[test]
fn no_variables() {
    let f = |_: &[Taylor<f64, 2>]| Taylor::constant(4.0);
    let t = derivative_tensor::<2, _>(f, &[]).unwrap();
    assert!(t.is_empty());
    assert_eq!(t.to_matrix().map(|m| m.len()), Some(0));
    let all = derivative_tensors::<2, _>(f, &[]).unwrap();
    assert_eq!(all[0].values(), &[4.0]);
    assert!(all[1].is_empty() && all[2].is_empty());
    assert_eq!(
        taylor_expansion::<2, _>(f, &[]).unwrap().eval(&[]).ok(),
        Some(4.0)
    );
}

#[test]
fn max_order_is_usable() {
    // x^D / D! in one variable: the D-th derivative is 1
    let fact: f64 = (1..=MAX_ORDER).map(|m| m as f64).product();
    let t = derivative_tensor::<MAX_ORDER, _>(
        |y: &[Taylor<f64, MAX_ORDER>]| y[0].powi(MAX_ORDER as i32) / fact,
        &[0.3],
    )
    .unwrap();
    assert_relative_eq!(t.values()[0], 1.0, max_relative = 1e-13);
}

#[test]
fn single_precision() {
    // exp(2 u - v) in f32: ∂^α = 2^α0 (-1)^α1 exp(2 u - v); rounding of a few
    // f32 ulps per operation, amplified by the interpolation weights
    fn f<D: DualNum<f32>>(x: &[D]) -> D {
        (x[0] * 2.0 - x[1]).exp()
    }
    let x = [0.25f32, 0.5];
    let t = derivative_tensor::<3, _>(f, &x).unwrap();
    for (alpha, v) in t.iter() {
        let expected = 2f32.powi(alpha[0] as i32) * (-1f32).powi(alpha[1] as i32);
        assert_relative_eq!(v, expected, max_relative = 1e-4);
    }
    let p = taylor_expansion::<3, _>(f, &[0.0f32, 0.0]).unwrap();
    // the cubic Taylor polynomial of e^s at s = 2 u - v = 0.01
    let s = 0.01f32;
    assert_relative_eq!(
        p.eval(&[0.01, 0.01]).unwrap(),
        1.0 + s + s * s / 2.0 + s * s * s / 6.0,
        max_relative = 1e-6
    );
}

// ------------------------------------------------- misuse and huge sizes

/// Infeasible jobs fail up front, before `f` runs, naming the entries
/// `C(n + 7, 8)` (Python's `math.comb`) and the memory they would need.
#[test]
fn infeasible_jobs_fail_up_front() {
    let calls = Cell::new(0);
    let f = |y: &[Taylor<f64, 8>]| {
        calls.set(calls.get() + 1);
        y[0]
    };
    for (n, entries) in [
        (60, 6_522_361_560_u128),
        (200, 72_907_890_277_275_u128),
        (1000, 25_504_066_636_461_931_375_u128), // above usize::MAX
    ] {
        let x = vec![0.5; n];
        // orders 0..=8 (derivative_tensors, taylor_expansion): every order's entries
        let all: u128 = (0..=8).map(|e| count_u128(n, e)).sum();
        for (err, entries) in [
            (derivative_tensor::<8, _>(f, &x).unwrap_err(), entries),
            (derivative_tensors::<8, _>(f, &x).unwrap_err(), all),
            (taylor_expansion::<8, _>(f, &x).unwrap_err(), all),
        ] {
            match err {
                hessian::Error::TooLarge { entries: e, bytes } => {
                    assert_eq!(e, entries, "n = {n}");
                    // each entry holds n indices of 8 bytes and a value
                    assert!(
                        bytes >= e.saturating_mul(8 * n as u128 + 8),
                        "n = {n}: {bytes} bytes"
                    );
                    assert!(bytes > hessian::tensor::MAX_BYTES);
                }
                ref other => panic!("n = {n}: {other:?}"),
            }
            assert!(err.to_string().contains(&entries.to_string()), "{err}");
        }
    }
    assert_eq!(calls.get(), 0, "f ran for an infeasible job");
    // the order-3 tensor of 10^5 variables: C(100002, 3) = 166_671_666_700_000 entries
    let x = vec![0.5; 100_000];
    let err = third_derivative_tensor(|y: &[Dual<HyperDual<f64>>]| y[0], &x).unwrap_err();
    assert!(
        matches!(
            err,
            hessian::Error::TooLarge {
                entries: 166_671_666_700_000,
                ..
            }
        ),
        "{err:?}"
    );
}

/// `C(n + e - 1, e)` by the multiplicative formula in u128 (small e only).
fn count_u128(n: usize, e: usize) -> u128 {
    if n == 0 {
        return u128::from(e == 0);
    }
    (0..e as u128).fold(1, |c, m| c * (n as u128 + m) / (m + 1))
}

#[test]
fn index_arithmetic_never_overflows() {
    let t = derivative_tensor::<3, _>(poly, &[1.0, 2.0, 3.0]).unwrap();
    assert_eq!(t.get_multi(&[usize::MAX, 3, 0]), None);
    assert_eq!(t.get_multi(&[usize::MAX, 1, 0]), None); // wraps to 0 + ... = 3 in release
    assert_eq!(t.get_multi(&[usize::MAX, usize::MAX, 5]), None);
    assert_eq!(t.get(&[usize::MAX, 0, 0]), None);
    let t2 = derivative_tensor::<3, _>(|y: &[Taylor<f64, 3>]| y[0] * y[1], &[1.0, 2.0]).unwrap();
    assert_eq!(t2.get_multi(&[usize::MAX, 3]), None);
    assert_eq!(t2.get_multi(&[usize::MAX, 4]), None); // sums to 3 modulo 2^64
    let p = taylor_expansion::<3, _>(poly, &[1.0, 2.0, 3.0]).unwrap();
    assert_eq!(p.coeff(&[usize::MAX, 1, 0]), None);
    assert_eq!(p.coeff(&[usize::MAX, 2, 0]), None);
    assert_eq!(multi_index_count(usize::MAX, 2), usize::MAX);
    assert_eq!(multi_index_count(usize::MAX, 1), usize::MAX);
    assert_eq!(multi_index_count(usize::MAX, 0), 1);
    assert_eq!(multi_index_count(2, usize::MAX), usize::MAX);
    assert_eq!(multi_index_count(1, usize::MAX), 1);
    // C(n + 1, 2) = n (n + 1) / 2 for n = 2^32: 2^63 + 2^31
    assert_eq!(multi_index_count(1 << 32, 2), (1 << 63) + (1 << 31));
    assert!(matches!(
        multi_indices(usize::MAX, 0),
        Err(hessian::Error::TooLarge { entries: 1, .. })
    ));
    assert!(multi_indices(usize::MAX, 3).is_err());
    assert_eq!(multi_indices(1, usize::MAX).unwrap().count(), 1);
    assert_eq!(multi_indices(0, 0).unwrap().count(), 1);
}

#[test]
fn tensor_drivers_refuse_same_level_nesting() {
    // an inner tensor driver at a plain f64 point inside the closure of an outer
    // one of the same Taylor type would mix both drivers' perturbations
    let outer = derivative_tensor::<2, _>(
        |y: &[Taylor<f64, 2>]| {
            let inner = derivative_tensor::<2, _>(|z: &[Taylor<f64, 2>]| z[0] * y[0], &[1.0]);
            assert!(matches!(
                inner,
                Err(hessian::Error::PerturbationConfusion { .. })
            ));
            let inner = taylor_expansion::<2, _>(|z: &[Taylor<f64, 2>]| z[0] * y[0], &[1.0]);
            assert!(inner.is_err());
            y[0] * y[0]
        },
        &[3.0],
    )
    .unwrap();
    assert_relative_eq!(outer.values()[0], 2.0, max_relative = 1e-14);
    // the third-derivative tensor seeds HyperDual<T>, as second_derivative does
    let (_, _, d2) = hessian::second_derivative(
        |x: HyperDual<f64>| {
            let inner = third_derivative_tensor(|z: &[Dual<HyperDual<f64>>]| z[0], &[1.0]);
            assert!(matches!(
                inner,
                Err(hessian::Error::PerturbationConfusion { .. })
            ));
            x * x
        },
        1.0,
    );
    assert_eq!(d2, 2.0);
    // a different order is a different number type: exact nesting is allowed
    let ok = derivative_tensor::<2, _>(
        |y: &[Taylor<f64, 2>]| {
            let inner = derivative_tensor::<1, _>(|z: &[Taylor<f64, 1>]| z[0] * 2.0, &[1.0]);
            assert!(inner.is_ok());
            y[0] * y[0]
        },
        &[3.0],
    );
    assert!(ok.is_ok());
}
