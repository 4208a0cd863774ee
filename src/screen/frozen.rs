//! A compiled [`Screener`] as bytes: `build.rs` compiles the shipped policy's screening rules and
//! writes them in this form, and the crate reads them back, so that a page neither reads the
//! screening rules nor folds, sorts and groups ~6,000 needles: they are written sorted and
//! front-coded, the automaton's trie is built from them in one pass, and each term whose text is
//! one of its needles is a range of the needles as they were read, one after another (no string
//! per term, no walk up the trie). The category rules come last, after their length, and are
//! read only when the first listing with a category is screened (`read_categories`): a page of
//! titles alone never makes their ~2,000 strings.
//!
//! The form is the compiled screener's own fields in order, numbers as LEB128 varints, text
//! ending at a NUL, words of the policy's vocabulary by their wire names. It is written and read
//! by the same build of the same code (the bytes never leave the crate), so it carries no
//! layout; the reader still checks every count, word, needle order and UTF-8 sequence and that
//! nothing is left over, and a unit test proves that what it reads equals the screener
//! compiled at run time and writes back to the same bytes. This file uses nothing but `std` and
//! the crate's vocabulary, so that `build.rs` can include it.

use core::fmt;
use std::sync::OnceLock;

use crate::policy::vocabulary::{ItemClass, Marketplace, Notice, TitleShape};
use crate::screen::matcher::{Builder, NotSorted};
use crate::screen::{slot, CompiledCategoryRule, CompiledShape, FlagTerm, Pattern, Role, Screener};

/// The first bytes of a frozen screener; the digit is the form's version.
const MAGIC: &[u8; 8] = b"ASSCRN5\n";

/// The classes by [`slot`].
const BY_SLOT: [ItemClass; 4] = [
    ItemClass::Fragile,
    ItemClass::CdDvdBd,
    ItemClass::PaperProduct,
    ItemClass::Ordinary,
];

/// Role tags, in the order of [`Role`]'s variants.
const FLAG: u8 = 0;
const EXCLUDE: u8 = 1;
const OUTER_BOX: u8 = 2;
const OUTER_BOX_EXCLUDE: u8 = 3;
const CONTEXT: u8 = 4;
const SENSE: u8 = 5;
const BOILERPLATE: u8 = 6;
const STATEMENT: u8 = 7;
const DIGITAL_ONLY: u8 = 12;
const PART: u8 = 8;
const WITH: u8 = 9;
const ATTACHED: u8 = 10;
const SERVES: u8 = 11;
const CLOSING: u8 = 13;

/// In a pattern's bits: the first pattern of the next needle.
const NEXT_NEEDLE: u8 = 1 << 6;

/// What does not fit in a frozen screener, and the byte offset where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FrozenError {
    at: usize,
    what: &'static str,
}

impl fmt::Display for FrozenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "frozen screener, byte {}: {}", self.at, self.what)
    }
}

