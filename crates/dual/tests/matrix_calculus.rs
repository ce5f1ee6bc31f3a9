//! The matrix-calculus table, proved by differentiating through nalgebra.
//!
//! Each test evaluates a matrix function on dual numbers, using nalgebra's own
//! algorithms (LU, Cholesky, QR, symmetric eigen-decomposition, inverse,
//! determinant, solve), and compares the derivatives with the closed form at
//! random matrices.
//!
//! Tolerances: every comparison is normwise relative, `max|ad - cf| <= TOL *
//! max|cf|` with `TOL = 1e-10`. The random matrices are well conditioned by
//! construction (strictly diagonally dominant with margin >= 1, or SPD with
//! smallest eigenvalue >= N, or with eigenvalues separated by >= 0.4), so their
//! condition numbers are below ~10 and both the algorithm and the closed form
//! are accurate to a few hundred ulps (~1e-13); `1e-10` leaves three orders of
//! magnitude of headroom without being loose enough to hide a wrong formula
//! (a wrong derivative is off by O(1)).

use approx::assert_relative_eq;
use dual::{Dual64, DualNum, DualVec64, HyperDualVec64};
use nalgebra::{DMatrix, DVector, SMatrix, SVector};
use proptest::prelude::*;

/// Matrix size for the per-entry gradients (16 seeded directions).
const N: usize = 4;
/// One direction per entry of an `N x N` matrix.
const NN: usize = N * N;
type G = DualVec64<NN>;
type Mat = SMatrix<f64, N, N>;
type Vec4 = SVector<f64, N>;

const TOL: f64 = 1e-10;

/// `max|a - b| / max|b|`: the normwise relative error of `a` against `b`.
fn rel_err<const R: usize, const C: usize>(a: &SMatrix<f64, R, C>, b: &SMatrix<f64, R, C>) -> f64 {
    (a - b).amax() / b.amax()
}

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(32)
}

/// Entries in [-1, 1].
fn entries(n: usize) -> impl Strategy<Value = Vec<f64>> {
    proptest::collection::vec(-1.0..1.0f64, n)
}

/// A strictly diagonally dominant matrix: off-diagonal row sums <= N - 1 = 3,
/// diagonal in [N, N + 2], so the margin is >= 1 and cond_inf(X) <= 9 * 1 = 9.
fn dominant() -> impl Strategy<Value = Mat> {
    entries(NN).prop_map(|v| {
        let mut m = Mat::from_row_slice(&v);
        for i in 0..N {
            m[(i, i)] += N as f64 + 1.0;
        }
        m
    })
}

fn any_matrix() -> impl Strategy<Value = Mat> {
    entries(NN).prop_map(|v| Mat::from_row_slice(&v))
}

fn vector() -> impl Strategy<Value = Vec4> {
    entries(N).prop_map(|v| Vec4::from_row_slice(&v))
}

/// SPD: B Bᵀ + N I, eigenvalues in [N, N + N^2], cond <= N + 1 = 5.
fn spd() -> impl Strategy<Value = Mat> {
    any_matrix().prop_map(|b| b * b.transpose() + Mat::identity() * N as f64)
}

/// X with every entry seeded as its own direction: entry (i, j) is direction i N + j.
fn seeded(x: &Mat) -> SMatrix<G, N, N> {
    SMatrix::from_fn(|i, j| G::variable(x[(i, j)], i * N + j))
}

fn constant(x: &Mat) -> SMatrix<G, N, N> {
    x.map(G::constant)
}

/// The gradient of a scalar function of X, laid out as a matrix like X.
fn gradient_matrix(y: G) -> Mat {
    Mat::from_fn(|i, j| y.eps[i * N + j])
}

/// The derivative part of a matrix of `Dual64` along its one direction.
fn eps<const R: usize, const C: usize>(m: &SMatrix<Dual64, R, C>) -> SMatrix<f64, R, C> {
    m.map(|x| x.eps)
}

