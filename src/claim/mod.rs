//! Claim verdicts after delivery: a shopper's damage or loss claim, judged under the policy.
//!
//! A [`Claim`] says when the parcel was signed for, what happened and why, what evidence the
//! shopper has, and each item's class, condition and damaged part. [`judge`] reads the policy
//! document's rules — the window, the incident's covered causes and required evidence, the item
//! exclusions — and answers with a [`Verdict`]: an outcome for the claim and for every item,
//! stable reason codes with localized messages, the missing evidence, the deadline and the time
//! left, and the next steps. Every reason, missing evidence group, next step and the deadline
//! cite the clause of the policy text behind them, so a verdict can be checked against the text
//! (`tests/claim_scenarios.rs` does, clause by clause). "Not eligible" is an answer, not an
//! error; only input that cannot be judged (a timestamp without offset, reported before signed)
//! is an [`Error`].

mod types;
mod window;

use chrono::{DateTime, FixedOffset, SecondsFormat};

pub use types::{
    Audit, Claim, ClaimItem, ItemVerdict, MissingEvidence, Reason, Step, Verdict, VerdictOptions,
    WindowStatus,
};
pub use window::ClaimWindow;

use crate::error::{join_path, Error, ErrorKind};
use crate::i18n::Locale;
use crate::limits;
use crate::policy::document::{ClaimRules, EvidenceGroup, IncidentRule, ItemRule};
use crate::policy::vocabulary::{DamageScope, Evidence, NextStep, Outcome, ReasonCode};
use crate::policy::Policy;

/// Parses an RFC 3339 timestamp that must carry a UTC offset.
pub(crate) fn parse_timestamp(path: &str, s: &str) -> Result<DateTime<FixedOffset>, Error> {
    limits::check(path, "bytes", s.len(), 64)?;
    if let Ok(t) = DateTime::parse_from_rfc3339(s.trim()) {
        return Ok(t);
    }
    if is_local_date_time(s.trim()) {
        return Err(Error::new(
            ErrorKind::TimestampWithoutOffset,
            path,
            format!("`{s}` has no UTC offset: add `Z` or `+09:00`, the window depends on it"),
        ));
    }
    Err(Error::new(
        ErrorKind::InvalidTimestamp,
        path,
        format!("`{s}` is not an RFC 3339 timestamp such as `2024-03-01T18:00:00+09:00`"),
    ))
}

