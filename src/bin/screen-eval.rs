//! `screen-eval`: scores the screener on a labeled listing file, beside a naive keyword baseline.
//!
//! ```text
//! cargo run --release --bin screen-eval -- tests/data/listings/real/test.jsonl \
//!     [--lang ja|en|zh|ru|all] [--fields title|…|each] [--by-marketplace] [--errors]
//! ```
//!
//! For each title language, each marketplace (with `--by-marketplace`), each combination of
//! fields a storefront may have (title alone, with the description, with the category, all;
//! `--fields each` prints them all, the default is all that the row has) and each label
//! (`fragile`, `non_compensable`) it prints precision, recall, F1 and the TP/FP/FN counts of the
//! shipped policy's screener, and of the baseline: what someone would write in five minutes — a
//! short list of obvious keywords per class and language, searched as plain case-insensitive
//! substrings of the same title and description, with no folding, no exclusions and no category.
//! After the table, each label's flags by the basis they rest on (category, statement, hint)
//! with how often they are right. `--errors` lists the rows the screener got wrong with the terms and basis behind each flag;
//! `--no-category` drops the category; `--title` screens one title (with an optional
//! `--description` and `--category` path, `/`-separated) and prints the answer as JSON. A row
//! that cannot be read stops the run with its line number and field.

use std::process::ExitCode;

use aftersales::screen::eval::{
    read_jsonl, score, score_by_basis, Counts, Fields, LabeledListing, Labels, Lang, Scores, Target,
};
use aftersales::screen::{Basis, Listing, Screening};
use aftersales::{Checker, Error, Locale};

const USAGE: &str =
    "usage: screen-eval FILE.jsonl [--lang ja|en|zh|ru|all] [--errors] [--by-marketplace]
           [--fields title|title+description|title+category|title+description+category|each]
           [--no-category]
       screen-eval --title TITLE [--description TEXT] [--category A/B/C]
       screen-eval FILE.jsonl --time";

/// The baseline's keywords: (language, fragile, non-compensable).
const BASELINE: [(Lang, &[&str], &[&str]); 4] = [
    (
        Lang::Ja,
        &[
            "ガラス",
            "グラス",
            "陶器",
            "磁器",
            "額縁",
            "フレーム",
            "花瓶",
            "食器",
        ],
        &[
            "CD",
            "DVD",
            "ブルーレイ",
            "本",
            "漫画",
            "雑誌",
            "ポスター",
            "写真",
            "カード",
        ],
    ),
    (
        Lang::En,
        &["glass", "ceramic", "porcelain", "frame", "vase", "mug"],
        &[
            "cd", "dvd", "blu-ray", "book", "manga", "magazine", "poster", "photo", "card",
        ],
    ),
    (
        Lang::Zh,
        &["玻璃", "陶瓷", "瓷", "相框", "花瓶"],
        &[
            "CD", "DVD", "蓝光", "书", "漫画", "杂志", "海报", "照片", "卡",
        ],
    ),
    (
        Lang::Ru,
        &["стекл", "керамик", "фарфор", "рамк", "ваз"],
        &[
            "cd",
            "dvd",
            "blu-ray",
            "книг",
            "манга",
            "журнал",
            "постер",
            "фото",
            "карт",
        ],
    ),
];

fn baseline(lang: Lang, listing: &Listing) -> Labels {
    let mut text = listing.title.to_lowercase();
    if let Some(d) = &listing.description {
        text.push('\n');
        text.push_str(&d.to_lowercase());
    }
    let any = |words: &[&str]| words.iter().any(|w| text.contains(&w.to_lowercase()));
    let (fragile, non_compensable) = BASELINE
        .iter()
        .find(|(l, _, _)| *l == lang)
        .map(|(_, f, n)| (any(f), any(n)))
        .unwrap_or_default();
    Labels {
        fragile,
        non_compensable,
    }
}

struct Options {
    file: String,
    title: Option<String>,
    category: Vec<String>,
    description: Option<String>,
    langs: Vec<Lang>,
    errors: bool,
    fields: Vec<Fields>,
    by_marketplace: bool,
    time: bool,
}

