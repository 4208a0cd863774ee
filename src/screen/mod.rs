//! Pre-purchase screening: flags fragile and non-compensable items in marketplace listings.
//!
//! A [`Listing`] (title, optional description, optional marketplace category, condition) is
//! matched against the policy document's `screening` rules. The terms, exclusions and context
//! words of every class and language (ja, en, zh in both scripts, ru) are folded
//! ([`crate::text`]) and compiled into one Aho-Corasick automaton (the crate's own, a compact
//! byte trie with failure links), so a field is scanned once whatever the number of terms;
//! every language's terms apply to every title, because titles mix scripts (「Baccarat バカラ」).
//! A match is kept when:
//!
//! - it sits on word boundaries, for Latin and Cyrillic terms (`*` at either end of a term
//!   drops that check and stretches the match to the word's edge, so 「стекл*」 covers all of
//!   「стеклянная」; `#` is any digit);
//! - no `exclude` term of its class covers it (「サングラス」 over 「グラス」, 「ガラスの仮面」 over
//!   「ガラス」, 「CD-#*」 over 「CD」 in 「CD-345」);
//! - no `senses` phrase covers it: a colour, brand, work or piece of hardware that holds a class
//!   word (「ワインレッド」, "champagne gold", 「コミックボックス」);
//! - none of its `unless` context words (or its class's) appears in the same field
//!   (「ステンレス」 or 「割れない」 beside 「マグカップ」 or 「グラス」, 「本体」 beside 「PS4」,
//!   「電子書籍」 beside any paper term), unless that word names a part or an accessory
//!   (「シリコン蓋」, "with silicone sleeve");
//! - it does not run across two words (a hiragana–katakana mix: 「ながらストーリー」);
//! - no class it `yields_to` is found in the same field (a title that says CD names a disc, so
//!   its 「Glass Animals」 or 「AQUARIUM」 is the work's name, not glass).
//!
//! A description is read as a description (module `scan`): it is cut into sentences, and only
//! a match close after a statement phrase (「材質」, 「素材」, "made of"), in a sentence with no
//! boilerplate phrase (発送, 梱包, 写真, smoke-free), counts; the rest of a real description is
//! shipping, packing, photo and cross-selling talk. The title's words outweigh the description's.
//!
//! The marketplace category, when given, outweighs words: the most specific matching category
//! rule asserts classes (`is`) or rules them out (`is_not`), unless one of its own `unless` words
//! is in the listing (a stainless mug in the mug category). Rules are read in the taxonomy of the
//! listing's marketplace (a Rakuten genre id, a Yahoo! category id), by exact code, code prefix
//! (`001*`) or longest path prefix; Mercari's paths serve the others too.
//!
//! Each flag says what it rests on ([`Basis`]): the category, a statement (a term in the title,
//! or a stated material), or a hint (a term listed under `hints`: a brand whose material is only
//! implied), so that a page words "may be fragile" apart from "fragile: not covered".
//!
//! Decisions the policy text leaves open, as the shipped document takes them: frames are fragile
//! whatever their material (the policy names frames beside glass and ceramics); glass bottles of
//! drink, perfume and nail polish and glass screen protectors are glass; disc-based game
//! software (PlayStation, Wii, Xbox, GameCube, Saturn, Dreamcast) is a disc in a CD-style case,
//! cartridges are not; vinyl records, cassettes and VHS tapes are treated like CDs (damage to
//! their sleeve or case is not compensable, the medium is), a choice the labeled set leaves
//! unmeasured; plastic clear files, acrylic stands and blank notebooks are ordinary.
//!
//! The rules are compiled once (module `compile`) into a [`Screener`], which the [`crate::Checker`]
//! holds beside its policies; module `scan` screens one listing with it, `shapes` reads a title's
//! layout and `matcher` is the automaton. The answer, a [`Screening`], lists each flag with the rule, basis
//! and clause behind it, each finding
//! with its UTF-16 span in the original text (so a page can highlight it), and the policy
//! notices that apply (second-hand wear, possibly unsealed new items, outer boxes). [`eval`]
//! scores the screener on a labeled listing file.
//!
//! ```
//! use aftersales::screen::Listing;
//! use aftersales::{Checker, Locale};
//!
//! let checker = Checker::shipped();
//! let title = "【美品】江戸切子 ｸﾞﾗｽ 2客";
//! let s = checker.screen(&Listing::titled("m1", title), Locale::En).unwrap();
//! assert!(s.fragile);
//! let glass = s.findings.iter().find(|f| f.term == "グラス").unwrap();
//! assert_eq!(glass.text, "ｸﾞﾗｽ");
//! // UTF-16 offsets, as a page's `String.prototype.slice` counts them.
//! assert_eq!((glass.start, glass.end), (9, 13));
//!
//! let s = checker.screen(&Listing::titled("m2", "サングラス UV400"), Locale::En).unwrap();
//! assert!(!s.fragile);
//! ```

