//! TEMPORARY stand-in for the `hessian` crate's drivers while they are not on
//! main yet: same signatures, plain seeding code. Removed once `hessian` lands.
#![allow(dead_code)]

use hyperdiff::prelude::*;
use nalgebra::{DMatrix, DVector};

const C: usize = 8;

pub fn gradient<F>(f: F, x: &[f64]) -> (f64, DVector<f64>)
where
    F: Fn(&[DualVec<f64, C>]) -> DualVec<f64, C>,
{
    let n = x.len();
    let mut xs: Vec<DualVec<f64, C>> = x.iter().map(|&v| DualVec::constant(v)).collect();
    let mut g = DVector::zeros(n);
    let mut v = f64::NAN;
    for s in (0..n).step_by(C) {
        let e = (s + C).min(n);
        for i in s..e {
            xs[i] = DualVec::variable(x[i], i - s);
        }
        let y = f(&xs);
        v = y.re;
        for i in s..e {
            g[i] = y.eps[i - s];
            xs[i] = DualVec::constant(x[i]);
        }
    }
    (v, g)
}

pub fn hessian<F>(f: F, x: &[f64]) -> (f64, DVector<f64>, DMatrix<f64>)
where
    F: Fn(&[HyperDualVec<f64, C>]) -> HyperDualVec<f64, C>,
{
    let n = x.len();
    let mut xs: Vec<HyperDualVec<f64, C>> = x.iter().map(|&v| HyperDualVec::constant(v)).collect();
    let mut g = DVector::zeros(n);
    let mut h = DMatrix::zeros(n, n);
    let half = C / 2;
    let blocks: Vec<(usize, usize)> = if n <= C {
        vec![(0, n)]
    } else {
        (0..n)
            .step_by(half)
            .map(|s| (s, (s + half).min(n)))
            .collect()
    };
    let pairs: Vec<Vec<(usize, usize, usize)>> = if blocks.len() == 1 {
        vec![vec![(0, n, 0)]]
    } else {
        let mut p = vec![];
        for i in 0..blocks.len() {
            for j in i + 1..blocks.len() {
                p.push(vec![
                    (blocks[i].0, blocks[i].1, 0),
                    (blocks[j].0, blocks[j].1, half),
                ]);
            }
        }
        p
    };
    let mut v = f64::NAN;
    for pass in pairs {
        let mut idx = vec![];
        for &(s, e, first) in &pass {
            for i in s..e {
                xs[i] = HyperDualVec::variable(x[i], first + i - s);
                idx.push((i, first + i - s));
            }
        }
        let y = f(&xs);
        v = y.re;
        for &(a, sa) in &idx {
            g[a] = y.eps[sa];
            for &(b, sb) in &idx {
                h[(a, b)] = y.eps2[sa][sb];
            }
            xs[a] = HyperDualVec::constant(x[a]);
        }
    }
    (v, g, h)
}

pub mod fd {
    use nalgebra::{DMatrix, DVector};

    #[derive(Clone, Copy, Debug)]
    pub enum Stencil {
        Central,
        FivePoint,
    }

    impl Stencil {
        pub fn first_step(self, x: f64) -> f64 {
            let c = match self {
                Stencil::Central => f64::EPSILON.cbrt(),
                Stencil::FivePoint => f64::EPSILON.powf(0.2),
            };
            c * x.abs().max(1.0)
        }
        pub fn second_step(self, x: f64) -> f64 {
            let c = match self {
                Stencil::Central => f64::EPSILON.powf(0.25),
                Stencil::FivePoint => f64::EPSILON.powf(1.0 / 6.0),
            };
            c * x.abs().max(1.0)
        }
    }

