// The alternative (c) of the benchmark: the claim rules of the policy document written as
// JsonLogic (https://jsonlogic.com) and evaluated with json-logic-js's `jsonLogic.apply`.
//
// `compileClaimRules(policy)` turns the SAME policy document the crate ships into four JsonLogic
// rules: the claim window and the incident's evidence groups decide a claim-level reason
// (`window_closed`, `documentation_incomplete`, `evidence_missing` or `covered`) and its outcome;
// the item exclusions (`claims.item_rules`) and the incident's covered causes give each item its
// reasons; a last rule folds the item outcomes into the claim's. JsonLogic has no dates, no `let` and no
// access to outer data inside `map`, so — as anyone using it would — the glue parses the
// RFC 3339 timestamps into epoch milliseconds and offsets before `apply`, and calls the item rule
// once per item with the claim's fields beside the item's. The window itself is arithmetic in
// the rule: the end of the Nth calendar day after signing, counted in the signing offset.
//
// The module has no imports: pass it json-logic-js (`import jsonLogic from 'json-logic-js'` in
// Node, the global `jsonLogic` of logic.js in the browser).

const DAY_MS = 86400000;

const v = (name) => ({ var: name });

/** The JsonLogic rules for a parsed policy document. */
export function compileClaimRules(policy) {
  const { window, incidents, item_rules: itemRules } = policy.claims;

  // The window as arithmetic on epoch milliseconds: `within(x)` says whether instant x is in it.
  const offset = window.reckoned_in === 'utc' ? 0 : v('signed_offset_ms');
  let within;
  if (window.closes === 'exact') {
    const end = { '+': [v('signed_ms'), window.days_after_signing * DAY_MS] };
    within = (x) => ({ '<=': [v('signed_ms'), x, end] });
  } else {
    const local = { '+': [v('signed_ms'), offset] };
    const dayStart = { '-': [local, { '%': [local, DAY_MS] }] };
    // The first instant after the window: midnight starting the (N+1)th day, back in UTC.
    const after = { '-': [{ '+': [dayStart, (window.days_after_signing + 1) * DAY_MS] }, offset] };
    within = (x) => ({ and: [{ '<=': [v('signed_ms'), x] }, { '<': [x, after] }] });
  }

  const byIncident = (f, otherwise) => {
    const branches = Object.entries(incidents).flatMap(([name, rule]) => [
      { '==': [v('incident'), name] },
      f(rule),
    ]);
    return { if: [...branches, otherwise] };
  };

  const missing = (rule) => {
    const groups = rule.required_evidence.map((g) => ({
      or: g.any_of.map((e) => ({ in: [e, v('evidence')] })),
    }));
    return groups.length === 0 ? false : { '!': { and: groups } };
  };

  // Clause 2 and the window: late → window_closed; evidence missing once the window has closed
  // → documentation_incomplete; missing while open → evidence_missing; else covered.
  const decide = byIncident(
    (rule) => ({
      if: [
        { '!': within(v('reported_ms')) }, 'window_closed',
        { and: [missing(rule), { '!': within(v('now_ms')) }] }, 'documentation_incomplete',
        missing(rule), 'evidence_missing',
        'covered',
      ],
    }),
    null,
  );

  const decidingOutcome = {
    if: [
      { '==': [v('deciding'), 'covered'] }, 'eligible',
      { '==': [v('deciding'), 'evidence_missing'] }, 'incomplete',
      'ineligible',
    ],
  };

  // An item's damage scope: its own, or the incident's default.
  const damage = { var: ['damage', byIncident((rule) => rule.default_damage, null)] };
  const field = (name) => (name === 'damage' ? damage : v(name));
  const test = (rule) => ({
    and: Object.entries(rule.when)
      .filter(([, values]) => values.length > 0)
      .map(([name, values]) => ({ in: [field(name), values] })),
  });
  // One reason per code, whichever of its rules match (two "not a defect" rules give one).
  const codes = [...new Set(itemRules.map((rule) => rule.reason))];
  const exclusions = codes.map((code) => ({
    if: [{ or: itemRules.filter((rule) => rule.reason === code).map(test) }, [code], []],
  }));
  // A cause outside the incident's covered causes is a reason of its own, unless a matching
  // rule is about that very cause (it already explains it).
  const aboutCause = itemRules.filter((rule) => (rule.when.cause ?? []).length > 0).map(test);
  const causeNotCovered = {
    and: [
      { '!': { in: [v('cause'), byIncident((rule) => rule.covered_causes, [])] } },
      aboutCause.length === 0 ? true : { '!': { or: aboutCause } },
    ],
  };
  const itemReasons = {
    merge: [...exclusions, { if: [causeNotCovered, ['cause_not_covered'], []] }],
  };

  const overall = {
    if: [
      { in: ['incomplete', v('outcomes')] }, 'incomplete',
      { all: [v('outcomes'), { '==': [v(''), 'eligible'] }] }, 'eligible',
      { in: ['eligible', v('outcomes')] }, 'partially_eligible',
      'ineligible',
    ],
  };

  return { decide, decidingOutcome, itemReasons, overall };
}

const OFFSET = /(?:([+-])(\d\d):(\d\d)|[Zz])$/;

/** Epoch milliseconds and UTC offset (ms) of an RFC 3339 timestamp. */
function parseTimestamp(path, s) {
  const ms = Date.parse(s);
  const m = OFFSET.exec(s.trim());
  if (Number.isNaN(ms) || !m) throw new TypeError(`${path}: \`${s}\` is not an RFC 3339 timestamp with offset`);
  const offsetMs = m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60000 : 0;
  return { ms, offsetMs };
}

/**
 * A judge backed by json-logic-js: `judge(claim, nowMs)` answers
 * `{ outcome, reasons: [code], items: [{ id, outcome, reasons: [code] }] }`, the same codes the
 * crate's verdict carries.
 */
export function makeJsonLogicJudge(jsonLogic, policy) {
  const rules = compileClaimRules(policy);
  const apply = jsonLogic.apply;
  return function judge(claim, nowMs) {
    const signed = parseTimestamp('signed_at', claim.signed_at);
    const data = {
      incident: claim.incident,
      cause: claim.cause,
      evidence: claim.evidence ?? [],
      signed_ms: signed.ms,
      signed_offset_ms: signed.offsetMs,
      reported_ms: claim.reported_at ? parseTimestamp('reported_at', claim.reported_at).ms : nowMs,
      now_ms: nowMs,
    };
    const deciding = apply(rules.decide, data);
    const decidingOutcome = apply(rules.decidingOutcome, { deciding });
    let governs = false;
    const items = claim.items.map((item) => {
      const reasons = apply(rules.itemReasons, {
        incident: claim.incident,
        cause: claim.cause,
        class: item.class,
        condition: item.condition,
        damage: item.damage,
      });
      if (reasons.length > 0) return { id: item.id, outcome: 'ineligible', reasons };
      governs = true;
      return { id: item.id, outcome: decidingOutcome, reasons: [deciding] };
    });
    const outcome = apply(rules.overall, { outcomes: items.map((i) => i.outcome) });
    // The deciding reason is the claim's when it decides an item, and always when the whole
    // application is refused (clause 2: late, or incomplete at the deadline).
    const refused = deciding === 'window_closed' || deciding === 'documentation_incomplete';
    const reasons = governs || refused ? [deciding] : [];
    return { outcome, reasons, items };
  };
}
