//! Newton's method with the closure form (line-search trials on constant
//! hyper-duals) against the `Function` form (trials on plain floats), on the
//! extended Rosenbrock function from (-1.2, 1, ..., 1).
//!
//! `cargo bench -p hessian --bench newton -- --warm-up-time 1 --measurement-time 3`

use criterion::{Criterion, criterion_group, criterion_main};
use hessian::{Function, NewtonOptions, minimize_newton, minimize_newton_function};
use std::hint::black_box;

#[path = "../tests/common/mod.rs"]
mod common;
use common::Rosenbrock;

fn newton(c: &mut Criterion) {
    let o = NewtonOptions::default();
    for n in [2_usize, 10, 40] {
        let mut x0 = vec![1.0; n];
        x0[0] = -1.2;
        let mut g = c.benchmark_group(format!("newton_rosenbrock_n{n}"));
        g.bench_function("closure", |b| {
            b.iter(|| minimize_newton(|x| Rosenbrock.eval(x), black_box(&x0), &o))
        });
        g.bench_function("function", |b| {
            b.iter(|| minimize_newton_function(&Rosenbrock, black_box(&x0), &o))
        });
        g.finish();
    }
}

criterion_group!(benches, newton);
criterion_main!(benches);
