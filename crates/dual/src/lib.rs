//! Number types for exact forward-mode automatic differentiation.
//!
//! Evaluate your own generic code on one of these numbers instead of `f64` and
//! it returns the derivatives along with the value, exact up to floating-point
//! rounding: there is no step size and no truncation error.
//!
//! | type | holds | one evaluation gives |
//! |---|---|---|
//! | [`Dual<T>`] | `re`, `eps` | value and one directional first derivative |
//! | [`HyperDual<T>`] | `re`, `eps1`, `eps2`, `eps1eps2` | value, two first derivatives, one mixed second derivative |
//! | [`Taylor<T, N>`] | coefficients `c0..=cN` | every derivative up to order `N` along one direction |
//! | [`DualVec<T, N>`] | value and `N` first derivatives | a gradient chunk of `N` |
//! | [`HyperDualVec<T, N>`] | value, `N` first and `N x N` second derivatives | a gradient chunk and its Hessian block |
//!
//! Every type is generic over its inner scalar `T`, is `Copy`, and nests
//! (`Dual<Dual<f64>>` carries a second derivative, `Taylor<HyperDual<f64>, 4>`
//! mixes both). Write your function once against [`DualNum`]:
//!
//! ```
//! use dual::{Dual64, DualNum, HyperDual64};
//!
//! fn f<D: DualNum<f64>>(x: D) -> D {
//!     x.powi(3) - x * 3.0
//! }
//!
//! // f'(x) = 3x^2 - 3 and f''(x) = 6x
//! let d = f(Dual64::variable(2.0));
//! assert_eq!((d.re, d.eps), (2.0, 9.0));
//! let h = f(HyperDual64::variable(1.0));
//! assert_eq!(h.eps1eps2, 6.0);
//! assert_eq!(f(2.0_f64), 2.0);
//! ```
//!
//! # Semantics
//!
//! * Comparisons (`==`, `<`, [`Float::max`], [`Float::min`], [`num_traits::Zero::is_zero`])
//!   look at the value only, so control flow is that of the plain `f64` program.
//!   The `approx` traits compare every component.
//! * Functions that are not differentiable everywhere document the derivative they
//!   return in a `# Derivatives` section; outside a function's domain the result is
//!   NaN, as for `f64`: the value and every derivative part (`ln(-1)` has no
//!   finite derivative to report). Values are those of the primitive function,
//!   bit for bit, also at the special values (±0, ±inf, NaN, subnormals).
//!
//! # nalgebra
//!
//! Every number type over `f32`, `f64` or another number type is a
//! `simba::scalar::RealField` (and so a `ComplexField` and a `nalgebra::Scalar`):
//! matrices of numbers work with nalgebra's decompositions (`lu`, `cholesky`,
//! `qr`, `symmetric_eigen`, `try_inverse`, `determinant`, `solve`, ...) and the
//! derivatives flow through them exactly.
//!
//! ```
//! use dual::{DualNum, DualVec64};
//! use nalgebra::Matrix2;
//!
//! // the gradient of det(X) with respect to its four entries is det(X) X^{-T}
//! let x = Matrix2::from_fn(|i, j| DualVec64::<4>::variable([4.0, 1.0, 2.0, 3.0][2 * i + j], 2 * i + j));
//! let d = x.lu().determinant();
//! assert_eq!(d.re, 10.0);
//! // det(X) X^{-T} = [[3, -2], [-1, 4]]
//! approx::assert_relative_eq!(&d.eps[..], &[3.0, -2.0, -1.0, 4.0][..], max_relative = 1e-15);
//! ```
//!
//! Generic code that calls both decompositions and elementary functions is
//! written against [`DualField`] (built on `RealField`) rather than [`DualNum`]
//! (built on `num_traits::Float`), whose method names would clash.
//!
//! # No allocation
//!
//! The crate is `#![no_std]` and does not link `alloc`: no number type can
//! allocate, in any operation. Every type is `Copy` and lives on the stack.
//!
//! # Features
//!
//! * `std` (default): float functions from the standard library.
//! * `libm`: float functions from `libm`, for `no_std` builds
//!   (`--no-default-features --features libm`).
#![no_std]
#![deny(missing_docs)]
#![deny(unconditional_recursion)]
// `deny`, not `forbid`: simba's `SimdValue` declares two methods `unsafe`, and
// their (safe) implementations in `linalg.rs` need a local `allow`.
#![deny(unsafe_code)]