/// Writes a compiled screener.
#[cfg_attr(
    not(test),
    allow(
        dead_code,
        reason = "build.rs, which includes this file, and the tests write"
    )
)]
pub(crate) fn write(screener: &Screener) -> Vec<u8> {
    let mut w = Writer(MAGIC.to_vec());
    let p = screener;
    // The needles in byte order (the trie's numbering), each as the length it shares with the
    // one before, the length of the rest, and the rest, after their number and the trie's
    // (those rests add up to it): the trie is built from them in one pass.
    let speller = p.automaton.speller();
    w.count(speller.len());
    w.count(p.automaton.states() - 1);
    let mut previous = Vec::new();
    for n in 0..speller.len() {
        let needle = speller.spell(n).unwrap_or_default();
        let shared = previous
            .iter()
            .zip(&needle)
            .take_while(|(a, b)| a == b)
            .count();
        let rest = needle.get(shared..).unwrap_or_default();
        w.count(shared);
        w.count(rest.len());
        w.0.extend_from_slice(rest);
        previous = needle;
    }
    // The patterns, needle by needle in the trie's order: each one's bits and role, then the
    // flagging terms' numbers, then the context words', each as the step from the one before
    // (zigzag: neighbouring needles often stand for the same term).
    w.count(p.patterns.len());
    let mut next_start = p.starts.iter().skip(1).peekable();
    for (i, pattern) in p.patterns.iter().enumerate() {
        let mut next_needle = false;
        while next_start.next_if(|&&s| s <= i).is_some() {
            next_needle = i > 0;
        }
        w.byte(
            slot(pattern.class) as u8
                | u8::from(pattern.bound_start) << 2
                | u8::from(pattern.bound_end) << 3
                | u8::from(pattern.open_start) << 4
                | u8::from(pattern.open_end) << 5
                | if next_needle { NEXT_NEEDLE } else { 0 },
        );
        match pattern.role {
            Role::Flag { .. } => w.byte(FLAG),
            Role::Context { .. } => w.byte(CONTEXT),
            Role::Exclude => w.byte(EXCLUDE),
            Role::OuterBox => w.byte(OUTER_BOX),
            Role::OuterBoxExclude => w.byte(OUTER_BOX_EXCLUDE),
            Role::Sense => w.byte(SENSE),
            Role::Boilerplate => w.byte(BOILERPLATE),
            Role::Statement => w.byte(STATEMENT),
            Role::DigitalOnly => w.byte(DIGITAL_ONLY),
            Role::Part => w.byte(PART),
            Role::With => w.byte(WITH),
            Role::Attached => w.byte(ATTACHED),
            Role::Serves => w.byte(SERVES),
            Role::Closing => w.byte(CLOSING),
        }
    }
    let (mut last_term, mut last_word) = (0, 0);
    for pattern in &p.patterns {
        if let Role::Flag { term } = pattern.role {
            w.step(&mut last_term, term);
        }
    }
    for pattern in &p.patterns {
        if let Role::Context { word } = pattern.role {
            w.step(&mut last_word, word);
        }
    }
    w.count(p.unless_lists.len());
    for list in &p.unless_lists {
        w.ascending(list);
    }
    // A term is mostly written as one of its needles folds, with or without a `*` at either
    // end: then it is 1, plus 1 for a leading `*` and 2 for a trailing one, plus 4 times which
    // of its needles it is (in the trie's order); otherwise 0 and its text.
    w.count(p.terms.len());
    for (term, t) in p.terms.iter().enumerate() {
        let written = p.written(t);
        let stars = usize::from(written.starts_with('*') && written.len() > 1)
            + 2 * usize::from(written.ends_with('*') && written.len() > 1);
        let spelled = needles_of(&p.patterns, &p.starts, term).position(|n| {
            speller
                .spell(n)
                .is_some_and(|needle| starred(&needle, stars) == written.as_bytes())
        });
        match spelled {
            Some(k) => w.count(1 + stars + 4 * k),
            None => {
                w.count(0);
                w.text(written);
            }
        }
        w.byte(u8::from(t.hint) | u8::from(t.vessel) << 1);
        w.count(t.unless);
    }
    w.count(p.shapes.len());
    for shape in &p.shapes {
        w.text(shape.shape.as_str());
        w.class(shape.class);
        w.count(shape.term);
    }
    w.count(p.context_words);
    // The category rules after their length: read when the first listing with a category is
    // screened (`read_categories`).
    let mut rules = Writer(Vec::new());
    let categories = p.categories();
    rules.count(categories.len());
    for c in categories {
        rules.text(&c.id);
        rules.text(c.marketplace.map_or("", Marketplace::as_str));
        rules.count(c.codes.len());
        for code in &c.codes {
            rules.text(code);
        }
        rules.count(c.path.len());
        for segment in &c.path {
            rules.text(segment);
        }
        rules.classes(&c.is);
        rules.classes(&c.is_not);
        rules.count(c.unless);
    }
    w.count(rules.0.len());
    w.0.extend_from_slice(&rules.0);
    w.count(p.class_clauses.len());
    for (class, clause) in &p.class_clauses {
        w.class(*class);
        w.text(clause);
    }
    w.count(p.notice_clauses.len());
    for (notice, clause) in &p.notice_clauses {
        w.text(notice.as_str());
        w.text(clause);
    }
    for y in &p.yields {
        w.classes(y);
    }
    w.0
}