fn re<const R: usize, const C: usize>(m: &SMatrix<Dual64, R, C>) -> SMatrix<f64, R, C> {
    m.map(|x| x.re)
}

/// X(t) = X0 + t X1 at t = 0, as a matrix of `Dual64`.
fn along(x0: &Mat, x1: &Mat) -> SMatrix<Dual64, N, N> {
    x0.zip_map(x1, Dual64::new)
}

fn along_vec(x0: &Vec4, x1: &Vec4) -> SVector<Dual64, N> {
    x0.zip_map(x1, Dual64::new)
}

proptest! {
    #![proptest_config(config())]

    /// d det(X)/dX = det(X) X^{-T}, through the LU decomposition.
    #[test]
    fn det_gradient(x in dominant()) {
        let inv = x.try_inverse().unwrap();
        let expected = inv.transpose() * x.determinant();
        let y = seeded(&x).lu().determinant();
        prop_assert!((y.re - x.determinant()).abs() <= 1e-13 * x.determinant().abs());
        prop_assert!(rel_err(&gradient_matrix(y), &expected) <= TOL);
        // nalgebra's `determinant` on a 4 x 4 uses LU as well; the same gradient
        let y2 = seeded(&x).determinant();
        prop_assert!(rel_err(&gradient_matrix(y2), &expected) <= TOL);
    }

    /// d tr(AX)/dX = Aᵀ.
    #[test]
    fn trace_ax_gradient(a in any_matrix(), x in any_matrix()) {
        prop_assume!(a.amax() > 0.1);
        let y = (constant(&a) * seeded(&x)).trace();
        prop_assert!(rel_err(&gradient_matrix(y), &a.transpose()) <= TOL);
    }

    /// d tr(Xᵀ A X)/dX = (A + Aᵀ) X.
    #[test]
    fn trace_xtax_gradient(a in any_matrix(), x in dominant()) {
        let xs = seeded(&x);
        let y = (xs.transpose() * constant(&a) * xs).trace();
        let expected = (a + a.transpose()) * x;
        prop_assert!(rel_err(&gradient_matrix(y), &expected) <= TOL);
    }

    /// d(aᵀ X b)/dX = a bᵀ.
    #[test]
    fn bilinear_gradient(a in vector(), b in vector(), x in any_matrix()) {
        prop_assume!(a.amax() > 0.1 && b.amax() > 0.1);
        let y = a.map(G::constant).dot(&(seeded(&x) * b.map(G::constant)));
        prop_assert!(rel_err(&gradient_matrix(y), &(a * b.transpose())) <= TOL);
    }

    /// d(aᵀ Xᵀ C X b)/dX = Cᵀ X a bᵀ + C X b aᵀ.
    #[test]
    fn quadratic_form_gradient(a in vector(), b in vector(), c in any_matrix(), x in dominant()) {
        prop_assume!(a.amax() > 0.1 && b.amax() > 0.1 && c.amax() > 0.1);
        let xs = seeded(&x);
        let (ag, bg) = (a.map(G::constant), b.map(G::constant));
        let y = (xs * ag).dot(&(constant(&c) * xs * bg));
        let expected = c.transpose() * x * a * b.transpose() + c * x * b * a.transpose();
        prop_assert!(rel_err(&gradient_matrix(y), &expected) <= TOL);
    }

    /// d(A^{-1})_{ij} / d a_{uv} = -(A^{-1})_{iu} (A^{-1})_{vj}, through
    /// `try_inverse`, `lu().try_inverse()` and `qr().try_inverse()`.
    #[test]
    fn inverse_derivative(a in dominant()) {
        let inv = a.try_inverse().unwrap();
        let scale = inv.amax() * inv.amax();
        let ad = seeded(&a);
        for (name, computed) in [
            ("try_inverse", ad.try_inverse().unwrap()),
            ("lu", ad.lu().try_inverse().unwrap()),
            ("qr", ad.qr().try_inverse().unwrap()),
        ] {
            let mut worst = 0.0_f64;
            for i in 0..N {
                for j in 0..N {
                    for u in 0..N {
                        for v in 0..N {
                            let expected = -inv[(i, u)] * inv[(v, j)];
                            let got = computed[(i, j)].eps[u * N + v];
                            worst = worst.max((got - expected).abs());
                        }
                    }
                }
            }
            prop_assert!(worst <= TOL * scale, "{name}: error {worst:e}");
        }
    }

    /// d(xᵀ A x)/dx = (A + Aᵀ) x.
    #[test]
    fn quadratic_gradient(a in any_matrix(), x in vector()) {
        let xs = SVector::<DualVec64<N>, N>::from_fn(|i, _| DualVec64::<N>::variable(x[i], i));
        let y = xs.dot(&(a.map(DualVec64::<N>::constant) * xs));
        let expected = (a + a.transpose()) * x;
        prop_assume!(expected.amax() > 1e-3);
        let got = Vec4::from_row_slice(&y.eps);
        prop_assert!(rel_err(&got, &expected) <= TOL);
    }

    /// f(w) = ||y - A w||²: gradient -2 Aᵀ (y - A w), Hessian 2 Aᵀ A, with A 6 x 3.
    #[test]
    fn least_squares(av in entries(18), yv in entries(6), wv in entries(3)) {
        type H = HyperDualVec64<3>;
        let a = SMatrix::<f64, 6, 3>::from_row_slice(&av);
        let y = SVector::<f64, 6>::from_row_slice(&yv);
        let w = SVector::<f64, 3>::from_row_slice(&wv);
        prop_assume!(a.amax() > 0.1);
        let ws = SVector::<H, 3>::from_fn(|i, _| H::variable(w[i], i));
        let r = y.map(H::constant) - a.map(H::constant) * ws;
        let f = r.norm_squared();
        let res = y - a * w;
        let grad = a.transpose() * res * -2.0;
        let hess = a.transpose() * a * 2.0;
        prop_assert!((f.re - res.norm_squared()).abs() <= 1e-13 * res.norm_squared().max(1.0));
        // the gradient may be small where w is near the minimiser: scale by |A|² |w| + |A||y|
        let gscale = 2.0 * a.amax() * (a.amax() * w.amax() * 3.0 + y.amax());
        let got_g = SVector::<f64, 3>::from_row_slice(&f.eps);
        prop_assert!((got_g - grad).amax() <= TOL * gscale);
        let got_h = SMatrix::<f64, 3, 3>::from_fn(|i, j| f.eps2[i][j]);
        prop_assert!(rel_err(&got_h, &hess) <= TOL);
    }

    /// Eigenvalue derivatives of symmetric A(t) = A0 + t A1: λ_k' = v_kᵀ A1 v_k,
    /// in particular for the smallest eigenvalue, through `symmetric_eigen`.
    /// A0 = Q (diag(0, 2, 4, 6) + S) Qᵀ with |S_ij| <= 0.2, so ||S||_2 <= 0.8 and
    /// the eigenvalues are separated by at least 0.4 (Weyl).
    #[test]
    fn eigenvalue_derivative(q in dominant(), s in any_matrix(), a1 in any_matrix()) {
        let q = q.qr().q();
        let s = (s + s.transpose()) * 0.1;
        let d = Mat::from_diagonal(&Vec4::new(0.0, 2.0, 4.0, 6.0)) + s;
        let a0 = q * d * q.transpose();
        let a0 = (a0 + a0.transpose()) * 0.5;
        let a1 = (a1 + a1.transpose()) * 0.5;
        let plain = a0.symmetric_eigen();
        let eig = along(&a0, &a1).symmetric_eigen();
        // the smallest eigenvalue, and then every one of them
        let k_min = plain.eigenvalues.imin();
        let dk_min = eig.eigenvalues.map(|l| l.re).imin();
        prop_assert_eq!(k_min, dk_min);
        for k in 0..N {
            let v = plain.eigenvectors.column(k);
            let expected = (v.transpose() * a1 * v)[(0, 0)];
            let got = eig.eigenvalues[k];
            prop_assert!((got.re - plain.eigenvalues[k]).abs() <= 1e-12);
            // |λ'| <= ||A1||_2 <= 4: absolute error against the scale of A1
            prop_assert!((got.eps - expected).abs() <= TOL * a1.amax().max(1e-3),
                "eigenvalue {k}: {} vs {expected}", got.eps);
        }
    }

    /// Cholesky A = L Lᵀ of SPD A(t): L' = L Φ(L^{-1} A' L^{-T}), Φ the lower
    /// triangle with the diagonal halved; and d det(A) = det(A) tr(A^{-1} A').
    #[test]
    fn cholesky_derivative(a0 in spd(), a1 in any_matrix()) {
        let a1 = (a1 + a1.transpose()) * 0.5;
        let chol = along(&a0, &a1).cholesky().unwrap();
        let l_dual = chol.l();
        let l = a0.cholesky().unwrap().l();
        let l_inv = l.try_inverse().unwrap();
        let mut phi = l_inv * a1 * l_inv.transpose();
        for i in 0..N {
            for j in 0..N {
                if j > i {
                    phi[(i, j)] = 0.0;
                } else if i == j {
                    phi[(i, j)] *= 0.5;
                }
            }
        }
        let expected = l * phi;
        prop_assert!(rel_err(&re(&l_dual), &l) <= 1e-13);
        prop_assert!(rel_err(&eps(&l_dual), &expected) <= TOL);
        let det = chol.determinant();
        let expected_det = a0.determinant() * (a0.try_inverse().unwrap() * a1).trace();
        prop_assert!((det.eps - expected_det).abs() <= TOL * a0.determinant() * a1.amax().max(1e-3));
    }

    /// QR of A(t) = A0 + t A1: with M = Qᵀ A' R^{-1} and Ω = low(M) - low(M)ᵀ
    /// (low = strictly lower triangle), Q' = Q Ω and R' = (M - Ω) R.
    #[test]
    fn qr_derivative(a0 in dominant(), a1 in any_matrix()) {
        prop_assume!(a1.amax() > 0.1);
        let qr = along(&a0, &a1).qr();
        let (qd, rd) = (qr.q(), qr.r());
        let (q, r) = (re(&qd), re(&rd));
        let m = q.transpose() * a1 * r.try_inverse().unwrap();
        let low = Mat::from_fn(|i, j| if i > j { m[(i, j)] } else { 0.0 });
        let omega = low - low.transpose();
        let dq = q * omega;
        let dr = (m - omega) * r;
        prop_assert!(rel_err(&(q * r), &a0) <= 1e-13);
        prop_assert!(rel_err(&eps(&qd), &dq) <= TOL);
        prop_assert!(rel_err(&eps(&rd), &dr) <= TOL);
    }

    /// A x = b along A(t) = A0 + t A1, b(t) = b0 + t b1: x' = A^{-1} (b1 - A1 x),
    /// through `lu().solve`, `qr().solve`, `cholesky().solve` (SPD A0) and
    /// `DMatrix` (dynamic storage, 5 x 5 for a size with no special case).
    #[test]
    fn solve_derivative(a0 in dominant(), p in spd(), a1 in any_matrix(), b0 in vector(), b1 in vector()) {
        prop_assume!(b0.amax() > 0.1);
        let (ad, bd) = (along(&a0, &a1), along_vec(&b0, &b1));
        let x = a0.lu().solve(&b0).unwrap();
        let expected = a0.try_inverse().unwrap() * (b1 - a1 * x);
        prop_assume!(expected.amax() > 1e-3);
        let lu = ad.lu().solve(&bd).unwrap();
        let qr = ad.qr().solve(&bd).unwrap();
        prop_assert!(rel_err(&re(&lu), &x) <= 1e-13);
        prop_assert!(rel_err(&eps(&lu), &expected) <= TOL);
        prop_assert!(rel_err(&eps(&qr), &expected) <= TOL);

        let a1s = (a1 + a1.transpose()) * 0.5;
        let xp = p.lu().solve(&b0).unwrap();
        let expected_p = p.try_inverse().unwrap() * (b1 - a1s * xp);
        let chol = along(&p, &a1s).cholesky().unwrap().solve(&bd);
        prop_assert!(rel_err(&eps(&chol), &expected_p) <= TOL);
    }
}

