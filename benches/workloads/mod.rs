//! Workloads shared by the criterion benchmarks (`benches/scalar.rs`,
//! `benches/multivariate.rs`) and the report generator
//! (`benches/report.rs`).
//!
//! Every workload is written once against our [`DualNum<f64>`] and once against
//! num-dual's own `DualNum` trait (module [`nd`]). The second copy is forced by
//! the trait bounds: ours requires `Copy` and `Float` (methods by value), while
//! num-dual's dynamically sized types (`DualDVec64`, `Dual2DVec64`) are only
//! `Clone` and its `DualNum` methods take `&self`. The two copies compute the
//! same expression in the same order of operations.
//!
//! Inputs come from a fixed-seed generator ([`Lcg`]), so every run (and the
//! report's accuracy check) sees the same points, matrices and batches.
#![allow(dead_code)] // each includer uses a different subset

use hyperdiff::prelude::*;
use std::time::{Duration, Instant};

/// The drivers under test: the `hessian` crate's `gradient`, `hessian` and `fd`.
pub use hyperdiff::hessian as drivers;

/// Sizes `n` of the multivariate workloads.
pub const SIZES: [usize; 8] = [2, 4, 8, 16, 32, 64, 128, 256];
/// Sizes in quick mode (`HYPERDIFF_BENCH_QUICK=1`).
pub const QUICK_SIZES: [usize; 3] = [2, 8, 32];
/// The orders `k` of the Taylor benchmarks.
pub const TAYLOR_ORDERS: [usize; 7] = [1, 2, 4, 6, 8, 12, 16];
/// The orders `k` of the nested-`Dual` benchmarks.
pub const NESTED_ORDERS: [usize; 5] = [1, 2, 4, 6, 8];
/// The point of the scalar workload.
pub const SCALAR_X: f64 = 1.5;

/// Whether quick mode is on: `HYPERDIFF_BENCH_QUICK` set to anything but `0`
/// or the empty string.
pub fn quick() -> bool {
    std::env::var("HYPERDIFF_BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// The sizes to benchmark in this mode.
pub fn sizes() -> &'static [usize] {
    if quick() { &QUICK_SIZES } else { &SIZES }
}

/// Warm-up time, measurement time and sample count for a benchmark group
/// whose single call takes about `per_call`.
pub fn timing(per_call: Duration) -> (Duration, Duration, usize) {
    if quick() {
        (Duration::from_millis(100), Duration::from_millis(300), 10)
    } else if per_call > Duration::from_millis(2) {
        (Duration::from_millis(300), Duration::from_millis(1000), 10)
    } else {
        (Duration::from_millis(500), Duration::from_millis(1000), 20)
    }
}

/// A named job for [`race`]: one call of the code under test.
pub type Job<'a> = (String, Box<dyn Fn() + 'a>);

/// Minimum seconds per call of each job over `samples` round-robin samples of
/// about 1 ms each, printed and returned in job order. On a shared machine a
/// burst of load from elsewhere hits every job alike, and the minimum is the
/// time without interference (criterion's means move with the load). Every
/// call goes through one indirect call (`Box<dyn Fn()>`), the same for all jobs.
pub fn race(jobs: &[Job<'_>], samples: usize) -> Vec<f64> {
    let reps: Vec<u32> = jobs
        .iter()
        .map(|(_, job)| {
            let t = Instant::now();
            let mut k = 0;
            while t.elapsed() < Duration::from_millis(1) {
                job();
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
                job();
            }
            best[i] = best[i].min(t.elapsed().as_secs_f64() / f64::from(reps[i]));
        }
    }
    for ((name, _), t) in jobs.iter().zip(&best) {
        println!("race {name:<32} {:>9.2} ns (minimum per call)", t * 1e9);
    }
    best
}

/// A small deterministic generator (64-bit LCG, top 53 bits) for seeded inputs.
pub struct Lcg(pub u64);

impl Lcg {
    /// A value in `[lo, hi)`.
    pub fn next(&mut self, lo: f64, hi: f64) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        lo + (hi - lo) * ((self.0 >> 11) as f64 / (1u64 << 53) as f64)
    }

    /// `n` values in `[lo, hi)`.
    pub fn vec(&mut self, n: usize, lo: f64, hi: f64) -> Vec<f64> {
        (0..n).map(|_| self.next(lo, hi)).collect()
    }
}