#[macro_use]
mod macros;
mod contract;
mod derived;
mod dual;
mod dual_vec;
mod elementary;
mod fmt;
mod hyperdual;
mod hyperdual_vec;
mod linalg;
mod taylor;

pub use crate::dual::{Dual, Dual32, Dual64};
pub use crate::dual_vec::{DualVec, DualVec32, DualVec64};
pub use crate::hyperdual::{HyperDual, HyperDual32, HyperDual64};
pub use crate::hyperdual_vec::{HyperDualVec, HyperDualVec32, HyperDualVec64};
pub use crate::taylor::{Taylor, Taylor32, Taylor64};

pub(crate) use crate::contract::{Chain, Components};

use core::fmt::{Debug, Display};
use core::iter::{Product, Sum};
use core::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Rem, RemAssign, Sub, SubAssign};
pub use num_traits::{Float, FloatConst};
use num_traits::{FromPrimitive, Inv, NumAssignOps, Signed};
use simba::scalar::RealField;

/// A number that generic code can be differentiated with.
///
/// `DualNum<F>` is implemented by the primitive float `F` itself (`f32`, `f64`)
/// and by every number type of this crate whose inner scalar is a `DualNum<F>`,
/// however deeply nested. Write a function once against it and evaluate it on
/// plain floats or on any number type:
///
/// ```
/// use dual::{Dual, Dual64, DualNum, HyperDual64, Taylor64};
///
/// fn f<D: DualNum<f64>>(x: D) -> D {
///     x.exp() / (x.sin().powi(3) + x.cos().powi(3)).sqrt()
/// }
///
/// let x = 1.5;
/// let plain = f(x);
/// let d = f(Dual64::variable(x));
/// let h = f(HyperDual64::variable(x));
/// let t = f(Taylor64::<12>::variable(x));
/// let nested = f(Dual::new(Dual64::variable(x), Dual64::from_re(1.0)));
///
/// assert_eq!(d.re, plain);
/// approx::assert_relative_eq!(d.eps, 4.053427893898621, max_relative = 1e-14);
/// approx::assert_relative_eq!(h.eps1eps2, 9.463073681596603, max_relative = 1e-14);
/// approx::assert_relative_eq!(t.derivative(2), h.eps1eps2, max_relative = 1e-13);
/// approx::assert_relative_eq!(nested.eps.eps, h.eps1eps2, max_relative = 1e-13);
/// ```
///
/// The trait includes all of [`num_traits::Float`], so generic `Float` code
/// accepts these numbers too, plus arithmetic with the primitive `F` on the right
/// (`x * 3.0`); the primitive on the left (`3.0 * x`) works for every concrete type.
///
/// # Generic code: what compiles and what to write instead
///
/// Inside `fn f<D: DualNum<f64>>`, these work as for `f64`:
///
/// ```
/// use dual::{Dual64, DualNum};
///
/// fn f<D: DualNum<f64>>(x: &[D]) -> D {
///     let s: D = x.iter().sum(); // Sum of references
///     let p: D = x.iter().product(); // Product of references
///     let relu = x[0].max(0.0.into()); // a primitive converts with `into()` (From<f64>)
///     if s > 1.0 && x[1] != 0.0 {
///         // comparisons with a primitive look at the value
///         s * 2.0 + p.powf_scalar(1.5) + relu // the primitive on the right, a primitive power
///     } else {
///         D::from_re(0.0) // a constant
///     }
/// }
/// let y = f(&[Dual64::variable(1.0), Dual64::from_re(4.0)]);
/// // d/dx0 [2 (x0 + 4) + (4 x0)^1.5 + x0] at x0 = 1: 2 + 1.5 * 4^0.5 * 4 + 1
/// assert_eq!((y.re, y.eps), (19.0, 15.0));
/// ```
///
/// The primitive on the *left* does not compile in generic code: `2.0 * x` needs
/// `f64: Mul<D>`, a bound on `f64`, not on `D`, and Rust implies only bounds on
/// `Self` from a trait (a `where` clause on the trait would have to be repeated
/// by every user). Write `x * 2.0`, `x.recip() * 2.0` for `2.0 / x`, `-x + 2.0`
/// for `2.0 - x`, or add the bound yourself:
///
/// ```compile_fail,E0277
/// fn f<D: dual::DualNum<f64>>(x: D) -> D {
///     2.0 * x // error: cannot multiply `{float}` by `D`
/// }
/// ```
///
/// ```
/// use core::ops::{Div, Mul};
/// fn f<D: dual::DualNum<f64>>(x: D) -> D
/// where
///     f64: Mul<D, Output = D> + Div<D, Output = D>,
/// {
///     2.0 * x + 1.0 / x
/// }
/// assert_eq!(f(dual::Dual64::variable(2.0)).eps, 2.0 - 0.25);
/// ```
///
/// [`Float::max`], [`Float::min`] and [`Float::powf`] take a `Self`, and a
/// trait cannot add a same-named method taking `F` without making every call
/// ambiguous, so `x.max(0.0)` and `x.powf(1.5)` do not compile; the compiler
/// suggests `0.0.into()`. For a power, [`DualNum::powf_scalar`] is the direct
/// spelling (and skips the exponent's derivative):
///
/// ```compile_fail,E0308
/// fn f<D: dual::DualNum<f64>>(x: D) -> D {
///     x.max(0.0) // error: expected type parameter `D`, found floating-point number
/// }
/// ```
///
/// `D::from(1.5)` is ambiguous: `From<f64>::from` and `num_traits::NumCast::from`
/// (a supertrait of `Float`) both apply. Write `D::from_re(1.5)` or `1.5.into()`:
///
/// ```compile_fail,E0034
/// fn f<D: dual::DualNum<f64>>(x: D) -> D {
///     x * D::from(1.5) // error: multiple applicable items in scope
/// }
/// ```
pub trait DualNum<F>:
    Float
    + FloatConst
    + Signed
    + FromPrimitive
    + Inv<Output = Self>
    + NumAssignOps
    + PrimitiveOps<F>
    + Display
    + Debug
    + Send
    + Sync
    + 'static
{
    /// The plain value, however deeply nested the number is.
    ///
    /// ```
    /// use dual::{Dual, Dual64, DualNum};
    /// let x: Dual<Dual64> = Dual::from_re(2.5);
    /// assert_eq!(x.re(), 2.5);
    /// ```
    fn re(&self) -> F;

    /// A constant: the value `re` with every derivative zero.
    ///
    /// ```
    /// use dual::{Dual64, DualNum};
    /// let c = Dual64::from_re(3.0);
    /// assert_eq!((c.re, c.eps), (3.0, 0.0));
    /// ```
    fn from_re(re: F) -> Self;

    /// `self` raised to a constant primitive power: `x.powf_scalar(1.5)`.
    ///
    /// [`Float::powf`] takes its exponent as `Self`, so in generic code
    /// `x.powf(1.5)` does not compile; this is the same function with the
    /// exponent as a plain `F`. It equals `x.powf(D::from_re(1.5))`, except that
    /// it carries no derivative with respect to the (constant) exponent, so its
    /// derivatives stay finite at a subnormal base, where `ln x` has an infinite
    /// derivative that `powf` multiplies by zero.
    ///
    /// ```
    /// use dual::{Dual64, DualNum};
    /// fn f<D: DualNum<f64>>(x: D) -> D {
    ///     x.powf_scalar(1.5)
    /// }
    /// let y = f(Dual64::variable(4.0));
    /// assert_eq!((y.re, y.eps), (8.0, 3.0)); // d/dx x^1.5 = 1.5 x^0.5
    /// ```
    #[must_use]
    fn powf_scalar(self, n: F) -> Self {
        self.powf(Self::from_re(n))
    }
}

