//! Policy documents: arbitrary text, or the shipped document mutated value by value.
//! The body and its invariants are `aftersales::fuzzing::policy`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = aftersales::fuzzing::policy(data) {
        panic!("invariant broken: {broken}");
    }
});