/// Each needle's number and patterns.
fn needle_patterns<'p>(
    patterns: &'p [Pattern],
    starts: &'p [usize],
) -> impl Iterator<Item = (usize, &'p [Pattern])> + 'p {
    starts.windows(2).enumerate().map(|(n, w)| match *w {
        [from, to] => (n, patterns.get(from..to).unwrap_or_default()),
        _ => (n, &[][..]),
    })
}

/// Term `term`'s needles (the ones its flagging patterns look for), in the trie's order.
fn needles_of<'p>(
    patterns: &'p [Pattern],
    starts: &'p [usize],
    term: usize,
) -> impl Iterator<Item = usize> + 'p {
    needle_patterns(patterns, starts).filter_map(move |(n, own)| {
        own.iter()
            .any(|p| p.role == Role::Flag { term })
            .then_some(n)
    })
}

/// Each term's first needle, in the trie's order.
fn first_needles(patterns: &[Pattern], starts: &[usize], terms: usize) -> Vec<Option<usize>> {
    let mut first = vec![None; terms];
    for (n, own) in needle_patterns(patterns, starts) {
        for pattern in own {
            if let Role::Flag { term } = pattern.role {
                if let Some(slot @ None) = first.get_mut(term) {
                    *slot = Some(n);
                }
            }
        }
    }
    first
}

/// `needle` with a `*` before it (`stars & 1`) and after it (`stars & 2`).
fn starred(needle: &[u8], stars: usize) -> Vec<u8> {
    let mut written = Vec::with_capacity(needle.len() + 2);
    if stars & 1 != 0 {
        written.push(b'*');
    }
    written.extend_from_slice(needle);
    if stars & 2 != 0 {
        written.push(b'*');
    }
    written
}

