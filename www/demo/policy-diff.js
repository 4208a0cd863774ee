// demo/policy-diff.js: the after-sales operator's page: what a policy edit changes.
//
// The operator drops the compiled policy after the edit (and, if not the shipped one, the one
// before it) and a listings and/or claims file. Two module `Checker`s, one per policy, screen
// every listing and judge every claim; the comparison is this script's own (the same kinds of
// change as `aftersales-policy diff`, see src/impact.rs), so the storefront module carries
// nothing for it. Files are read in the browser and never sent anywhere. Large files are
// compared in chunks of 500 rows (one `screenBatch` per policy), yielding to the page between
// chunks so the progress bar moves.

import { h, replace } from '../widgets/dom.js';
import { loadFullModule } from '../widgets/module.js';
import { initPage, onLanguage, s } from './app.js';

initPage('diff');
const main = document.getElementById('main');

const CHUNK = 500;
const MARKETPLACES = new Set(['mercari', 'rakuma', 'rakuten', 'yahoo_shopping', 'yahoo_auctions', 'amazon_jp', 'surugaya', 'sofmap', 'amiami', 'paypay_flea', 'other']);
/** Group keys in the order they are shown: listings' first, then claims'. */
const ORDER = ['gained_fragile', 'lost_fragile', 'gained_non_compensable', 'lost_non_compensable', 'flag_basis', 'notices', 'listing_message', 'outcome', 'reasons', 'deadline', 'evidence_steps', 'claim_message', 'refusal'];

/** A row that cannot be compared: the file, its line and what is wrong. */
class RowError extends Error {
  constructor(file, line, message) {
    super(message);
    this.file = file;
    this.line = line;
  }
}

const describe = (e) => (e?.name === 'AftersalesError' && e.path ? `\`${e.path}\` ${e.message}` : String(e?.message ?? e));

/** The listing a storefront would screen from a row: a labeled row's listed title, description and category, or a plain listing. */
export function asListing(row) {
  if (!row.labels) return row;
  const listing = { id: row.id, title: row.title };
  if (row.description != null) listing.description = row.description;
  if (Array.isArray(row.category)) listing.category = row.category;
  if (row.category_code != null) listing.category_code = row.category_code;
  if (row.marketplace != null) listing.marketplace = MARKETPLACES.has(row.marketplace) ? row.marketplace : 'other';
  if (row.condition != null) listing.condition = row.condition;
  return listing;
}

/** What each flag rests on: class, rule, basis and the terms found for it. */
function flagBasis(sc) {
  return sc.flags.map((f) => `${f.class} by ${f.rule}${termsOf(sc, f.class)} (${f.basis})`);
}
function termsOf(sc, cls) {
  const terms = sc.findings.filter((x) => x.class === cls).map((x) => x.term);
  return terms.length ? `: ${terms.join(', ')}` : '';
}

/** The kinds of change between two screenings of one listing. */
export function listingChanges(a, b) {
  const kinds = [];
  if (a.fragile !== b.fragile) kinds.push({ key: b.fragile ? 'gained_fragile' : 'lost_fragile' });
  if (a.non_compensable !== b.non_compensable) kinds.push({ key: b.non_compensable ? 'gained_non_compensable' : 'lost_non_compensable' });
  if (kinds.length) return kinds;
  if (JSON.stringify(flagBasis(a)) !== JSON.stringify(flagBasis(b))) return [{ key: 'flag_basis' }];
  const notices = (x) => x.notices.map((n) => n.notice).join();
  if (notices(a) !== notices(b)) return [{ key: 'notices' }];
  if (JSON.stringify(a) !== JSON.stringify(b)) return [{ key: 'listing_message' }];
  return [];
}

