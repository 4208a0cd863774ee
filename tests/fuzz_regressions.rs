//! Replays every committed fuzz seed (`tests/fuzz/regressions/<target>/*`) through the same
//! function the fuzz target calls (`aftersales::fuzzing::<target>`), so `cargo test` re-checks
//! the inputs that once reached new code or broke an invariant, without nightly or cargo-fuzz.
//!
//! Add a seed by copying a file from `tests/fuzz/corpus/<target>/` or `tests/fuzz/artifacts/`
//! into the target's folder.

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;

type Body = fn(&[u8]) -> Result<(), aftersales::fuzzing::Broken>;

fn replay(target: &str, body: Body) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz/regressions")
        .join(target);
    let mut seeds: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    seeds.sort();
    assert!(
        seeds.len() >= 10,
        "{}: only {} seeds",
        dir.display(),
        seeds.len()
    );
    let mut broken = Vec::new();
    for seed in &seeds {
        let data = fs::read(seed).unwrap();
        if let Err(b) = body(&data) {
            broken.push(format!("{}: {b}", seed.display()));
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn every_policy_seed_loads_or_is_refused_with_invalid_policy() {
    replay("policy", aftersales::fuzzing::policy);
}

#[test]
fn every_compiled_policy_seed_loads_or_is_refused_with_invalid_policy() {
    replay("compiled", aftersales::fuzzing::compiled);
}

#[test]
fn every_screen_seed_keeps_spans_inside_their_fields() {
    replay("screen", aftersales::fuzzing::screen);
}

#[test]
fn every_claim_seed_gives_a_consistent_verdict_or_a_typed_error() {
    replay("claim", aftersales::fuzzing::claim);
}

/// The invariants are real checks: a verdict whose outcome contradicts its items is caught.
#[test]
fn a_verdict_contradicting_its_items_breaks_an_invariant() {
    use aftersales::policy::vocabulary::Outcome;
    let checker = aftersales::Checker::shipped();
    let claim: aftersales::Claim = serde_json::from_str(
        r#"{"order_id":"A-1","signed_at":"2024-03-01T18:00:00+09:00",
            "reported_at":"2024-03-02T00:00:00+09:00","incident":"damaged",
            "cause":"courier_mishandling",
            "evidence":["unboxing_video","carrier_proof","packaging_kept"],
            "items":[{"id":"1","class":"ordinary","condition":"new"}]}"#,
    )
    .unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2024-03-02T00:00:00+09:00").unwrap();
    let mut verdict = checker.judge(&claim, now, aftersales::Locale::En).unwrap();
    assert!(aftersales::fuzzing::check_verdict(&checker, &claim, now, &verdict).is_ok());
    verdict.outcome = Outcome::Ineligible;
    assert!(aftersales::fuzzing::check_verdict(&checker, &claim, now, &verdict).is_err());
}

/// A finding whose span does not cover its text is caught.
#[test]
fn a_finding_with_a_shifted_span_breaks_an_invariant() {
    let checker = aftersales::Checker::shipped();
    let listing = aftersales::Listing::titled("m1", "【美品】江戸切子 ｸﾞﾗｽ 2個セット");
    let mut screening = checker.screen(&listing, aftersales::Locale::En).unwrap();
    assert!(aftersales::fuzzing::check_screening(&listing, &screening).is_ok());
    let finding = screening.findings.first_mut().unwrap();
    finding.start += 1;
    assert!(aftersales::fuzzing::check_screening(&listing, &screening).is_err());
}
