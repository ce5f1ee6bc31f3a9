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

    /// The bivariate chain rule: the number `f(self, y)`, given at the values
    /// `(x0, y0)` the value `f`, the first partials `fx`, `fy` and the second
    /// partials `fxx`, `fxy`, `fyy` (in that order). With `dx`, `dy` the
    /// non-real parts, `f + fx dx + fy dy + fxx dx²/2 + fxy dx dy + fyy dy²/2`
    /// truncated after second order: no part of one argument meets a
    /// derivative of the other's function (unlike composing `exp(y ln x)`,
    /// where the exact 0 of a constant `y`'s parts multiplies the overflowing
    /// second derivative of `ln x`). A partial that is infinite or NaN still
    /// makes NaN of the parts it multiplies, as `chain` does.
    fn chain2(self, y: Self, f: [T; 6]) -> Self;
}
