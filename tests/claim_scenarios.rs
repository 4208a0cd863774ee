//! The policy scenario table: every clause of the after-sales policy, proven by rows of
//! `tests/data/claims/scenarios.json`.
//!
//! Each row names the clause it proves, a claim, the judging instant and, optionally, a locale,
//! and what the verdict must say: the outcome for the claim and for each item, the claim-level
//! and item-level reason codes, the exact missing evidence groups, the deadline, the next steps
//! (and which are urgent), the time left, and messages. A row may instead expect an input error
//! with its code and path. Besides its expectations, every verdict row must *cite* the clause
//! it names (in a reason, a missing evidence group, a next step or the window), every message
//! must be the policy document's text for its key in the row's locale, and every clause the
//! document defines must be proven by at least two verdict rows — adding a clause without rows
//! fails here. Adding a case is adding a row.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};

use aftersales::{Checker, Claim, Locale, Policy, Verdict};
use chrono::DateTime;
use serde::Deserialize;
use serde_json::Value;

const TABLE: &str = include_str!("data/claims/scenarios.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    name: String,
    clause: String,
    claim: Value,
    now: String,
    #[serde(default)]
    locale: Option<Locale>,
    expect: Expect,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    outcome: Option<String>,
    items: Option<BTreeMap<String, String>>,
    reasons: Option<Vec<String>>,
    /// Items not listed here must carry exactly the claim-level reasons.
    #[serde(default)]
    item_reasons: BTreeMap<String, Vec<String>>,
    missing_evidence: Option<Vec<Vec<String>>>,
    deadline: Option<String>,
    next_steps: Option<Vec<String>>,
    urgent: Option<Vec<String>>,
    remaining_ms: Option<i64>,
    summary: Option<String>,
    reason_messages: Option<Vec<String>>,
    error: Option<ExpectedError>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedError {
    code: String,
    path: String,
}

fn rows() -> Vec<Row> {
    serde_json::from_str(TABLE).expect("scenarios.json is a list of rows")
}

/// The shipped document as plain JSON: the oracle for messages, independent of the crate's
/// message table.
fn document() -> Value {
    serde_json::from_str(aftersales::policy::SHIPPED_JSON).unwrap()
}

fn judge(checker: &Checker, row: &Row) -> Result<Verdict, aftersales::Error> {
    let claim: Claim = aftersales::decode::from_deserializer(row.claim.clone())?;
    let now = DateTime::parse_from_rfc3339(&row.now)
        .unwrap_or_else(|e| panic!("row `{}`: `now` is not RFC 3339: {e}", row.name));
    checker.judge(&claim, now, row.locale.unwrap_or_default())
}

fn codes<T: AsRef<str>>(v: impl IntoIterator<Item = T>) -> Vec<String> {
    v.into_iter().map(|s| s.as_ref().to_owned()).collect()
}

/// Every clause the verdict cites.
fn cited(v: &Verdict) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    out.insert(v.window.clause.clone());
    out.extend(v.reasons.iter().map(|r| r.clause.clone()));
    out.extend(
        v.items
            .iter()
            .flat_map(|i| i.reasons.iter().map(|r| r.clause.clone())),
    );
    out.extend(v.missing_evidence.iter().map(|m| m.clause.clone()));
    out.extend(v.next_steps.iter().map(|s| s.clause.clone()));
    out
}

