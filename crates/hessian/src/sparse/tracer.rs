//! The sparsity tracer: a number that records which inputs each value depends
//! on, and how (linearly or not), on a per-thread tape.
//!
//! A [`Tracer`] is a value and the id of a node of the tape. Inputs are the
//! first `n` ids; a constant has no id. Operations that keep the dependency
//! sets of their operand (negation, scaling by a constant, adding a constant,
//! `abs`, ...) return the operand's id and record nothing, so a chained sum of
//! `n` terms records at most `n` nodes and never a growing set. Dependency sets
//! are computed only after the evaluation, by walking the tape backwards from
//! the outputs (for Jacobians) or from the operands of the nonlinear nodes
//! (for Hessians), memoised at those operands.

use core::cmp::Ordering;
use core::fmt;
use core::iter::{Product, Sum};
use core::num::FpCategory;
use core::ops::{
    Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Rem, RemAssign, Sub, SubAssign,
};
use dual::DualNum;
use num_traits::{
    Float, FloatConst, FromPrimitive, Inv, Num, NumCast, One, Signed, ToPrimitive, Zero,
};
use std::cell::RefCell;

/// The id of a constant: no node.
const NONE: u32 = u32::MAX;

/// Ids of inputs and nodes are below this (`2^29`): a node keeps its kind in
/// the top three bits of its first operand. A longer evaluation poisons the
/// tape (the pattern is then taken as full).
const MAX_ID: u32 = 1 << 29;

/// A node of the tape, by how its value depends on its operands' values.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Op {
    /// Linear in both operands (`a + b`, `a - b`, `a % b`).
    Linear(u32, u32),
    /// Bilinear (`a * b`): second derivatives only across the operands.
    Mul(u32, u32),
    /// `a / b`: linear in `a`, nonlinear in `b`.
    Div(u32, u32),
    /// Nonlinear in its one operand (`sin a`, `a.powi(3)`, `1 / a`).
    Unary(u32),
    /// Jointly nonlinear in both operands (`a.powf(b)`, `a.atan2(b)`).
    Binary(u32, u32),
}

/// The tape's capacity at the start of a trace, in nodes per input.
const RESERVED_NODES_PER_INPUT: usize = 8;

/// A node as stored on the tape: its [`Op`] in 8 bytes, the kind in the top
/// three bits of the first operand (ids are below [`MAX_ID`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Node(u32, u32);

impl Node {
    fn pack(op: Op) -> Self {
        let (kind, a, b) = match op {
            Op::Linear(a, b) => (0, a, b),
            Op::Mul(a, b) => (1, a, b),
            Op::Div(a, b) => (2, a, b),
            Op::Unary(a) => (3, a, 0),
            Op::Binary(a, b) => (4, a, b),
        };
        Self((kind << 29) | a, b)
    }

    /// The operation.
    #[inline]
    pub(crate) fn op(self) -> Op {
        let (a, b) = (self.0 & (MAX_ID - 1), self.1);
        match self.0 >> 29 {
            0 => Op::Linear(a, b),
            1 => Op::Mul(a, b),
            2 => Op::Div(a, b),
            3 => Op::Unary(a),
            _ => Op::Binary(a, b),
        }
    }
}

/// The record of one evaluation.
pub(crate) struct Tape {
    /// Tells tracers of this evaluation from stale ones.
    generation: u32,
    /// Whether an evaluation is being traced on this thread.
    active: bool,
    /// Record nonlinear unary operations too (Hessian patterns); for Jacobian
    /// patterns every unary operation keeps its operand's id.
    second_order: bool,
    /// The number of inputs: ids `0..inputs`.
    pub(crate) inputs: u32,
    /// The nodes, with ids `inputs..`.
    pub(crate) ops: Vec<Node>,
    /// A tracer of another evaluation was used, or the tape overflowed its ids:
    /// the record is incomplete and the pattern must be taken as full.
    pub(crate) poisoned: bool,
}

thread_local! {
    static TAPE: RefCell<Tape> = const {
        RefCell::new(Tape {
            generation: 0,
            active: false,
            second_order: false,
            inputs: 0,
            ops: Vec::new(),
            poisoned: false,
        })
    };
}

/// A tracer's link to the tape: its node id and the evaluation it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Id {
    id: u32,
    generation: u32,
}

const CONSTANT: Id = Id {
    id: NONE,
    generation: 0,
};

/// How a binary operation depends on its operands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Linear,
    Mul,
    Div,
    Binary,
}

