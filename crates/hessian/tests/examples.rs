//! The classic examples, closed forms, error cases and f32 use.

use approx::assert_relative_eq;
use dual::{DualNum, DualVec64, HyperDualVec64};
use hessian::*;
use nalgebra::{DMatrix, DVector, dmatrix, dvector, matrix, vector};

fn quadratic<D: DualNum<f64>>(x: &[D]) -> D {
    x[0] * x[0] + x[1] * x[1] + x[0] * x[1]
}

#[test]
fn hessian_of_quadratic_is_constant() {
    for p in [[0.0, 0.0], [1.5, -2.0], [1e3, 7.0]] {
        let (v, g, h) = hessian(quadratic, &p);
        assert_eq!(v, quadratic(&p));
        assert_eq!(g, dvector![2.0 * p[0] + p[1], 2.0 * p[1] + p[0]]);
        assert_eq!(h, dmatrix![2.0, 1.0; 1.0, 2.0]);
        let (vs, gs, hs) = hessian_static(quadratic, &vector![p[0], p[1]]);
        assert_eq!(
            (vs, gs.as_slice(), hs),
            (v, g.as_slice(), matrix![2.0, 1.0; 1.0, 2.0])
        );
    }
}

/// 0.5 mean((X w - y)^2) has Hessian X^T X / m.
#[test]
fn least_squares_hessian_is_gram_matrix() {
    let xm = dmatrix![1.0, 1.0; 1.0, 2.0; 1.0, 3.0];
    let y = [1.0, 2.0, 3.0];
    let loss = |w: &[_]| {
        let mut s = w[0] * 0.0;
        for (r, &yr) in y.iter().enumerate() {
            let e = w[0] * xm[(r, 0)] + w[1] * xm[(r, 1)] - yr;
            s += e * e;
        }
        s * 0.5 / 3.0
    };
    let expected = xm.transpose() * &xm / 3.0;
    for w in [[0.0, 0.0], [0.0, 1.0], [-3.0, 2.5]] {
        let (_, g, h) = hessian(loss, &w);
        assert_relative_eq!(h, expected, max_relative = 1e-15);
        // the gradient is X^T (X w - y) / m
        let resid = &xm * DVector::from_column_slice(&w) - DVector::from_column_slice(&y);
        assert_relative_eq!(g, xm.transpose() * resid / 3.0, epsilon = 1e-15);
    }
    // w = (0, 1) fits exactly: a critical point, and a minimum
    assert_eq!(
        classify_critical_point(loss, &[0.0, 1.0], 1e-14),
        Ok(CriticalPoint::Minimum)
    );
}

#[test]
fn classic_critical_points() {
    let o = [0.0, 0.0];
    fn bowl<D: DualNum<f64>>(x: &[D]) -> D {
        x[0] * x[0] + x[1] * x[1]
    }
    let saddle = |x: &[_]| x[0] * x[0] - x[1] * x[1];
    let cap = |x: &[HyperDualVec64<HESSIAN_BLOCK>]| -(x[0] * x[0] + x[1] * x[1]);
    let flat = |x: &[HyperDualVec64<HESSIAN_BLOCK>]| x[0].powi(4) + x[1] * x[1];
    assert_eq!(
        classify_critical_point(bowl, &o, 0.0),
        Ok(CriticalPoint::Minimum)
    );
    assert_eq!(
        classify_critical_point(saddle, &o, 0.0),
        Ok(CriticalPoint::Saddle)
    );
    assert_eq!(
        classify_critical_point(cap, &o, 0.0),
        Ok(CriticalPoint::Maximum)
    );
    assert_eq!(
        classify_critical_point(flat, &o, 0.0),
        Ok(CriticalPoint::Degenerate)
    );
    // the minimum of bowl is at 0: Newton gets there in one step
    let r = minimize_newton(bowl, &[3.0, -4.0], &NewtonOptions::default());
    assert!(r.converged);
    assert_eq!(r.iterations, 1);
    assert_relative_eq!(r.point, dvector![0.0, 0.0], epsilon = 1e-15);
}

