//! The screener measured through the same scoring code as `screen-eval`, with floors on precision
//! and recall.
//!
//! **Real listings** (`tests/data/listings/real/test.jsonl`, held out from tuning): the floors sit
//! just under what the shipped policy measured on the final commit, so that a policy edit that
//! loses quality on real listings fails here; the goals (precision 0.95, recall 0.90 with
//! every field, 0.80 on titles alone, hard negatives flagged at most 2 %) are printed beside them,
//! met or not. **Written rows** (`tests/data/listings/{dev,test}.jsonl`, in marketplace style) stay
//! as unit tests of single rules at their old floors: 0.95 with the category, a few points lower
//! on titles alone. Run with `-- --nocapture` to see the tables.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use aftersales::screen::eval::{
    read_jsonl, score, Fields, LabeledListing, Labels, Lang, Scores, Target,
};
use aftersales::{Checker, Locale};

fn rows(file: &str) -> Vec<LabeledListing> {
    let path = format!("{}/tests/data/listings/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    read_jsonl(&text).unwrap_or_else(|e| panic!("{path}:{e}"))
}

fn scores(checker: &Checker, rows: &[LabeledListing], lang: Lang, with_category: bool) -> Scores {
    let fields = if with_category {
        Fields::TitleCategory
    } else {
        Fields::Title
    };
    score(rows, lang, fields, |listing| {
        checker.screen(listing, Locale::En).map(Labels::from)
    })
    .unwrap()
}

/// Prints one file's table and checks every language against its floor.
fn check(file: &str, with_category: bool, floor: impl Fn(Lang, Target) -> (f64, f64)) {
    let checker = Checker::shipped();
    let rows = rows(file);
    assert!(rows.len() > 400, "{file} has {} rows", rows.len());
    let mut failures = Vec::new();
    for lang in Lang::ALL {
        let s = scores(&checker, &rows, lang, with_category);
        for target in Target::ALL {
            let c = s.counts(target);
            let (p, r) = (c.precision().unwrap_or(0.0), c.recall().unwrap_or(0.0));
            eprintln!(
                "{file} {} {:<15} category {:<5} P {p:.3} R {r:.3} F1 {:.3} (TP {} FP {} FN {})",
                lang.as_str(),
                target.as_str(),
                with_category,
                c.f1().unwrap_or(0.0),
                c.tp,
                c.fp,
                c.fn_
            );
            let (min_p, min_r) = floor(lang, target);
            if p < min_p || r < min_r {
                failures.push(format!(
                    "{file} {} {}: P {p:.3} R {r:.3} below {min_p} / {min_r}",
                    lang.as_str(),
                    target.as_str()
                ));
            }
        }
        eprintln!(
            "{file} {} hard negatives flagged: {} of {}",
            lang.as_str(),
            s.hard_negatives_flagged,
            s.hard_negatives
        );
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

fn with_category_floor(_: Lang, _: Target) -> (f64, f64) {
    (0.95, 0.95)
}

fn title_only_floor(lang: Lang, target: Target) -> (f64, f64) {
    match (lang, target) {
        (Lang::Ja, Target::Fragile) => (0.95, 0.95),
        (Lang::Ja, Target::NonCompensable) => (0.95, 0.80),
        (_, Target::Fragile) => (0.93, 0.90),
        (_, Target::NonCompensable) => (0.90, 0.75),
    }
}

#[test]
fn dev_set_meets_the_floor_with_the_marketplace_category() {
    check("dev.jsonl", true, with_category_floor);
}

#[test]
fn test_set_meets_the_floor_with_the_marketplace_category() {
    check("test.jsonl", true, with_category_floor);
}

#[test]
fn dev_set_meets_the_title_only_floor() {
    check("dev.jsonl", false, title_only_floor);
}

#[test]
fn test_set_meets_the_title_only_floor() {
    check("test.jsonl", false, title_only_floor);
}

#[test]
fn japanese_hard_negatives_are_not_flagged() {
    let checker = Checker::shipped();
    for file in ["dev.jsonl", "test.jsonl"] {
        let s = scores(&checker, &rows(file), Lang::Ja, true);
        assert!(s.hard_negatives > 50, "{file}: {}", s.hard_negatives);
        assert!(
            s.hard_negatives_flagged <= 2,
            "{file}: {} of {} hard negatives flagged",
            s.hard_negatives_flagged,
            s.hard_negatives
        );
    }
}

// Floors on the real test split: measured on the final commit (`screen-eval`), less 0.01.
/// Measured 0.869 / 0.946.
const REAL_JA_ALL_FRAGILE: (f64, f64) = (0.85, 0.93);
/// Measured 0.956 / 0.910.
const REAL_JA_ALL_NC: (f64, f64) = (0.94, 0.9);
/// Measured 0.956 / 0.884.
const REAL_JA_TC_NC: (f64, f64) = (0.94, 0.87);
/// Measured 0.948 / 0.804.
const REAL_JA_TD_NC: (f64, f64) = (0.93, 0.79);
/// Measured 0.839 / 0.909.
const REAL_JA_T_FRAGILE: (f64, f64) = (0.82, 0.89);
/// Measured 0.948 / 0.773.
const REAL_JA_T_NC: (f64, f64) = (0.93, 0.76);
/// Measured 0.858 / 0.892.
const REAL_EN_ALL_FRAGILE: (f64, f64) = (0.84, 0.88);
/// Measured 0.902 / 0.863.
const REAL_EN_ALL_NC: (f64, f64) = (0.89, 0.85);
/// Measured 0.830 / 0.849.
const REAL_EN_T_FRAGILE: (f64, f64) = (0.82, 0.83);
/// Measured 0.871 / 0.727.
const REAL_EN_T_NC: (f64, f64) = (0.86, 0.71);
/// Measured 113 of 1295 (8.7 %).
const REAL_JA_HARD_NEGATIVES: f64 = 0.097;
/// Measured 227 of 1672 (13.6 %).
const REAL_EN_HARD_NEGATIVES: f64 = 0.146;

/// One real-set floor: (language, fields, class) → (precision, recall), under what was measured.
struct RealFloor {
    lang: Lang,
    fields: Fields,
    target: Target,
    precision: f64,
    recall: f64,
}

const GOAL_PRECISION: f64 = 0.95;

fn goal_recall(fields: Fields) -> f64 {
    if fields == Fields::Title {
        0.80
    } else {
        0.90
    }
}

fn floor(lang: Lang, fields: Fields, target: Target, (precision, recall): (f64, f64)) -> RealFloor {
    RealFloor {
        lang,
        fields,
        target,
        precision,
        recall,
    }
}

/// Checks the real test split against `floors` and the hard-negative ceiling, printing every
/// figure beside its floor and the goal.
fn check_real(lang: Lang, floors: &[RealFloor], hard_negative_ceiling: f64) {
    let checker = Checker::shipped();
    let rows = rows("real/test.jsonl");
    let mut failures = Vec::new();
    for f in floors.iter().filter(|f| f.lang == lang) {
        let s = score(&rows, lang, f.fields, |l| {
            checker.screen(l, Locale::En).map(Labels::from)
        })
        .unwrap();
        let c = s.counts(f.target);
        let (p, r) = (c.precision().unwrap_or(0.0), c.recall().unwrap_or(0.0));
        let goal = |ok: bool| if ok { "met" } else { "not met" };
        eprintln!(
            "real {} {:<26} {:<15} P {p:.3} R {r:.3} (TP {} FP {} FN {}) floor {:.2}/{:.2}, goal {:.2}/{:.2} {}",
            lang.as_str(),
            f.fields.as_str(),
            f.target.as_str(),
            c.tp,
            c.fp,
            c.fn_,
            f.precision,
            f.recall,
            GOAL_PRECISION,
            goal_recall(f.fields),
            goal(p >= GOAL_PRECISION && r >= goal_recall(f.fields)),
        );
        if p < f.precision || r < f.recall {
            failures.push(format!(
                "{} {} {}: P {p:.3} R {r:.3} below {} / {}",
                lang.as_str(),
                f.fields.as_str(),
                f.target.as_str(),
                f.precision,
                f.recall
            ));
        }
        if f.fields == Fields::All && f.target == Target::Fragile {
            let rate = f64::from(s.hard_negatives_flagged) / f64::from(s.hard_negatives.max(1));
            eprintln!(
                "real {} hard negatives flagged: {} of {} ({:.1} %), ceiling {:.1} %, goal 2 %",
                lang.as_str(),
                s.hard_negatives_flagged,
                s.hard_negatives,
                rate * 100.0,
                hard_negative_ceiling * 100.0
            );
            if rate > hard_negative_ceiling {
                failures.push(format!(
                    "{}: hard negatives flagged {rate:.3}",
                    lang.as_str()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

fn real_floors() -> Vec<RealFloor> {
    use Fields::{All, Title, TitleCategory, TitleDescription};
    use Lang::{En, Ja};
    use Target::{Fragile, NonCompensable};
    vec![
        floor(Ja, All, Fragile, REAL_JA_ALL_FRAGILE),
        floor(Ja, All, NonCompensable, REAL_JA_ALL_NC),
        floor(Ja, TitleCategory, NonCompensable, REAL_JA_TC_NC),
        floor(Ja, TitleDescription, NonCompensable, REAL_JA_TD_NC),
        floor(Ja, Title, Fragile, REAL_JA_T_FRAGILE),
        floor(Ja, Title, NonCompensable, REAL_JA_T_NC),
        floor(En, All, Fragile, REAL_EN_ALL_FRAGILE),
        floor(En, All, NonCompensable, REAL_EN_ALL_NC),
        floor(En, Title, Fragile, REAL_EN_T_FRAGILE),
        floor(En, Title, NonCompensable, REAL_EN_T_NC),
    ]
}

#[test]
fn real_japanese_listings_meet_their_floors() {
    check_real(Lang::Ja, &real_floors(), REAL_JA_HARD_NEGATIVES);
}

#[test]
fn real_english_listings_meet_their_floors() {
    check_real(Lang::En, &real_floors(), REAL_EN_HARD_NEGATIVES);
}

#[test]
fn the_screener_beats_the_keyword_baseline_on_real_listings() {
    // The baseline `screen-eval` prints: obvious keywords as substrings of the same text.
    let checker = Checker::shipped();
    let rows = rows("real/test.jsonl");
    for lang in [Lang::Ja, Lang::En] {
        let ours = score(&rows, lang, Fields::All, |l| {
            checker.screen(l, Locale::En).map(Labels::from)
        })
        .unwrap();
        let naive_words: &[&str] = match lang {
            Lang::Ja => &[
                "ガラス",
                "グラス",
                "陶器",
                "磁器",
                "額縁",
                "CD",
                "DVD",
                "本",
                "漫画",
            ],
            _ => &[
                "glass",
                "ceramic",
                "porcelain",
                "frame",
                "cd",
                "dvd",
                "book",
                "card",
            ],
        };
        let naive = score(&rows, lang, Fields::All, |l| {
            let text = format!(
                "{} {}",
                l.title,
                l.description.as_deref().unwrap_or_default()
            )
            .to_lowercase();
            let any = |w: &[&str]| w.iter().any(|w| text.contains(&w.to_lowercase()));
            Ok(Labels {
                fragile: any(naive_words.get(..5).unwrap_or_default()),
                non_compensable: any(naive_words.get(5..).unwrap_or_default()),
            })
        })
        .unwrap();
        for target in Target::ALL {
            let (a, b) = (ours.counts(target).f1(), naive.counts(target).f1());
            eprintln!(
                "real {} {}: F1 {a:?} vs baseline {b:?}",
                lang.as_str(),
                target.as_str()
            );
            assert!(
                a > b,
                "{} {}: {a:?} vs {b:?}",
                lang.as_str(),
                target.as_str()
            );
        }
    }
}
