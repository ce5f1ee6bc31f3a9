//! Graph colouring for compressed evaluation: distance-1 colourings of the
//! column-intersection graph (Jacobians) and star colourings (symmetric
//! Hessians), greedy in a vertex order.

use nalgebra_sparse::pattern::SparsityPattern;

const NONE: u32 = u32::MAX;

/// The order in which the greedy colourings visit the vertices (the columns
/// of a Jacobian, the variables of a Hessian).
///
/// The colourings are greedy: each vertex gets the smallest colour its
/// already-coloured neighbourhood allows, so the order decides how many
/// colours are used, and so how many evaluations a plan costs. No order is
/// best everywhere. Colour counts measured with
/// `cargo test -p hessian --test sparse order_table -- --ignored --nocapture`
/// (the random graphs are seeded; "optimum" is the known star chromatic number):
///
/// | star colouring | optimum | natural | largest-first | smallest-last |
/// |---|---|---|---|---|
/// | tridiagonal, n = 1000 | 3 | 3 | 3 | 3 |
/// | banded, `ρ = 4` off-diagonals, n = 1000 | `2⌊ρ/2⌋ + 1 = 5` | 5 | 5 | 5 |
/// | banded, `ρ = 8`, n = 1000 | 9 | 9 | 9 | 9 |
/// | arrowhead, n = 1000 | 2 | 2 | 2 | 2 |
/// | 2-D 5-point grid, 10 x 10 and 100 x 100 | 5 | 5 | 5 | 6 |
/// | Brusselator 32 x 32, `P + Pᵀ` | | 9 | 9 | 10 |
/// | random, n = 1000, 2000 edges | | 10 | 11 | 10 |
/// | random, n = 1000, 8000 edges | | 40 | 38 | 33 |
/// | random, n = 10000, 30000 edges | | 15 | 16 | 15 |
///
/// | column colouring | natural | largest-first | smallest-last |
/// |---|---|---|---|
/// | Brusselator 32 x 32 (n = 2048) | 12 | 12 | 11 |
/// | tridiagonal, n = 1000 | 3 | 3 | 3 |
/// | 5-point grid, 100 x 100 | 7 | 7 | 7 |
/// | random, n = 1000, 2000 entries | 15 | 13 | 13 |
/// | random, n = 10000, 30000 entries | 23 | 18 | 18 |
///
/// The natural order is optimal on every structured pattern above and is the
/// default of [`star_coloring`] and [`column_coloring`]; smallest-last wins on
/// irregular ones. The plans ([`SparseHessian`](super::SparseHessian),
/// [`SparseJacobian`](super::SparseJacobian)) colour in all three orders and
/// keep the fewest colours (the first order with the fewest), stopping as
/// soon as an order reaches a lower bound: for a column colouring, the most
/// entries of one row, whose columns must all differ. Colouring costs far
/// less than one evaluation saved.
///
/// ```
/// use hessian::sparse::Order;
/// assert_eq!(Order::default(), Order::Natural);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Order {
    /// Vertices in index order.
    #[default]
    Natural,
    /// Vertices by decreasing degree (ties in index order).
    LargestFirst,
    /// Repeatedly remove a vertex of smallest degree in what remains; colour
    /// in the reverse order of removal (Matula and Beck).
    SmallestLast,
}

/// An undirected graph without self-loops, in compressed rows with sorted
/// neighbours.
pub(crate) struct Graph {
    pub(crate) offsets: Vec<usize>,
    pub(crate) adj: Vec<u32>,
}

impl Graph {
    pub(crate) fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    pub(crate) fn neighbors(&self, v: u32) -> &[u32] {
        &self.adj[self.offsets[v as usize]..self.offsets[v as usize + 1]]
    }

    fn from_lists(lists: &mut [Vec<u32>]) -> Self {
        let mut offsets = Vec::with_capacity(lists.len() + 1);
        offsets.push(0);
        let mut adj = Vec::new();
        for l in lists.iter_mut() {
            l.sort_unstable();
            l.dedup();
            adj.extend_from_slice(l);
            offsets.push(adj.len());
        }
        Self { offsets, adj }
    }

