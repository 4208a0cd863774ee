//! The WebAssembly boundary: the one file that knows `wasm-bindgen`, `js-sys` and
//! `serde-wasm-bindgen`.
//!
//! It exports one JS class, `Checker`, over [`crate::Checker`]: built once (the compiled policy
//! read, its screener and messages set up), then `screen`, `screenBatch`, `screenCodes`, `judge`, `messages` and `info` as often
//! as a page likes. `now` is a parameter (a page passes `Date.now()`); the core never reads a
//! clock. The TypeScript types are `src/wasm.d.ts`, pasted into the generated `.d.ts`.
//!
//! **Inputs cross as JSON text.** A listing or a claim is turned into text by the engine's own
//! `JSON.stringify` and read by the same reader the native API uses ([`crate::decode::listing`],
//! [`crate::decode::listings`], [`crate::decode::claim`]), so a JS caller gets the same field
//! paths, the same `unknown_field` errors and the same verdicts as Rust.
//! `serde-wasm-bindgen`'s `Deserializer` would give neither: it reads a struct's declared fields
//! by name, so an unknown field is never seen; and it reads them with uncaught property gets in
//! the middle of the serde pass, so a throwing getter or `Proxy` trap would unwind through the
//! module's frames and leave the checker borrowed. Here every call that can run page code
//! (`JSON.stringify`, `Reflect.get`, `Array.isArray`) is caught: a throw, a cycle or a `BigInt`
//! comes back as an ordinary `invalid_value` error and the module keeps answering. A batch's
//! elements are read once each, written 32 listings per `JSON.stringify` and decoded as one
//! `Vec<Listing>`, with the index in every error path (`[3].title`).
//!
//! **Answers cross as JSON text.** A screening, a page of them and a verdict are written as
//! JSON text by [`crate::json`] (the same bytes as `serde_json::to_string` of the serde-derived
//! answer; `tests/answer_json.rs` checks it on every real listing and claim scenario) and built
//! into plain objects by the engine's `JSON.parse`: one string across the boundary and one
//! native call, where `serde-wasm-bindgen` made a boundary call per field and decoded each
//! string on its own, and the module carries none of the answers' serde code. `null` stands for
//! an absent value and every number is a JS number (a verdict's millisecond figures are safe
//! integers: a deadline comes from a four-digit-year RFC 3339 timestamp, and the time remaining
//! is never more than the window), so `JSON.stringify` of an answer is byte-identical to the
//! native `serde_json::to_string` (the differential test checks it on every case). `info()` and
//! `messages()`, called once per page, still cross through `serde-wasm-bindgen`, the crate's
//! stated way across the boundary; only the per-listing and per-claim answers are kept off it,
//! for size and time (see `benches/NOTES.md`). Inputs do not go through it either:
//! `serde-wasm-bindgen`'s `Deserializer` would lose the `unknown_field` errors and let page code
//! throw through the module, as said above.
//!
//! Every thrown value is a real JS `Error` named `AftersalesError` with the [`Error`]'s `code`
//! and `path` as own properties. Sizes are checked before anything is copied into the module's
//! memory: a batch's `length` before its elements; a title, a description or a claim's lists by
//! their length on the JS object when they are far (16×) over their limit; every listing's or
//! claim's JSON text by its UTF-16 length (never more than its UTF-8 bytes) against
//! [`limits::MAX_INPUT_BYTES`], a whole batch's chunk by chunk as it is built; a policy's before
//! it is parsed. Anything nearer its limit is checked by the core, with the same message as
//! natively.

use js_sys::{Array, JsString, Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "screening")]
use crate::Listing;
#[cfg(feature = "claims")]
use crate::VerdictOptions;
use crate::{limits, Checker, Error, ErrorKind, Locale, Policy};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("wasm.d.ts");

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray`, caught: a revoked `Proxy` makes it throw.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;

    /// `Object.keys`, caught: a `Proxy`'s `ownKeys` trap may throw.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
}

/// Screens listings and judges claims under the store's after-sales policy.
///
/// ```js
/// const checker = new Checker();
/// const s = checker.screen({ id: "m1", title: "江戸切子 グラス" }, navigator.language);
/// const v = checker.judge(claim, Date.now(), "ja");
/// ```
#[wasm_bindgen(js_name = Checker)]
pub struct JsChecker {
    inner: Checker,
}