/// Reads a frozen screener.
pub(crate) fn read(bytes: &[u8]) -> Result<Screener, FrozenError> {
    let mut r = Reader { bytes, at: 0 };
    if bytes.get(..MAGIC.len()) != Some(MAGIC.as_slice()) {
        return Err(r.error("not a frozen screener of this version"));
    }
    r.at = MAGIC.len();
    let needles = r.count()?;
    let at = r.at;
    let not_sorted = |_: NotSorted| FrozenError {
        at,
        what: "the needles are not in order, or not as many bytes as said",
    };
    let nodes = r.count()?;
    let mut builder = Builder::new(nodes).map_err(not_sorted)?;
    // Every needle spelled out, one after another (`ends[n]` where needle `n` ends): most
    // terms are one of them.
    let mut texts = Vec::with_capacity(nodes.saturating_mul(2));
    let mut ends: Vec<u32> = Vec::with_capacity(needles);
    let mut previous = 0usize;
    for n in 0..needles {
        let shared = r.count()?;
        let len = r.count()?;
        let rest = r.take(len)?;
        builder.push(shared, rest, n as u32).map_err(not_sorted)?;
        // `push` took `shared` as at most the needle before's length.
        let start = texts.len();
        let end = previous
            .checked_add(shared)
            .filter(|&e| e <= start)
            .ok_or(not_sorted(NotSorted))?;
        texts.extend_from_within(previous..end);
        texts.extend_from_slice(rest);
        previous = start;
        ends.push(u32::try_from(texts.len()).map_err(|_| not_sorted(NotSorted))?);
    }
    let automaton = builder.finish().map_err(not_sorted)?;
    let n = r.count()?;
    let mut patterns = Vec::with_capacity(n);
    let mut starts = Vec::with_capacity(needles + 1);
    starts.push(0);
    let at = r.at;
    for (i, pair) in r.take(n.saturating_mul(2))?.chunks_exact(2).enumerate() {
        let &[bits, role] = pair else {
            continue;
        };
        let error = |what| FrozenError {
            at: at + 2 * i,
            what,
        };
        if bits & NEXT_NEEDLE != 0 {
            starts.push(i);
        }
        let class = *BY_SLOT
            .get(usize::from(bits & 3))
            .ok_or_else(|| error("a class slot"))?;
        let role = match role {
            FLAG => Role::Flag { term: 0 },
            CONTEXT => Role::Context { word: 0 },
            EXCLUDE => Role::Exclude,
            OUTER_BOX => Role::OuterBox,
            OUTER_BOX_EXCLUDE => Role::OuterBoxExclude,
            SENSE => Role::Sense,
            BOILERPLATE => Role::Boilerplate,
            STATEMENT => Role::Statement,
            DIGITAL_ONLY => Role::DigitalOnly,
            PART => Role::Part,
            WITH => Role::With,
            ATTACHED => Role::Attached,
            SERVES => Role::Serves,
            CLOSING => Role::Closing,
            _ => return Err(error("not a pattern's role")),
        };
        patterns.push(Pattern {
            class,
            role,
            bound_start: bits & 1 << 2 != 0,
            bound_end: bits & 1 << 3 != 0,
            open_start: bits & 1 << 4 != 0,
            open_end: bits & 1 << 5 != 0,
        });
    }
    starts.push(n);
    let (mut last_term, mut last_word) = (0, 0);
    for pattern in &mut patterns {
        if let Role::Flag { term } = &mut pattern.role {
            *term = r.step(&mut last_term)?;
        }
    }
    for pattern in &mut patterns {
        if let Role::Context { word } = &mut pattern.role {
            *word = r.step(&mut last_word)?;
        }
    }
    if starts.len() != needles + 1 || (n == 0) != (needles == 0) {
        return Err(r.error("the patterns are not one group per needle"));
    }
    let unless_lists = r.list(Reader::ascending)?;
    let list = |r: &mut Reader<'_>| {
        let at = r.at;
        Some(r.count()?)
            .filter(|&n| n < unless_lists.len())
            .ok_or(FrozenError {
                at,
                what: "not a list of context words",
            })
    };
    let n = r.count()?;
    if patterns
        .iter()
        .any(|p| matches!(p.role, Role::Flag { term } if term >= n))
    {
        return Err(r.error("a pattern flags a term that is not there"));
    }
    // A term's first needle is found in one pass; a later one (rare) by a pass of its own.
    let first = first_needles(&patterns, &starts, n);
    let mut terms = Vec::with_capacity(n);
    for (term, first) in first.into_iter().enumerate() {
        let at = r.at;
        let not_written = FrozenError {
            at,
            what: "not a term's written form",
        };
        let start = texts.len();
        let written = match r.count()? {
            0 => {
                texts.extend_from_slice(r.text()?.as_bytes());
                start..texts.len()
            }
            k => {
                let needle = match (k - 1) / 4 {
                    0 => first,
                    which => needles_of(&patterns, &starts, term).nth(which),
                }
                .ok_or(not_written.clone())?;
                let end = *ends.get(needle).ok_or(not_written.clone())? as usize;
                let from = needle
                    .checked_sub(1)
                    .map_or(Some(0), |before| ends.get(before).map(|&e| e as usize))
                    .ok_or(not_written.clone())?;
                match (k - 1) % 4 {
                    0 => from..end,
                    stars => {
                        if stars & 1 != 0 {
                            texts.push(b'*');
                        }
                        if from <= end && end <= start {
                            texts.extend_from_within(from..end);
                        }
                        if stars & 2 != 0 {
                            texts.push(b'*');
                        }
                        start..texts.len()
                    }
                }
            }
        };
        let written = u32::try_from(written.start)
            .ok()
            .zip(u32::try_from(written.end).ok())
            .map(|(s, e)| s..e)
            .ok_or(not_written)?;
        let kind = r.byte()?;
        terms.push(FlagTerm {
            written,
            hint: kind & 1 != 0,
            vessel: kind & 2 != 0,
            unless: list(&mut r)?,
        });
    }
    let shapes = r.list(|r| {
        Ok(CompiledShape {
            shape: r.word(TitleShape::from_wire)?,
            class: r.class()?,
            term: r.count()?,
        })
    })?;
    let context_words = r.count()?;
    let n = r.count()?;
    let frozen_categories = Some(Box::from(r.take(n)?));
    let class_clauses = r.list(|r| Ok((r.class()?, r.text()?.to_owned())))?;
    let notice_clauses = r.list(|r| Ok((r.word(Notice::from_wire)?, r.text()?.to_owned())))?;
    let mut yields: [Vec<ItemClass>; 4] = Default::default();
    for y in &mut yields {
        *y = r.classes()?;
    }
    if r.at != bytes.len() {
        return Err(r.error("bytes left over"));
    }
    Ok(Screener {
        automaton,
        patterns,
        starts,
        terms,
        texts,
        unless_lists,
        shapes,
        context_words,
        categories: OnceLock::new(),
        frozen_categories,
        index: OnceLock::new(),
        class_clauses,
        notice_clauses,
        yields,
    })
}

