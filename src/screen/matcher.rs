//! Finds every occurrence of every screening needle in a folded field.
//!
//! The screener looks for some 6,000 folded terms, exclusions and context words in each title
//! and description. This is the byte trie of those needles and no more: states numbered breadth
//! first, so a state's edges lie side by side in one array sorted by byte and edge `e` always
//! leads to state `e + 1`. A field is searched by walking the trie from each position where a
//! needle may start; it needs no failure links, so the trie is built in one pass over the sorted
//! needles ([`Builder`]): from the needles front-coded as `build.rs` writes them for the shipped
//! policy (module `frozen`), a page builds it without sorting or searching anything. A needle's
//! number is its rank among the needles in byte order, which is how the screener numbers them.
//!
//! Matches come in the order of `aho_corasick`'s overlapping search with
//! `MatchKind::Standard`: by end, and at the same end the longest first (a property test below
//! compares the two on random needles and texts). Needles are whole UTF-8 strings, so a match
//! of one starts and ends on char boundaries of the text.

use core::fmt;

/// No state, or no needle.
const NONE: u32 = u32::MAX;

/// The root state: the empty prefix.
const ROOT: u32 = 0;

/// One occurrence of a needle: its index among the needles and its byte span in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match {
    /// The needle's number.
    pub(crate) needle: usize,
    /// Where it starts, in bytes.
    pub(crate) start: usize,
    /// Where it ends (exclusive), in bytes.
    pub(crate) end: usize,
}

/// The needles need more states (or are more) than a `u32` can number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooManyStates;

impl fmt::Display for TooManyStates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "they need more than `{}` matcher states", NONE - 1)
    }
}

/// The trie of a set of needles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Matcher {
    /// Each edge's byte, sorted within a state; edge `e` leads to state `e + 1`.
    bytes: Vec<u8>,
    /// State `s`'s edges are `bytes[first[s]..first[s + 1]]`; one entry more than states.
    first: Vec<u32>,
    /// Per state: the number of the needle it spells, or `NONE`.
    spells: Vec<u32>,
    /// The root's edges as a table by byte (`ROOT` where it has none): most positions of a
    /// text end their walk there.
    root: Vec<u32>,
}

/// Needles out of order (each must sort after the one before), empty, or sharing more than the
/// one before holds; or more states than a `u32` numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotSorted;

/// A `usize` that must fit in a state or needle number.
fn number(n: usize) -> Result<u32, TooManyStates> {
    u32::try_from(n)
        .ok()
        .filter(|&n| n != NONE)
        .ok_or(TooManyStates)
}

impl Matcher {
    /// Builds the trie. An empty needle is never found; a needle given twice is found once,
    /// under its first index. A needle keeps its index in `needles` as its number: given in
    /// byte order, as the screener gives them, the numbers are the ranks a frozen trie reads
    /// back.
    pub(crate) fn new(needles: &[String]) -> Result<Matcher, TooManyStates> {
        let mut sorted = Vec::with_capacity(needles.len());
        for (i, n) in needles.iter().enumerate() {
            sorted.push((n.as_bytes(), number(i)?));
        }
        // Stable, so that of equal needles the first comes first.
        crate::sort::sort_by_key(&mut sorted, |&(text, _)| text);
        // The distinct non-empty needles, each with the length it shares with the one before.
        let mut fronts = Vec::with_capacity(sorted.len());
        let mut previous: &[u8] = &[];
        let mut nodes = 0usize;
        for (text, index) in sorted {
            if text.is_empty() || text == previous {
                continue;
            }
            let shared = previous
                .iter()
                .zip(text)
                .take_while(|(a, b)| a == b)
                .count();
            nodes += text.len() - shared;
            fronts.push((shared, text, index));
            previous = text;
        }
        let mut builder = Builder::new(nodes).map_err(|_| TooManyStates)?;
        for (shared, text, index) in fronts {
            let rest = text.get(shared..).unwrap_or_default();
            builder
                .push(shared, rest, index)
                .map_err(|_| TooManyStates)?;
        }
        builder.finish().map_err(|_| TooManyStates)
    }

