//! The WebAssembly boundary as a page sees it, in headless Chrome and Firefox.
//!
//! Every call goes through the real JS `Checker` object that wasm-bindgen generates (the test
//! turns a checker into its JS wrapper and calls its methods by name with `Function.apply`), so
//! the generated glue, the JSON conversions and the thrown `Error`s are what is tested — not the
//! Rust methods behind them. Covered: the round trip of every call, the outputs as plain
//! objects, an `AftersalesError` with `code` and `path` for each class of bad input (and the
//! module still answering, and still accepting a policy, after each), the size limits, messages
//! in the four locales, and parity with the native core on `tests/data/parity/cases.json`.
//! Run by `.ci/test-wasm` (`wasm-pack test --headless --chrome|--firefox --test web`), after
//! `cargo test --test parity_native` has written `target/parity/native.json`.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use aftersales::wasm::JsChecker;
use js_sys::{Array, Function, Object, Reflect, JSON};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const PARITY: &str = include_str!("../target/parity/native.json");

#[wasm_bindgen(inline_js = r#"
export function asJs(value) { return value; }
export function hasOwn(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
export function isPlainObject(v) {
  return v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;
}
export function keysOf(o) { return Object.keys(o); }
"#)]
extern "C" {
    /// Hands a Rust-side checker to JS, which wraps it in the generated `Checker` class.
    #[wasm_bindgen(js_name = asJs)]
    fn as_js(checker: JsChecker) -> JsValue;
    #[wasm_bindgen(js_name = hasOwn)]
    fn has_own(o: &JsValue, key: &str) -> bool;
    #[wasm_bindgen(js_name = isPlainObject)]
    fn is_plain_object(v: &JsValue) -> bool;
    #[wasm_bindgen(js_name = keysOf)]
    fn keys_of(o: &JsValue) -> Array;
}

/// The shipped policy in its compiled form, as a page hands one in.
fn shipped_policy() -> JsValue {
    js_sys::Uint8Array::from(aftersales::policy::SHIPPED_COMPILED).into()
}

/// A new checker as the page's JS object of class `Checker`.
fn checker() -> JsValue {
    as_js(JsChecker::new())
}

/// Evaluates a JS expression (inputs no JSON can describe: getters, cycles, proxies, BigInts).
fn js(expr: &str) -> JsValue {
    Function::new_no_args(&format!("return ({expr});"))
        .call0(&JsValue::NULL)
        .unwrap()
}

/// `target.method(...args)`, with what it throws as `Err`.
fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(target, &method.into())
        .unwrap()
        .dyn_into()
        .unwrap_or_else(|_| panic!("no method `{method}`"));
    f.apply(target, &args.iter().collect::<Array>())
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn get_str(v: &JsValue, key: &str) -> String {
    get(v, key)
        .as_string()
        .unwrap_or_else(|| panic!("`{key}` is not a string"))
}

fn stringify(v: &JsValue) -> String {
    JSON::stringify(v).unwrap().as_string().unwrap()
}

fn parse(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

fn listing(title: &str) -> JsValue {
    let l = Object::new();
    Reflect::set(&l, &"id".into(), &"m1".into()).unwrap();
    Reflect::set(&l, &"title".into(), &title.into()).unwrap();
    l.into()
}

const CLAIM: &str = r#"{"order_id":"A-1","signed_at":"2024-03-01T18:00:00+09:00",
    "incident":"damaged","cause":"courier_mishandling",
    "evidence":["unboxing_video","carrier_proof","packaging_kept"],
    "items":[{"id":"1","class":"ordinary","condition":"new"}]}"#;

/// 2024-03-03T15:00:00Z, within the window of `CLAIM`.
const NOW_MS: f64 = 1_709_478_000_000.0;

/// The thrown value is a real `Error` named `AftersalesError` with own `code` and `path`;
/// returns them.
fn thrown(result: Result<JsValue, JsValue>) -> (String, String) {
    let e = match result {
        Ok(v) => panic!("expected an error, got {}", stringify(&v)),
        Err(e) => e,
    };
    assert!(e.is_instance_of::<js_sys::Error>(), "not an Error: {e:?}");
    assert_eq!(get_str(&e, "name"), "AftersalesError");
    assert!(
        has_own(&e, "code") && has_own(&e, "path"),
        "code and path are own properties"
    );
    let code = get_str(&e, "code");
    let path = get_str(&e, "path");
    let message = get_str(&e, "message");
    assert!(
        message.starts_with(&code),
        "message `{message}` starts with its code"
    );
    (code, path)
}

/// The checker still answers a listing and a claim, and still takes a policy.
fn still_answers(c: &JsValue) {
    let s = call(c, "screen", &[listing("江戸切子 グラス")]).unwrap();
    assert_eq!(get(&s, "fragile"), JsValue::TRUE);
    let v = call(c, "judge", &[parse(CLAIM), NOW_MS.into()]).unwrap();
    assert_eq!(get_str(&v, "outcome"), "eligible");
    call(c, "addPolicy", &[shipped_policy()]).unwrap();
}

#[wasm_bindgen_test]
fn info_names_the_shipped_policy_the_locales_and_the_limits() {
    let info = call(&checker(), "info", &[]).unwrap();
    let policies: Array = get(&info, "policies").dyn_into().unwrap();
    assert_eq!(policies.length(), 1);
    let p = policies.get(0);
    assert_eq!(get_str(&p, "id"), "doorzo-after-sales");
    assert!(get_str(&p, "hash").starts_with("sha256:"));
    assert_eq!(get_str(&p, "effectiveFrom").len(), "2023-01-01".len());
    assert_eq!(
        stringify(&get(&info, "locales")),
        r#"["en","ja","ru","zh-CN"]"#
    );
    let limits = get(&info, "limits");
    assert_eq!(
        get(&limits, "maxBatchListings").as_f64(),
        Some(aftersales::limits::MAX_BATCH_LISTINGS as f64)
    );
    assert_eq!(
        get(&limits, "maxTitleBytes").as_f64(),
        Some(aftersales::limits::MAX_TITLE_BYTES as f64)
    );
}

#[wasm_bindgen_test]
fn screen_flags_a_fragile_title_with_a_utf16_span_into_the_title() {
    let title = "🍷【美品】江戸切子 ｸﾞﾗｽ 2個セット";
    let s = call(&checker(), "screen", &[listing(title)]).unwrap();
    assert!(is_plain_object(&s), "a plain object, not a Map");
    assert_eq!(get_str(&s, "class"), "fragile");
    assert_eq!(get(&s, "fragile"), JsValue::TRUE);
    let findings: Array = get(&s, "findings").dyn_into().unwrap();
    let mut texts = Vec::new();
    for f in findings.iter() {
        let (start, end) = (
            get(&f, "start").as_f64().unwrap() as u32,
            get(&f, "end").as_f64().unwrap() as u32,
        );
        let sliced = js_sys::JsString::from(title).slice(start, end);
        assert_eq!(
            String::from(sliced),
            get_str(&f, "text"),
            "span of {start}..{end}"
        );
        texts.push(get_str(&f, "text"));
    }
    assert!(texts.iter().any(|t| t == "ｸﾞﾗｽ"), "{texts:?}");
}

#[wasm_bindgen_test]
fn screen_negotiates_the_page_language_to_a_supported_locale() {
    let c = checker();
    let l = listing("江戸切子 グラス");
    let message = |locale: Option<&str>| {
        let mut args = vec![l.clone()];
        args.extend(locale.map(JsValue::from));
        let s = call(&c, "screen", &args).unwrap();
        let flags: Array = get(&s, "flags").dyn_into().unwrap();
        get_str(&flags.get(0), "message")
    };
    let en = message(None);
    assert_eq!(message(Some("en-GB")), en);
    assert_eq!(
        message(Some("fr")),
        en,
        "unsupported tags fall back to English"
    );
    assert_ne!(message(Some("ja-JP")), en);
    assert_eq!(message(Some("zh-Hant-TW")), message(Some("zh-CN")));
    assert_ne!(message(Some("ru")), en);
}

#[wasm_bindgen_test]
fn screen_batch_answers_one_screening_per_listing_in_order() {
    let page: Array = (0..120)
        .map(|i| {
            listing(if i % 2 == 0 {
                "ワイングラス"
            } else {
                "Tシャツ"
            })
        })
        .collect();
    let out: Array = call(&checker(), "screenBatch", &[page.into(), "ja".into()])
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(Array::is_array(&out));
    assert_eq!(out.length(), 120);
    for (i, s) in out.iter().enumerate() {
        assert_eq!(
            get(&s, "fragile").as_bool(),
            Some(i % 2 == 0),
            "listing {i}"
        );
    }
}

#[wasm_bindgen_test]
fn screen_codes_answers_screen_batch_without_texts_which_the_messages_table_words() {
    let page: Array = ["江戸切子 グラス", "CD アルバム 帯付き", "Tシャツ"]
        .iter()
        .map(|t| listing(t))
        .collect();
    let c = checker();
    let codes = call(&c, "screenCodes", &[page.clone().into()]).unwrap();
    let full = call(&c, "screenBatch", &[page.into(), "ja".into()]).unwrap();
    let text = stringify(&codes);
    assert!(!text.contains("\"message\""), "{text}");
    // Worded from `messages("ja")` by the keys the d.ts names, it is `screenBatch`'s answer.
    let table = call(&c, "messages", &["ja".into()]).unwrap();
    let worded = js("(s, t) => { for (const x of s) { \
           for (const f of x.flags) f.message = t[`class.${f.class}`]; \
           for (const n of x.notices) n.message = t[`notice.${n.notice}`]; } return s; }")
    .dyn_into::<js_sys::Function>()
    .unwrap()
    .call2(&JsValue::NULL, &codes, &table)
    .unwrap();
    assert_eq!(stringify(&worded), stringify(&full));
    // A bad listing is refused the same way, with its index.
    let bad: Array = [listing("ok"), parse(r#"{"id":"x"}"#)].iter().collect();
    let (code, path) = thrown(call(&c, "screenCodes", &[bad.into()]));
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("missing_field", "[1].title")
    );
    still_answers(&c);
}

#[wasm_bindgen_test]
fn judge_takes_now_as_date_now_milliseconds() {
    let v = call(
        &checker(),
        "judge",
        &[parse(CLAIM), NOW_MS.into(), "en".into()],
    )
    .unwrap();
    assert!(is_plain_object(&v));
    assert_eq!(get_str(&v, "outcome"), "eligible");
    let audit = get(&v, "audit");
    assert_eq!(get_str(&audit, "judged_at"), "2024-03-03T15:00:00.000Z");
    assert_eq!(get_str(&audit, "locale"), "en");
    let window = get(&v, "window");
    assert_eq!(get(&window, "open_now"), JsValue::TRUE);
    let deadline_ms = get(&window, "deadline_ms").as_f64().unwrap();
    let remaining = get(&window, "remaining_ms").as_f64().unwrap();
    assert_eq!(
        deadline_ms - NOW_MS,
        remaining,
        "remaining is counted from now"
    );
}

#[wasm_bindgen_test]
fn judge_hashes_the_claim_only_when_asked_and_judge_codes_is_judge_without_texts() {
    let c = checker();
    let args = |extra: &[JsValue]| -> Vec<JsValue> {
        let mut a = vec![parse(CLAIM), NOW_MS.into()];
        a.extend_from_slice(extra);
        a
    };
    let plain = call(&c, "judge", &args(&["ja".into()])).unwrap();
    assert!(!has_own(&get(&plain, "audit"), "input_hash"));
    let asked = js("({ inputHash: true })");
    let hashed = call(&c, "judge", &args(&["ja".into(), asked.clone()])).unwrap();
    let hash = get_str(&get(&hashed, "audit"), "input_hash");
    assert!(hash.starts_with("sha256:") && hash.len() == 71, "{hash}");
    let codes = call(&c, "judgeCodes", &args(&[])).unwrap();
    let text = stringify(&codes);
    for texts in ["\"message", "\"summary", "\"locale", "input_hash"] {
        assert!(!text.contains(texts), "{text}");
    }
    let codes_hashed = call(&c, "judgeCodes", &args(&[asked])).unwrap();
    assert_eq!(get_str(&get(&codes_hashed, "audit"), "input_hash"), hash);
    // Worded from `messages("ja")` by the keys the d.ts names, it is `judge`'s answer.
    let table = call(&c, "messages", &["ja".into()]).unwrap();
    let worded = js("(v, t) => { \
           const r = (x) => { x.message = t[`reason.${x.code}`]; }; \
           const out = { order_id: v.order_id, outcome: v.outcome, summary: t[`outcome.${v.outcome}`] }; \
           v.reasons.forEach(r); v.items.forEach((i) => i.reasons.forEach(r)); \
           for (const m of v.missing_evidence) { \
             const { any_of, clause } = m; Object.keys(m).forEach((k) => delete m[k]); \
             Object.assign(m, { any_of, messages: any_of.map((e) => t[`evidence.${e}`]), clause }); } \
           for (const s of v.next_steps) { \
             const { step, urgent, clause } = s; Object.keys(s).forEach((k) => delete s[k]); \
             Object.assign(s, { step, urgent, message: t[`next_step.${step}`], clause }); } \
           const { order_id, outcome, ...rest } = v; \
           return { ...out, ...rest, audit: { ...v.audit, locale: 'ja' } }; }")
    .dyn_into::<js_sys::Function>()
    .unwrap()
    .call2(&JsValue::NULL, &codes, &table)
    .unwrap();
    assert_eq!(stringify(&worded), stringify(&plain));
    still_answers(&c);
}

#[wasm_bindgen_test]
fn judge_after_the_window_is_ineligible_not_an_error() {
    let six_days_later = NOW_MS + 6.0 * 86_400_000.0;
    let v = call(&checker(), "judge", &[parse(CLAIM), six_days_later.into()]).unwrap();
    assert_eq!(get_str(&v, "outcome"), "ineligible");
    let reasons: Array = get(&v, "reasons").dyn_into().unwrap();
    assert_eq!(get_str(&reasons.get(0), "code"), "window_closed");
}

#[wasm_bindgen_test]
fn messages_cover_the_same_keys_in_all_four_locales() {
    let c = checker();
    let en = call(&c, "messages", &[]).unwrap();
    assert!(is_plain_object(&en));
    let keys = keys_of(&en);
    assert!(keys.length() > 20);
    let window_closed = get_str(&en, "reason.window_closed");
    for locale in ["ja", "ru", "zh-CN"] {
        let m = call(&c, "messages", &[locale.into()]).unwrap();
        assert_eq!(stringify(&keys_of(&m)), stringify(&keys), "{locale}");
        assert_ne!(
            get_str(&m, "reason.window_closed"),
            window_closed,
            "{locale}"
        );
    }
}

#[wasm_bindgen_test]
fn with_policy_and_add_policy_take_a_compiled_policy_and_refuse_a_broken_one() {
    use aftersales::policy::{compiled, document::PolicyDocument};
    use sha2::{Digest, Sha256};
    let class = get(&checker(), "constructor");
    let c = call(&class, "withPolicy", &[shipped_policy()]).unwrap();
    still_answers(&c);
    // What `await response.arrayBuffer()` gives is taken too.
    let buffer = js_sys::Uint8Array::from(aftersales::policy::SHIPPED_COMPILED).buffer();
    call(&c, "addPolicy", &[buffer.into()]).unwrap();

    // A file that reads well but breaks a rule: refused by the validator, at the field.
    let mut doc: PolicyDocument = serde_json::from_str(aftersales::policy::SHIPPED_JSON).unwrap();
    doc.claims.window.days_after_signing = 0;
    let hash = format!("sha256:{}", "0".repeat(64));
    let invalid = compiled::write(&hash, &doc, |b| Sha256::digest(b).into()).unwrap();
    let invalid: JsValue = js_sys::Uint8Array::from(invalid.as_slice()).into();
    assert_eq!(
        thrown(call(&class, "withPolicy", std::slice::from_ref(&invalid))),
        (
            "invalid_policy".into(),
            "claims.window.days_after_signing".into()
        )
    );
    assert_eq!(
        thrown(call(&c, "addPolicy", &[invalid])).0,
        "invalid_policy"
    );

    // A damaged file: refused by its checksum.
    let mut damaged = aftersales::policy::SHIPPED_COMPILED.to_vec();
    damaged[1000] ^= 0x20;
    assert_eq!(
        thrown(call(
            &c,
            "addPolicy",
            &[js_sys::Uint8Array::from(damaged.as_slice()).into()]
        )),
        ("invalid_policy".into(), "".into())
    );
    // JSON text is compiled ahead, not in the page; anything else is the wrong type.
    for wrong in [
        JsValue::from(aftersales::policy::SHIPPED_JSON),
        42.into(),
        js("[1, 2, 3]"),
    ] {
        assert_eq!(
            thrown(call(&class, "withPolicy", &[wrong])),
            ("invalid_type".into(), "".into())
        );
    }
    let huge = js_sys::Uint8Array::new_with_length(aftersales::limits::MAX_POLICY_BYTES as u32 + 1);
    assert_eq!(
        thrown(call(&c, "addPolicy", &[huge.into()])).0,
        "invalid_policy"
    );
    still_answers(&c);
}

/// One class of bad input: the call, its arguments as a JS expression, the code and path.
struct Bad {
    method: &'static str,
    args: &'static str,
    code: &'static str,
    path: &'static str,
}

const CLAIM_JS: &str = r#"({order_id:"A-1",signed_at:"2024-03-01T18:00:00+09:00",incident:"damaged",cause:"unknown",items:[{id:"1",class:"ordinary",condition:"new"}]})"#;

fn bad_inputs() -> Vec<Bad> {
    let b = |method, args, code, path| Bad {
        method,
        args,
        code,
        path,
    };
    vec![
        b("screen", "[]", "invalid_type", ""),
        b("screen", "[undefined]", "invalid_type", ""),
        b("screen", "[null]", "invalid_type", ""),
        b("screen", "[5]", "invalid_type", ""),
        b("screen", r#"["glass"]"#, "invalid_type", ""),
        b("screen", "[() => 1]", "invalid_type", ""),
        b("screen", r#"[{id: "a"}]"#, "missing_field", "title"),
        b(
            "screen",
            r#"[{id: "a", title: 5}]"#,
            "invalid_type",
            "title",
        ),
        b(
            "screen",
            r#"[{id: "a", title: NaN}]"#,
            "invalid_type",
            "title",
        ),
        b(
            "screen",
            r#"[{id: "a", title: "t", category: "x"}]"#,
            "invalid_type",
            "category",
        ),
        b(
            "screen",
            r#"[{id: "a", title: "t", marketplace: "ebay"}]"#,
            "unknown_value",
            "marketplace",
        ),
        b(
            "screen",
            r#"[{id: "a", title: "t", colour: "red"}]"#,
            "unknown_field",
            "colour",
        ),
        b(
            "screen",
            r#"[{id: "a", title: "t", n: 10n}]"#,
            "invalid_value",
            "",
        ),
        b(
            "screen",
            r#"[(() => { const l = {id: "a", title: "t"}; l.self = l; return l; })()]"#,
            "invalid_value",
            "",
        ),
        b(
            "screen",
            r#"[{id: "a", get title() { throw new Error("boom"); }}]"#,
            "invalid_value",
            "",
        ),
        b(
            "screen",
            r#"[new Proxy({}, {ownKeys() { throw new Error("trap"); }})]"#,
            "invalid_value",
            "",
        ),
        b(
            "screen",
            r#"[(() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })()]"#,
            "invalid_value",
            "",
        ),
        b("screenBatch", "[]", "invalid_type", ""),
        b(
            "screenBatch",
            r#"[{id: "a", title: "t"}]"#,
            "invalid_type",
            "",
        ),
        b(
            "screenBatch",
            r#"[new Set([{id: "a", title: "t"}])]"#,
            "invalid_type",
            "",
        ),
        b(
            "screenBatch",
            r#"[[{id: "a", title: "t"}, {id: "b", title: "t"}, {id: "c"}]]"#,
            "missing_field",
            "[2].title",
        ),
        b(
            "screenBatch",
            r#"[[{id: "a", title: "t"}, , {id: "c", title: "t"}]]"#,
            "invalid_type",
            "[1]",
        ),
        b(
            "screenBatch",
            r#"[[{id: "a", title: "t"}, {id: "b", get title() { throw new Error("boom"); }}]]"#,
            "invalid_value",
            "[1]",
        ),
        b(
            "screenBatch",
            r#"[(() => { const a = [{id: "a", title: "t"}]; Object.defineProperty(a, 0, {get() { throw new Error("boom"); }}); return a; })()]"#,
            "invalid_value",
            "[0]",
        ),
        // Past the first chunk of 32 listings: the index is still the element's own.
        b(
            "screenBatch",
            r#"[Array.from({length: 70}, (_, i) => i === 65 ? {id: "c"} : {id: "a", title: "t"})]"#,
            "missing_field",
            "[65].title",
        ),
        b(
            "screenBatch",
            r#"[Array.from({length: 70}, (_, i) => i === 45 ? {id: "b", get title() { throw new Error("boom"); }} : {id: "a", title: "t"})]"#,
            "invalid_value",
            "[45]",
        ),
        b(
            "screenBatch",
            r#"[Array.from({length: 70}, (_, i) => { const l = {id: "a", title: "t"}; if (i === 33) l.self = l; return l; })]"#,
            "invalid_value",
            "[33]",
        ),
        b(
            "screenBatch",
            r#"[Array.from({length: 70}, (_, i) => i === 64 ? {id: "a", title: "t", n: 1n} : {id: "a", title: "t"})]"#,
            "invalid_value",
            "[64]",
        ),
        b("judge", "[]", "invalid_type", "now"),
        b(
            "judge",
            leak(format!("[{CLAIM_JS}]")),
            "invalid_type",
            "now",
        ),
        b(
            "judge",
            leak(format!("[{CLAIM_JS}, NaN]")),
            "invalid_value",
            "now",
        ),
        b(
            "judge",
            leak(format!("[{CLAIM_JS}, Infinity]")),
            "invalid_value",
            "now",
        ),
        b(
            "judge",
            leak(format!("[{CLAIM_JS}, -Infinity]")),
            "invalid_value",
            "now",
        ),
        b(
            "judge",
            leak(format!("[{CLAIM_JS}, \"2024-03-03\"]")),
            "invalid_type",
            "now",
        ),
        b(
            "judge",
            leak(format!("[{CLAIM_JS}, new Date(1709478000000)]")),
            "invalid_type",
            "now",
        ),
        b(
            "judge",
            leak(format!("[{CLAIM_JS}, 1e300]")),
            "invalid_value",
            "now",
        ),
        b(
            "judge",
            leak(format!("[{CLAIM_JS}, 8640000000000001]")),
            "invalid_value",
            "now",
        ),
        b("judge", "[undefined, 1709478000000]", "invalid_type", ""),
        b(
            "judge",
            leak(format!(
                r#"[{CLAIM_JS}, 1709478000000, "en", {{inputhash: true}}]"#
            )),
            "unknown_field",
            "options",
        ),
        b(
            "judge",
            leak(format!(
                r#"[{CLAIM_JS}, 1709478000000, "en", {{inputHash: "yes"}}]"#
            )),
            "invalid_type",
            "options.inputHash",
        ),
        b(
            "judge",
            leak(format!(r#"[{CLAIM_JS}, 1709478000000, "en", true]"#)),
            "invalid_type",
            "options",
        ),
        b(
            "judgeCodes",
            leak(format!(
                r#"[{CLAIM_JS}, 1709478000000, {{get inputHash() {{ throw new Error("boom"); }}}}]"#
            )),
            "invalid_value",
            "options",
        ),
        b(
            "judgeCodes",
            leak(format!(
                r#"[{CLAIM_JS}, 1709478000000, new Proxy({{}}, {{ownKeys() {{ throw new Error("trap"); }}}})]"#
            )),
            "invalid_value",
            "options",
        ),
        b(
            "judgeCodes",
            r#"[{order_id: "A-1"}, 1709478000000]"#,
            "missing_field",
            "signed_at",
        ),
        b(
            "judge",
            r#"[{order_id: "A-1"}, 1709478000000]"#,
            "missing_field",
            "signed_at",
        ),
        b(
            "judge",
            r#"[{order_id: "A-1", signed_at: "2024-03-01T18:00:00+09:00", incident: "damaged", cause: "unknown", items: [{id: "1", class: "ordinary", condition: "new"}, {id: "2", class: "ordinary"}]}, 1709478000000]"#,
            "missing_field",
            "items[1].condition",
        ),
        b(
            "judge",
            r#"[{order_id: "A-1", signed_at: "2024-03-01T18:00:00", incident: "damaged", cause: "unknown", items: [{id: "1", class: "ordinary", condition: "new"}]}, 1709478000000]"#,
            "timestamp_without_offset",
            "signed_at",
        ),
        b(
            "judge",
            r#"[{order_id: "A-1", signed_at: "yesterday", incident: "damaged", cause: "unknown", items: [{id: "1", class: "ordinary", condition: "new"}]}, 1709478000000]"#,
            "invalid_timestamp",
            "signed_at",
        ),
        b(
            "judge",
            r#"[{order_id: "A-1", signed_at: "2024-03-01T18:00:00+09:00", incident: "damaged", cause: "unknown", items: [{id: "1", class: "ordinary", condition: "new"}]}, 0]"#,
            "timestamp_order",
            "signed_at",
        ),
    ]
}

/// A `&'static str` for the table (a handful of strings, once per test run).
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

#[wasm_bindgen_test]
fn every_class_of_bad_input_throws_an_aftersales_error_and_the_module_keeps_answering() {
    let c = checker();
    for bad in bad_inputs() {
        let args: Array = js(bad.args).dyn_into().unwrap();
        let args: Vec<JsValue> = args.iter().collect();
        let (code, path) = thrown(call(&c, bad.method, &args));
        assert_eq!(
            (code.as_str(), path.as_str()),
            (bad.code, bad.path),
            "{}({})",
            bad.method,
            bad.args
        );
        still_answers(&c);
    }
}

#[wasm_bindgen_test]
fn a_batch_over_the_limit_is_refused_before_any_listing_is_read() {
    let c = checker();
    // Every element would throw if read: the length alone must refuse the batch.
    let page = js("(() => { const a = new Array(100000); \
         for (let i = 0; i < a.length; i++) Object.defineProperty(a, i, { get() { throw new Error('read'); } }); \
         return a; })()");
    let (code, path) = thrown(call(&c, "screenBatch", &[page]));
    assert_eq!((code.as_str(), path.as_str()), ("too_large", ""));
    let just_over = js(&format!(
        "Array({}).fill({{id: 'a', title: 'glass'}})",
        aftersales::limits::MAX_BATCH_LISTINGS + 1
    ));
    assert_eq!(thrown(call(&c, "screenBatch", &[just_over])).0, "too_large");
    still_answers(&c);
}

#[wasm_bindgen_test]
fn a_batch_reads_each_element_of_the_page_array_once() {
    let page = js("(() => { const a = []; let reads = 0; \
         for (let i = 0; i < 70; i++) Object.defineProperty(a, i, \
           { enumerable: true, get() { reads++; return { id: 'm' + i, title: 'ワイングラス' }; } }); \
         return { a, reads: () => reads }; })()");
    let out: Array = call(&checker(), "screenBatch", &[get(&page, "a")])
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(out.length(), 70);
    assert_eq!(get_str(&out.get(69), "id"), "m69");
    let reads = call(&page, "reads", &[]).unwrap();
    assert_eq!(reads.as_f64(), Some(70.0));
}

#[wasm_bindgen_test]
fn a_page_sharing_one_big_unknown_field_is_refused_without_writing_it_all() {
    let c = checker();
    // 10,000 listings × 1 MiB would be 10 GB of JSON; the running size stops it at the 16th
    // (16 MiB of input), after at most one chunk of 32 written past it.
    let page = js("(() => { const x = 'x'.repeat(1 << 20); \
         return Array(10000).fill({ id: 'a', title: 't', extra: x }); })()");
    assert_eq!(
        thrown(call(&c, "screenBatch", &[page])),
        ("too_large".into(), "[15]".into())
    );
    still_answers(&c);
}

#[wasm_bindgen_test]
fn a_ten_megabyte_title_or_description_is_refused_by_name() {
    let c = checker();
    let ten_mb = js("'x'.repeat(10 * 1024 * 1024)");
    let l = listing("t");
    Reflect::set(&l, &"title".into(), &ten_mb).unwrap();
    assert_eq!(
        thrown(call(&c, "screen", std::slice::from_ref(&l))),
        ("too_large".into(), "title".into())
    );
    // The same 10 MB string shared by every listing of a page is refused at the first.
    let page = js("(() => { const t = 'x'.repeat(10 * 1024 * 1024); \
         return Array(10000).fill({ id: 'a', title: t }); })()");
    assert_eq!(
        thrown(call(&c, "screenBatch", &[page])),
        ("too_large".into(), "[0].title".into())
    );
    let l = listing("t");
    Reflect::set(&l, &"description".into(), &ten_mb).unwrap();
    assert_eq!(
        thrown(call(&c, "screen", &[l])),
        ("too_large".into(), "description".into())
    );
    // Just over by bytes, not by characters: the core counts the UTF-8 bytes exactly.
    let l = listing(&"ガラス".repeat(500));
    assert_eq!(
        thrown(call(&c, "screen", &[l])),
        ("too_large".into(), "title".into())
    );
    still_answers(&c);
}

#[wasm_bindgen_test]
fn a_claim_with_too_many_items_or_a_huge_input_is_refused() {
    let c = checker();
    let claim = |items: usize| {
        js(&format!(
            "{{order_id: 'A', signed_at: '2024-03-01T18:00:00+09:00', incident: 'damaged', \
             cause: 'unknown', items: Array({items}).fill({{id: '1', class: 'ordinary', condition: 'new'}})}}"
        ))
    };
    let over = aftersales::limits::MAX_CLAIM_ITEMS + 1;
    assert_eq!(
        thrown(call(&c, "judge", &[claim(over), NOW_MS.into()])),
        ("too_large".into(), "items".into())
    );
    assert_eq!(
        thrown(call(&c, "judge", &[claim(100_000), NOW_MS.into()])),
        ("too_large".into(), "items".into())
    );
    // 20 MB of JSON in a field no limit names: refused by the size of the whole input.
    let huge = js("{id: 'a', title: 't', category: Array(2000).fill('x'.repeat(10000))}");
    assert_eq!(
        thrown(call(&c, "screen", &[huge])),
        ("too_large".into(), "".into())
    );
    still_answers(&c);
}

#[wasm_bindgen_test]
fn the_module_answers_the_parity_cases_as_the_native_core_does() {
    let parity = parse(PARITY);
    let c = checker();
    let info = call(&c, "info", &[]).unwrap();
    let policies: Array = get(&info, "policies").dyn_into().unwrap();
    assert_eq!(
        get_str(&policies.get(0), "hash"),
        get_str(&parity, "policy_hash"),
        "target/parity/native.json was written for another policy: rerun .ci/test-wasm"
    );
    let cases: Array = get(&parity, "cases").dyn_into().unwrap();
    assert!(cases.length() > 0);
    for case in cases.iter() {
        let name = get_str(&case, "name");
        let method = get_str(&case, "method");
        let mut args = vec![parse(&get_str(&case, "input"))];
        if method == "judge" {
            args.push(get(&case, "now_ms"));
        }
        let locale = get(&case, "locale");
        if !locale.is_null() {
            args.push(locale);
        }
        let got = match call(&c, &method, &args) {
            Ok(v) => stringify(&v),
            Err(e) => {
                thrown(Err(e.clone()));
                let error = Object::new();
                for key in ["code", "path", "message"] {
                    Reflect::set(&error, &key.into(), &get(&e, key)).unwrap();
                }
                let wrapped = Object::new();
                Reflect::set(&wrapped, &"error".into(), &error).unwrap();
                stringify(&wrapped)
            }
        };
        assert_eq!(got, get_str(&case, "expected"), "{name}");
    }
}