/// What [`DualNum`] and [`DualField`] share: arithmetic, comparisons and
/// conversion with the primitive `F`, sums and products (also of references),
/// `Copy` and `Default`.
///
/// Implemented for `f32`, `f64` and every number type over them.
///
/// ```
/// use dual::{Dual64, PrimitiveOps};
/// fn scaled_total<D: PrimitiveOps<f64>>(x: &[D]) -> D {
///     let mut s: D = x.iter().sum();
///     s *= 2.0;
///     if s > 10.0 { D::from(10.0) } else { s - 1.0 }
/// }
/// let y = scaled_total(&[Dual64::variable(1.0), Dual64::from(1.5)]);
/// assert_eq!((y.re, y.eps), (4.0, 2.0));
/// ```
pub trait PrimitiveOps<F>:
    Copy
    + Add<F, Output = Self>
    + Sub<F, Output = Self>
    + Mul<F, Output = Self>
    + Div<F, Output = Self>
    + Rem<F, Output = Self>
    + AddAssign<F>
    + SubAssign<F>
    + MulAssign<F>
    + DivAssign<F>
    + RemAssign<F>
    + PartialEq<F>
    + PartialOrd<F>
    + From<F>
    + Sum
    + for<'a> Sum<&'a Self>
    + Product
    + for<'a> Product<&'a Self>
    + Default
{
}

