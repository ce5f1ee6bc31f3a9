//! The extended Rosenbrock function: gradient and Hessian against the closed
//! form for sizes that straddle the chunk boundaries, exact symmetry, and
//! Newton's method from the standard starting points.

use approx::assert_relative_eq;
use dual::DualNum;
use hessian::{
    GRADIENT_CHUNK, HESSIAN_BLOCK, NewtonOptions, gradient, gradient_chunked, hessian,
    hessian_chunked, hessian_static, minimize_newton,
};
use nalgebra::{DMatrix, DVector, SVector};

/// f(x) = Σ_{i < n-1} 100 (x_{i+1} - x_i²)² + (1 - x_i)²
fn rosenbrock<D: DualNum<f64>>(x: &[D]) -> D {
    x.windows(2)
        .map(|w| (w[1] - w[0] * w[0]).powi(2) * 100.0 + (-w[0] + 1.0).powi(2))
        .sum()
}

fn closed_gradient(x: &[f64]) -> DVector<f64> {
    let n = x.len();
    DVector::from_fn(n, |i, _| {
        let mut g = 0.0;
        if i + 1 < n {
            g += -400.0 * x[i] * (x[i + 1] - x[i] * x[i]) - 2.0 * (1.0 - x[i]);
        }
        if i > 0 {
            g += 200.0 * (x[i] - x[i - 1] * x[i - 1]);
        }
        g
    })
}

fn closed_hessian(x: &[f64]) -> DMatrix<f64> {
    let n = x.len();
    DMatrix::from_fn(n, n, |i, j| {
        if i == j {
            let mut h = 0.0;
            if i + 1 < n {
                h += 1200.0 * x[i] * x[i] - 400.0 * x[i + 1] + 2.0;
            }
            if i > 0 {
                h += 200.0;
            }
            h
        } else if j == i + 1 {
            -400.0 * x[i]
        } else if i == j + 1 {
            -400.0 * x[j]
        } else {
            0.0
        }
    })
}

/// Deterministic points in [-2, 2].
fn point(n: usize) -> Vec<f64> {
    (0..n).map(|i| 2.0 * (1.7 * i as f64 + 0.3).sin()).collect()
}

const SIZES: [usize; 6] = [2, 3, 10, 17, 37, 100];

#[test]
fn gradient_matches_closed_form() {
    for n in SIZES {
        let x = point(n);
        let (v, g) = gradient(rosenbrock, &x);
        assert_eq!(v, rosenbrock(&x), "n = {n}");
        // each entry is a sum of a few terms of size up to ~4000: a few ulps of that
        assert_relative_eq!(
            g,
            closed_gradient(&x),
            epsilon = 1e-11,
            max_relative = 1e-13
        );
        let (_, g3) = gradient_chunked::<3, _>(rosenbrock, &x);
        assert_relative_eq!(g3, g, epsilon = 1e-11, max_relative = 1e-13);
    }
}

#[test]
fn hessian_matches_closed_form_and_is_symmetric() {
    for n in SIZES {
        let x = point(n);
        let (v, g, h) = hessian(rosenbrock, &x);
        assert_eq!(v, rosenbrock(&x), "n = {n}");
        assert_relative_eq!(
            g,
            closed_gradient(&x),
            epsilon = 1e-11,
            max_relative = 1e-13
        );
        assert_relative_eq!(h, closed_hessian(&x), epsilon = 1e-11, max_relative = 1e-13);
        // bit-for-bit symmetric
        assert_eq!(h, h.transpose(), "n = {n}");
        // other block widths agree
        let (_, _, h2) = hessian_chunked::<2, _>(rosenbrock, &x);
        let (_, _, h6) = hessian_chunked::<6, _>(rosenbrock, &x);
        assert_relative_eq!(h2, h, epsilon = 1e-11, max_relative = 1e-13);
        assert_relative_eq!(h6, h, epsilon = 1e-11, max_relative = 1e-13);
    }
    assert!(
        SIZES
            .iter()
            .any(|&n| n > HESSIAN_BLOCK && n % (HESSIAN_BLOCK / 2) != 0)
    );
    assert!(
        SIZES
            .iter()
            .any(|&n| n > GRADIENT_CHUNK && n % GRADIENT_CHUNK != 0)
    );
}

