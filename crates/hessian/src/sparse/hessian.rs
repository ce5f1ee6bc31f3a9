//! Sparse Hessians: a plan (pattern and colouring) reused at many points.

use super::coloring::Graph;
use super::hyper::{Hyper, packed};
use super::pattern::{self, Bits, symmetric};
use super::{Primitive, detect};
use crate::nesting::{Level, confusion};
use crate::{Argument, Error, Function, GRADIENT_CHUNK, VectorFunction};
use core::any::TypeId;
use core::marker::PhantomData;
use dual::{Dual, DualNum, DualVec, Scalar};
use nalgebra::DVector;
use nalgebra_sparse::CsrMatrix;
use nalgebra_sparse::pattern::SparsityPattern;
use std::any::Any;
use std::sync::{Mutex, OnceLock};

/// Marks a [`SparseObjective`] given as one scalar function ([`Function`]).
#[derive(Debug)]
pub enum ScalarForm {}
/// Marks a [`SparseObjective`] given as the sum of the outputs of a
/// [`VectorFunction`].
#[derive(Debug)]
pub enum TermsForm {}

/// What [`SparseHessian::hessian`] accepts: a [`Function`] `f`, or a
/// [`VectorFunction`] `g` whose outputs sum to the objective. Implemented for
/// both; you do not implement it. The `Form` parameter only keeps the two
/// implementations apart and is inferred.
///
/// ```
/// use dual::DualNum;
/// use hessian::sparse::SparseObjective;
/// struct Terms;
/// impl hessian::VectorFunction<f64> for Terms {
///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> Vec<D> { vec![x[0] * x[1], x[1].sin()] }
/// }
/// fn sum<M>(g: &impl SparseObjective<f64, M>, x: &[f64]) -> f64 { g.value(x) }
/// assert_eq!(sum(&Terms, &[2.0, 0.0]), 0.0);
/// ```
pub trait SparseObjective<F, Form> {
    /// Whether the function comes in terms (a [`VectorFunction`]).
    const TERMS: bool;
    /// The objective: `f(x)`, or the sum of the terms.
    fn value<D: DualNum<F>>(&self, x: &[D]) -> D;
    /// The terms, for a [`VectorFunction`]; `None` for a [`Function`].
    fn terms<D: DualNum<F>>(&self, x: &[D]) -> Option<Vec<D>>;
}

impl<F, G: Function<F> + ?Sized> SparseObjective<F, ScalarForm> for G {
    const TERMS: bool = false;
    fn value<D: DualNum<F>>(&self, x: &[D]) -> D {
        self.eval(x)
    }
    fn terms<D: DualNum<F>>(&self, _: &[D]) -> Option<Vec<D>> {
        None
    }
}

impl<F, G: VectorFunction<F> + ?Sized> SparseObjective<F, TermsForm> for G {
    const TERMS: bool = true;
    fn value<D: DualNum<F>>(&self, x: &[D]) -> D {
        self.eval(x).iter().sum()
    }
    fn terms<D: DualNum<F>>(&self, x: &[D]) -> Option<Vec<D>> {
        Some(self.eval(x))
    }
}

/// The widest block of colours one pass of the terms form evaluates.
const MAX_TERM_COLORS: usize = 16;

/// A plan for the sparse Hessian of `f: R^n -> R`: its pattern and a colouring,
/// built once and reused at every point where the pattern is the same.
///
/// * [`SparseHessian::new`] traces a scalar [`Function`] and star-colours its
///   pattern. Each evaluation computes `H S` (the Hessian times the `k` colour
///   indicator vectors) by forward over forward on `Dual<DualVec<T, C>>`
///   numbers (`C` = [`GRADIENT_CHUNK`]), for only the rows the recovery reads:
///   about `(n + edges) / C` evaluations of `f`, against `O(n²)` for the dense
///   [`hessian`](crate::hessian).
/// * [`SparseHessian::of_terms`] takes `f` as the sum of the outputs of a
///   [`VectorFunction`] `g` (a partially separable function: Rosenbrock,
///   least squares, energies on a grid). It needs only which variables each
///   term reads; the variables are coloured so that the variables of every
///   term differ, and one evaluation of `g` on hyper-dual numbers of width `k`
///   (`k` colours, up to 16) gives every term's own small Hessian, which are
///   summed: a small multiple of one evaluation of `g`, whatever `n`.
///
/// # Validity
///
/// The pattern is that of the branch your function takes at the point the
/// plan was built at (comparisons look at values). At a point where control
/// flow differs (another branch of an `if`, another `max` argument, a loop
/// count that depends on `x`), the Hessian may have entries outside the plan's
/// pattern, and they would be missed. [`SparseHessian::is_valid_at`] re-traces
/// the function at a point and tells whether its pattern fits the plan.
///
/// ```
/// use dual::DualNum;
/// use hessian::Function;
/// use hessian::sparse::SparseHessian;
///
/// struct Rosenbrock;
/// impl Function<f64> for Rosenbrock {
///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
///         (0..x.len() - 1).map(|i| (x[i + 1] - x[i] * x[i]).powi(2) * 100.0 + (-x[i] + 1.0).powi(2)).sum()
///     }
/// }
/// let x = vec![0.5; 50];
/// let plan = SparseHessian::new(&Rosenbrock, &x)?;
/// assert_eq!(plan.pattern().nnz(), 3 * 50 - 2); // tridiagonal
/// assert_eq!(plan.colors(), 3);
/// let (v, g, h) = plan.hessian(&Rosenbrock, &x)?;
/// let (dv, dg, dh) = hessian::hessian(|x| Rosenbrock.eval(x), &x);
/// assert_eq!(v, dv);
/// approx::assert_relative_eq!(g, dg, max_relative = 1e-14);
/// for (i, j, hij) in h.triplet_iter() {
///     approx::assert_relative_eq!(*hij, dh[(i, j)], max_relative = 1e-14);
/// }
/// # Ok::<(), hessian::Error>(())
/// ```
#[derive(Debug)]
pub struct SparseHessian<T> {
    n: usize,
    pattern: SparsityPattern,
    star: OnceLock<StarPlan>,
    terms: Option<TermsPlan>,
    /// The input vector of the last evaluation, kept for the next one (its
    /// pages are then already mapped: on a large point, allocating them anew
    /// costs more than the arithmetic).
    inputs: Scratch,
    _scalar: PhantomData<fn() -> T>,
}

