//! The crate's conventions, checked where they used to be broken: misuse is
//! `Err`, mathematics outside the domain is NaN (or an `Err` where the answer
//! is not a number), index queries are `Option`; Newton's method reports
//! convergence only at a minimum and reaches tight tolerances.

use dual::DualNum;
use hessian::*;

/// ln(-x² - 1): NaN at every real point (issue 12).
fn nowhere_defined<D: DualNum<f64>>(x: &[D]) -> D {
    (-(x[0] * x[0]) - 1.0).ln()
}

#[test]
fn classify_outside_the_domain_is_an_error() {
    let e = classify_critical_point(nowhere_defined, &[0.0], 1e-9).unwrap_err();
    assert!(matches!(e, Error::NonFiniteValue { value } if value.is_nan()));
    assert!(e.to_string().contains("not finite"), "{e}");
    // an infinite value is outside the domain too: ln(x²) at 0
    let e = classify_critical_point(|x| (x[0] * x[0]).ln(), &[0.0], 1e-9).unwrap_err();
    assert_eq!(
        e,
        Error::NonFiniteValue {
            value: f64::NEG_INFINITY
        }
    );
}

#[test]
fn condition_number_outside_the_domain_is_nan() {
    assert!(condition_number(nowhere_defined, &[0.0]).unwrap().is_nan());
    assert!(
        condition_number(nowhere_defined, &[0.5, 1.0][..1])
            .unwrap()
            .is_nan()
    );
}

#[test]
fn condition_number_of_a_zero_hessian_is_infinite() {
    // a linear function: H = 0, singular, as documented
    assert_eq!(
        condition_number(|x| x[0] * 2.0 - x[1], &[1.0, 2.0]),
        Ok(f64::INFINITY)
    );
    assert_eq!(
        condition_number(|x| x[0] * 0.0 + 3.0, &[1.0]),
        Ok(f64::INFINITY)
    );
    // and a regular one is |λ_max / λ_min| (H = diag(2, -8))
    assert_eq!(
        condition_number(|x| x[0] * x[0] - x[1] * x[1] * 4.0, &[1.0, 2.0]),
        Ok(4.0)
    );
}

#[test]
fn newton_never_converges_at_a_maximum_or_saddle() {
    let o = NewtonOptions::default();
    let r = minimize_newton(|x| -(x[0] * x[0]), &[0.0], &o);
    assert!(!r.converged, "{r:?}");
    assert!(r.value < 0.0, "it went downhill: {r:?}");
    let r = minimize_newton(|x| x[0] * x[0] - x[1] * x[1], &[0.0, 0.0], &o);
    assert!(!r.converged, "{r:?}");
    let r = minimize_newton(|x| -(x[0] * x[0] + x[1] * x[1]), &[0.0, 0.0], &o);
    assert!(!r.converged, "{r:?}");
}

#[test]
fn newton_leaves_a_saddle_for_the_minimum_beside_it() {
    // x⁴ - x² + y²: a saddle at 0, minima at (±1/√2, 0) with value -1/4
    let f = |x: &[HyperDualVec64<HESSIAN_BLOCK>]| x[0].powi(4) - x[0] * x[0] + x[1] * x[1];
    let r = minimize_newton(f, &[0.0, 0.0], &NewtonOptions::default());
    assert!(r.converged, "{r:?}");
    // |g| <= sqrt(ε) with H = diag(4, 2) at the minimum: x within 1e-8
    approx::assert_relative_eq!(r.point[0].abs(), 0.5_f64.sqrt(), max_relative = 1e-8);
    approx::assert_relative_eq!(r.value, -0.25, max_relative = 1e-14);
    // a degenerate minimum (H = 0 at the minimum of x⁴) still converges
    let r = minimize_newton(|x| x[0].powi(4), &[1.0], &NewtonOptions::default());
    assert!(r.converged, "{r:?}");
}

use dual::HyperDualVec64;

