//! The report generator: builds `docs/benchmarks.md` and the `docs/bench_*.svg`
//! charts from the criterion results of `benches/scalar.rs` and
//! `benches/multivariate.rs`, beside accuracy figures it computes itself
//! (criterion only times), and the JAX figures of `benches/peers/` when present.
//! A bench target with `harness = false` (not an example: examples are for
//! users), which renders only when `HYPERDIFF_REPORT` is set, so that a plain
//! `cargo bench` and CI's `cargo test --benches` skip it:
//!
//! ```text
//! cargo bench --bench scalar --bench multivariate --features rayon
//! HYPERDIFF_REPORT=1 cargo bench --bench report
//! ```
//!
//! Times are criterion's median estimate (`target/criterion/**/new/estimates.json`,
//! or under `$CARGO_TARGET_DIR`). Errors are measured against closed forms
//! (Rosenbrock, least squares, the tanh network's hand-derived gradient and
//! Hessian) and against `benches/data/scalar_reference.txt` (mpmath, written by
//! `scripts/bench_reference.py`). Benchmarks that did not run (quick mode) are
//! left out of the tables.

use hyperdiff::prelude::*;
use plotters::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

mod workloads;
use workloads::drivers::fd::{self, Stencil};
use workloads::*;

const COMMAND: &str = "cargo bench --bench scalar --bench multivariate --features rayon && HYPERDIFF_REPORT=1 cargo bench --bench report";

// ---------------------------------------------------------------------------
// criterion results
// ---------------------------------------------------------------------------

/// Criterion's median estimates in nanoseconds, keyed by "group/function[/param]".
struct Times(BTreeMap<String, f64>);

impl Times {
    fn load(root: &Path) -> Self {
        let mut map = BTreeMap::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.file_name().is_some_and(|f| f == "estimates.json")
                    && p.parent()
                        .and_then(Path::file_name)
                        .is_some_and(|d| d == "new")
                {
                    let Ok(text) = std::fs::read_to_string(&p) else {
                        continue;
                    };
                    let Some(median) = point_estimate(&text, "median") else {
                        continue;
                    };
                    let id = p
                        .parent()
                        .and_then(Path::parent)
                        .and_then(|d| d.strip_prefix(root).ok())
                        .map(|d| d.to_string_lossy().replace('\\', "/"));
                    if let Some(id) = id {
                        map.insert(id, median);
                    }
                }
            }
        }
        Times(map)
    }

    fn get(&self, id: &str) -> Option<f64> {
        self.0.get(id).copied()
    }
}

/// `"<key>":{..."point_estimate":<number>...}` from criterion's small JSON.
fn point_estimate(json: &str, key: &str) -> Option<f64> {
    let at = json.find(&format!("\"{key}\""))?;
    let rest = &json[at..];
    let pe = rest.find("\"point_estimate\"")?;
    let rest = &rest[pe + "\"point_estimate\"".len()..];
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || "+-.eE".contains(c)))
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

fn fmt_time(ns: f64) -> String {
    if ns < 1e3 {
        format!("{ns:.1} ns")
    } else if ns < 1e6 {
        format!("{:.2} µs", ns / 1e3)
    } else if ns < 1e9 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.2} s", ns / 1e9)
    }
}

fn fmt_opt_time(t: Option<f64>) -> String {
    t.map_or("–".into(), fmt_time)
}

fn fmt_ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
        _ => "–".into(),
    }
}

fn fmt_err(e: Option<f64>) -> String {
    match e {
        Some(0.0) => "0".into(),
        Some(e) if e.is_finite() => format!("{e:.1e}"),
        Some(_) => "NaN".into(),
        None => "–".into(),
    }
}

// ---------------------------------------------------------------------------
// references
// ---------------------------------------------------------------------------

/// `f^(k)(1.5)` for `k = 0..=16`, from the committed mpmath output.
fn scalar_reference() -> Vec<f64> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/scalar_reference.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run scripts/bench_reference.py)", path.display()));
    let mut out = vec![];
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut it = line.split_whitespace();
        let k: usize = it.next().and_then(|s| s.parse().ok()).expect("order");
        let v: f64 = it.next().and_then(|s| s.parse().ok()).expect("value");
        assert_eq!(k, out.len(), "orders out of sequence in {}", path.display());
        out.push(v);
    }
    out
}

fn rel(a: f64, exact: f64) -> f64 {
    (a - exact).abs() / exact.abs()
}

