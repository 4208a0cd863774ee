//! The native half of the differential test: generates a few thousand seeded claims, listings
//! and batches ([`generate`]), answers each with the native core, and — when `DIFFERENTIAL_OUT`
//! names a folder — writes `cases.jsonl` there (input text, `now`, locale, and the native answer
//! as JSON) for `node.mjs` (the module in Node) and `chrome.mjs` (the module in headless
//! Chrome) to replay and compare byte for byte. `.ci/test-differential` runs all three.
//!
//! The native answer is `serde_json::to_string` of the `Verdict`, `Screening` or `Vec<Screening>`,
//! or `{"error":{"code","path","message"}}` with the error's `Display` as the message — what the
//! module's thrown `Error` carries. Inputs are decoded from the same JSON text a page's object
//! stringifies to, through the native API (`decode::listing`, `listings` and `claim`,
//! `Checker::judge_with` as the module's `judge` asks — texts, no input hash — and again as
//! `judgeCodes` asks for every claim and with the input hash for every fourth, `screen`,
//! `screen_batch`, and `screen_codes` for every batch again); `now` is the UTC instant of
//! `now_ms`, as `Date.now()` gives it.
//!
//! `DIFFERENTIAL_SEED` and `DIFFERENTIAL_CASES` change the seed (default 7) and the count
//! (default 3000).

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod generate;

use std::collections::BTreeSet;
use std::io::Write;

use aftersales::{Checker, Error, Locale, VerdictOptions};
use generate::{Call, Case};
use serde::Serialize;

#[derive(Serialize)]
struct Thrown<'a> {
    error: ThrownError<'a>,
}

#[derive(Serialize)]
struct ThrownError<'a> {
    code: &'a str,
    path: &'a str,
    message: String,
}

/// One line of `cases.jsonl`.
#[derive(Serialize)]
struct Line<'a> {
    n: usize,
    method: &'static str,
    input: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    now_ms: Option<i64>,
    locale: Option<&'a str>,
    expected: String,
}

fn answer<T: Serialize>(result: Result<T, Error>) -> String {
    match result {
        Ok(value) => serde_json::to_string(&value).unwrap(),
        Err(e) => serde_json::to_string(&Thrown {
            error: ThrownError {
                code: e.code(),
                path: e.path(),
                message: e.to_string(),
            },
        })
        .unwrap(),
    }
}

/// What a `judge` call asks for beside the decision: the module's `judge(claim, nowMs, locale)`
/// gives texts and no input hash, `{ inputHash: true }` adds it, `judgeCodes` gives neither.
fn asked(texts: Option<Locale>, input_hash: bool) -> VerdictOptions {
    VerdictOptions { texts, input_hash }
}

/// The claim judged natively at `now_ms` as `options` asks.
fn judged(checker: &Checker, input: &str, now_ms: i64, options: VerdictOptions) -> String {
    let now = chrono::DateTime::from_timestamp_millis(now_ms)
        .unwrap()
        .fixed_offset();
    answer(aftersales::decode::claim(input).and_then(|c| checker.judge_with(&c, now, options)))
}