    /// The adjacency graph of a square pattern: an edge `{i, j}` for every
    /// entry `(i, j)` or `(j, i)` off the diagonal.
    pub(crate) fn adjacency(p: &SparsityPattern) -> Self {
        let n = p.major_dim();
        let mut lists = vec![Vec::new(); n];
        for (i, j) in p.entries() {
            if i != j && j < n {
                lists[i].push(j as u32);
                lists[j].push(i as u32);
            }
        }
        Self::from_lists(&mut lists)
    }

    /// The column-intersection graph of an `m x n` pattern: an edge between two
    /// columns with a nonzero in a common row. Its distance-1 colourings are
    /// the column colourings of the pattern.
    pub(crate) fn column_intersection(p: &SparsityPattern) -> Self {
        let n = p.minor_dim();
        let t = p.transpose(); // columns of p as rows
        let mut stamp = vec![NONE; n];
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0);
        let mut adj = Vec::new();
        for j in 0..n {
            let start = adj.len();
            stamp[j] = j as u32;
            for &i in t.lane(j) {
                for &k in p.lane(i) {
                    if stamp[k] != j as u32 {
                        stamp[k] = j as u32;
                        adj.push(k as u32);
                    }
                }
            }
            adj[start..].sort_unstable();
            offsets.push(adj.len());
        }
        Self { offsets, adj }
    }

    /// The colouring `color` makes in each [`Order`] that has the fewest
    /// colours (the first such in `Natural`, `LargestFirst`, `SmallestLast`).
    /// No colouring has fewer than `lower` colours, so the search stops at
    /// the first that has `lower` (the answer is the same).
    pub(crate) fn fewest_colors<C>(
        &self,
        lower: usize,
        color: impl Fn(&[u32]) -> (C, usize),
    ) -> (C, usize) {
        let mut best: Option<(C, usize)> = None;
        for order in [Order::Natural, Order::LargestFirst, Order::SmallestLast] {
            let c = color(&self.order(order));
            if best.as_ref().is_none_or(|b| c.1 < b.1) {
                best = Some(c);
            }
            if best.as_ref().is_some_and(|b| b.1 <= lower) {
                break;
            }
        }
        best.unwrap_or_else(|| color(&[]))
    }

    /// The distance-1 colouring of the column-intersection graph of `p`
    /// greedy in natural order (what `column_intersection(p).greedy` gives
    /// in that order), found from `p` and its transpose without building the
    /// graph: the neighbours of a column are the columns of its rows.
    ///
    /// The pattern is given as its row offsets and column indices (`n`
    /// columns; rows fewer than `2^32`).
    pub(crate) fn greedy_columns(
        n: usize,
        offsets: &[usize],
        indices: &[u32],
    ) -> (Vec<u32>, usize) {
        let lane = |i: usize| &indices[offsets[i]..offsets[i + 1]];
        // the rows of each column (the transpose)
        let mut starts = vec![0usize; n + 1];
        for &j in indices {
            starts[j as usize + 1] += 1;
        }
        for j in 0..n {
            starts[j + 1] += starts[j];
        }
        let mut rows = vec![0u32; indices.len()];
        let mut next = starts.clone();
        for i in 0..offsets.len().saturating_sub(1) {
            for &j in lane(i) {
                rows[next[j as usize]] = i as u32;
                next[j as usize] += 1;
            }
        }
        drop(next);
        let mut color = vec![NONE; n];
        let mut forbidden = vec![NONE; n + 1];
        let mut count = 0;
        for v in 0..n {
            for &i in &rows[starts[v]..starts[v + 1]] {
                for &w in lane(i as usize) {
                    let w = w as usize;
                    let c = color[w];
                    if c != NONE && w != v {
                        forbidden[c as usize] = v as u32;
                    }
                }
            }
            let c = (0..).find(|&c| forbidden[c] != v as u32).unwrap_or(0);
            color[v] = c as u32;
            count = count.max(c + 1);
        }
        (color, count)
    }

    /// A lower bound on the colours of a column colouring of `p`: the
    /// columns of a row are pairwise adjacent, so its longest row.
    pub(crate) fn row_clique(offsets: &[usize]) -> usize {
        offsets.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0)
    }

    /// The vertices in the given order.
    pub(crate) fn order(&self, order: Order) -> Vec<u32> {
        let n = self.len();
        let degree = |v: usize| self.offsets[v + 1] - self.offsets[v];
        match order {
            Order::Natural => (0..n as u32).collect(),
            Order::LargestFirst => {
                let mut v: Vec<u32> = (0..n as u32).collect();
                v.sort_by_key(|&i| core::cmp::Reverse(degree(i as usize)));
                v
            }
            Order::SmallestLast => self.smallest_last(),
        }
    }

    /// Smallest-last order with degree buckets: O(n + edges).
    fn smallest_last(&self) -> Vec<u32> {
        let n = self.len();
        if n == 0 {
            return Vec::new();
        }
        let mut deg: Vec<usize> = (0..n)
            .map(|v| self.offsets[v + 1] - self.offsets[v])
            .collect();
        let maxdeg = deg.iter().copied().max().unwrap_or(0);
        // doubly linked buckets of vertices by current degree
        let mut head = vec![NONE; maxdeg + 1];
        let mut next = vec![NONE; n];
        let mut prev = vec![NONE; n];
        let push = |head: &mut [u32], next: &mut [u32], prev: &mut [u32], v: u32, d: usize| {
            next[v as usize] = head[d];
            prev[v as usize] = NONE;
            if head[d] != NONE {
                prev[head[d] as usize] = v;
            }
            head[d] = v;
        };
        let unlink = |head: &mut [u32], next: &mut [u32], prev: &mut [u32], v: u32, d: usize| {
            let (p, q) = (prev[v as usize], next[v as usize]);
            if p != NONE {
                next[p as usize] = q;
            } else {
                head[d] = q;
            }
            if q != NONE {
                prev[q as usize] = p;
            }
        };
        // insert in reverse so that equal degrees leave in index order
        for v in (0..n as u32).rev() {
            push(&mut head, &mut next, &mut prev, v, deg[v as usize]);
        }
        let mut removed = vec![false; n];
        let mut out = Vec::with_capacity(n);
        let mut d: usize = 0;
        for _ in 0..n {
            // the smallest degree can drop by at most one per removal
            d = d.saturating_sub(1);
            while head[d] == NONE {
                d += 1;
            }
            let v = head[d];
            unlink(&mut head, &mut next, &mut prev, v, d);
            removed[v as usize] = true;
            out.push(v);
            for &w in self.neighbors(v) {
                let wi = w as usize;
                if !removed[wi] {
                    unlink(&mut head, &mut next, &mut prev, w, deg[wi]);
                    deg[wi] -= 1;
                    push(&mut head, &mut next, &mut prev, w, deg[wi]);
                }
            }
        }
        out.reverse();
        out
    }

    /// A distance-1 colouring, greedy in `order`; colours `0..count`.
    pub(crate) fn greedy(&self, order: &[u32]) -> (Vec<u32>, usize) {
        let n = self.len();
        let mut color = vec![NONE; n];
        let mut forbidden = vec![NONE; n + 1];
        let mut count = 0;
        for &v in order {
            for &w in self.neighbors(v) {
                let c = color[w as usize];
                if c != NONE {
                    forbidden[c as usize] = v;
                }
            }
            let c = (0..).find(|&c| forbidden[c] != v).unwrap_or(0);
            color[v as usize] = c as u32;
            count = count.max(c + 1);
        }
        (color, count)
    }

    /// For each adjacency position, the id of its undirected edge (shared by
    /// both directions), and the number of edges.
    fn edge_ids(&self) -> (Vec<u32>, usize) {
        let mut id = vec![NONE; self.adj.len()];
        let mut count = 0u32;
        for v in 0..self.len() as u32 {
            for pos in self.offsets[v as usize]..self.offsets[v as usize + 1] {
                let w = self.adj[pos];
                if v < w {
                    id[pos] = count;
                    count += 1;
                } else {
                    let row = self.neighbors(w);
                    if let Ok(k) = row.binary_search(&v) {
                        id[pos] = id[self.offsets[w as usize] + k];
                    }
                }
            }
        }
        (id, count as usize)
    }

    /// A star colouring (a distance-1 colouring in which every path on four
    /// vertices has at least three colours), greedy in `order`, after
    /// Gebremedhin, Tarafdar, Manne and Pothen (2007), Algorithm 4.1: the
    /// two-coloured stars are tracked as the colouring grows, so a colour is
    /// forbidden only where it would make a two-coloured path on four
    /// vertices. Returns the colours (`0..count`), the count, and for every
    /// adjacency position `(v, w)` whether `w` is the hub of the star of that
    /// edge (`false` for both ends of a two-vertex star but the larger index).
    pub(crate) fn star(&self, order: &[u32]) -> Star {
        let n = self.len();
        let (edge, ne) = self.edge_ids();
        // colours are 1-based inside (0 = uncoloured); markers are v + 1
        let mut color = vec![0u32; n];
        let mut forbidden = vec![0u32; n + 2];
        let mut first = vec![(NONE, NONE, NONE); n + 2];
        let mut treated = vec![0u32; n];
        let mut star = vec![NONE; ne];
        // hub of each star: a vertex, or NONE - (larger end) for a two-vertex star
        let mut hub: Vec<i64> = Vec::new();
        let pos_range = |v: u32| self.offsets[v as usize]..self.offsets[v as usize + 1];
        let mut count = 0;
        for &v in order {
            let mark = v + 1;
            for pv in pos_range(v) {
                let w = self.adj[pv];
                let cw = color[w as usize];
                if cw == 0 {
                    continue;
                }
                forbidden[cw as usize] = mark;
                let (p, q, _) = first[cw as usize];
                if p == v {
                    // a second neighbour of colour cw: v would be a hub, so the
                    // colours next to both of them are out
                    if treated[q as usize] != mark {
                        self.forbid_around(q, &color, &mut forbidden, mark);
                        treated[q as usize] = mark;
                    }
                    self.forbid_around(w, &color, &mut forbidden, mark);
                    treated[w as usize] = mark;
                } else {
                    first[cw as usize] = (v, w, edge[pv]);
                    for pw in pos_range(w) {
                        let x = self.adj[pw];
                        if x == v || color[x as usize] == 0 {
                            continue;
                        }
                        // w is a leaf of a star hubbed at x: v in x's colour
                        // would make a two-coloured path of four
                        if hub[star[edge[pw] as usize] as usize] == i64::from(x) {
                            forbidden[color[x as usize] as usize] = mark;
                        }
                    }
                }
            }
            let c = (1..).find(|&c| forbidden[c] != mark).unwrap_or(1);
            color[v as usize] = c as u32;
            count = count.max(c);
            // grow the stars around v
            for pv in pos_range(v) {
                let w = self.adj[pv];
                let cw = color[w as usize];
                if cw == 0 {
                    continue;
                }
                let mut joined = false;
                for pw in pos_range(w) {
                    let x = self.adj[pw];
                    if x != v && color[x as usize] == c as u32 {
                        let s = star[edge[pw] as usize];
                        hub[s as usize] = i64::from(w);
                        star[edge[pv] as usize] = s;
                        joined = true;
                        break;
                    }
                }
                if !joined {
                    let (p, q, e) = first[cw as usize];
                    if p == v && q != w {
                        let s = star[e as usize];
                        hub[s as usize] = i64::from(v);
                        star[edge[pv] as usize] = s;
                    } else {
                        hub.push(-1 - i64::from(v.max(w)));
                        star[edge[pv] as usize] = (hub.len() - 1) as u32;
                    }
                }
            }
        }
        let mut is_hub = vec![false; self.adj.len()];
        for v in 0..n as u32 {
            for pv in pos_range(v) {
                let w = self.adj[pv];
                let h = hub[star[edge[pv] as usize] as usize];
                let h = if h >= 0 { h } else { -1 - h };
                is_hub[pv] = h == i64::from(w);
            }
        }
        Star {
            colors: color.iter().map(|&c| c - 1).collect(),
            count,
            is_hub,
        }
    }

    fn forbid_around(&self, w: u32, color: &[u32], forbidden: &mut [u32], mark: u32) {
        for &x in self.neighbors(w) {
            let cx = color[x as usize];
            if cx != 0 {
                forbidden[cx as usize] = mark;
            }
        }
    }
}

