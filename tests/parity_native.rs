//! The native half of the parity test: answers every case of `tests/data/parity/cases.json`
//! with the pure-Rust core and writes the answers, as JSON text, to `target/parity/native.json`.
//!
//! `tests/node_parity.mjs` (the module in Node) and `tests/web.rs` (the module in Chrome and
//! Firefox) replay the same inputs through the WebAssembly boundary and compare
//! `JSON.stringify` of each answer — or of a thrown error's `{code, path, message}` — with these
//! texts byte for byte. The inputs are decoded here the way the boundary decodes them (JSON
//! text through `aftersales::decode::{listing, listings, claim}`), and `now_ms` becomes a UTC instant the way the boundary
//! turns `Date.now()` into one. Each case also states the outcome it expects (`ok` or an error
//! code), which this test checks, so a case that stops proving what it says fails here first.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use aftersales::{Checker, Error, Locale, VerdictOptions};
use serde::Serialize;
use serde_json::Value;

const CASES: &str = include_str!("data/parity/cases.json");

/// A thrown `AftersalesError` as the JS side records it: `{error: {code, path, message}}`.
#[derive(Serialize)]
struct Thrown<'a> {
    error: ThrownFields<'a>,
}

#[derive(Serialize)]
struct ThrownFields<'a> {
    code: &'a str,
    path: &'a str,
    message: String,
}

/// The answer as the page sees it: the result's JSON, or the error's code, path and message
/// (`error.message` is the error's `Display`).
fn answer<T: Serialize>(result: Result<T, Error>) -> (String, String) {
    match result {
        Ok(v) => ("ok".to_owned(), serde_json::to_string(&v).unwrap()),
        Err(e) => {
            let thrown = Thrown {
                error: ThrownFields {
                    code: e.code(),
                    path: e.path(),
                    message: e.to_string(),
                },
            };
            (e.code().to_owned(), serde_json::to_string(&thrown).unwrap())
        }
    }
}

#[test]
fn native_answers_every_parity_case_as_expected_and_writes_them() {
    let doc: Value = serde_json::from_str(CASES).unwrap();
    let checker = Checker::shipped();
    let mut out = Vec::new();
    for case in doc["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let method = case["method"].as_str().unwrap();
        let input = serde_json::to_string(&case["input"]).unwrap();
        let locale = case["locale"]
            .as_str()
            .map_or(Locale::En, Locale::negotiate);
        let (outcome, expected) = match method {
            "screen" => {
                answer(aftersales::decode::listing(&input).and_then(|l| checker.screen(&l, locale)))
            }
            "screenBatch" => answer(
                aftersales::decode::listings(&input).and_then(|l| checker.screen_batch(&l, locale)),
            ),
            "judge" => {
                let ms = case["now_ms"].as_i64().unwrap();
                let now = chrono::DateTime::from_timestamp_millis(ms)
                    .unwrap()
                    .fixed_offset();
                // As the module's `judge(claim, nowMs, locale)` asks: texts, no input hash.
                let asked = VerdictOptions {
                    texts: Some(locale),
                    input_hash: false,
                };
                answer(
                    aftersales::decode::claim(&input)
                        .and_then(|c| checker.judge_with(&c, now, asked)),
                )
            }
            other => panic!("{name}: unknown method `{other}`"),
        };
        assert_eq!(
            outcome, case["expect"],
            "{name}: expected {}, got {expected}",
            case["expect"]
        );
        out.push(serde_json::json!({
            "name": name,
            "method": method,
            "locale": case["locale"],
            "now_ms": case["now_ms"],
            "input": input,
            "expected": expected,
        }));
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/parity");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("native.json");
    // The replays first compare this hash with the module's, so a policy edited between the
    // build of the module and this run is reported as such, not as a difference per case.
    let written = serde_json::json!({
        "policy_hash": checker.policies().current().unwrap().hash(),
        "cases": out,
    });
    std::fs::write(&path, serde_json::to_string_pretty(&written).unwrap()).unwrap();
    println!("wrote {} cases to {}", out.len(), path.display());
}
