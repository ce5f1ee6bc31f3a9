//! Sparse Jacobians and Hessians against the dense drivers, central
//! differences and plain `f64` evaluations (`hessian::sparse`).
//!
//! ```text
//! cargo bench --bench sparse                 # ratio table (interleaved, one process) + criterion groups
//! cargo bench --bench sparse -- sparse_plan  # criterion groups matching a filter (the ratio table always runs)
//! cargo test --benches                       # test mode: every benchmark once, small sizes
//! ```
//!
//! The ratio table compares two calls measured in the same process,
//! interleaved (A, B, A, B, ...), each round timing enough calls to last
//! about 50 ms; the minimum per-call time of each side over the rounds is
//! kept. Results are written up in `docs/benchmarks-sparse.md`.

use criterion::{BenchmarkId, Criterion, SamplingMode};
use hyperdiff::hessian::fd::{self, Stencil};
use hyperdiff::prelude::*;
use std::hint::black_box;
use std::time::{Duration, Instant};

mod sparse_workloads;
use sparse_workloads::*;

/// `cargo bench` passes `--bench`; `cargo test --benches` does not.
fn full() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// Per-call times of one side: the minimum over rounds of wall-clock and of
/// CPU time (the machine is shared: CPU time leaves out the time other jobs
/// held the core).
#[derive(Clone, Copy)]
struct Times {
    wall: Duration,
    cpu: Duration,
}

/// Time `calls` calls of `f`.
fn batch(calls: u32, f: &mut dyn FnMut(), best: &mut Times) {
    let c0 = cpu_ns();
    let t = Instant::now();
    for _ in 0..calls {
        f();
    }
    let wall = t.elapsed() / calls;
    let cpu = match (c0, cpu_ns()) {
        (Some(a), Some(b)) => Duration::from_nanos(b.saturating_sub(a)) / calls,
        _ => wall,
    };
    best.wall = best.wall.min(wall);
    best.cpu = best.cpu.min(cpu);
}

/// Minimum time per call of `a` and of `b`, interleaved over `rounds` rounds
/// (A, B, A, B, ...), each round timing enough calls to last about 200 ms.
fn interleaved(rounds: usize, a: &mut dyn FnMut(), b: &mut dyn FnMut()) -> (Times, Times) {
    fn calls_for(f: &mut dyn FnMut()) -> u32 {
        let t = Instant::now();
        f();
        let one = t.elapsed().max(Duration::from_nanos(1));
        (Duration::from_millis(200).as_nanos() / one.as_nanos()).clamp(1, 10_000_000) as u32
    }
    let (na, nb) = (calls_for(a), calls_for(b));
    let none = Times {
        wall: Duration::MAX,
        cpu: Duration::MAX,
    };
    let (mut ta, mut tb) = (none, none);
    for _ in 0..rounds {
        batch(na, a, &mut ta);
        batch(nb, b, &mut tb);
    }
    (ta, tb)
}

fn row(what: &str, a: &str, b: &str, (ta, tb): (Times, Times), target: &str) {
    let ratio = |x: Duration, y: Duration| x.as_secs_f64() / y.as_secs_f64();
    println!(
        "| {what} | {a} {:.3?} | {b} {:.3?} | **{:.4}x** | {:.4}x | {target} |",
        ta.cpu,
        tb.cpu,
        ratio(ta.cpu, tb.cpu),
        ratio(ta.wall, tb.wall),
    );
}

/// Whether the ratio row `name` is asked for (`HYPERDIFF_SPARSE_ROWS`: a
/// comma-separated list of substrings; unset: every row).
fn wanted(name: &str) -> bool {
    std::env::var("HYPERDIFF_SPARSE_ROWS").map_or(true, |v| v.split(',').any(|w| name.contains(w)))
}

