//! Sparse Jacobians and Hessians: patterns against hand-built ones, values
//! against the dense drivers, colour counts, every error path, and random
//! sparse polynomial structures.

use dual::{Dual64, DualNum};
use hessian::sparse::{
    CsrMatrix, Order, ScalarForm, SparseHessian, SparseJacobian, SparsityPattern, TermsForm,
    column_coloring, hessian_sparse, hessian_sparsity, jacobian_sparse, jacobian_sparsity,
    star_coloring,
};
use hessian::{Argument, Error, Function, VectorFunction};
use nalgebra::{DMatrix, DVector};
use proptest::prelude::*;
use std::any::Any;
use std::cell::RefCell;

// ---------------------------------------------------------------- functions

/// The chained Rosenbrock function, one scalar.
struct Rosenbrock;
impl Function<f64> for Rosenbrock {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
        (0..x.len().saturating_sub(1))
            .map(|i| (x[i + 1] - x[i] * x[i]).powi(2) * 100.0 + (-x[i] + 1.0).powi(2))
            .sum()
    }
}

/// The same function as a sum of `n - 1` terms.
struct RosenbrockTerms;
impl VectorFunction<f64> for RosenbrockTerms {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> Vec<D> {
        (0..x.len().saturating_sub(1))
            .map(|i| (x[i + 1] - x[i] * x[i]).powi(2) * 100.0 + (-x[i] + 1.0).powi(2))
            .collect()
    }
}

/// `Σ_i exp(x_i + ... + x_{i+β}) / (i + 1)`: a banded Hessian of half-bandwidth `β`.
struct Banded(usize);
impl Function<f64> for Banded {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
        let n = x.len();
        (0..n)
            .map(|i| {
                let s: D = x[i..(i + self.0 + 1).min(n)].iter().sum();
                (s * 0.1).exp() / (i as f64 + 1.0)
            })
            .sum()
    }
}

/// `Σ_{i >= 1} (x_0 x_i - 1)^2 + x_i^4`: an arrowhead Hessian.
struct Arrowhead;
impl Function<f64> for Arrowhead {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
        x[1..]
            .iter()
            .map(|&xi| (x[0] * xi - 1.0).powi(2) + xi.powi(4))
            .sum()
    }
}

/// A Ginzburg-Landau-type energy on an `m x m` grid (Dirichlet, zero outside):
/// `Σ_edges (u_p - u_q)^2 / 2 + Σ_p (u_p^2 - 1)^2 / 4`, a 5-point Hessian.
struct GridEnergy(usize);
impl Function<f64> for GridEnergy {
    fn eval<D: DualNum<f64>>(&self, u: &[D]) -> D {
        GridTerms(self.0).eval(u).iter().sum()
    }
}

/// The grid energy as terms: one per point (its potential and its edges to the
/// right and below).
struct GridTerms(usize);
impl VectorFunction<f64> for GridTerms {
    fn eval<D: DualNum<f64>>(&self, u: &[D]) -> Vec<D> {
        let m = self.0;
        (0..m * m)
            .map(|p| {
                let (i, j) = (p / m, p % m);
                let mut t = (u[p] * u[p] - 1.0).powi(2) * 0.25;
                if j + 1 < m {
                    t += (u[p] - u[p + 1]).powi(2) * 0.5;
                }
                if i + 1 < m {
                    t += (u[p] - u[p + m]).powi(2) * 0.5;
                }
                t
            })
            .collect()
    }
}

/// The 2-D Brusselator right-hand side on an `N x N` periodic grid (u then v,
/// `n = 2 N^2`), as in the sparse AD benchmarks of the Julia ecosystem.
struct Brusselator(usize);
impl VectorFunction<f64> for Brusselator {
    fn eval<D: DualNum<f64>>(&self, y: &[D]) -> Vec<D> {
        let n = self.0;
        let (a, b, alpha) = (3.4, 1.0, 10.0 / ((n - 1) * (n - 1)) as f64);
        let idx = |i: usize, j: usize| (i % n) * n + j % n;
        let mut out = Vec::with_capacity(2 * n * n);
        for species in 0..2 {
            for i in 0..n {
                for j in 0..n {
                    let k = idx(i, j);
                    let (u, v) = (y[k], y[n * n + k]);
                    let s = species * n * n;
                    let lap = y[s + idx(i + n - 1, j)]
                        + y[s + idx(i + 1, j)]
                        + y[s + idx(i, j + n - 1)]
                        + y[s + idx(i, j + 1)]
                        - y[s + k] * 4.0;
                    out.push(if species == 0 {
                        lap * alpha + b + u * u * v - u * (a + 1.0)
                    } else {
                        lap * alpha + u * a - u * u * v
                    });
                }
            }
        }
        out
    }
}

// ---------------------------------------------------------------- patterns by hand

fn pattern(n_cols: usize, rows: Vec<Vec<usize>>) -> SparsityPattern {
    let mut offsets = vec![0];
    let mut indices = Vec::new();
    for mut r in rows {
        r.sort_unstable();
        r.dedup();
        indices.extend(r);
        offsets.push(indices.len());
    }
    SparsityPattern::try_from_offsets_and_indices(offsets.len() - 1, n_cols, offsets, indices)
        .expect("a valid pattern")
}

fn banded_pattern(n: usize, half: usize) -> SparsityPattern {
    pattern(
        n,
        (0..n)
            .map(|i| (i.saturating_sub(half)..(i + half + 1).min(n)).collect())
            .collect(),
    )
}

fn arrowhead_pattern(n: usize) -> SparsityPattern {
    pattern(
        n,
        (0..n)
            .map(|i| if i == 0 { (0..n).collect() } else { vec![0, i] })
            .collect(),
    )
}

fn grid_pattern(m: usize) -> SparsityPattern {
    pattern(
        m * m,
        (0..m * m)
            .map(|p| {
                let (i, j) = (p / m, p % m);
                let mut r = vec![p];
                if i > 0 {
                    r.push(p - m);
                }
                if i + 1 < m {
                    r.push(p + m);
                }
                if j > 0 {
                    r.push(p - 1);
                }
                if j + 1 < m {
                    r.push(p + 1);
                }
                r
            })
            .collect(),
    )
}

fn brusselator_pattern(n: usize) -> SparsityPattern {
    let idx = |i: usize, j: usize| (i % n) * n + j % n;
    let mut rows = Vec::new();
    for species in 0..2 {
        for i in 0..n {
            for j in 0..n {
                let s = species * n * n;
                let k = idx(i, j);
                let mut r: Vec<usize> = [
                    idx(i + n - 1, j),
                    idx(i + 1, j),
                    idx(i, j + n - 1),
                    idx(i, j + 1),
                    k,
                ]
                .iter()
                .map(|&c| s + c)
                .collect();
                r.push(k); // u
                r.push(n * n + k); // v
                rows.push(r);
            }
        }
    }
    pattern(2 * n * n, rows)
}