#[test]
fn jacobian_of_map_r3_to_r2() {
    // F(x, y, z) = (x y z, x^2 + sin(y) e^z)
    fn map<D: DualNum<f64>>(x: &[D]) -> Vec<D> {
        vec![x[0] * x[1] * x[2], x[0] * x[0] + x[1].sin() * x[2].exp()]
    }
    let (a, b, c) = (0.7_f64, -1.3_f64, 0.4_f64);
    let (v, j) = jacobian(map, &[a, b, c]);
    assert_relative_eq!(
        v,
        dvector![a * b * c, a * a + b.sin() * c.exp()],
        max_relative = 1e-15
    );
    let expected = dmatrix![
        b * c, a * c, a * b;
        2.0 * a, b.cos() * c.exp(), b.sin() * c.exp()
    ];
    assert_relative_eq!(j, expected, max_relative = 1e-15);
    let (_, j1) = jacobian_chunked::<1, _>(map, &[a, b, c]);
    let (_, j2) = jacobian_chunked::<2, _>(map, &[a, b, c]);
    assert_eq!(j1, j);
    assert_eq!(j2, j);
}

#[test]
fn univariate_closed_forms() {
    fn f<D: DualNum<f64>>(x: D) -> D {
        x.exp() / (x.sin().powi(3) + x.cos().powi(3)).sqrt()
    }
    let (_, d1, d2) = second_derivative(f, 1.5);
    // reference values: checked by scripts/reference.py (SymPy)
    assert_relative_eq!(d1, 4.053427893898621, max_relative = 1e-14);
    assert_relative_eq!(d2, 9.463073681596603, max_relative = 1e-14);
    assert_relative_eq!(derivative(f, 1.5).1, d1, max_relative = 1e-15);
    // curvature of a parabola y = x^2 at 0 is 2, of a line 0
    assert_eq!(curvature(|x| x * x, 0.0), 2.0);
    assert_eq!(curvature(|x| x * 3.0 + 1.0, 5.0), 0.0);
}

#[test]
fn partials_and_directions() {
    // f = x0^2 x1 + e^{x2}
    fn f<D: DualNum<f64>>(x: &[D]) -> D {
        x[0] * x[0] * x[1] + x[2].exp()
    }
    let p = [2.0, 3.0, 0.5_f64];
    assert_eq!(partial_derivative(f, &p, 0), Ok(12.0));
    assert_eq!(partial_derivative(f, &p, 1), Ok(4.0));
    assert_eq!(partial_derivative(f, &p, 2), Ok(0.5_f64.exp()));
    assert_eq!(second_partial_derivative(f, &p, 0, 1), Ok(4.0));
    assert_eq!(second_partial_derivative(f, &p, 1, 0), Ok(4.0));
    assert_eq!(second_partial_derivative(f, &p, 0, 0), Ok(6.0));
    assert_eq!(second_partial_derivative(f, &p, 1, 1), Ok(0.0));
    let v = [1.0, -2.0, 0.5];
    let d = directional_derivative(f, &p, &v).unwrap();
    assert_relative_eq!(d, 12.0 - 8.0 + 0.5 * 0.5_f64.exp(), max_relative = 1e-15);
    // H = [[6, 4, 0], [4, 0, 0], [0, 0, e^0.5]]
    let e = 0.5_f64.exp();
    let hv = hessian_vector_product(f, &p, &v).unwrap();
    assert_relative_eq!(hv, dvector![6.0 - 8.0, 4.0, 0.5 * e], max_relative = 1e-15);
    let vhv = second_directional_derivative(f, &p, &v).unwrap();
    assert_relative_eq!(vhv, 6.0 - 16.0 + 0.25 * e, max_relative = 1e-15);
}

#[test]
fn hessian_vector_product_matches_hessian_across_chunks() {
    // n = 19 spans three gradient chunks with a partial last one
    fn f<D: DualNum<f64>>(x: &[D]) -> D {
        x.windows(3)
            .map(|w| (w[0] * w[1]).sin() * w[2] + w[2].exp() * w[0])
            .sum()
    }
    let x: Vec<f64> = (0..19).map(|i| (i as f64 * 0.37).sin()).collect();
    let v: Vec<f64> = (0..19).map(|i| (i as f64 * 0.91).cos()).collect();
    let (_, _, h) = hessian(f, &x);
    let hv = hessian_vector_product(f, &x, &v).unwrap();
    assert_relative_eq!(hv, &h * DVector::from_column_slice(&v), epsilon = 1e-13);
}

