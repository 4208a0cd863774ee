//! Folding of listing titles and policy terms so that one literal term matches every way a marketplace
//! title spells it (「ｸﾞﾗｽ」「グラス」「ぐらす」「ＧＬＡＳＳ」「Glass」 all fold to the same text), with a map
//! from the folded text back to the original title in UTF-16 code units for highlighting in the page.
//! The foldings are: full-width ASCII to ASCII; Unicode spaces to one ASCII space per run; half-width
//! katakana to full-width with voiced marks composed; hiragana to katakana; lowercase (and Russian ё to е);
//! long-vowel, dash and wave-dash variants; middle dots to space; Japanese brackets and quotes to their
//! ASCII shape; invisible format chars dropped. They are a hand-written table rather than full NFKC
//! because the Unicode normalization tables would add far more to the WebAssembly module than these few
//! ranges do, so circled and roman numerals and CJK compatibility ideographs are not decomposed (①, ㈱
//! and 豈 stay as they are; Ⅻ only lowercases to ⅻ).

use core::ops::Range;

mod lower;

/// Text folded for matching, with a map back to the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    folded: String,
    /// One entry per group of folded chars that one piece of the original produced (a char, a kana with its
    /// voiced mark, or a whitespace run), in folded order; both the folded and the original offsets increase.
    origins: Vec<Origin>,
}

/// Where a group of folded chars starts and which stretch of the original text produced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Origin {
    folded_start: usize,
    original: OriginalSpan,
}

/// A stretch of the original text, in bytes and in UTF-16 code units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct OriginalSpan {
    byte_start: usize,
    byte_end: usize,
    utf16_start: usize,
    utf16_end: usize,
}

impl OriginalSpan {
    fn at_start(self) -> OriginalSpan {
        OriginalSpan {
            byte_end: self.byte_start,
            utf16_end: self.utf16_start,
            ..self
        }
    }

    fn at_end(self) -> OriginalSpan {
        OriginalSpan {
            byte_start: self.byte_end,
            utf16_start: self.utf16_end,
            ..self
        }
    }
}

impl Folded {
    /// Folds `original`.
    ///
    /// ```
    /// use aftersales::text::Folded;
    ///
    /// let title = Folded::new("【美品】ｸﾞﾗｽ 2個セット");
    /// assert_eq!(title.as_str(), "[美品]グラス 2個セット");
    ///
    /// let glass = title.as_str().find("グラス").unwrap_or_default();
    /// // 「ｸﾞﾗｽ」 is four UTF-16 code units after the four of 「【美品】」.
    /// assert_eq!(title.original_utf16(glass..glass + "グラス".len()), 4..8);
    /// ```
    pub fn new(original: &str) -> Folded {
        // At most one group per original char; a title is folded, searched and dropped, so the
        // spare capacity is not worth a second allocation to trim.
        let mut origins = Vec::with_capacity(original.chars().count());
        let folded = fold_with(original, &mut origins);
        Folded { folded, origins }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.folded
    }

    /// Maps a byte range of the folded text (as the screener's matcher reports it; always on char boundaries) to the
    /// range of the ORIGINAL text that produced it, in UTF-16 code units: start of the first original char
    /// that produced folded byte `start`, end of the last original char that produced folded byte `end-1`.
    /// Never panics: out-of-range or non-boundary input is clamped.
    pub fn original_utf16(&self, folded: Range<usize>) -> Range<usize> {
        let span = self.original_span(folded);
        span.utf16_start..span.utf16_end
    }

    /// The same range in bytes of the original text (for Rust callers that want to slice it).
    pub fn original_bytes(&self, folded: Range<usize>) -> Range<usize> {
        let span = self.original_span(folded);
        span.byte_start..span.byte_end
    }

    fn original_span(&self, folded: Range<usize>) -> OriginalSpan {
        let len = self.folded.len();
        let start = folded.start.min(len);
        let end = folded.end.clamp(start, len);
        if start == end {
            return self.point_at(start);
        }
        match (self.origin_of(start), self.origin_of(end - 1)) {
            (Some(first), Some(last)) => OriginalSpan {
                byte_start: first.original.byte_start,
                byte_end: last.original.byte_end,
                utf16_start: first.original.utf16_start,
                utf16_end: last.original.utf16_end,
            },
            _ => OriginalSpan::default(),
        }
    }