fn points(n: usize) -> Vec<f64> {
    // away from every special value, no two alike
    (0..n)
        .map(|i| 0.3 + 0.7 * ((i as f64) * 0.618_033_988_75).fract())
        .collect()
}

// ---------------------------------------------------------------- comparison helpers

/// Every stored entry equals the dense one to `1e-14` relative (absolute
/// against the largest entry, for entries that cancel to near zero), and
/// every entry off the pattern is exactly zero in the dense matrix.
fn assert_matches_dense(sparse: &CsrMatrix<f64>, dense: &DMatrix<f64>) {
    let scale = dense.amax().max(f64::MIN_POSITIVE);
    assert_dense_by(sparse, dense, |_, _, d| 1e-14 * d.abs().max(scale * 1e-2));
}

/// Every stored entry `(i, j)` is within `tol(i, j, dense entry)` of the
/// dense one, and every entry off the pattern is exactly zero in the dense
/// matrix.
fn assert_dense_by(
    sparse: &CsrMatrix<f64>,
    dense: &DMatrix<f64>,
    tol: impl Fn(usize, usize, f64) -> f64,
) {
    assert_eq!((sparse.nrows(), sparse.ncols()), dense.shape());
    let mut seen = DMatrix::from_element(dense.nrows(), dense.ncols(), false);
    for (i, j, &v) in sparse.triplet_iter() {
        let (d, t) = (dense[(i, j)], tol(i, j, dense[(i, j)]));
        assert!(
            (v - d).abs() <= t,
            "entry ({i}, {j}): sparse {v} against dense {d} (allowed {t:e})"
        );
        seen[(i, j)] = true;
    }
    for i in 0..dense.nrows() {
        for j in 0..dense.ncols() {
            if !seen[(i, j)] {
                assert_eq!(
                    dense[(i, j)],
                    0.0,
                    "nonzero ({i}, {j}) missing from the pattern"
                );
            }
        }
    }
}

/// `a` equals `b` to `1e-14` relative (absolute against 1% of the largest
/// entry).
fn assert_vec_close(a: &DVector<f64>, b: &DVector<f64>) {
    let scale = b.amax().max(f64::MIN_POSITIVE);
    assert_vec_by(a, b, |_, y| 1e-14 * y.abs().max(scale * 1e-2));
}

/// Every `a[k]` is within `tol(k, b[k])` of `b[k]`.
fn assert_vec_by(a: &DVector<f64>, b: &DVector<f64>, tol: impl Fn(usize, f64) -> f64) {
    assert_eq!(a.len(), b.len());
    for (k, (x, y)) in a.iter().zip(b.iter()).enumerate() {
        let t = tol(k, *y);
        assert!((x - y).abs() <= t, "{x} against {y} (allowed {t:e})");
    }
}

fn check_hessian<G: Function<f64>>(f: &G, x: &[f64]) -> SparseHessian<f64> {
    let plan = SparseHessian::new(f, x).expect("a plan");
    let (v, g, h) = plan.hessian(f, x).expect("a Hessian");
    let (dv, dg, dh) = hessian::hessian(|x| f.eval(x), x);
    assert!((v - dv).abs() <= 1e-14 * dv.abs());
    assert_vec_close(&g, &dg);
    assert_matches_dense(&h, &dh);
    plan
}

// ---------------------------------------------------------------- detection

#[test]
fn rosenbrock_pattern_is_tridiagonal() {
    for n in [2, 3, 10, 57] {
        assert_eq!(
            hessian_sparsity(&Rosenbrock, &points(n)),
            banded_pattern(n, 1)
        );
    }
}

#[test]
fn banded_patterns() {
    for half in [1, 2, 4] {
        assert_eq!(
            hessian_sparsity(&Banded(half), &points(30)),
            banded_pattern(30, half)
        );
    }
}

#[test]
fn arrowhead_pattern_detected() {
    assert_eq!(
        hessian_sparsity(&Arrowhead, &points(12)),
        arrowhead_pattern(12)
    );
}

#[test]
fn five_point_pattern_detected() {
    let m = 7;
    assert_eq!(
        hessian_sparsity(&GridEnergy(m), &points(m * m)),
        grid_pattern(m)
    );
}

#[test]
fn brusselator_pattern_detected() {
    for n in [4, 8] {
        assert_eq!(
            jacobian_sparsity(&Brusselator(n), &points(2 * n * n)),
            brusselator_pattern(n)
        );
    }
}

struct Ops;
impl Function<f64> for Ops {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
        // linear: nothing; x0 x1: the off-diagonal pair only; x2 / x3: (2,3), (3,3);
        // sin(x4 + x5): the 2 x 2 block; floor, signum, comparisons: nothing
        let lin = x[0] * 3.0 - x[1] + x[6] * 2.0 + 1.0;
        let prod = x[0] * x[1];
        let div = x[2] / x[3];
        let unary = (x[4] + x[5]).sin();
        let flat = x[6].floor() + x[6].signum() + x[7].round();
        let chosen = if x[7] > 0.5 { x[7].exp() } else { x[7] };
        lin + prod + div + unary + flat + chosen + x[6].abs()
    }
}

#[test]
fn operation_rules() {
    let mut x = points(8);
    x[7] = 0.9;
    let p = hessian_sparsity(&Ops, &x);
    let expected = pattern(
        8,
        vec![
            vec![1],
            vec![0],
            vec![3],
            vec![2, 3],
            vec![4, 5],
            vec![4, 5],
            vec![],
            vec![7],
        ],
    );
    assert_eq!(p, expected);
    // the other branch: x7 enters linearly
    x[7] = 0.1;
    let p = hessian_sparsity(&Ops, &x);
    assert_eq!(p.lane(7), &[] as &[usize]);
}

struct Binary;
impl Function<f64> for Binary {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
        x[0].powf(x[1])
            + x[2].atan2(x[3])
            + x[4].hypot(D::from_re(2.0))
            + x[5].powf_scalar(1.0)
            + x[5].powi(1)
            + x[5].powi(0)
    }
}

#[test]
fn binary_and_power_rules() {
    let p = hessian_sparsity(&Binary, &points(6));
    let expected = pattern(
        6,
        vec![
            vec![0, 1],
            vec![0, 1],
            vec![2, 3],
            vec![2, 3],
            vec![4],
            vec![],
        ],
    );
    assert_eq!(p, expected);
}

