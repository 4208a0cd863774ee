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

use std::sync::OnceLock;

use chrono::{DateTime, Duration, FixedOffset, SecondsFormat};
use serde_json::Value;

use crate::claim::{Claim, ClaimItem, Verdict};
use crate::error::{Error, ErrorKind};
use crate::i18n::Locale;
use crate::limits;
use crate::policy::vocabulary::{
    Cause, Condition, DamageScope, Evidence, Incident, ItemClass, Notice, Outcome,
};
use crate::policy::{sha256_hex, Policy, SHIPPED_COMPILED, SHIPPED_JSON};
use crate::screen::{Field, Listing, Marketplace, Screening};
use crate::text::{fold, Folded};
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
fn ensure(ok: bool, what: impl FnOnce() -> String) -> Result<(), Broken> {
    if ok {
        Ok(())
    } else {
        Err(Broken(what()))
    }
}

/// Codes that mean "the text did not decode as the type".
const DECODE_CODES: &[&str] = &[
    "invalid_json",
    "missing_field",
    "unknown_field",
    "unknown_value",
    "invalid_type",
];

fn check_error(e: &Error) -> Result<(), Broken> {
    ensure(ErrorKind::ALL.iter().any(|k| k.code() == e.code()), || {
        format!("unknown error code `{}`", e.code())
    })?;
    ensure(!e.message().is_empty(), || format!("empty message: {e:?}"))
}

/// The checker with the shipped policy, built once per process.
fn shipped() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(Checker::shipped)
}

/// Reads the fuzzer's bytes as a stream of choices; an exhausted stream reads as zeros.
struct Bytes<'a> {
    data: &'a [u8],
}

impl<'a> Bytes<'a> {
    fn new(data: &'a [u8]) -> Bytes<'a> {
        Bytes { data }
    }

    fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((b, rest)) => {
                self.data = rest;
                *b
            }
            None => 0,
        }
    }

    fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }

    /// A number below `n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else if n <= 256 {
            usize::from(self.byte()) % n
        } else {
            usize::try_from(self.u32()).unwrap_or(0) % n
        }
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        let i = self.below(items.len());
        items.get(i).copied()
    }

    /// Up to `max` bytes.
    fn take(&mut self, max: usize) -> &'a [u8] {
        let n = self.below(max + 1).min(self.data.len());
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        head
    }

    fn rest(&mut self) -> &'a [u8] {
        core::mem::take(&mut self.data)
    }

    fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
}

// ---------------------------------------------------------------------------------------------
// Policy documents

/// Words that make a mutated document nearly valid or exactly wrong.
const POLICY_WORDS: &[&str] = &[
    "",
    " ",
    "*",
    "#",
    "##",
    "###",
    "*##*",
    "ガラス",
    "*glass*",
    "ｸﾞﾗｽ",
    "\u{200B}",
    "ja",
    "en",
    "zh",
    "ru",
    "fr",
    "zh-CN",
    "2024-02-29",
    "2023-02-29",
    "0000-01-01",
    "9999-12-31",
    "2024-13-01",
    "damaged",
    "lost_in_transit",
    "fragile",
    "ordinary",
    "paper_product",
    "cd_case",
    "covered",
    "evidence_missing",
    "window_closed",
    "unknown",
    "end_of_day",
    "exact",
    "utc",
    "signing_offset",
    "damaged_lost.1",
    "notes.1",
    "no.such.clause",
    "reason.covered",
    "fragile_not_covered",
];

/// Numbers at the edges of the fields that hold numbers.
const POLICY_NUMBERS: &[i64] = &[0, 1, 2, 5, 364, 365, 366, -1, 4_294_967_295, 4_294_967_296];

/// Calls `f` on the node the bytes choose, at most 7 levels down.
fn at_node<'a>(
    value: &mut Value,
    b: &mut Bytes<'a>,
    f: &mut dyn FnMut(&mut Value, &mut Bytes<'a>),
) {
    let depth = b.below(8);
    descend(value, b, depth, f);
}

fn descend<'a>(
    at: &mut Value,
    b: &mut Bytes<'a>,
    depth: usize,
    f: &mut dyn FnMut(&mut Value, &mut Bytes<'a>),
) {
    if depth > 0 {
        let len = match &*at {
            Value::Object(map) => map.len(),
            Value::Array(items) => items.len(),
            _ => 0,
        };
        let i = b.below(len);
        let child = match at {
            Value::Object(map) => map.values_mut().nth(i),
            Value::Array(items) => items.get_mut(i),
            _ => None,
        };
        if let Some(child) = child {
            return descend(child, b, depth - 1, f);
        }
    }
    f(at, b)
}