#[wasm_bindgen(js_class = Checker)]
impl JsChecker {
    /// A checker with the policy compiled into the module.
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsChecker {
        JsChecker {
            inner: Checker::shipped(),
        }
    }

    /// A checker with a newer policy instead of the compiled-in one: the document in its compiled
    /// form (a `Uint8Array` or `ArrayBuffer` of what `aftersales-policy compile` writes),
    /// validated when it was compiled and checked again here. Not in the storefront build
    /// (feature `policy-loading`).
    #[cfg(feature = "policy-loading")]
    #[wasm_bindgen(js_name = withPolicy)]
    pub fn with_policy(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] compiled: JsValue,
    ) -> Result<JsChecker, JsValue> {
        let policy = policy(&compiled).map_err(thrown)?;
        Ok(JsChecker {
            inner: Checker::new(policy).map_err(thrown)?,
        })
    }

    /// Adds a compiled policy; claims are judged under the one in force on their order date,
    /// listings under the newest. Not in the storefront build (feature `policy-loading`).
    #[cfg(feature = "policy-loading")]
    #[wasm_bindgen(js_name = addPolicy)]
    pub fn add_policy(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] compiled: JsValue,
    ) -> Result<(), JsValue> {
        let policy = policy(&compiled).map_err(thrown)?;
        self.inner.add_policy(policy).map_err(thrown)
    }

    /// The loaded policies, the supported locales and the size limits.
    #[wasm_bindgen(unchecked_return_type = "Info")]
    pub fn info(&self) -> Result<JsValue, JsValue> {
        to_js(&Info::of(&self.inner))
    }

    /// Screens one listing.
    #[cfg(feature = "screening")]
    #[wasm_bindgen(unchecked_return_type = "Screening")]
    pub fn screen(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Listing")] listing: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "LocaleTag")] locale: JsValue,
    ) -> Result<JsValue, JsValue> {
        let locale = negotiate(&locale);
        let listing = decode(&listing, LISTING_LIMITS, crate::decode::listing).map_err(thrown)?;
        let screening = self.inner.screen(&listing, locale).map_err(thrown)?;
        parsed(&crate::json::screening(&screening))
    }

    /// Screens a page of listings in one call; the first invalid listing fails the call with
    /// its index in the path (`[3].title`).
    #[cfg(feature = "screening")]
    #[wasm_bindgen(js_name = screenBatch, unchecked_return_type = "Screening[]")]
    pub fn screen_batch(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Listing[]")] listings: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "LocaleTag")] locale: JsValue,
    ) -> Result<JsValue, JsValue> {
        let locale = negotiate(&locale);
        let screenings = self
            .read_batch(&listings)
            .and_then(|listings| self.inner.screen_batch(&listings, locale))
            .map_err(thrown)?;
        parsed(&crate::json::screenings(&screenings))
    }

    /// Screens a page of listings like `screenBatch`, answering codes only: no `message` on
    /// flags and notices, which a page words from `messages(locale)` (`class.{class}`,
    /// `notice.{notice}`), fetched once per locale. Building those texts into every answer was
    /// the largest part of a page's time spent outside the screener itself.
    #[cfg(feature = "screening")]
    #[wasm_bindgen(js_name = screenCodes, unchecked_return_type = "ScreeningCodes[]")]
    pub fn screen_codes(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Listing[]")] listings: JsValue,
    ) -> Result<JsValue, JsValue> {
        let screenings = self
            .read_batch(&listings)
            .and_then(|listings| self.inner.screen_codes(&listings))
            .map_err(thrown)?;
        parsed(&crate::json::screenings(&screenings))
    }

    /// Judges a claim at `nowMs` (milliseconds since the Unix epoch, as `Date.now()` gives),
    /// with messages in `locale`. `options.inputHash: true` adds the claim's SHA-256 to the
    /// audit (a service recording verdicts asks for it; a page showing one need not).
    #[cfg(feature = "claims")]
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn judge(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Claim")] claim: JsValue,
        #[wasm_bindgen(js_name = nowMs, unchecked_param_type = "number")] now_ms: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "LocaleTag")] locale: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "JudgeOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let texts = Some(negotiate(&locale));
        self.judged(&claim, &now_ms, texts, &options)
    }

    /// [`Self::judge`] without its texts: codes, rules, clauses, the window and the steps, which
    /// a page words from the locale's `messages()`, fetched once (keys `outcome.<outcome>`,
    /// `reason.<code>`, `evidence.<kind>`, `next_step.<step>`), as the claim widget does.
    #[cfg(feature = "claims")]
    #[wasm_bindgen(js_name = judgeCodes, unchecked_return_type = "VerdictCodes")]
    pub fn judge_codes(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Claim")] claim: JsValue,
        #[wasm_bindgen(js_name = nowMs, unchecked_param_type = "number")] now_ms: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "JudgeOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.judged(&claim, &now_ms, None, &options)
    }

    /// Every message of the newest policy in one locale, by key.
    #[wasm_bindgen(unchecked_return_type = "Messages")]
    pub fn messages(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "LocaleTag")] locale: JsValue,
    ) -> Result<JsValue, JsValue> {
        let locale = negotiate(&locale);
        let policy = self.inner.policies().current().ok_or_else(|| {
            thrown(Error::new(
                ErrorKind::NoPolicyInForce,
                "",
                "no policy is loaded",
            ))
        })?;
        to_js(&MessagesIn { policy, locale })
    }
}

