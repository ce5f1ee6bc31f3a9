//! Nested drivers: every driver called inside another driver's closure at a
//! point of the closure's own number type gives the exact derivative of the
//! derivative (checked against closed forms); the same-level form is NaN or
//! `Err`, never a plausible wrong number; and a proptest compares nested
//! results with central differences of the inner driver.

use approx::assert_relative_eq;
use dual::{Dual, Dual64, DualNum, DualVec, HyperDual, HyperDualVec, Taylor};
use hessian::tensor::{
    derivative_tensor, derivative_tensors, taylor_expansion, third_derivative_tensor,
};
use hessian::*;
use nalgebra::{DMatrix, SVector, dvector};
use proptest::prelude::*;
use std::cell::Cell;

const EPS: f64 = f64::EPSILON;

// ---------------------------------------------------------------------------
// The correctly typed form is exact: univariate drivers
// ---------------------------------------------------------------------------

#[test]
fn derivative_of_a_derivative_is_exact() {
    // d/dx [x * d/dy (x + y)] = d/dx x = 1
    let (_, d) = derivative(
        |x| x * derivative(|y| Dual::constant(x) + y, Dual64::from_re(3.0)).1,
        1.0,
    );
    assert_eq!(d, 1.0);
    // d/dx [x * d/dy (x y)] = d/dx x^2 = 2x = 10 at 5
    let (_, d) = derivative(
        |x| x * derivative(|y| Dual::constant(x) * y, Dual64::from_re(2.0)).1,
        5.0,
    );
    assert_eq!(d, 10.0);
}

#[test]
fn second_derivative_inside_derivative() {
    // h(s) = d²/dy² sin(s y) at y = 1 = -s² sin s; h'(s) = -2 s sin s - s² cos s
    let s = 0.7_f64;
    let (h, dh) = derivative(
        |s| second_derivative(|y| (HyperDual::constant(s) * y).sin(), Dual::constant(1.0)).2,
        s,
    );
    assert_relative_eq!(h, -s * s * s.sin(), max_relative = 1e-15);
    assert_relative_eq!(
        dh,
        -2.0 * s * s.sin() - s * s * s.cos(),
        max_relative = 1e-14
    );
}

#[test]
fn derivative_inside_second_derivative() {
    // g(s) = d/dy (s y)³ at y = 1 = 3 s³; g'' = 18 s
    let (g, _, g2) = second_derivative(
        |s| derivative(|y| (Dual::constant(s) * y).powi(3), HyperDual::from_re(1.0)).1,
        2.0_f64,
    );
    assert_eq!(g, 24.0);
    assert_eq!(g2, 36.0);
}

#[test]
fn nth_derivative_inside_gradient() {
    // φ(x) = d³/dt³ [x1 e^(x0 t)] at t = 1/2 = x0³ x1 e^(x0/2)
    let (x0, x1) = (0.8_f64, -1.3_f64);
    let (v, g) = gradient(
        |x| {
            let (a, b) = (Taylor::constant(x[0]), Taylor::constant(x[1]));
            nth_derivative::<3, _>(|t| (a * t).exp() * b, DualVec::from_re(0.5))
        },
        &[x0, x1],
    );
    let e = (x0 / 2.0).exp();
    assert_relative_eq!(v, x0.powi(3) * x1 * e, max_relative = 1e-14);
    assert_relative_eq!(
        g[0],
        (3.0 * x0 * x0 + x0.powi(3) / 2.0) * x1 * e,
        max_relative = 1e-14
    );
    assert_relative_eq!(g[1], x0.powi(3) * e, max_relative = 1e-14);
}

#[test]
fn derivatives_taylor_coefficients_and_polynomial_inside_derivative() {
    // the Taylor coefficients of e^(s y) at y = 0 are s^k / k!
    let s = 1.3_f64;
    let (_, d) = derivative(
        |s| {
            let c = derivatives::<4, _>(|y| (Taylor::constant(s) * y).exp(), Dual::from_re(0.0));
            c[4] // s⁴
        },
        s,
    );
    assert_relative_eq!(d, 4.0 * s.powi(3), max_relative = 1e-14);
    let (_, d) = derivative(
        |s| taylor_coefficients::<3, _>(|y| (Taylor::constant(s) * y).exp(), Dual::from_re(0.0))[3],
        s,
    );
    assert_relative_eq!(d, s * s / 2.0, max_relative = 1e-14);
    // p(h) = Σ s^k h^k / k! at h = 1/2, differentiated in s: Σ k s^(k-1) / 2^k / k!
    let (_, d) = derivative(
        |s| {
            TaylorPolynomial::new::<3>(|y| (Taylor::constant(s) * y).exp(), Dual::from_re(0.0))
                .eval(Dual::from_re(0.5))
        },
        s,
    );
    let expected = 0.5 + s / 4.0 + s * s / 16.0;
    assert_relative_eq!(d, expected, max_relative = 1e-14);
}

