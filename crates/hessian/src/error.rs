//! The crate's error type.

use core::fmt;

/// Which argument of a driver had the wrong length.
///
/// ```
/// use hessian::Argument;
/// assert_eq!(Argument::Direction.to_string(), "direction");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Argument {
    /// The direction `v` of a directional derivative or a Hessian-vector product.
    Direction,
    /// The displacement at which a local model is evaluated.
    Displacement,
    /// The point itself (for example, against the length a plan was built for).
    Point,
    /// The parameters `p` of an implicit or argmin derivative.
    Parameters,
    /// The outputs of a vector-valued function (against those of its first evaluation).
    Outputs,
    /// The equations `g(x, p) = 0` of an implicit derivative (against the unknowns `x`).
    Equations,
}

impl fmt::Display for Argument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Direction => "direction",
            Self::Displacement => "displacement",
            Self::Point => "point",
            Self::Parameters => "parameters",
            Self::Outputs => "outputs",
            Self::Equations => "equations",
        })
    }
}

/// What went wrong in a call to a driver of this crate.
///
/// Shape and size misuse (a vector of the wrong length, an index out of range,
/// a job too large to hold) is an `Err` of this type; mathematics outside a
/// function's domain is NaN, as for `f64`. The variants carry the offending
/// values, so the message names them. Floating-point values are stored as
/// `f64` (the value part of the point's scalar, converted losslessly from
/// `f32`), so the type is the same for every scalar.
///
/// ```
/// use hessian::{Argument, Error, directional_derivative};
/// let err = directional_derivative(|x| x[0] * x[1], &[1.0, 2.0], &[1.0, 0.0, 0.0]).unwrap_err();
/// assert_eq!(err, Error::LengthMismatch { argument: Argument::Direction, found: 3, expected: 2 });
/// assert_eq!(err.to_string(), "direction has length 3 but the point has length 2");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// A vector argument has length `found` where `expected` is needed.
    LengthMismatch {
        /// Which argument was too long or too short.
        argument: Argument,
        /// Its length.
        found: usize,
        /// The length it must have.
        expected: usize,
    },
    /// An index into the point is out of range.
    IndexOutOfRange {
        /// The index given.
        index: usize,
        /// The length of the point.
        len: usize,
    },
    /// The point has no coordinates, and the operation needs at least one.
    EmptyPoint,
    /// The point is not a critical point: the gradient norm exceeds the tolerance
    /// (or is NaN).
    NotCritical {
        /// The Euclidean norm of the gradient at the point.
        gradient_norm: f64,
        /// The tolerance it was compared with.
        tol: f64,
    },
    /// The Hessian has a NaN or infinite entry, so its eigenvalues mean nothing.
    NonFiniteHessian,
    /// The function value at the point is NaN or infinite: the point is outside
    /// the function's domain, and an answer that is not a number (such as the
    /// kind of a critical point) would mean nothing there.
    NonFiniteValue {
        /// The value `f(x)`.
        value: f64,
    },
    /// A linear system that must be solved is singular to working precision:
    /// its smallest pivot is below `n ε` times its largest (or not finite).
    Singular {
        /// The order of the system.
        order: usize,
        /// The magnitude of the smallest pivot of the LU factorisation.
        smallest_pivot: f64,
        /// The magnitude of the largest pivot.
        largest_pivot: f64,
    },
    /// A driver was called inside the closure of another driver at the same
    /// level of nesting (its point of the same type), so the two drivers'
    /// perturbations would mix and the result be silently wrong. Call the inner
    /// driver at a point of the closure's own number type instead (see the
    /// guide, "Derivatives of derivatives").
    PerturbationConfusion {
        /// The number type both drivers would seed, as `core::any::type_name` spells it.
        number_type: &'static str,
    },
    /// The job would need more memory than can be addressed or allocated.
    TooLarge {
        /// How many entries the result would hold.
        entries: u128,
        /// The bytes it would need.
        bytes: u128,
    },
}

impl Error {
    /// `Ok` if `found == expected`, else a [`Error::LengthMismatch`] naming `argument`.
    pub(crate) const fn check_length(
        argument: Argument,
        found: usize,
        expected: usize,
    ) -> Result<(), Self> {
        if found == expected {
            Ok(())
        } else {
            Err(Self::LengthMismatch {
                argument,
                found,
                expected,
            })
        }
    }

    /// `Ok` if `index < len`, else a [`Error::IndexOutOfRange`].
    pub(crate) const fn check_index(index: usize, len: usize) -> Result<(), Self> {
        if index < len {
            Ok(())
        } else {
            Err(Self::IndexOutOfRange { index, len })
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::LengthMismatch {
                argument: Argument::Outputs,
                found,
                expected,
            } => write!(
                f,
                "the function returned {found} outputs but its first evaluation returned {expected}"
            ),
            Self::LengthMismatch {
                argument: Argument::Equations,
                found,
                expected,
            } => write!(
                f,
                "the function returned {found} equations but there are {expected} unknowns"
            ),
            Self::LengthMismatch {
                argument: Argument::Point,
                found,
                expected,
            } => write!(f, "the point has length {found} but {expected} is needed"),
            Self::LengthMismatch {
                argument,
                found,
                expected,
            } => write!(
                f,
                "{argument} has length {found} but the point has length {expected}"
            ),
            Self::IndexOutOfRange { index, len } => {
                write!(
                    f,
                    "index {index} is out of range for a point of length {len}"
                )
            }
            Self::EmptyPoint => f.write_str("the point is empty (it has no coordinates)"),
            Self::NotCritical { gradient_norm, tol } => write!(
                f,
                "not a critical point: the gradient norm {gradient_norm:e} exceeds the tolerance {tol:e}"
            ),
            Self::NonFiniteHessian => f.write_str("the Hessian has a NaN or infinite entry"),
            Self::NonFiniteValue { value } => write!(
                f,
                "the function value {value} at the point is not finite (the point is outside its domain)"
            ),
            Self::Singular {
                order,
                smallest_pivot,
                largest_pivot,
            } => write!(
                f,
                "the {order} x {order} system is singular to working precision: smallest pivot {smallest_pivot:e}, largest {largest_pivot:e}"
            ),
            Self::PerturbationConfusion { number_type } => write!(
                f,
                "a driver was called inside another driver's closure at the same nesting level \
                 (both seed {number_type}); call the inner driver at a point of the closure's own number type"
            ),
            Self::TooLarge { entries, bytes } => write!(
                f,
                "the result would hold {entries} entries ({bytes} bytes), more than can be allocated"
            ),
        }
    }
}

impl std::error::Error for Error {}
