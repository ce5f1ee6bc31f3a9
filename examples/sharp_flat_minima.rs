//! Sharp and flat minima of a tiny network's loss, from the exact Hessian.
//!
//! The network is one tanh unit followed by two scalar weights,
//! `p(x) = c v tanh(w x)`, fitted by mean squared error to six points of
//! `y = tanh x`. Every `(1, v, 1 / v)` fits the data exactly, so the loss has a
//! valley of minima that all compute the same function. The Hessian's largest
//! eigenvalue (the sharpness) still differs from one minimum to another:
//! sharpness depends on the parametrisation, not only on the function.
//!
//! Run with `cargo run --example sharp_flat_minima`; it writes
//! `docs/sharp-flat-minima.svg` (the loss along the top eigenvector at both
//! minima). The test suite runs `run` once with a scratch directory
//! (tests/examples.rs); every claim printed is also asserted.

use hyperdiff::prelude::*;
use nalgebra::{DMatrix, DVector};
use plotters::prelude::*;
use std::path::Path;

const XS: [f64; 6] = [-2.0, -1.0, -0.5, 0.5, 1.0, 2.0];

/// The prediction `c v tanh(w x)` of the parameters `θ = (w, v, c)`.
fn predict<D: DualNum<f64>>(theta: &[D], x: f64) -> D {
    theta[2] * theta[1] * (theta[0] * x).tanh()
}

/// Mean squared error against the teacher `y = tanh x`.
fn loss<D: DualNum<f64>>(theta: &[D]) -> D {
    let m = XS.len() as f64;
    XS.iter()
        .map(|&x| (predict(theta, x) - x.tanh()).powi(2))
        .sum::<D>()
        / m
}

/// The Hessian at a zero-residual minimum, by hand: `(2 / m) Jᵀ J` with the
/// Jacobian of the predictions, `∂p/∂w = c v x sech²(w x)`,
/// `∂p/∂v = c tanh(w x)`, `∂p/∂c = v tanh(w x)` (the residual term vanishes).
fn gauss_newton(theta: &[f64]) -> DMatrix<f64> {
    let (w, v, c) = (theta[0], theta[1], theta[2]);
    let j = DMatrix::from_fn(XS.len(), 3, |i, k| {
        let (x, t) = (XS[i], (w * XS[i]).tanh());
        [c * v * x * (1.0 - t * t), c * t, v * t][k]
    });
    j.tr_mul(&j) * (2.0 / XS.len() as f64)
}

/// The largest eigenvalue of a symmetric matrix and its unit eigenvector.
fn top_eigen(h: &DMatrix<f64>) -> (f64, DVector<f64>) {
    let e = h.clone().symmetric_eigen();
    let i = e.eigenvalues.imax();
    (e.eigenvalues[i], e.eigenvectors.column(i).into_owned())
}