/// A chain sum of `n` terms records no growing set: the detection of a
/// 200 000-variable Rosenbrock takes a fraction of a second (a quadratic
/// algorithm would take minutes).
#[test]
fn detection_is_linear_on_chained_sums() {
    let n = 200_000;
    let p = hessian_sparsity(&Rosenbrock, &points(n));
    assert_eq!(p.nnz(), 3 * n - 2);
    let p = jacobian_sparsity(&RosenbrockTerms, &points(n));
    assert_eq!(p.nnz(), 2 * (n - 1));
}

/// `sin(sin(...(x)))` and `x * x * ... * x`: long chains of nonlinear
/// operations on one variable, whose sets are memoised.
struct DeepChain(usize);
impl Function<f64> for DeepChain {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
        let mut a = x[0];
        let mut b = x[1];
        for _ in 0..self.0 {
            a = (a * 0.5).sin();
            b = b * b * 0.5;
        }
        a + b
    }
}

#[test]
fn deep_chains() {
    let p = hessian_sparsity(&DeepChain(50_000), &[0.3, 0.9]);
    assert_eq!(p, pattern(2, vec![vec![0], vec![1]]));
}

thread_local! {
    static STASH: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
}

/// Keeps a tracer from its first evaluation and uses it in the next.
struct Smuggler;
impl Function<f64> for Smuggler {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
        let old = STASH.with_borrow_mut(|s| {
            let old = s.take().and_then(|b| b.downcast::<D>().ok()).map(|b| *b);
            *s = Some(Box::new(x[0]));
            old
        });
        match old {
            Some(o) => x[1] + o,
            None => x[1],
        }
    }
}

#[test]
fn a_stale_tracer_gives_the_full_pattern() {
    let x = [1.0, 2.0, 3.0];
    let first = hessian_sparsity(&Smuggler, &x);
    assert_eq!(first.nnz(), 0);
    // the second evaluation adds a tracer of the first: the pattern is unknown
    let second = hessian_sparsity(&Smuggler, &x);
    assert_eq!(second.nnz(), 9);
    STASH.with_borrow_mut(|s| *s = None);
}

// ---------------------------------------------------------------- values

#[test]
fn rosenbrock_values_match_dense() {
    for n in [1, 2, 3, 9, 40] {
        let plan = check_hessian(&Rosenbrock, &points(n));
        assert!(plan.colors() <= 3);
    }
}

#[test]
fn banded_arrowhead_grid_values_match_dense() {
    for half in [1, 2, 3, 4] {
        check_hessian(&Banded(half), &points(25));
    }
    check_hessian(&Arrowhead, &points(20));
    check_hessian(&GridEnergy(6), &points(36));
    check_hessian(&Ops, &points(8));
    check_hessian(&Binary, &points(6));
}

#[test]
fn plans_are_reused_at_other_points() {
    let x = points(30);
    let plan = SparseHessian::new(&Rosenbrock, &x).unwrap();
    for shift in [0.1, -2.0, 7.5] {
        let y: Vec<f64> = x.iter().map(|xi| xi + shift).collect();
        assert!(plan.is_valid_at(&Rosenbrock, &y));
        let (_, _, h) = plan.hessian(&Rosenbrock, &y).unwrap();
        let (_, _, dh) = hessian::hessian(|x| Rosenbrock.eval(x), &y);
        assert_matches_dense(&h, &dh);
    }
}

#[test]
fn terms_form_matches_dense() {
    for n in [2, 3, 10, 33] {
        let x = points(n);
        let plan = SparseHessian::of_terms(&RosenbrockTerms, &x).unwrap();
        assert_eq!(plan.colors(), 2);
        assert_eq!(plan.pattern(), &banded_pattern(n, 1));
        let (v, g, h) = plan.hessian(&RosenbrockTerms, &x).unwrap();
        let (dv, dg, dh) = hessian::hessian(|x| Rosenbrock.eval(x), &x);
        assert!((v - dv).abs() <= 1e-14 * dv.abs());
        assert_vec_close(&g, &dg);
        assert_matches_dense(&h, &dh);
        // the same plan also takes the scalar function, and a scalar plan the terms
        let (_, _, h2) = plan.hessian(&Rosenbrock, &x).unwrap();
        assert_matches_dense(&h2, &dh);
        let scalar = SparseHessian::new(&Rosenbrock, &x).unwrap();
        let (_, _, h3) = scalar.hessian(&RosenbrockTerms, &x).unwrap();
        assert_matches_dense(&h3, &dh);
    }
    let m = 6;
    let x = points(m * m);
    let plan = SparseHessian::of_terms(&GridTerms(m), &x).unwrap();
    let (_, _, h) = plan.hessian(&GridTerms(m), &x).unwrap();
    let (_, _, dh) = hessian::hessian(|x| GridEnergy(m).eval(x), &x);
    assert_matches_dense(&h, &dh);
    assert_eq!(plan.pattern(), &grid_pattern(m));
}

/// A term reading 20 variables needs 20 colours, more than one pass holds:
/// the plan falls back to the star form, with the same values.
struct WideTerm;
impl VectorFunction<f64> for WideTerm {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> Vec<D> {
        vec![x.iter().map(|&xi| xi * xi).sum::<D>().sqrt(), x[0] * x[1]]
    }
}

#[test]
fn many_term_colours_fall_back_to_the_star_form() {
    let x = points(20);
    let plan = SparseHessian::of_terms(&WideTerm, &x).unwrap();
    assert_eq!(plan.colors(), 20);
    let (v, g, h) = plan.hessian(&WideTerm, &x).unwrap();
    let (dv, dg, dh) = hessian::hessian(|x| WideTerm.eval(x).iter().sum(), &x);
    assert!((v - dv).abs() <= 1e-14 * dv.abs());
    assert_vec_close(&g, &dg);
    assert_matches_dense(&h, &dh);
}

/// Terms of several shapes (a constant, a linear term, one to five
/// variables) through every operation of the terms pass's number type: the
/// arithmetic it computes itself and the functions it takes from
/// `HyperDualVec`.
struct Mixed;
impl VectorFunction<f64> for Mixed {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> Vec<D> {
        let n = x.len();
        let mut t = Vec::new();
        for k in 0..n - 4 {
            let (a, b, c, d, e) = (x[k], x[k + 1], x[k + 2], x[k + 3], x[k + 4]);
            t.push(match k % 8 {
                0 => a * b - c / (d * d + 1.0) + (-e + 2.0) * 0.5,
                1 => (a.powi(-2) + b.powi(0) * 3.0 + c.powi(1) - d.powi(3) / 4.0) * e,
                2 => a.powf(b) + c.sqrt() * d.exp() - (e * e + 1.0).ln(),
                3 => {
                    let (s, co) = a.sin_cos();
                    s * co + b.tanh() * c.atan2(d) + e.hypot(a)
                }
                4 => a.mul_add(b, c) * d.abs().max(e).recip(),
                5 => [a, b, c].iter().sum::<D>() * [d, e].iter().product::<D>(),
                6 => D::from_f64(1.5).unwrap() * a - b + 7.0,
                _ => (a - 1.0) % 2.0 + (b / 3.0).powf_scalar(1.5) * c,
            });
        }
        t.push(D::from_re(4.0)); // a constant term
        t.push(x[0] * 2.0 - x[n - 1]); // a linear one
        t
    }
}

