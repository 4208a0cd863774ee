//! The policy document: the after-sales policy written as data, and its validator.
//!
//! An operator edits `src/policy/after-sales.policy.json` (or hands a newer one to
//! [`crate::Policy::from_json`] at run time); this module is its schema. `validate` checks the
//! document as a whole — every clause a rule cites exists, every reason, evidence, next step and
//! notice has a message in every locale, the window is sane, terms are not empty — and names the
//! field of each problem (`claims.incidents.damaged.required_evidence[0].any_of`). It depends on
//! nothing but `serde` and [`super::vocabulary`], so `build.rs` compiles it as well and a
//! malformed shipped policy fails the build before any test runs.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::vocabulary::{
    Cause, DamageScope, Evidence, Incident, ItemClass, Marketplace, NextStep, Notice, Outcome,
    ReasonCode, TitleShape,
};

/// The schema version this crate reads.
pub const SCHEMA: u32 = 1;

/// Locales every message must be written in.
pub const LOCALES: &[&str] = &["en", "ja", "ru", "zh-CN"];

/// Languages the screening terms are written in (`zh` covers simplified and traditional).
pub const TERM_LANGUAGES: &[&str] = &["ja", "en", "zh", "ru"];

/// The whole policy, as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyDocument {
    /// Schema version; must be [`SCHEMA`].
    pub schema: u32,
    /// Stable identifier of the policy (the store's name for it).
    pub id: String,
    /// The operator's version label.
    pub version: String,
    /// First day (`YYYY-MM-DD`, in the order's own UTC offset) on which orders fall under it.
    pub effective_from: String,
    /// Where the text this document encodes comes from.
    pub source: String,
    /// The clauses of the policy text that rules cite, by id.
    pub clauses: BTreeMap<String, Clause>,
    /// Rules for claims after delivery.
    pub claims: ClaimRules,
    /// Rules for listings before purchase.
    pub screening: ScreeningRules,
    /// Messages by key (`reason.window_closed`, …) and locale.
    pub messages: BTreeMap<String, BTreeMap<String, String>>,
}

/// One clause of the policy text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// The policy's own words.
    pub quote: String,
}

/// Rules for claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimRules {
    /// How long after signing a claim may be reported.
    pub window: WindowRule,
    /// What each incident needs and which causes it covers.
    pub incidents: BTreeMap<Incident, IncidentRule>,
    /// Exclusions applied to each item; every matching rule adds its reason.
    pub item_rules: Vec<ItemRule>,
    /// What each next step is for: the clause that asks for it, and the evidence that shows it
    /// has been taken.
    pub steps: BTreeMap<NextStep, StepRule>,
}

/// One next step, as the policy asks for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepRule {
    /// The clause that asks the shopper (or the store) to take it.
    pub clause: String,
    /// Evidence that shows the step has been taken: once the claim has any of it, the step is
    /// no longer shown (`get_carrier_proof` is done once there is `carrier_proof`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub done_by: Vec<Evidence>,
}

/// The claim window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowRule {
    /// Days after the day (or instant) of signing.
    pub days_after_signing: u32,
    /// Whether the window closes at the end of that calendar day or at the same clock time.
    pub closes: WindowClose,
    /// In which UTC offset calendar days are counted.
    pub reckoned_in: Reckoning,
    /// The clause that sets the deadline.
    pub clause: String,
    /// The clause that refuses a claim reported after the deadline, or still incomplete when it
    /// passes (`window_closed`, `documentation_incomplete`).
    pub refusal_clause: String,
}

/// When the last day of the window ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowClose {
    /// At 23:59:59.999… of the last calendar day.
    EndOfDay,
    /// Exactly `days × 24 h` after signing.
    Exact,
}

/// In which offset calendar days are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reckoning {
    /// The UTC offset written in the signing timestamp (the shopper's local time).
    SigningOffset,
    /// UTC.
    Utc,
}

/// What one kind of incident requires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncidentRule {
    /// The clause this rule encodes.
    pub clause: String,
    /// Causes under which the incident is covered.
    pub covered_causes: Vec<Cause>,
    /// Evidence groups, all required; within a group one item suffices.
    pub required_evidence: Vec<EvidenceGroup>,
    /// The damage scope of an item that does not say.
    pub default_damage: DamageScope,
    /// Next steps to show for this incident, in order.
    pub next_steps: Vec<NextStep>,
    /// Next steps that must be taken at once (shown first, flagged urgent).
    #[serde(default)]
    pub urgent_next_steps: Vec<NextStep>,
}