    /// The empty original span where folded byte `at` (at most the folded length) begins.
    fn point_at(&self, at: usize) -> OriginalSpan {
        let origin = if at < self.folded.len() {
            self.origin_of(at).map(|origin| origin.original.at_start())
        } else {
            self.origins.last().map(|origin| origin.original.at_end())
        };
        origin.unwrap_or_default()
    }

    /// The group of folded chars that contains folded byte `folded_byte`.
    fn origin_of(&self, folded_byte: usize) -> Option<&Origin> {
        let after = self
            .origins
            .partition_point(|origin| origin.folded_start <= folded_byte);
        self.origins.get(after.checked_sub(1)?)
    }
}

/// Folds a policy term the same way (no map kept). `fold(t) == Folded::new(t).as_str()` always.
pub fn fold(term: &str) -> String {
    fold_with(term, &mut NoOrigins)
}

/// True when the char is a "word" char for boundary checks of Latin/Cyrillic/digit terms
/// (alphanumeric in any script but NOT CJK ideographs, kana, or hangul — those scripts have no spaces, so a
/// term inside them must not require a boundary).
pub fn is_word_char(c: char) -> bool {
    // ASCII first, then the unspaced scripts by range, and only then Unicode's alphanumeric
    // tables, which a kana or kanji would otherwise be looked up in for nothing.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !is_unspaced_script(c) && c.is_alphanumeric()
}

/// CJK ideographs, kana and hangul (and their symbols, radicals and half-width forms).
fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}'       // hangul jamo
        | '\u{2E80}'..='\u{2FDF}'     // CJK and Kangxi radicals
        | '\u{3000}'..='\u{31FF}'     // CJK symbols (々〆〇), kana, bopomofo, hangul compatibility jamo
        | '\u{3400}'..='\u{4DBF}'     // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'     // CJK unified ideographs
        | '\u{A960}'..='\u{A97F}'     // hangul jamo extended A
        | '\u{AC00}'..='\u{D7FF}'     // hangul syllables, jamo extended B
        | '\u{F900}'..='\u{FAFF}'     // CJK compatibility ideographs
        | '\u{FF66}'..='\u{FFDC}'     // half-width katakana and hangul
        | '\u{1AFF0}'..='\u{1B16F}'   // kana extended and supplement
        | '\u{20000}'..='\u{3FFFF}' // CJK extensions B and later, compatibility supplement
    )
}

/// Receives, for each group of folded chars, the stretch of the original text that produced it.
trait OriginTrail {
    fn record(&mut self, folded_start: usize, original: OriginalSpan);
    /// The last group (a space) also stands for `original`, a further char of the same whitespace run.
    fn widen_last(&mut self, original: OriginalSpan);
}

/// The trail of [`fold`], which keeps no map.
struct NoOrigins;

impl OriginTrail for NoOrigins {
    fn record(&mut self, _folded_start: usize, _original: OriginalSpan) {}
    fn widen_last(&mut self, _original: OriginalSpan) {}
}

impl OriginTrail for Vec<Origin> {
    fn record(&mut self, folded_start: usize, original: OriginalSpan) {
        self.push(Origin {
            folded_start,
            original,
        });
    }

    fn widen_last(&mut self, original: OriginalSpan) {
        if let Some(last) = self.last_mut() {
            last.original.byte_end = original.byte_end;
            last.original.utf16_end = original.utf16_end;
        }
    }
}