impl<T> Clone for SparseHessian<T> {
    fn clone(&self) -> Self {
        Self {
            n: self.n,
            pattern: self.pattern.clone(),
            star: self.star.clone(),
            terms: self.terms.clone(),
            inputs: Scratch::default(),
            _scalar: PhantomData,
        }
    }
}

/// The compression of the scalar form: a star colouring and, per colour, the
/// rows of `H S` that the recovery reads.
#[derive(Clone, Debug)]
struct StarPlan {
    colors: Vec<u32>,
    count: usize,
    /// Rows of colour `k`: `rows[offsets[k]..offsets[k + 1]]`, sorted.
    offsets: Vec<usize>,
    rows: Vec<u32>,
    /// For each stored entry of the pattern, its position in `rows` (and so
    /// in the computed `H S` values).
    source: Vec<usize>,
}

/// The compression of the terms form.
#[derive(Clone, Debug)]
struct TermsPlan {
    /// The number of terms.
    m: usize,
    /// The colour of each variable: distinct within every term.
    colors: Vec<u32>,
    count: usize,
    /// The terms in runs of the same shape, in order: each term of a run
    /// reads `vars` variables (the next `vars` entries of `variables`) and
    /// has `pairs` second derivatives (the next `pairs` of `targets`). Runs
    /// spare the recovery a look-up of two offsets per term.
    runs: Vec<detect::Run>,
    /// The variables each term reads, sorted, term after term (the rows of
    /// the `m x n` incidence), each with its colour: [`slot`].
    variables: Vec<u32>,
    /// Where the terms' second derivatives go, one per pair `(i <= j)` of
    /// each term's Hessian pattern, in order.
    targets: Vec<Target>,
    /// `(below, above)`: each position below the diagonal, in the order of
    /// the terms' first pairs, and the position of its mirror, whose value it
    /// takes.
    mirror: Vec<(u32, u32)>,
}

/// A second derivative of a term: read at the part of its colours' pair in
/// [`Hyper::eps2`] ([`packed`], below 136 with at most 16 colours), added at
/// the position of `(i, j)`, `i <= j`, in the pattern's values. The
/// positions below the diagonal are copied from their mirrors afterwards
/// ([`TermsPlan::mirror`]). The first target of each position in the order
/// of the terms starts it from zero, so the values need no zeroing first.
#[derive(Clone, Copy, Debug)]
struct Target {
    position: u32,
    part: u16,
    first: bool,
}

impl Target {
    fn new(position: u32, part: usize, first: bool) -> Self {
        // below 136: at most 16 colours
        let part = part as u16;
        Self {
            position,
            part,
            first,
        }
    }
    #[inline]
    fn position(self) -> usize {
        self.position as usize
    }
    #[inline]
    fn part(self) -> usize {
        usize::from(self.part)
    }
    #[inline]
    fn first(self) -> bool {
        self.first
    }
}

impl StarPlan {
    fn new(pattern: &SparsityPattern) -> Self {
        let n = pattern.major_dim();
        let graph = Graph::adjacency(pattern);
        let star = graph.fewest_colors(1, |o| {
            let s = graph.star(o);
            let count = s.count;
            (s, count)
        });
        let star = star.0;
        let colors = star.colors;
        // (colour, row) of H S that each entry is read from
        let mut wanted: Vec<(u32, u32)> = Vec::with_capacity(pattern.nnz() + n);
        let mut at = Vec::with_capacity(pattern.nnz());
        for i in 0..n {
            for &j in pattern.lane(i) {
                let pair = if i == j {
                    (colors[i], i as u32)
                } else {
                    let row = graph.neighbors(i as u32);
                    let k = row.binary_search(&(j as u32)).unwrap_or(0);
                    if star.is_hub[graph.offsets[i] + k] {
                        (colors[j], i as u32) // i is the leaf, j the hub
                    } else {
                        (colors[i], j as u32)
                    }
                };
                at.push(pair);
                wanted.push(pair);
            }
            // every row once, for the gradient
            wanted.push((colors[i], i as u32));
        }
        wanted.sort_unstable();
        wanted.dedup();
        let mut offsets = vec![0; star.count + 1];
        for &(c, _) in &wanted {
            offsets[c as usize + 1] += 1;
        }
        for k in 0..star.count {
            offsets[k + 1] += offsets[k];
        }
        let source = at
            .iter()
            .map(|p| wanted.binary_search(p).unwrap_or(0))
            .collect();
        Self {
            colors,
            count: star.count,
            offsets,
            rows: wanted.into_iter().map(|(_, r)| r).collect(),
            source,
        }
    }
}

/// The bits of a colour in a slot.
const SLOT_BITS: u32 = 4;

/// The largest number of variables of a terms plan: a slot holds a variable
/// in its top 28 bits.
const MAX_SLOT_VARIABLE: usize = 1 << (32 - SLOT_BITS);

/// A variable of a term and its colour (below [`MAX_TERM_COLORS`]) in one
/// `u32`, ordered as the variables: the part of the gradient the recovery
/// reads needs no look-up of the colour.
fn slot(variable: u32, color: u32) -> u32 {
    variable << SLOT_BITS | color
}

