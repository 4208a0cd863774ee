//! Scoring the screener against a labeled listing file, shared by the `screen-eval` command and
//! the `screening_eval` test.
//!
//! A labeled file is JSON Lines: one listing per line with its title (Japanese, unless `lang`
//! says otherwise), machine-translated titles for the written rows, the description and the
//! marketplace category when the source has them, and two labels, `fragile` and
//! `non_compensable` (see `tests/data/listings/README.md` and `tests/data/listings/real/`).
//! [`read_jsonl`] decodes it and names the line of a bad row; [`score`] runs any predictor over
//! the rows in one title language, with the [`Fields`] a storefront would have, and counts true
//! and false positives and negatives per class, so the screener and a baseline are scored by the
//! same code.
//!
//! ```
//! use aftersales::screen::eval::{read_jsonl, score, Fields, Lang, Target};
//! use aftersales::{Checker, Locale};
//!
//! let rows = read_jsonl(r#"{"id":"1","title":"江戸切子 グラス","labels":{"fragile":true,"non_compensable":false}}"#).unwrap();
//! let checker = Checker::shipped();
//! let scores = score(&rows, Lang::Ja, Fields::All, |listing| {
//!     checker.screen(listing, Locale::En).map(|s| s.into())
//! }).unwrap();
//! assert_eq!(scores.counts(Target::Fragile).tp, 1);
//! ```

use core::fmt;

use serde::Deserialize;

use crate::error::Error;
use crate::policy::vocabulary::{Basis, Condition, ItemClass};
use crate::screen::{Listing, Marketplace, Screening};

/// One labeled listing, as written in the file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct LabeledListing {
    /// The row's id.
    pub id: String,
    /// Where it is sold: a [`Marketplace`] wire name, or another shop's name (`ebay`, `etsy`)
    /// for the English-language rows, which are screened as [`Marketplace::Other`].
    #[serde(default)]
    pub marketplace: Option<String>,
    /// The language of `title` (`ja` when absent).
    #[serde(default)]
    pub lang: Option<String>,
    /// The title, as listed.
    pub title: String,
    /// The seller's description, when the source has one.
    #[serde(default)]
    pub description: Option<String>,
    /// Machine-translated English title.
    #[serde(default)]
    pub title_en: Option<String>,
    /// Machine-translated Chinese title.
    #[serde(default)]
    pub title_zh: Option<String>,
    /// Machine-translated Russian title.
    #[serde(default)]
    pub title_ru: Option<String>,
    /// New or second-hand.
    #[serde(default)]
    pub condition: Option<Condition>,
    /// Marketplace category path, root first.
    #[serde(default)]
    pub category: Option<Vec<String>>,
    /// Marketplace category code of the leaf.
    #[serde(default)]
    pub category_code: Option<String>,
    /// The truth.
    pub labels: Labels,
    /// Which class makes it non-compensable or fragile (`null` for ordinary items).
    #[serde(default)]
    pub kind: Option<ItemClass>,
    /// A listing chosen because a naive matcher gets it wrong.
    #[serde(default)]
    pub hard_negative: Option<bool>,
    /// The labeler's note.
    #[serde(default)]
    pub note: Option<String>,
    /// Where the listing comes from.
    #[serde(default)]
    pub source: Option<String>,
    /// Its id in the source (an item id, a code, a line).
    #[serde(default)]
    pub source_id: Option<String>,
}

/// The two labels the screener predicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    /// Glass, ceramics, frames…: not covered at all.
    pub fragile: bool,
    /// Damage to (part of) it is not compensable: CD/DVD/BD cases, paper products.
    pub non_compensable: bool,
}

impl From<Screening> for Labels {
    fn from(s: Screening) -> Labels {
        Labels {
            fragile: s.fragile,
            non_compensable: s.non_compensable,
        }
    }
}

/// A row that could not be read, with its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The line in the file (1-based).
    pub line: usize,
    /// What is wrong with it, with the field's path.
    pub error: Error,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.error)
    }
}

impl std::error::Error for RowError {}