/// `DMatrix` of duals, 5 x 5 (no size-specific code path in nalgebra):
/// inverse, determinant and solve with derivatives against the closed forms.
#[test]
fn dynamic_matrices() {
    let n = 5;
    // fixed, diagonally dominant: off-diagonal row sums <= 4 * 0.9, diagonal 5
    let a0 = DMatrix::from_fn(n, n, |i, j| {
        if i == j {
            5.0
        } else {
            0.9 * ((i * 7 + j * 3) as f64).sin()
        }
    });
    let a1 = DMatrix::from_fn(n, n, |i, j| ((i + 2 * j) as f64).cos());
    let b0 = DVector::from_fn(n, |i, _| 1.0 + i as f64);
    let ad = a0.zip_map(&a1, Dual64::new);
    let bd = b0.map(Dual64::from_re);
    let inv0 = a0.clone().try_inverse().unwrap();

    let inv = ad.clone().try_inverse().unwrap();
    let expected_inv = -(&inv0 * &a1 * &inv0);
    let got_inv = inv.map(|x| x.eps);
    assert!((&got_inv - &expected_inv).amax() <= TOL * expected_inv.amax());

    let det = ad.determinant();
    let expected_det = a0.determinant() * (&inv0 * &a1).trace();
    assert_relative_eq!(det.eps, expected_det, max_relative = TOL);

    let x = ad.lu().solve(&bd).unwrap();
    let x0 = &inv0 * &b0;
    let expected_x = -(&inv0 * &a1 * &x0);
    let got_x = x.map(|v| v.eps);
    assert!((&got_x - &expected_x).amax() <= TOL * expected_x.amax());
}

