//! The one conversion of literals and counts into the point's scalar.

use dual::Scalar;
use num_traits::ToPrimitive;

/// `v` (a float literal, a small integer or a count) as the scalar `T`; NaN if
/// `T` cannot represent it (never for `f32`/`f64` and the values used here).
pub(crate) fn lit<T: Scalar>(v: impl ToPrimitive) -> T {
    T::from(v).unwrap_or_else(T::nan)
}