impl Tape {
    /// Whether `a` is a node of the evaluation being traced; marks the tape
    /// poisoned if not.
    fn check(&mut self, a: Id) -> bool {
        let live = self.active
            && a.generation == self.generation
            && <u64 as From<u32>>::from(a.id)
                < <u64 as From<u32>>::from(self.inputs) + self.ops.len() as u64;
        if !live && self.active {
            self.poisoned = true;
        }
        live
    }

    fn push(&mut self, op: Op) -> Id {
        let id = <u64 as From<u32>>::from(self.inputs) + self.ops.len() as u64;
        if id >= <u64 as From<u32>>::from(MAX_ID) {
            self.poisoned = true;
            return CONSTANT;
        }
        self.ops.push(Node::pack(op));
        Id {
            id: id as u32,
            generation: self.generation,
        }
    }
}

/// A nonlinear function of one operand.
fn unary(a: Id) -> Id {
    if a.id == NONE {
        return CONSTANT;
    }
    TAPE.with_borrow_mut(|t| {
        if !t.check(a) {
            CONSTANT
        } else if t.second_order {
            t.push(Op::Unary(a.id))
        } else {
            a
        }
    })
}

/// A function of two operands that depends on them as `kind` says.
fn binary(kind: Kind, a: Id, b: Id) -> Id {
    match (a.id == NONE, b.id == NONE) {
        (true, true) => CONSTANT,
        // linear in `a` for every kind but the joint nonlinearity
        (false, true) if kind == Kind::Binary => unary(a),
        (false, true) => a,
        (true, false) if matches!(kind, Kind::Div | Kind::Binary) => unary(b),
        (true, false) => b,
        (false, false) => TAPE.with_borrow_mut(|t| {
            if !(t.check(a) & t.check(b)) {
                return CONSTANT;
            }
            if a.id == b.id && (kind == Kind::Linear || !t.second_order) {
                return a;
            }
            let (x, y) = (a.id, b.id);
            t.push(if !t.second_order {
                Op::Linear(x, y)
            } else {
                match kind {
                    Kind::Linear => Op::Linear(x, y),
                    Kind::Mul => Op::Mul(x, y),
                    Kind::Div => Op::Div(x, y),
                    Kind::Binary => Op::Binary(x, y),
                }
            })
        }),
    }
}

/// The tape of one traced evaluation, held while the user's function runs.
/// Starting a trace resets the thread's tape; dropping the guard ends it.
pub(crate) struct Trace {
    _private: (),
}

impl Trace {
    /// Start tracing `n` inputs; `second_order` records nonlinear unary nodes.
    pub(crate) fn start(n: usize, second_order: bool) -> Self {
        TAPE.with_borrow_mut(|t| {
            t.generation = t.generation.wrapping_add(1);
            t.active = true;
            t.second_order = second_order;
            t.ops.clear();
            // room for a few nodes per input up front: the tape then rarely
            // grows by copying (untouched capacity costs no memory)
            // (a reservation the allocator refuses is skipped: the tape grows)
            let _ = t
                .ops
                .try_reserve(n.saturating_mul(RESERVED_NODES_PER_INPUT));
            t.poisoned = false;
            match u32::try_from(n) {
                Ok(n) if n < MAX_ID => t.inputs = n,
                _ => {
                    t.inputs = 0;
                    t.poisoned = true;
                }
            }
        });
        Self { _private: () }
    }

    /// The `i`-th input of the trace, with value `value`.
    pub(crate) fn input<F>(&self, i: usize, value: F) -> Tracer<F> {
        TAPE.with_borrow(|t| {
            let id = match u32::try_from(i) {
                Ok(i) if i < t.inputs => i,
                _ => NONE,
            };
            Tracer {
                value,
                link: Id {
                    id,
                    generation: t.generation,
                },
            }
        })
    }

    /// The node id of an output of the traced function: `Ok(None)` for a
    /// constant, `Err(())` if it is not from this evaluation (poisons the tape).
    pub(crate) fn output<F>(&self, y: &Tracer<F>) -> Result<Option<u32>, ()> {
        if y.link.id == NONE {
            return Ok(None);
        }
        TAPE.with_borrow_mut(|t| {
            if t.check(y.link) {
                Ok(Some(y.link.id))
            } else {
                Err(())
            }
        })
    }

    /// Run `f` on the recorded tape.
    pub(crate) fn with_tape<R>(&self, f: impl FnOnce(&Tape) -> R) -> R {
        TAPE.with_borrow(|t| f(t))
    }
}

