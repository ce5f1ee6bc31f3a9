//! The pictures of the guide's chapter "Sparse derivatives": spy plots of the
//! Brusselator Jacobian and of a grid Hessian, every nonzero coloured by the
//! colour class of its column, and the time of a Rosenbrock Hessian against
//! `n` (log-log) for the dense driver, central differences and both sparse
//! forms.
//!
//! Run with `cargo run --release --example sparse_figures`; it writes
//! `docs/sparse-brusselator.svg`, `docs/sparse-grid.svg` and
//! `docs/sparse-time.svg`, and prints the measured times (minimum CPU time
//! of the thread per call, over at least two batches of 100 ms or more;
//! CPU time, because the machine is shared). The test
//! suite runs `run` once in quick mode (tiny sizes) with a scratch directory.

use hyperdiff::hessian::fd::{self, Stencil};
use hyperdiff::hessian::sparse::{Order, column_coloring, star_coloring};
use hyperdiff::prelude::*;
use plotters::prelude::*;
use std::path::Path;
use std::time::{Duration, Instant};

#[path = "../benches/sparse_workloads/mod.rs"]
mod sparse_workloads;
use sparse_workloads::*;

/// The colouring of `color` with the fewest colours over the three orders
/// (what the plans do).
fn fewest(color: impl Fn(Order) -> Vec<usize>) -> Vec<usize> {
    [Order::Natural, Order::LargestFirst, Order::SmallestLast]
        .into_iter()
        .map(color)
        .min_by_key(|c| c.iter().max().copied().unwrap_or(0))
        .unwrap_or_default()
}

/// A spy plot of `p`, each entry `(i, j)` in the colour of class `colors[j]`.
fn spy(
    path: &Path,
    title: &str,
    p: &SparsityPattern,
    colors: &[usize],
) -> Result<(), Box<dyn std::error::Error>> {
    let (m, n) = (p.major_dim(), p.minor_dim());
    let k = colors.iter().max().map_or(1, |c| c + 1);
    let root = SVGBackend::new(path, (620, 660)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 18))
        .margin(14)
        .x_label_area_size(30)
        .y_label_area_size(40)
        .build_cartesian_2d(0.0..n as f64, 0.0..m as f64)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc("column")
        .y_desc("row (0 at the top)")
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| format!("{:.0}", m as f64 - v))
        .draw()?;
    chart.draw_series(p.entries().map(|(i, j)| {
        let c = HSLColor(colors[j] as f64 / k as f64, 0.75, 0.45);
        let y = (m - 1 - i) as f64;
        Rectangle::new(
            [(j as f64 + 0.08, y + 0.08), (j as f64 + 0.92, y + 0.92)],
            c.filled(),
        )
    }))?;
    root.present()?;
    Ok(())
}

/// Minimum CPU time per call of `f` (wall-clock time where CPU time cannot be
/// read), over at least two batches and `budget` of batches. The kernel counts
/// CPU time in scheduler ticks (a few ms), so each batch repeats `f` for at
/// least `batch` seconds (100 ms for the figure).
fn time((batch, budget): (f64, Duration), mut f: impl FnMut()) -> f64 {
    let t = Instant::now();
    f();
    let one = t.elapsed().as_secs_f64().max(1e-9);
    let calls = (batch / one).clamp(1.0, 1e7) as u32;
    let start = Instant::now();
    let mut best = f64::INFINITY;
    let mut batches = 0;
    while start.elapsed() < budget || batches < 2 {
        let (c, t) = (cpu_ns(), Instant::now());
        for _ in 0..calls {
            f();
        }
        let wall = t.elapsed().as_secs_f64();
        let cpu = match (c, cpu_ns()) {
            (Some(a), Some(b)) if b > a => (b - a) as f64 * 1e-9,
            _ => wall,
        };
        best = best.min(cpu / f64::from(calls));
        batches += 1;
    }
    best
}

#[allow(clippy::type_complexity)]
fn time_chart(
    path: &Path,
    series: &[(&str, Vec<(f64, f64)>)],
) -> Result<(), Box<dyn std::error::Error>> {
    let pts = series.iter().flat_map(|s| s.1.iter().copied());
    let (x0, x1, y0, y1) = pts.fold((f64::MAX, 0.0f64, f64::MAX, 0.0f64), |a, (x, y)| {
        (a.0.min(x), a.1.max(x), a.2.min(y), a.3.max(y))
    });
    let root = SVGBackend::new(path, (760, 480)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(
            "Chained Rosenbrock: value, gradient and Hessian",
            ("sans-serif", 20),
        )
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d(
            (x0 / 1.2..x1 * 1.2).log_scale(),
            (y0 / 2.0..y1 * 2.0).log_scale(),
        )?;
    chart
        .configure_mesh()
        .x_desc("n")
        .y_desc("CPU seconds per Hessian")
        .y_label_formatter(&|v| format!("{v:.0e}"))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .draw()?;
    let palette = [RED, BLUE, GREEN, MAGENTA];
    for (k, (name, s)) in series.iter().enumerate() {
        let color = palette[k % palette.len()];
        chart
            .draw_series(LineSeries::new(s.clone(), color.stroke_width(2)))?
            .label(*name)
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2))
            });
        chart.draw_series(s.iter().map(|&p| Circle::new(p, 3, color.filled())))?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .draw()?;
    root.present()?;
    Ok(())
}

