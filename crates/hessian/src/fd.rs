//! Finite differences: the baseline that exact automatic differentiation
//! replaces.
//!
//! A finite difference trades two errors against each other through its step
//! `h`: the truncation error of the stencil (a power of `h`) and the rounding
//! error of the function values (divided by a power of `h`). No step makes both
//! small, so these results carry several digits less than the exact drivers of
//! this crate; they are here to compare against and to test with.
//!
//! # Error bounds
//!
//! Write `M_k` for a bound of `|f^(k)|` (of every `k`-th partial derivative, for
//! gradients and Hessians) on the points the stencil touches, and `e` for a bound
//! of the absolute rounding error of one evaluation of `f` (about `ε |f|` for a
//! well-conditioned `f`, `ε` the machine epsilon). Then the difference `D`
//! computed with step `h` (steps `hi`, `hj` along two coordinates) satisfies:
//!
//! | quantity | [`Stencil::Forward`] | [`Stencil::Central`] | [`Stencil::FivePoint`] |
//! |---|---|---|---|
//! | `f'` | `h M2 / 2 + 2 e / h` | `h² M3 / 6 + e / h` | `h⁴ M5 / 30 + 3 e / (2 h)` |
//! | `f''` | `5 h M3 / 3 + 4 e / h²` | `h² M4 / 12 + 4 e / h²` | `h⁴ M6 / 90 + 16 e / (3 h²)` |
//! | `∂²f/∂xi∂xj`, `i ≠ j` | `(hi + hj) M3 / 2 + 4 e / (hi hj)` | `(hi² + hj²) M4 / 6 + e / (hi hj)` | `(hi⁴ + hj⁴) M6 / 18 + 9 e / (4 hi hj)` |
//!
//! (The bounds on floating-point step arithmetic itself are avoided by rounding
//! the step so that `x + h` is exact.) Balancing the two terms gives the
//! default steps of [`Stencil::first_step`] and [`Stencil::second_step`].
//!
//! ```
//! use hessian::fd::{self, Stencil};
//! let exact = 1.0_f64.cos();
//! let forward = fd::derivative(f64::sin, 1.0, Stencil::Forward);
//! let central = fd::derivative(f64::sin, 1.0, Stencil::Central);
//! let five = fd::derivative(f64::sin, 1.0, Stencil::FivePoint);
//! assert!((forward - exact).abs() < 1e-7);
//! assert!((central - exact).abs() < 1e-10);
//! assert!((five - exact).abs() < 1e-12);
//! ```

use crate::lit::lit;
use dual::Scalar;
use nalgebra::{DMatrix, DVector};

/// A finite-difference stencil.
///
/// ```
/// use hessian::fd::Stencil;
/// // the default first-derivative step of the central stencil at x = 2
/// approx::assert_relative_eq!(Stencil::Central.first_step(2.0), 2.0 * f64::EPSILON.cbrt(), max_relative = 1e-6);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stencil {
    /// One-sided: `(f(x + h) - f(x)) / h`; truncation error `O(h)`.
    Forward,
    /// Symmetric: `(f(x + h) - f(x - h)) / 2h`; truncation error `O(h²)`.
    Central,
    /// Five points `x - 2h ..= x + 2h`; truncation error `O(h⁴)`.
    FivePoint,
}

/// A stencil: integer weights at integer offsets (in steps), over a denominator.
struct Weights {
    points: &'static [(i8, i8)],
    denominator: i8,
}

impl Stencil {
    /// The default step for a first derivative at `x`:
    /// `c max(|x|, 1)` with `c = ε^(1/2)` (forward), `ε^(1/3)` (central) or
    /// `ε^(1/5)` (five-point), `ε` the machine epsilon of `T`. This balances
    /// truncation against rounding in the bounds of the [module docs](self).
    ///
    /// ```
    /// use hessian::fd::Stencil;
    /// approx::assert_relative_eq!(Stencil::Forward.first_step(0.5_f32), f32::EPSILON.sqrt());
    /// ```
    #[must_use]
    pub fn first_step<T: Scalar>(self, x: T) -> T {
        let c = match self {
            Self::Forward => 2.0,
            Self::Central => 3.0,
            Self::FivePoint => 5.0,
        };
        scaled_step(x, c)
    }

    /// The default step for a second derivative (or a Hessian entry) at `x`:
    /// `c max(|x|, 1)` with `c = ε^(1/3)` (forward), `ε^(1/4)` (central) or
    /// `ε^(1/6)` (five-point).
    ///
    /// ```
    /// use hessian::fd::Stencil;
    /// approx::assert_relative_eq!(Stencil::Central.second_step(-3.0), 3.0 * f64::EPSILON.powf(0.25));
    /// ```
    #[must_use]
    pub fn second_step<T: Scalar>(self, x: T) -> T {
        let c = match self {
            Self::Forward => 3.0,
            Self::Central => 4.0,
            Self::FivePoint => 6.0,
        };
        scaled_step(x, c)
    }

