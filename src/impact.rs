//! What a policy edit changes for shoppers: every listing screened and every claim judged under
//! an old and a new policy, and the answers that differ, grouped by the kind of change.
//!
//! A listing gains or loses a flag (fragile, non-compensable), keeps its flags on another rule,
//! term or basis, or keeps everything but a message; a claim changes outcome, reasons, deadline
//! or only messages. Each changed row carries what the old and the new answer rest on (the rule
//! and term of a flag, the rule of a reason) and, when the row is labeled (a labeled listing, a
//! scenario with its expected outcome), whether the change moves it towards its label (a fix) or
//! away from it (a regression). Rows are read one line at a time ([`Impact::listings`],
//! [`Impact::claims`]) and only changed ones are kept, so a large file diffs in flat memory.
//! `aftersales-policy diff` prints the [`Report`] as text or JSON; the operator's page in `www/`
//! does the same comparison in its own script, with two module `Checker`s.

use std::collections::BTreeMap;
use std::io::BufRead;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::claim::{self, Claim, Verdict};
use crate::error::{Error, ErrorKind};
use crate::policy::vocabulary::ItemClass;
use crate::screen::eval::{Fields, LabeledListing};
use crate::screen::{Listing, Screener, Screening};
use crate::{Locale, Policy};

/// One side of the comparison: a policy and its compiled screener.
struct Side {
    policy: Policy,
    screener: Screener,
}

impl Side {
    fn new(policy: Policy) -> Result<Side, Error> {
        let screener = crate::screener_of(&policy)?;
        Ok(Side { policy, screener })
    }
}

/// The policy a side of the report names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyName {
    /// Its id.
    pub id: String,
    /// Its version.
    pub version: String,
    /// Its hash.
    pub hash: String,
}

/// What an answer rests on, in a line: `fragile (terms: グラス, statement)`, `ineligible
/// (window_closed by claims.window)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    /// The answer in a few words.
    pub summary: String,
    /// The rule and term (listings) or reason rules (claims) behind it.
    pub rests_on: Vec<String>,
}

/// Whether a change moves a labeled row towards its label or away from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Against {
    /// It was right and is now wrong.
    Regression,
    /// It was wrong and is now right.
    Fix,
    /// Right or wrong before and after (or nothing the label speaks to changed).
    Neither,
}

/// One changed row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangedRow {
    /// The file it was read from.
    pub file: String,
    /// Its id (a listing id, a scenario name, a claim's order id).
    pub id: String,
    /// The listing's title, or the claim's incident and cause.
    pub what: String,
    /// The answer under the old policy.
    pub old: Answer,
    /// The answer under the new policy.
    pub new: Answer,
    /// Against its label, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Against>,
}

/// A kind of change and the rows that show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// `gained fragile`, `outcome eligible → ineligible`, `message changed`, …
    pub change: String,
    /// How many rows.
    pub count: usize,
    /// The rows, in the order read.
    pub rows: Vec<ChangedRow>,
}

/// What the edit changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The policy before the edit.
    pub old: PolicyName,
    /// The policy after it.
    pub new: PolicyName,
    /// Listings and claims read.
    pub listings_read: usize,
    /// Claims read.
    pub claims_read: usize,
    /// Listings whose answer changed.
    pub listings_changed: usize,
    /// Claims whose answer changed.
    pub claims_changed: usize,
    /// Claims refused the same way under both policies (their input is invalid).
    pub claims_refused: usize,
    /// Changed labeled rows now further from their label.
    pub regressions: usize,
    /// Changed labeled rows now at their label.
    pub fixes: usize,
    /// The changes, listings' first, in a fixed order of kinds.
    pub groups: Vec<Group>,
}

impl Report {
    /// Whether anything changed.
    pub fn changed(&self) -> bool {
        self.listings_changed + self.claims_changed > 0
    }
}