#[test]
fn error_messages() {
    fn f<D: DualNum<f64>>(x: &[D]) -> D {
        x[0] * x[1]
    }
    let e = directional_derivative(f, &[1.0, 2.0], &[1.0, 2.0, 3.0]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "direction has length 3 but the point has length 2"
    );
    assert_eq!(
        e,
        Error::LengthMismatch {
            argument: Argument::Direction,
            found: 3,
            expected: 2
        }
    );
    let e = hessian_vector_product(f, &[1.0, 2.0], &[1.0]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "direction has length 1 but the point has length 2"
    );
    let e = second_directional_derivative(f, &[1.0, 2.0], &[]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "direction has length 0 but the point has length 2"
    );
    let e = partial_derivative(f, &[1.0, 2.0], 2).unwrap_err();
    assert_eq!(
        e.to_string(),
        "index 2 is out of range for a point of length 2"
    );
    let e = second_partial_derivative(f, &[1.0, 2.0], 0, 7).unwrap_err();
    assert_eq!(
        e.to_string(),
        "index 7 is out of range for a point of length 2"
    );
    assert_eq!(e, Error::IndexOutOfRange { index: 7, len: 2 });
    let e = partial_derivative(
        |_: &[hessian_dual::Dual64]| hessian_dual::Dual64::from_re(1.0),
        &[] as &[f64],
        0,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "index 0 is out of range for a point of length 0"
    );

    let e = classify_critical_point(|x| x[0] * x[0], &[] as &[f64], 1e-9).unwrap_err();
    assert_eq!(e.to_string(), "the point is empty (it has no coordinates)");
    assert_eq!(e, Error::EmptyPoint);
    let e = condition_number(|x| x[0] * x[0], &[] as &[f64]).unwrap_err();
    assert_eq!(e, Error::EmptyPoint);
    let e = classify_critical_point(|x| x[0] * x[0], &[0.5], 1e-9).unwrap_err();
    assert_eq!(
        e.to_string(),
        "not a critical point: the gradient norm 1e0 exceeds the tolerance 1e-9"
    );
    let e = classify_critical_point(|x| x[0].sqrt(), &[f64::NAN], 1e-9).unwrap_err();
    assert!(matches!(e, Error::NonFiniteValue { value } if value.is_nan()));
    // gradient 0, Hessian entry 2e600 = inf
    let e = classify_critical_point(|x| x[0] * x[0] * 1e300 * 1e300, &[0.0], 1e-9).unwrap_err();
    assert_eq!(e.to_string(), "the Hessian has a NaN or infinite entry");
    let m = QuadraticModel::new(f, &[1.0, 2.0]).unwrap();
    let e = m.eval(&[1.0, 2.0, 3.0]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "displacement has length 3 but the point has length 2"
    );
    // the error type is a std error
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(boxed.to_string().contains("displacement"));
}

use dual as hessian_dual;

#[test]
fn empty_points_give_empty_results() {
    fn f<D: DualNum<f64>>(x: &[D]) -> D {
        x.iter().copied().sum::<D>() + 1.0
    }
    let e: &[f64] = &[];
    let (v, g) = gradient(f, e);
    assert_eq!((v, g.len()), (1.0, 0));
    let (v, g, h) = hessian(f, e);
    assert_eq!((v, g.len(), h.shape()), (1.0, 0, (0, 0)));
    let (v, j) = jacobian(
        |x: &[DualVec64<GRADIENT_CHUNK>]| {
            vec![x.iter().copied().sum::<DualVec64<GRADIENT_CHUNK>>() + 2.0]
        },
        &[],
    );
    assert_eq!((v, j.shape()), (dvector![2.0], (1, 0)));
    assert_eq!(hessian_vector_product(f, e, e).map(|v| v.len()), Ok(0));
    assert_eq!(directional_derivative(f, e, e), Ok(0.0));
    let r = minimize_newton(f, e, &NewtonOptions::default());
    assert!(r.converged);
    assert_eq!(r.value, 1.0);
}

