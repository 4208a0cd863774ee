//! The bodies of the fuzz targets, and the invariants they check, shared by `tests/fuzz` (the
//! cargo-fuzz crate) and `tests/fuzz_regressions.rs` (which replays the committed seeds in
//! `cargo test`), so a seed that once broke something is re-run by the same code that found it.
//!
//! Every entry point takes the fuzzer's bytes and returns `Err(Broken)` when an invariant fails;
//! the fuzz targets turn that into a crash, the regression test into a failed assertion. The core
//! itself must never panic on any input: a panic here is a bug in the core, not in this file.
//!
//! - [`policy`] loads policy documents: arbitrary text (byte 0 even), or the shipped document
//!   mutated value by value and key by key (byte 0 odd) so the fuzzer reaches the validator and
//!   the screener compiler with documents that nearly validate. A document that loads must
//!   reload from its own canonical JSON with the same hash, and screen and judge without breaking
//!   any invariant below.
//! - [`screen`] screens listings with arbitrary Unicode in every field (from UTF-8 or UTF-16
//!   bytes): every finding's span lies inside its field and the UTF-16 slice at the span is the
//!   finding's text; the flags, class and notices agree with each other; folding agrees with its
//!   own map back to the original.
//! - [`claim`] judges claims given as arbitrary JSON text (byte 0 even) or built field by field
//!   from the bytes around the window's edges (byte 0 odd): the claim outcome follows from the
//!   item outcomes, time left is never negative, the deadline is never before signing, the audit
//!   names the policy and the input, and the JSON and the typed path agree.

mod claims;
mod documents;
mod listings;

pub use claims::{check_verdict, claim};
pub use documents::{compiled, policy};
pub use listings::{check_screening, screen};

use std::sync::OnceLock;

use crate::error::{Error, ErrorKind};
use crate::Checker;

/// An invariant that did not hold, with what was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken(pub String);

impl core::fmt::Display for Broken {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Fails with `what` unless `ok`.
pub(crate) fn ensure(ok: bool, what: impl FnOnce() -> String) -> Result<(), Broken> {
    if ok {
        Ok(())
    } else {
        Err(Broken(what()))
    }
}

/// Codes that mean "the text did not decode as the type".
pub(crate) const DECODE_CODES: &[&str] = &[
    "invalid_json",
    "missing_field",
    "unknown_field",
    "unknown_value",
    "invalid_type",
];

pub(crate) fn check_error(e: &Error) -> Result<(), Broken> {
    ensure(ErrorKind::ALL.iter().any(|k| k.code() == e.code()), || {
        format!("unknown error code `{}`", e.code())
    })?;
    ensure(!e.message().is_empty(), || format!("empty message: {e:?}"))
}

/// The checker with the shipped policy, built once per process.
pub(crate) fn shipped() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(Checker::shipped)
}

/// Reads the fuzzer's bytes as a stream of choices; an exhausted stream reads as zeros.
pub(crate) struct Bytes<'a> {
    data: &'a [u8],
}

impl<'a> Bytes<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Bytes<'a> {
        Bytes { data }
    }

    pub(crate) fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((b, rest)) => {
                self.data = rest;
                *b
            }
            None => 0,
        }
    }

    pub(crate) fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }

    /// A number below `n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else if n <= 256 {
            usize::from(self.byte()) % n
        } else {
            usize::try_from(self.u32()).unwrap_or(0) % n
        }
    }

    pub(crate) fn pick<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        let i = self.below(items.len());
        items.get(i).copied()
    }

    /// Up to `max` bytes.
    pub(crate) fn take(&mut self, max: usize) -> &'a [u8] {
        let n = self.below(max + 1).min(self.data.len());
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        head
    }

    pub(crate) fn rest(&mut self) -> &'a [u8] {
        core::mem::take(&mut self.data)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
}
