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
//! no cost to the arithmetic: one register access per driver call (measured in
//! docs/benchmarks-nesting.md). Values of different levels have different Rust
//! types, so the type system rules out every other kind of confusion; the
//! register catches the one case types cannot: two drivers seeding one type.
//!
//! Rules for drivers:
//! * hold every type that carries one of your perturbations: a driver seeding
//!   `Dual<DualVec<T, C>>` holds `DualVec<T, C>` too, since the parts of its
//!   seed carry perturbations;
//! * a driver that delegates to another (which takes the level itself) checks
//!   with [`Level::check_free`] first if it returns a `Result`, so the caller
//!   gets `Err`, not the delegate's NaN;
//! * a driver that evaluates the closure on other threads takes
//!   [`Level::snapshot`] after taking its own level, and runs each worker job
//!   under those levels (`with_levels`, feature `rayon`).
//!
//! Known limits (the guide, chapter 7, explains them to users): a closure that
//! sends a captured seeded value to a thread of its own, a seeded value that
//! escapes its closure (stored in a `Cell` and used in a later call of the same
//! type), numbers seeded by hand (`Dual::variable`) and parts of numbers taken
//! apart by hand are outside the register's view. An inner call of the same type
//! that captures nothing is refused too (the register cannot see captures).

use crate::Error;
use core::any::{TypeId, type_name};
use core::cell::Cell;

/// The most levels one thread can hold at once. Each driver holds one or two,
/// so this is 32 drivers nested inside each other, far beyond what a program's
/// number types can nest (every level wraps the number type once more). A
/// driver that would exceed it behaves as a same-level call (NaN or `Err`).
const CAPACITY: usize = 64;

/// The levels held on one thread: a stack of `len` type ids.
///
/// Plain `Cell`s with a `const` initialiser and no destructor, so the
/// thread-local needs no lazy initialisation and no destructor registration:
/// taking a level is a few loads and stores (see docs/benchmarks-nesting.md).
struct Register {
    len: Cell<usize>,
    levels: [Cell<Option<TypeId>>; CAPACITY],
}

thread_local! {
    static ACTIVE: Register = const {
        Register {
            len: Cell::new(0),
            levels: [const { Cell::new(None) }; CAPACITY],
        }
    };
}

impl Register {
    #[inline]
    fn held(&self) -> &[Cell<Option<TypeId>>] {
        &self.levels[..self.len.get().min(CAPACITY)]
    }

    /// [`Level::enter`] when some levels are already held: push `levels` and
    /// return `true`, or `false` if one of them is held (or there is no room).
    #[inline(never)]
    fn enter_nested(&self, levels: &[TypeId]) -> bool {
        let len = self.len.get();
        if levels.iter().any(|&l| self.holds(l)) || len + levels.len() > CAPACITY {
            return false;
        }
        for (slot, &l) in self.levels[len..].iter().zip(levels) {
            slot.set(Some(l));
        }
        self.len.set(len + levels.len());
        true
    }

    #[inline]
    fn holds(&self, level: TypeId) -> bool {
        self.held().iter().any(|h| h.get() == Some(level))
    }
}

/// The levels a driver holds while its closure runs; dropping it releases them.
#[must_use]
pub(crate) struct Level {
    count: usize,
}

impl Level {
    /// Hold `levels`, or `None` if an enclosing driver on this thread holds one of them.
    #[inline]
    pub(crate) fn enter(levels: &[TypeId]) -> Option<Self> {
        let entered = ACTIVE.with(|active| {
            // the common case, a driver not inside another: nothing to compare
            if active.len.get() == 0 && levels.len() <= CAPACITY {
                for (slot, &l) in active.levels.iter().zip(levels) {
                    slot.set(Some(l));
                }
                active.len.set(levels.len());
                return true;
            }
            active.enter_nested(levels)
        });
        // built here, not in `enter_nested`, so that the count is a constant
        // where `levels` has a length known at compile time (nothing for the
        // caller to keep alive across its closure calls)
        // (`then`, not `then_some`: a guard built and dropped on refusal would
        // release an enclosing driver's levels)
        entered.then(|| Self {
            count: levels.len(),
        })
    }

    /// Hold the level of the number type `N` alone.
    #[inline]
    pub(crate) fn of<N: 'static>() -> Option<Self> {
        Self::enter(&[TypeId::of::<N>()])
    }

    /// [`Level::of`], with the error of a same-level call.
    #[inline]
    pub(crate) fn try_of<N: 'static>() -> Result<Self, Error> {
        Self::of::<N>().ok_or_else(confusion::<N>)
    }

    /// `Ok` unless an enclosing driver on this thread holds the level of `N`
    /// (for a `Result` driver that delegates to one that takes the level itself).
    #[inline]
    pub(crate) fn check_free<N: 'static>() -> Result<(), Error> {
        let held = ACTIVE.with(|active| active.holds(TypeId::of::<N>()));
        if held { Err(confusion::<N>()) } else { Ok(()) }
    }

    /// The levels held on this thread (for drivers that run their closure on
    /// other threads, which must hold them there too).
    #[cfg_attr(not(feature = "rayon"), allow(dead_code))]
    pub(crate) fn snapshot() -> Vec<TypeId> {
        ACTIVE.with(|active| active.held().iter().filter_map(Cell::get).collect())
    }
}

/// Runs `job` with exactly `levels` held on this thread, and restores what the
/// thread held before (also if `job` panics). A parallel driver's worker jobs
/// run under the caller's [`Level::snapshot`] this way: a rayon thread may be
/// in the middle of an unrelated job when it picks one of ours up, or be the
/// caller itself, so the register is replaced for the job rather than
/// extended.
#[cfg(feature = "rayon")]
pub(crate) fn with_levels<R>(levels: &[TypeId], job: impl FnOnce() -> R) -> R {
    /// Puts `levels` in this thread's register (a snapshot holds at most
    /// `CAPACITY` of them).
    fn set(levels: &[TypeId]) {
        ACTIVE.with(|active| {
            for (slot, &l) in active.levels.iter().zip(levels) {
                slot.set(Some(l));
            }
            active.len.set(levels.len().min(CAPACITY));
        });
    }
    struct Restore(Vec<TypeId>);
    impl Drop for Restore {
        fn drop(&mut self) {
            set(&self.0);
        }
    }
    let _restore = Restore(Level::snapshot());
    set(levels);
    job()
}

impl Drop for Level {
    #[inline]
    fn drop(&mut self) {
        // levels are released in the reverse order of taking them (guards are
        // locals of nested calls), so the top `count` entries are this guard's
        ACTIVE.with(|active| active.len.set(active.len.get().saturating_sub(self.count)));
    }
}

/// The error of a same-level call seeding `N`.
pub(crate) fn confusion<N>() -> Error {
    Error::PerturbationConfusion {
        number_type: type_name::<N>(),
    }
}