impl TermsPlan {
    /// The plan (`None` if the pattern has `2^32` entries or more, there are
    /// more than [`MAX_SLOT_VARIABLE`] variables or the colouring has more
    /// than [`MAX_TERM_COLORS`] colours: the star form then)
    /// and the pattern (the union of the terms' own Hessian patterns).
    ///
    /// Each temporary is dropped as soon as it has served, and the pattern
    /// built after the colouring's graph is gone: at `n = 10⁶` what decides
    /// the time beyond the linear work is how much fresh memory is touched.
    fn new(terms: detect::Terms, n: usize) -> (Option<Self>, SparsityPattern) {
        // the natural order first, without the graph; the graph and the
        // other orders only if that is not optimal
        let lower = Graph::row_clique(&terms.var_offsets);
        let natural = Graph::greedy_columns(n, &terms.var_offsets, &terms.variables);
        let (colors, count) = if natural.1 <= lower {
            natural
        } else {
            drop(natural);
            let graph = Graph::column_intersection(&terms.incidence());
            graph.fewest_colors(lower, |o| graph.greedy(o))
        };
        let detect::Terms {
            var_offsets,
            variables,
            pairs,
            runs,
            ..
        } = terms;
        let m = var_offsets.len() - 1;
        drop(var_offsets);
        let pattern = symmetric(n, &pairs);
        if u32::try_from(pattern.nnz()).is_err() || n > MAX_SLOT_VARIABLE || count > MAX_TERM_COLORS
        {
            return (None, pattern);
        }
        let mut variables = variables;
        for v in &mut variables {
            *v = slot(*v, colors[*v as usize]);
        }
        let offsets = pattern.major_offsets();
        // below 2^32: checked above
        let position = |i: u32, j: u32| {
            let (i, j) = (i as usize, j as usize);
            (offsets[i] + pattern.lane(i).binary_search(&j).unwrap_or(0)) as u32
        };
        // in the pairs' own memory (a pair and a target are both 8 bytes);
        // the first pair of each off-diagonal position gives its mirror
        let mut seen = Bits::new(pattern.nnz());
        let mut mirror = Vec::with_capacity(pattern.nnz().saturating_sub(n) / 2);
        let mut targets: Vec<Target> = pairs
            .into_iter()
            .map(|(i, j)| {
                let (a, b) = (colors[i as usize], colors[j as usize]);
                let at = position(i, j);
                // (a position of the pattern: below its nnz)
                let first = seen.mark(at);
                if first && i != j {
                    mirror.push((position(j, i), at));
                }
                Target::new(at, packed(a as usize, b as usize), first)
            })
            .collect();
        targets.shrink_to_fit();
        drop(seen);
        let plan = Self {
            m,
            colors,
            count,
            runs,
            variables,
            targets,
            mirror,
        };
        (Some(plan), pattern)
    }

    /// The variables of each term, in order.
    fn term_variables(&self) -> impl Iterator<Item = &[u32]> + '_ {
        let mut rest = &self.variables[..];
        self.runs
            .iter()
            .flat_map(|r| core::iter::repeat_n(r.vars, r.terms))
            .map(move |len| {
                let (here, tail) = rest.split_at(len.min(rest.len()));
                rest = tail;
                here
            })
    }

    /// Whether every term of `p` (an `m x n` incidence) reads only variables
    /// its term in the plan reads.
    fn holds(&self, p: &SparsityPattern) -> bool {
        p.major_dim() == self.m
            && self.term_variables().enumerate().all(|(k, slots)| {
                p.lane(k).iter().all(|&j| {
                    u32::try_from(j)
                        .is_ok_and(|j| slots.binary_search_by_key(&j, |&s| s >> SLOT_BITS).is_ok())
                })
            })
    }
}

impl<T> SparseHessian<T> {
    /// The plan for the scalar function `f` at `x`: its Hessian pattern,
    /// traced once at `x`, and a star colouring of it.
    ///
    /// # Errors
    ///
    /// [`Error::PerturbationConfusion`] if called while another sparsity trace
    /// runs on this thread (inside the function of a trace);
    /// [`Error::TooLarge`] if the trace could not tell the pattern (a tracer
    /// kept from another evaluation was used) and the full one cannot be held.
    ///
    /// ```
    /// use dual::DualNum;
    /// use hessian::sparse::SparseHessian;
    /// struct F;
    /// impl hessian::Function<f64> for F {
    ///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D { x[0] * x[1] + x[2].exp() }
    /// }
    /// let plan = SparseHessian::new(&F, &[1.0, 2.0, 0.0])?;
    /// assert_eq!(plan.pattern().nnz(), 3); // (0, 1), (1, 0), (2, 2)
    /// let (_, _, h) = plan.hessian(&F, &[1.0, 2.0, 0.0])?;
    /// assert_eq!(h.get_entry(0, 1).unwrap().into_value(), 1.0);
    /// assert_eq!(h.get_entry(2, 2).unwrap().into_value(), 1.0);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    pub fn new<F, G>(f: &G, x: &[T]) -> Result<Self, Error>
    where
        F: Primitive,
        T: DualNum<F>,
        G: Function<F> + ?Sized,
    {
        let n = x.len();
        let pattern = detect::for_plan(detect::hessian_of(f, x), n)?;
        Ok(Self::with_pattern(n, pattern))
    }

    fn with_pattern(n: usize, pattern: SparsityPattern) -> Self {
        let star = OnceLock::new();
        let _ = star.set(StarPlan::new(&pattern));
        Self {
            n,
            pattern,
            star,
            terms: None,
            inputs: Scratch::default(),
            _scalar: PhantomData,
        }
    }