#[test]
fn nan_and_inf_propagate() {
    fn f<D: DualNum<f64>>(x: &[D]) -> D {
        x[0] * x[1].exp()
    }
    let (v, g, h) = hessian(f, &[f64::NAN, 1.0]);
    assert!(v.is_nan() && g[1].is_nan() && h[(1, 1)].is_nan());
    let (v, g) = gradient(f, &[1.0, f64::INFINITY]);
    // the chain and product rules multiply zero parts by inf: NaN, as f64 would
    assert_eq!(v, f64::INFINITY);
    assert!(g.iter().all(|d| !d.is_finite()));
    let (d, dd) = derivative(|x| x.sqrt(), -1.0_f64);
    assert!(d.is_nan() && dd.is_nan());
    assert!(condition_number(f, &[f64::NAN, 0.0]).unwrap().is_nan());
    let r = minimize_newton(f, &[f64::NAN, 0.0], &NewtonOptions::default());
    assert!(!r.converged && r.iterations == 0);
    // singular Hessian: infinite condition number
    assert_eq!(
        condition_number(|x| x[0] * x[0], &[1.0, 2.0]),
        Ok(f64::INFINITY)
    );
}

#[test]
fn quadratic_model_is_exact_for_quadratics() {
    let m = QuadraticModel::new(quadratic, &[1.0, -1.0]).unwrap();
    for d in [[0.5, 0.25], [-2.0, 3.0]] {
        let y = [1.0 + d[0], -1.0 + d[1]];
        assert_relative_eq!(m.eval(&d).unwrap(), quadratic(&y), max_relative = 1e-15);
    }
    assert_eq!(*m.hessian(), dmatrix![2.0, 1.0; 1.0, 2.0]);
}

#[test]
fn f32_drivers() {
    let (y, d) = derivative(|x: dual::Dual32| x.sin() * 2.0_f32, 1.0_f32);
    assert_relative_eq!(y, 2.0 * 1.0_f32.sin());
    assert_relative_eq!(d, 2.0 * 1.0_f32.cos(), max_relative = 1e-6);
    let (_, _, d2) = second_derivative(|x| x.exp() * x, 0.5_f32);
    // (x e^x)'' = (x + 2) e^x
    assert_relative_eq!(d2, 2.5 * 0.5_f32.exp(), max_relative = 1e-6);
    let (v, g, h) = hessian(
        |x: &[dual::HyperDualVec32<HESSIAN_BLOCK>]| x[0] * x[0] * x[1] + x[1].sin(),
        &[2.0_f32, 0.0],
    );
    assert_eq!(v, 0.0_f32);
    assert_relative_eq!(g, dvector![0.0_f32, 5.0], max_relative = 1e-6);
    assert_eq!(h, DMatrix::from_row_slice(2, 2, &[0.0_f32, 4.0, 4.0, 0.0]));
    let k = classify_critical_point(|x| x[0] * x[0] + x[1] * x[1], &[0.0_f32, 0.0], 1e-6);
    assert_eq!(k, Ok(CriticalPoint::Minimum));
    let (_, fdd) = fd::derivative(f32::exp, 0.0_f32, fd::Stencil::Central);
    // central bound: h^2 M3 / 6 + e / h with h = eps^(1/3) ~ 4.9e-3, M3 ~ e^0.005,
    // e ~ eps: 4e-6 + 2.4e-5 < 3e-5
    assert!((fdd - 1.0).abs() < 3e-5);
    let r = minimize_newton(
        |x| (x[0] - 1.5).powi(2) + (x[1] + x[0]).powi(2),
        &[0.0_f32, 0.0],
        &NewtonOptions::default(),
    );
    assert!(r.converged);
    assert_relative_eq!(r.point, dvector![1.5_f32, -1.5], epsilon = 1e-5);
}

