//! The screener measured on the labeled listing sets (`tests/data/listings/{dev,test}.jsonl`)
//! through the same scoring code as `screen-eval`, with a floor on precision and recall.
//!
//! The floors: 0.95 precision and recall for both classes on the Japanese titles with their
//! marketplace category (the goal). The machine-translated titles measured 0.978 or more
//! on the test set, so their floor is 0.95 as well. Titles alone, without the category, lose
//! the listings whose title never names the medium (doujin CDs, books known only by their
//! title): measured on the test set at 0.86 recall for non-compensable Japanese titles and 0.81
//! for the weakest translation, so those floors sit a few points below. Run with
//! `-- --nocapture` to see the table.

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
