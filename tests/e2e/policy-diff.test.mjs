// tests/e2e/policy-diff.test.mjs: the operator's policy-change page: two compiled policies and a
// listings or claims file in, the grouped changes out, under the demo's CSP.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { POLICY, ROOT, assertClean, axeScan, openPage, shoot, startStore } from './harness.mjs';
import { DIFF_STRINGS } from '../../www/demo/diff-strings.js';

const DIR = join(ROOT, 'target', 'e2e-policy-diff');

/** Compiles an edit of the shipped policy with `aftersales-policy compile`; returns the bytes. */
function compiled(name, edit) {
  const doc = structuredClone(POLICY);
  edit(doc);
  const json = join(DIR, `${name}.json`);
  const bin = join(DIR, `${name}.bin`);
  writeFileSync(json, JSON.stringify(doc));
  execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'aftersales-policy', '--', 'compile', json, bin], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return readFileSync(bin);
}

let store;
let shorter;
let stainless;
before(async () => {
  mkdirSync(DIR, { recursive: true });
  shorter = compiled('four-days', (doc) => {
    doc.claims.window.days_after_signing = 4;
  });
  stainless = compiled('stainless', (doc) => {
    doc.screening.classes.fragile.terms.en.push('stainless');
  });
  store = await startStore();
});
after(async () => {
  await store?.stop();
});

const file = (name, buffer) => ({ name, mimeType: 'application/octet-stream', buffer });
const jsonl = (rows) => Buffer.from(rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n');

async function compare(page, inputs) {
  for (const [name, value] of Object.entries(inputs)) await page.locator(`#diff-${name}`).setInputFiles(value);
  await page.locator('form.diff-form button').click();
  await page.waitForFunction(() => !document.querySelector('form.diff-form button').disabled && document.getElementById('diff-status').textContent !== '');
}

test('a shorter window shows the scenarios that turn ineligible, each a regression against its expected outcome', async () => {
  const page = await openPage(store.browser);
  try {
    await page.goto(`${store.url}policy-diff.html`);
    await compare(page, { new: file('four-days.bin', shorter), claims: file('scenarios.json', readFileSync(join(ROOT, 'tests/data/claims/scenarios.json'))) });
    const group = page.locator('section.diff-group[data-change="outcome"]').first();
    assert.equal(await group.locator('h2').textContent(), 'Outcome eligible → ineligible (14)');
    assert.equal(await group.locator('tbody tr').count(), 14);
    assert.equal(await group.locator('tbody tr[data-label="regression"]').count(), 14);
    assert.match(await group.locator('tbody tr').first().locator('td').nth(2).textContent(), /window_closed by claims\.window/);
    assert.match(await page.locator('.diff-summary').textContent(), /0 listings and 86 claims read/);
    assert.equal(await page.locator('#diff-progress').evaluate((b) => [b.value, b.max].join('/')), '86/86');
    await shoot(page, 'policy-diff');
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});

test('an added term shows the listings that gain a flag, in the page language', async () => {
  const page = await openPage(store.browser, { lang: 'ja' });
  try {
    await page.goto(`${store.url}policy-diff.html`);
    assert.equal(await page.locator('h1').textContent(), DIFF_STRINGS.ja['diff.title']);
    const listings = jsonl([
      { id: 'e-1', lang: 'en', title: 'Stainless steel tumbler 20oz', marketplace: 'ebay', labels: { fragile: false, non_compensable: false } },
      { id: 'p-1', title: 'Stainless water bottle' },
      { id: 'p-2', title: '江戸切子 グラス' },
    ]);
    await compare(page, { new: file('stainless.bin', stainless), listings: file('listings.jsonl', listings) });
    const group = page.locator('section.diff-group[data-change="gained_fragile"]');
    assert.equal(await group.locator('h2').textContent(), `${DIFF_STRINGS.ja['diff.group.gained_fragile']} (2)`);
    assert.deepEqual(await group.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.dataset.id, r.dataset.label ?? null])), [['e-1', 'regression'], ['p-1', null]]);
    assert.match(await group.locator('tbody tr').first().textContent(), /stainless/);
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});

test('the page with its grouped changes passes an axe-core scan, in every locale', async () => {
  const found = {};
  for (const lang of ['en', 'ja', 'ru', 'zh-CN']) {
    const violations = await axeScan(store.browser, `${store.url}policy-diff.html`, async (page) => {
      await compare(page, { new: file('four-days.bin', shorter), claims: file('scenarios.json', readFileSync(join(ROOT, 'tests/data/claims/scenarios.json'))) });
      await page.waitForSelector('section.diff-group');
    }, { widgets: false, lang });
    if (violations.length) found[lang] = violations;
  }
  assert.deepEqual(found, {});
});

test('a bad row, a bad policy file and a missing file are named, and the page goes on', async () => {
  const page = await openPage(store.browser);
  try {
    await page.goto(`${store.url}policy-diff.html`);
    await page.locator('form.diff-form button').click();
    assert.equal(await page.locator('#diff-status').textContent(), DIFF_STRINGS.en['diff.need']);
    await compare(page, { new: file('stainless.bin', stainless), listings: file('listings.jsonl', jsonl([{ id: 'a', title: 'ok' }, '{"id": "b", "titel": "typo"}'])) });
    assert.match(await page.locator('#diff-status').textContent(), /^listings\.jsonl, line 2: .*titel/);
    await compare(page, { new: file('broken.bin', Buffer.from('not a policy')) });
    assert.match(await page.locator('#diff-status').textContent(), /^broken\.bin: /);
    await compare(page, { new: file('stainless.bin', stainless), listings: file('listings.jsonl', jsonl([{ id: 'a', title: 'ok' }])) });
    assert.equal(await page.locator('.diff-nothing').textContent(), 'Nothing changed.');
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});

test('100,000 listings are compared with the progress shown as they go', async () => {
  const page = await openPage(store.browser);
  try {
    await page.goto(`${store.url}policy-diff.html`);
    const kinds = ['Stainless steel mug', 'ガラス 花瓶', 'ワンピース 1巻 漫画', 'Sony ヘッドホン', 'Glass vase', 'Nike sneakers'];
    const rows = Array.from({ length: 100_000 }, (_, i) => JSON.stringify({ id: `g-${i}`, title: `${kinds[i % kinds.length]} #${i}` })).join('\n');
    for (const [name, value] of Object.entries({ new: file('stainless.bin', stainless), listings: file('big.jsonl', Buffer.from(rows)) })) await page.locator(`#diff-${name}`).setInputFiles(value);
    const started = Date.now();
    await page.locator('form.diff-form button').click();
    // The bar moves while the rows are compared, not only at the end.
    await page.waitForFunction(() => {
      const bar = document.getElementById('diff-progress');
      return !bar.hidden && bar.value > 0 && bar.value < bar.max;
    });
    await page.waitForFunction(() => !document.querySelector('form.diff-form button').disabled, null, { timeout: 120_000 });
    console.log(`100,000 listings compared in the page in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.equal(await page.locator('#diff-progress').evaluate((b) => [b.value, b.max].join('/')), '100000/100000');
    const group = page.locator('section.diff-group[data-change="gained_fragile"] h2');
    assert.equal(await group.textContent(), 'Gained fragile (16667)');
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});
