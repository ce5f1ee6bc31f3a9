//! The curvature of a graph y = f(x), κ = |f''| / (1 + f'²)^(3/2), from one
//! hyper-dual evaluation, and the condition number of a Hessian, both checked
//! against closed forms.
//!
//! Run with `cargo run --example curvature`. The test suite runs `main` once
//! (tests/examples.rs); every claim printed is also asserted.

use hyperdiff::prelude::*;

/// Rosenbrock's banana: Hessian [[802, -400], [-400, 200]] at its minimum (1, 1).
fn rosenbrock<D: DualNum<f64>>(x: &[D]) -> D {
    (x[1] - x[0] * x[0]).powi(2) * 100.0 + (-x[0] + 1.0).powi(2)
}

pub fn main() {
    println!("curvature of y = f(x)        x     kappa (AD)          closed form");
    type Curve = (&'static str, fn(HyperDual64) -> HyperDual64, fn(f64) -> f64);
    let curves: [Curve; 4] = [
        // y = x²: f' = 2x, f'' = 2, κ = 2 / (1 + 4x²)^(3/2)
        (
            "parabola  y = x^2",
            |x| x * x,
            |x| 2.0 / (1.0 + 4.0 * x * x).powf(1.5),
        ),
        // the upper unit circle: κ = 1 (radius 1)
        (
            "circle    y = sqrt(1-x^2)",
            |x| (1.0 - x * x).sqrt(),
            |_| 1.0,
        ),
        // the catenary: 1 + sinh² = cosh², κ = cosh x / cosh³ x = 1 / cosh² x
        (
            "catenary  y = cosh x",
            |x| x.cosh(),
            |x| 1.0 / x.cosh().powi(2),
        ),
        // κ = |sin x| / (1 + cos² x)^(3/2)
        (
            "sine      y = sin x",
            |x| x.sin(),
            |x| x.sin().abs() / (1.0 + x.cos().powi(2)).powf(1.5),
        ),
    ];
    for (name, f, exact) in curves {
        for x in [0.0, 0.6] {
            let k = curvature(f, x);
            approx::assert_relative_eq!(k, exact(x), max_relative = 1e-14, epsilon = 1e-300);
            println!("{name:<26}{x:>4}  {k:<18}  {:<18}", exact(x));
        }
    }

    println!();
    println!("condition number |lambda_max / lambda_min| of the Hessian");
    // diag(2, 200): κ = 100
    let k = condition_number(|x| x[0] * x[0] + x[1] * x[1] * 100.0, &[0.3, -0.7]).unwrap();
    approx::assert_relative_eq!(k, 100.0, max_relative = 1e-14);
    println!("x^2 + 100 y^2 anywhere:   {k:.6}   (closed form 100)");
    // [[802, -400], [-400, 200]]: λ = 501 ± s, s = sqrt(301² + 400²) = sqrt(250601);
    // λ_min = 501 - s = 400 / (501 + s) without cancellation, so κ = (501 + s)² / 400
    let s = 250_601.0_f64.sqrt();
    let exact = (501.0 + s).powi(2) / 400.0;
    let k = condition_number(rosenbrock, &[1.0, 1.0]).unwrap();
    // the eigen-solver computes λ_min ≈ 0.4 next to λ_max ≈ 1000: an absolute
    // error of a few ε λ_max is a relative error of a few ε κ ≈ 1e-12 in λ_min
    approx::assert_relative_eq!(k, exact, max_relative = 1e-11);
    println!(
        "Rosenbrock at (1, 1):     {k:.6}   (closed form (501 + sqrt 250601)^2 / 400 = {exact:.6})"
    );
}