/// Whether `s` is a date and time without a UTC offset, which earns the caller a clearer error
/// than "not RFC 3339": exactly `YYYY-MM-DD`, then `T`, `t` or one space, then `hh:mm`, optionally
/// `:ss` (00–60) and optionally `.` and one or more digits; every number zero-padded ASCII digits,
/// the date a real one, the time of day below 24:00. Written out rather than with chrono's format
/// parser, which would bring its whole `strftime` machinery into the module for an error message
/// (chrono also took one-digit fields and spaces inside; those now get `invalid_timestamp`).
fn is_local_date_time(s: &str) -> bool {
    let digits = |part: &str| -> Option<u32> {
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (Some(date), Some(sep), Some(hour), Some(b':'), Some(minute), Some(rest)) = (
        s.get(..10),
        s.as_bytes().get(10),
        s.get(11..13).and_then(digits),
        s.as_bytes().get(13),
        s.get(14..16).and_then(digits),
        s.get(16..),
    ) else {
        return false;
    };
    let seconds_ok = rest.is_empty()
        || rest.strip_prefix(':').is_some_and(|rest| {
            let (sec, frac) = rest.split_at_checked(2).unwrap_or((rest, ""));
            let frac_ok = frac.is_empty()
                || frac
                    .strip_prefix('.')
                    .is_some_and(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
            sec.len() == 2 && digits(sec).is_some_and(|sec| sec <= 60) && frac_ok
        });
    crate::policy::validate::is_iso_date(date)
        && matches!(sep, b'T' | b't' | b' ')
        && hour < 24
        && minute < 60
        && seconds_ok
}

pub(crate) fn rfc3339(t: DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The claim's instants, parsed and checked for order.
pub(crate) struct Instants {
    pub ordered_at: DateTime<FixedOffset>,
    pub signed_at: DateTime<FixedOffset>,
    pub reported_at: DateTime<FixedOffset>,
}

impl Claim {
    /// Checks sizes and timestamps; `now` is the judging instant.
    pub(crate) fn instants(&self, now: DateTime<FixedOffset>) -> Result<Instants, Error> {
        limits::check(
            "order_id",
            "bytes",
            self.order_id.len(),
            limits::MAX_ID_BYTES,
        )?;
        limits::check(
            "items",
            "entries",
            self.items.len(),
            limits::MAX_CLAIM_ITEMS,
        )?;
        limits::check(
            "evidence",
            "entries",
            self.evidence.len(),
            limits::MAX_EVIDENCE,
        )?;
        if self.order_id.trim().is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                "order_id",
                "must not be empty",
            ));
        }
        if self.items.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidValue,
                "items",
                "must list at least one item",
            ));
        }
        let mut seen = crate::policy::map::Map::new();
        for (i, item) in self.items.iter().enumerate() {
            let path = format!("items[{i}].id");
            limits::check(&path, "bytes", item.id.len(), limits::MAX_ID_BYTES)?;
            if item.id.trim().is_empty() {
                return Err(Error::new(
                    ErrorKind::InvalidValue,
                    path,
                    "must not be empty",
                ));
            }
            // Verdicts are keyed by item id: two items with one id would make one verdict
            // unreachable, so the claim is refused rather than judged ambiguously.
            if seen.insert(item.id.as_str(), ()).is_some() {
                return Err(Error::new(
                    ErrorKind::InvalidValue,
                    path,
                    format!("`{}` is used by an earlier item", item.id),
                ));
            }
        }
        // `now` comes from the caller, not from text: a `DateTime` built near the end of chrono's
        // range may have no local reading, and formatting it would panic.
        if window::local(now).is_none() {
            return Err(Error::new(
                ErrorKind::InvalidTimestamp,
                "now",
                format!("`{} UTC` has no local time in its offset", now.naive_utc()),
            ));
        }
        let signed_at = parse_timestamp("signed_at", &self.signed_at)?;
        let reported_at = match &self.reported_at {
            Some(s) => parse_timestamp("reported_at", s)?,
            None => now,
        };
        let ordered_at = match &self.ordered_at {
            Some(s) => parse_timestamp("ordered_at", s)?,
            None => signed_at,
        };
        let order = |path: &str, msg: String| Err(Error::new(ErrorKind::TimestampOrder, path, msg));
        if signed_at > now {
            return order(
                "signed_at",
                format!("`{}` is after now (`{}`)", self.signed_at, rfc3339(now)),
            );
        }
        if reported_at < signed_at {
            return order(
                "reported_at",
                format!("is before `signed_at` (`{}`)", self.signed_at),
            );
        }
        if reported_at > now {
            return order("reported_at", format!("is after now (`{}`)", rfc3339(now)));
        }
        if ordered_at > signed_at {
            return order(
                "ordered_at",
                format!("is after `signed_at` (`{}`)", self.signed_at),
            );
        }
        Ok(Instants {
            ordered_at,
            signed_at,
            reported_at,
        })
    }
}

