//! The compiled screening rules: the [`Screener`] and what it is made of (the automaton's
//! patterns and the roles they play, the flagging terms, the title shapes, the category rules
//! and their indexes). Module `compile` builds one from a document's rules, module `frozen`
//! writes and reads one as bytes (`build.rs` freezes the shipped policy's), module `scan` screens
//! a listing with it. Kept apart from the answer's types so that `build.rs` can include it.

use core::fmt;
use core::ops::Range;
use std::sync::OnceLock;

use crate::policy::vocabulary::{ItemClass, Marketplace, Notice, TitleShape};
use crate::screen::matcher::Matcher;

/// What a compiled pattern does when it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
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
    /// Says, in a description, that the listing ships nothing: a file sold for download.
    DigitalOnly,
    /// A part that follows its material (「蓋」, "lid"): the context word before it is an
    /// accessory's.
    Part,
    /// A word that introduces an accessory ("with"): the context word or class term after it
    /// is an accessory's.
    With,
    /// A word that marks what it follows as an accessory (「付き」).
    Attached,
    /// A word that introduces what the item is for ("for"): the class term after it is not the
    /// item; a context word after it still describes the item.
    Serves,
    /// A word that closes a compound naming what the item serves (「専用」, 「対応」): the class
    /// term that opens the compound is not the item.
    Closing,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Pattern {
    pub(super) class: ItemClass,
    pub(super) role: Role,
    /// Require a non-word char (or the text's edge) before / after the match.
    pub(super) bound_start: bool,
    pub(super) bound_end: bool,
    /// Written with `*` on that side: the match runs on to the edge of the word, so
    /// 「стекл*」 highlights all of 「стеклянный」 and an exclusion covers what it should.
    pub(super) open_start: bool,
    pub(super) open_end: bool,
}

#[derive(Debug, Clone)]
pub(super) struct FlagTerm {
    /// The term as written in the document: its bytes in [`Screener::texts`] (a frozen
    /// screener reads every needle into that one text, and most terms are one of them).
    pub(super) written: Range<u32>,
    /// Listed under `hints`: it flags only as a hint.
    pub(super) hint: bool,
    /// Listed under `vessels`: in a title, it yields to a description's stated material.
    pub(super) vessel: bool,
    /// The list in [`Screener::unless_lists`] of the context words that cancel it.
    pub(super) unless: usize,
}

/// A title shape, with the class it hints at and its entry in [`Screener::terms`] (its name
/// and context words).
#[derive(Debug, Clone, Copy)]
pub(super) struct CompiledShape {
    pub(super) shape: TitleShape,
    pub(super) class: ItemClass,
    pub(super) term: usize,
}

#[derive(Debug, Clone)]
pub(super) struct CompiledCategoryRule {
    pub(super) id: String,
    /// The marketplace whose taxonomy it reads, its codes and its path, as written: what the
    /// index is built from.
    pub(super) marketplace: Option<Marketplace>,
    pub(super) codes: Vec<String>,
    pub(super) path: Vec<String>,
    pub(super) is: Vec<ItemClass>,
    pub(super) is_not: Vec<ItemClass>,
    /// The list in [`Screener::unless_lists`] of the context words that set the rule aside.
    pub(super) unless: usize,
}

/// The screening rules compiled into their parts, in the document's order, before the needles
/// are grouped for the automaton and the category rules indexed ([`Parts::index`]): what
/// `build.rs` freezes (module `frozen`), since this order compresses as the document does.
#[derive(Debug, Clone)]
pub(crate) struct Parts {
    /// Every folded needle, with its pattern at the same index.
    pub(super) needles: Vec<String>,
    pub(super) patterns: Vec<Pattern>,
    pub(super) terms: Vec<FlagTerm>,
    pub(super) texts: Vec<u8>,
    pub(super) unless_lists: Vec<Vec<usize>>,
    pub(super) shapes: Vec<CompiledShape>,
    pub(super) context_words: usize,
    pub(super) categories: Vec<CompiledCategoryRule>,
    pub(super) class_clauses: Vec<(ItemClass, String)>,
    pub(super) notice_clauses: Vec<(Notice, String)>,
    pub(super) yields: [Vec<ItemClass>; 4],
}

/// The screening rules of one policy, compiled.
#[derive(Clone)]
pub struct Screener {
    /// The trie of the distinct folded needles, numbered in byte order.
    pub(super) automaton: Matcher,
    /// Every term, exclusion and context word, grouped by the automaton pattern (the distinct
    /// folded needle) that finds it: needle `n`'s are `patterns[starts[n]..starts[n + 1]]`.
    pub(super) patterns: Vec<Pattern>,
    pub(super) starts: Vec<usize>,
    pub(super) terms: Vec<FlagTerm>,
    /// The bytes the terms' written forms are ranges of (each range is UTF-8, checked when a
    /// term is spelled: a frozen screener's are mostly its needles, read without a pass over
    /// them all).
    pub(super) texts: Vec<u8>,
    /// The distinct lists of context words (sorted indexes) that terms and category rules cite:
    /// a class's words are every one of its terms', so ~1,900 terms share about a hundred lists.
    pub(super) unless_lists: Vec<Vec<usize>>,
    /// The title shapes, each read as a hint of its class.
    pub(super) shapes: Vec<CompiledShape>,
    pub(super) context_words: usize,
    /// The category rules ([`Screener::categories`]): a frozen screener reads them with their
    /// index, when the first listing with a category is screened.
    pub(super) categories: OnceLock<Vec<CompiledCategoryRule>>,
    /// A frozen screener's category rules as `build.rs` wrote them (module `frozen`), until
    /// they are read; `None` for one compiled at run time.
    pub(super) frozen_categories: Option<Box<[u8]>>,
    /// The category rules' index, built when the first listing with a category is screened.
    pub(super) index: OnceLock<CategoryIndex>,
    pub(super) class_clauses: Vec<(ItemClass, String)>,
    /// The clause behind each notice.
    pub(super) notice_clauses: Vec<(Notice, String)>,
    /// `yields[slot(c)]`: the classes whose findings in a field cancel `c`'s.
    pub(super) yields: [Vec<ItemClass>; 4],
}

