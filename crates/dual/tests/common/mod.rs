//! Shared pieces of the `dual` integration tests: the reference table, the list
//! of elementary functions (each written once, generically), tolerances and
//! proptest strategies.
#![allow(dead_code)]

use dual::DualNum;
use num_traits::Float;
use proptest::prelude::*;

/// The table written by `scripts/reference.py`.
pub mod data {
    include!("../data/reference.rs");
}
#[allow(unused_imports)]
pub use data::{REFERENCE, REFERENCE2, WORKED_1_5};

/// A test constant as the primitive `F` (every one fits in f32).
pub fn prim<F: Float>(v: f64) -> F {
    F::from(v).expect("every test constant fits in f32")
}

/// A constant of any number type over the primitive `F`.
pub fn c<F: Float, D: DualNum<F>>(v: f64) -> D {
    D::from_re(prim(v))
}

/// The guide's worked example `e^x / sqrt(sin^3 x + cos^3 x)`.
pub fn worked<F: Float, D: DualNum<F>>(x: D) -> D {
    x.exp() / (x.sin().powi(3) + x.cos().powi(3)).sqrt()
}

/// Every function of one variable in the reference table, by name, written once
/// against `DualNum<F>` so that every number type evaluates the same code.
pub fn unary<F: Float, D: DualNum<F>>(name: &str) -> fn(D) -> D {
    match name {
        "exp" => |x| x.exp(),
        "exp2" => |x| x.exp2(),
        "exp_m1" => |x| x.exp_m1(),
        "ln" => |x| x.ln(),
        "ln_1p" => |x| x.ln_1p(),
        "log2" => |x| x.log2(),
        "log10" => |x| x.log10(),
        "sqrt" => |x| x.sqrt(),
        "cbrt" => |x| x.cbrt(),
        "recip" => |x| x.recip(),
        "sin" => |x| x.sin(),
        "cos" => |x| x.cos(),
        "tan" => |x| x.tan(),
        "asin" => |x| x.asin(),
        "acos" => |x| x.acos(),
        "atan" => |x| x.atan(),
        "sinh" => |x| x.sinh(),
        "cosh" => |x| x.cosh(),
        "tanh" => |x| x.tanh(),
        "asinh" => |x| x.asinh(),
        "acosh" => |x| x.acosh(),
        "atanh" => |x| x.atanh(),
        "powi_0" => |x| x.powi(0),
        "powi_1" => |x| x.powi(1),
        "powi_2" => |x| x.powi(2),
        "powi_3" => |x| x.powi(3),
        "powi_7" => |x| x.powi(7),
        "powi_m1" => |x| x.powi(-1),
        "powi_m2" => |x| x.powi(-2),
        "powi_m5" => |x| x.powi(-5),
        "powf_2.5" => |x| x.powf(c::<F, D>(2.5)),
        "powf_-0.5" => |x| x.powf(c::<F, D>(-0.5)),
        "powf_0.3" => |x| x.powf(c::<F, D>(0.3)),
        "powf_3" => |x| x.powf(c::<F, D>(3.0)),
        "worked" => worked::<F, D>,
        "abs" => |x| x.abs(),
        "signum" => |x| x.signum(),
        "floor" => |x| x.floor(),
        "ceil" => |x| x.ceil(),
        "round" => |x| x.round(),
        "trunc" => |x| x.trunc(),
        "fract" => |x| x.fract(),
        _ => panic!("no function named {name} in the test list"),
    }
}

/// Every function of two variables in `REFERENCE2` and in the special-value
/// grid of `binary_edges.rs`, by name.
pub fn binary<F: Float, D: DualNum<F>>(name: &str) -> fn(D, D) -> D {
    match name {
        "powf" => |x, y| x.powf(y),
        "hypot" => |x, y| x.hypot(y),
        "atan2" => |x, y| x.atan2(y),
        "max" => |x, y| x.max(y),
        "min" => |x, y| x.min(y),
        "copysign" => |x, y| x.copysign(y),
        "rem" => |x, y| x % y,
        _ => panic!("no function named {name} in the test list"),
    }
}

