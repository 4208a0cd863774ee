//! The policy document as an operator edits it: the shipped one validates and compiles, its hash
//! names its rules (not its whitespace), a malformed one is refused with `invalid_policy` and the
//! path of the field, and several policies judge each claim under the one in force on its order
//! date.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use aftersales::policy::document::{self, PolicyDocument};
use aftersales::policy::SHIPPED_JSON;
use aftersales::{Checker, ErrorKind, Locale, Policy, PolicySet};
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate};
use serde_json::{json, Value};

fn shipped() -> Value {
    serde_json::from_str(SHIPPED_JSON).unwrap()
}

/// The shipped policy, compiled once (compiling builds the screening automata).
fn shipped_policy() -> Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(Policy::shipped).clone()
}

/// The error `Policy::from_json` gives for the shipped document after `edit`.
fn refusal(edit: impl FnOnce(&mut Value)) -> (ErrorKind, String) {
    let mut doc = shipped();
    edit(&mut doc);
    match Policy::from_json(&doc.to_string()) {
        Ok(_) => panic!("the edited document was accepted"),
        Err(e) => {
            assert!(!e.message().is_empty());
            (e.kind(), e.path().to_owned())
        }
    }
}

fn assert_refused_at(path: &str, edit: impl FnOnce(&mut Value)) {
    assert_eq!(refusal(edit), (ErrorKind::InvalidPolicy, path.to_owned()));
}

// ---- the shipped document ----------------------------------------------------------------

#[test]
fn the_shipped_document_validates_without_a_single_problem() {
    let doc: PolicyDocument = serde_json::from_str(SHIPPED_JSON).unwrap();
    assert_eq!(aftersales::policy::validate::validate(&doc), []);
}

#[test]
fn the_shipped_document_compiles_and_says_what_it_is() {
    let policy = Policy::from_json(SHIPPED_JSON).unwrap();
    let doc = policy.document();
    assert_eq!(doc.schema, document::SCHEMA);
    assert_eq!(doc.claims.window.days_after_signing, 5);
    assert_eq!(
        policy.effective_from(),
        NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()
    );
    assert!(policy.hash().starts_with("sha256:"));
    assert_eq!(policy.hash().len(), "sha256:".len() + 64);
    assert_eq!(policy.hash(), shipped_policy().hash());
}

#[test]
fn every_rule_in_the_shipped_document_cites_a_clause_it_defines() {
    let doc = shipped_policy().document().clone();
    let claims = &doc.claims;
    let mut cited = vec![&claims.window.clause, &claims.window.refusal_clause];
    for rule in claims.incidents.values() {
        cited.push(&rule.clause);
        cited.extend(rule.required_evidence.iter().map(|g| &g.clause));
    }
    cited.extend(claims.item_rules.iter().map(|r| &r.clause));
    cited.extend(claims.steps.values().map(|s| &s.clause));
    for id in cited {
        assert!(doc.clauses.contains_key(id), "`{id}` is not defined");
    }
}

// ---- the hash ----------------------------------------------------------------------------

/// One change to a document.
type Edit = Box<dyn Fn(&mut Value)>;

#[test]
fn the_hash_does_not_change_with_whitespace_or_key_order() {
    let original = shipped_policy();
    let value = shipped();
    // Compact, pretty, and with every object's keys sorted (serde_json's map is ordered).
    for text in [
        value.to_string(),
        serde_json::to_string_pretty(&value).unwrap(),
        format!("\n\t {}\r\n", value),
    ] {
        assert_ne!(text, SHIPPED_JSON);
        let reloaded = Policy::from_json(&text).unwrap();
        assert_eq!(reloaded.hash(), original.hash());
    }
    // Serializing the parsed document and loading that again is a fixed point.
    let reserialized = serde_json::to_string(original.document()).unwrap();
    assert_eq!(
        Policy::from_json(&reserialized).unwrap().hash(),
        original.hash()
    );
}

