//! argmin's solvers on exact derivatives: the extended Rosenbrock function
//! (n = 10) minimised by L-BFGS, Newton and a trust region, and an
//! exponential decay fitted to exact data by Gauss-Newton.
//!
//! Run with `cargo run --example argmin --features argmin`.

use argmin::core::{Executor, State};
use argmin::solver::gaussnewton::GaussNewton;
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::newton::Newton;
use argmin::solver::quasinewton::LBFGS;
use argmin::solver::trustregion::{Steihaug, TrustRegion};
use hyperdiff::hessian::argmin_adapter::Exact;
use hyperdiff::prelude::*;

/// The chained Rosenbrock function, minimum 0 at (1, ..., 1).
struct Rosenbrock;
impl Function<f64> for Rosenbrock {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
        x.windows(2)
            .map(|w| (w[1] - w[0] * w[0]).powi(2) * 100.0 + (-w[0] + 1.0).powi(2))
            .sum()
    }
}

/// Residuals `a e^(-k t_i) - y_i` of a decay model against data.
struct Decay {
    t: Vec<f64>,
    y: Vec<f64>,
}
impl VectorFunction<f64> for Decay {
    fn eval<D: DualNum<f64>>(&self, p: &[D]) -> Vec<D> {
        self.t
            .iter()
            .zip(&self.y)
            .map(|(&t, &y)| p[0] * (-(p[1] * t)).exp() - y)
            .collect()
    }
}

fn main() -> Result<(), argmin::core::Error> {
    let n: u8 = 10;
    // from (-1.2, 1, ..., 1) the chained form leads descent methods to its
    // local minimum near (-1, 1, ..., 1) (f ≈ 3.99); start where the valley
    // leads to the global one, and, for plain Newton (full steps, no
    // safeguard), where the Hessian is positive definite
    let start: Vec<f64> = (0..n).map(|i| 0.5 + 0.05 * f64::from(i)).collect();
    let near: Vec<f64> = (0..n).map(|i| 0.9 + 0.01 * f64::from(i)).collect();

    let lbfgs = LBFGS::new(MoreThuenteLineSearch::new(), 7).with_tolerance_grad(1e-12)?;
    let r = Executor::new(Exact(Rosenbrock), lbfgs)
        .configure(|s| s.param(start.clone()).max_iters(500))
        .run()?;
    println!(
        "L-BFGS:            f = {:.3e} after {} iterations",
        r.state().get_best_cost(),
        r.state().get_iter()
    );

    let r = Executor::new(Exact(Rosenbrock), Newton::<f64>::new())
        .configure(|s| s.param(near).max_iters(20))
        .run()?;
    // Newton uses only derivatives, so argmin records no cost: evaluate it
    let x = r.state().get_param().cloned().unwrap_or_default();
    println!(
        "Newton:            f = {:.3e} after {} iterations",
        Rosenbrock.eval(&x),
        r.state().get_iter()
    );

    let tr = TrustRegion::new(Steihaug::new().with_max_iters(20));
    let r = Executor::new(Exact(Rosenbrock), tr)
        .configure(|s| s.param(start).max_iters(500))
        .run()?;
    println!(
        "Trust region (CG): f = {:.3e} after {} iterations",
        r.state().get_best_cost(),
        r.state().get_iter()
    );

    // data from a = 2.5, k = 0.7, exactly
    let t: Vec<f64> = (0..12).map(|i| f64::from(i) * 0.5).collect();
    let y = t.iter().map(|&t| 2.5 * (-0.7 * t).exp()).collect();
    let r = Executor::new(Exact(Decay { t, y }), GaussNewton::new())
        .configure(|s| s.param(vec![1.0, 0.3]).max_iters(30))
        .run()?;
    let p = r.state().get_best_param().cloned().unwrap_or_default();
    println!("Gauss-Newton fit:  a = {:.12}, k = {:.12}", p[0], p[1]);
    Ok(())
}
