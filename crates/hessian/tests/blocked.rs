//! The blocked Hessian drivers: `hessian_static` at large `N` (issue 12: it used
//! to overflow the stack at N = 100), agreement of every blocking with closed
//! forms, and the issue-12 findings in the dense drivers (a quotient at tiny
//! values, a Jacobian whose output length changes).

use dual::{DualNum, DualVec64};
use hessian::{
    HESSIAN_BLOCK, STATIC_ONE_PASS, gradient, hessian, hessian_chunked, hessian_static, jacobian,
};
use nalgebra::{DMatrix, SVector};

/// `sum_i c_i x_i^3 + sum_i x_i x_{i+1}`: Hessian `6 c_i x_i` on the diagonal,
/// 1 beside it, 0 elsewhere.
fn cubic_chain<D: DualNum<f64>>(x: &[D]) -> D {
    let mut s = D::zero();
    for (i, &xi) in x.iter().enumerate() {
        s += xi * xi * xi * (1.0 + i as f64 / 8.0);
    }
    for w in x.windows(2) {
        s += w[0] * w[1];
    }
    s
}

fn cubic_chain_hessian(x: &[f64]) -> DMatrix<f64> {
    let n = x.len();
    DMatrix::from_fn(n, n, |i, j| {
        if i == j {
            6.0 * (1.0 + i as f64 / 8.0) * x[i]
        } else if i.abs_diff(j) == 1 {
            1.0
        } else {
            0.0
        }
    })
}

fn point<const N: usize>() -> SVector<f64, N> {
    SVector::from_fn(|i, _| 0.5 + ((i * 37) % 11) as f64 / 7.0)
}

/// Checks `hessian_static::<N>` against `hessian` and the closed form (a macro:
/// the closure's number type is only known for a concrete `N`).
macro_rules! check_static {
    ($n:literal) => {{
        const N: usize = $n;
        let x = point::<N>();
        let (v, g, h) = hessian_static(cubic_chain, &x);
        let (vd, gd, hd) = hessian(cubic_chain, x.as_slice());
        // the same machinery where N is large: bit-identical to `hessian`
        if N > STATIC_ONE_PASS {
            assert_eq!(v.to_bits(), vd.to_bits());
            assert_eq!(g.as_slice(), gd.as_slice());
            assert_eq!(h.as_slice(), hd.as_slice());
        }
        let exact = cubic_chain_hessian(x.as_slice());
        for (i, j) in (0..N).flat_map(|i| (0..N).map(move |j| (i, j))) {
            // 6 c x: a few roundings in f64
            approx::assert_relative_eq!(h[(i, j)], exact[(i, j)], max_relative = 1e-15);
            assert_eq!(h[(i, j)].to_bits(), h[(j, i)].to_bits());
        }
        approx::assert_relative_eq!(v, cubic_chain(x.as_slice()), max_relative = 1e-15);
    }};
}

#[test]
fn hessian_static_at_every_kind_of_size() {
    check_static!(0);
    check_static!(1);
    check_static!(2);
    check_static!(7);
    check_static!(8);
    check_static!(9);
    check_static!(33);
}

#[test]
fn hessian_static_at_n_100_and_200_does_not_overflow_the_stack() {
    // issue 12: `hessian_static::<100, f64>` overflowed the stack in debug and release
    check_static!(100);
    check_static!(200);
}

#[test]
fn every_block_width_gives_the_closed_form() {
    for n in [0, 1, 3, 4, 5, 9, 17] {
        let x: Vec<f64> = (0..n).map(|i| 0.3 - 0.07 * i as f64).collect();
        let exact = cubic_chain_hessian(&x);
        let (_, _, h2) = hessian_chunked::<2, _>(cubic_chain, &x);
        let (_, _, h4) = hessian_chunked::<4, _>(cubic_chain, &x);
        let (_, _, h6) = hessian_chunked::<6, _>(cubic_chain, &x);
        let (_, _, h) = hessian(cubic_chain, &x);
        for m in [&h2, &h4, &h6, &h] {
            approx::assert_relative_eq!(*m, exact, max_relative = 1e-15);
        }
        assert_eq!(
            h,
            if HESSIAN_BLOCK == 4 {
                h4.clone()
            } else {
                h.clone()
            }
        );
    }
}

#[test]
fn quotient_at_tiny_values_matches_the_gradient() {
    // issue 12: x0 / x1 at (1e-160, 1e-160) gave the gradient [NaN, -inf] from
    // `hessian`; `gradient` gives [1e160, -1e160], the exact values
    fn f<D: DualNum<f64>>(x: &[D]) -> D {
        x[0] / x[1]
    }
    let x = [1e-160, 1e-160];
    let (_, g) = gradient(f, &x);
    let (v, gh, h) = hessian(f, &x);
    assert_eq!(v, 1.0);
    assert_eq!(g.as_slice(), &[1e160, -1e160]);
    assert_eq!(gh, g);
    // second derivatives 0, -1/x1² = -1e320 (overflows), 2 x0/x1³ (overflows)
    assert_eq!(h[(0, 0)], 0.0);
    assert_eq!(h[(0, 1)], f64::NEG_INFINITY);
    assert_eq!(h[(1, 1)], f64::INFINITY);
    let (_, gs, _) = hessian_static(f, &nalgebra::vector![1e-160, 1e-160]);
    assert_eq!(gs.as_slice(), g.as_slice());
}

/// Outputs depending on which chunk is seeded: `extra` more outputs when the
/// first coordinate is not seeded (a misuse: the output length must not depend
/// on the derivative parts).
fn shifty(extra: isize) -> impl Fn(&[DualVec64<8>]) -> Vec<DualVec64<8>> {
    move |x| {
        let m = if x[0].eps[0] == 1.0 {
            3
        } else {
            (3 + extra) as usize
        };
        (0..m).map(|k| x[k] * x[k + 1]).collect()
    }
}

#[test]
fn jacobian_whose_output_length_changes_is_all_nan() {
    // issue 12: later evaluations with more outputs were dropped silently, with
    // fewer the missing entries were NaN and the rest looked fine
    let x: Vec<f64> = (0..20).map(|i| i as f64).collect();
    for extra in [1, -1, 2] {
        let (v, j) = jacobian(shifty(extra), &x);
        assert_eq!(v.len(), 3, "m comes from the first evaluation");
        assert_eq!(j.shape(), (3, 20));
        assert!(v.iter().all(|e| e.is_nan()), "extra = {extra}");
        assert!(j.iter().all(|e| e.is_nan()), "extra = {extra}");
    }
    // a consistent closure is unaffected
    let (v, j) = jacobian(shifty(0), &x);
    assert_eq!(v[2], 6.0);
    assert_eq!(j[(2, 3)], 2.0);
    assert_eq!(j[(2, 2)], 3.0);
    assert_eq!(j[(2, 4)], 0.0);
}
