//! Un-annotated closures handed to the drivers: the driver chooses the number
//! type, and literals beside it need no annotation (a regression test of the
//! operator impls' inference behaviour, which a change of impls can break).

use hyperdiff::prelude::*;

#[test]
fn literal_on_the_right_then_a_method() {
    let x: f64 = 0.5;
    let (y, dy) = derivative(|x| (x - 2.0).sin() * (x * 3.0).exp(), x);
    // d/dx [sin(x - 2) e^{3x}] = cos(x - 2) e^{3x} + 3 sin(x - 2) e^{3x}
    let e = (3.0 * x).exp();
    approx::assert_relative_eq!(y, (x - 2.0).sin() * e, max_relative = 1e-15);
    approx::assert_relative_eq!(
        dy,
        ((x - 2.0).cos() + 3.0 * (x - 2.0).sin()) * e,
        max_relative = 1e-14
    );
}

#[test]
fn literal_on_the_left_with_a_typed_point() {
    // A literal on the left of a method call needs the point's type (`_f64`),
    // because both `f32 - D` and `f64 - D` exist.
    let (_, dy) = derivative(|x| (2.0 - x).sin(), 0.5_f64);
    approx::assert_relative_eq!(dy, -(1.5_f64.cos()), max_relative = 1e-15);
}

#[test]
fn gradient_and_f32() {
    let (_, g) = gradient(|v| (v[0] - 1.0).powi(2) + (v[1] * 2.0).sin(), &[0.5, 1.0]);
    assert_eq!(g[0], -1.0);
    approx::assert_relative_eq!(g[1], 2.0 * 2.0_f64.cos(), max_relative = 1e-15);
    let (_, d1, d2) = second_derivative(|x| (x + 1.0).ln(), 0.5_f32);
    approx::assert_relative_eq!(d1, 1.0 / 1.5, max_relative = 1e-6);
    approx::assert_relative_eq!(d2, -1.0 / 2.25, max_relative = 1e-6);
}

#[test]
fn nested_calls_infer_from_the_points() {
    // the inner point's type (a constant of the outer closure's type) picks the
    // inner number type; no closure is annotated
    let (_, d) = derivative(
        |x| x * derivative(|y| Dual::constant(x) * y, Dual::constant(2.0)).1,
        5.0,
    );
    assert_eq!(d, 10.0);
    // the inner point is built from the outer variable itself
    let (_, d) = derivative(|x| derivative(|y| y * y * y, x).1, 2.0);
    assert_eq!(d, 12.0); // d/dx 3x² = 6x
    // gradient inside jacobian, hessian of a gradient norm
    let (_, j) = jacobian(
        |x| {
            gradient(|y| y[0] * y[0] * y[1], x)
                .1
                .iter()
                .copied()
                .collect()
        },
        &[1.0, 2.0],
    );
    assert_eq!(j[(0, 1)], 2.0);
    let (_, _, h) = hessian(|x| gradient(|y| y[0] * y[0], x).1[0], &[3.0]);
    assert_eq!(h[(0, 0)], 0.0); // d²/dx² 2x = 0
    // implicit differentiation inside a derivative: x² = p, dx*/dp = 1 / (2 sqrt p)
    let (_, d) = derivative(
        |p| {
            implicit_jacobian(|x, q| vec![x[0] * x[0] - q[0]], &[p.sqrt()], &[p])
                .map_or(Dual::from_re(f64::NAN), |j| j[(0, 0)])
        },
        4.0,
    );
    approx::assert_relative_eq!(d, -1.0 / (4.0 * 8.0), max_relative = 1e-15);
}
