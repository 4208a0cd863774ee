// The JS-side types of the `aftersales` WebAssembly module.
//
// Source of truth: the Rust serde types in src/screen, src/claim, src/policy/vocabulary.rs and
// the boundary structs in src/wasm.rs. This file is hand-kept and pasted into the generated
// `pkg/*/aftersales.d.ts` by `#[wasm_bindgen(typescript_custom_section)]`. Three checks keep it
// honest: tests/dts_vocabulary.rs compares every string union below with the Rust enum's wire
// names; tests/types/usage.ts, compiled by `tsc --strict`, uses every call and every field, and
// when run under Node it checks that the real outputs carry exactly the keys declared here.

/** A supported locale. */
export type Locale = "en" | "ja" | "ru" | "zh-CN";
/** Any BCP 47 tag (`ja-JP`, `zh-Hant-TW`); negotiated to the nearest {@link Locale}, else `en`. */
export type LocaleTag = Locale | (string & {});

/** RFC 3339 with a UTC offset, e.g. `2024-03-01T18:00:00+09:00`. */
export type Timestamp = string;

export type Incident =
  | "damaged"
  | "lost_in_transit"
  | "missing_items"
  | "lost_by_unpacking"
  | "condition_complaint";
export type Cause =
  | "improper_handling"
  | "courier_mishandling"
  | "customs_inspection"
  | "unknown"
  | "second_hand_wear"
  | "unsealed_or_resealed";
export type Evidence =
  | "opened_package_photos"
  | "unboxing_video"
  | "carrier_proof"
  | "packaging_kept"
  | "documents_kept";
export type ItemClass = "ordinary" | "fragile" | "cd_dvd_bd" | "paper_product";
export type Condition = "new" | "second_hand";
export type DamageScope =
  | "main_body"
  | "cd_case"
  | "paper"
  | "outer_box"
  | "missing"
  | "scratches_wear"
  | "unsealed";
export type Outcome = "eligible" | "partially_eligible" | "incomplete" | "ineligible";
export type ReasonCode =
  | "covered"
  | "evidence_missing"
  | "window_closed"
  | "documentation_incomplete"
  | "fragile_item"
  | "non_compensable_part"
  | "not_a_defect"
  | "cause_not_covered";
export type NextStep =
  | "get_carrier_proof"
  | "contact_carrier_or_customs_now"
  | "send_to_customer_service"
  | "keep_packaging"
  | "keep_documents"
  | "await_carrier_decision";
export type Notice = "second_hand_wear" | "may_be_unsealed" | "outer_box_not_compensable";
export type Marketplace =
  | "mercari"
  | "rakuma"
  | "rakuten"
  | "yahoo_shopping"
  | "yahoo_auctions"
  | "amazon_jp"
  | "surugaya"
  | "sofmap"
  | "amiami"
  | "paypay_flea"
  | "other";
/**
 * What a flag rests on, strongest first: the marketplace category, a statement of the item's
 * kind or material (in the title, or after 材質 / "made of" in the description), or a weaker
 * hint (a brand whose material is only implied): word a `hint` as "may be", not as a verdict.
 */
export type Basis = "category" | "statement" | "hint";
/** Which part of a listing a finding is in, or what decided a flag. */
export type Field = "title" | "description" | "category";

/** A listing as the storefront shows it (input of `screen` / `screenBatch`). */
export interface Listing {
  id: string;
  title: string;
  description?: string | null;
  /** Marketplace category path, root first. */
  category?: string[];
  /** The marketplace's code of the leaf category (a Rakuten genre id, an Amazon browse node…),
   * read in `marketplace`'s taxonomy; matches a rule's code exactly or a prefix it writes as `001*`. */
  category_code?: string | null;
  marketplace?: Marketplace | null;
  condition?: Condition | null;
}

/** One item of a claim. */
export interface ClaimItem {
  id: string;
  class: ItemClass;
  condition: Condition;
  /** The incident's default when absent (`missing` for losses). */
  damage?: DamageScope | null;
}

/** A damage or loss claim (input of `judge`). */
export interface Claim {
  order_id: string;
  /** Picks the policy in force; defaults to `signed_at`. */
  ordered_at?: Timestamp | null;
  signed_at: Timestamp;
  /** Defaults to `now`. */
  reported_at?: Timestamp | null;
  incident: Incident;
  cause: Cause;
  evidence?: Evidence[];
  items: ClaimItem[];
}

export interface Finding {
  class: ItemClass;
  field: Field;
  /** The policy term, as written in the policy document. */
  term: string;
  /** The text it matched, as written in the listing. */
  text: string;
  /** UTF-16 offsets into the field: `title.slice(start, end)`. */
  start: number;
  end: number;
}

export interface Flag {
  class: ItemClass;
  decided_by: Field;
  /** What the flag rests on: `"hint"` is a guess (word it "may be…", as the badge does);
   * `message` is the class's own text either way. */
  basis: Basis;
  rule: string;
  clause: string;
  message: string;
}

export interface NoticeItem {
  notice: Notice;
  clause: string;
  message: string;
}

/** The answer for one listing. */
export interface Screening {
  id: string;
  class: ItemClass;
  /** True for any fragile flag, a hint's too: read `flags[i].basis` before wording it as sure. */
  fragile: boolean;
  /** True for any CD/DVD/BD or paper-product flag, a hint's too. */
  non_compensable: boolean;
  flags: Flag[];
  findings: Finding[];
  findings_omitted: number;
  notices: NoticeItem[];
}