fn options() -> Result<Options, String> {
    let mut file = None;
    let mut title = None;
    let mut description = None;
    let mut category = Vec::new();
    let mut langs = Lang::ALL.to_vec();
    let mut errors = false;
    let mut time = false;
    let mut by_marketplace = false;
    let mut fields = vec![Fields::All];
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--errors" => errors = true,
            "--time" => time = true,
            "--by-marketplace" => by_marketplace = true,
            "--no-category" => {
                for f in &mut fields {
                    *f = match *f {
                        Fields::All | Fields::TitleDescription => Fields::TitleDescription,
                        Fields::TitleCategory | Fields::Title => Fields::Title,
                    };
                }
            }
            "--fields" => {
                let value = args.next().ok_or("`--fields` needs a value")?;
                fields = match value.as_str() {
                    "each" => Fields::ALL.to_vec(),
                    one => vec![Fields::ALL
                        .into_iter()
                        .find(|f| f.as_str() == one)
                        .ok_or_else(|| {
                            format!(
                                "`{one}` is not one of title, title+description, title+category, \
                                 title+description+category, each"
                            )
                        })?],
                };
            }
            "--title" => title = Some(args.next().ok_or("`--title` needs a value")?),
            "--description" => {
                description = Some(args.next().ok_or("`--description` needs a value")?);
            }
            "--category" => {
                let value = args.next().ok_or("`--category` needs a value")?;
                category = value.split('/').map(str::to_owned).collect();
            }
            "--lang" => {
                let value = args.next().ok_or("`--lang` needs a value")?;
                langs = match value.as_str() {
                    "all" => Lang::ALL.to_vec(),
                    one => vec![Lang::parse(one)
                        .ok_or_else(|| format!("`{one}` is not one of ja, en, zh, ru, all"))?],
                };
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            path if file.is_none() => file = Some(path.to_owned()),
            extra => return Err(format!("unexpected argument `{extra}`")),
        }
    }
    if title.is_some() {
        file.get_or_insert_with(String::new);
    }
    Ok(Options {
        file: file.ok_or("missing the labeled file")?,
        title,
        category,
        description,
        langs,
        errors,
        fields,
        by_marketplace,
        time,
    })
}