#[test]
fn the_hash_changes_when_a_rule_changes() {
    let original = shipped_policy();
    let edits: Vec<Edit> = vec![
        Box::new(|d| d["claims"]["window"]["days_after_signing"] = 6.into()),
        Box::new(|d| d["claims"]["window"]["closes"] = "exact".into()),
        Box::new(|d| {
            d["claims"]["incidents"]["damaged"]["covered_causes"]
                .as_array_mut()
                .unwrap()
                .pop();
        }),
        Box::new(|d| {
            d["claims"]["item_rules"][0]["when"]["class"] = json!(["fragile", "paper_product"])
        }),
        Box::new(|d| d["messages"]["reason.covered"]["en"] = "Covered.".into()),
        Box::new(|d| d["version"] = "2024.1-hotfix".into()),
    ];
    for (i, edit) in edits.iter().enumerate() {
        let mut doc = shipped();
        edit(&mut doc);
        let changed = Policy::from_json(&doc.to_string()).unwrap();
        assert_ne!(changed.hash(), original.hash(), "edit {i}");
    }
}

// ---- malformed documents -----------------------------------------------------------------

#[test]
fn a_document_of_another_schema_is_refused_at_schema() {
    assert_refused_at("schema", |d| d["schema"] = 2.into());
}

#[test]
fn a_window_of_zero_days_is_refused() {
    assert_refused_at("claims.window.days_after_signing", |d| {
        d["claims"]["window"]["days_after_signing"] = 0.into()
    });
    assert_refused_at("claims.window.days_after_signing", |d| {
        d["claims"]["window"]["days_after_signing"] = 366.into()
    });
    assert_refused_at("claims.window.days_after_signing", |d| {
        d["claims"]["window"]["days_after_signing"] = (-1).into()
    });
}

#[test]
fn an_unknown_incident_key_is_refused_at_its_key() {
    assert_refused_at("claims.incidents.exploded", |d| {
        let rule = d["claims"]["incidents"]["damaged"].clone();
        d["claims"]["incidents"]["exploded"] = rule;
    });
}

#[test]
fn a_missing_incident_rule_is_refused() {
    assert_refused_at("claims.incidents.lost_in_transit", |d| {
        d["claims"]["incidents"]
            .as_object_mut()
            .unwrap()
            .remove("lost_in_transit");
    });
}

#[test]
fn a_clause_cited_but_not_defined_is_refused_where_it_is_cited() {
    assert_refused_at("claims.item_rules[2].clause", |d| {
        d["claims"]["item_rules"][2]["clause"] = "damaged_lost.9".into()
    });
    assert_refused_at("claims.window.refusal_clause", |d| {
        d["claims"]["window"]["refusal_clause"] = "nowhere".into()
    });
    assert_refused_at(
        "claims.incidents.damaged.required_evidence[1].clause",
        |d| {
            d["claims"]["incidents"]["damaged"]["required_evidence"][1]["clause"] = "nowhere".into()
        },
    );
    assert_refused_at("claims.steps.keep_documents.clause", |d| {
        d["claims"]["steps"]["keep_documents"]["clause"] = "nowhere".into()
    });
    // Removing a clause that rules cite is the same mistake seen from the other side.
    assert_refused_at("claims.incidents.lost_by_unpacking.clause", |d| {
        d["clauses"]
            .as_object_mut()
            .unwrap()
            .remove("damaged_lost.4");
    });
}

#[test]
fn a_message_missing_a_locale_is_refused_at_that_locale() {
    assert_refused_at("messages.reason.window_closed.ja", |d| {
        d["messages"]["reason.window_closed"]
            .as_object_mut()
            .unwrap()
            .remove("ja");
    });
    assert_refused_at("messages.next_step.keep_documents.zh-CN", |d| {
        d["messages"]["next_step.keep_documents"]["zh-CN"] = " ".into()
    });
    assert_refused_at("messages.evidence.carrier_proof", |d| {
        d["messages"]
            .as_object_mut()
            .unwrap()
            .remove("evidence.carrier_proof");
    });
    assert_refused_at("messages.outcome.eligible.fr", |d| {
        d["messages"]["outcome.eligible"]["fr"] = "Éligible".into()
    });
}

