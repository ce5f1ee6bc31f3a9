//! One plan of the chained Rosenbrock terms and `REPS` Hessians of it, for
//! counting instructions (`scripts/terms_instructions.sh`) and for profiles.
//! Optionally the same number of plain `f64` evaluations after them.
//!
//! ```text
//! N=10000 REPS=20 cargo run --release --example sparse_terms_loop            # hessian_into
//! N=10000 REPS=20 ALLOC=1 cargo run --release --example sparse_terms_loop    # hessian
//! N=10000 REPS=20 F64=1 cargo run --release --example sparse_terms_loop      # and the f64 evaluations
//! ```

use hyperdiff::prelude::*;
use std::hint::black_box;

#[path = "../benches/sparse_workloads/mod.rs"]
mod sparse_workloads;
use sparse_workloads::*;

/// An environment variable as a number, or `default`.
fn var(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> Result<(), hessian::Error> {
    let (n, reps) = (var("N", 10_000), var("REPS", 10));
    let x = point(n, -1.0, 1.0);
    let plan = SparseHessian::of_terms(&RosenbrockTerms, &x)?;
    let (_, mut grad, mut h) = plan.hessian(&RosenbrockTerms, &x)?;
    let alloc = std::env::var_os("ALLOC").is_some();
    for _ in 0..reps {
        if alloc {
            black_box(plan.hessian(&RosenbrockTerms, black_box(&x))?);
        } else {
            let v = plan.hessian_into(
                &RosenbrockTerms,
                black_box(&x),
                grad.as_mut_slice(),
                h.values_mut(),
            )?;
            black_box(v);
        }
    }
    if std::env::var_os("F64").is_some() {
        for _ in 0..reps {
            black_box(RosenbrockTerms.eval(black_box(&x[..])));
        }
    }
    println!("n = {n}: {reps} Hessians, value {}", h.values()[0]);
    Ok(())
}