#[test]
fn curvature_inside_derivative() {
    // the graph of s x² has curvature 2|s| at x = 0
    let (k, dk) = derivative(
        |s| curvature(|x| x * x * HyperDual::constant(s), Dual::from_re(0.0)),
        1.5_f64,
    );
    assert_eq!(k, 3.0);
    assert_eq!(dk, 2.0);
}

// ---------------------------------------------------------------------------
// Multivariate drivers
// ---------------------------------------------------------------------------

fn u<D: DualNum<f64>>(x: &[D]) -> D {
    x[0] * x[0] * x[1] + x[1].sin()
}

#[test]
fn gradient_of_gradient_is_hessian() {
    let p = [0.7, -0.4];
    let (_, j) = jacobian(
        |x: &[DualVec<f64, 8>]| gradient(u, x).1.iter().copied().collect(),
        &p,
    );
    let (_, _, h) = hessian(u, &p);
    assert_relative_eq!(j, h, max_relative = 1e-15);
    // the same with chunk sizes that split the point
    let (_, j1) = jacobian_chunked::<1, _>(
        |x| gradient_chunked::<1, _>(u, x).1.iter().copied().collect(),
        &p,
    );
    assert_relative_eq!(j1, h, max_relative = 1e-15);
}

#[test]
fn hessian_of_a_function_that_calls_gradient() {
    // F = |∇u|² with ∇u = (2 x0 x1, x0² + cos x1), against F written out
    let p = [0.7, -0.4];
    let via_gradient = |x: &[HyperDualVec<f64, 4>]| {
        let (_, g) = gradient(u, x);
        g.iter().map(|&gi| gi * gi).sum::<HyperDualVec<f64, 4>>()
    };
    fn explicit<D: DualNum<f64>>(x: &[D]) -> D {
        (x[0] * x[1] * 2.0).powi(2) + (x[0] * x[0] + x[1].cos()).powi(2)
    }
    let (v, g, h) = hessian(via_gradient, &p);
    let (ve, ge, he) = hessian(explicit, &p);
    assert_relative_eq!(v, ve, max_relative = 1e-15);
    assert_relative_eq!(g, ge, max_relative = 1e-14);
    assert_relative_eq!(h, he, max_relative = 1e-14);
    // hessian_chunked over a Hessian: the third derivatives of x0³ x1 x2
    let x = [1.5, 2.0, 3.0];
    let (_, d) = derivative(
        |s| {
            let x: Vec<Dual64> = x.iter().map(|&v| Dual::from_re(v)).collect();
            hessian_chunked::<2, _>(
                |y| y[0].powi(3) * y[1] * y[2] * HyperDualVec::constant(s),
                &x,
            )
            .2[(0, 1)]
        },
        2.0,
    );
    // ∂²/∂x0∂x1 (s x0³ x1 x2) = 3 s x0² x2; d/ds = 3 x0² x2
    assert_relative_eq!(d, 3.0 * 1.5 * 1.5 * 3.0, max_relative = 1e-15);
}

#[test]
fn static_drivers_inside_derivative() {
    // ∇(s x0² x1) = (2 s x0 x1, s x0²); ∂/∂s = (2 x0 x1, x0²)
    let x = SVector::<f64, 2>::new(1.5, -2.0);
    let (_, d) = derivative(
        |s| {
            let x = x.map(Dual::from_re);
            let (_, g) = gradient_static(|y| y[0] * y[0] * y[1] * DualVec::constant(s), &x);
            let (_, _, h) = hessian_static(|y| y[0] * y[0] * y[1] * HyperDualVec::constant(s), &x);
            g[0] + h[(0, 1)] * 10.0
        },
        0.5,
    );
    // 2 x0 x1 + 10 * 2 x0
    assert_relative_eq!(d, 2.0 * 1.5 * -2.0 + 10.0 * 2.0 * 1.5, max_relative = 1e-15);
}