/// What one original char folds to, given the folded char before it.
enum CharFold {
    /// Nothing: a voiced mark that composes with nothing, or an invisible format char.
    Drop,
    /// A space, merged with a space right before it.
    Space,
    /// One char; a kana may still compose with a voiced mark after it.
    One(char),
    /// The several chars of a lowercase mapping (`İ` → `i̇`).
    Several(&'static str),
}

/// The single pass shared by [`Folded::new`] and [`fold`], so both always agree.
fn fold_with<T: OriginTrail>(original: &str, trail: &mut T) -> String {
    let mut folded = String::with_capacity(original.len());
    let mut previous: Option<char> = None;
    let mut utf16 = 0;
    let mut chars = original.char_indices().peekable();
    while let Some((byte_start, c)) = chars.next() {
        let mut span = OriginalSpan {
            byte_start,
            byte_end: byte_start + c.len_utf8(),
            utf16_start: utf16,
            utf16_end: utf16 + c.len_utf16(),
        };
        match fold_char(c, previous) {
            CharFold::Drop => {}
            CharFold::Space => {
                if previous == Some(' ') {
                    trail.widen_last(span);
                } else {
                    trail.record(folded.len(), span);
                    folded.push(' ');
                    previous = Some(' ');
                }
            }
            CharFold::One(mut one) => {
                let voiced = chars
                    .peek()
                    .and_then(|&(_, mark)| Some((mark, compose_voiced(one, mark)?)));
                if let Some((mark, composed)) = voiced {
                    chars.next();
                    span.byte_end += mark.len_utf8();
                    span.utf16_end += mark.len_utf16();
                    one = composed;
                }
                trail.record(folded.len(), span);
                folded.push(one);
                previous = Some(one);
            }
            CharFold::Several(lower) => {
                trail.record(folded.len(), span);
                for one in lower.chars() {
                    folded.push(one);
                    previous = Some(one);
                }
            }
        }
        utf16 = span.utf16_end;
    }
    folded
}

/// Full-width katakana for half-width U+FF66 ｦ ..= U+FF9D ﾝ, in code point order.
const FULL_WIDTH_KATAKANA: [char; 56] = [
    'ヲ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ャ', 'ュ', 'ョ', 'ッ', 'ー', 'ア', 'イ', 'ウ', 'エ', 'オ',
    'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ', 'チ', 'ツ', 'テ', 'ト', 'ナ',
    'ニ', 'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ', 'ホ', 'マ', 'ミ', 'ム', 'メ', 'モ', 'ヤ', 'ユ',
    'ヨ', 'ラ', 'リ', 'ル', 'レ', 'ロ', 'ワ', 'ン',
];

fn fold_char(c: char, previous: Option<char>) -> CharFold {
    // Most of a title, first: ASCII, katakana and ideographs, which no rule below changes but
    // these (the long-vowel rule is the only one that reads an ASCII char, `~`).
    match c {
        '\t'..='\r' | ' ' => return CharFold::Space,
        '~' if previous.is_some_and(is_katakana) => return CharFold::One('ー'),
        _ if c.is_ascii() => return CharFold::One(c.to_ascii_lowercase()),
        'ァ'..='ヺ' | '\u{4E00}'..='\u{9FFF}' => return CharFold::One(c),
        _ => {}
    }
    if c.is_whitespace() {
        return CharFold::Space;
    }
    let code = u32::from(c);
    let one = match c {
        // Japanese middle dots separate words like a space does.
        '・' | '･' | '·' | '‧' => return CharFold::Space,
        // Voiced marks that did not compose with the kana before them.
        '\u{FF9E}' | '\u{FF9F}' | '\u{3099}'..='\u{309C}' => return CharFold::Drop,
        // Zero-width space, non-joiner, joiner, word joiner, byte order mark, soft hyphen.
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => return CharFold::Drop,
        'ー' | 'ｰ' | '‐'..='―' | '−' | '～' | '〜' | '~' | '－'
            if previous.is_some_and(is_katakana) =>
        {
            'ー'
        }
        '‐'..='―' | '−' => '-',
        '〜' => '~',
        // Brackets and quotes keep their shape in ASCII: corner brackets and double quotes → ", single quotes
        // → ', lenticular, tortoise-shell and white brackets → [ ], white parentheses → ( ), double and single
        // angle brackets → < > (the full-width ［］（）＜＞＂＇ reach the same through the full-width ASCII rule).
        '「' | '」' | '『' | '』' | '｢' | '｣' | '“' | '”' | '„' | '〝' | '〞' | '〟' | '«'
        | '»' => '"',
        '‘' | '’' => '\'',
        '【' | '〔' | '〖' | '〘' | '〚' => '[',
        '】' | '〕' | '〗' | '〙' | '〛' => ']',
        '《' | '〈' => '<',
        '》' | '〉' => '>',
        '｟' => '(',
        '｠' => ')',
        '｡' => '。',
        '､' => '、',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(code - 0xFEE0)
            .unwrap_or(c)
            .to_ascii_lowercase(),
        '\u{FF66}'..='\u{FF9D}' => usize::try_from(code - 0xFF66)
            .ok()
            .and_then(|index| FULL_WIDTH_KATAKANA.get(index).copied())
            .unwrap_or(c),
        'ぁ'..='ゖ' | 'ゝ' | 'ゞ' => char::from_u32(code + 0x60).unwrap_or(c),
        'ё' | 'Ё' => 'е',
        _ if c.is_ascii() => c.to_ascii_lowercase(),
        // The common cases, without a search of the Unicode case tables: scripts without case
        // (kana, ideographs, hangul) and the Russian alphabet.
        _ if is_caseless(c) => c,
        'А'..='Я' => char::from_u32(code + 0x20).unwrap_or(c),
        'Ѐ'..='Џ' => char::from_u32(code + 0x50).unwrap_or(c),
        'а'..='я' | 'ѐ'..='џ' => c,
        _ => match lower::lower(c) {
            lower::Lower::One(one) => one,
            lower::Lower::Several(several) => return CharFold::Several(several),
        },
    };
    CharFold::One(one)
}

/// Ranges where no char has a lowercase mapping (CJK symbols and punctuation, kana, ideographs,
/// Yi, hangul syllables); a test checks them against the Unicode tables of the compiler in use.
fn is_caseless(c: char) -> bool {
    matches!(c, '\u{2D30}'..='\u{A63F}' | '\u{AC00}'..='\u{D7FF}')
}

/// Katakana (including ー and the iteration marks) after which a dash or wave dash is a long vowel.
fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | '\u{30FC}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}')
}

