// The throughput workload (workload.mjs) in Node, in a process of its own: reads the inputs
// benches/run.mjs wrote, screens and judges them with the nodejs build, the JS regex screener
// and json-logic-js, and prints the result as JSON.
//
//     node benches/js/node-bench.mjs target/bench-data/bench-data.json pkg/node/aftersales.js \
//       --repeats 15 --warmups 3

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import jsonLogic from 'json-logic-js';

import { makeJsonLogicJudge } from './jsonlogic-claims.mjs';
import { compileRegexScreener } from './regex-screener.mjs';
import { compareClaims, compareScreeners, runThroughput } from './workload.mjs';

const [dataPath, entryPath] = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const data = JSON.parse(readFileSync(dataPath, 'utf8'));
const { Checker } = await import(pathToFileURL(resolve(entryPath)).href);
const checker = new Checker();
const regexScreener = compileRegexScreener(data.policy);
const regexNfkcScreener = compileRegexScreener(data.policy, { nfkc: true });
const jsonLogicJudge = makeJsonLogicJudge(jsonLogic, data.policy);

const result = runThroughput({
  checker,
  pages: data.pages,
  claims: data.claims,
  regexScreener,
  regexNfkcScreener,
  jsonLogicJudge,
  repeats: flag('--repeats', 15),
  warmups: flag('--warmups', 3),
});
result.claimCheck = compareClaims(checker, jsonLogicJudge, data.claims);
result.screenCheck = compareScreeners(checker, regexScreener, regexNfkcScreener, data.pages);
console.log(JSON.stringify(result));
