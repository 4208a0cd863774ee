//! Compiled policies: arbitrary bytes, or the shipped compiled file damaged and re-checksummed.
//! The body and its invariants are `aftersales::fuzzing::compiled`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = aftersales::fuzzing::compiled(data) {
        panic!("invariant broken: {broken}");
    }
});
