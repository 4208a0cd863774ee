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
//! - none of its `unless` context words appears in the same field (「ステンレス」 or 「割れない」
//!   beside 「マグカップ」 or 「グラス」, 「本体」 beside 「PS4」);
//! - no class it `yields_to` is found in the same field (a title that says CD names a disc, so
//!   its 「Glass Animals」 or 「AQUARIUM」 is the work's name, not glass).
//!
//! The marketplace category, when given, outweighs title words: the most specific matching
//! category rule (by exact code, else by longest path prefix) asserts classes (`is`) or rules them
//! out (`is_not`), unless one of its own `unless` words is in the listing (a stainless mug in
//! the mug category). Classes the rule says nothing about are left to the words, and the title's
//! words outweigh the description's: the seller's free text ("kept in a glass case", "with a
//! bonus poster") is read only when the title names no class.
//!
//! Decisions the policy text leaves open, as the shipped document takes them: frames are fragile
//! whatever their material (the policy names frames beside glass and ceramics); glass bottles of
//! drink, perfume and nail polish and glass screen protectors are glass; disc-based game
//! software (PlayStation, Wii, Xbox, GameCube, Saturn, Dreamcast) is a disc in a CD-style case,
//! cartridges are not; vinyl records, cassettes and VHS tapes are treated like CDs (damage to
//! their sleeve or case is not compensable, the medium is), a choice the labeled set leaves
//! unmeasured; plastic clear files, acrylic stands and blank notebooks are ordinary.
//!
//! The answer, a [`Screening`], lists each flag with the rule and clause behind it, each finding
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

pub mod eval;
mod matcher;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::i18n::Locale;
use crate::limits;
use crate::policy::document::{ScreeningRules, TermLists};
pub use crate::policy::vocabulary::Marketplace;
use crate::policy::vocabulary::{Basis, Condition, ItemClass, Notice};
use crate::policy::Policy;
use crate::screen::matcher::Matcher;
use crate::text::{fold, is_word_char, Folded};

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
    /// it exactly; a leaf below a rule's node is matched through `category`.
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
    pub message: String,
}

/// The answer for one listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Screening {
    /// The listing's id.
    pub id: String,
    /// The class a claim for this item would carry: fragile, then CD/DVD/BD, then paper.
    pub class: ItemClass,
    /// Glass, ceramics, frames…: not covered if damaged or lost.
    pub fragile: bool,
    /// Damage to (part of) it is not compensable: CD/DVD/BD cases, paper products.
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
    context_words: usize,
    categories: Vec<CompiledCategoryRule>,
    /// (category code, rule index), sorted: a code's rules in document order.
    by_code: Vec<(String, usize)>,
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

/// Expands `#` (any ASCII digit) in a folded term; at most two, checked by the validator.
fn expand_digits(term: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for c in term.chars() {
        if c == '#' {
            out = out
                .iter()
                .flat_map(|prefix| ('0'..='9').map(move |d| format!("{prefix}{d}")))
                .collect();
        } else {
            for s in &mut out {
                s.push(c);
            }
        }
    }
    out
}

/// A folded needle, with its boundary checks.
struct Needle {
    text: String,
    bound_start: bool,
    bound_end: bool,
    open_start: bool,
    open_end: bool,
}

/// Folds a written term into the needles the automaton looks for (`*` = no word boundary on that
/// side, `#` = any digit). `path` names the term, and is only built for an error.
fn needles(written: &str, path: impl FnOnce() -> String) -> Result<Vec<Needle>, Error> {
    let open_start = written.starts_with('*');
    let open_end = written.ends_with('*') && written.len() > 1;
    let mut folded = fold(written.trim_matches('*'));
    if folded.trim().len() != folded.len() {
        folded = folded.trim().to_owned();
    }
    if folded.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidPolicy,
            path(),
            format!("`{written}` folds to nothing"),
        ));
    }
    let needle = |text: String| {
        let first_is_word = text.chars().next().is_some_and(is_word_char);
        let last_is_word = text.chars().next_back().is_some_and(is_word_char);
        Needle {
            bound_start: !open_start && first_is_word,
            bound_end: !open_end && last_is_word,
            open_start: open_start && first_is_word,
            open_end: open_end && last_is_word,
            text,
        }
    };
    if !folded.contains('#') {
        return Ok(vec![needle(folded)]);
    }
    Ok(expand_digits(&folded).into_iter().map(needle).collect())
}

