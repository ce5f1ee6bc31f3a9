//! Dependency sets on a recorded tape, and sparsity patterns built from them.

use super::tracer::{Op, Tape};
use crate::{Argument, Error};
use nalgebra_sparse::CsrMatrix;
use nalgebra_sparse::pattern::SparsityPattern;

/// Walks the tape backwards to find the inputs a node depends on.
///
/// Each walk marks the ids it visits (a bit each, cleared after the walk), so one id is visited
/// at most once per walk. Sets asked for by [`Walker::set`] are memoised, and
/// later walks stop at memoised nodes: a chain of nonlinear operations
/// `sin(sin(...(x)))` costs one step per node, not a walk to the bottom each.
pub(crate) struct Walker<'t> {
    tape: &'t Tape,
    marks: Marks,
    stack: Vec<u32>,
    /// For each node (not input), where its memoised set is in `pool`: its
    /// length there, then its elements (`UNSET` if not memoised).
    memo: Vec<u32>,
    pool: Vec<u32>,
    /// Scratch for [`Walker::hessian_pairs`].
    reach: Vec<u32>,
    sa: Vec<u32>,
    sb: Vec<u32>,
    /// Scratch for [`Walker::set`].
    reach_set: Vec<u32>,
    one: u32,
}

const UNSET: u32 = u32::MAX;

impl<'t> Walker<'t> {
    pub(crate) fn new(tape: &'t Tape) -> Self {
        let total = tape.inputs as usize + tape.ops.len();
        Self {
            tape,
            marks: Marks::new(total),
            stack: Vec::new(),
            memo: Vec::new(),
            pool: Vec::new(),
            reach: Vec::new(),
            sa: Vec::new(),
            sb: Vec::new(),
            reach_set: Vec::new(),
            one: 0,
        }
    }

    fn op(&self, id: u32) -> Op {
        self.tape.ops[(id - self.tape.inputs) as usize].op()
    }

    fn children(op: Op) -> (u32, Option<u32>) {
        match op {
            Op::Unary(a) => (a, None),
            Op::Linear(a, b) | Op::Mul(a, b) | Op::Div(a, b) | Op::Binary(a, b) => (a, Some(b)),
        }
    }

    /// The inputs `root` depends on, appended to `out` unsorted.
    pub(crate) fn inputs_of(&mut self, root: u32, out: &mut Vec<u32>) {
        self.marks.clear();
        let inputs = self.tape.inputs;
        self.stack.clear();
        self.stack.push(root);
        self.marks.mark(root);
        while let Some(v) = self.stack.pop() {
            if v < inputs {
                out.push(v);
                continue;
            }
            let memo = self
                .memo
                .get((v - inputs) as usize)
                .copied()
                .unwrap_or(UNSET);
            if memo != UNSET {
                let start = memo as usize + 1;
                let len = self.pool[memo as usize] as usize;
                for k in start..start + len {
                    let i = self.pool[k];
                    if self.marks.mark(i) {
                        out.push(i);
                    }
                }
                continue;
            }
            let (a, b) = Self::children(self.op(v));
            for c in core::iter::once(a).chain(b) {
                if self.marks.mark(c) {
                    self.stack.push(c);
                }
            }
        }
    }

    /// The sorted set of inputs `id` depends on, memoised.
    pub(crate) fn set(&mut self, id: u32) -> &[u32] {
        let inputs = self.tape.inputs;
        if id < inputs {
            self.one = id;
            return core::slice::from_ref(&self.one);
        }
        let k = (id - inputs) as usize;
        if self.memo.is_empty() {
            self.memo = vec![UNSET; self.tape.ops.len()];
            // room for a few entries per input up front, so that the pool
            // rarely grows by copying (untouched capacity costs no memory; a
            // reservation the allocator refuses is skipped)
            let _ = self
                .pool
                .try_reserve((self.tape.inputs as usize).saturating_mul(4));
        }
        if self.memo[k] == UNSET {
            let mut out = core::mem::take(&mut self.reach_set);
            out.clear();
            self.inputs_of(id, &mut out);
            out.sort_unstable();
            let start = self.pool.len();
            // the length fits: a set holds distinct inputs, fewer than 2^29;
            // pool offsets fit in u32 as long as the pool does; beyond, stop memoising
            self.pool.push(out.len() as u32);
            self.pool.extend_from_slice(&out);
            self.reach_set = out;
            match u32::try_from(start) {
                Ok(s) if s != UNSET => self.memo[k] = s,
                _ => {}
            }
            return &self.pool[start + 1..];
        }
        let s = self.memo[k] as usize;
        let len = self.pool[s] as usize;
        &self.pool[s + 1..s + 1 + len]
    }