impl Drop for Trace {
    fn drop(&mut self) {
        TAPE.with_borrow_mut(|t| {
            t.active = false;
            t.ops.clear();
            t.ops.shrink_to(1 << 16);
        });
    }
}

/// The number type of sparsity detection: a value, and a link to the node of
/// the per-thread record (tape) that says which inputs the value depends on,
/// linearly or not.
///
/// [`jacobian_sparsity`](super::jacobian_sparsity),
/// [`hessian_sparsity`](super::hessian_sparsity) and the plans evaluate your
/// function once on tracers; you do not create them yourself (a tracer made
/// with [`DualNum::from_re`] is a constant). The value is that of the plain
/// program at the given point, and comparisons look at it, so the pattern found
/// is the one of the branch taken there.
///
/// | operation | Jacobian | Hessian |
/// |---|---|---|
/// | `a + b`, `a - b`, `a % b`, `-a`, `a * c`, `a + c`, `abs`, `fract` | `S(a) ∪ S(b)` | `H(a) ∪ H(b)` |
/// | `a * b` | `S(a) ∪ S(b)` | `H(a) ∪ H(b) ∪ S(a) × S(b) ∪ S(b) × S(a)` |
/// | `a / b` | `S(a) ∪ S(b)` | `H(a) ∪ H(b) ∪ S(a) × S(b) ∪ S(b) × S(a) ∪ S(b) × S(b)` |
/// | `f(a)`: `sin`, `exp`, `powi(k)` (k ≠ 0, 1), `recip`, ... | `S(a)` | `H(a) ∪ S(a) × S(a)` |
/// | `a.powf(b)`, `a.atan2(b)`, `a.hypot(b)`, `a.log(b)` | `S(a) ∪ S(b)` | `H(a) ∪ H(b) ∪ U × U`, `U = S(a) ∪ S(b)` |
/// | `floor`, `round`, `signum`, ... | `∅` | `∅` |
///
/// (`S` is the set of inputs a value depends on, `H` the set of pairs its
/// second derivatives may be nonzero at, `c` a constant.)
///
/// One trace records up to `2^29` (about `5.4 · 10^8`) inputs and
/// operations (8 bytes each); a longer evaluation cannot tell its pattern,
/// which is then taken as full (for a plan: the full pattern, or
/// [`Error::TooLarge`](crate::Error::TooLarge) if that cannot be held).
///
/// ```
/// use dual::DualNum;
/// use hessian::sparse::{Tracer, hessian_sparsity};
/// fn f<D: DualNum<f64>>(x: &[D]) -> D {
///     x[0] * x[1] + x[2].sin()
/// }
/// struct F;
/// impl hessian::Function<f64> for F {
///     fn eval<D: DualNum<f64>>(&self, x: &[D]) -> D { f(x) }
/// }
/// let p = hessian_sparsity(&F, &[1.0, 2.0, 3.0]);
/// // x0 x1 gives the off-diagonal pair, sin(x2) the diagonal entry
/// assert_eq!(p.minor_indices(), &[1, 0, 2]);
/// // outside a detection, a tracer is a plain constant
/// assert_eq!(f(&[Tracer::from_re(1.0), Tracer::from_re(2.0), Tracer::from_re(0.0)]).re(), 2.0);
/// ```
#[derive(Clone, Copy)]
pub struct Tracer<F> {
    value: F,
    link: Id,
}

impl<F: fmt::Debug> fmt::Debug for Tracer<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.link.id == NONE {
            write!(f, "Tracer({:?})", self.value)
        } else {
            write!(f, "Tracer({:?}, node {})", self.value, self.link.id)
        }
    }
}

impl<F: fmt::Display> fmt::Display for Tracer<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<F: DualNum<F>> Tracer<F> {
    #[inline]
    fn constant(value: F) -> Self {
        Self {
            value,
            link: CONSTANT,
        }
    }
    /// Same dependencies as `self` (a locally linear function of it).
    #[inline]
    fn linear(self, value: F) -> Self {
        Self {
            value,
            link: self.link,
        }
    }
    /// A nonlinear function of `self`.
    #[inline]
    fn nonlinear(self, value: F) -> Self {
        Self {
            value,
            link: unary(self.link),
        }
    }
    #[inline]
    fn binary(self, other: Self, kind: Kind, value: F) -> Self {
        Self {
            value,
            link: binary(kind, self.link, other.link),
        }
    }
}

