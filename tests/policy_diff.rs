//! `aftersales-policy diff`: what an edit to the shipped policy changes, run as the operator runs
//! it (the binary, on files), on the repository's labeled sets and scenario table by default.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::process::Command;

use aftersales::policy::SHIPPED_JSON;
use aftersales::Policy;
use serde_json::{json, Value};

/// A scratch folder of this test binary's own.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("policy_diff")
        .join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn shipped() -> Value {
    serde_json::from_str(SHIPPED_JSON).unwrap()
}

/// Writes `doc` as the NEW policy beside the shipped one; returns both paths.
fn edited(name: &str, edit: impl FnOnce(&mut Value)) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let old = dir.join("old.json");
    let new = dir.join("new.json");
    std::fs::write(&old, SHIPPED_JSON).unwrap();
    let mut doc = shipped();
    edit(&mut doc);
    std::fs::write(&new, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    (old, new)
}

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

fn diff(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_aftersales-policy"))
        .arg("diff")
        .args(args)
        .output()
        .unwrap();
    Run {
        status: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn json_diff(old: &Path, new: &Path, extra: &[&str]) -> (i32, Value) {
    let mut args = vec![
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let run = diff(&args);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    (run.status, serde_json::from_str(&run.stdout).unwrap())
}

fn group<'a>(report: &'a Value, change: &str) -> Option<&'a Value> {
    report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["change"] == change)
}