/// The ratio table of `docs/benchmarks-sparse.md`.
fn ratios() {
    println!(
        "| workload | A (CPU time per call) | B (CPU time per call) | A / B, CPU time | A / B, wall clock | target |"
    );
    println!("|---|---|---|---|---|---|");

    if wanted("scalar-dense") {
        let x = point(1000, -1.0, 1.0);
        let plan = SparseHessian::new(&Rosenbrock, &x).expect("plan");
        let t = interleaved(
            3,
            &mut || drop(black_box(plan.hessian(&Rosenbrock, black_box(&x)))),
            &mut || drop(black_box(hessian(|x| Rosenbrock.eval(x), black_box(&x)))),
        );
        row(
            "Rosenbrock n = 1000, scalar form, plan reused",
            "sparse",
            "dense `hessian`",
            t,
            "<= 0.02x",
        );
    }
    if wanted("scalar-fd") {
        let x = point(300, -1.0, 1.0);
        let plan = SparseHessian::new(&Rosenbrock, &x).expect("plan");
        let t = interleaved(
            5,
            &mut || drop(black_box(plan.hessian(&Rosenbrock, black_box(&x)))),
            &mut || {
                black_box(fd::hessian(
                    |x: &[f64]| Rosenbrock.eval(x),
                    black_box(&x),
                    Stencil::Central,
                ));
            },
        );
        row(
            "Rosenbrock n = 300, scalar form, plan reused",
            "sparse",
            "central differences",
            t,
            "<= 0.01x",
        );
    }
    if wanted("terms-eval") {
        let x = point(100_000, -1.0, 1.0);
        let plan = SparseHessian::of_terms(&RosenbrockTerms, &x).expect("plan");
        let t = interleaved(
            7,
            &mut || drop(black_box(plan.hessian(&RosenbrockTerms, black_box(&x)))),
            &mut || drop(black_box(RosenbrockTerms.eval(black_box(&x[..])))),
        );
        row(
            "Rosenbrock terms n = 1e5, one Hessian",
            "sparse",
            "one f64 evaluation",
            t,
            "<= 30x",
        );
    }
    if wanted("terms-into") {
        let x = point(100_000, -1.0, 1.0);
        let plan = SparseHessian::of_terms(&RosenbrockTerms, &x).expect("plan");
        let (_, mut grad, mut h) = plan.hessian(&RosenbrockTerms, &x).expect("hessian");
        let t = interleaved(
            7,
            &mut || {
                drop(black_box(plan.hessian_into(
                    &RosenbrockTerms,
                    black_box(&x),
                    grad.as_mut_slice(),
                    h.values_mut(),
                )))
            },
            &mut || drop(black_box(RosenbrockTerms.eval(black_box(&x[..])))),
        );
        row(
            "Rosenbrock terms n = 1e5, one Hessian into kept buffers (`hessian_into`)",
            "sparse",
            "one f64 evaluation",
            t,
            "<= 30x",
        );
    }
    if wanted("terms-plan") {
        let x6 = point(1_000_000, -1.0, 1.0);
        let x5 = point(100_000, -1.0, 1.0);
        let t = interleaved(
            7,
            &mut || {
                drop(black_box(SparseHessian::of_terms(
                    &RosenbrockTerms,
                    black_box(&x6),
                )))
            },
            &mut || {
                drop(black_box(SparseHessian::of_terms(
                    &RosenbrockTerms,
                    black_box(&x5),
                )))
            },
        );
        row(
            "Rosenbrock terms, plan building",
            "n = 1e6",
            "n = 1e5",
            t,
            "<= 12x",
        );
    }
    if wanted("brusselator") {
        let n = 32;
        let x = point(2 * n * n, 0.0, 1.0);
        let plan = SparseJacobian::new(&Brusselator(n), &x).expect("plan");
        let t = interleaved(
            5,
            &mut || drop(black_box(plan.jacobian(&Brusselator(n), black_box(&x)))),
            &mut || {
                drop(black_box(jacobian(
                    |x| Brusselator(n).eval(x),
                    black_box(&x),
                )))
            },
        );
        row(
            &format!(
                "Brusselator N = 32 (n = 2048, {} colours), plan reused",
                plan.colors()
            ),
            "sparse",
            "dense `jacobian`",
            t,
            "<= 0.02x",
        );
    }
    if wanted("ginzburg") {
        for m in [100, 316, 1000] {
            let x = point(m * m, -1.0, 1.0);
            let g = GinzburgLandau(m);
            let plan = SparseHessian::of_terms(&g, &x).expect("plan");
            let t = interleaved(
                3,
                &mut || drop(black_box(plan.hessian(&g, black_box(&x)))),
                &mut || drop(black_box(g.eval(black_box(&x[..])))),
            );
            let name = format!(
                "Ginzburg-Landau {m} x {m} (n = {}, {} colours), terms",
                m * m,
                plan.colors()
            );
            row(&name, "sparse", "one f64 evaluation", t, "");
        }
    }
}

