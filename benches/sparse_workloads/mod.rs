//! The sparse workloads, shared by `benches/sparse.rs` and
//! `examples/sparse_figures.rs`: the chained Rosenbrock function (scalar and
//! terms forms), the 2-D Brusselator right-hand side, and a Ginzburg-Landau
//! grid energy (terms form).
#![allow(dead_code)]

use hyperdiff::prelude::*;

/// Chained Rosenbrock as one scalar.
pub struct Rosenbrock;
impl Function<f64> for Rosenbrock {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
        (0..x.len().saturating_sub(1))
            .map(|i| (x[i + 1] - x[i] * x[i]).powi(2) * 100.0 + (-x[i] + 1.0).powi(2))
            .sum()
    }
}

/// Chained Rosenbrock as `n - 1` terms of two variables.
pub struct RosenbrockTerms;
impl VectorFunction<f64> for RosenbrockTerms {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> Vec<D> {
        x.windows(2)
            .map(|w| (w[1] - w[0] * w[0]).powi(2) * 100.0 + (-w[0] + 1.0).powi(2))
            .collect()
    }
}

/// The 2-D Brusselator reaction-diffusion right-hand side on an `N x N`
/// periodic grid, `n = 2 N^2` unknowns (u then v), with the forcing pulse of
/// the SciML benchmark at `t = 1.1`.
pub struct Brusselator(pub usize);
impl VectorFunction<f64> for Brusselator {
    fn eval<D: DualNum<f64>>(&self, y: &[D]) -> Vec<D> {
        let n = self.0;
        let (a, b) = (3.4, 1.0);
        let alpha = 10.0 / ((n - 1) * (n - 1)) as f64;
        let idx = |i: usize, j: usize| (i % n) * n + j % n;
        let mut out = Vec::with_capacity(2 * n * n);
        for species in 0..2 {
            let s = species * n * n;
            for i in 0..n {
                for j in 0..n {
                    let k = idx(i, j);
                    let (u, v) = (y[k], y[n * n + k]);
                    let lap = y[s + idx(i + n - 1, j)]
                        + y[s + idx(i + 1, j)]
                        + y[s + idx(i, j + n - 1)]
                        + y[s + idx(i, j + 1)]
                        - y[s + k] * 4.0;
                    out.push(if species == 0 {
                        let (xi, yj) = (i as f64 / (n - 1) as f64, j as f64 / (n - 1) as f64);
                        let pulse = if (xi - 0.3).powi(2) + (yj - 0.6).powi(2) <= 0.01 {
                            5.0
                        } else {
                            0.0
                        };
                        lap * alpha + b + u * u * v - u * (a + 1.0) + pulse
                    } else {
                        lap * alpha + u * a - u * u * v
                    });
                }
            }
        }
        out
    }
}

/// A Ginzburg-Landau-type energy on an `m x m` grid, one term per point:
/// `(u_p^2 - 1)^2 / 4 + Σ_{q right, below} (u_p - u_q)^2 / 2`.
pub struct GinzburgLandau(pub usize);
impl VectorFunction<f64> for GinzburgLandau {
    fn eval<D: DualNum<f64>>(&self, u: &[D]) -> Vec<D> {
        let m = self.0;
        (0..m * m)
            .map(|p| {
                let (i, j) = (p / m, p % m);
                let mut t = (u[p] * u[p] - 1.0).powi(2) * 0.25;
                if j + 1 < m {
                    t += (u[p] - u[p + 1]).powi(2) * 0.5;
                }
                if i + 1 < m {
                    t += (u[p] - u[p + m]).powi(2) * 0.5;
                }
                t
            })
            .collect()
    }
}

/// The same energy as one scalar.
pub struct GinzburgLandauSum(pub usize);
impl Function<f64> for GinzburgLandauSum {
    fn eval<D: DualNum<f64>>(&self, u: &[D]) -> D {
        GinzburgLandau(self.0).eval(u).iter().sum()
    }
}

/// A seeded point in `[lo, hi)` (a fixed LCG, no dependency).
pub fn point(n: usize, lo: f64, hi: f64) -> Vec<f64> {
    let mut s: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            lo + (hi - lo) * ((s >> 11) as f64 / (1u64 << 53) as f64)
        })
        .collect()
}

/// This thread's CPU time in nanoseconds (Linux: `/proc/thread-self/schedstat`),
/// or `None` where it cannot be read. The machine the figures are measured on
/// is shared, so CPU time (which leaves out the time other jobs held the core)
/// is steadier than wall-clock time.
pub fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