/// Reads a JSON Lines file of labeled listings; blank lines are skipped.
pub fn read_jsonl(text: &str) -> Result<Vec<LabeledListing>, RowError> {
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let row: LabeledListing =
            crate::decode::from_json(line).map_err(|error| RowError { line: i + 1, error })?;
        rows.push(row);
    }
    Ok(rows)
}

/// The language of the title screened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// The Japanese title as listed.
    Ja,
    /// The English translation.
    En,
    /// The Chinese translation.
    Zh,
    /// The Russian translation.
    Ru,
}

impl Lang {
    /// Every title language, Japanese first.
    pub const ALL: [Lang; 4] = [Lang::Ja, Lang::En, Lang::Zh, Lang::Ru];

    /// Its short name (`ja`, `en`, `zh`, `ru`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
            Lang::Zh => "zh",
            Lang::Ru => "ru",
        }
    }

    /// Parses a short name.
    pub fn parse(s: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// Which parts of a listing are screened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fields {
    /// The title alone.
    Title,
    /// The title and the description.
    TitleDescription,
    /// The title and the marketplace category (what a search-results page has).
    TitleCategory,
    /// The title, the description and the category, where the row has them.
    All,
}

impl Fields {
    /// Every combination, weakest first.
    pub const ALL: [Fields; 4] = [
        Fields::Title,
        Fields::TitleDescription,
        Fields::TitleCategory,
        Fields::All,
    ];

    /// Its name in reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            Fields::Title => "title",
            Fields::TitleDescription => "title+description",
            Fields::TitleCategory => "title+category",
            Fields::All => "title+description+category",
        }
    }

    fn description(self) -> bool {
        matches!(self, Fields::TitleDescription | Fields::All)
    }

    fn category(self) -> bool {
        matches!(self, Fields::TitleCategory | Fields::All)
    }
}

impl LabeledListing {
    /// The language of the listed title.
    pub fn title_lang(&self) -> Lang {
        self.lang
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or(Lang::Ja)
    }

    /// The title in `lang`, if the row has it: the listed title in its own language, or a
    /// translation of a Japanese one.
    pub fn title_in(&self, lang: Lang) -> Option<&str> {
        if lang == self.title_lang() {
            return Some(&self.title);
        }
        if self.title_lang() != Lang::Ja {
            return None;
        }
        match lang {
            Lang::Ja => Some(&self.title),
            Lang::En => self.title_en.as_deref(),
            Lang::Zh => self.title_zh.as_deref(),
            Lang::Ru => self.title_ru.as_deref(),
        }
    }

    /// Whether the title was written by a seller or shop (not machine-translated) in `lang`.
    pub fn listed_in(&self, lang: Lang) -> bool {
        self.title_lang() == lang
    }

    /// The marketplace a storefront would pass: its wire name, else `other`.
    pub fn marketplace(&self) -> Option<Marketplace> {
        self.marketplace
            .as_deref()
            .map(|m| Marketplace::from_wire(m).unwrap_or(Marketplace::Other))
    }

    /// The listing a storefront would screen: the title in `lang`, with the description and
    /// the category as `fields` say (the category path stays as the marketplace gives it).
    pub fn listing(&self, lang: Lang, fields: Fields) -> Option<Listing> {
        let title = self.title_in(lang)?;
        let mut listing = Listing::titled(&self.id, title);
        listing.marketplace = self.marketplace();
        listing.condition = self.condition;
        if fields.description() && self.listed_in(lang) {
            listing.description.clone_from(&self.description);
        }
        if fields.category() {
            listing.category = self.category.clone().unwrap_or_default();
            listing.category_code = self.category_code.clone();
        }
        Some(listing)
    }
}

/// The class a score is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The `fragile` label.
    Fragile,
    /// The `non_compensable` label.
    NonCompensable,
}

impl Target {
    /// Both targets.
    pub const ALL: [Target; 2] = [Target::Fragile, Target::NonCompensable];

