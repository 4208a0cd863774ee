//! Title shapes: what a title's layout says where its words do not, as bookshops and used-media
//! shops write it (a credit in square brackets ending the title, a used-goods mark first and a
//! name after the last slash, a volume number in parentheses after a Japanese name, an author
//! in catalogue order after "by", a publisher's series in parentheses ending the title, a
//! trading card's collector number). The policy names which shapes hint at which class
//! (`screening.classes.*.shapes`); this file finds where a title has one.

use crate::policy::vocabulary::TitleShape;
use crate::text::Folded;

/// Where a title shape is, as a folded byte span, if the title has it.
///
/// A trailing credit is `[ … ]` ending the title, written with ASCII brackets and a space inside
/// each (folding maps 【】 and ［］ to the same brackets, so the original is checked): a shop's
/// 「【 送料無料 】」 or 「[ワンピース / チュニック]」 is no credit. What it holds is a name or a
/// few: at most [`CREDIT_MAX_CHARS`] chars, no bracket, no digit (「[ MVVE3J/A ]」 is a model
/// number), and text before it.
pub(super) fn shape_span(shape: TitleShape, folded: &Folded, text: &str) -> Option<(usize, usize)> {
    match shape {
        TitleShape::UsedCredit => {
            if !text.trim_start().starts_with("【中古】") {
                return None;
            }
            let hay = folded.as_str();
            let end = hay.trim_end().len();
            // The last name, and the one before it when two are credited (「岸本斉史／ひなたしょう」).
            let name_after = |upto: usize| {
                let slash = hay.get(..upto)?.rfind('/')?;
                let name = hay.get(slash + 1..upto)?.trim();
                let chars = name.chars().count();
                let written = (2..=CREDIT_NAME_MAX_CHARS).contains(&chars)
                    && name.chars().all(|c| c == ' ' || is_name_char(c));
                written.then_some(slash)
            };
            let last = name_after(end)?;
            let first = name_after(last).unwrap_or(last);
            let before = hay.get(..first)?.trim();
            // Text before it, and not only the 「[中古]」 mark itself.
            (before.chars().count() > "[中古]".chars().count()).then_some((first, end))
        }
        TitleShape::VolumeNumber => {
            // Folding makes 「（10）」 `(10)`; one or two digits, after a Japanese name (and the
            // 「!!」 some titles end with), or in full-width parentheses, which only Japanese
            // typesetting uses (「Ruby（2）」).
            let hay = folded.as_str();
            let mut from = 0;
            while let Some(i) = hay.get(from..)?.find('(') {
                let open = from + i;
                let rest = hay.get(open + 1..)?;
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                // 「カーキ（09）」 is a colour code: a volume has no leading zero.
                let leading_zero = digits == 2 && rest.starts_with('0');
                let close = open + 1 + digits;
                let named = hay
                    .get(..open)?
                    .trim_end()
                    .trim_end_matches(['!', '?'])
                    .chars()
                    .next_back()
                    .is_some_and(is_name_char);
                let full_width = text.get(folded.original_bytes(open..open + 1)) == Some("（");
                if (1..=2).contains(&digits)
                    && !leading_zero
                    && hay.get(close..close + 1) == Some(")")
                    && (named || full_width)
                {
                    return Some((open, close + 1));
                }
                from = open + 1;
            }
            trailing_volume(folded, text)
        }
        TitleShape::CatalogCredit => {
            // " by Surname, Given" after the title, each name capitalized as written: the
            // surname one word (letters, hyphens, apostrophes), the given name a word or an
            // initial, whatever follows it (a second author, a cut-off "…"). Read as bytes:
            // every char it accepts is ASCII.
            let hay = folded.as_str().as_bytes();
            // A plain byte scan: `str::rfind` would bring the two-way searcher's ~2 KB.
            let by = hay.windows(4).rposition(|w| w == b" by ")?;
            let name_at = by + " by ".len();
            let letters = |from: usize, apostrophe: bool| {
                hay.get(from..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|&&b| {
                        b.is_ascii_lowercase() || b == b'-' || (apostrophe && b == b'\'')
                    })
                    .count()
            };
            let surname = letters(name_at, true);
            let comma = name_at + surname;
            let given_at = comma + 1 + usize::from(hay.get(comma + 1) == Some(&b' '));
            let given = letters(given_at, false);
            let capital = |at: usize| {
                text.as_bytes()
                    .get(folded.original_bytes(at..at + 1).start)
                    .is_some_and(u8::is_ascii_uppercase)
            };
            let fits = (2..=24).contains(&surname)
                && hay.get(comma) == Some(&b',')
                && given > 0
                && capital(name_at)
                && capital(given_at)
                && by > 0;
            fits.then_some((by + 1, given_at + given))
        }
        TitleShape::DashSubtitle => {
            // Folding makes a long dash `-`, or `ー` after kana (hiragana folds to katakana, and
            // a dash after katakana reads as a prolonged sound): the original says which it was.
            // A run of them (「――」) and the spaces around it count as one. One side is Japanese
            // and the other Japanese or a word's last or first letter, digit or mark
            // (「整理HACKS!―1分で…」, 「言い訳する―人は…」).
            let hay = folded.as_str();
            let long_dash = |at: usize, c: char| {
                matches!(c, '-' | 'ー')
                    && matches!(
                        text.get(folded.original_bytes(at..at + c.len_utf8())),
                        Some("\u{2015}" | "\u{2014}")
                    )
            };
            let mut dashes = hay.char_indices().peekable();
            while let Some((at, c)) = dashes.next() {
                if !long_dash(at, c) {
                    continue;
                }
                let mut end = at + c.len_utf8();
                while let Some(&(next, d)) = dashes.peek() {
                    if next != end || !long_dash(next, d) {
                        break;
                    }
                    end = next + d.len_utf8();
                    dashes.next();
                }
                let before = hay.get(..at)?.trim_end();
                let after = hay.get(end..)?.trim_start();
                // A Latin word on the other side is one of three letters or digits at least:
                // 「Tシャツ ―Lサイズ」 sets a size apart, not a subtitle.
                let latin = |word: usize| word >= LATIN_WORD_MIN_CHARS;
                let latin_before = latin(
                    before
                        .trim_end_matches(['!', '?'])
                        .bytes()
                        .rev()
                        .take_while(u8::is_ascii_alphanumeric)
                        .count(),
                );
                let latin_after =
                    latin(after.bytes().take_while(u8::is_ascii_alphanumeric).count());
                let japanese_before = before.chars().next_back().is_some_and(is_name_char);
                let japanese_after = after.chars().next().is_some_and(is_name_char);
                let fits = (japanese_before && (japanese_after || latin_after))
                    || (japanese_after && latin_before);
                if fits {
                    return Some((at, end));
                }
            }
            None
        }
        TitleShape::ColonSubtitle => {
            // The title's first colon, after a name that starts with a capital or a digit and
            // holds no bracket, then a capitalized article or question word and two words.
            let hay = folded.as_str();
            let colon = hay.find(':')?;
            let name = hay.get(..colon)?.trim_end();
            let original = |at: usize| text.get(folded.original_bytes(at..at + 1));
            let opens = original(0)
                .and_then(|c| c.chars().next())
                .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            let plain = name.len() >= 3
                && name.chars().count() <= SUBTITLE_NAME_MAX_CHARS
                && !name.contains(['(', '[', '|', '/']);
            if !(opens && plain && original(colon) == Some(":")) {
                return None;
            }
            let at = colon + ": ".len();
            let rest = hay.get(colon + 1..)?.strip_prefix(' ')?;
            let mut words = rest.split(' ');
            let word = words.next()?;
            // Two words after it at least: a field's value is one ("Size: A Large").
            let after = words
                .take(2)
                .filter(|w| w.starts_with(|c: char| c.is_ascii_alphabetic()));
            let capital = original(at).is_some_and(|c| c.bytes().all(|b| b.is_ascii_uppercase()));
            let fits = SUBTITLE_OPENERS.contains(&word) && capital && after.count() == 2;
            fits.then_some((colon, at + word.len()))
        }
        TitleShape::SeriesLabel => {
            // Folding makes 「（）」 `()`. The last group, ending the title, with a name before
            // it and a series word at the end of what it holds, or alone after a name
            // (「(The Java Series)」, 「(TCPIP 基礎シリーズ)」, 「(岩波新書)」).
            let hay = folded.as_str();
            let end = hay.trim_end().len();
            let close = end.checked_sub(1)?;
            if hay.get(close..end)? != ")" {
                return None;
            }
            let open = hay.get(..close)?.rfind('(')?;
            let inner = hay.get(open + 1..close)?.trim();
            // A number in the series may follow its name (「(NHK出版新書 570)」,
            // 「(数学ガールシリーズ 3)」).
            let inner = match inner.rsplit_once(' ') {
                Some((head, number))
                    if (1..=SERIES_NUMBER_MAX_DIGITS).contains(&number.len())
                        && number.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    head.trim_end()
                }
                _ => inner,
            };
            let named = !hay.get(..open)?.trim().is_empty();
            let short = inner.chars().count() <= SERIES_LABEL_MAX_CHARS && !inner.contains(')');
            let label = SERIES_WORDS.iter().any(|w| {
                inner
                    .strip_suffix(w)
                    .is_some_and(|head| !head.ends_with(|c: char| c.is_ascii_alphabetic()))
            });
            (named && short && label).then_some((open, end))
        }
        TitleShape::CardNumber => {
            // Folding makes the promo code lower case; a digit, a letter or a slash on either
            // side makes it part of something else (「2024/05/01」, 「1/100」, 「A123/456」).
            let hay = folded.as_str();
            let bytes = hay.as_bytes();
            let apart =
                |at: Option<&u8>| !at.is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'/');
            let mut from = 0;
            while let Some(i) = hay.get(from..)?.find('/') {
                let slash = from + i;
                let head = bytes.get(..slash)?;
                let digits = head.iter().rev().take_while(|b| b.is_ascii_digit()).count();
                let start = slash - digits;
                let tail = hay.get(slash + 1..)?;
                let out_of = if tail.bytes().take_while(u8::is_ascii_digit).count() == 3 {
                    Some(3)
                } else {
                    PROMO_SETS
                        .iter()
                        .find(|p| tail.starts_with(*p))
                        .map(|p| p.len())
                };
                if let Some(len) = out_of {
                    let end = slash + 1 + len;
                    let before = start.checked_sub(1).and_then(|b| bytes.get(b));
                    if digits == 3 && apart(before) && apart(bytes.get(end)) {
                        return Some((start, end));
                    }
                }
                from = slash + 1;
            }
            None
        }
        TitleShape::TrailingPrint => {
            // The last word, after a name of two words or more written in Latin letters: the
            // art print's title before it (「The Sun Print」, "Bride Cordelia 11x17″ Print"). A
            // quote or a dash may stand between; a Japanese title says プリント otherwise.
            let hay = folded.as_str().trim_end();
            let word = PRINT_WORDS.iter().find(|w| {
                hay.strip_suffix(*w).is_some_and(|head| {
                    !head
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_alphanumeric())
                })
            })?;
            let start = hay.len() - word.len();
            let name = hay.get(..start)?;
            let latin_words = name
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| w.bytes().any(|b| b.is_ascii_alphabetic()))
                .count();
            let japanese = name.chars().any(is_name_char);
            // A comma makes the title a list of attributes, the print a pattern among them
            // ("Flip-Flops, Print"); a long one is a product's, not a work's.
            let listed = name.contains(',') || name.chars().count() > PRINT_NAME_MAX_CHARS;
            (latin_words >= 2 && !japanese && !listed).then_some((start, hay.len()))
        }
        TitleShape::CardCode => {
            // Folding makes the code lower case. Each side of the hyphen is the whole run of
            // letters and digits there, so a longer model number (「ABCDE-EN1234」) is no code.
            let hay = folded.as_str();
            let bytes = hay.as_bytes();
            let mut from = 0;
            while let Some(i) = hay.get(from..)?.find('-') {
                let dash = from + i;
                from = dash + 1;
                let set_len = bytes
                    .get(..dash)?
                    .iter()
                    .rev()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                let start = dash - set_len;
                let rest = bytes.get(dash + 1..)?;
                let number_len = rest
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                let set = bytes.get(start..dash)?;
                let number = rest.get(..number_len)?;
                if is_card_code(set, number) {
                    return Some((start, dash + 1 + number_len));
                }
            }
            None
        }
        TitleShape::CardName => {
            // Folding makes 《》 `<>`: the original says which they were. The name before the
            // slash holds a char written in Japanese; the one after opens with a Latin letter.
            let hay = folded.as_str();
            let mut from = 0;
            while let Some(i) = hay.get(from..)?.find('<') {
                let open = from + i;
                let inner_at = open + 1;
                let len = hay.get(inner_at..)?.find(['<', '>'])?;
                let close = inner_at + len;
                let bracketed = text.get(folded.original_bytes(open..open + 1)) == Some("《")
                    && text.get(folded.original_bytes(close..close + 1)) == Some("》");
                let inner = hay.get(inner_at..close)?;
                let named = inner.split_once('/').is_some_and(|(ja, en)| {
                    ja.chars().any(is_name_char)
                        && en
                            .trim_start()
                            .starts_with(|c: char| c.is_ascii_alphabetic())
                });
                if bracketed && named && inner.chars().count() <= CARD_NAME_MAX_CHARS {
                    return Some((open, close + 1));
                }
                from = inner_at;
            }
            None
        }
        TitleShape::TrailingCredit => {
            let hay = folded.as_str();
            let end = hay.trim_end().len();
            let inner_end = end.checked_sub(" ]".len())?;
            if hay.get(inner_end..end)? != " ]" {
                return None;
            }
            let open = hay.get(..inner_end)?.rfind(['[', ']'])?;
            let inner = hay.get(open + 1..inner_end)?;
            let credit = inner.strip_prefix(' ')?.trim();
            let ascii = |at: usize, bracket: &str| {
                text.get(folded.original_bytes(at..at + 1)) == Some(bracket)
            };
            let fits = !credit.is_empty()
                && credit.chars().count() <= CREDIT_MAX_CHARS
                && !credit.bytes().any(|b| b.is_ascii_digit())
                && !hay.get(..open)?.trim().is_empty()
                && ascii(open, "[")
                && ascii(end - 1, "]");
            fits.then_some((open, end))
        }
    }
}

