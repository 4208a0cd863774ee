//! Validates the shipped policy document before the crate is built, so a malformed edit fails
//! the build with the path of every problem (the same validator `Policy::from_json` runs).
//!
//! It then writes to `OUT_DIR` what the crate would otherwise recompute on every start: the
//! document in its compiled form (`policy.bin`, see `src/policy/compiled.rs`: no JSON to parse
//! at start-up; also in two parts, `policy-head.bin` and `policy-screening.bin`, the screening
//! rules apart), its hash (`policy.sha256`, `sha256:` and the hex SHA-256 of the canonical JSON),
//! that canonical JSON (`policy.min.json`, exactly `serde_json::to_vec` of the typed document)
//! for the tests, which check that both equal what the crate computes at run time, and the
//! screening rules compiled by the crate's own code and frozen (`screener.bin`, see
//! `src/screen/frozen.rs`), which is what screening reads. To compile them it includes the
//! crate's screening, text and policy modules, laid out under the same paths as in the crate.

#![allow(missing_docs, dead_code)]

use std::path::PathBuf;
use std::process::ExitCode;

// The crate's own modules, laid out as in the crate so that their `crate::` paths resolve: the
// policy's types and validator, and the screener's compile with what it uses.
#[path = "src/policy"]
mod policy {
    pub mod compiled;
    pub mod document;
    pub mod map;
    pub mod validate;
    pub mod vocabulary;
}

#[path = "src/screen"]
mod screen {
    pub mod compile;
    pub mod frozen;
    pub mod matcher;
    pub mod rules;
    pub use rules::Screener;
    use rules::{
        path_key, scope_key, slot, CategoryIndex, CompiledCategoryRule, CompiledShape, FlagTerm,
        Parts, Pattern, Role,
    };
}

#[path = "src/error.rs"]
mod error;
#[path = "src/sort.rs"]
mod sort;
#[path = "src/text/mod.rs"]
mod text;

use policy::{compiled, document, validate};

fn main() -> ExitCode {
    const PATH: &str = "src/policy/after-sales.policy.json";
    println!("cargo:rerun-if-changed={PATH}");
    println!("cargo:rerun-if-changed=src/policy/document.rs");
    println!("cargo:rerun-if-changed=src/policy/map.rs");
    println!("cargo:rerun-if-changed=src/policy/validate.rs");
    println!("cargo:rerun-if-changed=src/policy/vocabulary.rs");
    println!("cargo:rerun-if-changed=src/policy/compiled.rs");
    for file in [
        "src/screen/compile.rs",
        "src/screen/frozen.rs",
        "src/screen/matcher.rs",
        "src/screen/rules.rs",
        "src/error.rs",
        "src/sort.rs",
        "src/text/mod.rs",
        "src/text/lower.rs",
        "src/text/lowercase.rs",
    ] {
        println!("cargo:rerun-if-changed={file}");
    }
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
    let problems = validate::validate(&doc);
    for p in &problems {
        eprintln!("error: {PATH}: `{}` {}", p.path, p.message);
    }
    if !problems.is_empty() {
        return ExitCode::FAILURE;
    }
    if let Err(e) = write_screener(&doc) {
        eprintln!("error: {PATH}: cannot compile the screening rules: {e}");
        return ExitCode::FAILURE;
    }
    match write_compiled(&doc) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {PATH}: cannot write the compiled form: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes `screener.bin` to `OUT_DIR`: the screening rules compiled by the crate's own code and
/// frozen (`src/screen/frozen.rs`), which the crate reads instead of compiling them at run time.
fn write_screener(doc: &document::PolicyDocument) -> Result<(), String> {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let screener = screen::Screener::compile(&doc.screening).map_err(|e| e.to_string())?;
    std::fs::write(out.join("screener.bin"), screen::frozen::write(&screener))
        .map_err(|e| e.to_string())
}

/// Writes `policy.min.json` and `policy.sha256` to `OUT_DIR`.
fn write_compiled(doc: &document::PolicyDocument) -> Result<(), String> {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let canonical = serde_json::to_vec(doc).map_err(|e| e.to_string())?;
    let mut hash = String::from("sha256:");
    for b in sha256(&canonical) {
        hash.push_str(&format!("{b:02x}"));
    }
    let compiled = compiled::write(&hash, doc, sha256)?;
    // The same document in two parts, which is what the crate embeds: everything but the
    // screening rules, read at start-up, and the screening rules, read on the first screening
    // (a page that only judges claims never reads them).
    let head = document::PolicyDocument {
        screening: document::ScreeningRules::default(),
        ..doc.clone()
    };
    let head = compiled::write(&hash, &head, sha256)?;
    let screening = compiled::write(&hash, &doc.screening, sha256)?;
    std::fs::write(out.join("policy.min.json"), &canonical).map_err(|e| e.to_string())?;
    std::fs::write(out.join("policy.bin"), compiled).map_err(|e| e.to_string())?;
    std::fs::write(out.join("policy-head.bin"), head).map_err(|e| e.to_string())?;
    std::fs::write(out.join("policy-screening.bin"), screening).map_err(|e| e.to_string())?;
    std::fs::write(out.join("policy.sha256"), hash).map_err(|e| e.to_string())
}

/// SHA-256 (FIPS 180-4), so that the build needs no hashing crate of its own; the test that
/// compares it with the run-time hash (the `sha2` crate) keeps the two in step.
#[expect(
    clippy::indexing_slicing,
    reason = "fixed-size arrays indexed within their loop bounds, at build time"
)]
fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let bits = (data.len() as u64).wrapping_mul(8);
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bits.to_be_bytes());
    for block in message.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (chunk, word) in out.chunks_exact_mut(4).zip(h) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}
