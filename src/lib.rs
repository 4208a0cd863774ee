//! A cross-border proxy-shopping store's after-sales policy, compiled into a library that
//! screens listings before purchase and judges claims after delivery.
//!
//! The policy text (a 5-day claim window after signing, the evidence it asks for, the covered
//! causes, the exclusions for fragile items and for damage to CD cases, paper products and outer
//! boxes, the redirect to the carrier or customs, and what is not a defect) lives in a policy
//! document ([`policy`]) that is validated when it is compiled in. The pure-Rust core knows
//! nothing of JS:
//!
//! - [`screen`] flags fragile and non-compensable items in Japanese, English, Chinese and Russian
//!   listing titles, with the matched words' UTF-16 spans, using [`text`] folding;
//! - [`claim`] judges a damage or loss claim: an outcome per claim and per item, reason codes,
//!   missing evidence, the deadline and the next steps;
//! - [`i18n`] gives every message in en, ja, ru and zh-CN.
//!
//! A [`Checker`] is built once (policies read, term automata built) and answers many calls.
//! The wasm boundary (`src/wasm.rs`, only on `wasm32`) is a thin layer over it.
//!
//! ```
//! use aftersales::{Checker, Locale};
//! use aftersales::screen::Listing;
//!
//! let checker = Checker::shipped();
//! let listing = Listing::titled("m1", "【美品】江戸切子 ｸﾞﾗｽ 2個セット");
//! let screening = checker.screen(&listing, Locale::En).unwrap();
//! assert!(screening.fragile);
//!
//! let verdict = checker.judge_json(r#"{
//!     "order_id": "A-1", "signed_at": "2024-03-01T18:00:00+09:00",
//!     "reported_at": "2024-03-07T00:00:00+09:00",
//!     "incident": "damaged", "cause": "courier_mishandling",
//!     "evidence": ["unboxing_video", "carrier_proof", "packaging_kept"],
//!     "items": [{"id": "1", "class": "ordinary", "condition": "new"}]
//! }"#, "2024-03-07T00:00:00+09:00").unwrap();
//! assert_eq!(verdict.outcome.as_str(), "ineligible");
//! assert_eq!(verdict.reasons[0].code.as_str(), "window_closed");
//! ```

pub mod claim;
pub mod decode;
mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod impact;
#[doc(hidden)]
pub mod json;
pub mod limits;
pub mod policy;
pub mod screen;
mod sort;
pub mod text;
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;
#[cfg(all(
    target_arch = "wasm32",
    not(any(feature = "screening", feature = "claims"))
))]
compile_error!("the WebAssembly module needs the `screening` feature, `claims`, or both");

use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};

pub use claim::{Claim, Verdict, VerdictOptions};
pub use error::{Error, ErrorKind};
pub use i18n::Locale;
pub use policy::{Policy, PolicySet};
pub use screen::{Listing, Screener, Screening};

/// Built once, answers many calls: screening listings and judging claims under the loaded
/// policies.
///
/// It holds the policies and, beside them, the newest one's compiled [`Screener`] (listings are
/// screened under the newest policy, claims judged under the one in force on their order date),
/// so that the policy module knows nothing of screening.
#[derive(Debug, Clone)]
pub struct Checker {
    policies: PolicySet,
    /// Compiled when a policy is added; for the shipped one, on the first screening, so that a
    /// page that only judges claims never pays for it.
    screener: OnceLock<Screener>,
}

/// A policy's compiled screening rules: the shipped policy's as `build.rs` compiled them, a
/// loaded one's compiled now (refused with `invalid_policy` when they cannot be).
pub(crate) fn screener_of(policy: &Policy) -> Result<Screener, Error> {
    if policy.is_shipped() {
        return Ok(Screener::shipped());
    }
    Screener::compile(policy.loaded_screening())
}

impl Checker {
    /// A checker with the policy compiled into the crate. Its screening rules are compiled on
    /// the first screening, so that a checker that only judges claims never pays for them.
    pub fn shipped() -> Checker {
        Checker {
            policies: PolicySet::new(Policy::shipped()),
            screener: OnceLock::new(),
        }
    }

