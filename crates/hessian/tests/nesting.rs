//! Nested drivers: the correctly typed form is exact, the same-level form is NaN or Err.

use dual::{Dual, Dual64, DualNum, DualVec};
use hessian::*;

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
fn same_level_nesting_is_nan_not_wrong() {
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
fn gradient_of_gradient_is_hessian() {
    fn u<D: DualNum<f64>>(x: &[D]) -> D {
        x[0] * x[0] * x[1] + x[1].sin()
    }
    let p = [0.7, -0.4];
    let (_, j) = jacobian(
        |x: &[DualVec<f64, 8>]| gradient(u, x).1.iter().copied().collect(),
        &p,
    );
    let (_, _, h) = hessian(u, &p);
    approx::assert_relative_eq!(j, h, max_relative = 1e-15);
}
