//! A compiled [`Screener`] as bytes: `build.rs` compiles the shipped policy's screening rules and
//! writes them in this form, and the crate reads them back on the first screening, so that a
//! page neither reads the screening rules nor folds, sorts and indexes ~2,900 terms at start-up;
//! only the automaton is built, from the needles, when the first listing is screened.
//!
//! The form is the compiled rules' own fields in order, numbers as LEB128 varints, text ending
//! at a NUL, words of the policy's vocabulary by their wire names, and the sorted needles each
//! written as the length it shares with the one before and the rest. It is written and read by
//! the same build of the same code (the bytes never leave the crate), so it carries no layout;
//! the reader still checks every count, word and UTF-8 sequence and that nothing is left over,
//! and a unit test proves that what it reads writes back to the same bytes as the screener
//! compiled at run time. This file uses nothing but `std` and the crate's vocabulary, so that
//! `build.rs` can include it.

use core::fmt;

use crate::policy::vocabulary::{ItemClass, Marketplace, Notice, TitleShape};
use crate::screen::{
    slot, Build, CompiledCategoryRule, CompiledShape, FlagTerm, Parts, Pattern, Role, Screener,
};

/// The first bytes of a frozen screener; the digit is the form's version.
const MAGIC: &[u8; 8] = b"ASSCRN1\n";

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
const PART: u8 = 8;
const WITH: u8 = 9;
const ATTACHED: u8 = 10;

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

