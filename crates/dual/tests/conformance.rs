//! The conformance suite of issue 12: every elementary function on every number
//! type (`Dual`, `HyperDual`, `DualVec<2>`, `HyperDualVec<2>`, `Taylor<4>`,
//! `Dual<Dual>`, over `f64` and `f32`).
//!
//! * **Values**, at a grid of special values (NaN, ±0, ±inf, ±subnormal,
//!   ±MIN_POSITIVE, ±MAX, the domain edges ±1, ...): equal to the primitive
//!   function's bit for bit (sign of zero included; any NaN equals any NaN),
//!   with nothing panicking (the test profile checks integer overflow).
//! * **Derivatives** of orders 1 and 2 (fixed-order types) and 1 to 6
//!   (`Taylor<6>`) at awkward ordinary points, against mpmath
//!   (`data/conformance.rs`, written by `scripts/conformance.py`), within
//!   `1e-13` relative. Conventions where f64 cannot hold the answer: a reference
//!   beyond f64's range (written ±inf) must be met by that infinity; a reference
//!   below `TINY = 2^-969` (where a chain of roundings may already have left
//!   the normal range) is met within the absolute error `1e-13 * TINY`.
//! * **Binary functions** (`atan2`, `hypot`, `powf` with a number exponent,
//!   `max`, `min`, `copysign`, `%`) on a grid of special pairs: values bit for
//!   bit as for the primitive.
//!
//! A case whose fix lives on another branch can be listed in `SKIP` with that
//! branch's name (the list is empty now); a skipped case that passes fails the
//! test, so the list cannot go stale.

mod common;
mod data {
    include!("data/conformance.rs");
}

use data::DERIVATIVES;
use dual::{Dual, DualNum, DualVec, HyperDual, HyperDualVec, Taylor};
use num_traits::Float;

/// Cases whose fix belongs to another branch: `(branch, test, type,
/// function)` with the test `"value"`, `"derivative"` or `"pair"`. A case is a
/// (number type, function) pair of that test.
const SKIP: &[(&str, &str, &str, &str)] = &[
    // empty: every case of issue 12 passes (the last ones, Taylor's recurrences
    // at a tiny x0, asinh/acosh at 1e300 and f64::MAX, and powf with a constant
    // number exponent at 1e-200, were fixed on the branch `edge`)
];

fn skipped(test: &str, ty: &str, name: &str) -> bool {
    SKIP.iter()
        .any(|&(_, k, t, f)| k == test && t == ty && f == name)
}

// ------------------------------------------------------------ the functions

/// A primitive constant of `F`.
fn c<F: Float>(v: f64) -> F {
    F::from(v).unwrap_or_else(F::nan)
}

/// Files the mismatches `bad` of the function `name` on the type `ty`: as
/// failures, unless the case is skipped; a skipped case without mismatches is
/// itself a failure (its entry in `SKIP` is stale).
fn tally(test: &str, ty: &str, name: &str, bad: Vec<String>, failures: &mut Vec<String>) {
    match (skipped(test, ty, name), bad.is_empty()) {
        (false, _) => failures.extend(bad),
        (true, false) => {}
        (true, true) => failures.push(format!("{ty}::{name} passes now: remove it from SKIP")),
    }
}

/// Every unary function, written once against `DualNum<F>`: those of the
/// shared test list (`common::unary`) and the extreme exponents; the primitive
/// `F` itself evaluates the reference value. `powf_scalar_*` take the
/// exponent as a primitive, `powf_*` as a number.
fn unary<F: Float, D: DualNum<F>>(name: &str) -> fn(D) -> D {
    match name {
        "to_degrees" => |x| x.to_degrees(),
        "to_radians" => |x| x.to_radians(),
        "powi_max" => |x| x.powi(i32::MAX),
        "powi_min" => |x| x.powi(i32::MIN),
        "powi_min1" => |x| x.powi(i32::MIN + 1),
        "powf_scalar_0" => |x| x.powf_scalar(c(0.0)),
        "powf_scalar_1" => |x| x.powf_scalar(c(1.0)),
        "powf_scalar_2" => |x| x.powf_scalar(c(2.0)),
        "powf_scalar_0.5" => |x| x.powf_scalar(c(0.5)),
        "powf_scalar_2.5" => |x| x.powf_scalar(c(2.5)),
        "powf_scalar_-0.5" => |x| x.powf_scalar(c(-0.5)),
        "powf_scalar_inf" => |x| x.powf_scalar(F::infinity()),
        "powf_scalar_-inf" => |x| x.powf_scalar(F::neg_infinity()),
        "powf_scalar_nan" => |x| x.powf_scalar(F::nan()),
        "powf_inf" => |x| x.powf(D::from_re(F::infinity())),
        "powf_nan" => |x| x.powf(D::from_re(F::nan())),
        // x^(3 + h) along h = x - x0: the exponent 3 + (x - x0) is exact
        "powf_3_plus_h" => |x| x.powf(x - D::from_re(x.re()) + D::from_re(c(3.0))),
        _ => common::unary::<F, D>(name),
    }
}

