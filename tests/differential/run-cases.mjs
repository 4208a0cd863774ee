// The module's half of the differential test, shared by node.mjs and the page chrome.mjs opens
// (and its `answer` by tests/node_parity.mjs): replays each line of cases.jsonl through a
// `Checker` and compares JSON.stringify of the answer (or of the thrown error's
// {code, path, message}) with the native answer, byte for byte.
// No Node or DOM API here: the same file runs in both.

/** The module's answer to one case, as JSON text. */
export function answer(checker, c) {
  const input = JSON.parse(c.input);
  const locale = c.locale === null ? [] : [c.locale];
  try {
    let result;
    if (c.method === "judge") result = checker.judge(input, c.now_ms, ...locale);
    else if (c.method === "judgeCodes") result = checker.judgeCodes(input, c.now_ms);
    else if (c.method === "judgeHashed") result = checker.judge(input, c.now_ms, c.locale ?? undefined, { inputHash: true });
    else if (c.method === "screen") result = checker.screen(input, ...locale);
    else if (c.method === "screenBatch") result = checker.screenBatch(input, ...locale);
    else if (c.method === "screenCodes") result = checker.screenCodes(input);
    else throw new TypeError(`unknown method ${c.method}`);
    return JSON.stringify(result);
  } catch (e) {
    // A thrown value must be an `Error` named `AftersalesError` with own `code` and `path`.
    const own = (k) => Object.prototype.hasOwnProperty.call(e, k);
    if (!(e instanceof Error) || e.name !== "AftersalesError" || !own("code") || !own("path")) {
      return `not an AftersalesError: ${e && e.name}: ${e && e.message}`;
    }
    return JSON.stringify({ error: { code: e.code, path: e.path, message: e.message } });
  }
}

/** Where two strings first differ, with some context. */
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 60);
  return { at: i, native: a.slice(from, i + 80), module: b.slice(from, i + 80) };
}

/** Replays every case; returns counts per method and the first few failures. */
export function runAll(Checker, text) {
  const checker = new Checker();
  const lines = text.split("\n").filter((l) => l.length > 0);
  const byMethod = {};
  const failures = [];
  let passed = 0;
  let failed = 0;
  for (const line of lines) {
    const c = JSON.parse(line);
    const m = (byMethod[c.method] ??= { passed: 0, failed: 0 });
    let problem = null;
    try {
      // The page holds an object; its JSON text must be the text the native side decoded.
      if (JSON.stringify(JSON.parse(c.input)) !== c.input) {
        problem = { n: c.n, method: c.method, why: "input does not round-trip through JSON.parse" };
      } else {
        const got = answer(checker, c);
        if (got !== c.expected) {
          problem = { n: c.n, method: c.method, locale: c.locale, ...firstDifference(c.expected, got) };
        }
      }
    } catch (e) {
      problem = { n: c.n, method: c.method, why: `${e.name}: ${e.message}` };
    }
    if (problem) {
      failed++;
      m.failed++;
      if (failures.length < 8) failures.push(problem);
    } else {
      passed++;
      m.passed++;
    }
  }
  checker.free();
  return { passed, failed, byMethod, failures };
}