/// A row that could not be read or answered: the file, the 1-based line, the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The file.
    pub file: String,
    /// The line (1-based; 0 for a whole-file problem).
    pub line: usize,
    /// What is wrong, with the field's path.
    pub error: Error,
}

impl core::fmt::Display for RowError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let at = match self.error.path() {
            "" => String::new(),
            path => format!(" `{path}`"),
        };
        write!(
            f,
            "{}:{}:{at} {}",
            self.file,
            self.line,
            self.error.message()
        )
    }
}

impl std::error::Error for RowError {}

/// Compares two policies row by row, keeping the changed rows.
pub struct Impact {
    old: Side,
    new: Side,
    locale: Locale,
    listings_read: usize,
    claims_read: usize,
    /// Changed rows by group key (its rank, then its name).
    groups: BTreeMap<(u8, String), Vec<ChangedRow>>,
    listings_changed: usize,
    claims_changed: usize,
    claims_refused: usize,
    regressions: usize,
    fixes: usize,
}

/// The group kinds, ranked: listings' first, then claims'.
const GAINED_FRAGILE: (u8, &str) = (0, "gained fragile");
const LOST_FRAGILE: (u8, &str) = (1, "lost fragile");
const GAINED_NON_COMPENSABLE: (u8, &str) = (2, "gained non-compensable");
const LOST_NON_COMPENSABLE: (u8, &str) = (3, "lost non-compensable");
const FLAG_REASON_CHANGED: (u8, &str) = (4, "flag rests on another rule, term or basis");
const LISTING_NOTICES_CHANGED: (u8, &str) = (5, "listing notices changed");
const LISTING_MESSAGE_CHANGED: (u8, &str) = (6, "listing message changed");
const OUTCOME_CHANGED: u8 = 7;
const REASONS_CHANGED: (u8, &str) = (8, "claim reasons changed");
const DEADLINE_CHANGED: (u8, &str) = (9, "claim deadline changed");
const EVIDENCE_OR_STEPS_CHANGED: (u8, &str) = (10, "claim evidence or next steps changed");
const CLAIM_MESSAGE_CHANGED: (u8, &str) = (11, "claim message changed");
const REFUSAL_CHANGED: (u8, &str) = (12, "claim refused under one policy only");

impl Impact {
    /// A comparison of `old` and `new`, with answers in `locale`; refused when a policy's
    /// screening terms cannot be compiled.
    pub fn new(old: Policy, new: Policy, locale: Locale) -> Result<Impact, Error> {
        Ok(Impact {
            old: Side::new(old)?,
            new: Side::new(new)?,
            locale,
            listings_read: 0,
            claims_read: 0,
            groups: BTreeMap::new(),
            listings_changed: 0,
            claims_changed: 0,
            claims_refused: 0,
            regressions: 0,
            fixes: 0,
        })
    }

    /// Reads a JSON Lines file of listings (labeled rows as in `tests/data/listings/`, or plain
    /// listings) one line at a time and compares each. Blank lines are skipped.
    pub fn listings(&mut self, file: &str, input: impl BufRead) -> Result<(), RowError> {
        for (i, line) in input.lines().enumerate() {
            let at = |error| RowError {
                file: file.to_owned(),
                line: i + 1,
                error,
            };
            let line = line.map_err(|e| at(io_error(&e)))?;
            if line.trim().is_empty() {
                continue;
            }
            let (listing, labels) = read_listing(&line).map_err(at)?;
            self.listing(file, &listing, labels).map_err(at)?;
        }
        Ok(())
    }