mod common;
use common::Rosenbrock;

/// From (-1.2, 1, -1.2, 1, ...) and from (-1.2, 1, 1, ...) the chained form
/// converges to its local minimum near (-1, 1, ..., 1), where f ≈ 4: the last
/// decreases are far below the rounding of f, and the Armijo test used to
/// stall there (issue 12: 200 iterations, |g| = 4.4e-9 at gradient_tol 1e-13).
///
/// The gradient's floor there is its own rounding: its components add terms
/// of size 200..400 |x_i|, each rounded to ε of that, so |g| cannot be
/// brought much below √n · 400 ε ≈ 3e-13 in f64 (measured: 1.0e-13). A
/// tolerance of 5e-13 must be met; at 1e-13 the search must stop at the floor
/// in a few steps, not run to the iteration limit.
#[test]
fn newton_reaches_tight_tolerances() {
    let n = 10;
    let alternating: Vec<f64> = (0..n)
        .map(|i| if i % 2 == 0 { -1.2 } else { 1.0 })
        .collect();
    let mut issue_start = vec![1.0; n];
    issue_start[0] = -1.2;
    for x0 in [alternating, issue_start] {
        let tight = NewtonOptions {
            gradient_tol: 5e-13,
            ..NewtonOptions::default()
        };
        let r = minimize_newton(|x| Rosenbrock.eval(x), &x0, &tight);
        assert!(r.converged, "{r:?}");
        assert!(r.iterations < 40, "{} iterations", r.iterations);
        assert!(r.value > 1.0, "the local minimum: {}", r.value);
        let r2 = minimize_newton_function(&Rosenbrock, &x0, &tight);
        assert_eq!(r2, r);
        let tighter = NewtonOptions {
            gradient_tol: 1e-13,
            ..tight
        };
        let r = minimize_newton_function(&Rosenbrock, &x0, &tighter);
        assert!(r.gradient_norm < 5e-13, "{r:?}");
        assert!(r.iterations < 40, "stopped at the floor: {r:?}");
        assert_eq!(r.converged, r.gradient_norm <= 1e-13);
    }
}

/// Counts plain and hyper-dual evaluations of the Rosenbrock function.
struct Counting<'a> {
    plain: &'a std::cell::Cell<usize>,
    dual: &'a std::cell::Cell<usize>,
}
impl Function<f64> for Counting<'_> {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
        if core::any::TypeId::of::<D>() == core::any::TypeId::of::<f64>() {
            self.plain.set(self.plain.get() + 1);
        } else {
            self.dual.set(self.dual.get() + 1);
        }
        Rosenbrock.eval(x)
    }
}

/// The `Function` form takes the same steps as the closure form, and its
/// line-search trials are plain evaluations.
#[test]
fn newton_function_form_line_search_is_plain() {
    use std::cell::Cell;
    let (plain, dual) = (Cell::new(0), Cell::new(0));
    let f = Counting {
        plain: &plain,
        dual: &dual,
    };
    let x0 = [-1.2, 1.0];
    let o = NewtonOptions::default();
    let a = minimize_newton(|x| f.eval(x), &x0, &o);
    let (closure_plain, closure_dual) = (plain.replace(0), dual.replace(0));
    let b = minimize_newton_function(&f, &x0, &o);
    assert_eq!(a, b);
    assert_eq!(closure_plain, 0, "the closure form has one argument type");
    // one Hessian per iterate (n = 2 <= W: one evaluation each), plus the
    // iterates where a rounding-level trial needed its gradient
    assert!(dual.get() > a.iterations);
    assert!(plain.get() >= a.iterations, "at least one trial per step");
    assert_eq!(closure_dual, dual.get() + plain.get());
}