/// The precomposed katakana for `kana` followed by a voiced (ﾞ ゛ U+3099) or semi-voiced (ﾟ ゜ U+309A) mark.
fn compose_voiced(kana: char, mark: char) -> Option<char> {
    let semi_voiced = match mark {
        '\u{FF9E}' | '\u{3099}' | '\u{309B}' => false,
        '\u{FF9F}' | '\u{309A}' | '\u{309C}' => true,
        _ => return None,
    };
    let code = u32::from(kana);
    let composed = match (code, semi_voiced) {
        // カ キ ク ケ コ サ シ ス セ ソ タ チ → ガ ギ … ヂ
        (0x30AB..=0x30C2, false) if code % 2 == 1 => code + 1,
        // ツ テ ト → ヅ デ ド
        (0x30C4 | 0x30C6 | 0x30C8, false) => code + 1,
        // ハ ヒ フ ヘ ホ → バ … ボ, パ … ポ
        (0x30CF..=0x30DD, _) if (code - 0x30CF) % 3 == 0 => code + 1 + u32::from(semi_voiced),
        // ウ → ヴ
        (0x30A6, false) => 0x30F4,
        // ワ ヰ ヱ ヲ → ヷ ヸ ヹ ヺ
        (0x30EF..=0x30F2, false) => code + 8,
        // ヽ → ヾ
        (0x30FD, false) => 0x30FE,
        _ => return None,
    };
    char::from_u32(composed)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// The UTF-16 range of `needle`'s first occurrence in the folded `title`'s original.
    fn utf16_of_match(title: &str, term: &str) -> Range<usize> {
        let folded = Folded::new(title);
        let term = fold(term);
        let at = folded.as_str().find(&term).unwrap();
        folded.original_utf16(at..at + term.len())
    }

    #[test]
    fn full_width_ascii_folds_to_lowercase_ascii() {
        assert_eq!(fold("ＧＬＡＳＳ"), "glass");
        assert_eq!(fold("ｉＰｈｏｎｅ１２"), "iphone12");
        assert_eq!(
            fold("！＃＄％＆＊＋，．／：；＝？＠＼＾＿｀｜"),
            "!#$%&*+,./:;=?@\\^_`|"
        );
    }

    #[test]
    fn unicode_spaces_fold_to_ascii_space() {
        assert_eq!(fold("美品\u{3000}グラス"), "美品 グラス");
        assert_eq!(fold("a\u{A0}b"), "a b");
        for space in '\u{2000}'..='\u{200A}' {
            assert_eq!(
                fold(&format!("a{space}b")),
                "a b",
                "{:04X}",
                u32::from(space)
            );
        }
        assert_eq!(fold("a\tb\nc\u{202F}d\u{205F}e"), "a b c d e");
    }

    #[test]
    fn half_width_katakana_folds_to_full_width() {
        assert_eq!(
            fold("ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ"),
            "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
        );
        assert_eq!(fold("｡､"), "。、");
    }

    #[test]
    fn half_width_voiced_marks_compose_into_precomposed_katakana() {
        assert_eq!(fold("ｸﾞﾗｽ"), "グラス");
        assert_eq!(fold("ﾊﾟｿｺﾝ"), "パソコン");
        assert_eq!(fold("ｳﾞｨﾝﾃｰｼﾞ"), "ヴィンテージ");
        assert_eq!(fold("ｶﾞｷﾞｸﾞｹﾞｺﾞｻﾞｼﾞｽﾞｾﾞｿﾞﾀﾞﾁﾞﾂﾞﾃﾞﾄﾞ"), "ガギグゲゴザジズゼゾダヂヅデド");
        assert_eq!(fold("ﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ"), "バビブベボパピプペポ");
        assert_eq!(fold("ﾜﾞｦﾞ"), "ヷヺ");
        // A full-width kana takes a half-width mark too.
        assert_eq!(fold("カﾞ"), "ガ");
    }

    #[test]
    fn voiced_mark_that_cannot_compose_is_dropped() {
        assert_eq!(fold("ｱﾞ"), "ア");
        assert_eq!(fold("ｶﾟ"), "カ");
        assert_eq!(fold("ﾞﾟ"), "");
        assert_eq!(fold("a゛b゜"), "ab");
        assert_eq!(fold("ｶﾞﾞ"), "ガ");
        assert_eq!(fold("ガ\u{3099}"), "ガ");
    }

    #[test]
    fn combining_voiced_marks_compose_after_kana() {
        assert_eq!(fold("か\u{3099}らす"), "ガラス");
        assert_eq!(fold("ハ\u{309A}ン"), "パン");
        assert_eq!(fold("う\u{3099}"), "ヴ");
        assert_eq!(fold("ゝ\u{3099}"), "ヾ");
        assert_eq!(fold("ト゛"), "ド");
    }

    #[test]
    fn half_width_long_vowel_folds_to_full_width() {
        assert_eq!(fold("ｺｰﾋｰ"), "コーヒー");
        assert_eq!(fold("ｰ"), "ー");
    }

    #[test]
    fn hiragana_folds_to_katakana() {
        assert_eq!(fold("がらす"), "ガラス");
        assert_eq!(fold("ぐらす"), "グラス");
        for hiragana in 'ぁ'..='ゖ' {
            let katakana = char::from_u32(u32::from(hiragana) + 0x60).unwrap();
            assert_eq!(fold(&hiragana.to_string()), katakana.to_string());
        }
        assert_eq!(fold("ゝゞ"), "ヽヾ");
    }

    #[test]
    fn latin_greek_and_cyrillic_fold_to_lowercase() {
        assert_eq!(fold("Glass"), "glass");
        assert_eq!(fold("ÉCLAIR Ærø"), "éclair ærø");
        assert_eq!(fold("ΒΑΖΟ Σ"), "βαζο σ");
        assert_eq!(fold("ВАЗА Стекло"), "ваза стекло");
        // İ lowercases to two chars: i and a combining dot above.
        assert_eq!(fold("İSTANBUL"), "i\u{307}stanbul");
    }

    #[test]
    fn russian_yo_folds_to_ye() {
        assert_eq!(fold("ёлка Ёжик"), "елка ежик");
    }

    #[test]
    fn dash_and_wave_variants_after_katakana_fold_to_long_vowel() {
        for dash in [
            'ー', 'ｰ', '‐', '‑', '‒', '–', '—', '―', '−', '～', '〜', '~', '－',
        ] {
            assert_eq!(
                fold(&format!("コ{dash}ヒ{dash}")),
                "コーヒー",
                "{:04X}",
                u32::from(dash)
            );
        }
        // After hiragana folded to katakana, and after a voiced half-width kana.
        assert_eq!(fold("す〜ぱ〜"), "スーパー");
        assert_eq!(fold("ｽ―ﾊﾟ―"), "スーパー");
        // After a long vowel, too.
        assert_eq!(fold("カ〜〜"), "カーー");
    }

    #[test]
    fn dash_variants_elsewhere_fold_to_hyphen_minus() {
        for dash in ['‐', '‑', '‒', '–', '—', '―', '−', '－'] {
            assert_eq!(fold(&format!("A{dash}1")), "a-1", "{:04X}", u32::from(dash));
        }
        assert_eq!(fold("美品 — 箱付き"), "美品 - 箱付キ");
        // The ASCII hyphen-minus is kept even after katakana.
        assert_eq!(fold("カ-"), "カ-");
    }

    #[test]
    fn wave_dashes_elsewhere_fold_to_tilde() {
        assert_eq!(fold("1〜2個"), "1~2個");
        assert_eq!(fold("1～2個"), "1~2個");
        assert_eq!(fold("1~2個"), "1~2個");
    }

    #[test]
    fn long_vowel_elsewhere_is_kept() {
        assert_eq!(fold("aー"), "aー");
        assert_eq!(fold("aｰ"), "aー");
    }

    #[test]
    fn middle_dots_fold_to_space() {
        assert_eq!(fold("ワイン・グラス"), "ワイン グラス");
        assert_eq!(fold("ﾜｲﾝ･ｸﾞﾗｽ"), "ワイン グラス");
        assert_eq!(fold("a·b‧c"), "a b c");
    }

    #[test]
    fn whitespace_runs_collapse_to_one_space_mapping_back_to_the_whole_run() {
        let title = "美品 \u{3000}・\t グラス";
        let folded = Folded::new(title);
        assert_eq!(folded.as_str(), "美品 グラス");
        let space = "美品".len();
        let run = folded.original_bytes(space..space + 1);
        assert_eq!(&title[run], " \u{3000}・\t ");
        assert_eq!(folded.original_utf16(space..space + 1), 2..7);
    }

    #[test]
    fn japanese_brackets_and_quotes_fold_to_their_ascii_shape() {
        assert_eq!(
            fold("【美品】〔新品〕〖A〗〘B〙〚C〛［D］"),
            "[美品][新品][a][b][c][d]"
        );
        assert_eq!(
            fold("「ガラス」『割れ物』｢ｸﾞﾗｽ｣“x”„y“〝z〟«ваза»＂q＂"),
            "\"ガラス\"\"割レ物\"\"グラス\"\"x\"\"y\"\"z\"\"ваза\"\"q\""
        );
        assert_eq!(fold("‘a’＇b＇"), "'a''b'");
        assert_eq!(fold("（箱）｟c｠"), "(箱)(c)");
        assert_eq!(fold("《本》〈d〉＜e＞"), "<本><d><e>");
    }

    #[test]
    fn invisible_format_chars_are_dropped() {
        assert_eq!(fold("グ\u{200B}ラ\u{FEFF}ス"), "グラス");
        assert_eq!(fold("gla\u{AD}ss\u{2060}"), "glass");
    }

    #[test]
    fn letters_digits_ideographs_and_kana_are_otherwise_kept() {
        let kept = "ワイングラス 陶器 2個セット 玻璃杯 ваза vase 123 한글 、。";
        assert_eq!(fold(kept), kept);
    }

    #[test]
    fn circled_roman_numerals_and_compatibility_ideographs_are_left_unchanged() {
        assert_eq!(fold("①Ⅻ㈱豈"), "①ⅻ㈱豈");
        assert_eq!(fold("①Ⅲ"), "①ⅲ");
    }

    #[test]
    fn glass_in_bracketed_title_maps_to_the_four_half_width_units() {
        let title = "【美品】ｸﾞﾗｽ 2個セット";
        assert_eq!(utf16_of_match(title, "グラス"), 4..8);
        let folded = Folded::new(title);
        let at = folded.as_str().find("グラス").unwrap();
        let bytes = folded.original_bytes(at..at + "グラス".len());
        assert_eq!(&title[bytes], "ｸﾞﾗｽ");
    }

    #[test]
    fn emoji_before_match_shifts_utf16_offsets_by_two() {
        assert_eq!(utf16_of_match("美品ｸﾞﾗｽ", "グラス"), 2..6);
        assert_eq!(utf16_of_match("美品😀ｸﾞﾗｽ", "グラス"), 4..8);
    }

    #[test]
    fn hiragana_match_maps_to_three_utf16_units() {
        assert_eq!(utf16_of_match("ワイン用がらす", "ガラス"), 4..7);
        assert_eq!(utf16_of_match("がらす", "ｶﾞﾗｽ"), 0..3);
    }

    #[test]
    fn latin_match_maps_back_to_full_width_original() {
        assert_eq!(utf16_of_match("北欧ＧＬＡＳＳ", "glass"), 2..7);
        assert_eq!(utf16_of_match("北欧 Glass", "GLASS"), 3..8);
    }

    #[test]
    fn dropped_mark_is_not_part_of_the_mapped_range() {
        let title = "ｱﾞｲ";
        let folded = Folded::new(title);
        assert_eq!(folded.as_str(), "アイ");
        assert_eq!(folded.original_utf16(0..3), 0..1);
        assert_eq!(folded.original_utf16(3..6), 2..3);
        assert_eq!(folded.original_utf16(0..6), 0..3);
    }

    #[test]
    fn multi_char_lowercase_maps_back_to_its_one_original_char() {
        let folded = Folded::new("xİy");
        assert_eq!(folded.as_str(), "xi\u{307}y");
        assert_eq!(folded.original_bytes(1..2), 1..3);
        assert_eq!(folded.original_bytes(2..4), 1..3);
        assert_eq!(folded.original_utf16(1..5), 1..3);
    }

    #[test]
    fn out_of_range_and_non_boundary_ranges_are_clamped() {
        let folded = Folded::new("ｸﾞﾗｽ");
        // Folded "グラス" is 9 bytes; original is 4 UTF-16 units, 12 bytes.
        assert_eq!(folded.original_utf16(0..100), 0..4);
        assert_eq!(folded.original_utf16(100..200), 4..4);
        assert_eq!(folded.original_utf16(1..2), 0..2);
        assert_eq!(folded.original_utf16(4..5), 2..3);
        assert_eq!(folded.original_bytes(Range { start: 5, end: 1 }), 6..6);
        assert_eq!(Folded::new("").original_utf16(0..10), 0..0);
        assert_eq!(Folded::new("ﾞ").original_utf16(0..10), 0..0);
    }

    #[test]
    fn empty_range_maps_to_empty_range_at_its_original_position() {
        let folded = Folded::new("ｸﾞﾗｽ");
        assert_eq!(folded.original_utf16(3..3), 2..2);
        assert_eq!(folded.original_utf16(9..9), 4..4);
    }

    #[test]
    fn latin_cyrillic_greek_and_digits_are_word_chars() {
        for c in ['a', 'Z', 'é', 'ж', 'Ё', 'λ', '0', '٣', 'ⅻ'] {
            assert!(is_word_char(c), "{c}");
        }
    }

    #[test]
    fn ideographs_kana_hangul_spaces_and_punctuation_are_not_word_chars() {
        for c in [
            '美', '々', '〇', 'が', 'ガ', 'ー', 'ｸ', '한', 'ㄱ', '𠀋', ' ', '-', '_', '・', '[',
            '"',
        ] {
            assert!(!is_word_char(c), "{c}");
        }
    }

    #[test]
    fn the_fast_paths_lowercase_as_the_unicode_tables_do() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let fast = match c {
                // Folded to е on purpose, before any lowercasing.
                'ё' | 'Ё' => continue,
                _ if is_caseless(c) => Some(c),
                'А'..='Я' | 'Ѐ'..='Џ' | 'а'..='я' | 'ѐ'..='џ' => match fold_char(c, None) {
                    CharFold::One(one) => Some(one),
                    _ => None,
                },
                _ => continue,
            };
            let mut lower = c.to_lowercase();
            assert_eq!(fast, lower.next(), "{:04X}", u32::from(c));
            assert_eq!(lower.next(), None, "{:04X}", u32::from(c));
        }
    }

    #[test]
    fn fold_agrees_with_folded_text() {
        for title in ["【美品】ｸﾞﾗｽ 2個セット", "ВАЗА  Ёлка", "す〜ぱ〜 ｺｰﾋｰ", ""]
        {
            assert_eq!(fold(title), Folded::new(title).as_str());
        }
    }

    #[test]
    fn every_char_folds_idempotently_alone_and_after_katakana() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            for title in [c.to_string(), format!("カ{c}")] {
                let once = fold(&title);
                assert_eq!(fold(&once), once, "{:04X}", u32::from(c));
            }
        }
    }

    /// Property tests: native only (proptest is not built for wasm32, where `--tests` also
    /// compiles these unit tests).
    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Chars that exercise the folding rules, mixed into arbitrary strings.
        const TRICKY: &[char] = &[
            'ｸ', 'ﾊ', 'ｳ', 'ｱ', 'ﾞ', 'ﾟ', '\u{3099}', '\u{309A}', '゛', '゜', 'か', 'は', 'ゝ', 'ヽ',
            'ワ', 'ー', 'ｰ', '‐', '—', '−', '～', '〜', '~', '－', '-', ' ', '\u{3000}', '\u{A0}',
            '\t', '・', '･', '·', '「', '】', '“', 'İ', 'Ё', 'ё', 'Σ', 'Ａ', 'a', '1', '😀',
            '\u{200B}', '美', '　',
        ];

        fn title() -> impl Strategy<Value = String> {
            prop::collection::vec(
                prop_oneof![any::<char>(), prop::sample::select(TRICKY)],
                0..40,
            )
            .prop_map(String::from_iter)
        }

        fn char_boundaries(s: &str) -> Vec<usize> {
            s.char_indices().map(|(i, _)| i).chain([s.len()]).collect()
        }

        proptest! {
            #[test]
            fn folding_never_panics(s in any::<String>(), start in any::<usize>(), end in any::<usize>()) {
                let folded = Folded::new(&s);
                let _ = folded.original_utf16(start..end);
                let _ = folded.original_bytes(start..end);
            }

            #[test]
            fn fold_equals_folded_text(s in title()) {
                let folded = Folded::new(&s);
                prop_assert_eq!(fold(&s), folded.as_str());
            }

            #[test]
            fn folding_is_idempotent(s in title()) {
                let once = fold(&s);
                prop_assert_eq!(fold(&once), once);
            }

            #[test]
            fn folding_arbitrary_strings_is_idempotent(s in any::<String>()) {
                let once = fold(&s);
                prop_assert_eq!(fold(&once), once);
            }

            #[test]
            fn mapped_ranges_stay_in_the_original(
                s in title(),
                a in any::<prop::sample::Index>(),
                b in any::<prop::sample::Index>(),
            ) {
                let folded = Folded::new(&s);
                let boundaries = char_boundaries(folded.as_str());
                let (a, b) = (a.get(&boundaries), b.get(&boundaries));
                let range = *a.min(b)..*a.max(b);

                let utf16 = folded.original_utf16(range.clone());
                prop_assert!(utf16.start <= utf16.end);
                prop_assert!(utf16.end <= s.encode_utf16().count());

                let bytes = folded.original_bytes(range);
                prop_assert!(bytes.start <= bytes.end && bytes.end <= s.len());
                prop_assert!(s.is_char_boundary(bytes.start) && s.is_char_boundary(bytes.end));
                // Both maps point at the same stretch of the original.
                prop_assert_eq!(utf16.start, s[..bytes.start].encode_utf16().count());
                prop_assert_eq!(utf16.end, s[..bytes.end].encode_utf16().count());
            }

            #[test]
            fn ascii_lowercase_alphanumerics_fold_to_themselves(s in "[a-z0-9]*") {
                let folded = Folded::new(&s);
                prop_assert_eq!(folded.as_str(), s.as_str());
                for start in 0..=s.len() {
                    for end in start..=s.len() {
                        prop_assert_eq!(folded.original_utf16(start..end), start..end);
                    }
                }
            }
        }
    }
}
