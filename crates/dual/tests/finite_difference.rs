//! Automatic derivatives against central finite differences at random points,
//! for every function of the reference list (`common::unary`, `common::binary`).
//!
//! # The error bound of the stencils
//!
//! The point is snapped to a multiple of the step `h` (a power of two), so
//! `x ± h` and `x ± 2h` are exact and the stencils see exactly the step they
//! divide by. For the first derivative
//! `D(h) = (f(x + h) - f(x - h)) / 2h = f' + c h^2 + O(h^4)` with `c = f'''/6`,
//! and for the second `S(h) = (f(x + h) - 2 f(x) + f(x - h)) / h^2 = f'' + c' h^2
//! + O(h^4)` with `c' = f''''/12`. The truncation error `c h^2` of `D(h)` is
//! measured from the stencil itself: `D(2h) - D(h) = 3 c h^2 + O(h^4)`, so it is
//! `|D(2h) - D(h)| / 3` (likewise for `S`); we allow twice that for the `O(h^4)`
//! remainder. Each evaluation of `f` has an absolute error of at most
//! `E = EVAL_ULPS u max|f|` over the stencil, so rounding adds at most `E / h` to
//! `D` and `4 E / h^2` to `S` (and to the estimate of the truncation, which is
//! why the rounding bound of both steps is added). The step balances the two:
//! `h ~ u^(1/3)` for `D`, `h ~ u^(1/4)` for `S`, times `max(|x|, 1)`.

mod common;

use common::*;
use dual::{Dual64, HyperDual64};
use proptest::prelude::*;

const U: f64 = f64::EPSILON / 2.0;
/// Error of one f64 evaluation of a listed function in units of `u` times the
/// largest |f| on the stencil: the library function (within 1-2 ulps) and, for
/// the composite worked example, about ten further roundings.
const EVAL_ULPS: f64 = 16.0;

/// Where each function is sampled: an interval well inside its domain (the
/// difference stencil needs `x ± 2h` inside too).
const DOMAINS: &[(&str, f64, f64)] = &[
    ("exp", -5.0, 5.0),
    ("exp2", -5.0, 5.0),
    ("exp_m1", -5.0, 5.0),
    ("ln", 0.05, 50.0),
    ("ln_1p", -0.9, 10.0),
    ("log2", 0.05, 50.0),
    ("log10", 0.05, 50.0),
    ("sqrt", 0.05, 50.0),
    ("cbrt", 0.05, 30.0),
    ("cbrt", -30.0, -0.05),
    ("recip", 0.05, 10.0),
    ("recip", -10.0, -0.05),
    ("sin", -10.0, 10.0),
    ("cos", -10.0, 10.0),
    ("tan", -1.4, 1.4),
    ("asin", -0.95, 0.95),
    ("acos", -0.95, 0.95),
    ("atan", -10.0, 10.0),
    ("sinh", -5.0, 5.0),
    ("cosh", -5.0, 5.0),
    ("tanh", -5.0, 5.0),
    ("asinh", -10.0, 10.0),
    ("acosh", 1.05, 50.0),
    ("atanh", -0.95, 0.95),
    ("powi_0", -3.0, 3.0),
    ("powi_1", -3.0, 3.0),
    ("powi_2", -3.0, 3.0),
    ("powi_3", -3.0, 3.0),
    ("powi_7", -3.0, 3.0),
    ("powi_m1", 0.2, 3.0),
    ("powi_m2", -3.0, -0.2),
    ("powi_m5", 0.2, 3.0),
    ("powf_2.5", 0.05, 10.0),
    ("powf_-0.5", 0.05, 10.0),
    ("powf_0.3", 0.05, 10.0),
    ("powf_3", -3.0, 3.0),
    ("worked", -0.5, 2.0),
];

/// Piecewise functions, sampled in `(k + 0.1, k + 0.4)` so that the stencil
/// never crosses a jump (of floor, ceil, trunc, fract) or a half (of round).
const PIECEWISE: &[&str] = &["abs", "signum", "floor", "ceil", "round", "trunc", "fract"];

/// The largest power of two not above `v`.
fn pow2_below(v: f64) -> f64 {
    2f64.powi(v.log2().floor() as i32)
}

/// `x` snapped to a multiple of `h`, so that `x + k h` is exact for small `k`.
fn snap(x: f64, h: f64) -> f64 {
    (x / h).round() * h
}

fn max_abs(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |m, y| m.max(y.abs()))
}

