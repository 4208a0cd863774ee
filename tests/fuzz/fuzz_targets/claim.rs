//! Claim decoding and judging: arbitrary JSON text, or claims built around the window's edges.
//! The body and its invariants are `aftersales::fuzzing::claim`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = aftersales::fuzzing::claim(data) {
        panic!("invariant broken: {broken}");
    }
});