    pub fn derivative_with_step(f: impl Fn(f64) -> f64, x: f64, s: Stencil, h: f64) -> f64 {
        match s {
            Stencil::Central => (f(x + h) - f(x - h)) / (2.0 * h),
            Stencil::FivePoint => {
                (f(x - 2.0 * h) - 8.0 * f(x - h) + 8.0 * f(x + h) - f(x + 2.0 * h)) / (12.0 * h)
            }
        }
    }
    pub fn second_derivative_with_step(f: impl Fn(f64) -> f64, x: f64, s: Stencil, h: f64) -> f64 {
        match s {
            Stencil::Central => (f(x + h) - 2.0 * f(x) + f(x - h)) / (h * h),
            Stencil::FivePoint => {
                (-f(x - 2.0 * h) + 16.0 * f(x - h) - 30.0 * f(x) + 16.0 * f(x + h) - f(x + 2.0 * h))
                    / (12.0 * h * h)
            }
        }
    }
    pub fn derivative(f: impl Fn(f64) -> f64, x: f64, s: Stencil) -> f64 {
        derivative_with_step(f, x, s, s.first_step(x))
    }
    pub fn second_derivative(f: impl Fn(f64) -> f64, x: f64, s: Stencil) -> f64 {
        second_derivative_with_step(f, x, s, s.second_step(x))
    }
    pub fn gradient(f: impl Fn(&[f64]) -> f64, x: &[f64], s: Stencil) -> DVector<f64> {
        let mut y = x.to_vec();
        DVector::from_iterator(
            x.len(),
            (0..x.len()).map(|i| {
                let h = s.first_step(x[i]);
                let mut e = 0.0;
                let pts: &[(f64, f64)] = match s {
                    Stencil::Central => &[(1.0, 0.5), (-1.0, -0.5)],
                    Stencil::FivePoint => &[
                        (-2.0, 1.0 / 12.0),
                        (-1.0, -8.0 / 12.0),
                        (1.0, 8.0 / 12.0),
                        (2.0, -1.0 / 12.0),
                    ],
                };
                for &(k, w) in pts {
                    y[i] = x[i] + k * h;
                    e += w * f(&y);
                }
                y[i] = x[i];
                e / h
            }),
        )
    }
    pub fn hessian(f: impl Fn(&[f64]) -> f64, x: &[f64], s: Stencil) -> DMatrix<f64> {
        let n = x.len();
        let mut y = x.to_vec();
        let mut h = DMatrix::zeros(n, n);
        for i in 0..n {
            let hi = s.second_step(x[i]);
            y[i] = x[i] + hi;
            let fp = f(&y);
            y[i] = x[i] - hi;
            let fm = f(&y);
            y[i] = x[i];
            h[(i, i)] = (fp - 2.0 * f(&y) + fm) / (hi * hi);
            for j in i + 1..n {
                let hj = s.second_step(x[j]);
                let mut e = 0.0;
                for (a, b, w) in [
                    (1.0, 1.0, 1.0),
                    (1.0, -1.0, -1.0),
                    (-1.0, 1.0, -1.0),
                    (-1.0, -1.0, 1.0),
                ] {
                    y[i] = x[i] + a * hi;
                    y[j] = x[j] + b * hj;
                    e += w * f(&y);
                }
                y[i] = x[i];
                y[j] = x[j];
                h[(i, j)] = e / (4.0 * hi * hj);
                h[(j, i)] = h[(i, j)];
            }
        }
        h
    }
}

pub fn hessian_static<const N: usize>(
    f: impl Fn(&[HyperDualVec<f64, N>]) -> HyperDualVec<f64, N>,
    x: &nalgebra::SVector<f64, N>,
) -> (f64, nalgebra::SVector<f64, N>, nalgebra::SMatrix<f64, N, N>) {
    let xs: [HyperDualVec<f64, N>; N] = core::array::from_fn(|i| HyperDualVec::variable(x[i], i));
    let y = f(&xs);
    let h = nalgebra::SMatrix::from_fn(|i, j| y.eps2[i][j]);
    (y.re, nalgebra::SVector::from(y.eps), h)
}

pub fn gradient_static<const N: usize>(
    f: impl Fn(&[DualVec<f64, N>]) -> DualVec<f64, N>,
    x: &nalgebra::SVector<f64, N>,
) -> (f64, nalgebra::SVector<f64, N>) {
    let xs: [DualVec<f64, N>; N] = core::array::from_fn(|i| DualVec::variable(x[i], i));
    let y = f(&xs);
    (y.re, nalgebra::SVector::from(y.eps))
}