/// Every message of a policy in one locale, written as one object keyed in the document's
/// (sorted) order straight from the document, with no map built in between.
struct MessagesIn<'a> {
    policy: &'a Policy,
    locale: Locale,
}

impl Serialize for MessagesIn<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let table = self.policy.messages();
        serializer.collect_map(
            self.policy
                .head()
                .messages
                .keys()
                .map(|key| (key.as_str(), table.text(key, self.locale))),
        )
    }
}

impl JsChecker {
    /// A verdict with the texts of `texts` (none: codes) and what `options` asks for.
    #[cfg(feature = "claims")]
    fn judged(
        &self,
        claim: &JsValue,
        now_ms: &JsValue,
        texts: Option<Locale>,
        options: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let verdict = judge_options(options, texts)
            .and_then(|options| {
                let now = instant(now_ms)?;
                let claim = decode(claim, CLAIM_LIMITS, crate::decode::claim)?;
                self.inner.judge_with(&claim, now, options)
            })
            .map_err(thrown)?;
        parsed(&crate::json::verdict(&verdict))
    }

    /// Reads the batch's elements once each, pre-checks their big fields, and turns them into
    /// JSON text [`BATCH_CHUNK`] at a time (one `JSON.stringify` per chunk, not per listing),
    /// checking the running size before the next chunk is copied in; then decodes the whole
    /// text with the same decoder the native API uses, so an error deep in the batch keeps its
    /// index (`[3].title`).
    #[cfg(feature = "screening")]
    fn read_batch(&self, listings: &JsValue) -> Result<Vec<Listing>, Error> {
        let len = batch_length(listings)?;
        let fields = Fields::new(LISTING_LIMITS);
        let mut json = String::from("[");
        let mut chunk = Array::new();
        let mut first = 0;
        for i in 0..len {
            let at = |e: Error| at_index(e, i);
            let value = Reflect::get_u32(listings, i).map_err(|e| at(js_failure(&e)))?;
            fields.precheck(&value).map_err(at)?;
            chunk.set(i - first, value);
            if i + 1 - first == BATCH_CHUNK || i + 1 == len {
                append_chunk(&mut json, first, &chunk)?;
                chunk = Array::new();
                first = i + 1;
            }
        }
        json.push(']');
        crate::decode::listings(&json)
    }
}

impl Default for JsChecker {
    fn default() -> JsChecker {
        JsChecker::new()
    }
}

/// What `info()` returns; camelCase like the method names, unlike the policy's wire data.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Info<'a> {
    /// The crate's version, which is also the npm package's (`.ci/package` copies it).
    version: &'static str,
    policies: Vec<PolicyInfo<'a>>,
    locales: Vec<&'static str>,
    limits: LimitsInfo,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PolicyInfo<'a> {
    id: &'a str,
    version: &'a str,
    hash: &'a str,
    effective_from: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LimitsInfo {
    max_id_bytes: usize,
    max_title_bytes: usize,
    max_description_bytes: usize,
    max_category_depth: usize,
    max_category_bytes: usize,
    max_batch_listings: usize,
    max_claim_items: usize,
    max_evidence: usize,
    max_policy_bytes: usize,
    max_input_bytes: usize,
    max_findings_per_field: usize,
}

