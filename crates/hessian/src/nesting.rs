//! Perturbation safety for nested drivers.
//!
//! Each driver seeds its perturbations in a number type (the *level*: `Dual<T>`
//! for [`derivative`](crate::derivative), `DualVec<T, C>` for
//! [`gradient`](crate::gradient), ...). While its closure runs, the driver holds
//! those levels in a per-thread register. A driver called inside that closure
//! whose levels overlap an enclosing driver's would put its perturbations in the
//! same components as the enclosing one's, and a value captured from the outer
//! closure would mix with them (perturbation confusion): such a call returns NaN,
//! or [`Error::PerturbationConfusion`](crate::Error::PerturbationConfusion) where
//! the driver returns a `Result`. A driver called at a point of the closure's own
//! number type seeds a new, outer level, and is exact.
//!
//! Levels are told apart by type, not by value, so this is decided per call at
//! no cost to the arithmetic: one register lookup per driver call.

use crate::Error;
use core::any::{TypeId, type_name};
use std::cell::RefCell;

thread_local! {
    static ACTIVE: RefCell<Vec<TypeId>> = const { RefCell::new(Vec::new()) };
}

/// The levels a driver holds while its closure runs; dropping it releases them.
#[must_use]
pub(crate) struct Level {
    count: usize,
}

impl Level {
    /// Hold `levels`, or `None` if an enclosing driver on this thread holds one of them.
    pub(crate) fn enter(levels: &[TypeId]) -> Option<Self> {
        ACTIVE.with_borrow_mut(|active| {
            if levels.iter().any(|l| active.contains(l)) {
                return None;
            }
            active.extend_from_slice(levels);
            Some(Self {
                count: levels.len(),
            })
        })
    }

    /// Hold the level of the number type `N` alone.
    pub(crate) fn of<N: 'static>() -> Option<Self> {
        Self::enter(&[TypeId::of::<N>()])
    }

    /// [`Level::of`], with the error of a same-level call.
    pub(crate) fn try_of<N: 'static>() -> Result<Self, Error> {
        Self::of::<N>().ok_or_else(confusion::<N>)
    }

    /// `Ok` unless an enclosing driver on this thread holds the level of `N`
    /// (for a `Result` driver that delegates to one that takes the level itself).
    pub(crate) fn check_free<N: 'static>() -> Result<(), Error> {
        let held = ACTIVE.with_borrow(|active| active.contains(&TypeId::of::<N>()));
        if held { Err(confusion::<N>()) } else { Ok(()) }
    }

    /// The levels held on this thread (for drivers that run their closure on
    /// other threads, which must hold them there too).
    #[allow(dead_code)]
    pub(crate) fn snapshot() -> Vec<TypeId> {
        ACTIVE.with_borrow(Clone::clone)
    }
}

impl Drop for Level {
    fn drop(&mut self) {
        ACTIVE.with_borrow_mut(|active| {
            let keep = active.len().saturating_sub(self.count);
            active.truncate(keep);
        });
    }
}

/// The error of a same-level call seeding `N`.
pub(crate) fn confusion<N>() -> Error {
    Error::PerturbationConfusion {
        number_type: type_name::<N>(),
    }
}
