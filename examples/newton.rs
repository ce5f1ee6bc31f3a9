//! Newton's method with the exact Hessian on Rosenbrock's function from the
//! classic start (-1.2, 1), with the distance to the minimiser (1, 1) after
//! each step: quadratic convergence at the end.
//!
//! Run with `cargo run --example newton`. The test suite runs `main` once
//! (tests/examples.rs); every claim printed is also asserted.

use hyperdiff::prelude::*;

/// Rosenbrock's banana: minimum 0 at (1, 1).
fn rosenbrock<D: DualNum<f64>>(x: &[D]) -> D {
    (x[1] - x[0] * x[0]).powi(2) * 100.0 + (-x[0] + 1.0).powi(2)
}

pub fn main() {
    let start = [-1.2, 1.0];
    // stop at a gradient norm of 1e-12, about 10 rounding errors of the
    // gradient's terms (400 x (x² - y) ~ 400 near the solution)
    let options = NewtonOptions {
        gradient_tol: 1e-12,
        ..NewtonOptions::default()
    };
    let report = minimize_newton(rosenbrock, &start, &options);
    assert!(report.converged);
    // |x - x*| <= |g| / λ_min, λ_min = 501 - sqrt(250601) ≈ 0.4 at (1, 1)
    approx::assert_abs_diff_eq!(report.point[0], 1.0, epsilon = 1e-11);
    approx::assert_abs_diff_eq!(report.point[1], 1.0, epsilon = 1e-11);

    // The path: rerun with the iteration budget k = 0, 1, 2, ... (each run is
    // deterministic, so run k stops at the k-th iterate of the full run).
    println!("Rosenbrock from (-1.2, 1), Newton with the exact Hessian");
    println!(" k  x_k                                 |x_k - (1,1)|   f(x_k)");
    let mut errors = Vec::new();
    for k in 0..=report.iterations {
        let capped = NewtonOptions {
            max_iterations: k,
            ..options
        };
        let r = minimize_newton(rosenbrock, &start, &capped);
        let e = ((r.point[0] - 1.0).powi(2) + (r.point[1] - 1.0).powi(2)).sqrt();
        println!(
            "{k:>2}  ({:>15.12}, {:>15.12})  {e:>13.3e}   {:.3e}",
            r.point[0], r.point[1], r.value
        );
        errors.push(e);
    }
    // Quadratic convergence near the solution: e_{k+1} <= C e_k^2. With the
    // Hessian's conditioning (about 2.5e3 at the minimum) C is of order 10^3;
    // check it on the last steps with errors above rounding (1e-13).
    let tail: Vec<(f64, f64)> = errors
        .windows(2)
        .map(|w| (w[0], w[1]))
        .filter(|&(a, _)| a < 1e-2 && a > 1e-13)
        .collect();
    assert!(!tail.is_empty());
    for &(a, b) in &tail {
        assert!(b <= 1e3 * a * a, "not quadratic: {a:e} -> {b:e}");
    }
    println!(
        "converged in {} steps; gradient norm {:.1e}",
        report.iterations, report.gradient_norm
    );
}
