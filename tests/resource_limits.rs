//! Pathological inputs get an error or a bounded answer, never a panic, a stack overflow or an
//! unbounded allocation: a megabyte of 「ガラス」, 10 000 levels of nested JSON, a batch of
//! 100 000 listings, a claim of 501 items, and the largest inputs just under each limit
//! (`src/limits.rs`). Timings are printed (run with `--nocapture`), never asserted: they depend
//! on the machine.

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Instant;

use aftersales::limits;
use aftersales::screen::Field;
use aftersales::{Checker, ErrorKind, Listing, Locale, Policy};

/// Runs `f` once and prints how long it took.
fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    println!("{label}: {:.3} ms", start.elapsed().as_secs_f64() * 1e3);
    out
}

fn repeated(unit: &str, max_bytes: usize) -> String {
    unit.repeat(max_bytes / unit.len())
}

#[test]
fn a_megabyte_of_glass_in_the_description_is_too_large() {
    let checker = Checker::shipped();
    let mut listing = Listing::titled("big", "ガラス");
    listing.description = Some(repeated("ガラス", 1024 * 1024));
    let err = timed("1 MiB description", || {
        checker.screen(&listing, Locale::Ja).unwrap_err()
    });
    assert_eq!(err.kind(), ErrorKind::TooLarge);
    assert_eq!(err.path(), "description");
}

#[test]
fn a_description_just_under_the_limit_is_screened_with_capped_findings() {
    let checker = Checker::shipped();
    // Each 「ガラス」 is read under the statement phrase 「材質」 just before it.
    let description = repeated("材質ガラス", limits::MAX_DESCRIPTION_BYTES);
    assert!(description.len() <= limits::MAX_DESCRIPTION_BYTES);
    let count = description.len() / "材質ガラス".len();
    // A title that names no class leaves the description to decide.
    let mut listing = Listing::titled("big", "インテリア 雑貨");
    listing.description = Some(description);
    let s = timed("64 KiB description of 材質ガラス", || {
        checker.screen(&listing, Locale::Ja).unwrap()
    });
    assert!(s.fragile);
    let listed = |s: &aftersales::Screening, field: Field| {
        s.findings.iter().filter(|f| f.field == field).count()
    };
    assert_eq!(
        listed(&s, Field::Description),
        limits::MAX_FINDINGS_PER_FIELD
    );
    assert!(
        s.findings_omitted as usize >= count - limits::MAX_FINDINGS_PER_FIELD - 1,
        "{} omitted of {count}",
        s.findings_omitted
    );

    // Both fields at their limits: the title's findings are listed, capped the same way.
    listing.title = repeated("ガラス", limits::MAX_TITLE_BYTES);
    let s = timed("64 KiB description + 4 KiB title of ガラス", || {
        checker.screen(&listing, Locale::Ja).unwrap()
    });
    assert!(s.fragile);
    assert_eq!(listed(&s, Field::Title), limits::MAX_FINDINGS_PER_FIELD);
    assert!(s.findings.len() <= 2 * limits::MAX_FINDINGS_PER_FIELD);
}

/// Other shapes that stress the folding, the boundaries and the context checks, each as large
/// as the description allows: they are answered, with findings capped.
#[test]
fn the_largest_descriptions_of_every_shape_are_answered() {
    let checker = Checker::shipped();
    for unit in [
        "ｸﾞﾗｽ",          // half-width kana with voiced marks to compose
        "ガ",           // a prefix of many terms that never completes
        "glass ",       // a Latin term on word boundaries
        "glassglass",   // a Latin term never on a boundary
        "CD-1 ",        // digit-wildcard terms
        "サングラス",   // a flagging match covered by an exclusion
        "額縁 自転車 ", // a term and a word that cancels it
        "\u{200B}",     // an invisible char folded away
        "ー",           // a long-vowel mark with nothing before it
        "\u{1F600}",    // astral chars: two UTF-16 units each
        "外箱",         // outer-box notice terms
    ] {
        let mut listing = Listing::titled("shape", &repeated(unit, limits::MAX_TITLE_BYTES));
        listing.description = Some(repeated(unit, limits::MAX_DESCRIPTION_BYTES));
        let s = timed(&format!("64 KiB of {unit:?}"), || {
            checker.screen(&listing, Locale::En).unwrap()
        });
        aftersales::fuzzing::check_screening(&listing, &s).unwrap();
    }
}