/// Draw the three pictures into `dir`; `quick` uses tiny sizes (for the tests).
pub fn run(dir: &Path, quick: bool) {
    // the Brusselator Jacobian, N = 8 (n = 128)
    let n = 8;
    let x = point(2 * n * n, 0.0, 1.0);
    let plan = SparseJacobian::new(&Brusselator(n), &x).expect("a plan");
    let colors = fewest(|o| column_coloring(plan.pattern(), o));
    assert_eq!(colors.iter().max().map(|c| c + 1), Some(plan.colors()));
    let title = format!(
        "Brusselator N = {n} Jacobian (n = {}): {} nonzeros, {} colours",
        2 * n * n,
        plan.pattern().nnz(),
        plan.colors()
    );
    spy(
        &dir.join("sparse-brusselator.svg"),
        &title,
        plan.pattern(),
        &colors,
    )
    .expect("spy plot");
    println!("{title}");

    // the Ginzburg-Landau grid Hessian, 8 x 8 (n = 64), scalar form (star colouring)
    let m = 8;
    let x = point(m * m, -1.0, 1.0);
    let plan = SparseHessian::new(&GinzburgLandauSum(m), &x).expect("a plan");
    let colors = fewest(|o| star_coloring(plan.pattern(), o));
    assert_eq!(colors.iter().max().map(|c| c + 1), Some(plan.colors()));
    let title = format!(
        "Grid energy Hessian {m} x {m} (n = {}): {} nonzeros, {} star colours",
        m * m,
        plan.pattern().nnz(),
        plan.colors()
    );
    spy(
        &dir.join("sparse-grid.svg"),
        &title,
        plan.pattern(),
        &colors,
    )
    .expect("spy plot");
    println!("{title}");

    // time against n
    let (sizes, dense_max, fd_max, budget): (&[usize], usize, usize, (f64, Duration)) = if quick {
        (&[10, 30], 30, 30, (1e-3, Duration::ZERO))
    } else {
        (
            &[10, 30, 100, 300, 1000, 3000, 10_000, 100_000],
            1000,
            1000,
            (0.1, Duration::from_millis(300)),
        )
    };
    let mut dense = Vec::new();
    let mut central = Vec::new();
    let mut scalar = Vec::new();
    let mut terms = Vec::new();
    println!(
        "| n | dense `hessian` | central differences | sparse, scalar form | sparse, terms form |"
    );
    println!("|---|---|---|---|---|");
    for &n in sizes {
        let x = point(n, -1.0, 1.0);
        let cell = |t: Option<f64>| t.map_or_else(|| "".to_string(), |t| format!("{t:.3e}"));
        let td =
            (n <= dense_max).then(|| time(budget, || drop(hessian(|x| Rosenbrock.eval(x), &x))));
        let tc = (n <= fd_max).then(|| {
            time(budget, || {
                drop(fd::hessian(
                    |x: &[f64]| Rosenbrock.eval(x),
                    &x,
                    Stencil::Central,
                ))
            })
        });
        let ts = (n <= 10_000).then(|| {
            let plan = SparseHessian::new(&Rosenbrock, &x).expect("a plan");
            time(budget, || drop(plan.hessian(&Rosenbrock, &x)))
        });
        let plan = SparseHessian::of_terms(&RosenbrockTerms, &x).expect("a plan");
        let tt = time(budget, || drop(plan.hessian(&RosenbrockTerms, &x)));
        println!(
            "| {n} | {} | {} | {} | {} |",
            cell(td),
            cell(tc),
            cell(ts),
            cell(Some(tt))
        );
        let nf = n as f64;
        dense.extend(td.map(|t| (nf, t)));
        central.extend(tc.map(|t| (nf, t)));
        scalar.extend(ts.map(|t| (nf, t)));
        terms.push((nf, tt));
    }
    time_chart(
        &dir.join("sparse-time.svg"),
        &[
            ("dense hessian", dense),
            ("central differences (hessian::fd)", central),
            ("sparse, scalar form (SparseHessian::new)", scalar),
            ("sparse, terms form (SparseHessian::of_terms)", terms),
        ],
    )
    .expect("time chart");
}

pub fn main() {
    run(&Path::new(env!("CARGO_MANIFEST_DIR")).join("docs"), false);
}
