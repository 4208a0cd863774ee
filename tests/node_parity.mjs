// The module in Node gives the same answers as the native core: replays every case of
// target/parity/native.json (written by `cargo test --test parity_native` from
// tests/data/parity/cases.json) through pkg/node and through the storefront build pkg/web
// (instantiated from its bytes; it has no `withPolicy`/`addPolicy`, which is checked too) and
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

const storefront = await import(`${root}pkg/web/aftersales.js`);
storefront.initSync({ module: readFileSync(`${root}pkg/web/aftersales_bg.wasm`) });

const { policy_hash: nativeHash, cases } = JSON.parse(readFileSync(file, "utf8"));
let failed = 0;
for (const [build, Class] of [["pkg/node", Checker], ["pkg/web (storefront)", storefront.Checker]]) {
  const checker = new Class();
  const moduleHash = checker.info().policies[0].hash;
  if (moduleHash !== nativeHash) {
    console.log(`node parity: ${build} was built from another policy (${moduleHash}) than the native answers (${nativeHash}): rebuild with .ci/build-wasm`);
    process.exit(1);
  }
  for (const c of cases) {
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
console.log(`node parity: ${2 * cases.length} answers of pkg/node and pkg/web, ${failed} failed`);
process.exit(failed === 0 && cases.length > 0 ? 0 : 1);