    /// Compares one listing; `labels` (fragile, non-compensable) when the row is labeled.
    pub fn listing(
        &mut self,
        file: &str,
        listing: &Listing,
        labels: Option<(bool, bool)>,
    ) -> Result<(), Error> {
        self.listings_read += 1;
        let old = self
            .old
            .screener
            .screen(&self.old.policy, listing, self.locale)?;
        let new = self
            .new
            .screener
            .screen(&self.new.policy, listing, self.locale)?;
        let mut kinds = Vec::new();
        fn flip(
            gained: (u8, &'static str),
            lost: (u8, &'static str),
            was: bool,
            is: bool,
        ) -> Option<(u8, &'static str)> {
            match (was, is) {
                (false, true) => Some(gained),
                (true, false) => Some(lost),
                _ => None,
            }
        }
        kinds.extend(flip(GAINED_FRAGILE, LOST_FRAGILE, old.fragile, new.fragile));
        kinds.extend(flip(
            GAINED_NON_COMPENSABLE,
            LOST_NON_COMPENSABLE,
            old.non_compensable,
            new.non_compensable,
        ));
        if kinds.is_empty() {
            if listing_basis(&old) != listing_basis(&new) {
                kinds.push(FLAG_REASON_CHANGED);
            } else if notice_codes(&old) != notice_codes(&new) {
                kinds.push(LISTING_NOTICES_CHANGED);
            } else if old != new {
                kinds.push(LISTING_MESSAGE_CHANGED);
            }
        }
        if kinds.is_empty() {
            return Ok(());
        }
        self.listings_changed += 1;
        let label = labels.map(|(fragile, non_compensable)| {
            let right =
                |s: &Screening| s.fragile == fragile && s.non_compensable == non_compensable;
            against(right(&old), right(&new))
        });
        let row = ChangedRow {
            file: file.to_owned(),
            id: listing.id.clone(),
            what: listing.title.clone(),
            old: listing_answer(&old),
            new: listing_answer(&new),
            label,
        };
        self.keep(kinds.into_iter().map(|(r, k)| (r, k.to_owned())), row);
        Ok(())
    }

    /// Reads a claims file: a JSON array of scenarios (`tests/data/claims/scenarios.json`:
    /// `{name, claim, now, expect: {outcome}}`), or JSON Lines of such rows or of bare claims
    /// (judged at their `reported_at`).
    pub fn claims(&mut self, file: &str, mut input: impl BufRead) -> Result<(), RowError> {
        let at = |line, error| RowError {
            file: file.to_owned(),
            line,
            error,
        };
        let mut first = String::new();
        loop {
            first.clear();
            if input
                .read_line(&mut first)
                .map_err(|e| at(0, io_error(&e)))?
                == 0
            {
                return Ok(());
            }
            if !first.trim().is_empty() {
                break;
            }
        }
        if first.trim_start().starts_with('[') {
            let mut text = first.clone();
            input
                .read_to_string(&mut text)
                .map_err(|e| at(0, io_error(&e)))?;
            let rows: Vec<serde_json::Value> =
                serde_json::from_str(&text).map_err(|e| at(e.line(), json_error(&e)))?;
            for (i, row) in rows.iter().enumerate() {
                self.claim_row(file, row)
                    .map_err(|e| at(0, e.within(&format!("[{i}]"))))?;
            }
            return Ok(());
        }
        let mut line_no = 1;
        let mut line = first;
        loop {
            if !line.trim().is_empty() {
                let row: serde_json::Value =
                    serde_json::from_str(&line).map_err(|e| at(line_no, json_error(&e)))?;
                self.claim_row(file, &row).map_err(|e| at(line_no, e))?;
            }
            line.clear();
            line_no += 1;
            if input
                .read_line(&mut line)
                .map_err(|e| at(line_no, io_error(&e)))?
                == 0
            {
                return Ok(());
            }
        }
    }

    fn claim_row(&mut self, file: &str, row: &serde_json::Value) -> Result<(), Error> {
        let scenario = row.get("claim").is_some();
        let claim_value = if scenario { &row["claim"] } else { row };
        // A scenario of invalid input is refused the same way whatever the policy: counted,
        // not compared. Any other row that cannot be judged under either policy is bad input.
        let expects_error = row.pointer("/expect/error").is_some();
        let refused = |impact: &mut Impact| {
            impact.claims_read += 1;
            impact.claims_refused += 1;
            Ok(())
        };
        let claim: Claim = match crate::decode::claim(&claim_value.to_string()) {
            Ok(claim) => claim,
            Err(_) if expects_error => return refused(self),
            Err(e) if scenario => return Err(e.within("claim")),
            Err(e) => return Err(e),
        };
        let (now_path, now) = match row.get("now") {
            Some(now) => ("now", now.as_str().unwrap_or_default().to_owned()),
            None => (
                "reported_at",
                claim.reported_at.clone().ok_or_else(|| {
                    Error::new(
                        ErrorKind::MissingField,
                        "now",
                        "a claim row needs `now` (or a claim with `reported_at`)",
                    )
                })?,
            ),
        };
        let now = claim::parse_timestamp(now_path, &now)?;
        let id = row
            .get("name")
            .or_else(|| row.get("id"))
            .and_then(|v| v.as_str())
            .unwrap_or(&claim.order_id)
            .to_owned();
        let expected = row
            .pointer("/expect/outcome")
            .and_then(|v| v.as_str())
            .map(str::to_owned);
        match self.claim(file, &id, &claim, now, expected.as_deref()) {
            Err(_) if expects_error => refused(self),
            Err(e) if scenario => Err(e.within("claim")),
            other => other,
        }
    }

    /// Compares one claim judged at `now`; `expected` is the outcome a scenario expects. A claim
    /// refused the same way under both policies is bad input: its error is returned.
    pub fn claim(
        &mut self,
        file: &str,
        id: &str,
        claim: &Claim,
        now: DateTime<FixedOffset>,
        expected: Option<&str>,
    ) -> Result<(), Error> {
        let old = claim::judge(&self.old.policy, claim, now, self.locale);
        let new = claim::judge(&self.new.policy, claim, now, self.locale);
        let (old, new) = match (old, new) {
            (Ok(old), Ok(new)) => (old, new),
            (Err(a), Err(b)) if a.code() == b.code() && a.path() == b.path() => return Err(a),
            (old, new) => {
                self.claims_read += 1;
                let answer = |r: &Result<Verdict, Error>| match r {
                    Ok(v) => claim_answer(v),
                    Err(e) => Answer {
                        summary: format!("refused: {} at `{}`", e.code(), e.path()),
                        rests_on: vec![e.message().to_owned()],
                    },
                };
                let row = ChangedRow {
                    file: file.to_owned(),
                    id: id.to_owned(),
                    what: claim_what(claim),
                    old: answer(&old),
                    new: answer(&new),
                    label: None,
                };
                self.claims_changed += 1;
                self.keep(
                    core::iter::once((REFUSAL_CHANGED.0, REFUSAL_CHANGED.1.to_owned())),
                    row,
                );
                return Ok(());
            }
        };
        self.claims_read += 1;
        let mut kinds: Vec<(u8, String)> = Vec::new();
        if old.outcome != new.outcome {
            kinds.push((
                OUTCOME_CHANGED,
                format!(
                    "outcome {} → {}",
                    old.outcome.as_str(),
                    new.outcome.as_str()
                ),
            ));
        }
        if reason_codes(&old) != reason_codes(&new) {
            kinds.push((REASONS_CHANGED.0, REASONS_CHANGED.1.to_owned()));
        }
        if old.window.deadline != new.window.deadline {
            kinds.push((DEADLINE_CHANGED.0, DEADLINE_CHANGED.1.to_owned()));
        }
        if kinds.is_empty() {
            if evidence_and_steps(&old) != evidence_and_steps(&new) {
                kinds.push((
                    EVIDENCE_OR_STEPS_CHANGED.0,
                    EVIDENCE_OR_STEPS_CHANGED.1.to_owned(),
                ));
            } else if without_audit(&old) != without_audit(&new) {
                kinds.push((CLAIM_MESSAGE_CHANGED.0, CLAIM_MESSAGE_CHANGED.1.to_owned()));
            }
        }
        if kinds.is_empty() {
            return Ok(());
        }
        self.claims_changed += 1;
        let label = expected
            .map(|want| against(old.outcome.as_str() == want, new.outcome.as_str() == want));
        let row = ChangedRow {
            file: file.to_owned(),
            id: id.to_owned(),
            what: claim_what(claim),
            old: claim_answer(&old),
            new: claim_answer(&new),
            label,
        };
        self.keep(kinds.into_iter(), row);
        Ok(())
    }

    fn keep(&mut self, kinds: impl Iterator<Item = (u8, String)>, row: ChangedRow) {
        match row.label {
            Some(Against::Regression) => self.regressions += 1,
            Some(Against::Fix) => self.fixes += 1,
            _ => {}
        }
        for key in kinds {
            self.groups.entry(key).or_default().push(row.clone());
        }
    }

    /// The report of everything compared so far.
    pub fn report(&self) -> Report {
        let name = |p: &Policy| PolicyName {
            id: p.head().id.clone(),
            version: p.head().version.clone(),
            hash: p.hash().to_owned(),
        };
        Report {
            old: name(&self.old.policy),
            new: name(&self.new.policy),
            listings_read: self.listings_read,
            claims_read: self.claims_read,
            listings_changed: self.listings_changed,
            claims_changed: self.claims_changed,
            claims_refused: self.claims_refused,
            regressions: self.regressions,
            fixes: self.fixes,
            groups: self
                .groups
                .iter()
                .map(|((_, change), rows)| Group {
                    change: change.clone(),
                    count: rows.len(),
                    rows: rows.clone(),
                })
                .collect(),
        }
    }
}

fn claim_what(claim: &Claim) -> String {
    format!("{} / {}", claim.incident.as_str(), claim.cause.as_str())
}

fn against(was_right: bool, is_right: bool) -> Against {
    match (was_right, is_right) {
        (true, false) => Against::Regression,
        (false, true) => Against::Fix,
        _ => Against::Neither,
    }
}

fn io_error(e: &std::io::Error) -> Error {
    Error::new(ErrorKind::InvalidJson, "", format!("cannot be read: {e}"))
}

fn json_error(e: &serde_json::Error) -> Error {
    Error::new(ErrorKind::InvalidJson, "", format!("is not JSON: {e}"))
}

/// A listing line: a labeled row (it has `labels`), screened with its listed title, description
/// and category; or a plain listing.
fn read_listing(line: &str) -> Result<(Listing, Option<(bool, bool)>), Error> {
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| json_error(&e))?;
    if value.get("labels").is_none() {
        return Ok((crate::decode::listing(line)?, None));
    }
    let row: LabeledListing = crate::decode::from_json(line)?;
    let listing = row
        .listing(row.title_lang(), Fields::All)
        .ok_or_else(|| Error::new(ErrorKind::InvalidValue, "title", "the row has no title"))?;
    Ok((
        listing,
        Some((row.labels.fragile, row.labels.non_compensable)),
    ))
}

/// Each flag's class, rule, basis and the terms found for it.
fn listing_basis(s: &Screening) -> Vec<(ItemClass, String, &'static str, Vec<&str>)> {
    s.flags
        .iter()
        .map(|f| {
            let terms = s
                .findings
                .iter()
                .filter(|x| x.class == f.class)
                .map(|x| x.term.as_str())
                .collect();
            (f.class, f.rule.clone(), f.basis.as_str(), terms)
        })
        .collect()
}

fn notice_codes(s: &Screening) -> Vec<&'static str> {
    s.notices.iter().map(|n| n.notice.as_str()).collect()
}