#[test]
fn a_duplicate_rule_id_is_refused_at_the_second_use() {
    assert_refused_at("claims.item_rules[3].id", |d| {
        let first = d["claims"]["item_rules"][0]["id"].clone();
        d["claims"]["item_rules"][3]["id"] = first;
    });
}

#[test]
fn a_title_shape_listed_twice_unknown_or_citing_no_list_is_refused_where_written() {
    let shapes = "/screening/classes/paper_product/shapes";
    assert_refused_at("screening.classes.paper_product.shapes[1]", |d| {
        let first = d.pointer(&format!("{shapes}/0")).unwrap().clone();
        *d.pointer_mut(&format!("{shapes}/1")).unwrap() = first;
    });
    assert_refused_at("screening.classes.paper_product.shapes[0].unless[0]", |d| {
        *d.pointer_mut(&format!("{shapes}/0/unless/0")).unwrap() = "@no_such_list".into();
    });
    let (kind, path) = refusal(|d| {
        *d.pointer_mut(&format!("{shapes}/0/shape")).unwrap() = "leading_credit".into();
    });
    assert_eq!(kind, ErrorKind::InvalidPolicy);
    assert!(
        path.starts_with("screening.classes.paper_product.shapes[0]"),
        "{path}"
    );
}

#[test]
fn a_category_code_range_that_is_not_two_rising_numbers_is_refused_at_the_code() {
    for bad in ["20-10", "7-7", "010-20", "1-", "-5", "1-2-3", "a-9"] {
        assert_refused_at("screening.categories[0].codes[0]", |d| {
            d["screening"]["categories"][0]["codes"][0] = bad.into();
        });
    }
}

#[test]
fn an_unknown_field_is_refused_at_its_key() {
    assert_refused_at("claims.window.grace_days", |d| {
        d["claims"]["window"]["grace_days"] = 2.into()
    });
    assert_refused_at("claims.item_rules[0].when.colour", |d| {
        d["claims"]["item_rules"][0]["when"]["colour"] = json!(["red"])
    });
    assert_refused_at("author", |d| d["author"] = "me".into());
}

#[test]
fn a_missing_field_is_refused_at_the_field() {
    assert_refused_at("claims.steps", |d| {
        d["claims"].as_object_mut().unwrap().remove("steps");
    });
    assert_refused_at(
        "claims.incidents.damaged.required_evidence[0].clause",
        |d| {
            d["claims"]["incidents"]["damaged"]["required_evidence"][0]
                .as_object_mut()
                .unwrap()
                .remove("clause");
        },
    );
}

#[test]
fn a_next_step_without_a_rule_is_refused() {
    assert_refused_at("claims.steps.await_carrier_decision", |d| {
        d["claims"]["steps"]
            .as_object_mut()
            .unwrap()
            .remove("await_carrier_decision");
    });
}

#[test]
fn evidence_rules_that_cannot_be_met_or_repeat_themselves_are_refused() {
    assert_refused_at(
        "claims.incidents.damaged.required_evidence[0].any_of",
        |d| d["claims"]["incidents"]["damaged"]["required_evidence"][0]["any_of"] = json!([]),
    );
    assert_refused_at(
        "claims.incidents.damaged.required_evidence[0].any_of",
        |d| {
            d["claims"]["incidents"]["damaged"]["required_evidence"][0]["any_of"] =
                json!(["unboxing_video", "unboxing_video"])
        },
    );
    assert_refused_at("claims.incidents.lost_in_transit.required_evidence", |d| {
        d["claims"]["incidents"]["lost_in_transit"]["required_evidence"] = json!([])
    });
    assert_refused_at(
        "claims.incidents.damaged.required_evidence[2].any_of[0]",
        |d| {
            d["claims"]["incidents"]["damaged"]["required_evidence"][2]["any_of"] =
                json!(["selfie"])
        },
    );
}

#[test]
fn item_rules_that_match_everything_or_give_a_claim_level_reason_are_refused() {
    assert_refused_at("claims.item_rules[0].when", |d| {
        d["claims"]["item_rules"][0]["when"] = json!({})
    });
    for reason in [
        "covered",
        "evidence_missing",
        "window_closed",
        "documentation_incomplete",
    ] {
        assert_refused_at("claims.item_rules[0].reason", |d| {
            d["claims"]["item_rules"][0]["reason"] = reason.into()
        });
    }
}