/** The kinds of change between two verdicts on one claim. */
export function claimChanges(a, b) {
  const kinds = [];
  if (a.outcome !== b.outcome) kinds.push({ key: 'outcome', vars: { from: a.outcome, to: b.outcome } });
  const codes = (v) => JSON.stringify([v.reasons.map((r) => r.code), v.items.map((i) => [i.id, i.reasons.map((r) => r.code)])]);
  if (codes(a) !== codes(b)) kinds.push({ key: 'reasons' });
  if (a.window.deadline !== b.window.deadline) kinds.push({ key: 'deadline' });
  if (kinds.length) return kinds;
  const steps = (v) => JSON.stringify([v.missing_evidence.map((m) => m.any_of), v.next_steps.map((x) => x.step)]);
  if (steps(a) !== steps(b)) return [{ key: 'evidence_steps' }];
  const bare = (v) => JSON.stringify({ ...v, audit: null });
  if (bare(a) !== bare(b)) return [{ key: 'claim_message' }];
  return [];
}

const listingAnswer = (sc) => ({ summary: sc.flags.length ? sc.flags.map((f) => f.class).join(' + ') : s('diff.not_flagged'), rests: flagBasis(sc) });
const claimAnswer = (v) => ({
  summary: `${v.outcome} (${v.reasons.map((r) => r.code).join(', ')}); ${v.window.deadline}`,
  rests: [...v.reasons.map((r) => `${r.code} by ${r.rule}`), ...v.items.flatMap((i) => i.reasons.map((r) => `item ${i.id}: ${r.code} by ${r.rule}`))],
});
const refusedAnswer = (e) => ({ summary: s('diff.refused_one', { code: e.code, path: e.path }), rests: [e.message] });

/** The comparison's state: counts and the changed rows by group. */
function newResult() {
  return { listings: 0, claims: 0, lchanged: 0, cchanged: 0, refused: 0, regressions: 0, fixes: 0, groups: new Map() };
}

function keep(result, kinds, row) {
  if (row.label === 'regression') result.regressions += 1;
  if (row.label === 'fix') result.fixes += 1;
  for (const kind of kinds) {
    const id = kind.key === 'outcome' ? `outcome:${kind.vars.from}:${kind.vars.to}` : kind.key;
    if (!result.groups.has(id)) result.groups.set(id, { kind, rows: [] });
    result.groups.get(id).rows.push(row);
  }
}

const against = (wasRight, isRight) => (wasRight && !isRight ? 'regression' : !wasRight && isRight ? 'fix' : null);
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Screens the listings file's rows under both checkers, a chunk at a time. */
async function compareListings(file, text, checkers, loc, result, progress) {
  const lines = text.split(/\r?\n/);
  let batch = [];
  const flush = async () => {
    if (!batch.length) return;
    const listings = batch.map((b) => b.listing);
    let before;
    let after;
    try {
      before = checkers.old.screenBatch(listings, loc);
      after = checkers.new.screenBatch(listings, loc);
    } catch (e) {
      const at = /^\[(\d+)\]\.?(.*)$/.exec(e?.path ?? '');
      const row = at ? batch[Number(at[1])] : batch[0];
      throw new RowError(file, row.line, at ? `\`${at[2]}\` ${e.message}` : describe(e));
    }
    batch.forEach((b, i) => {
      result.listings += 1;
      const kinds = listingChanges(before[i], after[i]);
      if (!kinds.length) return;
      result.lchanged += 1;
      const right = (x) => b.labels && x.fragile === b.labels.fragile && x.non_compensable === b.labels.non_compensable;
      keep(result, kinds, { file, id: b.listing.id, what: b.listing.title, old: listingAnswer(before[i]), new: listingAnswer(after[i]), label: b.labels ? against(right(before[i]), right(after[i])) : null });
    });
    progress(batch.length);
    batch = [];
    await tick();
  };
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    let row;
    try {
      row = JSON.parse(lines[i]);
    } catch (e) {
      throw new RowError(file, i + 1, e.message);
    }
    if (row === null || typeof row !== 'object' || Array.isArray(row)) throw new RowError(file, i + 1, 'a row is a JSON object');
    batch.push({ line: i + 1, listing: asListing(row), labels: row.labels ?? null });
    if (batch.length === CHUNK) await flush();
  }
  await flush();
}