// ---------------------------------------------------------------------------
// Scalar workload
// ---------------------------------------------------------------------------

/// `f(x) = e^x / sqrt(sin^3 x + cos^3 x)`.
pub fn scalar<D: DualNum<f64>>(x: D) -> D {
    x.exp() / (x.sin().powi(3) + x.cos().powi(3)).sqrt()
}

/// A `Dual` nested `k` times whose `k`-th mixed part is the `k`-th derivative.
pub trait Nested: DualNum<f64> {
    /// `x + e1 + e2 + ... + ek` (every level seeded with 1).
    fn seed(x: f64) -> Self;
    /// The coefficient of `e1 e2 ... ek`.
    fn top(&self) -> f64;
}

impl Nested for f64 {
    fn seed(x: f64) -> Self {
        x
    }
    fn top(&self) -> f64 {
        *self
    }
}

impl<T: Nested> Nested for Dual<T> {
    fn seed(x: f64) -> Self {
        Dual::new(T::seed(x), T::one())
    }
    fn top(&self) -> f64 {
        self.eps.top()
    }
}

/// `Dual` nested `K` times over `f64`.
pub type Nest1 = Dual<f64>;
/// `Dual` nested 2 times.
pub type Nest2 = Dual<Nest1>;
/// `Dual` nested 3 times.
pub type Nest3 = Dual<Nest2>;
/// `Dual` nested 4 times.
pub type Nest4 = Dual<Nest3>;
/// `Dual` nested 5 times.
pub type Nest5 = Dual<Nest4>;
/// `Dual` nested 6 times.
pub type Nest6 = Dual<Nest5>;
/// `Dual` nested 7 times.
pub type Nest7 = Dual<Nest6>;
/// `Dual` nested 8 times.
pub type Nest8 = Dual<Nest7>;

/// `f^(k)(x)` through a `k`-fold nested `Dual`.
pub fn nested_derivative<N: Nested>(x: f64) -> f64 {
    scalar(N::seed(x)).top()
}

/// `f^(K)(x)` through `Taylor<f64, K>`.
pub fn taylor_derivative<const K: usize>(x: f64) -> f64 {
    scalar(Taylor::<f64, K>::variable(x)).derivative(K)
}

// ---------------------------------------------------------------------------
// Multivariate workloads
// ---------------------------------------------------------------------------

/// The families of multivariate workloads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// `sum_i 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2`.
    Rosenbrock,
    /// `||y - A w||^2` with a dense seeded `2n x n` matrix `A`.
    LeastSquares,
    /// Mean squared error of a one-hidden-layer tanh network.
    TanhNet,
    /// Ackley's function: `-20 exp(-0.2 sqrt(|x|^2 / n)) - exp(sum cos(2 pi x_i) / n) + 20 + e`.
    Ackley,
}

impl Family {
    /// All families, in report order.
    pub const ALL: [Family; 4] = [
        Family::Rosenbrock,
        Family::LeastSquares,
        Family::TanhNet,
        Family::Ackley,
    ];

    /// Short name used in benchmark ids and file names.
    pub fn name(self) -> &'static str {
        match self {
            Family::Rosenbrock => "rosenbrock",
            Family::LeastSquares => "least_squares",
            Family::TanhNet => "tanh_net",
            Family::Ackley => "ackley",
        }
    }
}

