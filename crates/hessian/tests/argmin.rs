//! argmin's solvers on exact derivatives (`--features argmin`): each converges
//! on the extended Rosenbrock function (n = 10) and Gauss-Newton on a
//! nonlinear least-squares fit.
#![cfg(feature = "argmin")]

use argmin::core::{CostFunction, Executor, Gradient, Hessian, Jacobian, Operator, State};
use argmin::solver::gaussnewton::GaussNewton;
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::newton::{Newton, NewtonCG};
use argmin::solver::quasinewton::{BFGS, LBFGS};
use argmin::solver::trustregion::{Dogleg, Steihaug, TrustRegion};
use argmin_math::ArgminInv;
use dual::DualNum;
use hessian::argmin_adapter::{Exact, Matrix};
use hessian::{Function, VectorFunction, gradient};

const N: usize = 10;

mod common;
use common::Rosenbrock;

/// A start from which the chained form's descent reaches the global minimum
/// (1, ..., 1) rather than its local one near (-1, 1, ..., 1).
fn start() -> Vec<f64> {
    (0..N).map(|i| 0.5 + 0.05 * i as f64).collect()
}

/// At the global minimum f = 0 and H has λ_min ≈ 0.4, so |x - 1| <= |g| / 0.4;
/// each solver is asked for a gradient below 1e-8 (or f below 1e-16), which
/// puts x within 1e-6 of the minimum.
fn assert_at_minimum(name: &str, x: &[f64]) {
    let (f, g) = gradient(|y| Rosenbrock.eval(y), x);
    assert!(g.norm() < 1e-6, "{name}: |g| = {:e}", g.norm());
    assert!(f < 1e-12, "{name}: f = {f:e}");
    for (i, &xi) in x.iter().enumerate() {
        assert!((xi - 1.0).abs() < 1e-5, "{name}: x[{i}] = {xi}");
    }
}

fn best(r: &impl State<Param = Vec<f64>>) -> Vec<f64> {
    r.get_best_param().cloned().unwrap_or_default()
}

#[test]
fn lbfgs_and_bfgs() {
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), 7)
        .with_tolerance_grad(1e-10)
        .unwrap();
    let r = Executor::new(Exact(Rosenbrock), solver)
        .configure(|s| s.param(start()).max_iters(1000))
        .run()
        .unwrap();
    assert_at_minimum("L-BFGS", &best(r.state()));

    let identity: Vec<Vec<f64>> = (0..N)
        .map(|i| (0..N).map(|j| f64::from(u8::from(i == j))).collect())
        .collect();
    let solver = BFGS::new(MoreThuenteLineSearch::new())
        .with_tolerance_grad(1e-10)
        .unwrap();
    let r = Executor::new(Exact(Rosenbrock), solver)
        .configure(|s| s.param(start()).inv_hessian(identity).max_iters(1000))
        .run()
        .unwrap();
    assert_at_minimum("BFGS", &best(r.state()));
}

/// A start where the Hessian is positive definite, for the solvers that take
/// the Newton step unguarded (plain Newton, dogleg).
fn near() -> Vec<f64> {
    (0..N).map(|i| 0.9 + 0.01 * i as f64).collect()
}

/// Σ (e^(x_i) - x_i) + Σ (x_(i+1) - x_i)² / 2: strictly convex, minimum 0 at 0.
struct Convex;
impl Function<f64> for Convex {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
        let a: D = x.iter().map(|&v| v.exp() - v).sum();
        let b: D = x.windows(2).map(|w| (w[1] - w[0]).powi(2) * 0.5).sum();
        a + b - N as f64
    }
}

#[test]
fn newton_and_newton_cg() {
    // plain Newton takes full steps: from close enough it converges quadratically
    let r = Executor::new(Exact(Rosenbrock), Newton::<f64>::new())
        .configure(|s| s.param(near()).max_iters(50))
        .run()
        .unwrap();
    assert_at_minimum("Newton", &r.state().get_param().cloned().unwrap());

    // argmin 0.11's Newton-CG ends its inner CG loop on the squared residual
    // norm, so its steps are inexact and it crawls along Rosenbrock's valley;
    // on a convex function it converges
    let solver = NewtonCG::new(MoreThuenteLineSearch::new());
    let x0: Vec<f64> = (0..N).map(|i| 1.0 - 0.2 * i as f64).collect();
    let r = Executor::new(Exact(Convex), solver)
        .configure(|s| s.param(x0).max_iters(300))
        .run()
        .unwrap();
    let x = best(r.state());
    let (_, g) = gradient(|y| Convex.eval(y), &x);
    // H >= I everywhere, so |x - 0| <= |g|
    assert!(g.norm() < 1e-6, "Newton-CG: |g| = {:e}", g.norm());
    assert!(x.iter().all(|v| v.abs() < 1e-6), "{x:?}");
}