/** The claims file's rows: a JSON array (a scenario table) or JSON Lines, each with its line. */
function claimRows(file, text) {
  if (text.trimStart().startsWith('[')) {
    let rows;
    try {
      rows = JSON.parse(text);
    } catch (e) {
      throw new RowError(file, 0, e.message);
    }
    return rows.map((row, i) => ({ line: `[${i}]`, row }));
  }
  const out = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    try {
      out.push({ line: i + 1, row: JSON.parse(line) });
    } catch (e) {
      throw new RowError(file, i + 1, e.message);
    }
  });
  return out;
}

/** Judges every claim under both checkers at the row's `now` (or the claim's `reported_at`). */
async function compareClaims(file, text, checkers, loc, result, progress) {
  const rows = claimRows(file, text);
  for (let i = 0; i < rows.length; i++) {
    const { line, row } = rows[i];
    const claim = row?.claim ?? row;
    const expectsError = row?.expect?.error != null;
    const when = row?.now ?? claim?.reported_at;
    const now = typeof when === 'string' ? Date.parse(when) : NaN;
    if (Number.isNaN(now) && !expectsError) throw new RowError(file, line, '`now` (or the claim\'s `reported_at`) must be an RFC 3339 timestamp');
    const judged = ['old', 'new'].map((side) => {
      try {
        return { verdict: checkers[side].judge(claim, now, loc) };
      } catch (e) {
        return { error: e };
      }
    });
    const [a, b] = judged;
    if (a.error && b.error && a.error.code === b.error.code && a.error.path === b.error.path) {
      if (!expectsError) throw new RowError(file, line, describe(a.error));
      result.claims += 1;
      result.refused += 1;
    } else {
      result.claims += 1;
      const id = row?.name ?? row?.id ?? claim?.order_id ?? String(line);
      const what = `${claim?.incident} / ${claim?.cause}`;
      if (a.error || b.error) {
        result.cchanged += 1;
        keep(result, [{ key: 'refusal' }], { file, id, what, old: a.error ? refusedAnswer(a.error) : claimAnswer(a.verdict), new: b.error ? refusedAnswer(b.error) : claimAnswer(b.verdict), label: null });
      } else {
        const kinds = claimChanges(a.verdict, b.verdict);
        if (kinds.length) {
          result.cchanged += 1;
          const want = row?.expect?.outcome;
          keep(result, kinds, { file, id, what, old: claimAnswer(a.verdict), new: claimAnswer(b.verdict), label: want ? against(a.verdict.outcome === want, b.verdict.outcome === want) : null });
        }
      }
    }
    if ((i + 1) % CHUNK === 0) {
      progress(CHUNK);
      await tick();
    }
  }
  progress(rows.length % CHUNK);
}

const countLines = (text) => text.split(/\r?\n/).filter((l) => l.trim()).length;

// The page.

const form = h('form', { class: 'diff-form' });
const field = (name, key, accept) => h('p', {}, h('label', { for: `diff-${name}`, 'data-s': key }, s(key)), h('input', { type: 'file', id: `diff-${name}`, name, accept }));
form.append(
  field('old', 'diff.old', '.bin,application/octet-stream'),
  field('new', 'diff.new', '.bin,application/octet-stream'),
  field('listings', 'diff.listings', '.jsonl,.json,application/json'),
  field('claims', 'diff.claims', '.jsonl,.json,application/json'),
  h('p', {}, h('button', { type: 'submit', 'data-s': 'diff.run' }, s('diff.run'))),
);
const bar = h('progress', { id: 'diff-progress', max: 1, value: 0, hidden: true, 'aria-labelledby': 'diff-status' });
const status = h('p', { id: 'diff-status', role: 'status' });
const output = h('div', { id: 'diff-output' });
replace(main, h('h1', { 'data-s': 'diff.title' }, s('diff.title')), h('p', { 'data-s': 'diff.intro' }, s('diff.intro')), form, bar, status, output);