    /// The plan for `f(x) = Σ_k g_k(x)`, the sum of the outputs of `g`, at
    /// `x`: which variables each term reads (traced once at `x`), and a
    /// colouring of the variables in which the variables of every term differ.
    ///
    /// The pattern is the union of the terms' own Hessian patterns (traced
    /// as for [`hessian_sparsity`](super::hessian_sparsity), one term at a time).
    ///
    /// One pass evaluates up to 16 colours. A plan whose colouring needs more
    /// (a term of more than 16 variables, say), or with more than `2^28`
    /// variables or `2^32` pattern entries or more, evaluates the sum with the
    /// star colouring of its pattern instead, as a plan of
    /// [`SparseHessian::new`] does; [`SparseHessian::colors`] then gives the
    /// star colouring's count.
    ///
    /// # Errors
    ///
    /// As for [`SparseHessian::new`].
    ///
    /// ```
    /// use dual::DualNum;
    /// use hessian::sparse::SparseHessian;
    /// /// Rosenbrock as a sum of n - 1 terms of two variables each
    /// struct Terms;
    /// impl hessian::VectorFunction<f64> for Terms {
    ///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> Vec<D> {
    ///         x.windows(2).map(|w| (w[1] - w[0] * w[0]).powi(2) * 100.0 + (-w[0] + 1.0).powi(2)).collect()
    ///     }
    /// }
    /// let x = vec![1.0; 1000];
    /// let plan = SparseHessian::of_terms(&Terms, &x)?;
    /// assert_eq!(plan.colors(), 2); // one evaluation on hyper-dual numbers of width 2
    /// let (v, g, h) = plan.hessian(&Terms, &x)?;
    /// assert_eq!((v, g.amax()), (0.0, 0.0)); // the minimum
    /// assert_eq!(h.get_entry(0, 0).unwrap().into_value(), 802.0);
    /// assert_eq!(h.get_entry(0, 1).unwrap().into_value(), -400.0);
    /// assert_eq!(h.get_entry(999, 999).unwrap().into_value(), 200.0);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    pub fn of_terms<F, G>(g: &G, x: &[T]) -> Result<Self, Error>
    where
        F: Primitive,
        T: DualNum<F>,
        G: VectorFunction<F> + ?Sized,
    {
        let n = x.len();
        let terms = match detect::terms(g, x) {
            Ok(t) => t,
            Err(e) => return Ok(Self::with_pattern(n, detect::for_plan(Err(e), n)?)),
        };
        let (terms, pattern) = TermsPlan::new(terms, n);
        if terms.is_none() {
            return Ok(Self::with_pattern(n, pattern));
        }
        Ok(Self {
            n,
            pattern,
            star: OnceLock::new(),
            terms,
            inputs: Scratch::default(),
            _scalar: PhantomData,
        })
    }

    /// The `n x n` symmetric pattern (both triangles) the plan computes.
    #[must_use]
    pub fn pattern(&self) -> &SparsityPattern {
        &self.pattern
    }

