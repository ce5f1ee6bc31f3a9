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
//! // (f(x), f'(x)), the shape of the exact `derivative`
//! let (_, forward) = fd::derivative(f64::sin, 1.0, Stencil::Forward);
//! let (_, central) = fd::derivative(f64::sin, 1.0, Stencil::Central);
//! let (_, five) = fd::derivative(f64::sin, 1.0, Stencil::FivePoint);
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

/// The value and `f'(x)` by the given stencil with the default step
/// [`Stencil::first_step`]: `(f(x), f'(x))`, the shape of the exact
/// [`derivative`](crate::derivative).
///
/// The forward stencil evaluates `f(x)` anyway; the central and five-point
/// ones take one evaluation more for it (3 and 5 in all).
///
/// ```
/// use hessian::fd::{self, Stencil};
/// let (v, d) = fd::derivative(|x: f64| x.exp(), 0.0, Stencil::Central);
/// assert_eq!(v, 1.0);
/// approx::assert_relative_eq!(d, 1.0, max_relative = 1e-9);
/// ```
#[must_use]
pub fn derivative<T: Scalar>(f: impl Fn(T) -> T, x: T, stencil: Stencil) -> (T, T) {
    derivative_with_step(f, x, stencil, stencil.first_step(x))
}

/// [`derivative`] with the step `h`: `(f(x), f'(x))`.
///
/// ```
/// use hessian::fd::{self, Stencil};
/// // the forward difference of x^2 is 2x + h
/// let (v, d) = fd::derivative_with_step(|x: f64| x * x, 1.0, Stencil::Forward, 0.25);
/// assert_eq!(v, 1.0);
/// approx::assert_relative_eq!(d, 2.25);
/// ```
#[must_use]
pub fn derivative_with_step<T: Scalar>(f: impl Fn(T) -> T, x: T, stencil: Stencil, h: T) -> (T, T) {
    let h = exact_step(x, h);
    let mut at = Samples::new(|k| f(x + h * k));
    let d = at.apply(&stencil.first()) / h;
    (at.get(0), d)
}

/// The value and the first two derivatives by the given stencil with the
/// default step [`Stencil::second_step`]: `(f(x), f'(x), f''(x))`, the shape
/// of the exact [`second_derivative`](crate::second_derivative).
///
/// `f'` is the stencil's first-derivative formula on the same evaluations
/// (every stencil's second-derivative points include its first-derivative
/// points and `x`), so it costs nothing more, but its step is the
/// second-derivative one: its error is the `f'` bound of the
/// [module docs](self) at that step (about `ε^(1/2)` for the central stencil
/// instead of the `ε^(2/3)` of [`derivative`]).
///
/// ```
/// use hessian::fd::{self, Stencil};
/// let (v, d1, d2) = fd::second_derivative(f64::sin, 1.0, Stencil::FivePoint);
/// assert_eq!(v, 1.0_f64.sin());
/// approx::assert_relative_eq!(d1, 1.0_f64.cos(), max_relative = 1e-9);
/// approx::assert_relative_eq!(d2, -1.0_f64.sin(), max_relative = 1e-9);
/// ```
#[must_use]
pub fn second_derivative<T: Scalar>(f: impl Fn(T) -> T, x: T, stencil: Stencil) -> (T, T, T) {
    second_derivative_with_step(f, x, stencil, stencil.second_step(x))
}

/// [`second_derivative`] with the step `h`: `(f(x), f'(x), f''(x))`.
///
/// ```
/// use hessian::fd::{self, Stencil};
/// // for a cubic the central f' is off by exactly h² f'''/6, and f'' is exact
/// let (v, d1, d2) = fd::second_derivative_with_step(|x: f64| x * x * x, 1.0, Stencil::Central, 0.5);
/// assert_eq!(v, 1.0);
/// approx::assert_relative_eq!(d1, 3.0 + 0.25, max_relative = 1e-15);
/// approx::assert_relative_eq!(d2, 6.0, max_relative = 1e-15);
/// ```
#[must_use]
pub fn second_derivative_with_step<T: Scalar>(
    f: impl Fn(T) -> T,
    x: T,
    stencil: Stencil,
    h: T,
) -> (T, T, T) {
    let h = exact_step(x, h);
    let mut at = Samples::new(|k| f(x + h * k));
    let d2 = at.apply(&stencil.second()) / (h * h);
    let d1 = at.apply(&stencil.first()) / h;
    (at.get(0), d1, d2)
}

