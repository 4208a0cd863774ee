//! Bad claims: every kind of input that cannot be judged returns a typed error naming the field,
//! and no input at all makes the judge panic.
//!
//! Each case goes through [`Checker::judge_json`] (text in, as a page or a fuzz target would send
//! it, read by the crate's own reader as the wasm boundary reads it) and, where the error is a
//! decoding one, through serde's derived `Deserialize` as well; both must give the same
//! [`ErrorKind`] and the same exact path (`items[1].class`). Timestamps in the wrong order, without an offset or
//! unparsable; unknown enum values; missing, unknown and mistyped fields; empty and oversized
//! inputs; nesting; broken JSON. Two property tests throw random JSON-ish text and random
//! mutations of a valid claim at the judge and require an answer or a typed error, never a panic.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use aftersales::{Checker, Claim, ErrorKind};
use proptest::prelude::*;
use serde_json::{json, Value};

const NOW: &str = "2024-03-03T12:00:00+09:00";

/// One checker for every case: building it compiles the policy's term automata.
fn checker() -> &'static Checker {
    static CHECKER: std::sync::OnceLock<Checker> = std::sync::OnceLock::new();
    CHECKER.get_or_init(Checker::shipped)
}

fn valid() -> Value {
    json!({
        "order_id": "A-1",
        "ordered_at": "2024-02-20T10:00:00+09:00",
        "signed_at": "2024-03-01T18:00:00+09:00",
        "reported_at": "2024-03-02T09:00:00+09:00",
        "incident": "damaged",
        "cause": "courier_mishandling",
        "evidence": ["unboxing_video", "carrier_proof", "packaging_kept"],
        "items": [
            {"id": "1", "class": "ordinary", "condition": "new", "damage": "main_body"},
            {"id": "2", "class": "cd_dvd_bd", "condition": "second_hand"}
        ]
    })
}

fn with(edit: impl FnOnce(&mut Value)) -> String {
    let mut v = valid();
    edit(&mut v);
    v.to_string()
}

/// Judges `json` at [`NOW`] and returns the error's code and path.
fn error_of(json: &str) -> (ErrorKind, String) {
    error_at(json, NOW)
}

fn error_at(json: &str, now: &str) -> (ErrorKind, String) {
    match checker().judge_json(json, now) {
        Ok(v) => panic!("expected an error, got outcome `{}`", v.outcome),
        Err(e) => {
            assert!(!e.message().is_empty(), "an error needs a message");
            (e.kind(), e.path().to_owned())
        }
    }
}

/// Decodes through serde's derived `Deserialize` (`aftersales::decode::from_deserializer`, for
/// callers with their own deserializer), which must agree with the crate's own reader.
fn decode_error_of(json: &str) -> (ErrorKind, String) {
    let mut de = serde_json::Deserializer::from_str(json);
    match aftersales::decode::from_deserializer::<_, Claim>(&mut de) {
        Ok(_) => panic!("expected a decoding error"),
        Err(e) => (e.kind(), e.path().to_owned()),
    }
}

/// Both routes give the same kind and path.
fn assert_decoding_error(json: &str, kind: ErrorKind, path: &str) {
    assert_eq!(error_of(json), (kind, path.to_owned()), "judge_json");
    assert_eq!(decode_error_of(json), (kind, path.to_owned()), "decode");
}

#[test]
fn the_valid_claim_these_cases_start_from_is_judged() {
    let v = checker().judge_json(&valid().to_string(), NOW).unwrap();
    assert_eq!(v.items.len(), 2);
}

// ---- timestamps --------------------------------------------------------------------------

#[test]
fn reported_before_signed_is_a_timestamp_order_error_at_reported_at() {
    let json = with(|v| v["reported_at"] = "2024-03-01T17:59:59+09:00".into());
    assert_eq!(
        error_of(&json),
        (ErrorKind::TimestampOrder, "reported_at".into())
    );
}

#[test]
fn reported_before_signed_in_another_offset_is_still_before() {
    // 08:59:59Z is 17:59:59+09:00, one second before signing.
    let json = with(|v| v["reported_at"] = "2024-03-01T08:59:59Z".into());
    assert_eq!(
        error_of(&json),
        (ErrorKind::TimestampOrder, "reported_at".into())
    );
}

