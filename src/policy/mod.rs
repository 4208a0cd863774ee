//! The after-sales policy as data: the shipped document, loading a newer one, hashing, and the
//! set of policies by effective date.
//!
//! The shipped document is `src/policy/after-sales.policy.json`, compiled into the crate;
//! `build.rs` validates it before the crate builds, so a malformed edit fails the build with
//! the field's path, and writes it in its [`compiled`] form with its hash, so that
//! [`Policy::shipped`] only reads bytes back (no JSON parser, no validation at start-up) and
//! builds the message table. The screening rules are compiled by [`crate::screen::Screener`],
//! which the [`crate::Checker`] holds beside its policies: a policy knows nothing of screening. A newer document is loaded from JSON text
//! ([`Policy::from_json`], natively and in `aftersales-policy compile`) or from its compiled form
//! ([`Policy::from_compiled`], what a page hands the WebAssembly module), through the same
//! validation either way. Every verdict names the policy's id, version and [`Policy::hash`]
//! (SHA-256 of the canonical JSON, so the same rules give the same hash whatever the whitespace;
//! a compiled file carries it too, and a handed-in file's is checked against its rules). A [`PolicySet`]
//! holds several policies and answers which one was in force on an order date.

pub mod compiled;
pub mod document;
pub mod map;
mod read;
pub mod validate;
pub mod vocabulary;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::error::{Error, ErrorKind};
use crate::i18n::Messages;
use crate::limits;
use document::{PolicyDocument, ScreeningRules};
use std::sync::OnceLock;

/// The policy document compiled into the crate, as it is edited.
pub const SHIPPED_JSON: &str = include_str!("after-sales.policy.json");

/// The same document as canonical JSON (`serde_json::to_vec` of the typed document), written by
/// `build.rs` once it has validated it; what [`Policy::hash`] is taken over.
#[cfg(test)]
const SHIPPED_CANONICAL: &str = include_str!(concat!(env!("OUT_DIR"), "/policy.min.json"));

/// The same document in its [`compiled`] form, with its hash, written by `build.rs` (what
/// `aftersales-policy compile` would write).
pub const SHIPPED_COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/policy.bin"));

/// What the crate reads at start-up: the same document without its screening rules, which
/// screening does not read (the checker screens with the rules `build.rs` compiled and froze,
/// [`crate::Screener::shipped`]).
const SHIPPED_HEAD: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/policy-head.bin"));
/// The shipped screening rules as a document, read only when [`Policy::document`] or
/// [`Policy::screening`] asks for them. The WebAssembly module does not carry them: nothing it
/// exports reaches those two (screening reads the frozen screener), so the linker leaves them
/// out.
const SHIPPED_SCREENING: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/policy-screening.bin"));

/// A validated, compiled policy.
#[derive(Debug, Clone)]
pub struct Policy {
    /// The document; the shipped policy's `screening` is left empty (see [`SHIPPED_SCREENING`]).
    doc: PolicyDocument,
    /// Whether it is the policy compiled into the crate.
    shipped: bool,
    /// The shipped policy's screening rules once read, and its whole document once asked for.
    screening: OnceLock<ScreeningRules>,
    whole: OnceLock<PolicyDocument>,
    hash: String,
    effective_from: NaiveDate,
    messages: Messages,
}