#[test]
fn repeated_causes_and_steps_are_refused() {
    assert_refused_at("claims.incidents.damaged.covered_causes", |d| {
        d["claims"]["incidents"]["damaged"]["covered_causes"] = json!(["unknown", "unknown"])
    });
    assert_refused_at(
        "claims.incidents.lost_by_unpacking.urgent_next_steps",
        |d| {
            d["claims"]["incidents"]["lost_by_unpacking"]["urgent_next_steps"] = json!([
                "contact_carrier_or_customs_now",
                "contact_carrier_or_customs_now"
            ])
        },
    );
}

#[test]
fn a_bad_effective_date_is_refused() {
    for date in ["2023-02-29", "2023-13-01", "1 January 2023", ""] {
        assert_refused_at("effective_from", |d| d["effective_from"] = date.into());
    }
}

#[test]
fn text_that_is_not_a_document_is_refused() {
    for text in ["", "{", "[]", "null", "{\"schema\": 1}"] {
        let err = Policy::from_json(text).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidPolicy, "{text:?}");
    }
    let huge = format!("{}{}", " ".repeat(1024 * 1024), SHIPPED_JSON);
    assert_eq!(
        Policy::from_json(&huge).unwrap_err().kind(),
        ErrorKind::InvalidPolicy
    );
}

// ---- several policies --------------------------------------------------------------------

/// The shipped policy, and a newer one from 1 June 2024 with a 7-day window.
fn two_policies() -> (Policy, Policy) {
    static NEWER: OnceLock<Policy> = OnceLock::new();
    let newer = NEWER.get_or_init(|| {
        let mut newer = shipped();
        newer["version"] = "2024.2".into();
        newer["effective_from"] = "2024-06-01".into();
        newer["claims"]["window"]["days_after_signing"] = 7.into();
        Policy::from_json(&newer.to_string()).unwrap()
    });
    (shipped_policy(), newer.clone())
}

fn claim_json(ordered_at: Option<&str>, signed_at: &str) -> String {
    let mut v = json!({
        "order_id": "A-1",
        "signed_at": signed_at,
        "incident": "damaged",
        "cause": "courier_mishandling",
        "evidence": ["unboxing_video", "carrier_proof", "packaging_kept"],
        "items": [{"id": "1", "class": "ordinary", "condition": "new"}]
    });
    if let Some(o) = ordered_at {
        v["ordered_at"] = o.into();
    }
    v.to_string()
}

#[test]
fn a_claim_is_judged_under_the_policy_in_force_on_its_order_date() {
    let (old, new) = two_policies();
    let mut checker = Checker::new(old.clone()).unwrap();
    checker.add_policy(new.clone()).unwrap();
    // Signed 2 June, reported on day 6 (8 June): late under five days, in time under seven.
    let signed = "2024-06-02T10:00:00+09:00";
    let now = "2024-06-08T12:00:00+09:00";

    let before = checker
        .judge_json(&claim_json(Some("2024-05-31T23:59:59+09:00"), signed), now)
        .unwrap();
    assert_eq!(before.audit.policy_version, "2024.1");
    assert_eq!(before.audit.policy_hash, old.hash());
    assert_eq!(before.outcome.as_str(), "ineligible");
    assert_eq!(before.reasons[0].code.as_str(), "window_closed");
    assert_eq!(before.window.deadline, "2024-06-07T23:59:59.999+09:00");

    let after = checker
        .judge_json(&claim_json(Some("2024-06-01T00:00:00+09:00"), signed), now)
        .unwrap();
    assert_eq!(after.audit.policy_version, "2024.2");
    assert_eq!(after.audit.policy_hash, new.hash());
    assert_ne!(after.audit.policy_hash, before.audit.policy_hash);
    assert_eq!(after.outcome.as_str(), "eligible");
    assert_eq!(after.window.deadline, "2024-06-09T23:59:59.999+09:00");
}

