//! No number type can allocate: the crate is `#![no_std]` without `alloc`, every
//! type is `Copy` (so it holds no heap pointer that would need a destructor), and
//! its size is exactly that of its components stored inline.

use dual::{
    Dual, Dual64, DualVec, DualVec64, HyperDual, HyperDual64, HyperDualVec, HyperDualVec64,
};
use std::mem::size_of;

// A compile-time check: this function only type-checks if every type is `Copy`.
const _: fn() = || {
    fn is_copy<T: Copy>() {}
    is_copy::<Dual64>();
    is_copy::<HyperDual64>();
    is_copy::<DualVec64<16>>();
    is_copy::<HyperDualVec64<8>>();
    is_copy::<Dual<f32>>();
    is_copy::<HyperDualVec<f32, 16>>();
    is_copy::<Dual<HyperDualVec64<4>>>();
    is_copy::<HyperDual<DualVec64<3>>>();
    is_copy::<DualVec<Dual64, 2>>();
};

#[test]
fn sizes_are_the_inline_components() {
    const F: usize = size_of::<f64>();
    assert_eq!(size_of::<Dual64>(), 2 * F);
    assert_eq!(size_of::<HyperDual64>(), 4 * F);
    assert_eq!(size_of::<DualVec64<16>>(), 17 * F);
    // value, gradient block, full N x N second-derivative block, and one
    // word (after padding) for the one-byte activity tag
    assert_eq!(size_of::<HyperDualVec64<8>>(), (1 + 8 + 64 + 1) * F);
    assert_eq!(
        size_of::<Dual<HyperDualVec64<2>>>(),
        2 * (1 + 2 + 4 + 1) * F
    );
    assert_eq!(
        size_of::<HyperDualVec<f32, 4>>(),
        (1 + 4 + 16 + 1) * size_of::<f32>()
    );
}
