// The Node ESM entry of `aftersales`: the same module as the CommonJS entry (./aftersales.cjs,
// wasm-pack's nodejs build, which reads aftersales_bg.wasm synchronously from beside it), with
// named exports, so that `import { Checker } from 'aftersales'` works in Node without `init()`.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cjs = require('./aftersales.cjs');

export const Checker = cjs.Checker;
export default cjs;
