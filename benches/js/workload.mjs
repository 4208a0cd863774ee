// The timed workload, the same in Chromium and in Node: screening the catalog page by page
// five ways (wasm `screenBatch`; wasm `screenCodes` worded from the cached messages table, as the
// widgets do; wasm `screen` once per listing; the JS regex screener; the same after NFKC
// normalization) and
// judging the claim set two ways (wasm `judge`, json-logic-js), plus the checks that tell
// whether the timed calls did real work.
//
// A "pass" is the whole input once: every results page, or every claim. The methods take turns
// pass by pass (so a slow patch of the shared machine hits all of them alike), after `warmups`
// untimed passes each (JIT and wasm tier-up); a figure is the median over `repeats` passes.
// Timing is `performance.now()` around a pass, never around one call, so the browser's clamped
// timer resolution does not matter.

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Runs each method `warmups` times untimed, then `repeats` timed rounds; ms per pass. */
function timeRounds(methods, { repeats, warmups }) {
  const names = Object.keys(methods);
  const sink = { n: 0 };
  for (let w = 0; w < warmups; w++) for (const name of names) sink.n += methods[name]();
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < repeats; r++) {
    for (const name of names) {
      const t0 = performance.now();
      sink.n += methods[name]();
      times[name].push(performance.now() - t0);
    }
  }
  return { times, sink: sink.n };
}

/** The verdict fields both claim engines answer, in a comparable form. */
function comparable(v) {
  return JSON.stringify({
    outcome: v.outcome,
    reasons: v.reasons,
    items: v.items.map((i) => [i.id, i.outcome, [...i.reasons].sort()]),
  });
}

function wasmVerdictCodes(v) {
  return {
    outcome: v.outcome,
    reasons: v.reasons.map((r) => r.code),
    items: v.items.map((i) => ({ id: i.id, outcome: i.outcome, reasons: i.reasons.map((r) => r.code) })),
  };
}

/** Whether wasm and json-logic-js give the same outcome and reasons for every claim. */
export function compareClaims(checker, jsonLogicJudge, claims) {
  let agree = 0;
  const disagreements = [];
  for (const { claim, nowMs } of claims) {
    const ours = wasmVerdictCodes(checker.judge(claim, nowMs, 'en'));
    const theirs = jsonLogicJudge(claim, nowMs);
    if (comparable(ours) === comparable(theirs)) agree++;
    else if (disagreements.length < 5) disagreements.push({ claim, nowMs, wasm: ours, jsonLogic: theirs });
  }
  return { agree, total: claims.length, disagreements };
}

/** How the two screeners' answers compare on the catalog (they legitimately differ). */
export function compareScreeners(checker, regexScreener, regexNfkcScreener, pages) {
  let listings = 0; let fragileWasm = 0; let fragileRegex = 0; let fragileRegexNfkc = 0; let sameClasses = 0;
  for (const page of pages) {
    const ours = checker.screenBatch(page.listings, page.locale);
    const theirs = regexScreener.screenPage(page.listings);
    const theirsNfkc = regexNfkcScreener.screenPage(page.listings);
    ours.forEach((s, i) => {
      const classes = s.flags.map((f) => f.class).sort().join();
      listings++;
      if (s.fragile) fragileWasm++;
      if (theirs[i].fragile) fragileRegex++;
      if (theirsNfkc[i].fragile) fragileRegexNfkc++;
      if (classes === [...theirs[i].classes].sort().join()) sameClasses++;
    });
  }
  return { listings, fragileWasm, fragileRegex, fragileRegexNfkc, sameClasses };
}

/**
 * Times the screening and claim methods. `pages`: [{ locale, listings }]; `claims`:
 * [{ claim, nowMs }]. Returns ms per pass for every method and the derived figures.
 */
export function runThroughput({ checker, pages, claims, regexScreener, regexNfkcScreener, jsonLogicJudge, repeats, warmups }) {
  const listingCount = pages.reduce((n, p) => n + p.listings.length, 0);
  const tables = {};
  const screen = timeRounds(
    {
      wasmBatch: () => {
        let n = 0;
        for (const p of pages) n += checker.screenBatch(p.listings, p.locale).length;
        return n;
      },
      // What the widgets do: codes only, worded from the messages table fetched once per locale.
      wasmCodes: () => {
        let n = 0;
        for (const p of pages) {
          const table = (tables[p.locale] ??= checker.messages(p.locale));
          for (const s of checker.screenCodes(p.listings)) {
            for (const f of s.flags) f.message = table[`class.${f.class}`];
            for (const x of s.notices) x.message = table[`notice.${x.notice}`];
            n++;
          }
        }
        return n;
      },
      wasmEach: () => {
        let n = 0;
        for (const p of pages) for (const l of p.listings) n += checker.screen(l, p.locale).fragile ? 1 : 0;
        return n;
      },
      jsRegex: () => {
        let n = 0;
        for (const p of pages) n += regexScreener.screenPage(p.listings).length;
        return n;
      },
      jsRegexNfkc: () => {
        let n = 0;
        for (const p of pages) n += regexNfkcScreener.screenPage(p.listings).length;
        return n;
      },
    },
    { repeats, warmups },
  );
  const judge = timeRounds(
    {
      wasmJudge: () => {
        let n = 0;
        for (const { claim, nowMs } of claims) n += checker.judge(claim, nowMs, 'en').items.length;
        return n;
      },
      // Codes only: the same question json-logic-js answers.
      wasmJudgeCodes: () => {
        let n = 0;
        for (const { claim, nowMs } of claims) n += checker.judgeCodes(claim, nowMs).items.length;
        return n;
      },
      // What the claim widget does: codes, worded from the messages table fetched once.
      wasmJudgeWorded: () => {
        let n = 0;
        const table = (tables.en ??= checker.messages('en'));
        const word = (r) => { r.message = table[`reason.${r.code}`]; };
        for (const { claim, nowMs } of claims) {
          const v = checker.judgeCodes(claim, nowMs);
          v.summary = table[`outcome.${v.outcome}`];
          v.reasons.forEach(word);
          for (const i of v.items) i.reasons.forEach(word);
          for (const m of v.missing_evidence) m.messages = m.any_of.map((e) => table[`evidence.${e}`]);
          for (const s of v.next_steps) s.message = table[`next_step.${s.step}`];
          n += v.items.length;
        }
        return n;
      },
      jsonLogic: () => {
        let n = 0;
        for (const { claim, nowMs } of claims) n += jsonLogicJudge(claim, nowMs).items.length;
        return n;
      },
    },
    { repeats, warmups },
  );
  const screening = Object.fromEntries(
    Object.entries(screen.times).map(([name, times]) => {
      const pass = median(times);
      return [name, { passMs: times, pageMs: pass / pages.length, listingsPerSec: listingCount / (pass / 1000) }];
    }),
  );
  const judging = Object.fromEntries(
    Object.entries(judge.times).map(([name, times]) => {
      const pass = median(times);
      return [name, { passMs: times, claimUs: (pass * 1000) / claims.length, claimsPerSec: claims.length / (pass / 1000) }];
    }),
  );
  return { listings: listingCount, pages: pages.length, claims: claims.length, screening, judging, sink: screen.sink + judge.sink };
}