/// A bare volume number ending a short title after a name written in Japanese, as a bookshop or
/// Amazon JP names a manga volume (「鬼滅の刃 18」, 「ワンパンマン 21」, 「姉なるもの1」): one
/// to three digits without a leading zero, after a name with no other digit and no Latin letter:
/// a model number or a year elsewhere says it is something else, and a number after a Latin
/// brand or name is as often a size or a model (「HERMÈS カシミヤ ジレ 34」, 「Louis Vuitton
/// キーポル25」).
fn trailing_volume(folded: &Folded, text: &str) -> Option<(usize, usize)> {
    let hay = folded.as_str();
    let end = hay.trim_end().len();
    let head = hay
        .get(..end)?
        .trim_end_matches(|c: char| c.is_ascii_digit());
    let start = head.len();
    let digits = hay.get(start..end)?;
    if !(1..=VOLUME_MAX_DIGITS).contains(&digits.len()) || digits.starts_with('0') {
        return None;
    }
    // A number joined to the name by a hyphen is a model or a catalogue code (「カ-419」): folding
    // reads a hyphen after katakana as a long vowel, so the original says which it was.
    let joined = head.chars().next_back().is_some_and(|c| {
        let at = start - c.len_utf8();
        matches!(
            text.get(folded.original_bytes(at..start)),
            Some("-" | "－" | "‐" | "‑" | "−")
        )
    });
    if joined {
        return None;
    }
    let name = head.trim_end_matches([' ', '-', '!', '?']);
    let fits = name.chars().next_back().is_some_and(is_name_char)
        && !name
            .chars()
            .any(|c| c.is_ascii_alphanumeric() || ('\u{C0}'..='\u{24F}').contains(&c))
        && name.chars().count() <= VOLUME_TITLE_MAX_CHARS;
    fits.then_some((start, end))
}