/// One seeded instance of a workload family at size `n`: the data and the point.
#[derive(Clone, Debug)]
pub struct Problem {
    /// Which family.
    pub family: Family,
    /// Number of variables.
    pub n: usize,
    /// The point at which derivatives are taken.
    pub x: Vec<f64>,
    /// Least squares: `A` (row-major, `2n x n`); tanh net: the batch inputs
    /// (row-major, `batch x d`).
    pub a: Vec<f64>,
    /// Least squares: `y` (`2n`); tanh net: the batch targets.
    pub y: Vec<f64>,
    /// Tanh net: input dimension `d` (including the constant-1 bias input).
    pub d: usize,
    /// Tanh net: hidden width `h`.
    pub h: usize,
}

/// Samples in the tanh network's fixed batch.
pub const BATCH: usize = 8;

impl Problem {
    /// The seeded instance of `family` at size `n` (seed depends on both).
    pub fn new(family: Family, n: usize) -> Self {
        let mut rng = Lcg(0x5eed_0000 + 1000 * family as u64 + n as u64);
        match family {
            Family::Ackley => Problem {
                family,
                n,
                x: rng.vec(n, -2.0, 2.0),
                a: vec![],
                y: vec![],
                d: 0,
                h: 0,
            },
            Family::Rosenbrock => Problem {
                family,
                n,
                x: rng.vec(n, -1.5, 1.5),
                a: vec![],
                y: vec![],
                d: 0,
                h: 0,
            },
            Family::LeastSquares => Problem {
                family,
                n,
                x: rng.vec(n, -1.0, 1.0),
                a: rng.vec(2 * n * n, -1.0, 1.0),
                y: rng.vec(2 * n, -1.0, 1.0),
                d: 0,
                h: 0,
            },
            Family::TanhNet => {
                // n = h (d + 1): hidden weights h x d (the last input is a
                // constant 1, so its column is the hidden bias) and output
                // weights h. d = 3 (two features + bias) and h = n / 4 for
                // n >= 4; n = 2 is h = 1, d = 1 (bias-only hidden unit).
                let (d, h) = if n >= 4 { (3, n / 4) } else { (1, 1) };
                assert_eq!(h * (d + 1), n, "tanh net size {n} does not fit h (d + 1)");
                let mut a = Vec::with_capacity(BATCH * d);
                for _ in 0..BATCH {
                    for _ in 0..d - 1 {
                        a.push(rng.next(-2.0, 2.0));
                    }
                    a.push(1.0);
                }
                Problem {
                    family,
                    n,
                    x: rng.vec(n, -1.0, 1.0),
                    a,
                    y: rng.vec(BATCH, -1.0, 1.0),
                    d,
                    h,
                }
            }
        }
    }

    /// The workload at `x`, for any of our number types. (Both `eval`s are
    /// inlined so that neither side of a comparison pays for a call.)
    #[inline(always)]
    pub fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
        match self.family {
            Family::Rosenbrock => rosenbrock(x),
            Family::LeastSquares => least_squares(&self.a, &self.y, x),
            Family::TanhNet => tanh_net(&self.a, &self.y, self.d, self.h, x),
            Family::Ackley => ackley(x),
        }
    }

    /// The workload at `x`, for num-dual's number types.
    #[inline(always)]
    pub fn eval_nd<D: num_dual::DualNum<Primitive = f64>>(&self, x: &[D]) -> D {
        match self.family {
            Family::Rosenbrock => nd::rosenbrock(x),
            Family::LeastSquares => nd::least_squares(&self.a, &self.y, x),
            Family::TanhNet => nd::tanh_net(&self.a, &self.y, self.d, self.h, x),
            Family::Ackley => nd::ackley(x),
        }
    }
}

/// `sum_{i < n-1} 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2`.
#[inline(always)]
pub fn rosenbrock<D: DualNum<f64>>(x: &[D]) -> D {
    let mut s = D::zero();
    for w in x.windows(2) {
        let a = w[1] - w[0] * w[0];
        let b = D::one() - w[0];
        s += a * a * 100.0 + b * b;
    }
    s
}

