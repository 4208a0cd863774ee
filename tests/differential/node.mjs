// Replays cases.jsonl (written by `cargo test --test differential` with DIFFERENTIAL_OUT) through
// the nodejs build of the module (pkg/node) and prints `node: N passed, M failed`.
//   node tests/differential/node.mjs [target/differential/cases.jsonl]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { runAll } from "./run-cases.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const cases = process.argv[2] ?? `${root}target/differential/cases.jsonl`;
const { Checker } = createRequire(import.meta.url)(`${root}pkg/node/aftersales.js`);

const started = performance.now();
const r = runAll(Checker, readFileSync(cases, "utf8"));

// Deeper than V8's JSON.stringify can go (about 8 000 levels): no native answer to compare
// with, but the module must still throw its own error, not a RangeError, and keep answering.
{
  const checker = new Checker();
  let deep = [];
  for (let i = 0; i < 10_000; i++) deep = [deep];
  const calls = [() => checker.screen(deep), () => checker.screenBatch([deep]), () => checker.judge(deep, 0)];
  for (const call of calls) {
    let ok = false;
    try { call(); } catch (e) { ok = e instanceof Error && e.name === "AftersalesError" && typeof e.code === "string"; }
    ok = ok && checker.screen({ id: "m", title: "グラス" }).fragile === true;
    if (ok) r.passed++; else { r.failed++; console.log("FAIL 10 000 levels of nesting: not an AftersalesError"); }
  }
  checker.free();
}
const ms = performance.now() - started;
for (const f of r.failures) console.log("FAIL", JSON.stringify(f));
console.log(`node: ${JSON.stringify(r.byMethod)} in ${(ms / 1000).toFixed(1)} s`);
console.log(`node: ${r.passed} passed, ${r.failed} failed`);
process.exitCode = r.failed === 0 && r.passed > 0 ? 0 : 1;
