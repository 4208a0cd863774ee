//! The compiled form of a policy, as an operator makes it (`aftersales-policy compile`) and a page
//! hands it in (`Policy::from_compiled`, `Checker.withPolicy`): the CLI writes exactly the file
//! built into the crate, and a damaged, cut or forged file is refused with `invalid_policy`, never
//! misread and never a panic.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::Command;

use aftersales::policy::document::PolicyDocument;
use aftersales::policy::{compiled, SHIPPED_COMPILED, SHIPPED_JSON};
use aftersales::{ErrorKind, Policy};
use sha2::{Digest, Sha256};

fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

fn shipped_doc() -> PolicyDocument {
    serde_json::from_str(SHIPPED_JSON).unwrap()
}

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_aftersales-policy"))
        .args(args)
        .output()
        .unwrap()
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("aftersales-compiled-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn the_cli_compiles_the_shipped_document_into_the_file_built_into_the_crate() {
    let out = temp("shipped.bin");
    let run = cli(&[
        "compile",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/policy/after-sales.policy.json"
        ),
        out.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(std::fs::read(&out).unwrap(), SHIPPED_COMPILED);
    let said = String::from_utf8(run.stdout).unwrap();
    assert!(said.contains(Policy::shipped().hash()), "{said}");
}

#[test]
fn the_cli_names_the_field_of_a_broken_document_and_writes_nothing() {
    let mut doc: serde_json::Value = serde_json::from_str(SHIPPED_JSON).unwrap();
    doc["claims"]["window"]["days_after_signing"] = 0.into();
    let input = temp("broken.json");
    std::fs::write(&input, doc.to_string()).unwrap();
    let out = temp("broken.bin");
    let run = cli(&["compile", input.to_str().unwrap(), out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let said = String::from_utf8(run.stderr).unwrap();
    assert!(
        said.contains("`claims.window.days_after_signing`"),
        "{said}"
    );
    assert!(!out.exists());
    assert_eq!(
        cli(&["check", input.to_str().unwrap()]).status.code(),
        Some(1)
    );
    assert_eq!(cli(&["compile"]).status.code(), Some(2));
}

#[test]
fn a_compiled_policy_reads_back_as_the_json_it_came_from() {
    let from_json = Policy::from_json(SHIPPED_JSON).unwrap();
    let from_bytes = Policy::from_compiled(&from_json.to_compiled().unwrap()).unwrap();
    assert_eq!(from_bytes.document(), from_json.document());
    assert_eq!(from_bytes.hash(), from_json.hash());
    assert_eq!(from_bytes.effective_from(), from_json.effective_from());
}

#[test]
fn every_cut_of_the_file_is_refused() {
    for len in (0..SHIPPED_COMPILED.len()).step_by(97) {
        let err = Policy::from_compiled(&SHIPPED_COMPILED[..len]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidPolicy, "cut at {len}");
    }
}

#[test]
fn a_changed_byte_anywhere_is_caught_by_the_checksum() {
    for at in (0..SHIPPED_COMPILED.len()).step_by(89) {
        let mut bytes = SHIPPED_COMPILED.to_vec();
        bytes[at] ^= 0x01;
        let err = Policy::from_compiled(&bytes).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidPolicy, "byte {at}");
        let by = if at < compiled::MAGIC.len() {
            "not a compiled policy"
        } else {
            "checksum"
        };
        assert!(err.message().contains(by), "byte {at}: {err}");
    }
}

#[test]
fn json_text_is_not_a_compiled_policy() {
    let err = Policy::from_compiled(SHIPPED_JSON.as_bytes()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidPolicy);
    assert!(err.message().contains("aftersales-policy compile"), "{err}");
}

/// Damage behind a valid checksum reaches the decoder itself: whatever it is, the answer is a
/// document or a refusal with the offset, and a document that comes out is one the validator
/// then judges like any other.
#[test]
fn the_decoder_refuses_damage_behind_a_fresh_checksum_without_panicking() {
    let body = &SHIPPED_COMPILED[..SHIPPED_COMPILED.len() - 32];
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let (mut refused, mut read) = (0, 0);
    for case in 0..3000 {
        let mut damaged = body.to_vec();
        let at = next(damaged.len());
        match case % 4 {
            0 => damaged[at] ^= (next(255) + 1) as u8,
            1 => damaged.insert(at, next(256) as u8),
            2 => {
                damaged.remove(at);
            }
            _ => damaged.truncate(at),
        }
        match compiled::read_unchecked::<PolicyDocument>(&damaged) {
            Ok(_) => read += 1,
            Err(e) => {
                assert!(e.at <= damaged.len(), "{e}");
                refused += 1;
            }
        }
        damaged.extend_from_slice(&sha256(&damaged));
        if let Err(e) = Policy::from_compiled(&damaged) {
            assert_eq!(e.kind(), ErrorKind::InvalidPolicy, "{e}");
        }
    }
    assert!(
        refused > 1000 && read > 100,
        "{refused} refused, {read} read"
    );
}

#[test]
fn a_document_that_breaks_a_rule_is_refused_at_its_field_even_compiled() {
    let mut doc = shipped_doc();
    doc.claims.window.days_after_signing = 0;
    let hash = format!("sha256:{}", "ab".repeat(32));
    let bytes = compiled::write(&hash, &doc, sha256).unwrap();
    let err = Policy::from_compiled(&bytes).unwrap_err();
    assert_eq!(
        (err.kind(), err.path()),
        (ErrorKind::InvalidPolicy, "claims.window.days_after_signing")
    );
}

#[test]
fn a_file_whose_hash_is_not_that_of_its_rules_is_refused() {
    // The checksum has no key: anyone can write a file with a fresh one. What is checked is that
    // the hash the verdicts will cite is that of the rules inside.
    let mut doc = shipped_doc();
    doc.claims.window.days_after_signing = 30;
    let bytes = compiled::write(Policy::shipped().hash(), &doc, sha256).unwrap();
    let err = Policy::from_compiled(&bytes).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidPolicy);
    assert!(err.message().contains("rules hash to"), "{err}");
}

#[test]
fn text_holding_a_nul_cannot_be_compiled_and_the_cli_says_so() {
    let mut doc: serde_json::Value = serde_json::from_str(SHIPPED_JSON).unwrap();
    doc["source"] = "after-sales\u{0}service".into();
    let policy = Policy::from_json(&doc.to_string()).unwrap();
    let err = policy.to_compiled().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidPolicy);
    assert!(err.message().contains("NUL"), "{err}");

    let input = temp("nul.json");
    std::fs::write(&input, doc.to_string()).unwrap();
    let out = temp("nul.bin");
    let run = cli(&["compile", input.to_str().unwrap(), out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("NUL"));
    assert!(!out.exists());
}

/// A compiled file names the fields of every struct it holds; a build whose types differ (here:
/// a struct with a field more than the file's, or its fields in another order) refuses it
/// instead of reading it askew.
#[test]
fn a_file_written_with_other_document_types_is_refused_not_misread() {
    use compiled::{Compiled, Decoder, FormatError};
    #[derive(serde::Serialize)]
    struct Window {
        days_after_signing: u32,
        clause: String,
    }
    let bytes = compiled::write(
        "h",
        &Window {
            days_after_signing: 5,
            clause: "x".into(),
        },
        sha256,
    )
    .unwrap();
    let body = &bytes[..bytes.len() - 32];
    // Same shape on both sides reads; a changed shape is refused with both field lists.
    #[derive(Debug, PartialEq)]
    struct Same(u32, String);
    impl Compiled for Same {
        fn read(d: &mut Decoder<'_>) -> Result<Same, FormatError> {
            d.structure("Window", &["days_after_signing", "clause"], |d| {
                Ok(Same(d.field()?, d.field()?))
            })
        }
    }
    let (_, same): (String, Same) = compiled::read_unchecked(body).unwrap();
    assert_eq!(same, Same(5, "x".into()));
    #[derive(Debug)]
    struct Moved;
    impl Compiled for Moved {
        fn read(d: &mut Decoder<'_>) -> Result<Moved, FormatError> {
            d.structure("Window", &["clause", "days_after_signing"], |d| {
                let _: String = d.field()?;
                let _: u32 = d.field()?;
                Ok(Moved)
            })
        }
    }
    let err = compiled::read_unchecked::<Moved>(body).unwrap_err();
    assert!(err.what.contains("compile the document again"), "{err}");
    #[derive(Debug)]
    struct WithMore;
    impl Compiled for WithMore {
        fn read(d: &mut Decoder<'_>) -> Result<WithMore, FormatError> {
            d.structure(
                "Window",
                &["days_after_signing", "grace_days", "clause"],
                |_| Ok(WithMore),
            )
        }
    }
    let err = compiled::read_unchecked::<WithMore>(body).unwrap_err();
    assert!(err.what.contains("grace_days"), "{err}");
}

/// A list that holds other entries than its reader takes is refused, and so is a value left
/// over after the document: it would otherwise be read as the next value.
#[test]
fn a_list_of_the_wrong_entries_or_bytes_left_over_are_refused() {
    let bytes = compiled::write("h", &vec![vec!["a", "b", "c"]], sha256).unwrap();
    let body = &bytes[..bytes.len() - 32];
    assert!(compiled::read_unchecked::<Vec<Vec<String>>>(body).is_ok());
    let err = compiled::read_unchecked::<Vec<String>>(body).unwrap_err();
    assert!(err.what.contains("where text was expected"), "{err}");
    let mut longer = body.to_vec();
    longer.push(0);
    let err = compiled::read_unchecked::<Vec<Vec<String>>>(&longer).unwrap_err();
    assert!(err.what.contains("bytes after the document"), "{err}");
}