/// The values of `g` at the integer offsets `-2..=2`, each evaluated once.
struct Samples<T, G> {
    g: G,
    values: [Option<T>; 5],
}

impl<T: Scalar, G: FnMut(T) -> T> Samples<T, G> {
    fn new(g: G) -> Self {
        Self {
            g,
            values: [None; 5],
        }
    }

    /// Seed the value at offset 0 (the plain `f(x)`, when already known).
    fn with_center(mut self, v: T) -> Self {
        self.values[2] = Some(v);
        self
    }

    /// `g(k)`, for the offsets `-2..=2` of the stencils.
    fn get(&mut self, k: i8) -> T {
        let slot = match k {
            ..=-2 => 0,
            -1 => 1,
            0 => 2,
            1 => 3,
            2.. => 4,
        };
        if let Some(v) = self.values[slot] {
            return v;
        }
        let v = (self.g)(lit(k));
        self.values[slot] = Some(v);
        v
    }

    /// `Σ w_k g(k) / denominator` over the stencil's points.
    fn apply(&mut self, w: &Weights) -> T {
        let mut s = T::zero();
        for &(k, wk) in w.points {
            s += self.get(k) * lit::<T>(wk);
        }
        s / lit(w.denominator)
    }
}

/// The value and the gradient of `f` at `x` by the given stencil, coordinate
/// by coordinate, each with its default step [`Stencil::first_step`]`(x_i)`:
/// `(f(x), ∇f(x))`, the shape of the exact [`gradient`](crate::gradient).
/// `f(x)` is evaluated once and shared by every coordinate's stencil.
///
/// ```
/// use hessian::fd::{self, Stencil};
/// let (v, g) = fd::gradient(|x: &[f64]| x[0] * x[1], &[2.0, 3.0], Stencil::Central);
/// assert_eq!(v, 6.0);
/// approx::assert_relative_eq!(g, nalgebra::dvector![3.0, 2.0], max_relative = 1e-10);
/// ```
#[must_use]
pub fn gradient<T: Scalar>(f: impl Fn(&[T]) -> T, x: &[T], stencil: Stencil) -> (T, DVector<T>) {
    gradient_steps(f, x, stencil, |xi| stencil.first_step(xi))
}

/// [`gradient`] with the same step `h` along every coordinate.
///
/// ```
/// use hessian::fd::{self, Stencil};
/// let (_, g) = fd::gradient_with_step(|x: &[f64]| x[0] * x[0] + x[1], &[1.0, 0.0], Stencil::Forward, 0.5);
/// approx::assert_relative_eq!(g, nalgebra::dvector![2.5, 1.0]);
/// ```
#[must_use]
pub fn gradient_with_step<T: Scalar>(
    f: impl Fn(&[T]) -> T,
    x: &[T],
    stencil: Stencil,
    h: T,
) -> (T, DVector<T>) {
    gradient_steps(f, x, stencil, |_| h)
}

fn gradient_steps<T: Scalar>(
    f: impl Fn(&[T]) -> T,
    x: &[T],
    stencil: Stencil,
    step: impl Fn(T) -> T,
) -> (T, DVector<T>) {
    let value = f(x);
    let mut y = x.to_vec();
    let w = stencil.first();
    let mut grad = DVector::zeros(x.len());
    for (i, &xi) in x.iter().enumerate() {
        let h = exact_step(xi, step(xi));
        let mut at = Samples::new(|k| {
            y[i] = xi + h * k;
            f(&y)
        })
        .with_center(value);
        grad[i] = at.apply(&w) / h;
        y[i] = xi;
    }
    (value, grad)
}

