//! The policy fuzz targets: [`policy`] loads arbitrary or mutated documents, [`compiled`]
//! arbitrary compiled files; a policy that loads must reload the same and screen and judge
//! without breaking an invariant.

use std::sync::OnceLock;

use chrono::DateTime;
use serde_json::Value;

use crate::claim::{Claim, ClaimItem};
use crate::i18n::Locale;
use crate::policy::vocabulary::{Cause, Condition, Evidence, Incident, ItemClass};
use crate::policy::{Policy, SHIPPED_COMPILED, SHIPPED_JSON};
use crate::screen::Listing;
use crate::Checker;

use super::claims::*;
use super::listings::*;
use super::{check_error, ensure, shipped, Broken, Bytes};

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