fn benches(c: &mut Criterion) {
    let big = full();
    let (n_scalar, n_terms, grids, bruss): (usize, usize, &[usize], usize) = if big {
        (1000, 100_000, &[100, 316, 1000], 32)
    } else {
        (20, 100, &[5], 4)
    };

    let mut g = c.benchmark_group("sparse_hessian");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    let x = point(n_scalar, -1.0, 1.0);
    let plan = SparseHessian::new(&Rosenbrock, &x).expect("plan");
    g.bench_function(BenchmarkId::new("rosenbrock_scalar", n_scalar), |b| {
        b.iter(|| plan.hessian(&Rosenbrock, black_box(&x)))
    });
    let x = point(n_terms, -1.0, 1.0);
    let plan = SparseHessian::of_terms(&RosenbrockTerms, &x).expect("plan");
    g.bench_function(BenchmarkId::new("rosenbrock_terms", n_terms), |b| {
        b.iter(|| plan.hessian(&RosenbrockTerms, black_box(&x)))
    });
    g.bench_function(
        BenchmarkId::new("rosenbrock_terms_f64_eval", n_terms),
        |b| b.iter(|| RosenbrockTerms.eval(black_box(&x[..]))),
    );
    for &m in grids {
        let x = point(m * m, -1.0, 1.0);
        let gl = GinzburgLandau(m);
        let plan = SparseHessian::of_terms(&gl, &x).expect("plan");
        g.bench_function(BenchmarkId::new("ginzburg_landau_terms", m * m), |b| {
            b.iter(|| plan.hessian(&gl, black_box(&x)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("sparse_plan");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    for n in if big {
        vec![100_000, 1_000_000]
    } else {
        vec![100]
    } {
        let x = point(n, -1.0, 1.0);
        g.bench_function(BenchmarkId::new("rosenbrock_terms", n), |b| {
            b.iter(|| SparseHessian::of_terms(&RosenbrockTerms, black_box(&x)))
        });
    }
    let x = point(n_scalar, -1.0, 1.0);
    g.bench_function(BenchmarkId::new("rosenbrock_scalar", n_scalar), |b| {
        b.iter(|| SparseHessian::new(&Rosenbrock, black_box(&x)))
    });
    g.finish();

    let mut g = c.benchmark_group("sparse_jacobian");
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    let x = point(2 * bruss * bruss, 0.0, 1.0);
    let plan = SparseJacobian::new(&Brusselator(bruss), &x).expect("plan");
    g.bench_function(BenchmarkId::new("brusselator", 2 * bruss * bruss), |b| {
        b.iter(|| plan.jacobian(&Brusselator(bruss), black_box(&x)))
    });
    g.bench_function(
        BenchmarkId::new("brusselator_dense", 2 * bruss * bruss),
        |b| b.iter(|| jacobian(|x| Brusselator(bruss).eval(x), black_box(&x))),
    );
    g.finish();
}

fn main() {
    if full() {
        ratios();
    }
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    benches(&mut c);
    c.final_summary();
}
