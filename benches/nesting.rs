//! The cost of the perturbation guard on the non-nested fast path.
//!
//! Each driver now takes a per-thread "level" (crates/hessian/src/nesting.rs)
//! before it evaluates the closure. This bench times the drivers as they are
//! next to a private copy of their bodies as they were at commit `a7de6bc`,
//! the last commit before the guard, so both run in one process on the same
//! number types, alternately (`old`, `new`, `old`, `new`):
//!
//! * `derivative` of the scalar workload `e^x / sqrt(sin^3 x + cos^3 x)` at 1.5;
//! * `gradient` of the extended Rosenbrock function at `n = 16`.
//!
//! ```text
//! cargo bench --bench nesting -- --warm-up-time 1 --measurement-time 3
//! HYPERDIFF_RACE=1 cargo bench --bench nesting -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! On a shared machine criterion's means move with the load from elsewhere; with
//! `HYPERDIFF_RACE=1` the bench first prints, for each job (and for `gradient`
//! also at `n = 8` and `n = 64`), the
//! minimum time per call over 300 round-robin samples of about 1 ms each (the
//! method of `crates/hessian/benches/chunks.rs`): a burst of load hits every job
//! alike, and the minimum is the time without interference.
//! `HYPERDIFF_RACE_ONLY=16/new` keeps only the jobs whose name contains the
//! text (to run one under `perf record`).
//!
//! Figures: `docs/benchmarks-nesting.md`.

use criterion::{Criterion, criterion_group, criterion_main};
use hyperdiff::hessian::{GRADIENT_CHUNK, derivative, gradient};
use hyperdiff::prelude::{Dual, DualNum, DualVec};
use nalgebra::DVector;
use std::hint::black_box;
use std::ops::Range;

mod workloads;
use workloads::{Job, race};

/// `e^x / sqrt(sin^3 x + cos^3 x)` (the scalar workload of `benches/scalar.rs`).
fn scalar<D: DualNum<f64>>(x: D) -> D {
    x.exp() / (x.sin().powi(3) + x.cos().powi(3)).sqrt()
}

/// `sum_i 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2`.
fn rosenbrock<D: DualNum<f64>>(x: &[D]) -> D {
    let mut s = D::zero();
    for w in x.windows(2) {
        let a = w[1] - w[0] * w[0];
        let b = D::one() - w[0];
        s += a * a * 100.0 + b * b;
    }
    s
}

/// The body of `derivative` at `a7de6bc` (no guard).
#[inline(never)]
fn derivative_old(f: impl Fn(Dual<f64>) -> Dual<f64>, x: f64) -> (f64, f64) {
    let y = f(Dual::variable(x));
    (y.re, y.eps)
}

/// The body of `gradient_chunked` at `a7de6bc` (no guard), verbatim but for
/// the scalar type.
#[inline(never)]
fn gradient_old<const C: usize>(
    f: impl Fn(&[DualVec<f64, C>]) -> DualVec<f64, C>,
    x: &[f64],
) -> (f64, DVector<f64>) {
    let n = x.len();
    let mut xs: Vec<DualVec<f64, C>> = x.iter().map(|&xi| DualVec::constant(xi)).collect();
    let mut grad = DVector::zeros(n);
    if n == 0 {
        return (f(&xs).re, grad);
    }
    let mut value = f64::NAN;
    for_each_chunk(&mut xs, &f, |chunk, y| {
        if chunk.start == 0 {
            value = y.re;
        }
        for (g, e) in grad.as_mut_slice()[chunk].iter_mut().zip(y.eps) {
            *g = e;
        }
    });
    (value, grad)
}

/// The chunk loop of `gradient_chunked` at `a7de6bc`, verbatim.
fn for_each_chunk<const C: usize, Y>(
    xs: &mut [DualVec<f64, C>],
    f: impl Fn(&[DualVec<f64, C>]) -> Y,
    mut visit: impl FnMut(Range<usize>, Y),
) {
    let n = xs.len();
    for start in (0..n).step_by(C) {
        let chunk = start..(start + C).min(n);
        for (k, xi) in xs[chunk.clone()].iter_mut().enumerate() {
            *xi = DualVec::variable(xi.re, k);
        }
        let y = f(xs);
        for xi in &mut xs[chunk.clone()] {
            *xi = DualVec::constant(xi.re);
        }
        visit(chunk, y);
    }
}

/// The same two drivers, called through `#[inline(never)]` wrappers so that
/// both sides are compiled alike.
#[inline(never)]
fn derivative_new(f: impl Fn(Dual<f64>) -> Dual<f64>, x: f64) -> (f64, f64) {
    derivative(f, x)
}

#[inline(never)]
fn gradient_new(
    f: impl Fn(&[DualVec<f64, GRADIENT_CHUNK>]) -> DualVec<f64, GRADIENT_CHUNK>,
    x: &[f64],
) -> (f64, DVector<f64>) {
    gradient(f, x)
}

fn guard(c: &mut Criterion) {
    let x = 1.5;
    assert_eq!(derivative_old(scalar, x), derivative_new(scalar, x));
    let p: Vec<f64> = (0..16).map(|i| 0.3 + 0.05 * f64::from(i)).collect();
    assert_eq!(
        gradient_old::<GRADIENT_CHUNK>(rosenbrock, &p),
        gradient_new(rosenbrock, &p)
    );

    if std::env::var_os("HYPERDIFF_RACE").is_some() {
        let points: Vec<(usize, Vec<f64>)> = [8, 16, 64]
            .into_iter()
            .map(|n| (n, (0..n).map(|i| 0.3 + 0.05 * i as f64).collect()))
            .collect();
        let mut jobs: Vec<Job<'_>> = vec![
            (
                "derivative_scalar/old".into(),
                Box::new(|| {
                    black_box(derivative_old(scalar, black_box(x)));
                }),
            ),
            (
                "derivative_scalar/new".into(),
                Box::new(|| {
                    black_box(derivative_new(scalar, black_box(x)));
                }),
            ),
        ];
        for (n, p) in &points {
            jobs.push((
                format!("gradient_rosenbrock_{n}/old"),
                Box::new(move || {
                    black_box(gradient_old::<GRADIENT_CHUNK>(rosenbrock, black_box(p)));
                }),
            ));
            jobs.push((
                format!("gradient_rosenbrock_{n}/new"),
                Box::new(move || {
                    black_box(gradient_new(rosenbrock, black_box(p)));
                }),
            ));
        }
        // HYPERDIFF_RACE_ONLY=<text>: only the jobs whose name contains it (for a profiler)
        if let Ok(only) = std::env::var("HYPERDIFF_RACE_ONLY") {
            jobs.retain(|(name, _)| name.contains(&only));
        }
        race(&jobs, 300);
    }

    let mut g = c.benchmark_group("nesting_guard");
    for round in 1..=2 {
        g.bench_function(format!("derivative_scalar/old/{round}"), |b| {
            b.iter(|| derivative_old(scalar, black_box(x)))
        });
        g.bench_function(format!("derivative_scalar/new/{round}"), |b| {
            b.iter(|| derivative_new(scalar, black_box(x)))
        });
    }
    for round in 1..=2 {
        g.bench_function(format!("gradient_rosenbrock_16/old/{round}"), |b| {
            b.iter(|| gradient_old::<GRADIENT_CHUNK>(rosenbrock, black_box(&p)))
        });
        g.bench_function(format!("gradient_rosenbrock_16/new/{round}"), |b| {
            b.iter(|| gradient_new(rosenbrock, black_box(&p)))
        });
    }
    g.finish();
}

criterion_group!(benches, guard);
criterion_main!(benches);