/// A number for generic code that uses nalgebra's decompositions *and*
/// elementary functions, under one bound and with no fully qualified calls.
///
/// [`DualNum`] includes `num_traits::Float`, and nalgebra's `RealField` includes
/// `ComplexField`: both declare `ln`, `exp`, `sqrt`, `sin`, `powi`, `powf`,
/// `max`, `atan2`, ... so under `D: DualNum<f64> + RealField` almost every
/// method call is ambiguous (`num_traits::Float::ln(d)` is needed). `DualField`
/// is built on `RealField` alone, plus what generic code needs of a number type:
/// arithmetic and comparisons with the primitive `F` (`x * 2.0`, `x > 0.0`),
/// `From<F>` (`2.0.into()`, `D::from(2.0)`), sums and products of references.
/// It has no methods of its own, so having it in scope beside [`DualNum`] makes
/// no call ambiguous on a concrete type.
///
/// Implemented for `f32`, `f64` and every number type over them (nested too).
///
/// ```
/// use dual::{DualField, DualVec64};
/// use nalgebra::{Matrix2, Vector2};
///
/// // ln det(A) + |A^-1 b| + sin(a00), A = [[a, 1], [1, 2]], b = (1, 1)
/// fn f<D: DualField<f64>>(a: D) -> D {
///     let m = Matrix2::new(a, D::from(1.0), 1.0.into(), 2.0.into());
///     let x = m.lu().solve(&Vector2::new(D::from(1.0), D::from(1.0))).unwrap_or_default();
///     m.determinant().ln() + x.norm() + a.sin() * 2.0
/// }
/// let y = f(DualVec64::<1>::variable(3.0, 0));
/// // det = 2a - 1 = 5; x = (1, a - 1) / (2a - 1) = (0.2, 0.4)
/// approx::assert_relative_eq!(y.re, 5.0_f64.ln() + 0.2_f64.hypot(0.4) + 2.0 * 3.0_f64.sin(), max_relative = 1e-15);
/// // d/da: 2 / 5 + (x . dx/da) / |x| + 2 cos(a), dx/da = ((0, 1) - 2 x) / 5
/// let dx = [(0.0 - 0.4) / 5.0, (1.0 - 0.8) / 5.0];
/// let expect = 0.4 + (0.2 * dx[0] + 0.4 * dx[1]) / 0.2_f64.hypot(0.4) + 2.0 * 3.0_f64.cos();
/// approx::assert_relative_eq!(y.eps[0], expect, max_relative = 1e-14);
/// ```
pub trait DualField<F>: RealField + PrimitiveOps<F> {}

impl<F, D> DualField<F> for D where D: DualNum<F> + RealField {}

/// The bound every driver of the `hessian` crate puts on the scalar of its
/// point: `f32`, `f64`, or any number type over them (so drivers nest).
///
/// Implemented for every type with the listed traits; every [`DualNum`] is one.
///
/// ```
/// use dual::{Dual64, Scalar};
/// fn is_scalar<T: Scalar>() {}
/// is_scalar::<f64>();
/// is_scalar::<Dual64>();
/// ```
pub trait Scalar:
    Float
    + FloatConst
    + FromPrimitive
    + NumAssignOps
    + Default
    + Display
    + Debug
    + Send
    + Sync
    + 'static
{
}

impl<T> Scalar for T where
    T: Float
        + FloatConst
        + FromPrimitive
        + NumAssignOps
        + Default
        + Display
        + Debug
        + Send
        + Sync
        + 'static
{
}

macro_rules! impl_dualnum_primitive {
    ($($f:ty),*) => {$(
        impl PrimitiveOps<$f> for $f {}
        impl DualNum<$f> for $f {
            #[inline]
            fn re(&self) -> $f {
                *self
            }
            #[inline]
            fn from_re(re: $f) -> $f {
                re
            }
        }
    )*};
}
impl_dualnum_primitive!(f32, f64);