/// Every function of the value grid. Not `powf_scalar_0.5`: where the exponent
/// 0.5 is a known constant LLVM rewrites `pow(x, 0.5)` as `sqrt(x)`, which
/// differs from the C library's `pow` in the last bit (at `1 - 2^-53`), so the
/// primitive itself gives either value depending on inlining.
const UNARY: &[&str] = &[
    "exp",
    "exp2",
    "exp_m1",
    "ln",
    "ln_1p",
    "log2",
    "log10",
    "sqrt",
    "cbrt",
    "recip",
    "sin",
    "cos",
    "tan",
    "asin",
    "acos",
    "atan",
    "sinh",
    "cosh",
    "tanh",
    "asinh",
    "acosh",
    "atanh",
    "abs",
    "signum",
    "floor",
    "ceil",
    "round",
    "trunc",
    "fract",
    "to_degrees",
    "to_radians",
    "powi_0",
    "powi_1",
    "powi_2",
    "powi_3",
    "powi_7",
    "powi_m1",
    "powi_m2",
    "powi_m5",
    "powi_max",
    "powi_min",
    "powi_min1",
    "powf_scalar_0",
    "powf_scalar_1",
    "powf_scalar_2",
    "powf_scalar_2.5",
    "powf_scalar_-0.5",
    "powf_scalar_inf",
    "powf_scalar_-inf",
    "powf_scalar_nan",
    "powf_2.5",
    "powf_-0.5",
    "powf_0.3",
    "powf_3",
    "powf_inf",
    "powf_nan",
];

/// Every binary function of the pair grid: the shared list and two more.
fn binary<F: Float, D: DualNum<F>>(name: &str) -> fn(D, D) -> D {
    match name {
        "log" => |x, y| x.log(y),
        "abs_sub" => |x, y| Float::abs_sub(x, y),
        _ => common::binary::<F, D>(name),
    }
}

const BINARY: &[&str] = &[
    "atan2", "hypot", "powf", "max", "min", "copysign", "rem", "log", "abs_sub",
];

// ------------------------------------------------------------ the number types

/// A number type under test: how to seed it and where its derivatives are.
trait Probe<F: Float>: DualNum<F> {
    const NAME: &'static str;
    /// The highest derivative order it carries along the seed.
    const ORDER: usize;
    /// The independent variable at `x`.
    fn var(x: F) -> Self;
    /// Every part that holds the `k`-th derivative, `1 <= k <= ORDER`.
    fn parts(&self, k: usize) -> Vec<F>;
}

