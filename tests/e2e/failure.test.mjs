// tests/e2e/failure.test.mjs: what the widgets do when things go wrong: a listing the module
// rejects, and a module that cannot be loaded at all. Nothing throws out of a widget, and the
// checkout fails closed (a fragile item's risk cannot be confirmed unseen).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openPage, startStore, widgetsSettled } from './harness.mjs';

let store;
before(async () => {
  store = await startStore();
});
after(async () => {
  await store?.stop();
});

test('a listing the module rejects shows "could not be checked" and the rest of the page is screened', async () => {
  const page = await openPage(store.browser);
  try {
    await page.route('**/demo/listings.json', async (route) => {
      const response = await route.fetch();
      const doc = await response.json();
      // Over the module's title limit (4 KiB): the batch fails with `[1].title`, then each
      // listing is screened alone so only this one reports an error.
      doc.listings.splice(1, 0, { id: 'too-long', title: 'グラス'.repeat(2000), price_jpy: 1, marketplace: 'other', condition: 'new', image: 'glass' });
      await route.fulfill({ response, json: doc });
    });
    const errors = [];
    await page.exposeFunction('reportWidgetError', (e) => errors.push(e));
    await page.addInitScript(() => document.addEventListener('aftersales-error', (e) => window.reportWidgetError({ code: e.detail.error?.code, path: e.detail.error?.path })));
    await page.goto(`${store.url}index.html`);
    await widgetsSettled(page);
    const bad = page.locator('li.card[data-id="too-long"] aftersales-badge');
    assert.equal(await bad.getAttribute('data-state'), 'error');
    assert.equal(await bad.locator('.as-error').textContent(), 'This listing could not be checked.');
    assert.deepEqual(errors, [{ code: 'too_large', path: 'title' }]);
    const states = await page.locator('aftersales-badge').evaluateAll((els) => els.map((e) => e.dataset.state));
    assert.equal(states.filter((s) => s === 'ready').length, states.length - 1);
    assert.equal(await page.locator('li.card[data-id="m-baccarat-wine"] aftersales-badge').getAttribute('data-fragile'), 'true');
    assert.deepEqual(page.record.errors, []);
  } finally {
    await page.closeAll();
  }
});

test('without the wasm module the badges say so, the checkout stays blocked and the claim checker says so', async () => {
  const page = await openPage(store.browser);
  try {
    // Both builds a storefront page may load: the whole (order page) and the screening half.
    await page.route(/\/pkg(-screen)?\/aftersales_bg\.wasm$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(`${store.url}index.html`);
    await widgetsSettled(page);
    const states = await page.locator('aftersales-badge').evaluateAll((els) => [...new Set(els.map((e) => e.dataset.state))]);
    assert.deepEqual(states, ['error']);
    assert.equal(await page.locator('aftersales-badge .as-error').first().textContent(), 'The after-sales check is unavailable right now.');
    // The cart, filled with a fragile item.
    await page.locator('li.card[data-id="m-edokiriko-pair"] button.add').click();
    await page.goto(`${store.url}cart.html`);
    await widgetsSettled(page);
    assert.equal(await page.locator('aftersales-precheck').getAttribute('data-state'), 'error');
    assert.equal(await page.locator('aftersales-precheck button.as-place').isDisabled(), true);
    assert.equal(await page.locator('aftersales-precheck .as-status').textContent(), 'The after-sales check is unavailable right now.');
    await page.goto(`${store.url}order.html`);
    await widgetsSettled(page);
    assert.equal(await page.locator('aftersales-claim .as-error').textContent(), 'The after-sales check is unavailable right now.');
    assert.deepEqual(page.record.errors, [], 'no uncaught error');
  } finally {
    await page.closeAll();
  }
});
