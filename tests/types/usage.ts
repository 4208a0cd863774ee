// A typed page's use of the module: every call and every output field of
// pkg/web-full/aftersales.d.ts (the storefront build, pkg/web, is the same without
// `withPolicy`/`addPolicy`; tests/node_parity.mjs checks its answers and that they are absent).
//
// Two checks in one file. `tsc --strict -p tests/types` compiles it against the generated .d.ts:
// a renamed method, a field the types lack, or a wrong argument type fails the build, and each
// `@ts-expect-error` line must stay an error (a wrong field name, a missing title, an unknown
// incident, a Date for `nowMs`). Then tests/types/run.mjs runs the compiled file under Node:
// each output must carry exactly the keys its interface declares — the key lists below are
// checked against the interfaces by the compiler (`exact`), and against the answers at run time.
import init, { Checker } from "../../pkg/web-full/aftersales.js";
import type {
  AftersalesError, Audit, Basis, Claim, ErrorCode, Finding, Flag, FlagCode, Info, ItemVerdict, Limits,
  Listing, Locale, Messages, MissingEvidence, NoticeCode, NoticeItem, PolicyInfo, Reason, Screening,
  ScreeningCodes, Step, Verdict, WindowStatus, JudgeOptions, VerdictCodes, ReasonCodeItem, StepCode,
} from "../../pkg/web-full/aftersales.js";

/** `keys` lists every key of `T` and nothing else, or the call does not compile. */
type Exact<T, K extends readonly (keyof T)[]> =
  [Exclude<keyof T, K[number]>] extends [never] ? K : { missing: Exclude<keyof T, K[number]> };
const exact = <T>() => <const K extends readonly (keyof T)[]>(keys: K & Exact<T, K>): K => keys;

const KEYS = {
  Screening: exact<Screening>()(["id", "class", "fragile", "non_compensable", "flags", "findings", "findings_omitted", "notices"]),
  Flag: exact<Flag>()(["class", "decided_by", "basis", "rule", "clause", "message"]),
  Finding: exact<Finding>()(["class", "field", "term", "text", "start", "end"]),
  NoticeItem: exact<NoticeItem>()(["notice", "clause", "message"]),
  ScreeningCodes: exact<ScreeningCodes>()(["id", "class", "fragile", "non_compensable", "flags", "findings", "findings_omitted", "notices"]),
  FlagCode: exact<FlagCode>()(["class", "decided_by", "basis", "rule", "clause"]),
  NoticeCode: exact<NoticeCode>()(["notice", "clause"]),
  Verdict: exact<Verdict>()(["order_id", "outcome", "summary", "reasons", "items", "missing_evidence", "window", "next_steps", "audit"]),
  Reason: exact<Reason>()(["code", "rule", "clause", "message"]),
  ItemVerdict: exact<ItemVerdict>()(["id", "outcome", "damage", "reasons"]),
  MissingEvidence: exact<MissingEvidence>()(["any_of", "messages", "clause"]),
  WindowStatus: exact<WindowStatus>()(["deadline", "deadline_ms", "reported_in_time", "open_now", "remaining_ms", "clause"]),
  Step: exact<Step>()(["step", "urgent", "message", "clause"]),
  Audit: exact<Audit>()(["policy_id", "policy_version", "policy_hash", "input_hash", "judged_at", "locale"]),
  VerdictCodes: exact<VerdictCodes>()(["order_id", "outcome", "reasons", "items", "missing_evidence", "window", "next_steps", "audit"]),
  ReasonCodeItem: exact<ReasonCodeItem>()(["code", "rule", "clause"]),
  MissingCode: exact<VerdictCodes["missing_evidence"][number]>()(["any_of", "clause"]),
  StepCode: exact<StepCode>()(["step", "urgent", "clause"]),
  AuditCode: exact<VerdictCodes["audit"]>()(["policy_id", "policy_version", "policy_hash", "input_hash", "judged_at"]),
  Info: exact<Info>()(["version", "policies", "locales", "limits"]),
  PolicyInfo: exact<PolicyInfo>()(["id", "version", "hash", "effectiveFrom"]),
  Limits: exact<Limits>()([
    "maxIdBytes", "maxTitleBytes", "maxDescriptionBytes", "maxCategoryDepth", "maxCategoryBytes",
    "maxBatchListings", "maxClaimItems", "maxEvidence", "maxPolicyBytes", "maxInputBytes",
    "maxFindingsPerField",
  ]),
} as const;

/** The page's own guard for what every method throws. */
function isAftersalesError(e: unknown): e is AftersalesError {
  return e instanceof Error && e.name === "AftersalesError";
}