/// Closed-form gradient and Hessian (column-major) of a problem, in `f64`.
fn closed_form(p: &Problem) -> (Vec<f64>, Vec<f64>) {
    let n = p.n;
    let mut g = vec![0.0; n];
    let mut h = vec![0.0; n * n];
    let x = &p.x;
    match p.family {
        Family::Rosenbrock => {
            for i in 0..n - 1 {
                // 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2
                let a = x[i + 1] - x[i] * x[i];
                g[i] += -400.0 * x[i] * a - 2.0 * (1.0 - x[i]);
                g[i + 1] += 200.0 * a;
                h[i + i * n] += 1200.0 * x[i] * x[i] - 400.0 * x[i + 1] + 2.0;
                h[(i + 1) + (i + 1) * n] += 200.0;
                h[i + (i + 1) * n] += -400.0 * x[i];
                h[(i + 1) + i * n] += -400.0 * x[i];
            }
        }
        Family::LeastSquares => {
            // gradient -2 A^T (y - A w), Hessian 2 A^T A
            for (row, &yr) in p.a.chunks_exact(n).zip(&p.y) {
                let r = yr - row.iter().zip(x).map(|(a, w)| a * w).sum::<f64>();
                for i in 0..n {
                    g[i] -= 2.0 * row[i] * r;
                    for j in 0..n {
                        h[i + j * n] += 2.0 * row[i] * row[j];
                    }
                }
            }
        }
        Family::TanhNet => {
            // L = (1/B) sum_b r_b^2, r_b = sum_j v_j s_bj - t_b, s_bj = tanh(z_bj),
            // z_bj = sum_k W_jk x_bk. With J_b = dr_b/dp and S_b = d2r_b/dp2:
            // dL = (2/B) sum_b r_b J_b,  d2L = (2/B) sum_b (J_b J_b^T + r_b S_b), where
            // dr/dv_j = s_j, dr/dW_jk = v_j s'_j x_k, d2r/dv_j dW_jk = s'_j x_k,
            // d2r/dW_jk dW_jm = v_j s''_j x_k x_m, s' = 1 - s^2, s'' = -2 s s'.
            let (d, hw, bsz) = (p.d, p.h, p.y.len());
            let (w, v) = x.split_at(hw * d);
            let scale = 2.0 / bsz as f64;
            for (xb, &tb) in p.a.chunks_exact(d).zip(&p.y) {
                let mut jac = vec![0.0; n];
                let mut sec = vec![0.0; n * n];
                let mut r = -tb;
                for j in 0..hw {
                    let z: f64 = (0..d).map(|k| w[j * d + k] * xb[k]).sum();
                    let s = z.tanh();
                    let s1 = 1.0 - s * s;
                    let s2 = -2.0 * s * s1;
                    r += v[j] * s;
                    let vj = hw * d + j;
                    jac[vj] = s;
                    for k in 0..d {
                        let wjk = j * d + k;
                        jac[wjk] = v[j] * s1 * xb[k];
                        sec[vj + wjk * n] = s1 * xb[k];
                        sec[wjk + vj * n] = s1 * xb[k];
                        for m in 0..d {
                            sec[wjk + (j * d + m) * n] = v[j] * s2 * xb[k] * xb[m];
                        }
                    }
                }
                for a in 0..n {
                    g[a] += scale * r * jac[a];
                    for b in 0..n {
                        h[a + b * n] += scale * (jac[a] * jac[b] + r * sec[a + b * n]);
                    }
                }
            }
        }
        Family::Ackley => {
            // f = A + B + 20 + e, A = -20 exp(-0.2 r), r = sqrt(S / n), S = |x|^2,
            // B = -exp(u), u = C / n, C = sum cos(2 pi x_i):
            // A_i = a1 r_i, A_ij = a2 r_i r_j + a1 r_ij with a1 = 4 exp(-0.2 r),
            // a2 = -0.8 exp(-0.2 r), r_i = x_i / (n r), r_ij = d_ij / (n r) - x_i x_j / (n^2 r^3);
            // B_i = B u_i, B_ij = B (u_i u_j + u_ij), u_i = -(2 pi / n) sin(2 pi x_i),
            // u_ij = -d_ij (4 pi^2 / n) cos(2 pi x_i)
            use std::f64::consts::TAU;
            let nf = n as f64;
            let r = (x.iter().map(|v| v * v).sum::<f64>() / nf).sqrt();
            let e = (-0.2 * r).exp();
            let (a1, a2) = (4.0 * e, -0.8 * e);
            let b = -(x.iter().map(|v| (TAU * v).cos()).sum::<f64>() / nf).exp();
            let ri: Vec<f64> = x.iter().map(|v| v / (nf * r)).collect();
            let ui: Vec<f64> = x.iter().map(|v| -(TAU / nf) * (TAU * v).sin()).collect();
            for i in 0..n {
                g[i] = a1 * ri[i] + b * ui[i];
                for j in 0..n {
                    let d = if i == j { 1.0 } else { 0.0 };
                    let rij = d / (nf * r) - x[i] * x[j] / (nf * nf * r * r * r);
                    let uij = -d * (TAU * TAU / nf) * (TAU * x[i]).cos();
                    h[i + j * n] = a2 * ri[i] * ri[j] + a1 * rij + b * (ui[i] * ui[j] + uij);
                }
            }
        }
    }
    (g, h)
}

/// Seconds per call from `benches/peers/jax_results.csv` (`family,what,n,seconds`),
/// in nanoseconds.
struct Jax(BTreeMap<(String, String, usize), f64>);

impl Jax {
    fn load(path: &Path) -> Self {
        let mut map = BTreeMap::new();
        for line in std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .skip(1)
        {
            let c: Vec<&str> = line.split(',').map(str::trim).collect();
            if let [fam, what, n, secs] = c[..] {
                if let (Ok(n), Ok(t)) = (n.parse(), secs.parse::<f64>()) {
                    map.insert((fam.to_string(), what.to_string(), n), t * 1e9);
                }
            }
        }
        Self(map)
    }
    fn get(&self, fam: &str, what: &str, n: usize) -> Option<f64> {
        self.0.get(&(fam.to_string(), what.to_string(), n)).copied()
    }
    fn any(&self) -> bool {
        !self.0.is_empty()
    }
}

/// The least-squares slope of `log t` against `log n` (at least two points).
fn slope(pts: impl Iterator<Item = (f64, f64)>) -> Option<f64> {
    let p: Vec<(f64, f64)> = pts.map(|(n, t)| (n.ln(), t.ln())).collect();
    if p.len() < 2 {
        return None;
    }
    let k = p.len() as f64;
    let (mx, my) = (
        p.iter().map(|q| q.0).sum::<f64>() / k,
        p.iter().map(|q| q.1).sum::<f64>() / k,
    );
    let sxy: f64 = p.iter().map(|q| (q.0 - mx) * (q.1 - my)).sum();
    let sxx: f64 = p.iter().map(|q| (q.0 - mx) * (q.0 - mx)).sum();
    Some(sxy / sxx)
}