/// The most digits a bare volume number has (a long-running series passes 100).
const VOLUME_MAX_DIGITS: usize = 3;

/// The longest title, in chars, whose bare trailing number is read as a volume: a bookshop's
/// title is the work's name; a seller's long title with a number at its end is something else.
const VOLUME_TITLE_MAX_CHARS: usize = 30;

/// The words a book's subtitle opens with after its colon, folded.
const SUBTITLE_OPENERS: [&str; 6] = ["the", "a", "an", "how", "why", "what"];

/// The longest name, in chars, before a subtitle's colon: a book's title is short; a seller's
/// long title with a colon far in is a list of features.
const SUBTITLE_NAME_MAX_CHARS: usize = 60;

/// The words a publisher's series or imprint ends with, folded: 「…シリーズ」, "… Series",
/// 「…選書」, 「…叢書」, 「…新書」, 「…文庫」, "… Library", "… Selection", 「…ブックス」, "… Books".
const SERIES_WORDS: [&str; 11] = [
    "シリーズ",
    "series",
    "選書",
    "叢書",
    "新書",
    "文庫",
    "ライブラリー",
    "library",
    "selection",
    "ブックス",
    "books",
];

/// Whether `set`-`number` (folded) is a trading card's code: a Yu-Gi-Oh! set of three or four
/// letters and digits, a letter among them, then a region and three digits (「abyr-en079」,
/// 「23pp-jp020」), or a ONE PIECE Card Game set, its letters and two digits, then three digits
/// (「op05-067」, 「st13-012」).
fn is_card_code(set: &[u8], number: &[u8]) -> bool {
    let digits = |s: Option<&[u8]>, n: usize| {
        s.is_some_and(|s| s.len() == n && s.iter().all(u8::is_ascii_digit))
    };
    let yugioh = (3..=4).contains(&set.len())
        && set.iter().any(u8::is_ascii_alphabetic)
        && CARD_REGIONS
            .iter()
            .any(|r| number.starts_with(r.as_bytes()))
        && digits(number.get(2..), 3);
    let one_piece = ONE_PIECE_SETS.iter().any(|p| {
        set.strip_prefix(p.as_bytes())
            .is_some_and(|n| digits(Some(n), 2))
    }) && digits(Some(number), 3);
    yugioh || one_piece
}