export async function run(wasm: BufferSource, compiledPolicy: Uint8Array): Promise<string[]> {
  const problems: string[] = [];
  const shape = (what: keyof typeof KEYS, value: object): void => {
    if (Object.getPrototypeOf(value) !== Object.prototype) problems.push(`${what}: not a plain object`);
    const got = Object.keys(value).sort().join(",");
    const want = [...KEYS[what]].sort().join(",");
    if (got !== want) problems.push(`${what}: keys ${got}, declared ${want}`);
  };
  const each = <T extends object>(what: keyof typeof KEYS, list: readonly T[]): void => {
    if (list.length === 0) problems.push(`${what}: no sample to check`);
    list.forEach((v) => shape(what, v));
  };

  await init({ module_or_path: wasm });
  const checker = new Checker();

  const info: Info = checker.info();
  shape("Info", info);
  each("PolicyInfo", info.policies);
  shape("Limits", info.limits);
  const locales: Locale[] = info.locales;
  const maxBatch: number = info.limits.maxBatchListings;

  const listing: Listing = {
    id: "m1",
    title: "江戸切子 グラス 外箱付き",
    description: null,
    category: ["キッチン/日用品/その他", "食器"],
    marketplace: "mercari",
    condition: "second_hand",
  };
  const s: Screening = checker.screen(listing, "ja-JP");
  shape("Screening", s);
  each("Flag", s.flags);
  each("Finding", s.findings);
  each("NoticeItem", s.notices);
  const fragile: boolean = s.fragile;
  const span: [number, number] | undefined = s.findings[0] && [s.findings[0].start, s.findings[0].end];
  if (!fragile || span === undefined) problems.push("screen: the glass was not flagged");
  const basis: Basis | undefined = s.flags[0]?.basis;
  const wording = basis === "hint" ? "may be fragile" : basis === "category" || basis === "statement" ? "fragile" : "none";
  if (wording !== "fragile") problems.push(`screen: a stated glass rests on \`${basis}\``);
  const rakuten: Listing = { id: "r1", title: "ワンパンマン 21", category_code: "001001004", marketplace: "rakuten" };
  if (checker.screen(rakuten).flags[0]?.basis !== "category") problems.push("screen: a Rakuten Books genre did not decide");

  const page: Screening[] = checker.screenBatch([listing, { id: "m2", title: "Tシャツ" }]);
  if (page.length !== 2 || page.length > maxBatch) problems.push("screenBatch: wrong length");

  // Codes only, worded by the page from the messages table it fetched once for its locale.
  const codes: ScreeningCodes[] = checker.screenCodes([listing, { id: "m2", title: "Tシャツ" }]);
  const first: ScreeningCodes | undefined = codes[0];
  if (codes.length !== 2 || first === undefined) {
    problems.push("screenCodes: wrong length");
  } else {
    shape("ScreeningCodes", first);
    each("FlagCode", first.flags);
    each("NoticeCode", first.notices);
    const ja: Messages = checker.messages("ja");
    // @ts-expect-error a code has no message: the page words it.
    void first.flags[0]?.message;
    const worded: string[] = first.flags.map((f: FlagCode) => ja[`class.${f.class}`] ?? "");
    const full: Screening = checker.screen(listing, "ja");
    if (worded.join() !== full.flags.map((f) => f.message).join()) problems.push("screenCodes: worded flags differ from screen's");
  }

  const claim: Claim = {
    order_id: "A-1",
    signed_at: "2024-03-01T18:00:00+09:00",
    incident: "damaged",
    cause: "courier_mishandling",
    items: [{ id: "1", class: "ordinary", condition: "new" }],
  };
  const judgedAt = Date.parse("2024-03-02T00:00:00+09:00");
  const audited: JudgeOptions = { inputHash: true };
  const v: Verdict = checker.judge(claim, judgedAt, locales[0], audited);
  shape("Verdict", v);
  each("Reason", v.reasons);
  each("ItemVerdict", v.items);
  each("MissingEvidence", v.missing_evidence);
  shape("WindowStatus", v.window);
  each("Step", v.next_steps);
  shape("Audit", v.audit);
  if (checker.judge(claim, judgedAt, locales[0]).audit.input_hash !== undefined) problems.push("judge: an input hash nobody asked for");
  const vc: VerdictCodes = checker.judgeCodes(claim, judgedAt, audited);
  shape("VerdictCodes", vc);
  each("ReasonCodeItem", vc.reasons);
  each("MissingCode", vc.missing_evidence);
  each("StepCode", vc.next_steps);
  shape("AuditCode", vc.audit);
  // @ts-expect-error a verdict of codes has no summary: the page words `outcome.${outcome}`.
  void vc.summary;
  // @ts-expect-error options are checked: `inputhash` is not one
  void (() => checker.judge(claim, judgedAt, "en", { inputhash: true }));
  const deadlineMs: number = v.window.deadline_ms;
  if (v.outcome !== "incomplete" || deadlineMs <= 0) problems.push(`judge: outcome ${v.outcome}`);

  const messages: Messages = checker.messages("zh-CN");
  if (typeof messages["reason.window_closed"] !== "string") problems.push("messages: no reason.window_closed");

  try {
    checker.judge(claim, Number.NaN);
    problems.push("judge: NaN was accepted");
  } catch (e) {
    if (!isAftersalesError(e)) throw e;
    const code: ErrorCode = e.code;
    const path: string = e.path;
    if (code !== "invalid_value" || path !== "now") problems.push(`judge(NaN): ${code} at ${path}`);
  }

  const newer: Checker = Checker.withPolicy(compiledPolicy);
  newer.addPolicy(compiledPolicy.slice().buffer);
  // @ts-expect-error: a policy is handed in compiled, not as JSON text
  void (() => Checker.withPolicy("{}"));
  if (newer.info().policies.length !== 1) problems.push("addPolicy: same date did not replace");
  newer.free();

  // @ts-expect-error: the answer has no field `fragil`
  void s.fragil;
  // @ts-expect-error: a listing needs a title
  void (() => checker.screen({ id: "x" }));
  // @ts-expect-error: `exploded` is not an incident
  void ((): Claim => ({ ...claim, incident: "exploded" }));
  // @ts-expect-error: `nowMs` is a number such as Date.now(), not a Date
  void (() => checker.judge(claim, new Date()));
  // @ts-expect-error: item fields stay snake_case
  void ((): Claim => ({ ...claim, items: [{ id: "1", class: "ordinary", condition: "new", damageScope: "main_body" }] }));

  checker.free();
  return problems;
}
