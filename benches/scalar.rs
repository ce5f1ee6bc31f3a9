//! The scalar workload `f(x) = e^x / sqrt(sin^3 x + cos^3 x)` at `x = 1.5`:
//! plain `f64`, our `Dual`/`HyperDual`/`Taylor`/nested `Dual`, num-dual's
//! `Dual64`/`HyperDual64`/`Dual2_64`/`Dual3_64`, and central/five-point differences.
//!
//! ```text
//! cargo bench --bench scalar                          # full run
//! HYPERDIFF_BENCH_QUICK=1 cargo bench --bench scalar  # quick run
//! cargo bench --bench scalar -- taylor_low            # low Taylor orders vs num-dual
//! ```
//!
//! Results land in `target/criterion/scalar*/`; `examples/bench_report.rs`
//! turns them into `docs/benchmarks.md`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use hyperdiff::prelude::*;
use std::hint::black_box;
use std::time::Duration;

mod workloads;
use workloads::drivers::fd::{self, Stencil};
use workloads::*;

fn configure<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let (warm, measure, samples) = timing(Duration::from_micros(1));
    let mut g = c.benchmark_group(name);
    g.warm_up_time(warm)
        .measurement_time(measure)
        .sample_size(samples);
    g
}

fn first_and_second(c: &mut Criterion) {
    let mut g = configure(c, "scalar");
    g.bench_function("f64", |b| b.iter(|| scalar(black_box(SCALAR_X))));
    g.bench_function("dual_d1", |b| {
        b.iter(|| scalar(Dual64::variable(black_box(SCALAR_X))).eps)
    });
    g.bench_function("hyperdual_d2", |b| {
        b.iter(|| {
            let y = scalar(HyperDual64::variable(black_box(SCALAR_X)));
            (y.eps1, y.eps1eps2)
        })
    });
    g.bench_function("driver_derivative", |b| {
        b.iter(|| hyperdiff::hessian::derivative(scalar, black_box(SCALAR_X)))
    });
    g.bench_function("driver_second_derivative", |b| {
        b.iter(|| hyperdiff::hessian::second_derivative(scalar, black_box(SCALAR_X)))
    });
    g.bench_function("taylor2_d2", |b| {
        b.iter(|| {
            let y = scalar(Taylor64::<2>::variable(black_box(SCALAR_X)));
            (y.derivative(1), y.derivative(2))
        })
    });
    g.bench_function("numdual_dual_d1", |b| {
        b.iter(|| {
            let x = num_dual::Dual64::from(black_box(SCALAR_X)).derivative();
            nd::scalar(&x).eps
        })
    });
    g.bench_function("numdual_hyperdual_d2", |b| {
        b.iter(|| {
            let x = num_dual::HyperDual64::from(black_box(SCALAR_X));
            let x = x.derivative1().derivative2();
            let y = nd::scalar(&x);
            (y.eps1, y.eps1eps2)
        })
    });
    g.bench_function("numdual_dual2_d2", |b| {
        b.iter(|| {
            let x = num_dual::Dual2_64::from(black_box(SCALAR_X)).derivative();
            let y = nd::scalar(&x);
            (y.v1, y.v2)
        })
    });
    for (name, stencil) in [("central", Stencil::Central), ("five", Stencil::FivePoint)] {
        g.bench_function(format!("fd_{name}_d1"), |b| {
            b.iter(|| fd::derivative(scalar::<f64>, black_box(SCALAR_X), stencil))
        });
        g.bench_function(format!("fd_{name}_d2"), |b| {
            b.iter(|| fd::second_derivative(scalar::<f64>, black_box(SCALAR_X), stencil))
        });
    }
    g.finish();
}

macro_rules! taylor_orders {
    ($g:expr, $($k:literal),*) => {$(
        $g.bench_with_input(BenchmarkId::new("taylor", $k), &$k, |b, _| {
            b.iter(|| taylor_derivative::<$k>(black_box(SCALAR_X)))
        });
    )*};
}

fn higher_orders(c: &mut Criterion) {
    let mut g = configure(c, "scalar_order");
    if quick() {
        taylor_orders!(g, 1, 2, 8);
    } else {
        taylor_orders!(g, 1, 2, 4, 6, 8, 12, 16);
    }
    type Order = (usize, fn(f64) -> f64);
    let nested: [Order; 5] = [
        (1, nested_derivative::<Nest1>),
        (2, nested_derivative::<Nest2>),
        (4, nested_derivative::<Nest4>),
        (6, nested_derivative::<Nest6>),
        (8, nested_derivative::<Nest8>),
    ];
    for (k, f) in nested {
        if quick() && ![1, 2, 8].contains(&k) {
            continue;
        }
        g.bench_with_input(BenchmarkId::new("nested_dual", k), &k, |b, _| {
            b.iter(|| f(black_box(SCALAR_X)))
        });
    }
    g.finish();
}

/// Low Taylor orders against num-dual's fixed-order types, in one group so that
/// the ratios come from one process: `nth_derivative::<N>` through
/// `Taylor<f64, N>` for N = 2, 3, 4 next to num-dual's `Dual2_64` (second
/// derivative) and `Dual3_64` (third derivative); num-dual has no fourth-order
/// type, so `taylor/4` is compared with `Dual3_64` as an upper bound.
fn taylor_low_orders(c: &mut Criterion) {
    let mut g = configure(c, "taylor_low");
    g.bench_function("numdual_dual2_d2", |b| {
        b.iter(|| nd::scalar(&num_dual::Dual2_64::from(black_box(SCALAR_X)).derivative()).v2)
    });
    g.bench_function("taylor2_d2", |b| {
        b.iter(|| hyperdiff::hessian::nth_derivative::<2, _>(scalar, black_box(SCALAR_X)))
    });
    g.bench_function("numdual_dual3_d3", |b| {
        b.iter(|| nd::scalar(&num_dual::Dual3_64::from(black_box(SCALAR_X)).derivative()).v3)
    });
    g.bench_function("taylor3_d3", |b| {
        b.iter(|| hyperdiff::hessian::nth_derivative::<3, _>(scalar, black_box(SCALAR_X)))
    });
    g.bench_function("taylor4_d4", |b| {
        b.iter(|| hyperdiff::hessian::nth_derivative::<4, _>(scalar, black_box(SCALAR_X)))
    });
    g.bench_function("taylor4_derivatives", |b| {
        b.iter(|| hyperdiff::hessian::derivatives::<4, _>(scalar, black_box(SCALAR_X)))
    });
    g.finish();
}

criterion_group!(benches, first_and_second, higher_orders, taylor_low_orders);
criterion_main!(benches);