/** A {@link Flag} without its text (`screenCodes`): word it with `messages[`class.${flag.class}`]`. */
export type FlagCode = Omit<Flag, "message">;

/** A {@link NoticeItem} without its text: word it with `messages[`notice.${item.notice}`]`. */
export type NoticeCode = Omit<NoticeItem, "message">;

/**
 * The answer for one listing from `screenCodes`: a {@link Screening} without the texts, which a
 * page takes from `checker.messages(locale)` (fetched once per locale) instead of receiving
 * them in every answer; everything else is as `screenBatch` answers.
 */
export interface ScreeningCodes extends Omit<Screening, "flags" | "notices"> {
  flags: FlagCode[];
  notices: NoticeCode[];
}

export interface Reason {
  code: ReasonCode;
  rule: string;
  clause: string;
  message: string;
}

export interface ItemVerdict {
  id: string;
  outcome: Outcome;
  damage: DamageScope;
  reasons: Reason[];
}

/** Evidence still missing: any one of `any_of` would do. */
export interface MissingEvidence {
  any_of: Evidence[];
  messages: string[];
  /** The clause of the policy text that asks for it. */
  clause: string;
}

export interface WindowStatus {
  deadline: Timestamp;
  deadline_ms: number;
  reported_in_time: boolean;
  open_now: boolean;
  remaining_ms: number;
  /** The clause of the policy text that sets the window. */
  clause: string;
}

export interface Step {
  step: NextStep;
  urgent: boolean;
  message: string;
  /** The clause of the policy text behind it. */
  clause: string;
}

export interface Audit {
  policy_id: string;
  policy_version: string;
  policy_hash: string;
  /** `sha256:` and the hex digest of the claim's canonical JSON: only when asked for with
   * `{ inputHash: true }`. */
  input_hash?: string;
  judged_at: Timestamp;
  locale: Locale;
}

/** The answer to a claim. */
export interface Verdict {
  order_id: string;
  outcome: Outcome;
  summary: string;
  reasons: Reason[];
  items: ItemVerdict[];
  missing_evidence: MissingEvidence[];
  window: WindowStatus;
  next_steps: Step[];
  audit: Audit;
}

/** What a `judge` or `judgeCodes` call asks for beyond the decision. */
export interface JudgeOptions {
  /** Put the claim's SHA-256 in `audit.input_hash` (for a service that stores verdicts). */
  inputHash?: boolean;
}

/** A {@link Reason} without its text: word it with `messages[`reason.${reason.code}`]`. */
export type ReasonCodeItem = Omit<Reason, "message">;

/** A {@link Step} without its text: word it with `messages[`next_step.${step.step}`]`. */
export type StepCode = Omit<Step, "message">;

/**
 * The answer to a claim from `judgeCodes`: a {@link Verdict} without its texts (no `summary`,
 * no reason or step `message`, no evidence `messages`, no `audit.locale`), which a page words
 * from `checker.messages(locale)`, fetched once per locale: `outcome.${outcome}`,
 * `reason.${code}`, `evidence.${kind}`, `next_step.${step}`. Everything else is as `judge`
 * answers.
 */
export interface VerdictCodes
  extends Omit<Verdict, "summary" | "reasons" | "items" | "missing_evidence" | "next_steps" | "audit"> {
  reasons: ReasonCodeItem[];
  items: (Omit<ItemVerdict, "reasons"> & { reasons: ReasonCodeItem[] })[];
  missing_evidence: Omit<MissingEvidence, "messages">[];
  next_steps: StepCode[];
  audit: Omit<Audit, "locale">;
}

export interface PolicyInfo {
  id: string;
  version: string;
  /** `sha256:` and the hex digest of the policy's canonical JSON. */
  hash: string;
  /** `YYYY-MM-DD`: the first order date the policy applies to. */
  effectiveFrom: string;
}

/** The enforced size limits; inputs over them throw an `AftersalesError` with code `too_large`. */
export interface Limits {
  maxIdBytes: number;
  maxTitleBytes: number;
  maxDescriptionBytes: number;
  maxCategoryDepth: number;
  maxCategoryBytes: number;
  maxBatchListings: number;
  maxClaimItems: number;
  maxEvidence: number;
  maxPolicyBytes: number;
  /** Largest single listing or claim, as JSON. */
  maxInputBytes: number;
  maxFindingsPerField: number;
}

export interface Info {
  /** The module's version: the crate's and the npm package's (`aftersales@<version>`). */
  version: string;
  /** Oldest first; listings are screened under the last one; each names its own version. */
  policies: PolicyInfo[];
  locales: Locale[];
  limits: Limits;
}

/** Every message of the newest policy in one locale, by key (`reason.window_closed`, …). */
export type Messages = Record<string, string>;

export type ErrorCode =
  | "invalid_json"
  | "missing_field"
  | "unknown_field"
  | "unknown_value"
  | "invalid_type"
  | "invalid_value"
  | "invalid_timestamp"
  | "timestamp_without_offset"
  | "timestamp_order"
  | "too_large"
  | "no_policy_in_force"
  | "invalid_policy";

/**
 * What every method throws on input it cannot judge: a real `Error` whose `name` is
 * `"AftersalesError"`. "Not eligible" is never an error; it is a {@link Verdict}.
 */
export interface AftersalesError extends Error {
  name: "AftersalesError";
  code: ErrorCode;
  /** The offending field, e.g. `items[1].signed_at`, `[3].title`; `""` for the whole input. */
  path: string;
}
