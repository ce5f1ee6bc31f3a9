//! Peak memory of a sparse Hessian: builds the plan of the Ginzburg-Landau
//! grid energy (terms form) on an `m x m` grid and evaluates one Hessian, then
//! prints the peak resident set size of the process (`VmHWM` in
//! `/proc/self/status`, Linux) beside `n` and the number of nonzeros.
//!
//! ```text
//! cargo run --release --example sparse_memory -- 1000        # n = 10^6
//! cargo run --release --example sparse_memory -- 1000 scalar # the scalar form
//! ```
//!
//! Run one size per process: the peak is the process's, not the call's.

use hyperdiff::prelude::*;

#[path = "../benches/sparse_workloads/mod.rs"]
mod sparse_workloads;
use sparse_workloads::*;

/// The peak resident set size of this process in KiB, where Linux reports it.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// One plan and one Hessian on an `m x m` grid; returns `(n, nnz)`.
pub fn run(m: usize, scalar: bool) -> (usize, usize) {
    let n = m * m;
    let x = point(n, -1.0, 1.0);
    let (v, nnz) = if scalar {
        let f = GinzburgLandauSum(m);
        let plan = SparseHessian::new(&f, &x).expect("a plan");
        let (v, _, h) = plan.hessian(&f, &x).expect("a Hessian");
        (v, h.nnz())
    } else {
        let g = GinzburgLandau(m);
        let plan = SparseHessian::of_terms(&g, &x).expect("a plan");
        let (v, _, h) = plan.hessian(&g, &x).expect("a Hessian");
        (v, h.nnz())
    };
    assert!(v.is_finite());
    // the 5-point pattern: n diagonal entries and two per grid edge
    assert_eq!(nnz, n + 4 * m * (m - 1));
    (n, nnz)
}

pub fn main() {
    let mut args = std::env::args().skip(1);
    let m = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let scalar = args.next().is_some_and(|a| a == "scalar");
    let (n, nnz) = run(m, scalar);
    match peak_rss_kib() {
        Some(kib) => {
            let bytes = kib as f64 * 1024.0;
            println!(
                "n = {n}, nnz = {nnz}, form = {}: peak RSS {:.1} MiB = {:.0} bytes per (n + nnz)",
                if scalar { "scalar" } else { "terms" },
                bytes / (1024.0 * 1024.0),
                bytes / (n + nnz) as f64
            );
        }
        None => println!("n = {n}, nnz = {nnz}: peak RSS not available on this system"),
    }
}
