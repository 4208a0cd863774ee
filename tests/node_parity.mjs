// The module in Node gives the same answers as the native core: replays every case of
// target/parity/native.json (written by `cargo test --test parity_native` from
// tests/data/parity/cases.json) through pkg/node, through the storefront build pkg/web
// (instantiated from its bytes; it has no `withPolicy`/`addPolicy`, which is checked too) and
// through its two halves pkg/web-screen (the screening cases) and pkg/web-claims (the claims), and
// compares JSON.stringify of each answer, or of a thrown error's {code, path, message}, with
// the native text byte for byte. A thrown value that is not an `Error` named `AftersalesError`
// with own `code` and `path` fails the case.
//   node tests/node_parity.mjs [target/parity/native.json]
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { answer } from "./differential/run-cases.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const file = process.argv[2] ?? `${root}target/parity/native.json`;
const { Checker } = createRequire(import.meta.url)(`${root}pkg/node/aftersales.js`);

/** A web build instantiated from its bytes. */
async function web(dir) {
  const m = await import(`${root}pkg/${dir}/aftersales.js`);
  m.initSync({ module: readFileSync(`${root}pkg/${dir}/aftersales_bg.wasm`) });
  return m;
}
const storefront = await web("web");
// The storefront build cut in two: each half answers its own calls as the whole does, and has
// no method of the other half.
const screenOnly = await web("web-screen");
const claimsOnly = await web("web-claims");
const SCREENING = ["screen", "screenBatch", "screenCodes"];
const CLAIMS = ["judge", "judgeCodes"];
const isClaim = (c) => c.method.startsWith("judge");

const { policy_hash: nativeHash, cases } = JSON.parse(readFileSync(file, "utf8"));
let failed = 0;
let answers = 0;
for (const [build, Class, takes] of [
  ["pkg/node", Checker, () => true],
  ["pkg/web (storefront)", storefront.Checker, () => true],
  ["pkg/web-screen", screenOnly.Checker, (c) => !isClaim(c)],
  ["pkg/web-claims", claimsOnly.Checker, isClaim],
]) {
  const checker = new Class();
  const moduleHash = checker.info().policies[0].hash;
  if (moduleHash !== nativeHash) {
    console.log(`node parity: ${build} was built from another policy (${moduleHash}) than the native answers (${nativeHash}): rebuild with .ci/build-wasm`);
    process.exit(1);
  }
  for (const c of cases.filter(takes)) {
    answers++;
    const got = answer(checker, c);
    if (got !== c.expected) {
      failed++;
      let i = 0;
      while (i < got.length && got[i] === c.expected[i]) i++;
      console.log(`FAIL ${build} ${c.name} at ${i}\n  native: ${c.expected.slice(Math.max(0, i - 40), i + 80)}\n  module: ${got.slice(Math.max(0, i - 40), i + 80)}`);
    }
  }
  checker.free();
}
const loading = ["withPolicy", "addPolicy"].filter((m) => m in storefront.Checker || m in storefront.Checker.prototype);
if (loading.length > 0 || typeof Checker.withPolicy !== "function") {
  failed++;
  console.log(`FAIL the storefront build has ${loading.join(", ")}, or pkg/node lacks withPolicy`);
}
const has = (m, name) => name in m.Checker.prototype;
const crossed = [
  ...CLAIMS.filter((n) => has(screenOnly, n)).map((n) => `pkg/web-screen has ${n}`),
  ...SCREENING.filter((n) => has(claimsOnly, n)).map((n) => `pkg/web-claims has ${n}`),
  ...[...SCREENING, ...CLAIMS, "messages", "info"].filter((n) => !has(storefront, n)).map((n) => `pkg/web lacks ${n}`),
  ...["messages", "info"].filter((n) => !has(screenOnly, n) || !has(claimsOnly, n)).map((n) => `a one-sided build lacks ${n}`),
];
for (const c of crossed) console.log(`FAIL ${c}`);
failed += crossed.length;
console.log(`node parity: ${answers} answers of pkg/node, pkg/web, pkg/web-screen and pkg/web-claims, ${failed} failed`);
process.exit(failed === 0 && cases.length > 0 ? 0 : 1);