#[test]
fn static_forms_agree() {
    let x = SVector::<f64, 5>::from_column_slice(&point(5));
    let (v, g, h) = hessian_static(rosenbrock, &x);
    assert_eq!(v, rosenbrock(x.as_slice()));
    assert_relative_eq!(
        g.as_slice(),
        closed_gradient(x.as_slice()).as_slice(),
        max_relative = 1e-13
    );
    assert_relative_eq!(
        h.as_slice(),
        closed_hessian(x.as_slice()).as_slice(),
        epsilon = 1e-11
    );
    assert_eq!(h, h.transpose());
    let (_, gs) = hessian::gradient_static(rosenbrock, &x);
    assert_relative_eq!(gs, g, max_relative = 1e-13);
}

/// A non-polynomial function: symmetric to the last bit even where the
/// hyper-dual arithmetic rounds the two mixed partials differently.
#[test]
fn hessian_bitwise_symmetric_for_transcendental_function() {
    fn f<D: DualNum<f64>>(x: &[D]) -> D {
        let s: D = x.iter().map(|&xi| xi.sin()).sum();
        let p: D = x
            .windows(2)
            .map(|w| (w[0] * w[1]).exp() / (w[0] * w[0] + 1.0))
            .sum();
        s * p + s.cos()
    }
    for n in [3, 9, 37] {
        let x = point(n);
        let (_, _, h) = hessian(f, &x);
        assert_eq!(h, h.transpose(), "n = {n}");
        assert!(h.iter().all(|v| v.is_finite()));
    }
}

fn standard_start(n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| if i % 2 == 0 { -1.2 } else { 1.0 })
        .collect()
}

/// The extended Rosenbrock function of Moré, Garbow and Hillstrom (1981):
/// n/2 uncoupled pairs, whose standard start is (-1.2, 1, -1.2, 1, ...).
fn extended_rosenbrock<D: DualNum<f64>>(x: &[D]) -> D {
    x.chunks(2)
        .map(|w| (w[1] - w[0] * w[0]).powi(2) * 100.0 + (-w[0] + 1.0).powi(2))
        .sum()
}

fn assert_at_global_minimum(r: &hessian::NewtonReport<f64>, n: usize) {
    assert!(r.converged, "n = {n}: {r:?}");
    assert!(r.gradient_norm <= f64::EPSILON.sqrt());
    assert!(r.iterations < 100, "n = {n}: {} iterations", r.iterations);
    // near the minimum f ≈ (x - 1)ᵀ H (x - 1) / 2 with λ_min(H) ≈ 0.4, so a
    // gradient below sqrt(ε) pins x to 1 within about |g| / λ_min < 1e-7
    assert_relative_eq!(r.point, DVector::from_element(n, 1.0), epsilon = 1e-7);
    assert!(r.value < 1e-14);
}

#[test]
fn newton_reaches_the_minimum() {
    let r = minimize_newton(rosenbrock, &standard_start(2), &NewtonOptions::default());
    assert_at_global_minimum(&r, 2);
    for n in [2, 10] {
        let r = minimize_newton(
            extended_rosenbrock,
            &standard_start(n),
            &NewtonOptions::default(),
        );
        assert_at_global_minimum(&r, n);
    }
}

/// The chained form has, for 4 <= n <= 30, a second local minimum near
/// (-1, 1, ..., 1) (Kok and Sandrock 2009); from (-1.2, 1, -1.2, ...) Newton's
/// method, a local method, converges there. Check that it is a true minimum.
#[test]
fn newton_on_chained_rosenbrock_n10_finds_a_local_minimum() {
    let r = minimize_newton(rosenbrock, &standard_start(10), &NewtonOptions::default());
    assert!(r.converged);
    assert!(r.point[0] < -0.9 && r.point.iter().skip(1).all(|&v| v > 0.9));
    let kind = hessian::classify_critical_point(rosenbrock, r.point.as_slice(), 1e-6);
    assert_eq!(kind, Ok(hessian::CriticalPoint::Minimum));
    assert!(r.value > 1.0);
}
