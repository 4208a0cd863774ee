// Worst-case inputs through the module in Node (pkg/node): each is answered or refused with
// `too_large`; prints how long each took (not asserted: it depends on the machine). Exits 1 if
// an answer or an error is not the expected one.
//   node tests/differential/limits.mjs
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const { Checker } = createRequire(import.meta.url)(`${root}pkg/node/aftersales.js`);
const checker = new Checker();
const { limits } = checker.info();

const glass = (bytes) => "ガラス".repeat(Math.floor(bytes / 9));
// Each 「ガラス」 read under the statement phrase 「材質」 just before it, as a description is read.
const statedGlass = (bytes) => "材質ガラス".repeat(Math.floor(bytes / 15));
const item = (i) => ({ id: String(i), class: "ordinary", condition: "new" });
const claim = (n) => ({ order_id: "A-1", signed_at: "2024-03-01T18:00:00+09:00", incident: "damaged",
  cause: "courier_mishandling", evidence: ["unboxing_video", "carrier_proof", "packaging_kept"],
  items: Array.from({ length: n }, (_, i) => item(i)) });
const now = Date.parse("2024-03-02T00:00:00+09:00");
const page = (n) => Array.from({ length: n }, (_, i) => ({ id: `m${i}`, title: "江戸切子 グラス" }));

// [label, expected code or check, input (built before the clock starts), call]
const runs = [
  ["1 MiB of ガラス in the description", "too_large",
    { id: "big", title: "ガラス", description: glass(1 << 20) + "ガラス" }, (l) => checker.screen(l)],
  ["64 KiB description of 材質ガラス", (s) => s.fragile
    && s.findings.filter((f) => f.field === "description").length === limits.maxFindingsPerField,
    { id: "big", title: "インテリア 雑貨", description: statedGlass(limits.maxDescriptionBytes) }, (l) => checker.screen(l)],
  ["64 KiB description + 4 KiB title of ガラス", (s) => s.fragile && s.findings_omitted > 0,
    { id: "big", title: glass(limits.maxTitleBytes), description: glass(limits.maxDescriptionBytes) },
    (l) => checker.screen(l)],
  ["100 000-listing batch", "too_large", page(100_000), (p) => checker.screenBatch(p)],
  ["10 000-listing batch (the limit)", (r) => r.length === limits.maxBatchListings,
    page(limits.maxBatchListings), (p) => checker.screenBatch(p)],
  ["501-item claim", "too_large", claim(limits.maxClaimItems + 1), (c) => checker.judge(c, now)],
  ["500-item claim (the limit)", (v) => v.items.length === limits.maxClaimItems,
    claim(limits.maxClaimItems), (c) => checker.judge(c, now)],
];

let failed = 0;
for (const [label, want, input, call] of runs) {
  const started = performance.now();
  let ok;
  try {
    const out = call(input);
    ok = typeof want === "function" && want(out);
  } catch (e) {
    ok = e.name === "AftersalesError" && e.code === want;
  }
  const ms = performance.now() - started;
  console.log(`limits: ${label}: ${ms.toFixed(1)} ms${ok ? "" : " — UNEXPECTED ANSWER"}`);
  if (!ok) failed++;
}
checker.free();
process.exitCode = failed ? 1 : 0;