/// `||y - A w||^2`, `A` row-major with `w.len()` columns.
#[inline(always)]
pub fn least_squares<D: DualNum<f64>>(a: &[f64], y: &[f64], w: &[D]) -> D {
    let n = w.len();
    let mut s = D::zero();
    for (row, &yr) in a.chunks_exact(n).zip(y) {
        let mut r = D::from_re(yr);
        for (&arc, &wc) in row.iter().zip(w) {
            r -= wc * arc;
        }
        s += r * r;
    }
    s
}

/// `(1/B) sum_b (sum_j v_j tanh(sum_k W_jk x_bk) - t_b)^2` with parameters
/// `p = [W (h x d, row-major), v (h)]`.
#[inline(always)]
pub fn tanh_net<D: DualNum<f64>>(xs: &[f64], ts: &[f64], d: usize, h: usize, p: &[D]) -> D {
    let (w, v) = p.split_at(h * d);
    let mut s = D::zero();
    for (xb, &tb) in xs.chunks_exact(d).zip(ts) {
        let mut out = D::from_re(-tb);
        for (wj, &vj) in w.chunks_exact(d).zip(v) {
            let mut z = D::zero();
            for (&wjk, &xbk) in wj.iter().zip(xb) {
                z += wjk * xbk;
            }
            out += vj * z.tanh();
        }
        s += out * out;
    }
    s / ts.len() as f64
}

/// Ackley's function `-20 exp(-0.2 sqrt(S / n)) - exp(C / n) + 20 + e` with
/// `S = sum x_i^2`, `C = sum cos(2 pi x_i)`: every pair of variables interacts
/// (a dense Hessian) through two scalar sums.
#[inline(always)]
pub fn ackley<D: DualNum<f64>>(x: &[D]) -> D {
    let n = x.len() as f64;
    let mut sq = D::zero();
    let mut cs = D::zero();
    for &xi in x {
        sq += xi * xi;
        cs += (xi * std::f64::consts::TAU).cos();
    }
    -((sq / n).sqrt() * (-0.2)).exp() * 20.0 - (cs / n).exp() + 20.0 + std::f64::consts::E
}

/// The same workloads against num-dual's `DualNum` (see the module docs for
/// why this second copy exists).
pub mod nd {
    use num_dual::DualNum;

    /// The scalar workload.
    pub fn scalar<D: DualNum<Primitive = f64>>(x: &D) -> D {
        x.exp() / (x.sin().powi(3) + x.cos().powi(3)).sqrt()
    }

    /// See [`super::rosenbrock`].
    #[inline(always)]
    pub fn rosenbrock<D: DualNum<Primitive = f64>>(x: &[D]) -> D {
        let mut s = D::zero();
        for w in x.windows(2) {
            let a = w[1].clone() - w[0].clone() * &w[0];
            let b = D::one() - &w[0];
            s += a.clone() * a * 100.0 + b.clone() * b;
        }
        s
    }

    /// See [`super::least_squares`].
    #[inline(always)]
    pub fn least_squares<D: DualNum<Primitive = f64>>(a: &[f64], y: &[f64], w: &[D]) -> D {
        let n = w.len();
        let mut s = D::zero();
        for (row, &yr) in a.chunks_exact(n).zip(y) {
            let mut r = D::from(yr);
            for (&arc, wc) in row.iter().zip(w) {
                r -= wc.clone() * arc;
            }
            s += r.clone() * r;
        }
        s
    }

    /// See [`super::ackley`].
    #[inline(always)]
    pub fn ackley<D: DualNum<Primitive = f64>>(x: &[D]) -> D {
        let n = x.len() as f64;
        let mut sq = D::zero();
        let mut cs = D::zero();
        for xi in x {
            sq += xi.clone() * xi;
            cs += (xi.clone() * std::f64::consts::TAU).cos();
        }
        -((sq / n).sqrt() * (-0.2)).exp() * 20.0 - (cs / n).exp() + 20.0 + std::f64::consts::E
    }

