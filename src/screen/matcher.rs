//! Finds every occurrence of every screening needle in a folded field, in one pass.
//!
//! The screener looks for some 3,000 folded terms, exclusions and context words in each title
//! and description. This is the Aho-Corasick automaton that job needs and no more: a byte trie
//! with a failure link per state and a link to the next shorter needle that ends where a state's
//! does, so that one left-to-right pass finds all matches, overlapping ones included. States are
//! numbered breadth first, so a state's edges lie side by side in one sorted byte array and edge
//! `e` always leads to state `e + 1`; built level by level from the sorted needles, it needs no
//! per-state allocation, which keeps its building (the first screening's cost) and its code
//! (the WebAssembly module's size) small.
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
    /// The needle's index in the slice the matcher was built from.
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

/// The automaton over a set of needles.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    /// The states, breadth first; the root is the first.
    states: Vec<State>,
    /// Each edge's byte, sorted within a state; edge `e` leads to state `e + 1`.
    bytes: Vec<u8>,
    /// Per state: the needle it spells, or `NONE`.
    spells: Vec<u32>,
    /// Per needle: its length in bytes.
    lens: Vec<u32>,
    /// The root's edges as a table by byte (`ROOT` where it has none): most bytes of a text are
    /// read at the root.
    root: Vec<u32>,
}

/// A prefix of some needles.
#[derive(Debug, Clone, Copy)]
struct State {
    /// Its edges are `bytes[from..to]`.
    from: u32,
    to: u32,
    /// The state of its longest proper suffix that is also in the trie.
    fail: u32,
    /// The first state whose needle is found where this one is reached: itself if it spells
    /// one, else the nearest along its failure links that does, or `NONE`.
    out: u32,
}

/// A `usize` that must fit in a state or needle number.
fn number(n: usize) -> Result<u32, TooManyStates> {
    u32::try_from(n)
        .ok()
        .filter(|&n| n != NONE)
        .ok_or(TooManyStates)
}

impl Matcher {
    /// Builds the automaton. An empty needle is never found; a needle given twice is found once,
    /// under its first index (the screener's needles are distinct and non-empty).
    pub(crate) fn new(needles: &[String]) -> Result<Matcher, TooManyStates> {
        let mut sorted = Vec::with_capacity(needles.len());
        let mut lens = Vec::with_capacity(needles.len());
        for (i, n) in needles.iter().enumerate() {
            sorted.push((n.as_bytes(), number(i)?));
            lens.push(number(n.len())?);
        }
        // Stable, so that of equal needles the first comes first.
        crate::sort::sort_by_key(&mut sorted, |&(text, _)| text);
        let state = State {
            from: 0,
            to: 0,
            fail: ROOT,
            out: NONE,
        };
        let mut states = vec![state];
        let mut spells = vec![NONE];
        let mut bytes = Vec::new();
        // The states of one depth, each as the range of `sorted` that starts with its prefix; a
        // needle that is the whole prefix sorts first in the range and was recorded already.
        let mut level = vec![(0, sorted.len())];
        let mut depth = 0;
        let mut s = 0;
        while !level.is_empty() {
            let mut next = Vec::new();
            for (from, to) in level {
                let first_edge = number(bytes.len())?;
                let mut i = from;
                while let Some(&(text, index)) = sorted.get(i).filter(|_| i < to) {
                    let Some(&b) = text.get(depth) else {
                        i += 1;
                        continue;
                    };
                    let same = sorted.get(i..to).unwrap_or_default();
                    let end = i + same.partition_point(|(t, _)| t.get(depth) == Some(&b));
                    bytes.push(b);
                    states.push(state);
                    spells.push(if text.len() == depth + 1 { index } else { NONE });
                    next.push((i, end));
                    i = end;
                }
                if let Some(st) = states.get_mut(s) {
                    st.from = first_edge;
                    st.to = number(bytes.len())?;
                }
                s += 1;
            }
            level = next;
            depth += 1;
        }
        number(states.len())?;
        let mut root = vec![ROOT; 256];
        if let Some(r) = states.first() {
            for e in r.from..r.to {
                if let Some(slot) = bytes
                    .get(e as usize)
                    .and_then(|&b| root.get_mut(usize::from(b)))
                {
                    *slot = e + 1;
                }
            }
        }
        let mut m = Matcher {
            states,
            bytes,
            spells,
            lens,
            root,
        };
        // Breadth first, so that the failure links and outputs of shallower states, which a
        // state's are made of, are known.
        for s in 0..m.states.len() {
            let Some(&State { from, to, fail, .. }) = m.states.get(s) else {
                continue;
            };
            for e in from..to {
                let (Some(&b), child) = (m.bytes.get(e as usize), e as usize + 1) else {
                    continue;
                };
                let fail = if s == 0 { ROOT } else { m.step(fail, b) };
                let fail_out = m.states.get(fail as usize).map_or(NONE, |f| f.out);
                let spells = m.spells.get(child).is_some_and(|&n| n != NONE);
                if let Some(c) = m.states.get_mut(child) {
                    c.fail = fail;
                    c.out = if spells { e + 1 } else { fail_out };
                }
            }
        }
        Ok(m)
    }

