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

/// The scalar workload as a function of its own for each number type.
#[inline(never)]
fn scalar_call<D: DualNum<f64>>(x: D) -> D {
    scalar(x)
}

/// num-dual's copy of the scalar workload as a function of its own for each
/// number type.
#[inline(never)]
fn nd_scalar_call<D: num_dual::DualNum<Primitive = f64>>(x: &D) -> D {
    nd::scalar(x)
}

/// Low Taylor orders against num-dual's fixed-order types, in one group so that
/// the ratios come from one process. Two pairs of rows:
///
/// * the number types alone: `Taylor<f64, N>` seeded by hand for N = 2, 3, 4
///   next to num-dual's `Dual2_64` (second derivative) and `Dual3_64` (third);
/// * the drivers: `hessian::nth_derivative::<N>` (which also takes the
///   perturbation level, see `benches/nesting.rs`) next to
///   `num_dual::second_derivative` / `third_derivative`.
///
/// num-dual has no fourth-order type, so the N = 4 rows are set against
/// `Dual3_64`. `f^(8)` by `Taylor<f64, 8>` and 8-fold nested `Dual` close the
/// list. Every row calls the workload through [`scalar_call`] /
/// [`nd_scalar_call`], one out-of-line function per number type, so that both
/// sides run the same arithmetic on a general argument whatever the inliner
/// decides at the seeding site. With `HYPERDIFF_RACE=1` the jobs first run round-robin (see
/// [`workloads::race`]) and the ratios of the minima are printed; figures in
/// `docs/benchmarks-taylor.md`.
fn taylor_low_orders(c: &mut Criterion) {
    use num_dual::{Dual2_64, Dual3_64};
    let x = SCALAR_X;
    // one evaluation per call, its result kept from the optimiser
    macro_rules! job {
        ($name:literal, $e:expr) => {
            (
                $name.to_string(),
                Box::new(|| {
                    black_box($e);
                }) as Box<dyn Fn()>,
            )
        };
    }
    let point = || black_box(x);
    let jobs: Vec<Job<'_>> = vec![
        job!(
            "numdual_dual2_d2",
            nd_scalar_call(&Dual2_64::from(point()).derivative()).v2
        ),
        job!(
            "taylor2_d2",
            scalar_call(Taylor::<f64, 2>::variable(point())).derivative(2)
        ),
        job!(
            "numdual_dual3_d3",
            nd_scalar_call(&Dual3_64::from(point()).derivative()).v3
        ),
        job!(
            "taylor3_d3",
            scalar_call(Taylor::<f64, 3>::variable(point())).derivative(3)
        ),
        job!(
            "taylor4_d4",
            scalar_call(Taylor::<f64, 4>::variable(point())).derivative(4)
        ),
        job!(
            "numdual_second_derivative",
            num_dual::second_derivative(|d| nd_scalar_call(&d), point()).2
        ),
        job!(
            "nth_derivative_2",
            hyperdiff::hessian::nth_derivative::<2, _>(scalar_call, point())
        ),
        job!(
            "numdual_third_derivative",
            num_dual::third_derivative(|d| nd_scalar_call(&d), point()).3
        ),
        job!(
            "nth_derivative_3",
            hyperdiff::hessian::nth_derivative::<3, _>(scalar_call, point())
        ),
        job!(
            "nth_derivative_4",
            hyperdiff::hessian::nth_derivative::<4, _>(scalar_call, point())
        ),
        job!(
            "derivatives_4",
            hyperdiff::hessian::derivatives::<4, _>(scalar_call, point())
        ),
        job!(
            "taylor8_d8",
            scalar_call(Taylor::<f64, 8>::variable(point())).derivative(8)
        ),
        job!("nested_dual8_d8", scalar_call(Nest8::seed(point())).top()),
    ];
    if std::env::var_os("HYPERDIFF_RACE").is_some() {
        let t = race(&jobs, 300);
        let at = |name: &str| t[jobs.iter().position(|(n, _)| n == name).unwrap_or(0)];
        for (ours, theirs) in [
            ("taylor2_d2", "numdual_dual2_d2"),
            ("taylor3_d3", "numdual_dual3_d3"),
            ("taylor4_d4", "numdual_dual3_d3"),
            ("nth_derivative_2", "numdual_second_derivative"),
            ("nth_derivative_3", "numdual_third_derivative"),
            ("nth_derivative_4", "numdual_third_derivative"),
        ] {
            println!("race ratio {ours} / {theirs}: {:.2}", at(ours) / at(theirs));
        }
        println!(
            "race ratio nested_dual8_d8 / taylor8_d8: {:.1}",
            at("nested_dual8_d8") / at("taylor8_d8")
        );
    }
    let mut g = configure(c, "taylor_low");
    for (name, job) in &jobs {
        g.bench_function(name.as_str(), |b| b.iter(job));
    }
    g.finish();
}

criterion_group!(benches, first_and_second, higher_orders, taylor_low_orders);
criterion_main!(benches);