#[test]
fn terms_pass_operations_match_dense() {
    let n = 21;
    let x: Vec<f64> = (0..n).map(|i| 0.3 + 0.07 * i as f64).collect();
    let plan = SparseHessian::of_terms(&Mixed, &x).unwrap();
    assert_eq!(plan.colors(), 5);
    let (v, g, h) = plan.hessian(&Mixed, &x).unwrap();
    let sum = |x: &[_]| Mixed.eval(x).iter().sum();
    let (dv, dg, dh) = hessian::hessian(sum, &x);
    assert!((v - dv).abs() <= 1e-14 * dv.abs());
    assert_vec_close(&g, &dg);
    assert_matches_dense(&h, &dh);
    assert!(plan.is_valid_at(&Mixed, &x));
}

/// Term `k` couples `x_k` and `x_{k+1}` only where `x_k > 0`.
struct BranchyTerms;
impl VectorFunction<f64> for BranchyTerms {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> Vec<D> {
        x.windows(2)
            .map(|w| if w[0] > 0.0 { w[0] * w[1] } else { w[0] * w[0] })
            .collect()
    }
}

#[test]
fn terms_plans_check_their_incidence() {
    let neg = [-1.0; 6];
    let pos = [1.0; 6];
    let plan = SparseHessian::of_terms(&BranchyTerms, &neg).unwrap();
    assert!(plan.is_valid_at(&BranchyTerms, &neg));
    assert!(!plan.is_valid_at(&BranchyTerms, &pos));
    // the other way round, every term reads a subset of what it read
    let plan = SparseHessian::of_terms(&BranchyTerms, &pos).unwrap();
    assert!(plan.is_valid_at(&BranchyTerms, &neg));
}

/// `sum_t sin(L_t)`, `L_t = sum_s c_s x_(t + s)` over windows of `k`
/// consecutive variables, `c_s = 1 + s / 10`: terms that need exactly `k`
/// colours, with the closed form below.
struct Windows(usize);
impl VectorFunction<f64> for Windows {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> Vec<D> {
        x.windows(self.0)
            .map(|w| {
                let l: D = w
                    .iter()
                    .enumerate()
                    .map(|(s, &v)| v * (1.0 + s as f64 / 10.0))
                    .sum();
                l.sin()
            })
            .collect()
    }
}

/// The value, gradient and Hessian of [`Windows`], and the same sums of
/// absolute values (each computed entry is within a few roundings of that
/// magnitude).
fn windows_closed_form(k: usize, x: &[f64]) -> [(f64, DVector<f64>, DMatrix<f64>); 2] {
    let n = x.len();
    let c = |s: usize| 1.0 + s as f64 / 10.0;
    let (mut v, mut g, mut h) = (0.0, DVector::zeros(n), DMatrix::zeros(n, n));
    let (mut mv, mut mg, mut mh) = (0.0, DVector::zeros(n), DMatrix::zeros(n, n));
    for t in 0..=n.saturating_sub(k) {
        let l: f64 = (0..k).map(|s| c(s) * x[t + s]).sum();
        let ml: f64 = (0..k).map(|s| (c(s) * x[t + s]).abs()).sum();
        let (sin, cos) = l.sin_cos();
        v += sin;
        mv += sin.abs() + ml;
        for a in 0..k {
            g[t + a] += cos * c(a);
            mg[t + a] += cos.abs() * c(a) + ml * c(a);
            for b in 0..k {
                h[(t + a, t + b)] -= sin * c(a) * c(b);
                mh[(t + a, t + b)] += (sin.abs() + ml) * c(a) * c(b);
            }
        }
    }
    [(v, g, h), (mv, mg, mh)]
}

#[test]
fn terms_of_every_pass_width_match_the_closed_form() {
    // widths 1, 2, 3, 4 and 8 (for 5 to 8 colours) and 16 (9 to 16)
    for k in [1, 2, 3, 4, 5, 8, 9, 16] {
        let x: Vec<f64> = (0..3 * k + 4).map(|i| 0.3 + 0.17 * i as f64).collect();
        let plan = SparseHessian::of_terms(&Windows(k), &x).unwrap();
        assert_eq!(plan.colors(), k, "k = {k}");
        let [(cv, cg, ch), (mv, mg, mh)] = windows_closed_form(k, &x);
        // garbage in the kept buffers: every entry is written
        let mut grad = vec![f64::NAN; x.len()];
        let mut values = vec![f64::NAN; plan.pattern().nnz()];
        let v = plan
            .hessian_into(&Windows(k), &x, &mut grad, &mut values)
            .unwrap();
        let (_, _, h) = plan.hessian(&Windows(k), &x).unwrap();
        assert_eq!(h.values(), values.as_slice());
        // the sums of sines, cosines and products of up to 3 k + 1 rounded
        // factors, each entry a sum of up to k terms: 1e-14 of the magnitude
        // is tens of roundings
        assert!((v - cv).abs() <= 1e-14 * mv, "k = {k}: {v} against {cv}");
        assert_vec_by(&DVector::from_vec(grad), &cg, |i, _| 1e-14 * mg[i]);
        assert_dense_by(&h, &ch, |i, j, _| 1e-14 * mh[(i, j)]);
    }
}

/// A call of `hessian_into` (point, gradient, values; the value returned).
type IntoCall<'a> = &'a dyn Fn(&[f64], &mut [f64], &mut [f64]) -> f64;
/// A call of `hessian`.
type FullCall<'a> = &'a dyn Fn(&[f64]) -> (f64, DVector<f64>, CsrMatrix<f64>);