#[test]
fn the_order_date_is_read_in_the_order_s_own_offset() {
    let (old, new) = two_policies();
    let mut checker = Checker::new(new).unwrap();
    checker.add_policy(old).unwrap();
    let signed = "2024-06-02T10:00:00+09:00";
    let now = "2024-06-03T12:00:00+09:00";
    // The same instant: 1 June in Tokyo, 31 May in UTC.
    let tokyo = checker
        .judge_json(&claim_json(Some("2024-06-01T00:30:00+09:00"), signed), now)
        .unwrap();
    let utc = checker
        .judge_json(&claim_json(Some("2024-05-31T15:30:00Z"), signed), now)
        .unwrap();
    assert_eq!(tokyo.audit.policy_version, "2024.2");
    assert_eq!(utc.audit.policy_version, "2024.1");
}

#[test]
fn without_an_order_date_the_signing_date_picks_the_policy() {
    let (old, new) = two_policies();
    let mut checker = Checker::new(old).unwrap();
    checker.add_policy(new).unwrap();
    let v = checker
        .judge_json(
            &claim_json(None, "2024-06-01T10:00:00+09:00"),
            "2024-06-03T12:00:00+09:00",
        )
        .unwrap();
    assert_eq!(v.audit.policy_version, "2024.2");
}

#[test]
fn an_order_before_every_policy_has_no_policy_in_force() {
    let (old, new) = two_policies();
    let mut checker = Checker::new(new).unwrap();
    checker.add_policy(old).unwrap();
    let err = checker
        .judge_json(
            &claim_json(
                Some("2022-12-31T23:59:59+09:00"),
                "2023-01-05T10:00:00+09:00",
            ),
            "2023-01-06T10:00:00+09:00",
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NoPolicyInForce);
    assert_eq!(err.path(), "ordered_at");
    let err = checker
        .judge_json(
            &claim_json(None, "2022-12-31T10:00:00+09:00"),
            "2023-01-02T10:00:00+09:00",
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NoPolicyInForce);
    assert_eq!(err.path(), "signed_at");
}

#[test]
fn a_policy_set_answers_which_policy_was_in_force_on_a_date() {
    let (old, new) = two_policies();
    let mut set = PolicySet::new(new.clone());
    set.insert(old.clone());
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert!(set.in_force(day("2022-12-31")).is_none());
    assert_eq!(set.in_force(day("2023-01-01")).unwrap().hash(), old.hash());
    assert_eq!(set.in_force(day("2024-05-31")).unwrap().hash(), old.hash());
    assert_eq!(set.in_force(day("2024-06-01")).unwrap().hash(), new.hash());
    assert_eq!(set.current().unwrap().hash(), new.hash());
    assert_eq!(set.all().len(), 2);
}

#[test]
fn a_policy_with_the_same_effective_date_replaces_the_old_one() {
    let (old, _) = two_policies();
    let mut doc = shipped();
    doc["version"] = "2024.1-b".into();
    doc["claims"]["window"]["days_after_signing"] = 10.into();
    let replacement = Policy::from_json(&doc.to_string()).unwrap();
    let mut checker = Checker::new(old).unwrap();
    checker.add_policy(replacement).unwrap();
    assert_eq!(checker.policies().all().len(), 1);
    let claim = serde_json::from_str(&claim_json(None, "2024-03-01T10:00:00+09:00")).unwrap();
    let now = DateTime::parse_from_rfc3339("2024-03-10T10:00:00+09:00").unwrap();
    let v = checker.judge(&claim, now, Locale::En).unwrap();
    assert_eq!(v.audit.policy_version, "2024.1-b");
    assert_eq!(v.outcome.as_str(), "eligible");
}

