//! Classify critical points by the signs of the exact Hessian's eigenvalues:
//! minimum, maximum, saddle, degenerate, and the refusal when the gradient is
//! not zero.
//!
//! Run with `cargo run --example critical_points`. The test suite runs `main`
//! once (tests/examples.rs); every claim printed is also asserted.

use hyperdiff::hessian::{Error, HESSIAN_BLOCK};
use hyperdiff::prelude::*;
use std::f64::consts::FRAC_PI_2;

type H = HyperDualVec64<HESSIAN_BLOCK>;

/// (name, f, point, exact eigenvalues ascending, expected kind)
type Case = (
    &'static str,
    fn(&[H]) -> H,
    [f64; 2],
    [f64; 2],
    CriticalPoint,
);

/// x³ - 3x + y²: gradient (3x² - 3, 2y), Hessian diag(6x, 2).
fn cubic_valley<D: DualNum<f64>>(x: &[D]) -> D {
    x[0].powi(3) - x[0] * 3.0 + x[1] * x[1]
}

/// sin x + sin y: Hessian diag(-sin x, -sin y), -I at (π/2, π/2).
fn egg_crate<D: DualNum<f64>>(x: &[D]) -> D {
    x[0].sin() + x[1].sin()
}

/// x⁴ + y²: Hessian diag(12x², 2), singular at the origin (a minimum the
/// second-order test cannot see).
fn quartic<D: DualNum<f64>>(x: &[D]) -> D {
    x[0].powi(4) + x[1] * x[1]
}

/// The monkey saddle x³ - 3xy²: the Hessian vanishes at the origin.
fn monkey_saddle<D: DualNum<f64>>(x: &[D]) -> D {
    x[0].powi(3) - x[0] * x[1] * x[1] * 3.0
}

/// The eigenvalues of the exact Hessian, ascending.
fn eigenvalues(f: fn(&[H]) -> H, x: &[f64]) -> Vec<f64> {
    let (_, _, h) = hessian(f, x);
    let mut l: Vec<f64> = h.symmetric_eigenvalues().iter().map(|v| v + 0.0).collect();
    l.sort_by(f64::total_cmp);
    l
}

pub fn main() {
    const TOL: f64 = 1e-12;
    println!("point                     eigenvalues of H     kind");
    let cases: [Case; 5] = [
        (
            "x^3-3x+y^2  at (1, 0)  ",
            cubic_valley,
            [1.0, 0.0],
            [2.0, 6.0],
            CriticalPoint::Minimum,
        ),
        (
            "x^3-3x+y^2  at (-1, 0) ",
            cubic_valley,
            [-1.0, 0.0],
            [-6.0, 2.0],
            CriticalPoint::Saddle,
        ),
        (
            "sin x+sin y at (pi/2)^2",
            egg_crate,
            [FRAC_PI_2, FRAC_PI_2],
            [-1.0, -1.0],
            CriticalPoint::Maximum,
        ),
        (
            "x^4+y^2     at (0, 0)  ",
            quartic,
            [0.0, 0.0],
            [0.0, 2.0],
            CriticalPoint::Degenerate,
        ),
        (
            "x^3-3xy^2   at (0, 0)  ",
            monkey_saddle,
            [0.0, 0.0],
            [0.0, 0.0],
            CriticalPoint::Degenerate,
        ),
    ];
    for (name, f, x, exact, expected) in cases {
        let l = eigenvalues(f, &x);
        for (computed, exact) in l.iter().zip(exact) {
            approx::assert_abs_diff_eq!(*computed, exact, epsilon = 1e-14);
        }
        let kind = classify_critical_point(f, &x, TOL).expect("a critical point");
        assert_eq!(kind, expected);
        println!("{name}  [{:>4}, {:>4}]         {kind:?}", l[0], l[1]);
    }

    // At (0, 0) the gradient of x³ - 3x + y² is (-3, 0): not a critical point,
    // and the classifier says so instead of reading the Hessian.
    let err = classify_critical_point(cubic_valley, &[0.0, 0.0], TOL).unwrap_err();
    match err {
        Error::NotCritical { gradient_norm, .. } => assert_eq!(gradient_norm, 3.0),
        other => panic!("expected NotCritical, got {other:?}"),
    }
    println!("x^3-3x+y^2  at (0, 0)    refused: {err}");
}
