// Memory is returned: calls screen and judge (answers and thrown errors alike) N times each on
// one Checker (pkg/node) and checks the module's WebAssembly.Memory does not grow after warm-up;
// then builds and frees Checkers. Prints the figures; exits 1 on growth.
//   node tests/differential/memory.mjs [N=1000000]
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const calls = Number(process.argv[2] ?? 1_000_000);

// The nodejs glue keeps its instance private: catch it as it is made to read its memory.
const Instance = WebAssembly.Instance;
let instance;
WebAssembly.Instance = function (module, imports) {
  instance = new Instance(module, imports);
  return instance;
};
const { Checker } = createRequire(import.meta.url)(`${root}pkg/node/aftersales.js`);
WebAssembly.Instance = Instance;
const memory = instance.exports.memory;
const bytes = () => memory.buffer.byteLength;

const listings = [
  { id: "m1", title: "【美品】江戸切子 ｸﾞﾗｽ 2個セット", condition: "second_hand" },
  { id: "m2", title: "ワンピース 1-105巻 全巻セット", description: "外箱付き。ポスター付録あり。", category: ["本・雑誌・漫画"] },
  { id: "m3", title: "Wine glass set of 2, boxed 🍷", marketplace: "mercari" },
  { id: "m4", title: 7 }, // refused: invalid_type
];
const signed = Date.parse("2024-03-01T18:00:00+09:00");
const claims = [
  { order_id: "A-1", signed_at: "2024-03-01T18:00:00+09:00", incident: "damaged", cause: "courier_mishandling",
    evidence: ["unboxing_video", "carrier_proof", "packaging_kept"], items: [{ id: "1", class: "ordinary", condition: "new" }] },
  { order_id: "A-2", signed_at: "2024-03-01T18:00:00+09:00", reported_at: "2024-03-02T10:00:00+09:00", incident: "lost_in_transit",
    cause: "unknown", items: [{ id: "1", class: "fragile", condition: "second_hand" }, { id: "2", class: "paper_product", condition: "new" }] },
  { order_id: "A-3", signed_at: "2024-03-01T18:00:00", incident: "damaged", cause: "unknown", items: [] }, // refused: no offset
];
const locales = [undefined, "ja", "ru", "zh-CN"];

const checker = new Checker();
let answers = 0;
let errors = 0;
function round(n) {
  for (let i = 0; i < n; i++) {
    const locale = locales[i & 3];
    try { checker.screen(listings[i & 3], locale); answers++; } catch { errors++; }
    try { checker.judge(claims[i % 3], signed + (i % 9) * 86_400_000, locale); answers++; } catch { errors++; }
  }
}

const warmup = Math.min(10_000, calls);
round(warmup);
const before = bytes();
const started = performance.now();
round(calls);
const seconds = (performance.now() - started) / 1000;
const after = bytes();
console.log(`memory: ${calls} screen + ${calls} judge calls (${answers} answers, ${errors} errors) in ${seconds.toFixed(1)} s`);
console.log(`memory: ${before} bytes after ${warmup}-call warm-up, ${after} bytes after the loop`);
checker.free();

const beforeCheckers = bytes();
for (let i = 0; i < 50; i++) new Checker().free();
const afterCheckers = bytes();
console.log(`memory: ${beforeCheckers} bytes before, ${afterCheckers} bytes after 50 Checkers built and freed`);

const grew = after > before || afterCheckers > beforeCheckers;
console.log(grew ? "memory: GREW" : "memory: no growth");
process.exitCode = grew ? 1 : 0;