    /// The number of colours: the columns of the compressed Hessian. For a
    /// plan of [`SparseHessian::new`] this is the number of colours of the star
    /// colouring; for one of [`SparseHessian::of_terms`], the width of the
    /// hyper-dual numbers of its single pass.
    ///
    /// ```
    /// use dual::DualNum;
    /// use hessian::sparse::SparseHessian;
    /// struct Diagonal;
    /// impl hessian::Function<f64> for Diagonal {
    ///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D { x.iter().map(|&xi| xi.exp()).sum() }
    /// }
    /// assert_eq!(SparseHessian::new(&Diagonal, &[0.0; 100])?.colors(), 1);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn colors(&self) -> usize {
        match &self.terms {
            Some(t) => t.count,
            None => self.star_plan().count,
        }
    }

    fn star_plan(&self) -> &StarPlan {
        self.star.get_or_init(|| StarPlan::new(&self.pattern))
    }

    /// Whether the Hessian pattern of `f` at `x` fits in the plan's: re-traces
    /// `f` at `x` (the cost of one evaluation on tracers) and checks that every
    /// entry it finds is in [`SparseHessian::pattern`]. `false` for a point of
    /// another length.
    ///
    /// ```
    /// use dual::DualNum;
    /// use hessian::sparse::SparseHessian;
    /// // couples x0 and x1 only where x0 > 0
    /// struct Branchy;
    /// impl hessian::Function<f64> for Branchy {
    ///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
    ///         if x[0] > 0.0 { x[0] * x[1] } else { x[0] + x[1] }
    ///     }
    /// }
    /// let plan = SparseHessian::new(&Branchy, &[-1.0, 1.0])?;
    /// assert!(plan.is_valid_at(&Branchy, &[-2.0, 3.0]));
    /// assert!(!plan.is_valid_at(&Branchy, &[1.0, 3.0]));
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[must_use]
    pub fn is_valid_at<F, M, G>(&self, f: &G, x: &[T]) -> bool
    where
        F: Primitive,
        T: DualNum<F>,
        G: SparseObjective<F, M> + ?Sized,
    {
        if x.len() != self.n {
            return false;
        }
        match (&self.terms, G::TERMS) {
            (Some(t), true) => {
                let Ok(p) = detect::jacobian(&TermsOf(f, PhantomData), x) else {
                    return false;
                };
                t.holds(&p)
            }
            _ => match detect::hessian(|xs| f.value(xs), x) {
                Ok(p) => detect::is_subset(&p, &self.pattern),
                Err(_) => false,
            },
        }
    }

    /// The value, the gradient and the sparse Hessian (both triangles, on the
    /// plan's pattern) at `x`.
    ///
    /// `f` is the function the plan was built for: a [`Function`] or, for a
    /// plan of [`SparseHessian::of_terms`], the [`VectorFunction`] of the
    /// terms. A plan of `of_terms` also accepts the sum as a [`Function`], and
    /// a plan of `new` a [`VectorFunction`] (whose outputs it sums); those
    /// evaluate with the star colouring of the pattern.
    ///
    /// Nothing of size `n x n` is allocated: the work is `O(n + nnz)` besides
    /// the evaluations of `f`.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] if `x` does not have the length the plan was
    /// built for (`Argument::Point`) or `g` returns another number of terms
    /// (`Argument::Outputs`); [`Error::PerturbationConfusion`] if called inside
    /// the closure of a driver that seeds the same number type at this level.
    ///
    /// ```
    /// use dual::DualNum;
    /// use hessian::sparse::SparseHessian;
    /// use hessian::{Argument, Error};
    /// struct F;
    /// impl hessian::Function<f64> for F {
    ///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D { x[0] * x[1] }
    /// }
    /// let plan = SparseHessian::new(&F, &[1.0, 2.0])?;
    /// let err = plan.hessian(&F, &[1.0, 2.0, 3.0]).unwrap_err();
    /// assert_eq!(err, Error::LengthMismatch { argument: Argument::Point, found: 3, expected: 2 });
    /// # Ok::<(), hessian::Error>(())
    /// ```
    pub fn hessian<F, M, G>(&self, f: &G, x: &[T]) -> Result<(T, DVector<T>, CsrMatrix<T>), Error>
    where
        F: Primitive,
        T: DualNum<F>,
        G: SparseObjective<F, M> + ?Sized,
    {
        Error::check_length(Argument::Point, x.len(), self.n)?;
        let mut grad = DVector::from_element(self.n, T::zero());
        let mut values = vec![T::zero(); self.pattern.nnz()];
        let out = Out {
            grad: grad.as_mut_slice(),
            values: &mut values,
            zeroed: true,
        };
        let value = self.evaluate(f, x, out)?;
        Ok((value, grad, self.matrix(values)?))
    }

    /// [`SparseHessian::hessian`] into buffers you keep: writes the gradient
    /// into `grad` (length `n`) and the Hessian's entries into `values`, one
    /// per entry of [`SparseHessian::pattern`] in its order (both triangles),
    /// and returns the value.
    ///
    /// For evaluations at many points: nothing of size `n` or `nnz` is
    /// allocated besides the evaluation of `f` itself. Pass the values of a
    /// matrix on the plan's pattern, such as one returned by
    /// [`SparseHessian::hessian`] (`CsrMatrix::values_mut`), to update it in
    /// place. The results are bit-identical to [`SparseHessian::hessian`]'s.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] if `x` or `grad` does not have the length the
    /// plan was built for (`Argument::Point`), or `values` is not as long as
    /// the pattern has entries or `g` returns another number of terms
    /// (`Argument::Outputs`); [`Error::PerturbationConfusion`] as for
    /// [`SparseHessian::hessian`]. After an error the buffers hold no result.
    ///
    /// ```
    /// use dual::DualNum;
    /// use hessian::sparse::SparseHessian;
    /// use hessian::{Argument, Error};
    /// struct Terms;
    /// impl hessian::VectorFunction<f64> for Terms {
    ///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> Vec<D> {
    ///         x.windows(2).map(|w| (w[0] * w[1]).sin()).collect()
    ///     }
    /// }
    /// let x = [0.5, 1.0, 1.5];
    /// let plan = SparseHessian::of_terms(&Terms, &x)?;
    /// let (_, mut grad, mut h) = plan.hessian(&Terms, &x)?;
    /// // a second point, into the same gradient and matrix
    /// let y = [1.0, 2.0, 3.0];
    /// let v = plan.hessian_into(&Terms, &y, grad.as_mut_slice(), h.values_mut())?;
    /// approx::assert_relative_eq!(v, 2f64.sin() + 6f64.sin(), max_relative = 1e-15);
    /// // d/dx1 = x0 cos(x0 x1) + x2 cos(x1 x2)
    /// approx::assert_relative_eq!(grad[1], 2f64.cos() + 3.0 * 6f64.cos(), max_relative = 1e-15);
    /// // d2/dx1dx2 = cos(x1 x2) - x1 x2 sin(x1 x2)
    /// let h12 = h.get_entry(1, 2).unwrap().into_value();
    /// approx::assert_relative_eq!(h12, 6f64.cos() - 6.0 * 6f64.sin(), max_relative = 1e-15);
    /// assert_eq!((v, grad.clone(), h.clone()), plan.hessian(&Terms, &y)?);
    /// let err = plan.hessian_into(&Terms, &y, grad.as_mut_slice(), &mut [0.0; 2]).unwrap_err();
    /// assert_eq!(err, Error::LengthMismatch { argument: Argument::Outputs, found: 2, expected: 7 });
    /// # Ok::<(), hessian::Error>(())
    /// ```
    pub fn hessian_into<F, M, G>(
        &self,
        f: &G,
        x: &[T],
        grad: &mut [T],
        values: &mut [T],
    ) -> Result<T, Error>
    where
        F: Primitive,
        T: DualNum<F>,
        G: SparseObjective<F, M> + ?Sized,
    {
        Error::check_length(Argument::Point, x.len(), self.n)?;
        Error::check_length(Argument::Point, grad.len(), self.n)?;
        Error::check_length(Argument::Outputs, values.len(), self.pattern.nnz())?;
        let out = Out {
            grad,
            values,
            zeroed: false,
        };
        self.evaluate(f, x, out)
    }

    /// The terms pass or the star passes, into buffers of checked lengths.
    fn evaluate<F, M, G>(&self, f: &G, x: &[T], out: Out<'_, T>) -> Result<T, Error>
    where
        F: Primitive,
        T: DualNum<F>,
        G: SparseObjective<F, M> + ?Sized,
    {
        if let (Some(t), true) = (&self.terms, G::TERMS) {
            match t.count {
                0..=1 => return self.terms_pass::<1, 1, F, M, G>(t, f, x, out),
                2 => return self.terms_pass::<2, 3, F, M, G>(t, f, x, out),
                3 => return self.terms_pass::<3, 6, F, M, G>(t, f, x, out),
                4 => return self.terms_pass::<4, 10, F, M, G>(t, f, x, out),
                5..=8 => return self.terms_pass::<8, 36, F, M, G>(t, f, x, out),
                9..=MAX_TERM_COLORS => {
                    return self.terms_pass::<MAX_TERM_COLORS, 136, F, M, G>(t, f, x, out);
                }
                _ => {} // too many colours for one pass: the star form
            }
        }
        self.star_passes(f, x, out)
    }

    /// `H S` by forward over forward, for the rows the recovery reads.
    fn star_passes<F, M, G>(&self, f: &G, x: &[T], out: Out<'_, T>) -> Result<T, Error>
    where
        F: Primitive,
        T: DualNum<F>,
        G: SparseObjective<F, M> + ?Sized,
    {
        let _level = Level::enter(&[TypeId::of::<DualVec<T, C>>(), TypeId::of::<Star<T>>()])
            .ok_or_else(confusion::<Star<T>>)?;
        let plan = self.star_plan();
        let mut xs = StarInputs::new(self.inputs.take(), x);
        let mut star = StarOutputs::new(plan, out.grad);
        for pass in plan.passes() {
            let y = star_pass::<F, M, G, T>(plan, f, x, &mut xs, pass);
            star.write(plan, pass, &y);
        }
        let value = star.finish(plan, out.values, || F::eval_star(f, &xs.xs).re.re);
        self.inputs.put(xs.xs);
        Ok(value)
    }

    /// [`SparseHessian::hessian`] with the evaluations spread over rayon's
    /// thread pool (cargo feature `rayon`; needs `f: Sync`).
    ///
    /// The passes of the scalar form (one per chunk of [`GRADIENT_CHUNK`]
    /// rows of each colour) are independent: each worker seeds its own copy of
    /// the inputs, and the results are written in the sequential order, so
    /// the matrix is bit-identical to [`SparseHessian::hessian`]'s. The terms
    /// form is one evaluation and runs as [`SparseHessian::hessian`]; so do
    /// points shorter than [`PARALLEL_HESSIAN_MIN_N`](crate::PARALLEL_HESSIAN_MIN_N).
    /// Worker jobs hold the caller's perturbation levels, as in
    /// [`hessian_par`](crate::hessian_par).
    ///
    /// # Errors
    ///
    /// As for [`SparseHessian::hessian`].
    ///
    /// ```
    /// use dual::DualNum;
    /// use hessian::sparse::SparseHessian;
    /// struct Chain;
    /// impl hessian::Function<f64> for Chain {
    ///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D {
    ///         x.windows(2).map(|w| (w[0] * w[1]).sin()).sum()
    ///     }
    /// }
    /// let x: Vec<f64> = (0..100).map(|i| i as f64 * 0.01).collect();
    /// let plan = SparseHessian::new(&Chain, &x)?;
    /// assert_eq!(plan.hessian_par(&Chain, &x)?, plan.hessian(&Chain, &x)?);
    /// # Ok::<(), hessian::Error>(())
    /// ```
    #[cfg(feature = "rayon")]
    pub fn hessian_par<F, M, G>(
        &self,
        f: &G,
        x: &[T],
    ) -> Result<(T, DVector<T>, CsrMatrix<T>), Error>
    where
        F: Primitive,
        T: DualNum<F>,
        G: SparseObjective<F, M> + Sync + ?Sized,
    {
        use rayon::prelude::*;
        Error::check_length(Argument::Point, x.len(), self.n)?;
        if (self.terms.is_some() && G::TERMS) || self.n < crate::PARALLEL_HESSIAN_MIN_N {
            return self.hessian(f, x);
        }
        let _level = Level::enter(&[TypeId::of::<DualVec<T, C>>(), TypeId::of::<Star<T>>()])
            .ok_or_else(confusion::<Star<T>>)?;
        let plan = self.star_plan();
        let levels = Level::snapshot();
        let passes: Vec<Pass> = plan.passes().collect();
        let ys: Vec<StarPass<T>> = passes
            .par_iter()
            .map_init(
                || StarInputs::new(Vec::new(), x),
                |xs, &pass| {
                    crate::nesting::with_levels(&levels, || {
                        star_pass::<F, M, G, T>(plan, f, x, xs, pass)
                    })
                },
            )
            .collect();
        let mut grad = DVector::from_element(self.n, T::zero());
        let mut values = vec![T::zero(); self.pattern.nnz()];
        let mut out = StarOutputs::new(plan, grad.as_mut_slice());
        for (&pass, y) in passes.iter().zip(&ys) {
            out.write(plan, pass, y);
        }
        let xs = StarInputs::new(Vec::new(), x);
        let value = out.finish(plan, &mut values, || F::eval_star(f, &xs.xs).re.re);
        Ok((value, grad, self.matrix(values)?))
    }

    /// One evaluation of the terms on [`Hyper<T, N, P>`] numbers (hyper-dual,
    /// without activity tracking), each variable seeded in the direction of
    /// its colour.
    fn terms_pass<const N: usize, const P: usize, F, M, G>(
        &self,
        t: &TermsPlan,
        g: &G,
        x: &[T],
        out: Out<'_, T>,
    ) -> Result<T, Error>
    where
        F: Primitive,
        T: DualNum<F>,
        G: SparseObjective<F, M> + ?Sized,
    {
        let _level = Level::try_of::<Hyper<T, N, P>>()?;
        // inputs kept from the last call are seeded already (the colours
        // are the plan's): only their values change
        let mut xs: Vec<Hyper<T, N, P>> = self.inputs.take();
        if xs.len() == x.len() {
            for (xi, &v) in xs.iter_mut().zip(x) {
                xi.re = v;
            }
        } else {
            xs.clear();
            xs.extend(
                x.iter()
                    .zip(&t.colors)
                    .map(|(&xi, &c)| Hyper::variable(xi, c as usize)),
            );
        }
        let ys = F::eval_terms(g, &xs).unwrap_or_default();
        self.inputs.put(xs);
        Error::check_length(Argument::Outputs, ys.len(), t.m)?;
        let (grad, values) = (out.grad, out.values);
        if !out.zeroed {
            grad.fill(T::zero());
        }
        let (mut ys, mut vars, mut targets) = (&ys[..], &t.variables[..], &t.targets[..]);
        let mut sink = Sink {
            grad,
            values,
            value: T::zero(),
            at_grad: Carry::new(),
            at_value: Carry::new(),
        };
        for run in &t.runs {
            let (here, rest) = ys.split_at(run.terms.min(ys.len()));
            ys = rest;
            let (vs, rest) = vars.split_at((run.terms * run.vars).min(vars.len()));
            vars = rest;
            let (ts, rest) = targets.split_at((run.terms * run.pairs).min(targets.len()));
            targets = rest;
            // the usual shapes with their sizes known, the others as they come
            match (run.vars, run.pairs) {
                (1, 1) => sink.run::<N, P, 1, 1>(here, vs, ts),
                (2, 3) => sink.run::<N, P, 2, 3>(here, vs, ts),
                (3, 5) => sink.run::<N, P, 3, 5>(here, vs, ts),
                (3, 6) => sink.run::<N, P, 3, 6>(here, vs, ts),
                _ => sink.run_any(here, vs, ts, run.vars, run.pairs),
            }
        }
        let value = sink.finish();
        // (positions of the plan's pattern, whose length `values` has: checked)
        for &(below, above) in &t.mirror {
            values[below as usize] = values[above as usize];
        }
        Ok(value)
    }

    fn matrix(&self, values: Vec<T>) -> Result<CsrMatrix<T>, Error> {
        pattern::matrix(&self.pattern, values)
    }
}

/// The recovery of the terms form: adds each term's parts to the value, the
/// gradient and the Hessian's values.
struct Sink<'a, T> {
    grad: &'a mut [T],
    values: &'a mut [T],
    value: T,
    /// The gradient entry and the Hessian value being added to.
    at_grad: Carry<T>,
    at_value: Carry<T>,
}

