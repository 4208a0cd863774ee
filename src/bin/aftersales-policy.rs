//! `aftersales-policy`: checks a policy document and compiles it into the form a page hands to
//! `Checker.withPolicy` (see `src/policy/compiled.rs`).
//!
//! ```text
//! cargo run --release --bin aftersales-policy -- check   POLICY.json
//! cargo run --release --bin aftersales-policy -- compile POLICY.json OUT.bin
//! ```
//!
//! Both validate the document with the same validator `build.rs` runs on the shipped one and
//! print its id, version and hash; a malformed document stops with the path of the field and
//! exit status 1. `compile` then writes the compiled file, which the module reads back without a
//! JSON parser and refuses if a byte of it changes.

use std::process::ExitCode;

use aftersales::Policy;

const USAGE: &str = "usage: aftersales-policy check POLICY.json
       aftersales-policy compile POLICY.json OUT.bin";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
