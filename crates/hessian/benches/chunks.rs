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

/// `||y - A x||^2` with a dense `2n x n` matrix: linear until the squares.
fn least_squares<D: DualNum<f64>>(x: &[D]) -> D {
    let n = x.len();
    (0..2 * n)
        .map(|r| {
            let mut res = D::from_re(0.01 * r as f64 - 0.5);
            for (c, &xc) in x.iter().enumerate() {
                res -= xc * (((r * 7 + c * 3) % 11) as f64 / 5.0 - 1.0);
            }
            res * res
        })
        .sum()
}

/// A tanh layer: `sum_j tanh(x_j x_(j+1) + 0.1 j)^2`-like dense transcendental terms.
fn net<D: DualNum<f64>>(x: &[D]) -> D {
    let n = x.len();
    let mut s = D::zero();
    for b in 0..4 {
        let mut out = D::from_re(0.1 * b as f64);
        for j in (0..n).step_by(4) {
            let mut z = D::zero();
            for (k, &xk) in x.iter().enumerate().skip(j).take(3) {
                z += xk * (0.3 * (b + k) as f64).sin();
            }
            if let Some(&v) = x.get(j + 3) {
                out += v * z.tanh();
            }
        }
        s += out * out;
    }
    s
}

/// The Hessian passes of `hessian_chunked::<4>` with every input made by
/// `HyperDualVec::new` (marked as possibly nonzero everywhere), so that every
/// operation takes the full path: the cost without activity tracking, measured
/// in the same process. Returns the sum of the Hessian block entries.
fn dense_hessian(f: fn(&[dual::HyperDualVec64<4>]) -> dual::HyperDualVec64<4>, x: &[f64]) -> f64 {
    use dual::HyperDualVec64 as H;
    let n = x.len();
    let konst = |v: f64| H::<4>::new(v, [0.0; 4], [[0.0; 4]; 4]);
    let mut xs: Vec<H<4>> = x.iter().map(|&v| konst(v)).collect();
    let blocks: Vec<(usize, usize)> = (0..n).step_by(2).map(|s| (s, (s + 2).min(n))).collect();
    let mut acc = 0.0;
    for (i, &(a0, a1)) in blocks.iter().enumerate() {
        for &(b0, b1) in &blocks[i + 1..] {
            for (k, c) in (a0..a1).chain(b0..b1).enumerate() {
                let slot = if c < a1 { k } else { 2 + c - b0 };
                let mut e = [0.0; 4];
                e[slot] = 1.0;
                xs[c] = H::<4>::new(x[c], e, [[0.0; 4]; 4]);
            }
            let y = f(&xs);
            for c in (a0..a1).chain(b0..b1) {
                xs[c] = konst(x[c]);
            }
            acc += y.eps2.iter().flatten().sum::<f64>();
        }
    }
    acc
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

/// One pass on `HyperDualVec<_, n>` (what `hessian_static` does up to
/// `STATIC_ONE_PASS`) against the blocked driver, for `STATIC_ONE_PASS`.
macro_rules! one_pass_jobs {
    ($jobs:ident, $($n:literal)*) => {$(
        for (name, f) in [
            ("rosenbrock", rosenbrock::<dual::HyperDualVec64<$n>> as fn(&[_]) -> _),
            ("chain", chain),
            ("least_squares", least_squares),
            ("net", net),
        ] {
            $jobs.push((
                format!("hessian {name} n={} one pass", $n),
                Box::new(move || hessian_chunked::<$n, _>(f, black_box(&point($n))).0),
            ));
        }
        for (name, f) in [
            ("rosenbrock", rosenbrock::<dual::HyperDualVec64<4>> as fn(&[_]) -> _),
            ("chain", chain),
            ("least_squares", least_squares),
            ("net", net),
        ] {
            $jobs.push((
                format!("hessian {name} n={} W=4 blocks", $n),
                Box::new(move || hessian_chunked::<4, _>(f, black_box(&point($n))).0),
            ));
        }
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
    #[cfg(feature = "rayon")]
    if std::env::var("CHUNKS_PARALLEL").is_ok() {
        // sequential against parallel drivers, for PARALLEL_MIN_N
        for n in [8, 12, 16, 24, 32, 64] {
            let mut jobs: Vec<Job<'_>> = Vec::new();
            for (name, f) in [
                (
                    "rosenbrock",
                    rosenbrock::<dual::HyperDualVec64<4>> as fn(&[_]) -> _,
                ),
                ("net", net),
            ] {
                jobs.push((
                    format!("hessian {name} n={n} sequential"),
                    Box::new(move || hessian::hessian(f, black_box(&point(n))).0),
                ));
                jobs.push((
                    format!("hessian {name} n={n} parallel"),
                    Box::new(move || hessian::hessian_par(f, black_box(&point(n))).0),
                ));
            }
            for (name, f) in [
                (
                    "rosenbrock",
                    rosenbrock::<dual::DualVec64<8>> as fn(&[_]) -> _,
                ),
                ("chain", chain),
            ] {
                jobs.push((
                    format!("gradient {name} n={n} sequential"),
                    Box::new(move || hessian::gradient(f, black_box(&point(n))).0),
                ));
                jobs.push((
                    format!("gradient {name} n={n} parallel"),
                    Box::new(move || hessian::gradient_par(f, black_box(&point(n))).0),
                ));
            }
            race(&jobs, samples);
        }
        // the tensor drivers (PARALLEL_TENSOR_MIN_EVALUATIONS): order 3 by
        // Taylor propagation and by nested hyper-duals, order 4
        type Tensor = fn(&[f64]) -> Result<hessian::DerivativeTensor<f64>, hessian::Error>;
        let drivers: [(&str, Tensor, Tensor); 3] = [
            (
                "tensor3",
                |x| hessian::tensor::derivative_tensor::<3, _>(net, x),
                |x| hessian::tensor::derivative_tensor_par::<3, _>(net, x),
            ),
            (
                "third",
                |x| hessian::tensor::third_derivative_tensor(net, x),
                |x| hessian::tensor::third_derivative_tensor_par(net, x),
            ),
            (
                "tensor4",
                |x| hessian::tensor::derivative_tensor::<4, _>(net, x),
                |x| hessian::tensor::derivative_tensor_par::<4, _>(net, x),
            ),
        ];
        for n in [4, 6, 8, 12, 16] {
            let mut jobs: Vec<Job<'_>> = Vec::new();
            for (name, sequential, parallel) in drivers {
                for (how, driver) in [("sequential", sequential), ("parallel", parallel)] {
                    jobs.push((
                        format!("{name} net n={n} {how}"),
                        Box::new(move || {
                            driver(black_box(&point(n))).map_or(f64::NAN, |t| t.values()[0])
                        }),
                    ));
                }
            }
            race(&jobs, samples);
        }
        return;
    }
    if let Ok(v) = std::env::var("CHUNKS_DENSE") {
        // activity tracking against the full path, W = 4, same process
        let mut jobs: Vec<Job<'_>> = Vec::new();
        for n in v.split(',').filter_map(|s| s.trim().parse::<usize>().ok()) {
            for (name, f) in [
                (
                    "rosenbrock",
                    rosenbrock::<dual::HyperDualVec64<4>> as fn(&[_]) -> _,
                ),
                ("chain", chain),
                ("least_squares", least_squares),
                ("net", net),
            ] {
                jobs.push((
                    format!("hessian {name} n={n} W=4 tracked"),
                    Box::new(move || hessian_chunked::<4, _>(f, black_box(&point(n))).0),
                ));
                jobs.push((
                    format!("hessian {name} n={n} W=4 dense"),
                    Box::new(move || dense_hessian(f, black_box(&point(n)))),
                ));
            }
        }
        race(&jobs, samples);
        return;
    }
    if std::env::var("CHUNKS_ONE_PASS").is_ok() {
        let mut jobs: Vec<Job<'_>> = Vec::new();
        one_pass_jobs!(jobs, 4 6 8 10 12 16);
        race(&jobs, samples);
        return;
    }
    // CHUNKS_SIZES=37,100 restricts the sizes and leaves out the gradients
    let picked: Option<Vec<usize>> = std::env::var("CHUNKS_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect());
    let sizes = picked.as_deref().unwrap_or(sizes);
    for &n in sizes {
        let x = point(n);
        let mut jobs: Vec<Job<'_>> = Vec::new();
        gradient_jobs!(jobs, rosenbrock, x, 1 2 4 8 16);
        gradient_jobs!(jobs, chain, x, 1 2 4 8 16);
        if picked.is_none() {
            race(&jobs, samples);
        }
        let mut jobs: Vec<Job<'_>> = Vec::new();
        hessian_jobs!(jobs, rosenbrock, x, 2 4 8 16);
        hessian_jobs!(jobs, chain, x, 2 4 8 16);
        hessian_jobs!(jobs, least_squares, x, 2 4 8 16);
        hessian_jobs!(jobs, net, x, 2 4 8 16);
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
