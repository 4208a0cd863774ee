//! Compiling a document's screening rules into a [`Screener`]: every term, hint, exclusion,
//! sense, context word and description phrase folded into the needles of one automaton, each
//! with the roles it plays, and the category rules indexed by marketplace, code and path.

use crate::policy::map::Map;
use std::sync::OnceLock;

use crate::error::{Error, ErrorKind};
use crate::policy::document::{code_number, ScreeningRules, TermLists};
use crate::policy::vocabulary::{ItemClass, Marketplace};
use crate::screen::matcher::Matcher;
use crate::screen::{
    path_key, scope_key, slot, CategoryIndex, CompiledCategoryRule, CompiledShape, FlagTerm, Parts,
    Pattern, Role, Screener,
};
use crate::text::{fold, is_word_char};

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

/// A needle's first eight bytes as a big-endian number, zero-padded: needles that differ in
/// those bytes order as this number does (a folded needle holds no NUL).
fn prefix_key(text: &str) -> u64 {
    let mut key = [0u8; 8];
    for (k, b) in key.iter_mut().zip(text.bytes()) {
        *k = b;
    }
    u64::from_be_bytes(key)
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
/// Which of a class's lists a flagging term comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TermKind {
    Term,
    Hint,
    Vessel,
}

#[derive(Default)]
struct Builder<'d> {
    /// Every folded needle with the index of its pattern.
    needles: Vec<(String, usize)>,
    patterns: Vec<Pattern>,
    terms: Vec<FlagTerm>,
    /// The terms' written forms, side by side.
    texts: String,
    /// Context words by their written form, sorted, with their index, so one word used by many
    /// terms is matched once (a binary search: a linear one took most of the compile time).
    context: Vec<(&'d str, usize)>,
    /// The context words of each named list cited so far.
    lists: Vec<(&'d str, Vec<usize>)>,
    /// The distinct `unless` lists, and each one's index among them.
    unless_lists: Vec<Vec<usize>>,
    interned: Map<Vec<usize>, usize>,
}

impl<'d> Builder<'d> {
    /// Adds a flagging term, returning its index.
    fn term(&mut self, written: &str, kind: TermKind, unless: usize) -> Result<usize, Error> {
        let too_long = || {
            Error::new(
                ErrorKind::InvalidPolicy,
                "screening",
                "the terms' written forms are longer than 4 GiB".to_owned(),
            )
        };
        let start = u32::try_from(self.texts.len()).map_err(|_| too_long())?;
        self.texts.push_str(written);
        let end = u32::try_from(self.texts.len()).map_err(|_| too_long())?;
        self.terms.push(FlagTerm {
            written: start..end,
            hint: kind == TermKind::Hint,
            vessel: kind == TermKind::Vessel,
            unless,
        });
        Ok(self.terms.len() - 1)
    }

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

    /// The index of `list` among the distinct `unless` lists.
    fn intern(&mut self, list: Vec<usize>) -> usize {
        if let Some(&at) = self.interned.get(&list) {
            return at;
        }
        let at = self.unless_lists.len();
        self.unless_lists.push(list.clone());
        self.interned.insert(list, at);
        at
    }

    /// The context words of an `unless` list, with `@name` expanded from the named lists.
    fn unless_words(
        &mut self,
        words: &'d [String],
        lists: &'d Map<String, Vec<String>>,
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
                    // Sorted once, so that a term citing only this list needs no sort.
                    crate::sort::sort(&mut ids);
                    ids.dedup();
                    out.extend_from_slice(&ids);
                    self.lists.push((name, ids));
                }
                None => out.push(self.context_word(word, here)?),
            }
        }
        crate::sort::sort(&mut out);
        out.dedup();
        Ok(out)
    }

    fn context_word(
        &mut self,
        written: &'d str,
        path: impl FnOnce() -> String,
    ) -> Result<usize, Error> {
        let at = match self.context.binary_search_by(|(w, _)| (*w).cmp(written)) {
            Ok(found) => return Ok(self.context.get(found).map_or(0, |&(_, i)| i)),
            Err(at) => at,
        };
        let word = self.context.len();
        self.push(written, path, ItemClass::Ordinary, Role::Context { word })?;
        self.context.insert(at, (written, word));
        Ok(word)
    }

    fn flag_terms(
        &mut self,
        lists: &'d TermLists,
        contexts: &'d Map<String, Vec<String>>,
        base: &dyn Fn() -> String,
        class: ItemClass,
        kind: TermKind,
        class_unless: &[usize],
    ) -> Result<(), Error> {
        for (lang, list) in lists {
            for (i, term) in list.iter().enumerate() {
                let path = || format!("{}.{lang}[{i}]", base());
                let mut unless =
                    self.unless_words(term.unless(), contexts, &|| format!("{}.unless", path()))?;
                if !class_unless.is_empty() {
                    unless.extend_from_slice(class_unless);
                    crate::sort::sort(&mut unless);
                    unless.dedup();
                }
                let unless = self.intern(unless);
                let index = self.term(term.text(), kind, unless)?;
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

/// The automaton over every needle (the shipped policy's is built by `build.rs` and read).
fn build_automaton(needles: &[String]) -> Result<Matcher, Error> {
    Matcher::new(needles).map_err(|e| {
        Error::new(
            ErrorKind::InvalidPolicy,
            "screening",
            format!("the terms cannot be compiled: {e}"),
        )
    })
}

impl CategoryIndex {
    /// Indexes `rules`, their path segments folded by `fold_segment`.
    pub(super) fn new(
        rules: &[CompiledCategoryRule],
        mut fold_segment: impl FnMut(&str) -> String,
    ) -> CategoryIndex {
        let mut by_code = Vec::new();
        let mut by_range = Vec::new();
        let mut by_path = Vec::new();
        let mut max_path_len = 0;
        let mut segment_folds = Vec::new();
        let mut folded_segments = Vec::new();
        let mut scoped = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            let scope = scope_key(r.marketplace);
            for code in &r.codes {
                match code
                    .split_once('-')
                    .and_then(|(lo, hi)| Some((code_number(lo)?, code_number(hi)?)))
                {
                    Some((lo, hi)) => by_range.push((scope, lo, hi, i)),
                    None => by_code.push((format!("{scope}{code}"), i)),
                }
            }
            if let Some(m) = r.marketplace.filter(|m| *m != Marketplace::Mercari) {
                if !scoped.contains(&m) {
                    scoped.push(m);
                }
            }
            if !r.path.is_empty() {
                max_path_len = max_path_len.max(r.path.len());
                let mut key = scope.to_owned();
                for written in &r.path {
                    let folded = fold_segment(written);
                    path_key(&mut key, &folded);
                    segment_folds.push((written.clone(), folded_segments.len()));
                    folded_segments.push(folded);
                }
                by_path.push((key, i));
            }
        }
        CategoryIndex {
            by_code: crate::sort::sort_moved(by_code),
            by_range,
            by_path: crate::sort::sort_moved(by_path),
            max_path_len,
            segment_folds: crate::sort::sort_moved(segment_folds),
            folded_segments,
            scoped,
        }
    }
}

impl Screener {
    /// Compiles the screening rules of a (validated) document.
    pub fn compile(rules: &ScreeningRules) -> Result<Screener, Error> {
        Parts::compile(rules)?.index()
    }
}

impl Parts {
    /// Compiles a document's rules into their parts, in the document's order.
    pub(crate) fn compile(rules: &ScreeningRules) -> Result<Parts, Error> {
        let mut b = Builder::default();
        let mut shapes = Vec::new();
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
                TermKind::Term,
                &class_unless,
            )?;
            b.flag_terms(
                &class_terms.hints,
                &rules.context_lists,
                &|| format!("screening.classes.{class}.hints"),
                *class,
                TermKind::Hint,
                &class_unless,
            )?;
            b.flag_terms(
                &class_terms.vessels,
                &rules.context_lists,
                &|| format!("screening.classes.{class}.vessels"),
                *class,
                TermKind::Vessel,
                &class_unless,
            )?;
            for (i, rule) in class_terms.shapes.iter().enumerate() {
                let mut unless = b.unless_words(&rule.unless, &rules.context_lists, &|| {
                    format!("screening.classes.{class}.shapes[{i}].unless")
                })?;
                unless.extend_from_slice(&class_unless);
                crate::sort::sort(&mut unless);
                unless.dedup();
                shapes.push(CompiledShape {
                    shape: rule.shape,
                    class: *class,
                    term: b.terms.len(),
                });
                let unless = b.intern(unless);
                b.term(rule.shape.as_str(), TermKind::Hint, unless)?;
            }
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
            &rules.accessories.parts,
            &|| "screening.accessories.parts".to_owned(),
            ItemClass::Ordinary,
            Role::Part,
        )?;
        b.plain_terms(
            &rules.accessories.with,
            &|| "screening.accessories.with".to_owned(),
            ItemClass::Ordinary,
            Role::With,
        )?;
        b.plain_terms(
            &rules.accessories.attached,
            &|| "screening.accessories.attached".to_owned(),
            ItemClass::Ordinary,
            Role::Attached,
        )?;
        b.plain_terms(
            &rules.accessories.serves,
            &|| "screening.accessories.serves".to_owned(),
            ItemClass::Ordinary,
            Role::Serves,
        )?;
        b.plain_terms(
            &rules.accessories.closing,
            &|| "screening.accessories.closing".to_owned(),
            ItemClass::Ordinary,
            Role::Closing,
        )?;
        b.plain_terms(
            &rules.description.statements,
            &|| "screening.description.statements".to_owned(),
            ItemClass::Ordinary,
            Role::Statement,
        )?;
        b.plain_terms(
            &rules.description.digital_only,
            &|| "screening.description.digital_only".to_owned(),
            ItemClass::Ordinary,
            Role::DigitalOnly,
        )?;
        let mut categories = Vec::with_capacity(rules.categories.len());
        for (i, r) in rules.categories.iter().enumerate() {
            let unless = b.unless_words(&r.unless, &rules.context_lists, &|| {
                format!("screening.categories[{i}].unless")
            })?;
            let unless = b.intern(unless);
            categories.push(CompiledCategoryRule {
                id: r.id.clone(),
                marketplace: r.marketplace,
                codes: r.codes.clone(),
                path: r.path.clone(),
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
        let class_clauses = rules
            .classes
            .iter()
            .map(|(c, t)| (*c, t.clause.clone()))
            .collect();
        let notice_clauses = rules
            .notice_clauses
            .iter()
            .map(|(n, c)| (*n, c.clone()))
            .collect();
        let context_words = b.context.len();
        Ok(Parts {
            needles: b.needles.into_iter().map(|(text, _)| text).collect(),
            patterns: b.patterns,
            terms: b.terms,
            texts: b.texts.into_bytes(),
            unless_lists: b.unless_lists,
            shapes,
            context_words,
            categories,
            class_clauses,
            notice_clauses,
            yields,
        })
    }
}

impl Parts {
    /// The screener: the needles grouped into the automaton's patterns, the automaton built and
    /// the category rules indexed.
    pub(crate) fn index(self) -> Result<Screener, Error> {
        // One automaton pattern per distinct needle (two languages, or a term and a context word,
        // may fold to the same text), with the patterns it stands for in `patterns[starts[n]..]`.
        // Numbered in byte order, as the trie numbers them, so that a frozen trie numbers them
        // alike; sorted through each needle's first eight bytes taken once as a number: most
        // needles differ there, so most comparisons are of two integers (sorting the strings
        // was a sixth of the compile time; this takes it from 1.1 to 0.6 ms natively).
        let all = self.needles;
        let mut order: Vec<(u64, u32)> = all
            .iter()
            .enumerate()
            .map(|(i, text)| (prefix_key(text), i as u32))
            .collect();
        crate::sort::sort_by(&mut order, |&(ka, a), &(kb, b)| {
            ka.cmp(&kb)
                .then_with(|| match (all.get(a as usize), all.get(b as usize)) {
                    (Some(x), Some(y)) => x.cmp(y),
                    _ => a.cmp(&b),
                })
                .is_lt()
        });
        let mut all = all;
        let mut needles: Vec<String> = Vec::new();
        let mut starts = Vec::new();
        let mut patterns = Vec::with_capacity(all.len());
        for &(_, i) in &order {
            let Some(text) = all.get_mut(i as usize) else {
                continue;
            };
            if needles.last().map(String::as_str) != Some(text.as_str()) {
                starts.push(patterns.len());
                needles.push(std::mem::take(text));
            }
            patterns.extend(self.patterns.get(i as usize).copied());
        }
        starts.push(patterns.len());
        let automaton = build_automaton(&needles)?;
        Ok(Screener {
            automaton,
            patterns,
            starts,
            terms: self.terms,
            texts: self.texts,
            unless_lists: self.unless_lists,
            shapes: self.shapes,
            context_words: self.context_words,
            categories: OnceLock::from(self.categories),
            frozen_categories: None,
            index: OnceLock::new(),
            class_clauses: self.class_clauses,
            notice_clauses: self.notice_clauses,
            yields: self.yields,
        })
    }
}

impl Screener {
    /// The number of compiled patterns (terms, exclusions and context words after `#`
    /// expansion).
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// The number of category rules.
    pub fn category_rule_count(&self) -> usize {
        self.categories().len()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn digit_wildcards_expand_to_every_digit() {
        let e = expand_digits("cd-#");
        assert_eq!(e.len(), 10);
        assert_eq!(e.first().map(String::as_str), Some("cd-0"));
        assert_eq!(expand_digits("a##").len(), 100);
        assert_eq!(expand_digits("plain"), vec!["plain".to_owned()]);
    }
}