impl<'a> Info<'a> {
    fn of(checker: &'a Checker) -> Info<'a> {
        Info {
            version: env!("CARGO_PKG_VERSION"),
            policies: checker
                .policies()
                .all()
                .iter()
                .map(|p| PolicyInfo {
                    id: &p.head().id,
                    version: &p.head().version,
                    hash: p.hash(),
                    effective_from: p.effective_from().to_string(),
                })
                .collect(),
            locales: Locale::ALL.iter().map(|l| l.tag()).collect(),
            limits: LimitsInfo {
                max_id_bytes: limits::MAX_ID_BYTES,
                max_title_bytes: limits::MAX_TITLE_BYTES,
                max_description_bytes: limits::MAX_DESCRIPTION_BYTES,
                max_category_depth: limits::MAX_CATEGORY_DEPTH,
                max_category_bytes: limits::MAX_CATEGORY_BYTES,
                max_batch_listings: limits::MAX_BATCH_LISTINGS,
                max_claim_items: limits::MAX_CLAIM_ITEMS,
                max_evidence: limits::MAX_EVIDENCE,
                max_policy_bytes: limits::MAX_POLICY_BYTES,
                max_input_bytes: limits::MAX_INPUT_BYTES,
                max_findings_per_field: limits::MAX_FINDINGS_PER_FIELD,
            },
        }
    }
}

/// A judge call's `options`: absent, or an object whose only key is `inputHash` (a boolean or
/// `undefined`). Any other key is refused, so that a misspelt option is not silently ignored;
/// a throwing getter or `Proxy` trap is an `invalid_value` error like any other input's.
#[cfg(feature = "claims")]
fn judge_options(options: &JsValue, texts: Option<Locale>) -> Result<VerdictOptions, Error> {
    let mut asked = VerdictOptions {
        texts,
        input_hash: false,
    };
    if options.is_undefined() || options.is_null() {
        return Ok(asked);
    }
    let failure = |e: JsValue| js_failure(&e).within("options");
    if !options.is_object() || is_array(options).map_err(failure)? {
        return Err(Error::new(
            ErrorKind::InvalidType,
            "options",
            format!(
                "invalid type: {}, expected an object such as `{{ inputHash: true }}`",
                describe(options)
            ),
        ));
    }
    for key in object_keys(options).map_err(failure)?.iter() {
        let name = key.as_string().unwrap_or_default();
        if name != "inputHash" {
            return Err(Error::new(
                ErrorKind::UnknownField,
                "options",
                format!("unknown field `{name}`, expected `inputHash`"),
            ));
        }
    }
    let value = Reflect::get(options, &JsValue::from_str("inputHash")).map_err(failure)?;
    if let Some(flag) = value.as_bool() {
        asked.input_hash = flag;
    } else if !value.is_undefined() {
        return Err(Error::new(
            ErrorKind::InvalidType,
            "options.inputHash",
            format!("invalid type: {}, expected a boolean", describe(&value)),
        ));
    }
    Ok(asked)
}

/// The page's tag negotiated to a supported locale; English when absent or not a string.
fn negotiate(tag: &JsValue) -> Locale {
    tag.as_string()
        .map_or(Locale::En, |tag| Locale::negotiate(&tag))
}

/// A compiled policy from a `Uint8Array` or an `ArrayBuffer`, size-checked before it is copied in.
#[cfg(feature = "policy-loading")]
fn policy(compiled: &JsValue) -> Result<Policy, Error> {
    // `await response.arrayBuffer()` is what a page has in hand; a view of it is taken as is.
    let whole;
    let bytes = match compiled.dyn_ref::<js_sys::ArrayBuffer>() {
        Some(buffer) => {
            whole = js_sys::Uint8Array::new(buffer);
            Some(&whole)
        }
        None => compiled.dyn_ref::<js_sys::Uint8Array>(),
    };
    let Some(bytes) = bytes else {
        let hint = if compiled.is_string() {
            "; a JSON document is compiled ahead, with `aftersales-policy compile`"
        } else {
            ""
        };
        return Err(Error::new(
            ErrorKind::InvalidType,
            "",
            format!(
                "invalid type: {}, expected a compiled policy as a Uint8Array or ArrayBuffer{hint}",
                describe(compiled)
            ),
        ));
    };
    if bytes.length() as usize > limits::MAX_POLICY_BYTES {
        return Err(Error::new(
            ErrorKind::InvalidPolicy,
            "",
            format!(
                "has `{}` bytes, at most `{}`",
                bytes.length(),
                limits::MAX_POLICY_BYTES
            ),
        ));
    }
    Policy::from_compiled(&bytes.to_vec())
}

/// A limit checked on a field of an input object before the object is copied in.
#[derive(Clone, Copy)]
#[cfg_attr(
    not(all(feature = "claims", feature = "screening")),
    allow(dead_code, reason = "a one-sided build checks one kind of input")
)]
enum Limit {
    /// A string of at most this many UTF-8 bytes.
    Bytes(usize),
    /// An array of at most this many entries.
    Entries(usize),
}

