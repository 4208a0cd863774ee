//! `src/wasm.d.ts` (the TypeScript types pasted into the generated `pkg/*/aftersales.d.ts`) says
//! exactly what the Rust types put on the wire.
//!
//! The `.d.ts` is hand-kept; this test is what keeps it honest from the Rust side, so a field or
//! a word added to the core fails `cargo test` until the types follow. Every string union
//! (`Incident`, `Marketplace`, `Locale`, …) must list exactly the names serde accepts (read from
//! serde's own "expected one of" message, so no list is repeated here), and every interface of
//! an input or an output must declare exactly the keys that serde writes for a fully populated
//! value. The boundary-only `Info` types are checked at run time by `tests/types/usage.ts`.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};

use aftersales::claim::ClaimItem;
use aftersales::policy::vocabulary::{
    Cause, Condition, DamageScope, Evidence, Incident, ItemClass, NextStep, Notice, Outcome,
    ReasonCode,
};
use aftersales::screen::{Field, Listing, Marketplace};
use aftersales::{Checker, Claim, Locale};
use serde::de::DeserializeOwned;
use serde_json::Value;

const DTS: &str = include_str!("../src/wasm.d.ts");

/// The `.d.ts` without comments.
fn code() -> String {
    let mut out = String::new();
    let mut rest = DTS;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = &rest[start + rest[start..].find("*/").unwrap() + 2..];
    }
    out.push_str(rest);
    out.lines()
        .map(|l| l.split("//").next().unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `export type Name = "a" | "b";` → the quoted names.
fn union(name: &str) -> BTreeSet<String> {
    let code = code();
    let head = format!("export type {name} =");
    let start = code.find(&head).unwrap_or_else(|| panic!("no `{head}`"));
    let body = &code[start + head.len()..];
    let body = &body[..body.find(';').unwrap()];
    body.split('|')
        .map(|s| s.trim().trim_matches('"').to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// `export interface Name { a: T; b?: U; }` → its keys.
fn interface(name: &str) -> BTreeSet<String> {
    let code = code();
    let head = format!("export interface {name} ");
    let start = code.find(&head).unwrap_or_else(|| panic!("no `{head}`"));
    let body = &code[start..];
    let body = &body[body.find('{').unwrap() + 1..body.find('}').unwrap()];
    body.split(';')
        .filter_map(|field| field.split(':').next())
        .map(|k| k.trim().trim_end_matches('?').to_owned())
        .filter(|k| !k.is_empty())
        .collect()
}

/// The wire names serde accepts for `T`, from its unknown-variant message.
fn variants<T: DeserializeOwned>() -> BTreeSet<String> {
    let err = serde_json::from_str::<T>(r#""%none%""#)
        .err()
        .expect("`%none%` is not a variant")
        .to_string();
    let expected = err
        .split("expected")
        .nth(1)
        .expect("serde lists the variants");
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_string_union_lists_exactly_the_rust_wire_names() {
    let unions: [(&str, BTreeSet<String>); 14] = [
        ("Incident", variants::<Incident>()),
        ("Cause", variants::<Cause>()),
        ("Evidence", variants::<Evidence>()),
        ("ItemClass", variants::<ItemClass>()),
        ("Condition", variants::<Condition>()),
        ("DamageScope", variants::<DamageScope>()),
        ("Outcome", variants::<Outcome>()),
        ("ReasonCode", variants::<ReasonCode>()),
        ("NextStep", variants::<NextStep>()),
        ("Notice", variants::<Notice>()),
        ("Marketplace", variants::<Marketplace>()),
        ("Field", variants::<Field>()),
        ("Locale", variants::<Locale>()),
        (
            "Locale",
            Locale::ALL.iter().map(|l| l.tag().to_owned()).collect(),
        ),
    ];
    for (name, rust) in unions {
        assert!(rust.len() > 1, "{name}: read {rust:?}");
        assert_eq!(union(name), rust, "src/wasm.d.ts `{name}`");
    }
}

/// Every object in `value` whose path (array indices dropped) is a key of `want`, by path.
fn keys_by_path(value: &Value, path: &str, out: &mut BTreeMap<String, BTreeSet<String>>) {
    match value {
        Value::Object(map) => {
            out.entry(path.to_owned())
                .or_default()
                .extend(map.keys().cloned());
            for (k, v) in map {
                let child = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                keys_by_path(v, &child, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| keys_by_path(v, path, out)),
        _ => {}
    }
}

fn checked(interfaces: &[(&str, &str)], value: &Value) {
    let mut found = BTreeMap::new();
    keys_by_path(value, "", &mut found);
    for (name, path) in interfaces {
        let keys = found
            .get(*path)
            .unwrap_or_else(|| panic!("the sample has no object at `{path}` for `{name}`"));
        assert_eq!(&interface(name), keys, "src/wasm.d.ts `{name}`");
    }
}

#[test]
fn every_input_interface_declares_exactly_the_fields_rust_reads() {
    let listing = Listing {
        id: "m1".into(),
        title: "glass".into(),
        description: Some("d".into()),
        category: vec!["c".into()],
        category_code: Some("1".into()),
        marketplace: Some(Marketplace::Mercari),
        condition: Some(Condition::New),
    };
    checked(&[("Listing", "")], &serde_json::to_value(&listing).unwrap());
    let claim = Claim {
        order_id: "A".into(),
        ordered_at: Some("2024-03-01T00:00:00Z".into()),
        signed_at: "2024-03-01T00:00:00Z".into(),
        reported_at: Some("2024-03-01T00:00:00Z".into()),
        incident: Incident::Damaged,
        cause: Cause::Unknown,
        evidence: vec![Evidence::CarrierProof],
        items: vec![ClaimItem {
            id: "1".into(),
            class: ItemClass::Ordinary,
            condition: Condition::New,
            damage: Some(DamageScope::MainBody),
        }],
    };
    checked(
        &[("Claim", ""), ("ClaimItem", "items")],
        &serde_json::to_value(&claim).unwrap(),
    );
}

#[test]
fn every_output_interface_declares_exactly_the_fields_rust_writes() {
    let checker = Checker::shipped();
    let mut listing = Listing::titled("m1", "江戸切子 グラス 外箱付き");
    listing.condition = Some(Condition::SecondHand);
    let screening = checker.screen(&listing, Locale::En).unwrap();
    checked(
        &[
            ("Screening", ""),
            ("Flag", "flags"),
            ("Finding", "findings"),
            ("NoticeItem", "notices"),
        ],
        &serde_json::to_value(&screening).unwrap(),
    );
    // Reported in time with evidence missing: every list of the verdict has an entry.
    let verdict = checker
        .judge_json(
            r#"{"order_id":"A","signed_at":"2024-03-01T18:00:00+09:00","incident":"damaged",
                "cause":"courier_mishandling","items":[{"id":"1","class":"ordinary","condition":"new"}]}"#,
            "2024-03-02T00:00:00+09:00",
        )
        .unwrap();
    checked(
        &[
            ("Verdict", ""),
            ("Reason", "reasons"),
            ("ItemVerdict", "items"),
            ("Reason", "items.reasons"),
            ("MissingEvidence", "missing_evidence"),
            ("WindowStatus", "window"),
            ("Step", "next_steps"),
            ("Audit", "audit"),
        ],
        &serde_json::to_value(&verdict).unwrap(),
    );
}
