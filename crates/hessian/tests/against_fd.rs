//! Every driver against the finite-difference baseline `hessian::fd` on random
//! smooth functions, with tolerances from the stencils' documented error bounds
//! (see the `hessian::fd` module docs), and the bounds themselves checked for all
//! three stencils against the exact derivatives.

use dual::DualNum;
use hessian::fd::{self, Stencil};
use hessian::*;
use nalgebra::{DMatrix, SVector};
use proptest::prelude::*;

const EPS: f64 = f64::EPSILON;
/// The stencils reach at most 2 h <= 2 ε^(1/6) max(|x|, 1) < 0.006 from x
/// (|x| <= 1 here); derivative bounds are taken over this larger radius.
const RADIUS: f64 = 0.01;
const TERMS: usize = 3;

/// f(x) = Σ_k a_k sin(w_k · x + c_k) + b exp(u · x): smooth, with every partial
/// derivative of order p bounded by Σ_k |a_k| |w_k|∞^p + |b| |u|∞^p e^(u·y).
#[derive(Clone, Debug)]
struct Smooth {
    a: Vec<f64>,
    w: Vec<Vec<f64>>,
    c: Vec<f64>,
    b: f64,
    u: Vec<f64>,
}

impl Smooth {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
        let mut s = D::from_re(0.0);
        for k in 0..TERMS {
            let mut arg = D::from_re(self.c[k]);
            for (xj, wj) in x.iter().zip(&self.w[k]) {
                arg += *xj * *wj;
            }
            s += arg.sin() * self.a[k];
        }
        let mut e = D::from_re(0.0);
        for (xj, uj) in x.iter().zip(&self.u) {
            e += *xj * *uj;
        }
        s + e.exp() * self.b
    }

    fn n(&self) -> usize {
        self.u.len()
    }

    /// max of e^(u·y) over |y - x|∞ <= RADIUS
    fn exp_max(&self, x: &[f64]) -> f64 {
        let ux: f64 = x.iter().zip(&self.u).map(|(a, b)| a * b).sum();
        let u1: f64 = self.u.iter().map(|v| v.abs()).sum();
        (ux + RADIUS * u1).exp()
    }

    /// M_p: a bound of every partial derivative of order p near x.
    fn m(&self, x: &[f64], p: i32) -> f64 {
        let inf = |v: &[f64]| v.iter().fold(0.0_f64, |m, a| m.max(a.abs()));
        let sines: f64 = (0..TERMS)
            .map(|k| self.a[k].abs() * inf(&self.w[k]).powi(p))
            .sum();
        sines + self.b.abs() * inf(&self.u).powi(p) * self.exp_max(x)
    }

    /// A bound of the absolute rounding error of one f64 evaluation near x, with
    /// `growth` the factor each term's scale picks up (1 for the value, the
    /// derivative scale |w|^p for a p-th derivative computed by AD). Each
    /// argument w·x + c is a sum of n + 1 products (error <= (n + 1) ε of its
    /// magnitude sum S); sin and exp are 1-Lipschitz in absolute and relative
    /// terms and add ε each; the products with a_k, b and the final sum of
    /// TERMS + 1 terms add (TERMS + 2) ε of the term magnitudes. The factor 2
    /// covers the second-order terms of these first-order bounds.
    fn rounding(&self, x: &[f64], p: i32) -> f64 {
        let gamma = 2.0 * (self.n() + TERMS + 4) as f64 * EPS;
        let inf = |v: &[f64]| v.iter().fold(0.0_f64, |m, a| m.max(a.abs()));
        let mag = |w: &[f64], c: f64| -> f64 {
            w.iter()
                .zip(x)
                .map(|(wj, xj)| wj.abs() * (xj.abs() + RADIUS))
                .sum::<f64>()
                + c.abs()
        };
        let sines: f64 = (0..TERMS)
            .map(|k| {
                self.a[k].abs()
                    * (1.0 + mag(&self.w[k], self.c[k]))
                    * (1.0 + inf(&self.w[k])).powi(p)
            })
            .sum();
        let exp = self.b.abs()
            * self.exp_max(x)
            * (1.0 + mag(&self.u, 0.0))
            * (1.0 + inf(&self.u)).powi(p);
        gamma * (sines + exp)
    }
}