mod compile;
pub mod eval;
mod matcher;
mod scan;
mod shapes;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::limits;
pub use crate::policy::vocabulary::{Basis, Marketplace};
use crate::policy::vocabulary::{Condition, ItemClass, Notice, TitleShape};
use crate::screen::matcher::Matcher;
use crate::text::is_word_char;

/// A listing as the storefront shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Listing {
    /// The storefront's id for it.
    pub id: String,
    /// The title (Japanese, or a translation).
    pub title: String,
    /// The seller's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The marketplace category path, root first (`["本・雑誌・漫画", "漫画"]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub category: Vec<String>,
    /// The marketplace's category code of the leaf. A code matches the category rules that name
    /// it exactly, or by a prefix a rule writes as `001*` (a Rakuten genre id starts with its
    /// ancestors' ids); otherwise a leaf below a rule's node is matched through `category`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_code: Option<String>,
    /// Where it is sold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marketplace: Option<Marketplace>,
    /// New or second-hand, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
}

impl Listing {
    /// A listing with just an id and a title.
    pub fn titled(id: &str, title: &str) -> Listing {
        Listing {
            id: id.to_owned(),
            title: title.to_owned(),
            description: None,
            category: Vec::new(),
            category_code: None,
            marketplace: None,
            condition: None,
        }
    }

    fn check(&self) -> Result<(), Error> {
        limits::check("id", "bytes", self.id.len(), limits::MAX_ID_BYTES)?;
        limits::check("title", "bytes", self.title.len(), limits::MAX_TITLE_BYTES)?;
        if let Some(d) = &self.description {
            limits::check(
                "description",
                "bytes",
                d.len(),
                limits::MAX_DESCRIPTION_BYTES,
            )?;
        }
        limits::check(
            "category",
            "segments",
            self.category.len(),
            limits::MAX_CATEGORY_DEPTH,
        )?;
        // The path is only formatted for a segment that is too long.
        for (i, name) in self.category.iter().enumerate() {
            if name.len() > limits::MAX_CATEGORY_BYTES {
                limits::check(
                    &format!("category[{i}]"),
                    "bytes",
                    name.len(),
                    limits::MAX_CATEGORY_BYTES,
                )?;
            }
        }
        if let Some(code) = &self.category_code {
            limits::check(
                "category_code",
                "bytes",
                code.len(),
                limits::MAX_CATEGORY_BYTES,
            )?;
        }
        Ok(())
    }
}

/// Which part of the listing a finding is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The title.
    Title,
    /// The description.
    Description,
    /// The marketplace category.
    Category,
}

/// A policy term found in the listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The class it points to.
    pub class: ItemClass,
    /// The field it is in.
    pub field: Field,
    /// The policy term, as written in the document.
    pub term: String,
    /// The text it matched, as written in the listing.
    pub text: String,
    /// Start of the match in the field, in UTF-16 code units.
    pub start: u32,
    /// End of the match (exclusive), in UTF-16 code units.
    pub end: u32,
}