/// Operators with another tracer, by value and by reference, and their assign forms.
macro_rules! tracer_binop {
    ($Op:ident, $op:ident, $OpA:ident, $opa:ident, $kind:ident) => {
        impl<F: DualNum<F>> $Op for Tracer<F> {
            type Output = Self;
            #[inline]
            fn $op(self, rhs: Self) -> Self {
                let value = $Op::$op(self.value, rhs.value);
                self.binary(rhs, Kind::$kind, value)
            }
        }
        impl<F: DualNum<F>> $Op<&Tracer<F>> for Tracer<F> {
            type Output = Self;
            #[inline]
            fn $op(self, rhs: &Self) -> Self {
                $Op::$op(self, *rhs)
            }
        }
        impl<F: DualNum<F>> $Op<Tracer<F>> for &Tracer<F> {
            type Output = Tracer<F>;
            #[inline]
            fn $op(self, rhs: Tracer<F>) -> Tracer<F> {
                $Op::$op(*self, rhs)
            }
        }
        impl<F: DualNum<F>> $Op<&Tracer<F>> for &Tracer<F> {
            type Output = Tracer<F>;
            #[inline]
            fn $op(self, rhs: &Tracer<F>) -> Tracer<F> {
                $Op::$op(*self, *rhs)
            }
        }
        impl<F: DualNum<F>> $OpA for Tracer<F> {
            #[inline]
            fn $opa(&mut self, rhs: Self) {
                *self = $Op::$op(*self, rhs);
            }
        }
        impl<F: DualNum<F>> $OpA<&Tracer<F>> for Tracer<F> {
            #[inline]
            fn $opa(&mut self, rhs: &Self) {
                *self = $Op::$op(*self, *rhs);
            }
        }
        // a constant on the right is linear for every operator
        impl<F: DualNum<F>> $Op<F> for Tracer<F> {
            type Output = Self;
            #[inline]
            fn $op(self, rhs: F) -> Self {
                let value = $Op::$op(self.value, rhs);
                self.linear(value)
            }
        }
        impl<F: DualNum<F>> $Op<F> for &Tracer<F> {
            type Output = Tracer<F>;
            #[inline]
            fn $op(self, rhs: F) -> Tracer<F> {
                $Op::$op(*self, rhs)
            }
        }
        impl<F: DualNum<F>> $OpA<F> for Tracer<F> {
            #[inline]
            fn $opa(&mut self, rhs: F) {
                *self = $Op::$op(*self, rhs);
            }
        }
    };
}

tracer_binop!(Add, add, AddAssign, add_assign, Linear);
tracer_binop!(Sub, sub, SubAssign, sub_assign, Linear);
tracer_binop!(Mul, mul, MulAssign, mul_assign, Mul);
tracer_binop!(Div, div, DivAssign, div_assign, Div);
// a % b = a - trunc(a / b) b: linear in both where the quotient is constant
tracer_binop!(Rem, rem, RemAssign, rem_assign, Linear);

/// The primitive on the left: `2.0 * x`, `1.0 / x`.
macro_rules! tracer_left {
    ($($f:ty),*) => {$(
        impl Add<Tracer<$f>> for $f {
            type Output = Tracer<$f>;
            #[inline]
            fn add(self, rhs: Tracer<$f>) -> Tracer<$f> { rhs.linear(self + rhs.value) }
        }
        impl Sub<Tracer<$f>> for $f {
            type Output = Tracer<$f>;
            #[inline]
            fn sub(self, rhs: Tracer<$f>) -> Tracer<$f> { rhs.linear(self - rhs.value) }
        }
        impl Mul<Tracer<$f>> for $f {
            type Output = Tracer<$f>;
            #[inline]
            fn mul(self, rhs: Tracer<$f>) -> Tracer<$f> { rhs.linear(self * rhs.value) }
        }
        impl Div<Tracer<$f>> for $f {
            type Output = Tracer<$f>;
            #[inline]
            fn div(self, rhs: Tracer<$f>) -> Tracer<$f> { rhs.nonlinear(self / rhs.value) }
        }
        impl Rem<Tracer<$f>> for $f {
            type Output = Tracer<$f>;
            #[inline]
            fn rem(self, rhs: Tracer<$f>) -> Tracer<$f> { rhs.linear(self % rhs.value) }
        }
    )*};
}
tracer_left!(f32, f64);

