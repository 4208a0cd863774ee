//! `aftersales-policy`: checks a policy document and compiles it into the form a page hands to
//! `Checker.withPolicy` (see `src/policy/compiled.rs`).
//!
//! ```text
//! cargo run --release --bin aftersales-policy -- check   POLICY.json
//! cargo run --release --bin aftersales-policy -- compile POLICY.json OUT.bin
//! cargo run --release --bin aftersales-policy -- diff OLD NEW [--listings F.jsonl …] [--claims F …]
//!                                                  [--format text|json] [--locale en|ja|ru|zh-CN]
//! ```
//!
//! `check` and `compile` validate the document with the same validator `build.rs` runs on the
//! shipped one and print its id, version and hash; a malformed document stops with the path of
//! the field and exit status 1. `compile` then writes the compiled file, which the module reads
//! back without a JSON parser and refuses if a byte of it changes.
//!
//! `diff` screens every listing and judges every claim under both policies (JSON or compiled)
//! and prints what changed, grouped ([`aftersales::impact`]); with no `--listings` or `--claims`
//! it reads the repository's labeled listing sets and the claim scenario table, and says which
//! labeled rows move away from their label. Exit status 0 when nothing changed, 1 when something
//! did, 2 on a bad input (with the file, line and field).

use std::fs::File;
use std::io::BufReader;
use std::process::ExitCode;

use aftersales::impact::{render_text, Impact};
use aftersales::{Locale, Policy};

const USAGE: &str = "usage: aftersales-policy check POLICY.json
       aftersales-policy compile POLICY.json OUT.bin
       aftersales-policy diff OLD NEW [--listings FILE.jsonl ...] [--claims FILE ...]
                              [--format text|json] [--locale en|ja|ru|zh-CN]";

/// The labeled listing sets and the claim scenario table, which `diff` reads by default.
const DEFAULT_LISTINGS: [&str; 4] = [
    "tests/data/listings/real/dev.jsonl",
    "tests/data/listings/real/test.jsonl",
    "tests/data/listings/dev.jsonl",
    "tests/data/listings/test.jsonl",
];
const DEFAULT_CLAIMS: [&str; 1] = ["tests/data/claims/scenarios.json"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "diff") {
        return diff(args.get(1..).unwrap_or_default());
    }
    let (input, output) = match args.as_slice() {
        [cmd, input] if cmd == "check" => (input, None),
        [cmd, input, output] if cmd == "compile" => (input, Some(output)),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let text = match std::fs::read_to_string(input) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: cannot read {input}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let policy = match Policy::from_json(&text) {
        Ok(policy) => policy,
        Err(e) => {
            let at = match e.path() {
                "" => String::new(),
                path => format!(" `{path}`"),
            };
            eprintln!("error: {input}:{at} {}", e.message());
            return ExitCode::FAILURE;
        }
    };
    // The screening terms are compiled too, as a checker will: a term that cannot be matched
    // is refused here, where the policy is edited.
    if let Err(e) = aftersales::Screener::compile(&policy.document().screening) {
        eprintln!("error: {input}: `{}` {}", e.path(), e.message());
        return ExitCode::FAILURE;
    }
    let doc = policy.document();
    let mut said = format!(
        "{input}: policy {} version {}, in force from {}, {}",
        doc.id,
        doc.version,
        policy.effective_from(),
        policy.hash()
    );
    if let Some(output) = output {
        let bytes = match policy.to_compiled() {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("error: {input}: {}", e.message());
                return ExitCode::FAILURE;
            }
        };
        if let Err(e) = std::fs::write(output, &bytes) {
            eprintln!("error: cannot write {output}: {e}");
            return ExitCode::FAILURE;
        }
        said.push_str(&format!(" -> {output} ({} bytes)", bytes.len()));
    }
    println!("{said}");
    ExitCode::SUCCESS
}

/// Reads a policy in either form: JSON text (it starts with `{`) or the compiled form.
fn load(path: &str) -> Result<Policy, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: cannot be read: {e}"))?;
    let json = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    let loaded = if json {
        std::str::from_utf8(&bytes)
            .map_err(|e| format!("{path}: is not UTF-8: {e}"))
            .and_then(|text| Policy::from_json(text).map_err(|e| located(path, &e)))
    } else {
        Policy::from_compiled(&bytes).map_err(|e| located(path, &e))
    };
    loaded
}

fn located(path: &str, e: &aftersales::Error) -> String {
    match e.path() {
        "" => format!("{path}: {}", e.message()),
        at => format!("{path}: `{at}` {}", e.message()),
    }
}

fn diff(args: &[String]) -> ExitCode {
    let bad = |message: String| {
        eprintln!("error: {message}");
        ExitCode::from(2)
    };
    let mut policies = Vec::new();
    let mut listings = Vec::new();
    let mut claims = Vec::new();
    let mut json = false;
    let mut locale = Locale::En;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        let taken = match arg.as_str() {
            "--listings" => value(arg).map(|v| listings.push(v)),
            "--claims" => value(arg).map(|v| claims.push(v)),
            "--format" => value(arg).and_then(|v| match v.as_str() {
                "text" | "json" => {
                    json = v == "json";
                    Ok(())
                }
                other => Err(format!("--format is text or json, not `{other}`")),
            }),
            "--locale" => value(arg).and_then(|v| {
                Locale::ALL
                    .iter()
                    .find(|l| l.tag() == v)
                    .map(|l| locale = *l)
                    .ok_or_else(|| format!("--locale is en, ja, ru or zh-CN, not `{v}`"))
            }),
            flag if flag.starts_with("--") => Err(format!("unknown option `{flag}`\n{USAGE}")),
            path => {
                policies.push(path.to_owned());
                Ok(())
            }
        };
        if let Err(message) = taken {
            return bad(message);
        }
    }
    let [old, new] = policies.as_slice() else {
        return bad(format!("diff takes two policies, OLD and NEW\n{USAGE}"));
    };
    if listings.is_empty() && claims.is_empty() {
        let root = env!("CARGO_MANIFEST_DIR");
        listings = DEFAULT_LISTINGS
            .iter()
            .map(|f| format!("{root}/{f}"))
            .collect();
        claims = DEFAULT_CLAIMS
            .iter()
            .map(|f| format!("{root}/{f}"))
            .collect();
    }
    let (old, new) = match (load(old), load(new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(e), _) | (_, Err(e)) => return bad(e),
    };
    let mut impact = match Impact::new(old, new, locale) {
        Ok(impact) => impact,
        Err(e) => return bad(format!("`{}` {}", e.path(), e.message())),
    };
    for (files, is_listings) in [(&listings, true), (&claims, false)] {
        for path in files {
            let name = short_name(path);
            let file = match File::open(path) {
                Ok(f) => BufReader::new(f),
                Err(e) => return bad(format!("{path}: cannot be read: {e}")),
            };
            let read = if is_listings {
                impact.listings(&name, file)
            } else {
                impact.claims(&name, file)
            };
            if let Err(e) = read {
                return bad(e.to_string());
            }
        }
    }
    let report = impact.report();
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(text) => println!("{text}"),
            Err(e) => return bad(format!("the report cannot be written: {e}")),
        }
    } else {
        print!("{}", render_text(&report));
    }
    if report.changed() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A file's name as the report shows it: its path under the repository, or as given.
fn short_name(path: &str) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
    path.strip_prefix(root).unwrap_or(path).to_owned()
}