/// A group of evidence of which any one suffices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceGroup {
    /// Any one of these satisfies the group.
    pub any_of: Vec<Evidence>,
    /// The clause that asks for this evidence.
    pub clause: String,
}

/// An exclusion applied to items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRule {
    /// Stable rule id (shown in verdicts).
    pub id: String,
    /// The clause this rule encodes.
    pub clause: String,
    /// When the rule applies: every listed field must match; an empty list matches anything.
    pub when: ItemMatch,
    /// The reason it gives; the item becomes ineligible.
    pub reason: ReasonCode,
}

/// Conditions of an [`ItemRule`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemMatch {
    /// Incidents it applies to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub incident: Vec<Incident>,
    /// Causes it applies to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cause: Vec<Cause>,
    /// Item classes it applies to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub class: Vec<ItemClass>,
    /// Item conditions it applies to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub condition: Vec<super::vocabulary::Condition>,
    /// Damage scopes it applies to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub damage: Vec<DamageScope>,
}

/// Rules for screening listings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreeningRules {
    /// Term lists per flagged class (`fragile`, `cd_dvd_bd`, `paper_product`).
    pub classes: BTreeMap<ItemClass, ClassTerms>,
    /// Category rules; the most specific matching one outweighs title words.
    pub categories: Vec<CategoryRule>,
    /// Terms that raise the outer-box notice.
    pub outer_box_terms: TermLists,
    /// Terms that, where they cover an outer-box match, cancel it (「外箱なし」 over 「外箱」).
    #[serde(default)]
    pub outer_box_exclude: TermLists,
    /// Named lists of context words, cited from any `unless` as `@name` (the materials that make
    /// a cup not ceramic, the words that make a game title a console), so a list shared by many
    /// terms is written once.
    #[serde(default)]
    pub context_lists: BTreeMap<String, Vec<String>>,
    /// Senses: phrases that use a class word to name something else, by kind (`colour`,
    /// `brand`, `work`, `hardware`, …): 「シャンパンゴールド」, 「ワインレッド」, 「Crystal Palace」.
    /// A flagging match that a sense phrase covers is cancelled, whatever its class.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub senses: BTreeMap<String, TermLists>,
    /// How a description is read: what it says about the item, not the seller's shipping,
    /// packing, photo or cross-selling talk.
    #[serde(default)]
    pub description: DescriptionRules,
    /// Accessories and parts: a context word followed closely by one of these `parts`
    /// (「シリコン蓋」, "aluminum lid") or preceded by a `with` word ("with silicone sleeve") is
    /// about the lid or the sleeve and cancels nothing, so a 「ガラス」 or "glass" beside it still
    /// flags; and a class term right after a `with` word or right before an `attached` one
    /// ("with mirror", 「ミラー付き」, 「ポスター付き」) names an accessory and flags nothing.
    #[serde(default)]
    pub accessories: AccessoryRules,
    /// The clause behind each notice.
    pub notice_clauses: BTreeMap<Notice, String>,
}

/// Words that mark a context word as describing a part or an accessory of the item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessoryRules {
    /// Parts that follow their material: 「蓋」, "lid", "sleeve".
    #[serde(default)]
    pub parts: TermLists,
    /// Words that introduce an accessory before its material or name: "with", "w/".
    #[serde(default)]
    pub with: TermLists,
    /// Words that mark what they follow as an accessory: 「付き」 (「ミラー付き ポーチ」 is a pouch).
    #[serde(default)]
    pub attached: TermLists,
}

/// How a listing's description is read.
///
/// A description is cut into sentences (at 。！？, bullets, brackets and line breaks). A
/// description's match is read only when it follows a `statements` phrase (「材質」, 「素材」,
/// "made of") closely (about twenty Japanese characters), in the same sentence or right after
/// the separators of a labelled field (「【材質】ガラス」, "Material | Glass"), and its sentence
/// holds no `boilerplate` phrase: such a sentence talks about shipping, packing, photos, the
/// seller's other listings or their home (「プチプチで梱包」, "smoke-free home",
/// 「他にも出品しています」). Any other mention in a description is not read at all; a read
/// one rests on a statement unless its term is a hint.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DescriptionRules {
    /// Phrases that mark a sentence as seller boilerplate.
    #[serde(default)]
    pub boilerplate: TermLists,
    /// Phrases that mark a sentence as a statement of the item's material or kind.
    #[serde(default)]
    pub statements: TermLists,
}

