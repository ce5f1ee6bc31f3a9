//! Tracing a function once to find its Jacobian or Hessian pattern.

use super::pattern::{Rows, Walker, full, symmetric};
use super::tracer::{Trace, Tracer};
use crate::nesting::{Level, confusion};
use crate::{Error, Function, VectorFunction};
use dual::DualNum;
use nalgebra_sparse::pattern::SparsityPattern;

/// Why a trace gave no pattern of its own.
pub(crate) enum Failure {
    /// Called inside another trace's function on this thread.
    Nested(Error),
    /// A tracer from another evaluation was used, or the tape ran out of ids:
    /// the pattern is unknown, so only the full one is safe (`m` outputs).
    Unknown { m: usize },
}

fn inputs<F: DualNum<F>, T: DualNum<F>>(trace: &Trace, x: &[T]) -> Vec<Tracer<F>> {
    x.iter()
        .enumerate()
        .map(|(i, xi)| trace.input(i, xi.re()))
        .collect()
}

/// Trace `g` once at `x` (recording nonlinear unary operations too if
/// `second_order`) and `read` the tape from the node of every output.
fn trace_outputs<F, T, G, R>(
    g: &G,
    x: &[T],
    second_order: bool,
    read: impl FnOnce(&mut Walker<'_>, &[Option<u32>]) -> R,
) -> Result<R, Failure>
where
    F: DualNum<F>,
    T: DualNum<F>,
    G: VectorFunction<F> + ?Sized,
{
    let _level =
        Level::of::<Tracer<F>>().ok_or_else(|| Failure::Nested(confusion::<Tracer<F>>()))?;
    let trace = Trace::start(x.len(), second_order);
    let ys = g.eval(&inputs(&trace, x));
    let m = ys.len();
    let mut roots = Vec::with_capacity(m);
    for y in &ys {
        roots.push(trace.output(y).map_err(|()| Failure::Unknown { m })?);
    }
    drop(ys);
    trace.with_tape(|tape| {
        if tape.poisoned {
            return Err(Failure::Unknown { m });
        }
        Ok(read(&mut Walker::new(tape), &roots))
    })
}

/// The `m x n` Jacobian pattern of `g` at `x`.
pub(crate) fn jacobian<F, T, G>(g: &G, x: &[T]) -> Result<SparsityPattern, Failure>
where
    F: DualNum<F>,
    T: DualNum<F>,
    G: VectorFunction<F> + ?Sized,
{
    trace_outputs(g, x, false, |w, roots| {
        let mut rows = Rows::new(roots.len());
        for &root in roots {
            rows.push_inputs_of(w, root);
        }
        rows.finish(x.len())
    })
}

/// The symmetric `n x n` Hessian pattern of `f` at `x`, both triangles.
pub(crate) fn hessian<F, T>(
    f: impl FnOnce(&[Tracer<F>]) -> Tracer<F>,
    x: &[T],
) -> Result<SparsityPattern, Failure>
where
    F: DualNum<F>,
    T: DualNum<F>,
{
    let _level =
        Level::of::<Tracer<F>>().ok_or_else(|| Failure::Nested(confusion::<Tracer<F>>()))?;
    let n = x.len();
    let trace = Trace::start(n, true);
    let y = f(&inputs(&trace, x));
    let root = trace.output(&y).map_err(|()| Failure::Unknown { m: n })?;
    trace.with_tape(|tape| {
        if tape.poisoned {
            return Err(Failure::Unknown { m: n });
        }
        let mut pairs = Vec::new();
        if let Some(r) = root {
            Walker::new(tape).hessian_pairs(r, &mut pairs);
        }
        Ok(symmetric(n, &pairs))
    })
}

/// For `f = Σ_k g_k` on `n` variables: which variables each term reads
/// (`variables[var_offsets[k]..var_offsets[k + 1]]`, sorted: the rows of the
/// `m x n` incidence), the pairs `(i <= j)` where the second derivatives of
/// each term may be nonzero (term after term, each term's sorted), and the
/// terms in runs of the same shape.
pub(crate) struct Terms {
    pub(crate) n: usize,
    pub(crate) var_offsets: Vec<usize>,
    pub(crate) variables: Vec<u32>,
    pub(crate) pairs: Vec<(u32, u32)>,
    pub(crate) runs: Vec<Run>,
}

/// A run of consecutive terms of the same shape: each reads `vars` variables
/// and has `pairs` pairs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Run {
    pub(crate) terms: usize,
    pub(crate) vars: usize,
    pub(crate) pairs: usize,
}