    /// Its label name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Target::Fragile => "fragile",
            Target::NonCompensable => "non_compensable",
        }
    }

    fn of(self, labels: Labels) -> bool {
        match self {
            Target::Fragile => labels.fragile,
            Target::NonCompensable => labels.non_compensable,
        }
    }
}

/// Confusion counts for one class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Flagged and labeled.
    pub tp: u32,
    /// Flagged, not labeled.
    pub fp: u32,
    /// Labeled, not flagged.
    pub fn_: u32,
    /// Neither.
    pub tn: u32,
}

impl Counts {
    fn add(&mut self, truth: bool, predicted: bool) {
        match (truth, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    /// TP / (TP + FP); `None` when nothing was flagged.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }

    /// TP / (TP + FN); `None` when nothing is labeled.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// The harmonic mean of precision and recall; `None` when either is.
    pub fn f1(&self) -> Option<f64> {
        let (p, r) = (self.precision()?, self.recall()?);
        Some(if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        })
    }
}

fn ratio(a: u32, b: u32) -> Option<f64> {
    (b > 0).then(|| f64::from(a) / f64::from(b))
}

/// A row the predictor got wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    /// The row's id.
    pub id: String,
    /// The title screened.
    pub title: String,
    /// The labels.
    pub truth: Labels,
    /// The prediction.
    pub predicted: Labels,
}

/// The scores of one predictor over one title language.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// Rows scored (rows without a title in the language are skipped).
    pub rows: u32,
    /// Ordinary rows marked as hard negatives (a word, code or category invites a false
    /// positive).
    pub hard_negatives: u32,
    /// Hard negatives flagged with either class.
    pub hard_negatives_flagged: u32,
    fragile: Counts,
    non_compensable: Counts,
    /// The rows it got wrong, in file order.
    pub misses: Vec<Miss>,
}

impl Scores {
    /// The counts of one class.
    pub fn counts(&self, target: Target) -> Counts {
        match target {
            Target::Fragile => self.fragile,
            Target::NonCompensable => self.non_compensable,
        }
    }
}

/// Runs `predict` over the rows' titles in `lang` (with the description and the category as
/// `fields` say) and counts hits and misses per class. The first error `predict` returns
/// stops the run, with the row's id in the path.
pub fn score<F>(
    rows: &[LabeledListing],
    lang: Lang,
    fields: Fields,
    mut predict: F,
) -> Result<Scores, Error>
where
    F: FnMut(&Listing) -> Result<Labels, Error>,
{
    let mut scores = Scores::default();
    for row in rows {
        let Some(listing) = row.listing(lang, fields) else {
            continue;
        };
        let predicted = predict(&listing).map_err(|e| e.within(&format!("[{}]", row.id)))?;
        scores.rows += 1;
        let truth = row.labels;
        if row.hard_negative == Some(true) {
            scores.hard_negatives += 1;
            if predicted.fragile || predicted.non_compensable {
                scores.hard_negatives_flagged += 1;
            }
        }
        for target in Target::ALL {
            let counts = match target {
                Target::Fragile => &mut scores.fragile,
                Target::NonCompensable => &mut scores.non_compensable,
            };
            counts.add(target.of(truth), target.of(predicted));
        }
        if truth != predicted {
            scores.misses.push(Miss {
                id: row.id.clone(),
                title: listing.title,
                truth,
                predicted,
            });
        }
    }
    Ok(scores)
}

/// How often a flag of each basis is right: per target, the rows flagged with it, split by the
/// strongest basis among the flags behind it (a row flagged non-compensable by a CD term and a
/// paper hint counts under `statement`), as TP (labeled so) and FP (not).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ByBasis {
    /// `[target][basis]`, targets as in [`Target::ALL`], bases as in [`Basis::WIRE`] (category,
    /// statement, hint).
    counts: [[Counts; 3]; 2],
}

impl ByBasis {
    /// The counts (TP and FP only) of flags of `target` resting on `basis`.
    pub fn counts(&self, target: Target, basis: Basis) -> Counts {
        let t = usize::from(target == Target::NonCompensable);
        let b = match basis {
            Basis::Category => 0,
            Basis::Statement => 1,
            Basis::Hint => 2,
        };
        self.counts
            .get(t)
            .and_then(|row| row.get(b))
            .copied()
            .unwrap_or_default()
    }
}