/// Terms per language: `ja`, `en`, `zh`, `ru`.
pub type TermLists = BTreeMap<String, Vec<Term>>;

/// The terms of one class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassTerms {
    /// The clause this class comes from.
    pub clause: String,
    /// Terms that flag the class.
    pub terms: TermLists,
    /// Terms that flag the class only as a hint: brands and product words whose material is
    /// implied but rarely written (「ノリタケ」, 「Le Creuset」), so the flag says "may be".
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub hints: TermLists,
    /// Title shapes that flag the class as a hint: a bookshop's trailing credit
    /// (「… [ 岸本斉史 ]」) says "book or disc" without a word for either.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shapes: Vec<ShapeRule>,
    /// Terms that, where they overlap a flagging match, cancel it (サングラス over グラス).
    #[serde(default)]
    pub exclude: TermLists,
    /// Context words that cancel every term of the class found in the same field, as if each
    /// term listed them in its own `unless`: 「電子書籍」 (an e-book is no paper product),
    /// 「ダウンロード版」 (a download is no disc).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unless: Vec<String>,
    /// Classes whose terms, found in the same field, cancel this class's terms: a title that
    /// says CD names a disc, so its 「Glass」 or 「AQUARIUM」 is the work's title, not glass.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub yields_to: Vec<ItemClass>,
}

/// A title shape that flags its class as a hint, unless a context word is in the title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShapeRule {
    /// The shape.
    pub shape: TitleShape,
    /// Context words that cancel it (a character goods word: 「アクリルスタンド [ 作品名 ]」).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unless: Vec<String>,
}

/// A category code read as a number: ASCII digits without a leading zero (Rakuten's 「001004」 is
/// a prefix code, not the number 1004), at most 18 of them; `None` for any other code.
pub fn code_number(code: &str) -> Option<u64> {
    let plain = !code.is_empty()
        && code.len() <= 18
        && code.bytes().all(|b| b.is_ascii_digit())
        && (code == "0" || !code.starts_with('0'));
    if plain {
        code.parse().ok()
    } else {
        None
    }
}

/// A term: a plain string, or one with context words that cancel it.
///
/// In the string, a leading or trailing `*` drops the word-boundary check on that side (Latin
/// and Cyrillic terms otherwise match whole words only) and stretches the match to the edge of
/// the word, and `#` stands for any ASCII digit. `*` anywhere else is an error.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Term {
    /// Just the term.
    Plain(String),
    /// The term, cancelled when any `unless` word appears in the same text.
    InContext {
        /// The term.
        term: String,
        /// Words that cancel it anywhere in the same field.
        unless: Vec<String>,
    },
}

impl Term {
    /// The term's text.
    pub fn text(&self) -> &str {
        match self {
            Term::Plain(t) => t,
            Term::InContext { term, .. } => term,
        }
    }

    /// Context words that cancel it.
    pub fn unless(&self) -> &[String] {
        match self {
            Term::Plain(_) => &[],
            Term::InContext { unless, .. } => unless,
        }
    }
}

/// Read by hand rather than derived `untagged`: serde buffers an untagged value into its generic
/// `Content` tree and retries every variant on it, which costs the module 6 KB (2 KB gzipped,
/// measured) and answers a wrong term with "data did not match any variant". Here a string is a
/// plain term and an object is read field by field, so a wrong term gets the usual
/// `unknown field` / `missing field` / `invalid type` error at its path, and nested arrays are
/// refused at the first one instead of being buffered.
impl<'de> Deserialize<'de> for Term {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Term, D::Error> {
        deserializer.deserialize_any(TermVisitor)
    }
}

struct TermVisitor;