impl Policy {
    /// The policy compiled into the crate.
    ///
    /// ```
    /// let policy = aftersales::Policy::shipped();
    /// assert_eq!(policy.document().claims.window.days_after_signing, 5);
    /// ```
    #[expect(
        clippy::expect_used,
        reason = "build.rs validates the shipped document and a test compiles it"
    )]
    pub fn shipped() -> Policy {
        // Validated and hashed by build.rs, and part of this very binary: its checksum is not
        // re-checked at every start (a test reads it the checked way).
        let (hash, doc): (String, PolicyDocument) =
            compiled::read_unchecked(without_checksum(SHIPPED_HEAD))
                .expect("the shipped policy reads back");
        let mut policy = Policy::compile(doc, hash).expect("the shipped policy compiles");
        policy.shipped = true;
        policy
    }

    /// Loads a policy in its [`compiled`] form (what `aftersales-policy compile` writes and a
    /// page hands to `Checker.withPolicy`): checks its size and checksum, reads it, validates
    /// the document again and compiles it. A damaged file is refused with `invalid_policy` and
    /// the byte offset where reading stopped.
    ///
    /// ```
    /// use aftersales::{ErrorKind, Policy};
    /// let bytes = Policy::shipped().to_compiled().unwrap();
    /// assert_eq!(Policy::from_compiled(&bytes).unwrap().hash(), Policy::shipped().hash());
    /// let mut damaged = bytes.clone();
    /// damaged[100] ^= 1;
    /// assert_eq!(Policy::from_compiled(&damaged).unwrap_err().kind(), ErrorKind::InvalidPolicy);
    /// ```
    pub fn from_compiled(bytes: &[u8]) -> Result<Policy, Error> {
        limits::check("", "bytes", bytes.len(), limits::MAX_POLICY_BYTES)
            .map_err(|e| Error::new(ErrorKind::InvalidPolicy, e.path(), e.message()))?;
        let (hash, doc): (String, PolicyDocument) = compiled::read(bytes, sha256)
            .map_err(|e| Error::new(ErrorKind::InvalidPolicy, "", e.to_string()))?;
        // The checksum only tells damage apart; the hash every verdict cites must be that of
        // the rules actually read, so it is computed again rather than taken from the file
        // (after validation, so that a broken rule is reported at its field first).
        let policy = Policy::validated(doc, hash)?;
        let computed = sha256_hex_of_json(&policy.doc);
        if policy.hash != computed {
            return Err(Error::new(
                ErrorKind::InvalidPolicy,
                "",
                format!(
                    "says its hash is `{}`, but its rules hash to `{computed}`",
                    policy.hash
                ),
            ));
        }
        Ok(policy)
    }

    /// This policy in its [`compiled`] form, for [`Policy::from_compiled`]; refused
    /// (`invalid_policy`) when its text holds a NUL character, which the form cannot write.
    pub fn to_compiled(&self) -> Result<Vec<u8>, Error> {
        compiled::write(&self.hash, self.document(), sha256).map_err(|e| {
            Error::new(
                ErrorKind::InvalidPolicy,
                "",
                format!("cannot be compiled: {e}"),
            )
        })
    }

    /// Loads, validates and compiles a policy document.
    ///
    /// ```
    /// use aftersales::{ErrorKind, Policy};
    /// let mut doc: serde_json::Value = serde_json::from_str(aftersales::policy::SHIPPED_JSON).unwrap();
    /// doc["claims"]["window"]["days_after_signing"] = 0.into();
    /// let err = Policy::from_json(&doc.to_string()).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidPolicy);
    /// assert_eq!(err.path(), "claims.window.days_after_signing");
    /// ```
    pub fn from_json(json: &str) -> Result<Policy, Error> {
        limits::check("", "bytes", json.len(), limits::MAX_POLICY_BYTES)
            .map_err(|e| Error::new(ErrorKind::InvalidPolicy, e.path(), e.message()))?;
        let doc: PolicyDocument = crate::decode::from_json(json)
            .map_err(|e| Error::new(ErrorKind::InvalidPolicy, e.path(), e.message()))?;
        Policy::from_document(doc)
    }

    /// Validates and compiles an already parsed document.
    pub fn from_document(doc: PolicyDocument) -> Result<Policy, Error> {
        let hash = sha256_hex(&serde_json::to_vec(&doc).unwrap_or_default());
        Policy::validated(doc, hash)
    }

    /// Validates a document whose hash is known, and compiles it.
    fn validated(doc: PolicyDocument, hash: String) -> Result<Policy, Error> {
        let problems = validate::validate(&doc);
        if let Some(first) = problems.first() {
            let more = match problems.len() {
                1 => String::new(),
                n => format!(" (and {} more problems)", n - 1),
            };
            return Err(Error::new(
                ErrorKind::InvalidPolicy,
                first.path.clone(),
                format!("{}{more}", first.message),
            ));
        }
        Policy::compile(doc, hash)
    }

    /// Compiles a validated document whose hash is known.
    fn compile(doc: PolicyDocument, hash: String) -> Result<Policy, Error> {
        let effective_from = iso_date(&doc.effective_from).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidPolicy,
                "effective_from",
                format!("`{}` is not a date", doc.effective_from),
            )
        })?;
        let messages = Messages::new(&doc.messages);
        Ok(Policy {
            doc,
            shipped: false,
            screening: OnceLock::new(),
            whole: OnceLock::new(),
            hash,
            effective_from,
            messages,
        })
    }

    /// The document it was compiled from.
    pub fn document(&self) -> &PolicyDocument {
        if !self.shipped {
            return &self.doc;
        }
        self.whole.get_or_init(|| PolicyDocument {
            screening: self.screening().clone(),
            ..self.doc.clone()
        })
    }

    /// The document for everything but screening: the shipped policy's screening rules are
    /// not read for it (the claim window, evidence, causes, messages, id and version are).
    pub(crate) fn head(&self) -> &PolicyDocument {
        &self.doc
    }

    /// Whether it is the policy compiled into the crate, whose screening rules the checker
    /// takes from [`crate::Screener::shipped`] rather than from [`Policy::loaded_screening`].
    pub(crate) fn is_shipped(&self) -> bool {
        self.shipped
    }

    /// The screening rules of a loaded (not the shipped) policy.
    pub(crate) fn loaded_screening(&self) -> &ScreeningRules {
        &self.doc.screening
    }

    /// Its screening rules, read now if they were left unread.
    #[expect(
        clippy::expect_used,
        reason = "only the shipped rules are left unread: build.rs wrote them and a test reads them"
    )]
    pub fn screening(&self) -> &ScreeningRules {
        if !self.shipped {
            return &self.doc.screening;
        }
        self.screening.get_or_init(|| {
            let (_, rules): (String, ScreeningRules) =
                compiled::read_unchecked(without_checksum(SHIPPED_SCREENING))
                    .expect("the shipped screening rules read back");
            rules
        })
    }

    /// `sha256:` and the hex SHA-256 of the canonical JSON.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The first order date it applies to.
    pub fn effective_from(&self) -> NaiveDate {
        self.effective_from
    }

    /// Its messages.
    pub fn messages(&self) -> &Messages {
        &self.messages
    }

    /// Whether its screening rules have been read as a document (the shipped policy's are read
    /// only when asked for: screening reads the frozen screener).
    #[cfg(test)]
    pub(crate) fn screening_read(&self) -> bool {
        !self.shipped || self.screening.get().is_some()
    }
}

