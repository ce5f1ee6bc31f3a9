//! The public call shapes the project has promised its users (the README's
//! driver table and the crate docs' conventions), written as they are written
//! there, so that a change of shape fails here first.

use hyperdiff::prelude::*;

fn f<D: DualNum<f64>>(x: D) -> D {
    x.exp() / (x.sin().powi(3) + x.cos().powi(3)).sqrt()
}
fn g<D: DualNum<f64>>(x: &[D]) -> D {
    x[0] * x[1].sin() + x[0].powi(2) * 3.0
}

#[test]
fn univariate_drivers() {
    let x = 1.5;
    let (v, d1) = derivative(f, x);
    let (v2, d1b, d2) = second_derivative(f, x);
    // `powi` may round differently in different inlining contexts (LLVM leaves
    // the order of its multiplications open), so values agree to a few ulps.
    approx::assert_relative_eq!(v, v2, max_relative = 4.0 * f64::EPSILON);
    approx::assert_relative_eq!(d1, d1b, max_relative = 4.0 * f64::EPSILON);
    approx::assert_relative_eq!(d1, 4.053427893898621, max_relative = 1e-14);
    approx::assert_relative_eq!(d2, 9.463073681596603, max_relative = 1e-14);
    let n2 = nth_derivative::<2, _>(f, x);
    approx::assert_relative_eq!(n2, d2, max_relative = 1e-13);
    let ds = derivatives::<3, _>(f, x);
    assert_eq!(ds.len(), 4);
    approx::assert_relative_eq!(ds[2], d2, max_relative = 1e-13);
    let cs = taylor_coefficients::<3, _>(f, x);
    assert_eq!(cs.len(), 4);
    approx::assert_relative_eq!(cs[2], d2 / 2.0, max_relative = 1e-13);
    let (_, u) = derivative(|x| x.sin() * x.exp(), 0.5);
    approx::assert_relative_eq!(
        u,
        0.5_f64.exp() * (0.5_f64.sin() + 0.5_f64.cos()),
        max_relative = 1e-15
    );
}

#[test]
fn multivariate_drivers() {
    let x = [1.5, 0.5];
    let (v, grad) = gradient(g, &x);
    let (v2, grad2, h) = hessian(g, &x);
    assert_eq!(v, v2);
    assert_eq!(grad, grad2);
    // g = x0 sin x1 + 3 x0^2: H = [[6, cos x1], [cos x1, -x0 sin x1]]
    approx::assert_relative_eq!(h[(0, 1)], 0.5_f64.cos(), max_relative = 1e-15);
    approx::assert_relative_eq!(h[(1, 1)], -1.5 * 0.5_f64.sin(), max_relative = 1e-15);
    let hv = hessian_vector_product(g, &x, &[1.0, 0.0]).unwrap();
    approx::assert_relative_eq!(hv[0], 6.0, max_relative = 1e-15);
    let dd = directional_derivative(g, &x, &[0.0, 1.0]).unwrap();
    approx::assert_relative_eq!(dd, grad[1], max_relative = 1e-15);
    let err = directional_derivative(g, &x, &[1.0, 2.0, 3.0]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "direction has length 3 but the point has length 2"
    );
    let (values, jac) = jacobian(|x| vec![x[0] * x[1], x[0].sin()], &x);
    assert_eq!(values.len(), 2);
    assert_eq!((jac.nrows(), jac.ncols()), (2, 2));
    approx::assert_relative_eq!(jac[(1, 0)], 1.5_f64.cos(), max_relative = 1e-15);
}

#[test]
fn nesting_and_implicit_drivers() {
    // a driver inside a driver's closure, at a point of the closure's type,
    // captured values lifted with `constant`
    let (_, d) = derivative(
        |x| x * derivative(|y| Dual::constant(x) * y, Dual::constant(2.0)).1,
        5.0,
    );
    assert_eq!(d, 10.0);
    // the same-level pattern returns NaN (Err for Result drivers)
    let (_, d) = derivative(|x| x * derivative(|y| x * y, 2.0).1, 5.0_f64);
    assert!(d.is_nan());

    // implicit_jacobian(g, x_star: &[T], p: &[T]) -> Result<DMatrix<T>, Error>
    // x0 = p0 p1, x1 = p1: dx*/dp = [[p1, p0], [0, 1]]
    let g = |x: &[_], p: &[_]| vec![x[0] - p[0] * p[1], x[1] - p[1]];
    let s: Result<nalgebra::DMatrix<f64>, Error> = implicit_jacobian(g, &[6.0, 3.0], &[2.0, 3.0]);
    approx::assert_relative_eq!(s.unwrap(), nalgebra::dmatrix![3.0, 2.0; 0.0, 1.0]);
    // argmin_jacobian(f, x_star: &[T], p: &[T]) -> Result<DMatrix<T>, Error>
    // argmin_x (x - p0)² + p1 x² = p0 / (1 + p1)
    let (p0, p1) = (2.0_f64, 0.5_f64);
    let s = argmin_jacobian(
        |x, p| (x[0] - p[0]).powi(2) + p[1] * x[0] * x[0],
        &[p0 / (1.0 + p1)],
        &[p0, p1],
    )
    .unwrap();
    approx::assert_relative_eq!(s[(0, 0)], 1.0 / (1.0 + p1), max_relative = 1e-15);
    approx::assert_relative_eq!(s[(0, 1)], -p0 / (1.0 + p1).powi(2), max_relative = 1e-15);
    // a singular system is an Err
    let err = implicit_jacobian(|x, p| vec![x[0] * 0.0 - p[0]], &[1.0], &[1.0]).unwrap_err();
    assert!(matches!(err, Error::Singular { order: 1, .. }));
}

#[test]
fn value_first_shapes() {
    let x = [1.5, 0.5];
    let v = [1.0, -1.0];
    let (value, grad, h) = hessian(g, &x);
    let (f0, g0, hv) = hessian_vector_product_with_value(g, &x, &v).unwrap();
    assert_eq!(f0, value);
    approx::assert_relative_eq!(g0, grad, max_relative = 1e-15);
    approx::assert_relative_eq!(
        hv,
        &h * nalgebra::DVector::from_column_slice(&v),
        max_relative = 1e-14
    );
    let (f1, d) = directional_derivative_with_value(g, &x, &v).unwrap();
    assert_eq!((f1, d), (value, directional_derivative(g, &x, &v).unwrap()));
    // the finite differences mirror the exact drivers' shapes
    let plain = |y: &[f64]| g(y);
    let (fv, _) = hessian::fd::gradient(plain, &x, hessian::fd::Stencil::Central);
    let (fv2, _, fh) = hessian::fd::hessian(plain, &x, hessian::fd::Stencil::Central);
    assert_eq!((fv, fv2), (value, value));
    assert_eq!(fh.shape(), (2, 2));
    let (fu, _) = hessian::fd::derivative(f::<f64>, 1.5, hessian::fd::Stencil::Central);
    // `f` uses `powi`, whose multiplication order LLVM may choose per call site,
    // so the value may differ from a direct call in the last bit
    approx::assert_ulps_eq!(fu, f(1.5), max_ulps = 1);
    // the local models: constructor, point, value, eval
    let q = QuadraticModel::new(g, &x).unwrap();
    assert_eq!((q.point(), q.value()), (&x[..], value));
    let p = TaylorPolynomial::new::<3>(f, 1.5);
    assert_eq!(p.point(), 1.5);
    let e = TaylorExpansion::new::<2>(g, &x).unwrap();
    assert_eq!(e.value(), value);
    assert!(q.eval(&[0.0]).is_err() && e.eval(&[0.0]).is_err());
}