/// Screens the rows' titles in `lang` (with `fields`) and counts each target's flags by basis.
pub fn score_by_basis<F>(
    rows: &[LabeledListing],
    lang: Lang,
    fields: Fields,
    mut screen: F,
) -> Result<ByBasis, Error>
where
    F: FnMut(&Listing) -> Result<Screening, Error>,
{
    let mut by = ByBasis::default();
    for row in rows {
        let Some(listing) = row.listing(lang, fields) else {
            continue;
        };
        let s = screen(&listing).map_err(|e| e.within(&format!("[{}]", row.id)))?;
        for (t, target) in Target::ALL.into_iter().enumerate() {
            let of_target = |c: ItemClass| match target {
                Target::Fragile => c == ItemClass::Fragile,
                Target::NonCompensable => c == ItemClass::CdDvdBd || c == ItemClass::PaperProduct,
            };
            // Bases are declared strongest first, so the least is the strongest.
            let strongest = s
                .flags
                .iter()
                .filter(|f| of_target(f.class))
                .map(|f| f.basis)
                .min();
            let b = match strongest {
                None => continue,
                Some(Basis::Category) => 0,
                Some(Basis::Statement) => 1,
                Some(Basis::Hint) => 2,
            };
            if let Some(counts) = by.counts.get_mut(t).and_then(|row| row.get_mut(b)) {
                counts.add(target.of(row.labels), true);
            }
        }
    }
    Ok(by)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn precision_recall_and_f1_follow_the_counts() {
        let c = Counts {
            tp: 3,
            fp: 1,
            fn_: 3,
            tn: 10,
        };
        assert_eq!(c.precision(), Some(0.75));
        assert_eq!(c.recall(), Some(0.5));
        assert_eq!(c.f1(), Some(0.6));
        assert_eq!(Counts::default().precision(), None);
    }

    #[test]
    fn a_bad_row_names_its_line_and_field() {
        let text = "{\"id\":\"a\",\"title\":\"x\",\"labels\":{\"fragile\":true,\"non_compensable\":false}}\n\n{\"id\":\"b\",\"title\":\"y\",\"labels\":{\"fragile\":1,\"non_compensable\":false}}";
        let err = read_jsonl(text).unwrap_err();
        assert_eq!(err.line, 3);
        assert_eq!(err.error.path(), "labels.fragile");
        assert!(err.to_string().starts_with("line 3: "), "{err}");
    }

    #[test]
    fn a_flag_counts_under_its_strongest_basis_right_or_wrong() {
        let rows = read_jsonl(concat!(
            r#"{"id":"a","lang":"ja","title":"江戸切子 グラス","labels":{"fragile":true,"non_compensable":false}}"#,
            "\n",
            r#"{"id":"b","lang":"ja","title":"スワロフスキー","labels":{"fragile":false,"non_compensable":false}}"#,
            "\n",
            r#"{"id":"c","lang":"ja","title":"スワロフスキー 置物","labels":{"fragile":true,"non_compensable":false}}"#,
            "\n",
            r#"{"id":"d","lang":"ja","title":"タオル","labels":{"fragile":false,"non_compensable":false}}"#,
        ))
        .unwrap();
        let checker = crate::Checker::shipped();
        let screen = |l: &Listing| checker.screen(l, crate::Locale::En);
        let by = score_by_basis(&rows, Lang::Ja, Fields::All, screen).unwrap();
        let fragile = |b| by.counts(Target::Fragile, b);
        assert_eq!(
            (fragile(Basis::Statement).tp, fragile(Basis::Statement).fp),
            (1, 0)
        );
        assert_eq!((fragile(Basis::Hint).tp, fragile(Basis::Hint).fp), (1, 1));
        assert_eq!(fragile(Basis::Category), Counts::default());
        assert_eq!(
            by.counts(Target::NonCompensable, Basis::Statement),
            Counts::default()
        );
    }
}
