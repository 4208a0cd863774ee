// Judging a claim server-side with the same module the storefront runs (the README's Node
// example; .ci/test-wasm runs it). The order service passes its own clock as `nowMs`.
//   node tests/node_example.mjs
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Checker } = require("../pkg/node/aftersales.js");

const checker = new Checker(); // the shipped policy, compiled in
const claim = {
  order_id: "A-1001",
  signed_at: "2024-03-01T18:00:00+09:00",
  incident: "damaged",
  cause: "courier_mishandling",
  evidence: ["unboxing_video", "carrier_proof", "packaging_kept"],
  items: [
    { id: "1", class: "ordinary", condition: "new" },
    { id: "2", class: "fragile", condition: "new" },
  ],
};
const now = Date.parse("2024-03-04T12:00:00+09:00"); // in production: Date.now()
const verdict = checker.judge(claim, now, "en");
console.log(`${verdict.order_id}: ${verdict.outcome} (${verdict.summary}); deadline ${verdict.window.deadline}`);
for (const item of verdict.items) console.log(`  item ${item.id}: ${item.outcome} — ${item.reasons[0].code}`);

try {
  checker.judge({ ...claim, signed_at: "2024-03-01T18:00:00" }, now);
} catch (e) {
  // Input that cannot be judged throws an Error named AftersalesError with a code and a path.
  console.log(`refused: ${e.name} ${e.code} at ${e.path}`);
  assert.equal(e.code, "timestamp_without_offset");
  assert.equal(e.path, "signed_at");
}

assert.equal(verdict.outcome, "partially_eligible");
assert.deepEqual(verdict.items.map((i) => i.outcome), ["eligible", "ineligible"]);
assert.equal(verdict.items[1].reasons[0].code, "fragile_item");
checker.free();