#[test]
fn hessian_into_equals_hessian() {
    let x = points(12);
    let y: Vec<f64> = x.iter().map(|v| 0.5 - v).collect();
    let terms = SparseHessian::of_terms(&RosenbrockTerms, &x).unwrap();
    let scalar = SparseHessian::new(&Rosenbrock, &x).unwrap();
    let mixed = SparseHessian::of_terms(&Mixed, &points(21)).unwrap();
    // buffers holding garbage: every entry is written
    let check = |plan: &SparseHessian<f64>, f: IntoCall<'_>, full: FullCall<'_>, x: &[f64]| {
        let mut grad = vec![f64::NAN; x.len()];
        let mut values = vec![f64::NAN; plan.pattern().nnz()];
        for p in [x.to_vec(), x.iter().map(|v| v * 0.75).collect()] {
            let v = f(&p, &mut grad, &mut values);
            let (dv, dg, dh) = full(&p);
            assert_eq!(v.to_bits(), dv.to_bits());
            assert_eq!(grad.as_slice(), dg.as_slice());
            assert_eq!(values.as_slice(), dh.values());
        }
    };
    check(
        &terms,
        &|p, g, h| terms.hessian_into(&RosenbrockTerms, p, g, h).unwrap(),
        &|p| terms.hessian(&RosenbrockTerms, p).unwrap(),
        &y,
    );
    // the terms plan given the sum, and a scalar plan (the star form)
    check(
        &terms,
        &|p, g, h| terms.hessian_into(&Rosenbrock, p, g, h).unwrap(),
        &|p| terms.hessian(&Rosenbrock, p).unwrap(),
        &y,
    );
    check(
        &scalar,
        &|p, g, h| scalar.hessian_into(&Rosenbrock, p, g, h).unwrap(),
        &|p| scalar.hessian(&Rosenbrock, p).unwrap(),
        &y,
    );
    check(
        &mixed,
        &|p, g, h| mixed.hessian_into(&Mixed, p, g, h).unwrap(),
        &|p| mixed.hessian(&Mixed, p).unwrap(),
        &points(21),
    );
    // an empty point
    let empty = SparseHessian::of_terms(&RosenbrockTerms, &[] as &[f64]).unwrap();
    assert_eq!(
        empty.hessian_into(&RosenbrockTerms, &[], &mut [], &mut []),
        Ok(0.0)
    );
}

#[test]
fn hessian_into_length_errors() {
    let x = points(6);
    for plan in [
        SparseHessian::of_terms(&RosenbrockTerms, &x).unwrap(),
        SparseHessian::new(&Rosenbrock, &x).unwrap(),
    ] {
        let nnz = plan.pattern().nnz();
        let (mut grad, mut values) = (vec![0.0; 6], vec![0.0; nnz]);
        let mismatch = |argument, found, expected| Error::LengthMismatch {
            argument,
            found,
            expected,
        };
        let err = plan.hessian_into(&RosenbrockTerms, &points(5), &mut grad, &mut values);
        assert_eq!(err, Err(mismatch(Argument::Point, 5, 6)));
        let err = plan.hessian_into(&RosenbrockTerms, &x, &mut [0.0; 7], &mut values);
        assert_eq!(err, Err(mismatch(Argument::Point, 7, 6)));
        let err = plan.hessian_into(&RosenbrockTerms, &x, &mut grad, &mut vec![0.0; nnz + 1]);
        assert_eq!(err, Err(mismatch(Argument::Outputs, nnz + 1, nnz)));
        let err = plan.hessian_into(&RosenbrockTerms, &x, &mut grad, &mut []);
        assert_eq!(err, Err(mismatch(Argument::Outputs, 0, nnz)));
    }
    let plan = SparseHessian::of_terms(&RosenbrockTerms, &x).unwrap();
    let (mut grad, mut values) = (vec![0.0; 6], vec![0.0; plan.pattern().nnz()]);
    let err = plan.hessian_into(&FewerTerms, &x, &mut grad, &mut values);
    assert_eq!(
        err,
        Err(Error::LengthMismatch {
            argument: Argument::Outputs,
            found: 4,
            expected: 5
        })
    );
}

#[test]
fn brusselator_jacobian_matches_dense() {
    let n = 6;
    let x = points(2 * n * n);
    let plan = SparseJacobian::new(&Brusselator(n), &x).unwrap();
    let (y, j) = plan.jacobian(&Brusselator(n), &x).unwrap();
    let (dy, dj) = hessian::jacobian(|x| Brusselator(n).eval(x), &x);
    assert_eq!(y, dy);
    assert_matches_dense(&j, &dj);
    assert!(plan.colors() <= 12, "{} colours", plan.colors());
    let (y1, j1) = jacobian_sparse(&Brusselator(n), &x).unwrap();
    assert_eq!((y1, j1), (y, j));
}

#[test]
fn one_shot_hessian_equals_the_plan() {
    let x = points(15);
    let plan = SparseHessian::new(&Banded(2), &x).unwrap();
    assert_eq!(
        hessian_sparse(&Banded(2), &x).unwrap(),
        plan.hessian(&Banded(2), &x).unwrap()
    );
}

#[test]
fn empty_and_non_finite_points() {
    let plan = SparseHessian::new(&Rosenbrock, &[] as &[f64]).unwrap();
    let (v, g, h) = plan.hessian(&Rosenbrock, &[]).unwrap();
    assert_eq!((v, g.len(), h.nrows(), h.nnz()), (0.0, 0, 0, 0));
    let plan = SparseHessian::of_terms(&RosenbrockTerms, &[] as &[f64]).unwrap();
    assert_eq!(plan.hessian(&RosenbrockTerms, &[]).unwrap().0, 0.0);
    let (y, j) = jacobian_sparse(&RosenbrockTerms, &[] as &[f64]).unwrap();
    assert_eq!((y.len(), j.nrows(), j.ncols()), (0, 0, 0));

    // NaN and infinities propagate as for f64; the pattern is that of the branch taken
    let x = [f64::NAN, 1.0, f64::INFINITY, -0.0, 5e-324, f64::MAX];
    let plan = SparseHessian::new(&Rosenbrock, &x).unwrap();
    assert_eq!(plan.pattern(), &banded_pattern(6, 1));
    let (v, _, h) = plan.hessian(&Rosenbrock, &x).unwrap();
    assert!(v.is_nan());
    assert!(h.values()[0].is_nan());
    let plan = SparseHessian::of_terms(&RosenbrockTerms, &x).unwrap();
    assert_eq!(plan.pattern(), &banded_pattern(6, 1));
    let (v, g, h) = plan.hessian(&RosenbrockTerms, &x).unwrap();
    assert!(v.is_nan() && g[0].is_nan() && h.values()[0].is_nan());
    // the finite end: d2/dx4^2 of 100 (x5 - x4^2)^2 + (1 - x4)^2 at x4 = 5e-324
    // is 1200 x4^2 - 400 x5 + 2, which overflows to -inf at x5 = MAX
    assert_eq!(h.get_entry(4, 4).unwrap().into_value(), f64::NEG_INFINITY);
}