fn native(checker: &Checker, case: &Case) -> (String, String) {
    let locale = case.locale.as_deref().map_or(Locale::En, Locale::negotiate);
    match &case.call {
        Call::Judge { claim, now_ms } => {
            let text = claim.text();
            let now = chrono::DateTime::from_timestamp_millis(*now_ms)
                .unwrap()
                .fixed_offset();
            let out = aftersales::decode::claim(&text)
                .and_then(|c| checker.judge_with(&c, now, asked(Some(locale), false)));
            (text, answer(out))
        }
        Call::Screen { listing } => {
            let text = listing.text();
            let out = aftersales::decode::listing(&text).and_then(|l| checker.screen(&l, locale));
            (text, answer(out))
        }
        Call::Batch { listings } => {
            let text = generate::J::Arr(listings.clone()).text();
            let out = aftersales::decode::listings(&text)
                .and_then(|ls| checker.screen_batch(&ls, locale));
            (text, answer(out))
        }
    }
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn native_answers_cover_every_outcome_and_error_and_are_written_for_the_module() {
    let seed = env_or("DIFFERENTIAL_SEED", 7u64);
    let count = env_or("DIFFERENTIAL_CASES", 3000usize);
    let checker = Checker::shipped();
    let mut cases = generate::cases(seed, count);
    cases.extend(generate::pathological());
    let mut lines = Vec::with_capacity(cases.len());
    let mut seen = BTreeSet::new();
    for (n, case) in cases.iter().enumerate() {
        let (input, expected) = native(&checker, case);
        // Every input is JSON a page could hold as an object (serde_json's `Value` stops at
        // 128 levels; the 10 000-level case is JSON all the same).
        if let Err(e) = serde_json::from_str::<serde_json::Value>(&input) {
            assert!(e.to_string().starts_with("recursion limit"), "{e}");
        }
        let (method, now_ms) = match &case.call {
            Call::Judge { now_ms, .. } => ("judge", Some(*now_ms)),
            Call::Screen { .. } => ("screen", None),
            Call::Batch { .. } => ("screenBatch", None),
        };
        let value: serde_json::Value = serde_json::from_str(&expected).unwrap();
        let tag = match (&value["error"]["code"], &value["outcome"], &value["class"]) {
            (serde_json::Value::String(code), _, _) => format!("{method} error {code}"),
            (_, serde_json::Value::String(outcome), _) => format!("{method} {outcome}"),
            (_, _, serde_json::Value::String(class)) => format!("{method} {class}"),
            _ => format!("{method} ok"),
        };
        seen.insert(tag);
        // A claim is also judged as codes only (`judgeCodes`, no locale), and every fourth with
        // its input hash asked for (`judge(…, { inputHash: true })`).
        if let Call::Judge { now_ms, .. } = &case.call {
            lines.push(Line {
                n,
                method: "judgeCodes",
                input: input.clone(),
                now_ms: Some(*now_ms),
                locale: None,
                expected: judged(&checker, &input, *now_ms, asked(None, false)),
            });
            if n % 4 == 0 {
                let locale = case.locale.as_deref().map_or(Locale::En, Locale::negotiate);
                lines.push(Line {
                    n,
                    method: "judgeHashed",
                    input: input.clone(),
                    now_ms: Some(*now_ms),
                    locale: case.locale.as_deref(),
                    expected: judged(&checker, &input, *now_ms, asked(Some(locale), true)),
                });
            }
        }
        // A page's batch is also answered as codes only (`screenCodes`, no locale).
        if let Call::Batch { .. } = &case.call {
            let codes =
                aftersales::decode::listings(&input).and_then(|ls| checker.screen_codes(&ls));
            lines.push(Line {
                n,
                method: "screenCodes",
                input: input.clone(),
                now_ms: None,
                locale: None,
                expected: answer(codes),
            });
        }
        lines.push(Line {
            n,
            method,
            input,
            now_ms,
            locale: case.locale.as_deref(),
            expected,
        });
    }
    println!("{} cases; answers seen: {seen:?}", lines.len());
    if count >= 3000 {
        for want in [
            "judge eligible",
            "judge partially_eligible",
            "judge incomplete",
            "judge ineligible",
            "judge error missing_field",
            "judge error unknown_field",
            "judge error unknown_value",
            "judge error invalid_type",
            "judge error invalid_value",
            "judge error invalid_timestamp",
            "judge error timestamp_without_offset",
            "judge error timestamp_order",
            "judge error too_large",
            "judge error no_policy_in_force",
            "screen fragile",
            "screen cd_dvd_bd",
            "screen paper_product",
            "screen ordinary",
            "screen error too_large",
            "screen error missing_field",
            "screenBatch ok",
            "screenBatch error too_large",
            "screen error invalid_type",
        ] {
            assert!(seen.contains(want), "no case gives `{want}`");
        }
    }
    if let Some(dir) = std::env::var_os("DIFFERENTIAL_OUT") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut out =
            std::io::BufWriter::new(std::fs::File::create(dir.join("cases.jsonl")).unwrap());
        for line in &lines {
            writeln!(out, "{}", serde_json::to_string(line).unwrap()).unwrap();
        }
        out.flush().unwrap();
        println!("wrote {}", dir.join("cases.jsonl").display());
    }
}

#[test]
fn the_same_seed_generates_the_same_cases_byte_for_byte() {
    let checker = Checker::shipped();
    let first: Vec<(String, String)> = generate::cases(11, 300)
        .iter()
        .map(|c| native(&checker, c))
        .collect();
    let second: Vec<(String, String)> = generate::cases(11, 300)
        .iter()
        .map(|c| native(&checker, c))
        .collect();
    assert_eq!(first, second);
    let other: Vec<(String, String)> = generate::cases(12, 300)
        .iter()
        .map(|c| native(&checker, c))
        .collect();
    assert_ne!(first, other);
}