/// Number of units in the last place allowed for an evaluation, on top of the
/// propagated input error.
///
/// Each closed form is evaluated with a handful of roundings (the library
/// function, then at most ~5 multiplications/divisions of the chain rule, each
/// within half an ulp); 8 units of the roundoff `u` bound that sum with margin.
pub const ULPS: f64 = 8.0;

/// Check one computed component against its reference value.
///
/// `reference` is the exact value rounded once, `sensitivity` the size of the
/// first-order change of that component under a relative perturbation of the
/// inputs, `sum_i |x_i d(reference)/dx_i|`: the numerator of the condition
/// number `|x g'(x) / g(x)|`. The allowed error is
/// `ULPS * u * (|reference| + sensitivity)`, i.e. a few ulps relative, scaled by
/// `1 + condition number`: intermediate results of the chain rule (and, for
/// `f32`, the input itself) carry relative errors of order `u`, which the
/// function amplifies by exactly its condition number.
#[track_caller]
pub fn assert_close(computed: f64, reference: f64, sensitivity: f64, u: f64, what: &str) {
    let tol = ULPS * u * (reference.abs() + sensitivity.abs());
    let err = (computed - reference).abs();
    assert!(
        err <= tol || (computed.is_infinite() && computed == reference),
        "{what}: computed {computed:e}, reference {reference:e}, error {err:e} > tolerance {tol:e}"
    );
}

/// Check component `k` (0 = value, 1 = f', 2 = f'') of a unary reference row.
#[track_caller]
pub fn check_unary(name: &str, x: f64, r: &[f64; 4], k: usize, computed: f64, u: f64, part: &str) {
    let what = format!("{name}({x}) {part} (derivative order {k})");
    assert_close(computed, r[k], x * r[k + 1], u, &what);
}

/// Indices into a `REFERENCE2` row: the partial derivative of the given orders
/// in x and y.
pub fn idx2(nx: usize, ny: usize) -> usize {
    match (nx, ny) {
        (0, 0) => 0,
        (1, 0) => 1,
        (0, 1) => 2,
        (2, 0) => 3,
        (1, 1) => 4,
        (0, 2) => 5,
        (3, 0) => 6,
        (2, 1) => 7,
        (1, 2) => 8,
        (0, 3) => 9,
        _ => unreachable!("the table holds partials up to order 3"),
    }
}

/// Check the partial `d^(nx+ny) f / dx^nx dy^ny` of a binary reference row.
#[track_caller]
#[allow(clippy::too_many_arguments)]
pub fn check_binary(
    name: &str,
    (x, y): (f64, f64),
    r: &[f64; 10],
    (nx, ny): (usize, usize),
    computed: f64,
    u: f64,
    part: &str,
) {
    let what = format!("{name}({x}, {y}) {part} (d^{nx}/dx d^{ny}/dy)");
    let sens = (x * r[idx2(nx + 1, ny)]).abs() + (y * r[idx2(nx, ny + 1)]).abs();
    assert_close(computed, r[idx2(nx, ny)], sens, u, &what);
}

/// The names of every unary function of the table, each once.
pub fn unary_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = REFERENCE.iter().map(|r| r.0).collect();
    names.dedup();
    names
}

/// The proptest configuration of every property: modest, CI runs on 2 cores.
pub fn config() -> ProptestConfig {
    ProptestConfig::with_cases(64)
}

/// A finite value of moderate size, away from 0 (so that quotients and
/// remainders are well defined).
pub fn nonzero() -> impl Strategy<Value = f64> {
    prop_oneof![-8.0..-0.125_f64, 0.125..8.0_f64]
}

/// A finite value of moderate size.
pub fn moderate() -> impl Strategy<Value = f64> {
    -8.0..8.0_f64
}

/// Every component of a number, flattened to f64 (for exact componentwise
/// comparisons and for building random numbers).
pub trait Flat: Copy + core::fmt::Debug {
    /// Number of components.
    const LEN: usize;
    /// The unit roundoff of the primitive type.
    const U: f64;
    /// Every component, in a fixed order.
    fn flat(&self) -> Vec<f64>;
    /// The number with these components (`LEN` of them).
    fn from_flat(v: &[f64]) -> Self;
}

