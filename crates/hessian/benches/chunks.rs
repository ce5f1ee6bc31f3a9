//! Chooses `GRADIENT_CHUNK` and `HESSIAN_BLOCK`: the gradient and the Hessian of
//! two workloads timed for several chunk sizes.
//!
//! Run with `cargo bench -p hessian --bench chunks`.
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use dual::DualNum;
use hessian::{gradient_chunked, hessian_chunked, second_partial_derivative};
use std::hint::black_box;
use std::time::Duration;

/// The extended Rosenbrock function: only polynomial operations.
fn rosenbrock<D: DualNum<f64>>(x: &[D]) -> D {
    x.windows(2)
        .map(|w| (w[1] - w[0] * w[0]).powi(2) * 100.0 + (-w[0] + 1.0).powi(2))
        .sum()
}

/// A chain with a transcendental function per term.
fn chain<D: DualNum<f64>>(x: &[D]) -> D {
    x.windows(2)
        .map(|w| (w[0].sin() * w[1]).exp() + w[0].cos() * w[1])
        .sum()
}

fn point(n: usize) -> Vec<f64> {
    (0..n).map(|i| 0.3 + 0.01 * i as f64).collect()
}

fn gradients(c: &mut Criterion) {
    for n in [10, 100] {
        let x = point(n);
        let mut g = c.benchmark_group(format!("gradient/n={n}"));
        macro_rules! chunk {
            ($($c:literal)*) => {$(
                g.bench_function(BenchmarkId::new("rosenbrock", $c), |b| {
                    b.iter(|| gradient_chunked::<$c, _>(rosenbrock, black_box(&x)))
                });
                g.bench_function(BenchmarkId::new("chain", $c), |b| {
                    b.iter(|| gradient_chunked::<$c, _>(chain, black_box(&x)))
                });
            )*};
        }
        chunk!(1 2 4 8 16);
        g.finish();
    }
}

fn hessians(c: &mut Criterion) {
    for n in [10, 100] {
        let x = point(n);
        let mut g = c.benchmark_group(format!("hessian/n={n}"));
        macro_rules! block {
            ($($w:literal)*) => {$(
                g.bench_function(BenchmarkId::new("rosenbrock", $w), |b| {
                    b.iter(|| hessian_chunked::<$w, _>(rosenbrock, black_box(&x)))
                });
                g.bench_function(BenchmarkId::new("chain", $w), |b| {
                    b.iter(|| hessian_chunked::<$w, _>(chain, black_box(&x)))
                });
            )*};
        }
        block!(2 4 8 16);
        // baseline: one HyperDual evaluation per entry on and above the diagonal
        g.bench_function(BenchmarkId::new("rosenbrock", "hyperdual-per-pair"), |b| {
            b.iter(|| {
                let mut s = 0.0;
                for i in 0..n {
                    for j in i..n {
                        s += second_partial_derivative(rosenbrock, black_box(&x), i, j)
                            .unwrap_or(0.0);
                    }
                }
                s
            })
        });
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(3));
    targets = gradients, hessians
}
criterion_main!(benches);
