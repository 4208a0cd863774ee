//! Determinism and audit: every verdict names the policy (id, version, hash) and the input
//! (hash of the claim's canonical JSON), the same claim always gives byte-identical JSON, and
//! verdicts stored in `tests/data/audit/` are reproduced byte for byte by a policy reloaded from
//! its text, by the same policy written with other whitespace or key order, but not by a policy
//! with one rule changed.
//!
//! The stored files are generated, never hand-written:
//!
//! ```text
//! UPDATE_AUDIT=1 cargo test --test audit
//! ```
//!
//! rewrites them from [`CASES`]; review the diff before committing (a changed verdict means the
//! policy or the engine changed what it decides).

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::PathBuf;

use aftersales::policy::SHIPPED_JSON;
use aftersales::{Checker, Claim, Locale, Policy, Verdict, VerdictOptions};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Claims worth keeping a verdict for: one per outcome, both sides of the deadline, every
/// locale, a loss and an unpacking loss.
const CASES: &[(&str, &str, &str, Locale)] = &[
    (
        "eligible_damage_reported_on_the_last_day",
        r#"{"order_id":"AU-1","signed_at":"2024-03-01T18:00:00+09:00",
            "reported_at":"2024-03-06T23:59:59.999+09:00","incident":"damaged",
            "cause":"courier_mishandling",
            "evidence":["unboxing_video","carrier_proof","packaging_kept"],
            "items":[{"id":"1","class":"ordinary","condition":"new"}]}"#,
        "2024-03-07T00:00:00+09:00",
        Locale::En,
    ),
    (
        "late_by_one_millisecond",
        r#"{"order_id":"AU-2","signed_at":"2024-03-01T18:00:00+09:00",
            "reported_at":"2024-03-07T00:00:00+09:00","incident":"damaged",
            "cause":"courier_mishandling",
            "evidence":["unboxing_video","carrier_proof","packaging_kept"],
            "items":[{"id":"1","class":"ordinary","condition":"new"}]}"#,
        "2024-03-07T00:00:00.001+09:00",
        Locale::Ja,
    ),
    (
        "fragile_and_ordinary_items_split",
        r#"{"order_id":"AU-3","signed_at":"2024-02-27T09:30:00-05:00",
            "reported_at":"2024-02-29T12:00:00-05:00","incident":"damaged","cause":"unknown",
            "evidence":["opened_package_photos","carrier_proof","packaging_kept"],
            "items":[{"id":"vase","class":"fragile","condition":"second_hand"},
                     {"id":"figure","class":"ordinary","condition":"new"},
                     {"id":"cd","class":"cd_dvd_bd","condition":"new","damage":"cd_case"}]}"#,
        "2024-03-01T00:00:00Z",
        Locale::ZhCn,
    ),
    (
        "loss_with_evidence_missing_while_open",
        r#"{"order_id":"AU-4","signed_at":"2024-03-01T18:00:00Z","incident":"lost_in_transit",
            "cause":"unknown","items":[{"id":"1","class":"ordinary","condition":"new"}]}"#,
        "2024-03-03T00:00:00Z",
        Locale::Ru,
    ),
    (
        "unpacking_loss_after_the_window",
        r#"{"order_id":"AU-5","ordered_at":"2024-02-01T10:00:00+08:00",
            "signed_at":"2024-03-01T18:00:00+08:00","reported_at":"2024-03-02T09:00:00+08:00",
            "incident":"lost_by_unpacking","cause":"customs_inspection",
            "evidence":["carrier_proof"],
            "items":[{"id":"1","class":"paper_product","condition":"second_hand"}]}"#,
        "2024-03-20T00:00:00+08:00",
        Locale::En,
    ),
];

/// A stored verdict with everything needed to reproduce it.
#[derive(Debug, Serialize, Deserialize)]
struct Record {
    claim: Claim,
    now: String,
    locale: Locale,
    verdict: Verdict,
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/audit")
}