/// How far over its limit a field must be to be refused before it is read. Below this the
/// core checks it, with the exact figure in the message; above it, the message gives the
/// UTF-16 length as a lower bound of the bytes (never more units than UTF-8 bytes).
const EARLY_REFUSAL_FACTOR: usize = 16;

/// The largest JSON text of one call, in UTF-16 units (at most as many as its UTF-8 bytes).
const MAX_INPUT_UNITS: usize = limits::MAX_INPUT_BYTES;

/// How many listings of a batch go through one `JSON.stringify`. A page of 20–120 listings
/// takes one to four calls instead of one per listing; and since the running size is checked
/// between chunks, no batch makes the engine write more than 32 listings' worth of JSON past
/// [`limits::MAX_INPUT_BYTES`] (one `JSON.stringify` of the whole page would write all of it:
/// 10,000 listings sharing one 1 MB field are 10 GB of text, minutes of work before the engine
/// gives up).
#[cfg(feature = "screening")]
const BATCH_CHUNK: u32 = 32;

/// The big fields of a listing: a 10 MB title is refused without being copied.
#[cfg(feature = "screening")]
const LISTING_LIMITS: &[(&str, Limit)] = &[
    ("title", Limit::Bytes(limits::MAX_TITLE_BYTES)),
    ("description", Limit::Bytes(limits::MAX_DESCRIPTION_BYTES)),
];

/// The long lists of a claim.
#[cfg(feature = "claims")]
const CLAIM_LIMITS: &[(&str, Limit)] = &[
    ("items", Limit::Entries(limits::MAX_CLAIM_ITEMS)),
    ("evidence", Limit::Entries(limits::MAX_EVIDENCE)),
];