/// A compiled file without its 32-byte checksum.
fn without_checksum(file: &'static [u8]) -> &'static [u8] {
    file.get(..file.len().saturating_sub(32))
        .unwrap_or_default()
}

/// `sha256:` followed by the lowercase hex digest.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex_digest(Sha256::digest(bytes))
}

/// [`sha256_hex`] of `value`'s JSON (`serde_json::to_vec`), written into a buffer sized for a
/// typical claim, so that it is not grown piece by piece.
pub(crate) fn sha256_hex_of_json<T: serde::Serialize>(value: &T) -> String {
    let mut json = Vec::with_capacity(1024);
    match serde_json::to_writer(&mut json, value) {
        Ok(()) => sha256_hex(&json),
        Err(_) => sha256_hex(&[]),
    }
}

/// The SHA-256 digest of `bytes`.
fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

fn hex_digest(digest: impl IntoIterator<Item = u8>) -> String {
    let mut out = Vec::with_capacity(7 + 64);
    out.extend_from_slice(b"sha256:");
    for b in digest {
        out.extend([b >> 4, b & 0xf].map(|n| if n < 10 { b'0' + n } else { b'a' + n - 10 }));
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Policies by effective date.
#[derive(Debug, Clone)]
pub struct PolicySet {
    /// Sorted by `effective_from`, oldest first; never empty.
    policies: Vec<Policy>,
}

impl PolicySet {
    /// A set of one.
    pub fn new(policy: Policy) -> PolicySet {
        PolicySet {
            policies: vec![policy],
        }
    }

    /// Adds a policy; one with the same `effective_from` replaces the old one.
    pub fn insert(&mut self, policy: Policy) {
        match self
            .policies
            .binary_search_by_key(&policy.effective_from, |p| p.effective_from)
        {
            Ok(i) => {
                if let Some(slot) = self.policies.get_mut(i) {
                    *slot = policy;
                }
            }
            Err(i) => self.policies.insert(i, policy),
        }
    }

    /// The policy in force on `date`: the latest whose `effective_from` is not after it.
    pub fn in_force(&self, date: NaiveDate) -> Option<&Policy> {
        self.policies
            .iter()
            .rev()
            .find(|p| p.effective_from <= date)
    }

    /// The newest policy (for screening listings about to be bought).
    pub fn current(&self) -> Option<&Policy> {
        self.policies.last()
    }

    /// All policies, oldest first.
    pub fn all(&self) -> &[Policy] {
        &self.policies
    }
}

/// A `YYYY-MM-DD` date (the form the validator accepts), read without chrono's format parser,
/// which would add its whole `strftime` machinery to the module for this one field.
fn iso_date(s: &str) -> Option<NaiveDate> {
    let (y, m, d) = validate::iso_date_parts(s)?;
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn an_effective_date_is_read_only_in_the_form_the_validator_accepts() {
        assert_eq!(iso_date("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        for bad in [
            "2023-02-29",
            "2024-2-29",
            "2024-02-29T00:00",
            "+2024-02-29",
            "",
        ] {
            assert_eq!(iso_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_compiled_form_reads_back_as_the_document_it_was_written_from() {
        let loaded = Policy::from_json(SHIPPED_JSON).unwrap();
        assert_eq!(
            loaded.to_compiled().unwrap(),
            SHIPPED_COMPILED,
            "build.rs and the crate agree"
        );
        let read = Policy::from_compiled(SHIPPED_COMPILED).unwrap();
        assert_eq!(read.document(), loaded.document());
        assert_eq!(read.hash(), loaded.hash());
        assert!(SHIPPED_COMPILED.starts_with(compiled::MAGIC));
    }

    #[test]
    fn the_build_time_hash_is_the_run_time_hash_of_the_same_document() {
        let loaded = Policy::from_json(SHIPPED_JSON).unwrap();
        assert_eq!(
            serde_json::to_string(loaded.document()).unwrap(),
            SHIPPED_CANONICAL
        );
        let shipped_hash = include_str!(concat!(env!("OUT_DIR"), "/policy.sha256"));
        assert_eq!(sha256_hex(SHIPPED_CANONICAL.as_bytes()), shipped_hash);
        assert_eq!(loaded.hash(), shipped_hash);
        let shipped = Policy::shipped();
        assert_eq!(shipped.hash(), loaded.hash());
        assert_eq!(shipped.document(), loaded.document());
        assert_eq!(shipped.effective_from(), loaded.effective_from());
        assert!(validate::validate(shipped.document()).is_empty());
    }

    #[test]
    fn the_json_hash_is_the_hash_of_the_bytes_to_vec_writes() {
        let shipped = Policy::shipped();
        let values = [
            serde_json::to_value(shipped.document()).unwrap(),
            serde_json::json!({"order_id": "A-1", "items": [{"id": "\u{1F600}\"x\""}]}),
            serde_json::json!(""),
        ];
        for value in &values {
            let bytes = serde_json::to_vec(value).unwrap();
            assert_eq!(sha256_hex_of_json(value), sha256_hex(&bytes));
        }
        assert_eq!(sha256_hex_of_json(shipped.document()), shipped.hash());
    }
}