/// The words an art print's title ends with, folded.
const PRINT_WORDS: [&str; 2] = ["print", "prints"];

/// The longest name, in chars, before a trailing "Print" that the shape reads as a work's.
const PRINT_NAME_MAX_CHARS: usize = 60;

/// The regions a Yu-Gi-Oh! card's code names after its set, folded (Japanese, English, Korean,
/// Asian-English and the European editions).
const CARD_REGIONS: [&str; 9] = ["jp", "en", "kr", "ae", "de", "fr", "it", "sp", "pt"];

/// The ONE PIECE Card Game's set letters, folded: boosters, starter decks, extra boosters and
/// premium boosters.
const ONE_PIECE_SETS: [&str; 4] = ["op", "st", "eb", "prb"];

/// The Pokémon card game's promo set codes, folded, that a promo card's number is written out
/// of (「192/SV-P」, 「200/SM-P」).
const PROMO_SETS: [&str; 7] = ["sv-p", "s-p", "sm-p", "xy-p", "bw-p", "dp-p", "m-p"];

/// The most digits a book's number in its series has, after the series' name.
const SERIES_NUMBER_MAX_DIGITS: usize = 4;

/// The longest card name, in chars, a card-name shape reads (both languages and the slash).
const CARD_NAME_MAX_CHARS: usize = 60;

/// The longest series label, in chars, a series-label shape reads.
const SERIES_LABEL_MAX_CHARS: usize = 40;

/// The longest credit a trailing-credit shape reads (a few names with their roles).
const CREDIT_MAX_CHARS: usize = 60;

/// The longest name a used-goods credit reads after its slash.
const CREDIT_NAME_MAX_CHARS: usize = 12;

/// A char of a name written in Japanese, once folded (hiragana are folded to katakana, middle
/// dots to spaces): an ideograph, a katakana or the iteration mark.
/// The fewest letters or digits of a Latin word beside a long dash for it to set a subtitle apart.
const LATIN_WORD_MIN_CHARS: usize = 3;

fn is_name_char(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{30A1}'..='\u{30FA}' | 'ー' | '々')
}