#[test]
fn a_malformed_term_is_refused_at_its_own_path() {
    let at = |k: usize| format!("screening.classes.fragile.terms.en[{k}]");
    assert_refused_at(&at(0), |d| {
        d["screening"]["classes"]["fragile"]["terms"]["en"][0] = json!(7)
    });
    assert_refused_at(&format!("{}.unless", at(0)), |d| {
        d["screening"]["classes"]["fragile"]["terms"]["en"][0] = json!({"term": "vase"})
    });
    assert_refused_at(&format!("{}.note", at(0)), |d| {
        d["screening"]["classes"]["fragile"]["terms"]["en"][0] =
            json!({"term": "vase", "unless": [], "note": "x"})
    });
    assert_refused_at(&format!("{}.unless", at(0)), |d| {
        d["screening"]["classes"]["fragile"]["terms"]["en"][0] =
            json!({"term": "vase", "unless": "flower"})
    });
    // Both forms are still read: a plain string and a term with context words.
    let mut doc = shipped();
    doc["screening"]["classes"]["fragile"]["terms"]["en"][0] =
        json!({"term": "amphora", "unless": ["@not_vessel"]});
    doc["screening"]["classes"]["fragile"]["terms"]["en"][1] = json!("hydria");
    let policy = Policy::from_json(&doc.to_string()).unwrap();
    let terms = &policy
        .document()
        .screening
        .classes
        .get(&aftersales::policy::vocabulary::ItemClass::Fragile)
        .unwrap()
        .terms
        .get("en")
        .unwrap();
    assert_eq!(terms[0].text(), "amphora");
    assert_eq!(terms[0].unless(), ["@not_vessel"]);
    assert_eq!(terms[1].text(), "hydria");
}

#[test]
fn a_closing_word_that_is_not_a_plain_word_is_refused_at_its_path() {
    assert_refused_at("screening.accessories.closing.ja[0]", |d| {
        d["screening"]["accessories"]["closing"]["ja"][0] = json!("")
    });
    assert_refused_at("screening.accessories.closing.ja[1]", |d| {
        d["screening"]["accessories"]["closing"]["ja"][1] = json!(3)
    });
    // An operator's policy may leave the list out: nothing then closes a compound.
    let mut doc = shipped();
    doc["screening"]["accessories"]
        .as_object_mut()
        .unwrap()
        .remove("closing");
    let policy = Policy::from_json(&doc.to_string()).unwrap();
    assert!(policy.document().screening.accessories.closing.is_empty());
}

#[test]
fn a_sense_written_as_a_flagging_term_is_refused_where_the_sense_is() {
    // A sense sets aside what it covers: as a brand sense, `Vase` would keep the term `vase`
    // from ever flagging. Case and `*` do not tell them apart.
    let mut doc = shipped();
    let brands = doc["screening"]["senses"]["brand"]["en"]
        .as_array_mut()
        .unwrap();
    brands.push(json!("Vase*"));
    let at = brands.len() - 1;
    let mut fragile = doc["screening"]["classes"]["fragile"]["terms"]["en"].clone();
    fragile.as_array_mut().unwrap().push(json!("vase"));
    doc["screening"]["classes"]["fragile"]["terms"]["en"] = fragile;
    let err = Policy::from_json(&doc.to_string()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidPolicy);
    assert_eq!(err.path(), format!("screening.senses.brand.en[{at}]"));
    assert!(
        err.message()
            .contains("screening.classes.fragile.terms.en["),
        "{}",
        err.message()
    );
}

#[test]
fn an_exclusion_written_as_a_term_of_its_own_class_is_refused_where_the_exclusion_is() {
    let mut doc = shipped();
    let exclude = doc["screening"]["classes"]["fragile"]["exclude"]["en"]
        .as_array_mut()
        .unwrap();
    exclude.push(json!("Mug"));
    let at = exclude.len() - 1;
    let err = Policy::from_json(&doc.to_string()).unwrap_err();
    assert_eq!(
        (err.kind(), err.path()),
        (
            ErrorKind::InvalidPolicy,
            format!("screening.classes.fragile.exclude.en[{at}]").as_str()
        )
    );
    // Another class's exclusion may name it: a disc class excluding "mug" hides no fragile term.
    let mut doc = shipped();
    doc["screening"]["classes"]["cd_dvd_bd"]["exclude"]["en"]
        .as_array_mut()
        .unwrap()
        .push(json!("mug"));
    assert!(Policy::from_json(&doc.to_string()).is_ok());
}

