//! Driver-level regressions of issue 12: nested number types keep second
//! derivatives in saturated regions (the derivative formulas of `dual` stay
//! accurate when differentiated).

use dual::DualNum;

/// `f = tanh(400 x0) + x1^2 + x0 x1`. At (1, 1) the Hessian is
/// `[[400^2 tanh''(400), 1], [1, 2]]` with `tanh''(400) = -2 tanh sech^2 ~
/// -8 e^-800`, which is 0 in f64: so `H v = [1, 3]` and `v' H v = 4` for
/// `v = (1, 1)`, exactly.
fn saturated<D: DualNum<f64>>(x: &[D]) -> D {
    (x[0] * 400.0).tanh() + x[1] * x[1] + x[0] * x[1]
}

#[test]
fn saturated_activation_through_nested_drivers() {
    let (x, v) = ([1.0, 1.0], [1.0, 1.0]);
    let hv = hessian::hessian_vector_product(saturated, &x, &v).unwrap();
    assert_eq!(hv.as_slice(), &[1.0, 3.0]);
    let d2 = hessian::second_directional_derivative(saturated, &x, &v).unwrap();
    assert_eq!(d2, 4.0);
    // the same through the hyper-dual Hessian
    let (_, g, h) = hessian::hessian(saturated, &x);
    assert_eq!(g.as_slice(), &[1.0, 3.0]); // 400 sech^2(400) = 0, + x1; 2 x1 + x0
    assert_eq!(h.as_slice(), &[0.0, 1.0, 1.0, 2.0]);
}

/// tanh at 200 is saturated but its derivatives are not yet zero:
/// `sech^2(200) = 4 e^-400 / (1 + e^-400)^2` and `tanh'' = -2 tanh sech^2`.
#[test]
fn nested_second_derivative_of_tanh_at_200() {
    let s = 4.0 * (-400.0_f64).exp();
    let d2 = hessian::second_directional_derivative(|x| x[0].tanh(), &[200.0], &[1.0]).unwrap();
    approx::assert_relative_eq!(d2, -2.0 * s, max_relative = 1e-14, epsilon = 0.0);
    let hv = hessian::hessian_vector_product(|x| x[0].tanh(), &[200.0], &[1.0]).unwrap();
    approx::assert_relative_eq!(hv[0], -2.0 * s, max_relative = 1e-14, epsilon = 0.0);
}