    /// See [`super::tanh_net`].
    #[inline(always)]
    pub fn tanh_net<D: DualNum<Primitive = f64>>(
        xs: &[f64],
        ts: &[f64],
        d: usize,
        h: usize,
        p: &[D],
    ) -> D {
        let (w, v) = p.split_at(h * d);
        let mut s = D::zero();
        for (xb, &tb) in xs.chunks_exact(d).zip(ts) {
            let mut out = D::from(-tb);
            for (wj, vj) in w.chunks_exact(d).zip(v) {
                let mut z = D::zero();
                for (wjk, &xbk) in wj.iter().zip(xb) {
                    z += wjk.clone() * xbk;
                }
                out += vj.clone() * z.tanh();
            }
            s += out.clone() * out;
        }
        s / ts.len() as f64
    }
}

// ---------------------------------------------------------------------------
// Methods: every way of getting a gradient or a Hessian of a `Problem`
// ---------------------------------------------------------------------------

/// A way to compute gradients and Hessians.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `hessian::gradient` / `hessian::hessian` (chunked `DualVec` /
    /// `HyperDualVec` on a slice, any `n`).
    Ours,
    /// `hessian::gradient_static` / `hessian::hessian_static` (one pass,
    /// `N = n` known at compile time; benchmarked for `n <= 16`).
    OursStatic,
    /// `hessian::fd::gradient` / `hessian::fd::hessian` with the central
    /// stencil and its default steps.
    FdCentral,
    /// `num_dual::gradient` / `num_dual::hessian` on `SVector` (`DualSVec64<N>`,
    /// `Dual2SVec64<N>`), `n <= 16`.
    NumDualStatic,
    /// `num_dual::gradient` / `num_dual::hessian` on `DVector` (`DualDVec64`,
    /// `Dual2DVec64`: heap-allocated derivative parts).
    NumDualDyn,
    /// num-dual's `Gradients` trait for `Dyn`: `n` passes of `Dual64` for the
    /// gradient, `n^2` passes of `HyperDual64` for the Hessian.
    NumDualDynPasses,
}

impl Method {
    /// All methods, in report order.
    pub const ALL: [Method; 6] = [
        Method::Ours,
        Method::OursStatic,
        Method::FdCentral,
        Method::NumDualStatic,
        Method::NumDualDyn,
        Method::NumDualDynPasses,
    ];

    /// Name used in benchmark ids.
    pub fn name(self) -> &'static str {
        match self {
            Method::Ours => "ours",
            Method::OursStatic => "ours_static",
            Method::FdCentral => "fd_central",
            Method::NumDualStatic => "numdual_static",
            Method::NumDualDyn => "numdual_dyn",
            Method::NumDualDynPasses => "numdual_dyn_passes",
        }
    }

    /// Whether the method is benchmarked for `family` at size `n`: the static
    /// drivers for `n <= 16`; num-dual's `n^2` passes up to 64; central
    /// differences (`O(n^2)` evaluations) everywhere but least squares at 256,
    /// where one Hessian takes seconds (`2 n^2` evaluations of an `O(n^2)` function).
    pub fn supports(self, family: Family, n: usize) -> bool {
        match self {
            Method::OursStatic | Method::NumDualStatic => matches!(n, 2 | 4 | 8 | 16),
            Method::NumDualDynPasses => n <= 64,
            Method::FdCentral => !(family == Family::LeastSquares && n > 128),
            _ => true,
        }
    }
}

macro_rules! static_sizes {
    ($n:expr, $f:ident, $($args:expr),*) => {
        match $n {
            2 => Some($f::<2>($($args),*)),
            4 => Some($f::<4>($($args),*)),
            8 => Some($f::<8>($($args),*)),
            16 => Some($f::<16>($($args),*)),
            _ => None,
        }
    };
}

fn ours_static_gradient<const N: usize>(p: &Problem) -> Vec<f64> {
    let x = nalgebra::SVector::<f64, N>::from_column_slice(&p.x);
    drivers::gradient_static(|v| p.eval(v), &x)
        .1
        .as_slice()
        .to_vec()
}