    fn with_root(bytes: Vec<u8>, first: Vec<u32>, spells: Vec<u32>) -> Matcher {
        let mut root = vec![ROOT; 256];
        let to = first.get(1).copied().unwrap_or(0);
        for e in 0..to {
            if let Some(slot) = bytes
                .get(e as usize)
                .and_then(|&b| root.get_mut(usize::from(b)))
            {
                *slot = e + 1;
            }
        }
        Matcher {
            bytes,
            first,
            spells,
            root,
        }
    }

    /// The number of states, the root's included.
    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "build.rs, which includes this file, writes it")
    )]
    pub(crate) fn states(&self) -> usize {
        self.spells.len()
    }

    /// What spells a needle back from the trie: each state's parent and each needle's state,
    /// what module `frozen` writes the needles from. For a matcher whose needles are numbered
    /// `0..n` (the screener's are; a repeated or empty needle leaves a number out).
    #[cfg_attr(
        not(test),
        allow(
            dead_code,
            reason = "build.rs, which includes this file, writes with it"
        )
    )]
    pub(crate) fn speller(&self) -> Speller<'_> {
        let states = self.spells.len();
        let mut parent = vec![ROOT; states];
        for (s, w) in self.first.windows(2).enumerate() {
            let [from, to] = *w else { continue };
            for e in from..to {
                if let Some(p) = parent.get_mut(e as usize + 1) {
                    *p = s as u32;
                }
            }
        }
        let count = self.spells.iter().filter(|&&n| n != NONE).count();
        let mut state_of = vec![ROOT; count];
        for (s, &n) in self.spells.iter().enumerate() {
            if let Some(slot) = state_of.get_mut(n as usize) {
                *slot = s as u32;
            }
        }
        Speller {
            matcher: self,
            parent,
            state_of,
        }
    }

    /// Every occurrence of every needle in `hay`, overlapping ones included, into `found`
    /// (emptied first): by end, and at the same end the longest first.
    pub(crate) fn find_overlapping(&self, hay: &str, found: &mut Vec<Match>) {
        found.clear();
        let hay = hay.as_bytes();
        for (start, &b) in hay.iter().enumerate() {
            let mut s = self.root.get(usize::from(b)).copied().unwrap_or(ROOT);
            let mut end = start + 1;
            while s != ROOT {
                let needle = self.spells.get(s as usize).copied().unwrap_or(NONE);
                if needle != NONE {
                    // Found by start, then by length: a match goes after every one that ends
                    // before or where it does (those ending where it does started earlier).
                    let at = found
                        .iter()
                        .rposition(|m| m.end <= end)
                        .map_or(0, |i| i + 1);
                    let m = Match {
                        needle: needle as usize,
                        start,
                        end,
                    };
                    found.insert(at, m);
                }
                let (Some(&next), Some(&from), Some(&to)) = (
                    hay.get(end),
                    self.first.get(s as usize),
                    self.first.get(s as usize + 1),
                ) else {
                    break;
                };
                let edges = self
                    .bytes
                    .get(from as usize..to as usize)
                    .unwrap_or_default();
                s = match edges.iter().position(|&e| e == next) {
                    Some(i) => from + i as u32 + 1,
                    None => ROOT,
                };
                end += 1;
            }
        }
    }
}

/// Builds a [`Matcher`] from needles given in ascending byte order, each as the length it
/// shares with the one before and the rest. Its nodes are made in the needles' order, which is
/// depth first; within one depth that is already breadth-first order, so the states are
/// numbered by a counting sort on depth. Every table is allocated once, for the number of
/// nodes given first, and filled in place: a page runs this once, before its engine has
/// optimized anything.
pub(crate) struct Builder {
    /// The needle before, as the nodes on its path (`path[d]` at depth `d + 1`).
    path: Vec<u32>,
    /// Nodes made so far, the root first.
    made: usize,
    /// Per node: its byte, its depth, the needle it ends (or `NONE`), its number of children.
    byte: Vec<u8>,
    depth: Vec<u32>,
    needle: Vec<u32>,
    children: Vec<u32>,
}

impl Builder {
    /// A builder for a trie of `nodes` nodes besides the root.
    pub(crate) fn new(nodes: usize) -> Result<Builder, NotSorted> {
        let n = nodes
            .checked_add(1)
            .filter(|&n| n < NONE as usize)
            .ok_or(NotSorted)?;
        Ok(Builder {
            path: Vec::new(),
            made: 1,
            byte: vec![0; n],
            depth: vec![0; n],
            needle: vec![NONE; n],
            children: vec![0; n],
        })
    }

