// Runs the compiled tests/types/usage.ts (target/types/usage.js) against pkg/web-full under Node:
// every call of the typed API is made and every output is checked to carry exactly the keys the
// .d.ts declares. Exits 1 on any problem.
//   node tests/types/run.mjs
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const { run } = await import(`${root}target/types/usage.js`);
const problems = await run(
  readFileSync(`${root}pkg/web-full/aftersales_bg.wasm`),
  // Written by `aftersales-policy compile` in .ci/test-wasm.
  new Uint8Array(readFileSync(`${root}target/parity/policy.bin`)),
);
for (const p of problems) console.log(`FAIL ${p}`);
console.log(`types: usage.ts ran, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