/// Judges a claim under one policy at `now`, with messages in `locale`.
///
/// The caller picks the policy (see [`crate::Checker::judge`], which picks the one in force on
/// the order date); `now` is never read from a clock inside the core.
///
/// ```
/// use aftersales::claim::{judge, Claim};
/// use aftersales::{Locale, Policy};
///
/// // One fragile and one ordinary item, both damaged: a split verdict (clause 3).
/// let claim: Claim = serde_json::from_str(r#"{
///     "order_id": "A-1", "signed_at": "2024-03-01T18:00:00+09:00",
///     "incident": "damaged", "cause": "courier_mishandling",
///     "evidence": ["unboxing_video", "carrier_proof", "packaging_kept"],
///     "items": [{"id": "vase", "class": "fragile", "condition": "new"},
///               {"id": "figure", "class": "ordinary", "condition": "new"}]
/// }"#).unwrap();
/// let now = chrono::DateTime::parse_from_rfc3339("2024-03-02T10:00:00+09:00").unwrap();
/// let verdict = judge(&Policy::shipped(), &claim, now, Locale::En).unwrap();
/// assert_eq!(verdict.outcome.as_str(), "partially_eligible");
/// assert_eq!(verdict.items[0].reasons[0].code.as_str(), "fragile_item");
/// assert_eq!(verdict.items[0].reasons[0].clause, "damaged_lost.3.fragile");
/// assert_eq!(verdict.items[1].outcome.as_str(), "eligible");
/// assert_eq!(verdict.window.deadline, "2024-03-06T23:59:59.999+09:00");
/// ```
pub fn judge(
    policy: &Policy,
    claim: &Claim,
    now: DateTime<FixedOffset>,
    locale: Locale,
) -> Result<Verdict, Error> {
    judge_with(policy, claim, now, VerdictOptions::full(locale))
}

/// [`judge`], carrying what `options` asks for: with `texts: None` every message is left out
/// (a verdict of codes), without `input_hash` the audit has no input hash. The outcome,
/// reasons, rules, clauses, window and steps are the same whatever is asked.
pub fn judge_with(
    policy: &Policy,
    claim: &Claim,
    now: DateTime<FixedOffset>,
    options: VerdictOptions,
) -> Result<Verdict, Error> {
    let at = claim.instants(now)?;
    judge_at(policy, claim, &at, now, options)
}

