// tests/e2e/checkout.test.mjs: the checkout pre-check on the cart page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { POLICY, assertClean, openPage, policyMessage, shoot, startStore, widgetsSettled } from './harness.mjs';

let store;
before(async () => {
  store = await startStore();
});
after(async () => {
  await store?.stop();
});

/** Adds listings to the cart by clicking "Add to cart" on the search page, then opens the cart. */
async function cartWith(page, ids) {
  await page.goto(`${store.url}index.html`);
  await widgetsSettled(page);
  for (const id of ids) await page.locator(`li.card[data-id="${id}"] button.add`).click();
  await page.locator('nav a[href="cart.html"]').click();
  await page.waitForURL(/cart\.html$/);
  await widgetsSettled(page);
}

test('checkout is blocked until every fragile item is acknowledged, and the order carries the acknowledgment', async () => {
  const page = await openPage(store.browser);
  try {
    await cartWith(page, ['m-edokiriko-pair', 'a-wood-frame-a4', 'a-utada-badmode', 'a-sony-wh1000xm5']);
    const precheck = page.locator('aftersales-precheck');
    const place = precheck.locator('button.as-place');
    // Three flagged items (two fragile, one CD); the headphones are not listed.
    assert.deepEqual(await precheck.locator('.as-flagged-item').evaluateAll((els) => els.map((e) => e.dataset.item)), ['m-edokiriko-pair', 'a-wood-frame-a4', 'a-utada-badmode']);
    assert.equal(await precheck.locator('.as-flagged-item[data-item="a-utada-badmode"] .as-reason').first().textContent(), policyMessage('class.cd_dvd_bd'));
    assert.equal(await precheck.locator('.as-flagged-item[data-item="a-utada-badmode"] .as-ack-box').count(), 0, 'non-fragile items need no acknowledgment');
    assert.equal(await place.isDisabled(), true);
    assert.match(await precheck.locator('.as-status').textContent(), /0 of 2 confirmed/);
    await shoot(precheck, 'precheck-blocked');

    const ack = (id) => precheck.locator(`.as-flagged-item[data-item="${id}"] .as-ack-box`);
    assert.equal(await precheck.locator('.as-flagged-item[data-item="m-edokiriko-pair"] .as-ack').textContent(), 'I understand this item is not covered and I bear the risk');
    await ack('m-edokiriko-pair').check();
    assert.equal(await place.isDisabled(), true, 'one of two acknowledged');
    await ack('a-wood-frame-a4').press('Space');
    assert.equal(await place.isDisabled(), false);
    await ack('a-wood-frame-a4').uncheck();
    assert.equal(await place.isDisabled(), true, 'unticking blocks again');
    await ack('a-wood-frame-a4').check();
    await shoot(precheck, 'precheck-acknowledged');

    const before = Date.now();
    await page.evaluate(() => document.addEventListener('aftersales-order', (e) => (window.__order = e.detail), { once: true }));
    await place.click();
    const event = await page.evaluate(() => window.__order);
    const shown = JSON.parse(await page.locator('#order-json').textContent());
    assert.deepEqual(shown.aftersales, event, 'the page shows the submitted payload');
    const a = event.acknowledgment;
    assert.deepEqual([...a.item_ids].sort(), ['a-wood-frame-a4', 'm-edokiriko-pair']);
    assert.equal(a.policy_id, POLICY.id);
    assert.equal(a.policy_version, POLICY.version);
    assert.match(a.policy_hash, /^sha256:[0-9a-f]{64}$/);
    assert.equal(a.statement, 'I understand this item is not covered and I bear the risk');
    assert.equal(a.locale, 'en');
    const at = Date.parse(a.acknowledged_at);
    assert.ok(at >= before - 60_000 && at <= Date.now(), `acknowledged_at ${a.acknowledged_at} is the time of ticking`);
    assert.deepEqual(
      event.items.map((i) => [i.id, i.class, i.fragile]),
      [
        ['m-edokiriko-pair', 'fragile', true],
        ['a-wood-frame-a4', 'fragile', true],
        ['a-utada-badmode', 'cd_dvd_bd', false],
        ['a-sony-wh1000xm5', 'ordinary', false],
      ],
    );
    assert.ok(await page.locator('#placed-heading').evaluate((el) => el === document.activeElement), 'focus moves to the confirmation');
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});

test('a forced click on the disabled place-order button submits nothing', async () => {
  const page = await openPage(store.browser);
  try {
    await cartWith(page, ['y-shigaraki-vase']);
    const place = page.locator('aftersales-precheck button.as-place');
    assert.equal(await place.isDisabled(), true);
    const order = await page.evaluate(() => {
      let got = null;
      document.addEventListener('aftersales-order', (e) => (got = e.detail));
      const button = document.querySelector('aftersales-precheck button.as-place');
      button.disabled = false; // as devtools would
      button.click();
      return got;
    });
    assert.equal(order, null);
    assert.equal(await page.locator('#placed').isHidden(), true);
    assert.equal(await place.isDisabled(), true, 'the widget re-blocks it');
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});

test('a cart without fragile items can be ordered at once, with no acknowledgment', async () => {
  const page = await openPage(store.browser);
  try {
    await cartWith(page, ['m-onepiece-set', 'm-uniqlo-down']);
    const precheck = page.locator('aftersales-precheck');
    assert.equal(await precheck.locator('.as-ack-box').count(), 0);
    assert.equal(await precheck.locator('button.as-place').isDisabled(), false);
    await precheck.locator('button.as-place').click();
    const shown = JSON.parse(await page.locator('#order-json').textContent());
    assert.equal(shown.aftersales.acknowledgment, null);
    assert.equal(shown.aftersales.items.find((i) => i.id === 'm-onepiece-set').class, 'paper_product');
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});

test('acknowledgments survive a language switch and the statement is recorded in the new language', async () => {
  const page = await openPage(store.browser);
  try {
    await cartWith(page, ['r-arita-mamezara']);
    const precheck = page.locator('aftersales-precheck');
    await precheck.locator('.as-ack-box').check();
    await page.selectOption('#lang-select', 'ja');
    await page.waitForFunction(() => document.querySelector('aftersales-precheck .as-place')?.textContent === '注文を確定する');
    await widgetsSettled(page);
    assert.equal(await precheck.locator('.as-ack-box').isChecked(), true);
    assert.equal(await precheck.locator('.as-flagged-item .as-reason').first().textContent(), policyMessage('class.fragile', 'ja'));
    await shoot(precheck, 'precheck-ja');
    await precheck.locator('button.as-place').click();
    const shown = JSON.parse(await page.locator('#order-json').textContent());
    assert.equal(shown.aftersales.acknowledgment.locale, 'ja');
    assert.equal(shown.aftersales.acknowledgment.statement, 'この商品が補償対象外であり、リスクを自分で負うことを理解しました');
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});

test('a hostile title in the cart renders as inert text in the pre-check', async () => {
  const page = await openPage(store.browser);
  const hostile = '<img src=x onerror=alert(1)>ワイングラス';
  try {
    await page.route('**/demo/listings.json', async (route) => {
      const response = await route.fetch();
      const doc = await response.json();
      doc.listings.unshift({ id: 'hostile', title: hostile, price_jpy: 100, marketplace: 'mercari', condition: 'new', image: 'glass' });
      await route.fulfill({ response, json: doc });
    });
    await cartWith(page, ['hostile']);
    assert.equal(await page.locator('aftersales-precheck .as-flagged-item[data-item="hostile"] .as-item-title').textContent(), hostile);
    assert.equal(await page.locator('.cart-line[data-id="hostile"] a').textContent(), hostile);
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});