/// Which rule or term decided each flag of a screening.
fn explain(s: &Screening) -> String {
    s.flags
        .iter()
        .map(|f| {
            let terms: Vec<String> = s
                .findings
                .iter()
                .filter(|x| x.class == f.class)
                .map(|x| format!("`{}`={}", x.text, x.term))
                .collect();
            if terms.is_empty() || f.rule != "terms" {
                format!("{}: {}", f.class, f.rule)
            } else {
                format!("{}: {} ({})", f.class, terms.join(" "), f.basis)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn cell(x: Option<f64>) -> String {
    x.map_or_else(|| "  -  ".to_owned(), |x| format!("{x:.3}"))
}

fn row(c: Counts) -> String {
    format!(
        "{} {} {}  {:>4} {:>4} {:>4}",
        cell(c.precision()),
        cell(c.recall()),
        cell(c.f1()),
        c.tp,
        c.fp,
        c.fn_
    )
}

fn run() -> Result<(), String> {
    let opts = options()?;
    if let Some(title) = &opts.title {
        // One title, screened and shown in full: what a page would receive.
        let mut listing = Listing::titled("title", title);
        listing.category.clone_from(&opts.category);
        listing.description.clone_from(&opts.description);
        let screening = Checker::shipped()
            .screen(&listing, Locale::En)
            .map_err(|e| e.to_string())?;
        let json = serde_json::to_string_pretty(&screening).map_err(|e| e.to_string())?;
        println!("{json}");
        return Ok(());
    }
    let text = std::fs::read_to_string(&opts.file)
        .map_err(|e| format!("cannot read `{}`: {e}", opts.file))?;
    let rows = read_jsonl(&text).map_err(|e| format!("{}:{}", opts.file, e))?;
    if opts.time {
        return time(&rows);
    }
    let checker = Checker::shipped();
    let screener =
        |l: &Listing| -> Result<Labels, Error> { checker.screen(l, Locale::En).map(Labels::from) };
    // The rows grouped by marketplace when asked, after the whole file.
    let mut groups: Vec<(String, Vec<LabeledListing>)> = vec![("all".to_owned(), rows.clone())];
    if opts.by_marketplace {
        let mut names: Vec<String> = rows.iter().filter_map(|r| r.marketplace.clone()).collect();
        names.sort();
        names.dedup();
        for name in names {
            let of: Vec<LabeledListing> = rows
                .iter()
                .filter(|r| r.marketplace.as_deref() == Some(name.as_str()))
                .cloned()
                .collect();
            groups.push((name, of));
        }
    }
    println!("{}: {} rows", opts.file, rows.len());
    println!(
        "{:<4} {:<14} {:<26} {:<16} {:>5} | {:<39}| baseline",
        "lang", "marketplace", "fields", "class", "rows", "screener"
    );
    println!(
        "{:<4} {:<14} {:<26} {:<16} {:>5} | {:<5} {:<5} {:<5}  {:>4} {:>4} {:>4} | {:<5} {:<5} {:<5}  {:>4} {:>4} {:>4}",
        "", "", "", "", "", "P", "R", "F1", "TP", "FP", "FN", "P", "R", "F1", "TP", "FP", "FN"
    );
    let mut all_misses: Vec<(Lang, Fields, Scores)> = Vec::new();
    for &lang in &opts.langs {
        for (group, of) in &groups {
            for &fields in &opts.fields {
                let ours =
                    score(of, lang, fields, screener).map_err(|e| format!("{}: {e}", opts.file))?;
                if ours.rows == 0 {
                    continue;
                }
                // The baseline reads the same text (title, and description when given) and no
                // category.
                let naive = score(of, lang, fields, |l| Ok(baseline(lang, l)))
                    .map_err(|e| format!("{}: {e}", opts.file))?;
                for target in Target::ALL {
                    println!(
                        "{:<4} {:<14} {:<26} {:<16} {:>5} | {} | {}",
                        lang.as_str(),
                        group,
                        fields.as_str(),
                        target.as_str(),
                        ours.rows,
                        row(ours.counts(target)),
                        row(naive.counts(target))
                    );
                }
                println!(
                    "{:<4} {:<14} {:<26} {:<16} {:>5} | {} of {} flagged{:>22} | {} of {} flagged",
                    lang.as_str(),
                    group,
                    fields.as_str(),
                    "hard negatives",
                    ours.hard_negatives,
                    ours.hard_negatives_flagged,
                    ours.hard_negatives,
                    "",
                    naive.hard_negatives_flagged,
                    naive.hard_negatives
                );
                if group == "all" {
                    all_misses.push((lang, fields, ours));
                }
            }
        }
    }
    // How often each basis is right, on every field the rows have: what a page's "fragile: not
    // covered" (category, statement) and "may be fragile" (hint) wordings promise.
    println!("\nflags by basis (title+description+category): precision, right of flagged");
    for &lang in &opts.langs {
        let by = score_by_basis(&rows, lang, Fields::All, |l| checker.screen(l, Locale::En))
            .map_err(|e| format!("{}: {e}", opts.file))?;
        for target in Target::ALL {
            let cells: Vec<String> = [Basis::Category, Basis::Statement, Basis::Hint]
                .into_iter()
                .map(|b| {
                    let c = by.counts(target, b);
                    format!("{b} {} ({} of {})", cell(c.precision()), c.tp, c.tp + c.fp)
                })
                .collect();
            if cells.iter().all(|c| c.ends_with("(0 of 0)")) {
                continue;
            }
            println!(
                "{:<4} {:<16} {}",
                lang.as_str(),
                target.as_str(),
                cells.join("   ")
            );
        }
    }
    if opts.errors {
        let flags = |l: Labels| match (l.fragile, l.non_compensable) {
            (true, true) => "fragile+non_compensable",
            (true, false) => "fragile",
            (false, true) => "non_compensable",
            (false, false) => "ordinary",
        };
        for (lang, fields, scores) in &all_misses {
            println!(
                "\nmisclassified ({}, {}): {}",
                lang.as_str(),
                fields.as_str(),
                scores.misses.len()
            );
            for m in &scores.misses {
                println!(
                    "  {:<10} expected {:<23} got {:<23} {}",
                    m.id,
                    flags(m.truth),
                    flags(m.predicted),
                    m.title
                );
                if let Some(why) = rows
                    .iter()
                    .find(|r| r.id == m.id)
                    .and_then(|r| r.listing(*lang, *fields))
                    .and_then(|l| checker.screen(&l, Locale::En).ok())
                    .map(|s| explain(&s))
                    .filter(|w| !w.is_empty())
                {
                    println!("  {:<10} because {why}", "");
                }
            }
        }
    }
    Ok(())
}

/// Times compiling the shipped policy and screening the file's Japanese titles in batches of 100.
fn time(rows: &[aftersales::screen::eval::LabeledListing]) -> Result<(), String> {
    use std::time::Instant;
    let started = Instant::now();
    let checker = Checker::shipped();
    let compile = started.elapsed();
    let listings: Vec<Listing> = rows
        .iter()
        .filter_map(|r| r.listing(Lang::Ja, Fields::All))
        .collect();
    let mut screened = 0usize;
    let started = Instant::now();
    for _ in 0..20 {
        for batch in listings.chunks(100) {
            screened += checker
                .screen_batch(batch, Locale::En)
                .map_err(|e| e.to_string())?
                .len();
        }
    }
    let elapsed = started.elapsed();
    println!(
        "policy compiled in {:.1} ms; {} patterns; {} listings screened in {:.1} ms: {:.2} µs per listing",
        compile.as_secs_f64() * 1e3,
        checker.screener().pattern_count(),
        screened,
        elapsed.as_secs_f64() * 1e3,
        elapsed.as_secs_f64() * 1e6 / screened.max(1) as f64
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("screen-eval: {message}");
            ExitCode::FAILURE
        }
    }
}