/// One entry of a buffer held in a register while consecutive additions go
/// to it: chained terms add to the entry the previous term added to last
/// (its last variable, and that variable's diagonal entry), and a store
/// followed at once by a load of the same place costs several times an
/// addition (a temporary benchmark: 7.2 ns a Rosenbrock term through memory,
/// 4.2 ns carried). The additions are the same, in the same order.
struct Carry<T> {
    /// The entry held, `usize::MAX` for none.
    at: usize,
    sum: T,
}

impl<T: Scalar> Carry<T> {
    fn new() -> Self {
        Self {
            at: usize::MAX,
            sum: T::zero(),
        }
    }

    /// `buf[at] += v`, or `buf[at] = 0 + v` if `first`.
    #[inline(always)]
    fn add(&mut self, buf: &mut [T], at: usize, v: T, first: bool) {
        if at == self.at {
            self.sum += v;
        } else {
            self.put(buf);
            self.at = at;
            let old = if first { T::zero() } else { buf[at] };
            self.sum = old + v;
        }
    }

    /// Writes the entry held back.
    #[inline(always)]
    fn put(&self, buf: &mut [T]) {
        if let Some(slot) = buf.get_mut(self.at) {
            *slot = self.sum;
        }
    }
}

impl<T: Scalar> Sink<'_, T> {
    #[inline(always)]
    fn term<const N: usize, const P: usize>(
        &mut self,
        y: &Hyper<T, N, P>,
        slots: &[u32],
        targets: &[Target],
    ) {
        // (the plan's slots and targets are in range: the colours below N,
        // the parts below P, the variables below n, the positions below nnz)
        self.value += y.re;
        for &s in slots {
            let c = (s & ((1 << SLOT_BITS) - 1)) as usize;
            // (`c < N`: for the usual widths, powers of two, a mask says so)
            let d = y.eps[if N.is_power_of_two() { c & (N - 1) } else { c }];
            self.at_grad
                .add(self.grad, (s >> SLOT_BITS) as usize, d, false);
        }
        for &tg in targets {
            let h = y.eps2[tg.part()];
            self.at_value.add(self.values, tg.position(), h, tg.first());
        }
    }

    /// The value, with the entries still held written back.
    fn finish(self) -> T {
        self.at_grad.put(self.grad);
        self.at_value.put(self.values);
        self.value
    }

    /// A run of terms of `V` variables and `PAIRS` pairs each, on numbers of
    /// width `N` with `P` second parts.
    fn run<const N: usize, const P: usize, const V: usize, const PAIRS: usize>(
        &mut self,
        ys: &[Hyper<T, N, P>],
        vars: &[u32],
        targets: &[Target],
    ) {
        let terms = ys
            .iter()
            .zip(vars.chunks_exact(V))
            .zip(targets.chunks_exact(PAIRS));
        for ((y, vs), ts) in terms {
            self.term(y, vs, ts);
        }
    }

    /// A run of terms of `v` variables and `p` pairs each.
    fn run_any<const N: usize, const P: usize>(
        &mut self,
        ys: &[Hyper<T, N, P>],
        mut vars: &[u32],
        mut targets: &[Target],
        v: usize,
        p: usize,
    ) {
        for y in ys {
            let (vs, rest) = vars.split_at(v.min(vars.len()));
            vars = rest;
            let (ts, rest) = targets.split_at(p.min(targets.len()));
            targets = rest;
            self.term(y, vs, ts);
        }
    }
}