fn smooth(n: usize) -> impl Strategy<Value = Smooth> {
    (
        prop::collection::vec(-2.0..2.0_f64, TERMS),
        prop::collection::vec(prop::collection::vec(-1.5..1.5_f64, n), TERMS),
        prop::collection::vec(-3.0..3.0_f64, TERMS),
        -1.0..1.0_f64,
        prop::collection::vec(-0.5..0.5_f64, n),
    )
        .prop_map(|(a, w, c, b, u)| Smooth { a, w, c, b, u })
}

fn case(n: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = (Smooth, Vec<f64>, Vec<f64>)> {
    n.prop_flat_map(|n| {
        (
            smooth(n),
            prop::collection::vec(-1.0..1.0_f64, n),
            prop::collection::vec(-1.0..1.0_f64, n),
        )
    })
}

/// The step fd uses, widened (hi) or narrowed (lo) by the at most one ulp of
/// x that rounding x + h to an exact step can change it by.
fn steps(h: f64) -> (f64, f64) {
    (h * (1.0 - 1e-10), h * (1.0 + 1e-10))
}

/// |central f' - f'| <= h² M3 / 6 + e / h, plus the AD rounding.
fn first_tol(f: &Smooth, x: &[f64], i: usize) -> f64 {
    let (lo, hi) = steps(Stencil::Central.first_step(x[i]));
    hi * hi * f.m(x, 3) / 6.0 + f.rounding(x, 0) / lo + f.rounding(x, 1)
}

/// |central ∂²f/∂xi∂xj - exact| from the Hessian stencil bounds, plus AD rounding.
fn second_tol(f: &Smooth, x: &[f64], i: usize, j: usize) -> f64 {
    let (lo_i, hi_i) = steps(Stencil::Central.second_step(x[i]));
    let (lo_j, hi_j) = steps(Stencil::Central.second_step(x[j]));
    let e = f.rounding(x, 0);
    let ad = f.rounding(x, 2);
    if i == j {
        hi_i * hi_i * f.m(x, 4) / 12.0 + 4.0 * e / (lo_i * lo_i) + ad
    } else {
        (hi_i * hi_i + hi_j * hi_j) * f.m(x, 4) / 6.0 + e / (lo_i * lo_j) + ad
    }
}

fn second_tols(f: &Smooth, x: &[f64]) -> DMatrix<f64> {
    DMatrix::from_fn(x.len(), x.len(), |i, j| second_tol(f, x, i, j))
}

fn plain(f: &Smooth) -> impl Fn(&[f64]) -> f64 + '_ {
    move |x| f.eval(x)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn univariate_drivers((f, x, _) in case(1..=1)) {
        let x0 = x[0];
        let (v, d1) = derivative(|t| f.eval(&[t]), x0);
        let (v2, d1b, d2) = second_derivative(|t| f.eval(&[t]), x0);
        prop_assert_eq!(v, f.eval(&[x0]));
        prop_assert_eq!(v2, v);
        let (fv, fd1) = fd::derivative(|t| f.eval(&[t]), x0, Stencil::Central);
        prop_assert_eq!(fv, v);
        let (_, _, fd2) = fd::second_derivative(|t| f.eval(&[t]), x0, Stencil::Central);
        prop_assert!((d1 - fd1).abs() <= first_tol(&f, &x, 0), "{} vs {}", d1, fd1);
        prop_assert!((d1b - fd1).abs() <= first_tol(&f, &x, 0));
        prop_assert!((d2 - fd2).abs() <= second_tol(&f, &x, 0, 0), "{} vs {}", d2, fd2);
        // the Taylor drivers: orders 1 and 2 against the same differences
        let ds = derivatives::<4, _>(|t| f.eval(&[t]), x0);
        prop_assert_eq!(ds.len(), 5);
        prop_assert_eq!(ds[0], v);
        prop_assert!((ds[1] - fd1).abs() <= first_tol(&f, &x, 0));
        prop_assert!((ds[2] - fd2).abs() <= second_tol(&f, &x, 0, 0));
        let n2 = nth_derivative::<2, _>(|t| f.eval(&[t]), x0);
        prop_assert!((n2 - fd2).abs() <= second_tol(&f, &x, 0, 0));
        let c = taylor_coefficients::<4, _>(|t| f.eval(&[t]), x0);
        prop_assert!((c[2] * 2.0 - fd2).abs() <= second_tol(&f, &x, 0, 0));
        // fourth derivative: five-point second difference of the exact f'' (from
        // HyperDual), bound h^4 M6 / 90 + 16 e2 / (3 h^2) with e2 the rounding of
        // the AD second derivative
        let (_, _, fd4) = fd::second_derivative(|t| second_derivative(|s| f.eval(&[s]), t).2, x0, Stencil::FivePoint);
        let (lo, hi) = steps(Stencil::FivePoint.second_step(x0));
        let tol4 = hi.powi(4) * f.m(&x, 6) / 90.0 + 16.0 * f.rounding(&x, 2) / (3.0 * lo * lo) + f.rounding(&x, 4);
        prop_assert!((ds[4] - fd4).abs() <= tol4, "{} vs {} (tol {})", ds[4], fd4, tol4);
        let k = curvature(|t| f.eval(&[t]), x0);
        prop_assert!((k - d2.abs() / (1.0 + d1 * d1).powf(1.5)).abs() <= 1e-14 * (1.0 + k));
    }

    #[test]
    fn gradient_drivers((f, x, v) in case(1..=11)) {
        let (_, fdg) = fd::gradient(plain(&f), &x, Stencil::Central);
        let (val, g) = gradient(|y| f.eval(y), &x);
        let (_, g1) = gradient_chunked::<1, _>(|y| f.eval(y), &x);
        let (_, g3) = gradient_chunked::<3, _>(|y| f.eval(y), &x);
        prop_assert_eq!(val, f.eval(&x));
        for i in 0..x.len() {
            let tol = first_tol(&f, &x, i);
            prop_assert!((g[i] - fdg[i]).abs() <= tol, "i = {}: {} vs {} (tol {})", i, g[i], fdg[i], tol);
            prop_assert!((g1[i] - fdg[i]).abs() <= tol);
            prop_assert!((g3[i] - fdg[i]).abs() <= tol);
            let p = partial_derivative(|y| f.eval(y), &x, i).unwrap();
            prop_assert!((p - fdg[i]).abs() <= tol);
        }
        let dir = directional_derivative(|y| f.eval(y), &x, &v).unwrap();
        let dir_fd: f64 = fdg.iter().zip(&v).map(|(a, b)| a * b).sum();
        let tol: f64 = (0..x.len()).map(|i| v[i].abs() * first_tol(&f, &x, i)).sum();
        prop_assert!((dir - dir_fd).abs() <= tol * (1.0 + 1e-12));
    }

    #[test]
    fn hessian_drivers((f, x, v) in case(1..=11)) {
        let (_, _, fdh) = fd::hessian(plain(&f), &x, Stencil::Central);
        let tol = second_tols(&f, &x);
        let (val, _, h) = hessian(|y| f.eval(y), &x);
        let (_, _, h2) = hessian_chunked::<2, _>(|y| f.eval(y), &x);
        prop_assert_eq!(val, f.eval(&x));
        prop_assert_eq!(&h, &h.transpose());
        for i in 0..x.len() {
            for j in 0..x.len() {
                let t = tol[(i, j)];
                prop_assert!((h[(i, j)] - fdh[(i, j)]).abs() <= t, "({}, {}): {} vs {}", i, j, h[(i, j)], fdh[(i, j)]);
                prop_assert!((h2[(i, j)] - fdh[(i, j)]).abs() <= t);
                let s = second_partial_derivative(|y| f.eval(y), &x, i, j).unwrap();
                prop_assert!((s - fdh[(i, j)]).abs() <= t);
            }
        }
        // H v and vᵀ H v: the entry bounds weighted by |v|
        let av = nalgebra::DVector::from_iterator(v.len(), v.iter().map(|a| a.abs()));
        let hv = hessian_vector_product(|y| f.eval(y), &x, &v).unwrap();
        let hv_fd = &fdh * nalgebra::DVector::from_column_slice(&v);
        let hv_tol = &tol * &av;
        for i in 0..x.len() {
            prop_assert!((hv[i] - hv_fd[i]).abs() <= hv_tol[i] * (1.0 + 1e-12));
        }
        let vhv = second_directional_derivative(|y| f.eval(y), &x, &v).unwrap();
        let vhv_fd = hv_fd.dot(&nalgebra::DVector::from_column_slice(&v));
        prop_assert!((vhv - vhv_fd).abs() <= av.dot(&hv_tol) * (1.0 + 1e-12));
    }

    #[test]
    fn static_drivers((f, x, _) in case(3..=3)) {
        let xs = SVector::<f64, 3>::from_column_slice(&x);
        let (_, g) = gradient_static(|y| f.eval(y), &xs);
        let (_, g2, h) = hessian_static(|y| f.eval(y), &xs);
        let (_, fdg) = fd::gradient(plain(&f), &x, Stencil::Central);
        let (_, _, fdh) = fd::hessian(plain(&f), &x, Stencil::Central);
        for i in 0..3 {
            prop_assert!((g[i] - fdg[i]).abs() <= first_tol(&f, &x, i));
            prop_assert!((g2[i] - fdg[i]).abs() <= first_tol(&f, &x, i));
            for j in 0..3 {
                prop_assert!((h[(i, j)] - fdh[(i, j)]).abs() <= second_tol(&f, &x, i, j));
            }
        }
        prop_assert_eq!(h, h.transpose());
    }

    #[test]
    fn jacobian_driver((f, x, _) in case(1..=11), seed in 0.0..1.0_f64) {
        // the second output: f with shifted phases
        let mut g = f.clone();
        g.c.iter_mut().for_each(|c| *c += seed);
        let (vals, j) = jacobian(|y| vec![f.eval(y), g.eval(y)], &x);
        prop_assert_eq!(vals.len(), 2);
        prop_assert_eq!(vals[1], g.eval(&x));
        let (_, fdf) = fd::gradient(plain(&f), &x, Stencil::Central);
        let (_, fdg) = fd::gradient(plain(&g), &x, Stencil::Central);
        for i in 0..x.len() {
            prop_assert!((j[(0, i)] - fdf[i]).abs() <= first_tol(&f, &x, i));
            prop_assert!((j[(1, i)] - fdg[i]).abs() <= first_tol(&g, &x, i));
        }
    }

    /// The documented bounds of all three stencils hold against the exact
    /// derivatives (default steps).
    #[test]
    fn stencil_bounds_hold((f, x, _) in case(1..=3)) {
        let (_, g, h) = hessian(|y| f.eval(y), &x);
        let e = f.rounding(&x, 0);
        let ad1 = f.rounding(&x, 1);
        let ad2 = f.rounding(&x, 2);
        for stencil in [Stencil::Forward, Stencil::Central, Stencil::FivePoint] {
            let (_, fdg) = fd::gradient(plain(&f), &x, stencil);
            let (_, _, fdh) = fd::hessian(plain(&f), &x, stencil);
            for i in 0..x.len() {
                let (lo, hi) = steps(stencil.first_step(x[i]));
                let first = match stencil {
                    Stencil::Forward => hi * f.m(&x, 2) / 2.0 + 2.0 * e / lo,
                    Stencil::Central => hi.powi(2) * f.m(&x, 3) / 6.0 + e / lo,
                    Stencil::FivePoint => hi.powi(4) * f.m(&x, 5) / 30.0 + 1.5 * e / lo,
                };
                prop_assert!((fdg[i] - g[i]).abs() <= first + ad1, "{:?} f'", stencil);
                let (lo_i, hi_i) = steps(stencil.second_step(x[i]));
                for j in 0..x.len() {
                    let (lo_j, hi_j) = steps(stencil.second_step(x[j]));
                    let second = match (stencil, i == j) {
                        (Stencil::Forward, true) => 5.0 * hi_i * f.m(&x, 3) / 3.0 + 4.0 * e / (lo_i * lo_i),
                        (Stencil::Central, true) => hi_i.powi(2) * f.m(&x, 4) / 12.0 + 4.0 * e / (lo_i * lo_i),
                        (Stencil::FivePoint, true) => hi_i.powi(4) * f.m(&x, 6) / 90.0 + 16.0 * e / (3.0 * lo_i * lo_i),
                        (Stencil::Forward, false) => (hi_i + hi_j) * f.m(&x, 3) / 2.0 + 4.0 * e / (lo_i * lo_j),
                        (Stencil::Central, false) => (hi_i.powi(2) + hi_j.powi(2)) * f.m(&x, 4) / 6.0 + e / (lo_i * lo_j),
                        (Stencil::FivePoint, false) => (hi_i.powi(4) + hi_j.powi(4)) * f.m(&x, 6) / 18.0 + 2.25 * e / (lo_i * lo_j),
                    };
                    prop_assert!((fdh[(i, j)] - h[(i, j)]).abs() <= second + ad2, "{:?} H[{}, {}]", stencil, i, j);
                }
            }
        }
    }
}