impl Terms {
    /// The incidence as a pattern (`m x n`).
    pub(crate) fn incidence(&self) -> SparsityPattern {
        let indices = self.variables.iter().map(|&i| i as usize).collect();
        let m = self.var_offsets.len() - 1;
        SparsityPattern::try_from_offsets_and_indices(m, self.n, self.var_offsets.clone(), indices)
            .unwrap_or_else(|_| SparsityPattern::zeros(m, self.n))
    }
}

/// The capacity of the lists of [`terms`] at the start, per term.
const RESERVED_PER_TERM: usize = 4;

/// One second-order trace of the terms `g`.
pub(crate) fn terms<F, T, G>(g: &G, x: &[T]) -> Result<Terms, Failure>
where
    F: DualNum<F>,
    T: DualNum<F>,
    G: VectorFunction<F> + ?Sized,
{
    trace_outputs(g, x, true, |w, roots| {
        let mut var_offsets = Vec::with_capacity(roots.len() + 1);
        var_offsets.push(0);
        // room for a few variables and pairs per term up front, so that the
        // lists rarely grow by copying (untouched capacity costs no memory)
        let m = roots.len();
        // (a reservation the allocator refuses is skipped: the lists grow)
        let (mut variables, mut pairs) = (Vec::new(), Vec::new());
        let _ = variables.try_reserve(m.saturating_mul(RESERVED_PER_TERM));
        let _ = pairs.try_reserve(m.saturating_mul(RESERVED_PER_TERM));
        let mut row = Vec::new();
        let mut runs: Vec<Run> = Vec::new();
        for &root in roots {
            let start = pairs.len();
            row.clear();
            if let Some(r) = root {
                w.hessian_pairs_and_inputs(r, &mut pairs, Some(&mut row));
                row.sort_unstable();
                pairs[start..].sort_unstable();
                let mut keep = start;
                for k in start..pairs.len() {
                    if k == start || pairs[k] != pairs[keep - 1] {
                        pairs[keep] = pairs[k];
                        keep += 1;
                    }
                }
                pairs.truncate(keep);
            }
            variables.extend_from_slice(&row);
            var_offsets.push(variables.len());
            let shape = (row.len(), pairs.len() - start);
            match runs.last_mut() {
                Some(r) if (r.vars, r.pairs) == shape => r.terms += 1,
                _ => runs.push(Run {
                    terms: 1,
                    vars: shape.0,
                    pairs: shape.1,
                }),
            }
        }
        variables.shrink_to_fit(); // kept by the plan
        Terms {
            n: x.len(),
            var_offsets,
            variables,
            pairs,
            runs,
        }
    })
}

/// The pattern, or the full one where tracing could not tell.
pub(crate) fn or_full(p: Result<SparsityPattern, Failure>, n: usize) -> SparsityPattern {
    match p {
        Ok(p) => p,
        Err(Failure::Nested(_)) => full(n, n),
        Err(Failure::Unknown { m }) => full(m, n),
    }
}

/// The pattern, or for a plan: the error of a nested call, or the full
/// pattern where tracing could not tell (if it can be held).
pub(crate) fn for_plan(
    p: Result<SparsityPattern, Failure>,
    n: usize,
) -> Result<SparsityPattern, Error> {
    match p {
        Ok(p) => Ok(p),
        Err(Failure::Nested(e)) => Err(e),
        Err(Failure::Unknown { m }) => {
            let entries = (m as u128) * (n as u128);
            let bytes = entries * core::mem::size_of::<usize>() as u128;
            if bytes > isize::MAX as u128 / 2 {
                Err(Error::TooLarge { entries, bytes })
            } else {
                Ok(full(m, n))
            }
        }
    }
}

/// The Hessian pattern of a function (its sum, for a vector function).
pub(crate) fn hessian_of<F, T, G>(f: &G, x: &[T]) -> Result<SparsityPattern, Failure>
where
    F: DualNum<F>,
    T: DualNum<F>,
    G: Function<F> + ?Sized,
{
    hessian(|xs| f.eval(xs), x)
}

/// Whether every entry of `a` is an entry of `b` (same shape).
pub(crate) fn is_subset(a: &SparsityPattern, b: &SparsityPattern) -> bool {
    a.major_dim() == b.major_dim()
        && a.minor_dim() == b.minor_dim()
        && (0..a.major_dim()).all(|i| {
            let rb = b.lane(i);
            a.lane(i).iter().all(|j| rb.binary_search(j).is_ok())
        })
}