#[test]
fn signed_after_now_is_a_timestamp_order_error_at_signed_at() {
    let json = with(|v| {
        v["signed_at"] = "2024-03-04T18:00:00+09:00".into();
        v["reported_at"] = Value::Null;
        v.as_object_mut().unwrap().remove("reported_at");
    });
    assert_eq!(
        error_of(&json),
        (ErrorKind::TimestampOrder, "signed_at".into())
    );
}

#[test]
fn reported_after_now_is_a_timestamp_order_error_at_reported_at() {
    let json = with(|v| v["reported_at"] = "2024-03-03T12:00:00.001+09:00".into());
    assert_eq!(
        error_of(&json),
        (ErrorKind::TimestampOrder, "reported_at".into())
    );
}

#[test]
fn ordered_after_signed_is_a_timestamp_order_error_at_ordered_at() {
    let json = with(|v| v["ordered_at"] = "2024-03-01T18:00:01+09:00".into());
    assert_eq!(
        error_of(&json),
        (ErrorKind::TimestampOrder, "ordered_at".into())
    );
}

#[test]
fn a_timestamp_without_offset_is_named_for_each_field() {
    for field in ["signed_at", "reported_at", "ordered_at"] {
        let json = with(|v| v[field] = "2024-03-01T18:00:00".into());
        assert_eq!(
            error_of(&json),
            (ErrorKind::TimestampWithoutOffset, field.into()),
            "{field}"
        );
    }
    let json = with(|v| v["signed_at"] = "2024-03-01 18:00:00.250".into());
    assert_eq!(
        error_of(&json),
        (ErrorKind::TimestampWithoutOffset, "signed_at".into())
    );
}

#[test]
fn now_without_offset_or_garbled_is_an_error_at_now() {
    let json = valid().to_string();
    assert_eq!(
        error_at(&json, "2024-03-03T12:00:00"),
        (ErrorKind::TimestampWithoutOffset, "now".into())
    );
    assert_eq!(
        error_at(&json, "yesterday"),
        (ErrorKind::InvalidTimestamp, "now".into())
    );
}

#[test]
fn a_garbage_timestamp_is_invalid() {
    for garbage in [
        "soon",
        "",
        "2024-02-30T10:00:00+09:00",
        "2024-03-01T25:00:00+09:00",
        "2024-03-01T18:00:00+24:00",
        "2024-03-01",
        "１２３",
    ] {
        let json = with(|v| v["signed_at"] = garbage.into());
        assert_eq!(
            error_of(&json),
            (ErrorKind::InvalidTimestamp, "signed_at".into()),
            "{garbage:?}"
        );
    }
}

#[test]
fn an_overlong_timestamp_is_too_large() {
    let json =
        with(|v| v["signed_at"] = format!("2024-03-01T18:00:00{}+09:00", "0".repeat(100)).into());
    assert_eq!(error_of(&json), (ErrorKind::TooLarge, "signed_at".into()));
}

// ---- closed sets -------------------------------------------------------------------------

#[test]
fn an_unknown_incident_is_an_unknown_value_at_incident() {
    assert_decoding_error(
        &with(|v| v["incident"] = "exploded".into()),
        ErrorKind::UnknownValue,
        "incident",
    );
}

#[test]
fn an_unknown_cause_is_an_unknown_value_at_cause() {
    assert_decoding_error(
        &with(|v| v["cause"] = "act_of_god".into()),
        ErrorKind::UnknownValue,
        "cause",
    );
}

#[test]
fn an_unknown_evidence_kind_is_named_by_its_index() {
    assert_decoding_error(
        &with(|v| v["evidence"][1] = "a_note_from_mum".into()),
        ErrorKind::UnknownValue,
        "evidence[1]",
    );
}

#[test]
fn an_unknown_class_is_named_inside_its_item() {
    assert_decoding_error(
        &with(|v| v["items"][1]["class"] = "priceless".into()),
        ErrorKind::UnknownValue,
        "items[1].class",
    );
}

#[test]
fn an_unknown_damage_scope_is_named_inside_its_item() {
    assert_decoding_error(
        &with(|v| v["items"][0]["damage"] = "soul".into()),
        ErrorKind::UnknownValue,
        "items[0].damage",
    );
}