#[test]
fn directional_partial_and_hvp_inside_derivative() -> Result<(), Error> {
    let s0 = 0.6_f64;
    // ∇u(s, 1) · (1, s) for u = x0² x1: 2 s + s³
    let (_, d) = derivative(
        |s| {
            let one = Dual::from_re(1.0);
            directional_derivative(|x| x[0] * x[0] * x[1], &[s, one], &[one, s])
                .unwrap_or(Dual::from_re(f64::NAN))
        },
        s0,
    );
    assert_relative_eq!(d, 2.0 + 3.0 * s0 * s0, max_relative = 1e-15);
    // ∂/∂x1 (x0² x1) at (s, 1) = s²; ∂²/∂x0² = 2 x1 = 2
    let (_, d) = derivative(
        |s| {
            let x = [s, Dual::from_re(1.0)];
            let p = partial_derivative(|x| x[0] * x[0] * x[1], &x, 1)
                .unwrap_or(Dual::from_re(f64::NAN));
            let q = second_partial_derivative(|x| x[0] * x[0] * x[1] * x[0], &x, 0, 0)
                .unwrap_or(Dual::from_re(f64::NAN));
            p + q // s² + 6 s
        },
        s0,
    );
    assert_relative_eq!(d, 2.0 * s0 + 6.0, max_relative = 1e-15);
    // vᵀ H v and H v of x0³ + x0 x1² at (s, 2), v = (1, 1):
    // H = [[6 x0, 2 x1], [2 x1, 2 x0]], H v = (6 s + 4, 4 + 2 s), vᵀ H v = 8 s + 8
    let (_, d) = derivative(
        |s| {
            let x = [s, Dual::from_re(2.0)];
            let v = [Dual::from_re(1.0); 2];
            let hv = hessian_vector_product(|x| x[0].powi(3) + x[0] * x[1] * x[1], &x, &v)
                .unwrap_or_else(|_| dvector![Dual::from_re(f64::NAN)]);
            let c = second_directional_derivative(|x| x[0].powi(3) + x[0] * x[1] * x[1], &x, &v)
                .unwrap_or(Dual::from_re(f64::NAN));
            hv[0] + hv[1] * 10.0 + c * 100.0
        },
        s0,
    );
    assert_relative_eq!(d, 6.0 + 20.0 + 800.0, max_relative = 1e-15);
    Ok(())
}

#[test]
fn jacobian_inside_derivative() {
    // J of (x0 y, x1 y) at y = s... the columns scale with s: d/ds J = [[1, 0], [0, 1]] * ...
    // g(x) = (s x0 x1, x0 + s x1), J = [[s x1, s x0], [1, s]]; d/ds J = [[x1, x0], [0, 1]]
    let x = [2.0, 3.0];
    let (_, d) = derivative(
        |s| {
            let x: Vec<Dual64> = x.iter().map(|&v| Dual::from_re(v)).collect();
            let c = DualVec::constant(s);
            let (_, j) = jacobian(|y| vec![c * y[0] * y[1], y[0] + c * y[1]], &x);
            j[(0, 0)] + j[(0, 1)] * 10.0 + j[(1, 0)] * 100.0 + j[(1, 1)] * 1000.0
        },
        0.5,
    );
    assert_relative_eq!(d, 3.0 + 20.0 + 0.0 + 1000.0, max_relative = 1e-15);
}

// ---------------------------------------------------------------------------
// Tensors, applications, implicit differentiation
// ---------------------------------------------------------------------------

#[test]
fn tensors_inside_gradient() {
    // φ(x) = ∂³/∂y0²∂y1 e^(x0 y0 + x1 y1) at y = (1, 1) = x0² x1 e^(x0 + x1)
    let (x0, x1) = (0.4_f64, -0.3_f64);
    let e = (x0 + x1).exp();
    let expected = [
        (2.0 * x0 * x1 + x0 * x0 * x1) * e,
        (x0 * x0 + x0 * x0 * x1) * e,
    ];
    let y = || [DualVec::from_re(1.0), DualVec::from_re(1.0)];
    let (_, g) = gradient(
        |x| {
            let (a, b) = (Taylor::constant(x[0]), Taylor::constant(x[1]));
            derivative_tensor::<3, _>(|y| (y[0] * a + y[1] * b).exp(), &y())
                .ok()
                .and_then(|t| t.get(&[0, 0, 1]))
                .unwrap_or(DualVec::from_re(f64::NAN))
        },
        &[x0, x1],
    );
    assert_relative_eq!(g.as_slice(), &expected[..], max_relative = 1e-12);
    let (_, g) = gradient(
        |x| {
            let (a, b) = (
                Dual::constant(HyperDual::constant(x[0])),
                Dual::constant(HyperDual::constant(x[1])),
            );
            third_derivative_tensor(|y| (y[0] * a + y[1] * b).exp(), &y())
                .ok()
                .and_then(|t| t.get(&[0, 1, 0]))
                .unwrap_or(DualVec::from_re(f64::NAN))
        },
        &[x0, x1],
    );
    assert_relative_eq!(g.as_slice(), &expected[..], max_relative = 1e-14);
    let (_, g) = gradient(
        |x| {
            let (a, b) = (Taylor::constant(x[0]), Taylor::constant(x[1]));
            let ts = derivative_tensors::<3, _>(|y| (y[0] * a + y[1] * b).exp(), &y());
            // the coefficient of y0² y1 in the expansion is the partial / 2!
            let p = taylor_expansion::<3, _>(|y| (y[0] * a + y[1] * b).exp(), &y());
            let nan = DualVec::from_re(f64::NAN);
            let t3 = ts.ok().and_then(|ts| ts.get(3)?.get(&[0, 0, 1]));
            t3.unwrap_or(nan) + p.ok().and_then(|p| p.coeff(&[2, 1])).unwrap_or(nan) * 2.0
        },
        &[x0, x1],
    );
    for (gi, ei) in g.iter().zip(expected) {
        assert_relative_eq!(*gi, 2.0 * ei, max_relative = 1e-12);
    }
}