fn word(b: &mut Bytes<'_>) -> String {
    if b.byte() % 4 == 0 {
        String::from_utf8_lossy(b.take(24)).into_owned()
    } else {
        b.pick(POLICY_WORDS).unwrap_or_default().to_owned()
    }
}

/// Applies one mutation chosen by the bytes to the document.
fn mutate(doc: &mut Value, b: &mut Bytes<'_>) {
    let action = b.below(10);
    // A subtree to copy elsewhere is read before the target is chosen.
    let mut donor = Value::Null;
    if action == 9 {
        at_node(&mut doc.clone(), b, &mut |at, _| donor = at.clone());
    }
    at_node(doc, b, &mut |at, b| match action {
        0 => *at = Value::Null,
        1 => *at = Value::Bool(b.byte() % 2 == 0),
        2 => *at = Value::from(b.pick(POLICY_NUMBERS).unwrap_or_default()),
        3 => *at = Value::String(word(b)),
        4 => match at {
            Value::Object(map) => {
                let i = b.below(map.len());
                if let Some(key) = map.keys().nth(i).cloned() {
                    map.remove(&key);
                }
            }
            Value::Array(items) if !items.is_empty() => {
                let i = b.below(items.len());
                items.remove(i);
            }
            _ => {}
        },
        5 => {
            if let Value::Object(map) = at {
                let i = b.below(map.len());
                if let Some(key) = map.keys().nth(i).cloned() {
                    if let Some(v) = map.remove(&key) {
                        map.insert(word(b), v);
                    }
                }
            }
        }
        6 => {
            if let Value::Array(items) = at {
                let i = b.below(items.len());
                if let Some(v) = items.get(i).cloned() {
                    items.push(v);
                }
            }
        }
        7 => {
            *at = if b.byte() % 2 == 0 {
                Value::Array(Vec::new())
            } else {
                Value::Object(serde_json::Map::new())
            }
        }
        8 => match at {
            Value::Object(map) => {
                let key = word(b);
                map.insert(key, Value::String(word(b)));
            }
            Value::Array(items) => items.push(Value::String(word(b))),
            _ => {}
        },
        _ => *at = core::mem::take(&mut donor),
    });
}

fn shipped_value() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| serde_json::from_str(SHIPPED_JSON).unwrap_or(Value::Null))
}

/// Fuzz target `policy`: loads a document from arbitrary text (byte 0 even) or a mutation of the
/// shipped one (byte 0 odd), and checks every document that loads.
pub fn policy(data: &[u8]) -> Result<(), Broken> {
    let mut b = Bytes::new(data);
    let json = if b.byte() % 2 == 0 {
        String::from_utf8_lossy(b.rest()).into_owned()
    } else {
        let mut doc = shipped_value().clone();
        for _ in 0..(1 + b.below(16)) {
            mutate(&mut doc, &mut b);
            if b.is_empty() {
                break;
            }
        }
        doc.to_string()
    };
    match Policy::from_json(&json) {
        Ok(policy) => check_policy(policy),
        Err(e) => {
            check_error(&e)?;
            ensure(e.code() == "invalid_policy", || {
                format!("a bad document gave `{}`, not `invalid_policy`", e.code())
            })
        }
    }
}

/// Compiled policies: arbitrary bytes (behind the magic and a valid checksum), or the shipped
/// compiled file damaged in a few places
/// (bytes flipped, inserted, removed, or the end cut off) and given a fresh checksum, so that
/// the decoder itself, not the checksum, meets the damage. Whatever it reads must either be
/// refused with `invalid_policy` or be a policy that round-trips through the compiled form and
/// reads the same from its canonical JSON.
pub fn compiled(data: &[u8]) -> Result<(), Broken> {
    use sha2::{Digest, Sha256};
    let mut b = Bytes::new(data);
    let bytes = if b.byte() % 4 == 0 {
        // Arbitrary bytes behind the right magic and checksum, so that they reach the decoder.
        let mut body = crate::policy::compiled::MAGIC.to_vec();
        body.extend_from_slice(b.rest());
        let digest = Sha256::digest(&body);
        body.extend_from_slice(&digest);
        body
    } else {
        let mut body = SHIPPED_COMPILED
            .get(..SHIPPED_COMPILED.len().saturating_sub(32))
            .unwrap_or_default()
            .to_vec();
        for _ in 0..(1 + b.below(4)) {
            let at = b.below(body.len());
            match b.byte() % 4 {
                0 => {
                    let flip = b.byte() | 1;
                    if let Some(byte) = body.get_mut(at) {
                        *byte ^= flip;
                    }
                }
                1 => body.insert(at, b.byte()),
                2 => {
                    if at < body.len() {
                        body.remove(at);
                    }
                }
                _ => body.truncate(at),
            }
            if b.is_empty() {
                break;
            }
        }
        let digest = Sha256::digest(&body);
        body.extend_from_slice(&digest);
        body
    };
    match Policy::from_compiled(&bytes) {
        Ok(policy) => check_compiled(policy),
        Err(e) => {
            check_error(&e)?;
            ensure(e.code() == "invalid_policy", || {
                format!(
                    "a bad compiled file gave `{}`, not `invalid_policy`",
                    e.code()
                )
            })
        }
    }
}