impl<'de> serde::de::Visitor<'de> for TermVisitor {
    type Value = Term;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a term: a string, or an object with `term` and `unless`")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Term, E> {
        Ok(Term::Plain(v.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Term, E> {
        Ok(Term::Plain(v))
    }

    /// The compiled form (`policy::compiled`) writes a term with context words as its two
    /// fields in order.
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Term, A::Error> {
        use serde::de::Error;
        let term = seq
            .next_element()?
            .ok_or_else(|| A::Error::invalid_length(0, &self))?;
        let unless = seq
            .next_element()?
            .ok_or_else(|| A::Error::invalid_length(1, &self))?;
        Ok(Term::InContext { term, unless })
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Term, A::Error> {
        use serde::de::Error;
        const FIELDS: &[&str] = &["term", "unless"];
        let (mut term, mut unless) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "term" if term.is_none() => term = Some(map.next_value()?),
                "unless" if unless.is_none() => unless = Some(map.next_value()?),
                "term" => return Err(A::Error::duplicate_field("term")),
                "unless" => return Err(A::Error::duplicate_field("unless")),
                other => return Err(A::Error::unknown_field(other, FIELDS)),
            }
        }
        Ok(Term::InContext {
            term: term.ok_or_else(|| A::Error::missing_field("term"))?,
            unless: unless.ok_or_else(|| A::Error::missing_field("unless"))?,
        })
    }
}

/// A rule on the marketplace category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryRule {
    /// Stable rule id.
    pub id: String,
    /// The marketplace whose taxonomy the path and codes come from; none means Mercari's,
    /// which also serves listings from a marketplace that has no rules of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marketplace: Option<Marketplace>,
    /// Category path prefix (names from the marketplace taxonomy), root first.
    #[serde(default)]
    pub path: Vec<String>,
    /// Category codes this rule also matches: exactly; or, written with a final `*`, every code
    /// that starts with it (a marketplace whose ids carry their ancestors', as Rakuten Books'
    /// genre ids do); or, written `lo-hi`, every number from `lo` to `hi` (the codes under a
    /// node of a taxonomy whose ids say nothing of the tree, as Mercari's, are mostly runs).
    #[serde(default)]
    pub codes: Vec<String>,
    /// Classes the category asserts.
    #[serde(default)]
    pub is: Vec<ItemClass>,
    /// Classes the category rules out, whatever the title says.
    #[serde(default)]
    pub is_not: Vec<ItemClass>,
    /// Words that, anywhere in the listing, set the rule aside so the next matching rule or the
    /// title's words decide (a 「ステンレス」 mug in the mug category is not fragile).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unless: Vec<String>,
}

/// One problem found in a policy document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The field, e.g. `claims.window.days_after_signing`.
    pub path: String,
    /// What is wrong, lowercase, no final period.
    pub message: String,
}

/// The message keys every document must define, in every locale.
pub fn required_message_keys() -> Vec<String> {
    let mut keys = Vec::new();
    keys.extend(ReasonCode::ALL.iter().map(|c| format!("reason.{c}")));
    keys.extend(Outcome::ALL.iter().map(|c| format!("outcome.{c}")));
    keys.extend(Evidence::ALL.iter().map(|c| format!("evidence.{c}")));
    keys.extend(NextStep::ALL.iter().map(|c| format!("next_step.{c}")));
    keys.extend(Notice::ALL.iter().map(|c| format!("notice.{c}")));
    keys.extend(
        ItemClass::ALL
            .iter()
            .filter(|c| **c != ItemClass::Ordinary)
            .map(|c| format!("class.{c}")),
    );
    keys
}

/// Checks a parsed document; returns every problem found (empty when valid).
pub fn validate(doc: &PolicyDocument) -> Vec<Problem> {
    let mut v = Validator::default();
    v.document(doc);
    v.problems
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
}

impl Validator {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

    fn non_empty(&mut self, path: &str, value: &str) {
        if value.trim().is_empty() {
            self.problem(path, "must not be empty");
        }
    }

    fn clause(&mut self, doc: &PolicyDocument, path: &str, id: &str) {
        if !doc.clauses.contains_key(id) {
            self.problem(
                path,
                format!("cites clause `{id}`, which `clauses` does not define"),
            );
        }
    }

    fn document(&mut self, doc: &PolicyDocument) {
        if doc.schema != SCHEMA {
            self.problem(
                "schema",
                format!("is `{}`, this crate reads schema `{SCHEMA}`", doc.schema),
            );
        }
        self.non_empty("id", &doc.id);
        self.non_empty("version", &doc.version);
        self.non_empty("source", &doc.source);
        if !is_iso_date(&doc.effective_from) {
            self.problem(
                "effective_from",
                format!(
                    "`{}` is not a date of the form YYYY-MM-DD",
                    doc.effective_from
                ),
            );
        }
        for (id, clause) in &doc.clauses {
            self.non_empty(&format!("clauses.{id}.quote"), &clause.quote);
        }
        self.claims(doc);
        self.screening(doc);
        self.messages(doc);
    }

