//! The contract between a number type and the code every type shares.
//!
//! A number type's own file implements [`Components`]: its parts, its
//! constants, and its product and quotient rules. A fixed-order type (value,
//! first and second derivatives: every type but [`crate::Taylor`]) also has a
//! [`Chain`] rule, through which the macros write each elementary function from
//! its derivative table in [`crate::elementary`]. The operators, the
//! `num_traits`, `approx` and `nalgebra` traits, and the functions built from
//! others ([`crate::derived`]) need nothing else.

use num_traits::Float;

/// What every number type of the crate supplies to the shared implementations:
/// its components, constants, and its product and quotient rules.
pub(crate) trait Components<T: Float>: Copy {
    /// The real (value) part.
    fn real(&self) -> T;
    /// Replace the real part, keeping the derivative parts.
    fn with_real(self, re: T) -> Self;
    /// A constant.
    fn constant(re: T) -> Self;
    /// Apply `f` to every component.
    fn map(self, f: impl FnMut(T) -> T) -> Self;
    /// Combine two numbers component by component.
    fn zip(self, other: Self, f: impl FnMut(T, T) -> T) -> Self;
    /// Whether `f` holds for every pair of corresponding components.
    fn all(&self, other: &Self, f: impl FnMut(&T, &T) -> bool) -> bool;
    /// The product rule.
    fn mul_rule(self, other: Self) -> Self;
    /// The quotient rule; the value must be the primitive quotient, bit for bit.
    fn div_rule(self, other: Self) -> Self;
}

/// The chain rule of a number type truncated after second order:
/// `f(x)` from `[f(x0), f'(x0), f''(x0)]` at the value `x0`.
pub(crate) trait Chain<T: Float>: Components<T> {
    /// The number `f(self)`, given `f` and its first two derivatives at the value.
    fn chain(self, f: [T; 3]) -> Self;
}