#[test]
fn f32_points_and_nested_points() {
    struct F;
    impl Function<f32> for F {
        fn eval<D: DualNum<f32>>(&self, x: &[D]) -> D {
            x[0] * x[1] + x[1].sin()
        }
    }
    let (_, _, h) = hessian_sparse(&F, &[1.0f32, 0.5]).unwrap();
    assert_eq!(h.get_entry(0, 1).unwrap().into_value(), 1.0);
    assert_eq!(h.get_entry(1, 1).unwrap().into_value(), -0.5f32.sin());

    // a point of Dual64 numbers: the derivative of H_01 = 2 x0 x1 along x0 is 2 x1
    struct G;
    impl Function<f64> for G {
        fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
            x[0] * x[0] * x[1] * x[1]
        }
    }
    let x = [Dual64::new(1.5, 1.0), Dual64::new(2.0, 0.0)];
    let (_, _, h) = hessian_sparse(&G, &x).unwrap();
    let h01 = h.get_entry(0, 1).unwrap().into_value();
    assert_eq!((h01.re, h01.eps), (4.0 * 1.5 * 2.0, 4.0 * 2.0));
}

// ---------------------------------------------------------------- colourings

/// Whether `colors` is a star colouring of the adjacency graph of `p`:
/// neighbours differ, and no path on four vertices uses only two colours.
fn is_star_coloring(p: &SparsityPattern, colors: &[usize]) -> bool {
    let n = p.major_dim();
    let adj: Vec<Vec<usize>> = (0..n)
        .map(|i| p.lane(i).iter().copied().filter(|&j| j != i).collect())
        .collect();
    for a in 0..n {
        for &b in &adj[a] {
            if colors[a] == colors[b] {
                return false;
            }
            for &c in &adj[b] {
                if c == a || colors[c] != colors[a] {
                    continue;
                }
                for &d in &adj[c] {
                    if d != b && d != a && colors[d] == colors[b] {
                        return false;
                    }
                }
            }
        }
    }
    true
}

fn count(colors: &[usize]) -> usize {
    colors.iter().max().map_or(0, |c| c + 1)
}

#[test]
fn star_colour_counts_on_known_patterns() {
    let cases = [
        ("tridiagonal", banded_pattern(100, 1), 3),
        ("banded rho = 4", banded_pattern(100, 2), 5),
        ("banded rho = 8", banded_pattern(100, 4), 9),
        ("arrowhead", arrowhead_pattern(100), 2),
        ("5-point grid", grid_pattern(10), 5),
    ];
    for (name, p, optimum) in &cases {
        for order in [Order::Natural, Order::LargestFirst, Order::SmallestLast] {
            let c = star_coloring(p, order);
            assert!(
                is_star_coloring(p, &c),
                "{name}, {order:?}: not a star colouring"
            );
            let k = count(&c);
            println!("{name}: {order:?} {k} (optimum {optimum})");
            assert!(k >= *optimum);
        }
        assert_eq!(
            count(&star_coloring(p, Order::default())),
            *optimum,
            "{name}"
        );
    }
}

#[test]
fn plans_use_the_fewest_colours() {
    assert_eq!(
        SparseHessian::new(&Rosenbrock, &points(100))
            .unwrap()
            .colors(),
        3
    );
    assert_eq!(
        SparseHessian::new(&Banded(2), &points(100))
            .unwrap()
            .colors(),
        5
    );
    assert_eq!(
        SparseHessian::new(&Banded(4), &points(100))
            .unwrap()
            .colors(),
        9
    );
    assert_eq!(
        SparseHessian::new(&Arrowhead, &points(100))
            .unwrap()
            .colors(),
        2
    );
    assert_eq!(
        SparseHessian::new(&GridEnergy(10), &points(100))
            .unwrap()
            .colors(),
        5
    );
    // each grid term reads a point and its right and lower neighbours: the
    // colours (j + 2 i) mod 3 keep those apart
    assert_eq!(
        SparseHessian::of_terms(&GridTerms(10), &points(100))
            .unwrap()
            .colors(),
        3
    );
    let n = 16;
    let plan = SparseJacobian::new(&Brusselator(n), &points(2 * n * n)).unwrap();
    let best = [Order::Natural, Order::LargestFirst, Order::SmallestLast]
        .map(|o| count(&column_coloring(&brusselator_pattern(n), o)));
    assert_eq!(plan.colors(), *best.iter().min().unwrap());
}

#[test]
fn column_colour_counts() {
    // Brusselator: every column meets 5 + 5 + 1 - 1 others ... at most 12 colours
    let p = brusselator_pattern(8);
    for order in [Order::Natural, Order::LargestFirst, Order::SmallestLast] {
        let c = column_coloring(&p, order);
        println!("brusselator: {order:?} {}", count(&c));
        for i in 0..p.major_dim() {
            let mut seen: Vec<usize> = p.lane(i).iter().map(|&j| c[j]).collect();
            seen.sort_unstable();
            let len = seen.len();
            seen.dedup();
            assert_eq!(seen.len(), len, "row {i} has two columns of one colour");
        }
    }
    // a tridiagonal Jacobian needs 3 columns colours
    assert_eq!(
        count(&column_coloring(&banded_pattern(50, 1), Order::default())),
        3
    );
    // a diagonal one 1, a dense row n
    assert_eq!(
        count(&column_coloring(&banded_pattern(50, 0), Order::default())),
        1
    );
    assert_eq!(
        count(&column_coloring(
            &pattern(7, vec![(0..7).collect()]),
            Order::default()
        )),
        7
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_graphs_get_star_colourings(
        n in 1usize..25,
        edges in prop::collection::vec((0usize..25, 0usize..25), 0..60),
        order in prop::sample::select(vec![Order::Natural, Order::LargestFirst, Order::SmallestLast]),
    ) {
        let mut rows = vec![Vec::new(); n];
        for (a, b) in edges {
            let (a, b) = (a % n, b % n);
            rows[a].push(b);
            rows[b].push(a);
        }
        let p = pattern(n, rows);
        let c = star_coloring(&p, order);
        prop_assert!(is_star_coloring(&p, &c));
    }
}

// ---------------------------------------------------------------- random polynomials

/// `Σ_k c_k Π_{(v, e) in monomial k} x_v^e`, plus `sin` of one variable per
/// monomial when asked: a random sparse structure.
#[derive(Clone, Debug)]
struct Poly {
    monomials: Vec<Monomial>,
}

/// A coefficient, factors `(variable, exponent)`, and whether `sin` is applied.
type Monomial = (f64, Vec<(usize, i32)>, bool);
impl VectorFunction<f64> for Poly {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> Vec<D> {
        self.monomials
            .iter()
            .map(|(c, factors, sin)| {
                let mut t = D::from_re(*c);
                for &(v, e) in factors {
                    t *= x[v].powi(e);
                }
                if *sin { t.sin() } else { t }
            })
            .collect()
    }
}
impl Function<f64> for Poly {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
        VectorFunction::eval(self, x).iter().sum()
    }
}

