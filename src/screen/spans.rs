//! The small structures the scan of a field reads its matches against: spans that cancel what
//! they cover, where a description's sentences end, the set of context words seen, and the
//! two checks that tell a katakana or kana match from one that runs across words.

/// Spans that cancel what they cover, answered in `O(log n)` per question.
pub(super) struct Covers {
    /// Sorted by start.
    spans: Vec<(usize, usize)>,
    /// `reach[i]`: the furthest end among `spans[..=i]`.
    reach: Vec<usize>,
}

impl Covers {
    pub(super) fn new(mut spans: Vec<(usize, usize)>) -> Covers {
        crate::sort::sort(&mut spans);
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
    pub(super) fn covers(&self, start: usize, end: usize) -> bool {
        let starting_before = self.spans.partition_point(|&(s, _)| s <= start);
        starting_before
            .checked_sub(1)
            .and_then(|last| self.reach.get(last))
            .is_some_and(|&reach| reach >= end)
    }
}

/// Where a description's sentences end, as byte offsets into the original text: at line
/// breaks, 。！？!?, bullets and brackets (■●◆★※【】…), and a full stop before a space.
#[derive(Default)]
pub(super) struct Sentences {
    /// The offset just past each break, ascending.
    breaks: Vec<usize>,
}

impl Sentences {
    pub(super) fn new(text: &str) -> Sentences {
        let mut breaks = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let next_is_space = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
            let ends = match c {
                '\n' | '\r' | '。' | '！' | '？' | '!' | '?' | '■' | '□' | '●' | '○' | '◆'
                | '◇' | '★' | '☆' | '※' | '【' | '】' | '▼' | '▲' | '◎' | '♪' | '|' | '｜'
                | '＊' | '･' | '・' => !matches!(c, '・' | '･') || next_is_space,
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
    pub(super) fn index_of(&self, at: usize) -> usize {
        self.breaks.partition_point(|&b| b <= at)
    }
}

/// A set of context word indexes, one bit each.
#[derive(Default, Clone)]
pub(super) struct WordSet(Vec<u64>);

impl WordSet {
    pub(super) fn new(words: usize) -> WordSet {
        WordSet(vec![0; words.div_ceil(64)])
    }

    pub(super) fn insert(&mut self, word: usize) {
        if let Some(bits) = self.0.get_mut(word / 64) {
            *bits |= 1 << (word % 64);
        }
    }

    pub(super) fn contains(&self, word: usize) -> bool {
        self.0
            .get(word / 64)
            .is_some_and(|bits| bits & (1 << (word % 64)) != 0)
    }

    pub(super) fn clear(&mut self) {
        self.0.fill(0);
    }

    pub(super) fn union_with(&mut self, other: &WordSet) {
        for (bits, more) in self.0.iter_mut().zip(&other.0) {
            *bits |= more;
        }
    }
}

/// Whether a katakana match is part of a longer katakana word: 「ペット」 in 「ペットボトル」 or
/// 「カーペット」 names no pet.
pub(super) fn inside_katakana_word(before: &str, word: &str, after: &str) -> bool {
    // Katakana and the long-vowel mark, full- or half-width; not the middle dot between words.
    let katakana = |c: char| {
        ('\u{30A1}'..='\u{30FA}').contains(&c)
            || c == '\u{30FC}'
            || ('\u{FF66}'..='\u{FF9F}').contains(&c)
    };
    !word.is_empty()
        && word.chars().all(katakana)
        && (before.chars().next_back().is_some_and(katakana)
            || after.chars().next().is_some_and(katakana))
}

/// Whether a match mixes hiragana and katakana: a word is written in one of them, so such a
/// match runs across two words (「なが**らス**トーリー」 is no 「ガラス」).
pub(super) fn mixes_kana(text: &str) -> bool {
    let hiragana = text.chars().any(|c| ('\u{3041}'..='\u{3096}').contains(&c));
    let katakana = text.chars().any(|c| ('\u{30A1}'..='\u{30FA}').contains(&c));
    hiragana && katakana
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
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
    fn sentences_end_at_line_breaks_bullets_brackets_and_full_stops() {
        let text = "材質：陶器\n■サイズ 10cm。発送は. ゆうパケット【注意】ル・クルーゼ・ジャポン";
        let s = Sentences::new(text);
        let at = |needle: &str| s.index_of(text.find(needle).unwrap());
        assert_eq!(at("材質"), at("陶器"));
        assert_ne!(at("陶器"), at("サイズ"));
        assert_ne!(at("サイズ"), at("発送"));
        assert_ne!(at("発送"), at("ゆうパケット"));
        assert_ne!(at("ゆうパケット"), at("注意"));
        // A middle dot inside a word is no break; one before a space would be.
        assert_eq!(at("ル・"), at("ジャポン"));
        let half = "ル･クルーゼ･ジャポン";
        let s = Sentences::new(half);
        assert_eq!(s.index_of(0), s.index_of(half.find("ジャポン").unwrap()));
        assert_eq!(Sentences::default().index_of(10), 0);
    }

    #[test]
    fn a_match_that_mixes_hiragana_and_katakana_runs_across_two_words() {
        assert!(mixes_kana("がらス"));
        assert!(!mixes_kana("ガラス"));
        assert!(!mixes_kana("がらす"));
        assert!(!mixes_kana("硝子"));
        assert!(!mixes_kana("グラス"));
    }

    #[test]
    fn a_katakana_word_inside_a_longer_one_is_not_that_word() {
        assert!(inside_katakana_word("", "ペット", "ボトル"));
        assert!(inside_katakana_word("カー", "ペット", ""));
        assert!(!inside_katakana_word("喫煙者・", "ペット", "はいません"));
        assert!(!inside_katakana_word("", "ペット", ""));
        assert!(!inside_katakana_word("交換", "可能", ""));
    }
}