    /// A checker with one policy; refused (`invalid_policy`) when its screening terms cannot be
    /// compiled.
    pub fn new(policy: Policy) -> Result<Checker, Error> {
        let screener = screener_of(&policy)?;
        Ok(Checker {
            policies: PolicySet::new(policy),
            screener: OnceLock::from(screener),
        })
    }

    /// Adds a policy (a newer document loaded at run time); claims are judged under the one in
    /// force on their order date, listings under the newest. Its screening rules are compiled
    /// first, so that a policy that cannot screen is refused whole (`invalid_policy`).
    pub fn add_policy(&mut self, policy: Policy) -> Result<(), Error> {
        let screener = screener_of(&policy)?;
        let newest = self
            .policies
            .current()
            .is_none_or(|p| p.effective_from() <= policy.effective_from());
        self.policies.insert(policy);
        if newest {
            self.screener = OnceLock::from(screener);
        }
        Ok(())
    }

    /// The loaded policies.
    pub fn policies(&self) -> &PolicySet {
        &self.policies
    }

    /// The newest policy's compiled screening rules; the shipped policy's are read (frozen by
    /// `build.rs`) on the first screening.
    pub fn screener(&self) -> &Screener {
        // Only the shipped policy's screener is left for the first screening.
        self.screener.get_or_init(Screener::shipped)
    }

    fn current(&self) -> Result<&Policy, Error> {
        self.policies
            .current()
            .ok_or_else(|| Error::new(ErrorKind::NoPolicyInForce, "", "no policy is loaded"))
    }

    /// Screens one listing under the newest policy.
    pub fn screen(&self, listing: &Listing, locale: Locale) -> Result<Screening, Error> {
        let policy = self.current()?;
        self.screener().screen(policy, listing, locale)
    }

    /// Screens a page of listings in one call; the first invalid listing fails the call with
    /// its index in the path (`[3].title`).
    pub fn screen_batch(
        &self,
        listings: &[Listing],
        locale: Locale,
    ) -> Result<Vec<Screening>, Error> {
        self.batch(listings, Some(locale))
    }

    /// Screens a page of listings, answering codes only: each flag's and notice's `message` is
    /// left empty (and out of the JSON), for a page that words them from
    /// [`Policy::messages`] (`class.{class}`, `notice.{notice}`) once per locale rather than in
    /// every answer. Everything else is as [`Checker::screen_batch`] answers.
    pub fn screen_codes(&self, listings: &[Listing]) -> Result<Vec<Screening>, Error> {
        self.batch(listings, None)
    }

    fn batch(&self, listings: &[Listing], texts: Option<Locale>) -> Result<Vec<Screening>, Error> {
        limits::check("", "listings", listings.len(), limits::MAX_BATCH_LISTINGS)?;
        let policy = self.current()?;
        let screener = self.screener();
        listings
            .iter()
            .enumerate()
            .map(|(i, l)| {
                screener
                    .screen_worded(policy, l, texts)
                    .map_err(|e| e.within(&format!("[{i}]")))
            })
            .collect()
    }

    /// Judges a claim at `now` under the policy in force on its order date: the full verdict,
    /// messages in `locale` and the input hash in its audit.
    pub fn judge(
        &self,
        claim: &Claim,
        now: DateTime<FixedOffset>,
        locale: Locale,
    ) -> Result<Verdict, Error> {
        self.judge_with(claim, now, VerdictOptions::full(locale))
    }

    /// [`Checker::judge`], carrying what `options` asks for (messages in a locale or none, the
    /// input hash or not); the decision is the same.
    pub fn judge_with(
        &self,
        claim: &Claim,
        now: DateTime<FixedOffset>,
        options: VerdictOptions,
    ) -> Result<Verdict, Error> {
        let at = claim.instants(now)?;
        let date = at.ordered_at.date_naive();
        let policy = self.policies.in_force(date).ok_or_else(|| {
            Error::new(
                ErrorKind::NoPolicyInForce,
                if claim.ordered_at.is_some() {
                    "ordered_at"
                } else {
                    "signed_at"
                },
                format!("no loaded policy was in force on `{date}`"),
            )
        })?;
        claim::judge_at(policy, claim, &at, now, options)
    }