/// Largest entry error divided by the largest reference entry.
fn normwise(got: &[f64], exact: &[f64]) -> f64 {
    let scale = exact.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    let err = got.iter().zip(exact).fold(0.0_f64, |m, (a, b)| {
        if (a - b).is_nan() {
            f64::NAN
        } else {
            m.max((a - b).abs())
        }
    });
    err / scale
}

// ---------------------------------------------------------------------------
// machine
// ---------------------------------------------------------------------------

fn machine() -> (usize, String, String) {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let date = std::process::Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| "unknown".into());
    (cores, cpu, date)
}

// ---------------------------------------------------------------------------
// charts
// ---------------------------------------------------------------------------

type Series = (String, Vec<(f64, f64)>);

const PALETTE: [RGBColor; 7] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(127, 127, 127),
];

/// A line chart with logarithmic y (and optionally x) axis.
/// `x_sci`: label the x axis in scientific notation (else as integers);
/// `legend`: where the legend goes (somewhere the lines are not).
fn chart(
    path: &Path,
    title: &str,
    (xlabel, ylabel): (&str, &str),
    (log_x, x_sci): (bool, bool),
    legend: SeriesLabelPosition,
    series: &[Series],
) {
    let pts = series
        .iter()
        .flat_map(|(_, s)| s.iter())
        .filter(|p| p.1 > 0.0);
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in pts {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    if x0 > x1 {
        return;
    }
    let (y0, y1) = (y0 / 2.0, y1 * 2.0);
    let root = SVGBackend::new(path, (760, 480)).into_drawing_area();
    let draw = || -> Result<(), Box<dyn std::error::Error + '_>> {
        root.fill(&WHITE)?;
        let mut b = ChartBuilder::on(&root);
        b.caption(title, ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(70);
        macro_rules! body {
            ($ctx:expr) => {{
                let mut ctx = $ctx;
                ctx.configure_mesh()
                    .x_desc(xlabel)
                    .y_desc(ylabel)
                    .y_label_formatter(&|v| format!("{v:.0e}"))
                    .x_label_formatter(&|v| {
                        if x_sci {
                            format!("{v:.0e}")
                        } else {
                            format!("{v:.0}")
                        }
                    })
                    .draw()?;
                for (i, (name, s)) in series.iter().enumerate() {
                    let color = PALETTE[i % PALETTE.len()];
                    let s: Vec<(f64, f64)> = s.iter().copied().filter(|p| p.1 > 0.0).collect();
                    ctx.draw_series(LineSeries::new(s.clone(), color.stroke_width(2)))?
                        .label(name.as_str())
                        .legend(move |(x, y)| {
                            PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2))
                        });
                    ctx.draw_series(s.iter().map(|&p| Circle::new(p, 3, color.filled())))?;
                }
                ctx.configure_series_labels()
                    .background_style(WHITE.mix(0.85))
                    .border_style(BLACK)
                    .position(legend.clone())
                    .draw()?;
            }};
        }
        if log_x {
            body!(b.build_cartesian_2d((x0..x1).log_scale(), (y0..y1).log_scale())?);
        } else {
            body!(b.build_cartesian_2d(x0..x1, (y0..y1).log_scale())?);
        }
        root.present()?;
        Ok(())
    };
    if let Err(e) = draw() {
        eprintln!("chart {}: {e}", path.display());
    }
}

// ---------------------------------------------------------------------------
// the report
// ---------------------------------------------------------------------------

struct Targets(Vec<(String, bool, String)>);

impl Targets {
    fn check(&mut self, what: impl Into<String>, ok: bool, detail: impl Into<String>) {
        self.0.push((what.into(), ok, detail.into()));
    }
}