#[test]
fn an_unknown_condition_is_named_inside_its_item() {
    assert_decoding_error(
        &with(|v| v["items"][1]["condition"] = "mint".into()),
        ErrorKind::UnknownValue,
        "items[1].condition",
    );
}

#[test]
fn enum_values_are_case_sensitive_wire_names() {
    assert_decoding_error(
        &with(|v| v["incident"] = "Damaged".into()),
        ErrorKind::UnknownValue,
        "incident",
    );
}

// ---- shape -------------------------------------------------------------------------------

#[test]
fn a_missing_top_level_field_is_named() {
    for field in ["order_id", "signed_at", "incident", "cause", "items"] {
        let json = with(|v| {
            v.as_object_mut().unwrap().remove(field);
        });
        assert_decoding_error(&json, ErrorKind::MissingField, field);
    }
}

#[test]
fn a_missing_field_inside_the_second_item_is_named_with_its_index() {
    for field in ["id", "class", "condition"] {
        let json = with(|v| {
            v["items"][1].as_object_mut().unwrap().remove(field);
        });
        assert_decoding_error(&json, ErrorKind::MissingField, &format!("items[1].{field}"));
    }
}

#[test]
fn optional_fields_may_be_left_out() {
    let json = with(|v| {
        let o = v.as_object_mut().unwrap();
        o.remove("ordered_at");
        o.remove("reported_at");
        o.remove("evidence");
        v["items"][0].as_object_mut().unwrap().remove("damage");
    });
    let verdict = checker().judge_json(&json, NOW).unwrap();
    assert_eq!(verdict.outcome.as_str(), "incomplete");
}

#[test]
fn an_unknown_field_is_named() {
    assert_decoding_error(
        &with(|v| v["colour"] = "red".into()),
        ErrorKind::UnknownField,
        "colour",
    );
    assert_decoding_error(
        &with(|v| v["items"][1]["price"] = 1200.into()),
        ErrorKind::UnknownField,
        "items[1].price",
    );
}

#[test]
fn a_value_of_the_wrong_type_is_named() {
    assert_decoding_error(
        &with(|v| v["order_id"] = 42.into()),
        ErrorKind::InvalidType,
        "order_id",
    );
    assert_decoding_error(
        &with(|v| v["items"] = json!({"id": "1"})),
        ErrorKind::InvalidType,
        "items",
    );
    assert_decoding_error(
        &with(|v| v["evidence"] = "carrier_proof".into()),
        ErrorKind::InvalidType,
        "evidence",
    );
    assert_decoding_error(
        &with(|v| v["items"][0]["id"] = json!(["1"])),
        ErrorKind::InvalidType,
        "items[0].id",
    );
    assert_decoding_error(
        &with(|v| v["signed_at"] = Value::Null),
        ErrorKind::InvalidType,
        "signed_at",
    );
    // A claim written as an array: serde's positional form of a struct, which the crate's own
    // reader refuses by its type (serde itself calls it an invalid length).
    assert_eq!(error_of("[]"), (ErrorKind::InvalidType, String::new()));
    assert_eq!(
        decode_error_of("[]"),
        (ErrorKind::InvalidValue, String::new())
    );
    assert_decoding_error("\"claim\"", ErrorKind::InvalidType, "");
}

#[test]
fn empty_items_are_an_invalid_value() {
    let json = with(|v| v["items"] = json!([]));
    assert_eq!(error_of(&json), (ErrorKind::InvalidValue, "items".into()));
}

#[test]
fn empty_ids_are_an_invalid_value() {
    assert_eq!(
        error_of(&with(|v| v["order_id"] = " ".into())),
        (ErrorKind::InvalidValue, "order_id".into())
    );
    assert_eq!(
        error_of(&with(|v| v["items"][1]["id"] = "".into())),
        (ErrorKind::InvalidValue, "items[1].id".into())
    );
}

#[test]
fn a_repeated_item_id_is_an_invalid_value_at_the_second_item() {
    let json = with(|v| v["items"][1]["id"] = v["items"][0]["id"].clone());
    assert_eq!(
        error_of(&json),
        (ErrorKind::InvalidValue, "items[1].id".into())
    );
}

// ---- sizes -------------------------------------------------------------------------------