fn ours_static_hessian<const N: usize>(p: &Problem) -> Vec<f64>
where
    nalgebra::Const<N>: drivers::StaticHessian<f64>,
    drivers::StaticNumber<f64, N>: DualNum<f64>,
{
    let x = nalgebra::SVector::<f64, N>::from_column_slice(&p.x);
    drivers::hessian_static(|v| p.eval(v), &x)
        .2
        .as_slice()
        .to_vec()
}

fn nd_static_gradient<const N: usize>(p: &Problem) -> Vec<f64> {
    let x = nalgebra::SVector::<f64, N>::from_column_slice(&p.x);
    let f = |v: nalgebra::SVector<num_dual::DualSVec64<N>, N>| p.eval_nd(v.as_slice());
    num_dual::gradient(f, &x).1.as_slice().to_vec()
}

fn nd_static_hessian<const N: usize>(p: &Problem) -> Vec<f64> {
    let x = nalgebra::SVector::<f64, N>::from_column_slice(&p.x);
    let f = |v: nalgebra::SVector<num_dual::Dual2SVec64<N>, N>| p.eval_nd(v.as_slice());
    num_dual::hessian(f, &x).2.as_slice().to_vec()
}

/// The gradient of `p` at `p.x` by `m` (`None` if `m` does not support `p.n`).
pub fn gradient_by(m: Method, p: &Problem) -> Option<Vec<f64>> {
    use num_dual::Gradients;
    match m {
        Method::Ours => Some(drivers::gradient(|v| p.eval(v), &p.x).1.as_slice().to_vec()),
        Method::OursStatic => static_sizes!(p.n, ours_static_gradient, p),
        Method::FdCentral => Some(
            drivers::fd::gradient(|v: &[f64]| p.eval(v), &p.x, drivers::fd::Stencil::Central)
                .1
                .as_slice()
                .to_vec(),
        ),
        Method::NumDualStatic => static_sizes!(p.n, nd_static_gradient, p),
        Method::NumDualDyn => {
            let x = nalgebra::DVector::from_column_slice(&p.x);
            let f = |v: nalgebra::DVector<num_dual::DualDVec64>| p.eval_nd(v.as_slice());
            Some(num_dual::gradient(f, &x).1.as_slice().to_vec())
        }
        Method::NumDualDynPasses => {
            let x = nalgebra::DVector::from_column_slice(&p.x);
            let f = |v: nalgebra::DVector<num_dual::Dual64>, _: &()| p.eval_nd(v.as_slice());
            Some(nalgebra::Dyn::gradient(f, &x, &()).1.as_slice().to_vec())
        }
    }
}

/// The Hessian of `p` at `p.x` by `m`, column-major `n x n` (`None` if `m`
/// does not support `p.n`).
pub fn hessian_by(m: Method, p: &Problem) -> Option<Vec<f64>> {
    use num_dual::Gradients;
    match m {
        Method::Ours => Some(drivers::hessian(|v| p.eval(v), &p.x).2.as_slice().to_vec()),
        Method::OursStatic => static_sizes!(p.n, ours_static_hessian, p),
        Method::FdCentral => Some(
            drivers::fd::hessian(|v: &[f64]| p.eval(v), &p.x, drivers::fd::Stencil::Central)
                .2
                .as_slice()
                .to_vec(),
        ),
        Method::NumDualStatic => static_sizes!(p.n, nd_static_hessian, p),
        Method::NumDualDyn => {
            let x = nalgebra::DVector::from_column_slice(&p.x);
            let f = |v: nalgebra::DVector<num_dual::Dual2DVec64>| p.eval_nd(v.as_slice());
            Some(num_dual::hessian(f, &x).2.as_slice().to_vec())
        }
        Method::NumDualDynPasses => {
            let x = nalgebra::DVector::from_column_slice(&p.x);
            let f = |v: nalgebra::DVector<num_dual::HyperDual64>, _: &()| p.eval_nd(v.as_slice());
            Some(nalgebra::Dyn::hessian(f, &x, &()).2.as_slice().to_vec())
        }
    }
}