/// Where an evaluation writes: the gradient and the values of the pattern's
/// entries, both checked for length.
struct Out<'a, T> {
    grad: &'a mut [T],
    values: &'a mut [T],
    /// Both hold zeros already (fresh buffers of [`SparseHessian::hessian`]).
    zeroed: bool,
}

/// The terms of a [`SparseObjective`] as a [`VectorFunction`] (empty for a
/// scalar one), for re-tracing their incidence.
struct TermsOf<'a, G: ?Sized, M>(&'a G, PhantomData<M>);

impl<F, M, G: SparseObjective<F, M> + ?Sized> VectorFunction<F> for TermsOf<'_, G, M> {
    fn eval<D: DualNum<F>>(&self, x: &[D]) -> Vec<D> {
        self.0.terms(x).unwrap_or_default()
    }
}

/// One vector kept between evaluations, of whatever element type the last
/// evaluation used. Taking it while another thread holds it gives a new one.
#[derive(Debug, Default)]
struct Scratch(Mutex<Option<Box<dyn Any + Send>>>);

impl Scratch {
    fn take<X: Send + 'static>(&self) -> Vec<X> {
        self.0
            .try_lock()
            .ok()
            .and_then(|mut kept| kept.take())
            .and_then(|b| b.downcast::<Vec<X>>().ok())
            .map_or_else(Vec::new, |b| *b)
    }

    fn put<X: Send + 'static>(&self, v: Vec<X>) {
        if let Ok(mut kept) = self.0.try_lock() {
            *kept = Some(Box::new(v));
        }
    }
}

