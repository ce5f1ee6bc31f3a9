//! The crate's error type.

use core::fmt;

/// What went wrong in a call to a driver of this crate.
///
/// The variants carry the offending values, so the message names them.
///
/// ```
/// use hessian::{ErrorKind, directional_derivative};
/// let err = directional_derivative(|x| x[0] * x[1], &[1.0, 2.0], &[1.0, 0.0, 0.0]).unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::LengthMismatch { what: "direction", found: 3, expected: 2 });
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A vector argument (`what`: "direction", "displacement", ...) has length
    /// `found` but the point has length `expected`.
    LengthMismatch {
        /// Which argument was too long or too short.
        what: &'static str,
        /// Its length.
        found: usize,
        /// The length of the point.
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
}

/// The error type of every fallible driver in this crate.
///
/// Its message names what was wrong:
///
/// ```
/// use hessian::partial_derivative;
/// let err = partial_derivative(|x| x[0].sin(), &[1.0, 2.0], 5).unwrap_err();
/// assert_eq!(err.to_string(), "index 5 is out of range for a point of length 2");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    kind: ErrorKind,
}

impl Error {
    /// An error of the given kind.
    ///
    /// ```
    /// use hessian::{Error, ErrorKind};
    /// let e = Error::new(ErrorKind::EmptyPoint);
    /// assert_eq!(e.kind(), &ErrorKind::EmptyPoint);
    /// ```
    #[must_use]
    pub const fn new(kind: ErrorKind) -> Self {
        Self { kind }
    }

    /// What went wrong.
    ///
    /// ```
    /// use hessian::{ErrorKind, partial_derivative};
    /// let e = partial_derivative(|x| x[0], &[1.0], 1).unwrap_err();
    /// assert_eq!(e.kind(), &ErrorKind::IndexOutOfRange { index: 1, len: 1 });
    /// ```
    #[must_use]
    pub const fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    pub(crate) const fn length(what: &'static str, found: usize, expected: usize) -> Self {
        Self::new(ErrorKind::LengthMismatch {
            what,
            found,
            expected,
        })
    }

    /// `Ok` if `len == expected`, else a [`ErrorKind::LengthMismatch`] naming `what`.
    pub(crate) const fn check_length(
        what: &'static str,
        found: usize,
        expected: usize,
    ) -> Result<(), Self> {
        if found == expected {
            Ok(())
        } else {
            Err(Self::length(what, found, expected))
        }
    }

    /// `Ok` if `index < len`, else a [`ErrorKind::IndexOutOfRange`].
    pub(crate) const fn check_index(index: usize, len: usize) -> Result<(), Self> {
        if index < len {
            Ok(())
        } else {
            Err(Self::new(ErrorKind::IndexOutOfRange { index, len }))
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::LengthMismatch {
                what,
                found,
                expected,
            } => write!(
                f,
                "{what} has length {found} but the point has length {expected}"
            ),
            ErrorKind::IndexOutOfRange { index, len } => {
                write!(
                    f,
                    "index {index} is out of range for a point of length {len}"
                )
            }
            ErrorKind::EmptyPoint => f.write_str("the point is empty (it has no coordinates)"),
            ErrorKind::NotCritical { gradient_norm, tol } => write!(
                f,
                "not a critical point: the gradient norm {gradient_norm:e} exceeds the tolerance {tol:e}"
            ),
            ErrorKind::NonFiniteHessian => f.write_str("the Hessian has a NaN or infinite entry"),
        }
    }
}

impl std::error::Error for Error {}