/// Reads the category rules of a frozen screener (their part of it, after its length), whose
/// rules cite `lists` lists of context words.
pub(super) fn read_categories(
    bytes: &[u8],
    lists: usize,
) -> Result<Vec<CompiledCategoryRule>, FrozenError> {
    let mut r = Reader { bytes, at: 0 };
    let categories = r.list(|r| {
        let id = r.text()?.to_owned();
        let marketplace = match r.text()? {
            "" => None,
            m => Some(Marketplace::from_wire(m).ok_or(r.error("not a marketplace"))?),
        };
        Ok(CompiledCategoryRule {
            id,
            marketplace,
            codes: r.list(|r| Ok(r.text()?.to_owned()))?,
            path: r.list(|r| Ok(r.text()?.to_owned()))?,
            is: r.classes()?,
            is_not: r.classes()?,
            unless: Some(r.count()?)
                .filter(|&n| n < lists)
                .ok_or(r.error("not a list of context words"))?,
        })
    })?;
    if r.at != bytes.len() {
        return Err(r.error("bytes left over"));
    }
    Ok(categories)
}

struct Writer(Vec<u8>);

impl Writer {
    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }

    fn number(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.0.push((n as u8 & 0x7f) | 0x80);
            n >>= 7;
        }
        self.0.push(n as u8);
    }

    fn count(&mut self, n: usize) {
        self.number(n as u64);
    }

    fn text_bytes(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
        self.0.push(0);
    }

    fn text(&mut self, text: &str) {
        self.text_bytes(text.as_bytes());
    }

    fn class(&mut self, class: ItemClass) {
        self.byte(slot(class) as u8);
    }

    fn classes(&mut self, classes: &[ItemClass]) {
        self.count(classes.len());
        for c in classes {
            self.class(*c);
        }
    }

    /// `n` as its step from `*last` (zigzag: 0, -1, 1, -2, … as 0, 1, 2, 3, …), which it
    /// becomes.
    fn step(&mut self, last: &mut usize, n: usize) {
        let step = n as i64 - *last as i64;
        self.number(((step << 1) ^ (step >> 63)) as u64);
        *last = n;
    }

    /// A list in ascending order, each number as its difference from the one before.
    fn ascending(&mut self, list: &[usize]) {
        self.count(list.len());
        let mut previous = 0;
        for &n in list {
            self.count(n.wrapping_sub(previous));
            previous = n;
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn error(&self, what: &'static str) -> FrozenError {
        FrozenError { at: self.at, what }
    }

    fn byte(&mut self) -> Result<u8, FrozenError> {
        match self.bytes.get(self.at) {
            Some(&b) => {
                self.at += 1;
                Ok(b)
            }
            None => Err(self.error("ends early")),
        }
    }

    fn number(&mut self) -> Result<u64, FrozenError> {
        // Most numbers are one byte: read without the loop (a page runs this code before its
        // engine has optimized anything).
        if let Some(&b) = self.bytes.get(self.at).filter(|&&b| b < 0x80) {
            self.at += 1;
            return Ok(u64::from(b));
        }
        let mut n = 0u64;
        let mut shift = 0;
        while shift < 64 {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(n);
            }
            shift += 7;
        }
        Err(self.error("a number runs past 64 bits"))
    }

    fn count(&mut self) -> Result<usize, FrozenError> {
        let n = self.number()?;
        // No count can exceed the bytes it describes, which also bounds every allocation.
        usize::try_from(n)
            .ok()
            .filter(|&n| n <= self.bytes.len())
            .ok_or(self.error("a count larger than the file"))
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], FrozenError> {
        let bytes = self
            .bytes
            .get(self.at..self.at.saturating_add(n))
            .ok_or(self.error("ends early"))?;
        self.at += n;
        Ok(bytes)
    }

    fn text_bytes(&mut self) -> Result<&'a [u8], FrozenError> {
        let rest = self.bytes.get(self.at..).unwrap_or_default();
        let len = rest
            .iter()
            .position(|&b| b == 0)
            .ok_or(self.error("a text without its end"))?;
        self.at += len + 1;
        Ok(rest.get(..len).unwrap_or_default())
    }

    fn text(&mut self) -> Result<&'a str, FrozenError> {
        let at = self.at;
        core::str::from_utf8(self.text_bytes()?).map_err(|_| FrozenError {
            at,
            what: "a text is not UTF-8",
        })
    }

    fn word<T>(&mut self, from_wire: fn(&str) -> Option<T>) -> Result<T, FrozenError> {
        let at = self.at;
        from_wire(self.text()?).ok_or(FrozenError {
            at,
            what: "not a word of the vocabulary",
        })
    }

    fn class(&mut self) -> Result<ItemClass, FrozenError> {
        let at = self.at;
        BY_SLOT
            .get(usize::from(self.byte()?))
            .copied()
            .ok_or(FrozenError {
                at,
                what: "not a class slot",
            })
    }

    fn classes(&mut self) -> Result<Vec<ItemClass>, FrozenError> {
        self.list(Reader::class)
    }

    /// A number written by [`Writer::step`] from `*last`, which it becomes.
    fn step(&mut self, last: &mut usize) -> Result<usize, FrozenError> {
        let z = self.number()?;
        let step = (z >> 1) as i64 ^ -((z & 1) as i64);
        let n = (*last as i64)
            .checked_add(step)
            .and_then(|n| usize::try_from(n).ok())
            .ok_or(self.error("a step out of range"))?;
        *last = n;
        Ok(n)
    }

    fn ascending(&mut self) -> Result<Vec<usize>, FrozenError> {
        let mut previous = 0usize;
        self.list(|r| {
            previous = previous
                .checked_add(r.count()?)
                .ok_or(r.error("a list overflows"))?;
            Ok(previous)
        })
    }

    fn list<T>(
        &mut self,
        mut item: impl FnMut(&mut Reader<'a>) -> Result<T, FrozenError>,
    ) -> Result<Vec<T>, FrozenError> {
        let n = self.count()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(item(self)?);
        }
        Ok(out)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::Policy;

    fn compiled() -> Screener {
        Screener::compile(Policy::shipped().screening()).unwrap()
    }

    #[test]
    fn the_frozen_shipped_screener_is_the_one_compiled_at_run_time() {
        // Every field, the automaton's included, compared through its debug form.
        assert_eq!(
            format!("{:?}", Screener::shipped()),
            format!("{:?}", compiled())
        );
        assert!(Screener::shipped().pattern_count() > 1_000);
    }

    #[test]
    fn a_frozen_screener_reads_back_to_the_bytes_it_was_written_from() {
        let bytes = write(&compiled());
        assert_eq!(write(&read(&bytes).unwrap()), bytes);
        // Most terms are spelled from the trie rather than written out (about a fifth are not:
        // terms with a `#`, capitals, full-width or hiragana, which folding changes).
        let screener = compiled();
        let written_out = screener
            .terms
            .iter()
            .map(|t| screener.written(t))
            .filter(|written| {
                bytes.windows(written.len() + 2).any(|w| {
                    w[0] == 0
                        && w[1..=written.len()] == *written.as_bytes()
                        && w[written.len() + 1] == 0
                })
            })
            .count();
        assert!(written_out * 4 < screener.terms.len(), "{written_out}");
    }

    #[test]
    fn damaged_or_cut_bytes_are_refused_never_misread() {
        let bytes = write(&compiled());
        assert!(read(&bytes[..bytes.len() - 1]).is_err());
        assert!(read(b"ASSCRN1\n").is_err());
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(read(&longer).unwrap_err().what, "bytes left over");
        // Every cut reads as an error, never a panic.
        for cut in (0..bytes.len()).step_by(97) {
            assert!(read(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        // Bytes changed here and there: an error or a screener, never a panic.
        for at in (MAGIC.len()..bytes.len()).step_by(89) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x5a;
            if let Ok(screener) = read(&damaged) {
                let _ = screener.categories();
            }
        }
        // Category rules that do not read leave the screener without any, never misread.
        let mut screener = read(&bytes).unwrap();
        screener.frozen_categories = Some(Box::from(&b"\x01rule\0"[..]));
        assert!(screener.categories().is_empty());
        assert!(read_categories(b"\x00", 0).unwrap().is_empty());
    }
}