#[test]
fn applications_accept_number_type_points() -> Result<(), Error> {
    let zero = [Dual64::from_re(0.0); 2];
    let tol = Dual64::from_re(1e-12);
    assert_eq!(
        classify_critical_point(|x| x[0] * x[0] - x[1] * x[1], &zero, tol)?,
        CriticalPoint::Saddle
    );
    // H = diag(2, 2 s): condition number s (s > 1), d/ds = 1
    let (k, dk) = derivative(
        |s| {
            condition_number(
                |x| x[0] * x[0] + x[1] * x[1] * HyperDualVec::constant(s),
                &[Dual::from_re(1.0); 2],
            )
            .unwrap_or(Dual::from_re(f64::NAN))
        },
        3.0,
    );
    assert_relative_eq!(k, 3.0, max_relative = 1e-14);
    assert_relative_eq!(dk, 1.0, max_relative = 1e-12);
    // the quadratic model of s x0² at 1, at the displacement 1: s + 2 s + s = 4 s
    let (_, d) = derivative(
        |s| {
            QuadraticModel::new(
                |x| x[0] * x[0] * HyperDualVec::constant(s),
                &[Dual::from_re(1.0)],
            )
            .and_then(|m| m.eval(&[Dual::from_re(1.0)]))
            .unwrap_or(Dual::from_re(f64::NAN))
        },
        2.0,
    );
    assert_relative_eq!(d, 4.0, max_relative = 1e-15);
    Ok(())
}

#[test]
fn minimize_newton_inside_derivative() {
    // x*(s) = argmin (x - s)² = s: one exact Newton step, dx*/ds = 1
    let (x, dx) = derivative(
        |s| {
            let c = HyperDualVec::constant(s);
            minimize_newton(
                |x| (x[0] - c).powi(2),
                &[Dual::from_re(0.0)],
                &NewtonOptions::default(),
            )
            .point[0]
        },
        1.5,
    );
    assert_relative_eq!(x, 1.5, max_relative = 1e-15);
    assert_relative_eq!(dx, 1.0, max_relative = 1e-15);
    // x*(s) = argmin cosh(x) - s x = asinh(s), dx*/ds = 1 / sqrt(1 + s²):
    // the derivative of the iterates converges with them
    let s = 0.8_f64;
    let (x, dx) = derivative(
        |s| {
            let c = HyperDualVec::constant(s);
            minimize_newton(
                |x| x[0].cosh() - c * x[0],
                &[Dual::from_re(0.0)],
                &NewtonOptions::default(),
            )
            .point[0]
        },
        s,
    );
    assert_relative_eq!(x, s.asinh(), max_relative = 1e-12);
    assert_relative_eq!(dx, 1.0 / (1.0 + s * s).sqrt(), max_relative = 1e-8);
}

#[test]
fn minimize_newton_function_inside_derivative() {
    // x*(s) = argmin cosh(x) - s x = asinh(s), as a Function (its data are
    // primitives, so only the point can carry an outer derivative): the
    // derivative of the minimiser by the starting point vanishes as Newton's
    // iterates converge (each step multiplies it by f'(x) f'''(x) / f''(x)²)
    struct Catenary(f64);
    impl Function<f64> for Catenary {
        fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
            x[0].cosh() - x[0] * self.0
        }
    }
    let s = 0.8_f64;
    let (x, dx) = derivative(
        |x0| minimize_newton_function(&Catenary(s), &[x0], &NewtonOptions::default()).point[0],
        0.0,
    );
    assert_relative_eq!(x, s.asinh(), max_relative = 1e-12);
    assert!(dx.abs() < 1e-6, "{dx}");
}

#[test]
fn implicit_jacobian_inside_gradient() {
    // x² = p0 p1: x* = sqrt(p0 p1), dx*/dp = (p1, p0) / (2 x*); its gradient in p0
    // is d/dp0 [p1 / (2 sqrt(p0 p1))] = -p1² / (4 (p0 p1)^(3/2))
    let (p0, p1) = (2.0_f64, 0.5_f64);
    let (s, g) = gradient(
        |p| {
            let x_star = [(p[0] * p[1]).sqrt()];
            implicit_jacobian(|x, p| vec![x[0] * x[0] - p[0] * p[1]], &x_star, p)
                .map_or(DualVec::from_re(f64::NAN), |j| j[(0, 0)])
        },
        &[p0, p1],
    );
    let q = p0 * p1;
    assert_relative_eq!(s, p1 / (2.0 * q.sqrt()), max_relative = 1e-15);
    assert_relative_eq!(g[0], -p1 * p1 / (4.0 * q.powf(1.5)), max_relative = 1e-14);
    // d/dp1 [p1 / (2 sqrt(p0 p1))] = 1 / (4 sqrt(p0 p1))
    assert_relative_eq!(g[1], 1.0 / (4.0 * q.sqrt()), max_relative = 1e-14);
}