/// The fields of one kind of input whose size is checked on the JS object before the object is
/// copied in, with their names made into JS strings once per call rather than once per element.
struct Fields {
    checked: Vec<(JsValue, &'static str, Limit)>,
}

impl Fields {
    fn new(limits: &[(&'static str, Limit)]) -> Fields {
        Fields {
            checked: limits
                .iter()
                .map(|&(name, limit)| (JsValue::from_str(name), name, limit))
                .collect(),
        }
    }

    /// Refuses a field far over its limit, reading only its length on the JS object; anything
    /// else is left to the decoder and the core, which report it exactly as the native API does.
    fn precheck(&self, value: &JsValue) -> Result<(), Error> {
        if !value.is_object() {
            return Ok(());
        }
        for (key, name, limit) in &self.checked {
            // A throwing getter is caught here, and reported by `JSON.stringify` just after.
            let Ok(field) = Reflect::get(value, key) else {
                return Ok(());
            };
            match *limit {
                Limit::Bytes(max) => {
                    if let Some(text) = field.dyn_ref::<JsString>() {
                        if text.length() as usize > max * EARLY_REFUSAL_FACTOR {
                            return Err(Error::new(
                                ErrorKind::TooLarge,
                                *name,
                                at_least(text.length() as usize, max),
                            ));
                        }
                    }
                }
                Limit::Entries(max) => {
                    if is_array(&field).unwrap_or(false) {
                        let len = Reflect::get(&field, &JsValue::from_str("length"))
                            .ok()
                            .and_then(|len| len.as_f64())
                            .unwrap_or(0.0);
                        if len > (max * EARLY_REFUSAL_FACTOR) as f64 {
                            return Err(Error::new(
                                ErrorKind::TooLarge,
                                *name,
                                format!("has `{}` entries, at most `{max}`", len as u64),
                            ));
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// A batch's `length`, refused when the value is not an array or the batch is too long, before
/// any element is read.
#[cfg(feature = "screening")]
fn batch_length(listings: &JsValue) -> Result<u32, Error> {
    if !is_array(listings).unwrap_or(false) {
        return Err(Error::new(
            ErrorKind::InvalidType,
            "",
            format!(
                "invalid type: {}, expected an array of listings",
                describe(listings)
            ),
        ));
    }
    let len = Reflect::get(listings, &JsValue::from_str("length"))
        .ok()
        .and_then(|len| len.as_f64())
        .filter(|len| len.fract() == 0.0 && *len >= 0.0)
        .ok_or_else(|| Error::new(ErrorKind::InvalidType, "", "has no array `length`"))?;
    if len > limits::MAX_BATCH_LISTINGS as f64 {
        return Err(Error::new(
            ErrorKind::TooLarge,
            "",
            format!(
                "has `{}` listings, at most `{}`",
                len as u64,
                limits::MAX_BATCH_LISTINGS
            ),
        ));
    }
    Ok(len as u32)
}

/// Appends the JSON text of a chunk of batch elements (`first` is the index of its first
/// element) to the batch's text, `[` and all. The chunk is a fresh array of ours holding the
/// elements already read, so `JSON.stringify` reads each element's fields but never the page's
/// array again. If the chunk's text cannot be written (a throwing getter, a cycle, a `BigInt`)
/// or does not fit in what is left of [`limits::MAX_INPUT_BYTES`], its elements are written one
/// at a time instead, which names the culprit by its index; as in `JSON.stringify([..])`, an
/// element with no JSON text (`undefined`, a function) is `null`.
#[cfg(feature = "screening")]
fn append_chunk(json: &mut String, first: u32, chunk: &Array) -> Result<(), Error> {
    let room = MAX_INPUT_UNITS.saturating_sub(json.len());
    if let Some(text) = JSON::stringify(chunk)
        .ok()
        .filter(|text| text.is_string() && text.length() as usize <= room)
        .and_then(|text| text.as_string())
    {
        if let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            if json.len() > 1 {
                json.push(',');
            }
            json.push_str(inner);
            return Ok(());
        }
    }
    for (i, value) in (first..).zip(chunk.iter()) {
        let at = |e: Error| at_index(e, i);
        if json.len() > 1 {
            json.push(',');
        }
        match json_text(&value, MAX_INPUT_UNITS.saturating_sub(json.len())).map_err(at)? {
            Some(text) => json.push_str(&text),
            None => json.push_str("null"),
        }
    }
    Ok(())
}

/// The value's JSON text by the engine's `JSON.stringify`; `None` for `undefined`, functions
/// and symbols, which have none; refused when longer than `room` UTF-16 units.
fn json_text(value: &JsValue, room: usize) -> Result<Option<String>, Error> {
    let text = JSON::stringify(value).map_err(|e| js_failure(&e))?;
    let Some(text) = text.dyn_ref::<JsString>() else {
        return Ok(None);
    };
    if text.length() as usize > room {
        return Err(Error::new(
            ErrorKind::TooLarge,
            "",
            at_least(text.length() as usize, limits::MAX_INPUT_BYTES),
        ));
    }
    Ok(Some(String::from(text)))
}

/// Decodes an input object (a listing, a claim) through its JSON text.
fn decode<T>(
    value: &JsValue,
    fields: &[(&'static str, Limit)],
    read: fn(&str) -> Result<T, Error>,
) -> Result<T, Error> {
    Fields::new(fields).precheck(value)?;
    let text = json_text(value, MAX_INPUT_UNITS)?.ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidType,
            "",
            format!("invalid type: {}, expected an object", describe(value)),
        )
    })?;
    // The native API's reader: same size check, field paths and messages.
    read(&text)
}

/// `now` from milliseconds since the Unix epoch, in UTC.
#[cfg(feature = "claims")]
fn instant(now_ms: &JsValue) -> Result<chrono::DateTime<chrono::FixedOffset>, Error> {
    let ms = now_ms.as_f64().ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidType,
            "now",
            format!(
                "invalid type: {}, expected milliseconds since the Unix epoch such as `Date.now()`",
                describe(now_ms)
            ),
        )
    })?;
    if !ms.is_finite() {
        return Err(Error::new(
            ErrorKind::InvalidValue,
            "now",
            format!(
                "`{}` is not a finite number of milliseconds",
                if ms.is_nan() {
                    "NaN"
                } else if ms > 0.0 {
                    "Infinity"
                } else {
                    "-Infinity"
                }
            ),
        ));
    }
    // Beyond ±8.64e15 ms a JS `Date` is invalid too; `as` saturates, chrono rejects the rest.
    chrono::DateTime::from_timestamp_millis(ms.floor() as i64)
        .map(|t| t.fixed_offset())
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidValue,
                "now",
                "is outside the range of dates",
            )
        })
}

/// An answer from its JSON text ([`crate::json`]), by the engine's `JSON.parse`: plain objects
/// and arrays built in one call.
fn parsed(text: &str) -> Result<JsValue, JsValue> {
    JSON::parse(text).map_err(|e| {
        thrown(Error::new(
            ErrorKind::InvalidValue,
            "",
            format!(
                "the answer could not be written: {}",
                js_failure(&e).message()
            ),
        ))
    })
}

/// An output as plain JS objects and arrays (`serde-wasm-bindgen`'s JSON-compatible form: maps as
/// objects, `None` as `null`, every number a JS number).
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            thrown(Error::new(
                ErrorKind::InvalidValue,
                "",
                format!("the answer could not be written: {e}"),
            ))
        })
}