/// A class the listing is flagged with, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    /// The class.
    pub class: ItemClass,
    /// What decided it: the category or the listing's words.
    pub decided_by: Field,
    /// How sure it is: the category, a statement of the item's kind or material, or a hint.
    pub basis: Basis,
    /// The category rule id, or `terms`.
    pub rule: String,
    /// The clause of the policy text behind it.
    pub clause: String,
    /// What it means for the shopper, in the screening's locale.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

/// A notice that applies to the listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeItem {
    /// Stable code.
    pub notice: Notice,
    /// The clause of the policy text behind it.
    pub clause: String,
    /// The message in the screening's locale.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

/// The answer for one listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Screening {
    /// The listing's id.
    pub id: String,
    /// The class a claim for this item would carry: fragile, then CD/DVD/BD, then paper.
    pub class: ItemClass,
    /// Glass, ceramics, frames…: not covered if damaged or lost. Set by a hint's flag too (an
    /// honest "may be"): a flag's `basis` says how sure it is.
    pub fragile: bool,
    /// Damage to (part of) it is not compensable: CD/DVD/BD cases, paper products. Set by a
    /// hint's flag too.
    pub non_compensable: bool,
    /// The flags, one per class.
    pub flags: Vec<Flag>,
    /// The terms found, with their spans (cancelled matches are not listed).
    pub findings: Vec<Finding>,
    /// Findings counted but not listed past the per-field limit.
    pub findings_omitted: u32,
    /// Notices for the shopper.
    pub notices: Vec<NoticeItem>,
}

/// What a compiled pattern does when it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Flags its class, unless one of the term's context words is in the same field.
    Flag { term: usize },
    /// Cancels the flagging matches of its class that it covers.
    Exclude,
    /// Raises the outer-box notice.
    OuterBox,
    /// Cancels a raised outer-box match it covers (「外箱なし」 over 「外箱」).
    OuterBoxExclude,
    /// A context word (`unless`) seen in the field.
    Context { word: usize },
    /// A phrase that uses a class word for something else (a colour, a brand, a work): cancels
    /// the flagging matches of every class that it covers.
    Sense,
    /// Marks a description sentence as seller boilerplate (shipping, packing, photos).
    Boilerplate,
    /// Marks a description sentence as a statement of the item's material or kind.
    Statement,
    /// A part that follows its material (「蓋」, "lid"): the context word before it is an
    /// accessory's.
    Part,
    /// A word that introduces an accessory ("with"): the context word or class term after it
    /// is an accessory's.
    With,
    /// A word that marks what it follows as an accessory (「付き」).
    Attached,
}

#[derive(Debug, Clone, Copy)]
struct Pattern {
    class: ItemClass,
    role: Role,
    /// Require a non-word char (or the text's edge) before / after the match.
    bound_start: bool,
    bound_end: bool,
    /// Written with `*` on that side: the match runs on to the edge of the word, so
    /// 「стекл*」 highlights all of 「стеклянный」 and an exclusion covers what it should.
    open_start: bool,
    open_end: bool,
}

#[derive(Debug, Clone)]
struct FlagTerm {
    /// The term as written in the document.
    written: String,
    /// Listed under `hints`: it flags only as a hint.
    hint: bool,
    /// Indexes of the context words that cancel it.
    unless: Vec<usize>,
}

/// A title shape, with the class it hints at and its entry in [`Screener::terms`] (its name
/// and context words).
#[derive(Debug, Clone, Copy)]
struct CompiledShape {
    shape: TitleShape,
    class: ItemClass,
    term: usize,
}

#[derive(Debug, Clone)]
struct CompiledCategoryRule {
    id: String,
    is: Vec<ItemClass>,
    is_not: Vec<ItemClass>,
    /// Indexes of the context words that set the rule aside.
    unless: Vec<usize>,
}

