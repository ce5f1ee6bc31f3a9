//! Gradients and Hessians of four workloads (Rosenbrock, least squares with a
//! dense seeded `2n x n` matrix, a one-hidden-layer tanh network on a fixed
//! batch, Ackley's function; see `benches/workloads/mod.rs`) for `n` in
//! {2, 4, ..., 256}, by our drivers, central differences (`hessian::fd`) and
//! num-dual (static sizes for `n <= 16`, dynamic sizes for every `n`), beside
//! the plain `f64` value, all in one process. With the feature `rayon`, also
//! the sequential against the parallel Hessian of the tanh network.
//!
//! ```text
//! cargo bench --bench multivariate                          # full run
//! cargo bench --bench multivariate --features rayon         # and the parallel group
//! HYPERDIFF_BENCH_QUICK=1 cargo bench --bench multivariate  # n in {2, 8, 32}, short times
//! HYPERDIFF_RACE=8,16,64 cargo bench --bench multivariate -- nomatch
//! ```
//!
//! With `HYPERDIFF_RACE=<sizes>` the bench first races every Hessian method
//! of each workload at those sizes (`workloads::race`: minimum time per call
//! over round-robin samples, robust to load from elsewhere) and prints each
//! method's time as a ratio to ours; `-- nomatch` then skips the criterion
//! groups.
//!
//! Results land in `target/criterion/<family>_{value,gradient,hessian}/` and
//! `target/criterion/parallel_hessian/`.

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, Instant};

mod workloads;
use workloads::*;

/// Applies the timing for a call of about `per_call` to the group.
fn tune(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    per_call: Duration,
) {
    let (warm, measure, samples) = timing(per_call);
    g.warm_up_time(warm)
        .measurement_time(measure)
        .sample_size(samples);
    // slow calls: the same iteration count in every sample, so that 10 samples
    // fit in about a second instead of the 55 calls linear sampling needs
    g.sampling_mode(if per_call > Duration::from_millis(2) {
        SamplingMode::Flat
    } else {
        SamplingMode::Auto
    });
}

fn once<R>(f: impl Fn() -> R) -> Duration {
    let t = Instant::now();
    black_box(f());
    t.elapsed()
}

fn bench_family(c: &mut Criterion, family: Family) {
    let problems: Vec<Problem> = sizes().iter().map(|&n| Problem::new(family, n)).collect();

    let mut g = c.benchmark_group(format!("{}_value", family.name()));
    tune(&mut g, Duration::ZERO);
    for p in &problems {
        g.bench_with_input(BenchmarkId::new("f64", p.n), p, |b, p| {
            b.iter(|| p.eval(black_box(&p.x[..])))
        });
    }
    g.finish();

    type By = fn(Method, &Problem) -> Option<Vec<f64>>;
    for (what, by) in [
        ("gradient", gradient_by as By),
        ("hessian", hessian_by as By),
    ] {
        let mut g = c.benchmark_group(format!("{}_{what}", family.name()));
        for p in &problems {
            for m in Method::ALL {
                if !m.supports(family, p.n) {
                    continue;
                }
                tune(&mut g, once(|| by(m, p)));
                g.bench_with_input(BenchmarkId::new(m.name(), p.n), p, |b, p| {
                    b.iter(|| by(m, black_box(p)))
                });
            }
        }
        g.finish();
    }
}

fn rosenbrock(c: &mut Criterion) {
    bench_family(c, Family::Rosenbrock);
}

fn least_squares(c: &mut Criterion) {
    bench_family(c, Family::LeastSquares);
}

fn tanh_net(c: &mut Criterion) {
    bench_family(c, Family::TanhNet);
}

fn ackley(c: &mut Criterion) {
    bench_family(c, Family::Ackley);
}

/// The tanh network's Hessian by `hessian` and by `hessian_par` (feature
/// `rayon`), interleaved in one group.
#[cfg(feature = "rayon")]
fn parallel(c: &mut Criterion) {
    let mut g = c.benchmark_group("parallel_hessian");
    for &n in sizes().iter().filter(|&&n| n >= 32) {
        let p = Problem::new(Family::TanhNet, n);
        tune(&mut g, once(|| drivers::hessian(|v| p.eval(v), &p.x)));
        g.bench_with_input(BenchmarkId::new("sequential", n), &p, |b, p| {
            b.iter(|| drivers::hessian(|v| p.eval(v), black_box(&p.x)))
        });
        g.bench_with_input(BenchmarkId::new("parallel", n), &p, |b, p| {
            b.iter(|| drivers::hessian_par(|v| p.eval(v), black_box(&p.x)))
        });
    }
    g.finish();
}

#[cfg(not(feature = "rayon"))]
fn parallel(_: &mut Criterion) {}

/// The `HYPERDIFF_RACE` mode (see the module docs).
fn race_hessians(_: &mut Criterion) {
    let Ok(sizes) = std::env::var("HYPERDIFF_RACE") else {
        return;
    };
    let samples = 40;
    for family in [
        Family::Rosenbrock,
        Family::LeastSquares,
        Family::TanhNet,
        Family::Ackley,
    ] {
        for n in sizes
            .split(',')
            .filter_map(|s| s.trim().parse::<usize>().ok())
        {
            let p = Problem::new(family, n);
            let methods: Vec<Method> = Method::ALL
                .into_iter()
                .filter(|m| m.supports(family, n) && *m != Method::NumDualDynPasses)
                .collect();
            #[cfg_attr(not(feature = "rayon"), allow(unused_mut))]
            let mut jobs: Vec<Job<'_>> = methods
                .iter()
                .map(|&m| {
                    let p = &p;
                    let job: Box<dyn Fn() + '_> = Box::new(move || {
                        black_box(hessian_by(m, black_box(p)));
                    });
                    (format!("{} n={n} {}", family.name(), m.name()), job)
                })
                .collect();
            #[cfg_attr(not(feature = "rayon"), allow(unused_mut))]
            let mut names: Vec<&str> = methods.iter().map(|m| m.name()).collect();
            #[cfg(feature = "rayon")]
            {
                let p = &p;
                jobs.push((
                    format!("{} n={n} ours_par", family.name()),
                    Box::new(move || {
                        black_box(drivers::hessian_par(|v| p.eval(v), black_box(&p.x)));
                    }),
                ));
                names.push("ours_par");
            }
            let best = race(&jobs, samples);
            let ours = best[0];
            let ratios: Vec<String> = names
                .iter()
                .zip(&best)
                .skip(1)
                .map(|(m, t)| format!("ours/{m} = {:.2}", ours / t))
                .collect();
            println!("ratio {} n={n}: {}", family.name(), ratios.join(", "));
        }
    }
}

criterion_group!(
    benches,
    race_hessians,
    rosenbrock,
    least_squares,
    tanh_net,
    ackley,
    parallel
);
criterion_main!(benches);