#[test]
fn models_answer_index_queries_with_option() {
    let p = TaylorPolynomial::new::<3>(|x| x.exp(), 0.0);
    assert_eq!(p.coeff(4), None);
    assert_eq!(p.coeff(usize::MAX), None);
    let e = TaylorExpansion::new::<2>(|x| x[0] * x[1], &[1.0, 2.0]).unwrap();
    assert_eq!(e.coeff(&[usize::MAX, 3]), None);
    assert_eq!(e.coeff(&[usize::MAX, usize::MAX]), None);
    assert_eq!(e.coeff(&[1]), None);
    assert_eq!(e.coeff(&[1, 1]), Some(1.0));
}

#[test]
fn models_report_misuse_with_err() {
    let q = QuadraticModel::new(|x| x[0] * x[1], &[1.0, 2.0]).unwrap();
    assert!(matches!(
        q.eval(&[1.0]),
        Err(Error::LengthMismatch {
            argument: Argument::Displacement,
            found: 1,
            expected: 2
        })
    ));
    let e = TaylorExpansion::new::<2>(|x| x[0] * x[1], &[1.0, 2.0]).unwrap();
    assert!(e.eval(&[1.0, 2.0, 3.0]).is_err());
}

#[test]
fn quadratic_model_inside_a_same_level_driver_is_an_error() {
    let inner = std::cell::Cell::new(None);
    let _ = hessian(
        |x| {
            inner.set(Some(
                QuadraticModel::new(|y| y[0] * y[0], &[1.0]).map(|_| ()),
            ));
            x[0] * x[0]
        },
        &[1.0],
    );
    assert!(matches!(
        inner.take(),
        Some(Err(Error::PerturbationConfusion { .. }))
    ));
}

#[test]
fn analysis_inside_a_same_level_driver_is_an_error() {
    let seen = std::cell::Cell::new((None, None));
    let _ = hessian(
        |x| {
            seen.set((
                Some(classify_critical_point(|y| y[0] * y[0], &[0.0], 1e-9)),
                Some(condition_number(|y| y[0] * y[0], &[1.0])),
            ));
            x[0] * x[0]
        },
        &[1.0],
    );
    let (kind, k) = seen.take();
    assert!(matches!(
        kind,
        Some(Err(Error::PerturbationConfusion { .. }))
    ));
    assert!(matches!(k, Some(Err(Error::PerturbationConfusion { .. }))));
}