/// Writes a screener's parts.
#[cfg_attr(
    not(test),
    allow(
        dead_code,
        reason = "build.rs, which includes this file, and the tests write"
    )
)]
pub(crate) fn write(parts: &Parts) -> Vec<u8> {
    let mut w = Writer(MAGIC.to_vec());
    let p = parts;
    // The needles in the document's order, each as the length it shares with the one before and
    // the rest, then its pattern; a flagging term's or context word's number as the step from
    // the one before (they are numbered in this same order, so it is mostly 0 or 1).
    w.count(p.needles.len());
    let mut previous: &[u8] = &[];
    let (mut last_term, mut last_word) = (0, 0);
    for (needle, pattern) in p.needles.iter().zip(&p.patterns) {
        let bytes = needle.as_bytes();
        let shared = previous
            .iter()
            .zip(bytes)
            .take_while(|(a, b)| a == b)
            .count();
        w.count(shared);
        w.text_bytes(bytes.get(shared..).unwrap_or_default());
        previous = bytes;
        w.byte(
            slot(pattern.class) as u8
                | u8::from(pattern.bound_start) << 2
                | u8::from(pattern.bound_end) << 3
                | u8::from(pattern.open_start) << 4
                | u8::from(pattern.open_end) << 5,
        );
        match pattern.role {
            Role::Flag { term } => {
                w.byte(FLAG);
                w.count(term.wrapping_sub(last_term));
                last_term = term;
            }
            Role::Context { word } => {
                w.byte(CONTEXT);
                w.count(word.wrapping_sub(last_word));
                last_word = word;
            }
            Role::Exclude => w.byte(EXCLUDE),
            Role::OuterBox => w.byte(OUTER_BOX),
            Role::OuterBoxExclude => w.byte(OUTER_BOX_EXCLUDE),
            Role::Sense => w.byte(SENSE),
            Role::Boilerplate => w.byte(BOILERPLATE),
            Role::Statement => w.byte(STATEMENT),
            Role::Part => w.byte(PART),
            Role::With => w.byte(WITH),
            Role::Attached => w.byte(ATTACHED),
        }
    }
    w.count(p.unless_lists.len());
    for list in &p.unless_lists {
        w.ascending(list);
    }
    // A term is mostly written as its first needle folds, with or without a `*` at either end:
    // then it is 1 plus 1 for a leading `*` and 2 for a trailing one; otherwise 0 and its text.
    let first_needles = first_needles(p);
    w.count(p.terms.len());
    for (t, first) in p.terms.iter().zip(&first_needles) {
        let stars = usize::from(t.written.starts_with('*') && t.written.len() > 1)
            + 2 * usize::from(t.written.ends_with('*') && t.written.len() > 1);
        match first {
            Some(needle) if starred(needle, stars) == t.written => w.count(1 + stars),
            _ => {
                w.count(0);
                w.text(&t.written);
            }
        }
        w.byte(u8::from(t.hint));
        w.count(t.unless);
    }
    w.count(p.shapes.len());
    for shape in &p.shapes {
        w.text(shape.shape.as_str());
        w.class(shape.class);
        w.count(shape.term);
    }
    w.count(p.context_words);
    w.count(p.categories.len());
    for c in &p.categories {
        w.text(&c.id);
        w.text(c.marketplace.map_or("", Marketplace::as_str));
        w.count(c.codes.len());
        for code in &c.codes {
            w.text(code);
        }
        w.count(c.path.len());
        for segment in &c.path {
            w.text(segment);
        }
        w.classes(&c.is);
        w.classes(&c.is_not);
        w.count(c.unless);
    }
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

/// Each term's first needle: the one its first flagging pattern looks for (a title shape's
/// term has none).
fn first_needles(p: &Parts) -> Vec<Option<&str>> {
    let mut first = vec![None; p.terms.len()];
    for (needle, pattern) in p.needles.iter().zip(&p.patterns) {
        if let Role::Flag { term } = pattern.role {
            if let Some(slot @ None) = first.get_mut(term) {
                *slot = Some(needle.as_str());
            }
        }
    }
    first
}

/// `needle` with a `*` before it (`stars & 1`) and after it (`stars & 2`).
fn starred(needle: &str, stars: usize) -> String {
    let mut written = String::with_capacity(needle.len() + 2);
    if stars & 1 != 0 {
        written.push('*');
    }
    written.push_str(needle);
    if stars & 2 != 0 {
        written.push('*');
    }
    written
}

/// Reads a frozen screener; its automaton is left to the first screening.
pub(crate) fn read(bytes: &[u8]) -> Result<Screener, FrozenError> {
    read_parts(bytes)?
        .index(Build::OnFirstScreen)
        .map_err(|_| FrozenError {
            at: 0,
            what: "its needles do not build",
        })
}

fn read_parts(bytes: &[u8]) -> Result<Parts, FrozenError> {
    let mut r = Reader { bytes, at: 0 };
    if bytes.get(..MAGIC.len()) != Some(MAGIC.as_slice()) {
        return Err(r.error("not a frozen screener of this version"));
    }
    r.at = MAGIC.len();
    let n = r.count()?;
    let mut needles: Vec<String> = Vec::with_capacity(n);
    let mut patterns = Vec::with_capacity(n);
    let (mut last_term, mut last_word) = (0usize, 0usize);
    for _ in 0..n {
        let shared = r.count()?;
        let previous = needles.last().map_or(&b""[..], |p| p.as_bytes());
        let mut text = previous
            .get(..shared)
            .ok_or(r.error("a needle shares more than the one before it holds"))?
            .to_vec();
        text.extend_from_slice(r.text_bytes()?);
        needles.push(String::from_utf8(text).map_err(|_| r.error("a needle is not UTF-8"))?);
        let bits = r.byte()?;
        let class = *BY_SLOT
            .get(usize::from(bits & 3))
            .ok_or(r.error("a class slot"))?;
        let step = |r: &mut Reader<'_>, last: &mut usize| -> Result<usize, FrozenError> {
            *last = last
                .checked_add(r.count()?)
                .ok_or(r.error("a number overflows"))?;
            Ok(*last)
        };
        let role = match r.byte()? {
            FLAG => Role::Flag {
                term: step(&mut r, &mut last_term)?,
            },
            CONTEXT => Role::Context {
                word: step(&mut r, &mut last_word)?,
            },
            EXCLUDE => Role::Exclude,
            OUTER_BOX => Role::OuterBox,
            OUTER_BOX_EXCLUDE => Role::OuterBoxExclude,
            SENSE => Role::Sense,
            BOILERPLATE => Role::Boilerplate,
            STATEMENT => Role::Statement,
            PART => Role::Part,
            WITH => Role::With,
            ATTACHED => Role::Attached,
            _ => return Err(r.error("not a pattern's role")),
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
    let mut terms = Vec::with_capacity(n);
    let mut first = vec![None; n];
    for (needle, pattern) in needles.iter().zip(&patterns) {
        if let Role::Flag { term } = pattern.role {
            match first.get_mut(term) {
                Some(slot @ None) => *slot = Some(needle.as_str()),
                Some(Some(_)) => {}
                None => return Err(r.error("a pattern flags a term that is not there")),
            }
        }
    }
    for first in first {
        let at = r.at;
        let written = match (r.count()?, first) {
            (0, _) => r.text()?.to_owned(),
            (n @ 1..=4, Some(needle)) => starred(needle, n - 1),
            _ => {
                return Err(FrozenError {
                    at,
                    what: "not a term's written form",
                })
            }
        };
        terms.push(FlagTerm {
            written,
            hint: r.byte()? != 0,
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
            unless: list(r)?,
        })
    })?;
    let class_clauses = r.list(|r| Ok((r.class()?, r.text()?.to_owned())))?;
    let notice_clauses = r.list(|r| Ok((r.word(Notice::from_wire)?, r.text()?.to_owned())))?;
    let mut yields: [Vec<ItemClass>; 4] = Default::default();
    for y in &mut yields {
        *y = r.classes()?;
    }
    if r.at != bytes.len() {
        return Err(r.error("bytes left over"));
    }
    Ok(Parts {
        needles,
        patterns,
        terms,
        unless_lists,
        shapes,
        context_words,
        categories,
        class_clauses,
        notice_clauses,
        yields,
    })
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
        let b = *self.bytes.get(self.at).ok_or(self.error("ends early"))?;
        self.at += 1;
        Ok(b)
    }

    fn number(&mut self) -> Result<u64, FrozenError> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(n);
            }
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

    fn parts() -> Parts {
        Parts::compile(Policy::shipped().screening()).unwrap()
    }

    #[test]
    fn the_frozen_shipped_screener_is_the_one_compiled_at_run_time() {
        // Every field, compared through its debug form (the automaton is unbuilt in both).
        let compiled = Screener::compile_with(Policy::shipped().screening(), Build::OnFirstScreen);
        assert_eq!(
            format!("{:?}", Screener::shipped()),
            format!("{:?}", compiled.unwrap())
        );
        assert!(Screener::shipped().pattern_count() > 1_000);
    }

    #[test]
    fn frozen_parts_read_back_to_the_bytes_they_were_written_from() {
        let bytes = write(&parts());
        assert_eq!(
            format!("{:?}", read_parts(&bytes).unwrap()),
            format!("{:?}", parts())
        );
        assert_eq!(write(&read_parts(&bytes).unwrap()), bytes);
    }

    #[test]
    fn damaged_or_cut_bytes_are_refused_never_misread() {
        let bytes = write(&parts());
        assert!(read(&bytes[..bytes.len() - 1]).is_err());
        assert!(read(b"ASSCRN2\n").is_err());
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
            let _ = read(&damaged);
        }
    }
}
