// tests/e2e/claim.test.mjs: the claim checker on the delivered order's page.
//
// The browser's clock is Playwright's fake clock, set to fixed instants, so the verdicts and the
// countdown are reproducible and the window can be made to close without waiting for it.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { assertClean, openPage, policyMessage, shoot, startStore, widgetsSettled } from './harness.mjs';

let store;
before(async () => {
  store = await startStore();
});
after(async () => {
  await store?.stop();
});

const NOW = new Date('2024-03-04T12:00:00+09:00');

async function orderPage(options = {}) {
  const page = await openPage(store.browser, { clock: NOW, ...options });
  await page.goto(`${store.url}order.html`);
  await widgetsSettled(page);
  await page.waitForSelector('aftersales-claim[data-outcome]');
  return page;
}

const claimOf = (page) => page.evaluate(() => document.querySelector('aftersales-claim').claim);
const outcome = (page) => page.locator('aftersales-claim').getAttribute('data-outcome');
const signed = (page) => page.locator('aftersales-claim input[type="datetime-local"]');
const evidence = (page, e) => page.locator(`aftersales-claim input[data-key="evidence.${e}"]`);

test('a claim reported seven days after signing shows "window closed"', async () => {
  const page = await orderPage();
  try {
    for (const e of ['unboxing_video', 'carrier_proof', 'packaging_kept']) await evidence(page, e).check();
    await signed(page).fill('2024-02-26T10:00');
    await page.waitForFunction(() => document.querySelector('aftersales-claim').dataset.outcome === 'ineligible');
    const claim = await claimOf(page);
    assert.equal(claim.signed_at, '2024-02-26T10:00:00+09:00', 'datetime-local plus the browser offset');
    const reasons = await page.locator('aftersales-claim .as-verdict > .as-reasons .as-reason').evaluateAll((els) => els.map((e) => [e.dataset.code, e.textContent]));
    assert.deepEqual(reasons, [['window_closed', policyMessage('reason.window_closed')]]);
    assert.equal(await page.locator('aftersales-claim .as-left--closed').textContent(), 'The claim window has closed.');
    assert.equal(await page.locator('aftersales-claim .as-countdown').count(), 0);
    assert.equal(await page.locator('aftersales-claim .as-deadline time').getAttribute('datetime'), '2024-03-02T23:59:59.999+09:00');
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});

test('a claim with missing evidence lists exactly the missing evidence, and the list shrinks as it is ticked', async () => {
  const page = await orderPage();
  try {
    assert.equal(await outcome(page), 'incomplete');
    const missing = () => page.locator('aftersales-claim .as-missing > li').evaluateAll((els) => els.map((e) => e.dataset.evidence));
    assert.deepEqual(await missing(), ['opened_package_photos unboxing_video', 'carrier_proof', 'packaging_kept']);
    const texts = await page.locator('aftersales-claim .as-missing').textContent();
    for (const key of ['evidence.opened_package_photos', 'evidence.unboxing_video', 'evidence.carrier_proof', 'evidence.packaging_kept']) assert.ok(texts.includes(policyMessage(key)), key);
    await evidence(page, 'carrier_proof').check();
    assert.deepEqual(await missing(), ['opened_package_photos unboxing_video', 'packaging_kept']);
    await evidence(page, 'unboxing_video').check();
    await evidence(page, 'packaging_kept').check();
    assert.equal(await page.locator('aftersales-claim .as-missing').count(), 0);
    // Complete: the glass and the manga are excluded by clause 3, the CD and the figure are covered.
    assert.equal(await outcome(page), 'partially_eligible');
    const items = await page.locator('aftersales-claim .as-item-verdict').evaluateAll((els) => els.map((e) => [e.dataset.item, e.dataset.outcome, [...e.querySelectorAll('.as-reason')].map((r) => r.dataset.code).join()]));
    assert.deepEqual(items, [
      ['m-baccarat-wine', 'ineligible', 'fragile_item'],
      ['a-utada-badmode', 'eligible', 'covered'],
      ['am-nendoroid-miku', 'eligible', 'covered'],
      ['m-onepiece-set', 'ineligible', 'non_compensable_part'],
    ]);
    // Only the CD case damaged: not compensable either.
    await page.locator('aftersales-claim select[data-key="damage.a-utada-badmode"]').selectOption('cd_case');
    await page.waitForFunction(() => document.querySelector('aftersales-claim .as-item-verdict[data-item="a-utada-badmode"]')?.dataset.outcome === 'ineligible');
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});

test('the countdown runs from the deadline and the claim is judged again when it reaches zero', async () => {
  const page = await orderPage({ clock: new Date('2024-03-06T23:58:00+09:00') });
  try {
    await signed(page).fill('2024-03-01T18:00');
    await page.waitForFunction(() => document.querySelector('aftersales-claim').claim?.signed_at === '2024-03-01T18:00:00+09:00');
    assert.equal(await outcome(page), 'incomplete');
    await page.clock.pauseAt(new Date('2024-03-06T23:59:50+09:00'));
    await page.clock.runFor(1000);
    const timer = page.locator('aftersales-claim .as-countdown');
    assert.match(await timer.textContent(), /^0 d 00:00:0[89]$/);
    assert.equal(await timer.getAttribute('role'), 'timer');
    assert.equal(await timer.evaluate((el) => el.closest('[aria-live="polite"]')), null, 'the ticking timer is outside the live region');
    assert.equal(await page.locator('aftersales-claim .as-verdict').getAttribute('aria-live'), 'polite');
    await page.clock.runFor(10_000);
    await page.waitForFunction(() => document.querySelector('aftersales-claim').dataset.outcome === 'ineligible');
    // Reported now, after the deadline: late (clause 2), whatever evidence arrives.
    const codes = await page.locator('aftersales-claim .as-verdict > .as-reasons .as-reason').evaluateAll((els) => els.map((e) => e.dataset.code));
    assert.deepEqual(codes, ['window_closed']);
    assert.equal(await page.locator('aftersales-claim .as-left--closed').count(), 1);
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});

test('items lost when customs unpacked them put the urgent step first and mark it', async () => {
  const page = await orderPage();
  try {
    await page.locator('aftersales-claim select[data-key="incident"]').selectOption('lost_by_unpacking');
    await page.locator('aftersales-claim select[data-key="cause"]').selectOption('customs_inspection');
    await page.waitForFunction(() => document.querySelector('aftersales-claim').claim?.incident === 'lost_by_unpacking');
    const steps = page.locator('aftersales-claim .as-steps > li');
    assert.equal(await steps.first().getAttribute('data-step'), 'contact_carrier_or_customs_now');
    assert.equal(await steps.first().getAttribute('class'), 'as-step as-step--urgent');
    assert.equal(await steps.first().textContent(), `Urgent: ${policyMessage('next_step.contact_carrier_or_customs_now')}`);
    assert.equal(await page.locator('aftersales-claim .as-step--urgent').count(), 1);
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});

test('a signing time in the future is refused on the field, without a verdict', async () => {
  const page = await orderPage();
  try {
    await signed(page).fill('2024-03-05T09:00');
    await page.waitForSelector('aftersales-claim .as-error:not([hidden])');
    assert.equal(await page.locator('aftersales-claim .as-error').getAttribute('role'), 'alert');
    assert.equal(await page.locator('aftersales-claim .as-error').textContent(), 'This claim cannot be checked: the delivery cannot be signed for in the future.');
    assert.equal(await signed(page).getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('aftersales-claim .as-verdict').textContent(), '');
    await signed(page).fill('2024-03-03T09:00');
    await page.waitForSelector('aftersales-claim .as-error[hidden]', { state: 'attached' });
    assert.equal(await signed(page).getAttribute('aria-invalid'), null);
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});

test('the signing time carries the offset the browser had on that date', async () => {
  const page = await orderPage({ timezoneId: 'America/New_York' });
  try {
    // US daylight saving time began on 10 March 2024 at 02:00.
    await signed(page).fill('2024-03-01T18:00');
    await page.waitForFunction(() => document.querySelector('aftersales-claim').claim?.signed_at === '2024-03-01T18:00:00-05:00');
    await page.clock.pauseAt(new Date('2024-03-12T12:00:00-04:00'));
    await signed(page).fill('2024-03-11T18:00');
    await page.waitForFunction(() => document.querySelector('aftersales-claim').claim?.signed_at === '2024-03-11T18:00:00-04:00');
    assert.equal(await page.locator('aftersales-claim .as-deadline time').getAttribute('datetime'), '2024-03-16T23:59:59.999-04:00');
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});

test('switching the language re-renders the claim checker and keeps the answers', async () => {
  const page = await orderPage();
  try {
    await page.locator('aftersales-claim select[data-key="cause"]').selectOption('courier_mishandling');
    await evidence(page, 'unboxing_video').check();
    // Paused, the last change renders the countdown from exactly this instant: a stable screenshot.
    await page.clock.pauseAt(new Date('2024-03-04T12:30:00+09:00'));
    await evidence(page, 'packaging_kept').check();
    assert.equal(await page.locator('aftersales-claim .as-countdown').textContent(), '4 d 11:29:59');
    await shoot(page.locator('aftersales-claim'), 'claim-verdict');
    await page.selectOption('#lang-select', 'ja');
    await page.waitForFunction(() => document.querySelector('aftersales-claim .as-claim > .as-heading')?.textContent === '破損・紛失の補償申請を確認');
    assert.equal(await evidence(page, 'unboxing_video').isChecked(), true);
    assert.equal(await page.locator('aftersales-claim select[data-key="cause"]').inputValue(), 'courier_mishandling');
    assert.equal(await page.locator('aftersales-claim .as-outcome').textContent(), policyMessage('outcome.incomplete', 'ja'));
    const labels = await page.locator('aftersales-claim .as-evidence label').allTextContents();
    assert.deepEqual(labels, ['opened_package_photos', 'unboxing_video', 'carrier_proof', 'packaging_kept', 'documents_kept'].map((e) => policyMessage(`evidence.${e}`, 'ja')));
    assert.equal(await page.locator('aftersales-claim .as-countdown').textContent(), '4日 11:29:59');
    await shoot(page.locator('aftersales-claim'), 'claim-verdict-ja');
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});