/// The AD first derivative against `D(h)`, with the bound of the module docs.
fn check_first(name: &str, f: fn(f64) -> f64, fd: fn(Dual64) -> Dual64, x: f64) {
    let h = pow2_below(U.cbrt() * x.abs().max(1.0));
    let x = snap(x, h);
    let v = [f(x - 2.0 * h), f(x - h), f(x + h), f(x + 2.0 * h)];
    let d1 = (v[2] - v[1]) / (2.0 * h);
    let d2 = (v[3] - v[0]) / (4.0 * h);
    let e = EVAL_ULPS * U * max_abs(&v);
    let (r1, r2) = (e / h, e / (2.0 * h));
    let ad = fd(Dual64::variable(x)).eps;
    let tol = 2.0 * ((d2 - d1).abs() / 3.0 + (r1 + r2) / 3.0) + r1 + 8.0 * U * ad.abs();
    assert!(
        (ad - d1).abs() <= tol,
        "{name}'({x}): AD {ad:e}, central difference {d1:e} (h = {h:e}), tolerance {tol:e}"
    );
}

/// The HyperDual second derivative against `S(h)`, with the bound of the module docs.
fn check_second(name: &str, f: fn(f64) -> f64, fh: fn(HyperDual64) -> HyperDual64, x: f64) {
    let h = pow2_below(U.powf(0.25) * x.abs().max(1.0));
    let x = snap(x, h);
    let v = [f(x - 2.0 * h), f(x - h), f(x), f(x + h), f(x + 2.0 * h)];
    let s1 = (v[3] - 2.0 * v[2] + v[1]) / (h * h);
    let s2 = (v[4] - 2.0 * v[2] + v[0]) / (4.0 * h * h);
    let e = EVAL_ULPS * U * max_abs(&v);
    let (r1, r2) = (4.0 * e / (h * h), 4.0 * e / (4.0 * h * h));
    let ad = fh(HyperDual64::variable(x)).eps1eps2;
    let tol = 2.0 * ((s2 - s1).abs() / 3.0 + (r1 + r2) / 3.0) + r1 + 8.0 * U * ad.abs();
    assert!(
        (ad - s1).abs() <= tol,
        "{name}''({x}): AD {ad:e}, central difference {s1:e} (h = {h:e}), tolerance {tol:e}"
    );
}

/// The point of `DOMAINS` entry `(lo, hi)` at `t` in [0, 1).
fn in_domain(lo: f64, hi: f64, t: f64) -> f64 {
    lo + (hi - lo) * t
}

/// A point in `(k + 0.1, k + 0.4)` for an integer `k` in -3..3, from `t` in [0, 1).
fn piecewise_point(t: f64) -> f64 {
    let s = 6.0 * t;
    -3.0 + s.floor() + 0.1 + 0.3 * s.fract()
}

