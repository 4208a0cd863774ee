//! The policy document: the after-sales policy written as data.
//!
//! An operator edits `src/policy/after-sales.policy.json` (or hands a newer one to
//! [`crate::Policy::from_json`] at run time); this module is its schema, as serde reads and
//! writes it, and [`super::validate`] the rules it must keep beyond its shape. It depends on
//! nothing but `serde` and [`super::vocabulary`], so `build.rs` compiles it as well.

use serde::{Deserialize, Serialize};

use super::map::Map;
use super::vocabulary::{
    Cause, DamageScope, Evidence, Incident, ItemClass, Marketplace, NextStep, Notice, ReasonCode,
    TitleShape,
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
    pub clauses: Map<String, Clause>,
    /// Rules for claims after delivery.
    pub claims: ClaimRules,
    /// Rules for listings before purchase.
    pub screening: ScreeningRules,
    /// Messages by key (`reason.window_closed`, …) and locale.
    pub messages: Map<String, Map<String, String>>,
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
    pub incidents: Map<Incident, IncidentRule>,
    /// Exclusions applied to each item; every matching rule adds its reason.
    pub item_rules: Vec<ItemRule>,
    /// What each next step is for: the clause that asks for it, and the evidence that shows it
    /// has been taken.
    pub steps: Map<NextStep, StepRule>,
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
    pub classes: Map<ItemClass, ClassTerms>,
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
    pub context_lists: Map<String, Vec<String>>,
    /// Senses: phrases that use a class word to name something else, by kind (`colour`,
    /// `brand`, `work`, `hardware`, …): 「シャンパンゴールド」, 「ワインレッド」, 「Crystal Palace」.
    /// A flagging match that a sense phrase covers is cancelled, whatever its class.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub senses: Map<String, TermLists>,
    /// How a description is read: what it says about the item, not the seller's shipping,
    /// packing, photo or cross-selling talk.
    #[serde(default)]
    pub description: DescriptionRules,
    /// Accessories and parts: a context word followed closely by one of these `parts`
    /// (「シリコン蓋」, "aluminum lid") or preceded by a `with` word ("with silicone sleeve") is
    /// about the lid or the sleeve and cancels nothing, so a 「ガラス」 or "glass" beside it still
    /// flags; and a class term right after a `with` word or right before an `attached` one
    /// ("with mirror", 「ミラー付き」, 「ポスター付き」) names an accessory and flags nothing; one
    /// right after a `serves` word ("for wine glasses", 「для бокалов」) names what the item
    /// serves and flags nothing either, while a context word there still counts ("mirror for
    /// bike" is a bicycle mirror); so does one that opens a compound a `closing` word ends
    /// (「ガラスフィルム対応」).
    #[serde(default)]
    pub accessories: AccessoryRules,
    /// The clause behind each notice.
    pub notice_clauses: Map<Notice, String>,
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
    /// Words that mark what they follow as an accessory or as what the item holds: 「付き」
    /// (「ミラー付き ポーチ」 is a pouch), and English nouns a class word stands right before
    /// ("wine funnel", "poster stand", "CD holder": a funnel, a stand, a holder).
    #[serde(default)]
    pub attached: TermLists,
    /// Words that introduce what the item is for: "for", 「для」.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub serves: TermLists,
    /// Words that close a compound naming what the item is for or fits: 「専用」, 「対応」.
    /// A class term that opens such a compound, written as one word with it (「ガラスフィルム対応
    /// ケース」, 「ガラス製哺乳びん専用 ブラシ」), names what the item serves and flags nothing.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub closing: TermLists,
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
    /// Phrases that say the listing ships nothing ("no physical item will be sent",
    /// 「データ販売です」): a description with one, in any sentence, makes the listing a file
    /// sold for download, which no class covers, whatever its title or category names.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub digital_only: TermLists,
}

/// Terms per language: `ja`, `en`, `zh`, `ru`.
pub type TermLists = Map<String, Vec<Term>>;

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
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub hints: TermLists,
    /// Terms that name what the item is and not what it is made of (「皿」, 「茶碗」, "mug",
    /// "vase"): they flag as terms do, but a title's vessel word yields to a description that
    /// states a material from the term's `unless` (「木製」, "melamine") and names nothing of the
    /// class itself: 「りんか皿」 described as 「花形の木製小皿」 is a wooden dish.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub vessels: TermLists,
    /// Title shapes that flag the class as a hint: a bookshop's trailing credit
    /// (「… \[ 岸本斉史 \]」) says "book or disc" without a word for either.
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
    /// Context words that cancel it (a character goods word: 「アクリルスタンド \[ 作品名 \]」).
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
        /// Words that cancel it anywhere in the same field, or in the title when the
        /// description only mentions the term (outside a material or product statement).
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
    /// Words that, in the listing's title, set the rule aside so the next matching rule or the
    /// title's words decide (a 「ステンレス」 mug in the mug category is not fragile). The
    /// seller's description does not: "fresh from pack to sleeve" leaves a card a card.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unless: Vec<String>,
}
