//! Runs every example once, in this test process: each example file is
//! compiled here as a module (`#[path]`) and its entry point is called, so
//! `cargo test` both builds and executes the examples without re-entering
//! cargo. The examples assert what they print.
//!
//! The examples that draw a chart write into `docs/` when run with
//! `cargo run --example`; here their `run(dir)` writes into Cargo's scratch
//! directory for integration tests instead, so the test suite never rewrites
//! committed files.

use std::path::Path;

#[path = "../examples/tour.rs"]
mod tour;

#[path = "../examples/critical_points.rs"]
mod critical_points;

#[path = "../examples/newton.rs"]
mod newton;

#[path = "../examples/curvature.rs"]
mod curvature;

#[path = "../examples/double_pendulum.rs"]
mod double_pendulum;

#[allow(dead_code)] // `main` writes into docs/; the test calls `run`
#[path = "../examples/sharp_flat_minima.rs"]
mod sharp_flat_minima;

#[allow(dead_code)] // `main` writes into docs/; the test calls `run`
#[path = "../examples/taylor_approximation.rs"]
mod taylor_approximation;

#[allow(dead_code)] // `main` reads its size from the command line; the test calls `run`
#[allow(clippy::duplicate_mod)] // both sparse examples include benches/sparse_workloads
#[path = "../examples/sparse_memory.rs"]
mod sparse_memory;

#[allow(dead_code)] // `main` writes into docs/; the test calls `run`
#[path = "../examples/sparse_figures.rs"]
mod sparse_figures;

/// A fresh scratch directory for one example's output files.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).expect("create the scratch directory");
    dir
}

/// The chart `file` in `dir` exists and is an SVG document.
fn assert_svg(dir: &Path, file: &str) {
    let svg = std::fs::read_to_string(dir.join(file)).expect("the chart was written");
    assert!(svg.starts_with("<svg"), "{file} is not an SVG document");
    assert!(svg.trim_end().ends_with("</svg>"), "{file} is truncated");
}

#[test]
fn tour() {
    tour::main();
}

#[test]
fn critical_points() {
    critical_points::main();
}

#[test]
fn newton() {
    newton::main();
}

#[test]
fn curvature() {
    curvature::main();
}

#[test]
fn double_pendulum() {
    double_pendulum::main();
}

#[test]
fn sharp_flat_minima() {
    let dir = scratch("sharp_flat_minima");
    sharp_flat_minima::run(&dir);
    assert_svg(&dir, "sharp-flat-minima.svg");
}

#[test]
fn taylor_approximation() {
    let dir = scratch("taylor_approximation");
    taylor_approximation::run(&dir);
    assert_svg(&dir, "taylor-approximation.svg");
}

#[test]
fn sparse_figures() {
    let dir = scratch("sparse_figures");
    sparse_figures::run(&dir, true);
    for file in [
        "sparse-brusselator.svg",
        "sparse-grid.svg",
        "sparse-time.svg",
    ] {
        assert_svg(&dir, file);
    }
}

#[test]
fn sparse_memory() {
    assert_eq!(sparse_memory::run(10, false), (100, 100 + 4 * 10 * 9));
    assert_eq!(sparse_memory::run(10, true), (100, 100 + 4 * 10 * 9));
}