#[test]
fn ten_thousand_levels_of_nested_json_are_an_error_not_a_stack_overflow() {
    let deep = "[".repeat(10_000);
    // serde_json's recursion limit (128) is on: the `unbounded_depth` feature is not enabled.
    let err = serde_json::from_str::<serde_json::Value>(&deep).unwrap_err();
    assert!(
        err.to_string().starts_with("recursion limit exceeded"),
        "{err}"
    );

    let checker = Checker::shipped();
    let now = "2024-03-07T00:00:00+09:00";
    for json in [
        deep.clone(),
        format!("{{\"order_id\":{deep}"),
        format!(r#"{{"order_id":"A","incident":"damaged","cause":"unknown","items":{deep}"#),
    ] {
        let err = timed("judge_json of 10 000 nested levels", || {
            checker.judge_json(&json, now).unwrap_err()
        });
        assert!(
            matches!(
                err.kind(),
                ErrorKind::TooLarge | ErrorKind::InvalidType | ErrorKind::InvalidJson
            ),
            "{err}"
        );
    }

    // A policy term is a string or an object, read with `deserialize_any`: the one place a
    // document's shape is not fixed by its type. Ten thousand nested arrays there are refused
    // within the first two levels, without recursing further.
    let term = format!("{deep}{}", "]".repeat(10_000));
    let doc = aftersales::policy::SHIPPED_JSON.replacen("\"ガラス\"", &term, 1);
    assert_ne!(doc, aftersales::policy::SHIPPED_JSON);
    let err = timed("policy with a 10 000-level term", || {
        Policy::from_json(&doc).unwrap_err()
    });
    assert_eq!(err.kind(), ErrorKind::InvalidPolicy);
    assert!(
        err.path()
            .starts_with("screening.classes.fragile.terms.ja[0]"),
        "{err}"
    );
    assert!(err.message().contains("invalid type: sequence"), "{err}");
}

#[test]
fn a_batch_of_100000_listings_is_too_large() {
    let checker = Checker::shipped();
    let page: Vec<Listing> = (0..100_000)
        .map(|i| Listing::titled(&format!("m{i}"), "江戸切子 グラス"))
        .collect();
    let err = timed("100 000-listing batch", || {
        checker.screen_batch(&page, Locale::En).unwrap_err()
    });
    assert_eq!(err.kind(), ErrorKind::TooLarge);

    let full = page.get(..limits::MAX_BATCH_LISTINGS).unwrap();
    let answers = timed("10 000-listing batch (the limit)", || {
        checker.screen_batch(full, Locale::En).unwrap()
    });
    assert_eq!(answers.len(), limits::MAX_BATCH_LISTINGS);
    assert!(answers.iter().all(|s| s.fragile));
}

fn claim_json(items: usize, evidence: usize) -> String {
    let items: Vec<String> = (0..items)
        .map(|i| format!(r#"{{"id":"{i}","class":"ordinary","condition":"new"}}"#))
        .collect();
    let evidence = vec!["\"carrier_proof\""; evidence].join(",");
    format!(
        r#"{{"order_id":"A-1","signed_at":"2024-03-01T18:00:00+09:00",
            "reported_at":"2024-03-02T00:00:00+09:00","incident":"damaged",
            "cause":"courier_mishandling","evidence":[{evidence}],"items":[{}]}}"#,
        items.join(",")
    )
}

#[test]
fn a_claim_with_501_items_is_too_large() {
    let checker = Checker::shipped();
    let now = "2024-03-02T00:00:00+09:00";
    let err = timed("501-item claim", || {
        checker
            .judge_json(&claim_json(limits::MAX_CLAIM_ITEMS + 1, 1), now)
            .unwrap_err()
    });
    assert_eq!(err.kind(), ErrorKind::TooLarge);
    assert_eq!(err.path(), "items");

    let verdict = timed("500-item claim (the limit)", || {
        checker
            .judge_json(&claim_json(limits::MAX_CLAIM_ITEMS, 1), now)
            .unwrap()
    });
    assert_eq!(verdict.items.len(), limits::MAX_CLAIM_ITEMS);

    let err = checker
        .judge_json(&claim_json(1, limits::MAX_EVIDENCE + 1), now)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge);
    assert_eq!(err.path(), "evidence");
}

#[test]
fn input_over_the_byte_limits_is_refused_before_it_is_parsed() {
    let checker = Checker::shipped();
    let huge = " ".repeat(limits::MAX_INPUT_BYTES + 1);
    let err = timed("16 MiB + 1 claim text", || {
        checker
            .judge_json(&huge, "2024-03-02T00:00:00Z")
            .unwrap_err()
    });
    assert_eq!(err.kind(), ErrorKind::TooLarge);

    let doc = format!(
        "{}{}",
        aftersales::policy::SHIPPED_JSON,
        " ".repeat(limits::MAX_POLICY_BYTES)
    );
    let err = timed("1 MiB + policy document", || {
        Policy::from_json(&doc).unwrap_err()
    });
    assert_eq!(err.kind(), ErrorKind::InvalidPolicy);

    let long_id = "x".repeat(limits::MAX_ID_BYTES + 1);
    let err = checker
        .screen(&Listing::titled(&long_id, "グラス"), Locale::En)
        .unwrap_err();
    assert_eq!((err.kind(), err.path()), (ErrorKind::TooLarge, "id"));
}