impl<F: DualNum<F>> Neg for Tracer<F> {
    type Output = Self;
    #[inline]
    fn neg(self) -> Self {
        self.linear(-self.value)
    }
}
impl<F: DualNum<F>> Neg for &Tracer<F> {
    type Output = Tracer<F>;
    #[inline]
    fn neg(self) -> Tracer<F> {
        -*self
    }
}

impl<F: DualNum<F>> Sum for Tracer<F> {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::zero(), |a, b| a + b)
    }
}
impl<'a, F: DualNum<F>> Sum<&'a Tracer<F>> for Tracer<F> {
    fn sum<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
        iter.fold(Self::zero(), |a, b| a + *b)
    }
}
impl<F: DualNum<F>> Product for Tracer<F> {
    fn product<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::one(), |a, b| a * b)
    }
}
impl<'a, F: DualNum<F>> Product<&'a Tracer<F>> for Tracer<F> {
    fn product<I: Iterator<Item = &'a Self>>(iter: I) -> Self {
        iter.fold(Self::one(), |a, b| a * *b)
    }
}

// ---- comparisons look at the value only ----
impl<F: DualNum<F>> PartialEq for Tracer<F> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}
impl<F: DualNum<F>> PartialOrd for Tracer<F> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        self.value.partial_cmp(&other.value)
    }
}
impl<F: DualNum<F>> PartialEq<F> for Tracer<F> {
    fn eq(&self, other: &F) -> bool {
        self.value == *other
    }
}
impl<F: DualNum<F>> PartialOrd<F> for Tracer<F> {
    fn partial_cmp(&self, other: &F) -> Option<Ordering> {
        self.value.partial_cmp(other)
    }
}

/// A constant.
impl<F: DualNum<F>> From<F> for Tracer<F> {
    fn from(value: F) -> Self {
        Self::constant(value)
    }
}

impl<F: DualNum<F>> Default for Tracer<F> {
    fn default() -> Self {
        Self::constant(F::zero())
    }
}
impl<F: DualNum<F>> Zero for Tracer<F> {
    fn zero() -> Self {
        Self::constant(F::zero())
    }
    fn is_zero(&self) -> bool {
        self.value.is_zero()
    }
}
impl<F: DualNum<F>> One for Tracer<F> {
    fn one() -> Self {
        Self::constant(F::one())
    }
}
impl<F: DualNum<F>> Num for Tracer<F> {
    type FromStrRadixErr = F::FromStrRadixErr;
    fn from_str_radix(s: &str, radix: u32) -> Result<Self, Self::FromStrRadixErr> {
        F::from_str_radix(s, radix).map(Self::constant)
    }
}
impl<F: DualNum<F>> ToPrimitive for Tracer<F> {
    fn to_i64(&self) -> Option<i64> {
        self.value.to_i64()
    }
    fn to_u64(&self) -> Option<u64> {
        self.value.to_u64()
    }
    fn to_f32(&self) -> Option<f32> {
        self.value.to_f32()
    }
    fn to_f64(&self) -> Option<f64> {
        self.value.to_f64()
    }
}
impl<F: DualNum<F>> NumCast for Tracer<F> {
    fn from<P: ToPrimitive>(n: P) -> Option<Self> {
        <F as NumCast>::from(n).map(Self::constant)
    }
}
impl<F: DualNum<F>> FromPrimitive for Tracer<F> {
    fn from_i64(n: i64) -> Option<Self> {
        F::from_i64(n).map(Self::constant)
    }
    fn from_u64(n: u64) -> Option<Self> {
        F::from_u64(n).map(Self::constant)
    }
    fn from_f32(n: f32) -> Option<Self> {
        F::from_f32(n).map(Self::constant)
    }
    fn from_f64(n: f64) -> Option<Self> {
        F::from_f64(n).map(Self::constant)
    }
}
impl<F: DualNum<F>> Inv for Tracer<F> {
    type Output = Self;
    fn inv(self) -> Self {
        self.recip()
    }
}
impl<F: DualNum<F>> Signed for Tracer<F> {
    fn abs(&self) -> Self {
        Float::abs(*self)
    }
    fn abs_sub(&self, other: &Self) -> Self {
        Float::abs_sub(*self, *other)
    }
    fn signum(&self) -> Self {
        Float::signum(*self)
    }
    fn is_positive(&self) -> bool {
        self.value.is_sign_positive()
    }
    fn is_negative(&self) -> bool {
        self.value.is_sign_negative()
    }
}