#[test]
fn trust_regions() {
    let r = Executor::new(
        Exact(Rosenbrock),
        TrustRegion::new(Steihaug::new().with_max_iters(2 * N as u64)),
    )
    .configure(|s| s.param(start()).max_iters(500))
    .run()
    .unwrap();
    assert_at_minimum("trust region, Steihaug", &best(r.state()));

    // the dogleg path needs a positive definite Hessian
    let r = Executor::new(Exact(Rosenbrock), TrustRegion::new(Dogleg::new()))
        .configure(|s| s.param(near()).max_iters(500))
        .run()
        .unwrap();
    assert_at_minimum("trust region, dogleg", &best(r.state()));
}

/// Residuals a e^(-k t_i) + c - y_i of a decay with offset.
struct Decay {
    t: Vec<f64>,
    y: Vec<f64>,
}
impl VectorFunction<f64> for Decay {
    fn eval<D: DualNum<f64>>(&self, p: &[D]) -> Vec<D> {
        self.t
            .iter()
            .zip(&self.y)
            .map(|(&t, &y)| p[0] * (-(p[1] * t)).exp() + p[2] - y)
            .collect()
    }
}

#[test]
fn gauss_newton_fits_a_decay() {
    // exact data from (a, k, c) = (2.5, 0.7, -0.3): the fit must recover them
    let t: Vec<f64> = (0..15).map(|i| f64::from(i) * 0.4).collect();
    let y = t.iter().map(|&t| 2.5 * (-0.7 * t).exp() - 0.3).collect();
    let problem = Exact(Decay { t, y });
    let r = Executor::new(problem, GaussNewton::new())
        .configure(|s| s.param(vec![1.0, 0.3, 0.0]).max_iters(50))
        .run()
        .unwrap();
    let p = best(r.state());
    // zero-residual problem: Gauss-Newton converges quadratically to round-off
    approx::assert_relative_eq!(&p[..], &[2.5, 0.7, -0.3][..], max_relative = 1e-10);
}

#[test]
fn the_adapter_is_the_drivers() {
    let p = Exact(Rosenbrock);
    let x = start();
    assert_eq!(p.cost(&x).unwrap(), Rosenbrock.eval(&x));
    let (_, g, h) = hessian::hessian(|y| Rosenbrock.eval(y), &x);
    assert_eq!(p.gradient(&x).unwrap(), g.as_slice());
    assert_eq!(p.hessian(&x).unwrap(), Matrix(h));
    let d = Exact(Decay {
        t: vec![0.0, 1.0],
        y: vec![1.0, 1.0],
    });
    let q = vec![2.0, 0.5, 0.0];
    let r = d.apply(&q).unwrap();
    approx::assert_relative_eq!(r[1], 2.0 * (-0.5_f64).exp() - 1.0, max_relative = 1e-15);
    let j = d.jacobian(&q).unwrap().0;
    // d/dk of a e^(-k t) at t = 1 is -a t e^(-k t)
    approx::assert_relative_eq!(j[(1, 1)], -2.0 * (-0.5_f64).exp(), max_relative = 1e-15);
    assert_eq!(j[(0, 2)], 1.0);
}

#[test]
fn singular_and_misshapen_inverses_are_errors() {
    let zero = Matrix(nalgebra::DMatrix::zeros(3, 3));
    let e = ArgminInv::<Matrix>::inv(&zero).unwrap_err();
    assert!(e.to_string().contains("singular"), "{e}");
    let nan = Matrix(nalgebra::DMatrix::from_element(2, 2, f64::NAN));
    assert!(ArgminInv::<Matrix>::inv(&nan).is_err());
    let wide = Matrix(nalgebra::DMatrix::zeros(2, 3));
    assert!(ArgminInv::<Matrix>::inv(&wide).is_err());
    let empty = Matrix(nalgebra::DMatrix::zeros(0, 0));
    assert_eq!(ArgminInv::<Matrix>::inv(&empty).unwrap(), empty);
}