/// The value rule: every driver that returns a whole derivative object, and
/// every `_with_value` form, returns f(x) first, and the projections agree
/// with their `_with_value` forms.
#[test]
fn value_rule() {
    fn f<D: DualNum<f64>>(x: &[D]) -> D {
        x[0].sin() * x[1].exp() + x[0] * x[1] * x[2]
    }
    let x = [0.3, -0.4, 1.7];
    let v = [1.0, 2.0, -0.5];
    let value = f(&x);
    let (v0, g) = gradient(f, &x);
    let (v1, g1, h) = hessian(f, &x);
    assert_eq!((v0, v1), (value, value));
    assert_eq!(g, g1);
    let (v2, g2, hv) = hessian_vector_product_with_value(f, &x, &v).unwrap();
    assert_eq!(v2, value);
    approx::assert_relative_eq!(g2, g, max_relative = 1e-15);
    approx::assert_relative_eq!(
        hv,
        &h * nalgebra::DVector::from_column_slice(&v),
        max_relative = 1e-14
    );
    assert_eq!(hessian_vector_product(f, &x, &v).unwrap(), hv);
    let (v3, d) = directional_derivative_with_value(f, &x, &v).unwrap();
    assert_eq!(v3, value);
    assert_eq!(directional_derivative(f, &x, &v).unwrap(), d);
    approx::assert_relative_eq!(
        d,
        g.dot(&nalgebra::DVector::from_column_slice(&v)),
        max_relative = 1e-14
    );
    let (v4, d1, d2) = second_directional_derivative_with_value(f, &x, &v).unwrap();
    assert_eq!((v4, d1), (value, d));
    assert_eq!(second_directional_derivative(f, &x, &v).unwrap(), d2);
    let (v5, p) = partial_derivative_with_value(f, &x, 2).unwrap();
    assert_eq!((v5, p), (value, partial_derivative(f, &x, 2).unwrap()));
    let (v6, pi, pj, pij) = second_partial_derivative_with_value(f, &x, 0, 1).unwrap();
    assert_eq!(v6, value);
    approx::assert_relative_eq!(pi, g[0], max_relative = 1e-15);
    approx::assert_relative_eq!(pj, g[1], max_relative = 1e-15);
    assert_eq!(pij, second_partial_derivative(f, &x, 0, 1).unwrap());
    // the misuse of each _with_value form is the Err of its projection
    assert_eq!(
        hessian_vector_product_with_value(f, &x, &v[..2]).unwrap_err(),
        hessian_vector_product(f, &x, &v[..2]).unwrap_err()
    );
    assert!(matches!(
        second_partial_derivative_with_value(f, &x, 0, 3),
        Err(Error::IndexOutOfRange { index: 3, len: 3 })
    ));
    // the finite differences return the same shapes, value first
    let plain = |y: &[f64]| f(y);
    let (fv, fg) = fd::gradient(plain, &x, fd::Stencil::Central);
    let (fv2, fg2, fh) = fd::hessian(plain, &x, fd::Stencil::Central);
    assert_eq!((fv, fv2), (value, value));
    // central bounds of the fd module docs: h² M3 / 6 + e / h with
    // h = ε^(1/3) max(|x|, 1) and M3, |f| below 10 here: about 1e-10
    approx::assert_relative_eq!(fg, g, epsilon = 1e-8);
    // the Hessian's gradient uses the second step ε^(1/4): about 1e-8
    approx::assert_relative_eq!(fg2, g, epsilon = 1e-6);
    approx::assert_relative_eq!(fh, h, epsilon = 1e-6);
    let (u, du) = fd::derivative(f64::exp, 0.5, fd::Stencil::FivePoint);
    let (u2, du2, ddu) = fd::second_derivative(f64::exp, 0.5, fd::Stencil::Forward);
    assert_eq!((u, u2), (0.5_f64.exp(), 0.5_f64.exp()));
    approx::assert_relative_eq!(du, 0.5_f64.exp(), max_relative = 1e-11);
    // forward f' at the forward second step ε^(1/3): h M2 / 2 ≈ 5e-6
    approx::assert_relative_eq!(du2, 0.5_f64.exp(), max_relative = 1e-5);
    approx::assert_relative_eq!(ddu, 0.5_f64.exp(), max_relative = 1e-4);
}

/// Every finite difference evaluates f(x) once, and never more often than the
/// stencil needs.
#[test]
fn fd_evaluation_counts() {
    use std::cell::Cell;
    let calls = Cell::new(0);
    let f = |x: &[f64]| {
        calls.set(calls.get() + 1);
        x.iter().map(|v| v * v).sum::<f64>()
    };
    let x = [1.0, 2.0, 3.0];
    let _ = fd::gradient(f, &x, fd::Stencil::Forward);
    assert_eq!(calls.replace(0), 1 + 3);
    let _ = fd::gradient(f, &x, fd::Stencil::Central);
    assert_eq!(calls.replace(0), 1 + 3 * 2);
    // diagonal: 2 new points each (the centre is shared); 3 pairs of 4 points
    let _ = fd::hessian(f, &x, fd::Stencil::Central);
    assert_eq!(calls.replace(0), 1 + 3 * 2 + 3 * 4);
    let g = |t: f64| {
        calls.set(calls.get() + 1);
        t.sin()
    };
    let _ = fd::second_derivative(g, 1.0, fd::Stencil::FivePoint);
    assert_eq!(calls.replace(0), 5);
    let _ = fd::derivative(g, 1.0, fd::Stencil::Central);
    assert_eq!(calls.replace(0), 3);
}
