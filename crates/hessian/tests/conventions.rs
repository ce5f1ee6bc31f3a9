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

/// The chained Rosenbrock function as a [`Function`].
struct Rosenbrock;
impl Function<f64> for Rosenbrock {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
        x.windows(2)
            .map(|w| (w[1] - w[0] * w[0]).powi(2) * 100.0 + (-w[0] + 1.0).powi(2))
            .sum()
    }
}

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
    assert!(dual.get() >= a.iterations + 1);
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
