//! A short tour of hyperdiff: exact derivatives beside finite differences,
//! Taylor coefficients, Hessians of the classic examples, and Newton's method.
//!
//! Run with `cargo run --release --example tour`.

use hyperdiff::hessian::HESSIAN_BLOCK;
use hyperdiff::hessian::fd::{self, Stencil};
use hyperdiff::prelude::*;

/// The classic example of the AD literature, written once for every number type.
fn f<D: DualNum<f64>>(x: D) -> D {
    x.exp() / (x.sin().powi(3) + x.cos().powi(3)).sqrt()
}

/// Rosenbrock's banana in n variables (chained form).
fn rosenbrock<D: DualNum<f64>>(x: &[D]) -> D {
    x.windows(2)
        .map(|w| (w[1] - w[0] * w[0]).powi(2) * 100.0 + (-w[0] + 1.0).powi(2))
        .sum()
}

/// n/2 uncoupled Rosenbrock pairs (Moré, Garbow and Hillstrom's extended form).
fn extended_rosenbrock<D: DualNum<f64>>(x: &[D]) -> D {
    x.chunks(2)
        .map(|w| (w[1] - w[0] * w[0]).powi(2) * 100.0 + (-w[0] + 1.0).powi(2))
        .sum()
}

pub fn main() {
    println!("1. f(x) = e^x / sqrt(sin^3 x + cos^3 x) at x = 1.5");
    let (_, d1, d2) = second_derivative(f, 1.5);
    let (exact1, exact2) = (4.053427893898621, 9.463073681596603); // SymPy, scripts/reference.py
    println!("   exact (one HyperDual evaluation): f' = {d1}, f'' = {d2}");
    println!(
        "   error against SymPy:              {:.1e}, {:.1e}",
        (d1 - exact1).abs(),
        (d2 - exact2).abs()
    );
    println!("   central differences:");
    println!(
        "   {:>8}  {:>20}  {:>9}  {:>20}  {:>9}",
        "h", "f'", "error", "f''", "error"
    );
    for h in [1e-2, 1e-4, 1e-6, 1e-8] {
        let (_, c1) = fd::derivative_with_step(f, 1.5, Stencil::Central, h);
        let (_, _, c2) = fd::second_derivative_with_step(f, 1.5, Stencil::Central, h);
        println!(
            "   {h:>8.0e}  {c1:>20.15}  {:>9.1e}  {c2:>20.15}  {:>9.1e}",
            (c1 - exact1).abs(),
            (c2 - exact2).abs()
        );
    }

    println!("\n2. Taylor coefficients of tan at 0 (one Taylor<f64, 9> evaluation)");
    let c = taylor_coefficients::<9, _>(|x| x.tan(), 0.0);
    let odd: Vec<String> = c
        .iter()
        .skip(1)
        .step_by(2)
        .map(|v| format!("{v:.10}"))
        .collect();
    println!("   c1, c3, ..., c9 = {}", odd.join(", "));
    println!("   expected          1, 1/3, 2/15, 17/315, 62/2835");

    println!("\n3. Hessians and critical points at the origin");
    type Example = fn(&[HyperDualVec64<HESSIAN_BLOCK>]) -> HyperDualVec64<HESSIAN_BLOCK>;
    let examples: [(&str, Example); 4] = [
        ("x^2 + y^2 + xy", |x| {
            x[0] * x[0] + x[1] * x[1] + x[0] * x[1]
        }),
        ("x^2 + y^2     ", |x| x[0] * x[0] + x[1] * x[1]),
        ("x^2 - y^2     ", |x| x[0] * x[0] - x[1] * x[1]),
        ("-(x^2 + y^2)  ", |x| -(x[0] * x[0] + x[1] * x[1])),
    ];
    for (name, g) in examples {
        let (_, _, h) = hessian(g, &[0.0, 0.0]);
        let h = h.map(|v| v + 0.0); // print -0 as 0
        let kind = match classify_critical_point(g, &[0.0, 0.0], 1e-12) {
            Ok(kind) => format!("{kind:?}"),
            Err(e) => e.to_string(),
        };
        println!(
            "   {name}  H = [[{:>2}, {:>2}], [{:>2}, {:>2}]]  {kind}",
            h[(0, 0)],
            h[(0, 1)],
            h[(1, 0)],
            h[(1, 1)]
        );
    }

    println!("\n4. Newton's method with the exact Hessian");
    let options = NewtonOptions::default();
    let r = minimize_newton(rosenbrock, &[-1.2, 1.0], &options);
    println!(
        "   Rosenbrock n = 2 from (-1.2, 1): {} iterations, x = ({:.12}, {:.12}), |grad| = {:.1e}, converged: {}",
        r.iterations, r.point[0], r.point[1], r.gradient_norm, r.converged
    );
    let start: Vec<f64> = (0..10)
        .map(|i| if i % 2 == 0 { -1.2 } else { 1.0 })
        .collect();
    let r = minimize_newton(extended_rosenbrock, &start, &options);
    let worst = r.point.iter().map(|v| (v - 1.0).abs()).fold(0.0, f64::max);
    println!(
        "   extended Rosenbrock n = 10 from (-1.2, 1, ...): {} iterations, max |x_i - 1| = {worst:.1e}, converged: {}",
        r.iterations, r.converged
    );
}