/// The relative rounding allowed against the magnitude of an entry's terms:
/// each term of the chain and product rules below is formed in at most about
/// 30 roundings (up to 3 factors of exponent up to 3, a `sin`, the sums of up
/// to 7 monomials), each of relative error `f64::EPSILON / 2`, so the two
/// drivers' sums in different orders differ by at most about
/// `2 · 30 · 1.1e-16 = 6.7e-15` times the sum of the terms' magnitudes.
const ROUNDING: f64 = 1e-14;

/// The magnitudes of the terms that make up the value, the gradient and the
/// Hessian of `p` at `x` (all `x > 0`): for a monomial `t = c Π x_v^e`, the
/// derivatives of `|c| Π x_v^e` (all nonnegative), and for `sin t` the
/// chain rule's `|t_i| + 0` and `|t_i t_j| + |t_ij|` (`|sin|, |cos| <= 1`),
/// summed over the monomials. Where the entry cancels (`cos t t_ij - sin t t_i
/// t_j`, or two monomials of opposite sign), its rounding error is relative to
/// these magnitudes, not to the entry.
fn magnitudes(p: &Poly, x: &[f64]) -> (f64, DVector<f64>, DMatrix<f64>) {
    let n = x.len();
    let (mut v, mut g, mut h) = (0.0, DVector::zeros(n), DMatrix::zeros(n, n));
    for (c, factors, sin) in &p.monomials {
        let abs = Poly {
            monomials: vec![(c.abs(), factors.clone(), false)],
        };
        let (tv, tg, th) = hessian::hessian(|y| Function::eval(&abs, y), x);
        if *sin {
            v += 1.0_f64.min(tv);
            g += &tg;
            h += &tg * tg.transpose() + th;
        } else {
            v += tv;
            g += tg;
            h += th;
        }
    }
    (v, g, h)
}

fn poly(n: usize) -> impl Strategy<Value = Poly> {
    let factor = (0..n, 1i32..4);
    let monomial = (
        -2.0f64..2.0,
        prop::collection::vec(factor, 1..4),
        any::<bool>(),
    );
    prop::collection::vec(monomial, 1..8).prop_map(|monomials| Poly { monomials })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_polynomials(
        (n, p) in (1usize..10).prop_flat_map(|n| (Just(n), poly(n))),
        shift in 0usize..7,
    ) {
        let x: Vec<f64> = (0..n).map(|i| 0.4 + 0.1 * ((i + shift) % 7) as f64).collect();
        let (dv, dg, dh) = hessian::hessian(|x| Function::eval(&p, x), &x);
        let pattern = hessian_sparsity(&p, &x);
        for i in 0..n {
            for j in 0..n {
                if dh[(i, j)] != 0.0 {
                    prop_assert!(pattern.lane(i).binary_search(&j).is_ok(), "({}, {}) missing", i, j);
                }
            }
        }
        // both forms give the dense values, within the rounding bound of
        // the sums that form each entry (see `magnitudes`)
        let (mv, mg, mh) = magnitudes(&p, &x);
        let scalar = SparseHessian::new(&p, &x).unwrap();
        let (v, g, h) = scalar.hessian::<f64, ScalarForm, _>(&p, &x).unwrap();
        prop_assert!((v - dv).abs() <= ROUNDING * mv.max(dv.abs()));
        assert_vec_by(&g, &dg, |k, y| ROUNDING * mg[k].max(y.abs()));
        assert_dense_by(&h, &dh, |i, j, d| ROUNDING * mh[(i, j)].max(d.abs()));
        let terms = SparseHessian::of_terms(&p, &x).unwrap();
        let (v, g, h) = terms.hessian::<f64, TermsForm, _>(&p, &x).unwrap();
        prop_assert!((v - dv).abs() <= ROUNDING * mv.max(dv.abs()));
        assert_vec_by(&g, &dg, |k, y| ROUNDING * mg[k].max(y.abs()));
        assert_dense_by(&h, &dh, |i, j, d| ROUNDING * mh[(i, j)].max(d.abs()));
        prop_assert!(terms.is_valid_at::<f64, TermsForm, _>(&p, &x));
    }
}

// ---------------------------------------------------------------- errors

#[test]
fn wrong_point_lengths() {
    let plan = SparseHessian::new(&Rosenbrock, &points(5)).unwrap();
    for len in [0, 4, 6] {
        assert_eq!(
            plan.hessian(&Rosenbrock, &points(len)).unwrap_err(),
            Error::LengthMismatch {
                argument: Argument::Point,
                found: len,
                expected: 5
            }
        );
        assert!(!plan.is_valid_at(&Rosenbrock, &points(len)));
    }
    let plan = SparseHessian::of_terms(&RosenbrockTerms, &points(5)).unwrap();
    assert_eq!(
        plan.hessian(&RosenbrockTerms, &points(6)).unwrap_err(),
        Error::LengthMismatch {
            argument: Argument::Point,
            found: 6,
            expected: 5
        }
    );
    let plan = SparseJacobian::new(&RosenbrockTerms, &points(5)).unwrap();
    let err = plan.jacobian(&RosenbrockTerms, &points(3)).unwrap_err();
    assert_eq!(
        err,
        Error::LengthMismatch {
            argument: Argument::Point,
            found: 3,
            expected: 5
        }
    );
    assert_eq!(err.to_string(), "the point has length 3 but 5 is needed");
    assert!(!plan.is_valid_at(&RosenbrockTerms, &points(3)));
}

/// The terms of Rosenbrock with the last one dropped.
struct FewerTerms;
impl VectorFunction<f64> for FewerTerms {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> Vec<D> {
        let mut t = RosenbrockTerms.eval(x);
        t.pop();
        t
    }
}

#[test]
fn changed_output_lengths() {
    let x = points(6);
    let plan = SparseHessian::of_terms(&RosenbrockTerms, &x).unwrap();
    let err = plan.hessian(&FewerTerms, &x).unwrap_err();
    assert_eq!(
        err,
        Error::LengthMismatch {
            argument: Argument::Outputs,
            found: 4,
            expected: 5
        }
    );
    assert_eq!(
        err.to_string(),
        "the function returned 4 outputs but its first evaluation returned 5"
    );
    assert!(!plan.is_valid_at(&FewerTerms, &x));
    let plan = SparseJacobian::new(&RosenbrockTerms, &x).unwrap();
    let err = plan.jacobian(&FewerTerms, &x).unwrap_err();
    assert_eq!(
        err,
        Error::LengthMismatch {
            argument: Argument::Outputs,
            found: 4,
            expected: 5
        }
    );
    assert!(!plan.is_valid_at(&FewerTerms, &x));
}