fn main() {
    if std::env::var_os("HYPERDIFF_REPORT").is_none() {
        println!("benches/report.rs: set HYPERDIFF_REPORT=1 to render docs/benchmarks.md");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let times = Times::load(&target.join("criterion"));
    let docs = root.join("docs");
    std::fs::create_dir_all(&docs).expect("create docs/");
    let reference = scalar_reference();
    let (cores, cpu, date) = machine();
    let mut targets = Targets(vec![]);
    let mut md = String::new();

    let _ = writeln!(md, "# Benchmarks\n");
    let _ = writeln!(
        md,
        "Generated by `benches/report.rs`; do not edit by hand. Regenerate with one command \
         (about 15 minutes on 2 cores):\n\n```text\n{COMMAND}\n```\n\n\
         Quick mode (`HYPERDIFF_BENCH_QUICK=1` before `cargo bench`): n in {{2, 8, 32}}, fewer \
         Taylor/nested orders, 0.1 s warm-up and 0.3 s measurement; the report then shows only \
         what ran.\n"
    );
    let _ = writeln!(
        md,
        "- machine: {cores} cores (`nproc`), {cpu} (`/proc/cpuinfo`), shared with other jobs while \
         measuring, so single figures carry a few percent of noise\n- date: {date}\n\
         - times: criterion's median per call (`target/criterion/**/new/estimates.json`), \
         release profile; warm-up 0.5 s, measurement 1 s, 20 samples (calls slower than 2 ms: \
         10 flat samples)\n- errors: computed by the report generator, not by criterion \
         (see [Accuracy](#how-errors-are-measured))\n"
    );
    if docs.join("benchmarks-ops.md").exists() {
        let _ = writeln!(
            md,
            "Per-operation micro-benchmarks (one multiply, exp, ... per number type): \
             [benchmarks-ops.md](benchmarks-ops.md).\n"
        );
    }
    if docs.join("benchmarks-taylor.md").exists() {
        let _ = writeln!(
            md,
            "Taylor numbers of order 2, 3, 4 against num-dual's `Dual2_64`/`Dual3_64`, \
             before and after: [benchmarks-taylor.md](benchmarks-taylor.md).\n"
        );
    }
    let targets_at = md.len();

    // ----- scalar --------------------------------------------------------------
    let x = SCALAR_X;
    let t = |id: &str| times.get(&format!("scalar/{id}"));
    let value = t("f64");
    let (d1, d2) = (reference[1], reference[2]);
    let nd1 = nd::scalar(&num_dual::Dual64::from(x).derivative()).eps;
    let ndh = nd::scalar(&num_dual::HyperDual64::from(x).derivative1().derivative2());
    let nd2 = nd::scalar(&num_dual::Dual2_64::from(x).derivative());
    let hd = scalar(HyperDual64::variable(x));
    let ty2 = scalar(Taylor64::<2>::variable(x));
    // (id, label, derivative order, our value, num-dual baseline id, fd baseline id)
    let rows: Vec<(&str, &str, usize, f64, &str, &str)> = vec![
        ("f64", "plain `f64` value", 0, scalar(x), "", ""),
        (
            "dual_d1",
            "`Dual64` (ours)",
            1,
            scalar(Dual64::variable(x)).eps,
            "numdual_dual_d1",
            "fd_central_d1",
        ),
        (
            "driver_derivative",
            "`hessian::derivative` (ours)",
            1,
            hyperdiff::hessian::derivative(scalar, x).1,
            "numdual_dual_d1",
            "fd_central_d1",
        ),
        (
            "numdual_dual_d1",
            "num-dual `Dual64`",
            1,
            nd1,
            "numdual_dual_d1",
            "fd_central_d1",
        ),
        (
            "fd_central_d1",
            "central difference",
            1,
            fd::derivative(scalar::<f64>, x, Stencil::Central).1,
            "numdual_dual_d1",
            "fd_central_d1",
        ),
        (
            "fd_five_d1",
            "five-point difference",
            1,
            fd::derivative(scalar::<f64>, x, Stencil::FivePoint).1,
            "numdual_dual_d1",
            "fd_central_d1",
        ),
        (
            "hyperdual_d2",
            "`HyperDual64` (ours)",
            2,
            hd.eps1eps2,
            "numdual_hyperdual_d2",
            "fd_central_d2",
        ),
        (
            "driver_second_derivative",
            "`hessian::second_derivative` (ours)",
            2,
            hyperdiff::hessian::second_derivative(scalar, x).2,
            "numdual_hyperdual_d2",
            "fd_central_d2",
        ),
        (
            "taylor2_d2",
            "`Taylor64<2>` (ours)",
            2,
            ty2.derivative(2),
            "numdual_hyperdual_d2",
            "fd_central_d2",
        ),
        (
            "numdual_hyperdual_d2",
            "num-dual `HyperDual64`",
            2,
            ndh.eps1eps2,
            "numdual_hyperdual_d2",
            "fd_central_d2",
        ),
        (
            "numdual_dual2_d2",
            "num-dual `Dual2_64`",
            2,
            nd2.v2,
            "numdual_hyperdual_d2",
            "fd_central_d2",
        ),
        (
            "fd_central_d2",
            "central difference",
            2,
            fd::second_derivative(scalar::<f64>, x, Stencil::Central).2,
            "numdual_hyperdual_d2",
            "fd_central_d2",
        ),
        (
            "fd_five_d2",
            "five-point difference",
            2,
            fd::second_derivative(scalar::<f64>, x, Stencil::FivePoint).2,
            "numdual_hyperdual_d2",
            "fd_central_d2",
        ),
    ];
    let _ = writeln!(
        md,
        "## Scalar workload\n\n`f(x) = e^x / sqrt(sin^3 x + cos^3 x)` at `x = 1.5` (`benches/scalar.rs`). \
         Rows with a second derivative also return the first. Error: relative to the mpmath \
         reference `benches/data/scalar_reference.txt`.\n"
    );
    let _ = writeln!(
        md,
        "| method | computes | time | vs f64 value | vs num-dual | vs central diff. | rel. error |\n|---|---|---|---|---|---|---|"
    );
    for (id, label, k, got, ndid, fdid) in &rows {
        let tt = t(id);
        let what = ["f", "f, f'", "f, f', f''"][*k];
        let _ = writeln!(
            md,
            "| {label} | {what} | {} | {} | {} | {} | {} |",
            fmt_opt_time(tt),
            fmt_ratio(tt, value),
            if ndid.is_empty() {
                "–".into()
            } else {
                fmt_ratio(tt, t(ndid))
            },
            if fdid.is_empty() {
                "–".into()
            } else {
                fmt_ratio(tt, t(fdid))
            },
            fmt_err(Some(rel(*got, reference[*k]))),
        );
    }
    let _ = d1 + d2;
    if let (Some(v), Some(dd), Some(hh)) = (value, t("dual_d1"), t("hyperdual_d2")) {
        targets.check(
            "`Dual64` evaluation of the scalar workload within 3x of plain `f64`",
            dd / v <= 3.0,
            format!("{:.2}x ({} vs {})", dd / v, fmt_time(dd), fmt_time(v)),
        );
        targets.check(
            "`HyperDual64` evaluation within 6x of plain `f64`",
            hh / v <= 6.0,
            format!("{:.2}x ({} vs {})", hh / v, fmt_time(hh), fmt_time(v)),
        );
    }

    // ----- orders -------------------------------------------------------------
    let taylor_val = |k: usize| -> f64 {
        match k {
            1 => taylor_derivative::<1>(x),
            2 => taylor_derivative::<2>(x),
            4 => taylor_derivative::<4>(x),
            6 => taylor_derivative::<6>(x),
            8 => taylor_derivative::<8>(x),
            12 => taylor_derivative::<12>(x),
            16 => taylor_derivative::<16>(x),
            _ => f64::NAN,
        }
    };
    let nested_val = |k: usize| -> Option<f64> {
        Some(match k {
            1 => nested_derivative::<Nest1>(x),
            2 => nested_derivative::<Nest2>(x),
            4 => nested_derivative::<Nest4>(x),
            6 => nested_derivative::<Nest6>(x),
            8 => nested_derivative::<Nest8>(x),
            _ => return None,
        })
    };
    let to = |f: &str, k: usize| times.get(&format!("scalar_order/{f}/{k}"));
    let _ = writeln!(
        md,
        "\n## k-th derivative: `Taylor<f64, k>` against `k`-fold nested `Dual`\n\n\
         The same scalar workload; `Taylor<f64, k>` carries `k + 1` coefficients (O(k^2) work \
         per operation), `Dual` nested `k` times carries `2^k` components. Error relative to \
         the mpmath reference.\n\n![time vs k](bench_orders.svg)\n"
    );
    let _ = writeln!(
        md,
        "| k | `Taylor<f64, k>` | nested `Dual` | nested / Taylor | Taylor rel. error | nested rel. error |\n|---|---|---|---|---|---|"
    );
    let mut taylor_pts = vec![];
    let mut nested_pts = vec![];
    for k in TAYLOR_ORDERS {
        let (tt, tn) = (to("taylor", k), to("nested_dual", k));
        if tt.is_none() && tn.is_none() {
            continue;
        }
        if let Some(v) = tt {
            taylor_pts.push((k as f64, v));
        }
        if let Some(v) = tn {
            nested_pts.push((k as f64, v));
        }
        let _ = writeln!(
            md,
            "| {k} | {} | {} | {} | {} | {} |",
            fmt_opt_time(tt),
            fmt_opt_time(tn),
            fmt_ratio(tn, tt),
            fmt_err(Some(rel(taylor_val(k), reference[k]))),
            fmt_err(nested_val(k).map(|v| rel(v, reference[k]))),
        );
    }
    if let (Some(a), Some(b)) = (to("taylor", 8), to("nested_dual", 8)) {
        targets.check(
            "f^(8) by `Taylor<_, 8>` at least 20x faster than 8-fold nested `Dual`",
            b / a >= 20.0,
            format!("{:.1}x ({} vs {})", b / a, fmt_time(a), fmt_time(b)),
        );
    }
    chart(
        &docs.join("bench_orders.svg"),
        "k-th derivative of the scalar workload",
        ("k", "time per call [ns]"),
        (false, false),
        SeriesLabelPosition::UpperLeft,
        &[
            ("Taylor<f64, k>".into(), taylor_pts),
            ("k-fold nested Dual".into(), nested_pts),
        ],
    );

    // ----- finite-difference error vs step ---------------------------------------
    let mut c1 = vec![];
    let mut c2 = vec![];
    let mut hs = vec![];
    for i in 0..=56 {
        let h = 10f64.powf(-0.25 * i as f64);
        hs.push(h);
        c1.push((
            h,
            rel(
                fd::derivative_with_step(scalar::<f64>, x, Stencil::Central, h).1,
                reference[1],
            ),
        ));
        c2.push((
            h,
            rel(
                fd::second_derivative_with_step(scalar::<f64>, x, Stencil::Central, h).2,
                reference[2],
            ),
        ));
    }
    // errors of 1 or more (no correct digit) are left off the chart
    c1.retain(|p| p.1 < 1.0);
    c2.retain(|p| p.1 < 1.0);
    // exact AD errors do not depend on h; an error of exactly 0 is drawn at 1e-17
    let floor = |e: f64| e.max(1e-17);
    let ad1 = floor(rel(scalar(Dual64::variable(x)).eps, reference[1]));
    let ad2 = floor(rel(hd.eps1eps2, reference[2]));
    let best1 = c1.iter().fold(f64::MAX, |m, p| m.min(p.1));
    let best2 = c2.iter().fold(f64::MAX, |m, p| m.min(p.1));
    chart(
        &docs.join("bench_fd_error.svg"),
        "relative error vs step h (scalar workload, x = 1.5)",
        ("step h", "relative error"),
        (true, true),
        SeriesLabelPosition::UpperMiddle,
        &[
            ("central difference f'".into(), c1),
            ("central difference f''".into(), c2),
            (
                "Dual64 f' (exact AD)".into(),
                hs.iter().map(|&h| (h, ad1)).collect(),
            ),
            (
                "HyperDual64 f'' (exact AD)".into(),
                hs.iter().map(|&h| (h, ad2)).collect(),
            ),
        ],
    );
    let _ = writeln!(
        md,
        "\n## Finite differences: error against step size\n\n\
         Central differences of the scalar workload for `h = 10^0 ... 10^-14`: truncation error \
         falls as `h^2` until rounding (`~ eps |f| / h` for f', `~ eps |f| / h^2` for f'') takes \
         over. The best step reaches a relative error of {} for f' and {} for f''; the exact \
         derivatives sit at {} and {} for every `h` (an error of exactly 0 is drawn at 1e-17).\n\n\
         ![error vs h](bench_fd_error.svg)\n",
        fmt_err(Some(best1)),
        fmt_err(Some(best2)),
        fmt_err(Some(rel(scalar(Dual64::variable(x)).eps, reference[1]))),
        fmt_err(Some(rel(hd.eps1eps2, reference[2]))),
    );

    // ----- multivariate ------------------------------------------------------------
    let jax = Jax::load(&root.join("benches/peers/jax_results.csv"));
    let _ = writeln!(
        md,
        "\n## Gradients and Hessians\n\n`benches/multivariate.rs`; workloads in \
         `benches/workloads/mod.rs`:\n\n\
         - **rosenbrock**: `sum_i 100 (x_(i+1) - x_i^2)^2 + (1 - x_i)^2` at a seeded point in [-1.5, 1.5]^n;\n\
         - **least_squares**: `||y - A w||^2` with a seeded dense `2n x n` matrix `A`;\n\
         - **tanh_net**: mean squared error of `sum_j v_j tanh(W_j . x_b)` on a fixed batch of {BATCH} samples; \
         `n = h (d + 1)` parameters with input dimension `d = 3` (two features and a constant 1, \
         whose weight is the hidden bias) and hidden width `h = n / 4`; `n = 2` is `d = 1` \
         (bias only), `h = 1`;\n\
         - **ackley**: `-20 exp(-0.2 sqrt(|x|^2 / n)) - exp(sum_i cos(2 pi x_i) / n) + 20 + e` at a \
         seeded point in [-2, 2]^n (a dense Hessian through two sums).\n\n\
         Methods: **ours** = `hessian::gradient` / `hessian::hessian` (chunked `DualVec` / \
         `HyperDualVec` over a slice, any `n`); **ours static** = `hessian::gradient_static` / \
         `hessian::hessian_static` (`N = n` at compile time: one pass for the gradient, and for \
         the Hessian up to `N = 8`, blocks as in `hessian` above); **fd** = \
         `hessian::fd::gradient` / `hessian::fd::hessian` (central stencil, default steps); \
         **nd static** = `num_dual::gradient` / `num_dual::hessian` on `SVector` (`DualSVec64<N>`, \
         `Dual2SVec64<N>`); **nd dyn** = the same on `DVector` (`DualDVec64`, `Dual2DVec64`, \
         heap-allocated derivative parts); **nd passes** = num-dual's `Gradients` trait for `Dyn` \
         (`n` passes of `Dual64` for a gradient, `n^2` passes of `HyperDual64` for a Hessian); \
         **jax** = `jax.jit(jax.grad(f))` / `jax.jit(jax.hessian(f))` on the CPU in float64, from \
         `benches/peers/jax_bench.py` (a separate process, not criterion: best of several timed \
         repeats; see `benches/peers/README.md`; `–` where it was not run). Static sizes are \
         benchmarked for `n <= 16`, nd passes up to 64, fd everywhere but the least-squares \
         Hessian at 256 (seconds per call). Ratios: ours (dynamic driver) divided by the \
         other method (the targets compare like for like: our dynamic driver with num-dual's \
         dynamic variants, our static driver with num-dual's static one); below 1 means ours is faster. \"best nd dyn\" is the faster of nd dyn \
         and nd passes.\n"
    );
    let _ = writeln!(
        md,
        "Errors are `max_ij |H_ij - R_ij| / max_ij |R_ij|` (likewise for gradients) against the \
         closed form `R` evaluated in `f64`: Rosenbrock's gradient and tridiagonal Hessian; \
         `-2 A^T (y - A w)` and `2 A^T A`; for the tanh network the hand-derived \
         `(2/B) sum_b (r_b J_b)` and `(2/B) sum_b (J_b J_b^T + r_b S_b)` (Gauss-Newton term plus \
         residual times the second derivatives of the output); for Ackley the chain rule through \
         its two sums written out (`benches/report.rs`, `closed_form`); not our own AD output.\n"
    );
    let name = |m: Method| match m {
        Method::Ours => "ours",
        Method::OursStatic => "ours static",
        Method::FdCentral => "fd",
        Method::NumDualStatic => "nd static",
        Method::NumDualDyn => "nd dyn",
        Method::NumDualDynPasses => "nd passes",
    };
    // (family, n, ours, best nd dyn) of every Hessian, for the growth exponents
    let mut growth: Vec<(Family, usize, f64, Option<f64>)> = vec![];
    for family in Family::ALL {
        let fam = family.name();
        let mut hess_series: Vec<Series> = Method::ALL
            .iter()
            .map(|&m| (name(m).to_string(), vec![]))
            .collect();
        hess_series.push(("jax".into(), vec![]));
        let _ = writeln!(md, "### {fam}\n");
        for what in ["gradient", "hessian"] {
            let tm = |m: Method, n: usize| times.get(&format!("{fam}_{what}/{}/{n}", m.name()));
            let _ = writeln!(
                md,
                "**{what}** — time per call, ratios of ours to others, errors\n\n\
                 | n | f64 value | ours | ours static | fd | nd static | nd dyn | nd passes | jax | ours / value | ours static / nd static | ours / best nd dyn | ours / fd | ours / jax | err ours | err ours static | err fd | err nd static | err nd dyn | err nd passes |\n\
                 |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
            );
            for &n in &SIZES {
                let ours = tm(Method::Ours, n);
                if ours.is_none() {
                    continue;
                }
                let p = Problem::new(family, n);
                let (g_exact, h_exact) = closed_form(&p);
                let val = times.get(&format!("{fam}_value/f64/{n}"));
                let best_dyn = match (tm(Method::NumDualDyn, n), tm(Method::NumDualDynPasses, n)) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                let tj = jax.get(fam, what, n);
                let mut row = format!("| {n} | {} ", fmt_opt_time(val));
                for m in Method::ALL {
                    let _ = write!(row, "| {} ", fmt_opt_time(tm(m, n)));
                }
                let nd_static = tm(Method::NumDualStatic, n);
                let fdt = tm(Method::FdCentral, n);
                let _ = write!(
                    row,
                    "| {} | {} | {} | {} | {} | {} ",
                    fmt_opt_time(tj),
                    fmt_ratio(ours, val),
                    fmt_ratio(tm(Method::OursStatic, n), nd_static),
                    fmt_ratio(ours, best_dyn),
                    fmt_ratio(ours, fdt),
                    fmt_ratio(ours, tj),
                );
                let mut errs = BTreeMap::new();
                for m in Method::ALL {
                    let e = if !m.supports(family, n) {
                        None
                    } else if what == "gradient" {
                        gradient_by(m, &p).map(|g| normwise(&g, &g_exact))
                    } else {
                        hessian_by(m, &p).map(|h| normwise(&h, &h_exact))
                    };
                    errs.insert(m.name(), e);
                    let _ = write!(row, "| {} ", fmt_err(e));
                }
                let _ = writeln!(md, "{row}|");
                if what == "hessian" {
                    for (i, m) in Method::ALL.iter().enumerate() {
                        if let Some(v) = tm(*m, n) {
                            hess_series[i].1.push((n as f64, v));
                        }
                    }
                    if let Some(v) = tj {
                        hess_series[Method::ALL.len()].1.push((n as f64, v));
                    }
                    if let Some(o) = ours {
                        growth.push((family, n, o, tm(Method::NumDualDyn, n)));
                    }
                }
                // targets, like for like: dynamic against dynamic, static against static
                let ours_s = ours.unwrap_or(f64::NAN);
                if let Some(b) = best_dyn {
                    targets.check(
                        format!("{fam} {what}, n = {n}: ours (dynamic) <= num-dual (dynamic)"),
                        ours_s <= b,
                        format!(
                            "ours {} vs faster num-dual dynamic variant {} ({:.2}x)",
                            fmt_time(ours_s),
                            fmt_time(b),
                            ours_s / b
                        ),
                    );
                }
                if let (Some(a), Some(b)) = (tm(Method::OursStatic, n), nd_static) {
                    targets.check(
                        format!("{fam} {what}, n = {n}: ours (static) <= num-dual (static)"),
                        a <= b,
                        format!(
                            "ours {} vs num-dual {} ({:.2}x)",
                            fmt_time(a),
                            fmt_time(b),
                            a / b
                        ),
                    );
                }
                if what == "hessian" {
                    if let (Some(a), Some(o)) = (tm(Method::OursStatic, n), ours) {
                        targets.check(
                            format!("{fam} hessian, n = {n}: ours (static) <= ours (dynamic)"),
                            a <= o * 1.05,
                            format!(
                                "{:.2}x of the dynamic driver's time (5% noise allowed)",
                                a / o
                            ),
                        );
                    }
                }
                if n >= 16 && what == "gradient" {
                    if let Some(b) = best_dyn {
                        targets.check(
                            format!("{fam} {what}, n = {n}: ours <= 0.5x num-dual dynamic"),
                            ours_s <= 0.5 * b,
                            format!("{:.2}x of the faster num-dual dynamic variant", ours_s / b),
                        );
                    }
                }
                if what == "hessian" && n >= 4 {
                    if let Some(f) = fdt {
                        let eo = errs[Method::Ours.name()].unwrap_or(f64::NAN);
                        let ef = errs[Method::FdCentral.name()].unwrap_or(f64::NAN);
                        targets.check(
                            format!("{fam} hessian, n = {n}: <= 0.5x central differences"),
                            ours_s <= 0.5 * f,
                            format!("{:.2}x of fd's time", ours_s / f),
                        );
                        targets.check(
                            format!(
                                "{fam} hessian, n = {n}: error <= 1e-12 (fd: {})",
                                fmt_err(Some(ef))
                            ),
                            eo <= 1e-12,
                            format!("ours {}", fmt_err(Some(eo))),
                        );
                    }
                }
            }
            let _ = writeln!(md);
        }
        let svg = format!("bench_hessian_{fam}.svg");
        chart(
            &docs.join(&svg),
            &format!("Hessian of {fam}: time vs n"),
            ("n", "time per call [ns]"),
            (true, true),
            SeriesLabelPosition::UpperLeft,
            &hess_series,
        );
        let _ = writeln!(md, "![Hessian time vs n, {fam}]({svg})\n");
    }

    // ----- growth exponents ----------------------------------------------------------
    let _ = writeln!(
        md,
        "### Growth of the Hessian's cost with n\n\nLeast-squares slope of log(time) against \
         log(n) over n = 16 ... 256 (the sizes that ran):\n\n| workload | ours | nd dyn |\n|---|---|---|"
    );
    for family in Family::ALL {
        let pts: Vec<_> = growth
            .iter()
            .filter(|g| g.0 == family && (16..=256).contains(&g.1))
            .collect();
        let ours = slope(pts.iter().map(|g| (g.1 as f64, g.2)));
        let nd = slope(pts.iter().filter_map(|g| g.3.map(|t| (g.1 as f64, t))));
        let _ = writeln!(
            md,
            "| {} | {} | {} |",
            family.name(),
            ours.map_or("–".into(), |e| format!("{e:.2}")),
            nd.map_or("–".into(), |e| format!("{e:.2}"))
        );
        if family == Family::LeastSquares {
            if let Some(e) = ours {
                targets.check(
                    "least_squares hessian: growth exponent <= 3.0 over n = 16..256",
                    e <= 3.0,
                    format!(
                        "{e:.2} (num-dual dynamic: {})",
                        nd.map_or("–".into(), |e| format!("{e:.2}"))
                    ),
                );
            }
        }
    }
    let _ = writeln!(md);

    // ----- JAX per entry -------------------------------------------------------------
    if jax.any() {
        let _ = writeln!(
            md,
            "### Per Hessian entry at n = 256\n\nTime per call divided by `n^2 = 65536` \
             entries. JAX's `hessian` (forward over reverse, jit-compiled into one XLA program) \
             costs `O(n^2)` flops for these functions; our blocked forward mode costs `O(n^2)` \
             evaluations of `f` (Rosenbrock, Ackley: `O(n)` each), so at large `n` JAX wins by \
             the factor shown; at small `n` its per-call dispatch (microseconds) loses.\n\n\
             | workload | ours | fd | jax | ours / jax |\n|---|---|---|---|---|"
        );
        for family in Family::ALL {
            let fam = family.name();
            let per = |t: Option<f64>| t.map(|t| t / 65536.0);
            let o = per(times.get(&format!("{fam}_hessian/ours/256")));
            let f = per(times.get(&format!("{fam}_hessian/fd_central/256")));
            let j = per(jax.get(fam, "hessian", 256));
            let _ = writeln!(
                md,
                "| {fam} | {} | {} | {} | {} |",
                fmt_opt_time(o),
                fmt_opt_time(f),
                fmt_opt_time(j),
                fmt_ratio(o, j)
            );
        }
        let _ = writeln!(md);
    }

    // ----- parallel -------------------------------------------------------------------
    let par: Vec<(usize, f64, f64)> = SIZES
        .iter()
        .filter_map(|&n| {
            let s = times.get(&format!("parallel_hessian/sequential/{n}"))?;
            let p = times.get(&format!("parallel_hessian/parallel/{n}"))?;
            Some((n, s, p))
        })
        .collect();
    if !par.is_empty() {
        let _ = writeln!(
            md,
            "### Parallel Hessian (feature `rayon`)\n\nThe tanh network's Hessian by `hessian` and \
             `hessian_par` in one criterion group ({cores} cores, shared with other jobs while \
             measuring):\n\n| n | sequential | parallel | speedup |\n|---|---|---|---|"
        );
        for &(n, sq, pp) in &par {
            let _ = writeln!(
                md,
                "| {n} | {} | {} | {:.2}x |",
                fmt_time(sq),
                fmt_time(pp),
                sq / pp
            );
        }
        let _ = writeln!(md);
        if let Some(&(n, sq, pp)) = par.iter().find(|p| p.0 == 256) {
            let want = 0.9 * cores as f64;
            targets.check(
                format!("tanh_net hessian, n = {n}: parallel speedup >= 0.9 x {cores} cores"),
                sq / pp >= want,
                format!("{:.2}x ({} vs {})", sq / pp, fmt_time(pp), fmt_time(sq)),
            );
        }
    }

    // targets measured outside criterion (written by hand, with their commands)
    if let Ok(t) = std::fs::read_to_string(root.join("benches/data/targets_measured.tsv")) {
        for line in t
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.split('\t').collect();
            if let [what, met, detail] = cols[..] {
                targets.check(what, met == "yes", detail);
            }
        }
    }

    // ----- how errors are measured, history --------------------------------------------
    let _ = writeln!(
        md,
        "## How errors are measured\n\n\
         - scalar: `|got - ref| / |ref|` with `ref` from `scripts/bench_reference.py` (mpmath \
         Taylor expansion at 90 digits, checked against 60 digits);\n\
         - gradients and Hessians: the largest entry error divided by the largest entry of the \
         closed form (so exact zeros of sparse Hessians do not divide by zero); the closed form \
         itself is evaluated in `f64`, so errors near 1e-16 are at the reference's own rounding \
         level.\n"
    );
    let analysis = root.join("benches/data/analysis.md");
    if let Ok(a) = std::fs::read_to_string(&analysis) {
        let _ = writeln!(md, "## Analysis of the misses\n\n{}", a.trim_end());
        let _ = writeln!(md);
    }
    let history = root.join("benches/data/history.md");
    if let Ok(h) = std::fs::read_to_string(&history) {
        let _ = writeln!(md, "## History\n\n{}", h.trim_end());
        let _ = writeln!(md);
    }

    // targets block, inserted near the top
    let mut tb = String::from("## Targets\n\n| target | met | measured |\n|---|---|---|\n");
    for (what, ok, detail) in &targets.0 {
        let _ = writeln!(
            tb,
            "| {what} | {} | {detail} |",
            if *ok { "yes" } else { "**no**" }
        );
    }
    let missed = targets.0.iter().filter(|t| !t.1).count();
    let _ = writeln!(
        tb,
        "\n{} of {} checks met. Causes of the misses: [Analysis of the misses](#analysis-of-the-misses); \
         what changed the figures: [History](#history).\n",
        targets.0.len() - missed,
        targets.0.len()
    );
    md.insert_str(targets_at, &tb);

    let out = docs.join("benchmarks.md");
    std::fs::write(&out, md).expect("write docs/benchmarks.md");
    println!(
        "wrote {} ({} timings read, {} of {} target checks met)",
        out.display(),
        times.0.len(),
        targets.0.len() - missed,
        targets.0.len()
    );
}
