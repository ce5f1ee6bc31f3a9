//! Test functions shared by the integration tests and the benchmarks.

use dual::DualNum;
use hessian::Function;

/// The chained (extended) Rosenbrock function
/// `Σ_{i < n-1} 100 (x_{i+1} - x_i²)² + (1 - x_i)²`, global minimum 0 at
/// (1, ..., 1); for 4 <= n <= 30 also a local minimum near (-1, 1, ..., 1).
pub struct Rosenbrock;

impl Function<f64> for Rosenbrock {
    fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
        x.windows(2)
            .map(|w| (w[1] - w[0] * w[0]).powi(2) * 100.0 + (-w[0] + 1.0).powi(2))
            .sum()
    }
}