#[test]
fn taylor_drivers_closed_forms() {
    // tan x = x + x^3/3 + 2x^5/15 + 17x^7/315 + 62x^9/2835 + ...
    let c = taylor_coefficients::<9, _>(|x| x.tan(), 0.0);
    let expected = [
        0.0,
        1.0,
        0.0,
        1.0 / 3.0,
        0.0,
        2.0 / 15.0,
        0.0,
        17.0 / 315.0,
        0.0,
        62.0 / 2835.0,
    ];
    assert_eq!(c.len(), 10);
    assert_relative_eq!(&c[..], &expected[..], epsilon = 1e-16, max_relative = 1e-14);
    // e^(2x): the k-th derivative is 2^k e^(2x)
    let x = 0.3_f64;
    let d = derivatives::<6, _>(|t| (t * 2.0).exp(), x);
    assert_eq!(d.len(), 7);
    for (k, dk) in d.iter().enumerate() {
        assert_relative_eq!(
            *dk,
            2.0_f64.powi(k as i32) * (2.0 * x).exp(),
            max_relative = 1e-14
        );
    }
    assert_eq!(nth_derivative::<6, _>(|t| (t * 2.0).exp(), x), d[6]);
    // order 0 is the value
    assert_eq!(derivatives::<0, _>(|t| t.sin(), x), [x.sin()]);
    // the Taylor polynomial of 1/(1 - x) at 0 is the geometric series
    let p = TaylorPolynomial::new::<10>(|t| (-t + 1.0).recip(), 0.0_f64);
    assert_relative_eq!(
        p.eval(0.5),
        (1.0 - 0.5_f64.powi(11)) / 0.5,
        max_relative = 1e-15
    );
    // f32 works too
    let d3 = nth_derivative::<3, _>(|t| t.sin(), 0.0_f32);
    assert_relative_eq!(d3, -1.0_f32, max_relative = 1e-6);
}

/// Wraps `f` so that every evaluation is counted in `calls`.
fn counted<'a, A: ?Sized, Y>(
    calls: &'a std::cell::Cell<usize>,
    f: impl Fn(&A) -> Y + 'a,
) -> impl Fn(&A) -> Y + 'a {
    move |x| {
        calls.set(calls.get() + 1);
        f(x)
    }
}

/// The documented evaluation counts, counted.
#[test]
fn evaluation_counts() {
    use std::cell::Cell;
    let calls = Cell::new(0_usize);
    let count = || calls.replace(0);
    fn sum_sq<D: DualNum<f64>>(x: &[D]) -> D {
        x.iter().map(|&v| v * v).sum()
    }
    for n in [1, 4, 5, 8, 9, 17] {
        let x = vec![0.5; n];
        let _ = gradient(counted(&calls, sum_sq), &x);
        assert_eq!(count(), n.div_ceil(GRADIENT_CHUNK), "gradient n = {n}");
        let _ = jacobian(counted(&calls, |y| vec![sum_sq(y)]), &x);
        assert_eq!(count(), n.div_ceil(GRADIENT_CHUNK), "jacobian n = {n}");
        let _ = hessian_vector_product(counted(&calls, sum_sq), &x, &x).unwrap();
        assert_eq!(count(), n.div_ceil(GRADIENT_CHUNK), "hvp n = {n}");
        let (_, _, h) = hessian(counted(&calls, sum_sq), &x);
        let k = n.div_ceil(HESSIAN_BLOCK / 2);
        let expected = if n <= HESSIAN_BLOCK {
            1
        } else {
            k * (k - 1) / 2
        };
        assert_eq!(count(), expected, "hessian n = {n}");
        assert_eq!(h, DMatrix::identity(n, n) * 2.0);
        let _ = directional_derivative(counted(&calls, sum_sq), &x, &x).unwrap();
        let _ = second_directional_derivative(counted(&calls, sum_sq), &x, &x).unwrap();
        let _ = partial_derivative(counted(&calls, sum_sq), &x, 0).unwrap();
        let _ = second_partial_derivative(counted(&calls, sum_sq), &x, 0, n - 1).unwrap();
        assert_eq!(count(), 4, "one evaluation each, n = {n}");
    }
    let _ = hessian_static(counted(&calls, sum_sq), &vector![1.0, 2.0, 3.0]);
    let _ = gradient_static(counted(&calls, sum_sq), &vector![1.0, 2.0, 3.0]);
    assert_eq!(count(), 2);
}
