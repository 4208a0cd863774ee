//! Size limits on every input, documented and enforced with a `too_large` error.
//!
//! The module runs on untrusted input in shoppers' browsers; a panic or an out-of-memory trap
//! kills it for the whole page. Each limit is far above what a real listing, claim or policy
//! needs and low enough that the worst input is answered in milliseconds.

use crate::error::{Error, ErrorKind};

/// Longest id (order id, item id, listing id), in bytes.
pub const MAX_ID_BYTES: usize = 256;
/// Longest listing title, in bytes (Mercari allows 40 characters; Amazon about 200).
pub const MAX_TITLE_BYTES: usize = 4 * 1024;
/// Longest listing description, in bytes (Mercari allows 1,000 characters).
pub const MAX_DESCRIPTION_BYTES: usize = 64 * 1024;
/// Most category path segments.
pub const MAX_CATEGORY_DEPTH: usize = 16;
/// Longest category name or code, in bytes.
pub const MAX_CATEGORY_BYTES: usize = 256;
/// Most listings in one batch call (a results page is 20–120).
pub const MAX_BATCH_LISTINGS: usize = 10_000;
/// Most items in one claim.
pub const MAX_CLAIM_ITEMS: usize = 500;
/// Most evidence entries in one claim (there are five kinds; duplicates are folded).
pub const MAX_EVIDENCE: usize = 32;
/// Largest policy document (JSON text, or compiled), in bytes.
pub const MAX_POLICY_BYTES: usize = 1024 * 1024;
/// Largest JSON input of one call, in bytes (a full batch of long titles fits).
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// Findings reported per listing field; more are counted, not listed.
pub const MAX_FINDINGS_PER_FIELD: usize = 32;

/// Errors when `len` exceeds `max`.
pub(crate) fn check(path: &str, what: &str, len: usize, max: usize) -> Result<(), Error> {
    if len > max {
        Err(Error::new(
            ErrorKind::TooLarge,
            path,
            format!("has `{len}` {what}, at most `{max}`"),
        ))
    } else {
        Ok(())
    }
}
