// One fresh Node process's start-up, as benches/run.mjs measures it 20 times over: the time to
// import the nodejs build (read aftersales_bg.wasm, compile and instantiate it, run the glue)
// and the time to build the checker, then the time of a third rebuild in the same process (the
// module's code by then partly optimized), and the first `screen` (the shipped screening rules are
// read then, so a claims-only page never pays for them), then the first listing filed under a
// category (the category rules are indexed then).
// Prints `{ "loadMs": …, "buildMs": …, "firstScreenMs": …, "firstCategoryMs": …, "rebuildMs": … }`.
//
//     node benches/js/node-startup.mjs pkg/node/aftersales.js

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = pathToFileURL(resolve(process.argv[2] ?? 'pkg/node/aftersales.js')).href;
const t0 = performance.now();
const m = await import(entry);
const t1 = performance.now();
const checker = new m.Checker();
const t2 = performance.now();
if (typeof checker.screen !== 'function') throw new Error(`${entry} has no Checker.screen`);
const first = checker.screen({ id: 'first', title: '江戸切子 ロックグラス' }, 'ja');
const t3 = performance.now();
if (!first.fragile) throw new Error('the first screening flagged no glass');
// The first listing filed under a category: the category rules are indexed then.
const filed = checker.screen({ id: 'filed', title: 'ノーブランド', category: ['本・雑誌・漫画', '漫画', '少女漫画'] }, 'ja');
const t4 = performance.now();
if (filed.class !== 'paper_product') throw new Error('the first filed listing was not read by its category');
// The same again, once the module's code has been used: the third rebuild is timed.
let rebuildMs = 0;
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  new m.Checker().free();
  rebuildMs = performance.now() - t;
}
console.log(JSON.stringify({ loadMs: t1 - t0, buildMs: t2 - t1, firstScreenMs: t3 - t2, firstCategoryMs: t4 - t3, rebuildMs }));