#[test]
fn five_hundred_items_are_judged_and_501_are_too_large() {
    let items = |n: usize| {
        Value::Array(
            (0..n)
                .map(|i| json!({"id": format!("x{i}"), "class": "ordinary", "condition": "new"}))
                .collect(),
        )
    };
    let json = with(|v| v["items"] = items(500));
    assert_eq!(checker().judge_json(&json, NOW).unwrap().items.len(), 500);
    let json = with(|v| v["items"] = items(501));
    assert_eq!(error_of(&json), (ErrorKind::TooLarge, "items".into()));
}

#[test]
fn a_ten_megabyte_order_id_is_too_large() {
    let json = with(|v| v["order_id"] = "A".repeat(10 * 1024 * 1024).into());
    assert_eq!(error_of(&json), (ErrorKind::TooLarge, "order_id".into()));
}

#[test]
fn an_overlong_item_id_is_too_large_at_its_index() {
    let json = with(|v| v["items"][1]["id"] = "9".repeat(257).into());
    assert_eq!(error_of(&json), (ErrorKind::TooLarge, "items[1].id".into()));
}

#[test]
fn too_much_evidence_is_too_large() {
    let json = with(|v| v["evidence"] = Value::Array(vec!["carrier_proof".into(); 33]));
    assert_eq!(error_of(&json), (ErrorKind::TooLarge, "evidence".into()));
}

#[test]
fn input_over_sixteen_megabytes_is_too_large_before_parsing() {
    let json = format!("{}{}", " ".repeat(16 * 1024 * 1024), valid());
    assert_eq!(error_of(&json), (ErrorKind::TooLarge, String::new()));
}

#[test]
fn deeply_nested_json_is_refused_without_recursing() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    // Where a string belongs, an array is the wrong type, however deep it goes.
    let json = valid().to_string().replacen("\"A-1\"", &deep, 1);
    assert_decoding_error(&json, ErrorKind::InvalidType, "order_id");
    // Where an unknown field holds it, the field is refused before its value is read.
    let json = format!("{{\"extra\": {deep}}}");
    assert_decoding_error(&json, ErrorKind::UnknownField, "extra");
    // As the whole input.
    assert_eq!(error_of(&deep).0, ErrorKind::InvalidType);
    let objects = format!("{}{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    assert_eq!(error_of(&objects), (ErrorKind::UnknownField, "a".into()));
}

// ---- broken JSON -------------------------------------------------------------------------

#[test]
fn invalid_json_is_invalid_json_at_the_root() {
    for text in [
        "",
        "{",
        "{\"order_id\": \"A-1\",}",
        "{'order_id': 'A-1'}",
        "not json",
        "\u{feff}{}",
    ] {
        let (kind, path) = error_of(text);
        assert_eq!(kind, ErrorKind::InvalidJson, "{text:?}");
        assert_eq!(path, "", "{text:?}");
    }
}

#[test]
fn trailing_text_after_a_valid_claim_is_invalid_json() {
    let json = format!("{} {{}}", valid());
    assert_eq!(error_of(&json), (ErrorKind::InvalidJson, String::new()));
}

#[test]
fn a_lone_surrogate_escape_is_invalid_json() {
    let json = with(|v| v["order_id"] = "PLACEHOLDER".into()).replace("PLACEHOLDER", "\\ud800");
    assert_eq!(error_of(&json).0, ErrorKind::InvalidJson);
}

// ---- nothing panics ----------------------------------------------------------------------

/// A claim can fail with any kind but an invalid policy (the shipped one is valid).
fn claim_error_codes() -> impl Iterator<Item = &'static str> {
    ErrorKind::ALL
        .iter()
        .filter(|k| **k != ErrorKind::InvalidPolicy)
        .map(|k| k.code())
}

/// Judges anything; an answer or a typed error, never a panic.
fn judge_anything(checker: &Checker, json: &str) -> Result<(), TestCaseError> {
    match checker.judge_json(json, NOW) {
        Ok(v) => {
            prop_assert!(!v.items.is_empty());
            prop_assert!(v.items.iter().all(|i| !i.reasons.is_empty()));
        }
        Err(e) => {
            prop_assert!(
                claim_error_codes().any(|c| c == e.code()),
                "unexpected code {}",
                e.code()
            );
            prop_assert!(!e.message().is_empty());
        }
    }
    Ok(())
}