/// `FloatConst` and the constants of `Float`: constants of `F`.
macro_rules! constants {
    ($tr:ident: $($c:ident),*) => {$(
        fn $c() -> Self {
            Self::constant(<F as $tr>::$c())
        }
    )*};
}
impl<F: DualNum<F>> FloatConst for Tracer<F> {
    constants!(FloatConst: E, FRAC_1_PI, FRAC_1_SQRT_2, FRAC_2_PI, FRAC_2_SQRT_PI, FRAC_PI_2,
        FRAC_PI_3, FRAC_PI_4, FRAC_PI_6, FRAC_PI_8, LN_10, LN_2, LOG10_E, LOG2_E, PI, SQRT_2,
        TAU, LOG10_2, LOG2_10);
}

/// `Float` methods by how their result depends on the operand.
macro_rules! unary {
    (constant: $($f:ident),*) => {$(
        fn $f(self) -> Self {
            Self::constant(self.value.$f())
        }
    )*};
    (query: $($f:ident),*) => {$(
        fn $f(self) -> bool {
            self.value.$f()
        }
    )*};
    ($how:ident: $($f:ident),*) => {$(
        fn $f(self) -> Self {
            let value = self.value.$f();
            self.$how(value)
        }
    )*};
}

impl<F: DualNum<F>> Float for Tracer<F> {
    constants!(Float: nan, infinity, neg_infinity, neg_zero, min_value, min_positive_value,
        max_value, epsilon);
    unary!(constant: floor, ceil, round, trunc, signum);
    // locally linear: the sign of `abs` is fixed away from 0, and at 0 the
    // convention is a one-sided derivative
    unary!(linear: fract, abs, to_degrees, to_radians);
    unary!(nonlinear: recip, sqrt, exp, exp2, ln, log2, log10, cbrt, sin, cos, tan, asin, acos,
        atan, exp_m1, ln_1p, sinh, cosh, tanh, asinh, acosh, atanh);
    unary!(query: is_nan, is_infinite, is_finite, is_normal, is_sign_positive, is_sign_negative);
    fn classify(self) -> FpCategory {
        self.value.classify()
    }
    fn integer_decode(self) -> (u64, i16, i8) {
        self.value.integer_decode()
    }
    fn mul_add(self, a: Self, b: Self) -> Self {
        self * a + b
    }
    fn powi(self, n: i32) -> Self {
        let value = self.value.powi(n);
        match n {
            0 => Self::constant(value),
            1 => self.linear(value),
            _ => self.nonlinear(value),
        }
    }
    fn powf(self, n: Self) -> Self {
        let value = self.value.powf(n.value);
        if n.link.id == NONE && n.value == F::zero() {
            Self::constant(value)
        } else if n.link.id == NONE && n.value == F::one() {
            self.linear(value)
        } else {
            self.binary(n, Kind::Binary, value)
        }
    }
    fn log(self, base: Self) -> Self {
        let value = self.value.log(base.value);
        self.binary(base, Kind::Binary, value)
    }
    fn hypot(self, other: Self) -> Self {
        let value = self.value.hypot(other.value);
        self.binary(other, Kind::Binary, value)
    }
    fn atan2(self, other: Self) -> Self {
        let value = self.value.atan2(other.value);
        self.binary(other, Kind::Binary, value)
    }
    fn sin_cos(self) -> (Self, Self) {
        (self.sin(), self.cos())
    }
    // the operand returned is chosen by value, as for the other number types
    fn max(self, other: Self) -> Self {
        if self.value.is_nan() || other.value > self.value {
            other
        } else {
            self
        }
    }
    fn min(self, other: Self) -> Self {
        if self.value.is_nan() || other.value < self.value {
            other
        } else {
            self
        }
    }
    fn clamp(self, min: Self, max: Self) -> Self {
        if self.value < min.value {
            min
        } else if self.value > max.value {
            max
        } else {
            self
        }
    }
    fn abs_sub(self, other: Self) -> Self {
        if self.value <= other.value {
            Self::constant(F::zero())
        } else {
            self - other
        }
    }
    fn copysign(self, sign: Self) -> Self {
        self.linear(self.value.copysign(sign.value))
    }
}

impl<F: DualNum<F>> dual::PrimitiveOps<F> for Tracer<F> {}

impl<F: DualNum<F>> DualNum<F> for Tracer<F> {
    fn re(&self) -> F {
        self.value
    }
    fn from_re(re: F) -> Self {
        Self::constant(re)
    }
    fn powf_scalar(self, n: F) -> Self {
        self.powf(Self::constant(n))
    }
}