    /// The state after reading `b` in state `s`, following failure links as far as needed.
    fn step(&self, mut s: u32, b: u8) -> u32 {
        loop {
            if s == ROOT {
                return self.root.get(usize::from(b)).copied().unwrap_or(ROOT);
            }
            let Some(st) = self.states.get(s as usize) else {
                return ROOT;
            };
            let edges = self.bytes.get(st.from as usize..st.to as usize);
            if let Some(i) = edges.and_then(|edges| edges.iter().position(|&e| e == b)) {
                return st.from + i as u32 + 1;
            }
            // A failure link always leads to a shallower state, so this ends at the root.
            s = st.fail;
        }
    }

    /// Every occurrence of every needle in `hay`, overlapping ones included: by end, and at the
    /// same end the longest first.
    pub(crate) fn find_overlapping<'a>(&'a self, hay: &'a str) -> Matches<'a> {
        Matches {
            matcher: self,
            hay: hay.as_bytes(),
            at: 0,
            state: ROOT,
            pending: NONE,
        }
    }
}

/// The iterator [`Matcher::find_overlapping`] returns.
#[derive(Debug)]
pub(crate) struct Matches<'a> {
    /// The automaton.
    matcher: &'a Matcher,
    /// The text, as bytes.
    hay: &'a [u8],
    /// How many bytes have been read.
    at: usize,
    /// The state after reading them.
    state: u32,
    /// The next state ending at `at` whose needle is still to be reported, or `NONE`.
    pending: u32,
}

impl Iterator for Matches<'_> {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        let m = self.matcher;
        loop {
            if let Some(p) = m.states.get(self.pending as usize) {
                let needle = m.spells.get(self.pending as usize).copied().unwrap_or(NONE);
                self.pending = m.states.get(p.fail as usize).map_or(NONE, |f| f.out);
                let len = m.lens.get(needle as usize).copied().unwrap_or(0);
                return Some(Match {
                    needle: needle as usize,
                    start: self.at.saturating_sub(len as usize),
                    end: self.at,
                });
            }
            let &b = self.hay.get(self.at)?;
            self.at += 1;
            self.state = m.step(self.state, b);
            self.pending = m.states.get(self.state as usize).map_or(NONE, |s| s.out);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// `(needle text, start, end)` of every match, in the order reported.
    fn found<'n>(needles: &'n [String], hay: &str) -> Vec<(&'n str, usize, usize)> {
        let m = Matcher::new(needles).unwrap();
        m.find_overlapping(hay)
            .map(|f| (needles[f.needle].as_str(), f.start, f.end))
            .collect()
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
        let all: Vec<Match> = m.find_overlapping("a glass").collect();
        assert_eq!(
            all,
            [Match {
                needle: 1,
                start: 2,
                end: 7
            }]
        );
        assert_eq!(
            Matcher::new(&[]).unwrap().find_overlapping("glass").count(),
            0
        );
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

    #[cfg(not(target_arch = "wasm32"))]
    mod against_aho_corasick {
        use super::super::Matcher;
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
            let policy = crate::Policy::shipped();
            let screener = crate::screen::Screener::compile_with(
                &policy.document().screening,
                crate::screen::Build::OnFirstScreen,
            )
            .unwrap();
            let needles = &screener.needles;
            assert!(
                needles.len() > 1000,
                "the shipped policy is screened lazily"
            );
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(needles)
                .unwrap();
            let ours = Matcher::new(needles).unwrap();
            let mut matches = 0;
            for file in ["dev", "test"] {
                let path = format!(
                    "{}/tests/data/listings/{file}.jsonl",
                    env!("CARGO_MANIFEST_DIR")
                );
                for line in std::fs::read_to_string(path).unwrap().lines() {
                    let row: serde_json::Value = serde_json::from_str(line).unwrap();
                    for key in ["title", "title_en", "title_zh", "title_ru"] {
                        let folded = crate::text::fold(row[key].as_str().unwrap_or_default());
                        let expected: Vec<(usize, usize, usize)> = ac
                            .find_overlapping_iter(&folded)
                            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                            .collect();
                        let found: Vec<(usize, usize, usize)> = ours
                            .find_overlapping(&folded)
                            .map(|m| (m.needle, m.start, m.end))
                            .collect();
                        assert_eq!(found, expected, "{folded}");
                        matches += found.len();
                    }
                }
            }
            assert!(matches > 1000);
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
                let ours: Vec<(usize, usize, usize)> = Matcher::new(&distinct)
                    .unwrap()
                    .find_overlapping(&hay)
                    .map(|m| (m.needle, m.start, m.end))
                    .collect();
                prop_assert_eq!(ours, expected);
            }
        }
    }
}