/// Checks one row; returns what is wrong.
fn check(checker: &Checker, doc: &Value, row: &Row) -> Vec<String> {
    let mut wrong = Vec::new();
    let mut eq = |what: &str, got: String, want: String| {
        if got != want {
            wrong.push(format!("{what}: got {got}, want {want}"));
        }
    };
    let e = &row.expect;
    let verdict = match (judge(checker, row), &e.error) {
        (Err(err), Some(want)) => {
            eq("error code", err.code().to_owned(), want.code.clone());
            eq("error path", err.path().to_owned(), want.path.clone());
            return wrong;
        }
        (Err(err), None) => return vec![format!("unexpected error: {err}")],
        (Ok(v), Some(want)) => {
            return vec![format!(
                "expected error `{}` at `{}`, got outcome `{}`",
                want.code, want.path, v.outcome
            )]
        }
        (Ok(v), None) => v,
    };
    let (Some(outcome), Some(items), Some(reasons), Some(missing), Some(deadline)) = (
        &e.outcome,
        &e.items,
        &e.reasons,
        &e.missing_evidence,
        &e.deadline,
    ) else {
        return vec![
            "a verdict row must state outcome, items, reasons, missing_evidence and deadline"
                .to_owned(),
        ];
    };

    eq(
        "outcome",
        verdict.outcome.as_str().to_owned(),
        outcome.clone(),
    );
    let got_items: BTreeMap<String, String> = verdict
        .items
        .iter()
        .map(|i| (i.id.clone(), i.outcome.as_str().to_owned()))
        .collect();
    eq("items", format!("{got_items:?}"), format!("{items:?}"));
    let claim_reasons = codes(verdict.reasons.iter().map(|r| r.code.as_str()));
    eq(
        "reasons",
        format!("{claim_reasons:?}"),
        format!("{reasons:?}"),
    );
    for item in &verdict.items {
        let got = codes(item.reasons.iter().map(|r| r.code.as_str()));
        let want = e.item_reasons.get(&item.id).unwrap_or(reasons);
        eq(
            &format!("reasons of item `{}`", item.id),
            format!("{got:?}"),
            format!("{want:?}"),
        );
    }
    for id in e.item_reasons.keys() {
        if !got_items.contains_key(id) {
            eq("item_reasons", format!("no item `{id}`"), "an item".into());
        }
    }
    let got_missing: Vec<Vec<String>> = verdict
        .missing_evidence
        .iter()
        .map(|m| codes(m.any_of.iter().map(|e| e.as_str())))
        .collect();
    eq(
        "missing_evidence",
        format!("{got_missing:?}"),
        format!("{missing:?}"),
    );
    eq(
        "deadline",
        verdict.window.deadline.clone(),
        deadline.clone(),
    );
    let steps = codes(verdict.next_steps.iter().map(|s| s.step.as_str()));
    if let Some(want) = &e.next_steps {
        eq("next_steps", format!("{steps:?}"), format!("{want:?}"));
    }
    let urgent = codes(
        verdict
            .next_steps
            .iter()
            .filter(|s| s.urgent)
            .map(|s| s.step.as_str()),
    );
    eq(
        "urgent steps",
        format!("{urgent:?}"),
        format!("{:?}", e.urgent.clone().unwrap_or_default()),
    );
    if let Some(ms) = e.remaining_ms {
        eq(
            "remaining_ms",
            verdict.window.remaining_ms.to_string(),
            ms.to_string(),
        );
    }
    if let Some(s) = &e.summary {
        eq("summary", verdict.summary.clone(), s.clone());
    }
    if let Some(m) = &e.reason_messages {
        let got = codes(verdict.reasons.iter().map(|r| r.message.as_str()));
        eq("reason messages", format!("{got:?}"), format!("{m:?}"));
    }
    if !cited(&verdict).contains(&row.clause) {
        wrong.push(format!(
            "the verdict does not cite clause `{}` (it cites {:?})",
            row.clause,
            cited(&verdict)
        ));
    }
    wrong.extend(invariants(&verdict, row, doc));
    wrong
}