    /// Adds the needle made of the first `shared` bytes of the one before and `rest`, found
    /// as needle `number`.
    pub(crate) fn push(
        &mut self,
        shared: usize,
        rest: &[u8],
        number: u32,
    ) -> Result<(), NotSorted> {
        let (Some(&next), true) = (rest.first(), shared <= self.path.len()) else {
            return Err(NotSorted);
        };
        let before = self
            .path
            .get(shared)
            .and_then(|&n| self.byte.get(n as usize));
        if before.is_some_and(|&before| next <= before) {
            return Err(NotSorted);
        }
        self.path.truncate(shared);
        self.path.reserve(rest.len());
        let mut parent = self.path.last().copied().unwrap_or(ROOT) as usize;
        for &b in rest {
            let node = self.made;
            let (Some(byte), Some(depth), Some(c)) = (
                self.byte.get_mut(node),
                self.depth.get_mut(node),
                self.children.get_mut(parent),
            ) else {
                return Err(NotSorted);
            };
            *byte = b;
            *depth = self.path.len() as u32 + 1;
            *c += 1;
            self.made += 1;
            self.path.push(node as u32);
            parent = node;
        }
        if let Some(slot) = self
            .path
            .last()
            .and_then(|&n| self.needle.get_mut(n as usize))
        {
            *slot = number;
        }
        Ok(())
    }

    /// The matcher, its states numbered breadth first; fails unless exactly the nodes
    /// announced were made.
    pub(crate) fn finish(self) -> Result<Matcher, NotSorted> {
        let nodes = self.made;
        if nodes != self.byte.len() {
            return Err(NotSorted);
        }
        // Where each depth starts among the states, then each node's state.
        let deepest = self.depth.iter().copied().max().unwrap_or(0) as usize;
        let mut at = vec![0u32; deepest + 2];
        for &d in &self.depth {
            if let Some(n) = at.get_mut(d as usize + 1) {
                *n += 1;
            }
        }
        let mut total = 0;
        for n in &mut at {
            total += *n;
            *n = total;
        }
        let mut bytes = vec![0u8; nodes - 1];
        let mut counts = vec![0u32; nodes];
        let mut spells = vec![NONE; nodes];
        for (node, &d) in self.depth.iter().enumerate() {
            let Some(next) = at.get_mut(d as usize) else {
                continue;
            };
            let state = *next as usize;
            *next += 1;
            if let (Some(b), Some(&own)) =
                (bytes.get_mut(state.wrapping_sub(1)), self.byte.get(node))
            {
                *b = own;
            }
            if let (Some(c), Some(&own)) = (counts.get_mut(state), self.children.get(node)) {
                *c = own;
            }
            if let (Some(n), Some(&own)) = (spells.get_mut(state), self.needle.get(node)) {
                *n = own;
            }
        }
        let mut first = vec![0u32; nodes + 1];
        let mut edges = 0;
        for (slot, &c) in first.iter_mut().skip(1).zip(&counts) {
            edges += c;
            *slot = edges;
        }
        Ok(Matcher::with_root(bytes, first, spells))
    }
}

/// Spells needles back from a trie ([`Matcher::speller`]).
pub(crate) struct Speller<'m> {
    matcher: &'m Matcher,
    parent: Vec<u32>,
    state_of: Vec<u32>,
}