/// The screening rules of one policy, compiled.
#[derive(Debug, Clone)]
pub struct Screener {
    /// Built by [`Screener::compile`], or from `needles` on the first screening.
    automaton: OnceLock<Matcher>,
    /// The distinct folded needles, until the automaton is built from them.
    needles: Vec<String>,
    /// Every term, exclusion and context word, grouped by the automaton pattern (the distinct
    /// folded needle) that finds it: needle `n`'s are `patterns[starts[n]..starts[n + 1]]`.
    patterns: Vec<Pattern>,
    starts: Vec<usize>,
    terms: Vec<FlagTerm>,
    /// The title shapes, each read as a hint of its class.
    shapes: Vec<CompiledShape>,
    context_words: usize,
    categories: Vec<CompiledCategoryRule>,
    /// (category code, rule index), sorted: a code's rules in document order.
    by_code: Vec<(String, usize)>,
    /// (scope, first, last, rule index) of the rules' code ranges, in document order.
    by_range: Vec<(&'static str, u64, u64, usize)>,
    /// ([`path_key`] of a rule's folded path, rule index), sorted.
    by_path: Vec<(String, usize)>,
    /// The longest rule path, so a deeper listing path is folded only as far as it can match.
    max_path_len: usize,
    /// (segment of a rule's path as written, index of its folded form in `folded_segments`),
    /// sorted: a listing's segment written the same way (as marketplace paths mostly are) is not
    /// folded again.
    segment_folds: Vec<(String, usize)>,
    folded_segments: Vec<String>,
    class_clauses: Vec<(ItemClass, String)>,
    /// The marketplaces with category rules of their own; a listing from any other is read
    /// against the rules without a marketplace (Mercari's taxonomy).
    scoped: Vec<Marketplace>,
    /// `yields[slot(c)]`: the classes whose findings in a field cancel `c`'s.
    yields: [Vec<ItemClass>; 4],
}

/// The classes screening can flag, in the order a claim would prefer them.
const FLAGGED: [ItemClass; 3] = [
    ItemClass::Fragile,
    ItemClass::CdDvdBd,
    ItemClass::PaperProduct,
];

/// The slot of a flagged class in per-class tables.
fn slot(class: ItemClass) -> usize {
    match class {
        ItemClass::Fragile => 0,
        ItemClass::CdDvdBd => 1,
        ItemClass::PaperProduct => 2,
        ItemClass::Ordinary => 3,
    }
}

/// When a [`Screener`] builds its automaton.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Build {
    /// While compiling, so that a document whose terms cannot be compiled is refused at once.
    Now,
    /// On the first screening: for the shipped policy, which a test compiles, so that a checker
    /// that only judges claims never pays for it.
    OnFirstScreen,
}

/// The prefix of a category rule's index keys: the marketplace whose taxonomy it reads, or
/// none for Mercari's (a rule that names Mercari is filed with the unscoped ones, so naming it
/// hides none of them).
fn scope_key(marketplace: Option<Marketplace>) -> &'static str {
    match marketplace {
        None | Some(Marketplace::Mercari) => "\t",
        Some(m) => m.as_str(),
    }
}

/// Appends a folded path segment to `key`, ended by a tab: folding turns every whitespace char
/// into a space, so a folded segment holds no tab, a key names one path, and a path's key starts
/// with the keys of its prefixes.
fn path_key(key: &mut String, segment: &str) {
    key.push_str(segment);
    key.push('\t');
}

/// The length in bytes of the run of word chars at the start of `chars`.
fn word_run_len(chars: impl Iterator<Item = char>) -> usize {
    chars
        .take_while(|c| is_word_char(*c))
        .map(char::len_utf8)
        .sum()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::text::fold;

    #[test]
    fn a_word_run_stops_at_the_first_non_word_char() {
        assert_eq!(word_run_len("янная ваза".chars()), "янная".len());
        assert_eq!(word_run_len(" ваза".chars()), 0);
        assert_eq!(word_run_len("ガラス".chars()), 0);
        assert_eq!(word_run_len("ss".chars().rev()), 2);
    }

    #[test]
    fn no_folded_text_holds_a_tab_so_path_keys_are_unambiguous() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert!(!fold(&c.to_string()).contains('\t'), "{:04X}", u32::from(c));
        }
        let mut key = String::new();
        path_key(&mut key, "a b");
        path_key(&mut key, "c");
        assert_eq!(key, "a b\tc\t");
    }
}