/// Builds a sparse plan inside its own evaluation (on tracers, and on duals).
struct Nested {
    result: RefCell<Option<Result<usize, Error>>>,
}
impl Function<f64> for Nested {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
        if self.result.borrow().is_none() {
            let r = SparseHessian::new(&Rosenbrock, &[1.0, 2.0]).map(|p| p.colors());
            *self.result.borrow_mut() = Some(r);
        }
        x[0] * x[1]
    }
}

#[test]
fn nested_detection_is_an_error() {
    let f = Nested {
        result: RefCell::new(None),
    };
    let _ = SparseHessian::new(&f, &[1.0, 2.0]).unwrap();
    match f.result.borrow().clone() {
        Some(Err(Error::PerturbationConfusion { number_type })) => {
            assert!(number_type.contains("Tracer"), "{number_type}");
        }
        other => panic!("expected a perturbation-confusion error, got {other:?}"),
    }
    // the bare detection returns the full pattern instead
    struct Inner(RefCell<Option<usize>>);
    impl Function<f64> for Inner {
        fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
            *self.0.borrow_mut() = Some(hessian_sparsity(&Rosenbrock, &[1.0; 4]).nnz());
            x[0]
        }
    }
    let inner = Inner(RefCell::new(None));
    let _ = hessian_sparsity(&inner, &[1.0]);
    assert_eq!(*inner.0.borrow(), Some(16));
}

#[test]
fn same_level_evaluation_is_an_error() {
    // a sparse Hessian evaluated inside a dense Hessian-vector product seeds
    // Dual<DualVec<f64, 8>> at the same level
    let plan = SparseHessian::new(&Rosenbrock, &[1.0, 2.0]).unwrap();
    let seen = RefCell::new(None);
    let _ = hessian::hessian_vector_product(
        |x| {
            *seen.borrow_mut() = Some(plan.hessian(&Rosenbrock, &[1.0, 2.0]).map(|h| h.0));
            x[0] * x[1]
        },
        &[1.0, 2.0],
        &[1.0, 0.0],
    );
    assert!(matches!(
        seen.into_inner(),
        Some(Err(Error::PerturbationConfusion { .. }))
    ));
    let jplan = SparseJacobian::new(&RosenbrockTerms, &[1.0, 2.0]).unwrap();
    let seen = RefCell::new(None);
    let _ = hessian::gradient(
        |x| {
            *seen.borrow_mut() = Some(jplan.jacobian(&RosenbrockTerms, &[1.0, 2.0]).map(|j| j.0));
            x[0]
        },
        &[1.0, 2.0],
    );
    assert!(matches!(
        seen.into_inner(),
        Some(Err(Error::PerturbationConfusion { .. }))
    ));
}

/// A deterministic pseudo-random graph: `n` vertices, `edges` edges (an LCG).
fn random_pattern(n: usize, edges: usize, seed: u64) -> SparsityPattern {
    let mut s = seed;
    let mut next = || {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (s >> 33) as usize
    };
    let mut rows: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    for _ in 0..edges {
        let (a, b) = (next() % n, next() % n);
        rows[a].push(b);
        rows[b].push(a);
    }
    pattern(n, rows)
}

/// The symmetrised pattern `P + Pᵀ` of a square pattern.
fn symmetrised(p: &SparsityPattern) -> SparsityPattern {
    let n = p.major_dim();
    let mut rows: Vec<Vec<usize>> = (0..n).map(|i| p.lane(i).to_vec()).collect();
    for (i, j) in p.entries() {
        rows[j].push(i);
    }
    pattern(n, rows)
}

/// The colour counts behind the default [`Order`] (run with
/// `cargo test -p hessian --test sparse order_table -- --ignored --nocapture`).
#[test]
#[ignore = "prints the measurement table of the Order docs"]
fn order_table() {
    let orders = [Order::Natural, Order::LargestFirst, Order::SmallestLast];
    let star_cases = [
        ("tridiagonal, n = 1000", banded_pattern(1000, 1)),
        ("banded rho = 4, n = 1000", banded_pattern(1000, 2)),
        ("banded rho = 8, n = 1000", banded_pattern(1000, 4)),
        ("arrowhead, n = 1000", arrowhead_pattern(1000)),
        ("5-point grid 10 x 10", grid_pattern(10)),
        ("5-point grid 100 x 100", grid_pattern(100)),
        (
            "Brusselator 32 (P + Pᵀ)",
            symmetrised(&brusselator_pattern(32)),
        ),
        (
            "random, n = 1000, 2000 edges",
            random_pattern(1000, 2000, 1),
        ),
        (
            "random, n = 1000, 8000 edges",
            random_pattern(1000, 8000, 2),
        ),
        (
            "random, n = 10000, 30000 edges",
            random_pattern(10000, 30000, 3),
        ),
    ];
    println!("| star colouring | natural | largest-first | smallest-last |");
    println!("|---|---|---|---|");
    for (name, p) in &star_cases {
        let c: Vec<String> = orders
            .iter()
            .map(|&o| count(&star_coloring(p, o)).to_string())
            .collect();
        println!("| {name} | {} |", c.join(" | "));
    }
    let col_cases = [
        ("Brusselator 32", brusselator_pattern(32)),
        ("tridiagonal, n = 1000", banded_pattern(1000, 1)),
        ("5-point grid 100 x 100", grid_pattern(100)),
        (
            "random, n = 1000, 2000 entries",
            random_pattern(1000, 2000, 4),
        ),
        (
            "random, n = 10000, 30000 entries",
            random_pattern(10000, 30000, 5),
        ),
    ];
    println!("| column colouring | natural | largest-first | smallest-last |");
    println!("|---|---|---|---|");
    for (name, p) in &col_cases {
        let c: Vec<String> = orders
            .iter()
            .map(|&o| count(&column_coloring(p, o)).to_string())
            .collect();
        println!("| {name} | {} |", c.join(" | "));
    }
}

/// The parallel scalar form is bit-identical to the sequential one, and
/// keeps the perturbation guard on its workers.
#[cfg(feature = "rayon")]
#[test]
fn parallel_hessian_is_bit_identical() {
    for x in [points(200), points(33)] {
        let plan = SparseHessian::new(&Banded(3), &x).unwrap();
        assert_eq!(
            plan.hessian_par(&Banded(3), &x).unwrap(),
            plan.hessian(&Banded(3), &x).unwrap()
        );
    }
    let x = points(64);
    let terms = SparseHessian::of_terms(&RosenbrockTerms, &x).unwrap();
    assert_eq!(
        terms.hessian_par(&RosenbrockTerms, &x).unwrap(),
        terms.hessian(&RosenbrockTerms, &x).unwrap()
    );
    assert_eq!(
        terms.hessian_par(&RosenbrockTerms, &points(3)).unwrap_err(),
        Error::LengthMismatch {
            argument: Argument::Point,
            found: 3,
            expected: 64
        }
    );
}