impl Speller<'_> {
    /// The number of needles.
    #[cfg_attr(not(test), allow(dead_code, reason = "the tests count them"))]
    pub(crate) fn len(&self) -> usize {
        self.state_of.len()
    }

    /// Needle `n`'s bytes, if there is one: parents come before their children breadth first,
    /// so the walk up ends at the root.
    pub(crate) fn spell(&self, n: usize) -> Option<Vec<u8>> {
        let mut at = *self.state_of.get(n)? as usize;
        let mut text = Vec::new();
        while at != ROOT as usize {
            text.push(*self.matcher.bytes.get(at - 1)?);
            at = *self.parent.get(at)? as usize;
        }
        text.reverse();
        Some(text)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// `(needle text, start, end)` of every match, in the order reported.
    fn found<'n>(needles: &'n [String], hay: &str) -> Vec<(&'n str, usize, usize)> {
        all(&Matcher::new(needles).unwrap(), hay)
            .iter()
            .map(|f| (needles[f.needle].as_str(), f.start, f.end))
            .collect()
    }

    fn all(m: &Matcher, hay: &str) -> Vec<Match> {
        let mut found = vec![Match {
            needle: 9,
            start: 9,
            end: 9,
        }];
        m.find_overlapping(hay, &mut found);
        found
    }

    /// The needles as the screener holds them.
    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn overlapping_matches_come_by_end_longest_first() {
        let needles = strings(&["she", "he", "hers", "his", "e"]);
        assert_eq!(
            found(&needles, "ushers"),
            [("she", 1, 4), ("he", 2, 4), ("e", 3, 4), ("hers", 2, 6)]
        );
    }

    #[test]
    fn a_needle_inside_another_is_found_through_failure_links() {
        let needles = strings(&["ワイングラス", "グラス", "ラス"]);
        let hay = "ワイングラス";
        let g = hay.find("グ").unwrap();
        let r = hay.find("ラ").unwrap();
        assert_eq!(
            found(&needles, hay),
            [
                ("ワイングラス", 0, hay.len()),
                ("グラス", g, hay.len()),
                ("ラス", r, hay.len())
            ]
        );
    }

    #[test]
    fn a_match_after_a_failed_longer_prefix_is_found() {
        // 「стеклянн」 fails at the 「о」 after 「стекл」; 「клоун」 must still be found inside it.
        let needles = strings(&["стеклянн", "клоун"]);
        let hay = "стеклоун склоун";
        let starts: Vec<usize> = found(&needles, hay).iter().map(|f| f.1).collect();
        assert_eq!(starts, ["сте".len(), "стеклоун с".len()]);
    }

    #[test]
    fn chars_sharing_their_leading_bytes_are_told_apart() {
        // 「ア」 is E3 82 A2, 「グ」 E3 82 B0, 「ガ」 E3 82 AC.
        let needles = strings(&["アグ", "ガ"]);
        assert_eq!(found(&needles, "アガアグ"), [("ガ", 3, 6), ("アグ", 6, 12)]);
    }

    #[test]
    fn empty_needles_are_never_found_and_repeats_are_found_once() {
        let needles = strings(&["", "glass", "glass"]);
        let m = Matcher::new(&needles).unwrap();
        assert_eq!(
            all(&m, "a glass"),
            [Match {
                needle: 1,
                start: 2,
                end: 7
            }]
        );
        assert!(all(&Matcher::new(&[]).unwrap(), "glass").is_empty());
    }

    #[test]
    fn an_empty_text_has_no_matches() {
        assert!(found(&strings(&["a"]), "").is_empty());
    }

    #[test]
    fn too_many_states_is_said_in_the_error_style() {
        assert_eq!(
            TooManyStates.to_string(),
            "they need more than `4294967294` matcher states"
        );
    }

    #[test]
    fn needles_out_of_order_or_empty_are_refused() {
        let mut b = Builder::new(5).unwrap();
        b.push(0, b"ab", 0).unwrap();
        b.push(1, b"c", 1).unwrap();
        // Not after "ac": "ab" again, "aa", an empty rest, more shared than "ac" holds.
        assert_eq!(b.push(1, b"b", 2), Err(NotSorted));
        assert_eq!(b.push(1, b"a", 2), Err(NotSorted));
        assert_eq!(b.push(2, b"", 2), Err(NotSorted));
        assert_eq!(b.push(3, b"x", 2), Err(NotSorted));
        b.push(2, b"d", 2).unwrap();
        b.push(0, b"b", 3).unwrap();
        // One node more than announced is refused; one fewer made, too.
        let mut over = Builder::new(1).unwrap();
        assert_eq!(over.push(0, b"ab", 0), Err(NotSorted));
        assert_eq!(Builder::new(6).unwrap().finish(), Err(NotSorted));
        assert_eq!(
            b.finish().unwrap(),
            Matcher::new(&strings(&["ab", "ac", "acd", "b"])).unwrap()
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod against_aho_corasick {
        use super::super::{Builder, Matcher};
        use aho_corasick::{AhoCorasick, MatchKind};
        use proptest::prelude::*;

        /// Few chars, so that needles overlap and share prefixes: ASCII, kana (three bytes,
        /// sharing their first two), CJK, Cyrillic (two bytes), and an astral char (four).
        const CHARS: &[char] = &[
            'a', 'b', ' ', 'ア', 'グ', 'ラ', 'ス', 'ガ', '玻', '璃', '杯', 'с', 'т', 'е', 'к', 'é',
            '😀',
        ];

        fn text(max: usize) -> impl Strategy<Value = String> {
            prop::collection::vec(prop::sample::select(CHARS), 0..max)
                .prop_map(|cs| cs.into_iter().collect())
        }

        #[test]
        fn the_shipped_needles_match_the_labeled_titles_as_aho_corasick_does() {
            let screener = crate::screen::Screener::shipped();
            let speller = screener.automaton.speller();
            let needles: Vec<String> = (0..speller.len())
                .map(|n| String::from_utf8(speller.spell(n).unwrap()).unwrap())
                .collect();
            assert!(needles.len() > 1000, "the shipped needles are spelled");
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&needles)
                .unwrap();
            let mut matches = 0;
            let mut found = Vec::new();
            for file in ["dev", "test", "real/dev", "real/test"] {
                let path = format!(
                    "{}/tests/data/listings/{file}.jsonl",
                    env!("CARGO_MANIFEST_DIR")
                );
                for line in std::fs::read_to_string(path).unwrap().lines() {
                    let row: serde_json::Value = serde_json::from_str(line).unwrap();
                    for key in ["title", "title_en", "title_zh", "title_ru", "description"] {
                        let folded = crate::text::fold(row[key].as_str().unwrap_or_default());
                        let expected: Vec<(usize, usize, usize)> = ac
                            .find_overlapping_iter(&folded)
                            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                            .collect();
                        screener.automaton.find_overlapping(&folded, &mut found);
                        let ours: Vec<(usize, usize, usize)> =
                            found.iter().map(|m| (m.needle, m.start, m.end)).collect();
                        assert_eq!(ours, expected, "{folded}");
                        matches += ours.len();
                    }
                }
            }
            assert!(matches > 10_000);
        }

        proptest! {
            #[test]
            fn matches_are_aho_corasicks_standard_overlapping_matches_in_order(
                needles in prop::collection::vec(text(6), 0..24),
                hay in text(60),
            ) {
                // aho-corasick reports an empty needle at every position and a repeated
                // needle under each index; the screener's needles are neither.
                let mut distinct: Vec<String> = Vec::new();
                for n in needles {
                    if !n.is_empty() && !distinct.contains(&n) {
                        distinct.push(n);
                    }
                }
                let ac = AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&distinct)
                    .unwrap();
                let expected: Vec<(usize, usize, usize)> = ac
                    .find_overlapping_iter(&hay)
                    .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                    .collect();
                let matcher = Matcher::new(&distinct).unwrap();
                let mut found = Vec::new();
                matcher.find_overlapping(&hay, &mut found);
                let ours: Vec<(usize, usize, usize)> =
                    found.iter().map(|m| (m.needle, m.start, m.end)).collect();
                prop_assert_eq!(ours, expected);
                // Numbered in byte order, the needles are spelled back from the trie, and built
                // again from them front-coded, they make the same trie.
                let mut ordered = distinct.clone();
                ordered.sort();
                let matcher = Matcher::new(&ordered).unwrap();
                let spelled: Vec<Vec<u8>> = ordered.iter().map(|n| n.clone().into_bytes()).collect();
                let mut fronts = Vec::new();
                let mut previous: &[u8] = &[];
                for text in &spelled {
                    let shared = previous.iter().zip(text).take_while(|(a, b)| a == b).count();
                    fronts.push((shared, &text[shared..]));
                    previous = text;
                }
                let nodes = fronts.iter().map(|(_, rest)| rest.len()).sum();
                let mut builder = Builder::new(nodes).unwrap();
                for (n, (shared, rest)) in fronts.into_iter().enumerate() {
                    builder.push(shared, rest, n as u32).unwrap();
                }
                prop_assert_eq!(&builder.finish().unwrap(), &matcher);
                let speller = matcher.speller();
                let back: Vec<Vec<u8>> = (0..speller.len()).filter_map(|n| speller.spell(n)).collect();
                prop_assert_eq!(back, spelled);
            }
        }
    }
}
