//! Taylor polynomials of sin and exp around 0 from one `Taylor<f64, 7>`
//! evaluation each: the coefficients against 1/k!, the polynomials of order 1,
//! 3, 5 and 7, and their errors against the function inside Lagrange's
//! remainder bound.
//!
//! Run with `cargo run --example taylor_approximation`; it writes
//! `docs/taylor-approximation.svg` (error against displacement, log scale). The
//! test suite runs `run` once with a scratch directory (tests/examples.rs);
//! every claim printed is also asserted.

use hyperdiff::prelude::*;
use plotters::prelude::*;
use std::path::Path;

const ORDERS: [usize; 4] = [1, 3, 5, 7];

fn factorial(k: usize) -> f64 {
    (1..=k).map(|i| i as f64).product()
}

/// The polynomial `c0 + c1 h + ... + cn h^n` (Horner) and the sum of the absolute
/// values of its terms, which bounds Horner's rounding error: `2 n ε Σ|c_k h^k|`.
fn truncated(c: &[f64], n: usize, h: f64) -> (f64, f64) {
    let p = TaylorPolynomial::from_coefficients(0.0, c[..=n].to_vec());
    let size: f64 = (0..=n).map(|k| (c[k] * h.powi(k as i32)).abs()).sum();
    (p.eval(h), size)
}

/// One function's expansion: name, f, coefficients, remainder bound of order n at h.
struct Case {
    name: &'static str,
    f: fn(f64) -> f64,
    coefficients: Vec<f64>,
    bound: fn(usize, f64) -> f64,
}

/// The error `|p_n(h) - f(h)|`, asserted against the remainder bound plus the
/// rounding of Horner's scheme and of `f` itself.
fn checked_error(case: &Case, n: usize, h: f64) -> f64 {
    let (p, size) = truncated(&case.coefficients, n, h);
    let exact = (case.f)(h);
    let error = (p - exact).abs();
    let rounding = 2.0 * n as f64 * f64::EPSILON * size + f64::EPSILON * exact.abs();
    let bound = (case.bound)(n, h);
    assert!(
        error <= bound + rounding,
        "{} order {n} at {h}: error {error:e} > bound {bound:e}",
        case.name
    );
    error
}

/// Computes, asserts and prints everything; writes the chart into `out_dir`.
pub fn run(out_dir: &Path) {
    let sin_c = taylor_coefficients::<7, _>(|x| x.sin(), 0.0);
    let exp_c = taylor_coefficients::<7, _>(|x| x.exp(), 0.0);
    for k in 0..=7 {
        // sin: c_k = (-1)^((k-1)/2) / k! for odd k, 0 for even k; exp: 1 / k!
        let sin_k = if k % 2 == 1 {
            (if k % 4 == 1 { 1.0 } else { -1.0 }) / factorial(k)
        } else {
            0.0
        };
        approx::assert_relative_eq!(sin_c[k], sin_k, max_relative = 1e-15);
        approx::assert_relative_eq!(exp_c[k], 1.0 / factorial(k), max_relative = 1e-15);
    }
    let show = |c: &[f64]| {
        c.iter()
            .map(|v| format!("{v:.3e}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "sin: c0..c7 = {}  (0, 1, 0, -1/3!, 0, 1/5!, 0, -1/7!)",
        show(&sin_c)
    );
    println!("exp: c0..c7 = {}  (1/k!)", show(&exp_c));

    let cases = [
        Case {
            name: "sin",
            f: f64::sin,
            coefficients: sin_c,
            // |sin^(k)| <= 1, and for odd n the order n polynomial is also the
            // order n + 1 one (c_{n+1} = 0): |R| <= |h|^(n+2) / (n+2)!
            bound: |n, h| h.abs().powi(n as i32 + 2) / factorial(n + 2),
        },
        Case {
            name: "exp",
            f: f64::exp,
            coefficients: exp_c,
            // |R| <= e^max(h, 0) |h|^(n+1) / (n+1)!
            bound: |n, h| h.max(0.0).exp() * h.abs().powi(n as i32 + 1) / factorial(n + 1),
        },
    ];

    println!("at h = 1:  order   |p_n - sin|   bound      |p_n - exp|   bound");
    for n in ORDERS {
        let (es, ee) = (
            checked_error(&cases[0], n, 1.0),
            checked_error(&cases[1], n, 1.0),
        );
        println!(
            "           {n}       {es:.3e}     {:.3e}  {ee:.3e}     {:.3e}",
            (cases[0].bound)(n, 1.0),
            (cases[1].bound)(n, 1.0)
        );
        // for h > 0 every remainder term of exp is positive, so the error is at
        // least the first omitted term h^(n+1) / (n+1)!
        assert!(ee >= 1.0 / factorial(n + 1));
    }

    // The chart: error against displacement h in [0.01, 2], log-spaced, both
    // functions; on log-log axes the order shows as the slope.
    let hs: Vec<f64> = (0..=60)
        .map(|k| 0.01 * 200.0_f64.powf(f64::from(k) / 60.0))
        .collect();
    let floor = 1e-17; // exact zeros (error below rounding) drawn at this level
    let mut series = Vec::new();
    for case in &cases {
        for n in ORDERS {
            let points: Vec<(f64, f64)> = hs
                .iter()
                .map(|&h| (h, checked_error(case, n, h).max(floor)))
                .collect();
            series.push((case.name, n, points));
        }
    }
    let path = out_dir.join("taylor-approximation.svg");
    draw(&path, &series).expect("write the chart");
    println!("wrote {}", path.display());
}

type Series = (&'static str, usize, Vec<(f64, f64)>);

fn draw(path: &Path, series: &[Series]) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::new(path, (900, 420)).into_drawing_area();
    root.fill(&WHITE)?;
    let panels = root.split_evenly((1, 2));
    let colors = [BLUE, GREEN, MAGENTA, RED];
    for (panel, name) in panels.iter().zip(["sin", "exp"]) {
        let mut chart = ChartBuilder::on(panel)
            .caption(
                format!("|p_n(h) - {name}(h)|, Taylor polynomial of order n at 0"),
                ("sans-serif", 16),
            )
            .margin(10)
            .x_label_area_size(36)
            .y_label_area_size(60)
            .build_cartesian_2d((0.01..2.0).log_scale(), (1e-17..10.0).log_scale())?;
        chart
            .configure_mesh()
            .x_desc("displacement h (log scale)")
            .y_desc("error")
            .y_label_formatter(&|v| format!("{v:.0e}"))
            .draw()?;
        for ((_, n, points), color) in series.iter().filter(|s| s.0 == name).zip(colors) {
            chart
                .draw_series(LineSeries::new(
                    points.iter().copied(),
                    color.stroke_width(2),
                ))?
                .label(format!("n = {n}"))
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 20, y)], color.stroke_width(2))
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE)
            .border_style(BLACK)
            .draw()?;
    }
    root.present()?;
    Ok(())
}

pub fn main() {
    run(&Path::new(env!("CARGO_MANIFEST_DIR")).join("docs"));
}