    fn claims(&mut self, doc: &PolicyDocument) {
        let claims = &doc.claims;
        let w = &claims.window;
        if !(1..=365).contains(&w.days_after_signing) {
            self.problem(
                "claims.window.days_after_signing",
                format!("is `{}`, must be between 1 and 365", w.days_after_signing),
            );
        }
        self.clause(doc, "claims.window.clause", &w.clause);
        self.clause(doc, "claims.window.refusal_clause", &w.refusal_clause);
        for incident in Incident::ALL {
            let Some(rule) = claims.incidents.get(incident) else {
                self.problem(
                    format!("claims.incidents.{incident}"),
                    "is missing: every incident needs a rule",
                );
                continue;
            };
            let base = format!("claims.incidents.{incident}");
            self.clause(doc, &format!("{base}.clause"), &rule.clause);
            if rule.required_evidence.is_empty() {
                self.problem(
                    format!("{base}.required_evidence"),
                    "must list at least one evidence group",
                );
            }
            for (i, group) in rule.required_evidence.iter().enumerate() {
                let path = format!("{base}.required_evidence[{i}]");
                if group.any_of.is_empty() {
                    self.problem(format!("{path}.any_of"), "must not be empty");
                }
                self.no_duplicates(&format!("{path}.any_of"), &group.any_of);
                self.clause(doc, &format!("{path}.clause"), &group.clause);
            }
            self.no_duplicates(&format!("{base}.covered_causes"), &rule.covered_causes);
            self.no_duplicates(&format!("{base}.next_steps"), &rule.next_steps);
            self.no_duplicates(
                &format!("{base}.urgent_next_steps"),
                &rule.urgent_next_steps,
            );
        }
        for step in NextStep::ALL {
            let path = format!("claims.steps.{step}");
            match claims.steps.get(step) {
                Some(rule) => {
                    self.clause(doc, &format!("{path}.clause"), &rule.clause);
                    self.no_duplicates(&format!("{path}.done_by"), &rule.done_by);
                }
                None => self.problem(path, "is missing: every next step needs a clause"),
            }
        }
        let mut ids = BTreeSet::new();
        for (i, rule) in claims.item_rules.iter().enumerate() {
            let base = format!("claims.item_rules[{i}]");
            self.non_empty(&format!("{base}.id"), &rule.id);
            if !ids.insert(rule.id.as_str()) {
                self.problem(format!("{base}.id"), format!("`{}` is used twice", rule.id));
            }
            self.clause(doc, &format!("{base}.clause"), &rule.clause);
            let w = &rule.when;
            if w.incident.is_empty()
                && w.cause.is_empty()
                && w.class.is_empty()
                && w.condition.is_empty()
                && w.damage.is_empty()
            {
                self.problem(
                    format!("{base}.when"),
                    "matches every item: name at least one condition",
                );
            }
            // The claim-level reasons (window, evidence) are decided once per claim, from the
            // window and the incident's evidence; an item rule can only exclude an item.
            if !matches!(
                rule.reason,
                ReasonCode::FragileItem
                    | ReasonCode::NonCompensablePart
                    | ReasonCode::NotADefect
                    | ReasonCode::CauseNotCovered
            ) {
                self.problem(
                    format!("{base}.reason"),
                    format!("`{}` is not a reason to exclude an item", rule.reason),
                );
            }
        }
    }

