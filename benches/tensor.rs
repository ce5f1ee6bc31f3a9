//! Derivative tensors of order 3 and 4: univariate Taylor propagation
//! (`hessian::tensor::derivative_tensor`, Griewank-Utke-Walther interpolation)
//! against nested hyper-dual numbers, for `n` = 2, 4, 8 variables.
//!
//! Routes, all exact:
//! * `taylor`: `derivative_tensor::<D, _>`, `C(n + D - 1, D)` evaluations on
//!   `Taylor<f64, D>` plus the interpolation;
//! * `nested`: one evaluation per distinct entry (also `C(n + D - 1, D)` of
//!   them), on `Dual<HyperDual<f64>>` for D = 3
//!   (`third_derivative_tensor`) and `HyperDual<HyperDual<f64>>` for D = 4;
//! * `dualvec_hdv` (D = 3 only): one evaluation on
//!   `DualVec<HyperDualVec<f64, N>, N>`, which carries the whole tensor (and
//!   every redundant permutation of it) at once; needs `N = n` at compile time.
//!
//! The point is seeded; the measurement is short (about a minute in all):
//!
//! ```text
//! cargo bench --bench tensor
//! ```

use criterion::{Criterion, criterion_group, criterion_main};
use hyperdiff::dual::{DualNum, DualVec, HyperDual, HyperDualVec, Taylor};
use hyperdiff::hessian::tensor::{derivative_tensor, multi_indices, third_derivative_tensor};
use std::hint::black_box;
use std::time::Duration;

/// A realistic workload: a smooth energy with a sum of squares, neighbour
/// couplings and transcendental functions.
fn energy<D: DualNum<f64>>(x: &[D]) -> D {
    let s = x.iter().fold(D::zero(), |acc, &v| acc + v * v);
    let coupling = x
        .windows(2)
        .fold(D::zero(), |acc, w| acc + w[0].sin() * w[1]);
    (s * 0.1).exp() * coupling + (s + 1.0).ln()
}

/// Seeded point in `[-1, 1]^n` (64-bit LCG).
fn point(n: usize) -> Vec<f64> {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    (0..n)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            2.0 * ((state >> 11) as f64 / (1u64 << 53) as f64) - 1.0
        })
        .collect()
}

/// Fourth derivatives entry by entry on `HyperDual<HyperDual<f64>>`.
fn fourth_nested(x: &[f64]) -> Vec<f64> {
    let n = x.len();
    let mut out = Vec::new();
    for alpha in multi_indices(n, 4).expect("a small dimension") {
        let list: Vec<usize> = alpha
            .iter()
            .enumerate()
            .flat_map(|(l, &a)| std::iter::repeat_n(l, a))
            .collect();
        let s = |l: usize, m: usize| if l == list[m] { 1.0 } else { 0.0 };
        let input: Vec<HyperDual<HyperDual<f64>>> = (0..n)
            .map(|l| {
                HyperDual::new(
                    HyperDual::new(x[l], s(l, 0), s(l, 1), 0.0),
                    HyperDual::new(s(l, 2), 0.0, 0.0, 0.0),
                    HyperDual::new(s(l, 3), 0.0, 0.0, 0.0),
                    HyperDual::new(0.0, 0.0, 0.0, 0.0),
                )
            })
            .collect();
        out.push(energy(&input).eps1eps2.eps1eps2);
    }
    out
}

/// The full third-derivative tensor in one evaluation on
/// `DualVec<HyperDualVec<f64, N>, N>`: part `eps[k].eps2[i][j]`.
fn third_dualvec<const N: usize>(x: &[f64]) -> f64 {
    let input: Vec<DualVec<HyperDualVec<f64, N>, N>> = (0..N)
        .map(|l| {
            let mut eps = [HyperDualVec::constant(0.0); N];
            eps[l] = HyperDualVec::constant(1.0);
            DualVec::new(HyperDualVec::variable(x[l], l), eps)
        })
        .collect();
    let y = energy(&input);
    y.eps[N - 1].eps2[0][0]
}

/// The `C(n + D - 1, D)` Taylor evaluations of the `taylor` route alone,
/// without the interpolation: the share of the route spent in `f`.
fn propagation_only<const D: usize>(x: &[f64]) -> f64 {
    let mut input: Vec<Taylor<f64, D>> = x.iter().map(|&v| Taylor::constant(v)).collect();
    let mut sum = 0.0;
    for j in multi_indices(x.len(), D).expect("a small dimension") {
        for ((inp, &v), &jl) in input.iter_mut().zip(x).zip(&j) {
            *inp = Taylor::variable_dir(v, jl as f64);
        }
        sum += energy(&input).coeff(D);
    }
    sum
}

fn bench<const N: usize>(c: &mut Criterion) {
    let x = point(N);
    let mut g = c.benchmark_group(format!("tensor/n={N}"));
    g.bench_function("D=3/taylor", |b| {
        b.iter(|| derivative_tensor::<3, _>(energy, black_box(&x)))
    });
    g.bench_function("D=3/taylor_propagation_only", |b| {
        b.iter(|| propagation_only::<3>(black_box(&x)))
    });
    g.bench_function("D=3/nested", |b| {
        b.iter(|| third_derivative_tensor(energy, black_box(&x)))
    });
    g.bench_function("D=3/dualvec_hdv", |b| {
        b.iter(|| third_dualvec::<N>(black_box(&x)))
    });
    g.bench_function("D=4/taylor", |b| {
        b.iter(|| derivative_tensor::<4, _>(energy, black_box(&x)))
    });
    g.bench_function("D=4/taylor_propagation_only", |b| {
        b.iter(|| propagation_only::<4>(black_box(&x)))
    });
    g.bench_function("D=4/nested", |b| b.iter(|| fourth_nested(black_box(&x))));
    g.finish();
}

fn all(c: &mut Criterion) {
    bench::<2>(c);
    bench::<4>(c);
    bench::<8>(c);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .sample_size(20);
    targets = all
}
criterion_main!(benches);