#[test]
fn a_term_written_twice_in_a_class_with_other_context_words_or_as_a_hint_is_refused() {
    // The Chinese list's `vase` without the English one's context words would flag what the
    // English one lets through.
    let mut doc = shipped();
    let en = doc["screening"]["classes"]["fragile"]["terms"]["en"]
        .as_array_mut()
        .unwrap();
    en.push(json!({"term": "Vaso", "unless": ["@not_vessel"]}));
    let zh = doc["screening"]["classes"]["fragile"]["terms"]["zh"]
        .as_array_mut()
        .unwrap();
    zh.push(json!("vaso"));
    let at = zh.len() - 1;
    let err = Policy::from_json(&doc.to_string()).unwrap_err();
    assert_eq!(
        err.path(),
        format!("screening.classes.fragile.terms.zh[{at}]")
    );
    assert!(
        err.message().contains("other context words"),
        "{}",
        err.message()
    );
    // The same context words in both are fine.
    let mut doc = shipped();
    doc["screening"]["classes"]["fragile"]["terms"]["en"]
        .as_array_mut()
        .unwrap()
        .push(json!({"term": "vaso", "unless": ["@not_vessel"]}));
    doc["screening"]["classes"]["fragile"]["terms"]["zh"]
        .as_array_mut()
        .unwrap()
        .push(json!({"term": "vaso", "unless": ["@not_vessel"]}));
    assert!(Policy::from_json(&doc.to_string()).is_ok());
    // A hint beside a term of its class never decides.
    let mut doc = shipped();
    let hints = doc["screening"]["classes"]["paper_product"]["hints"]["en"]
        .as_array_mut()
        .unwrap();
    hints.push(json!("paperback"));
    let at = hints.len() - 1;
    let err = Policy::from_json(&doc.to_string()).unwrap_err();
    assert_eq!(
        err.path(),
        format!("screening.classes.paper_product.hints.en[{at}]")
    );
}

#[test]
fn a_context_word_with_a_star_inside_is_refused_at_the_word() {
    let mut doc = shipped();
    let terms = doc["screening"]["classes"]["fragile"]["terms"]["ru"]
        .as_array_mut()
        .unwrap();
    terms.push(json!({"term": "амфора", "unless": ["зеркальн* покрыт*"]}));
    let at = terms.len() - 1;
    let err = Policy::from_json(&doc.to_string()).unwrap_err();
    assert_eq!(
        err.path(),
        format!("screening.classes.fragile.terms.ru[{at}].unless[0]")
    );
}

#[test]
fn a_vessel_without_a_material_or_also_written_as_a_term_is_refused() {
    // A vessel yields to a material its `unless` names: with none it never would.
    let mut doc = shipped();
    let vessels = doc["screening"]["classes"]["fragile"]["vessels"]["en"]
        .as_array_mut()
        .unwrap();
    vessels.push(json!({"term": "tureen", "unless": []}));
    let at = vessels.len() - 1;
    let err = Policy::from_json(&doc.to_string()).unwrap_err();
    assert_eq!(
        err.path(),
        format!("screening.classes.fragile.vessels.en[{at}]")
    );
    assert!(err.message().contains("no material"), "{}", err.message());
    // One needle read as a term and as a vessel: the term would never yield.
    let mut doc = shipped();
    let terms = doc["screening"]["classes"]["fragile"]["terms"]["en"]
        .as_array_mut()
        .unwrap();
    terms.push(json!({"term": "MUG", "unless": ["@not_ceramic_cup", "suspenders"]}));
    let at = terms.len() - 1;
    let err = Policy::from_json(&doc.to_string()).unwrap_err();
    assert!(
        err.path() == format!("screening.classes.fragile.terms.en[{at}]")
            || err
                .path()
                .starts_with("screening.classes.fragile.vessels.en["),
        "{}",
        err.path()
    );
    assert!(err.message().contains("read two ways"), "{}", err.message());
    // A vessel with a material is fine.
    let mut doc = shipped();
    doc["screening"]["classes"]["fragile"]["vessels"]["en"]
        .as_array_mut()
        .unwrap()
        .push(json!({"term": "tureen", "unless": ["@not_vessel"]}));
    assert!(Policy::from_json(&doc.to_string()).is_ok());
}
