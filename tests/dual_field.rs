//! `DualField`: generic code with nalgebra decompositions and elementary
//! functions under one bound, no fully qualified calls, differentiated through
//! the drivers; and the prelude with both traits leaves concrete calls
//! unambiguous.

use approx::assert_relative_eq;
use hyperdiff::prelude::*;
use nalgebra::{DMatrix, DVector};

/// `A(w) = A0 + diag(w)` with a symmetric positive definite `A0`, `b` fixed.
fn a0() -> DMatrix<f64> {
    DMatrix::from_row_slice(3, 3, &[4.0, 1.0, 0.5, 1.0, 3.0, 0.2, 0.5, 0.2, 2.0])
}
const B: [f64; 3] = [1.0, -2.0, 0.5];

/// `f(w) = ln det A(w) + bᵀ A(w)⁻¹ b + tanh(w0) + w1^1.5`, written once, generic:
/// `lu`, `determinant`, `cholesky`, `solve`, `ln`, `tanh`, `powf`, literals.
fn objective<D: DualField<f64>>(w: &[D]) -> D {
    let a = DMatrix::from_fn(3, 3, |i, j| {
        let c = D::from(a0()[(i, j)]);
        if i == j { c + w[i] } else { c }
    });
    let b = DVector::from_iterator(3, B.iter().map(|&v| D::from(v)));
    // ln det through the Cholesky factor: 2 Σ ln L_ii (and through LU, which must agree)
    let Some(chol) = a.clone().cholesky() else {
        return D::from(f64::NAN);
    };
    let l = chol.l();
    let log_det: D = (0..3).map(|i| l[(i, i)].ln()).sum::<D>() * 2.0;
    let lu_log_det = a.clone().lu().determinant().ln();
    let x = chol.solve(&b);
    let quad = b.dot(&x);
    let w1 = if w[1] > 0.0 {
        w[1].powf(1.5.into())
    } else {
        D::from(0.0)
    };
    log_det * 0.5 + lu_log_det * 0.5 + quad + w[0].tanh() + w1
}

#[test]
fn log_det_and_solve_in_generic_code_through_the_drivers() {
    let w = [0.3, 0.7, -0.2];
    let a = a0() + DMatrix::from_diagonal(&DVector::from_column_slice(&w));
    let inv = a.clone().try_inverse().expect("positive definite");
    let b = DVector::from_column_slice(&B);
    let x = &inv * &b;
    let value = a.determinant().ln() + b.dot(&x) + w[0].tanh() + w[1].powf(1.5);
    // closed forms: d ln det / dw_i = (A⁻¹)_ii, d bᵀA⁻¹b / dw_i = -x_i²,
    // d2 ln det = -(A⁻¹)_ij², d2 bᵀA⁻¹b = 2 x_i (A⁻¹)_ij x_j
    let sech2 = 1.0 / w[0].cosh().powi(2);
    let grad = DVector::from_fn(3, |i, _| {
        inv[(i, i)] - x[i] * x[i]
            + match i {
                0 => sech2,
                1 => 1.5 * w[1].sqrt(),
                _ => 0.0,
            }
    });
    let hess = DMatrix::from_fn(3, 3, |i, j| {
        let mut h = -inv[(i, j)].powi(2) + 2.0 * x[i] * inv[(i, j)] * x[j];
        if i == j && i == 0 {
            h += -2.0 * w[0].tanh() * sech2;
        }
        if i == j && i == 1 {
            h += 0.75 / w[1].sqrt();
        }
        h
    });

    assert_relative_eq!(objective(&w), value, max_relative = 1e-14);
    let (v, g) = gradient(objective, &w);
    assert_relative_eq!(v, value, max_relative = 1e-14);
    assert_relative_eq!(g, grad, max_relative = 1e-13);
    let (v, g, h) = hessian(objective, &w);
    assert_relative_eq!(v, value, max_relative = 1e-14);
    assert_relative_eq!(g, grad, max_relative = 1e-13);
    assert_relative_eq!(h, hess, max_relative = 1e-12);
    // the same function, nested: d/dw0 of the gradient's first entry by a
    // univariate driver over a number-type point
    let (_, d2) = derivative(
        |t| gradient(objective, &[t, Dual64::from(w[1]), Dual64::from(w[2])]).1[0],
        w[0],
    );
    assert_relative_eq!(d2, hess[(0, 0)], max_relative = 1e-12);
}

#[test]
fn both_traits_in_scope_leave_concrete_calls_unambiguous() {
    // concrete types: inherent methods, `re` from DualNum only
    let x = Dual64::new(0.5, 1.0);
    assert_eq!(x.sin().re, 0.5_f64.sin());
    assert_eq!(x.re(), 0.5);
    assert_eq!(x.powf_scalar(2.0).eps, 1.0);
    assert_eq!(Dual64::from(2.0).re, 2.0);
    // un-annotated closures still infer
    let (_, d) = derivative(|x| x.sin() * x.exp() + x.powf_scalar(2.0), 0.5);
    let want = 0.5_f64.exp() * (0.5_f64.sin() + 0.5_f64.cos()) + 1.0;
    assert_relative_eq!(d, want, max_relative = 1e-15);
    // and a DualNum function and a DualField function are both drivers' input
    fn plain<D: DualNum<f64>>(x: &[D]) -> D {
        x[0].ln() * x[1]
    }
    fn field<D: DualField<f64>>(x: &[D]) -> D {
        x[0].ln() * x[1]
    }
    assert_eq!(
        gradient(plain, &[2.0, 3.0]).1,
        gradient(field, &[2.0, 3.0]).1
    );
}