/// The value, the gradient and the Hessian of `f` at `x` by the given
/// stencil, with the default step [`Stencil::second_step`]`(x_i)` along
/// coordinate `i`: `(f(x), ∇f(x), H(x))`, the shape of the exact
/// [`hessian`](crate::hessian()).
///
/// The diagonal uses the stencil's second-derivative formula, the entries off
/// the diagonal the product of its first-derivative formula along both
/// coordinates. Only the upper triangle is computed; the lower is its copy.
/// The gradient comes from the diagonal's evaluations (the first-derivative
/// formula at the second-derivative step, as in [`second_derivative`]), and
/// `f(x)` is evaluated once.
///
/// ```
/// use hessian::fd::{self, Stencil};
/// let (v, g, h) = fd::hessian(|x: &[f64]| x[0] * x[0] * x[1], &[3.0, 2.0], Stencil::Central);
/// assert_eq!(v, 18.0);
/// approx::assert_relative_eq!(g, nalgebra::dvector![12.0, 9.0], max_relative = 1e-7);
/// approx::assert_relative_eq!(h, nalgebra::dmatrix![4.0, 6.0; 6.0, 0.0], epsilon = 1e-6);
/// ```
#[must_use]
pub fn hessian<T: Scalar>(
    f: impl Fn(&[T]) -> T,
    x: &[T],
    stencil: Stencil,
) -> (T, DVector<T>, DMatrix<T>) {
    hessian_steps(f, x, stencil, |xi| stencil.second_step(xi))
}

/// [`hessian`] with the same step `h` along every coordinate.
///
/// ```
/// use hessian::fd::{self, Stencil};
/// // exact for a quadratic, whatever the step (up to rounding)
/// let (_, _, h) = fd::hessian_with_step(|x: &[f64]| x[0] * x[1] + x[1] * x[1], &[1.0, 1.0], Stencil::Central, 0.5);
/// approx::assert_relative_eq!(h, nalgebra::dmatrix![0.0, 1.0; 1.0, 2.0], epsilon = 1e-14);
/// ```
#[must_use]
pub fn hessian_with_step<T: Scalar>(
    f: impl Fn(&[T]) -> T,
    x: &[T],
    stencil: Stencil,
    h: T,
) -> (T, DVector<T>, DMatrix<T>) {
    hessian_steps(f, x, stencil, |_| h)
}

fn hessian_steps<T: Scalar>(
    f: impl Fn(&[T]) -> T,
    x: &[T],
    stencil: Stencil,
    step: impl Fn(T) -> T,
) -> (T, DVector<T>, DMatrix<T>) {
    let n = x.len();
    let value = f(x);
    let steps: Vec<T> = x.iter().map(|&xi| exact_step(xi, step(xi))).collect();
    let (first, second) = (stencil.first(), stencil.second());
    let mut y = x.to_vec();
    let mut grad = DVector::zeros(n);
    let mut hess = DMatrix::zeros(n, n);
    for i in 0..n {
        let hi = steps[i];
        let mut at = Samples::new(|k| {
            y[i] = x[i] + hi * k;
            f(&y)
        })
        .with_center(value);
        hess[(i, i)] = at.apply(&second) / (hi * hi);
        grad[i] = at.apply(&first) / hi;
        y[i] = x[i];
        for j in i + 1..n {
            let hj = steps[j];
            let d = Samples::new(|a| {
                y[i] = x[i] + hi * a;
                let inner = Samples::new(|b| {
                    y[j] = x[j] + hj * b;
                    f(&y)
                })
                .apply(&first);
                y[j] = x[j];
                inner
            })
            .apply(&first)
                / (hi * hj);
            y[i] = x[i];
            hess[(i, j)] = d;
            hess[(j, i)] = d;
        }
    }
    (value, grad, hess)
}
