//! The claim fuzz target: [`claim`] judges claims given as arbitrary JSON or built around the
//! window's edges, and [`check_verdict`] holds the invariants every verdict keeps.

use chrono::{DateTime, Duration, FixedOffset, SecondsFormat};

use crate::claim::{Claim, ClaimItem, Verdict};
use crate::i18n::Locale;
use crate::limits;
use crate::policy::sha256_hex;
use crate::policy::vocabulary::{
    Cause, Condition, DamageScope, Evidence, Incident, ItemClass, Outcome,
};
use crate::Checker;

use super::{check_error, ensure, shipped, Broken, Bytes, DECODE_CODES};

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
pub(crate) fn check_judge(
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
            check_codes(checker, claim, now, &verdict)?;
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

/// A verdict of codes, without the input hash, is the full verdict with its messages, its
/// locale and its input hash left out: asking for less never changes the decision.
fn check_codes(
    checker: &Checker,
    claim: &Claim,
    now: DateTime<FixedOffset>,
    full: &Verdict,
) -> Result<(), Broken> {
    let options = crate::VerdictOptions {
        texts: None,
        input_hash: false,
    };
    let codes = checker
        .judge_with(claim, now, options)
        .map_err(|e| Broken(format!("the verdict of codes failed: {e}")))?;
    let mut stripped = full.clone();
    stripped.summary.clear();
    stripped.audit.input_hash = None;
    stripped.audit.locale = None;
    let reasons = stripped
        .reasons
        .iter_mut()
        .chain(stripped.items.iter_mut().flat_map(|i| i.reasons.iter_mut()));
    for r in reasons {
        r.message.clear();
    }
    for m in &mut stripped.missing_evidence {
        m.messages.clear();
    }
    for s in &mut stripped.next_steps {
        s.message.clear();
    }
    ensure(codes == stripped, || {
        "the verdict of codes is not the full one without its texts".to_owned()
    })
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
    ensure(a.input_hash == Some(sha256_hex(&input)), || {
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