/// The chunk width of the scalar form's passes.
const C: usize = GRADIENT_CHUNK;

/// The number type of the scalar form: the outer dual carries a colour's
/// direction, the inner one a chunk of rows.
type Star<T> = Dual<DualVec<T, C>>;

/// One pass of the scalar form: colour `k`, rows `rows[start..end]`.
#[derive(Clone, Copy, Debug)]
struct Pass {
    k: usize,
    start: usize,
    end: usize,
}

/// What one pass computes: the value, and for each seeded row its gradient
/// entry and its entry of `H S` (in the pass's colour).
struct StarPass<T> {
    value: T,
    grad: [T; C],
    hs: [T; C],
}

impl StarPlan {
    /// Every pass, in the sequential order.
    fn passes(&self) -> impl Iterator<Item = Pass> + '_ {
        (0..self.count).flat_map(move |k| {
            let (lo, hi) = (self.offsets[k], self.offsets[k + 1]);
            (lo..hi).step_by(C).map(move |start| Pass {
                k,
                start,
                end: (start + C).min(hi),
            })
        })
    }
}

/// The inputs of the scalar form's passes, and the colour whose direction
/// they carry.
struct StarInputs<T> {
    xs: Vec<Star<T>>,
    color: Option<usize>,
}

impl<T: Scalar> StarInputs<T> {
    fn new(mut xs: Vec<Star<T>>, x: &[T]) -> Self {
        let zero = DualVec::constant(T::zero());
        xs.clear();
        xs.extend(x.iter().map(|&xi| Dual::new(DualVec::constant(xi), zero)));
        Self { xs, color: None }
    }
}

/// Seed, evaluate and unseed one pass.
fn star_pass<F, M, G, T>(
    plan: &StarPlan,
    f: &G,
    x: &[T],
    xs: &mut StarInputs<T>,
    p: Pass,
) -> StarPass<T>
where
    F: Primitive,
    T: DualNum<F>,
    G: SparseObjective<F, M> + ?Sized,
{
    if xs.color != Some(p.k) {
        let (zero, one) = (DualVec::constant(T::zero()), DualVec::constant(T::one()));
        for (xi, &c) in xs.xs.iter_mut().zip(&plan.colors) {
            xi.eps = if c as usize == p.k { one } else { zero };
        }
        xs.color = Some(p.k);
    }
    let rows = &plan.rows[p.start..p.end];
    for (slot, &r) in rows.iter().enumerate() {
        xs.xs[r as usize].re = DualVec::variable(x[r as usize], slot);
    }
    let y = F::eval_star(f, &xs.xs);
    for &r in rows {
        xs.xs[r as usize].re = DualVec::constant(x[r as usize]);
    }
    StarPass {
        value: y.re.re,
        grad: y.re.eps,
        hs: y.eps.eps,
    }
}

/// The results of the scalar form's passes, gathered in the sequential order.
struct StarOutputs<'a, T> {
    value: Option<T>,
    grad: &'a mut [T],
    hs: Vec<T>,
}

impl<'a, T: Scalar> StarOutputs<'a, T> {
    fn new(plan: &StarPlan, grad: &'a mut [T]) -> Self {
        Self {
            value: None,
            grad,
            hs: vec![T::zero(); plan.rows.len()],
        }
    }

    fn write(&mut self, plan: &StarPlan, p: Pass, y: &StarPass<T>) {
        self.value.get_or_insert(y.value);
        for (slot, &r) in plan.rows[p.start..p.end].iter().enumerate() {
            self.grad[r as usize] = y.grad[slot];
            self.hs[p.start + slot] = y.hs[slot];
        }
    }

    /// The value (from `plain` if there was no pass: an empty point), with
    /// the values of the pattern's entries written to `values` (every row of
    /// the gradient is written by the passes).
    fn finish(self, plan: &StarPlan, values: &mut [T], plain: impl FnOnce() -> T) -> T {
        for (v, &s) in values.iter_mut().zip(&plan.source) {
            *v = self.hs[s];
        }
        self.value.unwrap_or_else(plain)
    }
}
