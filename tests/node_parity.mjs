// The module in Node gives the same answers as the native core: replays every case of
// target/parity/native.json (written by `cargo test --test parity_native` from
// tests/data/parity/cases.json) through pkg/node and compares JSON.stringify of each answer, or
// of a thrown error's {code, path, message}, with the native text byte for byte. A thrown value
// that is not an `Error` named `AftersalesError` with own `code` and `path` fails the case.
//   node tests/node_parity.mjs [target/parity/native.json]
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { answer } from "./differential/run-cases.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const file = process.argv[2] ?? `${root}target/parity/native.json`;
const { Checker } = createRequire(import.meta.url)(`${root}pkg/node/aftersales.js`);

const { policy_hash: nativeHash, cases } = JSON.parse(readFileSync(file, "utf8"));
const checker = new Checker();
const moduleHash = checker.info().policies[0].hash;
if (moduleHash !== nativeHash) {
  console.log(`node parity: the module was built from another policy (${moduleHash}) than the native answers (${nativeHash}): rebuild with .ci/build-wasm`);
  process.exit(1);
}
let failed = 0;
for (const c of cases) {
  const got = answer(checker, c);
  if (got !== c.expected) {
    failed++;
    let i = 0;
    while (i < got.length && got[i] === c.expected[i]) i++;
    console.log(`FAIL ${c.name} at ${i}\n  native: ${c.expected.slice(Math.max(0, i - 40), i + 80)}\n  module: ${got.slice(Math.max(0, i - 40), i + 80)}`);
  }
}
checker.free();
console.log(`node parity: ${cases.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 && cases.length > 0 ? 0 : 1);