/// Checks a compiled policy that loaded: written and read again it is the same policy, and its
/// canonical JSON loads as the same document. (How a loaded document screens and judges is the
/// [`policy`] target's work, on JSON documents; here each run stays fast enough to reach the
/// decoder's corners.)
fn check_compiled(policy: Policy) -> Result<(), Broken> {
    let bytes = policy
        .to_compiled()
        .map_err(|e| Broken(format!("a loaded compiled policy does not compile: {e}")))?;
    let again = Policy::from_compiled(&bytes)
        .map_err(|e| Broken(format!("a loaded compiled policy does not reload: {e}")))?;
    ensure(
        again.document() == policy.document() && again.hash() == policy.hash(),
        || "writing and reading the compiled form changed the policy".to_owned(),
    )?;
    let canonical = serde_json::to_string(policy.document())
        .map_err(|e| Broken(format!("a loaded document does not serialize: {e}")))?;
    let from_json = Policy::from_json(&canonical)
        .map_err(|e| Broken(format!("a compiled policy's JSON is refused: {e}")))?;
    ensure(from_json.document() == policy.document(), || {
        "the compiled form and its JSON read as different documents".to_owned()
    })
}

/// Listings that meet every screening rule of the shipped policy.
const PROBE_TITLES: &[&str] = &[
    "【美品】江戸切子 ｸﾞﾗｽ 2個セット",
    "サングラス レイバン",
    "ワンピース 1-105巻 全巻セット",
    "初回限定盤 CD+DVD 外箱付き",
    "Wine glass set of 2, boxed",
    "Фарфоровая чашка",
    "玻璃杯 陶瓷",
];