pub(crate) fn judge_at(
    policy: &Policy,
    claim: &Claim,
    at: &Instants,
    now: DateTime<FixedOffset>,
    options: VerdictOptions,
) -> Result<Verdict, Error> {
    let doc = policy.head();
    let msg = policy.messages();
    let word = |kind: &str, key: &str| match options.texts {
        Some(locale) => msg.word(kind, key, locale),
        None => String::new(),
    };
    let rules = &doc.claims;
    let window = ClaimWindow::new(&rules.window, at.signed_at)?;
    let incident_path = join_path("claims.incidents", claim.incident.as_str());
    let incident_rule = rules.incidents.get(&claim.incident).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidPolicy,
            incident_path.as_str(),
            "is missing",
        )
    })?;
    let reason = |code: ReasonCode, rule: &str, clause: &str| Reason {
        code,
        rule: rule.to_owned(),
        clause: clause.to_owned(),
        message: word("reason", code.as_str()),
    };

    let reported_in_time = window.contains(at.reported_at);
    let open_now = window.contains(now);
    // `documents_kept` is never listed as required evidence, although a claim may carry it:
    // clause `signing.keep_documents` asks the shopper "not to dispose of any relevant documents
    // while our after-sales department handles the issue" — a duty that runs after the claim is
    // filed, which nothing shown at filing time can prove. It is the `keep_documents` next step.
    let missing: Vec<&EvidenceGroup> = incident_rule
        .required_evidence
        .iter()
        .filter(|g| !g.any_of.iter().any(|e| claim.evidence.contains(e)))
        .collect();

    // The claim-level reason that decides every item the exclusions leave covered.
    let code = standing(reported_in_time, open_now, missing.is_empty());
    let evidence_rule = || format!("{incident_path}.required_evidence");
    let deciding = match code {
        ReasonCode::WindowClosed => reason(code, "claims.window", &rules.window.refusal_clause),
        ReasonCode::DocumentationIncomplete => {
            reason(code, &evidence_rule(), &rules.window.refusal_clause)
        }
        ReasonCode::EvidenceMissing => reason(code, &evidence_rule(), &incident_rule.clause),
        _ => reason(code, &incident_path, &incident_rule.clause),
    };
    let deciding_outcome = match code {
        ReasonCode::Covered => Outcome::Eligible,
        ReasonCode::EvidenceMissing => Outcome::Incomplete,
        _ => Outcome::Ineligible,
    };

    let mut governed = false;
    let items: Vec<ItemVerdict> = claim
        .items
        .iter()
        .map(|item| {
            let damage = item.damage.unwrap_or(incident_rule.default_damage);
            let mut reasons: Vec<Reason> = exclusions(rules, incident_rule, claim, item, damage)
                .into_iter()
                .map(|(code, rule, clause)| reason(code, &rule, clause))
                .collect();
            let outcome = if reasons.is_empty() {
                governed = true;
                reasons.push(deciding.clone());
                deciding_outcome
            } else {
                Outcome::Ineligible
            };
            ItemVerdict {
                id: item.id.clone(),
                outcome,
                damage,
                reasons,
            }
        })
        .collect();

    let outcome = overall(&items);
    // The deciding reason is the claim's when it decides an item. A late or incomplete
    // application is refused as a whole (clause 2), so it is said even when every item is
    // excluded anyway; "evidence missing" is not, since no evidence would change the answer.
    let claim_wide = matches!(
        code,
        ReasonCode::WindowClosed | ReasonCode::DocumentationIncomplete
    );
    let reasons: Vec<Reason> = if governed || claim_wide {
        vec![deciding]
    } else {
        Vec::new()
    };
    let evidence_decides = reasons.iter().any(|r| {
        matches!(
            r.code,
            ReasonCode::EvidenceMissing | ReasonCode::DocumentationIncomplete
        )
    });
    let missing_evidence = if evidence_decides {
        missing
            .iter()
            .map(|g| MissingEvidence {
                any_of: g.any_of.clone(),
                messages: if options.texts.is_some() {
                    g.any_of
                        .iter()
                        .map(|e| word("evidence", e.as_str()))
                        .collect()
                } else {
                    Vec::new()
                },
                clause: g.clause.clone(),
            })
            .collect()
    } else {
        Vec::new()
    };

    Ok(Verdict {
        order_id: claim.order_id.clone(),
        outcome,
        summary: word("outcome", outcome.as_str()),
        reasons,
        items,
        missing_evidence,
        window: WindowStatus {
            deadline: window.deadline_rfc3339(),
            deadline_ms: window.last_moment().timestamp_millis(),
            reported_in_time,
            open_now,
            remaining_ms: window.remaining_ms(now),
            clause: rules.window.clause.clone(),
        },
        next_steps: next_steps(
            policy,
            incident_rule,
            &claim.evidence,
            outcome,
            options.texts,
        ),
        audit: Audit {
            policy_id: doc.id.clone(),
            policy_version: doc.version.clone(),
            policy_hash: policy.hash().to_owned(),
            input_hash: options
                .input_hash
                .then(|| crate::policy::sha256_hex_of_json(claim)),
            judged_at: rfc3339(now),
            locale: options.texts,
        },
    })
}

/// The claim-level standing, from the window and the evidence (clauses 1 and 2): late is late
/// whatever was sent; evidence still missing is "incomplete" while the window is open and
/// "documentation incomplete" once it has closed.
fn standing(reported_in_time: bool, open_now: bool, evidence_complete: bool) -> ReasonCode {
    match (reported_in_time, evidence_complete, open_now) {
        (false, _, _) => ReasonCode::WindowClosed,
        (true, true, _) => ReasonCode::Covered,
        (true, false, true) => ReasonCode::EvidenceMissing,
        (true, false, false) => ReasonCode::DocumentationIncomplete,
    }
}

/// Why an item is excluded, whatever the window and the evidence say: every matching item rule
/// (reason, rule id, clause; one per reason), then `cause_not_covered` when the claim's cause is not one the
/// incident covers (clause 1 lists them) — unless a matching rule is about that very cause
/// (`unsealed_or_resealed` is already explained by notes, 2), so the shopper hears every
/// independent ground once.
fn exclusions<'p>(
    rules: &'p ClaimRules,
    incident_rule: &'p IncidentRule,
    claim: &Claim,
    item: &ClaimItem,
    damage: DamageScope,
) -> Vec<(ReasonCode, String, &'p str)> {
    let matching: Vec<&ItemRule> = rules
        .item_rules
        .iter()
        .filter(|r| item_rule_applies(r, claim, item, damage))
        .collect();
    let cause_explained = matching.iter().any(|r| r.when.cause.contains(&claim.cause));
    // One reason per code: two rules saying "not a defect" (unsealed, and caused by unsealing)
    // give the shopper one message; the first rule in the document is named.
    let mut out: Vec<(ReasonCode, String, &str)> = Vec::new();
    for r in &matching {
        if !out.iter().any(|(code, _, _)| *code == r.reason) {
            out.push((r.reason, r.id.clone(), r.clause.as_str()));
        }
    }
    if !incident_rule.covered_causes.contains(&claim.cause) && !cause_explained {
        out.push((
            ReasonCode::CauseNotCovered,
            format!("claims.incidents.{}.covered_causes", claim.incident),
            incident_rule.clause.as_str(),
        ));
    }
    out
}

