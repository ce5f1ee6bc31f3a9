//! Drivers: exact derivatives of user closures (in progress).
#![deny(missing_docs)]
