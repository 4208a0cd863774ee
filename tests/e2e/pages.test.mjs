// tests/e2e/pages.test.mjs: every demo page, in the states a shopper sees, passes an axe-core
// accessibility scan and runs under its strict Content-Security-Policy without a violation.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { assertClean, axeScan, cspViolations, openPage, startStore, widgetsSettled } from './harness.mjs';

let store;
before(async () => {
  store = await startStore();
});
after(async () => {
  await store?.stop();
});

const fillCart = async (page) => {
  await page.locator('button.fill').click();
  await page.waitForSelector('aftersales-precheck .as-flagged-item');
  await widgetsSettled(page);
};

/** [name, path, prepare(page), options]: each page in the states that matter. */
const SCENES = [
  ['search results', 'index.html', async () => {}],
  ['search results in Japanese', 'index.html', async () => {}, { lang: 'ja' }],
  ['search results in Russian, filtered', 'index.html?q=glass', async () => {}, { lang: 'ru' }],
  ['product page with the tooltip open', 'product.html?id=m-edokiriko-pair', async (page) => page.locator('.as-chip--fragile').focus()],
  ['empty cart', 'cart.html', async () => {}],
  ['cart with flagged items', 'cart.html', fillCart],
  [
    'cart with the order placed',
    'cart.html',
    async (page) => {
      await fillCart(page);
      await page.locator('.as-ack-box').check();
      await page.locator('button.as-place').click();
      await page.waitForSelector('#order-json');
    },
  ],
  ['order page with the claim verdict', 'order.html', async (page) => page.waitForSelector('aftersales-claim[data-outcome]')],
  [
    'order page with the claim data open',
    'order.html',
    async (page) => {
      await page.waitForSelector('aftersales-claim[data-outcome]');
      await page.locator('details.claim-data summary').click();
    },
  ],
  [
    'order page with urgent steps, in Chinese',
    'order.html',
    async (page) => {
      await page.locator('aftersales-claim select[data-key="incident"]').selectOption('lost_by_unpacking');
      await page.waitForSelector('aftersales-claim .as-step--urgent');
    },
    { lang: 'zh-CN' },
  ],
  [
    'order page with an invalid signing time',
    'order.html',
    async (page) => {
      await page.locator('aftersales-claim input[type="datetime-local"]').fill('2099-01-01T10:00');
      await page.waitForSelector('aftersales-claim .as-error:not([hidden])');
    },
  ],
];

test('every page passes an axe-core scan (WCAG 2.2 AA and best practices)', async () => {
  const found = {};
  for (const [name, path, prepare, options] of SCENES) {
    const violations = await axeScan(store.browser, `${store.url}${path}`, prepare, options);
    if (violations.length > 0) found[name] = violations;
  }
  assert.deepEqual(found, {});
});

test('every page runs under its CSP without a violation, console error or dialog', async () => {
  for (const [name, path, prepare, options] of SCENES) {
    const page = await openPage(store.browser, options);
    try {
      await page.goto(`${store.url}${path}`);
      await widgetsSettled(page);
      await prepare(page);
      await assert.doesNotReject(assertClean(page), name);
    } finally {
      await page.closeAll();
    }
  }
});

test('the CSP check sees violations: an injected inline script and style attribute are caught', async () => {
  const page = await openPage(store.browser);
  try {
    await page.goto(`${store.url}index.html`);
    await widgetsSettled(page);
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      document.body.setAttribute('style', 'outline: 1px solid red');
      return window.__inlineRan === true;
    });
    assert.equal(ran, false, 'the inline script was blocked');
    await page.waitForFunction(() => window.__csp.length >= 2);
    // Each is reported once per policy: the <meta> and the server's header say the same.
    const directives = [...new Set((await cspViolations(page)).map((v) => v.directive))].sort();
    assert.deepEqual(directives, ['script-src-elem', 'style-src-attr']);
  } finally {
    await page.closeAll();
  }
});

test('each page loads only the build its widgets need: pages that screen the screening half, the order page the whole', async () => {
  const none = async () => {};
  const expected = [
    ['index.html', none, ['pkg-screen']],
    ['product.html?id=m-edokiriko-pair', none, ['pkg-screen']],
    ['cart.html', none, []], // an empty cart has nothing to check yet
    ['cart.html', fillCart, ['pkg-screen']],
    ['order.html', (page) => page.waitForSelector('aftersales-claim[data-outcome]'), ['pkg']],
  ];
  for (const [path, prepare, builds] of expected) {
    const page = await openPage(store.browser);
    try {
      const loaded = [];
      page.on('request', (r) => {
        const m = /\/(pkg[^/]*)\/aftersales_bg\.wasm$/.exec(new URL(r.url()).pathname);
        if (m) loaded.push(m[1]);
      });
      await page.goto(`${store.url}${path}`);
      await widgetsSettled(page);
      await prepare(page);
      assert.deepEqual(loaded, builds, `${path} loads [${builds.join(', ')}]`);
      await assertClean(page);
    } finally {
      await page.closeAll();
    }
  }
});
