//! Locales and message lookup: every reason, outcome, evidence, next step and notice has a
//! message in English, Japanese, Russian and simplified Chinese, written in the policy document.
//!
//! The code is what a verdict *is*; the message is looked up from the code and the locale, never
//! the other way round. A page's `lang` (`ja-JP`, `zh-Hant-TW`, `ru`) is matched to the nearest
//! supported [`Locale`] by [`Locale::negotiate`], so the caller never has to know the list.

use std::collections::BTreeMap;

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
    /// Each key's message in every locale, in [`Messages::slot`] order.
    texts: Vec<[String; 4]>,
    by_key: BTreeMap<String, usize>,
    /// The same, by the key's prefix and the rest (`reason` → `window_closed`), so that
    /// [`Messages::word`], called for every flag, notice and reason, does not build the key.
    by_word: BTreeMap<String, BTreeMap<String, usize>>,
}

impl Messages {
    /// Builds the table from the document's `messages` (already validated: every key has every
    /// locale; a missing one falls back to English, then to the key itself).
    pub(crate) fn new(doc: &BTreeMap<String, BTreeMap<String, String>>) -> Messages {
        let mut texts = Vec::with_capacity(doc.len());
        let mut by_key = BTreeMap::new();
        let mut by_word: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for (key, by_locale) in doc {
            let en = by_locale.get("en").cloned().unwrap_or_else(|| key.clone());
            let get = |l: Locale| {
                by_locale
                    .get(l.tag())
                    .cloned()
                    .unwrap_or_else(|| en.clone())
            };
            let index = texts.len();
            texts.push([
                en.clone(),
                get(Locale::Ja),
                get(Locale::Ru),
                get(Locale::ZhCn),
            ]);
            by_key.insert(key.clone(), index);
            if let Some((prefix, word)) = key.split_once('.') {
                by_word
                    .entry(prefix.to_owned())
                    .or_default()
                    .insert(word.to_owned(), index);
            }
        }
        Messages {
            texts,
            by_key,
            by_word,
        }
    }

    fn slot(locale: Locale) -> usize {
        match locale {
            Locale::En => 0,
            Locale::Ja => 1,
            Locale::Ru => 2,
            Locale::ZhCn => 3,
        }
    }

    fn at(&self, index: usize, locale: Locale) -> Option<&str> {
        self.texts
            .get(index)
            .and_then(|all| all.get(Messages::slot(locale)))
            .map(String::as_str)
    }

    /// The message for `key` in `locale`; the key itself when the policy has none.
    pub fn text<'a>(&'a self, key: &'a str, locale: Locale) -> &'a str {
        self.by_key
            .get(key)
            .and_then(|&i| self.at(i, locale))
            .unwrap_or(key)
    }

    /// The message for a vocabulary word under a key prefix (`reason`, `evidence`, …): the
    /// message of `{prefix}.{word}`.
    pub fn word(&self, prefix: &str, word: &str, locale: Locale) -> String {
        // A key splits at its first dot, so a dotless prefix finds every key it can name.
        if !prefix.contains('.') {
            if let Some(text) = self
                .by_word
                .get(prefix)
                .and_then(|words| words.get(word))
                .and_then(|&i| self.at(i, locale))
            {
                return text.to_owned();
            }
        }
        let key = format!("{prefix}.{word}");
        self.text(&key, locale).to_owned()
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
        let mut doc = BTreeMap::new();
        doc.insert(
            "reason.covered".to_owned(),
            BTreeMap::from([("en".to_owned(), "Covered".to_owned())]),
        );
        let m = Messages::new(&doc);
        assert_eq!(m.text("reason.covered", Locale::Ja), "Covered");
        assert_eq!(m.text("reason.unknown", Locale::Ja), "reason.unknown");
    }

    #[test]
    fn a_word_is_the_message_of_its_whole_key() {
        let mut doc = BTreeMap::new();
        for key in ["reason.covered", "a.b.c", "plain", "x."] {
            doc.insert(
                key.to_owned(),
                BTreeMap::from([("en".to_owned(), format!("<{key}>"))]),
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
        assert_eq!(m.word("reason", "unknown", Locale::En), "reason.unknown");
    }
}