#[test]
fn an_identical_policy_changes_nothing_and_exits_zero() {
    let (old, new) = edited("identical", |_| {});
    let run = diff(&[old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("nothing changed"), "{}", run.stdout);
    // Every labeled listing and every scenario was read.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/listings");
    let listings: usize = ["real/dev", "real/test", "dev", "test"]
        .iter()
        .map(|f| {
            std::fs::read_to_string(root.join(format!("{f}.jsonl")))
                .unwrap()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .count()
        })
        .sum();
    assert!(listings > 4_000, "{listings}");
    let read = format!("read {listings} listings and 86 claims");
    assert!(run.stdout.contains(&read), "{read}: {}", run.stdout);
}

#[test]
fn a_compiled_policy_diffs_like_its_json() {
    let dir = scratch("compiled");
    let compiled = dir.join("shipped.bin");
    std::fs::write(&compiled, Policy::shipped().to_compiled().unwrap()).unwrap();
    let json_path = dir.join("shipped.json");
    std::fs::write(&json_path, SHIPPED_JSON).unwrap();
    let (status, report) = json_diff(&compiled, &json_path, &[]);
    assert_eq!(status, 0);
    assert_eq!(report["old"]["hash"], report["new"]["hash"]);
}

#[test]
fn an_added_term_gains_flags_and_names_the_term_behind_them() {
    let (old, new) = edited("added-term", |doc| {
        doc["screening"]["classes"]["fragile"]["terms"]["en"]
            .as_array_mut()
            .unwrap()
            .push(json!("stainless"));
    });
    let (status, report) = json_diff(&old, &new, &[]);
    assert_eq!(status, 1);
    let gained = group(&report, "gained fragile").expect("gained fragile");
    assert!(gained["count"].as_u64().unwrap() > 0);
    let row = &gained["rows"][0];
    assert_eq!(row["old"]["summary"], "not flagged");
    assert!(
        row["new"]["rests_on"][0]
            .as_str()
            .unwrap()
            .contains("stainless"),
        "{row}"
    );
    // Stainless goods are ordinary: nearly every labeled one that gained the flag is a
    // regression; the few fixes are glass goods whose steel part had set their glass aside.
    let (regressions, fixes) = (
        report["regressions"].as_u64().unwrap(),
        report["fixes"].as_u64().unwrap(),
    );
    assert_eq!(regressions + fixes, gained["count"].as_u64().unwrap());
    assert!(
        fixes * 20 < regressions,
        "{regressions} regressions, {fixes} fixes"
    );
    assert_eq!(report["claims_changed"], 0);
}

#[test]
fn a_removed_exclusion_flags_sunglasses_as_regressions() {
    let (old, new) = edited("removed-exclusion", |doc| {
        let ja = doc["screening"]["classes"]["fragile"]["exclude"]["ja"]
            .as_array_mut()
            .unwrap();
        ja.retain(|t| t != "サングラス");
    });
    let listings = scratch("removed-exclusion").join("listings.jsonl");
    std::fs::write(
        &listings,
        concat!(
            r#"{"id": "r-1", "title": "レイバン サングラス", "labels": {"fragile": false, "non_compensable": false}}"#,
            "\n\n",
            r#"{"id": "p-1", "title": "サングラス UV400"}"#,
            "\n",
            r#"{"id": "p-2", "title": "江戸切子 グラス"}"#,
            "\n"
        ),
    )
    .unwrap();
    let (status, report) = json_diff(&old, &new, &["--listings", listings.to_str().unwrap()]);
    assert_eq!(status, 1);
    assert_eq!(report["listings_read"], 3);
    assert_eq!(report["claims_read"], 0, "only the files given are read");
    let gained = group(&report, "gained fragile").unwrap();
    let ids: Vec<&str> = gained["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["r-1", "p-1"]);
    assert_eq!(gained["rows"][0]["label"], "regression");
    assert!(
        gained["rows"][1].get("label").is_none(),
        "an unlabeled row has no label"
    );
    assert_eq!(report["regressions"], 1);
}

#[test]
fn a_shorter_window_turns_eligible_claims_ineligible_and_moves_deadlines() {
    let (old, new) = edited("shorter-window", |doc| {
        doc["claims"]["window"]["days_after_signing"] = json!(3);
    });
    let run = diff(&[old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(run.status, 1);
    assert!(
        run.stdout.contains("outcome eligible → ineligible ("),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("claim deadline changed ("),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("REGRESSION"),
        "scenarios expect the 5-day window"
    );
    let (_, report) = json_diff(&old, &new, &[]);
    let outcome = group(&report, "outcome eligible → ineligible").unwrap();
    let row = &outcome["rows"][0];
    assert!(row["new"]["summary"]
        .as_str()
        .unwrap()
        .starts_with("ineligible (window_closed)"));
    assert!(
        row["new"]["rests_on"][0]
            .as_str()
            .unwrap()
            .contains("claims.window"),
        "{row}"
    );
    assert_eq!(report["listings_changed"], 0, "screening is untouched");
}

#[test]
fn a_message_only_edit_is_reported_as_a_message_change() {
    let (old, new) = edited("message", |doc| {
        doc["messages"]["reason.covered"]["en"] = json!("Covered: we file the claim for you.");
    });
    let (status, report) = json_diff(&old, &new, &[]);
    assert_eq!(status, 1);
    let groups: Vec<&str> = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["change"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["claim message changed"]);
    assert_eq!(report["regressions"], 0);
    // In another locale nothing the shopper reads changed.
    let (status, _) = json_diff(&old, &new, &["--locale", "ja"]);
    assert_eq!(status, 0);
}

#[test]
fn bad_inputs_exit_two_naming_the_file_line_and_field() {
    let (old, new) = edited("bad", |doc| {
        doc["claims"]["window"]["days_after_signing"] = json!(0);
    });
    let run = diff(&[old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("`claims.window.days_after_signing`"),
        "{}",
        run.stderr
    );

    let dir = scratch("bad");
    let listings = dir.join("listings.jsonl");
    std::fs::write(
        &listings,
        "{\"id\": \"a\", \"title\": \"ok\"}\n{\"id\": \"b\", \"titel\": \"typo\"}\n",
    )
    .unwrap();
    let run = diff(&[
        old.to_str().unwrap(),
        old.to_str().unwrap(),
        "--listings",
        listings.to_str().unwrap(),
    ]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("listings.jsonl:2:"), "{}", run.stderr);
    assert!(run.stderr.contains("titel"), "{}", run.stderr);

    let claims = dir.join("claims.jsonl");
    std::fs::write(
        &claims,
        "{\"claim\": {\"order_id\": \"A\"}, \"now\": \"2024-03-01T00:00:00Z\"}\n",
    )
    .unwrap();
    let run = diff(&[
        old.to_str().unwrap(),
        old.to_str().unwrap(),
        "--claims",
        claims.to_str().unwrap(),
    ]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("claims.jsonl:1: `claim."),
        "{}",
        run.stderr
    );

    for args in [
        vec![old.to_str().unwrap()],
        vec![old.to_str().unwrap(), "/nonexistent/policy.json"],
        vec![
            old.to_str().unwrap(),
            old.to_str().unwrap(),
            "--format",
            "yaml",
        ],
        vec![
            old.to_str().unwrap(),
            old.to_str().unwrap(),
            "--listings",
            "/nonexistent.jsonl",
        ],
    ] {
        let run = diff(&args);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("error: "),
            "{args:?}: {}",
            run.stderr
        );
    }
    let garbage = dir.join("garbage.bin");
    std::fs::write(&garbage, [0u8, 1, 2, 3]).unwrap();
    let run = diff(&[old.to_str().unwrap(), garbage.to_str().unwrap()]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("garbage.bin"), "{}", run.stderr);
}