    fn screening(&mut self, doc: &PolicyDocument) {
        let s = &doc.screening;
        for class in [
            ItemClass::Fragile,
            ItemClass::CdDvdBd,
            ItemClass::PaperProduct,
        ] {
            let base = format!("screening.classes.{class}");
            let Some(terms) = s.classes.get(&class) else {
                self.problem(base, "is missing: every flagged class needs terms");
                continue;
            };
            self.clause(doc, &format!("{base}.clause"), &terms.clause);
            self.term_lists(&format!("{base}.terms"), &terms.terms, true, s);
            self.term_lists(&format!("{base}.hints"), &terms.hints, false, s);
            for (i, rule) in terms.shapes.iter().enumerate() {
                let path = format!("{base}.shapes[{i}]");
                if terms
                    .shapes
                    .get(..i)
                    .is_some_and(|before| before.iter().any(|r| r.shape == rule.shape))
                {
                    self.problem(&path, format!("`{}` is listed twice", rule.shape));
                }
                for (j, word) in rule.unless.iter().enumerate() {
                    self.context_word(&format!("{path}.unless[{j}]"), word, s);
                }
            }
            for (j, word) in terms.unless.iter().enumerate() {
                self.context_word(&format!("{base}.unless[{j}]"), word, s);
            }
            self.term_lists(&format!("{base}.exclude"), &terms.exclude, false, s);
            for (i, other) in terms.yields_to.iter().enumerate() {
                if *other == class || *other == ItemClass::Ordinary {
                    self.problem(
                        format!("{base}.yields_to[{i}]"),
                        format!("`{other}` is not another flagged class"),
                    );
                }
            }
        }
        if s.classes.contains_key(&ItemClass::Ordinary) {
            self.problem(
                "screening.classes.ordinary",
                "ordinary is what no term flags: it cannot have terms",
            );
        }
        self.term_lists("screening.outer_box_terms", &s.outer_box_terms, true, s);
        self.term_lists(
            "screening.outer_box_exclude",
            &s.outer_box_exclude,
            false,
            s,
        );
        for (name, lists) in &s.senses {
            self.non_empty(&format!("screening.senses.{name}"), name);
            self.term_lists(&format!("screening.senses.{name}"), lists, true, s);
        }
        self.term_lists(
            "screening.description.boilerplate",
            &s.description.boilerplate,
            false,
            s,
        );
        self.term_lists(
            "screening.accessories.parts",
            &s.accessories.parts,
            false,
            s,
        );
        self.term_lists("screening.accessories.with", &s.accessories.with, false, s);
        self.term_lists(
            "screening.accessories.attached",
            &s.accessories.attached,
            false,
            s,
        );
        self.term_lists(
            "screening.description.statements",
            &s.description.statements,
            false,
            s,
        );
        for (name, words) in &s.context_lists {
            let base = format!("screening.context_lists.{name}");
            if words.is_empty() {
                self.problem(&base, "must list at least one word");
            }
            for (j, word) in words.iter().enumerate() {
                let path = format!("{base}[{j}]");
                self.non_empty(&path, word);
                if word.starts_with('@') {
                    self.problem(path, "a context list cannot cite another list");
                }
            }
        }
        for notice in Notice::ALL {
            match s.notice_clauses.get(notice) {
                Some(id) => self.clause(doc, &format!("screening.notice_clauses.{notice}"), id),
                None => self.problem(format!("screening.notice_clauses.{notice}"), "is missing"),
            }
        }
        let mut ids = BTreeSet::new();
        for (i, rule) in s.categories.iter().enumerate() {
            let base = format!("screening.categories[{i}]");
            self.non_empty(&format!("{base}.id"), &rule.id);
            if !ids.insert(rule.id.as_str()) {
                self.problem(format!("{base}.id"), format!("`{}` is used twice", rule.id));
            }
            if rule.path.is_empty() && rule.codes.is_empty() {
                self.problem(format!("{base}.path"), "needs a path or codes");
            }
            for (j, name) in rule.path.iter().enumerate() {
                self.non_empty(&format!("{base}.path[{j}]"), name);
            }
            for (j, code) in rule.codes.iter().enumerate() {
                let digits = code.strip_suffix('*').unwrap_or(code);
                let problem = if let Some((lo, hi)) = code.split_once('-') {
                    match (code_number(lo), code_number(hi)) {
                        (Some(lo), Some(hi)) if lo < hi => None,
                        _ => Some(format!(
                            "`{code}` is no range: two numbers without leading zeros, the first smaller"
                        )),
                    }
                } else if digits.is_empty() || digits.contains('*') {
                    Some(format!(
                        "`{code}` is not a code, or a code prefix ended by one `*`"
                    ))
                } else {
                    None
                };
                if let Some(problem) = problem {
                    self.problem(format!("{base}.codes[{j}]"), problem);
                }
            }
            if rule.is.is_empty() && rule.is_not.is_empty() {
                self.problem(format!("{base}.is"), "says nothing: give `is` or `is_not`");
            }
            for (j, word) in rule.unless.iter().enumerate() {
                self.context_word(&format!("{base}.unless[{j}]"), word, s);
            }
            if let Some(c) = rule.is.iter().find(|c| rule.is_not.contains(c)) {
                self.problem(
                    format!("{base}.is_not"),
                    format!("contradicts `is` on `{c}`"),
                );
            }
        }
    }

