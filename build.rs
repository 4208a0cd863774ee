//! Validates the shipped policy document before the crate is built, so a malformed edit fails
//! the build with the path of every problem (the same validator `Policy::from_json` runs).

#![allow(missing_docs, dead_code)]

use std::process::ExitCode;

#[path = "src/policy/vocabulary.rs"]
mod vocabulary;

#[path = "src/policy/document.rs"]
mod document;

fn main() -> ExitCode {
    const PATH: &str = "src/policy/after-sales.policy.json";
    println!("cargo:rerun-if-changed={PATH}");
    println!("cargo:rerun-if-changed=src/policy/document.rs");
    println!("cargo:rerun-if-changed=src/policy/vocabulary.rs");
    let text = match std::fs::read_to_string(PATH) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {PATH}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let de = &mut serde_json::Deserializer::from_str(&text);
    let doc: document::PolicyDocument = match serde_path_to_error::deserialize(de) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {PATH}: `{}` {}", e.path(), e.inner());
            return ExitCode::FAILURE;
        }
    };
    let problems = document::validate(&doc);
    for p in &problems {
        eprintln!("error: {PATH}: `{}` {}", p.path, p.message);
    }
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