let last = null;

function render() {
  if (!last) return;
  const r = last;
  const parts = [h('p', { class: 'diff-summary' }, s('diff.summary', { listings: r.listings, claims: r.claims, lchanged: r.lchanged, cchanged: r.cchanged, regressions: r.regressions, fixes: r.fixes }))];
  if (r.refused) parts.push(h('p', {}, s('diff.refused', { count: r.refused })));
  if (!r.groups.size) parts.push(h('p', { class: 'diff-nothing' }, s('diff.nothing')));
  const groups = [...r.groups.values()].sort((x, y) => ORDER.indexOf(x.kind.key) - ORDER.indexOf(y.kind.key));
  for (const g of groups) {
    const title = `${s(`diff.group.${g.kind.key}`, g.kind.vars ?? {})} (${g.rows.length})`;
    const answer = (a) => h('td', {}, h('strong', {}, a.summary), a.rests.length ? h('ul', {}, a.rests.map((x) => h('li', {}, x))) : null);
    parts.push(
      h('section', { class: 'diff-group', 'data-change': g.kind.key },
        h('h2', {}, title),
        h('table', {},
          h('thead', {}, h('tr', {}, ['diff.col.row', 'diff.col.old', 'diff.col.new', 'diff.col.label'].map((k) => h('th', { scope: 'col' }, s(k))))),
          h('tbody', {}, g.rows.map((row) => h('tr', { 'data-id': row.id, 'data-label': row.label ?? false },
            h('td', {}, h('code', {}, row.id), h('div', { class: 'diff-what' }, row.what), h('div', { class: 'diff-file' }, row.file)),
            answer(row.old),
            answer(row.new),
            h('td', {}, row.label ? h('span', { class: `diff-${row.label}` }, s(`diff.${row.label}`)) : '')))))));
  }
  replace(output, ...parts);
}

onLanguage(() => render());

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const files = Object.fromEntries(['old', 'new', 'listings', 'claims'].map((n) => [n, form.elements[n].files[0] ?? null]));
  if (!files.new || (!files.listings && !files.claims)) {
    status.textContent = s('diff.need');
    return;
  }
  const button = form.querySelector('button');
  button.disabled = true;
  last = null;
  replace(output);
  try {
    const mod = await loadFullModule();
    await mod.default();
    const load = async (file) => {
      try {
        return mod.Checker.withPolicy(new Uint8Array(await file.arrayBuffer()));
      } catch (e) {
        throw new RowError(file.name, null, describe(e));
      }
    };
    const checkers = { old: files.old ? await load(files.old) : new mod.Checker(), new: await load(files.new) };
    const texts = { listings: files.listings ? await files.listings.text() : '', claims: files.claims ? await files.claims.text() : '' };
    const claimsTotal = texts.claims.trimStart().startsWith('[') ? (() => { try { return JSON.parse(texts.claims).length; } catch { return 0; } })() : countLines(texts.claims);
    const total = countLines(texts.listings) + claimsTotal;
    let done = 0;
    bar.hidden = false;
    bar.max = Math.max(total, 1);
    bar.value = 0;
    const progress = (n) => {
      done += n;
      bar.value = done;
      status.textContent = s('diff.progress', { done, total });
    };
    const loc = document.documentElement.lang;
    const result = newResult();
    if (files.listings) await compareListings(files.listings.name, texts.listings, checkers, loc, result, progress);
    if (files.claims) await compareClaims(files.claims.name, texts.claims, checkers, loc, result, progress);
    checkers.old.free();
    checkers.new.free();
    last = result;
    status.textContent = s('diff.progress', { done, total });
    render();
  } catch (e) {
    status.textContent = e instanceof RowError ? (e.line == null ? s('diff.policy_error', { file: e.file, message: e.message }) : s('diff.error', { file: e.file, line: e.line, message: e.message })) : describe(e);
  } finally {
    button.disabled = false;
  }
});
