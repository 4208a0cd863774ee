// The packed package in a production Vite build (tests/vite-app/dist, built by .ci/test-package
// from the installed tarball), served like the demo (same static server, same strict CSP) and
// driven in headless Chromium: the bundled widgets load the bundled module and its fingerprinted
// .wasm, flag a fragile listing, block the checkout until it is acknowledged, and judge a claim.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { CSP, startServer } from '../../.ci/serve.mjs';
import { assertClean, openPage, policyMessage, widgetsSettled } from '../e2e/harness.mjs';

const DIST = fileURLToPath(new URL('./dist', import.meta.url));
const ARGS = ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update'];

let server;
let url;
let browser;
before(async () => {
  assert.ok(existsSync(join(DIST, 'index.html')), 'dist/ is built (.ci/test-package builds it)');
  ({ server, url } = await startServer(DIST, 0));
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
});
after(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
});

test('the build bundles the module with a fingerprinted .wasm and keeps no path into the package', () => {
  const assets = readdirSync(join(DIST, 'assets'));
  assert.ok(assets.some((f) => /^aftersales_bg-[\w-]+\.wasm$/.test(f)), assets.join(' '));
  assert.ok(!existsSync(join(DIST, 'pkg')), 'no unbundled copy of the package');
});

test('the bundled widgets flag, block and judge under the strict CSP', async () => {
  const page = await openPage(browser, { extraHTTPHeaders: { 'accept-encoding': 'br, gzip' } });
  const requests = [];
  page.on('requestfinished', (r) => requests.push(r));
  try {
    const response = await page.goto(`${url}index.html`);
    assert.equal(response.headers()['content-security-policy'], CSP);
    await widgetsSettled(page);

    const glass = page.locator('aftersales-badge[data-id="m-1"]');
    assert.equal(await glass.getAttribute('data-fragile'), 'true');
    assert.equal(await page.locator('aftersales-badge[data-id="a-2"]').getAttribute('data-fragile'), 'false');
    assert.equal(await page.locator('aftersales-badge[data-id="a-3"]').getAttribute('data-class'), 'cd_dvd_bd');

    const precheck = page.locator('aftersales-precheck');
    const place = precheck.locator('button.as-place');
    assert.equal(await place.isDisabled(), true, 'blocked until the fragile item is acknowledged');
    await precheck.locator('.as-flagged-item[data-item="m-1"] .as-ack-box').check();
    assert.equal(await place.isDisabled(), false);
    await place.click();
    const order = JSON.parse(await page.locator('body').getAttribute('data-order'));
    assert.deepEqual(order.acknowledgment.item_ids, ['m-1']);
    assert.match(order.acknowledgment.policy_hash, /^sha256:[0-9a-f]{64}$/);

    const claim = page.locator('aftersales-claim');
    await claim.locator('select').first().selectOption('damaged');
    await page.waitForFunction(() => document.querySelector('aftersales-claim').verdict !== null);
    const verdict = await claim.evaluate((el) => el.verdict);
    assert.ok(['eligible', 'partially_eligible', 'incomplete', 'ineligible'].includes(verdict.outcome));
    assert.ok(verdict.items.some((i) => i.id === 'm-1' && i.reasons.some((r) => r.message === policyMessage('reason.fragile_item'))), JSON.stringify(verdict.items));

    // The page's CSS came bundled: the widgets did not link a second copy.
    assert.equal(await page.locator('link[rel="stylesheet"]').count(), 1);
    await assertClean(page);

    // What the page transferred (compressed by the server, as the browser accepted).
    let total = 0;
    const lines = [];
    for (const r of requests) {
      const { responseBodySize } = await r.sizes();
      const name = new URL(r.url()).pathname.split('/').at(-1);
      const encoding = (await r.response())?.headers()['content-encoding'] ?? 'identity';
      total += responseBodySize;
      lines.push(`  ${name.padEnd(36)} ${String(responseBodySize).padStart(8)} bytes (${encoding})`);
    }
    console.log(`vite app, transferred on first load:\n${lines.join('\n')}\n  ${'total'.padEnd(36)} ${String(total).padStart(8)} bytes`);
    assert.ok(requests.some((r) => r.url().endsWith('.wasm')), 'the module was fetched');
  } finally {
    await page.closeAll();
  }
});