/// The probes of every type over one primitive `F`.
macro_rules! probes {
    ($($F:ty),*) => {$(
        const _: () = {
            type F = $F;
            impl Probe<F> for Dual<F> {
                const NAME: &'static str = "Dual";
                const ORDER: usize = 1;
                fn var(x: F) -> Self {
                    Dual::variable(x)
                }
                fn parts(&self, _: usize) -> Vec<F> {
                    vec![self.eps]
                }
            }

            impl Probe<F> for HyperDual<F> {
                const NAME: &'static str = "HyperDual";
                const ORDER: usize = 2;
                fn var(x: F) -> Self {
                    HyperDual::variable(x)
                }
                fn parts(&self, k: usize) -> Vec<F> {
                    if k == 1 {
                        vec![self.eps1, self.eps2]
                    } else {
                        vec![self.eps1eps2]
                    }
                }
            }

            impl Probe<F> for DualVec<F, 2> {
                const NAME: &'static str = "DualVec<2>";
                const ORDER: usize = 1;
                // seeded in direction 1: direction 0 must stay an exact zero, which the
                // value test checks through `unseeded`
                fn var(x: F) -> Self {
                    DualVec::variable(x, 1)
                }
                fn parts(&self, _: usize) -> Vec<F> {
                    vec![self.eps[1]]
                }
            }

            impl Probe<F> for HyperDualVec<F, 2> {
                const NAME: &'static str = "HyperDualVec<2>";
                const ORDER: usize = 2;
                fn var(x: F) -> Self {
                    HyperDualVec::variable(x, 1)
                }
                fn parts(&self, k: usize) -> Vec<F> {
                    if k == 1 {
                        vec![self.eps[1]]
                    } else {
                        vec![self.eps2[1][1]]
                    }
                }
            }

            impl<const N: usize> Probe<F> for Taylor<F, N> {
                const NAME: &'static str = if N == 6 { "Taylor<6>" } else { "Taylor<4>" };
                const ORDER: usize = N;
                fn var(x: F) -> Self {
                    Taylor::variable(x)
                }
                fn parts(&self, k: usize) -> Vec<F> {
                    vec![self.derivative(k)]
                }
            }

            impl Probe<F> for Dual<Dual<F>> {
                const NAME: &'static str = "Dual<Dual>";
                const ORDER: usize = 2;
                fn var(x: F) -> Self {
                    Dual::new(Dual::variable(x), Dual::constant(1.0))
                }
                fn parts(&self, k: usize) -> Vec<F> {
                    if k == 1 {
                        vec![self.re.eps, self.eps.re]
                    } else {
                        vec![self.eps.eps]
                    }
                }
            }
        };
    )*};
}
probes!(f64, f32);

/// Bit equality, any NaN equal to any NaN.
fn same<F: Float>(a: F, b: F) -> bool {
    (a.is_nan() && b.is_nan()) || (a == b && a.is_sign_negative() == b.is_sign_negative())
}

/// The special values of the primitive `F` (and the domain edges and a few
/// ordinary points).
fn grid<F: Float>() -> Vec<F> {
    let sub = F::min_positive_value() / c(4.0); // a subnormal
    let mut g = vec![
        F::nan(),
        F::zero(),
        F::neg_zero(),
        F::infinity(),
        F::neg_infinity(),
        sub,
        -sub,
        F::from(f64::from_bits(1)).unwrap_or_else(F::zero), // 5e-324 (0 in f32)
        F::min_positive_value(),
        -F::min_positive_value(),
        F::max_value(),
        -F::max_value(),
        F::one(),
        -F::one(),
        F::one() + F::epsilon(),
        F::one() - F::epsilon() / c(2.0),
        c(0.5),
        -c::<F>(2.0),
        c(1e-30),
        c(1e30),
        c(710.0),
        c(-746.0),
        c(3.0),
    ];
    g.dedup_by(|a, b| same(*a, *b));
    g
}

/// Every function of the value grid on the type `D`, at every grid point:
/// the number of inputs tried and the mismatches.
fn values<F: Float + DualNum<F> + core::fmt::Debug, D: Probe<F>>() -> (usize, Vec<String>) {
    let mut tried = 0;
    let mut failures = Vec::new();
    for &name in UNARY {
        let (f, reference) = (unary::<F, D>(name), unary::<F, F>(name));
        let mut bad = Vec::new();
        for &x in &grid::<F>() {
            tried += 1;
            let y = f(D::var(x)).re();
            let want = reference(x);
            if !same(y, want) {
                bad.push(format!("{}::{name}({x:?}) = {y:?}, f: {want:?}", D::NAME));
            }
        }
        tally("value", D::NAME, name, bad, &mut failures);
    }
    (tried, failures)
}

/// The relative tolerance of the derivative table.
const REL: f64 = 1e-13;
/// Below this magnitude a reference is met within `REL * TINY` absolutely.
const TINY: f64 = f64::MIN_POSITIVE * 9_007_199_254_740_992.0; // 2^-1022 * 2^53

fn close(got: f64, want: f64) -> bool {
    if want.is_infinite() || want.is_nan() {
        return same(got, want);
    }
    let tol = REL * want.abs().max(TINY);
    (got - want).abs() <= tol
}