// A *lost* paper product (or CD) stays compensable: clause `damaged_lost.3.non_compensable`
// refuses "compensation for damages to items such as CD cases, paper products, and outer
// packaging boxes" — damage that is hard to prove across borders, not the loss of the whole
// item, which the carrier's proof of loss settles like any other (`damaged_lost.1`). So the
// document's paper rule names damage scopes (`main_body`, `scratches_wear`) and leaves
// `missing` out; fragile items, by contrast, are outside the partnered compensation whatever
// happens to them, so their rule names only the class.
fn item_rule_applies(
    rule: &ItemRule,
    claim: &Claim,
    item: &ClaimItem,
    damage: DamageScope,
) -> bool {
    fn any<T: PartialEq>(set: &[T], v: &T) -> bool {
        set.is_empty() || set.contains(v)
    }
    let w = &rule.when;
    any(&w.incident, &claim.incident)
        && any(&w.cause, &claim.cause)
        && any(&w.class, &item.class)
        && any(&w.condition, &item.condition)
        && any(&w.damage, &damage)
}

fn overall(items: &[ItemVerdict]) -> Outcome {
    let has = |o: Outcome| items.iter().any(|i| i.outcome == o);
    if has(Outcome::Incomplete) {
        Outcome::Incomplete
    } else if items.iter().all(|i| i.outcome == Outcome::Eligible) {
        Outcome::Eligible
    } else if has(Outcome::Eligible) {
        Outcome::PartiallyEligible
    } else {
        Outcome::Ineligible
    }
}