/// The category rules indexed by marketplace, code, code range and folded path: built from the
/// rules when the first listing with a category is screened (a frozen screener keeps only the
/// rules, module `frozen`).
#[derive(Debug, Clone)]
pub(super) struct CategoryIndex {
    /// (category code, rule index), sorted: a code's rules in document order.
    pub(super) by_code: Vec<(String, usize)>,
    /// (scope, first, last, rule index) of the rules' code ranges, in document order.
    pub(super) by_range: Vec<(&'static str, u64, u64, usize)>,
    /// ([`path_key`] of a rule's folded path, rule index), sorted.
    pub(super) by_path: Vec<(String, usize)>,
    /// The longest rule path, so a deeper listing path is folded only as far as it can match.
    pub(super) max_path_len: usize,
    /// (segment of a rule's path as written, index of its folded form in `folded_segments`),
    /// sorted: a listing's segment written the same way (as marketplace paths mostly are) is not
    /// folded again.
    pub(super) segment_folds: Vec<(String, usize)>,
    pub(super) folded_segments: Vec<String>,
    /// The marketplaces with category rules of their own; a listing from any other is read
    /// against the rules without a marketplace (Mercari's taxonomy).
    pub(super) scoped: Vec<Marketplace>,
}

/// The classes screening can flag, in the order a claim would prefer them.
pub(super) const FLAGGED: [ItemClass; 3] = [
    ItemClass::Fragile,
    ItemClass::CdDvdBd,
    ItemClass::PaperProduct,
];

/// The slot of a flagged class in per-class tables.
pub(super) fn slot(class: ItemClass) -> usize {
    match class {
        ItemClass::Fragile => 0,
        ItemClass::CdDvdBd => 1,
        ItemClass::PaperProduct => 2,
        ItemClass::Ordinary => 3,
    }
}

/// The prefix of a category rule's index keys: the marketplace whose taxonomy it reads, or
/// none for Mercari's (a rule that names Mercari is filed with the unscoped ones, so naming it
/// hides none of them).
pub(super) fn scope_key(marketplace: Option<Marketplace>) -> &'static str {
    match marketplace {
        None | Some(Marketplace::Mercari) => "\t",
        Some(m) => m.as_str(),
    }
}

/// Appends a folded path segment to `key`, ended by a tab: folding turns every whitespace char
/// into a space, so a folded segment holds no tab, a key names one path, and a path's key starts
/// with the keys of its prefixes.
pub(super) fn path_key(key: &mut String, segment: &str) {
    key.push_str(segment);
    key.push('\t');
}

/// A term with its written form, as [`Screener`]'s debug form shows it.
struct TermView<'s>(&'s str, &'s FlagTerm);

impl fmt::Debug for TermView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FlagTerm")
            .field("written", &self.0)
            .field("hint", &self.1.hint)
            .field("vessel", &self.1.vessel)
            .field("unless", &self.1.unless)
            .finish()
    }
}

/// Every field but `Screener::texts`, whose layout depends on how the screener was made:
/// each term is shown with its written form.
impl fmt::Debug for Screener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let terms: Vec<TermView<'_>> = self
            .terms
            .iter()
            .map(|t| TermView(self.written(t), t))
            .collect();
        f.debug_struct("Screener")
            .field("automaton", &self.automaton)
            .field("patterns", &self.patterns)
            .field("starts", &self.starts)
            .field("terms", &terms)
            .field("unless_lists", &self.unless_lists)
            .field("shapes", &self.shapes)
            .field("context_words", &self.context_words)
            .field("categories", &self.categories())
            .field("index", &self.index)
            .field("class_clauses", &self.class_clauses)
            .field("notice_clauses", &self.notice_clauses)
            .field("yields", &self.yields)
            .finish()
    }
}

impl Screener {
    /// The category rules, read from a frozen screener's bytes when first needed: a page of
    /// titles alone never reads them. Bytes that do not read (never the shipped ones: a test
    /// reads them back) leave the screener without category rules rather than fail a screening.
    pub(super) fn categories(&self) -> &[CompiledCategoryRule] {
        self.categories
            .get_or_init(|| match &self.frozen_categories {
                Some(bytes) => {
                    crate::screen::frozen::read_categories(bytes, self.unless_lists.len())
                        .unwrap_or_default()
                }
                None => Vec::new(),
            })
    }

    /// A term's written form.
    pub(super) fn written(&self, term: &FlagTerm) -> &str {
        self.texts
            .get(term.written.start as usize..term.written.end as usize)
            .and_then(|bytes| core::str::from_utf8(bytes).ok())
            .unwrap_or_default()
    }

    /// Whether a word of context-word list `list` was seen.
    pub(super) fn set_aside(&self, list: usize, seen: impl Fn(usize) -> bool) -> bool {
        self.unless_lists
            .get(list)
            .is_some_and(|words| words.iter().any(|&w| seen(w)))
    }
}
