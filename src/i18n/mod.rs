//! Locales and message lookup: every reason, outcome, evidence, next step and notice has a
//! message in English, Japanese, Russian and simplified Chinese, written in the policy document.
//!
//! The code is what a verdict *is*; the message is looked up from the code and the locale, never
//! the other way round. A page's `lang` (`ja-JP`, `zh-Hant-TW`, `ru`) is matched to the nearest
//! supported [`Locale`] by [`Locale::negotiate`], so the caller never has to know the list.

use crate::policy::map::Map;
use core::cmp::Ordering;

use serde::{Deserialize, Serialize};

/// A supported locale.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub enum Locale {
    /// English.
    #[default]
    #[serde(rename = "en")]
    En,
    /// Japanese.
    #[serde(rename = "ja")]
    Ja,
    /// Russian.
    #[serde(rename = "ru")]
    Ru,
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl Locale {
    /// Every supported locale.
    pub const ALL: &'static [Locale] = &[Locale::En, Locale::Ja, Locale::Ru, Locale::ZhCn];

    /// The BCP 47 tag.
    pub const fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ja => "ja",
            Locale::Ru => "ru",
            Locale::ZhCn => "zh-CN",
        }
    }

    /// The nearest supported locale for a BCP 47 tag, by its primary language; English when
    /// nothing is near. Chinese of any script or region gets simplified Chinese (the closest
    /// written form on offer).
    ///
    /// ```
    /// use aftersales::Locale;
    /// assert_eq!(Locale::negotiate("ja-JP"), Locale::Ja);
    /// assert_eq!(Locale::negotiate("zh-Hant-TW"), Locale::ZhCn);
    /// assert_eq!(Locale::negotiate("fr"), Locale::En);
    /// ```
    pub fn negotiate(tag: &str) -> Locale {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        match primary.as_str() {
            "ja" => Locale::Ja,
            "ru" => Locale::Ru,
            "zh" => Locale::ZhCn,
            _ => Locale::En,
        }
    }
}

/// The messages of one policy, by key and locale.
#[derive(Debug, Clone, PartialEq)]
pub struct Messages {
    /// Each key with its message in every locale, in [`Messages::slot`] order; sorted by key,
    /// so that [`Messages::word`], called for every flag, notice and reason, can search for
    /// `{prefix}.{word}` without building it (and no map type adds its code to the module).
    by_key: Vec<(String, [String; 4])>,
}

impl Messages {
    /// Builds the table from the document's `messages` (already validated: every key has every
    /// locale; a missing one falls back to English, then to the key itself).
    pub(crate) fn new(doc: &Map<String, Map<String, String>>) -> Messages {
        // A map iterates in key order: `by_key` comes out sorted.
        let by_key = doc
            .iter()
            .map(|(key, by_locale)| {
                let en = by_locale.get("en").cloned().unwrap_or_else(|| key.clone());
                let get = |l: Locale| {
                    by_locale
                        .get(l.tag())
                        .cloned()
                        .unwrap_or_else(|| en.clone())
                };
                (
                    key.clone(),
                    [
                        en.clone(),
                        get(Locale::Ja),
                        get(Locale::Ru),
                        get(Locale::ZhCn),
                    ],
                )
            })
            .collect();
        Messages { by_key }
    }

    fn slot(locale: Locale) -> usize {
        match locale {
            Locale::En => 0,
            Locale::Ja => 1,
            Locale::Ru => 2,
            Locale::ZhCn => 3,
        }
    }

    /// The message of the key `compare` finds (it orders a key against the one sought).
    fn find(&self, mut compare: impl FnMut(&str) -> Ordering, locale: Locale) -> Option<&str> {
        let at = self.by_key.binary_search_by(|(k, _)| compare(k)).ok()?;
        self.by_key
            .get(at)
            .and_then(|(_, all)| all.get(Messages::slot(locale)))
            .map(String::as_str)
    }

    /// The message for `key` in `locale`; the key itself when the policy has none.
    pub fn text<'a>(&'a self, key: &'a str, locale: Locale) -> &'a str {
        self.find(|k| k.cmp(key), locale).unwrap_or(key)
    }

    /// The message for a vocabulary word under a key prefix (`reason`, `evidence`, …): the
    /// message of `{prefix}.{word}`.
    pub fn word(&self, prefix: &str, word: &str, locale: Locale) -> String {
        match self.find(|k| compare_key(k, prefix, word), locale) {
            Some(text) => text.to_owned(),
            None => format!("{prefix}.{word}"),
        }
    }
}

/// How `key` orders against `{prefix}.{word}` (as strings do: by their bytes), without
/// building the latter.
fn compare_key(key: &str, prefix: &str, word: &str) -> Ordering {
    let key = key.as_bytes();
    let (head, rest) = key
        .split_at_checked(prefix.len().min(key.len()))
        .unwrap_or((key, &[]));
    match head.cmp(prefix.as_bytes()) {
        Ordering::Equal => {}
        unequal => return unequal,
    }
    match rest.split_first() {
        None => Ordering::Less,
        Some((&first, tail)) => first.cmp(&b'.').then_with(|| tail.cmp(word.as_bytes())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_uses_the_primary_language_and_falls_back_to_english() {
        assert_eq!(Locale::negotiate("ru-RU"), Locale::Ru);
        assert_eq!(Locale::negotiate("zh_CN"), Locale::ZhCn);
        assert_eq!(Locale::negotiate("JA"), Locale::Ja);
        assert_eq!(Locale::negotiate(""), Locale::En);
        assert_eq!(Locale::negotiate("de-DE"), Locale::En);
    }

    #[test]
    fn a_missing_locale_falls_back_to_english_then_to_the_key() {
        let mut doc = Map::new();
        doc.insert(
            "reason.covered".to_owned(),
            Map::from([("en".to_owned(), "Covered".to_owned())]),
        );
        let m = Messages::new(&doc);
        assert_eq!(m.text("reason.covered", Locale::Ja), "Covered");
        assert_eq!(m.text("reason.unknown", Locale::Ja), "reason.unknown");
    }

    #[test]
    fn a_word_is_the_message_of_its_whole_key() {
        let mut doc = Map::new();
        for key in ["reason.covered", "a.b.c", "plain", "x."] {
            doc.insert(
                key.to_owned(),
                Map::from([("en".to_owned(), format!("<{key}>"))]),
            );
        }
        let m = Messages::new(&doc);
        let cases = [
            ("reason", "covered"),
            ("a", "b.c"),
            ("a.b", "c"),
            ("x", ""),
            ("plain", ""),
            ("reason", "unknown"),
            ("", "plain"),
        ];
        for (prefix, word) in cases {
            let key = format!("{prefix}.{word}");
            assert_eq!(
                m.word(prefix, word, Locale::Ru),
                m.text(&key, Locale::Ru),
                "{key}"
            );
        }
        assert_eq!(m.word("a.b", "c", Locale::En), "<a.b.c>");
        let keys = [
            "", ".", "a", "a.", "a-b", "a.b", "a.bc", "ab", "ab.c", "a/b", "b.a", "é.x",
        ];
        for key in keys {
            for prefix in keys {
                for word in keys {
                    let whole = format!("{prefix}.{word}");
                    assert_eq!(
                        compare_key(key, prefix, word),
                        key.cmp(whole.as_str()),
                        "{key} against {whole}"
                    );
                }
            }
        }
        assert_eq!(m.word("reason", "unknown", Locale::En), "reason.unknown");
    }
}
