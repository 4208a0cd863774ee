//! Listing screening with arbitrary Unicode in the title, description and category.
//! The body and its invariants are `aftersales::fuzzing::screen`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = aftersales::fuzzing::screen(data) {
        panic!("invariant broken: {broken}");
    }
});