#[test]
fn argmin_jacobian_inside_derivative() {
    // x*(p) = argmin e^x - p x = ln p, dx*/dp = 1 / p, d/dp (1 / p) = -1 / p²
    let p = 1.7_f64;
    let (s, ds) = derivative(
        |p| {
            argmin_jacobian(|x, q| x[0].exp() - q[0] * x[0], &[p.ln()], &[p])
                .map_or(Dual::from_re(f64::NAN), |j| j[(0, 0)])
        },
        p,
    );
    assert_relative_eq!(s, 1.0 / p, max_relative = 1e-15);
    assert_relative_eq!(ds, -1.0 / (p * p), max_relative = 1e-14);
}

#[test]
fn implicit_jacobian_of_a_linear_system_is_the_solution_operator() -> Result<(), Error> {
    // A x = B p gives dx/dp = A⁻¹ B, for any x_star
    let a = DMatrix::from_row_slice(3, 3, &[0.0, 2.0, 1.0, 1.0, 1.0, 0.0, 3.0, 0.0, 1.0]);
    let b = DMatrix::from_row_slice(3, 2, &[1.0, 0.0, 2.0, 1.0, 3.0, -1.0]);
    let g = |x: &[DualVec<f64, 8>], p: &[DualVec<f64, 8>]| {
        (0..3)
            .map(|i| {
                (0..3).map(|j| x[j] * a[(i, j)]).sum::<DualVec<f64, 8>>()
                    - (0..2).map(|j| p[j] * b[(i, j)]).sum::<DualVec<f64, 8>>()
            })
            .collect()
    };
    let s = implicit_jacobian(g, &[0.1, 0.2, 0.3], &[1.0, 2.0])?;
    assert_relative_eq!(&a * &s, b, epsilon = 1e-14);
    Ok(())
}

#[test]
fn implicit_errors_name_the_condition() {
    // wrong number of equations
    let err = implicit_jacobian(|x, p| vec![x[0] - p[0], x[0]], &[1.0], &[1.0]).unwrap_err();
    assert_eq!(
        err,
        Error::LengthMismatch {
            argument: Argument::Equations,
            found: 2,
            expected: 1
        }
    );
    assert_eq!(
        err.to_string(),
        "the function returned 2 equations but there are 1 unknowns"
    );
    // output length that changes between evaluations (n + k = 9 > one chunk of 8)
    let calls = Cell::new(0);
    let err = implicit_jacobian(
        |x, p| {
            calls.set(calls.get() + 1);
            let mut v: Vec<_> = x.iter().map(|&xi| xi - p[0]).collect();
            if calls.get() > 1 {
                v.pop();
            }
            v
        },
        &[1.0; 8],
        &[1.0],
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::LengthMismatch {
            argument: Argument::Outputs,
            found: 7,
            expected: 8
        }
    );
    // a singular Jacobian: x0 + x1 = p, 2 x0 + 2 x1 = 2 p
    let err = implicit_jacobian(
        |x, p| vec![x[0] + x[1] - p[0], x[0] * 2.0 + x[1] * 2.0 - p[0] * 2.0],
        &[0.5, 0.5],
        &[1.0],
    )
    .unwrap_err();
    let Error::Singular {
        order,
        smallest_pivot,
        largest_pivot,
    } = err
    else {
        panic!("expected Singular, got {err:?}");
    };
    assert_eq!((order, smallest_pivot, largest_pivot), (2, 0.0, 2.0));
    // a NaN Jacobian is singular too (never a NaN result)
    assert!(matches!(
        implicit_jacobian(|x, p| vec![x[0].sqrt() - p[0]], &[-1.0], &[1.0]),
        Err(Error::Singular { .. })
    ));
    // a flat minimum: ∂²f/∂x² = 0 at x = 0 for x⁴ - p x
    assert!(matches!(
        argmin_jacobian(|x, p| x[0].powi(4) - p[0] * x[0], &[0.0], &[0.0]),
        Err(Error::Singular { .. })
    ));
    // empty problems are fine: no unknowns, or no parameters
    assert_eq!(
        implicit_jacobian(|_x, _p| vec![], &[], &[1.0]).map(|m| m.shape()),
        Ok((0, 1))
    );
    assert_eq!(
        implicit_jacobian(|x, _p| vec![x[0] - 1.0], &[1.0], &[]).map(|m| m.shape()),
        Ok((1, 0))
    );
    assert_eq!(
        argmin_jacobian(|x, _p| x[0] * x[0], &[0.0], &[]).map(|m| m.shape()),
        Ok((1, 0))
    );
}