#[test]
fn every_listed_function_is_sampled() {
    for name in unary_names() {
        assert!(
            DOMAINS.iter().any(|d| d.0 == name) || PIECEWISE.contains(&name),
            "{name} has no finite-difference domain"
        );
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn first_derivative_matches_central_difference(t in 0.0..1.0_f64) {
        for &(name, lo, hi) in DOMAINS {
            check_first(name, unary::<f64, f64>(name), unary::<f64, Dual64>(name), in_domain(lo, hi, t));
        }
        for &name in PIECEWISE {
            check_first(name, unary::<f64, f64>(name), unary::<f64, Dual64>(name), piecewise_point(t));
        }
    }

    #[test]
    fn second_derivative_matches_central_difference(t in 0.0..1.0_f64) {
        for &(name, lo, hi) in DOMAINS {
            check_second(name, unary::<f64, f64>(name), unary::<f64, HyperDual64>(name), in_domain(lo, hi, t));
        }
        for &name in PIECEWISE {
            check_second(name, unary::<f64, f64>(name), unary::<f64, HyperDual64>(name), piecewise_point(t));
        }
    }

    /// Partial derivatives of the functions of two variables, and the mixed
    /// second partial against the four-point stencil
    /// `(f(x+h, y+h) - f(x+h, y-h) - f(x-h, y+h) + f(x-h, y-h)) / 4h^2
    /// = f_xy + O(h^2)`, bounded the same way (its rounding is `4E / 4h^2`).
    #[test]
    fn partials_match_central_differences(
        x in prop_oneof![-4.0..-0.3_f64, 0.3..4.0_f64],
        y in prop_oneof![-3.0..-0.3_f64, 0.3..3.0_f64],
    ) {
        for name in ["powf", "hypot", "atan2"] {
            // powf needs a positive base; atan2(x, y) is continuous away from y < 0, x = 0,
            // which |x| >= 0.3 avoids.
            let x = if name == "powf" { x.abs() } else { x };
            let f = binary::<f64, f64>(name);
            let fd = binary::<f64, Dual64>(name);
            let h = pow2_below(U.cbrt() * x.abs().max(y.abs()).max(1.0));
            let (x, y) = (snap(x, h), snap(y, h));
            for (dir, (dx, dy)) in [("x", (1.0, 0.0)), ("y", (0.0, 1.0))] {
                let g = |k: f64| f(x + k * h * dx, y + k * h * dy);
                let v = [g(-2.0), g(-1.0), g(1.0), g(2.0)];
                let d1 = (v[2] - v[1]) / (2.0 * h);
                let d2 = (v[3] - v[0]) / (4.0 * h);
                let e = EVAL_ULPS * U * max_abs(&v);
                let (r1, r2) = (e / h, e / (2.0 * h));
                let ad = fd(Dual64::new(x, dx), Dual64::new(y, dy)).eps;
                let tol = 2.0 * ((d2 - d1).abs() / 3.0 + (r1 + r2) / 3.0) + r1 + 8.0 * U * ad.abs();
                prop_assert!((ad - d1).abs() <= tol,
                    "d{name}/d{dir} at ({x}, {y}): AD {ad:e}, difference {d1:e}, tolerance {tol:e}");
            }
            let fh = binary::<f64, HyperDual64>(name);
            let h = pow2_below(U.powf(0.25) * x.abs().max(y.abs()).max(1.0));
            let (x, y) = (snap(x, h), snap(y, h));
            let mixed = |k: f64| {
                let v = [f(x + k * h, y + k * h), f(x + k * h, y - k * h), f(x - k * h, y + k * h), f(x - k * h, y - k * h)];
                ((v[0] - v[1] - v[2] + v[3]) / (4.0 * k * k * h * h), max_abs(&v))
            };
            let ((s1, m1), (s2, m2)) = (mixed(1.0), mixed(2.0));
            let e = EVAL_ULPS * U * m1.max(m2);
            let (r1, r2) = (e / (h * h), e / (4.0 * h * h));
            let ad = fh(HyperDual64::new(x, 1.0, 0.0, 0.0), HyperDual64::new(y, 0.0, 1.0, 0.0)).eps1eps2;
            let tol = 2.0 * ((s2 - s1).abs() / 3.0 + (r1 + r2) / 3.0) + r1 + 8.0 * U * ad.abs();
            prop_assert!((ad - s1).abs() <= tol,
                "d2{name}/dxdy at ({x}, {y}): AD {ad:e}, difference {s1:e}, tolerance {tol:e}");
        }
    }
}

/// A function of three variables mixing every kind of operation.
fn g3<D: dual::DualNum<f64>>(v: [D; 3]) -> D {
    let [x, y, z] = v;
    x * y.sin() + (x * z).exp() / (y * y + 1.0) + z.atan2(x).powi(2) - x.hypot(z).ln()
}

proptest! {
    #![proptest_config(config())]

    /// The HyperDualVec Hessian block is symmetric to rounding, and each entry
    /// matches the mixed four-point difference (bound as in
    /// `partials_match_central_differences`).
    #[test]
    fn hessian_is_symmetric_and_matches_differences(
        p in proptest::array::uniform3(prop_oneof![-1.5..-0.3_f64, 0.3..1.5_f64]),
    ) {
        let h = pow2_below(U.powf(0.25) * 2.0);
        let p = p.map(|c| snap(c, h));
        let v = g3(core::array::from_fn(|i| dual::HyperDualVec64::<3>::variable(p[i], i)));
        let f = |q: [f64; 3]| g3(q);
        // H[i][j] and H[j][i] come from the same terms with the factors multiplied
        // in another order (the chain rule's `(f'' e_i) e_j` vs `(f'' e_j) e_i`),
        // so they differ by a few roundings of terms of the size of the block.
        let scale = v.eps2.iter().flatten().fold(0.0_f64, |m, c| m.max(c.abs()));
        for i in 0..3 {
            for j in 0..3 {
                let (a, b) = (v.eps2[i][j], v.eps2[j][i]);
                prop_assert!((a - b).abs() <= 64.0 * U * scale, "H[{i}][{j}] {a} vs {b}");
                let mixed = |k: f64| {
                    let at = |si: f64, sj: f64| {
                        let mut q = p;
                        q[i] += si * k * h;
                        q[j] += sj * k * h;
                        f(q)
                    };
                    let w = [at(1.0, 1.0), at(1.0, -1.0), at(-1.0, 1.0), at(-1.0, -1.0)];
                    ((w[0] - w[1] - w[2] + w[3]) / (4.0 * k * k * h * h), max_abs(&w))
                };
                let ((s1, m1), (s2, m2)) = (mixed(1.0), mixed(2.0));
                let e = EVAL_ULPS * U * m1.max(m2);
                let (r1, r2) = (e / (h * h), e / (4.0 * h * h));
                let tol = 2.0 * ((s2 - s1).abs() / 3.0 + (r1 + r2) / 3.0) + r1 + 8.0 * U * a.abs();
                prop_assert!((a - s1).abs() <= tol, "H[{i}][{j}] at {p:?}: AD {a:e}, difference {s1:e}, tolerance {tol:e}");
            }
        }
    }
}