    fn first(self) -> Weights {
        match self {
            Self::Forward => Weights {
                points: &[(0, -1), (1, 1)],
                denominator: 1,
            },
            Self::Central => Weights {
                points: &[(-1, -1), (1, 1)],
                denominator: 2,
            },
            Self::FivePoint => Weights {
                points: &[(-2, 1), (-1, -8), (1, 8), (2, -1)],
                denominator: 12,
            },
        }
    }

    fn second(self) -> Weights {
        match self {
            Self::Forward => Weights {
                points: &[(0, 1), (1, -2), (2, 1)],
                denominator: 1,
            },
            Self::Central => Weights {
                points: &[(-1, 1), (0, -2), (1, 1)],
                denominator: 1,
            },
            Self::FivePoint => Weights {
                points: &[(-2, -1), (-1, 16), (0, -30), (1, 16), (2, -1)],
                denominator: 12,
            },
        }
    }
}

/// `ε^(1/root) max(|x|, 1)`.
fn scaled_step<T: Scalar>(x: T, root: f64) -> T {
    let c = T::epsilon().powf(lit::<T>(root).recip());
    c * x.abs().max(T::one())
}

/// The step rounded so that `x + h` is exactly representable, which removes
/// the rounding of the step itself from the error.
fn exact_step<T: Scalar>(x: T, h: T) -> T {
    let h2 = (x + h) - x;
    if h2 == T::zero() { h } else { h2 }
}

/// `f'(x)` by the given stencil with the default step [`Stencil::first_step`].
///
/// ```
/// use hessian::fd::{self, Stencil};
/// let d = fd::derivative(|x: f64| x.exp(), 0.0, Stencil::Central);
/// approx::assert_relative_eq!(d, 1.0, max_relative = 1e-9);
/// ```
#[must_use]
pub fn derivative<T: Scalar>(f: impl Fn(T) -> T, x: T, stencil: Stencil) -> T {
    derivative_with_step(f, x, stencil, stencil.first_step(x))
}

/// `f'(x)` by the given stencil with the step `h`.
///
/// ```
/// use hessian::fd::{self, Stencil};
/// // the forward difference of x^2 is 2x + h
/// let d = fd::derivative_with_step(|x: f64| x * x, 1.0, Stencil::Forward, 0.25);
/// approx::assert_relative_eq!(d, 2.25);
/// ```
#[must_use]
pub fn derivative_with_step<T: Scalar>(f: impl Fn(T) -> T, x: T, stencil: Stencil, h: T) -> T {
    let h = exact_step(x, h);
    apply(&stencil.first(), |k| f(x + h * k)) / h
}

/// `f''(x)` by the given stencil with the default step [`Stencil::second_step`].
///
/// ```
/// use hessian::fd::{self, Stencil};
/// let d = fd::second_derivative(f64::sin, 1.0, Stencil::FivePoint);
/// approx::assert_relative_eq!(d, -1.0_f64.sin(), max_relative = 1e-9);
/// ```
#[must_use]
pub fn second_derivative<T: Scalar>(f: impl Fn(T) -> T, x: T, stencil: Stencil) -> T {
    second_derivative_with_step(f, x, stencil, stencil.second_step(x))
}

/// `f''(x)` by the given stencil with the step `h`.
///
/// ```
/// use hessian::fd::{self, Stencil};
/// // exact for cubics up to the forward stencil's h f''' term
/// let d = fd::second_derivative_with_step(|x: f64| x * x * x, 1.0, Stencil::Central, 0.5);
/// approx::assert_relative_eq!(d, 6.0, max_relative = 1e-15);
/// ```
#[must_use]
pub fn second_derivative_with_step<T: Scalar>(
    f: impl Fn(T) -> T,
    x: T,
    stencil: Stencil,
    h: T,
) -> T {
    let h = exact_step(x, h);
    apply(&stencil.second(), |k| f(x + h * k)) / (h * h)
}

/// `Σ w_k g(k) / denominator` over the stencil's points.
fn apply<T: Scalar>(w: &Weights, mut g: impl FnMut(T) -> T) -> T {
    let mut s = T::zero();
    for &(k, wk) in w.points {
        s += g(lit(f64::from(k))) * lit::<T>(f64::from(wk));
    }
    s / lit(f64::from(w.denominator))
}