    /// Pairs `(i, j)`, `i <= j`, where the second derivatives of `root` may be
    /// nonzero: the local contributions of every nonlinear node `root`
    /// depends on.
    pub(crate) fn hessian_pairs(&mut self, root: u32, pairs: &mut Vec<(u32, u32)>) {
        self.hessian_pairs_and_inputs(root, pairs, None);
    }

    /// [`Walker::hessian_pairs`], and the inputs `root` depends on appended
    /// to `found` (unsorted) from the same walk.
    pub(crate) fn hessian_pairs_and_inputs(
        &mut self,
        root: u32,
        pairs: &mut Vec<(u32, u32)>,
        mut found: Option<&mut Vec<u32>>,
    ) {
        let inputs = self.tape.inputs;
        if root < inputs {
            if let Some(f) = found {
                f.push(root);
            }
            return;
        }
        // the nodes root depends on, in increasing order (operands first)
        self.marks.clear();
        let mut reach = core::mem::take(&mut self.reach);
        reach.clear();
        self.stack.clear();
        self.stack.push(root);
        self.marks.mark(root);
        while let Some(v) = self.stack.pop() {
            if v < inputs {
                if let Some(f) = found.as_deref_mut() {
                    f.push(v);
                }
                continue;
            }
            reach.push(v - inputs);
            let (a, b) = Self::children(self.op(v));
            for c in core::iter::once(a).chain(b) {
                if self.marks.mark(c) {
                    self.stack.push(c);
                }
            }
        }
        reach.sort_unstable();
        let mut sa = core::mem::take(&mut self.sa);
        let mut sb = core::mem::take(&mut self.sb);
        for &k in &reach {
            match self.tape.ops[k as usize].op() {
                Op::Linear(..) => {}
                Op::Unary(a) => {
                    sa.clear();
                    sa.extend_from_slice(self.set(a));
                    square(&sa, pairs);
                }
                Op::Mul(a, b) => {
                    sa.clear();
                    sa.extend_from_slice(self.set(a));
                    sb.clear();
                    sb.extend_from_slice(self.set(b));
                    cross(&sa, &sb, pairs);
                }
                Op::Div(a, b) => {
                    sa.clear();
                    sa.extend_from_slice(self.set(a));
                    sb.clear();
                    sb.extend_from_slice(self.set(b));
                    cross(&sa, &sb, pairs);
                    square(&sb, pairs);
                }
                Op::Binary(a, b) => {
                    sa.clear();
                    sa.extend_from_slice(self.set(a));
                    sa.extend_from_slice(self.set(b));
                    sa.sort_unstable();
                    sa.dedup();
                    square(&sa, pairs);
                }
            }
        }
        self.reach = reach;
        self.sa = sa;
        self.sb = sb;
    }
}

/// A set of ids below a length fixed up front, as bits.
pub(crate) struct Bits(Vec<u64>);

impl Bits {
    pub(crate) fn new(len: usize) -> Self {
        Self(vec![0; len.div_ceil(64)])
    }

    /// Mark `id` (below the length); whether it was unmarked.
    #[inline]
    pub(crate) fn mark(&mut self, id: u32) -> bool {
        let (word, bit) = ((id >> 6) as usize, 1u64 << (id & 63));
        let fresh = self.0[word] & bit == 0;
        self.0[word] |= bit;
        fresh
    }
}

/// A set of ids as [`Bits`], with the list of those set so that clearing
/// costs only what was marked (a walk touches a small part of a large tape).
struct Marks {
    bits: Bits,
    touched: Vec<u32>,
}

impl Marks {
    fn new(len: usize) -> Self {
        Self {
            bits: Bits::new(len),
            touched: Vec::new(),
        }
    }

    /// Mark `id`; whether it was unmarked.
    #[inline]
    fn mark(&mut self, id: u32) -> bool {
        let fresh = self.bits.mark(id);
        if fresh {
            self.touched.push(id);
        }
        fresh
    }

    fn clear(&mut self) {
        for &id in &self.touched {
            self.bits.0[(id >> 6) as usize] = 0;
        }
        self.touched.clear();
    }
}

/// Every pair of a sorted set, `i <= j`.
fn square(s: &[u32], pairs: &mut Vec<(u32, u32)>) {
    for (k, &i) in s.iter().enumerate() {
        pairs.extend(s[k..].iter().map(|&j| (i, j)));
    }
}

