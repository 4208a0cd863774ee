//! The native ceiling of the benchmark: the same Rust core the WebAssembly module runs, built
//! for the host and timed with criterion.
//!
//! It reads the inputs `node benches/catalog.mjs` writes (default `target/bench-data/`, or
//! `$AFTERSALES_BENCH_DATA`): the catalog's listings in results-page order with each page's
//! locale, and the claim set with each claim's judging instant. Benchmarks, each cycling through
//! the whole input so that one figure covers the catalog's mix rather than one lucky title:
//!
//! - `checker/build`: `Checker::shipped()` (the compiled policy read; its screening rules are
//!   left for the first screening);
//! - `checker/build_and_first_screen`: the same and one `screen` (the rules compiled, the
//!   automaton built);
//! - `screen/one_listing`: `Checker::screen` on the next listing;
//! - `screen/page_of_100`: `Checker::screen_batch` on the next results page of 100;
//! - `judge/one_claim`: `Checker::judge` on the next claim;
//! - `screen/page_of_100_json` and `judge/one_claim_json`: the same with the JSON the wasm
//!   boundary adds — each listing (claim) read from its JSON text by the crate's reader
//!   ([`aftersales::decode::listing`], [`aftersales::decode::claim`]), the answer written with
//!   `serde_json` — so that
//!   wasm's cost splits into the core's, the JSON's, and the rest (wasm itself, JS glue).
//!
//! `benches/run.mjs` runs it as
//! `CARGO_PROFILE_RELEASE_PANIC=unwind CARGO_TARGET_DIR=target/bench-native cargo bench --bench
//! native -- --noplot` and reads the medians from `criterion/*/new/estimates.json` there; this
//! binary prints them too. The environment is needed because benches always build with
//! `panic = "unwind"` while `[profile.release]` says `abort`: cargo would build the library twice
//! under one file name and the bench would not link against it.
//! The target directory of its own keeps the other release builds from being rebuilt.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use aftersales::{Checker, Claim, Listing, Locale, VerdictOptions};
use chrono::{DateTime, FixedOffset};
use criterion::{black_box, Criterion, Throughput};
use serde::Deserialize;

const PAGE: usize = 100;

#[derive(Deserialize)]
struct PagedListing {
    locale: Locale,
    listing: Listing,
}

#[derive(Deserialize)]
struct TimedClaim {
    now: String,
    claim: Claim,
}

struct Page {
    locale: Locale,
    listings: Vec<Listing>,
    /// Each listing's JSON text, as the boundary hands it to the decoder.
    json: Vec<String>,
}

struct Inputs {
    listings: Vec<(Locale, Listing)>,
    pages: Vec<Page>,
    claims: Vec<(DateTime<FixedOffset>, Claim)>,
    claims_json: Vec<String>,
}

fn read_lines<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read {}: {e}; run `node benches/catalog.mjs` first",
            path.display()
        )
    })?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))
        })
        .collect()
}

fn load(dir: &Path) -> Result<Inputs, String> {
    let paged: Vec<PagedListing> = read_lines(&dir.join("listings.jsonl"))?;
    let listings: Vec<(Locale, Listing)> =
        paged.into_iter().map(|p| (p.locale, p.listing)).collect();
    let pages = listings
        .chunks(PAGE)
        .filter_map(|chunk| {
            let (locale, _) = chunk.first()?;
            Some(Page {
                locale: *locale,
                listings: chunk.iter().map(|(_, l)| l.clone()).collect(),
                json: chunk
                    .iter()
                    .map(|(_, l)| serde_json::to_string(l).unwrap_or_default())
                    .collect(),
            })
        })
        .collect();
    let claims = read_lines::<TimedClaim>(&dir.join("claims.jsonl"))?
        .into_iter()
        .map(|t| {
            DateTime::parse_from_rfc3339(&t.now)
                .map(|now| (now, t.claim))
                .map_err(|e| format!("claims.jsonl: `{}`: {e}", t.now))
        })
        .collect::<Result<Vec<_>, String>>()?;
    if listings.is_empty() || claims.is_empty() {
        return Err(format!("{} holds no listings or no claims", dir.display()));
    }
    let claims_json = claims
        .iter()
        .map(|(_, c)| serde_json::to_string(c).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, String>>()?;
    Ok(Inputs {
        listings,
        pages,
        claims,
        claims_json,
    })
}

/// Cycles through `items`, one per call.
fn cycle<'a, T>(items: &'a [T]) -> impl FnMut() -> Option<&'a T> + 'a {
    let mut i = 0usize;
    move || {
        let item = items.get(i % items.len().max(1));
        i = i.wrapping_add(1);
        item
    }
}