/// The gradient of `f` at `x` by the given stencil, coordinate by coordinate,
/// each with its default step [`Stencil::first_step`]`(x_i)`.
///
/// ```
/// use hessian::fd::{self, Stencil};
/// let g = fd::gradient(|x: &[f64]| x[0] * x[1], &[2.0, 3.0], Stencil::Central);
/// approx::assert_relative_eq!(g, nalgebra::dvector![3.0, 2.0], max_relative = 1e-10);
/// ```
#[must_use]
pub fn gradient<T: Scalar>(f: impl Fn(&[T]) -> T, x: &[T], stencil: Stencil) -> DVector<T> {
    gradient_steps(f, x, stencil, |xi| stencil.first_step(xi))
}

/// The gradient of `f` at `x` by the given stencil, with the same step `h` along
/// every coordinate.
///
/// ```
/// use hessian::fd::{self, Stencil};
/// let g = fd::gradient_with_step(|x: &[f64]| x[0] * x[0] + x[1], &[1.0, 0.0], Stencil::Forward, 0.5);
/// approx::assert_relative_eq!(g, nalgebra::dvector![2.5, 1.0]);
/// ```
#[must_use]
pub fn gradient_with_step<T: Scalar>(
    f: impl Fn(&[T]) -> T,
    x: &[T],
    stencil: Stencil,
    h: T,
) -> DVector<T> {
    gradient_steps(f, x, stencil, |_| h)
}

fn gradient_steps<T: Scalar>(
    f: impl Fn(&[T]) -> T,
    x: &[T],
    stencil: Stencil,
    step: impl Fn(T) -> T,
) -> DVector<T> {
    let mut y = x.to_vec();
    let w = stencil.first();
    DVector::from_iterator(
        x.len(),
        x.iter().enumerate().map(|(i, &xi)| {
            let h = exact_step(xi, step(xi));
            let d = apply(&w, |k| {
                y[i] = xi + h * k;
                f(&y)
            }) / h;
            y[i] = xi;
            d
        }),
    )
}

/// The Hessian of `f` at `x` by the given stencil, with the default step
/// [`Stencil::second_step`]`(x_i)` along coordinate `i`.
///
/// The diagonal uses the stencil's second-derivative formula, the entries off
/// the diagonal the product of its first-derivative formula along both
/// coordinates. Only the upper triangle is computed; the lower is its copy.
///
/// ```
/// use hessian::fd::{self, Stencil};
/// let h = fd::hessian(|x: &[f64]| x[0] * x[0] * x[1], &[3.0, 2.0], Stencil::Central);
/// approx::assert_relative_eq!(h, nalgebra::dmatrix![4.0, 6.0; 6.0, 0.0], epsilon = 1e-6);
/// ```
#[must_use]
pub fn hessian<T: Scalar>(f: impl Fn(&[T]) -> T, x: &[T], stencil: Stencil) -> DMatrix<T> {
    hessian_steps(f, x, stencil, |xi| stencil.second_step(xi))
}

/// The Hessian of `f` at `x` by the given stencil, with the same step `h` along
/// every coordinate.
///
/// ```
/// use hessian::fd::{self, Stencil};
/// // exact for a quadratic, whatever the step (up to rounding)
/// let h = fd::hessian_with_step(|x: &[f64]| x[0] * x[1] + x[1] * x[1], &[1.0, 1.0], Stencil::Central, 0.5);
/// approx::assert_relative_eq!(h, nalgebra::dmatrix![0.0, 1.0; 1.0, 2.0], epsilon = 1e-14);
/// ```
#[must_use]
pub fn hessian_with_step<T: Scalar>(
    f: impl Fn(&[T]) -> T,
    x: &[T],
    stencil: Stencil,
    h: T,
) -> DMatrix<T> {
    hessian_steps(f, x, stencil, |_| h)
}

fn hessian_steps<T: Scalar>(
    f: impl Fn(&[T]) -> T,
    x: &[T],
    stencil: Stencil,
    step: impl Fn(T) -> T,
) -> DMatrix<T> {
    let n = x.len();
    let steps: Vec<T> = x.iter().map(|&xi| exact_step(xi, step(xi))).collect();
    let (first, second) = (stencil.first(), stencil.second());
    let mut y = x.to_vec();
    let mut hess = DMatrix::zeros(n, n);
    for i in 0..n {
        let hi = steps[i];
        let d = apply(&second, |k| {
            y[i] = x[i] + hi * k;
            f(&y)
        }) / (hi * hi);
        y[i] = x[i];
        hess[(i, i)] = d;
        for j in i + 1..n {
            let hj = steps[j];
            let d = apply(&first, |a| {
                y[i] = x[i] + hi * a;
                let inner = apply(&first, |b| {
                    y[j] = x[j] + hj * b;
                    f(&y)
                });
                y[j] = x[j];
                inner
            }) / (hi * hj);
            y[i] = x[i];
            hess[(i, j)] = d;
            hess[(j, i)] = d;
        }
    }
    hess
}