// ---------------------------------------------------------------------------
// The same-level form: NaN or Err, never a wrong number
// ---------------------------------------------------------------------------

#[test]
fn same_level_nesting_is_nan_not_wrong() {
    // the three snippets of issue 11 (they gave 2, 7 and [30, 0])
    let (_, d) = derivative(|x| x * derivative(|y| x + y, 3.0).1, 1.0_f64);
    assert!(d.is_nan());
    let (_, d) = derivative(|x| x * derivative(|y| x * y, 2.0).1, 5.0_f64);
    assert!(d.is_nan());
    let (_, g) = gradient(
        |x| {
            let (_, gy) = gradient(
                |y| {
                    let s = x[0] * y[0] + x[1] * y[1];
                    s * s
                },
                &[1.0, 1.0],
            );
            x[0] * gy[0]
        },
        &[2.0_f64, 3.0],
    );
    assert!(g.iter().all(|v| v.is_nan()));
}

#[test]
fn same_level_nesting_of_every_driver_is_nan_or_err() {
    let nan = f64::NAN;
    let (_, _, d2) = second_derivative(|x| x * second_derivative(|y| x * y * y, 1.0).2, 1.0_f64);
    assert!(d2.is_nan());
    // an empty inner point is refused too (its value would be the closure's)
    let (_, g) = gradient(|x| x[0] * gradient(|_y| x[0], &[] as &[f64]).0, &[1.0_f64]);
    assert!(g[0].is_nan());
    let d = nth_derivative::<2, _>(|x| x * nth_derivative::<2, _>(|y| x * y * y, 1.0), 1.0_f64);
    assert!(d.is_nan());
    let (_, _, h) = hessian(
        |x| x[0] * hessian(|y| x[0] * y[0] * y[0], &[1.0]).2[(0, 0)],
        &[1.0_f64],
    );
    assert!(h.iter().all(|v| v.is_nan()));
    let (v, j) = jacobian(
        |x| {
            let (v, _) = jacobian(|y| vec![x[0] * y[0], y[0]], &[1.0]);
            v.iter().map(|&vi| x[0] * vi).collect()
        },
        &[1.0_f64],
    );
    // the output length survives (from an evaluation on constants), every entry NaN
    assert_eq!(j.shape(), (2, 1));
    assert!(v.iter().chain(j.iter()).all(|v| v.is_nan()));
    // the tensor drivers return Result: the inner call is Err(PerturbationConfusion)
    let t = derivative_tensor::<2, _>(
        |x| {
            let inner = derivative_tensor::<2, _>(|y| x[0] * y[0] * y[0], &[1.0]);
            assert!(matches!(inner, Err(Error::PerturbationConfusion { .. })));
            x[0] * inner.map_or(nan, |t| t.values()[0])
        },
        &[1.0_f64],
    );
    assert!(t.is_ok_and(|t| t.values().iter().all(|v| v.is_nan())));
    let t = third_derivative_tensor(
        |x| {
            let inner = third_derivative_tensor(|y| x[0] * y[0].powi(3), &[1.0]);
            assert!(matches!(inner, Err(Error::PerturbationConfusion { .. })));
            x[0] * inner.map_or(nan, |t| t.values()[0])
        },
        &[1.0_f64],
    );
    assert!(t.is_ok_and(|t| t.values().iter().all(|v| v.is_nan())));
    // Result drivers return Err(PerturbationConfusion), whose message says what to do
    let seen = Cell::new(None);
    let record = |r: Result<f64, Error>| {
        if let Err(e) = r {
            seen.set(Some(e));
        }
        nan
    };
    let _ = derivative(
        |x| x * record(directional_derivative(|y| x * y[0], &[1.0], &[1.0])),
        1.0_f64,
    );
    let Some(Error::PerturbationConfusion { number_type }) = seen.take() else {
        panic!("expected PerturbationConfusion");
    };
    assert!(number_type.contains("Dual<f64>"), "{number_type}");
    let _ = derivative(
        |x| x * record(partial_derivative(|y| x * y[0], &[1.0], 0)),
        1.0_f64,
    );
    assert!(matches!(
        seen.take(),
        Some(Error::PerturbationConfusion { .. })
    ));
    let _ = gradient(
        |x| {
            x[0] * record(
                hessian_vector_product(|y| Dual::constant(x[0]) * y[0] * y[0], &[1.0], &[1.0])
                    .map(|v| v[0]),
            )
        },
        &[1.0_f64],
    );
    assert!(matches!(
        seen.take(),
        Some(Error::PerturbationConfusion { .. })
    ));
    let _ = gradient(
        |p| {
            p[0] * record(
                implicit_jacobian(|x, q| vec![x[0] - q[0] * p[0]], &[1.0], &[1.0])
                    .map(|m| m[(0, 0)]),
            )
        },
        &[1.0_f64],
    );
    let Some(err) = seen.take() else {
        panic!("expected an error")
    };
    assert!(err.to_string().contains("same nesting level"), "{err}");
    let _ = hessian(
        |p| {
            p[0] * record(
                argmin_jacobian(|x, q| (x[0] - q[0] * p[0]).powi(2), &[1.0], &[1.0])
                    .map(|m| m[(0, 0)]),
            )
        },
        &[1.0_f64],
    );
    assert!(matches!(
        seen.take(),
        Some(Error::PerturbationConfusion { .. })
    ));
}