/// A random JSON value, biased towards the claim's own words.
fn any_json() -> impl Strategy<Value = Value> {
    let words = prop_oneof![
        Just("damaged"),
        Just("lost_by_unpacking"),
        Just("unknown"),
        Just("fragile"),
        Just("cd_case"),
        Just("carrier_proof"),
        Just("second_hand"),
        Just("2024-03-01T18:00:00+09:00"),
        Just("2024-03-01T18:00:00"),
        Just("2024-03-07T00:00:00+09:00"),
        Just("+262143-12-31T23:59:59Z"),
        Just(""),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        words.prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("order_id".to_owned()),
                    Just("signed_at".to_owned()),
                    Just("incident".to_owned()),
                    Just("items".to_owned()),
                    Just("class".to_owned()),
                    "[a-z_]{1,10}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// One edit to a JSON value, at a path chosen by `pick`.
#[derive(Debug, Clone)]
enum Mutation {
    Replace(Value),
    Remove,
    Insert(String, Value),
}

fn mutate(v: &mut Value, pick: &mut impl Iterator<Item = usize>, m: &Mutation) {
    let child = match v {
        Value::Object(o) if !o.is_empty() => {
            let n = pick.next().unwrap_or(0);
            if n % 3 == 0 {
                None
            } else {
                let key = o.keys().nth(n % o.len()).cloned();
                key.map(|k| (Some(k), 0))
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let n = pick.next().unwrap_or(0);
            if n % 3 == 0 {
                None
            } else {
                Some((None, n % a.len()))
            }
        }
        _ => None,
    };
    match child {
        Some((Some(key), _)) => {
            let o = v.as_object_mut().unwrap();
            if matches!(m, Mutation::Remove) && pick.next().unwrap_or(0) % 2 == 0 {
                o.remove(&key);
            } else {
                mutate(o.get_mut(&key).unwrap(), pick, m);
            }
        }
        Some((None, i)) => {
            let a = v.as_array_mut().unwrap();
            if matches!(m, Mutation::Remove) && pick.next().unwrap_or(0) % 2 == 0 {
                a.remove(i);
            } else {
                mutate(&mut a[i], pick, m);
            }
        }
        None => match (m, v) {
            (Mutation::Insert(k, x), Value::Object(o)) => {
                o.insert(k.clone(), x.clone());
            }
            (Mutation::Insert(_, x), Value::Array(a)) => a.push(x.clone()),
            (Mutation::Replace(x), v) | (Mutation::Insert(_, x), v) => *v = x.clone(),
            (Mutation::Remove, v) => *v = Value::Null,
        },
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any_json().prop_map(Mutation::Replace),
        Just(Mutation::Remove),
        ("[a-z_]{1,12}", any_json()).prop_map(|(k, v)| Mutation::Insert(k, v)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn random_json_ish_text_never_panics(text in "[\\[\\]{}\",:0-9a-z_ +\\-.TZ\\\\]{0,200}") {
        judge_anything(checker(), &text)?;
    }

    #[test]
    fn random_json_values_never_panic(v in any_json()) {
        judge_anything(checker(), &v.to_string())?;
    }

    #[test]
    fn random_mutations_of_a_valid_claim_never_panic(
        edits in prop::collection::vec((mutation(), prop::collection::vec(any::<usize>(), 8)), 1..4),
    ) {
        let mut v = valid();
        for (m, picks) in &edits {
            mutate(&mut v, &mut picks.iter().copied(), m);
        }
        judge_anything(checker(), &v.to_string())?;
    }

    #[test]
    fn truncating_a_valid_claim_anywhere_gives_invalid_json(cut in 0usize..400) {
        let text = valid().to_string();
        let cut = cut.min(text.len().saturating_sub(1));
        let (kind, path) = error_of(text.get(..cut).unwrap());
        prop_assert_eq!(kind, ErrorKind::InvalidJson);
        // The path says where the text broke off (`items[1].class`), or is empty at the root;
        // never a placeholder for a key that was still being read.
        prop_assert!(!path.contains('?'), "path {:?}", path);
        prop_assert!(text.contains(path.split(['.', '[']).next().unwrap_or_default()));
    }
}
