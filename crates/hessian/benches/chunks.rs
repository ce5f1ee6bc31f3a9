//! Chooses `GRADIENT_CHUNK` and `HESSIAN_BLOCK`: the gradient and the Hessian
//! of two workloads timed for several chunk sizes.
//!
//! Run with `cargo bench -p hessian --bench chunks`.
//!
//! The machine this was tuned on is shared, so instead of a mean this reports
//! the minimum time per call over many samples, taken round-robin across the
//! candidates (so that a burst of load from elsewhere hits all of them alike):
//! the minimum is the time without interference.
use dual::DualNum;
use hessian::{gradient_chunked, hessian_chunked, second_partial_derivative};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The extended Rosenbrock function: only polynomial operations.
fn rosenbrock<D: DualNum<f64>>(x: &[D]) -> D {
    x.windows(2)
        .map(|w| (w[1] - w[0] * w[0]).powi(2) * 100.0 + (-w[0] + 1.0).powi(2))
        .sum()
}

/// A chain with transcendental functions in every term.
fn chain<D: DualNum<f64>>(x: &[D]) -> D {
    x.windows(2)
        .map(|w| (w[0].sin() * w[1]).exp() + w[0].cos() * w[1])
        .sum()
}

fn point(n: usize) -> Vec<f64> {
    (0..n).map(|i| 0.3 + 0.01 * i as f64).collect()
}

type Job<'a> = (String, Box<dyn Fn() -> f64 + 'a>);

/// Minimum seconds per call of each job over `samples` round-robin samples of
/// about 2 ms each.
fn race(jobs: &[Job<'_>], samples: usize) {
    let reps: Vec<u32> = jobs
        .iter()
        .map(|(_, job)| {
            let t = Instant::now();
            let mut k = 0;
            while t.elapsed() < Duration::from_millis(2) {
                black_box(job());
                k += 1;
            }
            k.max(1)
        })
        .collect();
    let mut best = vec![f64::INFINITY; jobs.len()];
    for _ in 0..samples {
        for (i, (_, job)) in jobs.iter().enumerate() {
            let t = Instant::now();
            for _ in 0..reps[i] {
                black_box(job());
            }
            best[i] = best[i].min(t.elapsed().as_secs_f64() / f64::from(reps[i]));
        }
    }
    for ((name, _), t) in jobs.iter().zip(best) {
        println!("{name:<40} {:>10.2} µs", t * 1e6);
    }
}

macro_rules! gradient_jobs {
    ($jobs:ident, $f:ident, $x:ident, $($c:literal)*) => {$(
        $jobs.push((
            format!("gradient {} n={} C={}", stringify!($f), $x.len(), $c),
            Box::new(|| gradient_chunked::<$c, _>($f, black_box(&$x)).0),
        ));
    )*};
}

macro_rules! hessian_jobs {
    ($jobs:ident, $f:ident, $x:ident, $($w:literal)*) => {$(
        $jobs.push((
            format!("hessian {} n={} W={}", stringify!($f), $x.len(), $w),
            Box::new(|| hessian_chunked::<$w, _>($f, black_box(&$x)).0),
        ));
    )*};
}

fn main() {
    // `cargo bench` passes `--bench`; without it (`cargo test --benches`) this is
    // a smoke test: small sizes, one sample each.
    let full = std::env::args().any(|a| a == "--bench");
    let (sizes, samples): (&[usize], usize) = if full {
        (&[4, 10, 37, 100], 40)
    } else {
        (&[4, 10], 1)
    };
    for &n in sizes {
        let x = point(n);
        let mut jobs: Vec<Job<'_>> = Vec::new();
        gradient_jobs!(jobs, rosenbrock, x, 1 2 4 8 16);
        gradient_jobs!(jobs, chain, x, 1 2 4 8 16);
        race(&jobs, samples);
        let mut jobs: Vec<Job<'_>> = Vec::new();
        hessian_jobs!(jobs, rosenbrock, x, 2 4 8 16);
        hessian_jobs!(jobs, chain, x, 2 4 8 16);
        let xr = &x;
        jobs.push((
            format!("hessian rosenbrock n={n} HyperDual per entry"),
            Box::new(move || {
                let mut s = 0.0;
                for i in 0..n {
                    for j in i..n {
                        s += second_partial_derivative(rosenbrock, black_box(xr), i, j)
                            .unwrap_or(0.0);
                    }
                }
                s
            }),
        ));
        race(&jobs, if n == 100 { 10 } else { samples });
        println!();
    }
}
