//! The claim and verdict types: what a shopper (or the order service) files, and what
//! [`judge`](crate::claim::judge) answers. Plain data with serde derives; the rules that fill a
//! [`Verdict`] live in the parent module.

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;

use crate::policy::vocabulary::{
    Cause, Condition, DamageScope, Evidence, Incident, ItemClass, NextStep, Outcome, ReasonCode,
};

/// A claim as the shopper (or the order service) files it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// The store's order id.
    pub order_id: String,
    /// When the order was placed (RFC 3339 with offset); picks the policy in force. Defaults to
    /// `signed_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordered_at: Option<String>,
    /// When the parcel was signed for (RFC 3339 with offset).
    pub signed_at: String,
    /// When the claim reached customer service (RFC 3339 with offset). Defaults to `now`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_at: Option<String>,
    /// What happened.
    pub incident: Incident,
    /// Why, as far as the shopper knows.
    pub cause: Cause,
    /// The evidence the shopper has.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// The items concerned.
    pub items: Vec<ClaimItem>,
}

/// One item of a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimItem {
    /// The item's id in the order.
    pub id: String,
    /// Its class (from screening or the order).
    pub class: ItemClass,
    /// New or second-hand.
    pub condition: Condition,
    /// Which part is affected; the incident's default when absent (`missing` for losses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub damage: Option<DamageScope>,
}

/// Why an outcome is what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// Stable code.
    pub code: ReasonCode,
    /// The rule that gave it (an item rule id, or `claims.window`, …).
    pub rule: String,
    /// The clause of the policy text behind it.
    pub clause: String,
    /// The message in the verdict's locale; absent from a verdict of codes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

/// The verdict for one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemVerdict {
    /// The item's id.
    pub id: String,
    /// Its outcome.
    pub outcome: Outcome,
    /// The damage scope judged (the item's, or the incident's default).
    pub damage: DamageScope,
    /// Why (at least one).
    pub reasons: Vec<Reason>,
}

/// A group of evidence still missing: any one of `any_of` would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingEvidence {
    /// The acceptable kinds.
    pub any_of: Vec<Evidence>,
    /// Their messages, in the same order; absent from a verdict of codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<String>,
    /// The clause of the policy text that asks for it.
    pub clause: String,
}

/// The claim window as the verdict sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowStatus {
    /// The last moment to report, RFC 3339 with milliseconds.
    pub deadline: String,
    /// The same as milliseconds since the Unix epoch.
    pub deadline_ms: i64,
    /// Whether the claim was reported in time.
    pub reported_in_time: bool,
    /// Whether evidence can still be sent at `now`.
    pub open_now: bool,
    /// Milliseconds left at `now` (0 once closed).
    pub remaining_ms: i64,
    /// The clause of the policy text that sets the deadline.
    pub clause: String,
}

/// A next step for the shopper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// Stable code.
    pub step: NextStep,
    /// Take it at once.
    pub urgent: bool,
    /// The message in the verdict's locale; absent from a verdict of codes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    /// The clause of the policy text that asks for it.
    pub clause: String,
}

/// What an operator needs to reproduce the verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audit {
    /// The policy's id.
    pub policy_id: String,
    /// The policy's version label.
    pub policy_version: String,
    /// SHA-256 of the policy's canonical JSON.
    pub policy_hash: String,
    /// SHA-256 of the claim's canonical JSON, when asked for ([`VerdictOptions::input_hash`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_hash: Option<String>,
    /// The `now` it was judged at.
    pub judged_at: String,
    /// The locale of the messages; absent from a verdict of codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// What a verdict carries beside its codes, rules, clauses and window: the work a caller asks
/// for, so that a page judging a claim on every change of its form does none it will not use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerdictOptions {
    /// The locale of its messages (summary, reasons, missing evidence, steps); `None` for a
    /// verdict of codes, which a page words from the locale's `messages()`, fetched once.
    pub texts: Option<Locale>,
    /// Whether `audit.input_hash` is computed: the SHA-256 of the claim's canonical JSON, which
    /// ties a stored verdict to the claim it answered. Writing the claim's JSON and hashing it
    /// is a sixth of a verdict's time in the module, and a page showing the answer does not
    /// need it; a service that records verdicts asks for it.
    pub input_hash: bool,
}

impl VerdictOptions {
    /// Everything: messages in `locale` and the input hash (what [`judge`](crate::claim::judge) gives).
    pub fn full(locale: Locale) -> VerdictOptions {
        VerdictOptions {
            texts: Some(locale),
            input_hash: true,
        }
    }
}

/// The answer to a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// The order id.
    pub order_id: String,
    /// The outcome for the claim as a whole.
    pub outcome: Outcome,
    /// The outcome's message; absent from a verdict of codes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// Reasons that apply to the whole claim: the standing (covered, evidence missing, window
    /// closed, documentation incomplete) that decides every item no exclusion rules out. Empty
    /// when every item is excluded and the claim was in time: the item reasons say it all.
    pub reasons: Vec<Reason>,
    /// One verdict per item, in the claim's order.
    pub items: Vec<ItemVerdict>,
    /// Evidence groups still missing, in the policy's order, when evidence decides the outcome
    /// (`incomplete`, or `documentation_incomplete` at the deadline); empty when it does not (a
    /// late claim, or one whose every item is excluded).
    pub missing_evidence: Vec<MissingEvidence>,
    /// The claim window.
    pub window: WindowStatus,
    /// What to do next, urgent steps first.
    pub next_steps: Vec<Step>,
    /// Policy and input identity.
    pub audit: Audit,
}