/// A star colouring and, for each adjacency position `(v, w)`, whether `w` is
/// the hub of the two-coloured star holding that edge.
pub(crate) struct Star {
    pub(crate) colors: Vec<u32>,
    pub(crate) count: usize,
    pub(crate) is_hub: Vec<bool>,
}

/// A star colouring of the symmetric pattern `p`: colours `0..k` for its
/// `n` variables such that the Hessian can be recovered directly from its
/// products with the `k` colour indicator vectors.
///
/// In a star colouring, neighbours (variables `i`, `j` with `H_ij` in the
/// pattern) get different colours, and any two colour classes induce a
/// forest of stars (every path on four vertices uses three colours). Then
/// every entry `H_ij` is read off directly: at the leaf's row and the hub's
/// colour of its star. Entries of `p` off its square part are ignored, and
/// `p` is symmetrised (an entry on either side gives the edge).
///
/// ```
/// use hessian::sparse::{Order, star_coloring};
/// use nalgebra_sparse::pattern::SparsityPattern;
/// // tridiagonal, n = 6: three colours suffice (a distance-2 colouring also needs three)
/// let n: usize = 6;
/// let mut offsets = vec![0];
/// let mut indices = vec![];
/// for i in 0..n {
///     indices.extend(i.saturating_sub(1)..(i + 2).min(n));
///     offsets.push(indices.len());
/// }
/// let p = SparsityPattern::try_from_offsets_and_indices(n, n, offsets, indices).unwrap();
/// let colors = star_coloring(&p, Order::Natural);
/// assert_eq!(colors, vec![0, 1, 0, 2, 0, 1]);
/// ```
#[must_use]
pub fn star_coloring(p: &SparsityPattern, order: Order) -> Vec<usize> {
    let g = Graph::adjacency(p);
    let o = g.order(order);
    g.star(&o).colors.iter().map(|&c| c as usize).collect()
}

/// A column colouring of the `m x n` pattern `p`: colours `0..k` for its
/// columns such that two columns with a nonzero in the same row differ (a
/// distance-2 colouring of the columns in the bipartite row-column graph).
/// The Jacobian is then recovered from its products with the `k` colour
/// indicator vectors.
///
/// ```
/// use hessian::sparse::{Order, column_coloring};
/// use nalgebra_sparse::pattern::SparsityPattern;
/// // rows {0, 1}, {1, 2}: columns 0 and 2 share no row
/// let p = SparsityPattern::try_from_offsets_and_indices(2, 3, vec![0, 2, 4], vec![0, 1, 1, 2]).unwrap();
/// assert_eq!(column_coloring(&p, Order::Natural), vec![0, 1, 0]);
/// ```
#[must_use]
pub fn column_coloring(p: &SparsityPattern, order: Order) -> Vec<usize> {
    let g = Graph::column_intersection(p);
    let o = g.order(order);
    g.greedy(&o).0.iter().map(|&c| c as usize).collect()
}
