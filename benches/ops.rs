//! Per-operation micro-benchmarks: multiply, divide, exp, sin and powf on `f64`
//! and on every fixed-order number type, with `N` in {1, 2, 4, 8, 16} for the
//! vector types.
//!
//! Inputs are pseudo-random from a fixed seed, passed through `black_box`, with
//! every derivative part non-zero (so no work can be skipped). The measurement
//! is kept short so that the whole run takes a minute or two on 2 cores:
//!
//! ```text
//! cargo bench --bench ops
//! ```

use criterion::{
    BenchmarkGroup, Criterion, criterion_group, criterion_main, measurement::WallTime,
};
use hyperdiff::prelude::*;
use std::hint::black_box;
use std::time::Duration;

/// A small deterministic generator (64-bit LCG, top 53 bits) for seeded inputs.
struct Lcg(u64);

impl Lcg {
    /// A value in `[lo, hi)`.
    fn next(&mut self, lo: f64, hi: f64) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        lo + (hi - lo) * ((self.0 >> 11) as f64 / (1u64 << 53) as f64)
    }
}

/// Types that can be filled from the generator: value in `[0.5, 1.5]` (inside
/// the domain of every benchmarked function), derivative parts in `[-1, 1]`.
trait Seeded: DualNum<f64> + Copy {
    const NAME: &'static str;
    fn seeded(rng: &mut Lcg) -> Self;
}

impl Seeded for f64 {
    const NAME: &'static str = "f64";
    fn seeded(rng: &mut Lcg) -> Self {
        rng.next(0.5, 1.5)
    }
}

impl Seeded for Dual64 {
    const NAME: &'static str = "Dual64";
    fn seeded(rng: &mut Lcg) -> Self {
        Dual64::new(rng.next(0.5, 1.5), rng.next(-1.0, 1.0))
    }
}

impl Seeded for HyperDual64 {
    const NAME: &'static str = "HyperDual64";
    fn seeded(rng: &mut Lcg) -> Self {
        HyperDual64::new(
            rng.next(0.5, 1.5),
            rng.next(-1.0, 1.0),
            rng.next(-1.0, 1.0),
            rng.next(-1.0, 1.0),
        )
    }
}

macro_rules! seeded_vec {
    ($($n:literal),*) => {$(
        impl Seeded for DualVec64<$n> {
            const NAME: &'static str = concat!("DualVec64<", $n, ">");
            fn seeded(rng: &mut Lcg) -> Self {
                DualVec64::new(rng.next(0.5, 1.5), std::array::from_fn(|_| rng.next(-1.0, 1.0)))
            }
        }
        impl Seeded for HyperDualVec64<$n> {
            const NAME: &'static str = concat!("HyperDualVec64<", $n, ">");
            fn seeded(rng: &mut Lcg) -> Self {
                let re = rng.next(0.5, 1.5);
                let eps = std::array::from_fn(|_| rng.next(-1.0, 1.0));
                // a symmetric second-derivative block, as every computation produces
                let mut eps2 = [[0.0; $n]; $n];
                for i in 0..$n {
                    for j in i..$n {
                        let v = rng.next(-1.0, 1.0);
                        eps2[i][j] = v;
                        eps2[j][i] = v;
                    }
                }
                HyperDualVec64::new(re, eps, eps2)
            }
        }
    )*};
}
seeded_vec!(1, 2, 4, 8, 16);

/// The two seeded operands for `D`.
fn inputs<D: Seeded>() -> (D, D) {
    let mut rng = Lcg(0x5eed_f0b5);
    (D::seeded(&mut rng), D::seeded(&mut rng))
}

/// The benchmark of one operation for the number type `D`.
fn op<D: Seeded>(group: &mut BenchmarkGroup<'_, WallTime>, op: &str) {
    let (x, y) = inputs::<D>();
    match op {
        "multiply" => group.bench_function(D::NAME, |b| b.iter(|| black_box(x) * black_box(y))),
        "divide" => group.bench_function(D::NAME, |b| b.iter(|| black_box(x) / black_box(y))),
        "exp" => group.bench_function(D::NAME, |b| b.iter(|| black_box(x).exp())),
        "sin" => group.bench_function(D::NAME, |b| b.iter(|| black_box(x).sin())),
        // a number exponent: the derivative with respect to the exponent is included
        _ => group.bench_function(D::NAME, |b| b.iter(|| black_box(x).powf(black_box(y)))),
    };
}

fn bench_ops(c: &mut Criterion) {
    for name in ["multiply", "divide", "exp", "sin", "powf"] {
        let mut g = c.benchmark_group(name);
        op::<f64>(&mut g, name);
        op::<Dual64>(&mut g, name);
        op::<HyperDual64>(&mut g, name);
        op::<DualVec64<1>>(&mut g, name);
        op::<DualVec64<2>>(&mut g, name);
        op::<DualVec64<4>>(&mut g, name);
        op::<DualVec64<8>>(&mut g, name);
        op::<DualVec64<16>>(&mut g, name);
        op::<HyperDualVec64<1>>(&mut g, name);
        op::<HyperDualVec64<2>>(&mut g, name);
        op::<HyperDualVec64<4>>(&mut g, name);
        op::<HyperDualVec64<8>>(&mut g, name);
        op::<HyperDualVec64<16>>(&mut g, name);
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_millis(500))
        .sample_size(20);
    targets = bench_ops
}
criterion_main!(benches);
