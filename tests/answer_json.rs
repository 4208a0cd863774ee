//! The answers' hand-written JSON text (`aftersales::json`, what the WebAssembly module hands to
//! `JSON.parse`) is byte for byte `serde_json::to_string` of the serde-derived answer: on every
//! real listing in every locale, with and without texts, as single answers and as a page; on
//! every claim scenario's verdict in every locale; and on ids and texts full of characters
//! that JSON escapes.

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use aftersales::screen::Listing;
use aftersales::{json, Checker, Locale};
use proptest::prelude::*;
use serde_json::{json, Value};

fn checker() -> &'static Checker {
    static CHECKER: std::sync::OnceLock<Checker> = std::sync::OnceLock::new();
    CHECKER.get_or_init(Checker::shipped)
}

fn real_listings() -> Vec<Listing> {
    common::real_listings()
        .iter()
        .map(|listing| aftersales::decode::listing(&listing.to_string()).unwrap())
        .collect()
}

#[test]
fn every_real_listings_screening_is_written_as_serde_writes_it_in_every_locale() {
    let listings = real_listings();
    assert!(listings.len() > 6000);
    for &locale in Locale::ALL {
        for page in listings.chunks(100) {
            let answers = checker().screen_batch(page, locale).unwrap();
            for a in &answers {
                assert_eq!(json::screening(a), serde_json::to_string(a).unwrap());
            }
            assert_eq!(
                json::screenings(&answers),
                serde_json::to_string(&answers).unwrap()
            );
        }
    }
    // Codes only: no `message` on flags and notices.
    for page in listings.chunks(100) {
        let answers = checker().screen_codes(page).unwrap();
        assert_eq!(
            json::screenings(&answers),
            serde_json::to_string(&answers).unwrap()
        );
    }
}

#[test]
fn every_scenario_verdict_is_written_as_serde_writes_it_in_every_locale() {
    let rows: Vec<Value> =
        serde_json::from_str(include_str!("data/claims/scenarios.json")).unwrap();
    let mut judged = 0;
    for row in &rows {
        for &locale in Locale::ALL {
            let Ok(claim) = aftersales::decode::claim(&row["claim"].to_string()) else {
                continue;
            };
            let now = chrono::DateTime::parse_from_rfc3339(row["now"].as_str().unwrap()).unwrap();
            if let Ok(v) = checker().judge(&claim, now, locale) {
                assert_eq!(json::verdict(&v), serde_json::to_string(&v).unwrap());
                judged += 1;
            }
        }
    }
    assert!(judged > 200, "only {judged} verdicts");
}

#[test]
fn an_empty_page_is_an_empty_array() {
    assert_eq!(json::screenings(&[]), "[]");
}

proptest! {
    #[test]
    fn any_id_title_and_order_id_are_escaped_as_serde_escapes_them(
        id in "\\PC{0,12}|[\"\\\\\\x00-\\x1f\\x7f\u{2028}\u{2029}a😀]{1,12}",
        title in "(江戸切子 グラス|CD|[\"\\\\\\x00-\\x1f]|\\PC){0,8}",
    ) {
        let mut listing = Listing::titled("x", &title);
        listing.id = id.clone();
        if let Ok(s) = checker().screen(&listing, Locale::Ja) {
            prop_assert_eq!(json::screening(&s), serde_json::to_string(&s).unwrap());
        }
        let claim = json!({
            "order_id": id, "signed_at": "2024-03-01T18:00:00+09:00",
            "incident": "damaged", "cause": "courier_mishandling",
            "evidence": ["unboxing_video"],
            "items": [{"id": title.clone() + "1", "class": "ordinary", "condition": "new"}]
        });
        if let Ok(v) = checker().judge_json(&claim.to_string(), "2024-03-03T00:00:00+09:00") {
            prop_assert_eq!(json::verdict(&v), serde_json::to_string(&v).unwrap());
        }
    }
}