/// What every verdict must satisfy whatever the row says.
fn invariants(v: &Verdict, row: &Row, doc: &Value) -> Vec<String> {
    let mut wrong = Vec::new();
    let locale = row.locale.unwrap_or_default();
    let tag = serde_json::to_value(locale).unwrap();
    let tag = tag.as_str().unwrap();
    let mut message = |key: String, got: &str| {
        let want = doc["messages"][&key][tag]
            .as_str()
            .unwrap_or("<no message>");
        if got != want {
            wrong.push(format!(
                "message `{key}` in `{tag}`: got {got:?}, want {want:?}"
            ));
        }
    };
    message(format!("outcome.{}", v.outcome), &v.summary);
    for r in v
        .reasons
        .iter()
        .chain(v.items.iter().flat_map(|i| &i.reasons))
    {
        message(format!("reason.{}", r.code), &r.message);
    }
    for m in &v.missing_evidence {
        for (e, text) in m.any_of.iter().zip(&m.messages) {
            message(format!("evidence.{e}"), text);
        }
    }
    for s in &v.next_steps {
        message(format!("next_step.{}", s.step), &s.message);
    }
    // The claim's items, in the claim's order.
    let ids: Vec<&str> = row.claim["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["id"].as_str()).collect())
        .unwrap_or_default();
    let got: Vec<&str> = v.items.iter().map(|i| i.id.as_str()).collect();
    if ids != got {
        wrong.push(format!("items out of order: {got:?}, claim has {ids:?}"));
    }
    if v.items.iter().any(|i| i.reasons.is_empty()) {
        wrong.push("an item has no reason".into());
    }
    // Urgent steps come first.
    if v.next_steps.windows(2).any(|w| !w[0].urgent && w[1].urgent) {
        wrong.push("an urgent step comes after a non-urgent one".into());
    }
    if v.window.remaining_ms > 0 && !v.window.open_now {
        wrong.push("time remains although the window is closed".into());
    }
    if v.audit.policy_version != doc["version"].as_str().unwrap_or_default() {
        wrong.push(format!("judged under `{}`", v.audit.policy_version));
    }
    wrong
}

#[test]
fn every_scenario_row_gets_the_verdict_it_states() {
    let checker = Checker::shipped();
    let doc = document();
    let rows = rows();
    let failures: Vec<String> = rows
        .iter()
        .flat_map(|row| {
            check(&checker, &doc, row)
                .into_iter()
                .map(move |w| format!("row `{}` (clause `{}`): {w}", row.name, row.clause))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} rows fail:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

#[test]
fn every_clause_of_the_policy_is_proven_by_at_least_two_verdict_rows() {
    let policy = Policy::shipped();
    let rows = rows();
    let mut proven: BTreeMap<&str, usize> = BTreeMap::new();
    for row in rows.iter().filter(|r| r.expect.error.is_none()) {
        *proven.entry(row.clause.as_str()).or_default() += 1;
    }
    let clauses = &policy.document().clauses;
    let unproven: Vec<String> = clauses
        .keys()
        .map(|id| (id, proven.get(id.as_str()).copied().unwrap_or(0)))
        .filter(|(_, n)| *n < 2)
        .map(|(id, n)| format!("`{id}` ({n} rows)"))
        .collect();
    assert!(
        unproven.is_empty(),
        "clauses proven by fewer than two rows: {}",
        unproven.join(", ")
    );
    let unknown: Vec<&str> = proven
        .keys()
        .copied()
        .filter(|id| !clauses.contains_key(*id))
        .collect();
    assert!(
        unknown.is_empty(),
        "rows name clauses the document does not define: {unknown:?}"
    );
}

#[test]
fn scenario_rows_have_unique_names() {
    let rows = rows();
    let mut seen = BTreeSet::new();
    let dup: Vec<&str> = rows
        .iter()
        .map(|r| r.name.as_str())
        .filter(|n| !seen.insert(*n))
        .collect();
    assert!(dup.is_empty(), "duplicate row names: {dup:?}");
}

#[test]
fn scenario_rows_cover_every_incident_and_every_locale() {
    let rows = rows();
    let incidents: BTreeSet<&str> = rows
        .iter()
        .filter(|r| r.expect.error.is_none())
        .filter_map(|r| r.claim["incident"].as_str())
        .collect();
    for i in aftersales::policy::vocabulary::Incident::ALL {
        assert!(incidents.contains(i.as_str()), "no row for incident `{i}`");
    }
    let localized: BTreeSet<Locale> = rows
        .iter()
        .filter(|r| r.expect.summary.is_some())
        .filter_map(|r| r.locale)
        .collect();
    for l in Locale::ALL {
        assert!(
            localized.contains(l),
            "no row checks a message in `{}`",
            l.tag()
        );
    }
}