/// An exception thrown by the engine while reading the input (a getter, a `Proxy` trap, a
/// cycle, a `BigInt`): the input cannot be read, so it is an invalid value.
fn js_failure(exception: &JsValue) -> Error {
    let detail = exception
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| exception.as_string())
        .unwrap_or_else(|| "an exception".to_owned());
    // V8 explains a cycle over several lines; the first says what happened.
    let detail = detail.lines().next().unwrap_or_default();
    Error::new(
        ErrorKind::InvalidValue,
        "",
        format!("cannot be read as JSON: {detail}"),
    )
}

/// `[i]` in front of a batch element's error path.
#[cfg(feature = "screening")]
fn at_index(e: Error, i: u32) -> Error {
    let path = match e.path() {
        "" => format!("[{i}]"),
        p if p.starts_with('[') => format!("[{i}]{p}"),
        p => format!("[{i}].{p}"),
    };
    Error::new(e.kind(), path, e.message())
}

/// The message for text that is over a byte limit by its UTF-16 length alone.
fn at_least(units: usize, max: usize) -> String {
    format!("has at least `{units}` bytes, at most `{max}`")
}

/// A short name for a JS value's type, for messages.
fn describe(value: &JsValue) -> &'static str {
    if value.is_undefined() {
        "undefined"
    } else if value.is_null() {
        "null"
    } else if value.as_bool().is_some() {
        "boolean"
    } else if value.as_f64().is_some() {
        "number"
    } else if value.is_string() {
        "string"
    } else if value.is_function() {
        "function"
    } else if value.is_symbol() {
        "symbol"
    } else if value.is_bigint() {
        "bigint"
    } else if is_array(value).unwrap_or(false) {
        "array"
    } else {
        "object"
    }
}

/// The JS `Error` a page catches: `name` `AftersalesError`, own `code` and `path`.
fn thrown(e: Error) -> JsValue {
    let js = js_sys::Error::new(&e.to_string());
    js.set_name("AftersalesError");
    // Defining properties on a fresh `Error` cannot fail; a failure would only drop the field.
    let _ = Reflect::set(&js, &"code".into(), &e.code().into());
    let _ = Reflect::set(&js, &"path".into(), &e.path().into());
    js.into()
}