fn benches(c: &mut Criterion, inputs: &Inputs) {
    let checker = Checker::shipped();
    let mut group = c.benchmark_group("checker");
    group.bench_function("build", |b| b.iter(Checker::shipped));
    group.bench_function("build_and_first_screen", |b| {
        let first = Listing::titled("first", "江戸切子 ロックグラス");
        b.iter(|| {
            let checker = Checker::shipped();
            checker.screen(&first, Locale::Ja).map(|s| s.fragile)
        })
    });
    group.bench_function("build_first_screen_and_first_category", |b| {
        let first = Listing::titled("first", "江戸切子 ロックグラス");
        let mut filed = Listing::titled("filed", "ノーブランド");
        filed.category = ["本・雑誌・漫画", "漫画", "少女漫画"]
            .map(String::from)
            .to_vec();
        b.iter(|| {
            let checker = Checker::shipped();
            let _ = checker.screen(&first, Locale::Ja);
            checker.screen(&filed, Locale::Ja).map(|s| s.class)
        })
    });
    group.finish();

    let mut group = c.benchmark_group("screen");
    let mut next = cycle(&inputs.listings);
    group.throughput(Throughput::Elements(1));
    group.bench_function("one_listing", |b| {
        b.iter(|| {
            next().map(|(locale, listing)| checker.screen(black_box(listing), *locale).is_ok())
        })
    });
    let mut next = cycle(&inputs.pages);
    group.throughput(Throughput::Elements(PAGE as u64));
    group.bench_function("page_of_100", |b| {
        b.iter(|| {
            next().map(|p| {
                checker
                    .screen_batch(black_box(&p.listings), p.locale)
                    .map(|s| s.len())
            })
        })
    });
    let mut next = cycle(&inputs.pages);
    group.bench_function("page_of_100_json", |b| {
        b.iter(|| next().map(|p| screen_page_json(&checker, black_box(p))))
    });
    group.finish();

    let mut group = c.benchmark_group("judge");
    let mut next = cycle(&inputs.claims);
    group.throughput(Throughput::Elements(1));
    // As the module's `judge` asks: English texts, no input hash; and as `judgeCodes` asks.
    group.bench_function("one_claim", |b| {
        b.iter(|| next().map(|(now, claim)| checker.judge_with(black_box(claim), *now, TEXTS)))
    });
    let mut next = cycle(&inputs.claims);
    group.bench_function("one_claim_codes", |b| {
        b.iter(|| next().map(|(now, claim)| checker.judge_with(black_box(claim), *now, CODES)))
    });
    let mut next = cycle(&inputs.claims);
    let mut next_json = cycle(&inputs.claims_json);
    group.bench_function("one_claim_json", |b| {
        b.iter(|| {
            let (now, _) = next()?;
            judge_json(&checker, black_box(next_json()?), *now).ok()
        })
    });
    group.finish();
}

/// A page as the wasm boundary screens it: each listing decoded from JSON, the answers encoded.
fn screen_page_json(checker: &Checker, page: &Page) -> Result<String, String> {
    let screenings = page
        .json
        .iter()
        .map(|text| {
            let listing = aftersales::decode::listing(text).map_err(|e| e.to_string())?;
            checker
                .screen(&listing, page.locale)
                .map_err(|e| e.to_string())
        })
        .collect::<Result<Vec<_>, String>>()?;
    serde_json::to_string(&screenings).map_err(|e| e.to_string())
}

/// What the module's `judge` asks for: English texts, no input hash.
const TEXTS: VerdictOptions = VerdictOptions {
    texts: Some(Locale::En),
    input_hash: false,
};

/// What the module's `judgeCodes` asks for: codes only.
const CODES: VerdictOptions = VerdictOptions {
    texts: None,
    input_hash: false,
};

/// A claim as the wasm boundary judges it: decoded from JSON, the verdict encoded.
fn judge_json(checker: &Checker, text: &str, now: DateTime<FixedOffset>) -> Result<String, String> {
    let claim = aftersales::decode::claim(text).map_err(|e| e.to_string())?;
    let verdict = checker
        .judge_with(&claim, now, TEXTS)
        .map_err(|e| e.to_string())?;
    serde_json::to_string(&verdict).map_err(|e| e.to_string())
}

/// Where criterion writes its estimates (it follows `CARGO_TARGET_DIR` too).
fn criterion_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("criterion")
}

fn median_ns(id: &str) -> Option<f64> {
    let path = criterion_dir().join(id).join("new").join("estimates.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    json.get("median")?.get("point_estimate")?.as_f64()
}

fn main() -> ExitCode {
    let dir = std::env::var_os("AFTERSALES_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("target")
                .join("bench-data")
        });
    let inputs = match load(&dir) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    // Every screening and verdict must succeed, or the timings would measure error paths.
    let checker = Checker::shipped();
    for (i, p) in inputs.pages.iter().enumerate() {
        if let Err(e) = checker.screen_batch(&p.listings, p.locale) {
            eprintln!("error: page {i}: {}: {}", e.path(), e.message());
            return ExitCode::FAILURE;
        }
    }
    for (i, p) in inputs.pages.iter().enumerate() {
        if let Err(e) = screen_page_json(&checker, p) {
            eprintln!("error: page {i} as JSON: {e}");
            return ExitCode::FAILURE;
        }
    }
    for (i, ((now, claim), text)) in inputs.claims.iter().zip(&inputs.claims_json).enumerate() {
        if let Err(e) = checker.judge(claim, *now, Locale::En) {
            eprintln!("error: claim {i}: {}: {}", e.path(), e.message());
            return ExitCode::FAILURE;
        }
        if let Err(e) = judge_json(&checker, text, *now) {
            eprintln!("error: claim {i} as JSON: {e}");
            return ExitCode::FAILURE;
        }
    }

    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    benches(&mut c, &inputs);
    c.final_summary();

    println!(
        "\nnative medians ({} listings in {} pages, {} claims):",
        inputs.listings.len(),
        inputs.pages.len(),
        inputs.claims.len()
    );
    for id in [
        "checker/build",
        "screen/one_listing",
        "screen/page_of_100",
        "screen/page_of_100_json",
        "judge/one_claim",
        "judge/one_claim_json",
    ] {
        match median_ns(id) {
            Some(ns) => println!("  {id:<20} {:>12.3} µs", ns / 1000.0),
            None => println!("  {id:<20} {:>12}", "not measured"),
        }
    }
    ExitCode::SUCCESS
}
