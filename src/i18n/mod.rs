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
    by_key: BTreeMap<String, [String; 4]>,
}

impl Messages {
    /// Builds the table from the document's `messages` (already validated: every key has every
    /// locale; a missing one falls back to English, then to the key itself).
    pub(crate) fn new(doc: &BTreeMap<String, BTreeMap<String, String>>) -> Messages {
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

    /// The message for `key` in `locale`; the key itself when the policy has none.
    pub fn text<'a>(&'a self, key: &'a str, locale: Locale) -> &'a str {
        let slot = match locale {
            Locale::En => 0,
            Locale::Ja => 1,
            Locale::Ru => 2,
            Locale::ZhCn => 3,
        };
        self.by_key
            .get(key)
            .and_then(|all| all.get(slot))
            .map_or(key, String::as_str)
    }

    /// The message for a vocabulary word under a key prefix (`reason`, `evidence`, …).
    pub fn word(&self, prefix: &str, word: &str, locale: Locale) -> String {
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
}