    /// Judges a claim given as JSON at `now` (RFC 3339), with English messages.
    pub fn judge_json(&self, claim_json: &str, now: &str) -> Result<Verdict, Error> {
        let claim = decode::claim(claim_json)?;
        let now = claim::parse_timestamp("now", now)?;
        self.judge(&claim, now, Locale::En)
    }
}

/// The README's Rust examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn a_checker_that_only_judges_claims_never_reads_the_screening_rules() {
        let checker = Checker::shipped();
        let policy = || checker.policies().current().unwrap();
        assert!(!policy().screening_read());
        let verdict = checker
            .judge_json(
                r#"{"order_id": "A-1", "signed_at": "2024-03-01T18:00:00+09:00",
                    "reported_at": "2024-03-02T00:00:00+09:00", "incident": "damaged",
                    "cause": "courier_mishandling",
                    "evidence": ["unboxing_video", "carrier_proof", "packaging_kept"],
                    "items": [{"id": "1", "class": "ordinary", "condition": "new"}]}"#,
                "2024-03-02T00:00:00+09:00",
            )
            .unwrap();
        assert_eq!(verdict.audit.policy_hash, policy().hash());
        assert!(!policy().screening_read());
        assert!(checker.screener.get().is_none());
        // The first screening reads the screener `build.rs` froze, not the document's rules,
        // and the whole document, read when asked for, is the one shipped.
        let listing = Listing::titled("m1", "江戸切子 グラス");
        assert!(checker.screen(&listing, Locale::En).unwrap().fragile);
        assert!(checker.screener.get().is_some());
        assert!(!policy().screening_read());
        let loaded = Policy::from_json(policy::SHIPPED_JSON).unwrap();
        assert_eq!(policy().document(), loaded.document());
        assert_eq!(policy().screening(), &loaded.document().screening);
    }

    #[test]
    fn the_frozen_shipped_screener_screens_as_one_compiled_from_the_document() {
        let shipped = Checker::shipped();
        let loaded = Checker::new(Policy::from_json(policy::SHIPPED_JSON).unwrap()).unwrap();
        let titles = [
            "【美品】江戸切子 ｸﾞﾗｽ 2客",
            "サングラス UV400",
            "Glass Animals - Dreamland [CD]",
            "ステンレス マグカップ",
            "стеклянная ваза",
            "",
        ];
        for title in titles {
            let listing = Listing::titled("t", title);
            for locale in Locale::ALL {
                let frozen = shipped.screen(&listing, *locale);
                let compiled = loaded.screen(&listing, *locale);
                assert_eq!(frozen.unwrap(), compiled.unwrap(), "{title}");
            }
        }
        // A vessel word yields to a described material in both alike.
        let mut listing = Listing::titled("t", "りんか皿 14.5cm");
        listing.description = Some("花形の木製小皿です。".to_owned());
        let frozen = shipped.screen(&listing, Locale::Ja).unwrap();
        assert!(!frozen.fragile);
        assert_eq!(frozen, loaded.screen(&listing, Locale::Ja).unwrap());
    }

    #[test]
    fn an_older_policy_added_later_leaves_listings_screened_under_the_newest() {
        let mut doc: serde_json::Value = serde_json::from_str(policy::SHIPPED_JSON).unwrap();
        doc["effective_from"] = "2000-01-01".into();
        doc["screening"]["classes"]["fragile"]["terms"]["ja"] = serde_json::json!(["硝子"]);
        let older = Policy::from_json(&doc.to_string()).unwrap();
        let mut checker = Checker::shipped();
        checker.add_policy(older).unwrap();
        assert_eq!(checker.policies().all().len(), 2);
        let s = checker.screen(&Listing::titled("t", "江戸切子 グラス"), Locale::En);
        assert!(s.unwrap().fragile, "the newest policy's terms still screen");
    }
}