/// Collects the needles of every term, context word and exclusion before the automaton is built.
///
/// Sorted vectors rather than maps here and in [`Screener`]: one sort and binary searches are
/// all the code they need, where every map type would add its own to the WebAssembly module.
#[derive(Default)]
struct Builder<'d> {
    /// Every folded needle with the index of its pattern.
    needles: Vec<(String, usize)>,
    patterns: Vec<Pattern>,
    terms: Vec<FlagTerm>,
    /// Context words by their written form, so one word used by many terms is matched once.
    context: Vec<&'d str>,
    /// The context words of each named list cited so far.
    lists: Vec<(&'d str, Vec<usize>)>,
}

impl<'d> Builder<'d> {
    fn push(
        &mut self,
        written: &str,
        path: impl FnOnce() -> String,
        class: ItemClass,
        role: Role,
    ) -> Result<(), Error> {
        for needle in needles(written, path)? {
            self.needles.push((needle.text, self.patterns.len()));
            self.patterns.push(Pattern {
                class,
                role,
                bound_start: needle.bound_start,
                bound_end: needle.bound_end,
                open_start: needle.open_start,
                open_end: needle.open_end,
            });
        }
        Ok(())
    }

    /// The context words of an `unless` list, with `@name` expanded from the named lists.
    fn unless_words(
        &mut self,
        words: &'d [String],
        lists: &'d BTreeMap<String, Vec<String>>,
        path: &dyn Fn() -> String,
    ) -> Result<Vec<usize>, Error> {
        let mut out = Vec::with_capacity(words.len());
        for (j, word) in words.iter().enumerate() {
            let here = || format!("{}[{j}]", path());
            match word.strip_prefix('@') {
                Some(name) => {
                    if let Some((_, ids)) = self.lists.iter().find(|(n, _)| *n == name) {
                        out.extend_from_slice(ids);
                        continue;
                    }
                    let list = lists.get(name).ok_or_else(|| {
                        Error::new(
                            ErrorKind::InvalidPolicy,
                            here(),
                            format!(
                                "cites `{word}`, which `screening.context_lists` does not define"
                            ),
                        )
                    })?;
                    let mut ids = Vec::with_capacity(list.len());
                    for (k, w) in list.iter().enumerate() {
                        ids.push(
                            self.context_word(w, || {
                                format!("screening.context_lists.{name}[{k}]")
                            })?,
                        );
                    }
                    out.extend_from_slice(&ids);
                    self.lists.push((name, ids));
                }
                None => out.push(self.context_word(word, here)?),
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    fn context_word(
        &mut self,
        written: &'d str,
        path: impl FnOnce() -> String,
    ) -> Result<usize, Error> {
        if let Some(i) = self.context.iter().position(|w| *w == written) {
            return Ok(i);
        }
        let word = self.context.len();
        self.push(written, path, ItemClass::Ordinary, Role::Context { word })?;
        self.context.push(written);
        Ok(word)
    }

    fn flag_terms(
        &mut self,
        lists: &'d TermLists,
        contexts: &'d BTreeMap<String, Vec<String>>,
        base: &dyn Fn() -> String,
        class: ItemClass,
        hint: bool,
        class_unless: &[usize],
    ) -> Result<(), Error> {
        for (lang, list) in lists {
            for (i, term) in list.iter().enumerate() {
                let path = || format!("{}.{lang}[{i}]", base());
                let mut unless =
                    self.unless_words(term.unless(), contexts, &|| format!("{}.unless", path()))?;
                if !class_unless.is_empty() {
                    unless.extend_from_slice(class_unless);
                    unless.sort_unstable();
                    unless.dedup();
                }
                let index = self.terms.len();
                self.terms.push(FlagTerm {
                    written: term.text().to_owned(),
                    hint,
                    unless,
                });
                self.push(term.text(), path, class, Role::Flag { term: index })?;
            }
        }
        Ok(())
    }

    fn plain_terms(
        &mut self,
        lists: &TermLists,
        base: &dyn Fn() -> String,
        class: ItemClass,
        role: Role,
    ) -> Result<(), Error> {
        for (lang, list) in lists {
            for (i, term) in list.iter().enumerate() {
                self.push(
                    term.text(),
                    || format!("{}.{lang}[{i}]", base()),
                    class,
                    role,
                )?;
            }
        }
        Ok(())
    }
}

/// A flagging match: its class, term and folded byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hit {
    class: ItemClass,
    term: usize,
    start: usize,
    end: usize,
}

/// Spans that cancel what they cover, answered in `O(log n)` per question.
struct Covers {
    /// Sorted by start.
    spans: Vec<(usize, usize)>,
    /// `reach[i]`: the furthest end among `spans[..=i]`.
    reach: Vec<usize>,
}

impl Covers {
    fn new(mut spans: Vec<(usize, usize)>) -> Covers {
        spans.sort_unstable();
        let mut furthest = 0;
        let reach = spans
            .iter()
            .map(|&(_, end)| {
                furthest = furthest.max(end);
                furthest
            })
            .collect();
        Covers { spans, reach }
    }

    /// Whether some span starts at or before `start` and ends at or after `end`.
    fn covers(&self, start: usize, end: usize) -> bool {
        let starting_before = self.spans.partition_point(|&(s, _)| s <= start);
        starting_before
            .checked_sub(1)
            .and_then(|last| self.reach.get(last))
            .is_some_and(|&reach| reach >= end)
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

/// The automaton over every needle.
fn build_automaton(needles: &[String]) -> Result<Matcher, Error> {
    // The shipped ~2,900 needles build in about 0.7 ms natively (aho-corasick's contiguous NFA
    // took 3.7 ms) and a few ms in a page's WebAssembly: still worth leaving to the first
    // screening for a checker that only judges claims.
    Matcher::new(needles).map_err(|e| {
        Error::new(
            ErrorKind::InvalidPolicy,
            "screening",
            format!("the terms cannot be compiled: {e}"),
        )
    })
}

impl Screener {
    /// Compiles the screening rules of a (validated) document.
    pub fn compile(rules: &ScreeningRules) -> Result<Screener, Error> {
        Screener::compile_with(rules, Build::Now)
    }

    pub(crate) fn compile_with(rules: &ScreeningRules, when: Build) -> Result<Screener, Error> {
        let mut b = Builder::default();
        // Paths name a term only in an error, so they are built only then.
        for (class, class_terms) in &rules.classes {
            let class_unless =
                b.unless_words(&class_terms.unless, &rules.context_lists, &|| {
                    format!("screening.classes.{class}.unless")
                })?;
            b.flag_terms(
                &class_terms.terms,
                &rules.context_lists,
                &|| format!("screening.classes.{class}.terms"),
                *class,
                false,
                &class_unless,
            )?;
            b.flag_terms(
                &class_terms.hints,
                &rules.context_lists,
                &|| format!("screening.classes.{class}.hints"),
                *class,
                true,
                &class_unless,
            )?;
            b.plain_terms(
                &class_terms.exclude,
                &|| format!("screening.classes.{class}.exclude"),
                *class,
                Role::Exclude,
            )?;
        }
        b.plain_terms(
            &rules.outer_box_terms,
            &|| "screening.outer_box_terms".to_owned(),
            ItemClass::Ordinary,
            Role::OuterBox,
        )?;
        b.plain_terms(
            &rules.outer_box_exclude,
            &|| "screening.outer_box_exclude".to_owned(),
            ItemClass::Ordinary,
            Role::OuterBoxExclude,
        )?;
        for (name, lists) in &rules.senses {
            b.plain_terms(
                lists,
                &|| format!("screening.senses.{name}"),
                ItemClass::Ordinary,
                Role::Sense,
            )?;
        }
        b.plain_terms(
            &rules.description.boilerplate,
            &|| "screening.description.boilerplate".to_owned(),
            ItemClass::Ordinary,
            Role::Boilerplate,
        )?;
        b.plain_terms(
            &rules.description.statements,
            &|| "screening.description.statements".to_owned(),
            ItemClass::Ordinary,
            Role::Statement,
        )?;
        let mut categories = Vec::with_capacity(rules.categories.len());
        let mut by_code = Vec::new();
        let mut by_path = Vec::new();
        let mut max_path_len = 0;
        let mut segment_folds = Vec::new();
        let mut folded_segments = Vec::new();
        let mut scoped = Vec::new();
        for (i, r) in rules.categories.iter().enumerate() {
            let unless = b.unless_words(&r.unless, &rules.context_lists, &|| {
                format!("screening.categories[{i}].unless")
            })?;
            let scope = scope_key(r.marketplace);
            by_code.extend(r.codes.iter().map(|code| (format!("{scope}{code}"), i)));
            if let Some(m) = r.marketplace {
                if !scoped.contains(&m) {
                    scoped.push(m);
                }
            }
            if !r.path.is_empty() {
                max_path_len = max_path_len.max(r.path.len());
                let mut key = scope.to_owned();
                for written in &r.path {
                    let folded = fold(written);
                    path_key(&mut key, &folded);
                    segment_folds.push((written.clone(), folded_segments.len()));
                    folded_segments.push(folded);
                }
                by_path.push((key, i));
            }
            categories.push(CompiledCategoryRule {
                id: r.id.clone(),
                is: r.is.clone(),
                is_not: r.is_not.clone(),
                unless,
            });
        }
        let mut yields: [Vec<ItemClass>; 4] = Default::default();
        for (class, t) in &rules.classes {
            if let Some(y) = yields.get_mut(slot(*class)) {
                y.clone_from(&t.yields_to);
            }
        }
        // One automaton pattern per distinct needle (two languages, or a term and a context word,
        // may fold to the same text), with the patterns it stands for in `patterns[starts[n]..]`.
        let mut all = b.needles;
        all.sort_unstable();
        let mut needles: Vec<String> = Vec::new();
        let mut starts = Vec::new();
        let mut patterns = Vec::with_capacity(all.len());
        for (text, pattern) in all {
            if needles.last() != Some(&text) {
                starts.push(patterns.len());
                needles.push(text);
            }
            patterns.extend(b.patterns.get(pattern).copied());
        }
        starts.push(patterns.len());
        let automaton = OnceLock::new();
        let needles = match when {
            Build::Now => {
                let _ = automaton.set(build_automaton(&needles)?);
                Vec::new()
            }
            Build::OnFirstScreen => needles,
        };
        let class_clauses = rules
            .classes
            .iter()
            .map(|(c, t)| (*c, t.clause.clone()))
            .collect();
        by_code.sort_unstable();
        by_path.sort_unstable();
        segment_folds.sort_unstable();
        let context_words = b.context.len();
        Ok(Screener {
            automaton,
            needles,
            patterns,
            starts,
            terms: b.terms,
            context_words,
            categories,
            by_code,
            by_path,
            max_path_len,
            segment_folds,
            folded_segments,
            class_clauses,
            scoped,
            yields,
        })
    }

    /// The number of compiled patterns (terms, exclusions and context words after `#`
    /// expansion).
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// The number of category rules.
    pub fn category_rule_count(&self) -> usize {
        self.categories.len()
    }

    /// The category rule that decides a listing's classes, if any.
    ///
    /// A rule matches by the listing's `category_code` (exactly, or by a prefix the rule writes
    /// as `001*`) or by its `category` path (the rule's path is a prefix of it), unless one of its `unless` words was `seen` in the
    /// listing; the most specific match wins: a code, else the longest path. Codes are read in
    /// the listing's marketplace's taxonomy when the policy has rules for it (a Rakuten genre id
    /// is not a Mercari code), else in Mercari's; a path no rule of the marketplace's own matches
    /// is tried against Mercari's paths as well, since marketplaces name their tops alike.
    fn category_rule(&self, listing: &Listing, seen: &WordSet) -> Option<&CompiledCategoryRule> {
        // Of the rules `index` files under `key`, the first in document order that no `unless`
        // word sets aside.
        let first_kept = |index: &[(String, usize)], key: &str| {
            let from = index.partition_point(|(k, _)| k.as_str() < key);
            index
                .get(from..)
                .unwrap_or_default()
                .iter()
                .take_while(|(k, _)| k == key)
                .filter_map(|&(_, i)| self.categories.get(i))
                .find(|r| !r.unless.iter().any(|&w| seen.contains(w)))
        };
        let own = listing.marketplace.filter(|m| self.scoped.contains(m));
        let scope = scope_key(own);
        if let Some(code) = &listing.category_code {
            // The code itself, else the longest prefix a rule names with `*` (a Rakuten Books
            // genre id carries its ancestors' ids as prefixes: 001001 is under 001).
            let exact = format!("{scope}{code}");
            if let Some(rule) = first_kept(&self.by_code, &exact) {
                return Some(rule);
            }
            let mut key = String::with_capacity(exact.len() + 1);
            for end in (1..=code.len()).rev().filter(|&e| code.is_char_boundary(e)) {
                key.clear();
                key.push_str(scope);
                key.push_str(code.get(..end).unwrap_or_default());
                key.push('*');
                if let Some(rule) = first_kept(&self.by_code, &key) {
                    return Some(rule);
                }
            }
        }
        if listing.category.is_empty() {
            return None;
        }
        let depth = listing.category.len().min(self.max_path_len);
        let mut tail = String::new();
        let mut ends = Vec::with_capacity(depth);
        for written in listing.category.iter().take(depth) {
            let known = self
                .segment_folds
                .binary_search_by(|(w, _)| w.as_str().cmp(written))
                .ok()
                .and_then(|at| self.segment_folds.get(at))
                .and_then(|&(_, i)| self.folded_segments.get(i));
            match known {
                Some(folded) => path_key(&mut tail, folded),
                None => path_key(&mut tail, &fold(written)),
            }
            ends.push(tail.len());
        }
        let longest = |scope: &str| {
            let key = format!("{scope}{tail}");
            ends.iter()
                .rev()
                .find_map(|&end| first_kept(&self.by_path, key.get(..scope.len() + end)?))
        };
        longest(scope).or_else(|| own.and_then(|_| longest(scope_key(None))))
    }

    /// The automaton, built now if it was left for the first screening.
    fn automaton(&self) -> Result<&Matcher, Error> {
        if let Some(built) = self.automaton.get() {
            return Ok(built);
        }
        let built = build_automaton(&self.needles)?;
        Ok(self.automaton.get_or_init(|| built))
    }

    /// Finds the flagging terms and outer-box terms of one field.
    ///
    /// In a description, only the matches in a sentence that states the item's material or kind
    /// (a `statements` phrase, and no `boilerplate` one) are kept: the rest of a real description
    /// is shipping, packing, photo and cross-selling talk. A match rests on a statement unless
    /// its term is a hint.
    fn scan(&self, automaton: &Matcher, field: Field, text: &str, found: &mut Scan) {
        let folded = Folded::new(text);
        let hay = folded.as_str();
        let mut hits: Vec<Hit> = Vec::new();
        let mut excludes: [Vec<(usize, usize)>; 4] = Default::default();
        let mut senses: Vec<(usize, usize)> = Vec::new();
        let mut outer_box: Vec<(usize, usize)> = Vec::new();
        let mut boilerplate: Vec<usize> = Vec::new();
        let mut statements: Vec<usize> = Vec::new();
        let seen = &mut found.in_field;
        seen.clear();
        for m in automaton.find_overlapping(hay) {
            let patterns = match (self.starts.get(m.needle), self.starts.get(m.needle + 1)) {
                (Some(&from), Some(&to)) => self.patterns.get(from..to).unwrap_or_default(),
                _ => continue,
            };
            let head = hay.get(..m.start).unwrap_or_default();
            let tail = hay.get(m.end..).unwrap_or_default();
            let word_before = head.chars().next_back().is_some_and(is_word_char);
            let word_after = tail.chars().next().is_some_and(is_word_char);
            for p in patterns {
                if (p.bound_start && word_before) || (p.bound_end && word_after) {
                    continue;
                }
                let start = if p.open_start {
                    m.start - word_run_len(head.chars().rev())
                } else {
                    m.start
                };
                let end = if p.open_end {
                    m.end + word_run_len(tail.chars())
                } else {
                    m.end
                };
                match p.role {
                    Role::Flag { term } => hits.push(Hit {
                        class: p.class,
                        term,
                        start,
                        end,
                    }),
                    Role::Exclude => {
                        if let Some(list) = excludes.get_mut(slot(p.class)) {
                            list.push((start, end));
                        }
                    }
                    Role::OuterBox => outer_box.push((start, end)),
                    Role::OuterBoxExclude => {
                        if let Some(list) = excludes.get_mut(slot(ItemClass::Ordinary)) {
                            list.push((start, end));
                        }
                    }
                    Role::Context { word } => {
                        seen.insert(word);
                    }
                    Role::Sense => senses.push((start, end)),
                    Role::Boilerplate => boilerplate.push(start),
                    Role::Statement => statements.push(end),
                }
            }
        }
        // Sentences are cut in the original text, where the seller's line breaks still are.
        let sentences = if field == Field::Description {
            Sentences::new(text)
        } else {
            Sentences::default()
        };
        let sentence_of = |folded_at: usize| {
            sentences.index_of(folded.original_bytes(folded_at..folded_at).start)
        };
        let mut boilerplate: Vec<usize> = boilerplate.into_iter().map(sentence_of).collect();
        boilerplate.sort_unstable();
        statements.sort_unstable();
        // A description's match is read when it follows a statement phrase closely, in the same
        // sentence: 「材質：陶器」, 「素材 ガラス」, "Material: porcelain". The nearest phrase before
        // it decides: any other is further away.
        let stated = |at: usize| {
            let before = statements.partition_point(|&end| end <= at);
            before
                .checked_sub(1)
                .and_then(|i| statements.get(i))
                .is_some_and(|&end| {
                    at - end <= STATEMENT_REACH && sentence_of(end) == sentence_of(at)
                })
        };
        let in_boilerplate = |at: usize| boilerplate.binary_search(&sentence_of(at)).is_ok();
        found.seen.union_with(&found.in_field);
        let seen = &found.in_field;
        let covers: Vec<Covers> = excludes.into_iter().map(Covers::new).collect();
        let senses = Covers::new(senses);
        let covered = |class: ItemClass, start: usize, end: usize| {
            covers
                .get(slot(class))
                .is_some_and(|c| c.covers(start, end))
        };
        if outer_box
            .iter()
            .any(|&(s, e)| !covered(ItemClass::Ordinary, s, e))
        {
            found.outer_box = true;
        }
        hits.retain(|h| {
            let cancelled = self
                .terms
                .get(h.term)
                .is_some_and(|t| t.unless.iter().any(|&w| seen.contains(w)));
            !cancelled
                && !covered(h.class, h.start, h.end)
                && !senses.covers(h.start, h.end)
                && (field != Field::Description || (stated(h.start) && !in_boilerplate(h.start)))
                && !mixes_kana(
                    text.get(folded.original_bytes(h.start..h.end))
                        .unwrap_or_default(),
                )
        });
        // A class yields to another found in the same field (a CD's title may say 「Glass」).
        let present: Vec<ItemClass> = FLAGGED
            .into_iter()
            .filter(|c| hits.iter().any(|h| h.class == *c))
            .collect();
        hits.retain(|h| {
            self.yields
                .get(slot(h.class))
                .is_none_or(|to| !to.iter().any(|c| present.contains(c)))
        });
        // Keep the outermost match of a class: 「ワイングラス」, not also 「グラス」 inside it; the
        // same span from two languages' terms is one finding.
        hits.sort_unstable_by_key(|h| (slot(h.class), h.start, core::cmp::Reverse(h.end), h.term));
        let mut reach: [Option<usize>; 4] = [None; 4];
        for h in hits {
            let Some(r) = reach.get_mut(slot(h.class)) else {
                continue;
            };
            if r.is_some_and(|r| r >= h.end) {
                continue;
            }
            *r = Some(h.end);
            let term = self.terms.get(h.term);
            let basis = if term.is_some_and(|t| t.hint) {
                Basis::Hint
            } else {
                Basis::Statement
            };
            found.classes_hit.push((field, h.class, basis));
            if found.listed_in_field >= limits::MAX_FINDINGS_PER_FIELD {
                found.omitted = found.omitted.saturating_add(1);
                continue;
            }
            found.listed_in_field += 1;
            let span = folded.original_utf16(h.start..h.end);
            let bytes = folded.original_bytes(h.start..h.end);
            found.findings.push(Finding {
                class: h.class,
                field,
                term: term.map(|t| t.written.clone()).unwrap_or_default(),
                text: text.get(bytes).unwrap_or_default().to_owned(),
                start: u32::try_from(span.start).unwrap_or(u32::MAX),
                end: u32::try_from(span.end).unwrap_or(u32::MAX),
            });
        }
        found.listed_in_field = 0;
    }

    /// Screens one listing; `policy` gives the clauses and messages.
    pub fn screen(
        &self,
        policy: &Policy,
        listing: &Listing,
        locale: Locale,
    ) -> Result<Screening, Error> {
        listing.check()?;
        let automaton = self.automaton()?;
        let mut found = Scan {
            seen: WordSet::new(self.context_words),
            in_field: WordSet::new(self.context_words),
            ..Scan::default()
        };
        self.scan(automaton, Field::Title, &listing.title, &mut found);
        if let Some(d) = &listing.description {
            self.scan(automaton, Field::Description, d, &mut found);
        }
        let category = self.category_rule(listing, &found.seen);
        let msg = policy.messages();
        let clause_of = |class: ItemClass| {
            self.class_clauses
                .iter()
                .find(|(c, _)| *c == class)
                .map(|(_, k)| k.clone())
                .unwrap_or_default()
        };
        // The title outweighs the description: the seller's free text ("kept in a glass case",
        // "with a bonus poster") is read only when the title names no class.
        let title_names_a_class = found
            .classes_hit
            .iter()
            .any(|(f, _, b)| *f == Field::Title && *b == Basis::Statement);
        let counts = |field: Field| field == Field::Title || !title_names_a_class;
        let mut flags = Vec::new();
        for class in FLAGGED {
            let (decided_by, basis, rule) = match category {
                Some(r) if r.is_not.contains(&class) => continue,
                Some(r) if r.is.contains(&class) => {
                    (Field::Category, Basis::Category, r.id.clone())
                }
                _ => {
                    // The strongest finding of the class decides: the title's before the
                    // description's, a statement before a hint.
                    let best = found
                        .classes_hit
                        .iter()
                        .filter(|(f, c, _)| *c == class && counts(*f))
                        .min_by_key(|(f, _, b)| (*b, *f != Field::Title));
                    match best {
                        Some((field, _, basis)) => (*field, *basis, "terms".to_owned()),
                        None => continue,
                    }
                }
            };
            flags.push(Flag {
                class,
                decided_by,
                basis,
                rule,
                clause: clause_of(class),
                message: msg.word("class", class.as_str(), locale),
            });
        }
        // Findings of a class the category rules out, or of a description the title outweighs,
        // are not shown as reasons.
        let findings: Vec<Finding> = found
            .findings
            .into_iter()
            .filter(|f| counts(f.field) && flags.iter().any(|fl| fl.class == f.class))
            .collect();
        let has = |c: ItemClass| flags.iter().any(|f| f.class == c);
        let class = FLAGGED
            .into_iter()
            .find(|c| has(*c))
            .unwrap_or(ItemClass::Ordinary);
        let notice_clause = |n: Notice| {
            policy
                .document()
                .screening
                .notice_clauses
                .get(&n)
                .cloned()
                .unwrap_or_default()
        };
        let mut notices = Vec::new();
        let mut notice = |n: Notice| {
            notices.push(NoticeItem {
                notice: n,
                clause: notice_clause(n),
                message: msg.word("notice", n.as_str(), locale),
            })
        };
        match listing.condition {
            Some(Condition::SecondHand) => notice(Notice::SecondHandWear),
            Some(Condition::New) => notice(Notice::MayBeUnsealed),
            None => {}
        }
        if found.outer_box {
            notice(Notice::OuterBoxNotCompensable);
        }
        Ok(Screening {
            id: listing.id.clone(),
            class,
            fragile: has(ItemClass::Fragile),
            non_compensable: has(ItemClass::CdDvdBd) || has(ItemClass::PaperProduct),
            flags,
            findings,
            findings_omitted: found.omitted,
            notices,
        })
    }
}

#[derive(Default)]
struct Scan {
    findings: Vec<Finding>,
    /// Every class kept in a field, listed or not, with what it rests on.
    classes_hit: Vec<(Field, ItemClass, Basis)>,
    omitted: u32,
    outer_box: bool,
    /// Findings listed for the field being scanned.
    listed_in_field: usize,
    /// Context words seen in any field.
    seen: WordSet,
    /// Context words seen in the field being scanned.
    in_field: WordSet,
}

/// Where a description's sentences end, as byte offsets into the original text: at line
/// breaks, 。！？!?, bullets and brackets (■●◆★※【】…), and a full stop before a space.
#[derive(Default)]
struct Sentences {
    /// The offset just past each break, ascending.
    breaks: Vec<usize>,
}

impl Sentences {
    fn new(text: &str) -> Sentences {
        let mut breaks = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let next_is_space = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
            let ends = match c {
                '\n' | '\r' | '。' | '！' | '？' | '!' | '?' | '■' | '□' | '●' | '○' | '◆'
                | '◇' | '★' | '☆' | '※' | '【' | '】' | '▼' | '▲' | '◎' | '♪' | '|' | '｜'
                | '＊' | '･' | '・' => c != '・' || next_is_space,
                '.' | '．' => next_is_space,
                _ => false,
            };
            if ends {
                breaks.push(at + c.len_utf8());
            }
        }
        Sentences { breaks }
    }

    /// The index of the sentence holding byte `at`.
    fn index_of(&self, at: usize) -> usize {
        self.breaks.partition_point(|&b| b <= at)
    }
}

/// A set of context word indexes, one bit each.
#[derive(Default)]
struct WordSet(Vec<u64>);

impl WordSet {
    fn new(words: usize) -> WordSet {
        WordSet(vec![0; words.div_ceil(64)])
    }

    fn insert(&mut self, word: usize) {
        if let Some(bits) = self.0.get_mut(word / 64) {
            *bits |= 1 << (word % 64);
        }
    }

    fn contains(&self, word: usize) -> bool {
        self.0
            .get(word / 64)
            .is_some_and(|bits| bits & (1 << (word % 64)) != 0)
    }

    fn clear(&mut self) {
        self.0.fill(0);
    }

    fn union_with(&mut self, other: &WordSet) {
        for (bits, more) in self.0.iter_mut().zip(&other.0) {
            *bits |= more;
        }
    }
}

/// How far (in folded bytes, about twenty Japanese characters) a description's match may follow
/// the statement phrase it is read under.
const STATEMENT_REACH: usize = 60;

/// Whether a match mixes hiragana and katakana: a word is written in one of them, so such a
/// match runs across two words (「なが**らス**トーリー」 is no 「ガラス」).
fn mixes_kana(text: &str) -> bool {
    let hiragana = text.chars().any(|c| ('\u{3041}'..='\u{3096}').contains(&c));
    let katakana = text.chars().any(|c| ('\u{30A1}'..='\u{30FA}').contains(&c));
    hiragana && katakana
}

/// The prefix of a category rule's index keys: the marketplace whose taxonomy it reads, or
/// none for Mercari's.
fn scope_key(marketplace: Option<Marketplace>) -> &'static str {
    match marketplace {
        None => "\t",
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
mod tests {
    use super::*;

    #[test]
    fn covers_answers_whether_one_span_contains_another() {
        let c = Covers::new(vec![(10, 20), (0, 4), (3, 12)]);
        assert!(c.covers(0, 4));
        assert!(c.covers(5, 12));
        assert!(c.covers(12, 20));
        assert!(!c.covers(2, 13));
        assert!(!c.covers(19, 21));
        assert!(!Covers::new(Vec::new()).covers(0, 0));
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

    #[test]
    fn digit_wildcards_expand_to_every_digit() {
        let e = expand_digits("cd-#");
        assert_eq!(e.len(), 10);
        assert_eq!(e.first().map(String::as_str), Some("cd-0"));
        assert_eq!(expand_digits("a##").len(), 100);
        assert_eq!(expand_digits("plain"), vec!["plain".to_owned()]);
    }
}