/// Checks a policy that loaded: it reloads from its canonical JSON with the same hash, and
/// screens and judges under every invariant, alone and next to the shipped policy.
fn check_policy(policy: Policy) -> Result<(), Broken> {
    let canonical = serde_json::to_string(policy.document())
        .map_err(|e| Broken(format!("a loaded document does not serialize: {e}")))?;
    match Policy::from_json(&canonical) {
        Ok(again) => ensure(again.hash() == policy.hash(), || {
            "reloading the canonical JSON changed the hash".to_owned()
        })?,
        Err(e) => return Err(Broken(format!("the canonical JSON does not reload: {e}"))),
    }
    // A document that validates but whose terms cannot be compiled into a screener is refused
    // by the checker, as a bad document is by the loader.
    let alone = match Checker::new(policy.clone()) {
        Ok(checker) => checker,
        Err(e) => {
            check_error(&e)?;
            return ensure(e.code() == "invalid_policy", || {
                format!("a policy the checker refused gave `{}`", e.code())
            });
        }
    };
    let mut both = shipped().clone();
    both.add_policy(policy)
        .map_err(|e| Broken(format!("a policy one checker took, another refused: {e}")))?;
    for checker in [&alone, &both] {
        for (i, title) in PROBE_TITLES.iter().enumerate() {
            let mut listing = Listing::titled(&format!("p{i}"), title);
            listing.condition = [None, Some(Condition::New), Some(Condition::SecondHand)]
                .get(i % 3)
                .copied()
                .flatten();
            if i == 2 {
                listing.category = vec!["本・雑誌・漫画".to_owned()];
            }
            check_screen(checker, &listing, Locale::Ja)?;
        }
        for (signed, reported, now) in [
            (
                "2024-03-01T18:00:00+09:00",
                "2024-03-06T23:59:59.999+09:00",
                "2024-03-07T00:00:00+09:00",
            ),
            (
                "2022-12-31T23:00:00-05:00",
                "2023-01-02T00:00:00Z",
                "2023-01-09T00:00:00Z",
            ),
        ] {
            for (incident, class) in [
                (Incident::Damaged, ItemClass::Ordinary),
                (Incident::LostInTransit, ItemClass::Fragile),
                (Incident::ConditionComplaint, ItemClass::PaperProduct),
            ] {
                let claim = Claim {
                    order_id: "P-1".to_owned(),
                    ordered_at: None,
                    signed_at: signed.to_owned(),
                    reported_at: Some(reported.to_owned()),
                    incident,
                    cause: Cause::Unknown,
                    evidence: vec![Evidence::UnboxingVideo, Evidence::CarrierProof],
                    items: vec![ClaimItem {
                        id: "1".to_owned(),
                        class,
                        condition: Condition::SecondHand,
                        damage: None,
                    }],
                };
                let now = DateTime::parse_from_rfc3339(now)
                    .map_err(|e| Broken(format!("probe timestamp: {e}")))?;
                check_judge(checker, &claim, now, Locale::Ru)?;
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Listings

const MARKETPLACES: &[Marketplace] = &[
    Marketplace::Mercari,
    Marketplace::Rakuma,
    Marketplace::AmazonJp,
    Marketplace::Surugaya,
    Marketplace::Sofmap,
    Marketplace::Amiami,
    Marketplace::YahooAuctions,
    Marketplace::Other,
];

/// Text from bytes: UTF-8 (invalid sequences become U+FFFD) or UTF-16LE (lone surrogates
/// become U+FFFD), so that every Unicode plane is a short mutation away.
fn text(bytes: &[u8], utf16: bool) -> String {
    if utf16 {
        let units: Vec<u16> = bytes
            .chunks(2)
            .map(|c| {
                u16::from_le_bytes([
                    c.first().copied().unwrap_or(0),
                    c.get(1).copied().unwrap_or(0),
                ])
            })
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// Fuzz target `screen`: byte 0 chooses the fields, the encoding, the condition, the
/// marketplace and the locale; the rest, split at `0xFF` bytes, is the title, the description
/// and the category path.
pub fn screen(data: &[u8]) -> Result<(), Broken> {
    let mut b = Bytes::new(data);
    let flags = b.byte();
    let locale = b.pick(Locale::ALL).unwrap_or_default();
    let utf16 = flags & 1 != 0;
    let mut parts = b.rest().split(|&x| x == 0xFF);
    let title = text(parts.next().unwrap_or_default(), utf16);
    let description = parts.next().map(|d| text(d, utf16));
    let category: Vec<String> = parts.map(|c| text(c, utf16)).collect();
    let mut listing = Listing::titled("f1", &title);
    if flags & 2 != 0 {
        listing.description = description;
    }
    if flags & 4 != 0 {
        listing.category_code = category.last().cloned();
    }
    listing.category = category;
    listing.condition = match (flags >> 3) & 3 {
        1 => Some(Condition::New),
        2 => Some(Condition::SecondHand),
        _ => None,
    };
    listing.marketplace = MARKETPLACES.get(usize::from(flags >> 5)).copied();
    check_fold(&listing.title)?;
    if let Some(d) = &listing.description {
        check_fold(d)?;
    }
    check_screen(shipped(), &listing, locale)
}

/// Folding agrees with its own map: `fold` and `Folded` give the same text, and every folded
/// range maps to an ordered range inside the original.
fn check_fold(original: &str) -> Result<(), Broken> {
    let folded = Folded::new(original);
    ensure(fold(original) == folded.as_str(), || {
        format!("fold and Folded disagree on {original:?}")
    })?;
    let utf16_len = original.encode_utf16().count();
    let boundaries: Vec<usize> = folded
        .as_str()
        .char_indices()
        .map(|(i, _)| i)
        .chain([folded.as_str().len()])
        .collect();
    let step = (boundaries.len() / 64).max(1);
    let mut last_start = 0;
    for (k, &start) in boundaries.iter().enumerate().step_by(step) {
        let end = boundaries.get(k + 1).copied().unwrap_or(start);
        let span = folded.original_utf16(start..end);
        let bytes = folded.original_bytes(start..end);
        ensure(
            span.start <= span.end && span.end <= utf16_len && span.start >= last_start,
            || format!("folded {start}..{end} of {original:?} maps to {span:?}"),
        )?;
        ensure(original.get(bytes.clone()).is_some(), || {
            format!("folded {start}..{end} of {original:?} maps to bytes {bytes:?}")
        })?;
        last_start = span.start;
    }
    Ok(())
}

/// Screens a listing and checks the answer.
fn check_screen(checker: &Checker, listing: &Listing, locale: Locale) -> Result<(), Broken> {
    let screening = match checker.screen(listing, locale) {
        Ok(s) => s,
        Err(e) => {
            check_error(&e)?;
            return ensure(e.code() == "too_large", || {
                format!("a listing was refused with `{e}`")
            });
        }
    };
    check_screening(listing, &screening)?;
    let pair = [listing.clone(), listing.clone()];
    match checker.screen_batch(&pair, locale) {
        Ok(batch) => ensure(batch.iter().all(|s| *s == screening), || {
            "screen_batch disagrees with screen".to_owned()
        })?,
        Err(e) => {
            return Err(Broken(format!(
                "screen_batch failed where screen did not: {e}"
            )))
        }
    }
    let json = serde_json::to_string(&screening)
        .map_err(|e| Broken(format!("a screening does not serialize: {e}")))?;
    let back: Screening = serde_json::from_str(&json)
        .map_err(|e| Broken(format!("a screening does not read back: {e}")))?;
    ensure(back == screening, || {
        "a screening changed in JSON".to_owned()
    })
}

/// The invariants of one screening.
pub fn check_screening(listing: &Listing, s: &Screening) -> Result<(), Broken> {
    ensure(s.id == listing.id, || "the id changed".to_owned())?;
    let flagged = |c: ItemClass| s.flags.iter().any(|f| f.class == c);
    ensure(s.fragile == flagged(ItemClass::Fragile), || {
        "`fragile` disagrees with the flags".to_owned()
    })?;
    ensure(
        s.non_compensable == (flagged(ItemClass::CdDvdBd) || flagged(ItemClass::PaperProduct)),
        || "`non_compensable` disagrees with the flags".to_owned(),
    )?;
    let class = [
        ItemClass::Fragile,
        ItemClass::CdDvdBd,
        ItemClass::PaperProduct,
    ]
    .into_iter()
    .find(|c| flagged(*c))
    .unwrap_or(ItemClass::Ordinary);
    ensure(s.class == class, || {
        format!("class `{}` but the flags say `{class}`", s.class)
    })?;
    for (i, f) in s.flags.iter().enumerate() {
        ensure(f.class != ItemClass::Ordinary, || {
            "an ordinary flag".to_owned()
        })?;
        ensure(
            !s.flags.iter().skip(i + 1).any(|g| g.class == f.class),
            || format!("`{}` is flagged twice", f.class),
        )?;
        ensure(!f.message.is_empty() && !f.clause.is_empty(), || {
            format!("flag `{}` has no message or clause", f.class)
        })?;
    }
    for field in [Field::Title, Field::Description, Field::Category] {
        let n = s.findings.iter().filter(|f| f.field == field).count();
        ensure(n <= limits::MAX_FINDINGS_PER_FIELD, || {
            format!("{n} findings in one field")
        })?;
    }
    for f in &s.findings {
        ensure(flagged(f.class), || {
            format!("a `{}` finding without its flag", f.class)
        })?;
        let field: &str = match f.field {
            Field::Title => &listing.title,
            Field::Description => listing.description.as_deref().unwrap_or_default(),
            Field::Category => {
                return Err(Broken(
                    "a finding in the category, which is not scanned for terms".to_owned(),
                ))
            }
        };
        let units: Vec<u16> = field.encode_utf16().collect();
        let (start, end) = (f.start as usize, f.end as usize);
        ensure(start <= end && end <= units.len(), || {
            format!(
                "span {start}..{end} outside a field of {} units",
                units.len()
            )
        })?;
        let at: Vec<u16> = units.get(start..end).unwrap_or_default().to_vec();
        let text: Vec<u16> = f.text.encode_utf16().collect();
        ensure(at == text, || {
            format!(
                "span {start}..{end} is {:?}, the finding says {:?}",
                String::from_utf16_lossy(&at),
                f.text
            )
        })?;
        ensure(start < end, || format!("empty finding of `{}`", f.term))?;
    }
    let has = |n: Notice| s.notices.iter().any(|x| x.notice == n);
    ensure(
        has(Notice::SecondHandWear) == (listing.condition == Some(Condition::SecondHand))
            && has(Notice::MayBeUnsealed) == (listing.condition == Some(Condition::New)),
        || "the condition notices disagree with the condition".to_owned(),
    )
}

// ---------------------------------------------------------------------------------------------
// Claims

/// The `now` of the JSON-text mode.
const TEXT_NOW: &str = "2024-03-07T00:00:00+09:00";

/// Fuzz target `claim`: judges arbitrary JSON text (byte 0 even) or a claim built from the bytes
/// (byte 0 odd).
pub fn claim(data: &[u8]) -> Result<(), Broken> {
    let mut b = Bytes::new(data);
    if b.byte() % 2 == 0 {
        claim_text(&String::from_utf8_lossy(b.rest()))
    } else {
        claim_structured(&mut b)
    }
}

fn claim_text(json: &str) -> Result<(), Broken> {
    let checker = shipped();
    let typed: Result<Claim, _> = serde_json::from_str(json);
    match (checker.judge_json(json, TEXT_NOW), typed) {
        (Ok(verdict), Ok(claim)) => {
            let now = crate::claim::parse_timestamp("now", TEXT_NOW)
                .map_err(|e| Broken(format!("fixed now: {e}")))?;
            check_verdict(checker, &claim, now, &verdict)?;
            check_judge(checker, &claim, now, Locale::En).and_then(|again| {
                ensure(again.as_ref() == Some(&verdict), || {
                    "judge_json and judge disagree".to_owned()
                })
            })
        }
        (Ok(_), Err(e)) => Err(Broken(format!(
            "judge_json accepted text serde_json rejects: {e}"
        ))),
        (Err(e), Ok(claim)) => {
            check_error(&e)?;
            ensure(!DECODE_CODES.contains(&e.code()), || {
                format!("a claim that decodes was refused as `{}`", e.code())
            })?;
            let now = crate::claim::parse_timestamp("now", TEXT_NOW)
                .map_err(|e| Broken(format!("fixed now: {e}")))?;
            match checker.judge(&claim, now, Locale::En) {
                Err(again) => ensure(again == e, || {
                    format!("judge_json gave `{e}`, judge gave `{again}`")
                }),
                Ok(_) => Err(Broken(format!("judge_json gave `{e}`, judge a verdict"))),
            }
        }
        (Err(e), Err(_)) => {
            check_error(&e)?;
            ensure(
                DECODE_CODES.contains(&e.code())
                    || matches!(e.code(), "too_large" | "invalid_value"),
                || format!("text that does not decode was refused as `{}`", e.code()),
            )
        }
    }
}

/// UTC offsets in seconds east, from the most common to the legal extremes.
const OFFSETS: &[i32] = &[
    9 * 3600,
    0,
    8 * 3600,
    3 * 3600,
    -5 * 3600,
    -8 * 3600,
    14 * 3600,
    -12 * 3600,
    5 * 3600 + 45 * 60,
    -(9 * 3600 + 30 * 60),
    23 * 3600 + 59 * 60,
    -(23 * 3600 + 59 * 60),
];

/// Timestamps that are wrong in one way each.
const ODD_TIMESTAMPS: &[&str] = &[
    "",
    "2024-03-01T18:00:00",
    "2024-03-01 18:00:00",
    "2024-03-01T18:00",
    "2024-02-30T00:00:00Z",
    "2024-03-01T24:00:00Z",
    "2024-03-01T18:00:60Z",
    "2024-03-01t18:00:00z",
    " 2024-03-01T18:00:00+09:00 ",
    "2024-03-01T18:00:00+24:00",
    "0000-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59.999999999-23:59",
    "9999-12-26T00:00:00Z",
    "1970-01-01T00:00:00Z",
    "2024-03-01T18:00:00.123456789123+09:00",
    "+002024-03-01T18:00:00Z",
];

/// The instant the structured claims are built around.
fn anchor() -> DateTime<FixedOffset> {
    DateTime::from_timestamp(1_709_283_600, 0)
        .unwrap_or_default()
        .fixed_offset()
}

/// An instant some way after `base` (days, then a nudge around midnight), in some offset.
fn later(b: &mut Bytes<'_>, base: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    let days = i64::from(b.byte() % 9);
    let nudge = match b.byte() % 6 {
        0 => Duration::zero(),
        1 => Duration::nanoseconds(1),
        2 => Duration::milliseconds(-1),
        3 => Duration::seconds(i64::from(b.u32() % 86_400)),
        4 => Duration::nanoseconds(i64::from(b.u32())),
        _ => Duration::hours(-i64::from(b.byte() % 48)),
    };
    let offset = FixedOffset::east_opt(b.pick(OFFSETS).unwrap_or(0))
        .unwrap_or_else(|| base.offset().to_owned());
    base.checked_add_signed(Duration::days(days) + nudge)
        .unwrap_or(base)
        .with_timezone(&offset)
}

/// An instant as RFC 3339 at some precision, or an odd string.
fn timestamp(b: &mut Bytes<'_>, t: DateTime<FixedOffset>) -> String {
    match b.byte() % 8 {
        0 => t.to_rfc3339_opts(SecondsFormat::Secs, true),
        1 => t.to_rfc3339_opts(SecondsFormat::Nanos, false),
        2 => t.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        3 => b.pick(ODD_TIMESTAMPS).unwrap_or_default().to_owned(),
        4 => String::from_utf8_lossy(b.take(40)).into_owned(),
        _ => t.to_rfc3339_opts(SecondsFormat::Millis, false),
    }
}

fn id(b: &mut Bytes<'_>, fallback: &str) -> String {
    match b.byte() % 8 {
        0 => String::new(),
        1 => " \u{3000}".to_owned(),
        2 => "x".repeat(limits::MAX_ID_BYTES + usize::from(b.byte() % 2)),
        3 => String::from_utf8_lossy(b.take(16)).into_owned(),
        4 => "注文-№1".to_owned(),
        _ => fallback.to_owned(),
    }
}

fn claim_structured(b: &mut Bytes<'_>) -> Result<(), Broken> {
    let signed = later(b, anchor());
    let reported = later(b, signed);
    let now = later(b, reported);
    let ordered = later(
        b,
        signed
            .checked_sub_signed(Duration::days(30))
            .unwrap_or(signed),
    );
    let mut evidence = Vec::new();
    for _ in 0..b.below(8) {
        evidence.extend(b.pick(Evidence::ALL));
    }
    let count = match b.byte() % 16 {
        0 => 0,
        1 => limits::MAX_CLAIM_ITEMS + 1,
        2 => limits::MAX_CLAIM_ITEMS,
        n => usize::from(n % 5),
    };
    let kinds: Vec<(ItemClass, Condition, Option<DamageScope>)> = (0..count.min(4))
        .map(|_| {
            let damage = if b.byte() % 3 == 0 {
                None
            } else {
                b.pick(DamageScope::ALL)
            };
            (
                b.pick(ItemClass::ALL).unwrap_or(ItemClass::Ordinary),
                b.pick(Condition::ALL).unwrap_or(Condition::New),
                damage,
            )
        })
        .collect();
    let items = (0..count)
        .map(|i| {
            let (class, condition, damage) = kinds
                .get(i % kinds.len().max(1))
                .copied()
                .unwrap_or((ItemClass::Ordinary, Condition::New, None));
            ClaimItem {
                id: format!("item-{i}"),
                class,
                condition,
                damage,
            }
        })
        .collect();
    let claim = Claim {
        order_id: id(b, "A-1"),
        ordered_at: (b.byte() % 3 == 0).then(|| timestamp(b, ordered)),
        signed_at: timestamp(b, signed),
        reported_at: (b.byte() % 4 != 0).then(|| timestamp(b, reported)),
        incident: b.pick(Incident::ALL).unwrap_or(Incident::Damaged),
        cause: b.pick(Cause::ALL).unwrap_or(Cause::Unknown),
        evidence,
        items,
    };
    let locale = b.pick(Locale::ALL).unwrap_or_default();
    let checker = shipped();
    let typed = check_judge(checker, &claim, now, locale)?;
    // The JSON path decodes to the same claim and gives the same answer (in English).
    let json = serde_json::to_string(&claim)
        .map_err(|e| Broken(format!("a claim does not serialize: {e}")))?;
    let now_text = now.to_rfc3339_opts(SecondsFormat::Nanos, false);
    let english = match checker.judge(&claim, now, Locale::En) {
        Ok(v) => Some(v),
        Err(_) if typed.is_none() => None,
        Err(e) => {
            return Err(Broken(format!(
                "English failed where {locale:?} did not: {e}"
            )))
        }
    };
    match (checker.judge_json(&json, &now_text), english) {
        (Ok(a), Some(b)) => ensure(a == b, || "judge_json and judge disagree".to_owned()),
        (Err(a), None) => match checker.judge(&claim, now, Locale::En) {
            Err(b) => ensure(a == b, || format!("judge_json gave `{a}`, judge `{b}`")),
            Ok(_) => Err(Broken("judge failed, then did not".to_owned())),
        },
        (Ok(_), None) => Err(Broken("judge_json judged what judge refused".to_owned())),
        (Err(e), Some(_)) => Err(Broken(format!("judge_json refused what judge judged: {e}"))),
    }
}

/// Judges a claim, checks the verdict or the error, and judges again to check the answer does
/// not change. `None` when the claim was refused.
fn check_judge(
    checker: &Checker,
    claim: &Claim,
    now: DateTime<FixedOffset>,
    locale: Locale,
) -> Result<Option<Verdict>, Broken> {
    match checker.judge(claim, now, locale) {
        Ok(verdict) => {
            check_verdict(checker, claim, now, &verdict)?;
            let again = checker
                .judge(claim, now, locale)
                .map_err(|e| Broken(format!("the second judgement failed: {e}")))?;
            let (a, b) = (
                serde_json::to_string(&verdict).unwrap_or_default(),
                serde_json::to_string(&again).unwrap_or_default(),
            );
            ensure(!a.is_empty() && a == b, || {
                "the same claim judged twice gave different JSON".to_owned()
            })?;
            Ok(Some(verdict))
        }
        Err(e) => {
            check_error(&e)?;
            ensure(!DECODE_CODES.contains(&e.code()), || {
                format!("a typed claim was refused as `{}`", e.code())
            })?;
            Ok(None)
        }
    }
}

/// The invariants of one verdict.
pub fn check_verdict(
    checker: &Checker,
    claim: &Claim,
    now: DateTime<FixedOffset>,
    v: &Verdict,
) -> Result<(), Broken> {
    ensure(v.order_id == claim.order_id, || {
        "the order id changed".to_owned()
    })?;
    ensure(v.items.len() == claim.items.len(), || {
        format!("{} items judged of {}", v.items.len(), claim.items.len())
    })?;
    for (item, judged) in claim.items.iter().zip(&v.items) {
        ensure(item.id == judged.id, || {
            "the items changed order".to_owned()
        })?;
        ensure(!judged.reasons.is_empty(), || {
            format!("item `{}` has no reason", item.id)
        })?;
        ensure(item.damage.is_none_or(|d| d == judged.damage), || {
            format!("item `{}` was judged for other damage", item.id)
        })?;
    }
    let has = |o: Outcome| v.items.iter().any(|i| i.outcome == o);
    let expected = if has(Outcome::Incomplete) {
        Outcome::Incomplete
    } else if v.items.iter().all(|i| i.outcome == Outcome::Eligible) {
        Outcome::Eligible
    } else if has(Outcome::Eligible) {
        Outcome::PartiallyEligible
    } else {
        Outcome::Ineligible
    };
    ensure(v.outcome == expected, || {
        format!("outcome `{}` but the items say `{expected}`", v.outcome)
    })?;
    ensure(!has(Outcome::PartiallyEligible), || {
        "an item is partially eligible".to_owned()
    })?;
    ensure(
        v.outcome != Outcome::Eligible
            || (v.missing_evidence.is_empty() && v.window.reported_in_time),
        || "eligible with evidence missing or reported late".to_owned(),
    )?;
    let w = &v.window;
    ensure(w.remaining_ms >= 0, || {
        format!("remaining_ms {}", w.remaining_ms)
    })?;
    ensure(w.open_now || w.remaining_ms == 0, || {
        "time left on a closed window".to_owned()
    })?;
    let signed = crate::claim::parse_timestamp("signed_at", &claim.signed_at).map_err(|e| {
        Broken(format!(
            "judged a claim whose signed_at does not parse: {e}"
        ))
    })?;
    ensure(w.deadline_ms >= signed.timestamp_millis(), || {
        format!("deadline {} before signing {}", w.deadline, claim.signed_at)
    })?;
    match DateTime::parse_from_rfc3339(&w.deadline) {
        Ok(d) => ensure(d.timestamp_millis() == w.deadline_ms, || {
            format!(
                "deadline {} is not deadline_ms {}",
                w.deadline, w.deadline_ms
            )
        })?,
        Err(e) => {
            return Err(Broken(format!(
                "deadline `{}` is not RFC 3339: {e}",
                w.deadline
            )))
        }
    }
    let reported = match &claim.reported_at {
        Some(r) => crate::claim::parse_timestamp("reported_at", r)
            .map_err(|e| Broken(format!("judged an unparsable reported_at: {e}")))?,
        None => now,
    };
    let reported_ms = reported.timestamp_millis();
    ensure(
        if w.reported_in_time {
            reported_ms <= w.deadline_ms
        } else {
            reported_ms >= w.deadline_ms
        },
        || format!("reported_in_time {} at {reported}", w.reported_in_time),
    )?;
    ensure(
        w.remaining_ms <= w.deadline_ms.saturating_sub(now.timestamp_millis()).max(0),
        || "more time left than until the deadline".to_owned(),
    )?;
    let ordered = match &claim.ordered_at {
        Some(o) => crate::claim::parse_timestamp("ordered_at", o)
            .map_err(|e| Broken(format!("judged an unparsable ordered_at: {e}")))?,
        None => signed,
    };
    let policy = checker
        .policies()
        .in_force(ordered.date_naive())
        .ok_or_else(|| Broken("judged with no policy in force".to_owned()))?;
    let a = &v.audit;
    ensure(
        a.policy_id == policy.document().id
            && a.policy_version == policy.document().version
            && a.policy_hash == policy.hash(),
        || "the audit names another policy".to_owned(),
    )?;
    let input = serde_json::to_vec(claim).unwrap_or_default();
    ensure(a.input_hash == sha256_hex(&input), || {
        "the input hash is not the claim's".to_owned()
    })?;
    match DateTime::parse_from_rfc3339(&a.judged_at) {
        Ok(t) => ensure(t.timestamp_millis() == now.timestamp_millis(), || {
            format!("judged_at {} is not now {now}", a.judged_at)
        })?,
        Err(e) => return Err(Broken(format!("judged_at `{}`: {e}", a.judged_at))),
    }
    let json = serde_json::to_string(v)
        .map_err(|e| Broken(format!("a verdict does not serialize: {e}")))?;
    let back: Verdict = serde_json::from_str(&json)
        .map_err(|e| Broken(format!("a verdict does not read back: {e}")))?;
    ensure(back == *v, || "a verdict changed in JSON".to_owned())
}