/// Every pair across two sets, ordered `i <= j`.
fn cross(a: &[u32], b: &[u32], pairs: &mut Vec<(u32, u32)>) {
    for &i in a {
        pairs.extend(b.iter().map(|&j| (i.min(j), i.max(j))));
    }
}

/// Builds a pattern row by row, without a vector per row.
pub(crate) struct Rows {
    offsets: Vec<usize>,
    indices: Vec<usize>,
    row: Vec<u32>,
}

impl Rows {
    pub(crate) fn new(capacity: usize) -> Self {
        let mut offsets = Vec::with_capacity(capacity + 1);
        offsets.push(0);
        Self {
            offsets,
            indices: Vec::new(),
            row: Vec::new(),
        }
    }

    /// Append the row of the inputs `root` depends on (empty for `None`).
    pub(crate) fn push_inputs_of(&mut self, w: &mut Walker<'_>, root: Option<u32>) {
        self.row.clear();
        if let Some(r) = root {
            w.inputs_of(r, &mut self.row);
            self.row.sort_unstable();
        }
        self.indices.extend(self.row.iter().map(|&j| j as usize));
        self.offsets.push(self.indices.len());
    }

    pub(crate) fn finish(self, ncols: usize) -> SparsityPattern {
        let nrows = self.offsets.len() - 1;
        SparsityPattern::try_from_offsets_and_indices(nrows, ncols, self.offsets, self.indices)
            .unwrap_or_else(|_| SparsityPattern::zeros(nrows, ncols))
    }
}

/// A pattern from rows of column indices (each row sorted and unique).
pub(crate) fn from_rows(ncols: usize, rows: impl IntoIterator<Item = Vec<u32>>) -> SparsityPattern {
    let mut offsets = vec![0];
    let mut indices = Vec::new();
    for row in rows {
        indices.extend(row.iter().map(|&j| j as usize));
        offsets.push(indices.len());
    }
    let nrows = offsets.len() - 1;
    SparsityPattern::try_from_offsets_and_indices(nrows, ncols, offsets, indices)
        .unwrap_or_else(|_| SparsityPattern::zeros(nrows, ncols))
}

/// The symmetric `n x n` pattern with the given entries on and above the
/// diagonal (`i <= j`, any order, repeats allowed), both triangles stored.
///
/// Bucketed by row (no global sort): linear in the number of pairs, plus a
/// sort of each row.
pub(crate) fn symmetric(n: usize, pairs: &[(u32, u32)]) -> SparsityPattern {
    // each pair once or twice: fewer than 2^33 entries, counted in u64
    let mut start = vec![0u64; n + 1];
    for &(i, j) in pairs {
        start[i as usize + 1] += 1;
        if i != j {
            start[j as usize + 1] += 1;
        }
    }
    for k in 0..n {
        start[k + 1] += start[k];
    }
    let total = start[n] as usize;
    // fill each row from its end, so that `start` ends as the row starts
    let mut scattered = vec![0u32; total];
    for &(i, j) in pairs.iter().rev() {
        if i != j {
            start[j as usize + 1] -= 1;
            scattered[start[j as usize + 1] as usize] = i;
        }
        start[i as usize + 1] -= 1;
        scattered[start[i as usize + 1] as usize] = j;
    }
    // now start[r + 1] is the start of row r
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0);
    let mut indices = Vec::with_capacity(total);
    for r in 0..n {
        let end = if r + 2 <= n {
            start[r + 2] as usize
        } else {
            total
        };
        let row = &mut scattered[start[r + 1] as usize..end];
        row.sort_unstable();
        let mut last = None;
        for &j in row.iter() {
            if last != Some(j) {
                indices.push(j as usize);
                last = Some(j);
            }
        }
        offsets.push(indices.len());
    }
    SparsityPattern::try_from_offsets_and_indices(n, n, offsets, indices)
        .unwrap_or_else(|_| SparsityPattern::zeros(n, n))
}

/// The full `m x n` pattern (the conservative answer when tracing failed).
pub(crate) fn full(m: usize, n: usize) -> SparsityPattern {
    from_rows(n, (0..m).map(|_| (0..n as u32).collect()))
}

/// The matrix with `values` (one per entry, in order) on a copy of `pattern`.
pub(crate) fn matrix<T>(pattern: &SparsityPattern, values: Vec<T>) -> Result<CsrMatrix<T>, Error> {
    let found = values.len();
    CsrMatrix::try_from_pattern_and_values(pattern.clone(), values).map_err(|_| {
        Error::LengthMismatch {
            argument: Argument::Outputs,
            found,
            expected: pattern.nnz(),
        }
    })
}
