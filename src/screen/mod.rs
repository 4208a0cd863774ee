//! Pre-purchase screening: flags fragile and non-compensable items in marketplace listings.
//!
//! A [`Listing`] (title, optional description, optional marketplace category, condition) is
//! matched against the policy document's `screening` rules. The terms, exclusions and context
//! words of every class and language (ja, en, zh in both scripts, ru) are folded
//! ([`crate::text`]) into the needles of one byte trie (module `matcher`), walked from each
//! position of a field, so a field is scanned once whatever the number of terms;
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
//!   「電子書籍」 beside any paper term), or in the title when the description only mentions it,
//!   unless that word names a part or an accessory (「シリコン蓋」, "with silicone sleeve");
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
//! The rules are compiled once (module `compile`) into a [`Screener`] (its parts in module
//! `rules`), which the [`crate::Checker`] holds beside its policies; the shipped policy's are
//! compiled by `build.rs` and read back from bytes (module `frozen`), so a page does not compile
//! them. Module `scan` screens one listing with it, `category` finds the category rule it is
//! filed under, `shapes` reads a title's layout and `matcher` is the automaton. The answer, a [`Screening`], lists each flag with the rule, basis
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

mod category;
mod compile;
pub mod eval;
mod frozen;
mod matcher;
mod rules;
mod scan;
mod shapes;
mod spans;

pub use rules::Screener;
use rules::{
    path_key, scope_key, slot, CategoryIndex, CompiledCategoryRule, CompiledShape, FlagTerm, Parts,
    Pattern, Role, FLAGGED,
};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::limits;
pub use crate::policy::vocabulary::{Basis, Marketplace};
use crate::policy::vocabulary::{Condition, ItemClass, Notice};
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

/// The shipped policy's screening rules, compiled and written by `build.rs` (module `frozen`).
const SHIPPED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/screener.bin"));

impl Screener {
    /// The shipped policy's screening rules, compiled when the crate was built: read, not
    /// compiled, so a page pays neither for reading the rules nor for folding and indexing
    /// their terms nor for building the automaton.
    #[expect(
        clippy::expect_used,
        reason = "build.rs wrote them with this same code, and a test reads them back"
    )]
    pub fn shipped() -> Screener {
        frozen::read(SHIPPED).expect("the frozen screener reads back")
    }
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
    fn the_category_rules_are_indexed_by_the_first_listing_with_a_category() {
        let screener = Screener::shipped();
        let policy = crate::Policy::shipped();
        let titled = Listing::titled("t", "ノーブランド トートバッグ");
        assert!(
            !screener
                .screen_worded(&policy, &titled, None)
                .unwrap()
                .fragile
        );
        assert!(
            screener.index.get().is_none() && screener.categories.get().is_none(),
            "a title alone needs neither the category rules nor their index"
        );
        let mut filed = Listing::titled("c", "ノーブランド");
        filed.category = ["本・雑誌・漫画", "漫画", "少女漫画"]
            .map(String::from)
            .to_vec();
        let s = screener.screen_worded(&policy, &filed, None).unwrap();
        assert!(screener.index.get().is_some());
        assert_eq!(
            s.class,
            crate::policy::vocabulary::ItemClass::PaperProduct,
            "{:?}",
            s.flags
        );
    }

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