fn now(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn claim(json: &str) -> Claim {
    serde_json::from_str(json).unwrap()
}

fn render(record: &Record) -> String {
    format!("{}\n", serde_json::to_string_pretty(record).unwrap())
}

/// The same JSON without any whitespace outside strings.
fn minify(json: &str) -> String {
    let (mut out, mut in_string, mut escaped) = (String::new(), false, false);
    for c in json.chars() {
        if in_string {
            let was_escaped = escaped;
            escaped = !was_escaped && c == '\\';
            in_string = was_escaped || c != '"';
        } else if c == '"' {
            in_string = true;
        } else if c.is_whitespace() {
            continue;
        }
        out.push(c);
    }
    out
}

/// The same JSON, one tab-indented line per value, CRLF line ends.
fn reindent(json: &str) -> String {
    let (mut out, mut in_string, mut escaped) = (String::new(), false, false);
    for c in minify(json).chars() {
        out.push(c);
        if in_string {
            let was_escaped = escaped;
            escaped = !was_escaped && c == '\\';
            in_string = was_escaped || c != '"';
        } else if c == '"' {
            in_string = true;
        } else if matches!(c, ',' | '{' | '[') {
            out.push_str("\r\n\t\t");
        } else if c == ':' {
            out.push(' ');
        }
    }
    out
}

fn judge_all(checker: &Checker) -> Vec<(String, Record)> {
    CASES
        .iter()
        .map(|(name, json, at, locale)| {
            let claim = claim(json);
            let verdict = checker.judge(&claim, now(at), *locale).unwrap();
            let record = Record {
                claim,
                now: (*at).to_owned(),
                locale: *locale,
                verdict,
            };
            ((*name).to_owned(), record)
        })
        .collect()
}

/// Compares each case's verdict under `checker` with its stored file, byte for byte.
fn assert_reproduces_stored(checker: &Checker) {
    const UPDATE: &str = "UPDATE_AUDIT=1 cargo test --test audit";
    for (name, record) in judge_all(checker) {
        let path = dir().join(format!("{name}.json"));
        let stored = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}; generate it with `{UPDATE}`", path.display()));
        let back: Record = serde_json::from_str(&stored)
            .unwrap_or_else(|e| panic!("{}: {e}; regenerate it with `{UPDATE}`", path.display()));
        let (was, now) = (
            &back.verdict.audit.policy_hash,
            &record.verdict.audit.policy_hash,
        );
        assert_eq!(
            was, now,
            "{name}: the policy changed since the verdict was stored; regenerate with `{UPDATE}` \
             and review the diff of tests/data/audit/"
        );
        let fresh = render(&record);
        if let Some((line, (a, b))) = stored
            .lines()
            .zip(fresh.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
        {
            panic!(
                "{name}: the same policy gives another verdict, line {}:\n  stored: {a}\n  now:    {b}",
                line + 1
            );
        }
        assert_eq!(
            stored, fresh,
            "{name}: the stored verdict is not reproduced"
        );
        assert_eq!(back.verdict, record.verdict);
    }
}

#[test]
fn stored_verdicts_are_reproduced_after_a_policy_reload() {
    if std::env::var_os("UPDATE_AUDIT").is_some() {
        fs::create_dir_all(dir()).unwrap();
        for (name, record) in judge_all(&Checker::shipped()) {
            fs::write(dir().join(format!("{name}.json")), render(&record)).unwrap();
        }
    }
    let reloaded = Checker::new(Policy::from_json(SHIPPED_JSON).unwrap()).unwrap();
    assert_reproduces_stored(&reloaded);
    assert_reproduces_stored(&Checker::shipped());
}

#[test]
fn the_same_policy_with_other_whitespace_or_key_order_reproduces_stored_verdicts() {
    let sorted = serde_json::from_str::<serde_json::Value>(SHIPPED_JSON)
        .unwrap()
        .to_string();
    for text in [minify(SHIPPED_JSON), reindent(SHIPPED_JSON), sorted] {
        assert_ne!(text, SHIPPED_JSON);
        let policy = Policy::from_json(&text).unwrap();
        assert_eq!(policy.hash(), Policy::shipped().hash());
        assert_reproduces_stored(&Checker::new(policy).unwrap());
    }
}

#[test]
fn every_verdict_names_the_policy_and_the_input() {
    let checker = Checker::shipped();
    let policy = Policy::shipped();
    let doc = policy.document();
    assert!(policy.hash().starts_with("sha256:"));
    assert_eq!(policy.hash().len(), "sha256:".len() + 64);
    for (name, record) in judge_all(&checker) {
        let a = &record.verdict.audit;
        assert_eq!(a.policy_id, doc.id, "{name}");
        assert_eq!(a.policy_version, doc.version, "{name}");
        assert_eq!(a.policy_hash, policy.hash(), "{name}");
        assert_eq!(a.locale, Some(record.locale), "{name}");
        // An operator reproduces the input hash from the claim alone: SHA-256 of its canonical
        // JSON (fields in declaration order, absent options left out, no whitespace).
        let canonical = serde_json::to_vec(&record.claim).unwrap();
        let hex: String = Sha256::digest(&canonical)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(a.input_hash, Some(format!("sha256:{hex}")), "{name}");
        assert_eq!(
            now(&a.judged_at).timestamp_millis(),
            now(&record.now).timestamp_millis(),
            "{name}"
        );
    }
}

#[test]
fn the_input_hash_ignores_the_claims_whitespace_and_key_order() {
    let checker = Checker::shipped();
    for (_, json, at, _) in CASES {
        let plain = checker.judge_json(json, at).unwrap();
        let sorted = serde_json::from_str::<serde_json::Value>(json)
            .unwrap()
            .to_string();
        for text in [minify(json), reindent(json), sorted] {
            let again = checker.judge_json(&text, at).unwrap();
            assert_eq!(again.audit.input_hash, plain.audit.input_hash);
            assert_eq!(again, plain);
        }
    }
}

#[test]
fn the_input_hash_is_computed_only_when_asked_for_and_is_the_same_then() {
    let checker = Checker::shipped();
    for (_, json, at, locale) in CASES {
        let c = claim(json);
        let full = checker.judge(&c, now(at), *locale).unwrap();
        for texts in [Some(*locale), None] {
            let ask = |input_hash| VerdictOptions { texts, input_hash };
            let without = checker.judge_with(&c, now(at), ask(false)).unwrap();
            assert_eq!(without.audit.input_hash, None);
            assert!(!serde_json::to_string(&without)
                .unwrap()
                .contains("input_hash"));
            let with = checker.judge_with(&c, now(at), ask(true)).unwrap();
            assert_eq!(with.audit.input_hash, full.audit.input_hash);
            assert_eq!(with.audit.locale, texts);
            assert_eq!(with.outcome, full.outcome);
            assert_eq!(with.window, full.window);
            let codes = |v: &Verdict| -> Vec<_> {
                v.items
                    .iter()
                    .flat_map(|i| i.reasons.iter().map(|r| (r.code, r.rule.clone())))
                    .collect()
            };
            assert_eq!(codes(&with), codes(&full));
        }
    }
}

#[test]
fn the_same_claim_judged_twice_gives_byte_identical_json() {
    let checker = Checker::shipped();
    let other = Checker::shipped();
    for (_, json, at, locale) in CASES {
        let c = claim(json);
        let first = serde_json::to_string(&checker.judge(&c, now(at), *locale).unwrap()).unwrap();
        let second = serde_json::to_string(&checker.judge(&c, now(at), *locale).unwrap()).unwrap();
        let elsewhere = serde_json::to_string(&other.judge(&c, now(at), *locale).unwrap()).unwrap();
        assert_eq!(first, second);
        assert_eq!(first, elsewhere);
    }
}

/// A change to a policy document.
type Edit = fn(&mut serde_json::Value);

#[test]
fn changing_a_rule_changes_the_policy_hash_and_the_verdicts_audit() {
    let shipped = Policy::shipped();
    let edits: [(&str, Edit); 3] = [
        ("the window", |d| {
            d["claims"]["window"]["days_after_signing"] = 6.into();
        }),
        ("an item rule", |d| {
            d["claims"]["item_rules"][0]["when"]["class"] = serde_json::json!(["cd_dvd_bd"]);
        }),
        ("a message", |d| {
            d["messages"]["outcome.eligible"]["en"] = "Covered.".into();
        }),
    ];
    for (what, edit) in edits {
        let mut doc: serde_json::Value = serde_json::from_str(SHIPPED_JSON).unwrap();
        edit(&mut doc);
        let changed = Policy::from_json(&doc.to_string()).unwrap();
        assert_ne!(changed.hash(), shipped.hash(), "changing {what}");
        let checker = Checker::new(changed).unwrap();
        for (name, record) in judge_all(&checker) {
            assert_ne!(
                record.verdict.audit.policy_hash,
                shipped.hash(),
                "{name} after changing {what}"
            );
        }
    }
    // With a sixth day, the claim that was late by a millisecond is in time.
    let mut doc: serde_json::Value = serde_json::from_str(SHIPPED_JSON).unwrap();
    doc["claims"]["window"]["days_after_signing"] = 6.into();
    let longer = Checker::new(Policy::from_json(&doc.to_string()).unwrap()).unwrap();
    let (_, json, at, locale) = CASES.get(1).unwrap();
    let late = Checker::shipped()
        .judge(&claim(json), now(at), *locale)
        .unwrap();
    let in_time = longer.judge(&claim(json), now(at), *locale).unwrap();
    assert!(!late.window.reported_in_time);
    assert!(in_time.window.reported_in_time);
}