/// The derivative table on `D` (over f64): the inputs tried and the
/// mismatches (a skipped case is one when it passes).
fn derivatives<D: Probe<f64>>() -> (usize, Vec<String>) {
    let mut tried = 0;
    let mut failures = Vec::new();
    let mut names: Vec<&str> = DERIVATIVES.iter().map(|r| r.0).collect();
    names.dedup();
    for name in names {
        let f = unary::<f64, D>(name);
        let mut bad = Vec::new();
        for &(_, x, r) in DERIVATIVES.iter().filter(|r| r.0 == name) {
            tried += 1;
            let y = f(D::var(x));
            for (k, &want) in r.iter().enumerate().take(D::ORDER + 1).skip(1) {
                for got in y.parts(k) {
                    // the chain rule's f' x12 with the seed's x12 = 0 is inf * 0
                    // where f' overflows: NaN, the documented convention of the
                    // fixed-order types (as for sqrt at 0)
                    let overflow = D::ORDER == 2 && k == 2 && r[1].is_infinite() && got.is_nan();
                    if !close(got, want) && !overflow {
                        bad.push(format!(
                            "{}::{name}^({k})({x:e}) = {got:e}, mpmath {want:e}",
                            D::NAME
                        ));
                    }
                }
            }
        }
        tally("derivative", D::NAME, name, bad, &mut failures);
    }
    (tried, failures)
}

/// The binary functions on the special pairs of `F`, values bit for bit: the
/// pairs tried and the mismatches.
fn pairs<F: Float + DualNum<F> + core::fmt::Debug, D: Probe<F>>() -> (usize, Vec<String>) {
    let g = grid::<F>();
    let mut tried = 0;
    let mut failures = Vec::new();
    for &name in BINARY {
        let (f, reference) = (binary::<F, D>(name), binary::<F, F>(name));
        let mut bad = Vec::new();
        for &a in &g {
            for &b in &g {
                tried += 1;
                // both arguments seeded: the value must not depend on it
                let y = f(D::var(a), D::var(b)).re();
                let want = reference(a, b);
                if !same(y, want) {
                    bad.push(format!(
                        "{}::{name}({a:?}, {b:?}) = {y:?}, f: {want:?}",
                        D::NAME
                    ));
                }
            }
        }
        tally("pair", D::NAME, name, bad, &mut failures);
    }
    (tried, failures)
}

macro_rules! for_every_type {
    ($check:ident, $f:ty) => {
        [
            $check::<$f, Dual<$f>>(),
            $check::<$f, HyperDual<$f>>(),
            $check::<$f, DualVec<$f, 2>>(),
            $check::<$f, HyperDualVec<$f, 2>>(),
            $check::<$f, Taylor<$f, 4>>(),
            $check::<$f, Dual<Dual<$f>>>(),
        ]
    };
}

/// Sums the inputs tried and asserts that no run found a mismatch.
#[track_caller]
fn check(runs: &[(usize, Vec<String>)], what: &str) -> usize {
    let failures: Vec<&String> = runs.iter().flat_map(|r| &r.1).collect();
    assert!(
        failures.is_empty(),
        "{} {what} mismatches:\n{}",
        failures.len(),
        failures
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    runs.iter().map(|r| r.0).sum()
}

#[test]
fn values_at_special_points_are_those_of_the_primitive() {
    let runs: Vec<_> = for_every_type!(values, f64)
        .into_iter()
        .chain(for_every_type!(values, f32))
        .collect();
    let tried = check(&runs, "value");
    // 52 functions x 23 points (fewer for f32, where 5e-324 is 0) x 12 types
    assert!(tried > 12 * 52 * 20, "{tried}");
}

#[test]
fn derivatives_at_awkward_points_match_mpmath() {
    let runs = [
        derivatives::<Dual<f64>>(),
        derivatives::<HyperDual<f64>>(),
        derivatives::<DualVec<f64, 2>>(),
        derivatives::<HyperDualVec<f64, 2>>(),
        derivatives::<Taylor<f64, 6>>(),
        derivatives::<Dual<Dual<f64>>>(),
    ];
    assert_eq!(check(&runs, "derivative"), 6 * DERIVATIVES.len());
}

#[test]
fn binary_functions_at_special_pairs_are_those_of_the_primitive() {
    let runs: Vec<_> = for_every_type!(pairs, f64)
        .into_iter()
        .chain(for_every_type!(pairs, f32))
        .collect();
    let tried = check(&runs, "pair");
    assert!(tried > 12 * BINARY.len() * 400, "{tried}");
}
