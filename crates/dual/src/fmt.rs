//! Shared pieces of the `Display` implementations: `1.5 + 2ε`, with nested
//! numbers in parentheses, `(1.5 + 1ε) + (1 + 0ε)ε`.

use core::any::TypeId;
use core::fmt::{self, Display, Formatter};
use num_traits::Float;

fn is_primitive<T: 'static>() -> bool {
    TypeId::of::<T>() == TypeId::of::<f64>() || TypeId::of::<T>() == TypeId::of::<f32>()
}

/// The leading component, in parentheses when it is itself a compound number.
pub(crate) fn lead<T: Display + 'static>(f: &mut Formatter<'_>, x: &T) -> fmt::Result {
    if is_primitive::<T>() {
        Display::fmt(x, f)
    } else {
        f.write_str("(")?;
        Display::fmt(x, f)?;
        f.write_str(")")
    }
}

/// A further term ` + c unit` (or ` - |c| unit` for a negative primitive).
pub(crate) fn term<T: Float + Display + 'static>(
    f: &mut Formatter<'_>,
    c: &T,
    unit: &str,
) -> fmt::Result {
    if is_primitive::<T>() {
        if c.is_sign_negative() && !c.is_nan() {
            f.write_str(" - ")?;
            Display::fmt(&c.abs(), f)?;
        } else {
            f.write_str(" + ")?;
            Display::fmt(c, f)?;
        }
    } else {
        f.write_str(" + ")?;
        lead(f, c)?;
    }
    f.write_str(unit)
}

/// A bracketed list `[a, b, c]` of components.
pub(crate) fn list<T: Display>(f: &mut Formatter<'_>, xs: &[T]) -> fmt::Result {
    f.write_str("[")?;
    for (i, x) in xs.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        Display::fmt(x, f)?;
    }
    f.write_str("]")
}