/// Computes, asserts and prints everything; writes the chart into `out_dir`.
pub fn run(out_dir: &Path) {
    let alpha = 4.0;
    let minima = [
        ("A (1, 1, 1)   ", [1.0, 1.0, 1.0]),
        ("B (1, 4, 1/4) ", [1.0, alpha, 1.0 / alpha]),
    ];
    println!("p(x) = c v tanh(w x) fitted to y = tanh x at x = {XS:?}");
    println!("minimum (w, v, c)  loss  |grad|  eigenvalues of H                 classified");
    let mut tops = Vec::new();
    let mut hessians = Vec::new();
    for (name, theta) in minima {
        let (value, grad, h) = hessian(loss, &theta);
        // c v = 1 exactly at both points, so every residual is exactly zero
        assert_eq!(value, 0.0);
        assert_eq!(grad.norm(), 0.0);
        approx::assert_relative_eq!(
            h,
            gauss_newton(&theta),
            max_relative = 1e-14,
            epsilon = 1e-15
        );
        // the valley direction (0, v, -c) keeps c v fixed: a zero eigenvalue
        let valley = nalgebra::dvector![0.0, theta[1], -theta[2]];
        approx::assert_abs_diff_eq!((&h * &valley).norm(), 0.0, epsilon = 1e-14);
        let kind = classify_critical_point(loss, &theta, 1e-12).expect("a critical point");
        assert_eq!(kind, CriticalPoint::Degenerate);
        let mut l: Vec<f64> = h.symmetric_eigenvalues().iter().map(|v| v.abs()).collect();
        l.sort_by(f64::total_cmp);
        println!(
            "{name}     {value}    {}      [{:.1e}, {:.4}, {:.4}]   {kind:?}",
            grad.norm(),
            l[0],
            l[1],
            l[2]
        );
        tops.push(top_eigen(&h));
        hessians.push(h);
    }
    // The loss is invariant under T = diag(1, α, 1/α), so H_B = T⁻¹ H_A T⁻¹.
    let t_inv = DMatrix::from_diagonal(&nalgebra::dvector![1.0, 1.0 / alpha, alpha]);
    approx::assert_relative_eq!(
        hessians[1],
        &t_inv * &hessians[0] * &t_inv,
        max_relative = 1e-14,
        epsilon = 1e-15
    );
    let (sharp_a, sharp_b) = (tops[0].0, tops[1].0);
    assert!(sharp_b > 4.0 * sharp_a);
    // Same function: identical predictions anywhere, e.g. at x = 0.7.
    let (pa, pb) = (predict(&minima[0].1, 0.7), predict(&minima[1].1, 0.7));
    assert_eq!(pa, pb);
    println!(
        "sharpness (largest eigenvalue): A {sharp_a:.4}, B {sharp_b:.4} ({:.1}x); both predict p(0.7) = {pa:.6}",
        sharp_b / sharp_a
    );
    println!(
        "gradient descent with step eta is stable at a minimum only if eta < 2 / lambda_max: A {:.3}, B {:.3}",
        2.0 / sharp_a,
        2.0 / sharp_b
    );
    // Check it with eta = 0.5, between the two thresholds: start 1e-6 along the
    // top eigenvector u, where the loss is quadratic, and take 3 steps. Along u
    // each step multiplies the offset by 1 - eta λ (-0.23 at A, -8.3 at B), so
    // the loss by (1 - eta λ)²: 3 steps shrink it 1e-4-fold at A and grow it
    // 3e5-fold at B.
    let eta = 0.5;
    let mut ratios = Vec::new();
    for ((_, theta), (_, u)) in minima.iter().zip(&tops) {
        let mut p: Vec<f64> = theta
            .iter()
            .zip(u.iter())
            .map(|(t, d)| t + 1e-6 * d)
            .collect();
        let start = loss(&p);
        for _ in 0..3 {
            let (_, g) = gradient(loss, &p);
            p.iter_mut()
                .zip(g.iter())
                .for_each(|(pi, gi)| *pi -= eta * gi);
        }
        ratios.push(loss(&p) / start);
    }
    assert!(ratios[0] < 1e-2 && ratios[1] > 1e4);
    println!(
        "gradient descent, eta = {eta}, 3 steps from 1e-6 along u: loss x {:.1e} at A, x {:.1e} at B",
        ratios[0], ratios[1]
    );

    // The loss along the top eigenvector, L(θ* + s u) ≈ λ s² / 2 for small s.
    let steps: Vec<f64> = (-40..=40).map(|k| f64::from(k) * 0.02).collect();
    let mut curves = Vec::new();
    for ((_, theta), (lambda, u)) in minima.iter().zip(&tops) {
        let along = |s: f64| {
            let p: Vec<f64> = theta.iter().zip(u.iter()).map(|(t, d)| t + s * d).collect();
            loss(&p)
        };
        // quadratic model check: L - λ s²/2 = L_uuu s³/6 + O(s⁴), a relative
        // error of s L_uuu / (3 λ); at s = 1e-3, with |L_uuu| / λ of order 1
        // here, that is about 1e-3, so 1e-2 leaves a factor of 10
        let s = 1e-3;
        approx::assert_relative_eq!(along(s), lambda * s * s / 2.0, max_relative = 1e-2);
        curves.push(steps.iter().map(|&s| (s, along(s))).collect::<Vec<_>>());
    }
    let path = out_dir.join("sharp-flat-minima.svg");
    draw(&path, &curves, [sharp_a, sharp_b]).expect("write the chart");
    println!("wrote {}", path.display());
}

fn draw(
    path: &Path,
    curves: &[Vec<(f64, f64)>],
    sharpness: [f64; 2],
) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::new(path, (640, 400)).into_drawing_area();
    root.fill(&WHITE)?;
    let top = curves.iter().flatten().map(|p| p.1).fold(0.0, f64::max);
    let mut chart = ChartBuilder::on(&root)
        .caption("loss along the top Hessian eigenvector", ("sans-serif", 18))
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(56)
        .build_cartesian_2d(-0.8..0.8, 0.0..top * 1.05)?;
    chart
        .configure_mesh()
        .x_desc("step s along the unit eigenvector u")
        .y_desc("L(theta* + s u)")
        .draw()?;
    let colors = [BLUE, RED];
    let names = ["A = (1, 1, 1)", "B = (1, 4, 1/4)"];
    for ((curve, color), (name, lambda)) in
        curves.iter().zip(colors).zip(names.iter().zip(sharpness))
    {
        chart
            .draw_series(LineSeries::new(
                curve.iter().copied(),
                color.stroke_width(2),
            ))?
            .label(format!("{name}: lambda_max = {lambda:.2}"))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], color.stroke_width(2)));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperMiddle)
        .background_style(WHITE)
        .border_style(BLACK)
        .draw()?;
    root.present()?;
    Ok(())
}

pub fn main() {
    run(&Path::new(env!("CARGO_MANIFEST_DIR")).join("docs"));
}