/// Urgent steps always (clause 4 applies whatever the store covers); the incident's steps while
/// anything is still covered, leaving out those the evidence shows are done; the carrier
/// decision once something is covered.
fn next_steps(
    policy: &Policy,
    rule: &IncidentRule,
    evidence: &[Evidence],
    outcome: Outcome,
    texts: Option<Locale>,
) -> Vec<Step> {
    let msg = policy.messages();
    let defs = &policy.head().claims.steps;
    let done = |s: &NextStep| {
        defs.get(s)
            .is_some_and(|d| d.done_by.iter().any(|e| evidence.contains(e)))
    };
    let step = |s: NextStep, urgent: bool| Step {
        step: s,
        urgent,
        message: texts.map_or_else(String::new, |locale| {
            msg.word("next_step", s.as_str(), locale)
        }),
        clause: defs.get(&s).map(|d| d.clause.clone()).unwrap_or_default(),
    };
    let mut steps: Vec<Step> = rule
        .urgent_next_steps
        .iter()
        .filter(|s| !done(s))
        .map(|s| step(*s, true))
        .collect();
    if outcome != Outcome::Ineligible {
        steps.extend(
            rule.next_steps
                .iter()
                .filter(|s| !rule.urgent_next_steps.contains(s) && !done(s))
                .map(|s| step(*s, false)),
        );
    }
    if matches!(outcome, Outcome::Eligible | Outcome::PartiallyEligible) {
        steps.push(step(NextStep::AwaitCarrierDecision, false));
    }
    steps
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::policy::vocabulary::{Cause, Condition, Incident, ItemClass};

    #[test]
    fn a_local_date_time_is_told_apart_from_garbage_and_from_impossible_dates() {
        for local in [
            "2024-03-01T18:00",
            "2024-03-01T18:00:00",
            "2024-03-01 18:00:00.250",
            "2024-02-29t23:59:60",
        ] {
            assert!(is_local_date_time(local), "{local}");
        }
        for not_local in [
            "2024-03-01",
            "2024-03-01T18",
            "2023-02-29T10:00:00",
            "2024-13-01T10:00:00",
            "2024-03-01T24:00:00",
            "2024-03-01T18:60",
            "2024-03-01T18:00:61",
            "2024-03-01T18:00:00.",
            "2024-03-01T18:00:00+09:00",
            "2024-03-01T18:00:0",
            "2024-03-01X18:00",
            "+024-03-01T18:00",
            "２０２４-03-01T18:00",
            "yesterday",
            "",
        ] {
            assert!(!is_local_date_time(not_local), "{not_local}");
        }
    }

    #[test]
    fn late_is_late_whatever_the_evidence() {
        for complete in [true, false] {
            for open in [true, false] {
                assert_eq!(standing(false, open, complete), ReasonCode::WindowClosed);
            }
        }
    }

    #[test]
    fn missing_evidence_is_incomplete_while_open_and_refused_once_closed() {
        assert_eq!(standing(true, true, false), ReasonCode::EvidenceMissing);
        assert_eq!(
            standing(true, false, false),
            ReasonCode::DocumentationIncomplete
        );
        assert_eq!(standing(true, false, true), ReasonCode::Covered);
        assert_eq!(standing(true, true, true), ReasonCode::Covered);
    }

    fn item(outcome: Outcome) -> ItemVerdict {
        ItemVerdict {
            id: "1".into(),
            outcome,
            damage: DamageScope::MainBody,
            reasons: Vec::new(),
        }
    }

    #[test]
    fn one_eligible_and_one_ineligible_item_is_a_split_verdict() {
        let items = [item(Outcome::Eligible), item(Outcome::Ineligible)];
        assert_eq!(overall(&items), Outcome::PartiallyEligible);
    }

    #[test]
    fn any_incomplete_item_makes_the_claim_incomplete() {
        let items = [item(Outcome::Ineligible), item(Outcome::Incomplete)];
        assert_eq!(overall(&items), Outcome::Incomplete);
    }

    #[test]
    fn all_eligible_or_all_ineligible_stay_whole() {
        assert_eq!(overall(&[item(Outcome::Eligible)]), Outcome::Eligible);
        assert_eq!(
            overall(&[item(Outcome::Ineligible), item(Outcome::Ineligible)]),
            Outcome::Ineligible
        );
    }

    fn claim(cause: Cause, class: ItemClass) -> Claim {
        Claim {
            order_id: "A".into(),
            ordered_at: None,
            signed_at: "2024-03-01T18:00:00+09:00".into(),
            reported_at: None,
            incident: Incident::ConditionComplaint,
            cause,
            evidence: Vec::new(),
            items: vec![ClaimItem {
                id: "1".into(),
                class,
                condition: Condition::New,
                damage: None,
            }],
        }
    }

    fn codes(c: &Claim, damage: DamageScope) -> Vec<ReasonCode> {
        let policy = Policy::shipped();
        let rules = &policy.head().claims;
        let rule = rules.incidents.get(&c.incident).unwrap();
        let item = c.items.first().unwrap();
        exclusions(rules, rule, c, item, damage)
            .into_iter()
            .map(|(code, _, _)| code)
            .collect()
    }

    #[test]
    fn an_uncovered_cause_is_a_ground_of_its_own_beside_an_exclusion() {
        // A condition complaint does not cover `unknown`; the item is also fragile.
        let c = claim(Cause::Unknown, ItemClass::Fragile);
        assert_eq!(
            codes(&c, DamageScope::MainBody),
            [ReasonCode::FragileItem, ReasonCode::CauseNotCovered]
        );
    }

    #[test]
    fn a_cause_a_rule_already_explains_is_not_reported_twice() {
        let c = claim(Cause::UnsealedOrResealed, ItemClass::Ordinary);
        assert_eq!(codes(&c, DamageScope::Unsealed), [ReasonCode::NotADefect]);
    }
}