fn listing_answer(s: &Screening) -> Answer {
    let summary = if s.flags.is_empty() {
        "not flagged".to_owned()
    } else {
        s.flags
            .iter()
            .map(|f| f.class.as_str())
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let rests_on = listing_basis(s)
        .into_iter()
        .map(|(class, rule, basis, terms)| {
            let terms = if terms.is_empty() {
                String::new()
            } else {
                format!(": {}", terms.join(", "))
            };
            format!("{} by {rule}{terms} ({basis})", class.as_str())
        })
        .collect();
    Answer { summary, rests_on }
}

fn reason_codes(v: &Verdict) -> (Vec<&'static str>, Vec<(String, Vec<&'static str>)>) {
    (
        v.reasons.iter().map(|r| r.code.as_str()).collect(),
        v.items
            .iter()
            .map(|i| {
                (
                    i.id.clone(),
                    i.reasons.iter().map(|r| r.code.as_str()).collect(),
                )
            })
            .collect(),
    )
}

fn evidence_and_steps(v: &Verdict) -> (Vec<Vec<&'static str>>, Vec<&'static str>) {
    (
        v.missing_evidence
            .iter()
            .map(|m| m.any_of.iter().map(|e| e.as_str()).collect())
            .collect(),
        v.next_steps.iter().map(|s| s.step.as_str()).collect(),
    )
}