macro_rules! impl_flat_prim {
    ($($p:ty),*) => {$(
        impl Flat for $p {
            const LEN: usize = 1;
            const U: f64 = <$p>::EPSILON as f64 / 2.0;
            fn flat(&self) -> Vec<f64> {
                vec![*self as f64]
            }
            fn from_flat(v: &[f64]) -> Self {
                v[0] as $p
            }
        }
    )*};
}
impl_flat_prim!(f32, f64);

impl<T: Flat> Flat for dual::Dual<T> {
    const LEN: usize = 2 * T::LEN;
    const U: f64 = T::U;
    fn flat(&self) -> Vec<f64> {
        [self.re.flat(), self.eps.flat()].concat()
    }
    fn from_flat(v: &[f64]) -> Self {
        let (a, b) = v.split_at(T::LEN);
        Self::new(T::from_flat(a), T::from_flat(b))
    }
}

impl<T: Flat> Flat for dual::HyperDual<T> {
    const LEN: usize = 4 * T::LEN;
    const U: f64 = T::U;
    fn flat(&self) -> Vec<f64> {
        [self.re, self.eps1, self.eps2, self.eps1eps2]
            .iter()
            .flat_map(Flat::flat)
            .collect()
    }
    fn from_flat(v: &[f64]) -> Self {
        let p: Vec<T> = v.chunks(T::LEN).map(T::from_flat).collect();
        Self::new(p[0], p[1], p[2], p[3])
    }
}

impl<T: Flat, const N: usize> Flat for dual::DualVec<T, N> {
    const LEN: usize = (1 + N) * T::LEN;
    const U: f64 = T::U;
    fn flat(&self) -> Vec<f64> {
        core::iter::once(&self.re)
            .chain(&self.eps)
            .flat_map(Flat::flat)
            .collect()
    }
    fn from_flat(v: &[f64]) -> Self {
        let p: Vec<T> = v.chunks(T::LEN).map(T::from_flat).collect();
        Self::new(p[0], core::array::from_fn(|i| p[1 + i]))
    }
}

impl<T: Flat, const N: usize> Flat for dual::HyperDualVec<T, N> {
    const LEN: usize = (1 + N + N * N) * T::LEN;
    const U: f64 = T::U;
    fn flat(&self) -> Vec<f64> {
        core::iter::once(&self.re)
            .chain(&self.eps)
            .chain(self.eps2.iter().flatten())
            .flat_map(Flat::flat)
            .collect()
    }
    fn from_flat(v: &[f64]) -> Self {
        let p: Vec<T> = v.chunks(T::LEN).map(T::from_flat).collect();
        Self::new(
            p[0],
            core::array::from_fn(|i| p[1 + i]),
            core::array::from_fn(|i| core::array::from_fn(|j| p[1 + N + N * i + j])),
        )
    }
}

/// A random number of type `D` whose components are all of moderate size and
/// away from zero.
pub fn number<D: Flat>() -> impl Strategy<Value = D> {
    proptest::collection::vec(nonzero(), D::LEN).prop_map(|v| D::from_flat(&v))
}

// ---- the guide's worked examples, shared by guide.rs and with_taylor.rs ----

/// f(x) = x^3 - 3x: f' = 3x^2 - 3, f'' = 6x.
pub fn cubic<D: DualNum<f64>>(x: D) -> D {
    x.powi(3) - x * 3.0
}

/// f(x) = x^4 + sin x: f' = 4x^3 + cos x, f'' = 12x^2 - sin x.
pub fn quartic<D: DualNum<f64>>(x: D) -> D {
    x.powi(4) + x.sin()
}

/// The guide's e^x / sqrt(sin^3 x + cos^3 x), written once.
pub fn f<D: DualNum<f64>>(x: D) -> D {
    x.exp() / (x.sin().powi(3) + x.cos().powi(3)).sqrt()
}