/// ForwardDiff.jl issue 313: a function that differentiates another instance of
/// itself (same function type, so the same ForwardDiff tag) gave 2 for 1.
fn confuse(outer: bool, x: Dual64, xy: Dual64) -> Dual64 {
    if outer {
        xy * derivative(|y| confuse(false, xy, y), 1.0).1
    } else {
        x + xy
    }
}

#[test]
fn a_recursive_same_level_call_is_refused() {
    let (_, d) = derivative(|xy| confuse(true, Dual64::from_re(0.0), xy), 1.0);
    assert!(d.is_nan()); // exact: 1; without the guard: 2
}

#[test]
fn an_unrelated_inner_call_at_a_plain_point_is_nan_and_lifting_fixes_it() {
    // the guard goes by type: an inner call of the same type is NaN even when
    // it captures nothing (it cannot see that it captures nothing) ...
    let (_, d) = derivative(|x| x * derivative(|y| y.sin(), 0.0).1, 2.0_f64);
    assert!(d.is_nan());
    // ... and at a point of the closure's own type it is exact (d/dx x cos 0 = 1)
    let (_, d) = derivative(
        |x| x * derivative(|y| y.sin(), Dual::constant(0.0)).1,
        2.0_f64,
    );
    assert_eq!(d, 1.0);
    // a driver of another number type at a plain point is independent and exact
    let (_, d) = derivative(
        |x| x * second_derivative(|y: HyperDual<f64>| y.sin(), 0.0).1,
        2.0_f64,
    );
    assert_eq!(d, 1.0);
}

#[test]
fn levels_are_released_after_a_call_and_after_a_panic() {
    let (_, d) = derivative(|x| x * x, 3.0_f64);
    assert_eq!(d, 6.0);
    let r = std::panic::catch_unwind(|| derivative(|_x: Dual64| panic!("inside the closure"), 1.0));
    assert!(r.is_err());
    // the level of the panicking call was released during unwinding
    let (_, d) = derivative(|x| x * x, 3.0_f64);
    assert_eq!(d, 6.0);
    // and a same-level call leaves the outer level held until the outer returns
    let (_, d) = derivative(
        |x| {
            let inner = derivative(|y| y * y, 1.0_f64).1;
            assert!(inner.is_nan());
            let again = derivative(|y| y * y, 1.0_f64).1;
            assert!(again.is_nan());
            x * x
        },
        3.0_f64,
    );
    assert_eq!(d, 6.0);
}

#[test]
fn levels_are_per_thread() {
    // a driver on another thread does not see this thread's levels (and the
    // plain inner call there is independent, so exact)
    let (_, d) = derivative(
        |x| {
            let inner = std::thread::scope(|s| s.spawn(|| derivative(|y| y * y, 3.0).1).join());
            x * inner.unwrap_or(f64::NAN)
        },
        2.0_f64,
    );
    assert_eq!(d, 6.0);
}

#[test]
fn deep_nesting_of_derivatives_is_exact() {
    // four drivers inside each other: d⁴/dx⁴ x⁶ = 360 x², at x = 0.5: 90
    let (_, d4) = derivative(
        |a| derivative(|b| derivative(|c| derivative(|d| d.powi(6), c).1, b).1, a).1,
        0.5_f64,
    );
    assert_relative_eq!(d4, 90.0, max_relative = 1e-15);
}

// ---------------------------------------------------------------------------
// Nested results against central differences of the inner driver
// ---------------------------------------------------------------------------