/// The verdict without its audit (which names the policy, so always differs).
fn without_audit(v: &Verdict) -> Verdict {
    let mut v = v.clone();
    v.audit.policy_id.clear();
    v.audit.policy_version.clear();
    v.audit.policy_hash.clear();
    v
}

fn claim_answer(v: &Verdict) -> Answer {
    let codes: Vec<&str> = v.reasons.iter().map(|r| r.code.as_str()).collect();
    let summary = format!(
        "{} ({}); deadline {}",
        v.outcome.as_str(),
        codes.join(", "),
        v.window.deadline
    );
    let mut rests_on: Vec<String> = v
        .reasons
        .iter()
        .map(|r| format!("{} by {}", r.code.as_str(), r.rule))
        .collect();
    for item in &v.items {
        for r in &item.reasons {
            rests_on.push(format!(
                "item {}: {} by {}",
                item.id,
                r.code.as_str(),
                r.rule
            ));
        }
    }
    Answer { summary, rests_on }
}

/// The report as text: a heading, the totals, then each group with its rows.
pub fn render_text(report: &Report) -> String {
    let mut out = String::new();
    let name = |p: &PolicyName| format!("{} {} ({})", p.id, p.version, p.hash);
    out.push_str(&format!(
        "policy diff: {} → {}\n",
        name(&report.old),
        name(&report.new)
    ));
    out.push_str(&format!(
        "read {} listings and {} claims; changed {} listings and {} claims; against labels: {} regressions, {} fixes\n",
        report.listings_read,
        report.claims_read,
        report.listings_changed,
        report.claims_changed,
        report.regressions,
        report.fixes
    ));
    if report.claims_refused > 0 {
        out.push_str(&format!(
            "{} claims refused under both policies alike (their input is invalid)\n",
            report.claims_refused
        ));
    }
    if !report.changed() {
        out.push_str("nothing changed\n");
    }
    for g in &report.groups {
        out.push_str(&format!("\n{} ({})\n", g.change, g.count));
        for r in &g.rows {
            let label = match r.label {
                Some(Against::Regression) => "  [REGRESSION: away from its label]",
                Some(Against::Fix) => "  [fix: now at its label]",
                _ => "",
            };
            out.push_str(&format!("  {} {}  {}{label}\n", r.file, r.id, r.what));
            out.push_str(&format!("    old: {}", r.old.summary));
            for x in &r.old.rests_on {
                out.push_str(&format!("; {x}"));
            }
            out.push_str(&format!("\n    new: {}", r.new.summary));
            for x in &r.new.rests_on {
                out.push_str(&format!("; {x}"));
            }
            out.push('\n');
        }
    }
    out
}