/// The n-dimensional Rosenbrock function.
fn rosenbrock<D: DualNum<f64>>(x: &[D]) -> D {
    x.windows(2)
        .map(|w| (w[1] - w[0] * w[0]).powi(2) * 100.0 + (-w[0] + 1.0).powi(2))
        .sum()
}

/// Closed-form gradient and (tridiagonal) Hessian of the Rosenbrock function.
fn rosenbrock_closed(x: &[f64]) -> (Vec<f64>, Vec<Vec<f64>>) {
    let n = x.len();
    let mut g = vec![0.0; n];
    let mut h = vec![vec![0.0; n]; n];
    for i in 0..n {
        if i + 1 < n {
            g[i] += -400.0 * x[i] * (x[i + 1] - x[i] * x[i]) - 2.0 * (1.0 - x[i]);
            h[i][i] += 1200.0 * x[i] * x[i] - 400.0 * x[i + 1] + 2.0;
            h[i][i + 1] = -400.0 * x[i];
            h[i + 1][i] = -400.0 * x[i];
        }
        if i > 0 {
            g[i] += 200.0 * (x[i] - x[i - 1] * x[i - 1]);
            h[i][i] += 200.0;
        }
    }
    (g, h)
}

fn check_rosenbrock<const M: usize>(x: &[f64]) -> Result<(), TestCaseError> {
    let xs: Vec<HyperDualVec64<M>> = (0..M)
        .map(|i| HyperDualVec64::<M>::variable(x[i], i))
        .collect();
    let y = rosenbrock(&xs);
    let (g, h) = rosenbrock_closed(x);
    // a polynomial of degree 4 with |x| <= 2: its terms are at most ~1e4 and the
    // rounding error ~1e4 * n * eps ~ 1e-11 absolute. Compare normwise against the
    // largest entry of each object (a single entry may vanish at a point).
    let gscale = g.iter().fold(1.0_f64, |m, v| m.max(v.abs()));
    let hscale = h.iter().flatten().fold(1.0_f64, |m, v| m.max(v.abs()));
    prop_assert!((y.re - rosenbrock(x)).abs() <= 1e-13 * rosenbrock(x).abs().max(1.0));
    for i in 0..M {
        prop_assert!(
            (y.eps[i] - g[i]).abs() <= TOL * gscale,
            "gradient {i}: {} vs {}",
            y.eps[i],
            g[i]
        );
        for (j, (got, expected)) in y.eps2[i].iter().zip(&h[i]).enumerate() {
            prop_assert!(
                (got - expected).abs() <= TOL * hscale,
                "hessian ({i}, {j}): {got} vs {expected}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// `HyperDualVec<f64, N>` gives the exact gradient and Hessian of the
    /// N-dimensional Rosenbrock function, N = 2, 4, 8.
    #[test]
    fn rosenbrock_gradient_hessian(x in proptest::collection::vec(-2.0..2.0f64, 8)) {
        check_rosenbrock::<2>(&x[..2])?;
        check_rosenbrock::<4>(&x[..4])?;
        check_rosenbrock::<8>(&x)?;
    }
}

// Every number type over f32, f64 or another number type is a nalgebra scalar
// and a simba real field (and so a complex field): this only compiles if so.
const _: fn() = || {
    fn is_real_field<T: nalgebra::Scalar + nalgebra::RealField + Copy>() {}
    is_real_field::<Dual64>();
    is_real_field::<dual::Dual32>();
    is_real_field::<dual::HyperDual64>();
    is_real_field::<dual::HyperDual32>();
    is_real_field::<DualVec64<3>>();
    is_real_field::<dual::DualVec32<3>>();
    is_real_field::<HyperDualVec64<3>>();
    is_real_field::<dual::HyperDualVec32<3>>();
    is_real_field::<dual::Dual<Dual64>>();
    is_real_field::<dual::DualVec<dual::HyperDual64, 2>>();
    is_real_field::<dual::HyperDualVec<DualVec64<2>, 2>>();
};

/// Over `f32` the decompositions work the same way.
#[test]
fn single_precision() {
    use dual::Dual32;
    let x = nalgebra::Matrix3::new(
        Dual32::new(4.0, 1.0),
        Dual32::from_re(1.0),
        Dual32::from_re(0.0),
        Dual32::from_re(1.0),
        Dual32::from_re(3.0),
        Dual32::from_re(1.0),
        Dual32::from_re(0.0),
        Dual32::from_re(1.0),
        Dual32::from_re(2.0),
    );
    // d det / d x00 = the (0, 0) cofactor = 3 * 2 - 1 * 1 = 5
    let d = x.lu().determinant();
    assert_relative_eq!(d.re, 18.0, max_relative = 1e-6);
    assert_relative_eq!(d.eps, 5.0, max_relative = 1e-6);
    assert!(x.cholesky().is_some());
}

/// The complex-number vocabulary of `ComplexField` on a real number type means
/// what simba gives it for `f64`, with derivatives.
#[test]
fn complex_field_semantics() {
    use nalgebra::{ComplexField, RealField};
    let x = Dual64::new(-2.0, 1.0);
    assert_eq!(ComplexField::argument(x).re, core::f64::consts::PI);
    assert_eq!(ComplexField::argument(x).eps, 0.0);
    assert_eq!(ComplexField::argument(-x).re, 0.0);
    let (m, s) = ComplexField::to_exp(x);
    assert_eq!((m.re, m.eps, s.re, s.eps), (2.0, -1.0, -1.0, 0.0));
    assert_eq!(
        (ComplexField::modulus(x).re, ComplexField::modulus(x).eps),
        (2.0, -1.0)
    );
    assert_eq!(ComplexField::modulus_squared(x).eps, -4.0);
    assert_eq!(ComplexField::imaginary(x).re, 0.0);
    assert!(ComplexField::try_sqrt(x).is_none());
    let r = ComplexField::try_sqrt(-x).unwrap();
    assert_relative_eq!(r.eps, -0.5 / 2.0_f64.sqrt(), max_relative = 1e-15);
    assert!(ComplexField::is_finite(&x));
    assert_eq!(<Dual64 as RealField>::pi().re, core::f64::consts::PI);
    assert_eq!(
        RealField::clamp(x, Dual64::from_re(-1.0), Dual64::from_re(1.0)).re,
        -1.0
    );
    assert_eq!(
        ComplexField::powc(Dual64::from_re(2.0), Dual64::variable(3.0)).eps,
        8.0 * 2.0_f64.ln()
    );

    // sinc and sinhc at a zero value: exact derivatives from the series,
    // sinc = 1 - x²/6 + ..., so (sinc)'' (0) = -1/3, (sinhc)''(0) = +1/3
    let z = dual::HyperDual64::variable(0.0);
    assert_eq!(ComplexField::sinc(z).re, 1.0);
    assert_eq!(ComplexField::sinc(z).eps1, 0.0);
    assert_relative_eq!(
        ComplexField::sinc(z).eps1eps2,
        -1.0 / 3.0,
        max_relative = 1e-15
    );
    assert_relative_eq!(
        ComplexField::sinhc(z).eps1eps2,
        1.0 / 3.0,
        max_relative = 1e-15
    );
    // away from zero, sin(x)/x and its derivative (x cos x - sin x) / x²
    let t = Dual64::variable(0.7);
    let d = ComplexField::sinc(t);
    assert_relative_eq!(
        d.eps,
        (0.7 * 0.7_f64.cos() - 0.7_f64.sin()) / 0.49,
        max_relative = 1e-15
    );

    // conversions: a primitive is a constant; a number with a non-zero
    // derivative part is not in the subset of plain floats
    let c: Dual64 = nalgebra::convert(2.5_f64);
    assert_eq!((c.re, c.eps), (2.5, 0.0));
    assert_eq!(nalgebra::try_convert::<Dual64, f64>(c), Some(2.5));
    assert_eq!(nalgebra::try_convert::<Dual64, f64>(x), None);
    let deep = dual::Dual::new(Dual64::new(1.0, 0.0), Dual64::new(0.0, 1.0));
    assert_eq!(nalgebra::try_convert::<_, f64>(deep), None);
    let flat = dual::Dual::new(Dual64::new(1.0, 0.0), Dual64::new(0.0, 0.0));
    assert_eq!(nalgebra::try_convert::<_, f32>(flat), Some(1.0_f32));

    // nested types are real fields too
    let nested = dual::Dual::new(Dual64::variable(1.0), Dual64::from_re(1.0));
    let m2 = nalgebra::Matrix2::new(nested, nested * 2.0, nested * nested, nested + 3.0);
    // det = x (x + 3) - 2 x^3: d²/dx² = 2 - 12 x = -10 at x = 1
    assert_eq!(m2.determinant().eps.eps, -10.0);
}

/// With nalgebra's scalar traits imported next to `Float`, method calls on a
/// concrete number still resolve (to the inherent methods): this compiles.
#[test]
fn no_ambiguity_with_nalgebra_traits_imported() {
    #[allow(unused_imports)]
    use nalgebra::{ComplexField, RealField};
    #[allow(unused_imports)]
    use num_traits::Float;
    let x = Dual64::new(0.5, 1.0);
    let y = Dual64::new(2.0, 0.0);
    let z = x.sin() * x.exp()
        + x.abs()
        + x.powf(y)
        + x.max(y)
        + x.atan2(y)
        + x.signum()
        + x.hypot(y)
        + x.sqrt()
        + x.powi(2)
        + x.ln()
        + x.copysign(y)
        + x.mul_add(y, y);
    assert!(z.is_finite());
    assert!(x.is_sign_positive());
    let f = |t: Dual64| t.sin() * t.cos();
    assert_relative_eq!(f(x).eps, (2.0 * 0.5_f64).cos(), max_relative = 1e-15);
}