    /// An `unless` word: not empty, and a `@name` must name a context list.
    fn context_word(&mut self, path: &str, word: &str, s: &ScreeningRules) {
        self.non_empty(path, word);
        if let Some(name) = word.strip_prefix('@') {
            if !s.context_lists.contains_key(name) {
                self.problem(
                    path,
                    format!("cites `{word}`, which `screening.context_lists` does not define"),
                );
            }
        }
    }

    fn term_lists(&mut self, base: &str, lists: &TermLists, need_some: bool, s: &ScreeningRules) {
        if need_some && lists.values().all(Vec::is_empty) {
            self.problem(base, "must list at least one term");
        }
        for (lang, terms) in lists {
            if !TERM_LANGUAGES.contains(&lang.as_str()) {
                self.problem(
                    format!("{base}.{lang}"),
                    format!("`{lang}` is not a term language (one of {TERM_LANGUAGES:?})"),
                );
            }
            for (i, term) in terms.iter().enumerate() {
                let path = format!("{base}.{lang}[{i}]");
                let text = term.text().trim_matches('*');
                if text.trim().is_empty() {
                    self.problem(&path, "term must not be empty");
                }
                if term.text().matches('#').count() > 2 {
                    self.problem(&path, "at most two `#` digit wildcards per term");
                }
                if text.contains('*') {
                    self.problem(
                        &path,
                        format!("`{}`: `*` may only open or close a term", term.text()),
                    );
                }
                for (j, word) in term.unless().iter().enumerate() {
                    self.context_word(&format!("{path}.unless[{j}]"), word, s);
                }
            }
        }
    }

    fn messages(&mut self, doc: &PolicyDocument) {
        for key in required_message_keys() {
            let Some(by_locale) = doc.messages.get(&key) else {
                self.problem(format!("messages.{key}"), "is missing");
                continue;
            };
            for locale in LOCALES {
                match by_locale.get(*locale) {
                    Some(text) if !text.trim().is_empty() => {}
                    _ => self.problem(
                        format!("messages.{key}.{locale}"),
                        "is missing: every message needs every locale",
                    ),
                }
            }
            for locale in by_locale.keys() {
                if !LOCALES.contains(&locale.as_str()) {
                    self.problem(
                        format!("messages.{key}.{locale}"),
                        format!("`{locale}` is not a supported locale ({LOCALES:?})"),
                    );
                }
            }
        }
    }

    fn no_duplicates<T: Ord + core::fmt::Display>(&mut self, path: &str, items: &[T]) {
        let mut seen = BTreeSet::new();
        for item in items {
            if !seen.insert(item) {
                self.problem(path, format!("lists `{item}` twice"));
            }
        }
    }
}

/// `YYYY-MM-DD` with a real day of month (leap years included).
pub fn is_iso_date(s: &str) -> bool {
    iso_date_parts(s).is_some()
}

/// The year, month and day of a `YYYY-MM-DD` date (ASCII digits, a real day of a real month).
pub fn iso_date_parts(s: &str) -> Option<(u32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let num = |r: core::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&d).then_some((y, m, d))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_need_a_real_day_of_a_real_month() {
        assert!(is_iso_date("2024-02-29"));
        assert!(is_iso_date("2000-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("1900-02-29"));
        assert!(!is_iso_date("2024-04-31"));
        assert!(!is_iso_date("2024-13-01"));
        assert!(!is_iso_date("2024-00-10"));
        assert!(!is_iso_date("2024-1-01"));
        assert!(!is_iso_date("2024/01/01"));
        assert!(!is_iso_date("２０２４-01-01"));
        assert!(!is_iso_date(""));
    }

    #[test]
    fn only_exclusions_can_be_item_rule_reasons() {
        let mut doc: PolicyDocument =
            serde_json::from_str(include_str!("after-sales.policy.json")).unwrap();
        if let Some(rule) = doc.claims.item_rules.first_mut() {
            rule.reason = ReasonCode::Covered;
        }
        let problems = validate(&doc);
        assert_eq!(problems.len(), 1);
        assert!(problems
            .iter()
            .all(|p| p.path == "claims.item_rules[0].reason"));
    }
}