/// `u(x) = sin x0 cos x1 + x0² x1 / 2`: every fourth partial derivative is at
/// most 1 in magnitude (the polynomial's vanish).
fn smooth<D: DualNum<f64>>(x: &[D]) -> D {
    x[0].sin() * x[1].cos() + x[0] * x[0] * x[1] * 0.5
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The Jacobian of the inner `gradient` (nested AD) against central
    /// differences of the plain inner `gradient`, column by column.
    #[test]
    fn jacobian_of_gradient_matches_differences_of_gradient(x0 in -2.0..2.0_f64, x1 in -2.0..2.0_f64) {
        let x = [x0, x1];
        let (_, nested) = jacobian(|y| gradient(smooth, y).1.iter().copied().collect(), &x);
        let h = 2e-5;
        // central difference error <= h² / 6 max|∂³ ∂_i u / ∂x_j³| <= h² / 6 (fourth
        // partials <= 1), plus rounding: each gradient entry (|∂u| <= 1 + |x0 x1| +
        // x0² / 2 <= 7) is computed to within 8 ε 7, so the quotient errs by
        // <= 2 * 8 ε 7 / (2 h)
        let tol = h * h / 6.0 + 56.0 * EPS / h;
        for j in 0..2 {
            let mut plus = x;
            let mut minus = x;
            plus[j] += h;
            minus[j] -= h;
            let (_, gp) = gradient(smooth, &plus);
            let (_, gm) = gradient(smooth, &minus);
            for i in 0..2 {
                let fd = (gp[i] - gm[i]) / (2.0 * h);
                prop_assert!((nested[(i, j)] - fd).abs() <= tol, "({i}, {j}): {} vs {fd}", nested[(i, j)]);
            }
        }
    }

    /// The outer derivative of an inner `second_derivative`, against a central
    /// difference of the plain inner driver: φ(s) = d²/dy² sin(s y) at y = 1.
    #[test]
    fn derivative_of_second_derivative_matches_differences(s in -2.0..2.0_f64) {
        let phi = |s: f64| second_derivative(|y| (y * s).sin(), 1.0).2;
        let (_, nested) = derivative(
            |s| second_derivative(|y| (HyperDual::constant(s) * y).sin(), Dual::constant(1.0)).2,
            s,
        );
        let h = 2e-5;
        // φ = -s² sin s, |φ'''| = |-6 cos s + 6 s sin s + s² cos s| <= 6 + 12 + 4 = 22
        // on |s| <= 2 (the step stays inside to first order); |φ| <= 4, computed to
        // within 8 ε 4: error <= h² / 6 * 22 + 2 * 32 ε / (2 h)
        let tol = h * h / 6.0 * 22.0 + 32.0 * EPS / h;
        let fd = (phi(s + h) - phi(s - h)) / (2.0 * h);
        prop_assert!((nested - fd).abs() <= tol, "{nested} vs {fd}");
    }

    /// `implicit_jacobian` inside `gradient` against central differences of the
    /// plain `implicit_jacobian`: g(x, p) = (x0 - p0 x1, x1³ - p1) has
    /// x* = (p0 p1^(1/3), p1^(1/3)) and φ(p) = ∂x0*/∂p1 = p0 p1^(-2/3) / 3.
    #[test]
    fn gradient_of_implicit_jacobian_matches_differences(p0 in 0.5..2.0_f64, p1 in 0.5..2.0_f64) {
        fn g<D: DualNum<f64>>(x: &[D], p: &[D]) -> Vec<D> {
            vec![x[0] - p[0] * x[1], x[1].powi(3) - p[1]]
        }
        let phi = |p0: f64, p1: f64| {
            let x1 = p1.cbrt();
            implicit_jacobian(g, &[p0 * x1, x1], &[p0, p1]).map_or(f64::NAN, |s| s[(0, 1)])
        };
        let (_, nested) = gradient(
            |p| {
                // the solution carries its own dependence on p
                let x1 = p[1].cbrt();
                implicit_jacobian(g, &[p[0] * x1, x1], p).map_or(DualVec::from_re(f64::NAN), |s| s[(0, 1)])
            },
            &[p0, p1],
        );
        let h = 1e-5;
        // φ is linear in p0 (no truncation error); |∂³φ/∂p1³| = p0 (80/81) p1^(-11/3)
        // <= 2 (80/81) 0.49^(-11/3) < 26 on the box widened by h; |φ| <= 2/3 * 0.5^(-2/3)
        // < 1.1, computed (through an LU solve) to within 64 ε 1.1
        let rounding = 2.0 * 64.0 * EPS * 1.1 / (2.0 * h);
        let d0 = (phi(p0 + h, p1) - phi(p0 - h, p1)) / (2.0 * h);
        let d1 = (phi(p0, p1 + h) - phi(p0, p1 - h)) / (2.0 * h);
        prop_assert!((nested[0] - d0).abs() <= rounding, "{} vs {d0}", nested[0]);
        prop_assert!((nested[1] - d1).abs() <= h * h / 6.0 * 26.0 + rounding, "{} vs {d1}", nested[1]);
        // and the closed forms: ∂φ/∂p0 = p1^(-2/3) / 3, ∂φ/∂p1 = -2 p0 p1^(-5/3) / 9
        prop_assert!((nested[0] - p1.powf(-2.0 / 3.0) / 3.0).abs() <= 1e-14);
        prop_assert!((nested[1] + 2.0 * p0 * p1.powf(-5.0 / 3.0) / 9.0).abs() <= 1e-13);
    }
}
